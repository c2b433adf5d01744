/**
 * What Jira's data cannot say: rich text as Atlassian Document Format, extra fields merged into `fields`,
 * the dynamic-webhook body shape, a watcher's JSON-string body, and attachments to and from binary data.
 */
import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import type { EngineRequest } from '../../lib/transport/types';
import type { HookContext, TriggerCreateResult, TriggerHookContext } from '../../lib/spec/types';
import { readPath, writePath } from '../../lib/transport/path';
import { JIRA_ACCESSIBLE_RESOURCES, JIRA_DC_CREDENTIAL } from './Jira.oauth';

/** An Atlassian Document Format node (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/). */
export interface AdfNode {
	type: string;
	version?: number;
	text?: string;
	content?: AdfNode[];
}

/**
 * Plain text as an ADF document: blank lines separate paragraphs, single line breaks become `hardBreak`s.
 * Text that is already an ADF document (JSON with `"type": "doc"`) is kept as it is.
 */
export function toAdf(text: string): AdfNode {
	const trimmed = text.trim();
	if (trimmed.startsWith('{')) {
		try {
			const parsed = JSON.parse(trimmed) as AdfNode;
			if (parsed && parsed.type === 'doc') return parsed;
		} catch {
			// Not JSON: plain text that starts with a brace.
		}
	}
	const paragraphs = text
		.replace(/\r\n?/g, '\n')
		.split(/\n\s*\n/)
		.filter((p) => p.trim() !== '');
	return {
		type: 'doc',
		version: 1,
		content: paragraphs.map((p) => {
			const lines = p.split('\n');
			const content: AdfNode[] = [];
			lines.forEach((line, i) => {
				if (i > 0) content.push({ type: 'hardBreak' });
				if (line !== '') content.push({ type: 'text', text: line });
			});
			return { type: 'paragraph', content };
		}),
	};
}

/** Body paths that carry rich text in Jira's v3 API (issue description, comment body, worklog comment). */
const ADF_PATHS = ['fields.description', 'body', 'comment'];

/**
 * The operation's generic request, shaped for Jira (the `shape` hook; a bulk create shapes each issue alike): rich text as ADF, "Other Fields (JSON)" merged into
 * `fields`, a dynamic webhook's fields inside `webhooks[0]`, webhook IDs as numbers.
 */
function shapeRequest(req: EngineRequest, ctx: Omit<HookContext, 'request'>): EngineRequest {
	const body = (req.body ?? {}) as IDataObject;
	// Data Center's REST API v2 takes rich text as plain text (wiki markup): sent as typed.
	const adf = ctx.credentialType !== JIRA_DC_CREDENTIAL;
	for (const path of adf ? ADF_PATHS : []) {
		const value = readPath(body, path);
		if (typeof value === 'string') writePath(body, path, toAdf(value));
	}
	if ('customFields' in body) {
		const extra = body.customFields;
		delete body.customFields;
		if (extra && typeof extra === 'object' && !Array.isArray(extra))
			body.fields = { ...(extra as IDataObject), ...((body.fields as IDataObject) ?? {}) };
	}
	if (ctx.operation.path === '/rest/api/3/webhook' && ctx.operation.method === 'POST') {
		const { url, events, jqlFilter } = body;
		req.body = { url, webhooks: [{ events, jqlFilter }] };
	} else if (Array.isArray(body.webhookIds)) {
		body.webhookIds = body.webhookIds.map((id) => {
			const n = Number(id);
			if (!Number.isSafeInteger(n))
				throw new NodeOperationError(
					ctx.fn.getNode(),
					`The webhook ID '${String(id)}' is not a number.`,
					{
						itemIndex: ctx.itemIndex,
						description: 'Use the numeric IDs that Webhook → Register or Get Many return.',
					},
				);
			return n;
		});
	}
	return req;
}

/** Add a watcher: Jira's body is the account ID as a bare JSON string (`"5b10ac…"`). */
async function addWatcher(ctx: HookContext): Promise<IDataObject> {
	await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams: { issueIdOrKey: String(ctx.params.issueIdOrKey) },
		body: JSON.stringify(String(ctx.params.accountId)),
		bodyEncoding: 'raw',
		contentType: 'application/json',
	});
	return { added: true, accountId: ctx.params.accountId };
}

/** Upload the item's binary data as multipart `file`; Jira refuses it without `X-Atlassian-Token: no-check`. */
async function addAttachment(ctx: HookContext): Promise<IDataObject[]> {
	const property = String(ctx.params.binaryPropertyName || 'data');
	const binary = ctx.fn.helpers.assertBinaryData(ctx.itemIndex, property);
	const data = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, property);
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams: { issueIdOrKey: String(ctx.params.issueIdOrKey) },
		headers: { 'X-Atlassian-Token': 'no-check' },
		body: {
			file: { data, fileName: binary.fileName ?? 'file', mimeType: binary.mimeType },
		} as never,
		bodyEncoding: 'multipart',
	});
	return res.body as IDataObject[];
}

/**
 * Download: the attachment's metadata, then its bytes with `redirect=false` (Jira answers with the content
 * instead of a redirect to the media service on another origin), as binary data in `data`.
 */
async function downloadAttachment(ctx: HookContext): Promise<INodeExecutionData[]> {
	const id = String(ctx.params.id);
	const meta = (
		await ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: '/rest/api/3/attachment/{id}',
			pathParams: { id },
		})
	).body as IDataObject;
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams: { id },
		qs: { redirect: false },
		headers: { Accept: '*/*' },
		responseFormat: 'binary',
		cacheable: false,
	});
	const binary = await ctx.fn.helpers.prepareBinaryData(
		res.body as Buffer,
		String(meta.filename ?? `attachment-${id}`),
		typeof meta.mimeType === 'string' ? meta.mimeType : undefined,
	);
	return [{ json: meta, binary: { data: binary } }];
}

/**
 * The sites an OAuth token was granted (Atlassian's accessible-resources, on the gateway's own origin). An API
 * token's site is another origin: its credential is never sent there, the operation is refused instead.
 */
async function getAccessibleSites(ctx: HookContext): Promise<IDataObject[]> {
	const url = new URL(JIRA_ACCESSIBLE_RESOURCES);
	if (new URL(ctx.baseUrl).origin !== url.origin)
		throw new NodeOperationError(
			ctx.fn.getNode(),
			'Get Accessible Sites works with the Jira OAuth2 credential only.',
			{
				itemIndex: ctx.itemIndex,
				description:
					"An API token belongs to one site (the credential's Site URL): its credential is not sent to api.atlassian.com.",
			},
		);
	const res = await ctx.request({ method: 'GET', baseUrl: url.origin, path: url.pathname });
	return res.body as IDataObject[];
}

/** The events a dynamic webhook of an OAuth 2.0 app may ask for (Jira refuses the others). */
export const JIRA_DYNAMIC_EVENTS = [
	'jira:issue_created',
	'jira:issue_updated',
	'jira:issue_deleted',
	'comment_created',
	'comment_updated',
	'comment_deleted',
	'issue_property_set',
	'issue_property_deleted',
];
const WEBHOOK_PATH = '/rest/api/3/webhook';

/**
 * Registers the trigger's dynamic webhook: `POST /rest/api/3/webhook` with the URL and one webhook of the picked
 * events and the JQL filter. Jira answers 200 with a result per webhook: an id, or the errors that refused it.
 */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const any = ctx.events.includes('*');
	const refused = ctx.events.filter((e) => e !== '*' && !JIRA_DYNAMIC_EVENTS.includes(e));
	if (refused.length > 0)
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`An OAuth2 app's webhook cannot send ${refused.join(', ')}: pick among ${JIRA_DYNAMIC_EVENTS.join(', ')}, or use an API token and an admin webhook.`,
		);
	const jqlFilter = String(ctx.params.jqlFilter ?? '').trim();
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: WEBHOOK_PATH,
		body: {
			url: ctx.webhookUrl,
			webhooks: [{ events: any ? JIRA_DYNAMIC_EVENTS : ctx.events, jqlFilter }],
		},
	});
	const result = ((res.body as IDataObject)?.webhookRegistrationResult ?? []) as IDataObject[];
	const id = result[0]?.createdWebhookId;
	if (id === undefined || id === null) {
		const errors = (result[0]?.errors as string[] | undefined) ?? [];
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`Jira did not register the webhook: ${errors.length > 0 ? errors.join(' ') : 'it returned no webhook id.'}`,
			{
				description:
					'Check the JQL Filter (dynamic webhooks accept a subset of JQL) and the events.',
			},
		);
	}
	return { id: String(id) };
}

/** Removes it: `DELETE /rest/api/3/webhook` with its id (Jira ignores ids that are gone). */
async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: WEBHOOK_PATH,
		body: { webhookIds: [Number(ctx.state.hookId)] },
	});
}

/** Whether Jira still has it: the app's webhooks (`GET /rest/api/3/webhook`, startAt paging), by id. */
async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	for (let startAt = 0, page = 0; page < 20; page++) {
		const res = await ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: WEBHOOK_PATH,
			qs: { startAt, maxResults: 100 },
		});
		const body = (res.body ?? {}) as IDataObject;
		const values = (Array.isArray(body.values) ? body.values : []) as IDataObject[];
		if (values.some((w) => String(w.id) === ctx.state.hookId)) return true;
		if (body.isLast !== false || values.length === 0) return false;
		startAt += values.length;
	}
	return false;
}

export const jiraHooks = {
	webhookCreate,
	webhookDelete,
	webhookExists,
	getAccessibleSites,
	shapeRequest,
	addWatcher,
	addAttachment,
	downloadAttachment,
};
