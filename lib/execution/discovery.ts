/**
 * A base URL found after authorisation: some OAuth2 tokens are for a gateway, and which tenant (site, cloud,
 * instance) the requests go to is only known once the user has granted one. A spec's auth entry declares the
 * request that lists what the token may reach (`AuthSpec.baseUrlDiscovery`); the entry chosen (the only one, or the
 * one whose address matches a credential field) gives the base URL. Found once per connection and token, kept in
 * memory, sent through the engine like every request.
 */
import { createHash } from 'node:crypto';

import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { runInternal } from '../connections/common';
import { identityOf } from '../spec/identity';
import type { BaseUrlDiscovery, ServiceSpec } from '../spec/types';
import type { Engine } from '../transport/engine';
import { callContext } from '../transport/context';
import { executionCredential } from '../transport/credential-reads';
import { readPath } from '../transport/path';
import { openTarget, targetOf, type RequestTarget } from './target';
import { send, type RequestFunctions } from '../transport/pipeline';
import type { Redactor } from '../transport/redact';

/** How long a found base URL is kept (the key also changes with the token, so a reconnect finds it again). */
const KEEP_MS = 60 * 60 * 1000;
const MAX_KEPT = 1000;
const found = new Map<string, { baseUrl: string; at: number }>();

/** Forget every found base URL (tests). */
export function clearDiscoveredBaseUrls(): void {
	found.clear();
}

/** The discovery an item's credential type declares, if any. */
export function discoveryOf(
	spec: ServiceSpec,
	credentialType: string | undefined,
): BaseUrlDiscovery | undefined {
	return credentialType
		? spec.auth.find((a) => a.credentialType === credentialType)?.baseUrlDiscovery
		: undefined;
}

/** An address as compared: its origin, lower case (`acme.example.net` is read as `https://acme.example.net`). */
function originOf(text: string): string | undefined {
	const value = text.trim();
	if (value === '') return undefined;
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
	return URL.canParse(withScheme) ? new URL(withScheme).origin.toLowerCase() : undefined;
}

function fill(d: BaseUrlDiscovery, value: string): string {
	return d.baseUrl.replace('{value}', encodeURIComponent(value));
}

export interface DiscoveryInput {
	engine: Engine;
	fn: RequestFunctions;
	itemIndex: number;
	spec: ServiceSpec;
	credentialType: string;
	/** The credential's decrypted data. */
	data: IDataObject;
	redact: Redactor;
}

/**
 * The base URL for this credential: its `valueField` when the user set one, else the entry of the discovery list
 * that is the only one or matches the credential's `matchField`. Fails with the cause and the fix when the token
 * reaches none, or several and none is chosen.
 */
export async function discoverBaseUrl(d: BaseUrlDiscovery, input: DiscoveryInput): Promise<string> {
	const { fn, itemIndex, data, redact } = input;
	const refuse = (message: string, description: string) =>
		new NodeOperationError(fn.getNode(), redact(message), {
			itemIndex,
			description: redact(description),
		});
	const given = d.valueField ? data[d.valueField] : undefined;
	if (typeof given === 'string' && given.trim() !== '') return fill(d, given.trim());
	if (d.valueFrom) {
		const { field, fieldName, pattern, example } = d.valueFrom;
		const value = new RegExp(pattern).exec(String(data[field] ?? '').trim())?.[1];
		if (!value)
			throw refuse(
				`The credential's ${fieldName} names no ${d.noun}.`,
				`Its value must end in the ${d.noun}, like ${example}. Copy the whole ${fieldName} into the credential again.`,
			);
		return fill(d, value);
	}
	const matchField = d.matchField ?? '';
	const wanted = typeof data[matchField] === 'string' ? (data[matchField] as string) : '';
	const key = createHash('sha256')
		.update(JSON.stringify([input.credentialType, data]))
		.digest('hex');
	const now = Date.now();
	const kept = found.get(key);
	if (kept && now - kept.at < KEEP_MS) return kept.baseUrl;

	const url = new URL(d.url ?? '');
	const token = (data.oauthTokenData as IDataObject | undefined)?.access_token;
	const res = await runInternal(
		async () =>
			await send(
				callContext({
					engine: input.engine,
					fn,
					itemIndex,
					service: identityOf(input.spec),
					credentialType: input.credentialType,
					redact,
					// An identity endpoint with its own scheme (`OAuth <token>`) gets the token as it wants it.
					...(d.tokenScheme && typeof token === 'string'
						? { bearerToken: token, authScheme: d.tokenScheme }
						: {}),
				}),
				{
					method: 'GET',
					baseUrl: url.origin,
					path: url.pathname + url.search,
					responseFormat: 'json',
					idempotent: true,
					cacheable: false,
				},
			),
	);
	const list = readPath(res.body, d.listPath ?? '');
	const valuePath = d.valuePath ?? '';
	// An answer that is one object (an identity endpoint's "this token's tenant") is a list of one.
	const listed = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
	const entries = (listed as IDataObject[]).filter(
		(e) => e && typeof readPath(e, valuePath) === 'string',
	);
	const address = (e: IDataObject) => (d.matchPath ? String(readPath(e, d.matchPath) ?? '') : '');
	const names = entries.map(address).filter((a) => a !== '');
	const credential = `the credential's ${d.matchFieldName ?? 'settings'}`;
	let chosen: IDataObject | undefined;
	if (originOf(wanted)) {
		chosen = entries.find((e) => originOf(address(e)) === originOf(wanted));
		if (!chosen)
			throw refuse(
				`The connection was not granted the ${d.noun} ${wanted}.`,
				names.length > 0
					? `It reaches ${names.join(', ')}. Put one of them into ${credential}, or connect again and grant ${wanted}.`
					: `It reaches no ${d.noun} at all. Connect again and grant ${wanted}.`,
			);
	} else if (entries.length === 1) {
		chosen = entries[0];
	} else if (entries.length === 0) {
		throw refuse(
			`The connection reaches no ${d.noun}.`,
			`The token was granted no ${d.noun}. Connect the credential again and pick the ${d.noun} when asked.`,
		);
	} else {
		throw refuse(
			`The connection reaches ${entries.length} ${d.noun}s and none is chosen.`,
			`It reaches ${names.join(', ')}. Put the one to use into ${credential}.`,
		);
	}
	const baseUrl = fill(d, String(readPath(chosen, valuePath)));
	if (found.size >= MAX_KEPT) found.delete(found.keys().next().value as string);
	found.set(key, { baseUrl, at: now });
	return baseUrl;
}

/**
 * `openTarget` for a spec's credential, with the base URL the credential's discovery finds (when it declares one).
 * `listing`: the operation's path; the request that lists the choices needs none chosen, so it is not discovered.
 */
export async function openServiceTarget(
	engine: Engine,
	fn: RequestFunctions,
	itemIndex: number,
	spec: ServiceSpec,
	credentialType: string | undefined,
	listing?: string,
): Promise<RequestTarget> {
	const d = discoveryOf(spec, credentialType);
	if (
		!d ||
		!credentialType ||
		(listing !== undefined && d.url !== undefined && new URL(d.url).pathname === listing)
	)
		return await openTarget(fn, itemIndex, credentialType, spec.baseUrl);
	const data = await executionCredential(fn, credentialType);
	const target = targetOf(fn, itemIndex, credentialType, spec.baseUrl, data);
	const baseUrl = await discoverBaseUrl(d, {
		engine,
		fn,
		itemIndex,
		spec,
		credentialType,
		data,
		redact: target.redact,
	});
	return { ...target, baseUrl };
}
