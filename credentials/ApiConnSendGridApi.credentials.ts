import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * A Twilio SendGrid API key (`SG.…`, Settings → API Keys), sent as `Authorization: Bearer <key>`; the global host
 * or the EU data-residency host; optionally a subuser the requests act for (`on-behalf-of`, sent only when set).
 */
export class ApiConnSendGridApi implements ICredentialType {
	name = 'apiConnSendGridApi';

	displayName = 'SendGrid (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/SendGrid/sendGrid.svg',
		dark: 'file:../nodes/SendGrid/sendGrid.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/sendgrid.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'SG.…',
			description: 'An API key from Settings → API Keys (shown once when it is created)',
		},
		{
			displayName: 'Data Residency',
			name: 'apiUrl',
			type: 'options',
			default: 'https://api.sendgrid.com',
			options: [
				{ name: 'Global (api.sendgrid.com)', value: 'https://api.sendgrid.com' },
				{ name: 'EU (api.eu.sendgrid.com)', value: 'https://api.eu.sendgrid.com' },
			],
			description: 'Where the account (or the regional subuser) keeps its data',
		},
		{
			displayName: 'Subuser (On Behalf Of)',
			name: 'onBehalfOf',
			type: 'string',
			default: '',
			description:
				'Act for this subuser (the on-behalf-of header): its username, or account ID; empty for the account itself',
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const subuser = String(credentials.onBehalfOf ?? '').trim();
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers ?? {}),
				Authorization: `Bearer ${String(credentials.accessToken ?? '').trim()}`,
				...(subuser ? { 'on-behalf-of': subuser } : {}),
			},
		};
	};

	// GET /v3/scopes: the permissions of the key (any valid key may read them).
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.apiUrl}}', url: '/v3/scopes' },
	};
}
