/**
 * Issue 10, items 9 and 14: a relative next-page link is resolved against the URL of the request that
 * returned it (RFC 3986) and then meets the same-origin check; an endpoint's #fragment never swallows
 * the query parameters.
 */
import type { PaginationSpec } from '../../lib/spec/types';
import { paginate } from '../../lib/transport/paginate';
import type { EngineRequest, EngineResponse } from '../../lib/transport/types';
import { buildUrl } from '../../lib/transport/url';

const BASE = 'https://api.example.test/v1';

describe('a #fragment in an endpoint', () => {
	it.each([
		['/items#section', { a: '1' }, `${BASE}/items?a=1`],
		['/items?x=1#section', { a: '1' }, `${BASE}/items?x=1&a=1`],
		['/items#frag?y=2', { a: '1' }, `${BASE}/items?a=1`],
		['/items#', { a: '1', b: 'z z' }, `${BASE}/items?a=1&b=z%20z`],
		['/items#section', undefined, `${BASE}/items`],
		['/users/{id}#x', { a: '1' }, `${BASE}/users/7?a=1`],
		[`${BASE}/next?page=2#top`, { a: '1' }, `${BASE}/next?page=2&a=1`],
	])('%s keeps its query parameters (and the fragment is not sent)', (path, qs, url) => {
		expect(buildUrl(BASE, path, { id: 7 }, qs)).toBe(url);
	});

	it('a # inside a path parameter is still one encoded segment, not a fragment', () => {
		expect(buildUrl(BASE, '/users/{id}', { id: 'a#b' }, { a: '1' })).toBe(
			`${BASE}/users/a%23b?a=1`,
		);
	});
});

/** Runs the pager over canned pages and returns the URLs it asked for (as the pipeline would build them). */
async function urlsOf(
	spec: PaginationSpec,
	pages: Array<{ body?: unknown; link?: string }>,
	first: Partial<EngineRequest> = {},
): Promise<{ urls: string[]; error?: Error }> {
	const urls: string[] = [];
	const send = async (req: EngineRequest): Promise<EngineResponse> => {
		urls.push(buildUrl(req.baseUrl, req.path, req.pathParams, req.qs));
		const page = pages[urls.length - 1] ?? { body: [] };
		return {
			status: 200,
			headers: page.link ? { link: page.link } : {},
			body: page.body ?? [{ n: urls.length }],
			meta: { attempts: 1, waitedMs: 0, url: urls[urls.length - 1] },
		};
	};
	try {
		await paginate(spec, { method: 'GET', baseUrl: BASE, path: '/items', ...first }, send, {
			returnAll: true,
			limit: 0,
		});
		return { urls };
	} catch (error) {
		return { urls, error: error as Error };
	}
}

describe('relative next-page links', () => {
	const linkHeader: PaginationSpec = { type: 'linkHeader', itemsPath: '' };
	const nextUrl: PaginationSpec = { type: 'nextUrl', itemsPath: 'data', nextUrlPath: 'next' };

	it('a Link header with an absolute path is resolved against the request URL, not appended to the base path', async () => {
		const { urls, error } = await urlsOf(linkHeader, [
			{ link: '</v1/items?page=2>; rel="next"' },
			{ link: '</v1/items?page=3>; rel="next"' },
			{ body: [] },
		]);
		expect(error).toBeUndefined();
		expect(urls).toEqual([`${BASE}/items`, `${BASE}/items?page=2`, `${BASE}/items?page=3`]);
	});

	it('body links: absolute path, path-relative, query-only and dot segments (RFC 3986)', async () => {
		const { urls, error } = await urlsOf(nextUrl, [
			{ body: { data: [1], next: '/v1/items?page=2' } },
			{ body: { data: [2], next: 'items?page=3' } },
			{ body: { data: [3], next: '?page=4' } },
			{ body: { data: [4], next: '../v1/items?page=5' } },
			{ body: { data: [], next: null } },
		]);
		expect(error).toBeUndefined();
		expect(urls).toEqual([
			`${BASE}/items`,
			`${BASE}/items?page=2`,
			`${BASE}/items?page=3`,
			`${BASE}/items?page=4`,
			`${BASE}/items?page=5`,
		]);
	});

	it('a relative link resolves against the request URL with its query and path parameters', async () => {
		const { urls } = await urlsOf(
			nextUrl,
			[{ body: { data: [1], next: 'comments?after=c1' } }, { body: { data: [] } }],
			{
				path: '/posts/{postId}/',
				pathParams: { postId: 'p 1' },
				qs: { per_page: 2 },
			},
		);
		expect(urls).toEqual([
			`${BASE}/posts/p%201/?per_page=2`,
			`${BASE}/posts/p%201/comments?after=c1`,
		]);
	});

	it('a scheme-relative link to another host meets the same-origin check', async () => {
		const { urls, error } = await urlsOf(linkHeader, [
			{ link: '<//evil.example.test/v1/items?page=2>; rel="next"' },
		]);
		expect(urls).toEqual([`${BASE}/items`]);
		expect(error?.message).toBe(
			'Refusing to send the credential to https://evil.example.test: requests must stay on https://api.example.test.',
		);
	});

	it('braces in a next link stay literal (they are not path placeholders)', async () => {
		const { urls, error } = await urlsOf(nextUrl, [
			{ body: { data: [1], next: '/v1/items?q={id}' } },
			{ body: { data: [] } },
		]);
		expect(error).toBeUndefined();
		expect(urls[1]).toBe(`${BASE}/items?q=%7Bid%7D`);
		expect(new URL(urls[1]).searchParams.get('q')).toBe('{id}');
	});

	it('a link that is not a URL stops with a clear error', async () => {
		const { error } = await urlsOf(nextUrl, [{ body: { data: [1], next: 'http://[broken' } }]);
		expect(error?.message).toBe(
			"The next-page link at 'next' in the answer to page 1 is not a valid URL, so the remaining pages cannot be fetched. Check that 'Next URL Path' points at the next page's URL.",
		);
	});
});
