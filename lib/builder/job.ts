/**
 * Asynchronous jobs (`JobSpec`): a request that answers with a job handle (a batch operation, an import) is
 * waited for — its state read every `intervalMs` until it is done, within the wait allowed — and a finished job's
 * results archive (a tar(.gz) of JSON lists on another origin) is read into one list. Used by the batch envelope
 * and list batches whose answer is a job (lib/builder/batch.ts), and by hooks that start jobs themselves.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { readTar } from '../files/tar';
import type { Clock } from '../limits/clock';
import type { JobSpec } from '../spec/types';
import type { foreignOriginContext } from '../transport/context';
import { readPath } from '../transport/path';
import { fetchSignedLink } from '../transport/signed-link';
import type { EngineRequest, EngineResponse } from '../transport/types';

export interface JobRun {
	fn: IExecuteFunctions;
	clock: Clock;
	itemIndex: number;
	/** The service's display name, for messages. */
	service: string;
	baseUrl: string;
	/** Sends one request of the item (its connection, budget and retries). */
	request: (req: EngineRequest) => Promise<EngineResponse>;
	/** The item's fields: the job's `maxWaitParam` and `waitParam`. */
	params?: IDataObject;
}

/** Whether the item waits for the job (its `waitParam` field, when the spec names one). */
export function waitsForJob(job: JobSpec, params: IDataObject = {}): boolean {
	return job.waitParam === undefined || params[job.waitParam] === true;
}

/** The longest the item waits: its `maxWaitParam` field in seconds, else the spec's `maxWaitMs`. */
function maxWaitOf(job: JobSpec, params: IDataObject = {}): number {
	const seconds = job.maxWaitParam === undefined ? NaN : Number(params[job.maxWaitParam]);
	return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : job.maxWaitMs;
}

/**
 * Waits for the job that `started` (the answer that started it) names, and returns its final state. A job still
 * running after the wait allowed fails (naming the job, so it can be read later), as does one that ended in a
 * `failed` state.
 */
export async function awaitJob(job: JobSpec, started: unknown, run: JobRun): Promise<IDataObject> {
	const node = run.fn.getNode();
	const id = String(readPath(started, job.id) ?? '');
	if (!id)
		throw new NodeOperationError(node, `${run.service} answered without the ${job.noun}'s id.`, {
			itemIndex: run.itemIndex,
		});
	const maxWaitMs = maxWaitOf(job, run.params);
	const deadline = run.clock.now() + maxWaitMs;
	let state = (started ?? {}) as IDataObject;
	const statusOf = () => String(readPath(state, job.status) ?? '');
	while (!job.done.includes(statusOf())) {
		if (run.clock.now() + job.intervalMs > deadline)
			throw new NodeOperationError(
				node,
				`${run.service} had not finished ${job.noun} ${id} after ${Math.round(maxWaitMs / 1000)} s (status ${statusOf() || 'unknown'}).`,
				{ itemIndex: run.itemIndex, description: job.timeoutHint.replace('{id}', id) },
			);
		await run.clock.sleep(job.intervalMs, run.fn.getExecutionCancelSignal?.());
		const res = await run.request({
			method: 'GET',
			baseUrl: run.baseUrl,
			path: job.poll.path,
			pathParams: { id },
			idempotent: true,
			cacheable: false,
		});
		state = (res.body ?? {}) as IDataObject;
	}
	if (job.failed?.includes(statusOf()))
		throw new NodeOperationError(node, `${run.service}'s ${job.noun} ${id} ended ${statusOf()}.`, {
			itemIndex: run.itemIndex,
			description: JSON.stringify(state),
		});
	return state;
}

/**
 * The finished job's results (`job.results`: a link to a tar(.gz) archive of JSON lists, on another origin and
 * fetched without the credential, the link kept out of errors and logs), as one list in archive order.
 */
export async function jobResults(
	job: JobSpec,
	state: unknown,
	ctx: Parameters<typeof foreignOriginContext>[0],
): Promise<unknown[]> {
	const link = job.results ? readPath(state, job.results) : undefined;
	if (typeof link !== 'string' || !link.startsWith('https://')) return [];
	const res = await fetchSignedLink(ctx, link);
	const entries: unknown[] = [];
	for (const file of readTar(res.body as Buffer)) {
		if (!file.name.endsWith('.json')) continue;
		const list = JSON.parse(file.data.toString('utf8')) as unknown;
		entries.push(...(Array.isArray(list) ? list : [list]));
	}
	return entries;
}

/** JSON written as a string, read as JSON (kept as the text when it is not). */
export function parseJsonText(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}
