/**
 * What every Google Workspace node shares: the one connection (family `googleWorkspace`, OAuth2 or service
 * account), its "who am I", its revocation, Google's error shape and its throttling answers. Each product's
 * spec (Sheets, Drive, Gmail, Docs, Calendar) spreads `googleConnection(scopes)` and adds its own
 * base URL, budgets and operations.
 * Facts: /work/shared/reference/services.md § Google Workspace APIs; https://cloud.google.com/apis/design/errors.
 */
import type { AuthSpec, ServiceSpec } from '../../lib/spec/types';
import type { ThrottleRule } from '../../lib/limits/policy';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import {
	GOOGLE_FAMILY,
	GOOGLE_OAUTH,
	GOOGLE_USER_CREDENTIAL,
	GOOGLE_SCOPES,
	GOOGLE_SERVICE_ACCOUNT,
	GOOGLE_SERVICE_ACCOUNT_CREDENTIAL,
} from './Google.oauth';

/** Google's identity host: the account's e-mail (`userinfo.email` scope), the same for every product. */
const USERINFO = { baseUrl: 'https://www.googleapis.com', path: '/oauth2/v3/userinfo' };

/**
 * Throttling in Google's words: `429 RESOURCE_EXHAUSTED`, and `403` with `rateLimitExceeded` (the project's
 * per-minute quota) or `userRateLimitExceeded` (the user's) in `error.errors[].reason` or, in the newer shape,
 * `error.details[].reason` (`RATE_LIMIT_EXCEEDED`). Google sends no Retry-After: its guides ask for truncated
 * exponential backoff, which the engine applies to such answers.
 */
export const GOOGLE_THROTTLED: ThrottleRule[] = [
	{
		status: [403],
		body: { path: 'error.errors[*].reason', in: ['rateLimitExceeded', 'userRateLimitExceeded'] },
	},
	{ status: [403], body: { path: 'error.details[*].reason', in: ['RATE_LIMIT_EXCEEDED'] } },
];

/**
 * Google's error body, `{"error": {"code", "message", "status", "errors": [{"reason", "domain", "message"}],
 * "details": [{"@type", "reason", …}]}}` (the canonical `status` codes of google.rpc.Code, the older `reason`s
 * still sent by Drive), mapped to cause and fix.
 */
export const GOOGLE_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'error.status',
	userMessagePath: 'error.message',
	// Sheets names the field in its message: `Invalid value at 'data.values' (…)`, `Unable to parse range: …`.
	fieldPattern: "Invalid value at '([^']+)'",
	rules: [
		{
			status: [401],
			category: 'auth',
			reason:
				'Google no longer accepts the access token (expired, or the access was revoked or the password changed)',
		},
		{
			status: [403],
			body: { path: 'error.details[*].reason', in: ['ACCESS_TOKEN_SCOPE_INSUFFICIENT'] },
			category: 'permission',
		},
		{
			status: [403],
			body: { path: 'error.errors[*].reason', in: ['insufficientPermissions'] },
			category: 'permission',
		},
		{
			status: [403],
			body: { path: 'error.details[*].reason', in: ['SERVICE_DISABLED'] },
			category: 'permanent',
			reason:
				'the API is not enabled in the Google Cloud project of the credential ({error.message})',
			fix: 'Enable the API in Google Cloud → APIs & Services → Library for the project of the OAuth client or service account, wait a few minutes, then run the workflow again.',
		},
		{
			status: [403],
			body: {
				path: 'error.errors[*].reason',
				in: ['dailyLimitExceeded', 'quotaExceeded', 'sharingRateLimitExceeded'],
			},
			category: 'permanent',
			reason: 'a Google quota that sending again soon cannot help is spent ({error.message})',
			fix: 'Wait for the quota to refill (daily quotas reset at midnight Pacific time) or ask for more in Google Cloud → IAM & Admin → Quotas.',
		},
		{
			status: [403],
			body: { path: 'error.errors[*].reason', in: ['storageQuotaExceeded'] },
			category: 'permanent',
			reason: "the Google account's storage is full",
			fix: 'Free space in Google Drive (empty the trash) or buy more storage, then run the workflow again.',
		},
		{
			status: [403],
			codes: ['PERMISSION_DENIED'],
			category: 'permanent',
			reason: 'the Google account of {$credential} may not do this on this file ({error.message})',
			fix: 'Share the file or folder with that account (a service account: with its e-mail address), or, with Drive Access "drive.file", open it through this connection first or choose "All Files".',
		},
		{
			status: [403],
			body: { path: 'error.errors[*].reason', in: ['forbidden', 'appNotAuthorizedToFile'] },
			category: 'permanent',
			reason: 'the Google account of {$credential} may not do this on this file ({error.message})',
			fix: 'Share the file or folder with that account (a service account: with its e-mail address), or, with Drive Access "drive.file", open it through this connection first or choose "All Files".',
		},
		{ status: [404], category: 'notFound' },
		{ status: [400], codes: ['INVALID_ARGUMENT', 'FAILED_PRECONDITION'], category: 'invalid' },
		{
			status: [500, 502, 503, 504],
			category: 'transient',
			reason: 'Google answered with a temporary error ({error.message})',
		},
	],
};

/**
 * Why Google stops accepting a refresh token (https://developers.google.com/identity/protocols/oauth2#expiration):
 * said with the "reconnect" fix when a refresh answers `invalid_grant`.
 */
export const GOOGLE_RECONNECT_REASONS =
	'Google ends a refresh token when the user or an administrator removed the app\'s access (myaccount.google.com/permissions), when the user changed the password (for Gmail scopes), after 6 months unused, when the account holds more than 100 refresh tokens of this OAuth client, and after 7 days when the OAuth consent screen is in "Testing" publishing status with external users (publish the app "In production" to stop this).';

/**
 * A product's per-user request budget (requests per minute per user per project, at most 10 at once; Google sends
 * no budget headers) and its `pageToken` paging (`nextPageToken`, the page size in `limitParam`).
 */
export function googleBudgetAndPages(
	perMinute: number,
	itemsPath: string,
	limitParam: string,
	pageSize: number,
): Pick<ServiceSpec, 'rateLimit' | 'pagination'> {
	return {
		rateLimit: {
			requests: perMinute,
			windowMs: 60_000,
			maxConcurrency: 10,
			headers: [],
			throttled: GOOGLE_THROTTLED,
		},
		pagination: {
			type: 'cursor',
			cursorParam: 'pageToken',
			nextCursorPath: 'nextPageToken',
			itemsPath,
			limitParam,
			pageSize,
		},
	};
}

/** The OAuth2 and service account credentials of a product, asking `scopes` besides the e-mail scope. */
export function googleAuth(scopes: string[]): AuthSpec[] {
	return [
		{
			kind: 'oauth2',
			credentialType: GOOGLE_USER_CREDENTIAL,
			displayName: 'OAuth2',
			oauth2: { ...GOOGLE_OAUTH, scopes: [GOOGLE_SCOPES.email, ...scopes] },
		},
		{
			kind: 'jwtBearer',
			credentialType: GOOGLE_SERVICE_ACCOUNT_CREDENTIAL,
			displayName: 'Service Account',
			jwtBearer: GOOGLE_SERVICE_ACCOUNT,
		},
	];
}

/** The spec fields every Google product shares: one connection, its test, label, errors and revocation. */
export function googleConnection(
	scopes: string[],
): Pick<
	ServiceSpec,
	'family' | 'auth' | 'credentialTest' | 'account' | 'errorCodes' | 'connection' | 'requestIdHeader'
> {
	return {
		family: GOOGLE_FAMILY,
		auth: googleAuth(scopes),
		credentialTest: USERINFO,
		account: { ...USERINFO, labelPath: 'email' },
		errorCodes: GOOGLE_ERROR_CODES,
		requestIdHeader: 'x-goog-request-id',
		connection: {
			familyName: 'Google Workspace',
			// RFC 7009 at Google: revoking the refresh token ends its access tokens too.
			revoke: {
				method: 'POST',
				path: 'https://oauth2.googleapis.com/revoke',
				token: 'refreshElseAccess',
				tokenIn: 'form',
				authenticated: false,
				credentialTypes: [GOOGLE_USER_CREDENTIAL],
			},
			reconnectReasons: GOOGLE_RECONNECT_REASONS,
		},
	};
}
