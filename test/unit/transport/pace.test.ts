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

	it('backs off when answers slow down beyond three times the fastest seen', () => {
		const pacer = new Pacer({ initial: 20 });
		settle(pacer, ok(10), 5);
		expect(pacer.limit).toBe(25);
		pacer.settled(ok(200));
		expect(pacer.limit).toBe(22);
		// A latency within the tolerance still counts as quick (after the hold of one round).
		settle(pacer, ok(25), 22);
		expect(pacer.limit).toBe(23);
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
		// Each quick answer lets one more start: two start for every one that ends.
		for (let round = 0; round < 3; round++) {
			const finishing = run.pending.splice(0);
			for (const resolve of finishing) {
				pacer.settled(ok());
				resolve();
			}
			await run.flush();
		}
		expect(run.inFlight()).toBe(8 * PACE_INITIAL);
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
