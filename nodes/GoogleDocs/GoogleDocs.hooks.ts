/**
 * What Google Docs' data cannot say: a document created and then moved into a Drive folder (the Drive API: its
 * parents read, then replaced), a document's plain text extracted from its structure, an insertion placed at
 * the end of the body unless an index is given (Google takes either `location` or `endOfSegmentLocation`), an
 * image's size in points, and the number of replaced occurrences (Google leaves out a zero).
 */
import type { IDataObject } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import type { HookContext } from '../../lib/spec/types';
import { GOOGLE_SCOPES } from '../Google/Google.oauth';

/** The Drive API's host: a document is a Drive file, moved between folders there. */
const DRIVE = 'https://www.googleapis.com';

type Json = IDataObject | undefined;
const objects = (v: unknown): IDataObject[] =>
	Array.isArray(v) ? v.filter((x): x is IDataObject => !!x && typeof x === 'object') : [];

/** A paragraph's text: its text runs, plus the visible names of people and titles of rich links. */
function paragraphText(paragraph: IDataObject): string {
	return objects(paragraph.elements)
		.map((e) => {
			const run = e.textRun as Json;
			if (run) return String(run.content ?? '');
			const person = (e.person as Json)?.personProperties as Json;
			if (person) return String(person.name ?? person.email ?? '');
			const link = (e.richLink as Json)?.richLinkProperties as Json;
			return link ? String(link.title ?? link.uri ?? '') : '';
		})
		.join('');
}

/**
 * The plain text of a list of structural elements (a body, a table cell): paragraphs as Google stores them
 * (each ends with "\n"), a table as one line per row with its cells' text joined by tabs, a table of contents
 * by its own paragraphs; section breaks add nothing.
 */
export function textOf(content: unknown): string {
	let out = '';
	for (const el of objects(content)) {
		if (el.paragraph) out += paragraphText(el.paragraph as IDataObject);
		else if (el.table)
			for (const row of objects((el.table as IDataObject).tableRows))
				out += `${objects(row.tableCells)
					.map((cell) => textOf(cell.content).replace(/\n$/, ''))
					.join('\t')}\n`;
		else if (el.tableOfContents) out += textOf((el.tableOfContents as IDataObject).content);
	}
	return out;
}

/** The text of every tab and child tab in order (a document read with Include Tabs Content). */
function tabsText(tabs: unknown): string {
	return objects(tabs)
		.map((tab) => {
			const body = ((tab.documentTab as Json)?.body as Json)?.content;
			return textOf(body) + tabsText(tab.childTabs);
		})
		.join('');
}

/** Document → Get: the document and its plain text (`text`). */
async function getDocument(ctx: HookContext): Promise<IDataObject> {
	const req = toRequest(ctx.operation, ctx.params, ctx.baseUrl);
	const doc = (await ctx.request({ ...req, scopes: ctx.operation.scopes })).body as IDataObject;
	const text = doc.tabs ? tabsText(doc.tabs) : textOf((doc.body as Json)?.content);
	return { ...doc, text };
}

/** Document → Create: the document, then (with a Folder ID) moved there through Drive (`drive.file`). */
async function createDocument(ctx: HookContext): Promise<IDataObject> {
	const { folderId, ...params } = ctx.params;
	const req = toRequest(ctx.operation, params, ctx.baseUrl);
	const doc = (await ctx.request({ ...req, scopes: ctx.operation.scopes })).body as IDataObject;
	if (folderId === undefined || folderId === '') return doc;
	const file = {
		baseUrl: DRIVE,
		path: '/drive/v3/files/{fileId}',
		pathParams: { fileId: String(doc.documentId) },
		scopes: [GOOGLE_SCOPES.driveFile],
	};
	// A new document has one parent (My Drive's root); Drive refuses a second, so it is replaced.
	const current = await ctx.request({
		...file,
		method: 'GET',
		qs: { fields: 'parents', supportsAllDrives: true },
		limit: { tier: 'read' },
	});
	const parents = objects([current.body])[0]?.parents;
	const moved = await ctx.request({
		...file,
		method: 'PATCH',
		qs: {
			addParents: String(folderId),
			...(Array.isArray(parents) && parents.length
				? { removeParents: parents.map(String).join(',') }
				: {}),
			supportsAllDrives: true,
			fields: 'id,parents',
		},
		body: {},
		bodyEncoding: 'json',
		idempotent: true,
		limit: { tier: 'write' },
	});
	return { ...doc, parents: (moved.body as IDataObject).parents };
}

/** The request kinds that take either a `location` or an `endOfSegmentLocation`. */
const PLACED = ['insertText', 'insertTable', 'insertInlineImage'];

/**
 * Insert Table, Insert Image and Replace Text: the batchUpdate as the fields say, with an insertion without an
 * index placed at the end of the body, an image's width and height as `objectSize` in points, and Replace
 * Text's count as `occurrencesChanged` (0 when Google leaves it out).
 */
async function updateDocument(ctx: HookContext): Promise<IDataObject> {
	const { width, height, ...params } = ctx.params;
	const req = toRequest(ctx.operation, params, ctx.baseUrl);
	const body = req.body as IDataObject;
	for (const request of objects(body.requests))
		for (const kind of PLACED) {
			const change = request[kind] as Json;
			if (change && !change.location) change.endOfSegmentLocation = {};
			if (change && kind === 'insertInlineImage' && (width || height))
				change.objectSize = {
					...(width ? { width: { magnitude: width, unit: 'PT' } } : {}),
					...(height ? { height: { magnitude: height, unit: 'PT' } } : {}),
				};
		}
	const answer = (await ctx.request({ ...req, scopes: ctx.operation.scopes })).body as IDataObject;
	if (ctx.operation.id !== 'replaceText') return answer;
	const reply = objects(answer.replies)[0]?.replaceAllText as Json;
	return { ...answer, occurrencesChanged: Number(reply?.occurrencesChanged ?? 0) };
}

export const googleDocsHooks = { getDocument, createDocument, updateDocument };
