/**
 * Outlook mail through Microsoft Graph v1.0 as data: send (HTML or text, attachments from binary data; above
 * 3 MB through a draft and an attachment upload session), reply, reply all, forward, drafts, get, list and
 * search messages (OData `$filter`/`$search`/`$select`/`$orderby`, paged by `@odata.nextLink`), move, flag,
 * mark read or unread, delete, attachments, mail folders (list, children, get, create, rename, delete). On the
 * one Microsoft 365 connection (nodes/Microsoft/microsoft.ts); paths as Graph's API description names them (`/users/{user}/…`, `/me/…` for
 * `me`), checked against @microsoft/msgraph-sdk-users (test/conformance/microsoft-graph-sdk.test.ts).
 * Calendars, events and contacts: Outlook.calendar.ts.
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
	filterParam,
	graphPaging,
	graphRateLimit,
	itemBodyParams,
	orderByParam,
	selectParam,
	forUser,
} from '../Microsoft/microsoft';
import { calendarOps, contactOps, eventOps } from './Outlook.calendar';
import { GRAPH_WEBHOOK, graphTriggerHooks } from '../Microsoft/microsoft.trigger';
import { outlookHooks } from './Outlook.hooks';

const READ = ['Mail.ReadWrite'];
const WRITE = ['Mail.ReadWrite'];
const SEND = ['Mail.Send'];

/** Every mailbox operation counts against its mailbox's budget (per app per mailbox). */
const MAILBOX = { keyParam: 'user' } as const;
/** Sending also counts against Exchange Online's 30 messages per minute per mailbox. */
const SENDING = { tier: 'send', keyParam: 'user' } as const;

const IMPORTANCE = [
	{ name: 'Low', value: 'low' },
	{ name: 'Normal', value: 'normal' },
	{ name: 'High', value: 'high' },
];
const FLAG_STATUS = [
	{ name: 'Not Flagged', value: 'notFlagged' },
	{ name: 'Flagged', value: 'flagged' },
	{ name: 'Complete', value: 'complete' },
];

/** A mailbox operation: the User field first, its budget kept per mailbox (unless it names its own). */
const mailbox = forUser({ rateLimit: MAILBOX });

const messageId: ParamSpec = {
	displayName: 'Message ID',
	name: 'messageId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: 'The message ID, as Get Many returns it',
};
const folderId = (description: string): ParamSpec => ({
	displayName: 'Folder ID',
	name: 'folderId',
	in: 'path',
	type: 'string',
	default: 'inbox',
	required: true,
	description: `${description}: a folder ID or a well-known name (inbox, drafts, sentitems, deleteditems, archive, junkemail)`,
});

/** A folder the user made (renamed or deleted): an ID, no well-known name as default. */
const ownFolderId: ParamSpec = {
	displayName: 'Folder ID',
	name: 'folderId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: 'The folder ID, as Folder → Get Many returns it',
};

const recipients = (wire: string, displayName: string, required: boolean): ParamSpec =>
	bodyParam(wire, displayName, 'stringList', {
		name: wire.split('.').pop()!,
		default: '',
		required,
		placeholder: 'adele@contoso.com, alex@contoso.com',
		description: `E-mail addresses, comma-separated, each as an address or "Name &lt;address&gt;" (${wire.split('.').pop()})`,
	});

/** The fields of a message: under `message` for sendMail, at the root for a draft. */
const messageFields = (prefix: '' | 'message.', required: boolean): ParamSpec[] => [
	recipients(`${prefix}toRecipients`, 'To', required),
	bodyParam(`${prefix}subject`, 'Subject', 'string', {
		name: 'subject',
		default: '',
		required,
		description: 'The subject line (subject)',
	}),
	...itemBodyParams(prefix, required, 'The message body'),
	recipients(`${prefix}ccRecipients`, 'CC', false),
	recipients(`${prefix}bccRecipients`, 'BCC', false),
	recipients(`${prefix}replyTo`, 'Reply To', false),
	bodyParam(`${prefix}importance`, 'Importance', 'options', {
		name: 'importance',
		default: 'normal',
		options: IMPORTANCE,
		description: 'The importance (importance)',
	}),
	bodyParam('attachments', 'Attachments (Binary Properties)', 'stringList', {
		name: 'attachmentProperties',
		default: '',
		placeholder: 'data, invoice',
		description:
			'Binary properties of the item to attach, comma-separated; files above 3 MB go through an upload session (up to 150 MB)',
	}),
];

const messageOps: OperationSpec[] = (
	[
		{
			id: 'send',
			name: 'Send',
			action: 'Send a message',
			description:
				'Send a new message; attachments above 3 MB are added to a draft through an upload session, then the draft is sent',
			method: 'POST',
			path: '/users/{user}/sendMail',
			hook: 'mail',
			scopes: SEND,
			rateLimit: SENDING,
			response: { onEmpty: { sent: true } },
			docsUrl: `${GRAPH_DOCS}/user-sendmail`,
			params: [
				...messageFields('message.', true),
				bodyParam('saveToSentItems', 'Save to Sent Items', 'boolean', {
					default: true,
					description: 'Whether to keep a copy in Sent Items (saveToSentItems)',
				}),
			],
		},
		{
			id: 'createDraft',
			name: 'Create Draft',
			action: 'Create a draft message',
			method: 'POST',
			path: '/users/{user}/messages',
			hook: 'mail',
			scopes: WRITE,
			docsUrl: `${GRAPH_DOCS}/user-post-messages`,
			params: [...messageFields('', false)],
		},
		{
			id: 'sendDraft',
			name: 'Send Draft',
			action: 'Send a draft message',
			method: 'POST',
			path: '/users/{user}/messages/{messageId}/send',
			body: 'none',
			scopes: SEND,
			rateLimit: SENDING,
			response: { onEmpty: { sent: true } },
			docsUrl: `${GRAPH_DOCS}/message-send`,
			params: [messageId],
		},
		...(['reply', 'replyAll'] as const).map((id): OperationSpec => ({
			id,
			name: id === 'reply' ? 'Reply' : 'Reply All',
			action: id === 'reply' ? 'Reply to a message' : 'Reply to all recipients of a message',
			method: 'POST',
			path: `/users/{user}/messages/{messageId}/${id}`,
			scopes: SEND,
			rateLimit: SENDING,
			response: { onEmpty: { sent: true } },
			docsUrl: `${GRAPH_DOCS}/message-${id.toLowerCase()}`,
			params: [
				messageId,
				bodyParam('comment', 'Comment', 'string', {
					default: '',
					required: true,
					description: 'The reply, above the quoted message (comment); HTML is allowed',
				}),
			],
		})),
		{
			id: 'forward',
			name: 'Forward',
			action: 'Forward a message',
			method: 'POST',
			path: '/users/{user}/messages/{messageId}/forward',
			hook: 'mail',
			scopes: SEND,
			rateLimit: SENDING,
			response: { onEmpty: { sent: true } },
			docsUrl: `${GRAPH_DOCS}/message-forward`,
			params: [
				messageId,
				recipients('toRecipients', 'To', true),
				bodyParam('comment', 'Comment', 'string', {
					default: '',
					description: 'Text above the forwarded message (comment)',
				}),
			],
		},
		{
			id: 'get',
			name: 'Get',
			action: 'Get a message',
			method: 'GET',
			path: '/users/{user}/messages/{messageId}',
			scopes: READ,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/message-get`,
			params: [messageId, selectParam('subject,from,receivedDateTime,bodyPreview')],
		},
		...(['getMany', 'getManyInFolder'] as const).map((id): OperationSpec => ({
			id,
			name: id === 'getMany' ? 'Get Many' : 'Get Many in Folder',
			action: id === 'getMany' ? 'Get many messages' : 'Get many messages of a folder',
			description:
				'List or search messages, newest first unless Order By says otherwise; pages follow @odata.nextLink',
			method: 'GET',
			path:
				id === 'getMany'
					? '/users/{user}/messages'
					: '/users/{user}/mailFolders/{folderId}/messages',
			scopes: READ,
			paginate: graphPaging(100),
			docsUrl: `${GRAPH_DOCS}/${id === 'getMany' ? 'user-list-messages' : 'mailfolder-list-messages'}`,
			params: [
				...(id === 'getManyInFolder' ? [folderId('The folder to list')] : []),
				filterParam('isRead eq false and receivedDateTime ge 2026-01-01T00:00:00Z'),
				queryParam('$search', 'Search', 'string', {
					name: 'search',
					default: '',
					placeholder: '"from:adele budget"',
					description:
						'A KQL search in double quotes ($search), e.g. "budget" or "from:adele subject:report"; cannot be combined with Order By',
					validate: {
						pattern: '^".*"$',
						patternHint: 'Put the search in double quotes, e.g. "budget" or "from:adele".',
					},
				}),
				orderByParam('receivedDateTime desc'),
				selectParam('subject,from,receivedDateTime,isRead'),
			],
		})),
		{
			id: 'move',
			name: 'Move',
			action: 'Move a message to a folder',
			method: 'POST',
			path: '/users/{user}/messages/{messageId}/move',
			scopes: WRITE,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/message-move`,
			params: [
				messageId,
				bodyParam('destinationId', 'Destination Folder ID', 'string', {
					default: '',
					required: true,
					placeholder: 'archive',
					description:
						'The folder to move to (destinationId): a folder ID or a well-known name such as archive, deleteditems or junkemail',
				}),
			],
		},
		{
			id: 'update',
			name: 'Update',
			action: 'Update a message',
			description: 'Change read state, flag, importance or categories',
			method: 'PATCH',
			path: '/users/{user}/messages/{messageId}',
			scopes: WRITE,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/message-update`,
			params: [
				messageId,
				bodyParam('isRead', 'Is Read', 'boolean', {
					default: true,
					description: 'Whether the message is read (isRead)',
				}),
				bodyParam('flag.flagStatus', 'Flag Status', 'options', {
					name: 'flagStatus',
					default: 'flagged',
					options: FLAG_STATUS,
					description: 'The follow-up flag (flag.flagStatus)',
				}),
				bodyParam('importance', 'Importance', 'options', {
					default: 'normal',
					options: IMPORTANCE,
					description: 'The importance (importance)',
				}),
				bodyParam('categories', 'Categories', 'stringList', {
					default: '',
					description: 'Category names, comma-separated (categories); replaces the current ones',
				}),
			],
		},
		...(
			[
				['markAsRead', 'Mark as Read', true],
				['markAsUnread', 'Mark as Unread', false],
			] as const
		).map(([id, name, isRead]): OperationSpec => ({
			id,
			name,
			action: `${name.replace('Mark as', 'Mark a message as').replace('Read', 'read').replace('Unread', 'unread')}`,
			method: 'PATCH',
			path: '/users/{user}/messages/{messageId}',
			fixedBody: { isRead },
			scopes: WRITE,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/message-update`,
			params: [messageId],
		})),
		{
			id: 'flag',
			name: 'Flag',
			action: 'Flag a message',
			method: 'PATCH',
			path: '/users/{user}/messages/{messageId}',
			scopes: WRITE,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/message-update`,
			params: [
				messageId,
				bodyParam('flag.flagStatus', 'Flag Status', 'options', {
					name: 'flagStatus',
					default: 'flagged',
					required: true,
					options: FLAG_STATUS,
					description: 'The follow-up flag (flag.flagStatus)',
				}),
			],
		},
		{
			id: 'delete',
			name: 'Delete',
			action: 'Delete a message',
			description: 'Move the message to Deleted Items',
			method: 'DELETE',
			path: '/users/{user}/messages/{messageId}',
			scopes: WRITE,
			response: { onEmpty: { deleted: true } },
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/message-delete`,
			params: [messageId],
		},
	] as OperationSpec[]
).map(mailbox);

const attachmentOps: OperationSpec[] = (
	[
		{
			id: 'add',
			name: 'Add',
			action: 'Add an attachment to a message',
			description:
				'Attach a file from binary data to a message, typically a draft: up to 3 MB in one request, larger files (up to 150 MB) through an upload session',
			method: 'POST',
			path: '/users/{user}/messages/{messageId}/attachments',
			hook: 'addAttachment',
			scopes: WRITE,
			docsUrl: `${GRAPH_DOCS}/message-post-attachments`,
			params: [messageId, binaryFieldParam('The binary property of the item that holds the file')],
		},
		{
			id: 'getMany',
			name: 'Get Many',
			action: 'Get the attachments of a message',
			method: 'GET',
			path: '/users/{user}/messages/{messageId}/attachments',
			scopes: READ,
			query: { $select: 'id,name,contentType,size,isInline,lastModifiedDateTime' },
			paginate: graphPaging(100),
			docsUrl: `${GRAPH_DOCS}/message-list-attachments`,
			params: [messageId],
		},
		{
			id: 'download',
			name: 'Download',
			action: 'Download an attachment',
			description: 'A file attachment as binary data in "data"',
			method: 'GET',
			path: '/users/{user}/messages/{messageId}/attachments/{attachmentId}',
			hook: 'downloadAttachment',
			scopes: READ,
			docsUrl: `${GRAPH_DOCS}/attachment-get`,
			params: [
				messageId,
				{
					displayName: 'Attachment ID',
					name: 'attachmentId',
					in: 'path',
					type: 'string',
					default: '',
					required: true,
					description: 'The attachment ID, as Attachment → Get Many returns it',
				},
			],
		},
	] as OperationSpec[]
).map(mailbox);

const folderOps: OperationSpec[] = (
	[
		{
			id: 'getMany',
			name: 'Get Many',
			action: 'Get many mail folders',
			method: 'GET',
			path: '/users/{user}/mailFolders',
			scopes: READ,
			paginate: graphPaging(100),
			docsUrl: `${GRAPH_DOCS}/user-list-mailfolders`,
			params: [filterParam("displayName eq 'Projects'")],
		},
		{
			id: 'getChildren',
			name: 'Get Child Folders',
			action: 'Get the child folders of a mail folder',
			method: 'GET',
			path: '/users/{user}/mailFolders/{folderId}/childFolders',
			scopes: READ,
			paginate: graphPaging(100),
			docsUrl: `${GRAPH_DOCS}/mailfolder-list-childfolders`,
			params: [folderId('The parent folder')],
		},
		{
			id: 'get',
			name: 'Get',
			action: 'Get a mail folder',
			method: 'GET',
			path: '/users/{user}/mailFolders/{folderId}',
			scopes: READ,
			docsUrl: `${GRAPH_DOCS}/mailfolder-get`,
			params: [folderId('The folder')],
		},
		{
			id: 'create',
			name: 'Create',
			action: 'Create a mail folder',
			method: 'POST',
			path: '/users/{user}/mailFolders',
			scopes: WRITE,
			docsUrl: `${GRAPH_DOCS}/user-post-mailfolders`,
			params: [
				bodyParam('displayName', 'Name', 'string', {
					default: '',
					required: true,
					description: 'The folder name (displayName)',
				}),
				bodyParam('isHidden', 'Hidden', 'boolean', {
					default: false,
					description: 'Whether the folder is hidden (isHidden; cannot be changed later)',
				}),
			],
		},
		{
			id: 'update',
			name: 'Update',
			action: 'Rename a mail folder',
			method: 'PATCH',
			path: '/users/{user}/mailFolders/{folderId}',
			scopes: WRITE,
			docsUrl: `${GRAPH_DOCS}/mailfolder-update`,
			params: [
				ownFolderId,
				bodyParam('displayName', 'Name', 'string', {
					default: '',
					required: true,
					description: 'The new folder name (displayName)',
				}),
			],
		},
		{
			id: 'createChild',
			name: 'Create Child Folder',
			action: 'Create a child folder in a mail folder',
			method: 'POST',
			path: '/users/{user}/mailFolders/{folderId}/childFolders',
			scopes: WRITE,
			docsUrl: `${GRAPH_DOCS}/mailfolder-post-childfolders`,
			params: [
				folderId('The parent folder'),
				bodyParam('displayName', 'Name', 'string', {
					default: '',
					required: true,
					description: 'The folder name (displayName)',
				}),
			],
		},
		{
			id: 'delete',
			name: 'Delete',
			action: 'Delete a mail folder',
			method: 'DELETE',
			path: '/users/{user}/mailFolders/{folderId}',
			scopes: WRITE,
			response: { onEmpty: { deleted: true } },
			docsUrl: `${GRAPH_DOCS}/mailfolder-delete`,
			params: [ownFolderId],
		},
	] as OperationSpec[]
).map(mailbox);

const userOps: OperationSpec[] = (
	[
		{
			id: 'get',
			name: 'Get',
			action: 'Get a user profile',
			description:
				"The signed-in user ('me'), or a user by ID or principal name (app-only: needs User.Read.All)",
			method: 'GET',
			path: '/users/{user}',
			scopes: ['User.Read'],
			docsUrl: `${GRAPH_DOCS}/user-get`,
			params: [selectParam('displayName,mail,userPrincipalName')],
		},
	] as OperationSpec[]
).map(mailbox);

export const outlookSpec: ServiceSpec = {
	id: 'outlook',
	displayName: 'Outlook',
	description:
		'Send, read, search, move and flag Outlook mail, manage mail folders, calendar events and contacts through Microsoft Graph',
	docsUrl: 'https://learn.microsoft.com/graph/api/resources/mail-api-overview',
	...MICROSOFT_SPEC_BASE,
	// Outlook's documented limits per app per mailbox: 4 concurrent requests and 10,000 requests per 10 minutes;
	// Exchange Online sends at most 30 messages per minute per mailbox. Each budget is kept per mailbox (User).
	rateLimit: graphRateLimit({
		requests: 10_000,
		windowMs: 600_000,
		maxConcurrency: 4,
		tiers: { send: { requests: 30, windowMs: 60_000, maxConcurrency: 4 } },
	}),
	pagination: graphPaging(100),
	// The Microsoft 365 trigger (Graph change notifications on mail, events, contacts and OneDrive):
	// nodes/Microsoft/microsoft.trigger.ts, node nodes/Outlook/OutlookTrigger.node.ts (shown as Microsoft 365 Trigger).
	webhook: GRAPH_WEBHOOK,
	resources: [
		{ id: 'attachment', name: 'Attachment', operations: attachmentOps },
		{ id: 'calendar', name: 'Calendar', operations: calendarOps.map(mailbox) },
		{ id: 'contact', name: 'Contact', operations: contactOps.map(mailbox) },
		{ id: 'event', name: 'Event', operations: eventOps.map(mailbox) },
		{ id: 'folder', name: 'Folder', operations: folderOps },
		{ id: 'message', name: 'Message', operations: messageOps },
		{ id: 'user', name: 'User', operations: userOps },
	],
};

export const outlookDefinition: ServiceDefinition = {
	spec: outlookSpec,
	hooks: { ...outlookHooks, ...graphTriggerHooks },
};
