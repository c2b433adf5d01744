/**
 * What the connections store keeps: workspace bindings (one connection per service type), usage
 * counters, error-log and audit entries. Every field is a name, a label, a count or a time: no token,
 * key or secret ever goes into a record.
 */
import type { ErrorLogEntry } from '../retry/error-log';
import type { HttpMethod } from '../spec/types';

/** Where a connection stands, as the Connections node's "Get Status" shows it. */
export type ConnectionStatus = 'connected' | 'expired' | 'error' | 'disconnected' | 'not used yet';

export type AuditAction =
	| 'bound'
	| 'unbound'
	| 'refreshed'
	| 'revoked'
	| 'test'
	/** Seen by the Connections Monitor through n8n's API (what changed in n8n, not through this package). */
	| 'credentialCreated'
	| 'credentialUpdated'
	| 'credentialDeleted'
	/** The monitor found something that needs attention (expiring, failing, unusual activity…). */
	| 'attention'
	/** A vendor subscription (webhook) renewed by the monitor. */
	| 'subscriptionRenewed';

/** A connection is one credential used for one service type in one workspace. */
export interface ConnectionRef {
	workspace: string;
	/** Service type: the spec's `family`, else its id. */
	family: string;
	/** n8n credential id (`name:<credential name>` when a workflow has no id for it). */
	credentialId: string;
}

/** The credential a workspace is bound to for one service type. */
export interface Binding extends ConnectionRef {
	serviceId: string;
	serviceName: string;
	credentialType: string;
	credentialName: string;
	/** "Who am I" answer (e.g. `@mybusiness`), else the credential name. */
	accountLabel: string;
	boundAt: number;
	workflowId?: string;
	executionId?: string;
}

/** Usage of one connection, as the dashboard needs it. */
export interface UsageSummary {
	/** Attempts sent in the last 24 h (each one counts against the service's limit). */
	calls24h: number;
	successes24h: number;
	failures24h: number;
	successesTotal: number;
	failuresTotal: number;
	lastUsedAt: number | null;
	/** HTTP status of the latest attempt (null: no answer). */
	lastStatus: number | null;
	lastOk: boolean | null;
	lastError: string | null;
	lastErrorAt: number | null;
	/** Access-token expiry last seen on the credential (OAuth2), epoch ms. */
	tokenExpiresAt: number | null;
	/** Permissions (scopes) granted to the token, space-separated, as last seen; null when unknown. */
	grantedScopes: string | null;
}

/** A connection as listed for a workspace: its binding (if any) and what was last seen of it. */
export interface ConnectionRow extends ConnectionRef {
	serviceId: string;
	serviceName: string;
	credentialType: string;
	credentialName: string;
	accountLabel: string | null;
	boundAt: number | null;
	/** False for services exempt from the one-per-workspace rule (generic connections). */
	exclusive: boolean;
	usage: UsageSummary;
}

/** One error-log entry as stored: the pipeline's entry (already redacted) plus where it belongs. */
export interface ErrorRecord
	extends ConnectionRef, Omit<ErrorLogEntry, 'timestamp' | 'service' | 'kind'> {
	id?: number;
	/** Epoch ms (the entry's `timestamp`). */
	at: number;
	/** The service's display name (the entry's `service`). */
	serviceName: string;
	kind: string;
}

export interface AuditRecord extends ConnectionRef {
	id?: number;
	at: number;
	action: AuditAction;
	serviceName: string;
	credentialType?: string;
	credentialName?: string;
	accountLabel?: string;
	/** What happened, in words (e.g. "proactive refresh, 240 s before expiry"). */
	detail?: string;
	workflowId?: string;
	executionId?: string;
	/** Who: `user <id>` (a person's manual run), else the workflow and its trigger (see audit.ts). */
	actor?: string;
	/** Where: the workflow's name and the node that acted. */
	workflowName?: string;
	node?: string;
}

/** Filters of the error and audit log queries. */
export interface LogQuery {
	workspace: string;
	/** Service types to include; all when absent. */
	families?: string[];
	sinceMs?: number;
	untilMs?: number;
	/** Newest first; at most this many (0 or absent: 1000). */
	limit?: number;
	/** Audit only: these actions; all when absent. */
	actions?: string[];
	/** Audit only: entries whose actor contains this text (case-insensitive). */
	actor?: string;
}

/** One attempt as the usage counters see it. */
export interface UsageSample extends ConnectionRef {
	at: number;
	serviceId: string;
	serviceName: string;
	credentialType: string;
	credentialName: string;
	exclusive: boolean;
	ok: boolean;
	status: number | null;
	workflowId?: string;
	executionId?: string;
}

/** What one flush writes: counters already summed per hour, plus the latest facts per connection. */
export interface UsageBatch {
	hourly: Array<
		ConnectionRef & { hour: number; calls: number; successes: number; failures: number }
	>;
	latest: Array<
		ConnectionRef & {
			serviceId: string;
			serviceName: string;
			credentialType: string;
			credentialName: string;
			exclusive: boolean;
			successes: number;
			failures: number;
			lastUsedAt: number;
			lastStatus: number | null;
			lastOk: boolean;
			tokenExpiresAt?: number | null;
			scopes?: string | null;
		}
	>;
	executions: Array<ConnectionRef & { executionId: string; workflowId: string; at: number }>;
	errors: ErrorRecord[];
	/** The latest final error per connection (applied after `latest`, to rows that exist). */
	lastErrors: Array<ConnectionRef & { at: number; message: string }>;
}

/**
 * Connection facts a service spec may add (`ServiceSpec.connection`). All optional: a service without it is exclusive, has no revoke endpoint and no provider renewal.
 */
export interface ConnectionSpec {
	/**
	 * False for generic connections (any base URL: a Custom REST or GraphQL API) that are not one service:
	 * each of their credentials is listed and counted, but the one-per-workspace rule does not apply.
	 */
	exclusive?: boolean;
	/** Name shown for a family of services sharing one connection (e.g. a suite), else the service's name. */
	familyName?: string;
	/**
	 * Revoke the token at the provider when the connection is disconnected. Several when the credential types
	 * revoke differently (an OAuth grant and a personal token): the first whose `credentialTypes` take the type.
	 */
	revoke?: RevokeSpec | RevokeSpec[];
	/** Provider-specific renewal of long-lived tokens that have no refresh token (design, see README). */
	tokenRenewal?: TokenRenewalSpec;
	/**
	 * Tokens nothing here can renew (the provider offers no exchange, and refresh tokens only to some apps):
	 * their documented lifetimes, so the Connections Monitor warns before the member must sign in again.
	 */
	reauthorize?: ReauthorizeSpec;
	/**
	 * Why the provider stops accepting a refresh token, in its documented words (revoked, password changed, a
	 * test app's 7-day limit…): added to the "reconnect" fix when a refresh fails, so the user knows which applies.
	 */
	reconnectReasons?: string;
	/**
	 * A token whose expiry was chosen when it was made and is known only to the provider (an API token made
	 * "for 30 days"): the request that tells it (`{field}` placeholders filled from the credential) and where its
	 * answer has the expiry (an ISO time, or null for never), so the Connections Monitor warns `warnMs` before.
	 */
	tokenExpiry?: TokenExpirySpec;
}

export interface TokenExpirySpec {
	path: string;
	expiresAtPath: string;
	warnMs: number;
	/** Only credentials of these types are asked (a pasted token, not an OAuth grant n8n refreshes); default all. */
	credentialTypes?: string[];
}

/**
 * Lifetimes of tokens that end in a new sign-in. The monitor warns `warnMs` before the deadline: the refresh
 * token's expiry when the credential holds one (its lifetime counts from the first grant and is not reset by
 * refreshing, as `refresh_token_expires_in` of each token answer says), else the access token's.
 */
export interface ReauthorizeSpec {
	/** Documented access-token lifetime in days (the token answer's `expires_in` wins). */
	accessTokenDays: number;
	/** Documented refresh-token lifetime in days, where the provider grants refresh tokens. */
	refreshTokenDays?: number;
	/** Warn this long before the deadline (ms). */
	warnMs: number;
}

/** A revoke request. The token goes only into this request, never into a record. */
export interface RevokeSpec {
	method?: HttpMethod;
	/**
	 * Path on the service's base URL, or an absolute https URL (an authorization server); `{field}`
	 * placeholders are filled from the credential, and a path that is one `{field}` is that field's URL
	 * (empty: the credential configures no revocation endpoint).
	 */
	path: string;
	/** Which token to revoke (default `access`; `refreshElseAccess`: the refresh token when there is one). */
	token?: 'access' | 'refresh' | 'refreshElseAccess';
	/**
	 * Where the token goes: a form/JSON body field, a query parameter, the path's `{token}` placeholder
	 * (percent-encoded, as every path parameter), or nowhere (the auth header says it).
	 */
	tokenIn?: 'form' | 'json' | 'query' | 'path' | 'none';
	/** Field or parameter name (default `token`). */
	tokenParam?: string;
	/** Sign the request with the credential (default true). */
	authenticated?: boolean;
	/** Only credentials of these types are revoked (e.g. an OAuth app's grant, not a personal token); default all. */
	credentialTypes?: string[];
	/**
	 * Client authentication instead of the credential's token: `basic` sends the credential's client id and
	 * secret as HTTP Basic (a vendor's OAuth app grant deletion); `oauth2` as the OAuth2 credential's own "Authentication"
	 * field says (Basic header, or `client_id`/`client_secret` in the form: RFC 7009); `secretHeader`: see
	 * `clientAuthScheme`.
	 */
	clientAuth?: 'basic' | 'oauth2' | 'secretHeader';
	/**
	 * `clientAuth: 'secretHeader'`: the client secret goes in the Authorization header after this word (e.g.
	 * `Client` → `Authorization: Client <secret>`) and the client id beside the token as `client_id`.
	 */
	clientAuthScheme?: string;
	/** Send RFC 7009's `token_type_hint` (`access_token` / `refresh_token`). */
	tokenTypeHint?: boolean;
}

/** Renewal of a long-lived token by the provider's own exchange endpoint, before it expires. */
export interface TokenRenewalSpec {
	method?: HttpMethod;
	path: string;
	/**
	 * Query/body parameters; `{access_token}`, `{refresh_token}`, `{clientId}`, `{clientSecret}` are filled from
	 * the credential.
	 */
	params: Record<string, string>;
	/** Renew this long before expiry (ms); the product rule is 7 days. */
	marginMs: number;
	/** Where the new token and its lifetime are in the response. */
	tokenPath: string;
	expiresInPath?: string;
	/**
	 * The renewal is the provider's refresh-token grant, sent by the engine because n8n's own refresh cannot
	 * speak to this token endpoint (e.g. it names the client id otherwise): it renews credentials that hold a
	 * refresh token (instead of those that hold none), also after the access token expired.
	 */
	refreshToken?: boolean;
	/** Where a new refresh token is in the answer (a rotating refresh token): it replaces the stored one. */
	refreshTokenPath?: string;
	/** Where the refresh token's remaining lifetime (seconds) is, stored as `refresh_expires_in`. */
	refreshExpiresInPath?: string;
	/**
	 * Exchange a token whose expiry is unknown (a short-lived login token stored without `expires_in`) for a
	 * long-lived one first, once per token; the renewal takes over from the expiry it returns.
	 */
	exchange?: TokenExchangeSpec;
}

/** A token exchange without its own timing: a renewal's first step (`TokenRenewalSpec.exchange`). */
export type TokenExchangeSpec = Omit<
	TokenRenewalSpec,
	'marginMs' | 'exchange' | 'refreshToken' | 'refreshTokenPath' | 'refreshExpiresInPath'
>;
