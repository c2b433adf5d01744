/**
 * The webhook lifecycle n8n runs on activation and deactivation: registers the hook at the service
 * through the spec's named hooks (which call the service through the engine), and keeps the hook id
 * and the generated secret in the node's static data.
 */
import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { openConnection } from '../node/connection';
import { isIdempotent } from '../retry/decide';
import { identityOf } from '../spec/identity';
import type {
	ServiceDefinition,
	TriggerCheckExistsHook,
	TriggerCreateHook,
	TriggerDeleteHook,
	TriggerHookContext,
	TriggerState,
} from '../spec/types';
import { DEFAULT_SETTINGS, send } from '../transport/pipeline';
import type { EngineRequest } from '../transport/types';
import { generateWebhookSecret } from '../webhooks/signature';
import {
	credentialTypeOf,
	ifFound,
	loadState,
	readTriggerParams,
	registrationUrl,
	saveState,
	selectedEvents,
	signingSecret,
} from './common';
import { webhookOf } from './description';

function namedHook<T>(fn: IHookFunctions, def: ServiceDefinition, name: string | undefined): T | undefined {
	if (!name) return undefined;
	const hook = def.hooks?.[name];
	if (typeof hook !== 'function') {
		throw new NodeOperationError(fn.getNode(), `The ${def.spec.displayName} trigger needs the hook '${name}', which is missing.`);
	}
	return hook as unknown as T;
}

/** The URL n8n serves deliveries on for this activation (production, or the test URL while listening). */
function currentWebhookUrl(fn: IHookFunctions): string {
	const url = fn.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(fn.getNode(), 'n8n gave this trigger no webhook URL.');
	return url;
}

async function hookContext(fn: IHookFunctions, def: ServiceDefinition, state: TriggerState, secret: string): Promise<TriggerHookContext> {
	const { spec } = def;
	const webhook = webhookOf(def);
	const credentialType = credentialTypeOf(fn, def);
	const conn = await openConnection(fn, 0, credentialType, spec.baseUrl);
	const service = identityOf(spec);
	const request = async (req: EngineRequest) =>
		await send(
			{ fn, itemIndex: 0, service, credentialType, redact: conn.redact, settings: DEFAULT_SETTINGS },
			{ ...req, idempotent: req.idempotent ?? isIdempotent(req.method) },
		);
	return {
		fn,
		spec,
		webhookUrl: registrationUrl(currentWebhookUrl(fn), webhook, secret),
		events: selectedEvents(fn),
		params: readTriggerParams(fn, webhook),
		credentialType,
		baseUrl: conn.baseUrl,
		state,
		secret,
		request,
	};
}

function sameEvents(a: string[] | undefined, b: string[]): boolean {
	return a !== undefined && a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** Removes the registered hook at the service (a 404 means it is already gone) and forgets it. */
async function removeRegisteredHook(fn: IHookFunctions, def: ServiceDefinition, state: TriggerState): Promise<void> {
	const webhook = webhookOf(def);
	const remove = namedHook<TriggerDeleteHook>(fn, def, webhook.hooks?.delete);
	if (state.hookId && remove) {
		const ctx = await hookContext(fn, def, state, state.secret ?? '');
		// Tell the hook what was registered, which may differ from the node's current settings.
		if (state.webhookUrl) ctx.webhookUrl = registrationUrl(state.webhookUrl, webhook, state.secret);
		if (state.events) ctx.events = state.events;
		// Already gone at the service (404) is what we wanted.
		await ifFound(remove(ctx));
	}
	saveState(fn, undefined);
}

/**
 * Whether the hook this node registered is still in place at the service. A stored hook that can
 * no longer serve this node (secret lost, events or URL changed) is removed, so `create` registers a
 * fresh one instead of a duplicate.
 */
export async function triggerCheckExists(fn: IHookFunctions, def: ServiceDefinition): Promise<boolean> {
	const webhook = webhookOf(def);
	if (webhook.register === 'manual') return true;
	const state = loadState(fn);
	if (!state.hookId) return false;
	const secretLost = !webhook.secretCredentialField && !state.secret;
	const moved = state.webhookUrl !== currentWebhookUrl(fn);
	if (secretLost || moved || !sameEvents(state.events, selectedEvents(fn))) {
		await removeRegisteredHook(fn, def, state);
		return false;
	}
	const check = namedHook<TriggerCheckExistsHook>(fn, def, webhook.hooks?.checkExists);
	if (!check) return true;
	const exists = await check(await hookContext(fn, def, state, state.secret ?? ''));
	if (!exists) saveState(fn, undefined);
	return exists;
}

/** Registers the hook at the service with a fresh secret and remembers its id and secret. */
export async function triggerCreate(fn: IHookFunctions, def: ServiceDefinition): Promise<boolean> {
	const webhook = webhookOf(def);
	if (webhook.register === 'manual') return true;
	const create = namedHook<TriggerCreateHook>(fn, def, webhook.hooks?.create);
	if (!create) throw new NodeOperationError(fn.getNode(), `The ${def.spec.displayName} trigger has no create hook.`);
	const previous = loadState(fn);
	const secret = webhook.secretCredentialField ? ((await signingSecret(fn, def, previous)) ?? '') : generateWebhookSecret();
	const ctx = await hookContext(fn, def, previous, secret);
	const result = await create(ctx);
	if (!result || result.id === undefined || result.id === null || String(result.id) === '') {
		throw new NodeOperationError(fn.getNode(), `${def.spec.displayName} did not return an id for the new webhook.`);
	}
	const state: TriggerState = { hookId: String(result.id) };
	// A credential secret stays in the credential; only a generated (or service-issued) one is kept here.
	const kept = result.secret ?? (webhook.secretCredentialField ? undefined : secret);
	if (kept) state.secret = kept;
	state.events = ctx.events;
	state.webhookUrl = currentWebhookUrl(fn);
	if (result.data) state.data = result.data;
	saveState(fn, state);
	return true;
}

/** Removes the hook at the service (a 404 counts as removed) and forgets its id and secret. */
export async function triggerDelete(fn: IHookFunctions, def: ServiceDefinition): Promise<boolean> {
	const webhook = webhookOf(def);
	if (webhook.register === 'manual') return true;
	await removeRegisteredHook(fn, def, loadState(fn));
	return true;
}
