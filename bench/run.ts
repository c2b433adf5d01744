/**
 * `npm run bench`: measures our engine against n8n's own HTTP Request node (n8n-nodes-base, same version
 * as n8n-core) in one run, on loopback servers, and prints a table and then one JSON object (last line,
 * also written to bench/results/latest.json). It prints figures; it never fails on a timing.
 *
 * 1. Rate-limit utilisation: K = multiple × N requests against a server allowing N per window.
 * 2. Overhead: `items` GETs through our Custom API node vs n8n's HTTP Request node (median of `runs`),
 *    beside a bare one-at-a-time loop over n8n-core's helper (the floor, for information).
 * 3. Queue mode with our own worker processes sharing one budget in Redis (bench/queue.ts).
 * 4. Queue mode with n8n's own `n8n worker` processes, and a worker killed mid-run (bench/real-n8n.ts).
 * 5. Webhook throughput: our API Webhook Trigger vs n8n's Webhook node in one real n8n (bench/real-n8n.ts).
 * 6. A limit nobody declared: our Custom API node (defaults) vs n8n's HTTP Request node against a server
 *    allowing 10 requests/s that answers only 429 + Retry-After (no rate-limit headers).
 *
 * Every measurement runs in a fresh child process (bench/worker.ts); the servers run in another one.
 * Knobs (environment): BENCH_LIMIT (20), BENCH_WINDOW_MS (1000), BENCH_MULTIPLE (5), BENCH_ITEMS (2000),
 * BENCH_RUNS (7), BENCH_WARMUP (1). BENCH_SMOKE=1 (`npm run bench:smoke`, in .ci/run) runs every row small.
 *
 * The run exits non-zero when a row produced no figures or when ours failed an item — never on a timing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { queueModeBench, queueModeLines } from './queue';
import {
	n8nQueueBench,
	n8nQueueLines,
	prepareRealN8n,
	realN8nInstalled,
	webhookBench,
	webhookLines,
	type N8nQueueFigures,
	type WebhookFigures,
} from './real-n8n';
import { DEPS_MODULES, HTTP_REQUEST_VERSION, ROOT, peerVersion } from './peer';
import type { BucketStats, ServerConfig, ServerReplyMessage, ServerRequestMessage } from './server';
import type {
	OverheadEnd,
	OverheadLoaded,
	OverheadRun,
	OverheadVariant,
	PeerSetup,
	RateLimitWorkerResult,
	UndeclaredVariant,
	WorkerOutput,
	WorkerResult,
	WorkerTask,
} from './worker';

const SMOKE = process.env.BENCH_SMOKE === '1';
const env = (name: string, fallback: number, smoke: number): number => {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : SMOKE ? smoke : fallback;
};

const LIMIT = env('BENCH_LIMIT', 20, 5);
const WINDOW_MS = env('BENCH_WINDOW_MS', 1000, 1000);
const REQUESTS = LIMIT * env('BENCH_MULTIPLE', 5, 2);
const ITEMS = env('BENCH_ITEMS', 2000, 50);
const RUNS = env('BENCH_RUNS', 7, 1);
const WARMUP = env('BENCH_WARMUP', 1, 1);
const WORKER_TIMEOUT_MS = 120_000;

// ---------- child processes ----------

class BenchServer {
	private nextId = 0;
	private readonly pending = new Map<number, (stats: BucketStats | null) => void>();

	private constructor(
		private readonly child: ChildProcess,
		readonly baseUrl: string,
	) {
		child.on('message', (message: ServerReplyMessage) => {
			if ('id' in message) {
				this.pending.get(message.id)?.(message.stats);
				this.pending.delete(message.id);
			}
		});
	}

	static async start(config: ServerConfig): Promise<BenchServer> {
		const child = fork(join(__dirname, 'server.js'), [JSON.stringify(config)], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const port = await new Promise<number>((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
			child.on('message', (message: ServerReplyMessage) => {
				if ('ready' in message) resolve(message.port);
			});
		});
		child.removeAllListeners('exit');
		return new BenchServer(child, `http://127.0.0.1:${port}`);
	}

	async stats(bucket: string): Promise<BucketStats> {
		const id = this.nextId++;
		const stats = await new Promise<BucketStats | null>((resolve) => {
			this.pending.set(id, resolve);
			this.child.send({ cmd: 'stats', id, bucket } satisfies ServerRequestMessage);
		});
		return (
			stats ?? {
				requests: 0,
				ok: 0,
				throttled: 0,
				connections: 0,
				newConnections: 0,
				peakOpenConnections: 0,
				spanMs: 0,
			}
		);
	}

	stop(): void {
		this.child.kill();
	}
}

/** A fresh worker process; NODE_PATH lets n8n's node find the modules bench/setup.sh installed. */
class Worker {
	private readonly child: ChildProcess;
	private exited: Error | undefined;

	constructor() {
		const nodePath = [DEPS_MODULES, process.env.NODE_PATH].filter(Boolean).join(delimiter);
		this.child = fork(join(__dirname, 'worker.js'), [], {
			execArgv: ['--expose-gc'],
			env: { ...process.env, NODE_PATH: nodePath },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		this.child.once(
			'exit',
			(code) => (this.exited = new Error(`worker exited (${code}) without a result`)),
		);
	}

	/** Sends one task and waits for its answer (bounded, so the bench never hangs). */
	async request<T extends WorkerOutput>(task: WorkerTask): Promise<T> {
		if (this.exited) throw this.exited;
		const reply = await new Promise<WorkerResult>((resolve, reject) => {
			const onExit = (code: number | null) =>
				done(new Error(`worker exited (${code}) without a result`));
			const onMessage = (message: WorkerResult) => done(undefined, message);
			const timer = setTimeout(
				() => done(new Error(`worker timed out after ${WORKER_TIMEOUT_MS / 1000} s`)),
				WORKER_TIMEOUT_MS,
			);
			const done = (error?: Error, message?: WorkerResult) => {
				clearTimeout(timer);
				this.child.off('exit', onExit);
				this.child.off('message', onMessage);
				if (error) reject(error);
				else resolve(message!);
			};
			this.child.once('exit', onExit);
			this.child.once('message', onMessage);
			this.child.send(task);
		});
		if (!reply.ok) throw new Error(`worker failed: ${reply.error}`);
		return reply.result as T;
	}

	stop(): void {
		if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
	}
}

/** Runs one task in a worker of its own. */
async function inWorker<T extends WorkerOutput>(task: WorkerTask): Promise<T> {
	const worker = new Worker();
	try {
		return await worker.request<T>(task);
	} finally {
		worker.stop();
	}
}

// ---------- figures ----------

const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

interface RateLimitFigures {
	label: string;
	setup: string;
	okItems: number;
	/** Items that reached the user as failures (a 429 passed on, or lost with the node's error). */
	failedItems: number;
	failedRatio: number;
	wallMs: number;
	/** wallMs / theoretical minimum; null when items failed (then there is no completion to compare). */
	completionRatio: number | null;
	server: BucketStats;
	nodeError?: string;
	firstErrorMessage?: string;
}

interface OverheadFigures {
	label: string;
	medianMs: number;
	minMs: number;
	maxMs: number;
	perItemUs: number;
	medianHeapPeakDeltaMb: number;
	loadedRssMb: number;
	maxRssMb: number;
	/** Peak RSS over the loaded baseline (warm-up and runs). */
	rssGrowthMb: number;
	okItems: number;
	connections: number;
	newConnections: number;
	peakOpenConnections: number;
	runs: OverheadRun[];
}

const RATE_VARIANTS: Array<{ variant: 'ours' | PeerSetup; label: string; setup: string }> = [
	{
		variant: 'ours',
		label: 'ours: spec-driven node',
		setup: `spec rateLimit { requests: ${LIMIT}, windowMs: ${WINDOW_MS} } + X-RateLimit-* headers`,
	},
	{ variant: 'default', label: 'n8n HTTP Request', setup: 'defaults, On Error: Continue' },
	{
		variant: 'batching',
		label: 'n8n HTTP Request + batching',
		setup: `Batching ${LIMIT} items / ${WINDOW_MS} ms, On Error: Continue (a timer blind to the server's window: varies run to run)`,
	},
	{
		variant: 'batchingMargin',
		label: 'n8n HTTP Request + batching +10%',
		setup: `Batching ${LIMIT} items / ${Math.ceil(WINDOW_MS * 1.1)} ms (10 % margin), On Error: Continue (same timer: varies run to run)`,
	},
	{
		variant: 'retryOnFail',
		label: 'n8n HTTP Request + Retry On Fail',
		setup: 'Retry On Fail: 3 tries, 1000 ms apart (n8n defaults)',
	},
];

async function rateLimitBench(server: BenchServer, minimumMs: number): Promise<RateLimitFigures[]> {
	const out: RateLimitFigures[] = [];
	for (const { variant, label, setup } of RATE_VARIANTS) {
		const bucket = `rate-${variant}`;
		const result = await inWorker<RateLimitWorkerResult>({
			kind: 'rateLimit',
			variant,
			baseUrl: server.baseUrl,
			bucket,
			requests: REQUESTS,
			limit: LIMIT,
			windowMs: WINDOW_MS,
		});
		const failedItems = REQUESTS - result.okItems;
		out.push({
			label,
			setup,
			okItems: result.okItems,
			failedItems,
			failedRatio: round(failedItems / REQUESTS),
			wallMs: Math.round(result.wallMs),
			completionRatio: failedItems === 0 ? round(result.wallMs / minimumMs) : null,
			server: await server.stats(`rl/${bucket}`),
			...(result.nodeError ? { nodeError: result.nodeError } : {}),
			...(result.firstErrorMessage ? { firstErrorMessage: result.firstErrorMessage } : {}),
		});
		process.stderr.write(`  rate limit: ${label} done\n`);
	}
	return out;
}

// ---------- 6. a limit nobody declared ----------

const QUIET_LIMIT = 10;
const QUIET_WINDOW_MS = 1000;
const QUIET_ITEMS = SMOKE ? [50] : [50, 200];
/** Goals (issue 14.3): requests the server receives per item count, and wall time over the minimum. */
const QUIET_GOALS = {
	requests: { 50: 55, 200: 210 } as Record<number, number>,
	completionRatio: 1.1,
};

interface UndeclaredFigures {
	label: string;
	setup: string;
	items: number;
	okItems: number;
	failedItems: number;
	/** Requests the server received, and of those refused with 429. */
	requests: number;
	throttled: number;
	wallMs: number;
	minimumMs: number;
	/** wallMs / minimum; null when items failed. */
	completionRatio: number | null;
	goalRequests: number | null;
	firstErrorMessage?: string;
}

const UNDECLARED_VARIANTS: Array<{ variant: UndeclaredVariant; label: string; setup: string }> = [
	{
		variant: 'ours',
		label: 'ours: Custom API',
		setup: 'default settings, Bearer credential, no limit declared (learned from the 429s)',
	},
	{ variant: 'default', label: 'n8n HTTP Request', setup: 'defaults, On Error: Continue' },
	{
		variant: 'retryOnFail',
		label: 'n8n HTTP Request + Retry On Fail',
		setup: 'Retry On Fail: 3 tries, 1000 ms apart (n8n defaults); the node retries as a whole',
	},
];

async function undeclaredBench(server: BenchServer): Promise<UndeclaredFigures[]> {
	const out: UndeclaredFigures[] = [];
	for (const items of QUIET_ITEMS) {
		const minimumMs = (Math.ceil(items / QUIET_LIMIT) - 1) * QUIET_WINDOW_MS;
		for (const { variant, label, setup } of UNDECLARED_VARIANTS) {
			const bucket = `quiet-${variant}-${items}`;
			const result = await inWorker<RateLimitWorkerResult>({
				kind: 'undeclared',
				variant,
				baseUrl: server.baseUrl,
				bucket,
				items,
			});
			const stats = await server.stats(`quiet/${bucket}`);
			const failedItems = items - result.okItems;
			out.push({
				label,
				setup,
				items,
				okItems: result.okItems,
				failedItems,
				requests: stats.requests,
				throttled: stats.throttled,
				wallMs: Math.round(result.wallMs),
				minimumMs,
				completionRatio: failedItems === 0 ? round(result.wallMs / minimumMs) : null,
				goalRequests: variant === 'ours' ? (QUIET_GOALS.requests[items] ?? null) : null,
				...(result.firstErrorMessage ? { firstErrorMessage: result.firstErrorMessage } : {}),
			});
			process.stderr.write(`  undeclared limit: ${label}, ${items} items done\n`);
		}
	}
	return out;
}

function undeclaredLines(rows: UndeclaredFigures[]): string[] {
	const ours = (items: number) => rows.find((r) => r.items === items && r.label.startsWith('ours'));
	return [
		`6. A limit nobody declared: the server allows ${QUIET_LIMIT} requests per ${QUIET_WINDOW_MS} ms window (fixed, starting at the ` +
			'first request) and answers only 429 + Retry-After past it, no rate-limit headers; minimum (ceil(items/10) − 1) × window',
		`   goals (ours): requests received ≤ ${Object.entries(QUIET_GOALS.requests)
			.map(([n, max]) => `${max} for ${n} items`)
			.join(', ')}; time / minimum ≤ ${QUIET_GOALS.completionRatio.toFixed(2)}; failed items 0`,
		table(
			[
				'variant',
				'items',
				'ok items',
				'failed items',
				'requests received',
				'goal',
				'server 429s',
				'time ms',
				'minimum ms',
				'time / min',
			],
			rows.map((r) => [
				r.label,
				r.items,
				r.okItems,
				r.failedItems,
				r.requests,
				r.goalRequests === null ? '' : `≤ ${r.goalRequests}`,
				r.throttled,
				r.wallMs,
				r.minimumMs,
				ratio(r.completionRatio),
			]),
		),
		...QUIET_ITEMS.map((items) => {
			const o = ours(items);
			if (!o) return `   ${items} items: no figures`;
			const met =
				o.failedItems === 0 &&
				o.goalRequests !== null &&
				o.requests <= o.goalRequests &&
				o.completionRatio !== null &&
				o.completionRatio <= QUIET_GOALS.completionRatio;
			return `   ours, ${items} items: ${o.requests} requests received (goal ≤ ${o.goalRequests}), time / minimum ${ratio(o.completionRatio)} (goal ≤ ${QUIET_GOALS.completionRatio.toFixed(2)}): ${met ? 'met' : 'NOT met'}`;
		}),
		...UNDECLARED_VARIANTS.map(({ label, setup }) => {
			const first = rows.find((r) => r.label === label && r.firstErrorMessage);
			return `   ${label}: ${setup}${first ? `; user sees: "${(first.firstErrorMessage ?? '').slice(0, 140)}"` : ''}`;
		}),
	];
}

interface OverheadRaw {
	loaded: OverheadLoaded;
	runs: OverheadRun[];
	buckets: string[];
	end: OverheadEnd;
}

/** Each variant lives in its own worker; their runs take turns (rotating who goes first), so background load hits all alike. */
async function overheadBench(server: BenchServer): Promise<Record<OverheadVariant, OverheadRaw>> {
	const variants: OverheadVariant[] = ['ours', 'n8n', 'floor'];
	const workers: Record<OverheadVariant, Worker> = {
		ours: new Worker(),
		n8n: new Worker(),
		floor: new Worker(),
	};
	try {
		const raw = {} as Record<OverheadVariant, OverheadRaw>;
		for (const variant of variants) {
			const warmupBuckets = Array.from(
				{ length: WARMUP },
				(_, i) => `overhead-${variant}-warmup-${i}`,
			);
			const loaded = await workers[variant].request<OverheadLoaded>({
				kind: 'overheadLoad',
				variant,
				baseUrl: server.baseUrl,
				warmupBuckets,
				items: ITEMS,
			});
			raw[variant] = { loaded, runs: [], buckets: [], end: { maxRssBytes: 0 } };
		}
		for (let i = 0; i < RUNS; i++) {
			const shift = i % variants.length;
			for (const variant of [...variants.slice(shift), ...variants.slice(0, shift)]) {
				const bucket = `overhead-${variant}-${i}`;
				raw[variant].runs.push(
					await workers[variant].request<OverheadRun>({ kind: 'overheadRun', bucket }),
				);
				raw[variant].buckets.push(bucket);
			}
		}
		for (const variant of variants)
			raw[variant].end = await workers[variant].request<OverheadEnd>({ kind: 'overheadEnd' });
		process.stderr.write('  overhead: done\n');
		return raw;
	} finally {
		for (const worker of Object.values(workers)) worker.stop();
	}
}

async function overheadFigures(
	server: BenchServer,
	label: string,
	raw: OverheadRaw,
): Promise<OverheadFigures> {
	const stats = await Promise.all(
		raw.buckets.map(async (bucket) => await server.stats(`plain/${bucket}`)),
	);
	const times = raw.runs.map((run) => run.wallMs);
	const medianMs = median(times);
	return {
		label,
		medianMs: round(medianMs, 1),
		minMs: round(Math.min(...times), 1),
		maxMs: round(Math.max(...times), 1),
		perItemUs: round((medianMs * 1000) / ITEMS, 1),
		medianHeapPeakDeltaMb: mb(median(raw.runs.map((run) => run.heapPeakDeltaBytes))),
		loadedRssMb: mb(raw.loaded.loadedRssBytes),
		maxRssMb: mb(raw.end.maxRssBytes),
		rssGrowthMb: mb(raw.end.maxRssBytes - raw.loaded.loadedRssBytes),
		okItems: Math.min(...raw.runs.map((run) => run.okItems)),
		connections: median(stats.map((s) => s.connections)),
		newConnections: median(stats.map((s) => s.newConnections)),
		peakOpenConnections: Math.max(...stats.map((s) => s.peakOpenConnections)),
		runs: raw.runs.map((run) => ({ ...run, wallMs: round(run.wallMs, 1) })),
	};
}

// ---------- printing ----------

function table(headers: string[], rows: Array<Array<string | number>>): string {
	const cells = [headers, ...rows.map((row) => row.map(String))];
	const widths = headers.map((_, col) => Math.max(...cells.map((row) => row[col].length)));
	const line = (row: string[]) =>
		row
			.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col])))
			.join('  ');
	return [
		line(cells[0]),
		widths.map((w) => '-'.repeat(w)).join('  '),
		...cells.slice(1).map(line),
	].join('\n');
}

const ratio = (value: number | null): string => (value === null ? '—' : value.toFixed(3));

function versionOf(pkg: string): string {
	return (
		JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {
			version: string;
		}
	).version;
}

/**
 * Every run works in a scratch home of its own: the connections store, the sealing key and anything else the
 * engine keeps on disk go there, never into the user's ~/.n8n (where the workspace rule would also meet the
 * user's own bindings); settings that would point the engine at the user's Redis or workspace are dropped.
 */
function scratchHome(): string {
	const home = mkdtempSync(join(tmpdir(), 'api-connections-bench-'));
	for (const name of Object.keys(process.env))
		// N8N_LOCAL_* (scripts/n8n-local.sh: e.g. N8N_LOCAL_SKIP_BUILD) stay: they are this project's, not n8n's.
		if (/^(N8N_(?!LOCAL_)|QUEUE_BULL_REDIS_|EXECUTIONS_MODE$)/.test(name)) delete process.env[name];
	process.env.HOME = home;
	process.env.N8N_USER_FOLDER = home;
	return home;
}

/** What makes a run's figures meaningless: a row without figures, or ours failing an item. Never a timing. */
function brokenRows(
	rate: RateLimitFigures[],
	overhead: OverheadFigures[],
	queueMode: Awaited<ReturnType<typeof queueModeBench>>,
	undeclared: UndeclaredFigures[],
): string[] {
	const problems: string[] = [];
	for (const u of undeclared) {
		if (u.requests === 0)
			problems.push(
				`undeclared limit "${u.label}", ${u.items} items: no request reached the server`,
			);
		else if (u.label.startsWith('ours') && u.failedItems > 0)
			problems.push(
				`undeclared limit "${u.label}", ${u.items} items: ${u.failedItems} failed item(s): ${u.firstErrorMessage ?? ''}`,
			);
	}
	for (const r of rate)
		if (r.server.requests === 0)
			problems.push(`rate limit "${r.label}": no request reached the server`);
	const [oursRate] = rate;
	if (oursRate.failedItems > 0)
		problems.push(
			`rate limit "${oursRate.label}": ${oursRate.failedItems} failed item(s): ${oursRate.firstErrorMessage ?? oursRate.nodeError ?? ''}`,
		);
	for (const o of overhead)
		if (o.runs.length !== RUNS || !(o.medianMs > 0))
			problems.push(`overhead "${o.label}": no timed runs`);
	const [oursOverhead] = overhead;
	if (oursOverhead.okItems !== ITEMS)
		problems.push(
			`overhead "${oursOverhead.label}": ${ITEMS - oursOverhead.okItems} of ${ITEMS} items failed`,
		);
	if ('skipped' in queueMode) problems.push(`queue mode: ${queueMode.skipped}`);
	else if (queueMode.errors > 0 || queueMode.requests === 0)
		problems.push(`queue mode: ${queueMode.errors} error(s) over ${queueMode.requests} requests`);
	return problems;
}

/** Rows 4 and 5: no figures (skipped in the full run, or failed), or an item of ours lost or refused. */
function brokenRealN8nRows(
	n8nQueue: N8nQueueFigures | Skipped,
	webhook: WebhookFigures | Skipped,
): string[] {
	const problems: string[] = [];
	const skippedOk = (s: Skipped) => SMOKE && s.skipped.startsWith('n8n 2.41.1 is not installed');
	if ('skipped' in n8nQueue) {
		if (!skippedOk(n8nQueue)) problems.push(`queue mode with n8n's workers: ${n8nQueue.skipped}`);
	} else {
		const { saturated: s, crash: k } = n8nQueue;
		if (s.requests === 0 || s.statuses.success !== s.executions)
			problems.push(`queue mode with n8n's workers: executions ${JSON.stringify(s.statuses)}`);
		// A killed worker's executions fail as a whole (n8n 2.41.1 does not run a stalled job again); an item
		// of an execution that succeeded and never reached the server would be lost.
		const lost = [...s.unservedIds, ...k.lostFromSucceeded];
		if (lost.length) problems.push(`queue mode with n8n's workers: items lost: ${lost.join(', ')}`);
	}
	if ('skipped' in webhook) {
		if (!skippedOk(webhook)) problems.push(`webhook throughput: ${webhook.skipped}`);
	} else if (webhook.ours.failed > 0 || !(webhook.ours.medianPerSecond > 0))
		problems.push(
			`webhook throughput: ${webhook.ours.failed} of our deliveries were not answered 200`,
		);
	return problems;
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	const home = scratchHome();
	try {
		await measure(startedAt, home);
	} finally {
		rmSync(home, { recursive: true, force: true });
	}
}

type Skipped = { skipped: string };

/**
 * Rows 4 and 5 run a real n8n: always in the full run (installing n8n 2.41.1 once, minutes on a clean
 * machine); in the smoke run only when it is installed already (.ci/run runs the real-n8n suite first).
 */
async function realN8nRows(home: string): Promise<{
	n8nQueue: N8nQueueFigures | Skipped;
	webhook: WebhookFigures | Skipped;
	webhookControl: WebhookFigures | Skipped;
}> {
	if (SMOKE && !realN8nInstalled()) {
		const skipped = {
			skipped:
				'n8n 2.41.1 is not installed (scripts/n8n-install.sh); the smoke run does not install it',
		};
		return { n8nQueue: skipped, webhook: skipped, webhookControl: skipped };
	}
	const dir = join(home, 'real-n8n');
	const prepared = prepareRealN8n(dir);
	if ('skipped' in prepared)
		return { n8nQueue: prepared, webhook: prepared, webhookControl: prepared };
	// One webhook row in a server of its own; a failure is the row's figure, not the run's end.
	const webhookRow = async (
		runs: number,
		serverEnv?: Record<string, string>,
		pathPrefix?: string,
	): Promise<WebhookFigures | Skipped> =>
		await webhookBench({
			dir,
			userFolder: prepared.userFolder,
			deliveries: env('BENCH_WEBHOOK_DELIVERIES', 500, 50),
			concurrency: env('BENCH_WEBHOOK_CONCURRENCY', 16, 8),
			runs,
			...(serverEnv ? { env: serverEnv } : {}),
			...(pathPrefix ? { pathPrefix } : {}),
		}).catch((error: unknown) => ({ skipped: `failed: ${(error as Error).message}` }));
	// n8n 2.41 takes an expression isolate for every delivery to a webhook node other than its own Webhook node,
	// unless the server acquires lazily: BENCH_WEBHOOK_LAZY=1 measures that setting.
	const webhook = await webhookRow(
		env('BENCH_WEBHOOK_RUNS', 5, 1),
		process.env.BENCH_WEBHOOK_LAZY === '1'
			? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }
			: undefined,
	);
	// The control: n8n's own Webhook node made to take the webhook-phase isolate too (a server setting), so both
	// pay the same isolates and the ratio is what the two nodes themselves cost. Full run only.
	const webhookControl: WebhookFigures | Skipped =
		!SMOKE && process.env.BENCH_WEBHOOK_CONTROL !== '0'
			? await webhookRow(
					env('BENCH_WEBHOOK_CONTROL_RUNS', 3, 1),
					{ N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP: 'false' },
					'control',
				)
			: { skipped: 'not in the smoke run' };
	let n8nQueue: N8nQueueFigures | Skipped;
	try {
		n8nQueue = await n8nQueueBench({
			dir: join(dir, 'queue'),
			userFolder: prepared.userFolder,
			workers: env('BENCH_N8N_QUEUE_WORKERS', 2, 2),
			executions: env('BENCH_N8N_QUEUE_EXECUTIONS', 8, 2),
			perExecution: 25,
		});
	} catch (error) {
		n8nQueue = { skipped: `failed: ${(error as Error).message}` };
	}
	return { n8nQueue, webhook, webhookControl };
}

async function measure(startedAt: number, home: string): Promise<void> {
	// n8n 2.x runs on Node 24; `npm run bench` puts the project's Node 24 first on PATH.
	if (Number(process.versions.node.split('.')[0]) < 24)
		process.stderr.write(
			`bench: warning: Node ${process.version}, n8n 2.x runs on Node 24 (use npm run bench)\n`,
		);
	const minimumMs = (Math.ceil(REQUESTS / LIMIT) - 1) * WINDOW_MS;
	const versions = {
		node: process.version,
		n8nCore: versionOf('n8n-core'),
		n8nWorkflow: versionOf('n8n-workflow'),
		n8nNodesBase: peerVersion(),
	};
	const server = await BenchServer.start({
		limit: LIMIT,
		windowMs: WINDOW_MS,
		quietLimit: QUIET_LIMIT,
		quietWindowMs: QUIET_WINDOW_MS,
	});
	let rate: RateLimitFigures[];
	let undeclared: UndeclaredFigures[];
	let ours: OverheadFigures;
	let theirs: OverheadFigures;
	let floor: OverheadFigures;
	try {
		process.stderr.write('bench: running (about a minute)…\n');
		rate = await rateLimitBench(server, minimumMs);
		const raw = await overheadBench(server);
		ours = await overheadFigures(server, 'ours: Custom API node', raw.ours);
		theirs = await overheadFigures(server, `n8n HTTP Request v${HTTP_REQUEST_VERSION}`, raw.n8n);
		floor = await overheadFigures(server, 'floor: bare n8n-core httpRequest loop', raw.floor);
		undeclared = await undeclaredBench(server);
	} finally {
		server.stop();
	}
	const overheadRatios = {
		wallTime: round(ours.medianMs / theirs.medianMs),
		oursVsFloor: round(ours.medianMs / floor.medianMs),
		floorVsN8n: round(floor.medianMs / theirs.medianMs),
		heapPeakDelta: round(ours.medianHeapPeakDeltaMb / theirs.medianHeapPeakDeltaMb),
		rssGrowth: round(ours.rssGrowthMb / theirs.rssGrowthMb),
		maxRss: round(ours.maxRssMb / theirs.maxRssMb),
	};
	const [oursRate] = rate;

	const out: string[] = [];
	out.push(
		`n8n-nodes-api-connections bench — Node ${versions.node}, n8n-core ${versions.n8nCore}, n8n-nodes-base ${versions.n8nNodesBase}, ` +
			`${cpus().length} CPUs, loopback servers in their own process`,
		'',
		`1. Rate-limit utilisation: K = ${REQUESTS} requests, server allows N = ${LIMIT} per ${WINDOW_MS} ms window ` +
			`(fixed, starting at the first request); theoretical minimum (ceil(K/N) − 1) × window = ${minimumMs} ms`,
		'   goals: failed items 0, time / minimum ≤ 1.05',
		table(
			[
				'variant',
				'ok items',
				'failed items',
				'failed / K',
				'server 429s',
				'requests sent',
				'peak open conns',
				'server span ms',
				'time ms',
				'time / min',
			],
			rate.map((r) => [
				r.label,
				r.okItems,
				r.failedItems,
				r.failedRatio.toFixed(3),
				r.server.throttled,
				r.server.requests,
				r.server.peakOpenConnections,
				Math.round(r.server.spanMs),
				r.wallMs,
				ratio(r.completionRatio),
			]),
		),
		...rate.map(
			(r) =>
				`   ${r.label}: ${r.setup}${r.firstErrorMessage ? `; user sees: "${r.firstErrorMessage.slice(0, 140)}"` : ''}`,
		),
		'',
		`2. Overhead: ${ITEMS} items, one GET each, plain loopback server; keep-alive off for all (n8n-core's client sends ` +
			`Connection: close: one connection per request); median of ${RUNS} runs each after ${WARMUP} warm-up, the variants' runs taking turns`,
		'   goal: wall time ours / n8n ≤ 1.0',
		table(
			[
				'variant',
				'median ms',
				'min–max ms',
				'µs / item',
				'heap Δ peak MB',
				'RSS loaded MB',
				'RSS max MB',
				'RSS growth MB',
				'ok items',
				'connections',
				'peak open conns',
			],
			[ours, theirs, floor].map((o) => [
				o.label,
				o.medianMs.toFixed(1),
				`${o.minMs.toFixed(0)}–${o.maxMs.toFixed(0)}`,
				o.perItemUs.toFixed(1),
				o.medianHeapPeakDeltaMb.toFixed(1),
				o.loadedRssMb.toFixed(1),
				o.maxRssMb.toFixed(1),
				o.rssGrowthMb.toFixed(1),
				o.okItems,
				o.connections,
				o.peakOpenConnections,
			]),
		),
		`   ratios ours / n8n: wall time ${overheadRatios.wallTime.toFixed(3)} (${ours.medianMs.toFixed(1)} / ${theirs.medianMs.toFixed(1)} ms), ` +
			`heap Δ peak ${overheadRatios.heapPeakDelta.toFixed(3)} (${ours.medianHeapPeakDeltaMb} / ${theirs.medianHeapPeakDeltaMb} MB), ` +
			`RSS growth ${overheadRatios.rssGrowth.toFixed(3)} (${ours.rssGrowthMb} / ${theirs.rssGrowthMb} MB), ` +
			`RSS max ${overheadRatios.maxRss.toFixed(3)} (${ours.maxRssMb} / ${theirs.maxRssMb} MB)`,
		`   floor (information, not a goal): the same GETs one at a time through n8n-core's httpRequest helper with nothing else; ` +
			`ours / floor ${round(ours.medianMs / floor.medianMs).toFixed(3)} = our engine's own cost, floor / n8n ${round(floor.medianMs / theirs.medianMs).toFixed(3)} = one-at-a-time vs all-at-once`,
		'   heap Δ peak: median over runs of (peak V8 heap during the run − heap after a full GC before it); ' +
			'RSS growth: process peak RSS − RSS once the node and n8n-core are loaded',
		'',
	);

	// 3. Queue mode: 4 worker processes sharing one budget through a real redis-server.
	const queueMode = await queueModeBench(SMOKE ? { workers: 2, limit: 10, windows: 2 } : {});
	out.push(...queueModeLines(queueMode), '');

	// 4–5. A real n8n: its own queue mode (main + workers) and webhook throughput against its Webhook node.
	const { n8nQueue, webhook, webhookControl } = await realN8nRows(home);
	out.push(...n8nQueueLines(n8nQueue), '', ...webhookLines(webhook), '');
	if (!('skipped' in webhookControl && SMOKE))
		out.push(
			'5b. Control (informational): the same row with n8n made to take its webhook-phase expression isolate for its own',
			'    Webhook node too (N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false): what the two nodes cost, isolates alike',
			...('skipped' in webhookControl
				? [`   skipped (${webhookControl.skipped})`]
				: webhookLines(webhookControl).slice(1)),
			'',
		);
	out.push(...undeclaredLines(undeclared), '');

	const json = {
		bench: 'n8n-nodes-api-connections',
		date: new Date(startedAt).toISOString(),
		durationMs: Date.now() - startedAt,
		versions: { ...versions, httpRequestNode: HTTP_REQUEST_VERSION },
		cpus: cpus().length,
		rateLimit: {
			config: {
				requests: REQUESTS,
				limit: LIMIT,
				windowMs: WINDOW_MS,
				theoreticalMinMs: minimumMs,
			},
			goals: { failedItems: 0, completionRatio: 1.05 },
			ours: {
				failedItems: oursRate.failedItems,
				completionRatio: oursRate.completionRatio,
				wallMs: oursRate.wallMs,
				serverThrottled: oursRate.server.throttled,
			},
			variants: rate,
		},
		overhead: {
			config: { items: ITEMS, runs: RUNS, warmup: WARMUP },
			goals: { wallTime: 1.0 },
			ratios: overheadRatios,
			ours,
			n8n: theirs,
			floor,
		},
		queueMode: { goals: { utilisation: 0.95, max: 1.0 }, figures: queueMode },
		n8nQueueMode: {
			goals: { utilisation: 0.95, max: 1.0, serverRejected: 0, itemsLostOnCrash: 0 },
			figures: n8nQueue,
		},
		webhookThroughput: { goals: { ratio: 0.9 }, figures: webhook, control: webhookControl },
		undeclaredLimit: {
			config: { limit: QUIET_LIMIT, windowMs: QUIET_WINDOW_MS, items: QUIET_ITEMS },
			goals: QUIET_GOALS,
			variants: undeclared,
		},
	};
	const line = JSON.stringify(json);
	mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
	// A smoke run's figures are not the benchmark's: they never replace the last full run.
	const results = join(ROOT, `bench/results/${SMOKE ? 'smoke' : 'latest'}.json`);
	writeFileSync(results, `${JSON.stringify(json, null, 2)}\n`);
	process.stdout.write(`${out.join('\n')}\n${line}\n`);
	const problems = [
		...brokenRows(rate, [ours, theirs, floor], queueMode, undeclared),
		...brokenRealN8nRows(n8nQueue, webhook),
	];
	if (problems.length > 0) {
		process.stderr.write(
			`bench: broken rows (the figures above mean nothing until fixed):\n  ${problems.join('\n  ')}\n`,
		);
		process.exitCode = 1;
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
