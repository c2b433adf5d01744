/**
 * Slack's file upload, the current two-step external upload (files.upload is retired): ask for an upload URL
 * (`files.getUploadURLExternal` with the name and byte length), send the bytes there (files.slack.com, another
 * origin: without the Slack token, the one-time URL kept out of errors and logs), then complete the upload
 * (`files.completeUploadExternal`), which also shares the file in a channel or thread when one is given.
 */
import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { identityOf } from '../../lib/spec/identity';
import type { HookContext } from '../../lib/spec/types';
import { foreignOriginContext } from '../../lib/transport/context';
import { send } from '../../lib/transport/pipeline';

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** Form fields without the empty ones (Slack reads an empty `thread_ts` as a bad timestamp). */
function formOf(fields: Record<string, string | number | undefined>): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
	return out;
}

/** Step 2: the bytes to the upload URL, as multipart (Slack's documented `-F filename=@…`), no Slack token. */
async function sendBytes(
	ctx: HookContext,
	uploadUrl: string,
	file: { data: Buffer; fileName: string; mimeType?: string },
): Promise<void> {
	const url = new URL(uploadUrl);
	if (url.protocol !== 'https:')
		throw new NodeOperationError(
			ctx.fn.getNode(),
			'Slack returned an upload URL that is not https.',
			{
				itemIndex: ctx.itemIndex,
				description: 'Nothing was sent. Run the item again; if it persists, report it.',
			},
		);
	// Not Slack's Web API: none of its headers, limits or error shapes, and not its credential; the upload URL is
	// a one-time capability: kept out of errors and logs.
	const upload = foreignOriginContext(
		{ engine: ctx.engine, fn: ctx.fn, itemIndex: ctx.itemIndex, service: identityOf(ctx.spec) },
		[url.pathname.slice(1), uploadUrl],
	);
	await send(upload, {
		method: 'POST',
		baseUrl: url.origin,
		path: uploadUrl,
		body: { filename: { data: file.data, fileName: file.fileName, mimeType: file.mimeType } },
		bodyEncoding: 'multipart',
		responseFormat: 'text',
		// The same bytes to the same one-time URL: sending them twice stores them once.
		idempotent: true,
		cacheable: false,
	});
}

/** File → Upload: the three requests; the item is the completed file (files[0] of the last answer). */
async function uploadFile(ctx: HookContext): Promise<IDataObject> {
	const property = String(ctx.params.binaryPropertyName ?? 'data');
	const meta = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	const data = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
	const fileName = text(ctx.params.filename) ?? meta.fileName ?? 'file';
	const asked = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/files.getUploadURLExternal',
		body: formOf({
			filename: fileName,
			length: data.length,
			alt_text: text(ctx.params.altText),
			snippet_type: text(ctx.params.snippetType),
		}),
		bodyEncoding: 'form',
		scopes: ['files:write'],
		limit: { tier: 'files.getUploadURLExternal' },
	});
	const { upload_url: uploadUrl, file_id: fileId } = asked.body as IDataObject;
	if (typeof uploadUrl !== 'string' || typeof fileId !== 'string')
		throw new NodeOperationError(ctx.fn.getNode(), 'Slack gave no upload URL or file ID.', {
			itemIndex: ctx.itemIndex,
			description: 'Run the item again; if it persists, report it with the answer.',
		});
	await sendBytes(ctx, uploadUrl, { data, fileName, mimeType: meta.mimeType });
	const title = text(ctx.params.title);
	const done = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/files.completeUploadExternal',
		body: formOf({
			// A JSON array in a form field, as Slack's SDKs send it.
			files: JSON.stringify([title ? { id: fileId, title } : { id: fileId }]),
			channel_id: text(ctx.params.channelId),
			thread_ts: text(ctx.params.threadTs),
			initial_comment: text(ctx.params.initialComment),
		}),
		bodyEncoding: 'form',
		scopes: ['files:write'],
		limit: { tier: 'files.completeUploadExternal' },
	});
	const files = (done.body as IDataObject).files;
	return Array.isArray(files) && files.length > 0
		? (files[0] as IDataObject)
		: (done.body as IDataObject);
}

/**
 * File → Download: `files.info`, then the bytes from the file's `url_private_download`. Slack serves private
 * files only with the app's token (Bearer), so the token goes there, and only to https on a slack.com host; a
 * web page instead of the file means the token may not read it (Slack answers its sign-in page, not an error).
 */
async function downloadFile(ctx: HookContext): Promise<INodeExecutionData[]> {
	const info = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: '/files.info',
		qs: { file: String(ctx.params.file) },
	});
	const file = ((info.body as IDataObject).file ?? {}) as IDataObject;
	const link = text(file.url_private_download) ?? text(file.url_private);
	const url = link ? new URL(link) : undefined;
	if (!url || url.protocol !== 'https:' || !/(^|\.)slack\.com$/.test(url.hostname))
		throw new NodeOperationError(ctx.fn.getNode(), 'Slack gave no download link for this file.', {
			itemIndex: ctx.itemIndex,
			description: url
				? `The link is not on slack.com (${url.hostname}), so the token is not sent there.`
				: 'An external file (a link to Google Drive, Dropbox…) has no bytes at Slack: download it where it lives.',
		});
	const res = await ctx.request({
		method: 'GET',
		baseUrl: url.origin,
		path: url.pathname,
		headers: { Accept: '*/*' },
		responseFormat: 'binary',
		cacheable: false,
	});
	const mime = String(res.headers['content-type'] ?? '').split(';')[0] || undefined;
	if (mime === 'text/html' && file.mimetype !== 'text/html')
		throw new NodeOperationError(
			ctx.fn.getNode(),
			'Slack answered with a web page instead of the file.',
			{
				itemIndex: ctx.itemIndex,
				description:
					'The token may not read this file: add the files:read scope (and reinstall the app), and make sure the app is in a conversation the file was shared in.',
			},
		);
	const name = text(file.name) ?? String(ctx.params.file);
	const binary = await ctx.fn.helpers.prepareBinaryData(
		res.body as Buffer,
		name,
		text(file.mimetype) ?? mime,
	);
	const property = String(ctx.params.binaryPropertyName ?? 'data');
	return [{ json: file, binary: { [property]: binary } }];
}

export const slackHooks = { uploadFile, downloadFile };
