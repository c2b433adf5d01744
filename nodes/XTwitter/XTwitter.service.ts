/**
 * X Twitter as data: the engine builds the node, the credential test and the trigger from this spec.
 * Written by npm run new-service; fill in the resources and operations from X Twitter's API reference.
 */
import type { ServiceDefinition, ServiceSpec } from '../../lib/spec/types';
import { X_TWITTER_OAUTH } from './XTwitter.oauth';

export const xTwitterSpec: ServiceSpec = {
	id: 'xTwitter',
	displayName: 'X Twitter',
	description: 'Work with X Twitter',
	docsUrl: 'https://api.x.com',
	baseUrl: 'https://api.x.com',
	auth: [
		{ kind: 'bearer', credentialType: 'apiConnXTwitterApi', displayName: 'Access Token' },
		{
			kind: 'oauth2',
			credentialType: 'apiConnXTwitterOAuth2Api',
			displayName: 'OAuth2',
			oauth2: X_TWITTER_OAUTH,
		},
	],
	credentialTest: { path: '/2/users/me' },
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
					path: '/2/users/me',
				},
			],
		},
	],
	// Registered by hand in X Twitter's settings (the user pastes the URL and the signing secret); make it
	// 'api' with webhookExists/webhookCreate/webhookDelete hooks when the API can register webhooks.
	webhook: {
		register: 'manual',
		signature: { header: 'X-XTwitter-Signature', algorithm: 'sha256', encoding: 'hex' },
		eventPath: 'type',
		events: [{ name: 'Any Event', value: '*', description: 'Every delivery' }],
		allEvents: '*',
		defaultEvents: ['*'],
	},
};

export const xTwitterDefinition: ServiceDefinition = { spec: xTwitterSpec };
