/**
 * Limits learned from 429s (lib/limits/learned.ts) through the rate limiter, on virtual time: what is learned,
 * what teaches nothing, and how a learned limit is revised upward so a transient 429 does not throttle the
 * connection for good.
 */
import { UNDECLARED_LIMIT, LEARNED_TTL_MS } from '../../../lib/limits/learned';
import { RateLimiter, RateLimitWaitError } from '../../../lib/limits/limiter';
import { MemoryBudgetStore } from '../../../lib/limits/store';
import { mulberry32 } from '../../faults/chaos-server';
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

/** A learner that has learned 10 per second from a server allowing that. */
async function learnedTen(): Promise<ReturnType<typeof learner>> {
	const l = learner();
	await sendAll(
		l.clock,
		l.limiter,
		server(l.clock, () => 10),
		11,
	);
	expect((await l.store.learned.get(id, l.clock.now()))?.requests).toBe(10);
	return l;
}

/** The next window: `ok` requests answered, then one refused with `retryAfter`; the learned state after it. */
async function refusedAfter(
	{ clock, store, limiter }: ReturnType<typeof learner>,
	ok: number,
	retryAfter: string,
) {
	await clock.advanceTo(clock.now() + 1000);
	for (let i = 0; i < ok; i++)
		await (await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 })).release({ status: 200 });
	await clock.advance(10);
	const refused = await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 });
	await refused.release({ status: 429, headers: { 'retry-after': retryAfter } });
	return await store.learned.get(id, clock.now());
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
			server(clock, () => 3),
			5,
		);
		expect((await store.learned.get(id, clock.now()))?.requests).toBe(3);
		await clock.advance(LEARNED_TTL_MS - 1000);
		expect((await store.learned.get(id, clock.now()))?.requests).toBe(3);
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
		const learned = await learnedTen();
		const { clock, store, limiter } = learned;
		// The next window: refused after 2, fewer than half the limit.
		const state = await refusedAfter(learned, 2, '1');
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

describe('a learned limit contradicted', () => {
	it('with at least half of it sent, the limit is learned again (a budget shared with other clients); with fewer, the 429s are erratic', async () => {
		const learned = await learnedTen();
		// Refused after 6 (at least half): 6 per window is learned again.
		expect(await refusedAfter(learned, 6, '1')).toMatchObject({ requests: 6, windowMs: 1010 });
		// Refused after 3 of 6 (half): 3 is learned again.
		expect(await refusedAfter(learned, 3, '1')).toMatchObject({ requests: 3, windowMs: 1010 });
		// Refused after 2 of 3: fewer than MIN_LEARNED_REQUESTS, so not a limit to keep to. Erratic.
		const state = await refusedAfter(learned, 2, '1');
		expect(state).toMatchObject({ requests: null, windowMs: null });
		expect(state?.erraticUntilMs).toBe(learned.clock.now() + 600_000);
	});
});

describe('a server refusing at random', () => {
	// Before MIN_LEARNED_REQUESTS, seeds 1, 3, 5, 7 and 8 learned a limit of 1 and took 134–215 s.
	it.each([1, 2, 3, 4, 5, 6, 7, 8])(
		'10 %% of requests refused at random (Retry-After 0 or 1 s), 25 senders, seed %i: no limit of one or two is learned, the 429s turn erratic, and the work is not paced',
		async (seed) => {
			const { clock, store, limiter } = learner();
			// Seeded: the same refusals every run.
			const next = mulberry32(seed);
			const t0 = clock.now();
			let ok = 0;
			let sent = 0;
			let refused = 0;
			const learned: number[] = [];
			// Executions start one after another, as n8n starts them; round trips of 2–10 ms.
			const sender = async (_: unknown, i: number) => {
				await clock.sleep(i * 25);
				while (ok < 1000) {
					const permit = await limiter.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 86_400_000 });
					await clock.sleep(2 + Math.floor(next() * 9));
					// The 3rd and 5th requests are refused, as in the run that found this; then 10 % at random.
					const n = ++sent;
					if (n === 3 || n === 5 || (n > 5 && next() < 0.1)) {
						refused++;
						const retryAfter = n === 3 || (n > 5 && next() < 0.5) ? 0 : 1;
						await permit.release({ status: 429, headers: { 'retry-after': String(retryAfter) } });
						const state = await store.learned.get(id, clock.now());
						if (state?.requests != null) learned.push(state.requests);
						// The refused request waits its own Retry-After, as the pipeline's retry does.
						await clock.sleep(retryAfter * 1000);
					} else {
						ok++;
						await permit.release({ status: 200 });
					}
				}
			};
			const settled = await clock.runUntilSettled(Promise.all(Array.from({ length: 25 }, sender)));
			expect(settled.state).toBe('resolved');
			const tookMs = clock.now() - t0;
			expect(refused).toBeGreaterThan(80);
			// Every limit learned on the way counted at least 3 successes; a limit of 1 or 2 per window would
			// pace the connection and no random 429 could contradict it.
			expect(Math.min(...learned, Infinity)).toBeGreaterThanOrEqual(3);
			const state = await store.learned.get(id, clock.now());
			expect(state).toMatchObject({ requests: null, windowMs: null });
			expect(state?.erraticUntilMs).toBeGreaterThan(clock.now());
			// 1,000 answers at 25 × 2–10 ms take 0.25 s; the refused ones' own waits add a few seconds, and a small
			// limit learned before the 429s turn erratic up to 7 more (5–12 s).
			expect(tookMs).toBeLessThan(15_000);
		},
	);
});
