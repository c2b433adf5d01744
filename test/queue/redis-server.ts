/**
 * A real `redis-server` for the queue-mode tests and bench, on a free loopback port, without persistence.
 * It can be killed (SIGKILL, as a crash) and started again on the same port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RedisConnection } from '../../lib/redis/client';
import { DEFAULT_REDIS_WAIT_MS, type RedisSettings } from '../../lib/redis/settings';

export const haveRedisServer =
	spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** True once the port answers PING with PONG. */
async function pings(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port });
		let data = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(500, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			data += chunk.toString();
			if (data.includes('\r\n')) done(data.startsWith('+PONG'));
		});
	});
}

export class RedisServer {
	private child: ChildProcess | undefined;
	private readonly dir = mkdtempSync(join(tmpdir(), 'apiconn-redis-'));

	private constructor(readonly port: number) {}

	static async start(port?: number): Promise<RedisServer> {
		const server = new RedisServer(port ?? (await freePort()));
		await server.start();
		return server;
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	get running(): boolean {
		return this.child !== undefined;
	}

	async start(): Promise<void> {
		if (this.child) return;
		const child = spawn(
			'redis-server',
			[
				'--port',
				String(this.port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				this.dir,
				'--loglevel',
				'warning',
			],
			{ stdio: 'ignore' },
		);
		this.child = child;
		child.once('exit', () => {
			if (this.child === child) this.child = undefined;
		});
		const deadline = Date.now() + 10_000;
		while (!(await pings(this.port))) {
			if (!this.child) throw new Error(`redis-server did not start on port ${this.port}`);
			if (Date.now() > deadline)
				throw new Error(`redis-server on port ${this.port} did not answer within 10 s`);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	/** Ends the server: SIGKILL (a crash, nothing flushed) by default. Resolves once the process is gone. */
	async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		const child = this.child;
		if (!child) return;
		this.child = undefined;
		await new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill(signal);
		});
	}

	/** Settings as `redisSettingsFromEnv` would give them for this server, with a test's own key prefix. */
	settings(prefix: string, waitMs = DEFAULT_REDIS_WAIT_MS): RedisSettings {
		return {
			source: 'override',
			address: `127.0.0.1:${this.port}`,
			node: { host: '127.0.0.1', port: this.port },
			db: 0,
			reconnectOnReadonly: true,
			prefix,
			waitMs,
		};
	}

	connection(prefix: string, waitMs?: number): RedisConnection {
		return new RedisConnection(this.settings(prefix, waitMs));
	}
}

let prefixes = 0;
/** A key prefix no other test uses, so tests can share one server. */
export function uniquePrefix(name = 't'): string {
	return `test-${process.pid}-${Date.now().toString(36)}-${name}-${++prefixes}`;
}
