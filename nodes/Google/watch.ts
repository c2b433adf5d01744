/**
 * Google push notifications (watch channels), shared by the Drive changes and Calendar events triggers
 * (https://developers.google.com/workspace/drive/api/guides/push, …/calendar/api/guides/push):
 * - a channel is created with our own id (a UUID), a random `token` (the trigger's generated secret) and an
 *   `expiration`; Google echoes `X-Goog-Channel-ID` and `X-Goog-Channel-Token` on every notification, which
 *   are checked (the token in constant time as a shared-token scheme; the id against the live channel and the
 *   replaced ones not stopped yet), failing closed;
 * - notifications carry headers only; the first, `X-Goog-Resource-State: sync`, is answered 200 and starts
 *   nothing; the others make the product's `webhookDeliver` fetch the changes;
 * - a channel cannot be extended: the Connections Monitor creates a replacement (same URL and token, a new id)
 *   a day before it lapses and stops the old one with `POST …/channels/stop {id, resourceId}` (a `replace`
 *   renewal, data below); deactivation stops the live channel.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type {
	TriggerCreateResult,
	TriggerHookContext,
	TriggerParamSpec,
	WebhookEventOption,
	WebhookSpec,
} from '../../lib/spec/types';

const DAY_MS = 86_400_000;
/** Drive changes channels live at most one week (604800 s); Calendar's default and documented TTL is the same. */
export const CHANNEL_LIFETIME_MS = 7 * DAY_MS;

/** The channel body Google's watch methods take (Schema$Channel). */
function channelBody(id: string, address: string, token: string, expiration: number | string) {
	return { id, type: 'web_hook', address, token, expiration };
}

/**
 * The webhook of a Google watch trigger: the token scheme, the channel id header, headers-only notifications,
 * the `sync` handshake as a ping, and the `replace` renewal (create with `watchPath`, stop with `stopPath`).
 */
export function googleWatchWebhook(o: {
	events: WebhookEventOption[];
	scopes: string[];
	watchPath: string;
	watchQuery?: Record<string, string>;
	stopPath: string;
	params?: TriggerParamSpec[];
}): WebhookSpec {
	return {
		signature: { header: 'x-goog-channel-token', algorithm: 'token' },
		registrationIdHeader: 'x-goog-channel-id',
		headersOnly: true,
		eventHeader: 'x-goog-resource-state',
		pingEvents: ['sync'],
		events: o.events,
		defaultEvents: o.events.map((e) => e.value),
		register: 'api',
		hooks: { create: 'webhookCreate', delete: 'webhookDelete', deliver: 'webhookDeliver' },
		scopes: o.scopes,
		...(o.params ? { params: o.params } : {}),
		renewal: {
			kind: 'replace',
			method: 'POST',
			path: o.watchPath,
			...(o.watchQuery ? { query: o.watchQuery } : {}),
			body: channelBody('{newId}', '{address}', '{secret}', '{expiresAt:number}'),
			lifetimeMs: CHANNEL_LIFETIME_MS,
			renewBeforeMs: DAY_MS,
			expiresAtPath: 'expiration',
			keep: { resourceId: 'resourceId' },
			stop: {
				method: 'POST',
				path: o.stopPath,
				body: { id: '{hookId}', resourceId: '{resourceId}' },
			},
		},
	};
}

/**
 * Creates a channel on `path` (with `query`) and returns it as the trigger's registration: our id, and in `data`
 * Google's `resourceId` (needed to stop it), its `expiration` and the `extra` values (the saved place).
 */
export async function createChannel(
	ctx: TriggerHookContext,
	path: string,
	pathParams: Record<string, string>,
	query: Record<string, string>,
	extra: IDataObject,
): Promise<TriggerCreateResult> {
	const id = randomUUID();
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path,
		pathParams,
		qs: query,
		body: channelBody(id, ctx.webhookUrl, ctx.secret, ctx.engine.clock.now() + CHANNEL_LIFETIME_MS),
		bodyEncoding: 'json',
		// Two creations make two channels: sent once.
		idempotent: false,
	});
	const answer = (res.body ?? {}) as IDataObject;
	return {
		id,
		data: {
			...extra,
			resourceId: String(answer.resourceId ?? ''),
			...(answer.expiration !== undefined ? { expiration: String(answer.expiration) } : {}),
		},
	};
}

/** Stops the channel (`{id, resourceId}`); a channel Google no longer knows answers 404, which counts as stopped. */
export async function stopChannel(ctx: TriggerHookContext, stopPath: string): Promise<void> {
	await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: stopPath,
		body: { id: ctx.state.hookId, resourceId: ctx.state.data?.resourceId },
		bodyEncoding: 'json',
		idempotent: true,
	});
}
