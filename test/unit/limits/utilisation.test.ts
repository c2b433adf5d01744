/**
 * The limiter against simulated servers on virtual time: K = 5×N requests through a server allowing N
 * per window must finish within 1.05 × the theoretical minimum with no throttled answer.
 */
import { ARRIVAL_ALLOWANCE_MS, RateLimiter, type LimitKey } from '../../../lib/limits/limiter';
import type { ResponseObservation } from '../../../lib/limits/observation';
import type { RateLimitPolicy } from '../../../lib/limits/policy';
import { FakeClock } from '../../helpers/fake-clock';

const T0 = Date.parse('2026-11-29T09:00:00Z');
const key: LimitKey = { service: 'Sim', connection: 'c' };
const LATENCY = 50;

interface SimServer {
	handle(nowMs: number): ResponseObservation;
	throttled: number;
}

/** N per fixed window aligned to the epoch; optionally reports X-RateLimit-* with an epoch-seconds reset. */
function fixedWindowServer(n: number, windowMs: number, reportHeaders: boolean): SimServer {
	const counts = new Map<number, number>();
	const server: SimServer = {
		throttled: 0,
		handle(now) {
			const index = Math.floor(now / windowMs);
			const used = counts.get(index) ?? 0;
			const headers = (remaining: number) =>
				reportHeaders
					? {
							'x-ratelimit-limit': String(n),
							'x-ratelimit-remaining': String(remaining),
							'x-ratelimit-reset': String(((index + 1) * windowMs) / 1000),
						}
					: {};
			if (used >= n) {
				server.throttled++;
				return { status: 429, headers: headers(0) };
			}
			counts.set(index, used + 1);
			return { status: 200, headers: headers(n - used - 1) };
		},
	};
	return server;
}

/** N in any window of `windowMs`, no headers. */
function slidingWindowServer(n: number, windowMs: number): SimServer {
	const log: number[] = [];
	const server: SimServer = {
		throttled: 0,
		handle(now) {
			while (log.length > 0 && log[0] <= now - windowMs) log.shift();
			if (log.length >= n) {
				server.throttled++;
				return { status: 429 };
			}
			log.push(now);
			return { status: 200 };
		},
	};
	return server;
}

/** A leaky bucket reporting `<used>/<size>`. */
function leakyBucketServer(size: number, leakPerSecond: number): SimServer {
	let level = 0;
	let at = T0;
	const server: SimServer = {
		throttled: 0,
		handle(now) {
			level = Math.max(0, level - ((now - at) / 1000) * leakPerSecond);
			at = now;
			if (level + 1 > size + 1e-9) {
				server.throttled++;
				return { status: 429, headers: { 'x-call-limit': `${Math.ceil(level - 1e-9)}/${size}` } };
			}
			level += 1;
			return { status: 200, headers: { 'x-call-limit': `${Math.ceil(level - 1e-9)}/${size}` } };
		},
	};
	return server;
}

/**
 * Sends `k` requests at once through the limiter; each leaves at once and reaches the server after half the
 * latency (the network's delay, the same for all: it shifts every arrival alike).
 */
async function run(
	clock: FakeClock,
	policy: RateLimitPolicy,
	server: SimServer,
	k: number,
	/** How long after its grant the i-th request leaves (a busy process); whether the limiter is told when. */
	leaving: { delayMs: (i: number) => number; told: boolean } = { delayMs: () => 0, told: true },
): Promise<number> {
	const limiter = new RateLimiter({ clock });
	const start = clock.now();
	const all = Promise.all(
		Array.from({ length: k }, async (_, i) => {
			const permit = await limiter.acquire(key, policy, { maxWaitMs: 86_400_000 });
			const delay = leaving.delayMs(i);
			if (delay > 0) await clock.sleep(delay);
			const sentAtMs = clock.now();
			await clock.sleep(LATENCY / 2);
			const answer = server.handle(clock.now());
			await clock.sleep(LATENCY / 2);
			await permit.release(answer, leaving.told ? { sentAtMs } : {});
		}),
	);
	const outcome = await clock.runUntilSettled(all);
	expect(outcome.state).toBe('resolved');
	return clock.now() - start;
}

describe('limiter utilisation', () => {
	const N = 20;
	const W = 10_000;

	it('fills a reporting fixed-window server exactly, aligned to its resets (start mid-window)', async () => {
		const clock = new FakeClock(T0 + 3000);
		const server = fixedWindowServer(N, W, true);
		const elapsed = await run(clock, { requests: N, windowMs: W }, server, 5 * N);
		const minimum = W - 3000 + 3 * W + LATENCY;
		expect(server.throttled).toBe(0);
		expect(elapsed).toBe(minimum);
	});

	it('fills a reporting fixed-window server with a policy that guesses the window wrong', async () => {
		const clock = new FakeClock(T0);
		const server = fixedWindowServer(N, W, true);
		const elapsed = await run(clock, { requests: N, windowMs: 60_000 }, server, 5 * N);
		expect(server.throttled).toBe(0);
		expect(elapsed / (4 * W + LATENCY)).toBeLessThanOrEqual(1.05);
	});

	it('never overshoots a silent fixed-window server (sliding log)', async () => {
		const clock = new FakeClock(T0);
		const server = fixedWindowServer(N, W, false);
		const elapsed = await run(clock, { requests: N, windowMs: W }, server, 5 * N);
		expect(server.throttled).toBe(0);
		// Each window starts when the last one's requests had reached the server at the latest (left + allowance).
		expect(elapsed).toBe(4 * (W + ARRIVAL_ALLOWANCE_MS) + LATENCY);
	});

	it('never overshoots a silent server when requests leave long after their grants (a busy process)', async () => {
		// The i-th of each batch leaves 0–190 ms after its grant, as the last of 20 sent at once from a busy worker.
		const leavingLate = (i: number) => (i % N) * 10;
		const clock = new FakeClock(T0);
		const server = slidingWindowServer(N, 1000);
		const elapsed = await run(clock, { requests: N, windowMs: 1000 }, server, 5 * N, {
			delayMs: leavingLate,
			told: true,
		});
		expect(server.throttled).toBe(0);
		// A window costs the spread of its batch and the allowance, no more.
		expect(elapsed).toBeLessThanOrEqual(4 * (1000 + 190 + ARRIVAL_ALLOWANCE_MS) + 190 + LATENCY);
		// Only the first batch leaves late: not told, the log keeps each at its grant, the next window's requests
		// (leaving at once) arrive less than a window after them, and the server refuses them. Told, none.
		const firstLate = (i: number) => (i < N ? leavingLate(i) : 0);
		for (const told of [false, true]) {
			const blind = new FakeClock(T0);
			const server2 = slidingWindowServer(N, 1000);
			await run(blind, { requests: N, windowMs: 1000 }, server2, 2 * N, {
				delayMs: firstLate,
				told,
			});
			expect({ told, refused: server2.throttled > 0 }).toEqual({ told, refused: !told });
		}
	});

	it('never overshoots a silent sliding-window server', async () => {
		const clock = new FakeClock(T0);
		const server = slidingWindowServer(N, W);
		const elapsed = await run(clock, { requests: N, windowMs: W }, server, 5 * N);
		expect(server.throttled).toBe(0);
		expect(elapsed).toBe(4 * (W + ARRIVAL_ALLOWANCE_MS) + LATENCY);
	});

	it('keeps a leaky bucket full without overflowing it', async () => {
		const clock = new FakeClock(T0);
		const server = leakyBucketServer(40, 2);
		const policy: RateLimitPolicy = {
			requests: 2,
			windowMs: 1000,
			burst: 40,
			headers: [{ format: 'used-of-limit', header: 'x-call-limit' }],
		};
		const elapsed = await run(clock, policy, server, 200);
		const minimum = (160 / 2) * 1000 + LATENCY;
		expect(server.throttled).toBe(0);
		expect(elapsed / minimum).toBeLessThanOrEqual(1.05);
	});

	it('leaves room for another client sharing the bucket', async () => {
		const clock = new FakeClock(T0);
		const server = leakyBucketServer(40, 2);
		for (let i = 0; i < 30; i++) server.handle(T0); // someone else used 30 of 40
		// One at a time, so the first answer is known before the second request goes.
		const policy: RateLimitPolicy = {
			requests: 2,
			windowMs: 1000,
			burst: 40,
			maxConcurrency: 1,
			headers: [{ format: 'used-of-limit', header: 'x-call-limit' }],
		};
		const elapsed = await run(clock, policy, server, 60);
		expect(server.throttled).toBe(0);
		// 10 free at once, then 50 at 2 per second.
		expect(elapsed / (25_000 + LATENCY)).toBeLessThanOrEqual(1.05);
	});
});
