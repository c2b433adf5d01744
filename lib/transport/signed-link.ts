/**
 * A GET of a link a service hands out on another origin (a results archive, a file's pre-signed download URL): sent
 * without the service's credential, headers, limit or error shapes, its bytes as they are, and the link (whose
 * query is often its signature) kept out of errors and logs.
 */
import { foreignOriginContext } from './context';
import { send } from './pipeline';
import type { EngineResponse } from './types';

export async function fetchSignedLink(
	parts: Parameters<typeof foreignOriginContext>[0],
	link: string,
): Promise<EngineResponse> {
	const url = new URL(link);
	// Only these parts: a caller's full context also names its credential, which must not go to the other origin.
	const { engine, fn, itemIndex, service, settings } = parts;
	return await send(
		foreignOriginContext({ engine, fn, itemIndex, service, ...(settings ? { settings } : {}) }, [
			link,
			url.pathname + url.search,
			url.search.slice(1),
		]),
		{
			method: 'GET',
			baseUrl: url.origin,
			path: link,
			responseFormat: 'binary',
			idempotent: true,
			cacheable: false,
		},
	);
}
