export * from './policy';
export { getHeader, jsonBody, type HttpHeaders, type ResponseObservation } from './observation';
export { parseRateLimitHeaders, parseResetValue, type RateLimitReading } from './headers';
export { classifyResponse, isThrottled, type ResponseClass } from './throttle';
export { systemClock, type Clock } from './clock';
export {
	MemoryBudgetStore,
	type AcquireResult,
	type BudgetObservation,
	type BudgetSnapshot,
	type BudgetStore,
	type DenyReason,
} from './store';
export {
	limitKeyId,
	RateLimiter,
	RateLimitWaitError,
	type AcquireOptions,
	type LimitKey,
	type Permit,
	type RateLimiterOptions,
	type RateLimitStats,
	type RateLimitWaitDetails,
} from './limiter';
export {
	learnedLimit,
	MemoryLearnedLimitStore,
	UNDECLARED_LIMIT,
	type LearnedLimit,
	type LearnedLimitStore,
	type LearnedState,
} from './learned';
