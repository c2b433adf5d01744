/**
 * Measurements in a fresh process (forked by bench/run.ts with --expose-gc): so every variant starts with
 * the same engine state (rate-limit budgets are process-wide) and its peak memory is its own.
 * Receives `WorkerTask`s over IPC and answers each; `rateLimit` and `overheadEnd` end the process. The
 * overhead tasks form a session (load, run, run, …, end), so the parent can alternate two variants' runs.
 */
import { getHeapStatistics } from 'node:v8';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
	OnError,
} from 'n8n-workflow';

import { CustomApiBearerApi } from '../credentials/CustomApiBearerApi.credentials';
import { CustomApi } from '../nodes/CustomApi/CustomApi.node';
import { FLOOR_TYPE, SequentialGet } from './floor-node';
import {
	BenchLimitedApiToken,
	LIMITED_CREDENTIAL,
	LIMITED_NODE,
	limitedNode,
} from './limited-service';
import { HTTP_REQUEST_TYPE, HTTP_REQUEST_VERSION, loadHttpRequestNode } from './peer';
import {
	runWorkflow,
	type BenchNode,
	type WorkflowRunOptions,
	type WorkflowRunResult,
} from './workflow';

const OURS = 'n8n-nodes-api-connections';

/** Overhead variants: our Custom API node, n8n's HTTP Request node, and a bare sequential loop (the floor). */
export type OverheadVariant = 'ours' | 'n8n' | 'floor';

/** The undeclared-limit row: our Custom API node (defaults) and n8n's HTTP Request node as a user would set it up. */
export type UndeclaredVariant = 'ours' | 'default' | 'retryOnFail';

/** How n8n's HTTP Request node is set up in the rate-limit run. */
export type PeerSetup = 'default' | 'batching' | 'batchingMargin' | 'retryOnFail';

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
	| {
			kind: 'overheadLoad';
			variant: OverheadVariant;
			baseUrl: string;
			warmupBuckets: string[];
			items: number;
	  }
	| {
			kind: 'undeclared';
			variant: UndeclaredVariant;
			baseUrl: string;
			bucket: string;
			items: number;
	  }
	| { kind: 'overheadRun'; bucket: string }
	| { kind: 'overheadEnd' };

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
	/** CPU time (user + system) the client process spent on the run. */
	cpuMs: number;
	/** Of it, the main thread's (where the nodes and the engine run; the rest is GC helpers and libuv). */
	mainCpuMs: number;
}

export interface OverheadLoaded {
	/** RSS after loading the node and n8n-core, before the warm-up. */
	loadedRssBytes: number;
}

export interface OverheadEnd {
	/** The process's peak RSS (getrusage maxrss) over warm-up and runs. */
	maxRssBytes: number;
}

export type WorkerOutput = RateLimitWorkerResult | OverheadLoaded | OverheadRun | OverheadEnd;

export type WorkerResult = { ok: true; result: WorkerOutput } | { ok: false; error: string };

const gc = (): void => {
	const collect = (globalThis as { gc?: () => void }).gc;
	collect?.();
	collect?.();
};

/** Samples the V8 heap every few ms while a run is in progress, keeping the peak. */
class HeapPeakSampler {
	private peak = 0;
	private timer: NodeJS.Timeout | undefined;

	start(): void {
		this.peak = 0;
		this.sample();
		this.timer = setInterval(() => this.sample(), 5);
	}

	stop(): number {
		this.sample();
		clearInterval(this.timer);
		return this.peak;
	}

	private sample(): void {
		this.peak = Math.max(this.peak, getHeapStatistics().used_heap_size);
	}
}

interface Variant {
	types: Record<string, INodeType | IVersionedNodeType>;
	node: BenchNode;
	credentialTypes?: ICredentialType[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

const CONTINUE: OnError = 'continueRegularOutput';

function httpRequestNode(
	parameters: INodeParameters,
	settings: Partial<BenchNode> = {},
): BenchNode {
	return { type: HTTP_REQUEST_TYPE, typeVersion: HTTP_REQUEST_VERSION, parameters, ...settings };
}

function rateLimitVariant(
	task: Extract<WorkerTask, { kind: 'rateLimit' }>,
	warmup = false,
): Variant {
	const { baseUrl } = task;
	// The warm-up uses its own server bucket and, for ours, its own service id: its own budget and its own
	// workspace binding, so the measured run starts with a full budget and is not refused by the
	// one-connection-per-service rule (two credentials of one service in one workspace).
	const bucket = warmup ? `${task.bucket}-warmup` : task.bucket;
	if (task.variant === 'ours') {
		const id = warmup ? `${LIMITED_NODE}Warmup` : LIMITED_NODE;
		return {
			types: {
				[`${OURS}.${id}`]: limitedNode({ requests: task.limit, windowMs: task.windowMs }, id),
			},
			node: {
				type: `${OURS}.${id}`,
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
	if (warmup) return { types, node: httpRequestNode({ method: 'GET', url, options: {} }) };
	if (task.variant === 'batching' || task.variant === 'batchingMargin') {
		// What n8n's 429 message tells users to do: send N items per window (or per window + 10 %, for a margin).
		const interval = task.variant === 'batching' ? task.windowMs : Math.ceil(task.windowMs * 1.1);
		const batching = { batch: { batchSize: task.limit, batchInterval: interval } };
		return {
			types,
			node: httpRequestNode({ method: 'GET', url, options: { batching } }, { onError: CONTINUE }),
		};
	}
	if (task.variant === 'retryOnFail') {
		// The node setting "Retry On Fail" with n8n's defaults (3 tries, 1000 ms apart); failures stop the node.
		return {
			types,
			node: httpRequestNode(
				{ method: 'GET', url, options: {} },
				{ retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 },
			),
		};
	}
	return {
		types,
		node: httpRequestNode({ method: 'GET', url, options: {} }, { onError: CONTINUE }),
	};
}

/**
 * A limit nobody declared (`/quiet/`): our Custom API node with default settings and a Bearer credential; the
 * warm-up goes through no credential (another connection, so what the measured run learns is its own).
 */
function undeclaredVariant(
	task: Extract<WorkerTask, { kind: 'undeclared' }>,
	warmup = false,
): Variant {
	const bucket = warmup ? `${task.bucket}-warmup` : task.bucket;
	if (task.variant === 'ours') {
		const path = `/quiet/${bucket}/items/{{ $json.id }}`;
		return {
			types: { [`${OURS}.customApi`]: new CustomApi() },
			node: {
				type: `${OURS}.customApi`,
				typeVersion: 1,
				parameters: warmup
					? { authentication: 'none', baseUrl: task.baseUrl, method: 'GET', endpoint: `=${path}` }
					: { authentication: 'bearerToken', method: 'GET', endpoint: `=${path}` },
				...(warmup
					? {}
					: {
							credentials: { customApiBearerApi: { id: 'bench-quiet', name: 'Quiet API account' } },
							onError: CONTINUE,
						}),
			},
			credentialTypes: [new CustomApiBearerApi()],
			credentials: { customApiBearerApi: { baseUrl: task.baseUrl, accessToken: 'bench-token' } },
		};
	}
	const types = { [HTTP_REQUEST_TYPE]: loadHttpRequestNode() };
	const url = `=${task.baseUrl}/quiet/${bucket}/items/{{ $json.id }}`;
	if (warmup) return { types, node: httpRequestNode({ method: 'GET', url, options: {} }) };
	return {
		types,
		node: httpRequestNode(
			{ method: 'GET', url, options: {} },
			// Retry On Fail retries the whole node, so it runs without On Error: Continue (as in the rate-limit row).
			task.variant === 'retryOnFail'
				? { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 }
				: { onError: CONTINUE },
		),
	};
}

function overheadVariant(variant: OverheadVariant, baseUrl: string, bucket: string): Variant {
	if (variant === 'floor') {
		return {
			types: { [FLOOR_TYPE]: new SequentialGet() },
			node: {
				type: FLOOR_TYPE,
				typeVersion: 1,
				parameters: { url: `${baseUrl}/plain/${bucket}/items` },
			},
		};
	}
	if (variant === 'ours') {
		return {
			types: { [`${OURS}.customApi`]: new CustomApi() },
			node: {
				type: `${OURS}.customApi`,
				typeVersion: 1,
				parameters: {
					authentication: 'none',
					baseUrl,
					method: 'GET',
					endpoint: `/plain/${bucket}/items`,
					responseFormat: 'json',
					options: {},
				},
			},
		};
	}
	return {
		types: { [HTTP_REQUEST_TYPE]: loadHttpRequestNode() },
		node: httpRequestNode({ method: 'GET', url: `${baseUrl}/plain/${bucket}/items`, options: {} }),
	};
}

function options(variant: Variant, items: number): WorkflowRunOptions {
	return { ...variant, items };
}

function errorMessage(json: unknown): string {
	const error = (json as { error?: unknown }).error;
	if (typeof error === 'string') return error;
	if (error && typeof error === 'object' && 'message' in error)
		return String((error as { message: unknown }).message);
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
		...(failed.length > 0
			? { firstErrorMessage: errorMessage(failed[0].json) }
			: result.error
				? { firstErrorMessage: result.error.message }
				: {}),
	};
}

/** Items the rate-limit warm-up sends (well under any budget): the node's code paths and n8n-core are warm, as in a running n8n. */
const RATE_WARMUP_ITEMS = 3;

async function rateLimit(
	task: Extract<WorkerTask, { kind: 'rateLimit' }>,
): Promise<RateLimitWorkerResult> {
	await runWorkflow(options(rateLimitVariant(task, true), Math.min(RATE_WARMUP_ITEMS, task.limit)));
	const variant = rateLimitVariant(task);
	const started = performance.now();
	const result = await runWorkflow(options(variant, task.requests));
	return summarize(result, performance.now() - started);
}

async function undeclared(
	task: Extract<WorkerTask, { kind: 'undeclared' }>,
): Promise<RateLimitWorkerResult> {
	await runWorkflow(options(undeclaredVariant(task, true), RATE_WARMUP_ITEMS));
	const started = performance.now();
	const result = await runWorkflow(options(undeclaredVariant(task), task.items));
	return summarize(result, performance.now() - started);
}

let session: { variant: OverheadVariant; baseUrl: string; items: number } | undefined;
const sampler = new HeapPeakSampler();

async function overheadLoad(
	task: Extract<WorkerTask, { kind: 'overheadLoad' }>,
): Promise<OverheadLoaded> {
	session = { variant: task.variant, baseUrl: task.baseUrl, items: task.items };
	// Load the node and n8n-core before the baseline.
	overheadVariant(task.variant, task.baseUrl, 'load');
	gc();
	const loadedRssBytes = process.memoryUsage.rss();
	for (const bucket of task.warmupBuckets)
		await runWorkflow(options(overheadVariant(task.variant, task.baseUrl, bucket), task.items));
	return { loadedRssBytes };
}

async function overheadRun(bucket: string): Promise<OverheadRun> {
	if (!session) throw new Error('overheadRun before overheadLoad');
	const variant = overheadVariant(session.variant, session.baseUrl, bucket);
	gc();
	const heapBefore = getHeapStatistics().used_heap_size;
	sampler.start();
	const cpu = process.cpuUsage();
	const mainCpu = process.threadCpuUsage();
	const started = performance.now();
	const result = await runWorkflow(options(variant, session.items));
	const wallMs = performance.now() - started;
	const cpuUsed = process.cpuUsage(cpu);
	const mainCpuUsed = process.threadCpuUsage(mainCpu);
	const heapPeak = sampler.stop();
	return {
		wallMs,
		cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
		mainCpuMs: (mainCpuUsed.user + mainCpuUsed.system) / 1000,
		okItems: result.items.filter((item) => !('error' in item.json)).length,
		heapPeakDeltaBytes: heapPeak - heapBefore,
	};
}

async function handle(task: WorkerTask): Promise<WorkerOutput> {
	switch (task.kind) {
		case 'rateLimit':
			return await rateLimit(task);
		case 'undeclared':
			return await undeclared(task);
		case 'overheadLoad':
			return await overheadLoad(task);
		case 'overheadRun':
			return await overheadRun(task.bucket);
		case 'overheadEnd':
			return { maxRssBytes: process.resourceUsage().maxRSS * 1024 };
	}
}

process.on('message', (task: WorkerTask) => {
	const last =
		task.kind === 'rateLimit' || task.kind === 'undeclared' || task.kind === 'overheadEnd';
	handle(task).then(
		(result) =>
			process.send?.(
				{ ok: true, result } satisfies WorkerResult,
				undefined,
				{},
				() => last && process.exit(0),
			),
		(error: unknown) =>
			process.send?.(
				{ ok: false, error: (error as Error).stack ?? String(error) } satisfies WorkerResult,
				undefined,
				{},
				() => process.exit(1),
			),
	);
});
