/**
 * Outlook and OneDrive against Microsoft Graph's own API description as @microsoft/msgraph-sdk-users (npm,
 * 1.0.0-preview.90) compiles it: every request builder there holds a `…RequestBuilderUriTemplate` (RFC 6570,
 * `{+baseurl}/users/{user%2Did}/messages{?%24filter,…}`) and `…RequestsMetadata` whose keys are the HTTP
 * methods the route takes. Every Outlook operation, every request its hooks send (the large-attachment draft
 * flow) and every request its fixtures record is such a route, with query keys the template names. `/me` is
 * Graph's alias of `/users/{user-id}` for the signed-in user, so `/me/…` is checked as `/users/{user-id}/…`.
 *
 * OneDrive: the users package describes `/users/{user-id}/drive` (checked here) but not the drive-item routes
 * (`/drives/{drive-id}/items/…` live in Graph's drives package, which is not published on npm). Those routes are
 * checked against the list below, taken from /work/shared/reference/services.md § Microsoft Graph and Graph's
 * driveItem reference (learn.microsoft.com/graph/api/resources/driveitem), and this test fails if the users
 * package ever starts to describe them, so that they are then checked against it instead.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { excelSpec } from '../../nodes/Excel/Excel.service';
import { GRAPH_RESOURCES, subscriptionResource } from '../../nodes/Microsoft/microsoft.trigger';
import { oneDriveSpec } from '../../nodes/OneDrive/OneDrive.service';
import { wordSpec } from '../../nodes/Word/Word.service';
import { outlookSpec } from '../../nodes/Outlook/Outlook.service';
import type { OperationFixture } from '../kit/operations';

const sdkDir = join(dirname(require.resolve('@microsoft/msgraph-sdk-users/package.json')), 'users');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : name === 'index.js' ? [path] : [];
	});
}

/** A Kiota package's routes: `/users/{}/messages/{}` → the methods it takes and the query keys its template names. */
function routesIn(dir: string): Map<string, { methods: Set<string>; query: Set<string> }> {
	const found = new Map<string, { methods: Set<string>; query: Set<string> }>();
	for (const file of files(dir)) {
		const src = readFileSync(file, 'utf8');
		const template = /RequestBuilderUriTemplate = "([^"]+)"/.exec(src)?.[1];
		const metadata = /RequestBuilderRequestsMetadata = \{([\s\S]*?)\n\};/.exec(src)?.[1];
		if (!template || !metadata) continue;
		const { path, route } = routeOf(template, metadata);
		found.set(shape(path), route);
	}
	return found;
}
const routes = routesIn(sdkDir);

/**
 * A template's path and its route: the methods (`…RequestsMetadata` keys) and the query keys, both the optional
 * ones (`{?%24filter,…}`, `{&…}`) and the ones the route requires (`?endDateTime={endDateTime}&…` of calendarView).
 */
function routeOf(template: string, metadata: string) {
	const bare = template.replace('{+baseurl}', '');
	const at = bare.search(/\{?\?/);
	const path = at < 0 ? bare : bare.slice(0, at);
	const tail = at < 0 ? '' : bare.slice(at);
	const optional = [...tail.matchAll(/\{[?&]([^}]*)\}/g)].flatMap((m) => m[1].split(','));
	const required = [...tail.replace(/\{[?&][^}]*\}/g, '').matchAll(/[?&]([^=&{]+)=/g)].map(
		(m) => m[1],
	);
	const methods = [...metadata.matchAll(/^ {4}(get|post|patch|put|delete):/gm)].map((m) =>
		m[1].toUpperCase(),
	);
	return {
		path,
		route: {
			methods: new Set(methods),
			query: new Set(
				[...optional, ...required]
					.filter(Boolean)
					.map((k) => decodeURIComponent(k.replace(/\*$/, ''))),
			),
		},
	};
}

/** Placeholders alike (`{user%2Did}`, `{user}`), `/me` as `/users/{}`. */
function shape(path: string): string {
	return path.replace(/\{[^}]+\}/g, '{}').replace(/^\/me(?=\/|$)/, '/users/{}');
}

/** A recorded URL's path on Graph v1.0 as a route: every ID segment after a collection becomes `{}`. */
function routeOfUrl(url: string, spec: typeof outlookSpec): string | undefined {
	const path = new URL(url).pathname.replace(/^\/v1\.0/, '');
	const candidates = spec.resources.flatMap((r) => r.operations.map((o) => o.path));
	const hookPaths = HOOK_ROUTES.map((r) => r.split(' ')[1]);
	for (const template of [...candidates, ...hookPaths].map(shape)) {
		const pattern = new RegExp(
			`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\}/g, '[^/]+')}$`,
		);
		if (pattern.test(shape(path.replace(/^\/users\/[^/]+/, '/users/{}')))) return template;
	}
	return undefined;
}

/** Requests the Outlook hooks send besides the operations' own (Send with attachments above 3 MB). */
const HOOK_ROUTES = [
	'POST /users/{user}/messages',
	'POST /users/{user}/messages/{messageId}/attachments',
	'POST /users/{user}/messages/{messageId}/attachments/createUploadSession',
	'POST /users/{user}/messages/{messageId}/send',
];

/**
 * Drive-item routes (not in the users package): services.md § Microsoft Graph lists `/me/drive/items/{id}`,
 * `/me/drive/root:/{path}:/content`, `…:/createUploadSession`, `/me/drive/root/children`; the rest are the
 * driveItem reference's (get, list children, search, content, copy, update/move, delete, createLink,
 * createUploadSession, create folder = POST children).
 */
const DRIVE_ITEM_ROUTES = new Set([
	'GET /users/{}/drive/items/{}',
	'PATCH /users/{}/drive/items/{}',
	'DELETE /users/{}/drive/items/{}',
	'GET /users/{}/drive/items/{}/children',
	'POST /users/{}/drive/items/{}/children',
	'GET /users/{}/drive/items/{}/content',
	'PUT /users/{}/drive/items/{}:/{}:/content',
	'POST /users/{}/drive/items/{}:/{}:/createUploadSession',
	'POST /users/{}/drive/items/{}/copy',
	'POST /users/{}/drive/items/{}/createLink',
	'GET /users/{}/drive/root:/{}:',
	"GET /users/{}/drive/root/search(q='{}')",
	// The trigger's OneDrive changes (driveItem: delta).
	'GET /users/{}/drive/root/delta',
]);

const fixtureDir = (id: string) => join(__dirname, '..', 'fixtures', 'operations', id);
const fixturesOf = (id: string) =>
	readdirSync(fixtureDir(id)).map((name) => ({
		name,
		fixture: JSON.parse(readFileSync(join(fixtureDir(id), name), 'utf8')) as OperationFixture,
	}));

describe('Outlook against @microsoft/msgraph-sdk-users', () => {
	it('the package was read (thousands of request builders, sendMail among them)', () => {
		expect(routes.size).toBeGreaterThan(1000);
		expect(routes.get('/users/{}/sendMail')?.methods).toEqual(new Set(['POST']));
	});

	const ops = outlookSpec.resources.flatMap((r) =>
		r.operations.map((o) => [`${r.id}.${o.id}`, `${o.method} ${o.path}`] as const),
	);
	it.each([...ops, ...HOOK_ROUTES.map((r) => [`hook ${r}`, r] as const)])(
		'%s (%s) is a route of the API description with that method',
		(_key, route) => {
			const [method, path] = route.split(' ');
			const found = routes.get(shape(path));
			expect(found ? [...found.methods] : `no template for ${shape(path)}`).toContain(method);
		},
	);

	it('every OData query field of an operation is one its route names', () => {
		const problems = outlookSpec.resources.flatMap((r) =>
			r.operations.flatMap((o) => {
				const allowed = routes.get(shape(o.path))?.query ?? new Set<string>();
				const keys = [
					...(o.params ?? []).filter((p) => p.in === 'query').map((p) => p.wireName ?? p.name),
					...Object.keys(o.query ?? {}),
					...(o.paginate ? ['$top'] : []),
				];
				return keys.filter((k) => !allowed.has(k)).map((k) => `${r.id}.${o.id}: ${k}`);
			}),
		);
		expect(problems).toEqual([]);
	});

	it.each(ops.filter(([, route]) => route.startsWith('GET ')))(
		'%s: Return All / Limit exactly where Graph pages the route ($top in its template)',
		(key, route) => {
			const op = outlookSpec.resources
				.flatMap((r) => r.operations.map((o) => [`${r.id}.${o.id}`, o] as const))
				.find(([k]) => k === key)![1];
			const pages = routes.get(shape(route.split(' ')[1]))?.query.has('$top') ?? false;
			expect({ key, returnAllAndLimit: Boolean(op.paginate) }).toEqual({
				key,
				returnAllAndLimit: pages,
			});
		},
	);

	it.each(fixturesOf('outlook').map((f) => [f.name, f.fixture] as const))(
		'fixture %s: every request is a route with that method and its query keys',
		(_name, fixture) => {
			for (const { request } of fixture.exchanges) {
				const route = routeOfUrl(request.url, outlookSpec);
				expect(route).toBeDefined();
				const found = routes.get(route!);
				expect(found ? [...found.methods] : route).toContain(request.method);
				for (const key of Object.keys(request.query ?? {}))
					expect([...found!.query]).toContain(key);
			}
		},
	);
});

/**
 * Excel workbook routes (Graph's workbook reference, learn.microsoft.com/graph/api/resources/excel: worksheets
 * list/add/delete, range get/update/clear with `range(address='…')`, usedRange, tables list/add/delete, table
 * columns list, table rows list/add, createSession/closeSession) and Word's (driveItem content, `?format=pdf`): like the drive items, they live in
 * Graph's drives package, which is not on npm.
 */
const WORKBOOK_ROUTES = new Set([
	'GET /users/{}/drive/items/{}/workbook/worksheets',
	'POST /users/{}/drive/items/{}/workbook/worksheets/add',
	'DELETE /users/{}/drive/items/{}/workbook/worksheets/{}',
	"GET /users/{}/drive/items/{}/workbook/worksheets/{}/range(address='{}')",
	"PATCH /users/{}/drive/items/{}/workbook/worksheets/{}/range(address='{}')",
	'GET /users/{}/drive/items/{}/workbook/worksheets/{}/usedRange',
	'GET /users/{}/drive/items/{}/workbook/tables',
	'POST /users/{}/drive/items/{}/workbook/tables/add',
	'GET /users/{}/drive/items/{}/workbook/tables/{}/rows',
	'POST /users/{}/drive/items/{}/workbook/tables/{}/rows',
	"POST /users/{}/drive/items/{}/workbook/worksheets/{}/range(address='{}')/clear",
	'GET /users/{}/drive/items/{}/workbook/tables/{}/columns',
	'DELETE /users/{}/drive/items/{}/workbook/tables/{}',
	'POST /users/{}/drive/items/{}/workbook/createSession',
	'POST /users/{}/drive/items/{}/workbook/closeSession',
]);

describe('Excel and Word against the workbook and driveItem references', () => {
	it('the users package describes no workbook routes (so they are checked against the list)', () => {
		expect([...routes.keys()].filter((p) => p.includes('/workbook'))).toEqual([]);
	});

	it('every Excel operation and the session requests are documented workbook routes', () => {
		const used = [
			...excelSpec.resources.flatMap((r) =>
				r.operations.map((o) => `${o.method} ${shape(o.path)}`),
			),
			`${excelSpec.session!.open.method} /users/{}/drive/items/{}${excelSpec.session!.scope}${excelSpec.session!.open.path}`,
			`${excelSpec.session!.close.method} /users/{}/drive/items/{}${excelSpec.session!.scope}${excelSpec.session!.close.path}`,
		];
		expect(used.filter((r) => !WORKBOOK_ROUTES.has(r))).toEqual([]);
		expect(excelSpec.session!.header).toBe('workbook-session-id');
		expect(excelSpec.session!.open.body).toEqual({ persistChanges: true });
	});

	it('every Word operation is a documented drive-item route; Convert to PDF asks format=pdf', () => {
		const used = wordSpec.resources.flatMap((r) =>
			r.operations.map((o) => `${o.method} ${shape(o.path)}`),
		);
		expect(used.filter((r) => !DRIVE_ITEM_ROUTES.has(r))).toEqual([]);
		const pdf = wordSpec.resources[0].operations.find((o) => o.id === 'convertToPdf')!;
		expect(pdf.query).toEqual({ format: 'pdf' });
	});

	it("the drive choices are Graph's documented drive addresses (drive-get: /me/drive, /users/{id}/drive, /drives/{id}, /sites/{id}/drive)", () => {
		const drive = oneDriveSpec.resources
			.flatMap((r) => r.operations)
			.flatMap((o) => o.params ?? [])
			.find((p) => p.name === 'drive')!;
		expect(drive.pathChoice).toEqual({
			replace: '/users/{user}/drive',
			choices: {
				driveId: '/drives/{driveId}',
				siteId: '/sites/{siteId}/drive',
				sitePath: '/sites/{siteHost}:/{sitePath}:/drive',
			},
		});
		// `/users/{user-id}/drive` is the users package's own route.
		expect(routes.get('/users/{}/drive')?.methods).toContain('GET');
		for (const spec of [oneDriveSpec, excelSpec, wordSpec])
			for (const op of spec.resources.flatMap((r) => r.operations))
				expect(op.path.startsWith('/users/{user}/drive')).toBe(true);
	});

	it.each(
		['excel', 'word'].flatMap((id) =>
			fixturesOf(id).map((f) => [`${id}/${f.name}`, f.fixture] as const),
		),
	)('fixture %s: every Graph request is a documented route', (_name, fixture) => {
		for (const { request } of fixture.exchanges) {
			const url = new URL(request.url);
			if (url.host !== 'graph.microsoft.com') continue; // the pre-authenticated download URL
			const path = url.pathname
				.replace(/^\/v1\.0/, '')
				.replace(/^\/me\//, '/users/{}/')
				.replace(/\/items\/[^/:]+/, '/items/{}')
				.replace(/\/items\/\{\}:\/[^/]+:\//, '/items/{}:/{}:/')
				.replace(/\/(worksheets|tables)\/(?!add$)[^/]+/g, '/$1/{}')
				.replace(/range\(address='[^']*'\)/, "range(address='{}')");
			const route = `${request.method} ${decodeURIComponent(path)}`;
			expect([...WORKBOOK_ROUTES, ...DRIVE_ITEM_ROUTES, 'GET /users/{}/drive/items/{}']).toContain(
				route,
			);
		}
	});
});

/** The drive-item and workbook routes Graph documents as collections (`$top`, `@odata.nextLink`). */
const COLLECTION_ROUTES = new Set([
	'GET /users/{}/drive/items/{}/children',
	"GET /users/{}/drive/root/search(q='{}')",
	'GET /users/{}/drive/items/{}/workbook/worksheets',
	'GET /users/{}/drive/items/{}/workbook/tables',
	'GET /users/{}/drive/items/{}/workbook/tables/{}/rows',
	'GET /users/{}/drive/items/{}/workbook/tables/{}/columns',
]);

describe('Return All / Limit on every OneDrive, Excel and Word list', () => {
	it.each(
		[oneDriveSpec, excelSpec, wordSpec].flatMap((spec) =>
			spec.resources.flatMap((r) =>
				r.operations.map((o) => [`${spec.id} ${r.id}.${o.id}`, o] as const),
			),
		),
	)('%s pages exactly when its route is a collection', (key, op) => {
		const route = `${op.method} ${shape(op.path)}`;
		expect({ key, returnAllAndLimit: Boolean(op.paginate) }).toEqual({
			key,
			returnAllAndLimit: COLLECTION_ROUTES.has(route),
		});
	});
});

describe('OneDrive against @microsoft/msgraph-sdk-users and the driveItem reference', () => {
	it('Drive → Get is the package route GET /users/{user-id}/drive with $select', () => {
		const drive = oneDriveSpec.resources.find((r) => r.id === 'drive')!.operations[0];
		expect(`${drive.method} ${shape(drive.path)}`).toBe('GET /users/{}/drive');
		expect(routes.get('/users/{}/drive')?.methods).toContain('GET');
		expect(routes.get('/users/{}/drive')?.query).toContain('$select');
	});

	it('the package does not describe drive items (so they are checked against the list)', () => {
		expect([...routes.keys()].filter((p) => /\/drives?\/(items|root)/.test(p))).toEqual([]);
	});

	it('every other operation and upload-session request is a documented drive-item route', () => {
		const used = [
			...oneDriveSpec.resources
				.filter((r) => r.id !== 'drive')
				.flatMap((r) => r.operations.map((o) => `${o.method} ${shape(o.path)}`)),
			// The upload hook's large-file request.
			'POST /users/{}/drive/items/{}:/{}:/createUploadSession',
		];
		expect(used.filter((r) => !DRIVE_ITEM_ROUTES.has(r))).toEqual([]);
	});
});

/**
 * The trigger's subscription requests against @microsoft/msgraph-sdk-subscriptions (1.0.0-preview.90): create,
 * check, renew, delete and reauthorize are routes of Graph's `/subscriptions` description with those methods, and
 * the resources it subscribes to are routes of the users package that can be read (GET), since every change is
 * fetched from there.
 */
const subscriptionsDir = join(
	dirname(require.resolve('@microsoft/msgraph-sdk-subscriptions/package.json')),
	'subscriptions',
);
const subscriptionRoutes = routesIn(subscriptionsDir);

describe('the Microsoft 365 trigger against @microsoft/msgraph-sdk-subscriptions', () => {
	it('the package was read: /subscriptions, /subscriptions/{id} and its reauthorize', () => {
		expect([...subscriptionRoutes.keys()].sort()).toEqual([
			'/subscriptions',
			'/subscriptions/{}',
			'/subscriptions/{}/reauthorize',
		]);
	});

	const webhook = outlookSpec.webhook!;
	it.each([
		['create', 'POST /subscriptions'],
		['checkExists', 'GET /subscriptions/{id}'],
		['delete', 'DELETE /subscriptions/{id}'],
		['reauthorizationRequired', 'POST /subscriptions/{id}/reauthorize'],
		['renewal', `${webhook.renewal!.method} ${webhook.renewal!.path}`],
	])('%s (%s) is a route of the description with that method', (_name, route) => {
		const [method, path] = route.split(' ');
		expect([...(subscriptionRoutes.get(shape(path))?.methods ?? [])]).toContain(method);
	});

	it.each([
		[
			'messages',
			"/users/{user}/mailFolders('inbox')/messages",
			'/users/{}/mailFolders/{}/messages',
		],
		['events', '/users/{user}/events', '/users/{}/events'],
		['contacts', '/users/{user}/contacts', '/users/{}/contacts'],
	])('the %s resource (%s) is a readable route of the users package', (kind, _resource, route) => {
		expect(Object.keys(GRAPH_RESOURCES)).toContain(kind);
		expect([...(routes.get(route)?.methods ?? [])]).toContain('GET');
	});

	it('the OneDrive root subscription reads its changes from a drive-item route (the delta), which the users package lacks', () => {
		const delta = `GET ${shape(`/${subscriptionResource({ watch: 'driveRoot', user: 'me' })}/delta`)}`;
		expect(delta).toBe('GET /users/{}/drive/root/delta');
		expect(routes.has('/users/{}/drive/root/delta')).toBe(false);
		expect(DRIVE_ITEM_ROUTES.has(delta)).toBe(true);
	});
});
