/**
 * Microsoft identity platform (v2) facts for the Microsoft 365 connection, apart from the specs so the
 * credential classes load nothing else. One Microsoft connection serves every Microsoft 365 node (Outlook,
 * OneDrive, and later Excel and Word): the scopes below are the union of what their operations need.
 */

export const MICROSOFT_LOGIN = 'https://login.microsoftonline.com';

/** `…/{tenant}/oauth2/v2.0/{authorize|token}`, the tenant from the credential's own Tenant field. */
const tenantUrl = (endpoint: 'authorize' | 'token') =>
	`=${MICROSOFT_LOGIN}/{{$self["tenantId"]}}/oauth2/v2.0/${endpoint}`;

/**
 * Delegated access (authorization code): least privilege for Outlook mail and OneDrive files.
 * - `offline_access`: a refresh token (access tokens live 60–90 min; refresh tokens 90 days and rotate);
 * - `User.Read`: the signed-in user's profile (`GET /me`), the connection's account label and its Test;
 * - `Mail.ReadWrite`: read, list, search, move, flag, mark read, delete, drafts and attachments, folders;
 * - `Mail.Send`: send, reply, forward, send a draft;
 * - `Calendars.ReadWrite`: calendars, events (list, get, create with attendees and online meetings, update,
 *   delete) and change notifications on events; `Calendars.Read` suffices for a connection that only reads;
 * - `Contacts.ReadWrite`: contacts (list, get, create, update, delete) and their change notifications;
 *   `Contacts.Read` suffices for a connection that only reads;
 * - `Files.ReadWrite`: the user's own OneDrive (list, get, search, upload, download, folders, copy, move,
 *   delete, sharing links); `Files.ReadWrite.All` only for files shared by others (added by hand, see the doc).
 */
export const MICROSOFT_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: tenantUrl('authorize'),
	tokenUrl: tenantUrl('token'),
	scopes: [
		'offline_access',
		'User.Read',
		'Mail.ReadWrite',
		'Mail.Send',
		'Calendars.ReadWrite',
		'Contacts.ReadWrite',
		'Files.ReadWrite',
	],
	// The code comes back in the redirect's query (response_mode=query, the v2 endpoint's default for codes),
	// where n8n's callback reads it.
	clientAuthentication: 'body' as const,
};

/**
 * Application access (client credentials) on one tenant, for unattended workflows: `.default` asks for the
 * application permissions an administrator granted to the app (Mail.Send, Mail.ReadWrite, Files.ReadWrite.All),
 * see docs/services/microsoft-365.md. n8n fetches the token at first use and stores it; the connections engine
 * fetches a new one before it expires.
 */
export const MICROSOFT_APP_OAUTH = {
	grantType: 'clientCredentials' as const,
	tokenUrl: tenantUrl('token'),
	scopes: ['https://graph.microsoft.com/.default'],
	clientAuthentication: 'body' as const,
};

/** The Tenant field both credentials share: where the app is registered and who may sign in. */
export const tenantProperty = (appOnly: boolean) => ({
	displayName: 'Tenant',
	name: 'tenantId',
	type: 'string' as const,
	default: appOnly ? '' : 'common',
	required: true,
	placeholder: appOnly ? 'contoso.onmicrosoft.com' : 'common',
	description: appOnly
		? "Your directory (tenant) ID or a verified domain of the tenant (app-only access works on one tenant, never 'common')"
		: "'common' (work, school and personal Microsoft accounts), 'organizations' (work or school accounts only), 'consumers' (personal accounts only), or your directory (tenant) ID or domain for a single-tenant app",
});
