/** The fields both Shopify credentials share: the shop and the pinned API version. Loads nothing else. */
import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import { SHOPIFY_API_VERSION, SHOPIFY_API_VERSIONS } from './Shopify.oauth';

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
