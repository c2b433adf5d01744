/**
 * A service's rate-limit policy: pure, JSON-serialisable data that a service spec embeds. It says how
 * much the service allows, how the server reports what is left, and which answers mean "throttled".
 * The limiter, the header parser and the throttle classifier read it; nothing here names a service.
 */

/** How a reset header's value is to be read. `auto` applies the heuristic in `parseResetValue`. */
export type ResetUnit = 'epoch-seconds' | 'epoch-ms' | 'delta-seconds' | 'date' | 'auto';

/** Separate limit / remaining / reset headers (`X-RateLimit-*`, `x-rate-limit-*`, `RateLimit-*` up to draft -06). */
export interface FieldsHeaderRule {
	format: 'fields';
	limit?: string;
	remaining?: string;
	reset?: string;
	/** Default `auto`. */
	resetUnit?: ResetUnit;
	/**
	 * A quota beside the window's budget (a daily cap): its count never sizes the window; when it reaches 0 the
	 * connection pauses until its reset, or this long when no reset is sent (a request then sees whether it is back).
	 */
	spentPauseMs?: number;
}

/**
 * The structured IETF `RateLimit` field: the draft -07 dictionary (`limit=100, remaining=50, reset=5`) or
 * the draft -08+ list (`"default";r=50;t=30`, with the quota `q` read from `RateLimit-Policy`).
 */
export interface IetfHeaderRule {
	format: 'ietf';
	/** Default `ratelimit`. */
	header?: string;
	/** Default `ratelimit-policy`. */
	policyHeader?: string;
}

/** One header holding `<used>/<limit>`, e.g. `32/40` (a leaky bucket with no reset time). */
export interface UsedOfLimitHeaderRule {
	format: 'used-of-limit';
	header: string;
}

/**
 * A JSON header of usage percentages, flat (`{"call_count":95,...}`) or nested per account
 * (`{"<id>":[{"call_count":95,...,"estimated_time_to_regain_access":5}]}`). The highest percentage wins.
 */
export interface UsagePercentHeaderRule {
	format: 'usage-percent';
	header: string;
	/** Percentage fields; default `call_count`, `total_time`, `total_cputime`. */
	fields?: string[];
	/** Minutes until the server lets requests through again; default `estimated_time_to_regain_access`. */
	regainMinutesField?: string;
}

export type HeaderRule =
	FieldsHeaderRule | IetfHeaderRule | UsedOfLimitHeaderRule | UsagePercentHeaderRule;

/** A header condition: present with one of these values (compared case-insensitively). */
export interface HeaderCondition {
	name: string;
	in: string[];
}

/**
 * A body condition. `path` uses dots and brackets: `error.errors[0].reason`, `errors[*].extensions.code`
 * (`[*]` = any element). It holds when any value found is in `in`, or matches the regex `matches` (case-insensitive).
 */
export interface BodyCondition {
	path: string;
	in?: Array<string | number | boolean>;
	matches?: string;
}

/** A response is throttled when every condition given in one rule holds; rules are alternatives. */
export interface ThrottleRule {
	status?: number[];
	header?: HeaderCondition;
	body?: BodyCondition;
	/**
	 * How long to pause the connection when such an answer names no time itself (no Retry-After, no reset),
	 * e.g. a secondary limit documented as "wait at least one minute". Without it such an answer spends the budget.
	 */
	pauseMs?: number;
	/**
	 * A quota that resets at a fixed hour of the day, UTC (a daily quota counted per calendar day): when such an
	 * answer names no time itself, the connection pauses until the next time the clock reaches this hour (0–23).
	 */
	resetsAtUtcHour?: number;
}

/**
 * The budget of one operation tier (e.g. a vendor's "Tier 2" methods, or a per-channel posting limit): its
 * own counts, in place of the policy's. Headers, throttle rules and the pause ceiling are the policy's.
 */
export interface TierPolicy {
	requests: number;
	windowMs: number;
	maxConcurrency?: number;
	burst?: number;
}

/**
 * A cost-based budget (a GraphQL API that charges each query points from a bucket and reports the cost in
 * the answer): a request waits until the bucket holds its expected cost. Paths use the one path dialect.
 */
export interface CostPolicy {
	/** Bucket size before the server has reported one. */
	maximum: number;
	/** Points restored per second before the server has reported a rate. */
	restorePerSecond: number;
	/** Cost expected of a request whose operation declares none and was not seen yet (default 1). */
	defaultCost?: number;
	/** Where the answer reports the cost charged up front, e.g. `extensions.cost.requestedQueryCost`. */
	requestedPath?: string;
	/** Where it reports what the request really cost, e.g. `extensions.cost.actualQueryCost`. */
	actualPath?: string;
	/** Where it reports the bucket size, e.g. `extensions.cost.throttleStatus.maximumAvailable`. */
	maximumPath?: string;
	/** Where it reports the points left after this request, e.g. `extensions.cost.throttleStatus.currentlyAvailable`. */
	availablePath?: string;
	/** Where it reports the points restored per second, e.g. `extensions.cost.throttleStatus.restoreRate`. */
	restoreRatePath?: string;
}

/**
 * A budget shared by every connection whose credential holds the same value in one field (a vendor's per-app-key
 * limit beside its per-token one): each request of such a connection counts against it as well as against its
 * own. Counted at send time, like the user's 'Max Requests'; only a digest of the field's value keys it.
 */
export interface SharedBudgetPolicy {
	/** Names the budget in its key and in wait reasons, e.g. `apiKey`. */
	name: string;
	/** The credential field whose value the budget is kept by (an API key); empty: no shared budget. */
	credentialField: string;
	requests: number;
	windowMs: number;
}

export interface RateLimitPolicy {
	/** Requests allowed per window. */
	requests: number;
	/** Window length in milliseconds. */
	windowMs: number;
	/** Most requests in flight at once for one (service, connection). */
	maxConcurrency?: number;
	/** Token-bucket capacity: this many may go back to back, refilled at `requests` per `windowMs`. */
	burst?: number;
	/** How the server reports its budget. Omitted: `STANDARD_HEADER_RULES`; `[]`: ignore headers. */
	headers?: HeaderRule[];
	/** Answers that mean "throttled" besides status 429, which always does. */
	throttled?: ThrottleRule[];
	/**
	 * Longest pause one server answer may impose on the connection (Retry-After, a reset time, a regain time).
	 * Longer asks are absurd or misread (a reset in ms read as seconds) and would block the connection for
	 * good: they are cut to this, so the connection tries again then. Default: `maxPauseOf`.
	 */
	maxPauseMs?: number;
	/** Budgets shared across connections (per app key), counted besides the connection's own: all must allow a request. */
	shared?: SharedBudgetPolicy[];
	/** Budgets per operation tier, by tier name; an operation names its tier (`OperationSpec.rateLimit.tier`). */
	tiers?: Record<string, TierPolicy>;
	/** A cost-based budget in place of the request count (`requests`/`windowMs` are then ignored). */
	cost?: CostPolicy;
	/**
	 * No budget was declared: `requests`/`windowMs` only stand for "none", and the connection learns its limit
	 * from the 429s it gets (`lib/limits/learned.ts`, `UNDECLARED_LIMIT`).
	 */
	learn?: boolean;
}

/** The default ceiling of a server-imposed pause: 1 h, or one whole window when the window is longer. */
export const DEFAULT_MAX_PAUSE_MS = 3_600_000;

/** The ceiling of a pause learned from the server, for this policy (see `RateLimitPolicy.maxPauseMs`). */
export function maxPauseOf(policy: RateLimitPolicy | undefined): number {
	if (policy?.maxPauseMs !== undefined && policy.maxPauseMs > 0) return policy.maxPauseMs;
	return Math.max(DEFAULT_MAX_PAUSE_MS, policy?.windowMs ?? 0);
}

/** The header families most servers use, with the reset unit guessed per value. */
export const STANDARD_HEADER_RULES: HeaderRule[] = [
	{
		format: 'fields',
		limit: 'x-ratelimit-limit',
		remaining: 'x-ratelimit-remaining',
		reset: 'x-ratelimit-reset',
		resetUnit: 'auto',
	},
	{
		format: 'fields',
		limit: 'x-rate-limit-limit',
		remaining: 'x-rate-limit-remaining',
		reset: 'x-rate-limit-reset',
		resetUnit: 'auto',
	},
	{
		format: 'fields',
		limit: 'ratelimit-limit',
		remaining: 'ratelimit-remaining',
		reset: 'ratelimit-reset',
		resetUnit: 'auto',
	},
	{ format: 'ietf' },
];

/** The policy a request of `tier` counts against: the tier's counts with the policy's rules; the policy itself without a tier. */
export function policyOfTier(policy: RateLimitPolicy, tier: string | undefined): RateLimitPolicy {
	const counts = tier === undefined ? undefined : policy.tiers?.[tier];
	if (tier !== undefined && !counts)
		throw new Error(
			`the rate limit has no tier '${tier}' (tiers: ${Object.keys(policy.tiers ?? {}).join(', ') || 'none'})`,
		);
	const {
		tiers: _tiers,
		shared: _shared,
		requests,
		windowMs,
		maxConcurrency,
		burst,
		...rules
	} = policy;
	void _tiers;
	void _shared;
	// A tier's counts replace the policy's whole (a tier without `burst` is no bucket of the policy's size).
	return counts ? { ...rules, ...counts } : { ...rules, requests, windowMs, maxConcurrency, burst };
}
