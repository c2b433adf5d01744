import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/** Shopify OAuth facts and the pinned API version, apart from the spec so the credential classes load nothing else. */

/** The GraphQL Admin API version every request uses unless the credential picks another (quarterly versions). */
export const SHOPIFY_API_VERSION = '2026-01';

/** Versions the credentials offer: the supported stable ones around the pinned one. */
export const SHOPIFY_API_VERSIONS = [
	'2025-07',
	'2025-10',
	'2026-01',
	'2026-04',
	'2026-07',
	'2026-10',
];

/**
 * A public (or custom, Partner-made) app's authorization code grant, per shop: the sign-in pages are on the
 * shop's own host (the credentials build them from the Shop field). No `grant_options[]=per-user`: the token is
 * an offline token, for the app rather than one staff session, that does not expire. Least-privilege scopes: the
 * union of what the operations need (docs/services/shopify.md says which needs which). Shopify accepts the client
 * id and secret in the token request's body.
 */
export const SHOPIFY_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://{shop}.myshopify.com/admin/oauth/authorize',
	tokenUrl: 'https://{shop}.myshopify.com/admin/oauth/access_token',
	scopes: [
		'read_customers',
		'read_draft_orders',
		'read_inventory',
		'read_locations',
		'read_merchant_managed_fulfillment_orders',
		'read_orders',
		'read_products',
		'write_customers',
		'write_draft_orders',
		'write_inventory',
		'write_merchant_managed_fulfillment_orders',
		'write_orders',
		'write_products',
	],
	scopeSeparator: ',',
	clientAuthentication: 'body' as const,
};

export function shopifyShopProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Shop',
			name: 'shop',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'my-store.myshopify.com',
			description:
				"The shop's myshopify.com domain (my-store.myshopify.com, or my-store): requests go only to that *.myshopify.com host",
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: SHOPIFY_API_VERSIONS.map((v) => ({
				name: v === SHOPIFY_API_VERSION ? `${v} (pinned, tested)` : v,
				value: v,
			})),
			default: SHOPIFY_API_VERSION,
			description:
				'The Admin API version in every request URL. The node is checked against the pinned one; Shopify supports each version for at least 12 months.',
		},
	];
}

/** The credential test: GET shop.json on the shop's own myshopify.com host at the credential's API version. */
export const SHOPIFY_CREDENTIAL_TEST: ICredentialTestRequest = {
	request: {
		baseURL:
			'={{"https://" + $credentials.shop.trim().replace(/\\/+$/, "").replace(/\\.myshopify\\.com$/i, "") + ".myshopify.com/admin/api/" + $credentials.apiVersion}}',
		url: '/shop.json',
	},
};
