/**
 * The connections store: bindings, usage, error log and audit trail. Embedded SQLite by default
 * (`SqliteConnectionStore`); the interface is asynchronous so a shared store (Redis, queue mode) can
 * implement it too.
 */
import type {
	AuditRecord,
	Binding,
	ConnectionRef,
	ConnectionRow,
	ErrorRecord,
	LogQuery,
	UsageBatch,
	UsageSummary,
} from './types';

export interface ConnectionStore {
	/** Where the data lives (a file path, a Redis URL), for messages. */
	readonly location: string;

	getBinding(workspace: string, family: string): Promise<Binding | undefined>;
	/**
	 * Bind the workspace's service type to this credential unless it already is bound: atomic, so of two
	 * executions binding different credentials at once exactly one wins. Returns the binding in force.
	 */
	claimBinding(binding: Binding): Promise<{ binding: Binding; created: boolean }>;
	setAccountLabel(ref: ConnectionRef, label: string): Promise<void>;
	/** Remove the binding (only if it still names `credentialId`, when given); returns what was removed. */
	removeBinding(
		workspace: string,
		family: string,
		credentialId?: string,
	): Promise<Binding | undefined>;

	applyUsage(batch: UsageBatch): Promise<void>;
	usage(ref: ConnectionRef, nowMs: number): Promise<UsageSummary>;
	/** Bound connections and non-exclusive ones that were used, with their usage. */
	listConnections(workspace: string, nowMs: number): Promise<ConnectionRow[]>;
	/** Distinct executions that used the connection since `sinceMs`. */
	recentExecutions(
		ref: ConnectionRef,
		sinceMs: number,
	): Promise<{ count: number; workflowIds: string[]; lastAt: number | null }>;

	/** Hour buckets of a connection's attempts in [sinceMs, untilMs] (the monitor's baseline), oldest first. */
	hourlyUsage(
		ref: ConnectionRef,
		sinceMs: number,
		untilMs: number,
	): Promise<Array<{ hour: number; calls: number; successes: number; failures: number }>>;

	addAudit(record: AuditRecord): Promise<void>;
	/** Drop the workspace's audit entries older than `beforeMs` (the retention setting); returns how many. */
	pruneAudit(workspace: string, beforeMs: number): Promise<number>;
	queryAudit(query: LogQuery): Promise<AuditRecord[]>;
	queryErrors(query: LogQuery): Promise<ErrorRecord[]>;

	close(): Promise<void>;
}

/** The store cannot be used; the message names the file and the fix. Never thrown past a node. */
export class ConnectionStoreError extends Error {
	constructor(
		message: string,
		readonly location: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'ConnectionStoreError';
	}
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Start of the hour bucket `at` falls in. */
export function hourOf(at: number): number {
	return Math.floor(at / HOUR_MS) * HOUR_MS;
}

export function emptyUsage(): UsageSummary {
	return {
		calls24h: 0,
		successes24h: 0,
		failures24h: 0,
		successesTotal: 0,
		failuresTotal: 0,
		lastUsedAt: null,
		lastStatus: null,
		lastOk: null,
		lastError: null,
		lastErrorAt: null,
		tokenExpiresAt: null,
		grantedScopes: null,
	};
}
