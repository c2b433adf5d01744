import {
	endpointOf,
	formatAttemptLine,
	formatErrorLogEntry,
	requestIdFrom,
	retrySeconds,
	type ErrorLogEntry,
} from '../../../lib/retry/error-log';

const entry: ErrorLogEntry = {
	timestamp: '2025-10-20T10:30:45.000Z',
	service: 'Instagram',
	connection: 'Marketing account',
	method: 'POST',
	endpoint: '/media',
	status: 400,
	message: 'Invalid image URL format',
	requestId: 'req_abc123',
	workflowId: 'wf7',
	executionId: '1234',
	node: 'Generate Social Post',
	itemIndex: 3,
	attempt: 1,
	maxAttempts: 3,
	nextRetryInSeconds: 30,
	kind: 'retry',
};

describe('formatErrorLogEntry', () => {
	it('formats a retry entry as one line', () => {
		expect(formatErrorLogEntry(entry)).toBe(
			'2025-10-20T10:30:45.000Z Instagram (Marketing account) POST /media: 400 Invalid image URL format ' +
				'[request req_abc123, workflow wf7, execution 1234, node "Generate Social Post", item 3] - attempt 1/3, next retry in 30 s',
		);
	});

	it('formats a rate-limit wait and a final entry without optional context', () => {
		const bare: ErrorLogEntry = {
			...entry,
			requestId: null,
			workflowId: undefined,
			executionId: undefined,
			node: undefined,
			itemIndex: undefined,
		};
		expect(
			formatErrorLogEntry({
				...bare,
				status: 429,
				message: 'Too Many Requests',
				kind: 'wait',
				nextRetryInSeconds: 120,
			}),
		).toBe(
			'2025-10-20T10:30:45.000Z Instagram (Marketing account) POST /media: 429 Too Many Requests - attempt 1/3, waiting 120 s for the rate limit',
		);
		expect(
			formatErrorLogEntry({
				...bare,
				status: null,
				message: 'ECONNRESET',
				kind: 'final',
				attempt: 3,
				nextRetryInSeconds: null,
			}),
		).toBe(
			'2025-10-20T10:30:45.000Z Instagram (Marketing account) POST /media: no response ECONNRESET - attempt 3/3, giving up',
		);
	});
});

describe('requestIdFrom', () => {
	it('finds the first known request-id header, case-insensitively', () => {
		expect(requestIdFrom({ 'X-Request-Id': 'abc' })).toBe('abc');
		expect(requestIdFrom({ 'x-github-request-id': 'CAFE:1234' }, 'X-GitHub-Request-Id')).toBe(
			'CAFE:1234',
		);
		expect(requestIdFrom({ 'x-github-request-id': 'CAFE:1234' })).toBeNull();
		expect(requestIdFrom({ 'x-fb-trace-id': 'Fb1', 'cf-ray': '8a-AMS' })).toBe('8a-AMS');
		expect(requestIdFrom({ 'cf-ray': '8a-AMS' })).toBe('8a-AMS');
	});

	it('gives null when there is none', () => {
		expect(requestIdFrom({ 'content-type': 'application/json', 'x-request-id': ' ' })).toBeNull();
		expect(requestIdFrom(undefined)).toBeNull();
	});
});

describe('endpointOf', () => {
	it('drops query strings and fragments, which may carry keys', () => {
		expect(endpointOf('https://api.example.test/v1/items?api_key=secret#top')).toBe('/v1/items');
		expect(endpointOf('/v1/items?token=secret')).toBe('/v1/items');
		expect(endpointOf('https://api.example.test')).toBe('/');
	});
});

describe('formatAttemptLine (what the user reads in the error details)', () => {
	it('numbers the attempt like the entry and gives the wait really taken, without internal ids', () => {
		expect(
			formatAttemptLine({
				...entry,
				message: 'busy (HTTP 503 (server error))',
				nextRetryInSeconds: 0.1,
			}),
		).toBe('attempt 1 of 3: busy (HTTP 503 (server error)); retried in 0.1 s');
		expect(formatAttemptLine({ ...entry, nextRetryInSeconds: 0 })).toBe(
			'attempt 1 of 3: Invalid image URL format; retried at once',
		);
		expect(formatAttemptLine({ ...entry, kind: 'wait', nextRetryInSeconds: 120 })).toBe(
			'attempt 1 of 3: Invalid image URL format; waited 120 s for the rate limit',
		);
		expect(
			formatAttemptLine({
				...entry,
				kind: 'final',
				attempt: 3,
				nextRetryInSeconds: null,
				message: 'down (HTTP 503 (server error); gave up after 3 of 3 attempts)',
			}),
		).toBe('attempt 3 of 3: down (HTTP 503 (server error); gave up after 3 of 3 attempts)');
	});

	it('keeps tenths of a second below 10 s, so a 0.1 s backoff never reads "0 s"', () => {
		expect([
			retrySeconds(100),
			retrySeconds(500),
			retrySeconds(1250),
			retrySeconds(9_960),
			retrySeconds(12_400),
		]).toEqual([0.1, 0.5, 1.3, 10, 12]);
	});
});
