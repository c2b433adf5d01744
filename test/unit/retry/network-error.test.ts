import { classifyNetworkError } from '../../../lib/retry/network-error';

function codeError(code: string, message = `connect ${code}`): Error {
	return Object.assign(new Error(message), { code });
}

describe('classifyNetworkError', () => {
	it.each([
		['ECONNREFUSED', 'connection-refused'],
		['ENOTFOUND', 'dns'],
		['EAI_AGAIN', 'dns'],
		['CERT_HAS_EXPIRED', 'tls'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
		['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
		['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
		['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
	])('%s never reached the server (%s)', (code, kind) => {
		expect(classifyNetworkError(codeError(code))).toEqual({ kind, reachedServer: 'no', code });
	});

	it.each([
		['ECONNRESET', 'connection-reset'],
		['EPIPE', 'connection-reset'],
		['ETIMEDOUT', 'timeout'],
		['ESOCKETTIMEDOUT', 'timeout'],
		['ECONNABORTED', 'timeout'],
	])('%s may have reached the server (%s)', (code, kind) => {
		expect(classifyNetworkError(codeError(code))).toEqual({ kind, reachedServer: 'maybe', code });
	});

	it('reads an axios timeout', () => {
		expect(classifyNetworkError(codeError('ECONNABORTED', 'timeout of 1000ms exceeded'))).toEqual({
			kind: 'timeout',
			reachedServer: 'maybe',
			code: 'ECONNABORTED',
		});
	});

	it('reads "socket hang up" without a code', () => {
		expect(classifyNetworkError(new Error('socket hang up'))).toEqual({
			kind: 'connection-reset',
			reachedServer: 'maybe',
		});
	});

	it('knows a reset during the TLS handshake never sent the request', () => {
		const error = codeError(
			'ECONNRESET',
			'Client network socket disconnected before secure TLS connection was established',
		);
		expect(classifyNetworkError(error)).toEqual({
			kind: 'connection-reset',
			reachedServer: 'no',
			code: 'ECONNRESET',
		});
	});

	it('finds the code in a wrapped cause (n8n and fetch wrap errors)', () => {
		const wrapped = new Error('The service refused the connection', {
			cause: new Error('fetch failed', { cause: codeError('ECONNREFUSED') }),
		});
		expect(classifyNetworkError(wrapped)).toEqual({
			kind: 'connection-refused',
			reachedServer: 'no',
			code: 'ECONNREFUSED',
		});
	});

	it('accepts a plain { code, message } object', () => {
		expect(
			classifyNetworkError({
				code: 'EAI_AGAIN',
				message: 'getaddrinfo EAI_AGAIN api.example.test',
			}),
		).toEqual({
			kind: 'dns',
			reachedServer: 'no',
			code: 'EAI_AGAIN',
		});
	});

	it('treats anything unknown as possibly sent', () => {
		expect(classifyNetworkError(new Error('boom'))).toEqual({
			kind: 'unknown',
			reachedServer: 'maybe',
		});
		expect(classifyNetworkError(undefined)).toEqual({ kind: 'unknown', reachedServer: 'maybe' });
	});
});
