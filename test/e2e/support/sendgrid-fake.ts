/**
 * Loopback fake of Twilio SendGrid's v3 API (https://api.sendgrid.com) for the end-to-end suite, reached through
 * the origin map, answering as SendGrid's API reference documents: the key in `Authorization: Bearer SG.…` (401
 * `{"errors":[…]}` otherwise), `POST /v3/mail/send` checked (personalizations with recipients, a from address,
 * content or a template) and answered 202 with an empty body and `X-Message-Id`, `PUT /v3/marketing/contacts`
 * answered 202 with an import job that is `pending` on its first status read and `completed` after, and the Event
 * Webhooks API: `POST /v3/user/webhooks/event/settings` creates one, `PATCH …/signed/{id}` turns signing on and
 * answers a fresh P-256 public key (the fake keeps the private key so the suite signs deliveries as SendGrid
 * would), `GET`/`DELETE …/settings/{id}`. Every answer carries `X-RateLimit-*`.
 */
import { generateKeyPairSync, sign } from 'node:crypto';

import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const SENDGRID_KEY =
	'SG.e2eFakeSendGridKey0a1b2c.d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4';
export const SENDGRID_JOB = '7c1d0e2f-3a4b-4c5d-8e6f-0a1b2c3d4e5f';
export const SENDGRID_MESSAGE_ID = 'e2eMsgIdW86EgYT6SQKk0lR';

const rateHeaders = () => ({
	'x-ratelimit-limit': '600',
	'x-ratelimit-remaining': '599',
	'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60),
});
const errors = (status: number, message: string, field: string | null = null): Answer => [
	status,
	{ errors: [{ field, message }] },
];

export interface SendGridWebhook {
	id: string;
	url: string;
	enabled: boolean;
	flags: Record<string, unknown>;
	privateKey?: string;
	publicKey?: string;
}

export class SendGridFake extends ServiceFake {
	readonly origin = 'https://api.sendgrid.com';
	readonly webhooks = new Map<string, SendGridWebhook>();
	readonly sent: Array<Record<string, unknown>> = [];
	private importReads = 0;

	/** Signs a delivery as SendGrid does: base64 DER ECDSA P-256/SHA-256 of timestamp + raw body. */
	signFor(id: string, body: string, timestamp: string): string {
		const hook = this.webhooks.get(id);
		if (!hook?.privateKey) throw new Error(`no signed webhook ${id}`);
		return sign('sha256', Buffer.from(timestamp + body), hook.privateKey).toString('base64');
	}

	protected route(r: RecordedRequest): Answer {
		const answer = this.answer(r);
		return [answer[0], answer[1], { ...rateHeaders(), ...(answer[2] ?? {}) }];
	}

	private answer(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${SENDGRID_KEY}`)
			return errors(401, 'The provided authorization grant is invalid, expired, or revoked');
		const body = r.body ? (JSON.parse(r.body) as Record<string, unknown>) : {};
		const key = `${r.method} ${r.path}`;
		if (key === 'GET /v3/scopes') return [200, { scopes: ['mail.send', 'marketing.read'] }];
		if (key === 'GET /v3/user/email') return [200, { email: 'e2e.sender@example.com' }];
		if (key === 'POST /v3/mail/send') {
			const p = body.personalizations as Array<{ to?: unknown[] }> | undefined;
			if (!Array.isArray(p) || !p.length || !p.every((x) => Array.isArray(x.to) && x.to.length))
				return errors(
					400,
					'The personalizations field is required and must have at least one personalization.',
					'personalizations',
				);
			if (!(body.from as { email?: string } | undefined)?.email)
				return errors(400, 'The from object must be provided for every email send.', 'from');
			if (!body.content && !body.template_id)
				return errors(
					400,
					'Unless a valid template_id is provided, the content parameter is required.',
					'content',
				);
			this.sent.push(body);
			return [202, undefined, { 'x-message-id': SENDGRID_MESSAGE_ID }];
		}
		if (key === 'PUT /v3/marketing/contacts') {
			const contacts = body.contacts as Array<{ email?: string }> | undefined;
			if (!Array.isArray(contacts) || !contacts.every((c) => c.email))
				return errors(400, 'contacts must have an email', 'contacts');
			this.importReads = 0;
			return [202, { job_id: SENDGRID_JOB }];
		}
		if (key === `GET /v3/marketing/contacts/imports/${SENDGRID_JOB}`) {
			this.importReads++;
			const done = this.importReads > 1;
			return [
				200,
				{
					id: SENDGRID_JOB,
					status: done ? 'completed' : 'pending',
					job_type: 'upsert',
					results: {
						requested_count: 1,
						created_count: done ? 1 : 0,
						updated_count: 0,
						deleted_count: 0,
						errored_count: 0,
					},
				},
			];
		}
		if (key === 'POST /v3/user/webhooks/event/settings') {
			if (typeof body.url !== 'string') return errors(400, 'url is required', 'url');
			const id = `e2e5e9d0-0000-4000-8000-${String(this.webhooks.size + 1).padStart(12, '0')}`;
			const { url, enabled, ...flags } = body;
			this.webhooks.set(id, { id, url: url as string, enabled: enabled === true, flags });
			return [201, { id, url, enabled, ...flags }];
		}
		const signed = /^PATCH \/v3\/user\/webhooks\/event\/settings\/signed\/([^/]+)$/.exec(key);
		if (signed) {
			const hook = this.webhooks.get(decodeURIComponent(signed[1]));
			if (!hook) return errors(404, 'not found');
			const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
			hook.publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
			hook.privateKey = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
			return [200, { id: hook.id, public_key: hook.publicKey }];
		}
		const one = /^(GET|DELETE) \/v3\/user\/webhooks\/event\/settings\/([^/]+)$/.exec(key);
		if (one) {
			const id = decodeURIComponent(one[2]);
			const hook = this.webhooks.get(id);
			if (!hook) return errors(404, 'not found');
			if (one[1] === 'DELETE') {
				this.webhooks.delete(id);
				return [204];
			}
			return [200, { id, url: hook.url, enabled: hook.enabled, ...hook.flags }];
		}
		return errors(404, 'not found');
	}
}
