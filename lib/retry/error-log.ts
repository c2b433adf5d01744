/** The per-request error log entry (as in the product description) and its one-line human form. */
import { getHeader, type HttpHeaders } from '../limits/observation';

export type ErrorLogKind = 'retry' | 'wait' | 'final';

export interface ErrorLogEntry {
	/** ISO 8601. */
	timestamp: string;
	service: string;
	/** Credential name as shown in n8n, never its data. */
	connection: string;
	method: string;
	/** Path without query string (queries can carry keys). */
	endpoint: string;
	/** Null when no answer came (network error, queue timeout). */
	status: number | null;
	message: string;
	requestId: string | null;
	workflowId?: string;
	executionId?: string;
	node?: string;
	/** The workflow's name (with `node`, the seed's "Action": the workflow and step by name). */
	workflowName?: string;
	/** The id the operation acted on: the value of the path's last parameter (the seed's "Record ID"). */
	recordId?: string | null;
	itemIndex?: number;
	attempt: number;
	maxAttempts: number;
	/** Null on the final entry. */
	nextRetryInSeconds: number | null;
	kind: ErrorLogKind;
}

/** Headers that carry a request id, most specific first. Header names only; no service knowledge. */
export const REQUEST_ID_HEADERS: readonly string[] = [
	'x-request-id',
	'request-id',
	'x-amzn-requestid',
	'x-amz-request-id',
	'x-ms-request-id',
	'client-request-id',
	'x-correlation-id',
	'x-trace-id',
	'x-cloud-trace-context',
	'cf-ray',
];

/** The first request id found in the response headers (a service's own header first), or null. */
export function requestIdFrom(
	headers: HttpHeaders | undefined,
	serviceHeader?: string,
): string | null {
	for (const name of serviceHeader ? [serviceHeader, ...REQUEST_ID_HEADERS] : REQUEST_ID_HEADERS) {
		const value = getHeader(headers, name)?.trim();
		if (value) return value;
	}
	return null;
}

/** The seed's "Record ID": the value of the path template's last `{parameter}`, or null (a create, a list). */
export function recordIdOf(
	path: string,
	pathParams: Record<string, string | number> | undefined,
): string | null {
	const names = [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
	for (let i = names.length - 1; i >= 0; i--) {
		const v = pathParams?.[names[i]];
		if (v !== undefined && v !== null && String(v) !== '') return String(v);
	}
	return null;
}

/** The path of a URL or path, without query string or fragment, for logs. */
export function endpointOf(urlOrPath: string): string {
	const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(urlOrPath) ? new URL(urlOrPath).pathname : urlOrPath;
	return path.replace(/[?#].*$/, '') || '/';
}

/** One human-readable line for an entry. */
export function formatErrorLogEntry(e: ErrorLogEntry): string {
	const context = [
		e.requestId ? `request ${e.requestId}` : '',
		e.workflowId ? `workflow ${e.workflowId}` : '',
		e.executionId ? `execution ${e.executionId}` : '',
		e.node ? `node "${e.node}"` : '',
		e.itemIndex !== undefined ? `item ${e.itemIndex}` : '',
	].filter((part) => part !== '');
	const next = e.nextRetryInSeconds ?? 0;
	const outcome =
		e.kind === 'final'
			? 'giving up'
			: e.kind === 'wait'
				? `waiting ${next} s for the rate limit`
				: `next retry in ${next} s`;
	return (
		`${e.timestamp} ${e.service} (${e.connection}) ${e.method} ${e.endpoint}: ${e.status ?? 'no response'} ${e.message}` +
		(context.length > 0 ? ` [${context.join(', ')}]` : '') +
		` - attempt ${e.attempt}/${e.maxAttempts}, ${outcome}`
	);
}

/**
 * One attempt as the user reads it in the error details: `attempt 1 of 3: HTTP 503 (server error) – busy;
 * retried in 2 s`. Numbered like the entry, with the wait the engine really took, and no internal ids.
 */
export function formatAttemptLine(e: ErrorLogEntry): string {
	const next = e.nextRetryInSeconds ?? 0;
	const verdict =
		e.kind === 'final'
			? ''
			: e.kind === 'wait'
				? `; waited ${next} s for the rate limit`
				: next > 0
					? `; retried in ${next} s`
					: '; retried at once';
	return `attempt ${e.attempt} of ${e.maxAttempts}: ${e.message}${verdict}`;
}

/** Seconds for `nextRetryInSeconds`: tenths below 10 s, so a 0.1 s backoff does not read "0 s". */
export function retrySeconds(ms: number): number {
	const s = ms / 1000;
	return s < 10 ? Math.round(s * 10) / 10 : Math.round(s);
}
