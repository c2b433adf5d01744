/**
 * The Google Docs node against Google's own client, @googleapis/docs 10.0.0 (npm), generated from the Docs
 * API's discovery document: its build/v1.js names each method's `{url, method}`, its v1.d.ts the query
 * parameters of each method (`Params$Resource$Documents$…`) and every schema's fields with their types. Every
 * operation's method and path is a route of the client; every request the recorded fixtures send has query keys
 * the method takes and a JSON body whose every key, at every depth (`requests[].insertText.location.index`), is
 * a field of the schema at that place (`BatchUpdateDocumentRequest` → `Request` → `InsertTextRequest` →
 * `Location`); and every recorded answer is shaped like the method's response schema (`Document`,
 * `BatchUpdateDocumentResponse`), so the fixtures are Google's shapes, not invented ones.
 * Create's move into a Drive folder uses Drive's files.get and files.update with the same query keys as Drive's
 * File → Move, which test/conformance/google-sdk.test.ts checks against @googleapis/drive.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { googleDocsSpec } from '../../nodes/GoogleDocs/GoogleDocs.service';
import type { OperationFixture } from '../kit/operations';

const build = join(dirname(require.resolve('@googleapis/docs/package.json')), 'build');
const js = readFileSync(join(build, 'v1.js'), 'utf8');
const dts = readFileSync(join(build, 'v1.d.ts'), 'utf8');

/** Every interface of the .d.ts: its fields and each field's type as written (`Schema$Location`, `string | null`). */
const schemas = new Map<string, Map<string, string>>();
for (const m of dts.matchAll(
	/^ {4}(?:export )?interface (\S+)(?: extends \S+)? \{\n([\s\S]*?)\n {4}\}/gm,
)) {
	const fields = new Map<string, string>();
	for (const f of m[2].matchAll(/^ {8}'?([A-Za-z0-9_$.]+)'?\??: ([^;\n]+)/gm))
		fields.set(f[1], f[2].trim());
	schemas.set(m[1], fields);
}

/** The client's routes: `POST /v1/documents/{}:batchUpdate` → `batchUpdate`. */
const routes = [
	...js.matchAll(
		/(\w+)\(paramsOrCallback[\s\S]*?url: \(rootUrl \+\s*'([^']+)'\)[^\n]*\n\s*method: '([A-Z]+)'/g,
	),
].map((m) => ({ name: m[1], path: m[2].replace(/\{[^}]+\}/g, '{}'), method: m[3] }));
const standard = [...schemas.get('StandardParameters')!.keys()].filter((k) => k !== 'auth');
const queryOf = (name: string) => [
	...schemas
		.get(`Params$Resource$Documents$${name[0].toUpperCase()}${name.slice(1).toLowerCase()}`)!
		.keys(),
	...standard,
];
/** The request and response schema of each method (the .d.ts names them in its method signatures). */
const SCHEMAS: Record<string, { request?: string; response: string }> = {
	create: { request: 'Schema$Document', response: 'Schema$Document' },
	get: { response: 'Schema$Document' },
	batchUpdate: {
		request: 'Schema$BatchUpdateDocumentRequest',
		response: 'Schema$BatchUpdateDocumentResponse',
	},
};

/** Every key of `value` that is no field of `schema` at its place, as a path (`requests.0.insertText.where`). */
function strayKeys(value: unknown, type: string, at = ''): string[] {
	const element = /^(Schema\$\w+)\[\]/.exec(type)?.[1];
	if (element)
		return Array.isArray(value)
			? value.flatMap((v, i) => strayKeys(v, element, `${at}.${i}`))
			: [`${at} (not a list)`];
	const name = /^(Schema\$\w+)/.exec(type)?.[1];
	// Scalars, and maps keyed by IDs (`{ [key: string]: Schema$… }`), are not walked.
	if (!name || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
	const fields = schemas.get(name);
	if (!fields) return [`${at} (${name} unknown)`];
	return Object.entries(value).flatMap(([k, v]) => {
		const path = at ? `${at}.${k}` : k;
		const t = fields.get(k);
		return t === undefined ? [`${path} (not in ${name})`] : strayKeys(v, t, path);
	});
}

const routeOf = (method: string, path: string) =>
	routes.find(
		(r) =>
			r.method === method &&
			new RegExp(
				`^${r.path
					.split('{}')
					.map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
					.join('[^/]+?')}$`,
			).test(path),
	);

const fixtures = readdirSync(join(__dirname, '..', 'fixtures', 'operations', 'googleDocs')).map(
	(name) => ({
		name,
		fixture: JSON.parse(
			readFileSync(join(__dirname, '..', 'fixtures', 'operations', 'googleDocs', name), 'utf8'),
		) as OperationFixture,
	}),
);

describe('googleDocs against @googleapis/docs 10.0.0', () => {
	it("reads the client's routes, parameters and schemas", () => {
		expect(routes).toEqual([
			{ name: 'batchUpdate', path: '/v1/documents/{}:batchUpdate', method: 'POST' },
			{ name: 'create', path: '/v1/documents', method: 'POST' },
			{ name: 'get', path: '/v1/documents/{}', method: 'GET' },
		]);
		expect(queryOf('get')).toEqual(
			expect.arrayContaining(['suggestionsViewMode', 'includeTabsContent', 'fields']),
		);
		expect(schemas.get('Schema$InsertTextRequest')?.get('endOfSegmentLocation')).toBe(
			'Schema$EndOfSegmentLocation',
		);
		expect(
			strayKeys({ requests: [{ insertText: { where: 1 } }] }, 'Schema$BatchUpdateDocumentRequest'),
		).toEqual(['requests.0.insertText.where (not in Schema$InsertTextRequest)']);
	});

	it.each(
		googleDocsSpec.resources.flatMap((r) =>
			r.operations.map((o) => ({ key: `${r.id}.${o.id}`, method: o.method, path: o.path })),
		),
	)('$key: $method $path is a route of the client', ({ method, path }) => {
		expect(routeOf(method, path.replace(/\{[^}]+\}/g, 'x'))).toBeDefined();
	});

	it.each(fixtures)(
		'$name: query keys the method takes, body and answer fields of its schemas at every depth',
		({ fixture }) => {
			expect(fixture.exchanges.length).toBeGreaterThan(0);
			for (const { request, response } of fixture.exchanges) {
				const url = new URL(request.url);
				const route = routeOf(request.method, url.pathname);
				expect(`${request.method} ${url.pathname} → ${route?.name}`).not.toMatch(/undefined$/);
				const { request: bodySchema, response: answerSchema } = SCHEMAS[route!.name];
				for (const q of Object.keys(request.query ?? {})) expect(queryOf(route!.name)).toContain(q);
				if (request.body !== undefined) expect(strayKeys(request.body, bodySchema!)).toEqual([]);
				expect(strayKeys(response.body, answerSchema)).toEqual([]);
			}
		},
	);

	it("each operation's fixed body and field paths are fields of BatchUpdateDocumentRequest (or Document)", () => {
		for (const op of googleDocsSpec.resources.flatMap((r) => r.operations)) {
			const schema = op.path.endsWith(':batchUpdate')
				? 'Schema$BatchUpdateDocumentRequest'
				: 'Schema$Document';
			const body: Record<string, unknown> = structuredClone(op.fixedBody ?? {});
			for (const p of op.params ?? [])
				if (p.in === 'body' && (p.bodyPath || ['title', 'requests'].includes(p.name))) {
					let at: Record<string, unknown> | unknown[] = body;
					const steps = (p.bodyPath ?? p.name).split('.');
					steps.forEach((step, i) => {
						const next =
							i === steps.length - 1
								? p.type === 'json'
									? []
									: 1
								: /^\d+$/.test(steps[i + 1])
									? []
									: {};
						const cur = (at as Record<string, unknown>)[step];
						(at as Record<string, unknown>)[step] =
							cur !== undefined && typeof cur === 'object' ? cur : next;
						at = (at as Record<string, unknown>)[step] as Record<string, unknown>;
					});
				}
			expect({ op: op.id, stray: strayKeys(body, schema) }).toEqual({ op: op.id, stray: [] });
		}
	});
});
