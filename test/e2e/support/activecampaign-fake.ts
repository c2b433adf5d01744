/**
 * Loopback fake of an ActiveCampaign account's API v3 (https://e2e-acme.api-us1.com/api/3) for the end-to-end
 * suite, reached through the origin map, answering as ActiveCampaign's v3 reference shows: the key in `Api-Token`
 * (anything else 403 `{"message": "Forbidden"}`), resources wrapped in their name (`{"contact": …}`), lists with
 * `meta.total`, and webhooks (`POST /webhooks`, `GET`/`DELETE /webhooks/{id}`) kept in memory.
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const AC_URL = 'https://e2e-acme.api-us1.com';
export const AC_KEY = 'e2e7c1d0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8';

export const AC_CONTACTS = [
	{ id: '113', email: 'johndoe@example.com', firstName: 'John', lastName: 'Doe' },
	{ id: '114', email: 'janedoe@example.com', firstName: 'Jane', lastName: 'Doe' },
];

export class ActiveCampaignFake extends ServiceFake {
	readonly origin = AC_URL;
	readonly webhooks = new Map<string, { url: string; events: string[]; sources: string[] }>();
	private nextHook = 40;

	protected route(r: RecordedRequest): Answer {
		if (r.headers['api-token'] !== AC_KEY) return [403, { message: 'Forbidden' }];
		const key = `${r.method} ${r.path}`;
		const body = (r.body ? JSON.parse(r.body) : {}) as Record<string, Record<string, unknown>>;
		if (key === 'GET /api/3/users/me')
			return [200, { user: { id: '1', username: 'admin', email: 'admin@example.com' } }];
		if (key === 'POST /api/3/contact/sync') {
			const found = AC_CONTACTS.find((c) => c.email === body.contact?.email);
			return [
				found ? 200 : 201,
				{ fieldValues: [], contact: { ...found, ...body.contact, id: found?.id ?? '115' } },
			];
		}
		if (key === 'POST /api/3/contactTags')
			return [
				201,
				{
					contactTag: {
						contact: String(body.contactTag?.contact),
						tag: String(body.contactTag?.tag),
						cdate: '2026-12-03T10:00:00-06:00',
						id: '17',
					},
				},
			];
		if (key === 'GET /api/3/contacts') {
			const offset = Number(r.query.offset ?? 0);
			const limit = Math.min(Number(r.query.limit ?? 20), 100);
			return [
				200,
				{
					contacts: AC_CONTACTS.slice(offset, offset + limit),
					meta: { total: String(AC_CONTACTS.length) },
				},
			];
		}
		if (key === 'POST /api/3/webhooks') {
			const w = body.webhook as { name: string; url: string; events: string[]; sources: string[] };
			if (!w?.url || !w.events?.length || !w.sources?.length)
				return [
					422,
					{ errors: [{ title: 'Missing attribute', source: { pointer: '/data/attributes/url' } }] },
				];
			const id = String(this.nextHook++);
			this.webhooks.set(id, { url: w.url, events: w.events, sources: w.sources });
			return [201, { webhook: { ...w, cdate: '2026-12-03T10:00:00-06:00', state: '1', id } }];
		}
		const hook = /^(GET|DELETE) \/api\/3\/webhooks\/(\d+)$/.exec(key);
		if (hook) {
			const found = this.webhooks.get(hook[2]);
			if (!found) return [404, { message: `No Result found for Webhook with id ${hook[2]}` }];
			if (hook[1] === 'DELETE') {
				this.webhooks.delete(hook[2]);
				return [200, {}];
			}
			return [200, { webhook: { ...found, id: hook[2] } }];
		}
		return [404, { message: 'Not Found' }];
	}
}
