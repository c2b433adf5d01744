/** TikTok Login Kit (OAuth 2.0 v2) facts, apart from the spec so the credential class loads nothing else. */
import type { OAuth2Facts } from '../../lib/auth/kinds';

/**
 * Least privilege for what this node does, each needed by some operation (docs/services/tiktok.md says which):
 * `user.info.basic` (the account label, User → Get Info), `user.info.stats` (follower, following, likes and video
 * counts), `video.publish` (creator info and Direct Post), `video.upload` (upload to the inbox as a draft),
 * `video.list` (list and query the user's public videos with their counts).
 */
export const TIKTOK_SCOPES = [
	'user.info.basic',
	'user.info.stats',
	'video.publish',
	'video.upload',
	'video.list',
];

export const TIKTOK_AUTH_URL = 'https://www.tiktok.com/v2/auth/authorize/';
export const TIKTOK_TOKEN_URL = 'https://open.tiktokapis.com/v2/oauth/token/';

/** Login Kit for Web; the credential class and the spec both read these. */
export const TIKTOK_OAUTH: OAuth2Facts = {
	grantType: 'authorizationCode',
	authUrl: TIKTOK_AUTH_URL,
	tokenUrl: TIKTOK_TOKEN_URL,
	scopes: TIKTOK_SCOPES,
	// TikTok reads the scope list comma-separated.
	scopeSeparator: ',',
	// The client key and secret go as form fields of the code exchange, and TikTok names the client id `client_key`.
	clientAuthentication: 'body',
	clientIdParam: 'client_key',
	// Login Kit requires PKCE for desktop (and mobile) apps only: a switch, off for the web app n8n usually is.
	pkceOption: true,
};
