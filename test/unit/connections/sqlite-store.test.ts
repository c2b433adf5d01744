/** The embedded SQLite store: location, schema versioning, bindings, usage, logs, failures and races. */
import { execFile } from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import {
	SCHEMA_VERSION,
	SqliteConnectionStore,
	STORE_FILE_ENV,
	defaultStorePath,
} from '../../../lib/connections/sqlite-store';
import { ConnectionStoreError, HOUR_MS } from '../../../lib/connections/store';
import { binding, emptyBatch, T0, tempDir, ws } from './fixtures';

const stores: SqliteConnectionStore[] = [];
function storeAt(file = join(tempDir(), 'api-connections.sqlite')): SqliteConnectionStore {
	const s = new SqliteConnectionStore(file);
	stores.push(s);
	return s;
}
afterEach(async () => {
	for (const s of stores.splice(0)) await s.close();
});

describe('location', () => {
	it("lives beside n8n's database.sqlite: <N8N_USER_FOLDER>/.n8n/api-connections.sqlite", () => {
		expect(defaultStorePath({ N8N_USER_FOLDER: '/srv/n8n' })).toBe(
			'/srv/n8n/.n8n/api-connections.sqlite',
		);
		expect(defaultStorePath({ HOME: '/home/ada' })).toBe('/home/ada/.n8n/api-connections.sqlite');
		expect(
			defaultStorePath({ N8N_USER_FOLDER: '/srv/n8n', [STORE_FILE_ENV]: '/data/conn.sqlite' }),
		).toBe('/data/conn.sqlite');
	});

	it('is created on first use with the current schema version, in WAL mode', async () => {
		const dir = tempDir();
		const file = join(dir, 'nested', '.n8n', 'api-connections.sqlite');
		const store = storeAt(file);
		expect(existsSync(file)).toBe(false);
		expect(await store.getBinding(ws, 'chirp')).toBeUndefined();
		expect(existsSync(file)).toBe(true);
		const raw = new DatabaseSync(file);
		expect(raw.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
		expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
		raw.close();
	});
});

describe('bindings', () => {
	it('the first claim binds; a different credential gets the existing binding back', async () => {
		const store = storeAt();
		expect(await store.claimBinding(binding('cred-a'))).toEqual({
			binding: binding('cred-a'),
			created: true,
		});
		expect(await store.claimBinding(binding('cred-b'))).toEqual({
			binding: binding('cred-a'),
			created: false,
		});
		expect(await store.getBinding(ws, 'chirp')).toEqual(binding('cred-a'));
		expect(await store.getBinding('instance:other', 'chirp')).toBeUndefined();
		expect(await store.getBinding(ws, 'other')).toBeUndefined();
	});

	it('survives closing and reopening the file', async () => {
		const file = join(tempDir(), 'api-connections.sqlite');
		const first = storeAt(file);
		await first.claimBinding(binding('cred-a'));
		await first.setAccountLabel(binding('cred-a'), '@mybusiness');
		await first.addAudit({
			at: T0,
			workspace: ws,
			family: 'chirp',
			credentialId: 'cred-a',
			action: 'bound',
			serviceName: 'Chirp',
		});
		await first.close();
		const second = storeAt(file);
		expect(await second.getBinding(ws, 'chirp')).toEqual(
			binding('cred-a', { accountLabel: '@mybusiness' }),
		);
		expect(await second.queryAudit({ workspace: ws })).toEqual([
			{
				id: 1,
				at: T0,
				workspace: ws,
				family: 'chirp',
				credentialId: 'cred-a',
				action: 'bound',
				serviceName: 'Chirp',
			},
		]);
	});

	it('removes a binding only if it still names the given credential', async () => {
		const store = storeAt();
		await store.claimBinding(binding('cred-a'));
		expect(await store.removeBinding(ws, 'chirp', 'cred-b')).toBeUndefined();
		expect(await store.removeBinding(ws, 'chirp', 'cred-a')).toEqual(binding('cred-a'));
		expect(await store.getBinding(ws, 'chirp')).toBeUndefined();
		expect(await store.claimBinding(binding('cred-b'))).toEqual({
			binding: binding('cred-b'),
			created: true,
		});
	});

	it('two connections to one file: exactly one claim wins', async () => {
		const file = join(tempDir(), 'api-connections.sqlite');
		const [a, b] = [storeAt(file), storeAt(file)];
		const results = await Promise.all([
			a.claimBinding(binding('cred-a')),
			b.claimBinding(binding('cred-b')),
		]);
		expect(results.map((r) => r.created).sort()).toEqual([false, true]);
		expect(results[0].binding.credentialId).toBe(results[1].binding.credentialId);
	});

	it('processes racing for the binding: exactly one wins, all agree on the winner', async () => {
		const file = join(tempDir(), 'api-connections.sqlite');
		storeAt(file).open(); // created and migrated up front, so the race is about the binding only
		const script = join(tempDir(), 'claim.js');
		writeFileSync(
			script,
			`const ts = require(${JSON.stringify(require.resolve('typescript'))});
			const fs = require('node:fs');
			require.extensions['.ts'] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText, f);
			const { SqliteConnectionStore } = require(${JSON.stringify(join(__dirname, '../../../lib/connections/sqlite-store.ts'))});
			const [file, cred, startAt] = process.argv.slice(2);
			const store = new SqliteConnectionStore(file);
			store.open();
			while (Date.now() < Number(startAt)) {}
			store.claimBinding({ workspace: 'instance:abc', family: 'chirp', credentialId: cred, credentialType: 'chirpApi', credentialName: cred,
				serviceId: 'chirp', serviceName: 'Chirp', accountLabel: cred, boundAt: Date.now() })
				.then((r) => { process.stdout.write(JSON.stringify({ cred, created: r.created, winner: r.binding.credentialId })); return store.close(); });`,
		);
		const startAt = Date.now() + 2500;
		const creds = ['p1', 'p2', 'p3', 'p4'];
		const outputs = await Promise.all(
			creds.map(
				(cred) =>
					new Promise<{ cred: string; created: boolean; winner: string }>((resolve, reject) =>
						execFile(
							process.execPath,
							[script, file, cred, String(startAt)],
							{ timeout: 20_000 },
							(error, stdout, stderr) =>
								error
									? reject(new Error(`${error.message}\n${stderr}`))
									: resolve(JSON.parse(stdout)),
						),
					),
			),
		);
		const winners = outputs.filter((o) => o.created);
		expect(winners).toHaveLength(1);
		expect(new Set(outputs.map((o) => o.winner))).toEqual(new Set([winners[0].cred]));
		expect((await storeAt(file).getBinding(ws, 'chirp'))?.credentialId).toBe(winners[0].cred);
	}, 30_000);
});

describe('usage', () => {
	const ref = { workspace: ws, family: 'chirp', credentialId: 'cred-a' };
	const latest = (
		at: number,
		ok: boolean,
		status: number,
		successes: number,
		failures: number,
		tokenExpiresAt?: number,
	) => ({
		...ref,
		serviceId: 'chirp',
		serviceName: 'Chirp',
		credentialType: 'chirpApi',
		credentialName: 'Chirp A',
		exclusive: true,
		successes,
		failures,
		lastUsedAt: at,
		lastStatus: status,
		lastOk: ok,
		tokenExpiresAt,
	});

	it('sums hour buckets, counts the last 24 h only, keeps totals and the latest facts', async () => {
		const store = storeAt();
		const old = T0 - 30 * HOUR_MS;
		await store.applyUsage({
			...emptyBatch(),
			hourly: [
				{ ...ref, hour: Math.floor(old / HOUR_MS) * HOUR_MS, calls: 7, successes: 7, failures: 0 },
				{
					...ref,
					hour: Math.floor((T0 - 5 * HOUR_MS) / HOUR_MS) * HOUR_MS,
					calls: 10,
					successes: 9,
					failures: 1,
				},
			],
			latest: [latest(T0 - 5 * HOUR_MS, true, 200, 16, 1, T0 + HOUR_MS)],
		});
		// A second flush adds to the same hour and moves "last used" forward.
		await store.applyUsage({
			...emptyBatch(),
			hourly: [
				{ ...ref, hour: Math.floor(T0 / HOUR_MS) * HOUR_MS, calls: 4, successes: 2, failures: 2 },
			],
			latest: [latest(T0, false, 503, 2, 2)],
			lastErrors: [{ ...ref, at: T0, message: '503 Service Unavailable' }],
		});
		expect(await store.usage(ref, T0)).toEqual({
			calls24h: 14,
			successes24h: 11,
			failures24h: 3,
			successesTotal: 18,
			failuresTotal: 3,
			lastUsedAt: T0,
			lastStatus: 503,
			lastOk: false,
			lastError: '503 Service Unavailable',
			lastErrorAt: T0,
			tokenExpiresAt: T0 + HOUR_MS,
			grantedScopes: null,
		});
		// "Last 24 h" is the current hour bucket and the 23 before it.
		expect((await store.usage(ref, T0 + 18 * HOUR_MS)).calls24h).toBe(14);
		expect((await store.usage(ref, T0 + 19 * HOUR_MS)).calls24h).toBe(4);
		expect((await store.usage(ref, T0 + 23 * HOUR_MS)).calls24h).toBe(4);
		expect((await store.usage(ref, T0 + 24 * HOUR_MS)).calls24h).toBe(0);
	});

	it('lists bound connections and used non-exclusive ones; counts distinct recent executions', async () => {
		const store = storeAt();
		await store.claimBinding(binding('cred-a'));
		await store.applyUsage({
			...emptyBatch(),
			latest: [
				latest(T0, true, 200, 1, 0),
				{
					...latest(T0, true, 200, 1, 0),
					family: 'anyRest',
					credentialId: 'rest-1',
					serviceId: 'anyRest',
					serviceName: 'Any REST',
					credentialType: 'anyRestApi',
					credentialName: 'Rest one',
					exclusive: false,
				},
				// used once but not bound (e.g. tested): not listed
				{ ...latest(T0, true, 200, 1, 0), credentialId: 'cred-z' },
			],
			executions: [
				{ ...ref, executionId: 'e1', workflowId: 'w1', at: T0 - 2 * HOUR_MS },
				{ ...ref, executionId: 'e2', workflowId: 'w2', at: T0 - HOUR_MS },
				{ ...ref, executionId: 'e2', workflowId: 'w2', at: T0 },
				{ ...ref, executionId: 'e0', workflowId: 'w1', at: T0 - 30 * HOUR_MS },
			],
		});
		const rows = await store.listConnections(ws, T0);
		expect(rows.map((r) => [r.family, r.credentialId, r.exclusive, r.accountLabel])).toEqual([
			['chirp', 'cred-a', true, '@cred-a'],
			['anyRest', 'rest-1', false, null],
		]);
		expect(await store.recentExecutions(ref, T0 - 24 * HOUR_MS)).toEqual({
			count: 2,
			workflowIds: ['w2', 'w1'],
			lastAt: T0,
		});
	});
});

describe('logs', () => {
	it('filters audit and error entries by service type, time and limit, newest first', async () => {
		const store = storeAt();
		for (let i = 0; i < 5; i++) {
			await store.addAudit({
				at: T0 + i * 1000,
				workspace: ws,
				family: i % 2 ? 'chirp' : 'other',
				credentialId: `c${i}`,
				action: 'test',
				serviceName: 'S',
				detail: `#${i}`,
			});
		}
		await store.addAudit({
			at: T0,
			workspace: 'instance:else',
			family: 'chirp',
			credentialId: 'x',
			action: 'bound',
			serviceName: 'S',
		});
		const details = async (q: Parameters<typeof store.queryAudit>[0]) =>
			(await store.queryAudit(q)).map((r) => r.detail);
		expect(await details({ workspace: ws })).toEqual(['#4', '#3', '#2', '#1', '#0']);
		expect(await details({ workspace: ws, families: ['chirp'] })).toEqual(['#3', '#1']);
		expect(await details({ workspace: ws, sinceMs: T0 + 1000, untilMs: T0 + 3000 })).toEqual([
			'#3',
			'#2',
			'#1',
		]);
		expect(await details({ workspace: ws, limit: 2 })).toEqual(['#4', '#3']);

		const error = {
			workspace: ws,
			family: 'chirp',
			credentialId: 'c1',
			serviceName: 'Chirp',
			connection: 'Chirp A',
			method: 'GET',
			endpoint: '/posts/{postId}',
			status: 503,
			message: 'Service Unavailable',
			requestId: 'req-1',
			attempt: 1,
			maxAttempts: 3,
			nextRetryInSeconds: 2,
			kind: 'retry',
		};
		await store.applyUsage({
			...emptyBatch(),
			errors: [
				{ ...error, at: T0 },
				{
					...error,
					at: T0 + 5,
					attempt: 2,
					kind: 'final',
					nextRetryInSeconds: null,
					workflowId: 'w',
					executionId: 'e',
					node: 'Chirp',
					itemIndex: 0,
				},
			],
		});
		expect(await store.queryErrors({ workspace: ws, limit: 1 })).toEqual([
			{
				...error,
				id: 2,
				at: T0 + 5,
				attempt: 2,
				kind: 'final',
				nextRetryInSeconds: null,
				workflowId: 'w',
				executionId: 'e',
				node: 'Chirp',
				itemIndex: 0,
			},
		]);
		expect(await store.queryErrors({ workspace: ws, families: ['other'] })).toEqual([]);
	});
});

describe('failures: a clear error naming the file and the fix, and recovery without a restart', () => {
	async function failure(promise: Promise<unknown>): Promise<ConnectionStoreError> {
		const error = await promise.then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(ConnectionStoreError);
		return error as ConnectionStoreError;
	}

	it('a corrupt file: "move it aside; it will be recreated"', async () => {
		const file = join(tempDir(), 'api-connections.sqlite');
		writeFileSync(file, Buffer.alloc(8192, 'this is not a database '));
		const store = storeAt(file);
		const error = await failure(store.getBinding(ws, 'chirp'));
		expect(error.message).toBe(
			`The connections store ${file} is damaged or not an SQLite database (file is not a database).`,
		);
		expect(error.fix).toBe(
			`Move it aside (e.g. rename it to ${file}.broken); it will be recreated empty on the next run. Bindings, usage and audit history in it are lost.`,
		);
		expect(error.location).toBe(file);
		// Every later call says the same, and none crashes.
		await failure(store.claimBinding(binding('cred-a')));
		await failure(
			store.applyUsage({
				...emptyBatch(),
				lastErrors: [{ workspace: ws, family: 'f', credentialId: 'c', at: 1, message: 'm' }],
			}),
		);
		// Moved aside: the same store instance recreates it.
		renameSync(file, `${file}.broken`);
		expect(await store.claimBinding(binding('cred-a'))).toEqual({
			binding: binding('cred-a'),
			created: true,
		});
	});

	it('a file damaged while open fails the next call clearly', async () => {
		const file = join(tempDir(), 'api-connections.sqlite');
		const store = storeAt(file);
		await store.claimBinding(binding('cred-a'));
		await store.close();
		writeFileSync(file, Buffer.alloc(8192, 7));
		await failure(store.getBinding(ws, 'chirp'));
	});

	it('an unwritable location: names the folder and the setting to change', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'not-a-folder'), 'x');
		const file = join(dir, 'not-a-folder', 'api-connections.sqlite');
		const error = await failure(storeAt(file).getBinding(ws, 'chirp'));
		expect(error.message).toMatch(
			new RegExp(
				`^The connections store ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be opened for writing \\(`,
			),
		);
		expect(error.fix).toBe(
			`Make ${join(dir, 'not-a-folder')} and the file writable for the user running n8n, or set ${STORE_FILE_ENV} to a writable file path.`,
		);
	});

	it('a read-only file (when not running as root, where permissions do not bind)', async () => {
		const dir = tempDir();
		const file = join(dir, 'api-connections.sqlite');
		const seed = storeAt(file);
		await seed.claimBinding(binding('cred-a'));
		await seed.close();
		chmodSync(file, 0o400);
		chmodSync(dir, 0o500);
		try {
			const store = storeAt(file);
			const result = store.claimBinding(binding('cred-b'));
			if (process.getuid?.() === 0) {
				expect((await result).created).toBe(false);
			} else {
				const error = await failure(result);
				expect(error.message).toContain(
					`The connections store ${file} cannot be opened for writing`,
				);
			}
		} finally {
			chmodSync(dir, 0o700);
			chmodSync(file, 0o600);
		}
	});

	it('a file from a newer version of the package is left alone', async () => {
		const file = join(tempDir(), 'api-connections.sqlite');
		const raw = new DatabaseSync(file);
		raw.exec('PRAGMA user_version = 99');
		raw.close();
		const error = await failure(storeAt(file).getBinding(ws, 'chirp'));
		expect(error.message).toBe(
			`The connections store ${file} was written by a newer version of n8n-nodes-api-connections (schema 99; this version knows ${SCHEMA_VERSION}).`,
		);
		expect(error.fix).toBe(
			'Update the package to the newer version, or move the file aside; it will be recreated empty.',
		);
	});

	it('migrates a version-0 database in place', async () => {
		const dir = tempDir();
		mkdirSync(join(dir, 'x'));
		const file = join(dir, 'x', 'api-connections.sqlite');
		const raw = new DatabaseSync(file);
		raw.exec('CREATE TABLE unrelated (x)');
		raw.close();
		expect(readFileSync(file).length).toBeGreaterThan(0);
		expect((await storeAt(file).claimBinding(binding('cred-a'))).created).toBe(true);
	});

	// Issue 10 item 15 changes this: a 0-byte file used to be migrated (recreated) silently.
	it('a 0-byte file is reported as damaged, with the fix, and left as it is', async () => {
		const file = join(tempDir(), 'api-connections.sqlite');
		writeFileSync(file, '');
		const store = storeAt(file);
		const error = await store.claimBinding(binding('cred-a')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConnectionStoreError);
		expect((error as ConnectionStoreError).message).toBe(
			`The connections store ${file} is empty (0 bytes): it was truncated or its contents were lost, so the bindings, usage and audit history it held are gone.`,
		);
		expect((error as ConnectionStoreError).fix).toBe(
			`Restore ${file} from a backup if you have one; otherwise delete the empty file, and a new store is created on the next run (each service type is then bound again to the first credential used).`,
		);
		expect(readFileSync(file).length).toBe(0);
		// Following the fix works without a restart.
		rmSync(file);
		expect((await store.claimBinding(binding('cred-a'))).created).toBe(true);
	});
});
