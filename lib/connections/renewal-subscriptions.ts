/**
 * The Connections Monitor's renewals of webhook registrations that expire (a spec's `webhook.renewal`): every
 * registration a trigger recorded (lib/triggers/renewal.ts) becomes a `SubscriptionRenewal`. One is renewed when
 * less than `renewBeforeMs` is left, or when the monitor's next run would come too late, with the credential that
 * registered it, which the monitor node must hold (n8n hands a node only its own credentials). The request goes
 * through the engine (rate limit, retries, redaction); the new expiry is the answer's, else the lifetime.
 * A `replace` renewal creates a new registration (a fresh id, the same URL and secret), records it, then stops
 * the old one; a stop that fails is kept in the record (`retiring`, still verified) and tried again next run.
 */
import { randomUUID } from 'node:crypto';

import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { identityOf } from '../spec/identity';
import type { HttpMethod, WebhookRenewalSpec } from '../spec/types';
import { openSecret, sealingKey } from '../triggers/secrets';
import { readPath } from '../transport/path';
import type { EngineResponse } from '../transport/types';
import { openServiceTarget } from '../execution/discovery';
import { variantOf } from '../triggers/common';
import { expiresAtOf, renewalBody } from '../triggers/renewal';
import { callContext } from '../transport/context';
import { send } from '../transport/pipeline';
import { sharedSubscriptions, type SubscriptionRecord } from '../webhooks/subscriptions';
import type { ConnectionsObserver } from './observer';
import { runInternal } from './common';
import { DEFAULT_MONITOR_OPTIONS, type SubscriptionRenewal } from './monitor';
import type { Engine } from '../transport/engine';

const HOUR_MS = 3_600_000;

const iso = (ms: number) => new Date(ms).toISOString();
const span = (ms: number) =>
	ms >= 86_400_000 ? `${(ms / 86_400_000).toFixed(1)} days` : `${Math.round(ms / 60_000)} min`;

/** The registrations of services whose spec renews them, as renewals the monitor runs. */
export async function registeredRenewals(
	fn: IPollFunctions,
	rt: Engine & { connections: ConnectionsObserver },
	intervalMs: number = DEFAULT_MONITOR_OPTIONS.intervalMs,
): Promise<SubscriptionRenewal[]> {
	const registry = sharedSubscriptions();
	let records: SubscriptionRecord[];
	try {
		records = await registry.list();
	} catch (error) {
		fn.logger?.warn(`The webhook renewal list cannot be read: ${(error as Error).message}`);
		return [];
	}
	const held = fn.getNode().credentials ?? {};
	const out: SubscriptionRenewal[] = [];
	for (const r of records) {
		const spec = rt.connections.catalog.get(r.serviceId)?.spec;
		// The webhook as the registering credential type has it (its `byAuth` variant).
		const webhook = spec?.webhook && variantOf(spec.webhook, r.credentialType);
		const renewal = webhook?.renewal;
		if (!spec || !webhook || !renewal) continue;
		out.push({
			serviceId: r.serviceId,
			name: `${spec.displayName} webhook ${r.hookId} of "${r.nodeName}" (workflow ${r.workflowId})`,
			async renew(now) {
				const left = r.expiresAt - now;
				const due = left <= Math.max(renewal.renewBeforeMs, intervalMs + HOUR_MS);
				// A replaced registration whose stop failed is stopped on the next run, due or not.
				const unstopped = renewal.kind === 'replace' && (r.retiring?.length ?? 0) > 0;
				if (!due && !unstopped)
					return { renewed: false, detail: `valid until ${iso(r.expiresAt)}` };
				if (held[r.credentialType]?.id !== r.credentialId)
					throw new Error(
						`it lapses ${left > 0 ? `in ${span(left)}` : 'now'} (${iso(r.expiresAt)}) and the monitor does not hold the credential "${r.credentialName}" that registered it: select that credential in the monitor node.`,
					);
				const exec = fn as unknown as IExecuteFunctions;
				// The base URL the credential gives, or finds after connecting (`baseUrlDiscovery`).
				const target = await openServiceTarget(rt, exec, 0, spec, r.credentialType);
				const ctx = callContext({
					engine: rt,
					fn: exec,
					service: identityOf(spec),
					credentialType: r.credentialType,
					redact: target.redact,
				});
				const key = renewal.limitKeyField ? r.values[renewal.limitKeyField] : undefined;
				const call = async (
					method: HttpMethod,
					path: string,
					values: Record<string, string>,
					body: Record<string, unknown> | undefined,
					options: { idempotent: boolean; query?: Record<string, string> },
				) =>
					await runInternal(
						async () =>
							await send(ctx, {
								method,
								baseUrl: target.baseUrl,
								path,
								pathParams: values,
								...(options.query
									? { qs: renewalBody(options.query, values) as Record<string, string> }
									: {}),
								bodyEncoding: method === 'GET' ? undefined : 'json',
								body: method === 'GET' ? undefined : renewalBody(body ?? {}, values),
								responseFormat: 'json',
								idempotent: options.idempotent,
								cacheable: false,
								...(key ? { limit: { key } } : {}),
								...(webhook.scopes ? { scopes: webhook.scopes } : {}),
							}),
					);
				const lapse = left > 0 ? `${span(left)} before it lapsed` : 'after its expiry';
				if (renewal.kind === 'replace')
					return await replaceRegistration(r, renewal, now, due, {
						call,
						lapse,
						displayName: spec.displayName,
						put: async (record) => await registry.put(record),
					});
				// `{newExpiry}`: the end of a new lifetime from now (the registration's own, else the spec's).
				const lifetime = Number(renewal.lifetimeField ? r.values[renewal.lifetimeField] : NaN);
				const values = {
					...r.values,
					hookId: r.hookId,
					newExpiry: iso(now + (lifetime > 0 ? lifetime : renewal.lifetimeMs)),
				};
				const res = await call(renewal.method, renewal.path, values, renewal.body, {
					// Extending a registration twice extends it the same.
					idempotent: true,
					...(renewal.query ? { query: renewal.query } : {}),
				});
				const expiresAt = expiresAtOf(renewal, res.body, now);
				await registry.put({ ...r, expiresAt });
				return {
					renewed: true,
					detail: `Connections Monitor renewed the ${spec.displayName} webhook ${r.hookId} of "${r.nodeName}" ${lapse}; valid until ${iso(expiresAt)}`,
				};
			},
		});
	}
	return out;
}

type RenewalCall = (
	method: HttpMethod,
	path: string,
	values: Record<string, string>,
	body: Record<string, unknown> | undefined,
	options: { idempotent: boolean; query?: Record<string, string> },
) => Promise<EngineResponse>;

const textOf = (v: unknown): string | undefined =>
	typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/**
 * Replaces a registration that cannot be extended: creates the new one with `renewal.method/path/query/body`
 * (`{newId}`, `{secret}`, `{address}`, `{expiresAt:number}` and the record's values), records it (id, kept
 * values, expiry) with the old one as retiring, then stops the old one(s) and records that. The secret is
 * opened from the record (sealed with n8n's key), and never leaves this function but in the request.
 */
async function replaceRegistration(
	r: SubscriptionRecord,
	renewal: WebhookRenewalSpec,
	now: number,
	due: boolean,
	io: {
		call: RenewalCall;
		lapse: string;
		displayName: string;
		put: (record: SubscriptionRecord) => Promise<void>;
	},
): Promise<{ renewed: boolean; detail: string }> {
	if (!due) {
		const failed = await stopAll(r.retiring ?? [], renewal, io.call);
		const { retiring: _r, ...rest } = r;
		void _r;
		await io.put(failed.length ? { ...rest, retiring: failed } : rest);
		return {
			renewed: false,
			detail: `valid until ${iso(r.expiresAt)}; ${failed.length ? `stopping the replaced ${failed.map((o) => o.hookId).join(', ')} failed again` : 'the replaced registration was stopped'}`,
		};
	}
	const key = sealingKey();
	const secret = key && r.sealedSecret ? openSecret(key, r.sealedSecret) : undefined;
	if (r.sealedSecret && secret === undefined)
		throw new Error(
			"its secret cannot be opened with this n8n instance's encryption key (was it changed?): deactivate and activate the workflow to register it again.",
		);
	const newId = randomUUID();
	const values: Record<string, string> = {
		...r.values,
		hookId: r.hookId,
		newId,
		address: r.address ?? '',
		expiresAt: String(now + renewal.lifetimeMs),
		...(secret !== undefined ? { secret } : {}),
	};
	// Creating a registration twice makes two: sent once (a lost answer leaves one that lapses by itself).
	const res = await io.call(renewal.method, renewal.path, values, renewal.body, {
		idempotent: false,
		...(renewal.query ? { query: renewal.query } : {}),
	});
	const hookId = (renewal.idPath ? textOf(readPath(res.body, renewal.idPath)) : undefined) ?? newId;
	const kept: Record<string, string> = {};
	for (const [name, path] of Object.entries(renewal.keep ?? {})) {
		const v = textOf(readPath(res.body, path));
		if (v !== undefined) kept[name] = v;
	}
	const expiresAt = expiresAtOf(renewal, res.body, now);
	const old = [{ hookId: r.hookId, values: r.values }, ...(r.retiring ?? [])];
	const next: SubscriptionRecord = {
		...r,
		hookId,
		values: { ...r.values, ...kept },
		expiresAt,
		retiring: old,
	};
	await io.put(next);
	const failed = await stopAll(old, renewal, io.call);
	const { retiring: _r, ...rest } = next;
	void _r;
	await io.put(failed.length ? { ...rest, retiring: failed } : rest);
	return {
		renewed: true,
		detail: `Connections Monitor replaced the ${io.displayName} webhook ${r.hookId} of "${r.nodeName}" ${io.lapse} with ${hookId}, valid until ${iso(expiresAt)}; ${failed.length ? `stopping ${failed.map((o) => o.hookId).join(', ')} failed and is tried again on the next run` : 'the old one was stopped'}`,
	};
}

/** Stops each replaced registration; returns those whose stop failed (a 404 means it is gone: stopped). */
async function stopAll(
	old: Array<{ hookId: string; values: Record<string, string> }>,
	renewal: WebhookRenewalSpec,
	call: RenewalCall,
): Promise<Array<{ hookId: string; values: Record<string, string> }>> {
	const failed: typeof old = [];
	for (const o of old) {
		try {
			await call(
				renewal.stop!.method,
				renewal.stop!.path,
				{ ...o.values, hookId: o.hookId },
				renewal.stop!.body,
				{ idempotent: true },
			);
		} catch (error) {
			if ((error as { status?: number }).status !== 404) failed.push(o);
		}
	}
	return failed;
}
