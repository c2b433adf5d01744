/**
 * The Microsoft 365 trigger on Microsoft Graph change notifications, where data cannot say it:
 * - the subscription (`POST /subscriptions`) on the resource the user picked — Outlook messages in a folder,
 *   calendar events, contacts, or the OneDrive root — with the picked change types, the trigger's URL as both the
 *   notification and the lifecycle URL, the trigger's generated secret as `clientState`, and an expiry within the
 *   resource's documented maximum lifetime (`GRAPH_RESOURCES`); its check (`GET`) and removal (`DELETE`);
 * - the delivery (already verified by the engine: every notification's `clientState`, `webhook.bodySecret`):
 *   lifecycle notifications act on the subscription — `reauthorizationRequired` → `POST …/reauthorize`,
 *   `subscriptionRemoved` → a new subscription, `missed` → the OneDrive delta catches up, an Outlook resource says
 *   what may be lost — and each change notification becomes one item with the changed resource fetched through
 *   the engine (`GET /{resource}`), claimed once by subscription, resource id, change type and etag so two
 *   processes never emit it twice. OneDrive notifications name no item: the drive's delta (kept as a link in the
 *   state) lists what changed since the last one.
 * The validation handshake (`POST ?validationToken=…` → the token as text/plain) is data in the spec.
 * https://learn.microsoft.com/graph/change-notifications-delivery-webhooks,
 * https://learn.microsoft.com/graph/change-notifications-lifecycle-events, /work/shared/reference/services.md.
 */
import type { IDataObject } from 'n8n-workflow';

import type {
	DeliveryContext,
	TriggerCreateResult,
	TriggerHookContext,
	WebhookSpec,
} from '../../lib/spec/types';
import { ifFound } from '../../lib/triggers';
import { openState } from '../../lib/triggers/secrets';

const MINUTE = 60_000;
/** Asked below each maximum, so a clock a little ahead of Graph's never overshoots it. */
const MARGIN_MINUTES = 15;
/** A change is remembered longer than Graph retries a notification (up to 4 hours) and a subscription lives. */
const CLAIM_MS = 31 * 86_400_000;
/** Most delta pages one notification reads; the rest come with the next one. */
const MAX_DELTA_PAGES = 20;

/**
 * What can be watched, with each resource's documented maximum subscription lifetime (subscription resource type,
 * "Maximum length of subscription per resource type": Outlook message, event and contact 10,080 minutes — under
 * 7 days; driveItem 42,300 minutes — under 30 days) and the change types Graph supports on it (a drive's root:
 * `updated` only).
 */
export const GRAPH_RESOURCES = {
	messages: {
		name: 'Outlook Messages in a Folder',
		maxMinutes: 10_080,
		changeTypes: ['created', 'updated', 'deleted'],
		scopes: ['Mail.ReadWrite'],
	},
	events: {
		name: 'Calendar Events',
		maxMinutes: 10_080,
		changeTypes: ['created', 'updated', 'deleted'],
		scopes: ['Calendars.ReadWrite'],
	},
	contacts: {
		name: 'Contacts',
		maxMinutes: 10_080,
		changeTypes: ['created', 'updated', 'deleted'],
		scopes: ['Contacts.ReadWrite'],
	},
	driveRoot: {
		name: 'OneDrive Files (Drive Root)',
		maxMinutes: 42_300,
		changeTypes: ['updated'],
		scopes: ['Files.ReadWrite'],
	},
} as const;
export type GraphResource = keyof typeof GRAPH_RESOURCES;

export const lifetimeMsOf = (resource: GraphResource) =>
	(GRAPH_RESOURCES[resource].maxMinutes - MARGIN_MINUTES) * MINUTE;

const text = (v: unknown): string | undefined =>
	typeof v === 'string' && v !== '' ? v : undefined;

/** Folder IDs and well-known names as Graph writes them (letters, digits, `-`, `_`, `=`, `+`). */
const FOLDER_ID = /^[A-Za-z0-9_=+-]+$/;

/** `me/…` for the signed-in user, `users/{id or principal name}/…` otherwise. */
function ownerOf(user: string): string {
	return user === '' || user === 'me' ? 'me' : `users/${encodeURIComponent(user)}`;
}

/** The `resource` of the subscription, as Graph's documentation writes it. */
export function subscriptionResource(params: IDataObject): string {
	const kind = params.watch as GraphResource;
	const owner = ownerOf(String(params.user ?? 'me').trim());
	switch (kind) {
		case 'messages': {
			const folder = String(params.folderId ?? 'inbox').trim();
			if (!FOLDER_ID.test(folder))
				throw new Error(
					`The folder ID '${folder}' is not a mail folder ID or a well-known folder name.`,
				);
			return `${owner}/mailFolders('${folder}')/messages`;
		}
		case 'events':
			return `${owner}/events`;
		case 'contacts':
			return `${owner}/contacts`;
		case 'driveRoot':
			return `${owner}/drive/root`;
		default:
			throw new Error(`Unknown resource '${String(kind)}'.`);
	}
}

/** The current subscription: a re-created one's id, else the one made at activation. */
const subscriptionOf = (state: { hookId?: string; data?: IDataObject }) =>
	text(state.data?.subscriptionId) ?? state.hookId ?? '';

async function newSubscription(
	request: TriggerHookContext['request'],
	baseUrl: string,
	params: IDataObject,
	events: string[],
	webhookUrl: string,
	clientState: string,
	now: number,
): Promise<{ id: string; data: IDataObject }> {
	const kind = params.watch as GraphResource;
	const allowed: readonly string[] = GRAPH_RESOURCES[kind].changeTypes;
	const changeTypes = events.filter((e) => allowed.includes(e));
	if (changeTypes.length === 0)
		throw new Error(
			`${GRAPH_RESOURCES[kind].name} support only these change types: ${allowed.join(', ')}. Pick one of them in Events.`,
		);
	const resource = subscriptionResource(params);
	const lifetimeMs = lifetimeMsOf(kind);
	const res = await request({
		method: 'POST',
		baseUrl,
		path: '/subscriptions',
		body: {
			changeType: changeTypes.join(','),
			notificationUrl: webhookUrl,
			lifecycleNotificationUrl: webhookUrl,
			resource,
			expirationDateTime: new Date(now + lifetimeMs).toISOString(),
			clientState,
			latestSupportedTlsVersion: 'v1_2',
		},
		bodyEncoding: 'json',
		// Creating a subscription twice makes two.
		idempotent: false,
	});
	const answer = (res.body ?? {}) as IDataObject;
	const id = String(answer.id ?? '');
	const data: IDataObject = {
		subscriptionId: id,
		resource,
		changeType: changeTypes.join(','),
		lifetimeMs,
		...(text(answer.expirationDateTime)
			? { expirationDateTime: answer.expirationDateTime as string }
			: {}),
	};
	if (kind === 'driveRoot') {
		// The place the changes are read from: the delta link of "now" (nothing before the activation is emitted).
		const delta = await request({
			method: 'GET',
			baseUrl,
			path: `/${resource}/delta`,
			qs: { token: 'latest' },
		});
		const link = text((delta.body as IDataObject)?.['@odata.deltaLink']);
		if (link) data.deltaLink = link;
	}
	return { id, data };
}

async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const { id, data } = await newSubscription(
		ctx.request,
		ctx.baseUrl,
		ctx.params,
		ctx.events,
		ctx.webhookUrl,
		ctx.secret,
		Date.now(),
	);
	return { id, data };
}

async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	return await ifFound(
		ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: '/subscriptions/{id}',
			pathParams: { id: subscriptionOf(ctx.state) },
			accept: [404],
		}),
	);
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: '/subscriptions/{id}',
		pathParams: { id: subscriptionOf(ctx.state) },
	});
}

/** A resource path from a notification, as one path on Graph (no query, no climbing, no other origin). */
function resourcePath(resource: string): string | undefined {
	const path = resource.replace(/^\/+/, '');
	if (!/^[A-Za-z0-9@._~=:'()!*,;+$%-]+(\/[A-Za-z0-9@._~=:'()!*,;+$%-]+)*$/.test(path))
		return undefined;
	if (path.split('/').some((s) => s === '.' || s === '..')) return undefined;
	return `/${path}`;
}

/** The changes a drive's delta lists since the stored link, each claimed once by item id and eTag. */
async function driveChanges(ctx: DeliveryContext, common: IDataObject): Promise<IDataObject[]> {
	let link = text(ctx.state.data?.deltaLink);
	if (!link) return [];
	const out: IDataObject[] = [];
	for (let page = 0; page < MAX_DELTA_PAGES && link; page++) {
		const res = await ctx.request({ method: 'GET', baseUrl: ctx.baseUrl, path: link });
		const body = (res.body ?? {}) as IDataObject;
		for (const item of (body.value ?? []) as IDataObject[]) {
			const deleted = item.deleted !== undefined;
			const changeType = deleted ? 'deleted' : 'updated';
			const key = `${String(common.subscriptionId)}|${String(item.id)}|${changeType}|${String(item.eTag ?? item.cTag ?? '')}`;
			if (!(await ctx.claim([key], CLAIM_MS))) continue;
			out.push({ ...common, changeType, resourceId: item.id ?? null, data: item });
		}
		const next = text(body['@odata.nextLink']);
		const delta = text(body['@odata.deltaLink']);
		if (delta) ctx.saveData({ deltaLink: delta });
		link = next;
		if (!next) break;
		// Keep the place page by page: a failure later fetches only the rest again.
		ctx.saveData({ deltaLink: next });
	}
	return out;
}

/** What a lifecycle notification asks for; returns items to emit (a `missed` notice), or none. */
async function lifecycle(
	ctx: DeliveryContext,
	n: IDataObject,
	current: string,
): Promise<IDataObject[]> {
	const event = String(n.lifecycleEvent);
	const common = { subscriptionId: current, lifecycleEvent: event };
	if (event === 'reauthorizationRequired') {
		await ctx.request({
			method: 'POST',
			baseUrl: ctx.baseUrl,
			path: '/subscriptions/{id}/reauthorize',
			pathParams: { id: current },
			idempotent: true,
		});
		return [];
	}
	if (event === 'subscriptionRemoved') {
		// Graph removed it (password change, revoked consent…): a new one on the same resource, same secret.
		const params = { ...ctx.params };
		const { id, data } = await newSubscription(
			ctx.request,
			ctx.baseUrl,
			params,
			ctx.events,
			text(ctx.state.webhookUrl) ?? '',
			clientStateOf(ctx),
			Date.now(),
		);
		await ctx.replaceRegistration(id, data);
		return [];
	}
	if (event === 'missed') {
		if (ctx.params.watch === 'driveRoot')
			return await driveChanges(ctx, {
				...common,
				resource: text(ctx.state.data?.resource) ?? null,
			});
		return [
			{
				...common,
				changeType: 'missed',
				resource: text(ctx.state.data?.resource) ?? null,
				message:
					'Microsoft Graph could not deliver some change notifications of this subscription; the changes they announced are not in this workflow. List the resource (e.g. Outlook → Get Many) to catch up.',
			},
		];
	}
	return [];
}

/** The stored `clientState` (the trigger's secret) for a re-created subscription. */
function clientStateOf(ctx: DeliveryContext): string {
	const secret = openState(ctx.fn).secret;
	if (!secret)
		throw new Error('The trigger has no stored clientState to give the new subscription.');
	return secret;
}

async function webhookDeliver(ctx: DeliveryContext): Promise<IDataObject[]> {
	const notifications = (ctx.body.value ?? []) as IDataObject[];
	const current = subscriptionOf(ctx.state);
	const out: IDataObject[] = [];
	let driveRead = false;
	for (const n of notifications) {
		// Another subscription's notification (one delivery may batch several) is not this trigger's.
		if (n.subscriptionId !== current) continue;
		if (text(n.lifecycleEvent)) {
			out.push(...(await lifecycle(ctx, n, current)));
			continue;
		}
		const changeType = String(n.changeType ?? '');
		if (!ctx.events.includes(changeType) && ctx.params.watch !== 'driveRoot') continue;
		const common = {
			subscriptionId: current,
			changeType,
			resource: text(n.resource) ?? null,
			tenantId: text(n.tenantId) ?? null,
		};
		if (ctx.params.watch === 'driveRoot') {
			// The notification names the root only: the delta says what changed (read once per delivery).
			if (!driveRead) out.push(...(await driveChanges(ctx, common)));
			driveRead = true;
			continue;
		}
		const data = (n.resourceData ?? {}) as IDataObject;
		const id = text(data.id) ?? text(n.resource) ?? '';
		const version = text(data['@odata.etag']) ?? text(n.subscriptionExpirationDateTime) ?? '';
		const key = `${current}|${id}|${changeType}|${version}`;
		const path = text(n.resource) ? resourcePath(n.resource as string) : undefined;
		if (changeType === 'deleted' || !path) {
			if (await ctx.claim([key], CLAIM_MS))
				out.push({ ...common, resourceId: id || null, data: null });
			continue;
		}
		const res = await ctx.request({ method: 'GET', baseUrl: ctx.baseUrl, path, accept: [404] });
		// Claimed once fetched: a failed read (a 502: Graph sends the notification again) leaves it unclaimed.
		if (!(await ctx.claim([key], CLAIM_MS))) continue;
		// Gone again before it could be read (created then deleted): the change is emitted without its data.
		out.push({
			...common,
			resourceId: id || null,
			data: res.status === 404 ? null : ((res.body ?? null) as IDataObject | null),
		});
	}
	return out;
}

export const graphTriggerHooks = { webhookCreate, webhookExists, webhookDelete, webhookDeliver };

/** The trigger's fields: what to watch. */
const TRIGGER_PARAMS: WebhookSpec['params'] = [
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		default: 'messages',
		required: true,
		options: (Object.keys(GRAPH_RESOURCES) as GraphResource[]).map((value) => ({
			name: GRAPH_RESOURCES[value].name,
			value,
		})),
		description:
			'What to watch (the subscription resource). OneDrive watches the whole drive and supports Updated only.',
	},
	{
		displayName: 'User',
		name: 'user',
		type: 'string',
		default: 'me',
		required: true,
		description:
			"'me' for the signed-in user; with the app-only credential, the user's ID or principal name, e.g. adele@contoso.com",
	},
	{
		displayName: 'Folder ID',
		name: 'folderId',
		type: 'string',
		default: 'inbox',
		description:
			'Messages only: the mail folder to watch, a folder ID or a well-known name (inbox, sentitems, drafts, archive)',
	},
];

/** Graph's change notifications as the engine's webhook data. */
export const GRAPH_WEBHOOK: WebhookSpec = {
	register: 'api',
	// Graph signs nothing: every notification carries the subscription's clientState, checked one by one.
	bodySecret: { items: 'value', field: 'clientState' },
	// Graph wants a 2xx within 3 s (answers over 2.9 s count as slow; too many slow ones and it delays or drops
	// notifications): a fetch still running at 2.5 s is answered 202 then, and its changes emitted when fetched.
	answerWithinMs: 2_500,
	// The validation handshake, at creation and for the lifecycle URL: the token back as text/plain, nothing started.
	handshakes: [
		{
			methods: ['POST'],
			challenge: { in: 'query', name: 'validationToken' },
			answer: { type: 'text' },
		},
	],
	events: [
		{ name: 'Created', value: 'created', description: 'A message, event or contact was created' },
		{
			name: 'Updated',
			value: 'updated',
			description: 'It was changed (OneDrive: any file or folder change)',
		},
		{
			name: 'Deleted',
			value: 'deleted',
			description: 'It was deleted (the item has no data then)',
		},
	],
	defaultEvents: ['created'],
	eventsNote: '(Graph change types; OneDrive supports Updated only)',
	hooks: {
		checkExists: 'webhookExists',
		create: 'webhookCreate',
		delete: 'webhookDelete',
		deliver: 'webhookDeliver',
	},
	scopes: [...new Set(Object.values(GRAPH_RESOURCES).flatMap((r) => [...r.scopes]))],
	// A subscription lapses at its expirationDateTime: the Connections Monitor extends it by the resource's own
	// lifetime (`lifetimeMs` in the state), 2 days ahead, with the credential that created it.
	renewal: {
		method: 'PATCH',
		path: '/subscriptions/{hookId}',
		lifetimeMs: lifetimeMsOf('messages'),
		lifetimeField: 'lifetimeMs',
		renewBeforeMs: 2 * 86_400_000,
		expiresAtPath: 'expirationDateTime',
		body: { expirationDateTime: '{newExpiry}' },
	},
	params: TRIGGER_PARAMS,
};
