import { DEFAULT_REPLAY_GUARD_MAX_ENTRIES, ReplayGuard } from '../../../lib/webhooks';

describe('ReplayGuard', () => {
	it('remembers a key until it expires', () => {
		const guard = new ReplayGuard();
		expect(guard.checkAndRemember(['a'], 1_000, 0)).toBe(true);
		expect(guard.has('a', 999)).toBe(true);
		expect(guard.checkAndRemember(['a'], 2_000, 999)).toBe(false);
		expect(guard.has('a', 1_000)).toBe(false);
		expect(guard.checkAndRemember(['a'], 2_000, 1_000)).toBe(true);
	});

	it('rejects when any one of several keys is live, and then records none of them', () => {
		const guard = new ReplayGuard();
		guard.checkAndRemember(['sig-1', 'id-1'], 10_000, 0);
		expect(guard.checkAndRemember(['sig-2', 'id-1'], 10_000, 1)).toBe(false);
		expect(guard.has('sig-2', 2)).toBe(false);
		expect(guard.size).toBe(2);
	});

	it('ignores entries that are already expired', () => {
		const guard = new ReplayGuard();
		guard.remember('old', 5, 10);
		expect(guard.size).toBe(0);
	});

	it('stays bounded: sweeps expired entries first, then evicts the oldest', () => {
		const guard = new ReplayGuard({ maxEntries: 3 });
		guard.remember('a', 100, 0);
		guard.remember('b', 1_000, 0);
		guard.remember('c', 1_000, 0);
		// Full; 'a' has expired by t=200 and is swept instead of evicting a live entry.
		guard.remember('d', 1_000, 200);
		expect(guard.size).toBe(3);
		expect(['b', 'c', 'd'].map((k) => guard.has(k, 200))).toEqual([true, true, true]);
		// Full of live entries: the oldest ('b') goes.
		guard.remember('e', 1_000, 300);
		expect(guard.size).toBe(3);
		expect(['b', 'c', 'd', 'e'].map((k) => guard.has(k, 300))).toEqual([false, true, true, true]);
	});

	it('sweep drops only expired entries', () => {
		const guard = new ReplayGuard();
		guard.remember('a', 100, 0);
		guard.remember('b', 300, 0);
		expect(guard.sweep(200)).toBe(1);
		expect(guard.size).toBe(1);
		guard.clear();
		expect(guard.size).toBe(0);
	});

	it('holds 10 000 entries by default and refuses a non-positive bound', () => {
		expect(new ReplayGuard().maxEntries).toBe(DEFAULT_REPLAY_GUARD_MAX_ENTRIES);
		expect(DEFAULT_REPLAY_GUARD_MAX_ENTRIES).toBe(10_000);
		expect(() => new ReplayGuard({ maxEntries: 0 })).toThrow(
			'ReplayGuard maxEntries must be a positive integer',
		);
	});
});
