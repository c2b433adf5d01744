/**
 * Word documents on OneDrive or a SharePoint drive through Microsoft Graph v1.0 as data: upload and download a
 * `.docx` (binary), convert to PDF (`GET …/content?format=pdf`: Graph's 302 to a pre-authenticated URL, followed
 * without the token), and create a document from a template by replacing `{{placeholders}}` (download, fill in
 * word/document.xml and the headers and footers, upload). Graph has no API for a document's content (no
 * paragraphs, no styles): what it offers for Word is the file, and these operations are built on it. On the one
 * Microsoft 365 connection; the routes are OneDrive's drive-item routes (test/conformance/microsoft-graph-sdk.test.ts).
 */
import { bodyParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import { GRAPH_DOCS, MICROSOFT_SPEC_BASE, graphRateLimit, forDrive } from '../Microsoft/microsoft';
import { conflict, parentId } from '../OneDrive/OneDrive.service';
import { wordHooks } from './Word.hooks';

const FILES = ['Files.ReadWrite'];
const UPLOAD_PATH = '/users/{user}/drive/items/{parentId}:/{fileName}:/content';

const documentId: ParamSpec = {
	displayName: 'Document ID',
	name: 'itemId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: 'The drive item ID of the document (OneDrive → Get by Path or Search gives it)',
};
const fileName: ParamSpec = {
	displayName: 'File Name',
	name: 'fileName',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Contract Contoso.docx',
	description: 'The name of the new document in the folder (no slashes)',
	validate: { pattern: '^[^/\\\\]+$', patternHint: 'A file name only, e.g. Contract.docx.' },
};
const conflictBehavior = conflict('query', 'rename');

const documentOps: OperationSpec[] = (
	[
		{
			id: 'upload',
			name: 'Upload',
			action: 'Upload a document',
			description:
				'Upload a .docx from binary data into a folder: one request up to 4 MB, else an upload session',
			method: 'PUT',
			path: UPLOAD_PATH,
			hook: 'upload',
			scopes: FILES,
			docsUrl: `${GRAPH_DOCS}/driveitem-put-content`,
			params: [
				parentId,
				fileName,
				bodyParam('binaryPropertyName', 'Input Binary Field', 'string', {
					default: 'data',
					required: true,
					description: 'The binary property of the item that holds the .docx',
				}),
				conflictBehavior,
			],
		},
		{
			id: 'download',
			name: 'Download',
			action: 'Download a document',
			description: 'The .docx as binary data in "data"',
			method: 'GET',
			path: '/users/{user}/drive/items/{itemId}/content',
			hook: 'download',
			scopes: FILES,
			docsUrl: `${GRAPH_DOCS}/driveitem-get-content`,
			params: [documentId],
		},
		{
			id: 'convertToPdf',
			name: 'Convert to PDF',
			action: 'Convert a document to PDF',
			description: 'The document converted by Microsoft 365, as a PDF in "data" (format=pdf)',
			method: 'GET',
			path: '/users/{user}/drive/items/{itemId}/content',
			query: { format: 'pdf' },
			hook: 'download',
			scopes: FILES,
			docsUrl: `${GRAPH_DOCS}/driveitem-get-content-format`,
			params: [documentId],
		},
		{
			id: 'createFromTemplate',
			name: 'Create From Template',
			action: 'Create a document from a template',
			description:
				'Copy a .docx template with its {{placeholders}} replaced by your values into a folder',
			method: 'PUT',
			path: UPLOAD_PATH,
			hook: 'fromTemplate',
			scopes: FILES,
			docsUrl: `${GRAPH_DOCS}/driveitem-put-content`,
			params: [
				bodyParam('templateId', 'Template ID', 'string', {
					default: '',
					required: true,
					description:
						'The drive item ID of the .docx template; write placeholders in it as {{name}}',
				}),
				parentId,
				fileName,
				bodyParam('placeholders', 'Placeholders', 'keyValue', {
					required: true,
					description:
						'The values: each key is a placeholder name without braces (customer for {{customer}})',
				}),
				conflictBehavior,
			],
		},
	] as OperationSpec[]
).map(forDrive);

export const wordSpec: ServiceSpec = {
	id: 'word',
	displayName: 'Word',
	description:
		'Upload, download and convert Word documents on OneDrive or SharePoint, and fill .docx templates, through Microsoft Graph',
	docsUrl: 'https://learn.microsoft.com/graph/api/resources/driveitem',
	...MICROSOFT_SPEC_BASE,
	rateLimit: graphRateLimit({ requests: 2_000, windowMs: 1_000 }),
	resources: [{ id: 'document', name: 'Document', operations: documentOps }],
};

export const wordDefinition: ServiceDefinition = { spec: wordSpec, hooks: wordHooks };
