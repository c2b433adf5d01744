/**
 * Stripe Trigger through n8n-core's real HookContext and WebhookContext: the webhook endpoint is created,
 * checked and deleted through the API (nock), the signing secret Stripe returns is kept, and deliveries
 * are verified with Stripe's scheme (services.md § Stripe): valid, rotated, tampered, unsigned, stale,
 * replayed, unselected events. Signatures here are computed independently with node:crypto.
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { validateService } from '../../lib/spec/schema';
import { triggerWebhook } from '../../lib/triggers';
import { sharedReplayStore, verifySignature } from '../../lib/webhooks';
import { ApiConnStripeApi } from '../../credentials/ApiConnStripeApi.credentials';
import { stripeDefinition, stripeSignature } from '../../nodes/Stripe/Stripe.service';
import { StripeTrigger } from '../../nodes/Stripe/StripeTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://api.stripe.com';
const KEY = 'rk_test_51AbCdEfGhIjKlMnOpQrStUv';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const TEST_URL = 'http://localhost:5678/webhook-test/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const NOW_S = 1_795_000_000;

/** The trigger with the delivery clock pinned, so the replay window is tested at its exact edges. */
class ClockedStripeTrigger extends StripeTrigger {
	static nowMs = NOW_S * 1000;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, stripeDefinition, { now: ClockedStripeTrigger.nowMs });
	}
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => (ClockedStripeTrigger.nowMs = NOW_S * 1000));
afterEach(() => nock.cleanAll());
// Each test is a fresh trigger: nothing one test accepted counts as a replay in the next.
beforeEach(async () => await sharedReplayStore().clear());
afterAll(() => nock.enableNetConnect());

let secrets = 0;
/** A fresh signing secret per endpoint, as Stripe issues (also keeps the process-wide replay guard out of the way). */
const nextSecret = () => `whsec_${String(++secrets).padStart(4, '0')}Ab12Cd34Ef56Gh78`;

function harness(
	events: string[] = ['payment_intent.succeeded', 'charge.refunded'],
): TriggerHarness {
	return createTriggerHarness({
		nodeType: new ClockedStripeTrigger(),
		parameters: { events },
		credentials: { apiConnStripeApi: { secretKey: KEY } },
		credentialTypes: [new ApiConnStripeApi()],
	});
}

interface Seen {
	method: string;
	uri: string;
	body: string;
	headers: Record<string, string | string[] | undefined>;
}

function endpoint(id: string, url: string, events: string[], extra: Record<string, unknown> = {}) {
	return {
		id,
		object: 'webhook_endpoint',
		url,
		enabled_events: events,
		status: 'enabled',
		livemode: false,
		api_version: null,
		...extra,
	};
}

/** Answers `POST /v1/webhook_endpoints` like Stripe: the endpoint with its secret (shown only here). */
function fakeCreate(id: string, secret: string): Seen[] {
	const seen: Seen[] = [];
	nock(API)
		.post('/v1/webhook_endpoints')
		.reply(200, function (uri, body) {
			seen.push({ method: 'POST', uri, body: String(body), headers: this.req.headers });
			const params = new URLSearchParams(String(body));
			const events = [...params.entries()]
				.filter(([k]) => k.startsWith('enabled_events['))
				.map(([, v]) => v);
			return endpoint(id, String(params.get('url')), events, { secret });
		});
	return seen;
}

async function activate(
	t: TriggerHarness,
	id = 'we_1Mr5jULkdIwHu7ix1ibLTM0x',
	mode: 'production' | 'test' = 'production',
): Promise<string> {
	const secret = nextSecret();
	fakeCreate(id, secret);
	expect(await t.run('checkExists', mode)).toBe(false);
	expect(await t.run('create', mode)).toBe(true);
	return secret;
}

/** `Stripe-Signature: t=…,v1=…` computed like stripe-node's generateTestHeaderString. */
function sign(secret: string, body: string, t: number): string {
	return createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
}

function event(type: string, id = 'evt_1NG8Du2eZvKYlo2CUI79vXWy') {
	return JSON.stringify({
		id,
		object: 'event',
		type,
		livemode: false,
		created: NOW_S,
		data: { object: { id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa', object: 'payment_intent', amount: 2000 } },
	});
}

function delivery(body: string, signature: string | undefined) {
	return {
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
			...(signature === undefined ? {} : { 'stripe-signature': signature }),
		},
	};
}

describe('the trigger node', () => {
	const d = new StripeTrigger().description;

	it('is a trigger with one POST webhook, the Stripe credential, and Stripe event types', () => {
		expect(d).toMatchObject({
			name: 'stripeTrigger',
			displayName: 'Stripe Trigger (API Connections)',
			defaults: { name: 'Stripe Trigger' },
			group: ['trigger'],
			inputs: [],
			icon: { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' },
			credentials: [{ name: 'apiConnStripeApi', required: true }],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			],
		});
		expect(d.usableAsTool).toBeUndefined();
		const events = d.properties.find((p) => p.name === 'events')!;
		expect(events).toMatchObject({
			type: 'multiOptions',
			required: true,
			default: ['payment_intent.succeeded'],
		});
		const values = (events.options as Array<{ value: string }>).map((o) => o.value);
		// `*` and every event type of the pinned API version (275; the list is checked against the stripe package
		// in test/conformance/stripe-sdk.test.ts).
		expect(values).toHaveLength(276);
		expect(events.description).toBe(
			"The events that start the workflow; other deliveries are acknowledged and ignored. Choose 'All Events' for every event. Event types of Stripe API version 2026-10-28.endive, which this node uses for requests and registers its webhook endpoint with.",
		);
		expect(values).toEqual(
			expect.arrayContaining([
				'*',
				'checkout.session.completed',
				'invoice.paid',
				'customer.subscription.deleted',
				'charge.refunded',
			]),
		);
	});

	it('the webhook part of the spec is valid and is the documented Stripe scheme', () => {
		expect(validateService(stripeDefinition)).toEqual([]);
		expect(stripeSignature).toEqual({
			header: 'Stripe-Signature',
			algorithm: 'sha256',
			encoding: 'hex',
			structured: { timestampKey: 't', signatureKey: 'v1' },
			signedPayload: '{timestamp}.{body}',
			toleranceSeconds: 300,
			timestampWindow: 'one-sided',
		});
		// The reference test vector (services.md § Stripe).
		const result = verifySignature(stripeSignature, {
			rawBody: Buffer.from('{"id":"evt_1"}'),
			headers: {
				'stripe-signature':
					't=1700000000,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925',
			},
			secret: 'whsec_test',
			now: 1_700_000_000_000,
		});
		expect(result).toEqual({ ok: true, timestamp: 1700000000 });
	});
});

describe('registration', () => {
	it('create: POST /v1/webhook_endpoints with the URL and events, and keeps the id and the secret Stripe returns', async () => {
		const t = harness();
		const secret = nextSecret();
		const seen = fakeCreate('we_1Mr5jULkdIwHu7ix1ibLTM0x', secret);
		expect(await t.run('create')).toBe(true);

		expect(seen).toHaveLength(1);
		expect(seen[0].uri).toBe('/v1/webhook_endpoints');
		expect(seen[0].body).toBe(
			`url=${encodeURIComponent(PROD_URL)}&enabled_events[0]=payment_intent.succeeded&enabled_events[1]=charge.refunded&api_version=2026-10-28.endive&description=n8n%20workflow%20%22Trigger%20workflow%22`,
		);
		expect(seen[0].headers.authorization).toBe(`Bearer ${KEY}`);
		expect(seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(seen[0].headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
		// Registration asks for the pinned version too (events arrive in the shape the node reads).
		expect(seen[0].headers['stripe-version']).toBe('2026-10-28.endive');
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: 'we_1Mr5jULkdIwHu7ix1ibLTM0x',
				// Only sealed (lib/triggers/secrets.ts): the REST API shows static data to anyone who can read the workflow.
				sealedSecret: expect.stringMatching(/^v1\.[\w-]+$/),
				events: ['payment_intent.succeeded', 'charge.refunded'],
				webhookUrl: PROD_URL,
				data: { livemode: false },
			},
		});
	});

	it('create: "All Events" is sent as enabled_events[0]=* alone', async () => {
		const t = harness(['*', 'charge.refunded']);
		const seen = fakeCreate('we_all', nextSecret());
		expect(await t.run('create')).toBe(true);
		expect(seen[0].body).toBe(
			`url=${encodeURIComponent(PROD_URL)}&enabled_events[0]=*&api_version=2026-10-28.endive&description=n8n%20workflow%20%22Trigger%20workflow%22`,
		);
	});

	it('create: an answer without a signing secret fails the activation (it could never verify a delivery)', async () => {
		const t = harness();
		nock(API)
			.post('/v1/webhook_endpoints')
			.reply(
				200,
				endpoint('we_nosecret', PROD_URL, ['payment_intent.succeeded', 'charge.refunded']),
			);
		await expect(t.run('create')).rejects.toThrow(
			'Stripe created the webhook endpoint but returned no id or signing secret',
		);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('create: the test URL is registered separately from production', async () => {
		const t = harness();
		const seen = fakeCreate('we_test', nextSecret());
		expect(await t.run('create', 'test')).toBe(true);
		expect(seen[0].body).toContain(`url=${encodeURIComponent(TEST_URL)}&`);
		expect(Object.keys(t.nodeStaticData())).toEqual(['test']);
	});

	it('checkExists: nothing stored means no request and false', async () => {
		const t = harness();
		expect(await t.run('checkExists')).toBe(false);
	});

	it('checkExists: GET /v1/webhook_endpoints/{id}; an enabled endpoint with the same URL and events exists', async () => {
		const t = harness();
		await activate(t);
		const scope = nock(API, { reqheaders: { authorization: `Bearer ${KEY}` } })
			.get('/v1/webhook_endpoints/we_1Mr5jULkdIwHu7ix1ibLTM0x')
			.reply(
				200,
				endpoint('we_1Mr5jULkdIwHu7ix1ibLTM0x', PROD_URL, [
					'charge.refunded',
					'payment_intent.succeeded',
				]),
			);
		expect(await t.run('checkExists')).toBe(true);
		expect(scope.isDone()).toBe(true);
	});

	it('checkExists: an endpoint deleted in the Dashboard (404) is missing and forgotten', async () => {
		const t = harness();
		await activate(t);
		nock(API)
			.get('/v1/webhook_endpoints/we_1Mr5jULkdIwHu7ix1ibLTM0x')
			.reply(404, {
				error: {
					type: 'invalid_request_error',
					code: 'resource_missing',
					message: "No such webhook endpoint: 'we_1Mr5jULkdIwHu7ix1ibLTM0x'",
				},
			});
		expect(await t.run('checkExists')).toBe(false);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('checkExists: an endpoint Stripe disabled, or one edited in the Dashboard, is deleted and reported missing', async () => {
		for (const stale of [
			{ status: 'disabled' },
			{ url: 'https://old.example.com/webhook' },
			{ enabled_events: ['payment_intent.succeeded'] },
		]) {
			const t = harness();
			await activate(t);
			const scope = nock(API)
				.get('/v1/webhook_endpoints/we_1Mr5jULkdIwHu7ix1ibLTM0x')
				.reply(
					200,
					endpoint(
						'we_1Mr5jULkdIwHu7ix1ibLTM0x',
						PROD_URL,
						['payment_intent.succeeded', 'charge.refunded'],
						stale,
					),
				)
				.delete('/v1/webhook_endpoints/we_1Mr5jULkdIwHu7ix1ibLTM0x')
				.reply(200, {
					id: 'we_1Mr5jULkdIwHu7ix1ibLTM0x',
					object: 'webhook_endpoint',
					deleted: true,
				});
			expect(await t.run('checkExists')).toBe(false);
			expect(scope.isDone()).toBe(true);
			expect(t.nodeStaticData()).toEqual({});
		}
	});

	it('delete: DELETE /v1/webhook_endpoints/{id} and forget the id and secret', async () => {
		const t = harness();
		await activate(t);
		const scope = nock(API, { reqheaders: { authorization: `Bearer ${KEY}` } })
			.delete('/v1/webhook_endpoints/we_1Mr5jULkdIwHu7ix1ibLTM0x')
			.reply(200, { id: 'we_1Mr5jULkdIwHu7ix1ibLTM0x', object: 'webhook_endpoint', deleted: true });
		expect(await t.run('delete')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('delete: an endpoint already deleted in the Dashboard (404) counts as deleted', async () => {
		const t = harness();
		await activate(t);
		nock(API)
			.delete('/v1/webhook_endpoints/we_1Mr5jULkdIwHu7ix1ibLTM0x')
			.reply(404, { error: { code: 'resource_missing', message: 'No such webhook endpoint' } });
		expect(await t.run('delete')).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('delete: any other failure is reported (the endpoint would keep sending)', async () => {
		const t = harness();
		await activate(t);
		nock(API)
			.delete('/v1/webhook_endpoints/we_1Mr5jULkdIwHu7ix1ibLTM0x')
			.reply(403, {
				error: {
					type: 'invalid_request_error',
					message: 'The provided key does not have the required permissions',
				},
			});
		await expect(t.run('delete')).rejects.toThrow(
			'Stripe: 403 Forbidden – The provided key does not have the required permissions',
		);
	});
});

describe('deliveries', () => {
	it('a correctly signed delivery of a selected event starts one execution', async () => {
		const t = harness();
		const secret = await activate(t);
		const body = event('payment_intent.succeeded');
		const header = `t=${NOW_S},v1=${sign(secret, body, NOW_S)}`;
		const { result, response } = await t.deliver(delivery(body, header));
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							event: 'payment_intent.succeeded',
							deliveryId: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
							body: JSON.parse(body),
							headers: {
								'content-type': 'application/json; charset=utf-8',
								'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
								'stripe-signature': header,
							},
							query: {},
						},
					},
				],
			],
		});
		expect(JSON.stringify(result)).not.toContain(secret);
	});

	it('during secret rotation any one matching v1 passes; v0 signatures are ignored', async () => {
		const t = harness();
		const secret = await activate(t);
		const body = event('charge.refunded', 'evt_rotation');
		const header = `t=${NOW_S},v1=${sign('whsec_old_secret_value', body, NOW_S)},v1=${sign(secret, body, NOW_S)},v0=${'0'.repeat(64)}`;
		const { result } = await t.deliver(delivery(body, header));
		expect(result.workflowData?.[0][0].json.event).toBe('charge.refunded');
	});

	const rejected = async (t: TriggerHarness, body: string, header: string | undefined) => {
		const { result, response } = await t.deliver(delivery(body, header));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		return (response.body as { message: string }).message;
	};

	it('a tampered body, an unsigned delivery, a v0-only header and a wrong secret get 401 and start nothing', async () => {
		const t = harness();
		const secret = await activate(t);
		const body = event('payment_intent.succeeded', 'evt_tamper');
		const good = sign(secret, body, NOW_S);
		expect(await rejected(t, body.replace('2000', '1'), `t=${NOW_S},v1=${good}`)).toBe(
			'The Stripe-Signature signature does not match the request (wrong secret, or the body was changed).',
		);
		expect(await rejected(t, body, undefined)).toBe('The request has no Stripe-Signature header.');
		expect(await rejected(t, body, `t=${NOW_S},v0=${good}`)).toBe(
			'The Stripe-Signature header has no "v1" signature.',
		);
		expect(
			await rejected(t, body, `t=${NOW_S},v1=${sign('whsec_someone_else', body, NOW_S)}`),
		).toBe(
			'The Stripe-Signature signature does not match the request (wrong secret, or the body was changed).',
		);
	});

	it('the 300 s window: exactly 300 s old passes, 301 s old is rejected, a future timestamp passes (one-sided, like the SDK)', async () => {
		const t = harness();
		const secret = await activate(t);
		const at = (age: number, id: string) => {
			const body = event('payment_intent.succeeded', id);
			return { body, header: `t=${NOW_S - age},v1=${sign(secret, body, NOW_S - age)}` };
		};
		const edge = at(300, 'evt_edge');
		expect((await t.deliver(delivery(edge.body, edge.header))).result.workflowData).toHaveLength(1);
		const stale = at(301, 'evt_stale');
		expect(await rejected(t, stale.body, stale.header)).toBe(
			'The request timestamp is 301 s old; deliveries older than 300 s are rejected.',
		);
		const future = at(-120, 'evt_future');
		expect(
			(await t.deliver(delivery(future.body, future.header))).result.workflowData,
		).toHaveLength(1);
	});

	it('the same signed delivery sent twice is rejected the second time (replay)', async () => {
		const t = harness();
		const secret = await activate(t);
		const body = event('payment_intent.succeeded', 'evt_replay');
		const header = `t=${NOW_S},v1=${sign(secret, body, NOW_S)}`;
		expect((await t.deliver(delivery(body, header))).result.workflowData).toHaveLength(1);
		expect(await rejected(t, body, header)).toBe(
			'This delivery was already received within the last 300 s and is rejected as a replay.',
		);
	});

	it('before registration there is no secret: every delivery is rejected', async () => {
		const t = harness();
		const body = event('payment_intent.succeeded', 'evt_nosecret');
		expect(await rejected(t, body, `t=${NOW_S},v1=${sign('whsec_guess', body, NOW_S)}`)).toBe(
			'This trigger has no stored signing secret, so deliveries cannot be verified. Deactivate and activate the workflow again to re-register the Stripe webhook.',
		);
	});

	it('an event that was not selected is acknowledged (200) and starts nothing; All Events lets every event through', async () => {
		const t = harness();
		const secret = await activate(t);
		const body = event('customer.created', 'evt_unselected');
		const { result, response } = await t.deliver(
			delivery(body, `t=${NOW_S},v1=${sign(secret, body, NOW_S)}`),
		);
		expect(result).toEqual({ webhookResponse: { message: 'Event not selected' } });
		expect(response.statusCode).toBeUndefined();

		const all = harness(['*']);
		const allSecret = await activate(all, 'we_all');
		const any = event('customer.created', 'evt_any');
		const res = await all.deliver(delivery(any, `t=${NOW_S},v1=${sign(allSecret, any, NOW_S)}`));
		expect(res.result.workflowData?.[0][0].json.event).toBe('customer.created');
	});
});
