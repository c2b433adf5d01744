/**
 * What the Trello spec cannot say as data: an attachment from the item's binary data (multipart) or from a URL,
 * an uploaded attachment downloaded as binary data, and the trigger's webhook created, checked and deleted
 * through the API (`POST /1/webhooks`, `GET` and `DELETE /1/webhooks/{id}`).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { HookContext, TriggerCreateResult, TriggerHookContext } from '../../lib/spec/types';
import { ifFound } from '../../lib/triggers';

/** The optional attachment fields the user set, as Trello's query keys. */
function attachmentFields(ctx: HookContext): IDataObject {
	const out: IDataObject = {};
	for (const key of ['name', 'mimeType', 'setCover'])
		if (ctx.params[key] !== undefined && ctx.params[key] !== '') out[key] = ctx.params[key];
	return out;
}

/**
 * Attach to a card: the binary field's bytes as multipart `file` (with `name`, `mimeType`, `setCover` as form
 * fields), or a link as `url` in the query.
 */
async function createAttachment(ctx: HookContext): Promise<IDataObject> {
	const pathParams = { id: String(ctx.params.id) };
	const fields = attachmentFields(ctx);
	if (ctx.params.source === 'url') {
		const url = String(ctx.params.url ?? '').trim();
		if (!/^https?:\/\//i.test(url))
			throw new NodeOperationError(ctx.fn.getNode(), 'Source URL needs a URL to attach.', {
				itemIndex: ctx.itemIndex,
				description:
					"Add 'URL' under Additional Fields: a link starting with http:// or https://, or choose Source: Binary Data.",
			});
		const res = await ctx.request({
			method: 'POST',
			baseUrl: ctx.baseUrl,
			path: ctx.operation.path,
			pathParams,
			qs: { url, ...fields } as Record<string, string>,
		});
		return res.body as IDataObject;
	}
	const property = String(ctx.params.binaryPropertyName || 'data');
	const binary = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	const data = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
	const fileName = binary.fileName ?? 'file';
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams,
		body: {
			...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
			...(fields.name === undefined ? { name: fileName } : {}),
			...(fields.mimeType === undefined && binary.mimeType ? { mimeType: binary.mimeType } : {}),
			file: { data, fileName, mimeType: binary.mimeType },
		} as never,
		bodyEncoding: 'multipart',
	});
	return res.body as IDataObject;
}

/**
 * Download an uploaded attachment: its metadata, then its bytes from the API's own download route (same origin,
 * signed with the same header) as binary data. A link attached by URL has no file: refused with the link.
 */
async function downloadAttachment(ctx: HookContext): Promise<INodeExecutionData[]> {
	const pathParams = { id: String(ctx.params.id), idAttachment: String(ctx.params.idAttachment) };
	const meta = (
		await ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: '/cards/{id}/attachments/{idAttachment}',
			pathParams,
		})
	).body as IDataObject;
	if (meta.isUpload === false)
		throw new NodeOperationError(
			ctx.fn.getNode(),
			'This attachment is a link, not an uploaded file: there is nothing to download.',
			{ itemIndex: ctx.itemIndex, description: `The link is ${String(meta.url)}.` },
		);
	const fileName = String(meta.fileName ?? meta.name ?? `attachment-${pathParams.idAttachment}`);
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: `${ctx.operation.path}/{fileName}`,
		pathParams: { ...pathParams, fileName },
		headers: { Accept: '*/*' },
		responseFormat: 'binary',
		cacheable: false,
	});
	const binary = await ctx.fn.helpers.prepareBinaryData(
		res.body as Buffer,
		fileName,
		typeof meta.mimeType === 'string' && meta.mimeType ? meta.mimeType : undefined,
	);
	return [{ json: meta, binary: { data: binary } }];
}

/**
 * Create the webhook: Trello sends HEAD to the callback URL (answered 200 by the trigger's setup webhook)
 * before it answers. The description names the workflow, so the webhook is recognisable in the token's list.
 */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const idModel = String(ctx.params.idModel ?? '').trim();
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/webhooks',
		qs: {
			callbackURL: ctx.webhookUrl,
			idModel,
			description: `n8n: ${ctx.fn.getWorkflow().name ?? ctx.fn.getNode().name}`.slice(0, 255),
		},
	});
	const hook = res.body as { id?: string };
	return { id: String(hook.id), data: { idModel } };
}

async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	return await ifFound(
		ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: '/webhooks/{id}',
			pathParams: { id: ctx.state.hookId! },
			accept: [404],
		}),
	);
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: '/webhooks/{id}',
		pathParams: { id: ctx.state.hookId! },
	});
}

export const trelloHooks = {
	createAttachment,
	downloadAttachment,
	webhookCreate,
	webhookExists,
	webhookDelete,
};
