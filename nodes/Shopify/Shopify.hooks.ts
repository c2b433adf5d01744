/**
 * What the Shopify spec cannot say as data: the trigger's webhook subscriptions, one per picked topic, created
 * with `webhookSubscriptionCreate` on activation and removed with `webhookSubscriptionDelete` on deactivation,
 * through the engine (cost budget, retries, errors) with the trigger's credential; and the access scope a
 * metafield request needs, which is its owner's (a product's metafields need the products scope).
 */
import type { IDataObject } from 'n8n-workflow';

import type {
	RequestShapeHook,
	TriggerCreateResult,
	TriggerHookContext,
} from '../../lib/spec/types';
import { readPath } from '../../lib/transport/path';
import { userErrorsCheck } from '../../lib/transport/reported-error';
import { topicEnum } from './Shopify.events';

export const CREATE_SUBSCRIPTION =
	'mutation webhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) { webhookSubscription { id topic } userErrors { field message } } }';
export const DELETE_SUBSCRIPTION =
	'mutation webhookSubscriptionDelete($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } } }';
export const FIND_SUBSCRIPTIONS =
	'query webhookSubscriptions($callbackUrl: URL!) { webhookSubscriptions(first: 100, callbackUrl: $callbackUrl) { nodes { id topic } } }';
export const GET_SUBSCRIPTION =
	'query webhookSubscription($id: ID!) { webhookSubscription(id: $id) { id topic } }';

/** One GraphQL request through the engine; `userErrors` at `errorsAt` fail it. */
async function graphql(
	ctx: TriggerHookContext,
	query: string,
	variables: IDataObject,
	errorsAt?: string,
): Promise<IDataObject> {
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/graphql.json',
		body: { query, variables },
		bodyEncoding: 'json',
		...(errorsAt ? { errorsInBody: userErrorsCheck(errorsAt) } : {}),
	});
	return (res.body as IDataObject | undefined) ?? {};
}

function dataAt(body: IDataObject, root: string): IDataObject {
	return (((body.data as IDataObject | undefined)?.[root] as IDataObject | undefined) ??
		{}) as IDataObject;
}

/** The subscription ids this activation made (all topics), the first one being the hook id. */
function subscriptionIds(ctx: TriggerHookContext): string[] {
	const ids = (ctx.state.data as { ids?: unknown } | undefined)?.ids;
	if (Array.isArray(ids)) return ids.map(String);
	return ctx.state.hookId ? [ctx.state.hookId] : [];
}

async function deleteSubscription(ctx: TriggerHookContext, id: string): Promise<void> {
	const body = await graphql(ctx, DELETE_SUBSCRIPTION, { id });
	const errors = dataAt(body, 'webhookSubscriptionDelete').userErrors;
	// A subscription already gone (deleted in the admin, or the app reinstalled) is what was wanted.
	if (Array.isArray(errors) && errors.length > 0) {
		const message = String((errors[0] as IDataObject).message ?? '');
		if (!/does not exist|not found/i.test(message))
			throw new Error(`Shopify did not delete the webhook subscription ${id}: ${message}`);
	}
}

/**
 * One JSON subscription per picked topic to this trigger's URL. Subscriptions of this URL left by an activation
 * whose state was lost are deleted first: Shopify refuses a second one for the same topic and address.
 */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const found = await graphql(ctx, FIND_SUBSCRIPTIONS, { callbackUrl: ctx.webhookUrl });
	const stale = dataAt(found, 'webhookSubscriptions').nodes;
	for (const old of Array.isArray(stale) ? (stale as IDataObject[]) : [])
		await deleteSubscription(ctx, String(old.id));
	const ids: string[] = [];
	for (const topic of ctx.events) {
		const body = await graphql(
			ctx,
			CREATE_SUBSCRIPTION,
			{
				topic: topicEnum(topic),
				webhookSubscription: { callbackUrl: ctx.webhookUrl, format: 'JSON' },
			},
			'data.webhookSubscriptionCreate.userErrors',
		);
		const made = dataAt(body, 'webhookSubscriptionCreate').webhookSubscription as
			IDataObject | undefined;
		ids.push(String(made?.id ?? ''));
	}
	return { id: ids[0] ?? '', data: { ids } };
}

/** Every subscription this activation made still exists. */
async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	for (const id of subscriptionIds(ctx)) {
		const body = await graphql(ctx, GET_SUBSCRIPTION, { id });
		if (!(body.data as IDataObject | undefined)?.webhookSubscription) return false;
	}
	return true;
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	for (const id of subscriptionIds(ctx)) await deleteSubscription(ctx, id);
}

/** The records of each metafield owner, as their access scopes name them (`read_products`). */
const OWNER_RECORDS: Record<string, string> = {
	Product: 'products',
	ProductVariant: 'products',
	Customer: 'customers',
	Order: 'orders',
	DraftOrder: 'draft_orders',
};

/**
 * A metafield request needs the scope of its owner's records only (the operation lists those of every owner): a
 * refused permission then names that one. The owner is the item's `ownerId` (its global ID's type).
 */
const metafieldOwner: RequestShapeHook = (req, ctx) => {
	const variables = (req.body as IDataObject | undefined)?.variables;
	const ownerId = String(
		readPath(variables, 'ownerId') ?? readPath(variables, 'metafields[0].ownerId') ?? '',
	);
	const records = OWNER_RECORDS[/^gid:\/\/shopify\/([A-Za-z]+)\//.exec(ownerId)?.[1] ?? ''];
	const scopes = (ctx.operation.scopes ?? []).filter(
		(s) => s.replace(/^(read|write)_/, '') === records,
	);
	return records && scopes.length ? { ...req, scopes } : req;
};

export const shopifyHooks = { webhookCreate, webhookExists, webhookDelete, metafieldOwner };
