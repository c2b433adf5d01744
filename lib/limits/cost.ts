/** Reads what a cost-based API reports about a request's cost and its bucket, per the policy's paths. */
import { readPath } from '../transport/path';
import type { CostPolicy } from './policy';

/** One answer's cost report; a field the answer did not carry is absent. */
export interface CostReading {
	/** Points charged up front (what a request of this kind is expected to cost). */
	requested?: number;
	/** Points the request really cost (the difference to `requested` is restored). */
	actual?: number;
	maximum?: number;
	/** Points left after this request. */
	available?: number;
	restorePerSecond?: number;
}

function numberAt(body: unknown, path: string | undefined): number | undefined {
	if (!path) return undefined;
	const v = readPath(body, path);
	const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
	return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The cost report in a (parsed) answer body, or null when it carries none. */
export function readCost(policy: CostPolicy, body: unknown): CostReading | null {
	const reading: CostReading = {
		requested: numberAt(body, policy.requestedPath),
		actual: numberAt(body, policy.actualPath),
		maximum: numberAt(body, policy.maximumPath),
		available: numberAt(body, policy.availablePath),
		restorePerSecond: numberAt(body, policy.restoreRatePath),
	};
	if (reading.maximum === 0) delete reading.maximum;
	if (reading.restorePerSecond === 0) delete reading.restorePerSecond;
	return Object.values(reading).some((v) => v !== undefined) ? reading : null;
}

/**
 * When a refused request can be sent again: once the bucket, restoring at its rate, holds what the request
 * asked for (epoch ms), or null when the report does not say.
 */
export function costAvailableAtMs(
	reading: CostReading,
	policy: CostPolicy,
	nowMs: number,
): number | null {
	const rate = reading.restorePerSecond ?? policy.restorePerSecond;
	if (reading.requested === undefined || reading.available === undefined || !(rate > 0))
		return null;
	const missing =
		Math.min(reading.requested, reading.maximum ?? policy.maximum) - reading.available;
	return missing > 0 ? nowMs + Math.ceil((missing / rate) * 1000) : null;
}
