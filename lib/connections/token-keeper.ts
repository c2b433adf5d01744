/**
 * The token keeper: refreshes OAuth2 access tokens that expire within the margin (through n8n, one
 * refresh per credential at a time), and renews long-lived tokens without a refresh token at the
 * provider's own endpoint, saving them back through n8n's public API.
 */
import { grantedScopesOf } from './scopes';
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import type { Engine } from '../transport/engine';
import { auditContext } from './audit';
import type { RequestEvent } from '../transport/observer';
import { makeRedactor, secretsOf } from '../transport/redact';
import type { ConnectionServiceInfo } from './catalog';
import { runInternal, tokenExpiryOf, type ConnectionsCore, type CredentialRef } from './common';
import {
	ENV_N8N_API_ACCESS,
	expiredMessage,
	missingKeyWarning,
	n8nApiSettings,
	refusedMessage,
	renewAndSave,
	renewalFailureOf,
	renewableExpiryOf,
	renewsToken,
	saveFailedMessage,
} from './renewal';
import type { TokenRenewalSpec } from './types';
import type { UsageLog } from './usage-log';

export { REFRESH_MARGIN_ENV, DEFAULT_REFRESH_MARGIN_MS } from '../settings';

/** Pause after a failed renewal or save (the old token is valid for days: no need to ask on every request). */
const RENEWAL_RETRY_MS = 3_600_000;

/** The spec's documented reasons a refresh token stops working, as a sentence after the fix ('' when none). */
function reconnectReasons(core: ConnectionsCore, serviceId: string): string {
	const reasons = core.catalog.get(serviceId)?.spec.connection?.reconnectReasons;
	return reasons ? ` ${reasons}` : '';
}

function canRefresh(data: IDataObject): boolean {
	const token = data.oauthTokenData as IDataObject | undefined;
	return (
		data.grantType === 'clientCredentials' ||
		Boolean(token && typeof token.refresh_token === 'string' && token.refresh_token)
	);
}

export class TokenKeeper {
	private readonly refreshing = new Map<string, Promise<void>>();
	private readonly tokenExpiry = new Map<string, number | null>();
	private readonly scopes = new Map<string, string | null>();
	/** Tokens renewed by this process: n8n may hand the same execution the data it read before the save. */
	private readonly renewed = new Map<
		string,
		{ from: string; executionId: string; expiresAt: number | null }
	>();
	/** When each credential was last warned about a renewal it cannot do (once a day is enough). */
	private readonly warnedAt = new Map<string, number>();
	/** Tokens the provider refused to renew, with the message (asking again cannot help). */
	private readonly refusedTokens = new Map<string, string>();
	/** After a failed renewal or save, the next attempt waits until then. */
	private readonly renewalRetryAt = new Map<string, number>();
	/** Tokens of unknown expiry this process exchanged (or the provider refused to): each is tried once. */
	private readonly exchanged = new Set<string>();

	/** `log`: where warnings and failures about a connection go (the usage log's error log). */
	constructor(
		private readonly core: ConnectionsCore,
		private readonly log: Pick<UsageLog, 'entry'>,
	) {}

	/** One refresh or renewal per credential at a time: a request that finds one running waits for it. */
	private once(credentialId: string, start: () => Promise<unknown>): Promise<void> {
		let work = this.refreshing.get(credentialId);
		if (!work) {
			work = start().then(() => undefined);
			this.refreshing.set(credentialId, work);
			void work.finally(() => this.refreshing.delete(credentialId)).catch(() => {});
		}
		return work;
	}

	/** The expiry last seen for a credential's token (undefined: never looked). */
	/** The permissions granted to a credential's token, as last read (undefined: not read yet). */
	scopesOf(credentialId: string): string | null | undefined {
		return this.scopes.get(credentialId);
	}

	expiryOf(credentialId: string): number | null | undefined {
		return this.tokenExpiry.get(credentialId);
	}

	get refreshMarginMs(): number {
		if (this.core.options.refreshMarginMs !== undefined) return this.core.options.refreshMarginMs;
		return this.core.settings().refreshMarginMs;
	}

	/** Refresh the OAuth2 access token if it expires within the margin (one refresh per credential at a time). */
	async refreshIfExpiring(event: RequestEvent, cred: CredentialRef): Promise<void> {
		if (this.core.options.proactiveRefresh === false) return;
		// Keys, Basic and bearer credentials have nothing to refresh: do not read them twice per request.
		const kind = this.core.catalog
			.get(event.serviceId)
			?.auth.find((a) => a.credentialType === cred.type)?.kind;
		if (kind && kind !== 'oauth2') return;
		let data: ICredentialDataDecryptedObject;
		try {
			data = await event.fn.getCredentials(cred.type, event.itemIndex);
		} catch {
			return; // the request itself reports an unreadable credential
		}
		this.scopes.set(cred.id, grantedScopesOf(data));
		const renewal = this.core.catalog.get(event.serviceId)?.tokenRenewal;
		if (renewal && renewsToken(renewal, data)) {
			await this.renewIfExpiring(event, cred, data, renewal);
			return;
		}
		const expiresAt = tokenExpiryOf(data);
		this.tokenExpiry.set(cred.id, expiresAt);
		if (
			expiresAt === null ||
			expiresAt - this.core.now() > this.refreshMarginMs ||
			!canRefresh(data)
		)
			return;
		const work = this.once(
			cred.id,
			async () =>
				await this.refresh(
					event.fn,
					event.itemIndex,
					cred,
					event.family,
					event.serviceName,
					expiresAt,
					'proactive',
				),
		);
		try {
			await work;
		} catch (error) {
			// Still valid for a while: let the request go and try again next time.
			if (expiresAt > this.core.now()) {
				event.fn.logger?.warn?.(
					`Proactive token refresh of credential "${cred.name}" failed; the token is still valid. ${(error as Error).message}`,
				);
				return;
			}
			const message = `The ${event.serviceName} access token of credential "${cred.name}" expired and could not be refreshed: ${(error as Error).message}`;
			this.log.entry(event, cred, message, 'final');
			throw new NodeOperationError(event.fn.getNode(), message, {
				itemIndex: event.itemIndex,
				description: `Open the credential "${cred.name}" in n8n and reconnect it (the provider no longer accepts its refresh token), then run the workflow again.${reconnectReasons(this.core, event.serviceId)}`,
			});
		}
	}

	/**
	 * A long-lived token without a refresh token, renewed at the provider's own endpoint within the spec's
	 * margin and saved back through n8n's public API. Without an API key it only warns; an expired or
	 * refused token fails before sending, naming the credential to reconnect.
	 */
	private async renewIfExpiring(
		event: RequestEvent,
		cred: CredentialRef,
		data: ICredentialDataDecryptedObject,
		spec: TokenRenewalSpec,
	): Promise<void> {
		const token = (data.oauthTokenData as IDataObject | undefined)?.access_token;
		let expiresAt = renewableExpiryOf(data);
		const known = this.renewed.get(cred.id);
		if (known && known.from === token && known.executionId === event.fn.getExecutionId())
			expiresAt = known.expiresAt;
		this.tokenExpiry.set(cred.id, expiresAt);
		if (expiresAt === null) {
			if (spec.exchange && typeof token === 'string' && token)
				await this.exchangeOnce(event, cred, data, spec, token);
			return;
		}
		const now = this.core.now();
		if (expiresAt - now > spec.marginMs) return;
		// A refresh token outlives its access token; a long-lived token cannot be renewed once expired.
		if (expiresAt <= now && !spec.refreshToken)
			this.failRenewal(event, cred, expiredMessage(cred.name, expiresAt));
		const api = n8nApiSettings(event.fn, this.core.settings().n8nApi);
		if (!api.apiKey) {
			this.warnOnce(event, cred, missingKeyWarning(cred.name, expiresAt));
			return;
		}
		if (cred.id.startsWith('name:')) {
			// n8n's API needs the credential id, which this node does not carry (an unsaved or imported workflow).
			this.warnOnce(
				event,
				cred,
				`${missingKeyWarning(cred.name, expiresAt)} (The node names the credential without its id, so it cannot be saved: open the node and select the credential again.)`,
			);
			return;
		}
		const apiKey = api.apiKey;
		// A token the provider refused stays refused; after a failed save or an outage, wait before asking again.
		const refused = typeof token === 'string' ? this.refusedTokens.get(token) : undefined;
		if (refused) this.failRenewal(event, cred, refused);
		if ((this.renewalRetryAt.get(cred.id) ?? 0) > now) return;
		const work = this.once(
			cred.id,
			async () =>
				await this.renew(
					event.engine,
					event.fn,
					event.itemIndex,
					this.core.catalog.get(event.serviceId)!,
					cred,
					data,
					{ ...api, apiKey },
					expiresAt,
					'proactive',
				),
		);
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
			if (!this.renewalRetryAt.has(cred.id) || (this.renewalRetryAt.get(cred.id) ?? 0) <= now)
				this.renewalRetryAt.set(cred.id, now + RENEWAL_RETRY_MS);
			else return;
			const message =
				failure === 'save'
					? saveFailedMessage(cred.name, (error as Error).message)
					: `Renewing the token of credential '${cred.name}' failed; the token is still valid until ${new Date(expiresAt).toISOString()} and renewal is tried again in an hour. ${(error as Error).message}`;
			this.log.entry(event, cred, message, 'warning');
			event.fn.logger?.warn?.(message);
		}
	}

	/**
	 * A token of unknown expiry (a short-lived login token) is exchanged for a long-lived one, once per token:
	 * a refusal (it may be long-lived already) is logged, and the request goes either way.
	 */
	private async exchangeOnce(
		event: RequestEvent,
		cred: CredentialRef,
		data: ICredentialDataDecryptedObject,
		spec: TokenRenewalSpec,
		token: string,
	): Promise<void> {
		const api = n8nApiSettings(event.fn, this.core.settings().n8nApi);
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
		const info = this.core.catalog.get(event.serviceId)!;
		const exchange: TokenRenewalSpec = { ...spec.exchange!, marginMs: spec.marginMs };
		const apiKey = api.apiKey;
		const work = this.once(
			cred.id,
			async () =>
				await this.renew(
					event.engine,
					event.fn,
					event.itemIndex,
					{ ...info, tokenRenewal: exchange },
					cred,
					data,
					{ ...api, apiKey },
					null,
					'exchange',
				),
		);
		try {
			await work;
		} catch (error) {
			const failure = renewalFailureOf(error);
			if (failure !== 'refused') this.exchanged.delete(token);
			const message =
				failure === 'save'
					? saveFailedMessage(cred.name, (error as Error).message)
					: `The token of credential '${cred.name}' has no known expiry and could not be exchanged for a long-lived one (${(error as Error).message.replace(/[.\s]+$/, '')}). If requests start failing, reconnect the credential.`;
			this.log.entry(event, cred, message, 'warning');
			event.fn.logger?.warn?.(message);
		}
	}

	/** Renew now (the Connections node's Refresh): the same exchange and save, errors thrown as they are. */
	async renewNow(
		engine: Engine,
		fn: IExecuteFunctions,
		itemIndex: number,
		cred: CredentialRef,
		info: ConnectionServiceInfo,
	): Promise<{ previous: number | null; expiresAt: number | null }> {
		const data = await fn.getCredentials(cred.type, itemIndex);
		const previous = renewableExpiryOf(data);
		if (previous !== null && previous <= this.core.now() && !info.tokenRenewal?.refreshToken)
			throw new NodeOperationError(fn.getNode(), expiredMessage(cred.name, previous), {
				itemIndex,
			});
		const api = n8nApiSettings(fn, this.core.settings().n8nApi);
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
			const result = await this.renew(
				engine,
				fn,
				itemIndex,
				info,
				cred,
				data,
				{ ...api, apiKey: api.apiKey },
				previous,
				'manual',
			);
			return { previous, expiresAt: result };
		} catch (error) {
			const failure = renewalFailureOf(error);
			const message = (error as Error).message;
			throw new NodeOperationError(
				fn.getNode(),
				failure === 'refused'
					? refusedMessage(cred.name, previous ?? this.core.now(), message)
					: failure === 'save'
						? saveFailedMessage(cred.name, message)
						: message,
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
			now: () => this.core.now(),
			internal: runInternal,
		});
		const from = (data.oauthTokenData as IDataObject | undefined)?.access_token;
		if (typeof from === 'string')
			this.renewed.set(cred.id, {
				from,
				executionId: fn.getExecutionId(),
				expiresAt: result.expiresAt,
			});
		this.tokenExpiry.set(cred.id, result.expiresAt);
		const now = this.core.now();
		const was =
			previousExpiry === null
				? ''
				: `, ${Math.round((previousExpiry - now) / 1000)} s before the old token expired`;
		await this.core.audit({
			at: now,
			workspace: this.core.workspace(fn).key,
			family: info.family,
			credentialId: cred.id,
			action: 'refreshed',
			serviceName: info.familyName,
			credentialType: cred.type,
			credentialName: cred.name,
			detail: `${reason === 'exchange' ? 'exchanged short-lived token for a' : reason === 'manual' ? 'manual renewal of' : 'renewed'} long-lived token${was}; new token valid until ${
				result.expiresAt === null ? 'unknown' : new Date(result.expiresAt).toISOString()
			}`,
			...auditContext(fn),
		});
		return result.expiresAt;
	}

	/** The warning shown by Get Status for a token that will expire because nobody can renew it, else null. */
	renewalWarning(
		info: ConnectionServiceInfo | undefined,
		credentialName: string,
		tokenExpiresAt: number | null,
	): string | null {
		const spec = info?.tokenRenewal;
		if (!spec || tokenExpiresAt === null || this.core.settings().n8nApi.key) return null;
		const left = tokenExpiresAt - this.core.now();
		return left > 0 && left <= spec.marginMs
			? missingKeyWarning(credentialName, tokenExpiresAt)
			: null;
	}

	private warnOnce(event: RequestEvent, cred: CredentialRef, message: string): void {
		const last = this.warnedAt.get(cred.id);
		const now = this.core.now();
		if (last !== undefined && now - last < 86_400_000) return;
		this.warnedAt.set(cred.id, now);
		this.log.entry(event, cred, message, 'warning');
		event.fn.logger?.warn?.(message);
	}

	private failRenewal(event: RequestEvent, cred: CredentialRef, message: string): never {
		this.log.entry(event, cred, message, 'final');
		throw new NodeOperationError(event.fn.getNode(), message, {
			itemIndex: event.itemIndex,
			description: `Nothing was sent. Open the credential "${cred.name}" in n8n, sign in again (Connect my account), then run the workflow again.`,
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
			throw new NodeOperationError(
				fn.getNode(),
				redact((error as Error).message || String(error)),
				{ itemIndex },
			);
		}
		let after: IDataObject = {};
		try {
			after = (await fn.getCredentials(cred.type, itemIndex)) as IDataObject;
		} catch {
			// expiry unknown
		}
		const expiresAt = tokenExpiryOf(after);
		this.tokenExpiry.set(cred.id, expiresAt);
		const now = this.core.now();
		const was =
			previousExpiry === null
				? ''
				: previousExpiry > now
					? `, ${Math.round((previousExpiry - now) / 1000)} s before the old token expired`
					: `, the old token had expired ${Math.round((now - previousExpiry) / 1000)} s before`;
		await this.core.audit({
			at: now,
			workspace: this.core.workspace(fn).key,
			family,
			credentialId: cred.id,
			action: 'refreshed',
			serviceName,
			credentialType: cred.type,
			credentialName: cred.name,
			detail: `${reason} refresh${was}; new token valid until ${expiresAt === null ? 'unknown' : new Date(expiresAt).toISOString()}`,
			...auditContext(fn),
		});
	}
}
