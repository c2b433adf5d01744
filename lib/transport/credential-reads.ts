/**
 * A node execution's credential, read from n8n once and used by all of its items and requests.
 *
 * Why: every `getCredentials` is, in a real n8n, a database query, a decryption and the resolution of the
 * credential's expressions; so is the read inside `httpRequestWithAuthentication`. With two reads per request,
 * the items of a worker's executions queue on n8n's database pool: traced on the benchmark's queue row (n8n
 * 2.41.1, Postgres, 100 items starting on a worker), a read took 20–124 ms, and a request granted its budget
 * slot left its worker up to 180 ms later.
 *
 * Kept per node execution (a poll's functions, made once per activation, are not one), and only for
 * credentials n8n cannot change during an execution (`mayGainToken` false: no OAuth2 token, no
 * token grant); the others are read each time, since n8n's OAuth2 signing may refresh them between requests.
 * The values are those n8n's own authenticated request uses: it reads the credential with no item, that is with
 * the first item's expressions; so one read per execution changes nothing that is sent.
 */
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IDataObject,
} from 'n8n-workflow';

import { mayGainToken } from './redact';

export interface CredentialFunctions {
	getCredentials<T extends object = IDataObject>(type: string, itemIndex?: number): Promise<T>;
	getNode(): { credentials?: Record<string, { id: string | null; name: string }> };
	/** Only a node execution's functions have it; a poll's or a trigger's live as long as the activation. */
	getInputData?: unknown;
}

interface Read {
	pending: Promise<IDataObject>;
	/** Set once read, for a credential that cannot change during the execution. */
	kept?: Readonly<IDataObject>;
}

/** Per node execution (its functions object, one per run of a node), per credential type. */
const reads = new WeakMap<object, Map<string, Read>>();

/** The execution's credential of `type`: read once while it cannot change, else read now. */
export async function executionCredential(
	fn: CredentialFunctions,
	type: string,
): Promise<IDataObject> {
	// Outside a node execution the functions may outlive an edit of the credential: read it every time.
	if (typeof fn.getInputData !== 'function') return await fn.getCredentials<IDataObject>(type);
	let perFn = reads.get(fn);
	if (!perFn) {
		perFn = new Map();
		reads.set(fn, perFn);
	}
	const known = perFn.get(type);
	if (known) return await known.pending;
	const read: Read = {
		pending: fn.getCredentials<IDataObject>(type).then(
			(data) => {
				if (mayGainToken(data)) perFn.delete(type);
				else read.kept = Object.freeze({ ...data });
				return read.kept ?? data;
			},
			(error: unknown) => {
				// A failed read is not kept: the next item tries again and reports its own error.
				perFn.delete(type);
				throw error;
			},
		),
	};
	perFn.set(type, read);
	return await read.pending;
}

/**
 * n8n's options for an authenticated request with the credential already read (no second read); empty until it
 * was read, and for a credential that may change (n8n then reads it, refreshing an OAuth2 token as it does).
 * A copy: n8n's `preAuthentication` writes into what it is given.
 */
export function alreadyRead(
	fn: CredentialFunctions,
	type: string,
): Pick<IAdditionalCredentialOptions, 'credentialsDecrypted'> {
	const kept = reads.get(fn)?.get(type)?.kept;
	if (!kept) return {};
	const ref = fn.getNode().credentials?.[type];
	return {
		credentialsDecrypted: {
			id: ref?.id ?? '',
			name: ref?.name ?? '',
			type,
			data: { ...kept } as ICredentialDataDecryptedObject,
		},
	};
}
