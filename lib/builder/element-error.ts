/**
 * List answers whose elements fail one by one (`ListBatchSpec.elementError`): a batch endpoint answers 200 for
 * the request and, per record, either the record or `{ error: {…} }`. Such an element is its item's error, in the
 * service's words (read by the spec's `errorCodes` like an error answer), with or without batching.
 */
import type { ListBatchSpec } from '../spec/types';
import { readPath } from '../transport/path';

function present(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === '') return false;
	return typeof value !== 'object' || Object.keys(value).length > 0;
}

/** The element's own failure (its status and error answer), or undefined when it succeeded. */
export function elementFailure(
	batch: ListBatchSpec,
	element: unknown,
): { status: number; body: unknown } | undefined {
	const rule = batch.elementError;
	if (!rule) return undefined;
	const body = readPath(element, rule.path);
	if (!present(body)) return undefined;
	const status = Number(rule.statusPath ? readPath(element, rule.statusPath) : NaN);
	return { status: Number.isInteger(status) && status >= 400 && status < 600 ? status : 400, body };
}

/** The first failed element of an answer's list (an item's own, unbatched request). */
export function firstElementFailure(
	batch: ListBatchSpec,
	answer: unknown,
): { status: number; body: unknown } | undefined {
	const list = readPath(answer, batch.answerList);
	for (const element of Array.isArray(list) ? list : []) {
		const failure = elementFailure(batch, element);
		if (failure) return failure;
	}
	return undefined;
}
