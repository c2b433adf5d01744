/**
 * What data cannot say for Facebook Pages: Page calls must be signed with the Page's own access token,
 * which is fetched at run time from the user token (`GET /{page-id}?fields=access_token`). That token is
 * a new secret the credential does not hold, so every value leaving these hooks is redacted with it too,
 * and it travels only in the Authorization header (never in a URL, an output or a log).
 */
import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import { readEngineSettings } from '../../lib/execution/options';
import { responseToItems, wrap } from '../../lib/execution/response';
import { isIdempotent } from '../../lib/retry/decide';
import { identityOf } from '../../lib/spec/identity';
import type {
	HookContext,
	ServiceSpec,
	TriggerCreateResult,
	TriggerHookContext,
} from '../../lib/spec/types';
import { paginate } from '../../lib/transport/paginate';
import type { Engine } from '../../lib/transport/engine';
import { toN8nError } from '../../lib/execution/n8n-error';
import {
	DEFAULT_SETTINGS,
	send,
	type EngineSettings,
	type RequestFunctions,
} from '../../lib/transport/pipeline';
import { makeRedactor, secretsOf, type Redactor } from '../../lib/transport/redact';
import type { EngineRequest, EngineResponse } from '../../lib/transport/types';
import { unlessGone } from '../../lib/triggers/common';
import { verifySubscription } from '../Meta/meta.hooks';
import { callContext } from '../../lib/transport/context';
import type { MultipartFile } from '../../lib/transport/multipart';
import { FACEBOOK_VIDEO_URL } from '../Meta/meta';

type RequestFn = (req: EngineRequest) => Promise<EngineResponse>;

/** The node field that names the Page for every Page-token operation (see FacebookPages.node.ts). */
export const PAGE_FIELD = 'pageId';

/** Page tokens already fetched by one node run (keyed by its n8n context), so items share one lookup per Page. */
const fetched = new WeakMap<object, Map<string, Promise<string>>>();

/**
 * The Page's access token, fetched with the user token. Not cacheable: the answer is a secret and must
 * never sit in the response cache.
 */
export async function pageToken(
	fn: RequestFunctions,
	userRequest: RequestFn,
	baseUrl: string,
	pageId: string,
	itemIndex = 0,
): Promise<string> {
	let perRun = fetched.get(fn);
	if (!perRun) fetched.set(fn, (perRun = new Map()));
	let pending = perRun.get(pageId);
	if (!pending) {
		pending = (async () => {
			const res = await userRequest({
				method: 'GET',
				baseUrl,
				path: '/{pageId}',
				pathParams: { pageId },
				qs: { fields: 'access_token' },
				cacheable: false,
			});
			const token = (res.body as IDataObject | undefined)?.access_token;
			if (typeof token !== 'string' || token === '') {
				throw new NodeOperationError(
					fn.getNode(),
					`Facebook gave no Page access token for Page ${pageId}.`,
					{
						itemIndex,
						description:
							'The connected Facebook user must manage this Page (a Page task such as CREATE_CONTENT or MODERATE), and the credential needs pages_show_list and the Page permissions. Check the Page ID with Page → Get Many, or reconnect the credential.',
					},
				);
			}
			return token;
		})();
		perRun.set(pageId, pending);
		// A failed lookup is not remembered: the next item may try again.
		pending.catch(() => perRun!.get(pageId) === pending && perRun!.delete(pageId));
	}
	return await pending;
}

export interface PageSession {
	/** Send through the engine, signed with the Page token. */
	request: RequestFn;
	/** Redacts the credential's secrets and the Page token. */
	redact: Redactor;
}

export interface PageScope {
	engine: Engine;
	fn: RequestFunctions;
	itemIndex: number;
	spec: ServiceSpec;
	credentialType: string;
	baseUrl: string;
	settings: EngineSettings;
	/** The engine's request with the user token. */
	userRequest: RequestFn;
	/** The scopes the operation (or the trigger) needs, named if Facebook refuses a permission. */
	scopes?: string[];
}

/** Requests signed with the Page token of `pageId`, on the same connection budget as the user's. */
export async function pageSession(scope: PageScope, pageId: string): Promise<PageSession> {
	const token = await pageToken(
		scope.fn,
		scope.userRequest,
		scope.baseUrl,
		pageId,
		scope.itemIndex,
	);
	const credentials = (await scope.fn.getCredentials(
		scope.credentialType,
		scope.itemIndex,
	)) as IDataObject;
	const redact = makeRedactor([...secretsOf(credentials), token]);
	const ctx = callContext({
		engine: scope.engine,
		fn: scope.fn,
		bearerToken: token,
		itemIndex: scope.itemIndex,
		service: identityOf(scope.spec),
		credentialType: scope.credentialType,
		redact,
		settings: scope.settings,
	});
	return {
		redact,
		request: async (req) => {
			const scopes = req.scopes ?? scope.scopes;
			return await send(ctx, {
				...req,
				idempotent: req.idempotent ?? isIdempotent(req.method),
				...(scopes ? { scopes } : {}),
			});
		},
	};
}

/** The item's Page (the shared "Page" field) and a session signed with its token. */
async function itemPageSession(
	ctx: HookContext,
): Promise<{ pageId: string; session: PageSession }> {
	const { fn, itemIndex, spec, operation: op } = ctx;
	const pageId = String(fn.getNodeParameter(PAGE_FIELD, itemIndex, '') ?? '').trim();
	if (!/^\d+$/.test(pageId)) {
		throw new NodeOperationError(
			fn.getNode(),
			`The field 'Page' must be a Page ID (got '${pageId}').`,
			{
				itemIndex,
				description:
					'Pick a Page from the list, or enter its numeric ID (Page → Get Many lists the Pages you manage).',
			},
		);
	}
	const session = await pageSession(
		{
			engine: ctx.engine,
			fn,
			itemIndex,
			spec,
			credentialType: spec.auth[0].credentialType,
			baseUrl: spec.baseUrl,
			settings: readEngineSettings(fn, itemIndex),
			userRequest: ctx.request,
			...(op.scopes ? { scopes: op.scopes } : {}),
		},
		pageId,
	);
	return { pageId, session };
}

/** Operation hook: run the spec's operation (request, paging, response shape) with the Page token. */
async function runWithPageToken(
	ctx: HookContext,
	adjust?: (req: EngineRequest) => Promise<EngineRequest>,
): Promise<INodeExecutionData[] | IDataObject[]> {
	const { fn, itemIndex, spec, operation: op } = ctx;
	const { session } = await itemPageSession(ctx);
	const built = toRequest(op, ctx.params, spec.baseUrl);
	const req = adjust ? await adjust(built) : built;
	const paging = op.paginate === true ? spec.pagination : op.paginate || undefined;
	if (paging) {
		const returnAll = fn.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? 0 : (fn.getNodeParameter('limit', itemIndex, 50) as number);
		const { items } = await paginate(paging, req, session.request, { returnAll, limit });
		return session.redact(items.map(wrap));
	}
	const res = await session.request(req);
	return session.redact(
		await responseToItems(fn, res, {
			format: 'json',
			path: op.response?.path,
			split: op.response?.split,
			onEmpty: op.response?.onEmpty,
		}),
	);
}

// ---- Trigger registration: the Page subscribes the app to its webhook fields (POST /{page-id}/subscribed_apps).

type RegistrationContext = TriggerHookContext;

async function registrationSession(ctx: RegistrationContext, pageId: string): Promise<PageSession> {
	return await pageSession(
		{
			engine: ctx.engine,
			fn: ctx.fn,
			itemIndex: 0,
			spec: ctx.spec,
			credentialType: ctx.credentialType ?? ctx.spec.auth[0].credentialType,
			baseUrl: ctx.baseUrl,
			settings: DEFAULT_SETTINGS,
			userRequest: ctx.request,
			...(ctx.spec.webhook?.scopes ? { scopes: ctx.spec.webhook.scopes } : {}),
		},
		pageId,
	);
}

function asPageId(ctx: RegistrationContext, value: unknown): string {
	const pageId = String(value ?? '').trim();
	if (!/^\d+$/.test(pageId))
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`The field 'Page ID' must be a Page ID (got '${pageId}').`,
		);
	return pageId;
}

/** The Page this node registered (its hook id), else the one chosen now. */
const registeredPage = (ctx: RegistrationContext): string =>
	asPageId(ctx, ctx.state.hookId ?? ctx.params[PAGE_FIELD]);

/**
 * True when this app is subscribed on the registered Page to every selected field. A registration for
 * another Page than the one now chosen is removed, so `create` subscribes the new Page.
 */
async function webhookExists(ctx: RegistrationContext): Promise<boolean> {
	const registered = registeredPage(ctx);
	const wanted = String(ctx.params[PAGE_FIELD] ?? '').trim();
	if (wanted && wanted !== registered) {
		// The old Page may be gone already (404): that is what we wanted.
		await unlessGone(webhookDelete(ctx));
		return false;
	}
	const session = await registrationSession(ctx, registered);
	const appId = String(
		(
			(await ctx.fn.getCredentials(
				ctx.credentialType ?? ctx.spec.auth[0].credentialType,
			)) as IDataObject
		).clientId ?? '',
	);
	const res = await session.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: '/{pageId}/subscribed_apps',
		pathParams: { pageId: registered },
		cacheable: false,
	});
	const apps = ((res.body as IDataObject)?.data ?? []) as IDataObject[];
	const ours = apps.find((a) => String(a.id) === appId);
	const fields = (ours?.subscribed_fields ?? []) as string[];
	return Boolean(ours) && ctx.events.every((e) => fields.includes(e));
}

/** Subscribe the app to the selected fields of the Page; the Page ID is the registration's id. */
async function webhookCreate(ctx: RegistrationContext): Promise<TriggerCreateResult> {
	const pageId = asPageId(ctx, ctx.params[PAGE_FIELD]);
	const session = await registrationSession(ctx, pageId);
	await session.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/{pageId}/subscribed_apps',
		pathParams: { pageId },
		qs: { subscribed_fields: ctx.events.join(',') },
	});
	return { id: pageId };
}

/** Remove the app's subscription from the Page. */
async function webhookDelete(ctx: RegistrationContext): Promise<void> {
	const pageId = registeredPage(ctx);
	const session = await registrationSession(ctx, pageId);
	await session.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: '/{pageId}/subscribed_apps',
		pathParams: { pageId },
	});
}

/** The item's binary property named by the field `binaryField` (default `data`), as a multipart file. */
async function binaryFile(
	ctx: HookContext,
	binaryField: string,
	fallbackName = 'photo.jpg',
): Promise<MultipartFile> {
	const property = String(ctx.params[binaryField] ?? 'data');
	const binary = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	return {
		data: await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property),
		fileName: binary.fileName ?? fallbackName,
		mimeType: binary.mimeType,
	};
}

/**
 * Photo from binary data: `POST /{page-id}/photos` as multipart/form-data with the file in `source`
 * (Meta's documented upload), signed with the Page token. The input field's name is not sent.
 */
async function uploadPhoto(ctx: HookContext): Promise<INodeExecutionData[] | IDataObject[]> {
	const source = await binaryFile(ctx, 'binaryPropertyName');
	return await runWithPageToken(ctx, async (req) => {
		const { binaryPropertyName: _, ...fields } = (req.body ?? {}) as IDataObject;
		return { ...req, bodyEncoding: 'multipart', body: { ...fields, source } as never };
	});
}

/** Most chunks a video upload may take before it is given up (Meta's chunks are MBs: a 10 GB video takes a few hundred). */
const MAX_VIDEO_CHUNKS = 10_000;

/** A transfer answer's next byte range, checked: it must move forward and stay within the file. */
function nextRange(
	ctx: HookContext,
	body: IDataObject,
	size: number,
	previousStart: number,
): { start: number; end: number } {
	const start = Number(body.start_offset);
	const end = Number(body.end_offset);
	if (
		!Number.isInteger(start) ||
		!Number.isInteger(end) ||
		start < previousStart ||
		start > end ||
		end > size
	)
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`Facebook answered the video upload with an unusable byte range (start_offset ${String(body.start_offset)}, end_offset ${String(body.end_offset)}, file size ${size}).`,
			{ itemIndex: ctx.itemIndex, description: 'Run the item again: the upload starts over.' },
		);
	return { start, end };
}

/**
 * Video from binary data, with the Video API's resumable protocol on graph-video.facebook.com, all signed
 * with the Page token: `upload_phase=start` with `file_size` opens a session and names the first byte range;
 * each `upload_phase=transfer` sends that range as `video_file_chunk` (multipart) from `start_offset` and gets
 * the next range, until start equals end; `upload_phase=finish` publishes it with the title and description.
 * A transfer is resent as it was when the connection fails (Meta answers a repeated range with the same next one).
 */
async function uploadVideo(ctx: HookContext): Promise<IDataObject> {
	const file = await binaryFile(ctx, 'binaryPropertyName', 'video.mp4');
	const { pageId, session } = await itemPageSession(ctx);
	const { binaryPropertyName: _, pageId: _page, ...fields } = ctx.params;
	const size = file.data.length;
	const videos = {
		method: 'POST',
		baseUrl: FACEBOOK_VIDEO_URL,
		path: '/{pageId}/videos',
		pathParams: { pageId },
	} as const;
	const started = (
		await session.request({
			...videos,
			bodyEncoding: 'form',
			body: { upload_phase: 'start', file_size: size },
		})
	).body as IDataObject;
	const sessionId = String(started.upload_session_id ?? '');
	const videoId = String(started.video_id ?? '');
	let range = nextRange(ctx, started, size, 0);
	for (let chunks = 0; range.start < range.end; chunks++) {
		if (chunks >= MAX_VIDEO_CHUNKS)
			throw new NodeOperationError(
				ctx.fn.getNode(),
				`Facebook asked for more than ${MAX_VIDEO_CHUNKS} chunks of a ${size}-byte video.`,
				{ itemIndex: ctx.itemIndex },
			);
		const transferred = (
			await session.request({
				...videos,
				idempotent: true,
				bodyEncoding: 'multipart',
				body: {
					upload_phase: 'transfer',
					upload_session_id: sessionId,
					start_offset: range.start,
					video_file_chunk: { ...file, data: file.data.subarray(range.start, range.end) },
				},
			})
		).body as IDataObject;
		range = nextRange(ctx, transferred, size, range.start);
	}
	const finished = (
		await session.request({
			...videos,
			bodyEncoding: 'form',
			body: { ...fields, upload_phase: 'finish', upload_session_id: sessionId },
		})
	).body as IDataObject;
	return session.redact({ ...finished, id: videoId }) as IDataObject;
}

export const facebookPagesHooks = {
	pageToken: runWithPageToken,
	uploadPhoto,
	uploadVideo,
	webhookExists,
	webhookCreate,
	webhookDelete,
	webhookHandshake: verifySubscription,
};

/** Pages the connected user manages, for the "Page" dropdown (user token; the Page tokens are not requested). */
export async function listPages(
	engine: Engine,
	fn: ILoadOptionsFunctions,
	spec: ServiceSpec,
): Promise<Array<{ name: string; value: string }>> {
	const credentialType = spec.auth[0].credentialType;
	const credentials = (await fn.getCredentials(credentialType)) as IDataObject;
	const ctx = callContext({
		engine,
		fn,
		service: identityOf(spec),
		credentialType,
		redact: makeRedactor(secretsOf(credentials)),
	});
	const { items } = await paginate(
		{ type: 'nextUrl', nextUrlPath: 'paging.next', itemsPath: 'data' },
		{
			method: 'GET',
			baseUrl: spec.baseUrl,
			path: '/me/accounts',
			qs: { fields: 'id,name', limit: 100 },
			responseFormat: 'json',
			cacheable: false,
		},
		async (req) => await send(ctx, req),
		{ returnAll: true, limit: 0, maxPages: 20 },
	).catch((error: unknown) => {
		// Called by n8n for the dropdown: the n8n error, with its cause and fix.
		throw toN8nError(error, fn.getNode());
	});
	const pages = (items as IDataObject[]).map((p) => ({
		name: String(p.name ?? p.id),
		value: String(p.id),
	}));
	return pages.sort((a, b) => a.name.localeCompare(b.name));
}
