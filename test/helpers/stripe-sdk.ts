/**
 * Facts read from the official `stripe` npm package (a devDependency, pinned): its pinned API version, every
 * route it calls (method and path template) and every webhook event type of that version with Stripe's own
 * sentence for it. Read from the published files as text, so the test needs nothing the package would run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The package's exports map hides package.json; its main entry is cjs/stripe.cjs.node.js, one level down.
const ROOT = dirname(dirname(require.resolve('stripe')));
const RESOURCES = join(ROOT, 'esm', 'resources');

const read = (...parts: string[]) => readFileSync(join(...parts), 'utf8');

/** The package's own version (e.g. 23.1.0). */
export function sdkPackageVersion(): string {
	return (JSON.parse(read(ROOT, 'package.json')) as { version: string }).version;
}

/** The API version the package pins (`esm/apiVersion.js`), e.g. 2026-10-28.endive. */
export function sdkApiVersion(): string {
	const m = /ApiVersion = '([^']+)'/.exec(read(ROOT, 'esm', 'apiVersion.js'));
	if (!m) throw new Error('stripe/esm/apiVersion.js: no ApiVersion found');
	return m[1];
}

function jsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? jsFiles(join(dir, e.name))
			: e.name.endsWith('.js')
				? [join(dir, e.name)]
				: [],
	);
}

/**
 * Every `METHOD /v1/path` the SDK's resources call, path parameters written `{}`:
 * `_makeRequest('POST', \`/v1/invoices/${encodeURIComponent(id)}/pay\`` → `POST /v1/invoices/{}/pay`.
 */
export function sdkRoutes(): Set<string> {
	const routes = new Set<string>();
	for (const file of jsFiles(RESOURCES))
		for (const m of readFileSync(file, 'utf8').matchAll(
			/_makeRequest\('([A-Z]+)', ([`'])([^`']+)\2/g,
		))
			routes.add(`${m[1]} ${m[3].replace(/\$\{[^}]+\}/g, '{}')}`);
	return routes;
}

/**
 * The values of a string-literal union the SDK declares in a params namespace, e.g.
 * `sdkEnum('PaymentMethods.d.ts', 'PaymentMethodListParams', 'Type')` (the open `OtherString` left out).
 */
export function sdkEnum(file: string, namespace: string, type: string): string[] {
	const text = read(RESOURCES, file);
	const at = text.indexOf(`namespace ${namespace} {`);
	if (at < 0) throw new Error(`stripe ${file}: no namespace ${namespace}`);
	const m = new RegExp(`type ${type} = ([^;]+);`).exec(text.slice(at));
	if (!m) throw new Error(`stripe ${file}: no type ${namespace}.${type}`);
	return [...m[1].matchAll(/'([^']+)'/g)].map((v) => v[1]);
}

/** Markdown links `[text](url)` → text; Stripe's doc comments use them. */
const plain = (s: string) => s.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');

/**
 * Every event type a webhook endpoint can be subscribed to in the pinned version (`enabled_events` of
 * `WebhookEndpointCreateParams`, less `*`), in the SDK's order, with the sentence Stripe documents for it
 * (the comment on its `…Event` interface in `Events.d.ts`).
 */
export function sdkEventTypes(): Array<[type: string, description: string]> {
	const endpoints = read(RESOURCES, 'WebhookEndpoints.d.ts');
	const union = /namespace WebhookEndpointCreateParams[\s\S]*?type EnabledEvent = ([^;]+);/.exec(
		endpoints,
	);
	if (!union) throw new Error('stripe WebhookEndpoints.d.ts: no EnabledEvent union found');
	const types = [...union[1].matchAll(/'([^']+)'/g)].map((m) => m[1]).filter((t) => t !== '*');
	const descriptions = new Map(
		[
			...read(RESOURCES, 'Events.d.ts').matchAll(
				/\/\*\*\n((?: \*.*\n)+?) \*\/\nexport interface \w+ extends EventBase \{\n\s+type: '([^']+)';/g,
			),
		].map((m) => [
			m[2],
			plain(
				m[1]
					.split('\n')
					.map((line) => line.replace(/^ \* ?/, ''))
					.join(' ')
					.trim(),
			),
		]),
	);
	return types.map((t) => [t, descriptions.get(t) ?? '']);
}
