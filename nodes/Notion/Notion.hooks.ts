/**
 * What Notion's data cannot say: IDs pasted as links, rich text split into Notion's 2,000-character pieces,
 * blocks from simple text sent 100 per request, property values typed by the data source's (or page's) schema,
 * a database ID resolved to its data source (API version 2025-09-03), simple query filters, recursive block
 * children, and property values flattened into plain fields ("Simplify").
 */
import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import { wrap } from '../../lib/execution/response';
import { identityOf } from '../../lib/spec/identity';
import type { HookContext, PaginationSpec } from '../../lib/spec/types';
import { fetchSignedLink } from '../../lib/transport/signed-link';
import { paginate } from '../../lib/transport/paginate';
import type { EngineRequest } from '../../lib/transport/types';

/** Notion's limits on one request (https://developers.notion.com/reference/request-limits). */
export const MAX_TEXT = 2000;
export const MAX_BLOCKS = 100;
/** Deepest level "Recursive" reads (Notion nests blocks freely; a runaway tree would never end). */
const MAX_DEPTH = 10;

type Json = IDataObject;

function fail(ctx: HookContext, message: string, description?: string): never {
	throw new NodeOperationError(ctx.fn.getNode(), message, {
		itemIndex: ctx.itemIndex,
		...(description ? { description } : {}),
	});
}

/**
 * A Notion ID from what the user pasted: an ID (with or without dashes) as it is, or the 32 hex digits at the end
 * of a link's last path segment (`https://www.notion.so/Title-1a2b…`), or its `p=` query (a page opened as a peek).
 */
export function notionId(value: string): string {
	const text = value.trim();
	if (!/^https?:\/\//i.test(text)) return text;
	try {
		const url = new URL(text);
		const candidates = [url.searchParams.get('p') ?? '', url.pathname.split('/').pop() ?? ''];
		for (const c of candidates) {
			const m = /([0-9a-f]{32})$/i.exec(c.replace(/-/g, ''));
			if (m) return m[1].toLowerCase();
		}
	} catch {
		// Not a URL after all: Notion says what is wrong with it.
	}
	return text;
}

/** Text as rich text items of at most 2,000 characters each (Notion refuses longer ones). */
export function richText(text: string): Json[] {
	const chars = Array.from(text);
	const parts: Json[] = [];
	for (let i = 0; i < chars.length; i += MAX_TEXT)
		parts.push({ type: 'text', text: { content: chars.slice(i, i + MAX_TEXT).join('') } });
	return parts;
}

/** Any rich text item longer than 2,000 characters in JSON the user gave, split into several with its formatting. */
export function splitLongText(value: unknown): unknown {
	if (Array.isArray(value)) {
		return value.flatMap((item) => {
			const rec = item as Json;
			const content = (rec?.text as Json | undefined)?.content;
			if (
				rec?.type === 'text' &&
				typeof content === 'string' &&
				Array.from(content).length > MAX_TEXT
			) {
				return richText(content).map((piece) => ({
					...rec,
					text: { ...(rec.text as Json), content: (piece.text as Json).content },
				}));
			}
			return [splitLongText(item)];
		});
	}
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, splitLongText(v)]));
	}
	return value;
}

const LINE_BLOCKS: Array<[RegExp, string, IDataObject?]> = [
	[/^### (.*)$/, 'heading_3'],
	[/^## (.*)$/, 'heading_2'],
	[/^# (.*)$/, 'heading_1'],
	[/^\[ \] (.*)$/, 'to_do', { checked: false }],
	[/^\[[xX]\] (.*)$/, 'to_do', { checked: true }],
	[/^[-*•] (.*)$/, 'bulleted_list_item'],
	[/^\d+[.)] (.*)$/, 'numbered_list_item'],
	[/^> (.*)$/, 'quote'],
];

/** Simple text as blocks, one per non-empty line (see the Content field's help). */
export function blocksFromText(text: string): Json[] {
	return text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => {
			for (const [pattern, type, extra] of LINE_BLOCKS) {
				const m = pattern.exec(line);
				if (m) return { object: 'block', type, [type]: { rich_text: richText(m[1]), ...extra } };
			}
			return { object: 'block', type: 'paragraph', paragraph: { rich_text: richText(line) } };
		});
}

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

const list = (text: string) =>
	text
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);

/** Properties Notion computes: never set by a request. */
const READ_ONLY = new Set([
	'formula',
	'rollup',
	'created_time',
	'created_by',
	'last_edited_time',
	'last_edited_by',
	'unique_id',
	'button',
	'verification',
]);

/** One property value from text, as the property's type wants it. */
export function propertyValue(
	ctx: HookContext,
	name: string,
	type: string,
	raw: unknown,
): Json | null {
	const text = raw === undefined || raw === null ? '' : String(raw);
	const empty = text.trim() === '';
	switch (type) {
		case 'title':
		case 'rich_text':
			return { [type]: richText(text) };
		case 'number': {
			if (empty) return { number: null };
			const n = Number(text);
			if (!Number.isFinite(n))
				fail(ctx, `The property '${name}' is a number, but '${text}' is not one.`);
			return { number: n };
		}
		case 'checkbox': {
			const v = text.trim().toLowerCase();
			if (!['true', 'false', 'yes', 'no', '1', '0', ''].includes(v))
				fail(ctx, `The property '${name}' is a checkbox: give true or false, not '${text}'.`);
			return { checkbox: ['true', 'yes', '1'].includes(v) };
		}
		case 'select':
		case 'status':
			return { [type]: empty ? null : { name: text.trim() } };
		case 'multi_select':
			return { multi_select: list(text).map((n) => ({ name: n })) };
		case 'date': {
			if (empty) return { date: null };
			const [start, end] = text.split('/').map((s) => s.trim());
			return { date: { start, ...(end ? { end } : {}) } };
		}
		case 'url':
		case 'email':
		case 'phone_number':
			return { [type]: empty ? null : text.trim() };
		case 'people':
			return { people: list(text).map((id) => ({ object: 'user', id })) };
		case 'relation':
			return { relation: list(text).map((id) => ({ id: notionId(id) })) };
		case 'files':
			return {
				files: list(text).map((url) => ({
					name: decodeURIComponent(new URL(url).pathname.split('/').pop() || url).slice(0, 100),
					type: 'external',
					external: { url },
				})),
			};
		default:
			if (READ_ONLY.has(type))
				fail(ctx, `The property '${name}' (${type}) is computed by Notion and cannot be set.`);
			fail(
				ctx,
				`The property '${name}' is of type '${type}', which has no simple form.`,
				"Set it in 'Properties (JSON)' as Notion's JSON for that type.",
			);
	}
}

type Schema = Record<string, { type: string }>;

/** Property values from the simple fields (Title and Properties), typed by the schema, then the JSON ones. */
function typedProperties(ctx: HookContext, schema: Schema | undefined): Json {
	const { title, properties, propertiesJson } = ctx.params;
	const out: Json = {};
	if ((typeof title === 'string' && title !== '') || properties) {
		if (!schema) fail(ctx, 'No property types are known for this parent.');
		if (typeof title === 'string' && title !== '') {
			const titleName = Object.entries(schema).find(([, p]) => p.type === 'title')?.[0] ?? 'title';
			out[titleName] = { title: richText(title) };
		}
		for (const [name, value] of Object.entries((properties as Json | undefined) ?? {})) {
			const prop = schema[name];
			if (!prop)
				fail(
					ctx,
					`There is no property '${name}'.`,
					`The properties are: ${Object.keys(schema).join(', ')} (names are case-sensitive).`,
				);
			const typed = propertyValue(ctx, name, prop.type, value);
			if (typed) out[name] = typed;
		}
	}
	if (propertiesJson !== undefined) {
		if (
			propertiesJson === null ||
			typeof propertiesJson !== 'object' ||
			Array.isArray(propertiesJson)
		)
			fail(ctx, "'Properties (JSON)' must be a JSON object of property values by name.");
		Object.assign(out, splitLongText(propertiesJson));
	}
	return out;
}

/** The blocks of the Content (simple text) and Blocks (JSON) fields. */
function contentBlocks(ctx: HookContext): Json[] {
	const { content, blocksJson } = ctx.params;
	const blocks = typeof content === 'string' ? blocksFromText(content) : [];
	if (blocksJson !== undefined) {
		if (!Array.isArray(blocksJson)) fail(ctx, "'Blocks (JSON)' must be a JSON array of blocks.");
		blocks.push(...(splitLongText(blocksJson) as Json[]));
	}
	return blocks;
}

/** A page's (or block's) values as plain fields. */
export function simplifyProperty(prop: Json | undefined): unknown {
	if (!prop || typeof prop.type !== 'string') return null;
	const type = prop.type;
	const v = prop[type] as unknown;
	const plain = (items: unknown) =>
		Array.isArray(items) ? items.map((t) => (t as Json).plain_text ?? '').join('') : '';
	switch (type) {
		case 'title':
		case 'rich_text':
			return plain(v);
		case 'select':
		case 'status':
			return (v as Json | null)?.name ?? null;
		case 'multi_select':
			return ((v as Json[]) ?? []).map((o) => o.name);
		case 'date': {
			const d = v as Json | null;
			if (!d) return null;
			return d.end ? { start: d.start, end: d.end } : d.start;
		}
		case 'people':
		case 'relation':
			return ((v as Json[]) ?? []).map((o) => o.id);
		case 'files':
			return ((v as Json[]) ?? []).map(
				(f) => (f[f.type as string] as Json | undefined)?.url ?? null,
			);
		case 'created_by':
		case 'last_edited_by':
			return (v as Json | null)?.id ?? null;
		case 'formula':
			return (v as Json | null)?.[(v as Json).type as string] ?? null;
		case 'rollup': {
			const r = v as Json | null;
			if (!r) return null;
			if (r.type === 'array') return ((r.array as Json[]) ?? []).map((p) => simplifyProperty(p));
			return r[r.type as string] ?? null;
		}
		case 'unique_id': {
			const u = v as Json | null;
			return u ? `${u.prefix ? `${u.prefix}-` : ''}${u.number}` : null;
		}
		case 'verification':
			return (v as Json | null)?.state ?? null;
		default:
			return v ?? null;
	}
}

/** Pages flattened ({id, url, <property>: value}); blocks as {id, type, text, …}; anything else as it is. */
export function simplify(value: unknown): unknown {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
	const obj = value as Json;
	if (obj.object === 'page') {
		const out: Json = { id: obj.id, url: obj.url };
		for (const [name, prop] of Object.entries((obj.properties as Json) ?? {})) {
			const key = name in out ? `property_${name}` : name;
			out[key] = simplifyProperty(prop as Json) as IDataObject[string];
		}
		return out;
	}
	if (obj.object === 'block' && typeof obj.type === 'string') {
		const inner = (obj[obj.type] as Json | undefined) ?? {};
		return {
			id: obj.id,
			type: obj.type,
			text: Array.isArray(inner.rich_text)
				? simplifyProperty({ type: 'rich_text', rich_text: inner.rich_text })
				: ((inner.title as string | undefined) ?? null),
			...('checked' in inner ? { checked: inner.checked } : {}),
			has_children: obj.has_children,
			...(Array.isArray(obj.children) ? { children: obj.children.map(simplify) } : {}),
		};
	}
	return value;
}

const out = (ctx: HookContext, results: unknown[]): INodeExecutionData[] =>
	results.map((r) => ({
		json: wrap(ctx.params.simplify === true ? simplify(r) : r),
		pairedItem: { item: ctx.itemIndex },
	}));

/** Params of the page hooks that are not body keys as they are: the hooks build those parts themselves. */
const PAGE_FIELDS = [
	'parentType',
	'parentId',
	'title',
	'properties',
	'propertiesJson',
	'icon',
	'cover',
	'content',
	'blocksJson',
];
/** Params of the query hook that steer it (the simple filter and sort, what the ID names). */
const QUERY_FIELDS = [
	'idType',
	'filterProperty',
	'filterCondition',
	'filterValue',
	'sortProperty',
	'sortDirection',
];

/**
 * The operation's request from its params, with IDs taken out of links; `simplify` and `recursive` (how the
 * answer is shown) and the hook's own fields (`omit`) are not sent.
 */
function baseRequest(ctx: HookContext, omit: string[] = []) {
	const op = ctx.operation;
	const params: IDataObject = {};
	for (const [name, value] of Object.entries(ctx.params)) {
		if (['simplify', 'recursive', ...omit].includes(name)) continue;
		const isId = (op.params ?? []).some((p) => p.name === name && /(Id|_id)$/.test(p.name));
		params[name] = isId && typeof value === 'string' ? notionId(value) : value;
	}
	return toRequest(op, params, ctx.baseUrl);
}

function pagingOf(ctx: HookContext): PaginationSpec | undefined {
	const op = ctx.operation;
	return op.paginate === true ? ctx.spec.pagination : op.paginate || undefined;
}

/** Sends the request; a paged operation reads the pages the user asked for (Return All / Limit). */
async function run(ctx: HookContext, req: EngineRequest): Promise<unknown[]> {
	const paging = pagingOf(ctx);
	if (paging) {
		const returnAll = ctx.fn.getNodeParameter('returnAll', ctx.itemIndex, false) as boolean;
		const limit = returnAll ? 0 : (ctx.fn.getNodeParameter('limit', ctx.itemIndex, 50) as number);
		return (await paginate(paging, req, ctx.request, { returnAll, limit })).items;
	}
	const res = await ctx.request(req);
	return [res.body ?? { deleted: true }];
}

const bodyOf = (req: EngineRequest): Json => {
	req.body ??= {};
	return req.body as Json;
};

/** The generic operation, with Notion's shapes: IDs from links, rich text from text, search and comment bodies. */
async function notionRequest(ctx: HookContext): Promise<INodeExecutionData[]> {
	const req = baseRequest(ctx, ['commentOn', 'targetId']);
	const body = req.body as Json | undefined;
	const path = ctx.operation.path;
	if (body) {
		for (const key of ['title', 'description', 'rich_text'])
			if (typeof body[key] === 'string') body[key] = richText(body[key]);
		if (path === '/v1/databases')
			body.parent = { type: 'page_id', page_id: notionId(String(ctx.params.parentPageId)) };
		if (path === '/v1/search') {
			if (body.filter) (body.filter as Json).property = 'object';
			if (body.sort) (body.sort as Json).timestamp = 'last_edited_time';
		}
		if (path === '/v1/comments') {
			const id = notionId(String(ctx.params.targetId));
			if (ctx.params.commentOn === 'discussion') body.discussion_id = id;
			else body.parent = { page_id: id };
		}
	}
	return out(ctx, await run(ctx, req));
}

async function getJson(ctx: HookContext, path: string, id: string): Promise<Json> {
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path,
		pathParams: { id },
		responseFormat: 'json',
	});
	return (res.body ?? {}) as Json;
}

/** The data source of a database (since 2025-09-03 queries and page parents name data sources). */
async function dataSourceOf(ctx: HookContext, databaseId: string): Promise<string> {
	const db = await getJson(ctx, '/v1/databases/{id}', databaseId);
	const sources = (db.data_sources as Json[] | undefined) ?? [];
	if (sources.length === 1) return String(sources[0].id);
	if (sources.length === 0)
		fail(ctx, `The database ${databaseId} has no data source that is shared with the integration.`);
	fail(
		ctx,
		`The database ${databaseId} has ${sources.length} data sources: say which one.`,
		`Choose 'Data Source' and one of these IDs: ${sources.map((s) => `${String(s.name)} (${String(s.id)})`).join(', ')}.`,
	);
}

async function schemaOf(ctx: HookContext, dataSourceId: string): Promise<Schema> {
	return ((await getJson(ctx, '/v1/data_sources/{id}', dataSourceId)).properties ?? {}) as Schema;
}

const wantsSchema = (ctx: HookContext) =>
	(typeof ctx.params.title === 'string' && ctx.params.title !== '') ||
	ctx.params.properties !== undefined;

/** Icon and cover from their simple fields. */
function looks(ctx: HookContext, body: Json): void {
	if (typeof ctx.params.icon === 'string') body.icon = { type: 'emoji', emoji: ctx.params.icon };
	if (typeof ctx.params.cover === 'string')
		body.cover = { type: 'external', external: { url: ctx.params.cover } };
}

/** Appends blocks 100 per request, each batch after the previous one when a position was given. */
async function appendAll(
	ctx: HookContext,
	blockId: string,
	blocks: Json[],
	after?: string,
): Promise<unknown[]> {
	const results: unknown[] = [];
	let position = after;
	for (const batch of chunks(blocks, MAX_BLOCKS)) {
		const res = await ctx.request({
			method: 'PATCH',
			baseUrl: ctx.baseUrl,
			path: '/v1/blocks/{block_id}/children',
			pathParams: { block_id: blockId },
			body: { children: batch, ...(position ? { after: position } : {}) },
			bodyEncoding: 'json',
			responseFormat: 'json',
		});
		const added = ((res.body as Json | undefined)?.results as Json[] | undefined) ?? [];
		results.push(...added);
		if (position && added.length > 0) position = String(added[added.length - 1].id);
	}
	return results;
}

async function createPage(ctx: HookContext): Promise<INodeExecutionData[]> {
	const parentId = notionId(String(ctx.params.parentId));
	const req = baseRequest(ctx, PAGE_FIELDS);
	const body = bodyOf(req);
	let schema: Schema | undefined;
	if (ctx.params.parentType === 'page') {
		body.parent = { type: 'page_id', page_id: parentId };
		schema = { title: { type: 'title' } };
	} else {
		const dataSourceId =
			ctx.params.parentType === 'database' ? await dataSourceOf(ctx, parentId) : parentId;
		body.parent = { type: 'data_source_id', data_source_id: dataSourceId };
		if (wantsSchema(ctx)) schema = await schemaOf(ctx, dataSourceId);
	}
	body.properties = typedProperties(ctx, schema);
	looks(ctx, body);
	const blocks = contentBlocks(ctx);
	if (blocks.length > 0) body.children = blocks.slice(0, MAX_BLOCKS);
	const page = (await ctx.request(req)).body as Json;
	// Notion takes 100 children with the page; the rest follow in append requests.
	if (blocks.length > MAX_BLOCKS) await appendAll(ctx, String(page.id), blocks.slice(MAX_BLOCKS));
	return out(ctx, [page]);
}

async function updatePage(ctx: HookContext): Promise<INodeExecutionData[]> {
	const req = baseRequest(ctx, PAGE_FIELDS);
	const body = bodyOf(req);
	let schema: Schema | undefined;
	// The page's own properties say their types.
	if (wantsSchema(ctx))
		schema = (await getJson(ctx, '/v1/pages/{id}', String(req.pathParams!.page_id)))
			.properties as Schema;
	const properties = typedProperties(ctx, schema);
	if (Object.keys(properties).length > 0) body.properties = properties;
	looks(ctx, body);
	if (Object.keys(body).length === 0)
		fail(ctx, 'Nothing to update.', 'Set a title, a property, an icon or a cover.');
	return out(ctx, [(await ctx.request(req)).body]);
}

/** The simple filter's value as the property's type wants it. */
function filterValue(type: string, condition: string, text: string): unknown {
	if (condition === 'is_empty' || condition === 'is_not_empty') return true;
	if (type === 'number') return Number(text);
	if (type === 'checkbox') return ['true', 'yes', '1'].includes(text.trim().toLowerCase());
	return text;
}

async function queryDatabase(ctx: HookContext): Promise<INodeExecutionData[]> {
	const given = notionId(String(ctx.params.data_source_id));
	const dataSourceId = ctx.params.idType === 'database' ? await dataSourceOf(ctx, given) : given;
	const req = baseRequest(ctx, QUERY_FIELDS);
	req.pathParams = { data_source_id: dataSourceId };
	const body = bodyOf(req);
	const { filterProperty, filterCondition, sortProperty, sortDirection } = ctx.params;
	if (body.filter !== undefined && Object.keys(body.filter as Json).length === 0)
		delete body.filter;
	if (Array.isArray(body.sorts) && body.sorts.length === 0) delete body.sorts;
	if (typeof filterProperty === 'string' && filterProperty !== '') {
		const schema = await schemaOf(ctx, dataSourceId);
		const prop = schema[filterProperty];
		if (!prop)
			fail(
				ctx,
				`There is no property '${filterProperty}' to filter by.`,
				`The properties are: ${Object.keys(schema).join(', ')} (names are case-sensitive).`,
			);
		const condition = String(filterCondition ?? 'equals');
		const simple = {
			property: filterProperty,
			[prop.type]: {
				[condition]: filterValue(prop.type, condition, String(ctx.params.filterValue ?? '')),
			},
		};
		body.filter = body.filter ? { and: [body.filter, simple] } : simple;
	}
	if (typeof sortProperty === 'string' && sortProperty !== '') {
		const direction = sortDirection ?? 'ascending';
		const sort = ['created_time', 'last_edited_time'].includes(sortProperty)
			? { timestamp: sortProperty, direction }
			: { property: sortProperty, direction };
		body.sorts = [...((body.sorts as Json[] | undefined) ?? []), sort];
	}
	return out(ctx, await run(ctx, req));
}

async function appendBlocks(ctx: HookContext): Promise<INodeExecutionData[]> {
	const blockId = notionId(String(ctx.params.block_id));
	const blocks = contentBlocks(ctx);
	if (blocks.length === 0) fail(ctx, 'There is nothing to append.', 'Write some Content.');
	const after = typeof ctx.params.after === 'string' ? notionId(ctx.params.after) : undefined;
	return out(ctx, await appendAll(ctx, blockId, blocks, after));
}

/** Children of blocks that have some, read whole, nested under `children` (sub-pages and databases are not opened). */
async function withChildren(ctx: HookContext, blocks: Json[], depth: number): Promise<void> {
	if (depth >= MAX_DEPTH) return;
	for (const block of blocks) {
		if (!block.has_children || ['child_page', 'child_database'].includes(String(block.type)))
			continue;
		const req: EngineRequest = {
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: '/v1/blocks/{block_id}/children',
			pathParams: { block_id: String(block.id) },
			qs: {},
			responseFormat: 'json',
		};
		const children = (
			await paginate(pagingOf(ctx)!, req, ctx.request, { returnAll: true, limit: 0 })
		).items as Json[];
		await withChildren(ctx, children, depth + 1);
		block.children = children;
	}
}

async function listChildren(ctx: HookContext): Promise<INodeExecutionData[]> {
	const blocks = (await run(ctx, baseRequest(ctx))) as Json[];
	if (ctx.params.recursive === true) await withChildren(ctx, blocks, 1);
	return out(ctx, blocks);
}

/** Notion's single-part upload limit (larger files need its multi-part upload, not built). */
export const MAX_SINGLE_PART = 20 * 1024 * 1024;

/** The block type a file is shown as, by its media type. */
export function fileBlockType(mimeType: string | undefined): string {
	const type = (mimeType ?? '').toLowerCase();
	if (type.startsWith('image/')) return 'image';
	if (type.startsWith('video/')) return 'video';
	if (type.startsWith('audio/')) return 'audio';
	if (type === 'application/pdf') return 'pdf';
	return 'file';
}

/**
 * Block → Upload File: create a file upload (`POST /v1/file_uploads`), send the bytes to it as multipart
 * (`POST /v1/file_uploads/{id}/send`, Notion's API with the same token), then append a block showing it.
 */
async function uploadFile(ctx: HookContext): Promise<INodeExecutionData[]> {
	const blockId = notionId(String(ctx.params.block_id));
	const property = String(ctx.params.binaryPropertyName ?? 'data');
	const meta = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	const data = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
	if (data.length > MAX_SINGLE_PART)
		fail(
			ctx,
			`The file is ${Math.ceil(data.length / 1024 / 1024)} MB; a single upload takes at most 20 MB.`,
			"Nothing was sent. Notion's multi-part upload for larger files is not built; use Custom Request (POST /v1/file_uploads with mode multi_part).",
		);
	const filename =
		(typeof ctx.params.filename === 'string' && ctx.params.filename) || meta.fileName || 'file';
	const contentType = meta.mimeType || 'application/octet-stream';
	const created = (
		await ctx.request({
			method: 'POST',
			baseUrl: ctx.baseUrl,
			path: '/v1/file_uploads',
			body: { filename, content_type: contentType },
			bodyEncoding: 'json',
		})
	).body as Json;
	const uploadId = String(created.id);
	await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/v1/file_uploads/{file_upload_id}/send',
		pathParams: { file_upload_id: uploadId },
		body: { file: { data, fileName: filename, mimeType: contentType } } as never,
		bodyEncoding: 'multipart',
		// The same bytes to the same pending upload: Notion keeps one copy.
		idempotent: true,
	});
	const type = fileBlockType(contentType);
	const caption = typeof ctx.params.caption === 'string' ? richText(ctx.params.caption) : [];
	const blocks = [
		{
			object: 'block',
			type,
			[type]: {
				type: 'file_upload',
				file_upload: { id: uploadId },
				...(caption.length ? { caption } : {}),
			},
		},
	];
	const after = typeof ctx.params.after === 'string' ? notionId(ctx.params.after) : undefined;
	return out(ctx, await appendAll(ctx, blockId, blocks, after));
}

/**
 * Block → Download File: the block (`GET /v1/blocks/{id}`), then its file's bytes from the URL Notion gives (a
 * signed link to Notion's storage, valid about an hour, or an external file's URL): another origin, so without the
 * Notion token, the signed link kept out of errors and logs.
 */
async function downloadFile(ctx: HookContext): Promise<INodeExecutionData[]> {
	const blockId = notionId(String(ctx.params.block_id));
	const block = await getJson(ctx, '/v1/blocks/{id}', blockId);
	const inner = block[String(block.type)] as Json | undefined;
	const hosted = inner?.[String(inner?.type)] as Json | undefined;
	const link = hosted?.url;
	if (typeof link !== 'string' || !/^https:\/\//i.test(link))
		fail(
			ctx,
			`The block ${blockId} (${String(block.type)}) holds no file to download.`,
			'Give the ID of a file, image, video, audio or PDF block (Block → Get Children lists them).',
		);
	const url = new URL(link);
	const res = await fetchSignedLink(
		{ engine: ctx.engine, fn: ctx.fn, itemIndex: ctx.itemIndex, service: identityOf(ctx.spec) },
		link,
	);
	const name =
		(typeof inner?.name === 'string' && inner.name) ||
		decodeURIComponent(url.pathname.split('/').pop() || 'file');
	const mime = String(res.headers['content-type'] ?? '').split(';')[0] || undefined;
	const property = String(ctx.params.binaryPropertyName ?? 'data');
	const binary = await ctx.fn.helpers.prepareBinaryData(res.body as Buffer, name, mime);
	return [
		{
			json: wrap(ctx.params.simplify === true ? simplify(block) : block),
			binary: { [property]: binary },
			pairedItem: { item: ctx.itemIndex },
		},
	];
}

export const notionHooks = {
	notionRequest,
	createPage,
	updatePage,
	queryDatabase,
	appendBlocks,
	listChildren,
	uploadFile,
	downloadFile,
};
