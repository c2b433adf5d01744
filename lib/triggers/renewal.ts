/**
 * Registrations that expire (a spec's `webhook.renewal`): the trigger lifecycle records each one it creates in
 * the subscription registry (lib/webhooks/subscriptions.ts) and removes it on deactivation; the Connections
 * Monitor turns the records into renewals it runs on schedule (`registeredRenewals`), each sent through the
 * engine with the credential that registered the webhook. A `replace` renewal (a registration that cannot be
 * extended, such as a watch channel) makes a new registration and stops the old one: the registry then holds
 * the live one, which the trigger reads back (`liveState`, `registrationIds`) to verify deliveries and to remove
 * the right registration on deactivation. Nothing here names a service.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import type { ServiceDefinition, TriggerState, WebhookRenewalSpec } from '../spec/types';
import { readPath } from '../transport/path';
import { sharedSubscriptions, type SubscriptionRecord } from '../webhooks/subscriptions';
import {
	credentialTypeOf,
	registrationUrl,
	stateKey,
	webhookFor,
	type TriggerFunctions,
} from './common';
import { requireSealingKey, sealSecret } from './secrets';

/** A trigger context that can name its registry record: a hook or a webhook context. */
type RegistryFunctions = TriggerFunctions & Pick<IHookFunctions, 'getWorkflow' | 'logger'>;

/** An ISO 8601 text or an epoch (ms, or seconds when small) as epoch ms; null when it is neither. */
export function expiryOf(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value))
		return value < 1e11 ? value * 1000 : value;
	// An epoch written as digits (a JSON `long` sent as a string, e.g. `"1426325213000"`).
	if (typeof value === 'string' && /^\d{9,16}$/.test(value)) return expiryOf(Number(value));
	if (typeof value === 'string' && value !== '') {
		const ms = Date.parse(value);
		return Number.isNaN(ms) ? null : ms;
	}
	return null;
}

/** When a registration lapses: the service's word at `expiresAtPath`, else its documented lifetime from now. */
export function expiresAtOf(renewal: WebhookRenewalSpec, answer: unknown, now: number): number {
	const said = renewal.expiresAtPath ? expiryOf(readPath(answer, renewal.expiresAtPath)) : null;
	return said ?? now + renewal.lifetimeMs;
}

/**
 * The renewal's JSON body (`WebhookRenewalSpec.body`): each text that is exactly `{hookId}` or `{<field>}` becomes
 * that value (`{name:number}`: as a number); other values are kept as they are. Unknown names are an error.
 */
export function renewalBody(template: unknown, values: Record<string, string>): unknown {
	if (Array.isArray(template)) return template.map((v) => renewalBody(v, values));
	if (template && typeof template === 'object')
		return Object.fromEntries(
			Object.entries(template).map(([k, v]) => [k, renewalBody(v, values)]),
		);
	if (typeof template !== 'string') return template;
	const m = /^\{([A-Za-z0-9_]+)(:number)?\}$/.exec(template);
	if (!m) return template;
	const value = values[m[1]];
	if (value === undefined)
		throw new Error(`the renewal body names {${m[1]}}, which the registration has no value for`);
	if (!m[2]) return value;
	const n = Number(value);
	if (!Number.isFinite(n)) throw new Error(`{${m[1]}} is not a number: ${value}`);
	return n;
}

function keyOf(fn: RegistryFunctions): string {
	const node = fn.getNode();
	return `${fn.getWorkflow().id ?? ''}:${node.id ?? node.name}:${stateKey(fn)}`;
}

/** The state's `data` values a renewal path may name (texts and numbers only). */
function valuesOf(data: IDataObject | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(data ?? {}))
		if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
	return out;
}

/**
 * Records a new registration for renewal. A registry that cannot be written does not fail the activation (the
 * webhook works until it lapses): it is logged, and the monitor cannot renew it.
 */
export async function recordRegistration(
	fn: IHookFunctions,
	def: ServiceDefinition,
	state: TriggerState,
	now: number,
): Promise<void> {
	const renewal = webhookFor(fn, def).renewal;
	if (!renewal || !state.hookId) return;
	const credentialType = credentialTypeOf(fn, def) ?? '';
	const credential = fn.getNode().credentials?.[credentialType];
	const record: SubscriptionRecord = {
		key: keyOf(fn),
		serviceId: def.spec.id,
		workflowId: String(fn.getWorkflow().id ?? ''),
		nodeName: fn.getNode().name,
		credentialType,
		credentialId: credential?.id ?? `name:${credential?.name ?? ''}`,
		credentialName: credential?.name ?? '',
		hookId: state.hookId,
		values: valuesOf(state.data),
		expiresAt: expiresAtOf(renewal, state.data, now),
	};
	if (renewal.kind === 'replace') {
		// The replacement is registered with the same URL and secret, by the monitor, which has no trigger state.
		record.address = registrationUrl(state.webhookUrl ?? '', webhookFor(fn, def), state.secret);
		if (state.secret)
			record.sealedSecret = sealSecret(requireSealingKey(fn, def.spec.displayName), state.secret);
	}
	try {
		await sharedSubscriptions().put(record);
	} catch (error) {
		fn.logger?.warn(
			`The ${def.spec.displayName} webhook could not be recorded for renewal; it lapses unless the workflow is activated again`,
			{ node: fn.getNode().name, error: (error as Error).message },
		);
	}
}

/** Forgets the registration (deactivation); a registry that cannot be written is logged. */
export async function forgetRegistration(
	fn: IHookFunctions,
	def: ServiceDefinition,
): Promise<void> {
	if (!webhookFor(fn, def).renewal) return;
	try {
		await sharedSubscriptions().remove(keyOf(fn));
	} catch (error) {
		fn.logger?.warn(
			`The ${def.spec.displayName} webhook could not be removed from the renewal list`,
			{
				node: fn.getNode().name,
				error: (error as Error).message,
			},
		);
	}
}

/** This trigger's registry record, when its renewal replaces registrations; undefined when none or unreadable. */
async function replacedRecord(
	fn: RegistryFunctions,
	def: ServiceDefinition,
): Promise<SubscriptionRecord | undefined> {
	if (webhookFor(fn, def).renewal?.kind !== 'replace') return undefined;
	const key = keyOf(fn);
	try {
		return (await sharedSubscriptions().list()).find((r) => r.key === key);
	} catch (error) {
		fn.logger?.warn(
			`The ${def.spec.displayName} webhook renewal list cannot be read; the registration made on activation is used`,
			{ node: fn.getNode().name, error: (error as Error).message },
		);
		return undefined;
	}
}

/**
 * The state with the live registration: after the monitor replaced it, the registry's id and values (the
 * trigger's static data still names the one made on activation). Unchanged for every other renewal.
 */
export async function liveState(
	fn: RegistryFunctions,
	def: ServiceDefinition,
	state: TriggerState,
): Promise<TriggerState> {
	const record = await replacedRecord(fn, def);
	if (!record || record.hookId === state.hookId) return state;
	return { ...state, hookId: record.hookId, data: { ...(state.data ?? {}), ...record.values } };
}

/**
 * The registration ids a delivery may name: the live one and the replaced ones not stopped yet (from the
 * registry), else the one made on activation.
 */
export async function registrationIds(
	fn: RegistryFunctions,
	def: ServiceDefinition,
	state: TriggerState,
): Promise<string[]> {
	const record = await replacedRecord(fn, def);
	if (!record) return state.hookId ? [state.hookId] : [];
	return [record.hookId, ...(record.retiring ?? []).map((r) => r.hookId)];
}

/** Replaced registrations not stopped yet (stopped on deactivation with the live one). */
export async function retiringRegistrations(
	fn: RegistryFunctions,
	def: ServiceDefinition,
): Promise<Array<{ hookId: string; values: Record<string, string> }>> {
	return (await replacedRecord(fn, def))?.retiring ?? [];
}
