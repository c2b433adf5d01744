import { parseHttpDate, parseRetryAfter } from '../../../lib/retry/retry-after';

const NOW = Date.parse('2019-08-05T09:27:00Z');

describe('parseRetryAfter', () => {
	it.each([
		['120', 120_000],
		['0', 0],
		['2.0', 2000],
		['0.25', 250],
		[' 7 ', 7000],
		['-5', 0],
		['-2.5', 0],
	])('reads delay-seconds %j as %d ms', (value, ms) => {
		expect(parseRetryAfter(value, NOW)).toBe(ms);
	});

	it.each([
		['IMF-fixdate', 'Mon, 05 Aug 2019 09:27:05 GMT'],
		['RFC 850', 'Monday, 05-Aug-19 09:27:05 GMT'],
		['asctime', 'Mon Aug  5 09:27:05 2019'],
	])('reads an HTTP-date in %s form relative to now', (_form, value) => {
		expect(parseRetryAfter(value, NOW)).toBe(5000);
	});

	it('gives 0 for a date in the past', () => {
		expect(parseRetryAfter('Mon, 05 Aug 2019 09:26:00 GMT', NOW)).toBe(0);
	});

	it.each([
		undefined,
		null,
		'',
		'abc',
		'12abc',
		'1e3',
		'Mon, 32 Aug 2019 09:27:05 GMT',
		'2019-08-05T09:27:05Z',
		'Mon, 05 Aug 2019 25:00:00 GMT',
	])('gives null for %j', (value) => {
		expect(parseRetryAfter(value, NOW)).toBeNull();
	});
});

describe('parseHttpDate', () => {
	it('reads the three forms as UTC', () => {
		const at = Date.UTC(1994, 10, 6, 8, 49, 37);
		expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(at);
		expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(at);
		expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)).toBe(at);
	});

	it('puts a two-digit year more than 50 years ahead in the past century', () => {
		// NOW is in 2019: 2069 is 50 years ahead (kept), 2070 is 51 (read as 1970).
		expect(parseHttpDate('Tuesday, 01-Jan-69 00:00:00 GMT', NOW)).toBe(Date.UTC(2069, 0, 1));
		expect(parseHttpDate('Thursday, 01-Jan-70 00:00:00 GMT', NOW)).toBe(Date.UTC(1970, 0, 1));
	});

	it('rejects impossible dates', () => {
		expect(parseHttpDate('Sat, 31 Feb 2019 00:00:00 GMT', NOW)).toBeNull();
	});
});
