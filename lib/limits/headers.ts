/**
 * Reads what a server reports about its rate-limit budget from response headers, per the policy's
 * header rules. Malformed values are ignored (the IETF draft requires that), never guessed.
 */
import { parseHttpDate } from '../retry/retry-after';
import { getHeader, type HttpHeaders } from './observation';
import {
	STANDARD_HEADER_RULES,
	type HeaderRule,
	type RateLimitPolicy,
	type ResetUnit,
	type UsagePercentHeaderRule,
} from './policy';

/** The server's view of the budget, normalised: absolute epoch-ms times, counts of requests. */
export interface RateLimitReading {
	limit?: number;
	remaining?: number;
	/** When the server's window resets (epoch ms). */
	resetAtMs?: number;
	/** The server asks for no requests before this time (epoch ms). */
	pauseUntilMs?: number;
}

const DEFAULT_USAGE_FIELDS = ['call_count', 'total_time', 'total_cputime'];
const DEFAULT_REGAIN_FIELD = 'estimated_time_to_regain_access';

/**
 * Epoch ms of a reset value, never before `nowMs`. A number is read by its magnitude first, whatever the
 * declared unit, because servers mix them up (a reset in ms where seconds were documented would otherwise
 * mean the year 58000): ≥ 10^12 is epoch ms, ≥ 10^9 epoch seconds, smaller is a delta (in ms for
 * `epoch-ms`, else in seconds). Text with `-` or `:` is an HTTP-date or ISO 8601 date (`auto`, `date`).
 */
export function parseResetValue(value: string, unit: ResetUnit, nowMs: number): number | null {
	const text = value.trim();
	const n = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
	let at: number | null = null;
	if (n !== null && unit !== 'date')
		at = n >= 1e12 ? n : n >= 1e9 ? n * 1000 : nowMs + n * (unit === 'epoch-ms' ? 1 : 1000);
	else if (unit === 'date' || (unit === 'auto' && /[-:]/.test(text))) at = parseDate(text, nowMs);
	return at === null || !Number.isFinite(at) ? null : Math.max(nowMs, Math.round(at));
}

function parseDate(text: string, nowMs: number): number | null {
	const http = parseHttpDate(text, nowMs);
	if (http !== null) return http;
	if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) return null;
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? null : ms;
}

/** The most restrictive reading the policy's header rules find in `headers`, or null when there is none. */
export function parseRateLimitHeaders(
	policy: RateLimitPolicy,
	headers: HttpHeaders | undefined,
	nowMs: number,
): RateLimitReading | null {
	const readings: RateLimitReading[] = [];
	for (const rule of policy.headers ?? STANDARD_HEADER_RULES) {
		const reading = readRule(rule, policy, headers, nowMs);
		if (reading) readings.push(reading);
	}
	return mostRestrictive(readings, policy.requests);
}

function readRule(
	rule: HeaderRule,
	policy: RateLimitPolicy,
	headers: HttpHeaders | undefined,
	nowMs: number,
): RateLimitReading | null {
	switch (rule.format) {
		case 'fields': {
			const remaining = count(rule.remaining && getHeader(headers, rule.remaining));
			if (remaining === undefined) return null;
			const resetText = rule.reset && getHeader(headers, rule.reset);
			const resetAtMs = resetText
				? (parseResetValue(resetText, rule.resetUnit ?? 'auto', nowMs) ?? undefined)
				: undefined;
			if (rule.spentPauseMs !== undefined)
				return remaining === 0 ? { pauseUntilMs: resetAtMs ?? nowMs + rule.spentPauseMs } : null;
			return { limit: count(rule.limit && getHeader(headers, rule.limit)), remaining, resetAtMs };
		}
		case 'ietf': {
			const value = getHeader(headers, rule.header ?? 'ratelimit');
			if (!value) return null;
			return readIetf(
				value,
				getHeader(headers, rule.policyHeader ?? 'ratelimit-policy'),
				policy.requests,
				nowMs,
			);
		}
		case 'used-of-limit': {
			const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(getHeader(headers, rule.header) ?? '');
			if (!m) return null;
			const limit = Number(m[2]);
			return { limit, remaining: Math.max(0, limit - Number(m[1])) };
		}
		case 'usage-percent':
			return readUsagePercent(rule, getHeader(headers, rule.header), policy.requests, nowMs);
	}
}

/** A non-negative count from a header value, or undefined when malformed. */
function count(text: string | undefined | false | ''): number | undefined {
	if (!text || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
	return Math.floor(Number(text));
}

/** Structured-field members split on a separator outside quoted strings. */
function splitOutside(text: string, separator: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		if (ch === separator && !quoted) {
			parts.push(current.trim());
			current = '';
		} else current += ch;
	}
	parts.push(current.trim());
	return parts.filter((p) => p !== '');
}

/** `key=value` parameters of one member, numbers only (other values are not needed here). */
function numericParams(parts: string[]): Record<string, number> {
	const params: Record<string, number> = {};
	for (const part of parts) {
		const eq = part.indexOf('=');
		if (eq <= 0) continue;
		const n = count(part.slice(eq + 1));
		if (n !== undefined) params[part.slice(0, eq).trim().toLowerCase()] = n;
	}
	return params;
}

/** Draft -07 dictionary (`limit=100, remaining=50, reset=5`) or draft -08+ list (`"default";r=50;t=30`). */
function readIetf(
	value: string,
	policyValue: string | undefined,
	fallbackLimit: number,
	nowMs: number,
): RateLimitReading | null {
	const quotas: Record<string, number> = {};
	for (const member of splitOutside(policyValue ?? '', ',')) {
		const [name, ...params] = splitOutside(member, ';');
		const q = numericParams(params).q;
		if (q !== undefined) quotas[name] = q;
	}
	const readings: RateLimitReading[] = [];
	const dictionary = numericParams(splitOutside(value, ','));
	if (dictionary.remaining !== undefined) {
		const reset = dictionary.reset;
		readings.push({
			limit: dictionary.limit,
			remaining: dictionary.remaining,
			resetAtMs: reset === undefined ? undefined : nowMs + reset * 1000,
		});
	}
	for (const member of splitOutside(value, ',')) {
		const [name, ...rest] = splitOutside(member, ';');
		if (name.includes('=')) continue;
		const { r, t } = numericParams(rest);
		if (r === undefined) continue;
		readings.push({
			limit: quotas[name],
			remaining: r,
			resetAtMs: t === undefined ? undefined : nowMs + t * 1000,
		});
	}
	return mostRestrictive(readings, fallbackLimit);
}

/** Usage percentages (0–100) become a remaining count out of the policy's `requests`. */
function readUsagePercent(
	rule: UsagePercentHeaderRule,
	value: string | undefined,
	requests: number,
	nowMs: number,
): RateLimitReading | null {
	if (!value) return null;
	let json: unknown;
	try {
		json = JSON.parse(value);
	} catch {
		return null;
	}
	const fields = new Set(rule.fields ?? DEFAULT_USAGE_FIELDS);
	const regainField = rule.regainMinutesField ?? DEFAULT_REGAIN_FIELD;
	let percent: number | undefined;
	let regainMinutes = 0;
	const walk = (node: unknown): void => {
		if (node === null || typeof node !== 'object') return;
		for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
			if (typeof child === 'number' && Number.isFinite(child)) {
				if (fields.has(key)) percent = Math.max(percent ?? 0, child);
				if (key === regainField) regainMinutes = Math.max(regainMinutes, child);
			} else walk(child);
		}
	};
	walk(json);
	if (percent === undefined && regainMinutes === 0) return null;
	const reading: RateLimitReading = {};
	if (percent !== undefined) {
		reading.limit = requests;
		reading.remaining = Math.max(0, Math.floor((requests * (100 - Math.min(100, percent))) / 100));
	}
	if (regainMinutes > 0) reading.pauseUntilMs = nowMs + regainMinutes * 60_000;
	return reading;
}

/** The reading with the smallest share left (ties: the later reset); the latest pause of all readings. */
function mostRestrictive(
	readings: RateLimitReading[],
	fallbackLimit: number,
): RateLimitReading | null {
	if (readings.length === 0) return null;
	const share = (r: RateLimitReading) => {
		if (r.remaining === undefined) return Infinity;
		const limit = r.limit ?? fallbackLimit;
		return limit > 0 ? r.remaining / limit : 0;
	};
	let best = readings[0];
	for (const r of readings.slice(1)) {
		const d = share(r) - share(best);
		if (d < 0 || (d === 0 && (r.resetAtMs ?? 0) > (best.resetAtMs ?? 0))) best = r;
	}
	const pauseUntilMs = Math.max(0, ...readings.map((r) => r.pauseUntilMs ?? 0));
	return clean({ ...best, pauseUntilMs: pauseUntilMs || undefined });
}

/** Drops undefined keys so readings compare and serialise cleanly. */
function clean(r: RateLimitReading): RateLimitReading {
	const out: RateLimitReading = {};
	if (r.limit !== undefined) out.limit = r.limit;
	if (r.remaining !== undefined) out.remaining = r.remaining;
	if (r.resetAtMs !== undefined) out.resetAtMs = r.resetAtMs;
	if (r.pauseUntilMs !== undefined) out.pauseUntilMs = r.pauseUntilMs;
	return out;
}
