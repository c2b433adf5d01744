/**
 * WooCommerce (REST API v3, `/wp-json/wc/v3/…` on the store's own site) as data: products and their variations,
 * customers, orders with their notes and refunds, coupons; the batch endpoints (up to 100 records a request)
 * through list batching; webhooks registered through the API. Checked against @woocommerce/woocommerce-rest-api
 * (test/conformance/woocommerce-client.test.ts). Reference: https://woocommerce.github.io/woocommerce-rest-api-docs/
 */
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import { bodyParam, enumOptions, pathNumber, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import { wooCommerceHooks } from './WooCommerce.hooks';

const REF = 'https://woocommerce.github.io/woocommerce-rest-api-docs/';
const V3 = '/wp-json/wc/v3';

const body = bodyParam;
const query = queryParam;

/** A JSON field for an object or list the API takes whole (addresses, line items, images, metadata). */
const json = (
	wire: string,
	displayName: string,
	description: string,
	extra: Partial<ParamSpec> = {},
) => body(wire, displayName, 'json', { default: '', description, ...extra });

const metaData = json(
	'meta_data',
	'Meta Data (JSON)',
	'Custom fields (meta_data): a list of {"key": …, "value": …}',
);

/** The batch endpoint's elements never exceed 100 per request (WooCommerce's `woocommerce_rest_batch_items_limit`). */
const BATCH_SIZE = 100;

/** Delete: `force` true deletes for good; false moves to the trash (resources that have one). */
const forceParam = (what: string): ParamSpec =>
	query('force', 'Delete Permanently', 'boolean', {
		default: false,
		description: `Whether to delete the ${what} for good (force=true) instead of moving it to the trash`,
	});

const listParams = (orderby: string[]): ParamSpec[] => [
	query('search', 'Search', 'string', {
		default: '',
		description: 'Only records matching this text (search)',
	}),
	query('after', 'Created After', 'dateTime', {
		default: '',
		description: 'Only records created after this date (after, ISO 8601)',
	}),
	query('before', 'Created Before', 'dateTime', {
		default: '',
		description: 'Only records created before this date (before, ISO 8601)',
	}),
	query('orderby', 'Order By', 'options', {
		default: orderby[0],
		options: enumOptions(orderby, { id: 'ID' }),
		description: 'Sort by this attribute (orderby)',
	}),
	query('order', 'Order', 'options', {
		default: 'desc',
		options: [
			{ name: 'Ascending', value: 'asc' },
			{ name: 'Descending', value: 'desc' },
		],
		description: 'Sort direction (order)',
	}),
];

/** CRUD, list and batch operations of a top-level resource. */
function crud(r: {
	one: string;
	path: string;
	idName: string;
	idLabel: string;
	anchor: string;
	create: ParamSpec[];
	update: ParamSpec[];
	list: ParamSpec[];
	/** A resource without a trash: DELETE needs force=true. */
	noTrash?: boolean;
}): OperationSpec[] {
	const id = pathNumber(r.idName, r.idLabel, `The ${r.one}'s ID`);
	const item = `${r.path}/{${r.idName}}`;
	const batchId = (at: string): ParamSpec => ({
		...body(r.idName, r.idLabel, 'number', { required: true, default: 1, validate: { min: 1 } }),
		bodyPath: at,
		description: `The ${r.one}'s ID`,
	});
	return [
		{
			id: 'create',
			name: 'Create',
			action: `Create a ${r.one}`,
			method: 'POST',
			path: r.path,
			docsUrl: `${REF}#create-a-${r.anchor}`,
			params: r.create,
		},
		{
			id: 'get',
			name: 'Get',
			action: `Get a ${r.one}`,
			method: 'GET',
			path: item,
			docsUrl: `${REF}#retrieve-a-${r.anchor}`,
			params: [id],
		},
		{
			id: 'update',
			name: 'Update',
			action: `Update a ${r.one}`,
			method: 'PUT',
			path: item,
			docsUrl: `${REF}#update-a-${r.anchor}`,
			params: [id, ...r.update],
		},
		{
			id: 'delete',
			name: 'Delete',
			action: `Delete a ${r.one}`,
			method: 'DELETE',
			path: item,
			docsUrl: `${REF}#delete-a-${r.anchor}`,
			...(r.noTrash ? { query: { force: true } } : {}),
			params: [id, ...(r.noTrash ? [] : [forceParam(r.one)])],
		},
		{
			id: 'getMany',
			name: 'Get Many',
			action: `Get many ${r.one}s`,
			method: 'GET',
			path: r.path,
			paginate: true,
			docsUrl: `${REF}#list-all-${r.anchor}s`,
			params: r.list,
		},
		{
			id: 'batchCreate',
			name: 'Batch Create',
			action: `Create ${r.one}s in batches`,
			description: `Create ${r.one}s through the batch endpoint: with Batch Items on, up to ${BATCH_SIZE} items per request`,
			method: 'POST',
			path: `${r.path}/batch`,
			docsUrl: `${REF}#batch-update-${r.anchor}s`,
			listBatch: batchOf('create'),
			response: { path: 'create' },
			params: [
				{
					...json('create[0]', 'Fields (JSON)', `The ${r.one} as the Create operation takes it`),
					name: 'fields',
					required: true,
					default: '{}',
				},
			],
		},
		{
			id: 'batchUpdate',
			name: 'Batch Update',
			action: `Update ${r.one}s in batches`,
			description: `Update ${r.one}s through the batch endpoint: with Batch Items on, up to ${BATCH_SIZE} items per request`,
			method: 'POST',
			path: `${r.path}/batch`,
			docsUrl: `${REF}#batch-update-${r.anchor}s`,
			listBatch: batchOf('update'),
			response: { path: 'update' },
			// The fields first: the ID is written into the same record after them.
			params: [
				{
					...json(
						'update[0]',
						'Fields (JSON)',
						'The fields to change, as the Update operation takes them',
					),
					name: 'fields',
					required: true,
					default: '{}',
				},
				batchId('update[0].id'),
			],
		},
		{
			id: 'batchDelete',
			name: 'Batch Delete',
			action: `Delete ${r.one}s in batches`,
			description: `Delete ${r.one}s through the batch endpoint (for good): with Batch Items on, up to ${BATCH_SIZE} items per request`,
			method: 'POST',
			path: `${r.path}/batch`,
			docsUrl: `${REF}#batch-update-${r.anchor}s`,
			listBatch: batchOf('delete'),
			response: { path: 'delete' },
			params: [batchId('delete[0]')],
		},
	];
}

/** The batch endpoint's list for one action; a failed element (`{id, error: {code, message, data: {status}}}`) is that item's error. */
function batchOf(action: 'create' | 'update' | 'delete') {
	return {
		size: BATCH_SIZE,
		in: 'body' as const,
		list: action,
		answerList: action,
		elementError: { path: 'error', statusPath: 'error.data.status' },
	};
}

const PRODUCT_TYPES = ['simple', 'grouped', 'external', 'variable'];
const POST_STATUSES = ['draft', 'pending', 'private', 'publish'];
const STOCK_STATUSES = ['instock', 'outofstock', 'onbackorder'];
const STOCK_WORDS = {
	instock: 'In Stock',
	outofstock: 'Out of Stock',
	onbackorder: 'On Backorder',
};
const stockOptions = () =>
	STOCK_STATUSES.map((v) => ({ name: STOCK_WORDS[v as keyof typeof STOCK_WORDS], value: v }));

const priceFields = (what: string): ParamSpec[] => [
	body('regular_price', 'Regular Price', 'string', {
		default: '',
		placeholder: '21.99',
		description: `The ${what}'s regular price, as text (regular_price)`,
	}),
	body('sale_price', 'Sale Price', 'string', {
		default: '',
		placeholder: '19.99',
		description: `The ${what}'s sale price, as text (sale_price)`,
	}),
	body('sku', 'SKU', 'string', {
		default: '',
		description: 'Stock keeping unit, unique in the store (sku)',
	}),
	body('manage_stock', 'Manage Stock', 'boolean', {
		default: false,
		description: 'Whether stock is tracked (manage_stock)',
	}),
	body('stock_quantity', 'Stock Quantity', 'number', {
		default: 0,
		description: 'Units in stock, when Manage Stock is on (stock_quantity)',
	}),
	body('stock_status', 'Stock Status', 'options', {
		default: 'instock',
		options: stockOptions(),
		description: 'Stock status (stock_status)',
	}),
];

const productFields = (): ParamSpec[] => [
	body('type', 'Type', 'options', {
		default: 'simple',
		options: enumOptions(PRODUCT_TYPES),
		description: 'Product type (type)',
	}),
	body('status', 'Status', 'options', {
		default: 'publish',
		options: enumOptions(POST_STATUSES),
		description: 'Publication status (status)',
	}),
	...priceFields('product'),
	body('description', 'Description', 'string', {
		default: '',
		description: 'Product description, HTML allowed (description)',
	}),
	body('short_description', 'Short Description', 'string', {
		default: '',
		description: 'Short description, HTML allowed (short_description)',
	}),
	body('featured', 'Featured', 'boolean', {
		default: false,
		description: 'Whether the product is featured (featured)',
	}),
	body('weight', 'Weight', 'string', {
		default: '',
		description: "Weight in the store's unit, as text (weight)",
	}),
	json(
		'categories',
		'Categories (JSON)',
		'Categories by ID (categories), a list of objects with the category ID',
	),
	json('tags', 'Tags (JSON)', 'Tags by ID (tags), a list of objects with the tag ID'),
	json(
		'images',
		'Images (JSON)',
		'Images by URL or media ID (images): [{"src": "https://…/shirt.jpg"}]; the first is the main image',
	),
	json(
		'attributes',
		'Attributes (JSON)',
		'Attributes (attributes): [{"name": "Color", "options": ["Black", "Green"], "variation": true, "visible": true}]',
	),
	metaData,
];

const variationFields = (): ParamSpec[] => [
	body('status', 'Status', 'options', {
		default: 'publish',
		options: enumOptions(POST_STATUSES),
		description: 'Variation status (status)',
	}),
	...priceFields('variation'),
	body('description', 'Description', 'string', {
		default: '',
		description: 'Variation description (description)',
	}),
	json(
		'attributes',
		'Attributes (JSON)',
		'The attribute values that make this variation (attributes): [{"name": "Color", "option": "Black"}]',
	),
	json(
		'image',
		'Image (JSON)',
		"The variation's image (image): an object with its URL (src) or media ID",
		{ placeholder: '{"src": "https://shop.example.com/wp-content/uploads/black.jpg"}' },
	),
	metaData,
];

const ROLES = [
	'all',
	'administrator',
	'editor',
	'author',
	'contributor',
	'subscriber',
	'customer',
	'shop_manager',
];

const customerFields = (): ParamSpec[] => [
	body('first_name', 'First Name', 'string', {
		default: '',
		description: 'First name (first_name)',
	}),
	body('last_name', 'Last Name', 'string', { default: '', description: 'Last name (last_name)' }),
	body('username', 'Username', 'string', {
		default: '',
		description:
			'Login name (username); generated from the email when empty and the store allows it',
	}),
	body('password', 'Password', 'string', {
		default: '',
		typeOptions: { password: true },
		description: 'Password (password); generated when empty and the store allows it',
	}),
	json(
		'billing',
		'Billing Address (JSON)',
		'Billing address (billing): {"first_name": …, "address_1": …, "city": …, "postcode": …, "country": "US", "email": …, "phone": …}',
	),
	json(
		'shipping',
		'Shipping Address (JSON)',
		'Shipping address (shipping): {"first_name": …, "address_1": …, "city": …, "postcode": …, "country": "US"}',
	),
	metaData,
];

const ORDER_STATUSES = [
	'pending',
	'processing',
	'on-hold',
	'completed',
	'cancelled',
	'refunded',
	'failed',
	'trash',
	'checkout-draft',
];

const orderFields = (): ParamSpec[] => [
	body('status', 'Status', 'options', {
		default: 'pending',
		options: enumOptions(ORDER_STATUSES),
		description: 'Order status (status)',
	}),
	body('customer_id', 'Customer ID', 'number', {
		default: 0,
		description: "The customer's user ID; 0 for a guest (customer_id)",
	}),
	body('currency', 'Currency', 'string', {
		default: '',
		placeholder: 'USD',
		description: "ISO 4217 currency code; the store's when empty (currency)",
	}),
	body('payment_method', 'Payment Method', 'string', {
		default: '',
		placeholder: 'bacs',
		description: 'Payment method ID (payment_method)',
	}),
	body('payment_method_title', 'Payment Method Title', 'string', {
		default: '',
		description: 'Payment method title shown to the customer (payment_method_title)',
	}),
	body('set_paid', 'Set Paid', 'boolean', {
		default: false,
		description: 'Whether to mark the order paid: status processing and stock reduced (set_paid)',
	}),
	body('transaction_id', 'Transaction ID', 'string', {
		default: '',
		description: "The payment's transaction ID (transaction_id)",
	}),
	body('customer_note', 'Customer Note', 'string', {
		default: '',
		description: 'Note left by the customer at checkout (customer_note)',
	}),
	json(
		'billing',
		'Billing Address (JSON)',
		'Billing address (billing): {"first_name": …, "address_1": …, "city": …, "country": "US", "email": …}',
	),
	json('shipping', 'Shipping Address (JSON)', 'Shipping address (shipping)'),
	json(
		'line_items',
		'Line Items (JSON)',
		'Products ordered (line_items): [{"product_id": 93, "quantity": 2}] or with "variation_id"',
	),
	json(
		'shipping_lines',
		'Shipping Lines (JSON)',
		'Shipping (shipping_lines): [{"method_id": "flat_rate", "method_title": "Flat Rate", "total": "10.00"}]',
	),
	json(
		'fee_lines',
		'Fee Lines (JSON)',
		'Fees (fee_lines): [{"name": "Gift wrap", "total": "5.00"}]',
	),
	json(
		'coupon_lines',
		'Coupon Lines (JSON)',
		'Coupons applied (coupon_lines): [{"code": "10off"}]',
	),
	metaData,
];

const DISCOUNT_TYPES = ['percent', 'fixed_cart', 'fixed_product'];

const couponFields = (): ParamSpec[] => [
	body('discount_type', 'Discount Type', 'options', {
		default: 'fixed_cart',
		options: enumOptions(DISCOUNT_TYPES),
		description: 'How the amount applies (discount_type)',
	}),
	body('amount', 'Amount', 'string', {
		default: '',
		placeholder: '10',
		description: 'The discount: a percentage or a fixed amount, as text (amount)',
	}),
	body('description', 'Description', 'string', {
		default: '',
		description: 'Coupon description (description)',
	}),
	body('date_expires', 'Expires', 'dateTime', {
		default: '',
		description: "When the coupon expires, in the store's timezone (date_expires)",
	}),
	body('individual_use', 'Individual Use', 'boolean', {
		default: false,
		description: 'Whether it cannot be combined with other coupons (individual_use)',
	}),
	body('free_shipping', 'Free Shipping', 'boolean', {
		default: false,
		description: 'Whether it grants free shipping (free_shipping)',
	}),
	body('usage_limit', 'Usage Limit', 'number', {
		default: 0,
		description: 'How many times it may be used in all (usage_limit)',
	}),
	body('usage_limit_per_user', 'Usage Limit per User', 'number', {
		default: 0,
		description: 'How many times each customer may use it (usage_limit_per_user)',
	}),
	body('minimum_amount', 'Minimum Amount', 'string', {
		default: '',
		description: 'Minimum order amount (minimum_amount)',
	}),
	body('maximum_amount', 'Maximum Amount', 'string', {
		default: '',
		description: 'Maximum order amount (maximum_amount)',
	}),
	json('product_ids', 'Product IDs (JSON)', 'Products it applies to (product_ids): [93, 94]'),
	json(
		'excluded_product_ids',
		'Excluded Product IDs (JSON)',
		'Products it never applies to (excluded_product_ids)',
	),
	json(
		'email_restrictions',
		'Email Restrictions (JSON)',
		'Billing emails allowed to use it (email_restrictions): ["*@example.com"]',
	),
	metaData,
];

const productId = pathNumber('productId', 'Product ID', "The product's ID (product_id)");
const orderId = pathNumber('orderId', 'Order ID', "The order's ID (order_id)");

const productOps = crud({
	one: 'product',
	path: `${V3}/products`,
	idName: 'productId',
	idLabel: 'Product ID',
	anchor: 'product',
	create: [
		body('name', 'Name', 'string', {
			default: '',
			required: true,
			description: 'Product name (name)',
		}),
		...productFields(),
	],
	update: [
		body('name', 'Name', 'string', { default: '', description: 'Product name (name)' }),
		...productFields(),
	],
	list: [
		...listParams([
			'date',
			'id',
			'include',
			'title',
			'slug',
			'price',
			'popularity',
			'rating',
			'modified',
		]),
		query('status', 'Status', 'options', {
			default: 'any',
			options: enumOptions(['any', ...POST_STATUSES]),
			description: 'Only products with this status (status)',
		}),
		query('type', 'Type', 'options', {
			default: 'simple',
			options: enumOptions(PRODUCT_TYPES),
			description: 'Only products of this type (type)',
		}),
		query('sku', 'SKU', 'string', {
			default: '',
			description: 'Only products with this SKU; several separated by commas (sku)',
		}),
		query('category', 'Category ID', 'string', {
			default: '',
			description: 'Only products in this category ID (category)',
		}),
		query('tag', 'Tag ID', 'string', {
			default: '',
			description: 'Only products with this tag ID (tag)',
		}),
		query('featured', 'Featured', 'boolean', {
			default: false,
			description: 'Whether to list only featured products (featured)',
		}),
		query('on_sale', 'On Sale', 'boolean', {
			default: false,
			description: 'Whether to list only products on sale (on_sale)',
		}),
		query('stock_status', 'Stock Status', 'options', {
			default: 'instock',
			options: stockOptions(),
			description: 'Only products with this stock status (stock_status)',
		}),
		query('min_price', 'Min Price', 'string', {
			default: '',
			description: 'Only products at this price or more (min_price)',
		}),
		query('max_price', 'Max Price', 'string', {
			default: '',
			description: 'Only products at this price or less (max_price)',
		}),
	],
});

const variationPath = `${V3}/products/{productId}/variations`;
const variationId = pathNumber('variationId', 'Variation ID', "The variation's ID");
const variationOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a product variation',
		method: 'POST',
		path: variationPath,
		docsUrl: `${REF}#create-a-product-variation`,
		params: [productId, ...variationFields()],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a product variation',
		method: 'GET',
		path: `${variationPath}/{variationId}`,
		docsUrl: `${REF}#retrieve-a-product-variation`,
		params: [productId, variationId],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a product variation',
		method: 'PUT',
		path: `${variationPath}/{variationId}`,
		docsUrl: `${REF}#update-a-product-variation`,
		params: [productId, variationId, ...variationFields()],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a product variation',
		method: 'DELETE',
		path: `${variationPath}/{variationId}`,
		docsUrl: `${REF}#delete-a-product-variation`,
		params: [productId, variationId, forceParam('variation')],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many product variations',
		method: 'GET',
		path: variationPath,
		paginate: true,
		docsUrl: `${REF}#list-all-product-variations`,
		params: [
			productId,
			query('sku', 'SKU', 'string', {
				default: '',
				description: 'Only variations with this SKU (sku)',
			}),
			query('stock_status', 'Stock Status', 'options', {
				default: 'instock',
				options: stockOptions(),
				description: 'Only variations with this stock status (stock_status)',
			}),
			query('on_sale', 'On Sale', 'boolean', {
				default: false,
				description: 'Whether to list only variations on sale (on_sale)',
			}),
		],
	},
];

const customerOps = crud({
	one: 'customer',
	path: `${V3}/customers`,
	idName: 'customerId',
	idLabel: 'Customer ID',
	anchor: 'customer',
	noTrash: true,
	create: [
		body('email', 'Email', 'string', {
			default: '',
			required: true,
			placeholder: 'name@email.com',
			description: "The customer's email address (email)",
		}),
		...customerFields(),
	],
	update: [
		body('email', 'Email', 'string', {
			default: '',
			placeholder: 'name@email.com',
			description: "The customer's email address (email)",
		}),
		...customerFields(),
	],
	list: [
		query('search', 'Search', 'string', {
			default: '',
			description: 'Only customers matching this text (search)',
		}),
		query('email', 'Email', 'string', {
			default: '',
			placeholder: 'name@email.com',
			description: 'Only the customer with this email (email)',
		}),
		query('role', 'Role', 'options', {
			default: 'customer',
			options: enumOptions(ROLES),
			description: 'Only users with this role (role); All for every role',
		}),
		query('orderby', 'Order By', 'options', {
			default: 'name',
			options: enumOptions(['id', 'include', 'name', 'registered_date'], { id: 'ID' }),
			description: 'Sort by this attribute (orderby)',
		}),
		query('order', 'Order', 'options', {
			default: 'asc',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
			description: 'Sort direction (order)',
		}),
	],
});

const orderOps = crud({
	one: 'order',
	path: `${V3}/orders`,
	idName: 'orderId',
	idLabel: 'Order ID',
	anchor: 'order',
	create: orderFields(),
	update: orderFields(),
	list: [
		query('status', 'Status', 'multiOptions', {
			default: [],
			options: enumOptions(['any', ...ORDER_STATUSES]),
			queryFormat: 'comma',
			description:
				'Only orders with one of these statuses (status); Any, or empty, for every status but trash',
		}),
		...listParams(['date', 'id', 'include', 'title', 'slug', 'modified']),
		query('modified_after', 'Modified After', 'dateTime', {
			default: '',
			description: 'Only orders modified after this date (modified_after, ISO 8601)',
		}),
		query('modified_before', 'Modified Before', 'dateTime', {
			default: '',
			description: 'Only orders modified before this date (modified_before, ISO 8601)',
		}),
		query('customer', 'Customer ID', 'number', {
			default: 0,
			description: 'Only orders of this customer ID (customer)',
		}),
		query('product', 'Product ID', 'number', {
			default: 0,
			description: 'Only orders containing this product ID (product)',
		}),
	],
});

const notePath = `${V3}/orders/{orderId}/notes`;
const noteId = pathNumber('noteId', 'Note ID', "The note's ID");
const orderNoteOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create an order note',
		method: 'POST',
		path: notePath,
		docsUrl: `${REF}#create-an-order-note`,
		params: [
			orderId,
			body('note', 'Note', 'string', {
				default: '',
				required: true,
				description: "The note's text (note)",
			}),
			body('customer_note', 'Customer Note', 'boolean', {
				default: false,
				description:
					'Whether to show the note to the customer and email it to them (customer_note); otherwise a private note',
			}),
			body('added_by_user', 'Added by User', 'boolean', {
				default: false,
				description:
					"Whether to attribute the note to the key's user rather than the system (added_by_user)",
			}),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get an order note',
		method: 'GET',
		path: `${notePath}/{noteId}`,
		docsUrl: `${REF}#retrieve-an-order-note`,
		params: [orderId, noteId],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete an order note',
		method: 'DELETE',
		path: `${notePath}/{noteId}`,
		// Notes have no trash: WooCommerce refuses the delete without force=true.
		query: { force: true },
		docsUrl: `${REF}#delete-an-order-note`,
		params: [orderId, noteId],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many order notes',
		method: 'GET',
		path: notePath,
		paginate: true,
		docsUrl: `${REF}#list-all-order-notes`,
		params: [
			orderId,
			query('type', 'Type', 'options', {
				default: 'any',
				options: enumOptions(['any', 'customer', 'internal']),
				description: 'Only notes of this kind (type): customer notes or private (internal) ones',
			}),
		],
	},
];

const refundPath = `${V3}/orders/{orderId}/refunds`;
const refundId = pathNumber('refundId', 'Refund ID', "The refund's ID");
const refundOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a refund',
		method: 'POST',
		path: refundPath,
		docsUrl: `${REF}#create-a-refund`,
		params: [
			orderId,
			body('amount', 'Amount', 'string', {
				default: '',
				required: true,
				placeholder: '10.00',
				description: 'The amount to refund, as text (amount)',
			}),
			body('reason', 'Reason', 'string', { default: '', description: 'Why (reason)' }),
			body('api_refund', 'Refund Through Gateway', 'boolean', {
				default: true,
				description:
					'Whether the payment gateway refunds the money (api_refund); off records a manual refund only',
			}),
			body('api_restock', 'Restock Items', 'boolean', {
				default: true,
				description: 'Whether refunded line items go back into stock (api_restock)',
			}),
			json(
				'line_items',
				'Line Items (JSON)',
				"The line items refunded (line_items): each with the line item's ID, the quantity and refund_total",
			),
			metaData,
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a refund',
		method: 'GET',
		path: `${refundPath}/{refundId}`,
		docsUrl: `${REF}#retrieve-a-refund`,
		params: [orderId, refundId],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a refund',
		method: 'DELETE',
		path: `${refundPath}/{refundId}`,
		// Refunds have no trash: WooCommerce refuses the delete without force=true.
		query: { force: true },
		docsUrl: `${REF}#delete-a-refund`,
		params: [orderId, refundId],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many refunds',
		method: 'GET',
		path: refundPath,
		paginate: true,
		docsUrl: `${REF}#list-all-refunds`,
		params: [orderId],
	},
];

const couponOps = crud({
	one: 'coupon',
	path: `${V3}/coupons`,
	idName: 'couponId',
	idLabel: 'Coupon ID',
	anchor: 'coupon',
	create: [
		body('code', 'Code', 'string', {
			default: '',
			required: true,
			placeholder: '10off',
			description: 'The code customers enter (code)',
		}),
		...couponFields(),
	],
	update: [
		body('code', 'Code', 'string', { default: '', description: 'The code customers enter (code)' }),
		...couponFields(),
	],
	list: [
		...listParams(['date', 'id', 'include', 'title', 'slug', 'modified']),
		query('code', 'Code', 'string', {
			default: '',
			description: 'Only the coupon with this code (code)',
		}),
	],
});

/** Webhook topics (`<resource>.<event>`) WooCommerce delivers for the REST resources. */
const WEBHOOK_TOPICS = [
	'coupon.created',
	'coupon.deleted',
	'coupon.restored',
	'coupon.updated',
	'customer.created',
	'customer.deleted',
	'customer.updated',
	'order.created',
	'order.deleted',
	'order.restored',
	'order.updated',
	'product.created',
	'product.deleted',
	'product.restored',
	'product.updated',
];
const topicName = (topic: string) => {
	const [what, event] = topic.split('.');
	return `${what[0].toUpperCase()}${what.slice(1)} ${event[0].toUpperCase()}${event.slice(1)}`;
};

/** WooCommerce's `{code, message, data: {status}}` errors (WP_Error through the REST server). */
export const WOO_COMMERCE_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'code',
	rules: [
		{
			codes: ['woocommerce_rest_authentication_error', 'woocommerce_rest_cannot_authenticate'],
			category: 'auth',
			reason:
				'WooCommerce refused the key ("{message}"): the consumer key or secret is wrong, the key was revoked, or (OAuth 1.0a) the signature, nonce or timestamp did not check out',
			fix: 'Copy the consumer key and secret again from WooCommerce → Settings → Advanced → REST API into {$credential} (keys are shown once: add a new key if the secret is lost); with OAuth 1.0a, check the server clock.',
		},
		{
			codes: [
				/* a request without any key reaches the permission check as the anonymous user */ 'rest_forbidden',
			],
			category: 'auth',
			reason:
				'WooCommerce saw no key in the request ("{message}"): the server may strip the Authorization header',
			fix: 'Set Send Keys As to Query String in {$credential}, or configure the server to pass the Authorization header to PHP.',
		},
		{
			codes: [
				'woocommerce_rest_cannot_view',
				'woocommerce_rest_cannot_create',
				'woocommerce_rest_cannot_edit',
				'woocommerce_rest_cannot_delete',
				'woocommerce_rest_cannot_batch',
			],
			category: 'permission',
			reason:
				'WooCommerce says "{message}": the key\'s permissions (Read, Write or Read/Write) or its WordPress user\'s role do not allow this',
			fix: 'Give the key Read/Write permissions (WooCommerce → Settings → Advanced → REST API → the key), with a user who may manage WooCommerce (Administrator or Shop Manager); read-only keys can only Get.',
		},
		{
			// woocommerce_rest_invalid_id, woocommerce_rest_product_invalid_id, woocommerce_rest_shop_order_invalid_id, …
			body: { path: 'code', matches: '^woocommerce_rest_(\\w+_)?invalid_id$' },
			category: 'notFound',
			reason:
				'WooCommerce says "{message}": nothing of this kind has that ID (deleted, or an ID of another kind)',
			fix: 'Check the ID: take it from a Get Many of the same resource.',
		},
		{
			codes: ['rest_no_route'],
			category: 'notFound',
			reason:
				'WooCommerce has no such route ("{message}"): WooCommerce is inactive or older than REST API v3, or the Store URL points elsewhere',
			fix: 'Check the Store URL in {$credential} and that WooCommerce 3.5 or later is active.',
		},
		{
			codes: ['woocommerce_rest_trash_not_supported'],
			category: 'invalid',
			reason: 'WooCommerce says "{message}": this resource has no trash',
			fix: 'Turn Delete Permanently on.',
		},
		{
			codes: ['rest_invalid_param', 'rest_missing_callback_param'],
			category: 'invalid',
			reason: 'WooCommerce rejected a field ("{message}")',
		},
		{ status: [401], category: 'auth' },
		{ status: [403], category: 'permission' },
		{ status: [404], category: 'notFound' },
	],
};

export const wooCommerceSpec: ServiceSpec = {
	id: 'wooCommerce',
	displayName: 'WooCommerce',
	description:
		'Work with WooCommerce products, variations, customers, orders, order notes, refunds and coupons',
	docsUrl: REF,
	// The store's own site (https://shop.example.com, or with WordPress's folder); every path starts /wp-json/wc/v3.
	baseUrl: '{url}',
	auth: [
		{
			kind: 'basic',
			credentialType: 'apiConnWooCommerceApi',
			displayName: 'Consumer Key and Secret',
		},
	],
	credentialTest: { path: `${V3}/system_status` },
	// The site's address, as WooCommerce reports it (a key names no user).
	account: { path: `${V3}/system_status`, labelPath: 'environment.site_url' },
	errorCodes: WOO_COMMERCE_ERROR_CODES,
	// Lists page with `page`/`per_page` (at most 100) and answer X-WP-Total, X-WP-TotalPages and a Link header
	// whose rel="next" is the next page.
	pagination: { type: 'linkHeader', limitParam: 'per_page', pageSize: 100 },
	resources: [
		{ id: 'coupon', name: 'Coupon', operations: couponOps },
		{ id: 'customer', name: 'Customer', operations: customerOps },
		{ id: 'order', name: 'Order', operations: orderOps },
		{ id: 'orderNote', name: 'Order Note', operations: orderNoteOps },
		{ id: 'product', name: 'Product', operations: productOps },
		{ id: 'productVariation', name: 'Product Variation', operations: variationOps },
		{ id: 'refund', name: 'Refund', operations: refundOps },
	],
	webhook: {
		register: 'api',
		hooks: {
			checkExists: 'webhookExists',
			create: 'webhookCreate',
			delete: 'webhookDelete',
			// The creation ping (`webhook_id=<id>`, a form, unsigned) wants a 200: answered, nothing starts.
			handshake: 'webhookHandshake',
		},
		// Base64 HMAC-SHA256 of the raw body with the webhook's secret (WC_Webhook::generate_signature).
		signature: { header: 'X-WC-Webhook-Signature', algorithm: 'sha256', encoding: 'base64' },
		eventHeader: 'X-WC-Webhook-Topic',
		deliveryIdHeader: 'X-WC-Webhook-Delivery-ID',
		defaultEvents: ['order.created'],
		events: WEBHOOK_TOPICS.map((value) => ({ name: topicName(value), value })),
		eventsNote: 'One WooCommerce webhook is registered per topic picked',
	},
};

export const wooCommerceDefinition: ServiceDefinition = {
	spec: wooCommerceSpec,
	hooks: wooCommerceHooks,
};
