/**
 * The Connections Monitor's renewals of webhook registrations that expire (a spec's `webhook.renewal`): every
 * registration a trigger recorded (lib/triggers/renewal.ts) becomes a `SubscriptionRenewal`. One is renewed when
 * less than `renewBeforeMs` is left, or when the monitor's next run would come too late, with the credential that
 * registered it, which the monitor node must hold (n8n hands a node only its own credentials). The request goes
 * through the engine (rate limit, retries, redaction); the new expiry is the answer's, else the lifetime.
 */
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { identityOf } from '../spec/identity';
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
				if (left > Math.max(renewal.renewBeforeMs, intervalMs + HOUR_MS))
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
				// `{newExpiry}`: the end of a new lifetime from now (the registration's own, else the spec's).
				const lifetime = Number(renewal.lifetimeField ? r.values[renewal.lifetimeField] : NaN);
				const values = {
					...r.values,
					hookId: r.hookId,
					newExpiry: iso(now + (lifetime > 0 ? lifetime : renewal.lifetimeMs)),
				};
				const key = renewal.limitKeyField ? r.values[renewal.limitKeyField] : undefined;
				const res = await runInternal(
					async () =>
						await send(ctx, {
							method: renewal.method,
							baseUrl: target.baseUrl,
							path: renewal.path,
							pathParams: values,
							bodyEncoding: renewal.method === 'GET' ? undefined : 'json',
							body: renewal.method === 'GET' ? undefined : renewalBody(renewal.body ?? {}, values),
							responseFormat: 'json',
							// Extending a registration twice extends it the same.
							idempotent: true,
							cacheable: false,
							...(key ? { limit: { key } } : {}),
							...(webhook.scopes ? { scopes: webhook.scopes } : {}),
						}),
				);
				const expiresAt = expiresAtOf(renewal, res.body, now);
				await registry.put({ ...r, expiresAt });
				return {
					renewed: true,
					detail: `Connections Monitor renewed the ${spec.displayName} webhook ${r.hookId} of "${r.nodeName}" ${left > 0 ? `${span(left)} before it lapsed` : 'after its expiry'}; valid until ${iso(expiresAt)}`,
				};
			},
		});
	}
	return out;
}
