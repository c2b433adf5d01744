import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { PINTEREST_OAUTH } from '../nodes/Pinterest/Pinterest.oauth';

/**
 * A Pinterest app (developers.pinterest.com → My apps): its App ID and App secret key. Pinterest issues a
 * continuous refresh token (60 days, renewed by every refresh); n8n refreshes the 30-day access token with it.
 */
export class ApiConnPinterestOAuth2Api implements ICredentialType {
	name = 'apiConnPinterestOAuth2Api';

	displayName = 'Pinterest (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Pinterest/pinterest.svg',
		dark: 'file:../nodes/Pinterest/pinterest.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/pinterest.md';

	properties: INodeProperties[] = oauth2Properties(PINTEREST_OAUTH);

	// GET /v5/user_account: the account the token belongs to (needs user_accounts:read).
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.pinterest.com/v5', url: '/user_account' },
	};
}
