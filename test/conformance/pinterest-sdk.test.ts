/**
 * The Pinterest node against Pinterest's own route table: `pinterest-sdk` (npm, 1.1.0, generated from Pinterest's
 * OpenAPI description; its routes are the `callApi(path, method, …)` calls in dist/api/*.js). Every operation's
 * method and path is an SDK route, and every request the recorded fixtures send (hooks included: media register,
 * status, pin with a video) uses that route's documented query parameters and its models' body fields. Routes and
 * fields Pinterest added after the SDK was generated are listed apart, each with the OpenAPI operationId it comes
 * from (pinterest/api-description v5/openapi.json 5.23.0); the test fails when the SDK gains one of them, so the
 * list only ever shrinks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { pinterestSpec } from '../../nodes/Pinterest/Pinterest.service';
import type { OperationFixture } from '../kit/operations';

const sdkDir = dirname(require.resolve('pinterest-sdk/package.json'));
const API = 'https://api.pinterest.com/v5';

interface SdkRoute {
	query: string[];
}

/** `METHOD /path/{}` → the SDK route's query parameter names. */
const routes = new Map<string, SdkRoute>();
for (const file of readdirSync(join(sdkDir, 'dist', 'api'))) {
	const src = readFileSync(join(sdkDir, 'dist', 'api', file), 'utf8');
	for (const m of src.matchAll(
		/var queryParams = \{([^}]*)\};[\s\S]*?callApi\('([^']+)', '([A-Z]+)'/g,
	)) {
		const query = [...m[1].matchAll(/'([a-z_]+)':/g)].map((q) => q[1]);
		routes.set(`${m[3]} ${shape(m[2])}`, { query });
	}
}

/** Body fields of an SDK model (`dist/model/<Name>.js`). */
function modelFields(name: string): string[] {
	const src = readFileSync(join(sdkDir, 'dist', 'model', `${name}.js`), 'utf8');
	return [...src.matchAll(/hasOwnProperty\('([a-z_]+)'\)/g)].map((m) => m[1]);
}

/** `/boards/{board_id}` and `/boards/{boardId}` are the same route. */
function shape(path: string): string {
	return path.replace(/\{[^}]+\}/g, '{}');
}

/** Routes of API v5 newer than pinterest-sdk 1.1.0, by the OpenAPI operationId they come from. */
const NEWER_ROUTES: Record<string, string> = {
	'GET /pins': 'pins/list',
	'PATCH /pins/{}': 'pins/update',
	'POST /pins/{}/save': 'pins/save',
};

/** Query parameters of API v5 newer than the SDK's route, per route (OpenAPI 5.23.0 `parameters`). */
const NEWER_QUERY: Record<string, string[]> = {
	'GET /pins/{}': ['pin_metrics'],
	'GET /boards': ['ad_account_id'],
	'GET /boards/{}': ['ad_account_id'],
	'GET /boards/{}/pins': ['creative_types', 'pin_metrics', 'ad_account_id'],
	'GET /boards/{}/sections': ['ad_account_id'],
	'GET /boards/{}/sections/{}/pins': ['ad_account_id'],
	'GET /user_account/analytics': ['content_type', 'source'],
	'POST /pins': ['ad_account_id'],
	'POST /boards': ['ad_account_id'],
	'PATCH /boards/{}': ['ad_account_id'],
	'DELETE /boards/{}': ['ad_account_id'],
	'POST /boards/{}/sections': ['ad_account_id'],
	'PATCH /boards/{}/sections/{}': ['ad_account_id'],
	'DELETE /boards/{}/sections/{}': ['ad_account_id'],
	'DELETE /pins/{}': ['ad_account_id'],
};

/** Query parameters of the routes the SDK lacks (OpenAPI 5.23.0). */
const NEWER_ROUTE_QUERY: Record<string, string[]> = {
	'GET /pins': [
		'bookmark',
		'page_size',
		'pin_filter',
		'include_protected_pins',
		'pin_type',
		'creative_types',
		'ad_account_id',
		'pin_metrics',
	],
	'PATCH /pins/{}': ['ad_account_id'],
	'POST /pins/{}/save': ['ad_account_id'],
};

/** Body models per route, and body fields newer than the SDK's model (OpenAPI 5.23.0 schemas). */
const BODY: Record<string, { models: string[]; newer?: string[] }> = {
	'POST /pins': { models: ['Pin'], newer: ['dominant_color', 'parent_pin_id'] },
	'PATCH /pins/{}': {
		models: [],
		newer: ['title', 'description', 'link', 'alt_text', 'board_id', 'board_section_id'],
	},
	'POST /pins/{}/save': { models: [], newer: ['board_id', 'board_section_id'] },
	'POST /boards': { models: ['Board'] },
	'PATCH /boards/{}': { models: ['BoardUpdate'] },
	'POST /boards/{}/sections': { models: ['BoardSection'] },
	'PATCH /boards/{}/sections/{}': { models: ['BoardSection'] },
	'POST /media': { models: ['MediaUploadRequest'] },
};

/** media_source by source type: the SDK's model, and fields newer than it. */
const MEDIA_SOURCE: Record<string, { model: string; newer?: string[] }> = {
	image_url: { model: 'PinMediaSourceImageURL' },
	image_base64: { model: 'PinMediaSourceImageBase64' },
	video_id: { model: 'PinMediaSourceVideoID', newer: ['cover_image_key_frame_time'] },
};

const operations = pinterestSpec.resources.flatMap((r) =>
	r.operations.map((op) => ({
		name: `${r.id}.${op.id}`,
		route: `${op.method} ${shape(op.path)}`,
		op,
	})),
);

const fixturesDir = join(__dirname, '..', 'fixtures', 'operations', 'pinterest');
const fixtures = readdirSync(fixturesDir)
	.filter((f) => f.endsWith('.json'))
	.map((f) => ({
		f,
		fixture: JSON.parse(readFileSync(join(fixturesDir, f), 'utf8')) as OperationFixture,
	}));

describe('Pinterest against pinterest-sdk 1.1.0 (and the OpenAPI operations newer than it)', () => {
	it('reads the SDK route table', () => {
		expect(routes.size).toBeGreaterThan(40);
		expect(routes.get('GET /boards/{}/pins')).toEqual({ query: ['bookmark', 'page_size'] });
	});

	it.each(operations.map((o) => [o.name, o] as const))(
		'%s: its method and path are a Pinterest route',
		(_name, { route }) => {
			expect(routes.has(route) || route in NEWER_ROUTES).toBe(true);
		},
	);

	it('the routes listed as newer than the SDK are still absent from it', () => {
		expect(Object.keys(NEWER_ROUTES).filter((r) => routes.has(r))).toEqual([]);
		for (const [route, names] of Object.entries(NEWER_QUERY))
			expect([route, names.filter((n) => routes.get(route)?.query.includes(n))]).toEqual([
				route,
				[],
			]);
	});

	it.each(fixtures.map((x) => [x.f, x.fixture] as const))(
		'%s: every request to the API uses its route’s query parameters and body fields',
		(_file, fixture) => {
			const problems: string[] = [];
			for (const { request } of fixture.exchanges) {
				if (!request.url.startsWith(API)) continue;
				const path = new URL(request.url).pathname
					.replace(/^\/v5/, '')
					.replace(/\/\d+(?=\/|$)/g, '/{}');
				const route = `${request.method} ${path}`;
				if (!routes.has(route) && !(route in NEWER_ROUTES)) {
					problems.push(`${route}: no such route`);
					continue;
				}
				const allowed = [
					...(routes.get(route)?.query ?? []),
					...(NEWER_QUERY[route] ?? []),
					...(NEWER_ROUTE_QUERY[route] ?? []),
				];
				for (const key of Object.keys(request.query ?? {}))
					if (!allowed.includes(key)) problems.push(`${route}: query '${key}'`);
				const body = request.body as Record<string, unknown> | undefined;
				if (body && typeof body === 'object') {
					const spec = BODY[route];
					const fields = [...(spec?.models ?? []).flatMap(modelFields), ...(spec?.newer ?? [])];
					for (const key of Object.keys(body))
						if (!fields.includes(key)) problems.push(`${route}: body '${key}'`);
					const source = body.media_source as Record<string, unknown> | undefined;
					if (source) {
						const kind = MEDIA_SOURCE[String(source.source_type)];
						const allowedSource = kind ? [...modelFields(kind.model), ...(kind.newer ?? [])] : [];
						for (const key of Object.keys(source))
							if (!allowedSource.includes(key)) problems.push(`${route}: media_source '${key}'`);
					}
				}
			}
			expect(problems).toEqual([]);
		},
	);

	it('every operation has a fixture, so every route above is checked with a real request', () => {
		expect(
			operations.map((o) => `${o.name}.json`).filter((f) => !fixtures.some((x) => x.f === f)),
		).toEqual([]);
	});

	it("the OAuth2 facts are the OpenAPI description's (authorization and token URLs)", () => {
		const oauth = pinterestSpec.auth[0].oauth2!;
		expect([oauth.authUrl, oauth.tokenUrl]).toEqual([
			'https://www.pinterest.com/oauth/',
			'https://api.pinterest.com/v5/oauth/token',
		]);
		expect(routes.has('POST /oauth/token')).toBe(true);
	});
});
