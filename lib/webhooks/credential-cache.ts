/**
 * A trigger's credential (its signing secret), read once per short period instead of once per delivery.
 *
 * Why: n8n 2.41 decrypts a credential read in the webhook phase (`getCredentials`, which has no run to resolve
 * expressions against) through `CredentialsHelper.applyDefaultsAndOverwrites`, which builds a workflow of its
 * own and takes an expression isolate for it. Every isolate taken is a new one (the pool hands a bridge out,
 * disposes it on release and builds the next), so a read per delivery cost a delivery one isolate build more:
 * measured on the benchmark's webhook row, the largest single cost of a verified delivery after n8n's own.
 *
 * Kept per process, keyed by workflow, node, credential type and credential id (never by a secret), at most
 * `CREDENTIAL_CACHE_MS`; never in test mode ("Listen for test event": the user may be editing the credential).
 * Callers check a delivery again with a fresh read when the cached value fails it (`fresh: true`), so a
 * changed secret is accepted at once; the replaced one is still accepted for at most `CREDENTIAL_CACHE_MS`
 * after the change (senders that rotate secrets commonly sign with both for far longer).
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { VerifyFailureReason } from './signature';

/** How long a read credential is used before it is read again. */
export const CREDENTIAL_CACHE_MS = 10_000;
/** Credentials kept at most (the oldest read is dropped first). */
const MAX_ENTRIES = 500;

/** The parts of n8n's webhook (or hook) functions a read uses. */
export interface CredentialReader {
	getNode(): INode;
	getCredentials<T extends object = IDataObject>(type: string): Promise<T>;
	getWorkflow?(): { id?: string | null };
	getMode?(): string;
}

interface Entry {
	data: IDataObject;
	readAtMs: number;
}

const entries = new Map<string, Entry>();

/** Verification failures another secret could turn into a pass: worth one fresh read of a cached secret. */
export const SECRET_DEPENDENT: ReadonlySet<VerifyFailureReason> = new Set<VerifyFailureReason>([
	'bad-signature',
	'missing-secret',
]);

export interface CredentialReadOptions {
	/** Read it from n8n now (and keep that), e.g. after the cached value failed a delivery. */
	fresh?: boolean;
	/** Current time in ms (tests). */
	now?: number;
}

/**
 * The node's credential of `type`, from the cache while it is fresh. `cached` says whether it came from the
 * cache (a failed check is worth repeating with `fresh: true` only then).
 */
export async function readTriggerCredential<T extends object = IDataObject>(
	fn: CredentialReader,
	type: string,
	options: CredentialReadOptions = {},
): Promise<{ data: T; cached: boolean }> {
	const key = cacheKey(fn, type);
	const now = options.now ?? Date.now();
	if (key === undefined) return { data: await fn.getCredentials<T>(type), cached: false };
	const hit = entries.get(key);
	if (!options.fresh && hit && now - hit.readAtMs >= 0 && now - hit.readAtMs < CREDENTIAL_CACHE_MS)
		return { data: hit.data as T, cached: true };
	const data = await fn.getCredentials<T>(type);
	entries.delete(key);
	entries.set(key, { data: Object.freeze({ ...data }) as IDataObject, readAtMs: now });
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
	return { data, cached: false };
}

/** Forgets every cached credential (tests; a credential known to have changed). */
export function clearTriggerCredentials(): void {
	entries.clear();
}

/** Undefined when the read must not be cached: test mode, or a node without that credential selected. */
function cacheKey(fn: CredentialReader, type: string): string | undefined {
	if (fn.getMode?.() === 'manual') return undefined;
	const node = fn.getNode();
	const id = node.credentials?.[type]?.id;
	if (!id) return undefined;
	return [fn.getWorkflow?.().id ?? '', node.id ?? node.name, type, id].join('\u0000');
}
