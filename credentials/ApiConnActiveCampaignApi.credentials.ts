import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** `https://<account>.api-us1.com` (other `api-usN` shards too) or an `activehosted.com` account host. */
const API_HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.(?:api-us\d{1,3}\.com|activehosted\.com)$/;

/**
 * An ActiveCampaign API key (Settings → Developer), sent as the `Api-Token` header to the account's API URL. The
 * key goes nowhere unless the API URL is an https ActiveCampaign API host: a mistyped or foreign URL is refused
 * before the request, naming the field.
 */
export class ApiConnActiveCampaignApi implements ICredentialType {
	name = 'apiConnActiveCampaignApi';

	displayName = 'ActiveCampaign (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/ActiveCampaign/activeCampaign.svg',
		dark: 'file:../nodes/ActiveCampaign/activeCampaign.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/activecampaign.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://youraccount.api-us1.com',
			description:
				'Copy it from ActiveCampaign → Settings → Developer (do not build it from the account name: the host differs between accounts), without /api/3',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The Key shown beside the API URL in Settings → Developer (one per user; it acts as that user)',
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const raw = String(credentials.apiUrl ?? '').trim();
		const url = URL.canParse(raw) ? new URL(raw) : undefined;
		const problem = !url
			? 'is not a URL'
			: url.protocol !== 'https:'
				? 'must start with https://'
				: !API_HOST.test(url.hostname.toLowerCase()) || url.port !== ''
					? 'is not an ActiveCampaign API host (https://<account>.api-us1.com)'
					: url.pathname.replace(/\/+$/, '') !== '' || url.search || url.hash || url.username
						? 'must be the address alone, without a path such as /api/3'
						: undefined;
		if (problem)
			throw new Error(
				`The credential field 'API URL' ${problem}: copy the exact API URL from ActiveCampaign → Settings → Developer. The API key was not sent.`,
			);
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			'Api-Token': String(credentials.apiKey ?? ''),
		};
		return await Promise.resolve(requestOptions);
	};

	// GET /api/3/users/me: the user the key belongs to (the node's account label).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiUrl.replace(/\\/+$/, "")}}',
			url: '/api/3/users/me',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'ActiveCampaign rejected the API key: copy the API URL and key again from Settings → Developer (a key belongs to one account)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No ActiveCampaign API at this URL: copy the API URL from Settings → Developer, without /api/3',
				},
			},
		],
	};
}
