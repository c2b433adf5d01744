/**
 * WooCommerce Trigger: webhooks registered through the REST API (one per topic, with this node's URL and a fresh
 * secret), checked and deleted (force=true); the creation ping (`webhook_id=<id>`, form-encoded, unsigned)
 * answered 200 and starting nothing; deliveries verified as WooCommerce signs them (services.md § WooCommerce:
 * `X-WC-Webhook-Signature` = base64 HMAC-SHA256 of the raw body with the webhook's secret), deduplicated by
 * `X-WC-Webhook-Delivery-ID`.
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnWooCommerceApi } from '../../credentials/ApiConnWooCommerceApi.credentials';
import { useRuntime } from '../../lib/runtime';
import { schemeProblems, sharedReplayStore, signPayload } from '../../lib/webhooks';
import { wooCommerceSpec } from '../../nodes/WooCommerce/WooCommerce.service';
import { WooCommerceTrigger } from '../../nodes/WooCommerce/WooCommerceTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const STORE = 'https://shop.example.com';
const HOOKS = '/wp-json/wc/v3/webhooks';
const KEY = 'ck_4f1ae8c2d9b7a6e5f4c3b2a1d0e9f8c7b6a5d4e3';
const CS = 'cs_9b2e7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d';
const BASIC = `Basic ${Buffer.from(`${KEY}:${CS}`).toString('base64')}`;
const creds = {
	url: STORE,
	consumerKey: KEY,
	consumerSecret: CS,
	keysIn: 'header',
	plainHttp: 'refuse',
};

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [] }));
beforeEach(async () => await sharedReplayStore().clear());
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(events: string[] = ['order.created']): TriggerHarness {
	return createTriggerHarness({
		nodeType: new WooCommerceTrigger(),
		parameters: { events } as never,
		credentials: { apiConnWooCommerceApi: creds as never },
		credentialTypes: [new ApiConnWooCommerceApi()],
	});
}

/** The webhook WooCommerce answers POST /webhooks with (its documented shape). */
const hookAnswer = (id: number, topic: string, url: string) => ({
	id,
	name: `n8n: ${topic}`,
	status: 'active',
	topic,
	resource: topic.split('.')[0],
	event: topic.split('.')[1],
	hooks: [`woocommerce_${topic.replace('.', '_')}`],
	delivery_url: url,
	date_created: '2026-12-03T12:00:00',
});

interface Seen {
	method: string;
	path: string;
	body: IDataObject;
	auth: unknown;
}

/** Registers the trigger; returns what WooCommerce was sent. */
async function activate(t: TriggerHarness, ids = [142]): Promise<Seen[]> {
	const seen: Seen[] = [];
	let n = 0;
	nock(STORE)
		.post(HOOKS)
		.times(ids.length)
		.reply(201, function (path, body) {
			seen.push({
				method: 'POST',
				path,
				body: body as IDataObject,
				auth: this.req.headers.authorization,
			});
			const b = body as IDataObject;
			return hookAnswer(ids[n++], String(b.topic), String(b.delivery_url));
		});
	expect(await t.run('create')).toBe(true);
	return seen;
}

/** The secret the trigger gave WooCommerce (WooCommerce signs with it). */
const secretOf = (seen: Seen[]) => String(seen[0].body.secret);

describe('registration', () => {
	it('create: one POST /webhooks per topic with the node URL, a fresh secret and status active; Basic auth', async () => {
		const t = harness(['order.created', 'order.updated']);
		const seen = await activate(t, [142, 143]);
		const url = t.webhookUrl();
		expect(seen.map(({ body, ...rest }) => ({ ...rest, body: { ...body, secret: '…' } }))).toEqual([
			{
				method: 'POST',
				path: HOOKS,
				auth: BASIC,
				body: {
					name: 'n8n: Trigger workflow (order.created)',
					topic: 'order.created',
					delivery_url: url,
					secret: '…',
					status: 'active',
				},
			},
			{
				method: 'POST',
				path: HOOKS,
				auth: BASIC,
				body: {
					name: 'n8n: Trigger workflow (order.updated)',
					topic: 'order.updated',
					delivery_url: url,
					secret: '…',
					status: 'active',
				},
			},
		]);
		// One secret for the activation, random and long.
		expect(seen[0].body.secret).toBe(seen[1].body.secret);
		expect(String(seen[0].body.secret)).toMatch(/^[A-Za-z0-9_-]{32,}$/);
		expect(t.nodeStaticData()).toMatchObject({
			production: {
				hookId: '142,143',
				events: ['order.created', 'order.updated'],
				data: { topics: ['order.created', 'order.updated'] },
			},
		});
		expect(JSON.stringify(t.nodeStaticData())).not.toContain(CS);
	});

	it('a failed second registration removes the first one (no half registration) and names the cause', async () => {
		const t = harness(['order.created', 'order.updated']);
		nock(STORE)
			.post(HOOKS)
			.reply(201, hookAnswer(142, 'order.created', t.webhookUrl()));
		nock(STORE)
			.post(HOOKS)
			.reply(403, {
				code: 'woocommerce_rest_cannot_create',
				message: 'Sorry, you are not allowed to create resources.',
				data: { status: 403 },
			});
		const del = nock(STORE)
			.delete(`${HOOKS}/142`)
			.query({ force: 'true' })
			.reply(200, hookAnswer(142, 'order.created', ''));
		const error = (await t.run('create').catch((e: unknown) => e)) as {
			message: string;
			description?: string;
		};
		expect(error.message).toContain('Sorry, you are not allowed to create resources.');
		expect(del.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('checkExists: every webhook found and active → true; one disabled (after failed deliveries) → all removed, false', async () => {
		const t = harness(['order.created', 'order.updated']);
		await activate(t, [142, 143]);
		nock(STORE)
			.get(`${HOOKS}/142`)
			.reply(200, hookAnswer(142, 'order.created', t.webhookUrl()));
		nock(STORE)
			.get(`${HOOKS}/143`)
			.reply(200, hookAnswer(143, 'order.updated', t.webhookUrl()));
		expect(await t.run('checkExists')).toBe(true);

		nock(STORE)
			.get(`${HOOKS}/142`)
			.reply(200, hookAnswer(142, 'order.created', t.webhookUrl()));
		nock(STORE)
			.get(`${HOOKS}/143`)
			.reply(200, { ...hookAnswer(143, 'order.updated', t.webhookUrl()), status: 'disabled' });
		const dels = [142, 143].map((id) =>
			nock(STORE).delete(`${HOOKS}/${id}`).query({ force: 'true' }).reply(200, {}),
		);
		expect(await t.run('checkExists')).toBe(false);
		expect(dels.every((d) => d.isDone())).toBe(true);
	});

	it('delete: DELETE /webhooks/<id>?force=true for each; one already gone (404) is fine; state cleared', async () => {
		const t = harness(['order.created', 'order.updated']);
		await activate(t, [142, 143]);
		const a = nock(STORE)
			.delete(`${HOOKS}/142`)
			.query({ force: 'true' })
			.matchHeader('authorization', BASIC)
			.reply(200, hookAnswer(142, 'order.created', ''));
		const b = nock(STORE)
			.delete(`${HOOKS}/143`)
			.query({ force: 'true' })
			.reply(404, {
				code: 'woocommerce_rest_webhook_invalid_id',
				message: 'Invalid ID.',
				data: { status: 404 },
			});
		expect(await t.run('delete')).toBe(true);
		expect([a.isDone(), b.isDone()]).toEqual([true, true]);
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe('deliveries', () => {
	const order = {
		id: 727,
		status: 'processing',
		currency: 'USD',
		total: '29.35',
		billing: { email: 'john.doe@example.com' },
	};
	const sign = (body: string, secret: string) =>
		createHmac('sha256', secret).update(body).digest('base64');
	const delivery = (
		body: string,
		signature: string | undefined,
		id = '5081',
		topic = 'order.created',
	) => ({
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': 'application/json',
			'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
			'x-wc-webhook-source': `${STORE}/`,
			'x-wc-webhook-topic': topic,
			'x-wc-webhook-resource': topic.split('.')[0],
			'x-wc-webhook-event': topic.split('.')[1],
			'x-wc-webhook-id': '142',
			'x-wc-webhook-delivery-id': id,
			...(signature === undefined ? {} : { 'x-wc-webhook-signature': signature }),
		},
	});

	it('the scheme is valid and matches the reference test vector (wc_secret, base64 HMAC-SHA256 of the body)', () => {
		const scheme = wooCommerceSpec.webhook!.signature!;
		expect(schemeProblems(scheme)).toEqual([]);
		expect(
			signPayload(scheme, {
				rawBody: Buffer.from('{"id":123,"status":"processing"}'),
				secret: 'wc_secret',
			}),
		).toEqual({ 'x-wc-webhook-signature': 'pwgo1FZhED7tbs0Po4uMSVL7CW2jcMWnTw7EsSsm77g=' });
	});

	it('the creation ping (form-encoded webhook_id=<id>, unsigned, no X-WC headers) gets an empty 200 and starts nothing', async () => {
		const t = harness();
		await activate(t);
		const r = await t.deliver({
			method: 'POST',
			rawBody: 'webhook_id=142',
			body: { webhook_id: '142' },
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
			},
		});
		expect(r.response.statusCode).toBe(200);
		expect(r.result.workflowData).toBeUndefined();
	});

	it('a form that is more than the ping, or a JSON body naming webhook_id, is a delivery: unsigned → 401', async () => {
		const t = harness();
		await activate(t);
		for (const [type, raw] of [
			['application/x-www-form-urlencoded', 'webhook_id=142&status=completed'],
			['application/x-www-form-urlencoded', 'webhook_id=abc'],
			['application/json', '{"webhook_id":142}'],
		]) {
			const r = await t.deliver({
				method: 'POST',
				rawBody: raw,
				headers: { 'content-type': type },
			});
			expect([r.result, r.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
		}
	});

	it('a signed delivery starts the workflow with the topic, the delivery ID and the order', async () => {
		const t = harness();
		const secret = secretOf(await activate(t));
		const body = JSON.stringify(order);
		const { result, response } = await t.deliver(delivery(body, sign(body, secret)));
		expect(response.statusCode).toBeUndefined();
		const item = (result.workflowData as Array<Array<{ json: IDataObject }>>)[0][0].json;
		expect(item).toMatchObject({ event: 'order.created', deliveryId: '5081', body: order });
		expect(JSON.stringify(result)).not.toContain(secret);
	});

	it('unsigned, empty, tampered, another secret, hex instead of base64, SHA-1: 401, nothing starts', async () => {
		const t = harness();
		const secret = secretOf(await activate(t));
		const body = JSON.stringify(order);
		const cases = [
			delivery(body, undefined),
			delivery(body, ''),
			delivery(body.replace('29.35', '0.01'), sign(body, secret)),
			delivery(body, sign(body, 'another-secret')),
			delivery(body, createHmac('sha256', secret).update(body).digest('hex')),
			delivery(body, createHmac('sha1', secret).update(body).digest('base64')),
		];
		for (const d of cases) {
			const r = await t.deliver(d);
			expect([r.result, r.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
			expect(r.response.raw()).not.toContain(secret);
		}
	});

	// WooCommerce gives every delivery attempt a new ID (WC_Webhook::get_new_delivery_id): one seen again is a replay.
	it('the same delivery ID again (a replay) is refused with 401 and starts nothing; a new delivery runs', async () => {
		const t = harness();
		const secret = secretOf(await activate(t));
		const body = JSON.stringify(order);
		const first = await t.deliver(delivery(body, sign(body, secret), '5082'));
		expect(first.result.workflowData).toHaveLength(1);
		const again = await t.deliver(delivery(body, sign(body, secret), '5082'));
		expect([again.result, again.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
		const other = JSON.stringify({ ...order, status: 'completed' });
		const next = await t.deliver(delivery(other, sign(other, secret), '5083'));
		expect(next.result.workflowData).toHaveLength(1);
	});

	it('a topic not picked is answered and starts nothing', async () => {
		const t = harness();
		const secret = secretOf(await activate(t));
		const body = JSON.stringify({ id: 794, name: 'Premium Quality' });
		const r = await t.deliver(delivery(body, sign(body, secret), '5084', 'product.updated'));
		expect(r.result).toEqual({ webhookResponse: { message: 'Event not selected' } });
	});
});
