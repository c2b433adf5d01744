/**
 * Google Drive Trigger on push notifications (nodes/Google/watch.ts): activation reads the start page token and
 * creates a changes watch channel with our own id (UUID), a random token and an expiration a week ahead; every
 * notification is headers only and must carry the live channel's id (403 otherwise) and its token (401
 * otherwise, constant time), nothing runs on a refusal; the `sync` notification is answered and starts nothing;
 * a change notification lists the changes since the saved page token through the engine and emits each once;
 * the Connections Monitor replaces the channel a day before it lapses (a new channel with the same URL and token,
 * then `channels/stop` of the old one), the old id verifying until it is stopped; deactivation stops the live
 * channel. Through n8n-core's real HookContext, WebhookContext and PollContext, on virtual time, against nock.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnGoogleServiceAccountApi } from '../../credentials/ApiConnGoogleServiceAccountApi.credentials';
import { ApiConnGoogleWorkspaceOAuth2Api } from '../../credentials/ApiConnGoogleWorkspaceOAuth2Api.credentials';
import { googleDriveSpec } from '../../nodes/GoogleDrive/GoogleDrive.service';
import { GoogleDriveTrigger } from '../../nodes/GoogleDrive/GoogleDriveTrigger.node';
import { CHANGE_FIELDS } from '../../nodes/GoogleDrive/GoogleDrive.hooks';
import { googleMonitor, googleOAuthCredential } from '../helpers/google-credential';
import { expectRefused } from '../helpers/google-watch';
import { useMonitorRuntime } from '../helpers/monitor-runtime';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://www.googleapis.com';
const DAY = 86_400_000;
const START = Date.parse('2026-12-01T09:00:00Z');
const ACCESS = 'ya29.a0AfB_byDriveTriggerToken0042';
const oauth = googleOAuthCredential(['drive'], ACCESS);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RESOURCE = 'o3hgv1538sdjfh';

const rt = useMonitorRuntime(googleDriveSpec, START);

function trigger(): TriggerHarness {
	return createTriggerHarness({
		nodeType: new GoogleDriveTrigger(),
		parameters: { events: ['change'] } as never,
		credentials: { apiConnGoogleWorkspaceOAuth2Api: oauth },
		credentialTypes: [new ApiConnGoogleWorkspaceOAuth2Api(), new ApiConnGoogleServiceAccountApi()],
	});
}

/** The monitor refreshes the credential's token before it renews (Google's token endpoint). */
const monitor = () => googleMonitor(oauth, ACCESS);

interface Watch {
	query: Record<string, string>;
	body: IDataObject;
	auth: unknown;
}

/** Activation against nock: the start page token, then the watch; returns what the watch was sent. */
async function activate(t: TriggerHarness): Promise<Watch> {
	const sent = {} as Watch;
	nock(API)
		.get('/drive/v3/changes/startPageToken')
		.query({ supportsAllDrives: 'true' })
		.matchHeader('authorization', `Bearer ${ACCESS}`)
		.reply(200, { kind: 'drive#startPageToken', startPageToken: '1001' })
		.post('/drive/v3/changes/watch')
		.query(true)
		.reply(function (uri, body) {
			sent.query = Object.fromEntries(new URL(uri, API).searchParams);
			sent.body = body as IDataObject;
			sent.auth = this.req.headers.authorization;
			return [
				200,
				{
					kind: 'api#channel',
					id: (body as IDataObject).id,
					resourceId: RESOURCE,
					resourceUri: 'https://www.googleapis.com/drive/v3/changes?alt=json&pageToken=1001',
					expiration: String(START + 7 * DAY),
				},
			];
		});
	expect(await t.run('checkExists')).toBe(false);
	expect(await t.run('create')).toBe(true);
	return sent;
}

const notification = (channel: string, token: string | undefined, state = 'change', n = 2) => ({
	method: 'POST',
	rawBody: '',
	headers: {
		'x-goog-channel-id': channel,
		...(token !== undefined ? { 'x-goog-channel-token': token } : {}),
		'x-goog-channel-expiration': new Date(START + 7 * DAY).toUTCString(),
		'x-goog-resource-id': RESOURCE,
		'x-goog-resource-state': state,
		'x-goog-resource-uri': 'https://www.googleapis.com/drive/v3/changes?alt=json&pageToken=1001',
		'x-goog-message-number': String(n),
	},
});

const file = (id: string, name: string) => ({
	id,
	name,
	mimeType: 'application/pdf',
	parents: ['0BwwA4oUTeiV1TGRPeTVjaWRDY1E'],
	modifiedTime: '2026-12-01T09:30:00.000Z',
	trashed: false,
});
const changes = [
	{
		kind: 'drive#change',
		changeType: 'file',
		removed: false,
		fileId: '1aB',
		time: '2026-12-01T09:30:00.000Z',
		file: file('1aB', 'invoice-1001.pdf'),
	},
	{
		kind: 'drive#change',
		changeType: 'file',
		removed: true,
		fileId: '1cD',
		time: '2026-12-01T09:31:00.000Z',
	},
];
const emitted = [
	{
		change: 'changed',
		changeType: 'file',
		fileId: '1aB',
		time: '2026-12-01T09:30:00.000Z',
		file: file('1aB', 'invoice-1001.pdf'),
	},
	{
		change: 'removed',
		changeType: 'file',
		fileId: '1cD',
		time: '2026-12-01T09:31:00.000Z',
		file: null,
	},
];

describe('Google Drive Trigger', () => {
	it('activation: start page token, then POST /drive/v3/changes/watch with our UUID, a random token and a week; recorded for replacement', async () => {
		const t = trigger();
		const sent = await activate(t);
		expect(sent.auth).toBe(`Bearer ${ACCESS}`);
		expect(sent.query).toEqual({
			pageToken: '1001',
			supportsAllDrives: 'true',
			includeItemsFromAllDrives: 'true',
		});
		expect(sent.body).toEqual({
			id: expect.stringMatching(UUID),
			type: 'web_hook',
			address: t.webhookUrl(),
			token: expect.stringMatching(/^.{32,256}$/),
			expiration: START + 7 * DAY,
		});
		const stored = t.nodeStaticData().production as IDataObject;
		expect(stored).toMatchObject({
			hookId: sent.body.id,
			data: { pageToken: '1001', resourceId: RESOURCE, expiration: String(START + 7 * DAY) },
		});
		// The token is kept only sealed, in the state and in the registry.
		expect(JSON.stringify(t.nodeStaticData())).not.toContain(String(sent.body.token));
		const [record] = await rt.registry.list();
		expect(record).toMatchObject({
			serviceId: 'googleDrive',
			hookId: sent.body.id,
			address: t.webhookUrl(),
			values: { pageToken: '1001', resourceId: RESOURCE },
			expiresAt: START + 7 * DAY,
			sealedSecret: expect.stringMatching(/^v1\./),
		});
		expect(JSON.stringify(record)).not.toContain(String(sent.body.token));
	});

	it('the sync notification is answered 200 and starts nothing (no request to Google)', async () => {
		const t = trigger();
		const { body } = await activate(t);
		const { result, response } = await t.deliver(
			notification(String(body.id), String(body.token), 'sync', 1),
		);
		expect(result).toEqual({ webhookResponse: { message: 'pong' } });
		expect(response.statusCode ?? 200).toBe(200);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a missing or wrong token gets 401, an unknown channel id 403, a body 400; nothing is fetched or run', async () => {
		const t = trigger();
		const { body } = await activate(t);
		const fetches = nock(API).get('/drive/v3/changes').query(true).reply(200, { changes });
		const id = String(body.id);
		const token = String(body.token);
		await expectRefused(t, token, [
			[notification(id, undefined), 401],
			[notification(id, `${token.slice(0, -1)}x`), 401],
			[notification(id, ''), 401],
			[notification('5d0e3c1a-0000-4000-8000-000000000000', token), 403],
			[{ ...notification('', token), headers: { ...notification('', token).headers } }, 403],
			[{ ...notification(id, token), rawBody: '{"x":1}' }, 400],
		]);
		expect(fetches.isDone()).toBe(false);
	});

	it('a change notification lists the changes since the saved page token, emits each once, saves newStartPageToken', async () => {
		const t = trigger();
		const { body } = await activate(t);
		const lists: Array<Record<string, string>> = [];
		nock(API)
			.get('/drive/v3/changes')
			.query(true)
			.times(3)
			.reply(function (uri) {
				const q = Object.fromEntries(new URL(uri, API).searchParams);
				lists.push(q);
				expect(this.req.headers.authorization).toBe(`Bearer ${ACCESS}`);
				return q.pageToken === '1001'
					? [200, { kind: 'drive#changeList', nextPageToken: '1002', changes: [changes[0]] }]
					: q.pageToken === '1002'
						? [200, { kind: 'drive#changeList', newStartPageToken: '1003', changes: [changes[1]] }]
						: [200, { kind: 'drive#changeList', newStartPageToken: '1003', changes: [] }];
			});
		const id = String(body.id);
		const token = String(body.token);
		const { result } = await t.deliver(notification(id, token));
		expect(result).toEqual({ workflowData: [emitted.map((json) => ({ json }))] });
		const common = {
			pageSize: '100',
			fields: CHANGE_FIELDS,
			supportsAllDrives: 'true',
			includeItemsFromAllDrives: 'true',
		};
		expect(lists).toEqual([
			{ pageToken: '1001', ...common },
			{ pageToken: '1002', ...common },
		]);
		expect((t.nodeStaticData().production as IDataObject).data).toMatchObject({
			pageToken: '1003',
		});
		// The next notification reads from the new place: nothing new, nothing runs.
		const again = await t.deliver(notification(id, token, 'change', 3));
		expect(again.result).toEqual({ webhookResponse: { message: 'No new changes' } });
		expect(lists[2]).toEqual({ pageToken: '1003', ...common });
	});

	it('two notifications reading the same page emit its changes once (claimed across processes)', async () => {
		const t = trigger();
		const { body } = await activate(t);
		nock(API)
			.get('/drive/v3/changes')
			.query(true)
			.times(2)
			.reply(200, { newStartPageToken: '1002', changes });
		const first = t.deliver(notification(String(body.id), String(body.token), 'change', 2));
		const second = t.deliver(notification(String(body.id), String(body.token), 'change', 3));
		const results = (await Promise.all([first, second])).map((r) => r.result);
		const items = results.flatMap((r) => (r.workflowData?.[0] ?? []).map((i) => i.json));
		expect(items).toEqual(emitted);
	});

	it('the monitor replaces the channel a day before it lapses, then stops the old one; the old id verifies until stopped; deactivation stops the live one', async () => {
		const t = trigger();
		const { body } = await activate(t);
		const oldId = String(body.id);
		const token = String(body.token);
		// Six days later: more than a day left, but the monitor's next run (in 24 h) would be too late.
		rt.clock.jump(6 * DAY);
		const watches: Array<{ query: Record<string, string>; body: IDataObject }> = [];
		const stops: IDataObject[] = [];
		nock(API)
			.post('/drive/v3/changes/watch')
			.query(true)
			.reply(function (uri, sent) {
				watches.push({
					query: Object.fromEntries(new URL(uri, API).searchParams),
					body: sent as IDataObject,
				});
				return [
					200,
					{
						kind: 'api#channel',
						id: (sent as IDataObject).id,
						resourceId: 'p4ihw2649tekgi',
						expiration: String(rt.clock.now() + 7 * DAY),
					},
				];
			})
			.post('/drive/v3/channels/stop')
			.reply(400, {
				error: { code: 400, message: 'Invalid Value', status: 'INVALID_ARGUMENT' },
			});
		const m = monitor();
		await m.poll();
		expect(watches).toEqual([
			{
				query: { pageToken: '1001', supportsAllDrives: 'true', includeItemsFromAllDrives: 'true' },
				body: {
					id: expect.stringMatching(UUID),
					type: 'web_hook',
					address: t.webhookUrl(),
					token,
					expiration: START + 13 * DAY,
				},
			},
		]);
		const newId = String(watches[0].body.id);
		expect(newId).not.toBe(oldId);
		// The stop failed: both channels verify, the old one is kept as retiring.
		let [record] = await rt.registry.list();
		expect(record).toMatchObject({
			hookId: newId,
			values: { resourceId: 'p4ihw2649tekgi' },
			expiresAt: START + 13 * DAY,
		});
		for (const id of [oldId, newId])
			expect((await t.deliver(notification(id, token, 'sync', 1))).result).toEqual({
				webhookResponse: { message: 'pong' },
			});
		const retired = {
			hookId: oldId,
			values: { pageToken: '1001', resourceId: RESOURCE, expiration: String(START + 7 * DAY) },
		};
		expect(record.retiring).toEqual([retired]);
		// The next run, though the new channel is not due, stops the old one again: it still fails.
		nock.cleanAll();
		monitor();
		nock(API)
			.post('/drive/v3/channels/stop', (b: IDataObject) => {
				stops.push(b);
				return true;
			})
			.reply(400, { error: { code: 400, message: 'Invalid Value', status: 'INVALID_ARGUMENT' } });
		rt.clock.jump(24 * 3_600_000);
		await m.poll();
		[record] = await rt.registry.list();
		expect(record).toMatchObject({ hookId: newId, retiring: [retired] });
		// Deactivation stops the live channel and the retiring one.
		nock.cleanAll();
		nock(API)
			.post('/drive/v3/channels/stop', (b: IDataObject) => {
				stops.push(b);
				return true;
			})
			.times(2)
			.reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(stops).toEqual([
			{ id: oldId, resourceId: RESOURCE },
			{ id: newId, resourceId: 'p4ihw2649tekgi' },
			{ id: oldId, resourceId: RESOURCE },
		]);
		expect(await rt.registry.list()).toEqual([]);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a replacement whose stop succeeds leaves only the new channel: the old id gets 403', async () => {
		const t = trigger();
		const { body } = await activate(t);
		const oldId = String(body.id);
		const token = String(body.token);
		rt.clock.jump(6 * DAY + 1);
		const stops: IDataObject[] = [];
		nock(API)
			.post('/drive/v3/changes/watch')
			.query(true)
			.reply(200, (_uri, sent) => ({
				id: (sent as IDataObject).id,
				resourceId: 'p4ihw2649tekgi',
				expiration: String(rt.clock.now() + 7 * DAY),
			}))
			.post('/drive/v3/channels/stop', (b: IDataObject) => {
				stops.push(b);
				return true;
			})
			.reply(204);
		const out = await monitor().poll();
		expect(out).toBeNull();
		const [record] = await rt.registry.list();
		expect(record.retiring).toBeUndefined();
		expect(stops).toEqual([{ id: oldId, resourceId: RESOURCE }]);
		expect((await t.deliver(notification(oldId, token, 'sync', 1))).response.statusCode).toBe(403);
		expect((await t.deliver(notification(record.hookId, token, 'sync', 1))).result).toEqual({
			webhookResponse: { message: 'pong' },
		});
	});
});
