/** Durations as people read them, shared by every message about waits (retries, rate limits, errors). */

/** `0.5 s`, `45 s`, `40 min`, `5 h`, `11574 days`: seconds below 10 min, then the largest unit that reads well. */
export function formatDuration(ms: number): string {
	const s = Math.max(0, ms) / 1000;
	if (s < 600) return `${s >= 10 || Number.isInteger(s) ? Math.round(s) : s.toFixed(1)} s`;
	const min = s / 60;
	if (min < 120) return `${Math.round(min)} min`;
	const h = min / 60;
	if (h < 72) return `${Math.round(h)} h`;
	return `${Math.round(h / 24)} days`;
}

/** ISO 8601 to the second, rounded up so the time shown is never before the real one. */
export function isoSeconds(ms: number): string {
	const rounded = Math.ceil(ms / 1000) * 1000;
	// Beyond what Date can show (an absurd server answer): say so rather than throw.
	return Number.isFinite(rounded) && Math.abs(rounded) <= 8.64e15
		? new Date(rounded).toISOString().replace('.000Z', 'Z')
		: 'an unknown time';
}
