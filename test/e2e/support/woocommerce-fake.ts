/**
 * Loopback fake of a WooCommerce store's REST API v3 (https://shop.example.com/wp-json/wc/v3) for the end-to-end
 * suite, reached through the origin map, answering as WooCommerce's REST API documentation shows: the consumer key
 * pair as HTTP Basic (a key in the query is refused here, so the suite proves the default never puts it in a URL),
 * errors as `{code, message, data: {status}}`, orders listed 2 per page with `X-WP-Total`, `X-WP-TotalPages` and
 * a `Link` rel="next", and webhooks: `POST /webhooks` first sends the ping (`webhook_id=<id>`, form-encoded,
 * unsigned) to the delivery URL and reports the status it got; `DELETE /webhooks/{id}?force=true` removes one.
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const WOO_KEY = 'ck_e2e0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c';
export const WOO_SECRET = 'cs_e2e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1';
export const WOO_STORE = 'https://shop.example.com';

const BASIC = `Basic ${Buffer.from(`${WOO_KEY}:${WOO_SECRET}`).toString('base64')}`;
const PREFIX = '/wp-json/wc/v3';

const wcError = (status: number, code: string, message: string): Answer => [
	status,
	{ code, message, data: { status } },
];

export const WOO_ORDERS = [
	{
		id: 727,
		number: '727',
		status: 'processing',
		total: '29.35',
		date_created: '2026-11-30T16:28:02',
	},
	{
		id: 726,
		number: '726',
		status: 'processing',
		total: '12.00',
		date_created: '2026-11-29T10:02:11',
	},
	{
		id: 723,
		number: '723',
		status: 'processing',
		total: '39.00',
		date_created: '2026-11-28T18:03:31',
	},
];

export class WooCommerceFake extends ServiceFake {
	readonly origin = WOO_STORE;
	readonly webhooks = new Map<number, { topic: string; delivery_url: string; secret: string }>();
	/** What the delivery URL answered to each ping. */
	readonly pings: number[] = [];
	private nextHook = 140;

	protected async route(r: RecordedRequest): Promise<Answer> {
		if (r.query.consumer_key !== undefined || r.query.consumer_secret !== undefined)
			return wcError(
				400,
				'e2e_keys_in_query',
				'the keys belong in the Authorization header in this fake',
			);
		if (r.headers.authorization !== BASIC)
			return wcError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
		if (!r.path.startsWith(PREFIX))
			return wcError(
				404,
				'rest_no_route',
				'No route was found matching the URL and request method.',
			);
		const key = `${r.method} ${r.path.slice(PREFIX.length)}`;
		if (key === 'GET /system_status') return [200, { environment: { site_url: WOO_STORE } }];
		if (key === 'GET /orders') {
			if (r.query.status !== 'processing')
				return [200, [], { 'x-wp-total': '0', 'x-wp-totalpages': '0' }];
			// Two per page whatever per_page asks (a store whose collection params lower the maximum), so Return All pages.
			const perPage = Math.min(Number(r.query.per_page ?? 10), 2);
			const page = Number(r.query.page ?? 1);
			const pages = Math.ceil(WOO_ORDERS.length / perPage);
			const link = (n: number) =>
				`<${WOO_STORE}${PREFIX}/orders?status=processing&per_page=${perPage}&page=${n}>`;
			const links = [
				...(page > 1 ? [`${link(page - 1)}; rel="prev"`] : []),
				...(page < pages ? [`${link(page + 1)}; rel="next"`] : []),
			];
			return [
				200,
				WOO_ORDERS.slice((page - 1) * perPage, page * perPage),
				{
					'x-wp-total': String(WOO_ORDERS.length),
					'x-wp-totalpages': String(pages),
					...(links.length ? { link: links.join(', ') } : {}),
				},
			];
		}
		if (key === 'POST /webhooks') return await this.createWebhook(r);
		const hook = /^(GET|DELETE) \/webhooks\/(\d+)$/.exec(key);
		if (hook) {
			const id = Number(hook[2]);
			const found = this.webhooks.get(id);
			if (!found) return wcError(404, 'woocommerce_rest_webhook_invalid_id', 'Invalid ID.');
			if (hook[1] === 'DELETE') {
				if (r.query.force !== 'true')
					return wcError(
						501,
						'woocommerce_rest_trash_not_supported',
						'Webhooks do not support trashing.',
					);
				this.webhooks.delete(id);
			}
			return [200, { id, topic: found.topic, delivery_url: found.delivery_url, status: 'active' }];
		}
		return wcError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
	}

	/** WooCommerce's creation: the webhook is saved, then pinged with `webhook_id=<id>` (WC_Webhook::deliver_ping). */
	private async createWebhook(r: RecordedRequest): Promise<Answer> {
		const body = JSON.parse(r.body || '{}') as Record<string, string>;
		if (!body.topic || !body.delivery_url || !body.secret)
			return wcError(
				400,
				'rest_missing_callback_param',
				'Missing parameter(s): topic, delivery_url',
			);
		const id = this.nextHook++;
		this.webhooks.set(id, {
			topic: body.topic,
			delivery_url: body.delivery_url,
			secret: body.secret,
		});
		// After answering: n8n is still activating the workflow (its URL answers 404 until routed), so the fake
		// pings until the URL is routed, then records the answer (WooCommerce wants exactly 200).
		void this.ping(body.delivery_url, id);
		return [
			201,
			{ id, name: body.name, status: 'active', topic: body.topic, delivery_url: body.delivery_url },
		];
	}

	private async ping(url: string, id: number): Promise<void> {
		for (let attempt = 0; attempt < 60; attempt++) {
			await new Promise((done) => setTimeout(done, 500));
			const status = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
				},
				body: `webhook_id=${id}`,
				signal: AbortSignal.timeout(10_000),
			}).then(
				(res) => res.status,
				() => 0,
			);
			if (status !== 404) {
				this.pings.push(status);
				return;
			}
		}
		this.pings.push(404);
	}
}
