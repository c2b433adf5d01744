import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * Mailchimp: an API key (`<32 hex>-<data center>`, e.g. `…-us6`), sent as HTTP Basic with any user name. The data
 * center in the key's suffix is the API's host (`https://us6.api.mailchimp.com/3.0`).
 */
export class ApiConnMailchimpApi implements ICredentialType {
	name = 'apiConnMailchimpApi';

	displayName = 'Mailchimp (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/Mailchimp/mailchimp.svg',
		dark: 'file:../nodes/Mailchimp/mailchimp.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/mailchimp.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: '0123456789abcdef0123456789abcdef-us6',
			description:
				'In Mailchimp: profile → Extras → API keys → Create A Key. The whole key, with its data center suffix (-us6).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { auth: { username: 'apikey', password: '={{$credentials.apiKey}}' } },
	};

	// GET /ping on the key's data center ("Everything's Chimpy!").
	test: ICredentialTestRequest = {
		request: {
			baseURL: '=https://{{String($credentials.apiKey).split("-").pop()}}.api.mailchimp.com/3.0',
			url: '/ping',
		},
	};
}
