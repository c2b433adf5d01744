/**
 * What Mailchimp's data cannot say: a member's address as its `subscriber_hash` (MD5 of the lower-cased e-mail),
 * tag names as `{name, status}` records, and the list webhook's registration (one per activation, on the audience
 * picked, with the events and sources picked, at the URL that carries the trigger's secret), and Create or Update
 * Many as one batch operation.
 */
import { createHash } from 'node:crypto';

import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { awaitJob, jobResults, parseJsonText } from '../../lib/builder/job';
import { identityOf } from '../../lib/spec/identity';
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

/** Mailchimp's limit of one batch (https://mailchimp.com/developer/marketing/guides/run-async-requests-batch-endpoint/). */
export const MAX_BATCH_OPERATIONS = 1000;

function fail(ctx: HookContext, message: string, description: string): never {
	throw new NodeOperationError(ctx.fn.getNode(), message, {
		itemIndex: ctx.itemIndex,
		description,
	});
}

/** The Members field: a list of e-mail addresses or of member objects with `email_address`. */
function membersOf(ctx: HookContext): IDataObject[] {
	let value: unknown = ctx.params.members;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			fail(
				ctx,
				"'Members' is not JSON.",
				'Give a JSON list, e.g. [{"email_address": "ann@example.com"}].',
			);
		}
	}
	const list = (Array.isArray(value) ? value : []) as unknown[];
	const members = list.map((m) =>
		typeof m === 'string' ? { email_address: m } : (m as IDataObject),
	);
	const bad = members.findIndex(
		(m) =>
			!m ||
			typeof m !== 'object' ||
			typeof m.email_address !== 'string' ||
			!m.email_address.includes('@'),
	);
	if (!Array.isArray(value) || members.length === 0 || bad !== -1)
		fail(
			ctx,
			bad === -1
				? "'Members' is not a list of members."
				: `Member ${bad + 1} of 'Members' has no email_address.`,
			'Give a JSON list of e-mail addresses or of objects with email_address and the fields of Create or Update (status_if_new, merge_fields, tags, …).',
		);
	if (members.length > MAX_BATCH_OPERATIONS)
		fail(
			ctx,
			`'Members' holds ${members.length} members; one Mailchimp batch takes at most ${MAX_BATCH_OPERATIONS}.`,
			'Split the list (e.g. with the Loop Over Items node, 1000 at a time).',
		);
	return members;
}

/**
 * Create or Update Many: one batch operation (`POST /batches`) of `PUT /lists/{list_id}/members/{subscriber_hash}`
 * per member, waited for and its results read as the spec's batch job says (`GET /batches/{batch_id}` until
 * `finished`, then the `response_body_url` archive). One item per member, in the order given.
 */
async function upsertMembersBatch(ctx: HookContext): Promise<IDataObject[]> {
	const job = ctx.spec.batch!.job!;
	const listId = String(ctx.params.listId ?? '').trim();
	const statusIfNew = String(ctx.params.statusIfNew ?? 'subscribed');
	const members = membersOf(ctx);
	const operations = members.map((m, i) => {
		const email = String(m.email_address).trim();
		return {
			method: 'PUT',
			path: `/lists/${encodeURIComponent(listId)}/members/${subscriberHash(email)}`,
			operation_id: String(i),
			body: JSON.stringify({ status_if_new: statusIfNew, ...m, email_address: email }),
		};
	});
	const started = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: '/batches',
		body: { operations },
		bodyEncoding: 'json',
	});
	const batchId = String((started.body as IDataObject).id);
	const state = await awaitJob(job, started.body, {
		fn: ctx.fn,
		clock: ctx.engine.clock,
		itemIndex: ctx.itemIndex,
		service: ctx.spec.displayName,
		baseUrl: ctx.baseUrl,
		request: ctx.request,
		params: ctx.params,
	});
	const answers = new Map<string, IDataObject>();
	const entries = await jobResults(job, state, {
		engine: ctx.engine,
		fn: ctx.fn,
		itemIndex: ctx.itemIndex,
		service: identityOf(ctx.spec),
	});
	for (const entry of entries as IDataObject[])
		answers.set(String(entry.operation_id), {
			status_code: entry.status_code,
			response: parseJsonText(entry.response) as IDataObject,
		});
	return members.map((m, i) => {
		const answer = answers.get(String(i));
		const ok = typeof answer?.status_code === 'number' && answer.status_code < 300;
		return {
			batch_id: batchId,
			email_address: String(m.email_address).trim(),
			status_code: answer?.status_code ?? null,
			...(ok ? { member: answer.response } : { error: answer?.response ?? null }),
		};
	});
}

export const mailchimpHooks = {
	shapeRequest,
	upsertMembersBatch,
	webhookCreate,
	webhookExists,
	webhookDelete,
};
