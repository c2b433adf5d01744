/**
 * Google Docs API v1 as data: documents created (optionally moved into a Drive folder), read (with their plain
 * text extracted from the body's paragraphs and tables) and changed through `documents.batchUpdate`: append
 * text at the end of the body, insert text at an index, replace all occurrences of a text, insert a table or an
 * image by URL, delete a range, or any list of raw requests. Every change is one batchUpdate per item carrying
 * that item's list of requests (Google applies them atomically, in order), with an optional
 * `writeControl.requiredRevisionId`. Indexes count UTF-16 code units; the body starts at index 1.
 * Methods, paths, query keys and body fields are checked against @googleapis/docs
 * (test/conformance/google-docs-sdk.test.ts).
 * Facts: https://developers.google.com/workspace/docs/api/reference/rest; limits:
 * https://developers.google.com/workspace/docs/api/limits.
 */
import { bodyParam, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import { GOOGLE_SCOPES } from '../Google/Google.oauth';
import { GOOGLE_THROTTLED, googleConnection } from '../Google/google';
import { googleDocsHooks } from './GoogleDocs.hooks';

const REF = 'https://developers.google.com/workspace/docs/api/reference/rest/v1';
const SCOPES = [GOOGLE_SCOPES.docs];
const READ = { tier: 'read' };
const WRITE = { tier: 'write' };
const BATCH_UPDATE = '/v1/documents/{documentId}:batchUpdate';

const documentId: ParamSpec = {
	displayName: 'Document ID',
	name: 'documentId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: '195j9eDD3ccgjQRttHhJPymLJUCOUjs-jmwTrekvdjFE',
	description:
		"The ID in the document's URL: docs.google.com/document/d/&lt;ID&gt;/edit (documentId)",
};
const requiredRevisionId = bodyParam(
	'writeControl.requiredRevisionId',
	'Required Revision ID',
	'string',
	{
		name: 'requiredRevisionId',
		default: '',
		description:
			'Apply the changes only if the document is still at this revision (a revisionId from Get or a previous change); otherwise Google refuses with 400 and nothing changes (writeControl.requiredRevisionId)',
	},
);
const segmentId = (path: string): ParamSpec =>
	bodyParam(path, 'Segment ID', 'string', {
		name: 'segmentId',
		default: '',
		description:
			'A header, footer or footnote ID (from Get: headers, footers, footnotes) instead of the body (segmentId)',
	});
const index = (path: string, required: boolean, description: string): ParamSpec =>
	bodyParam(path, 'Index', 'number', {
		name: 'index',
		default: 1,
		required,
		description: `${description}; indexes count UTF-16 code units from the start of the segment; the body's first index is 1 (location.index)`,
		validate: { min: 1 },
	});

/** A required whole number of a request: table rows and columns, a range's indexes. */
const wholeNumber = (
	path: string,
	displayName: string,
	fallback: number,
	description: string,
): ParamSpec =>
	bodyParam(path, displayName, 'number', {
		name: path.split('.').pop(),
		default: fallback,
		required: true,
		description,
		validate: { min: path.endsWith('endIndex') ? 2 : 1 },
	});
const text = (path: string, description: string): ParamSpec =>
	bodyParam(path, 'Text', 'string', { name: 'text', default: '', required: true, description });
/** An image's side in points, sent by the hook as `objectSize.<side>` `{magnitude, unit: PT}`. */
const side = (name: 'width' | 'height', description: string): ParamSpec => ({
	displayName: `${name[0].toUpperCase()}${name.slice(1)} (Points)`,
	name,
	in: 'body',
	type: 'number',
	default: 0,
	description,
	validate: { min: 1 },
});

/** A change through documents.batchUpdate: one request per item, carrying `fixedBody`'s list plus the fields. */
function update(
	op: Omit<OperationSpec, 'method' | 'path' | 'body' | 'scopes' | 'rateLimit' | 'params'> & {
		params: ParamSpec[];
	},
): OperationSpec {
	return {
		...op,
		method: 'POST',
		path: BATCH_UPDATE,
		body: 'json',
		scopes: SCOPES,
		rateLimit: WRITE,
		params: [documentId, ...op.params, requiredRevisionId],
	};
}

const documentOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a document',
		description:
			'Create an empty document with a title, in My Drive or (through the Drive API) in a folder',
		method: 'POST',
		path: '/v1/documents',
		body: 'json',
		hook: 'createDocument',
		scopes: SCOPES,
		rateLimit: WRITE,
		docsUrl: `${REF}/documents/create`,
		params: [
			bodyParam('title', 'Title', 'string', {
				default: '',
				required: true,
				description: "The document's title (title)",
			}),
			{
				displayName: 'Folder ID',
				name: 'folderId',
				in: 'body',
				type: 'string',
				default: '',
				placeholder: '1Rk2vXbN7aD4qW',
				description:
					'A Drive folder to move the new document into (Drive files.update addParents); needs the Drive product on the connection (drive.file reaches folders this connection created or opened)',
			},
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a document',
		description:
			"The document's JSON (body, styles, lists, revision ID) and its plain text in the field text",
		method: 'GET',
		path: '/v1/documents/{documentId}',
		hook: 'getDocument',
		scopes: SCOPES,
		rateLimit: READ,
		docsUrl: `${REF}/documents/get`,
		params: [
			documentId,
			queryParam('suggestionsViewMode', 'Suggestions View Mode', 'options', {
				default: 'DEFAULT_FOR_CURRENT_ACCESS',
				options: [
					{
						name: 'Default for Current Access',
						value: 'DEFAULT_FOR_CURRENT_ACCESS',
						description: 'Inline suggestions for editors, the accepted text for viewers',
					},
					{
						name: 'Suggestions Inline',
						value: 'SUGGESTIONS_INLINE',
						description: 'Suggested insertions and deletions shown in the text',
					},
					{
						name: 'Preview Suggestions Accepted',
						value: 'PREVIEW_SUGGESTIONS_ACCEPTED',
						description: 'As if every suggestion were accepted',
					},
					{
						name: 'Preview Without Suggestions',
						value: 'PREVIEW_WITHOUT_SUGGESTIONS',
						description: 'As if every suggestion were rejected',
					},
				],
				description:
					'How suggested changes appear in the answer and the text (suggestionsViewMode)',
			}),
			queryParam('includeTabsContent', 'Include Tabs Content', 'boolean', {
				default: false,
				description:
					"Whether the answer holds every tab's content in tabs (the text then joins all tabs) instead of the first tab's in body (includeTabsContent)",
			}),
		],
	},
	update({
		id: 'appendText',
		name: 'Append Text',
		action: 'Append text to a document',
		description: 'Insert text at the end of the body (or of a header, footer or footnote)',
		fixedBody: { requests: [{ insertText: { endOfSegmentLocation: {} } }] },
		docsUrl: `${REF}/documents/request#InsertTextRequest`,
		params: [
			text(
				'requests.0.insertText.text',
				'The text to add; a newline ("\\n") starts a new paragraph (text)',
			),
			segmentId('requests.0.insertText.endOfSegmentLocation.segmentId'),
		],
	}),
	update({
		id: 'insertText',
		name: 'Insert Text',
		action: 'Insert text at an index',
		description: 'Insert text at an index inside an existing paragraph',
		docsUrl: `${REF}/documents/request#InsertTextRequest`,
		params: [
			text(
				'requests.0.insertText.text',
				'The text to insert; a newline ("\\n") starts a new paragraph (text)',
			),
			index('requests.0.insertText.location.index', true, 'Where the text goes'),
			segmentId('requests.0.insertText.location.segmentId'),
		],
	}),
	update({
		id: 'replaceText',
		name: 'Replace Text',
		action: 'Replace text in a document',
		description:
			'Replace every occurrence of a text; the answer says how many were replaced (occurrencesChanged)',
		hook: 'updateDocument',
		fixedBody: { requests: [{ replaceAllText: { containsText: {} } }] },
		docsUrl: `${REF}/documents/request#ReplaceAllTextRequest`,
		params: [
			bodyParam('requests.0.replaceAllText.containsText.text', 'Find Text', 'string', {
				name: 'findText',
				default: '',
				required: true,
				placeholder: '{{customer_name}}',
				description: 'The text to find, every occurrence (containsText.text)',
			}),
			bodyParam('requests.0.replaceAllText.replaceText', 'Replace With', 'string', {
				name: 'replaceText',
				default: '',
				required: true,
				description:
					'The text that replaces each occurrence (replaceText); to remove a text, send replaceAllText with an empty replaceText through Batch Update',
			}),
			bodyParam('requests.0.replaceAllText.containsText.matchCase', 'Match Case', 'boolean', {
				name: 'matchCase',
				default: false,
				description: 'Whether "Total" and "total" are different (containsText.matchCase)',
			}),
		],
	}),
	update({
		id: 'insertTable',
		name: 'Insert Table',
		action: 'Insert a table in a document',
		description:
			'Insert an empty table of rows × columns at the end of the body, or at an index (a newline goes before it)',
		hook: 'updateDocument',
		fixedBody: { requests: [{ insertTable: {} }] },
		docsUrl: `${REF}/documents/request#InsertTableRequest`,
		params: [
			wholeNumber('requests.0.insertTable.rows', 'Rows', 2, 'Number of rows (rows)'),
			wholeNumber('requests.0.insertTable.columns', 'Columns', 2, 'Number of columns (columns)'),
			index(
				'requests.0.insertTable.location.index',
				false,
				'Where the table goes; empty: at the end of the body (endOfSegmentLocation)',
			),
		],
	}),
	update({
		id: 'insertImage',
		name: 'Insert Image',
		action: 'Insert an image by URL',
		description:
			'Insert an image that Google fetches from a public URL (PNG, JPEG or GIF, under 50 MB and 25 megapixels) at the end of the body or at an index',
		hook: 'updateDocument',
		fixedBody: { requests: [{ insertInlineImage: {} }] },
		docsUrl: `${REF}/documents/request#InsertInlineImageRequest`,
		params: [
			bodyParam('requests.0.insertInlineImage.uri', 'Image URL', 'string', {
				name: 'uri',
				default: '',
				required: true,
				placeholder: 'https://www.example.com/logo.png',
				description:
					'A public https URL of the image, at most 2 kB long; Google fetches it once and stores a copy (uri)',
			}),
			index(
				'requests.0.insertInlineImage.location.index',
				false,
				'Where the image goes; empty: at the end of the body (endOfSegmentLocation)',
			),
			side(
				'width',
				'The width in points (objectSize.width, unit PT); with only one of width and height the image keeps its aspect ratio',
			),
			side('height', 'The height in points (objectSize.height, unit PT)'),
		],
	}),
	update({
		id: 'deleteRange',
		name: 'Delete Range',
		action: 'Delete a range of content',
		description:
			'Delete the content between two indexes (a range across paragraph ends merges them)',
		fixedBody: { requests: [{ deleteContentRange: { range: {} } }] },
		docsUrl: `${REF}/documents/request#DeleteContentRangeRequest`,
		params: [
			wholeNumber(
				'requests.0.deleteContentRange.range.startIndex',
				'Start Index',
				1,
				'The first index deleted, UTF-16 code units from the start (range.startIndex)',
			),
			wholeNumber(
				'requests.0.deleteContentRange.range.endIndex',
				'End Index',
				2,
				'The index after the last one deleted (range.endIndex, exclusive)',
			),
			segmentId('requests.0.deleteContentRange.range.segmentId'),
		],
	}),
	update({
		id: 'batchUpdate',
		name: 'Batch Update',
		action: 'Apply a list of changes to a document',
		description:
			'Send your own list of Docs requests (insertText, updateTextStyle, createParagraphBullets, …), applied atomically in order',
		docsUrl: `${REF}/documents/batchUpdate`,
		params: [
			bodyParam('requests', 'Requests (JSON)', 'json', {
				default:
					'[{"insertText": {"endOfSegmentLocation": {}, "text": "Hello\\n"}}, {"updateTextStyle": {"range": {"startIndex": 1, "endIndex": 6}, "textStyle": {"bold": true}, "fields": "bold"}}]',
				required: true,
				description:
					'A JSON list of Docs API Request objects, each with one kind of change (requests); see the Request reference',
			}),
		],
	}),
];

export const googleDocsSpec: ServiceSpec = {
	id: 'googleDocs',
	displayName: 'Google Docs',
	description:
		'Create, read and change Google Docs: text, tables, images and raw batchUpdate requests',
	docsUrl: 'https://developers.google.com/workspace/docs/api/reference/rest',
	baseUrl: 'https://docs.googleapis.com',
	...googleConnection(SCOPES),
	// https://developers.google.com/workspace/docs/api/limits: per user per project 300 read and 60 write
	// requests per minute (per project 3,000 and 600, shared by every connection of the Cloud project).
	rateLimit: {
		requests: 300,
		windowMs: 60_000,
		maxConcurrency: 5,
		headers: [],
		throttled: GOOGLE_THROTTLED,
		tiers: {
			read: { requests: 300, windowMs: 60_000 },
			write: { requests: 60, windowMs: 60_000 },
		},
	},
	resources: [{ id: 'document', name: 'Document', operations: documentOps }],
};

export const googleDocsDefinition: ServiceDefinition = {
	spec: googleDocsSpec,
	hooks: googleDocsHooks,
};
