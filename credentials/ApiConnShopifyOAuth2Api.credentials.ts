import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import {
	SHOPIFY_CREDENTIAL_TEST,
	SHOPIFY_OAUTH,
	shopifyShopProperties,
} from '../nodes/Shopify/Shopify.oauth';

/** The sign-in pages live on the shop's own myshopify.com host, built from the Shop field. */
const SHOP_HOST =
	'"https://" + $self["shop"].trim().replace(/\\/+$/, "").replace(/\\.myshopify\\.com$/i, "") + ".myshopify.com"';

/**
 * A public app's connection to one shop (OAuth authorization code; an offline token that does not expire). The
 * app's Client ID and Client secret come from the Partner Dashboard or the Dev Dashboard; the secret also verifies
 * the trigger's webhook deliveries.
 */
export class ApiConnShopifyOAuth2Api implements ICredentialType {
	name = 'apiConnShopifyOAuth2Api';

	displayName = 'Shopify (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Shopify/shopify.svg',
		dark: 'file:../nodes/Shopify/shopify.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/shopify.md';

	properties: INodeProperties[] = [
		...shopifyShopProperties(),
		...oauth2Properties(SHOPIFY_OAUTH).map((p) =>
			p.name === 'authUrl'
				? { ...p, default: `={{${SHOP_HOST} + "/admin/oauth/authorize"}}` }
				: p.name === 'accessTokenUrl'
					? { ...p, default: `={{${SHOP_HOST} + "/admin/oauth/access_token"}}` }
					: p,
		),
	];

	test: ICredentialTestRequest = SHOPIFY_CREDENTIAL_TEST;
}
