/** The engine's node options (retries, waits, timeout), shared by every node so they read the same everywhere. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_SETTINGS, type EngineSettings } from '../transport/pipeline';
import { DEFAULT_CONCURRENCY } from './items';
import { asNumber, fieldOf, readObject, type NumberRule } from './params';

/** Limits of the engine options; the UI enforces them only for typed values, so expressions are checked here too. */
export const MAX_ATTEMPTS_LIMIT = 10;

export const engineOptionFields: INodeProperties[] = [
	{
		displayName: 'Concurrent Items',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: DEFAULT_CONCURRENCY,
		description:
			'How many items are worked on at once. Without this option the node adapts: more at once while the service answers quickly and has budget, fewer on slow answers, errors or 429s. Requests still wait their turn in the rate-limit queue, and outputs keep the input order. Set 1 to send strictly one after another.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_ATTEMPTS_LIMIT },
		default: DEFAULT_SETTINGS.maxAttempts,
		description:
			'How many times a request is tried on 429, 5xx, timeouts and connection errors (writes only when safe)',
	},
	{
		displayName: 'Max Total Wait (Seconds)',
		name: 'maxTotalWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_SETTINGS.maxTotalWaitMs / 1000,
		description: 'Upper bound on the time spent waiting between attempts of one item',
	},
	{
		displayName: 'Max Queue Wait (Seconds)',
		name: 'maxQueueWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_SETTINGS.maxQueueWaitMs / 1000,
		description:
			'How long a request may wait for a free slot in the rate limit before the item fails with a clear error',
	},
	{
		displayName: 'Cache GET Responses (Minutes)',
		name: 'cacheMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'Serve a repeated GET of this connection from memory for this many minutes (0 = off). A cached answer costs no rate-limit budget; writes are never cached.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_SETTINGS.timeoutMs / 1000,
		description: 'Time to wait for the server to answer one attempt',
	},
];

/** Read the engine settings from the node's `options` collection; a value out of range names the option. */
export function readEngineSettings(fn: IExecuteFunctions, itemIndex: number): EngineSettings {
	const o = readObject(fn, itemIndex, 'options', 'Options');
	const num = (name: string, label: string, rule: NumberRule) =>
		asNumber(fieldOf(fn, itemIndex, label), o[name], rule);
	const d = DEFAULT_SETTINGS;
	return {
		maxAttempts: num('maxAttempts', 'Max Attempts', {
			fallback: d.maxAttempts,
			min: 1,
			max: MAX_ATTEMPTS_LIMIT,
			integer: true,
		}),
		maxTotalWaitMs:
			num('maxTotalWaitSeconds', 'Max Total Wait (Seconds)', {
				fallback: d.maxTotalWaitMs / 1000,
				min: 0,
			}) * 1000,
		maxQueueWaitMs:
			num('maxQueueWaitSeconds', 'Max Queue Wait (Seconds)', {
				fallback: d.maxQueueWaitMs / 1000,
				min: 0,
			}) * 1000,
		timeoutMs:
			num('timeoutSeconds', 'Timeout (Seconds)', { fallback: d.timeoutMs / 1000, min: 1 }) * 1000,
		cacheTtlMs:
			num('cacheMinutes', 'Cache GET Responses (Minutes)', { fallback: 0, min: 0 }) * 60_000,
	};
}
