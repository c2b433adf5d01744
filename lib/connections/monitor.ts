/**
 * The Connections Monitor's checks, one run: keep tokens alive (refresh OAuth2 tokens, renew long-lived
 * ones inside their window) whether or not anything used them, renew vendor subscriptions, record what
 * changed in n8n's credentials, and list every connection that needs attention. Everything it needs comes
 * in `MonitorContext` (the store, a clock, the credentials it holds, n8n's credential list), so it runs the
 * same under the trigger node and under a virtual clock in tests.
 *
 * Which credentials it can keep alive: n8n gives a node the decrypted data only of the credentials
 * selected in that node (and n8n's public API never returns credential data), so the monitor refreshes
 * the credentials selected in its own fields (one per type: with the one-connection-per-service rule that
 * covers a workspace), and reports the others from what the store last saw of them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { AuditWhoWhere } from './audit';
import type { ConnectionServiceInfo, ServiceCatalog } from './catalog';
import { DAY_MS, HOUR_MS, type ConnectionStore } from './store';
import type { AuditRecord, ConnectionRef, ConnectionRow } from './types';

export type AttentionReason =
	| 'expiring'
	| 'expired'
	| 'refreshFailed'
	| 'revoked'
	| 'failing'
	| 'unusualActivity'
	| 'subscriptionFailed';

/** One item the monitor emits: a connection and what is wrong with it. */
export interface AttentionItem extends IDataObject {
	reason: AttentionReason;
	service: string;
	serviceId: string;
	workspace: string;
	credential: string;
	credentialId: string;
	credentialType: string;
	account: string | null;
	/** What was found, in words. */
	detail: string;
	/** What to do about it. */
	fix: string;
	tokenExpires: string | null;
	checkedAt: string;
}

export interface MonitorOptions {
	/** A connection failing this share of its calls in 24 h (0–1)… */
	errorRate: number;
	/** …with at least this many calls, is "failing". */
	minCalls: number;
	/** An hour with this many times the connection's 7-day hourly average… */
	spikeFactor: number;
	/** …and at least this many calls is unusual. */
	spikeMinCalls: number;
	/** This many 401/403 answers in one hour are unusual. */
	authFailureBurst: number;
	/** Time until the next run: a token that would be past its window by then is renewed now. */
	intervalMs: number;
}

export const DEFAULT_MONITOR_OPTIONS: MonitorOptions = {
	errorRate: 0.2,
	minCalls: 10,
	spikeFactor: 5,
	spikeMinCalls: 20,
	authFailureBurst: 5,
	intervalMs: DAY_MS,
};

/** What the monitor remembers between runs (the trigger's static data). */
export interface MonitorState extends IDataObject {
	lastRunAt?: number;
	/** n8n credentials of our types as last seen: id → "type|name|updatedAt". */
	credentials?: Record<string, string>;
	/** Per connection key: the workflows seen using it. */
	workflows?: Record<string, string[]>;
}

/** A credential selected in the monitor: it can read it and keep its token alive. */
export interface HeldCredential {
	id: string;
	name: string;
	type: string;
	info: ConnectionServiceInfo;
	read(): Promise<IDataObject>;
	/** OAuth2 refresh through n8n (persists the token). */
	refresh(): Promise<void>;
	/** Long-lived renewal at the provider, saved through n8n's API; resolves to the new expiry. */
	renew(): Promise<number | null>;
	/** Why `renew` cannot run (no API key, no credential id), else null. */
	cannotRenew(): string | null;
	/** 'refused' (only reconnecting helps), 'save' or 'retry'. */
	failureOf(error: unknown): 'refused' | 'save' | 'retry';
	/** The token's expiry as the provider tells it (`connection.tokenExpiry`): null for never. */
	expiry?(): Promise<number | null>;
}

/** A credential as n8n's public API lists it (no data). */
export interface N8nCredentialMeta {
	id: string;
	name: string;
	type: string;
	updatedAt?: string;
}

/** A vendor subscription (e.g. a webhook registration that expires) the monitor renews. */
export interface SubscriptionRenewal {
	serviceId: string;
	name: string;
	/** Renews if due; `renewed: false` when nothing was due. Throws when it fails. */
	renew(now: number): Promise<{ renewed: boolean; detail: string }>;
}

export interface MonitorContext {
	/** The services of the runtime the monitor runs in. */
	catalog: ServiceCatalog;
	store: ConnectionStore;
	workspace: string;
	now(): number;
	held: HeldCredential[];
	/** n8n's credentials (public API), or null when the API is not reachable with a key. */
	listCredentials?: () => Promise<N8nCredentialMeta[] | null>;
	subscriptions?: SubscriptionRenewal[];
	state: MonitorState;
	/** Who and where, for audit entries the monitor writes. */
	actor: AuditWhoWhere;
	audit(record: AuditRecord): Promise<void>;
	options?: Partial<MonitorOptions>;
	/** Warnings that are not about one connection (e.g. the credential list is unavailable). */
	warn?: (message: string) => void;
}

/**
 * How long before expiry a token is renewed: a share of its lifetime, 7 days for the seed's 60-day
 * tokens (7/60), never less than 5 minutes nor more than 7 days.
 */
export function renewalMarginMs(lifetimeMs: number | null): number {
	if (lifetimeMs === null || !(lifetimeMs > 0)) return 7 * DAY_MS;
	return Math.min(7 * DAY_MS, Math.max(5 * 60_000, Math.round((lifetimeMs * 7) / 60)));
}

/** Lifetime of a credential's token from `expires_in` (seconds), else null. */
export function tokenLifetimeMs(data: IDataObject): number | null {
	const token = data.oauthTokenData as IDataObject | undefined;
	const seconds = Number(token?.expires_in);
	return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
}

export function tokenExpiry(data: IDataObject): number | null {
	const token = data.oauthTokenData as IDataObject | undefined;
	if (!token) return null;
	const at = Number(token.n8n_expires_at);
	if (Number.isFinite(at) && at > 0) return at;
	const raw = Number(token.expires_at);
	return Number.isFinite(raw) && raw > 0 ? (raw < 1e12 ? raw * 1000 : raw) : null;
}

function hasRefreshToken(data: IDataObject): boolean {
	const token = data.oauthTokenData as IDataObject | undefined;
	return (
		data.grantType === 'clientCredentials' ||
		Boolean(token && typeof token.refresh_token === 'string' && token.refresh_token)
	);
}

/**
 * When a token that only a new sign-in renews stops working: the refresh token's expiry when the credential
 * holds one (the last token answer's time plus its `refresh_token_expires_in`, else the documented lifetime is
 * unknown from here), else the access token's expiry. Null when the credential does not say.
 */
export function reauthorizeDeadline(data: IDataObject): number | null {
	const expiresAt = tokenExpiry(data);
	if (!hasRefreshToken(data)) return expiresAt;
	const token = data.oauthTokenData as IDataObject;
	const refreshIn = Number(token.refresh_token_expires_in);
	const accessIn = Number(token.expires_in);
	if (expiresAt === null || !(refreshIn > 0) || !(accessIn > 0)) return null;
	return expiresAt - accessIn * 1000 + refreshIn * 1000;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const REVOKED = /invalid_grant|revoked|reconnect|unauthori[sz]ed_client|invalid_token/i;
const days = (ms: number): string => `${Math.round((ms / DAY_MS) * 10) / 10} days`;
const keyOf = (r: Pick<ConnectionRef, 'family' | 'credentialId'>): string =>
	`${r.family}|${r.credentialId}`;

function serviceOfType(catalog: ServiceCatalog, type: string): ConnectionServiceInfo | undefined {
	return catalog.all().find((s) => s.auth.some((a) => a.credentialType === type));
}

/** One run of the monitor's checks; returns one item per connection that needs attention. */
export async function runMonitor(ctx: MonitorContext): Promise<AttentionItem[]> {
	const options = { ...DEFAULT_MONITOR_OPTIONS, ...(ctx.options ?? {}) };
	const now = ctx.now();
	const checkedAt = new Date(now).toISOString();
	const rows = await ctx.store.listConnections(ctx.workspace, now);
	const items = new Map<string, AttentionItem[]>();
	const base = (
		r: { family: string; credentialId: string; credentialName: string; credentialType: string },
		info: ConnectionServiceInfo | undefined,
		serviceName: string,
		serviceId: string,
		account: string | null,
	) => ({
		service: info?.familyName ?? serviceName,
		serviceId,
		workspace: ctx.workspace,
		credential: r.credentialName,
		credentialId: r.credentialId,
		credentialType: r.credentialType,
		account,
		checkedAt,
	});
	const add = (key: string, item: AttentionItem) => {
		items.set(key, [...(items.get(key) ?? []), item]);
	};
	const audit = async (
		ref: { family: string; credentialId: string },
		serviceName: string,
		rest: Partial<AuditRecord> & Pick<AuditRecord, 'action'>,
	) =>
		await ctx.audit({
			at: now,
			workspace: ctx.workspace,
			family: ref.family,
			credentialId: ref.credentialId,
			serviceName,
			...ctx.actor,
			...rest,
		});

	// 1. Tokens of the credentials the monitor holds: refreshed or renewed inside their window.
	const heldKeys = new Set<string>();
	for (const h of ctx.held) {
		const ref = { family: h.info.family, credentialId: h.id };
		heldKeys.add(keyOf(ref));
		const row = rows.find((r) => keyOf(r) === keyOf(ref));
		const b = base(
			{ ...ref, credentialName: h.name, credentialType: h.type },
			h.info,
			h.info.familyName,
			h.info.id,
			row?.accountLabel ?? null,
		);
		const auditBase = { credentialType: h.type, credentialName: h.name };
		let data: IDataObject;
		try {
			data = await h.read();
		} catch (error) {
			add(keyOf(ref), {
				...b,
				reason: 'refreshFailed',
				detail: `The monitor could not read credential "${h.name}": ${(error as Error).message}`,
				fix: `Check that the credential "${h.name}" still exists and that this workflow's project may use it.`,
				tokenExpires: null,
			});
			continue;
		}
		if (h.expiry) {
			// A token made for a fixed time that nothing renews: ask the provider when it ends.
			const warnMs = h.info.tokenExpiry!.warnMs;
			try {
				const at = await h.expiry();
				if (at !== null && at - now <= warnMs)
					add(keyOf(ref), {
						...b,
						reason: at <= now ? 'expired' : 'expiring',
						detail:
							at <= now
								? `The token of "${h.name}" expired on ${iso(at)}; ${h.info.familyName} tokens are not renewed.`
								: `The token of "${h.name}" expires in ${days(at - now)} (${iso(at)}); ${h.info.familyName} tokens are not renewed.`,
						fix: `Make a new token at ${h.info.familyName} (or one that does not expire) and put it in the credential "${h.name}"${at <= now ? '' : ' before then'}.`,
						tokenExpires: iso(at),
					});
			} catch (error) {
				const message = (error as Error).message;
				add(keyOf(ref), {
					...b,
					reason:
						(error as { refused?: boolean }).refused || REVOKED.test(message)
							? 'revoked'
							: 'refreshFailed',
					detail: `Asking ${h.info.familyName} when the token of "${h.name}" expires failed: ${message}`,
					fix: `Test the credential "${h.name}" in n8n; if ${h.info.familyName} refuses the token, make a new one.`,
					tokenExpires: null,
				});
			}
		}
		const expiresAt = tokenExpiry(data);
		// The spec's renewal keeps the token: a long-lived one without a refresh token, or (a refresh-token
		// renewal, for a token endpoint n8n's refresh cannot speak to) one with a refresh token.
		const viaRefresh = h.info.tokenRenewal?.refreshToken === true;
		const longLived =
			Boolean(h.info.tokenRenewal) && (viaRefresh ? hasRefreshToken(data) : !hasRefreshToken(data));
		if (longLived) {
			if (expiresAt === null) continue;
			const margin = h.info.tokenRenewal?.marginMs ?? renewalMarginMs(tokenLifetimeMs(data));
			const left = expiresAt - now;
			if (left <= 0 && !viaRefresh) {
				add(keyOf(ref), {
					...b,
					reason: 'expired',
					detail: `The token of "${h.name}" expired on ${iso(expiresAt)}; long-lived tokens cannot be renewed after expiry.`,
					fix: `Open the credential "${h.name}" in n8n and sign in again (Connect my account).`,
					tokenExpires: iso(expiresAt),
				});
				continue;
			}
			// Renew inside the window, or now if the next run would come too late.
			if (left > Math.max(margin, options.intervalMs + HOUR_MS)) continue;
			const blocked = h.cannotRenew();
			if (blocked) {
				add(keyOf(ref), {
					...b,
					reason: 'expiring',
					detail: `The token of "${h.name}" expires in ${days(left)} (${iso(expiresAt)}) and the monitor cannot renew it: ${blocked}`,
					fix: blocked,
					tokenExpires: iso(expiresAt),
				});
				continue;
			}
			try {
				const renewed = await h.renew();
				await audit(ref, h.info.familyName, {
					...auditBase,
					action: 'refreshed',
					detail: `Connections Monitor renewed the ${viaRefresh ? 'access' : 'long-lived'} token ${left > 0 ? `${days(left)} before it expired` : 'after it expired'}; new token valid until ${iso(renewed) ?? 'unknown'}`,
				});
			} catch (error) {
				const failure = h.failureOf(error);
				const message = (error as Error).message;
				add(keyOf(ref), {
					...b,
					reason: failure === 'refused' ? 'revoked' : 'refreshFailed',
					detail:
						failure === 'refused'
							? `${h.info.familyName} refused to renew the token of "${h.name}" (valid until ${iso(expiresAt)}): ${message}`
							: `Renewing the token of "${h.name}" failed (it is valid until ${iso(expiresAt)}; tried again on the next run): ${message}`,
					fix:
						failure === 'refused'
							? `Open the credential "${h.name}" in n8n and sign in again.`
							: failure === 'save'
								? 'Check N8N_API_CONNECTIONS_N8N_API_KEY (an n8n API key with the credential:update scope) and N8N_API_CONNECTIONS_N8N_API_URL.'
								: `Nothing to do yet; if it keeps failing, check that ${h.info.familyName} is reachable.`,
					tokenExpires: iso(expiresAt),
				});
			}
			continue;
		}
		const reauth = h.info.reauthorize;
		const deadline = reauth ? reauthorizeDeadline(data) : null;
		if (reauth && deadline !== null && deadline - now <= reauth.warnMs) {
			const which = hasRefreshToken(data) ? 'refresh token' : 'token';
			add(keyOf(ref), {
				...b,
				reason: deadline <= now ? 'expired' : 'expiring',
				detail:
					deadline <= now
						? `The ${which} of "${h.name}" expired on ${iso(deadline)}; ${h.info.familyName} renews it only when the member signs in again.`
						: `The ${which} of "${h.name}" expires in ${days(deadline - now)} (${iso(deadline)}); ${h.info.familyName} renews it only when the member signs in again.`,
				fix: `Open the credential "${h.name}" in n8n and sign in again (Connect my account)${deadline <= now ? '' : ' before then'}.`,
				tokenExpires: iso(deadline),
			});
			if (deadline <= now) continue;
		}
		if (!hasRefreshToken(data)) continue;
		// A refresh keeps the refresh token alive too (some providers drop unused ones): refresh whenever the
		// access token would expire before the next run is past its margin.
		const margin = renewalMarginMs(tokenLifetimeMs(data));
		if (expiresAt !== null && expiresAt - now > options.intervalMs + margin) continue;
		try {
			await h.refresh();
			const after = tokenExpiry(await h.read().catch(() => ({})));
			await audit(ref, h.info.familyName, {
				...auditBase,
				action: 'refreshed',
				detail: `Connections Monitor refreshed the access token${expiresAt === null ? '' : expiresAt > now ? `, ${Math.round((expiresAt - now) / 1000)} s before it expired` : `, which had expired on ${iso(expiresAt)}`}; new token valid until ${iso(after) ?? 'unknown'}`,
			});
		} catch (error) {
			const message = (error as Error).message;
			const revoked = REVOKED.test(message);
			add(keyOf(ref), {
				...b,
				reason: revoked ? 'revoked' : 'refreshFailed',
				detail: `Refreshing the token of "${h.name}" failed: ${message}`,
				fix: revoked
					? `The provider no longer accepts the refresh token: open the credential "${h.name}" in n8n and reconnect it.`
					: 'Tried again on the next run; if it keeps failing, test the credential in n8n.',
				tokenExpires: iso(expiresAt),
			});
		}
	}

	// 2. Every connection the store knows: expiry of tokens nobody here can renew, error rate, unusual activity.
	const lastRunAt = ctx.state.lastRunAt;
	const recentSince = Math.max(lastRunAt ?? now - DAY_MS, now - DAY_MS);
	const knownWorkflows = { ...(ctx.state.workflows ?? {}) };
	for (const row of rows) {
		const info = ctx.catalog.get(row.serviceId);
		const key = keyOf(row);
		const b = base(row, info, row.serviceName, row.serviceId, row.accountLabel);
		const expires = row.usage.tokenExpiresAt;
		// (An access token a refresh-token renewal keeps expires daily by design: nothing to warn about.)
		const warnMs = info?.tokenRenewal?.refreshToken
			? undefined
			: (info?.tokenRenewal?.marginMs ?? info?.reauthorize?.warnMs);
		if (!heldKeys.has(key) && warnMs !== undefined && expires !== null) {
			const left = expires - now;
			if (left <= 0)
				add(key, {
					...b,
					reason: 'expired',
					detail: `The token of "${row.credentialName}" expired on ${iso(expires)}.`,
					fix: `Open the credential "${row.credentialName}" in n8n and sign in again.`,
					tokenExpires: iso(expires),
				});
			else if (left <= warnMs)
				add(key, {
					...b,
					reason: 'expiring',
					detail: `The token of "${row.credentialName}" expires in ${days(left)} (${iso(expires)}).`,
					fix: info?.tokenRenewal
						? `Select "${row.credentialName}" in the Connections Monitor's credential field so the monitor renews it, or reconnect it in n8n before then.`
						: `Reconnect "${row.credentialName}" in n8n (sign in again) before then; if its app has refresh tokens, select it in the Connections Monitor's credential field so the monitor refreshes it.`,
					tokenExpires: iso(expires),
				});
		}
		const u = row.usage;
		if (u.calls24h >= options.minCalls && u.failures24h / u.calls24h >= options.errorRate)
			add(key, {
				...b,
				reason: 'failing',
				detail: `${u.failures24h} of ${u.calls24h} calls failed in the last 24 h (${Math.round((u.failures24h / u.calls24h) * 100)} %)${u.lastError ? `; last error: ${u.lastError}` : ''}.`,
				fix: `Open Connections → Get Error Log for ${b.service} to see what fails.`,
				tokenExpires: iso(expires),
			});
		for (const finding of await unusualActivity(
			ctx,
			row,
			options,
			now,
			recentSince,
			knownWorkflows,
		))
			add(key, {
				...b,
				reason: 'unusualActivity',
				detail: finding,
				fix: `Check who runs the workflows that use "${row.credentialName}" (Connections → Get Audit Log, n8n's executions list); if it is not expected, disconnect the connection and rotate the credential.`,
				tokenExpires: iso(expires),
			});
	}
	ctx.state.workflows = knownWorkflows;

	// 3. Vendor subscriptions that expire.
	for (const s of ctx.subscriptions ?? []) {
		const info = ctx.catalog.get(s.serviceId);
		const ref = { family: info?.family ?? s.serviceId, credentialId: `subscription:${s.name}` };
		try {
			const r = await s.renew(now);
			if (r.renewed)
				await audit(ref, info?.familyName ?? s.serviceId, {
					action: 'subscriptionRenewed',
					detail: r.detail,
				});
		} catch (error) {
			add(keyOf(ref), {
				...base(
					{ ...ref, credentialName: s.name, credentialType: '' },
					info,
					s.serviceId,
					s.serviceId,
					null,
				),
				reason: 'subscriptionFailed',
				detail: `Renewing the ${info?.familyName ?? s.serviceId} subscription "${s.name}" failed: ${(error as Error).message}`,
				fix: 'Deactivate and activate the workflow of the subscription’s trigger to register it again.',
				tokenExpires: null,
			});
		}
	}

	// 4. What changed in n8n's credentials since the last run.
	await credentialChanges(ctx, now);

	ctx.state.lastRunAt = now;
	const out = [...items.values()].flat();
	for (const item of out)
		await audit(
			{
				family: serviceOfType(ctx.catalog, item.credentialType)?.family ?? item.serviceId,
				credentialId: item.credentialId,
			},
			item.service,
			{
				action: 'attention',
				credentialType: item.credentialType || undefined,
				credentialName: item.credential,
				accountLabel: item.account ?? undefined,
				detail: `${item.reason}: ${item.detail}`,
			},
		);
	return out;
}

/**
 * Unusual activity of one connection since the last run (at most the last 24 h):
 * - an hour with at least `spikeFactor` times the connection's own average calls per hour over the 7 days
 *   before (and at least `spikeMinCalls` calls); a connection without that history has no baseline yet;
 * - `authFailureBurst` or more 401/403 answers within one hour;
 * - a workflow using the connection that never used it before (from the second run on).
 */
async function unusualActivity(
	ctx: MonitorContext,
	row: ConnectionRow,
	s: MonitorOptions,
	now: number,
	since: number,
	known: Record<string, string[]>,
): Promise<string[]> {
	const out: string[] = [];
	const hours = await ctx.store.hourlyUsage(row, since - 7 * DAY_MS, now);
	const baseline = hours.filter((h) => h.hour < Math.floor(since / HOUR_MS) * HOUR_MS);
	if (baseline.length) {
		const average = baseline.reduce((sum, h) => sum + h.calls, 0) / (7 * 24);
		const threshold = Math.max(s.spikeMinCalls, s.spikeFactor * average);
		const peak = hours
			.filter((h) => h.hour >= Math.floor(since / HOUR_MS) * HOUR_MS)
			.reduce<{ hour: number; calls: number } | null>(
				(top, h) => (h.calls >= threshold && (!top || h.calls > top.calls) ? h : top),
				null,
			);
		if (peak)
			out.push(
				`${peak.calls} calls in the hour from ${iso(peak.hour)}, against ${Math.round(average * 10) / 10} per hour on average over the 7 days before.`,
			);
	}
	const errors = await ctx.store.queryErrors({
		workspace: row.workspace,
		families: [row.family],
		sinceMs: since,
		untilMs: now,
		limit: 10_000,
	});
	const perHour = new Map<number, number>();
	for (const e of errors)
		if (e.credentialId === row.credentialId && (e.status === 401 || e.status === 403))
			perHour.set(
				Math.floor(e.at / HOUR_MS) * HOUR_MS,
				(perHour.get(Math.floor(e.at / HOUR_MS) * HOUR_MS) ?? 0) + 1,
			);
	const burst = [...perHour.entries()].sort((a, b) => b[1] - a[1])[0];
	if (burst && burst[1] >= s.authFailureBurst)
		out.push(
			`${burst[1]} answers 401/403 (refused credentials or permissions) in the hour from ${iso(burst[0])}.`,
		);
	const key = keyOf(row);
	const recent = await ctx.store.recentExecutions(row, since);
	const before = known[key];
	const seen = new Set(before ?? []);
	const fresh = recent.workflowIds.filter((w) => w && !seen.has(w));
	// The first run learns which workflows use each connection; later ones report newcomers.
	if (before !== undefined && fresh.length)
		out.push(
			`First use by workflow${fresh.length > 1 ? 's' : ''} ${fresh.map((w) => `"${w}"`).join(', ')}, which never used this connection before.`,
		);
	known[key] = [...seen, ...fresh];
	return out;
}

/** Audit entries for credentials of our types created, changed or deleted in n8n since the last run. */
async function credentialChanges(ctx: MonitorContext, now: number): Promise<void> {
	if (!ctx.listCredentials) return;
	let list: N8nCredentialMeta[] | null;
	try {
		list = await ctx.listCredentials();
	} catch (error) {
		ctx.warn?.(`n8n's credential list could not be read: ${(error as Error).message}`);
		return;
	}
	if (!list) return;
	const ours = new Map<string, N8nCredentialMeta>();
	for (const c of list) if (serviceOfType(ctx.catalog, c.type)) ours.set(String(c.id), c);
	const current: Record<string, string> = {};
	for (const [id, c] of ours) current[id] = `${c.type}|${c.name}|${c.updatedAt ?? ''}`;
	const previous = ctx.state.credentials;
	ctx.state.credentials = current;
	if (!previous) return; // the first run learns what exists
	const entry = async (
		id: string,
		type: string,
		name: string,
		action: AuditRecord['action'],
		detail: string,
	) => {
		const info = serviceOfType(ctx.catalog, type);
		await ctx.audit({
			at: now,
			workspace: ctx.workspace,
			family: info?.family ?? type,
			credentialId: id,
			serviceName: info?.familyName ?? type,
			credentialType: type,
			credentialName: name,
			action,
			detail,
			...ctx.actor,
		});
	};
	for (const [id, c] of ours) {
		const was = previous[id];
		if (was === undefined)
			await entry(
				id,
				c.type,
				c.name,
				'credentialCreated',
				`created in n8n${c.updatedAt ? ` (${c.updatedAt})` : ''}; seen by the Connections Monitor`,
			);
		else if (was !== current[id]) {
			const [, oldName] = was.split('|');
			await entry(
				id,
				c.type,
				c.name,
				'credentialUpdated',
				`changed in n8n${oldName !== c.name ? ` (renamed from "${oldName}")` : ''}${c.updatedAt ? ` at ${c.updatedAt}` : ''}; seen by the Connections Monitor`,
			);
		}
	}
	for (const [id, was] of Object.entries(previous))
		if (!ours.has(id)) {
			const [type, name] = was.split('|');
			await entry(
				id,
				type,
				name,
				'credentialDeleted',
				'deleted in n8n; seen by the Connections Monitor',
			);
		}
}
