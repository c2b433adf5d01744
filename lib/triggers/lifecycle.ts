/**
 * The webhook lifecycle n8n runs on activation and deactivation: registers the hook at the service
 * through the spec's named hooks (which call the service through the engine), and keeps the hook id
 * and the secret (sealed, see secrets.ts) in the node's static data. A registration that fails throws,
 * so n8n fails the activation with the reason.
 */
import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { openServiceTarget } from '../execution/discovery';
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
import { processRuntime } from '../runtime';
import type { Engine } from '../transport/engine';
import { toN8nError } from '../execution/n8n-error';
import { send } from '../transport/pipeline';
import type { EngineRequest } from '../transport/types';
import { generateWebhookSecret } from '../webhooks/signature';
import {
	credentialTypeOf,
	readTriggerParams,
	registrationUrl,
	sameEvents,
	selectedEvents,
	signingSecret,
	unlessGone,
	webhookFor,
} from './common';
import { openState, requireSealingKey, storeState } from './secrets';
import {
	forgetRegistration,
	liveState,
	recordRegistration,
	retiringRegistrations,
} from './renewal';
import { callContext } from '../transport/context';

function namedHook<T>(
	fn: IHookFunctions,
	def: ServiceDefinition,
	name: string | undefined,
): T | undefined {
	if (!name) return undefined;
	const hook = def.hooks?.[name];
	if (typeof hook !== 'function') {
		throw new NodeOperationError(
			fn.getNode(),
			`The ${def.spec.displayName} trigger needs the hook '${name}', which is missing.`,
		);
	}
	return hook as unknown as T;
}

/** The URL n8n serves deliveries on for this activation (production, or the test URL while listening). */
function currentWebhookUrl(fn: IHookFunctions): string {
	const url = fn.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(fn.getNode(), 'n8n gave this trigger no webhook URL.');
	return url;
}

async function hookContext(
	engine: Engine,
	fn: IHookFunctions,
	def: ServiceDefinition,
	state: TriggerState,
	secret: string,
): Promise<TriggerHookContext> {
	const { spec } = def;
	const webhook = webhookFor(fn, def);
	const credentialType = credentialTypeOf(fn, def);
	const target = await openServiceTarget(engine, fn, 0, spec, credentialType);
	const service = identityOf(spec);
	// Registration needs the trigger's scopes: a refused permission names those the token lacks.
	const scopes = webhook.scopes;
	const request = async (req: EngineRequest) =>
		await send(callContext({ engine, fn, service, credentialType, redact: target.redact }), {
			...req,
			idempotent: req.idempotent ?? isIdempotent(req.method),
			...((req.scopes ?? scopes) ? { scopes: req.scopes ?? scopes } : {}),
		});
	return {
		engine,
		fn,
		spec,
		webhookUrl: registrationUrl(currentWebhookUrl(fn), webhook, secret),
		events: selectedEvents(fn),
		params: readTriggerParams(fn, webhook),
		credentialType,
		baseUrl: target.baseUrl,
		state,
		secret,
		request,
	};
}

/**
 * n8n shows only the message of an activation error (the publication status, the editor's toast), so
 * the message carries the cause and the fix: the engine's details (a "Fix: …" line, or a paragraph
 * saying cause and fix) are added to it. The details and the request stay on the error as well.
 */
function registrationError(
	fn: IHookFunctions,
	def: ServiceDefinition,
	error: unknown,
): NodeOperationError {
	const e = (error ?? {}) as { message?: unknown; description?: unknown; context?: IDataObject };
	const text = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
	const cause = /[.!?]$/.test(text) ? text : `${text}.`;
	const description =
		typeof e.description === 'string' && e.description.trim() !== ''
			? e.description.trim()
			: undefined;
	const fixLine = description && /^Fix: (.+)$/m.exec(description)?.[1];
	const detail = fixLine
		? `Fix: ${fixLine}`
		: description && !description.includes('\n') && !cause.includes(description)
			? description
			: '';
	const wrapped = new NodeOperationError(
		fn.getNode(),
		`Could not register the ${def.spec.displayName} webhook: ${cause}${detail ? ` ${detail}` : ''}`,
		description ? { description } : {},
	);
	if (e.context?.request) wrapped.context.request = e.context.request;
	return wrapped;
}

/** Runs one step of activation; whatever fails it fails the activation with a clear message. */
async function registering<T>(
	fn: IHookFunctions,
	def: ServiceDefinition,
	step: () => Promise<T>,
): Promise<T> {
	const outcome = await step().then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('error' in outcome) throw registrationError(fn, def, toN8nError(outcome.error, fn.getNode()));
	return outcome.value;
}

/** Stored secrets are sealed with n8n's key: without it, fail before anything is sent to the service. */
function needsSealingKey(fn: IHookFunctions, def: ServiceDefinition): void {
	if (!webhookFor(fn, def).secretCredentialField) requireSealingKey(fn, def.spec.displayName);
}

/** Removes the registered hook at the service (a 404 means it is already gone) and forgets it. */
async function removeRegisteredHook(
	engine: Engine,
	fn: IHookFunctions,
	def: ServiceDefinition,
	state: TriggerState,
): Promise<void> {
	const webhook = webhookFor(fn, def);
	const remove = namedHook<TriggerDeleteHook>(fn, def, webhook.hooks?.delete);
	if (state.hookId && remove) {
		// A registration the monitor replaced: the live one, and the replaced ones not stopped yet.
		const live = await liveState(fn, def, state);
		const retiring = (await retiringRegistrations(fn, def)).map((r) => ({
			...live,
			hookId: r.hookId,
			data: { ...(live.data ?? {}), ...r.values },
		}));
		for (const registration of [live, ...retiring]) {
			const ctx = await hookContext(engine, fn, def, registration, state.secret ?? '');
			// Tell the hook what was registered, which may differ from the node's current settings.
			if (state.webhookUrl)
				ctx.webhookUrl = registrationUrl(state.webhookUrl, webhook, state.secret);
			if (state.events) ctx.events = state.events;
			// Already gone at the service (404) is what we wanted.
			await unlessGone(remove(ctx));
		}
		await forgetRegistration(fn, def);
	}
	storeState(fn, undefined, def.spec.displayName);
}

/**
 * Whether the hook this node registered is still in place at the service. A stored hook that can
 * no longer serve this node (secret lost, events or URL changed) is removed, so `create` registers a
 * fresh one instead of a duplicate.
 */
export async function triggerCheckExists(
	fn: IHookFunctions,
	def: ServiceDefinition,
	engine: Engine = processRuntime(),
): Promise<boolean> {
	const webhook = webhookFor(fn, def);
	if (webhook.register === 'manual') return true;
	return await registering(fn, def, async () => await hookStillServes(engine, fn, def));
}

async function hookStillServes(
	engine: Engine,
	fn: IHookFunctions,
	def: ServiceDefinition,
): Promise<boolean> {
	const webhook = webhookFor(fn, def);
	needsSealingKey(fn, def);
	// Opening also seals a secret left in plain text by an older version.
	const state = openState(fn);
	if (!state.hookId) return false;
	const secretLost = !webhook.secretCredentialField && !state.secret;
	const moved = state.webhookUrl !== currentWebhookUrl(fn);
	if (secretLost || moved || !sameEvents(state.events, selectedEvents(fn))) {
		await removeRegisteredHook(engine, fn, def, state);
		return false;
	}
	const check = namedHook<TriggerCheckExistsHook>(fn, def, webhook.hooks?.checkExists);
	if (!check) return true;
	const exists = await check(await hookContext(engine, fn, def, state, state.secret ?? ''));
	if (!exists) {
		await forgetRegistration(fn, def);
		storeState(fn, undefined, def.spec.displayName);
	}
	return exists;
}

/** Registers the hook at the service with a fresh secret and remembers its id and secret. */
export async function triggerCreate(
	fn: IHookFunctions,
	def: ServiceDefinition,
	engine: Engine = processRuntime(),
): Promise<boolean> {
	const webhook = webhookFor(fn, def);
	if (webhook.register === 'manual') return true;
	return await registering(fn, def, async () => await registerHook(engine, fn, def));
}

async function registerHook(
	engine: Engine,
	fn: IHookFunctions,
	def: ServiceDefinition,
): Promise<boolean> {
	const webhook = webhookFor(fn, def);
	const create = namedHook<TriggerCreateHook>(fn, def, webhook.hooks?.create);
	if (!create)
		throw new NodeOperationError(
			fn.getNode(),
			`The ${def.spec.displayName} trigger has no create hook.`,
		);
	needsSealingKey(fn, def);
	const previous = openState(fn);
	const secret = webhook.secretCredentialField
		? ((await signingSecret(fn, def, previous)) ?? '')
		: generateWebhookSecret();
	const ctx = await hookContext(engine, fn, def, previous, secret);
	const result = await create(ctx);
	if (!result || result.id === undefined || result.id === null || String(result.id) === '') {
		throw new NodeOperationError(
			fn.getNode(),
			`${def.spec.displayName} did not return an id for the new webhook, so it could never be checked or removed. Delete the webhook for this workflow's URL at ${def.spec.displayName}, then activate the workflow again.`,
		);
	}
	const state: TriggerState = { hookId: String(result.id) };
	// A credential secret stays in the credential; only a generated (or service-issued) one is kept here.
	const kept = result.secret ?? (webhook.secretCredentialField ? undefined : secret);
	if (kept) state.secret = kept;
	state.events = ctx.events;
	state.webhookUrl = currentWebhookUrl(fn);
	if (result.data) state.data = result.data;
	storeState(fn, state, def.spec.displayName);
	await recordRegistration(fn, def, state, engine.clock.now());
	return true;
}

/** Removes the hook at the service (a 404 counts as removed) and forgets its id and secret. */
export async function triggerDelete(
	fn: IHookFunctions,
	def: ServiceDefinition,
	engine: Engine = processRuntime(),
): Promise<boolean> {
	const webhook = webhookFor(fn, def);
	if (webhook.register === 'manual') return true;
	await removeRegisteredHook(engine, fn, def, openState(fn));
	return true;
}
