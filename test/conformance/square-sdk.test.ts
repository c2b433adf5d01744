/**
 * The Square node against Square's own client, `square` 46.0.0 (npm, generated from Square's API description):
 * - every operation's recorded request (test/fixtures/operations/square) is sent again by the SDK's real
 *   `SquareClient`, with a recording `fetch`: the body the node sends is first read by the SDK's own request
 *   schema (`serialization.<Request>.parse` with unknown keys refused), so a body key Square does not know fails,
 *   then the SDK's call must send the same method, URL (path and query) and JSON body, and the same
 *   `Square-Version` and Bearer header as the node; the catalog image upload (multipart) sends the same parts:
 *   its `request` JSON part read by the SDK's schema, and the image part with the same name, type and bytes;
 * - every operation of the spec has such a check (none is left out);
 * - the trigger's subscription requests (create, get, delete) match the SDK's `webhooks.subscriptions` calls;
 * - the OAuth endpoints (authorize, token, revoke with `Authorization: Client <secret>` and `{client_id,
 *   access_token}`) are the SDK's `oAuth` routes, and so is the revoke the Connections node's Disconnect sends;
 * - the SDK's `WebhooksHelper.verifySignature` accepts what the trigger's scheme signs, and the services.md vector.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SquareClient, WebhooksHelper, serialization } from 'square';

import { signPayload, verifySignature } from '../../lib/webhooks';
import { SQUARE_OAUTH, SQUARE_VERSION } from '../../nodes/Square/Square.oauth';
import { squareSignature, squareSpec } from '../../nodes/Square/Square.service';
import type { OperationFixture } from '../kit/operations';

type Json = Record<string, unknown>;
interface Sent {
	method: string;
	url: string;
	headers: Record<string, string>;
	body?: unknown;
}

/** A multipart body's parts (latin1 text, as the fixtures record bytes): name, file name, type and content. */
function multipartParts(text: string, contentType: string) {
	const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? '';
	return text
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((chunk) => {
			const [head, ...rest] = chunk.replace(/^\r\n/, '').split('\r\n\r\n');
			return {
				name: /name="([^"]*)"/.exec(head)?.[1],
				fileName: /filename="([^"]*)"/.exec(head)?.[1],
				type: /content-type: *(.+)/i.exec(head)?.[1]?.trim(),
				content: rest.join('\r\n\r\n').replace(/\r\n$/, ''),
			};
		});
}

/** A `SquareClient` on the fixture's host whose `fetch` records each request and answers `{}`. */
function recordingClient(baseUrl: string, token: string) {
	const seen: Sent[] = [];
	const fetch = async (
		url: string,
		init: {
			method: string;
			headers: Record<string, string>;
			body?: string | AsyncIterable<Buffer>;
		},
	) => {
		const headers = Object.fromEntries(new Headers(init.headers).entries());
		let body: unknown;
		if (typeof init.body === 'string') body = JSON.parse(init.body) as unknown;
		else if (init.body) {
			// A multipart upload arrives as a stream.
			const chunks: Buffer[] = [];
			for await (const chunk of init.body) chunks.push(Buffer.from(chunk));
			body = multipartParts(Buffer.concat(chunks).toString('latin1'), headers['content-type']);
		}
		seen.push({ method: init.method, url, headers, ...(body ? { body } : {}) });
		return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
	};
	const client = new SquareClient({
		token,
		baseUrl,
		fetch: fetch as unknown as typeof globalThis.fetch,
		maxRetries: 0,
	});
	return { client, seen };
}

interface Schema {
	parseOrThrow(raw: unknown, opts: Json): unknown;
}
/** The node's JSON body read by the SDK's request schema; a key the SDK does not know throws, naming it. */
function typed(schema: Schema, body: unknown): Json {
	return schema.parseOrThrow(body, {
		unrecognizedObjectKeys: 'fail',
		allowUnrecognizedEnumValues: false,
		breadcrumbsPrefix: ['body'],
	}) as Json;
}

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
/** The query of a GET list as the SDK's request fields (`begin_time` → `beginTime`; lists split on commas). */
function queryFields(url: URL, lists: string[] = []): Json {
	const out: Json = {};
	for (const [k, v] of url.searchParams) {
		const name = camel(k);
		out[name] = lists.includes(k) ? v : /^\d+$/.test(v) && k !== 'last_4' ? Number(v) : v;
		if (v === 'true' || v === 'false') out[name] = v === 'true';
	}
	return out;
}

type Call = (c: SquareClient, body: unknown, url: URL, ids: string[]) => Promise<unknown>;
const s = serialization as unknown as Record<string, Schema> & {
	catalog: Record<string, Schema>;
	webhooks: Record<string, Schema>;
};
/** The SDK call of each operation, from the node's request: body through the SDK's schema, path ids, query fields. */
const CALLS: Record<string, Call> = {
	'payment.create': (c, b) => c.payments.create(typed(s.CreatePaymentRequest, b) as never),
	'payment.get': (c, _b, _u, [id]) => c.payments.get({ paymentId: id }),
	'payment.getMany': (c, _b, u) => c.payments.list(queryFields(u) as never),
	'payment.cancel': (c, _b, _u, [id]) => c.payments.cancel({ paymentId: id }),
	'payment.complete': (c, b, _u, [id]) =>
		c.payments.complete({ paymentId: id, ...typed(s.CompletePaymentRequest, b) } as never),
	'refund.create': (c, b) => c.refunds.refundPayment(typed(s.RefundPaymentRequest, b) as never),
	'refund.get': (c, _b, _u, [id]) => c.refunds.get({ refundId: id }),
	'refund.getMany': (c, _b, u) => c.refunds.list(queryFields(u) as never),
	'customer.create': (c, b) => c.customers.create(typed(s.CreateCustomerRequest, b) as never),
	'customer.get': (c, _b, _u, [id]) => c.customers.get({ customerId: id }),
	'customer.update': (c, b, _u, [id]) =>
		c.customers.update({ customerId: id, ...typed(s.UpdateCustomerRequest, b) } as never),
	'customer.delete': (c, _b, u, [id]) =>
		c.customers.delete({ customerId: id, ...queryFields(u) } as never),
	'customer.getMany': (c, _b, u) => c.customers.list(queryFields(u) as never),
	'customer.search': (c, b) => c.customers.search(typed(s.SearchCustomersRequest, b) as never),
	'catalog.getMany': (c, _b, u) => c.catalog.list(queryFields(u, ['types']) as never),
	'catalog.search': (c, b) => c.catalog.search(typed(s.SearchCatalogObjectsRequest, b) as never),
	'catalog.get': (c, _b, u, [id]) =>
		c.catalog.object.get({ objectId: id, ...queryFields(u) } as never),
	'catalog.upsertItem': (c, b) =>
		c.catalog.object.upsert(typed(s.catalog.UpsertCatalogObjectRequest, b) as never),
	'catalog.upsert': (c, b) =>
		c.catalog.object.upsert(typed(s.catalog.UpsertCatalogObjectRequest, b) as never),
	'catalog.batchUpsert': (c, b) =>
		c.catalog.batchUpsert(typed(s.BatchUpsertCatalogObjectsRequest, b) as never),
	'catalog.delete': (c, _b, _u, [id]) => c.catalog.object.delete({ objectId: id }),
	'catalog.uploadImage': (c, parts) => {
		const [request, image] = parts as ReturnType<typeof multipartParts>;
		return c.catalog.images.create({
			request: typed(s.CreateCatalogImageRequest, JSON.parse(request.content)) as never,
			imageFile: new File([Buffer.from(image.content, 'latin1')], image.fileName!, {
				type: image.type,
			}),
		});
	},
	'inventory.batchRetrieveCounts': (c, b) =>
		c.inventory.batchGetCounts(typed(s.BatchGetInventoryCountsRequest, b) as never),
	'inventory.adjust': (c, b) =>
		c.inventory.batchCreateChanges(typed(s.BatchChangeInventoryRequest, b) as never),
	'inventory.physicalCount': (c, b) =>
		c.inventory.batchCreateChanges(typed(s.BatchChangeInventoryRequest, b) as never),
	'inventory.batchChange': (c, b) =>
		c.inventory.batchCreateChanges(typed(s.BatchChangeInventoryRequest, b) as never),
	'location.getMany': (c) => c.locations.list(),
	'order.create': (c, b) => c.orders.create(typed(s.CreateOrderRequest, b) as never),
	'order.get': (c, _b, _u, [id]) => c.orders.get({ orderId: id }),
	'order.search': (c, b) => c.orders.search(typed(s.SearchOrdersRequest, b) as never),
	'merchant.getMe': (c) => c.merchants.get({ merchantId: 'me' }),
};

const fixturesDir = join(__dirname, '..', 'fixtures', 'operations', 'square');
const fixtures = readdirSync(fixturesDir)
	.filter((f) => f.endsWith('.json'))
	.map((name) => ({
		key: name.replace(/\.json$/, ''),
		fixture: JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as OperationFixture,
	}));

type Request = OperationFixture['exchanges'][number]['request'] & {
	headers?: Record<string, string>;
	body?: unknown;
};

/** The IDs in a request path, in order (`/v2/payments/{id}/cancel` → [id]). */
function idsOf(path: string, template: string): string[] {
	const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
	const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`);
	const m = re.exec(path);
	return names.map((_, i) => decodeURIComponent(m?.[i + 1] ?? ''));
}

/**
 * The SDK sends its 64-bit integers (`bigint`: Money amounts, object versions) as JSON strings of their digits;
 * Square reads both. Where the node sends a number and the SDK the same digits as text, the SDK's is taken as that number.
 */
function alignIntegers(sdk: unknown, ours: unknown): unknown {
	if (typeof ours === 'number' && typeof sdk === 'string' && sdk === String(ours)) return ours;
	if (Array.isArray(sdk) && Array.isArray(ours))
		return sdk.map((v, i) => alignIntegers(v, ours[i]));
	if (sdk && ours && typeof sdk === 'object' && typeof ours === 'object')
		return Object.fromEntries(
			Object.entries(sdk).map(([k, v]) => [k, alignIntegers(v, (ours as Json)[k])]),
		);
	return sdk;
}

const sortedQuery = (url: URL) => [...url.searchParams.entries()].sort();

describe('Square: every operation as the official SDK (square 46.0.0) sends it', () => {
	const operations = squareSpec.resources.flatMap((r) =>
		r.operations.map((o) => ({ key: `${r.id}.${o.id}`, op: o })),
	);

	it('every operation of the spec has an SDK call and a fixture, and no call is left over', () => {
		expect(Object.keys(CALLS).sort()).toEqual(operations.map((o) => o.key).sort());
		expect(fixtures.map((f) => f.key).sort()).toEqual(operations.map((o) => o.key).sort());
	});

	it.each(fixtures)(
		'$key: same method, path, query, body and headers as the SDK',
		async ({ key, fixture }) => {
			const op = operations.find((o) => o.key === key)!.op;
			for (const exchange of fixture.exchanges) {
				const req = exchange.request as Request;
				const url = new URL(req.url);
				const token = (req.headers?.authorization ?? '').replace(/^Bearer /, '');
				const { client, seen } = recordingClient(url.origin, token);
				const ours =
					typeof req.body === 'string'
						? multipartParts(req.body, req.headers?.['content-type'] ?? '')
						: req.body;
				await CALLS[key](client, ours, url, idsOf(url.pathname, op.path));
				expect(seen).toHaveLength(1);
				const sdk = seen[0];
				const sdkUrl = new URL(sdk.url);
				expect(`${sdk.method} ${sdkUrl.origin}${sdkUrl.pathname}`).toBe(
					`${req.method} ${url.origin}${url.pathname}`,
				);
				expect(sortedQuery(sdkUrl)).toEqual(sortedQuery(url));
				if (typeof req.body === 'string') {
					// Multipart: the same parts; the JSON part's content compared as JSON (key order aside).
					const json = (parts: unknown) =>
						(parts as ReturnType<typeof multipartParts>).map((p) =>
							p.fileName ? p : { ...p, content: JSON.parse(p.content) as unknown },
						);
					expect(json(sdk.body)).toEqual(json(ours));
				} else expect(alignIntegers(sdk.body, req.body)).toEqual(req.body);
				expect(sdk.headers['square-version']).toBe(SQUARE_VERSION);
				expect(req.headers?.['square-version']).toBe(SQUARE_VERSION);
				expect(sdk.headers.authorization).toBe(req.headers?.authorization);
			}
		},
	);

	it('the spec pins the Square-Version the SDK sends by default', async () => {
		const { client, seen } = recordingClient('https://connect.squareup.com', 't');
		await client.locations.list();
		expect(seen[0].headers['square-version']).toBe(SQUARE_VERSION);
		expect(squareSpec.headers?.['Square-Version']).toBe(SQUARE_VERSION);
	});

	it('the trigger subscription requests are the SDK webhooks.subscriptions create, get and delete', async () => {
		const { client, seen } = recordingClient('https://connect.squareup.com', 't');
		const body = {
			idempotency_key: 'k-1',
			subscription: {
				name: 'n8n workflow "W"',
				event_types: ['payment.created'],
				notification_url: 'https://n8n.example.com/webhook/x/webhook',
				api_version: SQUARE_VERSION,
			},
		};
		await client.webhooks.subscriptions.create(
			typed(s.webhooks.CreateWebhookSubscriptionRequest, body) as never,
		);
		await client.webhooks.subscriptions.get({
			subscriptionId: 'wbhk_b35f6b3145074cf9ad513610786c19d5',
		});
		await client.webhooks.subscriptions.delete({
			subscriptionId: 'wbhk_b35f6b3145074cf9ad513610786c19d5',
		});
		expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
			'POST /v2/webhooks/subscriptions',
			'GET /v2/webhooks/subscriptions/wbhk_b35f6b3145074cf9ad513610786c19d5',
			'DELETE /v2/webhooks/subscriptions/wbhk_b35f6b3145074cf9ad513610786c19d5',
		]);
		expect(seen[0].body).toEqual(body);
	});
});

describe('Square: the OAuth endpoints as the SDK has them', () => {
	it('authorize and token are the SDK oAuth routes on the production host', async () => {
		const { client, seen } = recordingClient('https://connect.squareup.com', 't');
		await client.oAuth.obtainToken({
			clientId: 'sq0idp-app',
			clientSecret: 's',
			grantType: 'refresh_token',
			refreshToken: 'r',
		});
		await client.oAuth.authorize();
		expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
			`POST ${SQUARE_OAUTH.tokenUrl}`,
			`GET ${SQUARE_OAUTH.authUrl}`,
		]);
	});

	it("Disconnect's revoke is the SDK's revokeToken: POST /oauth2/revoke, {client_id, access_token}, Client auth", async () => {
		const { client, seen } = recordingClient('https://connect.squareup.com', 't');
		await client.oAuth.revokeToken(
			{ clientId: 'sq0idp-app', accessToken: 'EAAA-token' },
			{ headers: { Authorization: 'Client app-secret' } },
		);
		const [revoke] = [squareSpec.connection!.revoke!].flat();
		expect(`${seen[0].method} ${new URL(seen[0].url).pathname}`).toBe(
			`${revoke.method} ${revoke.path}`,
		);
		expect(seen[0].body).toEqual({ client_id: 'sq0idp-app', access_token: 'EAAA-token' });
		expect(revoke).toMatchObject({
			tokenIn: 'json',
			tokenParam: 'access_token',
			clientAuth: 'secretHeader',
			clientAuthScheme: 'Client',
		});
		expect(seen[0].headers.authorization).toBe('Client app-secret');
	});
});

describe('Square: the trigger signature as the SDK verifies it', () => {
	const url = 'https://example.com/webhooks/square';
	const body = '{"merchant_id":"M1","type":"payment.updated"}';
	const H = 'x-square-hmacsha256-signature';
	const verify = (header: string, at: string) =>
		verifySignature(squareSignature, {
			rawBody: Buffer.from(body),
			headers: { [H]: header },
			url: at,
			secret: 'sq_sig_key',
			now: Date.now(),
		});

	it('services.md test vector: the scheme and the SDK agree', async () => {
		const header = 'Hq6G/c1TXUFbkhqZjZhQmfxQJ562yZjKSWD/VHD4nq4=';
		expect(
			signPayload(squareSignature, { secret: 'sq_sig_key', rawBody: Buffer.from(body), url }),
		).toEqual({ [H]: header });
		expect(
			await WebhooksHelper.verifySignature({
				requestBody: body,
				signatureHeader: header,
				signatureKey: 'sq_sig_key',
				notificationUrl: url,
			}),
		).toBe(true);
		expect(verify(header, url).ok).toBe(true);
	});

	it('another URL (a proxy that rewrote it) fails for both', async () => {
		const header = signPayload(squareSignature, {
			secret: 'sq_sig_key',
			rawBody: Buffer.from(body),
			url,
		})[H];
		const other = 'http://internal:5678/webhooks/square';
		expect(
			await WebhooksHelper.verifySignature({
				requestBody: body,
				signatureHeader: header,
				signatureKey: 'sq_sig_key',
				notificationUrl: other,
			}),
		).toBe(false);
		expect(verify(header, other).ok).toBe(false);
	});
});
