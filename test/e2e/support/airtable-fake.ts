/**
 * Loopback fake of Airtable's Web API (api.airtable.com) for the end-to-end suite, reached through the origin map,
 * answering as Airtable's reference documents it: Bearer personal access token; records listed with `offset`
 * paging (`pageSize` at most 100) and created 1 to 10 per request (`{"records": [{"fields"}]}`, more than 10 is
 * a 422 `INVALID_RECORDS`); webhooks created per base (`POST /v0/bases/{baseId}/webhooks` answers the id and
 * `macSecretBase64`, once), listed, deleted and refreshed; payloads read by `cursor` (`{cursor, mightHaveMore,
 * payloads}`); errors as `{"error": {"type", "message"}}`. A test adds a change with `addChange`, and the fake
 * then sends the webhook's notification ping itself, signed as Airtable signs it (`X-Airtable-Content-MAC:
 * hmac-sha256=` + hex HMAC-SHA256 of the body with the base64-decoded secret).
 * Kept apart from service-fakes.ts so each service's fake is its own file.
 */
import { createHmac, randomBytes } from 'node:crypto';

import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const AIRTABLE_TOKEN =
	'patE2EfakeAirtab.0e2e4f1c9a7b3d5e8f0a2c4e6b8d0f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d';
export const AIRTABLE_BASE = 'appE2EfakeBase001';
export const AIRTABLE_TABLE = 'tblE2EfakeTable01';
export const AIRTABLE_WEBHOOK = 'achE2EfakeHook001';

interface AirtableRecord {
	id: string;
	createdTime: string;
	fields: Record<string, unknown>;
}

const record = (n: number, name: string): AirtableRecord => ({
	id: `recE2Efake${String(n).padStart(7, '0')}`,
	createdTime: '2026-01-05T09:00:00.000Z',
	fields: { Name: name },
});

const error = (status: number, type: string, message: string): Answer => [
	status,
	{ error: { type, message } },
];

export class AirtableFake extends ServiceFake {
	readonly origin = 'https://api.airtable.com';
	/** The table's records: 3 seeded, listed 2 per page. */
	readonly records: AirtableRecord[] = [
		record(1, 'Espresso'),
		record(2, 'Cappuccino'),
		record(3, 'Flat white'),
	];
	/** The webhook registered through the API (one at a time here). */
	webhook:
		{ id: string; notificationUrl: string; secret: string; specification: unknown } | undefined;
	/** Payloads of the webhook, cursor 1 first. */
	readonly payloads: unknown[] = [];

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${AIRTABLE_TOKEN}`)
			return error(401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
		const key = `${r.method} ${r.path}`;
		const table = `/v0/${AIRTABLE_BASE}/Drinks`;
		if (key === 'GET /v0/meta/whoami')
			return [200, { id: 'usrE2Efake0000001', scopes: ['data.records:read'] }];
		if (key === `GET ${table}`) {
			const size = Math.min(Number(r.query.pageSize ?? 100), 2);
			const start = r.query.offset ? Number(r.query.offset.split('/')[1]) : 0;
			if (Number.isNaN(start))
				return error(422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'Bad offset');
			const page = this.records.slice(start, start + size);
			const more = start + size < this.records.length;
			return [200, { records: page, ...(more ? { offset: `itrE2E/${start + size}` } : {}) }];
		}
		if (key === `POST ${table}`) {
			const body = JSON.parse(r.body || '{}') as {
				records?: Array<{ fields?: Record<string, unknown> }>;
			};
			const list = body.records ?? [];
			if (list.length < 1 || list.length > 10)
				return error(
					422,
					'INVALID_RECORDS',
					'You must provide an array of up to 10 record objects',
				);
			const created = list.map((x, i) =>
				record(100 + this.records.length + i, String(x.fields?.Name ?? '')),
			);
			this.records.push(...created);
			return [200, { records: created }];
		}
		const hooks = `/v0/bases/${AIRTABLE_BASE}/webhooks`;
		if (key === `POST ${hooks}`) {
			const body = JSON.parse(r.body || '{}') as {
				notificationUrl?: string;
				specification?: unknown;
			};
			if (!body.notificationUrl || !body.specification)
				return error(
					422,
					'INVALID_REQUEST_UNKNOWN',
					'notificationUrl and specification are required',
				);
			const secret = randomBytes(32).toString('base64');
			this.webhook = {
				id: AIRTABLE_WEBHOOK,
				notificationUrl: body.notificationUrl,
				secret,
				specification: body.specification,
			};
			return [
				200,
				{
					id: AIRTABLE_WEBHOOK,
					macSecretBase64: secret,
					expirationTime: new Date(Date.now() + 7 * 86_400_000).toISOString(),
				},
			];
		}
		if (key === `GET ${hooks}`)
			return [
				200,
				{
					webhooks: this.webhook
						? [
								{
									id: this.webhook.id,
									isHookEnabled: true,
									notificationUrl: this.webhook.notificationUrl,
								},
							]
						: [],
				},
			];
		if (this.webhook && key === `DELETE ${hooks}/${this.webhook.id}`) {
			this.webhook = undefined;
			return [200, {}];
		}
		if (this.webhook && key === `GET ${hooks}/${this.webhook.id}/payloads`) {
			const cursor = Number(r.query.cursor ?? 1);
			const page = this.payloads.slice(cursor - 1, cursor - 1 + 50);
			return [
				200,
				{
					cursor: cursor + page.length,
					mightHaveMore: cursor - 1 + page.length < this.payloads.length,
					payloads: page,
				},
			];
		}
		if (this.webhook && key === `POST ${hooks}/${this.webhook.id}/refresh`)
			return [200, { expirationTime: new Date(Date.now() + 7 * 86_400_000).toISOString() }];
		return [404, { error: 'NOT_FOUND' }];
	}

	/** A record created in the table: a payload to read, and the notification Airtable would send. */
	addCreated(name: string): { body: string; mac: string } {
		const created = record(500 + this.payloads.length, name);
		this.payloads.push({
			timestamp: new Date().toISOString(),
			baseTransactionNumber: 10 + this.payloads.length,
			payloadFormat: 'v0',
			actionMetadata: { source: 'client', sourceMetadata: { user: { id: 'usrE2Efake0000001' } } },
			changedTablesById: {
				[AIRTABLE_TABLE]: {
					createdRecordsById: {
						[created.id]: {
							createdTime: created.createdTime,
							cellValuesByFieldId: { fldE2EfakeName001: name },
						},
					},
				},
			},
		});
		const body = JSON.stringify({
			base: { id: AIRTABLE_BASE },
			webhook: { id: AIRTABLE_WEBHOOK },
			timestamp: new Date().toISOString(),
		});
		return { body, mac: airtableMac(this.webhook?.secret ?? '', body) };
	}
}

/** `hmac-sha256=` + hex HMAC-SHA256 of the body, keyed with the base64-decoded macSecretBase64. */
export const airtableMac = (secretBase64: string, body: string) =>
	`hmac-sha256=${createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(body).digest('hex')}`;
