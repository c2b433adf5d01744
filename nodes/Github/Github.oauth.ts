/** GitHub OAuth App facts, apart from the spec so the credential class loads nothing else. */

/** Least privilege for every operation here: `repo` (repositories, issues, pulls, releases, contents, hooks, dispatch), `read:user` (the account). */
export const GITHUB_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://github.com/login/oauth/authorize',
	tokenUrl: 'https://github.com/login/oauth/access_token',
	scopes: ['repo', 'read:user'],
};
