/**
 * Loopback fake of Square's Connect v2 API (https://connect.squareup.com) for the end-to-end suite, reached through
 * the origin map, answering as Square's reference documents: `Authorization: Bearer <personal access token>` and
 * `Square-Version` required (else Square's `errors[]` shape), a payment created from `source_id`, `amount_money`
 * and a required `idempotency_key` (the same key again returns the same payment, as Square does), the merchant
 * "who am I", and the Webhook Subscriptions API: a subscription created with its `signature_key`, read and deleted.
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const SQUARE_TOKEN = 'EAAAe2eSquarePatF00d9a8b7c6d5e4f3a2b1c0d';
export const SQUARE_SIGNATURE_KEY = 'e2e-square-signature-key-7Hc2Qw9Lm4';
export const SQUARE_VERSION = '2026-09-16';
export const SQUARE_SUBSCRIPTION = 'wbhk_e2e0000000000000000000000000001';
export const SQUARE_LOCATION = 'LE2E0000LOC01';

const error = (
	status: number,
	category: string,
	code: string,
	detail: string,
	field?: string,
): Answer => [status, { errors: [{ category, code, detail, ...(field ? { field } : {}) }] }];

export class SquareFake extends ServiceFake {
	readonly origin = 'https://connect.squareup.com';
	/** Payments by idempotency key. */
	readonly payments = new Map<string, Record<string, unknown>>();
	readonly subscriptions = new Map<string, Record<string, unknown>>();

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${SQUARE_TOKEN}`)
			return error(
				401,
				'AUTHENTICATION_ERROR',
				'UNAUTHORIZED',
				'This request could not be authorized.',
			);
		if (r.headers['square-version'] !== SQUARE_VERSION)
			return error(400, 'INVALID_REQUEST_ERROR', 'INVALID_VALUE', 'Unexpected Square-Version.');
		const key = `${r.method} ${r.path}`;
		if (key === 'GET /v2/merchants/me')
			return [
				200,
				{
					merchant: {
						id: 'ME2E00MERCHANT',
						business_name: 'E2E Coffee',
						country: 'US',
						currency: 'USD',
						status: 'ACTIVE',
						main_location_id: SQUARE_LOCATION,
					},
				},
			];
		if (key === 'POST /v2/payments')
			return this.createPayment(JSON.parse(r.body || '{}') as Record<string, unknown>);
		if (key === 'POST /v2/webhooks/subscriptions') {
			const body = JSON.parse(r.body || '{}') as {
				idempotency_key?: string;
				subscription?: Record<string, unknown>;
			};
			if (!body.idempotency_key)
				return error(
					400,
					'INVALID_REQUEST_ERROR',
					'MISSING_REQUIRED_PARAMETER',
					'Field must be set',
					'idempotency_key',
				);
			const subscription = {
				id: SQUARE_SUBSCRIPTION,
				enabled: true,
				created_at: new Date().toISOString(),
				...body.subscription,
			};
			this.subscriptions.set(SQUARE_SUBSCRIPTION, subscription);
			return [200, { subscription: { ...subscription, signature_key: SQUARE_SIGNATURE_KEY } }];
		}
		const sub = /^(GET|DELETE) \/v2\/webhooks\/subscriptions\/([^/]+)$/.exec(key);
		if (sub) {
			const found = this.subscriptions.get(decodeURIComponent(sub[2]));
			if (!found)
				return error(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', 'Subscription not found.');
			if (sub[1] === 'DELETE') {
				this.subscriptions.delete(decodeURIComponent(sub[2]));
				return [200, {}];
			}
			return [200, { subscription: found }];
		}
		return error(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', `No route ${key}`);
	}

	private createPayment(body: Record<string, unknown>): Answer {
		const idempotencyKey = body.idempotency_key;
		if (typeof idempotencyKey !== 'string' || !idempotencyKey)
			return error(
				400,
				'INVALID_REQUEST_ERROR',
				'MISSING_REQUIRED_PARAMETER',
				'Field must be set',
				'idempotency_key',
			);
		if (!body.source_id)
			return error(
				400,
				'INVALID_REQUEST_ERROR',
				'MISSING_REQUIRED_PARAMETER',
				'Field must be set',
				'source_id',
			);
		const seen = this.payments.get(idempotencyKey);
		if (seen) return [200, { payment: seen }];
		const payment = {
			id: `PE2E${String(this.payments.size + 1).padStart(4, '0')}ZY`,
			status: 'COMPLETED',
			source_type: 'CARD',
			amount_money: body.amount_money,
			total_money: body.amount_money,
			location_id: body.location_id ?? SQUARE_LOCATION,
			note: body.note,
			created_at: new Date().toISOString(),
		};
		this.payments.set(idempotencyKey, payment);
		return [200, { payment }];
	}
}
