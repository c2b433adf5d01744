/**
 * X (Twitter) Trigger: the Account Activity webhook through n8n-core's real HookContext (registration at
 * POST /2/webhooks, the check against GET /2/webhooks, removal at DELETE /2/webhooks/:id) and WebhookContext
 * (the CRC on the setup webhook, deliveries verified by `x-twitter-webhooks-signature`). Signatures and CRC
 * answers are computed here independently with node:crypto; the CRC test vector is services.md's.
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnXTwitterApi } from '../../credentials/ApiConnXTwitterApi.credentials';
import { ApiConnXTwitterOAuth2Api } from '../../credentials/ApiConnXTwitterOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { sharedReplayStore } from '../../lib/webhooks';
import { XTwitterTrigger } from '../../nodes/XTwitter/XTwitterTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://api.x.com';
const BEARER =
	'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F';
// services.md § Twitter / X API v2: the example consumer secret of X's DevRel gists.
const CONSUMER_SECRET = 'z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const WEBHOOK = {
	id: '1146654567674912769',
	url: PROD_URL,
	valid: true,
	created_at: '2026-12-03T01:00:00.000Z',
};

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [] }));
beforeEach(async () => await sharedReplayStore().clear());
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(
	parameters: Record<string, unknown> = {},
	credential: Record<string, string> = { accessToken: BEARER, consumerSecret: CONSUMER_SECRET },
): TriggerHarness {
	return createTriggerHarness({
		nodeType: new XTwitterTrigger(),
		parameters: {
			authentication: 'apiConnXTwitterApi',
			events: ['tweet_create_events', 'favorite_events'],
			...parameters,
		} as never,
		credentials: { apiConnXTwitterApi: credential },
		credentialTypes: [new ApiConnXTwitterApi(), new ApiConnXTwitterOAuth2Api()],
	});
}

const sign = (body: string, secret = CONSUMER_SECRET) =>
	`sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;

const favorite = JSON.stringify({
	for_user_id: '2244994945',
	favorite_events: [
		{
			id: 'a7ba59eab0bfcba386f7acedac279542',
			created_at: 'Mon Mar 26 16:33:26 +0000 2018',
			timestamp_ms: 1522082006140,
			favorited_status: { id_str: '985502823541293056', text: 'Hello world' },
			user: { id_str: '2244994945', screen_name: 'XDevelopers' },
		},
	],
});

function delivery(body = favorite, signature = sign(body)) {
	return {
		method: 'POST',
		rawBody: body,
		headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
	};
}

describe('CRC (GET ?crc_token= on the setup webhook)', () => {
	it('answers services.md’s test vector: sha256= + base64 HMAC-SHA256(consumer secret, crc_token)', async () => {
		const { result, response } = await harness().deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { crc_token: '9b4507b3-9040-4669-9ca3-6b94edb50553' },
			headers: {},
			rawBody: '',
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(200);
		expect(response.body).toEqual({
			response_token: 'sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=',
		});
	});

	it('without the consumer secret the CRC is refused (500) and nothing is echoed', async () => {
		const { result, response } = await harness({}, { accessToken: BEARER }).deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { crc_token: 'abc' },
			headers: {},
			rawBody: '',
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(500);
		expect(response.raw()).not.toContain('abc');
	});
});

describe('deliveries', () => {
	it('a signed favorite_events delivery starts the workflow with the event and the payload', async () => {
		const d = delivery();
		const { result, response } = await harness().deliver(d);
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							event: 'favorite_events',
							deliveryId: null,
							body: JSON.parse(favorite),
							headers: d.headers,
							query: {},
						},
					},
				],
			],
		});
	});

	it('tampered, unsigned and wrongly signed deliveries get 401 and start nothing', async () => {
		const t = harness();
		const tampered = delivery();
		tampered.rawBody = favorite.replace('Hello world', 'Hello mallory');
		const a = await t.deliver(tampered);
		expect(a.result).toEqual({ noWebhookResponse: true });
		expect([a.response.statusCode, a.response.body]).toEqual([
			401,
			{
				message:
					'The x-twitter-webhooks-signature signature does not match the request (wrong secret, or the body was changed).',
			},
		]);

		const unsigned = delivery();
		delete (unsigned.headers as Record<string, string>)['x-twitter-webhooks-signature'];
		const b = await t.deliver(unsigned);
		expect([b.response.statusCode, b.response.body]).toEqual([
			401,
			{ message: 'The request has no x-twitter-webhooks-signature header.' },
		]);

		const wrong = await t.deliver(delivery(favorite, sign(favorite, 'another-consumer-secret')));
		expect(wrong.response.statusCode).toBe(401);
		expect(wrong.response.raw()).not.toContain(CONSUMER_SECRET);
	});

	it('without the consumer secret in the credential every delivery is refused (fail closed)', async () => {
		const { result, response } = await harness({}, { accessToken: BEARER }).deliver(delivery());
		expect(result).toEqual({ noWebhookResponse: true });
		expect([response.statusCode, response.body]).toEqual([
			401,
			{
				message:
					'No X (Twitter) signing secret is set, so deliveries cannot be verified. Paste it into the credential.',
			},
		]);
	});

	it('the same signed delivery sent again (X carries no timestamp) is rejected as a replay', async () => {
		const t = harness();
		expect((await t.deliver(delivery())).result.workflowData).toHaveLength(1);
		const again = await t.deliver(delivery());
		expect(again.result).toEqual({ noWebhookResponse: true });
		expect(again.response.statusCode).toBe(401);
	});

	it('only the events picked start an execution; All Events takes every one', async () => {
		const follow = JSON.stringify({
			for_user_id: '2244994945',
			follow_events: [{ type: 'follow', created_timestamp: '1517588749178' }],
		});
		const picked = harness();
		expect((await picked.deliver(delivery(follow))).result).toEqual({
			webhookResponse: { message: 'Event not selected' },
		});
		const all = harness({ events: ['*'] });
		expect((await all.deliver(delivery(follow))).result.workflowData?.[0][0].json.event).toBe(
			'follow_events',
		);
	});
});

describe('registration (v2 webhooks, app-only bearer token)', () => {
	it('create registers the URL at POST /2/webhooks; checkExists finds it valid; delete removes it', async () => {
		const t = harness();
		const created = nock(API)
			.get('/2/webhooks')
			.matchHeader('authorization', `Bearer ${BEARER}`)
			.reply(200, { meta: { result_count: 0 } })
			.post('/2/webhooks', { url: PROD_URL })
			.matchHeader('authorization', `Bearer ${BEARER}`)
			.reply(200, { data: WEBHOOK });
		expect(await t.run('checkExists')).toBe(false);
		expect(await t.run('create')).toBe(true);
		expect(created.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: '1146654567674912769',
				events: ['tweet_create_events', 'favorite_events'],
				webhookUrl: PROD_URL,
			},
		});

		nock(API)
			.get('/2/webhooks')
			.reply(200, { data: [WEBHOOK], meta: { result_count: 1 } });
		expect(await t.run('checkExists')).toBe(true);

		const removed = nock(API)
			.delete('/2/webhooks/1146654567674912769')
			.matchHeader('authorization', `Bearer ${BEARER}`)
			.reply(200, { data: { deleted: true } });
		expect(await t.run('delete')).toBe(true);
		expect(removed.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a webhook X marked invalid (a failed CRC) is registered again; an existing one on this URL is revalidated (PUT), not duplicated', async () => {
		const t = harness();
		nock(API)
			.get('/2/webhooks')
			.reply(200, { meta: { result_count: 0 } });
		nock(API).post('/2/webhooks').reply(200, { data: WEBHOOK });
		await t.run('create');

		nock(API)
			.get('/2/webhooks')
			.reply(200, { data: [{ ...WEBHOOK, valid: false }], meta: { result_count: 1 } });
		expect(await t.run('checkExists')).toBe(false);
		const revalidated = nock(API)
			.get('/2/webhooks')
			.reply(200, { data: [{ ...WEBHOOK, valid: false }], meta: { result_count: 1 } })
			.put('/2/webhooks/1146654567674912769')
			.reply(200, { data: { attempted: true } });
		expect(await t.run('create')).toBe(true);
		expect(revalidated.isDone()).toBe(true);
		expect((t.nodeStaticData().production as IDataObject).hookId).toBe('1146654567674912769');
	});

	it('a refusal (no Account Activity access on the tier) fails activation with X’s words', async () => {
		const t = harness();
		nock(API).get('/2/webhooks').reply(403, {
			client_id: '12345678',
			detail:
				'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
			registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
			title: 'Client Forbidden',
			required_enrollment: 'Appropriate Level of API Access',
			reason: 'client-not-enrolled',
			type: 'https://api.twitter.com/2/problems/client-forbidden',
		});
		const error = (await t.run('create').catch((e: unknown) => e)) as { message: string };
		expect(error.message).toMatch(/^Could not register the X \(Twitter\) webhook: /);
		expect(error.message).toContain(
			'In the X developer portal, attach the app to a project and check that its access tier includes this endpoint.',
		);
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe('node description', () => {
	it('offers the Account Activity events, a GET setup webhook for the CRC and a POST one for deliveries', () => {
		const d = new XTwitterTrigger().description;
		expect(d.webhooks?.map((w) => [w.name, w.httpMethod])).toEqual([
			['setup', 'GET'],
			['default', 'POST'],
		]);
		const events = d.properties.find((p) => p.name === 'events');
		expect(events?.options?.map((o) => (o as { value: string }).value)).toEqual([
			'*',
			'tweet_create_events',
			'tweet_delete_events',
			'favorite_events',
			'follow_events',
			'unfollow_events',
			'block_events',
			'mute_events',
			'direct_message_events',
			'direct_message_indicate_typing_events',
			'direct_message_mark_read_events',
			'user_event',
		]);
	});
});
