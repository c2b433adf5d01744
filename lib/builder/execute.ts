/**
 * The generic router: for each item, find the operation in the spec, read and validate its fields,
 * build the request, send it through the engine (paging when asked) and shape the output. A plain
 * REST operation needs no code; an operation that names a hook runs that hook with the same tools.
 */
import { randomUUID } from 'node:crypto';

import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { openConnection } from '../node/connection';
import { executeBatched } from './batch';
import { forEachItem, type ItemResult } from '../node/items';
import { readSettings } from '../node/options';
import { responseToItems, wrap } from '../node/response';
import { identityOf } from '../spec/identity';
import type { HookContext, OperationHook, OperationSpec, ParamSpec, ServiceDefinition } from '../spec/types';
import { paginate } from '../transport/paginate';
import { isIdempotent } from '../retry/decide';
import { send, type CallContext } from '../transport/pipeline';
import type { EngineRequest } from '../transport/types';

/** Set `value` at a bracket/dotted path (`items[0][price]`, `settings.title`), creating objects and arrays. */
export function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.replace(/\]/g, '').split(/\[|\./).filter(Boolean);
	let cur: Record<string, unknown> = target;
	keys.forEach((key, index) => {
		if (index === keys.length - 1) {
			cur[key] = value;
			return;
		}
		if (cur[key] === undefined || typeof cur[key] !== 'object') cur[key] = /^\d+$/.test(keys[index + 1]) ? [] : {};
		cur = cur[key] as Record<string, unknown>;
	});
}

function fail(fn: IExecuteFunctions, i: number, p: ParamSpec, problem: string, fix: string): never {
	throw new NodeOperationError(fn.getNode(), `The field '${p.displayName}' ${problem}`, { itemIndex: i, description: fix });
}

/**
 * Pairs of a `keyValue` field as one object: the rows of its fixed collection (`{ pairs: [{ key, value }] }`),
 * or an object / JSON object text from an expression. Values are sent as text; a later duplicate key wins.
 */
function keyValuePairs(fn: IExecuteFunctions, i: number, p: ParamSpec, raw: unknown): IDataObject {
	let source: unknown = raw;
	if (typeof raw === 'string') {
		try {
			source = raw.trim() === '' ? {} : JSON.parse(raw);
		} catch (error) {
			fail(fn, i, p, `is not valid JSON (${(error as Error).message}).`, 'Add the pairs one by one, or give a JSON object such as {"plan": "pro"}.');
		}
	}
	if (source === undefined || source === null) return {};
	if (typeof source !== 'object' || Array.isArray(source)) {
		fail(fn, i, p, 'must be a list of key/value pairs or a JSON object.', 'Add the pairs one by one, or give a JSON object such as {"plan": "pro"}.');
	}
	const rows = (source as IDataObject).pairs;
	// The fixed collection gives `{ pairs: [...] }` (or `{ pairs: undefined }` once every row is removed).
	const fromRows = Object.keys(source as object).length === 1 && 'pairs' in (source as object) && (Array.isArray(rows) || rows == null);
	const entries: Array<[string, unknown]> = fromRows
		? ((rows as IDataObject[] | undefined) ?? []).map((row) => [String(row?.key ?? '').trim(), row?.value])
		: Object.entries(source as IDataObject);
	const out: IDataObject = {};
	for (const [key, value] of entries) {
		if (key === '') fail(fn, i, p, 'has a pair without a key.', `Enter a key for every pair of '${p.displayName}', or remove the empty pair.`);
		if (value !== null && typeof value === 'object') {
			fail(fn, i, p, `has a nested value for '${key}'.`, 'Each value must be text, a number or true/false.');
		}
		out[key] = value === undefined || value === null ? '' : String(value);
	}
	return out;
}

/** Convert and validate one field's value; returns undefined for "not set". */
export function coerce(fn: IExecuteFunctions, i: number, p: ParamSpec, raw: unknown): unknown {
	if (p.type === 'keyValue') {
		const pairs = keyValuePairs(fn, i, p, raw);
		if (Object.keys(pairs).length > 0) return pairs;
		if (p.required) fail(fn, i, p, 'is required.', `Add at least one pair to '${p.displayName}'.`);
		return undefined;
	}
	if (raw === undefined || raw === null || raw === '') {
		if (p.required) fail(fn, i, p, 'is required.', `Enter a value for '${p.displayName}'.`);
		return undefined;
	}
	let value: unknown = raw;
	if (p.type === 'json' && typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			fail(fn, i, p, `is not valid JSON (${(error as Error).message}).`, 'Fix the JSON: quotes around keys and strings, no trailing commas.');
		}
	}
	if (p.type === 'stringList' && typeof raw === 'string') {
		value = raw.split(',').map((s) => s.trim()).filter(Boolean);
	}
	if (p.type === 'number') {
		value = Number(raw);
		if (!Number.isFinite(value)) fail(fn, i, p, `must be a number (got '${String(raw)}').`, `Enter a number for '${p.displayName}'.`);
		const n = value as number;
		if (p.validate?.min !== undefined && n < p.validate.min) fail(fn, i, p, `must be at least ${p.validate.min} (got ${n}).`, `Raise '${p.displayName}'.`);
		if (p.validate?.max !== undefined && n > p.validate.max) fail(fn, i, p, `must be at most ${p.validate.max} (got ${n}).`, `Lower '${p.displayName}'.`);
	}
	if (p.validate?.pattern && typeof value === 'string' && !new RegExp(p.validate.pattern).test(value)) {
		fail(fn, i, p, `has an invalid format ('${value}').`, p.validate.patternHint ?? `It must match ${p.validate.pattern}.`);
	}
	return value;
}

/** Read every param of an operation for one item: required ones are fields, optional ones live in "Additional Fields". */
export function readParams(fn: IExecuteFunctions, i: number, op: OperationSpec): IDataObject {
	const extra = (fn.getNodeParameter('additionalFields', i, {}) as IDataObject) ?? {};
	const out: IDataObject = {};
	for (const p of op.params ?? []) {
		const raw = p.required ? fn.getNodeParameter(p.name, i, undefined) : extra[p.name];
		const value = coerce(fn, i, p, raw);
		if (value !== undefined) out[p.name] = value as IDataObject[keyof IDataObject];
	}
	return out;
}

/** Place param values into path, query, headers and body. */
export function toRequest(op: OperationSpec, params: IDataObject, baseUrl: string): EngineRequest {
	const req: EngineRequest = {
		method: op.method,
		baseUrl,
		path: op.path,
		pathParams: {},
		qs: { ...(op.query ?? {}) },
		headers: {},
		responseFormat: 'json',
		cacheable: op.cacheable,
	};
	let body: IDataObject | undefined;
	for (const p of op.params ?? []) {
		const value = params[p.name];
		if (value === undefined) continue;
		if (p.in === 'path') req.pathParams![p.name] = value as string;
		else if (p.in === 'query') req.qs![p.wireName ?? p.name] = value;
		else if (p.in === 'header') req.headers![p.wireName ?? p.name] = String(value);
		else setPath((body ??= {}), p.bodyPath ?? p.name, value);
	}
	if (body || ['POST', 'PUT', 'PATCH'].includes(op.method)) {
		req.body = body ?? {};
		req.bodyEncoding = op.body ?? 'json';
	}
	if (op.body === 'none') delete req.body;
	return req;
}

function findOperation(def: ServiceDefinition, resource: string, operation: string): OperationSpec | undefined {
	return def.spec.resources.find((r) => r.id === resource)?.operations.find((o) => o.id === operation);
}

/** The credential type an item uses: the "Authentication" choice, or the only one the spec has. */
function credentialTypeOf(fn: IExecuteFunctions, def: ServiceDefinition, i: number): string | undefined {
	return def.spec.auth.length > 1 ? (fn.getNodeParameter('authentication', i) as string) : def.spec.auth[0]?.credentialType;
}

/** The `execute` of a spec-built node. */
export async function executeSpec(fn: IExecuteFunctions, def: ServiceDefinition): Promise<INodeExecutionData[][]> {
	const { spec } = def;
	const service = identityOf(spec);
	const batched = await tryBatch(fn, def);
	if (batched) return batched;
	return await forEachItem(fn, async (i): Promise<ItemResult> => {
		const op = operationOf(fn, def, i);
		const credentialType = credentialTypeOf(fn, def, i);
		const conn = await openConnection(fn, i, credentialType, spec.baseUrl);
		const params = readParams(fn, i, op);
		const ctx: CallContext = { fn, itemIndex: i, service, credentialType, redact: conn.redact, settings: readSettings(fn, i) };
		// One idempotency key per item, reused by every retry of that item, so a write is never done twice.
		const idempotencyKey = spec.idempotencyHeader && ['POST', 'PATCH'].includes(op.method) ? randomUUID() : undefined;
		const request = async (req: EngineRequest) => {
			const headers = { ...(req.headers ?? {}), ...(idempotencyKey ? { [spec.idempotencyHeader!]: idempotencyKey } : {}) };
			const idempotent = req.idempotent ?? op.idempotent ?? isIdempotent(req.method, idempotencyKey !== undefined);
			return await send(ctx, { ...req, headers, idempotent });
		};

		if (op.hook) {
			const hook = def.hooks?.[op.hook] as OperationHook | undefined;
			if (!hook) throw new NodeOperationError(fn.getNode(), `The operation '${op.id}' needs the hook '${op.hook}', which is missing.`, { itemIndex: i });
			const hookCtx: HookContext = { fn, itemIndex: i, spec, operation: op, params, baseUrl: conn.baseUrl, request };
			return conn.redact(await hook(hookCtx));
		}

		const req = toRequest(op, params, conn.baseUrl);
		const paging = op.paginate === true ? spec.pagination : op.paginate || undefined;
		if (paging) {
			const returnAll = fn.getNodeParameter('returnAll', i, false) as boolean;
			const limit = returnAll ? 0 : (fn.getNodeParameter('limit', i, 50) as number);
			const { items } = await paginate(paging, req, request, { returnAll, limit });
			return conn.redact(items.map(wrap));
		}
		const res = await request(req);
		return conn.redact(
			await responseToItems(fn, res, {
				format: 'json',
				path: op.response?.path,
				split: op.response?.split,
				onEmpty: op.response?.onEmpty,
			}),
		);
	});
}

function operationOf(fn: IExecuteFunctions, def: ServiceDefinition, i: number): OperationSpec {
	const resource = fn.getNodeParameter('resource', i) as string;
	const operation = fn.getNodeParameter('operation', i) as string;
	const op = findOperation(def, resource, operation);
	if (!op) {
		throw new NodeOperationError(fn.getNode(), `Unknown operation '${resource}: ${operation}'.`, {
			itemIndex: i,
			description: 'Pick a resource and operation again in the node; this one does not exist in this version.',
		});
	}
	return op;
}

/** When the user turned "Batch Items" on and the operation is batchable, run all items through the batch endpoint. */
async function tryBatch(fn: IExecuteFunctions, def: ServiceDefinition): Promise<INodeExecutionData[][] | undefined> {
	const { spec } = def;
	if (!spec.batch || fn.getInputData().length < 2) return undefined;
	const options = fn.getNodeParameter('options', 0, {}) as IDataObject;
	if (options.batchItems !== true) return undefined;
	const op = operationOf(fn, def, 0);
	if (!op.batchable) return undefined;
	// Only one operation per batch: items that pick different operations by expression run one by one.
	for (let i = 1; i < fn.getInputData().length; i++) if (operationOf(fn, def, i) !== op) return undefined;
	const credentialType = credentialTypeOf(fn, def, 0);
	const conn = await openConnection(fn, 0, credentialType, spec.baseUrl);
	const service = identityOf(spec);
	return await executeBatched(
		fn,
		spec.batch,
		op,
		conn,
		(i) => ({ fn, itemIndex: i, service, credentialType, redact: conn.redact, settings: readSettings(fn, i) }),
		(i) => toRequest(op, readParams(fn, i, op), conn.baseUrl),
	);
}
