/**
 * The benchmark rows that need a real n8n 2.41.1 (installed into .n8n-local/runtime by
 * scripts/n8n-install.sh, the package packed and installed into a scratch user folder as users install it):
 *
 * 4. Queue mode with n8n's own processes: `n8n start` + W `n8n worker` + a real redis-server; production
 *    executions (n8n Webhook → Split Out → our Stripe node) share the Stripe connection's declared budget
 *    (25 requests per second) against a loopback Stripe that enforces it and counts; then one worker is
 *    killed (SIGKILL) mid-run and what became of every item is counted.
 * 5. Webhook throughput: deliveries per second answered by our API Webhook Trigger (HMAC-SHA256 signature
 *    checked, replay protection by delivery id) and by n8n's own Webhook node, in the same server, same
 *    payload, same concurrency, their runs taking turns.
 *
 * Both reuse the real-n8n suite's helpers (test/e2e/support/n8n.ts, queue-cluster.ts).
 */
import { spawnSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, N8n, Rest, until } from '../test/e2e/support/n8n';
import {
	budgetRun,
	CountingStripe,
	QueueCluster,
	STRIPE_LIMIT,
	STRIPE_WINDOW_MS,
	type BudgetRunFigures,
} from '../test/e2e/support/queue-cluster';
import { haveRedisServer } from '../test/e2e/support/redis';
import { ROOT } from './peer';

export const N8N_RUNTIME = join(ROOT, '.n8n-local/runtime/node_modules/n8n/package.json');

/**
 * Installs n8n (cached; minutes on a clean machine), builds and packs the package into `<dir>/user`.
 * `N8N_LOCAL_SKIP_BUILD=1` packs the current dist/ as is.
 */
export function prepareRealN8n(dir: string): { userFolder: string } | { skipped: string } {
	const userFolder = join(dir, 'user');
	mkdirSync(userFolder, { recursive: true });
	process.stderr.write('  real n8n: installing n8n 2.41.1 (cached) and the packed package…\n');
	const res = spawnSync('bash', [join(ROOT, 'scripts/n8n-local.sh'), 'prepare'], {
		cwd: ROOT,
		env: { ...process.env, N8N_LOCAL_USER_FOLDER: userFolder },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (res.status !== 0)
		return {
			skipped: `scripts/n8n-local.sh prepare failed (${res.status}): ${(res.stderr || res.stdout).slice(-400)}`,
		};
	return { userFolder };
}

// ---------- 4. queue mode with n8n's own workers ----------

export interface N8nQueueFigures {
	workers: number;
	concurrency: number;
	limit: number;
	windowMs: number;
	saturated: BudgetRunFigures;
	crash: BudgetRunFigures & { killedAfterRequests: number };
}

export async function n8nQueueBench(o: {
	dir: string;
	userFolder: string;
	workers: number;
	executions: number;
	perExecution: number;
}): Promise<N8nQueueFigures | { skipped: string }> {
	if (!haveRedisServer) return { skipped: 'redis-server is not installed' };
	const stripe = new CountingStripe();
	await stripe.start();
	let cluster: QueueCluster | undefined;
	try {
		cluster = await QueueCluster.start({
			project: ROOT,
			dir: o.dir,
			nodesFrom: o.userFolder,
			workers: o.workers,
			// At most `executions / workers` jobs each: the executions split evenly.
			concurrency: Math.ceil(o.executions / o.workers),
			originMap: `https://api.stripe.com=${stripe.url}`,
			lease: { lockMs: 5000, renewMs: 1000, stalledMs: 1000 },
		});
		await cluster.deployBudgetWorkflow();
		// One small execution per job slot first, so both runs measure warm workers.
		await budgetRun(cluster, stripe, 'w', o.executions, 1);
		const saturated = await budgetRun(cluster, stripe, 's', o.executions, o.perExecution);
		process.stderr.write('  n8n queue mode: saturated run done\n');
		const c = cluster;
		let killedAfterRequests = 0;
		const crash = await budgetRun(cluster, stripe, 'k', o.executions, o.perExecution, async () => {
			const third = Math.ceil((o.executions * o.perExecution) / 3);
			await until(
				'a third of the requests',
				async () => (stripe.arrivals.length >= third ? true : undefined),
				120_000,
				20,
			);
			killedAfterRequests = stripe.arrivals.length;
			await c.workers[0].crash();
		});
		process.stderr.write('  n8n queue mode: crash run done\n');
		return {
			workers: o.workers,
			concurrency: Math.ceil(o.executions / o.workers),
			limit: STRIPE_LIMIT,
			windowMs: STRIPE_WINDOW_MS,
			saturated,
			crash: { ...crash, killedAfterRequests },
		};
	} finally {
		await cluster?.stop();
		await stripe.stop();
	}
}

export function n8nQueueLines(figures: N8nQueueFigures | { skipped: string }): string[] {
	if ('skipped' in figures)
		return [`4. Queue mode with n8n's own workers: skipped (${figures.skipped})`];
	const { saturated: s, crash: k } = figures;
	const statuses = (f: BudgetRunFigures) =>
		Object.entries(f.statuses)
			.map(([status, n]) => `${n} ${status}`)
			.join(', ');
	return [
		`4. Queue mode with n8n's own workers: n8n 2.41.1 main + ${figures.workers} \`n8n worker\` (concurrency ${figures.concurrency}) + redis-server; ` +
			`production executions (n8n Webhook → Split Out → our Stripe node, declared ${figures.limit} per ${figures.windowMs} ms) against a loopback Stripe enforcing that limit`,
		'   goals: utilisation ≥ 0.95 and never above 1.0; never more than the limit in a server window; server 429s 0; a killed worker loses no item',
		`   saturated: ${s.executions} executions × ${s.requests / Math.max(1, s.executions)} items, ${s.requests} requests: utilisation ${s.utilisation.toFixed(3)}, ` +
			`max per server window ${s.maxPerServerWindow}, max in any ${figures.windowMs} ms ${s.maxInAnyWindow}, server 429s ${s.rejected}, ` +
			`executions per worker ${s.perWorker.join(' / ')}, ${statuses(s)}, span ${s.spanMs} ms`,
		`   where the span goes: ${rampAndDrift(s, figures.windowMs)}`,
		`   worker killed (SIGKILL) after ${k.killedAfterRequests} of ${k.executions * (s.requests / Math.max(1, s.executions))} requests: items lost ${k.lostFromSucceeded.length} ` +
			`(${k.unservedIds.length - k.lostFromSucceeded.length} never sent belong to the ${k.statuses.error ?? 0} executions n8n failed as a whole), ` +
			`items requested twice (a job run again) ${k.repeatedIds.length}, executions ${statuses(k)}, server 429s ${k.rejected}, ` +
			`max per server window ${k.maxPerServerWindow}, all done after ${(k.wallMs / 1000).toFixed(1)} s`,
	];
}

/**
 * The two costs that keep a correct sliding budget under 1.0: the first window's spread (set by when n8n starts
 * the executions and sends their first requests; each later window inherits it, slot by slot) and the lateness each
 * window adds (a freed slot's next request leaving after the slot frees: the arrival allowance, waking, sending).
 */
function rampAndDrift(s: BudgetRunFigures, windowMs: number): string {
	const w = s.perServerWindowSpanMs;
	if (w.length < 2) return 'one window only';
	const [first] = w;
	const drift = (w[w.length - 1][0] - first[0]) / (w.length - 1) - windowMs;
	return `first window spread ${first[1] - first[0]} ms, each later window starts ${drift.toFixed(1)} ms late (over ${w.length} windows)`;
}

// ---------- 5. webhook throughput ----------

const WEBHOOK_SECRET = 'bench-webhook-secret-2c9e';
/**
 * The delivery, unique per request as a real sender's are (a repeat of a signed body is a replay, which our
 * trigger refuses): every body has the same size, only its delivery id differs.
 */
const payload = (delivery: string): string =>
	JSON.stringify({
		delivery,
		event: 'order.created',
		order: {
			id: 1042,
			total: '19.90',
			currency: 'EUR',
			customer: { id: 'cus_1042', email: 'jenny@example.com', name: 'Jenny Rosen' },
			lines: Array.from({ length: 8 }, (_, i) => ({ sku: `SKU-${i}`, qty: i + 1, price: '2.49' })),
		},
	});

export interface WebhookVariantFigures {
	label: string;
	/** Deliveries per second answered 200, per run. */
	perSecond: number[];
	medianPerSecond: number;
	/** Answers other than 200 over all runs (goal 0). */
	failed: number;
	executions: number;
}

export interface WebhookFigures {
	deliveries: number;
	concurrency: number;
	runs: number;
	payloadBytes: number;
	ours: WebhookVariantFigures;
	n8n: WebhookVariantFigures;
	/** ours / n8n, medians (goal ≥ 0.9). */
	ratio: number;
	/**
	 * ours / n8n per run pair (the two variants back to back): on a machine whose load swings between runs, the
	 * median of these compares like with like better than the ratio of the medians.
	 */
	pairRatios: number[];
	medianPairRatio: number;
	/** Server settings beyond n8n's defaults (none unless BENCH_WEBHOOK_LAZY=1). */
	serverSettings: Record<string, string>;
}

const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function webhookBench(o: {
	dir: string;
	userFolder: string;
	deliveries: number;
	concurrency: number;
	runs: number;
	/** Server settings on top of n8n's defaults (both variants run in the same server). */
	env?: Record<string, string>;
	/**
	 * First segment of both webhook paths (default `bench`): a second row in the same user folder (the control)
	 * needs paths of its own, since the first one's workflows stay active in its database.
	 */
	pathPrefix?: string;
}): Promise<WebhookFigures> {
	const prefix = o.pathPrefix ?? 'bench';
	const n8n = new N8n({
		project: ROOT,
		userFolder: o.userFolder,
		logFile: join(o.dir, 'webhook-n8n.log'),
		pidFile: join(o.dir, 'webhook-n8n.pid'),
		port: await freePort(),
		brokerPort: await freePort(),
		// The server's log at n8n's default level, as in production (debug lines per request would skew it).
		env: { N8N_LOG_LEVEL: 'info', ...o.env },
	});
	await n8n.start();
	try {
		const rest = new Rest(n8n.baseUrl);
		await rest.signIn('owner@bench.test', 'Bench-owner-Passw0rd');
		const deploy = async (name: string, node: Record<string, unknown>): Promise<string> => {
			const created = await rest.post<{ id: string; versionId: string }>('/rest/workflows', {
				name,
				settings: { executionOrder: 'v1' },
				nodes: [{ id: randomUUID(), position: [0, 0], webhookId: randomUUID(), ...node }],
				connections: {},
			});
			await rest.post(`/rest/workflows/${created.id}/activate`, { versionId: created.versionId });
			return created.id;
		};
		const variants = {
			n8n: {
				label: "n8n's Webhook node v2",
				path: `${prefix}/n8n`,
				workflowId: await deploy('Bench: n8n Webhook', {
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					parameters: { httpMethod: 'POST', path: `${prefix}/n8n`, responseMode: 'onReceived' },
				}),
			},
			ours: {
				label: 'ours: API Webhook Trigger v2, HMAC-SHA256 + delivery id',
				path: `${prefix}/ours`,
				// The node's current version, as the editor adds it: the secret in a credential. (Version 1, the secret
				// in a parameter, costs n8n 2.41 an expression-isolate evaluation per delivery for any v1 webhook node.)
				workflowId: await deploy('Bench: API Webhook Trigger', {
					name: 'Signed webhook',
					type: 'n8n-nodes-api-connections.apiWebhookTrigger',
					typeVersion: 2,
					credentials: {
						apiConnWebhookSigningSecretApi: await rest
							.post<{ id: string; name: string }>('/rest/credentials', {
								name: 'Bench signing secret',
								type: 'apiConnWebhookSigningSecretApi',
								data: { secret: WEBHOOK_SECRET },
							})
							.then(({ id, name }) => ({ id, name })),
					},
					parameters: {
						httpMethod: ['POST'],
						path: `${prefix}/ours`,
						responseMode: 'onReceived',
						responseCode: 200,
						verifySignature: true,
						signatureHeader: 'X-Signature-256',
						algorithm: 'sha256',
						encoding: 'hex',
						signaturePrefix: 'sha256=',
						signedPayload: '{body}',
						signatureOptions: { deliveryIdHeader: 'X-Delivery-Id' },
					},
				}),
			},
		};
		// Both get the same bodies and headers (a signature and a delivery id), made before the clock starts.
		const send = async (path: string, count: number): Promise<{ ok: number; ms: number }> => {
			const deliveries = Array.from({ length: count }, () => {
				const id = randomUUID();
				const body = payload(id);
				const signature = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
				return { id, body, signature };
			});
			let next = 0;
			let ok = 0;
			const t0 = performance.now();
			await Promise.all(
				Array.from({ length: o.concurrency }, async () => {
					while (next < count) {
						const d = deliveries[next++];
						const res = await fetch(`${n8n.baseUrl}/webhook/${path}`, {
							method: 'POST',
							headers: {
								'content-type': 'application/json',
								'x-signature-256': d.signature,
								'x-delivery-id': d.id,
							},
							body: d.body,
							signal: AbortSignal.timeout(30_000),
						});
						await res.arrayBuffer();
						if (res.status === 200) ok++;
					}
				}),
			);
			return { ok, ms: performance.now() - t0 };
		};
		const executions = async (workflowId: string): Promise<{ count: number; busy: boolean }> => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const data = await rest.get<{ count: number; results: Array<{ status: string }> }>(
				`/rest/executions?filter=${filter}&limit=20`,
			);
			return {
				count: data.count,
				busy: data.results.some((e) => ['new', 'running'].includes(e.status)),
			};
		};
		// Executions run on after the answer (onReceived): the next run starts once they are all saved.
		let last = { count: 0, busy: true };
		const settle = async (workflowId: string, expected: number) =>
			await until(
				`the webhook executions to be saved (expected ${expected}, last seen ${JSON.stringify(last)})`,
				async () => {
					last = await executions(workflowId);
					return last.count >= expected && !last.busy ? last.count : undefined;
				},
				300_000,
				200,
			);
		// Registered (n8n activates in the background) and warm: a small run of each first. Only deliveries
		// answered 200 start an execution.
		const started: Record<'n8n' | 'ours', number> = { n8n: 0, ours: 0 };
		for (const key of ['n8n', 'ours'] as const) {
			await until(`the ${key} webhook to be registered`, async () => {
				const r = await send(variants[key].path, 1);
				started[key] += r.ok;
				return r.ok === 1 ? true : undefined;
			});
			started[key] += (await send(variants[key].path, Math.min(100, o.deliveries))).ok;
			await settle(variants[key].workflowId, started[key]);
		}
		const results: Record<'n8n' | 'ours', { perSecond: number[]; failed: number }> = {
			n8n: { perSecond: [], failed: 0 },
			ours: { perSecond: [], failed: 0 },
		};
		for (let i = 0; i < o.runs; i++) {
			for (const key of (i % 2 ? ['ours', 'n8n'] : ['n8n', 'ours']) as Array<'n8n' | 'ours'>) {
				const r = await send(variants[key].path, o.deliveries);
				started[key] += r.ok;
				results[key].perSecond.push(Math.round((r.ok / r.ms) * 1000 * 10) / 10);
				results[key].failed += o.deliveries - r.ok;
				await settle(variants[key].workflowId, started[key]);
			}
		}
		const figures = (key: 'n8n' | 'ours'): WebhookVariantFigures => ({
			label: variants[key].label,
			perSecond: results[key].perSecond,
			medianPerSecond: median(results[key].perSecond),
			failed: results[key].failed,
			executions: started[key],
		});
		const ours = figures('ours');
		const theirs = figures('n8n');
		const pairRatios = ours.perSecond.map(
			(x, i) => Math.round((x / theirs.perSecond[i]) * 1000) / 1000,
		);
		process.stderr.write('  webhook throughput: done\n');
		return {
			deliveries: o.deliveries,
			concurrency: o.concurrency,
			runs: o.runs,
			payloadBytes: Buffer.byteLength(payload(randomUUID())),
			ours,
			n8n: theirs,
			ratio: Math.round((ours.medianPerSecond / theirs.medianPerSecond) * 1000) / 1000,
			pairRatios,
			medianPairRatio: median(pairRatios),
			serverSettings: o.env ?? {},
		};
	} finally {
		await n8n.stop();
	}
}

export function webhookLines(f: WebhookFigures | { skipped: string }): string[] {
	if ('skipped' in f) return [`5. Webhook throughput: skipped (${f.skipped})`];
	const row = (v: WebhookVariantFigures) =>
		`   ${v.label}: median ${v.medianPerSecond.toFixed(1)} deliveries/s (runs: ${v.perSecond.map((x) => x.toFixed(0)).join(', ')}), answers other than 200: ${v.failed}`;
	return [
		`5. Webhook throughput: ${f.deliveries} deliveries per run, ${f.concurrency} at a time, ${f.payloadBytes}-byte JSON, median of ${f.runs} runs each, ` +
			'the variants taking turns in one n8n 2.41.1 server (regular mode, SQLite); responds on receipt, executions saved before the next run; ' +
			`server settings: ${
				Object.entries(f.serverSettings)
					.map(([k, v]) => `${k}=${v}`)
					.join(', ') || "n8n's defaults"
			}`,
		'   goal: deliveries/s ours / n8n ≥ 0.9',
		row(f.ours),
		row(f.n8n),
		`   ratio ours / n8n: ${f.ratio.toFixed(3)} (per run pair: ${f.pairRatios.map((r) => r.toFixed(2)).join(', ')}; median ${f.medianPairRatio.toFixed(3)})`,
	];
}

export const realN8nInstalled = (): boolean => existsSync(N8N_RUNTIME);
