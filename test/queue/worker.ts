/**
 * One queue-mode worker process for `multiprocess.test.ts` and the queue-mode bench: it finds Redis the
 * way the package does in n8n (from the environment: `EXECUTIONS_MODE=queue` and `QUEUE_BULL_REDIS_*`),
 * then runs one task and prints one JSON line. Started by `spawnWorker` (TypeScript transpiled on load).
 */
import { request } from 'node:http';

import { RedisResponseCache } from '../../lib/cache/redis-cache';
import { RedisConnectionStore } from '../../lib/connections/redis-store';
import { processRuntime } from '../../lib/runtime';
import type { RateLimitPolicy } from '../../lib/limits/policy';
import { closeSharedRedis, defaultConnectionStore } from '../../lib/redis/select';
import { trackSending } from '../../lib/transport/sent-at';

export interface BudgetTask {
	mode: 'budget';
	worker: string;
	url: string;
	policy: RateLimitPolicy;
	requests: number;
	/** Requests in flight at once in this worker (n8n's Concurrent Items). */
	concurrency: number;
	startAt: number;
	maxWaitMs: number;
	/** Stop starting new requests after this time (epoch ms); default: when all are sent. */
	until?: number;
}

export interface ClaimTask {
	mode: 'claim';
	worker: string;
	startAt: number;
}

export type WorkerTask = BudgetTask | ClaimTask;

export interface RequestOutcome {
	/** When the permit was granted (or the error came), epoch ms. */
	at: number;
	status?: number;
	error?: string;
}

export interface BudgetReport {
	worker: string;
	sharedStores: boolean;
	outcomes: RequestOutcome[];
}

export interface ClaimReport {
	worker: string;
	redisStore: boolean;
	created: boolean;
	winner: string;
}

async function waitUntil(at: number): Promise<void> {
	while (Date.now() < at)
		await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(1, at - Date.now()))));
}

async function get(
	url: string,
	worker: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
	return await new Promise((resolve, reject) => {
		const req = request(url, { headers: { 'x-worker': worker }, agent: false }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
		});
		req.on('error', reject);
		req.end();
	});
}

async function budget(task: BudgetTask): Promise<BudgetReport> {
	const engine = processRuntime();
	const key = { service: 'queueBench', connection: 'credential-1' };
	const outcomes: RequestOutcome[] = [];
	let next = 0;
	// Warm up first (a running n8n worker is warm): a cold process can stall for 100 ms between a grant and
	// its request while it compiles code paths, which no limiter can see.
	for (let i = 0; i < 3; i++) {
		const permit = await engine.limiter.acquire(
			{ ...key, connection: 'warm-up' },
			{ requests: 100, windowMs: 1000 },
			{ maxWaitMs: 5000 },
		);
		const res = await get(`${task.url}?warmup`, task.worker);
		await permit.release({ status: res.status, headers: res.headers });
	}
	await waitUntil(task.startAt);
	const lane = async () => {
		while (next < task.requests && (task.until === undefined || Date.now() < task.until)) {
			next++;
			try {
				const permit = await engine.limiter.acquire(key, task.policy, {
					maxWaitMs: task.maxWaitMs,
				});
				const at = Date.now();
				let res: Awaited<ReturnType<typeof get>> | undefined;
				let sentAtMs: number | undefined;
				try {
					// As the engine's pipeline does: the limiter learns when the request left (`sent-at.ts`).
					({ result: res, sentAtMs } = await trackSending(
						Date.now,
						async () => await get(task.url, task.worker),
					));
				} finally {
					await permit.release(
						res ? { status: res.status, headers: res.headers } : undefined,
						sentAtMs === undefined ? undefined : { sentAtMs },
					);
				}
				outcomes.push({ at, status: res.status });
			} catch (error) {
				outcomes.push({ at: Date.now(), error: (error as Error).message });
				// Keep the loop from spinning while Redis is down: the limiter already waited its bound.
			}
		}
	};
	await Promise.all(Array.from({ length: task.concurrency }, lane));
	return {
		worker: task.worker,
		sharedStores: engine.cache instanceof RedisResponseCache,
		outcomes,
	};
}

async function claim(task: ClaimTask): Promise<ClaimReport> {
	const store = defaultConnectionStore();
	// Connect before the start line, so the race is about the binding only.
	await store.getBinding('instance:queue', 'warmup');
	await waitUntil(task.startAt);
	const result = await store.claimBinding({
		workspace: 'instance:queue',
		family: 'chirp',
		credentialId: task.worker,
		credentialType: 'chirpApi',
		credentialName: task.worker,
		serviceId: 'chirp',
		serviceName: 'Chirp',
		accountLabel: task.worker,
		boundAt: Date.now(),
	});
	return {
		worker: task.worker,
		redisStore: store instanceof RedisConnectionStore,
		created: result.created,
		winner: result.binding.credentialId,
	};
}

async function main(): Promise<void> {
	const task = JSON.parse(process.argv[2]) as WorkerTask;
	const report = task.mode === 'budget' ? await budget(task) : await claim(task);
	process.stdout.write(`${JSON.stringify(report)}\n`);
	await closeSharedRedis();
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
		process.exit(1);
	},
);
