/**
 * The process-wide engine state: one rate limiter (so every execution in this n8n process shares
 * one budget per service and connection) and the clock. Tests swap in a fake clock or store.
 */
import { systemClock, type Clock } from './limits/clock';
import { RateLimiter } from './limits/limiter';
import type { BudgetStore } from './limits/store';

export interface Engine {
	limiter: RateLimiter;
	clock: Clock;
	random: () => number;
}

function create(options: { clock?: Clock; store?: BudgetStore; random?: () => number } = {}): Engine {
	const clock = options.clock ?? systemClock;
	return { clock, limiter: new RateLimiter({ clock, store: options.store }), random: options.random ?? Math.random };
}

let current: Engine = create();

export function getEngine(): Engine {
	return current;
}

/** Replace the engine (tests; later the queue-mode store). Returns the new engine. */
export function configureEngine(options: { clock?: Clock; store?: BudgetStore; random?: () => number } = {}): Engine {
	current = create(options);
	return current;
}
