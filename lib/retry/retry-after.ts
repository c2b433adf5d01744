/** `Retry-After` (RFC 9110 §10.2.3) and the three HTTP-date forms, parsed strictly: garbage is null, not a guess. */

const DAYS = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAYS = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MON = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

// Sun, 06 Nov 1994 08:49:37 GMT
const IMF_FIXDATE = new RegExp(`^${DAYS}, (\\d{2}) ${MON} (\\d{4}) ${TIME} GMT$`, 'i');
// Sunday, 06-Nov-94 08:49:37 GMT
const RFC850 = new RegExp(`^${LONG_DAYS}, (\\d{2})-${MON}-(\\d{2}) ${TIME} GMT$`, 'i');
// Sun Nov  6 08:49:37 1994
const ASCTIME = new RegExp(`^${DAYS} ${MON} +(\\d{1,2}) ${TIME} (\\d{4})$`, 'i');

/** Epoch ms of an HTTP-date (IMF-fixdate, RFC 850 or asctime, always UTC), or null. */
export function parseHttpDate(value: string, nowMs: number = Date.now()): number | null {
	const text = value.trim();
	let m = IMF_FIXDATE.exec(text);
	if (m) return utc(+m[3], m[2], +m[1], +m[4], +m[5], +m[6]);
	m = RFC850.exec(text);
	if (m) {
		// RFC 9110: a two-digit year more than 50 years in the future means the past century.
		let year = 2000 + Number(m[3]);
		if (year > new Date(nowMs).getUTCFullYear() + 50) year -= 100;
		return utc(year, m[2], +m[1], +m[4], +m[5], +m[6]);
	}
	m = ASCTIME.exec(text);
	if (m) return utc(+m[6], m[1], +m[2], +m[3], +m[4], +m[5]);
	return null;
}

function utc(
	year: number,
	month: string,
	day: number,
	h: number,
	min: number,
	s: number,
): number | null {
	const monthIndex = MONTHS.indexOf(month.toLowerCase());
	const ms = Date.UTC(year, monthIndex, day, h, min, s);
	const d = new Date(ms);
	// Reject dates that Date.UTC silently rolls over (31 Feb, 25:00).
	if (
		d.getUTCDate() !== day ||
		d.getUTCHours() !== h ||
		d.getUTCMinutes() !== min ||
		d.getUTCSeconds() !== s
	)
		return null;
	return ms;
}

/**
 * Milliseconds to wait per a `Retry-After` value: integer or decimal seconds (`120`, `2.0`), or an
 * HTTP-date relative to `nowMs`. Negative values and past dates give 0; anything else gives null.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
	if (value === null || value === undefined) return null;
	const text = value.trim();
	if (/^-?\d+(\.\d+)?$/.test(text)) return Math.max(0, Math.ceil(Number(text) * 1000));
	const at = parseHttpDate(text, nowMs);
	return at === null ? null : Math.max(0, at - nowMs);
}
