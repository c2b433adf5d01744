/**
 * Loopback fakes of HubSpot for the end-to-end suite, reached through the origin map: the CRM API
 * (https://api.hubapi.com; the private app token as `Authorization: Bearer`, contacts searched and updated through
 * `batch/update`, which answers its results in reverse order as HubSpot may, the account details) and the Forms
 * submission host (https://api.hsforms.com), which refuses any request carrying an Authorization header so the
 * suite proves the token never goes there.
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const HUBSPOT_TOKEN = 'pat-na1-e2e0c0de-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
export const HUBSPOT_CLIENT_SECRET = 'e2e-hubspot-client-secret-7f6e5d4c3b2a1908';
export const HUBSPOT_PORTAL = 62515;
export const HUBSPOT_FORM = '9d1d2a2e-7b4e-4a1c-9c1f-1d2a3b4c5d6e';

const contact = (id: string, email: string, lifecyclestage = 'lead') => ({
	id,
	properties: { email, lifecyclestage, hs_object_id: id },
	createdAt: '2026-12-01T09:12:44.119Z',
	updatedAt: '2026-12-03T16:00:00.000Z',
	archived: false,
});

export class HubspotFake extends ServiceFake {
	readonly origin = 'https://api.hubapi.com';

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${HUBSPOT_TOKEN}`)
			return [
				401,
				{
					status: 'error',
					message: 'Authentication credentials not found.',
					correlationId: 'e2e00000-0000-4000-8000-000000000401',
					category: 'INVALID_AUTHENTICATION',
				},
			];
		const key = `${r.method} ${r.path}`;
		if (key === 'GET /account-info/v3/details')
			return [
				200,
				{
					portalId: HUBSPOT_PORTAL,
					accountType: 'STANDARD',
					timeZone: 'US/Eastern',
					companyCurrency: 'USD',
				},
				{
					'x-hubspot-ratelimit-max': '100',
					'x-hubspot-ratelimit-remaining': '99',
					'x-hubspot-ratelimit-interval-milliseconds': '10000',
				},
			];
		if (key === 'POST /crm/v3/objects/contacts/search')
			return [
				200,
				{
					total: 2,
					results: [contact('512', 'ada@biglytics.net'), contact('513', 'grace@biglytics.net')],
				},
			];
		if (key === 'POST /crm/v3/objects/contacts/batch/update') {
			const { inputs } = JSON.parse(r.body) as {
				inputs: Array<{ id: string; properties: { lifecyclestage: string } }>;
			};
			const emails: Record<string, string> = {
				'512': 'ada@biglytics.net',
				'513': 'grace@biglytics.net',
			};
			return [
				200,
				{
					status: 'COMPLETE',
					results: inputs
						.map((i) => contact(i.id, emails[i.id] ?? '', i.properties.lifecyclestage))
						.reverse(),
					startedAt: '2026-12-03T16:00:00.000Z',
					completedAt: '2026-12-03T16:00:00.100Z',
				},
			];
		}
		return [404, { status: 'error', message: `No route ${key}`, category: 'OBJECT_NOT_FOUND' }];
	}
}

export class HsformsFake extends ServiceFake {
	readonly origin = 'https://api.hsforms.com';

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== undefined)
			return [400, { status: 'error', message: 'This fake refuses any Authorization header.' }];
		if (
			r.method === 'POST' &&
			r.path === `/submissions/v3/integration/submit/${HUBSPOT_PORTAL}/${HUBSPOT_FORM}`
		)
			return [200, { inlineMessage: 'Thanks for submitting the form.' }];
		return [404, { status: 'error', message: 'Form not found' }];
	}
}
