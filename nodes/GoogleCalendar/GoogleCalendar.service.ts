/**
 * Google Calendar API v3 as data: the user's calendars (calendarList), events (list with a time range, recurring
 * events expanded into instances and ordered by start, free text search, paged by `pageToken`, and incremental
 * listing with a `syncToken`; get, create with attendees, reminders and a Google Meet link, update, delete, quick
 * add from a sentence, move to another calendar) and free/busy queries; and a trigger on push notifications
 * (an events watch channel, replaced before it lapses, GoogleCalendar.hooks.ts).
 * Methods and paths are checked against @googleapis/calendar (test/conformance/google-sdk.test.ts).
 * Facts: https://developers.google.com/workspace/calendar/api/v3/reference, /work/shared/reference/services.md § Google.
 */
import { bodyParam, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import { GOOGLE_SCOPES } from '../Google/Google.oauth';
import { GOOGLE_ERROR_CODES, googleBudgetAndPages, googleConnection } from '../Google/google';
import { googleWatchWebhook } from '../Google/watch';
import { googleCalendarHooks } from './GoogleCalendar.hooks';

const REF = 'https://developers.google.com/workspace/calendar/api/v3/reference';
/** Reads (calendar list, events, free/busy, the events watch) need only `calendar.readonly`. */
const READ = [GOOGLE_SCOPES.calendarRead];
/** Event writes need `calendar.events`; no operation here needs the full `calendar` scope. */
const WRITE = [GOOGLE_SCOPES.calendarEvents];
const EVENTS = '/calendar/v3/calendars/{calendarId}/events';

const calendarId: ParamSpec = {
	displayName: 'Calendar ID',
	name: 'calendarId',
	in: 'path',
	type: 'string',
	default: 'primary',
	required: true,
	placeholder: 'primary',
	description:
		'The calendar (calendarId): "primary" for the user\'s main calendar, else an ID as Calendar → Get Many lists it (often an e-mail address)',
};
const eventId: ParamSpec = {
	displayName: 'Event ID',
	name: 'eventId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7kq0cv6lt2b3g8nrbh2g4m1sfo',
	description: "The event's ID (eventId), as the event lists return it",
};
const sendUpdates = queryParam('sendUpdates', 'Send Updates', 'options', {
	default: 'none',
	options: [
		{ name: 'All', value: 'all', description: 'E-mail every attendee' },
		{
			name: 'External Only',
			value: 'externalOnly',
			description: 'E-mail only attendees outside Google Calendar',
		},
		{ name: 'None', value: 'none', description: 'E-mail nobody' },
	],
	description: 'Who Google e-mails about the change (sendUpdates)',
});
const time = (name: string, displayName: string, description: string) =>
	bodyParam(name, displayName, 'string', {
		default: '',
		placeholder: '2026-12-14T10:00:00+01:00',
		description,
	});

/** The event fields Create and Update share; a hook turns them into Google's event body (GoogleCalendar.hooks.ts). */
const eventFields = (): ParamSpec[] => [
	bodyParam('summary', 'Title', 'string', {
		default: '',
		description: "The event's title (summary)",
	}),
	time(
		'start',
		'Start',
		'When it starts (start.dateTime), RFC 3339 with an offset; a date (2026-12-14) for an all-day event (start.date)',
	),
	time(
		'end',
		'End',
		'When it ends (end.dateTime); for an all-day event the day after the last day (end.date)',
	),
	bodyParam('timeZone', 'Time Zone', 'string', {
		default: '',
		placeholder: 'Europe/Berlin',
		description:
			'IANA time zone of Start and End (start.timeZone, end.timeZone); needed for recurring events',
	}),
	bodyParam('description', 'Description', 'string', {
		default: '',
		description: 'Notes shown with the event, HTML allowed (description)',
	}),
	bodyParam('location', 'Location', 'string', {
		default: '',
		description: 'Where it takes place, free text (location)',
	}),
	bodyParam('attendees', 'Attendees', 'stringList', {
		default: '',
		placeholder: 'ana@example.com, ben@example.com',
		description: 'E-mail addresses of the guests (attendees[].email)',
	}),
	bodyParam('reminders', 'Reminders', 'string', {
		default: '',
		placeholder: 'popup:10, email:1440',
		description:
			'Empty: the calendar\'s default reminders; "none": no reminder; else method:minutes pairs, comma-separated, method popup or email, at most 5 (reminders.overrides)',
	}),
	bodyParam('recurrence', 'Recurrence', 'stringList', {
		default: '',
		placeholder: 'RRULE:FREQ=WEEKLY;COUNT=10',
		description: 'RFC 5545 RRULE, EXRULE, RDATE or EXDATE lines (recurrence)',
	}),
	bodyParam('addMeet', 'Add Google Meet Link', 'boolean', {
		default: false,
		description:
			'Whether Google adds a Meet video conference to the event (conferenceData.createRequest, sent with conferenceDataVersion=1)',
	}),
	sendUpdates,
];

const calendarOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'List calendars',
		description: "The calendars in the user's calendar list, with their IDs, names and access role",
		method: 'GET',
		path: '/calendar/v3/users/me/calendarList',
		scopes: READ,
		paginate: true,
		docsUrl: `${REF}/calendarList/list`,
		params: [
			queryParam('minAccessRole', 'Minimum Access Role', 'options', {
				default: '',
				options: [
					{ name: 'Any', value: '' },
					{ name: 'Free/Busy Reader', value: 'freeBusyReader' },
					{ name: 'Reader', value: 'reader' },
					{ name: 'Writer', value: 'writer' },
					{ name: 'Owner', value: 'owner' },
				],
				description: 'Only calendars the user has at least this role on (minAccessRole)',
			}),
			queryParam('showHidden', 'Show Hidden', 'boolean', {
				default: false,
				description: 'Whether calendars hidden from the list are included (showHidden)',
			}),
		],
	},
];

const eventOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'List events',
		description:
			'Events in a time range, recurring ones expanded and ordered by start if asked, or the changes since a sync token',
		method: 'GET',
		path: EVENTS,
		hook: 'listEvents',
		scopes: READ,
		paginate: true,
		docsUrl: `${REF}/events/list`,
		params: [
			calendarId,
			queryParam('timeMin', 'After', 'string', {
				default: '',
				placeholder: '2026-12-01T00:00:00Z',
				description:
					'Only events ending after this time (timeMin), RFC 3339 with an offset; not with a Sync Token',
			}),
			queryParam('timeMax', 'Before', 'string', {
				default: '',
				placeholder: '2026-12-31T23:59:59Z',
				description:
					'Only events starting before this time (timeMax), RFC 3339 with an offset; not with a Sync Token',
			}),
			queryParam('singleEvents', 'Expand Recurring Events', 'boolean', {
				default: false,
				description:
					'Whether recurring events are listed as their single instances (singleEvents); needed to order by start time',
			}),
			queryParam('orderBy', 'Order By', 'options', {
				default: '',
				options: [
					{ name: 'Unordered', value: '' },
					{ name: 'Start Time', value: 'startTime', description: 'Needs Expand Recurring Events' },
					{ name: 'Last Modified', value: 'updated' },
				],
				description: 'The order of the events (orderBy); not with a Sync Token',
			}),
			queryParam('q', 'Search', 'string', {
				default: '',
				description:
					'Free text matched against title, description, location, attendees and organizer (q); not with a Sync Token',
			}),
			queryParam('showDeleted', 'Show Deleted', 'boolean', {
				default: false,
				description: 'Whether cancelled events are included (showDeleted)',
			}),
			queryParam('syncToken', 'Sync Token', 'string', {
				default: '',
				description:
					'Only the events changed since the listing that returned this token (syncToken), deleted ones included; Google answers 410 when it expired (list again without it)',
			}),
			queryParam('timeZone', 'Time Zone', 'string', {
				default: '',
				placeholder: 'Europe/Berlin',
				description: "The time zone of the answer (timeZone); default: the calendar's",
			}),
			{
				displayName: 'Return Sync Token',
				name: 'returnSyncToken',
				in: 'query',
				type: 'boolean',
				default: false,
				description:
					'Whether to output one item {events, nextSyncToken} instead of one item per event, to list only the changes next time (needs Return All)',
			},
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get an event',
		method: 'GET',
		path: `${EVENTS}/{eventId}`,
		scopes: READ,
		docsUrl: `${REF}/events/get`,
		params: [
			calendarId,
			eventId,
			queryParam('timeZone', 'Time Zone', 'string', {
				default: '',
				placeholder: 'Europe/Berlin',
				description: 'The time zone of the answer (timeZone)',
			}),
		],
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create an event',
		description: 'Create an event, with guests, reminders and, if asked, a Google Meet link',
		method: 'POST',
		path: EVENTS,
		hook: 'writeEvent',
		scopes: WRITE,
		docsUrl: `${REF}/events/insert`,
		params: [calendarId, ...eventFields()],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update an event',
		description: 'Change the given fields of an event (a patch: empty fields stay as they are)',
		method: 'PATCH',
		path: `${EVENTS}/{eventId}`,
		hook: 'writeEvent',
		scopes: WRITE,
		idempotent: true,
		docsUrl: `${REF}/events/patch`,
		params: [calendarId, eventId, ...eventFields()],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete an event',
		method: 'DELETE',
		path: `${EVENTS}/{eventId}`,
		response: { onEmpty: { deleted: true } },
		scopes: WRITE,
		docsUrl: `${REF}/events/delete`,
		params: [calendarId, eventId, sendUpdates],
	},
	{
		id: 'quickAdd',
		name: 'Quick Add',
		action: 'Create an event from a sentence',
		description:
			'Google reads the title, time and place from a sentence ("Lunch with Ana tomorrow 12:30 at Café Luz")',
		method: 'POST',
		path: `${EVENTS}/quickAdd`,
		scopes: WRITE,
		docsUrl: `${REF}/events/quickAdd`,
		params: [
			calendarId,
			queryParam('text', 'Text', 'string', {
				default: '',
				required: true,
				placeholder: 'Lunch with Ana tomorrow 12:30 at Café Luz',
				description: 'The sentence describing the event (text)',
			}),
			sendUpdates,
		],
	},
	{
		id: 'move',
		name: 'Move',
		action: 'Move an event to another calendar',
		description: 'Move an event to another calendar; only default events can be moved',
		method: 'POST',
		path: `${EVENTS}/{eventId}/move`,
		scopes: WRITE,
		idempotent: true,
		docsUrl: `${REF}/events/move`,
		params: [
			calendarId,
			eventId,
			queryParam('destination', 'Destination Calendar ID', 'string', {
				default: '',
				required: true,
				description: 'The calendar the event moves to (destination)',
			}),
			sendUpdates,
		],
	},
];

const freeBusyOps: OperationSpec[] = [
	{
		id: 'query',
		name: 'Query',
		action: 'Get busy times of calendars',
		description: 'The busy intervals of calendars (or groups) in a time range',
		method: 'POST',
		path: '/calendar/v3/freeBusy',
		hook: 'freeBusy',
		scopes: READ,
		idempotent: true,
		cacheable: false,
		docsUrl: `${REF}/freebusy/query`,
		params: [
			bodyParam('timeMin', 'From', 'string', {
				default: '',
				required: true,
				placeholder: '2026-12-14T08:00:00Z',
				description: 'Start of the range (timeMin), RFC 3339 with an offset',
			}),
			bodyParam('timeMax', 'To', 'string', {
				default: '',
				required: true,
				placeholder: '2026-12-14T18:00:00Z',
				description: 'End of the range (timeMax), RFC 3339 with an offset',
			}),
			bodyParam('items', 'Calendar IDs', 'stringList', {
				default: 'primary',
				required: true,
				description:
					'The calendars or groups to query (items[].id), at most 50; "primary" for the user\'s own',
			}),
			bodyParam('timeZone', 'Time Zone', 'string', {
				default: '',
				placeholder: 'Europe/Berlin',
				description: 'The time zone of the answer (timeZone); default UTC',
			}),
		],
	},
];

export const googleCalendarSpec: ServiceSpec = {
	id: 'googleCalendar',
	displayName: 'Google Calendar',
	description:
		'List calendars; list, get, create (with attendees and a Meet link), update, delete, quick add and move events; query free/busy',
	docsUrl: REF,
	baseUrl: 'https://www.googleapis.com',
	...googleConnection([...READ, ...WRITE]),
	errorCodes: {
		...GOOGLE_ERROR_CODES,
		rules: [
			// Events → Get Many with an expired sync token (https://developers.google.com/workspace/calendar/api/guides/sync).
			{
				status: [410],
				category: 'permanent',
				reason: 'Google no longer accepts this sync token ({error.message})',
				fix: 'List the events again without the Sync Token (a full sync) and keep the new nextSyncToken for the next incremental listing.',
			},
			...(GOOGLE_ERROR_CODES.rules ?? []),
		],
	},
	// https://developers.google.com/workspace/calendar/api/guides/quota: 10,000 requests per minute per project and
	// 600 per minute per user per project (sliding window); over it Google answers 403 or 429 `usageLimits`
	// (reasons rateLimitExceeded / userRateLimitExceeded), handled like the other Google throttling answers.
	...googleBudgetAndPages(600, 'items', 'maxResults', 250),
	resources: [
		{ id: 'calendar', name: 'Calendar', operations: calendarOps },
		{ id: 'event', name: 'Event', operations: eventOps },
		{ id: 'freeBusy', name: 'Free/Busy', operations: freeBusyOps },
	],
	webhook: googleWatchWebhook({
		scopes: READ,
		events: [
			{
				name: 'Event Changed',
				value: 'exists',
				description: 'An event was created, changed or cancelled (one item per changed event)',
			},
		],
		watchPath: `${EVENTS}/watch`,
		stopPath: '/calendar/v3/channels/stop',
		params: [
			{
				displayName: 'Calendar ID',
				name: 'calendarId',
				type: 'string',
				default: 'primary',
				required: true,
				description: 'The calendar to watch (calendarId); "primary" for the user\'s main calendar',
			},
		],
	}),
};

export const googleCalendarDefinition: ServiceDefinition = {
	spec: googleCalendarSpec,
	hooks: googleCalendarHooks,
};
