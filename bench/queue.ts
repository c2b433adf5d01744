/**
 * Queue-mode row: W worker processes (default 4), configured only by n8n's queue-mode environment, share
 * one budget through a real redis-server against a loopback API that allows N requests per fixed window
 * and counts what arrives. Figures: utilisation of the configured budget while saturated (goal ≥ 0.95,
 * never above 1.0), the most requests the server saw in one of its windows and in any window-long span
 * (never above N), and its 429s (goal 0).
 *
 * The configured budget is N per window exactly: a shared budget logs each request at its answer, so no
 * margin is needed for a grant to reach the server (`BENCH_QUEUE_MARGIN_MS`, default 0, adds one for
 * experiments). Utilisation is measured against the configured budget.
 *
 * Standalone: `node bench/.out/bench/queue.js` after `tsc -p bench/tsconfig.json` (needs redis-server on
 * PATH). Knobs: BENCH_QUEUE_WORKERS, BENCH_QUEUE_LIMIT, BENCH_QUEUE_WINDOW_MS, BENCH_QUEUE_WINDOWS,
 * BENCH_QUEUE_MARGIN_MS.
 */
import type { RateLimitPolicy } from '../lib/limits/policy';
import {
	CountingServer,
	maxInAnyWindow,
	queueEnv,
	runWorker,
	utilisation,
} from '../test/queue/processes';
import { haveRedisServer, RedisServer, uniquePrefix } from '../test/queue/redis-server';
import type { BudgetReport } from '../test/queue/worker';

export interface QueueModeFigures {
	workers: number;
	limit: number;
	windowMs: number;
	marginMs: number;
	requests: number;
	/** Share of the configured budget used while saturated. */
	utilisation: number;
	/** Most requests the server accepted in one of its fixed windows. */
	maxPerServerWindow: number;
	/** Most arrivals in any span of one server window. */
	maxInAnyWindow: number;
	rejected: number;
	errors: number;
	elapsedMs: number;
}

const num = (name: string, fallback: number) =>
	process.env[name] ? Number(process.env[name]) : fallback;

/** `small` gives the smoke run's sizes (environment knobs still win). */
export async function queueModeBench(
	small: { workers?: number; limit?: number; windows?: number } = {},
): Promise<QueueModeFigures | { skipped: string }> {
	if (!haveRedisServer) return { skipped: 'redis-server is not installed' };
	const workers = num('BENCH_QUEUE_WORKERS', small.workers ?? 4);
	const limit = num('BENCH_QUEUE_LIMIT', small.limit ?? 20);
	const windowMs = num('BENCH_QUEUE_WINDOW_MS', 1000);
	const windows = num('BENCH_QUEUE_WINDOWS', small.windows ?? 5);
	const marginMs = num('BENCH_QUEUE_MARGIN_MS', 0);
	const requests = limit * windows;
	const redis = await RedisServer.start();
	const api = new CountingServer(limit, windowMs);
	await api.start();
	try {
		const policy: RateLimitPolicy = { requests: limit, windowMs: windowMs + marginMs };
		const env = queueEnv(redis.port, uniquePrefix('bench'));
		const startAt = Date.now() + 5000;
		const share = Math.ceil(requests / workers);
		const reports = await Promise.all(
			Array.from({ length: workers }, (_, i) =>
				runWorker<BudgetReport>(
					{
						mode: 'budget',
						worker: `w${i + 1}`,
						url: api.url,
						policy,
						requests: Math.min(share, requests - i * share),
						concurrency: 5,
						startAt,
						maxWaitMs: 120_000,
					},
					env,
					180_000,
				),
			),
		);
		const arrivals = api.arrivals.map((a) => a.at).sort((a, b) => a - b);
		return {
			workers,
			limit,
			windowMs,
			marginMs,
			requests,
			utilisation: Math.round(utilisation(arrivals, limit, windowMs + marginMs) * 1000) / 1000,
			maxPerServerWindow: api.maxPerWindow,
			maxInAnyWindow: maxInAnyWindow(arrivals, windowMs),
			rejected: api.rejected,
			errors: reports.flatMap((r) => r.outcomes).filter((o) => o.error).length,
			elapsedMs: arrivals.length ? arrivals[arrivals.length - 1] - arrivals[0] : 0,
		};
	} finally {
		await api.stop();
		await redis.stop('SIGTERM');
	}
}

/** The row as printed lines (for `run.ts` too). */
export function queueModeLines(figures: QueueModeFigures | { skipped: string }): string[] {
	if ('skipped' in figures) return [`3. Queue mode: skipped (${figures.skipped})`];
	const f = figures;
	return [
		`3. Queue mode: ${f.workers} worker processes share one budget in Redis; server allows ${f.limit} per ${f.windowMs} ms window ` +
			`(fixed, starting at the first request), budget ${f.limit} per ${f.windowMs + f.marginMs} ms (${f.marginMs} ms for a grant to arrive), ${f.requests} requests`,
		'   goals: utilisation ≥ 0.95 and never above 1.0; server 429s 0; never more than the limit in a server window',
		`   utilisation ${f.utilisation.toFixed(3)}, max per server window ${f.maxPerServerWindow}, max in any ${f.windowMs} ms ${f.maxInAnyWindow}, ` +
			`server 429s ${f.rejected}, errors ${f.errors}, span ${f.elapsedMs} ms`,
	];
}

if (require.main === module) {
	queueModeBench().then(
		(figures) => {
			console.log(queueModeLines(figures).join('\n'));
			console.log(JSON.stringify({ queueMode: figures }));
		},
		(error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
