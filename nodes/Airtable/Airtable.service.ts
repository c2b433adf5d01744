/**
 * Airtable as data: the engine builds the node, the credential test and the trigger from this spec.
 * Written by npm run new-service; fill in the resources and operations from Airtable's API reference.
 */
import type { ServiceDefinition, ServiceSpec } from '../../lib/spec/types';
import { AIRTABLE_OAUTH } from './Airtable.oauth';

export const airtableSpec: ServiceSpec = {
	id: 'airtable',
	displayName: 'Airtable',
	description: 'Work with Airtable',
	docsUrl: 'https://api.airtable.com',
	baseUrl: 'https://api.airtable.com',
	auth: [
		{ kind: 'bearer', credentialType: 'apiConnAirtableApi', displayName: 'Access Token' },
		{
			kind: 'oauth2',
			credentialType: 'apiConnAirtableOAuth2Api',
			displayName: 'OAuth2',
			oauth2: AIRTABLE_OAUTH,
		},
	],
	credentialTest: { path: '/v0/meta/whoami' },
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
					path: '/v0/meta/whoami',
				},
			],
		},
	],
	// Registered by hand in Airtable's settings (the user pastes the URL and the signing secret); make it
	// 'api' with webhookExists/webhookCreate/webhookDelete hooks when the API can register webhooks.
	webhook: {
		register: 'manual',
		signature: { header: 'X-Airtable-Signature', algorithm: 'sha256', encoding: 'hex' },
		eventPath: 'type',
		events: [{ name: 'Any Event', value: '*', description: 'Every delivery' }],
		allEvents: '*',
		defaultEvents: ['*'],
	},
};

export const airtableDefinition: ServiceDefinition = { spec: airtableSpec };
