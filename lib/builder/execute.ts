/**
 * The generic router: for each item, find the operation in the spec, read and validate its fields,
 * build the request, send it through the engine (paging when asked) and shape the output. A plain
 * REST operation needs no code; an operation that names a hook runs that hook with the same tools.
 */
import { createHash, randomUUID } from 'node:crypto';

import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { openServiceTarget } from '../execution/discovery';
import type { RequestTarget } from '../execution/target';
import { executeBatched, executeListBatched, jobOutput, subRequestError } from './batch';
import { awaitJob, waitsForJob } from './job';
import { RunSessions } from './session';
import {
	CUSTOM_REQUEST_RESOURCE,
	customRequestResource,
	readCustomRequest,
} from './custom-request';
import { forEachItem, itemConcurrency, type ItemResult } from '../execution/items';
import { readEngineSettings } from '../execution/options';
import {
	asBoolean,
	asJson,
	asNumber,
	asString,
	fieldOf,
	readBoolean,
	readNumber,
	readObject,
	readString,
} from '../execution/params';
import { responseToItems, wrap } from '../execution/response';
import { elementFailure, firstElementFailure } from './element-error';
import { identityOf } from '../spec/identity';
import type {
	HookContext,
	JobSpec,
	OperationHook,
	OperationSpec,
	ParamSpec,
	RequestShapeHook,
	ServiceDefinition,
} from '../spec/types';
import { paginate } from '../transport/paginate';
import { isIdempotent } from '../retry/decide';
import { processRuntime } from '../runtime';
import type { Engine } from '../transport/engine';
import { send } from '../transport/pipeline';
import { isRawJson, parseJsonLossless, rawJsonAsText } from '../transport/json';
import { readPath, writePath } from '../transport/path';
import { restliQueryString, type RestliValue } from '../transport/restli';
import { userErrorsCheck } from '../transport/reported-error';
import type { EngineRequest, EngineResponse, RequestLimit } from '../transport/types';
import { callContext } from '../transport/context';

function fail(fn: IExecuteFunctions, i: number, p: ParamSpec, problem: string, fix: string): never {
	throw new NodeOperationError(fn.getNode(), `The field '${p.displayName}' ${problem}`, {
		itemIndex: i,
		description: fix,
	});
}

/**
 * Pairs of a `keyValue` field as one object: the rows of its fixed collection (`{ pairs: [{ key, value }] }`),
 * or an object / JSON object text from an expression. Values are sent as text; a later duplicate key wins.
 */
function keyValuePairs(fn: IExecuteFunctions, i: number, p: ParamSpec, raw: unknown): IDataObject {
	let source: unknown = raw;
	if (typeof raw === 'string') {
		try {
			source = raw.trim() === '' ? {} : parseJsonLossless(raw);
		} catch (error) {
			fail(
				fn,
				i,
				p,
				`is not valid JSON (${(error as Error).message}).`,
				'Add the pairs one by one, or give a JSON object such as {"plan": "pro"}.',
			);
		}
	}
	if (source === undefined || source === null) return {};
	if (typeof source !== 'object' || Array.isArray(source)) {
		fail(
			fn,
			i,
			p,
			'must be a list of key/value pairs or a JSON object.',
			'Add the pairs one by one, or give a JSON object such as {"plan": "pro"}.',
		);
	}
	const rows = (source as IDataObject).pairs;
	// The fixed collection gives `{ pairs: [...] }` (or `{ pairs: undefined }` once every row is removed).
	const fromRows =
		Object.keys(source as object).length === 1 &&
		'pairs' in (source as object) &&
		(Array.isArray(rows) || rows == null);
	const entries: Array<[string, unknown]> = fromRows
		? ((rows as IDataObject[] | undefined) ?? []).map((row) => [
				String(row?.key ?? '').trim(),
				row?.value,
			])
		: Object.entries(source as IDataObject);
	const out: IDataObject = {};
	for (const [key, value] of entries) {
		if (key === '')
			fail(
				fn,
				i,
				p,
				'has a pair without a key.',
				`Enter a key for every pair of '${p.displayName}', or remove the empty pair.`,
			);
		if (value !== null && typeof value === 'object' && !isRawJson(value)) {
			fail(
				fn,
				i,
				p,
				`has a nested value for '${key}'.`,
				'Each value must be text, a number or true/false.',
			);
		}
		out[key] = value === undefined || value === null ? '' : String(rawJsonAsText(value));
	}
	return out;
}

function isPlainData(value: unknown): boolean {
	if (Array.isArray(value)) return true;
	if (value === null || typeof value !== 'object') return false;
	const proto = Object.getPrototypeOf(value) as unknown;
	return proto === Object.prototype || proto === null;
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
	const field = fieldOf(fn, i, p.displayName);
	let value: unknown = raw;
	// JSON text keeps integers beyond 2^53 exact; a number field refuses them (they would be rounded).
	if (p.type === 'json') value = asJson(field, raw);
	if (p.type === 'stringList' && typeof raw === 'string') {
		value = raw
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
	}
	if (p.type === 'number')
		value = asNumber(field, raw, { min: p.validate?.min, max: p.validate?.max });
	if (p.type === 'boolean') value = asBoolean(field, raw);
	// Text fields take text, or a number / true-false / date from an expression; a plain object or a list
	// would be sent as [object Object] or a joined list.
	if ((p.type === 'string' || p.type === 'options') && isPlainData(raw))
		value = asString(field, raw);
	if (
		p.validate?.pattern &&
		typeof value === 'string' &&
		!new RegExp(p.validate.pattern).test(value)
	) {
		fail(
			fn,
			i,
			p,
			`has an invalid format ('${value}').`,
			p.validate.patternHint ?? `It must match ${p.validate.pattern}.`,
		);
	}
	return value;
}

/** Read every param of an operation for one item: required ones are fields, optional ones live in "Additional Fields". */
export function readParams(fn: IExecuteFunctions, i: number, op: OperationSpec): IDataObject {
	const extra = readObject(fn, i, 'additionalFields', 'Additional Fields');
	const out: IDataObject = {};
	const version = fn.getNode().typeVersion;
	for (const p of op.params ?? []) {
		// A field the node's version does not show (`since`/`until`) is not read: a replaced field may share its name.
		if (version < (p.since ?? 1) || version > (p.until ?? Infinity)) continue;
		// Nor one hidden by the value of a field before it (`showWhen`).
		if (p.showWhen && !Object.entries(p.showWhen).every(([k, vs]) => vs.includes(out[k] as never)))
			continue;
		const raw = p.required ? fn.getNodeParameter(p.name, i, undefined) : extra[p.name];
		const value = coerce(fn, i, p, raw);
		if (value !== undefined) out[p.name] = value as IDataObject[keyof IDataObject];
	}
	return out;
}

/** A query param's value as its `queryFormat` says: a list joined by commas, or a list or object as JSON. */
function queryValue(p: ParamSpec, value: unknown): IDataObject[keyof IDataObject] {
	const v = rawJsonAsText(value) as IDataObject[keyof IDataObject];
	if (v === null || typeof v !== 'object') return v;
	if (p.queryFormat === 'comma' && Array.isArray(v)) return v.map(String).join(',');
	if (p.queryFormat === 'json') return JSON.stringify(value);
	return v;
}

/** Place param values into path, query, headers and body. */
export function toRequest(op: OperationSpec, params: IDataObject, baseUrl: string): EngineRequest {
	const req: EngineRequest = {
		method: op.method,
		baseUrl,
		path: op.path,
		pathParams: {},
		qs: { ...(op.query ?? {}) },
		headers: { ...(op.headers ?? {}) },
		responseFormat: 'json',
		cacheable: op.cacheable,
		...(op.response?.exactIntegers ? { exactIntegers: true } : {}),
	};
	const restli: Record<string, RestliValue> = {};
	let body: IDataObject | undefined = op.fixedBody ? structuredClone(op.fixedBody) : undefined;
	// The address a `pathChoice` field picks (a drive of a user, by ID or of a site) replaces its part of the path.
	for (const p of op.params ?? []) {
		const choice = p.pathChoice?.choices[String(params[p.name])];
		if (choice !== undefined) req.path = req.path.replace(p.pathChoice!.replace, choice);
	}
	// GraphQL: the document and its variables; body params are variables.
	const variables = op.graphql ? 'variables.' : '';
	if (op.graphql) {
		body = { ...body, query: op.graphql.document, variables: {} };
		if (op.graphql.userErrorsPath) req.errorsInBody = userErrorsCheck(op.graphql.userErrorsPath);
	}
	for (const p of op.params ?? []) {
		const value = params[p.name];
		if (value === undefined || p.pathChoice) continue;
		if (p.in === 'path' && p.segments) {
			// `a/b c/d.xlsx` → `{name.0}/{name.1}/{name.2}`, each segment encoded on its own.
			const parts = String(rawJsonAsText(value))
				.split('/')
				.filter((part) => part !== '');
			req.path = req.path.replace(`{${p.name}}`, parts.map((_, k) => `{${p.name}.${k}}`).join('/'));
			parts.forEach((part, k) => (req.pathParams![`${p.name}.${k}`] = part));
		} else if (p.in === 'path') req.pathParams![p.name] = rawJsonAsText(value) as string;
		else if (p.in === 'query' && p.queryFormat === 'restli')
			writePath(restli as IDataObject, p.wireName ?? p.name, rawJsonAsText(value));
		else if (p.in === 'query') req.qs![p.wireName ?? p.name] = queryValue(p, value);
		else if (p.in === 'header') req.headers![p.wireName ?? p.name] = String(rawJsonAsText(value));
		// Only a JSON body can carry an integer beyond 2^53 as a number; other encodings are text anyway.
		else
			writePath(
				(body ??= {}),
				variables + (p.bodyPath ?? p.name),
				(op.body ?? 'json') === 'json' ? value : rawJsonAsText(value),
			);
	}
	if (body || ['POST', 'PUT', 'PATCH'].includes(op.method)) {
		req.body = body ?? {};
		req.bodyEncoding = op.body ?? 'json';
	}
	if (op.body === 'none') delete req.body;
	// A path param standing for a documented shorter path (`/users/{user}` with `me` → `/me`).
	for (const p of op.params ?? []) {
		const at = p.pathAlias ? req.path.indexOf(`{${p.name}}`) : -1;
		if (at < 0 || String(req.pathParams![p.name]) !== p.pathAlias!.value) continue;
		req.path = p.pathAlias!.path + req.path.slice(at + p.name.length + 2);
		delete req.pathParams![p.name];
	}
	// Rest.li values are sent as encoded (the query serialiser would escape their structure): in the path's query.
	const encoded = restliQueryString(restli);
	if (encoded) req.path += (req.path.includes('?') ? '&' : '?') + encoded;
	return req;
}

function findOperation(
	def: ServiceDefinition,
	resource: string,
	operation: string,
): OperationSpec | undefined {
	return def.spec.resources
		.find((r) => r.id === resource)
		?.operations.find((o) => o.id === operation);
}

/** The operation as sent with this credential type: its `byAuth` variant merged in. */
export function operationFor(op: OperationSpec, credentialType: string | undefined): OperationSpec {
	const variant = credentialType ? op.byAuth?.[credentialType] : undefined;
	return variant ? { ...op, ...variant } : op;
}

/** The credential type an item uses: the "Authentication" choice, or the only one the spec has. */
function credentialTypeOf(
	fn: IExecuteFunctions,
	def: ServiceDefinition,
	i: number,
): string | undefined {
	return def.spec.auth.length > 1
		? readString(fn, i, 'authentication', 'Authentication')
		: def.spec.auth[0]?.credentialType;
}

/**
 * The idempotency key of an item's `sequence`-th write: a hash of where it runs (execution, node, run, item)
 * and what it does (service, operation). n8n's "Retry On Fail" runs the node again within the same run, so
 * the re-run sends the same key and the service applies the write once. Without an execution id there is
 * nothing that ties re-runs together, and a constant key would merge unrelated writes: the key is random then.
 */
export function idempotencyKeyFor(
	fn: IExecuteFunctions,
	itemIndex: number,
	service: string,
	operation: string,
	sequence = 0,
): string {
	const executionId = fn.getExecutionId();
	if (!executionId) return randomUUID();
	const runIndex = fn.getWorkflowDataProxy(itemIndex).$thisRunIndex;
	const parts = [
		executionId,
		fn.getNode().id,
		runIndex,
		itemIndex,
		service,
		operation,
		...(sequence ? [sequence] : []),
	];
	const h = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
	// UUID layout, version 8 (RFC 9562: custom), so services that expect a UUID-shaped key accept it.
	const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A write whose API takes the idempotency key in the JSON body (`op.idempotencyKeyPath`): the body with the item's
 * key written there, unless the item set its own. Undefined for other requests.
 */
function bodyIdempotencyKey(
	fn: IExecuteFunctions,
	i: number,
	service: string,
	op: OperationSpec,
	req: EngineRequest,
	sequence: () => number,
): { body: IDataObject; key: string } | undefined {
	const path = op.idempotencyKeyPath;
	if (!path || !req.body || typeof req.body !== 'object' || Array.isArray(req.body))
		return undefined;
	const own = readPath(req.body, path);
	if (typeof own === 'string' && own) return { body: req.body as IDataObject, key: own };
	const key = idempotencyKeyFor(fn, i, service, `${op.method} ${op.path}`, sequence());
	const body = structuredClone(req.body) as IDataObject;
	writePath(body, path, key);
	return { body, key };
}

/** An item's request context: its connection, the node's engine settings for it, the credential's redaction. */
function itemContext(
	engine: Engine,
	fn: IExecuteFunctions,
	def: ServiceDefinition,
	i: number,
	target: RequestTarget,
	credentialType: string | undefined,
) {
	return callContext({
		engine,
		fn,
		itemIndex: i,
		service: identityOf(def.spec),
		credentialType,
		redact: target.redact,
		settings: readEngineSettings(fn, i),
	});
}

/** The operation's generic request for an item, reshaped by the operation's `shape` hook when it names one. */
function shapedRequest(
	engine: Engine,
	fn: IExecuteFunctions,
	def: ServiceDefinition,
	i: number,
	op: OperationSpec,
	params: IDataObject,
	target: RequestTarget,
	credentialType: string | undefined,
): EngineRequest {
	const req = toRequest(op, params, target.baseUrl);
	if (!op.shape) return req;
	const shape = def.hooks?.[op.shape] as RequestShapeHook | undefined;
	if (!shape)
		throw new NodeOperationError(
			fn.getNode(),
			`The operation '${op.id}' needs the hook '${op.shape}', which is missing.`,
			{ itemIndex: i },
		);
	return shape(req, {
		engine,
		fn,
		itemIndex: i,
		spec: def.spec,
		operation: op,
		params,
		baseUrl: target.baseUrl,
		...(credentialType ? { credentialType } : {}),
	});
}

/** The engine's request function of one item: its connection, budget (tier, key), scopes and idempotency keys. */
function itemRequester(
	engine: Engine,
	fn: IExecuteFunctions,
	def: ServiceDefinition,
	i: number,
	op: OperationSpec,
	params: IDataObject,
	target: RequestTarget,
	credentialType: string | undefined,
	/** The spec's operation when `op` is a credential's variant of it (the rate-limit budget is the spec's). */
	specOp: OperationSpec = op,
): (req: EngineRequest) => Promise<EngineResponse> {
	const { spec } = def;
	const service = identityOf(spec);
	const ctx = itemContext(engine, fn, def, i, target, credentialType);
	const keyed = Boolean(spec.idempotencyHeader) && ['POST', 'PATCH'].includes(op.method);
	let sent = 0;
	return async (req: EngineRequest) => {
		// One key per write of the item, the same on every retry and every re-run of the node, so a write is applied once.
		const idempotencyKey = keyed
			? idempotencyKeyFor(fn, i, service.id, `${op.method} ${op.path}`, sent++)
			: undefined;
		const headers = {
			...(req.headers ?? {}),
			...(idempotencyKey ? { [spec.idempotencyHeader!]: idempotencyKey } : {}),
		};
		const inBody = bodyIdempotencyKey(fn, i, service.id, op, req, () => sent++);
		const idempotent =
			req.idempotent ??
			op.idempotent ??
			isIdempotent(req.method, idempotencyKey !== undefined || inBody !== undefined);
		const limit = req.limit ?? limitOf(def, specOp, params);
		const scopes = req.scopes ?? op.scopes;
		return await send(ctx, {
			...req,
			...(inBody ? { body: inBody.body, idempotencyKey: inBody.key } : {}),
			headers,
			idempotent,
			...(limit ? { limit } : {}),
			...(scopes ? { scopes } : {}),
		});
	};
}

/** The `execute` of a spec-built node (n8n's entry point: the engine is the process runtime's unless given). */
export async function executeSpec(
	fn: IExecuteFunctions,
	def: ServiceDefinition,
	engine: Engine = processRuntime(),
): Promise<INodeExecutionData[][]> {
	const { spec } = def;
	const sessions = spec.session ? new RunSessions(fn, spec.session) : undefined;
	try {
		return await executeItems(engine, fn, def, sessions);
	} finally {
		// After the last item, also when one failed: every session the run opened is closed.
		await sessions?.closeAll();
	}
}

/** Whether an item's calls go through the service's session ("Use Session", on by default for writes). */
function usesSession(fn: IExecuteFunctions, i: number, op: OperationSpec): boolean {
	return (
		Boolean(op.session) && readBoolean(fn, i, 'useSession', 'Use Session', op.method !== 'GET')
	);
}

/** The connection a session belongs to (items on another credential get their own). */
function connectionOf(target: RequestTarget): string {
	return `${target.credentialType ?? ''}:${target.credentialName ?? ''}`;
}

/** An item's request function whose calls carry the run's session header for the object they are on. */
function inSession(
	sessions: RunSessions,
	target: RequestTarget,
	request: (req: EngineRequest) => Promise<EngineResponse>,
): (req: EngineRequest) => Promise<EngineResponse> {
	return async (req) =>
		await request(await sessions.withSession(connectionOf(target), req, request));
}

async function executeItems(
	engine: Engine,
	fn: IExecuteFunctions,
	def: ServiceDefinition,
	sessions: RunSessions | undefined,
): Promise<INodeExecutionData[][]> {
	const { spec } = def;
	const batched = await tryBatch(engine, fn, def, sessions);
	if (batched) return batched;
	return await forEachItem(
		fn,
		async (i): Promise<ItemResult> => {
			const custom = readString(fn, i, 'resource', 'Resource') === CUSTOM_REQUEST_RESOURCE;
			const credentialType = credentialTypeOf(fn, def, i);
			const listing = custom ? undefined : operationOf(fn, def, i);
			const target = await openServiceTarget(
				engine,
				fn,
				i,
				spec,
				credentialType,
				listing && operationFor(listing, credentialType).path,
			);
			// Custom Request: the user's method and path, through the same connection and request function below.
			const customRequest = custom ? readCustomRequest(fn, i, target.baseUrl) : undefined;
			const specOp = customRequest?.op ?? listing!;
			// The operation as this credential's edition of the API has it (another path or paging).
			const op = operationFor(specOp, credentialType);
			const params = customRequest ? {} : readParams(fn, i, op);
			const plain = itemRequester(engine, fn, def, i, op, params, target, credentialType, specOp);
			const request =
				sessions && !customRequest && usesSession(fn, i, op)
					? inSession(sessions, target, plain)
					: plain;

			if (op.hook) {
				const hook = def.hooks?.[op.hook] as OperationHook | undefined;
				if (!hook)
					throw new NodeOperationError(
						fn.getNode(),
						`The operation '${op.id}' needs the hook '${op.hook}', which is missing.`,
						{ itemIndex: i },
					);
				const hookCtx: HookContext = {
					engine,
					fn,
					itemIndex: i,
					spec,
					operation: op,
					params,
					baseUrl: target.baseUrl,
					...(credentialType ? { credentialType } : {}),
					request,
				};
				return target.redact(wholeListLimit(fn, i, op, await hook(hookCtx)));
			}

			const req =
				customRequest?.req ?? shapedRequest(engine, fn, def, i, op, params, target, credentialType);
			const paging = op.paginate === true ? spec.pagination : op.paginate || undefined;
			if (paging) {
				const returnAll = listWhole(fn, op) || readBoolean(fn, i, 'returnAll', 'Return All');
				const limit = returnAll
					? 0
					: readNumber(fn, i, 'limit', 'Limit', { fallback: 50, min: 1, integer: true });
				const { items } = await paginate(paging, req, request, { returnAll, limit });
				return target.redact(items.map(wrap));
			}
			const res = await request(req);
			if (op.listBatch?.job)
				return target.redact(
					jobOutput(
						op.listBatch.job,
						res.body,
						await settleJob(
							engine,
							fn,
							def,
							i,
							op.listBatch.job,
							params,
							target,
							request,
							res.body,
						),
					),
				);
			const failed = op.listBatch && firstElementFailure(op.listBatch, res.body);
			if (failed)
				throw subRequestError(
					fn,
					itemContext(engine, fn, def, i, target, credentialType),
					target,
					op,
					req,
					i,
					failed.status,
					failed.body,
				);
			return target.redact(
				wholeListLimit(
					fn,
					i,
					op,
					await responseToItems(fn, res, {
						format: 'json',
						path: op.response?.path,
						split: op.response?.split,
						onEmpty: op.response?.onEmpty,
					}),
				),
			);
		},
		orderedConcurrency(fn, def),
	);
}

/**
 * Writes whose order matters (`batchable: 'inOrder'`: rows appended to a table, sheets added) go one item after
 * another, so the rows land in item order; Concurrent Items, when the user sets it, still decides. Other
 * operations: undefined (the engine adapts).
 */
function orderedConcurrency(fn: IExecuteFunctions, def: ServiceDefinition): number | undefined {
	const set = itemConcurrency(fn);
	if (set !== undefined || fn.getInputData().length < 2) return set;
	try {
		return operationOf(fn, def, 0).batchable === 'inOrder' ? 1 : undefined;
	} catch {
		// An unknown operation fails in the item's own run, with its item index.
		return undefined;
	}
}

/** A node version older than the list's `listSince` has no Return All / Limit: the whole list, as it had. */
function listWhole(fn: IExecuteFunctions, op: OperationSpec): boolean {
	return fn.getNode().typeVersion < (op.listSince ?? 1);
}

/** A whole list's first Limit items (`OperationSpec.wholeList`), unless Return All is on. */
function wholeListLimit<T>(fn: IExecuteFunctions, i: number, op: OperationSpec, items: T): T {
	if (!op.wholeList || !Array.isArray(items)) return items;
	if (listWhole(fn, op) || readBoolean(fn, i, 'returnAll', 'Return All')) return items;
	const limit = readNumber(fn, i, 'limit', 'Limit', { fallback: 50, min: 1, integer: true });
	return items.slice(0, limit) as T;
}

/**
 * The operation's place in the service's rate limits: its tier, the budget key read from one of its fields
 * (a channel, a base), and its cost; a cost-based budget learns the cost per operation (`resource.operation`).
 */
export function limitOf(
	def: ServiceDefinition,
	op: OperationSpec,
	params: IDataObject,
): RequestLimit | undefined {
	const spec = op.rateLimit;
	const costBased = def.spec.rateLimit?.cost !== undefined;
	if (!spec && !costBased) return undefined;
	const value = spec?.keyParam === undefined ? undefined : params[spec.keyParam];
	const resource = def.spec.resources.find((r) => r.operations.includes(op));
	return {
		...(spec?.tier !== undefined ? { tier: spec.tier } : {}),
		...(value !== undefined && value !== null && value !== '' ? { key: String(value) } : {}),
		...(spec?.cost !== undefined ? { cost: spec.cost } : {}),
		...(costBased ? { costKey: `${resource?.id ?? ''}.${op.id}` } : {}),
	};
}

function operationOf(fn: IExecuteFunctions, def: ServiceDefinition, i: number): OperationSpec {
	const resource = readString(fn, i, 'resource', 'Resource');
	// Custom Request is not in the spec; its per-item operation comes from `readCustomRequest` (never batched).
	if (resource === CUSTOM_REQUEST_RESOURCE) return customRequestResource.operations[0];
	const operation = readString(fn, i, 'operation', 'Operation');
	const op = findOperation(def, resource, operation);
	if (!op) {
		throw new NodeOperationError(fn.getNode(), `Unknown operation '${resource}: ${operation}'.`, {
			itemIndex: i,
			description:
				'Pick a resource and operation again in the node; this one does not exist in this version.',
		});
	}
	return op;
}

/** When the user turned "Batch Items" on and the operation is batchable, run all items through the batch endpoint. */
async function tryBatch(
	engine: Engine,
	fn: IExecuteFunctions,
	def: ServiceDefinition,
	sessions: RunSessions | undefined,
): Promise<INodeExecutionData[][] | undefined> {
	const { spec } = def;
	if (!batchesItems(spec) || fn.getInputData().length < 2) return undefined;
	const options = readObject(fn, 0, 'options', 'Options');
	if (!asBoolean(fieldOf(fn, 0, 'Batch Items'), options.batchItems)) return undefined;
	if (readString(fn, 0, 'resource', 'Resource') === CUSTOM_REQUEST_RESOURCE) return undefined;
	const op = operationOf(fn, def, 0);
	if (!op.batchable && !op.listBatch) return undefined;
	// Only one operation per batch: items that pick different operations by expression run one by one.
	for (let i = 1; i < fn.getInputData().length; i++) {
		if (readString(fn, i, 'resource', 'Resource') === CUSTOM_REQUEST_RESOURCE) return undefined;
		if (operationOf(fn, def, i) !== op) return undefined;
	}
	const credentialType = credentialTypeOf(fn, def, 0);
	const target = await openServiceTarget(engine, fn, 0, spec, credentialType);
	if (op.listBatch) {
		const params: IDataObject[] = [];
		return await executeListBatched(
			fn,
			op.listBatch,
			(i) =>
				shapedRequest(
					engine,
					fn,
					def,
					i,
					op,
					(params[i] = readParams(fn, i, op)),
					target,
					credentialType,
				),
			async (i, req) =>
				await itemRequester(engine, fn, def, i, op, params[i], target, credentialType)(req),
			(i, req, status, body) =>
				subRequestError(
					fn,
					itemContext(engine, fn, def, i, target, credentialType),
					target,
					op,
					req,
					i,
					status,
					body,
				),
			(items) => target.redact(items),
			(i, req, element) => {
				const failed = elementFailure(op.listBatch!, element);
				if (failed)
					throw subRequestError(
						fn,
						itemContext(engine, fn, def, i, target, credentialType),
						target,
						op,
						req,
						i,
						failed.status,
						failed.body,
					);
			},
			async (i, started) =>
				await settleJob(
					engine,
					fn,
					def,
					i,
					op.listBatch!.job!,
					params[i],
					target,
					itemRequester(engine, fn, def, i, op, params[i], target, credentialType),
					started,
				),
		);
	}
	return await executeBatched(
		fn,
		spec.batch!,
		op,
		target,
		(i) => itemContext(engine, fn, def, i, target, credentialType),
		async (i) => {
			const params = readParams(fn, i, op);
			const req = shapedRequest(engine, fn, def, i, op, params, target, credentialType);
			if (!sessions || !usesSession(fn, i, op)) return req;
			// The session opens outside the batch (its id must be known before the sub-requests are written).
			const request = itemRequester(engine, fn, def, i, op, params, target, credentialType);
			return await sessions.withSession(connectionOf(target), req, request);
		},
	);
}

/** The final state of the job an item's request started, or undefined when the item does not wait for it. */
async function settleJob(
	engine: Engine,
	fn: IExecuteFunctions,
	def: ServiceDefinition,
	i: number,
	job: JobSpec,
	params: IDataObject,
	target: RequestTarget,
	request: (req: EngineRequest) => Promise<EngineResponse>,
	started: unknown,
): Promise<IDataObject | undefined> {
	if (!waitsForJob(job, params)) return undefined;
	return await awaitJob(job, started, {
		fn,
		clock: engine.clock,
		itemIndex: i,
		service: def.spec.displayName,
		baseUrl: target.baseUrl,
		request,
		params,
	});
}

/** Whether a spec batches items at all: a batch endpoint, or an operation that sends many items in its list. */
export function batchesItems(spec: ServiceDefinition['spec']): boolean {
	return Boolean(spec.batch) || spec.resources.some((r) => r.operations.some((o) => o.listBatch));
}
