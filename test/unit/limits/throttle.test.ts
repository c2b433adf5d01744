import type { RateLimitPolicy, ThrottleRule } from '../../../lib/limits/policy';
import { classifyResponse, isThrottled } from '../../../lib/limits/throttle';

const NOW = Date.parse('2026-11-29T09:00:00Z');

// Real-world shapes, as data: the code knows none of them.
const rules: ThrottleRule[] = [
	{ status: [429] },
	{ status: [403], header: { name: 'x-ratelimit-remaining', in: ['0'] } },
	{
		status: [403],
		body: { path: 'error.errors[0].reason', in: ['rateLimitExceeded', 'userRateLimitExceeded'] },
	},
	{ status: [400, 403], body: { path: 'error.code', in: [4, 17, 32, 613] } },
	{ status: [200], body: { path: 'errors[*].extensions.code', in: ['THROTTLED'] } },
	{ status: [403], body: { path: 'message', matches: '\\bsecondary rate\\b' } },
];
const policy: RateLimitPolicy = { requests: 5000, windowMs: 3_600_000, throttled: rules };

describe('isThrottled', () => {
	it('matches status 429', () => {
		expect(isThrottled(policy, { status: 429 })).toBe(true);
	});

	it('matches 403 with remaining 0, not 403 alone', () => {
		expect(isThrottled(policy, { status: 403, headers: { 'X-RateLimit-Remaining': '0' } })).toBe(
			true,
		);
		expect(isThrottled(policy, { status: 403, headers: { 'x-ratelimit-remaining': '12' } })).toBe(
			false,
		);
		expect(isThrottled(policy, { status: 403 })).toBe(false);
	});

	it('matches 403 with a listed reason in the first nested error', () => {
		const body = {
			error: { code: 403, errors: [{ reason: 'userRateLimitExceeded', domain: 'usageLimits' }] },
		};
		expect(isThrottled(policy, { status: 403, body })).toBe(true);
		expect(
			isThrottled(policy, { status: 403, body: { error: { errors: [{ reason: 'forbidden' }] } } }),
		).toBe(false);
	});

	it('matches numeric error codes on 400 and 403, with the body as a JSON string too', () => {
		expect(
			isThrottled(policy, { status: 400, body: { error: { code: 4, type: 'OAuthException' } } }),
		).toBe(true);
		expect(
			isThrottled(policy, {
				status: 403,
				body: '{"error":{"code":613,"message":"Calls limit reached"}}',
			}),
		).toBe(true);
		expect(isThrottled(policy, { status: 400, body: { error: { code: 100 } } })).toBe(false);
		expect(isThrottled(policy, { status: 500, body: { error: { code: 4 } } })).toBe(false);
		expect(isThrottled(policy, { status: 400, body: 'not json' })).toBe(false);
	});

	it('matches a 200 whose errors contain THROTTLED anywhere in the list', () => {
		const body = {
			errors: [{ message: 'other' }, { message: 'Throttled', extensions: { code: 'THROTTLED' } }],
		};
		expect(isThrottled(policy, { status: 200, body })).toBe(true);
		expect(isThrottled(policy, { status: 200, body: { data: { shop: {} } } })).toBe(false);
	});

	it('matches a body message by regex', () => {
		expect(
			isThrottled(policy, {
				status: 403,
				body: { message: 'You have exceeded a Secondary Rate limit.' },
			}),
		).toBe(true);
	});

	it('uses status 429 alone when the policy has no rules', () => {
		const plain: RateLimitPolicy = { requests: 10, windowMs: 1000 };
		expect(isThrottled(plain, { status: 429 })).toBe(true);
		expect(isThrottled(plain, { status: 403, headers: { 'x-ratelimit-remaining': '0' } })).toBe(
			false,
		);
	});

	it('counts 429 even when the rules do not list it', () => {
		expect(
			isThrottled(
				{ requests: 10, windowMs: 1000, throttled: [{ status: [403] }] },
				{ status: 429 },
			),
		).toBe(true);
	});

	it('never matches an empty rule', () => {
		expect(isThrottled({ requests: 1, windowMs: 1, throttled: [{}] }, { status: 200 })).toBe(false);
	});
});

describe('classifyResponse', () => {
	it('reports the reading, Retry-After and the reset of a spent budget', () => {
		const headers = {
			'x-ratelimit-limit': '5000',
			'x-ratelimit-remaining': '0',
			'x-ratelimit-reset': '1795946400',
			'retry-after': '60',
		};
		expect(classifyResponse(policy, { status: 403, headers }, NOW)).toEqual({
			throttled: true,
			reading: { limit: 5000, remaining: 0, resetAtMs: NOW + 3_600_000 },
			retryAfterMs: 60_000,
			resetAtMs: NOW + 3_600_000,
		});
	});

	it('gives no reset time while budget remains', () => {
		const headers = { 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': '1795946400' };
		expect(classifyResponse(policy, { status: 200, headers }, NOW).resetAtMs).toBeNull();
	});

	it('ignores Retry-After on a plain success', () => {
		expect(
			classifyResponse(policy, { status: 200, headers: { 'retry-after': '5' } }, NOW).retryAfterMs,
		).toBeNull();
		expect(
			classifyResponse(policy, { status: 503, headers: { 'retry-after': '5' } }, NOW).retryAfterMs,
		).toBe(5000);
	});

	it('takes the regain time as the reset', () => {
		const usage: RateLimitPolicy = {
			requests: 200,
			windowMs: 3_600_000,
			headers: [{ format: 'usage-percent', header: 'x-business-use-case-usage' }],
		};
		const headers = {
			'x-business-use-case-usage': '{"9":[{"call_count":100,"estimated_time_to_regain_access":3}]}',
		};
		expect(classifyResponse(usage, { status: 400, headers }, NOW).resetAtMs).toBe(NOW + 180_000);
	});
});

describe('classifyResponse: a rule that knows how long its limit lasts (pauseMs)', () => {
	const NOW_MS = Date.parse('2026-11-29T09:00:00Z');
	const policy: RateLimitPolicy = {
		requests: 5000,
		windowMs: 3_600_000,
		throttled: [
			{
				status: [403],
				body: { path: 'message', matches: 'secondary rate limit' },
				pauseMs: 60_000,
			},
		],
	};
	const secondary = { message: 'You have exceeded a secondary rate limit.' };

	it('pauses that long when the answer names no time', () => {
		expect(classifyResponse(policy, { status: 403, body: secondary }, NOW_MS)).toEqual({
			throttled: true,
			reading: { pauseUntilMs: NOW_MS + 60_000 },
			retryAfterMs: null,
			resetAtMs: NOW_MS + 60_000,
		});
	});

	it("the answer's own Retry-After wins", () => {
		const c = classifyResponse(
			policy,
			{ status: 403, body: secondary, headers: { 'retry-after': '5' } },
			NOW_MS,
		);
		expect([c.retryAfterMs, c.resetAtMs, c.reading]).toEqual([5000, null, null]);
	});
});
