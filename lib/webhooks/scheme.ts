/**
 * A webhook signature scheme, described as data. Every trigger passes one of these to
 * `verifySignature`; nothing in lib/webhooks knows which service a scheme belongs to.
 */

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

/**
 * Public-key schemes: the sender signs with its private key and the trigger verifies with the public key it was
 * given (PEM, or base64 DER SubjectPublicKeyInfo), e.g. ECDSA over P-256 with SHA-256.
 */
export type PublicKeyAlgorithm = 'ecdsa-p256-sha256';

/**
 * A shared token, not a signature: the sender puts the secret itself in the header (e.g. a "secret token" the
 * receiver chose at registration). It proves who sent the delivery, not what it says; compared in constant time.
 */
export type SharedTokenAlgorithm = 'token';

/**
 * A JSON Web Token in the header, signed with HMAC-SHA256 (`alg: HS256`) under the shared secret: it proves the
 * sender and carries its own expiry (`exp`), but signs its claims, not the body. Each token is accepted once.
 */
export type JwtAlgorithm = 'jwt-hs256';

/**
 * A plain hash (not an HMAC) of signed bytes that include the secret itself (`{secret}` in `signedPayload`), e.g.
 * SHA-256 of secret + body. Weaker than an HMAC, but what some senders' older signature versions are.
 */
export type KeyedDigestAlgorithm = 'sha256-digest';

export type SignatureAlgorithm =
	HmacAlgorithm | PublicKeyAlgorithm | SharedTokenAlgorithm | JwtAlgorithm | KeyedDigestAlgorithm;

/** How an ECDSA signature is laid out: ASN.1 DER (`SEQUENCE { r, s }`) or raw `r || s` (IEEE P1363, 64 bytes for P-256). */
export type EcdsaSignatureFormat = 'der' | 'raw';

/** How the secret string becomes the HMAC key. */
export type SecretKeyHandling =
	/** The secret's UTF-8 bytes, as is (most services, including `whsec_…` secrets). */
	| 'utf8'
	/** The secret is base64 text; its decoded bytes are the key. */
	| 'base64';

/** How the signature is written in the header. */
export type SignatureEncoding = 'hex' | 'base64';

export type TimestampUnit = 's' | 'ms';

/**
 * Which timestamps the replay window accepts (the timestamp must be within `toleranceSeconds` of now):
 * - `one-sided`: only too-old timestamps are rejected; future ones pass (what most official SDKs do).
 * - `two-sided`: too-old and too-far-in-the-future timestamps are rejected.
 */
export type TimestampWindow = 'one-sided' | 'two-sided';

/**
 * A header made of `key=value` pairs carrying the timestamp and one or more candidate signatures,
 * e.g. `t=1700000000,v1=abc…,v1=def…` (several candidates appear while a secret is rotated).
 */
export interface StructuredSignatureHeader {
	/** Key whose values are candidate signatures (any one matching passes), e.g. `v1`. */
	signatureKey: string;
	/** Key holding the timestamp, e.g. `t`. When set, the scheme has a timestamp. */
	timestampKey?: string;
	/** Separator between pairs (default `,`). */
	pairSeparator?: string;
	/** Separator between key and value (default `=`). */
	valueSeparator?: string;
}

export interface SignatureScheme {
	/** Header carrying the signature (matched case-insensitively). */
	header: string;
	/**
	 * HMAC hash function, or a public-key algorithm (`ecdsa-p256-sha256`): then the "secret" is the sender's
	 * public key (PEM or base64 DER SPKI) and no one holding it can sign.
	 */
	algorithm: SignatureAlgorithm;
	/** ECDSA only: DER (default) or raw `r || s` signatures. */
	signatureFormat?: EcdsaSignatureFormat;
	/** HMAC only: how the secret becomes the key (default `utf8`). */
	secretKey?: SecretKeyHandling;
	/** How the signature bytes are written (hex is matched case-insensitively). Required, except for `token` schemes. */
	encoding?: SignatureEncoding;
	/** Literal text before the encoded signature, e.g. `sha256=` or `v0=` (matched case-insensitively). */
	prefix?: string;
	/** Parse the header as `key=value` pairs instead of one signature. */
	structured?: StructuredSignatureHeader;
	/** Header carrying the timestamp (when it is not inside a structured header). */
	timestampHeader?: string;
	/** Unit of the timestamp (default `s`). */
	timestampUnit?: TimestampUnit;
	/**
	 * Replay window in seconds (default 300). A delivery whose timestamp is more than this many seconds
	 * old is rejected; exactly this old is still accepted (the check is `age > tolerance`). Without a
	 * timestamp, it is how long a delivery id / signature is remembered by the replay guard.
	 */
	toleranceSeconds?: number;
	/** Which side(s) of the window are enforced (default `one-sided`). */
	timestampWindow?: TimestampWindow;
	/**
	 * Template of the signed bytes built from `{body}`, `{timestamp}`, `{url}`, `{method}` and literal
	 * text (default `{body}`). Examples: `{timestamp}.{body}`, `v0:{timestamp}:{body}`, `{url}{body}`.
	 * `{body}` is the raw request body bytes; `{timestamp}` is the timestamp exactly as received.
	 */
	signedPayload?: string;
	/**
	 * Header with a unique delivery id (e.g. a GUID per delivery). With it, the replay guard also
	 * rejects a second delivery carrying an id already seen inside the window.
	 */
	deliveryIdHeader?: string;
	/**
	 * The sender re-sends a delivery it thinks was lost byte for byte (its signature has no timestamp, so a retry
	 * is the same bytes). A copy of a delivery already accepted is then answered 200 and starts nothing, like a
	 * re-signed duplicate: it starts nothing whoever sends it, and a 401 would make the sender retry until it
	 * turns the webhook off.
	 */
	resendsSameBytes?: boolean;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The problem `schemeProblems` reports for a timestamp that is read but not signed (callers add the fix in their own field names). */
export const UNSIGNED_TIMESTAMP_PROBLEM =
	'a timestamp is read from the request but {timestamp} is not part of the signed content, so a captured delivery could be replayed with a fresh timestamp';
export const DEFAULT_SIGNED_PAYLOAD = '{body}';

export type TemplatePart =
	{ kind: 'literal'; text: string } | { kind: 'body' | 'timestamp' | 'url' | 'method' | 'secret' };

const PLACEHOLDERS = new Set(['body', 'timestamp', 'url', 'method', 'secret']);

/** Splits a signed-bytes template into literal text and placeholders; unknown `{name}`s are errors. */
export function parseTemplate(template: string): TemplatePart[] | string {
	const parts: TemplatePart[] = [];
	const re = /\{([A-Za-z_]+)\}/g;
	let last = 0;
	for (let m = re.exec(template); m !== null; m = re.exec(template)) {
		const name = m[1];
		if (!PLACEHOLDERS.has(name)) {
			return `the signed-bytes template uses the unknown placeholder {${name}} (allowed: {body}, {timestamp}, {url}, {method}, {secret})`;
		}
		if (m.index > last) parts.push({ kind: 'literal', text: template.slice(last, m.index) });
		parts.push({ kind: name as 'body' | 'timestamp' | 'url' | 'method' | 'secret' });
		last = m.index + m[0].length;
	}
	if (last < template.length) parts.push({ kind: 'literal', text: template.slice(last) });
	return parts;
}

/** True for public-key schemes (the configured key verifies, it cannot sign). */
export function isPublicKeyScheme(scheme: Pick<SignatureScheme, 'algorithm'>): boolean {
	return scheme.algorithm === 'ecdsa-p256-sha256';
}

/** True for shared-token schemes (the header carries the secret itself: nothing is signed). */
export function isSharedTokenScheme(scheme: Pick<SignatureScheme, 'algorithm'>): boolean {
	return scheme.algorithm === 'token';
}

/** True for JWT schemes (a signed token in the header, not a signature over the body). */
export function isJwtScheme(scheme: Pick<SignatureScheme, 'algorithm'>): boolean {
	return scheme.algorithm === 'jwt-hs256';
}

/** True for keyed-digest schemes (a plain hash over bytes that contain the secret). */
export function isKeyedDigestScheme(scheme: Pick<SignatureScheme, 'algorithm'>): boolean {
	return scheme.algorithm === 'sha256-digest';
}

/** True when the scheme carries a timestamp (separate header or inside a structured header). */
export function schemeHasTimestamp(scheme: SignatureScheme): boolean {
	return Boolean(scheme.timestampHeader || scheme.structured?.timestampKey);
}

/**
 * Problems that make a scheme unusable (a misconfigured trigger), or an empty list.
 * Verification fails closed on any of them.
 */
export function schemeProblems(scheme: SignatureScheme): string[] {
	const problems: string[] = [];
	if (!scheme.header || !scheme.header.trim()) problems.push('no signature header name is set');
	if (
		![
			'sha1',
			'sha256',
			'sha512',
			'ecdsa-p256-sha256',
			'token',
			'jwt-hs256',
			'sha256-digest',
		].includes(scheme.algorithm)
	) {
		problems.push(`unsupported algorithm "${String(scheme.algorithm)}"`);
	}
	if (isSharedTokenScheme(scheme) || isJwtScheme(scheme)) {
		// The header is the secret itself: there are no signed bytes, key handling, encoding or timestamp to set.
		const signatureOnly = [
			['encoding', scheme.encoding],
			['secretKey', scheme.secretKey],
			['signatureFormat', scheme.signatureFormat],
			['structured', scheme.structured],
			['timestampHeader', scheme.timestampHeader],
			['signedPayload', scheme.signedPayload],
		].filter(([, value]) => value !== undefined);
		for (const [field] of signatureOnly)
			problems.push(
				isJwtScheme(scheme)
					? `${String(field)} applies to signatures over the body; a JWT carries its own algorithm and expiry`
					: `${String(field)} applies to signatures; a shared token is compared as sent`,
			);
		return problems;
	}
	if (isPublicKeyScheme(scheme)) {
		if (scheme.secretKey !== undefined)
			problems.push('secretKey applies to HMAC secrets; a public key is read as PEM or base64 DER');
		if (scheme.signatureFormat !== undefined && !['der', 'raw'].includes(scheme.signatureFormat))
			problems.push(`unsupported ECDSA signature format "${String(scheme.signatureFormat)}"`);
	} else if (scheme.signatureFormat !== undefined) {
		problems.push('signatureFormat applies to ECDSA schemes only');
	}
	if (!['hex', 'base64'].includes(scheme.encoding as string)) {
		problems.push(`unsupported signature encoding "${String(scheme.encoding)}"`);
	}
	if (scheme.secretKey !== undefined && !['utf8', 'base64'].includes(scheme.secretKey)) {
		problems.push(`unsupported secret key handling "${String(scheme.secretKey)}"`);
	}
	if (scheme.timestampUnit !== undefined && !['s', 'ms'].includes(scheme.timestampUnit)) {
		problems.push(`unsupported timestamp unit "${String(scheme.timestampUnit)}"`);
	}
	if (
		scheme.timestampWindow !== undefined &&
		!['one-sided', 'two-sided'].includes(scheme.timestampWindow)
	) {
		problems.push(`unsupported timestamp window "${String(scheme.timestampWindow)}"`);
	}
	const tolerance = scheme.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	// A zero or negative window would silently disable replay protection: refuse it instead.
	if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance <= 0) {
		problems.push('the replay window must be a positive number of seconds');
	}
	if (scheme.structured && !scheme.structured.signatureKey) {
		problems.push('the structured signature header has no signature key');
	}
	const parts = parseTemplate(scheme.signedPayload ?? DEFAULT_SIGNED_PAYLOAD);
	if (typeof parts === 'string') {
		problems.push(parts);
	} else {
		if (!parts.some((p) => p.kind === 'body')) {
			problems.push('the signed-bytes template must contain {body}');
		}
		// A plain hash proves the sender only over the secret; an HMAC or a public key must never be fed it.
		const signsSecret = parts.some((p) => p.kind === 'secret');
		if (isKeyedDigestScheme(scheme) && !signsSecret)
			problems.push(
				'a keyed-digest scheme must hash the secret: put {secret} in the signed-bytes template',
			);
		if (!isKeyedDigestScheme(scheme) && signsSecret)
			problems.push(
				'{secret} is for keyed-digest schemes only (an HMAC is keyed with the secret already)',
			);
		if (isKeyedDigestScheme(scheme) && scheme.secretKey !== undefined)
			problems.push('secretKey applies to HMAC keys; a keyed digest hashes the secret as text');
		const signsTimestamp = parts.some((p) => p.kind === 'timestamp');
		if (signsTimestamp && !schemeHasTimestamp(scheme)) {
			problems.push('the signed-bytes template uses {timestamp} but no timestamp header is set');
		}
		// An unsigned timestamp proves nothing: a capture replayed later would simply carry a fresh one.
		if (!signsTimestamp && schemeHasTimestamp(scheme)) problems.push(UNSIGNED_TIMESTAMP_PROBLEM);
	}
	return problems;
}
