/** GitHub OAuth App facts, apart from the spec so the credential class loads nothing else. */

/**
 * Least privilege for every operation here but Invite: `repo` (repositories, issues, pulls, releases, contents,
 * hooks, Actions), `read:user` (the account), `read:org` (an organization's concealed members), `gist` (writing
 * gists). Invite needs `admin:org`, which the user adds only to invite (docs/services/github.md).
 */
export const GITHUB_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://github.com/login/oauth/authorize',
	tokenUrl: 'https://github.com/login/oauth/access_token',
	scopes: ['repo', 'read:user', 'read:org', 'gist'],
};
