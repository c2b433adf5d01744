/**
 * Stripe node: every operation inside a real n8n workflow, asserting the exact request (method, path and
 * query string, form body, auth and idempotency headers) and the exact output items. The fake answers
 * follow Stripe's documented behaviour (services.md § Stripe; docs.stripe.com/api).
 */
import nock from 'nock';
import { NodeHelpers, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { ApiConnStripeApi } from '../../credentials/ApiConnStripeApi.credentials';
import { Stripe } from '../../nodes/Stripe/Stripe.node';
import { stripeDefinition } from '../../nodes/Stripe/Stripe.service';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, testCredential, type RunNodeOptions, type RunNodeResult } from '../harness';

const API = 'https://api.stripe.com';
const KEY = 'sk_test_51AbCdEfGhIjKlMnOpQrStUv';
const credentials = { apiConnStripeApi: { secretKey: KEY } };
let clock: FakeClock;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock();
	useRuntime({ clock, random: () => 0.5 });
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

/** Drive virtual time while the workflow runs, so retries and rate-limit waits take no real time. */
const drive = (run: Promise<RunNodeResult>) => driveClock(clock, run);

function run(
	parameters: RunNodeOptions['node']['parameters'],
	extra: Partial<RunNodeOptions> = {},
) {
	const { node, ...rest } = extra;
	return drive(
		runNode({
			nodeTypes: [new Stripe()],
			credentialTypes: [new ApiConnStripeApi()],
			credentials,
			node: { ...node, type: 'stripe', parameters },
			...rest,
		}),
	);
}

interface Seen {
	method: string;
	uri: string;
	body: string;
	headers: Record<string, string | string[] | undefined>;
}

/** Answer requests to the API (any path) with the given replies in order, recording what was sent. */
function fake(...replies: Array<[string, number, unknown, Record<string, string>?]>): Seen[] {
	const seen: Seen[] = [];
	let scope = nock(API);
	for (const [method, status, body, headers] of replies) {
		scope = scope
			.intercept(() => true, method)
			.reply(function (uri, requestBody) {
				seen.push({
					method: this.req.method,
					uri,
					body: typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody),
					headers: this.req.headers,
				});
				return [
					status,
					body as nock.Body,
					{
						'content-type': 'application/json',
						'request-id': `req_${seen.length}`,
						...(headers ?? {}),
					},
				];
			});
	}
	return seen;
}

const cus = {
	id: 'cus_NffrFeUfNV2Hib',
	object: 'customer',
	email: 'jenny@example.com',
	name: 'Jenny Rosen',
	livemode: false,
	metadata: { plan: 'pro' },
};
const cus2 = { ...cus, id: 'cus_NffrFeUfNV2Hic', email: 'ann@example.com' };
const cus3 = { ...cus, id: 'cus_NffrFeUfNV2Hid', email: 'bob@example.com' };
const pi = {
	id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
	object: 'payment_intent',
	amount: 2000,
	currency: 'usd',
	status: 'requires_payment_method',
	livemode: false,
};
const sub = {
	id: 'sub_1MowQVLkdIwHu7ixeRlqHVzs',
	object: 'subscription',
	customer: cus.id,
	status: 'active',
	livemode: false,
};
const ch = {
	id: 'ch_3MmlLrLkdIwHu7ix0snN0B15',
	object: 'charge',
	amount: 1099,
	payment_intent: pi.id,
	livemode: false,
};
const re = {
	id: 're_3MtwBwLkdIwHu7ix0a2ZaOYQ',
	object: 'refund',
	amount: 500,
	payment_intent: pi.id,
	status: 'succeeded',
};
const inv = {
	id: 'in_1MtHbELkdIwHu7ixl4OzzPMv',
	object: 'invoice',
	customer: cus.id,
	status: 'draft',
	livemode: false,
};
const prod = {
	id: 'prod_NWjs8kKbJWmuuc',
	object: 'product',
	name: 'Gold Plan',
	active: true,
	livemode: false,
};
const price = {
	id: 'price_1MoBy5LkdIwHu7ixZhnattbh',
	object: 'price',
	product: prod.id,
	unit_amount: 1000,
	currency: 'usd',
	recurring: { interval: 'month', interval_count: 1 },
	livemode: false,
};
const cs = {
	id: 'cs_test_a1b2c3',
	object: 'checkout.session',
	mode: 'payment',
	url: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3',
	livemode: false,
};
const balance = {
	object: 'balance',
	available: [{ amount: 666670, currency: 'usd' }],
	pending: [{ amount: 61414, currency: 'usd' }],
	livemode: false,
};
const list = (url: string, data: unknown[], hasMore = false) => ({
	object: 'list',
	url,
	has_more: hasMore,
	data,
});

interface Case {
	title: string;
	parameters: INodeParameters;
	method: string;
	uri: string;
	/** Exact form body; undefined for requests without one. */
	body?: string;
	reply: unknown;
	output: unknown[];
}

const p = (resource: string, operation: string, rest: INodeParameters = {}): INodeParameters => ({
	resource,
	operation,
	...rest,
});

const cases: Case[] = [
	{
		title: 'customer.create: form body with bracket lists, metadata pairs and expand',
		parameters: p('customer', 'create', {
			additionalFields: {
				email: 'jenny@example.com',
				name: 'Jenny Rosen',
				preferredLocales: 'en, fr',
				metadata: {
					pairs: [
						{ key: 'plan', value: 'pro' },
						{ key: 'source', value: 'n8n' },
					],
				},
				expand: 'default_source',
			},
		}),
		method: 'POST',
		uri: '/v1/customers',
		body: 'email=jenny%40example.com&name=Jenny%20Rosen&preferred_locales[0]=en&preferred_locales[1]=fr&metadata[plan]=pro&metadata[source]=n8n&expand[0]=default_source',
		reply: cus,
		output: [cus],
	},
	{
		title: 'customer.get: expand[] in the query',
		parameters: p('customer', 'get', {
			customerId: cus.id,
			additionalFields: { expand: 'subscriptions, default_source' },
		}),
		method: 'GET',
		uri: '/v1/customers/cus_NffrFeUfNV2Hib?expand[]=subscriptions&expand[]=default_source',
		reply: cus,
		output: [cus],
	},
	{
		title: 'customer.update: nested address, invoice_settings and an emptied metadata key',
		parameters: p('customer', 'update', {
			customerId: cus.id,
			additionalFields: {
				name: 'Jenny R.',
				addressLine1: '1 Main St',
				addressCountry: 'US',
				invoiceSettingsDefaultPaymentMethod: 'pm_1MqLiJLkdIwHu7ix',
				metadata: { pairs: [{ key: 'plan', value: '' }] },
			},
		}),
		method: 'POST',
		uri: '/v1/customers/cus_NffrFeUfNV2Hib',
		body: 'name=Jenny%20R.&address[line1]=1%20Main%20St&address[country]=US&invoice_settings[default_payment_method]=pm_1MqLiJLkdIwHu7ix&metadata[plan]=',
		reply: { ...cus, name: 'Jenny R.', metadata: {} },
		output: [{ ...cus, name: 'Jenny R.', metadata: {} }],
	},
	{
		title: 'customer.delete',
		parameters: p('customer', 'delete', { customerId: cus.id }),
		method: 'DELETE',
		uri: '/v1/customers/cus_NffrFeUfNV2Hib',
		reply: { id: cus.id, object: 'customer', deleted: true },
		output: [{ id: cus.id, object: 'customer', deleted: true }],
	},
	{
		title: 'customer.getMany: filters, created[gte], Limit as the page size',
		parameters: p('customer', 'getMany', {
			returnAll: false,
			limit: 2,
			additionalFields: { email: 'jenny@example.com', createdGte: 1700000000 },
		}),
		method: 'GET',
		uri: '/v1/customers?email=jenny%40example.com&created[gte]=1700000000&limit=2',
		reply: list('/v1/customers', [cus, cus2], true),
		output: [cus, cus2],
	},
	{
		title: 'customer.search: query language and page size',
		parameters: p('customer', 'search', {
			query: "email:'jenny@example.com'",
			returnAll: false,
			limit: 10,
		}),
		method: 'GET',
		uri: '/v1/customers/search?query=email%3A%27jenny%40example.com%27&limit=10',
		reply: {
			object: 'search_result',
			url: '/v1/customers/search',
			has_more: false,
			next_page: null,
			data: [cus],
		},
		output: [cus],
	},
	{
		title:
			'paymentIntent.create: amount, currency, automatic_payment_methods[enabled], manual capture, metadata',
		parameters: p('paymentIntent', 'create', {
			amount: 2000,
			currency: 'usd',
			additionalFields: {
				customer: cus.id,
				automaticPaymentMethodsEnabled: true,
				captureMethod: 'manual',
				metadata: { pairs: [{ key: 'order_id', value: '6735' }] },
			},
		}),
		method: 'POST',
		uri: '/v1/payment_intents',
		body: 'amount=2000&currency=usd&customer=cus_NffrFeUfNV2Hib&automatic_payment_methods[enabled]=true&capture_method=manual&metadata[order_id]=6735',
		reply: pi,
		output: [pi],
	},
	{
		title: 'paymentIntent.confirm',
		parameters: p('paymentIntent', 'confirm', {
			paymentIntentId: pi.id,
			additionalFields: { paymentMethod: 'pm_card_visa', returnUrl: 'https://example.com/return' },
		}),
		method: 'POST',
		uri: '/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa/confirm',
		body: 'payment_method=pm_card_visa&return_url=https%3A%2F%2Fexample.com%2Freturn',
		reply: { ...pi, status: 'succeeded' },
		output: [{ ...pi, status: 'succeeded' }],
	},
	{
		title: 'paymentIntent.capture: partial amount',
		parameters: p('paymentIntent', 'capture', {
			paymentIntentId: pi.id,
			additionalFields: { amountToCapture: 1500 },
		}),
		method: 'POST',
		uri: '/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa/capture',
		body: 'amount_to_capture=1500',
		reply: { ...pi, status: 'succeeded', amount_received: 1500 },
		output: [{ ...pi, status: 'succeeded', amount_received: 1500 }],
	},
	{
		title: 'paymentIntent.cancel: reason',
		parameters: p('paymentIntent', 'cancel', {
			paymentIntentId: pi.id,
			additionalFields: { cancellationReason: 'duplicate' },
		}),
		method: 'POST',
		uri: '/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa/cancel',
		body: 'cancellation_reason=duplicate',
		reply: { ...pi, status: 'canceled', cancellation_reason: 'duplicate' },
		output: [{ ...pi, status: 'canceled', cancellation_reason: 'duplicate' }],
	},
	{
		title: 'paymentIntent.get',
		parameters: p('paymentIntent', 'get', { paymentIntentId: pi.id }),
		method: 'GET',
		uri: '/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa',
		reply: pi,
		output: [pi],
	},
	{
		title: 'paymentIntent.getMany: Return All asks for pages of 100',
		parameters: p('paymentIntent', 'getMany', {
			returnAll: true,
			additionalFields: { customer: cus.id },
		}),
		method: 'GET',
		uri: '/v1/payment_intents?customer=cus_NffrFeUfNV2Hib&limit=100',
		reply: list('/v1/payment_intents', [pi]),
		output: [pi],
	},
	{
		title: 'subscription.create: items as a JSON list become items[0][price]',
		parameters: p('subscription', 'create', {
			customer: cus.id,
			items: '[{"price": "price_1MoBy5LkdIwHu7ixZhnattbh", "quantity": 2}]',
			additionalFields: {
				trialPeriodDays: 14,
				paymentBehavior: 'default_incomplete',
				expand: 'latest_invoice.payment_intent',
			},
		}),
		method: 'POST',
		uri: '/v1/subscriptions',
		body: 'customer=cus_NffrFeUfNV2Hib&items[0][price]=price_1MoBy5LkdIwHu7ixZhnattbh&items[0][quantity]=2&trial_period_days=14&payment_behavior=default_incomplete&expand[0]=latest_invoice.payment_intent',
		reply: sub,
		output: [sub],
	},
	{
		title: 'subscription.get',
		parameters: p('subscription', 'get', { subscriptionId: sub.id }),
		method: 'GET',
		uri: '/v1/subscriptions/sub_1MowQVLkdIwHu7ixeRlqHVzs',
		reply: sub,
		output: [sub],
	},
	{
		title: 'subscription.update: cancel at period end without proration',
		parameters: p('subscription', 'update', {
			subscriptionId: sub.id,
			additionalFields: { cancelAtPeriodEnd: true, prorationBehavior: 'none' },
		}),
		method: 'POST',
		uri: '/v1/subscriptions/sub_1MowQVLkdIwHu7ixeRlqHVzs',
		body: 'cancel_at_period_end=true&proration_behavior=none',
		reply: { ...sub, cancel_at_period_end: true },
		output: [{ ...sub, cancel_at_period_end: true }],
	},
	{
		title: 'subscription.cancel: DELETE with its options in the query',
		parameters: p('subscription', 'cancel', {
			subscriptionId: sub.id,
			additionalFields: { invoiceNow: true, cancellationDetailsComment: 'Too pricey' },
		}),
		method: 'DELETE',
		uri: '/v1/subscriptions/sub_1MowQVLkdIwHu7ixeRlqHVzs?invoice_now=true&cancellation_details[comment]=Too%20pricey',
		reply: { ...sub, status: 'canceled' },
		output: [{ ...sub, status: 'canceled' }],
	},
	{
		title: 'subscription.getMany: status and price filters',
		parameters: p('subscription', 'getMany', {
			returnAll: false,
			limit: 5,
			additionalFields: { status: 'all', price: price.id },
		}),
		method: 'GET',
		uri: '/v1/subscriptions?price=price_1MoBy5LkdIwHu7ixZhnattbh&status=all&limit=5',
		reply: list('/v1/subscriptions', [sub]),
		output: [sub],
	},
	{
		title: 'charge.get',
		parameters: p('charge', 'get', { chargeId: ch.id }),
		method: 'GET',
		uri: '/v1/charges/ch_3MmlLrLkdIwHu7ix0snN0B15',
		reply: ch,
		output: [ch],
	},
	{
		title: 'charge.getMany: by payment intent',
		parameters: p('charge', 'getMany', {
			returnAll: false,
			limit: 1,
			additionalFields: { paymentIntent: pi.id },
		}),
		method: 'GET',
		uri: '/v1/charges?payment_intent=pi_3MtwBwLkdIwHu7ix28a3tqPa&limit=1',
		reply: list('/v1/charges', [ch], true),
		output: [ch],
	},
	{
		title: 'refund.create: partial refund of a payment intent',
		parameters: p('refund', 'create', {
			additionalFields: { paymentIntent: pi.id, amount: 500, reason: 'requested_by_customer' },
		}),
		method: 'POST',
		uri: '/v1/refunds',
		body: 'payment_intent=pi_3MtwBwLkdIwHu7ix28a3tqPa&amount=500&reason=requested_by_customer',
		reply: re,
		output: [re],
	},
	{
		title: 'refund.get',
		parameters: p('refund', 'get', { refundId: re.id }),
		method: 'GET',
		uri: '/v1/refunds/re_3MtwBwLkdIwHu7ix0a2ZaOYQ',
		reply: re,
		output: [re],
	},
	{
		title: 'invoice.create: send_invoice with days until due',
		parameters: p('invoice', 'create', {
			customer: cus.id,
			additionalFields: { collectionMethod: 'send_invoice', daysUntilDue: 30, autoAdvance: false },
		}),
		method: 'POST',
		uri: '/v1/invoices',
		body: 'customer=cus_NffrFeUfNV2Hib&auto_advance=false&collection_method=send_invoice&days_until_due=30',
		reply: inv,
		output: [inv],
	},
	{
		title: 'invoice.finalize',
		parameters: p('invoice', 'finalize', {
			invoiceId: inv.id,
			additionalFields: { autoAdvance: true },
		}),
		method: 'POST',
		uri: '/v1/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/finalize',
		body: 'auto_advance=true',
		reply: { ...inv, status: 'open' },
		output: [{ ...inv, status: 'open' }],
	},
	{
		title: 'invoice.send: a POST with an empty form body',
		parameters: p('invoice', 'send', { invoiceId: inv.id }),
		method: 'POST',
		uri: '/v1/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/send',
		body: '',
		reply: { ...inv, status: 'open' },
		output: [{ ...inv, status: 'open' }],
	},
	{
		title: 'invoice.getMany: by status',
		parameters: p('invoice', 'getMany', {
			returnAll: false,
			limit: 50,
			additionalFields: { status: 'paid' },
		}),
		method: 'GET',
		uri: '/v1/invoices?status=paid&limit=50',
		reply: list('/v1/invoices', [{ ...inv, status: 'paid' }]),
		output: [{ ...inv, status: 'paid' }],
	},
	{
		title: 'product.create',
		parameters: p('product', 'create', {
			name: 'Gold Plan',
			additionalFields: { active: true, images: 'https://example.com/gold.png' },
		}),
		method: 'POST',
		uri: '/v1/products',
		body: 'name=Gold%20Plan&active=true&images[0]=https%3A%2F%2Fexample.com%2Fgold.png',
		reply: prod,
		output: [prod],
	},
	{
		title: 'product.getMany: active only',
		parameters: p('product', 'getMany', { returnAll: true, additionalFields: { active: true } }),
		method: 'GET',
		uri: '/v1/products?active=true&limit=100',
		reply: list('/v1/products', [prod]),
		output: [prod],
	},
	{
		title: 'price.create: recurring[interval] and lookup key',
		parameters: p('price', 'create', {
			currency: 'usd',
			additionalFields: {
				product: prod.id,
				unitAmount: 1000,
				recurringInterval: 'month',
				lookupKey: 'gold_monthly',
			},
		}),
		method: 'POST',
		uri: '/v1/prices',
		body: 'currency=usd&product=prod_NWjs8kKbJWmuuc&unit_amount=1000&recurring[interval]=month&lookup_key=gold_monthly',
		reply: price,
		output: [price],
	},
	{
		title: 'price.getMany: lookup_keys[] repeated',
		parameters: p('price', 'getMany', {
			returnAll: false,
			limit: 50,
			additionalFields: { product: prod.id, lookupKeys: 'gold_monthly, gold_yearly' },
		}),
		method: 'GET',
		uri: '/v1/prices?product=prod_NWjs8kKbJWmuuc&lookup_keys[]=gold_monthly&lookup_keys[]=gold_yearly&limit=50',
		reply: list('/v1/prices', [price]),
		output: [price],
	},
	{
		title: 'checkoutSession.create: line items as a JSON list, success URL kept verbatim',
		parameters: p('checkoutSession', 'create', {
			mode: 'payment',
			additionalFields: {
				lineItems: '[{"price": "price_1MoBy5LkdIwHu7ixZhnattbh", "quantity": 1}]',
				successUrl: 'https://example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
				clientReferenceId: 'order_42',
			},
		}),
		method: 'POST',
		uri: '/v1/checkout/sessions',
		body: 'mode=payment&line_items[0][price]=price_1MoBy5LkdIwHu7ixZhnattbh&line_items[0][quantity]=1&success_url=https%3A%2F%2Fexample.com%2Fthanks%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D&client_reference_id=order_42',
		reply: cs,
		output: [cs],
	},
	{
		title: 'balance.get: livemode passes through so the user sees test vs live',
		parameters: p('balance', 'get'),
		method: 'GET',
		uri: '/v1/balance',
		reply: balance,
		output: [balance],
	},
];

describe('every operation sends the exact request and outputs the exact items', () => {
	it('covers every operation of the spec', () => {
		const all = stripeDefinition.spec.resources
			.flatMap((r) => r.operations.map((o) => `${r.id}.${o.id}`))
			.sort();
		const tested = [
			...new Set(cases.map((c) => `${c.parameters.resource}.${c.parameters.operation}`)),
		].sort();
		// The first 31 operations are listed here too; every one of the 77 has its recorded fixture
		// (test/conformance/operations.test.ts, test/fixtures/operations/stripe/).
		expect(tested.filter((op) => !all.includes(op))).toEqual([]);
		expect(tested).toHaveLength(31);
		expect(all).toHaveLength(77);
	});

	it.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
		const seen = fake([c.method, 200, c.reply]);
		const res = await run(c.parameters);
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		const [req] = seen;
		expect(req.method).toBe(c.method);
		expect(req.uri).toBe(c.uri);
		expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
		// The pinned API version (nodes/Stripe/Stripe.events.ts), whatever the account's default is.
		expect(req.headers['stripe-version']).toBe('2026-10-28.endive');
		if (c.method === 'POST') {
			expect(req.body).toBe(c.body);
			expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
			// Derived from execution, node, run, item and operation (UUID layout, version 8), not random (issue 10 item 5).
			expect(req.headers['idempotency-key']).toMatch(
				/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			);
		} else {
			expect(c.body).toBeUndefined();
			expect(req.body).toBe('');
			expect(req.headers['idempotency-key']).toBeUndefined();
		}
		expect(res.outputs[0]).toEqual(c.output.map((json) => ({ json, pairedItem: { item: 0 } })));
	});
});

describe('node description', () => {
	const d = new Stripe().description;
	const prop = (name: string, resource: string, operation: string) =>
		d.properties.find(
			(x) =>
				x.name === name &&
				x.displayOptions?.show?.resource?.[0] === resource &&
				x.displayOptions?.show?.operation?.[0] === operation,
		)!;

	it('is a tool-usable action node with the Stripe credential, icons and a subtitle', () => {
		expect(d).toMatchObject({
			name: 'stripe',
			displayName: 'Stripe (API Connections)',
			defaults: { name: 'Stripe' },
			usableAsTool: true,
			icon: { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' },
			credentials: [{ name: 'apiConnStripeApi', required: true }],
			subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		});
		expect(
			d.properties
				.find((x) => x.name === 'resource')!
				.options!.map((o) => (o as { value: string }).value),
		).toEqual([
			'customer',
			'paymentIntent',
			'paymentMethod',
			'setupIntent',
			'subscription',
			'charge',
			'refund',
			'dispute',
			'invoice',
			'product',
			'price',
			'coupon',
			'promotionCode',
			'checkoutSession',
			'paymentLink',
			'customerPortalSession',
			'payout',
			'event',
			'balance',
			// Every spec-built node ends with the Custom Request resource (lib/builder/custom-request.ts).
			'customRequest',
		]);
	});

	it('types fields, with defaults, help text and minimums', () => {
		expect(prop('amount', 'paymentIntent', 'create')).toMatchObject({
			displayName: 'Amount',
			type: 'number',
			required: true,
			default: 0,
			typeOptions: { minValue: 1 },
			description:
				'Amount to collect, in the smallest currency unit (e.g. 1000 = $10.00 USD; 1000 = ¥1000 JPY)',
		});
		expect(prop('currency', 'paymentIntent', 'create')).toMatchObject({
			type: 'options',
			required: true,
			default: '',
		});
		expect(prop('currency', 'paymentIntent', 'create').options).toEqual(
			expect.arrayContaining([
				{ name: 'USD – US Dollar', value: 'usd' },
				{ name: 'EUR – Euro', value: 'eur' },
			]),
		);
		expect(prop('currency', 'paymentIntent', 'create').noDataExpression).toBeUndefined();
		expect(prop('mode', 'checkoutSession', 'create')).toMatchObject({
			type: 'options',
			default: 'payment',
		});
	});

	it('offers Metadata as key/value pairs and Return All + Limit on lists', () => {
		const extra = prop('additionalFields', 'customer', 'create');
		const metadata = (extra.options as INodeProperties[]).find((o) => o.name === 'metadata')!;
		expect(metadata).toMatchObject({
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			options: [
				{
					name: 'pairs',
					values: [
						{ name: 'key', type: 'string' },
						{ name: 'value', type: 'string' },
					],
				},
			],
		});
		expect(prop('returnAll', 'customer', 'getMany')).toMatchObject({
			type: 'boolean',
			default: false,
		});
		expect(prop('limit', 'customer', 'search')).toMatchObject({
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
		});
		expect(prop('limit', 'customer', 'search').displayOptions).toEqual({
			show: { resource: ['customer'], operation: ['search'], returnAll: [false] },
		});
	});

	it('the spec is valid, with the documented idempotency, request-id, account and rate-limit facts', () => {
		expect(validateService(stripeDefinition)).toEqual([]);
		expect(stripeDefinition.spec).toMatchObject({
			baseUrl: 'https://api.stripe.com/v1',
			idempotencyHeader: 'Idempotency-Key',
			requestIdHeader: 'request-id',
			credentialTest: { method: 'GET', path: '/balance' },
			account: { path: '/account', labelPath: 'settings.dashboard.display_name' },
			rateLimit: { requests: 25, windowMs: 1000, headers: [] },
		});
	});
});

describe('paging', () => {
	it('Return All follows starting_after from the last item until has_more is false', async () => {
		const seen = fake(
			['GET', 200, list('/v1/customers', [cus, cus2], true)],
			['GET', 200, list('/v1/customers', [cus3], false)],
		);
		const res = await run(p('customer', 'getMany', { returnAll: true }));
		expect(seen.map((s) => s.uri)).toEqual([
			'/v1/customers?limit=100',
			'/v1/customers?limit=100&starting_after=cus_NffrFeUfNV2Hic',
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([cus, cus2, cus3]);
	});

	it('Limit stops early and asks each page for only what is still missing', async () => {
		const seen = fake(
			['GET', 200, list('/v1/customers', [cus, cus2], true)],
			['GET', 200, list('/v1/customers', [cus3], true)],
		);
		const res = await run(p('customer', 'getMany', { returnAll: false, limit: 3 }));
		expect(seen.map((s) => s.uri)).toEqual([
			'/v1/customers?limit=3',
			'/v1/customers?limit=1&starting_after=cus_NffrFeUfNV2Hic',
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([cus, cus2, cus3]);
	});

	it('search pages with the page token from next_page', async () => {
		const seen = fake(
			[
				'GET',
				200,
				{ object: 'search_result', has_more: true, next_page: 'WzE3MDAwMDAwMDBd', data: [cus] },
			],
			['GET', 200, { object: 'search_result', has_more: false, next_page: null, data: [cus2] }],
		);
		const res = await run(
			p('customer', 'search', { query: "metadata['plan']:'pro'", returnAll: true }),
		);
		expect(seen.map((s) => s.uri)).toEqual([
			'/v1/customers/search?query=metadata%5B%27plan%27%5D%3A%27pro%27&limit=100',
			'/v1/customers/search?query=metadata%5B%27plan%27%5D%3A%27pro%27&limit=100&page=WzE3MDAwMDAwMDBd',
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([cus, cus2]);
	});
});

describe('idempotency and retries', () => {
	const create = p('paymentIntent', 'create', { amount: 2000, currency: 'usd' });
	const rateLimited = {
		error: { type: 'rate_limit_error', message: 'Too many requests hit the API too quickly.' },
	};

	it('a 429 is retried with the same Idempotency-Key, so the payment is created once', async () => {
		const seen = fake(['POST', 429, rateLimited], ['POST', 200, pi]);
		const res = await run(create);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([pi]);
		expect(seen).toHaveLength(2);
		expect(seen[1].body).toBe('amount=2000&currency=usd');
		expect(seen[1].headers['idempotency-key']).toBe(seen[0].headers['idempotency-key']);
	});

	it('a 500 on a POST is retried too (the key makes it safe), reusing the key', async () => {
		const seen = fake(
			['POST', 500, { error: { type: 'api_error', message: 'Something went wrong' } }],
			['POST', 200, pi],
		);
		const res = await run(create);
		expect(res.outputs[0].map((i) => i.json)).toEqual([pi]);
		expect(seen[1].headers['idempotency-key']).toBe(seen[0].headers['idempotency-key']);
	});

	it('a 409 marked Stripe-Should-Retry: true (request still in flight) is retried', async () => {
		const conflict = {
			error: {
				type: 'idempotency_error',
				message: 'There is currently another in-progress request using this Idempotent Key.',
			},
		};
		const seen = fake(
			['POST', 409, conflict, { 'stripe-should-retry': 'true' }],
			['POST', 200, pi],
		);
		const res = await run(create);
		expect(res.outputs[0].map((i) => i.json)).toEqual([pi]);
		expect(seen).toHaveLength(2);
		expect(seen[1].headers['idempotency-key']).toBe(seen[0].headers['idempotency-key']);
	});

	it('each item gets its own key', async () => {
		const seen = fake(['POST', 200, pi], ['POST', 200, { ...pi, id: 'pi_2' }]);
		const res = await run(create, { input: [{ json: {} }, { json: {} }] });
		expect(res.outputs[0].map((i) => i.json.id)).toEqual([pi.id, 'pi_2']);
		expect(seen[0].headers['idempotency-key']).not.toBe(seen[1].headers['idempotency-key']);
	});

	it('a declined card (402) is not retried and says what Stripe said, with the request id', async () => {
		const declined = {
			error: {
				type: 'card_error',
				code: 'card_declined',
				decline_code: 'insufficient_funds',
				message: 'Your card has insufficient funds.',
				param: '',
			},
		};
		const seen = fake(['POST', 402, declined]);
		const res = await run(p('paymentIntent', 'confirm', { paymentIntentId: pi.id }));
		expect(seen).toHaveLength(1);
		expect(res.error).toMatchObject({
			message: 'Stripe: 402 Payment Required – Your card has insufficient funds.',
			httpCode: '402',
		});
		expect(res.error?.context.request).toMatchObject({
			method: 'POST',
			endpoint: '/payment_intents/{paymentIntentId}/confirm',
			requestId: 'req_1',
		});
		expect(
			String((res.error?.context.request as { idempotencyKey: string }).idempotencyKey),
		).toMatch(/^\S+ \(a retry with this key is not applied twice\)$/);
	});

	it('a 400 names the field Stripe rejected', async () => {
		fake([
			'POST',
			400,
			{
				error: {
					type: 'invalid_request_error',
					message: 'Invalid currency: xyz',
					param: 'currency',
				},
			},
		]);
		const res = await run(p('paymentIntent', 'create', { amount: 2000, currency: 'xyz' }));
		expect(res.error?.message).toBe('Stripe: 400 Bad Request – Invalid currency: xyz');
		expect(res.error?.description).toBe(
			"The request data is invalid: the field 'currency' was rejected (Invalid currency: xyz). Check the value of 'currency' (type and format) against the Stripe documentation for POST /payment_intents.",
		);
	});
});

describe('fields are checked before anything is sent', () => {
	it('an ID of the wrong kind', async () => {
		const res = await run(p('customer', 'get', { customerId: 'pi_3MtwBwLkdIwHu7ix28a3tqPa' }));
		expect(res.error?.message).toBe(
			"The field 'Customer ID' has an invalid format ('pi_3MtwBwLkdIwHu7ix28a3tqPa').",
		);
		expect(res.error?.description).toBe(
			'Stripe Customer IDs start with cus_, e.g. cus_NffrFeUfNV2Hib.',
		);
	});

	it('a checkout session ID names its mode; a promotion code needs its coupon', async () => {
		const session = await run(p('checkoutSession', 'expire', { sessionId: 'cs_a1b2C3d4E5f6' }));
		expect(session.error?.description).toBe(
			'Stripe Checkout Session IDs start with cs_test_ or cs_live_, e.g. cs_test_a1b2C3d4E5f6.',
		);
		// Required fields are marked: n8n itself refuses to run the node without them.
		await expect(run(p('promotionCode', 'create', { promotionType: 'coupon' }))).rejects.toThrow(
			'Parameter "Coupon ID" is required.',
		);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('an upper-case currency and a zero amount', async () => {
		const currency = await run(p('paymentIntent', 'create', { amount: 2000, currency: 'USD' }));
		expect(currency.error?.message).toBe("The field 'Currency' has an invalid format ('USD').");
		const amount = await run(p('paymentIntent', 'create', { amount: 0, currency: 'usd' }));
		expect(amount.error?.message).toBe("The field 'Amount' must be at least 1 (got 0).");
	});

	it('metadata keys and values can be expressions; a pair without a key is refused', async () => {
		const seen = fake(['POST', 200, cus]);
		const pairs = [
			{ key: 'plan', value: '={{ $json.plan }}' },
			{ key: '={{ $json.field }}', value: '={{ $json.seats }}' },
		];
		const ok = await run(
			p('customer', 'update', { customerId: cus.id, additionalFields: { metadata: { pairs } } }),
			{ input: [{ json: { plan: 'team', field: 'seats', seats: 3 } }] },
		);
		expect(ok.error).toBeUndefined();
		expect(seen[0].body).toBe('metadata[plan]=team&metadata[seats]=3');
		const bad = await run(
			p('customer', 'update', {
				customerId: cus.id,
				additionalFields: { metadata: { pairs: [{ key: ' ', value: 'x' }] } },
			}),
		);
		expect(bad.error?.message).toBe("The field 'Metadata' has a pair without a key.");
	});
});

describe('the key never reaches outputs or errors', () => {
	it('an error body that echoes the key is redacted', async () => {
		fake(
			[
				'GET',
				401,
				{ error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${KEY}` } },
			],
			['GET', 401, { error: { message: `Invalid API Key provided: ${KEY}` } }],
		);
		const res = await run(p('balance', 'get'));
		expect(res.error?.message).toBe(
			'Stripe: 401 Unauthorized – Invalid API Key provided: [redacted]',
		);
		expect(JSON.stringify(res.error)).not.toContain(KEY);
	});
});

describe('API version', () => {
	it('a Custom Request sends the pinned Stripe-Version; a Stripe-Version header of its own wins', async () => {
		// The connection's first use in this file binds it with Stripe's "who am I" (GET /v1/account), whichever
		// test comes first: answered when asked, not counted.
		nock(API).get('/v1/account').optionally().reply(200, { id: 'acct_1', object: 'account' });
		const versions: unknown[] = [];
		nock(API)
			.get('/v1/balance')
			.times(2)
			.reply(function () {
				versions.push(this.req.headers['stripe-version']);
				return [200, { object: 'balance' }, { 'content-type': 'application/json' }];
			});
		const custom = (headers: Array<{ name: string; value: string }>) =>
			run({
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'GET',
				requestPath: '/balance',
				requestHeaders: { header: headers },
			});
		expect((await custom([])).error).toBeUndefined();
		expect((await custom([{ name: 'Stripe-Version', value: '2024-06-20' }])).error).toBeUndefined();
		expect(versions).toEqual(['2026-10-28.endive', '2024-06-20']);
	});
});

describe('credential', () => {
	const type = new ApiConnStripeApi();

	it('tests with GET /v1/balance and a bearer key', async () => {
		const scope = nock(API, { reqheaders: { authorization: `Bearer ${KEY}` } })
			.get('/v1/balance')
			.reply(200, balance);
		expect(await testCredential(type, { secretKey: KEY })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('explains a rejected key and a restricted key without the permission', async () => {
		nock(API)
			.get('/v1/balance')
			.times(2)
			.reply(401, { error: { message: 'Invalid API Key provided: sk_test_****QrStUv' } });
		expect(await testCredential(type, { secretKey: KEY })).toEqual({
			status: 'Error',
			message:
				'Stripe rejected the key: copy the whole secret (sk_…) or restricted (rk_…) key again, and check it was not rolled or deleted',
		});
		nock(API)
			.get('/v1/balance')
			.reply(403, {
				error: { message: 'The provided key does not have the required permissions' },
			});
		expect(await testCredential(type, { secretKey: 'rk_test_51AbCdEfGh' })).toEqual({
			status: 'Error',
			message:
				'The key is valid but may not read the balance: give the restricted key the "Balance: Read" permission (this test uses it)',
		});
	});

	it('shows whether the key is a test, live or publishable key (from its prefix, never its value)', () => {
		const notice = (name: string) => type.properties.find((x) => x.name === name)!;
		// Which notices n8n's own display rules show for each kind of key.
		const shown = (secretKey: string) =>
			['testModeNotice', 'liveModeNotice', 'publishableKeyNotice'].filter((name) =>
				NodeHelpers.displayParameter({ secretKey }, notice(name), null, null),
			);
		expect(shown('sk_test_51AbC')).toEqual(['testModeNotice']);
		expect(shown('rk_test_51AbC')).toEqual(['testModeNotice']);
		expect(shown('sk_live_51AbC')).toEqual(['liveModeNotice']);
		expect(shown('rk_live_51AbC')).toEqual(['liveModeNotice']);
		expect(shown('pk_test_51AbC')).toEqual(['publishableKeyNotice']);
		expect(shown('xk_test_51AbC')).toEqual([]);
		for (const name of ['testModeNotice', 'liveModeNotice', 'publishableKeyNotice'])
			expect(notice(name).type).toBe('notice');
		expect(type.properties.find((x) => x.name === 'secretKey')).toMatchObject({
			type: 'string',
			typeOptions: { password: true },
			required: true,
		});
	});
});
