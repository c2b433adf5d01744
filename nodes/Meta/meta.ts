/**
 * What Facebook Pages and Instagram share because both are Meta's Graph API: the pinned API version,
 * the rate-limit policy, the webhook signature scheme and handshake, the error codes, the OAuth token
 * facts. All of it is data; the services' specs and hooks read it from here.
 */
import type { TokenExchangeSpec, TokenRenewalSpec } from '../../lib/connections/types';
import type { OAuth2Facts } from '../../lib/auth/kinds';
import type { RateLimitPolicy, ThrottleRule } from '../../lib/limits/policy';
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

/**
 * Meta's error codes, by `error.code` of the `{"error":{"message","type","code","error_subcode","fbtrace_id"}}` body.
 * `throttle: true` codes mean "rate limited" although the status is 400/403, never 429.
 */
export const META_ERROR_CODES: Record<
	number,
	{ meaning: string; fix: string; throttle?: boolean }
> = {
	4: {
		meaning: 'Application request limit reached (about 200 calls per user per hour)',
		fix: 'Wait; the queue resumes when usage drops.',
		throttle: true,
	},
	17: {
		meaning: 'User request limit reached',
		fix: 'Wait; the queue resumes when usage drops.',
		throttle: true,
	},
	32: {
		meaning: 'Page request limit reached',
		fix: 'Wait; the queue resumes when usage drops.',
		throttle: true,
	},
	613: {
		meaning: 'Calls to this API exceeded the custom rate limit',
		fix: 'Wait; the queue resumes when usage drops.',
		throttle: true,
	},
	// Business Use Case limits (Pages, Instagram): the usage header says when access comes back.
	80001: {
		meaning: 'Too many calls to this Page (Business Use Case limit)',
		fix: 'Wait for estimated_time_to_regain_access.',
		throttle: true,
	},
	80002: {
		meaning: 'Too many calls to this Instagram account (Business Use Case limit)',
		fix: 'Wait for estimated_time_to_regain_access.',
		throttle: true,
	},
	10: {
		meaning: 'Permission denied',
		fix: 'Reconnect the credential and grant the permission the operation needs.',
	},
	100: { meaning: 'Invalid parameter', fix: 'Check the field named in the message.' },
	190: {
		meaning: 'Access token expired or invalid',
		fix: 'Reconnect the credential (tokens last about 60 days unless renewed).',
	},
	200: {
		meaning: 'Permission error',
		fix: 'Grant the missing permission (scope) and make sure you manage the Page or account.',
	},
	368: {
		meaning: 'Temporarily blocked for policy reasons',
		fix: 'Slow down posting; try again later.',
	},
	9007: {
		meaning: 'Media container is not ready to publish',
		fix: 'Wait until the container status is FINISHED, then publish.',
	},
};

const THROTTLE_CODES = Object.entries(META_ERROR_CODES)
	.filter(([, v]) => v.throttle)
	.map(([k]) => Number(k));

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
	'auth' | 'credentialTest' | 'account' | 'rateLimit' | 'pagination' | 'requestIdHeader'
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
	};
}
