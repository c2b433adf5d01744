/**
 * The retry decision for one failed attempt: whether to try again, after how long, and why, in words a
 * user can act on. Pure: the caller sleeps, counts attempts and sums the waits.
 */
import { getHeader, type HttpHeaders } from '../limits/observation';
import { maxPauseOf } from '../limits/policy';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { formatDuration } from './duration';
import { classifyNetworkError } from './network-error';
import { parseRetryAfter } from './retry-after';

/** Methods that may be repeated without changing the result (RFC 9110 §9.2.2). */
export const IDEMPOTENT_METHODS: readonly string[] = [
	'GET',
	'HEAD',
	'PUT',
	'DELETE',
	'OPTIONS',
	'TRACE',
];

export type RetryOutcome =
	| {
			kind: 'response';
			status: number;
			headers?: HttpHeaders;
			body?: unknown;
			/** The rate-limit policy classified the answer as throttled (`classifyResponse`). */
			throttled?: boolean;
			/** When a spent budget comes back per the rate-limit headers (`classifyResponse().resetAtMs`). */
			resetAtMs?: number | null;
			/** An error the service reported inside this (success) answer, and what it means. */
			reported?: {
				code: string | null;
				kind: 'auth' | 'rateLimit' | 'transient' | 'permanent';
			};
	  }
	| { kind: 'network'; error?: unknown; code?: string; message?: string }
	/** A 2xx whose body could not be read (cut-off or malformed JSON): the server did act on it. */
	| { kind: 'unreadable'; status: number };

export interface RetryInput {
	/** The attempt that just failed, 1-based. */
	attempt: number;
	/** Default 3. */
	maxAttempts?: number;
	/** Total waiting allowed across all retries of this request; default unbounded. */
	maxTotalWaitMs?: number;
	/** Waiting already done for this request's retries. */
	elapsedWaitMs?: number;
	method: string;
	/** The request carries an idempotency key, so the server will not apply it twice. */
	hasIdempotencyKey?: boolean;
	/** Overrides the method rule, e.g. `true` for a read sent as POST (GraphQL queries). */
	idempotent?: boolean;
	outcome: RetryOutcome;
	nowMs: number;
	backoff?: BackoffOptions;
	random?: () => number;
	/** Longest wait a throttled answer may impose (the policy's pause ceiling, `maxPauseOf`); default 1 h. */
	maxPauseMs?: number;
	/** Default waits: a wait the server asks for beyond this stops at once, whatever the pause ceiling would cut it to. */
	maxAskedWaitMs?: number;
}

export interface RetryDecision {
	retry: boolean;
	/** Wait before the next attempt (also given when the retry is refused for taking too long). */
	delayMs: number;
	/** The whole decision in words: `cause`, then the verdict (`; attempt 2 of 3 in 2 s`, `; gave up …`). */
	reason: string;
	/** What went wrong on this attempt, without the verdict (`reason` starts with it). */
	cause: string;
	/** Why no retry follows: the attempts ran out, the wait would pass the total wait limit, or no retry can help. */
	stop?: 'attempts' | 'wait-limit' | 'unsafe' | 'final';
	/** A throttled answer: the wait the server asked for (before the pause ceiling) and until when; null when it named none. */
	throttle?: {
		askedMs: number | null;
		from: 'Retry-After' | 'reset' | null;
		untilMs: number | null;
		ceilingMs: number;
	};
}

/** Whether a request may be sent again without risk of applying it twice. */
export function isIdempotent(method: string, hasIdempotencyKey = false): boolean {
	return hasIdempotencyKey || IDEMPOTENT_METHODS.includes(method.toUpperCase());
}

/** Decides whether and when to retry a failed attempt (429/throttled, 5xx, 408, network errors). */
export function decideRetry(input: RetryInput): RetryDecision {
	const { outcome, nowMs, attempt } = input;
	const maxAttempts = input.maxAttempts ?? 3;
	const backoff = () => backoffDelay(attempt, input.backoff ?? DEFAULT_BACKOFF, input.random);
	const stop = (reason: string, delayMs = 0): RetryDecision => ({
		retry: false,
		delayMs,
		reason,
		cause: reason,
		stop: 'final',
	});

	let delayMs: number;
	let cause: string;
	let reachedServer: 'yes' | 'maybe' | 'no';
	let throttle: RetryDecision['throttle'];
	if (outcome.kind === 'response') {
		const { status, reported } = outcome;
		// A 429 whose code says waiting cannot help (a monthly usage cap) is final, not a pause.
		const throttled =
			reported?.kind !== 'permanent' &&
			(outcome.throttled === true || status === 429 || reported?.kind === 'rateLimit');
		// What the answer was, in the log's words: its status, or the error it reported inside a success.
		const label = !reported
			? `HTTP ${status}`
			: status >= 200 && status < 300
				? `${reported.code ?? 'an error'} reported in an HTTP ${status} answer`
				: `HTTP ${status}, error ${reported.code ?? 'without a code'}`;
		const retryAfterMs = parseRetryAfter(getHeader(outcome.headers, 'retry-after'), nowMs);
		// A throttled answer means the server refused the request without acting on it (RFC 6585 §4), so even a
		// POST can be sent again; any other answer means it was processed.
		reachedServer = throttled ? 'no' : 'yes';
		if (throttled) {
			// One absurd answer (Retry-After of 31 years) is waited at most the ceiling; the message keeps what was asked.
			const ceilingMs = input.maxPauseMs ?? maxPauseOf(undefined);
			const capped = (asked: number) =>
				asked > ceilingMs
					? ` (more than the ${formatDuration(ceilingMs)} the engine waits at most)`
					: '';
			if (retryAfterMs !== null) {
				delayMs = Math.min(retryAfterMs, ceilingMs);
				cause = `rate limited (${label}), Retry-After asks for ${formatDuration(retryAfterMs)}${capped(retryAfterMs)}`;
				throttle = {
					askedMs: retryAfterMs,
					from: 'Retry-After',
					untilMs: nowMs + retryAfterMs,
					ceilingMs,
				};
			} else if (
				outcome.resetAtMs !== undefined &&
				outcome.resetAtMs !== null &&
				outcome.resetAtMs > nowMs
			) {
				const askedMs = outcome.resetAtMs - nowMs;
				delayMs = Math.min(askedMs, ceilingMs);
				cause = `rate limited (${label}), the limit resets in ${formatDuration(askedMs)}${capped(askedMs)}`;
				throttle = { askedMs, from: 'reset', untilMs: outcome.resetAtMs, ceilingMs };
			} else {
				delayMs = backoff();
				cause = `rate limited (${label}) with no usable Retry-After or reset time, backing off`;
				throttle = { askedMs: null, from: null, untilMs: null, ceilingMs };
			}
		} else if (reported?.kind === 'transient') {
			delayMs = retryAfterMs ?? backoff();
			cause = `${label} (a temporary failure)`;
		} else if (reported?.kind === 'auth') {
			return stop(`${label}: the credentials were rejected; reconnect the credential`);
		} else if (reported) {
			return stop(`${label}: sending the same request again cannot succeed`);
		} else if (status === 408 || status >= 500) {
			delayMs = retryAfterMs ?? backoff();
			cause = `HTTP ${status} (${status === 408 ? 'request timeout' : 'server error'})`;
		} else if (status === 401) {
			return stop(
				'HTTP 401: the credentials were rejected (n8n already refreshed an OAuth2 token and re-sent once); reconnect the credential',
			);
		} else if (status >= 400) {
			return stop(
				`HTTP ${status} is a client error: sending the same request again cannot succeed`,
			);
		} else {
			return stop(`HTTP ${status} needs no retry`);
		}
	} else if (outcome.kind === 'unreadable') {
		delayMs = backoff();
		cause = `HTTP ${outcome.status} with an answer that could not be read (malformed JSON)`;
		reachedServer = 'yes';
	} else {
		const c = classifyNetworkError(
			outcome.error ?? { code: outcome.code, message: outcome.message },
		);
		const name = c.code ?? c.kind;
		if (c.kind === 'tls')
			return stop(`TLS error (${name}): the certificate or handshake will not fix itself on retry`);
		delayMs = backoff();
		cause = `network error (${name})`;
		reachedServer = c.reachedServer;
	}

	const verdict = (retry: boolean, text: string, kind?: RetryDecision['stop']): RetryDecision => ({
		retry,
		delayMs,
		reason: `${cause}; ${text}`,
		cause,
		...(kind ? { stop: kind } : {}),
		...(throttle ? { throttle } : {}),
	});
	const method = input.method.toUpperCase();
	const idempotent = input.idempotent ?? isIdempotent(method, input.hasIdempotencyKey);
	if (!idempotent && reachedServer !== 'no') {
		const where = reachedServer === 'yes' ? 'reached the server' : 'may have reached the server';
		return {
			...verdict(
				false,
				`not retried: ${method} is not idempotent and the request ${where}, so a retry could apply it twice (an idempotency key allows retries)`,
				'unsafe',
			),
			delayMs: 0,
		};
	}
	if (attempt >= maxAttempts)
		return verdict(false, `gave up after ${attempt} of ${maxAttempts} attempts`, 'attempts');
	const elapsed = input.elapsedWaitMs ?? 0;
	const askedMs = throttle?.askedMs ?? null;
	if (askedMs !== null && input.maxAskedWaitMs !== undefined && askedMs > input.maxAskedWaitMs) {
		return verdict(
			false,
			`not retried: the ${formatDuration(askedMs)} asked for is more than the ${formatDuration(input.maxAskedWaitMs)} that default waits allow`,
			'wait-limit',
		);
	}
	const budget = input.maxTotalWaitMs ?? Infinity;
	if (elapsed + delayMs > budget) {
		return verdict(
			false,
			`not retried: waiting ${formatDuration(delayMs)} more would exceed the total wait limit of ${formatDuration(budget)} (waited ${formatDuration(elapsed)} so far)`,
			'wait-limit',
		);
	}
	return verdict(true, `attempt ${attempt + 1} of ${maxAttempts} in ${formatDuration(delayMs)}`);
}
