// n8n's own `oAuth2Api` credential type, the parent every `extends: ['oAuth2Api']` credential resolves to.
// Loaded from n8n's published n8n-nodes-base when present; otherwise a stand-in with the fields, defaults and
// `doNotInherit` flags of n8n's definition that n8n-core's OAuth2 path reads (no JWE / server-URL fields).
import { join } from 'node:path';

import type { ICredentialType, INodeProperties } from 'n8n-workflow';

const noDcr = { useDynamicClientRegistration: [false] };
const codeFlows = { grantType: ['authorizationCode', 'pkce'], ...noDcr };
const clientCredentialsBody = {
	grantType: ['clientCredentials'],
	authentication: ['body'],
	...noDcr,
};

const STAND_IN_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Use Dynamic Client Registration',
		name: 'useDynamicClientRegistration',
		type: 'hidden',
		default: false,
	},
	{
		displayName: 'Grant Type',
		name: 'grantType',
		type: 'options',
		displayOptions: { show: noDcr },
		options: [
			{ name: 'Authorization Code', value: 'authorizationCode' },
			{ name: 'Client Credentials', value: 'clientCredentials' },
			{ name: 'PKCE', value: 'pkce' },
		],
		default: 'authorizationCode',
	},
	{
		displayName: 'Authorization URL',
		name: 'authUrl',
		type: 'string',
		displayOptions: { show: codeFlows },
		default: '',
		required: true,
	},
	{
		displayName: 'Access Token URL',
		name: 'accessTokenUrl',
		type: 'string',
		displayOptions: { show: noDcr },
		default: '',
		required: true,
	},
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		displayOptions: { show: noDcr },
		default: '',
		required: true,
	},
	{
		displayName: 'Client Secret',
		name: 'clientSecret',
		type: 'string',
		typeOptions: { password: true },
		displayOptions: { show: noDcr },
		default: '',
		required: true,
	},
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'string',
		displayOptions: { show: noDcr },
		default: '',
	},
	{
		displayName: 'Auth URI Query Parameters',
		name: 'authQueryParameters',
		type: 'string',
		displayOptions: { show: codeFlows },
		default: '',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		displayOptions: { show: noDcr },
		options: [
			{ name: 'Body', value: 'body' },
			{ name: 'Header', value: 'header' },
		],
		default: 'header',
	},
	{
		displayName: 'Send Additional Body Properties',
		name: 'sendAdditionalBodyProperties',
		type: 'boolean',
		displayOptions: { show: clientCredentialsBody },
		default: false,
	},
	{
		displayName: 'Additional Body Properties',
		name: 'additionalBodyProperties',
		type: 'json',
		displayOptions: { show: { ...clientCredentialsBody, sendAdditionalBodyProperties: [true] } },
		default: '',
	},
	{
		displayName: 'Ignore SSL Issues (Insecure)',
		name: 'ignoreSSLIssues',
		type: 'boolean',
		default: false,
		doNotInherit: true,
	},
	{
		displayName: 'Token Expired Status Code',
		name: 'tokenExpiredStatusCode',
		type: 'number',
		default: 401,
		doNotInherit: true,
	},
];

let cached: ICredentialType | undefined;

// Where n8n's definition can come from: an installed n8n-nodes-base, else the copy scripts/fetch-peer.sh
// unpacks into .peer/ (the same version n8n 2.41.1 ships).
const SOURCES = [
	'n8n-nodes-base/dist/credentials/OAuth2Api.credentials.js',
	join(__dirname, '../../.peer/n8n-nodes-base/dist/credentials/OAuth2Api.credentials.js'),
];

/** Where the registered `oAuth2Api` came from: a file path, or `'stand-in'`. */
export let oAuth2ApiSource = 'stand-in';

export function n8nOAuth2Api(): ICredentialType {
	if (cached) return cached;
	for (const source of SOURCES) {
		try {
			const mod = require(source) as { OAuth2Api: new () => ICredentialType };
			cached = new mod.OAuth2Api();
			oAuth2ApiSource = require.resolve(source);
			return cached;
		} catch {
			// not available here: try the next source
		}
	}
	cached = {
		name: 'oAuth2Api',
		displayName: 'OAuth2 API',
		documentationUrl: 'httprequest',
		genericAuth: true,
		properties: STAND_IN_PROPERTIES,
	};
	return cached;
}
