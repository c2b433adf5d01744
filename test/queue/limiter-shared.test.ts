/**
 * What the rate limiter does for a store shared with other processes (on virtual time, no Redis needed):
 * it re-checks on its own (others free slots without waking it), and a store failing after the answer
 * arrived never fails the request.
 */
import { RateLimiter } from '../../lib/limits/limiter';
import type { RateLimitPolicy } from '../../lib/limits/policy';
import { MemoryBudgetStore, type AcquireResult, type BudgetStore } from '../../lib/limits/store';
import { FakeClock } from '../helpers/fake-clock';

const key = { service: 'svc', connection: 'c1' };

/** A memory store another "process" also uses, and that can be switched off like an unreachable Redis. */
class SharedStore extends MemoryBudgetStore implements BudgetStore {
	readonly recheck = { concurrencyMs: 25, maxSleepMs: 1000 };
	readonly immediate = false;
	down = false;
	calls = 0;

	private check(): void {
		if (this.down)
			throw new Error('Redis at 127.0.0.1:6379 is unreachable: the connection was refused.');
	}

	async tryAcquire(k: string, policy: RateLimitPolicy, nowMs: number): Promise<AcquireResult> {
		this.calls++;
		this.check();
		return await super.tryAcquire(k, policy, nowMs);
	}

	async observe(...args: Parameters<MemoryBudgetStore['observe']>): Promise<void> {
		this.check();
		await super.observe(...args);
	}

	async release(k: string): Promise<void> {
		this.check();
		await super.release(k);
	}

	async pauseUntil(k: string, atMs: number): Promise<void> {
		this.check();
		await super.pauseUntil(k, atMs);
	}
}

describe('RateLimiter over a shared store', () => {
	it('a slot freed by another process is taken at the next re-check, without being woken', async () => {
		const clock = new FakeClock();
		const store = new SharedStore();
		const policy: RateLimitPolicy = { requests: 100, windowMs: 1000, maxConcurrency: 1 };
		const id = 'svc:c1';
		// Another process holds the only slot.
		expect((await store.tryAcquire(id, policy, clock.now())).granted).toBe(true);
		const limiter = new RateLimiter({ store, clock });
		const start = clock.now();
		const waiting = clock.runUntilSettled(limiter.acquire(key, policy, { maxWaitMs: 10_000 }), 60);
		await clock.advance(40);
		// The other process frees it (this limiter is not told).
		await store.release(id);
		const settled = await waiting;
		expect(settled.state).toBe('resolved');
		// Re-checks at 25 and 50 ms: taken at 50.
		expect(clock.now() - start).toBe(50);
	});

	it('a window wait re-checks at least once a second (another process may realign the window)', async () => {
		const clock = new FakeClock();
		const store = new SharedStore();
		const policy: RateLimitPolicy = { requests: 1, windowMs: 5000 };
		const limiter = new RateLimiter({ store, clock });
		await (await limiter.acquire(key, policy, { maxWaitMs: 10_000 })).release();
		store.calls = 0;
		const settled = await clock.runUntilSettled(
			limiter.acquire(key, policy, { maxWaitMs: 10_000 }),
		);
		expect(settled.state).toBe('resolved');
		// Checked at 0, 1, 2, 3, 4 and 5 s.
		expect(store.calls).toBe(6);
	});

	it('an hour-long pause holds no re-checks: the store is asked at the start and when the pause ends', async () => {
		const clock = new FakeClock();
		const store = new SharedStore();
		const policy: RateLimitPolicy = { requests: 10, windowMs: 1000 };
		const limiter = new RateLimiter({ store, clock });
		const start = clock.now();
		await (await limiter.acquire(key, policy, { maxWaitMs: 0 })).release();
		await limiter.pauseUntil(key, start + 3_600_000);
		store.calls = 0;
		const settled = await clock.runUntilSettled(
			limiter.acquire(key, policy, { maxWaitMs: 0, maxPausedWaitMs: 3_900_000 }),
		);
		expect(settled.state).toBe('resolved');
		expect(clock.now() - start).toBe(3_600_000);
		expect(store.calls).toBe(2);
	});

	it('the store failing after the answer arrived does not fail the request', async () => {
		const clock = new FakeClock();
		const store = new SharedStore();
		const limiter = new RateLimiter({ store, clock });
		const permit = await limiter.acquire(key, { requests: 5, windowMs: 1000 }, { maxWaitMs: 1000 });
		store.down = true;
		await expect(
			permit.release({ status: 200, headers: { 'x-ratelimit-remaining': '3' } }),
		).resolves.toBeUndefined();
	});

	it('a pause the store could not record is kept by the process; the next check reports the outage', async () => {
		const clock = new FakeClock();
		const store = new SharedStore();
		const limiter = new RateLimiter({ store, clock });
		const policy: RateLimitPolicy = { requests: 5, windowMs: 1000 };
		await (await limiter.acquire(key, policy, { maxWaitMs: 1000 })).release();
		store.down = true;
		const start = clock.now();
		await limiter.pauseUntil(key, start + 30_000);
		store.down = false;
		const settled = await clock.runUntilSettled(
			limiter.acquire(key, policy, { maxWaitMs: 60_000 }),
		);
		expect(settled.state).toBe('resolved');
		expect(clock.now() - start).toBe(30_000);
		// Down during the wait: the waiter fails with the store's own words.
		store.down = true;
		const failed = await clock.runUntilSettled(limiter.acquire(key, policy, { maxWaitMs: 60_000 }));
		expect(failed.state).toBe('rejected');
		expect((failed.error as Error).message).toBe(
			'Redis at 127.0.0.1:6379 is unreachable: the connection was refused.',
		);
	});
});
