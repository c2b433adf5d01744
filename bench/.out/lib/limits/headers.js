"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseResetValue = parseResetValue;
exports.parseRateLimitHeaders = parseRateLimitHeaders;
/**
 * Reads what a server reports about its rate-limit budget from response headers, per the policy's
 * header rules. Malformed values are ignored (the IETF draft requires that), never guessed.
 */
const retry_after_1 = require("../retry/retry-after");
const observation_1 = require("./observation");
const policy_1 = require("./policy");
const DEFAULT_USAGE_FIELDS = ['call_count', 'total_time', 'total_cputime'];
const DEFAULT_REGAIN_FIELD = 'estimated_time_to_regain_access';
/**
 * Epoch ms of a reset value, never before `nowMs`. `auto`: a number ≥ 10^12 is epoch ms, ≥ 10^9 epoch
 * seconds, smaller is delta seconds; text with `-` or `:` is an HTTP-date or ISO 8601 date.
 */
function parseResetValue(value, unit, nowMs) {
    const text = value.trim();
    const n = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
    let at = null;
    switch (unit) {
        case 'epoch-seconds':
            at = n === null ? null : n * 1000;
            break;
        case 'epoch-ms':
            at = n;
            break;
        case 'delta-seconds':
            at = n === null ? null : nowMs + n * 1000;
            break;
        case 'date':
            at = parseDate(text, nowMs);
            break;
        case 'auto':
            if (n !== null)
                at = n >= 1e12 ? n : n >= 1e9 ? n * 1000 : nowMs + n * 1000;
            else if (/[-:]/.test(text))
                at = parseDate(text, nowMs);
            break;
    }
    return at === null || !Number.isFinite(at) ? null : Math.max(nowMs, Math.round(at));
}
function parseDate(text, nowMs) {
    const http = (0, retry_after_1.parseHttpDate)(text, nowMs);
    if (http !== null)
        return http;
    if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text))
        return null;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : ms;
}
/** The most restrictive reading the policy's header rules find in `headers`, or null when there is none. */
function parseRateLimitHeaders(policy, headers, nowMs) {
    const readings = [];
    for (const rule of policy.headers ?? policy_1.STANDARD_HEADER_RULES) {
        const reading = readRule(rule, policy, headers, nowMs);
        if (reading)
            readings.push(reading);
    }
    return mostRestrictive(readings, policy.requests);
}
function readRule(rule, policy, headers, nowMs) {
    switch (rule.format) {
        case 'fields': {
            const remaining = count(rule.remaining && (0, observation_1.getHeader)(headers, rule.remaining));
            if (remaining === undefined)
                return null;
            const resetText = rule.reset && (0, observation_1.getHeader)(headers, rule.reset);
            const resetAtMs = resetText ? parseResetValue(resetText, rule.resetUnit ?? 'auto', nowMs) ?? undefined : undefined;
            return { limit: count(rule.limit && (0, observation_1.getHeader)(headers, rule.limit)), remaining, resetAtMs };
        }
        case 'ietf': {
            const value = (0, observation_1.getHeader)(headers, rule.header ?? 'ratelimit');
            if (!value)
                return null;
            return readIetf(value, (0, observation_1.getHeader)(headers, rule.policyHeader ?? 'ratelimit-policy'), policy.requests, nowMs);
        }
        case 'used-of-limit': {
            const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec((0, observation_1.getHeader)(headers, rule.header) ?? '');
            if (!m)
                return null;
            const limit = Number(m[2]);
            return { limit, remaining: Math.max(0, limit - Number(m[1])) };
        }
        case 'usage-percent':
            return readUsagePercent(rule, (0, observation_1.getHeader)(headers, rule.header), policy.requests, nowMs);
    }
}
/** A non-negative count from a header value, or undefined when malformed. */
function count(text) {
    if (!text || !/^\s*\d+(\.\d+)?\s*$/.test(text))
        return undefined;
    return Math.floor(Number(text));
}
/** Structured-field members split on a separator outside quoted strings. */
function splitOutside(text, separator) {
    const parts = [];
    let current = '';
    let quoted = false;
    for (const ch of text) {
        if (ch === '"')
            quoted = !quoted;
        if (ch === separator && !quoted) {
            parts.push(current.trim());
            current = '';
        }
        else
            current += ch;
    }
    parts.push(current.trim());
    return parts.filter((p) => p !== '');
}
/** `key=value` parameters of one member, numbers only (other values are not needed here). */
function numericParams(parts) {
    const params = {};
    for (const part of parts) {
        const eq = part.indexOf('=');
        if (eq <= 0)
            continue;
        const n = count(part.slice(eq + 1));
        if (n !== undefined)
            params[part.slice(0, eq).trim().toLowerCase()] = n;
    }
    return params;
}
/** Draft -07 dictionary (`limit=100, remaining=50, reset=5`) or draft -08+ list (`"default";r=50;t=30`). */
function readIetf(value, policyValue, fallbackLimit, nowMs) {
    const quotas = {};
    for (const member of splitOutside(policyValue ?? '', ',')) {
        const [name, ...params] = splitOutside(member, ';');
        const q = numericParams(params).q;
        if (q !== undefined)
            quotas[name] = q;
    }
    const readings = [];
    const dictionary = numericParams(splitOutside(value, ','));
    if (dictionary.remaining !== undefined) {
        const reset = dictionary.reset;
        readings.push({ limit: dictionary.limit, remaining: dictionary.remaining, resetAtMs: reset === undefined ? undefined : nowMs + reset * 1000 });
    }
    for (const member of splitOutside(value, ',')) {
        const [name, ...rest] = splitOutside(member, ';');
        if (name.includes('='))
            continue;
        const { r, t } = numericParams(rest);
        if (r === undefined)
            continue;
        readings.push({ limit: quotas[name], remaining: r, resetAtMs: t === undefined ? undefined : nowMs + t * 1000 });
    }
    return mostRestrictive(readings, fallbackLimit);
}
/** Usage percentages (0–100) become a remaining count out of the policy's `requests`. */
function readUsagePercent(rule, value, requests, nowMs) {
    if (!value)
        return null;
    let json;
    try {
        json = JSON.parse(value);
    }
    catch {
        return null;
    }
    const fields = new Set(rule.fields ?? DEFAULT_USAGE_FIELDS);
    const regainField = rule.regainMinutesField ?? DEFAULT_REGAIN_FIELD;
    let percent;
    let regainMinutes = 0;
    const walk = (node) => {
        if (node === null || typeof node !== 'object')
            return;
        for (const [key, child] of Object.entries(node)) {
            if (typeof child === 'number' && Number.isFinite(child)) {
                if (fields.has(key))
                    percent = Math.max(percent ?? 0, child);
                if (key === regainField)
                    regainMinutes = Math.max(regainMinutes, child);
            }
            else
                walk(child);
        }
    };
    walk(json);
    if (percent === undefined && regainMinutes === 0)
        return null;
    const reading = {};
    if (percent !== undefined) {
        reading.limit = requests;
        reading.remaining = Math.max(0, Math.floor((requests * (100 - Math.min(100, percent))) / 100));
    }
    if (regainMinutes > 0)
        reading.pauseUntilMs = nowMs + regainMinutes * 60_000;
    return reading;
}
/** The reading with the smallest share left (ties: the later reset); the latest pause of all readings. */
function mostRestrictive(readings, fallbackLimit) {
    if (readings.length === 0)
        return null;
    const share = (r) => {
        if (r.remaining === undefined)
            return Infinity;
        const limit = r.limit ?? fallbackLimit;
        return limit > 0 ? r.remaining / limit : 0;
    };
    let best = readings[0];
    for (const r of readings.slice(1)) {
        const d = share(r) - share(best);
        if (d < 0 || (d === 0 && (r.resetAtMs ?? 0) > (best.resetAtMs ?? 0)))
            best = r;
    }
    const pauseUntilMs = Math.max(0, ...readings.map((r) => r.pauseUntilMs ?? 0));
    return clean({ ...best, pauseUntilMs: pauseUntilMs || undefined });
}
/** Drops undefined keys so readings compare and serialise cleanly. */
function clean(r) {
    const out = {};
    if (r.limit !== undefined)
        out.limit = r.limit;
    if (r.remaining !== undefined)
        out.remaining = r.remaining;
    if (r.resetAtMs !== undefined)
        out.resetAtMs = r.resetAtMs;
    if (r.pauseUntilMs !== undefined)
        out.pauseUntilMs = r.pauseUntilMs;
    return out;
}
