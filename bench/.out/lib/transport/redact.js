"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REDACTED = void 0;
exports.secretsOf = secretsOf;
exports.makeRedactor = makeRedactor;
exports.redactError = redactError;
exports.REDACTED = '[redacted]';
/** Credential fields that are configuration, not secrets (still redacted if they look like a token elsewhere). */
const NON_SECRET_FIELDS = new Set([
    'baseUrl',
    'url',
    'server',
    'authUrl',
    'accessTokenUrl',
    'scope',
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
function secretsOf(data) {
    const found = new Set();
    const walk = (value, key) => {
        if (typeof value === 'string') {
            // Short values (e.g. "header") are config, and redacting them would shred ordinary text.
            if (!NON_SECRET_FIELDS.has(key) && value.length >= 6)
                found.add(value);
            return;
        }
        if (value && typeof value === 'object') {
            for (const [k, v] of Object.entries(value))
                walk(v, k);
        }
    };
    walk(data ?? {}, '');
    // Longest first, so a secret that contains another is replaced whole.
    return [...found].sort((a, b) => b.length - a.length);
}
/** A function that deep-copies a value with every secret (and its URL-encoded and Basic forms) replaced. */
function makeRedactor(secrets) {
    const needles = new Set();
    for (const s of secrets) {
        needles.add(s);
        needles.add(encodeURIComponent(s));
    }
    // Basic auth pairs: base64(user:pass) for every ordered pair would be quadratic; the header rule covers it.
    const list = [...needles].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
    const scrub = (text) => {
        let out = text;
        for (const n of list)
            if (out.includes(n))
                out = out.split(n).join(exports.REDACTED);
        return out;
    };
    const walk = (value, key, seen) => {
        if (typeof value === 'string') {
            if (SECRET_HEADERS.test(key))
                return exports.REDACTED;
            return scrub(value);
        }
        if (value === null || typeof value !== 'object')
            return value;
        if (Buffer.isBuffer(value))
            return value;
        if (seen.has(value))
            return undefined;
        seen.add(value);
        if (Array.isArray(value))
            return value.map((v) => walk(v, '', seen));
        const out = {};
        for (const [k, v] of Object.entries(value))
            out[k] = walk(v, k, seen);
        return out;
    };
    return (value) => walk(value, '', new WeakSet());
}
/** Redact an Error in place (message, description, and any context the n8n error carries). */
function redactError(error, redact) {
    error.message = redact(error.message);
    const e = error;
    for (const field of ['description', 'stack']) {
        if (typeof e[field] === 'string')
            e[field] = redact(e[field]);
    }
    for (const field of ['context', 'errorResponse', 'messages']) {
        if (e[field] && typeof e[field] === 'object')
            e[field] = redact(e[field]);
    }
    // The original axios error carries the request's headers (Authorization): never keep it.
    delete e.cause;
    return error;
}
