/** GitLab OAuth application facts, apart from the spec so the credential class loads nothing else. */

/**
 * gitlab.com's sign-in pages; a self-managed instance has the same paths on its own host (the credential derives
 * them from its GitLab URL). Scopes: `api` (read and write: every write, and the trigger's project or group hook)
 * and `read_api` (read-only: every read). Access tokens live 2 hours (`expires_in: 7200`); the refresh token is
 * replaced at each refresh. PKCE is supported and optional for confidential apps.
 */
export const GITLAB_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://gitlab.com/oauth/authorize',
	tokenUrl: 'https://gitlab.com/oauth/token',
	scopes: ['api', 'read_api'],
};
