/** Pinterest OAuth2 facts (API v5), apart from the spec so the credential class loads nothing else. */
import type { OAuth2Facts } from '../../lib/auth/kinds';

/**
 * Least privilege: the union of what the operations need, as Pinterest's OpenAPI description lists them per
 * endpoint (`security`): `boards:read` (boards, sections, and every pin endpoint), `boards:write` (create,
 * update, delete and save to boards and sections; creating a pin), `pins:read` (pins, pin analytics, media
 * status), `pins:write` (create, update, delete and save pins; video uploads), `user_accounts:read` (the
 * account, its analytics, the connection's label). Secret boards and pins need the `_secret` variants, which
 * the user adds only for them (docs/services/pinterest.md).
 */
export const PINTEREST_SCOPES = [
	'boards:read',
	'boards:write',
	'pins:read',
	'pins:write',
	'user_accounts:read',
];

/**
 * Authorization at www.pinterest.com/oauth/ (scopes comma-separated); the code and refresh exchanges at
 * POST /v5/oauth/token with the app's id and secret as HTTP Basic (the spec's `security: basic`).
 */
export const PINTEREST_OAUTH: OAuth2Facts = {
	grantType: 'authorizationCode',
	authUrl: 'https://www.pinterest.com/oauth/',
	tokenUrl: 'https://api.pinterest.com/v5/oauth/token',
	scopes: PINTEREST_SCOPES,
	scopeSeparator: ',',
	clientAuthentication: 'header',
};
