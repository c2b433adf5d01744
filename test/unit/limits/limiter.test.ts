import {
	RateLimiter,
	RateLimitWaitError,
	type LimitKey,
	type Permit,
} from '../../../lib/limits/limiter';
import type { RateLimitPolicy } from '../../../lib/limits/policy';
import { MemoryBudgetStore } from '../../../lib/limits/store';
import { FakeClock, flush, track } from '../../helpers/fake-clock';

const T0 = Date.parse('2026-11-29T09:00:00Z');
const key: LimitKey = { service: 'Example', connection: 'cred-1' };
const LONG = { maxWaitMs: 86_400_000 };

function setup() {
	const clock = new FakeClock(T0);
	return { clock, limiter: new RateLimiter({ clock }) };
}

describe('RateLimiter: queueing', () => {
	it('serves waiters of one key in FIFO order as the window allows', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = { requests: 2, windowMs: 1000 };
		const served: Array<[number, number]> = [];
		const all = [0, 1, 2, 3, 4, 5].map((i) =>
			limiter.acquire(key, policy, LONG).then(async (p) => {
				served.push([i, clock.now() - T0]);
				await p.release();
			}),
		);
		await clock.advance(3000);
		await Promise.all(all);
		expect(served).toEqual([
			[0, 0],
			[1, 0],
			[2, 1000],
			[3, 1000],
			[4, 2000],
			[5, 2000],
		]);
	});

	it('never lets one key wait block another key', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = { requests: 1, windowMs: 3_600_000 };
		await limiter.acquire(key, policy, LONG);
		const blocked = track(limiter.acquire(key, policy, LONG));
		const other = track(
			limiter.acquire({ service: 'Example', connection: 'cred-2' }, policy, LONG),
		);
		const otherService = track(
			limiter.acquire({ service: 'Other', connection: 'cred-1' }, policy, LONG),
		);
		await flush();
		expect([blocked.state, other.state, otherService.state]).toEqual([
			'pending',
			'resolved',
			'resolved',
		]);
		await clock.advance(3_600_000);
		expect(blocked.state).toBe('resolved');
	});

	it('caps requests in flight per key and hands the freed slot to the next waiter', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = { requests: 100, windowMs: 1000, maxConcurrency: 2 };
		const a = await limiter.acquire(key, policy, LONG);
		await limiter.acquire(key, policy, LONG);
		const third = track(limiter.acquire(key, policy, LONG));
		await clock.advance(5000);
		expect(third.state).toBe('pending');
		await a.release();
		await flush();
		expect(third.state).toBe('resolved');
		expect((third.value as Permit).waitedMs).toBe(5000);
	});

	it('removes an aborted waiter and serves the next one', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = { requests: 1, windowMs: 1000 };
		await limiter.acquire(key, policy, LONG);
		const controller = new AbortController();
		const aborted = track(limiter.acquire(key, policy, { ...LONG, signal: controller.signal }));
		const next = track(limiter.acquire(key, policy, LONG));
		controller.abort(new Error('execution cancelled'));
		await clock.advance(1000);
		expect(aborted.state).toBe('rejected');
		expect((aborted.error as Error).message).toBe('execution cancelled');
		expect(next.state).toBe('resolved');
	});

	it('grants a request nobody queues before at once: no place in the queue, no listener on the signal', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = { requests: 1, windowMs: 1000 };
		const controller = new AbortController();
		const listen = jest.spyOn(controller.signal, 'addEventListener');
		const first = await limiter.acquire(key, policy, { ...LONG, signal: controller.signal });
		expect(first.waitedMs).toBe(0);
		expect(listen).not.toHaveBeenCalled();
		// The budget is spent: the next request queues, and listens for a cancel while it waits.
		const second = track(limiter.acquire(key, policy, { ...LONG, signal: controller.signal }));
		await flush();
		expect(second.state).toBe('pending');
		expect(listen).toHaveBeenCalledWith('abort', expect.any(Function), { once: true });
		await first.release();
		await clock.advance(1000);
		expect(second.state).toBe('resolved');
		expect((await limiter.snapshot(key))?.granted).toBe(2);
	});

	it('holds the place of a request that left late from when it left, before its answer', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = { requests: 1, windowMs: 1000 };
		const first = await limiter.acquire(key, policy, LONG);
		await clock.advance(900);
		first.sent(clock.now());
		await clock.advance(100);
		// A window after its grant, but it left only 100 ms ago: the next waits until a window after that.
		const next = track(limiter.acquire(key, policy, LONG));
		await clock.advance(899);
		expect(next.state).toBe('pending');
		await clock.advance(1);
		expect(next.state).toBe('resolved');
	});

	it('rejects waiters instead of hanging when the store fails', async () => {
		const clock = new FakeClock(T0);
		const store = new MemoryBudgetStore();
		store.tryAcquire = async () => {
			throw new Error('store unreachable');
		};
		const limiter = new RateLimiter({ clock, store });
		const waiter = track(limiter.acquire(key, { requests: 1, windowMs: 1000 }, LONG));
		await flush();
		expect(waiter.state).toBe('rejected');
		expect((waiter.error as Error).message).toBe('store unreachable');
	});

	it('releases a permit only once', async () => {
		const { limiter } = setup();
		const policy: RateLimitPolicy = { requests: 10, windowMs: 1000, maxConcurrency: 1 };
		const p = await limiter.acquire(key, policy, LONG);
		await p.release();
		await p.release();
		expect((await limiter.snapshot(key))?.budget?.inFlight).toBe(0);
	});
});

describe('RateLimiter: adapting to the server', () => {
	const headersPolicy: RateLimitPolicy = { requests: 10, windowMs: 60_000 };

	it('pauses until the reported reset when remaining is 0, then resumes', async () => {
		const { clock, limiter } = setup();
		const p = await limiter.acquire(key, headersPolicy, LONG);
		await p.release({
			status: 200,
			headers: {
				'x-ratelimit-limit': '10',
				'x-ratelimit-remaining': '0',
				'x-ratelimit-reset': String((T0 + 30_000) / 1000),
			},
		});
		const next = track(limiter.acquire(key, headersPolicy, LONG));
		await clock.advance(29_999);
		expect(next.state).toBe('pending');
		await clock.advance(1);
		expect(next.state).toBe('resolved');
		expect((next.value as Permit).waitedMs).toBe(30_000);
	});

	it('slows down when the server reports less remaining than expected', async () => {
		const { clock, limiter } = setup();
		const p = await limiter.acquire(key, headersPolicy, LONG);
		await p.release({ status: 200, headers: { 'x-ratelimit-remaining': '2' } });
		const times: number[] = [];
		for (let i = 0; i < 3; i++)
			void limiter.acquire(key, headersPolicy, LONG).then(() => times.push(clock.now() - T0));
		await clock.advance(60_000);
		// Sliding log: two now, the third when the first request (and the others' share) ages out.
		expect(times).toEqual([0, 0, 60_000]);
	});

	it('pauses the whole key for Retry-After in seconds', async () => {
		const { clock, limiter } = setup();
		const p = await limiter.acquire(key, headersPolicy, LONG);
		await p.release({ status: 429, headers: { 'retry-after': '5' } });
		const next = track(limiter.acquire(key, headersPolicy, LONG));
		await clock.advance(4999);
		expect(next.state).toBe('pending');
		await clock.advance(1);
		expect(next.state).toBe('resolved');
	});

	it('pauses the whole key for Retry-After as an HTTP-date', async () => {
		const { clock, limiter } = setup();
		const p = await limiter.acquire(key, headersPolicy, LONG);
		await p.release({ status: 503, headers: { 'Retry-After': 'Sun, 29 Nov 2026 09:00:07 GMT' } });
		const next = track(limiter.acquire(key, headersPolicy, LONG));
		await clock.advance(6999);
		expect(next.state).toBe('pending');
		await clock.advance(1);
		expect(next.state).toBe('resolved');
	});

	it('pauses on pauseUntil', async () => {
		const { clock, limiter } = setup();
		await limiter.pauseUntil(key, T0 + 2000);
		const next = track(limiter.acquire(key, headersPolicy, LONG));
		await clock.advance(1999);
		expect(next.state).toBe('pending');
		await clock.advance(1);
		expect(next.state).toBe('resolved');
	});

	it('treats a throttled answer without timing as a spent budget', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = {
			...headersPolicy,
			throttled: [{ status: [403], body: { path: 'error.code', in: [4] } }],
		};
		const p = await limiter.acquire(key, policy, LONG);
		await p.release({ status: 403, body: { error: { code: 4 } } });
		const next = track(limiter.acquire(key, policy, LONG));
		await clock.advance(59_999);
		expect(next.state).toBe('pending');
		await clock.advance(1);
		expect(next.state).toBe('resolved');
		expect((await limiter.snapshot(key))?.throttled).toBe(1);
	});

	it('holds back briefly when throttled after the announced reset (clock skew)', async () => {
		const { clock, limiter } = setup();
		const p = await limiter.acquire(key, headersPolicy, LONG);
		await p.release({
			status: 429,
			headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0 / 1000 - 1) },
		});
		const next = track(limiter.acquire(key, headersPolicy, LONG));
		await clock.advance(999);
		expect(next.state).toBe('pending');
		await clock.advance(1);
		expect(next.state).toBe('resolved');
	});

	it('slows down on high usage percentages and pauses until access is regained', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = {
			requests: 100,
			windowMs: 3_600_000,
			headers: [
				{ format: 'usage-percent', header: 'x-app-usage' },
				{ format: 'usage-percent', header: 'x-business-use-case-usage' },
			],
		};
		const p = await limiter.acquire(key, policy, LONG);
		await p.release({
			status: 200,
			headers: { 'x-app-usage': '{"call_count":95,"total_cputime":10,"total_time":10}' },
		});
		let granted = 0;
		for (let i = 0; i < 10; i++) void limiter.acquire(key, policy, LONG).then(() => granted++);
		await clock.advance(1000);
		expect(granted).toBe(5); // 95% used of 100 leaves 5

		const { clock: clock2, limiter: limiter2 } = setup();
		const q = await limiter2.acquire(key, policy, LONG);
		await q.release({
			status: 400,
			headers: {
				'x-business-use-case-usage':
					'{"42":[{"type":"pages","call_count":100,"total_cputime":3,"total_time":3,"estimated_time_to_regain_access":15}]}',
			},
		});
		const next = track(limiter2.acquire(key, policy, LONG));
		await clock2.advance(15 * 60_000 - 1);
		expect(next.state).toBe('pending');
		await clock2.advance(1);
		expect(next.state).toBe('pending'); // regained access, but the budget is still spent (100% of the window)
		expect((await limiter2.snapshot(key))?.budget?.pausedUntilMs).toBeNull();
	});

	it('follows a used/limit bucket header', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = {
			requests: 2,
			windowMs: 1000,
			burst: 40,
			headers: [{ format: 'used-of-limit', header: 'X-Shopify-Shop-Api-Call-Limit' }],
		};
		const p = await limiter.acquire(key, policy, LONG);
		await p.release({ status: 200, headers: { 'x-shopify-shop-api-call-limit': '39/40' } });
		const times: number[] = [];
		for (let i = 0; i < 3; i++)
			void limiter.acquire(key, policy, LONG).then(() => times.push(clock.now() - T0));
		await clock.advance(2000);
		expect(times).toEqual([0, 500, 1000]);
	});

	it.each([
		[
			'draft -06 fields',
			{ 'ratelimit-limit': '10', 'ratelimit-remaining': '0', 'ratelimit-reset': '20' },
		],
		['draft -07 dictionary', { ratelimit: 'limit=10, remaining=0, reset=20' }],
		[
			'draft -08+ list',
			{ ratelimit: '"default";r=0;t=20', 'ratelimit-policy': '"default";q=10;w=60' },
		],
	])('waits for the reset of the IETF %s', async (_name, headers) => {
		const { clock, limiter } = setup();
		const p = await limiter.acquire(key, headersPolicy, LONG);
		await p.release({ status: 200, headers });
		const next = track(limiter.acquire(key, headersPolicy, LONG));
		await clock.advance(19_999);
		expect(next.state).toBe('pending');
		await clock.advance(1);
		expect(next.state).toBe('resolved');
	});
});

describe('RateLimiter: bounded waits', () => {
	const hourly: RateLimitPolicy = { requests: 200, windowMs: 3_600_000 };
	const spent = {
		'x-ratelimit-limit': '200',
		'x-ratelimit-remaining': '0',
		'x-ratelimit-reset': String(Date.parse('2026-11-29T10:00:00Z') / 1000),
	};
	const gh: LimitKey = { service: 'GitHub', connection: 'cred-9' };

	it('rejects at once a waiter whose bound ends before the window resets', async () => {
		const { clock, limiter } = setup();
		const p = await limiter.acquire(gh, hourly, LONG);
		await p.release({ status: 200, headers: spent });
		const waiter = track(limiter.acquire(gh, hourly, { maxWaitMs: 120_000 }));
		await flush();
		expect(waiter.state).toBe('rejected');
		const error = waiter.error as RateLimitWaitError;
		expect(error).toBeInstanceOf(RateLimitWaitError);
		expect(error.message).toBe(
			"The GitHub rate limit (200 requests per 1 h) is used up until 2026-11-29T10:00:00Z, longer than 'Max Queue Wait (Seconds)' allows (120 s), so the request was not sent. Raise 'Max Queue Wait (Seconds)' in the node options, send fewer requests (for example lower 'Concurrent Items'), or run the workflow after 2026-11-29T10:00:00Z.",
		);
		expect([error.waitedMs, error.resetAtMs, error.reason, error.connection]).toEqual([
			0,
			Date.parse('2026-11-29T10:00:00Z'),
			'window',
			'cred-9',
		]);
		expect(clock.pending).toBe(0);
	});

	it('rejects a waiter that waited its whole bound, with the next reset', async () => {
		const clock = new FakeClock(Date.parse('2026-11-29T09:58:00Z'));
		const limiter = new RateLimiter({ clock });
		const p = await limiter.acquire(gh, hourly, LONG);
		await p.release({ status: 200, headers: spent });
		// 200 requests queue ahead with long bounds: they take all of the next window.
		const ahead = Array.from({ length: 200 }, () =>
			track(limiter.acquire(gh, hourly, { maxWaitMs: 3_600_000 })),
		);
		const waiter = track(limiter.acquire(gh, hourly, { maxWaitMs: 120_000 }));
		await clock.advance(119_999);
		expect(waiter.state).toBe('pending');
		await clock.advance(1);
		expect(ahead.every((a) => a.state === 'resolved')).toBe(true);
		expect(waiter.state).toBe('rejected');
		const error = waiter.error as RateLimitWaitError;
		expect(error.message).toBe(
			"The request waited 120 s, all that 'Max Queue Wait (Seconds)' allows, for the GitHub rate limit (200 requests per 1 h) and was not sent; the window resets at 2026-11-29T11:00:00Z. Raise 'Max Queue Wait (Seconds)' in the node options, send fewer requests (for example lower 'Concurrent Items'), or run the workflow after 2026-11-29T11:00:00Z.",
		);
		expect([error.waitedMs, error.maxWaitMs, error.resetAtMs]).toEqual([
			120_000,
			120_000,
			Date.parse('2026-11-29T11:00:00Z'),
		]);
		expect((await limiter.snapshot(gh))?.waitErrors).toBe(1);
	});

	it('rejects a waiter stuck behind busy concurrency slots', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = { requests: 10, windowMs: 1000, maxConcurrency: 1 };
		await limiter.acquire(key, policy, LONG);
		const waiter = track(limiter.acquire(key, policy, { maxWaitMs: 5000 }));
		await clock.advance(4999);
		expect(waiter.state).toBe('pending');
		await clock.advance(1);
		expect((waiter.error as Error).message).toBe(
			"The request waited 5 s, all that 'Max Queue Wait (Seconds)' allows, while the one request slot of Example stayed busy, so it was not sent. Raise 'Max Queue Wait (Seconds)' or lower 'Concurrent Items' in the node options.",
		);
	});

	it('rejects waiters during a server-requested pause that outlasts their bound', async () => {
		const { limiter } = setup();
		const p = await limiter.acquire(key, hourly, LONG);
		await p.release({ status: 429, headers: { 'retry-after': '600' } });
		const waiter = track(limiter.acquire(key, hourly, { maxWaitMs: 60_000 }));
		await flush();
		expect((waiter.error as Error).message).toBe(
			"Example asked to pause this connection until 2026-11-29T09:10:00Z (10 min from now), longer than 'Max Queue Wait (Seconds)' allows (60 s), so the request was not sent. Run the workflow again after 2026-11-29T09:10:00Z, or raise 'Max Queue Wait (Seconds)' in the node options so the request waits for it.",
		);
	});
});

describe('RateLimiter: snapshot', () => {
	it('reports usage statistics and the budget of a key', async () => {
		const { clock, limiter } = setup();
		const policy: RateLimitPolicy = { requests: 2, windowMs: 1000 };
		expect(await limiter.snapshot(key)).toBeNull();
		for (let i = 0; i < 3; i++) void limiter.acquire(key, policy, LONG);
		await flush();
		expect(await limiter.snapshot(key)).toEqual({
			granted: 2,
			throttled: 0,
			waitErrors: 0,
			totalWaitMs: 0,
			longestWaitMs: 0,
			queued: 1,
			budget: {
				mode: 'sliding',
				limit: 2,
				windowMs: 1000,
				remaining: 0,
				nextSlotAtMs: T0 + 1000,
				resetAtMs: T0 + 1000,
				pausedUntilMs: null,
				inFlight: 2,
				granted: 2,
			},
		});
		await clock.advance(1000);
		expect(await limiter.snapshot(key)).toMatchObject({
			granted: 3,
			totalWaitMs: 1000,
			longestWaitMs: 1000,
			queued: 0,
		});
	});
});
