/**
 * Secret redaction. Every value the engine returns or throws passes through a redactor built from the
 * credential in use, so a token, key or password can never reach an output, an error or a log.
 */
import type { IDataObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** Credential fields that are configuration, not secrets (still redacted if they look like a token elsewhere). */
const NON_SECRET_FIELDS = new Set([
	'baseUrl',
	'apiUrl',
	// A site's id in a multi-tenant gateway's URL (public: the site's own URL reveals it).
	'cloudId',
	// The address of a site the user picks among several (public like the URL itself).
	'siteUrl',
	// A store's own host name (`my-store.example.com`) and the API version a credential pins: public.
	'shop',
	'apiVersion',
	'url',
	'server',
	'authUrl',
	'accessTokenUrl',
	'scope',
	'clientId',
	'grantType',
	'authentication',
	'authQueryParameters',
	'keyLocation',
	'keyName',
	'headerName',
	'paramName',
	'testPath',
	'token_type',
	'expires_in',
	'n8n_expires_at',
	'environment',
	'useDynamicClientRegistration',
	'ignoreSSLIssues',
	'tokenExpiredStatusCode',
	'sendAdditionalBodyProperties',
	'additionalBodyProperties',
	'jweEnabled',
	// "Bearer " or "Token ": a prefix put before the key, not part of the secret.
	'keyPrefix',
	// Fields n8n itself adds to credentials (domain restriction, OAuth2 options): short words like "all".
	'allowedHttpRequestDomains',
	'allowedDomains',
	'clientCredentialType',
	'serverUrl',
	'jwksUri',
	'usePkce',
	// The account's id that some token answers carry (`open_id`): output data, not a secret.
	'open_id',
	// A suite credential's choices of which products (hence scopes) it asks, and the user a service account acts
	// for (an address that answers name, as the file owners they list): settings, not secrets.
	'products',
	'driveAccess',
	'mailAccess',
	'extraScopes',
	'delegatedUser',
	// How a consumer key pair travels (`header`/`query`) and what a plain-HTTP site gets (`refuse`/`oauth1`).
	'keysIn',
	'plainHttp',
]);

/**
 * Fields of an OAuth2 token answer (`oauthTokenData`, at any depth) that name who and what the token is for —
 * ids and names of the user, bot, app, team or organisation — not secrets. Redacting them would blank the same
 * ids wherever an answer mentions them (the bot's own user id in every message it posts). Tokens, secrets and
 * anything else in the answer stay secret.
 */
const NON_SECRET_TOKEN_FIELDS = new Set([
	'id',
	'name',
	'ok',
	'user_id',
	'bot_user_id',
	'app_id',
	'team_id',
	'enterprise_id',
	'is_enterprise_install',
]);

/**
 * Below this length a secret is redacted only where it stands as a whole token: redacting every
 * occurrence of "abc" would shred ordinary text.
 */
const SHORT_SECRET = 6;

/** Field pairs a credential sends as `Authorization: Basic base64(user:password)`. */
const BASIC_PAIRS: Array<[string, string]> = [
	['username', 'password'],
	['user', 'password'],
	['clientId', 'clientSecret'],
	['email', 'apiToken'],
	['consumerKey', 'consumerSecret'],
];

/** Header names whose values are always secret. */
const SECRET_HEADERS =
	/^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token)$/i;

/**
 * Collect every secret of a credential (recursing into oauthTokenData), plus the `user:password` pairs a
 * Basic header carries (redacting the base64 of each part alone would not catch the base64 of the pair).
 */
export function secretsOf(data: IDataObject | undefined): string[] {
	const found = new Set<string>();
	const walk = (value: unknown, key: string, inToken = false) => {
		if (typeof value === 'string') {
			const named = NON_SECRET_FIELDS.has(key) || (inToken && NON_SECRET_TOKEN_FIELDS.has(key));
			if (!named && value.length > 0) found.add(value);
			return;
		}
		if (value && typeof value === 'object') {
			const record = value as Record<string, unknown>;
			for (const [user, password] of BASIC_PAIRS) {
				if (
					typeof record[user] === 'string' &&
					typeof record[password] === 'string' &&
					record[password]
				)
					found.add(`${record[user] as string}:${record[password] as string}`);
			}
			// A list's elements are named by the list's field (`products: ['sheets']` is as public as its field).
			for (const [k, v] of Object.entries(record))
				walk(v, Array.isArray(value) ? key : k, inToken || k === 'oauthTokenData');
		}
	};
	walk(data ?? {}, '');
	// Longest first, so a secret that contains another is replaced whole.
	return [...found].sort((a, b) => b.length - a.length);
}

/**
 * Whether n8n may write a token into this credential during a request: an OAuth2 credential (its token refreshed
 * after a 401, or, with client credentials, fetched by the first request), known by its token or its token URL.
 */
export function mayGainToken(data: IDataObject): boolean {
	return data.oauthTokenData !== undefined || 'accessTokenUrl' in data || 'grantType' in data;
}

export interface Redactor {
	<T>(value: T): T;
	/** Learn more secrets (e.g. a token refreshed during a request). */
	add?(secrets: string[]): void;
	/**
	 * Set when it was made from a credential n8n cannot change during a request (`mayGainToken` false): it
	 * already knows every secret, so the pipeline need not read the credential again.
	 */
	settled?: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The exact forms a secret takes on the wire: itself, base64 (standard and URL-safe), JSON-escaped. */
function encodedForms(secret: string): string[] {
	const b64 = Buffer.from(secret, 'utf8').toString('base64');
	const b64url = b64.replace(/\+/g, '-').replace(/\//g, '_');
	const json = JSON.stringify(secret).slice(1, -1);
	// Some servers also escape `/` and write non-ASCII characters as \u escapes (either hex case).
	const jsonForms = [json, json.replace(/\//g, '\\/')].flatMap((j) => [
		j,
		j.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
		j.replace(
			/[^\x20-\x7e]/g,
			(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`,
		),
	]);
	return [secret, b64, b64.replace(/=+$/, ''), b64url, b64url.replace(/=+$/, ''), ...jsonForms];
}

/**
 * Every URL encoding of a secret in one pattern: each character either as itself or percent-encoded
 * (upper- or lower-case hex, whichever characters the sender chose to encode), a space also as `+`.
 */
function urlPattern(secret: string): string | undefined {
	if (/^[A-Za-z0-9]*$/.test(secret)) return undefined;
	return [...secret]
		.map((c) => {
			if (/^[A-Za-z0-9]$/.test(c)) return c;
			const encoded = [...Buffer.from(c, 'utf8')]
				.map(
					(byte) =>
						`%${[...byte.toString(16).padStart(2, '0')].map((h) => (/[a-f]/.test(h) ? `[${h}${h.toUpperCase()}]` : h)).join('')}`,
				)
				.join('');
			return `(?:${escapeRegExp(c)}|${encoded}${c === ' ' ? '|\\+' : ''})`;
		})
		.join('');
}

/**
 * A function that deep-copies a value with every secret replaced, in each form it takes on the wire:
 * itself, URL-encoded (either hex case, `+` for spaces), base64 and base64url (so a Basic pair from
 * `secretsOf` is caught whole), and JSON-escaped. A secret shorter than 6 characters is replaced only
 * where it stands as a whole token.
 */
export function makeRedactor(secrets: string[]): Redactor {
	interface Matcher {
		exact: string[];
		url?: RegExp;
	}
	const known = new Set<string>();
	let long: Matcher[] = [];
	let short: RegExp[] = [];
	const bySecretLength: string[] = [];
	const learn = (more: string[]) => {
		for (const s of more) {
			if (!s || known.has(s)) continue;
			known.add(s);
			bySecretLength.push(s);
		}
		// Longest first, so a secret that contains another is replaced whole.
		bySecretLength.sort((a, b) => b.length - a.length);
		long = [];
		short = [];
		for (const s of bySecretLength) {
			const exact = [...new Set(encodedForms(s))]
				.filter((f) => f.length > 0)
				.sort((a, b) => b.length - a.length);
			const url = urlPattern(s);
			if (s.length >= SHORT_SECRET) {
				long.push({ exact, ...(url ? { url: new RegExp(url, 'gu') } : {}) });
			} else {
				const forms = [...(url ? [url] : []), ...exact.map(escapeRegExp)].join('|');
				short.push(new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms})(?![\\p{L}\\p{N}])`, 'gu'));
			}
		}
	};
	learn(secrets);
	const scrub = (text: string): string => {
		if (long.length === 0 && short.length === 0) return text;
		let out = text;
		// Only a text with `%` or `+` can hold an encoding the exact forms miss.
		const encoded = out.includes('%') || out.includes('+');
		for (const m of long) {
			for (const form of m.exact) if (out.includes(form)) out = out.split(form).join(REDACTED);
			if (m.url && encoded) out = out.replace(m.url, REDACTED);
		}
		for (const pattern of short) out = out.replace(pattern, REDACTED);
		return out;
	};
	const walk = (value: unknown, key: string, seen: WeakSet<object>): unknown => {
		if (typeof value === 'string') {
			if (key !== '' && SECRET_HEADERS.test(key)) return REDACTED;
			return scrub(value);
		}
		if (value === null || typeof value !== 'object') return value;
		if (Buffer.isBuffer(value)) return value;
		if (seen.has(value)) return undefined;
		seen.add(value);
		if (Array.isArray(value)) return value.map((v) => walk(v, '', seen));
		const out: Record<string, unknown> = {};
		const record = value as Record<string, unknown>;
		// `for…in` with an own-key check: every output item passes here, and it allocates no entry pairs.
		for (const k in record) if (Object.hasOwn(record, k)) out[k] = walk(record[k], k, seen);
		return out;
	};
	const redactor = (<T>(value: T): T => walk(value, '', new WeakSet()) as T) as Redactor;
	redactor.add = learn;
	return redactor;
}

/** Redact an Error in place (message, description, and any context the n8n error carries). */
export function redactError<E extends Error>(error: E, redact: Redactor): E {
	error.message = redact(error.message);
	const e = error as unknown as Record<string, unknown>;
	for (const field of ['description', 'stack']) {
		if (typeof e[field] === 'string') e[field] = redact(e[field] as string);
	}
	for (const field of ['context', 'errorResponse', 'messages']) {
		if (e[field] && typeof e[field] === 'object') e[field] = redact(e[field]);
	}
	// The original axios error carries the request's headers (Authorization): never keep it.
	delete e.cause;
	return error;
}
