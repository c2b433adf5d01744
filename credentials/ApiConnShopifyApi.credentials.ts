import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { SHOPIFY_CREDENTIAL_TEST, shopifyShopProperties } from '../nodes/Shopify/Shopify.oauth';

/**
 * A custom app's Admin API access token (`shpat_…`), made in the shop's admin (Settings → Apps → Develop apps),
 * sent as `X-Shopify-Access-Token`. The app's API secret key verifies the trigger's deliveries.
 */
export class ApiConnShopifyApi implements ICredentialType {
	name = 'apiConnShopifyApi';

	displayName = 'Shopify (API Connections) Access Token API';

	icon: Icon = {
		light: 'file:../nodes/Shopify/shopify.svg',
		dark: 'file:../nodes/Shopify/shopify.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/shopify.md';

	properties: INodeProperties[] = [
		...shopifyShopProperties(),
		{
			displayName: 'Admin API Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'shpat_…',
			description: "The custom app's Admin API access token (shown once when the app is installed)",
		},
		{
			displayName: 'API Secret Key',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The app's API secret key (client secret): Shopify signs webhook deliveries with it. Needed by the trigger only.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-Shopify-Access-Token': '={{$credentials.accessToken}}' } },
	};

	// GET shop.json: the shop the token belongs to.
	test: ICredentialTestRequest = SHOPIFY_CREDENTIAL_TEST;
}
