import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { FACEBOOK_GRAPH_URL } from '../nodes/Meta/meta';
import { FACEBOOK_PAGES_OAUTH } from '../nodes/FacebookPages/FacebookPages.oauth';

/**
 * Facebook Login for the Pages API: a user token for the person who manages the Pages; the nodes get
 * each Page's own token from it at run time. Client ID/secret are the Meta app's App ID and App Secret.
 */
export class ApiConnFacebookPagesOAuth2Api implements ICredentialType {
	name = 'apiConnFacebookPagesOAuth2Api';

	displayName = 'Facebook Pages Meta App (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/FacebookPages/facebookPages.svg',
		dark: 'file:../nodes/FacebookPages/facebookPages.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/facebook-pages.md';

	properties: INodeProperties[] = oauth2Properties(FACEBOOK_PAGES_OAUTH);

	// The seed's connection test: GET /me answers with the user's id and name.
	test: ICredentialTestRequest = {
		request: { baseURL: FACEBOOK_GRAPH_URL, url: '/me', qs: { fields: 'id,name' } },
	};
}
