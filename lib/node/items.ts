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
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

export async function forEachItem(
	fn: IExecuteFunctions,
	handle: (itemIndex: number, item: INodeExecutionData) => Promise<ItemResult>,
): Promise<INodeExecutionData[][]> {
	const input = fn.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < input.length; i++) {
		try {
			out.push(...toItems(await handle(i, input[i]), i));
		} catch (caught) {
			const error = asNodeError(fn, caught, i);
			if (fn.continueOnFail()) {
				out.push({
					json: { error: error.message, ...(error.description ? { description: error.description } : {}) },
					pairedItem: { item: i },
				});
				continue;
			}
			throw error;
		}
	}
	return [out];
}

/** Make sure what we throw is an n8n error that carries the item index. */
export function asNodeError(fn: IExecuteFunctions, caught: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (caught instanceof NodeApiError || caught instanceof NodeOperationError) {
		// Re-wrapping would drop our options (n8n returns the original): set the item on its context instead.
		caught.context = { ...(caught.context ?? {}), itemIndex };
		return caught;
	}
	const message = caught instanceof Error ? caught.message : String(caught);
	return new NodeOperationError(fn.getNode(), message, { itemIndex });
}
