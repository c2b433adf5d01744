/**
 * The request pipeline every node uses: URL building → rate-limit queue → send through n8n's
 * `httpRequestWithAuthentication` (so proxies, credential injection and n8n's OAuth2 refresh apply)
 * → classify → retry → map errors. Nothing here knows a service by name: a service is described by
 * `ServiceIdentity` (from its spec).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import type { RateLimitPolicy } from '../limits/policy';
import type { HttpMethod } from '../spec/types';
import { httpError, networkError, type FailureContext } from './errors';
import { buildMultipart, type MultipartValue } from './multipart';
import { redactError, type Redactor } from './redact';
import type { EngineRequest, EngineResponse } from './types';
import { buildUrl, toFormBody } from './url';

/** What the pipeline needs to know about the service it talks to. */
export interface ServiceIdentity {
	id: string;
	displayName: string;
	rateLimit?: RateLimitPolicy;
	/** Header carrying an idempotency key on writes (the key is set per item by the caller). */
	idempotencyHeader?: string;
	/** Default OAuth2 scopes, suggested on a 403. */
	scopes?: string[];
}

/** User-facing knobs (node options) with their defaults. */
export interface EngineSettings {
	maxAttempts: number;
	maxTotalWaitMs: number;
	maxQueueWaitMs: number;
	timeoutMs: number;
}

export const DEFAULT_SETTINGS: EngineSettings = {
	maxAttempts: 3,
	maxTotalWaitMs: 5 * 60_000,
	maxQueueWaitMs: 5 * 60_000,
	timeoutMs: 60_000,
};

export interface CallContext {
	fn: IExecuteFunctions;
	itemIndex: number;
	service: ServiceIdentity;
	/** n8n credential type to authenticate with; none for public endpoints. */
	credentialType?: string;
	redact: Redactor;
	settings: EngineSettings;
}

/** The outcome of one attempt: an HTTP answer, or no answer at all. */
export type AttemptOutcome =
	| { kind: 'response'; status: number; headers: Record<string, string>; body: unknown }
	| { kind: 'network'; code: string; message: string };

/** One attempt through n8n's helper. 401 is left to n8n (it refreshes OAuth2 tokens and re-sends once). */
async function attempt(ctx: CallContext, options: IHttpRequestOptions): Promise<AttemptOutcome> {
	const { fn } = ctx;
	// n8n's OAuth2 signing mutates the options it is given: hand it a fresh copy every attempt.
	const opts: IHttpRequestOptions = { ...options, headers: { ...(options.headers ?? {}) } };
	try {
		const res = (ctx.credentialType
			? await fn.helpers.httpRequestWithAuthentication.call(fn, ctx.credentialType, opts)
			: await fn.helpers.httpRequest(opts)) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
		return { kind: 'response', status: res.statusCode, headers: lowerHeaders(res.headers), body: res.body };
	} catch (error) {
		return outcomeOfError(error);
	}
}

/** Extract status/headers/body (or the network code) from whatever n8n or axios threw. */
export function outcomeOfError(error: unknown): AttemptOutcome {
	const e = error as Record<string, any>;
	const candidates = [e, e?.cause, e?.cause?.cause];
	for (const c of candidates) {
		const response = c?.response;
		if (response && typeof response.status === 'number') {
			return { kind: 'response', status: response.status, headers: lowerHeaders(response.headers), body: response.data ?? response.body };
		}
	}
	const httpCode = Number(e?.httpCode);
	if (Number.isInteger(httpCode) && httpCode >= 100) {
		return { kind: 'response', status: httpCode, headers: {}, body: e?.context?.data ?? { message: e?.description ?? e?.message } };
	}
	for (const c of candidates) {
		if (typeof c?.code === 'string' && c.code) return { kind: 'network', code: c.code, message: String(c.message ?? c.code) };
	}
	return { kind: 'network', code: 'UNKNOWN', message: String(e?.message ?? error) };
}

function lowerHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return out;
	const entries =
		typeof (headers as { toJSON?: () => object }).toJSON === 'function'
			? Object.entries((headers as { toJSON: () => object }).toJSON())
			: Object.entries(headers as object);
	for (const [k, v] of entries) {
		if (v === undefined || v === null) continue;
		out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
	}
	return out;
}

/** Translate an EngineRequest into n8n's request options. */
export function toHttpOptions(req: EngineRequest, settings: EngineSettings): IHttpRequestOptions {
	const url = buildUrl(req.baseUrl, req.path, req.pathParams, req.qs);
	const headers: Record<string, string> = { ...(req.headers ?? {}) };
	const format = req.responseFormat ?? 'json';
	const options: IHttpRequestOptions = {
		method: req.method,
		url,
		headers,
		returnFullResponse: true,
		// Every status comes back as a response we classify ourselves, except 401: n8n must see that one
		// as an error to refresh an OAuth2 token (or re-run pre-authentication) and re-send once.
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
		timeout: req.timeout ?? settings.timeoutMs,
	};
	if (format === 'json') options.json = true;
	if (format === 'binary') options.encoding = 'arraybuffer';
	if (format === 'text') options.encoding = 'text';

	const encoding = req.body === undefined ? 'none' : (req.bodyEncoding ?? 'json');
	if (encoding === 'json') {
		options.body = req.body as IDataObject;
		options.json = true;
		if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
	} else if (encoding === 'form') {
		options.body = typeof req.body === 'string' ? req.body : toFormBody(req.body as IDataObject);
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	} else if (encoding === 'multipart') {
		const { body, contentType } = buildMultipart(req.body as Record<string, MultipartValue>);
		options.body = body;
		headers['Content-Type'] = contentType;
	} else if (encoding === 'raw') {
		options.body = Buffer.isBuffer(req.body) ? req.body : String(req.body);
		if (req.contentType) headers['Content-Type'] = req.contentType;
	}
	return options;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
	return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

/** Methods that may be sent twice without a second effect (RFC 9110 §9.2.2). */
export function isIdempotent(method: HttpMethod, hasIdempotencyKey: boolean): boolean {
	return hasIdempotencyKey || ['GET', 'HEAD', 'PUT', 'DELETE'].includes(method);
}

function parseBody(body: unknown, format: EngineRequest['responseFormat'], headers: Record<string, string>): unknown {
	if (format === 'binary') return Buffer.isBuffer(body) ? body : Buffer.from(body as ArrayBuffer);
	if (format === 'text' || typeof body !== 'string') return body;
	// axios hands back the text when JSON does not parse; keep empty bodies empty.
	if (body === '') return undefined;
	if (/json/i.test(headers['content-type'] ?? '')) {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	return body;
}

/**
 * Send a request through the engine and return the response, or throw a NodeApiError that says
 * the cause and the fix (secrets redacted).
 */
export async function send(ctx: CallContext, req: EngineRequest): Promise<EngineResponse> {
	const node: INode = ctx.fn.getNode();
	const options = toHttpOptions(req, ctx.settings);
	const failure: FailureContext = {
		service: ctx.service.displayName,
		connection: ctx.credentialType ? node.credentials?.[ctx.credentialType]?.name : undefined,
		method: req.method,
		endpoint: /^[a-z]+:/i.test(req.path) ? new URL(req.path).pathname : req.path,
		itemIndex: ctx.itemIndex,
		pathParams: req.pathParams,
		scopes: ctx.service.scopes,
		attempts: 1,
		maxAttempts: ctx.settings.maxAttempts,
		waitedMs: 0,
	};

	const outcome = await attempt(ctx, options);
	if (outcome.kind === 'network') {
		throw redactError(networkError(node, outcome.code, outcome.message, failure), ctx.redact);
	}
	if (outcome.status >= 200 && outcome.status < 300) {
		return {
			status: outcome.status,
			headers: outcome.headers,
			body: parseBody(outcome.body, req.responseFormat, outcome.headers),
			meta: { attempts: failure.attempts, waitedMs: failure.waitedMs, url: ctx.redact(options.url) },
		};
	}
	failure.requestId = outcome.headers['x-request-id'] ?? outcome.headers['request-id'];
	const body = parseBody(outcome.body, 'json', outcome.headers);
	throw redactError(httpError(node, outcome.status, ctx.redact(body), outcome.headers, failure), ctx.redact);
}
