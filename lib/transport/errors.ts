/**
 * Error mapping: every failed request becomes an error report (plain data, see engine-error.ts) whose
 * message says what went wrong and whose description says the cause and the fix in two sentences, in the
 * user's terms (field, scope, resource id, waits). n8n's editor shows the description as one paragraph, so
 * it holds nothing else: the request, its id and the attempt list go to the error's details
 * (`context.request`), which the editor shows under "Request". The n8n entry layer builds n8n's error from it.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';

import { RateLimitWaitError, waitErrorText } from '../limits/limiter';
import type { RetryDecision } from '../retry/decide';
import { formatDuration, isoSeconds } from '../retry/duration';
import { classifyNetworkError } from '../retry/network-error';
import type { ErrorReport } from './engine-error';
import { scopeList } from './scopes';
import {
	classifyErrorAnswer,
	errorBodyOf,
	fieldOf,
	type ErrorCodesSpec,
	type MatchedError,
} from './error-codes';
import { readPath } from './path';
import { fillTemplate, type ReportedError } from './reported-error';
import { askedBeyondCeiling, defaultWaitText, type WaitLimits } from './waits';

export interface FailureContext {
	service: string;
	/** Credential name as shown in n8n (never its data). */
	connection?: string;
	method: string;
	/** Path template, e.g. `/users/{userId}`: readable and free of secrets. */
	endpoint: string;
	itemIndex: number;
	/** Path parameter values, to name the resource on a 404. */
	pathParams?: Record<string, string | number>;
	/** The OAuth2 scopes the operation needs (its spec's `scopes`); none for a Custom Request. */
	neededScopes?: string[];
	/** The scopes the token was granted, when known (the token's answer or the credential's Scope field). */
	grantedScopes?: string[];
	/** The service's error-code table (`ServiceSpec.errorCodes`). */
	errorCodes?: ErrorCodesSpec;
	attempts: number;
	maxAttempts: number;
	waitedMs: number;
	requestId?: string;
	/** Lines of the item's retry/wait log, shown in the error details. */
	log?: string[];
	/** The write's idempotency key (not a secret): a re-run with the same key is safe. */
	idempotencyKey?: string;
	/** A write whose attempt may have taken effect although no good answer came back. */
	mayHaveApplied?: boolean;
	/** Host the request went to (no path or query), to name it when it could not be reached. */
	host?: string;
	/** The item's total wait limit ('Max Total Wait (Seconds)'), to say which limit stopped a rate-limited request. */
	maxTotalWaitMs?: number;
	/** The retry decision that ended the request: which limit stopped it, and what a throttled answer asked for. */
	decision?: RetryDecision;
	/** The wait limits that applied, and whether they were the user's or followed the service (waits.ts). */
	waits?: WaitLimits;
}

/** Node option names as the editor shows them, so every fix names a real field. */
const OPTION = {
	attempts: "'Max Attempts'",
	totalWait: "'Max Total Wait (Seconds)'",
	timeout: "'Timeout (Seconds)'",
} as const;

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	402: 'Payment Required',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	408: 'Request Timeout',
	409: 'Conflict',
	410: 'Gone',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** The server's own explanation, from the common error body shapes. */
export function serverMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
	const paths = [
		'error.message',
		'message',
		'error_description',
		'errors.0.message',
		'errors.0.detail',
		'error.errors.0.message',
		'detail',
		'title',
		'error',
		'errorMessages.0',
	];
	for (const p of paths) {
		const v = readPath(body, p);
		if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 500);
	}
	const fields = fieldMessages(body);
	if (fields.length > 0)
		return fields
			.map(([field, said]) => `${field} ${said.join(', ')}`)
			.join('; ')
			.slice(0, 500);
	return undefined;
}

/**
 * Validation errors as a map of field → messages (`{"message": {"title": ["can't be blank"]}}`, the Rails shape,
 * also under `errors`): the fields in order, each with its messages.
 */
function fieldMessages(body: unknown): Array<[string, string[]]> {
	for (const p of ['message', 'errors']) {
		const v = readPath(body, p);
		if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
		const entries = Object.entries(v as Record<string, unknown>)
			.map(([field, said]): [string, string[]] => [
				field,
				(Array.isArray(said) ? said : [said]).filter(
					(m): m is string => typeof m === 'string' && m.trim() !== '',
				),
			])
			.filter(([, said]) => said.length > 0);
		if (entries.length > 0) return entries;
	}
	return [];
}

/** The field the server blamed, from common shapes (`param`, `field`, `errors[0].field`, …). */
export function serverField(body: unknown): string | undefined {
	for (const p of [
		'error.param',
		'param',
		'field',
		'errors.0.field',
		'errors.0.param',
		'error.field',
		'errors.0.source.pointer',
	]) {
		const v = readPath(body, p);
		if (typeof v === 'string' && v.trim()) return v.trim();
	}
	return fieldMessages(body)[0]?.[0];
}

/** Why a write was not sent again (the retry decision stopped it as unsafe). */
function notRetried(ctx: FailureContext): string {
	const reached = ctx.decision?.reason.includes('may have reached')
		? 'may have reached'
		: 'reached';
	return `${ctx.method} is not idempotent and the request ${reached} the server, so a retry could apply it twice`;
}

const attemptsText = (n: number) => `${n} ${n === 1 ? 'attempt' : 'attempts'}`;

/** Cause and fix of a rate-limited request: what the server asked, which limit stopped the node, and when to run again. */
function explainThrottled(
	status: number,
	ctx: FailureContext,
	how = `HTTP ${status}`,
): { cause: string; fix: string } {
	const t = ctx.decision?.throttle;
	const limited = `${ctx.service} is rate limiting this connection (${how})`;
	const waited =
		ctx.waitedMs > 0 ? ` and ${formatDuration(ctx.waitedMs)} of waiting` : ' without waiting';
	// Left empty, 'Max Total Wait' follows the service up to the ceiling: a longer ask names the ceiling.
	const waits = ctx.waits?.totalFrom === 'service' ? ctx.waits : undefined;
	if (ctx.decision?.stop === 'wait-limit' && t?.askedMs != null && t.untilMs !== null) {
		const asked = `${formatDuration(t.askedMs)}${t.from === 'Retry-After' ? ' (Retry-After)' : ' (until its limit resets)'}`;
		const beyond =
			waits && t.askedMs > waits.ceilingMs
				? askedBeyondCeiling(waits, limited, asked, isoSeconds(t.untilMs), t.askedMs)
				: undefined;
		const allowed = `${formatDuration(ctx.maxTotalWaitMs ?? 0)}${waits ? `; left empty, it ${defaultWaitText(waits, ctx.service)}` : ''}`;
		const cause =
			beyond?.cause ??
			`${limited} and asked to wait ${asked}, more than ${OPTION.totalWait} allows (${allowed}), so the node stopped after ${attemptsText(ctx.attempts)}${waited}.`;
		if (t.askedMs > t.ceilingMs) {
			const resumeAt = t.untilMs - t.askedMs + t.ceilingMs;
			return {
				cause,
				fix: `Run the workflow again after ${isoSeconds(resumeAt)}, when this connection sends to ${ctx.service} again (a pause asked by the server is held at most ${formatDuration(t.ceilingMs)}).`,
			};
		}
		if (beyond) return beyond;
		const needed = Math.ceil((ctx.waitedMs + t.askedMs) / 1000);
		return {
			cause,
			fix: `Run the workflow again after ${isoSeconds(t.untilMs)}, or raise ${OPTION.totalWait} in the node options to at least ${needed} so the node waits for it.`,
		};
	}
	if (ctx.decision?.stop === 'wait-limit') {
		return {
			cause: `${limited}, and the next wait would pass ${OPTION.totalWait} (${formatDuration(ctx.maxTotalWaitMs ?? 0)}), so the node stopped after ${attemptsText(ctx.attempts)}${waited}.`,
			fix: `Raise ${OPTION.totalWait} in the node options, send fewer requests, or run the workflow later.`,
		};
	}
	return {
		cause: `${limited}: all ${ctx.attempts} of ${ctx.maxAttempts} attempts were refused${waited}.`,
		fix: `Raise ${OPTION.attempts} or ${OPTION.totalWait} in the node options, send fewer requests, or run the workflow later.`,
	};
}

/** `a`, `a and b`, `a, b and c`. */
const listing = (items: string[]): string =>
	items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** A scope, or scopes, in words. */
const scopeWords = (scopes: string[]): string =>
	`${scopes.length === 1 ? 'the permission' : 'the permissions'} ${listing(scopes)}`;

/**
 * Cause and fix of a refused permission: the scopes the operation needs that the token lacks (compared with the
 * granted scopes when known), else the operation's scopes, else what the service says the endpoint accepts.
 */
function explainPermission(
	ctx: FailureContext,
	headers: Record<string, string>,
	who: string,
	said?: string,
): { cause: string; fix: string } {
	const spec = ctx.errorCodes;
	const header = (name: string | undefined) =>
		name === undefined ? undefined : scopeList(headers[name.toLowerCase()]);
	const granted = header(spec?.grantedScopesHeader) ?? ctx.grantedScopes;
	const needed = ctx.neededScopes;
	const refused = `${ctx.service} refused the permission${said ? ` (${said})` : ''}`;
	if (!needed?.length) {
		// No operation to go by (a Custom Request, a key without scopes): what the service says the endpoint accepts.
		const accepted = header(spec?.acceptedScopesHeader ?? 'x-accepted-oauth-scopes');
		return {
			cause: said
				? `${refused}: a permission (scope) is missing, or the account has no access to this resource.`
				: 'The connection is not allowed to do this: a permission (scope) is missing, or the account has no access to this resource.',
			fix: accepted?.length
				? `Reconnect ${who} granting the permissions this operation needs (${accepted.join(', ')}), and check the account can access the resource.`
				: `Grant the missing permission to the account or app behind ${who}, then reconnect it.`,
		};
	}
	const missing = granted ? needed.filter((s) => !granted.includes(s)) : needed;
	if (granted && missing.length)
		return {
			cause: `${refused}: this operation needs ${scopeWords(missing)}, which the connection was not granted (it has ${granted.length ? granted.join(', ') : 'none'}).`,
			fix: `Reconnect ${who} with ${listing(missing)} added to its scopes and accept ${missing.length === 1 ? 'it' : 'them'} on the consent screen, then run the workflow again.`,
		};
	if (granted)
		return {
			cause: `${refused}: this operation needs ${scopeWords(needed)}, which ${who} asks for, so it was declined on the consent screen or the account has no access to this resource.`,
			fix: `Reconnect ${who} and accept ${listing(needed)}, and check that the account can access this resource.`,
		};
	return {
		cause: `${refused}: this operation needs ${scopeWords(needed)}, which the connection lacks, or the account has no access to this resource.`,
		fix: `Reconnect ${who} granting ${listing(needed)}, and check that the account can access this resource.`,
	};
}

/** Cause and fix of an invalid field: the field the service blamed, and the vendor's words. */
function explainInvalid(
	body: unknown,
	ctx: FailureContext,
	said?: string,
): { cause: string; fix: string } {
	const field = fieldOf(ctx.errorCodes, body, serverField);
	return {
		cause: field
			? `The request data is invalid: the field '${field}' was rejected${said ? ` (${said})` : ''}.`
			: `The request data is invalid${said ? `: ${said}` : ''}.`,
		fix: field
			? `Check the value of '${field}' (type and format) against the ${ctx.service} documentation for ${ctx.method} ${ctx.endpoint}.`
			: `Check the required fields and their types for ${ctx.method} ${ctx.endpoint}.`,
	};
}

/** Cause and fix of a 404: the ids the request named; for a service that hides what the token may not see, the scopes too. */
function explainNotFound(ctx: FailureContext, who: string): { cause: string; fix: string } {
	const ids = Object.entries(ctx.pathParams ?? {}).map(([k, v]) => `${k} '${v}'`);
	const hidden = ctx.errorCodes?.notFoundMayBeHidden && ctx.neededScopes?.length;
	const at = `${ctx.service} found nothing at ${ctx.method} ${ctx.endpoint}${ids.length ? ` for ${ids.join(', ')}` : ''}`;
	if (hidden)
		return {
			cause: `${at}: it does not exist, or it is private and the connection may not see it (${ctx.service} answers 404 then).`,
			fix: `Check that ${ids.length ? ids.join(', ') : 'the resource'} is right, and that ${who} has ${scopeWords(ctx.neededScopes!)} and access to it.`,
		};
	return {
		cause: `${at}.`,
		fix: ids.length
			? `Check that ${ids.join(', ')} is right and was not deleted, and that the connection can see it.`
			: 'Check the endpoint path and that the resource exists.',
	};
}

/** The vendor's words for a code: its message for the user, else its message, one line. */
function vendorWords(body: unknown, ctx: FailureContext): string | undefined {
	const path = ctx.errorCodes?.userMessagePath;
	const user = path === undefined ? undefined : readPath(body, path);
	const text = typeof user === 'string' && user.trim() ? user : serverMessage(body);
	return text ? short(text).replace(/[.\s]+$/, '') : undefined;
}

/** Cause and fix of an answer whose code the service's table (or the OAuth2 standard) maps. */
function explainMapped(
	matched: MatchedError,
	status: number,
	body: unknown,
	ctx: FailureContext,
	headers: Record<string, string>,
): { cause: string; fix: string } {
	const who = ctx.connection ? `the credential '${ctx.connection}'` : 'the credential';
	const names = { service: ctx.service, credential: ctx.connection };
	const fill = (text: string) => fillTemplate(text, body, names);
	const code = matched.byCode
		? [
				matched.code !== null ? `code ${matched.code}` : '',
				matched.subcode !== null ? `subcode ${matched.subcode}` : '',
			]
				.filter(Boolean)
				.join(', ')
		: '';
	const reason = matched.reason ? fill(matched.reason) : undefined;
	const with_ = (e: { cause: string; fix: string }) =>
		matched.fix ? { cause: e.cause, fix: fill(matched.fix) } : e;
	switch (matched.category) {
		case 'auth':
			return with_({
				cause: `${ctx.service} rejected the credentials${code ? ` (${code})` : ''}: ${reason ?? 'the token or key is invalid, expired or revoked'}.`,
				fix: `Reconnect ${who} (open it in n8n and sign in again, or paste a new key), then run the workflow again.`,
			});
		case 'permission':
			return with_(explainPermission(ctx, headers, who, reason ?? code));
		case 'invalid':
			return with_(explainInvalid(body, ctx, reason ?? vendorWords(body, ctx)));
		case 'notFound':
			return with_(explainNotFound(ctx, who));
		case 'rateLimit':
			return explainThrottled(status, ctx, code ? `HTTP ${status}, ${code}` : undefined);
		case 'transient':
			if (ctx.decision?.stop === 'unsafe')
				return {
					cause: `${ctx.service} reported a temporary failure${code ? ` (${code})` : ''}, and the request was not sent again because ${notRetried(ctx)}.`,
					fix: `Check in ${ctx.service} whether the ${ctx.method} ${ctx.endpoint} took effect before running the workflow again, so it is not done twice.`,
				};
			return with_({
				cause: `${ctx.service} reported a temporary failure${code ? ` (${code})` : ''}${reason ? `: ${reason}` : ''}; the request was tried ${ctx.attempts} of ${ctx.maxAttempts} times.`,
				fix: `This is on ${ctx.service}'s side: run the workflow again later.`,
			});
		default:
			return with_({
				cause: `${ctx.service} refused the request${code ? ` (${code})` : ''}: ${reason ?? vendorWords(body, ctx) ?? 'sending it again cannot succeed'}.`,
				fix: `Check the operation's fields against the ${ctx.service} documentation for ${ctx.method} ${ctx.endpoint}.`,
			});
	}
}

/** Cause and fix for a status, in plain words. */
export function explain(
	status: number,
	body: unknown,
	ctx: FailureContext,
	headers: Record<string, string> = {},
): { cause: string; fix: string } {
	const who = ctx.connection ? `the credential '${ctx.connection}'` : 'the credential';
	// A service that answers errors as plain text (`textAs`): its words read like a JSON answer's.
	if (typeof body === 'string' && ctx.errorCodes?.textAs) body = errorBodyOf(ctx.errorCodes, body);
	const matched = classifyErrorAnswer(ctx.errorCodes, status, body);
	// A 429 whose code the spec calls permanent (a monthly usage cap) was not waited for: its own cause and fix.
	if (status === 429 && matched?.category === 'permanent')
		return explainMapped(matched, status, body, ctx, headers);
	// The rate-limit verdict comes first: a 403 that the policy classified as throttled is no missing permission.
	if (ctx.decision?.throttle || status === 429) return explainThrottled(status, ctx);
	if (matched) return explainMapped(matched, status, body, ctx, headers);
	if (status === 400 || status === 422) return explainInvalid(body, ctx);
	if (status === 401) {
		return {
			cause: 'The token or key was rejected: it is invalid, expired or revoked.',
			fix: `Reconnect ${who} (open it in n8n and sign in again, or paste a new key), then run the workflow again.`,
		};
	}
	if (status === 403) return explainPermission(ctx, headers, who);
	if (status === 404) return explainNotFound(ctx, who);
	if (status >= 500 && ctx.decision?.stop === 'unsafe') {
		return {
			cause: `${ctx.service} had an internal error (${status}) and the request was not sent again, because ${notRetried(ctx)}.`,
			fix: `Check in ${ctx.service} whether the ${ctx.method} ${ctx.endpoint} took effect before running the workflow again, so it is not done twice.`,
		};
	}
	if (status >= 500) {
		return {
			cause: `${ctx.service} had an internal error (${status}); the request was tried ${ctx.attempts} of ${ctx.maxAttempts} times.`,
			fix: `This is on ${ctx.service}'s side: run the workflow again later, or check ${ctx.service}'s status page if it persists.`,
		};
	}
	return {
		cause: `${ctx.service} refused the request with status ${status}.`,
		fix: `Check the operation's fields against the ${ctx.service} documentation for ${ctx.method} ${ctx.endpoint}.`,
	};
}

/** The report of a non-2xx response. */
export function httpErrorReport(
	status: number,
	body: unknown,
	headers: Record<string, string>,
	ctx: FailureContext,
): ErrorReport {
	const { cause, fix } = explain(status, body, ctx, headers);
	const said = serverMessage(body);
	const statusText = STATUS_TEXT[status] ?? 'Error';
	const message = `${ctx.service}: ${status} ${statusText}${said ? ` – ${short(said)}` : ''}`;
	const response: JsonObject = {
		httpCode: String(status),
		message,
		body: (body ?? null) as JsonObject,
	};
	return {
		type: 'api',
		message,
		description: `${cause} ${fix}`,
		httpCode: String(status),
		response,
		...failureHint(ctx),
		itemIndex: ctx.itemIndex,
		request: requestDetails(ctx),
	};
}

/** n8n's own failure hint, so an error workflow can tell a rate limit from a broken configuration. */
function failureHint(ctx: FailureContext): Pick<ErrorReport, 'failure'> {
	const t = ctx.decision?.throttle;
	if (!t) return {};
	return {
		failure: {
			cause: 'rate-limited',
			...(t.askedMs !== null ? { retryAfterMs: t.askedMs } : {}),
			...(t.untilMs !== null ? { resetsAtEpochMs: t.untilMs } : {}),
		},
	};
}

/** Cause and fix of an error reported inside a success answer, when the spec gives none for its code. */
function explainReported(
	status: number,
	reported: ReportedError,
	body: unknown,
	ctx: FailureContext,
): { cause: string; fix: string } {
	const code = reported.code === null ? 'an error' : `the error '${reported.code}'`;
	const answered = `${ctx.service} answered ${status} but reported ${code}`;
	switch (reported.kind) {
		case 'auth':
			return {
				cause: `${answered}: the token or key was rejected (invalid, expired or revoked).`,
				fix: explain(401, body, ctx).fix,
			};
		case 'rateLimit':
			return explainThrottled(
				status,
				ctx,
				`${reported.code ?? 'an error'} in an HTTP ${status} answer`,
			);
		case 'transient':
			if (ctx.decision?.stop === 'unsafe')
				return {
					cause: `${answered}, a temporary failure, and the request was not sent again because ${notRetried(ctx)}.`,
					fix: `Check in ${ctx.service} whether the ${ctx.method} ${ctx.endpoint} took effect before running the workflow again, so it is not done twice.`,
				};
			return {
				cause: `${answered}, a temporary failure; the request was tried ${ctx.attempts} of ${ctx.maxAttempts} times.`,
				fix: `This is on ${ctx.service}'s side: run the workflow again later.`,
			};
		default:
			return {
				cause: `${answered}, so the request was not carried out.`,
				fix: `Check the operation's fields against the ${ctx.service} documentation for ${ctx.method} ${ctx.endpoint} and the meaning of ${code}.`,
			};
	}
}

/**
 * The report of an error the service put inside a success answer: the code and the service's words in the
 * message; the spec's cause and fix for the code (its placeholders filled from the answer), else the kind's.
 */
export function reportedErrorReport(
	status: number,
	reported: ReportedError,
	body: unknown,
	ctx: FailureContext,
): ErrorReport {
	const names = { service: ctx.service, credential: ctx.connection };
	const generic = explainReported(status, reported, body, ctx);
	const cause = reported.cause ? fillTemplate(reported.cause, body, names) : generic.cause;
	const fix = reported.fix ? fillTemplate(reported.fix, body, names) : generic.fix;
	const what = reported.code ?? 'error';
	const said =
		reported.message && reported.message !== reported.code ? reported.message : undefined;
	const field = reported.field ? ` (field '${reported.field}')` : '';
	const message = `${ctx.service}: ${what}${said ? ` – ${short(said)}` : ''}${field}`;
	return {
		type: 'api',
		message,
		description: reported.field
			? `${ctx.service} rejected the value of '${reported.field}': ${said ?? what}. Correct that field, then run the workflow again.`
			: `${cause} ${fix}`,
		httpCode: String(status),
		response: { httpCode: String(status), message, body: (body ?? null) as JsonObject },
		...failureHint(ctx),
		itemIndex: ctx.itemIndex,
		request: requestDetails(ctx),
	};
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNABORTED: 'timed out',
	ETIMEDOUT: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host not found',
};

/** The report of a request that never got an HTTP answer. */
export function networkErrorReport(code: string, detail: string, ctx: FailureContext): ErrorReport {
	const c = classifyNetworkError({ code, message: detail });
	const host = ctx.host ? ` ${ctx.host}` : '';
	const tries = ctx.attempts > 1 ? ` on all ${ctx.attempts} attempts` : '';
	let cause: string;
	let fix: string;
	let words: string;
	if (c.reachedServer === 'no') {
		// Nothing was sent: no "may have taken effect" warning, and the fix is on the n8n server's network side.
		const why =
			c.kind === 'dns'
				? `the host name${ctx.host ? ` '${ctx.host}'` : ''} could not be resolved`
				: c.kind === 'tls'
					? `the secure (TLS) connection to${host || ' the server'} could not be set up`
					: c.kind === 'connection-refused'
						? `the connection to${host || ' the server'} was refused`
						: `the connection to${host || ' the server'} could not be set up`;
		cause = `The request never left the n8n server: ${why} (${code})${tries}, so nothing reached ${ctx.service}.`;
		fix =
			c.kind === 'dns'
				? `Check the host name in the base URL and the DNS settings of the n8n server (and its proxy, if it uses one), then run the workflow again.`
				: c.kind === 'tls'
					? `Check the server's certificate and the n8n server's clock, or the proxy that intercepts TLS (n8n must trust its CA), then run the workflow again.`
					: `Check the host and port, and that no firewall or proxy stops the n8n server from reaching them, then run the workflow again.`;
		words =
			c.kind === 'dns'
				? 'host not found'
				: c.kind === 'tls'
					? 'secure connection failed'
					: c.kind === 'connection-refused'
						? 'connection refused'
						: 'connection failed';
	} else {
		const stopped =
			ctx.decision?.stop === 'unsafe'
				? `, and it was not sent again because ${notRetried(ctx)}`
				: '';
		cause = `${ctx.service} did not answer${host ? ` from${host}` : ''}: ${NETWORK_WORDS[code] ?? 'the connection failed'} (${code})${tries}${stopped}.`;
		fix = ctx.mayHaveApplied
			? `The request may have reached ${ctx.service} and taken effect before the connection failed: check in ${ctx.service} before running it again, so it is not done twice.`
			: `Run the workflow again; if it keeps failing, check that the base URL is right and reachable from the n8n server (firewall, proxy) and raise ${OPTION.timeout} if the server is slow.`;
		words = NETWORK_WORDS[code] ?? 'network error';
	}
	// The code stays out of the message: NodeApiError rewrites messages that contain one.
	const message =
		c.reachedServer === 'no'
			? `${ctx.service}: could not connect (${words})`
			: `${ctx.service}: no answer from the server (${words})`;
	// The code stays out of the response object too: NodeApiError would swap our message for a generic one.
	return plainApiReport(message, `${cause} ${fix}`, ctx);
}

/** A NodeApiError's report without a status (no answer, or one that could not be read). */
function plainApiReport(message: string, description: string, ctx: FailureContext): ErrorReport {
	return {
		type: 'api',
		message,
		description,
		response: { message },
		itemIndex: ctx.itemIndex,
		request: requestDetails(ctx),
	};
}

/** The report of a success status whose body could not be read. */
export function unreadableErrorReport(status: number, ctx: FailureContext): ErrorReport {
	const message = `${ctx.service}: the answer could not be read (malformed JSON)`;
	const cause =
		ctx.decision?.stop === 'unsafe'
			? `${ctx.service} answered ${status} but its JSON body was cut off or malformed, and the request was not sent again because ${notRetried(ctx)}.`
			: `${ctx.service} answered ${status} but its JSON body was cut off or malformed (tried ${ctx.attempts} of ${ctx.maxAttempts} times).`;
	const fix = ctx.mayHaveApplied
		? `The request was processed (status ${status}) but its result is unknown: check in ${ctx.service} before running it again, so it is not done twice.`
		: `Run the workflow again; if it persists, ${ctx.service} is sending broken answers for ${ctx.method} ${ctx.endpoint}.`;
	return plainApiReport(message, `${cause} ${fix}`, ctx);
}

/** The server's words in a message: one line, short enough for a title. */
function short(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/**
 * Where the request went and what each attempt did, as n8n's editor shows under "Request" in the error
 * details (`context.request`): kept out of the one-paragraph description, free of internal ids.
 */
export function requestDetails(ctx: FailureContext): IDataObject {
	return {
		method: ctx.method,
		endpoint: ctx.endpoint,
		...(ctx.connection ? { connection: ctx.connection } : {}),
		...(ctx.requestId ? { requestId: ctx.requestId } : {}),
		...(ctx.idempotencyKey
			? { idempotencyKey: `${ctx.idempotencyKey} (a retry with this key is not applied twice)` }
			: {}),
		...(ctx.log?.length ? { attempts: [...ctx.log] } : {}),
	};
}

/** The report of a request that never got (or never got to) an answer: n8n refused it, the queue, a redirect. */
export function operationReport(
	message: string,
	description: string | undefined,
	ctx: FailureContext,
): ErrorReport {
	return {
		type: 'operation',
		message,
		...(description ? { description } : {}),
		itemIndex: ctx.itemIndex,
		request: requestDetails(ctx),
	};
}

/** Cause and fix of a request that was never sent: the rate-limit queue gave up, the shared store is down, or the run was stopped. */
export function queueFailureText(
	error: unknown,
	service?: string,
): { cause: string; fix?: string } {
	// The limiter knows the service by its id; the user knows it by its display name.
	if (error instanceof RateLimitWaitError)
		return waitErrorText({ ...error.details, service: service ?? error.service });
	const e = error as { message?: string; fix?: string } | undefined;
	// Errors that carry their own fix (Redis unreachable) already say it in their message.
	if (e?.fix) return { cause: String(e.message) };
	return { cause: `Stopped while waiting for a rate-limit slot: ${String(error)}` };
}
