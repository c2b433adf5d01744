/**
 * The X (Twitter) node against the route table of `twitter-api-v2` (npm, 1.29.1, the most used X SDK): every
 * operation's method and path, every request the recorded fixtures send (hooks included: media INIT / APPEND /
 * FINALIZE / STATUS), and the OAuth 2.0 URLs are routes the SDK itself calls. The route strings are read from
 * the SDK's published dist source (`this.get('users/:id/tweets', …)`), not copied here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { X_TWITTER_OAUTH } from '../../nodes/XTwitter/XTwitter.oauth';
import { xTwitterSpec } from '../../nodes/XTwitter/XTwitter.service';
import type { OperationFixture } from '../kit/operations';

const sdk = join(dirname(require.resolve('twitter-api-v2/package.json')), 'dist', 'cjs');
const source = (file: string) => readFileSync(join(sdk, file), 'utf8');

/** `GET /2/users/:param/tweets` for every `this.get('users/:id/tweets'` / template literal the v2 clients call. */
function sdkRoutes(): Set<string> {
	const routes = new Set<string>();
	const files = ['v2/client.v2.read.js', 'v2/client.v2.write.js', 'v2/client.v2.js'];
	const call = /this\.(get|post|put|delete|patch)\(\s*[`'"]([a-z0-9_/:.${}]+)[`'"]/gi;
	for (const file of files) {
		for (const [, method, route] of source(file).matchAll(call)) {
			if (route.startsWith('http')) continue;
			routes.add(`${method.toUpperCase()} ${normalize(`/2/${route}`)}`);
		}
	}
	return routes;
}

/** Path parameters of any spelling (`:id`, `{userId}`, `${mediaId}`) become `:param`. */
function normalize(path: string): string {
	return path
		.replace(/\$\{[^}]+\}/g, ':param')
		.replace(/\{[^}]+\}/g, ':param')
		.replace(/:[a-z_]+/gi, ':param');
}

/** The SDK route a concrete request (`POST /2/users/2244994945/likes`) is an instance of, if any. */
function routeOf(method: string, path: string, known: Iterable<string>): string | undefined {
	for (const route of known) {
		const [m, template] = route.split(' ');
		const pattern = new RegExp(`^${template.replace(/:param/g, '[^/]+')}$`);
		if (m === method && pattern.test(path)) return route;
	}
	return undefined;
}

const routes = sdkRoutes();
const operations = xTwitterSpec.resources.flatMap((r) =>
	r.operations.map((op) => ({ name: `${r.id}.${op.id}`, op })),
);

/**
 * Routes X documents that 1.29.1 does not call, each with X's reference page: the one-request media upload
 * (the SDK sends every file through INIT/APPEND/FINALIZE) and the v2 webhook registration (no webhook client).
 */
const DOCUMENTED_ONLY: Record<string, string> = {
	'POST /2/media/upload': 'https://docs.x.com/x-api/media/upload-media',
	'GET /2/webhooks': 'https://docs.x.com/x-api/webhooks/get-webhook',
	'POST /2/webhooks': 'https://docs.x.com/x-api/webhooks/create-webhook',
	'PUT /2/webhooks/:param': 'https://docs.x.com/x-api/webhooks/validate-webhook',
	'DELETE /2/webhooks/:param': 'https://docs.x.com/x-api/webhooks/delete-webhook',
};

describe('X (Twitter) against twitter-api-v2 1.29.1', () => {
	it('the SDK source is read (a sanity check on the parser)', () => {
		expect(routes.size).toBeGreaterThan(60);
		expect(routes).toContain('POST /2/tweets');
		expect(routes).toContain('GET /2/users/:param/tweets');
		expect(routes).toContain('POST /2/users/:param/likes');
	});

	it.each(operations.filter(({ op }) => !op.hook))(
		'$name: its method and path are a route the SDK calls',
		({ op }) => {
			expect(routes).toContain(`${op.method} ${normalize(op.path)}`);
		},
	);

	it('the seed’s three routes are operations, verbatim', () => {
		const own = new Set(operations.map(({ op }) => `${op.method} ${op.path}`));
		expect(own).toContain('POST /2/tweets');
		expect(own).toContain('GET /2/users/{userId}/tweets');
		expect(own).toContain('POST /2/users/{userId}/likes');
	});

	const dir = join(__dirname, '..', 'fixtures', 'operations', 'xTwitter');
	const sent = readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.flatMap((file) =>
			(JSON.parse(readFileSync(join(dir, file), 'utf8')) as OperationFixture).exchanges.map((e) => {
				const { method } = e.request;
				const path = new URL(e.request.url).pathname;
				const route =
					routeOf(method, path, routes) ??
					routeOf(method, path, Object.keys(DOCUMENTED_ONLY)) ??
					`${method} ${path}`;
				return { file, route };
			}),
		);

	it.each(sent)('$file sends $route: an SDK route, or one X documents', ({ route }) => {
		expect(routes.has(route) || route in DOCUMENTED_ONLY).toBe(true);
	});
	it('a route the SDK does not call fails the check (the matcher is not too lax)', () => {
		expect(routeOf('POST', '/2/users/2244994945/bookmarkz', routes)).toBeUndefined();
		expect(routeOf('GET', '/2/users/2244994945/likes', routes)).toBeUndefined();
	});

	it('the media hooks use the SDK’s chunked routes', () => {
		for (const route of [
			'POST /2/media/upload/initialize',
			'POST /2/media/upload/:param/append',
			'POST /2/media/upload/:param/finalize',
			'GET /2/media/upload',
		])
			expect(routes).toContain(route);
	});

	it('the OAuth 2.0 URLs are the SDK’s (authorize, token, revoke)', () => {
		const readonly = source('client/readonly.js');
		expect(readonly).toContain(`'${X_TWITTER_OAUTH.authUrl}'`);
		expect(readonly).toContain(`'${X_TWITTER_OAUTH.tokenUrl}'`);
		expect(readonly).toContain(
			`'${xTwitterSpec.baseUrl}${[xTwitterSpec.connection!.revoke!].flat()[0].path}'`,
		);
	});

	it('routes taken from X’s documentation only are few and named', () => {
		const own = sent.map((s) => s.route).filter((r) => !routes.has(r));
		expect([...new Set(own)].sort()).toEqual(['POST /2/media/upload']);
	});
});
