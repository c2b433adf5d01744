/** Connections: the workspace rule, proactive token refresh, usage, error log and audit trail, and their store. */
export * from './types';
export {
	ConnectionStoreError,
	hourOf,
	emptyUsage,
	HOUR_MS,
	DAY_MS,
	type ConnectionStore,
} from './store';
export {
	SqliteConnectionStore,
	defaultStorePath,
	SCHEMA_VERSION,
	STORE_FILE_ENV,
	STORE_FILE_NAME,
	type SqliteStoreOptions,
} from './sqlite-store';
export {
	catalogEntry,
	ServiceCatalog,
	dailyLimit,
	describeLimit,
	type ConnectionServiceInfo,
} from './catalog';
export { resolveWorkspace, WORKSPACE_ENV, type Workspace } from './workspace';
export { UsageRecorder, type UsageRecorderOptions } from './usage';
export {
	ENV_N8N_API_ACCESS,
	N8N_API_URL_ENV,
	DEFAULT_N8N_API_URL,
	n8nApiSettings,
	renewableExpiryOf,
	renewAndSave,
	renewalFailureOf,
	storableFields,
	type N8nApiSettings,
	type RenewalContext,
	type RenewalFailure,
	type RenewedToken,
} from './renewal';
export {
	ConnectionsObserver,
	runInternal,
	isInternalRequest,
	credentialOf,
	tokenExpiryOf,
	REFRESH_MARGIN_ENV,
	DEFAULT_REFRESH_MARGIN_MS,
	type ConnectionsObserverOptions,
	type CredentialRef,
} from './observer';
export {
	type ConnectionsRuntime,
	statusOf,
	dashboardEntry,
	disconnectedEntry,
	connectionStatus,
	testConnection,
	refreshConnection,
	revokeAtProvider,
	disconnect,
	errorLog,
	auditLog,
	type DashboardEntry,
	type TestResult,
	type DisconnectResult,
	type LogFilter,
} from './manage';
export { AUDIT_RETENTION_ENV, DEFAULT_AUDIT_RETENTION_DAYS } from '../settings';
export { auditContext, auditMatches, pruneAuditHourly, type AuditWhoWhere } from './audit';
export {
	runMonitor,
	renewalMarginMs,
	DEFAULT_MONITOR_OPTIONS,
	type AttentionItem,
	type AttentionReason,
	type HeldCredential,
	type MonitorContext,
	type MonitorOptions,
	type MonitorState,
	type N8nCredentialMeta,
	type SubscriptionRenewal,
} from './monitor';
export {
	pollMonitor,
	heldCredentials,
	listN8nCredentials,
	registerSubscriptionRenewal,
	clearSubscriptionRenewals,
} from './monitor-run';
