/**
 * What `send` works with: the parts of the runtime below the connections features. The runtime
 * (lib/runtime.ts) builds one and every caller passes it down in its `CallContext`.
 */
import type { ResponseCache } from '../cache/response-cache';
import type { Clock } from '../limits/clock';
import type { RateLimiter } from '../limits/limiter';
import type { RequestObserver } from './observer';
import type { EngineResponse } from './types';

export interface Engine {
	limiter: RateLimiter;
	clock: Clock;
	random: () => number;
	observers: RequestObserver[];
	cache: ResponseCache;
	/** Cacheable requests in flight, by cache key (identical GETs at once share one request). */
	inflight: Map<string, Promise<EngineResponse>>;
	/** The ceiling of default waits (the operator's setting, read on use); default `DEFAULT_WAIT_CEILING_MS`. */
	waitCeilingMs?: () => number;
}
