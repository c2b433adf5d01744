/**
 * What Gmail's data cannot say: the RFC 2822 message of a send, reply or draft (built in Gmail.mime.ts, sent as
 * base64url `raw`; beyond 5 MB as a `multipart/related` upload), a reply's thread headers read from the original
 * message, messages read back as text, HTML, headers and attachments (to binary data on request), an
 * attachment's bytes, and the trigger's poll over the mailbox history (`users.history.list`).
 * https://developers.google.com/gmail/api/guides/sending, …/guides/sync.
 */
import {
	NodeOperationError,
	type IBinaryData,
	type IDataObject,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { HookContext, PollHookContext, PollHookResult } from '../../lib/spec/types';
import type { EngineRequest, RequestLimit } from '../../lib/transport/types';
import {
	base64url,
	buildMime,
	HeaderInjectionError,
	readPayload,
	type MessagePart,
	type MimeAttachment,
	type MimeMessage,
} from './Gmail.mime';

const USER = '/gmail/v1/users/me';
/** Up to this size the message goes as `raw` in a JSON body; beyond, as a media upload (Gmail takes up to 35 MB). */
export const RAW_MAX_BYTES = 5 * 1024 * 1024;

/** Gmail's quota units per method (https://developers.google.com/gmail/api/reference/quota). */
export const UNITS = {
	getProfile: 1,
	historyList: 2,
	messagesGet: 5,
	messagesList: 5,
	attachmentsGet: 5,
	messagesSend: 100,
	draftsCreate: 10,
	threadsGet: 10,
} as const;
const units = (cost: number, costKey: string): RequestLimit => ({ cost, costKey });

type Sender = (req: EngineRequest) => Promise<{ status: number; body: unknown }>;

function fail(ctx: HookContext, message: string, description: string): never {
	throw new NodeOperationError(ctx.fn.getNode(), message, {
		itemIndex: ctx.itemIndex,
		description,
	});
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const list = (v: unknown): string[] =>
	(Array.isArray(v) ? v : str(v).split(',')).map((s) => String(s).trim()).filter(Boolean);

/** The input item's binary properties named in "Attachments", as MIME attachments. */
async function attachmentsOf(ctx: HookContext): Promise<MimeAttachment[]> {
	const out: MimeAttachment[] = [];
	for (const property of list(ctx.params.attachments)) {
		const binary = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
		const data = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
		out.push({
			fileName: binary.fileName || property,
			mimeType: binary.mimeType || 'application/octet-stream',
			data,
		});
	}
	return out;
}

/** The message's bytes from the fields; a line break in a header field is refused, naming the field. */
function mimeOf(ctx: HookContext, message: MimeMessage): Buffer {
	try {
		return buildMime(message);
	} catch (error) {
		if (error instanceof HeaderInjectionError)
			fail(
				ctx,
				error.message,
				`Remove the line break from the ${error.field}: a mail header is one line, and a line break would let the value add headers of its own (recipients, for instance).`,
			);
		fail(ctx, (error as Error).message, 'Correct the field, then run the workflow again.');
	}
}

/** The message the fields describe (send, reply, draft). */
async function messageOfFields(ctx: HookContext): Promise<MimeMessage> {
	const p = ctx.params;
	return {
		from: str(p.from),
		to: str(p.to),
		cc: str(p.cc),
		bcc: str(p.bcc),
		replyTo: str(p.replyTo),
		subject: str(p.subject),
		text: str(p.text),
		html: str(p.html),
		inReplyTo: str(p.inReplyTo),
		references: str(p.references),
		attachments: await attachmentsOf(ctx),
	};
}

/**
 * messages.send (or drafts.create): `{raw, threadId?}` in JSON up to 5 MB; beyond, the same as a
 * `multipart/related` upload (the JSON metadata, then the `message/rfc822` bytes).
 */
async function sendRaw(
	ctx: HookContext,
	mime: Buffer,
	threadId: string,
	draft: boolean,
): Promise<IDataObject> {
	const message: IDataObject = threadId ? { threadId } : {};
	const path = draft ? `${USER}/drafts` : `${USER}/messages/send`;
	const limit = draft
		? units(UNITS.draftsCreate, 'draft.create')
		: units(UNITS.messagesSend, 'message.send');
	if (mime.length <= RAW_MAX_BYTES) {
		const body = draft
			? { message: { ...message, raw: base64url(mime) } }
			: { ...message, raw: base64url(mime) };
		const res = await ctx.request({
			method: 'POST',
			baseUrl: ctx.baseUrl,
			path,
			body,
			bodyEncoding: 'json',
			limit,
			scopes: ctx.operation.scopes,
		});
		return res.body as IDataObject;
	}
	const boundary = `api_connections_${mime.length.toString(36)}_${mime.subarray(-16).toString('hex')}`;
	const meta = draft ? { message } : message;
	const body = Buffer.concat([
		Buffer.from(
			`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(meta)}\r\n` +
				`--${boundary}\r\nContent-Type: message/rfc822\r\n\r\n`,
		),
		mime,
		Buffer.from(`\r\n--${boundary}--`),
	]);
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: `/upload${path}`,
		qs: { uploadType: 'multipart' },
		body,
		bodyEncoding: 'raw',
		contentType: `multipart/related; boundary=${boundary}`,
		limit,
		scopes: ctx.operation.scopes,
	});
	return res.body as IDataObject;
}

/** Message → Send. */
async function sendMessage(ctx: HookContext): Promise<IDataObject> {
	const message = await messageOfFields(ctx);
	if (!message.to && !message.cc && !message.bcc)
		fail(ctx, 'The message has no recipient.', 'Fill in To, CC or BCC.');
	return await sendRaw(ctx, mimeOf(ctx, message), str(ctx.params.threadId), false);
}

/** Draft → Create. */
async function createDraft(ctx: HookContext): Promise<IDataObject> {
	const message = await messageOfFields(ctx);
	return await sendRaw(ctx, mimeOf(ctx, message), str(ctx.params.threadId), true);
}

/** The headers a reply needs from the original (messages.get, format=metadata). */
const REPLY_HEADERS = ['Message-ID', 'References', 'Subject', 'From', 'Reply-To', 'To', 'Cc'];

interface Original {
	threadId?: string;
	labelIds?: string[];
	payload?: MessagePart;
}

/**
 * A reply to `original`: its Message-ID becomes In-Reply-To and joins References, its subject gets "Re: " (once),
 * its sender (Reply-To, else From) is the recipient unless To is given, and the reply goes into its thread.
 */
async function sendReply(ctx: HookContext, original: Original): Promise<IDataObject> {
	const { headers } = readPayload(original.payload);
	const messageId = headers['message-id'] ?? '';
	const references = [headers.references, messageId].filter(Boolean).join(' ');
	const subject = headers.subject ?? '';
	const base = await messageOfFields(ctx);
	const to = base.to || headers['reply-to'] || headers.from || '';
	const message: MimeMessage = {
		...base,
		to,
		...(ctx.params.replyToAll === true
			? {
					cc: [base.cc, headers.to, headers.cc].filter(Boolean).join(', '),
				}
			: {}),
		subject: base.subject || (/^re:/i.test(subject) ? subject : `Re: ${subject}`),
		...(messageId ? { inReplyTo: messageId, references } : {}),
	};
	return await sendRaw(ctx, mimeOf(ctx, message), original.threadId ?? '', false);
}

/** Message → Reply: the original's headers read first (messages.get, format=metadata). */
async function replyToMessage(ctx: HookContext): Promise<IDataObject> {
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: `${USER}/messages/{messageId}`,
		pathParams: { messageId: str(ctx.params.messageId) },
		qs: { format: 'metadata', metadataHeaders: REPLY_HEADERS },
		limit: units(UNITS.messagesGet, 'message.get'),
		scopes: ctx.operation.scopes,
	});
	return await sendReply(ctx, res.body as Original);
}

/** Thread → Reply: to the thread's last message that is not a draft (threads.get, format=metadata). */
async function replyToThread(ctx: HookContext): Promise<IDataObject> {
	const threadId = str(ctx.params.threadId);
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: `${USER}/threads/{threadId}`,
		pathParams: { threadId },
		qs: { format: 'metadata', metadataHeaders: REPLY_HEADERS },
		limit: units(UNITS.threadsGet, 'thread.get'),
		scopes: ctx.operation.scopes,
	});
	const messages = (res.body as { messages?: Original[] }).messages ?? [];
	const last = messages.filter((m) => !(m.labelIds ?? []).includes('DRAFT')).at(-1);
	if (!last)
		fail(
			ctx,
			`The thread ${threadId} holds no message to reply to.`,
			'Check the Thread ID (Thread → Search lists them).',
		);
	return await sendReply(ctx, { ...last, threadId: last.threadId ?? threadId });
}

/** A message (format=full) as fields: its ids and labels, the headers one by one, text, HTML and attachments. */
export function messageFields(body: IDataObject): IDataObject {
	const { payload, ...rest } = body as IDataObject & { payload?: MessagePart };
	if (!payload) return rest;
	const read = readPayload(payload);
	const h = read.headers;
	const fields: IDataObject = { ...rest };
	for (const [key, header] of [
		['from', 'from'],
		['to', 'to'],
		['cc', 'cc'],
		['bcc', 'bcc'],
		['replyTo', 'reply-to'],
		['subject', 'subject'],
		['date', 'date'],
		['messageId', 'message-id'],
		['inReplyTo', 'in-reply-to'],
		['references', 'references'],
	] as const)
		if (h[header] !== undefined) fields[key] = h[header];
	if (read.text !== undefined) fields.text = read.text;
	if (read.html !== undefined) fields.html = read.html;
	fields.headers = h;
	fields.attachments = read.attachments.map(({ data: _data, ...a }) => {
		void _data;
		return a as unknown as IDataObject;
	});
	return fields;
}

/** An attachment's bytes: inline in the message, or by attachments.get. */
async function attachmentBytes(
	request: Sender,
	baseUrl: string,
	messageId: string,
	ref: { attachmentId?: string; data?: string },
): Promise<Buffer> {
	if (!ref.attachmentId) return Buffer.from(ref.data ?? '', 'base64url');
	const res = await request({
		method: 'GET',
		baseUrl,
		path: `${USER}/messages/{messageId}/attachments/{attachmentId}`,
		pathParams: { messageId, attachmentId: ref.attachmentId },
		limit: units(UNITS.attachmentsGet, 'attachment.get'),
	});
	return Buffer.from(str((res.body as IDataObject).data), 'base64url');
}

/** The item of one message: its fields, and with "Download Attachments" its attachments as binary data. */
async function messageItem(
	ctx: HookContext,
	body: IDataObject,
	extra: IDataObject = {},
): Promise<INodeExecutionData> {
	const format = str(ctx.params.format || 'full');
	const json = { ...extra, ...(format === 'full' ? messageFields(body) : body) };
	if (format !== 'full' || ctx.params.downloadAttachments !== true) return { json };
	const prefix = str(ctx.params.binaryPrefix || 'attachment_');
	const read = readPayload((body as { payload?: MessagePart }).payload);
	const binary: Record<string, IBinaryData> = {};
	let i = 0;
	for (const ref of read.attachments) {
		const data = await attachmentBytes(
			async (req) => await ctx.request({ ...req, scopes: ctx.operation.scopes }),
			ctx.baseUrl,
			str(body.id),
			ref,
		);
		binary[`${prefix}${i++}`] = await ctx.fn.helpers.prepareBinaryData(
			data,
			ref.filename,
			ref.mimeType,
		);
	}
	return i ? { json, binary } : { json };
}

/** The operation's one resource (a message, draft or thread by its path id), in the Format asked. */
async function getOne(ctx: HookContext, idParam: string): Promise<IDataObject> {
	const format = str(ctx.params.format || 'full');
	const headers = list(ctx.params.metadataHeaders);
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams: { [idParam]: str(ctx.params[idParam]) },
		qs: {
			format,
			...(format === 'metadata' && headers.length ? { metadataHeaders: headers } : {}),
		},
		scopes: ctx.operation.scopes,
	});
	return res.body as IDataObject;
}

/** Message → Get. */
async function getMessage(ctx: HookContext): Promise<INodeExecutionData[]> {
	return [await messageItem(ctx, await getOne(ctx, 'messageId'))];
}

/** Draft → Get: the draft's id, and its message read like Message → Get. */
async function getDraft(ctx: HookContext): Promise<INodeExecutionData[]> {
	const draft = (await getOne(ctx, 'draftId')) as { id?: string; message?: IDataObject };
	return [
		await messageItem(ctx, draft.message ?? {}, {
			draftId: draft.id ?? str(ctx.params.draftId),
		}),
	];
}

/** Thread → Get: the thread's id and its messages, each read like Message → Get (no binary data). */
async function getThread(ctx: HookContext): Promise<IDataObject> {
	const thread = (await getOne(ctx, 'threadId')) as IDataObject & { messages?: IDataObject[] };
	const full = str(ctx.params.format || 'full') === 'full';
	return { ...thread, messages: (thread.messages ?? []).map((m) => (full ? messageFields(m) : m)) };
}

/** Attachment → Get: the bytes as binary data (Gmail answers base64url `data` and the size). */
async function getAttachment(ctx: HookContext): Promise<INodeExecutionData[]> {
	const messageId = str(ctx.params.messageId);
	const attachmentId = str(ctx.params.attachmentId);
	const data = await attachmentBytes(
		async (req) => await ctx.request({ ...req, scopes: ctx.operation.scopes }),
		ctx.baseUrl,
		messageId,
		{ attachmentId },
	);
	const property = str(ctx.params.binaryPropertyName || 'data');
	const fileName = str(ctx.params.fileName || 'attachment');
	const binary = await ctx.fn.helpers.prepareBinaryData(
		data,
		fileName,
		str(ctx.params.mimeType) || undefined,
	);
	return [
		{
			json: { messageId, attachmentId, size: data.length, fileName },
			binary: { [property]: binary },
		},
	];
}

// ---- The trigger: new messages from the mailbox history -------------------------------------------------

/** Most history pages one poll reads (500 records each); beyond, the next poll goes on from there. */
export const HISTORY_MAX_PAGES = 10;

interface HistoryPage {
	history?: Array<{ id?: string; messagesAdded?: Array<{ message?: { id?: string } }> }>;
	nextPageToken?: string;
	historyId?: string;
}

/** The mailbox's current history id (users.getProfile), where a new baseline starts. */
async function currentHistoryId(ctx: PollHookContext): Promise<string> {
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: `${USER}/profile`,
		limit: units(UNITS.getProfile, 'profile.get'),
	});
	return str((res.body as IDataObject).historyId);
}

async function fullMessage(ctx: PollHookContext, id: string): Promise<IDataObject | undefined> {
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: `${USER}/messages/{messageId}`,
		pathParams: { messageId: id },
		qs: { format: 'full' },
		limit: units(UNITS.messagesGet, 'message.get'),
		// Deleted between the history record and now: nothing to emit.
		accept: [404],
	});
	return res.status === 404 ? undefined : (res.body as IDataObject);
}

/** The ids of the newest messages matching the search (one page of up to 500). */
async function matchingIds(ctx: PollHookContext, max: number): Promise<string[]> {
	const labels = list(ctx.params.labelIds);
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: `${USER}/messages`,
		qs: {
			maxResults: max,
			...(str(ctx.params.q) ? { q: str(ctx.params.q) } : {}),
			...(labels.length ? { labelIds: labels } : {}),
			...(ctx.params.includeSpamTrash === true ? { includeSpamTrash: true } : {}),
		},
		limit: units(UNITS.messagesList, 'message.getMany'),
	});
	return ((res.body as { messages?: Array<{ id: string }> }).messages ?? []).map((m) => m.id);
}

/** Whether a fetched message passes the label filter (all of them) and the spam/trash and draft rules. */
function passes(ctx: PollHookContext, message: IDataObject): boolean {
	const labels = (message.labelIds as string[] | undefined) ?? [];
	const wanted = list(ctx.params.labelIds);
	if (!wanted.every((l) => labels.includes(l))) return false;
	if (labels.includes('DRAFT') && !wanted.includes('DRAFT')) return false;
	if (ctx.params.includeSpamTrash !== true && (labels.includes('SPAM') || labels.includes('TRASH')))
		return false;
	return true;
}

/**
 * The Gmail Trigger's poll (`users.history.list`, https://developers.google.com/gmail/api/guides/sync): the
 * first activation takes the mailbox's historyId as its baseline (users.getProfile); each poll then lists the
 * `messageAdded` records since the kept historyId (one label as `labelId`), reads each new message
 * (messages.get), keeps those matching the label and search filters (the search: one messages.list with `q`),
 * and keeps the answer's historyId for the next poll. A 404 means the historyId is too old (Google keeps about
 * a week of history): the trigger starts again from a new baseline and says so in n8n's log.
 */
async function pollHistory(ctx: PollHookContext): Promise<PollHookResult> {
	if (ctx.manual) {
		const [id] = await matchingIds(ctx, 10);
		const message = id ? await fullMessage(ctx, id) : undefined;
		return {
			records: message ? [messageFields(message)] : [],
			cursor: ctx.cursor ?? {},
		};
	}
	const start = str(ctx.cursor?.historyId);
	if (!start) return { records: [], cursor: { historyId: await currentHistoryId(ctx) } };

	const labels = list(ctx.params.labelIds);
	const added: string[] = [];
	let historyId = start;
	let pageToken: string | undefined;
	for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
		const res = await ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: `${USER}/history`,
			qs: {
				startHistoryId: start,
				historyTypes: 'messageAdded',
				maxResults: 500,
				...(labels.length === 1 ? { labelId: labels[0] } : {}),
				...(pageToken ? { pageToken } : {}),
			},
			limit: units(UNITS.historyList, 'history.getMany'),
			// Gmail keeps about a week of history: an older startHistoryId is answered 404.
			accept: [404],
		});
		if (res.status === 404) {
			const fresh = await currentHistoryId(ctx);
			ctx.fn.logger.warn(
				`Gmail Trigger: the kept history id ${start} is too old for Gmail (404), so messages that arrived since the last poll are not emitted; starting again from history id ${fresh}.`,
				{ node: ctx.fn.getNode().name },
			);
			return { records: [], cursor: { historyId: fresh, restartedFrom: start } };
		}
		const body = res.body as HistoryPage;
		for (const record of body.history ?? [])
			for (const m of record.messagesAdded ?? [])
				if (m.message?.id && !added.includes(m.message.id)) added.push(m.message.id);
		pageToken = body.nextPageToken;
		if (!pageToken) {
			historyId = str(body.historyId) || historyId;
			break;
		}
		// Stopped before the end: the next poll goes on after the last record read.
		historyId = str(body.history?.at(-1)?.id) || historyId;
	}
	if (added.length === 0) return { records: [], cursor: { historyId } };

	const query = str(ctx.params.q);
	const matching = query ? new Set(await matchingIds(ctx, 500)) : undefined;
	const records: IDataObject[] = [];
	for (const id of added) {
		if (matching && !matching.has(id)) continue;
		const message = await fullMessage(ctx, id);
		if (message && passes(ctx, message)) records.push(messageFields(message));
	}
	return { records, cursor: { historyId } };
}

export const gmailHooks = {
	sendMessage,
	replyToMessage,
	replyToThread,
	createDraft,
	getMessage,
	getDraft,
	getThread,
	getAttachment,
	pollHistory,
};
