/**
 * Deliveries that only say "something changed" (a thin notification): after verification, the spec's `deliver`
 * hook fetches the changes through the engine with the trigger's credential and returns the items to emit. The
 * hook keeps its place (a cursor) in the activation's state and claims each change once in the replay store, so
 * concurrent notifications, in one process or several, never emit a change twice.
 */
import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { openTarget } from '../execution/target';
import { toN8nError } from '../execution/n8n-error';
import { isIdempotent } from '../retry/decide';
import { identityOf } from '../spec/identity';
import type {
	DeliveryContext,
	ServiceDefinition,
	TriggerDeliverHook,
	TriggerState,
} from '../spec/types';
import type { Engine } from '../transport/engine';
import { callContext } from '../transport/context';
import { send, type RequestFunctions } from '../transport/pipeline';
import type { EngineRequest } from '../transport/types';
import { defaultReplayScope } from '../webhooks/respond';
import { sharedReplayStore } from '../webhooks/replay-store';
import {
	credentialTypeOf,
	loadState,
	readTriggerParams,
	saveState,
	selectedEvents,
} from './common';
import { webhookOf } from './description';
import { recordRegistration } from './renewal';

export interface DeliverInput {
	json: IDataObject;
	event?: string;
	state: TriggerState;
	engine: Engine;
	now?: number;
	reject: (reason: string, message: string, status?: number) => IWebhookResponseData;
}

/** Runs the `deliver` hook of a verified delivery and emits what it returns (nothing: 200, no execution). */
export async function deliverThroughHook(
	fn: IWebhookFunctions,
	def: ServiceDefinition,
	hook: TriggerDeliverHook,
	input: DeliverInput,
): Promise<IWebhookResponseData> {
	const { spec } = def;
	const webhook = webhookOf(def);
	// A webhook context sends like a hook context: n8n's request helpers with the node's credential.
	const rf = fn as unknown as RequestFunctions;
	const credentialType = credentialTypeOf(fn, def);
	let items: IDataObject[];
	// A slow fetch is answered 202 at the sender's deadline (wall time: the sender's clock, not the engine's).
	let answered = false;
	const deadline =
		webhook.answerWithinMs === undefined
			? undefined
			: setTimeout(() => {
					answered = true;
					fn.getResponseObject().status(202).end();
				}, webhook.answerWithinMs);
	try {
		const target = await openTarget(rf, 0, credentialType, spec.baseUrl);
		const ctx = callContext({
			engine: input.engine,
			fn: rf,
			service: identityOf(spec),
			credentialType,
			redact: target.redact,
		});
		const request = async (req: EngineRequest) =>
			await send(ctx, {
				...req,
				idempotent: req.idempotent ?? isIdempotent(req.method),
				...((req.scopes ?? webhook.scopes) ? { scopes: req.scopes ?? webhook.scopes } : {}),
			});
		const { secret: _secret, ...state } = input.state;
		void _secret;
		const scope = defaultReplayScope(fn);
		const context: DeliveryContext = {
			engine: input.engine,
			fn,
			spec,
			body: input.json,
			...(input.event !== undefined ? { event: input.event } : {}),
			events: selectedEvents(fn),
			params: readTriggerParams(fn, webhook),
			state,
			baseUrl: target.baseUrl,
			request,
			saveData(data) {
				// The stored slot as it is (the secret stays sealed), with `data` merged.
				const stored = loadState(fn);
				saveState(fn, { ...stored, data: { ...(stored.data ?? {}), ...data } });
				state.data = { ...(state.data ?? {}), ...data };
			},
			async replaceRegistration(hookId, data) {
				const stored = loadState(fn);
				const next = { ...stored, hookId, data: { ...(stored.data ?? {}), ...data } };
				saveState(fn, next);
				state.hookId = hookId;
				state.data = next.data;
				// The Connections Monitor renews the new registration from now on (the old record is replaced).
				await recordRegistration(
					fn as unknown as IHookFunctions,
					def,
					{ ...next, hookId },
					input.now ?? Date.now(),
				);
			},
			async claim(keys, ttlMs) {
				const store = sharedReplayStore();
				const now = input.now ?? Date.now();
				return await store.claim(
					keys.map((k) => `${scope}\u0000deliver\u0000${k}`),
					now + ttlMs,
					now,
				);
			},
		};
		items = target.redact(await hook(context));
	} catch (error) {
		const e = toN8nError(error, fn.getNode()) as Error;
		fn.logger.warn(`${spec.displayName} Trigger could not fetch the changes of a delivery`, {
			node: fn.getNode().name,
			error: e.message,
			...(answered ? { answered: 'already 202: the sender will not send it again' } : {}),
		});
		if (answered) return { noWebhookResponse: true };
		// The place is kept where it was: the next notification fetches these changes again.
		return input.reject(
			'fetch-failed',
			`The delivery was verified, but fetching its changes from ${spec.displayName} failed: ${e.message}`,
			502,
		);
	} finally {
		clearTimeout(deadline);
	}
	const out: INodeExecutionData[] = items.map((json) => ({ json }));
	if (answered)
		return out.length === 0
			? { noWebhookResponse: true }
			: { noWebhookResponse: true, workflowData: [out] };
	if (items.length === 0) return { webhookResponse: { message: 'No new changes' } };
	return { workflowData: [out] };
}
