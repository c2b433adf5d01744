/** Business Login for Instagram, apart from the spec so the credential class loads nothing else. */
import type { OAuth2Facts } from '../../lib/auth/kinds';

/** Least privilege for what this node does; each one is explained in the README. */
export const INSTAGRAM_SCOPES = [
	'instagram_business_basic',
	'instagram_business_content_publish',
	'instagram_business_manage_insights',
	'instagram_business_manage_comments',
];

/** Business Login for Instagram; the credential class and the spec both read these. */
export const INSTAGRAM_OAUTH: OAuth2Facts = {
	grantType: 'authorizationCode',
	authUrl: 'https://www.instagram.com/oauth/authorize',
	tokenUrl: 'https://api.instagram.com/oauth/access_token',
	scopes: INSTAGRAM_SCOPES,
	scopeSeparator: ',',
	// Instagram wants the app ID and secret as form fields of the code exchange.
	clientAuthentication: 'body',
};
