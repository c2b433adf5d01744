/**
 * What data cannot say for Instagram: the publishing flows (create a media container, wait until Instagram has
 * processed it — status FINISHED, a bounded wait on the engine's clock — publish it; carousels; the resumable
 * upload of binary video), the mentioned-media reads (field expansion), and the trigger's registration as the
 * Meta app (app subscriptions with the app token, the account's subscribed_apps) with its verify token.
 */
import { createHmac } from 'node:crypto';

import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import { readEngineSettings } from '../../lib/execution/options';
import { identityOf } from '../../lib/spec/identity';
import type {
	HookContext,
	OperationSpec,
	ServiceSpec,
	TriggerCreateResult,
	TriggerHookContext,
} from '../../lib/spec/types';
import { queryChallengeHandshake } from '../../lib/triggers/handshake';
import { callContext } from '../../lib/transport/context';
import { send } from '../../lib/transport/pipeline';
import { makeRedactor, secretsOf } from '../../lib/transport/redact';
import { FACEBOOK_GRAPH_URL, INSTAGRAM_UPLOAD_URL, META_HANDSHAKE } from '../Meta/meta';

/** Container `status_code` values (GET /{container-id}?fields=status_code). */
type ContainerStatus = 'FINISHED' | 'IN_PROGRESS' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

function operation(spec: ServiceSpec, resource: string, id: string): OperationSpec {
	const op = spec.resources.find((r) => r.id === resource)?.operations.find((o) => o.id === id);
	if (!op) throw new Error(`The spec has no ${resource}.${id} operation`);
	return op;
}

function paramDefault(op: OperationSpec, name: string): number {
	return Number(op.params?.find((p) => p.name === name)?.default ?? 0);
}

/** How long to wait for containers and how often to look, from the operation's fields (or their defaults). */
function waitOptions(ctx: HookContext) {
	const { maxWaitSeconds, pollIntervalSeconds, ...fields } = ctx.params;
	const op = ctx.operation;
	return {
		fields,
		maxWaitMs: Number(maxWaitSeconds ?? paramDefault(op, 'maxWaitSeconds')) * 1000,
		intervalMs: Number(pollIntervalSeconds ?? paramDefault(op, 'pollIntervalSeconds')) * 1000,
	};
}

/** Polls a container's `status_code` until FINISHED; fails with the cause and the fix on ERROR/EXPIRED/PUBLISHED or after the deadline. */
async function waitFinished(
	ctx: HookContext,
	creationId: string,
	deadline: number,
	intervalMs: number,
	maxWaitMs: number,
	/** What to publish later if the wait runs out (the carousel, not its item). */
	publishLater = creationId,
): Promise<ContainerStatus> {
	const { fn, itemIndex, spec } = ctx;
	const node = fn.getNode();
	const { clock } = ctx.engine;
	const signal = fn.getExecutionCancelSignal?.();
	for (;;) {
		const res = await ctx.request({
			method: 'GET',
			baseUrl: spec.baseUrl,
			path: '/{containerId}',
			pathParams: { containerId: creationId },
			qs: { fields: 'status_code,status' },
			cacheable: false,
		});
		const body = res.body as IDataObject;
		const status = body.status_code as ContainerStatus;
		const detail = typeof body.status === 'string' ? body.status : '';
		if (status === 'FINISHED') return status;
		if (status === 'ERROR' || status === 'EXPIRED' || status === 'PUBLISHED') {
			throw new NodeOperationError(
				node,
				`Instagram could not publish the media: container ${creationId} is ${status}${detail ? ` (${detail})` : ''}.`,
				{
					itemIndex,
					description:
						status === 'PUBLISHED'
							? 'This container was already published; look the post up with Media → Get Many.'
							: status === 'EXPIRED'
								? 'Containers expire 24 hours after creation. Create the media again.'
								: "Check that the media URL is public and the file meets Instagram's format rules (JPEG images; MP4/MOV H.264 videos), then try again.",
				},
			);
		}
		if (clock.now() + intervalMs > deadline) {
			throw new NodeOperationError(
				node,
				`Instagram had not finished processing the media after ${Math.round(maxWaitMs / 1000)} s (container ${creationId}, status ${status ?? 'unknown'}).`,
				{
					itemIndex,
					description:
						publishLater === creationId
							? `The container stays available for 24 hours: publish it later with Media → Publish and Creation ID ${creationId}, or raise "Max Wait (Seconds)".`
							: `Raise "Max Wait (Seconds)" and run the item again (the item containers expire after 24 hours).`,
				},
			);
		}
		await clock.sleep(intervalMs, signal);
	}
}

/** Step 3 of publishing: `POST /{ig-user-id}/media_publish`; the answer's id is the published media's id. */
async function publish(
	ctx: HookContext,
	accountId: IDataObject[string],
	creationId: string,
): Promise<IDataObject[string]> {
	const { spec } = ctx;
	const published = await ctx.request(
		toRequest(
			operation(spec, 'media', 'publish'),
			{ accountId, creation_id: creationId },
			spec.baseUrl,
		),
	);
	return (published.body as IDataObject).id;
}

async function createAndPublish(ctx: HookContext): Promise<IDataObject> {
	const { spec } = ctx;
	const { fields, maxWaitMs, intervalMs } = waitOptions(ctx);
	const deadline = ctx.engine.clock.now() + maxWaitMs;
	// Step 1: exactly the request "Create Container" sends.
	const created = await ctx.request(
		toRequest(operation(spec, 'media', 'create'), fields, spec.baseUrl),
	);
	const creationId = String((created.body as IDataObject).id);
	// Step 2: wait until FINISHED (images usually are at once; videos take a while).
	const status = await waitFinished(ctx, creationId, deadline, intervalMs, maxWaitMs);
	return { id: await publish(ctx, fields.accountId, creationId), creationId, status };
}

const VIDEO_URL = /\.(mp4|mov)(\?|#|$)/i;

/**
 * A carousel in one step (Meta's content-publishing guide): one item container per URL (`is_carousel_item`,
 * `image_url`, or `video_url` with `media_type=VIDEO` for .mp4/.mov), each waited for until FINISHED, then the
 * CAROUSEL container with `children`, waited for, then published.
 */
async function publishCarousel(ctx: HookContext): Promise<IDataObject> {
	const { spec, fn, itemIndex } = ctx;
	const { fields, maxWaitMs, intervalMs } = waitOptions(ctx);
	const { accountId, mediaUrls, ...carousel } = fields;
	const urls = (Array.isArray(mediaUrls) ? mediaUrls : []).map(String);
	if (urls.length < 2 || urls.length > 10)
		throw new NodeOperationError(
			fn.getNode(),
			`The field 'Media URLs' must hold 2 to 10 URLs (got ${urls.length}).`,
			{
				itemIndex,
				description:
					'A carousel has 2 to 10 images or videos: list their public URLs, comma-separated.',
			},
		);
	const deadline = ctx.engine.clock.now() + maxWaitMs;
	const create = operation(spec, 'media', 'create');
	const children: string[] = [];
	for (const url of urls) {
		const item = VIDEO_URL.test(url) ? { video_url: url, media_type: 'VIDEO' } : { image_url: url };
		const res = await ctx.request(
			toRequest(create, { accountId, ...item, is_carousel_item: true }, spec.baseUrl),
		);
		children.push(String((res.body as IDataObject).id));
	}
	for (const child of children) await waitFinished(ctx, child, deadline, intervalMs, maxWaitMs, '');
	const created = await ctx.request(
		toRequest(
			create,
			{ accountId, ...carousel, media_type: 'CAROUSEL', children: children.join(',') },
			spec.baseUrl,
		),
	);
	const creationId = String((created.body as IDataObject).id);
	const status = await waitFinished(ctx, creationId, deadline, intervalMs, maxWaitMs);
	return { id: await publish(ctx, accountId, creationId), creationId, children, status };
}

/**
 * A video from the item's binary data (Meta's resumable upload for reels, stories and carousel videos):
 * the container is created with `upload_type=resumable`, the bytes are POSTed to
 * rupload.facebook.com/ig-api-upload/<version>/<container id> with `Authorization: OAuth <token>`, `offset: 0`
 * and `file_size`, then the container is waited for and published as in Create and Publish. The upload URL is
 * built from the pinned version and the container id, never taken from the answer, so the token only goes
 * to Meta's upload host.
 */
async function uploadAndPublish(ctx: HookContext): Promise<IDataObject> {
	const { spec, fn, itemIndex } = ctx;
	const { fields: all, maxWaitMs, intervalMs } = waitOptions(ctx);
	const { binaryPropertyName, ...fields } = all;
	const property = String(binaryPropertyName ?? 'data');
	fn.helpers.assertBinaryData(itemIndex, property);
	const bytes = await fn.helpers.getBinaryDataBuffer(itemIndex, property);
	const deadline = ctx.engine.clock.now() + maxWaitMs;
	const container = toRequest(operation(spec, 'media', 'create'), fields, spec.baseUrl);
	const created = await ctx.request({
		...container,
		body: { ...(container.body as IDataObject), upload_type: 'resumable' },
	});
	const creationId = String((created.body as IDataObject).id);
	const credentialType = spec.auth[0].credentialType;
	const credentials = (await fn.getCredentials(credentialType, itemIndex)) as IDataObject;
	const token = String((credentials.oauthTokenData as IDataObject | undefined)?.access_token ?? '');
	const redact = makeRedactor([...secretsOf(credentials), token]);
	const upload = callContext({
		engine: ctx.engine,
		fn,
		itemIndex,
		service: identityOf(spec),
		credentialType,
		bearerToken: token,
		authScheme: 'OAuth',
		redact,
		settings: readEngineSettings(fn, itemIndex),
	});
	const uploaded = await send(upload, {
		method: 'POST',
		baseUrl: INSTAGRAM_UPLOAD_URL,
		path: '/{containerId}',
		pathParams: { containerId: creationId },
		headers: { offset: '0', file_size: String(bytes.length) },
		body: bytes,
		bodyEncoding: 'raw',
		contentType: 'application/octet-stream',
		// Sent again from offset 0 if the connection fails: Meta keeps the bytes of the last complete upload.
		idempotent: true,
		...(ctx.operation.scopes ? { scopes: ctx.operation.scopes } : {}),
	});
	const answer = (uploaded.body ?? {}) as IDataObject;
	if (answer.success !== true)
		throw new NodeOperationError(
			fn.getNode(),
			`Instagram did not accept the upload of container ${creationId}${typeof answer.message === 'string' ? `: ${redact(answer.message)}` : '.'}`,
			{
				itemIndex,
				description: 'Run the item again; the container expires unused after 24 hours.',
			},
		);
	const status = await waitFinished(ctx, creationId, deadline, intervalMs, maxWaitMs);
	return { id: await publish(ctx, fields.accountId, creationId), creationId, status };
}

/**
 * Mentions (field expansion on the account): `GET /{ig-user-id}?fields=mentioned_media.media_id(<id>){<fields>}`
 * or `mentioned_comment.comment_id(<id>){<fields>}`; the id comes from a mentions webhook. The answer's object
 * under that field is the item.
 */
async function getMentioned(ctx: HookContext): Promise<IDataObject> {
	const { spec, operation: op, params } = ctx;
	const [field, idField, idParam] =
		op.id === 'getComment'
			? ['mentioned_comment', 'comment_id', 'commentId']
			: ['mentioned_media', 'media_id', 'mediaId'];
	const fields = String(params.fields || op.query?.fields || '');
	const res = await ctx.request({
		method: 'GET',
		baseUrl: spec.baseUrl,
		path: '/{accountId}',
		pathParams: { accountId: String(params.accountId) },
		qs: { fields: `${field}.${idField}(${String(params[idParam])}){${fields}}` },
	});
	return ((res.body as IDataObject)?.[field] ?? {}) as IDataObject;
}

// ---- Trigger registration: the Meta app's `instagram` subscription (callback URL, fields, verify token) through
// POST /{app-id}/subscriptions with the app access token, and the account's own subscription to the app
// (POST /me/subscribed_apps, Instagram Login) with the user token, so nothing is set up by hand in the dashboard.

/** The webhook fields a selection subscribes: "All" is every field the trigger offers, messages included. */
function subscribedFields(events: string[]): string[] {
	return events.includes('*') ? ['comments', 'mentions', 'messages'] : events;
}

type CredentialFunctions = Pick<IHookFunctions | IWebhookFunctions, 'getCredentials'>;

async function credentialOf(fn: CredentialFunctions, spec: ServiceSpec): Promise<IDataObject> {
	return (await fn.getCredentials(spec.auth[0].credentialType)) as IDataObject;
}

/**
 * The Meta app the subscription belongs to: the credential's "Meta App ID" and "Meta App Secret" (App settings →
 * Basic), or its Client ID and Client Secret when those are empty.
 */
function metaApp(credentials: IDataObject): { appId: string; appSecret: string } {
	const pick = (own: unknown, fallback: unknown) =>
		String((typeof own === 'string' && own.trim() !== '' ? own : fallback) ?? '').trim();
	return {
		appId: pick(credentials.appId, credentials.clientId),
		appSecret: pick(credentials.appSecret, credentials.clientSecret),
	};
}

/**
 * The verify token Meta sends with the subscription handshake: the trigger's Verify Token when set, else one
 * derived from the app secret and this node (HMAC-SHA256 of workflow and node id), so activation and the
 * handshake agree without storing anything and without the user choosing one.
 */
function verifyTokenFor(
	fn: Pick<IHookFunctions | IWebhookFunctions, 'getWorkflow' | 'getNode'>,
	params: IDataObject,
	credentials: IDataObject,
): string {
	const own = typeof params.verifyToken === 'string' ? params.verifyToken : '';
	if (own !== '') return own;
	return createHmac('sha256', metaApp(credentials).appSecret)
		.update(`instagram-verify-token:${String(fn.getWorkflow().id)}:${fn.getNode().id}`)
		.digest('hex')
		.slice(0, 40);
}

/** Requests signed with the app access token `{app-id}|{app-secret}` (in the Authorization header, never a URL). */
async function appSession(ctx: TriggerHookContext) {
	const credentials = await credentialOf(ctx.fn, ctx.spec);
	const { appId, appSecret } = metaApp(credentials);
	if (!/^\d+$/.test(appId) || appSecret === '')
		throw new NodeOperationError(
			ctx.fn.getNode(),
			'The Instagram credential has no Meta app ID and secret to register the webhook with.',
			{
				description:
					"Enter the Meta app's App ID and App Secret (App settings → Basic) in the credential's Meta App ID and Meta App Secret fields.",
			},
		);
	const appToken = `${appId}|${appSecret}`;
	const call = callContext({
		engine: ctx.engine,
		fn: ctx.fn,
		service: identityOf(ctx.spec),
		credentialType: ctx.credentialType ?? ctx.spec.auth[0].credentialType,
		bearerToken: appToken,
		redact: makeRedactor([...secretsOf(credentials), appToken]),
	});
	const subscriptions = {
		baseUrl: FACEBOOK_GRAPH_URL,
		path: '/{appId}/subscriptions',
		pathParams: { appId },
	};
	return {
		appId,
		credentials,
		/** The app's `instagram` subscription, if any: `{ object, callback_url, active, fields: [{ name }] }`. */
		async current(): Promise<IDataObject | undefined> {
			const res = await send(call, { ...subscriptions, method: 'GET', cacheable: false });
			const data = ((res.body as IDataObject)?.data ?? []) as IDataObject[];
			return data.find((d) => d.object === 'instagram');
		},
		async subscribe(fields: IDataObject) {
			await send(call, { ...subscriptions, method: 'POST', bodyEncoding: 'form', body: fields });
		},
		async unsubscribe() {
			await send(call, { ...subscriptions, method: 'DELETE', qs: { object: 'instagram' } });
		},
	};
}

/** True when the app's `instagram` subscription calls this node's URL with every selected field. */
async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	const sub = await (await appSession(ctx)).current();
	if (!sub || sub.callback_url !== ctx.webhookUrl || sub.active === false) return false;
	const names = ((sub.fields ?? []) as IDataObject[]).map((f) => String(f.name));
	return subscribedFields(ctx.events).every((f) => names.includes(f));
}

/**
 * Point the app's `instagram` subscription at this node (Meta verifies the callback with the handshake before it
 * answers), then subscribe the connected account to the app for the same fields. The app id is the hook id.
 */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const app = await appSession(ctx);
	const fields = subscribedFields(ctx.events).join(',');
	await app.subscribe({
		object: 'instagram',
		callback_url: ctx.webhookUrl,
		fields,
		include_values: 'true',
		verify_token: verifyTokenFor(ctx.fn, ctx.params, app.credentials),
	});
	await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/me/subscribed_apps',
		qs: { subscribed_fields: fields },
		...(ctx.spec.webhook?.scopes ? { scopes: ctx.spec.webhook.scopes } : {}),
	});
	return { id: app.appId };
}

/**
 * Remove the app's `instagram` subscription when it still calls this node's URL; one that another workflow
 * has taken over since is left alone. The account stays subscribed to the app (other workflows may use it).
 */
async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	const app = await appSession(ctx);
	const sub = await app.current();
	if (sub && sub.callback_url === ctx.webhookUrl) await app.unsubscribe();
}

/** `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` → the challenge, when the token is this node's. */
const verifySubscription = queryChallengeHandshake({
	...META_HANDSHAKE,
	expectedToken: async (ctx) =>
		verifyTokenFor(ctx.fn, ctx.params, await credentialOf(ctx.fn, ctx.spec)),
});

export const instagramHooks = {
	createAndPublish,
	webhookExists,
	webhookCreate,
	webhookDelete,
	getMentioned,
	uploadAndPublish,
	publishCarousel,
	webhookHandshake: verifySubscription,
};
