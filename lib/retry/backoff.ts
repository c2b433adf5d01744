/** Exponential backoff with full jitter (AWS "Exponential Backoff And Jitter"): spreads retries of many clients. */

export interface BackoffOptions {
	baseMs: number;
	capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 30_000 };

/** Delay before retry number `attempt` (1-based): uniform in [0, min(cap, base·2^(attempt-1))). */
export function backoffDelay(
	attempt: number,
	options: BackoffOptions = DEFAULT_BACKOFF,
	random: () => number = Math.random,
): number {
	const exponent = Math.max(0, Math.floor(attempt) - 1);
	const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
	return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}
