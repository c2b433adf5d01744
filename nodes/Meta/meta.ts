/**
 * What Facebook Pages and Instagram share because both are Meta's Graph API: the pinned API version,
 * the rate-limit policy, the webhook signature scheme and handshake, the error codes, the OAuth token
 * facts. All of it is data; the services' specs and hooks read it from here.
 */
import type { TokenExchangeSpec, TokenRenewalSpec } from '../../lib/connections/types';
import type { OAuth2Facts } from '../../lib/auth/kinds';
import type { RateLimitPolicy, ThrottleRule } from '../../lib/limits/policy';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type {
	PaginationSpec,
	ServiceSpec,
	TriggerParamSpec,
	WebhookSpec,
} from '../../lib/spec/types';
import type { SignatureScheme } from '../../lib/webhooks/signature';

/** One pinned Graph API version for both services (Meta keeps a version for at least two years). */
export const GRAPH_VERSION = 'v21.0';

export const FACEBOOK_GRAPH_URL = `https://graph.facebook.com/${GRAPH_VERSION}`;
export const INSTAGRAM_GRAPH_URL = `https://graph.instagram.com/${GRAPH_VERSION}`;
/** Page videos are uploaded on Meta's video host (Video API, resumable `upload_phase` protocol). */
export const FACEBOOK_VIDEO_URL = `https://graph-video.facebook.com/${GRAPH_VERSION}`;
/** Instagram resumable uploads: the bytes of a `upload_type=resumable` container go here, `Authorization: OAuth`. */
export const INSTAGRAM_UPLOAD_URL = `https://rupload.facebook.com/ig-api-upload/${GRAPH_VERSION}`;

/**
 * Meta's error codes (`{"error":{"message","type","code","error_subcode","error_user_msg","fbtrace_id"}}`, HTTP
 * 400/403, sometimes 500) by family, in the seed's terms. Rate-limit codes come with a 400 or 403, never a 429.
 * https://developers.facebook.com/docs/graph-api/guides/error-handling
 */
export const META_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'error.code',
	subcodePath: 'error.error_subcode',
	userMessagePath: 'error.error_user_msg',
	// "(#100) The parameter message is required", "(#100) Param caption must be a string".
	fieldPattern: '^\\(#100\\)\\s+(?:The\\s+)?param(?:eter)?\\s+([A-Za-z_][A-Za-z0-9_.\\[\\]]*)',
	rules: [
		// 190: the access token is no longer valid; the subcode says why.
		{ codes: [190], subcodes: [458], category: 'auth', reason: 'the user removed the app' },
		{
			codes: [190],
			subcodes: [459],
			category: 'auth',
			reason: 'the user must log in at facebook.com to clear a security checkpoint',
			fix: 'Ask the account owner to log in at facebook.com, then reconnect {$credential} and run the workflow again.',
		},
		{
			codes: [190],
			subcodes: [460],
			category: 'auth',
			reason: 'the password of the account changed, which ends its tokens',
		},
		{ codes: [190], subcodes: [463], category: 'auth', reason: 'the access token has expired' },
		{
			codes: [190],
			subcodes: [464],
			category: 'auth',
			reason: 'the user account is not confirmed',
			fix: 'Ask the account owner to confirm the account at facebook.com, then reconnect {$credential}.',
		},
		{
			codes: [190],
			subcodes: [467],
			category: 'auth',
			reason: 'the access token was invalidated (the user logged out or revoked it)',
		},
		{ codes: [190], category: 'auth', reason: 'the access token is invalid or expired' },
		{ codes: [102], category: 'auth', reason: 'the login session is no longer valid' },
		// 10 and 200–299: a permission the token lacks (or a Page the user does not manage).
		{ codes: [10, [200, 299]], category: 'permission' },
		// Platform (4 app, 17 user, 32 Page, 613 custom) and Business Use Case (80001–80014) limits.
		{ codes: [4, 17, 32, 613, [80001, 80014]], category: 'rateLimit' },
		// 100 with subcode 33: the object does not exist, or the token may not see it.
		{ codes: [100], subcodes: [33], category: 'notFound' },
		{ codes: [100], category: 'invalid' },
		// 1 unknown error, 2 service temporarily unavailable: Meta says to retry.
		{ codes: [1, 2], category: 'transient' },
		{
			codes: [368],
			category: 'permanent',
			reason: 'the account is temporarily blocked from this action for policy reasons',
			fix: "Wait before posting again and check the content against Meta's Community Standards; sending it again now fails the same way.",
		},
		{
			codes: [506],
			category: 'permanent',
			reason: 'the post duplicates one published just before',
			fix: 'Change the message (Facebook refuses the same post twice in a row), or skip the item.',
		},
		{
			codes: [9007],
			category: 'permanent',
			reason: 'the media container is not ready to publish',
			fix: 'Wait until the container status is FINISHED, then publish (Create and Publish waits for it).',
		},
	],
};

/** Every code one of the table's rate-limit rules names (ranges spelled out), for the throttle rule below. */
const THROTTLE_CODES = META_ERROR_CODES.rules
	.filter((r) => r.category === 'rateLimit')
	.flatMap((r) => r.codes ?? [])
	.flatMap((c) =>
		Array.isArray(c) ? Array.from({ length: c[1] - c[0] + 1 }, (_, i) => c[0] + i) : [c],
	);

/** Meta never answers 429: throttling is HTTP 400/403 with one of the codes above. */
export const META_THROTTLE_RULES: ThrottleRule[] = [
	{ status: [400, 403], body: { path: 'error.code', in: THROTTLE_CODES } },
];

/**
 * The seed's budget: 200 calls per hour per user (per connection here), queued, plus Meta's usage headers.
 * `X-App-Usage` is flat percentages, `X-Business-Use-Case-Usage` is per business id with
 * `estimated_time_to_regain_access` (minutes); the highest percentage wins.
 */
export function metaRateLimit(requestsPerHour = 200): RateLimitPolicy {
	return {
		requests: requestsPerHour,
		windowMs: 3_600_000,
		maxConcurrency: 4,
		headers: [
			{ format: 'usage-percent', header: 'x-app-usage' },
			{ format: 'usage-percent', header: 'x-business-use-case-usage' },
		],
		throttled: META_THROTTLE_RULES,
	};
}

/** Graph lists: `{ data: [...], paging: { cursors: { before, after }, next } }`; `paging.next` is absent on the last page. */
export const GRAPH_PAGINATION: PaginationSpec = {
	type: 'nextUrl',
	nextUrlPath: 'paging.next',
	itemsPath: 'data',
	limitParam: 'limit',
	pageSize: 50,
};

/** Every Meta webhook delivery: HMAC-SHA256 of the raw body with the App Secret, `sha256=` + hex. */
export const META_SIGNATURE: SignatureScheme = {
	header: 'X-Hub-Signature-256',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'sha256=',
};

/** The subscription handshake: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` → echo the challenge. */
export const META_HANDSHAKE = {
	challengeParam: 'hub.challenge',
	tokenParam: 'hub.verify_token',
	modeParam: 'hub.mode',
	modeValue: 'subscribe',
} as const;

/** Days a long-lived Meta user token lives, and how early it is renewed (the seed's rule). */
const RENEW_MARGIN_MS = 7 * 86_400_000;

/**
 * Facebook Login: a short-lived user token (1–2 h) is exchanged for a ~60-day one; the same call with a
 * long-lived token returns a fresh 60-day token. The connections engine runs this before expiry.
 */
export const FACEBOOK_TOKEN_RENEWAL: TokenRenewalSpec = {
	method: 'GET',
	path: `${FACEBOOK_GRAPH_URL}/oauth/access_token`,
	params: {
		grant_type: 'fb_exchange_token',
		client_id: '{clientId}',
		client_secret: '{clientSecret}',
		fb_exchange_token: '{access_token}',
	},
	marginMs: RENEW_MARGIN_MS,
	tokenPath: 'access_token',
	expiresInPath: 'expires_in',
};

/**
 * Instagram Login: the short-lived token (1 h) is exchanged once with `ig_exchange_token` (needs the app
 * secret) for a 60-day token, which is then refreshed with `ig_refresh_token` (token ≥ 24 h old, unexpired).
 */
export const INSTAGRAM_TOKEN_EXCHANGE: TokenExchangeSpec = {
	method: 'GET',
	path: 'https://graph.instagram.com/access_token',
	params: {
		grant_type: 'ig_exchange_token',
		client_secret: '{clientSecret}',
		access_token: '{access_token}',
	},
	tokenPath: 'access_token',
	expiresInPath: 'expires_in',
};

export const INSTAGRAM_TOKEN_RENEWAL: TokenRenewalSpec = {
	method: 'GET',
	path: 'https://graph.instagram.com/refresh_access_token',
	params: { grant_type: 'ig_refresh_token', access_token: '{access_token}' },
	marginMs: RENEW_MARGIN_MS,
	tokenPath: 'access_token',
	expiresInPath: 'expires_in',
	// The login's code exchange returns no expires_in: n8n stores the 1-hour token without an expiry.
	exchange: INSTAGRAM_TOKEN_EXCHANGE,
};

/**
 * The verify token the user chooses and enters twice: here and in the Meta app dashboard (Webhooks →
 * Verify Token). Meta sends it with the subscription handshake; a wrong one gets 403.
 */
export const VERIFY_TOKEN_PARAM: TriggerParamSpec = {
	displayName: 'Verify Token',
	name: 'verifyToken',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description:
		'Any string you choose. Enter the same value as "Verify Token" where you set this callback URL in the Meta app dashboard.',
};

/** The parts of a Meta trigger's webhook section both services share (signature, handshake, event location). */
export const META_WEBHOOK = {
	signature: META_SIGNATURE,
	// Deliveries are signed with the App Secret, which is the credential's client secret.
	secretCredentialField: 'clientSecret',
	setupMethod: 'GET',
	// `{"object":…,"entry":[{"id","time","changes":[{"field","value"}]}]}`: the first change names the event.
	eventPath: 'entry.0.changes.0.field',
} as const satisfies Partial<WebhookSpec>;

/** Name of the shared handshake hook (nodes/Meta/meta.hooks.ts) in each service's hooks. */
export const META_HANDSHAKE_HOOK = 'webhookHandshake';

/** The hook names of a Meta trigger registered through the Graph API (each service's hooks implement them). */
export const META_REGISTRATION_HOOKS = {
	checkExists: 'webhookExists',
	create: 'webhookCreate',
	delete: 'webhookDelete',
	handshake: META_HANDSHAKE_HOOK,
} as const;

/**
 * What every Meta Graph service spec shares: one OAuth2 credential, the "who am I" test and account label,
 * the per-user rate limit with Meta's usage headers, Graph paging and Meta's trace-id header.
 */
export function metaServiceBase(o: {
	credentialType: string;
	displayName: string;
	oauth: OAuth2Facts;
	meFields: string;
	labelPath: string;
}): Pick<
	ServiceSpec,
	| 'auth'
	| 'credentialTest'
	| 'account'
	| 'rateLimit'
	| 'pagination'
	| 'requestIdHeader'
	| 'errorCodes'
> {
	const me = `/me?fields=${o.meFields}`;
	return {
		auth: [
			{
				kind: 'oauth2',
				credentialType: o.credentialType,
				displayName: o.displayName,
				oauth2: {
					grantType: 'authorizationCode',
					authUrl: o.oauth.authUrl,
					tokenUrl: o.oauth.tokenUrl,
					scopes: o.oauth.scopes,
				},
			},
		],
		credentialTest: { method: 'GET', path: me },
		account: { path: me, labelPath: o.labelPath },
		rateLimit: metaRateLimit(200),
		pagination: GRAPH_PAGINATION,
		requestIdHeader: 'x-fb-trace-id',
		errorCodes: META_ERROR_CODES,
	};
}
