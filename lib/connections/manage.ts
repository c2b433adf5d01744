/**
 * What the Connections node does, as functions: the dashboard entry of a connection, the credential
 * test, a forced token refresh, and disconnecting (revoke at the provider where the spec says how,
 * unbind, audit, warn about recent use). Requests go through the engine, marked internal so the
 * workspace rule does not apply to them (testing a credential must not bind it).
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Engine } from '../transport/engine';
import { auditContext } from './audit';
import { failedStatus } from '../transport/engine-error';
import { readPath } from '../transport/path';
import { send, type CallContext } from '../transport/pipeline';
import { makeRedactor, secretsOf } from '../transport/redact';
import type { EngineRequest } from '../transport/types';
import { resolveBaseUrl } from '../transport/url';
import type { Settings } from '../settings';
import { identityOf } from '../spec/identity';
import { accountLabel, dailyLimit, describeLimit, type ConnectionServiceInfo } from './catalog';
import {
	ConnectionsObserver,
	credentialOf,
	runInternal,
	tokenExpiryOf,
	type CredentialRef,
} from './observer';
import { allowListEntry, notEntitled, refuseAgent, type Entitlement } from './access';
import {
	activeWorkflowsUsing,
	n8nApi,
	savedCredentials,
	type SavedCredential,
	type WorkflowRef,
} from './n8n-api';
import { renewsToken } from './renewal';
import { DAY_MS } from './store';
import { WORKSPACE_SOURCES, type Workspace } from './workspace';
import type { Binding, ConnectionRow, ConnectionStatus, UsageSummary } from './types';
import { callContext } from '../transport/context';

/** What the Connections node works with: the runtime's engine and its connections features. */
export interface ConnectionsRuntime extends Engine {
	connections: ConnectionsObserver;
}

/** One row of the seed's "Connection Dashboard": readable values only (names, words, times, counts). */
export interface DashboardEntry extends IDataObject {
	service: string;
	/** `project "Marketing"`, `workspace "Marketing"` or `this n8n instance`. */
	workspace: string;
	account: string | null;
	credential: string | null;
	/** The kind of credential, as the node names it ("OAuth2", "Access Token"). */
	authentication: string | null;
	status: ConnectionStatus;
	connectedSince: string | null;
	lastUsed: string | null;
	tokenExpires: string | null;
	autoRefresh: boolean;
	/** Permissions (OAuth2 scopes) granted to the token, as last seen; null when unknown (keys, tokens without scopes). */
	permissions: string[] | null;
	calls24h: number;
	/** "145 / 4800" (the limit over 24 h, for limits of an hour or longer), else "145". */
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
export function statusOf(usage: UsageSummary): 'connected' | 'expired' | 'error' {
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

/** Calls against the limit: a limit of an hour or longer reads well per day; a per-second one does not. */
function callsAgainstLimit(calls: number, info: ConnectionServiceInfo | undefined): string {
	const limit = dailyLimit(info?.rateLimit);
	return limit !== null && (info?.rateLimit?.windowMs ?? 0) >= 3_600_000
		? `${calls} / ${limit}`
		: String(calls);
}

const kindName = (info: ConnectionServiceInfo | undefined, type: string | null): string | null =>
	info?.auth.find((a) => a.credentialType === type)?.displayName ?? null;

export function dashboardEntry(
	row: ConnectionRow,
	info: ConnectionServiceInfo | undefined,
	workspace = row.workspace,
): DashboardEntry {
	const u = row.usage;
	const kind = info?.auth.find((a) => a.credentialType === row.credentialType)?.kind;
	return {
		service: info?.familyName ?? row.serviceName,
		workspace,
		account: row.accountLabel,
		credential: row.credentialName,
		authentication: kindName(info, row.credentialType),
		status: statusOf(u),
		connectedSince: iso(row.boundAt),
		lastUsed: iso(u.lastUsedAt),
		tokenExpires: iso(u.tokenExpiresAt),
		// OAuth2 tokens are refreshed, a JWT bearer grant's exchanged again by the engine.
		autoRefresh: kind === 'oauth2' || kind === 'jwtBearer' || u.tokenExpiresAt !== null,
		permissions: u.grantedScopes ? u.grantedScopes.split(' ') : null,
		calls24h: u.calls24h,
		apiCalls24h: callsAgainstLimit(u.calls24h, info),
		rateLimit: describeLimit(info?.rateLimit),
		successRate: u.calls24h > 0 ? Math.round((u.successes24h / u.calls24h) * 1000) / 10 : null,
		lastError: u.lastError,
		lastErrorAt: iso(u.lastErrorAt),
	};
}

/** The entry shown for a service type with nothing connected in this workspace. */
export function disconnectedEntry(info: ConnectionServiceInfo, workspace: string): DashboardEntry {
	return {
		...emptyEntry(info, workspace),
		status: 'disconnected',
	};
}

function emptyEntry(info: ConnectionServiceInfo, workspace: string): DashboardEntry {
	return {
		service: info.familyName,
		workspace,
		account: null,
		credential: null,
		authentication: null,
		status: 'disconnected',
		connectedSince: null,
		lastUsed: null,
		tokenExpires: null,
		autoRefresh: false,
		permissions: null,
		calls24h: 0,
		apiCalls24h: callsAgainstLimit(0, info),
		rateLimit: describeLimit(info.rateLimit),
		successRate: null,
		lastError: null,
		lastErrorAt: null,
	};
}

/** A credential saved in n8n that no request has used yet (listed through n8n's API). */
export function savedEntry(
	info: ConnectionServiceInfo,
	credential: SavedCredential,
	workspace: string,
): DashboardEntry {
	const kind = info.auth.find((a) => a.credentialType === credential.type)?.kind;
	return {
		...emptyEntry(info, workspace),
		credential: credential.name,
		authentication: kindName(info, credential.type),
		status: 'not used yet',
		connectedSince: null,
		autoRefresh: kind === 'oauth2' || kind === 'jwtBearer',
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

/** The seed's `Data: { id, username }`: the account the test request answered for (never a secret). */
function accountData(
	body: unknown,
	info: ConnectionServiceInfo,
	path: string,
	redact: (s: string) => string,
): IDataObject | null {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
	const b = body as IDataObject;
	const label =
		info.account && info.account.path === path ? accountLabel(b, info.account) : undefined;
	const pick = (...values: unknown[]) => {
		const v = values.find((x) => typeof x === 'string' || typeof x === 'number');
		return v === undefined ? null : redact(String(v));
	};
	const out = { id: pick(b.id), username: pick(label, b.username, b.login, b.name) };
	return out.id === null && out.username === null ? null : out;
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

/** The credential's own test request where its auth entry has one, else the service's. */
function credentialTestOf(info: ConnectionServiceInfo, credentialType: string) {
	const own = info.spec.auth.find((a) => a.credentialType === credentialType)?.credentialTest;
	return own
		? { method: own.method ?? 'GET', path: own.path, baseUrl: undefined }
		: info.credentialTest;
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
	const test = credentialTestOf(info, credentialType);
	const path = pathFromCredential(test.path, data);
	const clock = rt.clock;
	const started = clock.now();
	const observer = rt.connections;
	let result: {
		ok: boolean;
		status: number | null;
		responseTimeMs: number;
		message: string;
		data?: IDataObject | null;
	};
	try {
		const res = await runInternal(
			async () =>
				await send(ctx, {
					method: test.method,
					baseUrl: test.baseUrl ?? resolveBaseUrl(info.baseUrl, data),
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
			data: accountData(res.body, info, path, ctx.redact),
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
	const ws = await observer.prepareWorkspace(rt, fn, itemIndex);
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
		method: test.method,
		endpoint: `${test.method} ${path}`,
		...result,
		data: result.data ?? null,
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
	if (renewsToken(info.tokenRenewal, data)) {
		// A long-lived token without a refresh token (or a refresh n8n cannot send): the provider's own
		// renewal, saved through n8n's API.
		await observer.prepareWorkspace(rt, fn, itemIndex);
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
	await observer.prepareWorkspace(rt, fn, itemIndex);
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
	const spec = info.revoke.find(
		(s) => !s.credentialTypes || s.credentialTypes.includes(credentialType),
	);
	const kindName = info.auth.find((a) => a.credentialType === credentialType)?.displayName;
	if (!spec)
		return {
			revoked: false,
			message: info.revoke.length
				? `${info.familyName} offers no revoke endpoint for ${kindName ?? 'this kind of'} credentials; the token stays valid until you delete it at ${info.familyName}.`
				: `${info.familyName} offers no revoke endpoint; the credential itself stays valid until you delete it in n8n or at ${info.familyName}.`,
		};
	const data = (await fn.getCredentials(credentialType, itemIndex)) as IDataObject;
	const whole = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(spec.path.trim());
	const target = whole ? String(data[whole[1]] ?? '').trim() : spec.path;
	if (!target)
		return {
			revoked: false,
			message: `Not revoked: the credential names no revocation endpoint (its "${whole?.[1]}" field is empty); the token stays valid until it expires or you revoke it at the provider.`,
		};
	const tokens = (data.oauthTokenData ?? {}) as IDataObject;
	const refresh =
		typeof tokens.refresh_token === 'string' && tokens.refresh_token
			? tokens.refresh_token
			: undefined;
	const access = tokens.access_token ?? data.accessToken;
	const useRefresh = spec.token === 'refresh' || (spec.token === 'refreshElseAccess' && refresh);
	const token = useRefresh ? refresh : access;
	const param = spec.tokenParam ?? 'token';
	const tokenIn = spec.tokenIn ?? 'form';
	if (tokenIn !== 'none' && (typeof token !== 'string' || !token))
		return { revoked: false, message: 'The credential holds no token to revoke.' };
	const authenticated = spec.authenticated !== false && !spec.clientAuth;
	const ctx = internalContext(
		rt,
		fn,
		itemIndex,
		info,
		authenticated ? credentialType : undefined,
		data,
	);
	let baseUrl: string;
	let path = target;
	if (/^https?:\/\//i.test(target)) {
		const url = new URL(target);
		baseUrl = url.origin;
		path = url.pathname + url.search;
	} else {
		baseUrl = resolveBaseUrl(info.baseUrl, data);
	}
	const req: EngineRequest = {
		method: spec.method ?? 'POST',
		baseUrl,
		path,
		pathParams: pathParamsFrom(path, data),
		responseFormat: 'json',
		idempotent: true,
		headers: {},
	};
	if (tokenIn === 'path') {
		// The token names the resource: kept out of the audit trail and errors like any secret.
		ctx.redact.add?.([token as string]);
		req.pathParams = { ...req.pathParams, token: token as string };
	}
	const fields: IDataObject = {};
	if (tokenIn !== 'none' && tokenIn !== 'path') fields[param] = token as string;
	if (spec.tokenTypeHint) fields.token_type_hint = useRefresh ? 'refresh_token' : 'access_token';
	if (spec.clientAuth) {
		const id = typeof data.clientId === 'string' ? data.clientId : '';
		const secret = typeof data.clientSecret === 'string' ? data.clientSecret : '';
		if (!id || !secret)
			return {
				revoked: false,
				message:
					'Not revoked: the credential has no client ID and secret to authenticate the revocation.',
			};
		if (spec.clientAuth === 'secretHeader') {
			fields.client_id = id;
			ctx.redact.add?.([secret]);
			req.headers = { Authorization: `${spec.clientAuthScheme ?? 'Client'} ${secret}` };
		} else if (spec.clientAuth === 'oauth2' && data.authentication === 'body') {
			// The provider's own name for the client id (`client_key`), as its OAuth2 facts say.
			const idParam =
				info.spec.auth.find((a) => a.credentialType === credentialType)?.oauth2?.clientIdParam ??
				'client_id';
			fields[idParam] = id;
			fields.client_secret = secret;
		} else {
			const basic = Buffer.from(`${id}:${secret}`).toString('base64');
			ctx.redact.add?.([basic]);
			req.headers = { Authorization: `Basic ${basic}` };
		}
	}
	if (tokenIn === 'query') req.qs = fields;
	if (tokenIn === 'form' || tokenIn === 'json') {
		req.body = fields;
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

/**
 * The expiry the provider tells for a credential's token (`connection.tokenExpiry`): epoch ms, null when it
 * never expires; throws when the provider cannot be asked (the error redacted; `refused` when it refused the token).
 */
export async function tokenExpiryAtProvider(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	itemIndex: number,
	info: ConnectionServiceInfo,
	credentialType: string,
): Promise<number | null> {
	const spec = info.tokenExpiry!;
	const data = (await fn.getCredentials(credentialType, itemIndex)) as IDataObject;
	const ctx = internalContext(rt, fn, itemIndex, info, credentialType, data);
	const res = await runInternal(
		async () =>
			await send(ctx, {
				method: 'GET',
				baseUrl: resolveBaseUrl(info.baseUrl, data),
				path: spec.path,
				pathParams: pathParamsFrom(spec.path, data),
				responseFormat: 'json',
				idempotent: true,
				cacheable: false,
			}),
	).catch((error: unknown) => {
		// 401: the provider no longer accepts the token (expired or revoked), which only a new token fixes.
		throw Object.assign(new Error(ctx.redact((error as Error).message)), {
			refused: failedStatus(error) === 401,
		});
	});
	const value = readPath(res.body, spec.expiresAtPath);
	if (value === null || value === undefined || value === '') return null;
	const at = typeof value === 'number' ? value : Date.parse(String(value));
	if (!Number.isFinite(at)) throw new Error(`${info.familyName} gave no readable expiry date.`);
	return at;
}

export interface DisconnectResult extends IDataObject {
	service: string;
	disconnected: boolean;
	account: string | null;
	credential: string | null;
	revoked: boolean | null;
	revokeMessage: string | null;
	/** Active workflows using the connection (n8n's API); null when the API is not configured. */
	activeWorkflows: WorkflowRef[] | null;
	executionsLast24h: number;
	workflowsLast24h: string[];
	/** Why this run may disconnect: the connected credential itself, or the operator's allow-list entry. */
	entitledBy: string | null;
	warning: string | null;
	message: string;
}

/** Whether this run may manage the binding: the node's credential is the bound one, or the allow-list says so. */
export function entitlementFor(
	fn: IExecuteFunctions,
	settings: Settings,
	ws: Workspace,
	attached: CredentialRef | undefined,
	boundCredentialId: string | undefined,
): Entitlement | undefined {
	if (attached && boundCredentialId !== undefined && attached.id === boundCredentialId)
		return { by: 'credential', credentialId: attached.id };
	const entry = allowListEntry(settings.managers, fn.getWorkflow().id, ws);
	return entry ? { by: 'allow-list', entry } : undefined;
}

const describeEntitlement = (e: Entitlement): string =>
	e.by === 'credential' ? 'the connected credential' : `allow-list entry ${e.entry}`;

/**
 * Disconnect the workspace's connection of a service type, for a run entitled to it (the bound credential
 * selected in the node, or the operator's allow-list; never an AI agent): list the active workflows using
 * it (n8n's API) and stop unless `confirmed` when there are any, revoke at the provider (with the bound
 * credential and a revoke endpoint), unbind, audit.
 */
export async function disconnect(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	itemIndex: number,
	info: ConnectionServiceInfo,
	credentialType: string | undefined,
	confirmed = false,
): Promise<DisconnectResult> {
	refuseAgent(fn, 'Disconnect', itemIndex);
	const observer = rt.connections;
	await observer.usage.flush();
	const store = observer.store();
	const ws = await observer.prepareWorkspace(rt, fn, itemIndex);
	const binding: Binding | undefined = await store.getBinding(ws.key, info.family);
	const base = {
		service: info.familyName,
		revoked: null,
		revokeMessage: null,
		activeWorkflows: null,
		executionsLast24h: 0,
		workflowsLast24h: [] as string[],
		entitledBy: null,
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
	const attached = credentialType ? credentialOf(fn, credentialType) : undefined;
	const entitled = entitlementFor(fn, observer.settings(), ws, attached, binding.credentialId);
	if (!entitled) {
		throw notEntitled(
			fn,
			itemIndex,
			`this run may not disconnect ${info.familyName} from ${ws.label}`,
			attached
				? `The node's credential "${attached.name}" is not the connected one: select "${binding.credentialName}" in this node.`
				: `Select the connected credential "${binding.credentialName}" in this node.`,
			observer.settings(),
		);
	}
	const now = observer.now();
	const recent = await store.recentExecutions(binding, now - DAY_MS);
	const api = n8nApi(rt, fn, observer.settings(), itemIndex);
	let active: WorkflowRef[] | null = null;
	if (api && !binding.credentialId.startsWith('name:')) {
		const self = fn.getWorkflow().id;
		active = (await activeWorkflowsUsing(api, binding.credentialId)).filter((w) => w.id !== self);
	}
	const inUse = active ? active.length > 0 : recent.count > 0;
	if (inUse && !confirmed) {
		const list = active
			? active.map((w) => `"${w.name}" (${w.id})`).join(', ')
			: `${recent.workflowIds.length} workflow(s) that used it in the last 24 h (${recent.workflowIds.join(', ')})`;
		throw new NodeOperationError(
			fn.getNode(),
			`${info.familyName} is still in use: ${active ? `active workflows ${list}` : list}. Nothing was disconnected.`,
			{
				itemIndex,
				description:
					`Their next runs fail (or connect "${binding.credentialName}" again) once it is disconnected. Switch them to another credential or deactivate them, ` +
					'or turn on "Confirm Disconnect" in this node to disconnect anyway.',
			},
		);
	}
	let revoked: boolean | null = null;
	let revokeMessage: string | null = null;
	if (entitled.by === 'credential' && credentialType) {
		const r = await revokeAtProvider(rt, fn, itemIndex, info, credentialType);
		revoked = r.revoked;
		revokeMessage = r.message;
	} else if (info.revoke.length) {
		revokeMessage = `Not revoked at ${info.familyName}: only the connected credential "${binding.credentialName}" holds the token; select it in this node to revoke it too.`;
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
			detail:
				`disconnected with the Connections node (entitled by ${describeEntitlement(entitled)})` +
				(active?.length ? `; confirmed with ${active.length} active workflow(s) using it` : '') +
				(recent.count ? `; ${recent.count} execution(s) used it in the last 24 h` : ''),
		});
	}
	const warning =
		active?.length || recent.count
			? [
					active?.length
						? `Active workflows still using "${binding.credentialName}": ${active.map((w) => `"${w.name}"`).join(', ')}.`
						: '',
					recent.count
						? `${recent.count} execution(s) of ${recent.workflowIds.length} workflow(s) used this connection in the last 24 h (last at ${iso(recent.lastAt)}).`
						: '',
					`If they still use "${binding.credentialName}", their next run connects it again: switch them to the new credential first.`,
				]
					.filter(Boolean)
					.join(' ')
			: null;
	return {
		...base,
		disconnected: Boolean(removed),
		account: binding.accountLabel,
		credential: binding.credentialName,
		revoked,
		revokeMessage,
		activeWorkflows: active,
		executionsLast24h: recent.count,
		workflowsLast24h: recent.workflowIds,
		entitledBy: describeEntitlement(entitled),
		warning,
		message: removed
			? `Disconnected ${info.familyName} (${binding.accountLabel}, credential "${binding.credentialName}") from ${ws.label}.`
			: `The ${info.familyName} connection changed meanwhile; nothing was disconnected.`,
	};
}

/**
 * Get Status: every connection of the workspace, or the one of a service type (a `disconnected` entry when
 * none). With an n8n API key, every saved credential of the package's types is listed too, used or not
 * (n8n's `GET /credentials`, owner or admin key; in a project workspace, the project's credentials).
 */
export async function connectionStatus(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	info: ConnectionServiceInfo | undefined,
): Promise<DashboardEntry[]> {
	const observer = rt.connections;
	await observer.usage.flush();
	const ws = await observer.prepareWorkspace(rt, fn);
	const rows = await observer.store().listConnections(ws.key, observer.now());
	const entry = (r: ConnectionRow, i: ConnectionServiceInfo | undefined): DashboardEntry => {
		const e = dashboardEntry(r, i, ws.label);
		const warning =
			e.status === 'connected'
				? observer.renewalWarning(i, r.credentialName, r.usage.tokenExpiresAt)
				: null;
		return warning ? { ...e, warning } : e;
	};
	const saved = await unusedCredentials(rt, fn, ws, rows, info);
	const note = saved.note ? { listing: saved.note } : {};
	const about = { workspaceIs: WORKSPACE_SOURCES[ws.source], ...note };
	if (!info) {
		const all = [...rows.map((r) => entry(r, observer.catalog.get(r.serviceId))), ...saved.entries];
		return all.length
			? all.map((e) => ({ ...e, ...about }))
			: [
					{
						workspace: ws.label,
						message: 'No connection in this workspace yet.',
						...about,
					} as never,
				];
	}
	const mine = [
		...rows
			.filter((r) => r.family === info.family)
			.map((r) => entry(r, observer.catalog.get(r.serviceId) ?? info)),
		...saved.entries.filter((e) => e.service === info.familyName),
	];
	return (mine.length ? mine : [disconnectedEntry(info, ws.label)]).map((e) => ({
		...e,
		...about,
	}));
}

/** Saved credentials of the package's types that no request has used yet, or why they cannot be listed. */
async function unusedCredentials(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	ws: Workspace,
	rows: ConnectionRow[],
	only: ConnectionServiceInfo | undefined,
): Promise<{ entries: DashboardEntry[]; note?: string }> {
	const api = n8nApi(rt, fn, rt.connections.settings());
	if (!api)
		return {
			entries: [],
			note: 'Connections used at least once; set N8N_API_CONNECTIONS_N8N_API_KEY (an owner or admin API key) to list every saved credential too.',
		};
	let saved: SavedCredential[];
	try {
		saved = await savedCredentials(api);
	} catch (error) {
		return {
			entries: [],
			note: `Connections used at least once; n8n's API did not list the saved credentials (${(error as Error).message}): the key must belong to the instance owner or an admin (scope credential:list).`,
		};
	}
	const used = new Set(rows.map((r) => r.credentialId));
	const services = only ? [only] : rt.connections.catalog.all();
	const entries: DashboardEntry[] = [];
	for (const c of saved) {
		if (used.has(c.id)) continue;
		if (ws.project && !c.projectIds.includes(ws.project.id)) continue;
		const owner = services.find((s) => s.auth.some((a) => a.credentialType === c.type));
		if (owner) entries.push(savedEntry(owner, c, ws.label));
	}
	return { entries };
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

/** Whose log entries a run may read: one credential's (it holds it), or the whole workspace (allow-list). */
export type LogScope = { credentialId: string } | { all: true };

/**
 * Entitlement to read logs: with a credential of the service selected in the node, the entries of that
 * credential; with the operator's allow-list, every entry of the workspace. Never an AI agent.
 */
export async function logScope(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	itemIndex: number,
	credentialType: string | undefined,
	what: string,
): Promise<{ scope: LogScope; ws: Workspace }> {
	refuseAgent(fn, what, itemIndex);
	const observer = rt.connections;
	const ws = await observer.prepareWorkspace(rt, fn, itemIndex);
	const attached = credentialType ? credentialOf(fn, credentialType) : undefined;
	const entitled = entitlementFor(fn, observer.settings(), ws, undefined, undefined);
	if (entitled) return { scope: { all: true }, ws };
	if (attached) return { scope: { credentialId: attached.id }, ws };
	throw notEntitled(
		fn,
		itemIndex,
		`this run may not read ${what.toLowerCase()} of ${ws.label}`,
		'Pick a service and select its credential in this node: you then see the entries of that credential.',
		observer.settings(),
	);
}

/** The store answers newest first; a credential's entries are picked from the newest this many. */
const SCAN = 1000;

function scoped<T extends { credentialId: string }>(
	records: T[],
	scope: LogScope,
	limit: number | undefined,
): T[] {
	if ('all' in scope) return records;
	return records.filter((r) => r.credentialId === scope.credentialId).slice(0, limit || SCAN);
}

const actionOf = (workflow: string | undefined, node: string | undefined): string | null =>
	workflow && node ? `${workflow} / ${node}` : (node ?? workflow ?? null);

/** Get Error Log: newest first, in the product's error-log entry shape. */
export async function errorLog(
	rt: ConnectionsRuntime,
	fn: IExecuteFunctions,
	filter: LogFilter,
	scope: LogScope = { all: true },
): Promise<IDataObject[]> {
	const observer = rt.connections;
	await observer.usage.flush();
	const ws = await observer.prepareWorkspace(rt, fn);
	const records = scoped(
		await observer.store().queryErrors({
			workspace: ws.key,
			...filter,
			limit: 'all' in scope ? filter.limit : SCAN,
		}),
		scope,
		filter.limit,
	);
	return records.map((r) => ({
		timestamp: iso(r.at),
		service: r.serviceName,
		connection: r.connection,
		method: r.method,
		endpoint: r.endpoint,
		status: r.status,
		message: r.message,
		requestId: r.requestId,
		// The seed's "Action": the workflow and the step, by name.
		action: actionOf(r.workflowName, r.node),
		// The seed's "Record ID": the id the operation acted on (the path's last parameter), not the item.
		recordId: r.recordId ?? null,
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
	scope: LogScope = { all: true },
): Promise<IDataObject[]> {
	const observer = rt.connections;
	const ws = await observer.prepareWorkspace(rt, fn);
	const records = scoped(
		await observer.store().queryAudit({
			workspace: ws.key,
			...filter,
			limit: 'all' in scope ? filter.limit : SCAN,
		}),
		scope,
		filter.limit,
	);
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
