/**
 * Where budgets live. Every method is atomic for its key, so a Redis store can implement each one as a
 * single Lua script and share budgets across queue-mode workers; the in-memory store serves one process.
 *
 * A key's budget is counted in one of three ways:
 * - `window`: a fixed window aligned to the reset the server reports (used as soon as one is reported);
 * - `bucket`: a token bucket when the policy sets `burst`;
 * - `sliding`: a sliding log otherwise, which can never overshoot `requests` per `windowMs`. A request is logged
 *   when granted and, at its answer, moved to when it reached the server at the latest (`release`'s
 *   `arrivedByMs`: the moment it left, plus a little for the way there, never past the answer): the server counts
 *   it on arrival, and a busy process (a batch leaving at once) can send a request well after its grant.
 * Server reports only ever lower the local estimate, so answers arriving out of order cannot inflate it.
 */
import type { RateLimitReading } from './headers';
import { MemoryLearnedLimitStore, type LearnedLimitStore } from './learned';
import type { MaybePromise } from './maybe-promise';
import { maxPauseOf, type RateLimitPolicy } from './policy';

/** A server report folded into a budget; `seq` is the permit's sequence number, so later grants are not double-counted. */
export interface BudgetObservation extends RateLimitReading {
	seq?: number;
	/** Bucket mode: points handed back because the request cost less than was taken for it (cost-based budgets). */
	refund?: number;
}

export type DenyReason = 'paused' | 'window' | 'concurrency';

/** `retryAtMs` is when to try again; null means "when a concurrency slot is released". */
export type AcquireResult =
	{ granted: true; seq: number } | { granted: false; reason: DenyReason; retryAtMs: number | null };

export interface BudgetSnapshot {
	mode: 'sliding' | 'window' | 'bucket';
	/** Requests per window as currently believed (the server's limit once it has reported one). */
	limit: number;
	windowMs: number;
	/** Requests that may start now, concurrency aside. */
	remaining: number;
	/** When the next request may start; null when one may start now. */
	nextSlotAtMs: number | null;
	/** When the whole budget is back (end of the window, oldest grant ageing out, bucket full); null when full. */
	resetAtMs: number | null;
	pausedUntilMs: number | null;
	inFlight: number;
	/** Requests granted since the process started. */
	granted: number;
}

export interface BudgetStore {
	/**
	 * Atomically checks pause, concurrency and budget, and on success counts the request. `cost`: the points a
	 * bucket-mode request takes (a cost-based budget; at most `burst`); 1 otherwise.
	 */
	tryAcquire(
		key: string,
		policy: RateLimitPolicy,
		nowMs: number,
		cost?: number,
	): MaybePromise<AcquireResult>;
	/** Atomically folds a server report into the budget (it can lower, pause or realign it, never inflate it). */
	observe(
		key: string,
		policy: RateLimitPolicy,
		observation: BudgetObservation,
		nowMs: number,
	): MaybePromise<void>;
	/**
	 * Frees the concurrency slot of one finished request (`seq`: its grant, so a shared store frees exactly that
	 * one). `arrivedByMs`: when the request had reached the server at the latest; the sliding log then holds its
	 * place from then instead of from its grant (never earlier). Releasing a request twice changes nothing.
	 */
	release(key: string, seq?: number, arrivedByMs?: number): MaybePromise<void>;
	/**
	 * Request `seq`, still in flight, has left: its place in the sliding log moves to `arrivedByMs` (never earlier),
	 * so a request a busy process sent long after its grant is not aged out while it may still reach the server.
	 */
	sent?(key: string, seq: number, arrivedByMs: number): MaybePromise<void>;
	/** Blocks the key until `atMs` (a later pause wins). */
	pauseUntil(key: string, atMs: number): Promise<void>;
	/** The key's budget as of `nowMs`, or null if the key was never used. */
	snapshot(key: string, policy: RateLimitPolicy, nowMs: number): Promise<BudgetSnapshot | null>;
	/**
	 * Set by a store shared with other processes, which free slots and move windows without telling this one:
	 * a waiter re-checks at least this often (on a concurrency slot; on anything else).
	 */
	readonly recheck?: { concurrencyMs: number; maxSleepMs: number };
	/** Where the limits learned from 429s are kept, shared as widely as the budgets (`lib/limits/learned.ts`). */
	readonly learned?: LearnedLimitStore;
	/**
	 * Every method answers with a value, never a promise: the limiter grants a request that nobody queues
	 * before right away, instead of through its queue (a store check per turn of the event loop's promises).
	 */
	readonly immediate?: boolean;
}

interface WindowState {
	endMs: number;
	limit: number;
	/** Our grants in this window. */
	ours: number;
	/** Requests others made in this window (other processes, other apps on the same account), as estimated. */
	external: number;
	/** True after rolling over on our own, until the server confirms the new window's reset. */
	assumed: boolean;
}

interface KeyState {
	seq: number;
	inFlight: number;
	pausedUntilMs: number;
	/** Our answered requests within the last window (ascending): when each reached the server at the latest. */
	log: number[];
	/** Our requests in flight, by grant sequence number: when granted (null once that is more than a window ago). */
	flying: Map<number, number | null>;
	/** Sliding mode: times of requests others made, as inferred from server reports. */
	phantoms: number[];
	/** Bucket mode: tokens left (starts at Infinity, i.e. a full bucket once capped by `burst`). */
	tokens: number;
	tokensAtMs: number;
	/** Bucket mode: tokens left right after each recent grant, to compare with what the server then reported. */
	grants: Array<{ seq: number; tokens: number; corrected: number }>;
	/** Bucket mode: tokens removed so far because others used the bucket (less the points handed back). */
	corrected: number;
	window: WindowState | null;
}

/** A process-local `BudgetStore`. */
export class MemoryBudgetStore implements BudgetStore {
	private readonly states = new Map<string, KeyState>();
	readonly learned: LearnedLimitStore = new MemoryLearnedLimitStore();
	readonly immediate: boolean = true;

	tryAcquire(
		key: string,
		policy: RateLimitPolicy,
		nowMs: number,
		cost = 1,
	): MaybePromise<AcquireResult> {
		const s = this.state(key, policy, nowMs);
		const take = costOf(policy, cost);
		if (nowMs < s.pausedUntilMs)
			return { granted: false, reason: 'paused', retryAtMs: s.pausedUntilMs };
		if (policy.maxConcurrency !== undefined && s.inFlight >= policy.maxConcurrency) {
			return { granted: false, reason: 'concurrency', retryAtMs: null };
		}
		const nextSlotAtMs = nextSlot(s, policy, nowMs, take);
		if (nextSlotAtMs !== null) return { granted: false, reason: 'window', retryAtMs: nextSlotAtMs };
		s.seq++;
		if (s.window) s.window.ours++;
		else if (policy.burst !== undefined) {
			s.tokens -= take;
			s.grants.push({ seq: s.seq, tokens: s.tokens, corrected: s.corrected });
			if (s.grants.length > MAX_TRACKED_GRANTS) s.grants.shift();
		}
		s.flying.set(s.seq, nowMs);
		s.inFlight++;
		return { granted: true, seq: s.seq };
	}

	observe(
		key: string,
		policy: RateLimitPolicy,
		obs: BudgetObservation,
		nowMs: number,
	): MaybePromise<void> {
		const s = this.state(key, policy, nowMs);
		if (obs.pauseUntilMs !== undefined)
			s.pausedUntilMs = Math.max(s.pausedUntilMs, obs.pauseUntilMs);
		if (obs.remaining === undefined) return;
		// Grants made after the observed request may not have reached the server yet: count them as still to come.
		const after = obs.seq === undefined ? 0 : Math.max(0, s.seq - obs.seq);
		if (obs.resetAtMs !== undefined) {
			// A reset already past belongs to an earlier window: its remaining no longer applies.
			if (obs.resetAtMs <= nowMs) return;
			const w = s.window;
			const tolerance = Math.min(1000, policy.windowMs / 4);
			if (!w) {
				s.window = {
					endMs: obs.resetAtMs,
					limit: obs.limit ?? policy.requests,
					ours: logged(s).length,
					external: 0,
					assumed: false,
				};
			} else if (w.assumed || obs.resetAtMs > w.endMs + tolerance) {
				w.endMs = obs.resetAtMs;
				w.assumed = false;
			} else if (obs.resetAtMs < w.endMs - tolerance) {
				return;
			} else {
				// Delta-second resets drift by a second between answers: keep the later, safer end.
				w.endMs = Math.max(w.endMs, obs.resetAtMs);
			}
		}
		if (s.window) {
			const w = s.window;
			if (obs.limit !== undefined) w.limit = obs.limit;
			w.external = Math.max(w.external, w.limit - obs.remaining - Math.max(0, w.ours - after));
		} else if (policy.burst !== undefined) {
			// The bucket refills between the server's count and our reading of it: compare the report with
			// what we expected right after that grant, and remove only the difference others caused.
			const grant = s.grants.find((g) => g.seq === obs.seq);
			// The request cost less than was taken for it (or nothing, when refused): those points come back, once.
			// A correction upwards: grants made before it was known compare with the server net of it.
			if (obs.refund !== undefined && obs.refund > 0) {
				s.tokens = Math.min(policy.burst, s.tokens + obs.refund);
				s.corrected -= obs.refund;
			}
			if (!grant) {
				s.tokens = Math.min(s.tokens, obs.remaining - after);
				return;
			}
			const deficit =
				Math.floor(grant.tokens + 1e-9) - obs.remaining - (s.corrected - grant.corrected);
			if (deficit > 0) {
				s.tokens -= deficit;
				s.corrected += deficit;
			}
		} else {
			const wanted = policy.requests - obs.remaining - Math.max(0, logged(s).length - after);
			while (s.phantoms.length < wanted) s.phantoms.push(nowMs);
		}
	}

	sent(key: string, seq: number, arrivedByMs: number): MaybePromise<void> {
		const s = this.states.get(key);
		const grantedMs = s?.flying.get(seq);
		// Not in flight (released), or already placed later: nothing to move.
		if (!s || grantedMs === undefined || (grantedMs !== null && grantedMs >= arrivedByMs)) return;
		// Moved to the end, so the map stays in time order for the walk that ages its entries (`state`): it is
		// placed no later than now, and every later grant at now or after.
		s.flying.delete(seq);
		s.flying.set(seq, arrivedByMs);
	}

	release(key: string, seq?: number, arrivedByMs?: number): MaybePromise<void> {
		const s = this.states.get(key);
		if (!s) return;
		// Without `seq`, the oldest request in flight (as the Redis store frees the lease that ends first).
		const which = seq ?? (s.flying.keys().next().value as number | undefined);
		if (which === undefined || !s.flying.has(which)) {
			if (seq === undefined) s.inFlight = Math.max(0, s.inFlight - 1);
			return;
		}
		const grantedMs = s.flying.get(which) ?? null;
		s.flying.delete(which);
		s.inFlight = Math.max(0, s.inFlight - 1);
		const at =
			arrivedByMs === undefined
				? grantedMs
				: grantedMs === null
					? arrivedByMs
					: Math.max(grantedMs, arrivedByMs);
		if (at !== null) insertSorted(s.log, at);
	}

	async pauseUntil(key: string, atMs: number): Promise<void> {
		const s = this.states.get(key) ?? this.fresh();
		this.states.set(key, s);
		s.pausedUntilMs = Math.max(s.pausedUntilMs, atMs);
	}

	async snapshot(
		key: string,
		policy: RateLimitPolicy,
		nowMs: number,
	): Promise<BudgetSnapshot | null> {
		if (!this.states.has(key)) return null;
		const s = this.state(key, policy, nowMs);
		const mode = s.window ? 'window' : policy.burst !== undefined ? 'bucket' : 'sliding';
		let limit = policy.requests;
		let remaining: number;
		let resetAtMs: number | null;
		if (s.window) {
			limit = s.window.limit;
			remaining = limit - s.window.ours - s.window.external;
			resetAtMs = s.window.endMs;
		} else if (policy.burst !== undefined) {
			remaining = Math.floor(s.tokens);
			const missing = policy.burst - s.tokens;
			resetAtMs = missing > 0 ? nowMs + Math.ceil(missing / rate(policy)) : null;
		} else {
			const used = [...logged(s), ...s.phantoms];
			remaining = policy.requests - used.length;
			resetAtMs = used.length > 0 ? Math.max(...used) + policy.windowMs : null;
		}
		return {
			mode,
			limit,
			windowMs: policy.windowMs,
			remaining: Math.max(0, remaining),
			nextSlotAtMs: nextSlot(s, policy, nowMs),
			resetAtMs,
			pausedUntilMs: s.pausedUntilMs > nowMs ? s.pausedUntilMs : null,
			inFlight: s.inFlight,
			granted: s.seq,
		};
	}

	private fresh(): KeyState {
		return {
			seq: 0,
			inFlight: 0,
			pausedUntilMs: 0,
			log: [],
			flying: new Map(),
			phantoms: [],
			tokens: Infinity,
			tokensAtMs: 0,
			grants: [],
			corrected: 0,
			window: null,
		};
	}

	/** The key's state brought forward to `nowMs`: old grants aged out, bucket refilled, window rolled. */
	private state(key: string, policy: RateLimitPolicy, nowMs: number): KeyState {
		let s = this.states.get(key);
		if (!s) {
			s = this.fresh();
			this.states.set(key, s);
		}
		const since = nowMs - policy.windowMs;
		while (s.log.length > 0 && s.log[0] <= since) s.log.shift();
		// In grant order, so in time order: the first grant still within the window ends the walk.
		for (const [seq, grantedMs] of s.flying) {
			if (grantedMs === null) continue;
			if (grantedMs > since) break;
			s.flying.set(seq, null);
		}
		while (s.phantoms.length > 0 && s.phantoms[0] <= since) s.phantoms.shift();
		if (policy.burst !== undefined) {
			s.tokens = Math.min(policy.burst, s.tokens + (nowMs - s.tokensAtMs) * rate(policy));
			s.tokensAtMs = nowMs;
		}
		// A pause or window end beyond the policy's ceiling (e.g. recorded before the ceiling existed) is brought
		// within it once and stored so, so the connection recovers then instead of never.
		const ceiling = nowMs + maxPauseOf(policy);
		s.pausedUntilMs = Math.min(s.pausedUntilMs, ceiling);
		const w = s.window;
		if (w) w.endMs = Math.min(w.endMs, ceiling);
		if (w && nowMs >= w.endMs) {
			// The server's window is over: assume the next one is as long, until an answer says otherwise.
			w.endMs += (Math.floor((nowMs - w.endMs) / policy.windowMs) + 1) * policy.windowMs;
			w.ours = 0;
			w.external = 0;
			w.assumed = true;
		}
		return s;
	}
}

const MAX_TRACKED_GRANTS = 1000;

function rate(policy: RateLimitPolicy): number {
	return policy.requests / policy.windowMs;
}

/** The points one request takes: its cost in bucket mode (never more than the bucket holds), else 1. */
function costOf(policy: RateLimitPolicy, cost: number): number {
	if (policy.burst === undefined || !(cost >= 0)) return 1;
	return Math.min(cost, policy.burst);
}

/** When the next request may start by budget alone (null: now). Expects a state already brought forward. */
function nextSlot(s: KeyState, policy: RateLimitPolicy, nowMs: number, take = 1): number | null {
	if (s.window) return s.window.ours + s.window.external >= s.window.limit ? s.window.endMs : null;
	if (policy.burst !== undefined) {
		// A hair of tolerance so float refill (0.9999999 tokens) does not cost an extra round trip.
		return s.tokens >= take - 1e-9 ? null : nowMs + Math.ceil((take - s.tokens) / rate(policy));
	}
	const capacity = Math.max(1, policy.requests);
	// Counted before anything is copied or sorted: with room left (most grants) this is the whole check.
	let count = s.log.length + s.phantoms.length;
	if (count < capacity)
		for (const t of s.flying.values()) if (t !== null && ++count >= capacity) break;
	if (count < capacity) return null;
	const used = [...logged(s), ...s.phantoms].sort((a, b) => a - b);
	return used[used.length - capacity] + policy.windowMs;
}

/** Our requests in the sliding log: those answered, and those in flight granted within the last window. */
function logged(s: KeyState): number[] {
	const flying = [...s.flying.values()].filter((t): t is number => t !== null);
	return flying.length === 0 ? s.log : [...s.log, ...flying];
}

/** Inserts `value` into an ascending list, keeping it ascending (answers mostly come back in order). */
function insertSorted(list: number[], value: number): void {
	let i = list.length;
	while (i > 0 && list[i - 1] > value) i--;
	list.splice(i, 0, value);
}
