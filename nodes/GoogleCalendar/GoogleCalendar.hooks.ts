/**
 * What Google Calendar's data cannot say:
 * - an event's body from the node's fields (start/end as dateTime or all-day date with the time zone, attendees
 *   as objects, reminders as overrides, a Meet link as `conferenceData.createRequest` with a per-item `requestId`
 *   and `conferenceDataVersion=1`), for Create and Update (a patch: only the fields given);
 * - event lists that can also return the `nextSyncToken` of their last page, for incremental listing;
 * - the free/busy body (`items: [{id}]`);
 * - the events trigger: an initial sync for the `nextSyncToken`, a watch channel (../Google/watch.ts); each
 *   notification lists the events changed since the saved sync token and emits each change once; a sync token
 *   Google no longer accepts (410) makes a full resync to a new baseline that emits nothing, and is logged.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { idempotencyKeyFor, toRequest } from '../../lib/builder/execute';
import type {
	DeliveryContext,
	HookContext,
	TriggerCreateResult,
	TriggerHookContext,
} from '../../lib/spec/types';
import { paginate } from '../../lib/transport/paginate';
import type { EngineRequest } from '../../lib/transport/types';
import { createChannel, stopChannel } from '../Google/watch';

const EVENTS = '/calendar/v3/calendars/{calendarId}/events';
const STOP = '/calendar/v3/channels/stop';
/** A change is claimed longer than a channel lives (7 days). */
const CLAIM_MS = 8 * 86_400_000;
/** Most event pages (250 events each) one notification reads; the rest come with the next notification. */
const MAX_PAGES = 20;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): string[] =>
	(Array.isArray(v) ? v : String(v ?? '').split(',')).map((s) => String(s).trim()).filter(Boolean);

function fail(ctx: HookContext, message: string, description: string): never {
	throw new NodeOperationError(ctx.fn.getNode(), message, {
		itemIndex: ctx.itemIndex,
		description,
	});
}

/** `2026-12-14` → an all-day `{date}`; anything else → `{dateTime}`; with the time zone when given. */
function when(value: string, timeZone: string): IDataObject {
	const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
	return { ...(day ? { date: value } : { dateTime: value }), ...(timeZone ? { timeZone } : {}) };
}

/** "popup:10, email:1440" → overrides; "none" → no reminder; empty → undefined (the calendar's defaults). */
function remindersOf(ctx: HookContext, value: string): IDataObject | undefined {
	if (!value) return undefined;
	if (value.toLowerCase() === 'none') return { useDefault: false, overrides: [] };
	const overrides = list(value).map((pair) => {
		const m = /^(popup|email)\s*:\s*(\d+)$/i.exec(pair);
		if (!m)
			fail(
				ctx,
				`The reminder "${pair}" is not method:minutes`,
				'Write reminders as popup:10 or email:1440, comma-separated (at most 5), or "none".',
			);
		return { method: m[1].toLowerCase(), minutes: Number(m[2]) };
	});
	if (overrides.length > 5)
		fail(ctx, 'Google takes at most 5 reminders per event', 'Remove reminders until 5 are left.');
	return { useDefault: false, overrides };
}

/** Create (POST) and Update (PATCH): the event body from the fields given. */
async function writeEvent(ctx: HookContext): Promise<IDataObject> {
	const { params, operation } = ctx;
	const timeZone = text(params.timeZone);
	const body: IDataObject = {};
	for (const key of ['summary', 'description', 'location'])
		if (text(params[key])) body[key] = text(params[key]);
	if (text(params.start)) body.start = when(text(params.start), timeZone);
	if (text(params.end)) body.end = when(text(params.end), timeZone);
	const attendees = list(params.attendees);
	if (attendees.length) body.attendees = attendees.map((email) => ({ email }));
	const recurrence = list(params.recurrence);
	if (recurrence.length) body.recurrence = recurrence;
	const reminders = remindersOf(ctx, text(params.reminders));
	if (reminders) body.reminders = reminders;
	const creating = operation.method === 'POST';
	if (creating && (!body.start || !body.end))
		fail(
			ctx,
			'An event needs a Start and an End',
			'Give both as RFC 3339 times (2026-12-14T10:00:00+01:00), or as dates (2026-12-14) for an all-day event.',
		);
	const qs: IDataObject = {};
	if (text(params.sendUpdates)) qs.sendUpdates = text(params.sendUpdates);
	if (params.addMeet === true) {
		// The same request id on a retry of this item, so Google creates one conference, not two.
		body.conferenceData = {
			createRequest: {
				requestId: idempotencyKeyFor(ctx.fn, ctx.itemIndex, ctx.spec.id, 'meet'),
				conferenceSolutionKey: { type: 'hangoutsMeet' },
			},
		};
		qs.conferenceDataVersion = 1;
	}
	const res = await ctx.request({
		method: operation.method,
		baseUrl: ctx.baseUrl,
		path: operation.path,
		pathParams: {
			calendarId: String(params.calendarId),
			...(params.eventId !== undefined ? { eventId: String(params.eventId) } : {}),
		},
		qs: qs as EngineRequest['qs'],
		body,
		bodyEncoding: 'json',
	});
	return (res.body ?? {}) as IDataObject;
}

/** Events → Get Many: one item per event, or with Return Sync Token one item `{events, nextSyncToken}`. */
async function listEvents(ctx: HookContext): Promise<IDataObject[] | IDataObject> {
	const { params, fn, itemIndex } = ctx;
	const returnAll = fn.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : (fn.getNodeParameter('limit', itemIndex, 50) as number);
	const { returnSyncToken, ...query } = params;
	if (returnSyncToken === true && !returnAll)
		fail(
			ctx,
			'A sync token comes with the last page only',
			'Turn on Return All together with Return Sync Token.',
		);
	const paging = ctx.spec.pagination!;
	const { items, last } = await paginate(
		paging,
		toRequest(ctx.operation, query, ctx.baseUrl),
		ctx.request,
		{ returnAll, limit },
	);
	if (returnSyncToken !== true) return items as IDataObject[];
	const answer = (last?.body ?? {}) as IDataObject;
	return { events: items as IDataObject[], nextSyncToken: answer.nextSyncToken ?? null };
}

/** Free/Busy → Query: `{timeMin, timeMax, timeZone?, items: [{id}]}`. */
async function freeBusy(ctx: HookContext): Promise<IDataObject> {
	const { params } = ctx;
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		body: {
			timeMin: text(params.timeMin),
			timeMax: text(params.timeMax),
			...(text(params.timeZone) ? { timeZone: text(params.timeZone) } : {}),
			items: list(params.items).map((id) => ({ id })),
		},
		bodyEncoding: 'json',
		idempotent: true,
	});
	return (res.body ?? {}) as IDataObject;
}

type Requester = TriggerHookContext['request'];

/**
 * Lists the calendar's events from a sync token (or all, for a baseline) page by page: the events, and the
 * `nextSyncToken` of the last page (undefined when the page limit stopped it: `nextPageToken` is the place then).
 * A 410 answer (the sync token expired) is returned as `gone`.
 */
async function eventsSince(
	request: Requester,
	baseUrl: string,
	calendarId: string,
	syncToken: string | undefined,
	baseline: boolean,
): Promise<{ events: IDataObject[]; syncToken?: string; pageToken?: string; gone?: boolean }> {
	const events: IDataObject[] = [];
	let pageToken: string | undefined;
	for (let page = 0; baseline || page < MAX_PAGES; page++) {
		const res = await request({
			method: 'GET',
			baseUrl,
			path: EVENTS,
			pathParams: { calendarId },
			qs: {
				// A baseline needs only the token: the events are not read.
				...(baseline
					? { maxResults: 2500, fields: 'nextPageToken,nextSyncToken' }
					: { maxResults: 250 }),
				...(syncToken ? { syncToken } : {}),
				...(pageToken ? { pageToken } : {}),
			},
			cacheable: false,
			accept: [410],
		});
		if (res.status === 410) return { events, gone: true };
		const answer = (res.body ?? {}) as IDataObject;
		if (Array.isArray(answer.items)) events.push(...(answer.items as IDataObject[]));
		if (typeof answer.nextSyncToken === 'string')
			return { events, syncToken: answer.nextSyncToken };
		pageToken = typeof answer.nextPageToken === 'string' ? answer.nextPageToken : undefined;
		if (!pageToken) return { events };
	}
	return { events, ...(pageToken ? { pageToken } : {}) };
}

const calendarOf = (ctx: { state: { data?: IDataObject }; params: IDataObject }) =>
	String(ctx.state.data?.calendarId ?? ctx.params.calendarId ?? 'primary') || 'primary';

/** Activation: a baseline sync for the `nextSyncToken`, then the events watch channel. */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const calendarId = calendarOf(ctx);
	const baseline = await eventsSince(ctx.request, ctx.baseUrl, calendarId, undefined, true);
	return await createChannel(
		ctx,
		`${EVENTS}/watch`,
		{ calendarId },
		{},
		{ calendarId, syncToken: baseline.syncToken ?? '' },
	);
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	await stopChannel(ctx, STOP);
}

/**
 * A verified notification: the events changed since the saved sync token, each change (event id and its
 * `updated` time) emitted once; the next sync token saved. An expired token (410): a new baseline, nothing emitted.
 */
async function webhookDeliver(ctx: DeliveryContext): Promise<IDataObject[]> {
	const calendarId = calendarOf(ctx);
	const saved = typeof ctx.state.data?.syncToken === 'string' ? ctx.state.data.syncToken : '';
	const since = await eventsSince(ctx.request, ctx.baseUrl, calendarId, saved || undefined, false);
	if (since.gone) {
		const baseline = await eventsSince(ctx.request, ctx.baseUrl, calendarId, undefined, true);
		ctx.saveData({ syncToken: baseline.syncToken ?? '' });
		ctx.fn.logger.warn(
			'Google Calendar Trigger: Google no longer accepts the saved sync token (410 Gone); a full resync set a new baseline, and changes made before it are not emitted',
			{ node: ctx.fn.getNode().name, calendarId },
		);
		return [];
	}
	const out: IDataObject[] = [];
	for (const event of since.events) {
		const key = `${calendarId}:${String(event.id)}:${String(event.updated ?? event.status ?? '')}`;
		if (!(await ctx.claim([key], CLAIM_MS))) continue;
		out.push({
			change: event.status === 'cancelled' ? 'cancelled' : 'changed',
			calendarId,
			eventId: event.id ?? null,
			event,
		});
	}
	if (since.syncToken) ctx.saveData({ syncToken: since.syncToken });
	return out;
}

export const googleCalendarHooks = {
	writeEvent,
	listEvents,
	freeBusy,
	webhookCreate,
	webhookDelete,
	webhookDeliver,
};
