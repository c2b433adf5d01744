/** TikTok OAuth2 facts, apart from the spec so the credential class loads nothing else. */

/** Least-privilege default scopes: the fewest every operation needs. */
export const TIK_TOK_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://open.tiktokapis.com/oauth/authorize',
	tokenUrl: 'https://open.tiktokapis.com/oauth/token',
	scopes: ['read'],
};
