import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { bearerAuthenticate } from '../lib/auth/kinds';

/**
 * An X app's own access: the app-only Bearer Token (OAuth 2.0 client credentials) for reading public posts and
 * users, and registering the Account Activity webhook; the API Key Secret (consumer secret) verifies the
 * webhook's CRC and deliveries.
 */
export class ApiConnXTwitterApi implements ICredentialType {
	name = 'apiConnXTwitterApi';

	displayName = 'X (Twitter) App-Only (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/XTwitter/xTwitter.svg',
		dark: 'file:../nodes/XTwitter/xTwitter.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/x-twitter.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Bearer Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The app\'s Bearer Token from the developer portal ("Keys and tokens" → Bearer Token): reads public data only',
		},
		{
			displayName: 'API Key Secret (Consumer Secret)',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the trigger: the app\'s API Key Secret ("Keys and tokens" → Consumer Keys), which signs the webhook\'s CRC answers and deliveries',
		},
	];

	authenticate: IAuthenticateGeneric = bearerAuthenticate;

	// An app-only token cannot call /2/users/me (user context); a public user lookup proves the token.
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.x.com', url: '/2/users/by/username/XDevelopers' },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'X rejected the Bearer Token: copy it again from the developer portal, or regenerate it',
				},
			},
		],
	};
}
