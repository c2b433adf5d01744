"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.getEngine = getEngine;
exports.configureEngine = configureEngine;
const clock_1 = require("./limits/clock");
const limiter_1 = require("./limits/limiter");
const response_cache_1 = require("./cache/response-cache");
function create(options = {}) {
    const clock = options.clock ?? clock_1.systemClock;
    return {
        clock,
        limiter: new limiter_1.RateLimiter({ clock, store: options.store }),
        random: options.random ?? Math.random,
        observers: options.observers ?? [],
        cache: options.cache ?? new response_cache_1.MemoryResponseCache(),
    };
}
let current = create();
function getEngine() {
    return current;
}
/** Replace the engine (tests; later the queue-mode store). Returns the new engine. */
function configureEngine(options = {}) {
    current = create(options);
    return current;
}
