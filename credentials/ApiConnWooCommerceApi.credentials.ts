import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { basicAuthenticate, basicAuthProperties } from '../lib/auth/kinds';

/** WooCommerce: A username and password, sent as HTTP Basic authentication. */
export class ApiConnWooCommerceApi implements ICredentialType {
	name = 'apiConnWooCommerceApi';

	displayName = 'WooCommerce (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/WooCommerce/wooCommerce.svg',
		dark: 'file:../nodes/WooCommerce/wooCommerce.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/woocommerce.md';

	properties: INodeProperties[] = basicAuthProperties();

	authenticate: IAuthenticateGeneric = basicAuthenticate;

	// GET /wp-json/wc/v3/system_status: who the credential belongs to.
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://shop.example.com', url: '/wp-json/wc/v3/system_status' },
	};
}
