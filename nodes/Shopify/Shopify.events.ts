/**
 * Webhook topics the trigger offers: the value is the topic as Shopify sends it in `X-Shopify-Topic`
 * (`orders/create`); registration sends the `WebhookSubscriptionTopic` enum value (`ORDERS_CREATE`).
 * Each topic needs the read scope of its records (orders/* read_orders, products/* read_products, …).
 */
export const SHOPIFY_EVENTS: ReadonlyArray<readonly [string, string, string]> = [
	['orders/create', 'Orders Create', 'An order was placed (orders/create)'],
	['orders/updated', 'Orders Updated', 'An order changed (orders/updated)'],
	['orders/paid', 'Orders Paid', 'An order was paid (orders/paid)'],
	['orders/cancelled', 'Orders Cancelled', 'An order was cancelled (orders/cancelled)'],
	['orders/fulfilled', 'Orders Fulfilled', 'An order was fulfilled (orders/fulfilled)'],
	[
		'orders/partially_fulfilled',
		'Orders Partially Fulfilled',
		'Part of an order was fulfilled (orders/partially_fulfilled)',
	],
	['orders/delete', 'Orders Delete', 'An order was deleted (orders/delete)'],
	['products/create', 'Products Create', 'A product was created (products/create)'],
	['products/update', 'Products Update', 'A product changed (products/update)'],
	['products/delete', 'Products Delete', 'A product was deleted (products/delete)'],
	['customers/create', 'Customers Create', 'A customer was created (customers/create)'],
	['customers/update', 'Customers Update', 'A customer changed (customers/update)'],
	['customers/delete', 'Customers Delete', 'A customer was deleted (customers/delete)'],
	[
		'inventory_levels/update',
		'Inventory Levels Update',
		'An inventory level changed (inventory_levels/update)',
	],
	['fulfillments/create', 'Fulfillments Create', 'A fulfillment was created (fulfillments/create)'],
	['fulfillments/update', 'Fulfillments Update', 'A fulfillment changed (fulfillments/update)'],
	['refunds/create', 'Refunds Create', 'A refund was made (refunds/create)'],
];

/** The `WebhookSubscriptionTopic` enum value of a topic: `orders/create` → `ORDERS_CREATE`. */
export function topicEnum(topic: string): string {
	return topic.toUpperCase().replace(/\//g, '_');
}
