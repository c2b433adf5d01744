/**
 * GitHub REST API v3 as data: `Link`-header paging, `x-ratelimit-*` budget with 403/429 throttling,
 * repository webhooks registered through the API and verified with `X-Hub-Signature-256`.
 * Facts: /work/shared/reference/services.md § GitHub, https://docs.github.com/en/rest.
 */
import { bodyParam, enumOptions, pathNumber, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { ORG_ONLY_EVENTS } from './Github.events';
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

const number = (name: string, displayName: string, what: string): ParamSpec =>
	pathNumber(name, displayName, `The ${what} number shown in GitHub (#123 → 123)`);

const issueNumber = number('issueNumber', 'Issue Number', 'issue');
const pullNumber = number('pullNumber', 'Pull Request Number', 'pull request');

/** A numeric id GitHub returns in an earlier answer (a release's, a review's, a run's `id`). */
const id = (name: string, displayName: string, from: string): ParamSpec =>
	pathNumber(name, displayName, `The numeric ID of the ${from}, as GitHub returns it`);

/** A required text in the path: a branch, a commit SHA, a label name. */
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

const commentId = id('commentId', 'Comment ID', 'comment');
const releaseId = id('releaseId', 'Release ID', 'release');
const reviewId = id('reviewId', 'Review ID', 'review');
const runId = id('runId', 'Run ID', 'workflow run');
const gitRef = pathText('ref', 'Reference', 'A commit SHA, branch name or tag name', 'main');
const labelName = pathText('name', 'Label Name', 'The name of the label, e.g. bug', 'bug');
const workflowId = pathText(
	'workflowId',
	'Workflow',
	'The workflow file name (e.g. ci.yml) or its numeric ID',
	'ci.yml',
);

const state = (what: string) =>
	query('state', 'State', 'options', {
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Closed', value: 'closed' },
			{ name: 'Open', value: 'open' },
		],
		default: 'open',
		description: `Which ${what} to return`,
	});

const since = (what: string) =>
	query('since', 'Updated Since', 'dateTime', {
		description: `Only ${what} updated at or after this time`,
	});

const direction = query('direction', 'Direction', 'options', {
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
	default: 'desc',
	description: 'Sort order',
});

/** Sort field of the repository lists. */
const repoSort = (defaultValue: string) =>
	query('sort', 'Sort By', 'options', {
		options: [
			{ name: 'Created', value: 'created' },
			{ name: 'Full Name', value: 'full_name' },
			{ name: 'Pushed', value: 'pushed' },
			{ name: 'Updated', value: 'updated' },
		],
		default: defaultValue,
		description: 'Property to sort by',
	});

const issueSort = query('sort', 'Sort By', 'options', {
	options: [
		{ name: 'Comments', value: 'comments' },
		{ name: 'Created', value: 'created' },
		{ name: 'Updated', value: 'updated' },
	],
	default: 'created',
	description: 'Property to sort by',
});

const openOrClose = (what: string) =>
	body('state', 'State', 'options', {
		options: [
			{ name: 'Closed', value: 'closed' },
			{ name: 'Open', value: 'open' },
		],
		default: 'open',
		description: `Open or close the ${what}`,
	});

const maintainerCanModify = body('maintainer_can_modify', 'Maintainers Can Modify', 'boolean', {
	default: true,
	description: 'Whether maintainers of the base repository can push to the head branch',
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
			repoSort('full_name'),
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
			repoSort('created'),
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
	{
		id: 'getLicense',
		name: 'Get License',
		action: 'Get the license of a repository',
		method: 'GET',
		path: '/repos/{owner}/{repo}/license',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			query('ref', 'Reference', 'string', {
				placeholder: 'main',
				description:
					'Branch, tag or commit SHA to read the license from (default: the default branch)',
			}),
		],
		docsUrl: `${DOCS}/licenses/licenses#get-the-license-for-a-repository`,
	},
	{
		id: 'getProfile',
		name: 'Get Community Profile',
		action: 'Get the community profile of a repository',
		description:
			'Health percentage and which community files (README, license, code of conduct, …) exist',
		method: 'GET',
		path: '/repos/{owner}/{repo}/community/profile',
		scopes: ['repo'],
		params: [owner, repo],
		docsUrl: `${DOCS}/metrics/community#get-community-profile-metrics`,
	},
	{
		id: 'getTrafficPaths',
		name: 'Get Top Paths',
		action: 'Get the most visited paths of a repository',
		description: 'The top 10 content paths over the last 14 days (needs push access)',
		method: 'GET',
		path: '/repos/{owner}/{repo}/traffic/popular/paths',
		scopes: ['repo'],
		params: [owner, repo],
		docsUrl: `${DOCS}/metrics/traffic#get-top-referral-paths`,
	},
	{
		id: 'getTrafficReferrers',
		name: 'Get Top Referrers',
		action: 'Get the top referrers of a repository',
		description: 'The top 10 referring sites over the last 14 days (needs push access)',
		method: 'GET',
		path: '/repos/{owner}/{repo}/traffic/popular/referrers',
		scopes: ['repo'],
		params: [owner, repo],
		docsUrl: `${DOCS}/metrics/traffic#get-top-referral-sources`,
	},
];

const commentBody = body('body', 'Comment', 'string', {
	required: true,
	description: 'The text of the comment (Markdown)',
});

/** Issue and pull request comments are one kind: the same route edits both. */
const editComment = (on: string): OperationSpec => ({
	id: 'editComment',
	name: 'Edit Comment',
	action: `Edit a comment on ${on}`,
	method: 'PATCH',
	path: '/repos/{owner}/{repo}/issues/comments/{commentId}',
	scopes: ['repo'],
	params: [owner, repo, commentId, commentBody],
	docsUrl: `${DOCS}/issues/comments#update-an-issue-comment`,
});

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
			openOrClose('issue'),
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
			state('issues'),
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
			since('issues'),
			issueSort,
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
	{
		id: 'getComments',
		name: 'Get Comments',
		action: 'Get many comments of an issue',
		method: 'GET',
		path: '/repos/{owner}/{repo}/issues/{issueNumber}/comments',
		scopes: ['repo'],
		paginate: true,
		params: [owner, repo, issueNumber, since('comments')],
		docsUrl: `${DOCS}/issues/comments#list-issue-comments`,
	},
	editComment('an issue'),
];

/** Close and Reopen: the update route with a fixed state (hook `setPullState`). */
const pullState = (id: string, name: string): OperationSpec => ({
	id,
	name,
	action: `${name} a pull request`,
	method: 'PATCH',
	path: '/repos/{owner}/{repo}/pulls/{pullNumber}',
	scopes: ['repo'],
	hook: 'setPullState',
	params: [owner, repo, pullNumber],
	docsUrl: `${DOCS}/pulls/pulls#update-a-pull-request`,
});

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
			maintainerCanModify,
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
			state('pull requests'),
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
	{
		id: 'update',
		name: 'Update',
		action: 'Update a pull request',
		method: 'PATCH',
		path: '/repos/{owner}/{repo}/pulls/{pullNumber}',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			pullNumber,
			body('title', 'Title', 'string', { description: 'The new title' }),
			body('body', 'Body', 'string', { description: 'The new description (Markdown)' }),
			openOrClose('pull request'),
			body('base', 'Base Branch', 'string', {
				placeholder: 'main',
				description: 'Move the pull request onto this branch of the same repository',
			}),
			maintainerCanModify,
		],
		docsUrl: `${DOCS}/pulls/pulls#update-a-pull-request`,
	},
	pullState('close', 'Close'),
	pullState('reopen', 'Reopen'),
	{
		id: 'createComment',
		name: 'Create Comment',
		action: 'Comment on a pull request',
		description: 'Add a comment to the conversation of a pull request (not on a line of its diff)',
		method: 'POST',
		path: '/repos/{owner}/{repo}/issues/{pullNumber}/comments',
		scopes: ['repo'],
		params: [owner, repo, pullNumber, commentBody],
		docsUrl: `${DOCS}/issues/comments#create-an-issue-comment`,
	},
	editComment('a pull request'),
	{
		id: 'getDiff',
		name: 'Get Diff',
		action: 'Get the diff of a pull request',
		description: 'The unified diff as text (in the "diff" field)',
		method: 'GET',
		path: '/repos/{owner}/{repo}/pulls/{pullNumber}',
		scopes: ['repo'],
		hook: 'getPullText',
		params: [owner, repo, pullNumber],
		docsUrl: `${DOCS}/pulls/pulls#get-a-pull-request`,
	},
	{
		id: 'getPatch',
		name: 'Get Patch',
		action: 'Get the patch of a pull request',
		description: 'The commits as a git format-patch text (in the "patch" field)',
		method: 'GET',
		path: '/repos/{owner}/{repo}/pulls/{pullNumber}',
		scopes: ['repo'],
		hook: 'getPullText',
		params: [owner, repo, pullNumber],
		docsUrl: `${DOCS}/pulls/pulls#get-a-pull-request`,
	},
	{
		id: 'getReview',
		name: 'Get Review',
		action: 'Get a pull request review',
		method: 'GET',
		path: '/repos/{owner}/{repo}/pulls/{pullNumber}/reviews/{reviewId}',
		scopes: ['repo'],
		params: [owner, repo, pullNumber, reviewId],
		docsUrl: `${DOCS}/pulls/reviews#get-a-review-for-a-pull-request`,
	},
	{
		id: 'getManyReviews',
		name: 'Get Many Reviews',
		action: 'Get many reviews of a pull request',
		method: 'GET',
		path: '/repos/{owner}/{repo}/pulls/{pullNumber}/reviews',
		scopes: ['repo'],
		paginate: true,
		params: [owner, repo, pullNumber],
		docsUrl: `${DOCS}/pulls/reviews#list-reviews-for-a-pull-request`,
	},
	{
		id: 'updateReview',
		name: 'Update Review',
		action: 'Update a pull request review',
		description: "Change a review's text",
		method: 'PUT',
		path: '/repos/{owner}/{repo}/pulls/{pullNumber}/reviews/{reviewId}',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			pullNumber,
			reviewId,
			body('body', 'Body', 'string', { required: true, description: 'The new review text' }),
		],
		docsUrl: `${DOCS}/pulls/reviews#update-a-review-for-a-pull-request`,
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
	{
		id: 'get',
		name: 'Get',
		action: 'Get a release',
		method: 'GET',
		path: '/repos/{owner}/{repo}/releases/{releaseId}',
		scopes: ['repo'],
		params: [owner, repo, releaseId],
		docsUrl: `${DOCS}/releases/releases#get-a-release`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a release',
		method: 'PATCH',
		path: '/repos/{owner}/{repo}/releases/{releaseId}',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			releaseId,
			body('tag_name', 'Tag', 'string', { placeholder: 'v1.0.1', description: 'A new tag' }),
			body('name', 'Name', 'string', { description: 'The new title' }),
			body('body', 'Notes', 'string', { description: 'The new release notes (Markdown)' }),
			body('target_commitish', 'Target', 'string', {
				placeholder: 'main',
				description: 'Branch or commit SHA the tag is created from, if the tag does not exist',
			}),
			body('draft', 'Draft', 'boolean', {
				default: false,
				description: 'Whether it is an unpublished draft (false publishes it)',
			}),
			body('prerelease', 'Prerelease', 'boolean', {
				default: false,
				description: 'Whether it is a prerelease',
			}),
			body('make_latest', 'Make Latest', 'options', {
				options: [
					{ name: 'True', value: 'true' },
					{ name: 'False', value: 'false' },
					{ name: 'Legacy (Latest by Date and Version)', value: 'legacy' },
				],
				default: 'true',
				description: 'Whether it becomes the Latest release of the repository',
			}),
		],
		docsUrl: `${DOCS}/releases/releases#update-a-release`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a release',
		description: 'Delete a release (its tag stays)',
		method: 'DELETE',
		path: '/repos/{owner}/{repo}/releases/{releaseId}',
		scopes: ['repo'],
		params: [owner, repo, releaseId],
		response: { onEmpty: { deleted: true } },
		docsUrl: `${DOCS}/releases/releases#delete-a-release`,
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

const fileRef = query('ref', 'Reference', 'string', {
	placeholder: 'main',
	description: 'Branch, tag or commit SHA (default: the default branch)',
});

const fileSha = body('sha', 'Current File SHA', 'string', {
	description:
		"Required to update an existing file: the blob SHA from File → Get (GitHub refuses the update with 409/422 if it doesn't match)",
});

const commitMessage = (placeholder: string) =>
	body('message', 'Commit Message', 'string', {
		required: true,
		placeholder,
		description: 'The message of the commit',
	});

/** Where and as whom a contents change is committed (Committer Name and Email go together). */
const commitOptions: ParamSpec[] = [
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
];

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
			fileRef,
			query('binaryPropertyName', 'Put File in Binary Field', 'string', {
				placeholder: 'data',
				description:
					'Output the file as binary data in this field (any size up to 100 MB) instead of decoded text',
			}),
		],
		docsUrl: `${DOCS}/repos/contents#get-repository-content`,
	},
	{
		id: 'list',
		name: 'List',
		action: 'List the files of a folder',
		description: 'One item per file or folder in a folder of the repository',
		method: 'GET',
		path: '/repos/{owner}/{repo}/contents/{filePath}',
		scopes: ['repo'],
		hook: 'listFiles',
		params: [
			owner,
			repo,
			{
				...filePath,
				displayName: 'Folder Path',
				default: '/',
				placeholder: 'docs',
				description: 'Path of the folder, folders separated by / (just / for the repository root)',
			},
			fileRef,
		],
		docsUrl: `${DOCS}/repos/contents#get-repository-content`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a file',
		description: 'Delete a file in a new commit',
		method: 'DELETE',
		path: '/repos/{owner}/{repo}/contents/{filePath}',
		scopes: ['repo'],
		hook: 'deleteFile',
		idempotent: false,
		params: [
			owner,
			repo,
			filePath,
			commitMessage('Delete README'),
			body('sha', 'Current File SHA', 'string', {
				required: true,
				description:
					"The file's blob SHA from File → Get (GitHub refuses with 409 if it doesn't match)",
			}),
			...commitOptions,
		],
		docsUrl: `${DOCS}/repos/contents#delete-a-file`,
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
				description:
					'The new text of the file (sent base64-encoded); for binary data use Create or Update From Binary',
			}),
			commitMessage('Update README'),
			fileSha,
			...commitOptions,
		],
		docsUrl: `${DOCS}/repos/contents#create-or-update-file-contents`,
	},
	{
		id: 'upload',
		name: 'Create or Update From Binary',
		action: 'Create or update a file from binary data',
		description:
			"Commit a binary field of the input item (an image, a PDF, …) as the file's content",
		method: 'PUT',
		path: '/repos/{owner}/{repo}/contents/{filePath}',
		scopes: ['repo'],
		hook: 'putFile',
		idempotent: false,
		params: [
			owner,
			repo,
			filePath,
			body('binaryPropertyName', 'Input Binary Field', 'string', {
				required: true,
				default: 'data',
				description: 'The binary field of the input item that holds the file',
			}),
			commitMessage('Add logo'),
			fileSha,
			...commitOptions,
		],
		docsUrl: `${DOCS}/repos/contents#create-or-update-file-contents`,
	},
];

const dispatch: OperationSpec = {
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
		workflowId,
		body('ref', 'Branch or Tag', 'string', {
			required: true,
			default: 'main',
			description: 'The git reference to run the workflow on',
		}),
		body('inputs', 'Inputs', 'json', {
			description:
				'Workflow inputs as a JSON object, e.g. {"environment": "staging"} (at most 25 keys)',
		}),
		body('return_run_details', 'Return Run Details', 'boolean', {
			default: false,
			description: 'Whether GitHub answers with the new run (workflow_run_id, run_url, html_url)',
		}),
	],
	response: { onEmpty: { dispatched: true } },
	docsUrl: `${DOCS}/actions/workflows#create-a-workflow-dispatch-event`,
};

const actionOps: OperationSpec[] = [dispatch];

const workflowOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many workflows',
		method: 'GET',
		path: '/repos/{owner}/{repo}/actions/workflows',
		scopes: ['repo'],
		paginate: { type: 'linkHeader', itemsPath: 'workflows', limitParam: 'per_page', pageSize: 100 },
		params: [owner, repo],
		docsUrl: `${DOCS}/actions/workflows#list-repository-workflows`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a workflow',
		method: 'GET',
		path: '/repos/{owner}/{repo}/actions/workflows/{workflowId}',
		scopes: ['repo'],
		params: [owner, repo, workflowId],
		docsUrl: `${DOCS}/actions/workflows#get-a-workflow`,
	},
	{
		id: 'enable',
		name: 'Enable',
		action: 'Enable a workflow',
		method: 'PUT',
		path: '/repos/{owner}/{repo}/actions/workflows/{workflowId}/enable',
		scopes: ['repo'],
		params: [owner, repo, workflowId],
		body: 'none',
		response: { onEmpty: { enabled: true } },
		docsUrl: `${DOCS}/actions/workflows#enable-a-workflow`,
	},
	{
		id: 'disable',
		name: 'Disable',
		action: 'Disable a workflow',
		method: 'PUT',
		path: '/repos/{owner}/{repo}/actions/workflows/{workflowId}/disable',
		scopes: ['repo'],
		params: [owner, repo, workflowId],
		body: 'none',
		response: { onEmpty: { disabled: true } },
		docsUrl: `${DOCS}/actions/workflows#disable-a-workflow`,
	},
	{
		id: 'getUsage',
		name: 'Get Usage',
		action: 'Get the billable time of a workflow',
		description: 'Billable minutes of the current billing cycle, per runner operating system',
		method: 'GET',
		path: '/repos/{owner}/{repo}/actions/workflows/{workflowId}/timing',
		scopes: ['repo'],
		params: [owner, repo, workflowId],
		docsUrl: `${DOCS}/actions/workflows#get-workflow-usage`,
	},
	{ ...dispatch, id: 'dispatch', name: 'Dispatch' },
];

const RUN_STATUSES = [
	'action_required',
	'cancelled',
	'completed',
	'failure',
	'in_progress',
	'neutral',
	'pending',
	'queued',
	'requested',
	'skipped',
	'stale',
	'success',
	'timed_out',
	'waiting',
];

const workflowRunOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many workflow runs',
		method: 'GET',
		path: '/repos/{owner}/{repo}/actions/runs',
		scopes: ['repo'],
		paginate: {
			type: 'linkHeader',
			itemsPath: 'workflow_runs',
			limitParam: 'per_page',
			pageSize: 100,
		},
		params: [
			owner,
			repo,
			query('branch', 'Branch', 'string', {
				placeholder: 'main',
				description: 'Only runs of pushes to this branch',
			}),
			query('event', 'Event', 'string', {
				placeholder: 'push',
				description: 'Only runs started by this event, e.g. push, pull_request, workflow_dispatch',
			}),
			query('status', 'Status', 'options', {
				options: enumOptions(RUN_STATUSES),
				default: 'completed',
				description: 'Only runs with this status or conclusion',
			}),
			query('actor', 'Actor', 'string', {
				description: 'Only runs started by this login',
			}),
			query('head_sha', 'Head SHA', 'string', {
				description: 'Only runs of this commit',
			}),
		],
		docsUrl: `${DOCS}/actions/workflow-runs#list-workflow-runs-for-a-repository`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a workflow run',
		method: 'GET',
		path: '/repos/{owner}/{repo}/actions/runs/{runId}',
		scopes: ['repo'],
		params: [owner, repo, runId],
		docsUrl: `${DOCS}/actions/workflow-runs#get-a-workflow-run`,
	},
	{
		id: 'rerun',
		name: 'Re-Run',
		action: 'Run a workflow run again',
		method: 'POST',
		path: '/repos/{owner}/{repo}/actions/runs/{runId}/rerun',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			runId,
			body('enable_debug_logging', 'Debug Logging', 'boolean', {
				default: false,
				description: 'Whether to turn on debug logging for the re-run',
			}),
		],
		response: { onEmpty: { rerun: true } },
		docsUrl: `${DOCS}/actions/workflow-runs#re-run-a-workflow`,
	},
	{
		id: 'cancel',
		name: 'Cancel',
		action: 'Cancel a workflow run',
		method: 'POST',
		path: '/repos/{owner}/{repo}/actions/runs/{runId}/cancel',
		scopes: ['repo'],
		params: [owner, repo, runId],
		body: 'none',
		response: { onEmpty: { cancelled: true } },
		docsUrl: `${DOCS}/actions/workflow-runs#cancel-a-workflow-run`,
	},
	{
		id: 'getLogs',
		name: 'Download Logs',
		action: 'Download the logs of a workflow run',
		description: 'The logs as a ZIP archive in the binary field "data"',
		method: 'GET',
		path: '/repos/{owner}/{repo}/actions/runs/{runId}/logs',
		scopes: ['repo'],
		hook: 'downloadRunLogs',
		params: [owner, repo, runId],
		docsUrl: `${DOCS}/actions/workflow-runs#download-workflow-run-logs`,
	},
];

const org = account('org', 'Organization', 'The login of the organization');

const organizationOps: OperationSpec[] = [
	{
		id: 'getMembers',
		name: 'Get Members',
		action: 'Get many members of an organization',
		method: 'GET',
		path: '/orgs/{org}/members',
		scopes: ['read:org'],
		paginate: true,
		params: [
			org,
			query('filter', 'Filter', 'options', {
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Two-Factor Disabled', value: '2fa_disabled' },
					{ name: 'Two-Factor Insecure', value: '2fa_insecure' },
				],
				default: 'all',
				description: 'Only members without (secure) two-factor authentication (owners only)',
			}),
			query('role', 'Role', 'options', {
				options: [
					{ name: 'Admin', value: 'admin' },
					{ name: 'All', value: 'all' },
					{ name: 'Member', value: 'member' },
				],
				default: 'all',
				description: 'Only members with this role',
			}),
		],
		docsUrl: `${DOCS}/orgs/members#list-organization-members`,
	},
	{
		id: 'invite',
		name: 'Invite',
		action: 'Invite a user to an organization',
		description: 'Invite someone by e-mail or GitHub user ID (organization owners only)',
		method: 'POST',
		path: '/orgs/{org}/invitations',
		scopes: ['admin:org'],
		params: [
			org,
			body('email', 'Email', 'string', {
				placeholder: 'name@email.com',
				description: 'E-mail address of the person to invite (or set Invitee ID)',
			}),
			body('invitee_id', 'Invitee ID', 'number', {
				description: 'GitHub user ID of the person to invite (or set Email)',
				validate: { min: 1 },
			}),
			body('role', 'Role', 'options', {
				options: [
					{ name: 'Admin', value: 'admin' },
					{ name: 'Billing Manager', value: 'billing_manager' },
					{ name: 'Direct Member', value: 'direct_member' },
					{ name: 'Reinstate', value: 'reinstate' },
				],
				default: 'direct_member',
				description: 'The role of the new member',
			}),
			body('team_ids', 'Team IDs', 'json', {
				description: 'IDs of teams to add the member to, as a JSON list of numbers, e.g. [12, 26]',
			}),
		],
		docsUrl: `${DOCS}/orgs/members#create-an-organization-invitation`,
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
	{
		id: 'getIssues',
		name: 'Get My Issues',
		action: 'Get many issues of the authenticated user',
		description:
			'Issues and pull requests assigned to, created by or mentioning you, across repositories',
		method: 'GET',
		path: '/issues',
		scopes: ['repo'],
		paginate: true,
		params: [
			query('filter', 'Filter', 'options', {
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Assigned', value: 'assigned' },
					{ name: 'Created', value: 'created' },
					{ name: 'Mentioned', value: 'mentioned' },
					{ name: 'Repositories', value: 'repos' },
					{ name: 'Subscribed', value: 'subscribed' },
				],
				default: 'assigned',
				description: 'Which issues to return',
			}),
			state('issues'),
			query('labels', 'Labels', 'string', {
				placeholder: 'bug,ui',
				description: 'Only issues with all of these labels (comma-separated)',
			}),
			issueSort,
			direction,
			since('issues'),
		],
		docsUrl: `${DOCS}/issues/issues#list-issues-assigned-to-the-authenticated-user`,
	},
	{
		id: 'getRepositories',
		name: 'Get My Repositories',
		action: 'Get many repositories of the authenticated user',
		description:
			'Public and private repositories you own, collaborate on or reach through an organization',
		method: 'GET',
		path: '/user/repos',
		scopes: ['repo'],
		paginate: true,
		params: [
			query('visibility', 'Visibility', 'options', {
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Private', value: 'private' },
					{ name: 'Public', value: 'public' },
				],
				default: 'all',
				description: 'Which repositories to return',
			}),
			query('affiliation', 'Affiliation', 'string', {
				placeholder: 'owner,collaborator,organization_member',
				description:
					'Comma-separated: owner, collaborator, organization_member (default: all three)',
			}),
			repoSort('full_name'),
			direction,
		],
		docsUrl: `${DOCS}/repos/repos#list-repositories-for-the-authenticated-user`,
	},
];

const branchOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many branches',
		method: 'GET',
		path: '/repos/{owner}/{repo}/branches',
		scopes: ['repo'],
		paginate: true,
		params: [
			owner,
			repo,
			query('protected', 'Protected Only', 'boolean', {
				default: true,
				description:
					'Whether to return only protected branches (true) or only unprotected ones (false)',
			}),
		],
		docsUrl: `${DOCS}/branches/branches#list-branches`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a branch',
		method: 'GET',
		path: '/repos/{owner}/{repo}/branches/{branch}',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			pathText('branch', 'Branch', 'The branch name, e.g. main or feature/login', 'main'),
		],
		docsUrl: `${DOCS}/branches/branches#get-a-branch`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a branch',
		description: 'Create a branch that starts at a commit',
		method: 'POST',
		path: '/repos/{owner}/{repo}/git/refs',
		scopes: ['repo'],
		hook: 'createBranch',
		params: [
			owner,
			repo,
			body('branch', 'Branch Name', 'string', {
				required: true,
				placeholder: 'feature/login',
				description: 'The name of the new branch (without refs/heads/)',
			}),
			body('sha', 'From Commit SHA', 'string', {
				required: true,
				description: 'The commit the branch starts at (e.g. the "commit.sha" of Branch → Get)',
			}),
		],
		docsUrl: `${DOCS}/git/refs#create-a-reference`,
	},
];

const commitOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many commits',
		method: 'GET',
		path: '/repos/{owner}/{repo}/commits',
		scopes: ['repo'],
		paginate: true,
		params: [
			owner,
			repo,
			query('sha', 'Branch or SHA', 'string', {
				placeholder: 'main',
				description: 'Start listing from this branch or commit (default: the default branch)',
			}),
			query('path', 'Path', 'string', {
				placeholder: 'docs/README.md',
				description: 'Only commits that touch this file or folder',
			}),
			query('author', 'Author', 'string', {
				description: 'Only commits by this login or e-mail',
			}),
			query('since', 'Since', 'dateTime', { description: 'Only commits at or after this time' }),
			query('until', 'Until', 'dateTime', { description: 'Only commits before this time' }),
		],
		docsUrl: `${DOCS}/commits/commits#list-commits`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a commit',
		method: 'GET',
		path: '/repos/{owner}/{repo}/commits/{ref}',
		scopes: ['repo'],
		params: [owner, repo, gitRef],
		docsUrl: `${DOCS}/commits/commits#get-a-commit`,
	},
	{
		id: 'compare',
		name: 'Compare',
		action: 'Compare two commits',
		description: 'Commits and changed files between two branches, tags or commits',
		method: 'GET',
		path: '/repos/{owner}/{repo}/compare/{basehead}',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			pathText(
				'basehead',
				'Base...Head',
				'Two references joined by three dots, e.g. main...feature-x (another fork: main...octocat:feature-x)',
				'main...feature-x',
			),
		],
		docsUrl: `${DOCS}/commits/commits#compare-two-commits`,
	},
	{
		id: 'createStatus',
		name: 'Create Status',
		action: 'Set the status of a commit',
		description:
			'Mark a commit as pending, success, failure or error for a context (e.g. ci/build)',
		method: 'POST',
		path: '/repos/{owner}/{repo}/statuses/{sha}',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			pathText('sha', 'Commit SHA', 'The full SHA of the commit', ''),
			body('state', 'State', 'options', {
				required: true,
				options: [
					{ name: 'Error', value: 'error' },
					{ name: 'Failure', value: 'failure' },
					{ name: 'Pending', value: 'pending' },
					{ name: 'Success', value: 'success' },
				],
				default: 'pending',
				description: 'The state of the status',
			}),
			body('context', 'Context', 'string', {
				placeholder: 'ci/build',
				description: 'Label that tells this status apart from other systems\' (default: "default")',
			}),
			body('description', 'Description', 'string', { description: 'A short description' }),
			body('target_url', 'Target URL', 'string', {
				placeholder: 'https://ci.example.com/build/1',
				description: 'Link shown with the status',
			}),
		],
		docsUrl: `${DOCS}/commits/statuses#create-a-commit-status`,
	},
	{
		id: 'getStatuses',
		name: 'Get Statuses',
		action: 'Get many statuses of a commit',
		method: 'GET',
		path: '/repos/{owner}/{repo}/commits/{ref}/statuses',
		scopes: ['repo'],
		paginate: true,
		params: [owner, repo, gitRef],
		docsUrl: `${DOCS}/commits/statuses#list-commit-statuses-for-a-reference`,
	},
	{
		id: 'getCombinedStatus',
		name: 'Get Combined Status',
		action: 'Get the combined status of a commit',
		description:
			'One state (failure, pending or success) summing up the latest status of each context',
		method: 'GET',
		path: '/repos/{owner}/{repo}/commits/{ref}/status',
		scopes: ['repo'],
		params: [owner, repo, gitRef],
		docsUrl: `${DOCS}/commits/statuses#get-the-combined-status-for-a-specific-reference`,
	},
];

const labelFields = (): ParamSpec[] => [
	body('color', 'Color', 'string', {
		placeholder: 'f29513',
		description: 'Hexadecimal color code without the leading #',
		validate: { pattern: '^[0-9A-Fa-f]{6}$', patternHint: 'Six hexadecimal digits, e.g. f29513.' },
	}),
	body('description', 'Description', 'string', {
		description: 'A short description (at most 100 characters)',
	}),
];

const labelOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many labels of a repository',
		method: 'GET',
		path: '/repos/{owner}/{repo}/labels',
		scopes: ['repo'],
		paginate: true,
		params: [owner, repo],
		docsUrl: `${DOCS}/issues/labels#list-labels-for-a-repository`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a label',
		method: 'GET',
		path: '/repos/{owner}/{repo}/labels/{name}',
		scopes: ['repo'],
		params: [owner, repo, labelName],
		docsUrl: `${DOCS}/issues/labels#get-a-label`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a label',
		method: 'POST',
		path: '/repos/{owner}/{repo}/labels',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			body('name', 'Name', 'string', {
				required: true,
				placeholder: 'bug',
				description: 'The name of the label (emoji as :strawberry: work)',
			}),
			...labelFields(),
		],
		docsUrl: `${DOCS}/issues/labels#create-a-label`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a label',
		method: 'PATCH',
		path: '/repos/{owner}/{repo}/labels/{name}',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			labelName,
			body('new_name', 'New Name', 'string', { description: 'Rename the label' }),
			...labelFields(),
		],
		docsUrl: `${DOCS}/issues/labels#update-a-label`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a label',
		method: 'DELETE',
		path: '/repos/{owner}/{repo}/labels/{name}',
		scopes: ['repo'],
		params: [owner, repo, labelName],
		response: { onEmpty: { deleted: true } },
		docsUrl: `${DOCS}/issues/labels#delete-a-label`,
	},
	{
		id: 'addToIssue',
		name: 'Add to Issue',
		action: 'Add labels to an issue',
		description: 'Add labels to an issue or pull request (existing labels stay)',
		method: 'POST',
		path: '/repos/{owner}/{repo}/issues/{issueNumber}/labels',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			issueNumber,
			body('labels', 'Labels', 'stringList', {
				required: true,
				default: '',
				description: 'Label names to add, e.g. bug, help wanted',
			}),
		],
		docsUrl: `${DOCS}/issues/labels#add-labels-to-an-issue`,
	},
	{
		id: 'removeFromIssue',
		name: 'Remove From Issue',
		action: 'Remove a label from an issue',
		method: 'DELETE',
		path: '/repos/{owner}/{repo}/issues/{issueNumber}/labels/{name}',
		scopes: ['repo'],
		params: [owner, repo, issueNumber, labelName],
		docsUrl: `${DOCS}/issues/labels#remove-a-label-from-an-issue`,
	},
];

const CHECK_CONCLUSIONS = [
	'action_required',
	'cancelled',
	'failure',
	'neutral',
	'skipped',
	'success',
	'timed_out',
];

const checkRunOps: OperationSpec[] = [
	{
		id: 'getManyForRef',
		name: 'Get Many for Commit',
		action: 'Get many check runs of a commit',
		method: 'GET',
		path: '/repos/{owner}/{repo}/commits/{ref}/check-runs',
		scopes: ['repo'],
		paginate: {
			type: 'linkHeader',
			itemsPath: 'check_runs',
			limitParam: 'per_page',
			pageSize: 100,
		},
		params: [
			owner,
			repo,
			gitRef,
			query('check_name', 'Check Name', 'string', {
				description: 'Only check runs with this name',
			}),
			query('status', 'Status', 'options', {
				options: [
					{ name: 'Completed', value: 'completed' },
					{ name: 'In Progress', value: 'in_progress' },
					{ name: 'Queued', value: 'queued' },
				],
				default: 'completed',
				description: 'Only check runs with this status',
			}),
			query('filter', 'Filter', 'options', {
				options: [
					{ name: 'Latest', value: 'latest' },
					{ name: 'All', value: 'all' },
				],
				default: 'latest',
				description: 'The latest check run of each name, or all of them',
			}),
		],
		docsUrl: `${DOCS}/checks/runs#list-check-runs-for-a-git-reference`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a check run',
		method: 'GET',
		path: '/repos/{owner}/{repo}/check-runs/{checkRunId}',
		scopes: ['repo'],
		params: [owner, repo, id('checkRunId', 'Check Run ID', 'check run')],
		docsUrl: `${DOCS}/checks/runs#get-a-check-run`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a check run',
		description: 'Report a check on a commit (GitHub Apps only: a personal token is refused)',
		method: 'POST',
		path: '/repos/{owner}/{repo}/check-runs',
		scopes: ['repo'],
		params: [
			owner,
			repo,
			body('name', 'Name', 'string', {
				required: true,
				placeholder: 'build',
				description: 'The name of the check',
			}),
			body('head_sha', 'Commit SHA', 'string', {
				required: true,
				description: 'The SHA of the commit to check',
			}),
			body('status', 'Status', 'options', {
				options: [
					{ name: 'Completed', value: 'completed' },
					{ name: 'In Progress', value: 'in_progress' },
					{ name: 'Queued', value: 'queued' },
				],
				default: 'queued',
				description: 'The current status (Completed needs a Conclusion)',
			}),
			body('conclusion', 'Conclusion', 'options', {
				options: enumOptions(CHECK_CONCLUSIONS),
				default: 'success',
				description: 'The outcome, for a completed check run',
			}),
			body('details_url', 'Details URL', 'string', {
				description: 'Link to the full details on your site',
			}),
			body('title', 'Output Title', 'string', {
				bodyPath: 'output.title',
				description: 'Title of the check run output (with Output Summary)',
			}),
			body('summary', 'Output Summary', 'string', {
				bodyPath: 'output.summary',
				description: 'Summary of the check run output, Markdown (with Output Title)',
			}),
		],
		docsUrl: `${DOCS}/checks/runs#create-a-check-run`,
	},
];

const ORDER = query('order', 'Order', 'options', {
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
	default: 'desc',
	description: 'Sort order (with Sort By)',
});

const searchQuery = (example: string) =>
	query('q', 'Query', 'string', {
		required: true,
		placeholder: example,
		description: `GitHub search syntax: keywords and qualifiers, e.g. ${example}`,
	});

const searchPaging = {
	type: 'linkHeader',
	itemsPath: 'items',
	limitParam: 'per_page',
	pageSize: 100,
} as const;

const searchOps: OperationSpec[] = [
	{
		id: 'issues',
		name: 'Issues',
		action: 'Search issues and pull requests',
		method: 'GET',
		path: '/search/issues',
		scopes: ['repo'],
		paginate: searchPaging,
		params: [
			searchQuery('repo:n8n-io/n8n is:issue is:open label:bug'),
			query('sort', 'Sort By', 'options', {
				options: [
					{ name: 'Comments', value: 'comments' },
					{ name: 'Created', value: 'created' },
					{ name: 'Interactions', value: 'interactions' },
					{ name: 'Reactions', value: 'reactions' },
					{ name: 'Updated', value: 'updated' },
				],
				default: 'created',
				description: 'Property to sort by (default: best match)',
			}),
			ORDER,
		],
		docsUrl: `${DOCS}/search/search#search-issues-and-pull-requests`,
	},
	{
		id: 'repositories',
		name: 'Repositories',
		action: 'Search repositories',
		method: 'GET',
		path: '/search/repositories',
		scopes: ['repo'],
		paginate: searchPaging,
		params: [
			searchQuery('workflow automation language:typescript stars:>100'),
			query('sort', 'Sort By', 'options', {
				options: [
					{ name: 'Forks', value: 'forks' },
					{ name: 'Help Wanted Issues', value: 'help-wanted-issues' },
					{ name: 'Stars', value: 'stars' },
					{ name: 'Updated', value: 'updated' },
				],
				default: 'stars',
				description: 'Property to sort by (default: best match)',
			}),
			ORDER,
		],
		docsUrl: `${DOCS}/search/search#search-repositories`,
	},
	{
		id: 'code',
		name: 'Code',
		action: 'Search code',
		description: 'Search file contents of the default branches (needs a signed-in user)',
		method: 'GET',
		path: '/search/code',
		scopes: ['repo'],
		paginate: searchPaging,
		params: [searchQuery('addClass in:file language:js repo:jquery/jquery')],
		docsUrl: `${DOCS}/search/search#search-code`,
	},
];

const gistId = pathText('gistId', 'Gist ID', 'The ID of the gist (the last part of its URL)', '');

const gistOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many gists of the authenticated user',
		method: 'GET',
		path: '/gists',
		scopes: ['gist'],
		paginate: true,
		params: [since('gists')],
		docsUrl: `${DOCS}/gists/gists#list-gists-for-the-authenticated-user`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a gist',
		method: 'GET',
		path: '/gists/{gistId}',
		scopes: ['gist'],
		params: [gistId],
		docsUrl: `${DOCS}/gists/gists#get-a-gist`,
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a gist',
		method: 'POST',
		path: '/gists',
		scopes: ['gist'],
		params: [
			body('files', 'Files', 'json', {
				required: true,
				default: '{"hello.md": {"content": "Hello"}}',
				description: 'The files as a JSON object: {"name.ext": {"content": "text"}, …}',
			}),
			body('description', 'Description', 'string', { description: 'What the gist is about' }),
			body('public', 'Public', 'boolean', {
				default: false,
				description: 'Whether the gist is public (default: secret)',
			}),
		],
		docsUrl: `${DOCS}/gists/gists#create-a-gist`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a gist',
		description: 'Change the description or files; a file set to null is deleted',
		method: 'PATCH',
		path: '/gists/{gistId}',
		scopes: ['gist'],
		params: [
			gistId,
			body('files', 'Files', 'json', {
				description:
					'Files to change as JSON: {"name.ext": {"content": "new text"}}, rename with "filename", delete with null',
			}),
			body('description', 'Description', 'string', { description: 'The new description' }),
		],
		docsUrl: `${DOCS}/gists/gists#update-a-gist`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a gist',
		method: 'DELETE',
		path: '/gists/{gistId}',
		scopes: ['gist'],
		params: [gistId],
		response: { onEmpty: { deleted: true } },
		docsUrl: `${DOCS}/gists/gists#delete-a-gist`,
	},
];

/**
 * Every event GitHub delivers to a repository webhook (its OpenAPI description's `x-webhooks` whose
 * supported-webhook-types include "repository"; `ping` is answered, never run). A test checks the list against
 * @octokit/openapi; events only GitHub Apps, organizations, Marketplace or Sponsors receive are in the doc page.
 */
const EVENTS: Array<[value: string, name: string, description: string]> = [
	['*', 'Any Event', 'Every event GitHub sends for the repository or organization'],
	[
		'branch_protection_configuration',
		'Branch Protection Configuration',
		'Branch protection was enabled or disabled for the whole repository',
	],
	[
		'branch_protection_rule',
		'Branch Protection Rule',
		'A branch protection rule was created, edited or deleted',
	],
	['check_run', 'Check Run', 'A check run was created, completed or re-requested'],
	['check_suite', 'Check Suite', 'A check suite was completed or re-requested'],
	[
		'code_scanning_alert',
		'Code Scanning Alert',
		'A code scanning alert was created, fixed, closed, reopened, …',
	],
	['commit_comment', 'Commit Comment', 'A commit was commented on'],
	['create', 'Create', 'A branch or tag was created'],
	[
		'custom_property_values',
		'Custom Property Values',
		"The repository's custom property values were updated",
	],
	['delete', 'Delete', 'A branch or tag was deleted'],
	[
		'dependabot_alert',
		'Dependabot Alert',
		'A Dependabot alert was created, dismissed, fixed, reopened, …',
	],
	['deploy_key', 'Deploy Key', 'A deploy key was created or deleted'],
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
	[
		'issue_dependencies',
		'Issue Dependencies',
		'A blocking or blocked-by relationship between issues was added or removed',
	],
	['issues', 'Issues', 'An issue was opened, edited, closed, labeled, assigned, …'],
	['label', 'Label', 'A label was created, edited or deleted'],
	['member', 'Member', 'A collaborator was added, removed or changed'],
	['meta', 'Meta', 'This webhook was deleted'],
	['milestone', 'Milestone', 'A milestone was created, closed, opened, edited or deleted'],
	['package', 'Package', 'A GitHub Packages package was published or updated'],
	['page_build', 'Page Build', 'A GitHub Pages site was built'],
	[
		'project',
		'Project (Classic)',
		'A classic project was created, edited, closed, reopened or deleted',
	],
	[
		'project_card',
		'Project Card (Classic)',
		'A card on a classic project was created, edited, moved, converted or deleted',
	],
	[
		'project_column',
		'Project Column (Classic)',
		'A column on a classic project was created, edited, moved or deleted',
	],
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
	[
		'pull_request_review_thread',
		'Pull Request Review Thread',
		'A comment thread on a pull request was resolved or unresolved',
	],
	['push', 'Push', 'Commits were pushed to a branch or tag'],
	['registry_package', 'Registry Package', 'A package in the registry was published or updated'],
	['release', 'Release', 'A release was published, created, edited, …'],
	['repository', 'Repository', 'The repository was renamed, archived, transferred, …'],
	[
		'repository_advisory',
		'Repository Advisory',
		'A repository security advisory was published or reported',
	],
	['repository_import', 'Repository Import', 'The repository was imported with GitHub Importer'],
	[
		'repository_ruleset',
		'Repository Ruleset',
		'A repository ruleset was created, edited or deleted',
	],
	[
		'repository_vulnerability_alert',
		'Repository Vulnerability Alert',
		'A vulnerability alert was created, dismissed, reopened or resolved',
	],
	[
		'secret_scanning_alert',
		'Secret Scanning Alert',
		'A secret scanning alert was created, resolved, reopened, leaked publicly, …',
	],
	[
		'secret_scanning_alert_location',
		'Secret Scanning Alert Location',
		'A new location of a secret in a secret scanning alert was found',
	],
	[
		'secret_scanning_scan',
		'Secret Scanning Scan',
		'Secret scanning completed a scan of the repository',
	],
	[
		'security_and_analysis',
		'Security and Analysis',
		'Code security and analysis features were enabled or disabled',
	],
	['star', 'Star', 'The repository was starred or unstarred'],
	['status', 'Status', 'A commit status changed'],
	['sub_issues', 'Sub-Issues', 'A sub-issue or parent issue was added or removed'],
	['team_add', 'Team Add', 'A team was added to the repository'],
	['watch', 'Watch', 'Someone started watching (starred) the repository'],
	['workflow_job', 'Workflow Job', 'A GitHub Actions job was queued, started or completed'],
	[
		'workflow_run',
		'Workflow Run',
		'A GitHub Actions workflow run was requested, started or completed',
	],
];

/** Every event offered: "Any Event", then the repository and organization-only events, by name. */
const ALL_EVENTS = [
	EVENTS[0],
	...[
		...EVENTS.slice(1),
		...ORG_ONLY_EVENTS.map(([value, name, description]): [string, string, string] => [
			value,
			name,
			`${description} (organization webhooks only: leave Repository Name empty)`,
		]),
	].sort((a, b) => a[1].localeCompare(b[1])),
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
		{ id: 'organization', name: 'Organization', operations: organizationOps },
		{ id: 'branch', name: 'Branch', operations: branchOps },
		{ id: 'commit', name: 'Commit', operations: commitOps },
		{ id: 'label', name: 'Label', operations: labelOps },
		{ id: 'checkRun', name: 'Check Run', operations: checkRunOps },
		{ id: 'workflow', name: 'Workflow', operations: workflowOps },
		{ id: 'workflowRun', name: 'Workflow Run', operations: workflowRunOps },
		{ id: 'search', name: 'Search', operations: searchOps },
		{ id: 'gist', name: 'Gist', operations: gistOps },
	],
	webhook: {
		signature: githubSignature,
		register: 'api',
		// Repository webhooks: the `repo` scope includes them (admin:repo_hook alone would too, but repo is already asked).
		// Organization webhooks (Repository Name empty) need admin:org_hook; their requests name it themselves.
		scopes: ['repo'],
		hooks: { checkExists: 'webhookExists', create: 'webhookCreate', delete: 'webhookDelete' },
		eventHeader: 'X-GitHub-Event',
		deliveryIdHeader: 'X-GitHub-Delivery',
		// GitHub pings a new hook (signed, X-GitHub-Event: ping): answered, never run.
		pingEvents: ['ping'],
		allEvents: '*',
		defaultEvents: ['push'],
		events: ALL_EVENTS.map(([value, name, description]) => ({ name, value, description })),
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
				placeholder: 'n8n',
				description:
					'The repository to watch (you need admin rights on it). Leave empty to watch the whole organization named in Repository Owner: an organization webhook, which also gets the organization events (you must own the organization; needs admin:org_hook).',
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
