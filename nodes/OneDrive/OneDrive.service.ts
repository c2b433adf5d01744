/**
 * OneDrive through Microsoft Graph v1.0 as data: list a folder's children, get an item by ID or by path
 * (`root:/path:`, each segment percent-encoded), search, upload (one PUT up to 4 MB, else an upload session in
 * ranges of 320 KiB multiples), download (Graph's 302 to a pre-authenticated URL on another origin, fetched
 * without the Microsoft token), create folders (conflict behaviour), copy (202 + a monitor URL polled until the
 * copy is done), move and rename, delete, sharing links. On the one Microsoft 365 connection
 * (nodes/Microsoft/microsoft.ts). Drive-item routes are not in @microsoft/msgraph-sdk-users (Graph's drives
 * package is not on npm): test/conformance/microsoft-graph-sdk.test.ts checks `/users/{user}/drive` there and
 * the item routes against services.md § Microsoft Graph and Graph's driveItem reference.
 */
import { binaryFieldParam, bodyParam, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import {
	GRAPH_DOCS,
	MICROSOFT_SPEC_BASE,
	graphPaging,
	graphRateLimit,
	orderByParam,
	selectParam,
	forDrive,
} from '../Microsoft/microsoft';
import { oneDriveHooks } from './OneDrive.hooks';

const FILES = ['Files.ReadWrite'];
const CONFLICT_PATH = "['@microsoft.graph.conflictBehavior']";

const itemId = (displayName = 'Item ID', description = 'The file or folder ID'): ParamSpec => ({
	displayName,
	name: 'itemId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: `${description}; 'root' is the drive's root folder`,
});
/** The folder a new item goes into (OneDrive's and Word's uploads). */
export const parentId: ParamSpec = {
	displayName: 'Parent Folder ID',
	name: 'parentId',
	in: 'path',
	type: 'string',
	default: 'root',
	required: true,
	description: "The folder's ID; 'root' is the drive's root folder",
};
/** `@microsoft.graph.conflictBehavior` in the body or the query, with its default. */
export const conflict = (where: 'body' | 'query', fallback: string): ParamSpec => {
	const field = {
		displayName: 'Conflict Behavior',
		name: 'conflictBehavior',
		type: 'options' as const,
		default: fallback,
		options: [
			{ name: 'Fail', value: 'fail', description: 'Refuse when the name exists' },
			{ name: 'Rename', value: 'rename', description: 'Add a number to the new name' },
			{ name: 'Replace', value: 'replace', description: 'Overwrite the existing item' },
		],
		description: 'What to do when an item of that name exists (@microsoft.graph.conflictBehavior)',
	};
	return where === 'body'
		? bodyParam(CONFLICT_PATH, field.displayName, field.type, field)
		: queryParam('@microsoft.graph.conflictBehavior', field.displayName, field.type, field);
};

/** Where a copy or a move goes (`parentReference.id`). */
const destination = (required: boolean, description: string): ParamSpec =>
	bodyParam('parentReference.id', 'Destination Folder ID', 'string', {
		name: 'destinationId',
		default: '',
		required,
		description,
	});

const fileOps: OperationSpec[] = (
	[
		{
			id: 'upload',
			name: 'Upload',
			action: 'Upload a file',
			description:
				'Upload binary data into a folder: one request up to 4 MB, else an upload session in 3.2 MB ranges',
			method: 'PUT',
			path: '/users/{user}/drive/items/{parentId}:/{fileName}:/content',
			hook: 'upload',
			scopes: FILES,
			docsUrl: `${GRAPH_DOCS}/driveitem-put-content`,
			params: [
				parentId,
				{
					displayName: 'File Name',
					name: 'fileName',
					in: 'path',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'report.pdf',
					description: 'The name of the file in the folder (no slashes)',
				},
				binaryFieldParam('The binary property of the item that holds the file'),
				conflict('query', 'rename'),
			],
		},
		{
			id: 'download',
			name: 'Download',
			action: 'Download a file',
			description:
				'The file as binary data in "data" (Graph redirects to a pre-authenticated URL, fetched without the token)',
			method: 'GET',
			path: '/users/{user}/drive/items/{itemId}/content',
			hook: 'download',
			scopes: FILES,
			docsUrl: `${GRAPH_DOCS}/driveitem-get-content`,
			params: [itemId('File ID', 'The file ID')],
		},
	] as OperationSpec[]
).map(forDrive);

const folderOps: OperationSpec[] = (
	[
		{
			id: 'create',
			name: 'Create',
			action: 'Create a folder',
			method: 'POST',
			path: '/users/{user}/drive/items/{parentId}/children',
			fixedBody: { folder: {} },
			scopes: FILES,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/driveitem-post-children`,
			params: [
				parentId,
				bodyParam('name', 'Name', 'string', {
					default: '',
					required: true,
					description: 'The folder name (name)',
				}),
				conflict('body', 'fail'),
			],
		},
		{
			id: 'getChildren',
			name: 'Get Children',
			action: 'Get the files and folders in a folder',
			method: 'GET',
			path: '/users/{user}/drive/items/{itemId}/children',
			scopes: FILES,
			paginate: graphPaging(200),
			docsUrl: `${GRAPH_DOCS}/driveitem-list-children`,
			params: [
				itemId('Folder ID', 'The folder ID'),
				orderByParam('name asc'),
				selectParam('name,size,file,folder,lastModifiedDateTime'),
			],
		},
	] as OperationSpec[]
).map(forDrive);

const itemOps: OperationSpec[] = (
	[
		{
			id: 'get',
			name: 'Get',
			action: 'Get a file or folder',
			method: 'GET',
			path: '/users/{user}/drive/items/{itemId}',
			scopes: FILES,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/driveitem-get`,
			params: [itemId(), selectParam('name,size,webUrl,parentReference')],
		},
		{
			id: 'getByPath',
			name: 'Get by Path',
			action: 'Get a file or folder by its path',
			method: 'GET',
			path: '/users/{user}/drive/root:/{itemPath}:',
			hook: 'byPath',
			scopes: FILES,
			docsUrl: `${GRAPH_DOCS}/driveitem-get`,
			params: [
				{
					displayName: 'Path',
					name: 'itemPath',
					in: 'path',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'Reports/2026/Q1 budget.xlsx',
					description:
						"The path from the drive's root, folders separated by '/'; each segment is percent-encoded",
				},
				selectParam('name,size,webUrl'),
			],
		},
		{
			id: 'search',
			name: 'Search',
			action: 'Search files and folders',
			description: 'Items whose name, metadata or content match the text',
			method: 'GET',
			path: "/users/{user}/drive/root/search(q='{query}')",
			hook: 'search',
			scopes: FILES,
			paginate: graphPaging(200),
			docsUrl: `${GRAPH_DOCS}/driveitem-search`,
			params: [
				{
					displayName: 'Query',
					name: 'query',
					in: 'path',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'budget',
					description: 'The text to search for (q)',
				},
				selectParam('name,size,webUrl'),
			],
		},
		{
			id: 'copy',
			name: 'Copy',
			action: 'Copy a file or folder',
			description:
				'Graph copies in the background (202 and a monitor URL); the node waits until the copy is done',
			method: 'POST',
			path: '/users/{user}/drive/items/{itemId}/copy',
			hook: 'copy',
			scopes: FILES,
			docsUrl: `${GRAPH_DOCS}/driveitem-copy`,
			params: [
				itemId(),
				destination(
					true,
					"The ID of the folder to copy into (parentReference); 'root' is not accepted here",
				),
				bodyParam('parentReference.driveId', 'Destination Drive ID', 'string', {
					name: 'destinationDriveId',
					default: '',
					description:
						'Another drive to copy into (parentReference.driveId); empty is the same drive',
				}),
				bodyParam('name', 'New Name', 'string', {
					default: '',
					description: 'A name for the copy (name); empty keeps the original name',
				}),
				bodyParam('waitForCompletion', 'Wait for Completion', 'boolean', {
					default: true,
					description:
						'Whether to poll the monitor URL until the copy is done (at most Max Wait); else answer with the monitor status at once',
				}),
				bodyParam('maxWaitSeconds', 'Max Wait (Seconds)', 'number', {
					default: 60,
					description: 'How long to wait for the copy at most',
					validate: { min: 1, max: 3600 },
				}),
			],
		},
		{
			id: 'update',
			name: 'Move or Rename',
			action: 'Move or rename a file or folder',
			method: 'PATCH',
			path: '/users/{user}/drive/items/{itemId}',
			scopes: FILES,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/driveitem-move`,
			params: [
				itemId(),
				destination(
					false,
					'The ID of the folder to move into (parentReference); empty stays in place',
				),
				bodyParam('name', 'New Name', 'string', {
					default: '',
					description: 'The new name (name); empty keeps the name',
				}),
				conflict('query', 'fail'),
			],
		},
		{
			id: 'delete',
			name: 'Delete',
			action: 'Delete a file or folder',
			description: 'Move the item to the recycle bin',
			method: 'DELETE',
			path: '/users/{user}/drive/items/{itemId}',
			scopes: FILES,
			response: { onEmpty: { deleted: true } },
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/driveitem-delete`,
			params: [itemId()],
		},
		{
			id: 'createLink',
			name: 'Create Sharing Link',
			action: 'Create a sharing link',
			method: 'POST',
			path: '/users/{user}/drive/items/{itemId}/createLink',
			scopes: FILES,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/driveitem-createlink`,
			params: [
				itemId(),
				bodyParam('type', 'Type', 'options', {
					default: 'view',
					required: true,
					options: [
						{ name: 'View', value: 'view', description: 'Read-only' },
						{ name: 'Edit', value: 'edit', description: 'Read and write' },
						{
							name: 'Embed',
							value: 'embed',
							description: 'An embeddable link (personal OneDrive only)',
						},
					],
					description: 'What the link allows (type)',
				}),
				bodyParam('scope', 'Scope', 'options', {
					default: 'anonymous',
					options: [
						{ name: 'Anyone', value: 'anonymous', description: 'Anyone with the link' },
						{
							name: 'Organization',
							value: 'organization',
							description: "People in the user's organization",
						},
						{
							name: 'Specific People',
							value: 'users',
							description: 'People the item is shared with',
						},
					],
					description: 'Who the link works for (scope); the tenant may not allow anonymous links',
				}),
				bodyParam('expirationDateTime', 'Expiration', 'dateTime', {
					default: '',
					description: 'When the link stops working (expirationDateTime)',
				}),
				bodyParam('password', 'Password', 'string', {
					default: '',
					typeOptions: { password: true },
					description: 'A password the link asks for (password; personal OneDrive only)',
				}),
			],
		},
	] as OperationSpec[]
).map(forDrive);

const driveOps: OperationSpec[] = (
	[
		{
			id: 'get',
			name: 'Get',
			action: 'Get a drive',
			description: "The user's OneDrive: its ID, owner and quota",
			method: 'GET',
			path: '/users/{user}/drive',
			scopes: FILES,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/drive-get`,
			params: [selectParam('driveType,owner,quota')],
		},
	] as OperationSpec[]
).map(forDrive);

export const oneDriveSpec: ServiceSpec = {
	id: 'oneDrive',
	displayName: 'OneDrive',
	description:
		'Upload, download, list, search, copy, move, share and delete OneDrive files and folders through Microsoft Graph',
	docsUrl: 'https://learn.microsoft.com/graph/api/resources/onedrive',
	...MICROSOFT_SPEC_BASE,
	// OneDrive follows SharePoint Online's throttling, which publishes no fixed count (resource units per app per
	// tenant, 429/503 with Retry-After, RateLimit-* headers near the limit). The declared count is Graph's global
	// limit per app (2,000 requests per second); the server's answers steer the queue.
	rateLimit: graphRateLimit({ requests: 2_000, windowMs: 1_000 }),
	pagination: graphPaging(200),
	resources: [
		{ id: 'drive', name: 'Drive', operations: driveOps },
		{ id: 'file', name: 'File', operations: fileOps },
		{ id: 'folder', name: 'Folder', operations: folderOps },
		{ id: 'item', name: 'Item', operations: itemOps },
	],
};

export const oneDriveDefinition: ServiceDefinition = { spec: oneDriveSpec, hooks: oneDriveHooks };
