/**
 * A service's error codes as data (the spec's `errorCodes`): which vendor code and subcode families of an error
 * answer mean what, in the seed's error table's terms — token expired → reconnect, permission → which scope,
 * invalid field → which field, rate limit → wait, temporary → retried. The engine reads the code from the answer,
 * takes the first rule that matches, and retries, waits or fails with the category's cause and fix. Adding a
 * vendor is a table in its spec, no code. Paths use the one path dialect (lib/transport/path.ts).
 */
import { jsonBody } from '../limits/observation';
import type { BodyCondition } from '../limits/policy';
import { pathProblem, readPath, readPathAll } from './path';
import type { ReportedKind } from './reported-error';

/**
 * What an error means, in the seed's table:
 * - `auth`: the token or key was rejected (expired, revoked, password changed): reconnect;
 * - `permission`: a permission (scope) is missing: the error names the scopes the operation needs that the token lacks;
 * - `invalid`: a field was rejected: the error names the field;
 * - `notFound`: nothing at that id: the error names the id;
 * - `rateLimit`: throttled: the connection pauses and the request is sent again (never a failure while waits allow);
 * - `transient`: a temporary failure at the service: retried like a 5xx (when safe);
 * - `permanent`: anything else sending again cannot fix (blocked, duplicate, card declined): the rule says why.
 */
export type ErrorCategory =
	'auth' | 'permission' | 'invalid' | 'notFound' | 'rateLimit' | 'transient' | 'permanent';

/** A code, or an inclusive range of numeric codes (`[200, 299]`). */
export type CodeMatch = string | number | [number, number];

/** One family of codes; a rule matches when every condition it gives holds. */
export interface ErrorCodeRule {
	/** Statuses the rule applies to (any when absent). */
	status?: number[];
	/** The code at `codePath` (any when absent). */
	codes?: CodeMatch[];
	/** The subcode at `subcodePath` (any when absent; a rule with subcodes needs one of them). */
	subcodes?: CodeMatch[];
	/** A further condition on the body (e.g. a second code field). */
	body?: BodyCondition;
	category: ErrorCategory;
	/**
	 * What this code means, as a phrase that completes "…: <reason>" (e.g. "the access token has expired").
	 * `{path}` is filled from the answer, `{$service}` and `{$credential}` from the request.
	 */
	reason?: string;
	/** The fix, one sentence, when the category's own is not the right one (same placeholders). */
	fix?: string;
}

export interface ErrorCodesSpec {
	/** Path of the vendor's error code, e.g. `error.code` or `error.type`. */
	codePath?: string;
	/** Path of the subcode, e.g. `error.error_subcode`. */
	subcodePath?: string;
	/** Path of the message meant for the user (e.g. `error.error_user_msg`); the developer message otherwise. */
	userMessagePath?: string;
	/** Path of the field an invalid-field error names (e.g. `error.param`); the common shapes otherwise. */
	fieldPath?: string;
	/**
	 * Where a message names the field, for vendors that give no field of their own: a regular expression whose
	 * first group is the field, tried on the user message and the message (e.g. `parameter (\\w+)`).
	 */
	fieldPattern?: string;
	/** Response header listing the scopes the token has (e.g. `x-oauth-scopes`); wins over the credential's. */
	grantedScopesHeader?: string;
	/** Response header listing scopes the endpoint accepts (any one of them), used when the operation declares none. */
	acceptedScopesHeader?: string;
	/** The service answers 404 for a resource the token may not see (a private one): a 404 then names the scopes too. */
	notFoundMayBeHidden?: boolean;
	/**
	 * The vendor answers errors as plain text (`invalid id`): such a body is read as an object with the text under
	 * this key (e.g. `message`), so rules, `{placeholders}` and the vendor's words work on it as on JSON answers.
	 */
	textAs?: string;
	/** Tried in order; the first that matches wins. */
	rules: ErrorCodeRule[];
}

/**
 * An error answer as the table reads it: JSON decoded, and with `textAs` a plain-text answer as
 * `{ [textAs]: text }`; anything else as it is (undefined for text the service does not send as its words).
 */
export function errorBodyOf(spec: ErrorCodesSpec | undefined, body: unknown): unknown {
	const decoded = jsonBody(body);
	if (decoded !== undefined || typeof body !== 'string' || !spec?.textAs) return decoded;
	const text = body.trim();
	return text ? { [spec.textAs]: text } : undefined;
}

/** The rule an error answer matched, with the codes it carried. */
export interface MatchedError {
	code: string | null;
	subcode: string | null;
	/** The rule named codes (so the codes say which family this is, worth showing). */
	byCode: boolean;
	category: ErrorCategory;
	reason?: string;
	fix?: string;
}

/**
 * The errors every OAuth2 authorization server reports (RFC 6749 §5.2, RFC 6750 §3.1), for a token endpoint's
 * answer that reaches the engine and for APIs that answer in that shape: used when the service's own table has
 * no rule for the answer.
 */
export const OAUTH2_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'error',
	rules: [
		{
			codes: ['invalid_grant'],
			category: 'auth',
			reason:
				'the authorization server no longer accepts the grant (invalid_grant: {error_description}); the access was revoked, expired or the password changed',
		},
		{
			codes: ['invalid_client', 'unauthorized_client'],
			category: 'auth',
			reason: 'the client ID or secret of the credential was refused ({error})',
			fix: 'Check the Client ID and Client Secret of {$credential} against the app registered at {$service}, then reconnect it.',
		},
		{ codes: ['invalid_token'], category: 'auth', reason: 'the token is invalid or expired' },
		{ codes: ['insufficient_scope'], category: 'permission' },
	],
};

/** The `codes` / `subcodes` condition: absent → any; else the value must equal one entry or fall in a range. */
function matchesCode(value: string | null, allowed: CodeMatch[] | undefined): boolean {
	if (allowed === undefined) return true;
	if (value === null) return false;
	const n = Number(value);
	return allowed.some((c) =>
		Array.isArray(c) ? Number.isFinite(n) && n >= c[0] && n <= c[1] : String(c) === value,
	);
}

function matchesBody(cond: BodyCondition | undefined, body: unknown): boolean {
	if (!cond) return true;
	const regex = cond.matches === undefined ? undefined : new RegExp(cond.matches, 'i');
	return readPathAll(body, cond.path).some(
		(v) =>
			(cond.in !== undefined && cond.in.includes(v as string | number | boolean)) ||
			(regex !== undefined && regex.test(String(v))),
	);
}

const codeAt = (body: unknown, path: string | undefined): string | null => {
	if (path === undefined) return null;
	const v = readPath(body, path);
	return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
};

/** The first rule of the table that the answer matches, or null. */
export function matchErrorCode(
	spec: ErrorCodesSpec,
	status: number,
	body: unknown,
): MatchedError | null {
	if (body === null || typeof body !== 'object') return null;
	const code = codeAt(body, spec.codePath);
	const subcode = codeAt(body, spec.subcodePath);
	const rule = spec.rules.find(
		(r) =>
			(r.status === undefined || r.status.includes(status)) &&
			matchesCode(code, r.codes) &&
			matchesCode(subcode, r.subcodes) &&
			matchesBody(r.body, body),
	);
	if (!rule) return null;
	return {
		code,
		subcode,
		byCode: rule.codes !== undefined || rule.subcodes !== undefined,
		category: rule.category,
		...(rule.reason ? { reason: rule.reason } : {}),
		...(rule.fix ? { fix: rule.fix } : {}),
	};
}

/** The meaning of an error answer: the service's table first, then the OAuth2 standard errors. */
export function classifyErrorAnswer(
	spec: ErrorCodesSpec | undefined,
	status: number,
	body: unknown,
): MatchedError | null {
	if (status >= 200 && status < 300) return null;
	return (
		(spec ? matchErrorCode(spec, status, body) : null) ??
		matchErrorCode(OAUTH2_ERROR_CODES, status, body)
	);
}

/** How the retry decision treats a category (the same kinds as errors inside a success answer). */
export function retryKindOf(category: ErrorCategory): ReportedKind {
	return category === 'auth' || category === 'rateLimit' || category === 'transient'
		? category
		: 'permanent';
}

/** The field an invalid-field answer names: the spec's path, the common shapes, then the message pattern. */
export function fieldOf(
	spec: ErrorCodesSpec | undefined,
	body: unknown,
	common: (body: unknown) => string | undefined,
): string | undefined {
	const own = spec?.fieldPath === undefined ? undefined : readPath(body, spec.fieldPath);
	if (typeof own === 'string' && own.trim()) return own.trim();
	const found = common(body);
	if (found) return found;
	if (spec?.fieldPattern === undefined) return undefined;
	const regex = new RegExp(spec.fieldPattern, 'i');
	for (const path of [spec.userMessagePath, 'error.message', 'message']) {
		const text = path === undefined ? undefined : readPath(body, path);
		const m = typeof text === 'string' ? regex.exec(text) : null;
		if (m?.[1]) return m[1];
	}
	return undefined;
}

/** The problems of an `errorCodes` table (for the spec schema). */
export function errorCodesProblems(spec: ErrorCodesSpec): string[] {
	const problems: string[] = [];
	spec.rules.forEach((r, i) => {
		if (r.codes && spec.codePath === undefined)
			problems.push(`rules.${i}: codes need a codePath (where the code is)`);
		if (r.subcodes && spec.subcodePath === undefined)
			problems.push(`rules.${i}: subcodes need a subcodePath (where the subcode is)`);
		if (!r.status && !r.codes && !r.subcodes && !r.body)
			problems.push(`rules.${i}: matches every error (give a status, codes or a body condition)`);
		const bodyPath = r.body ? pathProblem(r.body.path, { many: true }) : undefined;
		if (bodyPath) problems.push(`rules.${i}.body.path: ${bodyPath}`);
	});
	if (spec.fieldPattern !== undefined) {
		try {
			new RegExp(spec.fieldPattern);
		} catch {
			problems.push('fieldPattern is not a valid regular expression');
		}
	}
	return problems;
}
