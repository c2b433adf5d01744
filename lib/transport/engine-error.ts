/**
 * The engine's own error: what failed (the failure kind) and, when the server answered, its status,
 * headers and body, so callers decide on facts instead of parsing n8n's error text. It carries the report
 * that says cause and fix (built by errors.ts, redacted) as plain data; the n8n entry layer turns it into
 * n8n's error (`toN8nError` in lib/execution/n8n-error.ts), the one place where engine errors become n8n errors.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';

/**
 * - `http`: the server answered with a status that is no success (after the retries that were safe);
 * - `reported`: the server answered with a success status but reported an error in the body (`errorsInBody`);
 * - `unreadable`: a success status whose body could not be read;
 * - `network`: no answer (connection, DNS, TLS, timeout);
 * - `queue`: never sent (the rate-limit wait ran out, the shared store is down, the run was stopped);
 * - `redirect`: a redirect the engine does not follow;
 * - `fatal`: anything else n8n raised before an answer (e.g. it could not sign the request).
 */
export type FailureKind =
	'http' | 'reported' | 'unreadable' | 'network' | 'queue' | 'redirect' | 'fatal';

export interface ServerAnswer {
	status: number;
	headers: Record<string, string>;
	/** Redacted. */
	body?: unknown;
	/** The error code the service reported (kind `reported`, or a code found in an error body). */
	code?: string | null;
}

/** n8n's failure hint, so an error workflow can tell a rate limit from a broken configuration. */
export interface FailureHint {
	cause: 'rate-limited';
	retryAfterMs?: number;
	resetsAtEpochMs?: number;
}

/**
 * Everything n8n's error is made of, already redacted: `api` becomes a NodeApiError (the server's answer, or
 * none), `operation` a NodeOperationError (the request was never sent or n8n refused it).
 */
export interface ErrorReport {
	type: 'api' | 'operation';
	/** One line: service, status and the server's words. */
	message: string;
	/** The cause and the fix, one paragraph. */
	description?: string;
	httpCode?: string;
	/** NodeApiError's error response (`{ httpCode, message, body }`). */
	response?: JsonObject;
	failure?: FailureHint;
	itemIndex: number;
	/** Where the request went and what each attempt did (`context.request`, shown under "Request"). */
	request?: IDataObject;
}

export class EngineError extends Error {
	readonly kind: FailureKind;
	/** The server's status, when it answered. */
	readonly status: number | null;
	readonly headers: Record<string, string>;
	readonly body: unknown;
	/** The error code the service reported in its answer, when there is one. */
	readonly code: string | null;
	/** What the n8n error will say (message, cause and fix, request details). */
	readonly report: ErrorReport;

	constructor(kind: FailureKind, report: ErrorReport, answer?: ServerAnswer) {
		super(report.message);
		this.name = 'EngineError';
		this.kind = kind;
		this.status = answer?.status ?? null;
		this.headers = answer?.headers ?? {};
		this.body = answer?.body;
		this.code = answer?.code ?? null;
		this.report = report;
	}

	/** The cause and the fix. */
	get description(): string | undefined {
		return this.report.description;
	}
}

/** The status of an engine error, or null (no answer, or not an engine error). */
export function failedStatus(error: unknown): number | null {
	return error instanceof EngineError ? error.status : null;
}
