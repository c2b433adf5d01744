/** A throttle rule for a daily quota that resets at a fixed UTC hour (`resetsAtUtcHour`). */
import { classifyResponse, nextUtcHour } from '../../../lib/limits/throttle';
import type { RateLimitPolicy } from '../../../lib/limits/policy';

const policy: RateLimitPolicy = {
	requests: 100_000,
	windowMs: 86_400_000,
	headers: [],
	throttled: [{ status: [429], resetsAtUtcHour: 0 }],
};

describe('resetsAtUtcHour', () => {
	it('the next time the UTC clock reads that hour, never now', () => {
		expect(nextUtcHour(Date.parse('2026-11-29T09:00:00Z'), 0)).toBe(
			Date.parse('2026-11-30T00:00:00Z'),
		);
		expect(nextUtcHour(Date.parse('2026-11-29T00:00:00Z'), 0)).toBe(
			Date.parse('2026-11-30T00:00:00Z'),
		);
		expect(nextUtcHour(Date.parse('2026-12-31T23:59:59Z'), 0)).toBe(
			Date.parse('2027-01-01T00:00:00Z'),
		);
		expect(nextUtcHour(Date.parse('2026-11-29T09:00:00Z'), 8)).toBe(
			Date.parse('2026-11-30T08:00:00Z'),
		);
		expect(nextUtcHour(Date.parse('2026-11-29T07:30:00Z'), 8)).toBe(
			Date.parse('2026-11-29T08:00:00Z'),
		);
	});

	it('a 429 without a time pauses until the reset hour; a Retry-After still wins', () => {
		const now = Date.parse('2026-11-29T09:00:00Z');
		const bare = classifyResponse(policy, { status: 429, headers: {}, body: '' }, now);
		expect(bare).toMatchObject({
			throttled: true,
			retryAfterMs: null,
			resetAtMs: Date.parse('2026-11-30T00:00:00Z'),
		});
		const told = classifyResponse(
			policy,
			{ status: 429, headers: { 'retry-after': '60' }, body: '' },
			now,
		);
		expect(told).toMatchObject({ throttled: true, retryAfterMs: 60_000, resetAtMs: null });
	});
});
