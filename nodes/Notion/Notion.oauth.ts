/** Notion public-integration OAuth facts, apart from the spec so the credential class loads nothing else. */

/** The API version every request sends (`Notion-Version`): `@notionhq/client` 5.26.0's default, with data sources. */
export const NOTION_VERSION = '2025-09-03';

/**
 * A public integration's authorization: `owner=user` (Notion's only owner for public integrations) makes the
 * member pick the pages to share. Notion has no OAuth scopes: what the token may do is the integration's
 * capabilities (Read, Update, Insert content; Read, Insert comments; user information), set in its settings.
 * The token endpoint takes the client ID and secret as HTTP Basic; the access token does not expire.
 */
export const NOTION_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://api.notion.com/v1/oauth/authorize',
	tokenUrl: 'https://api.notion.com/v1/oauth/token',
	scopes: [] as string[],
	authQueryParameters: 'owner=user',
	clientAuthentication: 'header' as const,
};
