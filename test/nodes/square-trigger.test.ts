/**
 * Square Trigger through n8n-core's real HookContext and WebhookContext: the webhook subscription is created,
 * checked and deleted through Square's Webhook Subscriptions API (nock), the `signature_key` Square returns is
 * kept sealed, and deliveries are verified with Square's scheme (services.md § Square: base64 HMAC-SHA256 of the
 * notification URL followed by the raw body): valid, tampered, unsigned, wrong key, another URL, replayed (same
 * `event_id`), unselected events. Signatures here are computed independently with node:crypto.
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';

import { ApiConnSquareApi } from '../../credentials/ApiConnSquareApi.credentials';
import { ApiConnSquareOAuth2Api } from '../../credentials/ApiConnSquareOAuth2Api.credentials';
import { sharedReplayStore } from '../../lib/webhooks';
import { SquareTrigger } from '../../nodes/Square/SquareTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://connect.squareup.com';
const TOKEN = 'EAAAl7sqPatProd3f9d0c77e1';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const SUB = 'wbhk_b35f6b3145074cf9ad513610786c19d5';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
beforeEach(async () => await sharedReplayStore().clear());
afterAll(() => nock.enableNetConnect());

let keys = 0;
const nextKey = () => `sq_sig_${String(++keys).padStart(4, '0')}Zx81QpLm27Rt`;

function harness(events: string[] = ['payment.created', 'refund.created']): TriggerHarness {
	return createTriggerHarness({
		nodeType: new SquareTrigger(),
		parameters: { events },
		credentials: { apiConnSquareApi: { environment: API, accessToken: TOKEN } },
		credentialTypes: [new ApiConnSquareApi(), new ApiConnSquareOAuth2Api()],
	});
}

interface Seen {
	uri: string;
	body: Record<string, unknown>;
	headers: Record<string, string | string[] | undefined>;
}

const subscription = (url: string, events: string[], extra: Record<string, unknown> = {}) => ({
	id: SUB,
	name: 'n8n workflow "Trigger workflow"',
	enabled: true,
	event_types: events,
	notification_url: url,
	api_version: '2026-09-16',
	created_at: '2026-12-03 12:00:00 +0000 UTC',
	updated_at: '2026-12-03 12:00:00 +0000 UTC',
	...extra,
});

/** Answers `POST /v2/webhooks/subscriptions` like Square: the subscription with its signature key. */
function fakeCreate(key: string): Seen[] {
	const seen: Seen[] = [];
	nock(API)
		.post('/v2/webhooks/subscriptions')
		.reply(200, function (uri, body) {
			const b = body as { subscription: { notification_url: string; event_types: string[] } };
			seen.push({ uri, body: b as never, headers: this.req.headers });
			return {
				subscription: subscription(b.subscription.notification_url, b.subscription.event_types, {
					signature_key: key,
				}),
			};
		});
	return seen;
}

async function activate(t: TriggerHarness): Promise<string> {
	const key = nextKey();
	fakeCreate(key);
	expect(await t.run('checkExists')).toBe(false);
	expect(await t.run('create')).toBe(true);
	return key;
}

const sign = (key: string, body: string, url = PROD_URL) =>
	createHmac('sha256', key)
		.update(url + body, 'utf8')
		.digest('base64');

function event(type: string, eventId = '6a8f5f28-54a1-4eb0-a98a-3111513fd4fc') {
	return JSON.stringify({
		merchant_id: '6SSW7HV8K2ST5',
		type,
		event_id: eventId,
		created_at: '2026-12-03T12:05:00.000Z',
		data: {
			type: 'payment',
			id: 'KkAkhdMsgzn59SM8A89WgKwekxLZY',
			object: { payment: { id: 'KkAkhdMsgzn59SM8A89WgKwekxLZY', status: 'APPROVED' } },
		},
	});
}

function delivery(body: string, signature: string | undefined) {
	return {
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': 'application/json',
			'user-agent': 'Square Connect v2',
			...(signature === undefined ? {} : { 'x-square-hmacsha256-signature': signature }),
		},
	};
}

describe('the trigger node', () => {
	const d = new SquareTrigger().description;
	it('one POST webhook, both credentials, Square event types, the Square-Version in the Events help', () => {
		expect(d).toMatchObject({
			name: 'squareTrigger',
			displayName: 'Square Trigger (API Connections)',
			webhooks: [{ name: 'default', httpMethod: 'POST', path: 'webhook' }],
		});
		const events = d.properties.find((p) => p.name === 'events')!;
		expect(events.default).toEqual(['payment.created']);
		expect(events.description).toBe(
			'The events that start the workflow; other deliveries are acknowledged and ignored (payloads in Square-Version 2026-09-16, which the subscription is created with)',
		);
		// OAuth2: the subscription is the application's (Developer Console) and its signature key is pasted.
		const secret = d.properties.find((p) => p.name === 'signingSecret')!;
		expect(secret.displayOptions).toEqual({
			show: { authentication: ['apiConnSquareOAuth2Api'] },
		});
	});
});

describe('registration', () => {
	it('create: POST /v2/webhooks/subscriptions with the URL, events, Square-Version and an idempotency_key; keeps the id and the signature key sealed', async () => {
		const t = harness();
		const key = nextKey();
		const seen = fakeCreate(key);
		expect(await t.run('create')).toBe(true);
		expect(seen).toHaveLength(1);
		expect(seen[0].uri).toBe('/v2/webhooks/subscriptions');
		expect(seen[0].body).toEqual({
			idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/),
			subscription: {
				name: 'n8n workflow "Trigger workflow"',
				event_types: ['payment.created', 'refund.created'],
				notification_url: PROD_URL,
				api_version: '2026-09-16',
			},
		});
		expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(seen[0].headers['square-version']).toBe('2026-09-16');
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: SUB,
				sealedSecret: expect.stringMatching(/^v1\.[\w-]+$/),
				events: ['payment.created', 'refund.created'],
				webhookUrl: PROD_URL,
			},
		});
		expect(JSON.stringify(t.nodeStaticData())).not.toContain(key);
	});

	it('create: an answer without a signature key fails the activation', async () => {
		const t = harness();
		nock(API)
			.post('/v2/webhooks/subscriptions')
			.reply(200, { subscription: subscription(PROD_URL, ['payment.created']) });
		await expect(t.run('create')).rejects.toThrow(
			'Square created the webhook subscription but returned no id or signature key',
		);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('checkExists: the same URL, events and enabled → true; another URL → the stale one is deleted, false', async () => {
		const t = harness();
		await activate(t);
		nock(API)
			.get(`/v2/webhooks/subscriptions/${SUB}`)
			.reply(200, { subscription: subscription(PROD_URL, ['payment.created', 'refund.created']) });
		expect(await t.run('checkExists')).toBe(true);

		let deleted = false;
		nock(API)
			.get(`/v2/webhooks/subscriptions/${SUB}`)
			.reply(200, {
				subscription: subscription('https://old.example.com/webhook', ['payment.created']),
			});
		nock(API)
			.delete(`/v2/webhooks/subscriptions/${SUB}`)
			.reply(200, () => ((deleted = true), {}));
		expect(await t.run('checkExists')).toBe(false);
		expect(deleted).toBe(true);
	});

	it('delete: DELETE /v2/webhooks/subscriptions/{id} and the state is cleared; a 404 counts as deleted', async () => {
		const t = harness();
		await activate(t);
		const scope = nock(API).delete(`/v2/webhooks/subscriptions/${SUB}`).reply(200, {});
		expect(await t.run('delete')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});

		const t2 = harness();
		await activate(t2);
		nock(API)
			.delete(`/v2/webhooks/subscriptions/${SUB}`)
			.reply(404, {
				errors: [
					{
						category: 'INVALID_REQUEST_ERROR',
						code: 'NOT_FOUND',
						detail: 'Subscription not found.',
					},
				],
			});
		expect(await t2.run('delete')).toBe(true);
		expect(t2.nodeStaticData()).toEqual({});
	});
});

describe('deliveries', () => {
	it('a correctly signed delivery of a selected event starts one execution; the key is in no output', async () => {
		const t = harness();
		const key = await activate(t);
		const body = event('payment.created');
		const header = sign(key, body);
		const { result, response } = await t.deliver(delivery(body, header));
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							event: 'payment.created',
							deliveryId: '6a8f5f28-54a1-4eb0-a98a-3111513fd4fc',
							body: JSON.parse(body),
							headers: {
								'content-type': 'application/json',
								'user-agent': 'Square Connect v2',
								'x-square-hmacsha256-signature': header,
							},
							query: {},
						},
					},
				],
			],
		});
		expect(JSON.stringify(result)).not.toContain(key);
	});

	const rejected = async (t: TriggerHarness, body: string, header: string | undefined) => {
		const { result, response } = await t.deliver(delivery(body, header));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		return (response.body as { message: string }).message;
	};

	it('tampered, unsigned, another key, signed for another URL → 401, nothing starts', async () => {
		const t = harness();
		const key = await activate(t);
		const body = event('payment.created', 'evt-tamper');
		expect(await rejected(t, body.replace('APPROVED', 'COMPLETED'), sign(key, body))).toMatch(
			/does not match/,
		);
		expect(await rejected(t, body, undefined)).toMatch(/no x-square-hmacsha256-signature header/i);
		expect(await rejected(t, body, sign('sq_sig_other_key', body))).toMatch(/does not match/);
		// Signed over the URL a proxy forwarded to, not the one registered: Square never signs that.
		expect(
			await rejected(t, body, sign(key, body, 'http://127.0.0.1:5678/webhook/x/webhook')),
		).toMatch(/does not match/);
	});

	it('the same event_id again (a replay, even re-sent as is) → 401, nothing starts', async () => {
		const t = harness();
		const key = await activate(t);
		const body = event('refund.created', 'evt-replay');
		const first = await t.deliver(delivery(body, sign(key, body)));
		expect(first.result.workflowData?.[0]).toHaveLength(1);
		expect(await rejected(t, body, sign(key, body))).toMatch(/already/i);
	});

	it('an event type not selected → acknowledged (200), nothing starts', async () => {
		const t = harness(['payment.created']);
		const key = await activate(t);
		const body = event('customer.created', 'evt-unselected');
		const { result, response } = await t.deliver(delivery(body, sign(key, body)));
		expect(result).toEqual({ webhookResponse: { message: 'Event not selected' } });
		// n8n answers 200 with that message (no status set: its default).
		expect(response.statusCode).toBeUndefined();
	});
});
