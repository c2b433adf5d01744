/**
 * The real-n8n end-to-end suite: this package, packed with `npm pack` and installed into
 * `<user folder>/.n8n/nodes` as users install it, inside one real n8n 2.41.1 server (SQLite, loopback,
 * free ports), driven the ways a user drives it: n8n's CLI (import, execute), its REST API with an
 * owner's session cookie, webhook deliveries and the OAuth2 authorization-code flow. Every API the
 * workflows call is a loopback fake that records what it received; the four services (Stripe, GitHub,
 * Instagram, Facebook Pages) and their triggers are in `services.ts`, reached through the engine's
 * operator origin map.
 *
 * Run through `test/e2e/run.sh` (which installs n8n, builds, packs and compiles this file).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
	FakeApi,
	API_KEY,
	BASIC_PASSWORD,
	BEARER_TOKEN,
	RATE_LIMIT,
	RATE_WINDOW_MS,
} from './support/fake-api';
import {
	freePort,
	N8n,
	nodeItems,
	parseRunOutput,
	Rest,
	until,
	delay,
	type RunOutput,
} from './support/n8n';
import { CLIENT_ID, CLIENT_SECRET, OAuthProvider } from './support/oauth-provider';
import {
	CONNECTIONS,
	DELIVERY_HEADER,
	PKG,
	WEBHOOK_PATH,
	WEBHOOK_SECRET,
	WF,
	connectionsWorkflow,
	credentialsFile,
	nodesWorkflow,
	oauth2Workflow,
	rateLimitWorkflow,
	retriesWorkflow,
	waitsWorkflow,
	webhookWorkflow,
} from './support/workflows';
import { serviceCredentials, serviceWorkflows } from './support/service-workflows';
import {
	originMap,
	serviceSecrets,
	serviceTests,
	startServiceFakes,
	stopServiceFakes,
} from './services';
import { editorTests } from './editor';
import { errorTests } from './errors';
import { securityTests } from './security';
import { connectionsAccessTests } from './connections-access';
import { monitorCredentials, monitorTests } from './monitor';
import { queueModeTests } from './queue';
import { QUEUE_STRIPE_KEY } from './support/queue-cluster';

const project = resolve(process.env.E2E_PROJECT ?? join(__dirname, '..', '..'));
const work = resolve(process.env.E2E_WORK ?? join(project, '.e2e', 'n8n'));
const userFolder = join(work, 'user');
const installed = join(userFolder, '.n8n', 'nodes', 'node_modules', PKG);
const OWNER = { email: 'owner@e2e.test', password: 'E2e-owner-Passw0rd' };

interface PackageJson {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
}
const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as PackageJson;
const hasConnections = pkg.n8n.nodes.some((f) => f.endsWith('/Connections.node.js'));

const api = new FakeApi();
const provider = new OAuthProvider();
let n8n: N8n;
let rest: Rest;
/** Every secret the suite hands to n8n; none may appear in any output the suite sees. */
const secrets = [
	API_KEY,
	BASIC_PASSWORD,
	BEARER_TOKEN,
	CLIENT_SECRET,
	WEBHOOK_SECRET,
	...serviceSecrets,
	QUEUE_STRIPE_KEY,
];
/** Everything n8n printed or answered, scanned for secrets at the end. */
const outputs: Array<{ what: string; text: string }> = [];
const timings: Record<string, number> = {};
/** CLI runs that crashed while exiting after complete output (see `cli`). */
const exitCrashes: string[] = [];

function log(message: string): void {
	console.log(`e2e: ${message}`);
}

async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
	const t0 = Date.now();
	try {
		return await fn();
	} finally {
		timings[what] = Date.now() - t0;
		log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	}
}

/**
 * Runs n8n's CLI. `done` tells from the output that the command did its work: n8n 2.41's CLI on Node 24
 * sometimes dies of SIGSEGV while it exits, after printing its result (an isolated-vm isolate thread of
 * the expression engine still allocating during teardown; seen with a workflow of a Manual Trigger
 * alone). Such a crash after complete output is counted and reported, not failed.
 */
async function cli(
	what: string,
	args: string[],
	done: (stdout: string) => boolean,
): Promise<string> {
	const res = await timed(what, () => n8n.cli(args));
	const file = join(work, `cli-${what.replace(/\W+/g, '-')}.log`);
	writeFileSync(
		file,
		`$ n8n ${args.join(' ')}\n--- exit ${res.code ?? res.signal}\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr}\n`,
	);
	outputs.push({ what: `CLI ${what}`, text: res.stdout + res.stderr });
	if (res.code === 0) return res.stdout;
	if (res.signal === 'SIGSEGV' && done(res.stdout)) {
		exitCrashes.push(what);
		log(
			`${what}: n8n's CLI crashed with SIGSEGV while exiting, after printing its complete result (output: ${file})`,
		);
		return res.stdout;
	}
	throw new Error(
		`n8n ${args.join(' ')} exited with ${res.code ?? res.signal} (output: ${file})\n${(res.stdout + res.stderr).slice(-3000)}`,
	);
}

function completeRun(stdout: string): boolean {
	try {
		return typeof parseRunOutput(stdout).status === 'string';
	} catch {
		return false;
	}
}

async function importFile(
	what: string,
	kind: 'credentials' | 'workflow',
	content: unknown,
): Promise<void> {
	const file = join(work, `${what}.json`);
	writeFileSync(file, JSON.stringify(content, null, '\t'));
	await cli(`import ${what}`, [`import:${kind}`, `--input=${file}`], (out) =>
		/Successfully imported/.test(out),
	);
}

/** `n8n execute --id --rawOutput`; the run must have succeeded as a whole. */
async function execute(workflowId: string, label = workflowId): Promise<RunOutput> {
	const out = await cli(
		`execute ${label}`,
		['execute', `--id=${workflowId}`, '--rawOutput'],
		completeRun,
	);
	const run = parseRunOutput(out);
	assert.equal(
		run.status,
		'success',
		`run of ${workflowId}: ${JSON.stringify(run.data.resultData.error ?? {}).slice(0, 1000)}`,
	);
	assert.equal(run.mode, 'cli');
	return run;
}

before(async () => {
	await api.start();
	await provider.start();
	api.acceptedTokens = () => provider.validAccessTokens();
	await startServiceFakes();
	log(`fake API at ${api.url}, OAuth2 provider at ${provider.url}, service fakes: ${originMap()}`);

	n8n = new N8n({
		project,
		userFolder,
		logFile: join(work, 'n8n.log'),
		pidFile: join(work, 'n8n.pid'),
		port: await freePort(),
		brokerPort: await freePort(),
		// The operator origin map: the service nodes call the vendors' origins, which land on the fakes.
		env: {
			N8N_API_CONNECTIONS_ORIGIN_MAP: originMap(),
			// The operator's allow-list (issue 13.3): the Connections workflow reads every connection's log.
			N8N_API_CONNECTIONS_MANAGERS: `workflow:${WF.connections}`,
		},
	});
	// Imported before the server starts: the CLI runs the migrations of the fresh database once.
	await importFile('credentials', 'credentials', [
		...credentialsFile(api.url),
		...serviceCredentials(),
		...monitorCredentials(),
	]);
	await importFile('workflows', 'workflow', [
		nodesWorkflow(api.url),
		rateLimitWorkflow(api.url),
		retriesWorkflow(api.url),
		waitsWorkflow(api.url),
		webhookWorkflow(api.url),
		...(hasConnections ? [connectionsWorkflow()] : []),
		...serviceWorkflows(),
	]);

	const ms = await timed('server start', () => n8n.start());
	log(
		`n8n ready at ${n8n.baseUrl} after ${(ms / 1000).toFixed(1)} s (log: ${n8n.options.logFile})`,
	);
	rest = new Rest(n8n.baseUrl);
	await rest.signIn(OWNER.email, OWNER.password);
});

after(async () => {
	await n8n?.stop();
	await api.stop();
	await provider.stop();
	await stopServiceFakes();
	writeFileSync(join(work, 'timings.json'), JSON.stringify({ timings, exitCrashes }, null, '\t'));
	if (exitCrashes.length)
		log(`n8n's CLI crashed while exiting (after complete output) in: ${exitCrashes.join(', ')}`);
});

describe('package loaded by n8n', () => {
	interface NodeTypeListing {
		name: string;
		iconUrl?: string | { light: string; dark: string };
		codex?: Record<string, unknown>;
		communityNodePackageVersion?: string;
		credentials?: Array<{ name: string }>;
	}
	interface CredentialTypeListing {
		name: string;
		iconUrl?: string | { light: string; dark: string };
		supportedNodes?: string[];
	}
	type Icon = string | { light: string; dark: string } | undefined;

	/** The class a built file exports (one per file, as n8n expects). */
	function load(file: string): {
		description?: Record<string, unknown>;
		name?: string;
		icon?: Icon;
	} {
		const mod = require(join(installed, file)) as Record<string, new () => Record<string, unknown>>;
		const classes = Object.values(mod).filter((v) => typeof v === 'function');
		assert.equal(classes.length, 1, `${file} exports ${classes.length} classes`);
		return new classes[0]() as never;
	}

	/** `file:x.svg` relative to the built file → the URL n8n serves it under. */
	function expectedIconUrl(file: string, icon: Icon): Icon {
		const one = (i: string) => {
			assert.match(i, /^file:/, `icon ${i} of ${file}`);
			const abs = resolve(installed, dirname(file), i.slice(5));
			return `icons/${PKG}/${relative(installed, abs)}`;
		};
		if (icon === undefined) return undefined;
		return typeof icon === 'string' ? one(icon) : { light: one(icon.light), dark: one(icon.dark) };
	}

	/** Every icon URL answers with the very file the package ships. */
	async function assertIconServed(owner: string, iconUrl: Icon): Promise<void> {
		assert.ok(iconUrl, `${owner} has no icon`);
		const urls = typeof iconUrl === 'string' ? [iconUrl] : [iconUrl.light, iconUrl.dark];
		if (typeof iconUrl === 'object')
			assert.notEqual(iconUrl.light, iconUrl.dark, `${owner}: the dark icon is the light one`);
		for (const url of urls) {
			const res = await fetch(`${n8n.baseUrl}/${url}`, { signal: AbortSignal.timeout(30_000) });
			const body = Buffer.from(await res.arrayBuffer());
			assert.equal(res.status, 200, `GET /${url} (${owner})`);
			assert.match(
				res.headers.get('content-type') ?? '',
				/^image\/svg\+xml/,
				`content type of /${url}`,
			);
			const shipped = readFileSync(join(installed, url.slice(`icons/${PKG}/`.length)));
			assert.ok(body.equals(shipped), `/${url} is not the file the package ships`);
		}
	}

	it('lists every node of package.json with its icon and codex', async () => {
		const listed = await rest.get<NodeTypeListing[]>('/types/nodes.json');
		const byName = new Map(listed.map((n) => [n.name, n]));
		assert.ok(pkg.n8n.nodes.length >= 3);
		for (const file of pkg.n8n.nodes) {
			const { description } = load(file);
			assert.ok(description, `${file} has no description`);
			const type = `${PKG}.${String(description.name)}`;
			const entry = byName.get(type);
			assert.ok(entry, `node type ${type} is not registered`);
			assert.equal(entry.communityNodePackageVersion, pkg.version);
			// n8n serves the icon of the built file, so a wrong relative path shows up here.
			assert.deepEqual(entry.iconUrl, expectedIconUrl(file, description.icon as Icon));
			await assertIconServed(type, entry.iconUrl);
			// The codex is the .node.json beside the node, as far as n8n reads it.
			const codexFile = join(installed, file.replace(/\.js$/, '.json'));
			const codex = JSON.parse(readFileSync(codexFile, 'utf8')) as Record<string, unknown>;
			assert.equal(codex.node, type, `${codexFile} names another node`);
			const resources = codex.resources as Record<string, unknown>;
			const expected: Record<string, unknown> = {
				categories: codex.categories,
				resources: {
					primaryDocumentation: resources.primaryDocumentation,
					credentialDocumentation: resources.credentialDocumentation,
				},
			};
			if (codex.subcategories) expected.subcategories = codex.subcategories;
			if (codex.alias) expected.alias = codex.alias;
			const { categories, resources: got, subcategories, alias } = entry.codex ?? {};
			const gotResources = got as Record<string, unknown> | undefined;
			assert.deepEqual(
				JSON.parse(JSON.stringify({ categories, resources: gotResources, subcategories, alias })),
				JSON.parse(JSON.stringify(expected)),
				`codex of ${type}`,
			);
			assert.ok((categories as string[]).length > 0, `${type} has no category`);
			// Nodes usable as AI tools get n8n's generated "<name>Tool" twin.
			if (description.usableAsTool) assert.ok(byName.has(`${type}Tool`), `${type}Tool is missing`);
			for (const { name } of (description.credentials as Array<{ name: string }> | undefined) ??
				[]) {
				assert.ok(
					entry.credentials?.some((c) => c.name === name),
					`${type} lost its credential ${name}`,
				);
			}
		}
	});

	it('lists every credential of package.json with its icon and the nodes that use it', async () => {
		const listed = await rest.get<CredentialTypeListing[]>('/types/credentials.json');
		const byName = new Map(listed.map((c) => [c.name, c]));
		const ourNodes = pkg.n8n.nodes.map((f) => `${PKG}.${String(load(f).description?.name)}`);
		assert.ok(pkg.n8n.credentials.length >= 4);
		for (const file of pkg.n8n.credentials) {
			const credential = load(file);
			const entry = byName.get(String(credential.name));
			assert.ok(entry, `credential type ${credential.name} is not registered`);
			assert.deepEqual(entry.iconUrl, expectedIconUrl(file, credential.icon));
			await assertIconServed(String(credential.name), entry.iconUrl);
			assert.ok(
				entry.supportedNodes?.some((n) => ourNodes.includes(n)),
				`no node of the package uses ${credential.name}`,
			);
		}
	});

	it('the type listings need a signed-in user', async () => {
		const res = await fetch(`${n8n.baseUrl}/types/nodes.json`);
		await res.arrayBuffer();
		assert.equal(res.status, 401);
	});
});

describe('workflows run by n8n execute against loopback fakes', () => {
	it('Custom API (no auth, API key, Basic, bearer, JSON body, path variable, cursor pages) and GraphQL API', async () => {
		const before = api.requests.length;
		const run = await execute(WF.nodes, 'nodes');
		assert.deepEqual(nodeItems(run, 'List items'), [
			{ id: 1, name: 'alpha' },
			{ id: 2, name: 'beta' },
		]);
		assert.deepEqual(nodeItems(run, 'API key'), [{ ok: true, via: 'apiKey' }]);
		assert.deepEqual(nodeItems(run, 'Basic auth'), [{ ok: true, via: 'basic' }]);
		// The API echoed the token: the node's output carries it redacted.
		assert.deepEqual(nodeItems(run, 'Bearer token'), [
			{ ok: true, via: 'bearer', token: '[redacted]' },
		]);
		assert.deepEqual(nodeItems(run, 'Post note'), [
			{ orderId: 'A/7 x', note: { text: 'packed', by: 'e2e' }, contentType: 'application/json' },
		]);
		assert.deepEqual(
			nodeItems(run, 'All pages'),
			['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => ({ id })),
		);
		assert.deepEqual(nodeItems(run, 'GraphQL user'), [
			{ data: { user: { id: '7', name: 'seven' } } },
		]);
		assert.deepEqual(nodeItems(run, 'GraphQL with key'), [
			{ data: { user: { id: '8', name: 'seven' } } },
		]);
		// Continue On Fail: the node's error (cause and fix) becomes the item.
		assert.deepEqual(nodeItems(run, 'GraphQL error'), [
			{
				error: 'GraphQL error: user not found (at user)',
				description:
					'The server answered 200 with 1 GraphQL error(s):\nuser not found (at user)\nFix: check the query, the variables and the permissions of the connection.',
			},
		]);

		const seen = api.requests.slice(before);
		const line = (r: (typeof seen)[number]) =>
			`${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : ''}`;
		assert.deepEqual(seen.map(line).sort(), [
			'GET /basic',
			'GET /bearer',
			'GET /items',
			'GET /pages?limit=2',
			'GET /pages?limit=2&cursor=2',
			'GET /pages?limit=2&cursor=4',
			'GET /secure',
			'POST /graphql',
			'POST /graphql',
			'POST /graphql-error',
			'POST /orders/A%2F7%20x/notes',
		]);
		// Credentials reach only the requests that use them.
		const noAuth = seen.filter((r) =>
			['/items', '/pages', '/graphql-error', '/orders/A%2F7%20x/notes'].includes(r.path),
		);
		for (const r of noAuth)
			assert.equal(
				r.headers.authorization ?? r.headers['x-api-key'],
				undefined,
				`${r.path} carried a credential`,
			);
		const gql = seen
			.filter((r) => r.path === '/graphql')
			.map((r) => ({ key: r.headers['x-api-key'], body: JSON.parse(r.body) as unknown }));
		assert.deepEqual(
			gql.sort((a, b) => String(a.key).localeCompare(String(b.key))),
			[
				{
					key: API_KEY,
					body: { query: 'query ($id: ID!) { user(id: $id) { id } }', variables: { id: '8' } },
				},
				{
					key: undefined,
					body: { query: 'query ($id: ID!) { user(id: $id) { id name } }', variables: { id: '7' } },
				},
			],
		);
	});

	it('rate limit: 429 + Retry-After is waited out, every item succeeds once and in order', async () => {
		const t0 = Date.now();
		const run = await execute(WF.rateLimit, 'rate-limit');
		const ids = [1, 2, 3, 4, 5, 6, 7, 8];
		assert.deepEqual(
			nodeItems(run, 'Rate-limited call'),
			ids.map((id) => ({ id, served: true })),
		);
		const calls = api.to('/limited/').filter((r) => r.at >= t0);
		const served = calls
			.filter((r) => r.status === 200)
			.map((r) => Number(r.path.split('/').pop()));
		const throttled = calls.filter((r) => r.status === 429);
		// The fake's own count: each item served exactly once, none lost, none twice.
		assert.deepEqual(
			[...served].sort((a, b) => a - b),
			ids,
		);
		assert.ok(throttled.length > 0, 'the fake never had to throttle: the test proves nothing');
		assert.ok(
			calls.every((r) => r.status === 200 || r.status === 429),
			`unexpected statuses: ${calls.map((r) => r.status).join(',')}`,
		);
		// Eight requests at 3 per window need at least three windows.
		const first = calls[0].at;
		const lastServed = Math.max(...calls.filter((r) => r.status === 200).map((r) => r.at));
		assert.ok(
			lastServed - first >= 2 * RATE_WINDOW_MS - 100,
			`all served within ${lastServed - first} ms`,
		);
		log(
			`rate limit: ${served.length} served, ${throttled.length} answered 429, ${RATE_LIMIT} per ${RATE_WINDOW_MS} ms, ${lastServed - first} ms`,
		);
	});

	it('retries: 503 twice then 200; 429 with an HTTP-date Retry-After; an unsafe write is not repeated', async () => {
		const run = await execute(WF.retries, 'retries');
		assert.deepEqual(nodeItems(run, 'Flaky read'), [{ key: 'read', attempt: 3 }]);
		assert.deepEqual(
			api.to('/flaky/read').map((r) => r.status),
			[503, 503, 200],
		);
		assert.deepEqual(nodeItems(run, 'Retry-After date'), [{ key: 'read', attempt: 2 }]);
		const dated = api.to('/retry-date/read');
		assert.deepEqual(
			dated.map((r) => r.status),
			[429, 200],
		);
		// The date was 2 s ahead in whole seconds: the retry waited for it.
		assert.ok(dated[1].at - dated[0].at >= 900, `retried after ${dated[1].at - dated[0].at} ms`);
		// A POST without an idempotency key that reached the server is never sent twice.
		assert.equal(api.to('/write-once/charge').length, 1);
		const [write] = nodeItems(run, 'Unsafe write');
		assert.equal(typeof write.error, 'string', JSON.stringify(write));
		assert.match(String(write.error), /503/);
	});

	it("default waits: the seed's 429 with Retry-After: 2 is waited with no option set, and the item's metadata shows the wait and the ceiling", async () => {
		const run = await execute(WF.waits, 'default waits');
		assert.deepEqual(nodeItems(run, 'Seed 429'), [{ key: 'seed', attempt: 2 }]);
		const calls = api.to('/retry-after/seed');
		assert.deepEqual(
			calls.map((r) => r.status),
			[429, 200],
		);
		assert.ok(calls[1].at - calls[0].at >= 1900, `retried after ${calls[1].at - calls[0].at} ms`);
		const [item] = run.data.resultData.runData['Seed 429'][0].data!.main[0]! as Array<
			Record<string, unknown>
		>;
		// Custom API learns its limit from 429s, so the pause holds the whole connection: after the retry's entry
		// the wait may be spent in its queue (how long depends on what earlier workflows of the suite sent).
		const waits = item.waits as {
			waitedSeconds: number;
			events: Array<{ wait: string; seconds: number; reason: string; at: string }>;
			limits: unknown;
		};
		assert.deepEqual(waits.events[0], {
			wait: 'retry',
			seconds: 2,
			reason: 'rate limited (HTTP 429), Retry-After asks for 2 s',
			at: waits.events[0].at,
		});
		assert.deepEqual(
			waits.events.slice(1).map((e) => e.wait),
			waits.events.slice(1).map(() => 'queue'),
		);
		assert.ok(waits.waitedSeconds >= 2, `waited ${waits.waitedSeconds} s`);
		assert.deepEqual(waits.limits, {
			maxQueueWaitSeconds: 300,
			maxQueueWaitFrom: 'service',
			pausedQueueWaitSeconds: 3900,
			maxTotalWaitSeconds: 3900,
			maxTotalWaitFrom: 'service',
			serviceWindowSeconds: 0,
			ceilingSeconds: 3900,
			ceilingSetting: 'N8N_API_CONNECTIONS_MAX_WAIT_SECONDS',
		});
	});

	it(
		'Connections node: status and error log of what the workflows above did',
		{ skip: !hasConnections && `${CONNECTIONS} is not in package.json yet` },
		async () => {
			const run = await execute(WF.connections, 'connections');
			const status = nodeItems(run, 'Status');
			// Custom API and GraphQL connections are generic (any base URL): every credential used is listed on
			// its own, per node type, with its calls (attempts) since the start of this run.
			// Readable values only (issue 13.5): service and kind of credential by name, no internal ids.
			const summary = status.map((s) => [
				s.service,
				s.credential,
				s.authentication,
				s.status,
				s.calls24h,
				s.successRate,
			]);
			assert.deepEqual(
				summary.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
				[
					['Custom API', 'E2E API key', 'API Key', 'connected', 1, 100],
					['Custom API', 'E2E Basic', 'Basic Auth', 'connected', 1, 100],
					// "Bearer token" once, "Flaky read" three times (two 503s).
					['Custom API', 'E2E bearer', 'Bearer Token', 'connected', 4, 50],
					['GraphQL API', 'E2E API key', 'API Key', 'connected', 1, 100],
				],
			);
			for (const s of status) {
				assert.equal(s.workspace, 'this n8n instance');
				assert.equal(s.serviceId, undefined);
				assert.equal(s.limit24h, undefined);
			}
			// The two 503 answers to "Flaky read" were retried, and each retry was logged.
			const errors = nodeItems(run, 'Error log');
			assert.deepEqual(
				errors
					.map((e) => [
						e.kind,
						e.connection,
						e.node,
						e.workflowId,
						e.method,
						e.endpoint,
						e.status,
						e.attempt,
						e.maxAttempts,
					])
					.sort(),
				[
					['retry', 'E2E bearer', 'Flaky read', WF.retries, 'GET', '/flaky/read', 503, 1, 3],
					['retry', 'E2E bearer', 'Flaky read', WF.retries, 'GET', '/flaky/read', 503, 2, 3],
				],
			);
		},
	);
});

describe('API Webhook Trigger in an active workflow', () => {
	const url = () => `${n8n.baseUrl}/webhook/${WEBHOOK_PATH}`;
	const payload = {
		event: 'order.created',
		order: { id: 1042, total: '19.90', note: 'ünïcode ✓' },
	};
	const body = JSON.stringify(payload);
	let acceptedId = '';

	function sign(content: string, timestamp: number, secret = WEBHOOK_SECRET): string {
		return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${content}`).digest('hex')}`;
	}

	async function deliver(
		content: string,
		headers: Record<string, string>,
	): Promise<{ status: number; text: string }> {
		const res = await fetch(url(), {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: content,
			signal: AbortSignal.timeout(30_000),
		});
		const text = await res.text();
		outputs.push({ what: `webhook answer ${res.status}`, text });
		return { status: res.status, text };
	}

	interface ExecutionSummary {
		id: string;
		status: string;
		mode: string;
	}
	async function executions(): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: WF.webhook }));
		const data = await rest.get<{ results: ExecutionSummary[]; count: number }>(
			`/rest/executions?filter=${filter}`,
		);
		return data.results;
	}

	it('is activated through the REST API while the server runs', async () => {
		const workflow = await rest.get<{ versionId: string; active: boolean }>(
			`/rest/workflows/${WF.webhook}`,
		);
		assert.equal(workflow.active, false);
		const activated = await rest.post<{ active: boolean; activeVersionId: string }>(
			`/rest/workflows/${WF.webhook}/activate`,
			{ versionId: workflow.versionId },
		);
		assert.equal(activated.active, true);
		assert.equal(activated.activeVersionId, workflow.versionId);
		// Registration finishes a moment after the answer: until then the path is unknown (404).
		// An unsigned delivery is the probe, and the first answer other than 404 must be 401.
		const first = await until('the webhook to be registered', async () => {
			const res = await deliver(body, {});
			return res.status === 404 ? undefined : res;
		});
		assert.equal(first.status, 401, first.text);
		assert.deepEqual(await executions(), []);
	});

	it('a correctly signed delivery starts one execution with the payload', async () => {
		const ts = Math.floor(Date.now() / 1000);
		const res = await deliver(body, {
			'X-Timestamp': String(ts),
			'X-Signature-256': sign(body, ts),
			[DELIVERY_HEADER]: 'delivery-1',
		});
		assert.equal(res.status, 200, res.text);
		const done = await until('the webhook execution to finish', async () => {
			const list = await executions();
			return list.length === 1 && list[0].status !== 'running' && list[0].status !== 'new'
				? list
				: undefined;
		});
		assert.equal(done[0].status, 'success');
		assert.equal(done[0].mode, 'webhook');
		acceptedId = done[0].id;
		const execution = await rest.get<{ data: string }>(`/rest/executions/${acceptedId}`);
		outputs.push({ what: 'webhook execution data', text: execution.data });
		const data = n8n.parseFlatted(execution.data) as RunOutput['data'];
		const [trigger] = data.resultData.runData['Signed webhook'][0].data!.main[0]!;
		assert.deepEqual(trigger.json.body, payload);
		assert.equal(trigger.json.executionMode, 'production');
		assert.equal(
			trigger.json.webhookUrl,
			`http://localhost:${n8n.options.port}/webhook/${WEBHOOK_PATH}`,
		);
		const headers = trigger.json.headers as Record<string, string>;
		assert.equal(headers['x-signature-256'], sign(body, ts));
		assert.equal(headers[DELIVERY_HEADER.toLowerCase()], 'delivery-1');
		// The next node ran in the server too and forwarded the payload.
		const forwarded = api.to('/events', 'POST');
		assert.equal(forwarded.length, 1);
		assert.deepEqual(JSON.parse(forwarded[0].body), payload);
	});

	/** How often the server log says the trigger rejected a delivery for this reason. */
	const rejections = (reason: string) =>
		readFileSync(n8n.options.logFile, 'utf8').split(`rejected a delivery (${reason})`).length - 1;

	for (const [name, reason, make] of [
		[
			'a tampered body',
			'bad-signature',
			(ts: number) => ({
				content: body.replace('19.90', '0.01'),
				headers: {
					'X-Timestamp': String(ts),
					'X-Signature-256': sign(body, ts),
					[DELIVERY_HEADER]: 'delivery-2',
				},
			}),
		],
		[
			'a signature made with another secret',
			'bad-signature',
			(ts: number) => ({
				content: body,
				headers: {
					'X-Timestamp': String(ts),
					'X-Signature-256': sign(body, ts, 'not-the-secret'),
					[DELIVERY_HEADER]: 'delivery-3',
				},
			}),
		],
		[
			'an unsigned delivery',
			'missing-signature',
			(ts: number) => ({
				content: body,
				headers: { 'X-Timestamp': String(ts), [DELIVERY_HEADER]: 'delivery-4' },
			}),
		],
		[
			'a stale delivery (signed 10 minutes ago)',
			'stale-timestamp',
			(ts: number) => ({
				content: body,
				headers: {
					'X-Timestamp': String(ts - 600),
					'X-Signature-256': sign(body, ts - 600),
					[DELIVERY_HEADER]: 'delivery-5',
				},
			}),
		],
	] as const) {
		it(`${name} gets 401 (${reason}) and starts nothing`, async () => {
			const { content, headers } = make(Math.floor(Date.now() / 1000));
			const logged = rejections(reason);
			const res = await deliver(content, headers);
			assert.equal(res.status, 401, res.text);
			// Rejected for the reason this case is about, as the node logs it (never with the secret).
			await until(
				`the log to show a rejection (${reason})`,
				async () => (rejections(reason) > logged ? true : undefined),
				5000,
			);
			await delay(300);
			assert.deepEqual(
				(await executions()).map((e) => e.id),
				[acceptedId],
			);
		});
	}

	it('the accepted delivery id freshly signed again (the sender re-sending) gets 200 and starts nothing', async () => {
		const ts = Math.floor(Date.now() / 1000);
		const res = await deliver(body, {
			'X-Timestamp': String(ts),
			'X-Signature-256': sign(body, ts),
			[DELIVERY_HEADER]: 'delivery-1',
		});
		assert.equal(res.status, 200, res.text);
		await delay(300);
		assert.deepEqual(
			(await executions()).map((e) => e.id),
			[acceptedId],
		);
	});

	it('rejected deliveries never reached the workflow', async () => {
		// Give a wrongly started execution time to show up, then count once more.
		await delay(1500);
		assert.equal((await executions()).length, 1);
		assert.equal(api.to('/events', 'POST').length, 1);
	});
});

describe('OAuth2 authorization code flow through n8n', () => {
	let credential: { id: string; name: string };
	let firstToken = '';

	it('a customApiOAuth2Api credential created over REST gets its token from the provider', async () => {
		credential = await rest.post<{ id: string; name: string }>('/rest/credentials', {
			name: 'E2E OAuth2',
			type: 'customApiOAuth2Api',
			data: {
				grantType: 'authorizationCode',
				authUrl: `${provider.url}/authorize`,
				accessTokenUrl: `${provider.url}/token`,
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				scope: 'profile:read',
				authQueryParameters: '',
				authentication: 'header',
				baseUrl: api.url,
				testPath: '/oauth/me',
			},
		});
		assert.match(credential.id, /^\w+$/);
		const authUrl = new URL(
			await rest.get<string>(`/rest/oauth2-credential/auth?id=${credential.id}`),
		);
		assert.equal(`${authUrl.origin}${authUrl.pathname}`, `${provider.url}/authorize`);
		const redirectUri = `http://localhost:${n8n.options.port}/rest/oauth2-credential/callback`;
		assert.equal(authUrl.searchParams.get('client_id'), CLIENT_ID);
		assert.equal(authUrl.searchParams.get('redirect_uri'), redirectUri);
		assert.equal(authUrl.searchParams.get('response_type'), 'code');
		assert.equal(authUrl.searchParams.get('scope'), 'profile:read');
		assert.ok(authUrl.searchParams.get('state'));

		// The "browser": the provider redirects straight back to n8n with a code.
		const consent = await fetch(authUrl, {
			redirect: 'manual',
			signal: AbortSignal.timeout(30_000),
		});
		assert.equal(consent.status, 302);
		const callback = new URL(consent.headers.get('location') ?? '');
		assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
		assert.equal(callback.searchParams.get('state'), authUrl.searchParams.get('state'));
		const done = await rest.request('GET', `${callback.pathname}${callback.search}`);
		assert.equal(done.status, 200);
		assert.match(done.text, /Connection successful/);

		// n8n exchanged the code at the token endpoint, with the client's Basic auth.
		assert.deepEqual(
			provider.grants.map((g) => [g.grantType, g.clientAuth, g.status]),
			[['authorization_code', 'basic', 200]],
		);
		firstToken = provider.grants[0].accessToken!;
		secrets.push(firstToken);
		const stored = await rest.get<{ data?: Record<string, unknown> }>(
			`/rest/credentials/${credential.id}?includeData=true`,
		);
		outputs.push({ what: 'credential over REST', text: JSON.stringify(stored) });
		assert.ok(
			stored.data?.oauthTokenData,
			`no token stored: ${JSON.stringify(stored).slice(0, 500)}`,
		);
	});

	it('Custom API (OAuth2) calls the API with that token', async () => {
		await importFile('oauth2-workflow', 'workflow', [oauth2Workflow(credential)]);
		const since = api.requests.length;
		const run = await execute(WF.oauth2, 'oauth2 first');
		assert.deepEqual(nodeItems(run, 'Who am I'), [{ id: 'u-42', name: 'OAuth user' }]);
		assert.deepEqual(
			api.requests.slice(since).map((r) => [r.path, r.headers.authorization, r.status]),
			[['/oauth/me', `Bearer ${firstToken}`, 200]],
		);
	});

	it('answered 401 for the old token, n8n refreshes it at the provider and the call succeeds', async () => {
		provider.revoke(firstToken);
		const since = api.requests.length;
		const run = await execute(WF.oauth2, 'oauth2 refresh');
		assert.deepEqual(nodeItems(run, 'Who am I'), [{ id: 'u-42', name: 'OAuth user' }]);
		assert.deepEqual(
			provider.grants.map((g) => [g.grantType, g.clientAuth, g.status]),
			[
				['authorization_code', 'basic', 200],
				['refresh_token', 'basic', 200],
			],
		);
		const secondToken = provider.grants[1].accessToken!;
		secrets.push(secondToken);
		assert.deepEqual(
			api.requests.slice(since).map((r) => [r.path, r.headers.authorization, r.status]),
			[
				['/oauth/me', `Bearer ${firstToken}`, 401],
				['/oauth/me', `Bearer ${secondToken}`, 200],
			],
		);
	});

	it('the refreshed token was saved: the next run uses it without refreshing', async () => {
		const since = api.requests.length;
		const run = await execute(WF.oauth2, 'oauth2 saved');
		assert.deepEqual(nodeItems(run, 'Who am I'), [{ id: 'u-42', name: 'OAuth user' }]);
		assert.equal(provider.grants.length, 2);
		assert.deepEqual(
			api.requests.slice(since).map((r) => [r.headers.authorization, r.status]),
			[[`Bearer ${provider.grants[1].accessToken}`, 200]],
		);
	});
});

// What every suite part below runs with: the server, its REST client, the CLI runner and what the secret scan reads.
const parts = { n8n: () => n8n, rest: () => rest, execute, outputs, secrets, log };

// After the Connections node test above, whose status list covers only the generic connections.
serviceTests({
	...parts,
	connectionsWorkflowId: hasConnections ? WF.connections : undefined,
});

// After the Connections checks above, whose counts its calls (and the second Stripe credential) would change.
securityTests(parts);

// Its runs use project workspaces (an API key of their own): nothing the instance-wide checks above count.
if (hasConnections)
	connectionsAccessTests({
		...parts,
		work,
	});

// Last: its failing run adds an error-log entry the Connections checks above count exactly.
editorTests({
	n8n: () => n8n,
	rest: () => rest,
	project,
	work,
	installed,
	owner: OWNER,
	apiUrl: () => api.url,
	log,
});

// After the Connections checks above (its failing runs add error-log entries they would count).
errorTests(parts);

// Its own n8n (main + two workers on another user folder), so it touches nothing of the server above.
queueModeTests({ project, work, userFolder, log, outputs });

// After every other test: it restarts the server with an n8n API key in its environment.
monitorTests(parts);

describe('secrets', () => {
	it('no secret appears in any CLI output, REST answer, webhook answer, execution data or the server log', () => {
		outputs.push({ what: 'server log', text: readFileSync(n8n.options.logFile, 'utf8') });
		assert.ok(outputs.length > 5);
		for (const { what, text } of outputs) {
			for (const secret of secrets)
				assert.ok(!text.includes(secret), `${what} contains the secret ${secret.slice(0, 6)}…`);
		}
	});
});
