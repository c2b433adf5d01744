/**
 * The JWT bearer grant (RFC 7523 §2.1) as data (`JwtBearerFacts`): the assertion a credential's private key
 * signs, and the credential Test that exchanges it. A leaf module (node:crypto only): credential classes load
 * it; the engine's token source (`token-grant.ts`) sends the exchange and keeps the token.
 */
import { createHash, createSign } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { JwtBearerFacts } from '../spec/types';

export type { JwtBearerFacts };

/** RFC 7523's grant type. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** What the key file gives the assertion. */
export interface SigningKey {
	issuer: string;
	privateKey: string;
	keyId?: string;
	subject?: string;
	scope?: string;
}

const at = (data: unknown, path: string): unknown =>
	path
		.split('.')
		.reduce<unknown>(
			(v, step) => (v && typeof v === 'object' ? (v as IDataObject)[step] : undefined),
			data,
		);

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** A key that cannot sign: why, in words naming the field, never the key. */
export interface KeyProblem {
	problem: string;
}

/** The key file's issuer, key and key id, and the credential's subject and scopes (or why it has none). */
export function signingKeyOf(facts: JwtBearerFacts, data: IDataObject): SigningKey | KeyProblem {
	const raw = data[facts.keyFileField];
	let keyFile: unknown = raw;
	if (typeof raw === 'string') {
		try {
			keyFile = JSON.parse(raw) as unknown;
		} catch {
			return {
				problem: `The credential's key file is not JSON: paste the whole JSON key file (it starts with "{").`,
			};
		}
	}
	const issuer = text(at(keyFile, facts.issuerPath));
	const privateKey = text(at(keyFile, facts.privateKeyPath)).replace(/\\n/g, '\n');
	if (!issuer || !privateKey.includes('PRIVATE KEY'))
		return {
			problem: `The credential's key file has no "${facts.issuerPath}" or no PEM "${facts.privateKeyPath}": paste the JSON key file as it was downloaded.`,
		};
	const keyId = facts.keyIdPath ? text(at(keyFile, facts.keyIdPath)) : '';
	const subject = facts.subjectField ? text(data[facts.subjectField]) : '';
	const scope = facts.scopeField ? text(data[facts.scopeField]).split(/\s+/).join(' ') : '';
	return {
		issuer,
		privateKey,
		...(keyId ? { keyId } : {}),
		...(subject ? { subject } : {}),
		...(scope ? { scope } : {}),
	};
}

const base64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/**
 * The signed assertion: header `{alg, typ, kid}`, claims `{iss, scope, aud, iat, exp, sub}`; a key that does
 * not sign gives its problem.
 */
export function signAssertion(
	facts: JwtBearerFacts,
	key: SigningKey | KeyProblem,
	nowSeconds: number,
): string | KeyProblem {
	if ('problem' in key) return key;
	const header = { alg: facts.algorithm, typ: 'JWT', ...(key.keyId ? { kid: key.keyId } : {}) };
	const claims = {
		iss: key.issuer,
		...(key.scope ? { scope: key.scope } : {}),
		aud: facts.tokenUrl,
		iat: nowSeconds,
		exp: nowSeconds + facts.lifetimeSeconds,
		...(key.subject ? { sub: key.subject } : {}),
	};
	const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
	let signature: Buffer;
	try {
		signature = createSign('RSA-SHA256').update(input).sign(key.privateKey);
	} catch {
		return {
			problem:
				"The credential's private key could not sign (it is not a valid PEM RSA key): download a new JSON key file and paste it whole.",
		};
	}
	return `${input}.${base64url(signature)}`;
}

/**
 * A fingerprint of what the token depends on (issuer, key, subject, scopes): an edited credential gets a new
 * token, never the old one. A hash, so no secret is kept as a map key.
 */
export function keyFingerprint(key: SigningKey): string {
	return createHash('sha256')
		.update(JSON.stringify([key.issuer, key.keyId ?? '', key.subject ?? '', key.scope ?? '']))
		.update(key.privateKey)
		.digest('hex');
}

/**
 * `authenticate` of a JWT bearer credential: n8n's credential Test posts to the token endpoint, and this
 * signs the assertion into that request's form (the exchange proves the key, the subject and the scopes).
 * Any other request passes unchanged: nodes of this package sign with the token the engine obtained.
 */
export function authenticateJwtBearerTest(facts: JwtBearerFacts) {
	return async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const target = new URL(requestOptions.url, requestOptions.baseURL ?? undefined).href;
		if (target !== new URL(facts.tokenUrl).href) return requestOptions;
		const signed = signAssertion(
			facts,
			signingKeyOf(facts, credentials),
			Math.floor(Date.now() / 1000),
		);
		// n8n's Test shows the answer: without an assertion the token endpoint says what is missing.
		const assertion = typeof signed === 'string' ? signed : '';
		return {
			...requestOptions,
			method: 'POST',
			headers: {
				...(requestOptions.headers ?? {}),
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
		};
	};
}
