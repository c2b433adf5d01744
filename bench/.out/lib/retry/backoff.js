"use strict";
/** Exponential backoff with full jitter (AWS "Exponential Backoff And Jitter"): spreads retries of many clients. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_BACKOFF = void 0;
exports.backoffDelay = backoffDelay;
exports.DEFAULT_BACKOFF = { baseMs: 1000, capMs: 30_000 };
/** Delay before retry number `attempt` (1-based): uniform in [0, min(cap, base·2^(attempt-1))). */
function backoffDelay(attempt, options = exports.DEFAULT_BACKOFF, random = Math.random) {
    const exponent = Math.max(0, Math.floor(attempt) - 1);
    const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
    return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}
