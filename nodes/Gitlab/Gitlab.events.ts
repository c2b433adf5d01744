/**
 * The events a GitLab project or group hook delivers (docs: user/project/integrations/webhook_events):
 * `[value = the X-Gitlab-Event header, name, description, the hook's registration flag, group hooks only]`.
 * The value is matched against each delivery's X-Gitlab-Event; the flag is set when the hook is created.
 */
export const GITLAB_EVENTS: Array<
	[value: string, name: string, description: string, flag: string, groupOnly?: boolean]
> = [
	['Push Hook', 'Push', 'Commits were pushed to a branch', 'push_events'],
	['Tag Push Hook', 'Tag Push', 'A tag was created or deleted', 'tag_push_events'],
	['Issue Hook', 'Issue', 'An issue was opened, updated, closed or reopened', 'issues_events'],
	[
		'Confidential Issue Hook',
		'Confidential Issue',
		'A confidential issue was opened, updated, closed or reopened',
		'confidential_issues_events',
	],
	[
		'Note Hook',
		'Comment',
		'A comment was made on a commit, merge request, issue or snippet',
		'note_events',
	],
	[
		'Confidential Note Hook',
		'Confidential Comment',
		'An internal comment, or a comment on a confidential issue, was made',
		'confidential_note_events',
	],
	[
		'Merge Request Hook',
		'Merge Request',
		'A merge request was opened, updated, approved, merged or closed',
		'merge_requests_events',
	],
	['Job Hook', 'Job', "A job's status changed", 'job_events'],
	['Pipeline Hook', 'Pipeline', "A pipeline's status changed", 'pipeline_events'],
	[
		'Wiki Page Hook',
		'Wiki Page',
		'A wiki page was created, updated or deleted',
		'wiki_page_events',
	],
	[
		'Deployment Hook',
		'Deployment',
		'A deployment started, succeeded, failed or was canceled',
		'deployment_events',
	],
	['Release Hook', 'Release', 'A release was created, updated or deleted', 'releases_events'],
	[
		'Feature Flag Hook',
		'Feature Flag',
		'A feature flag was turned on or off',
		'feature_flag_events',
	],
	['Emoji Hook', 'Emoji', 'An emoji reaction was added or removed', 'emoji_events'],
	[
		'Resource Access Token Hook',
		'Access Token',
		'A project or group access token expires in seven days or less',
		'resource_access_token_events',
	],
	[
		'Member Hook',
		'Member',
		'A member was added, changed or removed (group hooks only)',
		'member_events',
		true,
	],
	[
		'Subgroup Hook',
		'Subgroup',
		'A subgroup was created or removed (group hooks only)',
		'subgroup_events',
		true,
	],
	[
		'Project Hook',
		'Project',
		'A project was created or deleted in the group (group hooks only)',
		'project_events',
		true,
	],
];
