/**
 * The behaviour every `BudgetStore` must have, as test cases over a store factory: the in-memory store
 * (`store.test.ts`) and the Redis store of queue mode (`test/queue/redis-budget-store.test.ts`) run the same ones.
 */
import type { RateLimitPolicy } from '../../../lib/limits/policy';
import type { BudgetStore } from '../../../lib/limits/store';

export const T0 = Date.parse('2026-11-29T09:00:00Z');

export async function grantAll(
	store: BudgetStore,
	policy: RateLimitPolicy,
	now: number,
	n: number,
): Promise<number> {
	let granted = 0;
	for (let i = 0; i < n; i++) if ((await store.tryAcquire('k', policy, now)).granted) granted++;
	return granted;
}

/** Defines the shared cases; `make` returns a fresh, empty store for each test. */
export function budgetStoreCases(
	name: string,
	make: () => BudgetStore | Promise<BudgetStore>,
): void {
	describe(`${name}: sliding log`, () => {
		const policy: RateLimitPolicy = { requests: 3, windowMs: 1000 };

		it('grants `requests` per window and says when the oldest request ages out', async () => {
			const store = await make();
			expect(await store.tryAcquire('k', policy, T0)).toEqual({ granted: true, seq: 1 });
			expect(await store.tryAcquire('k', policy, T0 + 100)).toEqual({ granted: true, seq: 2 });
			expect(await store.tryAcquire('k', policy, T0 + 200)).toEqual({ granted: true, seq: 3 });
			// Each request is placed, once answered, where it reached the server at the latest.
			await store.release('k', 1, T0 + 20);
			await store.release('k', 2, T0 + 150);
			await store.release('k', 3, T0 + 230);
			expect(await store.tryAcquire('k', policy, T0 + 300)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 1020,
			});
			expect(await store.tryAcquire('k', policy, T0 + 1019)).toMatchObject({ granted: false });
			expect(await store.tryAcquire('k', policy, T0 + 1020)).toEqual({ granted: true, seq: 4 });
			expect(await store.tryAcquire('k', policy, T0 + 1020)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 1150,
			});
		});

		it('places an answered request where it reached the server at the latest, never before its grant', async () => {
			const store = await make();
			expect(await grantAll(store, policy, T0, 3)).toBe(3);
			await store.release('k', 1, T0 + 10);
			// Request 2 left late (a busy process): it holds its place from then.
			await store.release('k', 2, T0 + 400);
			// Request 3: when it arrived is not known, so it stays where it was granted.
			await store.release('k', 3);
			expect(await store.tryAcquire('k', policy, T0 + 1000)).toEqual({ granted: true, seq: 4 });
			expect(await store.tryAcquire('k', policy, T0 + 1000)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 1010,
			});
			expect(await store.tryAcquire('k', policy, T0 + 1010)).toEqual({ granted: true, seq: 5 });
			expect(await store.tryAcquire('k', policy, T0 + 1010)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 1400,
			});
			// Released twice, or never granted: nothing changes. A time before the grant does not move it earlier.
			await store.release('k', 2, T0 + 5000);
			await store.release('k', 99, T0 + 5000);
			await store.release('k', 4, T0 + 500);
			expect(await store.tryAcquire('k', policy, T0 + 1399)).toMatchObject({ granted: false });
			expect(await store.tryAcquire('k', policy, T0 + 1400)).toEqual({ granted: true, seq: 6 });
			expect(await store.tryAcquire('k', policy, T0 + 1400)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 2000,
			});
			// Request 5, answered more than a window after its grant, had aged out; it comes back where it arrived.
			await store.release('k', 6, T0 + 1400);
			await store.release('k', 5, T0 + 2400);
			expect(await grantAll(store, policy, T0 + 2500, 3)).toBe(2);
			expect(await store.tryAcquire('k', policy, T0 + 2500)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 3400,
			});
		});

		it('counts requests still in flight, each until a window after its grant', async () => {
			const store = await make();
			expect(await grantAll(store, policy, T0, 2)).toBe(2);
			expect(await store.tryAcquire('k', policy, T0 + 300)).toEqual({ granted: true, seq: 3 });
			// None answered: the window is full of requests in flight; the oldest frees its place at T0 + 1000.
			expect(await store.tryAcquire('k', policy, T0 + 999)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 1000,
			});
			expect(await grantAll(store, policy, T0 + 1000, 3)).toBe(2);
			expect(await store.tryAcquire('k', policy, T0 + 1000)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 1300,
			});
		});

		it('counts a request that has left, still in flight, from when it left', async () => {
			const store = await make();
			expect(await grantAll(store, policy, T0, 3)).toBe(3);
			// The first left a busy process only at T0 + 900: it may reach the server then.
			await store.sent?.('k', 1, T0 + 900);
			// At T0 + 1000 the other two age out; the one that left late keeps its place until T0 + 1900.
			expect(await grantAll(store, policy, T0 + 1000, 3)).toBe(2);
			expect(await store.tryAcquire('k', policy, T0 + 1000)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 1900,
			});
			// Answered, it keeps the later place (never an earlier one); then it ages out a window after it.
			await store.release('k', 1, T0 + 910);
			await store.sent?.('k', 1, T0 + 950);
			expect((await store.tryAcquire('k', policy, T0 + 1909)).granted).toBe(false);
			expect(await store.tryAcquire('k', policy, T0 + 1910)).toEqual({ granted: true, seq: 6 });
		});

		it('never grants more than `requests` in any window, whatever the timing', async () => {
			const store = await make();
			const grants: number[] = [];
			const answers: number[] = [];
			for (let t = T0; t < T0 + 10_000; t += 37) {
				const r = await store.tryAcquire('k', policy, t);
				if (!r.granted) continue;
				grants.push(t);
				// Answered 0–30 ms after its grant.
				answers.push(t + ((grants.length * 7) % 31));
				await store.release('k', r.seq, answers[answers.length - 1]);
			}
			for (const start of grants)
				expect(grants.filter((g) => g >= start && g < start + 1000).length).toBeLessThanOrEqual(3);
			// Wherever between grant and answer each request arrived, no 4 arrivals fit in one window.
			for (let i = 3; i < grants.length; i++)
				expect(grants[i]).toBeGreaterThanOrEqual(answers[i - 3] + 1000);
			expect(grants.length).toBe(30);
		});

		it('keeps keys apart', async () => {
			const store = await make();
			expect(await grantAll(store, policy, T0, 5)).toBe(3);
			expect((await store.tryAcquire('other', policy, T0)).granted).toBe(true);
		});

		it('lowers the budget to what the server reports, counting later grants as still to come', async () => {
			const store = await make();
			const wide: RateLimitPolicy = { requests: 10, windowMs: 60_000 };
			await grantAll(store, wide, T0, 3); // seq 1..3
			// The answer to request 1 says 4 are left; requests 2 and 3 were granted after it.
			await store.observe('k', wide, { remaining: 4, seq: 1 }, T0 + 50);
			expect(await grantAll(store, wide, T0 + 50, 10)).toBe(2);
			expect(await store.tryAcquire('k', wide, T0 + 50)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 60_000,
			});
		});

		it('never raises the budget from a report', async () => {
			const store = await make();
			await grantAll(store, policy, T0, 3);
			await store.observe('k', policy, { remaining: 100, seq: 3 }, T0);
			expect((await store.tryAcquire('k', policy, T0)).granted).toBe(false);
		});
	});

	describe(`${name}: server-aligned window`, () => {
		const policy: RateLimitPolicy = { requests: 5, windowMs: 10_000 };
		const reset = T0 + 4000;

		it('adopts the reported reset and refills exactly then', async () => {
			const store = await make();
			await grantAll(store, policy, T0, 1);
			await store.observe(
				'k',
				policy,
				{ limit: 5, remaining: 0, resetAtMs: reset, seq: 1 },
				T0 + 10,
			);
			expect(await store.tryAcquire('k', policy, T0 + 10)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: reset,
			});
			expect(await grantAll(store, policy, reset, 10)).toBe(5);
			// Next window assumed one policy window later, until the server says otherwise.
			expect(await store.tryAcquire('k', policy, reset)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: reset + 10_000,
			});
		});

		it('realigns an assumed window to the server, and ignores stale answers', async () => {
			const store = await make();
			await grantAll(store, policy, T0, 1);
			await store.observe(
				'k',
				policy,
				{ limit: 5, remaining: 4, resetAtMs: reset, seq: 1 },
				T0 + 10,
			);
			await grantAll(store, policy, reset, 5); // seq 2..6, in an assumed window ending reset + 10 s
			await store.observe(
				'k',
				policy,
				{ limit: 5, remaining: 4, resetAtMs: reset + 8000, seq: 2 },
				reset + 10,
			);
			expect(await store.tryAcquire('k', policy, reset + 10)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: reset + 8000,
			});
			// An answer from the earlier window (its reset is past) changes nothing.
			await store.observe(
				'k',
				policy,
				{ limit: 5, remaining: 0, resetAtMs: reset, seq: 1 },
				reset + 20,
			);
			expect((await store.snapshot('k', policy, reset + 20))?.resetAtMs).toBe(reset + 8000);
		});

		it('adopts the server limit when it differs from the policy', async () => {
			const store = await make();
			await grantAll(store, policy, T0, 1);
			await store.observe(
				'k',
				policy,
				{ limit: 8, remaining: 7, resetAtMs: reset, seq: 1 },
				T0 + 10,
			);
			expect(await grantAll(store, policy, T0 + 10, 20)).toBe(7);
			expect(await store.snapshot('k', policy, T0 + 10)).toEqual({
				mode: 'window',
				limit: 8,
				windowMs: 10_000,
				remaining: 0,
				nextSlotAtMs: reset,
				resetAtMs: reset,
				pausedUntilMs: null,
				inFlight: 8,
				granted: 8,
			});
		});

		it('counts others using the same budget', async () => {
			const store = await make();
			await grantAll(store, policy, T0, 2);
			// After our 2 requests the server has 1 left: someone else made 2.
			await store.observe(
				'k',
				policy,
				{ limit: 5, remaining: 1, resetAtMs: reset, seq: 2 },
				T0 + 10,
			);
			expect(await grantAll(store, policy, T0 + 10, 5)).toBe(1);
		});
	});

	describe(`${name}: token bucket, pause, concurrency`, () => {
		it('allows a burst, then refills at requests per window', async () => {
			const store = await make();
			const policy: RateLimitPolicy = { requests: 2, windowMs: 1000, burst: 4 };
			expect(await grantAll(store, policy, T0, 10)).toBe(4);
			expect(await store.tryAcquire('k', policy, T0)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 500,
			});
			expect(await grantAll(store, policy, T0 + 500, 10)).toBe(1);
			expect(await grantAll(store, policy, T0 + 5000, 10)).toBe(4);
		});

		it('lowers the tokens to a used/limit report', async () => {
			const store = await make();
			const policy: RateLimitPolicy = { requests: 2, windowMs: 1000, burst: 40 };
			await grantAll(store, policy, T0, 1);
			await store.observe('k', policy, { limit: 40, remaining: 2, seq: 1 }, T0);
			expect(await grantAll(store, policy, T0, 10)).toBe(2);
			expect(await store.tryAcquire('k', policy, T0)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 500,
			});
		});

		it('pauses a key, a later pause winning', async () => {
			const store = await make();
			const policy: RateLimitPolicy = { requests: 100, windowMs: 1000 };
			await store.pauseUntil('k', T0 + 5000);
			await store.pauseUntil('k', T0 + 3000);
			expect(await store.tryAcquire('k', policy, T0)).toEqual({
				granted: false,
				reason: 'paused',
				retryAtMs: T0 + 5000,
			});
			expect((await store.tryAcquire('k', policy, T0 + 5000)).granted).toBe(true);
		});

		it('caps requests in flight until one is released', async () => {
			const store = await make();
			const policy: RateLimitPolicy = { requests: 100, windowMs: 1000, maxConcurrency: 2 };
			expect(await grantAll(store, policy, T0, 3)).toBe(2);
			expect(await store.tryAcquire('k', policy, T0)).toEqual({
				granted: false,
				reason: 'concurrency',
				retryAtMs: null,
			});
			await store.release('k');
			expect((await store.tryAcquire('k', policy, T0)).granted).toBe(true);
		});

		it('brings a pause or window end stored beyond the ceiling within it once, so the key recovers (issue 10.7)', async () => {
			const store = await make();
			const policy: RateLimitPolicy = { requests: 5, windowMs: 1000, maxPauseMs: 60_000 };
			await store.pauseUntil('k', Date.parse('9999-12-31T23:59:59Z'));
			expect(await store.tryAcquire('k', policy, T0)).toEqual({
				granted: false,
				reason: 'paused',
				retryAtMs: T0 + 60_000,
			});
			expect(await store.tryAcquire('k', policy, T0 + 59_999)).toEqual({
				granted: false,
				reason: 'paused',
				retryAtMs: T0 + 60_000,
			});
			expect(await store.tryAcquire('k', policy, T0 + 60_000)).toEqual({ granted: true, seq: 1 });
			// A spent window whose reset lies in the year 9999 (observed by an older version, without the cap).
			await grantAll(store, policy, T0 + 60_000, 4);
			await store.observe(
				'k',
				policy,
				{ remaining: 0, resetAtMs: Date.parse('9999-12-31T23:59:59Z'), seq: 5 },
				T0 + 60_000,
			);
			expect(await store.tryAcquire('k', policy, T0 + 60_001)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 120_001,
			});
			expect((await store.tryAcquire('k', policy, T0 + 120_001)).granted).toBe(true);
		});

		it('has no snapshot for an unknown key', async () => {
			expect(await (await make()).snapshot('nope', { requests: 1, windowMs: 1 }, T0)).toBeNull();
		});
	});

	describe(`${name}: cost-based bucket (points restored per second)`, () => {
		// A bucket of 1000 points restoring 50 per second, as the limiter hands a cost-based budget to the store.
		const policy: RateLimitPolicy = {
			requests: 50,
			windowMs: 1000,
			burst: 1000,
			cost: { maximum: 1000, restorePerSecond: 50 },
		};

		it("takes each request's cost, and a costlier one waits until the bucket has restored enough", async () => {
			const store = await make();
			expect(await store.tryAcquire('k', policy, T0, 400)).toEqual({ granted: true, seq: 1 });
			expect(await store.tryAcquire('k', policy, T0, 400)).toEqual({ granted: true, seq: 2 });
			// 200 left: 400 more points need (400 - 200) / 50 = 4 s.
			expect(await store.tryAcquire('k', policy, T0, 400)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 4000,
			});
			// A cheap request still fits.
			expect(await store.tryAcquire('k', policy, T0, 150)).toEqual({ granted: true, seq: 3 });
			expect(await store.tryAcquire('k', policy, T0 + 5000, 300)).toEqual({
				granted: true,
				seq: 4,
			});
		});

		it('a request costlier than the whole bucket waits for a full bucket, not for ever', async () => {
			const store = await make();
			expect((await store.tryAcquire('k', policy, T0, 900)).granted).toBe(true);
			expect(await store.tryAcquire('k', policy, T0, 5000)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 18_000,
			});
		});

		it('hands back what a request did not cost, once, and follows what the server reports', async () => {
			const store = await make();
			expect((await store.tryAcquire('k', policy, T0, 600)).granted).toBe(true);
			expect((await store.tryAcquire('k', policy, T0, 400)).granted).toBe(true);
			// The first cost 100 of the 600 taken: 500 come back; the server then had 900 left.
			await store.observe('k', policy, { seq: 1, remaining: 900, limit: 1000, refund: 500 }, T0);
			expect((await store.snapshot('k', policy, T0))?.remaining).toBe(500);
			expect(await store.tryAcquire('k', policy, T0, 500)).toEqual({ granted: true, seq: 3 });
			// Others used 300 points too: after the second the server has 200 left, not 500; we follow it down.
			await store.observe('k', policy, { seq: 2, remaining: 200, limit: 1000 }, T0);
			expect((await store.snapshot('k', policy, T0))?.remaining).toBe(0);
			expect(await store.tryAcquire('k', policy, T0, 100)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 8000,
			});
		});
	});
}
