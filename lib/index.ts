/**
 * The engine's public API. (The zod spec schema, `spec/schema.ts`, is test-time only and not exported:
 * zod is a dev dependency.)
 */
export * from './spec/types';
export { identityOf } from './spec/identity';
export { buildDescription, fieldFor, type NodeLook } from './builder/description';
export { executeSpec, readParams, toRequest, coerce } from './builder/execute';
export * from './auth/kinds';
export { openTarget, type RequestTarget } from './execution/target';
export { forEachItem, toItems, asNodeError, type ItemResult } from './execution/items';
export { engineOptionFields, readEngineSettings } from './execution/options';
export { responseToItems, wrap, type ResponseShape } from './execution/response';
export * from './transport/types';
export { send, toHttpOptions, outcomeOfError, DEFAULT_SETTINGS } from './transport/pipeline';
export {
	createRuntime,
	processRuntime,
	useRuntime,
	defaultConnectionsObserver,
	type Runtime,
	type RuntimeOptions,
} from './runtime';
export type { Engine } from './transport/engine';
export { settingsFromEnv, SettingsError, type Settings } from './settings';
export {
	EngineError,
	failedStatus,
	type ErrorReport,
	type FailureKind,
} from './transport/engine-error';
export { httpError, networkError, toN8nError, toNodeError } from './execution/n8n-error';
export type { RequestEvent, RequestObserver, AttemptResult } from './transport/observer';
export * from './limits';
export * from './retry';
export type {
	ServiceIdentity,
	EngineSettings,
	CallContext,
	AttemptOutcome,
} from './transport/pipeline';
export { paginate, nextLink, type PageOptions } from './transport/paginate';
export { readPath, readPathAll, writePath, pathProblem } from './transport/path';
export {
	buildUrl,
	fillPath,
	joinUrl,
	encodePathSegment,
	resolveBaseUrl,
	toQueryString,
	toFormBody,
	placeholders,
	UrlBuildError,
} from './transport/url';
export { encodeRestli, restliQueryString, type RestliValue } from './transport/restli';
export { makeRedactor, secretsOf, redactError, REDACTED, type Redactor } from './transport/redact';
export {
	httpErrorReport,
	networkErrorReport,
	reportedErrorReport,
	explain,
	serverMessage,
	serverField,
	type FailureContext,
} from './transport/errors';
export { buildMultipart, type MultipartFile, type MultipartValue } from './transport/multipart';
export * from './webhooks';
export * from './connections';
export * from './triggers';
export {
	redisSettingsFromEnv,
	isQueueMode,
	REDIS_URL_ENV,
	type RedisSettings,
} from './redis/settings';
export { RedisConnection, RedisUnavailableError } from './redis/client';
export { RedisBudgetStore } from './limits/redis-store';
export { RedisResponseCache } from './cache/redis-cache';
export { RedisConnectionStore } from './connections/redis-store';
export { rewriteOrigin, ORIGIN_MAP_ENV } from './transport/origin-map';
