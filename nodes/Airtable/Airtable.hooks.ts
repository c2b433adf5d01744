/**
 * Airtable's webhooks, where data cannot say it:
 * - registration (`POST /v0/bases/{baseId}/webhooks` with a specification of the data types and change types the
 *   picked events need), its check and its removal;
 * - the delivery: Airtable's notification is a thin ping (`{base, webhook, timestamp}`, verified by the engine
 *   with `X-Airtable-Content-MAC`); the changes are read from `GET …/webhooks/{id}/payloads?cursor=`, page by page
 *   while `mightHaveMore`, the cursor kept in the trigger's state, each payload claimed once (so two pings at
 *   the same time never emit a change twice), and every record, field or table change becomes one item.
 */
import {
	NodeOperationError,
	type IBinaryData,
	type IDataObject,
	type INodeExecutionData,
} from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import { identityOf } from '../../lib/spec/identity';
import { fetchSignedLink } from '../../lib/transport/signed-link';

import type {
	DeliveryContext,
	HookContext,
	TriggerCreateResult,
	TriggerHookContext,
} from '../../lib/spec/types';
import { AIRTABLE_EVENTS } from './Airtable.events';

/** A payload is claimed for longer than Airtable keeps it (7 days). */
const CLAIM_MS = 8 * 86_400_000;
/** Most payload pages one notification reads (50 payloads each); the rest come with the next notification. */
const MAX_PAGES = 20;

const text = (v: unknown): string | undefined =>
	typeof v === 'string' && v !== '' ? v : undefined;

/** The base the webhook was registered on (kept in the state), else the trigger's field. */
function baseOf(ctx: { state: { data?: IDataObject }; params: IDataObject }): string {
	return text(ctx.state.data?.baseId) ?? String(ctx.params.baseId ?? '');
}

const webhooksPath = '/v0/bases/{baseId}/webhooks';

/** The webhook specification of the picked events: their data types, the change types, the table scope. */
export function specificationOf(events: string[], params: IDataObject): IDataObject {
	const picked = AIRTABLE_EVENTS.filter((e) => events.includes(e.value));
	const dataTypes = [...new Set(picked.map((e) => e.dataType))];
	const verbs = new Set(picked.map((e) => e.value.split('.')[1]));
	const changeTypes = (['created', 'updated', 'deleted'] as const)
		.filter((v) => verbs.has(v))
		.map((v) => ({ created: 'add', updated: 'update', deleted: 'remove' })[v]);
	const filters: IDataObject = { dataTypes };
	if (changeTypes.length < 3) filters.changeTypes = changeTypes;
	if (text(params.tableId)) filters.recordChangeScope = params.tableId as string;
	return {
		options: {
			filters,
			includes: {
				includeCellValuesInFieldIds: 'all',
				...(params.includePreviousValues ? { includePreviousCellValues: true } : {}),
			},
		},
	};
}

async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const base = String(ctx.params.baseId);
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: webhooksPath,
		pathParams: { baseId: base },
		body: {
			notificationUrl: ctx.webhookUrl,
			specification: specificationOf(ctx.events, ctx.params),
		},
		bodyEncoding: 'json',
		limit: { key: base },
	});
	const answer = (res.body ?? {}) as IDataObject;
	// macSecretBase64 is returned only here: it is the key of every notification's MAC.
	return {
		id: String(answer.id ?? ''),
		...(text(answer.macSecretBase64) ? { secret: answer.macSecretBase64 as string } : {}),
		data: {
			baseId: base,
			// A new webhook's first payload has cursor 1.
			cursor: 1,
			...(text(answer.expirationTime) ? { expirationTime: answer.expirationTime as string } : {}),
		},
	};
}

/** The webhook is still listed and enabled; a disabled one (expired, or a specification Airtable refused) is removed. */
async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	const base = baseOf(ctx);
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: webhooksPath,
		pathParams: { baseId: base },
		limit: { key: base },
		accept: [404],
	});
	if (res.status === 404) return false;
	const list = ((res.body as IDataObject)?.webhooks ?? []) as IDataObject[];
	const hook = list.find((w) => w.id === ctx.state.hookId);
	if (!hook) return false;
	if (hook.isHookEnabled === false) {
		await webhookDelete(ctx);
		return false;
	}
	return true;
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	const base = baseOf(ctx);
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: `${webhooksPath}/{webhookId}`,
		pathParams: { baseId: base, webhookId: ctx.state.hookId ?? '' },
		limit: { key: base },
	});
}

interface Payload extends IDataObject {
	timestamp?: string;
	baseTransactionNumber?: number;
	actionMetadata?: IDataObject;
	changedTablesById?: Record<string, IDataObject>;
	createdTablesById?: Record<string, IDataObject>;
	destroyedTableIds?: string[];
	error?: boolean;
	code?: string;
}

const entries = (v: unknown): Array<[string, IDataObject]> =>
	v && typeof v === 'object' && !Array.isArray(v)
		? (Object.entries(v) as Array<[string, IDataObject]>)
		: [];
const ids = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const cells = (v: unknown): IDataObject | undefined =>
	((v as IDataObject | undefined)?.cellValuesByFieldId as IDataObject | undefined) ?? undefined;

/** The changes of one payload as items, in Airtable's order: tables, then fields, then records. */
export function changesOf(payload: Payload, common: IDataObject): IDataObject[] {
	const out: IDataObject[] = [];
	const at = {
		...common,
		timestamp: payload.timestamp ?? null,
		baseTransactionNumber: payload.baseTransactionNumber ?? null,
		actionMetadata: payload.actionMetadata ?? null,
	};
	if (payload.error) {
		// Airtable disabled the webhook (e.g. INVALID_FILTERS): said once, whatever was picked.
		out.push({ event: 'webhook.error', ...at, code: payload.code ?? null });
		return out;
	}
	for (const [tableId, t] of entries(payload.createdTablesById))
		out.push({
			event: 'table.created',
			...at,
			tableId,
			table: t.metadata ?? null,
			fields: t.fieldsById ?? null,
		});
	for (const tableId of ids(payload.destroyedTableIds))
		out.push({ event: 'table.deleted', ...at, tableId });
	for (const [tableId, t] of entries(payload.changedTablesById)) {
		const meta = t.changedMetadata as IDataObject | undefined;
		if (meta)
			out.push({
				event: 'table.updated',
				...at,
				tableId,
				table: meta.current ?? null,
				previous: meta.previous ?? null,
			});
		for (const [fieldId, f] of entries(t.createdFieldsById))
			out.push({ event: 'field.created', ...at, tableId, fieldId, field: f });
		for (const [fieldId, f] of entries(t.changedFieldsById))
			out.push({
				event: 'field.updated',
				...at,
				tableId,
				fieldId,
				field: f.current ?? null,
				previous: f.previous ?? null,
			});
		for (const fieldId of ids(t.destroyedFieldIds))
			out.push({ event: 'field.deleted', ...at, tableId, fieldId });
		for (const [recordId, r] of entries(t.createdRecordsById))
			out.push({
				event: 'record.created',
				...at,
				tableId,
				recordId,
				createdTime: r.createdTime ?? null,
				cells: cells(r) ?? {},
			});
		for (const [recordId, r] of entries(t.changedRecordsById))
			out.push({
				event: 'record.updated',
				...at,
				tableId,
				recordId,
				cells: cells(r.current) ?? {},
				...(cells(r.previous) ? { previous: cells(r.previous) } : {}),
				...(cells(r.unchanged) ? { unchanged: cells(r.unchanged) } : {}),
			});
		for (const recordId of ids(t.destroyedRecordIds))
			out.push({ event: 'record.deleted', ...at, tableId, recordId });
	}
	return out;
}

/**
 * A verified notification: read the payloads from the kept cursor on, emit each change of the picked events
 * once, keep the next cursor. A notification for another webhook (an old one of this URL) emits nothing.
 */
async function webhookDeliver(ctx: DeliveryContext): Promise<IDataObject[]> {
	const hookId = ctx.state.hookId;
	const webhook = ctx.body.webhook as IDataObject | undefined;
	if (!hookId || webhook?.id !== hookId) return [];
	const base = baseOf(ctx);
	let cursor = Number(ctx.state.data?.cursor ?? 1) || 1;
	const out: IDataObject[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const res = await ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: `${webhooksPath}/{webhookId}/payloads`,
			pathParams: { baseId: base, webhookId: hookId },
			qs: { cursor: String(cursor) },
			limit: { key: base },
			cacheable: false,
		});
		const answer = (res.body ?? {}) as IDataObject;
		const payloads = (Array.isArray(answer.payloads) ? answer.payloads : []) as Payload[];
		for (const [i, payload] of payloads.entries()) {
			const position = cursor + i;
			// Claimed once: a second notification reading the same cursor at the same time emits nothing twice.
			if (!(await ctx.claim([`${hookId}:${position}`], CLAIM_MS))) continue;
			for (const change of changesOf(payload, {
				baseId: base,
				webhookId: hookId,
				cursor: position,
			}))
				if (change.event === 'webhook.error' || ctx.events.includes(change.event as string))
					out.push(change);
		}
		const next = Number(answer.cursor);
		if (Number.isFinite(next) && next > cursor) {
			cursor = next;
			ctx.saveData({ cursor });
		}
		if (answer.mightHaveMore !== true || payloads.length === 0) break;
	}
	return out;
}

/** Airtable's upload host: the bytes of Upload Attachment go there, with the same token (Airtable's own API). */
export const AIRTABLE_CONTENT_URL = 'https://content.airtable.com';
/** The largest file `uploadAttachment` takes. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/**
 * Record → Upload Attachment: the item's binary file as base64 JSON (`{contentType, file, filename}`) to
 * `POST https://content.airtable.com/v0/{baseId}/{recordId}/{attachmentFieldIdOrName}/uploadAttachment`; the
 * answer is the record's id and the field's attachments. Larger files must be given as a URL in Fields instead.
 */
async function uploadAttachment(ctx: HookContext): Promise<IDataObject> {
	const { fn, itemIndex, params } = ctx;
	const property = String(params.binaryPropertyName ?? 'data');
	const meta = fn.helpers.assertBinaryData(itemIndex, property);
	const bytes = await fn.helpers.getBinaryDataBuffer(itemIndex, property);
	if (bytes.length > MAX_UPLOAD_BYTES)
		throw new NodeOperationError(
			fn.getNode(),
			`The file is ${bytes.length} bytes: Airtable's upload takes at most 5 MB.`,
			{
				itemIndex,
				description:
					'Put a public URL of the file in the attachment field instead (Update with Fields {"Photos": [{"url": "https://…"}]}); Airtable downloads it.',
			},
		);
	const res = await ctx.request({
		method: 'POST',
		baseUrl: AIRTABLE_CONTENT_URL,
		path: ctx.operation.path,
		pathParams: {
			baseId: String(params.baseId),
			recordId: String(params.recordId),
			attachmentFieldIdOrName: String(params.attachmentFieldIdOrName),
		},
		body: {
			contentType: meta.mimeType || 'application/octet-stream',
			file: bytes.toString('base64'),
			filename: meta.fileName ?? 'file',
		},
		bodyEncoding: 'json',
	});
	return (res.body ?? {}) as IDataObject;
}

/** Where Airtable serves attachment files (signed URLs that expire after a few hours, no token needed). */
function isAirtableFileUrl(url: URL): boolean {
	return (
		url.protocol === 'https:' &&
		(url.hostname.endsWith('.airtableusercontent.com') || url.hostname === 'dl.airtable.com')
	);
}

/**
 * Record → Download Attachments: the record (`GET /v0/{baseId}/{table}/{recordId}`), then each file of its
 * attachment field from the URL Airtable gives, without the token (another origin; the signed URL is kept out
 * of errors and logs), as binary `<prefix>0`, `<prefix>1`, … on one item with the record as its JSON. A URL on
 * any other host is refused rather than fetched.
 */
async function downloadAttachments(ctx: HookContext): Promise<INodeExecutionData[]> {
	const { fn, itemIndex, params } = ctx;
	const field = String(params.attachmentField ?? '');
	const prefix = String(params.binaryPrefix ?? 'attachment_');
	const req = toRequest(ctx.operation, params, ctx.baseUrl);
	// The field and the prefix are the node's own choices, not Airtable's query.
	delete req.qs?.attachmentField;
	delete req.qs?.binaryPrefix;
	const record = (await ctx.request(req)).body as IDataObject;
	const files = (record.fields as IDataObject | undefined)?.[field];
	if (files !== undefined && !Array.isArray(files))
		throw new NodeOperationError(fn.getNode(), `The field '${field}' is not an attachment field.`, {
			itemIndex,
			description:
				'Name an attachment field of the table (its name, or its ID when Return Fields By Field ID is on).',
		});
	const binary: Record<string, IBinaryData> = {};
	for (const [n, file] of ((files ?? []) as IDataObject[]).entries()) {
		const location = String(file.url ?? '');
		const url = URL.canParse(location) ? new URL(location) : undefined;
		if (!url || !isAirtableFileUrl(url))
			throw new NodeOperationError(
				fn.getNode(),
				`Attachment ${n} of '${field}' is not on Airtable's file host${url ? ` (${url.hostname})` : ''}: not downloaded.`,
				{
					itemIndex,
					description:
						'Airtable serves attachments from *.airtableusercontent.com; a URL elsewhere is not fetched.',
				},
			);
		const bytes = await fetchSignedLink(
			{ engine: ctx.engine, fn, itemIndex, service: identityOf(ctx.spec) },
			location,
		);
		binary[`${prefix}${n}`] = await fn.helpers.prepareBinaryData(
			bytes.body as Buffer,
			typeof file.filename === 'string' ? file.filename : `attachment-${n}`,
			typeof file.type === 'string' ? file.type : undefined,
		);
	}
	return [{ json: record, binary }];
}

export const airtableHooks = {
	downloadAttachments,
	uploadAttachment,
	webhookExists,
	webhookCreate,
	webhookDelete,
	webhookDeliver,
};
