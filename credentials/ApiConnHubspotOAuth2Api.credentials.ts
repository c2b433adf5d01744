import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { HUBSPOT_OAUTH } from '../nodes/Hubspot/Hubspot.oauth';

/** A HubSpot OAuth2 app connection; client ID and secret come from the app, scopes default to the least needed. */
export class ApiConnHubspotOAuth2Api implements ICredentialType {
	name = 'apiConnHubspotOAuth2Api';

	displayName = 'HubSpot (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Hubspot/hubspot.svg',
		dark: 'file:../nodes/Hubspot/hubspot.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/hubspot.md';

	properties: INodeProperties[] = oauth2Properties(HUBSPOT_OAUTH);

	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.hubapi.com', url: '/account-info/v3/details' },
	};
}
