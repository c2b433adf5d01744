import { decideRetry, isIdempotent, type RetryInput } from '../../../lib/retry/decide';

const NOW = Date.parse('2026-11-29T09:00:00Z');
const half = () => 0.5;

function input(overrides: Partial<RetryInput>): RetryInput {
	return {
		attempt: 1,
		method: 'GET',
		nowMs: NOW,
		random: half,
		outcome: { kind: 'response', status: 500 },
		...overrides,
	};
}

describe('decideRetry: throttling', () => {
	it('waits for Retry-After in seconds', () => {
		expect(
			decideRetry(
				input({ outcome: { kind: 'response', status: 429, headers: { 'Retry-After': '120' } } }),
			),
		).toMatchObject({
			retry: true,
			delayMs: 120_000,
			reason: 'rate limited (HTTP 429), Retry-After asks for 120 s; attempt 2 of 3 in 120 s',
		});
	});

	it('waits for Retry-After as an HTTP-date', () => {
		const decision = decideRetry(
			input({
				outcome: {
					kind: 'response',
					status: 429,
					headers: { 'retry-after': 'Sun, 29 Nov 2026 09:00:30 GMT' },
				},
			}),
		);
		expect(decision).toMatchObject({
			retry: true,
			delayMs: 30_000,
			reason: 'rate limited (HTTP 429), Retry-After asks for 30 s; attempt 2 of 3 in 30 s',
		});
	});

	it('waits for the reset of a throttled answer that is not a 429 (policy-classified)', () => {
		const decision = decideRetry(
			input({
				outcome: { kind: 'response', status: 403, throttled: true, resetAtMs: NOW + 45_000 },
			}),
		);
		expect(decision).toMatchObject({
			retry: true,
			delayMs: 45_000,
			reason: 'rate limited (HTTP 403), the limit resets in 45 s; attempt 2 of 3 in 45 s',
		});
	});

	it('backs off when the reset has already passed (the clocks disagree)', () => {
		const decision = decideRetry(
			input({ outcome: { kind: 'response', status: 429, resetAtMs: NOW } }),
		);
		expect(decision).toMatchObject({
			retry: true,
			delayMs: 500,
			reason:
				'rate limited (HTTP 429) with no usable Retry-After or reset time, backing off; attempt 2 of 3 in 0.5 s',
		});
	});

	it('prefers Retry-After over the reset header', () => {
		const decision = decideRetry(
			input({
				outcome: {
					kind: 'response',
					status: 429,
					headers: { 'retry-after': '5' },
					resetAtMs: NOW + 45_000,
				},
			}),
		);
		expect(decision.delayMs).toBe(5000);
	});

	it('backs off when a throttled answer gives no timing', () => {
		const decision = decideRetry(
			input({ attempt: 2, outcome: { kind: 'response', status: 200, throttled: true } }),
		);
		expect(decision).toMatchObject({
			retry: true,
			delayMs: 1000,
			reason:
				'rate limited (HTTP 200) with no usable Retry-After or reset time, backing off; attempt 3 of 3 in 1 s',
		});
	});
});

describe('decideRetry: server and network errors', () => {
	it.each([500, 502, 503, 504])('backs off on %d', (status) => {
		expect(decideRetry(input({ outcome: { kind: 'response', status } }))).toMatchObject({
			retry: true,
			delayMs: 500,
			reason: `HTTP ${status} (server error); attempt 2 of 3 in 0.5 s`,
		});
	});

	it('honours Retry-After on a 503', () => {
		expect(
			decideRetry(
				input({ outcome: { kind: 'response', status: 503, headers: { 'retry-after': '3' } } }),
			).delayMs,
		).toBe(3000);
	});

	it('backs off on 408', () => {
		expect(decideRetry(input({ outcome: { kind: 'response', status: 408 } }))).toMatchObject({
			retry: true,
			delayMs: 500,
			reason: 'HTTP 408 (request timeout); attempt 2 of 3 in 0.5 s',
		});
	});

	it('backs off on a reset connection and on a timeout', () => {
		expect(
			decideRetry(
				input({ outcome: { kind: 'network', code: 'ECONNRESET', message: 'read ECONNRESET' } }),
			),
		).toMatchObject({
			retry: true,
			delayMs: 500,
			reason: 'network error (ECONNRESET); attempt 2 of 3 in 0.5 s',
		});
		expect(
			decideRetry(
				input({
					outcome: {
						kind: 'network',
						error: Object.assign(new Error('timeout of 100ms exceeded'), { code: 'ECONNABORTED' }),
					},
				}),
			).retry,
		).toBe(true);
	});

	it('grows the backoff with the attempt number', () => {
		expect(
			decideRetry(input({ attempt: 3, maxAttempts: 5, outcome: { kind: 'response', status: 502 } }))
				.delayMs,
		).toBe(2000);
	});

	it('does not retry certificate errors', () => {
		expect(
			decideRetry(
				input({
					outcome: {
						kind: 'network',
						code: 'CERT_HAS_EXPIRED',
						message: 'certificate has expired',
					},
				}),
			),
		).toMatchObject({
			retry: false,
			delayMs: 0,
			reason:
				'TLS error (CERT_HAS_EXPIRED): the certificate or handshake will not fix itself on retry',
		});
	});
});

describe('decideRetry: answers that must not be retried', () => {
	it('does not retry 401 (n8n refreshes OAuth2 itself)', () => {
		expect(decideRetry(input({ outcome: { kind: 'response', status: 401 } }))).toMatchObject({
			retry: false,
			delayMs: 0,
			reason:
				'HTTP 401: the credentials were rejected (n8n already refreshed an OAuth2 token and re-sent once); reconnect the credential',
		});
	});

	it.each([400, 403, 404, 409, 422])('does not retry %d', (status) => {
		expect(decideRetry(input({ outcome: { kind: 'response', status } }))).toMatchObject({
			retry: false,
			delayMs: 0,
			reason: `HTTP ${status} is a client error: sending the same request again cannot succeed`,
		});
	});

	it('does not retry a success', () => {
		expect(decideRetry(input({ outcome: { kind: 'response', status: 200 } })).retry).toBe(false);
	});
});

describe('decideRetry: idempotency', () => {
	it('never retries a POST that reached the server', () => {
		expect(
			decideRetry(input({ method: 'post', outcome: { kind: 'response', status: 502 } })),
		).toMatchObject({
			retry: false,
			delayMs: 0,
			reason:
				'HTTP 502 (server error); not retried: POST is not idempotent and the request reached the server, so a retry could apply it twice (an idempotency key allows retries)',
		});
	});

	it('never retries a PATCH that may have reached the server', () => {
		expect(
			decideRetry(input({ method: 'PATCH', outcome: { kind: 'network', code: 'ECONNRESET' } })),
		).toMatchObject({
			retry: false,
			delayMs: 0,
			reason:
				'network error (ECONNRESET); not retried: PATCH is not idempotent and the request may have reached the server, so a retry could apply it twice (an idempotency key allows retries)',
		});
	});

	it('retries a throttled POST even without an idempotency key: a 429 was refused, not acted on', () => {
		expect(
			decideRetry(
				input({
					method: 'POST',
					outcome: { kind: 'response', status: 429, headers: { 'retry-after': '1' } },
				}),
			),
		).toMatchObject({ retry: true, delayMs: 1000 });
	});

	it('does not retry a POST whose success answer could not be read (it was processed)', () => {
		const d = decideRetry(input({ method: 'POST', outcome: { kind: 'unreadable', status: 200 } }));
		expect(d.retry).toBe(false);
		expect(d.reason).toContain(
			'could not be read (malformed JSON); not retried: POST is not idempotent and the request reached the server',
		);
		expect(
			decideRetry(input({ method: 'GET', outcome: { kind: 'unreadable', status: 200 } })).retry,
		).toBe(true);
	});

	it('retries a POST whose connection was refused (it never left)', () => {
		expect(
			decideRetry(input({ method: 'POST', outcome: { kind: 'network', code: 'ECONNREFUSED' } })),
		).toMatchObject({
			retry: true,
			delayMs: 500,
			reason: 'network error (ECONNREFUSED); attempt 2 of 3 in 0.5 s',
		});
	});

	it('retries a POST carrying an idempotency key', () => {
		expect(
			decideRetry(
				input({
					method: 'POST',
					hasIdempotencyKey: true,
					outcome: { kind: 'response', status: 500 },
				}),
			).retry,
		).toBe(true);
		expect(
			decideRetry(
				input({
					method: 'POST',
					hasIdempotencyKey: true,
					outcome: { kind: 'network', code: 'ETIMEDOUT' },
				}),
			).retry,
		).toBe(true);
	});

	it('lets the caller declare an operation idempotent (a read sent as POST)', () => {
		expect(
			decideRetry(
				input({
					method: 'POST',
					idempotent: true,
					outcome: { kind: 'response', status: 200, throttled: true },
				}),
			).retry,
		).toBe(true);
	});

	it.each(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'get'])(
		'treats %s as idempotent',
		(method) => {
			expect(isIdempotent(method)).toBe(true);
			expect(
				decideRetry(input({ method, outcome: { kind: 'network', code: 'ECONNRESET' } })).retry,
			).toBe(true);
		},
	);

	it.each(['POST', 'PATCH'])('treats %s as not idempotent unless it has a key', (method) => {
		expect(isIdempotent(method)).toBe(false);
		expect(isIdempotent(method, true)).toBe(true);
	});
});

describe('decideRetry: limits', () => {
	it('stops after maxAttempts (default 3)', () => {
		expect(
			decideRetry(input({ attempt: 3, outcome: { kind: 'response', status: 503 } })),
		).toMatchObject({
			retry: false,
			delayMs: 2000,
			reason: 'HTTP 503 (server error); gave up after 3 of 3 attempts',
		});
		expect(
			decideRetry(input({ attempt: 3, maxAttempts: 4, outcome: { kind: 'response', status: 503 } }))
				.retry,
		).toBe(true);
	});

	it('stops when the next wait would exceed the total wait budget', () => {
		const decision = decideRetry(
			input({
				maxTotalWaitMs: 60_000,
				elapsedWaitMs: 30_000,
				outcome: { kind: 'response', status: 429, headers: { 'retry-after': '31' } },
			}),
		);
		expect(decision).toMatchObject({
			retry: false,
			delayMs: 31_000,
			reason:
				'rate limited (HTTP 429), Retry-After asks for 31 s; not retried: waiting 31 s more would exceed the total wait limit of 60 s (waited 30 s so far)',
		});
	});

	it('retries when the wait exactly fills the budget', () => {
		const decision = decideRetry(
			input({
				maxTotalWaitMs: 60_000,
				elapsedWaitMs: 30_000,
				outcome: { kind: 'response', status: 429, headers: { 'retry-after': '30' } },
			}),
		);
		expect(decision.retry).toBe(true);
	});
});

describe('decideRetry: absurd waits and what stopped the retries (issue 10.7, 10.8)', () => {
	const HOUR = 3_600_000;

	it('a Retry-After of 31 years stops at once within a 300 s total wait, keeping what the server asked', () => {
		const decision = decideRetry(
			input({
				maxTotalWaitMs: 300_000,
				outcome: { kind: 'response', status: 429, headers: { 'retry-after': '1000000000' } },
			}),
		);
		expect(decision).toEqual({
			retry: false,
			delayMs: HOUR,
			cause:
				'rate limited (HTTP 429), Retry-After asks for 11574 days (more than the 60 min the engine waits at most)',
			reason:
				'rate limited (HTTP 429), Retry-After asks for 11574 days (more than the 60 min the engine waits at most); not retried: waiting 60 min more would exceed the total wait limit of 300 s (waited 0 s so far)',
			stop: 'wait-limit',
			throttle: {
				askedMs: 1_000_000_000_000,
				from: 'Retry-After',
				untilMs: NOW + 1_000_000_000_000,
				ceilingMs: HOUR,
			},
		});
	});

	it('with a total wait above the ceiling it retries after the ceiling, not after 31 years', () => {
		const decision = decideRetry(
			input({
				maxTotalWaitMs: 2 * HOUR,
				outcome: { kind: 'response', status: 429, headers: { 'retry-after': '1000000000' } },
			}),
		);
		expect([decision.retry, decision.delayMs]).toEqual([true, HOUR]);
	});

	it('default waits: an ask beyond maxAskedWaitMs stops at once, though the pause ceiling would cut it to fit', () => {
		const decision = decideRetry(
			input({
				maxTotalWaitMs: 3_900_000,
				maxAskedWaitMs: 3_900_000,
				outcome: { kind: 'response', status: 429, headers: { 'retry-after': '7200' } },
			}),
		);
		expect([decision.retry, decision.stop, decision.delayMs]).toEqual([false, 'wait-limit', HOUR]);
		expect(decision.reason).toBe(
			'rate limited (HTTP 429), Retry-After asks for 2 h (more than the 60 min the engine waits at most); not retried: the 2 h asked for is more than the 65 min that default waits allow',
		);
		const within = decideRetry(
			input({
				maxTotalWaitMs: 3_900_000,
				maxAskedWaitMs: 3_900_000,
				outcome: { kind: 'response', status: 429, headers: { 'retry-after': '3600' } },
			}),
		);
		expect([within.retry, within.delayMs]).toEqual([true, HOUR]);
	});

	it("the policy's ceiling is used when given", () => {
		const decision = decideRetry(
			input({
				maxPauseMs: 600_000,
				maxTotalWaitMs: HOUR,
				outcome: { kind: 'response', status: 429, headers: { 'retry-after': '86400' } },
			}),
		);
		expect([decision.retry, decision.delayMs, decision.throttle?.askedMs]).toEqual([
			true,
			600_000,
			86_400_000,
		]);
	});

	it('a throttled 403 whose reset is 40 min away stops on the wait limit and says it was a rate limit', () => {
		const decision = decideRetry(
			input({
				maxTotalWaitMs: 300_000,
				outcome: { kind: 'response', status: 403, throttled: true, resetAtMs: NOW + 2_400_000 },
			}),
		);
		expect(decision).toEqual({
			retry: false,
			delayMs: 2_400_000,
			cause: 'rate limited (HTTP 403), the limit resets in 40 min',
			reason:
				'rate limited (HTTP 403), the limit resets in 40 min; not retried: waiting 40 min more would exceed the total wait limit of 300 s (waited 0 s so far)',
			stop: 'wait-limit',
			throttle: { askedMs: 2_400_000, from: 'reset', untilMs: NOW + 2_400_000, ceilingMs: HOUR },
		});
	});

	it('says which limit stopped the retries, and the cause without the verdict', () => {
		const gaveUp = decideRetry(input({ attempt: 3, outcome: { kind: 'response', status: 503 } }));
		expect([gaveUp.stop, gaveUp.cause, gaveUp.throttle]).toEqual([
			'attempts',
			'HTTP 503 (server error)',
			undefined,
		]);
		const unsafe = decideRetry(
			input({ method: 'POST', outcome: { kind: 'response', status: 502 } }),
		);
		expect([unsafe.stop, unsafe.cause]).toEqual(['unsafe', 'HTTP 502 (server error)']);
		const client = decideRetry(input({ outcome: { kind: 'response', status: 400 } }));
		expect([client.stop, client.cause]).toEqual([
			'final',
			'HTTP 400 is a client error: sending the same request again cannot succeed',
		]);
		const retry = decideRetry(input({ outcome: { kind: 'response', status: 429 } }));
		expect([retry.stop, retry.cause, retry.throttle]).toEqual([
			undefined,
			'rate limited (HTTP 429) with no usable Retry-After or reset time, backing off',
			{ askedMs: null, from: null, untilMs: null, ceilingMs: HOUR },
		]);
	});
});
