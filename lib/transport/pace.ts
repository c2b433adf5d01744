/**
 * Adaptive concurrency for one node execution (when the user set no "Concurrent Items"): as many items in
 * flight as the connection and the server take. It grows while answers come back about as fast as the
 * fastest seen and no request waited in the rate-limit queue, and backs off on latency growth, on throttling
 * (429 or the service's own throttle rule), on 5xx and network errors, and when requests queue for budget
 * (then the budget, not concurrency, is the bottleneck, and a longer queue only makes items wait longer).
 * The pipeline reports every attempt of a node execution to its pacer (`paceOf(fn)`).
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
/** Latency up to this multiple of the fastest recent answer (or this many ms above it) still counts as "quick". */
const LATENCY_TOLERANCE = 3;
const LATENCY_SLACK_MS = 5;
/** The fastest answer is remembered over this many answers, so a slower server (or machine) becomes the new normal. */
const MIN_LATENCY_EPOCH = 200;

export class Pacer {
	private current: number;
	private readonly max: number;
	private minLatency = Number.POSITIVE_INFINITY;
	private epochMin = Number.POSITIVE_INFINITY;
	private epochSamples = 0;
	private completions = 0;
	/** No second cut before this many completions (one round of what was in flight at the cut). */
	private holdUntil = 0;
	/** Slow start (doubling per round) until the first back-off; then one more per round. */
	private slowStart = true;

	constructor(options: PacerOptions = {}) {
		this.current = options.initial ?? PACE_INITIAL;
		this.max = options.max ?? PACE_MAX;
	}

	/** How many items may be in flight now. */
	get limit(): number {
		return Math.max(1, Math.floor(this.current));
	}

	/**
	 * A request got its rate-limit slot without waiting: while still ramping up, as many may be in flight as
	 * one window of the budget allows (a budget of 25 per second takes 25 at once, not 5, 10, 20).
	 */
	admitted(signal: Pick<PaceSignal, 'queuedMs' | 'windowBudget'>): void {
		if (!this.slowStart || signal.queuedMs > 0 || !signal.windowBudget) return;
		this.current = Math.max(
			this.current,
			Math.min(this.max, ADMITTED_JUMP_MAX, signal.windowBudget),
		);
	}

	settled(signal: PaceSignal): void {
		this.completions++;
		if (signal.windowBudget !== undefined && signal.windowBudget > 0)
			this.current = Math.min(this.current, Math.max(1, signal.windowBudget));
		if (signal.outcome !== 'ok') return this.cut(0.5);
		if (signal.queuedMs > 0) return this.cut(0.5);
		this.noteLatency(signal.latencyMs);
		const quick =
			signal.latencyMs <=
			Math.max(this.minLatency * LATENCY_TOLERANCE, this.minLatency + LATENCY_SLACK_MS);
		if (!quick) return this.cut(0.9);
		const step = this.slowStart ? 1 : 1 / this.current;
		this.current = Math.min(this.max, this.current + step);
	}

	private cut(factor: number): void {
		this.slowStart = false;
		if (this.completions < this.holdUntil) return;
		this.current = Math.max(1, this.current * factor);
		this.holdUntil = this.completions + Math.ceil(this.current);
	}

	private noteLatency(ms: number): void {
		this.epochMin = Math.min(this.epochMin, ms);
		this.minLatency = Math.min(this.minLatency, ms);
		if (++this.epochSamples >= MIN_LATENCY_EPOCH) {
			this.minLatency = this.epochMin;
			this.epochMin = Number.POSITIVE_INFINITY;
			this.epochSamples = 0;
		}
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
