"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MemoryResponseCache = void 0;
exports.cacheKey = cacheKey;
/**
 * GET response cache (opt-in per node, the seed's "strategy 3"): per connection, keyed by the full
 * request minus secrets, for N minutes. A hit costs no rate-limit budget. An interface, so queue mode
 * can share one cache across workers.
 */
const node_crypto_1 = require("node:crypto");
/** In-process cache, bounded: the oldest entries go first when it is full. */
class MemoryResponseCache {
    maxEntries;
    entries = new Map();
    constructor(maxEntries = 1000) {
        this.maxEntries = maxEntries;
    }
    async get(key, nowMs) {
        const hit = this.entries.get(key);
        if (!hit)
            return undefined;
        if (hit.expiresAtMs <= nowMs) {
            this.entries.delete(key);
            return undefined;
        }
        return hit;
    }
    async set(key, value) {
        this.entries.delete(key);
        this.entries.set(key, value);
        while (this.entries.size > this.maxEntries)
            this.entries.delete(this.entries.keys().next().value);
    }
    get size() {
        return this.entries.size;
    }
}
exports.MemoryResponseCache = MemoryResponseCache;
/**
 * The cache key: connection + method + URL + headers + response format. The URL and headers are
 * already redacted by the caller, and the whole key is hashed, so no secret is ever stored in a key.
 */
function cacheKey(parts) {
    const headers = Object.entries(parts.headers)
        .map(([k, v]) => [k.toLowerCase(), v])
        .sort(([a], [b]) => a.localeCompare(b));
    return (0, node_crypto_1.createHash)('sha256')
        .update(JSON.stringify([parts.connection, parts.method, parts.url, headers, parts.format]))
        .digest('hex');
}
