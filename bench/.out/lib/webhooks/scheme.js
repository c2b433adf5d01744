"use strict";
/**
 * A webhook signature scheme, described as data. Every trigger passes one of these to
 * `verifySignature`; nothing in lib/webhooks knows which service a scheme belongs to.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SIGNED_PAYLOAD = exports.DEFAULT_TOLERANCE_SECONDS = void 0;
exports.parseTemplate = parseTemplate;
exports.schemeHasTimestamp = schemeHasTimestamp;
exports.schemeProblems = schemeProblems;
exports.DEFAULT_TOLERANCE_SECONDS = 300;
exports.DEFAULT_SIGNED_PAYLOAD = '{body}';
const PLACEHOLDERS = new Set(['body', 'timestamp', 'url', 'method']);
/** Splits a signed-bytes template into literal text and placeholders; unknown `{name}`s are errors. */
function parseTemplate(template) {
    const parts = [];
    const re = /\{([A-Za-z_]+)\}/g;
    let last = 0;
    for (let m = re.exec(template); m !== null; m = re.exec(template)) {
        const name = m[1];
        if (!PLACEHOLDERS.has(name)) {
            return `the signed-bytes template uses the unknown placeholder {${name}} (allowed: {body}, {timestamp}, {url}, {method})`;
        }
        if (m.index > last)
            parts.push({ kind: 'literal', text: template.slice(last, m.index) });
        parts.push({ kind: name });
        last = m.index + m[0].length;
    }
    if (last < template.length)
        parts.push({ kind: 'literal', text: template.slice(last) });
    return parts;
}
/** True when the scheme carries a timestamp (separate header or inside a structured header). */
function schemeHasTimestamp(scheme) {
    return Boolean(scheme.timestampHeader || scheme.structured?.timestampKey);
}
/**
 * Problems that make a scheme unusable (a misconfigured trigger), or an empty list.
 * Verification fails closed on any of them.
 */
function schemeProblems(scheme) {
    const problems = [];
    if (!scheme.header || !scheme.header.trim())
        problems.push('no signature header name is set');
    if (!['sha1', 'sha256', 'sha512'].includes(scheme.algorithm)) {
        problems.push(`unsupported algorithm "${String(scheme.algorithm)}"`);
    }
    if (!['hex', 'base64'].includes(scheme.encoding)) {
        problems.push(`unsupported signature encoding "${String(scheme.encoding)}"`);
    }
    if (scheme.secretKey !== undefined && !['utf8', 'base64'].includes(scheme.secretKey)) {
        problems.push(`unsupported secret key handling "${String(scheme.secretKey)}"`);
    }
    if (scheme.timestampUnit !== undefined && !['s', 'ms'].includes(scheme.timestampUnit)) {
        problems.push(`unsupported timestamp unit "${String(scheme.timestampUnit)}"`);
    }
    if (scheme.timestampWindow !== undefined &&
        !['one-sided', 'two-sided'].includes(scheme.timestampWindow)) {
        problems.push(`unsupported timestamp window "${String(scheme.timestampWindow)}"`);
    }
    const tolerance = scheme.toleranceSeconds ?? exports.DEFAULT_TOLERANCE_SECONDS;
    // A zero or negative window would silently disable replay protection: refuse it instead.
    if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance <= 0) {
        problems.push('the replay window must be a positive number of seconds');
    }
    if (scheme.structured && !scheme.structured.signatureKey) {
        problems.push('the structured signature header has no signature key');
    }
    const parts = parseTemplate(scheme.signedPayload ?? exports.DEFAULT_SIGNED_PAYLOAD);
    if (typeof parts === 'string') {
        problems.push(parts);
    }
    else {
        if (!parts.some((p) => p.kind === 'body')) {
            problems.push('the signed-bytes template must contain {body}');
        }
        if (parts.some((p) => p.kind === 'timestamp') && !schemeHasTimestamp(scheme)) {
            problems.push('the signed-bytes template uses {timestamp} but no timestamp header is set');
        }
    }
    return problems;
}
