"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.setPath = setPath;
exports.coerce = coerce;
exports.readParams = readParams;
exports.toRequest = toRequest;
exports.executeSpec = executeSpec;
/**
 * The generic router: for each item, find the operation in the spec, read and validate its fields,
 * build the request, send it through the engine (paging when asked) and shape the output. A plain
 * REST operation needs no code; an operation that names a hook runs that hook with the same tools.
 */
const node_crypto_1 = require("node:crypto");
const n8n_workflow_1 = require("n8n-workflow");
const connection_1 = require("../node/connection");
const batch_1 = require("./batch");
const items_1 = require("../node/items");
const options_1 = require("../node/options");
const response_1 = require("../node/response");
const identity_1 = require("../spec/identity");
const paginate_1 = require("../transport/paginate");
const decide_1 = require("../retry/decide");
const pipeline_1 = require("../transport/pipeline");
/** Set `value` at a bracket/dotted path (`items[0][price]`, `settings.title`), creating objects and arrays. */
function setPath(target, path, value) {
    const keys = path.replace(/\]/g, '').split(/\[|\./).filter(Boolean);
    let cur = target;
    keys.forEach((key, index) => {
        if (index === keys.length - 1) {
            cur[key] = value;
            return;
        }
        if (cur[key] === undefined || typeof cur[key] !== 'object')
            cur[key] = /^\d+$/.test(keys[index + 1]) ? [] : {};
        cur = cur[key];
    });
}
function fail(fn, i, p, problem, fix) {
    throw new n8n_workflow_1.NodeOperationError(fn.getNode(), `The field '${p.displayName}' ${problem}`, { itemIndex: i, description: fix });
}
/** Convert and validate one field's value; returns undefined for "not set". */
function coerce(fn, i, p, raw) {
    if (raw === undefined || raw === null || raw === '') {
        if (p.required)
            fail(fn, i, p, 'is required.', `Enter a value for '${p.displayName}'.`);
        return undefined;
    }
    let value = raw;
    if (p.type === 'json' && typeof raw === 'string') {
        try {
            value = JSON.parse(raw);
        }
        catch (error) {
            fail(fn, i, p, `is not valid JSON (${error.message}).`, 'Fix the JSON: quotes around keys and strings, no trailing commas.');
        }
    }
    if (p.type === 'stringList' && typeof raw === 'string') {
        value = raw.split(',').map((s) => s.trim()).filter(Boolean);
    }
    if (p.type === 'number') {
        value = Number(raw);
        if (!Number.isFinite(value))
            fail(fn, i, p, `must be a number (got '${String(raw)}').`, `Enter a number for '${p.displayName}'.`);
        const n = value;
        if (p.validate?.min !== undefined && n < p.validate.min)
            fail(fn, i, p, `must be at least ${p.validate.min} (got ${n}).`, `Raise '${p.displayName}'.`);
        if (p.validate?.max !== undefined && n > p.validate.max)
            fail(fn, i, p, `must be at most ${p.validate.max} (got ${n}).`, `Lower '${p.displayName}'.`);
    }
    if (p.validate?.pattern && typeof value === 'string' && !new RegExp(p.validate.pattern).test(value)) {
        fail(fn, i, p, `has an invalid format ('${value}').`, p.validate.patternHint ?? `It must match ${p.validate.pattern}.`);
    }
    return value;
}
/** Read every param of an operation for one item: required ones are fields, optional ones live in "Additional Fields". */
function readParams(fn, i, op) {
    const extra = fn.getNodeParameter('additionalFields', i, {}) ?? {};
    const out = {};
    for (const p of op.params ?? []) {
        const raw = p.required ? fn.getNodeParameter(p.name, i, undefined) : extra[p.name];
        const value = coerce(fn, i, p, raw);
        if (value !== undefined)
            out[p.name] = value;
    }
    return out;
}
/** Place param values into path, query, headers and body. */
function toRequest(op, params, baseUrl) {
    const req = {
        method: op.method,
        baseUrl,
        path: op.path,
        pathParams: {},
        qs: { ...(op.query ?? {}) },
        headers: {},
        responseFormat: 'json',
        cacheable: op.cacheable,
    };
    let body;
    for (const p of op.params ?? []) {
        const value = params[p.name];
        if (value === undefined)
            continue;
        if (p.in === 'path')
            req.pathParams[p.name] = value;
        else if (p.in === 'query')
            req.qs[p.name] = value;
        else if (p.in === 'header')
            req.headers[p.name] = String(value);
        else
            setPath((body ??= {}), p.bodyPath ?? p.name, value);
    }
    if (body || ['POST', 'PUT', 'PATCH'].includes(op.method)) {
        req.body = body ?? {};
        req.bodyEncoding = op.body ?? 'json';
    }
    if (op.body === 'none')
        delete req.body;
    return req;
}
function findOperation(def, resource, operation) {
    return def.spec.resources.find((r) => r.id === resource)?.operations.find((o) => o.id === operation);
}
/** The credential type an item uses: the "Authentication" choice, or the only one the spec has. */
function credentialTypeOf(fn, def, i) {
    return def.spec.auth.length > 1 ? fn.getNodeParameter('authentication', i) : def.spec.auth[0]?.credentialType;
}
/** The `execute` of a spec-built node. */
async function executeSpec(fn, def) {
    const { spec } = def;
    const service = (0, identity_1.identityOf)(spec);
    const batched = await tryBatch(fn, def);
    if (batched)
        return batched;
    return await (0, items_1.forEachItem)(fn, async (i) => {
        const op = operationOf(fn, def, i);
        const credentialType = credentialTypeOf(fn, def, i);
        const conn = await (0, connection_1.openConnection)(fn, i, credentialType, spec.baseUrl);
        const params = readParams(fn, i, op);
        const ctx = { fn, itemIndex: i, service, credentialType, redact: conn.redact, settings: (0, options_1.readSettings)(fn, i) };
        // One idempotency key per item, reused by every retry of that item, so a write is never done twice.
        const idempotencyKey = spec.idempotencyHeader && ['POST', 'PATCH'].includes(op.method) ? (0, node_crypto_1.randomUUID)() : undefined;
        const request = async (req) => {
            const headers = { ...(req.headers ?? {}), ...(idempotencyKey ? { [spec.idempotencyHeader]: idempotencyKey } : {}) };
            const idempotent = req.idempotent ?? op.idempotent ?? (0, decide_1.isIdempotent)(req.method, idempotencyKey !== undefined);
            return await (0, pipeline_1.send)(ctx, { ...req, headers, idempotent });
        };
        if (op.hook) {
            const hook = def.hooks?.[op.hook];
            if (!hook)
                throw new n8n_workflow_1.NodeOperationError(fn.getNode(), `The operation '${op.id}' needs the hook '${op.hook}', which is missing.`, { itemIndex: i });
            const hookCtx = { fn, itemIndex: i, spec, operation: op, params, request };
            return conn.redact(await hook(hookCtx));
        }
        const req = toRequest(op, params, conn.baseUrl);
        const paging = op.paginate === true ? spec.pagination : op.paginate || undefined;
        if (paging) {
            const returnAll = fn.getNodeParameter('returnAll', i, false);
            const limit = returnAll ? 0 : fn.getNodeParameter('limit', i, 50);
            const { items } = await (0, paginate_1.paginate)(paging, req, request, { returnAll, limit });
            return conn.redact(items.map(response_1.wrap));
        }
        const res = await request(req);
        return conn.redact(await (0, response_1.responseToItems)(fn, res, {
            format: 'json',
            path: op.response?.path,
            split: op.response?.split,
            onEmpty: op.response?.onEmpty,
        }));
    });
}
function operationOf(fn, def, i) {
    const resource = fn.getNodeParameter('resource', i);
    const operation = fn.getNodeParameter('operation', i);
    const op = findOperation(def, resource, operation);
    if (!op) {
        throw new n8n_workflow_1.NodeOperationError(fn.getNode(), `Unknown operation '${resource}: ${operation}'.`, {
            itemIndex: i,
            description: 'Pick a resource and operation again in the node; this one does not exist in this version.',
        });
    }
    return op;
}
/** When the user turned "Batch Items" on and the operation is batchable, run all items through the batch endpoint. */
async function tryBatch(fn, def) {
    const { spec } = def;
    if (!spec.batch || fn.getInputData().length < 2)
        return undefined;
    const options = fn.getNodeParameter('options', 0, {});
    if (options.batchItems !== true)
        return undefined;
    const op = operationOf(fn, def, 0);
    if (!op.batchable)
        return undefined;
    const credentialType = credentialTypeOf(fn, def, 0);
    const conn = await (0, connection_1.openConnection)(fn, 0, credentialType, spec.baseUrl);
    const service = (0, identity_1.identityOf)(spec);
    return await (0, batch_1.executeBatched)(fn, spec.batch, op, conn, (i) => ({ fn, itemIndex: i, service, credentialType, redact: conn.redact, settings: (0, options_1.readSettings)(fn, i) }), (i) => toRequest(op, readParams(fn, i, op), conn.baseUrl));
}
