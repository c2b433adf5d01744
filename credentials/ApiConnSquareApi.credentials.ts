import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { bearerAuthenticate, bearerTokenProperties } from '../lib/auth/kinds';
import { SQUARE_PRODUCTION, SQUARE_SANDBOX, SQUARE_VERSION } from '../nodes/Square/Square.oauth';

/**
 * A Square application's personal access token (Developer Console → the application → Credentials), sent as
 * `Authorization: Bearer <token>`, for production or the sandbox. It acts for the application's own seller
 * account with every permission, and it is the only token Square's Webhook Subscriptions API takes (the trigger).
 */
export class ApiConnSquareApi implements ICredentialType {
	name = 'apiConnSquareApi';

	displayName = 'Square (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/Square/square.svg',
		dark: 'file:../nodes/Square/square.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/square.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: SQUARE_PRODUCTION },
				{ name: 'Sandbox', value: SQUARE_SANDBOX },
			],
			default: SQUARE_PRODUCTION,
			description:
				'Production (connect.squareup.com) or the sandbox (connect.squareupsandbox.com); the access token must be of the same environment',
		},
		...bearerTokenProperties().map((p) =>
			p.name === 'accessToken'
				? {
						...p,
						description:
							"The application's personal access token (Developer Console → your application → Credentials): the Production or the Sandbox one",
					}
				: p,
		),
	];

	authenticate: IAuthenticateGeneric = bearerAuthenticate;

	// GET /v2/merchants/me: the seller the token acts for.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.environment}}',
			url: '/v2/merchants/me',
			headers: { 'Square-Version': SQUARE_VERSION },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Square rejected the access token (AUTHENTICATION_ERROR): copy it again from the Developer Console, and check that the Environment matches it (a sandbox token does not work in production)',
				},
			},
		],
	};
}
