/** X (Twitter) OAuth 2.0 facts, apart from the spec so the credential class loads nothing else. */

/**
 * Authorization code with PKCE (n8n's `pkce` grant: S256 challenge, then `code_verifier` at the token URL).
 * Least privilege for every operation: tweet.read and users.read (every read, and X requires them beside each
 * write scope), tweet.write (post, reply, quote, delete, repost), like.write, follows.write, media.write (media
 * upload) and offline.access (a refresh token: access tokens last 2 hours). See docs/services/x-twitter.md.
 */
export const X_TWITTER_OAUTH = {
	grantType: 'pkce' as const,
	authUrl: 'https://x.com/i/oauth2/authorize',
	tokenUrl: 'https://api.x.com/2/oauth2/token',
	scopes: [
		'tweet.read',
		'tweet.write',
		'users.read',
		'like.write',
		'follows.write',
		'media.write',
		'offline.access',
	],
	// Confidential clients (Web App, Automated App or Bot) authenticate with HTTP Basic client_id:client_secret.
	clientAuthentication: 'header' as const,
};
