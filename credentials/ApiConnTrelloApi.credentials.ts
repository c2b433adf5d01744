import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * Trello with an API key and a user token. Both go in Trello's `Authorization: OAuth oauth_consumer_key="…",
 * oauth_token="…"` header (Trello accepts it in place of the `key` and `token` query parameters), so neither
 * ever appears in a URL. The API secret is only for the trigger: it verifies `X-Trello-Webhook`.
 */
export class ApiConnTrelloApi implements ICredentialType {
	name = 'apiConnTrelloApi';

	displayName = 'Trello (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/Trello/trello.svg',
		dark: 'file:../nodes/Trello/trello.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/trello.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API key of your Power-Up at https://trello.com/power-ups/admin (API key tab)',
		},
		{
			displayName: 'Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A user token authorized for that key at https://trello.com/1/authorize?expiration=never&scope=read,write&response_type=token&key=<API key>&name=n8n — expiration=1day or 30days for a token that lapses',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The secret shown beside the API key; the Trello Trigger needs it to verify deliveries (X-Trello-Webhook) and refuses every delivery without it',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'=OAuth oauth_consumer_key="{{$credentials.apiKey}}", oauth_token="{{$credentials.apiToken}}"',
			},
		},
	};

	// GET /1/members/me: the member the token belongs to.
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.trello.com/1', url: '/members/me' },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Trello refused the API key or token: check both, and that the token has not expired (expiration chosen when it was authorized) or been revoked',
				},
			},
		],
	};
}
