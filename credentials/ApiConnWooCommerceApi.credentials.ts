import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { consumerKeyAuthenticate, type ConsumerKeyFields } from '../lib/auth/consumer-key';

/** The fields, and the words the plain-HTTP refusal uses. */
const WOO_COMMERCE_KEY_FIELDS: ConsumerKeyFields = {
	url: 'url',
	urlLabel: 'Store URL',
	key: 'consumerKey',
	secret: 'consumerSecret',
	keysIn: 'keysIn',
	plainHttp: 'plainHttp',
	plainHttpLabel: 'Plain HTTP Store',
	oauth1OptionName: 'Sign Each Request (OAuth 1.0a)',
	// What WooCommerce's own JavaScript client (@woocommerce/woocommerce-rest-api) signs with; the store accepts HMAC-SHA1 too.
	algorithm: 'HMAC-SHA256',
	vendor: 'WooCommerce',
};

/**
 * A WooCommerce REST API key (WooCommerce → Settings → Advanced → REST API): the store's address, the consumer
 * key (`ck_…`) and secret (`cs_…`). Over HTTPS they go as HTTP Basic (or in the query string for servers that
 * strip the Authorization header); a plain-HTTP store is refused unless each request is signed with OAuth 1.0a.
 */
export class ApiConnWooCommerceApi implements ICredentialType {
	/** The fields and words of the key auth (a static: a credential file exports only its class, as n8n loads it). */
	static readonly keyFields = WOO_COMMERCE_KEY_FIELDS;

	name = 'apiConnWooCommerceApi';

	displayName = 'WooCommerce (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/WooCommerce/wooCommerce.svg',
		dark: 'file:../nodes/WooCommerce/wooCommerce.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/woocommerce.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Store URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://shop.example.com',
			description:
				'The address of the WordPress site running WooCommerce (with its folder if WordPress lives in one), without /wp-json',
		},
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ck_…',
			description:
				'WooCommerce → Settings → Advanced → REST API → Add key: the Consumer key (ck_…)',
		},
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'cs_…',
			description: 'The Consumer secret (cs_…) shown once beside the key',
		},
		{
			displayName: 'Send Keys As',
			name: 'keysIn',
			type: 'options',
			default: 'header',
			options: [
				{
					name: 'Authorization Header (Basic)',
					value: 'header',
					description: 'HTTP Basic authentication over HTTPS (WooCommerce recommends it)',
				},
				{
					name: 'Query String',
					value: 'query',
					description:
						'consumer_key and consumer_secret in the URL, for servers that strip the Authorization header (HTTPS only)',
				},
			],
		},
		{
			displayName: 'Plain HTTP Store',
			name: 'plainHttp',
			type: 'options',
			default: 'refuse',
			description:
				'Only for a Store URL starting with http://: WooCommerce accepts keys over plain HTTP only OAuth 1.0a-signed',
			options: [
				{
					name: 'Refuse',
					value: 'refuse',
					description: 'Send nothing to an http:// store; use its https:// address instead',
				},
				{
					name: 'Sign Each Request (OAuth 1.0a)',
					value: 'oauth1',
					description:
						'One-legged OAuth 1.0a (HMAC-SHA256, a fresh nonce and timestamp per request): the secret is never sent, but the data travels unencrypted',
				},
			],
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		await consumerKeyAuthenticate(WOO_COMMERCE_KEY_FIELDS)(credentials, requestOptions);

	// GET /wp-json/wc/v3/system_status: any key with Read access may read it (the node's account label comes from it).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url.replace(/\\/+$/, "")}}',
			url: '/wp-json/wc/v3/system_status',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'WooCommerce rejected the consumer key or secret: copy both again from WooCommerce → Settings → Advanced → REST API (or try Send Keys As: Query String if the server strips the Authorization header)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No WooCommerce REST API at this address: check the Store URL, that WooCommerce is active, and that WordPress permalinks are not "Plain"',
				},
			},
		],
	};
}
