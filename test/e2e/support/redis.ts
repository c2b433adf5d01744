/**
 * A real `redis-server` for n8n's queue mode in the real-n8n suite and the benchmark: a free loopback port,
 * no persistence, a scratch directory; ended with the process that started it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { delay, freePort } from './n8n';

export const haveRedisServer =
	spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

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
		socket.on('data', (chunk: Buffer) => {
			data += chunk.toString();
			if (data.includes('\r\n')) done(data.startsWith('+PONG'));
		});
	});
}

export class Redis {
	private constructor(
		readonly port: number,
		private readonly child: ChildProcess,
		private readonly dir: string,
	) {
		process.once('exit', () => child.kill('SIGKILL'));
	}

	static async start(): Promise<Redis> {
		if (!haveRedisServer)
			throw new Error('redis-server is not installed (Debian: apt-get install redis-server)');
		const port = await freePort();
		const dir = mkdtempSync(join(tmpdir(), 'api-connections-redis-'));
		const child = spawn(
			'redis-server',
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				dir,
				'--loglevel',
				'warning',
			],
			{ stdio: 'ignore' },
		);
		const redis = new Redis(port, child, dir);
		const deadline = Date.now() + 10_000;
		while (!(await pings(port))) {
			if (child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
			if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer`);
			await delay(20);
		}
		return redis;
	}

	async stop(): Promise<void> {
		if (this.child.exitCode === null && this.child.signalCode === null) {
			await new Promise<void>((resolve) => {
				this.child.once('exit', () => resolve());
				this.child.kill('SIGTERM');
			});
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}
