/**
 * Stripe against its official SDK (`stripe` on npm, a pinned devDependency): every operation's method and path
 * is a route the SDK calls, the API version we send (`Stripe-Version`) is the one the SDK pins, and the Stripe
 * Trigger offers every webhook event type of that version, each with Stripe's own sentence.
 * `RECORD_FIXTURES=1` rewrites nodes/Stripe/Stripe.events.ts from the SDK (after updating the package).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { StripeTrigger } from '../../nodes/Stripe/StripeTrigger.node';
import { STRIPE_EVENTS } from '../../nodes/Stripe/Stripe.events';
import {
	PAYMENT_METHOD_TYPES,
	PORTAL_LOCALES,
	STRIPE_API_VERSION,
	stripeSpec,
} from '../../nodes/Stripe/Stripe.service';
import {
	sdkApiVersion,
	sdkEnum,
	sdkEventTypes,
	sdkPackageVersion,
	sdkRoutes,
} from '../helpers/stripe-sdk';

const root = join(__dirname, '..', '..');
const EVENTS_FILE = join(root, 'nodes', 'Stripe', 'Stripe.events.ts');

function writeEventsFile(events: Array<[string, string]>, version: string): void {
	const rows = events.map(([t, d]) => `\t[${JSON.stringify(t)}, ${JSON.stringify(d)}],`).join('\n');
	writeFileSync(
		EVENTS_FILE,
		`/**
 * Every webhook event type of Stripe API version ${version} (the version the package pins), with Stripe's own
 * sentence for it. Generated from the official \`stripe\` package's types (WebhookEndpointCreateParams.EnabledEvent
 * and Events.d.ts): test/conformance/stripe-sdk.test.ts checks it, and RECORD_FIXTURES=1 rewrites it.
 */
export const STRIPE_API_VERSION = ${JSON.stringify(version)};

export const STRIPE_EVENTS: ReadonlyArray<readonly [type: string, description: string]> = [
${rows}
];
`,
	);
}

describe('Stripe against the official stripe package', () => {
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		devDependencies: Record<string, string>;
	};

	it('the pinned package is the one installed, and we pin the API version it pins', () => {
		expect(pkg.devDependencies.stripe).toBe(sdkPackageVersion());
		expect(STRIPE_API_VERSION).toBe(sdkApiVersion());
		expect(stripeSpec.headers).toEqual({ 'Stripe-Version': sdkApiVersion() });
	});

	it('every operation is a route of the SDK (method and path)', () => {
		const routes = sdkRoutes();
		// Sanity: the reader found the SDK's routes (hundreds), including ones we know.
		expect(routes.size).toBeGreaterThan(400);
		expect(routes).toContain('POST /v1/invoices/{}/pay');
		const ours = stripeSpec.resources.flatMap((r) =>
			r.operations.map((o) => ({
				op: `${r.id}.${o.id}`,
				route: `${o.method} /v1${o.path.replace(/\{[^}]+\}/g, '{}')}`,
			})),
		);
		expect(ours.filter((o) => !routes.has(o.route))).toEqual([]);
		// The trigger's registration calls (Stripe.hooks.ts) too.
		for (const route of [
			'POST /v1/webhook_endpoints',
			'GET /v1/webhook_endpoints/{}',
			'DELETE /v1/webhook_endpoints/{}',
		])
			expect(routes).toContain(route);
	});

	it('long choice lists are the enums of the pinned version', () => {
		expect(PAYMENT_METHOD_TYPES).toEqual(
			sdkEnum('PaymentMethods.d.ts', 'PaymentMethodListParams', 'Type'),
		);
		expect(PORTAL_LOCALES).toEqual(
			sdkEnum('BillingPortal/Sessions.d.ts', 'SessionCreateParams', 'Locale'),
		);
	});

	it('the trigger offers every event type of the pinned version, with Stripe’s description', () => {
		const sdk = sdkEventTypes();
		if (process.env.RECORD_FIXTURES === '1') writeEventsFile(sdk, sdkApiVersion());
		expect(sdk.length).toBeGreaterThan(200);
		expect(sdk.every(([, d]) => d.length > 0)).toBe(true);
		expect(STRIPE_EVENTS.map(([t, d]) => [t, d])).toEqual(sdk);

		const events = new StripeTrigger().description.properties.find((p) => p.name === 'events')!;
		const offered = (events.options as Array<{ value: string; description: string }>).map(
			(o) => o.value,
		);
		expect(offered.sort()).toEqual(['*', ...sdk.map(([t]) => t)].sort());
		// The version is shown where the user picks events.
		expect(events.description).toContain(STRIPE_API_VERSION);
	});
});
