import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { X_TWITTER_OAUTH } from '../nodes/XTwitter/XTwitter.oauth';

/** A X Twitter OAuth2 app connection; client ID and secret come from the app, scopes default to the least needed. */
export class ApiConnXTwitterOAuth2Api implements ICredentialType {
	name = 'apiConnXTwitterOAuth2Api';

	displayName = 'X Twitter (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/XTwitter/xTwitter.svg',
		dark: 'file:../nodes/XTwitter/xTwitter.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/x-twitter.md';

	properties: INodeProperties[] = oauth2Properties(X_TWITTER_OAUTH);

	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.x.com', url: '/2/users/me' },
	};
}
