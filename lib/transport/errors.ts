/**
 * Error mapping: every failed request becomes a NodeApiError whose message says what went wrong and
 * whose description says the cause and the fix, in the user's terms (field, scope, resource id, waits).
 */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

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
	/** Default scopes of the OAuth2 credential, to suggest on a 403. */
	scopes?: string[];
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
}

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

function pick(body: unknown, path: string): unknown {
	let cur: unknown = body;
	for (const part of path.split('.')) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string, unknown>)[/^\d+$/.test(part) ? Number(part) : part];
	}
	return cur;
}

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
		const v = pick(body, p);
		if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 500);
	}
	return undefined;
}

/** The field the server blamed, from common shapes (`param`, `field`, `errors[0].field`, …). */
export function serverField(body: unknown): string | undefined {
	for (const p of ['error.param', 'param', 'field', 'errors.0.field', 'errors.0.param', 'error.field', 'errors.0.source.pointer']) {
		const v = pick(body, p);
		if (typeof v === 'string' && v.trim()) return v.trim();
	}
	return undefined;
}

function seconds(ms: number): string {
	return `${Math.round(ms / 1000)} s`;
}

/** Cause and fix for a status, in plain words. */
export function explain(status: number, body: unknown, ctx: FailureContext, headers: Record<string, string> = {}): { cause: string; fix: string } {
	const field = serverField(body);
	const who = ctx.connection ? `the credential '${ctx.connection}'` : 'the credential';
	if (status === 400 || status === 422) {
		return {
			cause: field ? `The request data is invalid: the field '${field}' was rejected.` : 'The request data is invalid.',
			fix: field
				? `Check the value of '${field}' (type and format) against the ${ctx.service} documentation for ${ctx.method} ${ctx.endpoint}.`
				: `Check the required fields and their types for ${ctx.method} ${ctx.endpoint}.`,
		};
	}
	if (status === 401) {
		return {
			cause: 'The token or key was rejected: it is invalid, expired or revoked.',
			fix: `Reconnect ${who} (open it in n8n and sign in again, or paste a new key), then run the workflow again.`,
		};
	}
	if (status === 403) {
		const accepted = headers['x-accepted-oauth-scopes'];
		const scopes = accepted ? accepted : ctx.scopes?.length ? ctx.scopes.join(', ') : undefined;
		return {
			cause: 'The connection is not allowed to do this: a permission (scope) is missing, or the account has no access to this resource.',
			fix: scopes
				? `Reconnect ${who} granting the permissions this operation needs (${scopes}), and check the account can access the resource.`
				: `Grant the missing permission to the account or app behind ${who}, then reconnect it.`,
		};
	}
	if (status === 404) {
		const ids = Object.entries(ctx.pathParams ?? {}).map(([k, v]) => `${k} '${v}'`);
		return {
			cause: ids.length
				? `${ctx.service} found nothing at ${ctx.method} ${ctx.endpoint} for ${ids.join(', ')}.`
				: `${ctx.service} found nothing at ${ctx.method} ${ctx.endpoint}.`,
			fix: ids.length
				? `Check that ${ids.join(', ')} is right and was not deleted, and that the connection can see it.`
				: 'Check the endpoint path and that the resource exists.',
		};
	}
	if (status === 429) {
		return {
			cause: `${ctx.service} kept answering 'Too Many Requests': waited ${seconds(ctx.waitedMs)} in total and gave up after ${ctx.attempts} of ${ctx.maxAttempts} attempts.`,
			fix: "Raise 'Max Attempts' or 'Max Total Wait' in the node options, lower the request rate, or run the workflow later.",
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

/** Build the NodeApiError for a non-2xx response. */
export function httpError(
	node: INode,
	status: number,
	body: unknown,
	headers: Record<string, string>,
	ctx: FailureContext,
): NodeApiError {
	const { cause, fix } = explain(status, body, ctx, headers);
	const said = serverMessage(body);
	const statusText = STATUS_TEXT[status] ?? 'Error';
	const message = `${ctx.service}: ${status} ${statusText}${said ? ` – ${said}` : ''}`;
	const description = describe(cause, fix, ctx);
	const response: JsonObject = {
		httpCode: String(status),
		message,
		body: (body ?? null) as JsonObject,
	};
	return new NodeApiError(node, response, { message, description, httpCode: String(status), itemIndex: ctx.itemIndex });
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

/** Build the NodeApiError for a request that never got an HTTP answer. */
export function networkError(node: INode, code: string, detail: string, ctx: FailureContext): NodeApiError {
	const cause = `No answer from ${ctx.service} (${code}: ${detail}); tried ${ctx.attempts} of ${ctx.maxAttempts} times.`;
	const fix = ctx.mayHaveApplied
		? `The request may have reached ${ctx.service} and taken effect before the connection failed: check in ${ctx.service} before running it again, so it is not done twice.`
		: 'Check that the base URL is right and reachable from the n8n server (DNS, firewall, proxy), then run the workflow again.';
	// The code stays out of the message too: NodeApiError rewrites messages that contain one.
	const message = `${ctx.service}: no answer from the server (${NETWORK_WORDS[code] ?? 'network error'})`;
	// The code stays out of the response object: NodeApiError would swap our message for a generic one.
	return new NodeApiError(node, { message } as JsonObject, { message, description: describe(cause, fix, ctx), itemIndex: ctx.itemIndex });
}

/** Build the NodeApiError for a success status whose body could not be read. */
export function unreadableError(node: INode, status: number, ctx: FailureContext): NodeApiError {
	const message = `${ctx.service}: the answer could not be read (malformed JSON)`;
	const cause = `${ctx.service} answered ${status} but its JSON body was cut off or malformed; tried ${ctx.attempts} of ${ctx.maxAttempts} times.`;
	const fix = ctx.mayHaveApplied
		? `The request was processed (status ${status}) but its result is unknown: check in ${ctx.service} before running it again, so it is not done twice.`
		: `Run the workflow again; if it persists, ${ctx.service} is sending broken answers for ${ctx.method} ${ctx.endpoint}.`;
	return new NodeApiError(node, { message } as JsonObject, { message, description: describe(cause, fix, ctx), itemIndex: ctx.itemIndex });
}

function describe(cause: string, fix: string, ctx: FailureContext): string {
	const lines = [`Cause: ${cause}`, `Fix: ${fix}`, `Request: ${ctx.method} ${ctx.endpoint}`];
	if (ctx.idempotencyKey) lines.push(`Idempotency key: ${ctx.idempotencyKey} (a retry with this key is not applied twice)`);
	if (ctx.connection) lines.push(`Connection: ${ctx.connection}`);
	if (ctx.requestId) lines.push(`Request ID: ${ctx.requestId}`);
	if (ctx.log?.length) lines.push('Attempts:', ...ctx.log.map((l) => `  ${l}`));
	return lines.join('\n');
}
