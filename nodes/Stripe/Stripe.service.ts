/**
 * Stripe as data: form-encoded v1 API with bracket syntax, `expand[]`, cursor paging (`starting_after` /
 * `has_more`), an `Idempotency-Key` on every write, and webhook endpoints registered through the API.
 * Facts: /work/shared/reference/services.md § Stripe, https://docs.stripe.com/api.
 */
import { bodyParam, enumOptions, optionName, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { STRIPE_API_VERSION, STRIPE_EVENTS } from './Stripe.events';
import { stripeHooks } from './Stripe.hooks';

export const STRIPE_CREDENTIAL = 'apiConnStripeApi';

const DOCS = 'https://docs.stripe.com/api';

// Short local names: the operation lists below read as a table of wire keys.
const body = bodyParam;
const query = queryParam;

/** The object id in the URL path; the prefix check catches an id of the wrong kind before any request. */
function pathId(
	name: string,
	displayName: string,
	prefixes: string[] | null,
	example: string,
): ParamSpec {
	return {
		displayName,
		name,
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: example,
		description: `ID of the ${displayName.replace(/ ID$/, '').toLowerCase()}, e.g. ${example}`,
		...(prefixes
			? {
					validate: {
						pattern: `^(${prefixes.join('|')})_[A-Za-z0-9]+$`,
						patternHint: `Stripe ${displayName}s start with ${prefixes.map((p) => `${p}_`).join(' or ')}, e.g. ${example}.`,
					},
				}
			: {}),
	};
}

const idCheck = (prefix: string, example: string) => ({
	placeholder: example,
	validate: {
		pattern: `^${prefix}_[A-Za-z0-9]+$`,
		patternHint: `Stripe IDs of this kind start with ${prefix}_, e.g. ${example}.`,
	},
});

const metadata = (): ParamSpec =>
	body('metadata', 'Metadata', 'keyValue', {
		description:
			'Your own key/value pairs stored on the object (up to 50 keys; keys up to 40 characters, values up to 500). An empty value removes the key.',
	});

const EXPAND_HELP =
	'Related objects to return in full instead of as an ID, e.g. customer or latest_invoice.payment_intent';
const expandQuery = (): ParamSpec =>
	query('expand[]', 'Expand', 'stringList', { description: EXPAND_HELP });
const expandBody = (): ParamSpec =>
	body('expand', 'Expand', 'stringList', { description: EXPAND_HELP });
const createdAfter = (): ParamSpec =>
	query('created[gte]', 'Created After', 'number', {
		description: 'Only objects created at or after this time (Unix timestamp in seconds)',
		validate: { min: 0 },
	});
const createdBefore = (): ParamSpec =>
	query('created[lte]', 'Created Before', 'number', {
		description: 'Only objects created at or before this time (Unix timestamp in seconds)',
		validate: { min: 0 },
	});

/** Currencies Stripe can charge in (https://docs.stripe.com/currencies), as ISO 4217 codes in lowercase. */
const STRIPE_CURRENCIES = (
	'usd eur gbp aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bif bmd bnd bob brl bsd bwp byn bzd cad cdf chf clp cny cop crc ' +
	'cve czk djf dkk dop dzd egp etb fjd fkp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils inr isk jmd jpy kes kgs khr kmf krw kyd kzt ' +
	'lak lbp lkr lrd lsl mad mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd pab pen pgk php pkr pln pyg qar ron ' +
	'rsd rub rwf sar sbd scr sek sgd shp sle sos srd szl thb tjs top try ttd twd tzs uah ugx uyu uzs vnd vuv wst xaf xcd xof xpf yer zar zmw'
).split(' ');
const currencyNames = new Intl.DisplayNames(['en'], { type: 'currency' });
/** "USD – US Dollar" → usd: a list to pick from (an expression still works), no value filled in for the user. */
const CURRENCY_OPTIONS = STRIPE_CURRENCIES.map((code) => ({
	name: `${code.toUpperCase()} – ${currencyNames.of(code.toUpperCase()) ?? code}`,
	value: code,
}));
const CURRENCY_CHECK = {
	pattern: '^[a-z]{3}$',
	patternHint: 'Use a three-letter ISO currency code in lowercase, e.g. usd or eur.',
};

const currency = (required: boolean): ParamSpec =>
	body('currency', 'Currency', 'options', {
		required,
		default: '',
		options: CURRENCY_OPTIONS,
		description: 'Currency of the amount (ISO 4217 code)',
		validate: CURRENCY_CHECK,
	});

/** Which payment methods a payment or setup intent may use: Stripe's automatic choice, or a list. */
const paymentMethodChoice = (): ParamSpec[] => [
	body('automatic_payment_methods[enabled]', 'Automatic Payment Methods', 'boolean', {
		default: true,
		description: 'Whether Stripe picks the payment methods enabled in the Dashboard',
	}),
	body('payment_method_types', 'Payment Method Types', 'stringList', {
		description: 'Allowed payment method types instead of automatic ones, e.g. card, sepa_debit',
	}),
];

const amountHelp = 'in the smallest currency unit (e.g. 1000 = $10.00 USD; 1000 = ¥1000 JPY)';

const customerFields = (): ParamSpec[] => [
	body('email', 'Email', 'string', {
		placeholder: 'name@email.com',
		description: "The customer's email address",
	}),
	body('name', 'Name', 'string', { description: "The customer's full name or business name" }),
	body('description', 'Description', 'string', {
		description: 'Internal note shown in the Dashboard',
	}),
	body('phone', 'Phone', 'string', { description: "The customer's phone number" }),
	// Version 1's JSON address, kept so workflows saved with it still send it (shown to version 1 nodes only).
	// Before the fields below: an Address field that is set wins over the same JSON key.
	body('address', 'Address (JSON)', 'json', {
		until: 1,
		description:
			'Billing address as a JSON object: line1, line2, city, state, postal_code, country. The Address fields replace it; a key set there wins over the same key here.',
	}),
	// The billing address as separate fields (sent as address[line1] …), not a JSON template to edit.
	body('address[line1]', 'Address Line 1', 'string', {
		description: 'Street, PO box or company name',
	}),
	body('address[line2]', 'Address Line 2', 'string', {
		description: 'Apartment, suite, unit or building',
	}),
	body('address[city]', 'Address City', 'string', {
		description: 'City, district, suburb, town or village',
	}),
	body('address[state]', 'Address State', 'string', {
		description: 'State, county, province or region',
	}),
	body('address[postal_code]', 'Address Postal Code', 'string', {
		description: 'ZIP or postal code',
	}),
	body('address[country]', 'Address Country', 'string', {
		placeholder: 'US',
		description: 'Two-letter country code (ISO 3166-1 alpha-2)',
		validate: {
			pattern: '^[A-Z]{2}$',
			patternHint: 'Use a two-letter country code in capitals, e.g. US or DE.',
		},
	}),
	body('payment_method', 'Payment Method ID', 'string', {
		placeholder: 'pm_1234',
		description: 'A PaymentMethod to attach to the customer',
	}),
	body('invoice_settings[default_payment_method]', 'Default Payment Method ID', 'string', {
		placeholder: 'pm_1234',
		description: "PaymentMethod used for the customer's subscriptions and invoices",
	}),
	body('preferred_locales', 'Preferred Locales', 'stringList', {
		description: 'Languages for emails and invoices, most preferred first, e.g. en, fr',
	}),
	body('balance', 'Balance', 'number', {
		description: `Amount added to the next invoice (negative = credit), ${amountHelp}`,
	}),
	metadata(),
	expandBody(),
];

const customerOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a customer',
		method: 'POST',
		path: '/customers',
		body: 'form',
		params: customerFields(),
		docsUrl: `${DOCS}/customers/create`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a customer',
		method: 'GET',
		path: '/customers/{customerId}',
		params: [pathId('customerId', 'Customer ID', ['cus'], 'cus_NffrFeUfNV2Hib'), expandQuery()],
		docsUrl: `${DOCS}/customers/retrieve`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a customer',
		method: 'POST',
		path: '/customers/{customerId}',
		body: 'form',
		params: [
			pathId('customerId', 'Customer ID', ['cus'], 'cus_NffrFeUfNV2Hib'),
			...customerFields(),
		],
		docsUrl: `${DOCS}/customers/update`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a customer',
		description: 'Delete a customer permanently and cancel their active subscriptions',
		method: 'DELETE',
		path: '/customers/{customerId}',
		params: [pathId('customerId', 'Customer ID', ['cus'], 'cus_NffrFeUfNV2Hib')],
		docsUrl: `${DOCS}/customers/delete`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many customers',
		method: 'GET',
		path: '/customers',
		paginate: true,
		params: [
			query('email', 'Email', 'string', {
				placeholder: 'name@email.com',
				description: 'Only customers with exactly this email (case-sensitive)',
			}),
			createdAfter(),
			createdBefore(),
			expandQuery(),
		],
		docsUrl: `${DOCS}/customers/list`,
	},
	{
		id: 'search',
		name: 'Search',
		action: 'Search customers',
		description:
			"Find customers with Stripe's search query language (results can lag writes by up to a minute)",
		method: 'GET',
		path: '/customers/search',
		paginate: {
			type: 'cursor',
			cursorParam: 'page',
			nextCursorPath: 'next_page',
			hasMorePath: 'has_more',
			itemsPath: 'data',
			limitParam: 'limit',
			pageSize: 100,
		},
		params: [
			query('query', 'Query', 'string', {
				required: true,
				placeholder: "email:'jenny@example.com'",
				description:
					"Search query, e.g. email:'jenny@example.com' or metadata['plan']:'pro' AND created>1700000000",
			}),
			expandQuery(),
		],
		docsUrl: `${DOCS}/customers/search`,
	},
];

const paymentIntentOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a payment intent',
		method: 'POST',
		path: '/payment_intents',
		body: 'form',
		params: [
			body('amount', 'Amount', 'number', {
				required: true,
				description: `Amount to collect, ${amountHelp}`,
				validate: { min: 1 },
			}),
			currency(true),
			body('customer', 'Customer ID', 'string', {
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'Customer this payment belongs to',
			}),
			body('payment_method', 'Payment Method ID', 'string', {
				placeholder: 'pm_1234',
				description: 'PaymentMethod to charge',
			}),
			...paymentMethodChoice(),
			body('confirm', 'Confirm', 'boolean', {
				description: 'Whether to confirm the payment right away (needs a payment method)',
			}),
			body('off_session', 'Off Session', 'boolean', {
				description:
					'Whether the customer is absent (e.g. a saved card charged later); only with Confirm',
			}),
			body('capture_method', 'Capture Method', 'options', {
				default: 'automatic',
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description: 'Capture the funds when the customer authorizes the payment',
					},
					{
						name: 'Automatic Async',
						value: 'automatic_async',
						description: 'Capture asynchronously after authorization',
					},
					{
						name: 'Manual',
						value: 'manual',
						description: 'Only authorize now; capture later with the Capture operation',
					},
				],
			}),
			body('setup_future_usage', 'Setup Future Usage', 'options', {
				default: 'off_session',
				description: 'Save the payment method for later payments',
				options: [
					{
						name: 'Off Session',
						value: 'off_session',
						description: 'Later payments happen without the customer',
					},
					{
						name: 'On Session',
						value: 'on_session',
						description: 'Later payments happen with the customer present',
					},
				],
			}),
			body('return_url', 'Return URL', 'string', {
				description:
					'Where the customer returns after a redirect-based payment method (with Confirm)',
			}),
			body('description', 'Description', 'string', {
				description: 'Shown in the Dashboard and on receipts',
			}),
			body('receipt_email', 'Receipt Email', 'string', {
				description: 'Email address to send the receipt to',
			}),
			body('statement_descriptor_suffix', 'Statement Descriptor Suffix', 'string', {
				description:
					'Text added to your statement descriptor on card statements (up to 22 characters with the prefix)',
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/payment_intents/create`,
	},
	{
		id: 'confirm',
		name: 'Confirm',
		action: 'Confirm a payment intent',
		description:
			'Confirm that the customer intends to pay with the attached or given payment method',
		method: 'POST',
		path: '/payment_intents/{paymentIntentId}/confirm',
		body: 'form',
		params: [
			pathId('paymentIntentId', 'Payment Intent ID', ['pi'], 'pi_3MtwBwLkdIwHu7ix28a3tqPa'),
			body('payment_method', 'Payment Method ID', 'string', {
				placeholder: 'pm_1234',
				description: 'PaymentMethod to confirm with',
			}),
			body('return_url', 'Return URL', 'string', {
				description: 'Where the customer returns after a redirect-based payment method',
			}),
			body('off_session', 'Off Session', 'boolean', {
				description: 'Whether the customer is absent during this confirmation',
			}),
			body('receipt_email', 'Receipt Email', 'string', {
				description: 'Email address to send the receipt to',
			}),
			body('setup_future_usage', 'Setup Future Usage', 'options', {
				default: 'off_session',
				description: 'Save the payment method for later payments',
				options: [
					{ name: 'Off Session', value: 'off_session' },
					{ name: 'On Session', value: 'on_session' },
				],
			}),
			expandBody(),
		],
		docsUrl: `${DOCS}/payment_intents/confirm`,
	},
	{
		id: 'capture',
		name: 'Capture',
		action: 'Capture a payment intent',
		description: 'Capture the funds of a payment intent created with manual capture',
		method: 'POST',
		path: '/payment_intents/{paymentIntentId}/capture',
		body: 'form',
		params: [
			pathId('paymentIntentId', 'Payment Intent ID', ['pi'], 'pi_3MtwBwLkdIwHu7ix28a3tqPa'),
			body('amount_to_capture', 'Amount to Capture', 'number', {
				description: `Capture less than authorized, ${amountHelp}; the rest is released`,
				validate: { min: 1 },
			}),
			body('statement_descriptor_suffix', 'Statement Descriptor Suffix', 'string', {
				description: 'Text added to your statement descriptor on card statements',
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/payment_intents/capture`,
	},
	{
		id: 'cancel',
		name: 'Cancel',
		action: 'Cancel a payment intent',
		method: 'POST',
		path: '/payment_intents/{paymentIntentId}/cancel',
		body: 'form',
		params: [
			pathId('paymentIntentId', 'Payment Intent ID', ['pi'], 'pi_3MtwBwLkdIwHu7ix28a3tqPa'),
			body('cancellation_reason', 'Cancellation Reason', 'options', {
				default: 'requested_by_customer',
				options: [
					{ name: 'Abandoned', value: 'abandoned' },
					{ name: 'Duplicate', value: 'duplicate' },
					{ name: 'Fraudulent', value: 'fraudulent' },
					{ name: 'Requested by Customer', value: 'requested_by_customer' },
				],
			}),
			expandBody(),
		],
		docsUrl: `${DOCS}/payment_intents/cancel`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a payment intent',
		method: 'GET',
		path: '/payment_intents/{paymentIntentId}',
		params: [
			pathId('paymentIntentId', 'Payment Intent ID', ['pi'], 'pi_3MtwBwLkdIwHu7ix28a3tqPa'),
			expandQuery(),
		],
		docsUrl: `${DOCS}/payment_intents/retrieve`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many payment intents',
		method: 'GET',
		path: '/payment_intents',
		paginate: true,
		params: [
			query('customer', 'Customer ID', 'string', {
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'Only payment intents of this customer',
			}),
			createdAfter(),
			createdBefore(),
			expandQuery(),
		],
		docsUrl: `${DOCS}/payment_intents/list`,
	},
];

const SUBSCRIPTION_ITEMS_HELP =
	'JSON list of items: [{"price": "price_123", "quantity": 1}]. Sent as items[0][price]=…, items[0][quantity]=….';

const subscriptionStatus = enumOptions([
	'active',
	'all',
	'canceled',
	'ended',
	'incomplete',
	'incomplete_expired',
	'past_due',
	'paused',
	'trialing',
	'unpaid',
]);

const collectionMethod = () =>
	body('collection_method', 'Collection Method', 'options', {
		default: 'charge_automatically',
		options: [
			{
				name: 'Charge Automatically',
				value: 'charge_automatically',
				description: "Charge the customer's default payment method",
			},
			{
				name: 'Send Invoice',
				value: 'send_invoice',
				description: 'Email an invoice the customer pays themselves (set Days Until Due)',
			},
		],
	});

const subscriptionOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a subscription',
		method: 'POST',
		path: '/subscriptions',
		body: 'form',
		params: [
			body('customer', 'Customer ID', 'string', {
				required: true,
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'The customer to subscribe',
			}),
			body('items', 'Items', 'json', {
				required: true,
				default: '[{"price": "", "quantity": 1}]',
				description: SUBSCRIPTION_ITEMS_HELP,
			}),
			body('default_payment_method', 'Default Payment Method ID', 'string', {
				placeholder: 'pm_1234',
				description: "PaymentMethod for this subscription (else the customer's default)",
			}),
			collectionMethod(),
			body('days_until_due', 'Days Until Due', 'number', {
				description: 'Days the customer has to pay each invoice (with Send Invoice)',
				validate: { min: 0 },
			}),
			body('trial_period_days', 'Trial Period Days', 'number', {
				description: 'Free trial length in days',
				validate: { min: 0 },
			}),
			body('cancel_at_period_end', 'Cancel at Period End', 'boolean', {
				description: 'Whether the subscription ends at the end of the current period',
			}),
			body('payment_behavior', 'Payment Behavior', 'options', {
				default: 'allow_incomplete',
				description: 'What happens when the first payment needs action or fails',
				options: [
					{ name: 'Allow Incomplete', value: 'allow_incomplete' },
					{
						name: 'Default Incomplete',
						value: 'default_incomplete',
						description: 'Create it incomplete; confirm the first payment yourself',
					},
					{ name: 'Error if Incomplete', value: 'error_if_incomplete' },
					{ name: 'Pending if Incomplete', value: 'pending_if_incomplete' },
				],
			}),
			body('description', 'Description', 'string', {
				description: 'Shown in the Dashboard and on invoices',
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/subscriptions/create`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a subscription',
		method: 'GET',
		path: '/subscriptions/{subscriptionId}',
		params: [
			pathId('subscriptionId', 'Subscription ID', ['sub'], 'sub_1MowQVLkdIwHu7ixeRlqHVzs'),
			expandQuery(),
		],
		docsUrl: `${DOCS}/subscriptions/retrieve`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a subscription',
		method: 'POST',
		path: '/subscriptions/{subscriptionId}',
		body: 'form',
		params: [
			pathId('subscriptionId', 'Subscription ID', ['sub'], 'sub_1MowQVLkdIwHu7ixeRlqHVzs'),
			body('items', 'Items', 'json', {
				default: '[{"id": "", "price": ""}]',
				description:
					'JSON list of item changes: [{"id": "si_123", "price": "price_456"}] swaps a price, [{"id": "si_123", "deleted": true}] removes an item',
			}),
			body('cancel_at_period_end', 'Cancel at Period End', 'boolean', {
				description: 'Whether the subscription ends at the end of the current period',
			}),
			body('default_payment_method', 'Default Payment Method ID', 'string', {
				placeholder: 'pm_1234',
				description: 'PaymentMethod for this subscription',
			}),
			body('proration_behavior', 'Proration Behavior', 'options', {
				default: 'create_prorations',
				description: 'How price or quantity changes are billed',
				options: [
					{
						name: 'Always Invoice',
						value: 'always_invoice',
						description: 'Prorate and invoice at once',
					},
					{
						name: 'Create Prorations',
						value: 'create_prorations',
						description: 'Prorate on the next invoice',
					},
					{ name: 'None', value: 'none', description: 'No proration' },
				],
			}),
			collectionMethod(),
			body('days_until_due', 'Days Until Due', 'number', {
				description: 'Days the customer has to pay each invoice (with Send Invoice)',
				validate: { min: 0 },
			}),
			body('description', 'Description', 'string', {
				description: 'Shown in the Dashboard and on invoices',
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/subscriptions/update`,
	},
	{
		id: 'cancel',
		name: 'Cancel',
		action: 'Cancel a subscription',
		description:
			'Cancel a subscription now (use Update with Cancel at Period End to stop it at the period end)',
		method: 'DELETE',
		path: '/subscriptions/{subscriptionId}',
		params: [
			pathId('subscriptionId', 'Subscription ID', ['sub'], 'sub_1MowQVLkdIwHu7ixeRlqHVzs'),
			query('invoice_now', 'Invoice Now', 'boolean', {
				description: 'Whether to invoice pending usage and prorations now',
			}),
			query('prorate', 'Prorate', 'boolean', { description: 'Whether to credit the unused time' }),
			query('cancellation_details[comment]', 'Cancellation Comment', 'string', {
				description: 'Why the customer cancelled, in their words',
			}),
			query('cancellation_details[feedback]', 'Cancellation Feedback', 'options', {
				default: 'other',
				options: enumOptions([
					'customer_service',
					'low_quality',
					'missing_features',
					'other',
					'switched_service',
					'too_complex',
					'too_expensive',
					'unused',
				]),
			}),
		],
		docsUrl: `${DOCS}/subscriptions/cancel`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many subscriptions',
		description: 'List subscriptions (canceled ones only with Status Canceled or All)',
		method: 'GET',
		path: '/subscriptions',
		paginate: true,
		params: [
			query('customer', 'Customer ID', 'string', {
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'Only subscriptions of this customer',
			}),
			query('price', 'Price ID', 'string', {
				placeholder: 'price_1234',
				description: 'Only subscriptions with this price',
			}),
			query('status', 'Status', 'options', { default: 'active', options: subscriptionStatus }),
			createdAfter(),
			createdBefore(),
			expandQuery(),
		],
		docsUrl: `${DOCS}/subscriptions/list`,
	},
];

const chargeOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get a charge',
		method: 'GET',
		path: '/charges/{chargeId}',
		params: [
			pathId('chargeId', 'Charge ID', ['ch', 'py'], 'ch_3MmlLrLkdIwHu7ix0snN0B15'),
			expandQuery(),
		],
		docsUrl: `${DOCS}/charges/retrieve`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many charges',
		method: 'GET',
		path: '/charges',
		paginate: true,
		params: [
			query('customer', 'Customer ID', 'string', {
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'Only charges of this customer',
			}),
			query('payment_intent', 'Payment Intent ID', 'string', {
				...idCheck('pi', 'pi_3MtwBwLkdIwHu7ix28a3tqPa'),
				description: 'Only charges of this payment intent',
			}),
			createdAfter(),
			createdBefore(),
			expandQuery(),
		],
		docsUrl: `${DOCS}/charges/list`,
	},
];

const refundOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a refund',
		description: 'Refund a payment in full or in part (give a Payment Intent ID or a Charge ID)',
		method: 'POST',
		path: '/refunds',
		body: 'form',
		params: [
			body('payment_intent', 'Payment Intent ID', 'string', {
				...idCheck('pi', 'pi_3MtwBwLkdIwHu7ix28a3tqPa'),
				description: 'The payment to refund (or give a Charge ID)',
			}),
			body('charge', 'Charge ID', 'string', {
				placeholder: 'ch_3MmlLrLkdIwHu7ix0snN0B15',
				description: 'The charge to refund (or give a Payment Intent ID)',
			}),
			body('amount', 'Amount', 'number', {
				description: `Refund less than the full amount, ${amountHelp}`,
				validate: { min: 1 },
			}),
			body('reason', 'Reason', 'options', {
				default: 'requested_by_customer',
				options: [
					{ name: 'Duplicate', value: 'duplicate' },
					{ name: 'Fraudulent', value: 'fraudulent' },
					{ name: 'Requested by Customer', value: 'requested_by_customer' },
				],
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/refunds/create`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a refund',
		method: 'GET',
		path: '/refunds/{refundId}',
		params: [
			pathId('refundId', 'Refund ID', ['re', 'pyr'], 're_3MtwBwLkdIwHu7ix0a2ZaOYQ'),
			expandQuery(),
		],
		docsUrl: `${DOCS}/refunds/retrieve`,
	},
];

const invoiceOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create an invoice',
		description:
			"Create a draft invoice; by default it includes the customer's pending invoice items",
		method: 'POST',
		path: '/invoices',
		body: 'form',
		params: [
			body('customer', 'Customer ID', 'string', {
				required: true,
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'The customer to bill',
			}),
			body('auto_advance', 'Auto Advance', 'boolean', {
				description:
					'Whether Stripe finalizes and collects the invoice automatically (about an hour after creation)',
			}),
			collectionMethod(),
			body('days_until_due', 'Days Until Due', 'number', {
				description: 'Days the customer has to pay (with Send Invoice)',
				validate: { min: 0 },
			}),
			body('pending_invoice_items_behavior', 'Pending Invoice Items', 'options', {
				default: 'include',
				options: [
					{
						name: 'Include',
						value: 'include',
						description: "Add the customer's pending invoice items",
					},
					{ name: 'Exclude', value: 'exclude', description: 'Start with an empty invoice' },
				],
			}),
			body('subscription', 'Subscription ID', 'string', {
				...idCheck('sub', 'sub_1MowQVLkdIwHu7ixeRlqHVzs'),
				description: "Invoice only this subscription's pending items",
			}),
			currency(false),
			body('description', 'Description', 'string', { description: 'Memo shown on the invoice' }),
			body('footer', 'Footer', 'string', { description: 'Footer text shown on the invoice' }),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/invoices/create`,
	},
	{
		id: 'finalize',
		name: 'Finalize',
		action: 'Finalize an invoice',
		description: 'Turn a draft invoice into an open invoice that can be paid',
		method: 'POST',
		path: '/invoices/{invoiceId}/finalize',
		body: 'form',
		params: [
			pathId('invoiceId', 'Invoice ID', ['in'], 'in_1MtHbELkdIwHu7ixl4OzzPMv'),
			body('auto_advance', 'Auto Advance', 'boolean', {
				description: 'Whether Stripe collects the invoice automatically after finalizing',
			}),
			expandBody(),
		],
		docsUrl: `${DOCS}/invoices/finalize`,
	},
	{
		id: 'send',
		name: 'Send',
		action: 'Send an invoice',
		description: 'Email an open invoice to the customer (no email is sent in test mode)',
		method: 'POST',
		path: '/invoices/{invoiceId}/send',
		body: 'form',
		params: [
			pathId('invoiceId', 'Invoice ID', ['in'], 'in_1MtHbELkdIwHu7ixl4OzzPMv'),
			expandBody(),
		],
		docsUrl: `${DOCS}/invoices/send`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many invoices',
		method: 'GET',
		path: '/invoices',
		paginate: true,
		params: [
			query('customer', 'Customer ID', 'string', {
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'Only invoices of this customer',
			}),
			query('status', 'Status', 'options', {
				default: 'open',
				options: ['draft', 'open', 'paid', 'uncollectible', 'void'].map((value) => ({
					name: value[0].toUpperCase() + value.slice(1),
					value,
				})),
			}),
			query('subscription', 'Subscription ID', 'string', {
				...idCheck('sub', 'sub_1MowQVLkdIwHu7ixeRlqHVzs'),
				description: 'Only invoices of this subscription',
			}),
			query('collection_method', 'Collection Method', 'options', {
				default: 'charge_automatically',
				options: [
					{ name: 'Charge Automatically', value: 'charge_automatically' },
					{ name: 'Send Invoice', value: 'send_invoice' },
				],
			}),
			createdAfter(),
			createdBefore(),
			expandQuery(),
		],
		docsUrl: `${DOCS}/invoices/list`,
	},
];

/** A product's fields on create (Name required) and on update. */
const productFields = (nameRequired: boolean): ParamSpec[] => [
	body('name', 'Name', 'string', {
		...(nameRequired ? { required: true } : {}),
		description: 'Product name shown to customers',
	}),
	body('description', 'Description', 'string', {
		description: 'Shown to customers at checkout and on invoices',
	}),
	body('active', 'Active', 'boolean', {
		default: true,
		description: 'Whether the product can be bought (off archives it)',
	}),
	body('images', 'Image URLs', 'stringList', { description: 'Up to 8 image URLs' }),
	body('url', 'URL', 'string', { description: 'A public web page of the product' }),
	body('unit_label', 'Unit Label', 'string', {
		description: 'Unit shown on receipts and invoices, e.g. seat',
	}),
	body('statement_descriptor', 'Statement Descriptor', 'string', {
		description: 'Text on card statements (up to 22 characters)',
	}),
	metadata(),
];

const productOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a product',
		method: 'POST',
		path: '/products',
		body: 'form',
		params: [...productFields(true)],
		docsUrl: `${DOCS}/products/create`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many products',
		method: 'GET',
		path: '/products',
		paginate: true,
		params: [
			query('active', 'Active', 'boolean', {
				default: true,
				description: 'Whether to list only active products (on) or only archived ones (off)',
			}),
			createdAfter(),
			createdBefore(),
			expandQuery(),
		],
		docsUrl: `${DOCS}/products/list`,
	},
];

/** What can be said of a price on create and still changed on update. */
const priceNames = (): ParamSpec[] => [
	body('nickname', 'Nickname', 'string', {
		description: 'Internal name, not shown to customers',
	}),
	body('lookup_key', 'Lookup Key', 'string', {
		description: 'Your own key to find this price later (up to 200 characters)',
	}),
	body('active', 'Active', 'boolean', {
		default: true,
		description: 'Whether the price can be used for new purchases',
	}),
];

const priceOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a price',
		description: 'Create a one-time or recurring price for a product',
		method: 'POST',
		path: '/prices',
		body: 'form',
		params: [
			currency(true),
			body('product', 'Product ID', 'string', {
				placeholder: 'prod_NWjs8kKbJWmuuc',
				description: 'The product this price belongs to (or set Product Name to create one)',
			}),
			body('product_data[name]', 'Product Name', 'string', {
				description: 'Creates a new product with this name (instead of Product ID)',
			}),
			body('unit_amount', 'Unit Amount', 'number', {
				description: `Price per unit, ${amountHelp}`,
				validate: { min: 0 },
			}),
			body('recurring[interval]', 'Recurring Interval', 'options', {
				default: 'month',
				description: 'Bill every day, week, month or year (leave out for a one-time price)',
				options: ['day', 'week', 'month', 'year'].map((value) => ({
					name: value[0].toUpperCase() + value.slice(1),
					value,
				})),
			}),
			body('recurring[interval_count]', 'Recurring Interval Count', 'number', {
				default: 1,
				description: 'Bill every N intervals, e.g. 3 with Month = quarterly',
				validate: { min: 1 },
			}),
			...priceNames(),
			metadata(),
		],
		docsUrl: `${DOCS}/prices/create`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many prices',
		method: 'GET',
		path: '/prices',
		paginate: true,
		params: [
			query('product', 'Product ID', 'string', {
				placeholder: 'prod_NWjs8kKbJWmuuc',
				description: 'Only prices of this product',
			}),
			query('active', 'Active', 'boolean', {
				default: true,
				description: 'Whether to list only active prices (on) or only inactive ones (off)',
			}),
			query('type', 'Type', 'options', {
				default: 'recurring',
				options: [
					{ name: 'One Time', value: 'one_time' },
					{ name: 'Recurring', value: 'recurring' },
				],
			}),
			query('currency', 'Currency', 'options', {
				default: '',
				options: CURRENCY_OPTIONS,
				description: 'Only prices in this currency',
				validate: CURRENCY_CHECK,
			}),
			query('lookup_keys[]', 'Lookup Keys', 'stringList', {
				description: 'Only prices with these lookup keys',
			}),
			expandQuery(),
		],
		docsUrl: `${DOCS}/prices/list`,
	},
];

const checkoutOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a checkout session',
		description: 'Create a Stripe-hosted payment page; send the customer to the URL of the result',
		method: 'POST',
		path: '/checkout/sessions',
		body: 'form',
		params: [
			body('mode', 'Mode', 'options', {
				required: true,
				default: 'payment',
				options: [
					{ name: 'Payment', value: 'payment', description: 'One-time payment' },
					{ name: 'Subscription', value: 'subscription', description: 'Start a subscription' },
					{ name: 'Setup', value: 'setup', description: 'Save a payment method for later' },
				],
			}),
			body('line_items', 'Line Items', 'json', {
				default: '[{"price": "", "quantity": 1}]',
				description:
					'JSON list of what the customer buys: [{"price": "price_123", "quantity": 2}] (not used in Setup mode)',
			}),
			body('success_url', 'Success URL', 'string', {
				placeholder: 'https://example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
				description:
					'Where the customer goes after paying; {CHECKOUT_SESSION_ID} is replaced by the session ID',
				validate: {
					pattern: '^https?://',
					patternHint: 'Enter a full URL starting with https://.',
				},
			}),
			body('cancel_url', 'Cancel URL', 'string', {
				description: 'Where the customer goes when they go back',
				validate: {
					pattern: '^https?://',
					patternHint: 'Enter a full URL starting with https://.',
				},
			}),
			body('customer', 'Customer ID', 'string', {
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'An existing customer (else Stripe creates or asks for one)',
			}),
			body('customer_email', 'Customer Email', 'string', {
				description: 'Prefills the email field when no Customer ID is given',
			}),
			body('client_reference_id', 'Client Reference ID', 'string', {
				description: 'Your own reference (e.g. an order ID) to match the session later',
			}),
			body('allow_promotion_codes', 'Allow Promotion Codes', 'boolean', {
				description: 'Whether the customer can enter promotion codes',
			}),
			body('payment_method_types', 'Payment Method Types', 'stringList', {
				description:
					'Allowed payment method types, e.g. card (default: those enabled in the Dashboard)',
			}),
			body('subscription_data[trial_period_days]', 'Trial Period Days', 'number', {
				description: 'Free trial length in days (Subscription mode)',
				validate: { min: 1 },
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/checkout/sessions/create`,
	},
];

// ---- Operations added for issue 15: the objects users reach for beyond the first 31 ----------------

/** `GET /things/{id}`: one object, with Expand. */
function getOp(object: string, path: string, id: ParamSpec, docsUrl: string): OperationSpec {
	return {
		id: 'get',
		name: 'Get',
		action: `Get ${object}`,
		method: 'GET',
		path,
		params: [id, expandQuery()],
		docsUrl,
	};
}

/** `GET /things`: a list paged with starting_after (Return All / Limit), with Expand. */
function listOp(
	objects: string,
	path: string,
	filters: ParamSpec[],
	docsUrl: string,
): OperationSpec {
	return {
		id: 'getMany',
		name: 'Get Many',
		action: `Get many ${objects}`,
		method: 'GET',
		path,
		paginate: true,
		params: [...filters, expandQuery()],
		docsUrl,
	};
}

/** A filter by the ID of a related object, checked for its prefix. */
const idFilter = (
	wire: string,
	displayName: string,
	prefix: string,
	example: string,
	what: string,
) =>
	query(wire, displayName, 'string', { ...idCheck(prefix, example), description: `Only ${what}` });

const INVOICE_ID = pathId('invoiceId', 'Invoice ID', ['in'], 'in_1MtHbELkdIwHu7ixl4OzzPMv');

const invoiceMoreOps: OperationSpec[] = [
	getOp('an invoice', '/invoices/{invoiceId}', INVOICE_ID, `${DOCS}/invoices/retrieve`),
	{
		id: 'pay',
		name: 'Pay',
		action: 'Pay an invoice',
		description:
			"Charge an open invoice now with the customer's default or the given payment method, or mark it paid outside Stripe",
		method: 'POST',
		path: '/invoices/{invoiceId}/pay',
		body: 'form',
		params: [
			INVOICE_ID,
			body('payment_method', 'Payment Method ID', 'string', {
				placeholder: 'pm_1234',
				description: 'PaymentMethod to charge (else the invoice’s or the customer’s default)',
			}),
			body('paid_out_of_band', 'Paid Out of Band', 'boolean', {
				description:
					'Whether to mark the invoice paid without charging (paid outside Stripe, e.g. cash)',
			}),
			body('forgive', 'Forgive', 'boolean', {
				description:
					'Whether to forgive the rest when the payment source covers less than the amount due',
			}),
			body('off_session', 'Off Session', 'boolean', {
				default: true,
				description: 'Whether the customer is absent during this payment (default true)',
			}),
			expandBody(),
		],
		docsUrl: `${DOCS}/invoices/pay`,
	},
	{
		id: 'void',
		name: 'Void',
		action: 'Void an invoice',
		description:
			'Void a finalized invoice (like deleting it, but a record is kept); paid invoices cannot be voided',
		method: 'POST',
		path: '/invoices/{invoiceId}/void',
		body: 'form',
		params: [INVOICE_ID, expandBody()],
		docsUrl: `${DOCS}/invoices/void`,
	},
	{
		id: 'getLineItems',
		name: 'Get Line Items',
		action: 'Get the line items of an invoice',
		method: 'GET',
		path: '/invoices/{invoiceId}/lines',
		paginate: true,
		params: [INVOICE_ID, expandQuery()],
		docsUrl: `${DOCS}/invoices/invoice_lines`,
	},
];

const PRODUCT_ID = pathId('productId', 'Product ID', ['prod'], 'prod_NWjs8kKbJWmuuc');

const productMoreOps: OperationSpec[] = [
	getOp('a product', '/products/{productId}', PRODUCT_ID, `${DOCS}/products/retrieve`),
	{
		id: 'update',
		name: 'Update',
		action: 'Update a product',
		method: 'POST',
		path: '/products/{productId}',
		body: 'form',
		params: [
			PRODUCT_ID,
			...productFields(false),
			body('default_price', 'Default Price ID', 'string', {
				...idCheck('price', 'price_1MoBy5LkdIwHu7ixZhnattbh'),
				description: 'The price shown by default for this product',
			}),
			expandBody(),
		],
		docsUrl: `${DOCS}/products/update`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a product',
		description:
			'Delete a product that has no prices (archive it with Update → Active off otherwise)',
		method: 'DELETE',
		path: '/products/{productId}',
		params: [PRODUCT_ID],
		docsUrl: `${DOCS}/products/delete`,
	},
];

const PRICE_ID = pathId('priceId', 'Price ID', ['price'], 'price_1MoBy5LkdIwHu7ixZhnattbh');

const priceMoreOps: OperationSpec[] = [
	getOp('a price', '/prices/{priceId}', PRICE_ID, `${DOCS}/prices/retrieve`),
	{
		id: 'update',
		name: 'Update',
		action: 'Update a price',
		description:
			'Change what Stripe allows on a price (its amount cannot change: create a new price)',
		method: 'POST',
		path: '/prices/{priceId}',
		body: 'form',
		params: [
			PRICE_ID,
			...priceNames(),
			body('transfer_lookup_key', 'Transfer Lookup Key', 'boolean', {
				description: 'Whether to move the lookup key to this price from the price that has it',
			}),
			body('tax_behavior', 'Tax Behavior', 'options', {
				default: 'unspecified',
				description: 'Whether the price includes tax (cannot change once set)',
				options: enumOptions(['exclusive', 'inclusive', 'unspecified']),
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/prices/update`,
	},
];

const refundMoreOps: OperationSpec[] = [
	listOp(
		'refunds',
		'/refunds',
		[
			idFilter(
				'charge',
				'Charge ID',
				'ch',
				'ch_3MmlLrLkdIwHu7ix0snN0B15',
				'refunds of this charge',
			),
			idFilter(
				'payment_intent',
				'Payment Intent ID',
				'pi',
				'pi_3MtwBwLkdIwHu7ix28a3tqPa',
				'refunds of this payment intent',
			),
			createdAfter(),
			createdBefore(),
		],
		`${DOCS}/refunds/list`,
	),
];

const CHECKOUT_SESSION_ID = pathId(
	'sessionId',
	'Checkout Session ID',
	['cs_test', 'cs_live'],
	'cs_test_a1b2C3d4E5f6',
);

const checkoutMoreOps: OperationSpec[] = [
	getOp(
		'a checkout session',
		'/checkout/sessions/{sessionId}',
		CHECKOUT_SESSION_ID,
		`${DOCS}/checkout/sessions/retrieve`,
	),
	listOp(
		'checkout sessions',
		'/checkout/sessions',
		[
			idFilter('customer', 'Customer ID', 'cus', 'cus_NffrFeUfNV2Hib', 'sessions of this customer'),
			idFilter(
				'payment_intent',
				'Payment Intent ID',
				'pi',
				'pi_3MtwBwLkdIwHu7ix28a3tqPa',
				'the session of this payment intent',
			),
			idFilter(
				'payment_link',
				'Payment Link ID',
				'plink',
				'plink_1MoC3ULkdIwHu7ixZjtGpVl2',
				'sessions of this payment link',
			),
			idFilter(
				'subscription',
				'Subscription ID',
				'sub',
				'sub_1MowQVLkdIwHu7ixeRlqHVzs',
				'the session of this subscription',
			),
			query('status', 'Status', 'options', {
				default: 'complete',
				options: enumOptions(['open', 'complete', 'expired']),
			}),
			createdAfter(),
			createdBefore(),
		],
		`${DOCS}/checkout/sessions/list`,
	),
	{
		id: 'expire',
		name: 'Expire',
		action: 'Expire a checkout session',
		description: 'Close an open checkout session so the customer can no longer pay with it',
		method: 'POST',
		path: '/checkout/sessions/{sessionId}/expire',
		body: 'form',
		params: [CHECKOUT_SESSION_ID, expandBody()],
		docsUrl: `${DOCS}/checkout/sessions/expire`,
	},
];

const PAYOUT_ID = pathId('payoutId', 'Payout ID', ['po'], 'po_1OaFDbEcg9tTZuTgNYmX0PKB');

const payoutOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a payout',
		description: 'Send funds from your Stripe balance to your bank account or debit card',
		method: 'POST',
		path: '/payouts',
		body: 'form',
		params: [
			body('amount', 'Amount', 'number', {
				required: true,
				description: `Amount to pay out, ${amountHelp}`,
				validate: { min: 1 },
			}),
			currency(true),
			body('description', 'Description', 'string', {
				description: 'Internal note shown in the Dashboard',
			}),
			body('destination', 'Destination ID', 'string', {
				placeholder: 'ba_1MvoIJ2eZvKYlo2CO9f0MabO',
				description: 'Bank account or card to pay out to (else the default for the currency)',
			}),
			body('method', 'Method', 'options', {
				default: 'standard',
				options: [
					{ name: 'Standard', value: 'standard', description: 'Arrives in the usual bank time' },
					{
						name: 'Instant',
						value: 'instant',
						description: 'Arrives in minutes where supported (a fee applies)',
					},
				],
			}),
			body('source_type', 'Source Type', 'options', {
				default: 'card',
				description: 'Which part of the balance to pay out from',
				options: [
					{ name: 'Bank Account', value: 'bank_account' },
					{ name: 'Card', value: 'card' },
					{ name: 'FPX', value: 'fpx' },
				],
			}),
			body('statement_descriptor', 'Statement Descriptor', 'string', {
				description: 'Text on the bank statement (up to 22 characters)',
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/payouts/create`,
	},
	getOp('a payout', '/payouts/{payoutId}', PAYOUT_ID, `${DOCS}/payouts/retrieve`),
	listOp(
		'payouts',
		'/payouts',
		[
			query('status', 'Status', 'options', {
				default: 'paid',
				options: enumOptions(['pending', 'in_transit', 'paid', 'failed', 'canceled']),
			}),
			query('destination', 'Destination ID', 'string', {
				placeholder: 'ba_1MvoIJ2eZvKYlo2CO9f0MabO',
				description: 'Only payouts to this bank account or card',
			}),
			query('arrival_date[gte]', 'Arrives After', 'number', {
				description: 'Only payouts arriving at or after this time (Unix timestamp in seconds)',
				validate: { min: 0 },
			}),
			query('arrival_date[lte]', 'Arrives Before', 'number', {
				description: 'Only payouts arriving at or before this time (Unix timestamp in seconds)',
				validate: { min: 0 },
			}),
			createdAfter(),
			createdBefore(),
		],
		`${DOCS}/payouts/list`,
	),
	{
		id: 'cancel',
		name: 'Cancel',
		action: 'Cancel a payout',
		description: 'Cancel a pending payout; the funds go back to your balance',
		method: 'POST',
		path: '/payouts/{payoutId}/cancel',
		body: 'form',
		params: [PAYOUT_ID, expandBody()],
		docsUrl: `${DOCS}/payouts/cancel`,
	},
];

const SETUP_INTENT_ID = pathId(
	'setupIntentId',
	'Setup Intent ID',
	['seti'],
	'seti_1Mm8s8LkdIwHu7ix0OXBfTRG',
);

const setupIntentOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a setup intent',
		description: 'Save a payment method for later payments without charging it now',
		method: 'POST',
		path: '/setup_intents',
		body: 'form',
		params: [
			body('customer', 'Customer ID', 'string', {
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'Customer the payment method is saved for (attached on success)',
			}),
			body('payment_method', 'Payment Method ID', 'string', {
				placeholder: 'pm_1234',
				description: 'PaymentMethod to set up',
			}),
			...paymentMethodChoice(),
			body('usage', 'Usage', 'options', {
				default: 'off_session',
				description: 'How the saved payment method will be used',
				options: [
					{
						name: 'Off Session',
						value: 'off_session',
						description: 'Charged later without the customer',
					},
					{
						name: 'On Session',
						value: 'on_session',
						description: 'Charged later with the customer present',
					},
				],
			}),
			body('confirm', 'Confirm', 'boolean', {
				description: 'Whether to confirm right away (needs a payment method)',
			}),
			body('return_url', 'Return URL', 'string', {
				description: 'Where the customer returns after a redirect-based method (with Confirm)',
			}),
			body('description', 'Description', 'string', {
				description: 'Internal note shown in the Dashboard',
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/setup_intents/create`,
	},
	getOp(
		'a setup intent',
		'/setup_intents/{setupIntentId}',
		SETUP_INTENT_ID,
		`${DOCS}/setup_intents/retrieve`,
	),
	{
		id: 'confirm',
		name: 'Confirm',
		action: 'Confirm a setup intent',
		description: 'Confirm that the customer intends to save the attached or given payment method',
		method: 'POST',
		path: '/setup_intents/{setupIntentId}/confirm',
		body: 'form',
		params: [
			SETUP_INTENT_ID,
			body('payment_method', 'Payment Method ID', 'string', {
				placeholder: 'pm_1234',
				description: 'PaymentMethod to confirm with',
			}),
			body('return_url', 'Return URL', 'string', {
				description: 'Where the customer returns after a redirect-based payment method',
			}),
			expandBody(),
		],
		docsUrl: `${DOCS}/setup_intents/confirm`,
	},
	{
		id: 'cancel',
		name: 'Cancel',
		action: 'Cancel a setup intent',
		method: 'POST',
		path: '/setup_intents/{setupIntentId}/cancel',
		body: 'form',
		params: [
			SETUP_INTENT_ID,
			body('cancellation_reason', 'Cancellation Reason', 'options', {
				default: 'requested_by_customer',
				options: enumOptions(['abandoned', 'duplicate', 'requested_by_customer']),
			}),
			expandBody(),
		],
		docsUrl: `${DOCS}/setup_intents/cancel`,
	},
	listOp(
		'setup intents',
		'/setup_intents',
		[
			idFilter(
				'customer',
				'Customer ID',
				'cus',
				'cus_NffrFeUfNV2Hib',
				'setup intents of this customer',
			),
			query('payment_method', 'Payment Method ID', 'string', {
				placeholder: 'pm_1234',
				description: 'Only setup intents of this payment method',
			}),
			createdAfter(),
			createdBefore(),
		],
		`${DOCS}/setup_intents/list`,
	),
];

/** Payment method types Stripe lists (PaymentMethodListParams.Type of the pinned version). */
export const PAYMENT_METHOD_TYPES = (
	'acss_debit affirm afterpay_clearpay alipay alma amazon_pay au_becs_debit bacs_debit ' +
	'bancontact billie bizum blik boleto card cashapp crypto custom customer_balance eps fpx ' +
	'giropay grabpay ideal kakao_pay klarna konbini kr_card link mb_way mobilepay multibanco ' +
	'naver_pay nz_bank_account oxxo p24 pay_by_bank payco paynow paypal paypay payto pix ' +
	'promptpay revolut_pay samsung_pay satispay scalapay sepa_debit sequra sofort sunbit ' +
	'swish twint upi us_bank_account wechat_pay zip'
).split(' ');

const PAYMENT_METHOD_ID = pathId(
	'paymentMethodId',
	'Payment Method ID',
	['pm', 'card', 'src'],
	'pm_1MqM05LkdIwHu7ixlDxxO6Mc',
);

const paymentMethodOps: OperationSpec[] = [
	getOp(
		'a payment method',
		'/payment_methods/{paymentMethodId}',
		PAYMENT_METHOD_ID,
		`${DOCS}/payment_methods/retrieve`,
	),
	listOp(
		'payment methods',
		'/payment_methods',
		[
			idFilter(
				'customer',
				'Customer ID',
				'cus',
				'cus_NffrFeUfNV2Hib',
				'payment methods of this customer',
			),
			query('type', 'Type', 'options', {
				default: 'card',
				options: enumOptions(PAYMENT_METHOD_TYPES),
				description: 'Only payment methods of this type',
			}),
		],
		`${DOCS}/payment_methods/list`,
	),
	{
		id: 'attach',
		name: 'Attach',
		action: 'Attach a payment method to a customer',
		description:
			'Save a payment method on a customer (a setup intent is the recommended way for new ones)',
		method: 'POST',
		path: '/payment_methods/{paymentMethodId}/attach',
		body: 'form',
		params: [
			PAYMENT_METHOD_ID,
			body('customer', 'Customer ID', 'string', {
				required: true,
				default: '',
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'The customer to attach the payment method to',
			}),
			expandBody(),
		],
		docsUrl: `${DOCS}/payment_methods/attach`,
	},
	{
		id: 'detach',
		name: 'Detach',
		action: 'Detach a payment method from its customer',
		description: 'Remove a saved payment method from its customer; it can no longer be used',
		method: 'POST',
		path: '/payment_methods/{paymentMethodId}/detach',
		body: 'form',
		params: [PAYMENT_METHOD_ID, expandBody()],
		docsUrl: `${DOCS}/payment_methods/detach`,
	},
];

const PAYMENT_LINK_ID = pathId(
	'paymentLinkId',
	'Payment Link ID',
	['plink'],
	'plink_1MoC3ULkdIwHu7ixZjtGpVl2',
);

/** Fields a payment link takes on create and on update. */
const paymentLinkFields = (): ParamSpec[] => [
	body('allow_promotion_codes', 'Allow Promotion Codes', 'boolean', {
		description: 'Whether the customer can enter promotion codes',
	}),
	body('after_completion[type]', 'After Completion', 'options', {
		default: 'hosted_confirmation',
		description: 'What the customer sees after paying',
		options: [
			{ name: 'Hosted Confirmation', value: 'hosted_confirmation', description: "Stripe's page" },
			{ name: 'Redirect', value: 'redirect', description: 'Your page (set Redirect URL)' },
		],
	}),
	body('after_completion[redirect][url]', 'Redirect URL', 'string', {
		description:
			'Where the customer goes after paying (with After Completion: Redirect); {CHECKOUT_SESSION_ID} is replaced',
		validate: { pattern: '^https?://', patternHint: 'Enter a full URL starting with https://.' },
	}),
	body('billing_address_collection', 'Billing Address Collection', 'options', {
		default: 'auto',
		options: [
			{ name: 'Auto', value: 'auto', description: 'Only when needed' },
			{ name: 'Required', value: 'required', description: 'Always ask' },
		],
	}),
	body('customer_creation', 'Customer Creation', 'options', {
		default: 'if_required',
		description: 'When a Stripe customer is created for the buyer (one-time payments)',
		options: enumOptions(['always', 'if_required']),
	}),
	metadata(),
	expandBody(),
];

const paymentLinkOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a payment link',
		description: 'Create a shareable URL to a Stripe-hosted payment page',
		method: 'POST',
		path: '/payment_links',
		body: 'form',
		params: [
			body('line_items', 'Line Items', 'json', {
				required: true,
				default: '[{"price": "", "quantity": 1}]',
				description:
					'JSON list of what the customer buys (up to 20): [{"price": "price_123", "quantity": 1}]',
			}),
			...paymentLinkFields(),
		],
		docsUrl: `${DOCS}/payment_links/payment_links/create`,
	},
	getOp(
		'a payment link',
		'/payment_links/{paymentLinkId}',
		PAYMENT_LINK_ID,
		`${DOCS}/payment_links/payment_links/retrieve`,
	),
	{
		id: 'update',
		name: 'Update',
		action: 'Update a payment link',
		method: 'POST',
		path: '/payment_links/{paymentLinkId}',
		body: 'form',
		params: [
			PAYMENT_LINK_ID,
			body('active', 'Active', 'boolean', {
				default: true,
				description: 'Whether the link can be used (off deactivates it)',
			}),
			body('line_items', 'Line Items', 'json', {
				default: '[{"id": "", "quantity": 1}]',
				description:
					'JSON list of line item changes by their ID: [{"id": "li_123", "quantity": 2}]',
			}),
			...paymentLinkFields(),
		],
		docsUrl: `${DOCS}/payment_links/payment_links/update`,
	},
	listOp(
		'payment links',
		'/payment_links',
		[
			query('active', 'Active', 'boolean', {
				default: true,
				description: 'Whether to list only active links (on) or only inactive ones (off)',
			}),
		],
		`${DOCS}/payment_links/payment_links/list`,
	),
];

/** Languages of the customer portal (BillingPortal SessionCreateParams.Locale of the pinned version). */
export const PORTAL_LOCALES = (
	'auto bg cs da de el en en-AU en-CA en-GB en-IE en-IN en-NZ en-SG es es-419 et fi fil fr ' +
	'fr-CA hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK ' +
	'zh-TW'
).split(' ');
const localeNames = new Intl.DisplayNames(['en'], { type: 'language' });

const customerPortalSessionOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a customer portal session',
		description:
			'Create a short-lived link to the Stripe-hosted portal where a customer manages subscriptions, payment methods and invoices',
		method: 'POST',
		path: '/billing_portal/sessions',
		body: 'form',
		params: [
			body('customer', 'Customer ID', 'string', {
				required: true,
				default: '',
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'The customer who opens the portal',
			}),
			body('return_url', 'Return URL', 'string', {
				description:
					'Where the "return" link of the portal leads (else the configuration’s default)',
				validate: {
					pattern: '^https?://',
					patternHint: 'Enter a full URL starting with https://.',
				},
			}),
			body('configuration', 'Configuration ID', 'string', {
				...idCheck('bpc', 'bpc_1MrnZsLkdIwHu7ixNiQL1xPM'),
				description: 'Portal configuration to use (else the default one)',
			}),
			body('locale', 'Locale', 'options', {
				default: 'auto',
				description: 'Language of the portal (Auto: the browser’s)',
				options: PORTAL_LOCALES.map((value) => ({
					name: value === 'auto' ? 'Auto' : (localeNames.of(value) ?? value),
					value,
				})).sort((a, b) =>
					a.value === 'auto' ? -1 : b.value === 'auto' ? 1 : a.name.localeCompare(b.name),
				),
			}),
			body('on_behalf_of', 'On Behalf Of', 'string', {
				...idCheck('acct', 'acct_1032D82eZvKYlo2C'),
				description: 'Connected account whose branding the portal shows (Connect)',
			}),
			expandBody(),
		],
		docsUrl: `${DOCS}/customer_portal/sessions/create`,
	},
];

const DISPUTE_ID = pathId('disputeId', 'Dispute ID', ['dp', 'du'], 'dp_1MtJUT2eZvKYlo2CNaw2HvEv');

const disputeOps: OperationSpec[] = [
	getOp('a dispute', '/disputes/{disputeId}', DISPUTE_ID, `${DOCS}/disputes/retrieve`),
	listOp(
		'disputes',
		'/disputes',
		[
			idFilter(
				'charge',
				'Charge ID',
				'ch',
				'ch_3MmlLrLkdIwHu7ix0snN0B15',
				'disputes of this charge',
			),
			idFilter(
				'payment_intent',
				'Payment Intent ID',
				'pi',
				'pi_3MtwBwLkdIwHu7ix28a3tqPa',
				'disputes of this payment intent',
			),
			createdAfter(),
			createdBefore(),
		],
		`${DOCS}/disputes/list`,
	),
	{
		id: 'update',
		name: 'Update',
		action: 'Update a dispute',
		description: 'Add evidence to a dispute, and submit it to the bank when ready',
		method: 'POST',
		path: '/disputes/{disputeId}',
		body: 'form',
		params: [
			DISPUTE_ID,
			body('evidence', 'Evidence', 'json', {
				default: '{"customer_name": "", "product_description": ""}',
				description:
					'JSON object of evidence fields as Stripe names them, e.g. {"customer_email_address": "jenny@example.com", "uncategorized_text": "…"}',
			}),
			body('submit', 'Submit', 'boolean', {
				description: 'Whether to submit the evidence to the bank now (else it is saved as draft)',
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/disputes/update`,
	},
	{
		id: 'close',
		name: 'Close',
		action: 'Close a dispute',
		description: 'Accept a dispute: you give up on it and the funds stay with the customer',
		method: 'POST',
		path: '/disputes/{disputeId}/close',
		body: 'form',
		params: [DISPUTE_ID, expandBody()],
		docsUrl: `${DOCS}/disputes/close`,
	},
];

const EVENT_ID = pathId('eventId', 'Event ID', ['evt'], 'evt_1NG8Du2eZvKYlo2CUI79vXWy');

const eventOps: OperationSpec[] = [
	getOp('an event', '/events/{eventId}', EVENT_ID, `${DOCS}/events/retrieve`),
	listOp(
		'events',
		'/events',
		[
			query('type', 'Type', 'string', {
				placeholder: 'invoice.*',
				description:
					'Only events of this type; * matches a part, e.g. invoice.* or *.succeeded (Stripe keeps events 30 days)',
			}),
			query('types[]', 'Types', 'stringList', {
				description: 'Only events of these types (up to 20; instead of Type)',
			}),
			query('delivery_success', 'Delivery Success', 'boolean', {
				default: false,
				description:
					'Whether to list only events whose webhook deliveries all succeeded (on) or only those still being retried (off)',
			}),
			createdAfter(),
			createdBefore(),
		],
		`${DOCS}/events/list`,
	),
];

const COUPON_ID = pathId('couponId', 'Coupon ID', null, 'SUMMER25');

const couponOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a coupon',
		description:
			'Create a discount (percent or amount off) for invoices, subscriptions and checkout',
		method: 'POST',
		path: '/coupons',
		body: 'form',
		params: [
			body('duration', 'Duration', 'options', {
				required: true,
				default: 'once',
				description: 'How long a subscription keeps the discount',
				options: [
					{ name: 'Once', value: 'once', description: 'The first invoice only' },
					{
						name: 'Repeating',
						value: 'repeating',
						description: 'A number of months (set Duration in Months)',
					},
					{ name: 'Forever', value: 'forever', description: 'Every invoice' },
				],
			}),
			body('percent_off', 'Percent Off', 'number', {
				description: 'Discount in percent, e.g. 25 (or set Amount Off)',
				validate: { min: 0, max: 100 },
			}),
			body('amount_off', 'Amount Off', 'number', {
				description: `Discount amount, ${amountHelp} (with Currency; or set Percent Off)`,
				validate: { min: 1 },
			}),
			currency(false),
			body('duration_in_months', 'Duration in Months', 'number', {
				description: 'Months the discount lasts (Duration: Repeating)',
				validate: { min: 1 },
			}),
			body('id', 'ID', 'string', {
				placeholder: 'SUMMER25',
				description: 'Your own ID for the coupon (else Stripe makes one)',
			}),
			body('name', 'Name', 'string', {
				description: 'Shown to customers on invoices and receipts (up to 40 characters)',
			}),
			body('max_redemptions', 'Max Redemptions', 'number', {
				description: 'How many times the coupon can be used in total',
				validate: { min: 1 },
			}),
			body('redeem_by', 'Redeem By', 'number', {
				description: 'Last time the coupon can be used (Unix timestamp in seconds)',
				validate: { min: 0 },
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/coupons/create`,
	},
	getOp('a coupon', '/coupons/{couponId}', COUPON_ID, `${DOCS}/coupons/retrieve`),
	{
		id: 'update',
		name: 'Update',
		action: 'Update a coupon',
		description: 'Rename a coupon or change its metadata (its terms cannot change)',
		method: 'POST',
		path: '/coupons/{couponId}',
		body: 'form',
		params: [
			COUPON_ID,
			body('name', 'Name', 'string', {
				description: 'Shown to customers on invoices and receipts (up to 40 characters)',
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/coupons/update`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a coupon',
		description: 'Stop new uses of a coupon; customers who have it keep their discount',
		method: 'DELETE',
		path: '/coupons/{couponId}',
		params: [COUPON_ID],
		docsUrl: `${DOCS}/coupons/delete`,
	},
	listOp('coupons', '/coupons', [createdAfter(), createdBefore()], `${DOCS}/coupons/list`),
];

const PROMOTION_CODE_ID = pathId(
	'promotionCodeId',
	'Promotion Code ID',
	['promo'],
	'promo_1MiM6KLkdIwHu7ixrIaX4wgn',
);

const promotionCodeOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a promotion code',
		description: 'Create a code customers type in to get a coupon’s discount',
		method: 'POST',
		path: '/promotion_codes',
		body: 'form',
		params: [
			// Stripe's `promotion` names what the code grants; a coupon is the one kind it offers.
			body('promotion[type]', 'Promotion Type', 'options', {
				required: true,
				default: 'coupon',
				options: [{ name: 'Coupon', value: 'coupon' }],
			}),
			body('promotion[coupon]', 'Coupon ID', 'string', {
				required: true,
				default: '',
				placeholder: 'SUMMER25',
				description: 'The coupon the code applies',
			}),
			body('code', 'Code', 'string', {
				placeholder: 'SUMMER25OFF',
				description: 'What customers type, case-insensitive (else Stripe makes one)',
			}),
			body('active', 'Active', 'boolean', {
				default: true,
				description: 'Whether the code can be used',
			}),
			body('customer', 'Customer ID', 'string', {
				...idCheck('cus', 'cus_NffrFeUfNV2Hib'),
				description: 'Only this customer can use the code',
			}),
			body('expires_at', 'Expires At', 'number', {
				description: 'When the code stops working (Unix timestamp in seconds)',
				validate: { min: 0 },
			}),
			body('max_redemptions', 'Max Redemptions', 'number', {
				description: 'How many times the code can be used in total',
				validate: { min: 1 },
			}),
			body('restrictions[first_time_transaction]', 'First-Time Customers Only', 'boolean', {
				description: 'Whether only customers who never paid before can use it',
			}),
			body('restrictions[minimum_amount]', 'Minimum Amount', 'number', {
				description: `Smallest order the code applies to, ${amountHelp} (with Minimum Amount Currency)`,
				validate: { min: 1 },
			}),
			body('restrictions[minimum_amount_currency]', 'Minimum Amount Currency', 'options', {
				default: '',
				options: CURRENCY_OPTIONS,
				validate: CURRENCY_CHECK,
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/promotion_codes/create`,
	},
	getOp(
		'a promotion code',
		'/promotion_codes/{promotionCodeId}',
		PROMOTION_CODE_ID,
		`${DOCS}/promotion_codes/retrieve`,
	),
	{
		id: 'update',
		name: 'Update',
		action: 'Update a promotion code',
		method: 'POST',
		path: '/promotion_codes/{promotionCodeId}',
		body: 'form',
		params: [
			PROMOTION_CODE_ID,
			body('active', 'Active', 'boolean', {
				default: true,
				description:
					'Whether the code can be used (a deactivated code cannot be reactivated once its coupon is gone)',
			}),
			metadata(),
			expandBody(),
		],
		docsUrl: `${DOCS}/promotion_codes/update`,
	},
	listOp(
		'promotion codes',
		'/promotion_codes',
		[
			query('active', 'Active', 'boolean', {
				default: true,
				description: 'Whether to list only active codes (on) or only inactive ones (off)',
			}),
			query('code', 'Code', 'string', {
				description: 'Only the code with exactly this text (case-insensitive)',
			}),
			query('coupon', 'Coupon ID', 'string', {
				placeholder: 'SUMMER25',
				description: 'Only codes of this coupon',
			}),
			idFilter('customer', 'Customer ID', 'cus', 'cus_NffrFeUfNV2Hib', 'codes of this customer'),
			createdAfter(),
			createdBefore(),
		],
		`${DOCS}/promotion_codes/list`,
	),
];

/** Stripe's signature (services.md § Stripe): HMAC-SHA256 of `t.body`, hex, several `v1` during rotation, 300 s one-sided. */
export const stripeSignature: SignatureScheme = {
	header: 'Stripe-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	structured: { timestampKey: 't', signatureKey: 'v1' },
	signedPayload: '{timestamp}.{body}',
	toleranceSeconds: 300,
	timestampWindow: 'one-sided',
};

/**
 * The Stripe API version every request asks for (`Stripe-Version`, from Stripe.events.ts: the event list
 * belongs to it), so answers and webhook payloads have the shape this package was built and tested against,
 * whatever the account's default version is. It is the version the official `stripe` package pins.
 */
export { STRIPE_API_VERSION };

/** Event types offered by the trigger: `*`, then every type of the pinned version (Stripe.events.ts). */
const EVENTS: Array<[string, string, string]> = [
	['*', 'All Events', 'Every event of the account, including ones added later'],
	...STRIPE_EVENTS.map(([type, description]): [string, string, string] => [
		type,
		optionName(type, { id: 'ID' }),
		// n8n's help text ends in a period only when it has more than one sentence.
		/\. /.test(description) ? description : description.replace(/\.$/, ''),
	]),
];

/**
 * Stripe's errors (`{"error":{"type","code","param","message","decline_code"}}`) in the seed's terms, by type.
 * Keys have no OAuth scopes: a restricted key without access answers `permission_error`.
 * https://docs.stripe.com/api/errors
 */
const STRIPE_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'error.type',
	fieldPath: 'error.param',
	rules: [
		// A bad key answers 401 and a restricted key without access 403, whatever the type says (often invalid_request_error).
		{
			status: [401],
			category: 'auth',
			reason: 'the API key is invalid, expired or was rolled',
			fix: 'Paste a current secret key (Stripe Dashboard → Developers → API keys) into {$credential}, then run the workflow again.',
		},
		{
			status: [403],
			category: 'permission',
			reason: 'the restricted key has no access to this resource',
			fix: 'Give the restricted key of {$credential} access to this resource in the Stripe Dashboard (Developers → API keys), or use a secret key.',
		},
		{ status: [404], category: 'notFound' },
		{ codes: ['rate_limit_error'], category: 'rateLimit' },
		// Another request holds a lock on the object: Stripe says to retry.
		{ body: { path: 'error.code', in: ['lock_timeout'] }, category: 'transient' },
		{
			codes: ['idempotency_error'],
			category: 'permanent',
			reason: 'its idempotency key was already used with other parameters',
			fix: 'Run the item as a new request (a new execution gets new keys); a retried request must send the same fields.',
		},
		{
			codes: ['card_error'],
			category: 'permanent',
			reason: 'the card was declined ({error.message})',
			fix: 'Ask the customer for another payment method, or for their bank to approve the payment, then try again.',
		},
		{ codes: ['api_error'], category: 'transient' },
		{ codes: ['invalid_request_error'], category: 'invalid' },
	],
};

export const stripeSpec: ServiceSpec = {
	id: 'stripe',
	// v2: the customer address as six fields; v1 (saved workflows) keeps its JSON "Address (JSON)" field too.
	versions: [1, 2],
	displayName: 'Stripe',
	description:
		'Customers, payments, subscriptions, invoices, products, coupons, checkout, payment links, payouts, disputes and events in Stripe, with safe retries (idempotency keys)',
	docsUrl: DOCS,
	baseUrl: 'https://api.stripe.com/v1',
	auth: [
		{ kind: 'bearer', credentialType: STRIPE_CREDENTIAL, displayName: 'Secret or Restricted Key' },
	],
	credentialTest: { method: 'GET', path: '/balance' },
	account: { path: '/account', labelPath: 'settings.dashboard.display_name' },
	// docs.stripe.com/rate-limits: live 100/s, test (sandbox) 25/s, most endpoints 25/s, search 20/s. The
	// policy cannot tell modes apart, so it takes the limit that holds for both; 429s are retried.
	// Stripe sends no budget headers. A 409 marked Stripe-Should-Retry (an idempotent request still in
	// flight, a lock) was not applied: retry it like a throttled answer.
	rateLimit: {
		requests: 25,
		windowMs: 1000,
		headers: [],
		throttled: [{ status: [409], header: { name: 'Stripe-Should-Retry', in: ['true'] } }],
	},
	pagination: {
		type: 'cursor',
		cursorParam: 'starting_after',
		cursorFromLastItem: 'id',
		hasMorePath: 'has_more',
		itemsPath: 'data',
		limitParam: 'limit',
		pageSize: 100,
	},
	idempotencyHeader: 'Idempotency-Key',
	requestIdHeader: 'request-id',
	errorCodes: STRIPE_ERROR_CODES,
	headers: { 'Stripe-Version': STRIPE_API_VERSION },
	resources: [
		{ id: 'customer', name: 'Customer', operations: customerOps },
		{ id: 'paymentIntent', name: 'Payment Intent', operations: paymentIntentOps },
		{ id: 'paymentMethod', name: 'Payment Method', operations: paymentMethodOps },
		{ id: 'setupIntent', name: 'Setup Intent', operations: setupIntentOps },
		{ id: 'subscription', name: 'Subscription', operations: subscriptionOps },
		{ id: 'charge', name: 'Charge', operations: chargeOps },
		{ id: 'refund', name: 'Refund', operations: [...refundOps, ...refundMoreOps] },
		{ id: 'dispute', name: 'Dispute', operations: disputeOps },
		{ id: 'invoice', name: 'Invoice', operations: [...invoiceOps, ...invoiceMoreOps] },
		{ id: 'product', name: 'Product', operations: [...productOps, ...productMoreOps] },
		{ id: 'price', name: 'Price', operations: [...priceOps, ...priceMoreOps] },
		{ id: 'coupon', name: 'Coupon', operations: couponOps },
		{ id: 'promotionCode', name: 'Promotion Code', operations: promotionCodeOps },
		{
			id: 'checkoutSession',
			name: 'Checkout Session',
			operations: [...checkoutOps, ...checkoutMoreOps],
		},
		{ id: 'paymentLink', name: 'Payment Link', operations: paymentLinkOps },
		{
			id: 'customerPortalSession',
			name: 'Customer Portal Session',
			operations: customerPortalSessionOps,
		},
		{ id: 'payout', name: 'Payout', operations: payoutOps },
		{ id: 'event', name: 'Event', operations: eventOps },
		{
			id: 'balance',
			name: 'Balance',
			operations: [
				{
					id: 'get',
					name: 'Get',
					action: 'Get the balance',
					description: 'Get the available and pending funds of the account',
					method: 'GET',
					path: '/balance',
					docsUrl: `${DOCS}/balance/balance_retrieve`,
				},
			],
		},
	],
	webhook: {
		signature: stripeSignature,
		events: EVENTS.map(([value, name, description]) => ({ name, value, description })),
		defaultEvents: ['payment_intent.succeeded'],
		allEvents: '*',
		eventsNote: `Event types of Stripe API version ${STRIPE_API_VERSION}, which this node uses for requests and registers its webhook endpoint with.`,
		register: 'api',
		hooks: { checkExists: 'webhookExists', create: 'webhookCreate', delete: 'webhookDelete' },
		eventPath: 'type',
		deliveryIdPath: 'id',
	},
};

export const stripeDefinition: ServiceDefinition = { spec: stripeSpec, hooks: stripeHooks };
