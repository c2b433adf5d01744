"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RateLimiter = exports.RateLimitWaitError = void 0;
exports.waitErrorMessage = waitErrorMessage;
exports.limitKeyId = limitKeyId;
/**
 * The rate limiter: one FIFO queue per (service, connection), drained as the key's budget allows.
 * Requests wait instead of failing; a wait longer than the caller's bound becomes a clear error, never a
 * hang. Each answer is fed back (`permit.release(observation)`) so the budget follows what the server reports.
 */
const clock_1 = require("./clock");
const store_1 = require("./store");
const throttle_1 = require("./throttle");
/** A request waited (or would have to wait) longer than its bound for a free slot. */
class RateLimitWaitError extends Error {
    service;
    connection;
    waitedMs;
    maxWaitMs;
    resetAtMs;
    reason;
    constructor(details) {
        super(waitErrorMessage(details));
        this.name = 'RateLimitWaitError';
        this.service = details.service;
        this.connection = details.connection;
        this.waitedMs = details.waitedMs;
        this.maxWaitMs = details.maxWaitMs;
        this.resetAtMs = details.resetAtMs;
        this.reason = details.reason;
    }
}
exports.RateLimitWaitError = RateLimitWaitError;
/** The user-facing text of a `RateLimitWaitError`: what blocked, for how long, until when, and the fix. */
function waitErrorMessage(d) {
    const waited = d.waitedMs >= d.maxWaitMs ? `waited ${seconds(d.waitedMs)} for a free slot` : `no free slot within the ${seconds(d.maxWaitMs)} Max Wait`;
    const concurrency = d.maxConcurrency !== undefined ? `, at most ${d.maxConcurrency} at once` : '';
    const until = d.reason === 'concurrency' || d.resetAtMs === null
        ? 'all concurrent slots stayed busy'
        : d.reason === 'paused'
            ? `the service asked to pause until ${isoSeconds(d.resetAtMs)}`
            : `the window resets at ${isoSeconds(d.resetAtMs)}`;
    return (`Rate limit of ${d.service}: ${waited} (limit ${d.limit} per ${duration(d.windowMs)}${concurrency}); ${until}. ` +
        `Raise 'Max Wait' in the node options or lower the request rate.`);
}
function seconds(ms) {
    const s = ms / 1000;
    return `${s >= 10 || Number.isInteger(s) ? Math.round(s) : s.toFixed(1)} s`;
}
function duration(ms) {
    const units = [
        [86_400_000, 'day'],
        [3_600_000, 'h'],
        [60_000, 'min'],
        [1000, 's'],
    ];
    for (const [size, name] of units) {
        if (ms >= size && ms % size === 0)
            return `${ms / size} ${name === 'day' && ms !== size ? 'days' : name}`;
    }
    return `${ms} ms`;
}
/** ISO 8601 to the second, rounded up so the time shown is never before the real one. */
function isoSeconds(ms) {
    return new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
/** Stable store key of a (service, connection) pair. */
function limitKeyId(key) {
    return `${encodeURIComponent(key.service)}:${encodeURIComponent(key.connection)}`;
}
// How long to hold back when the server still throttles after the reset it announced (clock skew).
const SKEW_GRACE_MS = 1000;
// setTimeout cannot wait longer than 2^31-1 ms; longer waits are re-evaluated after this.
const MAX_SLEEP_MS = 2_147_483_647;
class RateLimiter {
    store;
    clock;
    queues = new Map();
    constructor(options = {}) {
        this.store = options.store ?? new store_1.MemoryBudgetStore();
        this.clock = options.clock ?? clock_1.systemClock;
    }
    /** Waits in the key's FIFO queue for a slot; rejects with `RateLimitWaitError` past `maxWaitMs`. */
    async acquire(key, policy, options) {
        const { signal } = options;
        if (signal?.aborted)
            throw signal.reason;
        const q = this.queue(key, policy);
        return await new Promise((resolve, reject) => {
            const now = this.clock.now();
            const maxWaitMs = Math.max(0, options.maxWaitMs);
            const onAbort = () => {
                this.remove(q, waiter);
                reject(signal?.reason);
                this.wake(q);
            };
            const waiter = {
                policy,
                startedMs: now,
                deadlineMs: now + maxWaitMs,
                maxWaitMs,
                resolve,
                reject,
                detach: () => signal?.removeEventListener('abort', onAbort),
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            q.waiters.push(waiter);
            if (q.running)
                this.wake(q);
            else
                void this.pump(q);
        });
    }
    /** Blocks the key until `atMs` (e.g. after a 429); a later pause wins. */
    async pauseUntil(key, atMs) {
        await this.store.pauseUntil(limitKeyId(key), atMs);
        const q = this.queues.get(limitKeyId(key));
        if (q)
            this.wake(q);
    }
    /** Statistics and budget of a key, or null if it was never used. */
    async snapshot(key) {
        const q = this.queues.get(limitKeyId(key));
        if (!q)
            return null;
        const budget = await this.store.snapshot(q.id, q.policy, this.clock.now());
        return { ...q.stats, queued: q.waiters.length, budget };
    }
    queue(key, policy) {
        const id = limitKeyId(key);
        let q = this.queues.get(id);
        if (!q) {
            q = {
                id,
                key: { ...key },
                policy,
                waiters: [],
                running: false,
                dirty: false,
                wake: null,
                stats: { granted: 0, throttled: 0, waitErrors: 0, totalWaitMs: 0, longestWaitMs: 0 },
            };
            this.queues.set(id, q);
        }
        q.policy = policy;
        return q;
    }
    /** Serves the key's waiters in order, one store check at a time, sleeping while the budget is spent. */
    async pump(q) {
        q.running = true;
        try {
            while (q.waiters.length > 0) {
                q.dirty = false;
                const now = this.clock.now();
                const result = await this.store.tryAcquire(q.id, q.waiters[0].policy, now);
                if (result.granted) {
                    this.grant(q, result.seq);
                    continue;
                }
                // Nobody can go before the key unblocks: whoever's bound ends sooner fails now instead of hanging.
                const blockedUntil = result.retryAtMs ?? now + 1;
                const expiring = q.waiters.filter((w) => w.deadlineMs < blockedUntil);
                if (expiring.length > 0)
                    await this.fail(q, expiring, result.reason, result.retryAtMs);
                if (q.waiters.length === 0)
                    break;
                if (q.dirty)
                    continue;
                const until = q.waiters.reduce((min, w) => Math.min(min, w.deadlineMs), result.retryAtMs ?? Infinity);
                await this.sleep(q, Math.min(MAX_SLEEP_MS, Math.max(1, until - now)));
            }
        }
        catch (error) {
            // A failing store (e.g. Redis down) must not leave anyone waiting forever.
            for (const waiter of q.waiters.splice(0)) {
                waiter.detach();
                waiter.reject(error);
            }
        }
        finally {
            q.running = false;
        }
    }
    grant(q, seq) {
        const waiter = q.waiters.shift();
        if (!waiter) {
            // The waiter was aborted while the store granted its slot: hand the slot back.
            void this.store.release(q.id);
            return;
        }
        waiter.detach();
        const waitedMs = this.clock.now() - waiter.startedMs;
        q.stats.granted++;
        q.stats.totalWaitMs += waitedMs;
        q.stats.longestWaitMs = Math.max(q.stats.longestWaitMs, waitedMs);
        waiter.resolve(this.permit(q, waiter.policy, seq, waitedMs));
    }
    permit(q, policy, seq, waitedMs) {
        let released = false;
        return {
            key: q.key,
            waitedMs,
            release: async (observation) => {
                if (released)
                    return;
                released = true;
                try {
                    if (observation)
                        await this.observe(q, policy, seq, observation);
                }
                finally {
                    await this.store.release(q.id);
                    this.wake(q);
                }
            },
        };
    }
    async observe(q, policy, seq, observation) {
        const now = this.clock.now();
        const c = (0, throttle_1.classifyResponse)(policy, observation, now);
        const obs = { ...c.reading, seq };
        if (c.throttled) {
            q.stats.throttled++;
            // Throttled with no hint of when: the budget is spent, as far as we can tell.
            if (obs.remaining === undefined && c.retryAfterMs === null)
                obs.remaining = 0;
            // Throttled although the reported reset has passed: our clock runs ahead of the server's. Hold back briefly.
            if (obs.resetAtMs !== undefined && obs.resetAtMs <= now && c.retryAfterMs === null) {
                obs.pauseUntilMs = Math.max(obs.pauseUntilMs ?? 0, now + Math.min(SKEW_GRACE_MS, policy.windowMs));
            }
        }
        if (c.retryAfterMs !== null)
            obs.pauseUntilMs = Math.max(obs.pauseUntilMs ?? 0, now + c.retryAfterMs);
        await this.store.observe(q.id, policy, obs, now);
    }
    async fail(q, expiring, reason, retryAtMs) {
        const policy = q.waiters[0].policy;
        const budget = await this.store.snapshot(q.id, policy, this.clock.now());
        const now = this.clock.now();
        for (const waiter of expiring) {
            if (!this.remove(q, waiter))
                continue;
            waiter.detach();
            q.stats.waitErrors++;
            waiter.reject(new RateLimitWaitError({
                service: q.key.service,
                connection: q.key.connection,
                waitedMs: now - waiter.startedMs,
                maxWaitMs: waiter.maxWaitMs,
                resetAtMs: retryAtMs,
                reason,
                limit: budget?.limit ?? policy.requests,
                windowMs: policy.windowMs,
                maxConcurrency: policy.maxConcurrency,
            }));
        }
    }
    remove(q, waiter) {
        const index = q.waiters.indexOf(waiter);
        if (index >= 0)
            q.waiters.splice(index, 1);
        return index >= 0;
    }
    async sleep(q, ms) {
        const controller = new AbortController();
        q.wake = controller;
        try {
            await this.clock.sleep(ms, controller.signal);
        }
        catch {
            // Woken early: something changed (a release, a pause, a new waiter).
        }
        finally {
            q.wake = null;
        }
    }
    wake(q) {
        q.dirty = true;
        q.wake?.abort();
    }
}
exports.RateLimiter = RateLimiter;
