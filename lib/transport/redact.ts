/**
 * Secret redaction. Every value the engine returns or throws passes through a redactor built from the
 * credential in use, so a token, key or password can never reach an output, an error or a log.
 */
import type { IDataObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** Credential fields that are configuration, not secrets (still redacted if they look like a token elsewhere). */
const NON_SECRET_FIELDS = new Set([
	'baseUrl',
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
]);

/** Header names whose values are always secret. */
const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token)$/i;

/** Collect every secret-looking string of a credential (recursing into oauthTokenData). */
export function secretsOf(data: IDataObject | undefined): string[] {
	const found = new Set<string>();
	const walk = (value: unknown, key: string) => {
		if (typeof value === 'string') {
			// Short values (e.g. "header") are config, and redacting them would shred ordinary text.
			if (!NON_SECRET_FIELDS.has(key) && value.length >= 6) found.add(value);
			return;
		}
		if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, k);
		}
	};
	walk(data ?? {}, '');
	// Longest first, so a secret that contains another is replaced whole.
	return [...found].sort((a, b) => b.length - a.length);
}

export interface Redactor {
	<T>(value: T): T;
	/** Learn more secrets (e.g. a token refreshed during a request). */
	add?(secrets: string[]): void;
}

/** A function that deep-copies a value with every secret (and its URL-encoded and Basic forms) replaced. */
export function makeRedactor(secrets: string[]): Redactor {
	const needles = new Set<string>();
	let list: string[] = [];
	const learn = (more: string[]) => {
		for (const s of more) {
			needles.add(s);
			needles.add(encodeURIComponent(s));
		}
		// Longest first, so a secret that contains another is replaced whole.
		list = [...needles].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
	};
	learn(secrets);
	const scrub = (text: string): string => {
		let out = text;
		for (const n of list) if (out.includes(n)) out = out.split(n).join(REDACTED);
		return out;
	};
	const walk = (value: unknown, key: string, seen: WeakSet<object>): unknown => {
		if (typeof value === 'string') {
			if (SECRET_HEADERS.test(key)) return REDACTED;
			return scrub(value);
		}
		if (value === null || typeof value !== 'object') return value;
		if (Buffer.isBuffer(value)) return value;
		if (seen.has(value)) return undefined;
		seen.add(value);
		if (Array.isArray(value)) return value.map((v) => walk(v, '', seen));
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = walk(v, k, seen);
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
