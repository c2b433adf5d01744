import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { bearerAuthenticate, bearerTokenProperties } from '../lib/auth/kinds';

/** X Twitter: An access token, sent as `Authorization: Bearer <token>`. */
export class ApiConnXTwitterApi implements ICredentialType {
	name = 'apiConnXTwitterApi';

	displayName = 'X Twitter (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/XTwitter/xTwitter.svg',
		dark: 'file:../nodes/XTwitter/xTwitter.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/x-twitter.md';

	properties: INodeProperties[] = bearerTokenProperties();

	authenticate: IAuthenticateGeneric = bearerAuthenticate;

	// GET /2/users/me: who the credential belongs to.
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.x.com', url: '/2/users/me' },
	};
}
