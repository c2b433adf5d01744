/**
 * Outlook calendars, events and contacts through Microsoft Graph v1.0 as data: calendars list, get, create,
 * update, delete; events list over a time window (`calendarView` with `startDateTime`/`endDateTime`, OData
 * `$filter`/`$select`/`$orderby`, paged by `@odata.nextLink`) in the default calendar or a given one, get, create
 * (attendees, an online meeting), update, delete; contacts list, get, create, update, delete. Attendees and e-mail addresses typed as text become Graph's
 * objects in Outlook.hooks.ts (`event`, `contact`). Paths as Graph's API description names them, checked against
 * @microsoft/msgraph-sdk-users (test/conformance/microsoft-graph-sdk.test.ts).
 *
 * Scopes (least privilege, docs/services/microsoft-365.md): `Calendars.ReadWrite` and `Contacts.ReadWrite` —
 * the node writes both, and each includes its `.Read`; a connection that only reads may be given the `.Read`
 * scopes instead (the doc page says how).
 */
import { bodyParam, queryParam } from '../../lib/spec/params';
import type { OperationSpec, ParamSpec } from '../../lib/spec/types';
import {
	GRAPH_DOCS,
	filterParam,
	graphPaging,
	itemBodyParams,
	orderByParam,
	selectParam,
} from '../Microsoft/microsoft';

export const CALENDARS = ['Calendars.ReadWrite'];
export const CONTACTS = ['Contacts.ReadWrite'];

const idParam = (name: string, displayName: string, description: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description,
});
const eventId = idParam('eventId', 'Event ID', 'The event ID, as Event → Get Many returns it');
const calendarId = idParam(
	'calendarId',
	'Calendar ID',
	'The calendar ID, as Calendar → Get Many returns it',
);
const contactId = idParam(
	'contactId',
	'Contact ID',
	'The contact ID, as Contact → Get Many returns it',
);

const SHOW_AS = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'].map((v) => ({
	name:
		{ oof: 'Out of Office', workingElsewhere: 'Working Elsewhere' }[v] ??
		v[0].toUpperCase() + v.slice(1),
	value: v,
}));
const ONLINE_PROVIDERS = [
	{ name: 'Microsoft Teams', value: 'teamsForBusiness' },
	{ name: 'Skype for Business', value: 'skypeForBusiness' },
	{ name: 'Skype (Consumer)', value: 'skypeForConsumer' },
];

const timeZone = (which: 'start' | 'end'): ParamSpec =>
	bodyParam(`${which}.timeZone`, `${which === 'start' ? 'Start' : 'End'} Time Zone`, 'string', {
		name: `${which}TimeZone`,
		default: 'UTC',
		placeholder: 'Europe/Berlin',
		description: `The time zone of the ${which} time (${which}.timeZone): an IANA name such as Europe/Berlin, or a Windows name such as Pacific Standard Time`,
	});
const when = (which: 'start' | 'end', required: boolean): ParamSpec =>
	bodyParam(`${which}.dateTime`, which === 'start' ? 'Start' : 'End', 'dateTime', {
		name: which,
		default: '',
		required,
		description: `When the event ${which === 'start' ? 'starts' : 'ends'} (${which}.dateTime), in ${which === 'start' ? 'Start' : 'End'} Time Zone`,
	});

/** The fields of an event, for create (subject, start, end required) and update (all optional). */
const eventFields = (required: boolean): ParamSpec[] => [
	bodyParam('subject', 'Subject', 'string', {
		default: '',
		required,
		description: 'The title of the event (subject)',
	}),
	when('start', required),
	when('end', required),
	timeZone('start'),
	timeZone('end'),
	...itemBodyParams('', false, 'The description'),
	bodyParam('location.displayName', 'Location', 'string', {
		name: 'location',
		default: '',
		description: 'Where the event takes place (location.displayName)',
	}),
	bodyParam('attendees', 'Required Attendees', 'stringList', {
		default: '',
		placeholder: 'adele@contoso.com, Alex Wilber <alex@contoso.com>',
		description:
			'E-mail addresses, comma-separated, each as an address or "Name &lt;address&gt;" (attendees of type required); they get an invitation. On update, replaces all attendees.',
	}),
	bodyParam('optionalAttendees', 'Optional Attendees', 'stringList', {
		default: '',
		placeholder: 'megan@contoso.com',
		description: 'E-mail addresses, comma-separated (attendees of type optional)',
	}),
	bodyParam('isAllDay', 'All Day', 'boolean', {
		default: false,
		description:
			'Whether the event lasts whole days (isAllDay): Start and End must then be midnight in the same time zone',
	}),
	bodyParam('isOnlineMeeting', 'Online Meeting', 'boolean', {
		default: false,
		description: 'Whether to create an online meeting link for the event (isOnlineMeeting)',
	}),
	bodyParam('onlineMeetingProvider', 'Online Meeting Provider', 'options', {
		default: 'teamsForBusiness',
		options: ONLINE_PROVIDERS,
		description:
			'Which service hosts the online meeting (onlineMeetingProvider); work accounts use Microsoft Teams',
	}),
	bodyParam('showAs', 'Show As', 'options', {
		default: 'busy',
		options: SHOW_AS,
		description: 'The status shown during the event (showAs)',
	}),
	bodyParam('isReminderOn', 'Reminder', 'boolean', {
		default: true,
		description: 'Whether a reminder goes off before the event (isReminderOn)',
	}),
	bodyParam('reminderMinutesBeforeStart', 'Reminder Minutes Before Start', 'number', {
		default: 15,
		description:
			'Minutes before the start at which the reminder goes off (reminderMinutesBeforeStart)',
	}),
	bodyParam('categories', 'Categories', 'stringList', {
		default: '',
		description: 'Category names, comma-separated (categories)',
	}),
];

/** `calendarView`: the occurrences in a time window (recurring events expanded), which Graph requires. */
const windowParams: ParamSpec[] = [
	queryParam('startDateTime', 'Start', 'dateTime', {
		name: 'startDateTime',
		default: '',
		required: true,
		description:
			'The start of the time window (startDateTime, ISO 8601, e.g. 2026-03-01T00:00:00Z): events that end after it',
	}),
	queryParam('endDateTime', 'End', 'dateTime', {
		name: 'endDateTime',
		default: '',
		required: true,
		description: 'The end of the time window (endDateTime, ISO 8601): events that start before it',
	}),
	filterParam("categories/any(c:c eq 'Finance')"),
	orderByParam('start/dateTime'),
	selectParam('subject,start,end,organizer,attendees'),
];

const calendarName = (required: boolean): ParamSpec =>
	bodyParam('name', 'Name', 'string', {
		default: '',
		required,
		placeholder: 'Project deadlines',
		description: 'The calendar name (name)',
	});
/** Graph's calendarColor enum (`maxColor` is a sentinel, not a color). */
const calendarColor: ParamSpec = bodyParam('color', 'Color', 'options', {
	default: 'auto',
	options: [
		'auto',
		'lightBlue',
		'lightGreen',
		'lightOrange',
		'lightGray',
		'lightYellow',
		'lightTeal',
		'lightPink',
		'lightBrown',
		'lightRed',
	].map((value) => ({
		name: value === 'auto' ? 'Automatic' : value.replace(/^light/, 'Light '),
		value,
	})),
	description: "The calendar's color in Outlook (color)",
});

export const calendarOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many calendars',
		method: 'GET',
		path: '/users/{user}/calendars',
		scopes: CALENDARS,
		paginate: graphPaging(100),
		docsUrl: `${GRAPH_DOCS}/user-list-calendars`,
		params: [filterParam("name eq 'Calendar'"), selectParam('name,color,canEdit,owner')],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a calendar',
		method: 'GET',
		path: '/users/{user}/calendars/{calendarId}',
		scopes: CALENDARS,
		docsUrl: `${GRAPH_DOCS}/calendar-get`,
		params: [calendarId, selectParam('name,color,canEdit,owner')],
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a calendar',
		method: 'POST',
		path: '/users/{user}/calendars',
		scopes: CALENDARS,
		docsUrl: `${GRAPH_DOCS}/user-post-calendars`,
		params: [calendarName(true), calendarColor],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a calendar',
		description: 'Rename a calendar or change its color',
		method: 'PATCH',
		path: '/users/{user}/calendars/{calendarId}',
		scopes: CALENDARS,
		docsUrl: `${GRAPH_DOCS}/calendar-update`,
		params: [calendarId, calendarName(false), calendarColor],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a calendar',
		description: 'Delete a calendar other than the default one, with its events',
		method: 'DELETE',
		path: '/users/{user}/calendars/{calendarId}',
		scopes: CALENDARS,
		response: { onEmpty: { deleted: true } },
		docsUrl: `${GRAPH_DOCS}/calendar-delete`,
		params: [calendarId],
	},
];

export const eventOps: OperationSpec[] = [
	...(['getMany', 'getManyInCalendar'] as const).map((id): OperationSpec => ({
		id,
		name: id === 'getMany' ? 'Get Many' : 'Get Many in Calendar',
		action:
			id === 'getMany'
				? 'Get many events of the default calendar'
				: 'Get many events of a calendar',
		description:
			'The events in a time window (calendarView: recurring events as their occurrences); pages follow @odata.nextLink',
		method: 'GET',
		path:
			id === 'getMany'
				? '/users/{user}/calendarView'
				: '/users/{user}/calendars/{calendarId}/calendarView',
		scopes: CALENDARS,
		paginate: graphPaging(100),
		docsUrl: `${GRAPH_DOCS}/${id === 'getMany' ? 'user-list-calendarview' : 'calendar-list-calendarview'}`,
		params: [...(id === 'getManyInCalendar' ? [calendarId] : []), ...windowParams],
	})),
	{
		id: 'get',
		name: 'Get',
		action: 'Get an event',
		method: 'GET',
		path: '/users/{user}/events/{eventId}',
		scopes: CALENDARS,
		docsUrl: `${GRAPH_DOCS}/event-get`,
		params: [eventId, selectParam('subject,start,end,attendees,onlineMeeting')],
	},
	...(['create', 'createInCalendar'] as const).map((id): OperationSpec => ({
		id,
		name: id === 'create' ? 'Create' : 'Create in Calendar',
		action:
			id === 'create' ? 'Create an event in the default calendar' : 'Create an event in a calendar',
		description:
			'Attendees get an invitation; an online meeting gets its join link (onlineMeeting.joinUrl)',
		method: 'POST',
		path: id === 'create' ? '/users/{user}/events' : '/users/{user}/calendars/{calendarId}/events',
		hook: 'event',
		scopes: CALENDARS,
		docsUrl: `${GRAPH_DOCS}/${id === 'create' ? 'user-post-events' : 'calendar-post-events'}`,
		params: [...(id === 'createInCalendar' ? [calendarId] : []), ...eventFields(true)],
	})),
	{
		id: 'update',
		name: 'Update',
		action: 'Update an event',
		description: 'Only the fields set are changed; attendees get an update',
		method: 'PATCH',
		path: '/users/{user}/events/{eventId}',
		hook: 'event',
		scopes: CALENDARS,
		docsUrl: `${GRAPH_DOCS}/event-update`,
		params: [eventId, ...eventFields(false)],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete an event',
		description: "Removes the event; a meeting's organizer cancels it for the attendees",
		method: 'DELETE',
		path: '/users/{user}/events/{eventId}',
		scopes: CALENDARS,
		response: { onEmpty: { deleted: true } },
		docsUrl: `${GRAPH_DOCS}/event-delete`,
		params: [eventId],
	},
];

/** The fields of a contact, for create (given name required) and update. */
const contactFields = (required: boolean): ParamSpec[] => [
	bodyParam('givenName', 'First Name', 'string', {
		default: '',
		required,
		description: 'The first name (givenName)',
	}),
	bodyParam('surname', 'Last Name', 'string', {
		default: '',
		description: 'The last name (surname)',
	}),
	bodyParam('displayName', 'Display Name', 'string', {
		default: '',
		description: 'The name as shown (displayName); Outlook builds it from the names when empty',
	}),
	bodyParam('emailAddresses', 'E-Mail Addresses', 'stringList', {
		default: '',
		placeholder: 'adele@contoso.com, Adele Vance <adele.vance@fabrikam.com>',
		description:
			'E-mail addresses, comma-separated, each as an address or "Name &lt;address&gt;" (emailAddresses, at most 3); on update, replaces them',
	}),
	bodyParam('businessPhones', 'Business Phones', 'stringList', {
		default: '',
		placeholder: '+1 425 555 0109',
		description: 'Business phone numbers, comma-separated (businessPhones)',
	}),
	bodyParam('mobilePhone', 'Mobile Phone', 'string', {
		default: '',
		description: 'The mobile phone number (mobilePhone)',
	}),
	bodyParam('companyName', 'Company', 'string', {
		default: '',
		description: 'The company (companyName)',
	}),
	bodyParam('jobTitle', 'Job Title', 'string', {
		default: '',
		description: 'The job title (jobTitle)',
	}),
	bodyParam('department', 'Department', 'string', {
		default: '',
		description: 'The department (department)',
	}),
	bodyParam('personalNotes', 'Notes', 'string', {
		default: '',
		description: 'Notes about the contact (personalNotes)',
	}),
	bodyParam('birthday', 'Birthday', 'dateTime', {
		default: '',
		description: 'The birthday (birthday, ISO 8601)',
	}),
	bodyParam('categories', 'Categories', 'stringList', {
		default: '',
		description: 'Category names, comma-separated (categories)',
	}),
];

export const contactOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many contacts',
		description: 'The contacts of the default contact folder; pages follow @odata.nextLink',
		method: 'GET',
		path: '/users/{user}/contacts',
		scopes: CONTACTS,
		paginate: graphPaging(100),
		docsUrl: `${GRAPH_DOCS}/user-list-contacts`,
		params: [
			filterParam("emailAddresses/any(a:a/address eq 'adele@contoso.com')"),
			orderByParam('displayName'),
			selectParam('displayName,emailAddresses,mobilePhone'),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a contact',
		method: 'GET',
		path: '/users/{user}/contacts/{contactId}',
		scopes: CONTACTS,
		docsUrl: `${GRAPH_DOCS}/contact-get`,
		params: [contactId, selectParam('displayName,emailAddresses,mobilePhone')],
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a contact',
		method: 'POST',
		path: '/users/{user}/contacts',
		hook: 'contact',
		scopes: CONTACTS,
		docsUrl: `${GRAPH_DOCS}/user-post-contacts`,
		params: contactFields(true),
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a contact',
		description: 'Only the fields set are changed',
		method: 'PATCH',
		path: '/users/{user}/contacts/{contactId}',
		hook: 'contact',
		scopes: CONTACTS,
		docsUrl: `${GRAPH_DOCS}/contact-update`,
		params: [contactId, ...contactFields(false)],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a contact',
		method: 'DELETE',
		path: '/users/{user}/contacts/{contactId}',
		scopes: CONTACTS,
		response: { onEmpty: { deleted: true } },
		docsUrl: `${GRAPH_DOCS}/contact-delete`,
		params: [contactId],
	},
];
