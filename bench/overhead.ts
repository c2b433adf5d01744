/**
 * Row 2 (overhead) alone, for finding where the time goes: `npm run bench:overhead`. The same workers and
 * server as `npm run bench`, the variants' runs taking turns; prints median wall and CPU time per variant.
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each worker there (`--cpu-prof`), to open in Chrome
 * DevTools. Knobs: BENCH_ITEMS (2000), BENCH_RUNS (7), BENCH_WARMUP (1), BENCH_VARIANTS (ours,n8n,floor).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { delimiter, join } from 'node:path';

import { DEPS_MODULES } from './peer';
import type { ServerReplyMessage } from './server';
import type { OverheadRun, OverheadVariant, WorkerResult, WorkerTask } from './worker';

const num = (name: string, fallback: number): number => {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
};
const ITEMS = num('BENCH_ITEMS', 2000);
const RUNS = num('BENCH_RUNS', 7);
const WARMUP = num('BENCH_WARMUP', 1);
const VARIANTS = (process.env.BENCH_VARIANTS ?? 'ours,n8n,floor').split(',') as OverheadVariant[];
const PROFILE_DIR = process.env.BENCH_CPU_PROF;

function ask<T>(child: ChildProcess, task: WorkerTask): Promise<T> {
	return new Promise((resolve, reject) => {
		child.once('message', (reply: WorkerResult) =>
			reply.ok ? resolve(reply.result as T) : reject(new Error(reply.error)),
		);
		child.send(task);
	});
}

const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main(): Promise<void> {
	const server = fork(
		join(__dirname, 'server.js'),
		[JSON.stringify({ limit: 20, windowMs: 1000 })],
		{
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		},
	);
	const port = await new Promise<number>((resolve) =>
		server.on('message', (m: ServerReplyMessage) => 'ready' in m && resolve(m.port)),
	);
	const baseUrl = `http://127.0.0.1:${port}`;
	const nodePath = [DEPS_MODULES, process.env.NODE_PATH].filter(Boolean).join(delimiter);
	const workers = new Map<OverheadVariant, ChildProcess>();
	const runs = new Map<OverheadVariant, OverheadRun[]>();
	const load = [loadavg()[0]];
	try {
		for (const variant of VARIANTS) {
			const execArgv = ['--expose-gc'];
			if (PROFILE_DIR)
				execArgv.push(
					'--cpu-prof',
					`--cpu-prof-dir=${PROFILE_DIR}`,
					`--cpu-prof-name=${variant}.cpuprofile`,
				);
			const child = fork(join(__dirname, 'worker.js'), [], {
				execArgv,
				env: { ...process.env, NODE_PATH: nodePath },
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			});
			workers.set(variant, child);
			runs.set(variant, []);
			await ask(child, {
				kind: 'overheadLoad',
				variant,
				baseUrl,
				warmupBuckets: Array.from({ length: WARMUP }, (_, i) => `warm-${variant}-${i}`),
				items: ITEMS,
			});
		}
		for (let i = 0; i < RUNS; i++) {
			const shift = i % VARIANTS.length;
			for (const variant of [...VARIANTS.slice(shift), ...VARIANTS.slice(0, shift)])
				runs.get(variant)!.push(
					await ask<OverheadRun>(workers.get(variant)!, {
						kind: 'overheadRun',
						bucket: `${variant}-${i}`,
					}),
				);
			load.push(loadavg()[0]);
		}
		for (const variant of VARIANTS) await ask(workers.get(variant)!, { kind: 'overheadEnd' });
	} finally {
		server.kill();
	}
	const figures = VARIANTS.map((variant) => {
		const r = runs.get(variant)!;
		return {
			variant,
			wallMs: Math.round(median(r.map((x) => x.wallMs))),
			cpuMs: Math.round(median(r.map((x) => x.cpuMs))),
			mainCpuMs: Math.round(median(r.map((x) => x.mainCpuMs))),
			heapMb: Math.round(median(r.map((x) => x.heapPeakDeltaBytes)) / 1048576),
			okItems: Math.min(...r.map((x) => x.okItems)),
			walls: r.map((x) => Math.round(x.wallMs)),
		};
	});
	for (const f of figures) process.stdout.write(`${JSON.stringify(f)}\n`);
	const by = new Map(figures.map((f) => [f.variant, f]));
	const ours = by.get('ours');
	const n8n = by.get('n8n');
	if (ours && n8n)
		process.stdout.write(
			`items ${ITEMS}, runs ${RUNS}: ours / n8n wall ${(ours.wallMs / n8n.wallMs).toFixed(3)}, cpu ${(ours.cpuMs / n8n.cpuMs).toFixed(3)} (main thread ${(ours.mainCpuMs / n8n.mainCpuMs).toFixed(3)}), heap ${(ours.heapMb / n8n.heapMb).toFixed(3)}; load ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}\n`,
		);
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
