/** The engine's node options (retries, waits, timeout), shared by every node so they read the same everywhere. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_SETTINGS, type EngineSettings } from '../transport/pipeline';
import { DEFAULT_CONCURRENCY } from './items';
import { asNumber, fieldError, fieldOf, readObject, type NumberRule } from './params';

/** Limits of the engine options; the UI enforces them only for typed values, so expressions are checked here too. */
export const MAX_ATTEMPTS_LIMIT = 10;

/** The wait options' value when added: one hour, what an hourly window or the seed's `Retry-After: 3600` needs. */
const SHOWN_WAIT_SECONDS = 3600;
/** 'Per Window (Seconds)' when 'Max Requests' is set alone: per minute, the seed's "10 requests per minute". */
const DEFAULT_THROTTLE_WINDOW_SECONDS = 60;

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
		default: SHOWN_WAIT_SECONDS,
		description:
			"Upper bound on the time one item spends waiting (rate-limit queue and retries). Left out, it follows the service: the Retry-After or reset the server asks for, up to the operator's ceiling (N8N_API_CONNECTIONS_MAX_WAIT_SECONDS, default 65 min).",
	},
	{
		displayName: 'Max Queue Wait (Seconds)',
		name: 'maxQueueWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: SHOWN_WAIT_SECONDS,
		description:
			"How long a request may wait for a free slot in the rate limit before the item fails with a clear error. Left out, it follows the service: its rate-limit window (at least 300 s), or the pause the server asks for, up to the operator's ceiling (N8N_API_CONNECTIONS_MAX_WAIT_SECONDS, default 65 min).",
	},
	{
		displayName: 'Max Requests',
		name: 'maxRequests',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description:
			"Your own limit on this connection: at most this many requests per 'Per Window (Seconds)', shared by every node, execution and worker using it; requests beyond it wait their turn. The service's own limit still applies: the stricter one wins.",
	},
	{
		displayName: 'Per Window (Seconds)',
		name: 'maxRequestsWindowSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_THROTTLE_WINDOW_SECONDS,
		description: "The window of 'Max Requests' (a sliding window): 60 = per minute",
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
	const empty = (name: string) => o[name] === undefined || o[name] === null || o[name] === '';
	// Left out (or empty), a wait limit follows the service (lib/transport/waits.ts).
	const seconds = (name: string, label: string) =>
		empty(name) ? undefined : num(name, label, { min: 0 }) * 1000;
	const maxRequests = empty('maxRequests')
		? undefined
		: num('maxRequests', 'Max Requests', { min: 1, integer: true });
	if (maxRequests === undefined && !empty('maxRequestsWindowSeconds'))
		throw fieldError(
			fieldOf(fn, itemIndex, 'Per Window (Seconds)'),
			"is set without 'Max Requests'.",
			"Add 'Max Requests' (how many requests per window), or remove 'Per Window (Seconds)'.",
		);
	const windowSeconds = num('maxRequestsWindowSeconds', 'Per Window (Seconds)', {
		fallback: DEFAULT_THROTTLE_WINDOW_SECONDS,
		min: 1,
	});
	const maxTotalWaitMs = seconds('maxTotalWaitSeconds', 'Max Total Wait (Seconds)');
	const maxQueueWaitMs = seconds('maxQueueWaitSeconds', 'Max Queue Wait (Seconds)');
	return {
		maxAttempts: num('maxAttempts', 'Max Attempts', {
			fallback: d.maxAttempts,
			min: 1,
			max: MAX_ATTEMPTS_LIMIT,
			integer: true,
		}),
		...(maxTotalWaitMs !== undefined ? { maxTotalWaitMs } : {}),
		...(maxQueueWaitMs !== undefined ? { maxQueueWaitMs } : {}),
		...(maxRequests !== undefined
			? { throttle: { requests: maxRequests, windowMs: windowSeconds * 1000 } }
			: {}),
		timeoutMs:
			num('timeoutSeconds', 'Timeout (Seconds)', { fallback: d.timeoutMs / 1000, min: 1 }) * 1000,
		cacheTtlMs:
			num('cacheMinutes', 'Cache GET Responses (Minutes)', { fallback: 0, min: 0 }) * 60_000,
	};
}
