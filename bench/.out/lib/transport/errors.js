"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.serverMessage = serverMessage;
exports.serverField = serverField;
exports.explain = explain;
exports.httpError = httpError;
exports.networkError = networkError;
/**
 * Error mapping: every failed request becomes a NodeApiError whose message says what went wrong and
 * whose description says the cause and the fix, in the user's terms (field, scope, resource id, waits).
 */
const n8n_workflow_1 = require("n8n-workflow");
const STATUS_TEXT = {
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
function pick(body, path) {
    let cur = body;
    for (const part of path.split('.')) {
        if (cur === null || typeof cur !== 'object')
            return undefined;
        cur = cur[/^\d+$/.test(part) ? Number(part) : part];
    }
    return cur;
}
/** The server's own explanation, from the common error body shapes. */
function serverMessage(body) {
    if (typeof body === 'string')
        return body.trim().slice(0, 500) || undefined;
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
        if (typeof v === 'string' && v.trim())
            return v.trim().slice(0, 500);
    }
    return undefined;
}
/** The field the server blamed, from common shapes (`param`, `field`, `errors[0].field`, …). */
function serverField(body) {
    for (const p of ['error.param', 'param', 'field', 'errors.0.field', 'errors.0.param', 'error.field', 'errors.0.source.pointer']) {
        const v = pick(body, p);
        if (typeof v === 'string' && v.trim())
            return v.trim();
    }
    return undefined;
}
function seconds(ms) {
    return `${Math.round(ms / 1000)} s`;
}
/** Cause and fix for a status, in plain words. */
function explain(status, body, ctx, headers = {}) {
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
function httpError(node, status, body, headers, ctx) {
    const { cause, fix } = explain(status, body, ctx, headers);
    const said = serverMessage(body);
    const statusText = STATUS_TEXT[status] ?? 'Error';
    const message = `${ctx.service}: ${status} ${statusText}${said ? ` – ${said}` : ''}`;
    const description = describe(cause, fix, ctx);
    const response = {
        httpCode: String(status),
        message,
        body: (body ?? null),
    };
    return new n8n_workflow_1.NodeApiError(node, response, { message, description, httpCode: String(status), itemIndex: ctx.itemIndex });
}
/** Build the NodeApiError for a request that never got an HTTP answer. */
function networkError(node, code, detail, ctx) {
    const cause = `No answer from ${ctx.service} (${code}: ${detail}); tried ${ctx.attempts} of ${ctx.maxAttempts} times.`;
    const fix = 'Check that the base URL is right and reachable from the n8n server (DNS, firewall, proxy), then run the workflow again.';
    const message = `${ctx.service}: could not reach the server (${code})`;
    return new n8n_workflow_1.NodeApiError(node, { message, code }, { message, description: describe(cause, fix, ctx), itemIndex: ctx.itemIndex });
}
function describe(cause, fix, ctx) {
    const lines = [`Cause: ${cause}`, `Fix: ${fix}`, `Request: ${ctx.method} ${ctx.endpoint}`];
    if (ctx.connection)
        lines.push(`Connection: ${ctx.connection}`);
    if (ctx.requestId)
        lines.push(`Request ID: ${ctx.requestId}`);
    if (ctx.log?.length)
        lines.push('Attempts:', ...ctx.log.map((l) => `  ${l}`));
    return lines.join('\n');
}
