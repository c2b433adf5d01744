/**
 * The per-item loop every node shares: runs one item at a time, links outputs to their input item
 * (`pairedItem`), honours "Continue On Fail" per item, and makes sure a thrown error names its item.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { toN8nError } from './n8n-error';
import { Pacer, pace } from '../transport/pace';
import { asNumber, fieldOf, readObject } from './params';
import { takeWaits } from '../transport/waits';

export type ItemResult = INodeExecutionData[] | IDataObject | IDataObject[];

/** Normalise a result to execution items paired with input `itemIndex`. */
export function toItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const item = isExecutionData(entry) ? entry : { json: entry as IDataObject };
		return { ...item, pairedItem: { item: itemIndex } };
	});
}

function isExecutionData(value: unknown): value is INodeExecutionData {
	return (
		typeof value === 'object' &&
		value !== null &&
		'json' in value &&
		typeof (value as INodeExecutionData).json === 'object'
	);
}

/**
 * How many items a node works on at once when the user says so (node option "Concurrent Items"); undefined
 * when the option is not set: then the engine adapts it (`Pacer`). Either way requests share the rate-limit queue.
 */
export function itemConcurrency(fn: IExecuteFunctions): number | undefined {
	const options = readObject(fn, 0, 'options', 'Options');
	if (options.concurrency === undefined) return undefined;
	return asNumber(fieldOf(fn, 0, 'Concurrent Items'), options.concurrency, {
		fallback: DEFAULT_CONCURRENCY,
		min: 1,
		max: 50,
		integer: true,
	});
}

export const DEFAULT_CONCURRENCY = 5;

/**
 * The item "On Error: Continue" puts in place of a failed item, paired to its input:
 * - regular output: `{ error, description }` (the cause, and the fix) on the success output;
 * - error output: `{ error, details }`, the only shape n8n-core moves to the error output by itself (json with
 *   just `error`/`message`/`details`; it then merges the input item's json in, as for n8n's HTTP Request node).
 *   `item.error` would be routed too, but n8n then replaces the json with the message alone, losing the fix.
 */
export function errorItem(
	fn: IExecuteFunctions,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const toErrorOutput = fn.getNode().onError === 'continueErrorOutput';
	const fix = error.description
		? { [toErrorOutput ? 'details' : 'description']: error.description }
		: {};
	return { json: { error: error.message, ...fix }, pairedItem: { item: itemIndex } };
}

/**
 * Run `handle` for every input item, in item order, up to `concurrency` at a time (without it, as many as the
 * execution's `Pacer` allows, adapting to the answers); requests are still ordered by the rate-limit queue.
 * Returns the outputs in item order. Without "Continue On Fail" the failure of the lowest item index is
 * thrown once the items in flight have settled.
 */
export async function forEachItem(
	fn: IExecuteFunctions,
	handle: (itemIndex: number, item: INodeExecutionData) => Promise<ItemResult>,
	concurrency = itemConcurrency(fn),
): Promise<INodeExecutionData[][]> {
	const input = fn.getInputData();
	const results: INodeExecutionData[][] = new Array(input.length);
	const continueOnFail = fn.continueOnFail();
	const failures: Array<{ itemIndex: number; error: NodeApiError | NodeOperationError }> = [];
	let limit = () => Math.max(1, concurrency ?? 1);
	let refill = (_inFlight: number) => true;
	// Starts what the limit allows now; set once the loop below runs.
	let pumpNow = () => {};
	if (concurrency === undefined && input.length > 1) {
		const pacer = new Pacer();
		pace(fn, pacer);
		limit = () => pacer.limit;
		refill = (inFlight) => pacer.refill(inFlight);
		pacer.onRaise(() => pumpNow());
	}
	const run = async (i: number) => {
		try {
			results[i] = toItems(await handle(i, input[i]), i);
		} catch (caught) {
			const error = asNodeError(fn, caught, i);
			if (continueOnFail) results[i] = [errorItem(fn, error, i)];
			else failures.push({ itemIndex: i, error });
		}
		withWaits(fn, i, results[i]);
	};
	let next = 0;
	let inFlight = 0;
	await new Promise<void>((resolve) => {
		const pump = () => {
			// Checked once: a batch, once it starts, fills up to the limit.
			const batch = refill(inFlight);
			while (batch && inFlight < limit() && next < input.length && failures.length === 0) {
				inFlight++;
				void run(next++).finally(() => {
					inFlight--;
					pump();
				});
			}
			if (inFlight === 0) resolve();
		};
		pumpNow = pump;
		pump();
	});
	if (failures.length) throw failures.reduce((a, b) => (b.itemIndex < a.itemIndex ? b : a)).error;
	return [results.flat()];
}

/** Every wait the item made, with the limits applied, in its outputs' metadata (`item.waits`). */
function withWaits(fn: IExecuteFunctions, itemIndex: number, outputs?: INodeExecutionData[]): void {
	const waits = takeWaits(fn, itemIndex);
	if (waits && outputs) for (const item of outputs) item.waits = waits;
}

/** Make sure what we throw is an n8n error that carries the item index. */
export function asNodeError(
	fn: IExecuteFunctions,
	thrown: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	// The boundary: an engine error becomes the n8n error that says its cause and fix.
	const caught = toN8nError(thrown, fn.getNode());
	if (caught instanceof NodeApiError || caught instanceof NodeOperationError) {
		// Re-wrapping would drop our options (n8n returns the original): set the item on its context instead.
		caught.context = { ...(caught.context ?? {}), itemIndex };
		return caught;
	}
	const message = caught instanceof Error ? caught.message : String(caught);
	return new NodeOperationError(fn.getNode(), message, { itemIndex });
}
