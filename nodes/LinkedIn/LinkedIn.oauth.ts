/** LinkedIn's OAuth 2.0 (3-legged) facts, apart from the spec so the credential class loads nothing else. */
import type { OAuth2Facts } from '../../lib/auth/kinds';

/**
 * Least privilege for what this node does: the union of its operations' scopes, each explained in
 * docs/services/linkedin.md. Members: `openid profile email` (Sign In with LinkedIn using OpenID Connect: who
 * the member is, the account label) and `w_member_social` (post, comment and react as the member). Company
 * pages (Community Management API): `r_organization_social` (read the page's posts, comments and reactions),
 * `w_organization_social` (post, comment and react as the page), `rw_organization_admin` (the pages the member
 * administers and their page, share and follower statistics).
 */
export const LINKED_IN_SCOPES = [
	'openid',
	'profile',
	'email',
	'w_member_social',
	'r_organization_social',
	'w_organization_social',
	'rw_organization_admin',
];

/** LinkedIn's authorization server (www.linkedin.com/oauth/v2), as the official client's OAUTH_BASE_URL. */
export const LINKED_IN_OAUTH: OAuth2Facts = {
	grantType: 'authorizationCode',
	authUrl: 'https://www.linkedin.com/oauth/v2/authorization',
	tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
	scopes: LINKED_IN_SCOPES,
	// LinkedIn's documentation requests scopes space-delimited (URL-encoded %20).
	scopeSeparator: ' ',
	// The code exchange and the refresh send client_id and client_secret as form fields.
	clientAuthentication: 'body',
};
