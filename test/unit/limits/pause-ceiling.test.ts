/**
 * Issue 10 item 7: one absurd rate-limit answer must not block a connection until restart. Pauses learned
 * from a server are capped (1 h by default, or one window, or the policy's `maxPauseMs`), reset units are
 * recognised by magnitude, and a connection paused by an answer stored before the ceiling existed recovers.
 */
import { parseResetValue } from '../../../lib/limits/headers';
import { RateLimiter, RateLimitWaitError, type LimitKey } from '../../../lib/limits/limiter';
import { DEFAULT_MAX_PAUSE_MS, maxPauseOf, type RateLimitPolicy } from '../../../lib/limits/policy';
import { MemoryBudgetStore } from '../../../lib/limits/store';
import type { HttpHeaders } from '../../../lib/limits/observation';
import { FakeClock, flush, track } from '../../helpers/fake-clock';

const T0 = Date.parse('2026-11-29T09:00:00Z');
const HOUR = 3_600_000;
const key: LimitKey = { service: 'Example', connection: 'cred-1' };
const policy: RateLimitPolicy = { requests: 10, windowMs: 1000 };
const githubLike: RateLimitPolicy = {
	requests: 5000,
	windowMs: HOUR,
	headers: [
		{
			format: 'fields',
			limit: 'x-ratelimit-limit',
			remaining: 'x-ratelimit-remaining',
			reset: 'x-ratelimit-reset',
			resetUnit: 'epoch-seconds',
		},
	],
	throttled: [{ status: [403, 429], header: { name: 'x-ratelimit-remaining', in: ['0'] } }],
};

/** One request answered with `status`/`headers`, then: is a request `laterMs` later sent at once? */
async function sendsAgainAfter(
	p: RateLimitPolicy,
	status: number,
	headers: HttpHeaders,
	laterMs: number,
) {
	const clock = new FakeClock(T0);
	const limiter = new RateLimiter({ clock });
	const permit = await limiter.acquire(key, p, { maxWaitMs: 0 });
	await permit.release({ status, headers });
	await clock.advance(laterMs);
	const next = track(limiter.acquire(key, p, { maxWaitMs: 0 }));
	await flush();
	return {
		sent: next.state === 'resolved',
		error: next.error as RateLimitWaitError | undefined,
		limiter,
		clock,
	};
}

describe('a pause learned from one answer is capped', () => {
	it('Retry-After: 1000000000 blocks the connection for at most 1 h', async () => {
		expect(
			(await sendsAgainAfter(policy, 429, { 'retry-after': '1000000000' }, HOUR - 1)).sent,
		).toBe(false);
		expect((await sendsAgainAfter(policy, 429, { 'retry-after': '1000000000' }, HOUR)).sent).toBe(
			true,
		);
	});

	it('a Retry-After dated in the year 9999 blocks it for at most 1 h', async () => {
		const headers = { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' };
		expect((await sendsAgainAfter(policy, 429, headers, HOUR - 1)).sent).toBe(false);
		expect((await sendsAgainAfter(policy, 429, headers, HOUR)).sent).toBe(true);
	});

	it('a reset far in the future (remaining 0) ends the window within the ceiling', async () => {
		const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '253402300799' }; // 9999-12-31, epoch seconds
		expect((await sendsAgainAfter(githubLike, 403, headers, HOUR - 1)).sent).toBe(false);
		expect((await sendsAgainAfter(githubLike, 403, headers, HOUR)).sent).toBe(true);
	});

	it("a policy's own ceiling (maxPauseMs) wins over the default", async () => {
		const tenMinutes = { ...policy, maxPauseMs: 600_000 };
		expect((await sendsAgainAfter(tenMinutes, 429, { 'retry-after': '86400' }, 599_999)).sent).toBe(
			false,
		);
		expect((await sendsAgainAfter(tenMinutes, 429, { 'retry-after': '86400' }, 600_000)).sent).toBe(
			true,
		);
	});

	it('the default ceiling is 1 h, or one whole window when the window is longer (a daily quota)', () => {
		expect(DEFAULT_MAX_PAUSE_MS).toBe(HOUR);
		expect(maxPauseOf({ requests: 1, windowMs: 1000 })).toBe(HOUR);
		expect(maxPauseOf({ requests: 1, windowMs: 86_400_000 })).toBe(86_400_000);
		expect(maxPauseOf({ requests: 1, windowMs: 1000, maxPauseMs: 5000 })).toBe(5000);
		expect(maxPauseOf(undefined)).toBe(HOUR);
	});

	it('a pause the engine is asked to set (after a 429) is capped too', async () => {
		const clock = new FakeClock(T0);
		const limiter = new RateLimiter({ clock });
		await (await limiter.acquire(key, policy, { maxWaitMs: 0 })).release();
		await limiter.pauseUntil(key, Date.parse('9999-12-31T23:59:59Z'));
		await clock.advance(HOUR);
		const next = track(limiter.acquire(key, policy, { maxWaitMs: 0 }));
		await flush();
		expect(next.state).toBe('resolved');
	});

	it('a short Retry-After is honoured exactly (the ceiling does not shorten legitimate pauses)', async () => {
		expect((await sendsAgainAfter(policy, 429, { 'retry-after': '120' }, 119_999)).sent).toBe(
			false,
		);
		expect((await sendsAgainAfter(policy, 429, { 'retry-after': '120' }, 120_000)).sent).toBe(true);
	});
});

describe('reset units are recognised by magnitude', () => {
	const inThirtySeconds = T0 + 30_000;

	it('a reset in milliseconds where epoch seconds were declared', async () => {
		expect(parseResetValue(String(inThirtySeconds), 'epoch-seconds', T0)).toBe(inThirtySeconds);
		const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(inThirtySeconds) };
		expect((await sendsAgainAfter(githubLike, 403, headers, 29_999)).sent).toBe(false);
		expect((await sendsAgainAfter(githubLike, 403, headers, 30_000)).sent).toBe(true);
	});

	it('epoch seconds where a delta was declared, and a delta where an epoch was declared', () => {
		expect(parseResetValue(String(inThirtySeconds / 1000), 'delta-seconds', T0)).toBe(
			inThirtySeconds,
		);
		expect(parseResetValue('30', 'epoch-seconds', T0)).toBe(inThirtySeconds);
		expect(parseResetValue('30000', 'epoch-ms', T0)).toBe(inThirtySeconds);
		expect(parseResetValue(String(inThirtySeconds / 1000), 'epoch-ms', T0)).toBe(inThirtySeconds);
	});
});

describe('a connection paused before the ceiling existed recovers', () => {
	it('the store brings a stored pause beyond the ceiling back within it, once, and it then ends', async () => {
		const store = new MemoryBudgetStore();
		await store.pauseUntil('k', Date.parse('9999-12-31T23:59:59Z'));
		expect(await store.tryAcquire('k', policy, T0)).toEqual({
			granted: false,
			reason: 'paused',
			retryAtMs: T0 + HOUR,
		});
		// Asked again later, the pause still ends where it was brought to: it does not slide forward.
		expect(await store.tryAcquire('k', policy, T0 + HOUR - 1)).toEqual({
			granted: false,
			reason: 'paused',
			retryAtMs: T0 + HOUR,
		});
		expect(await store.tryAcquire('k', policy, T0 + HOUR)).toEqual({ granted: true, seq: 1 });
	});

	it('a waiter told to wait names the real option and how long the server asked', async () => {
		const { error } = await sendsAgainAfter(
			{ ...policy, requests: 200, windowMs: HOUR },
			429,
			{ 'retry-after': '600' },
			0,
		);
		expect(error).toBeInstanceOf(RateLimitWaitError);
		expect(error?.message).toContain("'Max Queue Wait (Seconds)'");
		expect(error?.message).not.toMatch(/'Max Wait'/);
	});
});
