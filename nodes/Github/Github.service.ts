/**
 * GitHub REST API v3 as data: `Link`-header paging, `x-ratelimit-*` budget with 403/429 throttling,
 * repository webhooks registered through the API and verified with `X-Hub-Signature-256`.
 * Facts: /work/shared/reference/services.md § GitHub, https://docs.github.com/en/rest.
 */
import { bodyParam, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { githubHooks } from './Github.hooks';
import { GITHUB_OAUTH } from './Github.oauth';
export { GITHUB_OAUTH } from './Github.oauth';

export const GITHUB_PAT_CREDENTIAL = 'apiConnGithubApi';
export const GITHUB_APP_CREDENTIAL = 'apiConnGithubOAuth2Api';

const DOCS = 'https://docs.github.com/en/rest';

// Short local names: the operation lists below read as a table of wire keys.
const body = bodyParam;
const query = queryParam;

const NAME_HINT = 'GitHub account names have only letters, digits and single hyphens, e.g. n8n-io.';

const owner: ParamSpec = {
	displayName: 'Repository Owner',
	name: 'owner',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'n8n-io',
	description: 'The user or organization that owns the repository',
	validate: { pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', patternHint: NAME_HINT },
};

const repo: ParamSpec = {
	displayName: 'Repository Name',
	name: 'repo',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'n8n',
	description: 'The repository name, without the owner',
	validate: {
		pattern: '^[A-Za-z0-9._-]+$',
		patternHint: 'Repository names have only letters, digits, ".", "-" and "_" (no owner/ prefix).',
	},
};

const account = (name: string, displayName: string, description: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'octocat',
	description,
	validate: { pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', patternHint: NAME_HINT },
});

const number = (name: string, displayName: string, what: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'number',
	required: true,
	default: 1,
	description: `The ${what} number shown in GitHub (#123 → 123)`,
	validate: { min: 1 },
});

const issueNumber = number('issueNumber', 'Issue Number', 'issue');
const pullNumber = number('pullNumber', 'Pull Request Number', 'pull request');

const direction = query('direction', 'Direction', 'options', {
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
	default: 'desc',
	description: 'Sort order',
});

const labels = body('labels', 'Labels', 'stringList', {
	description: 'Label names to set, e.g. bug, help wanted',
});
const assignees = body('assignees', 'Assignees', 'stringList', {
	description: 'Logins of the people to assign, e.g. octocat',
});
const milestone = body('milestone', 'Milestone Number', 'number', {
	description: 'Number of the milestone to associate',
	validate: { min: 1 },
});

const repoFields = (): ParamSpec[] => [
	body('name', 'Name', 'string', {
		required: true,
		placeholder: 'my-project',
		description: 'The name of the new repository',
		validate: {
			pattern: '^[A-Za-z0-9._-]+$',
			patternHint: 'Repository names have only letters, digits, ".", "-" and "_".',
		},
	}),
	body('description', 'Description', 'string', {
		description: 'A short description of the repository',
	}),
	body('homepage', 'Homepage', 'string', {
		placeholder: 'https://example.com',
		description: 'A URL with more information about the repository',
	}),
	body('private', 'Private', 'boolean', {
		default: false,
		description: 'Whether the repository is private',
	}),
	body('auto_init', 'Initialize with README', 'boolean', {
		default: false,
		description: 'Whether to create an initial commit with an empty README',
	}),
	body('has_issues', 'Has Issues', 'boolean', {
		default: true,
		description: 'Whether issues are enabled',
	}),
	body('has_wiki', 'Has Wiki', 'boolean', {
		default: true,
		description: 'Whether the wiki is enabled',
	}),
	body('gitignore_template', '.gitignore Template', 'string', {
		placeholder: 'Node',
		description: 'Name of a .gitignore template to apply, e.g. Node (needs Initialize with README)',
	}),
	body('license_template', 'License Template', 'string', {
		placeholder: 'mit',
		description:
			'Keyword of an open source license to add, e.g. mit (needs Initialize with README)',
	}),
];

const repositoryOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get a repository',
		method: 'GET',
		path: '/repos/{owner}/{repo}',
		scopes: ['repo'],
		params: [owner, repo],
		docsUrl: `${DOCS}/repos/repos#get-a-repository`,
	},
	{
		id: 'getManyForUser',
		name: 'Get Many for User',
		action: "Get many of a user's repositories",
		method: 'GET',
		path: '/users/{username}/repos',
		scopes: ['repo'],
		paginate: true,
		params: [
			account('username', 'Username', 'The login of the user whose public repositories to list'),
			query('type', 'Type', 'options', {
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Member', value: 'member' },
					{ name: 'Owner', value: 'owner' },
				],
				default: 'owner',
				description: 'Which repositories to list',
			}),
			query('sort', 'Sort By', 'options', {
				options: [
					{ name: 'Created', value: 'created' },
					{ name: 'Full Name', value: 'full_name' },
					{ name: 'Pushed', value: 'pushed' },
					{ name: 'Updated', value: 'updated' },
				],
				default: 'full_name',
				description: 'Property to sort by',
			}),
			direction,
		],
		docsUrl: `${DOCS}/repos/repos#list-repositories-for-a-user`,
	},
	{
		id: 'getManyForOrg',
		name: 'Get Many for Organization',
		action: "Get many of an organization's repositories",
		method: 'GET',
		path: '/orgs/{org}/repos',
		scopes: ['repo'],
		paginate: true,
		params: [
			account('org', 'Organization', 'The login of the organization'),
			query('type', 'Type', 'options', {
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Forks', value: 'forks' },
					{ name: 'Member', value: 'member' },
					{ name: 'Private', value: 'private' },
					{ name: 'Public', value: 'public' },
					{ name: 'Sources', value: 'sources' },
				],
				default: 'all',
				description: 'Which repositories to list',
			}),
			query('sort', 'Sort By', 'options', {
				options: [
					{ name: 'Created', value: 'created' },
					{ name: 'Full Name', value: 'full_name' },
					{ name: 'Pushed', value: 'pushed' },
					{ name: 'Updated', value: 'updated' },
				],
				default: 'created',
				description: 'Property to sort by',
			}),
			direction,
		],
		docsUrl: `${DOCS}/repos/repos#list-organization-repositories`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a repository for the authenticated user',
		method: 'POST',
		path: '/user/repos',
		scopes: ['repo'],
		params: repoFields(),
		docsUrl: `${DOCS}/repos/repos#create-a-repository-for-the-authenticated-user`,
	},
	{
		id: 'createForOrg',
		name: 'Create in Organization',
		action: 'Create a repository in an organization',
		method: 'POST',
		path: '/orgs/{org}/repos',
		scopes: ['repo'],
		params: [
			account('org', 'Organization', 'The organization to create the repository in'),
			...repoFields(),
		],
		docsUrl: `${DOCS}/repos/repos#create-an-organization-repository`,
	},
];

const issueOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create an issue',
		method: 'POST',
		path: '/repos/{owner}/{repo}/issues',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			body('title', 'Title', 'string', { required: true, description: 'The title of the issue' }),
			body('body', 'Body', 'string', { description: 'The text of the issue (Markdown)' }),
			assignees,
			labels,
			milestone,
		],
		docsUrl: `${DOCS}/issues/issues#create-an-issue`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get an issue',
		method: 'GET',
		path: '/repos/{owner}/{repo}/issues/{issueNumber}',
		scopes: ['repo'],
		params: [owner, repo, issueNumber],
		docsUrl: `${DOCS}/issues/issues#get-an-issue`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update an issue',
		method: 'PATCH',
		path: '/repos/{owner}/{repo}/issues/{issueNumber}',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			issueNumber,
			body('title', 'Title', 'string', { description: 'The new title' }),
			body('body', 'Body', 'string', { description: 'The new text (Markdown)' }),
			body('state', 'State', 'options', {
				options: [
					{ name: 'Closed', value: 'closed' },
					{ name: 'Open', value: 'open' },
				],
				default: 'open',
				description: 'Open or close the issue',
			}),
			body('state_reason', 'State Reason', 'options', {
				options: [
					{ name: 'Completed', value: 'completed' },
					{ name: 'Not Planned', value: 'not_planned' },
					{ name: 'Reopened', value: 'reopened' },
				],
				default: 'completed',
				description: 'Why the state changed',
			}),
			assignees,
			labels,
			milestone,
		],
		docsUrl: `${DOCS}/issues/issues#update-an-issue`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many issues of a repository',
		method: 'GET',
		path: '/repos/{owner}/{repo}/issues',
		scopes: ['repo'],
		paginate: true,
		params: [
			owner,
			repo,
			query('state', 'State', 'options', {
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'Open', value: 'open' },
				],
				default: 'open',
				description: 'Which issues to return',
			}),
			query('labels', 'Labels', 'string', {
				placeholder: 'bug,ui',
				description: 'Only issues with all of these labels (comma-separated)',
			}),
			query('assignee', 'Assignee', 'string', {
				description: 'Login of the assignee, "none" for unassigned or "*" for any',
			}),
			query('creator', 'Creator', 'string', {
				description: 'Login of the user who created the issue',
			}),
			query('mentioned', 'Mentioned', 'string', {
				description: 'Login of a user mentioned in the issue',
			}),
			query('since', 'Updated Since', 'dateTime', {
				description: 'Only issues updated at or after this time',
			}),
			query('sort', 'Sort By', 'options', {
				options: [
					{ name: 'Comments', value: 'comments' },
					{ name: 'Created', value: 'created' },
					{ name: 'Updated', value: 'updated' },
				],
				default: 'created',
				description: 'Property to sort by',
			}),
			direction,
		],
		docsUrl: `${DOCS}/issues/issues#list-repository-issues`,
	},
	{
		id: 'createComment',
		name: 'Create Comment',
		action: 'Comment on an issue',
		method: 'POST',
		path: '/repos/{owner}/{repo}/issues/{issueNumber}/comments',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			issueNumber,
			body('body', 'Comment', 'string', {
				required: true,
				description: 'The text of the comment (Markdown)',
			}),
		],
		docsUrl: `${DOCS}/issues/comments#create-an-issue-comment`,
	},
	{
		id: 'lock',
		name: 'Lock',
		action: 'Lock an issue',
		method: 'PUT',
		path: '/repos/{owner}/{repo}/issues/{issueNumber}/lock',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			issueNumber,
			body('lock_reason', 'Lock Reason', 'options', {
				options: [
					{ name: 'Off-Topic', value: 'off-topic' },
					{ name: 'Resolved', value: 'resolved' },
					{ name: 'Spam', value: 'spam' },
					{ name: 'Too Heated', value: 'too heated' },
				],
				default: 'resolved',
				description: 'The reason shown on the issue',
			}),
		],
		response: { onEmpty: { locked: true } },
		docsUrl: `${DOCS}/issues/issues#lock-an-issue`,
	},
];

const pullOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a pull request',
		method: 'POST',
		path: '/repos/{owner}/{repo}/pulls',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			body('title', 'Title', 'string', {
				required: true,
				description: 'The title of the pull request',
			}),
			body('head', 'Head Branch', 'string', {
				required: true,
				placeholder: 'feature-x',
				description: "The branch with your changes; for another owner's fork use owner:branch",
			}),
			body('base', 'Base Branch', 'string', {
				required: true,
				placeholder: 'main',
				description: 'The branch to merge the changes into',
			}),
			body('body', 'Body', 'string', {
				description: 'The description of the pull request (Markdown)',
			}),
			body('draft', 'Draft', 'boolean', {
				default: false,
				description: 'Whether to open the pull request as a draft',
			}),
			body('maintainer_can_modify', 'Maintainers Can Modify', 'boolean', {
				default: true,
				description: 'Whether maintainers of the base repository can push to the head branch',
			}),
		],
		docsUrl: `${DOCS}/pulls/pulls#create-a-pull-request`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a pull request',
		method: 'GET',
		path: '/repos/{owner}/{repo}/pulls/{pullNumber}',
		scopes: ['repo'],
		params: [owner, repo, pullNumber],
		docsUrl: `${DOCS}/pulls/pulls#get-a-pull-request`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many pull requests',
		method: 'GET',
		path: '/repos/{owner}/{repo}/pulls',
		scopes: ['repo'],
		paginate: true,
		params: [
			owner,
			repo,
			query('state', 'State', 'options', {
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'Open', value: 'open' },
				],
				default: 'open',
				description: 'Which pull requests to return',
			}),
			query('head', 'Head', 'string', {
				placeholder: 'octocat:feature-x',
				description: 'Only pull requests from this user:branch',
			}),
			query('base', 'Base Branch', 'string', {
				placeholder: 'main',
				description: 'Only pull requests into this branch',
			}),
			query('sort', 'Sort By', 'options', {
				options: [
					{ name: 'Created', value: 'created' },
					{ name: 'Long-Running', value: 'long-running' },
					{ name: 'Popularity', value: 'popularity' },
					{ name: 'Updated', value: 'updated' },
				],
				default: 'created',
				description: 'Property to sort by',
			}),
			direction,
		],
		docsUrl: `${DOCS}/pulls/pulls#list-pull-requests`,
	},
	{
		id: 'merge',
		name: 'Merge',
		action: 'Merge a pull request',
		method: 'PUT',
		path: '/repos/{owner}/{repo}/pulls/{pullNumber}/merge',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			pullNumber,
			body('merge_method', 'Merge Method', 'options', {
				options: [
					{ name: 'Merge Commit', value: 'merge' },
					{ name: 'Rebase', value: 'rebase' },
					{ name: 'Squash', value: 'squash' },
				],
				default: 'merge',
				description: 'How to merge',
			}),
			body('commit_title', 'Commit Title', 'string', { description: 'Title of the merge commit' }),
			body('commit_message', 'Commit Message', 'string', {
				description: 'Extra detail for the merge commit',
			}),
			body('sha', 'Expected Head SHA', 'string', {
				description:
					'Merge only if the head is still at this commit (protects against merging newer pushes)',
			}),
		],
		// Not blindly re-sent: a merge that went through answers a repeat with 405, which would read as a failure.
		idempotent: false,
		docsUrl: `${DOCS}/pulls/pulls#merge-a-pull-request`,
	},
	{
		id: 'createReview',
		name: 'Create Review',
		action: 'Review a pull request',
		method: 'POST',
		path: '/repos/{owner}/{repo}/pulls/{pullNumber}/reviews',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			pullNumber,
			body('event', 'Review Action', 'options', {
				required: true,
				options: [
					{ name: 'Approve', value: 'APPROVE' },
					{ name: 'Comment', value: 'COMMENT' },
					{ name: 'Request Changes', value: 'REQUEST_CHANGES' },
				],
				default: 'COMMENT',
				description: 'What the review does',
			}),
			body('body', 'Body', 'string', {
				description: 'The review text (required for Comment and Request Changes)',
			}),
			body('commit_id', 'Commit SHA', 'string', {
				description: 'The commit to review; defaults to the latest',
			}),
		],
		docsUrl: `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`,
	},
];

const releaseOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a release',
		method: 'POST',
		path: '/repos/{owner}/{repo}/releases',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			body('tag_name', 'Tag', 'string', {
				required: true,
				placeholder: 'v1.0.0',
				description: 'The tag of the release; created from Target if it does not exist',
			}),
			body('name', 'Name', 'string', { description: 'The title of the release' }),
			body('body', 'Notes', 'string', { description: 'The release notes (Markdown)' }),
			body('target_commitish', 'Target', 'string', {
				placeholder: 'main',
				description: 'Branch or commit SHA the tag is created from (default: the default branch)',
			}),
			body('draft', 'Draft', 'boolean', {
				default: false,
				description: 'Whether to create an unpublished draft',
			}),
			body('prerelease', 'Prerelease', 'boolean', {
				default: false,
				description: 'Whether to mark it as a prerelease',
			}),
			body('generate_release_notes', 'Generate Release Notes', 'boolean', {
				default: false,
				description: 'Whether GitHub writes the notes from the merged pull requests',
			}),
		],
		docsUrl: `${DOCS}/releases/releases#create-a-release`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many releases',
		method: 'GET',
		path: '/repos/{owner}/{repo}/releases',
		scopes: ['repo'],
		paginate: true,
		params: [owner, repo],
		docsUrl: `${DOCS}/releases/releases#list-releases`,
	},
];

const filePath: ParamSpec = {
	displayName: 'File Path',
	name: 'filePath',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'docs/README.md',
	description: 'Path of the file in the repository, folders separated by /',
};

const fileOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get a file',
		description: 'Get a file (its text decoded in decodedContent) or list a folder',
		method: 'GET',
		path: '/repos/{owner}/{repo}/contents/{filePath}',
		scopes: ['repo'],
		hook: 'getFile',
		params: [
			owner,
			repo,
			filePath,
			query('ref', 'Reference', 'string', {
				placeholder: 'main',
				description: 'Branch, tag or commit SHA (default: the default branch)',
			}),
		],
		docsUrl: `${DOCS}/repos/contents#get-repository-content`,
	},
	{
		id: 'createOrUpdate',
		name: 'Create or Update',
		action: 'Create or update a file',
		method: 'PUT',
		path: '/repos/{owner}/{repo}/contents/{filePath}',
		scopes: ['repo'],
		hook: 'putFile',
		// A repeat of a commit that went through is refused (sha mismatch), so the first outcome must be reported.
		idempotent: false,
		params: [
			owner,
			repo,
			filePath,
			body('content', 'File Content', 'string', {
				required: true,
				description: 'The new text of the file (sent base64-encoded)',
			}),
			body('message', 'Commit Message', 'string', {
				required: true,
				placeholder: 'Update README',
				description: 'The message of the commit',
			}),
			body('sha', 'Current File SHA', 'string', {
				description:
					"Required to update an existing file: the blob SHA from File → Get (GitHub refuses the update with 409/422 if it doesn't match)",
			}),
			body('branch', 'Branch', 'string', {
				placeholder: 'main',
				description: 'The branch to commit to (default: the default branch)',
			}),
			body('committerName', 'Committer Name', 'string', {
				bodyPath: 'committer.name',
				description: 'Commit as this person instead of the token owner (with Committer Email)',
			}),
			body('committerEmail', 'Committer Email', 'string', {
				bodyPath: 'committer.email',
				placeholder: 'name@email.com',
				description: 'Email of the committer (with Committer Name)',
			}),
		],
		docsUrl: `${DOCS}/repos/contents#create-or-update-file-contents`,
	},
];

const actionOps: OperationSpec[] = [
	{
		id: 'dispatchWorkflow',
		name: 'Dispatch Workflow',
		action: 'Run a workflow',
		description: 'Start a workflow that has a workflow_dispatch trigger',
		method: 'POST',
		path: '/repos/{owner}/{repo}/actions/workflows/{workflowId}/dispatches',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			{
				displayName: 'Workflow',
				name: 'workflowId',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'ci.yml',
				description: 'The workflow file name (e.g. ci.yml) or its numeric ID',
			},
			body('ref', 'Branch or Tag', 'string', {
				required: true,
				default: 'main',
				description: 'The git reference to run the workflow on',
			}),
			body('inputs', 'Inputs', 'json', {
				description:
					'Workflow inputs as a JSON object, e.g. {"environment": "staging"} (at most 25 keys)',
			}),
		],
		response: { onEmpty: { dispatched: true } },
		docsUrl: `${DOCS}/actions/workflows#create-a-workflow-dispatch-event`,
	},
];

const userOps: OperationSpec[] = [
	{
		id: 'getMe',
		name: 'Get Me',
		action: 'Get the authenticated user',
		method: 'GET',
		path: '/user',
		scopes: ['read:user'],
		docsUrl: `${DOCS}/users/users#get-the-authenticated-user`,
	},
];

/** The repository webhook events a hook can subscribe to (docs: webhook-events-and-payloads). */
const EVENTS: Array<[value: string, name: string, description: string]> = [
	['*', 'Any Event', 'Every event GitHub sends for the repository'],
	[
		'branch_protection_rule',
		'Branch Protection Rule',
		'A branch protection rule was created, edited or deleted',
	],
	['check_run', 'Check Run', 'A check run was created, completed or re-requested'],
	['check_suite', 'Check Suite', 'A check suite was completed or re-requested'],
	['commit_comment', 'Commit Comment', 'A commit was commented on'],
	['create', 'Create', 'A branch or tag was created'],
	['delete', 'Delete', 'A branch or tag was deleted'],
	['deployment', 'Deployment', 'A deployment was created'],
	['deployment_status', 'Deployment Status', 'A deployment status was created'],
	['discussion', 'Discussion', 'A discussion was created, edited, answered, …'],
	[
		'discussion_comment',
		'Discussion Comment',
		'A discussion comment was created, edited or deleted',
	],
	['fork', 'Fork', 'The repository was forked'],
	['gollum', 'Wiki', 'A wiki page was created or updated'],
	[
		'issue_comment',
		'Issue Comment',
		'An issue or pull request comment was created, edited or deleted',
	],
	['issues', 'Issues', 'An issue was opened, edited, closed, labeled, assigned, …'],
	['label', 'Label', 'A label was created, edited or deleted'],
	['member', 'Member', 'A collaborator was added, removed or changed'],
	['milestone', 'Milestone', 'A milestone was created, closed, opened, edited or deleted'],
	['page_build', 'Page Build', 'A GitHub Pages site was built'],
	['public', 'Public', 'The repository was made public'],
	[
		'pull_request',
		'Pull Request',
		'A pull request was opened, edited, closed, merged, synchronized, …',
	],
	[
		'pull_request_review',
		'Pull Request Review',
		'A pull request review was submitted, edited or dismissed',
	],
	[
		'pull_request_review_comment',
		'Pull Request Review Comment',
		'A comment on a pull request diff was created, edited or deleted',
	],
	['push', 'Push', 'Commits were pushed to a branch or tag'],
	['release', 'Release', 'A release was published, created, edited, …'],
	['repository', 'Repository', 'The repository was renamed, archived, transferred, …'],
	['star', 'Star', 'The repository was starred or unstarred'],
	['status', 'Status', 'A commit status changed'],
	['watch', 'Watch', 'Someone started watching (starred) the repository'],
	['workflow_job', 'Workflow Job', 'A GitHub Actions job was queued, started or completed'],
	[
		'workflow_run',
		'Workflow Run',
		'A GitHub Actions workflow run was requested, started or completed',
	],
];

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>` (the sha1 header is ignored). */
/**
 * GitHub's errors in the seed's terms. 403s that are rate limits are told apart by the rate-limit rules above
 * (headers, "secondary rate limit"); the rest are permissions. GitHub answers 404, not 403, for a private
 * repository the token may not see. 422 "Validation Failed" names the field in `errors[]`.
 * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
 */
const GITHUB_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'errors.0.code',
	// Classic tokens: the scopes the token has, and those the endpoint accepts.
	grantedScopesHeader: 'x-oauth-scopes',
	acceptedScopesHeader: 'x-accepted-oauth-scopes',
	notFoundMayBeHidden: true,
	rules: [
		{
			status: [401],
			category: 'auth',
			reason: 'GitHub says "{message}" (the token was revoked, expired or deleted)',
		},
		{ status: [403], category: 'permission' },
		{ status: [404], category: 'notFound' },
		{
			status: [422],
			codes: ['already_exists'],
			category: 'invalid',
			reason: 'a {errors[0].resource} with this value already exists',
		},
		{ status: [422], codes: ['missing_field'], category: 'invalid', reason: 'it is required' },
		{ status: [422], codes: ['invalid'], category: 'invalid', reason: 'its value is not valid' },
		{ status: [422], category: 'invalid' },
	],
};

export const githubSignature: SignatureScheme = {
	header: 'X-Hub-Signature-256',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'sha256=',
};

export const githubSpec: ServiceSpec = {
	id: 'github',
	displayName: 'GitHub',
	description:
		'Work with GitHub repositories, issues, pull requests, releases, files, Actions and users',
	docsUrl: DOCS,
	// The credential's API URL: https://api.github.com, or https://<host>/api/v3 on GitHub Enterprise Server.
	baseUrl: '{server}',
	auth: [
		{ kind: 'bearer', credentialType: GITHUB_PAT_CREDENTIAL, displayName: 'Access Token' },
		{
			kind: 'oauth2',
			credentialType: GITHUB_APP_CREDENTIAL,
			displayName: 'OAuth2',
			oauth2: GITHUB_OAUTH,
		},
	],
	credentialTest: { path: '/user' },
	account: { path: '/user', labelPath: 'login' },
	connection: {
		// Disconnect deletes the OAuth app's grant for the user (docs: "Delete an app authorization"): the
		// app's client id and secret as Basic auth, the token in the JSON body; a personal token has no such endpoint.
		revoke: {
			method: 'DELETE',
			path: '/applications/{clientId}/grant',
			tokenParam: 'access_token',
			tokenIn: 'json',
			clientAuth: 'basic',
			credentialTypes: [GITHUB_APP_CREDENTIAL],
		},
	},
	headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
	// Primary: 5,000 requests/hour per user token; secondary: at most 100 concurrent requests (docs:
	// rate-limits-for-the-rest-api). Exhausted budgets answer 403 or 429 with x-ratelimit-remaining: 0 and
	// the reset as epoch seconds; secondary limits answer 403/429 naming a "secondary rate limit", with retry-after.
	rateLimit: {
		requests: 5000,
		windowMs: 3_600_000,
		maxConcurrency: 100,
		headers: [
			{
				format: 'fields',
				limit: 'x-ratelimit-limit',
				remaining: 'x-ratelimit-remaining',
				reset: 'x-ratelimit-reset',
				resetUnit: 'epoch-seconds',
			},
		],
		throttled: [
			{ status: [403, 429], header: { name: 'x-ratelimit-remaining', in: ['0'] } },
			// Secondary limit without Retry-After: GitHub says to wait at least a minute.
			{
				status: [403],
				body: { path: 'message', matches: 'secondary rate limit' },
				pauseMs: 60_000,
			},
		],
	},
	pagination: { type: 'linkHeader', limitParam: 'per_page', pageSize: 100 },
	requestIdHeader: 'x-github-request-id',
	errorCodes: GITHUB_ERROR_CODES,
	resources: [
		{ id: 'repository', name: 'Repository', operations: repositoryOps },
		{ id: 'issue', name: 'Issue', operations: issueOps },
		{ id: 'pullRequest', name: 'Pull Request', operations: pullOps },
		{ id: 'release', name: 'Release', operations: releaseOps },
		{ id: 'file', name: 'File', operations: fileOps },
		{ id: 'action', name: 'Action', operations: actionOps },
		{ id: 'user', name: 'User', operations: userOps },
	],
	webhook: {
		signature: githubSignature,
		register: 'api',
		// Repository webhooks: the `repo` scope includes them (admin:repo_hook alone would too, but repo is already asked).
		scopes: ['repo'],
		hooks: { checkExists: 'webhookExists', create: 'webhookCreate', delete: 'webhookDelete' },
		eventHeader: 'X-GitHub-Event',
		deliveryIdHeader: 'X-GitHub-Delivery',
		// GitHub pings a new hook (signed, X-GitHub-Event: ping): answered, never run.
		pingEvents: ['ping'],
		allEvents: '*',
		defaultEvents: ['push'],
		events: EVENTS.map(([value, name, description]) => ({ name, value, description })),
		params: [
			{
				displayName: 'Repository Owner',
				name: 'owner',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'n8n-io',
				description: 'The user or organization that owns the repository',
				validate: { pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', patternHint: NAME_HINT },
			},
			{
				displayName: 'Repository Name',
				name: 'repository',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'n8n',
				description: 'The repository to watch (you need admin rights on it)',
				validate: {
					pattern: '^[A-Za-z0-9._-]+$',
					patternHint:
						'Repository names have only letters, digits, ".", "-" and "_" (no owner/ prefix).',
				},
			},
		],
	},
};

export const githubDefinition: ServiceDefinition = { spec: githubSpec, hooks: githubHooks };
