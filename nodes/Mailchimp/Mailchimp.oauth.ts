/** Mailchimp OAuth2 facts, apart from the spec so the credential class loads nothing else. */

/**
 * Mailchimp's OAuth 2 (https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/): no scopes (a
 * token acts with the whole account of the user who granted it), tokens that never expire and no refresh token.
 * The client id and secret go in the token request's body.
 */
export const MAILCHIMP_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://login.mailchimp.com/oauth2/authorize',
	tokenUrl: 'https://login.mailchimp.com/oauth2/token',
	scopes: [] as string[],
	clientAuthentication: 'body' as const,
};

/** Where an authorised token's data center is found (`{"dc": "us6", "api_endpoint": …}`), with `OAuth <token>`. */
export const MAILCHIMP_METADATA_URL = 'https://login.mailchimp.com/oauth2/metadata';
