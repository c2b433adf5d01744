import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { TIK_TOK_OAUTH } from '../nodes/TikTok/TikTok.oauth';

/** A TikTok OAuth2 app connection; client ID and secret come from the app, scopes default to the least needed. */
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

	properties: INodeProperties[] = oauth2Properties(TIK_TOK_OAUTH);

	test: ICredentialTestRequest = {
		request: { baseURL: 'https://open.tiktokapis.com', url: '/v2/user/info/' },
	};
}
