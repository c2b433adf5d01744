import type { IDataObject } from 'n8n-workflow';

import type { BodyEncoding, HttpMethod } from '../spec/types';
import type { ErrorsInBodySpec } from './reported-error';

export type ResponseFormat = 'json' | 'text' | 'binary';

/** One request as the engine sees it, before auth, limits and retries are applied. */
export interface EngineRequest {
	method: HttpMethod;
	/** Base URL (already resolved from the spec and the credential). */
	baseUrl: string;
	/** Path template such as `/users/{id}`, or an absolute URL on the base URL's origin (a next-page link). */
	path: string;
	/** Values for `{name}` placeholders; each one becomes exactly one percent-encoded path segment. */
	pathParams?: Record<string, string | number>;
	qs?: IDataObject;
	headers?: Record<string, string>;
	body?: unknown;
	bodyEncoding?: BodyEncoding;
	/** Content-Type for `raw` bodies. */
	contentType?: string;
	responseFormat?: ResponseFormat;
	/** Per-request timeout in ms. */
	timeout?: number;
	/** The request can safely be sent twice (GET etc.; a write that carries an idempotency key). */
	idempotent?: boolean;
	/** The idempotency key the request carries in its body (shown with a failure: a re-run with it is safe). */
	idempotencyKey?: string;
	/**
	 * Statuses, besides success, that are an answer the caller expects (404 on "does it exist?"): returned
	 * as the response, not retried and not reported as a failure.
	 */
	accept?: number[];
	/**
	 * `manual`: a redirect answer is returned as it is (list its status in `accept`), never followed, e.g. a
	 * pre-signed download link on another origin that the caller fetches without the credential.
	 */
	redirect?: 'manual';
	/** A GET whose answer may be served from the cache when the user turned caching on (default true for GET). */
	cacheable?: boolean;
	/** Which budget of the service's rate limit the request counts against, and what it costs. */
	limit?: RequestLimit;
	/**
	 * Errors this request's answer may report in a success body besides the service's (`errorsInBody`), e.g. a
	 * GraphQL mutation's `userErrors` at its own path; checked after the service's.
	 */
	errorsInBody?: ErrorsInBodySpec;
	/** The OAuth2 scopes the operation needs, named when the service refuses a permission. */
	scopes?: string[];
	/**
	 * A JSON answer's integers beyond 2^53 (64-bit ids) come back as strings of their exact digits instead of
	 * rounded numbers (the answer is read as text and parsed by the engine).
	 */
	exactIntegers?: boolean;
}

/** A request's place in the service's rate limits (see `RateLimitPolicy.tiers` and `.cost`). */
export interface RequestLimit {
	/** The operation's tier: its own budget with the tier's counts. */
	tier?: string;
	/** The resource the budget is kept per (a channel, a base, a shop): one budget per value. Never a secret. */
	key?: string;
	/** Cost-based budgets: the points the request is expected to take. */
	cost?: number;
	/** Cost-based budgets: what kind of request this is, so its cost is learnt from its last answer. */
	costKey?: string;
}

export interface EngineResponse {
	status: number;
	headers: Record<string, string>;
	/** Parsed JSON, text, or a Buffer for binary. */
	body: unknown;
	/** How this response was obtained, for the item's metadata. */
	meta: {
		attempts: number;
		waitedMs: number;
		url: string;
		cache?: { hit: boolean; ageSeconds: number };
	};
}
