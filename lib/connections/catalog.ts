/**
 * The services the connections features know: filled from service specs (`registerService`), read by
 * the request observer (account request, exclusivity) and the Connections node (test, revoke, limits).
 * A request for a service nobody registered still works: it is exclusive, labelled by its credential
 * name, and has no revoke endpoint.
 */
import type { RateLimitPolicy } from '../limits/policy';
import type { AuthKind, HttpMethod, ServiceSpec } from '../spec/types';
import type { ConnectionSpec, RevokeSpec, TokenRenewalSpec } from './types';

export interface ConnectionServiceInfo {
	id: string;
	displayName: string;
	/** Service type for the workspace rule. */
	family: string;
	/** Name shown for the service type. */
	familyName: string;
	baseUrl: string;
	auth: Array<{ kind: AuthKind; credentialType: string; displayName: string }>;
	credentialTest: { method: HttpMethod; path: string };
	account?: { path: string; labelPath: string };
	rateLimit?: RateLimitPolicy;
	exclusive: boolean;
	revoke?: RevokeSpec;
	tokenRenewal?: TokenRenewalSpec;
	/** The spec itself, for building the engine identity. */
	spec: ServiceSpec;
}

/** A spec, possibly carrying the connection facts (`connection`) before `ServiceSpec` declares them. */
export type SpecWithConnection = ServiceSpec & { connection?: ConnectionSpec };

const services = new Map<string, ConnectionServiceInfo>();

/** Make a service known (idempotent; a later registration of the same id replaces the earlier one). */
export function registerService(
	spec: SpecWithConnection,
	connection: ConnectionSpec = {},
): ConnectionServiceInfo {
	const facts: ConnectionSpec = { ...(spec.connection ?? {}), ...connection };
	const info: ConnectionServiceInfo = {
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
		credentialTest: { method: spec.credentialTest.method ?? 'GET', path: spec.credentialTest.path },
		account: spec.account,
		rateLimit: spec.rateLimit,
		exclusive: facts.exclusive ?? true,
		revoke: facts.revoke,
		tokenRenewal: facts.tokenRenewal,
		spec,
	};
	services.set(spec.id, info);
	return info;
}

export function registerServices(specs: SpecWithConnection[]): void {
	for (const spec of specs) registerService(spec);
}

export function serviceInfo(id: string): ConnectionServiceInfo | undefined {
	return services.get(id);
}

export function registeredServices(): ConnectionServiceInfo[] {
	return [...services.values()];
}

/** Forget every registration (tests). */
export function clearServices(): void {
	services.clear();
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
