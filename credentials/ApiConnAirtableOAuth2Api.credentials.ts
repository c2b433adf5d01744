import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { AIRTABLE_OAUTH } from '../nodes/Airtable/Airtable.oauth';

/**
 * An Airtable OAuth integration (airtable.com/create/oauth): authorization code with PKCE (S256). Access tokens
 * last 60 minutes; each refresh answers a new refresh token, which n8n stores in place of the old one.
 */
export class ApiConnAirtableOAuth2Api implements ICredentialType {
	name = 'apiConnAirtableOAuth2Api';

	displayName = 'Airtable (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Airtable/airtable.svg',
		dark: 'file:../nodes/Airtable/airtable.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/airtable.md';

	properties: INodeProperties[] = oauth2Properties(AIRTABLE_OAUTH);

	// GET /v0/meta/whoami: the user who authorised the integration, and the granted scopes.
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.airtable.com', url: '/v0/meta/whoami' },
	};
}
