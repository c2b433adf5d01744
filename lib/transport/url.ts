/**
 * URL building. A path parameter always becomes exactly one path segment: it is percent-encoded
 * (so `/`, `?`, `#`, `%` and `\` cannot split it) and dot segments are refused (URL parsers resolve
 * `..` and `%2e%2e` alike, so no encoding could keep them literal).
 */
import type { IDataObject } from 'n8n-workflow';

export class UrlBuildError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'UrlBuildError';
	}
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;
const DOT_SEGMENT = /^\.{1,2}$/;

/** Encode one value as one path segment. */
export function encodePathSegment(value: string | number, field: string): string {
	const text = String(value);
	if (text.length === 0) {
		throw new UrlBuildError(
			`The field '${field}' is empty. It is part of the URL path: enter a value.`,
			field,
		);
	}
	if (DOT_SEGMENT.test(text)) {
		throw new UrlBuildError(
			`The field '${field}' is '${text}', which would change the URL path. Enter the resource's real id.`,
			field,
		);
	}
	// encodeURIComponent leaves !'()* alone: encode them too so a segment is always opaque.
	return encodeURIComponent(text).replace(
		/[!'()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
}

/** Fill `{name}` placeholders of a path template; every name must have a value. */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(PLACEHOLDER, (_match, name: string) => {
		const value = params[name];
		if (value === undefined || value === null) {
			throw new UrlBuildError(
				`The field '${name}' is missing. It is part of the URL path: enter a value.`,
				name,
			);
		}
		return encodePathSegment(value, name);
	});
}

/** Names of the `{placeholders}` in a template. */
export function placeholders(template: string): string[] {
	return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

const HOST_SAFE = /^[A-Za-z0-9._~-]+$/;
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** The domain after a placeholder at `end` that starts a URL's host (`https://{shop}.example.com/…`), else ''. */
function hostSuffix(template: string, end: number): string {
	const before = template.slice(0, end);
	if (!/^[a-z]+:\/\/\{[A-Za-z_][A-Za-z0-9_]*\}$/i.test(before)) return '';
	return /^\.[A-Za-z0-9.-]+/.exec(template.slice(end))?.[0] ?? '';
}

/**
 * Resolve a base URL template such as `https://{account}.example.com/api` from credential fields.
 * A placeholder that is the whole template must be an http(s) URL; any other must be a plain label,
 * so a credential value can never move the request to another host.
 */
export function resolveBaseUrl(template: string, fields: IDataObject): string {
	const whole = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(template.trim());
	if (whole) {
		const value = String(fields[whole[1]] ?? '').trim();
		if (!URL.canParse(value)) {
			throw new UrlBuildError(
				`The field '${whole[1]}' must be a full URL such as https://api.example.com/v1 (got '${value}').`,
				whole[1],
			);
		}
		const url = new URL(value);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') {
			throw new UrlBuildError(
				`The field '${whole[1]}' must start with https:// or http://.`,
				whole[1],
			);
		}
		return value.replace(/\/+$/, '');
	}
	return template
		.replace(PLACEHOLDER, (_m, name: string, at: number) => {
			let value = String(fields[name] ?? '').trim();
			// A host label followed by the host's domain (`https://{shop}.example.com`) also takes the whole host
			// name (`acme.example.com`, a trailing `/` allowed): the domain is dropped and one label must remain,
			// so the request always goes to a host of that domain.
			const domain = hostSuffix(template, at + name.length + 2);
			if (domain) {
				value = value.replace(/\/+$/, '');
				if (value.toLowerCase().endsWith(domain.toLowerCase()))
					value = value.slice(0, -domain.length);
				if (!HOST_LABEL.test(value))
					throw new UrlBuildError(
						`The credential field '${name}' must be the name before ${domain} (letters, digits and '-'), or the whole host name ending in ${domain} (got '${value}').`,
						name,
					);
			}
			if (!HOST_SAFE.test(value)) {
				throw new UrlBuildError(
					`The credential field '${name}' may contain only letters, digits, '.', '-', '_' and '~' (got '${value}').`,
					name,
				);
			}
			return value;
		})
		.replace(/\/+$/, '');
}

/**
 * Join the base URL and a filled path. An absolute URL (a next-page link) is accepted only on the
 * base URL's origin, so credentials are never sent to another host.
 */
export function joinUrl(baseUrl: string, path: string): string {
	if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
		const target = new URL(path);
		const base = new URL(baseUrl);
		if (target.origin !== base.origin) {
			throw new UrlBuildError(
				`Refusing to send the credential to ${target.origin}: requests must stay on ${base.origin}.`,
				'url',
			);
		}
		return target.toString();
	}
	if (path === '' || path === '/') return baseUrl + (path === '/' ? '/' : '');
	return baseUrl.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}

/** Serialise a query object: arrays repeat the key, nested objects use bracket syntax, null/undefined are skipped. */
export function toQueryString(qs: IDataObject | undefined): string {
	if (!qs) return '';
	const pairs: string[] = [];
	flatten(qs, '', pairs, 'query');
	return pairs.join('&');
}

/** `application/x-www-form-urlencoded` with bracket syntax: `metadata[key]=v`, `items[0][price]=p`. */
export function toFormBody(body: IDataObject): string {
	const pairs: string[] = [];
	flatten(body, '', pairs, 'form');
	return pairs.join('&');
}

function flatten(value: unknown, prefix: string, out: string[], mode: 'query' | 'form'): void {
	if (value === undefined || value === null) return;
	if (Array.isArray(value)) {
		value.forEach((v, i) => {
			const isScalar = v === null || typeof v !== 'object';
			// Query arrays of scalars repeat the key (`id=1&id=2`); forms index them (`items[0]=…`).
			const key = mode === 'query' && isScalar ? prefix : `${prefix}[${i}]`;
			flatten(v, key, out, mode);
		});
		return;
	}
	if (typeof value === 'object' && !(value instanceof Date)) {
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			flatten(v, prefix ? `${prefix}[${k}]` : k, out, mode);
		}
		return;
	}
	const text = value instanceof Date ? value.toISOString() : String(value);
	out.push(`${encodeQueryKey(prefix)}=${encodeURIComponent(text)}`);
}

/** Keys keep their brackets readable (`expand[]`, `metadata[a]`), everything else is encoded. */
function encodeQueryKey(key: string): string {
	return encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/** Build the full URL with its query string. */
export function buildUrl(
	baseUrl: string,
	path: string,
	pathParams?: Record<string, string | number>,
	qs?: IDataObject,
): string {
	// A fragment is never sent, and a query appended after one would be dropped with it. (A `#` inside a
	// path parameter is encoded by fillPath, so the first literal `#` of the template starts the fragment.)
	const hash = path.indexOf('#');
	const url = joinUrl(baseUrl, fillPath(hash < 0 ? path : path.slice(0, hash), pathParams));
	const query = toQueryString(qs);
	if (!query) return url;
	return url + (url.includes('?') ? '&' : '?') + query;
}
