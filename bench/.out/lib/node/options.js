"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.engineOptionFields = void 0;
exports.readSettings = readSettings;
const pipeline_1 = require("../transport/pipeline");
exports.engineOptionFields = [
    {
        displayName: 'Max Attempts',
        name: 'maxAttempts',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: 10 },
        default: pipeline_1.DEFAULT_SETTINGS.maxAttempts,
        description: 'How many times a request is tried on 429, 5xx, timeouts and connection errors (writes only when safe)',
    },
    {
        displayName: 'Max Total Wait (Seconds)',
        name: 'maxTotalWaitSeconds',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: pipeline_1.DEFAULT_SETTINGS.maxTotalWaitMs / 1000,
        description: 'Upper bound on the time spent waiting between attempts of one item',
    },
    {
        displayName: 'Max Queue Wait (Seconds)',
        name: 'maxQueueWaitSeconds',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: pipeline_1.DEFAULT_SETTINGS.maxQueueWaitMs / 1000,
        description: 'How long a request may wait for a free slot in the rate limit before the item fails with a clear error',
    },
    {
        displayName: 'Cache GET Responses (Minutes)',
        name: 'cacheMinutes',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 0,
        description: 'Serve a repeated GET of this connection from memory for this many minutes (0 = off). A cached answer costs no rate-limit budget; writes are never cached.',
    },
    {
        displayName: 'Timeout (Seconds)',
        name: 'timeoutSeconds',
        type: 'number',
        typeOptions: { minValue: 1 },
        default: pipeline_1.DEFAULT_SETTINGS.timeoutMs / 1000,
        description: 'Time to wait for the server to answer one attempt',
    },
];
/** Read the engine settings from the node's `options` collection. */
function readSettings(fn, itemIndex) {
    const o = fn.getNodeParameter('options', itemIndex, {});
    const num = (v, d) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
    return {
        maxAttempts: Math.max(1, Math.floor(num(o.maxAttempts, pipeline_1.DEFAULT_SETTINGS.maxAttempts))),
        maxTotalWaitMs: num(o.maxTotalWaitSeconds, pipeline_1.DEFAULT_SETTINGS.maxTotalWaitMs / 1000) * 1000,
        maxQueueWaitMs: num(o.maxQueueWaitSeconds, pipeline_1.DEFAULT_SETTINGS.maxQueueWaitMs / 1000) * 1000,
        timeoutMs: num(o.timeoutSeconds, pipeline_1.DEFAULT_SETTINGS.timeoutMs / 1000) * 1000,
        cacheTtlMs: Math.max(0, num(o.cacheMinutes, 0)) * 60_000,
    };
}
