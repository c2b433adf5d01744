/**
 * Shopify's GraphQL Admin API as data: products (created with options and variants through `productSet`),
 * variants, orders, draft orders, refunds, metafields, fulfillment orders and fulfillments, inventory, locations and
 * customers. Every operation is a
 * document sent to `POST /admin/api/{version}/graphql.json`, its variables built from the fields, its result and
 * `userErrors` read at their paths. Limits are cost-based (`extensions.cost`); lists page with `pageInfo`; the
 * trigger registers webhook subscriptions through the API and verifies `X-Shopify-Hmac-Sha256` with the app's
 * client secret. Facts: /work/shared/reference/services.md § Shopify, https://shopify.dev/docs/api/admin-graphql.
 */
import { enumOptions } from '../../lib/spec/params';
import type {
	OperationSpec,
	PaginationSpec,
	ParamSpec,
	ParamType,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import { SHOPIFY_EVENTS } from './Shopify.events';
import { shopifyHooks } from './Shopify.hooks';
import { SHOPIFY_API_VERSION, SHOPIFY_OAUTH } from './Shopify.oauth';
export { SHOPIFY_API_VERSION, SHOPIFY_OAUTH } from './Shopify.oauth';

export const SHOPIFY_TOKEN_CREDENTIAL = 'apiConnShopifyApi';
export const SHOPIFY_APP_CREDENTIAL = 'apiConnShopifyOAuth2Api';

const DOCS = 'https://shopify.dev/docs/api/admin-graphql/latest';

/** One GraphQL field of an operation: a variable at `path` inside `variables`. */
function v(
	name: string,
	path: string,
	displayName: string,
	type: ParamType,
	extra: Partial<ParamSpec> = {},
): ParamSpec {
	return {
		displayName,
		name,
		in: 'body',
		type,
		default: type === 'boolean' ? false : type === 'number' ? 0 : '',
		...(path !== name ? { bodyPath: path } : {}),
		...extra,
	};
}

/** A required global ID (`gid://shopify/Product/123`). */
const gid = (name: string, path: string, what: string): ParamSpec =>
	v(name, path, `${what} ID`, 'string', {
		required: true,
		placeholder: `gid://shopify/${what.replace(/ /g, '')}/1234567890`,
		description: `The ${what.toLowerCase()}'s global ID (gid://shopify/${what.replace(/ /g, '')}/…), as the API returns it`,
		validate: {
			pattern: `^gid://shopify/${what.replace(/ /g, '')}/[0-9]+$`,
			patternHint: `Use the global ID, e.g. gid://shopify/${what.replace(/ /g, '')}/1234567890.`,
		},
	});

interface GraphqlOp {
	id: string;
	name: string;
	action: string;
	document: string;
	/** The root field of the answer (`productCreate`); the result is `data.<root>` unless `result` says more. */
	root: string;
	result?: string;
	mutation?: boolean;
	/** The user-errors list under the root when it is not `userErrors` (`orderCancelUserErrors`). */
	userErrors?: string;
	params?: ParamSpec[];
	scopes: string[];
	docs: string;
	paginate?: PaginationSpec;
	/** Several items' one-element lists in one request (`variables.<list>`), the answer's list at `data.<root>.<answer>`. */
	batch?: { list: string; answer: string; size: number };
	/** A `shape` hook (the metafield owner's scopes). */
	shape?: string;
}

/** A GraphQL operation as data: POST graphql.json, the document, the result path and (mutations) `userErrors`. */
function op(o: GraphqlOp): OperationSpec {
	const at = `data.${o.root}`;
	return {
		id: o.id,
		name: o.name,
		action: o.action,
		method: 'POST',
		path: '/graphql.json',
		graphql: {
			document: o.document,
			...(o.mutation ? { userErrorsPath: `${at}.${o.userErrors ?? 'userErrors'}` } : {}),
		},
		// A query changes nothing: it may be sent again; a mutation is sent again only when it surely never arrived.
		idempotent: !o.mutation,
		cacheable: false,
		params: o.params,
		response: { path: o.result ?? at },
		...(o.paginate ? { paginate: o.paginate } : {}),
		...(o.batch
			? {
					listBatch: {
						size: o.batch.size,
						in: 'body' as const,
						list: `variables.${o.batch.list}`,
						answerList: `${at}.${o.batch.answer}`,
					},
				}
			: {}),
		...(o.shape ? { shape: o.shape } : {}),
		scopes: o.scopes,
		docsUrl: `${DOCS}/${o.mutation ? 'mutations' : 'queries'}/${o.docs}`,
	};
}

/**
 * Cursor paging over `pageInfo { hasNextPage endCursor }` of the connection at `connection`. The page size keeps a
 * page's requested cost under the 1,000 points one query may cost (a connection costs 2 + `first` × its node's
 * cost, nested connections included).
 */
function pages(connection: string, pageSize: number): PaginationSpec {
	return {
		type: 'cursor',
		paramsIn: 'body',
		cursorParam: 'variables.after',
		limitParam: 'variables.first',
		pageSize,
		itemsPath: `${connection}.nodes`,
		nextCursorPath: `${connection}.pageInfo.endCursor`,
		hasMorePath: `${connection}.pageInfo.hasNextPage`,
	};
}

const searchQuery = (what: string, example: string): ParamSpec =>
	v('query', 'query', 'Search Query', 'string', {
		placeholder: example,
		description: `Shopify's search syntax over ${what} (e.g. ${example}); empty lists all`,
	});
const sortKey = (values: string[]): ParamSpec =>
	v('sortKey', 'sortKey', 'Sort Key', 'options', {
		options: enumOptions(values, { id: 'ID', po: 'PO' }),
		default: values[0],
		description: 'The field to sort by (sortKey)',
	});
const reverse = v('reverse', 'reverse', 'Reverse', 'boolean', {
	description: 'Whether to reverse the order (newest first with Created At)',
});
const tags = (path: string, what: string): ParamSpec =>
	v('tags', path, 'Tags', 'stringList', {
		placeholder: 'summer, sale',
		description: `Comma-separated tags of the ${what} (replace its tags)`,
	});

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
const USER_ERRORS = 'userErrors { field message }';
const CODED_USER_ERRORS = 'userErrors { field message code }';

const VARIANT_FIELDS =
	'id title sku price compareAtPrice inventoryPolicy inventoryQuantity inventoryItem { id } selectedOptions { name value }';
/** A product with its first `variants` variants (100 for one product; fewer in a list, for the query's cost). */
const productSelection = (variants: number) =>
	`id title handle status vendor productType tags descriptionHtml createdAt updatedAt options { id name values } variants(first: ${variants}) { nodes { ${VARIANT_FIELDS} } }`;
const PRODUCT_FIELDS = productSelection(100);
/** An order with its first `lineItems` line items (50 for one order; fewer in a list, for the query's cost). */
const orderFields = (lineItems: number) =>
	`id name email createdAt closed cancelledAt note tags displayFinancialStatus displayFulfillmentStatus totalPriceSet { shopMoney { amount currencyCode } } customer { id } lineItems(first: ${lineItems}) { nodes { id title sku quantity variant { id } } }`;
const ORDER_FIELDS = orderFields(50);
const CUSTOMER_FIELDS =
	'id firstName lastName email phone note tags numberOfOrders amountSpent { amount currencyCode } createdAt updatedAt';
const FULFILLMENT_ORDER_FIELDS =
	'id status requestStatus assignedLocation { name location { id } } lineItems(first: 20) { nodes { id remainingQuantity totalQuantity lineItem { id title sku } } }';
const LOCATION_FIELDS =
	'id name isActive fulfillsOnlineOrders address { address1 city countryCode zip }';
const INVENTORY_LEVEL_FIELDS =
	'id location { id name } quantities(names: ["available", "on_hand", "committed", "incoming"]) { name quantity }';

const METAFIELD_FIELDS = 'id namespace key type value compareDigest ownerType createdAt updatedAt';
const MONEY = '{ shopMoney { amount currencyCode } }';
/** A draft order with its first `lineItems` line items (50 for one draft order; fewer in a list, for the cost). */
const draftOrderFields = (lineItems: number) =>
	`id name status email note2 tags ready invoiceUrl invoiceSentAt completedAt createdAt updatedAt totalPriceSet ${MONEY} customer { id } order { id name } lineItems(first: ${lineItems}) { nodes { id title sku quantity variant { id } originalUnitPriceSet ${MONEY} } }`;
const DRAFT_ORDER_FIELDS = draftOrderFields(50);

const PRODUCT_STATUS = enumOptions(['ACTIVE', 'DRAFT', 'ARCHIVED']);

const READ_PRODUCTS = ['read_products'];
const WRITE_PRODUCTS = ['write_products'];
const READ_ORDERS = ['read_orders'];
const WRITE_ORDERS = ['write_orders'];
const READ_CUSTOMERS = ['read_customers'];
const WRITE_CUSTOMERS = ['write_customers'];
const READ_INVENTORY = ['read_inventory'];
const WRITE_INVENTORY = ['write_inventory'];
const READ_DRAFT_ORDERS = ['read_draft_orders'];
const WRITE_DRAFT_ORDERS = ['write_draft_orders'];
const FULFILL = [
	'read_merchant_managed_fulfillment_orders',
	'write_merchant_managed_fulfillment_orders',
];

/** A mailing address as JSON (MailingAddressInput). */
const address = (path: string, which: string): ParamSpec =>
	v(
		`${which}Address`,
		path,
		`${which === 'billing' ? 'Billing' : 'Shipping'} Address (JSON)`,
		'json',
		{
			placeholder:
				'{"firstName": "Bob", "lastName": "Norman", "address1": "Chestnut Street 92", "city": "Louisville", "provinceCode": "KY", "countryCode": "US", "zip": "40202"}',
			description: `The ${which} address (MailingAddressInput: firstName, lastName, company, address1, address2, city, provinceCode, countryCode, zip, phone)`,
		},
	);

const productFields = (root: string): ParamSpec[] => [
	v('descriptionHtml', `${root}.descriptionHtml`, 'Description (HTML)', 'string', {
		description: 'The product description, HTML allowed (descriptionHtml)',
	}),
	v('vendor', `${root}.vendor`, 'Vendor', 'string'),
	v('productType', `${root}.productType`, 'Product Type', 'string'),
	v('handle', `${root}.handle`, 'Handle', 'string', {
		description: 'The URL handle (made from the title when empty)',
	}),
	tags(`${root}.tags`, 'product'),
	v('status', `${root}.status`, 'Status', 'options', {
		options: PRODUCT_STATUS,
		default: 'ACTIVE',
		description: 'ACTIVE (sold), DRAFT (hidden) or ARCHIVED',
	}),
];

const productOps: OperationSpec[] = [
	op({
		id: 'create',
		name: 'Create',
		action: 'Create a product',
		// productSet creates the product with all its options and variants in one mutation (productCreate makes
		// only the first variant).
		document: `mutation productSet($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { ${PRODUCT_FIELDS} } ${CODED_USER_ERRORS} } }`,
		root: 'productSet',
		result: 'data.productSet.product',
		mutation: true,
		params: [
			v('title', 'input.title', 'Title', 'string', { required: true }),
			...productFields('input'),
			v('productOptions', 'input.productOptions', 'Options (JSON)', 'json', {
				placeholder: '[{"name": "Size", "values": [{"name": "S"}, {"name": "M"}]}]',
				description:
					'The options and their values (productOptions: OptionSetInput list); every variant picks one value of each',
			}),
			v('variants', 'input.variants', 'Variants (JSON)', 'json', {
				placeholder:
					'[{"optionValues": [{"optionName": "Size", "name": "S"}], "price": "19.99", "sku": "TEE-S", "inventoryPolicy": "DENY"}]',
				description:
					'The variants (variants: ProductVariantSetInput list): optionValues, price, compareAtPrice, sku, barcode, inventoryPolicy',
			}),
		],
		scopes: WRITE_PRODUCTS,
		docs: 'productSet',
	}),
	op({
		id: 'delete',
		name: 'Delete',
		action: 'Delete a product',
		document: `mutation productDelete($input: ProductDeleteInput!) { productDelete(input: $input) { deletedProductId ${USER_ERRORS} } }`,
		root: 'productDelete',
		mutation: true,
		params: [gid('productId', 'input.id', 'Product')],
		scopes: WRITE_PRODUCTS,
		docs: 'productDelete',
	}),
	op({
		id: 'get',
		name: 'Get',
		action: 'Get a product',
		document: `query product($id: ID!) { product(id: $id) { ${PRODUCT_FIELDS} } }`,
		root: 'product',
		params: [gid('productId', 'id', 'Product')],
		scopes: READ_PRODUCTS,
		docs: 'product',
	}),
	op({
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many products',
		document: `query products($first: Int!, $after: String, $query: String, $sortKey: ProductSortKeys, $reverse: Boolean) { products(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) { nodes { ${productSelection(10)} } ${PAGE_INFO} } }`,
		root: 'products',
		params: [
			searchQuery('products', 'status:active vendor:Acme'),
			sortKey([
				'ID',
				'TITLE',
				'CREATED_AT',
				'UPDATED_AT',
				'PRODUCT_TYPE',
				'VENDOR',
				'INVENTORY_TOTAL',
			]),
			reverse,
		],
		paginate: pages('data.products', 25),
		scopes: READ_PRODUCTS,
		docs: 'products',
	}),
	op({
		id: 'update',
		name: 'Update',
		action: 'Update a product',
		document: `mutation productUpdate($product: ProductUpdateInput!) { productUpdate(product: $product) { product { ${PRODUCT_FIELDS} } ${USER_ERRORS} } }`,
		root: 'productUpdate',
		result: 'data.productUpdate.product',
		mutation: true,
		params: [
			gid('productId', 'product.id', 'Product'),
			v('title', 'product.title', 'Title', 'string'),
			...productFields('product'),
		],
		scopes: WRITE_PRODUCTS,
		docs: 'productUpdate',
	}),
];

const variantOps: OperationSpec[] = [
	op({
		id: 'update',
		name: 'Update',
		action: 'Update a product variant',
		// One variant per item through the bulk mutation (Shopify's way to update variants since 2024-04); with Batch
		// Items, the variants of one product (items with the same product and fields) go in one mutation, 25 at most.
		document: `mutation productVariantsBulkUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $productId, variants: $variants) { productVariants { ${VARIANT_FIELDS} } ${CODED_USER_ERRORS} } }`,
		root: 'productVariantsBulkUpdate',
		result: 'data.productVariantsBulkUpdate.productVariants',
		mutation: true,
		params: [
			gid('productId', 'productId', 'Product'),
			gid('variantId', 'variants[0].id', 'Product Variant'),
			v('price', 'variants[0].price', 'Price', 'string', {
				placeholder: '19.99',
				description: 'The price (Money, a decimal text)',
			}),
			v('compareAtPrice', 'variants[0].compareAtPrice', 'Compare-at Price', 'string', {
				placeholder: '24.99',
			}),
			v('sku', 'variants[0].inventoryItem.sku', 'SKU', 'string', {
				description: "The variant's SKU (inventoryItem.sku)",
			}),
			v('barcode', 'variants[0].barcode', 'Barcode', 'string'),
			v('inventoryPolicy', 'variants[0].inventoryPolicy', 'Inventory Policy', 'options', {
				options: [
					{ name: 'Deny', value: 'DENY', description: 'Stop selling when out of stock' },
					{ name: 'Continue', value: 'CONTINUE', description: 'Keep selling when out of stock' },
				],
				default: 'DENY',
			}),
		],
		batch: { list: 'variants', answer: 'productVariants', size: 25 },
		scopes: WRITE_PRODUCTS,
		docs: 'productVariantsBulkUpdate',
	}),
];

const orderOps: OperationSpec[] = [
	op({
		id: 'addTags',
		name: 'Add Tags',
		action: 'Add tags to an order',
		document: `mutation tagsAdd($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id } ${USER_ERRORS} } }`,
		root: 'tagsAdd',
		result: 'data.tagsAdd.node',
		mutation: true,
		params: [
			gid('orderId', 'id', 'Order'),
			v('tags', 'tags', 'Tags', 'stringList', {
				required: true,
				placeholder: 'vip, gift',
				description: 'Comma-separated tags to add (the others stay)',
			}),
		],
		scopes: WRITE_ORDERS,
		docs: 'tagsAdd',
	}),
	op({
		id: 'cancel',
		name: 'Cancel',
		action: 'Cancel an order',
		document:
			'mutation orderCancel($orderId: ID!, $reason: OrderCancelReason!, $refund: Boolean!, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) { orderCancel(orderId: $orderId, reason: $reason, refund: $refund, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote) { job { id done } orderCancelUserErrors { field message code } } }',
		root: 'orderCancel',
		mutation: true,
		userErrors: 'orderCancelUserErrors',
		params: [
			gid('orderId', 'orderId', 'Order'),
			v('reason', 'reason', 'Reason', 'options', {
				required: true,
				options: enumOptions(['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'STAFF', 'OTHER']),
				default: 'CUSTOMER',
			}),
			v('refund', 'refund', 'Refund', 'boolean', {
				required: true,
				description: 'Whether to refund the amount paid',
			}),
			v('restock', 'restock', 'Restock', 'boolean', {
				required: true,
				description: 'Whether to put the items back in stock',
			}),
			v('notifyCustomer', 'notifyCustomer', 'Notify Customer', 'boolean'),
			v('staffNote', 'staffNote', 'Staff Note', 'string'),
		],
		scopes: WRITE_ORDERS,
		docs: 'orderCancel',
	}),
	op({
		id: 'close',
		name: 'Close',
		action: 'Close an order',
		document: `mutation orderClose($input: OrderCloseInput!) { orderClose(input: $input) { order { id closed closedAt } ${USER_ERRORS} } }`,
		root: 'orderClose',
		result: 'data.orderClose.order',
		mutation: true,
		params: [gid('orderId', 'input.id', 'Order')],
		scopes: WRITE_ORDERS,
		docs: 'orderClose',
	}),
	op({
		id: 'create',
		name: 'Create',
		action: 'Create an order',
		// orderCreate makes an order without checkout (imported or taken elsewhere): line items, customer, addresses
		// and the financial status it is already in; no payment is taken.
		document: `mutation orderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) { orderCreate(order: $order, options: $options) { order { ${ORDER_FIELDS} } ${CODED_USER_ERRORS} } }`,
		root: 'orderCreate',
		result: 'data.orderCreate.order',
		mutation: true,
		params: [
			v('lineItems', 'order.lineItems', 'Line Items (JSON)', 'json', {
				required: true,
				default: '[]',
				placeholder:
					'[{"variantId": "gid://shopify/ProductVariant/43729076", "quantity": 2}, {"title": "Gift wrap", "quantity": 1, "priceSet": {"shopMoney": {"amount": "5.00", "currencyCode": "USD"}}}]',
				description:
					'The line items (OrderCreateLineItemInput list): a variant and quantity, or a title, quantity and priceSet for a custom item',
			}),
			v('email', 'order.email', 'Email', 'string', { placeholder: 'name@email.com' }),
			v('customerId', 'order.customer.toAssociate.id', 'Customer ID', 'string', {
				placeholder: 'gid://shopify/Customer/1234567890',
				description: "An existing customer's global ID to associate the order with",
				validate: {
					pattern: '^gid://shopify/Customer/[0-9]+$',
					patternHint: 'Use the global ID, e.g. gid://shopify/Customer/1234567890.',
				},
			}),
			v('financialStatus', 'order.financialStatus', 'Financial Status', 'options', {
				options: enumOptions([
					'PENDING',
					'AUTHORIZED',
					'PARTIALLY_PAID',
					'PAID',
					'PARTIALLY_REFUNDED',
					'REFUNDED',
					'VOIDED',
					'EXPIRED',
				]),
				default: 'PENDING',
				description: 'The payment state the order is created in (no payment is taken)',
			}),
			address('order.billingAddress', 'billing'),
			address('order.shippingAddress', 'shipping'),
			v('currency', 'order.currency', 'Currency', 'string', {
				placeholder: 'USD',
				description: "The order's currency code (the shop's currency when empty)",
			}),
			v('note', 'order.note', 'Note', 'string'),
			tags('order.tags', 'order'),
			v('test', 'order.test', 'Test', 'boolean', {
				description: 'Whether this is a test order',
			}),
			v('transactions', 'order.transactions', 'Transactions (JSON)', 'json', {
				placeholder:
					'[{"kind": "SALE", "status": "SUCCESS", "amountSet": {"shopMoney": {"amount": "39.98", "currencyCode": "USD"}}}]',
				description: 'Payments already made (OrderCreateOrderTransactionInput list)',
			}),
			v('sendReceipt', 'options.sendReceipt', 'Send Receipt', 'boolean', {
				description: 'Whether to e-mail the customer the order confirmation',
			}),
			v('inventoryBehaviour', 'options.inventoryBehaviour', 'Inventory Behaviour', 'options', {
				options: [
					{ name: 'Bypass', value: 'BYPASS', description: 'Do not change inventory' },
					{
						name: 'Decrement Ignoring Policy',
						value: 'DECREMENT_IGNORING_POLICY',
						description: 'Take the items from stock even below zero',
					},
					{
						name: 'Decrement Obeying Policy',
						value: 'DECREMENT_OBEYING_POLICY',
						description: "Take the items from stock, refusing what the variant's policy refuses",
					},
				],
				default: 'BYPASS',
			}),
		],
		scopes: WRITE_ORDERS,
		docs: 'orderCreate',
	}),
	op({
		id: 'delete',
		name: 'Delete',
		action: 'Delete an order',
		document: `mutation orderDelete($orderId: ID!) { orderDelete(orderId: $orderId) { deletedId ${CODED_USER_ERRORS} } }`,
		root: 'orderDelete',
		mutation: true,
		params: [gid('orderId', 'orderId', 'Order')],
		scopes: WRITE_ORDERS,
		docs: 'orderDelete',
	}),
	op({
		id: 'get',
		name: 'Get',
		action: 'Get an order',
		document: `query order($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
		root: 'order',
		params: [gid('orderId', 'id', 'Order')],
		scopes: READ_ORDERS,
		docs: 'order',
	}),
	op({
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many orders',
		document: `query orders($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys, $reverse: Boolean) { orders(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) { nodes { ${orderFields(10)} } ${PAGE_INFO} } }`,
		root: 'orders',
		params: [
			searchQuery(
				'orders',
				'financial_status:paid fulfillment_status:unshipped created_at:>=2026-01-01',
			),
			sortKey([
				'PROCESSED_AT',
				'CREATED_AT',
				'UPDATED_AT',
				'ID',
				'ORDER_NUMBER',
				'TOTAL_PRICE',
				'CUSTOMER_NAME',
				'FINANCIAL_STATUS',
				'FULFILLMENT_STATUS',
			]),
			reverse,
		],
		paginate: pages('data.orders', 25),
		scopes: READ_ORDERS,
		docs: 'orders',
	}),
	op({
		id: 'markAsPaid',
		name: 'Mark as Paid',
		action: 'Mark an order as paid',
		document: `mutation orderMarkAsPaid($input: OrderMarkAsPaidInput!) { orderMarkAsPaid(input: $input) { order { id displayFinancialStatus } ${USER_ERRORS} } }`,
		root: 'orderMarkAsPaid',
		result: 'data.orderMarkAsPaid.order',
		mutation: true,
		params: [gid('orderId', 'input.id', 'Order')],
		scopes: WRITE_ORDERS,
		docs: 'orderMarkAsPaid',
	}),
	op({
		id: 'update',
		name: 'Update',
		action: 'Update an order note or tags',
		document: `mutation orderUpdate($input: OrderInput!) { orderUpdate(input: $input) { order { id note tags email } ${USER_ERRORS} } }`,
		root: 'orderUpdate',
		result: 'data.orderUpdate.order',
		mutation: true,
		params: [
			gid('orderId', 'input.id', 'Order'),
			v('note', 'input.note', 'Note', 'string', { description: 'The order note shown to staff' }),
			tags('input.tags', 'order'),
			v('email', 'input.email', 'Email', 'string', { placeholder: 'name@email.com' }),
		],
		scopes: WRITE_ORDERS,
		docs: 'orderUpdate',
	}),
];

const fulfillmentOrderOps: OperationSpec[] = [
	op({
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the fulfillment orders of an order',
		document: `query fulfillmentOrders($id: ID!, $first: Int!, $after: String) { order(id: $id) { fulfillmentOrders(first: $first, after: $after) { nodes { ${FULFILLMENT_ORDER_FIELDS} } ${PAGE_INFO} } } }`,
		root: 'order',
		params: [gid('orderId', 'id', 'Order')],
		paginate: pages('data.order.fulfillmentOrders', 10),
		scopes: [...READ_ORDERS, FULFILL[0]],
		docs: 'order',
	}),
];

const fulfillmentOps: OperationSpec[] = [
	op({
		id: 'create',
		name: 'Create',
		action: 'Create a fulfillment with tracking',
		document: `mutation fulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) { fulfillmentCreate(fulfillment: $fulfillment, message: $message) { fulfillment { id status trackingInfo { company number url } } ${USER_ERRORS} } }`,
		root: 'fulfillmentCreate',
		result: 'data.fulfillmentCreate.fulfillment',
		mutation: true,
		params: [
			gid(
				'fulfillmentOrderId',
				'fulfillment.lineItemsByFulfillmentOrder[0].fulfillmentOrderId',
				'Fulfillment Order',
			),
			v('trackingCompany', 'fulfillment.trackingInfo.company', 'Tracking Company', 'string', {
				placeholder: 'UPS',
			}),
			v('trackingNumber', 'fulfillment.trackingInfo.number', 'Tracking Number', 'string'),
			v('trackingUrl', 'fulfillment.trackingInfo.url', 'Tracking URL', 'string', {
				placeholder: 'https://www.ups.com/track?tracknum=1Z…',
			}),
			v('notifyCustomer', 'fulfillment.notifyCustomer', 'Notify Customer', 'boolean', {
				description: 'Whether to e-mail the customer the shipping confirmation',
			}),
			v(
				'fulfillmentOrderLineItems',
				'fulfillment.lineItemsByFulfillmentOrder[0].fulfillmentOrderLineItems',
				'Line Items (JSON)',
				'json',
				{
					description:
						"Only these fulfillment order line items and quantities: a list of objects with the line item's global ID and the quantity (empty: all that remain)",
				},
			),
			v('message', 'message', 'Message', 'string'),
		],
		scopes: FULFILL.slice(1),
		docs: 'fulfillmentCreate',
	}),
];

const inventoryFields = (quantityName: string): ParamSpec[] => [
	v('name', 'input.name', 'Quantity Name', 'options', {
		required: true,
		options: [
			{ name: 'Available', value: 'available' },
			{ name: 'On Hand', value: 'on_hand' },
		],
		default: 'available',
		description: `Which quantity to ${quantityName}`,
	}),
	v('reason', 'input.reason', 'Reason', 'options', {
		required: true,
		options: enumOptions([
			'correction',
			'cycle_count_available',
			'damaged',
			'movement_created',
			'other',
			'promotion',
			'quality_control',
			'received',
			'reservation_created',
			'restock',
			'safety_stock',
			'shrinkage',
		]),
		default: 'correction',
		description: "Shopify's reason code for the change",
	}),
];

const inventoryOps: OperationSpec[] = [
	op({
		id: 'adjust',
		name: 'Adjust Quantity',
		action: 'Adjust an inventory quantity',
		document: `mutation inventoryAdjustQuantities($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) { inventoryAdjustmentGroup { createdAt reason changes { name delta } } ${CODED_USER_ERRORS} } }`,
		root: 'inventoryAdjustQuantities',
		result: 'data.inventoryAdjustQuantities.inventoryAdjustmentGroup',
		mutation: true,
		params: [
			gid('inventoryItemId', 'input.changes[0].inventoryItemId', 'Inventory Item'),
			gid('locationId', 'input.changes[0].locationId', 'Location'),
			v('delta', 'input.changes[0].delta', 'Delta', 'number', {
				required: true,
				default: 1,
				description: 'How much to add (negative: remove)',
			}),
			...inventoryFields('change'),
		],
		scopes: WRITE_INVENTORY,
		docs: 'inventoryAdjustQuantities',
	}),
	op({
		id: 'getLevels',
		name: 'Get Levels',
		action: 'Get inventory levels at locations',
		document: `query inventoryLevels($id: ID!, $first: Int!, $after: String) { inventoryItem(id: $id) { inventoryLevels(first: $first, after: $after) { nodes { ${INVENTORY_LEVEL_FIELDS} } ${PAGE_INFO} } } }`,
		root: 'inventoryItem',
		params: [gid('inventoryItemId', 'id', 'Inventory Item')],
		paginate: pages('data.inventoryItem.inventoryLevels', 100),
		scopes: READ_INVENTORY,
		docs: 'inventoryItem',
	}),
	op({
		id: 'set',
		name: 'Set Quantity',
		action: 'Set an inventory quantity',
		document: `mutation inventorySetQuantities($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { createdAt reason changes { name delta } } ${CODED_USER_ERRORS} } }`,
		root: 'inventorySetQuantities',
		result: 'data.inventorySetQuantities.inventoryAdjustmentGroup',
		mutation: true,
		params: [
			gid('inventoryItemId', 'input.quantities[0].inventoryItemId', 'Inventory Item'),
			gid('locationId', 'input.quantities[0].locationId', 'Location'),
			v('quantity', 'input.quantities[0].quantity', 'Quantity', 'number', {
				required: true,
				description: 'The new quantity',
			}),
			...inventoryFields('set'),
			v('compareQuantity', 'input.quantities[0].compareQuantity', 'Compare Quantity', 'number', {
				description:
					'Set only if the quantity is still this (compare-and-set); empty: set whatever it is',
			}),
		],
		scopes: WRITE_INVENTORY,
		docs: 'inventorySetQuantities',
	}),
];

const locationOps: OperationSpec[] = [
	op({
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many locations',
		document: `query locations($first: Int!, $after: String, $query: String, $includeInactive: Boolean) { locations(first: $first, after: $after, query: $query, includeInactive: $includeInactive) { nodes { ${LOCATION_FIELDS} } ${PAGE_INFO} } }`,
		root: 'locations',
		params: [
			searchQuery('locations', 'name:Warehouse'),
			v('includeInactive', 'includeInactive', 'Include Inactive', 'boolean'),
		],
		paginate: pages('data.locations', 100),
		scopes: ['read_locations'],
		docs: 'locations',
	}),
];

const customerFields = (root: string): ParamSpec[] => [
	v('firstName', `${root}.firstName`, 'First Name', 'string'),
	v('lastName', `${root}.lastName`, 'Last Name', 'string'),
	v('phone', `${root}.phone`, 'Phone', 'string', {
		placeholder: '+16135551111',
		description: 'E.164 phone number',
	}),
	v('note', `${root}.note`, 'Note', 'string'),
	tags(`${root}.tags`, 'customer'),
];

const customerOps: OperationSpec[] = [
	op({
		id: 'create',
		name: 'Create',
		action: 'Create a customer',
		document: `mutation customerCreate($input: CustomerInput!) { customerCreate(input: $input) { customer { ${CUSTOMER_FIELDS} } ${USER_ERRORS} } }`,
		root: 'customerCreate',
		result: 'data.customerCreate.customer',
		mutation: true,
		params: [
			v('email', 'input.email', 'Email', 'string', {
				required: true,
				placeholder: 'name@email.com',
			}),
			...customerFields('input'),
		],
		scopes: WRITE_CUSTOMERS,
		docs: 'customerCreate',
	}),
	op({
		id: 'get',
		name: 'Get',
		action: 'Get a customer',
		document: `query customer($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS} } }`,
		root: 'customer',
		params: [gid('customerId', 'id', 'Customer')],
		scopes: READ_CUSTOMERS,
		docs: 'customer',
	}),
	op({
		id: 'search',
		name: 'Search',
		action: 'Search customers',
		document: `query customers($first: Int!, $after: String, $query: String, $sortKey: CustomerSortKeys, $reverse: Boolean) { customers(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) { nodes { ${CUSTOMER_FIELDS} } ${PAGE_INFO} } }`,
		root: 'customers',
		params: [
			searchQuery('customers', 'email:bob@example.com'),
			sortKey(['ID', 'NAME', 'CREATED_AT', 'UPDATED_AT', 'LOCATION']),
			reverse,
		],
		paginate: pages('data.customers', 100),
		scopes: READ_CUSTOMERS,
		docs: 'customers',
	}),
	op({
		id: 'update',
		name: 'Update',
		action: 'Update a customer',
		document: `mutation customerUpdate($input: CustomerInput!) { customerUpdate(input: $input) { customer { ${CUSTOMER_FIELDS} } ${USER_ERRORS} } }`,
		root: 'customerUpdate',
		result: 'data.customerUpdate.customer',
		mutation: true,
		params: [
			gid('customerId', 'input.id', 'Customer'),
			v('email', 'input.email', 'Email', 'string', { placeholder: 'name@email.com' }),
			...customerFields('input'),
		],
		scopes: WRITE_CUSTOMERS,
		docs: 'customerUpdate',
	}),
];

/** The records whose metafields the node reads and writes; each needs its own access scope (`Shopify.hooks.ts`). */
export const METAFIELD_OWNERS = ['Product', 'ProductVariant', 'Customer', 'Order', 'DraftOrder'];
const owner = (path: string): ParamSpec =>
	v('ownerId', path, 'Owner ID', 'string', {
		required: true,
		placeholder: 'gid://shopify/Product/1234567890',
		description:
			'The global ID of the product, variant, customer, order or draft order the metafields belong to (its access scope applies)',
		validate: {
			pattern: `^gid://shopify/(${METAFIELD_OWNERS.join('|')})/[0-9]+$`,
			patternHint:
				'Use the global ID of a product, variant, customer, order or draft order, e.g. gid://shopify/Product/1234567890.',
		},
	});
const namespace = (path: string, required: boolean): ParamSpec =>
	v('namespace', path, 'Namespace', 'string', {
		...(required ? { required: true } : {}),
		placeholder: 'custom',
		description: required
			? 'The namespace the key is in (custom: the metafields made in the admin)'
			: "The namespace the key is in (empty: the app's own namespace)",
	});
const key = (path: string): ParamSpec =>
	v('key', path, 'Key', 'string', { required: true, placeholder: 'care_guide' });
/** Read on the owner: the scopes of each owner's records (the hook names the one of the item's owner). */
const METAFIELD_READ = ['read_products', 'read_customers', 'read_orders', 'read_draft_orders'];
const METAFIELD_WRITE = ['write_products', 'write_customers', 'write_orders', 'write_draft_orders'];

const metafieldOps: OperationSpec[] = [
	op({
		id: 'delete',
		name: 'Delete',
		action: 'Delete a metafield',
		document: `mutation metafieldsDelete($metafields: [MetafieldIdentifierInput!]!) { metafieldsDelete(metafields: $metafields) { deletedMetafields { ownerId namespace key } ${USER_ERRORS} } }`,
		root: 'metafieldsDelete',
		result: 'data.metafieldsDelete.deletedMetafields',
		mutation: true,
		params: [
			owner('metafields[0].ownerId'),
			namespace('metafields[0].namespace', true),
			key('metafields[0].key'),
		],
		shape: 'metafieldOwner',
		scopes: METAFIELD_WRITE,
		docs: 'metafieldsDelete',
	}),
	op({
		id: 'get',
		name: 'Get',
		action: 'Get a metafield by namespace and key',
		// Any owner through node(id) and the HasMetafields interface its records share.
		document: `query metafield($ownerId: ID!, $namespace: String, $key: String!) { node(id: $ownerId) { ... on HasMetafields { metafield(namespace: $namespace, key: $key) { ${METAFIELD_FIELDS} } } } }`,
		root: 'node',
		result: 'data.node.metafield',
		params: [owner('ownerId'), namespace('namespace', false), key('key')],
		shape: 'metafieldOwner',
		scopes: METAFIELD_READ,
		docs: 'metafield',
	}),
	op({
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the metafields of a record',
		document: `query metafields($ownerId: ID!, $first: Int!, $after: String, $namespace: String) { node(id: $ownerId) { ... on HasMetafields { metafields(first: $first, after: $after, namespace: $namespace) { nodes { ${METAFIELD_FIELDS} } ${PAGE_INFO} } } } }`,
		root: 'node',
		params: [
			owner('ownerId'),
			v('namespace', 'namespace', 'Namespace', 'string', {
				placeholder: 'custom',
				description: 'Only the metafields in this namespace (empty: all)',
			}),
		],
		paginate: pages('data.node.metafields', 100),
		shape: 'metafieldOwner',
		scopes: METAFIELD_READ,
		docs: 'metafields',
	}),
	op({
		id: 'set',
		name: 'Set',
		action: 'Create or update a metafield',
		// One metafield per item; with Batch Items up to 25 items go in one metafieldsSet, which Shopify applies
		// all or nothing (a refused one fails every item of that request).
		document: `mutation metafieldsSet($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { metafields { ${METAFIELD_FIELDS} } userErrors { field message code elementIndex } } }`,
		root: 'metafieldsSet',
		result: 'data.metafieldsSet.metafields',
		mutation: true,
		params: [
			owner('metafields[0].ownerId'),
			namespace('metafields[0].namespace', false),
			key('metafields[0].key'),
			v('type', 'metafields[0].type', 'Type', 'string', {
				placeholder: 'single_line_text_field',
				description:
					'The metafield type, e.g. single_line_text_field, multi_line_text_field, number_integer, boolean, date or list.single_line_text_field; may be empty when the key has a definition',
			}),
			v('value', 'metafields[0].value', 'Value', 'string', {
				required: true,
				description: 'The value as text (a JSON text for the JSON and list types)',
			}),
		],
		batch: { list: 'metafields', answer: 'metafields', size: 25 },
		shape: 'metafieldOwner',
		scopes: METAFIELD_WRITE,
		docs: 'metafieldsSet',
	}),
];

const draftOrderInputFields = (root: string): ParamSpec[] => [
	v('email', `${root}.email`, 'Email', 'string', { placeholder: 'name@email.com' }),
	v('customerId', `${root}.purchasingEntity.customerId`, 'Customer ID', 'string', {
		placeholder: 'gid://shopify/Customer/1234567890',
		description: "The customer's global ID (purchasingEntity.customerId)",
		validate: {
			pattern: '^gid://shopify/Customer/[0-9]+$',
			patternHint: 'Use the global ID, e.g. gid://shopify/Customer/1234567890.',
		},
	}),
	address(`${root}.billingAddress`, 'billing'),
	address(`${root}.shippingAddress`, 'shipping'),
	v('appliedDiscount', `${root}.appliedDiscount`, 'Discount (JSON)', 'json', {
		placeholder: '{"value": 10, "valueType": "PERCENTAGE", "title": "Loyalty"}',
		description: 'A discount on the whole draft order (DraftOrderAppliedDiscountInput)',
	}),
	v('note', `${root}.note`, 'Note', 'string'),
	tags(`${root}.tags`, 'draft order'),
];
const draftOrderLineItems = (path: string, required: boolean): ParamSpec =>
	v('lineItems', path, 'Line Items (JSON)', 'json', {
		...(required ? { required: true, default: '[]' } : {}),
		placeholder:
			'[{"variantId": "gid://shopify/ProductVariant/43729076", "quantity": 2}, {"title": "Engraving", "quantity": 1, "originalUnitPriceWithCurrency": {"amount": "5.00", "currencyCode": "USD"}}]',
		description: required
			? 'The line items (DraftOrderLineItemInput list): a variant and quantity, or a title, quantity and price for a custom item'
			: 'The line items, replacing all of them (DraftOrderLineItemInput list)',
	});

const draftOrderOps: OperationSpec[] = [
	op({
		id: 'complete',
		name: 'Complete',
		action: 'Complete a draft order into an order',
		document: `mutation draftOrderComplete($id: ID!, $paymentGatewayId: ID, $sourceName: String) { draftOrderComplete(id: $id, paymentGatewayId: $paymentGatewayId, sourceName: $sourceName) { draftOrder { id status completedAt order { id name displayFinancialStatus } } ${USER_ERRORS} } }`,
		root: 'draftOrderComplete',
		result: 'data.draftOrderComplete.draftOrder',
		mutation: true,
		params: [
			gid('draftOrderId', 'id', 'Draft Order'),
			v('paymentGatewayId', 'paymentGatewayId', 'Payment Gateway ID', 'string', {
				placeholder: 'gid://shopify/PaymentGateway/1234567890',
				description: 'The payment gateway the completed order is paid through (optional)',
			}),
			v('sourceName', 'sourceName', 'Source Name', 'string', {
				description: 'The sales channel handle the order is attributed to',
			}),
		],
		scopes: WRITE_DRAFT_ORDERS,
		docs: 'draftOrderComplete',
	}),
	op({
		id: 'create',
		name: 'Create',
		action: 'Create a draft order',
		document: `mutation draftOrderCreate($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { ${DRAFT_ORDER_FIELDS} } ${USER_ERRORS} } }`,
		root: 'draftOrderCreate',
		result: 'data.draftOrderCreate.draftOrder',
		mutation: true,
		params: [draftOrderLineItems('input.lineItems', true), ...draftOrderInputFields('input')],
		scopes: WRITE_DRAFT_ORDERS,
		docs: 'draftOrderCreate',
	}),
	op({
		id: 'delete',
		name: 'Delete',
		action: 'Delete a draft order',
		document: `mutation draftOrderDelete($input: DraftOrderDeleteInput!) { draftOrderDelete(input: $input) { deletedId ${USER_ERRORS} } }`,
		root: 'draftOrderDelete',
		mutation: true,
		params: [gid('draftOrderId', 'input.id', 'Draft Order')],
		scopes: WRITE_DRAFT_ORDERS,
		docs: 'draftOrderDelete',
	}),
	op({
		id: 'get',
		name: 'Get',
		action: 'Get a draft order',
		document: `query draftOrder($id: ID!) { draftOrder(id: $id) { ${DRAFT_ORDER_FIELDS} } }`,
		root: 'draftOrder',
		params: [gid('draftOrderId', 'id', 'Draft Order')],
		scopes: READ_DRAFT_ORDERS,
		docs: 'draftOrder',
	}),
	op({
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many draft orders',
		document: `query draftOrders($first: Int!, $after: String, $query: String, $sortKey: DraftOrderSortKeys, $reverse: Boolean) { draftOrders(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) { nodes { ${draftOrderFields(5)} } ${PAGE_INFO} } }`,
		root: 'draftOrders',
		params: [
			searchQuery('draft orders', 'status:open customer_id:1234567890'),
			sortKey(['ID', 'NUMBER', 'UPDATED_AT', 'STATUS', 'TOTAL_PRICE', 'CUSTOMER_NAME']),
			reverse,
		],
		paginate: pages('data.draftOrders', 25),
		scopes: READ_DRAFT_ORDERS,
		docs: 'draftOrders',
	}),
	op({
		id: 'sendInvoice',
		name: 'Send Invoice',
		action: 'Send the invoice of a draft order',
		document: `mutation draftOrderInvoiceSend($id: ID!, $email: EmailInput) { draftOrderInvoiceSend(id: $id, email: $email) { draftOrder { id status invoiceUrl invoiceSentAt } ${USER_ERRORS} } }`,
		root: 'draftOrderInvoiceSend',
		result: 'data.draftOrderInvoiceSend.draftOrder',
		mutation: true,
		params: [
			gid('draftOrderId', 'id', 'Draft Order'),
			v('to', 'email.to', 'To', 'string', {
				placeholder: 'name@email.com',
				description: "The recipient (empty: the draft order's e-mail)",
			}),
			v('subject', 'email.subject', 'Subject', 'string'),
			v('customMessage', 'email.customMessage', 'Custom Message', 'string', {
				description: 'A message shown in the invoice e-mail',
			}),
			v('bcc', 'email.bcc', 'BCC', 'stringList', {
				description: 'Comma-separated staff e-mail addresses to copy',
			}),
		],
		scopes: WRITE_DRAFT_ORDERS,
		docs: 'draftOrderInvoiceSend',
	}),
	op({
		id: 'update',
		name: 'Update',
		action: 'Update a draft order',
		document: `mutation draftOrderUpdate($id: ID!, $input: DraftOrderInput!) { draftOrderUpdate(id: $id, input: $input) { draftOrder { ${DRAFT_ORDER_FIELDS} } ${USER_ERRORS} } }`,
		root: 'draftOrderUpdate',
		result: 'data.draftOrderUpdate.draftOrder',
		mutation: true,
		params: [
			gid('draftOrderId', 'id', 'Draft Order'),
			draftOrderLineItems('input.lineItems', false),
			...draftOrderInputFields('input'),
		],
		scopes: WRITE_DRAFT_ORDERS,
		docs: 'draftOrderUpdate',
	}),
];

const refundOps: OperationSpec[] = [
	op({
		id: 'create',
		name: 'Create',
		action: 'Create a refund of an order',
		document: `mutation refundCreate($input: RefundInput!) { refundCreate(input: $input) { refund { id createdAt note totalRefundedSet ${MONEY} refundLineItems(first: 50) { nodes { lineItem { id } quantity restockType } } transactions(first: 10) { nodes { id kind status gateway amountSet ${MONEY} } } } ${USER_ERRORS} } }`,
		root: 'refundCreate',
		result: 'data.refundCreate.refund',
		mutation: true,
		params: [
			gid('orderId', 'input.orderId', 'Order'),
			v('refundLineItems', 'input.refundLineItems', 'Line Items (JSON)', 'json', {
				placeholder:
					'[{"lineItemId": "gid://shopify/LineItem/866550311", "quantity": 1, "restockType": "RETURN", "locationId": "gid://shopify/Location/124656943"}]',
				description:
					'The line items refunded and whether they go back to stock (RefundLineItemInput list: lineItemId, quantity, restockType RETURN, CANCEL or NO_RESTOCK, locationId)',
			}),
			v('transactions', 'input.transactions', 'Transactions (JSON)', 'json', {
				placeholder:
					'[{"orderId": "gid://shopify/Order/148977776", "parentId": "gid://shopify/OrderTransaction/389404469", "kind": "REFUND", "gateway": "bogus", "amount": "19.99"}]',
				description:
					'The money given back (OrderTransactionInput list: the refund of a sale or capture, its parentId); none: nothing is paid back',
			}),
			v('shipping', 'input.shipping', 'Shipping (JSON)', 'json', {
				placeholder: '{"fullRefund": true}',
				description: 'The shipping refunded (ShippingRefundInput: fullRefund, or amount)',
			}),
			v('note', 'input.note', 'Note', 'string', { description: 'Why the refund was made' }),
			v('notify', 'input.notify', 'Notify Customer', 'boolean', {
				description: 'Whether to e-mail the customer the refund notice',
			}),
		],
		scopes: WRITE_ORDERS,
		docs: 'refundCreate',
	}),
];

/** `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body with the app's client secret; no timestamp. */
export const shopifySignature = {
	header: 'X-Shopify-Hmac-Sha256',
	algorithm: 'sha256' as const,
	encoding: 'base64' as const,
	// Shopify re-sends an unanswered delivery byte for byte (same X-Shopify-Webhook-Id) and removes a subscription
	// that keeps failing: such a copy gets 200 and starts nothing.
	resendsSameBytes: true,
};

export const shopifySpec: ServiceSpec = {
	id: 'shopify',
	displayName: 'Shopify',
	description:
		'Work with Shopify products, variants, orders, draft orders, refunds, fulfillments, inventory, locations, customers and metafields (GraphQL Admin API)',
	docsUrl: 'https://shopify.dev/docs/api/admin-graphql',
	// The shop's own host (the credential's shop) and the API version the credential pins.
	baseUrl: 'https://{shop}.myshopify.com/admin/api/{apiVersion}',
	auth: [
		{
			kind: 'apiKey',
			credentialType: SHOPIFY_TOKEN_CREDENTIAL,
			displayName: 'Admin API Access Token (Custom App)',
		},
		{
			kind: 'oauth2',
			credentialType: SHOPIFY_APP_CREDENTIAL,
			displayName: 'OAuth2 (Public App)',
			oauth2: SHOPIFY_OAUTH,
			// Shopify reads the token from its own header, not Authorization.
			tokenHeader: 'X-Shopify-Access-Token',
		},
	],
	// "Who am I": the shop (REST's shop.json answers any valid token without a scope).
	credentialTest: { path: '/shop.json' },
	account: { path: '/shop.json', labelPath: 'shop.myshopify_domain' },
	// The GraphQL Admin API's calculated query cost: a leaky bucket per app and shop. Standard plans: 100 points/s
	// restored, bucket 2,000 (Plus 1,000/s and 20,000); the answers report the real ones, which win.
	rateLimit: {
		requests: 1,
		windowMs: 1000,
		headers: [],
		cost: {
			maximum: 2000,
			restorePerSecond: 100,
			defaultCost: 10,
			requestedPath: 'extensions.cost.requestedQueryCost',
			actualPath: 'extensions.cost.actualQueryCost',
			maximumPath: 'extensions.cost.throttleStatus.maximumAvailable',
			availablePath: 'extensions.cost.throttleStatus.currentlyAvailable',
			restoreRatePath: 'extensions.cost.throttleStatus.restoreRate',
		},
	},
	// GraphQL errors come in a 200 answer: THROTTLED is the bucket running short (waited for, sent again).
	errorsInBody: {
		errorPath: 'errors',
		codePath: 'errors[*].extensions.code',
		messagePath: 'errors[0].message',
		codes: {
			THROTTLED: { kind: 'rateLimit' },
			ACCESS_DENIED: {
				kind: 'auth',
				cause: '{$service} denied access: {errors[0].message}',
				fix: "Give the app the access scope the operation needs (see the Shopify page of this package's docs), then reconnect {$credential}.",
			},
			MAX_COST_EXCEEDED: {
				kind: 'permanent',
				cause: 'The query would cost more than the 1,000 points one query may cost.',
				fix: 'Lower the Limit (fewer records per page), then run the workflow again.',
			},
			INTERNAL_SERVER_ERROR: { kind: 'transient' },
		},
	},
	errorCodes: {
		codePath: 'errors',
		rules: [
			{
				status: [401],
				category: 'auth',
				reason: 'the access token is invalid or the app was uninstalled',
			},
			{
				status: [402],
				category: 'permanent',
				reason: 'the shop is frozen (unpaid)',
				fix: 'The shop owner must settle the Shopify bill; then run the workflow again.',
			},
			{ status: [403], category: 'permission' },
			{
				status: [423],
				category: 'permanent',
				reason: 'the shop is locked',
				fix: 'Ask Shopify support why the shop is locked.',
			},
		],
	},
	requestIdHeader: 'x-request-id',
	resources: [
		{ id: 'customer', name: 'Customer', operations: customerOps },
		{ id: 'draftOrder', name: 'Draft Order', operations: draftOrderOps },
		{ id: 'fulfillment', name: 'Fulfillment', operations: fulfillmentOps },
		{ id: 'fulfillmentOrder', name: 'Fulfillment Order', operations: fulfillmentOrderOps },
		{ id: 'inventory', name: 'Inventory', operations: inventoryOps },
		{ id: 'location', name: 'Location', operations: locationOps },
		{ id: 'metafield', name: 'Metafield', operations: metafieldOps },
		{ id: 'order', name: 'Order', operations: orderOps },
		{ id: 'product', name: 'Product', operations: productOps },
		{ id: 'productVariant', name: 'Product Variant', operations: variantOps },
		{ id: 'refund', name: 'Refund', operations: refundOps },
	],
	webhook: {
		signature: shopifySignature,
		register: 'api',
		hooks: { checkExists: 'webhookExists', create: 'webhookCreate', delete: 'webhookDelete' },
		// Deliveries are signed with the app's client secret: the credential holds it.
		secretCredentialField: 'clientSecret',
		eventHeader: 'X-Shopify-Topic',
		deliveryIdHeader: 'X-Shopify-Webhook-Id',
		// Each topic needs the read scope of its records (orders/* read_orders, …): those the operations use.
		scopes: [...READ_ORDERS, ...READ_PRODUCTS, ...READ_CUSTOMERS, ...READ_INVENTORY],
		defaultEvents: ['orders/create'],
		events: SHOPIFY_EVENTS.map(([value, name, description]) => ({
			name,
			value,
			description,
		})).sort((a, b) => a.name.localeCompare(b.name)),
		eventsNote: `Topics of API version ${SHOPIFY_API_VERSION}`,
	},
};

export const shopifyDefinition: ServiceDefinition = { spec: shopifySpec, hooks: shopifyHooks };
