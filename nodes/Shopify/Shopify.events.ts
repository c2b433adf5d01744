/**
 * Webhook topics the trigger offers: the value is the topic as Shopify sends it in `X-Shopify-Topic`
 * (`orders/create`); registration sends the `WebhookSubscriptionTopic` enum value (`ORDERS_CREATE`).
 * Each topic needs the read scope of its records (orders/* read_orders, products/* read_products, …).
 */
export const SHOPIFY_EVENTS: ReadonlyArray<readonly [string, string]> = [
	['orders/create', 'An order was placed'],
	['orders/updated', 'An order changed'],
	['orders/paid', 'An order was paid'],
	['orders/cancelled', 'An order was cancelled'],
	['orders/fulfilled', 'An order was fulfilled'],
	['orders/partially_fulfilled', 'Part of an order was fulfilled'],
	['orders/delete', 'An order was deleted'],
	['products/create', 'A product was created'],
	['products/update', 'A product changed'],
	['products/delete', 'A product was deleted'],
	['customers/create', 'A customer was created'],
	['customers/update', 'A customer changed'],
	['customers/delete', 'A customer was deleted'],
	['inventory_levels/update', 'An inventory level changed'],
	['fulfillments/create', 'A fulfillment was created'],
	['fulfillments/update', 'A fulfillment changed'],
	['refunds/create', 'A refund was made'],
];

/** The `WebhookSubscriptionTopic` enum value of a topic: `orders/create` → `ORDERS_CREATE`. */
export function topicEnum(topic: string): string {
	return topic.toUpperCase().replace(/\//g, '_');
}
