/**
 * The GET response cache of n8n's queue mode: one cache for every worker, in Redis. Entries expire in
 * Redis at their own TTL. The cache only ever saves work, so Redis being down (or still connecting) makes
 * every lookup an immediate miss and every store a no-op (the request itself then meets the rate limiter, which reports the outage).
 */
import type { RedisConnection } from '../redis/client';
import type { CachedResponse, ResponseCache } from './response-cache';

export interface RedisResponseCacheOptions {
	/** Answers larger than this (bytes of JSON) are not cached (default 1 MiB): Redis memory is shared with n8n. */
	maxEntryBytes?: number;
}

export class RedisResponseCache implements ResponseCache {
	private readonly maxEntryBytes: number;

	constructor(
		private readonly redis: RedisConnection,
		options: RedisResponseCacheOptions = {},
	) {
		this.maxEntryBytes = options.maxEntryBytes ?? 1024 * 1024;
	}

	private key(key: string): string {
		return `${this.redis.prefix}:cache:${key}`;
	}

	async get(key: string, nowMs: number): Promise<CachedResponse | undefined> {
		let raw: string | null;
		try {
			raw = await this.redis.run(async (client) => await client.get(this.key(key)), 0);
		} catch {
			return undefined;
		}
		if (!raw) return undefined;
		try {
			const hit = JSON.parse(raw) as CachedResponse;
			return hit.expiresAtMs > nowMs ? hit : undefined;
		} catch {
			return undefined;
		}
	}

	async set(key: string, value: CachedResponse): Promise<void> {
		const ttlMs = Math.ceil(value.expiresAtMs - value.storedAtMs);
		if (ttlMs <= 0) return;
		const json = JSON.stringify(value);
		if (Buffer.byteLength(json) > this.maxEntryBytes) return;
		try {
			await this.redis.run(async (client) => await client.set(this.key(key), json, 'PX', ttlMs), 0);
		} catch {
			// a missed cache entry costs one request later, nothing more
		}
	}
}
