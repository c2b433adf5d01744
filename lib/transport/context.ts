/**
 * The one constructor of a request's context (`CallContext`): who sends (engine, n8n functions, item), for
 * which service, signed with which credential, redacting which secrets, with which retry and wait limits.
 * Every caller builds its context here, so a new field gets its default in one place.
 */
import { makeRedactor, type Redactor } from './redact';
import type { Engine } from './engine';
import {
	DEFAULT_SETTINGS,
	type CallContext,
	type EngineSettings,
	type RequestFunctions,
	type ServiceIdentity,
} from './pipeline';

export interface CallContextParts {
	engine: Engine;
	fn: RequestFunctions;
	/** Default 0 (trigger lifecycles and one-off requests have no item). */
	itemIndex?: number;
	service: ServiceIdentity;
	/** n8n credential type to sign with; none for public endpoints. */
	credentialType?: string;
	/** Redacts the secrets of the credential in use (always required: errors and outputs pass through it). */
	redact: Redactor;
	/** Overrides of the node's defaults (`DEFAULT_SETTINGS`), e.g. the node's own options or a short timeout. */
	settings?: Partial<EngineSettings>;
	/** Sign with this token instead of the credential (a token obtained at run time, e.g. a page token). */
	bearerToken?: string;
	/** The Authorization scheme `bearerToken` is sent with (default `Bearer`; some upload hosts want `OAuth`). */
	authScheme?: string;
}

export function callContext(parts: CallContextParts): CallContext {
	const { settings, itemIndex, bearerToken, authScheme, ...rest } = parts;
	return {
		...rest,
		itemIndex: itemIndex ?? 0,
		settings: { ...DEFAULT_SETTINGS, ...settings },
		...(bearerToken ? { bearerToken, ...(authScheme ? { authScheme } : {}) } : {}),
	};
}

/**
 * The context of a request to another origin that a service hands out (an upload URL, a storage form): sent
 * without the service's credential, default headers, rate limit or error shapes, and with `secrets` (a one-time
 * URL, a form's signature) kept out of errors and logs.
 */
export function foreignOriginContext(
	parts: Pick<CallContextParts, 'engine' | 'fn' | 'itemIndex' | 'service' | 'settings'>,
	secrets: string[],
): CallContext {
	return callContext({
		...parts,
		service: {
			...parts.service,
			headers: undefined,
			rateLimit: undefined,
			errorCodes: undefined,
			errorsInBody: undefined,
		},
		redact: makeRedactor(secrets.filter((s) => s.length >= 8)),
	});
}
