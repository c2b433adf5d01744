import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { AIRTABLE_OAUTH } from '../nodes/Airtable/Airtable.oauth';

/** A Airtable OAuth2 app connection; client ID and secret come from the app, scopes default to the least needed. */
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

	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.airtable.com', url: '/v0/meta/whoami' },
	};
}
