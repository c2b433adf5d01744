import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { byName } from '../../lib/builder/order';
import { identityOf } from '../../lib/spec/identity';
import type { ServiceSpec } from '../../lib/spec/types';

/** The node's "Authentication" choices and the credential type behind each. */
export const CUSTOM_API_AUTH = [
	{ name: 'API Key', value: 'apiKey', kind: 'apiKey', credentialType: 'customApiKeyApi' },
	{
		name: 'Basic Auth',
		value: 'basicAuth',
		kind: 'basic',
		credentialType: 'customApiBasicAuthApi',
	},
	{
		name: 'Bearer Token',
		value: 'bearerToken',
		kind: 'bearer',
		credentialType: 'customApiBearerApi',
	},
	{ name: 'OAuth2', value: 'oAuth2', kind: 'oauth2', credentialType: 'customApiOAuth2Api' },
] as const;

/** The credentials list and "Authentication" selector shared by the Custom API and GraphQL nodes. */
export function customAuthDescription(help: string): {
	credentials: INodeCredentialDescription[];
	property: INodeProperties;
} {
	return {
		credentials: CUSTOM_API_AUTH.map(({ value, credentialType }) => ({
			name: credentialType,
			required: true,
			displayOptions: { show: { authentication: [value] } },
		})),
		property: {
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: byName([
				{ name: 'None', value: 'none' },
				...CUSTOM_API_AUTH.map(({ name, value }) => ({ name, value })),
			]),
			default: 'none',
			description: help,
		},
	};
}

/** A list of name/value rows (path variables, query parameters, headers, form fields). */
export function pairsProperty(
	displayName: string,
	name: string,
	row: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${row[0].toUpperCase()}${row.slice(1)}`,
		default: {},
		...extra,
		options: [
			{
				displayName: `${row[0].toUpperCase()}${row.slice(1)}`,
				name: row,
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/** The credential type for an "Authentication" value; none for 'none'. */
export function credentialTypeFor(authentication: string): string | undefined {
	return CUSTOM_API_AUTH.find((a) => a.value === authentication)?.credentialType;
}

/** The generic REST connection: any base URL, every auth kind. Its node is hand-built (one free-form operation). */
export const customApiSpec: ServiceSpec = {
	id: 'customApi',
	displayName: 'Custom API',
	description: 'Any REST API: base URL and auth on the credential, method and endpoint on the node',
	docsUrl:
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/custom-api.md',
	baseUrl: '{baseUrl}',
	auth: CUSTOM_API_AUTH.map(({ kind, credentialType, name }) => ({
		kind,
		credentialType,
		displayName: name,
	})),
	credentialTest: { method: 'GET', path: '{testPath}' },
	resources: [],
	// Any base URL: not one service, so each credential is its own connection (no one-per-workspace rule).
	connection: {
		exclusive: false,
		// RFC 7009 token revocation at the endpoint the OAuth2 credential names (empty: none).
		revoke: {
			path: '{revocationUrl}',
			token: 'refreshElseAccess',
			tokenIn: 'form',
			tokenTypeHint: true,
			clientAuth: 'oauth2',
			credentialTypes: ['customApiOAuth2Api'],
		},
	},
};

export const customApiService = identityOf(customApiSpec);
