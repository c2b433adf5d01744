/** What the engine saw of one HTTP answer, and small readers over it shared by limits and retries. */

/** Response headers as n8n or Node hand them over (any case, possibly repeated). */
export type HttpHeaders = Record<string, string | string[] | number | undefined>;

/** One HTTP answer: status, headers and the body (parsed JSON, or a string that may hold JSON). */
export interface ResponseObservation {
	status: number;
	headers?: HttpHeaders;
	body?: unknown;
}

/** Reads a header case-insensitively; repeated values are joined with `, ` as HTTP allows. */
export function getHeader(headers: HttpHeaders | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const value = headers[key];
		if (value === undefined) return undefined;
		return Array.isArray(value) ? value.join(', ') : String(value);
	}
	return undefined;
}

/** Returns the body as an object when it is one, or is a string holding JSON; otherwise undefined. */
export function jsonBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
}
