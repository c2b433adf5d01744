/**
 * Google Drive API v3 as data: files (list/search with the `q` syntax and shared drives, get, upload — multipart
 * up to 5 MB, resumable beyond —, download, export of Google Docs, Sheets and Slides to PDF/DOCX/XLSX/…, copy,
 * move, rename, trash, delete), folders (create), permissions (share, list, delete) and shared drives (list).
 * Every file request says `supportsAllDrives=true`, so shared-drive files work like My Drive's.
 * Methods and paths are checked against @googleapis/drive (test/conformance/google-sdk.test.ts).
 * Facts: https://developers.google.com/drive/api/reference/rest/v3, /work/shared/reference/services.md § Google.
 */
import { bodyParam, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import { GOOGLE_SCOPES } from '../Google/Google.oauth';
import { googleBudgetAndPages, googleConnection } from '../Google/google';
import { googleWatchWebhook } from '../Google/watch';
import { EXPORT_FORMATS, FILE_FIELDS, googleDriveHooks } from './GoogleDrive.hooks';

const REF = 'https://developers.google.com/drive/api/reference/rest/v3';
/**
 * Every operation works with `drive.file` (the files this connection created or opened); the credential's
 * Drive Access "All Files" asks `drive` instead, for files made elsewhere (docs/services/google-workspace.md).
 */
const SCOPES = [GOOGLE_SCOPES.driveFile];
const ALL_DRIVES = { supportsAllDrives: true };
const fileId: ParamSpec = {
	displayName: 'File ID',
	name: 'fileId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1ZdR3L3qP4Bkq8noWLJHSr_iBau0DNT4Kli4SxNc2YEo',
	description: "The file's ID, as in its URL after /d/ (fileId)",
};
const fields = queryParam('fields', 'Fields', 'string', {
	default: '',
	placeholder: FILE_FIELDS,
	description:
		'The file fields to return, a field mask (fields); default: the ID, name, type, parents, size, times, link, trashed state and drive',
});
const parents = (displayName: string, description: string) =>
	bodyParam('parents', displayName, 'stringList', { default: '', description });

const exportFormat = (required: boolean): ParamSpec =>
	queryParam('mimeType', 'Export Format', 'options', {
		name: 'exportMimeType',
		wireName: 'mimeType',
		default: 'application/pdf',
		required,
		options: EXPORT_FORMATS,
		description:
			'The format a Google Doc, Sheet, Slides or Drawing is exported to (mimeType); Docs → PDF/DOCX/ODT/TXT, Sheets → XLSX/CSV/PDF, Slides → PPTX/PDF',
	});
const binaryProperty = (description: string): ParamSpec => ({
	displayName: 'Binary Property',
	name: 'binaryPropertyName',
	in: 'query',
	type: 'string',
	default: 'data',
	required: true,
	description,
});

const fileOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Search',
		action: 'Search files and folders',
		description: 'List or search files with the Drive query syntax, in My Drive and shared drives',
		method: 'GET',
		path: '/drive/v3/files',
		query: {
			...ALL_DRIVES,
			includeItemsFromAllDrives: true,
			fields: `nextPageToken,incompleteSearch,files(${FILE_FIELDS})`,
		},
		scopes: SCOPES,
		paginate: true,
		docsUrl: `${REF}/files/list`,
		params: [
			queryParam('q', 'Query', 'string', {
				default: '',
				placeholder: "name contains 'invoice' and mimeType = 'application/pdf' and trashed = false",
				description:
					"A Drive search query (q): name contains 'x', mimeType = '…', 'FOLDER_ID' in parents, modifiedTime > '2026-01-01T00:00:00', trashed = false, combined with and/or",
			}),
			queryParam('orderBy', 'Order By', 'string', {
				default: '',
				placeholder: 'modifiedTime desc,name',
				description:
					'Sort keys, comma-separated, each optionally "desc" (orderBy): createdTime, folder, modifiedTime, name, quotaBytesUsed, recency, starred, viewedByMeTime',
			}),
			queryParam('corpora', 'Corpora', 'options', {
				default: 'user',
				options: [
					{
						name: 'User',
						value: 'user',
						description: "The user's own files and those shared with them",
					},
					{ name: 'Drive', value: 'drive', description: 'One shared drive (set Drive ID)' },
					{
						name: 'All Drives',
						value: 'allDrives',
						description: 'Every shared drive the user is in, and My Drive',
					},
					{
						name: 'Domain',
						value: 'domain',
						description: 'Files shared with the Workspace domain',
					},
				],
				description: 'Where to search (corpora); shared drives need Include Items From All Drives',
			}),
			queryParam('driveId', 'Drive ID', 'string', {
				default: '',
				description: 'The shared drive to search when Corpora is Drive (driveId)',
			}),
			queryParam('includeItemsFromAllDrives', 'Include Items From All Drives', 'boolean', {
				default: false,
				description:
					'Whether shared-drive files are listed too (includeItemsFromAllDrives); listed unless turned off here',
			}),
			queryParam('spaces', 'Spaces', 'options', {
				default: 'drive',
				options: [
					{ name: 'Drive', value: 'drive' },
					{ name: 'App Data Folder', value: 'appDataFolder' },
				],
				description: 'Which space to search (spaces)',
			}),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get file metadata',
		method: 'GET',
		path: '/drive/v3/files/{fileId}',
		query: { ...ALL_DRIVES, fields: FILE_FIELDS },
		scopes: SCOPES,
		docsUrl: `${REF}/files/get`,
		params: [fileId, fields],
	},
	{
		id: 'upload',
		name: 'Upload',
		action: 'Upload a file',
		description:
			'Upload binary data as a file: one multipart request up to 5 MB, a resumable upload in 8 MB chunks beyond',
		method: 'POST',
		path: '/upload/drive/v3/files',
		hook: 'uploadFile',
		scopes: SCOPES,
		docsUrl: 'https://developers.google.com/drive/api/guides/manage-uploads',
		params: [
			binaryProperty("The input item's binary property that holds the file"),
			bodyParam('name', 'File Name', 'string', {
				default: '',
				description: "The file's name in Drive (name); default: the binary data's file name",
			}),
			parents(
				'Parent Folder IDs',
				'The folder to put the file in, by ID (parents); default: My Drive',
			),
			bodyParam('mimeType', 'MIME Type', 'string', {
				default: '',
				placeholder: 'application/vnd.google-apps.spreadsheet',
				description:
					"The file's type in Drive (mimeType): a Google type here converts the upload (CSV → a Google Sheet); default: the binary data's",
			}),
			bodyParam('description', 'Description', 'string', {
				default: '',
				description: 'A description (description)',
			}),
		],
	},
	{
		id: 'download',
		name: 'Download',
		action: 'Download a file',
		description:
			"Download a file's content as binary data; a Google Doc, Sheet or Slides file is exported to the Export Format",
		method: 'GET',
		path: '/drive/v3/files/{fileId}',
		query: { ...ALL_DRIVES, alt: 'media' },
		hook: 'downloadFile',
		cacheable: false,
		scopes: SCOPES,
		docsUrl: `${REF}/files/get`,
		params: [
			fileId,
			binaryProperty("The output item's binary property to put the file in"),
			exportFormat(false),
		],
	},
	{
		id: 'export',
		name: 'Export',
		action: 'Export a file to another format',
		description:
			'Export a Google Doc, Sheet, Slides or Drawing to PDF, DOCX, XLSX, … as binary data (up to 10 MB)',
		method: 'GET',
		path: '/drive/v3/files/{fileId}/export',
		hook: 'downloadFile',
		cacheable: false,
		scopes: SCOPES,
		docsUrl: `${REF}/files/export`,
		params: [
			fileId,
			exportFormat(true),
			binaryProperty("The output item's binary property to put the file in"),
		],
	},
	{
		id: 'copy',
		name: 'Copy',
		action: 'Copy a file',
		method: 'POST',
		path: '/drive/v3/files/{fileId}/copy',
		body: 'json',
		query: { ...ALL_DRIVES, fields: FILE_FIELDS },
		scopes: SCOPES,
		docsUrl: `${REF}/files/copy`,
		params: [
			fileId,
			bodyParam('name', 'Name', 'string', {
				default: '',
				description: 'The copy\'s name (name); default: "Copy of …"',
			}),
			parents(
				'Parent Folder IDs',
				"The folder for the copy, by ID (parents); default: the original's",
			),
		],
	},
	{
		id: 'move',
		name: 'Move',
		action: 'Move a file to a folder',
		description: 'Put a file in another folder, taking it out of its current folders',
		method: 'PATCH',
		path: '/drive/v3/files/{fileId}',
		query: { ...ALL_DRIVES, fields: FILE_FIELDS },
		hook: 'moveFile',
		scopes: SCOPES,
		docsUrl: `${REF}/files/update`,
		params: [
			fileId,
			queryParam('addParents', 'Folder ID', 'string', {
				default: '',
				required: true,
				description: 'The folder to move the file into (addParents)',
			}),
		],
	},
	{
		id: 'rename',
		name: 'Rename',
		action: 'Rename a file',
		method: 'PATCH',
		path: '/drive/v3/files/{fileId}',
		body: 'json',
		query: { ...ALL_DRIVES, fields: FILE_FIELDS },
		scopes: SCOPES,
		idempotent: true,
		docsUrl: `${REF}/files/update`,
		params: [
			fileId,
			bodyParam('name', 'New Name', 'string', {
				default: '',
				required: true,
				description: 'The new name (name)',
			}),
		],
	},
	{
		id: 'trash',
		name: 'Move to Trash',
		action: 'Move a file to the trash',
		description: 'Move a file to the trash (restorable for 30 days)',
		method: 'PATCH',
		path: '/drive/v3/files/{fileId}',
		body: 'json',
		fixedBody: { trashed: true },
		query: { ...ALL_DRIVES, fields: FILE_FIELDS },
		scopes: SCOPES,
		idempotent: true,
		docsUrl: `${REF}/files/update`,
		params: [fileId],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a file permanently',
		description: 'Delete a file for good, skipping the trash (a folder: with everything in it)',
		method: 'DELETE',
		path: '/drive/v3/files/{fileId}',
		query: ALL_DRIVES,
		response: { onEmpty: { deleted: true } },
		scopes: SCOPES,
		docsUrl: `${REF}/files/delete`,
		params: [fileId],
	},
];

const folderOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a folder',
		method: 'POST',
		path: '/drive/v3/files',
		body: 'json',
		fixedBody: { mimeType: 'application/vnd.google-apps.folder' },
		query: { ...ALL_DRIVES, fields: FILE_FIELDS },
		scopes: SCOPES,
		docsUrl: 'https://developers.google.com/drive/api/guides/folder',
		params: [
			bodyParam('name', 'Name', 'string', {
				default: '',
				required: true,
				description: "The folder's name (name)",
			}),
			parents(
				'Parent Folder IDs',
				'The folder to create it in, by ID (parents); default: My Drive',
			),
		],
	},
];

const permissionOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Share',
		action: 'Share a file',
		description: 'Give a user, group, domain or anyone with the link a role on a file or folder',
		method: 'POST',
		path: '/drive/v3/files/{fileId}/permissions',
		body: 'json',
		query: ALL_DRIVES,
		scopes: SCOPES,
		docsUrl: `${REF}/permissions/create`,
		params: [
			fileId,
			bodyParam('role', 'Role', 'options', {
				default: 'reader',
				required: true,
				options: [
					{ name: 'Commenter', value: 'commenter' },
					{ name: 'File Organizer', value: 'fileOrganizer', description: 'Shared drives only' },
					{ name: 'Organizer', value: 'organizer', description: 'Shared drives only' },
					{
						name: 'Owner',
						value: 'owner',
						description: 'Transfers ownership (set Transfer Ownership)',
					},
					{ name: 'Reader', value: 'reader' },
					{ name: 'Writer', value: 'writer' },
				],
				description: 'What the grantee may do (role)',
			}),
			bodyParam('type', 'Type', 'options', {
				default: 'user',
				required: true,
				options: [
					{ name: 'Anyone', value: 'anyone', description: 'Anyone with the link' },
					{ name: 'Domain', value: 'domain' },
					{ name: 'Group', value: 'group' },
					{ name: 'User', value: 'user' },
				],
				description: 'Who the permission is for (type)',
			}),
			bodyParam('emailAddress', 'Email Address', 'string', {
				default: '',
				placeholder: 'name@example.com',
				description: 'The user or group, for Type User or Group (emailAddress)',
			}),
			bodyParam('domain', 'Domain', 'string', {
				default: '',
				placeholder: 'example.com',
				description: 'The domain, for Type Domain (domain)',
			}),
			queryParam('sendNotificationEmail', 'Send Notification Email', 'boolean', {
				default: true,
				description: 'Whether Google e-mails the user or group (sendNotificationEmail)',
			}),
			queryParam('emailMessage', 'Email Message', 'string', {
				default: '',
				description: 'Text added to the notification e-mail (emailMessage)',
			}),
			queryParam('transferOwnership', 'Transfer Ownership', 'boolean', {
				default: false,
				description: 'Whether Role Owner transfers the file to the user (transferOwnership)',
			}),
		],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'List the permissions of a file',
		method: 'GET',
		path: '/drive/v3/files/{fileId}/permissions',
		query: {
			...ALL_DRIVES,
			fields: 'nextPageToken,permissions(id,type,role,emailAddress,domain,displayName)',
		},
		scopes: SCOPES,
		paginate: {
			type: 'cursor',
			cursorParam: 'pageToken',
			nextCursorPath: 'nextPageToken',
			itemsPath: 'permissions',
			limitParam: 'pageSize',
			pageSize: 100,
		},
		docsUrl: `${REF}/permissions/list`,
		params: [fileId],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Remove a permission',
		description: 'Stop sharing a file with a user, group, domain or the link',
		method: 'DELETE',
		path: '/drive/v3/files/{fileId}/permissions/{permissionId}',
		query: ALL_DRIVES,
		response: { onEmpty: { deleted: true } },
		scopes: SCOPES,
		docsUrl: `${REF}/permissions/delete`,
		params: [
			fileId,
			{
				displayName: 'Permission ID',
				name: 'permissionId',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				description: 'The permission, as Share or Get Many return it (permissionId)',
			},
		],
	},
];

const driveOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'List shared drives',
		method: 'GET',
		path: '/drive/v3/drives',
		scopes: SCOPES,
		paginate: {
			type: 'cursor',
			cursorParam: 'pageToken',
			nextCursorPath: 'nextPageToken',
			itemsPath: 'drives',
			limitParam: 'pageSize',
			pageSize: 100,
		},
		docsUrl: `${REF}/drives/list`,
		params: [
			queryParam('q', 'Query', 'string', {
				default: '',
				placeholder: "name contains 'Marketing'",
				description: 'A shared drive search query (q)',
			}),
		],
	},
];

export const googleDriveSpec: ServiceSpec = {
	id: 'googleDrive',
	displayName: 'Google Drive',
	description:
		'Search, upload, download, export, copy, move, rename, share and delete files and folders in Google Drive',
	docsUrl: REF,
	baseUrl: 'https://www.googleapis.com',
	...googleConnection(SCOPES),
	// https://developers.google.com/drive/api/guides/limits: 12,000 queries per 60 s per user per project (the
	// older guide counted 1,000 per 100 s); exceeding it answers 403 userRateLimitExceeded or 429.
	...googleBudgetAndPages(12_000, 'files', 'pageSize', 100),
	resources: [
		{ id: 'file', name: 'File', operations: fileOps },
		{ id: 'folder', name: 'Folder', operations: folderOps },
		{ id: 'permission', name: 'Permission', operations: permissionOps },
		{ id: 'drive', name: 'Shared Drive', operations: driveOps },
	],
	// The changes trigger: a watch channel on the changes feed (../Google/watch.ts), replaced before it lapses.
	webhook: googleWatchWebhook({
		scopes: SCOPES,
		events: [
			{
				name: 'File Changed',
				value: 'change',
				description:
					'A file the connection can see was added, changed, trashed or removed (one item per change)',
			},
		],
		watchPath: '/drive/v3/changes/watch',
		watchQuery: {
			pageToken: '{pageToken}',
			supportsAllDrives: 'true',
			includeItemsFromAllDrives: 'true',
		},
		stopPath: '/drive/v3/channels/stop',
	}),
};

export const googleDriveDefinition: ServiceDefinition = {
	spec: googleDriveSpec,
	hooks: googleDriveHooks,
};
