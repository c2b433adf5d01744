/**
 * What the Stripe spec cannot say as data: registering the trigger's webhook endpoint through the API.
 * Stripe generates the signing secret itself and returns it only once, in the create answer.
 */
import { randomUUID } from 'node:crypto';

import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { TriggerCreateResult, TriggerHookContext } from '../../lib/spec/types';
import { sameEvents } from '../../lib/triggers';
import { STRIPE_API_VERSION } from './Stripe.events';

const ENDPOINT = '/webhook_endpoints/{endpointId}';

/** What Stripe is asked to send: `*` (every event) stands alone, as Stripe takes it with no other event. */
function enabledEvents(events: string[]): string[] {
	return events.includes('*') ? ['*'] : events;
}

async function deleteEndpoint(ctx: TriggerHookContext, endpointId: string): Promise<void> {
	// Already gone (deleted in the Dashboard, 404): nothing left to remove.
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: ENDPOINT,
		pathParams: { endpointId },
		responseFormat: 'json',
		accept: [404],
	});
}

/**
 * The stored endpoint still exists and still matches this trigger (URL, events, enabled). A stale one
 * (n8n's URL changed, events changed while inactive, or Stripe disabled it after failed deliveries) is
 * removed so that `create` registers a fresh one instead of leaving it behind.
 */
async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	const endpointId = ctx.state.hookId;
	if (!endpointId) return false;
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: ENDPOINT,
		pathParams: { endpointId },
		responseFormat: 'json',
		accept: [404],
	});
	if (res.status === 404) return false;
	const endpoint = (res.body ?? {}) as IDataObject;
	if (
		endpoint.url === ctx.webhookUrl &&
		endpoint.status === 'enabled' &&
		sameEvents(endpoint.enabled_events, enabledEvents(ctx.events))
	)
		return true;
	await deleteEndpoint(ctx, endpointId);
	return false;
}

/** `POST /v1/webhook_endpoints`; keeps the returned `whsec_…` secret (Stripe shows it only here). */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const workflow = ctx.fn.getWorkflow();
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/webhook_endpoints',
		body: {
			url: ctx.webhookUrl,
			enabled_events: enabledEvents(ctx.events),
			// Events are rendered in the version the node reads, not the account's default.
			api_version: STRIPE_API_VERSION,
			description: `n8n workflow "${workflow.name ?? workflow.id ?? ''}"`.slice(0, 5000),
		},
		bodyEncoding: 'form',
		// One key for this registration: a retry after a lost answer returns the same endpoint, not a second one.
		headers: { 'Idempotency-Key': randomUUID() },
		idempotent: true,
		responseFormat: 'json',
	});
	const endpoint = (res.body ?? {}) as IDataObject;
	if (typeof endpoint.id !== 'string' || typeof endpoint.secret !== 'string' || !endpoint.secret) {
		throw new NodeOperationError(
			ctx.fn.getNode(),
			'Stripe created the webhook endpoint but returned no id or signing secret',
			{
				description:
					'Deliveries could not be verified, so the trigger was not activated. Delete the endpoint in Stripe (Developers → Webhooks) and activate the workflow again.',
			},
		);
	}
	return {
		id: endpoint.id,
		secret: endpoint.secret,
		data: { livemode: endpoint.livemode === true },
	};
}

/** `DELETE /v1/webhook_endpoints/{id}`; an endpoint already deleted in the Dashboard counts as deleted. */
async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	if (ctx.state.hookId) await deleteEndpoint(ctx, ctx.state.hookId);
}

export const stripeHooks = { webhookExists, webhookCreate, webhookDelete };
