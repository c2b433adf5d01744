/**
 * Loopback fake of the Mailchimp Marketing API 3.0 of data center us6 (https://us6.api.mailchimp.com/3.0) for the
 * end-to-end suite, reached through the origin map, answering as Mailchimp's API reference shows: the API key as
 * HTTP Basic (any user name), problem+json errors (`{type, title, status, detail, instance}`), members added or
 * updated by `PUT /lists/{list_id}/members/{subscriber_hash}` (the hash must be the MD5 of the lower-cased
 * `email_address`), campaigns created and sent (204), and list webhooks: `POST /lists/{list_id}/webhooks` first
 * sends Mailchimp's validation GET to the URL (wanting 200, retried while n8n has not routed it yet) and records the
 * status; `GET`/`DELETE /lists/{list_id}/webhooks/{id}` read and remove one.
 */
import { createHash } from 'node:crypto';

import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const MAILCHIMP_KEY = 'e2e0c1d2e3f4a5b6c7d8e9f0a1b2c3d4-us6';
export const MAILCHIMP_API = 'https://us6.api.mailchimp.com';
export const MAILCHIMP_LIST = 'e2e57afe96';
export const MAILCHIMP_CAMPAIGN = 'e2eb03bfc2';

const problem = (status: number, title: string, detail: string): Answer => [
	status,
	{
		type: 'https://mailchimp.com/developer/marketing/docs/errors/',
		title,
		status,
		detail,
		instance: 'e2e-0000-instance',
	},
	{ 'content-type': 'application/problem+json; charset=utf-8' },
];

export class MailchimpFake extends ServiceFake {
	readonly origin = MAILCHIMP_API;
	readonly webhooks = new Map<
		string,
		{ url: string; events: Record<string, boolean>; sources: Record<string, boolean> }
	>();
	/** What the webhook URL answered to each validation GET. */
	readonly validations: number[] = [];
	private nextHook = 1;

	protected async route(r: RecordedRequest): Promise<Answer> {
		const basic = String(r.headers.authorization ?? '');
		const password = basic.startsWith('Basic ')
			? Buffer.from(basic.slice(6), 'base64').toString('utf8').split(':').slice(1).join(':')
			: '';
		if (password !== MAILCHIMP_KEY)
			return problem(
				401,
				'API Key Invalid',
				'Your API key may be invalid, or you’ve attempted to access the wrong datacenter.',
			);
		const path = r.path.replace(/^\/3\.0/, '');
		const key = `${r.method} ${path}`;
		if (key === 'GET /ping') return [200, { health_status: "Everything's Chimpy!" }];
		if (key === 'GET /')
			return [
				200,
				{ account_id: 'e2eaccount', account_name: 'E2E Jokes', email: 'e2e@example.com' },
			];
		const member = new RegExp(`^PUT /lists/${MAILCHIMP_LIST}/members/([0-9a-f]{32})$`).exec(key);
		if (member) {
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			const email = String(body.email_address ?? '');
			if (createHash('md5').update(email.toLowerCase()).digest('hex') !== member[1])
				return problem(
					400,
					'Invalid Resource',
					'The subscriber hash is not the MD5 of email_address.',
				);
			return [
				200,
				{
					id: member[1],
					email_address: email.toLowerCase(),
					status: body.status_if_new,
					merge_fields: body.merge_fields ?? {},
					list_id: MAILCHIMP_LIST,
				},
			];
		}
		if (key === 'POST /campaigns') {
			const body = JSON.parse(r.body || '{}') as { recipients?: { list_id?: string } };
			if (body.recipients?.list_id !== MAILCHIMP_LIST)
				return problem(400, 'Invalid Resource', 'The list does not exist.');
			return [200, { id: MAILCHIMP_CAMPAIGN, type: 'regular', status: 'save', ...body }];
		}
		if (key === `POST /campaigns/${MAILCHIMP_CAMPAIGN}/actions/send`) return [204];
		if (key === `POST /lists/${MAILCHIMP_LIST}/webhooks`) return this.createWebhook(r);
		const hook = new RegExp(`^(GET|DELETE) /lists/${MAILCHIMP_LIST}/webhooks/(\\w+)$`).exec(key);
		if (hook) {
			const found = this.webhooks.get(hook[2]);
			if (!found)
				return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
			if (hook[1] === 'DELETE') {
				this.webhooks.delete(hook[2]);
				return [204];
			}
			return [200, { id: hook[2], list_id: MAILCHIMP_LIST, ...found }];
		}
		return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
	}

	private createWebhook(r: RecordedRequest): Answer {
		const body = JSON.parse(r.body || '{}') as {
			url?: string;
			events?: Record<string, boolean>;
			sources?: Record<string, boolean>;
		};
		if (!body.url) return problem(400, 'Invalid Resource', 'The URL is missing.');
		const id = `e2ehook${this.nextHook++}`;
		this.webhooks.set(id, {
			url: body.url,
			events: body.events ?? {},
			sources: body.sources ?? {},
		});
		void this.validate(body.url);
		return [
			200,
			{ id, url: body.url, events: body.events, sources: body.sources, list_id: MAILCHIMP_LIST },
		];
	}

	/** Mailchimp's validation GET; n8n routes the URL only once activation is done, so retried while 404. */
	private async validate(url: string): Promise<void> {
		for (let attempt = 0; attempt < 60; attempt++) {
			await new Promise((done) => setTimeout(done, 500));
			const status = await fetch(url, {
				headers: { 'user-agent': 'MailChimp.com WebHook Validator' },
				signal: AbortSignal.timeout(10_000),
			}).then(
				(res) => res.status,
				() => 0,
			);
			if (status !== 404) {
				this.validations.push(status);
				return;
			}
		}
		this.validations.push(404);
	}
}
