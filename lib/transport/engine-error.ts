/**
 * The engine's own error: what failed (the failure kind) and, when the server answered, its status,
 * headers and body, so callers decide on facts instead of parsing n8n's error text. It carries the
 * n8n error that says cause and fix (built by errors.ts); the n8n entry layer hands that one to n8n
 * (`toN8nError`), the one place where engine errors become n8n errors.
 */
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * - `http`: the server answered with a status that is no success (after the retries that were safe);
 * - `unreadable`: a success status whose body could not be read;
 * - `network`: no answer (connection, DNS, TLS, timeout);
 * - `queue`: never sent (the rate-limit wait ran out, the shared store is down, the run was stopped);
 * - `redirect`: a redirect the engine does not follow;
 * - `fatal`: anything else n8n raised before an answer (e.g. it could not sign the request).
 */
export type FailureKind = 'http' | 'unreadable' | 'network' | 'queue' | 'redirect' | 'fatal';

export interface ServerAnswer {
	status: number;
	headers: Record<string, string>;
	/** Redacted. */
	body?: unknown;
}

export class EngineError extends Error {
	readonly kind: FailureKind;
	/** The server's status, when it answered. */
	readonly status: number | null;
	readonly headers: Record<string, string>;
	readonly body: unknown;
	/** The error as n8n shows it (message, cause and fix, request details). */
	readonly n8nError: NodeApiError | NodeOperationError;

	constructor(
		kind: FailureKind,
		n8nError: NodeApiError | NodeOperationError,
		answer?: ServerAnswer,
	) {
		super(n8nError.message);
		this.name = 'EngineError';
		this.kind = kind;
		this.status = answer?.status ?? null;
		this.headers = answer?.headers ?? {};
		this.body = answer?.body;
		this.n8nError = n8nError;
	}

	/** The cause and the fix (the n8n error's description). */
	get description(): string | null | undefined {
		return this.n8nError.description;
	}
}

/** The status of an engine error, or null (no answer, or not an engine error). */
export function failedStatus(error: unknown): number | null {
	return error instanceof EngineError ? error.status : null;
}

/** The boundary to n8n: an engine error becomes the n8n error it carries; anything else is returned as it is. */
export function toN8nError(error: unknown): unknown {
	return error instanceof EngineError ? error.n8nError : error;
}
