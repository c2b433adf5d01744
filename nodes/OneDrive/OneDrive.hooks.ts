/**
 * What OneDrive's data cannot say: a path whose every segment is encoded on its own (`root:/a/b c.txt:`), the
 * OData string quoting of a search, uploads that switch to an upload session above 4 MB, a download that Graph
 * answers with a redirect to another origin (followed without the Microsoft token), and a copy that Graph runs
 * in the background (its monitor URL polled, without the token, until the copy is done).
 * https://learn.microsoft.com/graph/api/resources/driveitem
 */
import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import { responseToItems } from '../../lib/execution/response';
import { identityOf } from '../../lib/spec/identity';
import type { HookContext } from '../../lib/spec/types';
import { foreignOriginContext } from '../../lib/transport/context';
import { send } from '../../lib/transport/pipeline';
import type { EngineRequest } from '../../lib/transport/types';
import { answer, binaryOf, uploadInChunks } from '../Microsoft/microsoft.hooks';

/** Graph's simple upload (`PUT …/content`) takes files up to 4 MB; larger ones need an upload session. */
export const SIMPLE_UPLOAD_LIMIT = 4 * 1024 * 1024;

const CONFLICT = '@microsoft.graph.conflictBehavior';
const MONITOR_INTERVAL_MS = 1_000;

/** `{itemPath}` as one placeholder per segment (`Reports/Q1 budget.xlsx` → `{p0}/{p1}`), each encoded alone. */
function withPathSegments(req: EngineRequest, path: string, node: () => never): EngineRequest {
	const segments = path.split('/').filter((s) => s !== '');
	if (segments.length === 0) node();
	const pathParams: Record<string, string | number> = { ...req.pathParams };
	delete pathParams.itemPath;
	segments.forEach((s, i) => (pathParams[`p${i}`] = s));
	return {
		...req,
		path: req.path.replace('{itemPath}', segments.map((_, i) => `{p${i}}`).join('/')),
		pathParams,
	};
}

/** Get by Path: `GET /me/drive/root:/Reports/Q1%20budget.xlsx:`. */
async function byPath(ctx: HookContext) {
	const req = withPathSegments(
		toRequest(ctx.operation, ctx.params, ctx.baseUrl),
		String(ctx.params.itemPath),
		() => {
			throw new NodeOperationError(ctx.fn.getNode(), "The field 'Path' names no file or folder.", {
				itemIndex: ctx.itemIndex,
				description: "Enter a path from the drive's root, e.g. Reports/2026/budget.xlsx.",
			});
		},
	);
	return await answer(ctx, req);
}

/** Search: the text as an OData string literal (a `'` doubled), then percent-encoded as one segment. */
async function search(ctx: HookContext) {
	const query = String(ctx.params.query).replace(/'/g, "''");
	return await answer(ctx, toRequest(ctx.operation, { ...ctx.params, query }, ctx.baseUrl));
}

/**
 * Upload: up to 4 MB one `PUT …:/{name}:/content`; above, `POST …:/{name}:/createUploadSession` and the bytes in
 * ranges to the session's URL. The answer is the created driveItem.
 */
async function upload(ctx: HookContext): Promise<IDataObject> {
	const file = await binaryOf(ctx, String(ctx.params.binaryPropertyName || 'data'));
	return await uploadBytes(ctx, file.data, file.mimeType);
}

/** Upload bytes to the operation's `…:/{fileName}:/content` path (simple up to 4 MB, else an upload session). */
export async function uploadBytes(
	ctx: HookContext,
	data: Buffer,
	mimeType?: string,
): Promise<IDataObject> {
	const file = { data, mimeType };
	const req = toRequest(ctx.operation, ctx.params, ctx.baseUrl);
	delete req.body;
	delete req.bodyEncoding;
	if (file.data.length <= SIMPLE_UPLOAD_LIMIT) {
		const res = await ctx.request({
			...req,
			body: file.data,
			bodyEncoding: 'raw',
			contentType: file.mimeType ?? 'application/octet-stream',
		});
		return res.body as IDataObject;
	}
	const conflict = req.qs?.[CONFLICT];
	const session = (
		await ctx.request({
			...req,
			method: 'POST',
			path: req.path.replace(/\/content$/, '/createUploadSession'),
			qs: {},
			body: { item: { ...(conflict ? { [CONFLICT]: conflict } : {}), name: ctx.params.fileName } },
			bodyEncoding: 'json',
		})
	).body as IDataObject;
	if (typeof session.uploadUrl !== 'string')
		throw new NodeOperationError(ctx.fn.getNode(), 'Microsoft Graph gave no upload URL.', {
			itemIndex: ctx.itemIndex,
			description: 'Nothing was uploaded. Run the item again; if it persists, report it.',
		});
	const last = await uploadInChunks(ctx, session.uploadUrl, file.data);
	return last.body as IDataObject;
}

/** A request to a URL Graph handed out (a download or monitor URL on another origin): no token, URL redacted. */
function anonymous(ctx: HookContext, location: string) {
	const url = new URL(location);
	return {
		url,
		context: foreignOriginContext(
			{ engine: ctx.engine, fn: ctx.fn, itemIndex: ctx.itemIndex, service: identityOf(ctx.spec) },
			[location, url.pathname + url.search, ...url.searchParams.values()],
		),
	};
}

/**
 * An item's metadata and bytes: its name and type, then `GET …/content` (with the request's query, e.g. Word's
 * `format=pdf`), which Graph answers with 302 and a pre-authenticated URL (valid for a few minutes) on another
 * origin; that URL is fetched without the Microsoft token. A 200 with the bytes (some accounts answer so) is
 * taken as it is.
 */
export async function fetchItem(
	ctx: HookContext,
	req: EngineRequest,
): Promise<{ meta: IDataObject; bytes: Buffer }> {
	const meta = (
		await ctx.request({
			...req,
			path: req.path.replace(/\/content$/, ''),
			qs: { $select: 'id,name,size,file,parentReference' },
		})
	).body as IDataObject;
	const res = await ctx.request({
		...req,
		responseFormat: 'binary',
		accept: [302],
		redirect: 'manual',
		cacheable: false,
	});
	let bytes = res;
	if (res.status === 302) {
		const location = res.headers['location'];
		if (!location)
			throw new NodeOperationError(
				ctx.fn.getNode(),
				`Microsoft Graph gave no download URL for the item ${String(ctx.params.itemId ?? ctx.params.templateId)}.`,
				{ itemIndex: ctx.itemIndex, description: 'Check that the item is a file, not a folder.' },
			);
		const { url, context } = anonymous(ctx, location);
		bytes = await send(context, {
			method: 'GET',
			baseUrl: url.origin,
			path: location,
			responseFormat: 'binary',
			idempotent: true,
			cacheable: false,
		});
	}
	return { meta, bytes: bytes.body as Buffer };
}

/**
 * Download: the file as binary data in "data", named and typed as the drive has it; converted (`format=pdf`),
 * named `<name>.pdf` and typed `application/pdf`.
 */
async function download(ctx: HookContext): Promise<INodeExecutionData[]> {
	const req = toRequest(ctx.operation, ctx.params, ctx.baseUrl);
	const { meta, bytes } = await fetchItem(ctx, req);
	const file = meta.file as IDataObject | undefined;
	const name = String(meta.name ?? `item-${String(ctx.params.itemId)}`);
	const pdf = req.qs?.format === 'pdf';
	const binary = await ctx.fn.helpers.prepareBinaryData(
		bytes,
		pdf ? name.replace(/\.[^./]*$/, '') + '.pdf' : name,
		pdf ? 'application/pdf' : typeof file?.mimeType === 'string' ? file.mimeType : undefined,
	);
	return [{ json: meta, binary: { data: binary } }];
}

/**
 * Copy: `POST …/copy` answers 202 with a `Location` monitor URL (another origin, no token needed). The monitor
 * answers `{status: notStarted|inProgress|completed|failed, percentageComplete, resourceId}`; it is polled once a
 * second until completed or failed, or Max Wait runs out (then the last status is the answer).
 */
async function copy(ctx: HookContext) {
	const req = toRequest(ctx.operation, ctx.params, ctx.baseUrl);
	const body = req.body as IDataObject;
	const wait = body.waitForCompletion !== false;
	const maxWaitMs = Number(body.maxWaitSeconds ?? 60) * 1000;
	delete body.waitForCompletion;
	delete body.maxWaitSeconds;
	const started = await ctx.request({ ...req, accept: [202] });
	const location = started.headers['location'];
	if (!location)
		return await responseToItems(ctx.fn, started, { format: 'json', onEmpty: { accepted: true } });
	const { url, context } = anonymous(ctx, location);
	const { clock } = ctx.engine;
	const deadline = clock.now() + maxWaitMs;
	const signal = ctx.fn.getExecutionCancelSignal?.();
	for (;;) {
		const res = await send(context, {
			method: 'GET',
			baseUrl: url.origin,
			path: location,
			accept: [202, 303],
			redirect: 'manual',
			idempotent: true,
			cacheable: false,
		});
		const status = (res.body ?? {}) as IDataObject;
		if (status.status === 'failed')
			throw new NodeOperationError(
				ctx.fn.getNode(),
				`OneDrive could not copy the item ${String(ctx.params.itemId)}${typeof status.error === 'object' ? `: ${JSON.stringify(status.error)}` : ''}.`,
				{
					itemIndex: ctx.itemIndex,
					description:
						'Check that the destination folder exists and has room, and that no item of that name exists there.',
				},
			);
		if (
			status.status === 'completed' ||
			res.status === 303 ||
			!wait ||
			clock.now() + MONITOR_INTERVAL_MS > deadline
		)
			return { ...status, itemId: ctx.params.itemId };
		await clock.sleep(MONITOR_INTERVAL_MS, signal);
	}
}

export const oneDriveHooks = { byPath, search, upload, download, copy };
