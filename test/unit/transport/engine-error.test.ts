/**
 * The engine's typed error: callers read the status, headers, body and failure kind; n8n gets the error
 * that says cause and fix only at the boundary. A status the caller expects is asked for in the request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeApiError, type IExecuteFunctions, type IHttpRequestOptions } from 'n8n-workflow';

import { asNodeError } from '../../../lib/execution/items';
import { createRuntime } from '../../../lib/runtime';
import { toN8nError } from '../../../lib/execution/n8n-error';
import { EngineError, failedStatus } from '../../../lib/transport/engine-error';
import { DEFAULT_SETTINGS, send, type CallContext } from '../../../lib/transport/pipeline';
import { makeRedactor } from '../../../lib/transport/redact';
import { FakeClock } from '../../helpers/fake-clock';
import { fakeFn } from '../../helpers/fake-execute';

function ctxFor(fn: IExecuteFunctions): CallContext {
	return {
		engine: createRuntime({
			observers: [],
			clock: new FakeClock(Date.UTC(2026, 0, 1)),
			random: () => 0.5,
		}),
		fn,
		itemIndex: 0,
		service: { id: 'shop', displayName: 'Shop' },
		redact: makeRedactor(['secret-value-123456']),
		settings: { ...DEFAULT_SETTINGS, maxAttempts: 3 },
	};
}

const json = { 'content-type': 'application/json', 'x-request-id': 'req-9' };
const req = {
	method: 'GET' as const,
	baseUrl: 'https://shop.example.test',
	path: '/hooks/{id}',
	pathParams: { id: 'h1' },
};

it('a status the request accepts is its answer: returned once, not retried, not thrown', async () => {
	const calls: IHttpRequestOptions[] = [];
	const res = await send(
		ctxFor(fakeFn([{ statusCode: 404, headers: json, body: '{"error":"gone"}' }], calls)),
		{ ...req, accept: [404] },
	);
	expect(res.status).toBe(404);
	expect(res.body).toEqual({ error: 'gone' });
	expect(calls).toHaveLength(1);
});

it('any other failing status is an EngineError with status, headers, body and kind', async () => {
	const calls: IHttpRequestOptions[] = [];
	const error = await send(
		ctxFor(
			fakeFn(
				[{ statusCode: 404, headers: json, body: { error: 'gone secret-value-123456' } }],
				calls,
			),
		),
		req,
	).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(EngineError);
	const e = error as EngineError;
	expect(e.kind).toBe('http');
	expect(e.status).toBe(404);
	expect(failedStatus(e)).toBe(404);
	expect(e.headers['x-request-id']).toBe('req-9');
	// The body is redacted before anyone reads it.
	expect(JSON.stringify(e.body)).not.toContain('secret-value-123456');
	expect(e.message).toBe('Shop: 404 Not Found – gone [redacted]');
	expect(e.description).toContain("found nothing at GET /hooks/{id} for id 'h1'");
});

it('converts to the n8n error that says cause and fix at the boundary, and nowhere else', async () => {
	const error = await send(
		ctxFor(
			fakeFn([{ statusCode: 400, headers: json, body: { message: 'bad', param: 'email' } }], []),
		),
		req,
	).catch((e: unknown) => e);
	const node = fakeFn([], []).getNode();
	const n8n = toN8nError(error, node) as NodeApiError;
	expect(n8n).toBeInstanceOf(NodeApiError);
	expect(n8n).toMatchObject({ httpCode: '400', message: 'Shop: 400 Bad Request – bad' });
	expect(asNodeError(fakeFn([], []), error, 0)).toMatchObject({
		httpCode: '400',
		message: n8n.message,
		description: n8n.description,
	});
	// Anything that is not an engine error passes the boundary as it is.
	const other = new Error('x');
	expect(toN8nError(other, node)).toBe(other);
	expect(failedStatus(other)).toBeNull();
});

it('no answer at all is a network failure without a status', async () => {
	const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNREFUSED' });
	const ctx = { ...ctxFor(fakeFn([reset], [])), settings: { ...DEFAULT_SETTINGS, maxAttempts: 1 } };
	const error = (await send(ctx, req).catch((e: unknown) => e)) as EngineError;
	expect(error).toBeInstanceOf(EngineError);
	expect(error.kind).toBe('network');
	expect(error.status).toBeNull();
});

it('the transport builds no n8n error: it throws EngineError, whose plain report the entry layer converts', () => {
	const dir = join(__dirname, '../../../lib/transport');
	const offenders = readdirSync(dir)
		.filter((f) => f.endsWith('.ts'))
		.flatMap((f) => {
			const text = readFileSync(join(dir, f), 'utf8');
			return [
				...(/new Node(Api|Operation)Error\b/.test(text) ? [`${f}: constructs an n8n error`] : []),
				// Types only: a value import of n8n-workflow would be n8n's error classes or helpers.
				...(/^import (?!type )[^;]*from 'n8n-workflow'/m.test(text)
					? [`${f}: imports values from n8n-workflow`]
					: []),
			];
		});
	expect(offenders).toEqual([]);
});
