/**
 * The Connections Monitor under n8n: builds `runMonitor`'s context from a poll run. The credentials it
 * keeps alive are the ones selected in the monitor node (n8n hands a node only its own credentials'
 * data); n8n's credential list (ids, names, types, no data) comes from n8n's public API with the API key
 * the package already uses for renewal (`N8N_API_CONNECTIONS_N8N_API_KEY`).
 */
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import { failedStatus } from '../transport/engine-error';
import type { Engine } from '../transport/engine';
import { callContext } from '../transport/context';
import { send } from '../transport/pipeline';
import { makeRedactor, secretsOf } from '../transport/redact';
import { auditContext, pruneAuditHourly } from './audit';
import { credentialOf, runInternal } from './common';
import type { ConnectionsObserver } from './observer';
import {
	runMonitor,
	type AttentionItem,
	type HeldCredential,
	type MonitorOptions,
	type MonitorState,
	type N8nCredentialMeta,
	type SubscriptionRenewal,
} from './monitor';
import { ENV_N8N_API_ACCESS, n8nApiSettings, renewAndSave, renewalFailureOf } from './renewal';
import { registeredRenewals } from './renewal-subscriptions';
import { tokenExpiryAtProvider } from './manage';

export interface MonitorRuntime extends Engine {
	connections: ConnectionsObserver;
}

/** Vendor subscriptions to renew, per service id (a service whose webhook registrations expire adds one). */
const subscriptionHooks = new Map<
	string,
	(fn: IPollFunctions, rt: MonitorRuntime) => Promise<SubscriptionRenewal[]>
>();

/** Hook for subscriptions a spec's `webhook.renewal` cannot describe (webhook registrations that expire are renewed from data). */
export function registerSubscriptionRenewal(
	serviceId: string,
	hook: (fn: IPollFunctions, rt: MonitorRuntime) => Promise<SubscriptionRenewal[]>,
): void {
	subscriptionHooks.set(serviceId, hook);
}

export function clearSubscriptionRenewals(): void {
	subscriptionHooks.clear();
}

/** The credentials selected in the monitor node, as `runMonitor` keeps them alive. */
export function heldCredentials(fn: IPollFunctions, rt: MonitorRuntime): HeldCredential[] {
	const n8nApi = rt.connections.settings().n8nApi;
	const exec = fn as unknown as IExecuteFunctions;
	const out: HeldCredential[] = [];
	for (const type of Object.keys(fn.getNode().credentials ?? {})) {
		const info = rt.connections.catalog
			.all()
			.find((s) => s.auth.some((a) => a.credentialType === type));
		const cred = credentialOf(exec, type);
		if (!info || !cred) continue;
		const read = async () => (await fn.getCredentials(type)) as IDataObject;
		out.push({
			id: cred.id,
			name: cred.name,
			type,
			info,
			read,
			async refresh() {
				const redact = makeRedactor(secretsOf(await read()));
				try {
					await fn.helpers.refreshOAuth2Token.call(fn, type);
				} catch (error) {
					throw new NodeOperationError(
						fn.getNode(),
						redact((error as Error).message || String(error)),
					);
				}
			},
			async renew() {
				const api = n8nApiSettings(exec, n8nApi);
				const result = await renewAndSave({
					engine: rt,
					fn: exec,
					itemIndex: 0,
					info,
					spec: info.tokenRenewal!,
					credentialId: cred.id,
					credentialType: type,
					credentialName: cred.name,
					data: (await read()) as ICredentialDataDecryptedObject,
					api: { ...api, apiKey: api.apiKey ?? '' },
					now: () => rt.connections.now(),
					internal: runInternal,
				});
				return result.expiresAt;
			},
			cannotRenew() {
				if (!n8nApiSettings(exec, n8nApi).apiKey)
					return `set ${ENV_N8N_API_ACCESS} (an n8n API key allowed to update credentials) so renewed tokens can be saved, or reconnect the credential before it expires.`;
				if (cred.id.startsWith('name:'))
					return 'the monitor names the credential without its id: open the monitor node and select the credential again.';
				return null;
			},
			failureOf: renewalFailureOf,
			...(info.tokenExpiry &&
			(!info.tokenExpiry.credentialTypes || info.tokenExpiry.credentialTypes.includes(type))
				? { expiry: async () => await tokenExpiryAtProvider(rt, exec, 0, info, type) }
				: {}),
		});
	}
	return out;
}

/**
 * n8n's credentials through its public API (`GET /credentials`, paged by `cursor`), or null without an
 * API key or when this n8n has no such endpoint (404/405). No credential data is ever returned by it.
 */
export async function listN8nCredentials(
	fn: IPollFunctions,
	rt: MonitorRuntime,
): Promise<N8nCredentialMeta[] | null> {
	const exec = fn as unknown as IExecuteFunctions;
	const api = n8nApiSettings(exec, rt.connections.settings().n8nApi);
	if (!api.apiKey) return null;
	const ctx = callContext({
		engine: rt,
		fn: exec,
		service: { id: 'n8nPublicApi', displayName: 'n8n API' },
		redact: makeRedactor([api.apiKey]),
		settings: { maxAttempts: 3, timeoutMs: 30_000 },
	});
	const out: N8nCredentialMeta[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 100; page++) {
		let body: unknown;
		try {
			body = (
				await runInternal(
					async () =>
						await send(ctx, {
							method: 'GET',
							baseUrl: api.url,
							path: '/credentials',
							qs: { limit: '250', ...(cursor ? { cursor } : {}) },
							headers: { 'X-N8N-API-KEY': api.apiKey!, accept: 'application/json' },
							responseFormat: 'json',
							idempotent: true,
							cacheable: false,
						}),
				)
			).body;
		} catch (error) {
			const status = failedStatus(error);
			if (status === 404 || status === 405) return null;
			throw new NodeOperationError(fn.getNode(), (error as Error).message || String(error));
		}
		const b = (body ?? {}) as { data?: unknown; nextCursor?: unknown };
		for (const c of Array.isArray(b.data) ? (b.data as IDataObject[]) : [])
			if (c && c.id !== undefined && typeof c.type === 'string')
				out.push({
					id: String(c.id),
					name: String(c.name ?? ''),
					type: c.type,
					updatedAt: c.updatedAt === undefined ? undefined : String(c.updatedAt),
				});
		cursor = typeof b.nextCursor === 'string' && b.nextCursor ? b.nextCursor : undefined;
		if (!cursor) break;
	}
	return out;
}

/** One monitor run in a poll: its items, its state saved into the node's static data. */
export async function pollMonitor(
	fn: IPollFunctions,
	rt: MonitorRuntime,
	options: Partial<MonitorOptions>,
): Promise<AttentionItem[]> {
	const observer = rt.connections;
	const exec = fn as unknown as IExecuteFunctions;
	await observer.usage.flush();
	// The workflow's n8n project when workspaces are projects (read once per workflow, cached).
	const workspace = (await observer.prepareWorkspace(rt, exec)).key;
	// A manual run (the editor's "Fetch Test Event") checks without moving the schedule or the baselines.
	const saved = fn.getWorkflowStaticData('node') as MonitorState;
	const state: MonitorState =
		fn.getMode() === 'manual' ? (JSON.parse(JSON.stringify(saved)) as MonitorState) : saved;
	const subscriptions: SubscriptionRenewal[] = [];
	for (const hook of subscriptionHooks.values()) subscriptions.push(...(await hook(fn, rt)));
	// Webhook registrations that expire, recorded by the triggers of services whose spec renews them.
	subscriptions.push(...(await registeredRenewals(fn, rt, options.intervalMs)));
	const actor = auditContext(exec);
	const items = await runMonitor({
		catalog: observer.catalog,
		store: observer.store(),
		workspace,
		now: () => observer.now(),
		held: heldCredentials(fn, rt),
		listCredentials: async () => await listN8nCredentials(fn, rt),
		subscriptions,
		state,
		actor: { ...actor, actor: `Connections Monitor (${actor.actor ?? 'workflow'})` },
		audit: async (r) => await observer.audit(r),
		options,
		warn: (m) => fn.logger?.warn?.(m),
	});
	await pruneAuditHourly(observer, workspace, true);
	return items;
}
