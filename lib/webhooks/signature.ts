import {
	createHash,
	createHmac,
	createPublicKey,
	randomBytes,
	sign as cryptoSign,
	timingSafeEqual,
	verify as cryptoVerify,
	type KeyObject,
} from 'node:crypto';

import {
	DEFAULT_SIGNED_PAYLOAD,
	DEFAULT_TOLERANCE_SECONDS,
	isJwtScheme,
	isKeyedDigestScheme,
	isPublicKeyScheme,
	isSharedTokenScheme,
	parseTemplate,
	schemeHasTimestamp,
	schemeProblems,
	type SignatureScheme,
	type TemplatePart,
} from './scheme';

export type { SignatureScheme } from './scheme';

/** Request headers as Node gives them: lower-case names, a string or a list of strings. */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

export type VerifyFailureReason =
	| 'missing-secret'
	| 'missing-signature'
	| 'malformed-signature'
	| 'bad-signature'
	| 'missing-timestamp'
	| 'stale-timestamp'
	| 'replayed'
	/**
	 * Newly signed, but its delivery id was already accepted: the sender re-sent a delivery it thinks was lost
	 * (answer 200 so it stops; nothing starts).
	 */
	| 'duplicate'
	/** The replay store could not be read or written, so the delivery cannot be checked (answer 503: the sender retries). */
	| 'replay-check-failed'
	/** The scheme itself is unusable (e.g. `{timestamp}` in the template but no timestamp header). */
	| 'invalid-scheme';

export type VerifyResult =
	| {
			ok: true;
			/** The delivery's timestamp, in the scheme's unit, when the scheme has one. */
			timestamp?: number;
			/** The delivery id, when the scheme names a delivery-id header and the request has it. */
			deliveryId?: string;
	  }
	| { ok: false; reason: VerifyFailureReason; message: string };

export interface VerifyInput {
	/** The request body exactly as received. */
	rawBody: Buffer;
	headers: WebhookHeaders;
	/** Full public URL the service called (needed when the template uses `{url}`). */
	url?: string;
	/** HTTP method (needed when the template uses `{method}`). */
	method?: string;
	secret: string | undefined;
	/** Current time in ms (inject a clock in tests). */
	now: number;
}

/** What a verified delivery leaves behind to recognise a copy of it: its signature, and until when a copy could pass. */
export interface DeliveryFingerprint {
	/** `<algorithm>:<hex HMAC>` over the signed bytes (for public-key schemes, their SHA-256). */
	signature: string;
	/** First instant (ms) at which a copy would fail verification anyway (stale), or the end of its memory. */
	expiresAt: number;
	/** How long copies are refused: the timestamp window, or `UNTIMED_MEMORY_SECONDS` without a timestamp. */
	toleranceSeconds: number;
	/** The scheme's `resendsSameBytes`: a copy of an accepted delivery is a duplicate (200), not a replay (401). */
	resendsSameBytes?: boolean;
}

export type CheckedDelivery = Extract<VerifyResult, { ok: true }> & {
	fingerprint: DeliveryFingerprint;
};

type Failure = Extract<VerifyResult, { ok: false }>;

function fail(reason: VerifyFailureReason, message: string): Failure {
	return { ok: false, reason, message };
}

/** Every value of a header (case-insensitive name), trimmed, empty values dropped. */
export function headerValues(headers: WebhookHeaders, name: string): string[] {
	const wanted = name.toLowerCase();
	let raw = headers[wanted];
	if (raw === undefined) {
		const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
		raw = key === undefined ? undefined : headers[key];
	}
	const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
	return list.map((v) => String(v).trim()).filter((v) => v !== '');
}

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function decodeSignature(text: string, encoding: SignatureScheme['encoding']): Buffer | undefined {
	if (encoding === 'hex') {
		return HEX.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : undefined;
	}
	return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

function secretKeyBytes(scheme: SignatureScheme, secret: string): Buffer | undefined {
	if (scheme.secretKey !== 'base64') return Buffer.from(secret, 'utf8');
	const trimmed = secret.trim();
	if (!BASE64.test(trimmed)) return undefined;
	const key = Buffer.from(trimmed, 'base64');
	return key.length > 0 ? key : undefined;
}

export interface SignedBytesInput {
	rawBody: Buffer;
	/** The timestamp text exactly as it appears on the wire. */
	timestamp?: string;
	url?: string;
	method?: string;
	/** The secret as text, for keyed-digest schemes (`{secret}`). */
	secret?: string;
}

/**
 * The bytes the sender signs: the template's literal text and values as UTF-8, with the body
 * inserted as the raw bytes received (never re-serialized). Throws when a value the template needs
 * is missing.
 */
export function buildSignedBytes(template: string, input: SignedBytesInput): Buffer {
	const parts = parseTemplate(template);
	if (typeof parts === 'string') throw new Error(parts);
	return Buffer.concat(parts.map((part) => partBytes(part, input)));
}

function partBytes(part: TemplatePart, input: SignedBytesInput): Buffer {
	switch (part.kind) {
		case 'literal':
			return Buffer.from(part.text, 'utf8');
		case 'body':
			return input.rawBody;
		default: {
			const value = input[part.kind];
			if (value === undefined || value === '') {
				throw new Error(`the signed bytes need the request ${part.kind}, which is not available`);
			}
			return Buffer.from(value, 'utf8');
		}
	}
}

function hmac(scheme: SignatureScheme, key: Buffer, bytes: Buffer): Buffer {
	return createHmac(scheme.algorithm, key).update(bytes).digest();
}

const PEM = /^-----BEGIN ([A-Z ]+)-----[\s\S]+-----END \1-----$/;

/**
 * The sender's public key from the configured text: a PEM `PUBLIC KEY` block, or the base64 of its DER
 * (SubjectPublicKeyInfo, what vendors show as a "verification key"). Anything else (a private key, another
 * curve, RSA) is refused: the trigger must not accept signatures it cannot attribute to the vendor.
 */
export function publicKeyOf(text: string): KeyObject | string {
	const trimmed = text.trim();
	let key: KeyObject;
	try {
		const pem = PEM.exec(trimmed);
		if (pem) {
			if (pem[1] !== 'PUBLIC KEY')
				return `it is a PEM "${pem[1]}" block; paste the PEM "PUBLIC KEY" (or its base64 body)`;
			key = createPublicKey(trimmed);
		} else {
			const compact = trimmed.replace(/\s+/g, '');
			if (!BASE64.test(compact)) return 'it is neither PEM nor base64';
			key = createPublicKey({ key: Buffer.from(compact, 'base64'), format: 'der', type: 'spki' });
		}
	} catch {
		return 'it is not a public key (PEM, or base64 DER SubjectPublicKeyInfo)';
	}
	if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
		return 'it is not an elliptic-curve P-256 key';
	return key;
}

function ecdsaValid(
	scheme: SignatureScheme,
	key: KeyObject,
	signed: Buffer,
	signature: Buffer,
): boolean {
	const dsaEncoding = scheme.signatureFormat === 'raw' ? 'ieee-p1363' : 'der';
	// P-256 raw signatures are exactly r (32 bytes) || s (32 bytes).
	if (dsaEncoding === 'ieee-p1363' && signature.length !== 64) return false;
	try {
		return cryptoVerify('sha256', signed, { key, dsaEncoding }, signature);
	} catch {
		// Malformed DER: a mismatch, never an exception.
		return false;
	}
}

function stripPrefix(value: string, prefix: string | undefined): string | undefined {
	if (!prefix) return value;
	return value.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase()
		? value.slice(prefix.length)
		: undefined;
}

interface ParsedHeader {
	candidates: string[];
	timestamp?: string;
}

function parseSignatureHeader(scheme: SignatureScheme, values: string[]): ParsedHeader | Failure {
	const header = scheme.header;
	const structured = scheme.structured;
	if (!structured) return { candidates: values };

	const pairSeparator = structured.pairSeparator ?? ',';
	const valueSeparator = structured.valueSeparator ?? '=';
	const candidates: string[] = [];
	const timestamps = new Set<string>();
	for (const value of values) {
		for (const item of value.split(pairSeparator)) {
			const at = item.indexOf(valueSeparator);
			if (at < 0) continue;
			const key = item.slice(0, at).trim();
			const val = item.slice(at + valueSeparator.length).trim();
			if (key === structured.signatureKey && val !== '') candidates.push(val);
			else if (structured.timestampKey !== undefined && key === structured.timestampKey) {
				timestamps.add(val);
			}
		}
	}
	if (candidates.length === 0) {
		return fail(
			'malformed-signature',
			`The ${header} header has no "${structured.signatureKey}" signature.`,
		);
	}
	if (timestamps.size > 1) {
		return fail('malformed-signature', `The ${header} header has more than one timestamp.`);
	}
	const [timestamp] = [...timestamps];
	return { candidates, timestamp };
}

const TIMESTAMP = /^\d{1,16}$/;

/** First instant (ms) at which a delivery with this timestamp is too old (`age > tolerance`). */
/**
 * How long a delivery without a signed timestamp is remembered: vendors retry a failed delivery for up to three
 * days, so a week covers every genuine repeat and refuses every later replay.
 */
export const UNTIMED_MEMORY_SECONDS = 7 * 24 * 3600;

function staleFrom(timestamp: number, unit: 's' | 'ms', toleranceSeconds: number): number {
	// Seconds are compared as whole seconds (floor(now / 1000)), like the official SDKs do.
	return unit === 's'
		? (timestamp + toleranceSeconds + 1) * 1000
		: timestamp + toleranceSeconds * 1000 + 1;
}

/**
 * Verifies a delivery against a scheme and fingerprints it for the replay store. Fails closed on every
 * path: no secret, no header, a malformed header, a mismatch or a stale timestamp rejects. Comparison is constant
 * time over the decoded signature bytes. Messages never contain the secret or the expected value.
 *
 * Replay window, with `age = now - timestamp` in the timestamp's unit (seconds are floored):
 * `age > tolerance` rejects, so a delivery exactly `tolerance` old is accepted; in `two-sided`
 * mode `-age > tolerance` (too far in the future) also rejects. The signature is checked before
 * the timestamp, so only correctly signed deliveries learn about the window.
 */
export function checkDelivery(
	scheme: SignatureScheme,
	input: VerifyInput,
): CheckedDelivery | Failure {
	const problems = schemeProblems(scheme);
	if (problems.length > 0) {
		return fail(
			'invalid-scheme',
			`Webhook signature verification is misconfigured: ${problems.join('; ')}.`,
		);
	}

	const publicKeyScheme = isPublicKeyScheme(scheme);
	const secret = input.secret ?? '';
	if (secret.trim() === '') {
		return fail(
			'missing-secret',
			publicKeyScheme
				? "No verification key is configured, so the delivery cannot be verified. Set the sender's public key."
				: 'No signing secret is configured, so the delivery cannot be verified. Set the webhook secret.',
		);
	}
	let key: Buffer | KeyObject | undefined;
	if (publicKeyScheme) {
		const parsedKey = publicKeyOf(secret);
		if (typeof parsedKey === 'string') {
			return fail(
				'missing-secret',
				`The configured verification key cannot be used (${parsedKey}), so the delivery cannot be verified.`,
			);
		}
		key = parsedKey;
	} else {
		key = secretKeyBytes(scheme, secret);
	}
	if (!key) {
		return fail(
			'missing-secret',
			'The configured signing secret is not valid base64, so the delivery cannot be verified.',
		);
	}

	const values = headerValues(input.headers, scheme.header);
	if (values.length === 0) {
		return fail('missing-signature', `The request has no ${scheme.header} header.`);
	}
	if (isSharedTokenScheme(scheme)) return checkSharedToken(scheme, input, secret, values);
	if (isJwtScheme(scheme)) return checkJwt(scheme, input, secret, values);

	const parsed = parseSignatureHeader(scheme, values);
	if ('ok' in parsed) return parsed;

	const decoded: Buffer[] = [];
	let prefixMissing = false;
	for (const candidate of parsed.candidates) {
		const text = stripPrefix(candidate, scheme.prefix);
		if (text === undefined) {
			prefixMissing = true;
			continue;
		}
		const bytes = decodeSignature(text, scheme.encoding!);
		if (bytes && bytes.length > 0) decoded.push(bytes);
	}
	if (decoded.length === 0) {
		return fail(
			'malformed-signature',
			prefixMissing
				? `The ${scheme.header} header does not start with "${scheme.prefix}".`
				: `The ${scheme.header} header is not a ${scheme.encoding} signature.`,
		);
	}

	const hasTimestamp = schemeHasTimestamp(scheme);
	const unit = scheme.timestampUnit ?? 's';
	let timestampText: string | undefined;
	let timestamp: number | undefined;
	if (hasTimestamp) {
		const timestampName =
			scheme.timestampHeader ?? `${scheme.header} "${scheme.structured?.timestampKey}"`;
		if (scheme.timestampHeader) {
			const found = new Set(headerValues(input.headers, scheme.timestampHeader));
			if (found.size > 1) {
				return fail('missing-timestamp', `The request has more than one ${timestampName} value.`);
			}
			[timestampText] = [...found];
		} else {
			timestampText = parsed.timestamp;
		}
		if (timestampText === undefined || timestampText === '') {
			return fail('missing-timestamp', `The request has no ${timestampName} timestamp.`);
		}
		if (!TIMESTAMP.test(timestampText)) {
			return fail('missing-timestamp', `The ${timestampName} timestamp is not a whole number.`);
		}
		timestamp = Number(timestampText);
	}

	let signed: Buffer;
	try {
		signed = buildSignedBytes(scheme.signedPayload ?? DEFAULT_SIGNED_PAYLOAD, {
			rawBody: input.rawBody,
			timestamp: timestampText,
			url: input.url,
			method: input.method,
			...(isKeyedDigestScheme(scheme) ? { secret } : {}),
		});
	} catch (error) {
		return fail(
			'invalid-scheme',
			`Webhook signature verification is misconfigured: ${(error as Error).message}.`,
		);
	}
	// What identifies the delivery for the replay store. For HMAC the expected MAC; for ECDSA a hash of the signed
	// bytes, since one message has many valid signatures (random nonce, and s / n - s): a re-signed copy stays a copy.
	let expected: Buffer;
	let matched: boolean;
	if (Buffer.isBuffer(key)) {
		// A keyed digest hashes bytes that contain the secret; an HMAC is keyed with it.
		const mac = isKeyedDigestScheme(scheme)
			? createHash('sha256').update(signed).digest()
			: hmac(scheme, key, signed);
		expected = mac;
		// Equal lengths first: timingSafeEqual throws otherwise, and a wrong length is simply a mismatch.
		matched = decoded.some(
			(candidate) => candidate.length === mac.length && timingSafeEqual(candidate, mac),
		);
	} else {
		const publicKey = key;
		expected = createHash('sha256').update(signed).digest();
		matched = decoded.some((candidate) => ecdsaValid(scheme, publicKey, signed, candidate));
	}
	if (!matched) {
		return fail(
			'bad-signature',
			`The ${scheme.header} signature does not match the request (wrong secret, or the body was changed).`,
		);
	}

	const tolerance = scheme.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (timestamp !== undefined) {
		const nowInUnit = unit === 's' ? Math.floor(input.now / 1000) : input.now;
		const age = nowInUnit - timestamp;
		const limit = unit === 's' ? tolerance : tolerance * 1000;
		if (age > limit) {
			return fail(
				'stale-timestamp',
				`The request timestamp is ${formatSeconds(age, unit)} old; deliveries older than ${tolerance} s are rejected.`,
			);
		}
		if (scheme.timestampWindow === 'two-sided' && -age > limit) {
			return fail(
				'stale-timestamp',
				`The request timestamp is ${formatSeconds(-age, unit)} in the future; more than ${tolerance} s ahead is rejected.`,
			);
		}
	}

	const deliveryId = scheme.deliveryIdHeader
		? headerValues(input.headers, scheme.deliveryIdHeader)[0]
		: undefined;

	const result: CheckedDelivery = {
		ok: true,
		fingerprint: {
			// The computed HMAC, not the header text: re-encoding the header (case, extra candidates) cannot make a copy look new.
			signature: `${scheme.algorithm}:${expected.toString('hex')}`,
			// A timestamped copy is refused as stale once its window ends. Without a timestamp nothing else stops a
			// capture, so it is remembered for as long as vendors keep retrying a delivery (days), not the window.
			expiresAt:
				timestamp !== undefined
					? staleFrom(timestamp, unit, tolerance)
					: input.now + UNTIMED_MEMORY_SECONDS * 1000,
			toleranceSeconds: timestamp !== undefined ? tolerance : UNTIMED_MEMORY_SECONDS,
			...(scheme.resendsSameBytes ? { resendsSameBytes: true } : {}),
		},
	};
	if (timestamp !== undefined) result.timestamp = timestamp;
	if (deliveryId !== undefined) result.deliveryId = deliveryId;
	return result;
}

/** Equal strings, compared in constant time (both sides hashed first, so lengths do not leak). */
export function constantTimeEqual(a: string, b: string): boolean {
	const x = createHash('sha256').update(a, 'utf8').digest();
	const y = createHash('sha256').update(b, 'utf8').digest();
	return timingSafeEqual(x, y) && a.length === b.length;
}

/**
 * A shared-token scheme: the header must carry the secret itself (after the prefix), compared in constant time.
 * The token says who sent the delivery but nothing about its content, so the replay store remembers a hash of the
 * body (and the delivery id): a copy of an accepted delivery is still refused for `UNTIMED_MEMORY_SECONDS`.
 */
function checkSharedToken(
	scheme: SignatureScheme,
	input: VerifyInput,
	secret: string,
	values: string[],
): CheckedDelivery | Failure {
	const tokens = values.map((value) => stripPrefix(value, scheme.prefix));
	const given = tokens.filter((token): token is string => token !== undefined && token !== '');
	if (given.length === 0) {
		return fail(
			'malformed-signature',
			`The ${scheme.header} header does not start with "${scheme.prefix ?? ''}".`,
		);
	}
	// Every candidate is compared (no early exit), so the time taken says nothing about which one was close.
	const matched = given.map((token) => constantTimeEqual(token, secret)).includes(true);
	if (!matched) {
		return fail(
			'bad-signature',
			`The ${scheme.header} header does not carry this webhook's secret token.`,
		);
	}
	const deliveryId = scheme.deliveryIdHeader
		? headerValues(input.headers, scheme.deliveryIdHeader)[0]
		: undefined;
	const result: CheckedDelivery = {
		ok: true,
		fingerprint: {
			signature: `token:${createHash('sha256').update(input.rawBody).digest('hex')}`,
			expiresAt: input.now + UNTIMED_MEMORY_SECONDS * 1000,
			toleranceSeconds: UNTIMED_MEMORY_SECONDS,
			...(scheme.resendsSameBytes ? { resendsSameBytes: true } : {}),
		},
	};
	if (deliveryId !== undefined) result.deliveryId = deliveryId;
	return result;
}

/** Clock skew a JWT's `exp` and `iat` are given, unless the scheme sets `toleranceSeconds`. */
export const JWT_LEEWAY_SECONDS = 60;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function jsonPart(text: string): Record<string, unknown> | undefined {
	if (!BASE64URL.test(text)) return undefined;
	try {
		const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * A JWT scheme: `<header>.<claims>.<signature>` (base64url) after the prefix, `alg` exactly `HS256` (no `none`, no
 * other algorithm: the header cannot choose how it is checked), the HMAC-SHA256 of `<header>.<claims>` under the
 * secret compared in constant time, then `exp` (required) not past and `iat` (when given) not ahead, each within the
 * leeway. The token signs its claims, not the body: the replay store remembers the token's hash until it expires, so
 * each token starts at most one execution.
 */
function checkJwt(
	scheme: SignatureScheme,
	input: VerifyInput,
	secret: string,
	values: string[],
): CheckedDelivery | Failure {
	const token = values.map((value) => stripPrefix(value, scheme.prefix)).find((t) => t);
	const parts = token?.split('.') ?? [];
	const header = parts.length === 3 ? jsonPart(parts[0]) : undefined;
	const claims = parts.length === 3 ? jsonPart(parts[1]) : undefined;
	if (!token || !header || !claims || !BASE64URL.test(parts[2]) || parts[2] === '')
		return fail(
			'malformed-signature',
			`The ${scheme.header} header does not carry a JWT${scheme.prefix ? ` after "${scheme.prefix.trim()}"` : ''}.`,
		);
	if (header.alg !== 'HS256')
		return fail(
			'bad-signature',
			`The ${scheme.header} JWT is signed with "${String(header.alg)}"; only HS256 is accepted.`,
		);
	const mac = createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${parts[0]}.${parts[1]}`)
		.digest();
	const given = Buffer.from(parts[2], 'base64url');
	if (given.length !== mac.length || !timingSafeEqual(given, mac))
		return fail(
			'bad-signature',
			`The ${scheme.header} JWT signature does not match (wrong secret, or the token was changed).`,
		);
	const leeway = scheme.toleranceSeconds ?? JWT_LEEWAY_SECONDS;
	const now = Math.floor(input.now / 1000);
	const { exp, iat } = claims;
	if (typeof exp !== 'number' || !Number.isFinite(exp))
		return fail('missing-timestamp', `The ${scheme.header} JWT has no expiry (exp).`);
	if (now > exp + leeway)
		return fail(
			'stale-timestamp',
			`The ${scheme.header} JWT expired ${now - exp} s ago; expired tokens are rejected.`,
		);
	if (typeof iat === 'number' && iat > now + leeway)
		return fail(
			'stale-timestamp',
			`The ${scheme.header} JWT was issued ${iat - now} s in the future; more than ${leeway} s ahead is rejected.`,
		);
	const deliveryId = scheme.deliveryIdHeader
		? headerValues(input.headers, scheme.deliveryIdHeader)[0]
		: undefined;
	const result: CheckedDelivery = {
		ok: true,
		timestamp: typeof iat === 'number' ? iat : exp,
		fingerprint: {
			signature: `jwt:${createHash('sha256').update(token).digest('hex')}`,
			// After this the token fails as expired anyway.
			expiresAt: (exp + leeway + 1) * 1000,
			toleranceSeconds: Math.max(1, exp + leeway - now),
		},
	};
	if (deliveryId !== undefined) result.deliveryId = deliveryId;
	return result;
}

/** A JWT as a sender following a `jwt-hs256` scheme makes it (tests and tools): `claims` signed under `secret`. */
export function signJwt(claims: Record<string, unknown>, secret: string): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
	return `${unsigned}.${createHmac('sha256', Buffer.from(secret, 'utf8')).update(unsigned).digest('base64url')}`;
}

/**
 * Verifies a delivery against a scheme (see `checkDelivery`); the verdict only. Replays are the caller's
 * to reject, with a replay store (`verifyWebhookRequest` does both).
 */
export function verifySignature(scheme: SignatureScheme, input: VerifyInput): VerifyResult {
	const checked = checkDelivery(scheme, input);
	if (!checked.ok) return checked;
	const { fingerprint: _fingerprint, ...verdict } = checked;
	return verdict;
}

function formatSeconds(amount: number, unit: 's' | 'ms'): string {
	return unit === 's' ? `${amount} s` : `${amount / 1000} s`;
}

export interface SignInput {
	rawBody: Buffer;
	/** The HMAC secret, or for a public-key scheme the sender's private key (PEM). */
	secret: string;
	/** Timestamp in the scheme's unit; required when the scheme has one. */
	timestamp?: number | string;
	url?: string;
	method?: string;
}

/**
 * Signs a body the way a sender following `scheme` would, and returns the headers to send
 * (lower-case names): the signature header, plus the timestamp header when the scheme has one.
 * Throws on a misconfigured scheme or missing input (it is a helper for tests and tools).
 */
export function signPayload(scheme: SignatureScheme, input: SignInput): Record<string, string> {
	const problems = schemeProblems(scheme);
	if (problems.length > 0) throw new Error(`Invalid signature scheme: ${problems.join('; ')}`);
	const publicKeyScheme = isPublicKeyScheme(scheme);
	const key = publicKeyScheme ? undefined : secretKeyBytes(scheme, input.secret);
	if ((!publicKeyScheme && !key) || input.secret.trim() === '')
		throw new Error('A non-empty (valid) secret is required');
	// A shared token is sent as it is: the "signature" is the secret.
	if (isSharedTokenScheme(scheme))
		return { [scheme.header.toLowerCase()]: `${scheme.prefix ?? ''}${input.secret}` };
	// A JWT issued now (or at `timestamp`, in seconds), valid for three minutes.
	if (isJwtScheme(scheme)) {
		const iat =
			input.timestamp === undefined ? Math.floor(Date.now() / 1000) : Number(input.timestamp);
		return {
			[scheme.header.toLowerCase()]: `${scheme.prefix ?? ''}${signJwt({ iat, exp: iat + 180 }, input.secret)}`,
		};
	}
	const timestamp = input.timestamp === undefined ? undefined : String(input.timestamp);
	if (schemeHasTimestamp(scheme) && timestamp === undefined) {
		throw new Error('This scheme needs a timestamp');
	}
	const signed = buildSignedBytes(scheme.signedPayload ?? DEFAULT_SIGNED_PAYLOAD, {
		rawBody: input.rawBody,
		timestamp,
		url: input.url,
		method: input.method,
	});
	// Public-key schemes sign with the private key (PEM), which only the sender (or a test) holds.
	const digest = (
		publicKeyScheme
			? cryptoSign('sha256', signed, {
					key: input.secret,
					dsaEncoding: scheme.signatureFormat === 'raw' ? 'ieee-p1363' : 'der',
				})
			: hmac(scheme, key!, signed)
	).toString(scheme.encoding!);
	const signature = `${scheme.prefix ?? ''}${digest}`;

	const headers: Record<string, string> = {};
	const structured = scheme.structured;
	if (structured) {
		const pair = structured.pairSeparator ?? ',';
		const sep = structured.valueSeparator ?? '=';
		const items: string[] = [];
		if (structured.timestampKey && !scheme.timestampHeader) {
			items.push(`${structured.timestampKey}${sep}${timestamp}`);
		}
		items.push(`${structured.signatureKey}${sep}${signature}`);
		headers[scheme.header.toLowerCase()] = items.join(pair);
	} else {
		headers[scheme.header.toLowerCase()] = signature;
	}
	if (scheme.timestampHeader && timestamp !== undefined) {
		headers[scheme.timestampHeader.toLowerCase()] = timestamp;
	}
	return headers;
}

/** A new random webhook secret: 32 bytes from the CSPRNG, as 64 hex characters. */
export function generateWebhookSecret(): string {
	return randomBytes(32).toString('hex');
}
