/**
 * Renewal of long-lived tokens that have no refresh token: the provider exchanges a still valid token for
 * a new one at its own endpoint (a spec's `connection.tokenRenewal`). n8n lets a node persist credential
 * data only through a standard OAuth2 refresh, so the renewed token is written back through n8n's public
 * API (`PATCH /api/v1/credentials/{id}`), with an API key the operator configures. Both requests go through
 * the engine (rate limit, retries, redaction), marked internal so the connections observer lets them pass.
 *
 * Found on a real n8n 2.41.1: `isPartialData: true` answers 200 but keeps the stored `oauthTokenData`
 * (n8n restores it on every merge), so the update replaces the data (`isPartialData: false`); a replace
 * must hold only the type's visible fields (a hidden one such as `grantType` gets 400 "not allowed to
 * have the additional property"), and n8n fills the hidden ones from the type again when it reads them.
 * n8n reads the credential again for the request that triggered the renewal, so it already goes with the
 * new token (the old one is valid for days anyway).
 */
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { identityOf } from '../spec/identity';
import { readPath } from '../transport/path';
import type { Engine } from '../transport/engine';
import { failedStatus } from '../transport/engine-error';
import { send, type ServiceIdentity } from '../transport/pipeline';
import { makeRedactor, secretsOf, type Redactor } from '../transport/redact';
import type { EngineRequest } from '../transport/types';
import type { ConnectionServiceInfo } from './catalog';
import {
	N8N_API_ACCESS_ENV as ENV_N8N_API_ACCESS,
	N8N_API_URL_ENV,
	type Settings,
} from '../settings';
import { tokenExpiryOf } from './common';
import type { TokenRenewalSpec } from './types';
import { callContext } from '../transport/context';

export { N8N_API_ACCESS_ENV as ENV_N8N_API_ACCESS, N8N_API_URL_ENV } from '../settings';
export const DEFAULT_N8N_API_URL = 'http://localhost:5678/api/v1';

const N8N_API: ServiceIdentity = { id: 'n8nPublicApi', displayName: 'n8n API' };

export interface N8nApiSettings {
	url: string;
	apiKey: string | undefined;
}

/** Where and with which key renewed tokens are saved. */
export function n8nApiSettings(
	fn: Pick<IExecuteFunctions, 'getInstanceBaseUrl'>,
	settings: Settings['n8nApi'],
): N8nApiSettings {
	const apiKey = settings.key;
	if (settings.url) return { url: settings.url, apiKey };
	let base = '';
	try {
		base = typeof fn.getInstanceBaseUrl === 'function' ? String(fn.getInstanceBaseUrl() ?? '') : '';
	} catch {
		// Trigger lifecycles of some n8n versions lack it: fall back to the default port.
	}
	return {
		url: /^https?:\/\//i.test(base) ? `${base.replace(/\/+$/, '')}/api/v1` : DEFAULT_N8N_API_URL,
		apiKey,
	};
}

/** Expiry (epoch ms) of a credential's token: n8n's `n8n_expires_at`, else an `expires_at` (seconds or ms). */
export function renewableExpiryOf(data: IDataObject | undefined): number | null {
	return tokenExpiryOf(data, true);
}

/** "2026-03-06 09:00 UTC": how dates read in the renewal messages. */
export function formatDate(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function missingKeyWarning(credentialName: string, expiresAt: number): string {
	return (
		`${credentialName}'s token expires on ${formatDate(expiresAt)}. Set ${ENV_N8N_API_ACCESS} (an n8n API key allowed to update credentials) ` +
		'so it is renewed automatically, or reconnect the credential before then.'
	);
}

export function expiredMessage(credentialName: string, expiresAt: number): string {
	return `The token of credential '${credentialName}' expired on ${formatDate(expiresAt)} and can no longer be renewed. Reconnect it: open the credential in n8n and sign in again.`;
}

export function refusedMessage(credentialName: string, expiresAt: number, reason: string): string {
	return (
		`The token of credential '${credentialName}' (valid until ${formatDate(expiresAt)}) can no longer be renewed: ${reason.replace(/[.\s]+$/, '')}. ` +
		'Reconnect it: open the credential in n8n and sign in again.'
	);
}

export function saveFailedMessage(credentialName: string, reason: string): string {
	return (
		`The token of credential '${credentialName}' was renewed, but n8n did not save it: ${reason.replace(/[.\s]+$/, '')}. ` +
		`Check ${ENV_N8N_API_ACCESS} (an n8n API key with the credential:update scope) and ${N8N_API_URL_ENV}; the old token is used meanwhile, and renewal is tried again in an hour.`
	);
}

/**
 * Why a renewal failed: the provider refused (a 4xx answer: only reconnecting helps), n8n did not save
 * the renewed token, or something worth trying again later (network, 5xx).
 */
export type RenewalFailure = 'refused' | 'save' | 'retry';

const failures = new WeakMap<Error, RenewalFailure>();

function renewalError(
	fn: Pick<IExecuteFunctions, 'getNode'>,
	failure: RenewalFailure,
	message: string,
	itemIndex: number,
): NodeOperationError {
	const error = new NodeOperationError(fn.getNode(), message, { itemIndex });
	failures.set(error, failure);
	return error;
}

/** The kind of a `renewAndSave` failure (`retry` for anything else). */
export function renewalFailureOf(error: unknown): RenewalFailure {
	return (error instanceof Error && failures.get(error)) || 'retry';
}

/** Whether the credential holds a refresh token. */
export function hasRefreshToken(data: IDataObject | undefined): boolean {
	const token = data?.oauthTokenData as IDataObject | undefined;
	return Boolean(token && typeof token.refresh_token === 'string' && token.refresh_token);
}

/**
 * Whether the spec's renewal (not n8n's refresh) keeps this credential's token: a refresh-token renewal
 * for credentials with a refresh token, else a long-lived token renewal for those without one.
 */
export function renewsToken(spec: TokenRenewalSpec | undefined, data: IDataObject): boolean {
	if (!spec) return false;
	return spec.refreshToken === true ? hasRefreshToken(data) : !hasRefreshToken(data);
}

const TOKEN_WORDS: Record<string, string> = {
	access_token: 'access token',
	refresh_token: 'refresh token',
};

/** Fill `{access_token}`, `{refresh_token}`, `{clientId}`, `{clientSecret}` from the credential. */
export function renewalParams(spec: TokenRenewalSpec, data: IDataObject): Record<string, string> {
	const token = (data.oauthTokenData ?? {}) as IDataObject;
	const values: Record<string, unknown> = {
		access_token: token.access_token,
		refresh_token: token.refresh_token,
		clientId: data.clientId,
		clientSecret: data.clientSecret,
	};
	const out: Record<string, string> = {};
	for (const [name, template] of Object.entries(spec.params)) {
		out[name] = template.replace(
			/\{(access_token|refresh_token|clientId|clientSecret)\}/g,
			(_m, key: string) => {
				const v = values[key];
				if (typeof v !== 'string' || !v)
					throw new Error(`the credential has no ${TOKEN_WORDS[key] ?? key}`);
				return v;
			},
		);
	}
	return out;
}

/** The credential's fields n8n's public API accepts back: the visible properties of its type (hidden ones are constants). */
export function storableFields(
	fn: Pick<IExecuteFunctions, 'getCredentialsProperties'>,
	type: string,
	data: IDataObject,
): IDataObject {
	const { oauthTokenData: _token, ...fields } = data;
	let visible: Set<string>;
	try {
		visible = new Set(
			fn
				.getCredentialsProperties(type)
				.filter((p) => p.type !== 'hidden')
				.map((p) => p.name),
		);
	} catch {
		return fields;
	}
	return Object.fromEntries(Object.entries(fields).filter(([name]) => visible.has(name)));
}

function split(path: string, fallbackBase: string): { baseUrl: string; path: string } {
	if (!/^https?:\/\//i.test(path)) return { baseUrl: fallbackBase, path };
	const url = new URL(path);
	return { baseUrl: url.origin, path: url.pathname + url.search };
}

export interface RenewedToken {
	/** The credential's `oauthTokenData` with the new token and expiry, as saved. */
	oauthTokenData: IDataObject;
	accessToken: string;
	expiresAt: number | null;
}

export interface RenewalContext {
	engine: Engine;
	fn: IExecuteFunctions;
	itemIndex: number;
	info: ConnectionServiceInfo;
	spec: TokenRenewalSpec;
	credentialId: string;
	credentialType: string;
	credentialName: string;
	data: ICredentialDataDecryptedObject;
	api: N8nApiSettings & { apiKey: string };
	now: () => number;
	/** Runs the engine requests as internal ones (the observer's `runInternal`). */
	internal: <T>(fn: () => Promise<T>) => Promise<T>;
	/** The request's own redactor, to learn the new token as soon as it exists. */
	learn?: (secrets: string[]) => void;
}

/**
 * Exchange the token at the provider, then save it into the credential through n8n's public API.
 * Throws `RenewalRefusedError` (provider said no), `RenewalSaveError` (n8n did not save), or another
 * error (network, 5xx: worth trying again later). Every message is redacted.
 */
export async function renewAndSave(c: RenewalContext): Promise<RenewedToken> {
	const secrets = [...secretsOf(c.data), c.api.apiKey];
	const redact: Redactor = makeRedactor(secrets);
	const settings = { maxAttempts: 3, timeoutMs: 30_000 };
	const providerCtx = callContext({
		engine: c.engine,
		fn: c.fn,
		itemIndex: c.itemIndex,
		service: identityOf(c.info.spec),
		redact,
		settings,
	});
	const target = split(c.spec.path, c.info.baseUrl);
	const params = renewalParams(c.spec, c.data);
	const method = c.spec.method ?? 'GET';
	const req: EngineRequest = {
		method,
		...target,
		responseFormat: 'json',
		idempotent: true,
		cacheable: false,
	};
	if (method === 'GET' || method === 'DELETE') req.qs = params;
	else {
		req.body = params;
		req.bodyEncoding = 'form';
	}
	let body: unknown;
	try {
		body = (await c.internal(async () => await send(providerCtx, req))).body;
	} catch (error) {
		const status = failedStatus(error) ?? 0;
		const message = redact((error as Error).message || String(error));
		throw renewalError(
			c.fn,
			status >= 400 && status < 500 && status !== 408 && status !== 429 ? 'refused' : 'retry',
			message,
			c.itemIndex,
		);
	}
	const accessToken = readPath(body, c.spec.tokenPath);
	if (typeof accessToken !== 'string' || !accessToken)
		throw renewalError(
			c.fn,
			'retry',
			`the answer of ${c.info.displayName} holds no token at "${c.spec.tokenPath}"`,
			c.itemIndex,
		);
	redact.add?.([accessToken]);
	c.learn?.([accessToken]);
	const expiresIn = c.spec.expiresInPath ? Number(readPath(body, c.spec.expiresInPath)) : NaN;
	const expiresAt = Number.isFinite(expiresIn) && expiresIn > 0 ? c.now() + expiresIn * 1000 : null;
	// Keep everything else n8n stored with the token (token_type, scope…); a token without a lifetime drops the old expiry.
	const {
		expires_in: _in,
		n8n_expires_at: _at,
		expires_at: _old,
		...rest
	} = (c.data.oauthTokenData ?? {}) as IDataObject;
	const oauthTokenData: IDataObject = {
		...rest,
		access_token: accessToken,
		...(expiresAt === null ? {} : { expires_in: expiresIn, n8n_expires_at: String(expiresAt) }),
	};
	// A rotating refresh token: the old one stops working once the new one is issued, so keep the new one.
	const refreshToken = c.spec.refreshTokenPath
		? readPath(body, c.spec.refreshTokenPath)
		: undefined;
	if (typeof refreshToken === 'string' && refreshToken) {
		redact.add?.([refreshToken]);
		c.learn?.([refreshToken]);
		oauthTokenData.refresh_token = refreshToken;
	}
	const refreshExpiresIn = c.spec.refreshExpiresInPath
		? Number(readPath(body, c.spec.refreshExpiresInPath))
		: NaN;
	if (Number.isFinite(refreshExpiresIn) && refreshExpiresIn > 0)
		oauthTokenData.refresh_expires_in = refreshExpiresIn;

	const apiCtx = callContext({
		engine: c.engine,
		fn: c.fn,
		itemIndex: c.itemIndex,
		service: N8N_API,
		redact,
		settings,
	});
	try {
		await c.internal(
			async () =>
				await send(apiCtx, {
					method: 'PATCH',
					baseUrl: c.api.url,
					path: '/credentials/{id}',
					pathParams: { id: c.credentialId },
					headers: { 'X-N8N-API-KEY': c.api.apiKey, accept: 'application/json' },
					body: {
						data: { ...storableFields(c.fn, c.credentialType, c.data), oauthTokenData },
						isPartialData: false,
					},
					bodyEncoding: 'json',
					responseFormat: 'json',
					// Writing the same data twice is harmless.
					idempotent: true,
				}),
		);
	} catch (error) {
		throw renewalError(
			c.fn,
			'save',
			redact((error as Error).message || String(error)),
			c.itemIndex,
		);
	}
	return { oauthTokenData, accessToken, expiresAt };
}
