import fc from 'fast-check';

import { backoffDelay, DEFAULT_BACKOFF } from '../../../lib/retry/backoff';

describe('backoffDelay', () => {
	it('stays within 0 ≤ delay ≤ min(cap, base·2^(n-1)) for any attempt and random value', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 2000 }),
				fc.integer({ min: 1, max: 60_000 }),
				fc.integer({ min: 1, max: 3_600_000 }),
				fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
				(attempt, baseMs, capMs, r) => {
					const delay = backoffDelay(attempt, { baseMs, capMs }, () => r);
					const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
					return Number.isInteger(delay) && delay >= 0 && delay <= ceiling;
				},
			),
		);
	});

	it('uses the full jitter range: random 0 gives 0, random near 1 gives nearly the ceiling', () => {
		expect(backoffDelay(3, { baseMs: 1000, capMs: 30_000 }, () => 0)).toBe(0);
		expect(backoffDelay(3, { baseMs: 1000, capMs: 30_000 }, () => 0.5)).toBe(2000);
		expect(backoffDelay(3, { baseMs: 1000, capMs: 30_000 }, () => 0.9999)).toBe(3999);
	});

	it('caps the ceiling', () => {
		expect(backoffDelay(10, { baseMs: 1000, capMs: 30_000 }, () => 0.5)).toBe(15_000);
		expect(backoffDelay(5000, { baseMs: 1000, capMs: 30_000 }, () => 0.5)).toBe(15_000);
	});

	it('defaults to 1 s base and 30 s cap', () => {
		expect(DEFAULT_BACKOFF).toEqual({ baseMs: 1000, capMs: 30_000 });
		expect(backoffDelay(1, undefined, () => 0.5)).toBe(500);
	});
});
