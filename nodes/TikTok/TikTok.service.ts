/**
 * TikTok as data: the engine builds the node, the credential test and the trigger from this spec.
 * Written by npm run new-service; fill in the resources and operations from TikTok's API reference.
 */
import type { ServiceDefinition, ServiceSpec } from '../../lib/spec/types';
import { TIK_TOK_OAUTH } from './TikTok.oauth';

export const tikTokSpec: ServiceSpec = {
	id: 'tikTok',
	displayName: 'TikTok',
	description: 'Work with TikTok',
	docsUrl: 'https://open.tiktokapis.com',
	baseUrl: 'https://open.tiktokapis.com',
	auth: [
		{
			kind: 'oauth2',
			credentialType: 'apiConnTikTokOAuth2Api',
			displayName: 'OAuth2',
			oauth2: TIK_TOK_OAUTH,
		},
	],
	credentialTest: { path: '/v2/user/info/' },
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
					path: '/v2/user/info/',
				},
			],
		},
	],
	// Registered by hand in TikTok's settings (the user pastes the URL and the signing secret); make it
	// 'api' with webhookExists/webhookCreate/webhookDelete hooks when the API can register webhooks.
	webhook: {
		register: 'manual',
		signature: { header: 'X-TikTok-Signature', algorithm: 'sha256', encoding: 'hex' },
		eventPath: 'type',
		events: [{ name: 'Any Event', value: '*', description: 'Every delivery' }],
		allEvents: '*',
		defaultEvents: ['*'],
	},
};

export const tikTokDefinition: ServiceDefinition = { spec: tikTokSpec };
