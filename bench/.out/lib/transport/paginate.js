"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.getPath = getPath;
exports.nextLink = nextLink;
exports.paginate = paginate;
/** Read a dotted path (`data.items`, `errors.0.code`); an empty path is the value itself. */
function getPath(value, path) {
    if (!path)
        return value;
    let cur = value;
    for (const part of path.split('.')) {
        if (cur === null || cur === undefined || typeof cur !== 'object')
            return undefined;
        cur = cur[part];
    }
    return cur;
}
/** The `rel="next"` target of an RFC 8288 Link header. */
function nextLink(header) {
    if (!header)
        return undefined;
    for (const part of header.split(/,(?=\s*<)/)) {
        const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
        if (m && /\brel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2]))
            return m[1];
    }
    return undefined;
}
function itemsOf(body, path) {
    const v = getPath(body, path);
    if (Array.isArray(v))
        return v;
    return v === undefined || v === null ? [] : [v];
}
async function paginate(spec, first, send, opts) {
    const items = [];
    const maxPages = opts.maxPages ?? 10_000;
    const want = () => (opts.returnAll ? Infinity : opts.limit - items.length);
    const pageSize = 'pageSize' in spec && spec.pageSize ? spec.pageSize : undefined;
    const seen = new Set();
    let req = { ...first, qs: { ...(first.qs ?? {}) } };
    let page = spec.type === 'page' ? (spec.firstPage ?? 1) : 0;
    let offset = 0;
    if (spec.type === 'page')
        req.qs[spec.pageParam] = page;
    if (spec.type === 'offset')
        req.qs[spec.offsetParam] = 0;
    let pages = 0;
    let last;
    while (pages < maxPages && want() > 0) {
        const limitParam = 'limitParam' in spec ? spec.limitParam : undefined;
        // A next-page URL that already carries the page size keeps its own.
        const urlHasLimit = limitParam && /^[a-z]+:/i.test(req.path) && new URL(req.path).searchParams.has(limitParam);
        if (limitParam && pageSize && req.qs && !urlHasLimit)
            req.qs[limitParam] = Math.min(pageSize, want());
        last = await send(req);
        pages++;
        const pageItems = itemsOf(last.body, spec.itemsPath);
        items.push(...pageItems.slice(0, Math.max(0, want())));
        if (want() <= 0 || pageItems.length === 0)
            break;
        let next;
        switch (spec.type) {
            case 'cursor': {
                const hasMore = spec.hasMorePath ? getPath(last.body, spec.hasMorePath) : undefined;
                if (hasMore === false)
                    break;
                const cursor = spec.cursorFromLastItem
                    ? getPath(pageItems[pageItems.length - 1], spec.cursorFromLastItem)
                    : getPath(last.body, spec.nextCursorPath);
                if (cursor === undefined || cursor === null || cursor === '')
                    break;
                const key = String(cursor);
                if (seen.has(key))
                    break;
                seen.add(key);
                next = { ...req, qs: { ...req.qs, [spec.cursorParam]: key } };
                break;
            }
            case 'offset':
                if (pageItems.length < spec.pageSize)
                    break;
                offset += pageItems.length;
                next = { ...req, qs: { ...req.qs, [spec.offsetParam]: offset } };
                break;
            case 'page':
                if (pageItems.length < spec.pageSize)
                    break;
                page++;
                next = { ...req, qs: { ...req.qs, [spec.pageParam]: page } };
                break;
            case 'nextUrl':
            case 'linkHeader': {
                const url = spec.type === 'nextUrl' ? getPath(last.body, spec.nextUrlPath) : nextLink(last.headers['link']);
                if (typeof url !== 'string' || !url || seen.has(url))
                    break;
                seen.add(url);
                // The next URL carries its own query; path parameters are already in it.
                next = { ...req, path: url, pathParams: {}, qs: {} };
                break;
            }
        }
        if (!next)
            break;
        req = next;
    }
    return { items, pages, last };
}
