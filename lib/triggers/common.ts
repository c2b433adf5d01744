/** What the trigger lifecycle and the delivery handler share: state, fields, secrets, URLs. */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { coerce } from '../builder/execute';
import type { ServiceDefinition, TriggerState, WebhookSpec } from '../spec/types';
import { failedStatus } from '../transport/engine-error';
import { readTriggerCredential } from '../webhooks/credential-cache';

/** The parts of IHookFunctions / IWebhookFunctions these helpers use. */
export interface TriggerFunctions {
	getNode(): INode;
	getNodeParameter(name: string, fallback?: unknown): unknown;
	getWorkflowStaticData(type: string): IDataObject;
	getCredentials<T extends object = IDataObject>(type: string): Promise<T>;
	getMode?: () => string;
	getWorkflow?: () => { id?: string | null };
}

export const DEFAULT_URL_SECRET_PARAM = 'secret';

/**
 * Where the state of this activation lives in the node's static data: the production hook and the
 * hook registered while "listening for a test event" are different hooks (different URLs), so each
 * has its own slot and neither overwrites the other.
 */
export function stateKey(fn: TriggerFunctions): 'production' | 'test' {
	return fn.getMode?.() === 'manual' ? 'test' : 'production';
}

/** A copy of this activation's stored state (empty when nothing is registered). */
export function loadState(fn: TriggerFunctions): TriggerState {
	const slot = fn.getWorkflowStaticData('node')[stateKey(fn)];
	return slot && typeof slot === 'object' ? { ...(slot as TriggerState) } : {};
}

/**
 * Stores (or, with undefined, forgets) this activation's state. The slot is replaced as a whole:
 * n8n notices assignments to static data, not edits inside objects added during the run.
 */
export function saveState(fn: TriggerFunctions, state: TriggerState | undefined): void {
	const data = fn.getWorkflowStaticData('node');
	const key = stateKey(fn);
	if (state === undefined || Object.keys(state).length === 0) {
		if (key in data) delete data[key];
		return;
	}
	data[key] = JSON.parse(JSON.stringify(state)) as IDataObject;
}

/** The credential type the trigger uses: the "Authentication" choice, or the only one the spec has. */
export function credentialTypeOf(fn: TriggerFunctions, def: ServiceDefinition): string | undefined {
	return def.spec.auth.length > 1
		? (fn.getNodeParameter('authentication', def.spec.auth[0].credentialType) as string)
		: def.spec.auth[0]?.credentialType;
}

/** The webhook as this trigger's credential type has it: the spec's, with its `byAuth` variant merged in. */
export function webhookFor(fn: TriggerFunctions, def: ServiceDefinition): WebhookSpec {
	const webhook = def.spec.webhook;
	if (!webhook)
		throw new Error(`The service '${def.spec.id}' declares no webhook, so it has no trigger.`);
	const variant = variantOf(webhook, credentialTypeOf(fn, def));
	// A signature version the user picked (a trigger field), else the default scheme.
	const choice = variant.signatureByParam;
	if (!choice) return variant;
	const picked = choice.schemes[String(fn.getNodeParameter(choice.param, '') ?? '')];
	return picked ? { ...variant, signature: picked } : variant;
}

/** The webhook with the variant of one credential type merged in (the base without `byAuth` for that type). */
export function variantOf(webhook: WebhookSpec, credentialType: string | undefined): WebhookSpec {
	const variant = credentialType ? webhook.byAuth?.[credentialType] : undefined;
	return variant ? { ...webhook, ...variant } : webhook;
}

/** Trigger field values, converted and validated like action-node fields. */
export function readTriggerParams(fn: TriggerFunctions, webhook: WebhookSpec): IDataObject {
	const out: IDataObject = {};
	for (const p of webhook.params ?? []) {
		// coerce() only reads the node (to name it in errors), which every context has.
		const value = coerce(
			fn as unknown as IExecuteFunctions,
			0,
			{ ...p, in: 'query' },
			fn.getNodeParameter(p.name, p.default),
		);
		if (value !== undefined) out[p.name] = value as IDataObject[keyof IDataObject];
	}
	return out;
}

export function selectedEvents(fn: TriggerFunctions): string[] {
	const value = fn.getNodeParameter('events', []);
	return (Array.isArray(value) ? value : [value]).map(String).filter((e) => e !== '');
}

/**
 * The secret that signs deliveries: a credential field the user pasted, the "Signing Secret"
 * field of a manually registered trigger, else the one stored when the hook was created.
 */
export async function signingSecret(
	fn: TriggerFunctions,
	def: ServiceDefinition,
	state: TriggerState,
): Promise<string | undefined> {
	return (await deliverySecret(fn, def, state, { cache: false })).secret;
}

/**
 * `signingSecret` for a delivery: a secret in a credential comes through the short-lived credential cache
 * (`readTriggerCredential`; a read in the webhook phase costs n8n an expression isolate), unless `fresh`.
 * `cached` says whether it came from the cache, so a delivery it fails is worth checking with a fresh read.
 */
export async function deliverySecret(
	fn: TriggerFunctions,
	def: ServiceDefinition,
	state: TriggerState,
	options: { cache?: boolean; fresh?: boolean } = {},
): Promise<{ secret: string | undefined; cached: boolean }> {
	const webhook = webhookFor(fn, def);
	if (webhook.secretCredentialField) {
		const type = credentialTypeOf(fn, def);
		if (!type) return { secret: undefined, cached: false };
		const { data, cached } =
			options.cache === false
				? { data: await fn.getCredentials<IDataObject>(type), cached: false }
				: await readTriggerCredential(fn, type, { fresh: options.fresh });
		// The first of the field and its fallback that holds a value (an optional field left empty falls back).
		const value = [webhook.secretCredentialField, webhook.secretCredentialFallback]
			.map((field) => (field ? data[field] : undefined))
			.find((v) => typeof v === 'string' && v !== '');
		return { secret: typeof value === 'string' ? value : undefined, cached };
	}
	if (webhook.register === 'manual') {
		const value = fn.getNodeParameter('signingSecret', '');
		return { secret: typeof value === 'string' && value !== '' ? value : undefined, cached: false };
	}
	return { secret: state.secret, cached: false };
}

/** The URL registered at the service: the webhook URL, plus the URL secret for services that do not sign. */
export function registrationUrl(
	webhookUrl: string,
	webhook: WebhookSpec,
	secret: string | undefined,
): string {
	if (!webhook.urlSecret || !secret) return webhookUrl;
	const url = new URL(webhookUrl);
	url.searchParams.set(webhook.urlSecretParam ?? DEFAULT_URL_SECRET_PARAM, secret);
	return url.toString();
}

/** Name of the trigger field that holds the URL a manually registered service signs (`notificationUrlField`). */
export const NOTIFICATION_URL_FIELD = 'notificationUrl';

/**
 * The URL the service was given, when the user typed it into the "Notification URL" field (a proxy in front of
 * n8n that rewrites the path); undefined means this node's own URL. n8n's public address itself comes from its
 * WEBHOOK_URL setting, which `getNodeWebhookUrl` already honours.
 */
export function notificationUrl(fn: TriggerFunctions, webhook: WebhookSpec): string | undefined {
	if (!webhook.notificationUrlField) return undefined;
	const value = fn.getNodeParameter(NOTIFICATION_URL_FIELD, '');
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Equal strings, compared in constant time (lib/webhooks: the shared-token check uses it too). */
export { constantTimeEqual } from '../webhooks/signature';

/** Whether `event` is one of the selected events (`allEvents`, exact, or a `prefix*` pattern). */
export function eventSelected(
	event: string | undefined,
	selected: string[],
	allEvents?: string,
): boolean {
	if (allEvents !== undefined && selected.includes(allEvents)) return true;
	if (event === undefined || event === '') return false;
	return selected.some((s) => s === event || (s.endsWith('*') && event.startsWith(s.slice(0, -1))));
}

/** The same event names in any order (a list the service answers, e.g. a registered webhook's events). */
export function sameEvents(registered: unknown, wanted: string[]): boolean {
	return (
		Array.isArray(registered) &&
		registered.length === wanted.length &&
		registered.map(String).sort().join('\n') === [...wanted].sort().join('\n')
	);
}

/**
 * Says whether the thing existed: true for a success, false for 404. The request must accept 404
 * (`accept: [404]`); any other failure is thrown as it came (the engine's error).
 * `return await ifFound(ctx.request({ method: 'GET', …, accept: [404] }))` is a whole checkExists hook.
 */
export async function ifFound(request: Promise<{ status: number }>): Promise<boolean> {
	return (await request).status !== 404;
}

/**
 * Removing something that is already gone (the service answered 404 to one of the removal's requests)
 * is what was wanted: for a hook that removes in several requests, none of which can say it alone.
 */
export async function unlessGone(removal: Promise<unknown>): Promise<void> {
	const outcome = await removal.then(
		() => ({}),
		(error: unknown) => (failedStatus(error) === 404 ? {} : { error }),
	);
	if ('error' in outcome) throw outcome.error;
}
