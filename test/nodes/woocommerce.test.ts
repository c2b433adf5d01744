/**
 * What is special about WooCommerce beyond the per-operation fixtures (test/fixtures/operations/wooCommerce): the
 * consumer key pair as HTTP Basic or in the query string over HTTPS; a plain-HTTP store refused, or each request
 * signed with one-legged OAuth 1.0a; WooCommerce's `{code, message, data: {status}}` errors with cause and fix;
 * Return All over the Link header; the batch endpoints (100 records a request) with per-record errors.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ApiConnWooCommerceApi } from '../../credentials/ApiConnWooCommerceApi.credentials';
import { oauth1Params } from '../../lib/auth/consumer-key';
import { validateService } from '../../lib/spec/schema';
import { WooCommerce } from '../../nodes/WooCommerce/WooCommerce.node';
import { wooCommerceDefinition } from '../../nodes/WooCommerce/WooCommerce.service';
import { serviceKit, type Reply } from '../kit';

const STORE = 'https://shop.example.com';
const V3 = '/wp-json/wc/v3';
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

const kit = serviceKit({
	origin: STORE,
	nodeTypes: [new WooCommerce()],
	credentialTypes: [new ApiConnWooCommerceApi()],
	credentials: { apiConnWooCommerceApi: creds },
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('wooCommerce', parameters as never, extra);
const withCreds = (data: IDataObject) => ({
	credentials: { apiConnWooCommerceApi: { ...creds, ...data } },
});
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const getOrder = { resource: 'order', operation: 'get', orderId: 727 };
const ORDER = { id: 727, status: 'processing', total: '29.35' };

const expectNoSecret = (value: unknown) => {
	const s = JSON.stringify(value);
	expect(s).not.toContain(CS);
	expect(s).not.toContain(BASIC.slice(6));
};

describe('WooCommerce', () => {
	it('the spec is valid; the account label is the site URL of system_status; the credential test calls it', () => {
		expect(validateService(wooCommerceDefinition)).toEqual([]);
		expect(wooCommerceDefinition.spec.account).toEqual({
			path: '/wp-json/wc/v3/system_status',
			labelPath: 'environment.site_url',
		});
		expect(new ApiConnWooCommerceApi().test.request).toEqual({
			baseURL: '={{$credentials.url.replace(/\\/+$/, "")}}',
			url: '/wp-json/wc/v3/system_status',
		});
	});

	describe('the consumer key pair over HTTPS', () => {
		it('goes as HTTP Basic by default, never in the URL', async () => {
			const seen = kit.fake(['GET', 200, ORDER]);
			const res = await run(getOrder);
			expect(json(res)).toEqual([ORDER]);
			expect(seen[0].uri).toBe(`${V3}/orders/727`);
			expect(seen[0].headers.authorization).toBe(BASIC);
		});

		it('Send Keys As: Query String puts consumer_key and consumer_secret in the query, no Authorization header', async () => {
			const seen = kit.fake(['GET', 200, ORDER]);
			const res = await run(getOrder, withCreds({ keysIn: 'query' }));
			expect(json(res)).toEqual([ORDER]);
			expect(seen[0].uri).toBe(`${V3}/orders/727?consumer_key=${KEY}&consumer_secret=${CS}`);
			expect(seen[0].headers.authorization).toBeUndefined();
			expectNoSecret(res.outputs);
		});

		it('with query auth, a next-page link that repeats the keys gets them once', async () => {
			const next = `${STORE}${V3}/refunds?per_page=100&consumer_key=${KEY}&consumer_secret=${CS}&page=2`;
			const seen = kit.fake(
				[
					'GET',
					200,
					[{ id: 1 }],
					{ link: `<${next}>; rel="next"`, 'x-wp-total': '2', 'x-wp-totalpages': '2' },
				],
				['GET', 200, [{ id: 2 }], { 'x-wp-total': '2', 'x-wp-totalpages': '2' }],
			);
			const res = await run(
				{ resource: 'refund', operation: 'getMany', orderId: 723, returnAll: true },
				withCreds({ keysIn: 'query' }),
			);
			expect(json(res)).toEqual([{ id: 1 }, { id: 2 }]);
			expect(seen.map((s) => s.uri)).toEqual([
				`${V3}/orders/723/refunds?per_page=100&consumer_key=${KEY}&consumer_secret=${CS}`,
				`${V3}/refunds?per_page=100&page=2&consumer_key=${KEY}&consumer_secret=${CS}`,
			]);
		});
	});

	describe('a plain-HTTP store', () => {
		it('is refused by default: nothing is sent, the error names the Store URL field and the fix', async () => {
			const scope = nock('http://shop.example.com').get(/.*/).reply(200, ORDER);
			const res = await run(getOrder, withCreds({ url: 'http://shop.example.com' }));
			expect(scope.isDone()).toBe(false);
			expect(res.error?.message).toContain(
				"The Store URL starts with http://: WooCommerce accepts consumer keys over plain HTTP only when each request is signed with OAuth 1.0a, so they are not sent. Use the site's https:// address in 'Store URL' (recommended), or set 'Plain HTTP Store' to 'Sign Each Request (OAuth 1.0a)'.",
			);
			expectNoSecret(res.error);
		});

		it('with Sign Each Request (OAuth 1.0a): the query carries a valid HMAC-SHA256 signature, fresh per request; no secret, no header', async () => {
			const seen: string[] = [];
			const scope = nock('http://shop.example.com')
				.get(/.*/)
				.times(2)
				.reply(function (uri) {
					seen.push(uri);
					expect(this.req.headers.authorization).toBeUndefined();
					return [200, ORDER];
				});
			const params = {
				resource: 'order',
				operation: 'getMany',
				returnAll: false,
				limit: 5,
				additionalFields: { status: ['processing'] },
			};
			const signed = withCreds({ url: 'http://shop.example.com', plainHttp: 'oauth1' });
			await run(params, signed);
			await run(params, signed);
			expect(scope.isDone()).toBe(true);
			const nonces = new Set<string>();
			for (const uri of seen) {
				const url = new URL(uri, 'http://shop.example.com');
				const q = Object.fromEntries(url.searchParams);
				expect(Object.keys(q).sort()).toEqual([
					'oauth_consumer_key',
					'oauth_nonce',
					'oauth_signature',
					'oauth_signature_method',
					'oauth_timestamp',
					'oauth_version',
					'per_page',
					'status',
				]);
				expect(q).toMatchObject({
					oauth_consumer_key: KEY,
					oauth_signature_method: 'HMAC-SHA256',
					oauth_version: '1.0',
					per_page: '5',
					status: 'processing',
				});
				expect(uri).not.toContain(CS);
				// The signature, recomputed over the request as sent without the protocol parameters.
				const unsigned = `http://shop.example.com${V3}/orders?status=processing&per_page=5`;
				expect(
					oauth1Params({
						method: 'GET',
						url: unsigned,
						consumerKey: KEY,
						consumerSecret: CS,
						algorithm: 'HMAC-SHA256',
						nonce: q.oauth_nonce,
						timestamp: Number(q.oauth_timestamp),
					}).oauth_signature,
				).toBe(q.oauth_signature);
				nonces.add(q.oauth_nonce);
			}
			expect(nonces.size).toBe(2);
		});
	});

	describe("WooCommerce's errors, with cause and fix", () => {
		const wcError = (code: string, message: string, status: number): Reply => [
			'GET',
			status,
			{ code, message, data: { status } },
		];

		it('woocommerce_rest_authentication_error (401): reconnect, copy the key pair again', async () => {
			kit.fake(
				wcError('woocommerce_rest_authentication_error', 'Consumer secret is invalid.', 401),
				wcError('woocommerce_rest_authentication_error', 'Consumer secret is invalid.', 401),
			);
			const res = await run(getOrder);
			expect(res.error?.message).toContain('Consumer secret is invalid.');
			expect(res.error?.description).toContain('the consumer key or secret is wrong');
			expect(res.error?.description).toContain('WooCommerce → Settings → Advanced → REST API');
			expectNoSecret(res.error);
		});

		it("woocommerce_rest_cannot_view (403): the key's permissions (Read/Write) and its user's role", async () => {
			kit.fake(wcError('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.', 403));
			const res = await run(getOrder);
			expect(res.error?.message).toContain('Sorry, you cannot list resources.');
			expect(res.error?.description).toContain("the key's permissions (Read, Write or Read/Write)");
			expect(res.error?.description).toContain('Give the key Read/Write permissions');
		});

		it('woocommerce_rest_shop_order_invalid_id (400): the error names the ID and how to find it', async () => {
			kit.fake(wcError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', 400));
			const res = await run(getOrder);
			expect(res.error?.message).toContain('Invalid ID.');
			expect(res.error?.description).toBe(
				"WooCommerce found nothing at GET /wp-json/wc/v3/orders/{orderId} for orderId '727'. Check the ID: take it from a Get Many of the same resource.",
			);
		});

		it('rest_forbidden without a key: the server may strip the Authorization header → query string', async () => {
			kit.fake(
				wcError('rest_forbidden', 'Sorry, you are not allowed to do that.', 401),
				wcError('rest_forbidden', 'Sorry, you are not allowed to do that.', 401),
			);
			const res = await run(getOrder);
			expect(res.error?.description).toContain('Set Send Keys As to Query String');
		});

		it("rest_invalid_param names WooCommerce's words", async () => {
			kit.fake([
				'POST',
				400,
				{
					code: 'rest_invalid_param',
					message: 'Invalid parameter(s): status',
					data: { status: 400, params: { status: 'status is not one of pending, processing…' } },
				},
			]);
			const res = await run({
				resource: 'order',
				operation: 'create',
				additionalFields: { status: 'pending' },
			});
			expect(res.error?.message).toContain('Invalid parameter(s): status');
			expect(res.error?.description).toContain('WooCommerce rejected a field');
		});
	});

	describe('Return All over the Link header', () => {
		it('follows rel="next" until there is none, per_page=100', async () => {
			const page = (n: number) => `${STORE}${V3}/products?per_page=100&page=${n}`;
			const seen = kit.fake(
				[
					'GET',
					200,
					[{ id: 1 }, { id: 2 }],
					{ link: `<${page(2)}>; rel="next"`, 'x-wp-total': '5', 'x-wp-totalpages': '3' },
				],
				[
					'GET',
					200,
					[{ id: 3 }, { id: 4 }],
					{
						link: `<${page(1)}>; rel="prev", <${page(3)}>; rel="next"`,
						'x-wp-total': '5',
						'x-wp-totalpages': '3',
					},
				],
				[
					'GET',
					200,
					[{ id: 5 }],
					{ link: `<${page(2)}>; rel="prev"`, 'x-wp-total': '5', 'x-wp-totalpages': '3' },
				],
			);
			const res = await run({ resource: 'product', operation: 'getMany', returnAll: true });
			expect(json(res).map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
			expect(seen.map((s) => s.uri)).toEqual([
				`${V3}/products?per_page=100`,
				`${V3}/products?per_page=100&page=2`,
				`${V3}/products?per_page=100&page=3`,
			]);
		});
	});

	describe('batch endpoints: up to 100 records a request, each answer on its item', () => {
		const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { n: i } }));
		const product = (i: number) => ({ id: 1000 + i, name: `Shirt ${i}`, status: 'publish' });

		it('150 products created with Batch Items on: 2 requests of 100 and 50, outputs in item order', async () => {
			const seen = kit.fake(
				['POST', 200, { create: Array.from({ length: 100 }, (_, i) => product(i)) }],
				['POST', 200, { create: Array.from({ length: 50 }, (_, i) => product(100 + i)) }],
			);
			const res = await run(
				{
					resource: 'product',
					operation: 'batchCreate',
					fields: '={{ JSON.stringify({ name: "Shirt " + $json.n }) }}',
					options: { batchItems: true },
				},
				{ input: items(150) },
			);
			expect(res.error).toBeUndefined();
			expect(
				seen.map((s) => [s.method, s.uri, (s.body as { create: unknown[] }).create.length]),
			).toEqual([
				['POST', `${V3}/products/batch`, 100],
				['POST', `${V3}/products/batch`, 50],
			]);
			expect((seen[1].body as { create: IDataObject[] }).create[0]).toEqual({ name: 'Shirt 100' });
			const out = res.outputs[0];
			expect(out).toHaveLength(150);
			expect(out[149].json).toEqual(product(149));
			expect(out[149].pairedItem).toEqual({ item: 149 });
		});

		it("a record WooCommerce refused inside the batch answer is that item's error only (Continue On Fail)", async () => {
			const seen = kit.fake([
				'POST',
				200,
				{
					delete: [
						{ id: 794, name: 'Premium Quality' },
						{
							id: 9999,
							error: {
								code: 'woocommerce_rest_product_invalid_id',
								message: 'Invalid ID.',
								data: { status: 400 },
							},
						},
						{ id: 799, name: 'Ship Your Idea' },
					],
				},
			]);
			const res = await run(
				{
					resource: 'product',
					operation: 'batchDelete',
					productId: '={{ $json.id }}',
					options: { batchItems: true },
				},
				{
					input: [{ json: { id: 794 } }, { json: { id: 9999 } }, { json: { id: 799 } }],
					node: { continueOnFail: true },
				},
			);
			expect(seen[0].body).toEqual({ delete: [794, 9999, 799] });
			const out = res.outputs[0];
			expect(out.map((o) => o.json.id ?? null)).toEqual([794, null, 799]);
			expect(String(out[1].json.error)).toContain('Invalid ID.');
			expect(out[1].pairedItem).toEqual({ item: 1 });
		});

		it("without batching, an item whose one-record answer carries an error fails with WooCommerce's words", async () => {
			kit.fake([
				'POST',
				200,
				{
					update: [
						{
							id: 9999,
							error: {
								code: 'woocommerce_rest_shop_order_invalid_id',
								message: 'Invalid ID.',
								data: { status: 400 },
							},
						},
					],
				},
			]);
			const res = await run({
				resource: 'order',
				operation: 'batchUpdate',
				orderId: 9999,
				fields: '{"status": "completed"}',
			});
			expect(res.error?.message).toContain('Invalid ID.');
			expect(res.error?.description).toBe(
				'WooCommerce found nothing at POST /wp-json/wc/v3/orders/batch. Check the ID: take it from a Get Many of the same resource.',
			);
		});
	});
});
