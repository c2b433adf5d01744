/**
 * The WooCommerce node against @woocommerce/woocommerce-rest-api (npm, 1.0.2), WooCommerce's own JavaScript REST
 * client: every request the recorded fixtures send (test/fixtures/operations/wooCommerce) is sent again through the
 * client (`get`/`post`/`put`/`delete` with the endpoint, JSON data and query params) to the same nock, and the two
 * requests must agree — method, URL path under `/wp-json/wc/v3/`, query, JSON body and the Basic header of the
 * consumer key pair. Query-string auth (`queryStringAuth`) and the OAuth 1.0a signing the client uses on plain-HTTP
 * stores are compared the same way: for the same request, nonce and timestamp, the client's signature and ours are
 * equal. The trigger's webhook routes are checked too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import WooCommerceRestApi from '@woocommerce/woocommerce-rest-api';
import nock from 'nock';

import { ApiConnWooCommerceApi } from '../../credentials/ApiConnWooCommerceApi.credentials';
import { consumerKeyAuthenticate, oauth1Params } from '../../lib/auth/consumer-key';
import { wooCommerceSpec } from '../../nodes/WooCommerce/WooCommerce.service';
import type { OperationFixture } from '../kit/operations';

const STORE = 'https://shop.example.com';
const PREFIX = '/wp-json/wc/v3/';
const KEY = 'ck_4f1ae8c2d9b7a6e5f4c3b2a1d0e9f8c7b6a5d4e3';
const CS = 'cs_9b2e7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d';
const dir = join(__dirname, '..', 'fixtures', 'operations', 'wooCommerce');

interface Sent {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	authorization: unknown;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Sends through the client and returns what reached the (nock) store. */
async function viaClient(
	api: WooCommerceRestApi,
	origin: string,
	method: string,
	call: (api: WooCommerceRestApi) => Promise<unknown>,
): Promise<Sent> {
	let sent: Sent | undefined;
	nock(origin)
		.intercept(() => true, method)
		.reply(function (uri, body) {
			const url = new URL(uri, origin);
			sent = {
				method: this.req.method,
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				body:
					body === '' ? undefined : typeof body === 'string' ? (JSON.parse(body) as unknown) : body,
				authorization: this.req.headers.authorization,
			};
			return [200, {}];
		});
	await call(api);
	return sent!;
}

const client = (opts: Partial<ConstructorParameters<typeof WooCommerceRestApi>[0]> = {}) =>
	new WooCommerceRestApi({
		url: STORE,
		consumerKey: KEY,
		consumerSecret: CS,
		version: 'wc/v3',
		...opts,
	});

const fixtures = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as OperationFixture] as const);

describe('@woocommerce/woocommerce-rest-api 1.0.2', () => {
	it('covers every operation of the spec with a fixture', () => {
		const ops = wooCommerceSpec.resources.flatMap((r) =>
			r.operations.map((o) => `${r.id}.${o.id}.json`),
		);
		expect(fixtures.map(([f]) => f)).toEqual(expect.arrayContaining(ops));
		expect(ops).toHaveLength(45);
	});

	it.each(fixtures)(
		'%s: every request is the one the client builds (method, path, query, JSON body, Basic auth)',
		async (_f, fixture) => {
			for (const { request } of fixture.exchanges) {
				const url = new URL(request.url);
				expect(url.origin).toBe(STORE);
				expect(url.pathname.startsWith(PREFIX)).toBe(true);
				const endpoint = url.pathname.slice(PREFIX.length);
				const params = (request.query ?? {}) as Record<string, string>;
				const method = request.method.toLowerCase();
				const sent = await viaClient(client(), STORE, request.method, (api) =>
					method === 'get' || method === 'delete'
						? api[method](endpoint, params)
						: api[method as 'post' | 'put'](endpoint, request.body as object, params),
				);
				expect(sent).toEqual({
					method: request.method,
					path: url.pathname,
					query: params,
					body: request.body,
					authorization: (request.headers as Record<string, string>).authorization,
				});
			}
		},
	);

	it("the trigger's routes are the client's: POST webhooks, GET webhooks/<id>, DELETE webhooks/<id>?force=true", async () => {
		const body = {
			name: 'n8n',
			topic: 'order.created',
			delivery_url: 'https://n8n.example.com/webhook/x',
			secret: 's',
			status: 'active',
		};
		expect(
			await viaClient(client(), STORE, 'POST', (api) => api.post('webhooks', body)),
		).toMatchObject({
			method: 'POST',
			path: '/wp-json/wc/v3/webhooks',
			body,
		});
		expect(await viaClient(client(), STORE, 'GET', (api) => api.get('webhooks/142'))).toMatchObject(
			{
				method: 'GET',
				path: '/wp-json/wc/v3/webhooks/142',
			},
		);
		expect(
			await viaClient(client(), STORE, 'DELETE', (api) =>
				api.delete('webhooks/142', { force: true }),
			),
		).toMatchObject({
			method: 'DELETE',
			path: '/wp-json/wc/v3/webhooks/142',
			query: { force: 'true' },
		});
	});

	it('query-string auth: the same consumer_key and consumer_secret query as the client with queryStringAuth', async () => {
		const sent = await viaClient(client({ queryStringAuth: true }), STORE, 'GET', (api) =>
			api.get('orders', { status: 'processing' }),
		);
		const ours = await consumerKeyAuthenticate(ApiConnWooCommerceApi.keyFields)(
			{ url: STORE, consumerKey: KEY, consumerSecret: CS, keysIn: 'query', plainHttp: 'refuse' },
			{ method: 'GET', url: `${STORE}/wp-json/wc/v3/orders?status=processing` },
		);
		const url = new URL(String(ours.url));
		expect(Object.fromEntries(url.searchParams)).toEqual(sent.query);
		expect(sent.authorization).toBeUndefined();
		expect(ours.headers).toEqual({});
	});

	describe('OAuth 1.0a on a plain-HTTP store (one-legged, HMAC-SHA256, as the client signs)', () => {
		const HTTP = 'http://shop.example.com';

		it('the client signs a request; our signature over the same URL, nonce and timestamp is the same', async () => {
			const sent = await viaClient(client({ url: HTTP }), HTTP, 'GET', (api) =>
				api.get('products', { search: 'shirt & tie', per_page: 5, orderby: 'price' }),
			);
			expect(sent.authorization).toBeUndefined();
			const {
				oauth_nonce: nonce,
				oauth_timestamp: timestamp,
				oauth_signature: signature,
				...rest
			} = sent.query;
			expect(rest).toMatchObject({
				oauth_consumer_key: KEY,
				oauth_signature_method: 'HMAC-SHA256',
				oauth_version: '1.0',
			});
			// The URL the client signed: its query normalised (sorted), the protocol parameters apart.
			const signed = `${HTTP}/wp-json/wc/v3/products?orderby=price&per_page=5&search=shirt%20%26%20tie`;
			const ours = oauth1Params({
				method: 'GET',
				url: signed,
				consumerKey: KEY,
				consumerSecret: CS,
				algorithm: 'HMAC-SHA256',
				nonce,
				timestamp: Number(timestamp),
			});
			expect(ours.oauth_signature).toBe(signature);
		});

		it("the client's OAuth object and ours agree for POST and DELETE, with fixed nonce and timestamp", () => {
			const oauth = (
				client({ url: HTTP }) as unknown as {
					_getOAuth(): {
						authorize(r: { url: string; method: string }): Record<string, string>;
						getNonce(): string;
						getTimeStamp(): number;
					};
				}
			)._getOAuth();
			oauth.getNonce = () => 'kllo9940pd9333jh';
			oauth.getTimeStamp = () => 1_764_763_200;
			for (const [method, url] of [
				['POST', `${HTTP}/wp-json/wc/v3/orders/727/notes`],
				['DELETE', `${HTTP}/wp-json/wc/v3/products/794?force=true`],
				[
					'GET',
					`${HTTP}/wp-json/wc/v3/orders?after=2017-03-01T00%3A00%3A00&status=processing%2Ccompleted`,
				],
			]) {
				const theirs = oauth.authorize({ url, method });
				const ours = oauth1Params({
					method,
					url,
					consumerKey: KEY,
					consumerSecret: CS,
					algorithm: 'HMAC-SHA256',
					nonce: 'kllo9940pd9333jh',
					timestamp: 1_764_763_200,
				});
				// `authorize` returns the URL's own query too; the protocol parameters are what we add.
				const protocol = Object.fromEntries(
					Object.entries(theirs)
						.filter(([k]) => k.startsWith('oauth_'))
						.map(([k, v]) => [k, String(v)]),
				);
				expect(ours).toEqual(protocol);
			}
		});

		it('our credential sends exactly those parameters: the request URL plus the oauth_* query', async () => {
			const authenticate = new ApiConnWooCommerceApi().authenticate;
			const out = await authenticate(
				{ url: HTTP, consumerKey: KEY, consumerSecret: CS, keysIn: 'header', plainHttp: 'oauth1' },
				{ method: 'GET', url: `${HTTP}/wp-json/wc/v3/orders?status=processing` },
			);
			const url = new URL(String(out.url));
			const q = Object.fromEntries(url.searchParams);
			expect(Object.keys(q).sort()).toEqual([
				'oauth_consumer_key',
				'oauth_nonce',
				'oauth_signature',
				'oauth_signature_method',
				'oauth_timestamp',
				'oauth_version',
				'status',
			]);
			expect(out.headers).toEqual({});
			expect(String(out.url)).not.toContain(CS);
		});
	});
});
