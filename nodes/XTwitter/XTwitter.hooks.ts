/**
 * What the X spec cannot say as data: media upload from binary data (one request for images; INIT / APPEND /
 * FINALIZE / STATUS for videos and GIFs, waiting on the engine's clock), a post that uploads its media first,
 * and the v2 webhook's registration (`/2/webhooks`, app-only bearer token).
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import type { HookContext, TriggerCreateResult, TriggerHookContext } from '../../lib/spec/types';

/** Images up to this size go in one request (X's limit for the simple upload is 5 MB). */
const SIMPLE_UPLOAD_MAX = 5 * 1024 * 1024;
/** Size of each APPEND segment: 1 MiB, twitter-api-v2's default (X accepts larger ones; small ones retry cheaply). */
export const CHUNK_BYTES = 1024 * 1024;
const DEFAULT_MAX_WAIT_SECONDS = 120;

function dataOf(body: unknown): IDataObject {
	const data = (body as IDataObject | undefined)?.data;
	return data && typeof data === 'object' ? (data as IDataObject) : {};
}

/** The category X expects for a file, from its MIME type: images go in one request, the rest in chunks. */
export function mediaCategoryOf(mimeType: string): string {
	if (mimeType === 'image/gif') return 'tweet_gif';
	if (mimeType.startsWith('video/')) return 'tweet_video';
	return 'tweet_image';
}

/** Polls STATUS until X has processed the media; fails with cause and fix when it failed or the wait ran out. */
async function waitProcessed(
	ctx: HookContext,
	mediaId: string,
	first: IDataObject,
	maxWaitSeconds: number,
): Promise<IDataObject> {
	const { clock } = ctx.engine;
	const signal = ctx.fn.getExecutionCancelSignal?.();
	const deadline = clock.now() + maxWaitSeconds * 1000;
	let data = first;
	for (;;) {
		const info = data.processing_info as IDataObject | undefined;
		const state = info?.state;
		if (!info || state === 'succeeded') return data;
		if (state === 'failed') {
			const error = (info.error as IDataObject | undefined) ?? {};
			throw new NodeOperationError(
				ctx.fn.getNode(),
				`X could not process the media ${mediaId}: ${String(error.message ?? error.name ?? 'processing failed')}.`,
				{
					itemIndex: ctx.itemIndex,
					description:
						"Check the file against X's media rules (MP4 H.264/AAC video up to 512 MB and 140 s on standard accounts; GIF up to 15 MB), then upload it again.",
				},
			);
		}
		const waitMs = Math.max(1, Number(info.check_after_secs ?? 1)) * 1000;
		if (clock.now() + waitMs > deadline) {
			throw new NodeOperationError(
				ctx.fn.getNode(),
				`X had not finished processing the media ${mediaId} after ${maxWaitSeconds} s (state ${String(state)}).`,
				{
					itemIndex: ctx.itemIndex,
					description:
						'Raise "Max Wait (Seconds)" and upload again; uploaded media expires after 24 hours unless attached.',
				},
			);
		}
		await clock.sleep(waitMs, signal);
		const res = await ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: '/2/media/upload',
			qs: { command: 'STATUS', media_id: mediaId },
			cacheable: false,
		});
		data = dataOf(res.body);
	}
}

/** Uploads one binary property: the answer's `data` (id, media_key, size, expiry, processing info). */
async function uploadOne(
	ctx: HookContext,
	property: string,
	category: string | undefined,
	maxWaitSeconds: number,
): Promise<IDataObject> {
	const { fn, itemIndex } = ctx;
	const meta = fn.helpers.assertBinaryData(itemIndex, property);
	const bytes = await fn.helpers.getBinaryDataBuffer(itemIndex, property);
	const mimeType = meta.mimeType || 'application/octet-stream';
	const mediaCategory = category ?? mediaCategoryOf(mimeType);
	const image = mediaCategory === 'tweet_image' || mediaCategory === 'dm_image';
	if (image && bytes.length <= SIMPLE_UPLOAD_MAX) {
		const res = await ctx.request({
			method: 'POST',
			baseUrl: ctx.baseUrl,
			path: '/2/media/upload',
			body: {
				media: { data: bytes, fileName: meta.fileName ?? 'media', mimeType },
				media_category: mediaCategory,
				media_type: mimeType,
			},
			bodyEncoding: 'multipart',
		});
		return dataOf(res.body);
	}
	const init = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/2/media/upload/initialize',
		body: { media_type: mimeType, total_bytes: bytes.length, media_category: mediaCategory },
		bodyEncoding: 'json',
	});
	const mediaId = String(dataOf(init.body).id ?? '');
	if (!mediaId) {
		throw new NodeOperationError(fn.getNode(), 'X did not return a media ID for the upload.', {
			itemIndex,
			description: 'Run the item again; if it persists, check the file type and size.',
		});
	}
	for (let index = 0, start = 0; start < bytes.length; index++, start += CHUNK_BYTES) {
		await ctx.request({
			method: 'POST',
			baseUrl: ctx.baseUrl,
			path: '/2/media/upload/{mediaId}/append',
			pathParams: { mediaId },
			body: {
				segment_index: index,
				media: {
					data: bytes.subarray(start, start + CHUNK_BYTES),
					fileName: meta.fileName ?? 'media',
					mimeType: 'application/octet-stream',
				},
			},
			bodyEncoding: 'multipart',
			// The same segment index sent twice replaces the segment: safe to retry.
			idempotent: true,
		});
	}
	const finalized = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/2/media/upload/{mediaId}/finalize',
		pathParams: { mediaId },
	});
	return await waitProcessed(ctx, mediaId, dataOf(finalized.body), maxWaitSeconds);
}

/** Media → Upload: one item with the media's `data` (its `id` goes into a post's Media IDs). */
async function uploadMedia(ctx: HookContext): Promise<IDataObject> {
	const p = ctx.params;
	return await uploadOne(
		ctx,
		String(p.binaryPropertyName ?? 'data').trim(),
		typeof p.mediaCategory === 'string' ? p.mediaCategory : undefined,
		Number(p.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS),
	);
}

/** Post → Create: uploads the binary properties named, adds their IDs to `media.media_ids`, then posts. */
async function createPost(ctx: HookContext): Promise<IDataObject> {
	const { binaryProperties, ...params } = ctx.params;
	const properties = Array.isArray(binaryProperties) ? binaryProperties.map(String) : [];
	const uploaded: string[] = [];
	for (const property of properties) {
		const media = await uploadOne(ctx, property, undefined, DEFAULT_MAX_WAIT_SECONDS);
		uploaded.push(String(media.id));
	}
	if (uploaded.length > 0) {
		const given = Array.isArray(params.mediaMediaIds) ? params.mediaMediaIds.map(String) : [];
		params.mediaMediaIds = [...given, ...uploaded];
	}
	const res = await ctx.request(toRequest(ctx.operation, params, ctx.baseUrl));
	return dataOf(res.body);
}

/** The app's webhooks (`GET /2/webhooks`, app-only bearer token). */
async function listWebhooks(ctx: TriggerHookContext): Promise<IDataObject[]> {
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: '/2/webhooks',
		cacheable: false,
	});
	const data = (res.body as IDataObject | undefined)?.data;
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

/**
 * Registers this node's URL as the app's webhook: X sends the CRC to the URL before it answers, so the
 * trigger's handshake must already be reachable (n8n serves it while activating). A webhook already
 * registered for this URL (an earlier activation) is taken over.
 */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const existing = (await listWebhooks(ctx)).find((w) => w.url === ctx.webhookUrl);
	if (existing?.id) {
		const webhookId = String(existing.id);
		// Invalid after a failed CRC: PUT asks X to run the CRC again and re-enables it.
		if (existing.valid === false)
			await ctx.request({
				method: 'PUT',
				baseUrl: ctx.baseUrl,
				path: '/2/webhooks/{webhookId}',
				pathParams: { webhookId },
			});
		return { id: webhookId };
	}
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/2/webhooks',
		body: { url: ctx.webhookUrl },
		bodyEncoding: 'json',
	});
	return { id: String(dataOf(res.body).id ?? '') };
}

/** The stored webhook still exists and X still counts it valid (a failed CRC makes it invalid: register again). */
async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	const hook = (await listWebhooks(ctx)).find((w) => String(w.id) === ctx.state.hookId);
	return Boolean(hook && hook.valid !== false);
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: '/2/webhooks/{webhookId}',
		pathParams: { webhookId: ctx.state.hookId! },
	});
}

export const xTwitterHooks = {
	createPost,
	uploadMedia,
	webhookCreate,
	webhookExists,
	webhookDelete,
};
