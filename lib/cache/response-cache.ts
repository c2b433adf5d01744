/**
 * GET response cache (opt-in per node, the seed's "strategy 3"): per connection, keyed by the full
 * request minus secrets, for N minutes. A hit costs no rate-limit budget. An interface, so queue mode
 * can share one cache across workers.
 */
import { createHash } from 'node:crypto';

export interface CachedResponse {
	status: number;
	headers: Record<string, string>;
	body: unknown;
	storedAtMs: number;
	expiresAtMs: number;
}

export interface ResponseCache {
	get(key: string, nowMs: number): Promise<CachedResponse | undefined>;
	set(key: string, value: CachedResponse): Promise<void>;
}

/** In-process cache, bounded: the oldest entries go first when it is full. */
export class MemoryResponseCache implements ResponseCache {
	private readonly entries = new Map<string, CachedResponse>();

	constructor(private readonly maxEntries = 1000) {}

	async get(key: string, nowMs: number): Promise<CachedResponse | undefined> {
		const hit = this.entries.get(key);
		if (!hit) return undefined;
		if (hit.expiresAtMs <= nowMs) {
			this.entries.delete(key);
			return undefined;
		}
		return hit;
	}

	async set(key: string, value: CachedResponse): Promise<void> {
		this.entries.delete(key);
		this.entries.set(key, value);
		while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
	}

	get size(): number {
		return this.entries.size;
	}
}

/**
 * The cache key: connection + method + URL + headers + response format. The URL and headers are
 * already redacted by the caller, and the whole key is hashed, so no secret is ever stored in a key.
 */
export function cacheKey(parts: { connection: string; method: string; url: string; headers: Record<string, string>; format: string }): string {
	const headers = Object.entries(parts.headers)
		.map(([k, v]) => [k.toLowerCase(), v] as const)
		.sort(([a], [b]) => a.localeCompare(b));
	return createHash('sha256')
		.update(JSON.stringify([parts.connection, parts.method, parts.url, headers, parts.format]))
		.digest('hex');
}
