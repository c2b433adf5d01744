/**
 * The workspace rule: a workspace holds one connection per service type. The first credential used for a
 * service type binds the workspace (claimed atomically in the store, then labelled with the account's
 * name); a request with another credential of that type fails before anything is sent.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { identityOf } from '../spec/identity';
import type { Engine } from '../transport/engine';
import type { RequestEvent } from '../transport/observer';
import { send } from '../transport/pipeline';
import { makeRedactor, secretsOf } from '../transport/redact';
import { resolveBaseUrl } from '../transport/url';
import { discoverBaseUrl, discoveryOf } from '../execution/discovery';
import { accountLabel, type ConnectionServiceInfo } from './catalog';
import { auditContext } from './audit';
import { runInternal, type ConnectionsCore, type CredentialRef } from './common';
import type { Binding } from './types';
import type { Workspace } from './workspace';
import { callContext } from '../transport/context';

export class WorkspaceRule {
	/** Bindings this process is making, by workspace and service type (one claim at a time). */
	private readonly binding = new Map<string, Promise<Binding>>();

	constructor(private readonly core: ConnectionsCore) {}

	/**
	 * The binding in force for this request's service type, if any; another credential's binding stops the
	 * request here, before anything (even a token refresh) is sent.
	 */
	async check(
		event: RequestEvent,
		ws: Workspace,
		cred: CredentialRef,
		info: ConnectionServiceInfo | undefined,
	): Promise<Binding | undefined> {
		const existing = await this.currentBinding(ws, event.family);
		if (existing && existing.credentialId !== cred.id)
			throw this.ruleError(event, ws, cred, existing, info);
		return existing;
	}

	/** Without a binding in force, bind the service type to this credential; another credential winning the claim stops the request. */
	async claim(
		event: RequestEvent,
		ws: Workspace,
		cred: CredentialRef,
		info: ConnectionServiceInfo | undefined,
		existing: Binding | undefined,
	): Promise<void> {
		if (existing) return;
		const binding = await this.ensureBinding(event, ws, cred, info);
		if (binding.credentialId !== cred.id) throw this.ruleError(event, ws, cred, binding, info);
	}

	/** The binding in force (waiting for one this process is making), or undefined. */
	private async currentBinding(ws: Workspace, family: string): Promise<Binding | undefined> {
		const key = `${ws.key}\u0000${family}`;
		const inFlight = this.binding.get(key);
		if (inFlight) return await inFlight;
		const existing = await this.core.store().getBinding(ws.key, family);
		// Another execution of this process may have started binding meanwhile: its result (with the account label) counts.
		const started = this.binding.get(key);
		return started ? await started : existing;
	}

	/** Bind this credential unless the service type is bound already; returns the binding in force. */
	private async ensureBinding(
		event: RequestEvent,
		ws: Workspace,
		cred: CredentialRef,
		info: ConnectionServiceInfo | undefined,
	): Promise<Binding> {
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

	private async bind(
		event: RequestEvent,
		ws: Workspace,
		cred: CredentialRef,
		info: ConnectionServiceInfo | undefined,
	): Promise<Binding> {
		const workflowId = event.fn.getWorkflow().id;
		const executionId = event.fn.getExecutionId();
		// Claim first (atomically), so a losing execution never sends even the account request.
		const { binding, created } = await this.core.store().claimBinding({
			workspace: ws.key,
			family: event.family,
			credentialId: cred.id,
			credentialType: cred.type,
			credentialName: cred.name,
			serviceId: event.serviceId,
			serviceName: info?.familyName ?? event.serviceName,
			accountLabel: cred.name,
			boundAt: this.core.now(),
			workflowId,
			executionId,
		});
		if (!created) return binding;
		let detail = `first used by workflow ${workflowId ?? '(unsaved)'}`;
		// A credential kind that is a connection of its own (an app's token) has no user to ask "who am I".
		if (info?.account && event.family === info.family) {
			try {
				const label = await this.fetchAccountLabel(
					event.engine,
					event.fn,
					event.itemIndex,
					cred,
					info,
				);
				if (label) {
					binding.accountLabel = label;
					await this.core.store().setAccountLabel(binding, label);
				}
			} catch (error) {
				detail += `; account name unavailable (${(error as Error).message}), the credential name is shown instead`;
			}
		}
		await this.core.audit({
			at: this.core.now(),
			workspace: ws.key,
			family: event.family,
			credentialId: cred.id,
			action: 'bound',
			serviceName: binding.serviceName,
			credentialType: cred.type,
			credentialName: cred.name,
			accountLabel: binding.accountLabel,
			detail,
			...auditContext(event.fn),
		});
		return binding;
	}

	/** The "who am I" request of the spec, through the engine (rate limit, retries), marked internal. */
	async fetchAccountLabel(
		engine: Engine,
		fn: IExecuteFunctions,
		itemIndex: number,
		cred: CredentialRef,
		info: ConnectionServiceInfo,
	): Promise<string | undefined> {
		if (!info.account) return undefined;
		const data = (await fn.getCredentials(cred.type, itemIndex)) as IDataObject;
		const redact = makeRedactor(secretsOf(data));
		const discovery = discoveryOf(info.spec, cred.type);
		// A fixed account endpoint, else the credential's base URL (or the one found after connecting).
		const baseUrl =
			info.account.baseUrl ??
			(discovery
				? await discoverBaseUrl(discovery, {
						engine,
						fn,
						itemIndex,
						spec: info.spec,
						credentialType: cred.type,
						data,
						redact,
					})
				: resolveBaseUrl(info.baseUrl, data));
		const res = await runInternal(
			async () =>
				await send(
					callContext({
						engine,
						fn,
						itemIndex,
						service: identityOf(info.spec),
						credentialType: cred.type,
						redact,
						settings: { maxAttempts: 2, timeoutMs: 15_000 },
					}),
					{
						method: 'GET',
						baseUrl,
						path: info.account!.path,
						responseFormat: 'json',
						idempotent: true,
					},
				),
		);
		const value = accountLabel(res.body, info.account);
		return value === undefined ? undefined : redact(String(value));
	}

	private ruleError(
		event: RequestEvent,
		ws: Workspace,
		cred: CredentialRef,
		binding: Binding,
		info: ConnectionServiceInfo | undefined,
	): NodeOperationError {
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
					(ws.source === 'project'
						? 'or move this workflow to another n8n project (each project is its own workspace).'
						: `or give this n8n instance its own workspace with the environment variable N8N_API_CONNECTIONS_WORKSPACE.`),
			},
		);
	}
}
