import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { MICROSOFT_APP_OAUTH, tenantProperty } from '../nodes/Microsoft/Microsoft.oauth';

/**
 * A Microsoft 365 app's own access to one tenant (client credentials, application permissions granted by an
 * administrator), for unattended workflows: no signed-in user, so every operation names the user whose mailbox
 * or OneDrive it works on. n8n fetches the token on first use and stores it; it is renewed before it expires.
 */
export class ApiConnMicrosoft365AppOAuth2Api implements ICredentialType {
	name = 'apiConnMicrosoft365AppOAuth2Api';

	displayName = 'Microsoft 365 App-Only (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Microsoft/microsoft365.svg',
		dark: 'file:../nodes/Microsoft/microsoft365.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/microsoft-365.md';

	properties: INodeProperties[] = [tenantProperty(true), ...oauth2Properties(MICROSOFT_APP_OAUTH)];

	// An app-only token has no /me. Listing one user proves the tenant, client ID and secret (the token was
	// issued); it needs User.Read.All, else Graph answers 403 Authorization_RequestDenied (see the doc page).
	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://graph.microsoft.com/v1.0',
			url: '/users',
			qs: { $top: 1, $select: 'id' },
		},
	};
}
