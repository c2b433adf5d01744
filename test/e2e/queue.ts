/**
 * Queue mode with n8n's own processes: `n8n start` in queue mode, two `n8n worker` processes and a real
 * redis-server, all on loopback (support/queue-cluster.ts). Production executions of one workflow
 * (n8n's Webhook → Split Out → our Stripe node; 25 items each, so every execution keeps requests
 * waiting for the budget) run on both workers and share one connection's budget
 * (the Stripe node's declared 25 requests per second) through Redis, against a loopback Stripe that
 * enforces that limit and counts what arrives.
 *
 * `npm run test:e2e -- --test-name-pattern="queue mode"` runs this part (with the suite's setup).
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { until } from './support/n8n';
import {
	budgetRun,
	CountingStripe,
	N8N_STALLED_JOB_MESSAGE,
	QueueCluster,
} from './support/queue-cluster';
import { haveRedisServer } from './support/redis';

export interface QueueContext {
	project: string;
	work: string;
	/** The suite's prepared user folder (its `.n8n/nodes` holds the packed package). */
	userFolder: string;
	log(message: string): void;
	outputs: Array<{ what: string; text: string }>;
}

export function queueModeTests(ctx: QueueContext): void {
	describe(
		'queue mode: n8n main + two n8n workers + Redis share one budget',
		{ skip: !haveRedisServer && 'redis-server is not installed' },
		() => {
			const stripe = new CountingStripe();
			const dir = join(ctx.work, 'queue');
			let cluster: QueueCluster;

			before(async () => {
				rmSync(dir, { recursive: true, force: true });
				await stripe.start();
				const t0 = Date.now();
				cluster = await QueueCluster.start({
					project: ctx.project,
					dir,
					nodesFrom: ctx.userFolder,
					workers: 2,
					// Two jobs per worker at most: four executions split two and two.
					concurrency: 2,
					originMap: `https://api.stripe.com=${stripe.url}`,
					// A crashed worker's job is noticed within seconds (n8n's defaults: 60 s lease, 30 s check).
					lease: { lockMs: 5000, renewMs: 1000, stalledMs: 1000 },
				});
				await cluster.deployBudgetWorkflow();
				// One execution on each worker first (node types loaded, connections open), as in a running n8n.
				await budgetRun(cluster, stripe, 'w', 4, 1);
				ctx.log(
					`queue mode: main at ${cluster.main.baseUrl}, 2 workers, Redis on port ${cluster.redis.port}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (logs: ${dir})`,
				);
			});

			after(async () => {
				await cluster?.stop();
				// The main process's and the workers' logs join the suite's scan for secrets.
				for (const file of [
					cluster?.main.options.logFile,
					...(cluster?.workers ?? []).map((w) => w.logFile),
				])
					if (file)
						ctx.outputs.push({ what: `queue-mode log ${file}`, text: readFileSync(file, 'utf8') });
				await stripe.stop();
			});

			it('4 executions × 25 items on two workers share one budget: every item served once, by both workers', async () => {
				const f = await budgetRun(cluster, stripe, 'a', 4, 25);
				ctx.log(`queue mode: ${JSON.stringify(f)}`);
				assert.deepEqual(f.statuses, { success: 4 });
				// Every item answered once by the server, none twice; a refused request was waited for and sent again.
				// A request counts in the shared budget from when it left its worker (plus 10 ms, never past its
				// answer), so a busy worker's late sends are not refused; the server here stamps arrivals in this
				// suite's own busy process, later than they arrive, so refusals are printed, not asserted; so is
				// utilisation (a figure of the benchmark, row 4).
				ctx.log(
					`queue mode: refused ${f.rejected} (goal 0), utilisation ${f.utilisation} (goal ≥ 0.95)`,
				);
				assert.equal(f.requests - f.rejected, 100);
				assert.deepEqual(f.unservedIds, []);
				assert.deepEqual(f.repeatedIds, []);
				// Both workers ran executions: the budget was shared, not used by one process.
				assert.equal(f.perWorker.length, 2);
				assert.ok(
					f.perWorker.every((n) => n > 0),
					`executions per worker: ${f.perWorker.join(', ')}`,
				);
				assert.equal(f.perWorker[0] + f.perWorker[1], 4);
				// The items an execution output are the customers the server returned.
				const [first] = await cluster.finishedExecutions(0, 10_000);
				const run = await cluster.runData(first.id);
				const out = run.resultData.runData['Get customer'][0].data!.main[0]!.map((i) => i.json);
				assert.equal(out.length, 25);
				for (const c of out) assert.match(String(c.id), /^cus_Qa\d{4}$/);
			});

			// n8n 2.41.1 runs Bull with maxStalledCount 0: a job whose worker died is not run again. Once its lease
			// ran out, the main process waits 30 s for the execution to finish after all, then fails it as a
			// whole with this message (QUEUE_WORKER_MAX_STALLED_COUNT no longer exists in 2.x).
			it("a worker killed mid-run loses no item: its executions fail as a whole with n8n's stalled-job error, the others succeed", async () => {
				const [victim, survivor] = cluster.workers;
				let killedAt = 0;
				const f = await budgetRun(cluster, stripe, 'b', 4, 25, async () => {
					// Mid-run: a third of the requests answered, the rest waiting for budget on both workers.
					await until(
						'a third of the requests',
						async () => (stripe.arrivals.length >= 34 ? true : undefined),
						60_000,
						20,
					);
					killedAt = stripe.arrivals.length;
					await victim.crash();
				});
				ctx.log(
					`queue mode: killed ${victim.name} (SIGKILL) after ${killedAt} requests: ${JSON.stringify({ ...f, unservedIds: f.unservedIds.length })}`,
				);
				assert.equal(victim.exitSignal, 'SIGKILL');
				assert.equal(survivor.exited, false);
				assert.equal(f.executions, 4);
				const failed = f.statuses.error ?? 0;
				assert.equal((f.statuses.success ?? 0) + failed, 4, JSON.stringify(f.statuses));
				assert.ok(
					failed > 0,
					'the killed worker had no execution in progress: the test proves nothing',
				);
				assert.deepEqual(f.errors, [N8N_STALLED_JOB_MESSAGE]);
				// Nothing vanished: every item of an execution that succeeded was answered by the server, and
				// every item it never answered belongs to an execution that failed visibly.
				assert.deepEqual(f.lostFromSucceeded, []);
				assert.equal(f.itemsOfFailed, failed * 25);
				assert.ok(f.unservedIds.length <= f.itemsOfFailed);
				assert.deepEqual(f.repeatedIds, []);
			});
		},
	);
}
