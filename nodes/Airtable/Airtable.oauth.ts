/** Airtable OAuth 2.0 facts, apart from the spec so the credential class loads nothing else. */

/**
 * Authorization code with PKCE (S256, which Airtable requires), n8n's `pkce` grant. Access tokens last 60 minutes;
 * every refresh returns a new refresh token (60 days) and ends the old one, and n8n keeps the one of each answer.
 * A client secret, when the integration has one, goes to the token endpoint as HTTP Basic.
 * Least privilege for every operation and the trigger (docs/services/airtable.md says which needs which):
 * data.records:read (list, get, the trigger's record changes), data.records:write (create, update, upsert, delete),
 * schema.bases:read (bases, schema, the trigger's field and table changes), schema.bases:write (create bases, tables,
 * fields) and webhook:manage (the trigger's webhook).
 */
export const AIRTABLE_OAUTH = {
	grantType: 'pkce' as const,
	authUrl: 'https://airtable.com/oauth2/v1/authorize',
	tokenUrl: 'https://airtable.com/oauth2/v1/token',
	scopes: [
		'data.records:read',
		'data.records:write',
		'schema.bases:read',
		'schema.bases:write',
		'webhook:manage',
	],
	clientAuthentication: 'header' as const,
};
