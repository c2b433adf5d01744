/** Airtable OAuth2 facts, apart from the spec so the credential class loads nothing else. */

/** Least-privilege default scopes: the fewest every operation needs. */
export const AIRTABLE_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://airtable.com/oauth/authorize',
	tokenUrl: 'https://airtable.com/oauth/token',
	scopes: ['read'],
};
