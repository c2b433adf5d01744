/**
 * The process-wide engine state: one rate limiter (so every execution in this n8n process shares
 * one budget per service and connection) and the clock. Tests swap in a fake clock or store.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { defaultConnectionsObserver } from './connections/observer';
import { systemClock, type Clock } from './limits/clock';
import { RateLimiter, type LimitKey } from './limits/limiter';
import type { BudgetStore } from './limits/store';
import { MemoryResponseCache, type ResponseCache } from './cache/response-cache';
import { sharedStoresFromEnv } from './redis/select';
import type { ErrorLogEntry } from './retry/error-log';

/** What the pipeline tells observers about one request of one item. */
export interface RequestEvent {
	fn: IExecuteFunctions;
	itemIndex: number;
	serviceId: string;
	serviceName: string;
	/** Service family for the one-connection-per-workspace rule (defaults to the service id). */
	family: string;
	credentialType?: string;
	key: LimitKey;
	method: string;
	/** Path template, free of secrets. */
	endpoint: string;
}

/**
 * Hooks into every request (usage statistics, the workspace rule, error and audit logs). `beforeRequest`
 * may throw to stop a request before anything is sent.
 */
export interface RequestObserver {
	beforeRequest?(event: RequestEvent): Promise<void>;
	afterAttempt?(event: RequestEvent, result: { status: number | null; ok: boolean; durationMs: number; cached?: boolean }): Promise<void> | void;
	onLog?(event: RequestEvent, entry: ErrorLogEntry): Promise<void> | void;
}

export interface Engine {
	limiter: RateLimiter;
	clock: Clock;
	random: () => number;
	observers: RequestObserver[];
	cache: ResponseCache;
}

export interface EngineOptions {
	cache?: ResponseCache;
	clock?: Clock;
	store?: BudgetStore;
	random?: () => number;
	/** Default: `defaultObservers()`, i.e. the connections observer (workspace rule, token refresh, usage, logs). */
	observers?: RequestObserver[];
}

let defaultObservers = (): RequestObserver[] => [defaultConnectionsObserver()];

/**
 * Replace what an engine observes by default (a test setup turns the connections observer off for
 * tests that do not exercise it). Applies to the current engine too, unless it was given its own.
 */
export function setDefaultObservers(factory: () => RequestObserver[]): void {
	defaultObservers = factory;
	if (current && !currentHasOwnObservers) current.observers = factory();
}

function create(options: EngineOptions = {}): Engine {
	const clock = options.clock ?? systemClock;
	// Queue mode (or N8N_API_CONNECTIONS_REDIS_URL): every worker shares the budget and the cache through Redis.
	const shared = options.store && options.cache ? {} : sharedStoresFromEnv(clock);
	return {
		clock,
		limiter: new RateLimiter({ clock, store: options.store ?? shared.store }),
		random: options.random ?? Math.random,
		observers: options.observers ?? defaultObservers(),
		cache: options.cache ?? shared.cache ?? new MemoryResponseCache(),
	};
}

// Created on first use, not at load: the connections observer imports modules that import this one.
let current: Engine | undefined;
let currentHasOwnObservers = false;

export function getEngine(): Engine {
	current ??= create();
	return current;
}

/** Replace the engine (tests, or stores of your own). Returns the new engine. */
export function configureEngine(options: EngineOptions = {}): Engine {
	current = create(options);
	currentHasOwnObservers = options.observers !== undefined;
	return current;
}
