"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isThrottled = isThrottled;
exports.classifyResponse = classifyResponse;
/** Decides, from the policy's data rules, whether an answer means "throttled", and what it says about the budget. */
const retry_after_1 = require("../retry/retry-after");
const headers_1 = require("./headers");
const observation_1 = require("./observation");
/** True for status 429 (RFC 6585) and when any of the policy's throttle rules matches the answer. */
function isThrottled(policy, observation) {
    if (observation.status === 429)
        return true;
    const rules = policy.throttled ?? [];
    let body;
    let parsed = false;
    return rules.some((rule) => {
        if (rule.body && !parsed) {
            body = (0, observation_1.jsonBody)(observation.body);
            parsed = true;
        }
        return matches(rule, observation, body);
    });
}
function matches(rule, observation, body) {
    if (!rule.status && !rule.header && !rule.body)
        return false;
    if (rule.status && !rule.status.includes(observation.status))
        return false;
    if (rule.header) {
        const value = (0, observation_1.getHeader)(observation.headers, rule.header.name)?.trim().toLowerCase();
        if (value === undefined || !rule.header.in.some((v) => v.toLowerCase() === value))
            return false;
    }
    if (rule.body) {
        const { path, in: allowed, matches: pattern } = rule.body;
        const regex = pattern === undefined ? undefined : new RegExp(pattern, 'i');
        const found = (0, observation_1.valuesAtPath)(body, path).some((v) => (allowed !== undefined && allowed.includes(v)) || (regex !== undefined && regex.test(String(v))));
        if (!found)
            return false;
    }
    return true;
}
/** Classifies one answer: throttled or not, the budget report, `Retry-After` and the reset time. */
function classifyResponse(policy, observation, nowMs) {
    const throttled = isThrottled(policy, observation);
    const reading = (0, headers_1.parseRateLimitHeaders)(policy, observation.headers, nowMs);
    const honoursRetryAfter = throttled || observation.status === 503;
    const retryAfterMs = honoursRetryAfter ? (0, retry_after_1.parseRetryAfter)((0, observation_1.getHeader)(observation.headers, 'retry-after'), nowMs) : null;
    const spentUntil = reading?.remaining === 0 ? reading.resetAtMs ?? 0 : 0;
    const resetAtMs = Math.max(spentUntil, reading?.pauseUntilMs ?? 0);
    return { throttled, reading, retryAfterMs, resetAtMs: resetAtMs > 0 ? resetAtMs : null };
}
