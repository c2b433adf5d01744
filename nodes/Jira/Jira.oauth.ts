/** Jira Cloud OAuth 2.0 (3LO) facts, apart from the spec so the credential class loads nothing else. */

/**
 * Least privilege for every operation and the trigger: `read:jira-work` (issues, projects, comments, worklogs,
 * attachments, search), `write:jira-work` (create, edit, transition, comment, log work, attach), `read:jira-user`
 * (user search and the account label), `manage:jira-webhook` (the trigger's dynamic webhooks) and
 * `offline_access` (a refresh token: access tokens last one hour). See docs/services/jira.md.
 */
export const JIRA_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://auth.atlassian.com/authorize',
	tokenUrl: 'https://auth.atlassian.com/oauth/token',
	scopes: [
		'read:jira-work',
		'write:jira-work',
		'read:jira-user',
		'manage:jira-webhook',
		'offline_access',
	],
	// `audience` names the API the token is for; `prompt=consent` shows the site picker on every connect.
	authQueryParameters: 'audience=api.atlassian.com&prompt=consent',
	clientAuthentication: 'body' as const,
};

/** Where an OAuth token learns which Jira sites (cloud ids) it may call. */
export const JIRA_ACCESSIBLE_RESOURCES =
	'https://api.atlassian.com/oauth/token/accessible-resources';

/** The Jira Data Center credential type (REST API v2: plain-text rich text, no enhanced search). */
export const JIRA_DC_CREDENTIAL = 'apiConnJiraDataCenterApi';
