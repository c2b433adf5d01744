/**
 * The Trello node against trello.js (npm, 2.2.0), a typed Trello REST client whose request builders follow
 * Trello's OpenAPI description: each of its API functions builds one `{ url, method, searchParams }` and hands it
 * to the client's `sendRequest`. trello.js is ESM-only, so a child Node process imports every API module and
 * calls every function with a recording client (its `sendRequest` keeps the config and sends nothing) and
 * parameters that name themselves (`{id}`); that route table is what the node is checked against:
 * every operation's method and path is a trello.js route, and every request the recorded fixtures send (hooks
 * included: multipart and URL attachments) goes to such a route using only its query and JSON body keys (multipart fields
 * count as query keys: trello.js sends the upload's fields in the query). The trigger's registration
 * (`POST /webhooks` with `callbackURL`, `idModel`, `description`; `GET` and `DELETE /webhooks/{id}`) is checked
 * the same way. The one route trello.js does not wrap, the authenticated attachment download, is listed apart.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { trelloSpec } from '../../nodes/Trello/Trello.service';
import type { OperationFixture } from '../kit/operations';

interface SdkRoute {
	fn: string;
	method: string;
	url: string;
	query: string[];
	/** Keys of the JSON body the builder sends (Trello reads most fields from the query). */
	body: string[];
}

const apiDir = join(dirname(require.resolve('trello.js/package.json')), 'dist', 'api');

/** Runs in a child Node (ESM): every API function called once with a recording client. */
const RECORDER = `
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const dir = process.argv[1];
const out = [];
const failed = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'index.js')) {
	const mod = await import(pathToFileURL(dir + '/' + file).href);
	for (const [fn, call] of Object.entries(mod)) {
		if (typeof call !== 'function') continue;
		let config;
		const client = { sendRequest: async (c) => { config = c; return {}; } };
		const params = new Proxy({}, { get: (_t, p) => (typeof p === 'string' ? '{' + p + '}' : undefined) });
		try { await call(client, params); } catch (e) { failed.push(fn + ': ' + e.message); continue; }
		if (!config) continue;
		out.push({ fn, method: config.method ?? 'GET', url: config.url, query: Object.keys(config.searchParams ?? {}), body: Object.keys(config.body ?? {}) });
	}
}
process.stdout.write(JSON.stringify({ out, failed }));
`;

const recorded = JSON.parse(
	execFileSync(process.execPath, ['--input-type=module', '-e', RECORDER, apiDir], {
		encoding: 'utf8',
		maxBuffer: 16 * 1024 * 1024,
	}),
) as { out: SdkRoute[]; failed: string[] };

/** `/cards/{id}/` and `/cards/{idCard}` are the same route: placeholders as `{}`, no trailing slash. */
const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}').replace(/(.)\/+$/, '$1');

const routes = new Map<string, SdkRoute>();
for (const r of recorded.out) routes.set(`${r.method} ${shape(r.url)}`, r);

/** Trello's authenticated download of an uploaded file (guides/rest-api/attachments): not in trello.js. */
const OUTSIDE_SDK = new Set([
	'GET /cards/{}/attachments/{}/download',
	'GET /cards/{}/attachments/{}/download/{}',
]);

/** The SDK route a concrete request path belongs to: the literal route first, else the shape with one segment per `{}`. */
function routeOf(method: string, path: string): SdkRoute | 'outside' | undefined {
	const literal = routes.get(`${method} ${path}`);
	if (literal) return literal;
	const candidates = [...routes.keys(), ...OUTSIDE_SDK].filter((key) => {
		const [m, shaped] = key.split(' ');
		const segments = shaped.split('{}').map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
		return m === method && new RegExp(`^${segments.join('[^/]+')}$`).test(path);
	});
	// The most literal route wins (`/search/members` before `/search/{}`).
	candidates.sort((a, b) => a.split('{}').length - b.split('{}').length);
	const best = candidates[0];
	if (best === undefined) return undefined;
	return OUTSIDE_SDK.has(best) ? 'outside' : routes.get(best);
}

const operations = trelloSpec.resources.flatMap((r) =>
	r.operations.map((o) => ({ key: `${r.id}.${o.id}`, route: `${o.method} ${shape(o.path)}` })),
);

const operationRoutes = new Set(operations.map((o) => o.route));

const fixturesDir = join(__dirname, '..', 'fixtures', 'operations', 'trello');
const fixtures = readdirSync(fixturesDir).map((name) => ({
	name,
	fixture: JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as OperationFixture,
}));

/** The field names of a recorded multipart body. */
function multipartFields(body: unknown): string[] {
	if (typeof body !== 'string') return [];
	return [...body.matchAll(/Content-Disposition: form-data; name="([^"]+)"/g)].map((m) => m[1]);
}

describe('Trello: trello.js 2.2.0 request builders', () => {
	it('records the SDK routes by calling its functions', () => {
		expect(recorded.failed).toEqual([]);
		expect(routes.size).toBeGreaterThan(250);
		expect(routeOf('GET', '/cards/abc/nonsense/more')).toBeUndefined();
		expect(routeOf('GET', '/search/members')).toMatchObject({ fn: 'searchMembers' });
		expect(routes.get('POST /cards')?.query).toEqual(
			expect.arrayContaining(['name', 'desc', 'pos', 'due', 'idList', 'idMembers', 'idLabels']),
		);
		expect(routes.get('PUT /cards/{}/checkItem/{}')?.fn).toBe('updateCardCheckItem');
	});

	it.each(operations)('$key: $route is a trello.js route', ({ route }) => {
		expect(OUTSIDE_SDK.has(route) || routes.has(route)).toBe(true);
	});

	it.each(fixtures)(
		'$name: each request goes to a trello.js route with its query keys, under /1, key and token in the header only',
		({ fixture }) => {
			for (const { request } of fixture.exchanges) {
				const url = new URL(request.url);
				expect(url.origin).toBe('https://api.trello.com');
				expect(url.pathname.startsWith('/1/')).toBe(true);
				const route = routeOf(request.method, url.pathname.slice(2));
				expect(route).toBeDefined();
				const keys = [...Object.keys(request.query ?? {}), ...multipartFields(request.body)].filter(
					(k) => k !== 'file',
				);
				expect(Object.keys(request.query ?? {})).not.toEqual(expect.arrayContaining(['key']));
				expect(Object.keys(request.query ?? {})).not.toEqual(expect.arrayContaining(['token']));
				expect(request.headers?.authorization).toMatch(
					/^OAuth oauth_consumer_key="[0-9a-f]{32}", oauth_token="[^"]+"$/,
				);
				if (route === 'outside') continue;
				// The route is one an operation names (not a generic `/cards/{}/{field}` read that happens to match).
				expect(operationRoutes).toContain(`${route!.method} ${shape(route!.url)}`);
				for (const k of keys) expect(route!.query).toContain(k);
				const json = typeof request.body === 'object' && request.body !== null ? request.body : {};
				for (const k of Object.keys(json)) expect(route!.body).toContain(k);
			}
		},
	);

	it('the trigger registers, checks and deletes webhooks on trello.js routes with its query keys', () => {
		expect(routes.get('POST /webhooks')?.query).toEqual(
			expect.arrayContaining(['callbackURL', 'idModel', 'description']),
		);
		expect(routes.get('GET /webhooks/{}')?.fn).toBe('getWebhook');
		expect(routes.get('DELETE /webhooks/{}')?.fn).toBe('deleteWebhook');
	});

	it("Disconnect's revocation is trello.js's deleteToken route", () => {
		const [revoke] = [trelloSpec.connection!.revoke!].flat();
		const route = `${revoke.method} ${shape(revoke.path)}`;
		expect(route).toBe('DELETE /tokens/{}');
		expect(routes.get(route)?.fn).toBe('deleteToken');
	});
});
