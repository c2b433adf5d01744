/**
 * Operator-set origin rewrites, for sending a service's traffic to a mock server, a sandbox or an API
 * gateway without editing workflows: `N8N_API_CONNECTIONS_ORIGIN_MAP` is a comma-separated list of
 * `<origin>=<origin>` pairs, e.g. `https://api.example.com=http://127.0.0.1:4010`. Only the scheme, host and
 * port change; the path and query stay. Applied to the final URL, after every same-origin check.
 */
export const ORIGIN_MAP_ENV = 'N8N_API_CONNECTIONS_ORIGIN_MAP';

let parsedFrom: string | undefined;
let parsed = new Map<string, string>();

function originMap(raw: string | undefined): Map<string, string> {
	if (raw === parsedFrom) return parsed;
	const map = new Map<string, string>();
	for (const pair of (raw ?? '').split(',')) {
		const [from, to] = pair.split('=').map((p) => p.trim());
		if (!from || !to || !URL.canParse(from) || !URL.canParse(to)) continue;
		map.set(new URL(from).origin, new URL(to).origin);
	}
	parsedFrom = raw;
	parsed = map;
	return map;
}

/** The URL with its origin replaced when the operator mapped that origin elsewhere. */
export function rewriteOrigin(
	url: string,
	env: Record<string, string | undefined> = process.env,
): string {
	const map = originMap(env[ORIGIN_MAP_ENV]);
	if (map.size === 0) return url;
	const target = new URL(url);
	const to = map.get(target.origin);
	return to ? to + url.slice(target.origin.length) : url;
}
