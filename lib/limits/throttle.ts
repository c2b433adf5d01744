/** Decides, from the policy's data rules, whether an answer means "throttled", and what it says about the budget. */
import { parseRetryAfter } from '../retry/retry-after';
import { costAvailableAtMs, readCost, type CostReading } from './cost';
import { parseRateLimitHeaders, type RateLimitReading } from './headers';
import { readPathAll } from '../transport/path';
import { getHeader, jsonBody, type ResponseObservation } from './observation';
import type { RateLimitPolicy, ThrottleRule } from './policy';

/** What one answer tells the engine about rate limits. */
export interface ResponseClass {
	throttled: boolean;
	/** The server's budget report, if its headers carry one. */
	reading: RateLimitReading | null;
	/** `Retry-After` in ms, on 429, 503 or a throttled answer only (RFC 9110 gives it no meaning on 2xx). */
	retryAfterMs: number | null;
	/** When the budget comes back (epoch ms): the reset of a spent budget (remaining 0) or the server's regain time. */
	resetAtMs: number | null;
	/** A cost-based budget's report (`RateLimitPolicy.cost`), when the answer carries one. */
	cost?: CostReading | null;
}

/** True for status 429 (RFC 6585) and when any of the policy's throttle rules matches the answer. */
export function isThrottled(policy: RateLimitPolicy, observation: ResponseObservation): boolean {
	return observation.status === 429 || matchingRule(policy, observation) !== undefined;
}

/** The first of the policy's throttle rules that matches the answer. */
function matchingRule(
	policy: RateLimitPolicy,
	observation: ResponseObservation,
): ThrottleRule | undefined {
	const rules = policy.throttled ?? [];
	let body: unknown;
	let parsed = false;
	return rules.find((rule) => {
		if (rule.body && !parsed) {
			body = jsonBody(observation.body);
			parsed = true;
		}
		return matches(rule, observation, body);
	});
}

function matches(rule: ThrottleRule, observation: ResponseObservation, body: unknown): boolean {
	if (!rule.status && !rule.header && !rule.body) return false;
	if (rule.status && !rule.status.includes(observation.status)) return false;
	if (rule.header) {
		const value = getHeader(observation.headers, rule.header.name)?.trim().toLowerCase();
		if (value === undefined || !rule.header.in.some((v) => v.toLowerCase() === value)) return false;
	}
	if (rule.body) {
		const { path, in: allowed, matches: pattern } = rule.body;
		const regex = pattern === undefined ? undefined : new RegExp(pattern, 'i');
		const found = readPathAll(body, path).some(
			(v) =>
				(allowed !== undefined && allowed.includes(v as string | number | boolean)) ||
				(regex !== undefined && regex.test(String(v))),
		);
		if (!found) return false;
	}
	return true;
}

/** The next time (epoch ms, after `nowMs`) the UTC clock reads `hour`:00. */
export function nextUtcHour(nowMs: number, hour: number): number {
	const d = new Date(nowMs);
	const at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour);
	return at > nowMs ? at : at + 86_400_000;
}

/** Classifies one answer: throttled or not, the budget report, `Retry-After` and the reset time. */
export function classifyResponse(
	policy: RateLimitPolicy,
	observation: ResponseObservation,
	nowMs: number,
	/** The answer reported a rate-limit error in its body (the spec's `errorsInBody`), which no rule here sees. */
	reportedThrottled = false,
): ResponseClass {
	const rule = matchingRule(policy, observation);
	const throttled = observation.status === 429 || rule !== undefined || reportedThrottled;
	if (policy.cost) return classifyCost(policy, observation, nowMs, throttled);
	let reading = parseRateLimitHeaders(policy, observation.headers, nowMs);
	const honoursRetryAfter = throttled || observation.status === 503;
	const retryAfterMs = honoursRetryAfter
		? parseRetryAfter(getHeader(observation.headers, 'retry-after'), nowMs)
		: null;
	const spentUntil = reading?.remaining === 0 ? (reading.resetAtMs ?? 0) : 0;
	let resetAtMs = Math.max(spentUntil, reading?.pauseUntilMs ?? 0);
	// The answer names no time, but the rule knows how long such a limit lasts: pause that long.
	if (rule?.pauseMs !== undefined && retryAfterMs === null && resetAtMs === 0) {
		resetAtMs = nowMs + rule.pauseMs;
		reading = { ...reading, pauseUntilMs: resetAtMs };
	}
	// A daily quota: spent until the next reset hour (UTC), which the answer does not name.
	if (rule?.resetsAtUtcHour !== undefined && retryAfterMs === null && resetAtMs === 0) {
		resetAtMs = nextUtcHour(nowMs, rule.resetsAtUtcHour);
		reading = { ...reading, pauseUntilMs: resetAtMs };
	}
	return { throttled, reading, retryAfterMs, resetAtMs: resetAtMs > 0 ? resetAtMs : null };
}

/**
 * A cost-based budget: the body's cost report is the budget (points left, bucket size); a refused request
 * may go again once the bucket has restored what it asked for, unless the server named a time itself.
 */
function classifyCost(
	policy: RateLimitPolicy,
	observation: ResponseObservation,
	nowMs: number,
	throttled: boolean,
): ResponseClass {
	const cost = readCost(policy.cost!, jsonBody(observation.body));
	const honoursRetryAfter = throttled || observation.status === 503;
	const retryAfterMs = honoursRetryAfter
		? parseRetryAfter(getHeader(observation.headers, 'retry-after'), nowMs)
		: null;
	const reading: RateLimitReading | null =
		cost?.available !== undefined
			? {
					remaining: cost.available,
					...(cost.maximum !== undefined ? { limit: cost.maximum } : {}),
				}
			: null;
	const resetAtMs = throttled && cost ? costAvailableAtMs(cost, policy.cost!, nowMs) : null;
	return { throttled, reading, retryAfterMs, resetAtMs, cost };
}
