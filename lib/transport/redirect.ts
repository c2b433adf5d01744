/**
 * Redirects. n8n is never allowed to follow one itself: its client would re-send the credential (headers,
 * query key, cookies, body) to whatever host a server names. The pipeline follows a redirect only on the
 * request's own origin (same scheme, host and port: the rule of `joinUrl` and pagination) and refuses any
 * other before anything is sent there.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { rewriteOrigin } from './origin-map';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Hops per attempt; a longer chain is a loop. */
export const MAX_REDIRECTS = 10;

export type RedirectHop =
	/** Send `options` next; `url` is the hop's URL before the operator's origin map. */
	| { kind: 'follow'; url: string; options: IHttpRequestOptions }
	/** Another origin (scheme://host:port only, never a path or query): nothing may be sent there. */
	| { kind: 'refuse'; target: string };

/** A URL's origin as shown to users: never its userinfo, path or query. */
export function originOf(url: URL): string {
	return url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`;
}

/**
 * The next hop of a redirect answer, or undefined when the answer is no redirect to follow (another status,
 * no usable Location: it is then handled like any other answer). `requestUrl` is the URL before the origin
 * map, `options.url` the one sent: a server may name either origin, and the hop always goes to the mapped
 * one, so the map can never carry the credential anywhere it was not already going.
 */
export function nextHop(
	status: number,
	headers: Record<string, string>,
	requestUrl: string,
	options: IHttpRequestOptions,
): RedirectHop | undefined {
	const location = headers['location'];
	if (!REDIRECT_STATUSES.has(status) || !location) return undefined;
	const sent = new URL(options.url);
	const logical = new URL(requestUrl);
	let target: URL;
	try {
		// RFC 3986 resolution against the URL actually requested (a relative Location is on its origin).
		target = new URL(location, sent);
	} catch {
		return undefined;
	}
	if (target.origin !== sent.origin && target.origin !== logical.origin)
		return { kind: 'refuse', target: originOf(target) };
	// Fragments are never sent; userinfo in a Location is dropped.
	const url = logical.origin + target.pathname + target.search;
	const method = (options.method ?? 'GET').toUpperCase();
	// What browsers and axios do: 303 turns anything but HEAD into a GET, 301/302 turn a POST into one.
	const toGet =
		status === 303
			? method !== 'GET' && method !== 'HEAD'
			: (status === 301 || status === 302) && method === 'POST';
	const next: IHttpRequestOptions = {
		...options,
		url: rewriteOrigin(url),
		headers: { ...(options.headers ?? {}) },
	};
	if (toGet) {
		next.method = 'GET';
		delete next.body;
		for (const name of Object.keys(next.headers!))
			if (/^content-/i.test(name)) delete next.headers![name];
	}
	return { kind: 'follow', url, options: next };
}

/** Cause and fix of a refused redirect. */
export function refusedRedirect(p: {
	service: string;
	status: number;
	method: string;
	endpoint: string;
	target: string;
	origin: string;
}): {
	message: string;
	cause: string;
	fix: string;
} {
	return {
		message: `${p.service}: refused to follow a redirect to ${p.target}, another origin`,
		cause: `${p.service} answered ${p.status} to ${p.method} ${p.endpoint} with a redirect to ${p.target}, but credentials are only sent to ${p.origin} (the request's own scheme, host and port), so nothing was sent to ${p.target}.`,
		fix: `If the API has moved to ${p.target}, set the Base URL (in the credential or the node) to it; otherwise the endpoint should not redirect there: check the endpoint path, or ask ${p.service} why it does.`,
	};
}

/** Cause and fix of a redirect loop. */
export function tooManyRedirects(p: {
	service: string;
	method: string;
	endpoint: string;
	origin: string;
}): { message: string; cause: string; fix: string } {
	return {
		message: `${p.service}: too many redirects (more than ${MAX_REDIRECTS})`,
		cause: `${p.method} ${p.endpoint} was redirected more than ${MAX_REDIRECTS} times within ${p.origin}.`,
		fix: 'The server redirects in a loop: check the endpoint path and the Base URL.',
	};
}
