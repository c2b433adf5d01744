/**
 * Loopback fake of a shop's GraphQL Admin API (https://<shop>.myshopify.com/admin/api/2026-01/graphql.json) for the
 * end-to-end suite, reached through the origin map, answering as Shopify's reference documents it: the custom app's
 * token in `X-Shopify-Access-Token` (else 401 `{"errors": "[API] Invalid API key or access token …"}`); every
 * answer `{data, extensions: {cost}}` with the calculated query cost and the bucket's throttle status; `productSet`
 * creates a product with its options and variants; `metafieldsSet` sets each metafield given (at most 25, refused
 * as a whole when one has no value); `webhookSubscriptions`, `webhookSubscriptionCreate` (refused
 * with a userError when the topic already has a subscription for that address) and `webhookSubscriptionDelete`;
 * `GET shop.json` for the account label. Kept apart from service-fakes.ts so each service's fake is its own file.
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const SHOPIFY_SHOP = 'e2e-outfitters';
export const SHOPIFY_TOKEN = 'shpat_e2e0fake7c1d4b2a9e8f6a5b4c3d2e1f';
export const SHOPIFY_CLIENT_SECRET = 'shpss_e2e0fake9a8b7c6d5e4f3a2b1c0d9e8f';
const GRAPHQL = '/admin/api/2026-01/graphql.json';

const cost = (requested: number) => ({
	cost: {
		requestedQueryCost: requested,
		actualQueryCost: requested,
		throttleStatus: {
			maximumAvailable: 2000,
			currentlyAvailable: 2000 - requested,
			restoreRate: 100,
		},
	},
});

interface Body {
	query: string;
	variables?: Record<string, any>;
}

export class ShopifyFake extends ServiceFake {
	readonly origin = `https://${SHOPIFY_SHOP}.myshopify.com`;
	/** Webhook subscriptions by id. */
	readonly subscriptions = new Map<
		string,
		{ topic: string; callbackUrl: string; format: string }
	>();
	private nextId = 7001;

	protected route(r: RecordedRequest): Answer {
		if (r.headers['x-shopify-access-token'] !== SHOPIFY_TOKEN)
			return [
				401,
				{ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
			];
		if (r.method === 'GET' && r.path === '/admin/api/2026-01/shop.json')
			return [
				200,
				{
					shop: {
						id: 548380009,
						name: 'E2E Outfitters',
						myshopify_domain: `${SHOPIFY_SHOP}.myshopify.com`,
					},
				},
			];
		if (r.method !== 'POST' || r.path !== GRAPHQL) return [404, { errors: 'Not Found' }];
		const body = JSON.parse(r.body || '{}') as Body;
		const name = /^(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1];
		const v = body.variables ?? {};
		const answer = (data: unknown, requested = 10): Answer => [
			200,
			{ data, extensions: cost(requested) },
		];
		switch (name) {
			case 'productSet': {
				const input = v.input as {
					title: string;
					productOptions?: Array<{ name: string; values: Array<{ name: string }> }>;
					variants?: Array<{
						price?: string;
						sku?: string;
						optionValues: Array<{ optionName: string; name: string }>;
					}>;
				};
				if (!input?.title?.trim())
					return answer({
						productSet: {
							product: null,
							userErrors: [
								{ field: ['input', 'title'], message: "Title can't be blank", code: 'BLANK' },
							],
						},
					});
				return answer({
					productSet: {
						product: {
							id: 'gid://shopify/Product/9000000001',
							title: input.title,
							options: (input.productOptions ?? []).map((o, i) => ({
								id: `gid://shopify/ProductOption/${100 + i}`,
								name: o.name,
								values: o.values.map((x) => x.name),
							})),
							variants: {
								nodes: (input.variants ?? []).map((x, i) => ({
									id: `gid://shopify/ProductVariant/${500 + i}`,
									sku: x.sku ?? null,
									price: x.price ?? '0.00',
									selectedOptions: x.optionValues.map((o) => ({
										name: o.optionName,
										value: o.name,
									})),
								})),
							},
						},
						userErrors: [],
					},
				});
			}
			case 'metafieldsSet': {
				const metafields = (v.metafields ?? []) as Array<Record<string, string>>;
				const invalid = metafields.findIndex((m) => !m.value);
				if (metafields.length > 25 || invalid >= 0)
					return answer({
						metafieldsSet: {
							metafields: [],
							userErrors: [
								{
									field: ['metafields', String(Math.max(invalid, 25)), 'value'],
									message: invalid >= 0 ? "Value can't be blank." : 'Exceeded the maximum of 25.',
									code: invalid >= 0 ? 'BLANK' : 'LESS_THAN_OR_EQUAL_TO',
									elementIndex: Math.max(invalid, 25),
								},
							],
						},
					});
				return answer({
					metafieldsSet: {
						metafields: metafields.map((m, i) => ({
							id: `gid://shopify/Metafield/${8000 + i}`,
							namespace: m.namespace ?? 'app--e2e',
							key: m.key,
							type: m.type ?? 'single_line_text_field',
							value: m.value,
							ownerType: /Product\//.test(m.ownerId) ? 'PRODUCT' : 'CUSTOMER',
						})),
						userErrors: [],
					},
				});
			}
			case 'webhookSubscriptions':
				return answer(
					{
						webhookSubscriptions: {
							nodes: [...this.subscriptions]
								.filter(([, s]) => s.callbackUrl === v.callbackUrl)
								.map(([id, s]) => ({ id, topic: s.topic })),
						},
					},
					2,
				);
			case 'webhookSubscriptionCreate': {
				const sub = v.webhookSubscription as { callbackUrl: string; format: string };
				const taken = [...this.subscriptions.values()].some(
					(s) => s.topic === v.topic && s.callbackUrl === sub.callbackUrl,
				);
				if (taken)
					return answer({
						webhookSubscriptionCreate: {
							webhookSubscription: null,
							userErrors: [
								{
									field: ['webhookSubscription', 'callbackUrl'],
									message: 'Address for this topic has already been taken',
								},
							],
						},
					});
				const id = `gid://shopify/WebhookSubscription/${this.nextId++}`;
				this.subscriptions.set(id, { topic: v.topic as string, ...sub });
				return answer({
					webhookSubscriptionCreate: {
						webhookSubscription: { id, topic: v.topic },
						userErrors: [],
					},
				});
			}
			case 'webhookSubscription': {
				const s = this.subscriptions.get(v.id as string);
				return answer({ webhookSubscription: s ? { id: v.id, topic: s.topic } : null }, 1);
			}
			case 'webhookSubscriptionDelete': {
				const existed = this.subscriptions.delete(v.id as string);
				return answer({
					webhookSubscriptionDelete: existed
						? { deletedWebhookSubscriptionId: v.id, userErrors: [] }
						: {
								deletedWebhookSubscriptionId: null,
								userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }],
							},
				});
			}
			default:
				return [
					200,
					{
						errors: [
							{
								message: `Field '${name}' doesn't exist on type 'QueryRoot'`,
								extensions: { code: 'undefinedField' },
							},
						],
					},
				];
		}
	}
}
