/**
 * Limits learned, not declared. A connection whose service declares no rate limit (a Custom API, a GraphQL
 * endpoint: `UNDECLARED_LIMIT`) starts with no budget of its own and learns one from the 429s it gets:
 *
 * - **Counting.** Successful answers are counted per *episode*, by the time their request was granted. The
 *   first 429 of an episode that says when to come back (`Retry-After`, a reset) teaches the limit: as many
 *   requests as succeeded in the server's last window, per the span from the first of them reaching the
 *   server to the time the server lets requests through again (`windowAnchor`). The connection then keeps to that as a sliding window (never more than `requests`
 *   in any `windowMs`), which is safe for fixed, sliding and "from the first request" windows alike.
 * - **Episodes.** A 429 starts a new episode; requests granted before it (or in the same ms) that come back later (429 or not) are
 *   stragglers of the old one and teach nothing. Once a limit is known, the count restarts each time a
 *   success is granted a whole learned window after the first one counted, so it stays one window's worth.
 *   Without a limit, a pause of `IDLE_GAP_MS` between successes restarts it.
 * - **Revision.** A limit learned from a 429 holds for `holdMs` (16 windows, within 60 s to 1 h). After that,
 *   a request the learned limit holds back raises it by half (at least one); each further window without a 429
 *   may raise it again, so a limit learned from a transient 429 recovers. A 429 after a raise teaches the
 *   limit again and doubles the hold (at most 1 h, or 4 windows when longer), so a right limit is probed ever
 *   more rarely.
 * - **Erratic 429s.** A 429 with fewer than half the learned limit (or fewer than `MIN_LEARNED_REQUESTS`) sent
 *   in its window contradicts the limit (a server refusing at random, or under load): the limit is dropped and,
 *   for `ERRATIC_MS` (10 min), nothing is learned and a 429 pauses only its own request, as on a connection that
 *   learns nothing. A 429 with at least half sent teaches the limit again: a budget the server shares with
 *   other clients shrinks and grows, and the connection follows it.
 * - **Forgetting.** A state not changed for `LEARNED_TTL_MS` (24 h) is dropped: the connection learns afresh.
 * - **Sharing.** The state lives in a `LearnedLimitStore`: in memory, or in Redis with the Redis budget store,
 *   so every worker keeps to what one of them learned. Changes are compare-and-set on the whole state.
 *
 * A 429 that names no time (no `Retry-After`, no reset), a time beyond the pause ceiling (`maxPauseOf`: an
 * absurd answer), or fewer than `MIN_LEARNED_REQUESTS` successes before it teaches nothing: it only starts a
 * new episode (the retry's pause holds the connection). Budget headers, when the server sends them, are read like a
 * declared service's (`STANDARD_HEADER_RULES`) and counted by the budget store, learned limit or not.
 */
import type { RateLimitPolicy } from './policy';
import type { MaybePromise } from './maybe-promise';

/** The policy of a connection with no declared limit: no budget until one is reported or learned. */
export const UNDECLARED_LIMIT: RateLimitPolicy = Object.freeze({
	// "No limit" as a finite count: stores and messages handle numbers, not Infinity.
	requests: 1_000_000,
	windowMs: 1000,
	learn: true,
});

export interface LearnedLimit {
	requests: number;
	windowMs: number;
}

export interface LearnedState {
	/** The learned limit; null until a 429 has taught one. */
	requests: number | null;
	windowMs: number | null;
	/** Requests granted before this (epoch ms) belong to an episode already learned from. */
	episodeStartMs: number;
	/** Grant times of the first and last success counted, and how many were counted. */
	firstMs: number | null;
	lastMs: number | null;
	count: number;
	/** The latest successes counted (at most `MAX_RECENT`): when each was granted and answered. */
	recent: Array<[number, number]>;
	/** The shortest round trip of the successes counted. */
	minRttMs: number | null;
	/** The learned limit is not raised before this. */
	raiseAtMs: number;
	/** How long a limit learned from a 429 holds before it is first raised. */
	holdMs: number;
	/** The limit is a raise that no 429 has confirmed or refuted yet. */
	raised: boolean;
	/** Until then the 429s are taken as erratic, not a limit: nothing is learned and they pause no other request. */
	erraticUntilMs?: number;
	updatedMs: number;
}

/** One answer, as learning reads it. */
export interface LearnedAnswer {
	/** When its request was granted. */
	grantedMs: number;
	nowMs: number;
	throttled: boolean;
	/** A throttled answer: when the server lets requests through again (Retry-After or reset); null: it did not say. */
	resumeAtMs: number | null;
}

export const IDLE_GAP_MS = 10_000;
/** Successes remembered one by one, to find where the server's window began (`windowAnchor`). */
export const MAX_RECENT = 64;
export const MIN_HOLD_MS = 60_000;
export const MAX_HOLD_MS = 3_600_000;
export const LEARNED_TTL_MS = 24 * 3_600_000;
/**
 * The fewest successes a limit is learned from. One or two successes before a 429 are what a server refusing
 * at random gives most often; learned, they would pace the connection at a request or two per window, and
 * no later 429 could contradict so small a limit. A real limit that small is kept by the 429s' pauses instead.
 */
export const MIN_LEARNED_REQUESTS = 3;
/** How long 429s that contradict a learned limit are taken as erratic (see `learnFrom`). */
export const ERRATIC_MS = 600_000;

/** Whether the connection's 429s are taken as erratic now: they teach nothing and pause only their own request. */
export function isErratic(state: LearnedState | null, nowMs: number): boolean {
	return (state?.erraticUntilMs ?? 0) > nowMs;
}

/** The learned limit of a state, if it has one. */
export function learnedLimit(state: LearnedState | null): LearnedLimit | null {
	if (!state || state.requests === null || state.windowMs === null) return null;
	return { requests: state.requests, windowMs: state.windowMs };
}

/** The policy to count with: the declared one, or an undeclared one narrowed to what was learned. */
export function withLearned(policy: RateLimitPolicy, state: LearnedState | null): RateLimitPolicy {
	const learned = policy.learn ? learnedLimit(state) : null;
	return learned ? { ...policy, ...learned } : policy;
}

/** A count of successes not begun. */
const EMPTY_COUNT = { firstMs: null, lastMs: null, count: 0, recent: [], minRttMs: null };

function fresh(nowMs: number): LearnedState {
	return {
		requests: null,
		windowMs: null,
		episodeStartMs: 0,
		...EMPTY_COUNT,
		raiseAtMs: 0,
		holdMs: MIN_HOLD_MS,
		raised: false,
		updatedMs: nowMs,
	};
}

/** The state after one answer; null when the answer changes nothing. */
export function learnFrom(state: LearnedState | null, a: LearnedAnswer): LearnedState | null {
	const s = state ?? fresh(a.nowMs);
	// A straggler of an episode already learned from.
	if (a.grantedMs <= s.episodeStartMs) return null;
	if (!a.throttled) return counted(s, a);
	if (isErratic(s, a.nowMs)) return null;
	const next: LearnedState = { ...s, episodeStartMs: a.nowMs, ...EMPTY_COUNT, updatedMs: a.nowMs };
	// Refused with fewer than half the learned limit (or than MIN_LEARNED_REQUESTS) sent in its window: the
	// 429s do not follow a count (a server refusing at random, under load). Learning stops for a while, and so
	// do the pauses of the whole connection: each refused request waits its own Retry-After, as if nothing were
	// learned.
	if (s.requests !== null && s.count < Math.max(s.requests / 2, MIN_LEARNED_REQUESTS))
		return {
			...next,
			requests: null,
			windowMs: null,
			raised: false,
			erraticUntilMs: a.nowMs + Math.max(ERRATIC_MS, s.holdMs),
		};
	// Nothing to learn from: the server named no time, or too few succeeded since the last 429.
	const anchor = a.resumeAtMs === null ? null : windowAnchor(s, a.resumeAtMs);
	if (a.resumeAtMs === null || !anchor || anchor.requests < MIN_LEARNED_REQUESTS) return next;
	const windowMs = Math.max(1, Math.ceil(a.resumeAtMs - anchor.startMs));
	const firstHold = Math.min(MAX_HOLD_MS, Math.max(MIN_HOLD_MS, 16 * windowMs));
	const holdMs =
		s.requests === null
			? firstHold
			: s.raised
				? Math.min(2 * s.holdMs, Math.max(MAX_HOLD_MS, 4 * windowMs))
				: Math.max(s.holdMs, firstHold);
	return {
		...next,
		requests: anchor.requests,
		windowMs,
		holdMs,
		raiseAtMs: a.resumeAtMs + holdMs,
		raised: false,
	};
}

/** One more success counted (a new count once the first one counted is a whole learned window old). */
function counted(s: LearnedState, a: LearnedAnswer): LearnedState {
	const restart =
		s.firstMs === null ||
		(s.windowMs !== null
			? a.grantedMs - s.firstMs >= s.windowMs
			: a.grantedMs - (s.lastMs ?? a.grantedMs) > IDLE_GAP_MS);
	const base = restart ? { ...s, ...EMPTY_COUNT } : s;
	const rtt = a.nowMs - a.grantedMs;
	// One copy per success (every answer passes here): the latest MAX_RECENT, this one included.
	const recent = base.recent.slice(base.recent.length >= MAX_RECENT ? 1 - MAX_RECENT : 0);
	recent.push([a.grantedMs, a.nowMs]);
	return {
		...base,
		firstMs: Math.min(base.firstMs ?? a.grantedMs, a.grantedMs),
		lastMs: Math.max(base.lastMs ?? a.grantedMs, a.grantedMs),
		count: base.count + 1,
		recent,
		minRttMs: Math.min(base.minRttMs ?? rtt, rtt),
		updatedMs: a.nowMs,
	};
}

/**
 * Where the server's window began, and how many of ours it let through: of the windows that end at the
 * resume and begin at one of the successes counted (or at the first of all), the shortest whose rate is
 * within 5 % of the highest. A window began when a request reached the server: after it was granted,
 * and before it was answered by about the shortest round trip seen (a cold request waits before it leaves).
 * Successes counted over more than one server window (sending slower than the limit at first) so count
 * only the last window's, the one that ended in the 429.
 */
function windowAnchor(
	s: LearnedState,
	resumeAtMs: number,
): { startMs: number; requests: number } | null {
	if (s.count === 0 || s.firstMs === null) return null;
	const rtt = s.minRttMs ?? 0;
	const arrivals = s.recent.map(([granted, answered]) => Math.max(granted, answered - rtt));
	arrivals.sort((x, y) => x - y);
	const candidates = arrivals.map((startMs, i) => ({ startMs, requests: arrivals.length - i }));
	// The whole count, when the list keeps only the latest successes.
	if (s.count > arrivals.length) candidates.unshift({ startMs: s.firstMs, requests: s.count });
	const rate = (c: { startMs: number; requests: number }) =>
		c.requests / Math.max(1, resumeAtMs - c.startMs);
	const top = Math.max(...candidates.map(rate));
	// The shortest window whose rate is about the highest: a longer one that spans two server windows has
	// much the same rate, but lets twice the burst through.
	return candidates.filter((c) => rate(c) >= 0.95 * top).pop() ?? null;
}

/** The state with its learned limit raised, when a request is held back by it and the hold is over; else null. */
export function raiseLimit(state: LearnedState | null, nowMs: number): LearnedState | null {
	if (!state || state.requests === null || state.windowMs === null || nowMs < state.raiseAtMs)
		return null;
	return {
		...state,
		requests: Math.max(state.requests + 1, Math.ceil(state.requests * 1.5)),
		raised: true,
		// The next raise needs one more window without a 429.
		raiseAtMs: nowMs + state.windowMs,
		updatedMs: nowMs,
	};
}

/** Where learned states live: per budget key, changed atomically. */
export interface LearnedLimitStore {
	get(key: string, nowMs: number): MaybePromise<LearnedState | null>;
	/**
	 * Applies `change` to the key's current state atomically (compare-and-set: `change` may run again with a
	 * newer state) and returns the state after it. `change` returns null to leave the state as it is.
	 */
	update(
		key: string,
		nowMs: number,
		change: (state: LearnedState | null) => LearnedState | null,
	): MaybePromise<LearnedState | null>;
	/** Both methods answer with a value, never a promise (see `BudgetStore.immediate`). */
	readonly immediate?: boolean;
}

/** Whether a state is too old to keep (see `LEARNED_TTL_MS`). */
export function expired(state: LearnedState | null, nowMs: number): boolean {
	return state !== null && nowMs - state.updatedMs >= LEARNED_TTL_MS;
}

/** A process-local `LearnedLimitStore`. */
export class MemoryLearnedLimitStore implements LearnedLimitStore {
	private readonly states = new Map<string, LearnedState>();
	readonly immediate: boolean = true;

	get(key: string, nowMs: number): LearnedState | null {
		const s = this.states.get(key) ?? null;
		if (!expired(s, nowMs)) return s;
		this.states.delete(key);
		return null;
	}

	update(
		key: string,
		nowMs: number,
		change: (state: LearnedState | null) => LearnedState | null,
	): LearnedState | null {
		const current = this.get(key, nowMs);
		const next = change(current);
		if (next) this.states.set(key, next);
		return next ?? current;
	}
}
