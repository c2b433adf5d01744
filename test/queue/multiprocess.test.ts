/**
 * Queue mode for real: several worker processes, configured only by n8n's own queue-mode environment
 * (`EXECUTIONS_MODE=queue`, `QUEUE_BULL_REDIS_HOST/PORT`), share one budget and one connection registry
 * through a real redis-server, against a loopback API that counts what it receives per window.
 */
import type { RateLimitPolicy } from '../../lib/limits/policy';
import { RedisServer, uniquePrefix } from './redis-server';
import { describeWithRedis } from './with-redis';
import { CountingServer, maxInAnyWindow, queueEnv, runWorker, utilisation } from './processes';
import type { BudgetReport, ClaimReport } from './worker';

let redis: RedisServer;

describeWithRedis('queue mode: worker processes sharing Redis', () => {
	beforeAll(async () => {
		redis = await RedisServer.start();
	});
	afterAll(async () => {
		await redis?.stop('SIGTERM');
	});

	it('four workers share one budget: the aggregate never exceeds it, and uses it fully', async () => {
		const limit = 10;
		const windowMs = 1000;
		const api = new CountingServer(limit, windowMs);
		await api.start();
		try {
			// Each request's place in the shared log moves to when it left its worker (plus the allowance) once it
			// is answered, so no margin covers the way from grant to server. The 100 ms here cover this test's own
			// server, which stamps arrivals in Jest's busy process: under load it stalls and stamps a backlog at once.
			const budgetWindowMs = windowMs + 100;
			const policy: RateLimitPolicy = { requests: limit, windowMs: budgetWindowMs };
			const env = queueEnv(redis.port, uniquePrefix('budget'));
			const startAt = Date.now() + 4000;
			const workers = ['w1', 'w2', 'w3', 'w4'];
			const reports = await Promise.all(
				workers.map((worker) =>
					runWorker<BudgetReport>(
						{
							mode: 'budget',
							worker,
							url: api.url,
							policy,
							requests: 10,
							concurrency: 3,
							startAt,
							maxWaitMs: 30_000,
						},
						env,
					),
				),
			);
			// Each process found Redis on its own, from n8n's settings.
			expect(reports.map((r) => r.sharedStores)).toEqual([true, true, true, true]);
			const outcomes = reports.flatMap((r) => r.outcomes);
			expect(outcomes.filter((o) => o.error)).toEqual([]);
			expect(outcomes.map((o) => o.status)).toEqual(Array(40).fill(200));
			// The server: 40 requests, none refused, never more than the limit in one of its windows, nor in
			// any 1000 ms at all.
			expect(api.arrivals).toHaveLength(40);
			expect(api.rejected).toBe(0);
			expect(api.maxPerWindow).toBe(limit);
			expect(
				maxInAnyWindow(
					api.arrivals.map((a) => a.at),
					windowMs,
				),
			).toBeLessThanOrEqual(limit);
			// Every worker finished its share, and the four together used the budget: as much as it allows
			// (the first window's burst aside), never more.
			for (const r of reports) expect(r.outcomes.length).toBe(10);
			const used = utilisation(
				api.arrivals.map((a) => a.at),
				limit,
				budgetWindowMs,
			);
			expect(used).toBeLessThanOrEqual(1);
			expect(used).toBeGreaterThan(0.8);
		} finally {
			await api.stop();
		}
	}, 90_000);

	it('four workers racing to bind one service in one workspace: exactly one wins, all agree', async () => {
		const env = queueEnv(redis.port, uniquePrefix('claim'));
		const startAt = Date.now() + 4000;
		const reports = await Promise.all(
			['p1', 'p2', 'p3', 'p4'].map((worker) =>
				runWorker<ClaimReport>({ mode: 'claim', worker, startAt }, env),
			),
		);
		expect(reports.map((r) => r.redisStore)).toEqual([true, true, true, true]);
		const winners = reports.filter((r) => r.created);
		expect(winners).toHaveLength(1);
		expect(new Set(reports.map((r) => r.winner))).toEqual(new Set([winners[0].worker]));
	}, 90_000);

	it('Redis killed mid-run: clear errors naming Redis while it is down, nothing crashes or goes missing, work resumes when it is back', async () => {
		const own = await RedisServer.start();
		const api = new CountingServer(1000, 1000);
		await api.start();
		try {
			const policy: RateLimitPolicy = { requests: 20, windowMs: 1100 };
			// A 1 s bound on waiting for Redis, so the outage shows as errors rather than as one long wait.
			const env = queueEnv(own.port, uniquePrefix('outage'), {
				N8N_API_CONNECTIONS_REDIS_WAIT_SECONDS: '1',
			});
			const startAt = Date.now() + 4000;
			const until = startAt + 7000;
			const running = Promise.all(
				['o1', 'o2'].map((worker) =>
					runWorker<BudgetReport>(
						{
							mode: 'budget',
							worker,
							url: api.url,
							policy,
							requests: 10_000,
							concurrency: 2,
							startAt,
							maxWaitMs: 10_000,
							until,
						},
						env,
					),
				),
			);
			await new Promise((resolve) => setTimeout(resolve, startAt - Date.now() + 2000));
			const downAt = Date.now();
			await own.stop();
			await new Promise((resolve) => setTimeout(resolve, 2500));
			const upAt = Date.now();
			await own.start();
			const reports = await running;

			const outcomes = reports.flatMap((r) => r.outcomes);
			const ok = outcomes.filter((o) => o.status === 200);
			const failed = outcomes.filter((o) => o.error);
			// Every request either got its answer or a clear error: the server saw exactly the successful ones.
			expect(api.arrivals.length).toBe(ok.length);
			expect(ok.length + failed.length).toBe(outcomes.length);
			expect(failed.length).toBeGreaterThan(0);
			for (const f of failed) {
				expect(f.error).toMatch(
					new RegExp(
						`^Redis at 127\\.0\\.0\\.1:${own.port} is unreachable: .+ Fix: start Redis at 127\\.0\\.0\\.1:${own.port}, or correct QUEUE_BULL_REDIS_HOST / QUEUE_BULL_REDIS_PORT`,
					),
				);
				// Errors only while Redis was down (plus the 1 s wait bound and a moment to reconnect).
				expect(f.at).toBeGreaterThanOrEqual(downAt);
				expect(f.at).toBeLessThan(upAt + 3000);
			}
			// Work before the outage and after it.
			expect(ok.filter((o) => o.at < downAt).length).toBeGreaterThan(10);
			expect(ok.filter((o) => o.at > upAt + 1500).length).toBeGreaterThan(10);
			// The budget held throughout, on both sides of the outage: never more than 20 arrivals in any second.
			expect(
				maxInAnyWindow(
					api.arrivals.map((a) => a.at),
					1000,
				),
			).toBeLessThanOrEqual(policy.requests);
		} finally {
			await api.stop();
			await own.stop();
		}
	}, 90_000);
});
