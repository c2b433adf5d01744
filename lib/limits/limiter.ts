/**
 * The rate limiter: one FIFO queue per (service, connection), drained as the key's budget allows.
 * Requests wait instead of failing; a wait longer than the caller's bound becomes a clear error, never a
 * hang. Each answer is fed back (`permit.release(observation)`) so the budget follows what the server reports.
 */
import { systemClock, type Clock } from './clock';
import type { ResponseObservation } from './observation';
import { formatDuration, isoSeconds } from '../retry/duration';
import { maxPauseOf, type RateLimitPolicy } from './policy';
import {
	MemoryBudgetStore,
	type AcquireResult,
	type BudgetObservation,
	type BudgetSnapshot,
	type BudgetStore,
	type DenyReason,
} from './store';
import { andThen, quietly, type MaybePromise } from './maybe-promise';
import type { CostReading } from './cost';
import {
	isErratic,
	learnFrom,
	MemoryLearnedLimitStore,
	raiseLimit,
	withLearned,
	type LearnedLimitStore,
	type LearnedState,
} from './learned';
import { classifyResponse, type ResponseClass } from './throttle';

/**
 * One budget per (service, connection), or per (service, connection, tier, key) when an operation names its
 * tier and the resource its budget is keyed by. `connection` should be stable (a credential id), never a secret.
 */
export interface LimitKey {
	service: string;
	connection: string;
	/** The operation's tier (`RateLimitPolicy.tiers`); absent: the service's own budget. */
	tier?: string;
	/** The resource the budget is kept per (a channel, a base, a shop): a parameter value, never a secret. */
	scope?: string;
}

export interface AcquireOptions {
	/** Longest time to wait in the queue before `RateLimitWaitError`. */
	maxWaitMs: number;
	/** Longest time to wait while the server has paused the key (Retry-After, a reset); default `maxWaitMs`. */
	maxPausedWaitMs?: number;
	/** Aborting removes the waiter from the queue and rejects with the signal's reason. */
	signal?: AbortSignal;
	/** Cost-based budgets: the points this request is expected to take (default: learned, see `costKey`). */
	cost?: number;
	/** Cost-based budgets: what the request is (e.g. its operation), to expect the cost its kind was last charged. */
	costKey?: string;
}

/** What the caller knows about an answer beyond status, headers and body. */
export interface AnswerHints {
	/** The answer reported a rate-limit error inside a success (an error code in the body). */
	throttled?: boolean;
	/**
	 * When the request left this process (its last byte handed to the network), if known (the pipeline learns it
	 * from Node's HTTP client, `lib/transport/sent-at.ts`). Without it the request keeps its place from its grant.
	 */
	sentAtMs?: number;
}

/**
 * How long after leaving this process a request is taken to have reached the server at the latest: the way
 * there varies (network jitter, a busy server reading its socket late); what is the same for every request
 * (the network's delay itself) shifts them all alike and costs nothing.
 */
export const ARRIVAL_ALLOWANCE_MS = 10;

/**
 * When a request reached the server at the latest: left at `sentAtMs` plus the allowance, never after its answer;
 * undefined when when it left is not known (its grant then stands).
 */
export function arrivedBy(answeredMs: number, sentAtMs: number | undefined): number | undefined {
	return sentAtMs === undefined
		? undefined
		: Math.min(answeredMs, Math.max(0, sentAtMs) + ARRIVAL_ALLOWANCE_MS);
}

/** The right to send one request now. */
export interface Permit {
	readonly key: LimitKey;
	/** Time spent in the queue. */
	readonly waitedMs: number;
	/** What the request last waited for, if it waited at all. */
	readonly blockedBy?: DenyReason;
	/** Ends the request: frees its concurrency slot and feeds the answer, if any, into the budget. Idempotent; never rejects. */
	release(observation?: ResponseObservation, hints?: AnswerHints): Promise<void>;
	/**
	 * The request left this process at `sentAtMs` (before its answer): a budget that counts arrivals moves its
	 * place there at once. Best effort; never rejects.
	 */
	sent(sentAtMs: number): void;
}

/** Usage statistics of one key, for the connections dashboard. */
export interface RateLimitStats {
	granted: number;
	/** Answers the policy classified as throttled. */
	throttled: number;
	/** Waiters that gave up with `RateLimitWaitError`. */
	waitErrors: number;
	totalWaitMs: number;
	longestWaitMs: number;
	/** Requests waiting right now. */
	queued: number;
	budget: BudgetSnapshot | null;
}

export interface RateLimitWaitDetails {
	service: string;
	connection: string;
	waitedMs: number;
	maxWaitMs: number;
	/** When the blocking condition ends (window reset, end of pause); null when waiting on concurrency. */
	resetAtMs: number | null;
	reason: DenyReason;
	limit: number;
	windowMs: number;
	maxConcurrency?: number;
	/** When the waiter gave up (default: when the blocking condition was checked, i.e. `resetAtMs` is measured from it). */
	atMs?: number;
	/** The resource the budget is kept per (a channel, a base), when it is. */
	scope?: string;
}

/** The node option that bounds a queue wait, named as the editor shows it. */
export const QUEUE_WAIT_OPTION = "'Max Queue Wait (Seconds)'";

/** A request waited (or would have to wait) longer than its bound for a free slot. */
export class RateLimitWaitError extends Error {
	readonly service: string;
	readonly connection: string;
	readonly waitedMs: number;
	readonly maxWaitMs: number;
	readonly resetAtMs: number | null;
	readonly reason: DenyReason;
	/** What happened, in one sentence. */
	readonly explanation: string;
	/** What the user can do, in one sentence naming the real node option. */
	readonly fix: string;
	/** Everything the text was made of, to say it again with the service's display name. */
	readonly details: RateLimitWaitDetails;

	constructor(details: RateLimitWaitDetails) {
		const { cause, fix } = waitErrorText(details);
		super(`${cause} ${fix}`);
		this.name = 'RateLimitWaitError';
		this.service = details.service;
		this.connection = details.connection;
		this.waitedMs = details.waitedMs;
		this.maxWaitMs = details.maxWaitMs;
		this.resetAtMs = details.resetAtMs;
		this.reason = details.reason;
		this.explanation = cause;
		this.fix = fix;
		this.details = details;
	}
}

/** The user-facing cause and fix of a `RateLimitWaitError`: what blocked, for how long, until when, and the real option. */
export function waitErrorText(d: RateLimitWaitDetails): { cause: string; fix: string } {
	const waitedAll = d.waitedMs >= d.maxWaitMs;
	const allowed = `longer than ${QUEUE_WAIT_OPTION} allows (${formatDuration(d.maxWaitMs)})`;
	const waited = `The request waited ${formatDuration(d.waitedMs)}, all that ${QUEUE_WAIT_OPTION} allows,`;
	if (d.reason === 'concurrency' || d.resetAtMs === null) {
		const n = d.maxConcurrency;
		const slots =
			n === undefined
				? `a request slot of ${d.service}`
				: n === 1
					? `the one request slot of ${d.service}`
					: `all ${n} request slots of ${d.service}`;
		return {
			cause: `${waited} while ${slots} stayed busy, so it was not sent.`,
			fix: `Raise ${QUEUE_WAIT_OPTION} or lower 'Concurrent Items' in the node options.`,
		};
	}
	const until = isoSeconds(d.resetAtMs);
	if (d.reason === 'paused') {
		const inMs = d.resetAtMs - (d.atMs ?? d.resetAtMs);
		return {
			cause: waitedAll
				? `${waited} while ${d.service} had asked to pause this connection until ${until}, so it was not sent.`
				: `${d.service} asked to pause this connection until ${until}${d.atMs !== undefined ? ` (${formatDuration(inMs)} from now)` : ''}, ${allowed}, so the request was not sent.`,
			fix: `Run the workflow again after ${until}, or raise ${QUEUE_WAIT_OPTION} in the node options so the request waits for it.`,
		};
	}
	const concurrency = d.maxConcurrency !== undefined ? `, at most ${d.maxConcurrency} at once` : '';
	const per = d.scope !== undefined ? ` for '${d.scope}'` : '';
	const budget = `the ${d.service} rate limit${per} (${d.limit} requests per ${duration(d.windowMs)}${concurrency})`;
	return {
		cause: waitedAll
			? `${waited} for ${budget} and was not sent; the window resets at ${until}.`
			: `${budget[0].toUpperCase()}${budget.slice(1)} is used up until ${until}, ${allowed}, so the request was not sent.`,
		fix: `Raise ${QUEUE_WAIT_OPTION} in the node options, send fewer requests (for example lower 'Concurrent Items'), or run the workflow after ${until}.`,
	};
}

function duration(ms: number): string {
	const units: Array<[number, string]> = [
		[86_400_000, 'day'],
		[3_600_000, 'h'],
		[60_000, 'min'],
		[1000, 's'],
	];
	for (const [size, name] of units) {
		if (ms >= size && ms % size === 0)
			return `${ms / size} ${name === 'day' && ms !== size ? 'days' : name}`;
	}
	return `${ms} ms`;
}

/** Stable store key of a (service, connection[, tier, scope]) budget. */
export function limitKeyId(key: LimitKey): string {
	const base = `${encodeURIComponent(key.service)}:${encodeURIComponent(key.connection)}`;
	if (key.tier === undefined && key.scope === undefined) return base;
	return `${base}:${encodeURIComponent(key.tier ?? '')}:${encodeURIComponent(key.scope ?? '')}`;
}

// How long to hold back when the server still throttles after the reset it announced (clock skew).
const SKEW_GRACE_MS = 1000;

// Kinds of request whose cost is remembered, over all budgets.
const MAX_LEARNED_COSTS = 10_000;

// setTimeout cannot wait longer than 2^31-1 ms; longer waits are re-evaluated after this.
const MAX_SLEEP_MS = 2_147_483_647;

/** What a permit needs of the request it was granted to. */
type Grantee = Pick<Waiter, 'policy' | 'cost' | 'costKey' | 'blockedBy'>;

interface Waiter {
	policy: RateLimitPolicy;
	/** Points this request takes from a cost-based budget (1 otherwise). */
	cost: number;
	costKey?: string;
	startedMs: number;
	deadlineMs: number;
	maxWaitMs: number;
	pausedDeadlineMs: number;
	maxPausedWaitMs: number;
	blockedBy?: DenyReason;
	resolve: (permit: Permit) => void;
	reject: (error: unknown) => void;
	detach: () => void;
}

interface KeyQueue {
	id: string;
	key: LimitKey;
	policy: RateLimitPolicy;
	waiters: Waiter[];
	running: boolean;
	/** Set when something changed while the pump was busy, so it re-checks instead of sleeping. */
	dirty: boolean;
	wake: AbortController | null;
	/** A pause the store could not record (it was unreachable): honoured here until the store answers again. */
	localPauseUntilMs: number;
	/** Cost-based budgets: the bucket size and restore rate the server last reported. */
	learned: { maximum?: number; restorePerSecond?: number };
	/** Undeclared budgets: the limit learned from 429s (`learned.ts`) as last read, and when it was read. */
	taught: LearnedState | null;
	taughtReadMs: number;
	stats: Omit<RateLimitStats, 'queued' | 'budget'>;
}

export interface RateLimiterOptions {
	store?: BudgetStore;
	clock?: Clock;
	/** Where limits learned from 429s are kept; default: the store's own (`BudgetStore.learned`). */
	learned?: LearnedLimitStore;
}

export class RateLimiter {
	private readonly store: BudgetStore;
	private readonly clock: Clock;
	private readonly taught: LearnedLimitStore;
	private readonly queues = new Map<string, KeyQueue>();
	/** Cost-based budgets: the cost each kind of request was last charged up front, per budget. */
	private readonly expectedCosts = new Map<string, number>();

	constructor(options: RateLimiterOptions = {}) {
		this.store = options.store ?? new MemoryBudgetStore();
		this.clock = options.clock ?? systemClock;
		this.taught = options.learned ?? this.store.learned ?? new MemoryLearnedLimitStore();
	}

	/** Waits in the key's FIFO queue for a slot; rejects with `RateLimitWaitError` past `maxWaitMs`. */
	async acquire(key: LimitKey, policy: RateLimitPolicy, options: AcquireOptions): Promise<Permit> {
		const { signal } = options;
		if (signal?.aborted) throw signal.reason;
		const q = this.queue(key, policy);
		const granted = this.grantAtOnce(q, policy, options);
		const atOnce = granted instanceof Promise ? await granted : granted;
		if (atOnce) return atOnce;
		return await new Promise<Permit>((resolve, reject) => {
			const now = this.clock.now();
			const maxWaitMs = Math.max(0, options.maxWaitMs);
			const maxPausedWaitMs = Math.max(0, options.maxPausedWaitMs ?? maxWaitMs);
			const onAbort = () => {
				this.remove(q, waiter);
				reject(signal?.reason);
				this.wake(q);
			};
			const waiter: Waiter = {
				policy,
				cost: this.expectedCost(q, policy, options),
				costKey: options.costKey,
				startedMs: now,
				deadlineMs: now + maxWaitMs,
				maxWaitMs,
				pausedDeadlineMs: now + maxPausedWaitMs,
				maxPausedWaitMs,
				resolve,
				reject,
				detach: () => signal?.removeEventListener('abort', onAbort),
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			q.waiters.push(waiter);
			if (q.running) this.wake(q);
			else void this.pump(q);
		});
	}

	/**
	 * A request nobody queues before, on stores that answer at once (in memory), is granted here if the budget
	 * has room: no place in the queue, no abort listener, no pump. Undefined: it queues (and is checked again).
	 */
	private grantAtOnce(
		q: KeyQueue,
		policy: RateLimitPolicy,
		options: AcquireOptions,
	): MaybePromise<Permit | undefined> {
		if (q.running || q.waiters.length > 0 || !this.store.immediate) return undefined;
		if (policy.learn && !this.taught.immediate) return undefined;
		const now = this.clock.now();
		if (now < q.localPauseUntilMs) return undefined;
		if (policy.learn) {
			const taught = this.taught.get(q.id, now);
			if (taught instanceof Promise) return undefined;
			q.taught = taught;
			q.taughtReadMs = now;
		}
		const cost = this.expectedCost(q, policy, options);
		const grant = (result: AcquireResult): Permit | undefined => {
			if (!result.granted) return undefined;
			q.stats.granted++;
			return this.permit(q, { policy, cost, costKey: options.costKey }, result.seq, 0);
		};
		const result = this.store.tryAcquire(q.id, this.effective(q, policy), now, cost);
		// A store that said it answers at once but did not (a test double): its answer is still the one that counts.
		return result instanceof Promise ? result.then(grant) : grant(result);
	}

	/**
	 * Blocks the key until `atMs` (e.g. after a 429), at most the policy's pause ceiling; a later pause wins.
	 * False when the key's 429s are erratic (`isErratic`): then nothing is paused, and the caller waits alone.
	 */
	async pauseUntil(key: LimitKey, untilMs: number): Promise<boolean> {
		const q = this.queues.get(limitKeyId(key));
		if (q?.policy.learn && isErratic(q.taught, this.clock.now())) return false;
		const atMs = Math.min(untilMs, this.clock.now() + maxPauseOf(q?.policy));
		try {
			await this.store.pauseUntil(limitKeyId(key), atMs);
		} catch {
			// A shared store that is down: pause this process at least; the next acquire reports the outage.
			if (q) q.localPauseUntilMs = Math.max(q.localPauseUntilMs, atMs);
		}
		if (q) this.wake(q);
		return true;
	}

	/** Statistics and budget of a key, or null if it was never used. */
	async snapshot(key: LimitKey): Promise<RateLimitStats | null> {
		const q = this.queues.get(limitKeyId(key));
		if (!q) return null;
		const budget = await this.store.snapshot(q.id, this.effective(q, q.policy), this.clock.now());
		return { ...q.stats, queued: q.waiters.length, budget };
	}

	/**
	 * The policy the store counts with. A cost-based budget is a bucket of points: its size and restore rate
	 * as the server last reported them (else as the policy says), restored per second.
	 */
	private effective(q: KeyQueue, declared: RateLimitPolicy): RateLimitPolicy {
		const policy = withLearned(declared, q.taught);
		if (!policy.cost) return policy;
		return {
			...policy,
			requests: q.learned.restorePerSecond ?? policy.cost.restorePerSecond,
			windowMs: 1000,
			burst: q.learned.maximum ?? policy.cost.maximum,
		};
	}

	/** Points a request is expected to take: as asked, as its kind was last charged, or the policy's default. */
	private expectedCost(q: KeyQueue, policy: RateLimitPolicy, options: AcquireOptions): number {
		if (!policy.cost) return 1;
		if (options.cost !== undefined && options.cost >= 0) return options.cost;
		const learned =
			options.costKey === undefined
				? undefined
				: this.expectedCosts.get(`${q.id}\n${options.costKey}`);
		return learned ?? policy.cost.defaultCost ?? 1;
	}

	private learnCost(q: KeyQueue, costKey: string, cost: number): void {
		const id = `${q.id}\n${costKey}`;
		this.expectedCosts.delete(id);
		this.expectedCosts.set(id, cost);
		// Bounded: the oldest kinds are forgotten first (they are learnt again from their next answer).
		if (this.expectedCosts.size > MAX_LEARNED_COSTS)
			this.expectedCosts.delete(this.expectedCosts.keys().next().value as string);
	}

	private queue(key: LimitKey, policy: RateLimitPolicy): KeyQueue {
		const id = limitKeyId(key);
		let q = this.queues.get(id);
		if (!q) {
			q = {
				id,
				key: { ...key },
				policy,
				waiters: [],
				running: false,
				dirty: false,
				wake: null,
				localPauseUntilMs: 0,
				learned: {},
				taught: null,
				taughtReadMs: -Infinity,
				stats: { granted: 0, throttled: 0, waitErrors: 0, totalWaitMs: 0, longestWaitMs: 0 },
			};
			this.queues.set(id, q);
		}
		q.policy = policy;
		return q;
	}

	/** Serves the key's waiters in order, one store check at a time, sleeping while the budget is spent. */
	private async pump(q: KeyQueue): Promise<void> {
		q.running = true;
		try {
			while (q.waiters.length > 0) {
				q.dirty = false;
				const now = this.clock.now();
				if (q.waiters[0].policy.learn) await this.readTaught(q, now);
				const result: AcquireResult =
					now < q.localPauseUntilMs
						? { granted: false, reason: 'paused', retryAtMs: q.localPauseUntilMs }
						: await this.store.tryAcquire(
								q.id,
								this.effective(q, q.waiters[0].policy),
								now,
								q.waiters[0].cost,
							);
				if (result.granted) {
					this.grant(q, result.seq);
					continue;
				}
				if (result.reason === 'window' && q.waiters[0].policy.learn && (await this.raise(q, now)))
					continue;
				// Nobody can go before the key unblocks: whoever's bound ends sooner fails now instead of hanging.
				const blockedUntil = result.retryAtMs ?? now + 1;
				const deadline = (w: Waiter) =>
					result.reason === 'paused' ? w.pausedDeadlineMs : w.deadlineMs;
				for (const w of q.waiters) w.blockedBy = result.reason;
				const expiring = q.waiters.filter((w) => deadline(w) < blockedUntil);
				if (expiring.length > 0) await this.fail(q, expiring, result.reason, result.retryAtMs);
				if (q.waiters.length === 0) break;
				if (q.dirty) continue;
				let until = q.waiters.reduce(
					(min, w) => Math.min(min, deadline(w)),
					result.retryAtMs ?? Infinity,
				);
				// Other processes sharing the store free slots without waking us: look again a little later.
				// Not during a pause: others can only make it longer, so its end is the next moment that matters.
				const recheck = this.store.recheck;
				if (recheck && result.reason !== 'paused')
					until = Math.min(
						until,
						now + (result.reason === 'concurrency' ? recheck.concurrencyMs : recheck.maxSleepMs),
					);
				await this.sleep(q, Math.min(MAX_SLEEP_MS, Math.max(1, until - now)));
			}
		} catch (error) {
			// A failing store (e.g. Redis down) must not leave anyone waiting forever.
			for (const waiter of q.waiters.splice(0)) {
				waiter.detach();
				waiter.reject(error);
			}
		} finally {
			q.running = false;
		}
	}

	private grant(q: KeyQueue, seq: number): void {
		const waiter = q.waiters.shift();
		if (!waiter) {
			// The waiter was aborted while the store granted its slot: hand the slot back.
			void quietly(() => this.store.release(q.id, seq));
			return;
		}
		waiter.detach();
		const waitedMs = this.clock.now() - waiter.startedMs;
		q.stats.granted++;
		q.stats.totalWaitMs += waitedMs;
		q.stats.longestWaitMs = Math.max(q.stats.longestWaitMs, waitedMs);
		waiter.resolve(this.permit(q, waiter, seq, waitedMs));
	}

	/** The key's learned limit, read again from the store when a shared one may have changed it. */
	private async readTaught(q: KeyQueue, now: number): Promise<void> {
		if (now - q.taughtReadMs < (this.store.recheck?.maxSleepMs ?? 0)) return;
		try {
			q.taught = await this.taught.get(q.id, now);
			q.taughtReadMs = now;
		} catch {
			// A shared store that is down: keep what was learned; the budget store reports the outage.
		}
	}

	/** Raises the learned limit that holds a request back, once its hold is over (`raiseLimit`). */
	private async raise(q: KeyQueue, now: number): Promise<boolean> {
		let raised = false;
		try {
			q.taught = await this.taught.update(q.id, now, (state) => {
				const next = raiseLimit(state, now);
				raised = next !== null;
				return next;
			});
			q.taughtReadMs = now;
		} catch {
			return false;
		}
		return raised;
	}

	/** Feeds one answer to what the connection learns of its undeclared limit (`learnFrom`). */
	private learn(
		q: KeyQueue,
		policy: RateLimitPolicy,
		grantedMs: number,
		now: number,
		c: ResponseClass,
	): MaybePromise<void> {
		let resumeAtMs = !c.throttled
			? null
			: c.retryAfterMs !== null
				? now + c.retryAfterMs
				: c.resetAtMs;
		// An absurd wait (beyond the pause ceiling) is not a window to keep to.
		if (resumeAtMs !== null && resumeAtMs - now > maxPauseOf(policy)) resumeAtMs = null;
		const answer = { grantedMs, nowMs: now, throttled: c.throttled, resumeAtMs };
		return andThen(
			this.taught.update(q.id, now, (state) => learnFrom(state, answer)),
			(state) => {
				q.taught = state;
				q.taughtReadMs = now;
			},
		);
	}

	private permit(q: KeyQueue, waiter: Grantee, seq: number, waitedMs: number): Permit {
		const grantedMs = this.clock.now();
		let released = false;
		return {
			key: q.key,
			waitedMs,
			...(waiter.blockedBy ? { blockedBy: waiter.blockedBy } : {}),
			sent: (sentAtMs: number) => {
				// A limit learned from 429s keeps grant times (see `release`).
				const arrived = arrivedBy(this.clock.now(), sentAtMs);
				if (released || waiter.policy.learn || arrived === undefined || !this.store.sent) return;
				void quietly(() => this.store.sent?.(q.id, seq, arrived));
			},
			release: async (observation?: ResponseObservation, hints?: AnswerHints) => {
				if (released) return;
				released = true;
				// The answer is already in hand: a store that fails now (Redis down) must not fail the request (the
				// budget misses one server report). A shared store's slot then frees itself when its lease ends.
				const observed =
					observation && quietly(() => this.observe(q, waiter, seq, grantedMs, observation, hints));
				if (observed) await observed;
				// A limit learned from 429s is learned from grant times (`learned.ts`): its log keeps them.
				const arrived = waiter.policy.learn
					? undefined
					: arrivedBy(this.clock.now(), hints?.sentAtMs);
				const freed = quietly(() => this.store.release(q.id, seq, arrived));
				if (freed) await freed;
				this.wake(q);
			},
		};
	}

	private observe(
		q: KeyQueue,
		waiter: Grantee,
		seq: number,
		grantedMs: number,
		observation: ResponseObservation,
		hints?: AnswerHints,
	): MaybePromise<void> {
		const now = this.clock.now();
		const c = classifyResponse(waiter.policy, observation, now, hints?.throttled);
		if (waiter.policy.learn !== true) return this.fold(q, waiter, seq, c, now);
		// Learning is best effort: a shared store that fails here must not cost the budget this report.
		return andThen(
			quietly(() => this.learn(q, waiter.policy, grantedMs, now, c)),
			() => this.fold(q, waiter, seq, c, now),
		);
	}

	/** A classified answer folded into the budget (after what it taught, for an undeclared limit). */
	private fold(
		q: KeyQueue,
		waiter: Grantee,
		seq: number,
		c: ResponseClass,
		now: number,
	): MaybePromise<void> {
		const obs: BudgetObservation = { ...c.reading, seq };
		const learns = waiter.policy.learn === true;
		// A count with no reset cannot be placed in a window the server never described: it is left out.
		if (learns && obs.resetAtMs === undefined) delete obs.remaining;
		// The report is folded into the bucket as it was when the request was granted; what it teaches about the
		// bucket (its size, its rate) applies from the next request on.
		const policy = this.effective(q, waiter.policy);
		if (waiter.policy.cost) this.observeCost(q, waiter, policy, obs, c.cost ?? null, c.throttled);
		if (c.throttled) {
			q.stats.throttled++;
			// Throttled with no hint of when: the budget is spent, as far as we can tell (a declared one: an
			// undeclared budget has no size to spend, and the retry's pause holds the connection).
			if (!learns && obs.remaining === undefined && c.retryAfterMs === null && c.resetAtMs === null)
				obs.remaining = 0;
			// Throttled although the reported reset has passed: our clock runs ahead of the server's. Hold back briefly.
			if (obs.resetAtMs !== undefined && obs.resetAtMs <= now && c.retryAfterMs === null) {
				obs.pauseUntilMs = Math.max(
					obs.pauseUntilMs ?? 0,
					now + Math.min(SKEW_GRACE_MS, policy.windowMs),
				);
			}
		}
		if (c.retryAfterMs !== null && !(learns && isErratic(q.taught, now)))
			obs.pauseUntilMs = Math.max(obs.pauseUntilMs ?? 0, now + c.retryAfterMs);
		// One absurd or misread answer (Retry-After of 31 years, a reset in ms read as seconds) must not block
		// the connection for good: whatever the server asks is held at most the policy's ceiling.
		const ceiling = now + maxPauseOf(policy);
		if (obs.pauseUntilMs !== undefined) obs.pauseUntilMs = Math.min(obs.pauseUntilMs, ceiling);
		if (obs.resetAtMs !== undefined) obs.resetAtMs = Math.min(obs.resetAtMs, ceiling);
		return this.store.observe(q.id, policy, obs, now);
	}

	/** A cost report: learn the bucket and what this kind of request costs, and hand back what it did not cost. */
	private observeCost(
		q: KeyQueue,
		waiter: Grantee,
		granted: RateLimitPolicy,
		obs: BudgetObservation,
		cost: CostReading | null,
		throttled: boolean,
	): void {
		if (!cost) return;
		if (cost.maximum !== undefined) q.learned.maximum = cost.maximum;
		if (cost.restorePerSecond !== undefined) q.learned.restorePerSecond = cost.restorePerSecond;
		if (cost.requested !== undefined && waiter.costKey !== undefined)
			this.learnCost(q, waiter.costKey, cost.requested);
		// A refused request was charged nothing; an answered one its actual cost (else what it asked for).
		const charged = throttled ? 0 : (cost.actual ?? cost.requested ?? waiter.cost);
		const taken = Math.min(waiter.cost, granted.burst ?? waiter.cost);
		if (taken > charged) obs.refund = taken - charged;
	}

	private async fail(
		q: KeyQueue,
		expiring: Waiter[],
		reason: DenyReason,
		retryAtMs: number | null,
	): Promise<void> {
		const policy = q.waiters[0].policy;
		const budget = await this.store.snapshot(q.id, this.effective(q, policy), this.clock.now());
		const now = this.clock.now();
		for (const waiter of expiring) {
			if (!this.remove(q, waiter)) continue;
			waiter.detach();
			q.stats.waitErrors++;
			waiter.reject(
				new RateLimitWaitError({
					service: q.key.service,
					connection: q.key.connection,
					waitedMs: now - waiter.startedMs,
					maxWaitMs: reason === 'paused' ? waiter.maxPausedWaitMs : waiter.maxWaitMs,
					resetAtMs: retryAtMs,
					reason,
					limit: budget?.limit ?? policy.requests,
					windowMs: withLearned(policy, q.taught).windowMs,
					maxConcurrency: policy.maxConcurrency,
					atMs: now,
					...(q.key.scope !== undefined ? { scope: q.key.scope } : {}),
				}),
			);
		}
	}

	private remove(q: KeyQueue, waiter: Waiter): boolean {
		const index = q.waiters.indexOf(waiter);
		if (index >= 0) q.waiters.splice(index, 1);
		return index >= 0;
	}

	private async sleep(q: KeyQueue, ms: number): Promise<void> {
		const controller = new AbortController();
		q.wake = controller;
		try {
			await this.clock.sleep(ms, controller.signal);
		} catch {
			// Woken early: something changed (a release, a pause, a new waiter).
		} finally {
			q.wake = null;
		}
	}

	private wake(q: KeyQueue): void {
		q.dirty = true;
		q.wake?.abort();
	}
}
