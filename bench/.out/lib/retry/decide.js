"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IDEMPOTENT_METHODS = void 0;
exports.isIdempotent = isIdempotent;
exports.decideRetry = decideRetry;
/**
 * The retry decision for one failed attempt: whether to try again, after how long, and why, in words a
 * user can act on. Pure: the caller sleeps, counts attempts and sums the waits.
 */
const observation_1 = require("../limits/observation");
const backoff_1 = require("./backoff");
const network_error_1 = require("./network-error");
const retry_after_1 = require("./retry-after");
/** Methods that may be repeated without changing the result (RFC 9110 §9.2.2). */
exports.IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE'];
/** Whether a request may be sent again without risk of applying it twice. */
function isIdempotent(method, hasIdempotencyKey = false) {
    return hasIdempotencyKey || exports.IDEMPOTENT_METHODS.includes(method.toUpperCase());
}
/** Decides whether and when to retry a failed attempt (429/throttled, 5xx, 408, network errors). */
function decideRetry(input) {
    const { outcome, nowMs, attempt } = input;
    const maxAttempts = input.maxAttempts ?? 3;
    const backoff = () => (0, backoff_1.backoffDelay)(attempt, input.backoff ?? backoff_1.DEFAULT_BACKOFF, input.random);
    const stop = (reason, delayMs = 0) => ({ retry: false, delayMs, reason });
    let delayMs;
    let cause;
    let reachedServer;
    if (outcome.kind === 'response') {
        const { status } = outcome;
        const throttled = outcome.throttled === true || status === 429;
        const retryAfterMs = (0, retry_after_1.parseRetryAfter)((0, observation_1.getHeader)(outcome.headers, 'retry-after'), nowMs);
        reachedServer = 'yes';
        if (throttled) {
            if (retryAfterMs !== null) {
                delayMs = retryAfterMs;
                cause = `rate limited (HTTP ${status}), Retry-After asks for ${seconds(delayMs)}`;
            }
            else if (outcome.resetAtMs !== undefined && outcome.resetAtMs !== null && outcome.resetAtMs > nowMs) {
                delayMs = outcome.resetAtMs - nowMs;
                cause = `rate limited (HTTP ${status}), the limit resets in ${seconds(delayMs)}`;
            }
            else {
                delayMs = backoff();
                cause = `rate limited (HTTP ${status}) with no usable Retry-After or reset time, backing off`;
            }
        }
        else if (status === 408 || status >= 500) {
            delayMs = retryAfterMs ?? backoff();
            cause = `HTTP ${status} (${status === 408 ? 'request timeout' : 'server error'})`;
        }
        else if (status === 401) {
            return stop('HTTP 401: the credentials were rejected (n8n already refreshed an OAuth2 token and re-sent once); reconnect the credential');
        }
        else if (status >= 400) {
            return stop(`HTTP ${status} is a client error: sending the same request again cannot succeed`);
        }
        else {
            return stop(`HTTP ${status} needs no retry`);
        }
    }
    else {
        const c = (0, network_error_1.classifyNetworkError)(outcome.error ?? { code: outcome.code, message: outcome.message });
        const name = c.code ?? c.kind;
        if (c.kind === 'tls')
            return stop(`TLS error (${name}): the certificate or handshake will not fix itself on retry`);
        delayMs = backoff();
        cause = `network error (${name})`;
        reachedServer = c.reachedServer;
    }
    const method = input.method.toUpperCase();
    const idempotent = input.idempotent ?? isIdempotent(method, input.hasIdempotencyKey);
    if (!idempotent && reachedServer !== 'no') {
        const where = reachedServer === 'yes' ? 'reached the server' : 'may have reached the server';
        return stop(`${cause}; not retried: ${method} is not idempotent and the request ${where}, so a retry could apply it twice (an idempotency key allows retries)`);
    }
    if (attempt >= maxAttempts)
        return stop(`${cause}; gave up after ${attempt} of ${maxAttempts} attempts`, delayMs);
    const elapsed = input.elapsedWaitMs ?? 0;
    const budget = input.maxTotalWaitMs ?? Infinity;
    if (elapsed + delayMs > budget) {
        return stop(`${cause}; not retried: waiting ${seconds(delayMs)} more would exceed the total wait limit of ${seconds(budget)} (waited ${seconds(elapsed)} so far)`, delayMs);
    }
    return { retry: true, delayMs, reason: `${cause}; attempt ${attempt + 1} of ${maxAttempts} in ${seconds(delayMs)}` };
}
function seconds(ms) {
    const s = ms / 1000;
    return `${s >= 10 || Number.isInteger(s) ? Math.round(s) : s.toFixed(1)} s`;
}
