/**
 * Adaptive concurrency: the pacer's answers to what attempts report (pure, no time), and the item loop that
 * follows it — or the user's "Concurrent Items", which always wins.
 */
import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { forEachItem, itemConcurrency } from '../../../lib/execution/items';
import {
	ADMITTED_JUMP_MAX,
	Pacer,
	PACE_INITIAL,
	PACE_MAX,
	paceOf,
	type PaceSignal,
} from '../../../lib/transport/pace';

const ok = (latencyMs = 10): PaceSignal => ({ latencyMs, queuedMs: 0, outcome: 'ok' });

function settle(pacer: Pacer, signal: PaceSignal, times: number): void {
	for (let i = 0; i < times; i++) pacer.settled(signal);
}

describe('Pacer', () => {
	it('starts at the former fixed default and doubles per round while answers stay quick, up to its ceiling', () => {
		const pacer = new Pacer();
		expect(pacer.limit).toBe(PACE_INITIAL);
		settle(pacer, ok(), PACE_INITIAL);
		expect(pacer.limit).toBe(2 * PACE_INITIAL);
		settle(pacer, ok(), 2 * PACE_INITIAL);
		expect(pacer.limit).toBe(4 * PACE_INITIAL);
		settle(pacer, ok(), 1000);
		expect(pacer.limit).toBe(PACE_MAX);
	});

	it('halves on a 429 or a server error, once per round, then grows one per round', () => {
		const pacer = new Pacer({ initial: 40 });
		pacer.settled({ ...ok(), outcome: 'throttled' });
		expect(pacer.limit).toBe(20);
		// The rest of the round (requests sent before the cut) does not cut again.
		settle(pacer, { ...ok(), outcome: 'throttled' }, 19);
		expect(pacer.limit).toBe(20);
		pacer.settled({ ...ok(), outcome: 'failed' });
		expect(pacer.limit).toBe(10);
		// After a back-off: additive increase, one more per round of quick answers.
		settle(pacer, ok(), 11);
		expect(pacer.limit).toBe(11);
	});

	it('judges latency per round: the same rate with more in flight grows, a slower rate backs off', () => {
		const pacer = new Pacer({ initial: 20 });
		// A round of 20 at 10 ms: 2 items per ms.
		settle(pacer, ok(10), 20);
		expect(pacer.limit).toBe(40);
		// Twice as many in flight, twice the latency (answers to a batch queue at the server): the same rate.
		settle(pacer, ok(20), 40);
		expect(pacer.limit).toBe(80);
		// 80 in flight at 100 ms: 0.8 per ms, under 0.6 × the best: the round ends in a back-off.
		settle(pacer, ok(100), 79);
		expect(pacer.limit).toBe(159);
		pacer.settled(ok(100));
		expect(pacer.limit).toBe(143);
		// No longer in slow start: one more per round of quick answers, judged against the slower rate.
		settle(pacer, ok(100), 143);
		expect(pacer.limit).toBe(144);
	});

	it('starts items in batches: once half the limit is in flight, or all are back while probing an unknown limit', () => {
		const pacer = new Pacer({ initial: 10 });
		expect(pacer.refill(0)).toBe(true);
		expect(pacer.refill(6)).toBe(false);
		expect(pacer.refill(5)).toBe(true);
		const probing = new Pacer();
		probing.settled({ ...ok(), probing: true });
		expect(probing.refill(4)).toBe(false);
		expect(probing.refill(1)).toBe(false);
		expect(probing.refill(0)).toBe(true);
		// After its first back-off (its limit learned or a 429 seen), it refills at half like any other.
		probing.settled({ ...ok(), outcome: 'throttled', probing: true });
		expect(probing.limit).toBe(3);
		expect(probing.refill(1)).toBe(true);
	});

	it('takes one window of budget at once while ramping up, when a request gets its slot without waiting', () => {
		const pacer = new Pacer();
		pacer.admitted({ queuedMs: 0, windowBudget: 25 });
		expect(pacer.limit).toBe(25);
		// Not after a wait, not beyond the ceiling, and not after the first back-off.
		const waited = new Pacer();
		waited.admitted({ queuedMs: 10, windowBudget: 25 });
		expect(waited.limit).toBe(PACE_INITIAL);
		const huge = new Pacer();
		huge.admitted({ queuedMs: 0, windowBudget: 5000 });
		expect(huge.limit).toBe(ADMITTED_JUMP_MAX);
		const cut = new Pacer();
		cut.settled({ ...ok(), outcome: 'throttled' });
		cut.admitted({ queuedMs: 0, windowBudget: 25 });
		expect(cut.limit).toBe(2);
	});

	it('keeps its limit while requests wait less than half their Max Queue Wait (a shared, saturated budget)', () => {
		const pacer = new Pacer();
		pacer.admitted({ queuedMs: 0, windowBudget: 25 });
		const budget = { windowBudget: 25, windowMs: 1000, maxQueuedMs: 300_000 };
		// Waits of many windows, under half the Max Queue Wait: the budget is in use. Neither cut nor grown, so
		// the execution still has a window's worth of requests waiting when the next window opens.
		settle(pacer, { ...ok(), queuedMs: 900, ...budget }, 100);
		settle(pacer, { ...ok(), queuedMs: 7_000, ...budget }, 100);
		settle(pacer, { ...ok(), queuedMs: 150_000, ...budget }, 100);
		expect(pacer.limit).toBe(25);
		// Past half the Max Queue Wait, a longer queue would fail items: back off.
		pacer.settled({ ...ok(), queuedMs: 150_001, ...budget });
		expect(pacer.limit).toBe(12);
		// A Max Queue Wait shorter than two windows: waits of up to a window are still the budget at work.
		const short = new Pacer();
		short.admitted({ queuedMs: 0, windowBudget: 25 });
		settle(
			short,
			{ ...ok(), queuedMs: 1000, windowBudget: 25, windowMs: 1000, maxQueuedMs: 1500 },
			10,
		);
		expect(short.limit).toBe(25);
		short.settled({ ...ok(), queuedMs: 1001, windowBudget: 25, windowMs: 1000, maxQueuedMs: 1500 });
		expect(short.limit).toBe(12);
	});

	it('shrinks when requests wait in the rate-limit queue, and never exceeds what one window allows', () => {
		const pacer = new Pacer({ initial: 64 });
		pacer.settled({ ...ok(), queuedMs: 800 });
		expect(pacer.limit).toBe(32);
		pacer.settled({ ...ok(), windowBudget: 4 });
		expect(pacer.limit).toBe(4);
		settle(pacer, { ...ok(), windowBudget: 4 }, 100);
		expect(pacer.limit).toBe(4);
		// Never below one.
		settle(pacer, { ...ok(), outcome: 'throttled' }, 100);
		expect(pacer.limit).toBe(1);
	});
});

/** A node execution's functions as far as the item loop reads them. */
function fakeFn(items: number, options: Record<string, unknown> = {}): IExecuteFunctions {
	const node = { name: 'Node', type: 't', typeVersion: 1, parameters: {} } as unknown as INode;
	return {
		getInputData: () => Array.from({ length: items }, (_, i) => ({ json: { i } })),
		continueOnFail: () => false,
		getNode: () => node,
		getNodeParameter: (name: string, _i: number, fallback: unknown) =>
			name === 'options' ? options : fallback,
	} as unknown as IExecuteFunctions;
}

/** Runs the loop with handlers that settle only when told: records how many were in flight at each start. */
function controlled(fn: IExecuteFunctions) {
	const pending: Array<() => void> = [];
	const started: number[] = [];
	let inFlight = 0;
	const done = forEachItem(fn, async (i: number): Promise<INodeExecutionData[]> => {
		inFlight++;
		started.push(inFlight);
		await new Promise<void>((resolve) => pending.push(resolve));
		inFlight--;
		return [{ json: { item: i } }];
	});
	const flush = async () => await new Promise<void>((resolve) => setImmediate(resolve));
	return { pending, started, done, flush, inFlight: () => inFlight };
}

describe('forEachItem concurrency', () => {
	it("follows the execution's pacer when 'Concurrent Items' is not set", async () => {
		const fn = fakeFn(100);
		expect(itemConcurrency(fn)).toBeUndefined();
		const run = controlled(fn);
		await run.flush();
		expect(run.inFlight()).toBe(PACE_INITIAL);
		const pacer = paceOf(fn)!;
		// Each quick answer raises the limit by one, but nothing starts until half the limit is in flight:
		// then a batch fills up to the limit at once.
		const finishOne = async () => {
			pacer.settled(ok());
			run.pending.shift()!();
			await run.flush();
		};
		await finishOne(); // limit 6, 4 in flight
		expect(run.inFlight()).toBe(4);
		await finishOne(); // limit 7, 3 in flight: at half, a batch of 4 starts
		expect(run.inFlight()).toBe(7);
		expect(run.started.slice(-4)).toEqual([4, 5, 6, 7]);
		await finishOne(); // limit 8, 6 in flight
		await finishOne(); // limit 9, 5 in flight
		expect(run.inFlight()).toBe(5);
		await finishOne(); // limit 10, 4 in flight: at half, fill to 10
		expect(run.inFlight()).toBe(10);
		expect(run.started.slice(-6)).toEqual([5, 6, 7, 8, 9, 10]);
		while (run.pending.length) {
			for (const resolve of run.pending.splice(0)) resolve();
			await run.flush();
		}
		const [out] = await run.done;
		expect(out.map((o) => o.json.item)).toEqual(Array.from({ length: 100 }, (_, i) => i));
		expect(out.map((o) => o.pairedItem)).toEqual(
			Array.from({ length: 100 }, (_, i) => ({ item: i })),
		);
	});

	it('starts a window of budget at once when the first request gets its slot, before any answer', async () => {
		const fn = fakeFn(100);
		const run = controlled(fn);
		await run.flush();
		expect(run.inFlight()).toBe(PACE_INITIAL);
		// The first request was granted without waiting by a budget of 25 per window: 20 more start now.
		paceOf(fn)!.admitted({ queuedMs: 0, windowBudget: 25 });
		await run.flush();
		expect(run.inFlight()).toBe(25);
		// Told again (the other 24 got their slots too): nothing more, the limit did not move.
		paceOf(fn)!.admitted({ queuedMs: 0, windowBudget: 25 });
		await run.flush();
		expect(run.inFlight()).toBe(25);
		while (run.pending.length) {
			for (const resolve of run.pending.splice(0)) resolve();
			await run.flush();
		}
		const [out] = await run.done;
		expect(out.map((o) => o.json.item)).toEqual(Array.from({ length: 100 }, (_, i) => i));
	});

	it("keeps exactly the user's 'Concurrent Items' in flight, whatever the answers", async () => {
		const fn = fakeFn(30, { concurrency: 3 });
		expect(itemConcurrency(fn)).toBe(3);
		const run = controlled(fn);
		await run.flush();
		expect(paceOf(fn)).toBeUndefined();
		while (run.pending.length) {
			expect(run.inFlight()).toBeLessThanOrEqual(3);
			for (const resolve of run.pending.splice(0)) resolve();
			await run.flush();
		}
		const [out] = await run.done;
		expect(out).toHaveLength(30);
		expect(Math.max(...run.started)).toBe(3);
	});
});
