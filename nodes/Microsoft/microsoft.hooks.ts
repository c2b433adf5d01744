/**
 * What the Microsoft 365 nodes share that data cannot say: Graph's upload sessions (a large file sent in
 * byte ranges to a pre-authenticated URL on another origin, without the Microsoft token, the URL kept out of
 * errors and logs), an item's binary data, and a list or single request shaped by a hook and answered the
 * way the generic operations answer (paging by `@odata.nextLink`).
 */
import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { responseToItems } from '../../lib/execution/response';
import { readBoolean, readNumber } from '../../lib/execution/params';
import { identityOf } from '../../lib/spec/identity';
import type { HookContext } from '../../lib/spec/types';
import { foreignOriginContext } from '../../lib/transport/context';
import { paginate } from '../../lib/transport/paginate';
import { send } from '../../lib/transport/pipeline';
import type { EngineRequest, EngineResponse } from '../../lib/transport/types';

/**
 * Bytes per upload-session request: 10 × 320 KiB. OneDrive requires ranges in multiples of 320 KiB (the last
 * one excepted) below 60 MiB; Outlook's attachment sessions take up to 4 MB per request. One size fits both.
 */
export const UPLOAD_CHUNK_BYTES = 10 * 320 * 1024;

export interface BinaryFile {
	data: Buffer;
	fileName: string;
	mimeType?: string;
}

/** The item's binary data in `property`, with its file name and MIME type. */
export async function binaryOf(ctx: HookContext, property: string): Promise<BinaryFile> {
	const meta = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	const data = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
	return { data, fileName: meta.fileName ?? property, mimeType: meta.mimeType };
}

/**
 * Sends `data` to an upload session's URL in `UPLOAD_CHUNK_BYTES` ranges (`Content-Range: bytes a-b/total`),
 * one after the other, and returns the last answer (the created item or attachment). The URL is a capability on
 * another origin (SharePoint, outlook.office.com): sent without the Microsoft token or Graph's limits, and kept
 * out of errors and logs.
 */
export async function uploadInChunks(
	ctx: HookContext,
	uploadUrl: string,
	data: Buffer,
): Promise<EngineResponse> {
	const url = new URL(uploadUrl);
	if (url.protocol !== 'https:')
		throw new NodeOperationError(
			ctx.fn.getNode(),
			'Microsoft Graph returned an upload URL that is not https.',
			{
				itemIndex: ctx.itemIndex,
				description: 'Nothing was sent. Run the item again; if it persists, report it.',
			},
		);
	const upload = foreignOriginContext(
		{ engine: ctx.engine, fn: ctx.fn, itemIndex: ctx.itemIndex, service: identityOf(ctx.spec) },
		[uploadUrl, url.pathname + url.search, ...url.searchParams.values()],
	);
	let last: EngineResponse | undefined;
	for (let start = 0; start < data.length || last === undefined; start += UPLOAD_CHUNK_BYTES) {
		const end = Math.min(start + UPLOAD_CHUNK_BYTES, data.length);
		last = await send(upload, {
			method: 'PUT',
			baseUrl: url.origin,
			path: uploadUrl,
			headers: { 'Content-Range': `bytes ${start}-${end - 1}/${data.length}` },
			body: data.subarray(start, end),
			bodyEncoding: 'raw',
			contentType: 'application/octet-stream',
			// The same range sent again replaces itself: a retry is safe.
			idempotent: true,
			cacheable: false,
		});
	}
	return last;
}

/** A request a hook has shaped, answered like a generic operation: paged when the operation pages. */
export async function answer(
	ctx: HookContext,
	req: EngineRequest,
): Promise<INodeExecutionData[] | IDataObject | IDataObject[]> {
	const op = ctx.operation;
	const paging = op.paginate === true ? ctx.spec.pagination : op.paginate || undefined;
	if (paging) {
		const returnAll = readBoolean(ctx.fn, ctx.itemIndex, 'returnAll', 'Return All');
		const limit = returnAll
			? 0
			: readNumber(ctx.fn, ctx.itemIndex, 'limit', 'Limit', {
					fallback: 50,
					min: 1,
					integer: true,
				});
		const { items } = await paginate(paging, req, ctx.request, { returnAll, limit });
		return items as IDataObject[];
	}
	const res = await ctx.request(req);
	return await responseToItems(ctx.fn, res, {
		format: 'json',
		path: op.response?.path,
		split: op.response?.split,
		onEmpty: op.response?.onEmpty,
	});
}
