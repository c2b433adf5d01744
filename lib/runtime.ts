/**
 * The composition root: the one place that builds the engine's parts (clock, limiter, cache, in-flight
 * map, stores, the connections features as request observers, the catalog of services, the operator's
 * settings) and wires them together. Everything below receives the runtime as an argument; only the n8n
 * entry layer (node classes through nodes/runtime.ts, lib/builder, lib/triggers) reads the process's
 * runtime here, because n8n constructs node classes without arguments while every node of the package
 * must share one budget and one store.
 */
import { MemoryResponseCache, type ResponseCache } from './cache/response-cache';
import { ServiceCatalog } from './connections/catalog';
import type { ServiceSpec } from './spec/types';
import { ConnectionsObserver } from './connections/observer';
import { systemClock, type Clock } from './limits/clock';
import { RateLimiter } from './limits/limiter';
import type { BudgetStore } from './limits/store';
import { maxWaitCeilingFromEnv, settingsFromEnv, type Settings } from './settings';
import { defaultConnectionStore, sharedStoresFromEnv } from './redis/select';
import type { Engine } from './transport/engine';
import type { RequestObserver } from './transport/observer';

export interface Runtime extends Engine {
	/** The connections features (workspace rule, token keeper, usage log) the Connections node reads. */
	connections: ConnectionsObserver;
	/** The services this runtime knows (the list it was built with). */
	catalog: ServiceCatalog;
	/** The operator's settings (lib/settings.ts), read from the runtime's environment on use. */
	settings: () => Settings;
}

export interface RuntimeOptions {
	cache?: ResponseCache;
	clock?: Clock;
	store?: BudgetStore;
	random?: () => number;
	/** Default: the process's connections observer (workspace rule, token refresh, usage, logs). */
	observers?: RequestObserver[];
	/** Settings source (default `process.env`). */
	env?: NodeJS.ProcessEnv;
	/**
	 * The services the connections features know (the package passes `nodes/services.ts`). `useRuntime`
	 * keeps the list of the runtime it replaces when none is given.
	 */
	services?: readonly ServiceSpec[];
}

let processConnections: ConnectionsObserver | undefined;

/** The process's connections features: one store and one usage buffer per process, kept across runtimes. */
export function defaultConnectionsObserver(): ConnectionsObserver {
	processConnections ??= new ConnectionsObserver({
		store: () => defaultConnectionStore(process.env),
	});
	return processConnections;
}

/** Build a runtime. Queue mode (or N8N_API_CONNECTIONS_REDIS_URL): budget and cache are shared through Redis. */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
	const clock = options.clock ?? systemClock;
	const shared = options.store && options.cache ? {} : sharedStoresFromEnv(clock, options.env);
	const observers = options.observers ?? [defaultConnectionsObserver()];
	const catalog = new ServiceCatalog(options.services);
	const env = options.env;
	const settings = (): Settings => settingsFromEnv(env ?? process.env);
	attachAll(observers, clock, catalog, settings);
	const connections =
		observers.find((o): o is ConnectionsObserver => o instanceof ConnectionsObserver) ??
		defaultConnectionsObserver();
	return {
		clock,
		limiter: new RateLimiter({ clock, store: options.store ?? shared.store }),
		random: options.random ?? Math.random,
		observers,
		cache: options.cache ?? shared.cache ?? new MemoryResponseCache(),
		inflight: new Map(),
		waitCeilingMs: () => maxWaitCeilingFromEnv(env ?? process.env),
		connections,
		catalog,
		settings,
	};
}

function attachAll(
	observers: RequestObserver[],
	clock: Clock,
	catalog: ServiceCatalog,
	settings: () => Settings,
): void {
	// Not a literal: `attach` of the transport's contract knows the clock; the connections observer also takes the catalog and settings.
	const parts = { clock, catalog, settings };
	for (const o of observers) o.attach?.(parts);
}

let current: Runtime | undefined;

/**
 * The runtime of this n8n process, built on first use. Read only by the n8n entry layer, which passes the
 * package's services; a runtime set by `useRuntime` without a list of its own is given that list here.
 */
export function processRuntime(services?: readonly ServiceSpec[]): Runtime {
	current ??= createRuntime({ services });
	if (services?.length && current.catalog.size === 0) {
		current.catalog = new ServiceCatalog(services);
		attachAll(current.observers, current.clock, current.catalog, current.settings);
	}
	return current;
}

/** Replace the process's runtime (tests, or stores of your own). Returns the new runtime. */
export function useRuntime(options: RuntimeOptions = {}): Runtime {
	current = createRuntime({ services: current?.catalog.specs, ...options });
	return current;
}
