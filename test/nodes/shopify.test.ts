/**
 * Shopify node: what is special beyond the per-operation fixtures (test/fixtures/operations/shopify, every
 * operation's exact request and output): GraphQL `userErrors` failing the item and naming the field, `errors[]`
 * with THROTTLED in a 200 answer waited for by the reported cost, ACCESS_DENIED, cursor paging over `pageInfo`,
 * the shop host rule (a token never leaves *.myshopify.com) and the OAuth2 token in `X-Shopify-Access-Token`;
 * Batch Items putting several metafields in one `metafieldsSet` and several variants of one product in one
 * `productVariantsBulkUpdate`, and a metafield request naming its owner's access scope only.
 * Answers follow the GraphQL Admin API reference (shopify.dev/docs/api/admin-graphql) and its rate-limit page.
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { ApiConnShopifyApi } from '../../credentials/ApiConnShopifyApi.credentials';
import { ApiConnShopifyOAuth2Api } from '../../credentials/ApiConnShopifyOAuth2Api.credentials';
import { defaultConnectionsObserver, useRuntime } from '../../lib/runtime';
import { Shopify } from '../../nodes/Shopify/Shopify.node';
import { testCredential } from '../harness';
import { serviceKit, type Reply } from '../kit';

const ORIGIN = 'https://acme-outfitters.myshopify.com';
const GRAPHQL = '/admin/api/2026-01/graphql.json';
const TOKEN = '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';
const credentials = {
	apiConnShopifyApi: { shop: 'acme-outfitters', apiVersion: '2026-01', accessToken: TOKEN },
};

const kit = serviceKit({
	origin: ORIGIN,
	nodeTypes: [new Shopify()],
	credentialTypes: [new ApiConnShopifyApi(), new ApiConnShopifyOAuth2Api()],
	credentials,
});

const p = (resource: string, operation: string, rest: INodeParameters = {}): INodeParameters => ({
	resource,
	operation,
	...rest,
});

/** An OAuth2 (public app) connection whose offline token was granted these scopes. */
const oauth = (scope: string) => ({
	credentials: {
		apiConnShopifyOAuth2Api: {
			shop: 'acme-outfitters',
			apiVersion: '2026-01',
			clientId: 'a1b2c3d4e5f6',
			clientSecret: 'shpss_0123456789abcdef',
			oauthTokenData: { access_token: 'shpua_offline_0001', scope },
		},
	},
});

/** `extensions.cost` as every answer carries it. */
const cost = (requested: number, actual: number | null, available: number) => ({
	cost: {
		requestedQueryCost: requested,
		actualQueryCost: actual,
		throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
	},
});
const ok = (data: unknown, requested = 10, available = 1990): Reply => [
	'POST',
	200,
	{ data, extensions: cost(requested, requested, available) },
];

describe('GraphQL answers', () => {
	it('userErrors fail the item with Shopify’s words, code and the field they name; nothing is retried', async () => {
		const seen = kit.fake(
			ok({
				productSet: {
					product: null,
					userErrors: [
						{ field: ['input', 'title'], message: "Title can't be blank", code: 'BLANK' },
					],
				},
			}),
		);
		const { error } = await kit.run('shopify', p('product', 'create', { title: ' ' }));
		expect(seen).toHaveLength(1);
		expect(seen[0].uri).toBe(GRAPHQL);
		expect(error?.message).toBe("Shopify: BLANK – Title can't be blank (field 'input.title')");
		expect(error?.description).toBe(
			"Shopify rejected the value of 'input.title': Title can't be blank. Correct that field, then run the workflow again.",
		);
	});

	it('user errors without a code (and under another name: orderCancelUserErrors) name the field too', async () => {
		kit.fake(
			ok({
				orderCancel: {
					job: null,
					orderCancelUserErrors: [
						{ field: ['orderId'], message: 'Order has already been cancelled', code: 'INVALID' },
					],
				},
			}),
			ok({
				orderClose: {
					order: null,
					userErrors: [{ field: ['id'], message: 'Order does not exist' }],
				},
			}),
		);
		const cancel = await kit.run(
			'shopify',
			p('order', 'cancel', {
				orderId: 'gid://shopify/Order/1',
				reason: 'OTHER',
				refund: false,
				restock: false,
			}),
		);
		expect(cancel.error?.message).toBe(
			"Shopify: INVALID – Order has already been cancelled (field 'orderId')",
		);
		const close = await kit.run(
			'shopify',
			p('order', 'close', { orderId: 'gid://shopify/Order/1' }),
		);
		expect(close.error?.message).toBe("Shopify: error – Order does not exist (field 'id')");
	});

	it('THROTTLED in a 200 answer is sent again after (requested − available) / restore rate, then succeeds', async () => {
		const throttled: Reply = [
			'POST',
			200,
			{
				errors: [
					{
						message: 'Throttled',
						extensions: {
							code: 'THROTTLED',
							documentation: 'https://shopify.dev/api/usage/rate-limits',
						},
					},
				],
				extensions: cost(252, null, 52),
			},
		];
		const at: number[] = [];
		const seen = kit.fake(throttled, ok({ product: { id: 'gid://shopify/Product/1' } }, 252, 48));
		const t0 = kit.clock.now();
		const run = kit.run('shopify', p('product', 'get', { productId: 'gid://shopify/Product/1' }));
		const { outputs, error } = await run;
		at.push(kit.clock.now() - t0);
		expect(error).toBeUndefined();
		expect(outputs[0].map((i) => i.json)).toEqual([{ id: 'gid://shopify/Product/1' }]);
		expect(seen).toHaveLength(2);
		expect(seen[1].body).toEqual(seen[0].body);
		// 200 points missing at 100 per second: two seconds.
		expect(at[0]).toBeGreaterThanOrEqual(2000);
		expect(at[0]).toBeLessThan(2100);
	});

	it('ACCESS_DENIED says which scope is missing in Shopify’s words and to reconnect', async () => {
		kit.fake([
			'POST',
			200,
			{
				errors: [
					{
						message: 'Access denied for orders field. Required access: `read_orders` access scope.',
						extensions: { code: 'ACCESS_DENIED', requiredAccess: '`read_orders` access scope.' },
					},
				],
				extensions: cost(2, 2, 1998),
			},
		]);
		const { error } = await kit.run(
			'shopify',
			p('order', 'get', { orderId: 'gid://shopify/Order/1' }),
		);
		expect(error?.message).toBe(
			'Shopify: ACCESS_DENIED – Access denied for orders field. Required access: `read_orders` access scope.',
		);
		expect(error?.description).toContain(
			'Shopify denied access: Access denied for orders field. Required access: `read_orders` access scope.',
		);
	});

	it('a global ID is checked before anything is sent', async () => {
		const seen = kit.fake();
		const { error } = await kit.run('shopify', p('product', 'get', { productId: '108828309' }));
		expect(seen).toEqual([]);
		expect(error?.message).toContain("has an invalid format ('108828309')");
	});
});

describe('Batch Items: several items in one mutation', () => {
	const metafield = (n: number) => ({
		id: `gid://shopify/Metafield/${n}`,
		namespace: 'custom',
		key: `k${n}`,
		type: 'single_line_text_field',
		value: `v${n}`,
	});
	const metafieldItems = (n: number) =>
		Array.from({ length: n }, (_, i) => ({
			json: { owner: `gid://shopify/Product/${i % 2 ? 2 : 1}`, key: `k${i}`, value: `v${i}` },
		}));
	const setMetafields = (batchItems: boolean): INodeParameters =>
		p('metafield', 'set', {
			ownerId: '={{ $json.owner }}',
			key: '={{ $json.key }}',
			value: '={{ $json.value }}',
			additionalFields: { namespace: 'custom', type: 'single_line_text_field' },
			options: { batchItems },
		});
	const sent = (seen: Array<{ body: unknown }>) =>
		seen.map((s) => (s.body as { variables: { metafields: unknown[] } }).variables.metafields);

	it('metafields: up to 25 items (of any owners) in one metafieldsSet, each item its own metafield back', async () => {
		const seen = kit.fake(
			ok({
				metafieldsSet: {
					metafields: Array.from({ length: 25 }, (_, i) => metafield(i)),
					userErrors: [],
				},
			}),
			ok({ metafieldsSet: { metafields: [metafield(25)], userErrors: [] } }),
		);
		const res = await kit.run('shopify', setMetafields(true), { input: metafieldItems(26) });
		expect(res.error).toBeUndefined();
		expect(sent(seen).map((list) => list.length)).toEqual([25, 1]);
		expect(sent(seen)[0].slice(0, 2)).toEqual([
			{
				ownerId: 'gid://shopify/Product/1',
				namespace: 'custom',
				key: 'k0',
				type: 'single_line_text_field',
				value: 'v0',
			},
			{
				ownerId: 'gid://shopify/Product/2',
				namespace: 'custom',
				key: 'k1',
				type: 'single_line_text_field',
				value: 'v1',
			},
		]);
		expect(res.outputs[0].map((i) => i.json.id)).toEqual(
			Array.from({ length: 26 }, (_, i) => `gid://shopify/Metafield/${i}`),
		);
	});

	it('metafieldsSet is all or nothing: a refused metafield fails every item of its request, naming its place', async () => {
		kit.fake(
			ok({
				metafieldsSet: {
					metafields: [],
					userErrors: [
						{
							field: ['metafields', '1', 'value'],
							message: 'Value must be a single line text string.',
							code: 'INVALID_VALUE',
							elementIndex: 1,
						},
					],
				},
			}),
		);
		const res = await kit.run('shopify', setMetafields(true), {
			input: metafieldItems(3),
			node: { continueOnFail: true } as never,
		});
		expect(res.outputs[0].map((i) => i.json.error)).toEqual(
			Array.from(
				{ length: 3 },
				() =>
					"Shopify: INVALID_VALUE – Value must be a single line text string. (field 'metafields.1.value')",
			),
		);
	});

	it('without Batch Items each metafield is its own request', async () => {
		const seen = kit.fake(
			ok({ metafieldsSet: { metafields: [metafield(0)], userErrors: [] } }),
			ok({ metafieldsSet: { metafields: [metafield(1)], userErrors: [] } }),
		);
		const res = await kit.run('shopify', setMetafields(false), { input: metafieldItems(2) });
		expect(res.error).toBeUndefined();
		expect(sent(seen).map((list) => list.length)).toEqual([1, 1]);
	});

	it('variants: the updates of one product go in one productVariantsBulkUpdate, another product’s in its own', async () => {
		const variant = (n: number, price: string) => ({
			id: `gid://shopify/ProductVariant/${n}`,
			price,
		});
		const seen = kit.fake(
			ok({
				productVariantsBulkUpdate: {
					productVariants: [variant(11, '10.00'), variant(13, '12.00')],
					userErrors: [],
				},
			}),
			ok({
				productVariantsBulkUpdate: { productVariants: [variant(21, '11.00')], userErrors: [] },
			}),
		);
		const res = await kit.run(
			'shopify',
			p('productVariant', 'update', {
				productId: '={{ $json.product }}',
				variantId: '={{ $json.variant }}',
				additionalFields: { price: '={{ $json.price }}' },
				options: { batchItems: true },
			}),
			{
				input: [
					{ product: 1, variant: 11, price: '10.00' },
					{ product: 2, variant: 21, price: '11.00' },
					{ product: 1, variant: 13, price: '12.00' },
				].map((x) => ({
					json: {
						product: `gid://shopify/Product/${x.product}`,
						variant: `gid://shopify/ProductVariant/${x.variant}`,
						price: x.price,
					},
				})),
			},
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => (s.body as { variables: unknown }).variables)).toEqual([
			{
				productId: 'gid://shopify/Product/1',
				variants: [
					{ id: 'gid://shopify/ProductVariant/11', price: '10.00' },
					{ id: 'gid://shopify/ProductVariant/13', price: '12.00' },
				],
			},
			{
				productId: 'gid://shopify/Product/2',
				variants: [{ id: 'gid://shopify/ProductVariant/21', price: '11.00' }],
			},
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			variant(11, '10.00'),
			variant(21, '11.00'),
			variant(13, '12.00'),
		]);
	});
});

describe('metafields follow their owner’s access scope', () => {
	const refused: Reply = ['POST', 403, { errors: 'Forbidden' }];

	it.each([
		['gid://shopify/Product/1', 'write_products'],
		['gid://shopify/ProductVariant/1', 'write_products'],
		['gid://shopify/Customer/1', 'write_customers'],
		['gid://shopify/Order/1', 'write_orders'],
		['gid://shopify/DraftOrder/1', 'write_draft_orders'],
	])('a refused metafieldsSet on %s names %s only', async (ownerId, scope) => {
		kit.fake(refused);
		const { error } = await kit.run(
			'shopify',
			p('metafield', 'set', {
				authentication: 'apiConnShopifyOAuth2Api',
				ownerId,
				key: 'k',
				value: 'v',
			}),
			oauth('read_products,read_customers'),
		);
		expect(error?.description).toContain(
			`this operation needs the permission ${scope}, which the connection was not granted`,
		);
	});

	it('a read names the read scope of its owner; an owner of another kind is refused before anything is sent', async () => {
		kit.fake(refused);
		const read = await kit.run(
			'shopify',
			p('metafield', 'get', {
				authentication: 'apiConnShopifyOAuth2Api',
				ownerId: 'gid://shopify/Order/1',
				key: 'k',
			}),
			oauth('read_products'),
		);
		expect(read.error?.description).toContain(
			'this operation needs the permission read_orders, which the connection was not granted (it has read_products)',
		);
		const seen = kit.fake();
		const other = await kit.run(
			'shopify',
			p('metafield', 'getMany', { ownerId: 'gid://shopify/Shop/1', returnAll: true }),
		);
		expect(seen).toEqual([]);
		expect(other.error?.message).toContain("has an invalid format ('gid://shopify/Shop/1')");
	});
});

describe('cursor paging over pageInfo', () => {
	const page = (ids: number[], next: string | null) =>
		ok(
			{
				customers: {
					nodes: ids.map((id) => ({ id: `gid://shopify/Customer/${id}` })),
					pageInfo: { hasNextPage: next !== null, endCursor: next },
				},
			},
			102,
			1800,
		);

	it('Return All: variables.after carries the endCursor until hasNextPage is false', async () => {
		const seen = kit.fake(page([1, 2], 'cur-1'), page([3], null));
		const { outputs, error } = await kit.run(
			'shopify',
			p('customer', 'search', { returnAll: true, additionalFields: { query: 'tag:vip' } }),
		);
		expect(error).toBeUndefined();
		expect(outputs[0].map((i) => i.json.id)).toEqual([
			'gid://shopify/Customer/1',
			'gid://shopify/Customer/2',
			'gid://shopify/Customer/3',
		]);
		expect(seen.map((s) => (s.body as { variables: unknown }).variables)).toEqual([
			{ query: 'tag:vip', first: 100 },
			{ query: 'tag:vip', first: 100, after: 'cur-1' },
		]);
	});

	it('Limit: asks for that many and stops there', async () => {
		const seen = kit.fake(page([1, 2], 'cur-1'));
		const { outputs } = await kit.run(
			'shopify',
			p('customer', 'search', { returnAll: false, limit: 2 }),
		);
		expect(outputs[0]).toHaveLength(2);
		expect((seen[0].body as { variables: unknown }).variables).toEqual({ first: 2 });
	});
});

describe('the connection', () => {
	it('the whole myshopify.com host name is accepted; another host is refused before anything is sent', async () => {
		const seen = kit.fake(ok({ customer: { id: 'gid://shopify/Customer/1' } }));
		const good = await kit.run(
			'shopify',
			p('customer', 'get', { customerId: 'gid://shopify/Customer/1' }),
			{
				credentials: {
					apiConnShopifyApi: {
						shop: 'Acme-Outfitters.myshopify.com/',
						apiVersion: '2026-01',
						accessToken: TOKEN,
					},
				},
			},
		);
		expect(good.error).toBeUndefined();
		expect(seen.map((s) => [s.uri, s.headers['x-shopify-access-token']])).toEqual([
			[GRAPHQL, TOKEN],
		]);

		for (const shop of ['evil.example.com', 'acme.myshopify.com.evil.example.com']) {
			const bad = await kit.run(
				'shopify',
				p('customer', 'get', { customerId: 'gid://shopify/Customer/1' }),
				{
					credentials: { apiConnShopifyApi: { shop, apiVersion: '2026-01', accessToken: TOKEN } },
				},
			);
			expect(bad.error?.message).toContain(
				"The credential field 'shop' must be the name before .myshopify.com",
			);
		}
	});

	it('OAuth2 (public app): the offline token goes in X-Shopify-Access-Token, at the pinned version the credential shows', async () => {
		const seen = kit.fake(ok({ customer: { id: 'gid://shopify/Customer/1' } }));
		const { error } = await kit.run(
			'shopify',
			p('customer', 'get', {
				authentication: 'apiConnShopifyOAuth2Api',
				customerId: 'gid://shopify/Customer/1',
			}),
			oauth('read_customers'),
		);
		expect(error).toBeUndefined();
		expect(seen[0].uri).toBe(GRAPHQL);
		expect(seen[0].headers['x-shopify-access-token']).toBe('shpua_offline_0001');
	});
});

describe('credentials and the account', () => {
	it('the credential test asks GET shop.json on the shop’s host at the pinned version, with the token header', async () => {
		const scope = nock(ORIGIN)
			.get('/admin/api/2026-01/shop.json')
			.matchHeader('x-shopify-access-token', TOKEN)
			.reply(200, { shop: { id: 548380009, myshopify_domain: 'acme-outfitters.myshopify.com' } });
		expect(
			await testCredential(new ApiConnShopifyApi(), {
				shop: 'acme-outfitters.myshopify.com',
				apiVersion: '2026-01',
				accessToken: TOKEN,
			}),
		).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(scope.isDone()).toBe(true);
	});

	it('OAuth2: the sign-in pages are the shop’s own /admin/oauth/authorize and /admin/oauth/access_token, comma-separated scopes, client secret in the body', () => {
		const props = new ApiConnShopifyOAuth2Api().properties;
		const byName = (n: string) => props.find((x) => x.name === n)!;
		const evaluate = (expr: string, shop: string) =>
			String(new Function('$self', `return (${expr.replace(/^=\{\{(.*)\}\}$/, '$1')});`)({ shop }));
		for (const shop of [
			'acme-outfitters',
			'acme-outfitters.myshopify.com',
			'Acme-Outfitters.myshopify.com/',
		])
			expect([
				evaluate(String(byName('authUrl').default), shop),
				evaluate(String(byName('accessTokenUrl').default), shop),
			]).toEqual([
				`${shop.startsWith('Acme') ? 'https://Acme-Outfitters' : 'https://acme-outfitters'}.myshopify.com/admin/oauth/authorize`,
				`${shop.startsWith('Acme') ? 'https://Acme-Outfitters' : 'https://acme-outfitters'}.myshopify.com/admin/oauth/access_token`,
			]);
		expect(byName('scope').default).toBe(
			'read_customers,read_draft_orders,read_inventory,read_locations,read_merchant_managed_fulfillment_orders,read_orders,read_products,write_customers,write_draft_orders,write_inventory,write_merchant_managed_fulfillment_orders,write_orders,write_products',
		);
		expect(byName('authentication').default).toBe('body');
		expect(byName('authQueryParameters').default).toBe('');
	});

	it('the first use names the connection after the shop: GET shop.json, label myshopify_domain', async () => {
		useRuntime({ clock: kit.clock, random: () => 0.5, observers: [defaultConnectionsObserver()] });
		const seen = kit.fake(
			['GET', 200, { shop: { id: 548380009, myshopify_domain: 'acme-outfitters.myshopify.com' } }],
			ok({ customer: { id: 'gid://shopify/Customer/1' } }),
		);
		const res = await kit.run(
			'shopify',
			p('customer', 'get', { customerId: 'gid://shopify/Customer/1' }),
			{
				workflowId: 'shopify-account-label',
			},
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((x) => [x.method, x.uri, x.headers['x-shopify-access-token']])).toEqual([
			['GET', '/admin/api/2026-01/shop.json', TOKEN],
			['POST', GRAPHQL, TOKEN],
		]);
	});

	it('a 401 (invalid token or app uninstalled) says why and to reconnect', async () => {
		const refused: Reply = [
			'POST',
			401,
			{ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
		];
		kit.fake(refused, refused);
		const { error } = await kit.run(
			'shopify',
			p('order', 'get', { orderId: 'gid://shopify/Order/1' }),
		);
		expect(error?.message).toBe('Shopify: 401 Unauthorized');
		expect(error?.description).toBe(
			"Shopify rejected the credentials: the access token is invalid or the app was uninstalled. Reconnect the credential 'apiConnShopifyApi account' (open it in n8n and sign in again, or paste a new key), then run the workflow again.",
		);
	});
});
