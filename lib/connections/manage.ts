/**
 * What the Connections node does, as functions: the dashboard entry of a connection, the credential
 * test, a forced token refresh, and disconnecting (revoke at the provider where the spec says how,
 * unbind, audit, warn about recent use). Requests go through the engine, marked internal so the
 * workspace rule does not apply to them (testing a credential must not bind it).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Engine } from '../transport/engine';
import { auditContext } from './audit';
import { failedStatus } from '../transport/engine-error';
import { send, type CallContext } from '../transport/pipeline';
import { makeRedactor, secretsOf } from '../transport/redact';
import type { EngineRequest } from '../transport/types';
import { resolveBaseUrl } from '../transport/url';
import { identityOf } from '../spec/identity';
import { dailyLimit, describeLimit, type ConnectionServiceInfo } from './catalog';
import {
	ConnectionsObserver,
	credentialOf,
	runInternal,
	tokenExpiryOf,
	type CredentialRef,
} from './observer';
import { DAY_MS } from './store';
import type { Binding, ConnectionRow, ConnectionStatus, UsageSummary } from './types';
import { callContext } from '../transport/context';

/** What the Connections node works with: the runtime's engine and its connections features. */
export interface ConnectionsRuntime extends Engine {
	connections: ConnectionsObserver;
}

/** One row of the seed's "Connection Dashboard". */
export interface DashboardEntry extends IDataObject {
	service: string;
	serviceId: string;
	workspace: string;
	account: string | null;
	credential: string | null;
	credentialType: string | null;
	status: ConnectionStatus;
	connectedSince: string | null;
	lastUsed: string | null;
	tokenExpires: string | null;
	autoRefresh: boolean;
	calls24h: number;
	limit24h: number | null;
	/** "145 / 4800", or "145" without a known limit. */
	apiCalls24h: string;
	rateLimit: string | null;
	/** Percent of successful attempts in the last 24 h, one decimal; null without calls. */
	successRate: number | null;
	lastError: string | null;
	lastErrorAt: string | null;
	/** Something the user must do before the connection stops working (e.g. a token nobody can renew). */
	warning?: string;
}

const iso = (ms: number | null | undefined): string | null =>
	ms === null || ms === undefined ? null : new Date(ms).toISOString();

const AUTH_FAILURE = /refresh|reconnect|401|unauthori[sz]ed|expired/i;

/** connected / expired / error from what was last seen of a connection. */
export function statusOf(usage: UsageSummary): Exclude<ConnectionStatus, 'disconnected'> {
	const lastUse = usage.lastUsedAt ?? 0;
	if (
		usage.lastError &&
		usage.lastErrorAt !== null &&
		usage.lastErrorAt > lastUse &&
		AUTH_FAILURE.test(usage.lastError)
	)
		return 'expired';
	// The last call failed: a 401, or a rejection the service reported inside its answer (its log entry, written at
	// the same moment, says to reconnect), means the connection must be reconnected.
	if (usage.lastOk === false)
		return usage.lastStatus === 401 ||
			(usage.lastError !== null &&
				usage.lastError !== undefined &&
				usage.lastErrorAt !== null &&
				usage.lastErrorAt >= lastUse &&
				/reconnect/i.test(usage.lastError))
			? 'expired'
			: 'error';
	return 'connected';
}

export function dashboardEntry(
	row: ConnectionRow,
	info: ConnectionServiceInfo | undefined,
): DashboardEntry {
	const u = row.usage;
	const limit = dailyLimit(info?.rateLimit);
	const kind = info?.auth.find((a) => a.credentialType === row.credentialType)?.kind;
	return {
		service: info?.familyName ?? row.serviceName,
		serviceId: row.serviceId,
		workspace: row.workspace,
		account: row.accountLabel,
		credential: row.credentialName,
		credentialType: row.credentialType,
		status: statusOf(u),
		connectedSince: iso(row.boundAt),
		lastUsed: iso(u.lastUsedAt),
		tokenExpires: iso(u.tokenExpiresAt),
		autoRefresh: kind === 'oauth2' || u.tokenExpiresAt !== null,
		calls24h: u.calls24h,
		limit24h: limit,
		apiCalls24h: limit === null ? String(u.calls24h) : `${u.calls24h} / ${limit}`,
		rateLimit: describeLimit(info?.rateLimit),
		successRate: u.calls24h > 0 ? Math.round((u.successes24h / u.calls24h) * 1000) / 10 : null,
		lastError: u.lastError,
		lastErrorAt: iso(u.lastErrorAt),
	};
}

/** The entry shown for a service type with nothing connected in this workspace. */
export function disconnectedEntry(info: ConnectionServiceInfo, workspace: string): DashboardEntry {
	return {
		service: info.familyName,
		serviceId: info.id,
		workspace,
		account: null,
		credential: null,
		credentialType: null,
		status: 'disconnected',
		connectedSince: null,
		lastUsed: null,
		tokenExpires: null,
		autoRefresh: false,
		calls24h: 0,
		limit24h: dailyLimit(info.rateLimit),
		apiCalls24h: dailyLimit(info.rateLimit) === null ? '0' : `0 / ${dailyLimit(info.rateLimit)}`,
		rateLimit: describeLimit(info.rateLimit),
		successRate: null,
		lastError: null,
		lastErrorAt: null,
	};
}

/** The credential of the node for a type, or a clear error. */
export function requireCredential(fn: IExecuteFunctions, type: string): CredentialRef {
	const cred = credentialOf(fn, type);
	if (!cred) throw new Error(`Select a credential of type "${type}" in the node.`);
	return cred;
}

function pathFromCredential(template: string, data: IDataObject): string {
	// A path that is one credential field (the Custom API's "Test Endpoint") is taken as written.
	const whole = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(template.trim());
	if (whole) return String(data[whole[1]] ?? '/') || '/';
	return template;
}

function pathParamsFrom(template: string, data: IDataObject): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [, name] of template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g))
		if (data[name] !== undefined) out[name] = String(data[name]);
	return out;
}

function internalContext(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	itemIndex: number,
	info: ConnectionServiceInfo,
	credentialType: string | undefined,
	data: IDataObject,
): CallContext {
	return callContext({
		engine: rt,
		fn,
		itemIndex,
		service: identityOf(info.spec),
		credentialType,
		redact: makeRedactor(secretsOf(data)),
		settings: { maxAttempts: 1, timeoutMs: 30_000 },
	});
}

export interface TestResult extends IDataObject {
	service: string;
	credential: string;
	ok: boolean;
	status: number | null;
	responseTimeMs: number;
	message: string;
	endpoint: string;
}

/** Send the spec's credential test request once; never throws for an HTTP failure (the result says it). */
export async function testConnection(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	itemIndex: number,
	info: ConnectionServiceInfo,
	credentialType: string,
): Promise<TestResult> {
	const cred = requireCredential(fn, credentialType);
	const data = (await fn.getCredentials(credentialType, itemIndex)) as IDataObject;
	const ctx = internalContext(rt, fn, itemIndex, info, credentialType, data);
	const path = pathFromCredential(info.credentialTest.path, data);
	const clock = rt.clock;
	const started = clock.now();
	const observer = rt.connections;
	let result: { ok: boolean; status: number | null; responseTimeMs: number; message: string };
	try {
		const res = await runInternal(
			async () =>
				await send(ctx, {
					method: info.credentialTest.method,
					baseUrl: resolveBaseUrl(info.baseUrl, data),
					path,
					pathParams: pathParamsFrom(path, data),
					responseFormat: 'json',
					idempotent: true,
				}),
		);
		result = {
			ok: true,
			status: res.status,
			responseTimeMs: clock.now() - started,
			message: 'Connection successful',
		};
	} catch (error) {
		const message = (error as { message?: string }).message;
		result = {
			ok: false,
			status: failedStatus(error),
			responseTimeMs: clock.now() - started,
			message: ctx.redact(String(message ?? error)),
		};
	}
	const ws = observer.workspace(fn);
	await observer.audit({
		at: clock.now(),
		workspace: ws.key,
		family: info.family,
		credentialId: cred.id,
		action: 'test',
		serviceName: info.familyName,
		credentialType: cred.type,
		credentialName: cred.name,
		detail: result.ok
			? `${result.status} in ${result.responseTimeMs} ms`
			: `failed: ${result.status ?? 'no response'} ${result.message}`,
		...auditContext(fn),
	});
	return {
		service: info.familyName,
		credential: cred.name,
		endpoint: `${info.credentialTest.method} ${path}`,
		...result,
	};
}

/** Force an OAuth2 token refresh now. */
export async function refreshConnection(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	itemIndex: number,
	info: ConnectionServiceInfo,
	credentialType: string,
): Promise<IDataObject> {
	const cred = requireCredential(fn, credentialType);
	const data = (await fn.getCredentials(credentialType, itemIndex)) as IDataObject;
	const kind = info.auth.find((a) => a.credentialType === credentialType)?.kind;
	if (kind !== 'oauth2' && data.oauthTokenData === undefined) {
		throw new Error(
			`"${cred.name}" is not an OAuth2 credential: only OAuth2 access tokens are refreshed. Its key or token stays valid until you change it.`,
		);
	}
	const observer = rt.connections;
	const tokens = data.oauthTokenData as IDataObject | undefined;
	if (
		info.tokenRenewal &&
		!(tokens && typeof tokens.refresh_token === 'string' && tokens.refresh_token)
	) {
		// A long-lived token without a refresh token: the provider's own renewal, saved through n8n's API.
		const { previous, expiresAt } = await observer.renewNow(rt, fn, itemIndex, cred, info);
		return {
			service: info.familyName,
			credential: cred.name,
			refreshed: true,
			tokenExpires: iso(expiresAt),
			previousTokenExpires: iso(previous),
		};
	}
	const before = tokenExpiryOf(data);
	await observer.refresh(fn, itemIndex, cred, info.family, info.familyName, before, 'manual');
	const after = tokenExpiryOf((await fn.getCredentials(credentialType, itemIndex)) as IDataObject);
	return {
		service: info.familyName,
		credential: cred.name,
		refreshed: true,
		tokenExpires: iso(after),
		previousTokenExpires: iso(before),
	};
}

/** Revoke the credential's token at the provider, as the spec's `revoke` says. */
export async function revokeAtProvider(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	itemIndex: number,
	info: ConnectionServiceInfo,
	credentialType: string,
): Promise<{ revoked: boolean; message: string }> {
	const spec = info.revoke;
	if (!spec)
		return {
			revoked: false,
			message: `${info.familyName} offers no revoke endpoint; the credential itself stays valid until you delete it in n8n or at ${info.familyName}.`,
		};
	const data = (await fn.getCredentials(credentialType, itemIndex)) as IDataObject;
	const tokens = (data.oauthTokenData ?? {}) as IDataObject;
	const token =
		spec.token === 'refresh' ? tokens.refresh_token : (tokens.access_token ?? data.accessToken);
	const param = spec.tokenParam ?? 'token';
	const tokenIn = spec.tokenIn ?? 'form';
	if (tokenIn !== 'none' && (typeof token !== 'string' || !token))
		return { revoked: false, message: 'The credential holds no token to revoke.' };
	const authenticated = spec.authenticated !== false;
	const ctx = internalContext(
		rt,
		fn,
		itemIndex,
		info,
		authenticated ? credentialType : undefined,
		data,
	);
	let baseUrl: string;
	let path = spec.path;
	if (/^https?:\/\//i.test(spec.path)) {
		const url = new URL(spec.path);
		baseUrl = url.origin;
		path = url.pathname + url.search;
	} else {
		baseUrl = resolveBaseUrl(info.baseUrl, data);
	}
	const req: EngineRequest = {
		method: spec.method ?? 'POST',
		baseUrl,
		path,
		responseFormat: 'json',
		idempotent: true,
	};
	if (tokenIn === 'query') req.qs = { [param]: token as string };
	if (tokenIn === 'form' || tokenIn === 'json') {
		req.body = { [param]: token as string };
		req.bodyEncoding = tokenIn;
	}
	try {
		const res = await runInternal(async () => await send(ctx, req));
		return { revoked: true, message: `Revoked at ${info.familyName} (${res.status}).` };
	} catch (error) {
		return {
			revoked: false,
			message: ctx.redact(`Revoking at ${info.familyName} failed: ${(error as Error).message}`),
		};
	}
}

export interface DisconnectResult extends IDataObject {
	service: string;
	disconnected: boolean;
	account: string | null;
	credential: string | null;
	revoked: boolean | null;
	revokeMessage: string | null;
	executionsLast24h: number;
	workflowsLast24h: string[];
	warning: string | null;
	message: string;
}

/**
 * Disconnect the workspace's connection of a service type: revoke (when the node has the bound
 * credential and the spec a revoke endpoint), unbind, audit. Warns when executions used it in the last 24 h.
 */
export async function disconnect(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	itemIndex: number,
	info: ConnectionServiceInfo,
	credentialType: string | undefined,
): Promise<DisconnectResult> {
	const observer = rt.connections;
	await observer.usage.flush();
	const store = observer.store();
	const ws = observer.workspace(fn);
	const binding: Binding | undefined = await store.getBinding(ws.key, info.family);
	const base = {
		service: info.familyName,
		revoked: null,
		revokeMessage: null,
		executionsLast24h: 0,
		workflowsLast24h: [] as string[],
		warning: null,
	};
	if (!binding) {
		return {
			...base,
			disconnected: false,
			account: null,
			credential: null,
			message: `No ${info.familyName} connection in ${ws.label}: nothing to disconnect.`,
		};
	}
	const now = observer.now();
	const recent = await store.recentExecutions(binding, now - DAY_MS);
	const attached = credentialType ? credentialOf(fn, credentialType) : undefined;
	let revoked: boolean | null = null;
	let revokeMessage: string | null = null;
	if (attached && attached.id === binding.credentialId && credentialType) {
		const r = await revokeAtProvider(rt, fn, itemIndex, info, credentialType);
		revoked = r.revoked;
		revokeMessage = r.message;
	} else if (info.revoke) {
		revokeMessage = attached
			? `Not revoked at ${info.familyName}: the node's credential "${attached.name}" is not the connected one ("${binding.credentialName}").`
			: `Not revoked at ${info.familyName}: select the connected credential "${binding.credentialName}" in this node to revoke its token too.`;
	}
	const removed = await store.removeBinding(ws.key, info.family, binding.credentialId);
	const common = {
		workspace: ws.key,
		family: info.family,
		credentialId: binding.credentialId,
		serviceName: binding.serviceName,
		credentialType: binding.credentialType,
		credentialName: binding.credentialName,
		accountLabel: binding.accountLabel,
		...auditContext(fn),
	};
	if (revoked)
		await observer.audit({
			...common,
			at: now,
			action: 'revoked',
			detail: revokeMessage ?? undefined,
		});
	if (removed) {
		await observer.audit({
			...common,
			at: now,
			action: 'unbound',
			detail: `disconnected with the Connections node${recent.count ? `; ${recent.count} execution(s) used it in the last 24 h` : ''}`,
		});
	}
	const warning = recent.count
		? `${recent.count} execution(s) of ${recent.workflowIds.length} workflow(s) used this connection in the last 24 h (last at ${iso(recent.lastAt)}). ` +
			`If they still use "${binding.credentialName}", their next run connects it again: switch them to the new credential first.`
		: null;
	return {
		...base,
		disconnected: Boolean(removed),
		account: binding.accountLabel,
		credential: binding.credentialName,
		revoked,
		revokeMessage,
		executionsLast24h: recent.count,
		workflowsLast24h: recent.workflowIds,
		warning,
		message: removed
			? `Disconnected ${info.familyName} (${binding.accountLabel}, credential "${binding.credentialName}") from ${ws.label}.`
			: `The ${info.familyName} connection changed meanwhile; nothing was disconnected.`,
	};
}

/** Get Status: every connection of the workspace, or the one of a service type (a `disconnected` entry when none). */
export async function connectionStatus(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	info: ConnectionServiceInfo | undefined,
): Promise<DashboardEntry[]> {
	const observer = rt.connections;
	await observer.usage.flush();
	const ws = observer.workspace(fn);
	const rows = await observer.store().listConnections(ws.key, observer.now());
	const entry = (r: ConnectionRow, i: ConnectionServiceInfo | undefined): DashboardEntry => {
		const e = dashboardEntry(r, i);
		const warning =
			e.status === 'connected'
				? observer.renewalWarning(i, r.credentialName, r.usage.tokenExpiresAt)
				: null;
		return warning ? { ...e, warning } : e;
	};
	if (!info) return rows.map((r) => entry(r, observer.catalog.get(r.serviceId)));
	const mine = rows.filter((r) => r.family === info.family);
	return mine.length
		? mine.map((r) => entry(r, observer.catalog.get(r.serviceId) ?? info))
		: [disconnectedEntry(info, ws.key)];
}

export interface LogFilter {
	families?: string[];
	/** Audit log only (see audit.ts). */
	actions?: string[];
	actor?: string;
	sinceMs?: number;
	untilMs?: number;
	limit?: number;
}

/** Get Error Log: newest first, in the product's error-log entry shape. */
export async function errorLog(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	filter: LogFilter,
): Promise<IDataObject[]> {
	const observer = rt.connections;
	await observer.usage.flush();
	const records = await observer
		.store()
		.queryErrors({ workspace: observer.workspace(fn).key, ...filter });
	return records.map((r) => ({
		timestamp: iso(r.at),
		service: r.serviceName,
		connection: r.connection,
		method: r.method,
		endpoint: r.endpoint,
		status: r.status,
		message: r.message,
		requestId: r.requestId,
		workflowId: r.workflowId ?? null,
		executionId: r.executionId ?? null,
		node: r.node ?? null,
		itemIndex: r.itemIndex ?? null,
		attempt: r.attempt,
		maxAttempts: r.maxAttempts,
		nextRetryInSeconds: r.nextRetryInSeconds,
		kind: r.kind,
	}));
}

/** Get Audit Log: newest first. */
export async function auditLog(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	filter: LogFilter,
): Promise<IDataObject[]> {
	const observer = rt.connections;
	const records = await observer
		.store()
		.queryAudit({ workspace: observer.workspace(fn).key, ...filter });
	return records.map((r) => ({
		timestamp: iso(r.at),
		action: r.action,
		service: r.serviceName,
		account: r.accountLabel ?? null,
		credential: r.credentialName ?? null,
		credentialType: r.credentialType ?? null,
		detail: r.detail ?? null,
		actor: r.actor ?? null,
		workflowId: r.workflowId ?? null,
		workflowName: r.workflowName ?? null,
		node: r.node ?? null,
		executionId: r.executionId ?? null,
	}));
}
