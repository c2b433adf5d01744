/**
 * A consumer key and secret pair (an e-commerce platform's REST keys), as a credential's `authenticate`:
 * - over HTTPS, as HTTP Basic (key as user name, secret as password), or in the query string
 *   (`consumer_key`/`consumer_secret`) for servers that strip the Authorization header;
 * - over plain HTTP, never in the clear: refused, unless the credential chooses OAuth 1.0a one-legged signing
 *   (RFC 5849 without a token: every request signed with a fresh nonce and timestamp, the secret never sent).
 * Whether the store is plain HTTP is read from the credential's URL field, not from the request's URL (an
 * operator's origin map may send an https store's traffic to a loopback fake).
 * A leaf module (node:crypto only), so credential classes can import it.
 */
import { createHmac, randomBytes } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/** RFC 3986 percent-encoding (RFC 5849 §3.6): everything but unreserved characters. */
export function oauthEncode(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
}

export type OAuth1Algorithm = 'HMAC-SHA1' | 'HMAC-SHA256';

export interface OAuth1Request {
	method: string;
	/** The full URL, its query included (query parameters are signed). */
	url: string;
	consumerKey: string;
	consumerSecret: string;
	algorithm: OAuth1Algorithm;
	nonce: string;
	/** Seconds since the epoch. */
	timestamp: number;
}

/** The query pairs of a URL, decoded (`+` is a space in a query). */
function queryPairs(url: string): Array<[string, string]> {
	const at = url.indexOf('?');
	if (at < 0) return [];
	const query = url.slice(at + 1).split('#')[0];
	return query
		.split('&')
		.filter(Boolean)
		.map((pair) => {
			const eq = pair.indexOf('=');
			const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
			return eq < 0 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
		});
}

/**
 * The `oauth_*` parameters of a one-legged OAuth 1.0a request (RFC 5849 §3.4): the signature base string is the
 * method, the URL without its query and every query and protocol parameter, sorted; the key is the consumer
 * secret and an empty token secret (`secret&`); the signature is base64.
 */
export function oauth1Params(req: OAuth1Request): Record<string, string> {
	const protocol: Record<string, string> = {
		oauth_consumer_key: req.consumerKey,
		oauth_nonce: req.nonce,
		oauth_signature_method: req.algorithm,
		oauth_timestamp: String(req.timestamp),
		oauth_version: '1.0',
	};
	const pairs = [...queryPairs(req.url), ...Object.entries(protocol)]
		.map(([k, v]) => [oauthEncode(k), oauthEncode(v)])
		.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1));
	const base = [
		req.method.toUpperCase(),
		oauthEncode(req.url.split('?')[0]),
		oauthEncode(pairs.map(([k, v]) => `${k}=${v}`).join('&')),
	].join('&');
	const hash = req.algorithm === 'HMAC-SHA1' ? 'sha1' : 'sha256';
	const signature = createHmac(hash, `${oauthEncode(req.consumerSecret)}&`)
		.update(base)
		.digest('base64');
	return { ...protocol, oauth_signature: signature };
}

/** Query keys this module writes: removed from a URL first (a next-page link may repeat the ones it was asked with). */
const AUTH_QUERY_KEYS = /^(consumer_key|consumer_secret|oauth_[a-z_]+)$/;

function withoutAuthQuery(url: string): string {
	const at = url.indexOf('?');
	if (at < 0) return url;
	const kept = url
		.slice(at + 1)
		.split('&')
		.filter((pair) => {
			const key = decodeURIComponent(pair.split('=')[0].replace(/\+/g, ' '));
			return pair !== '' && !AUTH_QUERY_KEYS.test(key);
		});
	return kept.length ? `${url.slice(0, at)}?${kept.join('&')}` : url.slice(0, at);
}

function appendQuery(url: string, params: Record<string, string>): string {
	const query = Object.entries(params)
		.map(([k, v]) => `${oauthEncode(k)}=${oauthEncode(v)}`)
		.join('&');
	return url + (url.includes('?') ? '&' : '?') + query;
}

/** The credential's field names and the words its refusal uses. */
export interface ConsumerKeyFields {
	/** The field holding the site's address (its scheme decides HTTPS or plain HTTP). */
	url: string;
	urlLabel: string;
	key: string;
	secret: string;
	/** `header` (Basic, default) or `query`: how keys travel over HTTPS. */
	keysIn: string;
	/** `refuse` (default) or `oauth1`: what a plain-HTTP site gets. */
	plainHttp: string;
	plainHttpLabel: string;
	/** The option of `plainHttp` that signs (its display name, for the refusal's fix). */
	oauth1OptionName: string;
	algorithm: OAuth1Algorithm;
	/** The vendor's name, for the refusal. */
	vendor: string;
}

/** The error of a plain-HTTP site whose credential did not choose OAuth 1.0a. */
export class PlainHttpRefused extends Error {
	constructor(f: ConsumerKeyFields) {
		super(
			`The ${f.urlLabel} starts with http://: ${f.vendor} accepts consumer keys over plain HTTP only when each request is signed with OAuth 1.0a, so they are not sent. ` +
				`Use the site's https:// address in '${f.urlLabel}' (recommended), or set '${f.plainHttpLabel}' to '${f.oauth1OptionName}'.`,
		);
		this.name = 'PlainHttpRefused';
	}
}

/** The full URL of n8n's request options (a credential test gives `baseURL` and a relative `url`). */
function fullUrl(options: IHttpRequestOptions): string {
	const url = String(options.url ?? '');
	if (/^[a-z][a-z0-9+.-]*:/i.test(url) || !options.baseURL) return url;
	return options.baseURL.replace(/\/+$/, '') + '/' + url.replace(/^\/+/, '');
}

/** The query object n8n would add (a credential test's `qs`), folded into the URL so it is signed too. */
function foldQs(url: string, qs: IHttpRequestOptions['qs']): string {
	if (!qs || Object.keys(qs).length === 0) return url;
	const flat: Record<string, string> = {};
	for (const [k, v] of Object.entries(qs)) if (v !== undefined && v !== null) flat[k] = String(v);
	return appendQuery(url, flat);
}

/**
 * A credential's `authenticate` for a consumer key pair (see the module comment). `now` and `nonce` are for
 * tests; each call (each attempt of a request) gets a fresh nonce and timestamp.
 */
export function consumerKeyAuthenticate(
	f: ConsumerKeyFields,
	now: () => number = Date.now,
	nonce: () => string = () => randomBytes(16).toString('hex'),
) {
	return async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const key = String(credentials[f.key] ?? '');
		const secret = String(credentials[f.secret] ?? '');
		const site = String(credentials[f.url] ?? '').trim();
		const plain = /^http:\/\//i.test(site);
		const options: IHttpRequestOptions = {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}) },
		};
		if (plain) {
			if (credentials[f.plainHttp] !== 'oauth1') throw new PlainHttpRefused(f);
			const url = withoutAuthQuery(foldQs(fullUrl(options), options.qs));
			delete options.baseURL;
			delete options.qs;
			options.url = appendQuery(
				url,
				oauth1Params({
					method: options.method ?? 'GET',
					url,
					consumerKey: key,
					consumerSecret: secret,
					algorithm: f.algorithm,
					nonce: nonce(),
					timestamp: Math.floor(now() / 1000),
				}),
			);
			return options;
		}
		if (credentials[f.keysIn] === 'query') {
			const url = withoutAuthQuery(fullUrl(options));
			delete options.baseURL;
			options.url = appendQuery(url, { consumer_key: key, consumer_secret: secret });
			return options;
		}
		options.headers!.Authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
		return options;
	};
}
