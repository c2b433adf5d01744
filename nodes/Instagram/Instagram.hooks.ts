/**
 * Instagram's only non-REST flow: create a media container, wait until Instagram has processed it
 * (status FINISHED), publish it. The wait is bounded and sleeps on the engine's clock.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import { readEngineSettings } from '../../lib/execution/options';
import { identityOf } from '../../lib/spec/identity';
import type { HookContext, OperationSpec, ServiceSpec } from '../../lib/spec/types';
import { callContext } from '../../lib/transport/context';
import { send } from '../../lib/transport/pipeline';
import { makeRedactor, secretsOf } from '../../lib/transport/redact';
import { INSTAGRAM_UPLOAD_URL } from '../Meta/meta';
import { verifySubscription } from '../Meta/meta.hooks';

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
			{ itemIndex, description: 'Run the item again; the container expires unused after 24 hours.' },
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

export const instagramHooks = {
	createAndPublish,
	getMentioned,
	uploadAndPublish,
	publishCarousel,
	webhookHandshake: verifySubscription,
};
