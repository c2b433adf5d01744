/**
 * A real n8n 2.41.1 for the end-to-end suite: the server (started once, in its own process group so
 * that stopping it also ends its task runners), n8n's CLI on the same user folder, and a REST client
 * that logs in with a session cookie as the editor does.
 *
 * Both the server and the CLI go through `scripts/n8n-local.sh n8n …`, so they get exactly the
 * environment of the README's quick start (loopback only, SQLite, no calls home).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A port nobody listens on right now (the kernel picks it; loopback only). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export interface N8nOptions {
	project: string;
	/** N8N_USER_FOLDER: the SQLite database, the encryption key and `.n8n/nodes` with the package. */
	userFolder: string;
	/** Where the server writes its log and its pid (the process group to end). */
	logFile: string;
	pidFile: string;
	port: number;
	/** The server's task-runner broker; every CLI run gets a port of its own. */
	brokerPort: number;
	/** Extra environment of the server and of every CLI run (e.g. the operator origin map). */
	env?: Record<string, string>;
}

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

/** Process groups this suite started; all are ended when the process exits, whatever happens. */
const groups = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

process.on('exit', () => {
	for (const pid of groups) killGroup(pid, 'SIGKILL');
});
// Stopped from outside (Ctrl+C, a timeout): end the groups, then exit as the signal would.
for (const [signal, code] of [
	['SIGINT', 130],
	['SIGTERM', 143],
] as const) {
	process.once(signal, () => process.exit(code));
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export class N8n {
	readonly baseUrl: string;
	private server: ChildProcess | undefined;
	private exited = false;

	constructor(readonly options: N8nOptions) {
		this.baseUrl = `http://127.0.0.1:${options.port}`;
	}

	private get script(): string {
		return join(this.options.project, 'scripts', 'n8n-local.sh');
	}

	private env(extra: Record<string, string>): NodeJS.ProcessEnv {
		return {
			...process.env,
			N8N_LOCAL_USER_FOLDER: this.options.userFolder,
			N8N_PORT: String(this.options.port),
			...this.options.env,
			...extra,
		};
	}

	/** Starts `n8n start` and waits for /healthz/readiness (database migrated, routes registered). */
	async start(timeoutMs = 180_000): Promise<number> {
		const t0 = Date.now();
		// A restart (the monitor test gives the server a new environment) starts with a live process again.
		this.exited = false;
		const child = this.spawnLogged(
			['start'],
			{
				N8N_RUNNERS_BROKER_PORT: String(this.options.brokerPort),
				// The suite reads the server's debug log; a benchmark asks for n8n's default level instead.
				N8N_LOG_LEVEL: this.options.env?.N8N_LOG_LEVEL ?? 'debug',
			},
			this.options.logFile,
		);
		this.server = child;
		writeFileSync(this.options.pidFile, `${child.pid}\n`);
		child.on('exit', () => {
			this.exited = true;
		});
		while (Date.now() - t0 < timeoutMs) {
			if (this.exited) throw new Error(`n8n exited during start (log: ${this.options.logFile})`);
			if ((await this.status('/healthz/readiness')) === 200) return Date.now() - t0;
			await delay(250);
		}
		throw new Error(`n8n was not ready after ${timeoutMs / 1000} s (log: ${this.options.logFile})`);
	}

	/** `n8n <args>` through the script, in a process group of its own, its output into `logFile`. */
	private spawnLogged(
		args: string[],
		extra: Record<string, string>,
		logFile: string,
	): ChildProcess & { pid: number } {
		const log = openSync(logFile, 'w');
		const child = spawn('bash', [this.script, 'n8n', ...args], {
			cwd: this.options.project,
			env: this.env(extra),
			stdio: ['ignore', log, log],
			detached: true,
		});
		closeSync(log);
		if (child.pid === undefined) throw new Error(`could not spawn n8n ${args.join(' ')}`);
		groups.add(child.pid);
		return child as ChildProcess & { pid: number };
	}

	/**
	 * Starts an `n8n worker` on the same user folder (same database and encryption key) with the server's
	 * environment, which must hold the queue-mode settings (`queueModeEnv`). Ready once it logs "n8n worker
	 * is now ready" (n8n 2.41.1 prints that after it has attached to the Bull queue).
	 */
	async startWorker(name: string, concurrency = 10, timeoutMs = 180_000): Promise<N8nWorker> {
		const t0 = Date.now();
		const logFile = this.options.logFile.replace(/(\.log)?$/, `-${name}.log`);
		const child = this.spawnLogged(
			['worker', `--concurrency=${concurrency}`],
			// A worker runs Code nodes in task runners too: a broker port of its own.
			{ N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_LOG_LEVEL: 'debug' },
			logFile,
		);
		const worker = new N8nWorker(name, child, logFile);
		while (Date.now() - t0 < timeoutMs) {
			if (worker.exited)
				throw new Error(`n8n worker ${name} exited during start (log: ${logFile})`);
			if (/n8n worker is now ready/.test(readFileSync(logFile, 'utf8'))) return worker;
			await delay(250);
		}
		throw new Error(
			`n8n worker ${name} was not ready after ${timeoutMs / 1000} s (log: ${logFile})`,
		);
	}

	/** Ends the server's process group: SIGTERM, then SIGKILL if it is still there after 20 s. */
	async stop(): Promise<void> {
		const pid = this.server?.pid;
		if (pid === undefined) return;
		if (!this.exited) {
			killGroup(pid, 'SIGTERM');
			const t0 = Date.now();
			while (!this.exited && alive(pid) && Date.now() - t0 < 20_000) await delay(200);
		}
		// Task runners may outlive the main process by a moment: the group goes in every case.
		killGroup(pid, 'SIGKILL');
		groups.delete(pid);
		rmSync(this.options.pidFile, { force: true });
	}

	private async status(path: string): Promise<number> {
		try {
			const res = await fetch(this.baseUrl + path, { signal: AbortSignal.timeout(3000) });
			await res.arrayBuffer();
			return res.status;
		} catch {
			return 0;
		}
	}

	/**
	 * Runs n8n's CLI (`import:workflow`, `execute`, …) on the same user folder, in a process group of
	 * its own with its own task-runner broker port, so it can run beside the server.
	 */
	/** `extraEnv`: settings of this run only (e.g. an API key created while the server runs). */
	async cli(
		args: string[],
		timeoutMs = 120_000,
		extraEnv: Record<string, string> = {},
	): Promise<CliResult> {
		const t0 = Date.now();
		const brokerPort = await freePort();
		const child = spawn('bash', [this.script, 'n8n', ...args], {
			cwd: this.options.project,
			// The run data of `execute --rawOutput` is printed through n8n's logger at level info.
			env: this.env({
				...extraEnv,
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				N8N_LOG_LEVEL: 'info',
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		if (child.pid !== undefined) groups.add(child.pid);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(
			() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'),
			timeoutMs,
		);
		const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
			child.on('close', (c, s) => resolve([c, s])),
		);
		clearTimeout(timer);
		if (child.pid !== undefined) {
			// The CLI's task runner ends with it; make sure nothing of the group stays.
			killGroup(child.pid, 'SIGKILL');
			groups.delete(child.pid);
		}
		return { code, signal, stdout, stderr, ms: Date.now() - t0 };
	}

	/** n8n's own `flatted` (execution data in the database and over REST is stored in that format). */
	parseFlatted(text: string): unknown {
		const runtime = join(
			this.options.project,
			'.n8n-local',
			'runtime',
			'node_modules',
			'n8n',
			'package.json',
		);
		const flatted = createRequire(runtime)('flatted') as { parse(text: string): unknown };
		return flatted.parse(text);
	}
}

/** An `n8n worker` process group started by `N8n.startWorker`. */
export class N8nWorker {
	exited = false;
	exitSignal: NodeJS.Signals | null = null;

	constructor(
		readonly name: string,
		private readonly child: ChildProcess & { pid: number },
		readonly logFile: string,
	) {
		child.on('exit', (_code, signal) => {
			this.exited = true;
			this.exitSignal = signal;
		});
	}

	get pid(): number {
		return this.child.pid;
	}

	/** SIGKILL to the whole group at once: a crash, the worker gets no chance to hand its jobs back. */
	async crash(): Promise<void> {
		killGroup(this.pid, 'SIGKILL');
		groups.delete(this.pid);
		const t0 = Date.now();
		while (!this.exited && Date.now() - t0 < 10_000) await delay(50);
	}

	/** SIGTERM (n8n's graceful shutdown), then SIGKILL for whatever of the group is left. */
	async stop(): Promise<void> {
		if (!this.exited) {
			killGroup(this.pid, 'SIGTERM');
			const t0 = Date.now();
			while (!this.exited && alive(this.pid) && Date.now() - t0 < 20_000) await delay(200);
		}
		killGroup(this.pid, 'SIGKILL');
		groups.delete(this.pid);
	}
}

/**
 * n8n's queue mode on a loopback Redis, for the main process and its workers alike. `QUEUE_BULL_PREFIX`
 * keeps two runs on one Redis apart. The Bull lease is shortened (n8n's defaults: a 60 s lock, stalled
 * jobs looked for every 30 s) so that a job of a crashed worker is noticed within seconds.
 */
export function queueModeEnv(
	redisPort: number,
	prefix: string,
	lease: { lockMs: number; renewMs: number; stalledMs: number } = {
		lockMs: 60_000,
		renewMs: 10_000,
		stalledMs: 30_000,
	},
): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		QUEUE_BULL_PREFIX: prefix,
		QUEUE_WORKER_LOCK_DURATION: String(lease.lockMs),
		QUEUE_WORKER_LOCK_RENEW_TIME: String(lease.renewMs),
		QUEUE_WORKER_STALLED_INTERVAL: String(lease.stalledMs),
		// The package's own keys (budgets, registry) under a prefix of the run, too.
		N8N_API_CONNECTIONS_REDIS_PREFIX: `${prefix}-api-connections`,
	};
}

export interface RestResponse<T = unknown> {
	status: number;
	headers: Headers;
	text: string;
	/** The `data` field of n8n's `{ data }` envelope, or the whole JSON body when there is none. */
	data: T;
}

/** n8n's REST API (`/rest/…`) with the session cookie of a logged-in user. */
export class Rest {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request<T = unknown>(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<RestResponse<T>> {
		const res = await fetch(this.baseUrl + path, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
			signal: AbortSignal.timeout(30_000),
		});
		const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await res.text();
		let data: unknown = text;
		try {
			const json = JSON.parse(text) as unknown;
			data =
				json && typeof json === 'object' && 'data' in json
					? (json as { data: unknown }).data
					: json;
		} catch {
			// Not JSON (an HTML page or an SVG): keep the text.
		}
		return { status: res.status, headers: res.headers, text, data: data as T };
	}

	/** GET that must answer 200. */
	async get<T = unknown>(path: string): Promise<T> {
		const res = await this.request<T>('GET', path);
		if (res.status !== 200)
			throw new Error(`GET ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
		return res.data;
	}

	/** POST that must answer 200. */
	async post<T = unknown>(path: string, body: unknown): Promise<T> {
		const res = await this.request<T>('POST', path, body);
		if (res.status !== 200)
			throw new Error(`POST ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
		return res.data;
	}

	get sessionCookie(): string {
		return this.cookie;
	}

	/** Sets up the owner of a fresh instance (or logs in when it exists); either way keeps the session cookie. */
	async signIn(email: string, password: string): Promise<void> {
		const settings = await this.get<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>(
			'/rest/settings',
		);
		if (settings.userManagement?.showSetupOnFirstLoad) {
			await this.post('/rest/owner/setup', {
				email,
				firstName: 'E2E',
				lastName: 'Owner',
				password,
			});
		} else {
			await this.post('/rest/login', { emailOrLdapLoginId: email, password });
		}
		if (!this.cookie) throw new Error('n8n set no session cookie');
	}
}

/** The run JSON of `n8n execute --rawOutput`: printed indented, between a line "{" and a line "}". */
export function parseRunOutput(out: string): RunOutput {
	const start = out.search(/^\{$/m);
	const end = start < 0 ? -1 : out.slice(start).search(/^\}$/m);
	if (start < 0 || end < 0)
		throw new Error(`no run JSON in the CLI output:\n${out.slice(0, 2000)}`);
	return JSON.parse(out.slice(start, start + end + 1)) as RunOutput;
}

export interface RunOutput {
	status: string;
	mode: string;
	data: { resultData: { runData: Record<string, NodeRun[]>; error?: unknown } };
}

export interface NodeRun {
	error?: { message?: string; description?: string };
	data?: { main: Array<Array<{ json: Record<string, unknown>; binary?: unknown }> | null> };
	startTime?: number;
	executionTime?: number;
}

/** The items a node output on its first (only) run, failing when it did not run once or failed. */
export function nodeItems(run: RunOutput, node: string): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[node];
	if (!runs || runs.length !== 1)
		throw new Error(`node "${node}" ran ${runs?.length ?? 0} times, expected once`);
	if (runs[0].error)
		throw new Error(`node "${node}" failed: ${JSON.stringify(runs[0].error).slice(0, 1000)}`);
	return (runs[0].data?.main[0] ?? []).map((i) => i.json);
}

export async function delay(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value (not undefined) or the time is up. */
export async function until<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs = 30_000,
	everyMs = 250,
): Promise<T> {
	const t0 = Date.now();
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() - t0 > timeoutMs)
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await delay(everyMs);
	}
}
