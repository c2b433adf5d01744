import {
	decodeBody,
	getRawBody,
	redactHeaders,
	rejectWebhook,
	MemoryReplayStore,
	signPayload,
	verifyWebhookRequest,
} from '../../../lib/webhooks';
import { createWebhookContext } from '../../helpers/webhook-context';
import { githubScheme, slackScheme } from './schemes';

describe('decodeBody', () => {
	it('parses JSON (including +json types) from the raw bytes', () => {
		expect(decodeBody(Buffer.from('{"a":[1,2]}'), 'application/json; charset=utf-8')).toEqual({
			kind: 'json',
			value: { a: [1, 2] },
		});
		expect(decodeBody(Buffer.from('[1]'), 'application/vnd.api+json')).toEqual({
			kind: 'json',
			value: [1],
		});
	});

	it('keeps invalid JSON as text', () => {
		expect(decodeBody(Buffer.from('{"a":'), 'application/json')).toEqual({
			kind: 'text',
			value: '{"a":',
		});
	});

	it('parses form fields, repeated keys becoming lists', () => {
		expect(decodeBody(Buffer.from('a=1&b=x%20y&a=2'), 'application/x-www-form-urlencoded')).toEqual(
			{ kind: 'form', value: { a: ['1', '2'], b: 'x y' } },
		);
	});

	it('returns other UTF-8 content as text, with or without a content type', () => {
		expect(decodeBody(Buffer.from('<a>é</a>'), 'application/xml')).toEqual({
			kind: 'text',
			value: '<a>é</a>',
		});
		expect(decodeBody(Buffer.from('hello'), undefined)).toEqual({ kind: 'text', value: 'hello' });
	});

	it('treats invalid UTF-8 and binary media types as binary', () => {
		expect(decodeBody(Buffer.from([0xff, 0xfe, 0x00]), 'text/plain')).toEqual({
			kind: 'binary',
			mimeType: 'text/plain',
		});
		expect(decodeBody(Buffer.from('GIF89a'), 'image/gif')).toEqual({
			kind: 'binary',
			mimeType: 'image/gif',
		});
		expect(decodeBody(Buffer.from([0xc3, 0x28]), undefined)).toEqual({
			kind: 'binary',
			mimeType: 'application/octet-stream',
		});
	});

	it('reports an empty body as empty', () => {
		expect(decodeBody(Buffer.alloc(0), 'application/json')).toEqual({ kind: 'empty' });
	});
});

describe('redactHeaders', () => {
	it('redacts credential-like headers but keeps the listed signature headers', () => {
		expect(
			redactHeaders(
				{
					authorization: 'Bearer abc',
					cookie: 'sid=1',
					'x-api-key': 'k',
					'x-gitlab-token': 't',
					'x-hub-signature-256': 'sha256=00',
					'x-webhook-token': 'signature-in-a-token-header',
					'content-type': 'application/json',
					'x-forwarded-for': ['1.1.1.1', '2.2.2.2'],
					'x-missing': undefined,
				},
				{ keep: ['X-Hub-Signature-256', 'X-Webhook-Token'] },
			),
		).toEqual({
			authorization: '[redacted]',
			cookie: '[redacted]',
			'x-api-key': '[redacted]',
			'x-gitlab-token': '[redacted]',
			'x-hub-signature-256': 'sha256=00',
			'x-webhook-token': 'signature-in-a-token-header',
			'content-type': 'application/json',
			'x-forwarded-for': ['1.1.1.1', '2.2.2.2'],
		});
	});

	it('redacts any header that contains the secret itself', () => {
		expect(redactHeaders({ 'x-note': 'my secret is hunter22!' }, { secret: 'hunter22' })).toEqual({
			'x-note': '[redacted]',
		});
	});
});

describe('getRawBody', () => {
	it('uses the body n8n already read', async () => {
		const fake = createWebhookContext({ request: { rawBody: 'abc' } });
		expect(await getRawBody(fake.context)).toEqual(Buffer.from('abc'));
		expect(fake.readRawBodyCalls()).toBe(0);
	});

	it('reads the body on demand when n8n did not', async () => {
		const fake = createWebhookContext({ request: { rawBody: 'abc', rawBodyPreRead: false } });
		expect(await getRawBody(fake.context)).toEqual(Buffer.from('abc'));
		expect(fake.readRawBodyCalls()).toBe(1);
	});
});

describe('rejectWebhook', () => {
	it('answers 401 JSON itself and tells n8n not to answer or run', () => {
		const fake = createWebhookContext();
		expect(rejectWebhook(fake.context, 'nope')).toEqual({ noWebhookResponse: true });
		expect(fake.response.statusCode).toBe(401);
		expect(fake.response.body).toEqual({ message: 'nope' });
		expect(fake.response.ended).toBe(true);
	});

	it('can use another status', () => {
		const fake = createWebhookContext();
		rejectWebhook(fake.context, 'gone', 410);
		expect(fake.response.statusCode).toBe(410);
	});
});

describe('verifyWebhookRequest', () => {
	const secret = 'trigger-secret-1';
	const rawBody = Buffer.from('{"ok":true}');

	it('verifies the delivery from the n8n context and returns the verified bytes', async () => {
		const fake = createWebhookContext({
			request: { rawBody, headers: signPayload(githubScheme, { rawBody, secret }) },
		});
		await expect(verifyWebhookRequest(fake.context, githubScheme, { secret })).resolves.toEqual({
			result: { ok: true },
			rawBody,
		});
	});

	it('scopes replay protection to the workflow and node by default', async () => {
		const store = new MemoryReplayStore();
		const headers = signPayload(slackScheme, { rawBody, secret, timestamp: 1_700_000_000 });
		const now = 1_700_000_000_000;
		const deliver = (nodeId: string) =>
			verifyWebhookRequest(
				createWebhookContext({ request: { rawBody, headers }, node: { id: nodeId } }).context,
				slackScheme,
				{ secret, now, replayStore: store },
			);
		expect((await deliver('n1')).result).toEqual({ ok: true, timestamp: 1_700_000_000 });
		expect((await deliver('n2')).result.ok).toBe(true);
		expect((await deliver('n1')).result).toMatchObject({ ok: false, reason: 'replayed' });
	});

	it('can turn replay protection off', async () => {
		const headers = signPayload(slackScheme, { rawBody, secret, timestamp: 1_700_000_000 });
		const run = () =>
			verifyWebhookRequest(
				createWebhookContext({ request: { rawBody, headers } }).context,
				slackScheme,
				{
					secret,
					now: 1_700_000_000_000,
					replayStore: false,
				},
			);
		expect((await run()).result.ok).toBe(true);
		expect((await run()).result.ok).toBe(true);
	});
});
