/**
 * Gmail API v1 as data: messages (send, reply, get, list/search with the `q` syntax and label filters, modify
 * labels, mark read/unread, trash, untrash, delete), drafts (create, get, list, send, delete), labels (list,
 * get, create, delete), threads (reply, get, list, modify, trash, untrash, delete) and attachments (get to
 * binary data), on the one Google Workspace connection. Each operation asks only its own scope: gmail.send to send, gmail.readonly to
 * read, gmail.modify for labels and the trash, gmail.compose for drafts, and https://mail.google.com/ only for a
 * permanent delete. Gmail counts quota units per method; the budget is a bucket of those units per user.
 * Methods and paths are checked against @googleapis/gmail (test/conformance/google-sdk.test.ts).
 * Facts: https://developers.google.com/gmail/api/reference/rest, …/reference/quota, /work/shared/reference/services.md § Google.
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
import { gmailHooks } from './Gmail.hooks';

const REF = 'https://developers.google.com/gmail/api/reference/rest/v1';
const USER = '/gmail/v1/users/me';
const SEND = [GOOGLE_SCOPES.gmailSend];
const READ = [GOOGLE_SCOPES.gmailReadonly];
const MODIFY = [GOOGLE_SCOPES.gmailModify];
const COMPOSE = [GOOGLE_SCOPES.gmailCompose];
/** Only a permanent delete needs full access: not asked by default (the credential's "Delete Permanently"). */
const FULL = [GOOGLE_SCOPES.gmailFull];
/** Gmail's quota units per method (https://developers.google.com/gmail/api/reference/quota). */
const cost = (units: number) => ({ rateLimit: { cost: units } });

const idParam = (name: string, displayName: string, description: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description,
});
const messageId = idParam(
	'messageId',
	'Message ID',
	'The message, as Search or the trigger return it (its ID)',
);
const threadId = idParam(
	'threadId',
	'Thread ID',
	'The thread, as a message or Search returns it (its ID)',
);
const draftId = idParam(
	'draftId',
	'Draft ID',
	'The draft, as Draft → Create or Get Many return it (its ID)',
);
const labelId = idParam(
	'labelId',
	'Label ID',
	'The label, as Label → Get Many returns it (its ID), e.g. Label_12 or a system label such as STARRED',
);

const labelList = (name: string, displayName: string, description: string): ParamSpec =>
	bodyParam(name, displayName, 'stringList', { default: '', description });
const addLabels = labelList(
	'addLabelIds',
	'Add Label IDs',
	'Labels to add, by ID (addLabelIds), e.g. STARRED, IMPORTANT or Label_12',
);
const removeLabels = labelList(
	'removeLabelIds',
	'Remove Label IDs',
	'Labels to remove, by ID (removeLabelIds), e.g. INBOX to archive, UNREAD to mark read',
);

/** The search fields of messages.list, threads.list and drafts.list (and of the trigger). */
const q = queryParam('q', 'Search', 'string', {
	default: '',
	placeholder: 'from:billing@example.com has:attachment newer_than:7d',
	description:
		'A Gmail search, as in the search box (q): from:, to:, subject:, label:, has:attachment, is:unread, after:2026/01/31, newer_than:2d, "exact phrase", OR, -word',
});
const labelIds = queryParam('labelIds', 'Label IDs', 'stringList', {
	default: '',
	placeholder: 'INBOX',
	description:
		'Only messages with all these labels, by ID (labelIds): INBOX, UNREAD, STARRED, IMPORTANT, SENT, CATEGORY_PERSONAL, or a user label such as Label_12',
});
const includeSpamTrash = queryParam('includeSpamTrash', 'Include Spam and Trash', 'boolean', {
	default: false,
	description: 'Whether messages in Spam and Trash are listed too (includeSpamTrash)',
});

/** The fields of a message to write (send, reply, draft). */
const composeFields = (required: { to: boolean; subject: boolean }): ParamSpec[] => [
	bodyParam('to', 'To', 'string', {
		default: '',
		required: required.to,
		placeholder: 'Ada Lovelace <ada@example.com>, bob@example.com',
		description:
			'Recipients, comma-separated, each an address, or a name and the address in angle brackets (the To header)',
	}),
	bodyParam('subject', 'Subject', 'string', {
		default: '',
		required: required.subject,
		description: 'The subject (non-ASCII is encoded as RFC 2047; no line breaks)',
	}),
	bodyParam('text', 'Text', 'string', {
		default: '',
		description: 'The plain-text body; with HTML too, mail programs show whichever they prefer',
	}),
	bodyParam('html', 'HTML', 'string', {
		default: '',
		placeholder: '<p>Hello <b>Ada</b></p>',
		description: 'The HTML body',
	}),
	bodyParam('cc', 'CC', 'string', {
		default: '',
		description: 'Copy recipients, comma-separated (the Cc header)',
	}),
	bodyParam('bcc', 'BCC', 'string', {
		default: '',
		description:
			'Blind copy recipients, comma-separated (the Bcc header, removed by Gmail on delivery)',
	}),
	bodyParam('replyTo', 'Reply To', 'string', {
		default: '',
		description: 'Where replies go, if not to the sender (the Reply-To header)',
	}),
	bodyParam('from', 'From', 'string', {
		default: '',
		placeholder: 'Support <support@example.com>',
		description:
			"The sender: the account's address (default) or one of its Send-As aliases, optionally with a name (the From header)",
	}),
	bodyParam('attachments', 'Attachments', 'string', {
		default: '',
		placeholder: 'data, invoice',
		description:
			"The input item's binary properties to attach, comma-separated (each keeps its file name and type)",
	}),
];
const threadFields: ParamSpec[] = [
	bodyParam('threadId', 'Thread ID', 'string', {
		default: '',
		description:
			'Put the message into this thread (threadId); Gmail also needs In-Reply-To/References and the same subject',
	}),
	bodyParam('inReplyTo', 'In-Reply-To', 'string', {
		default: '',
		placeholder: '<CAF=abc123@mail.gmail.com>',
		description:
			"The Message-ID (the message's messageId field) this one answers (In-Reply-To header)",
	}),
	bodyParam('references', 'References', 'string', {
		default: '',
		description: 'The Message-IDs of the thread, space-separated (References header)',
	}),
];

/** A reply's fields: recipients and subject default to the original's (Message → Reply, Thread → Reply). */
const replyFields: ParamSpec[] = [
	bodyParam('replyToAll', 'Reply to All', 'boolean', {
		default: false,
		description: "Whether the original's To and CC recipients get the reply too (as CC)",
	}),
	...composeFields({ to: false, subject: false }).map((p) =>
		p.name === 'to'
			? { ...p, description: "Recipients; default: the original's Reply-To, else its sender" }
			: p.name === 'subject'
				? { ...p, description: 'The subject; default: "Re: " and the original\'s' }
				: p,
	),
];

const format = (withRaw: boolean): ParamSpec =>
	queryParam('format', 'Format', 'options', {
		default: 'full',
		options: [
			{
				name: 'Full',
				value: 'full',
				description:
					'Headers, text and HTML decoded into fields, attachments listed (and downloaded on request)',
			},
			{ name: 'Metadata', value: 'metadata', description: 'IDs, labels and headers, no body' },
			{ name: 'Minimal', value: 'minimal', description: 'IDs and labels only' },
			...(withRaw
				? [
						{
							name: 'Raw',
							value: 'raw',
							description: 'The whole RFC 2822 message, base64url, in raw',
						},
					]
				: []),
		],
		description: 'How much of the message to return (format)',
	});
const metadataHeaders = queryParam('metadataHeaders', 'Metadata Headers', 'stringList', {
	default: '',
	placeholder: 'From, Subject, Date',
	description: 'With Format Metadata: only these headers (metadataHeaders); default: all',
});
const download: ParamSpec[] = [
	queryParam('downloadAttachments', 'Download Attachments', 'boolean', {
		default: false,
		description:
			'Whether the attachments are downloaded as binary data (Format Full; 5 quota units each)',
	}),
	queryParam('binaryPrefix', 'Attachment Prefix', 'string', {
		default: 'attachment_',
		description: 'The binary properties of the attachments: this prefix and 0, 1, 2…',
	}),
];
const page = (itemsPath: string) => ({
	type: 'cursor' as const,
	cursorParam: 'pageToken',
	nextCursorPath: 'nextPageToken',
	itemsPath,
	limitParam: 'maxResults',
	pageSize: 100,
});

const messageOps: OperationSpec[] = [
	{
		id: 'send',
		name: 'Send',
		action: 'Send a message',
		description:
			'Send an e-mail with text and/or HTML, attachments from binary data, CC/BCC, optionally in a thread',
		method: 'POST',
		path: `${USER}/messages/send`,
		hook: 'sendMessage',
		scopes: SEND,
		...cost(100),
		docsUrl: `${REF}/users.messages/send`,
		params: [...composeFields({ to: true, subject: true }), ...threadFields],
	},
	{
		id: 'reply',
		name: 'Reply',
		action: 'Reply to a message',
		description:
			'Answer a message in its thread: In-Reply-To and References from the original, "Re: " its subject, to its sender unless To is given',
		method: 'POST',
		path: `${USER}/messages/send`,
		hook: 'replyToMessage',
		scopes: [...SEND, ...READ],
		...cost(100),
		docsUrl: 'https://developers.google.com/gmail/api/guides/threads',
		params: [
			// Read by the hook (the original's headers), not a segment of the send's path.
			{ ...messageId, in: 'body', description: 'The message to answer (its ID)' },
			...replyFields,
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a message',
		description:
			'Read a message: headers, text and HTML as fields, attachments to binary data on request',
		method: 'GET',
		path: `${USER}/messages/{messageId}`,
		hook: 'getMessage',
		scopes: READ,
		...cost(5),
		docsUrl: `${REF}/users.messages/get`,
		params: [messageId, format(true), metadataHeaders, ...download],
	},
	{
		id: 'getMany',
		name: 'Search',
		action: 'Search messages',
		description:
			'List messages (their ID and thread ID) matching a Gmail search and labels, newest first; Get reads each',
		method: 'GET',
		path: `${USER}/messages`,
		scopes: READ,
		...cost(5),
		paginate: true,
		docsUrl: `${REF}/users.messages/list`,
		params: [q, labelIds, includeSpamTrash],
	},
	{
		id: 'modify',
		name: 'Modify Labels',
		action: 'Add or remove labels of a message',
		method: 'POST',
		path: `${USER}/messages/{messageId}/modify`,
		body: 'json',
		scopes: MODIFY,
		idempotent: true,
		...cost(5),
		docsUrl: `${REF}/users.messages/modify`,
		params: [messageId, addLabels, removeLabels],
	},
	{
		id: 'markRead',
		name: 'Mark as Read',
		action: 'Mark a message as read',
		method: 'POST',
		path: `${USER}/messages/{messageId}/modify`,
		body: 'json',
		fixedBody: { removeLabelIds: ['UNREAD'] },
		scopes: MODIFY,
		idempotent: true,
		...cost(5),
		docsUrl: `${REF}/users.messages/modify`,
		params: [messageId],
	},
	{
		id: 'markUnread',
		name: 'Mark as Unread',
		action: 'Mark a message as unread',
		method: 'POST',
		path: `${USER}/messages/{messageId}/modify`,
		body: 'json',
		fixedBody: { addLabelIds: ['UNREAD'] },
		scopes: MODIFY,
		idempotent: true,
		...cost(5),
		docsUrl: `${REF}/users.messages/modify`,
		params: [messageId],
	},
	{
		id: 'trash',
		name: 'Move to Trash',
		action: 'Move a message to the trash',
		description: 'Move a message to the trash (deleted for good by Gmail after 30 days)',
		method: 'POST',
		path: `${USER}/messages/{messageId}/trash`,
		scopes: MODIFY,
		idempotent: true,
		...cost(5),
		docsUrl: `${REF}/users.messages/trash`,
		params: [messageId],
	},
	{
		id: 'untrash',
		name: 'Remove From Trash',
		action: 'Take a message out of the trash',
		method: 'POST',
		path: `${USER}/messages/{messageId}/untrash`,
		scopes: MODIFY,
		idempotent: true,
		...cost(5),
		docsUrl: `${REF}/users.messages/untrash`,
		params: [messageId],
	},
	{
		id: 'delete',
		name: 'Delete Permanently',
		action: 'Delete a message permanently',
		description:
			'Delete a message for good, skipping the trash: needs the credential\'s Gmail Access "Delete Permanently" (https://mail.google.com/)',
		method: 'DELETE',
		path: `${USER}/messages/{messageId}`,
		response: { onEmpty: { deleted: true } },
		scopes: FULL,
		...cost(10),
		docsUrl: `${REF}/users.messages/delete`,
		params: [messageId],
	},
];

const draftOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a draft',
		description:
			'Save a message as a draft: text and/or HTML, attachments, CC/BCC, optionally in a thread',
		method: 'POST',
		path: `${USER}/drafts`,
		hook: 'createDraft',
		scopes: COMPOSE,
		...cost(10),
		docsUrl: `${REF}/users.drafts/create`,
		params: [...composeFields({ to: false, subject: true }), ...threadFields],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a draft',
		description: "A draft's ID and its message, read like Message → Get",
		method: 'GET',
		path: `${USER}/drafts/{draftId}`,
		hook: 'getDraft',
		scopes: COMPOSE,
		...cost(5),
		docsUrl: `${REF}/users.drafts/get`,
		params: [draftId, format(true), metadataHeaders, ...download],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'List drafts',
		method: 'GET',
		path: `${USER}/drafts`,
		scopes: COMPOSE,
		...cost(5),
		paginate: page('drafts'),
		docsUrl: `${REF}/users.drafts/list`,
		params: [q, includeSpamTrash],
	},
	{
		id: 'send',
		name: 'Send',
		action: 'Send a draft',
		description: 'Send a draft as it is; the draft is gone afterwards',
		method: 'POST',
		path: `${USER}/drafts/send`,
		body: 'json',
		scopes: COMPOSE,
		...cost(100),
		docsUrl: `${REF}/users.drafts/send`,
		params: [
			bodyParam('id', 'Draft ID', 'string', {
				name: 'draftId',
				bodyPath: 'id',
				default: '',
				required: true,
				description: 'The draft to send (its ID)',
			}),
		],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a draft',
		description: 'Delete a draft for good (drafts have no trash)',
		method: 'DELETE',
		path: `${USER}/drafts/{draftId}`,
		response: { onEmpty: { deleted: true } },
		scopes: COMPOSE,
		...cost(10),
		docsUrl: `${REF}/users.drafts/delete`,
		params: [draftId],
	},
];

const visibility = (name: string, displayName: string, values: string[], description: string) =>
	bodyParam(name, displayName, 'options', {
		default: values[0],
		options: values.map((value) => ({
			name: value.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()),
			value,
		})),
		description,
	});

const labelOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'List labels',
		description: "The account's system and user labels (Gmail lists them all at once)",
		method: 'GET',
		path: `${USER}/labels`,
		response: { path: 'labels' },
		// labels.list answers every label in one page: Return All / Limit keep the first Limit of it. Version 1
		// workflows were saved without them and keep getting every label.
		wholeList: true,
		listSince: 2,
		scopes: READ,
		...cost(1),
		docsUrl: `${REF}/users.labels/list`,
		params: [],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a label',
		description: 'A label with its message and thread counts',
		method: 'GET',
		path: `${USER}/labels/{labelId}`,
		scopes: READ,
		...cost(1),
		docsUrl: `${REF}/users.labels/get`,
		params: [labelId],
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a label',
		method: 'POST',
		path: `${USER}/labels`,
		body: 'json',
		scopes: MODIFY,
		...cost(5),
		docsUrl: `${REF}/users.labels/create`,
		params: [
			bodyParam('name', 'Name', 'string', {
				default: '',
				required: true,
				placeholder: 'Invoices/2026',
				description: 'The label\'s name; "/" nests it under another (name)',
			}),
			visibility(
				'labelListVisibility',
				'Label List Visibility',
				['labelShow', 'labelShowIfUnread', 'labelHide'],
				'Whether the label shows in the label list (labelListVisibility)',
			),
			visibility(
				'messageListVisibility',
				'Message List Visibility',
				['show', 'hide'],
				'Whether the label shows on messages in the message list (messageListVisibility)',
			),
		],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a label',
		description: 'Delete a user label; its messages stay, without it',
		method: 'DELETE',
		path: `${USER}/labels/{labelId}`,
		response: { onEmpty: { deleted: true } },
		scopes: MODIFY,
		...cost(5),
		docsUrl: `${REF}/users.labels/delete`,
		params: [labelId],
	},
];

const threadOps: OperationSpec[] = [
	{
		id: 'reply',
		name: 'Reply',
		action: 'Reply to a thread',
		description:
			'Answer a thread\'s last message in the thread: In-Reply-To and References from it, "Re: " its subject, to its sender unless To is given',
		method: 'POST',
		path: `${USER}/messages/send`,
		hook: 'replyToThread',
		scopes: [...SEND, ...READ],
		...cost(100),
		docsUrl: 'https://developers.google.com/gmail/api/guides/threads',
		params: [
			// Read by the hook (the thread's last message), not a segment of the send's path.
			{ ...threadId, in: 'body', description: 'The thread to answer (its ID)' },
			...replyFields,
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a thread',
		description: 'A thread and its messages, each read like Message → Get',
		method: 'GET',
		path: `${USER}/threads/{threadId}`,
		hook: 'getThread',
		scopes: READ,
		...cost(10),
		docsUrl: `${REF}/users.threads/get`,
		params: [threadId, format(false), metadataHeaders],
	},
	{
		id: 'getMany',
		name: 'Search',
		action: 'Search threads',
		description: 'List threads (ID, snippet, history ID) matching a Gmail search and labels',
		method: 'GET',
		path: `${USER}/threads`,
		scopes: READ,
		...cost(10),
		paginate: page('threads'),
		docsUrl: `${REF}/users.threads/list`,
		params: [q, labelIds, includeSpamTrash],
	},
	{
		id: 'modify',
		name: 'Modify Labels',
		action: 'Add or remove labels of a thread',
		description: 'Add or remove labels on every message of a thread',
		method: 'POST',
		path: `${USER}/threads/{threadId}/modify`,
		body: 'json',
		scopes: MODIFY,
		idempotent: true,
		...cost(10),
		docsUrl: `${REF}/users.threads/modify`,
		params: [threadId, addLabels, removeLabels],
	},
	{
		id: 'trash',
		name: 'Move to Trash',
		action: 'Move a thread to the trash',
		method: 'POST',
		path: `${USER}/threads/{threadId}/trash`,
		scopes: MODIFY,
		idempotent: true,
		...cost(10),
		docsUrl: `${REF}/users.threads/trash`,
		params: [threadId],
	},
	{
		id: 'untrash',
		name: 'Remove From Trash',
		action: 'Take a thread out of the trash',
		method: 'POST',
		path: `${USER}/threads/{threadId}/untrash`,
		scopes: MODIFY,
		idempotent: true,
		...cost(10),
		docsUrl: `${REF}/users.threads/untrash`,
		params: [threadId],
	},
	{
		id: 'delete',
		name: 'Delete Permanently',
		action: 'Delete a thread permanently',
		description:
			'Delete a thread and all its messages for good, skipping the trash: needs the credential\'s Gmail Access "Delete Permanently" (https://mail.google.com/)',
		method: 'DELETE',
		path: `${USER}/threads/{threadId}`,
		response: { onEmpty: { deleted: true } },
		scopes: FULL,
		...cost(20),
		docsUrl: `${REF}/users.threads/delete`,
		params: [threadId],
	},
];

const attachmentOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Download an attachment',
		description:
			"An attachment's bytes as binary data, by the message's ID and the attachmentId Message → Get lists",
		method: 'GET',
		path: `${USER}/messages/{messageId}/attachments/{attachmentId}`,
		hook: 'getAttachment',
		cacheable: false,
		scopes: READ,
		...cost(5),
		docsUrl: `${REF}/users.messages.attachments/get`,
		params: [
			messageId,
			idParam(
				'attachmentId',
				'Attachment ID',
				'The attachment, as Message → Get lists it in attachments (attachmentId)',
			),
			{
				displayName: 'Binary Property',
				name: 'binaryPropertyName',
				in: 'query',
				type: 'string',
				default: 'data',
				required: true,
				description: "The output item's binary property to put the attachment in",
			},
			queryParam('fileName', 'File Name', 'string', {
				default: '',
				placeholder: 'invoice.pdf',
				description:
					"The binary data's file name (Gmail's answer has none: Message → Get lists it)",
			}),
			queryParam('mimeType', 'MIME Type', 'string', {
				default: '',
				placeholder: 'application/pdf',
				description: "The binary data's type (Message → Get lists it)",
			}),
		],
	},
];

export const gmailSpec: ServiceSpec = {
	id: 'gmail',
	displayName: 'Gmail',
	description:
		'Send, reply to, read, search, label and trash Gmail messages; drafts, labels, threads and attachments',
	docsUrl: 'https://developers.google.com/gmail/api/reference/rest',
	baseUrl: 'https://gmail.googleapis.com',
	...googleConnection([...SEND, ...READ, ...MODIFY, ...COMPOSE]),
	// https://developers.google.com/gmail/api/reference/quota: quota units per method (send 100, get 5, …),
	// 15,000 per user per minute (older page: 250 per user per second, moving average), answered past it with
	// 403 userRateLimitExceeded or 429. A bucket of 250 units refilled at 250 per second keeps both.
	rateLimit: {
		requests: 250,
		windowMs: 1000,
		maxConcurrency: 10,
		headers: [],
		throttled: GOOGLE_THROTTLED,
		cost: { maximum: 250, restorePerSecond: 250, defaultCost: 5 },
	},
	pagination: page('messages'),
	// 2: Label → Get Many has Return All / Limit (version 1 lists every label).
	versions: [1, 2],
	resources: [
		{ id: 'message', name: 'Message', operations: messageOps },
		{ id: 'draft', name: 'Draft', operations: draftOps },
		{ id: 'label', name: 'Label', operations: labelOps },
		{ id: 'thread', name: 'Thread', operations: threadOps },
		{ id: 'attachment', name: 'Attachment', operations: attachmentOps },
	],
	poll: {
		events: [
			{
				value: 'newMessage',
				name: 'New Message',
				description: 'Each new message matching the labels and search, once',
				resource: 'message',
				operation: 'getMany',
				params: ['labelIds', 'q', 'includeSpamTrash'],
				idPath: 'id',
				hook: 'pollHistory',
			},
		],
	},
};

export const gmailDefinition: ServiceDefinition = {
	spec: gmailSpec,
	hooks: gmailHooks,
};
