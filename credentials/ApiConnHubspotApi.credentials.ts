import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { bearerAuthenticate, bearerTokenProperties } from '../lib/auth/kinds';

/**
 * A HubSpot private app's access token (Settings → Integrations → Private Apps → the app → Auth), sent as
 * `Authorization: Bearer <token>`. It acts for the one account the private app belongs to, with the scopes
 * ticked on the app's Scopes tab (docs/services/hubspot.md lists which operation needs which).
 */
export class ApiConnHubspotApi implements ICredentialType {
	name = 'apiConnHubspotApi';

	displayName = 'HubSpot (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/Hubspot/hubspot.svg',
		dark: 'file:../nodes/Hubspot/hubspot.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/hubspot.md';

	properties: INodeProperties[] = bearerTokenProperties().map((p) =>
		p.name === 'accessToken'
			? {
					...p,
					displayName: 'Private App Access Token',
					description:
						"The private app's access token (pat-…), from the app's Auth tab in HubSpot's Private Apps settings",
				}
			: p,
	);

	authenticate: IAuthenticateGeneric = bearerAuthenticate;

	// GET /account-info/v3/details: who the credential belongs to.
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.hubapi.com', url: '/account-info/v3/details' },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'HubSpot rejected the access token (INVALID_AUTHENTICATION): copy it again from the private app’s Auth tab, or rotate it there if it was revoked',
				},
			},
		],
	};
}
