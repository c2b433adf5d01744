/**
 * Shopify Trigger: webhook subscriptions created through the GraphQL Admin API on activation (one per topic,
 * `webhookSubscriptionCreate`, JSON, this trigger's URL), checked and deleted (`webhookSubscriptionDelete`) through
 * n8n-core's real HookContext against a nock Shopify; deliveries through n8n-core's real WebhookContext, sent as
 * Shopify sends them (services.md § Shopify: `X-Shopify-Hmac-Sha256` = base64 HMAC-SHA256 of the raw body with the
 * app's client secret; `X-Shopify-Topic`; `X-Shopify-Webhook-Id` the delivery id, the same on retries).
 */
import { createHmac } from 'node:crypto';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnShopifyApi } from '../../credentials/ApiConnShopifyApi.credentials';
import { ApiConnShopifyOAuth2Api } from '../../credentials/ApiConnShopifyOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { schemeProblems, sharedReplayStore, signPayload } from '../../lib/webhooks';
import {
	CREATE_SUBSCRIPTION,
	DELETE_SUBSCRIPTION,
	FIND_SUBSCRIPTIONS,
	GET_SUBSCRIPTION,
} from '../../nodes/Shopify/Shopify.hooks';
import { shopifySignature } from '../../nodes/Shopify/Shopify.service';
import { ShopifyTrigger } from '../../nodes/Shopify/ShopifyTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const ORIGIN = 'https://acme-outfitters.myshopify.com';
const GRAPHQL = '/admin/api/2026-01/graphql.json';
const TOKEN = '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';
const SECRET = 'shpss_test';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const COST = {
	cost: {
		requestedQueryCost: 10,
		actualQueryCost: 10,
		throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 },
	},
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
	events = ['orders/create', 'orders/paid'],
	secret: string | undefined = SECRET,
	staticData?: IDataObject,
): TriggerHarness {
	return createTriggerHarness({
		nodeType: new ShopifyTrigger(),
		parameters: { events } as never,
		credentials: {
			apiConnShopifyApi: {
				shop: 'acme-outfitters.myshopify.com',
				apiVersion: '2026-01',
				accessToken: TOKEN,
				...(secret === undefined ? {} : { clientSecret: secret }),
			},
		},
		credentialTypes: [new ApiConnShopifyApi(), new ApiConnShopifyOAuth2Api()],
		...(staticData ? { staticData } : {}),
	});
}

interface Sent {
	query: string;
	variables: IDataObject;
	token: unknown;
}

/** A fake Admin API answering GraphQL documents in order; records each request. */
function shopify(sent: Sent[], answers: unknown[]) {
	let scope = nock(ORIGIN);
	for (const data of answers)
		scope = scope.post(GRAPHQL).reply(function (_uri, body) {
			sent.push({
				...(body as { query: string; variables: IDataObject }),
				token: this.req.headers['x-shopify-access-token'],
			});
			return [200, { data, extensions: COST }];
		});
	return scope;
}

const created = (id: number, topic: string) => ({
	webhookSubscriptionCreate: {
		webhookSubscription: { id: `gid://shopify/WebhookSubscription/${id}`, topic },
		userErrors: [],
	},
});
const deleted = (id: number) => ({
	webhookSubscriptionDelete: {
		deletedWebhookSubscriptionId: `gid://shopify/WebhookSubscription/${id}`,
		userErrors: [],
	},
});

async function activate(t: TriggerHarness): Promise<void> {
	const sent: Sent[] = [];
	shopify(sent, [
		{ webhookSubscriptions: { nodes: [] } },
		created(7001, 'ORDERS_CREATE'),
		created(7002, 'ORDERS_PAID'),
	]);
	expect(await t.run('create')).toBe(true);
}

describe('registration through the GraphQL Admin API', () => {
	it('create: one JSON subscription per topic to this URL (stale ones of the URL deleted first); ids stored', async () => {
		const t = harness();
		const sent: Sent[] = [];
		const scope = shopify(sent, [
			{
				webhookSubscriptions: {
					nodes: [{ id: 'gid://shopify/WebhookSubscription/6999', topic: 'ORDERS_CREATE' }],
				},
			},
			deleted(6999),
			created(7001, 'ORDERS_CREATE'),
			created(7002, 'ORDERS_PAID'),
		]);
		expect(await t.run('checkExists')).toBe(false);
		expect(await t.run('create')).toBe(true);
		expect(scope.isDone()).toBe(true);
		const sub = (topic: string) => ({
			query: CREATE_SUBSCRIPTION,
			variables: { topic, webhookSubscription: { callbackUrl: PROD_URL, format: 'JSON' } },
			token: TOKEN,
		});
		expect(sent).toEqual([
			{ query: FIND_SUBSCRIPTIONS, variables: { callbackUrl: PROD_URL }, token: TOKEN },
			{
				query: DELETE_SUBSCRIPTION,
				variables: { id: 'gid://shopify/WebhookSubscription/6999' },
				token: TOKEN,
			},
			sub('ORDERS_CREATE'),
			sub('ORDERS_PAID'),
		]);
		// The secret is the app's (the credential's): nothing is generated or stored for it.
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: 'gid://shopify/WebhookSubscription/7001',
				events: ['orders/create', 'orders/paid'],
				webhookUrl: PROD_URL,
				data: {
					ids: ['gid://shopify/WebhookSubscription/7001', 'gid://shopify/WebhookSubscription/7002'],
				},
			},
		});
	});

	it('a refused subscription (userErrors) fails activation with Shopify’s words and the field', async () => {
		const t = harness(['orders/create']);
		shopify(
			[],
			[
				{ webhookSubscriptions: { nodes: [] } },
				{
					webhookSubscriptionCreate: {
						webhookSubscription: null,
						userErrors: [
							{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address is invalid' },
						],
					},
				},
			],
		);
		const error = (await t.run('create').catch((e: unknown) => e)) as { message: string };
		expect(error.message).toContain(
			"Shopify: error – Address is invalid (field 'webhookSubscription.callbackUrl')",
		);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('checkExists asks for each stored subscription; delete removes each (one already gone is fine)', async () => {
		const t = harness();
		await activate(t);
		const sent: Sent[] = [];
		shopify(sent, [
			{
				webhookSubscription: {
					id: 'gid://shopify/WebhookSubscription/7001',
					topic: 'ORDERS_CREATE',
				},
			},
			{
				webhookSubscription: { id: 'gid://shopify/WebhookSubscription/7002', topic: 'ORDERS_PAID' },
			},
		]);
		expect(await t.run('checkExists')).toBe(true);
		expect(sent.map((s) => [s.query, s.variables])).toEqual([
			[GET_SUBSCRIPTION, { id: 'gid://shopify/WebhookSubscription/7001' }],
			[GET_SUBSCRIPTION, { id: 'gid://shopify/WebhookSubscription/7002' }],
		]);
		shopify([], [{ webhookSubscription: null }]);
		expect(await t.run('checkExists')).toBe(false);

		await activate(t);
		const removed: Sent[] = [];
		shopify(removed, [
			deleted(7001),
			{
				webhookSubscriptionDelete: {
					deletedWebhookSubscriptionId: null,
					userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }],
				},
			},
		]);
		expect(await t.run('delete')).toBe(true);
		expect(removed.map((s) => [s.query, s.variables, s.token])).toEqual([
			[DELETE_SUBSCRIPTION, { id: 'gid://shopify/WebhookSubscription/7001' }, TOKEN],
			[DELETE_SUBSCRIPTION, { id: 'gid://shopify/WebhookSubscription/7002' }, TOKEN],
		]);
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe('deliveries', () => {
	const order = JSON.stringify({
		id: 820982911946154500,
		admin_graphql_api_id: 'gid://shopify/Order/820982911946154508',
		email: 'jon@example.com',
		name: '#9999',
		total_price: '403.00',
		currency: 'USD',
		financial_status: 'paid',
	});
	const sign = (body: string, secret = SECRET) =>
		createHmac('sha256', secret).update(body, 'utf8').digest('base64');

	function delivery(
		hmac: string | undefined,
		topic = 'orders/create',
		body = order,
		webhookId = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
	) {
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'x-shopify-topic': topic,
			'x-shopify-shop-domain': 'acme-outfitters.myshopify.com',
			'x-shopify-api-version': '2026-01',
			'x-shopify-webhook-id': webhookId,
			'x-shopify-triggered-at': '2026-12-03T10:00:00.000Z',
			'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
		};
		if (hmac !== undefined) headers['x-shopify-hmac-sha256'] = hmac;
		return { method: 'POST', rawBody: body, headers };
	}

	it('the scheme is base64 HMAC-SHA256 of the raw body, and matches the reference vector', () => {
		expect(schemeProblems(shopifySignature)).toEqual([]);
		expect(
			signPayload(shopifySignature, { rawBody: Buffer.from('{"id":1}'), secret: 'shpss_test' }),
		).toEqual({ 'x-shopify-hmac-sha256': '1GxccvotnkOedTjSm8S0m/VA3yAUKshyqT52ccNYHj4=' });
	});

	it('"Shopify order created": a signed orders/create starts the workflow with the topic, webhook id and order', async () => {
		const t = harness();
		await activate(t);
		const d = delivery(sign(order));
		const { result, response } = await t.deliver(d);
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							event: 'orders/create',
							deliveryId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
							body: JSON.parse(order),
							headers: d.headers,
							query: {},
						},
					},
				],
			],
		});
	});

	it('missing, wrong or tampered signature: 401 and nothing starts', async () => {
		const t = harness();
		await activate(t);
		const tampered = order.replace('403.00', '4.03');
		for (const d of [
			delivery(undefined),
			delivery(''),
			delivery(sign(order, 'shpss_other')),
			delivery(sign(order), 'orders/create', tampered),
			delivery(sign(order).toUpperCase()),
		]) {
			const r = await t.deliver(d);
			expect([r.result, r.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
			expect(r.response.raw()).not.toContain(SECRET);
		}
	});

	it('no client secret in the credential: every delivery is refused (fails closed)', async () => {
		const t = harness(['orders/create'], '');
		const sent: Sent[] = [];
		shopify(sent, [{ webhookSubscriptions: { nodes: [] } }, created(7001, 'ORDERS_CREATE')]);
		await t.run('create').catch(() => undefined);
		const r = await t.deliver(delivery(sign(order, '')));
		expect([r.result, r.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
	});

	it('the same X-Shopify-Webhook-Id again (Shopify’s retry) starts nothing; a topic not picked starts nothing', async () => {
		const t = harness();
		await activate(t);
		expect((await t.deliver(delivery(sign(order)))).result.workflowData).toHaveLength(1);
		// Shopify's retry of a delivery it saw no answer to: the same bytes and id, answered 200 (a failure would count
		// towards Shopify removing the subscription), and nothing starts.
		const again = await t.deliver(delivery(sign(order)));
		expect(again.result.workflowData).toBeUndefined();
		expect(again.response.statusCode).toBe(200);
		// The same id signed anew over other bytes (only the secret's holder can) is a re-send too: nothing starts.
		const resigned = JSON.stringify({ ...JSON.parse(order), note: 'edited' });
		const resent = await t.deliver(delivery(sign(resigned), 'orders/create', resigned));
		expect([resent.result.workflowData, resent.response.statusCode]).toEqual([undefined, 200]);
		const other = JSON.stringify({ id: 632910392, title: 'IPod Nano - 8GB' });
		const product = await t.deliver(
			delivery(sign(other), 'products/update', other, 'c1e3b3d2-0000-4000-8000-000000000002'),
		);
		expect(product.result).toEqual({ webhookResponse: { message: 'Event not selected' } });
	});
});
