/**
 * Network failures, classified by whether the request may have reached the server: a request that
 * provably never left (refused, DNS, TLS handshake) is safe to repeat even when it is not idempotent.
 */

export type NetworkErrorKind =
	'connection-refused' | 'dns' | 'tls' | 'connection-reset' | 'timeout' | 'unknown';

export interface NetworkErrorClass {
	kind: NetworkErrorKind;
	/** 'no': the request bytes were never sent; 'maybe': they may have been processed. */
	reachedServer: 'no' | 'maybe';
	/** The error code found (`ECONNRESET`, …), if any. */
	code?: string;
}

const NEVER_SENT: Record<string, NetworkErrorKind> = {
	ECONNREFUSED: 'connection-refused',
	ENETUNREACH: 'connection-refused',
	EHOSTUNREACH: 'connection-refused',
	UND_ERR_CONNECT_TIMEOUT: 'timeout',
	ENOTFOUND: 'dns',
	EAI_AGAIN: 'dns',
	EAI_NODATA: 'dns',
	EAI_NONAME: 'dns',
	EPROTO: 'tls',
	CERT_HAS_EXPIRED: 'tls',
	CERT_NOT_YET_VALID: 'tls',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
	SELF_SIGNED_CERT_IN_CHAIN: 'tls',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
	UNABLE_TO_GET_ISSUER_CERT: 'tls',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls',
	ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
};

const MAYBE_SENT: Record<string, NetworkErrorKind> = {
	ECONNRESET: 'connection-reset',
	EPIPE: 'connection-reset',
	UND_ERR_SOCKET: 'connection-reset',
	ETIMEDOUT: 'timeout',
	ESOCKETTIMEDOUT: 'timeout',
	ECONNABORTED: 'timeout',
	UND_ERR_HEADERS_TIMEOUT: 'timeout',
	UND_ERR_BODY_TIMEOUT: 'timeout',
};

/** Classifies a thrown error (or `{ code, message }`) by kind and by whether it may have reached the server. */
export function classifyNetworkError(error: unknown): NetworkErrorClass {
	const chain = causeChain(error);
	const codes = chain
		.map((e) => (typeof e.code === 'string' ? e.code.toUpperCase() : undefined))
		.filter((c): c is string => !!c);
	const messages = chain.map((e) => (typeof e.message === 'string' ? e.message : '')).join(' | ');
	// Reset while the TLS handshake ran: the request itself was never written.
	if (/before secure TLS connection was established/i.test(messages)) {
		return withCode({ kind: 'connection-reset', reachedServer: 'no' }, codes[0]);
	}
	for (const code of codes) {
		if (NEVER_SENT[code]) return withCode({ kind: NEVER_SENT[code], reachedServer: 'no' }, code);
		if (code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_'))
			return withCode({ kind: 'tls', reachedServer: 'no' }, code);
	}
	for (const code of codes) {
		if (MAYBE_SENT[code]) return withCode({ kind: MAYBE_SENT[code], reachedServer: 'maybe' }, code);
	}
	if (/socket hang up/i.test(messages)) return { kind: 'connection-reset', reachedServer: 'maybe' };
	if (/timeout|timed out/i.test(messages)) return { kind: 'timeout', reachedServer: 'maybe' };
	return withCode({ kind: 'unknown', reachedServer: 'maybe' }, codes[0]);
}

function withCode(c: NetworkErrorClass, code: string | undefined): NetworkErrorClass {
	return code === undefined ? c : { ...c, code };
}

/** The error and what it wraps (`cause`, `error`), a few levels deep. */
function causeChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	const queue: unknown[] = [error];
	while (queue.length > 0 && chain.length < 8) {
		const e = queue.shift();
		if (e === null || typeof e !== 'object' || chain.includes(e as Record<string, unknown>))
			continue;
		const record = e as Record<string, unknown>;
		chain.push(record);
		queue.push(record.cause, record.error);
	}
	return chain;
}
