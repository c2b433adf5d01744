"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toItems = toItems;
exports.forEachItem = forEachItem;
exports.asNodeError = asNodeError;
/**
 * The per-item loop every node shares: runs one item at a time, links outputs to their input item
 * (`pairedItem`), honours "Continue On Fail" per item, and makes sure a thrown error names its item.
 */
const n8n_workflow_1 = require("n8n-workflow");
/** Normalise a result to execution items paired with input `itemIndex`. */
function toItems(result, itemIndex) {
    const list = Array.isArray(result) ? result : [result];
    return list.map((entry) => {
        const item = isExecutionData(entry) ? entry : { json: entry };
        return { ...item, pairedItem: { item: itemIndex } };
    });
}
function isExecutionData(value) {
    return typeof value === 'object' && value !== null && 'json' in value && typeof value.json === 'object';
}
async function forEachItem(fn, handle) {
    const input = fn.getInputData();
    const out = [];
    for (let i = 0; i < input.length; i++) {
        try {
            out.push(...toItems(await handle(i, input[i]), i));
        }
        catch (caught) {
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
function asNodeError(fn, caught, itemIndex) {
    if (caught instanceof n8n_workflow_1.NodeApiError || caught instanceof n8n_workflow_1.NodeOperationError) {
        // Re-wrapping would drop our options (n8n returns the original): set the item on its context instead.
        caught.context = { ...(caught.context ?? {}), itemIndex };
        return caught;
    }
    const message = caught instanceof Error ? caught.message : String(caught);
    return new n8n_workflow_1.NodeOperationError(fn.getNode(), message, { itemIndex });
}
