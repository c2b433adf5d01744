/**
 * The services the connections features know, read by the request observer (account request,
 * exclusivity, token renewal) and the Connections node (test, revoke, limits). A request for a service
 * outside the catalog still works: it is exclusive, labelled by its credential name, and has no revoke
 * endpoint.
 */
import type { RateLimitPolicy } from '../limits/policy';
import type { AccountSpec, AuthKind, HttpMethod, ServiceSpec } from '../spec/types';
import { readPath } from '../transport/path';
import type {
	ConnectionSpec,
	ReauthorizeSpec,
	RevokeSpec,
	TokenExpirySpec,
	TokenRenewalSpec,
} from './types';

export interface ConnectionServiceInfo {
	id: string;
	displayName: string;
	/** Service type for the workspace rule. */
	family: string;
	/** Name shown for the service type. */
	familyName: string;
	baseUrl: string;
	auth: Array<{ kind: AuthKind; credentialType: string; displayName: string }>;
	credentialTest: { method: HttpMethod; path: string; baseUrl?: string };
	account?: AccountSpec;
	rateLimit?: RateLimitPolicy;
	exclusive: boolean;
	/** The spec's revoke requests (empty: none). */
	revoke: RevokeSpec[];
	tokenRenewal?: TokenRenewalSpec;
	/** Lifetimes of tokens only a new sign-in renews: the monitor warns before they end. */
	reauthorize?: ReauthorizeSpec;
	/** Where the provider tells a token's expiry, for tokens nothing renews. */
	tokenExpiry?: TokenExpirySpec;
	/** The spec itself, for building the engine identity. */
	spec: ServiceSpec;
}

/** What the connections features know of one service, from its spec. */
export function catalogEntry(spec: ServiceSpec): ConnectionServiceInfo {
	const facts: ConnectionSpec = spec.connection ?? {};
	return {
		id: spec.id,
		displayName: spec.displayName,
		family: spec.family ?? spec.id,
		familyName: facts.familyName ?? spec.displayName,
		baseUrl: spec.baseUrl,
		auth: spec.auth.map(({ kind, credentialType, displayName }) => ({
			kind,
			credentialType,
			displayName,
		})),
		credentialTest: {
			method: spec.credentialTest.method ?? 'GET',
			path: spec.credentialTest.path,
			...(spec.credentialTest.baseUrl ? { baseUrl: spec.credentialTest.baseUrl } : {}),
		},
		account: spec.account,
		rateLimit: spec.rateLimit,
		exclusive: facts.exclusive ?? true,
		revoke: facts.revoke ? [facts.revoke].flat() : [],
		tokenRenewal: facts.tokenRenewal,
		reauthorize: facts.reauthorize,
		tokenExpiry: facts.tokenExpiry,
		spec,
	};
}

/**
 * The services a runtime knows: an explicit list, given to the runtime when it is built
 * (`createRuntime({ services })`; the package passes `nodes/services.ts`). Nothing registers itself.
 */
export class ServiceCatalog {
	private readonly byId = new Map<string, ConnectionServiceInfo>();

	constructor(readonly specs: readonly ServiceSpec[] = []) {
		// A later spec of the same id replaces an earlier one.
		for (const spec of specs) this.byId.set(spec.id, catalogEntry(spec));
	}

	get(id: string): ConnectionServiceInfo | undefined {
		return this.byId.get(id);
	}

	all(): ConnectionServiceInfo[] {
		return [...this.byId.values()];
	}

	get size(): number {
		return this.byId.size;
	}
}

/** The rate limit as calls per 24 h (the dashboard's "calls 24 h / limit"). */
export function dailyLimit(policy: RateLimitPolicy | undefined): number | null {
	if (!policy || !(policy.requests > 0) || !(policy.windowMs > 0)) return null;
	return Math.floor((policy.requests * 86_400_000) / policy.windowMs);
}

/** "200 per hour", "10 per 1 s": the policy in words. */
export function describeLimit(policy: RateLimitPolicy | undefined): string | null {
	if (!policy || !(policy.requests > 0) || !(policy.windowMs > 0)) return null;
	const w = policy.windowMs;
	const units: Array<[number, string]> = [
		[86_400_000, 'day'],
		[3_600_000, 'hour'],
		[60_000, 'minute'],
		[1000, 'second'],
	];
	for (const [ms, unit] of units) {
		if (w % ms === 0)
			return w === ms
				? `${policy.requests} per ${unit}`
				: `${policy.requests} per ${w / ms} ${unit}s`;
	}
	return `${policy.requests} per ${w} ms`;
}

/** The account label in a "who am I" answer: the first of the spec's label paths that holds a string or number. */
export function accountLabel(body: unknown, account: AccountSpec): string | number | undefined {
	for (const path of [account.labelPath].flat()) {
		const value = readPath(body, path);
		if (typeof value === 'string' || typeof value === 'number') return value;
	}
	return undefined;
}
