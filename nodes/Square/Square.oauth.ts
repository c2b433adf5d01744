/** Square OAuth 2.0 facts, apart from the spec so the credential class loads nothing else. */

/**
 * The `Square-Version` every request sends: the version `square` 46.0.0 (the official SDK) pins, so answers
 * and webhook payloads have the shape this package was built and tested against, whatever the application's
 * default version in the Developer Console is. Shown in the node's description, the trigger's Events help and the
 * doc page; webhook subscriptions are created with it too.
 */
export const SQUARE_VERSION = '2026-09-16';

/** Production and sandbox hosts (the SDK's `SquareEnvironment`): the credential's Environment picks one. */
export const SQUARE_PRODUCTION = 'https://connect.squareup.com';
export const SQUARE_SANDBOX = 'https://connect.squareupsandbox.com';

/**
 * Authorization code flow (confidential app, client secret sent in the form body). Access tokens last 30 days
 * (the token answer gives `expires_at` as an ISO 8601 date, which the connections engine reads to refresh ahead);
 * code-flow refresh tokens do not expire, so n8n's own refresh keeps the connection alive. Square recommends
 * refreshing well before the 30 days end. `session=false` shows the seller sign-in page even when a browser
 * session exists (Square's guidance for production apps).
 *
 * Least privilege, the union of what the operations need (docs/services/square.md says which needs which):
 * PAYMENTS_READ (payments and refunds read), PAYMENTS_WRITE (create, cancel, complete payments, refunds),
 * CUSTOMERS_READ / CUSTOMERS_WRITE (customers), ITEMS_READ / ITEMS_WRITE (catalog), INVENTORY_READ /
 * INVENTORY_WRITE (inventory counts and changes), ORDERS_READ / ORDERS_WRITE (orders) and MERCHANT_PROFILE_READ
 * (locations, and the "who am I" merchant request). The trigger needs none: Square's Webhook Subscriptions API
 * takes only the application's personal access token.
 */
export const SQUARE_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: `${SQUARE_PRODUCTION}/oauth2/authorize`,
	tokenUrl: `${SQUARE_PRODUCTION}/oauth2/token`,
	scopes: [
		'CUSTOMERS_READ',
		'CUSTOMERS_WRITE',
		'INVENTORY_READ',
		'INVENTORY_WRITE',
		'ITEMS_READ',
		'ITEMS_WRITE',
		'MERCHANT_PROFILE_READ',
		'ORDERS_READ',
		'ORDERS_WRITE',
		'PAYMENTS_READ',
		'PAYMENTS_WRITE',
	],
	authQueryParameters: 'session=false',
	clientAuthentication: 'body' as const,
};
