/**
 * Airtable Trigger: the webhook created through the API on activation (a specification of the data types and
 * change types the picked events need), checked and deleted; each notification ping verified with
 * `X-Airtable-Content-MAC` (`hmac-sha256=` + hex HMAC-SHA256 of the raw body, keyed with the base64-decoded
 * macSecretBase64 of the create answer; services.md § Airtable test vector), failing closed; then the payloads
 * fetched from the kept cursor and every change of a picked event emitted once, through n8n-core's real
 * HookContext and WebhookContext against a nock Airtable.
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnAirtableApi } from '../../credentials/ApiConnAirtableApi.credentials';
import { ApiConnAirtableOAuth2Api } from '../../credentials/ApiConnAirtableOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { sharedReplayStore, signPayload } from '../../lib/webhooks';
import { airtableSignature } from '../../nodes/Airtable/Airtable.service';
import { AirtableTrigger } from '../../nodes/Airtable/AirtableTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://api.airtable.com';
const PAT = 'patR8vD2kQ9xL4mN7.3f9d0c77e1a24b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6';
const BASE = 'appY3WxIBCdKAzzAK';
const HOOK = 'achHqtKEJLnNRxOyB';
const MAC_SECRET = Buffer.from('a 32-byte webhook MAC key 0123456').toString('base64');
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [] }));
beforeEach(async () => await sharedReplayStore().clear());
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(parameters: Record<string, unknown> = {}): TriggerHarness {
	return createTriggerHarness({
		nodeType: new AirtableTrigger(),
		parameters: {
			baseId: BASE,
			events: ['record.created', 'record.updated'],
			...parameters,
		} as never,
		credentials: { apiConnAirtableApi: { accessToken: PAT } },
		credentialTypes: [new ApiConnAirtableApi(), new ApiConnAirtableOAuth2Api()],
	});
}

async function activate(t: TriggerHarness): Promise<IDataObject> {
	let sent: IDataObject = {};
	nock(API)
		.post(`/v0/bases/${BASE}/webhooks`, (body: IDataObject) => {
			sent = body;
			return true;
		})
		.matchHeader('authorization', `Bearer ${PAT}`)
		.reply(200, {
			id: HOOK,
			macSecretBase64: MAC_SECRET,
			expirationTime: '2023-01-30T00:00:00.000Z',
		});
	expect(await t.run('checkExists')).toBe(false);
	expect(await t.run('create')).toBe(true);
	return sent;
}

const pingBody = (hook = HOOK) =>
	JSON.stringify({
		base: { id: BASE },
		webhook: { id: hook },
		timestamp: '2023-01-23T12:00:00.000Z',
	});
const mac = (body: string, secret = MAC_SECRET) =>
	`hmac-sha256=${createHmac('sha256', Buffer.from(secret, 'base64')).update(body).digest('hex')}`;
const ping = (body = pingBody(), signature = mac(body)) => ({
	method: 'POST',
	rawBody: body,
	headers: {
		'content-type': 'application/json',
		...(signature ? { 'x-airtable-content-mac': signature } : {}),
	},
});

const created = {
	timestamp: '2023-01-23T12:00:00.000Z',
	baseTransactionNumber: 4,
	payloadFormat: 'v0',
	actionMetadata: { source: 'client', sourceMetadata: { user: { id: 'usrL2PNC5o3H4lBEi' } } },
	changedTablesById: {
		tblVGqE4KgdAaaFHA: {
			createdRecordsById: {
				rec560UJdUtocSouk: {
					createdTime: '2023-01-23T12:00:00.000Z',
					cellValuesByFieldId: { fld1VnoyuotSTyxW1: 'Union Square' },
				},
			},
		},
	},
};
const updated = {
	timestamp: '2023-01-23T12:00:05.000Z',
	baseTransactionNumber: 5,
	payloadFormat: 'v0',
	actionMetadata: { source: 'publicApi', sourceMetadata: {} },
	changedTablesById: {
		tblVGqE4KgdAaaFHA: {
			changedRecordsById: {
				rec560UJdUtocSouk: {
					current: { cellValuesByFieldId: { fld1VnoyuotSTyxW1: 'Union Sq.' } },
					previous: { cellValuesByFieldId: { fld1VnoyuotSTyxW1: 'Union Square' } },
				},
			},
			destroyedRecordIds: ['recZGRaSBATfeDkiu'],
		},
	},
};

describe('registration', () => {
	it('signs the test vector of services.md exactly as Airtable does', () => {
		const body =
			'{"base":{"id":"appX"},"webhook":{"id":"achY"},"timestamp":"2024-01-01T00:00:00.000Z"}';
		expect(
			signPayload(airtableSignature, {
				rawBody: Buffer.from(body),
				secret: 'c2VjcmV0LW1hYy1rZXk=',
			}),
		).toEqual({
			'x-airtable-content-mac':
				'hmac-sha256=bab4e367b2f519fc2836f466fb9f5d9bc4be987f4f79c22a99490138ef5923f2',
		});
	});

	it('create: POST /v0/bases/{baseId}/webhooks with the data and change types of the picked events; the MAC secret is kept sealed', async () => {
		const t = harness({ tableId: 'tblVGqE4KgdAaaFHA', includePreviousValues: true });
		const sent = await activate(t);
		expect(sent).toEqual({
			notificationUrl: PROD_URL,
			specification: {
				options: {
					filters: {
						dataTypes: ['tableData'],
						changeTypes: ['add', 'update'],
						recordChangeScope: 'tblVGqE4KgdAaaFHA',
					},
					includes: { includeCellValuesInFieldIds: 'all', includePreviousCellValues: true },
				},
			},
		});
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: HOOK,
				sealedSecret: expect.stringMatching(/^v1\.[\w-]+$/),
				events: ['record.created', 'record.updated'],
				webhookUrl: PROD_URL,
				data: { baseId: BASE, cursor: 1, expirationTime: '2023-01-30T00:00:00.000Z' },
			},
		});
		expect(JSON.stringify(t.nodeStaticData())).not.toContain(MAC_SECRET);
	});

	it('every change type and data type: no changeTypes filter, tableData + tableFields + tableMetadata', async () => {
		const t = harness({
			events: [
				'record.created',
				'record.deleted',
				'record.updated',
				'field.created',
				'table.updated',
			],
		});
		const sent = await activate(t);
		expect((sent.specification as IDataObject).options).toEqual({
			filters: { dataTypes: ['tableData', 'tableFields', 'tableMetadata'] },
			includes: { includeCellValuesInFieldIds: 'all' },
		});
	});

	it('checkExists lists the base’s webhooks; a disabled (expired) one is deleted and registered anew', async () => {
		const t = harness();
		await activate(t);
		nock(API)
			.get(`/v0/bases/${BASE}/webhooks`)
			.reply(200, { webhooks: [{ id: HOOK, isHookEnabled: true, areNotificationsEnabled: true }] });
		expect(await t.run('checkExists')).toBe(true);
		const gone = nock(API)
			.get(`/v0/bases/${BASE}/webhooks`)
			.reply(200, { webhooks: [{ id: HOOK, isHookEnabled: false }] })
			.delete(`/v0/bases/${BASE}/webhooks/${HOOK}`)
			.reply(200, {});
		expect(await t.run('checkExists')).toBe(false);
		expect(gone.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('delete removes the webhook at Airtable (404: already gone) and forgets it', async () => {
		const t = harness();
		await activate(t);
		const scope = nock(API)
			.delete(`/v0/bases/${BASE}/webhooks/${HOOK}`)
			.matchHeader('authorization', `Bearer ${PAT}`)
			.reply(200, {});
		expect(await t.run('delete')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
		await activate(t);
		nock(API).delete(`/v0/bases/${BASE}/webhooks/${HOOK}`).reply(404, { error: 'NOT_FOUND' });
		expect(await t.run('delete')).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a refused registration fails activation with Airtable’s words and the scope to add', async () => {
		const t = harness();
		nock(API)
			.post(`/v0/bases/${BASE}/webhooks`)
			.reply(403, {
				error: {
					type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
					message: 'Invalid permissions, or the requested model was not found.',
				},
			});
		await expect(t.run('create')).rejects.toThrow(
			/Could not register the Airtable webhook: .*Invalid permissions/,
		);
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe('notifications', () => {
	it('a signed ping fetches the payloads from the kept cursor, emits each picked change once, keeps the next cursor', async () => {
		const t = harness();
		await activate(t);
		const pages: string[] = [];
		nock(API)
			.get(`/v0/bases/${BASE}/webhooks/${HOOK}/payloads`)
			.query(true)
			.times(2)
			.reply(function (uri) {
				pages.push(uri);
				return uri.endsWith('cursor=1')
					? [200, { cursor: 2, mightHaveMore: true, payloads: [created] }]
					: [200, { cursor: 3, mightHaveMore: false, payloads: [updated] }];
			});
		const { result } = await t.deliver(ping());
		expect(pages).toEqual([
			`/v0/bases/${BASE}/webhooks/${HOOK}/payloads?cursor=1`,
			`/v0/bases/${BASE}/webhooks/${HOOK}/payloads?cursor=2`,
		]);
		const common = { baseId: BASE, webhookId: HOOK, tableId: 'tblVGqE4KgdAaaFHA' };
		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							event: 'record.created',
							...common,
							cursor: 1,
							timestamp: created.timestamp,
							baseTransactionNumber: 4,
							actionMetadata: created.actionMetadata,
							recordId: 'rec560UJdUtocSouk',
							createdTime: '2023-01-23T12:00:00.000Z',
							cells: { fld1VnoyuotSTyxW1: 'Union Square' },
						},
					},
					// record.deleted was not picked: not emitted.
					{
						json: {
							event: 'record.updated',
							...common,
							cursor: 2,
							timestamp: updated.timestamp,
							baseTransactionNumber: 5,
							actionMetadata: updated.actionMetadata,
							recordId: 'rec560UJdUtocSouk',
							cells: { fld1VnoyuotSTyxW1: 'Union Sq.' },
							previous: { fld1VnoyuotSTyxW1: 'Union Square' },
						},
					},
				],
			],
		});
		expect((t.nodeStaticData().production as IDataObject).data).toEqual({
			baseId: BASE,
			cursor: 3,
			expirationTime: '2023-01-30T00:00:00.000Z',
		});

		// The next ping starts at cursor 3; nothing new → 200 and no execution.
		const next = nock(API)
			.get(`/v0/bases/${BASE}/webhooks/${HOOK}/payloads`)
			.query({ cursor: '3' })
			.reply(200, { cursor: 3, mightHaveMore: false, payloads: [] });
		const body = pingBody().replace('12:00:00', '12:01:00');
		const quiet = await t.deliver(ping(body));
		expect(next.isDone()).toBe(true);
		expect(quiet.result).toEqual({ webhookResponse: { message: 'No new changes' } });
	});

	it('two pings reading the same cursor (e.g. two processes) emit the change once', async () => {
		const t = harness();
		await activate(t);
		nock(API)
			.get(`/v0/bases/${BASE}/webhooks/${HOOK}/payloads`)
			.query({ cursor: '1' })
			.times(2)
			.reply(200, { cursor: 2, mightHaveMore: false, payloads: [created] });
		// A second process that loaded the workflow before the first one saved its cursor.
		const second = createTriggerHarness({
			nodeType: new AirtableTrigger(),
			parameters: { baseId: BASE, events: ['record.created', 'record.updated'] } as never,
			credentials: { apiConnAirtableApi: { accessToken: PAT } },
			credentialTypes: [new ApiConnAirtableApi()],
			staticData: { [`node:${t.node.name}`]: t.nodeStaticData() },
		});
		const first = await t.deliver(ping());
		const again = await second.deliver(ping(pingBody().replace('12:00:00', '12:00:01')));
		expect((first.result.workflowData?.[0] ?? []).map((i) => i.json.event)).toEqual([
			'record.created',
		]);
		expect(again.result).toEqual({ webhookResponse: { message: 'No new changes' } });
	});

	it('unsigned, wrongly signed, tampered and replayed pings get 401 and fetch nothing', async () => {
		const t = harness();
		await activate(t);
		const fetches = nock(API)
			.get(`/v0/bases/${BASE}/webhooks/${HOOK}/payloads`)
			.query(true)
			.reply(200, { cursor: 2, mightHaveMore: false, payloads: [created] });
		const body = pingBody();
		for (const bad of [
			ping(body, ''),
			ping(body, mac(body, Buffer.from('another key').toString('base64'))),
			ping(body.replace(BASE, 'appAAAAAAAAAAAAAA'), mac(body)),
			ping(body, mac(body).replace('hmac-sha256=', 'sha256=')),
		]) {
			const { result, response } = await t.deliver(bad);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response.statusCode).toBe(401);
			expect(JSON.stringify(response.body)).not.toContain(MAC_SECRET);
		}
		expect(fetches.isDone()).toBe(false);
		expect((await t.deliver(ping(body))).result.workflowData).toHaveLength(1);
		const replay = await t.deliver(ping(body));
		expect(replay.response.statusCode).toBe(401);
	});

	it('a ping for another webhook of the base starts nothing; a failed fetch keeps the cursor for the next ping', async () => {
		const t = harness();
		await activate(t);
		const other = await t.deliver(ping(pingBody('achOtherWebhook00')));
		expect(other.result).toEqual({ webhookResponse: { message: 'No new changes' } });

		nock(API)
			.get(`/v0/bases/${BASE}/webhooks/${HOOK}/payloads`)
			.query(true)
			.times(3)
			.reply(403, {
				error: { type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', message: 'Invalid permissions' },
			});
		const failed = await t.deliver(ping(pingBody().replace('12:00:00', '12:00:09')));
		expect(failed.response.statusCode).toBe(502);
		expect(failed.result.workflowData).toBeUndefined();
		expect(((t.nodeStaticData().production as IDataObject).data as IDataObject).cursor).toBe(1);
	});

	it('field and table changes become their own events; an error payload is always said', async () => {
		const t = harness({ events: ['field.created', 'table.updated'] });
		await activate(t);
		nock(API)
			.get(`/v0/bases/${BASE}/webhooks/${HOOK}/payloads`)
			.query({ cursor: '1' })
			.reply(200, {
				cursor: 3,
				mightHaveMore: false,
				payloads: [
					{
						timestamp: '2023-01-23T12:00:00.000Z',
						baseTransactionNumber: 6,
						changedTablesById: {
							tblVGqE4KgdAaaFHA: {
								changedMetadata: {
									current: { name: 'Places (2023)' },
									previous: { name: 'Places' },
								},
								createdFieldsById: { fldB7o1sVZMKhtbfT: { name: 'Visited', type: 'checkbox' } },
							},
						},
					},
					{
						timestamp: '2023-01-23T12:05:00.000Z',
						baseTransactionNumber: 7,
						error: true,
						code: 'INVALID_FILTERS',
					},
				],
			});
		const { result } = await t.deliver(ping());
		expect(result.workflowData?.[0].map((i) => [i.json.event, i.json.cursor])).toEqual([
			['table.updated', 1],
			['field.created', 1],
			['webhook.error', 2],
		]);
		expect(result.workflowData?.[0][1].json.field).toEqual({ name: 'Visited', type: 'checkbox' });
		expect(result.workflowData?.[0][2].json.code).toBe('INVALID_FILTERS');
	});
});
