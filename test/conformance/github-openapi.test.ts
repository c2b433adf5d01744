/**
 * The GitHub node against GitHub's own OpenAPI description (npm `@octokit/openapi`, api.github.com): every
 * operation's method and path is a documented route, its query and body fields are documented parameters of
 * that route, its option lists stay inside the documented enums, the documented required body fields are
 * required, and its docs link names the route's section. The recorded fixtures (the exact requests the node
 * sends, hooks included) are checked the same way, and the trigger offers exactly the events GitHub delivers to
 * a repository webhook.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { OperationSpec } from '../../lib/spec/types';
import { ORG_ONLY_EVENTS } from '../../nodes/Github/Github.events';
import { githubSpec } from '../../nodes/Github/Github.service';
import type { OperationFixture } from '../kit/operations';

interface Parameter {
	name: string;
	in: string;
	required?: boolean;
	schema?: { enum?: unknown[] };
}
interface Schema {
	$ref?: string;
	properties?: Record<string, Schema & { enum?: unknown[] }>;
	required?: string[];
	oneOf?: Schema[];
	anyOf?: Schema[];
	type?: string | string[];
	items?: Schema;
}
interface Operation {
	operationId: string;
	externalDocs?: { url: string };
	parameters?: Array<Parameter | { $ref: string }>;
	requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Webhook {
	externalDocs: { url: string };
	'x-github': { 'supported-webhook-types': string[] };
}
interface OpenApi {
	paths: Record<string, Record<string, Operation>>;
	'x-webhooks': Record<string, Record<string, Webhook>>;
}

const openapi = JSON.parse(
	readFileSync(
		join(
			require.resolve('@octokit/openapi/package.json'),
			'..',
			'generated',
			'api.github.com.json',
		),
		'utf8',
	),
) as OpenApi;

function deref<T>(value: T | { $ref: string }): T {
	let v: unknown = value;
	while (v && typeof v === 'object' && '$ref' in v) {
		const ref = (v as { $ref: string }).$ref;
		v = ref
			.slice(2)
			.split('/')
			.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], openapi);
	}
	return v as T;
}

/** `/repos/{owner}/{repo}` and `/repos/{o}/{r}` are the same route. */
const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

const routes = new Map<string, { path: string; op: Operation }>();
for (const [path, methods] of Object.entries(openapi.paths))
	for (const [method, op] of Object.entries(methods))
		if (typeof op === 'object' && 'operationId' in op)
			routes.set(`${method.toUpperCase()} ${shape(path)}`, { path, op });

const params = (op: Operation) => (op.parameters ?? []).map((p) => deref<Parameter>(p));

/** Top-level body properties of the JSON body (every branch of a oneOf/anyOf), and the required ones. */
function bodyOf(op: Operation): {
	props: Map<string, Schema & { enum?: unknown[] }>;
	required: Set<string>;
} {
	const props = new Map<string, Schema & { enum?: unknown[] }>();
	const required = new Set<string>();
	const schema = op.requestBody?.content['application/json']?.schema;
	const visit = (raw: Schema | undefined, top: boolean) => {
		const s = raw ? deref<Schema>(raw) : undefined;
		if (!s) return;
		for (const [k, v] of Object.entries(s.properties ?? {})) props.set(k, deref(v));
		if (top && !s.oneOf && !s.anyOf) for (const r of s.required ?? []) required.add(r);
		for (const branch of [...(s.oneOf ?? []), ...(s.anyOf ?? [])]) visit(branch, false);
	};
	visit(schema, true);
	return { props, required };
}

const operations: Array<[string, OperationSpec]> = githubSpec.resources.flatMap((r) =>
	r.operations.map((op) => [`${r.id}.${op.id}`, op] as [string, OperationSpec]),
);

function routeOf(op: OperationSpec) {
	return routes.get(`${op.method} ${shape(op.path)}`);
}

describe('GitHub operations against GitHub’s OpenAPI description (@octokit/openapi)', () => {
	it('covers at least every operation of n8n’s own GitHub node (48) plus the ones it lacks', () => {
		expect(operations.length).toBeGreaterThanOrEqual(84);
	});

	it.each(operations)('%s: a documented method and path', (_key, op) => {
		expect(routeOf(op)).toBeDefined();
	});

	it.each(operations)('%s: its docs link names the documented section', (_key, op) => {
		const docs = routeOf(op)!.op.externalDocs!.url;
		expect(op.docsUrl?.split('#')[1]).toBe(docs.split('#')[1]);
	});

	it.each(operations)('%s: Return All / Limit exactly where GitHub pages the route', (_key, op) => {
		const pages = params(routeOf(op)!.op).some((p) => p.in === 'query' && p.name === 'per_page');
		// A single commit and a comparison page their files; the node returns the whole object instead.
		const whole = [
			'/repos/{owner}/{repo}/commits/{ref}',
			'/repos/{owner}/{repo}/compare/{basehead}',
		];
		const combined = op.path.endsWith('/status');
		expect(Boolean(op.paginate)).toBe(pages && !whole.includes(op.path) && !combined);
	});

	it.each(operations.filter(([, op]) => !op.hook))(
		'%s: every field is a documented parameter, an option list inside its enum where GitHub has one; required body fields are required',
		(_key, op) => {
			const route = routeOf(op)!;
			const documented = params(route.op);
			const body = bodyOf(route.op);
			const pathParams = (op.params ?? []).filter((p) => p.in === 'path');
			expect(pathParams.length).toBe((route.path.match(/\{/g) ?? []).length);
			for (const p of op.params ?? []) {
				const values = (p.options ?? []).map((o) => o.value);
				if (p.in === 'query') {
					const doc = documented.find((d) => d.in === 'query' && d.name === (p.wireName ?? p.name));
					expect({ field: p.name, documented: Boolean(doc) }).toEqual({
						field: p.name,
						documented: true,
					});
					if (doc?.schema?.enum) {
						expect({ field: p.name, type: p.type }).toEqual({ field: p.name, type: 'options' });
						expect(doc.schema.enum).toEqual(expect.arrayContaining(values));
					}
					if (doc?.required)
						expect({ field: p.name, required: p.required }).toEqual({
							field: p.name,
							required: true,
						});
				}
				if (p.in === 'body') {
					const key = (p.bodyPath ?? p.name).split(/[.[]/)[0];
					const prop = body.props.get(key);
					expect({ field: p.name, key, documented: Boolean(prop) }).toEqual({
						field: p.name,
						key,
						documented: true,
					});
					if (prop?.enum && !p.bodyPath?.includes('.')) {
						expect({ field: p.name, type: p.type }).toEqual({ field: p.name, type: 'options' });
						expect(prop.enum).toEqual(expect.arrayContaining(values));
					}
				}
			}
			const ours = new Set(
				(op.params ?? [])
					.filter((p) => p.in === 'body' && p.required)
					.map((p) => (p.bodyPath ?? p.name).split(/[.[]/)[0]),
			);
			expect([...body.required].filter((r) => !ours.has(r))).toEqual([]);
		},
	);

	const fixturesDir = join(__dirname, '..', 'fixtures', 'operations', 'github');
	const sent = readdirSync(fixturesDir).flatMap((file) =>
		(JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as OperationFixture).exchanges
			.map((e) => e.request)
			.filter((r) => r.url.startsWith('https://api.github.com/'))
			.map((r) => [file, r] as const),
	);

	/** The documented route a sent URL matches (`{path}` of the contents routes spans folders). */
	function matchRoute(method: string, url: string) {
		const path = new URL(url).pathname;
		for (const [key, route] of routes) {
			if (!key.startsWith(`${method} `)) continue;
			const pattern = route.path
				.split('/')
				.map((seg) =>
					seg === '{path}'
						? '.*'
						: seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+'),
				)
				.join('/');
			if (new RegExp(`^${pattern}$`).test(path)) return route;
		}
		return undefined;
	}

	it.each(sent)('%s: the request sent is a documented route with documented fields', (_f, req) => {
		const route = matchRoute(req.method, req.url);
		expect(route).toBeDefined();
		const query = params(route!.op)
			.filter((p) => p.in === 'query')
			.map((p) => p.name);
		expect(query).toEqual(expect.arrayContaining(Object.keys(req.query ?? {})));
		if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
			const props = [...bodyOf(route!.op).props.keys()];
			expect(props).toEqual(expect.arrayContaining(Object.keys(req.body)));
		}
	});

	/** Events of the webhook types given, by their docs anchor (`ping` is answered, never run). */
	function eventsOf(types: string[], not: string[] = []): string[] {
		const found = new Set<string>();
		for (const hook of Object.values(openapi['x-webhooks']))
			for (const op of Object.values(hook)) {
				const supported = op['x-github']['supported-webhook-types'];
				if (types.some((t) => supported.includes(t)) && !not.some((t) => supported.includes(t)))
					found.add(op.externalDocs.url.split('#')[1].replace(/-/g, '_'));
			}
		found.delete('ping');
		return [...found].sort();
	}

	it('the trigger offers exactly the events GitHub delivers to a repository or an organization webhook', () => {
		const offered = githubSpec.webhook!.events.map((e) => e.value).filter((v) => v !== '*');
		expect(offered.sort()).toEqual(eventsOf(['repository', 'organization']));
		expect(githubSpec.webhook!.pingEvents).toEqual(['ping']);
	});

	it('the organization-only events (refused on a repository) are those no repository webhook receives', () => {
		expect(ORG_ONLY_EVENTS.map(([value]) => value).sort()).toEqual(
			eventsOf(['organization'], ['repository']),
		);
	});

	it('the organization hook routes the trigger calls are documented, with the body fields it sends', () => {
		const hooks = openapi.paths['/orgs/{org}/hooks'];
		const hook = openapi.paths['/orgs/{org}/hooks/{hook_id}'];
		expect([hooks?.post, hooks?.get, hook?.get, hook?.delete].every(Boolean)).toBe(true);
		expect([...bodyOf(hooks.post).props.keys()]).toEqual(
			expect.arrayContaining(['name', 'active', 'events', 'config']),
		);
	});
});
