/**
 * The Mailchimp node against @mailchimp/mailchimp_marketing (npm, 3.0.80), Mailchimp's official client, generated
 * from its OpenAPI description: each API method of `src/api/*.js` builds `queryParams` and calls
 * `apiClient.callApi(path, method, …)`. That route table (method, path, query keys) is read from the source and the
 * node is checked against it: every operation's method and path is a route and its query fields are the route's
 * query keys; every request the recorded fixtures send (hooks included: the subscriber hash, tags) goes to such a
 * route using only its query keys; the trigger's registration (`POST`, `GET`, `DELETE /lists/{list_id}/webhooks…`)
 * and the batch operations Create or Update Many sends (and the routes inside them) are routes too. The client's base URL and its Basic auth are the ones
 * the credential uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { mailchimpSpec } from '../../nodes/Mailchimp/Mailchimp.service';
import type { OperationFixture } from '../kit/operations';

interface SdkRoute {
	fn: string;
	method: string;
	path: string;
	query: string[];
}

const root = dirname(require.resolve('@mailchimp/mailchimp_marketing/package.json'));
const apiDir = join(root, 'src', 'api');

/** `this.<fn>WithHttpInfo = function(…) { … var queryParams = { 'k': … }; … callApi('<path>', '<METHOD>'` */
function routesOf(source: string): SdkRoute[] {
	const out: SdkRoute[] = [];
	const re =
		/this\.(\w+)WithHttpInfo = function[\s\S]*?var queryParams = \{([\s\S]*?)\};[\s\S]*?callApi\(\s*'([^']+)', '(\w+)'/g;
	for (const m of source.matchAll(re)) {
		const query = Array.from(m[2].matchAll(/^\s*'([^']+)':/gm), (q) => q[1]);
		out.push({ fn: m[1], method: m[4], path: m[3], query });
	}
	return out;
}

const sdk = readdirSync(apiDir)
	.filter((f) => f.endsWith('.js'))
	.flatMap((f) => routesOf(readFileSync(join(apiDir, f), 'utf8')));

/** `/lists/{list_id}` and `/lists/{listId}` are the same route. */
const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}').replace(/(.)\/+$/, '$1');
const routes = new Map(sdk.map((r) => [`${r.method} ${shape(r.path)}`, r]));

function routeOf(method: string, path: string): SdkRoute | undefined {
	const literal = routes.get(`${method} ${path}`);
	if (literal) return literal;
	return [...routes.values()].find((r) => {
		const segments = shape(r.path)
			.split('{}')
			.map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
		return r.method === method && new RegExp(`^${segments.join('[^/]+')}$`).test(path);
	});
}

const operations = mailchimpSpec.resources.flatMap((r) =>
	r.operations.map((op) => ({ key: `${r.id}.${op.id}`, op })),
);

describe('Mailchimp against @mailchimp/mailchimp_marketing 3.0.80', () => {
	it('reads the route table of the client (every API file)', () => {
		expect(sdk.length).toBeGreaterThan(250);
		expect(routes.get('PUT /lists/{}/members/{}')?.fn).toBe('setListMember');
		expect(routes.get('POST /campaigns/{}/actions/send')?.fn).toBe('send');
	});

	it.each(operations.map((o) => [o.key, o.op] as const))(
		'%s is a route of the client with its query keys',
		(_key, op) => {
			const route = routes.get(`${op.method} ${shape(op.path)}`);
			expect(route).toBeDefined();
			const queryKeys = (op.params ?? [])
				.filter((p) => p.in === 'query')
				.map((p) => p.wireName ?? p.name);
			if (op.paginate) queryKeys.push('count', 'offset');
			for (const key of queryKeys) expect(route!.query).toContain(key);
		},
	);

	const fixtureDir = join(__dirname, '..', 'fixtures', 'operations', 'mailchimp');
	const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith('.json'));
	it.each(fixtures)('the requests of fixture %s go to client routes', (file) => {
		const fixture = JSON.parse(readFileSync(join(fixtureDir, file), 'utf8')) as OperationFixture;
		for (const { request } of fixture.exchanges) {
			const url = new URL(request.url);
			// The identity service, and a batch's results archive on Mailchimp's storage (fetched without the credential).
			if (url.hostname === 'login.mailchimp.com') continue;
			if (url.hostname === 'mailchimp-api-batch.s3.amazonaws.com') {
				expect(request.headers?.authorization).toBeUndefined();
				continue;
			}
			expect(url.hostname).toMatch(/^[a-z]+\d+\.api\.mailchimp\.com$/);
			expect(url.pathname.startsWith('/3.0/')).toBe(true);
			const route = routeOf(request.method, url.pathname.slice('/3.0'.length));
			expect({ file, request: `${request.method} ${url.pathname}`, found: Boolean(route) }).toEqual(
				{
					file,
					request: `${request.method} ${url.pathname}`,
					found: true,
				},
			);
			for (const key of url.searchParams.keys()) expect(route!.query).toContain(key);
			// A batch's operations are client routes too.
			const operations = (request.body as { operations?: Array<{ method: string; path: string }> })
				?.operations;
			for (const op of operations ?? []) expect(routeOf(op.method, op.path)).toBeDefined();
		}
	});

	it("the trigger's registration and the batch operations are client routes", () => {
		expect(routes.get('POST /lists/{}/webhooks')?.fn).toBe('createListWebhook');
		expect(routes.get('GET /lists/{}/webhooks/{}')?.fn).toBe('getListWebhook');
		expect(routes.get('DELETE /lists/{}/webhooks/{}')?.fn).toBe('deleteListWebhook');
		expect(routes.get('POST /batches')?.fn).toBe('start');
		expect(routes.get('GET /batches/{}')?.fn).toBe('status');
		expect(routes.get('GET /ping')?.fn).toBe('get');
	});

	it("the client's base URL and Basic auth are the credential's", () => {
		const client = readFileSync(join(root, 'src', 'ApiClient.js'), 'utf8');
		expect(client).toContain("this.basePath = 'https://server.api.mailchimp.com/3.0'");
		expect(client).toContain("url = url.replace('server', this.config.server)");
		expect(client).toContain("request.auth('user', this.config.apiKey)");
		expect(client).toContain("request.set({'Authorization': 'Bearer ' + this.config.accessToken})");
		const auth = mailchimpSpec.auth.map((a) => a.baseUrlDiscovery?.baseUrl);
		expect(auth).toEqual([
			'https://{value}.api.mailchimp.com/3.0',
			'https://{value}.api.mailchimp.com/3.0',
		]);
	});
});
