/**
 * Square beyond the per-operation fixtures: the `idempotency_key` the engine writes into the body (the same on
 * every retry, the item's own when given; in a catalog image upload's JSON part too), 429 and 5xx retried with backoff, Square's `errors[]` in the seed's
 * terms (reconnect, scope, field, declined card), and the OAuth2 credential on the sandbox host.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnSquareApi } from '../../credentials/ApiConnSquareApi.credentials';
import { ApiConnSquareOAuth2Api } from '../../credentials/ApiConnSquareOAuth2Api.credentials';
import { tokenExpiryOf } from '../../lib/connections';
import { validateService } from '../../lib/spec/schema';
import { Square } from '../../nodes/Square/Square.node';
import { squareDefinition } from '../../nodes/Square/Square.service';
import { serviceKit } from '../kit';

const API = 'https://connect.squareup.com';
const TOKEN = 'EAAAl7sqPatProd3f9d0c77e1';
const kit = serviceKit({
	origin: API,
	nodeTypes: [new Square()],
	credentialTypes: [new ApiConnSquareApi(), new ApiConnSquareOAuth2Api()],
	credentials: { apiConnSquareApi: { environment: API, accessToken: TOKEN } },
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('square', parameters as never, extra);
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);

const createPayment = {
	resource: 'payment',
	operation: 'create',
	sourceId: 'cnon:card-nonce-ok',
	amountMoneyAmount: 1000,
	amountMoneyCurrency: 'USD',
};
const payment = { id: 'R2B3Z8WMVt3EAmzYWLZvz7Y69EbZY', status: 'COMPLETED' };
const errors = (category: string, code: string, detail: string, field?: string) => ({
	errors: [{ category, code, detail, ...(field ? { field } : {}) }],
});

it('the spec is valid', () => {
	expect(validateService(squareDefinition)).toEqual([]);
});

describe('idempotency_key in the body', () => {
	it('a 500 then a 200: the retry sends the same body with the same idempotency_key', async () => {
		const seen = kit.fake(
			['POST', 500, errors('API_ERROR', 'INTERNAL_SERVER_ERROR', 'An internal error occurred.')],
			['POST', 200, { payment }],
		);
		const res = await run(createPayment);
		expect(res.error).toBeUndefined();
		expect(json(res)).toEqual([payment]);
		expect(seen).toHaveLength(2);
		const key = (seen[0].body as { idempotency_key: string }).idempotency_key;
		expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(seen[1].body).toEqual(seen[0].body);
		expect(seen[0].body).toEqual({
			source_id: 'cnon:card-nonce-ok',
			amount_money: { amount: 1000, currency: 'USD' },
			idempotency_key: key,
		});
	});

	it('a 429 (RATE_LIMIT_ERROR, no Retry-After) waits and sends the same write again', async () => {
		const seen = kit.fake(
			['POST', 429, errors('RATE_LIMIT_ERROR', 'RATE_LIMITED', 'Rate limited.')],
			['POST', 200, { payment }],
		);
		const res = await run(createPayment);
		expect(res.error).toBeUndefined();
		expect(json(res)).toEqual([payment]);
		expect(seen.map((s) => s.body)).toEqual([seen[0].body, seen[0].body]);
	});

	it('each item gets its own key, and a key the item gives is sent as it is', async () => {
		const seen = kit.fake(['POST', 200, { payment }], ['POST', 200, { payment }]);
		const res = await run(
			{ ...createPayment, additionalFields: { idempotencyKey: '={{ $json.key }}' } },
			{ input: [{ json: { key: 'order-4711' } }, { json: { key: '' } }] },
		);
		expect(res.error).toBeUndefined();
		const keys = seen.map((s) => (s.body as { idempotency_key: string }).idempotency_key);
		expect(keys[0]).toBe('order-4711');
		expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('reads are not keyed: a search body carries no idempotency_key', async () => {
		const seen = kit.fake(['POST', 200, { customers: [] }]);
		await run({
			resource: 'customer',
			operation: 'search',
			returnAll: true,
			additionalFields: { queryFilterEmailAddressExact: 'a@example.com' },
		});
		expect(seen[0].body).toEqual({
			query: { filter: { email_address: { exact: 'a@example.com' } } },
			limit: 100,
		});
	});
});

describe('Catalog → Upload Image (multipart, its key in the JSON part)', () => {
	const upload = { resource: 'catalog', operation: 'uploadImage', binaryPropertyName: 'data' };
	const image = (mimeType: string, bytes: Buffer) => ({
		json: {},
		binary: { data: { data: bytes.toString('base64'), mimeType, fileName: 'photo.bin' } },
	});
	const requestPart = (body: unknown) =>
		JSON.parse(/name="request"\r\n\r\n(.*)\r\n/.exec(String(body))![1]) as Record<string, unknown>;

	it('a 500 then a 200: the retry sends the same request part with the same idempotency_key', async () => {
		const seen = kit.fake(
			['POST', 500, errors('API_ERROR', 'INTERNAL_SERVER_ERROR', 'An internal error occurred.')],
			['POST', 200, { image: { id: 'KQLFFHA6K6J3YQAQAWDQAL57', type: 'IMAGE' } }],
		);
		const res = await run(upload, { input: [image('image/png', Buffer.from('\x89PNG'))] });
		expect(res.error).toBeUndefined();
		expect(json(res)).toEqual([{ image: { id: 'KQLFFHA6K6J3YQAQAWDQAL57', type: 'IMAGE' } }]);
		expect(seen).toHaveLength(2);
		const first = requestPart(seen[0].body);
		expect(first).toEqual({
			image: { type: 'IMAGE', id: '#image', image_data: { name: 'photo.bin' } },
			idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(requestPart(seen[1].body)).toEqual(first);
	});

	it('a PDF is refused before anything is sent, naming the field and the fix', async () => {
		const seen = kit.fake();
		const res = await run(upload, { input: [image('application/pdf', Buffer.from('%PDF'))] });
		expect(seen).toHaveLength(0);
		expect(res.error?.message).toBe(
			"Square takes JPEG, PNG or GIF catalog images; the binary field 'data' holds application/pdf",
		);
		expect(res.error?.description).toMatch(/Convert the image first/);
	});

	it('an image over 15 MB is refused before anything is sent', async () => {
		const seen = kit.fake();
		const res = await run(upload, {
			input: [image('image/jpeg', Buffer.alloc(15 * 1024 * 1024 + 1))],
		});
		expect(seen).toHaveLength(0);
		expect(res.error?.message).toBe(
			"The image in 'data' is 15728641 bytes; Square takes catalog images of up to 15 MB (15728640 bytes)",
		);
	});
});

describe("Square's errors in the seed's terms", () => {
	it("AUTHENTICATION_ERROR / UNAUTHORIZED → reconnect, in Square's words", async () => {
		const denied = errors(
			'AUTHENTICATION_ERROR',
			'UNAUTHORIZED',
			'This request could not be authorized.',
		);
		// n8n's own 401 handling asks once more before the engine reports it.
		kit.fake(['GET', 401, denied], ['GET', 401, denied]);
		const res = await run({ resource: 'payment', operation: 'get', paymentId: 'p1' });
		expect(res.error?.message).toBe(
			'Square: 401 Unauthorized – This request could not be authorized.',
		);
		expect(res.error?.description).toBe(
			"Square rejected the credentials: Square rejected the access token (UNAUTHORIZED: This request could not be authorized.). Reconnect the credential 'apiConnSquareApi account' (a personal access token: copy it again from the Developer Console, with the Environment it belongs to), then run the workflow again.",
		);
		expect(JSON.stringify(res.error)).not.toContain(TOKEN);
	});

	it('INSUFFICIENT_SCOPES → names the scope the operation needs', async () => {
		kit.fake([
			'GET',
			403,
			errors(
				'AUTHENTICATION_ERROR',
				'INSUFFICIENT_SCOPES',
				'The merchant has not given your application sufficient permissions to do that. The merchant must authorize your application for the following scopes: ORDERS_READ',
			),
		]);
		const res = await run({ resource: 'order', operation: 'get', orderId: 'o1' });
		expect(`${res.error?.message} ${res.error?.description}`).toContain('ORDERS_READ');
	});

	it('INVALID_REQUEST_ERROR names the field', async () => {
		const seen = kit.fake([
			'POST',
			400,
			errors(
				'INVALID_REQUEST_ERROR',
				'INVALID_VALUE',
				'Expected amount_money.currency to be a valid currency.',
				'amount_money.currency',
			),
		]);
		const res = await run(createPayment);
		expect(seen).toHaveLength(1);
		expect(`${res.error?.message} ${res.error?.description}`).toContain('amount_money.currency');
	});

	it('PAYMENT_METHOD_ERROR / CARD_DECLINED → declined, with the fix, not retried', async () => {
		const seen = kit.fake([
			'POST',
			400,
			errors('PAYMENT_METHOD_ERROR', 'CARD_DECLINED', 'Authorization error: CARD_DECLINED'),
		]);
		const res = await run(createPayment);
		expect(seen).toHaveLength(1);
		expect(res.error?.message).toBe('Square: 400 Bad Request – Authorization error: CARD_DECLINED');
		expect(res.error?.description).toBe(
			'Square refused the request: the payment method was declined (CARD_DECLINED: Authorization error: CARD_DECLINED). Ask the buyer for another card or payment method (or for their bank to approve the payment), then try again with a new payment.',
		);
	});

	it('a 404 NOT_FOUND names what was not found', async () => {
		kit.fake([
			'GET',
			404,
			errors('INVALID_REQUEST_ERROR', 'NOT_FOUND', 'Could not find payment with id: nope'),
		]);
		const res = await run({ resource: 'payment', operation: 'get', paymentId: 'nope' });
		expect(res.error?.message).toContain('Could not find payment with id: nope');
	});
});

describe('the OAuth2 credential', () => {
	it("Square's token answer gives expires_at as a date: the engine reads it to refresh ahead", () => {
		expect(
			tokenExpiryOf({ oauthTokenData: { access_token: 'a', expires_at: '2027-01-02T10:00:00Z' } }),
		).toBe(Date.parse('2027-01-02T10:00:00Z'));
	});
});
