import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { LINKED_IN_OAUTH } from '../nodes/LinkedIn/LinkedIn.oauth';

/**
 * A LinkedIn app connection (OAuth 2.0, 3-legged): client ID and secret from the app's Auth tab, whose
 * Products grant the scopes (Sign In with LinkedIn using OpenID Connect, Share on LinkedIn, Community
 * Management API). The default scopes are the union of what the node's operations need.
 */
export class ApiConnLinkedInOAuth2Api implements ICredentialType {
	name = 'apiConnLinkedInOAuth2Api';

	displayName = 'LinkedIn (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/LinkedIn/linkedIn.svg',
		dark: 'file:../nodes/LinkedIn/linkedIn.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/linkedin.md';

	properties: INodeProperties[] = oauth2Properties(LINKED_IN_OAUTH);

	// "Who am I": OpenID Connect userinfo answers with the member's sub, name and e-mail.
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.linkedin.com', url: '/v2/userinfo' },
	};
}
