/**
 * GitLab REST API v4 as data: projects, issues, merge requests, pipelines and jobs, repository files, branches,
 * tags, releases and commits on gitlab.com or a self-managed instance (the credential's GitLab URL). Project ids
 * are numeric or the namespaced path, sent as ONE percent-encoded segment (`group%2Fsubgroup%2Fproject`);
 * `Link`-header paging (keyset where GitLab offers it); `RateLimit-*` headers; project or group hooks registered
 * through the API and verified by their secret token (`X-Gitlab-Token`).
 * Facts: /work/shared/reference/services.md § GitLab, https://docs.gitlab.com/api/rest/.
 */
import { bodyParam, enumOptions, pathNumber, queryParam } from '../../lib/spec/params';
import type { IDataObject } from 'n8n-workflow';

import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { GITLAB_EVENTS } from './Gitlab.events';
import { gitlabHooks } from './Gitlab.hooks';
import { GITLAB_OAUTH } from './Gitlab.oauth';
export { GITLAB_OAUTH } from './Gitlab.oauth';

export const GITLAB_TOKEN_CREDENTIAL = 'apiConnGitlabApi';
export const GITLAB_APP_CREDENTIAL = 'apiConnGitlabOAuth2Api';

const DOCS = 'https://docs.gitlab.com/api';
/** Every operation path starts here: the credential's URL is the instance (`https://gitlab.com`), as OAuth's is. */
const API = '/api/v4';

// Short local names: the operation lists below read as a table of wire keys.
const body = bodyParam;
const query = queryParam;
/** Reading needs `read_api`; writing needs `api` (which includes reading). */
const READ = ['read_api'];
const WRITE = ['api'];

const projectId: ParamSpec = {
	displayName: 'Project',
	name: 'projectId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'group/subgroup/project',
	description:
		'The numeric project ID, or the full path with its namespace (e.g. gitlab-org/gitlab), sent as one encoded segment',
};

const iid = (name: string, displayName: string, what: string): ParamSpec =>
	pathNumber(name, displayName, `The ${what} number inside the project (the IID: !12 or #12 → 12)`);

const issueIid = iid('issueIid', 'Issue IID', 'issue');
const mergeRequestIid = iid('mergeRequestIid', 'Merge Request IID', 'merge request');

/** A numeric id GitLab returns in an earlier answer (a pipeline's, a job's `id`). */
const id = (name: string, displayName: string, what: string): ParamSpec =>
	pathNumber(name, displayName, `The numeric ID of the ${what}, as GitLab returns it`);

const pipelineId = id('pipelineId', 'Pipeline ID', 'pipeline');
const jobId = id('jobId', 'Job ID', 'job');

/** A required text in the path (a branch, a tag, a SHA, a file path): always one encoded segment. */
const pathText = (
	name: string,
	displayName: string,
	description: string,
	placeholder: string,
): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder,
	description,
});

const sortDirection = query('sort', 'Sort', 'options', {
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
	default: 'desc',
	description: 'Sort order',
});

const labels = (what: string) =>
	body('labels', 'Labels', 'string', {
		placeholder: 'bug,priority::high',
		description: `Comma-separated label names of the ${what} (replaces the current labels)`,
	});
const assigneeIds = body('assignee_ids', 'Assignee IDs', 'stringList', {
	description: 'Numeric user IDs to assign, comma-separated (an empty list unassigns everyone)',
});
const milestoneId = body('milestone_id', 'Milestone ID', 'number', {
	description: 'The global ID of the milestone to assign',
	validate: { min: 0 },
});
const createdAfter = query('created_after', 'Created After', 'dateTime', {
	description: 'Only those created at or after this time',
});
const updatedAfter = query('updated_after', 'Updated After', 'dateTime', {
	description: 'Only those updated at or after this time',
});
const search = (what: string) =>
	query('search', 'Search', 'string', { description: `Only ${what} whose text contains this` });
const authorUsername = query('author_username', 'Author Username', 'string', {
	description: 'Only those created by this username',
});
const listLabels = query('labels', 'Labels', 'string', {
	placeholder: 'bug,frontend',
	description: 'Comma-separated label names: only those with all of them (None or Any also work)',
});
const listScope = (what: string) =>
	query('scope', 'Scope', 'options', {
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Assigned to Me', value: 'assigned_to_me' },
			{ name: 'Created by Me', value: 'created_by_me' },
		],
		default: 'all',
		description: `Which ${what} to return`,
	});
const noteBody = body('body', 'Comment', 'string', {
	required: true,
	description: 'The text of the comment (Markdown), at most 1,000,000 characters',
});
const internalNote = body('internal', 'Internal', 'boolean', {
	default: false,
	description:
		'Whether the comment is internal (visible only to members with at least Reporter role)',
});
const notesSort = [
	query('sort', 'Sort', 'options', {
		options: [
			{ name: 'Ascending', value: 'asc' },
			{ name: 'Descending', value: 'desc' },
		],
		default: 'desc',
		description: 'Sort order by creation time',
	}),
];

const visibility = (wire = 'visibility') =>
	body(wire, 'Visibility', 'options', {
		options: [
			{ name: 'Internal', value: 'internal' },
			{ name: 'Private', value: 'private' },
			{ name: 'Public', value: 'public' },
		],
		default: 'private',
		description: 'Who can see the project',
	});

/** GitLab's `simple`: fewer fields per project (n8n's lint reserves the field name "simple" for its Simplify pattern). */
const simpleProjects = query('simple', 'Only Main Fields', 'boolean', {
	default: false,
	description: 'Whether to return only the ID, URL, name and path of each project',
});
simpleProjects.name = 'mainFieldsOnly';
simpleProjects.wireName = 'simple';

/**
 * Keyset paging (the default where GitLab offers it: no 50,000-record ceiling, nothing skipped or repeated while
 * the list changes); Offset for an instance too old to offer it for that list (GitLab then answers 400
 * "Keyset pagination is not yet available for this type of request").
 */
const pagination = query('pagination', 'Pagination', 'options', {
	options: [
		{
			name: 'Keyset',
			value: 'keyset',
			description: 'Faster, with no limit on the number of records',
		},
		{ name: 'Offset', value: 'offset', description: 'Page numbers, for older GitLab versions' },
	],
	default: 'keyset',
	description: 'How GitLab pages the list (the next page is always read from the Link header)',
});

const projectOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get a project',
		method: 'GET',
		path: `${API}/projects/{projectId}`,
		scopes: READ,
		rateLimit: { tier: 'projectGet' },
		params: [
			projectId,
			query('statistics', 'Statistics', 'boolean', {
				default: false,
				description: 'Whether to include storage and commit counts (needs Reporter role)',
			}),
			query('license', 'License', 'boolean', {
				default: false,
				description: 'Whether to include the project license',
			}),
		],
		docsUrl: `${DOCS}/projects/#get-a-single-project`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many projects',
		description: 'Projects the token can see, oldest or newest first (keyset paging by ID)',
		method: 'GET',
		path: `${API}/projects`,
		scopes: READ,
		rateLimit: { tier: 'projectList' },
		// Keyset paging: no 50,000-record ceiling and no skipped or repeated projects while they change.
		query: { pagination: 'keyset', order_by: 'id' },
		paginate: true,
		params: [
			query('membership', 'Membership', 'boolean', {
				default: true,
				description: 'Whether to return only projects the user is a member of',
			}),
			query('owned', 'Owned', 'boolean', {
				default: false,
				description: 'Whether to return only projects the user owns',
			}),
			query('starred', 'Starred', 'boolean', {
				default: false,
				description: 'Whether to return only projects the user starred',
			}),
			query('archived', 'Archived', 'boolean', {
				default: false,
				description: 'Whether to return archived (true) or unarchived (false) projects only',
			}),
			search('projects'),
			query('visibility', 'Visibility', 'options', {
				options: [
					{ name: 'Internal', value: 'internal' },
					{ name: 'Private', value: 'private' },
					{ name: 'Public', value: 'public' },
				],
				default: 'private',
				description: 'Only projects with this visibility',
			}),
			simpleProjects,
			{ ...sortDirection, default: 'asc', description: 'Order by project ID' },
			pagination,
		],
		docsUrl: `${DOCS}/projects/#list-all-projects`,
	},
	{
		id: 'getManyForUser',
		name: 'Get Many for User',
		action: 'Get many projects of a user',
		description: 'The projects a user owns (public ones, and private ones the token can see)',
		method: 'GET',
		path: `${API}/users/{userId}/projects`,
		scopes: READ,
		paginate: true,
		params: [
			{
				displayName: 'User',
				name: 'userId',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'john_smith',
				description: 'The username or numeric user ID',
			},
			query('archived', 'Archived', 'boolean', {
				default: false,
				description: 'Whether to return archived (true) or unarchived (false) projects only',
			}),
			search('projects'),
			simpleProjects,
			query('order_by', 'Order By', 'options', {
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'ID', value: 'id' },
					{ name: 'Last Activity At', value: 'last_activity_at' },
					{ name: 'Name', value: 'name' },
					{ name: 'Path', value: 'path' },
					{ name: 'Updated At', value: 'updated_at' },
				],
				default: 'created_at',
				description: 'The field to order by',
			}),
			sortDirection,
		],
		docsUrl: `${DOCS}/projects/#list-a-users-projects`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a project',
		method: 'POST',
		path: `${API}/projects`,
		scopes: WRITE,
		params: [
			body('name', 'Name', 'string', {
				required: true,
				placeholder: 'My Project',
				description: 'The name of the new project',
			}),
			body('path', 'Path', 'string', {
				placeholder: 'my-project',
				description: 'The URL path of the project (default: derived from the name)',
			}),
			body('namespace_id', 'Namespace ID', 'number', {
				description:
					'The group (or user namespace) ID to create it in (default: your own namespace)',
			}),
			body('description', 'Description', 'string', { description: 'A short description' }),
			visibility(),
			body('initialize_with_readme', 'Initialize with README', 'boolean', {
				default: false,
				description: 'Whether to create the default branch with a README',
			}),
			body('default_branch', 'Default Branch', 'string', {
				placeholder: 'main',
				description: 'The name of the default branch (with Initialize with README)',
			}),
		],
		docsUrl: `${DOCS}/projects/#create-a-project`,
	},
	{
		id: 'fork',
		name: 'Fork',
		action: 'Fork a project',
		description:
			'Fork a project into your namespace or a group (the fork finishes in the background)',
		method: 'POST',
		path: `${API}/projects/{projectId}/fork`,
		scopes: WRITE,
		params: [
			projectId,
			body('namespace_path', 'Namespace Path', 'string', {
				placeholder: 'my-group',
				description: 'The group or user path to fork into (default: your own namespace)',
			}),
			body('name', 'Name', 'string', { description: 'The name of the fork' }),
			body('path', 'Path', 'string', { description: 'The URL path of the fork' }),
			body('description', 'Description', 'string', { description: 'The description of the fork' }),
			visibility(),
			body('branches', 'Branches', 'string', {
				placeholder: 'main',
				description: 'Fork only these branches (comma-separated; default: all)',
			}),
		],
		docsUrl: `${DOCS}/project_forks/#fork-a-project`,
	},
];

const issueFields = (): ParamSpec[] => [
	body('description', 'Description', 'string', {
		description: 'The description (Markdown), at most 1,048,576 characters',
	}),
	labels('issue'),
	assigneeIds,
	milestoneId,
	body('due_date', 'Due Date', 'string', {
		placeholder: '2026-12-24',
		description: 'The due date (YYYY-MM-DD)',
		validate: { pattern: '^\\d{4}-\\d{2}-\\d{2}$', patternHint: 'Write the date as YYYY-MM-DD.' },
	}),
	body('confidential', 'Confidential', 'boolean', {
		default: false,
		description: 'Whether the issue is confidential',
	}),
	body('issue_type', 'Issue Type', 'options', {
		options: [
			{ name: 'Incident', value: 'incident' },
			{ name: 'Issue', value: 'issue' },
			{ name: 'Task', value: 'task' },
			{ name: 'Test Case', value: 'test_case' },
		],
		default: 'issue',
		description: 'The type of the issue',
	}),
	body('weight', 'Weight', 'number', {
		description: 'The weight of the issue (Premium and Ultimate)',
		validate: { min: 0 },
	}),
];

/** Close, Reopen and Lock: the edit route with the body values the operation stands for. */
const issueEdit = (
	id: string,
	name: string,
	action: string,
	fixedBody: IDataObject,
	description?: string,
): OperationSpec => ({
	id,
	name,
	action,
	...(description ? { description } : {}),
	method: 'PUT',
	path: `${API}/projects/{projectId}/issues/{issueIid}`,
	scopes: WRITE,
	fixedBody,
	params: [projectId, issueIid],
	docsUrl: `${DOCS}/issues/#edit-an-issue`,
});

/** Comments (notes) on an issue or a merge request: the same two routes under each. */
const noteOps = (
	what: 'issue' | 'merge request',
	route: string,
	iidParam: ParamSpec,
	docs: { create: string; list: string },
): OperationSpec[] => [
	{
		id: 'createNote',
		name: 'Create Comment',
		action: `Comment on ${what === 'issue' ? 'an issue' : 'a merge request'}`,
		method: 'POST',
		path: `${API}/projects/{projectId}/${route}/{${iidParam.name}}/notes`,
		scopes: WRITE,
		params: [projectId, iidParam, noteBody, internalNote],
		docsUrl: `${DOCS}/notes/#${docs.create}`,
	},
	{
		id: 'getNotes',
		name: 'Get Comments',
		action: `Get the comments of ${what === 'issue' ? 'an issue' : 'a merge request'}`,
		method: 'GET',
		path: `${API}/projects/{projectId}/${route}/{${iidParam.name}}/notes`,
		scopes: READ,
		paginate: true,
		params: [projectId, iidParam, ...notesSort],
		docsUrl: `${DOCS}/notes/#${docs.list}`,
	},
];

const issueOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create an issue',
		method: 'POST',
		path: `${API}/projects/{projectId}/issues`,
		scopes: WRITE,
		params: [
			projectId,
			body('title', 'Title', 'string', { required: true, description: 'The title of the issue' }),
			...issueFields(),
		],
		docsUrl: `${DOCS}/issues/#new-issue`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get an issue',
		method: 'GET',
		path: `${API}/projects/{projectId}/issues/{issueIid}`,
		scopes: READ,
		params: [projectId, issueIid],
		docsUrl: `${DOCS}/issues/#single-project-issue`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update an issue',
		method: 'PUT',
		path: `${API}/projects/{projectId}/issues/{issueIid}`,
		scopes: WRITE,
		params: [
			projectId,
			issueIid,
			body('title', 'Title', 'string', { description: 'The new title' }),
			...issueFields(),
			body('add_labels', 'Add Labels', 'string', {
				description: 'Comma-separated labels to add (keeps the others)',
			}),
			body('remove_labels', 'Remove Labels', 'string', {
				description: 'Comma-separated labels to remove',
			}),
			body('state_event', 'State Event', 'options', {
				options: [
					{ name: 'Close', value: 'close' },
					{ name: 'Reopen', value: 'reopen' },
				],
				default: 'close',
				description: 'Close or reopen the issue',
			}),
			body('discussion_locked', 'Discussion Locked', 'boolean', {
				default: false,
				description: 'Whether only project members can comment',
			}),
		],
		docsUrl: `${DOCS}/issues/#edit-an-issue`,
	},
	issueEdit('close', 'Close', 'Close an issue', { state_event: 'close' }),
	issueEdit('reopen', 'Reopen', 'Reopen an issue', { state_event: 'reopen' }),
	issueEdit(
		'lock',
		'Lock',
		'Lock the discussion of an issue',
		{ discussion_locked: true },
		'Only project members can comment afterwards',
	),
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many issues of a project',
		method: 'GET',
		path: `${API}/projects/{projectId}/issues`,
		scopes: READ,
		paginate: true,
		params: [
			projectId,
			query('state', 'State', 'options', {
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'Opened', value: 'opened' },
				],
				default: 'opened',
				description: 'Which issues to return',
			}),
			listLabels,
			query('milestone', 'Milestone', 'string', {
				description: 'Only issues of this milestone title (None or Any also work)',
			}),
			query('assignee_username', 'Assignee Username', 'string', {
				description: 'Only issues assigned to this username',
			}),
			authorUsername,
			search('issues'),
			listScope('issues'),
			query('confidential', 'Confidential', 'boolean', {
				default: false,
				description: 'Whether to return only confidential (true) or only public (false) issues',
			}),
			query('issue_type', 'Issue Type', 'options', {
				options: [
					{ name: 'Incident', value: 'incident' },
					{ name: 'Issue', value: 'issue' },
					{ name: 'Task', value: 'task' },
					{ name: 'Test Case', value: 'test_case' },
				],
				default: 'issue',
				description: 'Only issues of this type',
			}),
			createdAfter,
			updatedAfter,
			query('order_by', 'Order By', 'options', {
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'Due Date', value: 'due_date' },
					{ name: 'Priority', value: 'priority' },
					{ name: 'Relative Position', value: 'relative_position' },
					{ name: 'Title', value: 'title' },
					{ name: 'Updated At', value: 'updated_at' },
				],
				default: 'created_at',
				description: 'The field to order by',
			}),
			sortDirection,
		],
		docsUrl: `${DOCS}/issues/#list-project-issues`,
	},
	...noteOps('issue', 'issues', issueIid, {
		create: 'create-new-issue-note',
		list: 'list-project-issue-notes',
	}),
];

const mrFields = (): ParamSpec[] => [
	body('description', 'Description', 'string', {
		description: 'The description (Markdown), at most 1,048,576 characters',
	}),
	labels('merge request'),
	assigneeIds,
	body('reviewer_ids', 'Reviewer IDs', 'stringList', {
		description: 'Numeric user IDs to request a review from, comma-separated',
	}),
	milestoneId,
	body('remove_source_branch', 'Remove Source Branch', 'boolean', {
		default: false,
		description: 'Whether to delete the source branch when the merge request is merged',
	}),
	body('squash', 'Squash', 'boolean', {
		default: false,
		description: 'Whether to squash the commits into one when merging',
	}),
];

const mergeRequestOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a merge request',
		method: 'POST',
		path: `${API}/projects/{projectId}/merge_requests`,
		scopes: WRITE,
		params: [
			projectId,
			body('source_branch', 'Source Branch', 'string', {
				required: true,
				placeholder: 'feature/login',
				description: 'The branch with the changes',
			}),
			body('target_branch', 'Target Branch', 'string', {
				required: true,
				default: 'main',
				description: 'The branch to merge into',
			}),
			body('title', 'Title', 'string', {
				required: true,
				description: 'The title (start it with "Draft:" to open a draft)',
			}),
			...mrFields(),
			body('target_project_id', 'Target Project ID', 'number', {
				description:
					'The numeric ID of the project to merge into (for a merge request from a fork)',
			}),
		],
		docsUrl: `${DOCS}/merge_requests/#create-mr`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a merge request',
		method: 'GET',
		path: `${API}/projects/{projectId}/merge_requests/{mergeRequestIid}`,
		scopes: READ,
		params: [projectId, mergeRequestIid],
		docsUrl: `${DOCS}/merge_requests/#get-single-mr`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many merge requests of a project',
		method: 'GET',
		path: `${API}/projects/{projectId}/merge_requests`,
		scopes: READ,
		paginate: true,
		params: [
			projectId,
			query('state', 'State', 'options', {
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'Locked', value: 'locked' },
					{ name: 'Merged', value: 'merged' },
					{ name: 'Opened', value: 'opened' },
				],
				default: 'opened',
				description: 'Which merge requests to return',
			}),
			listLabels,
			query('source_branch', 'Source Branch', 'string', {
				description: 'Only merge requests from this branch',
			}),
			query('target_branch', 'Target Branch', 'string', {
				description: 'Only merge requests into this branch',
			}),
			authorUsername,
			query('reviewer_username', 'Reviewer Username', 'string', {
				description: 'Only merge requests this username is asked to review',
			}),
			search('merge requests'),
			listScope('merge requests'),
			createdAfter,
			updatedAfter,
			query('order_by', 'Order By', 'options', {
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'Merged At', value: 'merged_at' },
					{ name: 'Title', value: 'title' },
					{ name: 'Updated At', value: 'updated_at' },
				],
				default: 'created_at',
				description: 'The field to order by',
			}),
			sortDirection,
		],
		docsUrl: `${DOCS}/merge_requests/#list-project-merge-requests`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a merge request',
		method: 'PUT',
		path: `${API}/projects/{projectId}/merge_requests/{mergeRequestIid}`,
		scopes: WRITE,
		params: [
			projectId,
			mergeRequestIid,
			body('title', 'Title', 'string', { description: 'The new title' }),
			body('target_branch', 'Target Branch', 'string', { description: 'The new target branch' }),
			...mrFields(),
			body('state_event', 'State Event', 'options', {
				options: [
					{ name: 'Close', value: 'close' },
					{ name: 'Reopen', value: 'reopen' },
				],
				default: 'close',
				description: 'Close or reopen the merge request',
			}),
			body('discussion_locked', 'Discussion Locked', 'boolean', {
				default: false,
				description: 'Whether only project members can comment',
			}),
		],
		docsUrl: `${DOCS}/merge_requests/#update-mr`,
	},
	{
		id: 'merge',
		name: 'Merge',
		action: 'Merge a merge request',
		method: 'PUT',
		path: `${API}/projects/{projectId}/merge_requests/{mergeRequestIid}/merge`,
		scopes: WRITE,
		// A repeat of a merge that went through fails (405 "Method Not Allowed": already merged): report the first outcome.
		idempotent: false,
		params: [
			projectId,
			mergeRequestIid,
			body('sha', 'Head SHA', 'string', {
				description: 'Merge only if the source branch head is still this commit',
			}),
			body('merge_commit_message', 'Merge Commit Message', 'string', {
				description: 'A custom merge commit message',
			}),
			body('squash', 'Squash', 'boolean', {
				default: false,
				description: 'Whether to squash the commits into one',
			}),
			body('squash_commit_message', 'Squash Commit Message', 'string', {
				description: 'A custom squash commit message',
			}),
			body('should_remove_source_branch', 'Remove Source Branch', 'boolean', {
				default: false,
				description: 'Whether to delete the source branch after merging',
			}),
			body('auto_merge', 'Auto-Merge', 'boolean', {
				default: false,
				description: 'Whether to merge when the pipeline succeeds instead of now (GitLab 17.11+)',
			}),
		],
		docsUrl: `${DOCS}/merge_requests/#merge-a-merge-request`,
	},
	{
		id: 'approve',
		name: 'Approve',
		action: 'Approve a merge request',
		method: 'POST',
		path: `${API}/projects/{projectId}/merge_requests/{mergeRequestIid}/approve`,
		scopes: WRITE,
		params: [
			projectId,
			mergeRequestIid,
			body('sha', 'Head SHA', 'string', {
				description: 'Approve only if the source branch head is still this commit',
			}),
		],
		docsUrl: `${DOCS}/merge_request_approvals/#approve-merge-request`,
	},
	...noteOps('merge request', 'merge_requests', mergeRequestIid, {
		create: 'create-new-merge-request-note',
		list: 'list-all-merge-request-notes',
	}),
	{
		id: 'getDiffs',
		name: 'Get Diffs',
		action: 'Get the diffs of a merge request',
		description: 'One item per changed file, with its diff (GitLab 15.7+)',
		method: 'GET',
		path: `${API}/projects/{projectId}/merge_requests/{mergeRequestIid}/diffs`,
		scopes: READ,
		paginate: true,
		params: [
			projectId,
			mergeRequestIid,
			query('unidiff', 'Unified Diff', 'boolean', {
				default: false,
				description: 'Whether to return the diffs in unified diff format',
			}),
		],
		docsUrl: `${DOCS}/merge_requests/#list-merge-request-diffs`,
	},
	{
		id: 'getChanges',
		name: 'Get Changes',
		action: 'Get a merge request with its changes',
		description:
			'The merge request with all its file changes in one answer (older instances; GitLab deprecated it for Get Diffs)',
		method: 'GET',
		path: `${API}/projects/{projectId}/merge_requests/{mergeRequestIid}/changes`,
		scopes: READ,
		params: [
			projectId,
			mergeRequestIid,
			query('access_raw_diffs', 'Raw Diffs', 'boolean', {
				default: false,
				description: 'Whether to read the diffs from the repository (no size limit on the answer)',
			}),
		],
		docsUrl: `${DOCS}/merge_requests/#get-single-merge-request-changes`,
	},
];

const PIPELINE_STATUSES = [
	'canceled',
	'canceling',
	'created',
	'failed',
	'manual',
	'pending',
	'preparing',
	'running',
	'scheduled',
	'skipped',
	'success',
	'waiting_for_callback',
	'waiting_for_resource',
];

const pipelineOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many pipelines of a project',
		method: 'GET',
		path: `${API}/projects/{projectId}/pipelines`,
		scopes: READ,
		paginate: true,
		params: [
			projectId,
			query('status', 'Status', 'options', {
				options: enumOptions(PIPELINE_STATUSES),
				default: 'success',
				description: 'Only pipelines with this status',
			}),
			query('scope', 'Scope', 'options', {
				options: [
					{ name: 'Branches', value: 'branches' },
					{ name: 'Finished', value: 'finished' },
					{ name: 'Pending', value: 'pending' },
					{ name: 'Running', value: 'running' },
					{ name: 'Tags', value: 'tags' },
				],
				default: 'finished',
				description: 'Only pipelines in this scope',
			}),
			query('ref', 'Ref', 'string', {
				placeholder: 'main',
				description: 'Only pipelines of this branch or tag',
			}),
			query('sha', 'SHA', 'string', { description: 'Only pipelines of this commit' }),
			query('source', 'Source', 'string', {
				placeholder: 'push',
				description:
					'Only pipelines started this way, e.g. push, web, api, schedule, merge_request_event',
			}),
			query('username', 'Username', 'string', {
				description: 'Only pipelines started by this username',
			}),
			updatedAfter,
			query('order_by', 'Order By', 'options', {
				options: [
					{ name: 'ID', value: 'id' },
					{ name: 'Ref', value: 'ref' },
					{ name: 'Status', value: 'status' },
					{ name: 'Updated At', value: 'updated_at' },
					{ name: 'User ID', value: 'user_id' },
				],
				default: 'id',
				description: 'The field to order by',
			}),
			sortDirection,
		],
		docsUrl: `${DOCS}/pipelines/#list-project-pipelines`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a pipeline',
		method: 'GET',
		path: `${API}/projects/{projectId}/pipelines/{pipelineId}`,
		scopes: READ,
		params: [projectId, pipelineId],
		docsUrl: `${DOCS}/pipelines/#get-a-single-pipeline`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Run a pipeline',
		description: 'Start a pipeline on a branch or tag, with CI/CD variables',
		method: 'POST',
		path: `${API}/projects/{projectId}/pipeline`,
		scopes: WRITE,
		hook: 'createPipeline',
		params: [
			projectId,
			body('ref', 'Ref', 'string', {
				required: true,
				default: 'main',
				description: 'The branch or tag to run the pipeline on',
			}),
			body('variables', 'Variables', 'keyValue', {
				description: 'CI/CD variables for this pipeline (sent as env_var variables)',
			}),
		],
		docsUrl: `${DOCS}/pipelines/#create-a-new-pipeline`,
	},
	{
		id: 'retry',
		name: 'Retry',
		action: 'Retry the failed jobs of a pipeline',
		method: 'POST',
		path: `${API}/projects/{projectId}/pipelines/{pipelineId}/retry`,
		scopes: WRITE,
		params: [projectId, pipelineId],
		docsUrl: `${DOCS}/pipelines/#retry-jobs-in-a-pipeline`,
	},
	{
		id: 'cancel',
		name: 'Cancel',
		action: 'Cancel the running jobs of a pipeline',
		method: 'POST',
		path: `${API}/projects/{projectId}/pipelines/{pipelineId}/cancel`,
		scopes: WRITE,
		params: [projectId, pipelineId],
		docsUrl: `${DOCS}/pipelines/#cancel-a-pipelines-jobs`,
	},
];

const JOB_SCOPES = [
	'canceled',
	'canceling',
	'created',
	'failed',
	'manual',
	'pending',
	'preparing',
	'running',
	'scheduled',
	'skipped',
	'success',
	'waiting_for_resource',
];

const jobScope = query('scope[]', 'Scope', 'multiOptions', {
	options: enumOptions(JOB_SCOPES),
	default: [],
	description: 'Only jobs with these statuses',
});

const jobOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many jobs of a project',
		description: 'Newest first (keyset paging)',
		method: 'GET',
		path: `${API}/projects/{projectId}/jobs`,
		scopes: READ,
		rateLimit: { tier: 'jobs' },
		query: { pagination: 'keyset' },
		paginate: true,
		params: [projectId, jobScope, pagination],
		docsUrl: `${DOCS}/jobs/#list-project-jobs`,
	},
	{
		id: 'getManyForPipeline',
		name: 'Get Many for Pipeline',
		action: 'Get many jobs of a pipeline',
		method: 'GET',
		path: `${API}/projects/{projectId}/pipelines/{pipelineId}/jobs`,
		scopes: READ,
		paginate: true,
		params: [
			projectId,
			pipelineId,
			jobScope,
			query('include_retried', 'Include Retried', 'boolean', {
				default: false,
				description: 'Whether to include retried jobs',
			}),
		],
		docsUrl: `${DOCS}/jobs/#list-pipeline-jobs`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a job',
		method: 'GET',
		path: `${API}/projects/{projectId}/jobs/{jobId}`,
		scopes: READ,
		rateLimit: { tier: 'jobs' },
		params: [projectId, jobId],
		docsUrl: `${DOCS}/jobs/#get-a-single-job`,
	},
	{
		id: 'getLog',
		name: 'Get Log',
		action: 'Get the log of a job',
		description: 'The job log (trace) as text in the field "log"',
		method: 'GET',
		path: `${API}/projects/{projectId}/jobs/{jobId}/trace`,
		scopes: READ,
		rateLimit: { tier: 'jobs' },
		hook: 'getJobLog',
		params: [projectId, jobId],
		docsUrl: `${DOCS}/jobs/#get-a-log-file`,
	},
	{
		id: 'play',
		name: 'Play',
		action: 'Run a manual job',
		method: 'POST',
		path: `${API}/projects/{projectId}/jobs/{jobId}/play`,
		scopes: WRITE,
		rateLimit: { tier: 'jobs' },
		hook: 'playJob',
		params: [
			projectId,
			jobId,
			body('job_variables_attributes', 'Variables', 'keyValue', {
				description: 'CI/CD variables for this run of the manual job',
			}),
		],
		docsUrl: `${DOCS}/jobs/#run-a-job`,
	},
	{
		id: 'retry',
		name: 'Retry',
		action: 'Retry a job',
		method: 'POST',
		path: `${API}/projects/{projectId}/jobs/{jobId}/retry`,
		scopes: WRITE,
		rateLimit: { tier: 'jobs' },
		params: [projectId, jobId],
		docsUrl: `${DOCS}/jobs/#retry-a-job`,
	},
	{
		id: 'cancel',
		name: 'Cancel',
		action: 'Cancel a job',
		method: 'POST',
		path: `${API}/projects/{projectId}/jobs/{jobId}/cancel`,
		scopes: WRITE,
		rateLimit: { tier: 'jobs' },
		params: [projectId, jobId],
		docsUrl: `${DOCS}/jobs/#cancel-a-job`,
	},
];

const filePath = pathText(
	'filePath',
	'File Path',
	'Path of the file in the repository, folders separated by / (sent as one encoded segment)',
	'docs/README.md',
);
const fileBranch = (what: string) =>
	body('branch', 'Branch', 'string', {
		required: true,
		default: 'main',
		description: `The branch to ${what}`,
	});
const commitMessage = (example: string) =>
	body('commit_message', 'Commit Message', 'string', {
		required: true,
		placeholder: example,
		description: 'The message of the commit',
	});
const authorFields = [
	body('author_name', 'Author Name', 'string', {
		description: 'Commit as this author instead of the token owner',
	}),
	body('author_email', 'Author Email', 'string', {
		placeholder: 'name@email.com',
		description: 'The email of the commit author',
	}),
];
const fileWriteFields = (action: 'create' | 'update', example: string): ParamSpec[] => [
	projectId,
	filePath,
	fileBranch(`commit to (with Start Branch, it is created)`),
	commitMessage(example),
	body('content', 'File Content', 'string', {
		description:
			'The new text of the file (sent base64-encoded); leave empty and set Input Binary Field to commit binary data',
	}),
	body('binaryPropertyName', 'Input Binary Field', 'string', {
		placeholder: 'data',
		description: 'Commit this binary field of the input item as the file instead of File Content',
	}),
	body('start_branch', 'Start Branch', 'string', {
		description: 'Create Branch from this branch first',
	}),
	...(action === 'update'
		? [
				body('last_commit_id', 'Last Commit ID', 'string', {
					description: "Refuse if the file's last commit is no longer this one (from File → Get)",
				}),
			]
		: []),
	body('execute_filemode', 'Executable', 'boolean', {
		default: false,
		description: 'Whether to set the execute flag on the file',
	}),
	...authorFields,
];

const fileOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get a file',
		description: 'Get a file with its text decoded (decodedContent), or as binary data',
		method: 'GET',
		path: `${API}/projects/{projectId}/repository/files/{filePath}`,
		scopes: READ,
		hook: 'getFile',
		params: [
			projectId,
			filePath,
			query('ref', 'Ref', 'string', {
				required: true,
				default: 'main',
				description: 'The branch, tag or commit SHA to read the file from',
			}),
			query('binaryPropertyName', 'Put File in Binary Field', 'string', {
				placeholder: 'data',
				description: 'Output the file as binary data in this field instead of decoded text',
			}),
		],
		docsUrl: `${DOCS}/repository_files/#get-file-from-repository`,
	},
	{
		id: 'list',
		name: 'List',
		action: 'List the files of a folder',
		description: 'One item per file or folder (the repository tree)',
		method: 'GET',
		path: `${API}/projects/{projectId}/repository/tree`,
		scopes: READ,
		paginate: true,
		params: [
			projectId,
			query('path', 'Folder Path', 'string', {
				placeholder: 'docs',
				description: 'The folder to list (default: the repository root)',
			}),
			query('ref', 'Ref', 'string', {
				placeholder: 'main',
				description: 'The branch, tag or commit SHA (default: the default branch)',
			}),
			query('recursive', 'Recursive', 'boolean', {
				default: false,
				description: 'Whether to list the files of every subfolder too',
			}),
		],
		docsUrl: `${DOCS}/repositories/#list-repository-tree`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a file',
		description: 'Commit a new file (text or binary data)',
		method: 'POST',
		path: `${API}/projects/{projectId}/repository/files/{filePath}`,
		scopes: WRITE,
		hook: 'putFile',
		// A repeat of a commit that went through is refused (the file exists): report the first outcome.
		idempotent: false,
		params: fileWriteFields('create', 'Add README'),
		docsUrl: `${DOCS}/repository_files/#create-new-file-in-repository`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a file',
		description: 'Commit new content of a file (text or binary data)',
		method: 'PUT',
		path: `${API}/projects/{projectId}/repository/files/{filePath}`,
		scopes: WRITE,
		hook: 'putFile',
		idempotent: false,
		params: fileWriteFields('update', 'Update README'),
		docsUrl: `${DOCS}/repository_files/#update-existing-file-in-repository`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a file',
		description: 'Delete a file in a new commit',
		method: 'DELETE',
		path: `${API}/projects/{projectId}/repository/files/{filePath}`,
		scopes: WRITE,
		idempotent: false,
		params: [
			projectId,
			filePath,
			fileBranch('commit to'),
			commitMessage('Delete README'),
			body('last_commit_id', 'Last Commit ID', 'string', {
				description: "Refuse if the file's last commit is no longer this one (from File → Get)",
			}),
			...authorFields,
		],
		response: { onEmpty: { deleted: true } },
		docsUrl: `${DOCS}/repository_files/#delete-existing-file-in-repository`,
	},
];

const branchName = pathText('branch', 'Branch', 'The name of the branch', 'feature/login');
const tagName = pathText('tagName', 'Tag Name', 'The name of the tag', 'v1.2.0');

const branchOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many branches',
		method: 'GET',
		path: `${API}/projects/{projectId}/repository/branches`,
		scopes: READ,
		paginate: true,
		params: [
			projectId,
			search('branches'),
			query('regex', 'Regex', 'string', {
				description: 'Only branches whose name matches this RE2 regular expression',
			}),
		],
		docsUrl: `${DOCS}/branches/#list-repository-branches`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a branch',
		method: 'GET',
		path: `${API}/projects/{projectId}/repository/branches/{branch}`,
		scopes: READ,
		params: [projectId, branchName],
		docsUrl: `${DOCS}/branches/#get-single-repository-branch`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a branch',
		method: 'POST',
		path: `${API}/projects/{projectId}/repository/branches`,
		scopes: WRITE,
		params: [
			projectId,
			body('branch', 'Branch', 'string', {
				required: true,
				placeholder: 'feature/login',
				description: 'The name of the new branch',
			}),
			body('ref', 'Ref', 'string', {
				required: true,
				default: 'main',
				description: 'The branch name or commit SHA to create it from',
			}),
		],
		docsUrl: `${DOCS}/branches/#create-repository-branch`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a branch',
		method: 'DELETE',
		path: `${API}/projects/{projectId}/repository/branches/{branch}`,
		scopes: WRITE,
		params: [projectId, branchName],
		response: { onEmpty: { deleted: true } },
		docsUrl: `${DOCS}/branches/#delete-repository-branch`,
	},
];

const tagOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many tags',
		method: 'GET',
		path: `${API}/projects/{projectId}/repository/tags`,
		scopes: READ,
		paginate: true,
		params: [
			projectId,
			search('tags'),
			query('order_by', 'Order By', 'options', {
				options: [
					{ name: 'Name', value: 'name' },
					{ name: 'Updated', value: 'updated' },
					{ name: 'Version', value: 'version' },
				],
				default: 'updated',
				description: 'The field to order by',
			}),
			sortDirection,
		],
		docsUrl: `${DOCS}/tags/#list-project-repository-tags`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a tag',
		method: 'GET',
		path: `${API}/projects/{projectId}/repository/tags/{tagName}`,
		scopes: READ,
		params: [projectId, tagName],
		docsUrl: `${DOCS}/tags/#get-a-single-repository-tag`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a tag',
		method: 'POST',
		path: `${API}/projects/{projectId}/repository/tags`,
		scopes: WRITE,
		params: [
			projectId,
			body('tag_name', 'Tag Name', 'string', {
				required: true,
				placeholder: 'v1.2.0',
				description: 'The name of the new tag',
			}),
			body('ref', 'Ref', 'string', {
				required: true,
				default: 'main',
				description: 'The branch name or commit SHA to tag',
			}),
			body('message', 'Message', 'string', {
				description: 'Creates an annotated tag with this message',
			}),
		],
		docsUrl: `${DOCS}/tags/#create-a-new-tag`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a tag',
		method: 'DELETE',
		path: `${API}/projects/{projectId}/repository/tags/{tagName}`,
		scopes: WRITE,
		params: [projectId, tagName],
		response: { onEmpty: { deleted: true } },
		docsUrl: `${DOCS}/tags/#delete-a-tag`,
	},
];

const releaseFields = (): ParamSpec[] => [
	body('name', 'Name', 'string', { description: 'The release title' }),
	body('description', 'Description', 'string', {
		description: 'The release notes (Markdown)',
	}),
	body('milestones', 'Milestones', 'stringList', {
		description: 'Titles of the milestones the release belongs to, comma-separated',
	}),
	body('released_at', 'Released At', 'dateTime', {
		description:
			'When the release is ready (default: now); a future date makes an upcoming release',
	}),
];

const releaseTag = pathText('tagName', 'Tag Name', 'The tag the release belongs to', 'v1.2.0');

const releaseOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many releases',
		method: 'GET',
		path: `${API}/projects/{projectId}/releases`,
		scopes: READ,
		paginate: true,
		params: [
			projectId,
			query('order_by', 'Order By', 'options', {
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'Released At', value: 'released_at' },
				],
				default: 'released_at',
				description: 'The field to order by',
			}),
			sortDirection,
		],
		docsUrl: `${DOCS}/releases/#list-releases`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a release',
		method: 'GET',
		path: `${API}/projects/{projectId}/releases/{tagName}`,
		scopes: READ,
		params: [projectId, releaseTag],
		docsUrl: `${DOCS}/releases/#get-a-release-by-a-tag-name`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a release',
		method: 'POST',
		path: `${API}/projects/{projectId}/releases`,
		scopes: WRITE,
		params: [
			projectId,
			body('tag_name', 'Tag Name', 'string', {
				required: true,
				placeholder: 'v1.2.0',
				description: 'The tag of the release (created from Ref when it does not exist)',
			}),
			...releaseFields(),
			body('ref', 'Ref', 'string', {
				placeholder: 'main',
				description: 'The branch or commit SHA to create the tag from, when it does not exist yet',
			}),
			body('tag_message', 'Tag Message', 'string', {
				description: 'Message of the annotated tag created with the release',
			}),
		],
		docsUrl: `${DOCS}/releases/#create-a-release`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a release',
		method: 'PUT',
		path: `${API}/projects/{projectId}/releases/{tagName}`,
		scopes: WRITE,
		params: [projectId, releaseTag, ...releaseFields()],
		docsUrl: `${DOCS}/releases/#update-a-release`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a release',
		description: 'Delete a release (the tag stays)',
		method: 'DELETE',
		path: `${API}/projects/{projectId}/releases/{tagName}`,
		scopes: WRITE,
		params: [projectId, releaseTag],
		docsUrl: `${DOCS}/releases/#delete-a-release`,
	},
];

const commitOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many commits',
		method: 'GET',
		path: `${API}/projects/{projectId}/repository/commits`,
		scopes: READ,
		paginate: true,
		params: [
			projectId,
			query('ref_name', 'Ref', 'string', {
				placeholder: 'main',
				description: 'The branch, tag or commit range to list (default: the default branch)',
			}),
			query('since', 'Since', 'dateTime', { description: 'Only commits after this time' }),
			query('until', 'Until', 'dateTime', { description: 'Only commits before this time' }),
			query('path', 'File Path', 'string', {
				description: 'Only commits that changed this file path',
			}),
			query('author', 'Author', 'string', { description: 'Only commits by this author' }),
			query('with_stats', 'With Stats', 'boolean', {
				default: false,
				description: 'Whether to include the number of added and deleted lines',
			}),
		],
		docsUrl: `${DOCS}/commits/#list-repository-commits`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a commit',
		method: 'GET',
		path: `${API}/projects/{projectId}/repository/commits/{sha}`,
		scopes: READ,
		params: [
			projectId,
			pathText('sha', 'SHA', 'The commit SHA, or a branch or tag name', 'main'),
			query('stats', 'Stats', 'boolean', {
				default: true,
				description: 'Whether to include the number of added and deleted lines',
			}),
		],
		docsUrl: `${DOCS}/commits/#get-a-single-commit`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a commit with several file changes',
		description: 'One commit that creates, updates, moves or deletes several files',
		method: 'POST',
		path: `${API}/projects/{projectId}/repository/commits`,
		scopes: WRITE,
		idempotent: false,
		params: [
			projectId,
			fileBranch('commit to'),
			commitMessage('Update docs'),
			body('actions', 'Actions', 'json', {
				required: true,
				default:
					'[{"action": "create", "file_path": "docs/new.md", "content": "# New"}, {"action": "delete", "file_path": "docs/old.md"}]',
				description:
					'The file changes as a JSON list of {action: create, update, move, delete or chmod; file_path; content; …}',
			}),
			body('start_branch', 'Start Branch', 'string', {
				description: 'Create Branch from this branch first',
			}),
			...authorFields,
		],
		docsUrl: `${DOCS}/commits/#create-a-commit-with-multiple-files-and-actions`,
	},
];

const userOps: OperationSpec[] = [
	{
		id: 'getMe',
		name: 'Get Me',
		action: 'Get the connected account',
		description: 'The user the token belongs to',
		method: 'GET',
		path: `${API}/user`,
		scopes: READ,
		docsUrl: `${DOCS}/users/#retrieve-the-current-user`,
	},
];

/**
 * GitLab's errors in the seed's terms (https://docs.gitlab.com/api/rest/troubleshooting/): `{ "message": … }` or
 * `{ "error": …, "error_description": … }` for OAuth; 401 the token, 403 the role or a `read_api` token writing
 * ("insufficient_scope"), 404 also for a project the token may not see, 400/422 a field, 409 a conflict.
 */
const GITLAB_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'error',
	notFoundMayBeHidden: true,
	rules: [
		{
			status: [401],
			category: 'auth',
			reason:
				'GitLab says the token is not valid (it was revoked or expired, or is for another instance)',
		},
		{
			status: [403],
			codes: ['insufficient_scope'],
			category: 'permission',
			reason: 'the token lacks the {scope} scope ({error_description})',
		},
		{
			status: [403],
			category: 'permission',
			reason: 'GitLab says "{message}": your role in the project or group does not allow it',
		},
		{ status: [404], category: 'notFound' },
		{ status: [400, 422], category: 'invalid' },
		{
			status: [409],
			category: 'invalid',
			reason: 'it conflicts with what exists (GitLab: {message})',
		},
	],
};

/** `X-Gitlab-Token: <the secret token given at registration>`: a shared token, not a signature. */
/**
 * GitLab retries a delivery it got no answer for (and a user may press *Resend request*) with the same bytes and
 * `Idempotency-Key`; it counts a 4xx answer as a failure and disables a hook after consecutive failures. A copy of
 * an accepted delivery is therefore answered 200 and starts nothing, rather than 401.
 */
export const gitlabSignature: SignatureScheme = {
	header: 'X-Gitlab-Token',
	algorithm: 'token',
	resendsSameBytes: true,
};

export const gitlabSpec: ServiceSpec = {
	id: 'gitlab',
	displayName: 'GitLab',
	description:
		'Work with GitLab projects, issues, merge requests, pipelines, jobs, files, branches, tags, releases and commits',
	docsUrl: `${DOCS}/rest/`,
	// The credential's GitLab URL: https://gitlab.com, or a self-managed instance's (paths add /api/v4).
	baseUrl: '{server}',
	auth: [
		{ kind: 'apiKey', credentialType: GITLAB_TOKEN_CREDENTIAL, displayName: 'Access Token' },
		{
			kind: 'oauth2',
			credentialType: GITLAB_APP_CREDENTIAL,
			displayName: 'OAuth2',
			oauth2: GITLAB_OAUTH,
		},
	],
	credentialTest: { path: `${API}/user` },
	account: { path: `${API}/user`, labelPath: 'username' },
	connection: {
		revoke: [
			// The OAuth token: RFC 7009, Doorkeeper's /oauth/revoke on the instance; revoking the refresh token ends
			// its access token too.
			{
				method: 'POST',
				path: '/oauth/revoke',
				token: 'refreshElseAccess',
				tokenIn: 'form',
				tokenTypeHint: true,
				clientAuth: 'oauth2',
				credentialTypes: [GITLAB_APP_CREDENTIAL],
			},
			// An access token (personal, project or group: a bot user's personal token) revokes itself, signed with
			// itself (GitLab 15.0+; @gitbeaker's PersonalAccessTokens.remove() without an id).
			{
				method: 'DELETE',
				path: `${API}/personal_access_tokens/self`,
				tokenIn: 'none',
				credentialTypes: [GITLAB_TOKEN_CREDENTIAL],
			},
		],
		// An access token ends on its expiry date (at most a year ahead on GitLab.com) and nothing renews it: the
		// Connections Monitor asks GitLab for the date and warns a week before. OAuth2 tokens are refreshed.
		tokenExpiry: {
			path: `${API}/personal_access_tokens/self`,
			expiresAtPath: 'expires_at',
			warnMs: 7 * 86_400_000,
			credentialTypes: [GITLAB_TOKEN_CREDENTIAL],
		},
	},
	// GitLab.com: 2,000 authenticated API requests per minute per user; project jobs 600/min, GET /projects/:id
	// 400/min, GET /projects 2,000 per 10 min (the documented per-endpoint limits). Every answer reports the
	// throttle it counts against in RateLimit-* (reset as epoch seconds); a 429 adds Retry-After.
	rateLimit: {
		requests: 2000,
		windowMs: 60_000,
		headers: [
			{
				format: 'fields',
				limit: 'ratelimit-limit',
				remaining: 'ratelimit-remaining',
				reset: 'ratelimit-reset',
				resetUnit: 'epoch-seconds',
			},
		],
		tiers: {
			jobs: { requests: 600, windowMs: 60_000 },
			projectGet: { requests: 400, windowMs: 60_000 },
			projectList: { requests: 2000, windowMs: 600_000 },
		},
	},
	pagination: { type: 'linkHeader', limitParam: 'per_page', pageSize: 100 },
	requestIdHeader: 'x-request-id',
	errorCodes: GITLAB_ERROR_CODES,
	// Alphabetical, as n8n's lint wants resource lists.
	resources: [
		{ id: 'branch', name: 'Branch', operations: branchOps },
		{ id: 'commit', name: 'Commit', operations: commitOps },
		{ id: 'file', name: 'File', operations: fileOps },
		{ id: 'issue', name: 'Issue', operations: issueOps },
		{ id: 'job', name: 'Job', operations: jobOps },
		{ id: 'mergeRequest', name: 'Merge Request', operations: mergeRequestOps },
		{ id: 'pipeline', name: 'Pipeline', operations: pipelineOps },
		{ id: 'project', name: 'Project', operations: projectOps },
		{ id: 'release', name: 'Release', operations: releaseOps },
		{ id: 'tag', name: 'Tag', operations: tagOps },
		{ id: 'user', name: 'User', operations: userOps },
	],
	webhook: {
		signature: gitlabSignature,
		register: 'api',
		// Managing project hooks needs the Maintainer role and the api scope (group hooks: Owner).
		scopes: WRITE,
		hooks: { checkExists: 'webhookExists', create: 'webhookCreate', delete: 'webhookDelete' },
		eventHeader: 'X-Gitlab-Event',
		// The delivery id (and the replay guard's key): stable across GitLab's retries and re-sends of one delivery
		// (GitLab 17.4+). Not X-Gitlab-Event-UUID: GitLab gives every event one request or job sends to a hook the
		// same value (it serves recursion detection), so distinct events share it; it stays in the output headers.
		deliveryIdHeader: 'Idempotency-Key',
		defaultEvents: ['Push Hook'],
		// Sorted by name, as n8n's lint wants option lists.
		events: GITLAB_EVENTS.map(([value, name, description]) => ({ name, value, description })).sort(
			(a, b) => a.name.localeCompare(b.name),
		),
		params: [
			{
				displayName: 'Hook On',
				name: 'scope',
				type: 'options',
				options: [
					{ name: 'Project', value: 'project', description: 'A project hook (Maintainer role)' },
					{
						name: 'Group',
						value: 'group',
						description:
							'A group hook: events of every project in the group (Owner role; Premium and Ultimate)',
					},
				],
				default: 'project',
				required: true,
				description: 'Where to register the webhook',
			},
			{
				displayName: 'Project or Group',
				name: 'target',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'group/subgroup/project',
				description:
					'The numeric ID or the full path (e.g. gitlab-org/gitlab) of the project or group to watch',
			},
			{
				displayName: 'Branch Filter',
				name: 'branchFilter',
				type: 'string',
				default: '',
				placeholder: 'main',
				description:
					'Push events only for branches matching this wildcard pattern (empty: every branch)',
			},
		],
	},
};

export const gitlabDefinition: ServiceDefinition = { spec: gitlabSpec, hooks: gitlabHooks };
