/**
 * LinkedIn's URLs against the official client, linkedin-api-client (devDependency, LinkedIn's own JS SDK):
 * its Rest.li encoder (`encode`, `paramEncode`) is the reference for URNs, lists and records in paths and
 * queries, and its RestliClient builds each request the node sends (captured with a stub axios adapter: no
 * network), so every operation's method, URL and protocol headers equal what LinkedIn's SDK would send.
 * Each operation's route is also checked against LinkedIn's documented routes (the table below, with the page).
 */
import type { AxiosRequestConfig } from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import { encodeRestli, restliQueryString } from '../../lib/transport/restli';
import { buildUrl, encodePathSegment } from '../../lib/transport/url';
import { linkedInSpec, LINKED_IN_VERSION } from '../../nodes/LinkedIn/LinkedIn.service';

/* eslint-disable @typescript-eslint/no-require-imports */
const encoder = require('linkedin-api-client/dist/lib/utils/encoder') as {
	encode(value: unknown): string;
	paramEncode(value: unknown): string;
};
const { RestliClient } = require('linkedin-api-client') as {
	RestliClient: new () => {
		axiosInstance: { defaults: { adapter?: unknown } };
		[method: string]: unknown;
	};
};
/* eslint-enable @typescript-eslint/no-require-imports */

const TOKEN = 'AQVh7cKZMemberToken0123456789';

/** What the official client sends for one call (method, URL, headers), with no network. */
async function sdkRequest(
	method: string,
	options: Record<string, unknown>,
): Promise<{ method: string; url: string; headers: Record<string, string> }> {
	const client = new RestliClient();
	let seen: AxiosRequestConfig | undefined;
	client.axiosInstance.defaults.adapter = async (config: AxiosRequestConfig) => {
		seen = config;
		return { status: 200, statusText: 'OK', data: {}, headers: {}, config };
	};
	await (client[method] as (o: unknown) => Promise<unknown>).call(client, {
		accessToken: TOKEN,
		versionString: LINKED_IN_VERSION,
		...options,
	});
	const headers: Record<string, string> = {};
	const raw = (seen!.headers ?? {}) as Record<string, unknown>;
	for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
	return { method: String(seen!.method).toUpperCase(), url: String(seen!.url), headers };
}

const opOf = (resource: string, operation: string) => {
	const op = linkedInSpec.resources
		.find((r) => r.id === resource)
		?.operations.find((o) => o.id === operation);
	if (!op) throw new Error(`no operation ${resource}.${operation}`);
	return op;
};

/** What the node sends for these (already read) params: method, URL and the headers the spec adds. */
function nodeRequest(
	resource: string,
	operation: string,
	params: IDataObject,
	qs: IDataObject = {},
) {
	const op = opOf(resource, operation);
	const req = toRequest(op, params, linkedInSpec.baseUrl);
	const url = buildUrl(req.baseUrl, req.path, req.pathParams, { ...req.qs, ...qs });
	const headers = Object.fromEntries(
		Object.entries({ ...linkedInSpec.headers, ...req.headers }).map(([k, v]) => [
			k.toLowerCase(),
			v,
		]),
	);
	return { method: req.method, url, headers, body: req.body };
}

/** A URL with its query pairs in a fixed order (Rest.li reads them as a map), the values as sent. */
function normalized(url: string): string {
	const [path, query = ''] = url.split('?');
	return `${path}?${query.split('&').filter(Boolean).sort().join('&')}`;
}

const ORG = 'urn:li:organization:2414183';
const PERSON = 'urn:li:person:782bbtaQ';
const SHARE = 'urn:li:share:6844785523593134080';

describe('the Rest.li encoding equals the official client (linkedin-api-client encoder)', () => {
	const values: unknown[] = [
		'urn:li:share:6844785523593134080',
		'urn:li:comment:(urn:li:activity:6631349431612559360,6636062862760562688)',
		"it's (a) test, with: reserved chars",
		'ünïcødé & spaces / slashes?#',
		'',
		42,
		true,
		['urn:li:share:1000000', 'urn:li:ugcPost:1000001'],
		[],
		{ timeRange: { start: 1551398400000, end: 1552003200000 }, timeGranularityType: 'DAY' },
		{ 'key:with,reserved': ['a(b)', { c: "d'e" }] },
	];

	it.each(values.map((v) => [JSON.stringify(v), v]))('encode(%s)', (_name, value) => {
		expect(encodeRestli(value as never)).toBe(encoder.encode(value));
	});

	it('a query of URNs, a list and a record equals paramEncode', () => {
		const params = {
			q: 'organizationalEntity',
			organizationalEntity: ORG,
			shares: ['urn:li:share:1000000', 'urn:li:share:1000001'],
			timeIntervals: { timeRange: { start: 1, end: 2 }, timeGranularityType: 'MONTH' },
		};
		expect(restliQueryString(params)).toBe(encoder.paramEncode(params));
	});

	it("a URN as a path segment equals the client's path-key encoding", () => {
		for (const urn of [
			SHARE,
			'urn:li:ugcPost:6844785523593134099',
			'urn:li:comment:(urn:li:activity:6631349431612559360,6636062862760562688)',
			"urn:li:x:(a'b)",
		])
			expect(encodePathSegment(urn, 'postUrn')).toBe(encoder.encode(urn));
	});
});

/**
 * LinkedIn's documented route of each operation: HTTP method, path on https://api.linkedin.com, the Rest.li
 * method (what X-RestLi-Method names) and the page that documents it. Every operation of the spec is here.
 */
const DOCUMENTED: Record<string, { method: string; path: string; restli?: string; page: string }> =
	{
		'post.create': {
			method: 'POST',
			path: '/rest/posts',
			restli: 'CREATE',
			page: 'shares/posts-api',
		},
		'post.createArticle': {
			method: 'POST',
			path: '/rest/posts',
			restli: 'CREATE',
			page: 'shares/posts-api',
		},
		'post.createImage': {
			method: 'POST',
			path: '/rest/posts',
			restli: 'CREATE',
			page: 'shares/posts-api',
		},
		'post.get': {
			method: 'GET',
			path: '/rest/posts/{postUrn}',
			restli: 'GET',
			page: 'shares/posts-api',
		},
		'post.getMany': {
			method: 'GET',
			path: '/rest/posts',
			restli: 'FINDER',
			page: 'shares/posts-api',
		},
		'post.update': {
			method: 'POST',
			path: '/rest/posts/{postUrn}',
			restli: 'PARTIAL_UPDATE',
			page: 'shares/posts-api',
		},
		'post.delete': {
			method: 'DELETE',
			path: '/rest/posts/{postUrn}',
			restli: 'DELETE',
			page: 'shares/posts-api',
		},
		'image.upload': {
			method: 'POST',
			path: '/rest/images?action=initializeUpload',
			restli: 'ACTION',
			page: 'shares/images-api',
		},
		'organization.getManyAdministered': {
			method: 'GET',
			path: '/rest/organizationAcls',
			restli: 'FINDER',
			page: 'organizations/organization-access-control-by-role',
		},
		'organization.get': {
			method: 'GET',
			path: '/rest/organizations/{organizationId}',
			restli: 'GET',
			page: 'organizations/organization-lookup-api',
		},
		'organization.getNotifications': {
			method: 'GET',
			path: '/rest/organizationalEntityNotifications',
			restli: 'FINDER',
			page: 'organizations/organization-social-action-notifications',
		},
		'organization.getPageStatistics': {
			method: 'GET',
			path: '/rest/organizationPageStatistics',
			restli: 'FINDER',
			page: 'organizations/page-statistics',
		},
		'organization.getShareStatistics': {
			method: 'GET',
			path: '/rest/organizationalEntityShareStatistics',
			restli: 'FINDER',
			page: 'organizations/share-statistics',
		},
		'organization.getFollowerStatistics': {
			method: 'GET',
			path: '/rest/organizationalEntityFollowerStatistics',
			restli: 'FINDER',
			page: 'organizations/follower-statistics',
		},
		'comment.getMany': {
			method: 'GET',
			path: '/rest/socialActions/{postUrn}/comments',
			restli: 'GET_ALL',
			page: 'shares/comments-api',
		},
		'comment.create': {
			method: 'POST',
			path: '/rest/socialActions/{postUrn}/comments',
			restli: 'CREATE',
			page: 'shares/comments-api',
		},
		'reaction.getMany': {
			method: 'GET',
			path: '/rest/reactions/(entity:{postUrn})',
			restli: 'FINDER',
			page: 'shares/reactions-api',
		},
		'reaction.create': {
			method: 'POST',
			path: '/rest/reactions',
			restli: 'CREATE',
			page: 'shares/reactions-api',
		},
		'account.getMe': {
			method: 'GET',
			path: '/v2/userinfo',
			page: 'consumer/integrations/self-serve/sign-in-with-linkedin-v2',
		},
	};

describe("every operation's route is LinkedIn's documented one", () => {
	const ops = linkedInSpec.resources.flatMap((r) =>
		r.operations.map((o) => [`${r.id}.${o.id}`, o] as const),
	);

	it('the table covers every operation, and nothing else', () => {
		expect(ops.map(([k]) => k).sort()).toEqual(Object.keys(DOCUMENTED).sort());
	});

	it.each(ops.map(([k, o]) => [k, o]))('%s', (key, op) => {
		const doc = DOCUMENTED[key];
		expect([op.method, op.path]).toEqual([doc.method, doc.path]);
		// The docs page each operation links to is the documented one.
		expect(op.docsUrl).toContain(doc.page);
		// A Rest.li method header, where the node sends one, names the documented method.
		const sent = op.headers?.['X-RestLi-Method'];
		if (sent !== undefined) expect(sent).toBe(doc.restli);
	});
});

describe('each request equals what the official RestliClient sends', () => {
	const cases: Array<{
		name: string;
		node: () => ReturnType<typeof nodeRequest>;
		sdk: [string, Record<string, unknown>];
	}> = [
		{
			name: 'post.create',
			node: () => nodeRequest('post', 'create', { author: PERSON, commentary: 'Hi' }),
			sdk: ['create', { resourcePath: '/posts', entity: {} }],
		},
		{
			name: 'post.get',
			node: () => nodeRequest('post', 'get', { postUrn: SHARE, viewContext: 'AUTHOR' }),
			sdk: [
				'get',
				{
					resourcePath: '/posts/{id}',
					pathKeys: { id: SHARE },
					queryParams: { viewContext: 'AUTHOR' },
				},
			],
		},
		{
			name: 'post.getMany',
			node: () =>
				nodeRequest(
					'post',
					'getMany',
					{ author: ORG, sortBy: 'LAST_MODIFIED' },
					{ start: 0, count: 50 },
				),
			sdk: [
				'finder',
				{
					resourcePath: '/posts',
					finderName: 'author',
					queryParams: { author: ORG, sortBy: 'LAST_MODIFIED', start: 0, count: 50 },
				},
			],
		},
		{
			name: 'post.update',
			node: () => nodeRequest('post', 'update', { postUrn: SHARE, commentary: 'New' }),
			sdk: [
				'partialUpdate',
				{
					resourcePath: '/posts/{id}',
					pathKeys: { id: SHARE },
					patchSetObject: { commentary: 'New' },
				},
			],
		},
		{
			name: 'post.delete',
			node: () => nodeRequest('post', 'delete', { postUrn: SHARE }),
			sdk: ['delete', { resourcePath: '/posts/{id}', pathKeys: { id: SHARE } }],
		},
		{
			name: 'image.upload (initializeUpload)',
			node: () => nodeRequest('image', 'upload', { owner: ORG }),
			sdk: ['action', { resourcePath: '/images', actionName: 'initializeUpload', data: {} }],
		},
		{
			name: 'organization.getManyAdministered',
			node: () =>
				nodeRequest(
					'organization',
					'getManyAdministered',
					{ role: 'ADMINISTRATOR', state: 'APPROVED' },
					{ start: 0, count: 50 },
				),
			sdk: [
				'finder',
				{
					resourcePath: '/organizationAcls',
					finderName: 'roleAssignee',
					queryParams: { role: 'ADMINISTRATOR', state: 'APPROVED', start: 0, count: 50 },
				},
			],
		},
		{
			name: 'organization.get',
			node: () => nodeRequest('organization', 'get', { organizationId: '2414183' }),
			sdk: ['get', { resourcePath: '/organizations/{id}', pathKeys: { id: 2414183 } }],
		},
		{
			name: 'organization.getPageStatistics',
			node: () =>
				nodeRequest('organization', 'getPageStatistics', {
					organization: ORG,
					timeGranularityType: 'DAY',
					start: 1551398400000,
					end: 1552003200000,
				}),
			sdk: [
				'finder',
				{
					resourcePath: '/organizationPageStatistics',
					finderName: 'organization',
					queryParams: {
						organization: ORG,
						timeIntervals: {
							timeGranularityType: 'DAY',
							timeRange: { start: 1551398400000, end: 1552003200000 },
						},
					},
				},
			],
		},
		{
			name: 'organization.getShareStatistics',
			node: () =>
				nodeRequest('organization', 'getShareStatistics', {
					organizationalEntity: ORG,
					shares: ['urn:li:share:1000000', 'urn:li:share:1000001'],
					ugcPosts: ['urn:li:ugcPost:1000002'],
				}),
			sdk: [
				'finder',
				{
					resourcePath: '/organizationalEntityShareStatistics',
					finderName: 'organizationalEntity',
					queryParams: {
						organizationalEntity: ORG,
						shares: ['urn:li:share:1000000', 'urn:li:share:1000001'],
						ugcPosts: ['urn:li:ugcPost:1000002'],
					},
				},
			],
		},
		{
			name: 'organization.getNotifications',
			node: () =>
				nodeRequest(
					'organization',
					'getNotifications',
					{
						organizationalEntity: ORG,
						actions: ['COMMENT', 'SHARE_MENTION'],
						sourcePost: SHARE,
						start: 1701000000000,
						end: 1701436800000,
					},
					{ start: 0, count: 50 },
				),
			sdk: [
				'finder',
				{
					resourcePath: '/organizationalEntityNotifications',
					finderName: 'criteria',
					queryParams: {
						organizationalEntity: ORG,
						actions: ['COMMENT', 'SHARE_MENTION'],
						sourcePost: SHARE,
						timeRange: { start: 1701000000000, end: 1701436800000 },
						start: 0,
						count: 50,
					},
				},
			],
		},
		{
			name: 'organization.getFollowerStatistics',
			node: () =>
				nodeRequest('organization', 'getFollowerStatistics', { organizationalEntity: ORG }),
			sdk: [
				'finder',
				{
					resourcePath: '/organizationalEntityFollowerStatistics',
					finderName: 'organizationalEntity',
					queryParams: { organizationalEntity: ORG },
				},
			],
		},
		{
			name: 'comment.getMany',
			node: () => nodeRequest('comment', 'getMany', { postUrn: SHARE }, { start: 0, count: 50 }),
			sdk: [
				'getAll',
				{
					resourcePath: '/socialActions/{id}/comments',
					pathKeys: { id: SHARE },
					queryParams: { start: 0, count: 50 },
				},
			],
		},
		{
			name: 'comment.create',
			node: () => nodeRequest('comment', 'create', { postUrn: SHARE, actor: ORG, text: 'Thanks' }),
			sdk: [
				'create',
				{ resourcePath: '/socialActions/{id}/comments', pathKeys: { id: SHARE }, entity: {} },
			],
		},
		{
			name: 'reaction.getMany',
			node: () =>
				nodeRequest(
					'reaction',
					'getMany',
					{ postUrn: SHARE, sortBy: 'REVERSE_CHRONOLOGICAL' },
					{ start: 0, count: 50 },
				),
			sdk: [
				'finder',
				{
					resourcePath: '/reactions/(entity:{id})',
					pathKeys: { id: SHARE },
					finderName: 'entity',
					queryParams: { sortBy: 'REVERSE_CHRONOLOGICAL', start: 0, count: 50 },
				},
			],
		},
		{
			name: 'reaction.create',
			node: () =>
				nodeRequest('reaction', 'create', { root: SHARE, actor: PERSON, reactionType: 'LIKE' }),
			sdk: ['create', { resourcePath: '/reactions', queryParams: { actor: PERSON }, entity: {} }],
		},
	];

	it.each(cases.map((c) => [c.name, c]))('%s', async (_name, c) => {
		const ours = c.node();
		const theirs = await sdkRequest(...c.sdk);
		expect(ours.method).toBe(theirs.method);
		expect(normalized(ours.url)).toBe(normalized(theirs.url));
		expect(ours.headers['linkedin-version']).toBe(theirs.headers['linkedin-version']);
		expect(ours.headers['x-restli-protocol-version']).toBe(
			theirs.headers['x-restli-protocol-version'],
		);
		// The Rest.li method, where the node names it (finders, partial updates, deletes), is the client's.
		if (ours.headers['x-restli-method'] !== undefined)
			expect(ours.headers['x-restli-method'].toLowerCase()).toBe(theirs.headers['x-restli-method']);
	});

	it('a partial update body is the Rest.li patch the client builds', () => {
		expect(nodeRequest('post', 'update', { postUrn: SHARE, commentary: 'New' }).body).toEqual({
			patch: { $set: { commentary: 'New' } },
		});
	});
});
