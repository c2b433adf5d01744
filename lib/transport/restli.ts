/**
 * Rest.li 2.0 URL encoding (the open-source Rest.li protocol's "URL-encoded" form): a list is
 * `List(a,b)`, a record `(key:value,...)`, an empty string `''`, and every string is percent-encoded
 * with the protocol's reserved characters `, ( ) ' :` escaped too, so the structure stays readable to the
 * server while a value can never break out of it. Keys of a record are encoded the same way.
 *
 * Used for query parameters whose spec says `queryFormat: 'restli'`; such values are sent as encoded here
 * and never encoded again. Path parameters need nothing extra: `encodePathSegment` already escapes every
 * reserved character of the protocol.
 */

export type RestliValue =
	string | number | boolean | null | undefined | RestliValue[] | { [key: string]: RestliValue };

const RESERVED = /[,()':]/g;

function escapeReserved(c: string): string {
	return '%' + c.charCodeAt(0).toString(16).toUpperCase();
}

/** One primitive: `''` for the empty string, else percent-encoded with the reserved characters escaped. */
function encodePrimitive(value: string | number | boolean | null): string {
	if (value === '') return "''";
	return encodeURIComponent(String(value)).replace(RESERVED, escapeReserved);
}

/** Encode any value (undefined members of records are left out, as JSON would). */
export function encodeRestli(value: RestliValue): string {
	if (Array.isArray(value)) return `List(${value.map((v) => encodeRestli(v ?? null)).join(',')})`;
	if (value !== null && typeof value === 'object') {
		const members = Object.entries(value)
			.filter(([, v]) => v !== undefined)
			.map(([k, v]) => `${encodePrimitive(k)}:${encodeRestli(v)}`);
		return `(${members.join(',')})`;
	}
	return encodePrimitive(value ?? null);
}

/** A query string of Rest.li-encoded values, keys percent-encoded: `q=author&author=urn%3Ali%3Aperson%3A1`. */
export function restliQueryString(params: Record<string, RestliValue>): string {
	return Object.entries(params)
		.filter(([, v]) => v !== undefined)
		.map(([k, v]) => `${encodePrimitive(k)}=${encodeRestli(v)}`)
		.join('&');
}
