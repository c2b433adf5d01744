/**
 * The Slack node against Slack's own client, `@slack/web-api` 8.2.0 (npm):
 * - every operation's method (its path `/<method>`, and the methods the upload hook calls) is a method the SDK
 *   binds (`bindApiCall(this, '<method>')` in dist/methods.js);
 * - every argument a recorded fixture sends (query, JSON body or form, hooks included) is a property of the
 *   SDK's argument type for that method (read from its TypeScript declarations with the compiler API), apart
 *   from the paging arguments the SDK adds itself;
 * - the SDK, given the same arguments, sends the same method and the same values: its real `WebClient.apiCall`
 *   runs with a capturing `fetch`, and its form body is compared with what the node sent. The SDK always POSTs a
 *   form; the node POSTs JSON for writes (Slack's "JSON-encoded bodies" for write methods) and GETs reads with a
 *   query (Slack accepts GET for read methods), so the verb is checked against that rule, not the SDK's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import * as ts from 'typescript';

import { slackSpec } from '../../nodes/Slack/Slack.service';
import type { OperationFixture } from '../kit/operations';

const sdkDir = dirname(require.resolve('@slack/web-api/package.json'));
const API = 'https://slack.com/api/';

const sdkMethods = new Set(
	[
		...readFileSync(join(sdkDir, 'dist', 'methods.js'), 'utf8').matchAll(
			/bindApiCall(?:WithOptionalArgument)?\(this, '([A-Za-z.]+)'\)/g,
		),
	].map((m) => m[1]),
);

const operations = slackSpec.resources.flatMap((r) =>
	r.operations.map((op) => ({ name: `${r.id}.${op.id}`, op, method: op.path.slice(1) })),
);

const fixturesDir = join(__dirname, '..', 'fixtures', 'operations', 'slack');
const fixtures = readdirSync(fixturesDir)
	.filter((f) => f.endsWith('.json'))
	.map((f) => ({
		f,
		fixture: JSON.parse(readFileSync(join(fixturesDir, f), 'utf8')) as OperationFixture,
	}));

/** The Web API requests of a fixture (not the upload to files.slack.com): method, verb and arguments. */
function calls(fixture: OperationFixture) {
	return fixture.exchanges
		.map(
			(e) =>
				e.request as {
					method: string;
					url: string;
					query?: Record<string, unknown>;
					body?: unknown;
					form?: Record<string, unknown>;
				},
		)
		.filter((r) => r.url.startsWith(API))
		.map((r) => ({
			method: r.url.slice(API.length),
			verb: r.method,
			args: {
				...(r.query ?? {}),
				...(r.form ?? {}),
				...((r.body as Record<string, unknown>) ?? {}),
			},
			encoding: r.form ? 'form' : r.body !== undefined ? 'json' : 'query',
		}));
}

/** Property names of each method's argument type, from the SDK's declarations. */
function argumentNames(methods: string[]): Map<string, Set<string>> {
	const file = join(__dirname, '__slack_args__.ts');
	const source = [
		"import type { WebClient } from '@slack/web-api';",
		'declare const c: WebClient;',
		...methods.map((m, i) => `export const m${i} = c.${m};`),
	].join('\n');
	const host = ts.createCompilerHost({ strict: true, skipLibCheck: true });
	const readFile = host.readFile.bind(host);
	host.readFile = (name) => (name === file ? source : readFile(name));
	const fileExists = host.fileExists.bind(host);
	host.fileExists = (name) => name === file || fileExists(name);
	const getSourceFile = host.getSourceFile.bind(host);
	host.getSourceFile = (name, lang) =>
		name === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang);
	const program = ts.createProgram(
		[file],
		{
			strict: true,
			skipLibCheck: true,
			noEmit: true,
			types: [],
			module: ts.ModuleKind.CommonJS,
			moduleResolution: ts.ModuleResolutionKind.Node10,
		},
		host,
	);
	const checker = program.getTypeChecker();
	const sf = program.getSourceFile(file)!;
	const out = new Map<string, Set<string>>();
	const names = (type: ts.Type, into: Set<string>) => {
		if (type.isUnion() || type.isIntersection()) for (const t of type.types) names(t, into);
		for (const p of checker.getPropertiesOfType(type)) into.add(p.getName());
	};
	for (const stmt of sf.statements.filter(ts.isVariableStatement)) {
		const decl = stmt.declarationList.declarations[0];
		const index = /^m(\d+)$/.exec(decl.name.getText(sf))?.[1];
		if (index === undefined) continue; // `declare const c`
		const i = Number(index);
		const signature = checker.getTypeAtLocation(decl.name).getCallSignatures()[0];
		// An unresolved declaration would be `any` with no signature: fail loudly rather than check nothing.
		if (!signature) throw new Error(`@slack/web-api declares no call signature for ${methods[i]}`);
		const set = new Set<string>();
		const param = signature?.getParameters()[0];
		if (param)
			names(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(param, decl)), set);
		out.set(methods[i], set);
	}
	return out;
}

/** A value as the SDK puts it in its form: text as is, anything else as JSON. */
const asFormValue = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** What `WebClient.apiCall` sends for these arguments: its URL and decoded form. */
async function sdkRequest(method: string, args: Record<string, unknown>) {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { WebClient } = require('@slack/web-api') as typeof import('@slack/web-api');
	const seen: Array<{ url: string; method: string; body: string }> = [];
	const client = new WebClient('xoxb-conformance', {
		fetch: (async (url: string | URL, init?: RequestInit) => {
			seen.push({
				url: String(url),
				method: init?.method ?? 'GET',
				body: String(init?.body ?? ''),
			});
			return new Response('{"ok":true}', {
				status: 200,
				headers: { 'content-type': 'application/json' },
			});
		}) as typeof fetch,
		retryConfig: { retries: 0 },
	});
	await client.apiCall(method, args);
	const [req] = seen;
	return {
		url: req.url,
		verb: req.method,
		form: Object.fromEntries(new URLSearchParams(req.body)),
	};
}

/** Arguments the node sends that the SDK's paging adds itself (`cursor`/`limit`; files.list pages by `page`/`count`). */
const PAGING = new Set(['cursor', 'limit', 'page', 'count']);

describe('the Slack node against @slack/web-api 8.2.0', () => {
	const used = [
		...new Set([
			...operations.map((o) => o.method),
			...fixtures.flatMap(({ fixture }) => calls(fixture).map((c) => c.method)),
		]),
	].sort();
	const args = argumentNames(used);

	it('every method the node calls is a method of the SDK', () => {
		expect(used.filter((m) => !sdkMethods.has(m))).toEqual([]);
		expect(used.length).toBeGreaterThan(40);
	});

	it('the SDK declares an argument type for each of them', () => {
		expect(
			used.filter((m) => (args.get(m)?.size ?? 0) === 0 && m !== 'auth.test' && m !== 'team.info'),
		).toEqual([]);
		expect([...(args.get('chat.postMessage') ?? [])]).toEqual(
			expect.arrayContaining(['channel', 'text', 'blocks', 'thread_ts']),
		);
	});

	it('every operation has a fixture, so every method above is checked with a real request', () => {
		expect(
			operations.map((o) => `${o.name}.json`).filter((f) => !fixtures.some((x) => x.f === f)),
		).toEqual([]);
	});

	it.each(fixtures.map((x) => [x.f, x.fixture] as const))(
		'%s: each argument is one the SDK declares, and the SDK sends the same values',
		async (_file, fixture) => {
			for (const call of calls(fixture)) {
				const declared = args.get(call.method) ?? new Set();
				const unknown = Object.keys(call.args).filter((k) => !declared.has(k) && !PAGING.has(k));
				expect({ method: call.method, unknown }).toEqual({ method: call.method, unknown: [] });
				// Reads are GETs with a query, writes POSTs with a JSON body (the upload hook: forms, as the SDK).
				const write = call.verb === 'POST';
				expect({ method: call.method, encoding: call.encoding }).toEqual({
					method: call.method,
					encoding: write
						? call.method.startsWith('files.') && call.method.includes('Upload')
							? 'form'
							: 'json'
						: 'query',
				});
				const sdk = await sdkRequest(call.method, call.args);
				expect(sdk.url).toBe(`${API}${call.method}`);
				expect(sdk.verb).toBe('POST');
				const ours = Object.fromEntries(
					Object.entries(call.args).map(([k, v]) => [k, asFormValue(v)]),
				);
				expect(sdk.form).toEqual(ours);
			}
		},
	);
});
