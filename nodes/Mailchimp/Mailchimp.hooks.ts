/**
 * What Mailchimp's data cannot say: a member's address as its `subscriber_hash` (MD5 of the lower-cased e-mail),
 * tag names as `{name, status}` records, and the list webhook's registration (one per activation, on the audience
 * picked, with the events and sources picked, at the URL that carries the trigger's secret).
 */
import { createHash } from 'node:crypto';

import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { HookContext, TriggerCreateResult, TriggerHookContext } from '../../lib/spec/types';
import { ifFound } from '../../lib/triggers';
import type { EngineRequest } from '../../lib/transport/types';

/** Mailchimp's `subscriber_hash`: the MD5 (hex) of the lower-cased e-mail address. */
export function subscriberHash(email: string): string {
	return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

const HASH = /^[0-9a-f]{32}$/i;

/** The member's e-mail or hash as the path's hash; the e-mail also becomes the body's `email_address` on a PUT. */
function shapeRequest(req: EngineRequest, ctx: Omit<HookContext, 'request'>): EngineRequest {
	const given = String(req.pathParams?.subscriberHash ?? '').trim();
	if (req.pathParams && given !== '') {
		if (given.includes('@')) {
			req.pathParams = { ...req.pathParams, subscriberHash: subscriberHash(given) };
			if (req.method === 'PUT')
				req.body = { email_address: given, ...((req.body as IDataObject) ?? {}) };
		} else if (!HASH.test(given)) {
			throw new NodeOperationError(
				ctx.fn.getNode(),
				`'${given}' is neither an e-mail address nor a subscriber hash.`,
				{
					itemIndex: ctx.itemIndex,
					description:
						"Put the member's e-mail address (or its 32-character subscriber hash) into 'Email or Subscriber Hash'.",
				},
			);
		} else if (req.method === 'PUT') {
			throw new NodeOperationError(
				ctx.fn.getNode(),
				'Adding or updating a member needs its e-mail address, not its hash.',
				{ itemIndex: ctx.itemIndex, description: "Put the member's e-mail address into 'Email'." },
			);
		}
	}
	const body = req.body as IDataObject | undefined;
	if (ctx.operation.path.endsWith('/tags') && body && Array.isArray(body.tags)) {
		const state = ctx.operation.id === 'removeTags' ? 'inactive' : 'active';
		body.tags = (body.tags as unknown[]).map((name) => ({ name: String(name), status: state }));
	}
	return req;
}

const hooksPath = '/lists/{listId}/webhooks';

function listOf(ctx: TriggerHookContext): string {
	return String(ctx.state.data?.listId ?? ctx.params.listId ?? '');
}

/** `POST /lists/{list_id}/webhooks` with the URL (secret included), the events and sources picked. */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const listId = String(ctx.params.listId ?? '').trim();
	const picked = new Set(ctx.events);
	const sources = new Set((ctx.params.sources as string[] | undefined) ?? ['user', 'admin']);
	const flags = (names: string[], on: Set<string>) =>
		Object.fromEntries(names.map((n) => [n, on.has(n)]));
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: hooksPath,
		pathParams: { listId },
		body: {
			url: ctx.webhookUrl,
			events: flags(
				['subscribe', 'unsubscribe', 'profile', 'cleaned', 'upemail', 'campaign'],
				picked,
			),
			sources: flags(['user', 'admin', 'api'], sources),
		},
		bodyEncoding: 'json',
	});
	return { id: String((res.body as IDataObject).id), data: { listId } };
}

async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	return await ifFound(
		ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: `${hooksPath}/{hookId}`,
			pathParams: { listId: listOf(ctx), hookId: String(ctx.state.hookId) },
			accept: [404],
		}),
	);
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: `${hooksPath}/{hookId}`,
		pathParams: { listId: listOf(ctx), hookId: String(ctx.state.hookId) },
		accept: [404],
	});
}

export const mailchimpHooks = { shapeRequest, webhookCreate, webhookExists, webhookDelete };
