/**
 * What ActiveCampaign's data cannot say: removing a tag or an automation from a contact deletes the link record
 * (contactTag, contactAutomation), whose ID is found among the contact's links first; a campaign's report is its
 * counts; webhooks registered through `/api/3/webhooks` with the trigger's URL (which carries its secret).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HookContext, TriggerCreateResult, TriggerHookContext } from '../../lib/spec/types';

const V3 = '/api/3';

/**
 * Deletes the contact's link to `target` (`{links}` records under `/contacts/{id}/{links}` whose `field` is the
 * target's ID) through `DELETE /{links}/{id}`; fails naming both IDs when the contact has none.
 */
async function removeLink(
	ctx: HookContext,
	link: { links: 'contactTags' | 'contactAutomations'; field: 'tag' | 'automation'; noun: string },
): Promise<IDataObject> {
	const contact = String(ctx.params.contact);
	const target = String(ctx.params[link.field]);
	const listed = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: `${V3}/contacts/{contact}/${link.links}`,
		pathParams: { contact },
	});
	const records = ((listed.body as IDataObject)?.[link.links] ?? []) as IDataObject[];
	const found = records.find((r) => String(r[link.field]) === target);
	if (!found)
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`Contact ${contact} has no ${link.noun} ${target}: nothing was removed`,
			{
				itemIndex: ctx.itemIndex,
				description: `Check both IDs: Contact ${link.noun === 'tag' ? 'Tag' : 'Automation'} → Get Many lists the contact's ${link.noun}s.`,
			},
		);
	const id = String(found.id);
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: `${V3}/${link.links}/{id}`,
		pathParams: { id },
	});
	return { removed: true, id, contact, [link.field]: target };
}

const removeContactTag = async (ctx: HookContext) =>
	await removeLink(ctx, { links: 'contactTags', field: 'tag', noun: 'tag' });

const removeContactAutomation = async (ctx: HookContext) =>
	await removeLink(ctx, { links: 'contactAutomations', field: 'automation', noun: 'automation' });

/** The counts a campaign carries (GET /campaigns/{id}), as numbers, and the rates derived from them. */
export const CAMPAIGN_COUNTS = [
	'send_amt',
	'total_amt',
	'opens',
	'uniqueopens',
	'linkclicks',
	'uniquelinkclicks',
	'subscriberclicks',
	'forwards',
	'uniqueforwards',
	'hardbounces',
	'softbounces',
	'unsubscribes',
	'unsubreasons',
	'updates',
	'socialshares',
	'replies',
	'uniquereplies',
] as const;

const rate = (part: number, whole: number) =>
	whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;

async function campaignReport(ctx: HookContext): Promise<IDataObject> {
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: `${V3}/campaigns/{campaignId}`,
		pathParams: { campaignId: String(ctx.params.campaignId) },
	});
	const campaign = ((res.body as IDataObject)?.campaign ?? {}) as IDataObject;
	const counts: IDataObject = {};
	for (const key of CAMPAIGN_COUNTS) counts[key] = Number(campaign[key] ?? 0) || 0;
	const sent = counts.send_amt as number;
	return {
		id: campaign.id,
		name: campaign.name,
		status: campaign.status,
		sdate: campaign.sdate ?? null,
		ldate: campaign.ldate ?? null,
		...counts,
		openRate: rate(counts.uniqueopens as number, sent),
		clickRate: rate(counts.uniquelinkclicks as number, sent),
		bounceRate: rate((counts.hardbounces as number) + (counts.softbounces as number), sent),
		unsubscribeRate: rate(counts.unsubscribes as number, sent),
	};
}

async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const workflow = ctx.fn.getWorkflow().name ?? ctx.fn.getNode().name;
	const sources = ([] as string[]).concat((ctx.params.sources as string[] | string) ?? []);
	const created = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: `${V3}/webhooks`,
		body: {
			webhook: {
				name: `n8n: ${workflow}`.slice(0, 100),
				url: ctx.webhookUrl,
				events: ctx.events,
				sources,
			},
		},
		bodyEncoding: 'json',
	});
	const webhook = ((created.body as IDataObject)?.webhook ?? {}) as IDataObject;
	return { id: String(webhook.id), data: { sources } };
}

/** The webhook is still there (not deleted in ActiveCampaign's settings). */
async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: `${V3}/webhooks/{id}`,
		pathParams: { id: String(ctx.state.hookId) },
		accept: [404],
	});
	return res.status !== 404;
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: `${V3}/webhooks/{id}`,
		pathParams: { id: String(ctx.state.hookId) },
		accept: [404],
	});
}

export const activeCampaignHooks = {
	removeContactTag,
	removeContactAutomation,
	campaignReport,
	webhookCreate,
	webhookExists,
	webhookDelete,
};
