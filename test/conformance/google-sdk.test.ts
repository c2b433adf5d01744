/**
 * The Google Sheets, Drive, Gmail and Calendar nodes against Google's own clients, @googleapis/sheets 18.1.1,
 * @googleapis/drive 26.0.1, @googleapis/gmail 22.0.1 and @googleapis/calendar 20.0.1 (npm), generated from Google's discovery documents: every method's `{url, method}`
 * (and `mediaUrl` for uploads) in build/v4.js / v3.js is a route, its `Params$Resource$…` interface in the .d.ts
 * names the query parameters it takes and its `requestBody` schema the body's fields (Gmail: v1.js / v1.d.ts). Every operation's method
 * and path is such a route, and every request the recorded fixtures send (hooks included: rows as items, uploads,
 * downloads, exports, moves) goes to a route with query keys it takes and body keys of its schema. The push
 * triggers' requests (start page token, changes and events watch with the channel body, channels stop, the
 * changes and incremental events lists, and the monitor's replacement) are checked the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { ServiceSpec } from '../../lib/spec/types';
import { gmailSpec } from '../../nodes/Gmail/Gmail.service';
import { googleDriveSpec } from '../../nodes/GoogleDrive/GoogleDrive.service';
import { googleSheetsSpec } from '../../nodes/GoogleSheets/GoogleSheets.service';
import { googleCalendarSpec } from '../../nodes/GoogleCalendar/GoogleCalendar.service';
import type { OperationFixture } from '../kit/operations';

interface SdkRoute {
	method: string;
	/** `/v4/spreadsheets/{}/values/{}:append` */
	path: string;
	/** `Resource$Spreadsheets$Values.append` */
	name: string;
	query: string[];
	body: string[];
}

/** The `export interface X { a?: …; b: … }` members of a .d.ts (one level). */
function interfaces(dts: string): Map<string, { members: string[]; bodySchema?: string }> {
	const out = new Map<string, { members: string[]; bodySchema?: string }>();
	for (const m of dts.matchAll(
		// An empty interface (`{\n    }`, e.g. Gmail's Schema$DisableCseKeyPairRequest) has no body lines.
		/^ {4}(?:export )?interface (\S+)(?: extends \S+)? \{\n(?: {4}\}|([\s\S]*?)\n {4}\})/gm,
	)) {
		const body = m[2] ?? '';
		const members = [...body.matchAll(/^ {8}'?([A-Za-z0-9_$.]+)'?\??:/gm)].map((x) => x[1]);
		const bodySchema = /^ {8}requestBody\?: (Schema\$\w+);/m.exec(body)?.[1];
		// Keys in lower case: the generator names `batchClear`'s parameters `…$Values$Batchclear`.
		out.set(m[1].toLowerCase(), { members, ...(bodySchema ? { bodySchema } : {}) });
	}
	return out;
}

/** Every method of a generated client: its class and name, URL and media URL, and parameters. */
function routesOf(pkg: string, version: string): SdkRoute[] {
	const dir = join(dirname(require.resolve(`${pkg}/package.json`)), 'build');
	const js = readFileSync(join(dir, `${version}.js`), 'utf8');
	const types = interfaces(readFileSync(join(dir, `${version}.d.ts`), 'utf8'));
	const standard = types.get('standardparameters')!.members.filter((m) => m !== 'auth');
	const routes: SdkRoute[] = [];
	const urls = /url: \(rootUrl \+\s*'([^']+)'\)[^\n]*\n\s*method: '([A-Z]+)'/g;
	for (const m of js.matchAll(urls)) {
		// An upload method names its media URL a few lines further, among the request's parameters.
		const media = /^[^]{0,200}?\n\s*mediaUrl: \(rootUrl \+\s*'([^']+)'\)/.exec(
			js.slice(m.index + m[0].length),
		)?.[1];
		const before = js.slice(0, m.index);
		const cls = [...before.matchAll(/class (Resource\$[\w$]+) \{/g)].at(-1)![1];
		const method = [...before.matchAll(/^ {8}(\w+)\(paramsOrCallback/gm)].at(-1)![1];
		const params = types.get(`params$${cls}$${method}`.toLowerCase());
		const body = params?.bodySchema
			? (types.get(params.bodySchema.toLowerCase())?.members ?? [])
			: [];
		const route = {
			method: m[2],
			name: `${cls}.${method}`,
			query: [...(params?.members ?? []), ...standard],
			body,
		};
		routes.push({ ...route, path: shape(m[1]) });
		if (media) routes.push({ ...route, path: shape(media) });
	}
	return routes;
}

/** `{spreadsheetId}`, `{+name}` and a filled segment are all one `{}`. */
const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

const sdk = {
	googleSheets: routesOf('@googleapis/sheets', 'v4'),
	googleDrive: routesOf('@googleapis/drive', 'v3'),
	gmail: routesOf('@googleapis/gmail', 'v1'),
	googleCalendar: routesOf('@googleapis/calendar', 'v3'),
};

function routeOf(routes: SdkRoute[], method: string, path: string): SdkRoute | undefined {
	const exact = routes.find((r) => r.method === method && r.path === path);
	if (exact) return exact;
	return routes.find((r) => {
		const pattern = r.path
			.split('{}')
			.map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
			.join('[^/]+?');
		return r.method === method && new RegExp(`^${pattern}$`).test(path);
	});
}

const cases = (spec: ServiceSpec) =>
	spec.resources.flatMap((r) =>
		r.operations.map((o) => ({ key: `${r.id}.${o.id}`, method: o.method, path: shape(o.path) })),
	);

const fixturesOf = (id: string) => {
	const dir = join(__dirname, '..', 'fixtures', 'operations', id);
	return readdirSync(dir).map((name) => ({
		name,
		fixture: JSON.parse(readFileSync(join(dir, name), 'utf8')) as OperationFixture,
	}));
};

describe.each([
	['googleSheets', '@googleapis/sheets 18.1.1', googleSheetsSpec],
	['googleDrive', '@googleapis/drive 26.0.1', googleDriveSpec],
	['gmail', '@googleapis/gmail 22.0.1', gmailSpec],
	['googleCalendar', '@googleapis/calendar 20.0.1', googleCalendarSpec],
] as const)('%s against %s', (id, _client, spec) => {
	const routes = sdk[id];

	it("reads the client's routes and parameters", () => {
		const expected = {
			googleSheets: {
				min: 15,
				route: ['POST', '/v4/spreadsheets/{}/values/{}:append'],
				name: 'Resource$Spreadsheets$Values.append',
				query: ['insertDataOption', 'fields'],
			},
			googleDrive: {
				min: 50,
				route: ['GET', '/drive/v3/files'],
				name: 'Resource$Files.list',
				query: ['q', 'supportsAllDrives'],
			},
			gmail: {
				min: 50,
				route: ['GET', '/gmail/v1/users/{}/messages'],
				name: 'Resource$Users$Messages.list',
				query: ['q', 'labelIds', 'includeSpamTrash', 'pageToken', 'maxResults'],
			},
			googleCalendar: {
				min: 30,
				route: ['GET', '/calendar/v3/calendars/{}/events'],
				name: 'Resource$Events.list',
				query: ['syncToken', 'singleEvents', 'orderBy'],
			},
		}[id];
		expect(routes.length).toBeGreaterThan(expected.min);
		const sample = routeOf(routes, expected.route[0], expected.route[1]);
		expect(sample?.name).toBe(expected.name);
		expect(sample?.query).toEqual(expect.arrayContaining(expected.query));
	});

	it.each(cases(spec))('$key: $method $path is a route of the client', ({ method, path }) => {
		expect(routeOf(routes, method, path)).toBeDefined();
	});

	it.each(fixturesOf(id))(
		'$name: each request goes to a route, with query keys it takes and body keys of its schema',
		({ fixture }) => {
			for (const { request } of fixture.exchanges) {
				const url = new URL(request.url);
				const route = routeOf(routes, request.method, url.pathname);
				expect({ request: `${request.method} ${url.pathname}`, route: route?.name }).toEqual({
					request: `${request.method} ${url.pathname}`,
					route: expect.any(String),
				});
				for (const q of Object.keys(request.query ?? {})) expect(route!.query).toContain(q);
				const body = request.body;
				if (body && typeof body === 'object' && !Array.isArray(body))
					for (const k of Object.keys(body)) expect(route!.body).toContain(k);
			}
		},
	);
});

/** Each request one of the push triggers (or the monitor's replacement) sends, as the trigger tests send it. */
const watchRequests: Array<{
	id: 'googleDrive' | 'googleCalendar';
	name: string;
	method: string;
	path: string;
	query: string[];
	body: string[];
}> = [
	{
		id: 'googleDrive',
		name: 'Resource$Changes.getStartPageToken',
		method: 'GET',
		path: '/drive/v3/changes/startPageToken',
		query: ['supportsAllDrives'],
		body: [],
	},
	{
		id: 'googleDrive',
		name: 'Resource$Changes.watch',
		method: 'POST',
		path: '/drive/v3/changes/watch',
		query: ['pageToken', 'supportsAllDrives', 'includeItemsFromAllDrives'],
		body: ['id', 'type', 'address', 'token', 'expiration'],
	},
	{
		id: 'googleDrive',
		name: 'Resource$Changes.list',
		method: 'GET',
		path: '/drive/v3/changes',
		query: ['pageToken', 'pageSize', 'fields', 'supportsAllDrives', 'includeItemsFromAllDrives'],
		body: [],
	},
	{
		id: 'googleDrive',
		name: 'Resource$Channels.stop',
		method: 'POST',
		path: '/drive/v3/channels/stop',
		query: [],
		body: ['id', 'resourceId'],
	},
	{
		id: 'googleCalendar',
		name: 'Resource$Events.list',
		method: 'GET',
		path: '/calendar/v3/calendars/primary/events',
		query: ['maxResults', 'fields', 'syncToken', 'pageToken'],
		body: [],
	},
	{
		id: 'googleCalendar',
		name: 'Resource$Events.watch',
		method: 'POST',
		path: '/calendar/v3/calendars/primary/events/watch',
		query: [],
		body: ['id', 'type', 'address', 'token', 'expiration'],
	},
	{
		id: 'googleCalendar',
		name: 'Resource$Channels.stop',
		method: 'POST',
		path: '/calendar/v3/channels/stop',
		query: [],
		body: ['id', 'resourceId'],
	},
];

describe('the push triggers against the clients', () => {
	it.each(watchRequests)(
		'$name: $method $path, its query keys and body keys',
		({ id, name, method, path, query, body }) => {
			const route = routeOf(sdk[id], method, path);
			expect(route?.name).toBe(name);
			for (const q of query) expect(route!.query).toContain(q);
			for (const k of body) expect(route!.body).toContain(k);
		},
	);

	it.each([
		['googleDrive', googleDriveSpec],
		['googleCalendar', googleCalendarSpec],
	] as const)(
		'%s: the renewal replaces the channel on a watch route and stops it on channels.stop',
		(id, spec) => {
			const renewal = spec.webhook!.renewal!;
			const create = routeOf(sdk[id], renewal.method, shape(renewal.path));
			expect(create?.name).toMatch(/\.watch$/);
			for (const q of Object.keys(renewal.query ?? {})) expect(create!.query).toContain(q);
			for (const k of Object.keys(renewal.body ?? {})) expect(create!.body).toContain(k);
			const stop = routeOf(sdk[id], renewal.stop!.method, renewal.stop!.path);
			expect(stop?.name).toBe('Resource$Channels.stop');
			for (const k of Object.keys(renewal.stop!.body ?? {})) expect(stop!.body).toContain(k);
		},
	);
});

describe('Google paths', () => {
	it('a range with a sheet name in quotes, a space and "!" is one percent-encoded path segment', () => {
		const { exchanges } = fixturesOf('googleSheets').find(
			(f) => f.name === 'range.get.json',
		)!.fixture;
		expect(new URL(exchanges[0].request.url).pathname).toBe(
			'/v4/spreadsheets/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/values/%27Q1%20Stock%27%21A1%3AD3',
		);
	});
});
