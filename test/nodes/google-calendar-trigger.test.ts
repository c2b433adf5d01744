/**
 * Google Calendar Trigger on push notifications: activation syncs the calendar once for a baseline (only the
 * `nextSyncToken` is read, page by page) and creates an events watch channel; a notification lists the events
 * changed since the saved sync token and emits each change once; a sync token Google no longer accepts (410
 * Gone) makes a full resync to a new baseline that emits nothing and is logged; the `sync` handshake starts
 * nothing, a wrong or missing token (401), an unknown channel (403) or a body (400) neither; the Connections Monitor
 * replaces the channel before it lapses on the calendar's own watch path; deactivation stops the channel.
 * Through n8n-core's real HookContext and WebhookContext against nock.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnGoogleServiceAccountApi } from '../../credentials/ApiConnGoogleServiceAccountApi.credentials';
import { ApiConnGoogleWorkspaceOAuth2Api } from '../../credentials/ApiConnGoogleWorkspaceOAuth2Api.credentials';
import { googleCalendarSpec } from '../../nodes/GoogleCalendar/GoogleCalendar.service';
import { GoogleCalendarTrigger } from '../../nodes/GoogleCalendar/GoogleCalendarTrigger.node';
import { googleMonitor, googleOAuthCredential } from '../helpers/google-credential';
import { expectRefused } from '../helpers/google-watch';
import { useMonitorRuntime } from '../helpers/monitor-runtime';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://www.googleapis.com';
const EVENTS = '/calendar/v3/calendars/team%40acme.example/events';
const START = Date.parse('2026-12-01T09:00:00Z');
const DAY = 86_400_000;
const ACCESS = 'ya29.a0AfB_byCalendarTriggerToken42';
const RESOURCE = 'ret08u3rv24htgh289g';

const rt = useMonitorRuntime(googleCalendarSpec, START);

const oauth = googleOAuthCredential(['calendar'], ACCESS);

function trigger(): TriggerHarness {
	return createTriggerHarness({
		nodeType: new GoogleCalendarTrigger(),
		parameters: { calendarId: 'team@acme.example', events: ['exists'] } as never,
		credentials: { apiConnGoogleWorkspaceOAuth2Api: oauth },
		credentialTypes: [new ApiConnGoogleWorkspaceOAuth2Api(), new ApiConnGoogleServiceAccountApi()],
	});
}

const listed: Array<Record<string, string>> = [];
beforeEach(() => (listed.length = 0));

/** The events list, answering by sync token / page token from `pages`. */
function eventsList(pages: Record<string, [number, IDataObject]>, times: number) {
	nock(API)
		.get(EVENTS)
		.query(true)
		.times(times)
		.reply(function (uri) {
			const q = Object.fromEntries(new URL(uri, API).searchParams);
			listed.push(q);
			expect(this.req.headers.authorization).toBe(`Bearer ${ACCESS}`);
			return pages[q.pageToken ?? q.syncToken ?? 'full'];
		});
}

async function activate(t: TriggerHarness): Promise<IDataObject> {
	let sent: IDataObject = {};
	eventsList(
		{
			full: [200, { kind: 'calendar#events', nextPageToken: 'pg2' }],
			pg2: [200, { kind: 'calendar#events', nextSyncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=' }],
		},
		2,
	);
	nock(API)
		.post(`${EVENTS}/watch`, (body: IDataObject) => {
			sent = body;
			return true;
		})
		.reply(200, (_uri, body) => ({
			kind: 'api#channel',
			id: (body as IDataObject).id,
			resourceId: RESOURCE,
			resourceUri: `https://www.googleapis.com/calendar/v3/calendars/team@acme.example/events?alt=json`,
			expiration: String(START + 7 * DAY),
		}));
	expect(await t.run('create')).toBe(true);
	return sent;
}

/** A notification as Google sends it: headers only; `token` undefined leaves the token header out. */
const notification = (
	id: string,
	token: string | undefined,
	state = 'exists',
	n = state === 'sync' ? 1 : 2,
) => ({
	method: 'POST',
	rawBody: '',
	headers: {
		'x-goog-channel-id': id,
		...(token !== undefined ? { 'x-goog-channel-token': token } : {}),
		'x-goog-resource-id': RESOURCE,
		'x-goog-resource-state': state,
		'x-goog-message-number': String(n),
	},
});
const notify = (t: TriggerHarness, channel: IDataObject, state = 'exists') =>
	t.deliver(notification(String(channel.id), String(channel.token), state));

const event = (id: string, updated: string, status = 'confirmed') => ({
	kind: 'calendar#event',
	id,
	status,
	updated,
	summary: 'Standup',
	start: { dateTime: '2026-12-02T09:30:00+01:00' },
	end: { dateTime: '2026-12-02T09:45:00+01:00' },
});

describe('Google Calendar Trigger', () => {
	it('activation: a baseline sync reads only the sync token, then POST …/events/watch with our channel', async () => {
		const t = trigger();
		const sent = await activate(t);
		expect(listed).toEqual([
			{ maxResults: '2500', fields: 'nextPageToken,nextSyncToken' },
			{ maxResults: '2500', fields: 'nextPageToken,nextSyncToken', pageToken: 'pg2' },
		]);
		expect(sent).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			type: 'web_hook',
			address: t.webhookUrl(),
			token: expect.any(String),
			expiration: START + 7 * DAY,
		});
		expect((t.nodeStaticData().production as IDataObject).data).toEqual({
			calendarId: 'team@acme.example',
			syncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=',
			resourceId: RESOURCE,
			expiration: String(START + 7 * DAY),
		});
		expect((await rt.registry.list())[0]).toMatchObject({
			hookId: sent.id,
			values: { calendarId: 'team@acme.example', resourceId: RESOURCE },
		});
	});

	it('a notification lists the changes since the sync token, emits each change once, keeps the next token', async () => {
		const t = trigger();
		const channel = await activate(t);
		listed.length = 0;
		const changed = event('e1', '2026-12-01T09:10:00.000Z');
		const cancelled = { kind: 'calendar#event', id: 'e2', status: 'cancelled' };
		eventsList(
			{
				'CPDAlvWDx70CEPDAlvWDx70CGAU=': [200, { items: [changed], nextPageToken: 'p2' }],
				p2: [200, { items: [cancelled], nextSyncToken: 'token-2' }],
				'token-2': [200, { items: [changed], nextSyncToken: 'token-3' }],
			},
			3,
		);
		const { result } = await notify(t, channel);
		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							change: 'changed',
							calendarId: 'team@acme.example',
							eventId: 'e1',
							event: changed,
						},
					},
					{
						json: {
							change: 'cancelled',
							calendarId: 'team@acme.example',
							eventId: 'e2',
							event: cancelled,
						},
					},
				],
			],
		});
		expect(listed).toEqual([
			{ maxResults: '250', syncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=' },
			{ maxResults: '250', syncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=', pageToken: 'p2' },
		]);
		// The same change listed again (same id and updated time) is not emitted twice.
		const again = await notify(t, channel);
		expect(again.result).toEqual({ webhookResponse: { message: 'No new changes' } });
		expect(listed[2]).toEqual({ maxResults: '250', syncToken: 'token-2' });
		expect((t.nodeStaticData().production as IDataObject).data).toMatchObject({
			syncToken: 'token-3',
		});
	});

	it('410 Gone on the sync token: a full resync to a new baseline, nothing emitted, a warning logged', async () => {
		const t = trigger();
		const channel = await activate(t);
		listed.length = 0;
		eventsList(
			{
				'CPDAlvWDx70CEPDAlvWDx70CGAU=': [
					410,
					{
						error: {
							code: 410,
							message: 'Sync token is no longer valid, a full sync is required.',
							errors: [{ domain: 'global', reason: 'fullSyncRequired' }],
						},
					},
				],
				full: [200, { nextSyncToken: 'fresh-baseline' }],
			},
			2,
		);
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});
		const { result } = await notify(t, channel);
		expect(warn).toHaveBeenCalledWith(
			'Google Calendar Trigger: Google no longer accepts the saved sync token (410 Gone); a full resync set a new baseline, and changes made before it are not emitted',
			{ node: 'Google Calendar Trigger', calendarId: 'team@acme.example' },
		);
		expect(result).toEqual({ webhookResponse: { message: 'No new changes' } });
		expect(listed).toEqual([
			{ maxResults: '250', syncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=' },
			{ maxResults: '2500', fields: 'nextPageToken,nextSyncToken' },
		]);
		expect((t.nodeStaticData().production as IDataObject).data).toMatchObject({
			syncToken: 'fresh-baseline',
		});
	});

	it('the sync notification is answered 200 and lists nothing; a missing or wrong token gets 401, an unknown channel 403, a body 400, and nothing is listed or run', async () => {
		const t = trigger();
		const channel = await activate(t);
		listed.length = 0;
		const id = String(channel.id);
		const token = String(channel.token);
		const sync = await t.deliver(notification(id, token, 'sync'));
		expect(sync.result).toEqual({ webhookResponse: { message: 'pong' } });
		expect(sync.response.statusCode ?? 200).toBe(200);
		const fetches = nock(API)
			.get(EVENTS)
			.query(true)
			.reply(200, { items: [event('e1', '2026-12-01T09:10:00.000Z')] });
		await expectRefused(t, token, [
			[notification(id, undefined), 401],
			[notification(id, ''), 401],
			[notification(id, `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`), 401],
			[notification('0b1c2d3e-0000-4000-8000-000000000000', token), 403],
			[{ ...notification(id, token), rawBody: '{"kind":"calendar#event"}' }, 400],
		]);
		expect(fetches.isDone()).toBe(false);
		expect(listed).toEqual([]);
		nock.cleanAll();
	});

	it("the monitor replaces the channel a day before it lapses on the calendar's own watch path (its id percent-encoded), then stops the old one; the old id gets 403 after", async () => {
		const t = trigger();
		const channel = await activate(t);
		const oldId = String(channel.id);
		const token = String(channel.token);
		rt.clock.jump(6 * DAY + 1);
		const watches: IDataObject[] = [];
		const stops: IDataObject[] = [];
		nock(API)
			.post(`${EVENTS}/watch`, (b: IDataObject) => {
				watches.push(b);
				return true;
			})
			.reply(200, (_uri, sent) => ({
				kind: 'api#channel',
				id: (sent as IDataObject).id,
				resourceId: 'k7fhs9281jdhe',
				expiration: String(rt.clock.now() + 7 * DAY),
			}))
			.post('/calendar/v3/channels/stop', (b: IDataObject) => {
				stops.push(b);
				return true;
			})
			.reply(204);
		expect(await googleMonitor(oauth, ACCESS).poll()).toBeNull();
		expect(watches).toEqual([
			{
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				type: 'web_hook',
				address: t.webhookUrl(),
				token,
				expiration: START + 13 * DAY + 1,
			},
		]);
		const newId = String(watches[0].id);
		expect(newId).not.toBe(oldId);
		expect(stops).toEqual([{ id: oldId, resourceId: RESOURCE }]);
		const [record] = await rt.registry.list();
		expect(record).toMatchObject({
			hookId: newId,
			values: { calendarId: 'team@acme.example', resourceId: 'k7fhs9281jdhe' },
			expiresAt: START + 13 * DAY + 1,
		});
		expect(record.retiring).toBeUndefined();
		expect((await t.deliver(notification(oldId, token, 'sync'))).response.statusCode).toBe(403);
		expect((await t.deliver(notification(newId, token, 'sync'))).result).toEqual({
			webhookResponse: { message: 'pong' },
		});
		nock.cleanAll();
	});

	it('deactivation stops the channel: POST /calendar/v3/channels/stop {id, resourceId}', async () => {
		const t = trigger();
		const channel = await activate(t);
		let stopped: IDataObject = {};
		nock(API)
			.post('/calendar/v3/channels/stop', (b: IDataObject) => {
				stopped = b;
				return true;
			})
			.reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(stopped).toEqual({ id: channel.id, resourceId: RESOURCE });
		expect(await rt.registry.list()).toEqual([]);
	});
});
