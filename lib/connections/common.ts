/**
 * What the three connections features (workspace rule, token keeper, usage log) share: the store, the
 * clock, the settings, the workspace of a request, the audit trail, and how a request names its credential.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Clock } from '../limits/clock';
import type { Settings } from '../settings';
import type { ServiceCatalog } from './catalog';
import { nodeOf } from '../transport/node';
import type { RequestEvent } from '../transport/observer';
import type { ConnectionStore } from './store';
import type { AuditRecord, ConnectionRef } from './types';
import type { UsageRecorderOptions } from './usage';
import type { Workspace } from './workspace';

const internal = new AsyncLocalStorage<boolean>();

/** Run requests the connections features send themselves; the observers let them through untouched. */
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
	/** Environment to read settings from (tests); default: the settings of the runtime that composed the observer. */
	env?: NodeJS.ProcessEnv;
}

/** The credential of a request as the node names it. */
export interface CredentialRef {
	type: string;
	/** n8n credential id, else `name:<name>`. */
	id: string;
	name: string;
}

export function credentialOf(
	fn: Pick<IExecuteFunctions, 'getNode'>,
	type: string,
): CredentialRef | undefined {
	const details = nodeOf(fn).credentials?.[type];
	if (!details) return undefined;
	return { type, id: details.id ? String(details.id) : `name:${details.name}`, name: details.name };
}

/**
 * Expiry of an OAuth2 credential's access token (n8n's `oauthTokenData.n8n_expires_at`), or null. A provider
 * that answers the expiry as an ISO 8601 date in `expires_at` instead of an `expires_in` (n8n notes no expiry
 * then) is read from that date. With `orProviderExpiry`, a numeric `expires_at` (seconds or milliseconds)
 * counts too when n8n noted none.
 */
export function tokenExpiryOf(
	data: IDataObject | undefined,
	orProviderExpiry = false,
): number | null {
	const token = data?.oauthTokenData;
	if (!token || typeof token !== 'object') return null;
	const t = token as IDataObject;
	const at = Number(t.n8n_expires_at);
	if (Number.isFinite(at) && at > 0) return at;
	if (typeof t.expires_at === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(t.expires_at)) {
		const date = Date.parse(t.expires_at);
		if (Number.isFinite(date)) return date;
	}
	const raw = orProviderExpiry ? Number(t.expires_at) : NaN;
	return Number.isFinite(raw) && raw > 0 ? (raw < 1e12 ? raw * 1000 : raw) : null;
}

/** What each feature reads from the connections observer that composes it. */
export interface ConnectionsCore {
	readonly options: ConnectionsObserverOptions;
	/** The operator's settings, as the runtime reads them (lib/settings.ts). */
	settings(): Settings;
	/** The services of the runtime that composed the observer. */
	readonly catalog: ServiceCatalog;
	store(): ConnectionStore;
	now(): number;
	workspace(fn: Pick<IExecuteFunctions, 'getInstanceId' | 'getWorkflow'>): Workspace;
	/** Audit entry; a store failure here does not fail the operation that caused it. */
	audit(record: AuditRecord): Promise<void>;
	refOf(event: RequestEvent, cred: CredentialRef): ConnectionRef;
}
