/**
 * What SendGrid's data cannot say: the mail send body (personalizations, template data, attachments read from
 * binary data, send_at as Unix seconds) and its 202 answer (the message ID is a header), the contacts upsert's
 * body (a list of one contact, so many items can share one request and its import job), and the Event Webhook: created with the selected event types, signing turned
 * on (which answers the public key that verifies the deliveries), deleted on deactivation; each delivery is a batch
 * of events, emitted one per item and once per `sg_event_id`.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { EngineRequest } from '../../lib/transport/types';
import type {
	DeliveryContext,
	HookContext,
	TriggerCreateResult,
	TriggerHookContext,
} from '../../lib/spec/types';
import { ifFound } from '../../lib/triggers';
import { publicKeyOf } from '../../lib/webhooks';

/** The largest message SendGrid takes (everything, attachments included). */
const MAX_MESSAGE_BYTES = 30 * 1024 * 1024;
/** How long an event's `sg_event_id` is remembered: SendGrid retries a failed delivery for up to 24 hours. */
const EVENT_MEMORY_MS = 26 * 3_600_000;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** `a@x.com, Ada <b@y.com>` → `[{email}, {email, name}]`. */
export function addresses(value: unknown): IDataObject[] {
	return String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => {
			const m = /^(.*?)\s*<([^<>\s]+)>$/.exec(s);
			if (!m) return { email: s };
			const name = m[1].replace(/^"|"$/g, '').trim();
			return name ? { email: m[2], name } : { email: m[2] };
		});
}

function jsonParam(ctx: Omit<HookContext, 'request'>, name: string): unknown {
	const v = ctx.params[name];
	if (v === undefined || v === '') return undefined;
	if (typeof v !== 'string') return v;
	try {
		return JSON.parse(v) as unknown;
	} catch {
		throw new NodeOperationError(ctx.fn.getNode(), `The field '${name}' is not valid JSON.`, {
			itemIndex: ctx.itemIndex,
		});
	}
}

const nonEmptyObject = (v: unknown): v is IDataObject =>
	typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0;

function listParam(v: unknown): string[] {
	if (Array.isArray(v)) return v.map((s) => String(s).trim()).filter(Boolean);
	return String(v ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

/** The attachments: each named binary property of the item, as base64 with its file name and type. */
async function attachmentsOf(ctx: HookContext): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	let total = 0;
	for (const property of listParam(ctx.params.attachments)) {
		const meta = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
		const bytes = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
		total += bytes.length;
		if (total > MAX_MESSAGE_BYTES)
			throw new NodeOperationError(
				ctx.fn.getNode(),
				`The attachments come to more than 30 MB, the most SendGrid takes for one message.`,
				{
					itemIndex: ctx.itemIndex,
					description: 'Attach fewer or smaller files, or link to them.',
				},
			);
		out.push({
			content: bytes.toString('base64'),
			filename: meta.fileName ?? property,
			...(meta.mimeType ? { type: meta.mimeType } : {}),
			disposition: 'attachment',
		});
	}
	return out;
}

/** The mail send body the fields describe (exported for the conformance test). */
export async function mailBody(ctx: HookContext): Promise<IDataObject> {
	const p = ctx.params;
	const templateData = jsonParam(ctx, 'dynamicTemplateData');
	const given = jsonParam(ctx, 'personalizations');
	let personalizations: IDataObject[];
	if (Array.isArray(given) && given.length > 0) {
		personalizations = given as IDataObject[];
	} else {
		const one: IDataObject = { to: addresses(p.toEmail) };
		const cc = addresses(p.cc);
		const bcc = addresses(p.bcc);
		if (cc.length) one.cc = cc;
		if (bcc.length) one.bcc = bcc;
		if (nonEmptyObject(templateData)) one.dynamic_template_data = templateData;
		personalizations = [one];
	}
	const from: IDataObject = { email: text(p.fromEmail) };
	if (text(p.fromName)) from.name = text(p.fromName);
	const out: IDataObject = { personalizations, from };
	if (text(p.replyTo)) out.reply_to = addresses(p.replyTo)[0];
	if (text(p.subject)) out.subject = text(p.subject);
	const content: IDataObject[] = [];
	// text/plain first, then text/html: the order SendGrid requires.
	if (typeof p.text === 'string' && p.text !== '')
		content.push({ type: 'text/plain', value: p.text });
	if (typeof p.html === 'string' && p.html !== '')
		content.push({ type: 'text/html', value: p.html });
	if (content.length) out.content = content;
	if (text(p.templateId)) out.template_id = text(p.templateId);
	const attachments = await attachmentsOf(ctx);
	if (attachments.length) out.attachments = attachments;
	const categories = listParam(p.categories);
	if (categories.length) out.categories = categories;
	if (text(p.sendAt)) {
		const at = Date.parse(text(p.sendAt));
		if (!Number.isFinite(at))
			throw new NodeOperationError(ctx.fn.getNode(), `Send At '${text(p.sendAt)}' is not a date.`, {
				itemIndex: ctx.itemIndex,
			});
		out.send_at = Math.floor(at / 1000);
	}
	const customArgs = jsonParam(ctx, 'customArgs');
	if (nonEmptyObject(customArgs)) out.custom_args = customArgs;
	if (Number(p.asmGroupId) > 0) out.asm = { group_id: Number(p.asmGroupId) };
	if (p.sandboxMode === true) out.mail_settings = { sandbox_mode: { enable: true } };
	if (!out.template_id && !out.content)
		throw new NodeOperationError(
			ctx.fn.getNode(),
			'The message has no content: set Text Content, HTML Content or a Template ID.',
			{ itemIndex: ctx.itemIndex },
		);
	return out;
}

/** Mail → Send: 202 with an empty body; the message ID is the `X-Message-Id` header. */
async function sendMail(ctx: HookContext): Promise<IDataObject> {
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		body: await mailBody(ctx),
		idempotent: false,
	});
	return { accepted: true, status: res.status, messageId: res.headers['x-message-id'] ?? null };
}

const CONTACT_FIELDS = [
	'first_name',
	'last_name',
	'phone_number',
	'address_line_1',
	'city',
	'state_province_region',
	'postal_code',
	'country',
];

/**
 * Contact → Create or Update: the item's contact as a list of one (`{list_ids, contacts: [contact]}`), so items with
 * the same lists go as one request (the operation's listBatch); the import job it answers is waited for by the
 * engine (`listBatch.job`) when Wait for Import is on.
 */
function shapeContact(req: EngineRequest, ctx: Omit<HookContext, 'request'>): EngineRequest {
	const p = ctx.params;
	const contact: IDataObject = { email: text(p.email) };
	for (const field of CONTACT_FIELDS) {
		const name = field.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
		if (text(p[name])) contact[field] = text(p[name]);
	}
	const custom = jsonParam(ctx, 'customFields');
	if (nonEmptyObject(custom)) contact.custom_fields = custom;
	const lists = listParam(p.listIds);
	return { ...req, body: { ...(lists.length ? { list_ids: lists } : {}), contacts: [contact] } };
}

/** The registration's event flags (`spam_report` is the flag of `spamreport` events). */
export function eventFlags(events: string[]): IDataObject {
	const flags: IDataObject = {};
	for (const e of events) flags[e === 'spamreport' ? 'spam_report' : e] = true;
	return flags;
}

const WEBHOOKS = '/v3/user/webhooks/event/settings';

/**
 * Create an Event Webhook for this trigger's URL with the selected event types, then turn signing on for it: the
 * answer holds the public key that verifies its deliveries (kept sealed as the trigger's secret).
 */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	if (ctx.params.setup === 'manual') return { id: MANUAL, secret: pastedKey(ctx) };
	const created = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: WEBHOOKS,
		body: {
			enabled: true,
			url: ctx.webhookUrl,
			friendly_name: `n8n: ${ctx.fn.getWorkflow().name ?? ctx.fn.getNode().name}`.slice(0, 100),
			...eventFlags(ctx.events),
		},
	});
	const id = String((created.body as IDataObject | undefined)?.id ?? '');
	if (!id) throw new Error('SendGrid created the Event Webhook but answered no id');
	const signed = await ctx.request({
		method: 'PATCH',
		baseUrl: ctx.baseUrl,
		path: `${WEBHOOKS}/signed/{id}`,
		pathParams: { id },
		body: { enabled: true },
	});
	const publicKey = String((signed.body as IDataObject | undefined)?.public_key ?? '');
	if (!publicKey) {
		await ctx.request({
			method: 'DELETE',
			baseUrl: ctx.baseUrl,
			path: `${WEBHOOKS}/{id}`,
			pathParams: { id },
		});
		throw new Error('SendGrid turned signing on but answered no public key');
	}
	return { id, secret: publicKey };
}

/** The registration of a manual setup: nothing at SendGrid, the pasted key as the secret. */
const MANUAL = 'manual';

/** The pasted verification key, refused before activation when it is not SendGrid's kind of key. */
function pastedKey(ctx: TriggerHookContext): string {
	const key = text(ctx.params.verificationKey);
	const parsed = key ? publicKeyOf(key) : 'it is empty';
	if (typeof parsed === 'string')
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`The Verification Key is not SendGrid's: ${parsed}`,
			{
				description:
					'Copy it from SendGrid → Settings → Mail Settings → Event Webhooks → your webhook → Signature Verification (turn it on first), and paste it into the trigger’s Verification Key field.',
			},
		);
	return key;
}

async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	const manual = ctx.params.setup === 'manual';
	// Manual: still serving while the pasted key is the one kept (a new key registers again).
	if (ctx.state.hookId === MANUAL)
		return manual && ctx.state.secret === text(ctx.params.verificationKey);
	if (manual) {
		// Switched to a manual setup: the webhook activation created goes.
		await webhookDelete(ctx);
		return false;
	}
	return await ifFound(
		ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: `${WEBHOOKS}/{id}`,
			pathParams: { id: ctx.state.hookId! },
			accept: [404],
			cacheable: false,
		}),
	);
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	// A webhook set up by hand in SendGrid is removed there.
	if (ctx.state.hookId === MANUAL) return;
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: `${WEBHOOKS}/{id}`,
		pathParams: { id: ctx.state.hookId! },
	});
}

/** A verified delivery: a JSON array of events; each selected one is emitted once (by `sg_event_id`). */
async function webhookDeliver(ctx: DeliveryContext): Promise<IDataObject[]> {
	const events: unknown[] = Array.isArray(ctx.body) ? (ctx.body as unknown[]) : [ctx.body];
	const out: IDataObject[] = [];
	for (const e of events) {
		if (typeof e !== 'object' || e === null || Array.isArray(e)) continue;
		const event = e as IDataObject;
		const type = typeof event.event === 'string' ? event.event : '';
		if (!ctx.events.includes(type)) continue;
		const id = typeof event.sg_event_id === 'string' ? event.sg_event_id : '';
		if (id && !(await ctx.claim([id], EVENT_MEMORY_MS))) continue;
		out.push(event);
	}
	return out;
}

export const sendGridHooks = {
	sendMail,
	shapeContact,
	webhookCreate,
	webhookExists,
	webhookDelete,
	webhookDeliver,
};
