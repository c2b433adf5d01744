export { parseRetryAfter, parseHttpDate } from './retry-after';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
export {
	classifyNetworkError,
	type NetworkErrorClass,
	type NetworkErrorKind,
} from './network-error';
export {
	decideRetry,
	isIdempotent,
	IDEMPOTENT_METHODS,
	type RetryDecision,
	type RetryInput,
	type RetryOutcome,
} from './decide';
export {
	endpointOf,
	formatAttemptLine,
	formatErrorLogEntry,
	requestIdFrom,
	retrySeconds,
	REQUEST_ID_HEADERS,
	type ErrorLogEntry,
	type ErrorLogKind,
} from './error-log';
export { formatDuration, isoSeconds } from './duration';
