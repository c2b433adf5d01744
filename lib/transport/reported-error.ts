/**
 * Errors a service reports inside a success answer (HTTP 2xx): a success flag set to false
 * (`{ ok: false, error: 'not_in_channel' }`) or a non-empty error list (GraphQL's `errors[]`). The spec says
 * where the flag, the code and the message are, and what each code means; the engine then treats the answer
 * as the failure it is (retries, logs, the item's error). Paths use the one path dialect (lib/transport/path.ts).
 */
import { readPath, readPathAll } from './path';

/**
 * What a reported error means for the request:
 * - `auth`: the credential was rejected (revoked, invalid): no retry, reconnect;
 * - `rateLimit`: throttled: the connection pauses (Retry-After, the budget's reset or cost) and the request is sent again;
 * - `transient`: a temporary failure at the service: retried like a 5xx (when safe);
 * - `permanent`: sending the same request again cannot succeed: the item fails.
 */
export type ReportedKind = 'auth' | 'rateLimit' | 'transient' | 'permanent';

/**
 * What one error code means. `cause` and `fix` are sentences shown to the user; `{path}` in them is replaced by
 * the value at that path of the answer (e.g. `{needed}`, the scope a missing-scope answer names), `{$service}` by the service's name and
 * `{$credential}` by the credential's name.
 */
export interface ReportedCode {
	kind: ReportedKind;
	cause?: string;
	fix?: string;
}

export interface ErrorsInBodySpec {
	/** Path of a success flag: the answer is an error when it holds `false` (e.g. `ok`). */
	okPath?: string;
	/** Path of an error list or object: the answer is an error when something non-empty is there (e.g. `errors`). */
	errorPath?: string;
	/**
	 * Path of the answer's data: an answer with something there is a success even when `errorPath` holds errors
	 * too (partial results, e.g. a list whose expansions name a deleted post). Without it, any error fails.
	 */
	successPath?: string;
	/** Path of the error code; with `[*]`, the first code found (e.g. `error`, `errors[*].extensions.code`). */
	codePath?: string;
	/**
	 * Codes at `codePath` that mean success, for envelopes that always carry an error object
	 * (`{"error": {"code": "ok"}}`): any other code found there makes the answer an error.
	 */
	okCodes?: string[];
	/** Path of the service's own message (e.g. `errors[0].message`). */
	messagePath?: string;
	/**
	 * Path of the field the error names (a text, or a list of steps such as GraphQL user errors'
	 * `["product", "title"]`, joined with dots).
	 */
	fieldPath?: string;
	/** Meaning of each code; a code not listed (or none) is `defaultKind`. */
	codes?: Record<string, ReportedCode>;
	/** Default `permanent`. */
	defaultKind?: ReportedKind;
}

/** An error found in a success answer. */
export interface ReportedError {
	/** The service's error code, when the answer names one. */
	code: string | null;
	/** The service's own message. */
	message?: string;
	/** The field the error names (`product.title`), when the answer names one. */
	field?: string;
	kind: ReportedKind;
	/** The spec's sentences for this code, placeholders filled in (before redaction). */
	cause?: string;
	fix?: string;
}

/** Whether something is at a path: a non-empty list, string or object, a number, or `true`. */
function present(value: unknown): boolean {
	if (value === undefined || value === null || value === false) return false;
	if (Array.isArray(value)) return value.length > 0;
	if (typeof value === 'string') return value.trim() !== '';
	if (typeof value === 'object') return Object.keys(value).length > 0;
	return true;
}

/** The error a (parsed) success body reports, or null when it reports none. */
export function reportedError(spec: ErrorsInBodySpec, body: unknown): ReportedError | null {
	if (body === null || typeof body !== 'object') return null;
	const found = spec.codePath
		? readPathAll(body, spec.codePath).find(
				(v) => (typeof v === 'string' && v !== '') || typeof v === 'number',
			)
		: undefined;
	const code = found === undefined ? null : String(found);
	const failed =
		(spec.okPath !== undefined && readPath(body, spec.okPath) === false) ||
		(spec.okCodes !== undefined && code !== null && !spec.okCodes.includes(code)) ||
		(spec.errorPath !== undefined && present(readPath(body, spec.errorPath)));
	if (!failed) return null;
	if (spec.successPath !== undefined && present(readPath(body, spec.successPath))) return null;
	const said = spec.messagePath ? readPath(body, spec.messagePath) : undefined;
	const named = spec.fieldPath ? readPath(body, spec.fieldPath) : undefined;
	const field = Array.isArray(named)
		? named.filter((s) => typeof s === 'string' || typeof s === 'number').join('.')
		: typeof named === 'string'
			? named.trim()
			: '';
	// `Object.hasOwn`: a code such as `constructor` must not find the prototype's.
	const meaning =
		code !== null && spec.codes && Object.hasOwn(spec.codes, code) ? spec.codes[code] : undefined;
	return {
		code,
		...(typeof said === 'string' && said.trim() !== '' ? { message: said.trim() } : {}),
		...(field !== '' ? { field } : {}),
		kind: meaning?.kind ?? spec.defaultKind ?? 'permanent',
		...(meaning?.cause ? { cause: meaning.cause } : {}),
		...(meaning?.fix ? { fix: meaning.fix } : {}),
	};
}

/** A code's sentence with `{path}` filled from the answer and `{$service}` / `{$credential}` from the request. */
export function fillTemplate(
	text: string,
	body: unknown,
	names: { service: string; credential?: string },
): string {
	return text.replace(/\{([^{}]+)\}/g, (_all, path: string) => {
		if (path === '$service') return names.service;
		if (path === '$credential')
			return names.credential ? `the credential '${names.credential}'` : 'the credential';
		const v = readPath(body, path);
		if (Array.isArray(v)) return v.map(String).join(', ');
		return v === undefined || v === null || typeof v === 'object' ? '(not given)' : String(v);
	});
}

/** The problems of an `errorsInBody` section (for the spec schema): paths, and codes that can never be found. */
export function errorsInBodyProblems(spec: ErrorsInBodySpec): string[] {
	const problems: string[] = [];
	if (spec.okPath === undefined && spec.errorPath === undefined && spec.okCodes === undefined)
		problems.push('needs okPath, errorPath or okCodes (how an error answer is recognised)');
	if (spec.okCodes !== undefined && spec.codePath === undefined)
		problems.push('okCodes need a codePath (where the code is)');
	if (spec.codes && Object.keys(spec.codes).length > 0 && spec.codePath === undefined)
		problems.push('codes need a codePath (where the code is)');
	return problems;
}

/**
 * The user errors of a GraphQL mutation at `path` (`[{ field: [...], message, code? }]`) as an `errorsInBody`
 * check: any error fails the answer, with the first one's code, message and field.
 */
export function userErrorsCheck(path: string): ErrorsInBodySpec {
	return {
		errorPath: path,
		codePath: `${path}[*].code`,
		messagePath: `${path}[0].message`,
		fieldPath: `${path}[0].field`,
	};
}
