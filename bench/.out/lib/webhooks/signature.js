"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.headerValues = headerValues;
exports.buildSignedBytes = buildSignedBytes;
exports.verifySignature = verifySignature;
exports.signPayload = signPayload;
exports.generateWebhookSecret = generateWebhookSecret;
const node_crypto_1 = require("node:crypto");
const scheme_1 = require("./scheme");
function fail(reason, message) {
    return { ok: false, reason, message };
}
/** Every value of a header (case-insensitive name), trimmed, empty values dropped. */
function headerValues(headers, name) {
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
function decodeSignature(text, encoding) {
    if (encoding === 'hex') {
        return HEX.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : undefined;
    }
    return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}
function secretKeyBytes(scheme, secret) {
    if (scheme.secretKey !== 'base64')
        return Buffer.from(secret, 'utf8');
    const trimmed = secret.trim();
    if (!BASE64.test(trimmed))
        return undefined;
    const key = Buffer.from(trimmed, 'base64');
    return key.length > 0 ? key : undefined;
}
/**
 * The bytes the sender signs: the template's literal text and values as UTF-8, with the body
 * inserted as the raw bytes received (never re-serialized). Throws when a value the template needs
 * is missing.
 */
function buildSignedBytes(template, input) {
    const parts = (0, scheme_1.parseTemplate)(template);
    if (typeof parts === 'string')
        throw new Error(parts);
    return Buffer.concat(parts.map((part) => partBytes(part, input)));
}
function partBytes(part, input) {
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
function hmac(scheme, key, bytes) {
    return (0, node_crypto_1.createHmac)(scheme.algorithm, key).update(bytes).digest();
}
function stripPrefix(value, prefix) {
    if (!prefix)
        return value;
    return value.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase()
        ? value.slice(prefix.length)
        : undefined;
}
function parseSignatureHeader(scheme, values) {
    const header = scheme.header;
    const structured = scheme.structured;
    if (!structured)
        return { candidates: values };
    const pairSeparator = structured.pairSeparator ?? ',';
    const valueSeparator = structured.valueSeparator ?? '=';
    const candidates = [];
    const timestamps = new Set();
    for (const value of values) {
        for (const item of value.split(pairSeparator)) {
            const at = item.indexOf(valueSeparator);
            if (at < 0)
                continue;
            const key = item.slice(0, at).trim();
            const val = item.slice(at + valueSeparator.length).trim();
            if (key === structured.signatureKey && val !== '')
                candidates.push(val);
            else if (structured.timestampKey !== undefined && key === structured.timestampKey) {
                timestamps.add(val);
            }
        }
    }
    if (candidates.length === 0) {
        return fail('malformed-signature', `The ${header} header has no "${structured.signatureKey}" signature.`);
    }
    if (timestamps.size > 1) {
        return fail('malformed-signature', `The ${header} header has more than one timestamp.`);
    }
    const [timestamp] = [...timestamps];
    return { candidates, timestamp };
}
const TIMESTAMP = /^\d{1,16}$/;
/** First instant (ms) at which a delivery with this timestamp is too old (`age > tolerance`). */
function staleFrom(timestamp, unit, toleranceSeconds) {
    // Seconds are compared as whole seconds (floor(now / 1000)), like the official SDKs do.
    return unit === 's'
        ? (timestamp + toleranceSeconds + 1) * 1000
        : timestamp + toleranceSeconds * 1000 + 1;
}
/**
 * Verifies a delivery against a scheme. Fails closed on every path: no secret, no header, a
 * malformed header, a mismatch, a stale timestamp or a replay all reject. Comparison is constant
 * time over the decoded signature bytes. Messages never contain the secret or the expected value.
 *
 * Replay window, with `age = now - timestamp` in the timestamp's unit (seconds are floored):
 * `age > tolerance` rejects, so a delivery exactly `tolerance` old is accepted; in `two-sided`
 * mode `-age > tolerance` (too far in the future) also rejects. The signature is checked before
 * the timestamp, so only correctly signed deliveries learn about the window.
 */
function verifySignature(scheme, input) {
    const problems = (0, scheme_1.schemeProblems)(scheme);
    if (problems.length > 0) {
        return fail('invalid-scheme', `Webhook signature verification is misconfigured: ${problems.join('; ')}.`);
    }
    const secret = input.secret ?? '';
    if (secret.trim() === '') {
        return fail('missing-secret', 'No signing secret is configured, so the delivery cannot be verified. Set the webhook secret.');
    }
    const key = secretKeyBytes(scheme, secret);
    if (!key) {
        return fail('missing-secret', 'The configured signing secret is not valid base64, so the delivery cannot be verified.');
    }
    const values = headerValues(input.headers, scheme.header);
    if (values.length === 0) {
        return fail('missing-signature', `The request has no ${scheme.header} header.`);
    }
    const parsed = parseSignatureHeader(scheme, values);
    if ('ok' in parsed)
        return parsed;
    const decoded = [];
    let prefixMissing = false;
    for (const candidate of parsed.candidates) {
        const text = stripPrefix(candidate, scheme.prefix);
        if (text === undefined) {
            prefixMissing = true;
            continue;
        }
        const bytes = decodeSignature(text, scheme.encoding);
        if (bytes && bytes.length > 0)
            decoded.push(bytes);
    }
    if (decoded.length === 0) {
        return fail('malformed-signature', prefixMissing
            ? `The ${scheme.header} header does not start with "${scheme.prefix}".`
            : `The ${scheme.header} header is not a ${scheme.encoding} signature.`);
    }
    const hasTimestamp = (0, scheme_1.schemeHasTimestamp)(scheme);
    const unit = scheme.timestampUnit ?? 's';
    let timestampText;
    let timestamp;
    if (hasTimestamp) {
        const timestampName = scheme.timestampHeader ?? `${scheme.header} "${scheme.structured?.timestampKey}"`;
        if (scheme.timestampHeader) {
            const found = new Set(headerValues(input.headers, scheme.timestampHeader));
            if (found.size > 1) {
                return fail('missing-timestamp', `The request has more than one ${timestampName} value.`);
            }
            [timestampText] = [...found];
        }
        else {
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
    let expected;
    try {
        const signed = buildSignedBytes(scheme.signedPayload ?? scheme_1.DEFAULT_SIGNED_PAYLOAD, {
            rawBody: input.rawBody,
            timestamp: timestampText,
            url: input.url,
            method: input.method,
        });
        expected = hmac(scheme, key, signed);
    }
    catch (error) {
        return fail('invalid-scheme', `Webhook signature verification is misconfigured: ${error.message}.`);
    }
    // Equal lengths first: timingSafeEqual throws otherwise, and a wrong length is simply a mismatch.
    const matched = decoded.some((candidate) => candidate.length === expected.length && (0, node_crypto_1.timingSafeEqual)(candidate, expected));
    if (!matched) {
        return fail('bad-signature', `The ${scheme.header} signature does not match the request (wrong secret, or the body was changed).`);
    }
    const tolerance = scheme.toleranceSeconds ?? scheme_1.DEFAULT_TOLERANCE_SECONDS;
    if (timestamp !== undefined) {
        const nowInUnit = unit === 's' ? Math.floor(input.now / 1000) : input.now;
        const age = nowInUnit - timestamp;
        const limit = unit === 's' ? tolerance : tolerance * 1000;
        if (age > limit) {
            return fail('stale-timestamp', `The request timestamp is ${formatSeconds(age, unit)} old; deliveries older than ${tolerance} s are rejected.`);
        }
        if (scheme.timestampWindow === 'two-sided' && -age > limit) {
            return fail('stale-timestamp', `The request timestamp is ${formatSeconds(-age, unit)} in the future; more than ${tolerance} s ahead is rejected.`);
        }
    }
    const deliveryId = scheme.deliveryIdHeader
        ? headerValues(input.headers, scheme.deliveryIdHeader)[0]
        : undefined;
    if (input.replay && (hasTimestamp || scheme.deliveryIdHeader)) {
        const expiresAt = timestamp !== undefined
            ? staleFrom(timestamp, unit, tolerance)
            : input.now + tolerance * 1000;
        const scope = input.replay.scope;
        // The signature is always remembered: a delivery id alone is usually not signed, so an
        // attacker could change it to slip a replay past an id-only check.
        const keys = [`${scope}\u0000sig\u0000${scheme.algorithm}\u0000${expected.toString('hex')}`];
        if (deliveryId !== undefined)
            keys.push(`${scope}\u0000id\u0000${deliveryId}`);
        if (!input.replay.guard.checkAndRemember(keys, expiresAt, input.now)) {
            return fail('replayed', `This delivery was already received within the last ${tolerance} s and is rejected as a replay.`);
        }
    }
    const result = { ok: true };
    if (timestamp !== undefined)
        result.timestamp = timestamp;
    if (deliveryId !== undefined)
        result.deliveryId = deliveryId;
    return result;
}
function formatSeconds(amount, unit) {
    return unit === 's' ? `${amount} s` : `${amount / 1000} s`;
}
/**
 * Signs a body the way a sender following `scheme` would, and returns the headers to send
 * (lower-case names): the signature header, plus the timestamp header when the scheme has one.
 * Throws on a misconfigured scheme or missing input (it is a helper for tests and tools).
 */
function signPayload(scheme, input) {
    const problems = (0, scheme_1.schemeProblems)(scheme);
    if (problems.length > 0)
        throw new Error(`Invalid signature scheme: ${problems.join('; ')}`);
    const key = secretKeyBytes(scheme, input.secret);
    if (!key || input.secret.trim() === '')
        throw new Error('A non-empty (valid) secret is required');
    const timestamp = input.timestamp === undefined ? undefined : String(input.timestamp);
    if ((0, scheme_1.schemeHasTimestamp)(scheme) && timestamp === undefined) {
        throw new Error('This scheme needs a timestamp');
    }
    const signed = buildSignedBytes(scheme.signedPayload ?? scheme_1.DEFAULT_SIGNED_PAYLOAD, {
        rawBody: input.rawBody,
        timestamp,
        url: input.url,
        method: input.method,
    });
    const digest = hmac(scheme, key, signed).toString(scheme.encoding);
    const signature = `${scheme.prefix ?? ''}${digest}`;
    const headers = {};
    const structured = scheme.structured;
    if (structured) {
        const pair = structured.pairSeparator ?? ',';
        const sep = structured.valueSeparator ?? '=';
        const items = [];
        if (structured.timestampKey && !scheme.timestampHeader) {
            items.push(`${structured.timestampKey}${sep}${timestamp}`);
        }
        items.push(`${structured.signatureKey}${sep}${signature}`);
        headers[scheme.header.toLowerCase()] = items.join(pair);
    }
    else {
        headers[scheme.header.toLowerCase()] = signature;
    }
    if (scheme.timestampHeader && timestamp !== undefined) {
        headers[scheme.timestampHeader.toLowerCase()] = timestamp;
    }
    return headers;
}
/** A new random webhook secret: 32 bytes from the CSPRNG, as 64 hex characters. */
function generateWebhookSecret() {
    return (0, node_crypto_1.randomBytes)(32).toString('hex');
}
