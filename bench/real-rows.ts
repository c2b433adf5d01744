/**
 * Rows 4 and 5 (a real n8n) alone: `npm run bench:real -- queue` or `-- webhook` (both when none is named).
 * The same code and knobs as `npm run bench` (BENCH_N8N_QUEUE_*, BENCH_WEBHOOK_*); BENCH_WEBHOOK_ENV takes a
 * JSON object of server settings for the webhook row's n8n (a control: e.g. n8n's
 * N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false makes its own Webhook node take an isolate too).
 * Prints the row's lines and its JSON figures, with the load average before and after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	n8nQueueBench,
	n8nQueueLines,
	prepareRealN8n,
	webhookBench,
	webhookLines,
} from './real-n8n';

const num = (name: string, fallback: number): number => {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
};

async function main(): Promise<void> {
	const rows = process.argv.slice(2);
	const want = (row: string) => rows.length === 0 || rows.includes(row);
	const home = mkdtempSync(join(tmpdir(), 'bench-real-'));
	const load = () => loadavg()[0].toFixed(1);
	try {
		// As `npm run bench`: the user's n8n and queue settings are not passed on (N8N_LOCAL_* are this project's).
		for (const name of Object.keys(process.env))
			if (/^(N8N_(?!LOCAL_)|QUEUE_BULL_REDIS_|EXECUTIONS_MODE$)/.test(name))
				delete process.env[name];
		process.env.HOME = home;
		process.env.N8N_USER_FOLDER = home;
		const dir = join(home, 'real-n8n');
		const prepared = prepareRealN8n(dir);
		if ('skipped' in prepared) throw new Error(prepared.skipped);
		if (want('webhook')) {
			const before = load();
			const env = process.env.BENCH_WEBHOOK_ENV
				? (JSON.parse(process.env.BENCH_WEBHOOK_ENV) as Record<string, string>)
				: process.env.BENCH_WEBHOOK_LAZY === '1'
					? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }
					: undefined;
			const figures = await webhookBench({
				dir,
				userFolder: prepared.userFolder,
				deliveries: num('BENCH_WEBHOOK_DELIVERIES', 500),
				concurrency: num('BENCH_WEBHOOK_CONCURRENCY', 16),
				runs: num('BENCH_WEBHOOK_RUNS', 5),
				...(env ? { env } : {}),
			});
			process.stdout.write(
				`${webhookLines(figures).join('\n')}\nload ${before} → ${load()}\n${JSON.stringify(figures)}\n`,
			);
		}
		if (want('queue')) {
			const before = load();
			const figures = await n8nQueueBench({
				dir: join(dir, 'queue'),
				userFolder: prepared.userFolder,
				workers: num('BENCH_N8N_QUEUE_WORKERS', 2),
				executions: num('BENCH_N8N_QUEUE_EXECUTIONS', 8),
				perExecution: 25,
			});
			process.stdout.write(
				`${n8nQueueLines(figures).join('\n')}\nload ${before} → ${load()}\n${JSON.stringify(figures)}\n`,
			);
		}
	} finally {
		rmSync(home, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
