/**
 * What the Square spec cannot say as data: a catalog image upload (a multipart body whose JSON part carries the
 * idempotency key), and the trigger's webhook subscription, made through Square's Webhook Subscriptions API. Square generates the signature key and returns it in the create answer; the lifecycle keeps
 * it sealed in the node's static data (never logged, never in an output).
 */
import { randomUUID } from 'node:crypto';

import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { idempotencyKeyFor, toRequest } from '../../lib/builder/execute';
import type { HookContext, TriggerCreateResult, TriggerHookContext } from '../../lib/spec/types';
import { sameEvents } from '../../lib/triggers';
import { SQUARE_VERSION } from './Square.oauth';

/** CreateCatalogImage takes JPEG, PJPEG, PNG or GIF files of up to 15 MB (Square API reference). */
const IMAGE_TYPES = ['image/jpeg', 'image/pjpeg', 'image/png', 'image/gif'];
const IMAGE_MAX_BYTES = 15 * 1024 * 1024;

/**
 * `POST /v2/catalog/images`: the fields as Square's `request` JSON part, with the item's idempotency key (derived
 * like every other write's, so a retry creates one image), and the item's binary data as `image_file`.
 */
async function uploadCatalogImage(ctx: HookContext): Promise<IDataObject> {
	const property = String(ctx.params.binaryPropertyName || 'data');
	const binary = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	const refuse = (message: string, description: string) =>
		new NodeOperationError(ctx.fn.getNode(), message, { itemIndex: ctx.itemIndex, description });
	if (!IMAGE_TYPES.includes(String(binary.mimeType).toLowerCase()))
		throw refuse(
			`Square takes JPEG, PNG or GIF catalog images; the binary field '${property}' holds ${binary.mimeType || 'an unknown type'}`,
			'Convert the image first (e.g. with the Edit Image node), or set Input Binary Field to the field that holds the image.',
		);
	const data = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
	if (data.length > IMAGE_MAX_BYTES)
		throw refuse(
			`The image in '${property}' is ${data.length} bytes; Square takes catalog images of up to 15 MB (${IMAGE_MAX_BYTES} bytes)`,
			'Resize or compress the image before uploading it.',
		);
	const request = toRequest(ctx.operation, ctx.params, ctx.baseUrl).body as IDataObject;
	delete request.binaryPropertyName;
	const imageData = ((request.image as IDataObject).image_data ?? {}) as IDataObject;
	(request.image as IDataObject).image_data = { name: binary.fileName ?? 'image', ...imageData };
	const key =
		typeof request.idempotency_key === 'string' && request.idempotency_key
			? request.idempotency_key
			: idempotencyKeyFor(ctx.fn, ctx.itemIndex, ctx.spec.id, 'POST /v2/catalog/images', 0);
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		body: {
			request: JSON.stringify({ ...request, idempotency_key: key }),
			image_file: { data, fileName: binary.fileName ?? 'image', mimeType: binary.mimeType },
		} as never,
		bodyEncoding: 'multipart',
		idempotencyKey: key,
		idempotent: true,
		responseFormat: 'json',
	});
	return res.body as IDataObject;
}

const SUBSCRIPTION = '/v2/webhooks/subscriptions/{subscriptionId}';

async function deleteSubscription(ctx: TriggerHookContext, subscriptionId: string): Promise<void> {
	// Already gone (deleted in the Developer Console, 404): nothing left to remove.
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: SUBSCRIPTION,
		pathParams: { subscriptionId },
		responseFormat: 'json',
		accept: [404],
	});
}

/**
 * The stored subscription still exists and still matches this trigger (URL, events, enabled). A stale one (n8n's
 * URL changed, events changed while inactive, disabled in the console) is deleted so that `create` makes a fresh one.
 */
async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	const subscriptionId = ctx.state.hookId;
	if (!subscriptionId) return false;
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: SUBSCRIPTION,
		pathParams: { subscriptionId },
		responseFormat: 'json',
		accept: [404],
	});
	if (res.status === 404) return false;
	const subscription = ((res.body ?? {}) as IDataObject).subscription as IDataObject | undefined;
	if (
		subscription?.notification_url === ctx.webhookUrl &&
		subscription.enabled === true &&
		sameEvents(subscription.event_types, ctx.events)
	)
		return true;
	await deleteSubscription(ctx, subscriptionId);
	return false;
}

/** `POST /v2/webhooks/subscriptions`; keeps the returned `signature_key` (the HMAC key of every delivery). */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const workflow = ctx.fn.getWorkflow();
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/v2/webhooks/subscriptions',
		body: {
			// One key for this registration: a retry after a lost answer returns the same subscription, not a second one.
			idempotency_key: randomUUID(),
			subscription: {
				name: `n8n workflow "${workflow.name ?? workflow.id ?? ''}"`.slice(0, 64),
				event_types: ctx.events,
				notification_url: ctx.webhookUrl,
				// Payloads in the version the node reads, not the application's default.
				api_version: SQUARE_VERSION,
			},
		},
		bodyEncoding: 'json',
		idempotent: true,
		responseFormat: 'json',
	});
	const subscription = (((res.body ?? {}) as IDataObject).subscription ?? {}) as IDataObject;
	if (
		typeof subscription.id !== 'string' ||
		typeof subscription.signature_key !== 'string' ||
		!subscription.signature_key
	) {
		throw new NodeOperationError(
			ctx.fn.getNode(),
			'Square created the webhook subscription but returned no id or signature key',
			{
				description:
					'Deliveries could not be verified, so the trigger was not activated. Delete the subscription in the Square Developer Console (your application → Webhooks → Subscriptions) and activate the workflow again.',
			},
		);
	}
	return { id: subscription.id, secret: subscription.signature_key };
}

/** `DELETE /v2/webhooks/subscriptions/{id}`; a subscription already deleted in the console counts as deleted. */
async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	if (ctx.state.hookId) await deleteSubscription(ctx, ctx.state.hookId);
}

export const squareHooks = { uploadCatalogImage, webhookExists, webhookCreate, webhookDelete };
