/**
 * Virtual time for tests: `sleep` registers a timer, `advance` moves time forward and wakes sleepers in
 * time order (ties in the order they slept), letting the woken code run before the next timer fires.
 */
import { subscribe } from 'node:diagnostics_channel';

import type { Clock } from '../../lib/limits/clock';

interface Timer {
	at: number;
	order: number;
	fire: () => void;
}

/** Lets every pending promise continuation run (one macrotask turn drains all microtasks). */
export async function flush(): Promise<void> {
	for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
	private current: number;
	private timers: Timer[] = [];
	private order = 0;

	constructor(startMs = Date.parse('2026-11-29T09:00:00Z')) {
		this.current = startMs;
	}

	now(): number {
		return this.current;
	}

	sleep(ms: number, signal?: AbortSignal): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			if (signal?.aborted) {
				reject(signal.reason);
				return;
			}
			const onAbort = () => {
				this.timers = this.timers.filter((t) => t !== timer);
				reject(signal?.reason);
			};
			const timer: Timer = {
				at: this.current + Math.max(0, ms),
				order: this.order++,
				fire: () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.timers.push(timer);
		});
	}

	/** Number of sleepers not yet woken. */
	get pending(): number {
		return this.timers.length;
	}

	/** Time of the earliest sleeper, or null. */
	get nextAt(): number | null {
		return this.earliest()?.at ?? null;
	}

	/** Moves time forward by `ms`, waking every sleeper due on the way, in order. */
	async advance(ms: number): Promise<void> {
		const target = this.current + ms;
		await flush();
		for (let timer = this.earliest(); timer && timer.at <= target; timer = this.earliest()) {
			this.timers = this.timers.filter((t) => t !== timer);
			this.current = Math.max(this.current, timer.at);
			timer.fire();
			await flush();
		}
		this.current = target;
		await flush();
	}

	/** Moves time to an absolute epoch-ms instant. */
	async advanceTo(atMs: number): Promise<void> {
		await this.advance(Math.max(0, atMs - this.current));
	}

	/** Advances timer by timer until `promise` settles (at most `limitMs` of virtual time); returns its outcome. */
	async runUntilSettled<T>(promise: Promise<T>, limitMs = 7 * 86_400_000): Promise<Settled<T>> {
		const tracked = track(promise);
		const end = this.current + limitMs;
		await flush();
		while (tracked.state === 'pending') {
			const next = this.nextAt;
			if (next === null || next > end) break;
			await this.advanceTo(next);
		}
		return tracked;
	}

	private earliest(): Timer | undefined {
		let best: Timer | undefined;
		for (const t of this.timers)
			if (!best || t.at < best.at || (t.at === best.at && t.order < best.order)) best = t;
		return best;
	}
}

export interface Settled<T> {
	state: 'pending' | 'resolved' | 'rejected';
	value?: T;
	error?: unknown;
}

/** Observes a promise without awaiting it (and without unhandled-rejection noise). */
export function track<T>(promise: Promise<T>): Settled<T> {
	const s: Settled<T> = { state: 'pending' };
	promise.then(
		(value) => {
			s.state = 'resolved';
			s.value = value;
		},
		(error: unknown) => {
			s.state = 'rejected';
			s.error = error;
		},
	);
	return s;
}

/** HTTP requests of this process still open, with the real time each began: virtual time waits for their I/O. */
const onTheWire = new Map<object, number>();
let watching = false;

function watchRequests(): void {
	if (watching) return;
	watching = true;
	subscribe('http.client.request.created', (message) => {
		const request = (message as { request?: { once?: (e: string, l: () => void) => void } })
			.request;
		if (typeof request?.once !== 'function') return;
		onTheWire.set(request, Date.now());
		request.once('close', () => onTheWire.delete(request));
	});
}

/** Longest real time a request on the wire holds virtual time still (one that hangs on purpose then lets it move). */
const WIRE_GRACE_MS = 200;

function heldByTheWire(): boolean {
	const now = Date.now();
	for (const began of onTheWire.values()) if (now - began < WIRE_GRACE_MS) return true;
	return false;
}

/**
 * Drive virtual time while real work (a workflow run with nock HTTP) goes on: fire the sleepers that are
 * due, let real I/O progress, until `run` settles (or 20 s of real time pass). Time does not jump while a
 * request is on the wire (nock answers over several real turns; a jump then would place the request, or the
 * moment it left, a window later than the fake server saw it), unless it stays there on purpose.
 */
export async function driveClock<T>(clock: FakeClock, run: Promise<T>): Promise<T> {
	watchRequests();
	let done = false;
	void run.finally(() => (done = true)).catch(() => undefined);
	const started = Date.now();
	while (!done && Date.now() - started < 20_000) {
		await new Promise((r) => setTimeout(r, 1));
		if (clock.nextAt !== null && !heldByTheWire()) await clock.advanceTo(clock.nextAt);
	}
	return await run;
}
