"use strict";
/**
 * A service's rate-limit policy: pure, JSON-serialisable data that a service spec embeds. It says how
 * much the service allows, how the server reports what is left, and which answers mean "throttled".
 * The limiter, the header parser and the throttle classifier read it; nothing here names a service.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.STANDARD_HEADER_RULES = void 0;
/** The header families most servers use, with the reset unit guessed per value. */
exports.STANDARD_HEADER_RULES = [
    { format: 'fields', limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset', resetUnit: 'auto' },
    { format: 'fields', limit: 'x-rate-limit-limit', remaining: 'x-rate-limit-remaining', reset: 'x-rate-limit-reset', resetUnit: 'auto' },
    { format: 'fields', limit: 'ratelimit-limit', remaining: 'ratelimit-remaining', reset: 'ratelimit-reset', resetUnit: 'auto' },
    { format: 'ietf' },
];
