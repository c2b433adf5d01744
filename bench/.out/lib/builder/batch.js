"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.executeBatched = executeBatched;
const items_1 = require("../node/items");
const response_1 = require("../node/response");
const decide_1 = require("../retry/decide");
const errors_1 = require("../transport/errors");
const paginate_1 = require("../transport/paginate");
const pipeline_1 = require("../transport/pipeline");
const url_1 = require("../transport/url");
/** The URL of a sub-request, relative to the base URL (what batch envelopes expect). */
function relativeUrl(req) {
    const path = (0, url_1.fillPath)(req.path, req.pathParams);
    const query = (0, url_1.toQueryString)(req.qs);
    return query ? `${path}?${query}` : path;
}
function setKey(target, key, value) {
    if (value !== undefined)
        target[key] = value;
}
/**
 * Run one operation for every item through the batch endpoint.
 * @param prepare builds the item's request (validating its fields); a throw becomes that item's error.
 */
async function executeBatched(fn, batch, op, conn, ctxFor, prepare) {
    const count = fn.getInputData().length;
    const results = Array.from({ length: count }, () => []);
    const fail = (i, caught) => {
        const error = (0, items_1.asNodeError)(fn, caught, i);
        if (!fn.continueOnFail())
            throw error;
        results[i] = [{ json: { error: error.message, ...(error.description ? { description: error.description } : {}) }, pairedItem: { item: i } }];
    };
    const ready = [];
    for (let i = 0; i < count; i++) {
        try {
            ready.push({ i, req: prepare(i) });
        }
        catch (caught) {
            fail(i, caught);
        }
    }
    for (let start = 0; start < ready.length; start += batch.size) {
        const chunk = ready.slice(start, start + batch.size);
        const envelope = {
            [batch.request.list]: chunk.map(({ i, req }) => {
                const sub = {};
                setKey(sub, batch.request.id, String(i));
                setKey(sub, batch.request.method, req.method);
                setKey(sub, batch.request.url, relativeUrl(req));
                if (batch.request.body)
                    setKey(sub, batch.request.body, req.body);
                return sub;
            }),
        };
        const first = chunk[0].i;
        let answers;
        try {
            const res = await (0, pipeline_1.send)(ctxFor(first), {
                method: batch.method,
                baseUrl: conn.baseUrl,
                path: batch.path,
                body: envelope,
                bodyEncoding: 'json',
                // Safe to re-send only when every sub-request is.
                idempotent: chunk.every(({ req }) => (0, decide_1.isIdempotent)(req.method)),
                cacheable: false,
            });
            const list = (0, paginate_1.getPath)(res.body, batch.response.list);
            answers = Array.isArray(list) ? list : [];
        }
        catch (caught) {
            // The whole batch failed: every item in it carries that error.
            for (const { i } of chunk)
                fail(i, caught);
            continue;
        }
        for (const [position, { i, req }] of chunk.entries()) {
            const answer = (batch.response.id
                ? answers.find((a) => String((0, paginate_1.getPath)(a, batch.response.id)) === String(i))
                : answers[position]);
            try {
                if (!answer)
                    throw new Error(`The batch answer has no result for item ${i}.`);
                const status = Number((0, paginate_1.getPath)(answer, batch.response.status));
                const body = (0, paginate_1.getPath)(answer, batch.response.body);
                if (!(status >= 200 && status < 300)) {
                    const ctx = ctxFor(i);
                    throw (0, errors_1.httpError)(fn.getNode(), status, conn.redact(body), {}, {
                        service: ctx.service.displayName,
                        connection: conn.credentialName,
                        method: req.method,
                        endpoint: op.path,
                        itemIndex: i,
                        pathParams: req.pathParams,
                        scopes: ctx.service.scopes,
                        attempts: 1,
                        maxAttempts: 1,
                        waitedMs: 0,
                    });
                }
                const items = await (0, response_1.responseToItems)(fn, { status, headers: {}, body, meta: { attempts: 1, waitedMs: 0, url: conn.baseUrl + batch.path } }, { format: 'json', path: op.response?.path, split: op.response?.split, onEmpty: op.response?.onEmpty });
                results[i] = conn.redact((0, items_1.toItems)(items, i));
            }
            catch (caught) {
                fail(i, caught);
            }
        }
    }
    return [results.flat()];
}
