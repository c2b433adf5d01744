/**
 * Pagination runner: one loop for every paging style a spec can name (cursor, offset, page, next URL
 * in the body, RFC 8288 Link header). It stops at the user's limit, at the last page, or when a
 * service hands back a cursor it already gave (which would otherwise loop forever).
 */
import type { PaginationSpec } from '../spec/types';
import { readPath, writePath } from './path';
import type { EngineRequest, EngineResponse } from './types';
import { buildUrl, UrlBuildError } from './url';

export interface PageOptions {
	returnAll: boolean;
	/** Max items when not returning all. */
	limit: number;
	/** Hard stop against runaway paging. */
	maxPages?: number;
	/** Called with each page's items (as kept); true stops after that page (e.g. a polling trigger reached records it has seen). */
	stop?: (pageItems: unknown[]) => boolean;
}

/** The `rel="next"` target of an RFC 8288 Link header. */
export function nextLink(header: string | undefined): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(/,(?=\s*<)/)) {
		const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
		if (m && /\brel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2])) return m[1];
	}
	return undefined;
}

/**
 * A next-page link as an absolute URL: resolved against the URL of the request that returned it (RFC 3986),
 * so `/v1/items?page=2` or `?page=2` never lands under the base path twice. Braces are encoded: a link is
 * opaque, never a path template.
 */
function resolveLink(link: string, req: EngineRequest, spec: PaginationSpec, page: number): string {
	const base = buildUrl(req.baseUrl, req.path, req.pathParams, req.qs);
	if (!URL.canParse(link, base)) {
		const where =
			spec.type === 'nextUrl'
				? `The next-page link at '${spec.nextUrlPath}'`
				: 'The next-page link of the Link header';
		const fix =
			spec.type === 'nextUrl'
				? "Check that 'Next URL Path' points at the next page's URL."
				: 'The server sent a broken Link header: fetch fewer items, or ask the service.';
		throw new UrlBuildError(
			`${where} in the answer to page ${page} is not a valid URL, so the remaining pages cannot be fetched. ${fix}`,
			'nextUrl',
		);
	}
	return new URL(link, base).toString().replace(/[{}]/g, (c) => encodeURIComponent(c));
}

/** The request with one paging parameter set, in the query or (cursor paging with `paramsIn: 'body'`) the JSON body. */
function withParam(
	req: EngineRequest,
	spec: PaginationSpec,
	name: string,
	value: unknown,
): EngineRequest {
	if (spec.type === 'cursor' && spec.paramsIn === 'body') {
		const body =
			req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body)
				? (req.body as Record<string, unknown>)
				: {};
		// `name` is a body path: a GraphQL list's `variables.after`.
		const next = structuredClone(body);
		writePath(next, name, value);
		return { ...req, body: next, bodyEncoding: req.bodyEncoding ?? 'json' };
	}
	return { ...req, qs: { ...req.qs, [name]: value as string | number } };
}

function itemsOf(body: unknown, path: string | undefined): unknown[] {
	const v = readPath(body, path);
	if (Array.isArray(v)) return v;
	return v === undefined || v === null ? [] : [v];
}

export async function paginate(
	spec: PaginationSpec,
	first: EngineRequest,
	send: (req: EngineRequest) => Promise<EngineResponse>,
	opts: PageOptions,
): Promise<{ items: unknown[]; pages: number; last?: EngineResponse }> {
	const items: unknown[] = [];
	const maxPages = opts.maxPages ?? 10_000;
	const want = () => (opts.returnAll ? Infinity : opts.limit - items.length);
	const pageSize = 'pageSize' in spec && spec.pageSize ? spec.pageSize : undefined;
	const seen = new Set<string>();

	let req: EngineRequest = { ...first, qs: { ...(first.qs ?? {}) } };
	let page = spec.type === 'page' ? (spec.firstPage ?? 1) : 0;
	let offset = 0;
	if (spec.type === 'page') req.qs![spec.pageParam] = page;
	if (spec.type === 'offset') req.qs![spec.offsetParam] = 0;

	let pages = 0;
	let last: EngineResponse | undefined;
	while (pages < maxPages && want() > 0) {
		const limitParam = 'limitParam' in spec ? spec.limitParam : undefined;
		// A next-page URL that already carries the page size keeps its own.
		const urlHasLimit =
			limitParam && /^[a-z]+:/i.test(req.path) && new URL(req.path).searchParams.has(limitParam);
		const minPageSize = 'minPageSize' in spec && spec.minPageSize ? spec.minPageSize : 1;
		if (limitParam && pageSize && req.qs && !urlHasLimit)
			req = withParam(req, spec, limitParam, Math.max(minPageSize, Math.min(pageSize, want())));
		last = await send(req);
		pages++;
		const pageItems = itemsOf(last.body, spec.itemsPath);
		const kept = pageItems.slice(0, Math.max(0, want()));
		items.push(...kept);
		if (want() <= 0 || pageItems.length === 0 || opts.stop?.(kept)) break;

		let next: EngineRequest | undefined;
		switch (spec.type) {
			case 'cursor': {
				const hasMore = spec.hasMorePath ? readPath(last.body, spec.hasMorePath) : undefined;
				if (hasMore === false) break;
				const cursor = spec.cursorFromLastItem
					? readPath(pageItems[pageItems.length - 1], spec.cursorFromLastItem)
					: readPath(last.body, spec.nextCursorPath);
				if (cursor === undefined || cursor === null || cursor === '') break;
				const key = String(cursor);
				if (seen.has(key)) break;
				seen.add(key);
				next = withParam(req, spec, spec.cursorParam, spec.paramsIn === 'body' ? cursor : key);
				break;
			}
			case 'offset': {
				if (pageItems.length < spec.pageSize) break;
				offset += pageItems.length;
				const total = spec.totalPath ? Number(readPath(last.body, spec.totalPath)) : NaN;
				if (Number.isFinite(total) && offset >= total) break;
				next = { ...req, qs: { ...req.qs, [spec.offsetParam]: offset } };
				break;
			}
			case 'page':
				if (pageItems.length < spec.pageSize) break;
				page++;
				next = { ...req, qs: { ...req.qs, [spec.pageParam]: page } };
				break;
			case 'nextUrl':
			case 'linkHeader': {
				const url =
					spec.type === 'nextUrl'
						? readPath(last.body, spec.nextUrlPath)
						: nextLink(last.headers['link']);
				if (typeof url !== 'string' || !url) break;
				const target = resolveLink(url, req, spec, pages);
				if (seen.has(target)) break;
				seen.add(target);
				// The next URL carries its own query; path parameters are already in it. Its origin is checked when it is sent.
				next = { ...req, path: target, pathParams: {}, qs: {} };
				break;
			}
		}
		if (!next) break;
		req = next;
	}
	return { items, pages, last };
}
