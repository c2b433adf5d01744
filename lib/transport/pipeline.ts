/**
 * The request pipeline every node uses: URL building → rate-limit queue → send through n8n's
 * `httpRequestWithAuthentication` (so proxies, credential injection and n8n's OAuth2 refresh apply)
 * → classify → retry → map errors. Nothing here knows a service by name: a service is described by
 * `ServiceIdentity` (from its spec).
 */
import { createHash } from 'node:crypto';

import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IPollFunctions,
	ILoadOptionsFunctions,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

import { cacheKey } from '../cache/response-cache';
import {
	limitKeyId,
	QUEUE_WAIT_OPTION,
	RateLimitWaitError,
	type LimitKey,
	type Permit,
} from '../limits/limiter';
import { UNDECLARED_LIMIT } from '../limits/learned';
import type { MaybePromise } from '../limits/maybe-promise';
import { jsonBody } from '../limits/observation';
import { classifyResponse } from '../limits/throttle';
import { decideRetry, isIdempotent, type RetryDecision } from '../retry/decide';
import { classifyNetworkError } from '../retry/network-error';
import {
	formatAttemptLine,
	formatErrorLogEntry,
	recordIdOf,
	requestIdFrom,
	retrySeconds,
	type ErrorLogEntry,
} from '../retry/error-log';

import { maxPauseOf, policyOfTier, type RateLimitPolicy } from '../limits/policy';
import { formatDuration } from '../retry/duration';
import {
	httpErrorReport,
	networkErrorReport,
	operationReport,
	queueFailureText,
	reportedErrorReport,
	serverMessage,
	unreadableErrorReport,
	type FailureContext,
} from './errors';
import { containsRawJson, parseJsonExactIntegers } from './json';
import { buildMultipart, type MultipartValue } from './multipart';
import { mayGainToken, secretsOf, type Redactor } from './redact';
import type { Engine } from './engine';
import { EngineError, type ErrorReport } from './engine-error';
import { reportedError, type ErrorsInBodySpec, type ReportedError } from './reported-error';
import {
	classifyErrorAnswer,
	errorBodyOf,
	retryKindOf,
	type ErrorCodesSpec,
	type MatchedError,
} from './error-codes';
import { grantedScopesOf, scopeList } from './scopes';
import type { RequestEvent } from './observer';
import type { EngineRequest, EngineResponse } from './types';
import { rewriteOrigin } from './origin-map';
import { nodeOf } from './node';
import { alreadyRead, executionCredential } from './credential-reads';
import { paceOf, type PaceSignal } from './pace';
import { trackSending } from './sent-at';
import {
	DEFAULT_WAIT_CEILING_MS,
	defaultWaitText,
	noteWait,
	waitLimits,
	type UserThrottle,
	type WaitLimits,
} from './waits';
import { MAX_REDIRECTS, nextHop, refusedRedirect, tooManyRedirects } from './redirect';
import { buildUrl, toFormBody } from './url';

/** What the pipeline needs to know about the service it talks to. */
export interface ServiceIdentity {
	id: string;
	displayName: string;
	rateLimit?: RateLimitPolicy;
	/** Header carrying an idempotency key on writes (the key is set per item by the caller). */
	idempotencyHeader?: string;
	/** One-connection-per-workspace family (e.g. one connection shared by all nodes of a suite). */
	family?: string;
	/** Credential types that are a connection of their own (`AuthSpec.family`), with their family. */
	authFamilies?: Record<string, string>;
	/** Per credential type: a path prefix sent as another (`AuthSpec.pathPrefix`, e.g. an older API version). */
	pathPrefixes?: Record<string, { from: string; to: string }>;
	/** The service's own request-id response header, if it has one. */
	requestIdHeader?: string;
	/** Headers every request to the service sends (API version, media type); the request's own win. */
	headers?: Record<string, string>;
	/** Errors the service reports inside a success answer (`{ ok: false }`, GraphQL `errors[]`). */
	errorsInBody?: ErrorsInBodySpec;
	/** The vendor's error codes and what each family means (`ServiceSpec.errorCodes`). */
	errorCodes?: ErrorCodesSpec;
	/**
	 * `false`: n8n must not refresh the OAuth2 token on a 401 (the spec's refresh-token renewal does, because
	 * n8n's refresh cannot speak to the provider's token endpoint); the 401 is reported as it is.
	 */
	n8nRefresh?: false;
	/** Per OAuth2 credential type: a header that also carries the access token (`AuthSpec.tokenHeader`). */
	tokenHeaders?: Record<string, string>;
	/**
	 * Credential types whose access token the engine obtains itself (a JWT bearer grant), by type: requests
	 * signed with such a credential carry the source's token; a 401 drops it and the request is sent once more.
	 */
	tokenSources?: Record<string, TokenSource>;
}

/** A token the engine obtained for a credential, and how to drop it when the API refuses it. */
export interface SourcedToken {
	token: string;
	invalidate: () => void;
}

/** Where a credential's access token comes from when n8n cannot sign with it (see `ServiceIdentity.tokenSources`). */
export type TokenSource = (ctx: CallContext) => Promise<SourcedToken>;

/** User-facing knobs (node options) with their defaults. */
export interface EngineSettings {
	maxAttempts: number;
	/** 'Max Total Wait'; undefined (left empty): follows the service up to the ceiling (waits.ts). */
	maxTotalWaitMs?: number;
	/** 'Max Queue Wait'; undefined (left empty): follows the service up to the ceiling (waits.ts). */
	maxQueueWaitMs?: number;
	timeoutMs: number;
	/** Serve repeated GETs from the cache for this long; 0 = off (the default). */
	cacheTtlMs: number;
	/** The user's own throttle on the connection ('Max Requests' per window), besides the service's limit. */
	throttle?: UserThrottle;
}

export const DEFAULT_SETTINGS: EngineSettings = {
	maxAttempts: 3,
	timeoutMs: 60_000,
	cacheTtlMs: 0,
};

/** The n8n contexts a request can be sent from: a node's execute, or a trigger's webhook lifecycle. */
/** The n8n contexts that may send through the engine: node execution, trigger hooks, option lists. */
export type RequestFunctions =
	IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface CallContext {
	/** The runtime's limiter, clock, cache and observers (built in lib/runtime.ts, passed down). */
	engine: Engine;
	fn: RequestFunctions;
	itemIndex: number;
	service: ServiceIdentity;
	/**
	 * Sign with this bearer token instead of the credential: a token obtained at run time with the
	 * credential (e.g. a page token). The credential still names the connection (budget, usage, rules).
	 */
	bearerToken?: string;
	/** The Authorization scheme of `bearerToken` (default `Bearer`). */
	authScheme?: string;
	/** n8n credential type to authenticate with; none for public endpoints. */
	credentialType?: string;
	redact: Redactor;
	settings: EngineSettings;
}

/** The outcome of one attempt: an HTTP answer, or no answer at all. */
export type AttemptOutcome =
	| { kind: 'response'; status: number; headers: Record<string, string>; body: unknown }
	| { kind: 'network'; code: string; message: string }
	/** Neither an answer nor a network error (e.g. n8n refused to refresh a token): retrying cannot help. */
	| { kind: 'fatal'; error: Error };

/**
 * An OAuth2 access token is always sent as `Authorization: Bearer …`. n8n otherwise signs by the provider's
 * `token_type`, and any type but `bearer` (a provider answering `token_type: "bot"`) puts the token in the URL's
 * query, where proxies and logs keep it. No effect on other credential kinds.
 */
const SIGN_OAUTH2_AS_BEARER = { oauth2: { tokenType: 'Bearer' } };

/** One attempt through n8n's helper. 401 is left to n8n (it refreshes OAuth2 tokens and re-sends once). */
async function attempt(ctx: CallContext, options: IHttpRequestOptions): Promise<AttemptOutcome> {
	const { fn } = ctx;
	// n8n's OAuth2 signing mutates the options it is given: hand it a fresh copy every attempt.
	const opts: IHttpRequestOptions = { ...options, headers: { ...(options.headers ?? {}) } };
	try {
		if (ctx.bearerToken)
			opts.headers = {
				...opts.headers,
				Authorization: `${ctx.authScheme ?? 'Bearer'} ${ctx.bearerToken}`,
			};
		const res = (
			ctx.credentialType && !ctx.bearerToken
				? await fn.helpers.httpRequestWithAuthentication.call(fn, ctx.credentialType, opts, {
						...alreadyRead(fn, ctx.credentialType),
						oauth2: {
							...SIGN_OAUTH2_AS_BEARER.oauth2,
							...(ctx.service.n8nRefresh === false ? { skipTokenRefresh: true } : {}),
							...(ctx.service.tokenHeaders?.[ctx.credentialType]
								? { keyToIncludeInAccessTokenHeader: ctx.service.tokenHeaders[ctx.credentialType] }
								: {}),
						},
					})
				: await fn.helpers.httpRequest(opts)
		) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
		return {
			kind: 'response',
			status: res.statusCode,
			headers: lowerHeaders(res.headers),
			body: res.body,
		};
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
			return {
				kind: 'response',
				status: response.status,
				headers: lowerHeaders(response.headers),
				body: response.data ?? response.body,
			};
		}
	}
	const httpCode = Number(e?.httpCode);
	if (Number.isInteger(httpCode) && httpCode >= 100) {
		return {
			kind: 'response',
			status: httpCode,
			headers: {},
			body: e?.context?.data ?? { message: e?.description ?? e?.message },
		};
	}
	// The token endpoint refused n8n's OAuth2 client (an access token for the client-credentials grant, a refresh
	// other than invalid_grant): its `AuthError` carries the provider's RFC 6749 §5.2 body. That is an answer in the
	// provider's words (read by the service's error codes, then the OAuth2 ones), not a network failure.
	for (const c of candidates) {
		const body = c?.body;
		if (c?.code === 'EAUTH' && body && typeof body === 'object' && typeof body.error === 'string')
			return { kind: 'response', status: 400, headers: {}, body };
	}
	for (const c of candidates) {
		if (typeof c?.code === 'string' && c.code)
			return { kind: 'network', code: c.code, message: String(c.message ?? c.code) };
	}
	return { kind: 'fatal', error: error instanceof Error ? error : new Error(String(error)) };
}

function lowerHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return out;
	// axios's `AxiosHeaders` keeps each header as an own property (its methods live on the prototype), as a
	// plain object does: read them directly, without `toJSON`'s copy (which also leaves out `false`).
	const source = headers as Record<string, unknown>;
	for (const k in source) {
		const v = source[k];
		if (!Object.hasOwn(source, k) || v === undefined || v === null || v === false) continue;
		out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
	}
	return out;
}

/** Translate an EngineRequest into n8n's request options (`requestUrl`: its URL, if already built). */
export function toHttpOptions(
	req: EngineRequest,
	settings: EngineSettings,
	requestUrl = buildUrl(req.baseUrl, req.path, req.pathParams, req.qs),
): IHttpRequestOptions {
	const url = rewriteOrigin(requestUrl);
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
		// n8n would re-send the credential to any host a redirect names: `send` follows same-origin ones itself.
		disableFollowRedirect: true,
		timeout: req.timeout ?? settings.timeoutMs,
	};
	if (format === 'json') options.json = true;
	// The text, so the engine parses it keeping every digit of large integers (`parseBody`).
	if (format === 'json' && req.exactIntegers) options.encoding = 'text';
	if (format === 'binary') options.encoding = 'arraybuffer';
	if (format === 'text') options.encoding = 'text';

	const encoding = req.body === undefined ? 'none' : (req.bodyEncoding ?? 'json');
	if (encoding === 'json') {
		// n8n deep-copies object bodies, which breaks integers kept exact beyond 2^53: send those as text.
		options.body = containsRawJson(req.body) ? JSON.stringify(req.body) : (req.body as IDataObject);
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

/** The service's fixed headers added to a request, unless it sets the same header (in any case) itself. */
function withServiceHeaders(
	req: EngineRequest,
	defaults: Record<string, string> | undefined,
): EngineRequest {
	if (!defaults) return req;
	const own = req.headers ?? {};
	const headers = { ...own };
	for (const [name, value] of Object.entries(defaults))
		if (!hasHeader(own, name.toLowerCase())) headers[name] = value;
	return { ...req, headers };
}

/** What `parseBody` returns, in strict mode, for a JSON answer that does not parse. */
const UNREADABLE = Symbol('unreadable');

function parseBody(
	body: unknown,
	format: EngineRequest['responseFormat'],
	headers: Record<string, string>,
	strict = false,
	exactIntegers = false,
): unknown {
	if (format === 'binary') return Buffer.isBuffer(body) ? body : Buffer.from(body as ArrayBuffer);
	if (format === 'text' || typeof body !== 'string') return body;
	// axios hands back the text when JSON does not parse; keep empty bodies empty.
	if (body === '') return undefined;
	if (/json/i.test(headers['content-type'] ?? '')) {
		try {
			return exactIntegers ? parseJsonExactIntegers(body) : JSON.parse(body);
		} catch {
			// A success answer we cannot read must not pass as data; an error body is shown as text.
			return strict ? UNREADABLE : body;
		}
	}
	return body;
}

/**
 * An error-log message: what went wrong, the server's own words when it gave some, and (on the final
 * entry) why no retry follows. A retry's wait is the entry's own field, so it is not repeated here.
 */
function logMessage(
	{ outcome, reported }: Pick<Exchange, 'outcome' | 'reported'>,
	decision: RetryDecision,
	final: boolean,
): string {
	// A reported error's words are its message only (its code is in the decision already).
	const said = reported
		? reported.message
		: outcome.kind === 'response'
			? serverMessage(outcome.body)
			: undefined;
	const text = final ? decision.reason : decision.cause;
	return said ? `${said} (${text})` : text;
}

/** A failure that no retry can fix (n8n raised it before any answer), keeping its message and description. */
function fatalReport(error: Error, failure: FailureContext): ErrorReport {
	const description = (error as { description?: unknown }).description;
	return operationReport(
		error.message,
		typeof description === 'string' && description !== '' ? description : undefined,
		failure,
	);
}

/** A report with every text in it redacted (the secrets known now). */
function redactReport(report: ErrorReport, redact: Redactor): ErrorReport {
	return {
		...report,
		message: redact(report.message),
		...(report.description !== undefined ? { description: redact(report.description) } : {}),
		...(report.response ? { response: redact(report.response) } : {}),
		...(report.request ? { request: redact(report.request) } : {}),
	};
}

/** The (service, connection) a request counts against: the credential's id, else the host. */
function limitKey(ctx: CallContext, host: string): LimitKey {
	const cred = ctx.credentialType ? nodeOf(ctx.fn).credentials?.[ctx.credentialType] : undefined;
	return {
		service: ctx.service.id,
		connection: cred ? `${ctx.credentialType}:${cred.id ?? cred.name}` : `anonymous:${host}`,
	};
}

/** The budget a request counts against: its tier's counts, kept per (connection, tier, resource). */
function budgetOf(
	ctx: CallContext,
	req: EngineRequest,
	key: LimitKey,
): { budgetKey: LimitKey; policy: RateLimitPolicy } {
	const tier = req.limit?.tier;
	const scope = req.limit?.key;
	const budgetKey: LimitKey = {
		...key,
		...(tier !== undefined ? { tier } : {}),
		...(scope !== undefined && scope !== '' ? { scope } : {}),
	};
	const base = ctx.service.rateLimit;
	// No declared limit: the connection still reads budget headers and learns its limit from 429s.
	return { budgetKey, policy: base ? policyOfTier(base, tier) : UNDECLARED_LIMIT };
}

/**
 * The user's 'Max Requests' budget: per connection (all its tiers and resources), one per window length so
 * nodes with different windows keep separate logs. Server reports never feed it: it is the user's own count.
 */
function ownBudget(key: LimitKey, throttle: UserThrottle): RequestRun['own'] {
	return {
		key: {
			service: key.service,
			connection: key.connection,
			tier: `max-requests/${throttle.windowMs}`,
		},
		policy: {
			requests: throttle.requests,
			windowMs: throttle.windowMs,
			headers: [],
			throttled: [],
		},
	};
}

/**
 * The budgets this connection shares with every connection whose credential holds the same value in a field (a
 * vendor's per-app-key limit): keyed by a digest of that value, never the value; counted like 'Max Requests'.
 */
async function sharedBudgets(ctx: CallContext, key: LimitKey): Promise<RequestRun['shared']> {
	const shared = ctx.service.rateLimit?.shared;
	if (!shared?.length || !ctx.credentialType) return [];
	const data = await executionCredential(ctx.fn, ctx.credentialType).catch(() => undefined);
	return shared.flatMap((budget) => {
		const value = data?.[budget.credentialField];
		if (typeof value !== 'string' || value.trim() === '') return [];
		const digest = createHash('sha256').update(value.trim()).digest('hex').slice(0, 32);
		return [
			{
				name: budget.name,
				key: { service: key.service, connection: `shared:${budget.name}:${digest}` },
				policy: {
					requests: budget.requests,
					windowMs: budget.windowMs,
					headers: [],
					throttled: [],
				},
			},
		];
	});
}

/** One request through the engine: what every step of `send` reads, and what the attempts have learnt so far. */
interface RequestRun {
	ctx: CallContext;
	req: EngineRequest;
	node: INode;
	/** n8n's options for the first hop (after the operator's origin map). */
	options: IHttpRequestOptions;
	/** The URL before the origin map: a redirect may name it or the mapped one. */
	requestUrl: string;
	key: LimitKey;
	/** The budget this request counts against: `key` with the operation's tier and resource, if any. */
	budgetKey: LimitKey;
	/** The rate-limit policy of that budget (the tier's counts), if the service has one. */
	policy?: RateLimitPolicy;
	/** The user's own throttle on the connection, its budget kept beside the service's. */
	own?: { key: LimitKey; policy: RateLimitPolicy };
	/** Budgets shared with the connections holding the same app key (`RateLimitPolicy.shared`), kept beside it. */
	shared: Array<{ key: LimitKey; policy: RateLimitPolicy; name: string }>;
	/** How long this request may wait, and where the limits come from. */
	waits: WaitLimits;
	/** n8n's signal that the execution was cancelled (stop, timeout): ends any wait. */
	signal?: AbortSignal;
	idempotencyKey?: string;
	failure: FailureContext;
	event: RequestEvent;
	/** The response-cache key; '' when this request is not cached. */
	cacheId: string;
	/** Could an attempt so far have taken effect at the server (for the "check before re-running" fix)? */
	mayHaveTakenEffect: boolean;
	/** Records a retry, wait or final failure in the item's error details, n8n's log and the observers. */
	note: (
		status: number | null,
		message: string,
		kind: ErrorLogEntry['kind'],
		nextMs: number | null,
		requestId: string | null,
	) => void;
	/** The redactor, taught any token n8n or an observer put in place since the last call. */
	secretsNow: () => MaybePromise<Redactor>;
}

/** What one attempt (with the redirects it followed) came back with. */
interface Exchange {
	outcome: Exclude<AttemptOutcome, { kind: 'fatal' }>;
	verdict?: { throttled: boolean; resetAtMs?: number | null };
	/** An error the service reported inside a success answer. */
	reported?: ReportedError;
	/** What the error answer's code means, per the service's table (or the OAuth2 standard errors). */
	mapped?: MatchedError;
	/** The request of the last hop. */
	options: IHttpRequestOptions;
	now: number;
}

/**
 * Send a request through the engine and return the response, or throw an `EngineError` whose n8n error
 * says the cause and the fix (secrets redacted). Waits in the connection's rate-limit queue, retries what
 * is safe to retry, and records every retry and wait in the item's error details.
 */
export async function send(ctx: CallContext, req: EngineRequest): Promise<EngineResponse> {
	const source =
		ctx.credentialType && !ctx.bearerToken
			? ctx.service.tokenSources?.[ctx.credentialType]
			: undefined;
	if (!source) return await sendOnce(ctx, req);
	const first = await source(ctx);
	return await sendOnce({ ...ctx, bearerToken: first.token }, req).catch(async (error: unknown) => {
		// The API refused the token (revoked, or the key was rotated): one new exchange, sent once more.
		if (!(error instanceof EngineError && error.status === 401)) throw error;
		first.invalidate();
		const second = await source(ctx);
		return await sendOnce({ ...ctx, bearerToken: second.token }, req);
	});
}

async function sendOnce(ctx: CallContext, req: EngineRequest): Promise<EngineResponse> {
	const run = await startRun(ctx, withPathPrefix(ctx, req));
	if (!run.cacheId) return await sendWithRetries(run);
	const cached = await fromCache(run);
	if (cached) return cached;
	return await sharedInFlight(run, async () => await sendWithRetries(run));
}

/** The request's path as this credential's edition of the API serves it (`AuthSpec.pathPrefix`). */
function withPathPrefix(ctx: CallContext, req: EngineRequest): EngineRequest {
	const prefix = ctx.credentialType ? ctx.service.pathPrefixes?.[ctx.credentialType] : undefined;
	if (!prefix || !req.path.startsWith(prefix.from)) return req;
	return { ...req, path: `${prefix.to}${req.path.slice(prefix.from.length)}` };
}

const redactOrNull = (ctx: CallContext, v: string | null): string | null =>
	v === null ? null : ctx.redact(v);

/** The run's context, its error-log writer and redactor; the observers' `beforeRequest` (which may stop it). */
async function startRun(ctx: CallContext, req: EngineRequest): Promise<RequestRun> {
	const { observers } = ctx.engine;
	const node: INode = nodeOf(ctx.fn);
	const requestUrl = buildUrl(req.baseUrl, req.path, req.pathParams, req.qs);
	const options = toHttpOptions(
		withServiceHeaders(req, ctx.service.headers),
		ctx.settings,
		requestUrl,
	);
	const host = new URL(options.url).host;
	const key = limitKey(ctx, host);
	const budget = budgetOf(ctx, req, key);
	const { throttle } = ctx.settings;
	const waits = waitLimits(
		ctx.settings,
		ctx.engine.waitCeilingMs?.() ?? DEFAULT_WAIT_CEILING_MS,
		budget.policy,
		throttle,
	);
	const failure: FailureContext = {
		service: ctx.service.displayName,
		connection: ctx.credentialType ? node.credentials?.[ctx.credentialType]?.name : undefined,
		method: req.method,
		endpoint: /^[a-z]+:/i.test(req.path) ? new URL(req.path).pathname : req.path,
		itemIndex: ctx.itemIndex,
		pathParams: req.pathParams,
		...(req.scopes?.length ? { neededScopes: req.scopes } : {}),
		...(ctx.service.errorCodes ? { errorCodes: ctx.service.errorCodes } : {}),
		attempts: 0,
		maxAttempts: ctx.settings.maxAttempts,
		waitedMs: 0,
		log: [],
		host,
		maxTotalWaitMs: waits.totalMs,
		waits,
	};
	const event: RequestEvent = {
		engine: ctx.engine,
		// Observers use only what both contexts have (node, workflow, credentials, helpers, logger).
		fn: ctx.fn as IExecuteFunctions,
		itemIndex: ctx.itemIndex,
		serviceId: ctx.service.id,
		serviceName: ctx.service.displayName,
		family:
			(ctx.credentialType ? ctx.service.authFamilies?.[ctx.credentialType] : undefined) ??
			ctx.service.family ??
			ctx.service.id,
		credentialType: ctx.credentialType,
		key,
		method: req.method,
		endpoint: failure.endpoint,
	};
	const note = errorLogWriter(ctx, req, node, failure, event);
	// Awaited only when there is something to wait for: each `await` costs every request a turn.
	for (const o of observers) {
		const before = o.beforeRequest?.(event);
		if (before) await before;
	}
	const run: RequestRun = {
		ctx,
		req,
		node,
		options,
		requestUrl,
		key,
		...budget,
		...(throttle ? { own: ownBudget(key, throttle) } : {}),
		shared: ctx.service.rateLimit?.shared?.length ? await sharedBudgets(ctx, key) : [],
		waits,
		signal: (ctx.fn as Partial<IExecuteFunctions>).getExecutionCancelSignal?.(),
		idempotencyKey:
			req.idempotencyKey ??
			(ctx.service.idempotencyHeader ? req.headers?.[ctx.service.idempotencyHeader] : undefined),
		failure,
		event,
		cacheId: '',
		mayHaveTakenEffect: false,
		note,
		secretsNow: tokenWatcher(ctx, note),
	};
	const secrets = run.secretsNow();
	if (secrets instanceof Promise) await secrets;
	if (cacheable(run)) run.cacheId = await cacheIdOf(run);
	return run;
}

/** Records a retry, wait or final failure in the item's error details, n8n's log and the observers' logs. */
function errorLogWriter(
	ctx: CallContext,
	req: EngineRequest,
	node: INode,
	failure: FailureContext,
	event: RequestEvent,
): RequestRun['note'] {
	const { clock, observers } = ctx.engine;
	return (status, message, kind, nextMs, requestId) => {
		const entry: ErrorLogEntry = {
			timestamp: new Date(clock.now()).toISOString(),
			service: ctx.service.displayName,
			connection: failure.connection ?? 'no credential',
			method: req.method,
			endpoint: failure.endpoint,
			status,
			message: ctx.redact(message),
			requestId,
			workflowId: ctx.fn.getWorkflow().id,
			executionId: ctx.fn.getExecutionId(),
			node: node.name,
			workflowName: ctx.fn.getWorkflow().name,
			recordId: redactOrNull(ctx, recordIdOf(req.path, req.pathParams)),
			itemIndex: ctx.itemIndex,
			attempt: failure.attempts,
			maxAttempts: ctx.settings.maxAttempts,
			nextRetryInSeconds: nextMs === null ? null : retrySeconds(nextMs),
			kind,
		};
		failure.log!.push(formatAttemptLine(entry));
		ctx.fn.logger?.warn?.(formatErrorLogEntry(entry));
		for (const o of observers) void o.onLog?.(event, entry);
	};
}

/**
 * An OAuth2 token may be replaced during a request (refreshed ahead of expiry, or by n8n after a 401):
 * the redactor must know the new one before anything leaves the engine. A token n8n replaced after a 401
 * (and re-sent once, out of our sight) is counted and logged as a retry.
 */
function tokenWatcher(ctx: CallContext, note: RequestRun['note']): () => MaybePromise<Redactor> {
	let tokenSeen: unknown;
	// Only n8n's OAuth2 handling changes a credential during a request: once a read shows it cannot, the redactor
	// knows every secret, and each further read would cost a real n8n a database read and a decryption.
	let tokenless = ctx.redact.settled === true;
	const watch = async (credentialType: string, add: (more: string[]) => void) => {
		const data = (await ctx.fn
			.getCredentials(credentialType, ctx.itemIndex)
			.catch(() => undefined)) as IDataObject | undefined;
		if (data && !mayGainToken(data)) tokenless = true;
		const token = (data?.oauthTokenData as IDataObject | undefined)?.access_token;
		if (data?.oauthTokenData) add(secretsOf(data));
		if (tokenSeen !== undefined && token !== undefined && token !== tokenSeen) {
			note(
				401,
				'the token was rejected; n8n refreshed the OAuth2 token and sent the request again',
				'retry',
				0,
				null,
			);
		}
		tokenSeen = token;
		return ctx.redact;
	};
	// Nothing to read (no credential, or one that cannot change): the redactor at once, without a turn.
	return () =>
		ctx.credentialType && ctx.redact.add && !tokenless
			? watch(ctx.credentialType, ctx.redact.add)
			: ctx.redact;
}

/** Whether the user's opt-in GET cache applies to this request. */
function cacheable({ ctx, req }: Pick<RequestRun, 'ctx' | 'req'>): boolean {
	return ctx.settings.cacheTtlMs > 0 && req.method === 'GET' && req.cacheable !== false;
}

/** The opt-in GET cache's key (for a request it applies to, `cacheable`). */
async function cacheIdOf(run: RequestRun): Promise<string> {
	const { ctx, req, options } = run;
	// The key identifies the caller: the raw headers and URL, the run-time token and the credential's secrets (all HMAC-ed).
	const signing = ctx.credentialType
		? await executionCredential(ctx.fn, ctx.credentialType).catch(() => undefined)
		: undefined;
	return cacheKey({
		connection: limitKeyId(run.key),
		method: req.method,
		url: options.url,
		headers: options.headers as Record<string, string>,
		format: req.responseFormat ?? 'json',
		secrets: [...(ctx.bearerToken ? [ctx.bearerToken] : []), ...secretsOf(signing)],
	});
}

/** A cache hit, answered before the rate-limit queue so it costs no budget. */
async function fromCache(run: RequestRun): Promise<EngineResponse | undefined> {
	if (!run.cacheId) return undefined;
	const { cache, clock, observers } = run.ctx.engine;
	const hit = await cache.get(run.cacheId, clock.now());
	if (!hit) return undefined;
	for (const o of observers)
		await o.afterAttempt?.(run.event, {
			status: hit.status,
			ok: true,
			durationMs: 0,
			cached: true,
		});
	return {
		status: hit.status,
		headers: hit.headers,
		body: hit.body,
		meta: {
			attempts: 0,
			waitedMs: 0,
			url: run.ctx.redact(run.options.url),
			cache: { hit: true, ageSeconds: Math.round((clock.now() - hit.storedAtMs) / 1000) },
		},
	};
}

/** Identical cacheable GETs in flight at once share one request (so concurrent items do not all miss). */
async function sharedInFlight(
	run: RequestRun,
	fresh: () => Promise<EngineResponse>,
): Promise<EngineResponse> {
	const { inflight } = run.ctx.engine;
	const pending = inflight.get(run.cacheId);
	if (pending) {
		const shared = await pending.catch(() => undefined);
		if (shared)
			return {
				...shared,
				meta: { ...shared.meta, attempts: 0, cache: { hit: true, ageSeconds: 0 } },
			};
	}
	const mine = fresh();
	inflight.set(run.cacheId, mine);
	try {
		return await mine;
	} finally {
		if (inflight.get(run.cacheId) === mine) inflight.delete(run.cacheId);
	}
}

/** Attempts until an answer, or a failure no retry may fix; a retry starts over at the first hop. */
async function sendWithRetries(run: RequestRun): Promise<EngineResponse> {
	for (;;) {
		const exchange = await attemptWithRedirects(run);
		const { outcome } = exchange;
		const body =
			isSuccess(exchange) && outcome.kind === 'response'
				? parseBody(
						outcome.body,
						run.req.responseFormat,
						outcome.headers,
						true,
						run.req.exactIntegers,
					)
				: undefined;
		const unreadable = body === UNREADABLE;
		if (isSuccess(exchange) && !unreadable) return await answered(run, exchange, body);
		// A status the caller said it expects (404 on "does it exist?") is its answer: no retry, no failure.
		if (
			outcome.kind === 'response' &&
			!exchange.verdict?.throttled &&
			!exchange.reported &&
			run.req.accept?.includes(outcome.status)
		) {
			await run.secretsNow();
			return responseOf(
				run,
				exchange,
				parseBody(
					outcome.body,
					run.req.responseFormat,
					outcome.headers,
					false,
					run.req.exactIntegers,
				),
			);
		}
		const decision = retryDecision(run, exchange, unreadable);
		if (!decision.retry) throw await finalError(run, exchange, unreadable, decision);
		await pauseBeforeRetry(run, exchange, decision);
	}
}

function isSuccess({ outcome, verdict, reported }: Exchange): boolean {
	return (
		outcome.kind === 'response' &&
		outcome.status >= 200 &&
		outcome.status < 300 &&
		!verdict?.throttled &&
		!reported
	);
}

/**
 * One attempt: a slot in the rate-limit queue, the request through n8n, the server's rate-limit report
 * back to the limiter, the observers told; same-origin redirects are followed within the attempt.
 */
async function attemptWithRedirects(run: RequestRun): Promise<Exchange> {
	const { ctx, failure } = run;
	const { clock, observers } = ctx.engine;
	const policy = run.policy;
	let current = run.options;
	let currentUrl = run.requestUrl;
	failure.attempts++;
	for (let hops = 0; ; hops++) {
		const permit = policy ? await queueSlot(run, run.budgetKey, policy) : undefined;
		// Only a wait for budget says the budget is the bottleneck, not the queue's own bookkeeping.
		const queuedMs = permit?.blockedBy ? permit.waitedMs : 0;
		if (permit) paceOf(ctx.fn)?.admitted({ queuedMs, ...windowBudgetOf(policy) });
		// The shared budgets and the user's own last, right before sending, so their counts are exact.
		const counted: Permit[] = [];
		const releaseAll = async () => {
			for (const p of counted) await p.release();
			await permit?.release();
		};
		for (const budget of run.shared)
			counted.push(
				await queueSlot(run, budget.key, budget.policy, budget.name).catch(
					async (error: unknown) => {
						await releaseAll();
						throw error;
					},
				),
			);
		const own = run.own
			? await queueSlot(run, run.own.key, run.own.policy, true).catch(async (error: unknown) => {
					await releaseAll();
					throw error;
				})
			: undefined;
		const startedAt = clock.now();
		// When it left, for a budget that counts it on arrival at the server, not at its grant (`sent-at.ts`).
		// A limit learned from 429s counts grant times: without a declared or own budget, nothing reads it.
		const placed =
			(policy !== undefined && !policy.learn) || counted.length > 0 || own !== undefined;
		const others = own ? [...counted, own] : counted;
		const { result: attempted, sentAtMs } = placed
			? await trackSending(
					() => clock.now(),
					async () => await attempt(ctx, current),
					// Each budget hears of it as soon as it leaves: one sent long after its grant keeps its place meanwhile.
					(atMs) => {
						permit?.sent(atMs);
						for (const p of others) p.sent(atMs);
					},
				)
			: { result: await attempt(ctx, current), sentAtMs: undefined };
		for (const p of others)
			await p.release(undefined, sentAtMs === undefined ? undefined : { sentAtMs });
		if (attempted.kind === 'fatal') {
			await permit?.release();
			run.note(null, attempted.error.message, 'final', null, null);
			throw new EngineError(
				'fatal',
				redactReport(fatalReport(attempted.error, failure), await run.secretsNow()),
			);
		}
		const observation =
			attempted.kind === 'response'
				? { status: attempted.status, headers: attempted.headers, body: attempted.body }
				: undefined;
		const reported = observation ? reportedIn(run, observation) : undefined;
		// A success is no error answer: its body is not decoded for error codes.
		const mapped =
			observation && (observation.status < 200 || observation.status >= 300)
				? (classifyErrorAnswer(
						ctx.service.errorCodes,
						observation.status,
						errorBodyOf(ctx.service.errorCodes, observation.body),
					) ?? undefined)
				: undefined;
		// A rate-limit code in an error answer (a 400 or 403 that means "slow down") pauses like a 429.
		const reportedThrottled = reported?.kind === 'rateLimit' || mapped?.category === 'rateLimit';
		await permit?.release(observation, {
			throttled: reportedThrottled,
			...(sentAtMs !== undefined ? { sentAtMs } : {}),
		});
		const now = clock.now();
		const verdict =
			policy && observation
				? classifyResponse(policy, observation, now, reportedThrottled)
				: reportedThrottled
					? { throttled: true, resetAtMs: null }
					: undefined;
		const exchange: Exchange = {
			outcome: attempted,
			verdict,
			options: current,
			now,
			...(reported ? { reported } : {}),
			...(mapped ? { mapped } : {}),
		};
		paceOf(ctx.fn)?.settled({
			latencyMs: now - startedAt,
			queuedMs,
			maxQueuedMs: run.waits.queueMs,
			outcome:
				verdict?.throttled || observation?.status === 429
					? 'throttled'
					: !observation || observation.status >= 500
						? 'failed'
						: 'ok',
			...windowBudgetOf(policy),
		});
		const hop =
			attempted.kind === 'response' && !verdict?.throttled && run.req.redirect !== 'manual'
				? nextHop(attempted.status, attempted.headers, currentUrl, current)
				: undefined;
		for (const o of observers) {
			const after = o.afterAttempt?.(run.event, {
				status: observation?.status ?? null,
				// A followed redirect, or one the request takes as its answer, is not a failure.
				ok: isSuccess(exchange) || hop?.kind === 'follow' || isManualRedirect(run, attempted),
				durationMs: now - startedAt,
			});
			if (after) await after;
		}
		if (!hop || attempted.kind !== 'response') return exchange;
		if (hop.kind === 'refuse' || hops >= MAX_REDIRECTS)
			throw await redirectError(run, attempted, hop);
		current = hop.options;
		currentUrl = hop.url;
	}
}

function isManualRedirect(run: RequestRun, outcome: Exchange['outcome']): boolean {
	return (
		run.req.redirect === 'manual' &&
		outcome.kind === 'response' &&
		outcome.status >= 300 &&
		outcome.status < 400
	);
}

/** Most requests a budget lets through at once: a window's count (or a token bucket's burst), and its concurrency cap. */
function windowBudgetOf(
	policy: RateLimitPolicy | undefined,
): Pick<PaceSignal, 'windowBudget' | 'windowMs' | 'probing'> {
	if (!policy || policy.cost) return {};
	// An undeclared limit is learnt from the first 429, which refuses every request then in flight: the pacer
	// ramps in whole batches (5, 10, 20…), so learning wastes at most one batch's overshot (issue 14's 50 items
	// → ≤ 55 requests against 10 per second); the learned limit, once known, paces through the queue.
	if (policy.learn) return { probing: true };
	const counts = [policy.burst ?? policy.requests, policy.maxConcurrency ?? Infinity];
	return { windowBudget: Math.min(...counts), windowMs: policy.windowMs };
}

/** The error a success answer reports in its body, per the service's `errorsInBody` (JSON answers only). */
function reportedIn(
	run: RequestRun,
	observation: { status: number; headers: Record<string, string>; body: unknown },
): ReportedError | undefined {
	const specs = [run.ctx.service.errorsInBody, run.req.errorsInBody].filter((s) => s !== undefined);
	if (specs.length === 0 || observation.status < 200 || observation.status >= 300) return undefined;
	if ((run.req.responseFormat ?? 'json') !== 'json') return undefined;
	const body = jsonBody(observation.body);
	for (const spec of specs) {
		const found = reportedError(spec, body);
		if (found) return found;
	}
	return undefined;
}

/**
 * A slot in a budget's rate-limit queue (the service's, or with `own` the user's 'Max Requests'); a wait that
 * cannot end well is a `queue` failure. A wait is noted in the item's metadata. `counted` is `true` for the
 * user's 'Max Requests', or the name of a budget shared across connections (`RateLimitPolicy.shared`).
 */
async function queueSlot(
	run: RequestRun,
	key: LimitKey,
	policy: RateLimitPolicy,
	counted: boolean | string = false,
): Promise<Permit> {
	const own = counted !== false;
	const label =
		counted === true
			? "your 'Max Requests'"
			: counted === false
				? undefined
				: `the ${counted} budget shared by connections with the same ${counted}`;
	const { ctx, failure, req, waits } = run;
	const { clock, limiter } = ctx.engine;
	const startedAt = clock.now();
	const name = ctx.service.displayName;
	const permit = await limiter
		.acquire(key, policy, {
			maxWaitMs: waits.queueMs,
			maxPausedWaitMs: waits.pausedQueueMs,
			...(run.signal ? { signal: run.signal } : {}),
			...(!own && req.limit?.cost !== undefined ? { cost: req.limit.cost } : {}),
			...(!own && req.limit?.costKey !== undefined ? { costKey: req.limit.costKey } : {}),
		})
		.catch((error: unknown) => {
			// A bounded queue wait ran out, the shared store is unreachable (it says the fix), or the execution was cancelled.
			const text = queueFailureText(error, label ? `${name} (${label})` : name);
			const cause =
				error instanceof RateLimitWaitError && waits.queueFrom === 'service'
					? `${text.cause} (Left empty, ${QUEUE_WAIT_OPTION} ${defaultWaitText(waits, name)}.)`
					: text.cause;
			const { fix } = text;
			run.note(null, cause, 'final', null, null);
			const message =
				error instanceof RateLimitWaitError
					? `${name}: rate limit, the wait is longer than ${QUEUE_WAIT_OPTION} allows`
					: cause;
			const description = fix ? `${cause} ${fix}` : undefined;
			throw new EngineError(
				'queue',
				operationReport(
					message,
					description && description !== message ? description : undefined,
					failure,
				),
			);
		});
	failure.waitedMs += permit.waitedMs;
	if (permit.waitedMs > 0 && permit.blockedBy)
		noteWait(
			ctx.fn,
			ctx.itemIndex,
			waits,
			{
				wait: 'queue',
				seconds: permit.waitedMs / 1000,
				reason: queueWaitReason(permit.blockedBy, name, label ? { label, policy } : undefined),
				at: new Date(startedAt).toISOString(),
			},
			permit.waitedMs,
		);
	return permit;
}

/** What a queue wait was for, in the item's metadata. */
function queueWaitReason(
	blockedBy: NonNullable<Permit['blockedBy']>,
	service: string,
	counted: { label: string; policy: RateLimitPolicy } | undefined,
): string {
	if (counted) {
		const { label, policy } = counted;
		const budget = label.startsWith('your ') ? `${label} budget` : label;
		return `${budget} (${policy.requests} per ${formatDuration(policy.windowMs)}) was used up`;
	}
	if (blockedBy === 'paused') return `${service} asked to pause this connection`;
	if (blockedBy === 'concurrency') return `every request slot of ${service} was busy`;
	return `the ${service} rate limit was used up until its window moved on`;
}

/** A redirect to another origin, or one too many: refused, with why and what to do. */
async function redirectError(
	run: RequestRun,
	answer: { status: number; headers: Record<string, string> },
	hop: NonNullable<ReturnType<typeof nextHop>>,
): Promise<EngineError> {
	const { ctx, req, failure } = run;
	const where = {
		service: ctx.service.displayName,
		method: req.method,
		endpoint: failure.endpoint,
		origin: new URL(run.requestUrl).origin,
	};
	const { message, cause, fix } =
		hop.kind === 'refuse'
			? refusedRedirect({ ...where, status: answer.status, target: hop.target })
			: tooManyRedirects(where);
	run.note(
		answer.status,
		message,
		'final',
		null,
		requestIdFrom(answer.headers, ctx.service.requestIdHeader),
	);
	return new EngineError(
		'redirect',
		redactReport(operationReport(message, `${cause} ${fix}`, failure), await run.secretsNow()),
		{ status: answer.status, headers: answer.headers },
	);
}

/** A success: cached when the user turned the cache on, and returned. */
async function answered(
	run: RequestRun,
	exchange: Exchange,
	body: unknown,
): Promise<EngineResponse> {
	const { ctx } = run;
	const outcome = exchange.outcome as Extract<AttemptOutcome, { kind: 'response' }>;
	const secrets = run.secretsNow();
	if (secrets instanceof Promise) await secrets;
	if (run.cacheId) {
		const now = exchange.now;
		await ctx.engine.cache.set(run.cacheId, {
			status: outcome.status,
			headers: outcome.headers,
			body,
			storedAtMs: now,
			expiresAtMs: now + ctx.settings.cacheTtlMs,
		});
	}
	const response = responseOf(run, exchange, body);
	return run.cacheId
		? { ...response, meta: { ...response.meta, cache: { hit: false, ageSeconds: 0 } } }
		: response;
}

function responseOf(run: RequestRun, exchange: Exchange, body: unknown): EngineResponse {
	const outcome = exchange.outcome as Extract<AttemptOutcome, { kind: 'response' }>;
	return {
		status: outcome.status,
		headers: outcome.headers,
		body,
		meta: {
			attempts: run.failure.attempts,
			waitedMs: run.failure.waitedMs,
			url: run.ctx.redact(exchange.options.url),
		},
	};
}

/** Whether (and after how long) to try again; also notes whether this attempt may have taken effect. */
function retryDecision(
	run: RequestRun,
	{ outcome, verdict, now, reported, mapped }: Exchange,
	unreadable: boolean,
): RetryDecision {
	const { ctx, req, failure } = run;
	const decision = decideRetry({
		attempt: failure.attempts,
		maxAttempts: ctx.settings.maxAttempts,
		maxTotalWaitMs: run.waits.totalMs,
		...(run.waits.askedMs !== undefined ? { maxAskedWaitMs: run.waits.askedMs } : {}),
		elapsedWaitMs: failure.waitedMs,
		method: req.method,
		hasIdempotencyKey: Boolean(run.idempotencyKey),
		idempotent: req.idempotent,
		outcome:
			outcome.kind === 'network'
				? { kind: 'network', code: outcome.code, message: outcome.message }
				: unreadable
					? { kind: 'unreadable', status: outcome.status }
					: {
							kind: 'response',
							status: outcome.status,
							headers: outcome.headers,
							body: outcome.body,
							throttled: verdict?.throttled,
							resetAtMs: verdict?.resetAtMs,
							...(reported ? { reported: { code: reported.code, kind: reported.kind } } : {}),
							// A temporary failure named by its code is retried whatever its status.
							...(mapped?.category === 'transient' ||
							(mapped?.category === 'permanent' && outcome.status === 429)
								? { reported: { code: mapped.code, kind: retryKindOf(mapped.category) } }
								: {}),
						},
		nowMs: now,
		random: ctx.engine.random,
		maxPauseMs: maxPauseOf(run.policy),
	});
	// Could this attempt have taken effect? Not when it was throttled or its connection never opened.
	if (
		outcome.kind === 'network'
			? classifyNetworkError({ code: outcome.code, message: outcome.message }).reachedServer !==
				'no'
			: unreadable || (!decision.throttle && (outcome.status >= 500 || outcome.status === 408))
	) {
		run.mayHaveTakenEffect = true;
	}
	return decision;
}

/** The failure no retry may fix, noted as final, as an `EngineError` that says cause and fix. */
async function finalError(
	run: RequestRun,
	exchange: Exchange,
	unreadable: boolean,
	decision: RetryDecision,
): Promise<EngineError> {
	const { outcome, reported } = exchange;
	const { ctx, req, failure } = run;
	const requestId =
		outcome.kind === 'response'
			? requestIdFrom(outcome.headers, ctx.service.requestIdHeader)
			: null;
	run.note(
		outcome.kind === 'response' ? outcome.status : null,
		logMessage(exchange, decision, true),
		'final',
		null,
		requestId,
	);
	failure.requestId = requestId ?? undefined;
	failure.idempotencyKey = run.idempotencyKey;
	failure.decision = decision;
	// Did an attempt of this write possibly take effect? Then the fix must say "check before re-running".
	const write = !isIdempotent(req.method) && req.idempotent !== true;
	failure.mayHaveApplied = (write || Boolean(run.idempotencyKey)) && run.mayHaveTakenEffect;
	if (failure.neededScopes) failure.grantedScopes = await grantedScopes(ctx);
	const redact = await run.secretsNow();
	if (outcome.kind === 'network')
		return new EngineError(
			'network',
			redactReport(networkErrorReport(outcome.code, outcome.message, failure), redact),
		);
	if (unreadable)
		return new EngineError(
			'unreadable',
			redactReport(unreadableErrorReport(outcome.status, failure), redact),
			{ status: outcome.status, headers: outcome.headers },
		);
	const body = redact(parseBody(outcome.body, 'json', outcome.headers));
	if (reported)
		return new EngineError(
			'reported',
			redactReport(reportedErrorReport(outcome.status, reported, body, failure), redact),
			{ status: outcome.status, headers: outcome.headers, body, code: reported.code },
		);
	return new EngineError(
		'http',
		redactReport(httpErrorReport(outcome.status, body, outcome.headers, failure), redact),
		{ status: outcome.status, headers: outcome.headers, body },
	);
}

/** The scopes the credential's token was granted (the token's answer, else its Scope field), when known. */
async function grantedScopes(ctx: CallContext): Promise<string[] | undefined> {
	if (!ctx.credentialType) return undefined;
	const data = (await ctx.fn
		.getCredentials(ctx.credentialType, ctx.itemIndex)
		.catch(() => undefined)) as IDataObject | undefined;
	return scopeList(grantedScopesOf(data));
}

/** Notes the retry and waits for it; a throttled answer pauses the whole connection, not just this request. */
async function pauseBeforeRetry(
	run: RequestRun,
	exchange: Exchange,
	decision: RetryDecision,
): Promise<void> {
	const { outcome, verdict, now } = exchange;
	const { ctx, failure } = run;
	const policy = run.policy;
	const requestId =
		outcome.kind === 'response'
			? requestIdFrom(outcome.headers, ctx.service.requestIdHeader)
			: null;
	run.note(
		outcome.kind === 'response' ? outcome.status : null,
		logMessage(exchange, decision, false),
		'retry',
		decision.delayMs,
		requestId,
	);
	// A throttled answer pauses the whole connection (its wait is then spent in the queue, the next `queue`
	// entry), unless its 429s are erratic; any other wait is slept here.
	const paused =
		policy !== undefined &&
		verdict?.throttled === true &&
		(await ctx.engine.limiter.pauseUntil(run.budgetKey, now + decision.delayMs));
	noteWait(
		ctx.fn,
		ctx.itemIndex,
		run.waits,
		{
			wait: 'retry',
			seconds: decision.delayMs / 1000,
			reason: decision.cause,
			at: new Date(ctx.engine.clock.now()).toISOString(),
		},
		paused ? 0 : decision.delayMs,
	);
	if (!paused) await ctx.engine.clock.sleep(decision.delayMs, run.signal);
	failure.waitedMs += paused ? 0 : decision.delayMs;
}
