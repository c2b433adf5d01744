/** GitHub webhook events that only an organization webhook receives (data shared by the spec and the hooks). */

/**
 * Events GitHub delivers to organization webhooks but not to repository ones (`x-webhooks` whose supported types
 * include "organization" and not "repository"; checked against @octokit/openapi). An organization webhook (Repository
 * Name left empty) also receives every repository event of the organization's repositories.
 */
export const ORG_ONLY_EVENTS: Array<[value: string, name: string, description: string]> = [
	[
		'custom_property',
		'Custom Property',
		'A custom property of the organization was created, updated or deleted',
	],
	['membership', 'Membership', 'A user was added to or removed from a team'],
	['org_block', 'Org Block', 'A user was blocked or unblocked by the organization'],
	[
		'organization',
		'Organization',
		'A member was invited, added or removed, or the organization was renamed or deleted',
	],
	[
		'personal_access_token_request',
		'Personal Access Token Request',
		'A fine-grained personal access token asked for access to the organization, or the request was decided',
	],
	[
		'projects_v2',
		'Projects V2',
		'An organization project was created, edited, closed, reopened or deleted',
	],
	['projects_v2_item', 'Projects V2 Item', 'An item of an organization project changed'],
	[
		'projects_v2_status_update',
		'Projects V2 Status Update',
		'A status update of an organization project changed',
	],
	['team', 'Team', 'A team was created, edited or deleted, or its repository access changed'],
];
