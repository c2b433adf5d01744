"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MemoryBudgetStore = void 0;
/** A process-local `BudgetStore`. */
class MemoryBudgetStore {
    states = new Map();
    async tryAcquire(key, policy, nowMs) {
        const s = this.state(key, policy, nowMs);
        if (nowMs < s.pausedUntilMs)
            return { granted: false, reason: 'paused', retryAtMs: s.pausedUntilMs };
        if (policy.maxConcurrency !== undefined && s.inFlight >= policy.maxConcurrency) {
            return { granted: false, reason: 'concurrency', retryAtMs: null };
        }
        const nextSlotAtMs = nextSlot(s, policy, nowMs);
        if (nextSlotAtMs !== null)
            return { granted: false, reason: 'window', retryAtMs: nextSlotAtMs };
        s.seq++;
        if (s.window)
            s.window.ours++;
        else if (policy.burst !== undefined) {
            s.tokens -= 1;
            s.grants.push({ seq: s.seq, tokens: s.tokens, corrected: s.corrected });
            if (s.grants.length > MAX_TRACKED_GRANTS)
                s.grants.shift();
        }
        s.log.push(nowMs);
        s.inFlight++;
        return { granted: true, seq: s.seq };
    }
    async observe(key, policy, obs, nowMs) {
        const s = this.state(key, policy, nowMs);
        if (obs.pauseUntilMs !== undefined)
            s.pausedUntilMs = Math.max(s.pausedUntilMs, obs.pauseUntilMs);
        if (obs.remaining === undefined)
            return;
        // Grants made after the observed request may not have reached the server yet: count them as still to come.
        const after = obs.seq === undefined ? 0 : Math.max(0, s.seq - obs.seq);
        if (obs.resetAtMs !== undefined) {
            // A reset already past belongs to an earlier window: its remaining no longer applies.
            if (obs.resetAtMs <= nowMs)
                return;
            const w = s.window;
            const tolerance = Math.min(1000, policy.windowMs / 4);
            if (!w) {
                s.window = { endMs: obs.resetAtMs, limit: obs.limit ?? policy.requests, ours: s.log.length, external: 0, assumed: false };
            }
            else if (w.assumed || obs.resetAtMs > w.endMs + tolerance) {
                w.endMs = obs.resetAtMs;
                w.assumed = false;
            }
            else if (obs.resetAtMs < w.endMs - tolerance) {
                return;
            }
            else {
                // Delta-second resets drift by a second between answers: keep the later, safer end.
                w.endMs = Math.max(w.endMs, obs.resetAtMs);
            }
        }
        if (s.window) {
            const w = s.window;
            if (obs.limit !== undefined)
                w.limit = obs.limit;
            w.external = Math.max(w.external, w.limit - obs.remaining - Math.max(0, w.ours - after));
        }
        else if (policy.burst !== undefined) {
            // The bucket refills between the server's count and our reading of it: compare the report with
            // what we expected right after that grant, and remove only the difference others caused.
            const grant = s.grants.find((g) => g.seq === obs.seq);
            if (!grant) {
                s.tokens = Math.min(s.tokens, obs.remaining - after);
                return;
            }
            const deficit = Math.floor(grant.tokens + 1e-9) - obs.remaining - (s.corrected - grant.corrected);
            if (deficit > 0) {
                s.tokens -= deficit;
                s.corrected += deficit;
            }
        }
        else {
            const wanted = policy.requests - obs.remaining - Math.max(0, s.log.length - after);
            while (s.phantoms.length < wanted)
                s.phantoms.push(nowMs);
        }
    }
    async release(key) {
        const s = this.states.get(key);
        if (s)
            s.inFlight = Math.max(0, s.inFlight - 1);
    }
    async pauseUntil(key, atMs) {
        const s = this.states.get(key) ?? this.fresh();
        this.states.set(key, s);
        s.pausedUntilMs = Math.max(s.pausedUntilMs, atMs);
    }
    async snapshot(key, policy, nowMs) {
        if (!this.states.has(key))
            return null;
        const s = this.state(key, policy, nowMs);
        const mode = s.window ? 'window' : policy.burst !== undefined ? 'bucket' : 'sliding';
        let limit = policy.requests;
        let remaining;
        let resetAtMs;
        if (s.window) {
            limit = s.window.limit;
            remaining = limit - s.window.ours - s.window.external;
            resetAtMs = s.window.endMs;
        }
        else if (policy.burst !== undefined) {
            remaining = Math.floor(s.tokens);
            const missing = policy.burst - s.tokens;
            resetAtMs = missing > 0 ? nowMs + Math.ceil(missing / rate(policy)) : null;
        }
        else {
            const used = [...s.log, ...s.phantoms];
            remaining = policy.requests - used.length;
            resetAtMs = used.length > 0 ? Math.max(...used) + policy.windowMs : null;
        }
        return {
            mode,
            limit,
            windowMs: policy.windowMs,
            remaining: Math.max(0, remaining),
            nextSlotAtMs: nextSlot(s, policy, nowMs),
            resetAtMs,
            pausedUntilMs: s.pausedUntilMs > nowMs ? s.pausedUntilMs : null,
            inFlight: s.inFlight,
            granted: s.seq,
        };
    }
    fresh() {
        return { seq: 0, inFlight: 0, pausedUntilMs: 0, log: [], phantoms: [], tokens: Infinity, tokensAtMs: 0, grants: [], corrected: 0, window: null };
    }
    /** The key's state brought forward to `nowMs`: old grants aged out, bucket refilled, window rolled. */
    state(key, policy, nowMs) {
        let s = this.states.get(key);
        if (!s) {
            s = this.fresh();
            this.states.set(key, s);
        }
        const since = nowMs - policy.windowMs;
        while (s.log.length > 0 && s.log[0] <= since)
            s.log.shift();
        while (s.phantoms.length > 0 && s.phantoms[0] <= since)
            s.phantoms.shift();
        if (policy.burst !== undefined) {
            s.tokens = Math.min(policy.burst, s.tokens + (nowMs - s.tokensAtMs) * rate(policy));
            s.tokensAtMs = nowMs;
        }
        const w = s.window;
        if (w && nowMs >= w.endMs) {
            // The server's window is over: assume the next one is as long, until an answer says otherwise.
            w.endMs += (Math.floor((nowMs - w.endMs) / policy.windowMs) + 1) * policy.windowMs;
            w.ours = 0;
            w.external = 0;
            w.assumed = true;
        }
        return s;
    }
}
exports.MemoryBudgetStore = MemoryBudgetStore;
const MAX_TRACKED_GRANTS = 1000;
function rate(policy) {
    return policy.requests / policy.windowMs;
}
/** When the next request may start by budget alone (null: now). Expects a state already brought forward. */
function nextSlot(s, policy, nowMs) {
    if (s.window)
        return s.window.ours + s.window.external >= s.window.limit ? s.window.endMs : null;
    if (policy.burst !== undefined) {
        // A hair of tolerance so float refill (0.9999999 tokens) does not cost an extra round trip.
        return s.tokens >= 1 - 1e-9 ? null : nowMs + Math.ceil((1 - s.tokens) / rate(policy));
    }
    const capacity = Math.max(1, policy.requests);
    if (s.log.length + s.phantoms.length < capacity)
        return null;
    const used = [...s.log, ...s.phantoms].sort((a, b) => a - b);
    return used[used.length - capacity] + policy.windowMs;
}
