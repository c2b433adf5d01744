/**
 * The embedded connections store: one SQLite file beside n8n's own database (Node's built-in
 * `node:sqlite`, no native dependency). WAL mode and a busy timeout let several executions and
 * processes share it; the schema is versioned with `PRAGMA user_version` and migrated on open.
 * A file that cannot be opened, read or written gives a `ConnectionStoreError` naming the path and the
 * fix; the next call tries again, so moving a broken file aside needs no restart.
 */
import { chmodSync, existsSync, linkSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { pathToFileURL } from 'node:url';

import { LoggerProxy } from 'n8n-workflow';

import { settingsFromEnv, STORE_FILE_ENV } from '../settings';
import { ConnectionStoreError, DAY_MS, emptyUsage, hourOf, type ConnectionStore } from './store';
import type {
	AuditAction,
	AuditRecord,
	Binding,
	ConnectionRef,
	ConnectionRow,
	ErrorRecord,
	LogQuery,
	UsageBatch,
	UsageSummary,
} from './types';

export { STORE_FILE_ENV, STORE_FILE_NAME } from '../settings';

/**
 * `<N8N_USER_FOLDER or home>/.n8n/api-connections.sqlite`: the folder where n8n keeps `database.sqlite`
 * (n8n's `getN8nFolder`), unless `N8N_API_CONNECTIONS_SQLITE_FILE` names another file.
 */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
	return settingsFromEnv(env).storeFile;
}

/** Each entry moves the schema from version `index` to `index + 1`. Append only. */
const MIGRATIONS: string[] = [
	`
	CREATE TABLE bindings (
		workspace TEXT NOT NULL, family TEXT NOT NULL, credential_id TEXT NOT NULL,
		credential_type TEXT NOT NULL, credential_name TEXT NOT NULL,
		service_id TEXT NOT NULL, service_name TEXT NOT NULL, account_label TEXT NOT NULL,
		bound_at INTEGER NOT NULL, workflow_id TEXT, execution_id TEXT,
		PRIMARY KEY (workspace, family)
	);
	CREATE TABLE connections (
		workspace TEXT NOT NULL, family TEXT NOT NULL, credential_id TEXT NOT NULL,
		service_id TEXT NOT NULL, service_name TEXT NOT NULL, credential_type TEXT NOT NULL, credential_name TEXT NOT NULL,
		exclusive INTEGER NOT NULL DEFAULT 1,
		successes INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0,
		last_used_at INTEGER, last_status INTEGER, last_ok INTEGER, last_error TEXT, last_error_at INTEGER, token_expires_at INTEGER,
		PRIMARY KEY (workspace, family, credential_id)
	);
	CREATE TABLE usage_hourly (
		workspace TEXT NOT NULL, family TEXT NOT NULL, credential_id TEXT NOT NULL, hour INTEGER NOT NULL,
		calls INTEGER NOT NULL DEFAULT 0, successes INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0,
		PRIMARY KEY (workspace, family, credential_id, hour)
	);
	CREATE TABLE executions (
		workspace TEXT NOT NULL, family TEXT NOT NULL, credential_id TEXT NOT NULL, execution_id TEXT NOT NULL,
		workflow_id TEXT NOT NULL, at INTEGER NOT NULL,
		PRIMARY KEY (workspace, family, credential_id, workflow_id, execution_id)
	);
	CREATE TABLE error_log (
		id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,
		workspace TEXT NOT NULL, family TEXT NOT NULL, credential_id TEXT NOT NULL,
		service_name TEXT NOT NULL, connection TEXT NOT NULL, method TEXT NOT NULL, endpoint TEXT NOT NULL,
		status INTEGER, message TEXT NOT NULL, request_id TEXT, workflow_id TEXT, execution_id TEXT, node TEXT,
		item_index INTEGER, attempt INTEGER NOT NULL, max_attempts INTEGER NOT NULL, next_retry_s INTEGER, kind TEXT NOT NULL
	);
	CREATE INDEX error_log_by_time ON error_log (workspace, at);
	CREATE TABLE audit (
		id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,
		workspace TEXT NOT NULL, family TEXT NOT NULL, credential_id TEXT NOT NULL, action TEXT NOT NULL,
		service_name TEXT NOT NULL, credential_type TEXT, credential_name TEXT, account_label TEXT, detail TEXT,
		workflow_id TEXT, execution_id TEXT
	);
	CREATE INDEX audit_by_time ON audit (workspace, at);
	`,
	// 2: who and where of an audit entry (audit.ts).
	`
	ALTER TABLE audit ADD COLUMN actor TEXT;
	ALTER TABLE audit ADD COLUMN workflow_name TEXT;
	ALTER TABLE audit ADD COLUMN node TEXT;
	`,
	// 3, issue 13: the error log's Action (workflow name) and Record ID; the token's granted permissions.
	`
	ALTER TABLE error_log ADD COLUMN workflow_name TEXT;
	ALTER TABLE error_log ADD COLUMN record_id TEXT;
	ALTER TABLE connections ADD COLUMN scopes TEXT;
	`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** SQLite's files beside a WAL-mode database. */
const SIDECARS = ['-wal', '-shm'];

interface FileId {
	dev: bigint;
	ino: bigint;
}

function fileIdOf(path: string): FileId | undefined {
	try {
		const { dev, ino } = statSync(path, { bigint: true });
		return { dev, ino };
	} catch {
		return undefined;
	}
}

const sameFile = (a: FileId | undefined, b: FileId | undefined): boolean =>
	Boolean(a && b && a.dev === b.dev && a.ino === b.ino);

/** The store file was deleted or replaced under an open handle (retried on the file at the path). */
class StoreMoved extends Error {
	constructor() {
		super('the store file was replaced while it was open');
	}
}

/** How long counters and logs are kept. */
const RETENTION = {
	hourlyMs: 8 * DAY_MS,
	executionsMs: 2 * DAY_MS,
	errorsMs: 30 * DAY_MS,
	maxErrors: 10_000,
};

type Row = Record<string, unknown>;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const optStr = (v: unknown): string | undefined =>
	v === null || v === undefined ? undefined : String(v);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface SqliteStoreOptions {
	/** Busy timeout: how long a write waits for another process's transaction (ms). */
	busyTimeoutMs?: number;
}

export class SqliteConnectionStore implements ConnectionStore {
	private handle: DatabaseSync | undefined;
	/** Device and inode of the file `handle` has open. */
	private identity: FileId | undefined;
	/** The WAL and shared-memory files that were at the path when `handle` was opened. */
	private sidecars = new Map<string, FileId | undefined>();
	private lastPruneAt = 0;

	constructor(
		readonly location: string = defaultStorePath(),
		private readonly options: SqliteStoreOptions = {},
	) {}

	/**
	 * Opens (and creates or migrates) the file; throws `ConnectionStoreError`. An open handle is kept only
	 * while the path still names the file it opened: a store deleted or replaced under a running n8n is
	 * reopened at its path, so this process never writes where no other process (nor a restart) looks.
	 */
	open(): DatabaseSync {
		if (this.handle) {
			if (this.stillAtPath()) return this.handle;
			LoggerProxy.warn(
				`The connections store ${this.location} was deleted or replaced while n8n was running; it is reopened at that path. ` +
					'Bindings, usage and logs written to the old file since then are not in the new one.',
			);
			const ours = this.sidecars;
			this.drop();
			// Our WAL and index at the path belong to the file that is gone (SQLite could not checkpoint them
			// into it): left there, they would be replayed into the file now at the path. Another process's are kept.
			for (const [suffix, id] of ours)
				if (id && sameFile(fileIdOf(this.location + suffix), id))
					rmSync(this.location + suffix, { force: true });
		}
		let db: DatabaseSync | undefined;
		try {
			mkdirSync(dirname(this.location), { recursive: true });
			const { DatabaseSync: Database } = require('node:sqlite') as typeof import('node:sqlite');
			if (!existsSync(this.location)) this.create(Database);
			const file = statSync(this.location, { bigint: true });
			// SQLite would silently treat an empty file as a new database; ours are never empty (see `create`).
			if (file.size === 0n) throw this.emptyFileError();
			// `mode=rw`: never create a file here, so a path deleted just now fails instead of splitting the store.
			const url = pathToFileURL(this.location);
			url.searchParams.set('mode', 'rw');
			db = new Database(url);
			db.exec(
				`PRAGMA busy_timeout = ${Math.max(0, Math.floor(this.options.busyTimeoutMs ?? 5000))}`,
			);
			db.exec('PRAGMA journal_mode = WAL');
			db.exec('PRAGMA synchronous = NORMAL');
			this.migrate(db);
			try {
				// Names and counters only, but still nobody else's business.
				chmodSync(this.location, 0o600);
			} catch {
				// not ours to fix (e.g. a file owned by another user that we can still write)
			}
			this.identity = { dev: file.dev, ino: file.ino };
			// Replaced between the stat and the open: the handle may be the other file; start over next call.
			if (!this.stillAtPath()) throw new StoreMoved();
			this.sidecars = new Map(SIDECARS.map((suffix) => [suffix, fileIdOf(this.location + suffix)]));
			this.handle = db;
			return db;
		} catch (error) {
			this.identity = undefined;
			try {
				db?.close();
			} catch {
				// already unusable
			}
			throw this.describe(error);
		}
	}

	/**
	 * A new store is built under a temporary name and linked into place complete, so the path never holds
	 * a half-made (0-byte) file and two processes creating it at once end up sharing the same one.
	 */
	private create(Database: typeof import('node:sqlite').DatabaseSync): void {
		const temp = `${this.location}.${process.pid}.${Date.now()}.new`;
		try {
			const db = new Database(temp);
			try {
				db.exec('PRAGMA journal_mode = WAL');
				this.migrate(db);
			} finally {
				db.close();
			}
			chmodSync(temp, 0o600);
			// With no database at the path, a WAL or index there is an orphan of a deleted one: never replay it into ours.
			for (const suffix of SIDECARS) rmSync(this.location + suffix, { force: true });
			try {
				linkSync(temp, this.location);
			} catch (error) {
				// Another process linked its new store first: use that one.
				if ((error as { code?: string }).code !== 'EEXIST') throw this.describe(error);
			}
		} finally {
			rmSync(temp, { force: true });
		}
	}

	/** Whether the path still names the file this store opened (same device and inode). */
	private stillAtPath(): boolean {
		return sameFile(fileIdOf(this.location), this.identity);
	}

	/** Forget the open handle (a failed or stale one); the next call opens the path again. */
	private drop(): void {
		const db = this.handle;
		this.handle = undefined;
		this.identity = undefined;
		this.sidecars = new Map();
		try {
			db?.close();
		} catch {
			// already unusable
		}
	}

	private emptyFileError(): ConnectionStoreError {
		return new ConnectionStoreError(
			`The connections store ${this.location} is empty (0 bytes): it was truncated or its contents were lost, so the bindings, usage and audit history it held are gone.`,
			this.location,
			`Restore ${this.location} from a backup if you have one; otherwise delete the empty file, and a new store is created on the next run (each service type is then bound again to the first credential used).`,
		);
	}

	private migrate(db: DatabaseSync): void {
		const current = Number((db.prepare('PRAGMA user_version').get() as Row).user_version ?? 0);
		if (current > SCHEMA_VERSION) {
			throw new ConnectionStoreError(
				`The connections store ${this.location} was written by a newer version of n8n-nodes-api-connections (schema ${current}; this version knows ${SCHEMA_VERSION}).`,
				this.location,
				'Update the package to the newer version, or move the file aside; it will be recreated empty.',
			);
		}
		if (current === SCHEMA_VERSION) return;
		this.transaction(db, () => {
			// Re-read inside the write lock: another process may have migrated meanwhile.
			const inside = Number((db.prepare('PRAGMA user_version').get() as Row).user_version ?? 0);
			for (let v = inside; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
			db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
		});
	}

	/** A clear error for whatever SQLite or the file system said. */
	private describe(error: unknown): ConnectionStoreError {
		if (error instanceof ConnectionStoreError) return error;
		const e = error as { message?: string; errcode?: number; code?: string };
		// n8n swaps a message containing an errno code (EACCES, EEXIST…) for a generic sentence: keep only the words.
		const reason = String(e?.message ?? error).replace(/\bE[A-Z0-9_]{3,}\b:?\s*/g, '');
		const path = this.location;
		const primary = typeof e?.errcode === 'number' ? e.errcode & 0xff : undefined;
		if (e?.code === 'MODULE_NOT_FOUND' || e?.code === 'ERR_UNKNOWN_BUILTIN_MODULE') {
			return new ConnectionStoreError(
				`This Node.js (${process.version}) has no built-in SQLite (node:sqlite), which the connections store needs.`,
				path,
				'Run n8n on Node.js 24 (n8n 2.x requires it).',
			);
		}
		// 26 SQLITE_NOTADB, 11 SQLITE_CORRUPT
		if (primary === 26 || primary === 11 || /not a database|malformed/i.test(reason)) {
			return new ConnectionStoreError(
				`The connections store ${path} is damaged or not an SQLite database (${reason}).`,
				path,
				`Move it aside (e.g. rename it to ${path}.broken); it will be recreated empty on the next run. Bindings, usage and audit history in it are lost.`,
			);
		}
		// 8 SQLITE_READONLY, 14 SQLITE_CANTOPEN, 23 SQLITE_AUTH, 10 SQLITE_IOERR, and file-system errors
		if (
			primary === 8 ||
			primary === 14 ||
			primary === 10 ||
			primary === 23 ||
			['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST'].includes(String(e?.code))
		) {
			return new ConnectionStoreError(
				`The connections store ${path} cannot be opened for writing (${reason}).`,
				path,
				`Make ${dirname(path)} and the file writable for the user running n8n, or set ${STORE_FILE_ENV} to a writable file path.`,
			);
		}
		return new ConnectionStoreError(
			`The connections store ${path} failed (${reason}).`,
			path,
			`If this persists, move the file aside; it will be recreated empty. Or set ${STORE_FILE_ENV} to another file path.`,
		);
	}

	/**
	 * Runs `fn` on an open database; a failure closes the handle so the next call re-opens the file. A store
	 * found replaced inside a write transaction is reopened and `fn` runs once more, on the file at the path.
	 */
	private use<T>(fn: (db: DatabaseSync) => T): T {
		for (let attempt = 1; ; attempt++) {
			const db = this.open();
			try {
				return fn(db);
			} catch (error) {
				this.drop();
				if (error instanceof StoreMoved && attempt < 3) continue;
				throw this.describe(error);
			}
		}
	}

	/**
	 * A write transaction. IMMEDIATE takes the write lock up front: two processes never both read "unbound"
	 * and both insert. Under the lock, the path must still name this file, or the write would be lost.
	 */
	private transaction<T>(db: DatabaseSync, fn: () => T): T {
		db.exec('BEGIN IMMEDIATE');
		let committed = false;
		try {
			if (this.identity && !this.stillAtPath()) throw new StoreMoved();
			const out = fn();
			db.exec('COMMIT');
			committed = true;
			return out;
		} finally {
			if (!committed && db.isTransaction) db.exec('ROLLBACK');
		}
	}

	async getBinding(workspace: string, family: string): Promise<Binding | undefined> {
		return this.use((db) => {
			const row = db
				.prepare('SELECT * FROM bindings WHERE workspace = ? AND family = ?')
				.get(workspace, family) as Row | undefined;
			return row ? toBinding(row) : undefined;
		});
	}

	async claimBinding(binding: Binding): Promise<{ binding: Binding; created: boolean }> {
		return this.use((db) =>
			this.transaction(db, () => {
				const existing = db
					.prepare('SELECT * FROM bindings WHERE workspace = ? AND family = ?')
					.get(binding.workspace, binding.family) as Row | undefined;
				if (existing) return { binding: toBinding(existing), created: false };
				db.prepare(
					`INSERT INTO bindings (workspace, family, credential_id, credential_type, credential_name, service_id, service_name,
						account_label, bound_at, workflow_id, execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				).run(
					binding.workspace,
					binding.family,
					binding.credentialId,
					binding.credentialType,
					binding.credentialName,
					binding.serviceId,
					binding.serviceName,
					binding.accountLabel,
					binding.boundAt,
					binding.workflowId ?? null,
					binding.executionId ?? null,
				);
				return { binding: { ...binding }, created: true };
			}),
		);
	}

	async setAccountLabel(ref: ConnectionRef, label: string): Promise<void> {
		this.use((db) =>
			db
				.prepare(
					'UPDATE bindings SET account_label = ? WHERE workspace = ? AND family = ? AND credential_id = ?',
				)
				.run(label, ref.workspace, ref.family, ref.credentialId),
		);
	}

	async removeBinding(
		workspace: string,
		family: string,
		credentialId?: string,
	): Promise<Binding | undefined> {
		return this.use((db) =>
			this.transaction(db, () => {
				const row = db
					.prepare('SELECT * FROM bindings WHERE workspace = ? AND family = ?')
					.get(workspace, family) as Row | undefined;
				if (!row || (credentialId !== undefined && str(row.credential_id) !== credentialId))
					return undefined;
				db.prepare('DELETE FROM bindings WHERE workspace = ? AND family = ?').run(
					workspace,
					family,
				);
				return toBinding(row);
			}),
		);
	}

	async applyUsage(batch: UsageBatch): Promise<void> {
		if (
			!batch.hourly.length &&
			!batch.latest.length &&
			!batch.executions.length &&
			!batch.errors.length &&
			!batch.lastErrors.length
		)
			return;
		this.use((db) =>
			this.transaction(db, () => {
				const hourly = db.prepare(
					`INSERT INTO usage_hourly (workspace, family, credential_id, hour, calls, successes, failures) VALUES (?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (workspace, family, credential_id, hour) DO UPDATE SET
						calls = calls + excluded.calls, successes = successes + excluded.successes, failures = failures + excluded.failures`,
				);
				for (const h of batch.hourly)
					hourly.run(
						h.workspace,
						h.family,
						h.credentialId,
						h.hour,
						h.calls,
						h.successes,
						h.failures,
					);

				const latest = db.prepare(
					`INSERT INTO connections (workspace, family, credential_id, service_id, service_name, credential_type, credential_name, exclusive,
						successes, failures, last_used_at, last_status, last_ok, token_expires_at, scopes)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (workspace, family, credential_id) DO UPDATE SET
						service_id = excluded.service_id, service_name = excluded.service_name,
						credential_type = excluded.credential_type, credential_name = excluded.credential_name, exclusive = excluded.exclusive,
						successes = successes + excluded.successes, failures = failures + excluded.failures,
						last_used_at = MAX(COALESCE(last_used_at, 0), excluded.last_used_at),
						last_status = CASE WHEN excluded.last_used_at >= COALESCE(last_used_at, 0) THEN excluded.last_status ELSE last_status END,
						last_ok = CASE WHEN excluded.last_used_at >= COALESCE(last_used_at, 0) THEN excluded.last_ok ELSE last_ok END,
						token_expires_at = COALESCE(excluded.token_expires_at, token_expires_at),
						scopes = COALESCE(excluded.scopes, scopes)`,
				);
				for (const l of batch.latest) {
					latest.run(
						l.workspace,
						l.family,
						l.credentialId,
						l.serviceId,
						l.serviceName,
						l.credentialType,
						l.credentialName,
						l.exclusive ? 1 : 0,
						l.successes,
						l.failures,
						l.lastUsedAt,
						l.lastStatus,
						l.lastOk ? 1 : 0,
						l.tokenExpiresAt ?? null,
						l.scopes ?? null,
					);
				}

				const lastError = db.prepare(
					`UPDATE connections SET last_error = ?, last_error_at = ?
					WHERE workspace = ? AND family = ? AND credential_id = ? AND COALESCE(last_error_at, 0) <= ?`,
				);
				for (const e of batch.lastErrors)
					lastError.run(e.message, e.at, e.workspace, e.family, e.credentialId, e.at);

				const execution = db.prepare(
					`INSERT INTO executions (workspace, family, credential_id, execution_id, workflow_id, at) VALUES (?, ?, ?, ?, ?, ?)
					ON CONFLICT (workspace, family, credential_id, workflow_id, execution_id) DO UPDATE SET at = MAX(at, excluded.at)`,
				);
				for (const x of batch.executions)
					execution.run(x.workspace, x.family, x.credentialId, x.executionId, x.workflowId, x.at);

				const error = db.prepare(
					`INSERT INTO error_log (at, workspace, family, credential_id, service_name, connection, method, endpoint, status, message,
						request_id, workflow_id, execution_id, node, item_index, attempt, max_attempts, next_retry_s, kind, workflow_name, record_id)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				);
				for (const e of batch.errors) {
					error.run(
						e.at,
						e.workspace,
						e.family,
						e.credentialId,
						e.serviceName,
						e.connection,
						e.method,
						e.endpoint,
						e.status,
						e.message,
						e.requestId,
						e.workflowId ?? null,
						e.executionId ?? null,
						e.node ?? null,
						e.itemIndex ?? null,
						e.attempt,
						e.maxAttempts,
						e.nextRetryInSeconds,
						e.kind,
						e.workflowName ?? null,
						e.recordId ?? null,
					);
				}
				this.prune(db, batch);
			}),
		);
	}

	/** Drops expired counters and old log entries, at most once an hour of the data's own time. */
	private prune(db: DatabaseSync, batch: UsageBatch): void {
		const times = [...batch.latest.map((l) => l.lastUsedAt), ...batch.errors.map((e) => e.at)];
		const now = times.length ? Math.max(...times) : 0;
		if (now - this.lastPruneAt < 3_600_000) return;
		this.lastPruneAt = now;
		db.prepare('DELETE FROM usage_hourly WHERE hour < ?').run(now - RETENTION.hourlyMs);
		db.prepare('DELETE FROM executions WHERE at < ?').run(now - RETENTION.executionsMs);
		db.prepare('DELETE FROM error_log WHERE at < ?').run(now - RETENTION.errorsMs);
		db.prepare(
			'DELETE FROM error_log WHERE id <= (SELECT id FROM error_log ORDER BY id DESC LIMIT 1 OFFSET ?)',
		).run(RETENTION.maxErrors);
	}

	async usage(ref: ConnectionRef, nowMs: number): Promise<UsageSummary> {
		return this.use((db) => this.usageOf(db, ref, nowMs));
	}

	private usageOf(db: DatabaseSync, ref: ConnectionRef, nowMs: number): UsageSummary {
		const out = emptyUsage();
		// Hour buckets overlapping the last 24 h: the current hour plus the 23 before it.
		const since = Math.floor(nowMs / 3_600_000) * 3_600_000 - 23 * 3_600_000;
		const sums = db
			.prepare(
				`SELECT COALESCE(SUM(calls), 0) AS calls, COALESCE(SUM(successes), 0) AS successes, COALESCE(SUM(failures), 0) AS failures
				FROM usage_hourly WHERE workspace = ? AND family = ? AND credential_id = ? AND hour >= ? AND hour <= ?`,
			)
			.get(ref.workspace, ref.family, ref.credentialId, since, nowMs) as Row;
		out.calls24h = Number(sums.calls);
		out.successes24h = Number(sums.successes);
		out.failures24h = Number(sums.failures);
		const row = db
			.prepare('SELECT * FROM connections WHERE workspace = ? AND family = ? AND credential_id = ?')
			.get(ref.workspace, ref.family, ref.credentialId) as Row | undefined;
		if (row) {
			out.successesTotal = Number(row.successes);
			out.failuresTotal = Number(row.failures);
			out.lastUsedAt = num(row.last_used_at);
			out.lastStatus = num(row.last_status);
			out.lastOk =
				row.last_ok === null || row.last_ok === undefined ? null : Number(row.last_ok) === 1;
			out.lastError = optStr(row.last_error) ?? null;
			out.lastErrorAt = row.last_error ? num(row.last_error_at) : null;
			out.tokenExpiresAt = num(row.token_expires_at);
			out.grantedScopes = optStr(row.scopes) ?? null;
		}
		return out;
	}

	async listConnections(workspace: string, nowMs: number): Promise<ConnectionRow[]> {
		return this.use((db) => {
			const rows: ConnectionRow[] = [];
			const bindings = db
				.prepare('SELECT * FROM bindings WHERE workspace = ? ORDER BY family')
				.all(workspace) as Row[];
			for (const b of bindings.map(toBinding)) {
				const seen = db
					.prepare(
						'SELECT exclusive FROM connections WHERE workspace = ? AND family = ? AND credential_id = ?',
					)
					.get(workspace, b.family, b.credentialId) as Row | undefined;
				rows.push({
					workspace,
					family: b.family,
					credentialId: b.credentialId,
					serviceId: b.serviceId,
					serviceName: b.serviceName,
					credentialType: b.credentialType,
					credentialName: b.credentialName,
					accountLabel: b.accountLabel,
					boundAt: b.boundAt,
					exclusive: seen ? Number(seen.exclusive) === 1 : true,
					usage: this.usageOf(db, b, nowMs),
				});
			}
			const open = db
				.prepare(
					'SELECT * FROM connections WHERE workspace = ? AND exclusive = 0 ORDER BY family, credential_name',
				)
				.all(workspace) as Row[];
			for (const c of open) {
				const ref = { workspace, family: str(c.family), credentialId: str(c.credential_id) };
				rows.push({
					...ref,
					serviceId: str(c.service_id),
					serviceName: str(c.service_name),
					credentialType: str(c.credential_type),
					credentialName: str(c.credential_name),
					accountLabel: null,
					boundAt: null,
					exclusive: false,
					usage: this.usageOf(db, ref, nowMs),
				});
			}
			return rows;
		});
	}

	async recentExecutions(
		ref: ConnectionRef,
		sinceMs: number,
	): Promise<{ count: number; workflowIds: string[]; lastAt: number | null }> {
		return this.use((db) => {
			const rows = db
				.prepare(
					'SELECT workflow_id, at FROM executions WHERE workspace = ? AND family = ? AND credential_id = ? AND at >= ? ORDER BY at DESC',
				)
				.all(ref.workspace, ref.family, ref.credentialId, sinceMs) as Row[];
			return {
				count: rows.length,
				workflowIds: [...new Set(rows.map((r) => str(r.workflow_id)))],
				lastAt: rows.length ? Number(rows[0].at) : null,
			};
		});
	}

	async addAudit(r: AuditRecord): Promise<void> {
		this.use((db) =>
			db
				.prepare(
					`INSERT INTO audit (at, workspace, family, credential_id, action, service_name, credential_type, credential_name, account_label,
						detail, workflow_id, execution_id, actor, workflow_name, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				)
				.run(
					r.at,
					r.workspace,
					r.family,
					r.credentialId,
					r.action,
					r.serviceName,
					r.credentialType ?? null,
					r.credentialName ?? null,
					r.accountLabel ?? null,
					r.detail ?? null,
					r.workflowId ?? null,
					r.executionId ?? null,
					r.actor ?? null,
					r.workflowName ?? null,
					r.node ?? null,
				),
		);
	}

	async pruneAudit(workspace: string, beforeMs: number): Promise<number> {
		return this.use((db) =>
			Number(
				db.prepare('DELETE FROM audit WHERE workspace = ? AND at < ?').run(workspace, beforeMs)
					.changes,
			),
		);
	}

	async hourlyUsage(
		ref: ConnectionRef,
		sinceMs: number,
		untilMs: number,
	): Promise<Array<{ hour: number; calls: number; successes: number; failures: number }>> {
		return this.use((db) =>
			(
				db
					.prepare(
						`SELECT hour, calls, successes, failures FROM usage_hourly
						WHERE workspace = ? AND family = ? AND credential_id = ? AND hour >= ? AND hour <= ? ORDER BY hour`,
					)
					.all(ref.workspace, ref.family, ref.credentialId, hourOf(sinceMs), untilMs) as Row[]
			).map((r) => ({
				hour: Number(r.hour),
				calls: Number(r.calls),
				successes: Number(r.successes),
				failures: Number(r.failures),
			})),
		);
	}

	async queryAudit(q: LogQuery): Promise<AuditRecord[]> {
		return this.use((db) => this.query(db, 'audit', q).map(toAudit));
	}

	async queryErrors(q: LogQuery): Promise<ErrorRecord[]> {
		return this.use((db) => this.query(db, 'error_log', q).map(toError));
	}

	private query(db: DatabaseSync, table: 'audit' | 'error_log', q: LogQuery): Row[] {
		const where = ['workspace = ?'];
		const args: SQLInputValue[] = [q.workspace];
		if (q.families?.length) {
			where.push(`family IN (${q.families.map(() => '?').join(', ')})`);
			args.push(...q.families);
		}
		if (q.sinceMs !== undefined) {
			where.push('at >= ?');
			args.push(q.sinceMs);
		}
		if (q.untilMs !== undefined) {
			where.push('at <= ?');
			args.push(q.untilMs);
		}
		if (table === 'audit' && q.actions?.length) {
			where.push(`action IN (${q.actions.map(() => '?').join(', ')})`);
			args.push(...q.actions);
		}
		if (table === 'audit' && q.actor?.trim()) {
			// Same test as auditMatches: the actor or the workflow's name contains the text.
			where.push("instr(lower(COALESCE(actor, '') || ' ' || COALESCE(workflow_name, '')), ?) > 0");
			args.push(q.actor.trim().toLowerCase());
		}
		const limit = q.limit && q.limit > 0 ? Math.floor(q.limit) : 1000;
		return db
			.prepare(
				`SELECT * FROM ${table} WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT ${limit}`,
			)
			.all(...args) as Row[];
	}

	async close(): Promise<void> {
		this.drop();
	}
}

function toBinding(row: Row): Binding {
	return {
		workspace: str(row.workspace),
		family: str(row.family),
		credentialId: str(row.credential_id),
		credentialType: str(row.credential_type),
		credentialName: str(row.credential_name),
		serviceId: str(row.service_id),
		serviceName: str(row.service_name),
		accountLabel: str(row.account_label),
		boundAt: Number(row.bound_at),
		workflowId: optStr(row.workflow_id),
		executionId: optStr(row.execution_id),
	};
}

function toAudit(row: Row): AuditRecord {
	const out: AuditRecord = {
		id: Number(row.id),
		at: Number(row.at),
		workspace: str(row.workspace),
		family: str(row.family),
		credentialId: str(row.credential_id),
		action: str(row.action) as AuditAction,
		serviceName: str(row.service_name),
	};
	for (const [key, column] of [
		['credentialType', 'credential_type'],
		['credentialName', 'credential_name'],
		['accountLabel', 'account_label'],
		['detail', 'detail'],
		['workflowId', 'workflow_id'],
		['executionId', 'execution_id'],
		['actor', 'actor'],
		['workflowName', 'workflow_name'],
		['node', 'node'],
	] as const) {
		const value = optStr(row[column]);
		if (value !== undefined) out[key] = value;
	}
	return out;
}

function toError(row: Row): ErrorRecord {
	const out: ErrorRecord = {
		id: Number(row.id),
		at: Number(row.at),
		workspace: str(row.workspace),
		family: str(row.family),
		credentialId: str(row.credential_id),
		serviceName: str(row.service_name),
		connection: str(row.connection),
		method: str(row.method),
		endpoint: str(row.endpoint),
		status: num(row.status),
		message: str(row.message),
		requestId: optStr(row.request_id) ?? null,
		attempt: Number(row.attempt),
		maxAttempts: Number(row.max_attempts),
		nextRetryInSeconds: num(row.next_retry_s),
		kind: str(row.kind),
	};
	const workflowId = optStr(row.workflow_id);
	const executionId = optStr(row.execution_id);
	const node = optStr(row.node);
	if (workflowId !== undefined) out.workflowId = workflowId;
	if (executionId !== undefined) out.executionId = executionId;
	if (node !== undefined) out.node = node;
	const workflowName = optStr(row.workflow_name);
	if (workflowName !== undefined) out.workflowName = workflowName;
	const recordId = optStr(row.record_id);
	if (recordId !== undefined) out.recordId = recordId;
	if (row.item_index !== null && row.item_index !== undefined)
		out.itemIndex = Number(row.item_index);
	return out;
}
