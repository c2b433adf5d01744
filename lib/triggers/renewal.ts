/**
 * Registrations that expire (a spec's `webhook.renewal`): the trigger lifecycle records each one it creates in
 * the subscription registry (lib/webhooks/subscriptions.ts) and removes it on deactivation; the Connections
 * Monitor turns the records into renewals it runs on schedule (`registeredRenewals`), each sent through the
 * engine with the credential that registered the webhook. Nothing here names a service.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import type { ServiceDefinition, TriggerState, WebhookRenewalSpec } from '../spec/types';
import { readPath } from '../transport/path';
import { sharedSubscriptions, type SubscriptionRecord } from '../webhooks/subscriptions';
import { credentialTypeOf, stateKey } from './common';
import { webhookOf } from './description';

/** An ISO 8601 text or an epoch (ms, or seconds when small) as epoch ms; null when it is neither. */
export function expiryOf(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value))
		return value < 1e11 ? value * 1000 : value;
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

function keyOf(fn: IHookFunctions): string {
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
	const renewal = webhookOf(def).renewal;
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
	if (!webhookOf(def).renewal) return;
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
