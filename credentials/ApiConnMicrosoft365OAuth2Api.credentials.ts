import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { MICROSOFT_OAUTH, tenantProperty } from '../nodes/Microsoft/Microsoft.oauth';

/**
 * A Microsoft 365 connection on behalf of a signed-in user (Microsoft identity platform v2, authorization code):
 * one credential for Outlook, OneDrive and the other Microsoft 365 nodes. Refresh tokens rotate: n8n keeps the
 * new one of every refresh.
 */
export class ApiConnMicrosoft365OAuth2Api implements ICredentialType {
	name = 'apiConnMicrosoft365OAuth2Api';

	displayName = 'Microsoft 365 (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Microsoft/microsoft365.svg',
		dark: 'file:../nodes/Microsoft/microsoft365.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/microsoft-365.md';

	properties: INodeProperties[] = [tenantProperty(false), ...oauth2Properties(MICROSOFT_OAUTH)];

	test: ICredentialTestRequest = {
		request: { baseURL: 'https://graph.microsoft.com/v1.0', url: '/me' },
	};
}
