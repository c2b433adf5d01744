import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { baseUrlProperty, testFromFields, testPathProperty } from '../lib/auth/kinds';

/**
 * Any OAuth2 API: n8n's own OAuth2 fields (authorization code, client credentials or PKCE; URLs,
 * scope) plus the base URL that requests start with. n8n runs the authorization flow and stores the token.
 */
export class CustomApiOAuth2Api implements ICredentialType {
	name = 'customApiOAuth2Api';

	displayName = 'Custom Service OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = { light: 'file:../icons/api.svg', dark: 'file:../icons/api.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/custom-api.md';

	properties: INodeProperties[] = [
		baseUrlProperty(),
		testPathProperty(),
		{
			displayName: 'Revocation URL',
			name: 'revocationUrl',
			type: 'string',
			default: '',
			placeholder: 'https://auth.example.com/oauth/revoke',
			description:
				"The provider's RFC 7009 token revocation endpoint; the Connections node's Disconnect revokes the token there (leave empty if the provider has none)",
		},
	];

	test: ICredentialTestRequest = testFromFields();
}
