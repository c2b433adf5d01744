/**
 * List answers whose elements fail one by one (`ListBatchSpec.elementError`): a batch endpoint answers 200 for
 * the request and, per record, either the record or `{ error: {…} }`. Such an element is its item's error, in the
 * service's words (read by the spec's `errorCodes` like an error answer), with or without batching.
 */
import type { IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { httpError } from '../execution/n8n-error';
import type { RequestTarget } from '../execution/target';
import type { ListBatchSpec, OperationSpec, ServiceSpec } from '../spec/types';
import { readPath } from '../transport/path';
import type { EngineRequest } from '../transport/types';

function present(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === '') return false;
	return typeof value !== 'object' || Object.keys(value).length > 0;
}

/** The element's error as an n8n error of the item, or undefined when the element succeeded. */
export function elementError(
	fn: IExecuteFunctions,
	spec: ServiceSpec,
	op: OperationSpec,
	target: RequestTarget,
	req: EngineRequest,
	itemIndex: number,
	element: unknown,
): NodeApiError | undefined {
	const rule = op.listBatch?.elementError;
	if (!rule) return undefined;
	const error = readPath(element, rule.path);
	if (!present(error)) return undefined;
	const status = Number(rule.statusPath ? readPath(element, rule.statusPath) : NaN);
	return httpError(
		fn.getNode(),
		Number.isInteger(status) && status >= 400 && status < 600 ? status : 400,
		target.redact(error),
		{},
		{
			service: spec.displayName,
			...(target.credentialName ? { connection: target.credentialName } : {}),
			method: req.method,
			endpoint: op.path,
			itemIndex,
			pathParams: req.pathParams,
			...(op.scopes?.length ? { neededScopes: op.scopes } : {}),
			...(spec.errorCodes ? { errorCodes: spec.errorCodes } : {}),
			attempts: 1,
			maxAttempts: 1,
			waitedMs: 0,
		},
	);
}

/** Throws the first failed element of an item's own (unbatched) answer. */
export function throwElementErrors(
	fn: IExecuteFunctions,
	spec: ServiceSpec,
	op: OperationSpec,
	target: RequestTarget,
	req: EngineRequest,
	itemIndex: number,
	body: unknown,
	batch: ListBatchSpec,
): void {
	const list = readPath(body, batch.answerList);
	for (const element of Array.isArray(list) ? list : []) {
		const error = elementError(fn, spec, op, target, req, itemIndex, element);
		if (error) throw error;
	}
}
