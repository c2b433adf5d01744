/**
 * Pinterest's two flows that are more than one request: a Pin from binary image data (the bytes go base64-encoded
 * into `media_source`), and a video Pin — register the upload (`POST /media`), send the file to the upload URL
 * Pinterest returns (an S3 form upload on another origin: sent without the Pinterest token, its signed fields kept
 * out of errors and logs), wait until `GET /media/{media_id}` says `succeeded` (bounded, on the engine's clock),
 * then create the Pin with `media_source.source_type = video_id`.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import { identityOf } from '../../lib/spec/identity';
import type { HookContext } from '../../lib/spec/types';
import { foreignOriginContext } from '../../lib/transport/context';
import type { MultipartFile, MultipartValue } from '../../lib/transport/multipart';
import { send } from '../../lib/transport/pipeline';
import type { EngineRequest } from '../../lib/transport/types';

/** Fields that stay in n8n: which binary field to read, how long to wait. */
const LOCAL_FIELDS = ['binaryPropertyName', 'maxWaitSeconds', 'pollIntervalSeconds'];

/** Image types Pinterest takes as base64 (OpenAPI `ContentType`). */
const IMAGE_TYPES = ['image/jpeg', 'image/png'];

/** `GET /media/{media_id}` statuses (OpenAPI `MediaUploadStatus`). */
type MediaStatus = 'registered' | 'processing' | 'succeeded' | 'failed';

function sentFields(ctx: HookContext): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(ctx.params))
		if (!LOCAL_FIELDS.includes(key)) out[key] = value;
	return out;
}

function paramDefault(ctx: HookContext, name: string): number {
	return Number(ctx.operation.params?.find((p) => p.name === name)?.default ?? 0);
}

async function binaryFile(ctx: HookContext): Promise<MultipartFile> {
	const property = String(ctx.params.binaryPropertyName ?? 'data');
	const meta = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	return {
		data: await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property),
		fileName: meta.fileName ?? 'upload',
		mimeType: meta.mimeType,
	};
}

/** The operation's own request (`POST /pins` with the item's fields), with a media source added. */
function pinRequest(ctx: HookContext, mediaSource: IDataObject): EngineRequest {
	const req = toRequest(ctx.operation, sentFields(ctx), ctx.baseUrl);
	const body = (req.body ?? {}) as IDataObject;
	const given = (body.media_source ?? {}) as IDataObject;
	return { ...req, body: { ...body, media_source: { ...mediaSource, ...given } } };
}

/** A Pin from the item's binary image: `media_source: { source_type: image_base64, content_type, data }`. */
async function createPinFromBinary(ctx: HookContext): Promise<IDataObject> {
	const file = await binaryFile(ctx);
	const contentType = (file.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (!IMAGE_TYPES.includes(contentType)) {
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`Pinterest takes JPEG or PNG images, but the binary field '${String(ctx.params.binaryPropertyName ?? 'data')}' holds ${contentType || 'data of unknown type'}.`,
			{
				itemIndex: ctx.itemIndex,
				description:
					'Convert the image to JPEG or PNG first (e.g. with the Edit Image node), or create the Pin from an image URL.',
			},
		);
	}
	const res = await ctx.request(
		pinRequest(ctx, {
			source_type: 'image_base64',
			content_type: contentType,
			data: file.data.toString('base64'),
		}),
	);
	return res.body as IDataObject;
}

/** Step 2 of a video Pin: the file to the upload URL, as the form Pinterest described, without the Pinterest token. */
async function uploadFile(
	ctx: HookContext,
	uploadUrl: string,
	parameters: IDataObject,
	file: MultipartFile,
): Promise<void> {
	const url = new URL(uploadUrl);
	const fields: Record<string, MultipartValue> = {};
	for (const [key, value] of Object.entries(parameters)) fields[key] = String(value);
	// S3 form uploads read the file last.
	fields.file = file;
	// Not Pinterest's API: none of its headers, nor its rate limit, nor its credential; the form's policy and
	// signature are a credential for this upload: kept out of errors and logs.
	const upload = foreignOriginContext(
		{ engine: ctx.engine, fn: ctx.fn, itemIndex: ctx.itemIndex, service: identityOf(ctx.spec) },
		Object.values(fields).filter((v): v is string => typeof v === 'string'),
	);
	await send(upload, {
		method: 'POST',
		baseUrl: url.origin,
		path: uploadUrl,
		body: fields,
		bodyEncoding: 'multipart',
		responseFormat: 'text',
		// The same file under the same key: sending it twice stores it once.
		idempotent: true,
		cacheable: false,
	});
}

/** Step 3: polls the upload until `succeeded`; fails with the cause and the fix on `failed` or after the deadline. */
async function waitProcessed(ctx: HookContext, mediaId: string): Promise<void> {
	const node = ctx.fn.getNode();
	const { clock } = ctx.engine;
	const maxWaitMs = Number(ctx.params.maxWaitSeconds ?? paramDefault(ctx, 'maxWaitSeconds')) * 1000;
	const intervalMs =
		Number(ctx.params.pollIntervalSeconds ?? paramDefault(ctx, 'pollIntervalSeconds')) * 1000;
	const deadline = clock.now() + maxWaitMs;
	const signal = ctx.fn.getExecutionCancelSignal?.();
	for (;;) {
		const res = await ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: '/media/{mediaId}',
			pathParams: { mediaId },
			cacheable: false,
			scopes: ['pins:read'],
			limit: { tier: 'org_read' },
		});
		const status = (res.body as IDataObject).status as MediaStatus | undefined;
		if (status === 'succeeded') return;
		if (status === 'failed')
			throw new NodeOperationError(
				node,
				`Pinterest could not process the video (media ${mediaId} is failed).`,
				{
					itemIndex: ctx.itemIndex,
					description:
						'Check that the file is a video Pinterest accepts (MP4, MOV or M4V; H.264 or H.265; 4 seconds to 15 minutes; up to 2 GB), then run the item again.',
				},
			);
		if (clock.now() + intervalMs > deadline)
			throw new NodeOperationError(
				node,
				`Pinterest had not finished processing the video after ${Math.round(maxWaitMs / 1000)} s (media ${mediaId}, status ${status ?? 'unknown'}).`,
				{
					itemIndex: ctx.itemIndex,
					description: `The upload stays: check it with Media → Get Status and Media ID ${mediaId}, then create the Pin with a Custom Request (POST /pins, media_source.source_type video_id), or raise "Max Wait (Seconds)".`,
				},
			);
		await clock.sleep(intervalMs, signal);
	}
}

/** A video Pin: register the upload, upload the file, wait until processed, create the Pin. */
async function createVideoPin(ctx: HookContext): Promise<IDataObject> {
	const file = await binaryFile(ctx);
	if (file.mimeType && !file.mimeType.toLowerCase().startsWith('video/'))
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`The binary field '${String(ctx.params.binaryPropertyName ?? 'data')}' holds ${file.mimeType}, not a video.`,
			{
				itemIndex: ctx.itemIndex,
				description:
					'Pick the field that holds the video, or use "Create From Binary Image" for an image.',
			},
		);
	const registered = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/media',
		body: { media_type: 'video' },
		bodyEncoding: 'json',
		scopes: ['pins:read', 'pins:write'],
		limit: { tier: 'org_write' },
	});
	const media = registered.body as IDataObject;
	const mediaId = String(media.media_id ?? '');
	if (!mediaId || typeof media.upload_url !== 'string')
		throw new NodeOperationError(
			ctx.fn.getNode(),
			'Pinterest registered no upload (its answer has no media_id or upload_url).',
			{
				itemIndex: ctx.itemIndex,
				description: 'Run the item again; if it persists, report it with the answer.',
			},
		);
	await uploadFile(ctx, media.upload_url, (media.upload_parameters ?? {}) as IDataObject, file);
	await waitProcessed(ctx, mediaId);
	const res = await ctx.request(pinRequest(ctx, { source_type: 'video_id', media_id: mediaId }));
	return res.body as IDataObject;
}

export const pinterestHooks = {
	createPinFromBinary,
	createVideoPin,
};
