/**
 * Batching: the items of one batchable operation go to the service's batch endpoint in groups of up to
 * `batch.size`; each answer is mapped back to its item (`pairedItem`), and a failed sub-request is that
 * item's error only. The batch request itself goes through the engine (queue, retries, redaction).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem, toItems } from '../execution/items';
import type { RequestTarget } from '../execution/target';
import { responseToItems } from '../execution/response';
import type { BatchSpec, ListBatchSpec, OperationSpec } from '../spec/types';
import { isIdempotent } from '../retry/decide';
import { httpError } from '../execution/n8n-error';
import { EngineError } from '../transport/engine-error';
import { readPath, writePath } from '../transport/path';
import { send, type CallContext } from '../transport/pipeline';
import type { EngineRequest, EngineResponse } from '../transport/types';
import { fillPath, toQueryString } from '../transport/url';

/** The URL of a sub-request, relative to the base URL (what batch envelopes expect). */
function relativeUrl(req: EngineRequest): string {
	const path = fillPath(req.path, req.pathParams);
	const query = toQueryString(req.qs);
	return query ? `${path}?${query}` : path;
}

/** An item's failure: its error item with Continue On Fail, else the node's error. */
function failer(fn: IExecuteFunctions, results: INodeExecutionData[][]) {
	return (i: number, caught: unknown): void => {
		const error = asNodeError(fn, caught, i);
		if (!fn.continueOnFail()) throw error;
		results[i] = [errorItem(fn, error, i)];
	};
}

function setKey(target: IDataObject, key: string, value: unknown): void {
	if (value !== undefined) target[key] = value as IDataObject[string];
}

/** A refused sub-request (or list element) as the node error the engine gives for the same answer alone. */
export function subRequestError(
	fn: IExecuteFunctions,
	ctx: CallContext,
	target: RequestTarget,
	op: OperationSpec,
	req: EngineRequest,
	i: number,
	status: number,
	body: unknown,
): Error {
	return httpError(
		fn.getNode(),
		status,
		target.redact(body),
		{},
		{
			service: ctx.service.displayName,
			connection: target.credentialName,
			method: req.method,
			endpoint: op.path,
			itemIndex: i,
			pathParams: req.pathParams,
			...(op.scopes?.length ? { neededScopes: op.scopes } : {}),
			...(ctx.service.errorCodes ? { errorCodes: ctx.service.errorCodes } : {}),
			attempts: 1,
			maxAttempts: 1,
			waitedMs: 0,
		},
	);
}

/**
 * Run one operation for every item through the batch endpoint.
 * @param prepare builds the item's request (validating its fields); a throw becomes that item's error.
 */
export async function executeBatched(
	fn: IExecuteFunctions,
	batch: BatchSpec,
	op: OperationSpec,
	target: RequestTarget,
	ctxFor: (itemIndex: number) => CallContext,
	prepare: (itemIndex: number) => EngineRequest,
): Promise<INodeExecutionData[][]> {
	const count = fn.getInputData().length;
	const results: INodeExecutionData[][] = Array.from({ length: count }, () => []);
	const fail = failer(fn, results);

	const ready: Array<{ i: number; req: EngineRequest }> = [];
	for (let i = 0; i < count; i++) {
		try {
			ready.push({ i, req: prepare(i) });
		} catch (caught) {
			fail(i, caught);
		}
	}

	for (let start = 0; start < ready.length; start += batch.size) {
		const chunk = ready.slice(start, start + batch.size);
		const envelope: IDataObject = {
			[batch.request.list]: chunk.map(({ i, req }) => {
				const sub: IDataObject = {};
				setKey(sub, batch.request.id, String(i));
				setKey(sub, batch.request.method, req.method);
				setKey(sub, batch.request.url, relativeUrl(req));
				if (batch.request.body) setKey(sub, batch.request.body, req.body);
				return sub;
			}),
		};
		const first = chunk[0].i;
		let answers: unknown[];
		try {
			const res = await send(ctxFor(first), {
				method: batch.method,
				baseUrl: target.baseUrl,
				path: batch.path,
				body: envelope,
				bodyEncoding: 'json',
				// Safe to re-send only when every sub-request is.
				idempotent: chunk.every(({ req }) => isIdempotent(req.method)),
				cacheable: false,
			});
			const list = readPath(res.body, batch.response.list);
			answers = Array.isArray(list) ? list : [];
		} catch (caught) {
			// The whole batch failed: every item in it carries that error.
			for (const { i } of chunk) fail(i, caught);
			continue;
		}

		for (const [position, { i, req }] of chunk.entries()) {
			const answer = (
				batch.response.id
					? answers.find((a) => String(readPath(a, batch.response.id)) === String(i))
					: answers[position]
			) as IDataObject | undefined;
			try {
				if (!answer) throw new Error(`The batch answer has no result for item ${i}.`);
				const status = Number(readPath(answer, batch.response.status));
				const body = readPath(answer, batch.response.body);
				if (!(status >= 200 && status < 300))
					throw subRequestError(fn, ctxFor(i), target, op, req, i, status, body);
				const items = await responseToItems(
					fn,
					{
						status,
						headers: {},
						body,
						meta: { attempts: 1, waitedMs: 0, url: target.baseUrl + batch.path },
					},
					{
						format: 'json',
						path: op.response?.path,
						split: op.response?.split,
						onEmpty: op.response?.onEmpty,
					},
				);
				results[i] = target.redact(toItems(items, i));
			} catch (caught) {
				fail(i, caught);
			}
		}
	}
	return [results.flat()];
}

/**
 * The list an item's request carries at the list batch's place (a single value counts as a list of one); with a
 * bulk endpoint of its own (`path`), the item's whole body is its one element.
 */
function listOf(req: EngineRequest, batch: ListBatchSpec): unknown[] {
	if (batch.path) return [req.body ?? {}];
	const value = batch.in === 'query' ? req.qs?.[batch.list] : readPath(req.body, batch.list);
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

/** The request without its list: items whose requests are the same apart from the list may share one. */
function groupKeyOf(req: EngineRequest, batch: ListBatchSpec): string {
	const qs = { ...(req.qs ?? {}) };
	let body = req.body;
	if (batch.path) body = undefined;
	else if (batch.in === 'query') delete qs[batch.list];
	else {
		body = structuredClone(req.body);
		writePath(body as IDataObject, batch.list, null);
	}
	return JSON.stringify([req.method, req.path, req.pathParams, qs, req.headers, body]);
}

/** One request carrying the lists of several items, in their order. */
function withList(req: EngineRequest, batch: ListBatchSpec, list: unknown[]): EngineRequest {
	if (batch.path) {
		const body: IDataObject = {};
		writePath(body, batch.list, list);
		return { ...req, path: batch.path, pathParams: {}, qs: {}, body, bodyEncoding: 'json' };
	}
	if (batch.in === 'query')
		return { ...req, qs: { ...(req.qs ?? {}), [batch.list]: list as IDataObject[] } };
	const body = structuredClone(req.body) as IDataObject;
	writePath(body, batch.list, list);
	return { ...req, body };
}

/** What an answer says: the accepted elements in order, and the refused ones by their place in the request's list. */
function answerOf(
	body: unknown,
	batch: ListBatchSpec,
): { accepted: unknown[]; refused: Map<number, { status: number; body: unknown }> } {
	const list = readPath(body, batch.answerList);
	const refused = new Map<number, { status: number; body: unknown }>();
	const failures = batch.failures ? readPath(body, batch.failures.list) : undefined;
	for (const failure of Array.isArray(failures) ? failures : []) {
		const { index: indexPath, status: statusPath, body: bodyPath } = batch.failures!;
		const index = Number(readPath(failure, indexPath));
		const status = Number(statusPath ? readPath(failure, statusPath) : 400);
		if (Number.isInteger(index))
			refused.set(index, {
				status: status >= 400 ? status : 400,
				body: bodyPath ? (readPath(failure, bodyPath) ?? failure) : failure,
			});
	}
	return { accepted: Array.isArray(list) ? list : [], refused };
}

/**
 * Run one operation for every item through its own endpoint, many items per request (`OperationSpec.listBatch`):
 * items whose requests differ only in their list go together, up to `size` elements per request; each gets its
 * elements of the answer's list back, in order. A failed request is the error of every item in it (the service
 * refused the request as a whole) unless its answer names the refused elements (`failures`): then each item
 * whose element was refused fails with that element's error, and the others get their results.
 * @param sendFor sends one request for the item given (the engine's request function of that item)
 * @param refused the error of an item whose element the service refused (its status and failure entry)
 */
export async function executeListBatched(
	fn: IExecuteFunctions,
	batch: ListBatchSpec,
	prepare: (itemIndex: number) => EngineRequest,
	sendFor: (itemIndex: number, req: EngineRequest) => Promise<EngineResponse>,
	refused: (itemIndex: number, req: EngineRequest, status: number, body: unknown) => Error,
	redact: (items: INodeExecutionData[]) => INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const count = fn.getInputData().length;
	const results: INodeExecutionData[][] = Array.from({ length: count }, () => []);
	const fail = failer(fn, results);

	// Items in groups of the same request apart from the list, in the order of their first item.
	const groups = new Map<string, Array<{ i: number; req: EngineRequest; list: unknown[] }>>();
	for (let i = 0; i < count; i++) {
		try {
			const req = prepare(i);
			const list = listOf(req, batch);
			const key = groupKeyOf(req, batch);
			groups.set(key, [...(groups.get(key) ?? []), { i, req, list }]);
		} catch (caught) {
			fail(i, caught);
		}
	}

	for (const members of groups.values()) {
		// Chunks of at most `size` elements; an item's list is never split (one larger than `size` goes alone).
		const chunks: Array<typeof members> = [];
		let chunk: typeof members = [];
		let size = 0;
		for (const m of members) {
			if (chunk.length > 0 && size + m.list.length > batch.size) {
				chunks.push(chunk);
				chunk = [];
				size = 0;
			}
			chunk.push(m);
			size += m.list.length;
		}
		if (chunk.length > 0) chunks.push(chunk);

		for (const part of chunks) {
			const first = part[0];
			let answer: ReturnType<typeof answerOf>;
			try {
				const res = await sendFor(
					first.i,
					withList(
						first.req,
						batch,
						part.flatMap((m) => m.list),
					),
				);
				answer = answerOf(res.body, batch);
			} catch (caught) {
				// Refused as a whole, unless the answer says which elements it refused (then it is read below).
				const named =
					caught instanceof EngineError && caught.kind === 'http' && batch.failures
						? answerOf(caught.body, batch)
						: undefined;
				if (!named || named.refused.size === 0) {
					for (const { i } of part) fail(i, caught);
					continue;
				}
				answer = named;
			}
			let at = 0;
			let next = 0;
			for (const { i, req, list } of part) {
				const places = list.map((_, k) => at + k);
				at += list.length;
				try {
					const problem = places.map((p) => answer.refused.get(p)).find(Boolean);
					const mine = places
						.filter((p) => !answer.refused.has(p))
						.map(() => answer.accepted[next++]);
					if (problem) throw refused(i, req, problem.status, problem.body);
					if (mine.some((m) => m === undefined))
						throw new Error(
							`The answer has no result for item ${i}: it listed ${answer.accepted.length}.`,
						);
					results[i] = redact(toItems(mine as IDataObject[], i));
				} catch (caught) {
					fail(i, caught);
				}
			}
		}
	}
	return [results.flat()];
}
