import { parseRateLimitHeaders, parseResetValue } from '../../../lib/limits/headers';
import type { RateLimitPolicy } from '../../../lib/limits/policy';

const NOW = Date.parse('2026-11-29T09:00:00Z');
const TEN = Date.parse('2026-11-29T10:00:00Z');
const standard: RateLimitPolicy = { requests: 100, windowMs: 60_000 };

describe('parseResetValue', () => {
	it('applies the heuristic for unknown units', () => {
		expect(parseResetValue('1795946400', 'auto', NOW)).toBe(TEN); // epoch seconds (≥ 10^9)
		expect(parseResetValue('1795946400000', 'auto', NOW)).toBe(TEN); // epoch milliseconds (≥ 10^12)
		expect(parseResetValue('30', 'auto', NOW)).toBe(NOW + 30_000); // delta seconds
		expect(parseResetValue('1.5', 'auto', NOW)).toBe(NOW + 1500);
		expect(parseResetValue('2026-11-29T10:00Z', 'auto', NOW)).toBe(TEN); // ISO 8601, minutes only
		expect(parseResetValue('2026-11-29T10:00:00+01:00', 'auto', NOW)).toBe(NOW); // ISO with offset
		expect(parseResetValue('Sun, 29 Nov 2026 10:00:00 GMT', 'auto', NOW)).toBe(TEN); // HTTP-date
	});

	it('clamps values in the past to now', () => {
		expect(parseResetValue('-5', 'auto', NOW)).toBe(NOW);
		expect(parseResetValue('1700000000', 'auto', NOW)).toBe(NOW);
		expect(parseResetValue('Sun, 29 Nov 2026 08:00:00 GMT', 'date', NOW)).toBe(NOW);
	});

	it('honours an explicit unit', () => {
		expect(parseResetValue('3600', 'delta-seconds', NOW)).toBe(TEN);
		expect(parseResetValue('1795946400', 'epoch-seconds', NOW)).toBe(TEN);
		expect(parseResetValue('1795946400000', 'epoch-ms', NOW)).toBe(TEN);
		expect(parseResetValue('2026-11-29T10:00:00Z', 'date', NOW)).toBe(TEN);
		expect(parseResetValue('1795946400', 'delta-seconds', NOW)).toBe(TEN); // an epoch, whatever the declared unit
	});

	it.each(['', 'soon', 'abc:def', '12abc', '2026-13-45T99:99Z'])('ignores garbage %j', (value) => {
		expect(parseResetValue(value, 'auto', NOW)).toBeNull();
	});
});

describe('parseRateLimitHeaders: standard families (no rules configured)', () => {
	it('reads X-RateLimit-* with an epoch-seconds reset', () => {
		const headers = {
			'x-ratelimit-limit': '5000',
			'x-ratelimit-remaining': '4999',
			'x-ratelimit-used': '1',
			'x-ratelimit-reset': '1795946400',
		};
		expect(parseRateLimitHeaders(standard, headers, NOW)).toEqual({
			limit: 5000,
			remaining: 4999,
			resetAtMs: TEN,
		});
	});

	it('reads x-rate-limit-*', () => {
		const headers = {
			'x-rate-limit-limit': '900',
			'x-rate-limit-remaining': '0',
			'x-rate-limit-reset': '1795943700',
		};
		expect(parseRateLimitHeaders(standard, headers, NOW)).toEqual({
			limit: 900,
			remaining: 0,
			resetAtMs: NOW + 900_000,
		});
	});

	it('reads X-RateLimit-Reset as an ISO timestamp', () => {
		const headers = {
			'X-RateLimit-Limit': '100',
			'X-RateLimit-Remaining': '0',
			'X-RateLimit-Reset': '2026-11-29T09:01Z',
		};
		expect(parseRateLimitHeaders(standard, headers, NOW)).toEqual({
			limit: 100,
			remaining: 0,
			resetAtMs: NOW + 60_000,
		});
	});

	it('reads draft -06 RateLimit-* fields with a delta reset', () => {
		const headers = {
			'RateLimit-Limit': '100',
			'RateLimit-Remaining': '50',
			'RateLimit-Reset': '30',
		};
		expect(parseRateLimitHeaders(standard, headers, NOW)).toEqual({
			limit: 100,
			remaining: 50,
			resetAtMs: NOW + 30_000,
		});
	});

	it('reads RateLimit-Reset as an epoch when it is one', () => {
		const headers = {
			'ratelimit-limit': '2000',
			'ratelimit-remaining': '1999',
			'ratelimit-reset': '1795942860',
		};
		expect(parseRateLimitHeaders(standard, headers, NOW)).toEqual({
			limit: 2000,
			remaining: 1999,
			resetAtMs: NOW + 60_000,
		});
	});

	it('reads the draft -07 RateLimit dictionary', () => {
		expect(
			parseRateLimitHeaders(standard, { RateLimit: 'limit=100, remaining=50, reset=5' }, NOW),
		).toEqual({
			limit: 100,
			remaining: 50,
			resetAtMs: NOW + 5000,
		});
	});

	it('reads the draft -08+ RateLimit list with its quota from RateLimit-Policy', () => {
		const headers = {
			RateLimit: '"default";r=50;t=30',
			'RateLimit-Policy': '"default";q=100;w=10',
		};
		expect(parseRateLimitHeaders(standard, headers, NOW)).toEqual({
			limit: 100,
			remaining: 50,
			resetAtMs: NOW + 30_000,
		});
	});

	it('picks the most restrictive of several draft -08+ policies', () => {
		const headers = {
			ratelimit: '"permin";r=40;t=20, "perhr";r=10;t=1800',
			'ratelimit-policy': '"permin";q=50;w=60,"perhr";q=1000;w=3600',
		};
		expect(parseRateLimitHeaders(standard, headers, NOW)).toEqual({
			limit: 1000,
			remaining: 10,
			resetAtMs: NOW + 1_800_000,
		});
	});

	it('takes the draft -08+ quota from the policy when RateLimit-Policy is absent', () => {
		expect(
			parseRateLimitHeaders(standard, { ratelimit: '"default";r=999;pk=:dHJpYWwxMjEzMjM=:' }, NOW),
		).toEqual({ remaining: 999 });
	});

	it('ignores malformed values and absent headers', () => {
		expect(
			parseRateLimitHeaders(
				standard,
				{ 'x-ratelimit-remaining': 'many', ratelimit: 'r=;t=x' },
				NOW,
			),
		).toBeNull();
		expect(parseRateLimitHeaders(standard, { 'content-type': 'application/json' }, NOW)).toBeNull();
		expect(parseRateLimitHeaders(standard, undefined, NOW)).toBeNull();
	});

	it('ignores an unparseable reset but keeps the counts', () => {
		expect(
			parseRateLimitHeaders(
				standard,
				{ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': 'later' },
				NOW,
			),
		).toEqual({ remaining: 3 });
	});

	it('reads repeated header values', () => {
		expect(parseRateLimitHeaders(standard, { 'x-ratelimit-remaining': ['7'] }, NOW)).toEqual({
			remaining: 7,
		});
	});

	it('reads nothing when the policy says headers: []', () => {
		expect(
			parseRateLimitHeaders({ ...standard, headers: [] }, { 'x-ratelimit-remaining': '0' }, NOW),
		).toBeNull();
	});
});

describe('parseRateLimitHeaders: configured rules', () => {
	it('reads a used/limit header', () => {
		const policy: RateLimitPolicy = {
			requests: 2,
			windowMs: 1000,
			burst: 40,
			headers: [{ format: 'used-of-limit', header: 'X-Shopify-Shop-Api-Call-Limit' }],
		};
		expect(
			parseRateLimitHeaders(policy, { 'x-shopify-shop-api-call-limit': '32/40' }, NOW),
		).toEqual({ limit: 40, remaining: 8 });
		expect(
			parseRateLimitHeaders(policy, { 'x-shopify-shop-api-call-limit': '41/40' }, NOW),
		).toEqual({ limit: 40, remaining: 0 });
		expect(
			parseRateLimitHeaders(policy, { 'x-shopify-shop-api-call-limit': 'full' }, NOW),
		).toBeNull();
	});

	it('a quota beside the window (spentPauseMs) never sizes it; at 0 it pauses, until its reset or for spentPauseMs', () => {
		const policy: RateLimitPolicy = {
			requests: 100,
			windowMs: 10_000,
			headers: [
				{ format: 'fields', limit: 'x-max', remaining: 'x-remaining' },
				{ format: 'fields', limit: 'x-daily', remaining: 'x-daily-left', spentPauseMs: 3_600_000 },
				{
					format: 'fields',
					remaining: 'x-monthly-left',
					reset: 'x-monthly-reset',
					resetUnit: 'epoch-seconds',
					spentPauseMs: 60_000,
				},
			],
		};
		const window = { 'x-max': '100', 'x-remaining': '99' };
		expect(
			parseRateLimitHeaders(policy, { ...window, 'x-daily': '250000', 'x-daily-left': '1' }, NOW),
		).toEqual({ limit: 100, remaining: 99 });
		expect(
			parseRateLimitHeaders(policy, { ...window, 'x-daily': '250000', 'x-daily-left': '0' }, NOW),
		).toEqual({ limit: 100, remaining: 99, pauseUntilMs: NOW + 3_600_000 });
		const reset = Math.floor(NOW / 1000) + 7200;
		expect(
			parseRateLimitHeaders(
				policy,
				{ ...window, 'x-monthly-left': '0', 'x-monthly-reset': String(reset) },
				NOW,
			),
		).toEqual({ limit: 100, remaining: 99, pauseUntilMs: reset * 1000 });
	});

	const usage: RateLimitPolicy = {
		requests: 200,
		windowMs: 3_600_000,
		headers: [
			{ format: 'usage-percent', header: 'X-App-Usage' },
			{ format: 'usage-percent', header: 'X-Business-Use-Case-Usage' },
		],
	};

	it('turns usage percentages into a remaining count (highest percentage wins)', () => {
		const headers = { 'x-app-usage': '{"call_count":95,"total_cputime":20,"total_time":30}' };
		expect(parseRateLimitHeaders(usage, headers, NOW)).toEqual({ limit: 200, remaining: 10 });
		expect(
			parseRateLimitHeaders(
				usage,
				{ 'x-app-usage': '{"call_count":10,"total_cputime":60,"total_time":99}' },
				NOW,
			),
		).toEqual({
			limit: 200,
			remaining: 2,
		});
	});

	it('reads per-account usage with the time to regain access in minutes', () => {
		const headers = {
			'x-business-use-case-usage': JSON.stringify({
				'112233': [
					{
						type: 'pages',
						call_count: 100,
						total_cputime: 25,
						total_time: 25,
						estimated_time_to_regain_access: 10,
					},
					{
						type: 'instagram',
						call_count: 3,
						total_cputime: 1,
						total_time: 1,
						estimated_time_to_regain_access: 0,
					},
				],
			}),
		};
		expect(parseRateLimitHeaders(usage, headers, NOW)).toEqual({
			limit: 200,
			remaining: 0,
			pauseUntilMs: NOW + 600_000,
		});
	});

	it('keeps the most restrictive header and the latest pause', () => {
		const headers = {
			'x-app-usage': '{"call_count":50,"total_cputime":0,"total_time":0}',
			'x-business-use-case-usage':
				'{"1":[{"call_count":80,"total_time":0,"total_cputime":0,"estimated_time_to_regain_access":0}]}',
		};
		expect(parseRateLimitHeaders(usage, headers, NOW)).toEqual({ limit: 200, remaining: 40 });
	});

	it('ignores malformed JSON', () => {
		expect(parseRateLimitHeaders(usage, { 'x-app-usage': '{call_count:95' }, NOW)).toBeNull();
	});

	it('uses the reset unit the rule names', () => {
		const policy: RateLimitPolicy = {
			requests: 100,
			windowMs: 60_000,
			headers: [
				{ format: 'fields', remaining: 'x-left', reset: 'x-reset-in', resetUnit: 'epoch-ms' },
			],
		};
		// Too small for an epoch: a delta, in the rule's unit (ms), where `auto` would read seconds.
		expect(parseRateLimitHeaders(policy, { 'x-left': '4', 'x-reset-in': '30000' }, NOW)).toEqual({
			remaining: 4,
			resetAtMs: NOW + 30_000,
		});
		// An epoch is read as one whatever the rule says (issue 10.7: a unit mix-up must not mean the year 58000).
		expect(
			parseRateLimitHeaders(policy, { 'x-left': '4', 'x-reset-in': '1795946400' }, NOW),
		).toEqual({ remaining: 4, resetAtMs: TEN });
	});
});
