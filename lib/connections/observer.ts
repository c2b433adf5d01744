/**
 * The connections features as one request observer, composed of three parts, each in its own file:
 * the workspace rule (workspace-rule.ts), the token keeper (token-keeper.ts) and the usage log
 * (usage-log.ts). Before a request: a failed usage write is reported, another credential's binding stops
 * the request, an expiring token is refreshed, then the credential binds the workspace. After each
 * attempt the usage log counts it; every retry and final error goes to the error log.
 *
 * Requests the connections features send themselves (the account "who am I" call, Test, revoke) run
 * inside `runInternal`, which this observer recognises, so it never recurses into its own rule.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { systemClock, type Clock } from '../limits/clock';
import { settingsFromEnv, type Settings } from '../settings';
import type { ErrorLogEntry } from '../retry/error-log';
import type { Engine } from '../transport/engine';
import type { AttemptResult, RequestEvent, RequestObserver } from '../transport/observer';
import { pruneAuditHourly } from './audit';
import { ServiceCatalog, type ConnectionServiceInfo } from './catalog';
import {
	credentialOf,
	isInternalRequest,
	type ConnectionsCore,
	type ConnectionsObserverOptions,
	type CredentialRef,
} from './common';
import { ConnectionStoreError, type ConnectionStore } from './store';
import { TokenKeeper } from './token-keeper';
import type { AuditRecord, ConnectionRef } from './types';
import type { UsageRecorder } from './usage';
import { UsageLog } from './usage-log';
import { resolveWorkspace, type Workspace } from './workspace';
import { ProjectWorkspaces } from './workspace-project';
import { WorkspaceRule } from './workspace-rule';

export {
	runInternal,
	isInternalRequest,
	credentialOf,
	tokenExpiryOf,
	type ConnectionsObserverOptions,
	type CredentialRef,
} from './common';
export { REFRESH_MARGIN_ENV, DEFAULT_REFRESH_MARGIN_MS } from './token-keeper';

export class ConnectionsObserver implements RequestObserver, ConnectionsCore {
	readonly log: UsageLog;
	readonly rule: WorkspaceRule;
	readonly tokens: TokenKeeper;
	/** The workflow's n8n project as its workspace (with an n8n API key). */
	readonly projects = new ProjectWorkspaces(
		() => this.settings(),
		() => this.now(),
	);
	private storeInstance: ConnectionStore | undefined;
	private runtimeClock: Clock = systemClock;
	private runtimeCatalog = new ServiceCatalog();
	private runtimeSettings: () => Settings = () => settingsFromEnv();

	constructor(readonly options: ConnectionsObserverOptions) {
		this.rule = new WorkspaceRule(this);
		this.log = new UsageLog(
			this,
			(id) => this.tokens.expiryOf(id),
			(id) => this.tokens.scopesOf(id),
		);
		this.tokens = new TokenKeeper(this, this.log);
	}

	/** The usage and error-log writer (buffered; `flush` and `close` write what is pending). */
	get usage(): UsageRecorder {
		return this.log.recorder;
	}

	/** The store, opened on first use; throws `ConnectionStoreError` with the path and the fix. */
	store(): ConnectionStore {
		if (!this.storeInstance) {
			const s = this.options.store;
			this.storeInstance = typeof s === 'function' ? s() : s;
		}
		return this.storeInstance;
	}

	settings(): Settings {
		return this.options.env ? settingsFromEnv(this.options.env) : this.runtimeSettings();
	}

	now(): number {
		return (this.options.clock ?? this.runtimeClock).now();
	}

	attach(parts: { clock: Clock; catalog?: ServiceCatalog; settings?: () => Settings }): void {
		this.runtimeClock = parts.clock;
		if (parts.catalog) this.runtimeCatalog = parts.catalog;
		if (parts.settings) this.runtimeSettings = parts.settings;
	}

	/** The services of the runtime that composed this observer (empty until one does). */
	get catalog(): ServiceCatalog {
		return this.runtimeCatalog;
	}

	get refreshMarginMs(): number {
		return this.tokens.refreshMarginMs;
	}

	/** The workspace of a run; its n8n project once `prepareWorkspace` has read it. */
	workspace(fn: Pick<IExecuteFunctions, 'getInstanceId' | 'getWorkflow'>): Workspace {
		return resolveWorkspace(
			fn,
			this.settings().workspace,
			this.projects.cached(fn.getWorkflow().id),
		);
	}

	/** Read the workflow's n8n project (once per workflow, cached) before anything uses the workspace. */
	async prepareWorkspace(engine: Engine, fn: IExecuteFunctions, itemIndex = 0): Promise<Workspace> {
		await this.projects.prepare(engine, fn, itemIndex);
		return this.workspace(fn);
	}

	/** Nothing to check (a request of ours, or without a credential) returns at once, without a promise. */
	beforeRequest(event: RequestEvent): Promise<void> | void {
		if (isInternalRequest() || !event.credentialType) return;
		const cred = credentialOf(event.fn, event.credentialType);
		if (!cred) return;
		return this.checkBefore(event, cred);
	}

	private async checkBefore(
		event: RequestEvent,
		cred: NonNullable<ReturnType<typeof credentialOf>>,
	): Promise<void> {
		this.log.reportFlushFailure(event);
		await this.projects.prepare(event.engine, event.fn, event.itemIndex);
		const info = this.catalog.get(event.serviceId);
		if (!(info?.exclusive ?? true) || this.options.enforceWorkspaceRule === false) {
			await this.tokens.refreshIfExpiring(event, cred);
			return;
		}
		const ws = this.workspace(event.fn);
		try {
			const existing = await this.rule.check(event, ws, cred, info);
			// A credential whose expired token cannot be refreshed fails here, before it binds anything.
			await this.tokens.refreshIfExpiring(event, cred);
			await this.rule.claim(event, ws, cred, info, existing);
		} catch (error) {
			throw this.nodeError(event, error);
		}
	}

	afterAttempt(event: RequestEvent, result: AttemptResult): void {
		this.log.afterAttempt(event, result);
	}

	onLog(event: RequestEvent, entry: ErrorLogEntry): void {
		this.log.onLog(event, entry);
	}

	/** Write pending usage, then close the store (tests, shutdown). */
	async close(): Promise<void> {
		await this.usage.close();
		await this.storeInstance?.close();
		this.storeInstance = undefined;
	}

	/** Audit entry; a store failure here is not worth failing the operation that caused it. */
	async audit(record: AuditRecord): Promise<void> {
		try {
			await this.store().addAudit(record);
			await pruneAuditHourly(this, record.workspace);
		} catch {
			// reported by the next store read
		}
	}

	refOf(event: RequestEvent, cred: CredentialRef): ConnectionRef {
		return { workspace: this.workspace(event.fn).key, family: event.family, credentialId: cred.id };
	}

	/** The "who am I" request of the spec (see the workspace rule). */
	async fetchAccountLabel(
		engine: Engine,
		fn: IExecuteFunctions,
		itemIndex: number,
		cred: CredentialRef,
		info: ConnectionServiceInfo,
	): Promise<string | undefined> {
		return await this.rule.fetchAccountLabel(engine, fn, itemIndex, cred, info);
	}

	/** Renew a long-lived token now (the Connections node's Refresh). */
	async renewNow(
		engine: Engine,
		fn: IExecuteFunctions,
		itemIndex: number,
		cred: CredentialRef,
		info: ConnectionServiceInfo,
	): Promise<{ previous: number | null; expiresAt: number | null }> {
		return await this.tokens.renewNow(engine, fn, itemIndex, cred, info);
	}

	/** Refresh an OAuth2 token through n8n now, and audit it. */
	async refresh(
		fn: IExecuteFunctions,
		itemIndex: number,
		cred: CredentialRef,
		family: string,
		serviceName: string,
		previousExpiry: number | null,
		reason: 'proactive' | 'manual',
	): Promise<void> {
		await this.tokens.refresh(fn, itemIndex, cred, family, serviceName, previousExpiry, reason);
	}

	/** The warning shown by Get Status for a token that will expire because nobody can renew it, else null. */
	renewalWarning(
		info: ConnectionServiceInfo | undefined,
		credentialName: string,
		tokenExpiresAt: number | null,
	): string | null {
		return this.tokens.renewalWarning(info, credentialName, tokenExpiresAt);
	}

	private nodeError(event: RequestEvent, error: unknown): Error {
		if (error instanceof ConnectionStoreError) {
			return new NodeOperationError(event.fn.getNode(), error.message, {
				itemIndex: event.itemIndex,
				description: error.fix,
			});
		}
		return error as Error;
	}
}
