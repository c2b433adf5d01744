/**
 * Reading a webhook request: its raw body, its headers made safe to output, and its body decoded
 * from the verified bytes (never from a re-parsed or re-serialized copy).
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import type { WebhookHeaders } from './signature';

/** Same marker the transport's redactor uses. */
export const REDACTED_HEADER_VALUE = '[redacted]';

/**
 * The request body exactly as received. n8n usually reads it into `req.rawBody` before the trigger
 * runs; for content types it does not pre-read, `req.readRawBody()` reads it on demand. An
 * unreadable body counts as empty, which no signature over real content can match (fails closed).
 */
export async function getRawBody(ctx: IWebhookFunctions): Promise<Buffer> {
	const req = ctx.getRequestObject();
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') {
		await req.readRawBody();
	}
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.alloc(0);
}

/** Header names whose values are credentials, whatever the service. */
const AUTH_LIKE_HEADER =
	/^(authorization|proxy-authorization|cookie|set-cookie)$|(^|[-_])(token|secret|password|passwd|api-?key|apikey|session|auth)([-_]|$)/i;

/**
 * A copy of the headers safe to put in an output item: credential-like headers (Authorization,
 * Cookie, `*-token`, `*-api-key`, …) and any header whose value contains `secret` become `[redacted]`.
 * Headers listed in `keep` (the signature, timestamp and delivery-id headers) are kept as they are:
 * a signature is public proof, not a secret.
 */
export function redactHeaders(
	headers: WebhookHeaders,
	options: { keep?: string[]; secret?: string } = {},
): Record<string, string | string[]> {
	const keep = new Set((options.keep ?? []).map((h) => h.toLowerCase()));
	// Very short secrets would match ordinary header text; they are weak anyway.
	const secret = options.secret && options.secret.length >= 6 ? options.secret : undefined;
	const out: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const lower = name.toLowerCase();
		const containsSecret =
			secret !== undefined &&
			(Array.isArray(value) ? value.some((v) => v.includes(secret)) : value.includes(secret));
		if (containsSecret || (!keep.has(lower) && AUTH_LIKE_HEADER.test(lower))) {
			out[lower] = REDACTED_HEADER_VALUE;
		} else {
			out[lower] = Array.isArray(value) ? [...value] : value;
		}
	}
	return out;
}

export type DecodedBody =
	| { kind: 'empty' }
	| { kind: 'json'; value: unknown }
	| { kind: 'form'; value: Record<string, string | string[]> }
	| { kind: 'text'; value: string }
	| { kind: 'binary'; mimeType: string };

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | string[] | undefined): string {
	const value = Array.isArray(contentType) ? contentType[0] : contentType;
	return (value ?? '').split(';')[0].trim().toLowerCase();
}

const JSON_TYPE = /^(application|text)\/([\w.+-]+\+)?json$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';
const BINARY_TYPE =
	/^(image|audio|video|font)\/|^application\/(octet-stream|pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|msgpack|x-msgpack|protobuf|x-protobuf|cbor|wasm)$/;

function utf8(bytes: Buffer): string | undefined {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return undefined;
	}
}

/** A nested form value: text, a list of texts (a repeated key or `key[]`), or fields without a prototype. */
export type NestedFormValue = string | string[] | NestedFormFields;
export interface NestedFormFields {
	[key: string]: NestedFormValue;
}

const MAX_FORM_DEPTH = 10;
const BRACKETED_KEY = /^([^[\]]+)((?:\[[^[\]]*\])+)$/;

/** `contact[fields][1]` → `['contact', 'fields', '1']`; `lists[]` → `['lists', '']`; undefined for a plain or malformed key. */
function formKeyPath(key: string): string[] | undefined {
	const match = BRACKETED_KEY.exec(key);
	if (!match) return undefined;
	const steps = [match[1], ...match[2].slice(1, -1).split('][')];
	// `[]` only last (a list); deeper than MAX_FORM_DEPTH stays a plain key.
	if (steps.length > MAX_FORM_DEPTH || steps.slice(0, -1).some((s) => s === '')) return undefined;
	return steps;
}

/**
 * Form fields with bracketed keys (PHP's style: `contact[email]=a&contact[fields][1]=b&lists[]=3`) as nested
 * objects: `{ contact: { email: 'a', fields: { '1': 'b' } }, lists: ['3'] }`. Every object has no prototype, so
 * `__proto__`, `constructor` or `toString` are plain fields; numeric steps stay keys (no sparse arrays). A key
 * that clashes with another (`a=1` and `a[b]=2`), is malformed or nests deeper than 10 is kept as written.
 */
export function nestFormFields(fields: Record<string, string | string[]>): NestedFormFields {
	const root = Object.create(null) as NestedFormFields;
	const nested: Array<[string, string[], string | string[]]> = [];
	// Plain keys first, so a bracketed key that clashes with one is the one kept as written.
	for (const key of Object.keys(fields)) {
		const path = formKeyPath(key);
		if (path) nested.push([key, path, fields[key]]);
		else root[key] = fields[key];
	}
	const clashes: Array<[string, string | string[]]> = [];
	for (const [key, path, value] of nested) {
		const list = path[path.length - 1] === '';
		const steps = list ? path.slice(0, -1) : path;
		let node: NestedFormFields | undefined = root;
		for (const step of steps.slice(0, -1)) {
			const next: NestedFormValue | undefined = node[step];
			if (next === undefined) node = node[step] = Object.create(null) as NestedFormFields;
			else if (typeof next === 'object' && !Array.isArray(next)) node = next;
			else {
				node = undefined;
				break;
			}
		}
		const last = steps[steps.length - 1];
		if (!node || node[last] !== undefined) clashes.push([key, value]);
		else node[last] = list && !Array.isArray(value) ? [value] : value;
	}
	for (const [key, value] of clashes) if (root[key] === undefined) root[key] = value;
	return root;
}

/**
 * Decodes verified body bytes the way n8n's Webhook node presents them: JSON parsed, form fields
 * as a null-prototype object, other UTF-8 content as text, and anything else as binary (left to the caller to
 * attach as a file). Invalid JSON is kept as text rather than dropped.
 */
export function decodeBody(
	rawBody: Buffer,
	contentType: string | string[] | undefined,
): DecodedBody {
	if (rawBody.length === 0) return { kind: 'empty' };
	const type = mediaType(contentType);
	if (BINARY_TYPE.test(type)) return { kind: 'binary', mimeType: type };
	const text = utf8(rawBody);
	if (text === undefined) return { kind: 'binary', mimeType: type || 'application/octet-stream' };
	if (JSON_TYPE.test(type)) {
		try {
			return { kind: 'json', value: JSON.parse(text) as unknown };
		} catch {
			return { kind: 'text', value: text };
		}
	}
	if (type === FORM_TYPE) {
		// No prototype: keys like `toString`, `constructor` or `__proto__` are plain fields, never inherited ones.
		const value = Object.create(null) as Record<string, string | string[]>;
		for (const [key, field] of new URLSearchParams(text)) {
			const existing = value[key];
			if (existing === undefined) value[key] = field;
			else value[key] = Array.isArray(existing) ? [...existing, field] : [existing, field];
		}
		return { kind: 'form', value };
	}
	return { kind: 'text', value: text };
}
