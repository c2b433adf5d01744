/**
 * The connections observer sits in front of every engine request. Before a request it enforces the
 * workspace rule (the first credential used for a service type binds the workspace; another credential
 * of that type fails before anything is sent) and refreshes OAuth2 access tokens that expire within the
 * margin. After each attempt it counts usage; every retry and final error goes to the error log.
 *
 * Requests the connections features send themselves (the account "who am I" call, Test, revoke) run
 * inside `runInternal`, which this observer recognises, so it never recurses into its own rule.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import { NodeOperationError, type ICredentialDataDecryptedObject, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { systemClock, type Clock } from '../limits/clock';
import type { ErrorLogEntry } from '../retry/error-log';
import { identityOf } from '../spec/identity';
import { getPath } from '../transport/paginate';
import type { Engine } from '../transport/engine';
import type { AttemptResult, RequestEvent, RequestObserver } from '../transport/observer';
import { DEFAULT_SETTINGS, send } from '../transport/pipeline';
import { makeRedactor, secretsOf } from '../transport/redact';
import { resolveBaseUrl } from '../transport/url';
import { serviceInfo, type ConnectionServiceInfo } from './catalog';
import { ConnectionStoreError, type ConnectionStore } from './store';
import {
	ENV_N8N_API_ACCESS,
	expiredMessage,
	missingKeyWarning,
	n8nApiSettings,
	refusedMessage,
	renewAndSave,
	renewalFailureOf,
	renewableExpiryOf,
	saveFailedMessage,
} from './renewal';
import type { AuditRecord, Binding, ConnectionRef, TokenRenewalSpec } from './types';
import { noteLostWrites, UsageRecorder, type UsageRecorderOptions } from './usage';
import { resolveWorkspace, type Workspace } from './workspace';

/** Operator setting: refresh OAuth2 access tokens this many seconds before they expire (default 300). */
export const REFRESH_MARGIN_ENV = 'N8N_API_CONNECTIONS_REFRESH_MARGIN_SECONDS';
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

const internal = new AsyncLocalStorage<boolean>();

/** Pause after a failed renewal or save (the old token is valid for days: no need to ask on every request). */
const RENEWAL_RETRY_MS = 3_600_000;

/** Run requests the connections features send themselves; the observer lets them through untouched. */
export async function runInternal<T>(fn: () => Promise<T>): Promise<T> {
	return await internal.run(true, fn);
}

export function isInternalRequest(): boolean {
	return internal.getStore() === true;
}

export interface ConnectionsObserverOptions {
	/** The store, or a factory called on first use (the runtime picks Redis in queue mode, else SQLite). */
	store: ConnectionStore | (() => ConnectionStore);
	/** Default: the clock of the runtime that composed this observer. */
	clock?: Clock;
	/** Default: `N8N_API_CONNECTIONS_REFRESH_MARGIN_SECONDS`, else 5 minutes. */
	refreshMarginMs?: number;
	/** Default true. */
	enforceWorkspaceRule?: boolean;
	/** Default true. */
	proactiveRefresh?: boolean;
	usage?: UsageRecorderOptions;
	/** Environment to read settings from (tests). */
	env?: NodeJS.ProcessEnv;
}

/** The credential of a request as the node names it. */
export interface CredentialRef {
	type: string;
	/** n8n credential id, else `name:<name>`. */
	id: string;
	name: string;
}

export function credentialOf(fn: Pick<IExecuteFunctions, 'getNode'>, type: string): CredentialRef | undefined {
	const details = fn.getNode().credentials?.[type];
	if (!details) return undefined;
	return { type, id: details.id ? String(details.id) : `name:${details.name}`, name: details.name };
}

/** Expiry of an OAuth2 credential's access token (n8n's `oauthTokenData.n8n_expires_at`), or null. */
export function tokenExpiryOf(data: IDataObject | undefined): number | null {
	const token = data?.oauthTokenData;
	if (!token || typeof token !== 'object') return null;
	const at = Number((token as IDataObject).n8n_expires_at);
	return Number.isFinite(at) && at > 0 ? at : null;
}

function canRefresh(data: IDataObject): boolean {
	const token = data.oauthTokenData as IDataObject | undefined;
	return data.grantType === 'clientCredentials' || Boolean(token && typeof token.refresh_token === 'string' && token.refresh_token);
}

export class ConnectionsObserver implements RequestObserver {
	readonly usage: UsageRecorder;
	private storeInstance: ConnectionStore | undefined;
	private readonly binding = new Map<string, Promise<Binding>>();
	private readonly refreshing = new Map<string, Promise<void>>();
	private readonly tokenExpiry = new Map<string, number | null>();
	/** Tokens renewed by this process: n8n may hand the same execution the data it read before the save. */
	private readonly renewed = new Map<string, { from: string; executionId: string; expiresAt: number | null }>();
	/** When each credential was last warned about a renewal it cannot do (once a day is enough). */
	private readonly warnedAt = new Map<string, number>();
	/** Tokens the provider refused to renew, with the message (asking again cannot help). */
	private readonly refusedTokens = new Map<string, string>();
	/** After a failed renewal or save, the next attempt waits until then. */
	private readonly renewalRetryAt = new Map<string, number>();
	/** Tokens of unknown expiry this process exchanged (or the provider refused to): each is tried once. */
	private readonly exchanged = new Set<string>();

	private runtimeClock: Clock = systemClock;

	constructor(private readonly options: ConnectionsObserverOptions) {
		this.usage = new UsageRecorder(() => this.store(), options.usage);
	}

	/** The store, opened on first use; throws `ConnectionStoreError` with the path and the fix. */
	store(): ConnectionStore {
		if (!this.storeInstance) {
			const s = this.options.store;
			this.storeInstance = typeof s === 'function' ? s() : s;
		}
		return this.storeInstance;
	}

	get env(): NodeJS.ProcessEnv {
		return this.options.env ?? process.env;
	}

	now(): number {
		return (this.options.clock ?? this.runtimeClock).now();
	}

	attach(parts: { clock: Clock }): void {
		this.runtimeClock = parts.clock;
	}

	get refreshMarginMs(): number {
		if (this.options.refreshMarginMs !== undefined) return this.options.refreshMarginMs;
		const seconds = Number(this.env[REFRESH_MARGIN_ENV]);
		return this.env[REFRESH_MARGIN_ENV] && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_REFRESH_MARGIN_MS;
	}

	workspace(fn: Pick<IExecuteFunctions, 'getInstanceId'>): Workspace {
		return resolveWorkspace(fn, this.env);
	}

	async beforeRequest(event: RequestEvent): Promise<void> {
		if (isInternalRequest() || !event.credentialType) return;
		const cred = credentialOf(event.fn, event.credentialType);
		if (!cred) return;
		this.reportFlushFailure(event);
		const info = serviceInfo(event.serviceId);
		if (!(info?.exclusive ?? true) || this.options.enforceWorkspaceRule === false) {
			await this.refreshIfExpiring(event, cred);
			return;
		}
		const ws = this.workspace(event.fn);
		try {
			// Another credential's binding stops the request before anything (even a token refresh) is sent.
			const existing = await this.currentBinding(ws, event.family);
			if (existing && existing.credentialId !== cred.id) throw this.ruleError(event, ws, cred, existing, info);
			// A credential whose expired token cannot be refreshed fails here, before it binds anything.
			await this.refreshIfExpiring(event, cred);
			if (existing) return;
			const binding = await this.ensureBinding(event, ws, cred, info);
			if (binding.credentialId !== cred.id) throw this.ruleError(event, ws, cred, binding, info);
		} catch (error) {
			throw this.nodeError(event, error);
		}
	}

	afterAttempt(event: RequestEvent, result: AttemptResult): void {
		try {
			if (result.cached || !event.credentialType) return;
			const cred = credentialOf(event.fn, event.credentialType);
			if (!cred) return;
			const info = serviceInfo(event.serviceId);
			this.usage.record(
				{
					...this.refOf(event, cred),
					at: this.now(),
					serviceId: event.serviceId,
					serviceName: event.serviceName,
					credentialType: cred.type,
					credentialName: cred.name,
					exclusive: info?.exclusive ?? true,
					ok: result.ok,
					status: result.status,
					workflowId: event.fn.getWorkflow().id,
					executionId: event.fn.getExecutionId(),
				},
				this.tokenExpiry.get(cred.id),
			);
		} catch {
			// Statistics never fail a request.
		}
	}

	onLog(event: RequestEvent, entry: ErrorLogEntry): void {
		try {
			if (!event.credentialType) return;
			const cred = credentialOf(event.fn, event.credentialType);
			if (!cred) return;
			this.usage.logError({
				...this.refOf(event, cred),
				at: Date.parse(entry.timestamp) || this.now(),
				serviceName: entry.service,
				connection: entry.connection || cred.name,
				method: entry.method,
				endpoint: entry.endpoint,
				status: entry.status,
				message: entry.message,
				requestId: entry.requestId,
				workflowId: entry.workflowId,
				executionId: entry.executionId,
				node: entry.node,
				itemIndex: entry.itemIndex,
				attempt: entry.attempt,
				maxAttempts: entry.maxAttempts,
				nextRetryInSeconds: entry.nextRetryInSeconds,
				kind: entry.kind,
			});
		} catch {
			// The log is best effort; the error itself reaches the user through the node.
		}
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
		} catch {
			// reported by the next store read
		}
	}

	refOf(event: RequestEvent, cred: CredentialRef): ConnectionRef {
		return { workspace: this.workspace(event.fn).key, family: event.family, credentialId: cred.id };
	}

	/** The binding in force (waiting for one this process is making), or undefined. */
	private async currentBinding(ws: Workspace, family: string): Promise<Binding | undefined> {
		const key = `${ws.key}\u0000${family}`;
		const inFlight = this.binding.get(key);
		if (inFlight) return await inFlight;
		const existing = await this.store().getBinding(ws.key, family);
		// Another execution of this process may have started binding meanwhile: its result (with the account label) counts.
		const started = this.binding.get(key);
		return started ? await started : existing;
	}

	/** Bind this credential unless the service type is bound already; returns the binding in force. */
	private async ensureBinding(event: RequestEvent, ws: Workspace, cred: CredentialRef, info: ConnectionServiceInfo | undefined): Promise<Binding> {
		const key = `${ws.key}\u0000${event.family}`;
		const inFlight = this.binding.get(key);
		if (inFlight) return await inFlight;
		const work = this.bind(event, ws, cred, info);
		this.binding.set(key, work);
		try {
			return await work;
		} finally {
			if (this.binding.get(key) === work) this.binding.delete(key);
		}
	}

	private async bind(event: RequestEvent, ws: Workspace, cred: CredentialRef, info: ConnectionServiceInfo | undefined): Promise<Binding> {
		const workflowId = event.fn.getWorkflow().id;
		const executionId = event.fn.getExecutionId();
		// Claim first (atomically), so a losing execution never sends even the account request.
		const { binding, created } = await this.store().claimBinding({
			workspace: ws.key,
			family: event.family,
			credentialId: cred.id,
			credentialType: cred.type,
			credentialName: cred.name,
			serviceId: event.serviceId,
			serviceName: info?.familyName ?? event.serviceName,
			accountLabel: cred.name,
			boundAt: this.now(),
			workflowId,
			executionId,
		});
		if (!created) return binding;
		let detail = `first used by workflow ${workflowId ?? '(unsaved)'}`;
		if (info?.account) {
			try {
				const label = await this.fetchAccountLabel(event.engine, event.fn, event.itemIndex, cred, info);
				if (label) {
					binding.accountLabel = label;
					await this.store().setAccountLabel(binding, label);
				}
			} catch (error) {
				detail += `; account name unavailable (${(error as Error).message}), the credential name is shown instead`;
			}
		}
		await this.audit({
			at: this.now(),
			workspace: ws.key,
			family: event.family,
			credentialId: cred.id,
			action: 'bound',
			serviceName: binding.serviceName,
			credentialType: cred.type,
			credentialName: cred.name,
			accountLabel: binding.accountLabel,
			detail,
			workflowId,
			executionId,
		});
		return binding;
	}

	/** The "who am I" request of the spec, through the engine (rate limit, retries), marked internal. */
	async fetchAccountLabel(engine: Engine, fn: IExecuteFunctions, itemIndex: number, cred: CredentialRef, info: ConnectionServiceInfo): Promise<string | undefined> {
		if (!info.account) return undefined;
		const data = (await fn.getCredentials(cred.type, itemIndex)) as IDataObject;
		const redact = makeRedactor(secretsOf(data));
		const res = await runInternal(
			async () =>
				await send(
					{ engine, fn, itemIndex, service: identityOf(info.spec), credentialType: cred.type, redact, settings: { ...DEFAULT_SETTINGS, maxAttempts: 2, timeoutMs: 15_000 } },
					{ method: 'GET', baseUrl: resolveBaseUrl(info.baseUrl, data), path: info.account!.path, responseFormat: 'json', idempotent: true },
				),
		);
		const value = getPath(res.body, info.account.labelPath);
		return typeof value === 'string' || typeof value === 'number' ? redact(String(value)) : undefined;
	}

	/** Refresh the OAuth2 access token if it expires within the margin (one refresh per credential at a time). */
	private async refreshIfExpiring(event: RequestEvent, cred: CredentialRef): Promise<void> {
		if (this.options.proactiveRefresh === false) return;
		// Keys, Basic and bearer credentials have nothing to refresh: do not read them twice per request.
		const kind = serviceInfo(event.serviceId)?.auth.find((a) => a.credentialType === cred.type)?.kind;
		if (kind && kind !== 'oauth2') return;
		let data: ICredentialDataDecryptedObject;
		try {
			data = await event.fn.getCredentials(cred.type, event.itemIndex);
		} catch {
			return; // the request itself reports an unreadable credential
		}
		const renewal = serviceInfo(event.serviceId)?.tokenRenewal;
		if (renewal && !canRefresh(data)) {
			await this.renewIfExpiring(event, cred, data, renewal);
			return;
		}
		const expiresAt = tokenExpiryOf(data);
		this.tokenExpiry.set(cred.id, expiresAt);
		if (expiresAt === null || expiresAt - this.now() > this.refreshMarginMs || !canRefresh(data)) return;
		let work = this.refreshing.get(cred.id);
		if (!work) {
			work = this.refresh(event.fn, event.itemIndex, cred, event.family, event.serviceName, expiresAt, 'proactive');
			this.refreshing.set(cred.id, work);
			void work.finally(() => this.refreshing.delete(cred.id)).catch(() => {});
		}
		try {
			await work;
		} catch (error) {
			// Still valid for a while: let the request go and try again next time.
			if (expiresAt > this.now()) {
				event.fn.logger?.warn?.(`Proactive token refresh of credential "${cred.name}" failed; the token is still valid. ${(error as Error).message}`);
				return;
			}
			const message = `The ${event.serviceName} access token of credential "${cred.name}" expired and could not be refreshed: ${(error as Error).message}`;
			this.logEntry(event, cred, message, 'final');
			throw new NodeOperationError(event.fn.getNode(), message, {
				itemIndex: event.itemIndex,
				description: `Open the credential "${cred.name}" in n8n and reconnect it (the provider no longer accepts its refresh token), then run the workflow again.`,
			});
		}
	}

	/**
	 * A long-lived token without a refresh token, renewed at the provider's own endpoint within the spec's
	 * margin and saved back through n8n's public API. Without an API key it only warns; an expired or
	 * refused token fails before sending, naming the credential to reconnect.
	 */
	private async renewIfExpiring(event: RequestEvent, cred: CredentialRef, data: ICredentialDataDecryptedObject, spec: TokenRenewalSpec): Promise<void> {
		const token = (data.oauthTokenData as IDataObject | undefined)?.access_token;
		let expiresAt = renewableExpiryOf(data);
		const known = this.renewed.get(cred.id);
		if (known && known.from === token && known.executionId === event.fn.getExecutionId()) expiresAt = known.expiresAt;
		this.tokenExpiry.set(cred.id, expiresAt);
		if (expiresAt === null) {
			if (spec.exchange && typeof token === 'string' && token) await this.exchangeOnce(event, cred, data, spec, token);
			return;
		}
		const now = this.now();
		if (expiresAt - now > spec.marginMs) return;
		if (expiresAt <= now) this.failRenewal(event, cred, expiredMessage(cred.name, expiresAt));
		const api = n8nApiSettings(event.fn, this.env);
		if (!api.apiKey) {
			this.warnOnce(event, cred, missingKeyWarning(cred.name, expiresAt));
			return;
		}
		if (cred.id.startsWith('name:')) {
			// n8n's API needs the credential id, which this node does not carry (an unsaved or imported workflow).
			this.warnOnce(event, cred, `${missingKeyWarning(cred.name, expiresAt)} (The node names the credential without its id, so it cannot be saved: open the node and select the credential again.)`);
			return;
		}
		const apiKey = api.apiKey;
		// A token the provider refused stays refused; after a failed save or an outage, wait before asking again.
		const refused = typeof token === 'string' ? this.refusedTokens.get(token) : undefined;
		if (refused) this.failRenewal(event, cred, refused);
		if ((this.renewalRetryAt.get(cred.id) ?? 0) > now) return;
		let work = this.refreshing.get(cred.id);
		if (!work) {
			work = this.renew(event.engine, event.fn, event.itemIndex, serviceInfo(event.serviceId)!, cred, data, { ...api, apiKey }, expiresAt, 'proactive').then(() => undefined);
			this.refreshing.set(cred.id, work);
			void work.finally(() => this.refreshing.delete(cred.id)).catch(() => {});
		}
		try {
			await work;
		} catch (error) {
			const failure = renewalFailureOf(error);
			if (failure === 'refused') {
				const message = refusedMessage(cred.name, expiresAt, (error as Error).message);
				if (typeof token === 'string') this.refusedTokens.set(token, message);
				this.failRenewal(event, cred, message);
			}
			// The old token is still valid: the request goes, and renewal is tried again after a pause.
			if (!this.renewalRetryAt.has(cred.id) || (this.renewalRetryAt.get(cred.id) ?? 0) <= now) this.renewalRetryAt.set(cred.id, now + RENEWAL_RETRY_MS);
			else return;
			const message =
				failure === 'save'
					? saveFailedMessage(cred.name, (error as Error).message)
					: `Renewing the token of credential '${cred.name}' failed; the token is still valid until ${new Date(expiresAt).toISOString()} and renewal is tried again in an hour. ${(error as Error).message}`;
			this.logEntry(event, cred, message, 'warning');
			event.fn.logger?.warn?.(message);
		}
	}

	/**
	 * A token of unknown expiry (a short-lived login token) is exchanged for a long-lived one, once per token:
	 * a refusal (it may be long-lived already) is logged, and the request goes either way.
	 */
	private async exchangeOnce(event: RequestEvent, cred: CredentialRef, data: ICredentialDataDecryptedObject, spec: TokenRenewalSpec, token: string): Promise<void> {
		const api = n8nApiSettings(event.fn, this.env);
		if (!api.apiKey || cred.id.startsWith('name:')) {
			this.warnOnce(
				event,
				cred,
				`${cred.name}'s token has no known expiry: if it is a short-lived login token it stops working soon. Set ${ENV_N8N_API_ACCESS} (an n8n API key allowed to update credentials) so it is exchanged for a long-lived token and renewed automatically.`,
			);
			return;
		}
		if (this.exchanged.has(token)) return;
		this.exchanged.add(token);
		const info = serviceInfo(event.serviceId)!;
		const exchange: TokenRenewalSpec = { ...spec.exchange!, marginMs: spec.marginMs };
		let work = this.refreshing.get(cred.id);
		if (!work) {
			work = this.renew(event.engine, event.fn, event.itemIndex, { ...info, tokenRenewal: exchange }, cred, data, { ...api, apiKey: api.apiKey }, null, 'exchange').then(() => undefined);
			this.refreshing.set(cred.id, work);
			void work.finally(() => this.refreshing.delete(cred.id)).catch(() => {});
		}
		try {
			await work;
		} catch (error) {
			const failure = renewalFailureOf(error);
			if (failure !== 'refused') this.exchanged.delete(token);
			const message =
				failure === 'save'
					? saveFailedMessage(cred.name, (error as Error).message)
					: `The token of credential '${cred.name}' has no known expiry and could not be exchanged for a long-lived one (${(error as Error).message.replace(/[.\s]+$/, '')}). If requests start failing, reconnect the credential.`;
			this.logEntry(event, cred, message, 'warning');
			event.fn.logger?.warn?.(message);
		}
	}

	/** Renew now (the Connections node's Refresh): the same exchange and save, errors thrown as they are. */
	async renewNow(engine: Engine, fn: IExecuteFunctions, itemIndex: number, cred: CredentialRef, info: ConnectionServiceInfo): Promise<{ previous: number | null; expiresAt: number | null }> {
		const data = await fn.getCredentials(cred.type, itemIndex);
		const previous = renewableExpiryOf(data);
		if (previous !== null && previous <= this.now()) throw new NodeOperationError(fn.getNode(), expiredMessage(cred.name, previous), { itemIndex });
		const api = n8nApiSettings(fn, this.env);
		if (!api.apiKey || cred.id.startsWith('name:')) {
			throw new NodeOperationError(
				fn.getNode(),
				api.apiKey
					? `The token of credential '${cred.name}' cannot be saved: the node names the credential without its id. Open the node and select the credential again.`
					: `The token of credential '${cred.name}' can be renewed only when ${ENV_N8N_API_ACCESS} is set (an n8n API key allowed to update credentials), so the new token can be saved.`,
				{ itemIndex },
			);
		}
		try {
			const result = await this.renew(engine, fn, itemIndex, info, cred, data, { ...api, apiKey: api.apiKey }, previous, 'manual');
			return { previous, expiresAt: result };
		} catch (error) {
			const failure = renewalFailureOf(error);
			const message = (error as Error).message;
			throw new NodeOperationError(
				fn.getNode(),
				failure === 'refused' ? refusedMessage(cred.name, previous ?? this.now(), message) : failure === 'save' ? saveFailedMessage(cred.name, message) : message,
				{ itemIndex },
			);
		}
	}

	private async renew(
		engine: Engine,
		fn: IExecuteFunctions,
		itemIndex: number,
		info: ConnectionServiceInfo,
		cred: CredentialRef,
		data: ICredentialDataDecryptedObject,
		api: { url: string; apiKey: string },
		previousExpiry: number | null,
		reason: 'proactive' | 'manual' | 'exchange',
	): Promise<number | null> {
		const result = await renewAndSave({
			engine,
			fn,
			itemIndex,
			info,
			spec: info.tokenRenewal!,
			credentialId: cred.id,
			credentialType: cred.type,
			credentialName: cred.name,
			data,
			api,
			now: () => this.now(),
			internal: runInternal,
		});
		const from = (data.oauthTokenData as IDataObject | undefined)?.access_token;
		if (typeof from === 'string') this.renewed.set(cred.id, { from, executionId: fn.getExecutionId(), expiresAt: result.expiresAt });
		this.tokenExpiry.set(cred.id, result.expiresAt);
		const now = this.now();
		const was = previousExpiry === null ? '' : `, ${Math.round((previousExpiry - now) / 1000)} s before the old token expired`;
		await this.audit({
			at: now,
			workspace: this.workspace(fn).key,
			family: info.family,
			credentialId: cred.id,
			action: 'refreshed',
			serviceName: info.familyName,
			credentialType: cred.type,
			credentialName: cred.name,
			detail: `${reason === 'exchange' ? 'exchanged short-lived token for a' : reason === 'manual' ? 'manual renewal of' : 'renewed'} long-lived token${was}; new token valid until ${
				result.expiresAt === null ? 'unknown' : new Date(result.expiresAt).toISOString()
			}`,
			workflowId: fn.getWorkflow().id,
			executionId: fn.getExecutionId(),
		});
		return result.expiresAt;
	}

	/** The warning shown by Get Status for a token that will expire because nobody can renew it, else null. */
	renewalWarning(info: ConnectionServiceInfo | undefined, credentialName: string, tokenExpiresAt: number | null): string | null {
		const spec = info?.tokenRenewal;
		if (!spec || tokenExpiresAt === null || this.env[ENV_N8N_API_ACCESS]?.trim()) return null;
		const left = tokenExpiresAt - this.now();
		return left > 0 && left <= spec.marginMs ? missingKeyWarning(credentialName, tokenExpiresAt) : null;
	}

	private warnOnce(event: RequestEvent, cred: CredentialRef, message: string): void {
		const last = this.warnedAt.get(cred.id);
		const now = this.now();
		if (last !== undefined && now - last < 86_400_000) return;
		this.warnedAt.set(cred.id, now);
		this.logEntry(event, cred, message, 'warning');
		event.fn.logger?.warn?.(message);
	}

	private failRenewal(event: RequestEvent, cred: CredentialRef, message: string): never {
		this.logEntry(event, cred, message, 'final');
		throw new NodeOperationError(event.fn.getNode(), message, {
			itemIndex: event.itemIndex,
			description: `Nothing was sent. Open the credential "${cred.name}" in n8n, sign in again (Connect my account), then run the workflow again.`,
		});
	}

	/** An error-log entry about the connection itself (not one HTTP attempt). */
	private logEntry(event: RequestEvent, cred: CredentialRef, message: string, kind: string): void {
		this.usage.logError({
			...this.refOf(event, cred),
			at: this.now(),
			serviceName: event.serviceName,
			connection: cred.name,
			method: event.method,
			endpoint: event.endpoint,
			status: null,
			message,
			requestId: null,
			workflowId: event.fn.getWorkflow().id,
			executionId: event.fn.getExecutionId(),
			node: event.fn.getNode().name,
			itemIndex: event.itemIndex,
			attempt: 0,
			maxAttempts: 0,
			nextRetryInSeconds: null,
			kind,
		});
	}

	/**
	 * Refresh through n8n (`helpers.refreshOAuth2Token`: it persists the token and coordinates with other
	 * processes), then note the new expiry and audit it. Errors are redacted with the credential's secrets.
	 */
	async refresh(
		fn: IExecuteFunctions,
		itemIndex: number,
		cred: CredentialRef,
		family: string,
		serviceName: string,
		previousExpiry: number | null,
		reason: 'proactive' | 'manual',
	): Promise<void> {
		const before = (await fn.getCredentials(cred.type, itemIndex)) as IDataObject;
		const redact = makeRedactor(secretsOf(before));
		try {
			await fn.helpers.refreshOAuth2Token.call(fn, cred.type);
		} catch (error) {
			throw new NodeOperationError(fn.getNode(), redact((error as Error).message || String(error)), { itemIndex });
		}
		let after: IDataObject = {};
		try {
			after = (await fn.getCredentials(cred.type, itemIndex)) as IDataObject;
		} catch {
			// expiry unknown
		}
		const expiresAt = tokenExpiryOf(after);
		this.tokenExpiry.set(cred.id, expiresAt);
		const now = this.now();
		const was =
			previousExpiry === null
				? ''
				: previousExpiry > now
					? `, ${Math.round((previousExpiry - now) / 1000)} s before the old token expired`
					: `, the old token had expired ${Math.round((now - previousExpiry) / 1000)} s before`;
		await this.audit({
			at: now,
			workspace: this.workspace(fn).key,
			family,
			credentialId: cred.id,
			action: 'refreshed',
			serviceName,
			credentialType: cred.type,
			credentialName: cred.name,
			detail: `${reason} refresh${was}; new token valid until ${expiresAt === null ? 'unknown' : new Date(expiresAt).toISOString()}`,
			workflowId: fn.getWorkflow().id,
			executionId: fn.getExecutionId(),
		});
	}

	private ruleError(event: RequestEvent, ws: Workspace, cred: CredentialRef, binding: Binding, info: ConnectionServiceInfo | undefined): NodeOperationError {
		const service = info?.familyName ?? binding.serviceName ?? event.serviceName;
		return new NodeOperationError(
			event.fn.getNode(),
			`Only one ${service} connection allowed per workspace (connected: ${binding.accountLabel}, credential "${binding.credentialName}"). Disconnect it in the Connections node, or use another workspace.`,
			{
				itemIndex: event.itemIndex,
				description:
					`This node uses the credential "${cred.name}", but ${ws.label} has been connected to ${service} through "${binding.credentialName}" ` +
					`since ${new Date(binding.boundAt).toISOString()}. Nothing was sent. To fix it: select "${binding.credentialName}" in this node; ` +
					`or run the Connections node's "Disconnect" operation for ${service}, after which the next credential used connects; ` +
					`or give this n8n instance its own workspace with the environment variable N8N_API_CONNECTIONS_WORKSPACE.`,
			},
		);
	}

	private nodeError(event: RequestEvent, error: unknown): Error {
		if (error instanceof ConnectionStoreError) {
			return new NodeOperationError(event.fn.getNode(), error.message, { itemIndex: event.itemIndex, description: error.fix });
		}
		return error as Error;
	}

	/** Usage and error-log entries a failed write lost (n8n's log has it already): in this item's metadata too. */
	private reportFlushFailure(event: RequestEvent): void {
		const lost = this.usage.takeLost();
		if (lost) noteLostWrites(event.fn, lost);
	}
}
