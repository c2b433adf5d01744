/**
 * What LinkedIn's data cannot say: a Rest.li create answers 201 with an empty body and the new entity's URN in
 * `x-restli-id`; the write scope depends on who acts (a member or an organization); an image post uploads the
 * image first (Images API: initializeUpload, then PUT the bytes to the upload URL it returns).
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import type { HookContext } from '../../lib/spec/types';
import type { EngineResponse } from '../../lib/transport/types';

/** Hosts LinkedIn's upload URLs are on: the only ones the credential is sent to besides the API. */
const UPLOAD_HOSTS = new Set(['www.linkedin.com', 'api.linkedin.com']);

/** The write permission of whoever acts: `w_organization_social` for a page, `w_member_social` for a member. */
function writeScopes(actor: unknown): string[] {
	return String(actor ?? '').startsWith('urn:li:organization:')
		? ['w_organization_social']
		: ['w_member_social'];
}

/** The created entity: the answer's body when it has one, else its URN from `x-restli-id` (Rest.li-decoded). */
function created(res: EngineResponse): IDataObject {
	const raw = res.headers['x-restli-id'];
	const id = raw ? decodeURIComponent(raw) : undefined;
	const body = res.body;
	if (body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length > 0)
		return { ...(id && !('id' in body) ? { id } : {}), ...(body as IDataObject) };
	return id ? { id } : {};
}

/** Params without the ones only the hook reads (the binary field's name is never sent). */
function sentParams(ctx: HookContext): IDataObject {
	const { binaryPropertyName: _binary, ...params } = ctx.params;
	return params;
}

/** Create a post, comment or reaction with the acting member's or organization's write scope. */
async function createEntity(ctx: HookContext): Promise<IDataObject> {
	const req = toRequest(ctx.operation, sentParams(ctx), ctx.baseUrl);
	const body = req.body as IDataObject;
	// A comment names its post in the body too (object), as the Comments API documents.
	if (ctx.operation.path.endsWith('/comments')) body.object = ctx.params.postUrn;
	const actor = ctx.params.author ?? ctx.params.actor;
	const res = await ctx.request({ ...req, scopes: writeScopes(actor) });
	return created(res);
}

/**
 * Images API: initializeUpload for the owner, then PUT the input item's bytes to the upload URL (on LinkedIn's
 * own hosts only, with the credential as LinkedIn's upload documents). Returns the image URN.
 */
async function upload(ctx: HookContext, owner: string): Promise<IDataObject> {
	const property = String(ctx.params.binaryPropertyName ?? 'data');
	const binary = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	const bytes = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
	const scopes = writeScopes(owner);
	const init = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/rest/images?action=initializeUpload',
		body: { initializeUploadRequest: { owner } },
		bodyEncoding: 'json',
		responseFormat: 'json',
		scopes,
	});
	const value = ((init.body as IDataObject | undefined)?.value ?? {}) as IDataObject;
	const uploadUrl = typeof value.uploadUrl === 'string' ? value.uploadUrl : '';
	const image = typeof value.image === 'string' ? value.image : '';
	const url = URL.canParse(uploadUrl) ? new URL(uploadUrl) : undefined;
	if (!url || !image || url.protocol !== 'https:' || !UPLOAD_HOSTS.has(url.hostname)) {
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`LinkedIn's initializeUpload answer has no usable upload URL on ${[...UPLOAD_HOSTS].join(' or ')}`,
			{
				itemIndex: ctx.itemIndex,
				description:
					'The image was not uploaded and the credential was not sent anywhere else. Try again; if it persists, check LinkedIn’s status page.',
			},
		);
	}
	await ctx.request({
		method: 'PUT',
		baseUrl: url.origin,
		path: uploadUrl,
		body: bytes,
		bodyEncoding: 'raw',
		contentType: binary.mimeType || 'application/octet-stream',
		responseFormat: 'text',
		idempotent: true,
		scopes,
	});
	return {
		image,
		...(value.uploadUrlExpiresAt !== undefined
			? { uploadUrlExpiresAt: value.uploadUrlExpiresAt }
			: {}),
	};
}

/** Image → Upload: the image URN (and when the unused upload URL would have expired). */
async function uploadImage(ctx: HookContext): Promise<IDataObject> {
	return await upload(ctx, String(ctx.params.owner));
}

/** Post → Create Image: upload the image for the author, then publish the post that shows it. */
async function createImagePost(ctx: HookContext): Promise<IDataObject> {
	const { image } = await upload(ctx, String(ctx.params.author));
	const req = toRequest(ctx.operation, sentParams(ctx), ctx.baseUrl);
	const body = req.body as IDataObject;
	const content = (body.content ?? {}) as IDataObject;
	body.content = { ...content, media: { ...((content.media ?? {}) as IDataObject), id: image } };
	const res = await ctx.request({ ...req, scopes: writeScopes(ctx.params.author) });
	return { ...created(res), image };
}

export const linkedInHooks = { createEntity, createImagePost, uploadImage };
