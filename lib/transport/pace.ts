/**
 * Adaptive concurrency for one node execution (when the user set no "Concurrent Items"): as many items in
 * flight as the connection and the server take. It grows while answers come back about as fast as the
 * fastest seen and no request waited in the rate-limit queue, and backs off on latency growth, on throttling
 * (429 or the service's own throttle rule), on 5xx and network errors, and when requests queue for budget
 * longer than half their Max Queue Wait (a longer queue would fail items; a shorter wait is the budget at
 * work, and cutting then would leave it unused when its next window opens).
 * The pipeline reports every attempt of a node execution to its pacer (`paceOf(fn)`).
 *
 * Items start in batches (`refill`): new items start once the ones in flight have fallen to half the
 * limit, not one for each answer. A request started alone, as each answer comes back, costs the process
 * (and the server) a wake-up of its own; started together, the connections, writes and answers of a batch
 * share them. On the benchmark's loopback row, one-for-one refill at 5–1000 in flight cost 1.75–2.3× the
 * CPU time of n8n's node, which sends everything at once; batches of 20 already matched it.
 *
 * A connection whose limit is not known yet (`probing`: no declared limit, nothing learned) doubles per
 * whole batch until its first back-off: each batch starts only when the previous one has come back, so the
 * first 429 (which refuses every request then in flight) refuses at most one batch's overshoot.
 */

/** What one attempt tells the pacer. */
export interface PaceSignal {
	/** From the permit to the answer (queue wait excluded). */
	latencyMs: number;
	/** Time the request waited in the rate-limit queue. */
	queuedMs: number;
	/** `throttled`: 429 or a throttle rule; `failed`: 5xx or no answer; `ok`: anything else. */
	outcome: 'ok' | 'throttled' | 'failed';
	/** The budget's declared requests per window, if any: never more in flight than a window allows. */
	windowBudget?: number;
	/** That budget's window: a wait for budget shorter than it is the budget at work, not a queue growing. */
	windowMs?: number;
	/** The connection's limit is unknown (learned from its first 429): ramp in whole batches. */
	probing?: boolean;
	/** The longest the request could have waited in the queue (its Max Queue Wait). */
	maxQueuedMs?: number;
}

export interface PacerOptions {
	initial?: number;
	max?: number;
}

/** Start like the former fixed default; grow to at most this many in flight (n8n's node sends all at once). */
export const PACE_INITIAL = 5;
export const PACE_MAX = 256;
/** The most a budget's first free slot lets the ramp jump to (a large budget still ramps from there). */
export const ADMITTED_JUMP_MAX = 64;
/**
 * Latency is judged per round (as many answers as were allowed in flight), not per answer: answers to a batch
 * come back one after the other, so the last one's latency says how big the batch was, not that the server
 * slowed. A round's rate, items in flight over their mean latency (Little's law), below this share of the
 * best round's means the server takes longer for the same work: back off.
 */
const RATE_TOLERANCE = 0.6;
/** The mean latency a round counts at least (a loopback answer in 0 ms is not an infinite rate). */
const MIN_ROUND_LATENCY_MS = 0.1;

export class Pacer {
	private current: number;
	private readonly max: number;
	/** The round being measured: its size (the limit when it began), answers so far and their latency. */
	private round = { size: 0, count: 0, latencyMs: 0 };
	/** The best round's rate (items per ms); after a back-off on rate, the rate that caused it. */
	private bestRate = 0;
	private completions = 0;
	/** No second cut before this many completions (one round of what was in flight at the cut). */
	private holdUntil = 0;
	/** Slow start (doubling per round) until the first back-off; then one more per round. */
	private slowStart = true;
	/** A request reported an unknown limit: during slow start, a batch starts only when the last is back. */
	private probing = false;
	/** Told when the limit jumps up between answers (`admitted`), so more items can start at once. */
	private raised: (() => void) | undefined;

	constructor(options: PacerOptions = {}) {
		this.current = options.initial ?? PACE_INITIAL;
		this.max = options.max ?? PACE_MAX;
	}

	/** How many items may be in flight now. */
	get limit(): number {
		return Math.max(1, Math.floor(this.current));
	}

	/**
	 * Should items start now, up to the limit, with this many in flight? Items start in batches (see above):
	 * once those in flight have fallen to half the limit (all of them, while probing an unknown limit).
	 */
	refill(inFlight: number): boolean {
		if (inFlight === 0) return true;
		if (this.probing && this.slowStart) return false;
		return inFlight <= Math.floor(this.limit / 2);
	}

	/**
	 * A request got its rate-limit slot without waiting: while still ramping up, as many may be in flight as
	 * one window of the budget allows (a budget of 25 per second takes 25 at once, not 5, 10, 20), and they
	 * start now (`onRaise`), not when the first answer comes back: a budget shared by several executions (queue
	 * mode) is otherwise left unused while the first batch is in flight, and every later window repeats the gap.
	 */
	admitted(signal: Pick<PaceSignal, 'queuedMs' | 'windowBudget'>): void {
		if (!this.slowStart || signal.queuedMs > 0 || !signal.windowBudget) return;
		const before = this.limit;
		this.current = Math.max(
			this.current,
			Math.min(this.max, ADMITTED_JUMP_MAX, signal.windowBudget),
		);
		if (this.limit > before) this.raised?.();
	}

	/** `listener` runs when the limit jumps up before an answer came back (see `admitted`). */
	onRaise(listener: () => void): void {
		this.raised = listener;
	}

	settled(signal: PaceSignal): void {
		this.completions++;
		if (signal.probing) this.probing = true;
		if (signal.windowBudget !== undefined && signal.windowBudget > 0)
			this.current = Math.min(this.current, Math.max(1, signal.windowBudget));
		if (signal.outcome !== 'ok') return this.cut(0.5);
		// A wait is a saturated budget at work (several executions sharing it, queue mode): cutting would leave
		// the budget short of requests when a window opens, and the last executions' few items in flight then
		// trickle through it. Back off only once waits near the Max Queue Wait (half of it, and at least a
		// window), where a longer queue would fail items.
		const tolerated = Math.max(signal.windowMs ?? 0, (signal.maxQueuedMs ?? 0) / 2);
		if (signal.queuedMs > tolerated) return this.cut(0.5);
		if (signal.queuedMs > 0) return;
		if (!this.roundQuick(signal.latencyMs)) return this.cut(0.9);
		const step = this.slowStart ? 1 : 1 / this.current;
		// Never more in flight than one window of the budget allows, growth included.
		const cap = signal.windowBudget && signal.windowBudget > 0 ? signal.windowBudget : this.max;
		this.current = Math.min(this.max, cap, this.current + step);
	}

	private cut(factor: number): void {
		this.slowStart = false;
		if (this.completions < this.holdUntil) return;
		this.current = Math.max(1, this.current * factor);
		this.holdUntil = this.completions + Math.ceil(this.current);
	}

	/** Counts an answer into its round; false when the round just ended slower than the best one. */
	private roundQuick(latencyMs: number): boolean {
		const round = this.round;
		if (round.count === 0) round.size = this.limit;
		round.count++;
		round.latencyMs += latencyMs;
		if (round.count < round.size) return true;
		const rate = round.size / Math.max(MIN_ROUND_LATENCY_MS, round.latencyMs / round.count);
		this.round = { size: 0, count: 0, latencyMs: 0 };
		if (rate < this.bestRate * RATE_TOLERANCE) {
			// The slower server (or machine) is the new normal: the next rounds are judged against it.
			this.bestRate = rate;
			return false;
		}
		this.bestRate = Math.max(this.bestRate, rate);
		return true;
	}
}

/** The pacer of each node execution, keyed by its n8n functions object (one per execution of a node). */
const pacers = new WeakMap<object, Pacer>();

export function pace(fn: object, pacer: Pacer): void {
	pacers.set(fn, pacer);
}

export function paceOf(fn: object): Pacer | undefined {
	return pacers.get(fn);
}
