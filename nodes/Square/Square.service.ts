/**
 * Square as data: the Connect v2 JSON API on the production or sandbox host (the credential's Environment), a
 * pinned `Square-Version`, cursor paging (`cursor` in the query of GET lists, in the body of POST searches), an
 * `idempotency_key` in the body of every write that takes one (derived per item like Stripe's Idempotency-Key,
 * the same on every retry), Square's `errors[]` mapped to the seed's table, and webhook subscriptions created
 * through the API. Facts: /work/shared/reference/services.md § Square, https://developer.squareup.com/reference/square.
 */
import { binaryFieldParam, bodyParam, enumOptions, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	PaginationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { squareHooks } from './Square.hooks';
import { SQUARE_OAUTH, SQUARE_VERSION } from './Square.oauth';

export const SQUARE_CREDENTIAL = 'apiConnSquareApi';
export const SQUARE_APP_CREDENTIAL = 'apiConnSquareOAuth2Api';

const REF = 'https://developer.squareup.com/reference/square';

const body = bodyParam;
const query = queryParam;

/** An object's ID in the URL path (always percent-encoded by the engine). */
const pathId = (name: string, displayName: string, example: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: example,
	description: `ID of the ${displayName.replace(/ ID$/, '').toLowerCase()}, e.g. ${example}`,
});

/** Every write that takes one gets the item's idempotency key here unless this field sets one. */
const IDEMPOTENCY = 'idempotency_key';
const idempotencyKey = (): ParamSpec =>
	body(IDEMPOTENCY, 'Idempotency Key', 'string', {
		description:
			'Your own unique key for this write (up to 45 characters for payments and refunds). Empty: the node derives one per item that stays the same when the request or the node is retried, so Square applies the write once.',
	});

const CURRENCY_CHECK = {
	pattern: '^[A-Z]{3}$',
	patternHint: 'Use a three-letter ISO 4217 currency code in capitals, e.g. USD or EUR.',
};
/** A Money object: `amount` in the smallest unit of `currency`, e.g. 100 = $1.00 USD. */
const money = (path: string, label: string, required: boolean, what: string): ParamSpec[] => [
	body(`${path}.amount`, `${label} Amount`, 'number', {
		required,
		...(required ? { default: 100 } : {}),
		description: `${what}, in the smallest unit of the currency (e.g. 100 = $1.00 USD)`,
		validate: { min: 0 },
	}),
	body(`${path}.currency`, `${label} Currency`, 'string', {
		required,
		default: required ? 'USD' : '',
		placeholder: 'USD',
		description: `Currency of the ${label.toLowerCase()} amount (ISO 4217), the seller's currency`,
		validate: CURRENCY_CHECK,
	}),
];

const RFC3339 = 'an RFC 3339 timestamp, e.g. 2026-12-01T00:00:00Z';
const timeRange = (what: string): ParamSpec[] => [
	query('begin_time', 'Begin Time', 'string', {
		placeholder: '2026-12-01T00:00:00Z',
		description: `Only ${what} created at or after this time (${RFC3339}); Square's default is one year ago`,
	}),
	query('end_time', 'End Time', 'string', {
		placeholder: '2026-12-31T23:59:59Z',
		description: `Only ${what} created before this time (${RFC3339}); default: now`,
	}),
	query('sort_order', 'Sort Order', 'options', {
		options: [
			{ name: 'Oldest First', value: 'ASC' },
			{ name: 'Newest First', value: 'DESC' },
		],
		default: 'DESC',
		description: 'Order by creation time (sort_order)',
	}),
];

type CursorPages = Extract<PaginationSpec, { type: 'cursor' }>;

/** GET lists: `cursor` and `limit` in the query, the next `cursor` at the top of the answer. */
const queryPages = (itemsPath: string, pageSize?: number): CursorPages => ({
	type: 'cursor',
	cursorParam: 'cursor',
	nextCursorPath: 'cursor',
	itemsPath,
	...(pageSize ? { limitParam: 'limit', pageSize } : {}),
});
/** POST searches: `cursor` and `limit` in the JSON body. */
const bodyPages = (itemsPath: string, pageSize: number): PaginationSpec => ({
	...queryPages(itemsPath, pageSize),
	paramsIn: 'body',
});

const LOCATION_ID =
	'ID of a location of the seller, e.g. L88917AVBK2S5 (Location → Get Many lists them)';

const paymentOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a payment',
		description:
			'Charge a payment source (a card nonce, a card on file, EXTERNAL or CASH) through the Payments API',
		method: 'POST',
		path: '/v2/payments',
		idempotencyKeyPath: IDEMPOTENCY,
		params: [
			body('source_id', 'Source ID', 'string', {
				required: true,
				default: '',
				placeholder: 'cnon:card-nonce-ok',
				description:
					'What to charge: a card nonce from the Web Payments SDK, a card on file (ccof:…), EXTERNAL or CASH (source_id)',
			}),
			...money('amount_money', 'Amount', true, 'Amount to charge (amount_money)'),
			idempotencyKey(),
			body('location_id', 'Location ID', 'string', {
				description: `${LOCATION_ID}; default: the seller's main location`,
			}),
			body('customer_id', 'Customer ID', 'string', {
				description: 'The customer the payment is for (required with a card on file)',
			}),
			body('order_id', 'Order ID', 'string', { description: 'The order this payment pays' }),
			body('reference_id', 'Reference ID', 'string', {
				description: 'Your own ID for the payment, e.g. an invoice number (up to 40 characters)',
			}),
			body('note', 'Note', 'string', {
				description: 'A note shown with the payment (up to 500 characters)',
			}),
			body('autocomplete', 'Autocomplete', 'boolean', {
				default: true,
				description:
					'Whether to complete (capture) the payment right away; off: it stays APPROVED until Complete or Cancel',
			}),
			body('delay_duration', 'Delay Duration', 'string', {
				placeholder: 'PT36H',
				description:
					'How long an uncompleted card payment waits before the delay action (RFC 3339 duration, e.g. PT36H)',
			}),
			body('delay_action', 'Delay Action', 'options', {
				options: enumOptions(['CANCEL', 'COMPLETE']),
				default: 'CANCEL',
				description: 'What happens to an uncompleted payment when its delay ends',
			}),
			...money('tip_money', 'Tip', false, 'Tip on top of the amount (tip_money)'),
			body('buyer_email_address', 'Buyer Email Address', 'string', {
				placeholder: 'name@email.com',
				description: "The buyer's email address",
			}),
			body('verification_token', 'Verification Token', 'string', {
				typeOptions: { password: true },
				description: 'The buyer verification (SCA) token from the Web Payments SDK',
			}),
			body('statement_description_identifier', 'Statement Description', 'string', {
				description:
					"Text added to the card statement after the seller's name (up to 20 characters)",
			}),
		],
		scopes: ['PAYMENTS_WRITE'],
		response: { path: 'payment' },
		docsUrl: `${REF}/payments-api/create-payment`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a payment',
		method: 'GET',
		path: '/v2/payments/{paymentId}',
		params: [pathId('paymentId', 'Payment ID', 'R2B3Z8WMVt3EAmzYWLZvz7Y69EbZY')],
		scopes: ['PAYMENTS_READ'],
		response: { path: 'payment' },
		docsUrl: `${REF}/payments-api/get-payment`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many payments',
		method: 'GET',
		path: '/v2/payments',
		paginate: queryPages('payments', 100),
		params: [
			...timeRange('payments'),
			query('location_id', 'Location ID', 'string', {
				description: `Only payments of this location. ${LOCATION_ID}.`,
			}),
			query('total', 'Total', 'number', {
				description: 'Only payments of exactly this total, in the smallest currency unit',
			}),
			query('last_4', 'Card Last 4', 'string', {
				description: 'Only card payments whose card number ends in these four digits',
			}),
			query('card_brand', 'Card Brand', 'options', {
				options: enumOptions(
					[
						'VISA',
						'MASTERCARD',
						'AMERICAN_EXPRESS',
						'DISCOVER',
						'DISCOVER_DINERS',
						'JCB',
						'CHINA_UNIONPAY',
						'SQUARE_GIFT_CARD',
						'INTERAC',
						'EFTPOS',
						'FELICA',
						'EBT',
					],
					{ jcb: 'JCB', ebt: 'EBT' },
				),
				default: 'VISA',
				description: 'Only card payments of this brand',
			}),
		],
		scopes: ['PAYMENTS_READ'],
		docsUrl: `${REF}/payments-api/list-payments`,
	},
	{
		id: 'cancel',
		name: 'Cancel',
		action: 'Cancel a payment',
		description: 'Cancel (void) an APPROVED payment that was not completed',
		method: 'POST',
		path: '/v2/payments/{paymentId}/cancel',
		params: [pathId('paymentId', 'Payment ID', 'R2B3Z8WMVt3EAmzYWLZvz7Y69EbZY')],
		scopes: ['PAYMENTS_WRITE'],
		response: { path: 'payment' },
		docsUrl: `${REF}/payments-api/cancel-payment`,
	},
	{
		id: 'complete',
		name: 'Complete',
		action: 'Complete a payment',
		description: 'Complete (capture) an APPROVED payment created with Autocomplete off',
		method: 'POST',
		path: '/v2/payments/{paymentId}/complete',
		params: [
			pathId('paymentId', 'Payment ID', 'R2B3Z8WMVt3EAmzYWLZvz7Y69EbZY'),
			body('version_token', 'Version Token', 'string', {
				description:
					"The payment's version_token: completes it only if it has not changed since you read it",
			}),
		],
		scopes: ['PAYMENTS_WRITE'],
		response: { path: 'payment' },
		docsUrl: `${REF}/payments-api/complete-payment`,
	},
];

const refundOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Refund a payment',
		description: 'Refund all or part of a completed payment',
		method: 'POST',
		path: '/v2/refunds',
		idempotencyKeyPath: IDEMPOTENCY,
		params: [
			body('payment_id', 'Payment ID', 'string', {
				required: true,
				default: '',
				placeholder: 'R2B3Z8WMVt3EAmzYWLZvz7Y69EbZY',
				description: 'The completed payment to refund (payment_id)',
			}),
			...money(
				'amount_money',
				'Amount',
				true,
				'Amount to refund, at most what is left of the payment',
			),
			idempotencyKey(),
			body('reason', 'Reason', 'string', {
				description: 'Why the payment is refunded (up to 192 characters)',
			}),
		],
		scopes: ['PAYMENTS_WRITE'],
		response: { path: 'refund' },
		docsUrl: `${REF}/refunds-api/refund-payment`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a refund',
		method: 'GET',
		path: '/v2/refunds/{refundId}',
		params: [
			pathId(
				'refundId',
				'Refund ID',
				'R2B3Z8WMVt3EAmzYWLZvz7Y69EbZY_KlWP8IC1557ddwc9QWTKrCVU6m0JXDz15R2Qym5eQfR',
			),
		],
		scopes: ['PAYMENTS_READ'],
		response: { path: 'refund' },
		docsUrl: `${REF}/refunds-api/get-payment-refund`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many refunds',
		method: 'GET',
		path: '/v2/refunds',
		paginate: queryPages('refunds', 100),
		params: [
			...timeRange('refunds'),
			query('location_id', 'Location ID', 'string', {
				description: `Only refunds of this location. ${LOCATION_ID}.`,
			}),
			query('status', 'Status', 'options', {
				options: enumOptions(['PENDING', 'COMPLETED', 'REJECTED', 'FAILED']),
				default: 'COMPLETED',
				description: 'Only refunds in this state',
			}),
			query('source_type', 'Source Type', 'options', {
				options: enumOptions(['CARD', 'BANK_ACCOUNT', 'WALLET', 'CASH', 'EXTERNAL']),
				default: 'CARD',
				description: 'Only refunds of payments from this kind of source',
			}),
		],
		scopes: ['PAYMENTS_READ'],
		docsUrl: `${REF}/refunds-api/list-payment-refunds`,
	},
];

const address = (key: string, label: string, description: string, extra: Partial<ParamSpec> = {}) =>
	body(`address.${key}`, `Address ${label}`, 'string', { description, ...extra });
const customerFields = (): ParamSpec[] => [
	body('given_name', 'Given Name', 'string', { description: "The customer's first name" }),
	body('family_name', 'Family Name', 'string', { description: "The customer's last name" }),
	body('company_name', 'Company Name', 'string', { description: "The customer's business" }),
	body('nickname', 'Nickname', 'string', { description: 'A nickname for the customer' }),
	body('email_address', 'Email Address', 'string', {
		placeholder: 'name@email.com',
		description: "The customer's email address",
	}),
	body('phone_number', 'Phone Number', 'string', {
		placeholder: '+1-212-555-4240',
		description: "The customer's phone number (9–16 digits, with an optional + and country code)",
	}),
	body('reference_id', 'Reference ID', 'string', {
		description: 'Your own ID for the customer, e.g. from another system',
	}),
	body('note', 'Note', 'string', { description: 'A note about the customer' }),
	body('birthday', 'Birthday', 'string', {
		placeholder: '1998-09-21',
		description: "The customer's birthday, YYYY-MM-DD (or 0000-MM-DD without the year)",
	}),
	address('address_line_1', 'Line 1', 'First line of the street address'),
	address('address_line_2', 'Line 2', 'Second line (apartment, suite)'),
	address('locality', 'Locality', 'City or town'),
	address('administrative_district_level_1', 'State', 'State, province or region'),
	address('postal_code', 'Postal Code', 'ZIP or postal code'),
	address('country', 'Country', 'Two-letter country code (ISO 3166-1 alpha-2)', {
		placeholder: 'US',
		validate: {
			pattern: '^[A-Z]{2}$',
			patternHint: 'Use a two-letter country code in capitals, e.g. US.',
		},
	}),
];
const CUSTOMER_ID = pathId('customerId', 'Customer ID', 'JDKYHBWT1D4F8MFH63DBMEN8Y4');

const customerOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a customer',
		description: 'Add a customer profile to the seller’s Customer Directory',
		method: 'POST',
		path: '/v2/customers',
		idempotencyKeyPath: IDEMPOTENCY,
		params: [...customerFields(), idempotencyKey()],
		scopes: ['CUSTOMERS_WRITE'],
		response: { path: 'customer' },
		docsUrl: `${REF}/customers-api/create-customer`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a customer',
		method: 'GET',
		path: '/v2/customers/{customerId}',
		params: [CUSTOMER_ID],
		scopes: ['CUSTOMERS_READ'],
		response: { path: 'customer' },
		docsUrl: `${REF}/customers-api/retrieve-customer`,
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a customer',
		description: 'Change fields of a customer profile (fields left out keep their value)',
		method: 'PUT',
		path: '/v2/customers/{customerId}',
		params: [
			CUSTOMER_ID,
			...customerFields(),
			body('version', 'Version', 'number', {
				description:
					"The customer's current version: the update fails if the profile changed since (optimistic concurrency)",
				validate: { min: 0 },
			}),
		],
		scopes: ['CUSTOMERS_WRITE'],
		response: { path: 'customer' },
		docsUrl: `${REF}/customers-api/update-customer`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a customer',
		method: 'DELETE',
		path: '/v2/customers/{customerId}',
		params: [
			CUSTOMER_ID,
			query('version', 'Version', 'number', {
				description: "The customer's current version: deletes it only if it has not changed since",
				validate: { min: 0 },
			}),
		],
		scopes: ['CUSTOMERS_WRITE'],
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/customers-api/delete-customer`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many customers',
		method: 'GET',
		path: '/v2/customers',
		paginate: queryPages('customers', 100),
		params: [
			query('sort_field', 'Sort Field', 'options', {
				options: [
					{ name: 'Default (Name)', value: 'DEFAULT' },
					{ name: 'Created At', value: 'CREATED_AT' },
				],
				default: 'DEFAULT',
				description: 'What to sort by',
			}),
			query('sort_order', 'Sort Order', 'options', {
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'ASC',
				description: 'Sort direction',
			}),
		],
		scopes: ['CUSTOMERS_READ'],
		docsUrl: `${REF}/customers-api/list-customers`,
	},
	{
		id: 'search',
		name: 'Search',
		action: 'Search customers',
		description: 'Find customers by exact email, phone or reference ID, or by a query of your own',
		method: 'POST',
		path: '/v2/customers/search',
		paginate: bodyPages('customers', 100),
		params: [
			body('query.filter.email_address.exact', 'Email Address', 'string', {
				placeholder: 'name@email.com',
				description: 'Only the customer with exactly this email address',
			}),
			body('query.filter.phone_number.exact', 'Phone Number', 'string', {
				description: 'Only customers with exactly this phone number (E.164, e.g. +12125554240)',
			}),
			body('query.filter.reference_id.exact', 'Reference ID', 'string', {
				description: 'Only customers with exactly this reference ID',
			}),
			body('query', 'Query (JSON)', 'json', {
				description:
					'A whole CustomerQuery ({"filter": {…}, "sort": {"field": "CREATED_AT", "order": "DESC"}}) instead of the fields above',
			}),
		],
		scopes: ['CUSTOMERS_READ'],
		docsUrl: `${REF}/customers-api/search-customers`,
	},
];

const CATALOG_TYPES = [
	'ITEM',
	'ITEM_VARIATION',
	'CATEGORY',
	'DISCOUNT',
	'TAX',
	'MODIFIER',
	'MODIFIER_LIST',
	'IMAGE',
	'ITEM_OPTION',
	'ITEM_OPTION_VAL',
	'MEASUREMENT_UNIT',
	'CUSTOM_ATTRIBUTE_DEFINITION',
	'QUICK_AMOUNTS_SETTINGS',
];
const OBJECT_ID = pathId('objectId', 'Object ID', 'W62UWFY35CWMYGVWK6TWJDNI');
const catalogObject = (description: string): ParamSpec =>
	body('object', 'Object (JSON)', 'json', {
		required: true,
		default:
			'{\n  "type": "ITEM",\n  "id": "#coffee",\n  "item_data": {\n    "name": "Coffee",\n    "variations": [\n      {\n        "type": "ITEM_VARIATION",\n        "id": "#small",\n        "item_variation_data": { "name": "Small", "pricing_type": "FIXED_PRICING", "price_money": { "amount": 300, "currency": "USD" } }\n      }\n    ]\n  }\n}',
		description,
	});
/** The one item variation the "Upsert Item" fields describe. */
const VARIATION = 'object.item_data.variations.0';

const catalogOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many catalog objects',
		description: 'List catalog objects of the given types (items, variations, categories …)',
		method: 'GET',
		path: '/v2/catalog/list',
		paginate: queryPages('objects'),
		params: [
			query('types', 'Types', 'multiOptions', {
				options: enumOptions(CATALOG_TYPES),
				default: ['ITEM'],
				queryFormat: 'comma',
				description: 'Which kinds of object to list; none: every kind',
			}),
			query('catalog_version', 'Catalog Version', 'number', {
				description: 'Read the catalog as it was at this version',
			}),
		],
		scopes: ['ITEMS_READ'],
		docsUrl: `${REF}/catalog-api/list-catalog`,
	},
	{
		id: 'search',
		name: 'Search',
		action: 'Search catalog objects',
		method: 'POST',
		path: '/v2/catalog/search',
		paginate: bodyPages('objects', 1000),
		params: [
			body('object_types', 'Object Types', 'multiOptions', {
				options: enumOptions(CATALOG_TYPES),
				default: ['ITEM'],
				description: 'Which kinds of object to return',
			}),
			body('query.text_query.keywords', 'Keywords', 'stringList', {
				description: 'Objects whose searchable text contains all of these words (up to 3)',
			}),
			body('query', 'Query (JSON)', 'json', {
				description:
					'A whole CatalogQuery (exact_query, prefix_query, range_query, items_for_tax_query …) instead of Keywords',
			}),
			body('include_related_objects', 'Include Related Objects', 'boolean', {
				description: 'Whether to return related objects (categories, taxes, images) too',
			}),
			body('include_deleted_objects', 'Include Deleted Objects', 'boolean', {
				description: 'Whether to return deleted objects too',
			}),
		],
		scopes: ['ITEMS_READ'],
		docsUrl: `${REF}/catalog-api/search-catalog-objects`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a catalog object',
		method: 'GET',
		path: '/v2/catalog/object/{objectId}',
		params: [
			OBJECT_ID,
			query('include_related_objects', 'Include Related Objects', 'boolean', {
				description:
					'Whether to return related objects (its category, taxes, variations’ options) too',
			}),
		],
		scopes: ['ITEMS_READ'],
		docsUrl: `${REF}/catalog-api/retrieve-catalog-object`,
	},
	{
		id: 'upsertItem',
		name: 'Create or Update Item',
		action: 'Create or update an item with one variation',
		description:
			'Create an item with one priced variation, or update one (give the existing IDs and their versions)',
		method: 'POST',
		path: '/v2/catalog/object',
		idempotencyKeyPath: IDEMPOTENCY,
		// Temporary IDs (#…) create; the Item ID and Variation ID fields replace them to update existing objects.
		fixedBody: {
			object: {
				type: 'ITEM',
				id: '#item',
				item_data: {
					variations: [
						{
							type: 'ITEM_VARIATION',
							id: '#variation',
							item_variation_data: { pricing_type: 'FIXED_PRICING' },
						},
					],
				},
			},
		},
		params: [
			body('object.item_data.name', 'Item Name', 'string', {
				required: true,
				default: '',
				placeholder: 'Coffee',
				description: 'The item’s name as shown on receipts and in the Point of Sale',
			}),
			body(`${VARIATION}.item_variation_data.name`, 'Variation Name', 'string', {
				required: true,
				default: 'Regular',
				description: 'The variation’s name, e.g. Small or Regular',
			}),
			...money(
				`${VARIATION}.item_variation_data.price_money`,
				'Price',
				true,
				'The variation’s price',
			),
			body('object.id', 'Item ID', 'string', {
				default: '#item',
				description:
					'The existing item to update, or a temporary ID starting with # to create one (default #item)',
			}),
			body('object.version', 'Item Version', 'number', {
				description: 'The existing item’s version (required to update it)',
			}),
			body(`${VARIATION}.id`, 'Variation ID', 'string', {
				default: '#variation',
				description:
					'The existing variation to update, or a temporary ID starting with # to create one (default #variation)',
			}),
			body(`${VARIATION}.version`, 'Variation Version', 'number', {
				description: 'The existing variation’s version (required to update it)',
			}),
			body(`${VARIATION}.item_variation_data.sku`, 'SKU', 'string', {
				description: 'The variation’s stock-keeping unit',
			}),
			body('object.item_data.description', 'Description', 'string', {
				description: 'The item’s description (plain text)',
			}),
			body('object.item_data.categories', 'Categories (JSON)', 'json', {
				description: 'The item’s categories, e.g. [{"id": "CATEGORY_ID"}]',
			}),
			idempotencyKey(),
		],
		scopes: ['ITEMS_WRITE'],
		docsUrl: `${REF}/catalog-api/upsert-catalog-object`,
	},
	{
		id: 'upsert',
		name: 'Create or Update',
		action: 'Create or update a catalog object',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		method: 'POST',
		path: '/v2/catalog/object',
		idempotencyKeyPath: IDEMPOTENCY,
		params: [
			catalogObject(
				'Any CatalogObject: an item with its variations, a variation of an existing item (ITEM_VARIATION with item_id), a category. New objects get a temporary ID starting with #; an existing one needs its ID and version.',
			),
			idempotencyKey(),
		],
		scopes: ['ITEMS_WRITE'],
		docsUrl: `${REF}/catalog-api/upsert-catalog-object`,
	},
	{
		id: 'batchUpsert',
		name: 'Batch Upsert',
		action: 'Create or update many catalog objects',
		description: 'Create or update up to 1,000 catalog objects in one request (all or none)',
		method: 'POST',
		path: '/v2/catalog/batch-upsert',
		idempotencyKeyPath: IDEMPOTENCY,
		params: [
			body('batches.0.objects', 'Objects (JSON)', 'json', {
				required: true,
				default: '[]',
				description:
					'A list of CatalogObjects (up to 1,000); temporary IDs starting with # can refer to each other',
			}),
			idempotencyKey(),
		],
		scopes: ['ITEMS_WRITE'],
		docsUrl: `${REF}/catalog-api/batch-upsert-catalog-objects`,
	},
	{
		id: 'uploadImage',
		name: 'Upload Image',
		action: 'Upload a catalog image',
		description:
			'Upload a JPEG, PNG or GIF from binary data (up to 15 MB) as a catalog image, attached to an item or variation when given',
		method: 'POST',
		path: '/v2/catalog/images',
		// Multipart: a JSON part (`request`, with the item's idempotency key) and the image part (`image_file`).
		hook: 'uploadCatalogImage',
		fixedBody: { image: { type: 'IMAGE', id: '#image' } },
		params: [
			binaryFieldParam('The binary property of the input item that holds the image'),
			body('object_id', 'Attach To Object ID', 'string', {
				description:
					'The item or item variation the image belongs to; empty: an image attached to nothing yet',
			}),
			body('image.image_data.name', 'Image Name', 'string', {
				description: 'The image’s internal name; empty: the file name',
			}),
			body('image.image_data.caption', 'Caption', 'string', {
				description: 'A caption for the image (alt text)',
			}),
			body('is_primary', 'Primary Image', 'boolean', {
				description: 'Whether the image becomes the first image of the object it is attached to',
			}),
			idempotencyKey(),
		],
		scopes: ['ITEMS_WRITE'],
		docsUrl: `${REF}/catalog-api/create-catalog-image`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a catalog object',
		description: 'Delete a catalog object and its children (an item’s variations)',
		method: 'DELETE',
		path: '/v2/catalog/object/{objectId}',
		params: [OBJECT_ID],
		scopes: ['ITEMS_WRITE'],
		docsUrl: `${REF}/catalog-api/delete-catalog-object`,
	},
];

const INVENTORY_STATES = [
	'IN_STOCK',
	'SOLD',
	'RETURNED_BY_CUSTOMER',
	'RESERVED_FOR_SALE',
	'SOLD_ONLINE',
	'ORDERED_FROM_VENDOR',
	'RECEIVED_FROM_VENDOR',
	'IN_TRANSIT_TO',
	'NONE',
	'WASTE',
	'UNLINKED_RETURN',
	'COMPOSED',
	'DECOMPOSED',
	'IN_TRANSIT',
];
const stateOptions = enumOptions(INVENTORY_STATES);
/** One inventory change (the first of `changes`): which variation, where, how many, when. */
const change = (key: 'adjustment' | 'physical_count', quantityHelp: string): ParamSpec[] => [
	body(`changes.0.${key}.catalog_object_id`, 'Catalog Object ID', 'string', {
		required: true,
		default: '',
		placeholder: 'W62UWFY35CWMYGVWK6TWJDNI',
		description: 'The item variation whose stock changes',
	}),
	// An adjustment names where the units were and where they are after it (the same location for a change in
	// place); a physical count names the one location counted.
	...(key === 'adjustment'
		? [
				body('changes.0.adjustment.from_location_id', 'From Location ID', 'string', {
					required: true,
					default: '',
					description: `Where the units are tracked before the adjustment. ${LOCATION_ID}.`,
				}),
				body('changes.0.adjustment.to_location_id', 'To Location ID', 'string', {
					required: true,
					default: '',
					description:
						'Where the units are tracked after it: the same location for a change in place (e.g. a sale or stock received)',
				}),
			]
		: [
				body('changes.0.physical_count.location_id', 'Location ID', 'string', {
					required: true,
					default: '',
					description: LOCATION_ID,
				}),
			]),
	body(`changes.0.${key}.quantity`, 'Quantity', 'string', {
		required: true,
		default: '1',
		description: `${quantityHelp} (a decimal number as text, e.g. 3 or 1.5)`,
		validate: { pattern: '^\\d+(\\.\\d+)?$', patternHint: 'Use a positive number, e.g. 3 or 1.5.' },
	}),
	body(`changes.0.${key}.occurred_at`, 'Occurred At', 'string', {
		required: true,
		default: '={{ $now.toISO() }}',
		description: `When it happened (${RFC3339})`,
	}),
];

const inventoryOps: OperationSpec[] = [
	{
		id: 'batchRetrieveCounts',
		name: 'Get Counts',
		action: 'Get inventory counts',
		description: 'Current stock of item variations at locations (batch retrieve inventory counts)',
		method: 'POST',
		path: '/v2/inventory/counts/batch-retrieve',
		paginate: bodyPages('counts', 1000),
		params: [
			body('catalog_object_ids', 'Catalog Object IDs', 'stringList', {
				description: 'Only these item variations; none: every tracked one',
			}),
			body('location_ids', 'Location IDs', 'stringList', {
				description: 'Only these locations; none: every location',
			}),
			body('states', 'States', 'multiOptions', {
				options: stateOptions,
				default: ['IN_STOCK'],
				description: 'Only counts in these states; none: IN_STOCK',
			}),
			body('updated_after', 'Updated After', 'string', {
				description: `Only counts changed after this time (${RFC3339})`,
			}),
		],
		scopes: ['INVENTORY_READ'],
		docsUrl: `${REF}/inventory-api/batch-retrieve-inventory-counts`,
	},
	{
		id: 'adjust',
		name: 'Adjust',
		action: 'Adjust the stock of an item variation',
		description:
			'Move a quantity from one state to another (e.g. NONE → IN_STOCK when stock arrives, IN_STOCK → WASTE)',
		method: 'POST',
		path: '/v2/inventory/changes/batch-create',
		idempotencyKeyPath: IDEMPOTENCY,
		fixedBody: { changes: [{ type: 'ADJUSTMENT' }] },
		params: [
			...change('adjustment', 'How many units move'),
			body('changes.0.adjustment.from_state', 'From State', 'options', {
				required: true,
				options: stateOptions,
				default: 'NONE',
				description: 'The state the units leave (NONE for new stock)',
			}),
			body('changes.0.adjustment.to_state', 'To State', 'options', {
				required: true,
				options: stateOptions,
				default: 'IN_STOCK',
				description: 'The state the units enter',
			}),
			body('ignore_unchanged_counts', 'Ignore Unchanged Counts', 'boolean', {
				default: true,
				description: 'Whether a change that leaves the count as it is is left out',
			}),
			idempotencyKey(),
		],
		scopes: ['INVENTORY_WRITE'],
		docsUrl: `${REF}/inventory-api/batch-change-inventory`,
	},
	{
		id: 'physicalCount',
		name: 'Set Count',
		action: 'Set the counted stock of an item variation',
		description:
			'Record a physical count: the quantity in a state at a location becomes this number',
		method: 'POST',
		path: '/v2/inventory/changes/batch-create',
		idempotencyKeyPath: IDEMPOTENCY,
		fixedBody: { changes: [{ type: 'PHYSICAL_COUNT' }] },
		params: [
			...change('physical_count', 'The counted quantity'),
			body('changes.0.physical_count.state', 'State', 'options', {
				required: true,
				options: stateOptions,
				default: 'IN_STOCK',
				description: 'The state that was counted',
			}),
			body('ignore_unchanged_counts', 'Ignore Unchanged Counts', 'boolean', {
				default: true,
				description: 'Whether a count that equals the current one is left out',
			}),
			idempotencyKey(),
		],
		scopes: ['INVENTORY_WRITE'],
		docsUrl: `${REF}/inventory-api/batch-change-inventory`,
	},
	{
		id: 'batchChange',
		name: 'Batch Change',
		action: 'Apply many inventory changes',
		description: 'Apply up to 100 adjustments, physical counts and transfers in one request',
		method: 'POST',
		path: '/v2/inventory/changes/batch-create',
		idempotencyKeyPath: IDEMPOTENCY,
		params: [
			body('changes', 'Changes (JSON)', 'json', {
				required: true,
				default: '[]',
				description:
					'A list of InventoryChanges, each {"type": "ADJUSTMENT", "adjustment": {…}} or {"type": "PHYSICAL_COUNT", "physical_count": {…}}',
			}),
			body('ignore_unchanged_counts', 'Ignore Unchanged Counts', 'boolean', {
				default: true,
				description: 'Whether changes that leave a count as it is are left out',
			}),
			idempotencyKey(),
		],
		scopes: ['INVENTORY_WRITE'],
		docsUrl: `${REF}/inventory-api/batch-change-inventory`,
	},
];

const locationOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many locations',
		description: 'Every location of the seller (Square answers them in one page)',
		method: 'GET',
		path: '/v2/locations',
		response: { path: 'locations' },
		scopes: ['MERCHANT_PROFILE_READ'],
		docsUrl: `${REF}/locations-api/list-locations`,
	},
];

const ORDER_ID = pathId('orderId', 'Order ID', 'CAISENgvlJ6jLWAzERDzjyHVybY');
const orderOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create an order',
		method: 'POST',
		path: '/v2/orders',
		idempotencyKeyPath: IDEMPOTENCY,
		params: [
			body('order.location_id', 'Location ID', 'string', {
				required: true,
				default: '',
				description: `The location the order belongs to. ${LOCATION_ID}.`,
			}),
			body('order.line_items', 'Line Items (JSON)', 'json', {
				required: true,
				default:
					'[\n  { "name": "Coffee", "quantity": "1", "base_price_money": { "amount": 300, "currency": "USD" } }\n]',
				description:
					'The OrderLineItems: ad hoc ({"name", "quantity", "base_price_money"}) or of the catalog ({"catalog_object_id", "quantity"})',
			}),
			body('order.customer_id', 'Customer ID', 'string', {
				description: 'The customer the order is for',
			}),
			body('order.reference_id', 'Reference ID', 'string', {
				description: 'Your own ID for the order (up to 40 characters)',
			}),
			body('order.state', 'State', 'options', {
				options: enumOptions(['OPEN', 'DRAFT']),
				default: 'OPEN',
				description: 'OPEN (default) or DRAFT (not shown to the seller until opened)',
			}),
			body('order.taxes', 'Taxes (JSON)', 'json', {
				description:
					'OrderLineItemTaxes of the whole order, e.g. [{"name": "Sales Tax", "percentage": "8.5", "scope": "ORDER"}]',
			}),
			body('order.discounts', 'Discounts (JSON)', 'json', {
				description:
					'OrderLineItemDiscounts, e.g. [{"name": "Welcome", "percentage": "10", "scope": "ORDER"}]',
			}),
			idempotencyKey(),
		],
		scopes: ['ORDERS_WRITE'],
		response: { path: 'order' },
		docsUrl: `${REF}/orders-api/create-order`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get an order',
		method: 'GET',
		path: '/v2/orders/{orderId}',
		params: [ORDER_ID],
		scopes: ['ORDERS_READ'],
		response: { path: 'order' },
		docsUrl: `${REF}/orders-api/retrieve-order`,
	},
	{
		id: 'search',
		name: 'Search',
		action: 'Search orders',
		description: 'Orders of up to 10 locations, filtered by state, date, customer or source',
		method: 'POST',
		path: '/v2/orders/search',
		paginate: bodyPages('orders', 1000),
		params: [
			body('location_ids', 'Location IDs', 'stringList', {
				required: true,
				description: 'The locations whose orders to search (1 to 10)',
			}),
			body('query.filter.state_filter.states', 'States', 'multiOptions', {
				options: enumOptions(['OPEN', 'COMPLETED', 'CANCELED', 'DRAFT']),
				default: ['OPEN'],
				description: 'Only orders in these states',
			}),
			body('query.filter.customer_filter.customer_ids', 'Customer IDs', 'stringList', {
				description: 'Only orders of these customers',
			}),
			body('query', 'Query (JSON)', 'json', {
				description:
					'A whole SearchOrdersQuery ({"filter": {"date_time_filter": …}, "sort": {"sort_field": "CREATED_AT"}}) instead of the fields above',
			}),
		],
		scopes: ['ORDERS_READ'],
		docsUrl: `${REF}/orders-api/search-orders`,
	},
];

/** The seller the token acts for: the connection's label and the credential test. */
const merchantOps: OperationSpec[] = [
	{
		id: 'getMe',
		name: 'Get Me',
		action: 'Get the connected seller',
		description: 'The merchant (seller account) the credential acts for',
		method: 'GET',
		path: '/v2/merchants/me',
		scopes: ['MERCHANT_PROFILE_READ'],
		response: { path: 'merchant' },
		docsUrl: `${REF}/merchants-api/retrieve-merchant`,
	},
];

/**
 * Square's errors (`{"errors": [{"category", "code", "detail", "field"}]}`) in the seed's terms: the first error's
 * code and category decide. https://developer.squareup.com/reference/square/objects/Error
 */
const SQUARE_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'errors.0.code',
	fieldPath: 'errors.0.field',
	userMessagePath: 'errors.0.detail',
	rules: [
		{
			codes: ['INSUFFICIENT_SCOPES'],
			category: 'permission',
			reason: 'the seller did not grant the permission this needs ({errors.0.detail})',
		},
		{
			codes: ['ACCESS_TOKEN_EXPIRED'],
			category: 'auth',
			reason: 'the access token expired (Square access tokens last 30 days)',
		},
		{
			codes: ['ACCESS_TOKEN_REVOKED'],
			category: 'auth',
			reason: 'the seller revoked the access of this application',
		},
		{
			body: { path: 'errors.0.category', in: ['AUTHENTICATION_ERROR'] },
			category: 'auth',
			reason: 'Square rejected the access token ({errors.0.code}: {errors.0.detail})',
			fix: 'Reconnect {$credential} (a personal access token: copy it again from the Developer Console, with the Environment it belongs to), then run the workflow again.',
		},
		{ status: [401], category: 'auth' },
		{ status: [403], category: 'permission' },
		{ body: { path: 'errors.0.category', in: ['RATE_LIMIT_ERROR'] }, category: 'rateLimit' },
		{
			codes: ['IDEMPOTENCY_KEY_REUSED'],
			category: 'permanent',
			reason: 'its idempotency key was already used with another request ({errors.0.detail})',
			fix: 'Run the item as a new request (a new execution gets new keys), or give another Idempotency Key; a retried request must send the same fields.',
		},
		{
			codes: ['VERSION_MISMATCH', 'CONFLICT'],
			category: 'permanent',
			reason: 'the object changed since its version was read ({errors.0.detail})',
			fix: 'Get the object again and send its current version.',
		},
		{
			body: { path: 'errors.0.category', in: ['PAYMENT_METHOD_ERROR'] },
			category: 'permanent',
			reason: 'the payment method was declined ({errors.0.code}: {errors.0.detail})',
			fix: 'Ask the buyer for another card or payment method (or for their bank to approve the payment), then try again with a new payment.',
		},
		{
			body: { path: 'errors.0.category', in: ['REFUND_ERROR'] },
			category: 'permanent',
			reason: 'Square refused the refund ({errors.0.code}: {errors.0.detail})',
			fix: 'Check that the payment is completed and that the amount is not more than what is left to refund.',
		},
		{ status: [404], category: 'notFound' },
		{ codes: ['NOT_FOUND'], category: 'notFound' },
		{
			body: { path: 'errors.0.category', in: ['API_ERROR'] },
			category: 'transient',
		},
		{ codes: ['SERVICE_UNAVAILABLE', 'GATEWAY_TIMEOUT'], category: 'transient' },
		{
			body: { path: 'errors.0.category', in: ['INVALID_REQUEST_ERROR'] },
			category: 'invalid',
		},
	],
};

/** Square's signature (services.md § Square): base64 HMAC-SHA256 of the notification URL followed by the raw body. */
export const squareSignature: SignatureScheme = {
	header: 'x-square-hmacsha256-signature',
	algorithm: 'sha256',
	encoding: 'base64',
	signedPayload: '{url}{body}',
};

/** Event types a subscription can carry (Square has no "all events": a subscription names each one). */
const EVENTS: Array<[string, string]> = [
	['payment.created', 'A payment was created'],
	['payment.updated', 'A payment changed (approved, completed, canceled, failed)'],
	['refund.created', 'A refund was created'],
	['refund.updated', 'A refund changed state'],
	['order.created', 'An order was created'],
	['order.updated', 'An order changed'],
	['order.fulfillment.updated', 'An order fulfillment changed state'],
	['customer.created', 'A customer profile was created'],
	['customer.updated', 'A customer profile changed'],
	['customer.deleted', 'A customer profile was deleted'],
	['inventory.count.updated', 'The stock of an item variation changed'],
	['catalog.version.updated', 'The catalog changed (fetch the changes with Catalog → Search)'],
	['location.created', 'A location was created'],
	['location.updated', 'A location changed'],
	['invoice.created', 'An invoice was created'],
	['invoice.payment_made', 'An invoice was paid'],
	['dispute.created', 'A buyer disputed a payment'],
	['oauth.authorization.revoked', 'A seller revoked the access of the application'],
];

export const squareSpec: ServiceSpec = {
	id: 'square',
	displayName: 'Square',
	description: `Payments, refunds, customers, catalog, inventory, locations and orders in Square (Square-Version ${SQUARE_VERSION}), with safe retries (idempotency keys)`,
	docsUrl: REF,
	baseUrl: '{environment}',
	auth: [
		{ kind: 'bearer', credentialType: SQUARE_CREDENTIAL, displayName: 'Personal Access Token' },
		{
			kind: 'oauth2',
			credentialType: SQUARE_APP_CREDENTIAL,
			displayName: 'OAuth2',
			oauth2: SQUARE_OAUTH,
		},
	],
	credentialTest: { path: '/v2/merchants/me' },
	account: { path: '/v2/merchants/me', labelPath: 'merchant.business_name' },
	connection: {
		// POST /oauth2/revoke with the application's secret as `Authorization: Client <secret>`: ends the grant.
		revoke: {
			method: 'POST',
			path: '/oauth2/revoke',
			token: 'access',
			tokenIn: 'json',
			tokenParam: 'access_token',
			credentialTypes: [SQUARE_APP_CREDENTIAL],
			clientAuth: 'secretHeader',
			clientAuthScheme: 'Client',
		},
	},
	// Square publishes no numbers: a 429 (RATE_LIMIT_ERROR / RATE_LIMITED, no Retry-After, no budget headers) is
	// retried with exponential backoff, as Square's staff advise, and the connection learns its limit from them.
	errorCodes: SQUARE_ERROR_CODES,
	headers: { 'Square-Version': SQUARE_VERSION },
	resources: [
		{ id: 'payment', name: 'Payment', operations: paymentOps },
		{ id: 'refund', name: 'Refund', operations: refundOps },
		{ id: 'customer', name: 'Customer', operations: customerOps },
		{ id: 'catalog', name: 'Catalog', operations: catalogOps },
		{ id: 'inventory', name: 'Inventory', operations: inventoryOps },
		{ id: 'location', name: 'Location', operations: locationOps },
		{ id: 'order', name: 'Order', operations: orderOps },
		{ id: 'merchant', name: 'Merchant', operations: merchantOps },
	],
	webhook: {
		signature: squareSignature,
		events: EVENTS.map(([value, description]) => ({ name: value, value, description })),
		defaultEvents: ['payment.created'],
		eventsNote: `(payloads in Square-Version ${SQUARE_VERSION}, which the subscription is created with)`,
		register: 'api',
		hooks: { checkExists: 'webhookExists', create: 'webhookCreate', delete: 'webhookDelete' },
		eventPath: 'type',
		deliveryIdPath: 'event_id',
		byAuth: {
			// Webhook subscriptions belong to the application, not to a seller: Square's Webhook Subscriptions API takes
			// only the application's personal access token. With OAuth, the subscription is made in the Developer
			// Console (it covers every seller who authorized the app) and its signature key is pasted into the trigger.
			[SQUARE_APP_CREDENTIAL]: { register: 'manual' },
		},
	},
};

export const squareDefinition: ServiceDefinition = { spec: squareSpec, hooks: squareHooks };
