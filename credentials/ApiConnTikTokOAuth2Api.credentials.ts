import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { TIKTOK_OAUTH } from '../nodes/TikTok/TikTok.oauth';

/**
 * TikTok Login Kit (OAuth 2.0 v2): Client ID and Client Secret are the app's Client key and Client secret from
 * the TikTok for Developers portal. TikTok names the client id `client_key`: the hidden fields send it in the
 * authorization URL and the code exchange, and the engine refreshes the token itself (n8n's refresh cannot).
 */
export class ApiConnTikTokOAuth2Api implements ICredentialType {
	name = 'apiConnTikTokOAuth2Api';

	displayName = 'TikTok (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/TikTok/tikTok.svg',
		dark: 'file:../nodes/TikTok/tikTok.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/tiktok.md';

	properties: INodeProperties[] = oauth2Properties(TIKTOK_OAUTH);

	// "Who am I": GET /v2/user/info/ answers with the account's open_id and display name (scope user.info.basic).
	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://open.tiktokapis.com',
			url: '/v2/user/info/',
			qs: { fields: 'open_id,display_name' },
		},
	};
}
