"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.customApiService = exports.customApiSpec = exports.CUSTOM_API_AUTH = void 0;
exports.credentialTypeFor = credentialTypeFor;
const identity_1 = require("../../lib/spec/identity");
/** The node's "Authentication" choices and the credential type behind each. */
exports.CUSTOM_API_AUTH = [
    { name: 'API Key', value: 'apiKey', kind: 'apiKey', credentialType: 'customApiKeyApi' },
    { name: 'Basic Auth', value: 'basicAuth', kind: 'basic', credentialType: 'customApiBasicAuthApi' },
    { name: 'Bearer Token', value: 'bearerToken', kind: 'bearer', credentialType: 'customApiBearerApi' },
    { name: 'OAuth2', value: 'oAuth2', kind: 'oauth2', credentialType: 'customApiOAuth2Api' },
];
/** The credential type for an "Authentication" value; none for 'none'. */
function credentialTypeFor(authentication) {
    return exports.CUSTOM_API_AUTH.find((a) => a.value === authentication)?.credentialType;
}
/** The generic REST connection: any base URL, every auth kind. Its node is hand-built (one free-form operation). */
exports.customApiSpec = {
    id: 'customApi',
    displayName: 'Custom API',
    description: 'Any REST API: base URL and auth on the credential, method and endpoint on the node',
    docsUrl: 'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections#custom-api',
    baseUrl: '{baseUrl}',
    auth: exports.CUSTOM_API_AUTH.map(({ kind, credentialType, name }) => ({ kind, credentialType, displayName: name })),
    credentialTest: { method: 'GET', path: '{testPath}' },
    resources: [],
};
exports.customApiService = (0, identity_1.identityOf)(exports.customApiSpec);
