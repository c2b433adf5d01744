/**
 * Usage counters without a write per request: attempts and error-log entries are summed in memory
 * (per connection and hour) and written in one transaction when `maxPending` accumulate, `flushIntervalMs`
 * after the first pending one, before any read of the store in this process, and on process exit
 * (SQLite writes are synchronous, so the exit handler really writes). A failing store never throws
 * from here: the batch is dropped, but never silently: n8n's log says at once what was lost and why, and
 * the next item the engine outputs carries the same report in its metadata (`connectionsStore`).
 */
import { LoggerProxy, type IDataObject } from 'n8n-workflow';

import { ConnectionStoreError, hourOf, type ConnectionStore } from './store';
import type { ConnectionRef, ErrorRecord, UsageBatch, UsageSample } from './types';

/** What failed writes to the store lost, until an item reports it. */
export interface LostWrites extends IDataObject {
	/** Requests whose usage counts were not saved. */
	requests: number;
	/** Error-log entries not saved. */
	errorLogEntries: number;
	/** The cause and the fix. */
	message: string;
}

function lostMessage(lost: { requests: number; errorLogEntries: number }, error: Error): string {
	const fix = error instanceof ConnectionStoreError ? ` ${error.fix}` : '';
	return `The connections store could not save the usage of ${lost.requests} request(s) and ${lost.errorLogEntries} error-log entr${lost.errorLogEntries === 1 ? 'y' : 'ies'}; they are lost. ${error.message}${fix}`;
}

/** Reports waiting for the next item each node run outputs (keyed by its execute functions). */
const unreported = new WeakMap<object, LostWrites>();

/** Attach a loss to the next items the node run `fn` outputs. */
export function noteLostWrites(fn: object, lost: LostWrites): void {
	const before = unreported.get(fn);
	unreported.set(
		fn,
		before
			? {
					...lost,
					requests: before.requests + lost.requests,
					errorLogEntries: before.errorLogEntries + lost.errorLogEntries,
				}
			: lost,
	);
}

/** The loss to report in the metadata of the items `fn` outputs now, once. */
export function takeLostWrites(fn: object): LostWrites | undefined {
	const lost = unreported.get(fn);
	unreported.delete(fn);
	return lost;
}

export interface UsageRecorderOptions {
	/** Flush this long after the first unwritten sample (ms, default 1000). */
	flushIntervalMs?: number;
	/** Flush at once when this many samples and entries wait (default 200). */
	maxPending?: number;
	/** Flush on process exit (default true). */
	flushOnExit?: boolean;
}

type Latest = UsageBatch['latest'][number];

const keyOf = (r: ConnectionRef) => `${r.workspace}\u0000${r.family}\u0000${r.credentialId}`;

export class UsageRecorder {
	private hourly = new Map<string, UsageBatch['hourly'][number]>();
	private latest = new Map<string, Latest>();
	private executions = new Map<string, UsageBatch['executions'][number]>();
	private errors: ErrorRecord[] = [];
	private lastErrors = new Map<string, UsageBatch['lastErrors'][number]>();
	private pending = 0;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private exitHook: (() => void) | undefined;
	/** The last failure to write, until a write succeeds again. */
	lastError: Error | undefined;
	/** What failed writes lost since `takeLost` was last called. */
	private lost: LostWrites | undefined;

	constructor(
		private readonly store: () => ConnectionStore,
		private readonly options: UsageRecorderOptions = {},
	) {}

	/** Count one attempt. `tokenExpiresAt` is the credential's access-token expiry, when known. */
	record(sample: UsageSample, tokenExpiresAt?: number | null, scopes?: string | null): void {
		const key = keyOf(sample);
		const hour = hourOf(sample.at);
		const hk = `${key}\u0000${hour}`;
		const h = this.hourly.get(hk) ?? {
			workspace: sample.workspace,
			family: sample.family,
			credentialId: sample.credentialId,
			hour,
			calls: 0,
			successes: 0,
			failures: 0,
		};
		h.calls++;
		if (sample.ok) h.successes++;
		else h.failures++;
		this.hourly.set(hk, h);

		const prev = this.latest.get(key);
		const l: Latest = prev ?? {
			workspace: sample.workspace,
			family: sample.family,
			credentialId: sample.credentialId,
			serviceId: sample.serviceId,
			serviceName: sample.serviceName,
			credentialType: sample.credentialType,
			credentialName: sample.credentialName,
			exclusive: sample.exclusive,
			successes: 0,
			failures: 0,
			lastUsedAt: sample.at,
			lastStatus: sample.status,
			lastOk: sample.ok,
		};
		if (sample.ok) l.successes++;
		else l.failures++;
		if (sample.at >= l.lastUsedAt) {
			l.lastUsedAt = sample.at;
			l.lastStatus = sample.status;
			l.lastOk = sample.ok;
			l.serviceName = sample.serviceName;
			l.credentialName = sample.credentialName;
		}
		if (tokenExpiresAt !== undefined && tokenExpiresAt !== null) l.tokenExpiresAt = tokenExpiresAt;
		if (scopes !== undefined && scopes !== null) l.scopes = scopes;
		this.latest.set(key, l);

		if (sample.executionId) {
			const ek = `${key}\u0000${sample.workflowId ?? ''}\u0000${sample.executionId}`;
			const e = this.executions.get(ek);
			if (!e || e.at < sample.at) {
				this.executions.set(ek, {
					workspace: sample.workspace,
					family: sample.family,
					credentialId: sample.credentialId,
					executionId: sample.executionId,
					workflowId: sample.workflowId ?? '',
					at: sample.at,
				});
			}
		}
		this.bump();
	}

	/** Keep an error-log entry; a final one becomes the connection's last error. */
	logError(entry: ErrorRecord): void {
		this.errors.push(entry);
		if (entry.kind === 'final') {
			const key = keyOf(entry);
			const prev = this.lastErrors.get(key);
			if (!prev || prev.at <= entry.at) {
				this.lastErrors.set(key, {
					workspace: entry.workspace,
					family: entry.family,
					credentialId: entry.credentialId,
					at: entry.at,
					message: entry.message,
				});
			}
		}
		this.bump();
	}

	/** Writes everything pending in one transaction. Never throws. */
	async flush(): Promise<void> {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = undefined;
		}
		const batch = this.take();
		if (!batch) return;
		try {
			await this.store().applyUsage(batch);
			this.lastError = undefined;
		} catch (error) {
			// Counters are best effort: a broken store must not grow memory or fail a workflow here, but the loss is told.
			this.lastError = error as Error;
			const now = {
				requests: batch.hourly.reduce((n, h) => n + h.calls, 0),
				errorLogEntries: batch.errors.length,
			};
			LoggerProxy.warn(lostMessage(now, error as Error));
			const total = {
				requests: (this.lost?.requests ?? 0) + now.requests,
				errorLogEntries: (this.lost?.errorLogEntries ?? 0) + now.errorLogEntries,
			};
			this.lost = { ...total, message: lostMessage(total, error as Error) };
		}
	}

	/** What failed writes lost since the last call (for an item's metadata), once. */
	takeLost(): LostWrites | undefined {
		const lost = this.lost;
		this.lost = undefined;
		return lost;
	}

	/** Stops the timer and the exit hook (tests, shutdown); pending data is flushed first. */
	async close(): Promise<void> {
		await this.flush();
		if (this.exitHook) process.removeListener('exit', this.exitHook);
		this.exitHook = undefined;
	}

	get pendingCount(): number {
		return this.pending;
	}

	private take(): UsageBatch | undefined {
		if (this.pending === 0) return undefined;
		const batch: UsageBatch = {
			hourly: [...this.hourly.values()],
			latest: [...this.latest.values()],
			executions: [...this.executions.values()],
			errors: this.errors,
			lastErrors: [...this.lastErrors.values()],
		};
		this.hourly = new Map();
		this.latest = new Map();
		this.executions = new Map();
		this.errors = [];
		this.lastErrors = new Map();
		this.pending = 0;
		return batch;
	}

	private bump(): void {
		this.pending++;
		if (this.options.flushOnExit !== false && !this.exitHook) {
			this.exitHook = () => void this.flush();
			process.once('exit', this.exitHook);
		}
		if (this.pending >= (this.options.maxPending ?? 200)) {
			void this.flush();
			return;
		}
		if (!this.timer) {
			this.timer = setTimeout(() => void this.flush(), this.options.flushIntervalMs ?? 1000);
			// Pending counters must never keep n8n (or a test run) alive.
			this.timer.unref?.();
		}
	}
}
