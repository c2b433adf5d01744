import { jwtBearerSource } from '../auth/token-grant';
import type { ServiceIdentity } from '../transport/pipeline';
import type { ServiceSpec } from './types';

/** The part of a spec the request pipeline needs. */
export function identityOf(spec: ServiceSpec): ServiceIdentity {
	return {
		id: spec.id,
		displayName: spec.displayName,
		rateLimit: spec.rateLimit,
		idempotencyHeader: spec.idempotencyHeader,
		family: spec.family,
		...(spec.auth.some((a) => a.family)
			? {
					authFamilies: Object.fromEntries(
						spec.auth.filter((a) => a.family).map((a) => [a.credentialType, a.family!]),
					),
				}
			: {}),
		...(spec.auth.some((a) => a.pathPrefix)
			? {
					pathPrefixes: Object.fromEntries(
						spec.auth.filter((a) => a.pathPrefix).map((a) => [a.credentialType, a.pathPrefix!]),
					),
				}
			: {}),
		...(spec.auth.some((a) => a.tokenHeader)
			? {
					tokenHeaders: Object.fromEntries(
						spec.auth.filter((a) => a.tokenHeader).map((a) => [a.credentialType, a.tokenHeader!]),
					),
				}
			: {}),
		requestIdHeader: spec.requestIdHeader,
		...(spec.headers ? { headers: spec.headers } : {}),
		...(spec.errorsInBody ? { errorsInBody: spec.errorsInBody } : {}),
		...(spec.errorCodes ? { errorCodes: spec.errorCodes } : {}),
		// The engine refreshes such a token itself: n8n's own refresh on a 401 could only fail.
		...(spec.connection?.tokenRenewal?.refreshToken ? { n8nRefresh: false } : {}),
		// Credentials whose token the engine obtains itself (a service account's signed assertion).
		...(spec.auth.some((a) => a.jwtBearer)
			? {
					tokenSources: Object.fromEntries(
						spec.auth
							.filter((a) => a.jwtBearer)
							.map((a) => [a.credentialType, jwtBearerSource(a.jwtBearer!)]),
					),
				}
			: {}),
	};
}
