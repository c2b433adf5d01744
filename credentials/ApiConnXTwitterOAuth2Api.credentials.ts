import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { X_TWITTER_OAUTH } from '../nodes/XTwitter/XTwitter.oauth';

/**
 * An X user connection: OAuth 2.0 authorization code with PKCE. Client ID and Client Secret come from the app's
 * "Keys and tokens" page (OAuth 2.0 Client ID and Client Secret); access tokens last 2 hours and are refreshed
 * with the refresh token that offline.access grants, which X replaces on every refresh.
 */
export class ApiConnXTwitterOAuth2Api implements ICredentialType {
	name = 'apiConnXTwitterOAuth2Api';

	displayName = 'X (Twitter) (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/XTwitter/xTwitter.svg',
		dark: 'file:../nodes/XTwitter/xTwitter.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/x-twitter.md';

	properties: INodeProperties[] = oauth2Properties(X_TWITTER_OAUTH);

	// GET /2/users/me: the connected account (id, name, username).
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.x.com', url: '/2/users/me' },
	};
}
