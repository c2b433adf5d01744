/**
 * What Outlook's data cannot say: recipients typed as text become Graph's `recipient` objects, attachments
 * come from the item's binary data — inline (`fileAttachment`, base64) up to 3 MB in all, else through a draft:
 * create it, add each file (small ones inline, larger ones through `attachments/createUploadSession` in ranges
 * to the pre-authenticated upload URL), then send it — and a file attachment becomes binary data.
 * https://learn.microsoft.com/graph/outlook-large-attachments
 */
import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import type { HookContext } from '../../lib/spec/types';
import type { EngineRequest } from '../../lib/transport/types';
import { binaryOf, uploadInChunks, type BinaryFile } from '../Microsoft/microsoft.hooks';

/** Graph takes attachments inline in one request up to 3 MB (the request itself stays under 4 MB). */
export const INLINE_ATTACHMENT_LIMIT = 3 * 1024 * 1024;

const RECIPIENT_KEYS = ['toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo'];

/** `adele@contoso.com` or `Adele Vance <adele@contoso.com>` as a Graph recipient. */
export function toRecipient(text: string): IDataObject {
	const named = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(text);
	if (named && named[1]) return { emailAddress: { name: named[1], address: named[2].trim() } };
	return { emailAddress: { address: (named ? named[2] : text).trim() } };
}

function fileAttachment(file: BinaryFile): IDataObject {
	return {
		'@odata.type': '#microsoft.graph.fileAttachment',
		name: file.fileName,
		contentType: file.mimeType ?? 'application/octet-stream',
		contentBytes: file.data.toString('base64'),
	};
}

async function attachmentsOf(ctx: HookContext): Promise<BinaryFile[]> {
	const names = ctx.params.attachmentProperties;
	if (!Array.isArray(names)) return [];
	const files: BinaryFile[] = [];
	for (const name of names.map(String).filter((n) => n.trim() !== ''))
		files.push(await binaryOf(ctx, name.trim()));
	return files;
}

/**
 * Send, Create Draft and Forward: the generic request with recipients as objects and attachments from binary
 * data; above 3 MB of attachments, the draft flow.
 */
async function mail(ctx: HookContext): Promise<IDataObject | IDataObject[]> {
	const req = toRequest(ctx.operation, ctx.params, ctx.baseUrl);
	const body = (req.body ?? {}) as IDataObject;
	// The binary property names are read from the params: not a field of the message.
	delete body.attachmentProperties;
	const sending = ctx.operation.id === 'send';
	const message = (sending ? (body.message ??= {}) : body) as IDataObject;
	for (const key of RECIPIENT_KEYS)
		if (Array.isArray(message[key])) message[key] = (message[key] as string[]).map(toRecipient);
	const files = await attachmentsOf(ctx);
	const total = files.reduce((n, f) => n + f.data.length, 0);
	if (total <= INLINE_ATTACHMENT_LIMIT) {
		if (files.length > 0) message.attachments = files.map(fileAttachment);
		return await sendPlain(ctx, req);
	}
	// `/me/sendMail` → `/me`, `/users/{user}/messages` → `/users/{user}`.
	const owner = req.path.replace(/\/(sendMail|messages)$/, '');
	return await draftFlow(ctx, req, owner, message, files, sending);
}

/**
 * Large attachments: the message is created as a draft, each file added to it (inline when under 3 MB, else
 * through an upload session), and the draft sent when the operation sends. A sent draft is saved in Sent Items.
 */
async function draftFlow(
	ctx: HookContext,
	req: EngineRequest,
	owner: string,
	message: IDataObject,
	files: BinaryFile[],
	sending: boolean,
): Promise<IDataObject> {
	const base = {
		baseUrl: req.baseUrl,
		pathParams: req.pathParams,
		limit: { key: String(ctx.params.user) },
	};
	const draft = (
		await ctx.request({
			...base,
			method: 'POST',
			path: `${owner}/messages`,
			body: message,
			bodyEncoding: 'json',
			scopes: ['Mail.ReadWrite'],
		})
	).body as IDataObject;
	const id = String(draft.id ?? '');
	if (!id)
		throw new NodeOperationError(ctx.fn.getNode(), 'Microsoft Graph created no draft ID.', {
			itemIndex: ctx.itemIndex,
			description:
				'Nothing was sent. Run the item again; if it persists, report it with the answer.',
		});
	const pathParams = { ...req.pathParams, messageId: id };
	for (const file of files)
		await attachFile(ctx, { ...base, pathParams }, owner, file, `the draft ${id} stays in Drafts`);
	if (!sending)
		return { ...draft, attachments: files.map((f) => ({ name: f.fileName, size: f.data.length })) };
	await ctx.request({
		...base,
		pathParams,
		method: 'POST',
		path: `${owner}/messages/{messageId}/send`,
		scopes: ['Mail.Send'],
	});
	return { sent: true, messageId: id, attachments: files.map((f) => f.fileName) };
}

/** Where a request about one message goes: its mailbox's base URL and path values, its budget. */
type MessageTarget = Pick<EngineRequest, 'baseUrl' | 'pathParams' | 'limit'>;

/**
 * Adds one file to the message `{messageId}` of `target`: inline (`fileAttachment`, base64) up to 3 MB, else
 * through `attachments/createUploadSession` and ranges to the upload URL. Returns the attachment as Graph
 * describes it, without its bytes (an upload session's last answer is empty: its ID from the `Location`).
 */
async function attachFile(
	ctx: HookContext,
	target: MessageTarget,
	owner: string,
	file: BinaryFile,
	leftBehind: string,
): Promise<IDataObject> {
	if (file.data.length <= INLINE_ATTACHMENT_LIMIT) {
		const res = await ctx.request({
			...target,
			method: 'POST',
			path: `${owner}/messages/{messageId}/attachments`,
			body: fileAttachment(file),
			bodyEncoding: 'json',
			scopes: ['Mail.ReadWrite'],
		});
		const { contentBytes: _bytes, ...attachment } = (res.body ?? {}) as IDataObject;
		return attachment;
	}
	const contentType = file.mimeType ?? 'application/octet-stream';
	const session = (
		await ctx.request({
			...target,
			method: 'POST',
			path: `${owner}/messages/{messageId}/attachments/createUploadSession`,
			body: {
				AttachmentItem: {
					attachmentType: 'file',
					name: file.fileName,
					size: file.data.length,
					contentType,
				},
			},
			bodyEncoding: 'json',
			scopes: ['Mail.ReadWrite'],
		})
	).body as IDataObject;
	if (typeof session.uploadUrl !== 'string')
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`Microsoft Graph gave no upload URL for the attachment '${file.fileName}'.`,
			{
				itemIndex: ctx.itemIndex,
				description: `Nothing was sent; ${leftBehind}. Run the item again; if it persists, report it.`,
			},
		);
	const last = await uploadInChunks(ctx, session.uploadUrl, file.data);
	// `Location: …/Messages('…')/Attachments('AAMk…')`: only the attachment's ID is kept (no URL, no token).
	const id = /Attachments\('([^']+)'\)/.exec(last.headers.location ?? '')?.[1];
	return {
		...(id ? { id } : {}),
		name: file.fileName,
		contentType,
		size: file.data.length,
		isInline: false,
	};
}

/** Attachment → Add: one file of the item's binary data added to a message (a draft, typically). */
async function addAttachment(ctx: HookContext): Promise<IDataObject> {
	const req = toRequest(ctx.operation, ctx.params, ctx.baseUrl);
	const file = await binaryOf(ctx, String(ctx.params.binaryPropertyName ?? 'data').trim());
	const owner = req.path.replace(/\/messages\/\{messageId\}\/attachments$/, '');
	return await attachFile(
		ctx,
		{ baseUrl: req.baseUrl, pathParams: req.pathParams, limit: { key: String(ctx.params.user) } },
		owner,
		file,
		'the message is unchanged',
	);
}

/** A file attachment's bytes (`contentBytes`, base64) as binary data in `data`; the rest is the item's JSON. */
async function downloadAttachment(ctx: HookContext): Promise<INodeExecutionData[]> {
	const res = await ctx.request(toRequest(ctx.operation, ctx.params, ctx.baseUrl));
	const { contentBytes, ...meta } = res.body as IDataObject;
	if (typeof contentBytes !== 'string')
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`The attachment '${String(meta.name ?? ctx.params.attachmentId)}' is not a file (${String(meta['@odata.type'] ?? 'no type')}).`,
			{
				itemIndex: ctx.itemIndex,
				description:
					'Only file attachments have bytes to download; an attached Outlook item or a link (reference attachment) has none.',
			},
		);
	const binary = await ctx.fn.helpers.prepareBinaryData(
		Buffer.from(contentBytes, 'base64'),
		String(meta.name ?? 'attachment'),
		typeof meta.contentType === 'string' ? meta.contentType : undefined,
	);
	return [{ json: meta, binary: { data: binary } }];
}

/** The result of a plain request: the answer, or the operation's `onEmpty` for an empty one. */
async function sendPlain(ctx: HookContext, req: EngineRequest): Promise<IDataObject> {
	const res = await ctx.request(req);
	return res.body === undefined || res.body === null || res.body === ''
		? (ctx.operation.response?.onEmpty ?? {})
		: (res.body as IDataObject);
}

/** Event create and update: attendees typed as text become Graph's `attendee` objects (required, then optional). */
async function event(ctx: HookContext): Promise<IDataObject> {
	const req = toRequest(ctx.operation, ctx.params, ctx.baseUrl);
	const body = (req.body ?? {}) as IDataObject;
	const attendees = [
		...((body.attendees as string[] | undefined) ?? []).map((t) => ({
			...toRecipient(t),
			type: 'required',
		})),
		...((body.optionalAttendees as string[] | undefined) ?? []).map((t) => ({
			...toRecipient(t),
			type: 'optional',
		})),
	];
	delete body.optionalAttendees;
	if (attendees.length > 0) body.attendees = attendees;
	else delete body.attendees;
	return await sendPlain(ctx, req);
}

/** Contact create and update: e-mail addresses typed as text become Graph's `emailAddress` objects. */
async function contact(ctx: HookContext): Promise<IDataObject> {
	const req = toRequest(ctx.operation, ctx.params, ctx.baseUrl);
	const body = (req.body ?? {}) as IDataObject;
	if (Array.isArray(body.emailAddresses))
		body.emailAddresses = (body.emailAddresses as string[]).map(
			(t) => toRecipient(t).emailAddress as IDataObject,
		);
	return await sendPlain(ctx, req);
}

export const outlookHooks = { mail, addAttachment, downloadAttachment, event, contact };
