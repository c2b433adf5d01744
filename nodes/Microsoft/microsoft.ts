/**
 * What every Microsoft 365 node shares because all of them are Microsoft Graph on one Microsoft connection:
 * the base URL, the two credentials (delegated and app-only) and their family, Graph's error body and the
 * identity platform's AADSTS codes in the seed's terms, throttling (429/503 with Retry-After), `@odata.nextLink`
 * paging, the mailbox/drive owner (`/me` or `/users/{user}`) and the OData query fields. Outlook and OneDrive
 * read it from here; Excel and Word will too. Facts: /work/shared/reference/services.md § Microsoft Graph,
 * https://learn.microsoft.com/graph/errors, https://learn.microsoft.com/entra/identity-platform/reference-error-codes.
 */
import type { ConnectionSpec } from '../../lib/connections/types';
import type { RateLimitPolicy } from '../../lib/limits/policy';
import { bodyParam, queryParam } from '../../lib/spec/params';
import type {
	AuthSpec,
	BatchSpec,
	OperationSpec,
	PaginationSpec,
	ParamSpec,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import { MICROSOFT_APP_OAUTH, MICROSOFT_OAUTH } from './Microsoft.oauth';

export const GRAPH_URL = 'https://graph.microsoft.com/v1.0';
export const GRAPH_DOCS = 'https://learn.microsoft.com/graph/api';

export const MICROSOFT_DELEGATED_CREDENTIAL = 'apiConnMicrosoft365OAuth2Api';
export const MICROSOFT_APP_CREDENTIAL = 'apiConnMicrosoft365AppOAuth2Api';

/** The one Microsoft 365 connection of a workspace, whichever node (Outlook, OneDrive, …) uses it. */
export const MICROSOFT_FAMILY = 'microsoft365';

/**
 * The two ways in. A user's delegated connection is the workspace's Microsoft 365 connection; an app's own
 * access to a tenant (client credentials) is a connection of its own beside it (no signed-in user: no "who am
 * I", the account is the app), so a workspace can run unattended flows on a tenant and a member's own mailbox.
 */
export const MICROSOFT_AUTH: AuthSpec[] = [
	{
		kind: 'oauth2',
		credentialType: MICROSOFT_DELEGATED_CREDENTIAL,
		displayName: 'OAuth2 (Delegated, Signed-In User)',
		oauth2: MICROSOFT_OAUTH,
	},
	{
		kind: 'oauth2',
		credentialType: MICROSOFT_APP_CREDENTIAL,
		displayName: 'OAuth2 App-Only (Client Credentials)',
		oauth2: MICROSOFT_APP_OAUTH,
		family: 'microsoft365App',
		credentialTest: { path: '/users?$top=1&$select=id' },
	},
];

/**
 * Microsoft identity platform has no endpoint that revokes one OAuth grant (`revokeSignInSessions` ends every
 * session of the user, far more than a disconnect): Disconnect unbinds, and the doc page says where to remove the
 * app's consent (My Apps → Manage your applications, or the Enterprise applications blade).
 */
export const MICROSOFT_CONNECTION: ConnectionSpec = {
	familyName: 'Microsoft 365',
	// Entra's refresh tokens and their revocation (learn.microsoft.com/entra/identity-platform/refresh-tokens).
	reconnectReasons:
		"Microsoft ends a refresh token after 90 days without use (24 hours when the app is registered as a single-page application), when the user changes or resets the password, when an administrator revokes the user's sessions or the app's consent, or when a Conditional Access policy asks for a new sign-in.",
};

/** `@odata.nextLink` paging: the next page's full URL (same origin), `value` the items, `$top` the page size. */
export const graphPaging = (pageSize: number): PaginationSpec => ({
	type: 'nextUrl',
	nextUrlPath: "['@odata.nextLink']",
	itemsPath: 'value',
	limitParam: '$top',
	pageSize,
});

/**
 * Throttling: 429 (and 503, which Graph sends for throttling too) with `Retry-After` in seconds, waited for
 * and sent again. `RateLimit-Limit/-Remaining/-Reset` are the headers SharePoint and OneDrive add as a resource
 * nears its limit. The budgets are each product's (Outlook's per mailbox, see Outlook.service.ts).
 */
export const graphRateLimit = (
	counts: Pick<RateLimitPolicy, 'requests' | 'windowMs' | 'maxConcurrency' | 'tiers' | 'shared'>,
): RateLimitPolicy => ({
	...counts,
	headers: [
		{
			format: 'fields',
			limit: 'ratelimit-limit',
			remaining: 'ratelimit-remaining',
			reset: 'ratelimit-reset',
			resetUnit: 'delta-seconds',
		},
	],
	throttled: [{ status: [503] }],
});

/** Entra (AADSTS) codes as the token endpoint and Graph report them, matched in messages and `error_codes`. */
const aadsts = (codes: number[]) => ({
	path: 'error_codes[*]',
	in: codes,
});

/**
 * Graph's error body `{"error": {"code", "message", "innerError": {"request-id", "date"}}}` and the identity
 * platform's token errors `{"error", "error_description": "AADSTS…: …", "error_codes": […]}` in the seed's terms.
 */
export const MICROSOFT_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'error.code',
	rules: [
		// The identity platform (token endpoint): consent, expired grants, conditional access, the client.
		{
			body: aadsts([65001]),
			category: 'auth',
			reason:
				'the user or an administrator has not consented to the permissions the app asks for (AADSTS65001)',
			fix: 'Reconnect {$credential} and accept the consent screen; in a tenant that requires it, ask an administrator to grant consent (Entra admin center → App registrations → your app → API permissions → Grant admin consent), then run the workflow again.',
		},
		{
			body: aadsts([70008, 50173, 700082, 700084]),
			category: 'auth',
			reason:
				'the refresh token expired or was revoked (AADSTS{error_codes.0}: the grant is too old, unused for 90 days, or the password changed)',
			fix: 'Reconnect {$credential} (sign in again), then run the workflow again.',
		},
		{
			body: aadsts([53003, 53000, 53001, 50076, 50079]),
			category: 'auth',
			reason:
				'a Conditional Access policy of the tenant blocked the token (AADSTS{error_codes.0}: device, location, MFA or app rules)',
			fix: 'Ask the tenant administrator which Conditional Access policy applies (Entra sign-in logs, the correlation ID of the error) and allow this app or sign in from a compliant setup, then reconnect {$credential}.',
		},
		{
			body: aadsts([7000215, 7000222, 7000216]),
			category: 'auth',
			reason:
				'the client secret was refused (AADSTS{error_codes.0}: wrong value, the secret ID pasted instead of its value, or the secret expired)',
			fix: "Create a new client secret (Entra admin center → App registrations → your app → Certificates & secrets), paste its Value into {$credential}'s Client Secret, then reconnect it.",
		},
		{
			body: aadsts([700016, 90002, 90023]),
			category: 'auth',
			reason:
				'the app or tenant was not found (AADSTS{error_codes.0}): the Client ID or the Tenant of the credential is wrong, or the app is not in that tenant',
			fix: "Check {$credential}'s Client ID (Application (client) ID) and Tenant against the app's Overview page in the Entra admin center.",
		},
		{
			body: aadsts([50020, 500200, 50194]),
			category: 'auth',
			reason:
				"this kind of account cannot sign in to the app (AADSTS{error_codes.0}): the app's supported account types and the credential's Tenant do not fit the account",
			fix: "Use 'organizations' or the tenant ID for work accounts, 'common' for a multitenant app with personal accounts, and match the app's Supported account types.",
		},
		// Microsoft Graph.
		{
			codes: ['InvalidAuthenticationToken', 'AuthenticationError'],
			category: 'auth',
			reason: 'Graph refused the access token ({error.code}: {error.message})',
		},
		{
			status: [400],
			body: { path: 'error.message', matches: '/me request is only valid with delegated' },
			category: 'invalid',
			reason: 'an app-only connection has no signed-in user, so /me does not exist',
			fix: "Set 'User' to the user's ID or user principal name (name@contoso.com).",
		},
		{
			codes: ['ErrorAccessDenied', 'Authorization_RequestDenied', 'accessDenied', 'AccessDenied'],
			category: 'permission',
			fix: 'Add the permission this operation needs to the app (delegated: reconnect {$credential} with it; app-only: add the application permission and grant admin consent), then run the workflow again.',
		},
		{
			codes: ['ErrorItemNotFound', 'itemNotFound', 'ResourceNotFound', 'Request_ResourceNotFound'],
			category: 'notFound',
		},
		{
			codes: ['ErrorQuotaExceeded', 'quotaLimitReached'],
			category: 'permanent',
			reason: 'the mailbox or drive is full ({error.code}: {error.message})',
			fix: 'Free space in the mailbox or OneDrive (empty Deleted Items, remove large files) or raise its quota, then run the workflow again.',
		},
		{
			codes: [
				'ErrorMailboxStoreUnavailable',
				'ErrorServerBusy',
				'serviceNotAvailable',
				'generalException',
			],
			category: 'transient',
		},
		{
			codes: [
				'ErrorInvalidRecipients',
				'ErrorInvalidIdMalformed',
				'invalidRequest',
				'BadRequest',
				'ErrorInvalidProperty',
				'nameAlreadyExists',
			],
			category: 'invalid',
		},
		{
			codes: [
				'activityLimitReached',
				'ApplicationThrottled',
				'TooManyRequests',
				'ErrorTooManyObjectsOpened',
			],
			category: 'rateLimit',
		},
	],
};

/**
 * Whose mailbox or drive: `me` (the signed-in user of a delegated connection: Graph's `/me`) or a user's ID or
 * principal name (`/users/{user}`: another user's shared mailbox, or any user with the app-only connection).
 * The paths are written as `/users/{user}/…`, as Graph's API description names them; `me` turns them into `/me/…`.
 */
export const userParam: ParamSpec = {
	displayName: 'User',
	name: 'user',
	in: 'path',
	type: 'string',
	default: 'me',
	required: true,
	placeholder: 'me',
	description:
		"'me' for the signed-in user; with the app-only credential (or for a mailbox shared with you), the user's ID or principal name, e.g. adele@contoso.com",
	pathAlias: { value: 'me', path: '/me' },
};

/**
 * An operation on a user's mailbox or drive: the User field first; `extra` adds what all of a node's operations
 * share (Outlook's budget per mailbox), an operation's own value winning.
 */
export const forUser =
	(extra: Partial<OperationSpec> = {}) =>
	(op: OperationSpec): OperationSpec => ({
		...extra,
		...op,
		params: [userParam, ...(op.params ?? [])],
	});

/**
 * Which drive (document library): a user's OneDrive (`/users/{user}/drive`, `/me/drive` for `me`), any drive by ID
 * (`/drives/{drive-id}`: a SharePoint document library, a group's or another user's drive), or a SharePoint site's
 * default library (`/sites/{site-id}/drive`), the site given by ID or by host name and path — Graph's path-based
 * site address `/sites/{hostname}:/{server-relative-path}:` resolves the site in the same request. Operation paths
 * are written with `/users/{user}/drive`, which the choice replaces.
 */
export const DRIVE_BASE = '/users/{user}/drive';
const onDrive = (value: string): Pick<ParamSpec, 'showWhen'> => ({ showWhen: { drive: [value] } });
export const driveParams: ParamSpec[] = [
	{
		displayName: 'Drive',
		name: 'drive',
		in: 'path',
		type: 'options',
		default: 'user',
		required: true,
		options: [
			{ name: "A User's OneDrive", value: 'user', description: "Yours ('me') or another user's" },
			{
				name: 'Drive by ID',
				value: 'driveId',
				description: 'A SharePoint document library or any drive, by its ID (/drives/…)',
			},
			{
				name: "SharePoint Site's Library (by Site ID)",
				value: 'siteId',
				description: "The site's default document library (/sites/{site-ID}/drive)",
			},
			{
				name: "SharePoint Site's Library (by Host and Path)",
				value: 'sitePath',
				description:
					'The default library of the site at contoso.sharepoint.com/sites/marketing (/sites/{hostname}:/{path}:/drive)',
			},
		],
		description: 'Which drive the file is on',
		pathChoice: {
			replace: DRIVE_BASE,
			choices: {
				driveId: '/drives/{driveId}',
				siteId: '/sites/{siteId}/drive',
				sitePath: '/sites/{siteHost}:/{sitePath}:/drive',
			},
		},
	},
	{ ...userParam, ...onDrive('user') },
	{
		displayName: 'Drive ID',
		name: 'driveId',
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3-Z8RY2VpuvV_tpd',
		description: "The drive's ID (a SharePoint library's drive ID starts with b!)",
		...onDrive('driveId'),
	},
	{
		displayName: 'Site ID',
		name: 'siteId',
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'contoso.sharepoint.com,2c7f2a6e-…,712a596e-…',
		description: "The site's ID (host name, site collection ID and web ID, comma-separated)",
		...onDrive('siteId'),
	},
	{
		displayName: 'Site Host Name',
		name: 'siteHost',
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'contoso.sharepoint.com',
		description: "The SharePoint host name of the site's URL",
		validate: {
			pattern: '^[A-Za-z0-9.-]+$',
			patternHint: 'Only the host name, e.g. contoso.sharepoint.com (no https://, no path).',
		},
		...onDrive('sitePath'),
	},
	{
		displayName: 'Site Path',
		name: 'sitePath',
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'sites/marketing',
		description: "The site's path after the host name, e.g. sites/marketing",
		segments: true,
		...onDrive('sitePath'),
	},
];

/** An operation on a drive: the drive selector's fields first (the user's OneDrive unless another is picked). */
export const forDrive = (op: OperationSpec): OperationSpec => ({
	...op,
	params: [...driveParams, ...(op.params ?? [])],
});

/** OData `$select`: the properties to return, comma-separated. */
export const selectParam = (example: string): ParamSpec =>
	queryParam('$select', 'Select', 'stringList', {
		name: 'select',
		default: '',
		queryFormat: 'comma',
		placeholder: example,
		description: `The properties to return ($select), comma-separated, e.g. ${example}; empty returns the default set`,
	});

/** Graph's `itemBody` (a message's or an event's body): its text and whether it is HTML or plain text. */
export const itemBodyParams = (prefix: string, required: boolean, what: string): ParamSpec[] => [
	bodyParam(`${prefix}body.content`, 'Body', 'string', {
		name: 'bodyContent',
		default: '',
		required,
		description: `${what} (body.content): HTML or plain text, as Body Type says`,
	}),
	bodyParam(`${prefix}body.contentType`, 'Body Type', 'options', {
		name: 'bodyContentType',
		default: 'HTML',
		required,
		options: [
			{ name: 'HTML', value: 'HTML' },
			{ name: 'Text', value: 'Text' },
		],
		description: 'How the body is written (body.contentType)',
	}),
];

/** OData `$filter`. */
export const filterParam = (example: string): ParamSpec =>
	queryParam('$filter', 'Filter', 'string', {
		name: 'filter',
		default: '',
		placeholder: example,
		description: `An OData filter ($filter), e.g. ${example}`,
	});

/** OData `$orderby`. */
export const orderByParam = (example: string): ParamSpec =>
	queryParam('$orderby', 'Order By', 'string', {
		name: 'orderBy',
		default: '',
		placeholder: example,
		description: `Sort order ($orderby), e.g. ${example}`,
	});

/**
 * Graph's JSON batching (`POST /v1.0/$batch`, https://learn.microsoft.com/graph/json-batching): up to 20
 * sub-requests `{id, method, url, headers, body, dependsOn}` with URLs relative to `/v1.0`; the answer's
 * `responses[]` come in any order, matched by `id`, each `{id, status, headers, body}` — a throttled sub-request
 * answers 429 with its own `Retry-After` header inside the batch answer.
 */
export const GRAPH_BATCH: BatchSpec = {
	size: 20,
	method: 'POST',
	path: '/$batch',
	request: {
		list: 'requests',
		id: 'id',
		method: 'method',
		url: 'url',
		body: 'body',
		headers: 'headers',
		dependsOn: 'dependsOn',
	},
	response: { list: 'responses', id: 'id', status: 'status', body: 'body', headers: 'headers' },
};

/**
 * What every Microsoft 365 spec says alike: Graph v1.0, the two credentials, the family and its name, the
 * delegated Test and account label (`GET /me`), Graph's request id and error codes.
 */
export const MICROSOFT_SPEC_BASE = {
	family: MICROSOFT_FAMILY,
	baseUrl: GRAPH_URL,
	auth: MICROSOFT_AUTH,
	credentialTest: { path: '/me' },
	account: { path: '/me', labelPath: 'userPrincipalName' },
	requestIdHeader: 'request-id',
	errorCodes: MICROSOFT_ERROR_CODES,
	connection: MICROSOFT_CONNECTION,
	batch: GRAPH_BATCH,
} satisfies Partial<ServiceSpec>;
