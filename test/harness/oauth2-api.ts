// n8n's own `oAuth2Api` credential type, the parent every `extends: ['oAuth2Api']` credential resolves to.
// Loaded from n8n-nodes-base when it is installed; otherwise a stand-in with the fields, defaults and
// `doNotInherit` flags of n8n's definition that n8n-core's OAuth2 path reads (no JWE / server-URL fields).
import type { ICredentialType, INodeProperties } from 'n8n-workflow';

const noDcr = { useDynamicClientRegistration: [false] };
const codeFlows = { grantType: ['authorizationCode', 'pkce'], ...noDcr };
const clientCredentialsBody = { grantType: ['clientCredentials'], authentication: ['body'], ...noDcr };

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
	{ displayName: 'Scope', name: 'scope', type: 'string', displayOptions: { show: noDcr }, default: '' },
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

/** `true` when the definition came from the installed n8n-nodes-base package. */
export let oAuth2ApiFromNodesBase = false;

export function n8nOAuth2Api(): ICredentialType {
	if (cached) return cached;
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require('n8n-nodes-base/dist/credentials/OAuth2Api.credentials.js') as {
			OAuth2Api: new () => ICredentialType;
		};
		cached = new mod.OAuth2Api();
		oAuth2ApiFromNodesBase = true;
	} catch {
		cached = {
			name: 'oAuth2Api',
			displayName: 'OAuth2 API',
			documentationUrl: 'httprequest',
			genericAuth: true,
			properties: STAND_IN_PROPERTIES,
		};
	}
	return cached;
}
