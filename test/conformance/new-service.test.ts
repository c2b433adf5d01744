/**
 * `npm run new-service` (scripts/new-service.ts): what it writes into a copy of the package, that its list
 * edits only add, that a second run changes nothing, that bad ids and options are refused with the fix, and
 * that what it writes typechecks, passes n8n's lint rules and agrees with the services list.
 */
import { spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import type { ServiceDefinition } from '../../lib/spec/types';
import { newService, parseArgs, NewServiceError } from '../../scripts/new-service';
import { agreementProblems } from '../kit/agreement';

const root = join(__dirname, '..', '..');
const LISTS = ['package.json', 'index.ts', 'nodes/services.ts', 'docs/README.md'];

/** A scratch copy of the package (its lib/ and node_modules linked) for the generator to write into. */
function packageCopy(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	for (const part of ['nodes', 'credentials', 'docs', 'icons', ...LISTS, 'tsconfig.json'])
		cpSync(join(root, part), join(dir, part), { recursive: true });
	symlinkSync(join(root, 'lib'), join(dir, 'lib'));
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
	return dir;
}

/** `tsc --noEmit` on a copy: its output and exit status. */
function typecheck(dir: string): { output: string; status: number | null } {
	const tsc = spawnSync(
		process.execPath,
		[
			join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
			'-p',
			join(dir, 'tsconfig.json'),
			'--noEmit',
		],
		{ cwd: dir, encoding: 'utf8' },
	);
	return { output: tsc.stdout + tsc.stderr, status: tsc.status };
}

const refusal = (argv: string[]) => {
	try {
		parseArgs(argv);
	} catch (error) {
		expect(error).toBeInstanceOf(NewServiceError);
		return (error as Error).message;
	}
	throw new Error('not refused');
};
const refusalOf = (opts: Parameters<typeof newService>[0]) => {
	try {
		newService({ ...opts, dryRun: true, libDir: join(root, 'lib') });
	} catch (error) {
		expect(error).toBeInstanceOf(NewServiceError);
		return (error as Error).message;
	}
	throw new Error('not refused');
};

describe('npm run new-service refuses clearly', () => {
	it.each([
		[
			[],
			'Give the service id: npm run new-service -- <id>, e.g. npm run new-service -- acmeTasks --name "Acme Tasks"',
		],
		[
			['Bad-id'],
			'"Bad-id" is not a service id: use camelCase letters and digits starting with a lower-case letter, 2–40 characters (e.g. acmeTasks)',
		],
		[
			['1acme'],
			'"1acme" is not a service id: use camelCase letters and digits starting with a lower-case letter, 2–40 characters (e.g. acmeTasks)',
		],
		[['customApi'], '"customApi" is one of the package\'s own nodes: choose another id'],
		[
			['acmeTrigger'],
			'"acmeTrigger" ends in Trigger: give the service id (the trigger node is added with --trigger or --poll)',
		],
		[
			['acme', '--color'],
			'Unknown option --color: use --name, --auth, --trigger, --poll, --base-url, --test-path, --category, --root or --dry-run',
		],
		[['acme', '--name'], '--name needs a value'],
		[['acme', 'other'], 'One service id at a time (got "acme" and "other")'],
	])('%j', (argv, message) => {
		expect(refusal(argv)).toBe(message);
	});

	it('from the command line: exit code 1 and the message, nothing written', () => {
		const dir = mkdtempSync(join(tmpdir(), 'new-service-cli-'));
		try {
			const cli = spawnSync(
				process.execPath,
				[
					'--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
					join(root, 'scripts', 'new-service.ts'),
					'Bad-id',
					'--root',
					dir,
				],
				{ cwd: root, encoding: 'utf8' },
			);
			expect([cli.status, cli.stdout, cli.stderr]).toEqual([
				1,
				'',
				'new-service: "Bad-id" is not a service id: use camelCase letters and digits starting with a lower-case letter, 2–40 characters (e.g. acmeTasks)\n',
			]);
			expect(readdirSync(dir)).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('bad auth kinds, base URLs, test paths and names', () => {
		expect(refusalOf({ id: 'acme', auth: ['token' as 'bearer'] })).toBe(
			'--auth token: choose from bearer, apiKey, basic, oauth2 (comma-separated)',
		);
		expect(refusalOf({ id: 'acme', auth: ['bearer', 'apiKey'] })).toBe(
			'--auth bearer,apiKey: one of bearer, apiKey or basic (plus oauth2 if the service has it)',
		);
		expect(refusalOf({ id: 'acme', baseUrl: 'http://api.acme.example/' })).toBe(
			"--base-url http://api.acme.example/: give the API's https:// base URL without a trailing slash",
		);
		expect(refusalOf({ id: 'acme', testPath: 'me' })).toBe(
			'--test-path me: a path starting with /, e.g. /me',
		);
		expect(refusalOf({ id: 'acme', trigger: true, poll: true })).toBe(
			'--trigger and --poll: one trigger per service, with webhooks (--trigger) or polling (--poll)',
		);
		expect(refusalOf({ id: 'acme', displayName: 'Acme <Tasks>' })).toBe(
			'--name "Acme <Tasks>": use letters, digits, spaces, ".", "&", "-" and parentheses (it becomes node, credential and page names)',
		);
	});
});

describe('npm run new-service in a copy of the package', () => {
	let dir: string;
	const before: Record<string, string> = {};
	const read = (file: string) => readFileSync(join(dir, file), 'utf8');
	const options = {
		id: 'acmeTasks',
		displayName: 'Acme Tasks',
		auth: ['bearer', 'oauth2'] as const,
		trigger: true,
		baseUrl: 'https://api.acme.example/v2',
	};
	let first: ReturnType<typeof newService>;

	beforeAll(() => {
		dir = packageCopy('new-service-');
		for (const file of LISTS) before[file] = read(file);
		first = newService({
			...options,
			auth: [...options.auth],
			root: dir,
			libDir: join(dir, 'lib'),
		});
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('writes the service data, classes, codex files, icons, page and fixture stub, and edits the four lists', () => {
		expect(first.written).toEqual([
			'nodes/AcmeTasks/AcmeTasks.service.ts',
			'nodes/AcmeTasks/AcmeTasks.oauth.ts',
			'nodes/AcmeTasks/AcmeTasks.node.ts',
			'nodes/AcmeTasks/AcmeTasks.node.json',
			'nodes/AcmeTasks/AcmeTasksTrigger.node.ts',
			'nodes/AcmeTasks/AcmeTasksTrigger.node.json',
			'nodes/AcmeTasks/acmeTasks.svg',
			'nodes/AcmeTasks/acmeTasks.dark.svg',
			'credentials/ApiConnAcmeTasksApi.credentials.ts',
			'credentials/ApiConnAcmeTasksOAuth2Api.credentials.ts',
			'docs/services/acme-tasks.md',
			'test/fixtures/operations/acmeTasks/account.getMe.json',
			'nodes/services.ts',
			'package.json',
			'index.ts',
			'docs/README.md',
		]);
		for (const file of first.written) expect(existsSync(join(dir, file))).toBe(true);
		// The package already has its runtime module (a fresh root gets one written).
		expect(first.kept).toEqual(['nodes/runtime.ts']);
	});

	it('only adds to the lists', () => {
		const pkgBefore = JSON.parse(before['package.json']) as { n8n: Record<string, string[]> };
		const pkgAfter = JSON.parse(read('package.json')) as typeof pkgBefore;
		expect(pkgAfter).toEqual({
			...pkgBefore,
			n8n: {
				...pkgBefore.n8n,
				credentials: [
					...pkgBefore.n8n.credentials,
					'dist/credentials/ApiConnAcmeTasksApi.credentials.js',
					'dist/credentials/ApiConnAcmeTasksOAuth2Api.credentials.js',
				],
				nodes: [
					...pkgBefore.n8n.nodes,
					'dist/nodes/AcmeTasks/AcmeTasks.node.js',
					'dist/nodes/AcmeTasks/AcmeTasksTrigger.node.js',
				],
			},
		});
		const added = (file: string) => {
			const old = before[file].split('\n');
			const now = read(file).split('\n');
			// Every old line is still there, in order; the rest is what was added.
			let i = 0;
			const extra = now.filter((line) => (line === old[i] ? (i++, false) : true));
			expect(i).toBe(old.length);
			return extra;
		};
		expect(added('index.ts')).toEqual([
			"export { ApiConnAcmeTasksApi } from './credentials/ApiConnAcmeTasksApi.credentials';",
			"export { ApiConnAcmeTasksOAuth2Api } from './credentials/ApiConnAcmeTasksOAuth2Api.credentials';",
			"export { AcmeTasks } from './nodes/AcmeTasks/AcmeTasks.node';",
			"export { AcmeTasksTrigger } from './nodes/AcmeTasks/AcmeTasksTrigger.node';",
		]);
		expect(added('nodes/services.ts')).toEqual([
			"import { acmeTasksDefinition } from './AcmeTasks/AcmeTasks.service';",
			'\tacmeTasksDefinition,',
		]);
		expect(added('docs/README.md')).toEqual([
			'- [Acme Tasks](services/acme-tasks.md) and Acme Tasks Trigger.',
		]);
	});

	it('a second run changes nothing', () => {
		const snapshot = first.written.map((f) => read(f));
		const again = newService({
			...options,
			auth: [...options.auth],
			root: dir,
			libDir: join(dir, 'lib'),
		});
		expect(again.written).toEqual([]);
		expect(again.kept.sort()).toEqual([...first.written, ...first.kept].sort());
		expect(first.written.map((f) => read(f))).toEqual(snapshot);
	});

	it('the lists, class files, codex files, icons and page agree with the services list', () => {
		const { services } = require(join(dir, 'nodes', 'services')) as {
			services: ServiceDefinition[];
		};
		expect(services.map((s) => s.spec.id).at(-1)).toBe('acmeTasks');
		expect(agreementProblems(dir, services)).toEqual([]);
	});

	it('what it wrote typechecks with the package', () => {
		expect(typecheck(dir)).toEqual({ output: '', status: 0 });
	}, 120_000);

	it("what it wrote passes n8n's lint rules (as npm run lint applies them) and the formatter", () => {
		const files = first.written
			.filter((f) => /^(nodes|credentials)\/.*\.(ts|json)$/.test(f) && f !== 'nodes/services.ts')
			.map((f) => ({ filePath: join(root, f), code: read(f) }));
		const run = spawnSync(process.execPath, [join(root, 'test', 'helpers', 'lint-texts.mjs')], {
			cwd: root,
			env: { ...process.env, NODE_ENV: 'production' },
			input: JSON.stringify(files),
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
		expect(run.stderr).toBe('');
		const findings = JSON.parse(run.stdout) as Array<{
			filePath: string;
			messages: Array<{ ruleId: string; message: string }>;
		}>;
		expect(findings).toHaveLength(files.length);
		// Linted under the package's own paths (where its lint config applies), so the icon rule looks for the
		// icons there: they are in the copy, next to the file, which is what n8n needs.
		const iconInCopy = (file: string, message: string) => {
			const icon = /^Icon file "([^"]+)" does not exist$/.exec(message)?.[1];
			return icon !== undefined && existsSync(join(dir, dirname(relative(root, file)), icon));
		};
		expect(
			findings.flatMap((f) =>
				f.messages
					.filter(
						(m) =>
							// The one finding every trigger of the package keeps (test/conformance/n8n-lint.test.ts, KEPT).
							m.ruleId !==
								'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node' &&
							!(
								m.ruleId === '@n8n/community-nodes/icon-validation' &&
								iconInCopy(f.filePath, m.message)
							),
					)
					.map((m) => `${f.filePath}: ${m.message} (${m.ruleId})`),
			),
		).toEqual([]);
		const prettier = spawnSync(
			process.execPath,
			[
				join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'),
				'--config',
				join(root, '.prettierrc.json'),
				'--check',
				...first.written.filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)),
			],
			{ encoding: 'utf8' },
		);
		expect(prettier.status).toBe(0);
	}, 120_000);
});

describe('npm run new-service --poll (a service without webhooks)', () => {
	let dir: string;
	let written: string[];
	const read = (file: string) => readFileSync(join(dir, file), 'utf8');

	beforeAll(() => {
		dir = packageCopy('new-service-poll-');
		({ written } = newService({
			...parseArgs(['acmeFeed', '--name', 'Acme Feed', '--poll']),
			root: dir,
			libDir: join(dir, 'lib'),
		}));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('writes the polling trigger class, a list operation with its fixture stub, and the poll section', () => {
		expect(written).toEqual(
			expect.arrayContaining([
				'nodes/AcmeFeed/AcmeFeedTrigger.node.ts',
				'nodes/AcmeFeed/AcmeFeedTrigger.node.json',
				'test/fixtures/operations/acmeFeed/item.getMany.json',
			]),
		);
		const trigger = read('nodes/AcmeFeed/AcmeFeedTrigger.node.ts');
		expect(trigger).toContain('polling: true,');
		expect(trigger).toContain(
			'return await pollTrigger(this, acmeFeedDefinition, packageRuntime());',
		);
		expect(trigger).not.toContain('webhookMethods');
		const { services } = require(join(dir, 'nodes', 'services')) as {
			services: ServiceDefinition[];
		};
		const spec = services.at(-1)!.spec;
		expect(spec.poll?.events.map((e) => [e.value, e.resource, e.operation, e.idPath])).toEqual([
			['newItem', 'item', 'getMany', 'id'],
		]);
		expect(agreementProblems(dir, services)).toEqual([]);
	});

	it('what it wrote typechecks with the package', () => {
		expect(typecheck(dir)).toEqual({ output: '', status: 0 });
	}, 120_000);
});
