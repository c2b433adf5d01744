/**
 * Issue 10 item 15: a store file deleted or replaced while n8n runs is detected and reopened at its path,
 * so no process keeps writing to a file nobody else sees and the one-connection rule never splits.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { LoggerProxy } from 'n8n-workflow';

import { SqliteConnectionStore } from '../../../lib/connections/sqlite-store';
import { binding, emptyBatch, T0, tempDir, ws } from './fixtures';

const stores: SqliteConnectionStore[] = [];
function storeAt(file: string): SqliteConnectionStore {
	const s = new SqliteConnectionStore(file);
	stores.push(s);
	return s;
}
const warnings: string[] = [];
beforeAll(() => {
	LoggerProxy.init({
		error: () => {},
		warn: (m: string) => warnings.push(m),
		info: () => {},
		debug: () => {},
	} as never);
});
afterEach(async () => {
	warnings.length = 0;
	for (const s of stores.splice(0)) await s.close();
});

/** Deletes the store the way an operator would: the file and its WAL sidecars. */
function deleteStore(file: string): void {
	for (const name of readdirSync(dirname(file)))
		if (name.startsWith('api-connections.sqlite')) rmSync(join(dirname(file), name));
}

/** Another n8n process: opens the store at `file` and claims the binding for `cred`. */
async function claimInOtherProcess(
	file: string,
	cred: string,
): Promise<{ created: boolean; winner: string }> {
	const script = join(tempDir(), 'claim.js');
	writeFileSync(
		script,
		`const ts = require(${JSON.stringify(require.resolve('typescript'))});
		const fs = require('node:fs');
		require.extensions['.ts'] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText, f);
		const { SqliteConnectionStore } = require(${JSON.stringify(join(__dirname, '../../../lib/connections/sqlite-store.ts'))});
		const [file, cred] = process.argv.slice(2);
		const store = new SqliteConnectionStore(file);
		store.claimBinding({ workspace: 'instance:abc', family: 'chirp', credentialId: cred, credentialType: 'chirpApi', credentialName: 'Chirp ' + cred,
			serviceId: 'chirp', serviceName: 'Chirp', accountLabel: 'Chirp ' + cred, boundAt: ${T0} })
			.then((r) => { process.stdout.write(JSON.stringify({ created: r.created, winner: r.binding.credentialId })); return store.close(); });`,
	);
	return await new Promise((resolve, reject) =>
		execFile(
			process.execPath,
			[script, file, cred],
			{ timeout: 20_000 },
			(error, stdout, stderr) =>
				error
					? reject(new Error(`${error.message}\n${stderr}`))
					: resolve(JSON.parse(stdout) as { created: boolean; winner: string }),
		),
	);
}

describe('a store deleted while n8n runs', () => {
	it.each([
		['with its WAL files', deleteStore],
		['only the main file (its WAL left behind, still open here)', (file: string) => rmSync(file)],
	])(
		'deleted %s: another process binding a new file and this one binding afterwards agree on one credential (never split)',
		async (_how, remove) => {
			const file = join(tempDir(), 'api-connections.sqlite');
			const running = storeAt(file);
			expect((await running.claimBinding(binding('cred-a'))).created).toBe(true);

			remove(file);
			// A second process (or n8n after a restart) finds no file and binds another credential in a new one.
			expect(await claimInOtherProcess(file, 'cred-b')).toEqual({
				created: true,
				winner: 'cred-b',
			});

			// The running process must see that binding, not keep using its deleted file.
			expect(await running.getBinding(ws, 'chirp')).toEqual(
				binding('cred-b', {
					credentialName: 'Chirp cred-b',
					accountLabel: 'Chirp cred-b',
					boundAt: T0,
					workflowId: undefined,
					executionId: undefined,
				}),
			);
			expect(await running.claimBinding(binding('cred-c'))).toEqual({
				binding: binding('cred-b', {
					credentialName: 'Chirp cred-b',
					accountLabel: 'Chirp cred-b',
					boundAt: T0,
					workflowId: undefined,
					executionId: undefined,
				}),
				created: false,
			});
			expect(warnings).toEqual([
				`The connections store ${file} was deleted or replaced while n8n was running; it is reopened at that path. Bindings, usage and logs written to the old file since then are not in the new one.`,
			]);
		},
		30_000,
	);

	it('writes after the deletion land in the file at the path, where a restart finds them', async () => {
		const file = join(tempDir(), 'api-connections.sqlite');
		const running = storeAt(file);
		await running.claimBinding(binding('cred-a'));
		deleteStore(file);

		await running.claimBinding(binding('cred-b'));
		await running.applyUsage({
			...emptyBatch(),
			lastErrors: [],
			errors: [errorEntry('after the deletion')],
		});
		await running.close();

		expect(existsSync(file)).toBe(true);
		const restarted = storeAt(file);
		expect((await restarted.getBinding(ws, 'chirp'))?.credentialId).toBe('cred-b');
		expect((await restarted.queryErrors({ workspace: ws })).map((e) => e.message)).toEqual([
			'after the deletion',
		]);
	});

	it('only the main file deleted (its WAL left behind): still reopened at the path', async () => {
		const file = join(tempDir(), 'api-connections.sqlite');
		const running = storeAt(file);
		await running.claimBinding(binding('cred-a'));
		rmSync(file);

		expect(await running.claimBinding(binding('cred-b'))).toEqual({
			binding: binding('cred-b'),
			created: true,
		});
		await running.close();
		expect((await storeAt(file).getBinding(ws, 'chirp'))?.credentialId).toBe('cred-b');
	});
});

describe('a store replaced while n8n runs (restored from a backup)', () => {
	it('is reopened: reads and writes go to the file now at the path', async () => {
		const dir = tempDir();
		const file = join(dir, 'api-connections.sqlite');
		const backup = join(tempDir(), 'api-connections.sqlite');
		const old = storeAt(backup);
		await old.claimBinding(binding('cred-z'));
		await old.close();

		const running = storeAt(file);
		await running.claimBinding(binding('cred-a'));
		renameSync(backup, file);

		expect((await running.getBinding(ws, 'chirp'))?.credentialId).toBe('cred-z');
		expect((await running.claimBinding(binding('cred-a'))).binding.credentialId).toBe('cred-z');
		await running.addAudit({
			at: T0,
			workspace: ws,
			family: 'chirp',
			credentialId: 'cred-z',
			action: 'bound',
			serviceName: 'Chirp',
		});
		await running.close();
		expect(await storeAt(file).queryAudit({ workspace: ws })).toHaveLength(1);
	});
});

function errorEntry(message: string) {
	return {
		at: T0,
		workspace: ws,
		family: 'chirp',
		credentialId: 'cred-b',
		serviceName: 'Chirp',
		connection: 'Chirp B',
		method: 'GET',
		endpoint: '/me',
		status: 500,
		message,
		requestId: null,
		attempt: 1,
		maxAttempts: 1,
		nextRetryInSeconds: null,
		kind: 'final',
	};
}
