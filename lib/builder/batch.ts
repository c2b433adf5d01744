/**
 * Batching: the items of one batchable operation go to the service's batch endpoint in groups of up to
 * `batch.size`; each answer is mapped back to its item (`pairedItem`), and a failed sub-request is that
 * item's error only. The batch request itself goes through the engine (queue, retries, redaction).
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem, toItems } from '../execution/items';
import type { RequestTarget } from '../execution/target';
import { responseToItems } from '../execution/response';
import type { BatchSpec, JobSpec, ListBatchSpec, OperationSpec } from '../spec/types';
import { backoffDelay } from '../retry/backoff';
import { isIdempotent } from '../retry/decide';
import { parseRetryAfter } from '../retry/retry-after';
import { httpError } from '../execution/n8n-error';
import { EngineError } from '../transport/engine-error';
import { readPath, writePath } from '../transport/path';
import { send, type CallContext } from '../transport/pipeline';
import type { EngineRequest, EngineResponse } from '../transport/types';
import { fillPath, toQueryString } from '../transport/url';
import { WAIT_FLOOR_MS } from '../transport/waits';
import { awaitJob, jobResults, parseJsonText } from './job';

/** The URL of a sub-request, relative to the base URL (what batch envelopes expect); `withQuery` false: no query. */
function relativeUrl(req: EngineRequest, withQuery = true): string {
	const path = fillPath(req.path, req.pathParams);
	const query = withQuery ? toQueryString(req.qs) : '';
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
	/** The sub-answer's headers (its `Retry-After`), and the attempts made and time waited for it. */
	tries: {
		headers?: Record<string, string>;
		attempts?: number;
		maxAttempts?: number;
		waitedMs?: number;
	} = {},
): Error {
	return httpError(fn.getNode(), status, target.redact(body), tries.headers ?? {}, {
		service: ctx.service.displayName,
		connection: target.credentialName,
		method: req.method,
		endpoint: op.path,
		itemIndex: i,
		pathParams: req.pathParams,
		...(op.scopes?.length ? { neededScopes: op.scopes } : {}),
		...(ctx.service.errorCodes ? { errorCodes: ctx.service.errorCodes } : {}),
		attempts: tries.attempts ?? 1,
		maxAttempts: tries.maxAttempts ?? 1,
		waitedMs: tries.waitedMs ?? 0,
	});
}

/** Statuses a sub-answer may carry that say "not now": sent again after its `Retry-After`, even a write (refused). */
const REFUSED = new Set([429, 503]);
/** Other statuses worth another try, where re-sending is safe (the sub-request is idempotent). */
const TRANSIENT = new Set([408, 500, 502, 504]);

/** A sub-answer's header, whatever its case. */
function headerOf(answer: unknown, batch: BatchSpec, name: string): string | undefined {
	if (!batch.response.headers) return undefined;
	const headers = readPath(answer, batch.response.headers);
	if (!headers || typeof headers !== 'object') return undefined;
	const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
	return found === undefined ? undefined : String(found[1]);
}

/** A sub-request in the envelope's shape; `after` is the id it depends on (`'inOrder'` operations). */
function subRequest(batch: BatchSpec, i: number, req: EngineRequest, after?: number): IDataObject {
	const { request } = batch;
	const sub: IDataObject = {};
	setKey(sub, request.id, String(i));
	setKey(sub, request.method, req.method);
	setKey(sub, request.url, relativeUrl(req, !request.query));
	if (request.query && req.qs && Object.keys(req.qs).length > 0) setKey(sub, request.query, req.qs);
	if (request.body)
		setKey(
			sub,
			request.body,
			request.bodyText && req.body !== undefined ? JSON.stringify(req.body) : req.body,
		);
	if (request.headers) {
		const headers: IDataObject = { ...(req.headers ?? {}) };
		// A sub-request's body is JSON: say so (batch envelopes such as Graph's require it).
		if (req.body !== undefined) headers['Content-Type'] = 'application/json';
		if (Object.keys(headers).length > 0) setKey(sub, request.headers, headers);
	}
	if (request.dependsOn && after !== undefined) setKey(sub, request.dependsOn, [String(after)]);
	return sub;
}

/**
 * Run one operation for every item through the batch endpoint.
 * @param prepare builds the item's request (validating its fields); a throw becomes that item's error.
 *
 * A sub-answer of 429 or 503 is sent again in a later batch after the longest `Retry-After` of the
 * sub-answers (or the engine's backoff), a 408/5xx only when the sub-request is idempotent, within the
 * node's Max Attempts and Max Total Wait; then it is that item's error.
 */
export async function executeBatched(
	fn: IExecuteFunctions,
	batch: BatchSpec,
	op: OperationSpec,
	target: RequestTarget,
	ctxFor: (itemIndex: number) => CallContext,
	prepare: (itemIndex: number) => EngineRequest | Promise<EngineRequest>,
): Promise<INodeExecutionData[][]> {
	const count = fn.getInputData().length;
	const results: INodeExecutionData[][] = Array.from({ length: count }, () => []);
	const fail = failer(fn, results);

	let ready: Array<{ i: number; req: EngineRequest }> = [];
	for (let i = 0; i < count; i++) {
		try {
			ready.push({ i, req: await prepare(i) });
		} catch (caught) {
			fail(i, caught);
		}
	}

	const { settings } = ctxFor(0);
	const { clock } = ctxFor(0).engine;
	const maxWaitMs = settings.maxTotalWaitMs ?? WAIT_FLOOR_MS;
	let waitedMs = 0;
	for (let attempt = 1; ready.length > 0; attempt++) {
		const again: Array<{ i: number; req: EngineRequest; answer: IDataObject }> = [];
		for (let start = 0; start < ready.length; start += batch.size) {
			const chunk = ready.slice(start, start + batch.size);
			const inOrder = op.batchable === 'inOrder';
			const envelope: IDataObject = {
				[batch.request.list]: chunk.map(({ i, req }, at) =>
					subRequest(batch, i, req, inOrder && at > 0 ? chunk[at - 1].i : undefined),
				),
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
				// An asynchronous batch: its sub-answers are the finished job's results.
				const list = readPath(
					batch.job ? await jobAnswers(fn, batch.job, res.body, ctxFor(first), target) : res.body,
					batch.response.list,
				);
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
					const body = bodyOf(answer, batch);
					// 424: an in-order sub-request whose predecessor is sent again goes again with it.
					const retry =
						REFUSED.has(status) ||
						(TRANSIENT.has(status) && isIdempotent(req.method)) ||
						(status === 424 && inOrder && again.length > 0);
					if (retry && attempt < settings.maxAttempts) {
						again.push({ i, req, answer });
						continue;
					}
					if (!(status >= 200 && status < 300))
						throw subRequestError(fn, ctxFor(i), target, op, req, i, status, body, {
							headers: retryAfterHeaders(answer, batch),
							attempts: attempt,
							maxAttempts: settings.maxAttempts,
							waitedMs,
						});
					const items = await responseToItems(
						fn,
						{
							status,
							headers: {},
							body,
							meta: { attempts: attempt, waitedMs, url: target.baseUrl + batch.path },
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
		if (again.length === 0) break;
		// The longest Retry-After the sub-answers asked for, else the engine's backoff; beyond Max Total Wait
		// each of them fails with its answer.
		const asked = again.map(
			({ answer }) => parseRetryAfter(headerOf(answer, batch, 'retry-after'), clock.now()) ?? -1,
		);
		const waitMs = Math.max(...asked) >= 0 ? Math.max(...asked) : backoffDelay(attempt);
		if (waitedMs + waitMs > maxWaitMs) {
			for (const { i, req, answer } of again)
				fail(
					i,
					subRequestError(
						fn,
						ctxFor(i),
						target,
						op,
						req,
						i,
						Number(readPath(answer, batch.response.status)),
						bodyOf(answer, batch),
						{
							headers: retryAfterHeaders(answer, batch),
							attempts: attempt,
							maxAttempts: settings.maxAttempts,
							waitedMs,
						},
					),
				);
			break;
		}
		await clock.sleep(waitMs, fn.getExecutionCancelSignal?.());
		waitedMs += waitMs;
		ready = again.map(({ i, req }) => ({ i, req }));
	}
	return [results.flat()];
}

/** A sub-answer's body (JSON text read as JSON when the envelope writes it so). */
function bodyOf(answer: unknown, batch: BatchSpec): unknown {
	const body = readPath(answer, batch.response.body);
	return batch.response.bodyText ? parseJsonText(body) : body;
}

/** The finished batch job's results (waited for with the first item's connection). */
async function jobAnswers(
	fn: IExecuteFunctions,
	job: JobSpec,
	started: unknown,
	ctx: CallContext,
	target: RequestTarget,
): Promise<unknown[]> {
	const state = await awaitJob(job, started, {
		fn,
		clock: ctx.engine.clock,
		itemIndex: ctx.itemIndex,
		service: ctx.service.displayName,
		baseUrl: target.baseUrl,
		request: async (req) => await send(ctx, req),
	});
	return await jobResults(job, state, ctx);
}

/** The sub-answer's `Retry-After`, as headers for the item's error. */
function retryAfterHeaders(answer: unknown, batch: BatchSpec): Record<string, string> {
	const value = headerOf(answer, batch, 'retry-after');
	return value === undefined ? {} : { 'retry-after': value };
}

/**
 * The list an item's request carries at the list batch's place (a single value counts as a list of one); with a
 * bulk endpoint of its own (`path`), the item's whole body is its one element.
 */
function listOf(req: EngineRequest, batch: ListBatchSpec): unknown[] {
	if (batch.path) {
		const element = { ...((req.body ?? {}) as IDataObject) };
		for (const [key, param] of Object.entries(batch.fromPath ?? {}))
			element[key] = req.pathParams?.[param] as IDataObject[string];
		const match = batch.matchBy;
		if (match?.generate && readPath(element, match.element) === undefined)
			writePath(element, match.element, randomUUID());
		return [element];
	}
	const value = batch.in === 'query' ? req.qs?.[batch.list] : readPath(req.body, batch.list);
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

/**
 * An item's output of a list request answered by a job: the answer, the job's final state if waited for, and (when
 * the request was shared, `list` given) the item's own elements.
 */
export function jobOutput(
	job: NonNullable<ListBatchSpec['job']>,
	started: unknown,
	state: IDataObject | undefined,
	list?: unknown[],
): IDataObject {
	return {
		...((started ?? {}) as IDataObject),
		...(state ?? {}),
		...(list ? { [job.elementAs]: (list.length === 1 ? list[0] : list) as IDataObject } : {}),
	};
}

/** The request without its list: items whose requests are the same apart from the list may share one. */
function groupKeyOf(req: EngineRequest, batch: ListBatchSpec): string {
	const qs = { ...(req.qs ?? {}) };
	let body = req.body;
	let pathParams = req.pathParams;
	if (batch.path) {
		body = undefined;
		// Values carried in the element itself do not keep items apart.
		pathParams = { ...(req.pathParams ?? {}) };
		for (const param of Object.values(batch.fromPath ?? {})) delete pathParams[param];
	} else if (batch.in === 'query') delete qs[batch.list];
	else {
		body = structuredClone(req.body);
		writePath(body as IDataObject, batch.list, null);
	}
	return JSON.stringify([req.method, req.path, pathParams, qs, req.headers, body]);
}

/** One request carrying the lists of several items, in their order. */
function withList(req: EngineRequest, batch: ListBatchSpec, list: unknown[]): EngineRequest {
	if (batch.path) {
		const body: IDataObject = {};
		writePath(body, batch.list, list);
		return {
			...req,
			...(batch.method ? { method: batch.method } : {}),
			path: batch.path,
			pathParams: {},
			qs: {},
			body,
			bodyEncoding: 'json',
		};
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
): { accepted: unknown[]; refused: Map<number, { status: number; body: unknown }>; body: unknown } {
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
	return { accepted: Array.isArray(list) ? list : [], refused, body };
}

/** The answer elements of an item's elements, found by their key (`matchBy`): an answer in any order. */
function matched(
	list: unknown[],
	answer: { accepted: unknown[]; body: unknown },
	match: NonNullable<ListBatchSpec['matchBy']>,
	refusal: (status: number, entry: unknown) => Error,
): unknown[] {
	return list.map((element) => {
		const key = readPath(element, match.element);
		const same = (value: unknown) =>
			key !== undefined && key !== null && value !== undefined && String(value) === String(key);
		const found = answer.accepted.find((a) => same(readPath(a, match.answer)));
		if (found !== undefined) return found;
		const errors = match.errors ? readPath(answer.body, match.errors.list) : undefined;
		const entry = (Array.isArray(errors) ? errors : []).find((e) => {
			const keys = readPath(e, match.errors!.keys);
			return (Array.isArray(keys) ? keys : [keys]).some(same);
		});
		if (entry !== undefined) {
			const status = Number(match.errors!.status ? readPath(entry, match.errors!.status) : 400);
			throw refusal(Number.isInteger(status) && status >= 400 ? status : 400, entry);
		}
		throw new Error(
			`The answer has no result for ${match.element} ${String(key)}, and names no error for it.`,
		);
	});
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
	/** Throws an element's own error (`ListBatchSpec.elementError`): that item fails, the others keep their results. */
	checkElement?: (itemIndex: number, req: EngineRequest, element: unknown) => void,
	/**
	 * With `batch.job`: waits for the job the answer started (the item's connection), and gives its final state,
	 * or undefined when the item does not wait for it.
	 */
	settle?: (itemIndex: number, started: unknown) => Promise<IDataObject | undefined>,
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
				if (batch.job) {
					// One job for the whole request: each item gets the answer, the job's end and its own elements.
					const state = await settle?.(first.i, res.body);
					for (const { i, list } of part)
						results[i] = redact(toItems([jobOutput(batch.job, res.body, state, list)], i));
					continue;
				}
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
					const mine = batch.matchBy
						? matched(list, answer, batch.matchBy, (status, entry) =>
								refused(i, req, status, entry),
							)
						: places.filter((p) => !answer.refused.has(p)).map(() => answer.accepted[next++]);
					if (problem) throw refused(i, req, problem.status, problem.body);
					if (mine.some((m) => m === undefined))
						throw new Error(
							`The answer has no result for item ${i}: it listed ${answer.accepted.length}.`,
						);
					for (const element of mine) checkElement?.(i, req, element);
					results[i] = redact(toItems(mine as IDataObject[], i));
				} catch (caught) {
					fail(i, caught);
				}
			}
		}
	}
	return [results.flat()];
}
