/**
 * What is special about the Google Calendar node beyond its per-operation fixtures
 * (test/fixtures/operations/googleCalendar): the event body built from the fields (all-day dates, no reminders,
 * a recurrence, a patch that sends only what is given), the refusals made before anything is sent, the Meet
 * request id that stays the same when the item is retried and differs per item, incremental listing that returns
 * the `nextSyncToken` of the last page, the scopes per product, and Calendar's `usageLimits` throttling answer.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ApiConnGoogleServiceAccountApi } from '../../credentials/ApiConnGoogleServiceAccountApi.credentials';
import { ApiConnGoogleWorkspaceOAuth2Api } from '../../credentials/ApiConnGoogleWorkspaceOAuth2Api.credentials';
import { validateService } from '../../lib/spec/schema';
import { GOOGLE_SCOPES, googleScopesFor } from '../../nodes/Google/Google.oauth';
import { GoogleCalendar } from '../../nodes/GoogleCalendar/GoogleCalendar.node';
import { googleCalendarDefinition } from '../../nodes/GoogleCalendar/GoogleCalendar.service';
import { serviceKit } from '../kit';
import { googleOAuthCredential } from '../helpers/google-credential';

const API = 'https://www.googleapis.com';
const ACCESS = 'ya29.a0AfB_byCalendarNodeToken0042';

const kit = serviceKit({
	origin: API,
	nodeTypes: [new GoogleCalendar()],
	credentialTypes: [new ApiConnGoogleWorkspaceOAuth2Api(), new ApiConnGoogleServiceAccountApi()],
	credentials: { apiConnGoogleWorkspaceOAuth2Api: googleOAuthCredential(['calendar'], ACCESS) },
});
const calendar = (
	parameters: Record<string, unknown>,
	input?: INodeExecutionData[],
	node?: Record<string, unknown>,
) =>
	kit.run(
		'googleCalendar',
		parameters as never,
		{ ...(input ? { input } : {}), ...(node ? { node } : {}) } as never,
	);
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const query = (uri: string) => Object.fromEntries(new URL(uri, API).searchParams);
const create = (fields: IDataObject) => ({
	resource: 'event',
	operation: 'create',
	calendarId: 'primary',
	additionalFields: fields,
});

describe('Google Calendar', () => {
	it('the spec is valid; reads ask calendar.readonly, event writes calendar.events, nothing asks the full calendar scope', () => {
		expect(validateService(googleCalendarDefinition)).toEqual([]);
		const ops = googleCalendarDefinition.spec.resources.flatMap((r) =>
			r.operations.map((o) => [`${r.id}.${o.id}`, o.scopes]),
		);
		expect(Object.fromEntries(ops)).toEqual({
			'calendar.getMany': [GOOGLE_SCOPES.calendarRead],
			'event.getMany': [GOOGLE_SCOPES.calendarRead],
			'event.get': [GOOGLE_SCOPES.calendarRead],
			'event.create': [GOOGLE_SCOPES.calendarEvents],
			'event.update': [GOOGLE_SCOPES.calendarEvents],
			'event.delete': [GOOGLE_SCOPES.calendarEvents],
			'event.quickAdd': [GOOGLE_SCOPES.calendarEvents],
			'event.move': [GOOGLE_SCOPES.calendarEvents],
			'freeBusy.query': [GOOGLE_SCOPES.calendarRead],
		});
		expect(googleScopesFor(['calendar'], 'file')).toEqual([
			GOOGLE_SCOPES.email,
			'https://www.googleapis.com/auth/calendar.readonly',
			'https://www.googleapis.com/auth/calendar.events',
		]);
		expect(JSON.stringify(googleCalendarDefinition.spec)).not.toContain('/auth/calendar"');
	});

	it('an all-day event with no reminders and a weekly recurrence: dates, overrides [] and the RRULE', async () => {
		const seen = kit.fake(['POST', 200, { id: 'allday1', status: 'confirmed' }]);
		const res = await calendar(
			create({
				summary: 'Offsite',
				start: '2026-12-14',
				end: '2026-12-16',
				reminders: 'none',
				recurrence: 'RRULE:FREQ=WEEKLY;COUNT=3',
			}),
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => ({ uri: s.uri, body: s.body }))).toEqual([
			{
				uri: '/calendar/v3/calendars/primary/events',
				body: {
					summary: 'Offsite',
					start: { date: '2026-12-14' },
					end: { date: '2026-12-16' },
					recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
					reminders: { useDefault: false, overrides: [] },
				},
			},
		]);
		expect(seen[0].headers.authorization).toBe(`Bearer ${ACCESS}`);
		expect(json(res)).toEqual([{ id: 'allday1', status: 'confirmed' }]);
	});

	it('Update is a patch: only the fields given are sent; the event id is one percent-encoded segment', async () => {
		const seen = kit.fake(['PATCH', 200, { id: 'a/b', summary: 'New' }]);
		const res = await calendar({
			resource: 'event',
			operation: 'update',
			calendarId: 'team@acme.example',
			eventId: 'a/b',
			additionalFields: { summary: 'New' },
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri, s.body])).toEqual([
			['PATCH', '/calendar/v3/calendars/team%40acme.example/events/a%2Fb', { summary: 'New' }],
		]);
	});

	it.each([
		[{ summary: 'No times' }, 'An event needs a Start and an End'],
		[
			{ start: '2026-12-14', end: '2026-12-15', reminders: 'sms:5' },
			'The reminder "sms:5" is not method:minutes',
		],
		[
			{
				start: '2026-12-14',
				end: '2026-12-15',
				reminders: 'popup:1,popup:2,popup:3,popup:4,popup:5,popup:6',
			},
			'Google takes at most 5 reminders per event',
		],
	])('%j is refused before anything is sent: %s', async (fields, message) => {
		const res = await calendar(create(fields));
		expect(res.error?.message).toBe(message);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a Meet link: one request id per item, the same when Retry On Fail runs the node again', async () => {
		const seen = kit.fake(
			['POST', 503, { error: { code: 503, message: 'Backend Error', status: 'UNAVAILABLE' } }],
			['POST', 200, { id: 'ev1' }],
			['POST', 200, { id: 'ev2' }],
			['POST', 200, { id: 'ev3' }],
		);
		const res = await calendar(
			create({
				summary: '={{ $json.who }}',
				start: '2026-12-14T10:00:00Z',
				end: '2026-12-14T10:30:00Z',
				addMeet: true,
			}),
			[{ json: { who: 'Ana' } }, { json: { who: 'Ben' } }],
			// n8n's Retry On Fail: a create is not sent again by the engine (it could make two events).
			{ retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		);
		expect(res.error).toBeUndefined();
		const sent = seen.map((s) => {
			const body = s.body as IDataObject;
			const meet = body.conferenceData as { createRequest: { requestId: string } };
			return { who: body.summary, requestId: meet.createRequest.requestId, query: query(s.uri) };
		});
		expect(sent.map((s) => [s.who, s.query])).toEqual([
			['Ana', { conferenceDataVersion: '1' }],
			['Ben', { conferenceDataVersion: '1' }],
			['Ana', { conferenceDataVersion: '1' }],
			['Ben', { conferenceDataVersion: '1' }],
		]);
		expect(sent[2].requestId).toBe(sent[0].requestId);
		expect(sent[3].requestId).toBe(sent[1].requestId);
		expect(sent[1].requestId).not.toBe(sent[0].requestId);
		expect(sent[0].requestId).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(json(res)).toEqual([{ id: 'ev2' }, { id: 'ev3' }]);
	});

	it('incremental listing: with Return All and Return Sync Token, one item {events, nextSyncToken} of the last page', async () => {
		const seen = kit.fake(
			['GET', 200, { items: [{ id: 'e1' }], nextPageToken: 'p2' }],
			['GET', 200, { items: [{ id: 'e2', status: 'cancelled' }], nextSyncToken: 'sync-9' }],
		);
		const res = await calendar({
			resource: 'event',
			operation: 'getMany',
			calendarId: 'primary',
			returnAll: true,
			additionalFields: { syncToken: 'sync-8', returnSyncToken: true },
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => query(s.uri))).toEqual([
			{ syncToken: 'sync-8', maxResults: '250' },
			{ syncToken: 'sync-8', maxResults: '250', pageToken: 'p2' },
		]);
		expect(json(res)).toEqual([
			{ events: [{ id: 'e1' }, { id: 'e2', status: 'cancelled' }], nextSyncToken: 'sync-9' },
		]);
		const refused = await calendar({
			resource: 'event',
			operation: 'getMany',
			calendarId: 'primary',
			returnAll: false,
			additionalFields: { returnSyncToken: true },
		});
		expect(refused.error?.message).toBe('A sync token comes with the last page only');
	});

	it('410 on an expired sync token says to list again without it', async () => {
		kit.fake([
			'GET',
			410,
			{
				error: {
					code: 410,
					message: 'Sync token is no longer valid, a full sync is required.',
					errors: [
						{
							domain: 'global',
							reason: 'fullSyncRequired',
							message: 'Sync token is no longer valid, a full sync is required.',
						},
					],
				},
			},
		]);
		const res = await calendar({
			resource: 'event',
			operation: 'getMany',
			calendarId: 'primary',
			returnAll: true,
			additionalFields: { syncToken: 'expired-7' },
		});
		expect(res.error?.message).toContain('Sync token is no longer valid');
		expect(String(res.error?.description)).toContain(
			'List the events again without the Sync Token (a full sync)',
		);
	});

	it('403 usageLimits (userRateLimitExceeded) is throttling: waited out and sent again', async () => {
		const seen = kit.fake(
			[
				'GET',
				403,
				{
					error: {
						code: 403,
						message: 'Rate Limit Exceeded',
						errors: [
							{
								domain: 'usageLimits',
								reason: 'userRateLimitExceeded',
								message: 'Rate Limit Exceeded',
							},
						],
					},
				},
			],
			['GET', 200, { id: 'e1', summary: 'Standup' }],
		);
		const res = await calendar({
			resource: 'event',
			operation: 'get',
			calendarId: 'primary',
			eventId: 'e1',
		});
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(json(res)).toEqual([{ id: 'e1', summary: 'Standup' }]);
	});
});
