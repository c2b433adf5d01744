/**
 * Credential building blocks every service reuses: the fields and `authenticate` of each auth kind
 * (API key in a header or the query, Basic, bearer token, OAuth2), so a service's credential class
 * is a few lines of data.
 */
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

// The one OAuth type lives with the spec (type-only: this leaf module still loads nothing more).
import type { OAuth2Facts } from '../spec/types';

export type { OAuth2Facts };

/** A base URL field (for services whose host differs per account, and for the generic connections). */
export function baseUrlProperty(
	placeholder = 'https://api.example.com/v1',
	description?: string,
): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description:
			description ??
			'Every request of this connection starts with this URL; endpoints are added to it',
	};
}

/** The path the credential test calls (the seed's "Test Connection: GET /me"). */
export function testPathProperty(defaultPath = '/'): INodeProperties {
	return {
		displayName: 'Test Endpoint',
		name: 'testPath',
		type: 'string',
		default: defaultPath,
		description:
			'A GET endpoint that answers 2xx when the credential works, used by "Test" in n8n and the Connections node',
	};
}

/** The test request of a credential whose base URL and test path are its own fields. */
export function testFromFields(): ICredentialTestRequest {
	return {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '={{$credentials.testPath}}',
			method: 'GET',
		},
	};
}

/** Fields of an API key that can be sent in a header or in the query string. */
export function apiKeyProperties(
	defaults: { location?: 'header' | 'query'; name?: string; prefix?: string } = {},
): INodeProperties[] {
	return [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Key Location',
			name: 'keyLocation',
			type: 'options',
			options: [
				{ name: 'Header', value: 'header', description: 'Send the key in a request header' },
				{
					name: 'Query Parameter',
					value: 'query',
					description: 'Send the key in the URL query string',
				},
			],
			default: defaults.location ?? 'header',
		},
		{
			displayName: 'Header or Parameter Name',
			name: 'keyName',
			type: 'string',
			default: defaults.name ?? 'X-API-Key',
			required: true,
			description:
				'Name of the header (e.g. X-API-Key) or query parameter (e.g. api_key) that carries the key',
		},
		{
			displayName: 'Value Prefix',
			name: 'keyPrefix',
			type: 'string',
			default: defaults.prefix ?? '',
			placeholder: 'Token ',
			description: 'Text put before the key, if the service wants one (include the space)',
		},
	];
}

/** `authenticate` for `apiKeyProperties`: header or query, decided by the credential's own fields. */
export async function authenticateApiKey(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const name = String(credentials.keyName ?? '').trim();
	const value = `${String(credentials.keyPrefix ?? '')}${String(credentials.apiKey ?? '')}`;
	if (!name) return requestOptions;
	if (credentials.keyLocation === 'query') {
		requestOptions.qs = { ...(requestOptions.qs ?? {}), [name]: value };
	} else {
		requestOptions.headers = { ...(requestOptions.headers ?? {}), [name]: value };
	}
	return requestOptions;
}

export function basicAuthProperties(): INodeProperties[] {
	return [
		{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];
}

export const basicAuthenticate: IAuthenticateGeneric = {
	type: 'generic',
	properties: {
		auth: { username: '={{$credentials.username}}', password: '={{$credentials.password}}' },
	},
};

export function bearerTokenProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];
}

export const bearerAuthenticate: IAuthenticateGeneric = {
	type: 'generic',
	properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
};

/**
 * The authorization URL's extra query. A provider that names the client id otherwise (`client_key`) gets it
 * from the credential's own Client ID: n8n resolves `$self` expressions of hidden fields before it builds the URL.
 */
function authQuery(facts: OAuth2Facts): string {
	const fixed = facts.authQueryParameters ?? '';
	if (!facts.clientIdParam) return fixed;
	const prefix = `${fixed}${fixed ? '&' : ''}${facts.clientIdParam}=`;
	return `={{ ${JSON.stringify(prefix)} + encodeURIComponent($self["clientId"]) }}`;
}

/**
 * The hidden fields that pin an OAuth2 credential (which `extends: ['oAuth2Api']`) to one provider,
 * with least-privilege default scopes the user can still widen.
 */
export function oauth2Properties(facts: OAuth2Facts): INodeProperties[] {
	const props: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: facts.grantType },
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: facts.tokenUrl,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: facts.scopes.join(facts.scopeSeparator ?? ' '),
			description:
				'Permissions requested when connecting. The default is the least this node needs.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: authQuery(facts),
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: facts.clientAuthentication ?? 'header',
		},
	];
	if (facts.pkceOption)
		// n8n's own switch: with the authorization-code grant it adds an S256 code challenge and sends the verifier.
		props.push({
			displayName: 'Use PKCE',
			name: 'usePkce',
			type: 'boolean',
			default: false,
			description:
				'Whether to add a PKCE code challenge to the authorization (required by the provider for some kinds of app, see the documentation)',
		});
	if (facts.clientIdParam)
		// n8n adds this JSON object to the code exchange's form body (its `client_id` stays too).
		props.push({
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'hidden',
			default: `={{ JSON.stringify({ ${JSON.stringify(facts.clientIdParam)}: $self["clientId"] }) }}`,
		});
	if (facts.authUrl)
		props.splice(1, 0, {
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: facts.authUrl,
		});
	return props;
}
