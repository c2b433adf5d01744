"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * One measurement in a fresh process (forked by bench/run.ts with --expose-gc): so every variant starts
 * with the same cold engine state (rate-limit budgets are process-wide) and its peak memory is its own.
 * Receives a `WorkerTask` over IPC, answers with its result and exits.
 */
const node_v8_1 = require("node:v8");
const CustomApi_node_1 = require("../nodes/CustomApi/CustomApi.node");
const limited_service_1 = require("./limited-service");
const peer_1 = require("./peer");
const workflow_1 = require("./workflow");
const OURS = 'n8n-nodes-api-connections';
const gc = () => {
    const collect = globalThis.gc;
    collect?.();
    collect?.();
};
/** Samples heap and RSS every few ms while a run is in progress, keeping the peaks. */
class PeakSampler {
    heapPeak = 0;
    rssPeak = 0;
    timer;
    start() {
        this.heapPeak = 0;
        this.rssPeak = 0;
        this.sample();
        this.timer = setInterval(() => this.sample(), 5);
    }
    stop() {
        this.sample();
        clearInterval(this.timer);
        return { heapPeak: this.heapPeak, rssPeak: this.rssPeak };
    }
    sample() {
        this.heapPeak = Math.max(this.heapPeak, (0, node_v8_1.getHeapStatistics)().used_heap_size);
        this.rssPeak = Math.max(this.rssPeak, process.memoryUsage.rss());
    }
}
const CONTINUE = 'continueRegularOutput';
function httpRequestNode(parameters, settings = {}) {
    return { type: peer_1.HTTP_REQUEST_TYPE, typeVersion: peer_1.HTTP_REQUEST_VERSION, parameters, ...settings };
}
function rateLimitVariant(task) {
    const { baseUrl, bucket } = task;
    if (task.variant === 'ours') {
        return {
            types: { [`${OURS}.${limited_service_1.LIMITED_NODE}`]: (0, limited_service_1.limitedNode)({ requests: task.limit, windowMs: task.windowMs }) },
            node: {
                type: `${OURS}.${limited_service_1.LIMITED_NODE}`,
                typeVersion: 1,
                parameters: { resource: 'item', operation: 'get', bucket, itemId: '={{ $json.id }}' },
                credentials: { [limited_service_1.LIMITED_CREDENTIAL]: { id: 'bench-credential', name: 'Bench account' } },
                onError: CONTINUE,
            },
            credentialTypes: [new limited_service_1.BenchLimitedApiToken()],
            credentials: { [limited_service_1.LIMITED_CREDENTIAL]: { baseUrl, accessToken: 'bench-token' } },
        };
    }
    const types = { [peer_1.HTTP_REQUEST_TYPE]: (0, peer_1.loadHttpRequestNode)() };
    const url = `=${baseUrl}/rl/${bucket}/items/{{ $json.id }}`;
    if (task.variant === 'batching') {
        // What n8n's 429 message tells users to do: send N items per window.
        const batching = { batch: { batchSize: task.limit, batchInterval: task.windowMs } };
        return { types, node: httpRequestNode({ method: 'GET', url, options: { batching } }, { onError: CONTINUE }) };
    }
    if (task.variant === 'retryOnFail') {
        // The node setting "Retry On Fail" with n8n's defaults (3 tries, 1000 ms apart); failures stop the node.
        return { types, node: httpRequestNode({ method: 'GET', url, options: {} }, { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 }) };
    }
    return { types, node: httpRequestNode({ method: 'GET', url, options: {} }, { onError: CONTINUE }) };
}
function overheadVariant(variant, baseUrl, bucket) {
    if (variant === 'ours') {
        return {
            types: { [`${OURS}.customApi`]: new CustomApi_node_1.CustomApi() },
            node: {
                type: `${OURS}.customApi`,
                typeVersion: 1,
                parameters: { authentication: 'none', baseUrl, method: 'GET', endpoint: `/plain/${bucket}/items`, responseFormat: 'json', options: {} },
            },
        };
    }
    return { types: { [peer_1.HTTP_REQUEST_TYPE]: (0, peer_1.loadHttpRequestNode)() }, node: httpRequestNode({ method: 'GET', url: `${baseUrl}/plain/${bucket}/items`, options: {} }) };
}
function options(variant, items) {
    return { ...variant, items };
}
function errorMessage(json) {
    const error = json.error;
    if (typeof error === 'string')
        return error;
    if (error && typeof error === 'object' && 'message' in error)
        return String(error.message);
    return JSON.stringify(error);
}
function summarize(result, wallMs) {
    const failed = result.items.filter((item) => 'error' in item.json);
    return {
        wallMs,
        outputItems: result.items.length,
        okItems: result.items.length - failed.length,
        errorItems: failed.length,
        ...(result.error ? { nodeError: result.error.message } : {}),
        ...(failed.length > 0 ? { firstErrorMessage: errorMessage(failed[0].json) } : result.error ? { firstErrorMessage: result.error.message } : {}),
    };
}
async function rateLimit(task) {
    const variant = rateLimitVariant(task);
    const started = performance.now();
    const result = await (0, workflow_1.runWorkflow)(options(variant, task.requests));
    return summarize(result, performance.now() - started);
}
async function overhead(task) {
    // Load the node and n8n-core before the baseline.
    overheadVariant(task.variant, task.baseUrl, 'load');
    gc();
    const loadedRssBytes = process.memoryUsage.rss();
    for (const bucket of task.warmupBuckets)
        await (0, workflow_1.runWorkflow)(options(overheadVariant(task.variant, task.baseUrl, bucket), task.items));
    const sampler = new PeakSampler();
    const runs = [];
    for (const bucket of task.buckets) {
        const variant = overheadVariant(task.variant, task.baseUrl, bucket);
        gc();
        const heapBefore = (0, node_v8_1.getHeapStatistics)().used_heap_size;
        const rssBefore = process.memoryUsage.rss();
        sampler.start();
        const started = performance.now();
        const result = await (0, workflow_1.runWorkflow)(options(variant, task.items));
        const wallMs = performance.now() - started;
        const peaks = sampler.stop();
        runs.push({
            wallMs,
            okItems: result.items.filter((item) => !('error' in item.json)).length,
            heapPeakDeltaBytes: peaks.heapPeak - heapBefore,
            rssPeakDeltaBytes: peaks.rssPeak - rssBefore,
        });
    }
    return { runs, loadedRssBytes, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
}
process.once('message', (task) => {
    const work = task.kind === 'rateLimit' ? rateLimit(task) : overhead(task);
    work.then((result) => process.send?.({ ok: true, result }, undefined, {}, () => process.exit(0)), (error) => process.send?.({ ok: false, error: error.stack ?? String(error) }, undefined, {}, () => process.exit(1)));
});
