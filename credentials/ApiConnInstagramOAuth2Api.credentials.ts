import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { INSTAGRAM_GRAPH_URL } from '../nodes/Meta/meta';
import { INSTAGRAM_OAUTH } from '../nodes/Instagram/Instagram.oauth';

/**
 * Instagram API with Instagram Login (Business Login for Instagram): the professional account logs in
 * with Instagram itself, no Facebook Page needed. Client ID/secret are the *Instagram* app ID/secret
 * from the Meta app's "API setup with Instagram login" page.
 */
export class ApiConnInstagramOAuth2Api implements ICredentialType {
	name = 'apiConnInstagramOAuth2Api';

	displayName = 'Instagram Meta App (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Instagram/instagram.svg',
		dark: 'file:../nodes/Instagram/instagram.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/instagram.md';

	properties: INodeProperties[] = [
		...oauth2Properties(INSTAGRAM_OAUTH),
		// The Instagram Trigger registers the webhook as the Meta app (POST /{app-id}/subscriptions with the app token).
		{
			displayName: 'Meta App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description:
				"For the Instagram Trigger: the Meta app's App ID (App settings → Basic), which differs from the Instagram app ID above. Empty: the Client ID is used.",
		},
		{
			displayName: 'Meta App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"For the Instagram Trigger: the Meta app's App Secret (App settings → Basic). Empty: the Client Secret is used.",
		},
	];

	// The seed's connection test: GET /me answers with the account's id and username.
	test: ICredentialTestRequest = {
		request: { baseURL: INSTAGRAM_GRAPH_URL, url: '/me', qs: { fields: 'id,username' } },
	};
}
