import type { ServiceIdentity } from '../transport/pipeline';
import type { ServiceSpec } from './types';

/** The part of a spec the request pipeline needs. */
export function identityOf(spec: ServiceSpec): ServiceIdentity {
	const oauth = spec.auth.find((a) => a.oauth2)?.oauth2;
	return {
		id: spec.id,
		displayName: spec.displayName,
		rateLimit: spec.rateLimit,
		idempotencyHeader: spec.idempotencyHeader,
		scopes: oauth?.scopes,
		family: spec.family,
		requestIdHeader: spec.requestIdHeader,
		...(spec.headers ? { headers: spec.headers } : {}),
		...(spec.errorsInBody ? { errorsInBody: spec.errorsInBody } : {}),
	};
}
