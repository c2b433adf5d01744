/**
 * Signing secrets a trigger keeps between activation and deliveries (a generated secret, or one the
 * service issued at registration). n8n's REST API returns a workflow's static data to anyone who can
 * read the workflow, so the secret is stored there only sealed: AES-256-GCM under a key derived (HKDF)
 * from the n8n instance's encryption key, which only the server process holds. The key is read where
 * n8n reads it (n8n-core InstanceSettings): N8N_ENCRYPTION_KEY (or N8N_ENCRYPTION_KEY_FILE), else
 * `encryptionKey` in `<N8N_USER_FOLDER or home>/.n8n/config`.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { TriggerState } from '../spec/types';
import { loadState, saveState, stateKey, type TriggerFunctions } from './common';

/** The label the key is derived for: a key for nothing else, and the GCM associated data. */
const PURPOSE = 'n8n-nodes-api-connections: trigger signing secret v1';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What is kept in static data: the state without `secret`, plus the sealed secret. */
type StoredState = Omit<TriggerState, 'secret'> & { sealedSecret?: string; secret?: string };

interface SealingFunctions extends TriggerFunctions {
	logger?: { warn(message: string, meta?: object): void };
}

interface KeySource {
	/** n8n's encryption key, when found. */
	key?: string;
	/** Where it was looked for, for the error message. */
	looked: string;
}

/** n8n's settings file, exactly as @n8n/config's getN8nFolder() places it. */
function settingsFile(env: NodeJS.ProcessEnv): string {
	const home =
		env.N8N_USER_FOLDER ??
		(process.platform === 'win32' ? env.USERPROFILE : env.HOME) ??
		process.cwd();
	return join(home, '.n8n', 'config');
}

/** n8n's own encryption key, from the same places and in the same order n8n reads it. */
export function findInstanceKey(env: NodeJS.ProcessEnv = process.env): KeySource {
	if (env.N8N_ENCRYPTION_KEY) return { key: env.N8N_ENCRYPTION_KEY, looked: 'N8N_ENCRYPTION_KEY' };
	const keyFile = env.N8N_ENCRYPTION_KEY_FILE;
	if (keyFile && existsSync(keyFile)) {
		const key = readFileSync(keyFile, 'utf8').trim();
		if (key) return { key, looked: keyFile };
	}
	const file = settingsFile(env);
	const looked = `N8N_ENCRYPTION_KEY, ${file}`;
	try {
		const settings = JSON.parse(readFileSync(file, 'utf8')) as { encryptionKey?: unknown };
		if (typeof settings.encryptionKey === 'string' && settings.encryptionKey !== '')
			return { key: settings.encryptionKey, looked };
	} catch {
		// missing or unreadable: reported by the caller as "no key"
	}
	return { looked };
}

const derived = new Map<string, Buffer>();

/** The AES key for trigger secrets, derived from n8n's key (cached per n8n key), or undefined. */
export function sealingKey(): Buffer | undefined {
	const { key } = findInstanceKey();
	if (!key) return undefined;
	let aes = derived.get(key);
	if (!aes) {
		aes = Buffer.from(hkdfSync('sha256', Buffer.from(key, 'utf8'), Buffer.alloc(0), PURPOSE, 32));
		derived.set(key, aes);
	}
	return aes;
}

/** Fails (cause and fix in the message: n8n shows only the message of an activation error) when no key is found. */
export function requireSealingKey(fn: TriggerFunctions, displayName: string): Buffer {
	const key = sealingKey();
	if (key) return key;
	const { looked } = findInstanceKey();
	throw new NodeOperationError(
		fn.getNode(),
		`The ${displayName} trigger cannot keep its signing secret: no n8n encryption key was found (looked in ${looked}). ` +
			"Set N8N_ENCRYPTION_KEY to this n8n instance's encryption key, then activate the workflow again.",
		{
			description:
				"The secret is stored only encrypted with a key derived from n8n's encryption key; without that key it is not stored at all.",
		},
	);
}

export function sealSecret(key: Buffer, secret: string): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(PURPOSE, 'utf8'));
	const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The secret, or undefined when it was sealed under another key or altered (GCM authenticates it). */
export function openSecret(key: Buffer, sealed: string): string | undefined {
	const [version, data] = sealed.split('.', 2);
	if (version !== VERSION || !data) return undefined;
	const raw = Buffer.from(data, 'base64url');
	if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
		decipher.setAAD(Buffer.from(PURPOSE, 'utf8'));
		decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
		return Buffer.concat([
			decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
			decipher.final(),
		]).toString('utf8');
	} catch {
		return undefined;
	}
}

/**
 * Static data written before secrets were sealed holds `secret` in plain text: seal it in every slot
 * (production and test) as soon as a key is available. Without a key it is left as it was.
 */
function migratePlaintext(fn: SealingFunctions, key: Buffer | undefined): void {
	if (!key) return;
	const data = fn.getWorkflowStaticData('node');
	for (const slot of ['production', 'test'] as const) {
		const stored = data[slot] as StoredState | undefined;
		if (!stored || typeof stored !== 'object' || typeof stored.secret !== 'string') continue;
		const { secret, ...rest } = stored;
		// Replaced as a whole: n8n notices assignments to static data, not edits inside its objects.
		data[slot] = {
			...rest,
			...(secret ? { sealedSecret: sealSecret(key, secret) } : {}),
		} as IDataObject;
	}
}

/**
 * This activation's state with the secret opened (in memory only). A sealed secret that cannot be
 * opened (n8n's encryption key changed, or no key) is left out and logged, so the caller treats it as
 * lost: deliveries are rejected and the next activation registers a fresh hook.
 */
export function openState(fn: SealingFunctions): TriggerState {
	const key = sealingKey();
	migratePlaintext(fn, key);
	const { sealedSecret, secret: plain, ...state } = loadState(fn) as StoredState;
	const out: TriggerState = state;
	if (typeof plain === 'string' && plain !== '') {
		// Only when no key exists to migrate it with: usable, never written again in plain text.
		out.secret = plain;
	} else if (sealedSecret) {
		const secret = key ? openSecret(key, sealedSecret) : undefined;
		if (secret !== undefined) out.secret = secret;
		else {
			fn.logger?.warn(
				key
					? "A trigger's stored signing secret cannot be decrypted with this n8n instance's encryption key (was it changed?); deactivate and activate the workflow to register a new one."
					: "A trigger's stored signing secret cannot be decrypted: no n8n encryption key was found (set N8N_ENCRYPTION_KEY).",
				{ node: fn.getNode().name, slot: stateKey(fn) },
			);
		}
	}
	return out;
}

/** Stores (or, with undefined, forgets) this activation's state, the secret sealed; never in plain text. */
export function storeState(
	fn: SealingFunctions,
	state: TriggerState | undefined,
	displayName: string,
): void {
	if (state === undefined) {
		saveState(fn, undefined);
		return;
	}
	const { secret, ...rest } = state;
	const stored: StoredState = secret
		? { ...rest, sealedSecret: sealSecret(requireSealingKey(fn, displayName), secret) }
		: rest;
	saveState(fn, stored as TriggerState);
}
