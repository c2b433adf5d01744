import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import {
	SQUARE_OAUTH,
	SQUARE_PRODUCTION,
	SQUARE_SANDBOX,
	SQUARE_VERSION,
} from '../nodes/Square/Square.oauth';

/** The sign-in and token endpoints live on the environment's own host (production or sandbox). */
const HOST = '{{$self["environment"]}}';

/**
 * A Square application's OAuth connection to a seller account (production or sandbox). Client ID (the
 * application ID) and secret come from the Developer Console's OAuth page; the default scopes are the least the
 * node's operations need.
 */
export class ApiConnSquareOAuth2Api implements ICredentialType {
	name = 'apiConnSquareOAuth2Api';

	displayName = 'Square (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

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
				'Production (connect.squareup.com) or the sandbox (connect.squareupsandbox.com); use the application ID and secret of the same environment',
		},
		...oauth2Properties(SQUARE_OAUTH).map((p) =>
			p.name === 'authUrl'
				? { ...p, default: `=${HOST}/oauth2/authorize` }
				: p.name === 'accessTokenUrl'
					? { ...p, default: `=${HOST}/oauth2/token` }
					: p,
		),
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.environment}}',
			url: '/v2/merchants/me',
			headers: { 'Square-Version': SQUARE_VERSION },
		},
	};
}
