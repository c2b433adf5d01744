/**
 * TikTok's Content Posting flow, the one thing data cannot say: for a Direct Post the creator info query first
 * (TikTok requires it; the privacy level must be one it offers), then the init request, then for binary data the
 * chunked upload to the `upload_url` TikTok returns (another origin, no credential), then the publish status
 * polled until done or failed, bounded, sleeping on the engine's clock (like Instagram's create-and-publish).
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import { identityOf } from '../../lib/spec/identity';
import type { HookContext, OperationSpec, ServiceSpec } from '../../lib/spec/types';
import { callContext } from '../../lib/transport/context';
import { send } from '../../lib/transport/pipeline';
import { makeRedactor } from '../../lib/transport/redact';

const MB = 1024 * 1024;
/** TikTok's chunk rules (media transfer guide): 5–64 MB per chunk, at most 1000, a file under 5 MB in one. */
const MIN_CHUNK = 5 * MB;
const MAX_CHUNK = 64 * MB;
const MAX_CHUNKS = 1000;
/** Video types TikTok accepts; another binary type is sent as MP4. */
const VIDEO_TYPES = new Set(['video/mp4', 'video/quicktime', 'video/webm']);

/**
 * Publish statuses (POST /v2/post/publish/status/fetch/) that end the wait: a Direct Post is done when published;
 * a draft when it reached the inbox (or, if the creator was quick, was already posted from there).
 */
const DONE_DIRECT = ['PUBLISH_COMPLETE'];
const DONE_INBOX = ['SEND_TO_USER_INBOX', 'PUBLISH_COMPLETE'];
const FAILED = 'FAILED';

/** What to do about the `fail_reason`s TikTok documents for a FAILED post. */
const FAIL_FIXES: Record<string, string> = {
	file_format_check_failed: 'Send an MP4 (recommended), MOV or WebM video.',
	duration_check_failed:
		'The video is longer than the creator may post (Creator → Get Info: max_video_post_duration_sec) or shorter than 3 s.',
	frame_rate_check_failed: 'Send a video of 23 to 60 frames per second.',
	picture_size_check_failed: 'Send a video between 360 and 4096 pixels high and wide.',
	video_pull_failed:
		'TikTok could not download the video: check that the URL is public, answers quickly and its domain is verified for the app.',
	publish_cancelled:
		'The creator or TikTok cancelled the post; post it again if it is still wanted.',
	auth_removed: 'The creator removed the app: reconnect the credential.',
	spam_risk_too_many_posts: 'The creator reached the daily posting cap: post again tomorrow.',
	spam_risk_user_banned_from_posting: 'TikTok does not let this account post at the moment.',
};

export interface ChunkPlan {
	chunkSize: number;
	count: number;
}

/**
 * How a file is cut (TikTok's media transfer guide): under 5 MB, or not larger than one chunk, in one piece;
 * otherwise `floor(size / chunk)` chunks, the last one taking the remainder (so it stays under 128 MB).
 */
export function chunkPlan(size: number, chunkMb: number): ChunkPlan {
	const chunk = Math.min(Math.max(Math.round(chunkMb * MB), MIN_CHUNK), MAX_CHUNK);
	if (size < MIN_CHUNK || size <= chunk) return { chunkSize: size, count: 1 };
	return { chunkSize: chunk, count: Math.floor(size / chunk) };
}

function operation(spec: ServiceSpec, resource: string, id: string): OperationSpec {
	const op = spec.resources.find((r) => r.id === resource)?.operations.find((o) => o.id === id);
	if (!op) throw new Error(`The spec has no ${resource}.${id} operation`);
	return op;
}

function defaultOf(op: OperationSpec, name: string): unknown {
	return op.params?.find((p) => p.name === name)?.default;
}

function dataOf(body: unknown): IDataObject {
	const data = (body as IDataObject | undefined)?.data;
	return data !== null && typeof data === 'object' ? (data as IDataObject) : {};
}

/** TikTok requires the creator info query before a Direct Post; the chosen privacy level must be offered. */
async function checkCreator(ctx: HookContext, privacyLevel: unknown): Promise<void> {
	const info = operation(ctx.spec, 'creator', 'getInfo');
	const res = await ctx.request({
		...toRequest(info, {}, ctx.baseUrl),
		limit: { tier: 'creatorInfo' },
		scopes: info.scopes,
		idempotent: true,
	});
	const creator = dataOf(res.body);
	const offered = creator.privacy_level_options;
	if (Array.isArray(offered) && !offered.map(String).includes(String(privacyLevel))) {
		const who =
			typeof creator.creator_username === 'string'
				? `@${creator.creator_username}`
				: 'this account';
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`TikTok does not let ${who} post with the privacy level ${String(privacyLevel)}: it offers ${offered.map(String).join(', ')}.`,
			{
				itemIndex: ctx.itemIndex,
				description:
					"Pick one of those in 'Privacy Level' (an unaudited app may post with SELF_ONLY only). Nothing was posted.",
			},
		);
	}
}

/** The item's binary video: its bytes and a content type TikTok accepts. */
async function videoFile(ctx: HookContext): Promise<{ bytes: Buffer; type: string }> {
	const property = String(ctx.params.binaryPropertyName ?? 'data').trim() || 'data';
	const binary = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	const bytes = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
	if (bytes.length === 0)
		throw new NodeOperationError(ctx.fn.getNode(), `The binary field '${property}' is empty.`, {
			itemIndex: ctx.itemIndex,
			description:
				'Pass the video file in that field (e.g. from Read/Write Files from Disk or HTTP Request).',
		});
	const mime = (binary.mimeType ?? '').toLowerCase();
	return { bytes, type: VIDEO_TYPES.has(mime) ? mime : 'video/mp4' };
}

/**
 * `PUT {upload_url}` once per chunk, in order, with `Content-Range: bytes first-last/total`. The URL is
 * TikTok's upload host, not the API: no credential goes there, and its query (an upload token) is redacted.
 */
async function uploadChunks(
	ctx: HookContext,
	uploadUrl: string,
	file: { bytes: Buffer; type: string },
	plan: ChunkPlan,
): Promise<void> {
	const url = new URL(uploadUrl);
	const upload = callContext({
		engine: ctx.engine,
		fn: ctx.fn,
		itemIndex: ctx.itemIndex,
		// Not the API: none of its headers, limits or error envelope.
		service: {
			...identityOf(ctx.spec),
			headers: undefined,
			rateLimit: undefined,
			errorsInBody: undefined,
		},
		redact: makeRedactor([...url.searchParams.values()]),
	});
	const total = file.bytes.length;
	for (let i = 0; i < plan.count; i++) {
		const first = i * plan.chunkSize;
		const last = i === plan.count - 1 ? total - 1 : first + plan.chunkSize - 1;
		await send(upload, {
			method: 'PUT',
			baseUrl: url.origin,
			path: `${url.pathname}${url.search}`,
			headers: { 'Content-Range': `bytes ${first}-${last}/${total}` },
			body: file.bytes.subarray(first, last + 1),
			bodyEncoding: 'raw',
			contentType: file.type,
			responseFormat: 'text',
			// The same bytes at the same range: sending a chunk twice is harmless.
			idempotent: true,
			cacheable: false,
		});
	}
}

/** Polls the publish status until done or FAILED, or fails after the wait the item allows. */
async function waitPublished(
	ctx: HookContext,
	publishId: string,
	done: string[],
	maxWaitMs: number,
	intervalMs: number,
): Promise<IDataObject> {
	const { fn, itemIndex } = ctx;
	const { clock } = ctx.engine;
	const signal = fn.getExecutionCancelSignal?.();
	const deadline = clock.now() + maxWaitMs;
	const statusOp = operation(ctx.spec, 'video', 'getStatus');
	for (;;) {
		const res = await ctx.request({
			...toRequest(statusOp, { publishId }, ctx.baseUrl),
			limit: { tier: 'statusFetch' },
			scopes: statusOp.scopes,
			idempotent: true,
		});
		const data = dataOf(res.body);
		const status = typeof data.status === 'string' ? data.status : 'unknown';
		if (done.includes(status)) return { publish_id: publishId, ...data };
		if (status === FAILED) {
			const reason = typeof data.fail_reason === 'string' ? data.fail_reason : '';
			throw new NodeOperationError(
				fn.getNode(),
				`TikTok could not publish the video: ${reason || 'no reason given'} (publish ID ${publishId}).`,
				{
					itemIndex,
					description:
						FAIL_FIXES[reason] ??
						'Check the video (MP4/MOV/WebM, 3 s to the allowed length, 360–4096 px) and post it again.',
				},
			);
		}
		if (clock.now() + intervalMs > deadline) {
			throw new NodeOperationError(
				fn.getNode(),
				`TikTok had not finished after ${Math.round(maxWaitMs / 1000)} s (publish ID ${publishId}, status ${status}).`,
				{
					itemIndex,
					description: `The post goes on at TikTok: check it later with Video → Get Publish Status and Publish ID ${publishId}, or raise "Max Wait (Seconds)".`,
				},
			);
		}
		await clock.sleep(intervalMs, signal);
	}
}

/**
 * Direct Post or upload to the inbox, from a URL or from binary data: one operation shape (TikTok.service.ts
 * `postOperation`), the endpoint and source told by the operation's path and fixed body.
 */
async function postVideo(ctx: HookContext): Promise<IDataObject> {
	const op = ctx.operation;
	const {
		binaryPropertyName: _field,
		chunkSizeMb,
		waitForCompletion,
		maxWaitSeconds,
		pollIntervalSeconds,
		...fields
	} = ctx.params;
	const direct = op.scopes?.includes('video.publish') === true;
	if (direct) await checkCreator(ctx, fields.privacyLevel);

	const init = toRequest(op, fields, ctx.baseUrl);
	const body = init.body as IDataObject & { source_info: IDataObject };
	let file: { bytes: Buffer; type: string } | undefined;
	let plan: ChunkPlan | undefined;
	if (body.source_info.source === 'FILE_UPLOAD') {
		file = await videoFile(ctx);
		plan = chunkPlan(file.bytes.length, Number(chunkSizeMb ?? defaultOf(op, 'chunkSizeMb')));
		if (plan.count > MAX_CHUNKS)
			throw new NodeOperationError(
				ctx.fn.getNode(),
				`The video needs ${plan.count} chunks of ${plan.chunkSize / MB} MB; TikTok takes at most ${MAX_CHUNKS}.`,
				{ itemIndex: ctx.itemIndex, description: "Raise 'Chunk Size (MB)' (up to 64)." },
			);
		Object.assign(body.source_info, {
			video_size: file.bytes.length,
			chunk_size: plan.chunkSize,
			total_chunk_count: plan.count,
		});
	}
	const res = await ctx.request(init);
	const data = dataOf(res.body);
	const publishId = String(data.publish_id ?? '');
	if (!publishId)
		throw new NodeOperationError(ctx.fn.getNode(), 'TikTok answered without a publish ID.', {
			itemIndex: ctx.itemIndex,
			description:
				'Nothing can be tracked; check the creator’s TikTok account before posting again.',
		});
	if (file && plan) {
		const uploadUrl = typeof data.upload_url === 'string' ? data.upload_url : '';
		if (!/^https:\/\//i.test(uploadUrl))
			throw new NodeOperationError(
				ctx.fn.getNode(),
				`TikTok answered without an upload URL (publish ID ${publishId}).`,
				{ itemIndex: ctx.itemIndex, description: 'Run the item again to start a new upload.' },
			);
		await uploadChunks(ctx, uploadUrl, file, plan);
	}
	const wait = waitForCompletion ?? defaultOf(op, 'waitForCompletion');
	if (wait === false) return { publish_id: publishId };
	return await waitPublished(
		ctx,
		publishId,
		direct ? DONE_DIRECT : DONE_INBOX,
		Number(maxWaitSeconds ?? defaultOf(op, 'maxWaitSeconds')) * 1000,
		Number(pollIntervalSeconds ?? defaultOf(op, 'pollIntervalSeconds')) * 1000,
	);
}

export const tikTokHooks = { postVideo };
