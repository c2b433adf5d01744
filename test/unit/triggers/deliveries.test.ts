/**
 * Deliveries to a spec-built trigger through n8n-core's real WebhookContext: handshakes, signature
 * verification that fails closed (401, no execution), ping, the event filter and the emitted item.
 */
import nock from 'nock';

import type { ServiceDefinition } from '../../../lib/spec/types';
import { triggerWebhook } from '../../../lib/triggers';
import { sharedReplayStore, signPayload, type SignatureScheme } from '../../../lib/webhooks';
import { hookshop, HookshopApi, hookshopVariant, triggerClass } from '../../fixtures/hookshop';
import { createTriggerHarness, type TriggerHarness } from '../../helpers/trigger-harness';
import { createWebhookContext } from '../../helpers/webhook-context';

const API = 'https://hookshop.example.test';
const TOKEN = 'hs-token-4c1d9e';
const APP_SECRET = 'app-secret-77aa';
const scheme = hookshop.spec.webhook!.signature as SignatureScheme;
const BODY = '{"id":"evt_1","type":"order.created","order":{"id":1001,"total":"12.50"}}';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// Each test is a fresh trigger: nothing one test accepted counts as a replay in the next.
beforeEach(async () => await sharedReplayStore().clear());
afterAll(() => nock.enableNetConnect());

function harness(
	def: ServiceDefinition = hookshop,
	parameters: Record<string, unknown> = {},
): TriggerHarness {
	return createTriggerHarness({
		nodeType: triggerClass(def),
		parameters: { shop: 'acme', events: ['order.created', 'order.paid'], ...parameters } as never,
		credentials: { hookshopApi: { accessToken: TOKEN, appSecret: APP_SECRET } },
		credentialTypes: [new HookshopApi()],
	});
}

/** Activates the trigger (registration against nock) and returns the secret it registered. */
async function activate(
	t: TriggerHarness,
	mode: 'production' | 'test' = 'production',
	reply: object = { id: 41 },
): Promise<string> {
	let secret = '';
	nock(API)
		.post('/api/shops/acme/hooks', (body: { secret: string }) => {
			secret = body.secret;
			return true;
		})
		.reply(201, reply);
	await t.run('create', mode);
	return secret;
}

function signed(
	secret: string,
	body = BODY,
	event = 'order.created',
	extra: Record<string, string> = {},
) {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'user-agent': 'Hookshop-Hooks/2.0',
		'x-hookshop-event': event,
		'x-hookshop-delivery': 'd-0001',
		authorization: 'Bearer should-not-leak',
		...signPayload(scheme, { rawBody: Buffer.from(body), secret }),
		...extra,
	};
	return { method: 'POST', rawBody: body, headers };
}

describe('signed deliveries', () => {
	it('a valid delivery of a selected event starts one execution with the event, delivery id, body and safe headers', async () => {
		const t = harness();
		const secret = await activate(t);
		const delivery = signed(secret);
		const { result, response } = await t.deliver(delivery);
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							event: 'order.created',
							deliveryId: 'd-0001',
							body: { id: 'evt_1', type: 'order.created', order: { id: 1001, total: '12.50' } },
							headers: {
								'content-type': 'application/json',
								'user-agent': 'Hookshop-Hooks/2.0',
								'x-hookshop-event': 'order.created',
								'x-hookshop-delivery': 'd-0001',
								authorization: '[redacted]',
								'x-hookshop-signature': delivery.headers['x-hookshop-signature'],
							},
							query: {},
						},
					},
				],
			],
		});
		expect(JSON.stringify(result)).not.toContain(secret);
	});

	it('a tampered body is rejected with 401 and starts nothing', async () => {
		const t = harness();
		const secret = await activate(t);
		const delivery = signed(secret);
		delivery.rawBody = BODY.replace('12.50', '0.01');
		const { result, response } = await t.deliver(delivery);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({
			message:
				'The X-Hookshop-Signature signature does not match the request (wrong secret, or the body was changed).',
		});
		expect(response.raw()).not.toContain(secret);
	});

	it('an unsigned delivery is rejected with 401', async () => {
		const t = harness();
		await activate(t);
		const delivery = signed('x'.repeat(64));
		delete delivery.headers['x-hookshop-signature'];
		const { result, response } = await t.deliver(delivery);
		expect(result).toEqual({ noWebhookResponse: true });
		expect([response.statusCode, response.body]).toEqual([
			401,
			{ message: 'The request has no X-Hookshop-Signature header.' },
		]);
	});

	it('a delivery signed with another secret is rejected with 401', async () => {
		const t = harness();
		await activate(t);
		const { result, response } = await t.deliver(signed('not-the-registered-secret'));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
	});

	it('before any registration there is no secret: every delivery is rejected, saying how to fix it', async () => {
		const t = harness();
		const { result, response } = await t.deliver(signed('anything-at-all'));
		expect(result).toEqual({ noWebhookResponse: true });
		expect([response.statusCode, response.body]).toEqual([
			401,
			{
				message:
					'This trigger has no stored signing secret, so deliveries cannot be verified. Deactivate and activate the workflow again to re-register the Hookshop webhook.',
			},
		]);
	});

	it('test deliveries are checked against the test registration’s secret, production ones against production’s', async () => {
		const t = harness();
		const production = await activate(t, 'production', { id: 41 });
		const test = await activate(t, 'test', { id: 42 });
		// Two registrations, two deliveries: the service gives each its own delivery id (one trigger remembers both).
		expect((await t.deliver(signed(test), 'test')).result.workflowData).toHaveLength(1);
		expect(
			(
				await t.deliver(
					signed(production, BODY, 'order.created', { 'x-hookshop-delivery': 'd-0002' }),
					'test',
				)
			).response.statusCode,
		).toBe(401);
		expect(
			(
				await t.deliver(
					signed(production, BODY, 'order.created', { 'x-hookshop-delivery': 'd-0002' }),
					'production',
				)
			).result.workflowData,
		).toHaveLength(1);
	});
});

describe('ping and the event filter', () => {
	it('a signed ping is answered 200 and starts nothing; an unsigned one is rejected', async () => {
		const t = harness();
		const secret = await activate(t);
		const ping = '{"zen":"Keep it logically awesome.","hook_id":41}';
		expect((await t.deliver(signed(secret, ping, 'ping'))).result).toEqual({
			webhookResponse: { message: 'pong' },
		});
		const unsigned = signed(secret, ping, 'ping');
		delete unsigned.headers['x-hookshop-signature'];
		expect((await t.deliver(unsigned)).response.statusCode).toBe(401);
	});

	it('an event the user did not select is acknowledged (200) and starts nothing', async () => {
		const t = harness();
		const secret = await activate(t);
		const { result, response } = await t.deliver(signed(secret, BODY, 'order.refunded'));
		expect(result).toEqual({ webhookResponse: { message: 'Event not selected' } });
		expect(response.statusCode).toBeUndefined();
	});

	it("'Any Event' lets every event through; 'order.*' only the order events", async () => {
		const all = harness(hookshop, { events: ['*'] });
		const allSecret = await activate(all);
		expect(
			(await all.deliver(signed(allSecret, BODY, 'customer.created'))).result.workflowData?.[0][0]
				.json.event,
		).toBe('customer.created');

		// Another trigger in the same test harness (same workflow and node ids): its deliveries carry their own ids.
		const orders = harness(hookshop, { events: ['order.*'] });
		const orderSecret = await activate(orders);
		expect(
			(
				await orders.deliver(
					signed(orderSecret, BODY, 'order.refunded', { 'x-hookshop-delivery': 'd-0002' }),
				)
			).result.workflowData?.[0][0].json.event,
		).toBe('order.refunded');
		expect((await orders.deliver(signed(orderSecret, BODY, 'customer.created'))).result).toEqual({
			webhookResponse: { message: 'Event not selected' },
		});
	});

	it('event and delivery id can come from the body instead of headers', async () => {
		const def = hookshopVariant({
			eventHeader: undefined,
			eventPath: 'type',
			deliveryIdHeader: undefined,
			deliveryIdPath: 'id',
		});
		const t = harness(def);
		const secret = await activate(t);
		const { result } = await t.deliver(signed(secret, BODY, 'ignored-header'));
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'order.created',
			deliveryId: 'evt_1',
		});
	});
	it('event and delivery id paths may be lists: the first path that holds a text wins', async () => {
		const def = hookshopVariant({
			eventHeader: undefined,
			eventPath: ['event.type', 'type'],
			deliveryIdHeader: undefined,
			deliveryIdPath: ['event_id', 'id'],
		});
		const t = harness(def);
		const secret = await activate(t);
		const nested = '{"event_id":"Ev1","event":{"type":"order.paid"},"type":"callback"}';
		expect(
			(await t.deliver(signed(secret, nested))).result.workflowData?.[0][0].json,
		).toMatchObject({
			event: 'order.paid',
			deliveryId: 'Ev1',
		});
		expect((await t.deliver(signed(secret, BODY))).result.workflowData?.[0][0].json).toMatchObject({
			event: 'order.created',
			deliveryId: 'evt_1',
		});
	});

	it('form deliveries (formBodies): verified over the raw bytes; the fields, or the JSON in jsonField, are the body', async () => {
		const def = hookshopVariant({
			eventHeader: undefined,
			eventPath: 'type',
			deliveryIdHeader: undefined,
			formBodies: { jsonField: 'payload' },
		});
		const t = harness(def);
		const secret = await activate(t);
		const form = (body: string) => ({
			...signed(secret, body),
			headers: {
				...signed(secret, body).headers,
				'content-type': 'application/x-www-form-urlencoded',
			},
		});
		const fields = await t.deliver(form('type=order.created&id=7'));
		expect(fields.result.workflowData?.[0][0].json.body).toEqual({
			type: 'order.created',
			id: '7',
		});
		const payload = await t.deliver(
			form(`payload=${encodeURIComponent('{"type":"order.paid","id":8}')}`),
		);
		expect(payload.result.workflowData?.[0][0].json.body).toEqual({ type: 'order.paid', id: 8 });
		// A payload field that is not a JSON object is no delivery.
		const bad = await t.deliver(form('payload=%5B1%5D'));
		expect([bad.response.statusCode, bad.result.workflowData]).toEqual([400, undefined]);
		// Without formBodies, a form is not a delivery.
		const plain = harness(hookshopVariant({ eventHeader: undefined, eventPath: 'type' }));
		const plainSecret = await activate(plain);
		const refused = await plain.deliver({
			...signed(plainSecret, 'type=order.created'),
			headers: {
				...signed(plainSecret, 'type=order.created').headers,
				'content-type': 'application/x-www-form-urlencoded',
			},
		});
		expect(refused.response.statusCode).toBe(400);
	});

	it('acknowledgeEmpty: an accepted delivery is answered 200 with no body, and still starts the workflow', async () => {
		const t = harness(hookshopVariant({ acknowledgeEmpty: true }));
		const secret = await activate(t);
		const { result, response } = await t.deliver(signed(secret));
		expect([response.statusCode, response.body, response.ended]).toEqual([200, undefined, true]);
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData?.[0][0].json.event).toBe('order.created');
	});

	it('a service whose deliveries name no event: every verified delivery runs (the selection scoped the registration)', async () => {
		const t = harness(hookshopVariant({ eventHeader: undefined, deliveryIdHeader: undefined }));
		const secret = await activate(t);
		const { result } = await t.deliver(signed(secret, BODY, 'order.refunded'));
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: null,
			deliveryId: null,
			body: { type: 'order.created' },
		});
	});
});

describe('handshakes', () => {
	const def = hookshopVariant({
		setupMethod: 'GET',
		hooks: { ...hookshop.spec.webhook!.hooks, handshake: 'challenge' },
	});

	it('answers the GET challenge on the setup webhook when the verify token matches', async () => {
		const t = harness(def);
		await activate(t, 'production', { id: 41, verify_token: 'vt-123' });
		const { result, response } = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { mode: 'subscribe', verify_token: 'vt-123', challenge: '1158201444' },
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect([response.statusCode, response.body, response.headers['content-type']]).toEqual([
			200,
			'1158201444',
			'text/plain; charset=utf-8',
		]);
	});

	it('a wrong verify token or mode gets 403; a setup request that is no handshake gets 400', async () => {
		const t = harness(def);
		await activate(t, 'production', { id: 41, verify_token: 'vt-123' });
		const wrong = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { mode: 'subscribe', verify_token: 'guess', challenge: 'c' },
		});
		expect([wrong.response.statusCode, wrong.response.body]).toEqual([
			403,
			{ message: 'The verify token does not match.' },
		]);
		const mode = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { mode: 'unsubscribe', verify_token: 'vt-123', challenge: 'c' },
		});
		expect([mode.response.statusCode, mode.response.body]).toEqual([
			403,
			{ message: 'Unexpected mode.' },
		]);
		const none = await t.deliver({ webhookName: 'setup', method: 'GET', query: {} });
		expect(none.result).toEqual({ noWebhookResponse: true });
		expect([none.response.statusCode, none.response.body]).toEqual([
			400,
			{ message: 'This URL only answers Hookshop verification requests.' },
		]);
	});

	it('with a handshake hook, ordinary POST deliveries still go through verification', async () => {
		const t = harness(def);
		const secret = await activate(t, 'production', { id: 41, verify_token: 'vt-123' });
		expect((await t.deliver(signed(secret))).result.workflowData).toHaveLength(1);
		expect((await t.deliver(signed('wrong'))).response.statusCode).toBe(401);
	});
});

describe('signed handshakes on the delivery URL', () => {
	const def = hookshopVariant({
		hooks: { ...hookshop.spec.webhook!.hooks, handshake: 'echoChallenge' },
	});
	const challenge =
		'{"type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}';

	it('the hook can run the signature check itself and echo the challenge as JSON', async () => {
		const t = harness(def);
		const secret = await activate(t);
		const ok = await t.deliver(signed(secret, challenge, 'url_verification'));
		expect(ok.result).toEqual({ noWebhookResponse: true });
		expect([ok.response.statusCode, ok.response.body]).toEqual([
			200,
			{ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' },
		]);
		const forged = await t.deliver(signed('forged', challenge, 'url_verification'));
		expect([forged.response.statusCode, forged.response.body]).toEqual([
			401,
			{
				message:
					'The X-Hookshop-Signature signature does not match the request (wrong secret, or the body was changed).',
			},
		]);
	});
});

describe('where the secret comes from', () => {
	it('a credential field (e.g. an app secret), read through n8n at delivery time', async () => {
		const t = harness(
			hookshopVariant({ register: 'manual', hooks: undefined, secretCredentialField: 'appSecret' }),
		);
		expect((await t.deliver(signed(APP_SECRET))).result.workflowData).toHaveLength(1);
		expect((await t.deliver(signed('other'))).response.statusCode).toBe(401);
	});

	it('a fallback credential field is read when the first one is empty, and not when it is set', async () => {
		const variant = (first: string) =>
			hookshopVariant({
				register: 'manual',
				hooks: undefined,
				secretCredentialField: first,
				secretCredentialFallback: 'appSecret',
			});
		// 'metaSecret' is not in the credential: the fallback (appSecret) signs.
		const fallback = harness(variant('metaSecret'));
		expect((await fallback.deliver(signed(APP_SECRET))).result.workflowData).toHaveLength(1);
		// 'accessToken' is set: it is the secret, and the fallback is not accepted.
		const first = harness(variant('accessToken'));
		expect((await first.deliver(signed(APP_SECRET))).response.statusCode).toBe(401);
		await sharedReplayStore().clear();
		expect((await first.deliver(signed(TOKEN))).result.workflowData).toHaveLength(1);
	});

	it("manual registration: the node's Signing Secret field; empty means every delivery is rejected", async () => {
		const def = hookshopVariant({ register: 'manual', hooks: undefined });
		const empty = await harness(def, { signingSecret: '' }).deliver(signed('pasted-secret-1'));
		expect([empty.response.statusCode, empty.response.body]).toEqual([
			401,
			{
				message:
					"No Hookshop signing secret is set, so deliveries cannot be verified. Paste it into the trigger's Signing Secret field.",
			},
		]);
		const set = await harness(def, { signingSecret: 'pasted-secret-1' }).deliver(
			signed('pasted-secret-1'),
		);
		expect(set.result.workflowData?.[0][0].json.event).toBe('order.created');
	});

	it('services that do not sign: the URL secret must match (constant time), and is not passed on', async () => {
		const def = hookshopVariant({ signature: undefined, urlSecret: true, urlSecretParam: 'token' });
		const t = harness(def);
		const secret = await activate(t);
		const base = {
			method: 'POST',
			rawBody: BODY,
			headers: { 'content-type': 'application/json', 'x-hookshop-event': 'order.created' },
		};
		const ok = await t.deliver({ ...base, query: { token: secret, page: '1' } });
		expect(ok.result.workflowData?.[0][0].json.query).toEqual({ page: '1' });
		expect(JSON.stringify(ok.result)).not.toContain(secret);
		const wrong = await t.deliver({
			...base,
			query: { token: secret.replace(/.$/, (c) => (c === '0' ? '1' : '0')) },
		});
		expect([wrong.response.statusCode, wrong.response.body]).toEqual([
			401,
			{ message: "The request does not carry this webhook's secret." },
		]);
		expect((await t.deliver({ ...base, query: {} })).response.statusCode).toBe(401);
	});
});

describe('timestamped schemes (replay window)', () => {
	const timed: SignatureScheme = {
		header: 'Hookshop-Signature',
		algorithm: 'sha256',
		encoding: 'hex',
		structured: { timestampKey: 't', signatureKey: 'v1' },
		signedPayload: '{timestamp}.{body}',
		toleranceSeconds: 300,
	};
	const def = hookshopVariant(
		{ signature: timed, register: 'manual', hooks: undefined, secretCredentialField: 'appSecret' },
		'hookshopTimed',
	);
	const NOW = 1_700_000_000_000;

	function delivery(timestamp: number) {
		return createWebhookContext({
			parameters: { shop: 'acme', events: ['order.created'] },
			node: {
				name: 'Hookshop Trigger',
				credentials: { hookshopApi: { id: '1', name: 'Hookshop' } },
			},
			request: {
				rawBody: BODY,
				headers: {
					'content-type': 'application/json',
					'x-hookshop-event': 'order.created',
					...signPayload(timed, { rawBody: Buffer.from(BODY), secret: APP_SECRET, timestamp }),
				},
			},
		});
	}

	/** The fake context has no credentials; give it the one the trigger reads. */
	function withCredential(fake: ReturnType<typeof delivery>) {
		(fake.context as unknown as { getCredentials: () => Promise<object> }).getCredentials =
			async () => ({ accessToken: TOKEN, appSecret: APP_SECRET });
		return fake;
	}

	it('exactly 300 s old is accepted; 301 s old is rejected with 401', async () => {
		const fresh = withCredential(delivery(NOW / 1000 - 300));
		expect((await triggerWebhook(fresh.context, def, { now: NOW })).workflowData).toHaveLength(1);
		const stale = withCredential(delivery(NOW / 1000 - 301));
		expect(await triggerWebhook(stale.context, def, { now: NOW })).toEqual({
			noWebhookResponse: true,
		});
		expect([stale.response.statusCode, stale.response.body]).toEqual([
			401,
			{ message: 'The request timestamp is 301 s old; deliveries older than 300 s are rejected.' },
		]);
		expect(stale.logs).toEqual([
			{
				level: 'warn',
				message: 'Hookshop Trigger rejected a delivery (stale-timestamp)',
				meta: { node: 'Hookshop Trigger', reason: 'stale-timestamp' },
			},
		]);
	});

	it('the same delivery replayed inside the window is rejected', async () => {
		const first = withCredential(delivery(NOW / 1000 - 10));
		expect((await triggerWebhook(first.context, def, { now: NOW })).workflowData).toHaveLength(1);
		const again = withCredential(delivery(NOW / 1000 - 10));
		expect(await triggerWebhook(again.context, def, { now: NOW + 1000 })).toEqual({
			noWebhookResponse: true,
		});
		expect(again.response.statusCode).toBe(401);
	});
});
