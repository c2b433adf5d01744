/**
 * One measurement in a fresh process (forked by bench/run.ts with --expose-gc): so every variant starts
 * with the same cold engine state (rate-limit budgets are process-wide) and its peak memory is its own.
 * Receives a `WorkerTask` over IPC, answers with its result and exits.
 */
import { getHeapStatistics } from 'node:v8';

import type { ICredentialDataDecryptedObject, ICredentialType, INodeParameters, INodeType, IVersionedNodeType, OnError } from 'n8n-workflow';

import { CustomApi } from '../nodes/CustomApi/CustomApi.node';
import { BenchLimitedApiToken, LIMITED_CREDENTIAL, LIMITED_NODE, limitedNode } from './limited-service';
import { HTTP_REQUEST_TYPE, HTTP_REQUEST_VERSION, loadHttpRequestNode } from './peer';
import { runWorkflow, type BenchNode, type WorkflowRunOptions, type WorkflowRunResult } from './workflow';

const OURS = 'n8n-nodes-api-connections';

/** How n8n's HTTP Request node is set up in the rate-limit run. */
export type PeerSetup = 'default' | 'batching' | 'retryOnFail';

export type WorkerTask =
	| {
			kind: 'rateLimit';
			variant: 'ours' | PeerSetup;
			baseUrl: string;
			bucket: string;
			requests: number;
			limit: number;
			windowMs: number;
	  }
	| { kind: 'overhead'; variant: 'ours' | 'n8n'; baseUrl: string; buckets: string[]; warmupBuckets: string[]; items: number };

export interface RateLimitWorkerResult {
	wallMs: number;
	outputItems: number;
	okItems: number;
	errorItems: number;
	/** The node's error when it failed as a whole (every item lost). */
	nodeError?: string;
	/** The message a user sees on the first failed item (or of the node error). */
	firstErrorMessage?: string;
}

export interface OverheadRun {
	wallMs: number;
	okItems: number;
	/** Peak V8 heap during the run minus the heap after a full GC just before it. */
	heapPeakDeltaBytes: number;
	/** Peak RSS during the run minus RSS just before it. */
	rssPeakDeltaBytes: number;
}

export interface OverheadWorkerResult {
	runs: OverheadRun[];
	/** RSS after loading the node and n8n-core, before any run. */
	loadedRssBytes: number;
	/** The process's peak RSS (getrusage maxrss) over warm-up and runs. */
	maxRssBytes: number;
}

export type WorkerResult = { ok: true; result: RateLimitWorkerResult | OverheadWorkerResult } | { ok: false; error: string };

const gc = (): void => {
	const collect = (globalThis as { gc?: () => void }).gc;
	collect?.();
	collect?.();
};

/** Samples heap and RSS every few ms while a run is in progress, keeping the peaks. */
class PeakSampler {
	private heapPeak = 0;
	private rssPeak = 0;
	private timer: NodeJS.Timeout | undefined;

	start(): void {
		this.heapPeak = 0;
		this.rssPeak = 0;
		this.sample();
		this.timer = setInterval(() => this.sample(), 5);
	}

	stop(): { heapPeak: number; rssPeak: number } {
		this.sample();
		clearInterval(this.timer);
		return { heapPeak: this.heapPeak, rssPeak: this.rssPeak };
	}

	private sample(): void {
		this.heapPeak = Math.max(this.heapPeak, getHeapStatistics().used_heap_size);
		this.rssPeak = Math.max(this.rssPeak, process.memoryUsage.rss());
	}
}

interface Variant {
	types: Record<string, INodeType | IVersionedNodeType>;
	node: BenchNode;
	credentialTypes?: ICredentialType[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

const CONTINUE: OnError = 'continueRegularOutput';

function httpRequestNode(parameters: INodeParameters, settings: Partial<BenchNode> = {}): BenchNode {
	return { type: HTTP_REQUEST_TYPE, typeVersion: HTTP_REQUEST_VERSION, parameters, ...settings };
}

function rateLimitVariant(task: Extract<WorkerTask, { kind: 'rateLimit' }>): Variant {
	const { baseUrl, bucket } = task;
	if (task.variant === 'ours') {
		return {
			types: { [`${OURS}.${LIMITED_NODE}`]: limitedNode({ requests: task.limit, windowMs: task.windowMs }) },
			node: {
				type: `${OURS}.${LIMITED_NODE}`,
				typeVersion: 1,
				parameters: { resource: 'item', operation: 'get', bucket, itemId: '={{ $json.id }}' },
				credentials: { [LIMITED_CREDENTIAL]: { id: 'bench-credential', name: 'Bench account' } },
				onError: CONTINUE,
			},
			credentialTypes: [new BenchLimitedApiToken()],
			credentials: { [LIMITED_CREDENTIAL]: { baseUrl, accessToken: 'bench-token' } },
		};
	}
	const types = { [HTTP_REQUEST_TYPE]: loadHttpRequestNode() };
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

function overheadVariant(variant: 'ours' | 'n8n', baseUrl: string, bucket: string): Variant {
	if (variant === 'ours') {
		return {
			types: { [`${OURS}.customApi`]: new CustomApi() },
			node: {
				type: `${OURS}.customApi`,
				typeVersion: 1,
				parameters: { authentication: 'none', baseUrl, method: 'GET', endpoint: `/plain/${bucket}/items`, responseFormat: 'json', options: {} },
			},
		};
	}
	return { types: { [HTTP_REQUEST_TYPE]: loadHttpRequestNode() }, node: httpRequestNode({ method: 'GET', url: `${baseUrl}/plain/${bucket}/items`, options: {} }) };
}

function options(variant: Variant, items: number): WorkflowRunOptions {
	return { ...variant, items };
}

function errorMessage(json: unknown): string {
	const error = (json as { error?: unknown }).error;
	if (typeof error === 'string') return error;
	if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
	return JSON.stringify(error);
}

function summarize(result: WorkflowRunResult, wallMs: number): RateLimitWorkerResult {
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

async function rateLimit(task: Extract<WorkerTask, { kind: 'rateLimit' }>): Promise<RateLimitWorkerResult> {
	const variant = rateLimitVariant(task);
	const started = performance.now();
	const result = await runWorkflow(options(variant, task.requests));
	return summarize(result, performance.now() - started);
}

async function overhead(task: Extract<WorkerTask, { kind: 'overhead' }>): Promise<OverheadWorkerResult> {
	// Load the node and n8n-core before the baseline.
	overheadVariant(task.variant, task.baseUrl, 'load');
	gc();
	const loadedRssBytes = process.memoryUsage.rss();
	for (const bucket of task.warmupBuckets) await runWorkflow(options(overheadVariant(task.variant, task.baseUrl, bucket), task.items));

	const sampler = new PeakSampler();
	const runs: OverheadRun[] = [];
	for (const bucket of task.buckets) {
		const variant = overheadVariant(task.variant, task.baseUrl, bucket);
		gc();
		const heapBefore = getHeapStatistics().used_heap_size;
		const rssBefore = process.memoryUsage.rss();
		sampler.start();
		const started = performance.now();
		const result = await runWorkflow(options(variant, task.items));
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

process.once('message', (task: WorkerTask) => {
	const work = task.kind === 'rateLimit' ? rateLimit(task) : overhead(task);
	work.then(
		(result) => process.send?.({ ok: true, result } satisfies WorkerResult, undefined, {}, () => process.exit(0)),
		(error: unknown) => process.send?.({ ok: false, error: (error as Error).stack ?? String(error) } satisfies WorkerResult, undefined, {}, () => process.exit(1)),
	);
});
