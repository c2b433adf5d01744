/**
 * Jira Cloud REST API v3 as data: issues (Atlassian Document Format built from plain text), the enhanced JQL
 * search with its `nextPageToken` paging, transitions ("workflows"), comments, worklogs, attachments from and to
 * binary data, watchers, issue links, projects with their components and versions, users; Jira's
 * `{errorMessages, errors{field}}` answers; 429 with `Retry-After` and the `X-RateLimit-*` headers; a trigger on
 * admin webhooks registered through the webhook REST API with a secret (`X-Hub-Signature: sha256=…`).
 * Methods and paths are checked against jira.js (test/conformance/jira-sdk.test.ts).
 * Facts: /work/shared/reference/services.md § Jira Cloud, https://developer.atlassian.com/cloud/jira/platform/rest/v3/.
 */
import { binaryFieldParam, bodyParam, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { JIRA_DYNAMIC_EVENTS, jiraHooks } from './Jira.hooks';
import { JIRA_ACCESSIBLE_RESOURCES, JIRA_DC_CREDENTIAL, JIRA_OAUTH } from './Jira.oauth';

export const JIRA_SITE_CREDENTIAL = 'apiConnJiraApi';
export const JIRA_APP_CREDENTIAL = 'apiConnJiraOAuth2Api';
export { JIRA_DC_CREDENTIAL };
const DC_REF = 'https://docs.atlassian.com/software/jira/docs/api/REST/latest';
const REF = 'https://developer.atlassian.com/cloud/jira/platform/rest/v3';
const DAY_MS = 86_400_000;

// OAuth 2.0 (3LO) classic scopes per endpoint, as each operation's reference page lists them.
const READ = ['read:jira-work'];
const WRITE = ['write:jira-work'];
const READ_WRITE = ['read:jira-work', 'write:jira-work'];
const USER = ['read:jira-user'];
const WEBHOOK = ['manage:jira-webhook'];

/** An API value as an option name: `renderedFields` → `Rendered Fields`, `comment_created` → `Comment Created`. */
const titled = (v: string) =>
	v
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.split(/[_\s]+/)
		.map((w) => w[0].toUpperCase() + w.slice(1))
		.join(' ');

const body = bodyParam;
const query = queryParam;

const webhookIds = body('webhookIds', 'Webhook IDs', 'stringList', {
	default: '',
	required: true,
	placeholder: '10000,10001',
	description:
		'The IDs of the webhooks, comma-separated (webhookIds), as Register or Get Many return them',
});

const issueKey: ParamSpec = {
	displayName: 'Issue ID or Key',
	name: 'issueIdOrKey',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'PROJ-123',
	description: 'The issue key (PROJ-123) or its numeric ID (issueIdOrKey)',
};
const projectKey: ParamSpec = {
	displayName: 'Project ID or Key',
	name: 'projectIdOrKey',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'PROJ',
	description: 'The project key (PROJ) or its numeric ID (projectIdOrKey)',
};
const idParam = (displayName: string, description: string): ParamSpec => ({
	displayName,
	name: 'id',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description,
	validate: {
		pattern: '^\\d+$',
		patternHint: `Jira ${displayName}s are digits only (e.g. 10000).`,
	},
});
const accountId = (where: 'query' | 'body', required = true): ParamSpec => ({
	displayName: 'Account ID',
	name: 'accountId',
	in: where,
	type: 'string',
	default: '',
	required,
	placeholder: '5b10ac8d82e05b22cc7d4ef5',
	description: 'The Atlassian account ID of the user (accountId), as User → Search returns it',
});
/** Text turned into an Atlassian Document Format document by the `shapeRequest` hook (or ADF JSON as it is). */
const adfText = (wire: string, displayName: string, required: boolean): ParamSpec =>
	body(wire, displayName, 'string', {
		default: '',
		required,
		description:
			'Plain text (blank lines start new paragraphs), sent as an Atlassian Document Format document; a JSON ADF document ({"type": "doc", …}) is sent as it is',
	});
const expand = (values: string[]): ParamSpec =>
	query('expand', 'Expand', 'multiOptions', {
		default: [],
		queryFormat: 'comma',
		options: values.map((v) => ({ name: titled(v), value: v })),
		description: 'Extra information to include in the answer (expand)',
	});
const fieldsList = query('fields', 'Fields', 'stringList', {
	default: '',
	queryFormat: 'comma',
	placeholder: 'summary,status,assignee',
	description:
		'The fields to return, comma-separated (fields): field IDs, *all, *navigable, or -field to leave one out',
});
const startAtPaging = (itemsPath: string, pageSize: number) => ({
	paginate: {
		type: 'offset' as const,
		offsetParam: 'startAt',
		limitParam: 'maxResults',
		pageSize,
		itemsPath,
	},
});

/** Issue fields shared by Create and Update (under `fields` in the body). */
const issueFields = (create: boolean): ParamSpec[] => [
	body('fields.summary', 'Summary', 'string', {
		name: 'summary',
		default: '',
		required: create,
		description: 'The issue title (summary)',
	}),
	{ ...adfText('fields.description', 'Description', false), name: 'description' },
	body('fields.assignee.id', 'Assignee Account ID', 'string', {
		name: 'assigneeId',
		default: '',
		description: 'The Atlassian account ID of the user to assign',
	}),
	body('fields.priority.name', 'Priority Name', 'string', {
		name: 'priority',
		default: '',
		placeholder: 'High',
		description: 'The priority by name (priority.name), e.g. Highest, High, Medium, Low, Lowest',
	}),
	body('fields.labels', 'Labels', 'stringList', {
		name: 'labels',
		default: '',
		description: 'Labels, comma-separated (labels); no spaces inside a label',
	}),
	body('fields.duedate', 'Due Date', 'string', {
		name: 'dueDate',
		default: '',
		placeholder: '2026-12-24',
		description: 'The due date, YYYY-MM-DD (duedate)',
		validate: { pattern: '^\\d{4}-\\d{2}-\\d{2}$', patternHint: 'Write the date as YYYY-MM-DD.' },
	}),
	body('fields.parent.key', 'Parent Issue Key', 'string', {
		name: 'parentKey',
		default: '',
		placeholder: 'PROJ-1',
		description: 'The parent issue (parent.key): the epic, or the issue a sub-task belongs to',
	}),
	body('customFields', 'Other Fields (JSON)', 'json', {
		default: '{}',
		description:
			'Any other fields as a JSON object merged into "fields", e.g. {"customfield_10011": "Epic name", "components": [{"name": "API"}]}',
	}),
];

const issueOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create an issue',
		description: 'Create an issue or a sub-task; the description is built as an ADF document',
		method: 'POST',
		path: '/rest/api/3/issue',
		shape: 'shapeRequest',
		scopes: READ_WRITE,
		// Batch Items: up to 50 issues per bulk request; an issue Jira refuses is its own item's error.
		listBatch: {
			size: 50,
			in: 'body',
			list: 'issueUpdates',
			answerList: 'issues',
			path: '/rest/api/3/issue/bulk',
			failures: {
				list: 'errors',
				index: 'failedElementNumber',
				status: 'status',
				body: 'elementErrors',
			},
		},
		docsUrl: `${REF}/api-group-issues/#api-rest-api-3-issue-post`,
		params: [
			body('fields.project.key', 'Project Key', 'string', {
				name: 'projectKey',
				default: '',
				required: true,
				placeholder: 'PROJ',
				description: 'The project the issue belongs to (project.key)',
			}),
			body('fields.issuetype.name', 'Issue Type Name', 'string', {
				name: 'issueType',
				default: 'Task',
				required: true,
				placeholder: 'Task',
				description: 'The issue type by name (issuetype.name): Task, Bug, Story, Epic, Subtask…',
			}),
			...issueFields(true),
			query('updateHistory', 'Update History', 'boolean', {
				default: false,
				description: "Whether the project is added to the user's recently viewed projects",
			}),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get an issue',
		method: 'GET',
		path: '/rest/api/3/issue/{issueIdOrKey}',
		scopes: READ,
		docsUrl: `${REF}/api-group-issues/#api-rest-api-3-issue-issueidorkey-get`,
		params: [
			issueKey,
			fieldsList,
			expand(['renderedFields', 'names', 'schema', 'transitions', 'editmeta', 'changelog']),
		],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update an issue',
		description: 'Edit fields of an issue (204: the answer is {"updated": true})',
		method: 'PUT',
		path: '/rest/api/3/issue/{issueIdOrKey}',
		shape: 'shapeRequest',
		scopes: WRITE,
		response: { onEmpty: { updated: true } },
		docsUrl: `${REF}/api-group-issues/#api-rest-api-3-issue-issueidorkey-put`,
		params: [
			issueKey,
			...issueFields(false),
			query('notifyUsers', 'Notify Users', 'boolean', {
				default: true,
				description: 'Whether watchers get an e-mail about the change (notifyUsers)',
			}),
		],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete an issue',
		method: 'DELETE',
		path: '/rest/api/3/issue/{issueIdOrKey}',
		scopes: WRITE,
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/api-group-issues/#api-rest-api-3-issue-issueidorkey-delete`,
		params: [
			issueKey,
			query('deleteSubtasks', 'Delete Subtasks', 'boolean', {
				default: false,
				description:
					'Whether its sub-tasks are deleted too (deleteSubtasks); an issue with sub-tasks cannot be deleted otherwise',
			}),
		],
	},
	{
		id: 'assign',
		name: 'Assign',
		action: 'Assign an issue',
		description: 'Assign the issue to a user',
		method: 'PUT',
		path: '/rest/api/3/issue/{issueIdOrKey}/assignee',
		scopes: WRITE,
		response: { onEmpty: { assigned: true } },
		docsUrl: `${REF}/api-group-issues/#api-rest-api-3-issue-issueidorkey-assignee-put`,
		params: [issueKey, { ...accountId('body'), required: true }],
	},
	{
		id: 'getTransitions',
		name: 'Get Transitions',
		action: 'Get the transitions of an issue',
		description: 'The workflow transitions the issue can take now, with their IDs',
		method: 'GET',
		path: '/rest/api/3/issue/{issueIdOrKey}/transitions',
		scopes: READ,
		response: { path: 'transitions' },
		// Jira answers these lists whole: Return All / Limit keep the first Limit of the answer. Version 1
		// workflows were saved without them and keep getting the whole list.
		wholeList: true,
		listSince: 2,
		docsUrl: `${REF}/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get`,
		params: [
			issueKey,
			query('expand', 'Include Fields', 'options', {
				default: '',
				options: [
					{ name: 'No', value: '' },
					{ name: 'Yes (Transitions.fields)', value: 'transitions.fields' },
				],
				description: 'Whether each transition lists the fields its screen asks for (expand)',
			}),
		],
	},
	{
		id: 'transition',
		name: 'Transition',
		action: 'Transition an issue',
		description: 'Move the issue along its workflow (Get Transitions lists the IDs)',
		method: 'POST',
		path: '/rest/api/3/issue/{issueIdOrKey}/transitions',
		scopes: WRITE,
		response: { onEmpty: { transitioned: true } },
		docsUrl: `${REF}/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post`,
		params: [
			issueKey,
			body('transition.id', 'Transition ID', 'string', {
				name: 'transitionId',
				default: '',
				required: true,
				placeholder: '31',
				description: 'The ID of the transition to take, from Get Transitions',
			}),
			body('fields', 'Fields (JSON)', 'json', {
				default: '{}',
				description:
					'Fields the transition screen sets, e.g. {"resolution": {"name": "Done"}} (fields)',
			}),
		],
	},
	{
		id: 'search',
		name: 'Search (JQL)',
		action: 'Search issues with JQL',
		description:
			'Issues that match a JQL query, through the enhanced search (nextPageToken paging)',
		method: 'GET',
		path: '/rest/api/3/search/jql',
		scopes: READ,
		cacheable: false,
		paginate: {
			type: 'cursor',
			cursorParam: 'nextPageToken',
			nextCursorPath: 'nextPageToken',
			itemsPath: 'issues',
			limitParam: 'maxResults',
			pageSize: 100,
		},
		docsUrl: `${REF}/api-group-issue-search/#api-rest-api-3-search-jql-get`,
		// Data Center has no enhanced search: its JQL search pages by startAt.
		byAuth: {
			[JIRA_DC_CREDENTIAL]: {
				path: '/rest/api/2/search',
				paginate: {
					type: 'offset',
					offsetParam: 'startAt',
					limitParam: 'maxResults',
					pageSize: 100,
					itemsPath: 'issues',
				},
				docsUrl: `${DC_REF}/#api/2/search-search`,
			},
		},
		params: [
			query('jql', 'JQL', 'string', {
				default: '',
				required: true,
				placeholder: 'project = PROJ AND status != Done ORDER BY created DESC',
				description:
					'The JQL query (jql); it must be bounded (e.g. name a project), as the enhanced search requires',
			}),
			{ ...fieldsList, default: '' },
			expand(['renderedFields', 'names', 'schema', 'transitions', 'changelog']),
		],
	},
	{
		id: 'notify',
		name: 'Notify',
		action: 'Send a notification about an issue',
		description: 'E-mail the issue watchers, assignee or reporter',
		method: 'POST',
		path: '/rest/api/3/issue/{issueIdOrKey}/notify',
		scopes: WRITE,
		response: { onEmpty: { notified: true } },
		docsUrl: `${REF}/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post`,
		params: [
			issueKey,
			body('subject', 'Subject', 'string', { default: '', required: true }),
			body('textBody', 'Text Body', 'string', { default: '', required: true }),
			body('to.watchers', 'To Watchers', 'boolean', { name: 'toWatchers', default: true }),
			body('to.assignee', 'To Assignee', 'boolean', { name: 'toAssignee', default: false }),
			body('to.reporter', 'To Reporter', 'boolean', { name: 'toReporter', default: false }),
		],
	},
];

const commentOps: OperationSpec[] = [
	{
		id: 'add',
		name: 'Add',
		action: 'Add a comment to an issue',
		method: 'POST',
		path: '/rest/api/3/issue/{issueIdOrKey}/comment',
		shape: 'shapeRequest',
		scopes: READ_WRITE,
		docsUrl: `${REF}/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post`,
		params: [issueKey, adfText('body', 'Comment', true)],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the comments of an issue',
		method: 'GET',
		path: '/rest/api/3/issue/{issueIdOrKey}/comment',
		scopes: READ,
		...startAtPaging('comments', 100),
		docsUrl: `${REF}/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get`,
		params: [
			issueKey,
			query('orderBy', 'Order By', 'options', {
				default: 'created',
				options: [
					{ name: 'Oldest First', value: 'created' },
					{ name: 'Newest First', value: '-created' },
				],
			}),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a comment',
		method: 'GET',
		path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
		scopes: READ,
		docsUrl: `${REF}/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-id-get`,
		params: [issueKey, idParam('Comment ID', 'The ID of the comment')],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a comment',
		method: 'PUT',
		path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
		shape: 'shapeRequest',
		scopes: READ_WRITE,
		docsUrl: `${REF}/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-id-put`,
		params: [
			issueKey,
			idParam('Comment ID', 'The ID of the comment'),
			adfText('body', 'Comment', true),
			query('notifyUsers', 'Notify Users', 'boolean', { default: true }),
		],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a comment',
		method: 'DELETE',
		path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
		scopes: WRITE,
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-id-delete`,
		params: [issueKey, idParam('Comment ID', 'The ID of the comment')],
	},
];

const attachmentOps: OperationSpec[] = [
	{
		id: 'add',
		name: 'Add',
		action: 'Add an attachment to an issue',
		description:
			"Upload the item's binary data as an attachment (multipart, X-Atlassian-Token: no-check)",
		method: 'POST',
		path: '/rest/api/3/issue/{issueIdOrKey}/attachments',
		hook: 'addAttachment',
		scopes: READ_WRITE,
		docsUrl: `${REF}/api-group-issue-attachments/#api-rest-api-3-issue-issueidorkey-attachments-post`,
		params: [
			issueKey,
			binaryFieldParam('The binary property of the input item that holds the file'),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get an attachment',
		description: "An attachment's metadata (name, size, type, author)",
		method: 'GET',
		path: '/rest/api/3/attachment/{id}',
		scopes: READ,
		docsUrl: `${REF}/api-group-issue-attachments/#api-rest-api-3-attachment-id-get`,
		params: [idParam('Attachment ID', 'The ID of the attachment')],
	},
	{
		id: 'download',
		name: 'Download',
		action: 'Download an attachment',
		description: 'The attachment\'s contents as binary data (in the "data" property)',
		method: 'GET',
		path: '/rest/api/3/attachment/content/{id}',
		hook: 'downloadAttachment',
		scopes: READ,
		docsUrl: `${REF}/api-group-issue-attachments/#api-rest-api-3-attachment-content-id-get`,
		params: [idParam('Attachment ID', 'The ID of the attachment')],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete an attachment',
		method: 'DELETE',
		path: '/rest/api/3/attachment/{id}',
		scopes: WRITE,
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/api-group-issue-attachments/#api-rest-api-3-attachment-id-delete`,
		params: [idParam('Attachment ID', 'The ID of the attachment')],
	},
];

const watcherOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the watchers of an issue',
		method: 'GET',
		path: '/rest/api/3/issue/{issueIdOrKey}/watchers',
		scopes: READ,
		response: { path: 'watchers' },
		wholeList: true,
		listSince: 2,
		docsUrl: `${REF}/api-group-issue-watchers/#api-rest-api-3-issue-issueidorkey-watchers-get`,
		params: [issueKey],
	},
	{
		id: 'add',
		name: 'Add',
		action: 'Add a watcher to an issue',
		description: 'The body is the account ID as a JSON string',
		method: 'POST',
		path: '/rest/api/3/issue/{issueIdOrKey}/watchers',
		hook: 'addWatcher',
		scopes: WRITE,
		docsUrl: `${REF}/api-group-issue-watchers/#api-rest-api-3-issue-issueidorkey-watchers-post`,
		params: [issueKey, accountId('body')],
	},
	{
		id: 'remove',
		name: 'Remove',
		action: 'Remove a watcher from an issue',
		method: 'DELETE',
		path: '/rest/api/3/issue/{issueIdOrKey}/watchers',
		scopes: WRITE,
		response: { onEmpty: { removed: true } },
		docsUrl: `${REF}/api-group-issue-watchers/#api-rest-api-3-issue-issueidorkey-watchers-delete`,
		params: [issueKey, accountId('query')],
	},
];

const worklogOps: OperationSpec[] = [
	{
		id: 'add',
		name: 'Add',
		action: 'Log work on an issue',
		method: 'POST',
		path: '/rest/api/3/issue/{issueIdOrKey}/worklog',
		shape: 'shapeRequest',
		scopes: READ_WRITE,
		docsUrl: `${REF}/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-post`,
		params: [
			issueKey,
			body('timeSpentSeconds', 'Time Spent (Seconds)', 'number', {
				default: 3600,
				required: true,
				description: 'The time worked, in seconds (timeSpentSeconds)',
				validate: { min: 60 },
			}),
			body('started', 'Started', 'string', {
				default: '',
				placeholder: '2026-12-03T09:30:00.000+0000',
				description:
					"When the work started (started), in Jira's format yyyy-MM-dd'T'HH:mm:ss.SSSZ; now when empty",
			}),
			adfText('comment', 'Comment', false),
			query('adjustEstimate', 'Adjust Estimate', 'options', {
				default: 'auto',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'Leave', value: 'leave' },
				],
				description: 'How the remaining estimate changes (adjustEstimate)',
			}),
		],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the worklogs of an issue',
		method: 'GET',
		path: '/rest/api/3/issue/{issueIdOrKey}/worklog',
		scopes: READ,
		...startAtPaging('worklogs', 100),
		docsUrl: `${REF}/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-get`,
		params: [issueKey],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a worklog',
		method: 'DELETE',
		path: '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}',
		scopes: WRITE,
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-id-delete`,
		params: [issueKey, idParam('Worklog ID', 'The ID of the worklog')],
	},
];

const issueLinkOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Link two issues',
		description: 'Link an inward and an outward issue with a link type (201: {"linked": true})',
		method: 'POST',
		path: '/rest/api/3/issueLink',
		scopes: READ_WRITE,
		response: { onEmpty: { linked: true } },
		docsUrl: `${REF}/api-group-issue-links/#api-rest-api-3-issuelink-post`,
		params: [
			body('type.name', 'Link Type Name', 'string', {
				name: 'linkType',
				default: 'Relates',
				required: true,
				description: 'The link type by name (type.name): Blocks, Cloners, Duplicate, Relates…',
			}),
			body('inwardIssue.key', 'Inward Issue Key', 'string', {
				name: 'inwardIssueKey',
				default: '',
				required: true,
				placeholder: 'PROJ-2',
				description: 'The issue on the inward side (e.g. "is blocked by")',
			}),
			body('outwardIssue.key', 'Outward Issue Key', 'string', {
				name: 'outwardIssueKey',
				default: '',
				required: true,
				placeholder: 'PROJ-1',
				description: 'The issue on the outward side (e.g. "blocks")',
			}),
		],
	},
];

const projectOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many projects',
		method: 'GET',
		path: '/rest/api/3/project/search',
		scopes: READ,
		...startAtPaging('values', 50),
		docsUrl: `${REF}/api-group-projects/#api-rest-api-3-project-search-get`,
		params: [
			query('query', 'Query', 'string', {
				default: '',
				description: 'Only projects whose key or name contains this text (query)',
			}),
			query('orderBy', 'Order By', 'options', {
				default: 'key',
				options: [
					{ name: 'Key', value: 'key' },
					{ name: 'Name', value: 'name' },
					{ name: 'Category', value: 'category' },
					{ name: 'Last Issue Update', value: 'lastIssueUpdatedTime' },
				],
			}),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a project',
		method: 'GET',
		path: '/rest/api/3/project/{projectIdOrKey}',
		scopes: READ,
		docsUrl: `${REF}/api-group-projects/#api-rest-api-3-project-projectidorkey-get`,
		params: [projectKey, expand(['description', 'issueTypes', 'lead', 'projectKeys'])],
	},
	{
		id: 'getComponents',
		name: 'Get Components',
		action: 'Get the components of a project',
		method: 'GET',
		path: '/rest/api/3/project/{projectIdOrKey}/components',
		scopes: READ,
		wholeList: true,
		listSince: 2,
		docsUrl: `${REF}/api-group-project-components/#api-rest-api-3-project-projectidorkey-components-get`,
		params: [projectKey],
	},
	{
		id: 'getVersions',
		name: 'Get Versions',
		action: 'Get the versions of a project',
		method: 'GET',
		path: '/rest/api/3/project/{projectIdOrKey}/versions',
		scopes: READ,
		wholeList: true,
		listSince: 2,
		docsUrl: `${REF}/api-group-project-versions/#api-rest-api-3-project-projectidorkey-versions-get`,
		params: [projectKey],
	},
	{
		id: 'createComponent',
		name: 'Create Component',
		action: 'Create a component in a project',
		method: 'POST',
		path: '/rest/api/3/component',
		scopes: WRITE,
		docsUrl: `${REF}/api-group-project-components/#api-rest-api-3-component-post`,
		params: [
			body('project', 'Project Key', 'string', {
				default: '',
				required: true,
				placeholder: 'PROJ',
				description: 'The project key (project)',
			}),
			body('name', 'Name', 'string', { default: '', required: true }),
			body('description', 'Description', 'string', { default: '' }),
			body('leadAccountId', 'Lead Account ID', 'string', { default: '' }),
		],
	},
	{
		id: 'createVersion',
		name: 'Create Version',
		action: 'Create a version in a project',
		method: 'POST',
		path: '/rest/api/3/version',
		scopes: WRITE,
		docsUrl: `${REF}/api-group-project-versions/#api-rest-api-3-version-post`,
		params: [
			body('projectId', 'Project ID', 'number', {
				default: 0,
				required: true,
				description: 'The numeric project ID (projectId), as Project → Get returns it',
				validate: { min: 1 },
			}),
			body('name', 'Name', 'string', { default: '', required: true, placeholder: 'v1.2.0' }),
			body('description', 'Description', 'string', { default: '' }),
			body('releaseDate', 'Release Date', 'string', {
				default: '',
				placeholder: '2026-12-24',
				validate: {
					pattern: '^\\d{4}-\\d{2}-\\d{2}$',
					patternHint: 'Write the date as YYYY-MM-DD.',
				},
			}),
			body('released', 'Released', 'boolean', { default: false }),
		],
	},
];

const userOps: OperationSpec[] = [
	{
		id: 'search',
		name: 'Search',
		action: 'Search users',
		description: 'Users whose name or e-mail starts with the query',
		method: 'GET',
		path: '/rest/api/3/user/search',
		scopes: USER,
		...startAtPaging('', 50),
		docsUrl: `${REF}/api-group-user-search/#api-rest-api-3-user-search-get`,
		params: [
			query('query', 'Query', 'string', {
				default: '',
				required: true,
				description: 'Matched against display name and e-mail address (query)',
			}),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a user',
		method: 'GET',
		path: '/rest/api/3/user',
		scopes: USER,
		docsUrl: `${REF}/api-group-users/#api-rest-api-3-user-get`,
		params: [accountId('query'), expand(['groups', 'applicationRoles'])],
	},
	{
		id: 'getMe',
		name: 'Get Me',
		action: 'Get the connected account',
		description: 'The account the credential belongs to',
		method: 'GET',
		path: '/rest/api/3/myself',
		scopes: USER,
		docsUrl: `${REF}/api-group-myself/#api-rest-api-3-myself-get`,
	},
];

const webhookOps: OperationSpec[] = [
	{
		id: 'register',
		name: 'Register',
		action: 'Register a dynamic webhook',
		description:
			'OAuth2 apps only: register a webhook for events matching a JQL filter; it expires after 30 days unless refreshed',
		method: 'POST',
		path: '/rest/api/3/webhook',
		shape: 'shapeRequest',
		scopes: WEBHOOK,
		response: { path: 'webhookRegistrationResult' },
		docsUrl: `${REF}/api-group-webhooks/#api-rest-api-3-webhook-post`,
		params: [
			body('url', 'URL', 'string', {
				default: '',
				required: true,
				placeholder: 'https://your-n8n.example.com/webhook/…',
				description: "The URL Jira sends the events to; it must be on the app's own domain",
			}),
			body('events', 'Events', 'multiOptions', {
				default: ['jira:issue_created'],
				required: true,
				options: JIRA_DYNAMIC_EVENTS.map((v) => ({
					name: titled(v.replace(/^jira:/, '')),
					value: v,
				})),
				description: 'The events to send (webhooks[0].events)',
			}),
			body('jqlFilter', 'JQL Filter', 'string', {
				default: '',
				required: true,
				placeholder: 'project = PROJ',
				description:
					'Which issues the webhook covers (webhooks[0].jqlFilter); only a subset of JQL is supported',
			}),
		],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the dynamic webhooks of the app',
		method: 'GET',
		path: '/rest/api/3/webhook',
		scopes: WEBHOOK,
		...startAtPaging('values', 100),
		docsUrl: `${REF}/api-group-webhooks/#api-rest-api-3-webhook-get`,
	},
	{
		id: 'refresh',
		name: 'Refresh',
		action: 'Extend the life of dynamic webhooks',
		description:
			'Push the expiry of the webhooks 30 days ahead (run it on a schedule, e.g. weekly)',
		method: 'PUT',
		path: '/rest/api/3/webhook/refresh',
		scopes: WEBHOOK,
		docsUrl: `${REF}/api-group-webhooks/#api-rest-api-3-webhook-refresh-put`,
		shape: 'shapeRequest',
		params: [webhookIds],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete dynamic webhooks',
		method: 'DELETE',
		path: '/rest/api/3/webhook',
		scopes: WEBHOOK,
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/api-group-webhooks/#api-rest-api-3-webhook-delete`,
		shape: 'shapeRequest',
		params: [webhookIds],
	},
];

const siteOps: OperationSpec[] = [
	{
		id: 'getAccessible',
		name: 'Get Accessible Sites',
		action: 'Get the accessible sites',
		description:
			"OAuth2 only: the Jira sites (cloud IDs) the connection was granted, for the credential's Cloud ID",
		method: 'GET',
		path: new URL(JIRA_ACCESSIBLE_RESOURCES).pathname,
		hook: 'getAccessibleSites',
		// Any granted scope lists the site; the node's own are read:jira-work and the rest.
		scopes: READ,
		docsUrl:
			'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/#3-1-get-the-cloudid-for-your-site',
	},
];

/**
 * Jira's error body: `{"errorMessages": ["…"], "errors": {"summary": "…"}}`. The engine reads `errors` as a map of
 * rejected fields to messages (the common field-map shape) when `errorMessages` is empty.
 */
const JIRA_ERROR_CODES: ErrorCodesSpec = {
	userMessagePath: 'errorMessages.0',
	rules: [
		{
			status: [401],
			category: 'auth',
			reason: 'the token or API token is invalid, expired or revoked',
		},
		{
			status: [403],
			body: { path: 'errorMessages[*]', matches: 'scope does not match' },
			category: 'permission',
		},
	],
};

/** Admin webhooks with a secret: `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>` (WebSub format). */
export const jiraSignature: SignatureScheme = {
	header: 'X-Hub-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'sha256=',
};

/**
 * Dynamic webhooks of an OAuth 2.0 (3LO) app: Jira sends `Authorization: Bearer <JWT>`, the JWT signed with HS256
 * under the app's client secret. It signs its claims (not the body) and expires within minutes; each token is
 * accepted once (docs/services/jira.md § Trigger).
 */
export const jiraAppJwt: SignatureScheme = {
	header: 'Authorization',
	algorithm: 'jwt-hs256',
	prefix: 'Bearer ',
};

/** The events of Jira's webhooks ("webhookEvent" of each delivery). */
const EVENTS: Array<[string, string]> = [
	['jira:issue_created', 'Issue Created'],
	['jira:issue_updated', 'Issue Updated'],
	['jira:issue_deleted', 'Issue Deleted'],
	['comment_created', 'Comment Created'],
	['comment_updated', 'Comment Updated'],
	['comment_deleted', 'Comment Deleted'],
	['worklog_created', 'Worklog Created'],
	['worklog_updated', 'Worklog Updated'],
	['worklog_deleted', 'Worklog Deleted'],
	['attachment_created', 'Attachment Created'],
	['attachment_deleted', 'Attachment Deleted'],
	['issuelink_created', 'Issue Link Created'],
	['issuelink_deleted', 'Issue Link Deleted'],
	['project_created', 'Project Created'],
	['project_updated', 'Project Updated'],
	['project_deleted', 'Project Deleted'],
	['jira:version_created', 'Version Created'],
	['jira:version_released', 'Version Released'],
	['jira:version_updated', 'Version Updated'],
	['jira:version_deleted', 'Version Deleted'],
	['sprint_started', 'Sprint Started'],
	['sprint_closed', 'Sprint Closed'],
];

export const jiraSpec: ServiceSpec = {
	id: 'jira',
	displayName: 'Jira',
	description:
		'Work with Jira Cloud issues, JQL search, transitions, comments, worklogs, attachments, projects and users',
	docsUrl: REF,
	// The credential's API URL: the site (https://your-site.atlassian.net) for an API token, the gateway
	// (https://api.atlassian.com/ex/jira/{cloudId}) for OAuth 2.0.
	baseUrl: '{apiUrl}',
	auth: [
		{ kind: 'basic', credentialType: JIRA_SITE_CREDENTIAL, displayName: 'API Token' },
		{
			kind: 'bearer',
			credentialType: JIRA_DC_CREDENTIAL,
			displayName: 'Data Center Personal Access Token',
			// Data Center serves the same resources as REST API v2.
			pathPrefix: { from: '/rest/api/3/', to: '/rest/api/2/' },
		},
		{
			kind: 'oauth2',
			credentialType: JIRA_APP_CREDENTIAL,
			displayName: 'OAuth2',
			oauth2: JIRA_OAUTH,
			credentialTest: { path: JIRA_ACCESSIBLE_RESOURCES },
			// The token is for the gateway: the site's cloud id comes from accessible-resources after connecting.
			baseUrlDiscovery: {
				url: JIRA_ACCESSIBLE_RESOURCES,
				valuePath: 'id',
				matchPath: 'url',
				matchField: 'siteUrl',
				matchFieldName: 'Site URL',
				valueField: 'cloudId',
				noun: 'Jira site',
				baseUrl: 'https://api.atlassian.com/ex/jira/{value}',
			},
		},
	],
	credentialTest: { path: '/rest/api/3/myself' },
	account: { path: '/rest/api/3/myself', labelPath: 'emailAddress' },
	headers: { Accept: 'application/json' },
	// Jira Cloud publishes no fixed request count: its burst limit is per tenant, endpoint and method per second
	// and its points budget per hour. 10 requests per second stays below the burst limit of one endpoint; the
	// answers' X-RateLimit-* headers and 429 Retry-After then steer the queue.
	rateLimit: {
		requests: 10,
		windowMs: 1_000,
		maxConcurrency: 10,
		headers: [
			{
				format: 'fields',
				limit: 'x-ratelimit-limit',
				remaining: 'x-ratelimit-remaining',
				reset: 'x-ratelimit-reset',
				resetUnit: 'date',
			},
		],
		// Some 503 answers carry Retry-After too: the engine's 5xx handling honours it.
	},
	pagination: {
		type: 'offset',
		offsetParam: 'startAt',
		limitParam: 'maxResults',
		pageSize: 50,
		itemsPath: 'values',
	},
	requestIdHeader: 'x-arequestid',
	errorCodes: JIRA_ERROR_CODES,
	// 2: the lists Jira answers whole (transitions, components, versions, watchers) have Return All / Limit.
	versions: [1, 2],
	resources: [
		{ id: 'attachment', name: 'Attachment', operations: attachmentOps },
		{ id: 'comment', name: 'Comment', operations: commentOps },
		{ id: 'issue', name: 'Issue', operations: issueOps },
		{ id: 'issueLink', name: 'Issue Link', operations: issueLinkOps },
		{ id: 'project', name: 'Project', operations: projectOps },
		{ id: 'site', name: 'Site', operations: siteOps },
		{ id: 'user', name: 'User', operations: userOps },
		{ id: 'watcher', name: 'Watcher', operations: watcherOps },
		{ id: 'webhook', name: 'Webhook', operations: webhookOps },
		{ id: 'worklog', name: 'Worklog', operations: worklogOps },
	],
	webhook: {
		signature: jiraSignature,
		// Admin webhooks are created by a Jira administrator in System → WebHooks with this node's URL and a
		// secret (docs/services/jira.md); Jira has no API that sets an admin webhook's secret for OAuth apps.
		register: 'manual',
		eventPath: 'webhookEvent',
		// Stable across Jira's retries of one delivery.
		deliveryIdHeader: 'X-Atlassian-Webhook-Identifier',
		// The event time (epoch ms) inside the signed body: older than 72 h is refused. Longer than Jira's retries
		// of a failed delivery, shorter than the 7 days the replay store remembers a delivery id, so a copy is
		// always either remembered or stale.
		bodyTimestamp: { path: 'timestamp', unit: 'ms', maxAgeSeconds: 72 * 3600 },
		allEvents: '*',
		defaultEvents: ['jira:issue_created', 'jira:issue_updated'],
		events: [
			{ name: 'Any Event', value: '*', description: 'Every event the webhook sends' },
			...EVENTS.map(([value, name]) => ({ name, value })).sort((a, b) =>
				a.name.localeCompare(b.name),
			),
		],
		eventsNote:
			'With an API token or a Data Center token: tick the same events (and set a JQL filter) in the admin webhook in Jira; deliveries of other events are answered and start nothing. With OAuth2 the trigger registers them itself (issue and comment events, issue properties).',
		// An OAuth 2.0 app registers a dynamic webhook itself, verified by the JWT Jira signs with the client secret,
		// refreshed weekly (Jira lets it lapse 30 days after registration or the last refresh).
		byAuth: {
			[JIRA_APP_CREDENTIAL]: {
				register: 'api',
				signature: jiraAppJwt,
				secretCredentialField: 'clientSecret',
				hooks: {
					checkExists: 'webhookExists',
					create: 'webhookCreate',
					delete: 'webhookDelete',
				},
				// Refreshed by the Connections Monitor a week after registration or the last refresh (23 of Jira's 30
				// days left): `PUT /rest/api/3/webhook/refresh` with the id; Jira answers the new `expirationDate`.
				renewal: {
					method: 'PUT',
					path: '/rest/api/3/webhook/refresh',
					lifetimeMs: 30 * DAY_MS,
					renewBeforeMs: 23 * DAY_MS,
					expiresAtPath: 'expirationDate',
					body: { webhookIds: ['{hookId:number}'] },
				},
				scopes: WEBHOOK,
				params: [
					{
						displayName: 'JQL Filter',
						name: 'jqlFilter',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'project = PROJ',
						description:
							'Which issues the webhook covers (jqlFilter); dynamic webhooks accept a subset of JQL: project, issuetype, status, assignee, reporter, labels, issuekey… with =, !=, IN, NOT IN',
					},
				],
			},
		},
	},
};

export const jiraDefinition: ServiceDefinition = { spec: jiraSpec, hooks: jiraHooks };
