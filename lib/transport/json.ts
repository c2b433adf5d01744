/**
 * Lossless JSON for JSON text the user wrote: integers beyond 2^53 keep their exact digits instead of being
 * rounded by `JSON.parse`. They become `JSON.rawJSON` values (Node ≥ 21), which `JSON.stringify` writes back
 * verbatim; n8n's request helpers deep-copy bodies (which would break them), so the pipeline serialises such
 * a body itself, and text encodings (form, query, headers) take their digits.
 */

/** A JSON number kept as its exact source text. */
export interface RawJson {
	readonly rawJSON: string;
}

// Node 24 has both; TypeScript's es2022 lib does not declare them yet.
const Json = JSON as unknown as {
	rawJSON(text: string): RawJson;
	isRawJSON(value: unknown): value is RawJson;
	parse(
		text: string,
		reviver: (key: string, value: unknown, context?: { source?: string }) => unknown,
	): unknown;
};

const INTEGER = /^-?\d+$/;

/** `JSON.parse`, with every integer a JS number cannot hold exactly handed to `keep` as its source digits. */
function parseKeepingIntegers(text: string, keep: (digits: string) => unknown): unknown {
	return Json.parse(text, (_key, value, context) =>
		typeof value === 'number' &&
		!Number.isSafeInteger(value) &&
		context?.source !== undefined &&
		INTEGER.test(context.source)
			? keep(context.source)
			: value,
	);
}

/** `JSON.parse`, except that an integer which a JS number cannot hold exactly keeps its digits. */
export function parseJsonLossless(text: string): unknown {
	return parseKeepingIntegers(text, (digits) => Json.rawJSON(digits));
}

/**
 * `JSON.parse` for an answer whose integers may exceed 2^53 (64-bit ids): such an integer becomes the string
 * of its exact digits instead of a rounded number (a string survives n8n's item copies; `RawJson` would not).
 */
export function parseJsonExactIntegers(text: string): unknown {
	return parseKeepingIntegers(text, (digits) => digits);
}

export function isRawJson(value: unknown): value is RawJson {
	return Json.isRawJSON(value);
}

/** Whether a value holds a lossless number anywhere (then it must be serialised with `JSON.stringify` by us). */
export function containsRawJson(value: unknown): boolean {
	if (isRawJson(value)) return true;
	if (value === null || typeof value !== 'object') return false;
	return Object.values(value).some(containsRawJson);
}

/** The same value with every lossless number replaced by its digits as text (for form bodies, queries, headers). */
export function rawJsonAsText<T>(value: T): T {
	if (isRawJson(value)) return value.rawJSON as T;
	if (!containsRawJson(value)) return value;
	if (Array.isArray(value)) return value.map(rawJsonAsText) as T;
	return Object.fromEntries(
		Object.entries(value as object).map(([k, v]) => [k, rawJsonAsText(v)]),
	) as T;
}
