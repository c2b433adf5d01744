/** Slack OAuth v2 facts, apart from the spec so the credential class loads nothing else. */
import type { OAuth2Facts } from '../../lib/auth/kinds';

/**
 * Least privilege: the bot scopes the operations need, the union of each operation's `scopes`
 * (docs/services/slack.md explains each). Bot scopes only: every operation works with the bot token
 * (`access_token`), so no user scope (`user_scope`) is asked for. Private channels, DMs and group DMs need
 * the `groups:*`, `im:*` and `mpim:*` twins, which the user adds only for them.
 */
export const SLACK_SCOPES = [
	'channels:history',
	'channels:join',
	'channels:manage',
	'channels:read',
	'chat:write',
	'files:read',
	'files:write',
	'im:write',
	'pins:read',
	'pins:write',
	'reactions:read',
	'reactions:write',
	'team:read',
	'usergroups:read',
	'usergroups:write',
	'users:read',
	'users:read.email',
];

/**
 * OAuth v2: authorization at slack.com/oauth/v2/authorize (bot scopes in `scope`, comma-separated), the code
 * and refresh exchanges at POST https://slack.com/api/oauth.v2.access with the app's client id and secret as
 * HTTP Basic (Slack's recommended client authentication). Tokens do not expire unless the app turns token
 * rotation on; then the access token lives 12 h and the answer carries `expires_in` and a `refresh_token` that
 * is replaced on every refresh, which n8n stores and the connections engine uses before the token expires.
 */
export const SLACK_OAUTH: OAuth2Facts = {
	grantType: 'authorizationCode',
	authUrl: 'https://slack.com/oauth/v2/authorize',
	tokenUrl: 'https://slack.com/api/oauth.v2.access',
	scopes: SLACK_SCOPES,
	scopeSeparator: ',',
	clientAuthentication: 'header',
};
