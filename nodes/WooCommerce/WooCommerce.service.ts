/**
 * WooCommerce as data: the engine builds the node, the credential test and the trigger from this spec.
 * Written by npm run new-service; fill in the resources and operations from WooCommerce's API reference.
 */
import type { ServiceDefinition, ServiceSpec } from '../../lib/spec/types';

export const wooCommerceSpec: ServiceSpec = {
	id: 'wooCommerce',
	displayName: 'WooCommerce',
	description: 'Work with WooCommerce',
	docsUrl: 'https://shop.example.com',
	baseUrl: 'https://shop.example.com',
	auth: [
		{
			kind: 'basic',
			credentialType: 'apiConnWooCommerceApi',
			displayName: 'Username and Password',
		},
	],
	credentialTest: { path: '/wp-json/wc/v3/system_status' },
	resources: [
		{
			id: 'account',
			name: 'Account',
			operations: [
				{
					id: 'getMe',
					name: 'Get Me',
					action: 'Get the connected account',
					description: 'The account the credential belongs to',
					method: 'GET',
					path: '/wp-json/wc/v3/system_status',
				},
			],
		},
	],
	// Registered by hand in WooCommerce's settings (the user pastes the URL and the signing secret); make it
	// 'api' with webhookExists/webhookCreate/webhookDelete hooks when the API can register webhooks.
	webhook: {
		register: 'manual',
		signature: { header: 'X-WooCommerce-Signature', algorithm: 'sha256', encoding: 'hex' },
		eventPath: 'type',
		events: [{ name: 'Any Event', value: '*', description: 'Every delivery' }],
		allEvents: '*',
		defaultEvents: ['*'],
	},
};

export const wooCommerceDefinition: ServiceDefinition = { spec: wooCommerceSpec };
