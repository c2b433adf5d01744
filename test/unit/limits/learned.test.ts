/**
 * Limits learned from 429s (lib/limits/learned.ts) through the rate limiter, on virtual time: what is learned,
 * what teaches nothing, and how a learned limit is revised upward so a transient 429 does not throttle the
 * connection for good.
 */
import { UNDECLARED_LIMIT, LEARNED_TTL_MS } from '../../../lib/limits/learned';
import { RateLimiter, RateLimitWaitError } from '../../../lib/limits/limiter';
import { MemoryBudgetStore } from '../../../lib/limits/store';
import { FakeClock } from '../../helpers/fake-clock';

const key = { service: 'customApi', connection: 'customApiBearerApi:c1' };
const id = 'customApi:customApiBearerApi%3Ac1';

/**
 * A server allowing `limit(windowIndex)` requests per window starting with the first request after the
 * previous window ended, answering 429 + Retry-After (whole seconds) past it.
 */
function server(clock: FakeClock, limit: (window: number) => number, windowMs = 1000) {
	let start = -Infinity;
	let count = 0;
	let window = -1;
	return (): { status: number; headers: Record<string, string> } => {
		const now = clock.now();
		if (now >= start + windowMs) [start, count, window] = [now, 0, window + 1];
		if (count < limit(window)) {
			count++;
			return { status: 200, headers: {} };
		}
		const retryAfter = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
		return { status: 429, headers: { 'retry-after': String(retryAfter) } };
	};
}

/** Sends `n` requests one after another through the limiter; returns ok/refused per second since the start. */
async function sendAll(
	clock: FakeClock,
	limiter: RateLimiter,
	answer: () => { status: number; headers: Record<string, string> },
	n: number,
): Promise<Record<number, string>> {
	const t0 = clock.now();
	const out: Record<number, [number, number]> = {};
	const run = (async () => {
		for (let i = 0; i < n; i++) {
			const permit = await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 86_400_000 });
			const second = Math.floor((clock.now() - t0) / 1000);
			const a = answer();
			out[second] ??= [0, 0];
			out[second][a.status === 200 ? 0 : 1]++;
			await permit.release(a);
			// A refused request is retried (as the pipeline does): it counts as one more to send.
			if (a.status !== 200) i--;
		}
	})();
	const settled = await clock.runUntilSettled(run);
	expect(settled.state).toBe('resolved');
	return Object.fromEntries(Object.entries(out).map(([s, [ok, no]]) => [s, `${ok}/${no}`]));
}

/** A limiter on virtual time over a memory store. */
function learner() {
	const clock = new FakeClock();
	const store = new MemoryBudgetStore();
	return { clock, store, limiter: new RateLimiter({ clock, store }) };
}

describe('learned limits', () => {
	it('a limit learned from a transient 429 is raised after its hold, by half per window without a 429, until a 429 teaches it again', async () => {
		const { clock, store, limiter } = learner();
		const t0 = clock.now();
		// The first window allows 3 (a transient squeeze), every later one 10.
		const seen = await sendAll(
			clock,
			limiter,
			server(clock, (w) => (w === 0 ? 3 : 10)),
			400,
		);
		// 3 per second while the hold lasts (60 s from the resume at 1 s).
		for (let s = 1; s <= 60; s++) expect(seen[s]).toBe('3/0');
		expect(seen[0]).toBe('3/1');
		// Raised by half each window: 5, 8, 12 — the 11th of that window is refused, and 10 is learned again.
		expect([seen[61], seen[62], seen[63], seen[64], seen[65]]).toEqual([
			'5/0',
			'8/0',
			'10/1',
			'10/0',
			'10/0',
		]);
		const state = await store.learned.get(id, clock.now());
		// The raise that met a 429 doubles the hold: the next raise comes 120 s after the resume at 64 s.
		expect(state).toMatchObject({
			requests: 10,
			windowMs: 1000,
			holdMs: 120_000,
			raiseAtMs: t0 + 64_000 + 120_000,
			raised: false,
		});
	});

	it('stragglers of an episode already learned from teach nothing; an absurd or missing Retry-After teaches nothing', async () => {
		const { clock, store, limiter } = learner();
		const permits = [];
		for (let i = 0; i < 6; i++)
			permits.push(await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 1000 }));
		for (const p of permits.slice(0, 4)) await p.release({ status: 200 });
		// The 5th is refused with a time: 4 per (now + 2 s) is learned.
		await clock.advance(100);
		await permits[4].release({ status: 429, headers: { 'retry-after': '2' } });
		// The 6th was granted before that 429: its own 429 (later, asking another time) changes nothing.
		await clock.advance(100);
		await permits[5].release({ status: 429, headers: { 'retry-after': '5' } });
		expect(await store.learned.get(id, clock.now())).toMatchObject({ requests: 4, windowMs: 2100 });

		// A fresh connection: a 429 with no time, then one asking for 31 years, teach nothing.
		const other = { ...key, connection: 'other' };
		const otherId = 'customApi:other';
		for (const headers of [{}, { 'retry-after': '1000000000' }]) {
			const ok = await limiter.acquire(other, UNDECLARED_LIMIT, { maxWaitMs: 10_000_000_000 });
			await ok.release({ status: 200 });
			const refused = await limiter.acquire(other, UNDECLARED_LIMIT, { maxWaitMs: 10_000_000_000 });
			await refused.release({ status: 429, headers });
			expect((await store.learned.get(otherId, clock.now()))?.requests).toBeNull();
			await clock.advance(3_600_000);
		}
	});

	it('a learned limit not touched for 24 h is forgotten', async () => {
		const { clock, store, limiter } = learner();
		await sendAll(
			clock,
			limiter,
			server(clock, () => 2),
			4,
		);
		expect((await store.learned.get(id, clock.now()))?.requests).toBe(2);
		await clock.advance(LEARNED_TTL_MS - 1000);
		expect((await store.learned.get(id, clock.now()))?.requests).toBe(2);
		await clock.advance(1000);
		expect(await store.learned.get(id, clock.now())).toBeNull();
		// Unlimited again: 5 at once.
		const permits = [];
		for (let i = 0; i < 5; i++)
			permits.push(await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 }));
		expect(permits).toHaveLength(5);
	});

	it('a request the learned limit cannot serve within its bound says the learned limit', async () => {
		const { clock, limiter } = learner();
		// 3 answered, the 4th refused with Retry-After: 60: 3 per 60 s is learned; it went again at 60 s.
		await sendAll(
			clock,
			limiter,
			server(clock, () => 3, 60_000),
			4,
		);
		const granted = [];
		for (let i = 0; i < 2; i++)
			granted.push(await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 }));
		const error = await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 }).catch((e) => e);
		expect(error).toBeInstanceOf(RateLimitWaitError);
		expect((error as RateLimitWaitError).message).toContain('(3 requests per 1 min)');
	});

	it('429s that contradict the learned limit are erratic: the limit is dropped, nothing is learned and nothing else pauses for 10 min', async () => {
		const { clock, store, limiter } = learner();
		// 10 per second learned.
		await sendAll(
			clock,
			limiter,
			server(clock, () => 10),
			11,
		);
		expect((await store.learned.get(id, clock.now()))?.requests).toBe(10);
		// The next window: refused after 2, fewer than half the limit.
		await clock.advanceTo(clock.now() + 1000);
		for (let i = 0; i < 2; i++)
			await (
				await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 })
			).release({ status: 200 });
		const refused = await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 });
		await refused.release({ status: 429, headers: { 'retry-after': '1' } });
		const state = await store.learned.get(id, clock.now());
		expect(state).toMatchObject({
			requests: null,
			windowMs: null,
			erraticUntilMs: clock.now() + 600_000,
		});
		// The 429 paused nobody else: 20 go at once, and the caller's own pause is refused (it waits alone).
		for (let i = 0; i < 20; i++)
			await (
				await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 })
			).release({ status: 200 });
		expect(await limiter.pauseUntil(key, clock.now() + 1000)).toBe(false);
		// A 429 now teaches nothing: the connection is erratic.
		await (
			await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 })
		).release({ status: 429, headers: { 'retry-after': '1' } });
		expect((await store.learned.get(id, clock.now()))?.requests).toBeNull();
	});
});
