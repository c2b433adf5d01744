/**
 * The Redis budget store against a real redis-server: the same cases as the in-memory store, a random
 * differential run against it, and what only a shared store has (several processes, leases, turns,
 * expiry, Redis going away and coming back).
 */
import { systemClock, type Clock } from '../../lib/limits/clock';
import { RateLimiter, type Permit } from '../../lib/limits/limiter';
import { policyOfTier, type RateLimitPolicy } from '../../lib/limits/policy';
import { RedisBudgetStore, type RedisBudgetStoreOptions } from '../../lib/limits/redis-store';
import { MemoryBudgetStore, type BudgetObservation } from '../../lib/limits/store';
import { RedisUnavailableError, type RedisConnection } from '../../lib/redis/client';
import { budgetStoreCases, grantAll, T0 } from '../unit/limits/store-cases';
import { RedisServer, uniquePrefix } from './redis-server';
import { describeWithRedis } from './with-redis';

let server: RedisServer;
const connections: RedisConnection[] = [];
const stores: RedisBudgetStore[] = [];

function connection(waitMs?: number, prefix = uniquePrefix('budget')): RedisConnection {
	const c = server.connection(prefix, waitMs);
	connections.push(c);
	return c;
}

/**
 * Tests give each call its time (`nowMs`, virtual): the store's own clock, which moves a call's time forward
 * by how long it waited for Redis, stands still here unless a test says otherwise.
 */
const stopped: Clock = { now: () => 0, sleep: systemClock.sleep };

function store(conn = connection(), options: RedisBudgetStoreOptions = {}): RedisBudgetStore {
	const s = new RedisBudgetStore(conn, { clock: stopped, ...options });
	stores.push(s);
	return s;
}

/** Virtual time for lease renewals. */
function clockAt(at: { now: number }): Clock {
	return { now: () => at.now, sleep: systemClock.sleep };
}

describeWithRedis('RedisBudgetStore', () => {
	beforeAll(async () => {
		server = await RedisServer.start();
	});
	afterEach(async () => {
		for (const s of stores.splice(0)) await s.close();
	});
	afterAll(async () => {
		for (const c of connections.splice(0)) await c.close();
		await server?.stop('SIGTERM');
	});

	budgetStoreCases('RedisBudgetStore', () => store());

	describe('answers exactly as the in-memory store (random differential run)', () => {
		// A tiny deterministic generator, so a failure can be replayed.
		function rng(seed: number): () => number {
			let x = seed >>> 0;
			return () => {
				x = (x + 0x6d2b79f5) >>> 0;
				let t = x;
				t = Math.imul(t ^ (t >>> 15), t | 1);
				t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
				return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
			};
		}
		const policies: Array<[string, RateLimitPolicy]> = [
			['sliding', { requests: 5, windowMs: 1000 }],
			['sliding, concurrency 2', { requests: 8, windowMs: 2000, maxConcurrency: 2 }],
			['bucket', { requests: 3, windowMs: 1000, burst: 6 }],
			['bucket with fractional refill', { requests: 7, windowMs: 3000, burst: 10 }],
		];
		it.each(policies)(
			'%s',
			async (_name, policy) => {
				for (const seed of [1, 2, 3]) {
					const random = rng(seed * 7919 + policy.requests);
					const memory = new MemoryBudgetStore();
					// Leases long enough never to expire here: the memory store has none.
					const redis = store(connection(), { leaseMs: 1e12 });
					let now = T0;
					let granted = 0;
					const log: string[] = [];
					for (let step = 0; step < 300; step++) {
						now += Math.floor(random() * (policy.windowMs / 4));
						const key = random() < 0.8 ? 'k' : 'k2';
						const roll = random();
						if (roll < 0.5) {
							const [a, b] = await Promise.all([
								memory.tryAcquire(key, policy, now),
								redis.tryAcquire(key, policy, now),
							]);
							log.push(`${step} acquire ${key} @${now - T0}: ${JSON.stringify(a)}`);
							expect({ step, seed, answer: b }).toEqual({ step, seed, answer: a });
							if (a.granted) granted = a.seq;
						} else if (roll < 0.75) {
							const obs: BudgetObservation = {
								remaining: Math.floor(random() * (policy.requests + 2)),
							};
							if (random() < 0.7 && granted > 0) obs.seq = 1 + Math.floor(random() * granted);
							if (random() < 0.5) obs.limit = policy.requests + Math.floor(random() * 3) - 1;
							if (random() < 0.4)
								obs.resetAtMs = now + Math.floor((random() - 0.2) * policy.windowMs * 1.5);
							if (random() < 0.1) obs.pauseUntilMs = now + Math.floor(random() * policy.windowMs);
							log.push(`${step} observe ${key} @${now - T0}: ${JSON.stringify(obs)}`);
							await memory.observe(key, policy, obs, now);
							await redis.observe(key, policy, obs, now);
						} else if (roll < 0.88) {
							// Half of the answers say when the request reached the server (at most 50 ms ago).
							const arrived = random() < 0.5 ? now - Math.floor(random() * 50) : undefined;
							await memory.release(key, undefined, arrived);
							await redis.release(key, undefined, arrived);
						} else if (roll < 0.92) {
							const at = now + Math.floor(random() * policy.windowMs);
							await memory.pauseUntil(key, at);
							await redis.pauseUntil(key, at);
						} else {
							const [a, b] = await Promise.all([
								memory.snapshot(key, policy, now),
								redis.snapshot(key, policy, now),
							]);
							expect({ step, seed, snapshot: b }).toEqual({ step, seed, snapshot: a });
						}
					}
					for (const key of ['k', 'k2'])
						expect(await redis.snapshot(key, policy, now)).toEqual(
							await memory.snapshot(key, policy, now),
						);
				}
			},
			60_000,
		);
	});

	describe('several processes, one budget', () => {
		it('two stores on one Redis share the window and the sequence', async () => {
			const conn = connection();
			const [a, b] = [
				store(connection(undefined, conn.prefix)),
				store(connection(undefined, conn.prefix)),
			];
			const policy: RateLimitPolicy = { requests: 4, windowMs: 1000 };
			expect(await a.tryAcquire('k', policy, T0)).toEqual({ granted: true, seq: 1 });
			expect(await b.tryAcquire('k', policy, T0 + 1)).toEqual({ granted: true, seq: 2 });
			expect(await grantAll(a, policy, T0 + 2, 5)).toBe(2);
			expect(await b.tryAcquire('k', policy, T0 + 3)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 1000,
			});
			expect((await a.snapshot('k', policy, T0 + 3))?.granted).toBe(4);
		});

		it('a request that left late holds its place from then, for every process', async () => {
			const conn = connection();
			const [a, b] = [
				store(connection(undefined, conn.prefix)),
				store(connection(undefined, conn.prefix)),
			];
			const policy: RateLimitPolicy = { requests: 2, windowMs: 1000 };
			expect(await grantAll(a, policy, T0, 2)).toBe(2);
			// Process a's second request left its busy event loop 80 ms after the grant.
			await a.release('k', 1, T0 + 5);
			await a.release('k', 2, T0 + 80);
			expect(await b.tryAcquire('k', policy, T0 + 1005)).toEqual({ granted: true, seq: 3 });
			expect(await b.tryAcquire('k', policy, T0 + 1005)).toEqual({
				granted: false,
				reason: 'window',
				retryAtMs: T0 + 1080,
			});
			expect(await b.tryAcquire('k', policy, T0 + 1080)).toEqual({ granted: true, seq: 4 });
		});

		it('of 200 racing takes of the last 10 slots, exactly 10 win', async () => {
			const prefix = uniquePrefix('race');
			const racers = Array.from({ length: 8 }, () => store(connection(undefined, prefix)));
			const policy: RateLimitPolicy = { requests: 10, windowMs: 60_000 };
			const results = await Promise.all(
				Array.from({ length: 200 }, (_, i) =>
					racers[i % racers.length].tryAcquire('k', policy, T0),
				),
			);
			const seqs = results.filter((r) => r.granted).map((r) => (r as { seq: number }).seq);
			expect(seqs.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		});
	});

	describe('leases: a crashed worker does not hold its slots forever', () => {
		const policy: RateLimitPolicy = { requests: 100, windowMs: 1000, maxConcurrency: 1 };

		it('a slot never released frees itself when its lease ends', async () => {
			const prefix = uniquePrefix('lease');
			const crashed = store(connection(undefined, prefix), { leaseMs: 5000 });
			const other = store(connection(undefined, prefix), { leaseMs: 5000 });
			expect(await crashed.tryAcquire('k', policy, T0)).toEqual({ granted: true, seq: 1 });
			expect(await other.tryAcquire('k', policy, T0 + 4999)).toEqual({
				granted: false,
				reason: 'concurrency',
				retryAtMs: null,
			});
			expect(await other.tryAcquire('k', policy, T0 + 5000)).toEqual({ granted: true, seq: 2 });
		});

		it('a running request renews its lease; release frees exactly its own slot', async () => {
			const prefix = uniquePrefix('renew');
			const at = { now: T0 };
			const busy = store(connection(undefined, prefix), { leaseMs: 5000, clock: clockAt(at) });
			const other = store(connection(undefined, prefix), { leaseMs: 5000 });
			const two: RateLimitPolicy = { ...policy, maxConcurrency: 2 };
			expect(await busy.tryAcquire('k', two, T0)).toEqual({ granted: true, seq: 1 });
			expect(await other.tryAcquire('k', two, T0)).toEqual({ granted: true, seq: 2 });
			at.now = T0 + 4000;
			await busy.renewLeases();
			// seq 2's lease ended at T0 + 5000, seq 1's was renewed to T0 + 9000.
			expect((await other.snapshot('k', two, T0 + 6000))?.inFlight).toBe(1);
			await busy.release('k', 1);
			expect((await other.snapshot('k', two, T0 + 6000))?.inFlight).toBe(0);
			// Renewing never brings back a released lease.
			await busy.renewLeases();
			expect((await other.snapshot('k', two, T0 + 6000))?.inFlight).toBe(0);
		});
	});

	describe('turns: a freed slot goes to the worker that waited longest', () => {
		const policy: RateLimitPolicy = { requests: 100, windowMs: 1000, maxConcurrency: 1 };

		it('the holder cannot retake its slot while another worker waits', async () => {
			const prefix = uniquePrefix('turns');
			const a = store(connection(undefined, prefix));
			const b = store(connection(undefined, prefix));
			expect((await a.tryAcquire('k', policy, T0)).granted).toBe(true);
			expect(await b.tryAcquire('k', policy, T0 + 1)).toEqual({
				granted: false,
				reason: 'concurrency',
				retryAtMs: null,
			});
			await a.release('k', 1);
			expect(await a.tryAcquire('k', policy, T0 + 2)).toEqual({
				granted: false,
				reason: 'concurrency',
				retryAtMs: null,
			});
			expect(await b.tryAcquire('k', policy, T0 + 3)).toEqual({ granted: true, seq: 2 });
			await b.release('k', 2);
			// Now a waited longest.
			expect((await b.tryAcquire('k', policy, T0 + 4)).granted).toBe(false);
			expect((await a.tryAcquire('k', policy, T0 + 5)).granted).toBe(true);
		});

		it('a worker that stopped asking loses its turn after a while', async () => {
			const prefix = uniquePrefix('stale');
			const a = store(connection(undefined, prefix));
			const gone = store(connection(undefined, prefix));
			expect((await a.tryAcquire('k', policy, T0)).granted).toBe(true);
			expect((await gone.tryAcquire('k', policy, T0 + 1)).granted).toBe(false);
			await a.release('k', 1);
			expect((await a.tryAcquire('k', policy, T0 + 500)).granted).toBe(false);
			expect((await a.tryAcquire('k', policy, T0 + 1001)).granted).toBe(true);
		});
	});

	it('keys expire once idle long enough to have no effect', async () => {
		const conn = connection();
		const s = store(conn);
		await s.tryAcquire('svc:conn', { requests: 5, windowMs: 60_000 }, T0);
		const ttl = await conn.run(async (client) => await client.pttl(`${conn.prefix}:b:{svc:conn}`));
		expect(ttl).toBeGreaterThan(120_000);
		expect(ttl).toBeLessThanOrEqual(180_000);
		const keys = await conn.run(async (client) => await client.keys(`${conn.prefix}:*`));
		expect(keys.sort()).toEqual([
			`${conn.prefix}:b:{svc:conn}`,
			`${conn.prefix}:b:{svc:conn}:lease`,
			`${conn.prefix}:b:{svc:conn}:log`,
		]);
	});

	describe('RateLimiter over Redis: waiters in one process see slots freed by another', () => {
		it('a waiter for a concurrency slot gets it soon after another process releases it', async () => {
			const prefix = uniquePrefix('wake');
			const policy: RateLimitPolicy = { requests: 1000, windowMs: 1000, maxConcurrency: 1 };
			const one = new RateLimiter({
				store: store(connection(undefined, prefix), { clock: systemClock }),
			});
			const two = new RateLimiter({
				store: store(connection(undefined, prefix), { clock: systemClock }),
			});
			const key = { service: 'svc', connection: 'c1' };
			const held = await one.acquire(key, policy, { maxWaitMs: 5000 });
			let got: Permit | undefined;
			const waiting = two.acquire(key, policy, { maxWaitMs: 5000 }).then((p) => (got = p));
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(got).toBeUndefined();
			const releasedAt = Date.now();
			await held.release();
			await waiting;
			// Re-checked every 25 ms: picked up well within 200 ms of the release.
			expect(Date.now() - releasedAt).toBeLessThan(200);
			await got!.release();
		});
	});

	describe('RateLimiter over Redis: budgets per tier and resource, shared by workers', () => {
		it('two workers share the budget of one (connection, tier, channel); other channels and tiers do not wait', async () => {
			const prefix = uniquePrefix('tiers');
			// About one message per second per channel; another tier with room to spare.
			const policy: RateLimitPolicy = {
				requests: 100,
				windowMs: 60_000,
				tiers: {
					perChannel: { requests: 1, windowMs: 1000 },
					tier3: { requests: 50, windowMs: 60_000 },
				},
			};
			const perChannel = policyOfTier(policy, 'perChannel');
			const tier3 = policyOfTier(policy, 'tier3');
			const worker = () =>
				new RateLimiter({
					store: store(connection(undefined, prefix), { clock: systemClock }),
					clock: systemClock,
				});
			const [one, two] = [worker(), worker()];
			const key = (tier: string, scope?: string) => ({
				service: 'svc',
				connection: 'cred-1',
				tier,
				...(scope ? { scope } : {}),
			});
			const firstAt = Date.now();
			const first = await one.acquire(key('perChannel', 'C1'), perChannel, { maxWaitMs: 5000 });
			await first.release();
			const started = Date.now();
			// Another worker, another channel and another tier: at once.
			const c2 = await two.acquire(key('perChannel', 'C2'), perChannel, { maxWaitMs: 5000 });
			const other = await two.acquire(key('tier3', 'C1'), tier3, { maxWaitMs: 5000 });
			expect(Date.now() - started).toBeLessThan(300);
			await Promise.all([c2.release(), other.release()]);
			// The same channel on the other worker waits for the window of the first grant (1 s).
			const c1 = await two.acquire(key('perChannel', 'C1'), perChannel, { maxWaitMs: 5000 });
			expect(Date.now() - started).toBeGreaterThanOrEqual(700);
			expect(Date.now() - firstAt).toBeGreaterThanOrEqual(1000);
			await c1.release();
			// Without a wait long enough, the same channel refuses instead of hanging.
			await expect(
				one.acquire(key('perChannel', 'C1'), perChannel, { maxWaitMs: 10 }),
			).rejects.toThrow(/rate limit for 'C1' \(1 requests per 1 s\)/);
		});
	});

	describe('Redis unreachable', () => {
		it('fails within the wait bound, naming Redis, the address and the fix; works again once Redis is back', async () => {
			const own = await RedisServer.start();
			try {
				const conn = own.connection(uniquePrefix('down'), 600);
				connections.push(conn);
				const s = store(conn);
				const policy: RateLimitPolicy = { requests: 5, windowMs: 1000 };
				expect((await s.tryAcquire('k', policy, T0)).granted).toBe(true);
				await own.stop();
				const started = Date.now();
				const error = await s.tryAcquire('k', policy, T0 + 1).then(
					() => undefined,
					(e: unknown) => e,
				);
				expect(error).toBeInstanceOf(RedisUnavailableError);
				expect((error as Error).message).toMatch(
					new RegExp(
						`^Redis at 127\\.0\\.0\\.1:${own.port} is unreachable: the connection was refused \\(waited 0\\.[5-9] s\\)\\. Fix: start Redis at 127\\.0\\.0\\.1:${own.port}, or correct N8N_API_CONNECTIONS_REDIS_URL \\(unset it to use the Redis of n8n's queue mode\\)\\. Requests resume by themselves once Redis answers\\.$`,
					),
				);
				expect(Date.now() - started).toBeLessThan(3000);
				await own.start();
				// A fresh server has no state (no persistence here): the budget starts over.
				expect(await s.tryAcquire('k', policy, T0 + 2)).toEqual({ granted: true, seq: 1 });
			} finally {
				await own.stop();
			}
		});

		it('a grant that waited for Redis counts from when it was made, not from when it was asked for', async () => {
			const own = await RedisServer.start();
			try {
				const conn = own.connection(uniquePrefix('late'), 8000);
				connections.push(conn);
				const s = store(conn, { clock: systemClock });
				const policy: RateLimitPolicy = { requests: 1, windowMs: 10_000 };
				await own.stop();
				const askedAt = Date.now();
				const pending = s.tryAcquire('k', policy, askedAt);
				await new Promise((resolve) => setTimeout(resolve, 700));
				await own.start();
				expect((await pending).granted).toBe(true);
				const next = await s.tryAcquire('k', policy, Date.now());
				// The window ends 10 s after the grant was really made (≥ 0.7 s after it was asked for).
				expect(next).toMatchObject({ granted: false, reason: 'window' });
				expect((next as { retryAtMs: number }).retryAtMs).toBeGreaterThanOrEqual(askedAt + 10_700);
			} finally {
				await own.stop();
			}
		});

		it('an outage shorter than the wait bound is waited out', async () => {
			const own = await RedisServer.start();
			try {
				const conn = own.connection(uniquePrefix('blip'), 8000);
				connections.push(conn);
				const s = store(conn);
				const policy: RateLimitPolicy = { requests: 5, windowMs: 1000 };
				expect((await s.tryAcquire('k', policy, T0)).granted).toBe(true);
				await own.stop();
				const pending = s.tryAcquire('k', policy, T0 + 1);
				await new Promise((resolve) => setTimeout(resolve, 700));
				await own.start();
				expect((await pending).granted).toBe(true);
			} finally {
				await own.stop();
			}
		});
	});
});
