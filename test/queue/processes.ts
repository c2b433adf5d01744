/**
 * Worker processes and the loopback server they share, for the queue-mode tests and bench.
 *
 * Workers are real Node processes (the Node running Jest, i.e. Node 24) that load `worker.ts` straight from
 * the sources: a ten-line loader registers a `.ts` hook that transpiles each file with the project's
 * TypeScript (`transpileModule`, no type check: the type check is `npm run typecheck`'s job). No build step,
 * no ts-node, nothing to keep in sync with `dist/`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { WorkerTask } from './worker';

let loader: string | undefined;

function loaderPath(): string {
	if (loader) return loader;
	const dir = mkdtempSync(join(tmpdir(), 'apiconn-worker-'));
	loader = join(dir, 'load-ts.js');
	writeFileSync(
		loader,
		`const ts = require(${JSON.stringify(require.resolve('typescript'))});
const fs = require('node:fs');
require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), {
	fileName: file,
	compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
}).outputText, file);
process.argv.splice(1, 1);
require(process.argv[1]);
`,
	);
	return loader;
}

/** n8n's queue-mode environment pointing at a Redis on loopback. */
export function queueEnv(
	redisPort: number,
	prefix: string,
	extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		N8N_USER_FOLDER: mkdtempSync(join(tmpdir(), 'apiconn-worker-home-')),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		N8N_API_CONNECTIONS_REDIS_PREFIX: prefix,
		...extra,
	};
}

/** Runs one worker process to completion; resolves with its JSON report. */
export async function runWorker<T>(
	task: WorkerTask,
	env: NodeJS.ProcessEnv,
	timeoutMs = 60_000,
): Promise<T> {
	return await new Promise<T>((resolve, reject) => {
		// Compiled (the bench runs bench/.out/test/queue/worker.js), or straight from the sources (tests).
		const compiled = join(__dirname, 'worker.js');
		const args = existsSync(compiled) ? [compiled] : [loaderPath(), join(__dirname, 'worker.ts')];
		const child = spawn(process.execPath, [...args, JSON.stringify(task)], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (code !== 0)
				return reject(new Error(`worker ${task.worker} exited with ${code ?? signal}:\n${err}`));
			try {
				resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as T);
			} catch {
				reject(new Error(`worker ${task.worker} printed no report:\n${out}\n${err}`));
			}
		});
	});
}

/**
 * A loopback API that allows `limit` requests per fixed window of `windowMs`, the first window starting at the
 * first request (as the bench's server). It counts what arrives: requests per window, per worker, and the
 * 429s it had to give. It sends no rate-limit headers, so the budget is the client's own. Warm-up requests
 * (`?warmup`) are answered and not counted.
 */
export class CountingServer {
	readonly arrivals: Array<{ at: number; worker: string; status: number }> = [];
	private firstAt: number | undefined;
	private readonly perWindow = new Map<number, number>();
	private server: Server | undefined;
	port = 0;

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {}

	async start(): Promise<void> {
		this.server = createServer((req, res) => {
			if (req.url?.endsWith('?warmup')) {
				res.end('{}');
				return;
			}
			const at = Date.now();
			this.firstAt ??= at;
			const window = Math.floor((at - this.firstAt) / this.windowMs);
			const used = this.perWindow.get(window) ?? 0;
			const status = used >= this.limit ? 429 : 200;
			if (status === 200) this.perWindow.set(window, used + 1);
			this.arrivals.push({ at, worker: String(req.headers['x-worker'] ?? ''), status });
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(status === 200 ? '{"ok":true}' : '{"error":"rate limited"}');
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as { port: number }).port;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}/items`;
	}

	/** Most requests the server accepted in one of its windows. */
	get maxPerWindow(): number {
		return Math.max(0, ...this.perWindow.values());
	}

	get rejected(): number {
		return this.arrivals.filter((a) => a.status === 429).length;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}
}

/** Most grants in any interval of `windowMs` (sliding), over times sorted or not. */
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
 * most a correct limiter can grant, so (grants − limit) over what the budget allows in the time they took.
 */
export function utilisation(times: number[], limit: number, windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	const span = sorted[sorted.length - 1] - sorted[0];
	return span > 0 ? ((sorted.length - limit) * windowMs) / (limit * span) : 0;
}
