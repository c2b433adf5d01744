"use strict";
/**
 * Remembers deliveries (their signatures or delivery ids) for as long as they could still pass
 * verification, so a byte-identical delivery replayed inside the window is rejected.
 *
 * In-memory and per process: it protects one n8n process (a single instance, or each webhook
 * process in queue mode on its own). Memory is bounded: expired entries are swept when the cache
 * is full, then the oldest entries are evicted.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.sharedReplayGuard = exports.ReplayGuard = exports.DEFAULT_REPLAY_GUARD_MAX_ENTRIES = void 0;
exports.DEFAULT_REPLAY_GUARD_MAX_ENTRIES = 10_000;
class ReplayGuard {
    maxEntries;
    /** key → time (ms) from which the entry no longer counts; Map order = insertion order. */
    entries = new Map();
    constructor(options = {}) {
        const max = options.maxEntries ?? exports.DEFAULT_REPLAY_GUARD_MAX_ENTRIES;
        if (!Number.isInteger(max) || max < 1) {
            throw new RangeError('ReplayGuard maxEntries must be a positive integer');
        }
        this.maxEntries = max;
    }
    get size() {
        return this.entries.size;
    }
    /** True when `key` was remembered and has not expired at `now`. */
    has(key, now) {
        const expiresAt = this.entries.get(key);
        if (expiresAt === undefined)
            return false;
        if (now >= expiresAt) {
            this.entries.delete(key);
            return false;
        }
        return true;
    }
    /**
     * Records every key until `expiresAt` unless one of them is already live; returns false (and
     * records nothing) in that case. Check and record happen in one synchronous step, so two
     * concurrent copies of a delivery cannot both pass.
     */
    checkAndRemember(keys, expiresAt, now) {
        if (keys.some((key) => this.has(key, now)))
            return false;
        for (const key of keys)
            this.remember(key, expiresAt, now);
        return true;
    }
    /** Records `key` until `expiresAt` (ms), making room first when the cache is full. */
    remember(key, expiresAt, now) {
        if (expiresAt <= now)
            return;
        this.entries.delete(key);
        if (this.entries.size >= this.maxEntries)
            this.sweep(now);
        // Still full of live entries: drop the oldest so memory stays bounded.
        for (const oldest of this.entries.keys()) {
            if (this.entries.size < this.maxEntries)
                break;
            this.entries.delete(oldest);
        }
        this.entries.set(key, expiresAt);
    }
    /** Drops every entry expired at `now`; returns how many were dropped. */
    sweep(now) {
        let dropped = 0;
        for (const [key, expiresAt] of this.entries) {
            if (now >= expiresAt) {
                this.entries.delete(key);
                dropped++;
            }
        }
        return dropped;
    }
    clear() {
        this.entries.clear();
    }
}
exports.ReplayGuard = ReplayGuard;
/** One guard for the whole process; callers separate triggers by passing a scope (workflow + node). */
exports.sharedReplayGuard = new ReplayGuard();
