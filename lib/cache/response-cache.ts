/**
 * GET response cache (opt-in per node, the seed's "strategy 3"): per caller, keyed by the full request
 * (see `cacheKey`), for N minutes. A hit costs no rate-limit budget. An interface, so queue mode
 * can share one cache across workers.
 */
import { createHmac, randomBytes } from 'node:crypto';

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
		while (this.entries.size > this.maxEntries)
			this.entries.delete(this.entries.keys().next().value as string);
	}

	get size(): number {
		return this.entries.size;
	}
}

let keySecret: Buffer | undefined;

/**
 * What cache keys are hashed with, never stored. The workers of one n8n share N8N_ENCRYPTION_KEY (queue
 * mode requires it), so they derive the same secret and share Redis entries; without it each process
 * keys its own entries (a miss, never a leak).
 */
function cacheKeySecret(): Buffer {
	const shared = process.env.N8N_ENCRYPTION_KEY;
	keySecret ??= shared
		? createHmac('sha256', shared).update('n8n-nodes-api-connections GET cache key').digest()
		: randomBytes(32);
	return keySecret;
}

/**
 * The cache key: it identifies the caller, so two callers never share an entry (nor a request in flight).
 * Built from the raw request (connection, method, full URL with its query, every header with cookies,
 * and the secrets signing it: a run-time token, the credential's secrets), never from redacted text, and
 * HMAC-ed with a secret key, so a key can neither collide across callers nor be reversed into a secret.
 */
export function cacheKey(parts: {
	connection: string;
	method: string;
	url: string;
	headers: Record<string, string>;
	format: string;
	secrets?: string[];
}): string {
	const headers = Object.entries(parts.headers)
		.map(([k, v]) => [k.toLowerCase(), v] as const)
		.sort(([a], [b]) => a.localeCompare(b));
	return createHmac('sha256', cacheKeySecret())
		.update(
			JSON.stringify([
				parts.connection,
				parts.method,
				parts.url,
				headers,
				parts.format,
				parts.secrets ?? [],
			]),
		)
		.digest('hex');
}
