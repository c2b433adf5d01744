/**
 * WooCommerce's webhook registration (REST API v3 `/webhooks`): one webhook per topic picked, each with the
 * trigger's URL and its fresh secret; checked and deleted (force=true: webhooks have no trash) by their IDs.
 */
import type { IDataObject } from 'n8n-workflow';

import type {
	HandshakeAnswer,
	HandshakeContext,
	TriggerCreateResult,
	TriggerHookContext,
} from '../../lib/spec/types';

const HOOKS = '/wp-json/wc/v3/webhooks';

/** The IDs of this activation's webhooks (the state's hook ID is them, comma-separated). */
function hookIds(ctx: TriggerHookContext): string[] {
	return String(ctx.state.hookId ?? '')
		.split(',')
		.filter(Boolean);
}

async function deleteHook(ctx: TriggerHookContext, id: string): Promise<void> {
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: `${HOOKS}/{id}`,
		pathParams: { id },
		qs: { force: true },
		// Already gone (deleted in WooCommerce's settings): nothing left to remove.
		accept: [404, 410],
	});
}

async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const workflow = ctx.fn.getWorkflow().name ?? ctx.fn.getNode().name;
	const ids: string[] = [];
	for (const topic of ctx.events) {
		const created = await ctx
			.request({
				method: 'POST',
				baseUrl: ctx.baseUrl,
				path: HOOKS,
				body: {
					name: `n8n: ${workflow} (${topic})`.slice(0, 200),
					topic,
					delivery_url: ctx.webhookUrl,
					secret: ctx.secret,
					status: 'active',
				},
				bodyEncoding: 'json',
			})
			.catch(async (error: unknown) => {
				// No half registration: the webhooks made before the failure are removed again.
				for (const id of ids) await deleteHook(ctx, id).catch(() => undefined);
				return Promise.reject(error);
			});
		ids.push(String((created.body as IDataObject).id));
	}
	return { id: ids.join(','), data: { topics: ctx.events } };
}

/**
 * Every webhook of the activation is still there and active (WooCommerce disables one after more than five
 * failed deliveries in a row). Otherwise the rest are removed, so the activation registers afresh.
 */
async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	const ids = hookIds(ctx);
	if (ids.length === 0) return false;
	let all = true;
	for (const id of ids) {
		const res = await ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: `${HOOKS}/{id}`,
			pathParams: { id },
			accept: [404],
		});
		if (res.status === 404 || (res.body as IDataObject)?.status !== 'active') all = false;
	}
	if (!all) for (const id of ids) await deleteHook(ctx, id);
	return all;
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	for (const id of hookIds(ctx)) await deleteHook(ctx, id);
}

/**
 * The ping WooCommerce sends when a webhook is created (WC_Webhook::deliver_ping): a form body that is exactly
 * `webhook_id=<number>`, unsigned and without X-WC headers, which must be answered 200. It starts nothing; any
 * other request is a delivery (signature checked).
 */
function webhookHandshake(ctx: HandshakeContext): HandshakeAnswer | undefined {
	const type = String(ctx.headers['content-type'] ?? '').toLowerCase();
	if (ctx.method.toUpperCase() !== 'POST' || !type.startsWith('application/x-www-form-urlencoded'))
		return undefined;
	if (!/^webhook_id=\d{1,20}$/.test(ctx.rawBody.toString('latin1').trim())) return undefined;
	return { status: 200 };
}

export const wooCommerceHooks = { webhookCreate, webhookExists, webhookDelete, webhookHandshake };
