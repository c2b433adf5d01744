/**
 * What the GitLab spec cannot say as data: base64 file contents to and from text or binary data, CI/CD variables
 * as GitLab's list of `{ key, value }`, a job log as text, and registering the trigger's project or group hook.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { HookContext, TriggerCreateResult, TriggerHookContext } from '../../lib/spec/types';
import { ifFound } from '../../lib/triggers';
import type { EngineRequest } from '../../lib/transport/types';
import { GITLAB_EVENTS } from './Gitlab.events';

/** The binary field an operation reads or writes, when the user set one. */
function binaryField(ctx: HookContext): string | undefined {
	const name = String(ctx.params.binaryPropertyName ?? '').trim();
	return name === '' ? undefined : name;
}

/** The operation's own route, its path fields filled (each one encoded segment by the engine). */
function route(ctx: HookContext, extra: Partial<EngineRequest> = {}): EngineRequest {
	const pathParams: Record<string, string | number> = {};
	for (const p of ctx.operation.params ?? [])
		if (p.in === 'path') pathParams[p.name] = ctx.params[p.name] as string | number;
	return {
		method: ctx.operation.method,
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams,
		...extra,
	};
}

/** Body fields the operation declares (wire keys), without the ones a hook sends itself. */
function declaredBody(ctx: HookContext, except: string[]): IDataObject {
	const out: IDataObject = {};
	for (const p of ctx.operation.params ?? []) {
		if (p.in !== 'body' || except.includes(p.name) || ctx.params[p.name] === undefined) continue;
		out[p.bodyPath ?? p.name] = ctx.params[p.name];
	}
	return out;
}

/**
 * GET a file: GitLab's answer (base64 `content`) plus its text decoded (`decodedContent`), or with a binary
 * field the bytes as binary data and the rest as JSON.
 */
async function getFile(ctx: HookContext): Promise<IDataObject | INodeExecutionData[]> {
	const res = await ctx.request(route(ctx, { qs: { ref: ctx.params.ref } }));
	const file = res.body as IDataObject;
	const bytes = Buffer.from(String(file.content ?? ''), 'base64');
	const field = binaryField(ctx);
	if (field) {
		const { content: _content, ...meta } = file;
		const binary = await ctx.fn.helpers.prepareBinaryData(bytes, String(file.file_name ?? 'file'));
		return [{ json: meta, binary: { [field]: binary } }];
	}
	return { ...file, decodedContent: bytes.toString('utf8') };
}

/** POST (create) or PUT (update) a file: the text, or the binary field's bytes, sent base64-encoded. */
async function putFile(ctx: HookContext): Promise<IDataObject> {
	const field = binaryField(ctx);
	let bytes: Buffer;
	if (field) {
		ctx.fn.helpers.assertBinaryData(ctx.itemIndex, field);
		bytes = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, field);
	} else bytes = Buffer.from(String(ctx.params.content ?? ''), 'utf8');
	const res = await ctx.request(
		route(ctx, {
			body: {
				...declaredBody(ctx, ['content', 'binaryPropertyName']),
				encoding: 'base64',
				content: bytes.toString('base64'),
			},
			bodyEncoding: 'json',
		}),
	);
	return res.body as IDataObject;
}

/** Key/value pairs as GitLab's list of `{ key, value }` (CI/CD variables). */
function variableList(pairs: unknown): IDataObject[] | undefined {
	if (!pairs || typeof pairs !== 'object') return undefined;
	const list = Object.entries(pairs as IDataObject).map(([key, value]) => ({ key, value }));
	return list.length > 0 ? list : undefined;
}

/** Run a pipeline on a ref, with CI/CD variables. */
async function createPipeline(ctx: HookContext): Promise<IDataObject> {
	const variables = variableList(ctx.params.variables);
	const res = await ctx.request(
		route(ctx, {
			body: { ref: ctx.params.ref, ...(variables ? { variables } : {}) },
			bodyEncoding: 'json',
		}),
	);
	return res.body as IDataObject;
}

/** Run a manual job, with CI/CD variables for this run. */
async function playJob(ctx: HookContext): Promise<IDataObject> {
	const variables = variableList(ctx.params.jobVariablesAttributes);
	const res = await ctx.request(
		route(ctx, {
			body: variables ? { job_variables_attributes: variables } : {},
			bodyEncoding: 'json',
		}),
	);
	return res.body as IDataObject;
}

/** A job's log (its trace) as text. */
async function getJobLog(ctx: HookContext): Promise<IDataObject> {
	const res = await ctx.request(route(ctx, { responseFormat: 'text' }));
	return { jobId: Number(ctx.params.jobId), log: String(res.body ?? '') };
}

/** Where the hook lives: the project or group it was registered on, else the node's current one. */
function hookOwner(ctx: TriggerHookContext): { path: string; target: string } {
	const stored = ctx.state.data as { scope?: string; target?: string } | undefined;
	const scope = stored?.target ? stored.scope : String(ctx.params.scope ?? 'project');
	const target = stored?.target ?? String(ctx.params.target ?? '').trim();
	return {
		path: scope === 'group' ? '/api/v4/groups/{target}/hooks' : '/api/v4/projects/{target}/hooks',
		target,
	};
}

/** Every event flag, true for the selected events (GitLab turns push events on when the flag is left out). */
function eventFlags(ctx: TriggerHookContext, group: boolean): IDataObject {
	const flags: IDataObject = {};
	for (const [value, , , flag, groupOnly] of GITLAB_EVENTS) {
		if (groupOnly && !group) continue;
		flags[flag] = ctx.events.includes(value);
	}
	return flags;
}

interface GitlabHook {
	id: number;
	url?: string;
}

/**
 * Creates the project (or group) hook: the selected events to this trigger's URL with a generated secret token,
 * TLS verified. A hook with exactly this URL left over from an activation whose state was lost is deleted first
 * (GitLab allows several hooks per URL, and the old one would deliver with a token nobody knows).
 */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const scope = String(ctx.params.scope ?? 'project') === 'group' ? 'group' : 'project';
	const target = String(ctx.params.target ?? '').trim();
	const path =
		scope === 'group' ? '/api/v4/groups/{target}/hooks' : '/api/v4/projects/{target}/hooks';
	const list = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path,
		pathParams: { target },
		qs: { per_page: 100 },
	});
	const stale = (Array.isArray(list.body) ? (list.body as GitlabHook[]) : []).filter(
		(h) => h.url === ctx.webhookUrl,
	);
	for (const hook of stale)
		await ctx.request({
			method: 'DELETE',
			baseUrl: ctx.baseUrl,
			path: `${path}/{hookId}`,
			pathParams: { target, hookId: hook.id },
			accept: [404],
		});
	const branchFilter = String(ctx.params.branchFilter ?? '').trim();
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path,
		pathParams: { target },
		body: {
			url: ctx.webhookUrl,
			token: ctx.secret,
			name: 'n8n (API Connections)',
			enable_ssl_verification: true,
			...eventFlags(ctx, scope === 'group'),
			...(branchFilter ? { push_events_branch_filter: branchFilter } : {}),
		},
		bodyEncoding: 'json',
	});
	return { id: String((res.body as { id?: unknown })?.id ?? ''), data: { scope, target } };
}

async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	const { path, target } = hookOwner(ctx);
	return await ifFound(
		ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: `${path}/{hookId}`,
			pathParams: { target, hookId: ctx.state.hookId! },
			accept: [404],
		}),
	);
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	const { path, target } = hookOwner(ctx);
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: `${path}/{hookId}`,
		pathParams: { target, hookId: ctx.state.hookId! },
	});
}

export const gitlabHooks = {
	getFile,
	putFile,
	createPipeline,
	playJob,
	getJobLog,
	webhookCreate,
	webhookExists,
	webhookDelete,
};
