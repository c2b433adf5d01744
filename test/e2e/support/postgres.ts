/**
 * A throwaway PostgreSQL for n8n's queue mode (Debian's `postgresql` package: apt-get install postgresql):
 * a fresh cluster in a scratch folder, on a free loopback port, trust auth for its one user, no durability
 * (fsync off: nothing in it outlives the run). Ended with the process that started it.
 *
 * Why not SQLite: n8n 2.41.1 accepts SQLite in queue mode (it only warns "Scaling mode is not officially
 * supported with sqlite"), but with a main process and two workers writing at once its deliveries fail
 * with `SQLITE_BUSY: database is locked` (seen with 20 deliveries at once).
 *
 * PostgreSQL refuses to run as root: as root, the cluster is made and run as the `postgres` user.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { delay, freePort } from './n8n';

/** The bin folder of the newest PostgreSQL Debian installed, or undefined. */
export function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}

const asRoot = process.getuid?.() === 0;

function ids(user: string): { uid: number; gid: number } {
	const id = (flag: string) =>
		Number(spawnSync('id', [flag, user], { encoding: 'utf8' }).stdout.trim());
	return { uid: id('-u'), gid: id('-g') };
}

/** `cmd args` as the postgres user when this process is root. */
function command(bin: string, cmd: string, args: string[]): [string, string[]] {
	return asRoot
		? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]]
		: [join(bin, cmd), args];
}

export class Postgres {
	static readonly user = 'n8n';
	static readonly database = 'postgres';

	private constructor(
		readonly port: number,
		private readonly child: ChildProcess & { pid: number },
		private readonly dir: string,
	) {
		process.once('exit', () => this.kill('SIGKILL'));
	}

	static async start(): Promise<Postgres> {
		const bin = postgresBin();
		if (!bin) throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql)');
		const dir = mkdtempSync(join(tmpdir(), 'api-connections-pg-'));
		if (asRoot) {
			const { uid, gid } = ids('postgres');
			chownSync(dir, uid, gid);
		}
		const data = join(dir, 'data');
		const [initCmd, initArgs] = command(bin, 'initdb', [
			'-D',
			data,
			'-U',
			Postgres.user,
			'--auth=trust',
			'-E',
			'UTF8',
			'--no-sync',
		]);
		const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
		if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
		const port = await freePort();
		const [cmd, args] = command(bin, 'postgres', [
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=100',
		]);
		const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
		if (child.pid === undefined) throw new Error('could not spawn postgres');
		const pg = new Postgres(port, child as ChildProcess & { pid: number }, dir);
		const deadline = Date.now() + 30_000;
		for (;;) {
			const ready = spawnSync(
				join(bin, 'pg_isready'),
				['-h', '127.0.0.1', '-p', String(port), '-U', Postgres.user, '-d', Postgres.database],
				{ stdio: 'ignore' },
			);
			if (ready.status === 0) return pg;
			if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode})`);
			if (Date.now() > deadline) {
				pg.kill('SIGKILL');
				throw new Error(`postgres on port ${port} was not ready after 30 s`);
			}
			await delay(100);
		}
	}

	/** n8n's settings for this database. */
	n8nEnv(): Record<string, string> {
		return {
			N8N_LOCAL_DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_USER: Postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: Postgres.database,
		};
	}

	private kill(signal: NodeJS.Signals): void {
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			// Already gone.
		}
	}

	/** SIGINT: PostgreSQL's fast shutdown. */
	async stop(): Promise<void> {
		if (this.child.exitCode === null && this.child.signalCode === null) {
			const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
			this.kill('SIGINT');
			await Promise.race([exited, delay(10_000)]);
			this.kill('SIGKILL');
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}
