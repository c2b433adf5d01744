/**
 * n8n's own queue mode for the real-n8n suite and the benchmark: one `n8n start` (main: editor, REST,
 * webhooks; it only enqueues production executions) and several `n8n worker` processes, all real n8n
 * 2.41.1 on one user folder (the encryption key) and one PostgreSQL (support/postgres.ts: n8n 2.41.1
 * accepts SQLite in queue mode with a warning, but three processes writing at once get SQLITE_BUSY), with a
 * real redis-server on a free loopback port carrying both n8n's Bull queue and this package's budgets.
 *
 * The API they share is a loopback stand-in for Stripe (`CountingStripe`), reached through the engine's
 * operator origin map: it enforces Stripe's test-mode limit (25 requests per second) in fixed windows and
 * counts every arrival, so the server's own count is what the figures are made of.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import { delay, freePort, N8n, N8nWorker, queueModeEnv, Rest, until } from './n8n';
import { Postgres } from './postgres';
import { Redis } from './redis';

export const QUEUE_STRIPE_KEY = 'sk_test_51QueueModeFakeKey9f8e7d6c';
/** The limit the Stripe node declares (`rateLimit: { requests: 25, windowMs: 1000 }`, Stripe's test mode). */
export const STRIPE_LIMIT = 25;
export const STRIPE_WINDOW_MS = 1000;
export const QUEUE_HOOK_PATH = 'queue/customers';
/** n8n 2.41.1's error for an execution whose worker died (MaxStalledCountError). */
export const N8N_STALLED_JOB_MESSAGE =
	'This execution failed to be processed too many times and will no longer retry. To allow this execution to complete, please break down your workflow or scale up your workers or adjust your worker settings.';

export interface Arrival {
	at: number;
	id: string;
	status: number;
}

/**
 * Stripe's `GET /v1/customers/:id` on loopback: Bearer key checked, at most `limit` requests per fixed
 * window (the first starting at the first request), past that `429` with Stripe's error body, as Stripe
 * answers a rate-limited request. No rate-limit headers (Stripe sends none): the budget is the client's.
 */
export class CountingStripe {
	readonly arrivals: Arrival[] = [];
	private firstAt: number | undefined;
	/** The last request of any run (kept by `reset`). */
	private lastAt = 0;
	private readonly perWindow = new Map<number, number>();
	private server: Server | undefined;
	url = '';

	constructor(
		readonly limit = STRIPE_LIMIT,
		readonly windowMs = STRIPE_WINDOW_MS,
	) {}

	async start(): Promise<void> {
		this.server = createServer((req, res) => {
			const at = Date.now();
			const m = /^\/v1\/customers\/([^/?]+)/.exec(req.url ?? '');
			const json = (status: number, body: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_q${at}` });
				res.end(JSON.stringify(body));
			};
			if (req.headers.authorization !== `Bearer ${QUEUE_STRIPE_KEY}`)
				return json(401, {
					error: { type: 'invalid_request_error', message: 'Invalid API Key provided' },
				});
			if (req.method !== 'GET' || !m)
				return json(404, {
					error: { type: 'invalid_request_error', message: 'Unrecognized request URL' },
				});
			const id = decodeURIComponent(m[1]);
			this.firstAt ??= at;
			const window = Math.floor((at - this.firstAt) / this.windowMs);
			const used = this.perWindow.get(window) ?? 0;
			const status = used >= this.limit ? 429 : 200;
			if (status === 200) this.perWindow.set(window, used + 1);
			this.arrivals.push({ at, id, status });
			this.lastAt = at;
			if (status === 429)
				return json(429, {
					error: {
						type: 'invalid_request_error',
						code: 'rate_limit',
						message: 'Too many requests hit the API too quickly.',
					},
				});
			json(200, { id, object: 'customer', email: `${id}@example.com`, livemode: false });
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		const address = this.server.address();
		this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	}

	/**
	 * Waits until a whole window has passed since the last request. A client's budget rightly remembers the
	 * requests of the last window (the server does too, until `reset`): a run started sooner would find part of
	 * its first window spent by the run before, and every later window inherits that late start.
	 */
	async quiet(): Promise<void> {
		const left = this.lastAt + this.windowMs + 50 - Date.now();
		if (left > 0) await delay(left);
	}

	/** Forgets the counts (a new run on the same server; its first window starts at its first request). */
	reset(): void {
		this.arrivals.length = 0;
		this.perWindow.clear();
		this.firstAt = undefined;
	}

	/** Most requests the server accepted in one of its windows. */
	get maxPerWindow(): number {
		return Math.max(0, ...this.perWindow.values());
	}

	/** Requests accepted in each server window, from the first (0 for a window with none). */
	get windowCounts(): number[] {
		const last = Math.max(-1, ...this.perWindow.keys());
		return Array.from({ length: last + 1 }, (_, w) => this.perWindow.get(w) ?? 0);
	}

	/** Per window, the offsets of its first and last arrival from the first request's. */
	get windowSpans(): Array<[number, number]> {
		const spans: Array<[number, number]> = [];
		const first = this.firstAt ?? 0;
		for (const a of this.arrivals) {
			const w = Math.floor((a.at - first) / this.windowMs);
			const at = Math.round(a.at - first);
			spans[w] = spans[w] ? [Math.min(spans[w][0], at), Math.max(spans[w][1], at)] : [at, at];
		}
		return Array.from(spans, (s) => s ?? [0, 0]);
	}

	get rejected(): number {
		return this.arrivals.filter((a) => a.status === 429).length;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}
}

/** Most arrivals in any span of `windowMs` (sliding): stricter than the server's fixed windows. */
export function maxInAnyWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let max = 0;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= windowMs) start++;
		max = Math.max(max, end - start + 1);
	}
	return max;
}

/**
 * Share of the budget used while saturated: after the first window's burst, `limit` per `windowMs` is the
 * most a correct limiter can send, so (requests − limit) over what the budget allows in the time they took.
 */
export function utilisation(times: number[], limit: number, windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	const span = sorted[sorted.length - 1] - sorted[0];
	return span > 0 ? ((sorted.length - limit) * windowMs) / (limit * span) : 0;
}

export interface QueueClusterOptions {
	project: string;
	/** A scratch folder of this cluster's own (user folder, logs). */
	dir: string;
	/** A prepared user folder whose `.n8n/nodes` holds the packed package (copied, not shared). */
	nodesFrom: string;
	workers: number;
	/** Jobs each worker runs at once (`n8n worker --concurrency`; n8n's default is 10). */
	concurrency: number;
	/** The operator origin map (the service's origin → the loopback fake). */
	originMap: string;
	/** Bull's lease (see `queueModeEnv`); short in the crash test so a lost job is noticed in seconds. */
	lease?: { lockMs: number; renewMs: number; stalledMs: number };
}

const OWNER = { email: 'owner@queue.test', password: 'Queue-owner-Passw0rd' };

export class QueueCluster {
	readonly workers: N8nWorker[] = [];
	rest!: Rest;

	private constructor(
		readonly main: N8n,
		readonly redis: Redis,
		readonly postgres: Postgres,
	) {}

	/** Redis, the main process, then the workers (in parallel); the owner signed in. */
	static async start(o: QueueClusterOptions): Promise<QueueCluster> {
		const userFolder = join(o.dir, 'user');
		mkdirSync(join(userFolder, '.n8n'), { recursive: true });
		// The package as installed by `npm pack` + `npm install`, without packing it once more.
		cpSync(join(o.nodesFrom, '.n8n', 'nodes'), join(userFolder, '.n8n', 'nodes'), {
			recursive: true,
		});
		const redis = await Redis.start();
		const postgres = await Postgres.start().catch(async (error: unknown) => {
			await redis.stop();
			throw error;
		});
		const prefix = `q${Date.now().toString(36)}`;
		const main = new N8n({
			project: o.project,
			userFolder,
			logFile: join(o.dir, 'main.log'),
			pidFile: join(o.dir, 'main.pid'),
			port: await freePort(),
			brokerPort: await freePort(),
			env: {
				...queueModeEnv(redis.port, prefix, o.lease),
				...postgres.n8nEnv(),
				N8N_API_CONNECTIONS_ORIGIN_MAP: o.originMap,
			},
		});
		const cluster = new QueueCluster(main, redis, postgres);
		try {
			// The main process creates the database and the encryption key; workers start on both.
			await main.start();
			cluster.workers.push(
				...(await Promise.all(
					Array.from({ length: o.workers }, (_, i) =>
						main.startWorker(`worker${i + 1}`, o.concurrency),
					),
				)),
			);
			cluster.rest = new Rest(main.baseUrl);
			await cluster.rest.signIn(OWNER.email, OWNER.password);
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	async stop(): Promise<void> {
		await Promise.all(this.workers.map(async (w) => await w.stop()));
		await this.main.stop();
		await this.redis.stop();
		await this.postgres.stop();
	}

	/**
	 * A Stripe credential and the workflow "n8n Webhook → Split Out → Stripe: Get a customer" (one request
	 * per id of the delivery), active, its webhook answering. Returns the production URL.
	 */
	async deployBudgetWorkflow(): Promise<string> {
		const credential = await this.rest.post<{ id: string; name: string }>('/rest/credentials', {
			name: 'Queue Stripe',
			type: 'apiConnStripeApi',
			data: { secretKey: QUEUE_STRIPE_KEY },
		});
		const created = await this.rest.post<{ id: string; versionId: string }>('/rest/workflows', {
			name: 'Queue mode: one Stripe budget',
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: '6d1c0b1e-0000-4000-8000-000000000001',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '6d1c0b1e-0000-4000-8000-0000000000aa',
					parameters: { httpMethod: 'POST', path: QUEUE_HOOK_PATH, responseMode: 'onReceived' },
				},
				{
					id: '6d1c0b1e-0000-4000-8000-000000000002',
					name: 'Split Out',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					position: [260, 0],
					parameters: { fieldToSplitOut: 'body.customers', include: 'noOtherFields' },
				},
				{
					id: '6d1c0b1e-0000-4000-8000-000000000003',
					name: 'Get customer',
					type: 'n8n-nodes-api-connections.stripe',
					typeVersion: 1,
					position: [520, 0],
					parameters: {
						resource: 'customer',
						operation: 'get',
						customerId: '={{ $json.id }}',
					},
					credentials: { apiConnStripeApi: { id: credential.id, name: credential.name } },
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
				'Split Out': { main: [[{ node: 'Get customer', type: 'main', index: 0 }]] },
			},
		});
		const activated = await this.rest.post<{ active: boolean }>(
			`/rest/workflows/${created.id}/activate`,
			{ versionId: created.versionId },
		);
		if (!activated.active) throw new Error('the queue-mode workflow did not activate');
		const url = `${this.main.baseUrl}/webhook/${QUEUE_HOOK_PATH}`;
		// n8n registers the webhook a moment after the answer. The probe is a GET, which starts nothing: n8n
		// 2.41.1 answers 404 to both, "not registered for GET requests. Did you mean to make a POST
		// request?" once the POST webhook is there.
		await until('the queue-mode webhook to be registered', async () => {
			const res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(5000) });
			const text = await res.text();
			return res.status !== 404 || /Did you mean to make a POST request/.test(text)
				? true
				: undefined;
		});
		this.workflowId = created.id;
		return url;
	}

	workflowId = '';

	/** Sends one delivery with its customer ids; the main process answers once it enqueued the job. */
	static async deliver(url: string, customers: string[]): Promise<void> {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ customers: customers.map((id) => ({ id })) }),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await res.text();
		if (res.status !== 200)
			throw new Error(`delivery answered ${res.status}: ${text.slice(0, 300)}`);
	}

	/** The workflow's executions, once `count` of them have finished (neither new, running nor waiting). */
	async finishedExecutions(count: number, timeoutMs: number): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: this.workflowId }));
		return await until(
			`${count} queue-mode executions to finish`,
			async () => {
				const data = await this.rest.get<{ results: ExecutionSummary[] }>(
					`/rest/executions?filter=${filter}&limit=${count + 50}`,
				);
				const done = data.results.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
				return done.length >= count && done.length === data.results.length
					? data.results
					: undefined;
			},
			timeoutMs,
			500,
		);
	}

	/** One execution's run data (GET /rest/executions/:id, `flatted`). */
	async runData(id: string): Promise<ExecutionData> {
		const execution = await this.rest.get<{ data: string }>(`/rest/executions/${id}`);
		return this.main.parseFlatted(execution.data) as ExecutionData;
	}
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
}

export interface ExecutionData {
	resultData: {
		runData: Record<
			string,
			Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> } }>
		>;
		error?: { message?: string };
	};
}

/** Customer ids `cus_Q<run><n>` (Stripe's id pattern: letters and digits after the prefix). */
export function customerIds(run: string, count: number): string[] {
	return Array.from({ length: count }, (_, i) => `cus_Q${run}${String(i + 1).padStart(4, '0')}`);
}

/** Which executions a worker ran, from its own log (n8n 2.41.1 logs "Worker started execution <id>"). */
export function executionsRunBy(logFile: string): Set<string> {
	const text = readFileSync(logFile, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
	return new Set([...text.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]));
}

export interface BudgetRunFigures {
	executions: number;
	requests: number;
	statuses: Record<string, number>;
	/** Ids the server never answered 200 for (those of executions that failed included). */
	unservedIds: string[];
	/** Ids the server answered 200 for more than once (a job run again). */
	repeatedIds: string[];
	rejected: number;
	maxPerServerWindow: number;
	maxInAnyWindow: number;
	utilisation: number;
	spanMs: number;
	/** Requests the server accepted in each of its windows, in order (where a run loses budget). */
	perServerWindow: number[];
	/** Per server window, its first and last arrival (ms since the run's first request): how each window's burst spreads. */
	perServerWindowSpanMs: Array<[number, number]>;
	/** Executions each worker ran (from its log). */
	perWorker: number[];
	wallMs: number;
	/** Items of executions that succeeded whose request the server never answered 200 (goal 0). */
	lostFromSucceeded: string[];
	/** Items of executions that did not succeed (they failed as a whole, with `errors`). */
	itemsOfFailed: number;
	/** The distinct error messages of executions that did not succeed. */
	errors: string[];
}

/**
 * Sends `executions` deliveries of `perExecution` customer ids each (all at once), waits until every
 * execution finished, and reads the figures off the server's count. `during` runs while the executions
 * are in progress (the crash test kills a worker there).
 */
export async function budgetRun(
	cluster: QueueCluster,
	stripe: CountingStripe,
	run: string,
	executions: number,
	perExecution: number,
	during?: () => Promise<void>,
	timeoutMs = 120_000,
): Promise<BudgetRunFigures> {
	await stripe.quiet();
	stripe.reset();
	const before = new Set((await cluster.finishedExecutions(0, timeoutMs)).map((e) => e.id));
	const ids = customerIds(run, executions * perExecution);
	const t0 = Date.now();
	await Promise.all(
		Array.from(
			{ length: executions },
			async (_, i) =>
				await QueueCluster.deliver(
					url(cluster),
					ids.slice(i * perExecution, (i + 1) * perExecution),
				),
		),
	);
	await during?.();
	const all = await cluster.finishedExecutions(before.size + executions, timeoutMs);
	const wallMs = Date.now() - t0;
	const mine = all.filter((e) => !before.has(e.id));
	const statuses: Record<string, number> = {};
	for (const e of mine) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
	const served = new Map<string, number>();
	for (const a of stripe.arrivals)
		if (a.status === 200) served.set(a.id, (served.get(a.id) ?? 0) + 1);
	const times = stripe.arrivals.map((a) => a.at);
	const mineIds = new Set(mine.map((e) => e.id));
	// What each execution was given (its Webhook node's output) and, when it failed, why.
	const succeededItems: string[] = [];
	const errors = new Set<string>();
	for (const e of mine) {
		const data = await cluster.runData(e.id);
		if (e.status === 'success') {
			const [hook] = data.resultData.runData.Webhook[0].data!.main[0]!;
			const body = hook.json.body as { customers: Array<{ id: string }> };
			succeededItems.push(...body.customers.map((c) => c.id));
		} else errors.add(data.resultData.error?.message ?? `(status ${e.status}, no error message)`);
	}
	return {
		executions: mine.length,
		requests: stripe.arrivals.length,
		statuses,
		unservedIds: ids.filter((id) => !served.has(id)),
		repeatedIds: ids.filter((id) => (served.get(id) ?? 0) > 1),
		rejected: stripe.rejected,
		maxPerServerWindow: stripe.maxPerWindow,
		maxInAnyWindow: maxInAnyWindow(times, stripe.windowMs),
		// Budget used is what the server accepted: a refused request used none of it.
		utilisation:
			Math.round(
				utilisation(
					stripe.arrivals.filter((a) => a.status === 200).map((a) => a.at),
					stripe.limit,
					stripe.windowMs,
				) * 1000,
			) / 1000,
		spanMs: times.length ? Math.max(...times) - Math.min(...times) : 0,
		perServerWindow: stripe.windowCounts,
		perServerWindowSpanMs: stripe.windowSpans,
		perWorker: cluster.workers.map(
			(w) => [...executionsRunBy(w.logFile)].filter((id) => mineIds.has(id)).length,
		),
		wallMs,
		lostFromSucceeded: succeededItems.filter((id) => !served.has(id)),
		itemsOfFailed: ids.length - succeededItems.length,
		errors: [...errors],
	};
}

function url(cluster: QueueCluster): string {
	return `${cluster.main.baseUrl}/webhook/${QUEUE_HOOK_PATH}`;
}

export { delay };
