/**
 * Shopify's GraphQL Admin API as data: products (created with options and variants through `productSet`),
 * variants, orders, fulfillment orders and fulfillments, inventory, locations and customers. Every operation is a
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

const PRODUCT_STATUS = enumOptions(['ACTIVE', 'DRAFT', 'ARCHIVED']);

const READ_PRODUCTS = ['read_products'];
const WRITE_PRODUCTS = ['write_products'];
const READ_ORDERS = ['read_orders'];
const WRITE_ORDERS = ['write_orders'];
const READ_CUSTOMERS = ['read_customers'];
const WRITE_CUSTOMERS = ['write_customers'];
const READ_INVENTORY = ['read_inventory'];
const WRITE_INVENTORY = ['write_inventory'];
const FULFILL = [
	'read_merchant_managed_fulfillment_orders',
	'write_merchant_managed_fulfillment_orders',
];

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
		// One variant per item through the bulk mutation (Shopify's way to update variants since 2024-04).
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
		'Work with Shopify products, variants, orders, fulfillments, inventory, locations and customers (GraphQL Admin API)',
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
		{ id: 'fulfillment', name: 'Fulfillment', operations: fulfillmentOps },
		{ id: 'fulfillmentOrder', name: 'Fulfillment Order', operations: fulfillmentOrderOps },
		{ id: 'inventory', name: 'Inventory', operations: inventoryOps },
		{ id: 'location', name: 'Location', operations: locationOps },
		{ id: 'order', name: 'Order', operations: orderOps },
		{ id: 'product', name: 'Product', operations: productOps },
		{ id: 'productVariant', name: 'Product Variant', operations: variantOps },
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
