/** X Twitter OAuth2 facts, apart from the spec so the credential class loads nothing else. */

/** Least-privilege default scopes: the fewest every operation needs. */
export const X_TWITTER_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://x.com/oauth/authorize',
	tokenUrl: 'https://x.com/oauth/token',
	scopes: ['read'],
};
