import { MemoryBudgetStore } from '../../../lib/limits/store';
import { budgetStoreCases } from './store-cases';

budgetStoreCases('MemoryBudgetStore', () => new MemoryBudgetStore());

describe('MemoryBudgetStore and MemoryLearnedLimitStore answer at once', () => {
	const policy = { requests: 2, windowMs: 1000 };

	it('with values, never promises, and say so (`immediate`)', () => {
		const store = new MemoryBudgetStore();
		expect(store.immediate).toBe(true);
		const granted = store.tryAcquire('k', policy, 1000);
		expect(granted).toEqual({ granted: true, seq: 1 });
		expect(store.observe('k', policy, { remaining: 1, seq: 1 }, 1001)).toBeUndefined();
		expect(store.release('k', 1)).toBeUndefined();
		const learned = store.learned;
		expect(learned.immediate).toBe(true);
		expect(learned.get('k', 1002)).toBeNull();
		const state = learned.update('k', 1002, () => null);
		expect(state).toBeNull();
	});
});
