"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SETTINGS = void 0;
exports.outcomeOfError = outcomeOfError;
exports.toHttpOptions = toHttpOptions;
exports.send = send;
/**
 * The request pipeline every node uses: URL building → rate-limit queue → send through n8n's
 * `httpRequestWithAuthentication` (so proxies, credential injection and n8n's OAuth2 refresh apply)
 * → classify → retry → map errors. Nothing here knows a service by name: a service is described by
 * `ServiceIdentity` (from its spec).
 */
const n8n_workflow_1 = require("n8n-workflow");
const engine_1 = require("../engine");
const response_cache_1 = require("../cache/response-cache");
const limiter_1 = require("../limits/limiter");
const throttle_1 = require("../limits/throttle");
const decide_1 = require("../retry/decide");
const error_log_1 = require("../retry/error-log");
const errors_1 = require("./errors");
const multipart_1 = require("./multipart");
const redact_1 = require("./redact");
const url_1 = require("./url");
exports.DEFAULT_SETTINGS = {
    maxAttempts: 3,
    maxTotalWaitMs: 5 * 60_000,
    maxQueueWaitMs: 5 * 60_000,
    timeoutMs: 60_000,
    cacheTtlMs: 0,
};
/** One attempt through n8n's helper. 401 is left to n8n (it refreshes OAuth2 tokens and re-sends once). */
async function attempt(ctx, options) {
    const { fn } = ctx;
    // n8n's OAuth2 signing mutates the options it is given: hand it a fresh copy every attempt.
    const opts = { ...options, headers: { ...(options.headers ?? {}) } };
    try {
        const res = (ctx.credentialType
            ? await fn.helpers.httpRequestWithAuthentication.call(fn, ctx.credentialType, opts)
            : await fn.helpers.httpRequest(opts));
        return { kind: 'response', status: res.statusCode, headers: lowerHeaders(res.headers), body: res.body };
    }
    catch (error) {
        return outcomeOfError(error);
    }
}
/** Extract status/headers/body (or the network code) from whatever n8n or axios threw. */
function outcomeOfError(error) {
    const e = error;
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
        if (typeof c?.code === 'string' && c.code)
            return { kind: 'network', code: c.code, message: String(c.message ?? c.code) };
    }
    return { kind: 'network', code: 'UNKNOWN', message: String(e?.message ?? error) };
}
function lowerHeaders(headers) {
    const out = {};
    if (!headers || typeof headers !== 'object')
        return out;
    const entries = typeof headers.toJSON === 'function'
        ? Object.entries(headers.toJSON())
        : Object.entries(headers);
    for (const [k, v] of entries) {
        if (v === undefined || v === null)
            continue;
        out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    return out;
}
/** Translate an EngineRequest into n8n's request options. */
function toHttpOptions(req, settings) {
    const url = (0, url_1.buildUrl)(req.baseUrl, req.path, req.pathParams, req.qs);
    const headers = { ...(req.headers ?? {}) };
    const format = req.responseFormat ?? 'json';
    const options = {
        method: req.method,
        url,
        headers,
        returnFullResponse: true,
        // Every status comes back as a response we classify ourselves, except 401: n8n must see that one
        // as an error to refresh an OAuth2 token (or re-run pre-authentication) and re-send once.
        ignoreHttpStatusErrors: { ignore: true, except: [401] },
        timeout: req.timeout ?? settings.timeoutMs,
    };
    if (format === 'json')
        options.json = true;
    if (format === 'binary')
        options.encoding = 'arraybuffer';
    if (format === 'text')
        options.encoding = 'text';
    const encoding = req.body === undefined ? 'none' : (req.bodyEncoding ?? 'json');
    if (encoding === 'json') {
        options.body = req.body;
        options.json = true;
        if (!hasHeader(headers, 'content-type'))
            headers['Content-Type'] = 'application/json';
    }
    else if (encoding === 'form') {
        options.body = typeof req.body === 'string' ? req.body : (0, url_1.toFormBody)(req.body);
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    else if (encoding === 'multipart') {
        const { body, contentType } = (0, multipart_1.buildMultipart)(req.body);
        options.body = body;
        headers['Content-Type'] = contentType;
    }
    else if (encoding === 'raw') {
        options.body = Buffer.isBuffer(req.body) ? req.body : String(req.body);
        if (req.contentType)
            headers['Content-Type'] = req.contentType;
    }
    return options;
}
function hasHeader(headers, name) {
    return Object.keys(headers).some((k) => k.toLowerCase() === name);
}
function parseBody(body, format, headers) {
    if (format === 'binary')
        return Buffer.isBuffer(body) ? body : Buffer.from(body);
    if (format === 'text' || typeof body !== 'string')
        return body;
    // axios hands back the text when JSON does not parse; keep empty bodies empty.
    if (body === '')
        return undefined;
    if (/json/i.test(headers['content-type'] ?? '')) {
        try {
            return JSON.parse(body);
        }
        catch {
            return body;
        }
    }
    return body;
}
/** The (service, connection) a request counts against: the credential's id, else the host. */
function limitKey(ctx, url) {
    const cred = ctx.credentialType ? ctx.fn.getNode().credentials?.[ctx.credentialType] : undefined;
    return { service: ctx.service.id, connection: cred ? `${ctx.credentialType}:${cred.id ?? cred.name}` : `anonymous:${new URL(url).host}` };
}
/**
 * Send a request through the engine and return the response, or throw an n8n error that says the
 * cause and the fix (secrets redacted). Waits in the connection's rate-limit queue, retries what is safe
 * to retry, and records every retry and wait in the item's error details.
 */
async function send(ctx, req) {
    const { clock, limiter, random, observers, cache } = (0, engine_1.getEngine)();
    const node = ctx.fn.getNode();
    const options = toHttpOptions(req, ctx.settings);
    const policy = ctx.service.rateLimit;
    const key = limitKey(ctx, options.url);
    const idempotencyKey = ctx.service.idempotencyHeader ? req.headers?.[ctx.service.idempotencyHeader] : undefined;
    const failure = {
        service: ctx.service.displayName,
        connection: ctx.credentialType ? node.credentials?.[ctx.credentialType]?.name : undefined,
        method: req.method,
        endpoint: /^[a-z]+:/i.test(req.path) ? new URL(req.path).pathname : req.path,
        itemIndex: ctx.itemIndex,
        pathParams: req.pathParams,
        scopes: ctx.service.scopes,
        attempts: 0,
        maxAttempts: ctx.settings.maxAttempts,
        waitedMs: 0,
        log: [],
    };
    const note = (status, message, kind, nextMs, requestId) => {
        const entry = {
            timestamp: new Date(clock.now()).toISOString(),
            service: ctx.service.displayName,
            connection: failure.connection ?? '',
            method: req.method,
            endpoint: failure.endpoint,
            status,
            message: ctx.redact(message),
            requestId,
            workflowId: ctx.fn.getWorkflow().id,
            executionId: ctx.fn.getExecutionId(),
            node: node.name,
            itemIndex: ctx.itemIndex,
            attempt: failure.attempts,
            maxAttempts: ctx.settings.maxAttempts,
            nextRetryInSeconds: nextMs === null ? null : Math.round(nextMs / 1000),
            kind,
        };
        failure.log.push((0, error_log_1.formatErrorLogEntry)(entry));
        ctx.fn.logger?.warn?.((0, error_log_1.formatErrorLogEntry)(entry));
        for (const o of observers)
            void o.onLog?.(event, entry);
    };
    const event = {
        fn: ctx.fn,
        itemIndex: ctx.itemIndex,
        serviceId: ctx.service.id,
        serviceName: ctx.service.displayName,
        family: ctx.service.family ?? ctx.service.id,
        credentialType: ctx.credentialType,
        key,
        method: req.method,
        endpoint: failure.endpoint,
    };
    for (const o of observers)
        await o.beforeRequest?.(event);
    // Opt-in GET cache: a hit is answered before the rate-limit queue, so it costs no budget.
    const useCache = ctx.settings.cacheTtlMs > 0 && req.method === 'GET' && req.cacheable !== false;
    const cacheId = useCache
        ? (0, response_cache_1.cacheKey)({ connection: (0, limiter_1.limitKeyId)(key), method: req.method, url: ctx.redact(options.url), headers: ctx.redact(options.headers), format: req.responseFormat ?? 'json' })
        : '';
    if (useCache) {
        const hit = await cache.get(cacheId, clock.now());
        if (hit) {
            for (const o of observers)
                await o.afterAttempt?.(event, { status: hit.status, ok: true, durationMs: 0, cached: true });
            return {
                status: hit.status,
                headers: hit.headers,
                body: hit.body,
                meta: { attempts: 0, waitedMs: 0, url: ctx.redact(options.url), cache: { hit: true, ageSeconds: Math.round((clock.now() - hit.storedAtMs) / 1000) } },
            };
        }
    }
    for (;;) {
        failure.attempts++;
        let permit;
        if (policy) {
            try {
                permit = await limiter.acquire(key, policy, { maxWaitMs: ctx.settings.maxQueueWaitMs });
            }
            catch (error) {
                // A bounded queue wait ran out (or the execution was cancelled): the item fails, saying why.
                const message = error instanceof limiter_1.RateLimitWaitError ? error.message : `Stopped while waiting for a rate-limit slot: ${String(error)}`;
                note(null, message, 'final', null, null);
                throw new n8n_workflow_1.NodeOperationError(node, message, { itemIndex: ctx.itemIndex, description: failure.log.join('\n') });
            }
            failure.waitedMs += permit.waitedMs;
        }
        const startedAt = clock.now();
        const outcome = await attempt(ctx, options);
        const observation = outcome.kind === 'response' ? { status: outcome.status, headers: outcome.headers, body: outcome.body } : undefined;
        await permit?.release(observation);
        const now = clock.now();
        const verdict = policy && observation ? (0, throttle_1.classifyResponse)(policy, observation, now) : undefined;
        const ok = outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300 && !verdict?.throttled;
        for (const o of observers)
            await o.afterAttempt?.(event, { status: observation?.status ?? null, ok, durationMs: now - startedAt });
        if (ok && outcome.kind === 'response') {
            const body = parseBody(outcome.body, req.responseFormat, outcome.headers);
            if (useCache) {
                await cache.set(cacheId, { status: outcome.status, headers: outcome.headers, body, storedAtMs: now, expiresAtMs: now + ctx.settings.cacheTtlMs });
            }
            return {
                status: outcome.status,
                headers: outcome.headers,
                body,
                meta: { attempts: failure.attempts, waitedMs: failure.waitedMs, url: ctx.redact(options.url), ...(useCache ? { cache: { hit: false, ageSeconds: 0 } } : {}) },
            };
        }
        const requestId = outcome.kind === 'response' ? (0, error_log_1.requestIdFrom)(outcome.headers, ctx.service.requestIdHeader) : null;
        const decision = (0, decide_1.decideRetry)({
            attempt: failure.attempts,
            maxAttempts: ctx.settings.maxAttempts,
            maxTotalWaitMs: ctx.settings.maxTotalWaitMs,
            elapsedWaitMs: failure.waitedMs,
            method: req.method,
            hasIdempotencyKey: Boolean(idempotencyKey),
            idempotent: req.idempotent,
            outcome: outcome.kind === 'response'
                ? { kind: 'response', status: outcome.status, headers: outcome.headers, body: outcome.body, throttled: verdict?.throttled, resetAtMs: verdict?.resetAtMs }
                : { kind: 'network', code: outcome.code, message: outcome.message },
            nowMs: now,
            random,
        });
        const status = outcome.kind === 'response' ? outcome.status : null;
        if (!decision.retry) {
            note(status, decision.reason, 'final', null, requestId);
            if (outcome.kind === 'network')
                throw (0, redact_1.redactError)((0, errors_1.networkError)(node, outcome.code, outcome.message, failure), ctx.redact);
            failure.requestId = requestId ?? undefined;
            const body = parseBody(outcome.body, 'json', outcome.headers);
            throw (0, redact_1.redactError)((0, errors_1.httpError)(node, outcome.status, ctx.redact(body), outcome.headers, failure), ctx.redact);
        }
        note(status, decision.reason, 'retry', decision.delayMs, requestId);
        // A throttled answer pauses the whole connection, not just this request.
        if (policy && verdict?.throttled)
            await limiter.pauseUntil(key, now + decision.delayMs);
        else
            await clock.sleep(decision.delayMs);
        failure.waitedMs += policy && verdict?.throttled ? 0 : decision.delayMs;
    }
}
