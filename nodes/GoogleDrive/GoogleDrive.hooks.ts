/**
 * What Google Drive's data cannot say: uploads (a `multipart/related` request up to 5 MB; beyond it a resumable
 * session — the metadata first, then the bytes in 8 MiB chunks, each answered `308` until the last), downloads
 * and exports to binary data (a Google Doc/Sheet/Slides file is exported, other files downloaded), and a move
 * (the file's current parents are read first, to be removed).
 * https://developers.google.com/drive/api/guides/manage-uploads, …/manage-downloads.
 */
import { createHash } from 'node:crypto';

import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import type {
	DeliveryContext,
	HookContext,
	TriggerCreateResult,
	TriggerHookContext,
} from '../../lib/spec/types';
import { createChannel, stopChannel } from '../Google/watch';

/** The file fields the answers hold (Drive returns only id, name, mimeType and kind unless asked). */
export const FILE_FIELDS =
	'id,name,mimeType,parents,size,createdTime,modifiedTime,webViewLink,trashed,driveId';

/** Google's own file types, exported rather than downloaded; with the formats Drive exports them to. */
export const EXPORT_FORMATS = [
	{ name: 'PDF', value: 'application/pdf' },
	{
		name: 'Word (DOCX)',
		value: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	},
	{
		name: 'Excel (XLSX)',
		value: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	},
	{
		name: 'PowerPoint (PPTX)',
		value: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	},
	{ name: 'CSV (First Sheet)', value: 'text/csv' },
	{ name: 'Plain Text', value: 'text/plain' },
	{ name: 'OpenDocument Text (ODT)', value: 'application/vnd.oasis.opendocument.text' },
	{ name: 'PNG (Drawings)', value: 'image/png' },
];
/** Up to this size one multipart request; beyond it a resumable upload (Google's guidance: 5 MB). */
export const MULTIPART_MAX_BYTES = 5 * 1024 * 1024;
/** Each resumable chunk (a multiple of 256 KiB, as Google requires for every chunk but the last). */
export const CHUNK_BYTES = 8 * 1024 * 1024;
const GOOGLE_APPS = 'application/vnd.google-apps.';
const FOLDER = 'application/vnd.google-apps.folder';
const EXTENSIONS: Record<string, string> = {
	'application/pdf': 'pdf',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
	'text/csv': 'csv',
	'text/plain': 'txt',
	'application/vnd.oasis.opendocument.text': 'odt',
	'image/png': 'png',
};

function fail(ctx: HookContext, message: string, description: string): never {
	throw new NodeOperationError(ctx.fn.getNode(), message, {
		itemIndex: ctx.itemIndex,
		description,
	});
}

const list = (v: unknown): string[] =>
	(Array.isArray(v) ? v : String(v ?? '').split(',')).map((s) => String(s).trim()).filter(Boolean);

/** The file's metadata for an upload: name, parents, type, description (only those given). */
function metadataOf(ctx: HookContext, fileName: string | undefined): IDataObject {
	const p = ctx.params;
	const meta: IDataObject = { name: String(p.name || fileName || 'file') };
	const parents = list(p.parents);
	if (parents.length) meta.parents = parents;
	if (p.mimeType) meta.mimeType = String(p.mimeType);
	if (p.description) meta.description = String(p.description);
	return meta;
}

/** File → Upload. */
async function uploadFile(ctx: HookContext): Promise<IDataObject> {
	const property = String(ctx.params.binaryPropertyName || 'data');
	const binary = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	const data = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
	const contentType = binary.mimeType || 'application/octet-stream';
	const meta = metadataOf(ctx, binary.fileName);
	const qs = { supportsAllDrives: true, fields: FILE_FIELDS };
	if (data.length <= MULTIPART_MAX_BYTES) {
		// A boundary derived from the content: stable for the same file, never inside it in practice.
		const boundary = `api_connections_${createHash('sha256').update(data).digest('hex').slice(0, 32)}`;
		const body = Buffer.concat([
			Buffer.from(
				`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(meta)}\r\n` +
					`--${boundary}\r\nContent-Type: ${contentType}\r\n\r\n`,
			),
			data,
			Buffer.from(`\r\n--${boundary}--`),
		]);
		const res = await ctx.request({
			method: 'POST',
			baseUrl: ctx.baseUrl,
			path: ctx.operation.path,
			qs: { uploadType: 'multipart', ...qs },
			body,
			bodyEncoding: 'raw',
			contentType: `multipart/related; boundary=${boundary}`,
			scopes: ctx.operation.scopes,
		});
		return res.body as IDataObject;
	}
	// Resumable: the session (its URI in Location), then the bytes chunk by chunk.
	const session = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		qs: { uploadType: 'resumable', ...qs },
		headers: {
			'X-Upload-Content-Type': contentType,
			'X-Upload-Content-Length': String(data.length),
		},
		body: meta,
		bodyEncoding: 'json',
		scopes: ctx.operation.scopes,
	});
	const location = session.headers.location;
	if (!location || new URL(location).origin !== new URL(ctx.baseUrl).origin)
		fail(
			ctx,
			'Google Drive started no resumable upload session (no upload URL on its own origin in the answer).',
			'Run the workflow again; if it keeps failing, upload the file in smaller parts.',
		);
	let answer: IDataObject = {};
	for (let start = 0; start < data.length; start += CHUNK_BYTES) {
		const chunk = data.subarray(start, Math.min(start + CHUNK_BYTES, data.length));
		const end = start + chunk.length - 1;
		const res = await ctx.request({
			method: 'PUT',
			baseUrl: ctx.baseUrl,
			path: location,
			headers: { 'Content-Range': `bytes ${start}-${end}/${data.length}` },
			body: chunk,
			bodyEncoding: 'raw',
			contentType,
			// A chunk sent again at the same range replaces itself: safe to retry.
			idempotent: true,
			accept: [308],
			redirect: 'manual',
			cacheable: false,
			scopes: ctx.operation.scopes,
		});
		if (res.status === 308) continue;
		answer = res.body as IDataObject;
	}
	return answer;
}

/** A file's metadata, only these fields (files.get). */
async function fileFields(ctx: HookContext, id: string, fields: string): Promise<IDataObject> {
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: '/drive/v3/files/{fileId}',
		pathParams: { fileId: id },
		qs: { supportsAllDrives: true, fields },
		scopes: ctx.operation.scopes,
	});
	return res.body as IDataObject;
}

/** File → Download and Export: the bytes as binary data, Google's own types exported. */
async function downloadFile(ctx: HookContext): Promise<INodeExecutionData[]> {
	const id = String(ctx.params.fileId);
	const property = String(ctx.params.binaryPropertyName || 'data');
	const meta = await fileFields(ctx, id, FILE_FIELDS);
	const type = String(meta.mimeType ?? '');
	if (type === FOLDER)
		fail(
			ctx,
			`"${String(meta.name)}" is a folder, which has no content to download.`,
			"Use File → Search with the query 'FOLDER_ID' in parents to list its files.",
		);
	const exporting = ctx.operation.id === 'export' || type.startsWith(GOOGLE_APPS);
	if (ctx.operation.id === 'export' && !type.startsWith(GOOGLE_APPS))
		fail(
			ctx,
			`"${String(meta.name)}" is not a Google Docs, Sheets, Slides or Drawings file (${type}): only those are exported.`,
			'Use File → Download for other files.',
		);
	const format = String(ctx.params.exportMimeType || 'application/pdf');
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: exporting ? '/drive/v3/files/{fileId}/export' : '/drive/v3/files/{fileId}',
		pathParams: { fileId: id },
		qs: exporting ? { mimeType: format } : { supportsAllDrives: true, alt: 'media' },
		headers: { Accept: '*/*' },
		responseFormat: 'binary',
		cacheable: false,
		scopes: ctx.operation.scopes,
	});
	const name = String(meta.name ?? id);
	const fileName = exporting
		? `${name.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.${EXTENSIONS[format] ?? 'bin'}`
		: name;
	const binary = await ctx.fn.helpers.prepareBinaryData(
		res.body as Buffer,
		fileName,
		exporting ? format : type || undefined,
	);
	const json: IDataObject = exporting
		? { ...meta, exportedAs: EXPORT_FORMATS.find((f) => f.value === format)?.name ?? format }
		: meta;
	return [{ json, binary: { [property]: binary } }];
}

/** File → Move: the current parents are removed, the folder added, in one update. */
async function moveFile(ctx: HookContext): Promise<IDataObject> {
	const id = String(ctx.params.fileId);
	const current = await fileFields(ctx, id, 'parents');
	const res = await ctx.request({
		method: 'PATCH',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams: { fileId: id },
		qs: {
			...(ctx.operation.query ?? {}),
			addParents: String(ctx.params.addParents),
			...(list(current.parents).length ? { removeParents: list(current.parents).join(',') } : {}),
		},
		body: {},
		bodyEncoding: 'json',
		idempotent: true,
		scopes: ctx.operation.scopes,
	});
	return res.body as IDataObject;
}

const CHANGES = '/drive/v3/changes';
const STOP = '/drive/v3/channels/stop';
const ALL_DRIVES = { supportsAllDrives: 'true', includeItemsFromAllDrives: 'true' };
/** A change is claimed longer than a channel lives (7 days). */
const CLAIM_MS = 8 * 86_400_000;
/** Most change pages (100 changes each) one notification reads; the rest come with the next notification. */
const MAX_PAGES = 20;
/** The fields of each change (the file's as File → Get returns them). */
export const CHANGE_FIELDS = `nextPageToken,newStartPageToken,changes(changeType,removed,fileId,time,driveId,file(${FILE_FIELDS}))`;

/** Activation: the start page token (changes from now on), then the changes watch channel from it. */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const start = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: `${CHANGES}/startPageToken`,
		qs: { supportsAllDrives: 'true' },
		cacheable: false,
	});
	const pageToken = String((start.body as IDataObject)?.startPageToken ?? '');
	return await createChannel(
		ctx,
		`${CHANGES}/watch`,
		{},
		{ pageToken, ...ALL_DRIVES },
		{ pageToken },
	);
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	await stopChannel(ctx, STOP);
}

/**
 * A verified notification: the changes since the saved page token, page by page, each change (its page token
 * and place on the page) emitted once; then the `newStartPageToken` (or, when the page limit stopped the
 * reading, the next page's token) saved as the new place.
 */
async function webhookDeliver(ctx: DeliveryContext): Promise<IDataObject[]> {
	let pageToken = typeof ctx.state.data?.pageToken === 'string' ? ctx.state.data.pageToken : '';
	if (!pageToken) return [];
	const out: IDataObject[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const res = await ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: CHANGES,
			qs: { pageToken, pageSize: 100, fields: CHANGE_FIELDS, ...ALL_DRIVES },
			cacheable: false,
		});
		const answer = (res.body ?? {}) as IDataObject;
		const changes = (Array.isArray(answer.changes) ? answer.changes : []) as IDataObject[];
		for (const [i, change] of changes.entries()) {
			if (!(await ctx.claim([`${pageToken}:${i}`], CLAIM_MS))) continue;
			out.push({
				change: change.removed === true ? 'removed' : 'changed',
				changeType: change.changeType ?? 'file',
				fileId: change.fileId ?? null,
				time: change.time ?? null,
				...(change.driveId ? { driveId: change.driveId } : {}),
				file: change.file ?? null,
			});
		}
		const next = typeof answer.nextPageToken === 'string' ? answer.nextPageToken : '';
		const fresh = typeof answer.newStartPageToken === 'string' ? answer.newStartPageToken : '';
		if (fresh) {
			ctx.saveData({ pageToken: fresh });
			break;
		}
		if (!next) break;
		pageToken = next;
		ctx.saveData({ pageToken });
	}
	return out;
}

export const googleDriveHooks = {
	uploadFile,
	downloadFile,
	moveFile,
	webhookCreate,
	webhookDelete,
	webhookDeliver,
};
