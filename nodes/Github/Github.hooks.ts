/**
 * What the GitHub spec cannot say as data: file paths that span folders, base64 and binary file content, a
 * fixed body (close / reopen), other media types (diff, patch), a log archive behind a pre-signed redirect,
 * and registering the trigger's repository webhook.
 */
import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { responseToItems } from '../../lib/execution/response';
import { identityOf } from '../../lib/spec/identity';
import type { HookContext, TriggerCreateResult, TriggerHookContext } from '../../lib/spec/types';
import { callContext } from '../../lib/transport/context';
import { failedStatus } from '../../lib/transport/engine-error';
import { send } from '../../lib/transport/pipeline';
import { makeRedactor } from '../../lib/transport/redact';
import { ifFound } from '../../lib/triggers';
import { ORG_ONLY_EVENTS } from './Github.events';
import type { EngineResponse } from '../../lib/transport/types';

/**
 * `docs/guide/intro.md` → `/repos/{owner}/{repo}/contents/{p0}/{p1}/{p2}`: each folder is its own
 * percent-encoded segment, so a path can neither leave the repository's contents nor be misread.
 */
function contentsRequest(
	ctx: HookContext,
	allowRoot = false,
): { path: string; pathParams: Record<string, string> } {
	const raw = String(ctx.params.filePath ?? '').replace(/^\/+|\/+$/g, '');
	const segments = raw === '' && allowRoot ? [] : raw.split('/');
	if ((raw === '' && !allowRoot) || segments.some((s) => s === '' || s === '.' || s === '..')) {
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`The field 'File Path' is not a file path in the repository ('${raw}').`,
			{
				itemIndex: ctx.itemIndex,
				description:
					"Give the path from the repository root with / between folders, e.g. docs/README.md (no '.', '..' or empty folders).",
			},
		);
	}
	const pathParams: Record<string, string> = {
		owner: String(ctx.params.owner),
		repo: String(ctx.params.repo),
	};
	segments.forEach((s, i) => (pathParams[`p${i}`] = s));
	return {
		// The root folder: GitHub's `contents/` with an empty path.
		path: `/repos/{owner}/{repo}/contents/${segments.map((_s, i) => `{p${i}}`).join('/')}`,
		pathParams,
	};
}

/** The binary field an operation reads or writes, when the user set one. */
function binaryField(ctx: HookContext): string | undefined {
	const name = String(ctx.params.binaryPropertyName ?? '').trim();
	return name === '' ? undefined : name;
}

/**
 * GET a file: GitHub's answer plus its text decoded (`decodedContent`); a folder gives one item per entry.
 * With a binary field, the file comes out as binary data instead (files over 1 MB come without content in
 * the JSON answer, so those are fetched again as raw bytes).
 */
async function getFile(
	ctx: HookContext,
): Promise<IDataObject | IDataObject[] | INodeExecutionData[]> {
	const ref = ctx.params.ref;
	const target = {
		method: 'GET' as const,
		baseUrl: ctx.baseUrl,
		...contentsRequest(ctx),
		qs: ref ? { ref } : {},
	};
	const res = await ctx.request(target);
	if (Array.isArray(res.body)) return res.body as IDataObject[];
	const file = res.body as IDataObject;
	const field = binaryField(ctx);
	const text = file.encoding === 'base64' && typeof file.content === 'string';
	if (field) {
		const bytes = text
			? Buffer.from(String(file.content), 'base64')
			: ((
					await ctx.request({
						...target,
						headers: { Accept: 'application/vnd.github.raw' },
						responseFormat: 'binary',
					})
				).body as Buffer);
		const { content: _content, ...meta } = file;
		const binary = await ctx.fn.helpers.prepareBinaryData(bytes, String(file.name ?? 'file'));
		return [{ json: meta, binary: { [field]: binary } }];
	}
	// Files over 1 MB come without content (encoding "none"): there is nothing to decode.
	if (text) {
		return {
			...file,
			decodedContent: Buffer.from(String(file.content), 'base64').toString('utf8'),
		};
	}
	return file;
}

/** List a folder (the root when the path is empty): one item per entry. */
async function listFiles(ctx: HookContext): Promise<IDataObject[]> {
	const ref = ctx.params.ref;
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		...contentsRequest(ctx, true),
		qs: ref ? { ref } : {},
	});
	if (!Array.isArray(res.body)) {
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`The field 'Folder Path' names a file, not a folder ('${String(ctx.params.filePath ?? '')}').`,
			{ itemIndex: ctx.itemIndex, description: 'Use File → Get to read a file.' },
		);
	}
	return res.body as IDataObject[];
}

/** Branch and committer of a contents change (Committer Name and Email go together). */
function commitTarget(ctx: HookContext): IDataObject {
	const p = ctx.params;
	const out: IDataObject = {};
	if (p.branch) out.branch = p.branch;
	if (p.committerName || p.committerEmail) {
		if (!p.committerName || !p.committerEmail) {
			throw new NodeOperationError(
				ctx.fn.getNode(),
				'Committer Name and Committer Email go together.',
				{
					itemIndex: ctx.itemIndex,
					description:
						'Set both to commit as someone else, or neither to commit as the connected account.',
				},
			);
		}
		out.committer = { name: p.committerName, email: p.committerEmail };
	}
	return out;
}

/** PUT a file: the text (or the binary field's bytes) is sent base64-encoded; `sha` (from Get) makes it an update. */
async function putFile(ctx: HookContext): Promise<IDataObject> {
	const p = ctx.params;
	const field = binaryField(ctx);
	let bytes: Buffer;
	if (field) {
		ctx.fn.helpers.assertBinaryData(ctx.itemIndex, field);
		bytes = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, field);
	} else bytes = Buffer.from(String(p.content), 'utf8');
	const body: IDataObject = { message: p.message, content: bytes.toString('base64') };
	if (p.sha) body.sha = p.sha;
	Object.assign(body, commitTarget(ctx));
	const res = await ctx.request({
		method: 'PUT',
		baseUrl: ctx.baseUrl,
		...contentsRequest(ctx),
		body,
		bodyEncoding: 'json',
	});
	return res.body as IDataObject;
}

/** DELETE a file: a commit that removes it; GitHub needs the blob SHA it replaces. */
async function deleteFile(ctx: HookContext): Promise<IDataObject> {
	const p = ctx.params;
	const res = await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		...contentsRequest(ctx),
		body: { message: p.message, sha: p.sha, ...commitTarget(ctx) },
		bodyEncoding: 'json',
	});
	return res.body as IDataObject;
}

/** Close or reopen: the update route with the state the operation stands for. */
async function setPullState(ctx: HookContext): Promise<IDataObject> {
	const res = await ctx.request({
		method: 'PATCH',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams: pullParams(ctx),
		body: { state: ctx.operation.id === 'close' ? 'closed' : 'open' },
		bodyEncoding: 'json',
	});
	return res.body as IDataObject;
}

function pullParams(ctx: HookContext): Record<string, string | number> {
	return {
		owner: String(ctx.params.owner),
		repo: String(ctx.params.repo),
		pullNumber: Number(ctx.params.pullNumber),
	};
}

/** The pull request as a diff or a patch: GitHub's media types `vnd.github.diff` / `vnd.github.patch`, as text. */
async function getPullText(ctx: HookContext): Promise<IDataObject> {
	const format = ctx.operation.id === 'getDiff' ? 'diff' : 'patch';
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams: pullParams(ctx),
		headers: { Accept: `application/vnd.github.${format}` },
		responseFormat: 'text',
	});
	return { [format]: String(res.body ?? '') };
}

/** A branch is a `refs/heads/…` reference created at a commit. */
async function createBranch(ctx: HookContext): Promise<IDataObject> {
	const branch = String(ctx.params.branch).replace(/^refs\/heads\//, '');
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams: { owner: String(ctx.params.owner), repo: String(ctx.params.repo) },
		body: { ref: `refs/heads/${branch}`, sha: ctx.params.sha },
		bodyEncoding: 'json',
	});
	return res.body as IDataObject;
}

/**
 * A run's logs: GitHub answers 302 with a pre-signed archive URL on another host (valid for a minute). That
 * URL is fetched without the credential (it must never leave GitHub's API origin); the ZIP becomes binary data.
 */
async function downloadRunLogs(ctx: HookContext): Promise<INodeExecutionData[]> {
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams: {
			owner: String(ctx.params.owner),
			repo: String(ctx.params.repo),
			runId: Number(ctx.params.runId),
		},
		accept: [302],
		redirect: 'manual',
	});
	const location = res.headers['location'];
	if (res.status !== 302 || !location) {
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`GitHub gave no download link for the logs of run ${String(ctx.params.runId)} (HTTP ${res.status}).`,
			{
				itemIndex: ctx.itemIndex,
				description: 'Check that the run has finished and its logs were not deleted.',
			},
		);
	}
	const url = new URL(location);
	const anonymous = callContext({
		engine: ctx.engine,
		fn: ctx.fn,
		itemIndex: ctx.itemIndex,
		// Not GitHub's API: none of its headers, nor its rate limit.
		service: { ...identityOf(ctx.spec), headers: undefined, rateLimit: undefined },
		// The link's query is its signature: kept out of errors and logs like a credential.
		redact: makeRedactor([...url.searchParams.values()]),
	});
	const archive = await send(anonymous, {
		method: 'GET',
		baseUrl: url.origin,
		path: location,
		responseFormat: 'binary',
		idempotent: true,
		cacheable: false,
	});
	const items = await responseToItems(ctx.fn, archive, { format: 'binary' });
	return items.map((item) => ({ ...item, json: { runId: Number(ctx.params.runId) } }));
}

/**
 * Where the hook lives: a repository (`/repos/{owner}/{repo}/hooks`) or, with Repository Name left empty, the
 * organization (`/orgs/{org}/hooks`, which needs admin:org_hook). The one it was registered on, else the node's.
 */
interface HookHome {
	path: string;
	pathParams: Record<string, string>;
	scopes?: string[];
	/** What the state keeps to find the hook again. */
	data: IDataObject;
}

function homeOf(where: { owner?: string; repo?: string; org?: string }): HookHome {
	if (where.org)
		return {
			path: '/orgs/{org}/hooks',
			pathParams: { org: where.org },
			scopes: ['admin:org_hook'],
			data: { org: where.org },
		};
	const owner = String(where.owner);
	const repo = String(where.repo);
	return {
		path: '/repos/{owner}/{repo}/hooks',
		pathParams: { owner, repo },
		data: { owner, repo },
	};
}

function chosenHome(ctx: TriggerHookContext): HookHome {
	const owner = String(ctx.params.owner ?? '');
	const repo = String(ctx.params.repository ?? '').trim();
	return repo === '' ? homeOf({ org: owner }) : homeOf({ owner, repo });
}

function hookHome(ctx: TriggerHookContext): HookHome {
	const stored = ctx.state.data as { owner?: string; repo?: string; org?: string } | undefined;
	if (stored?.org || (stored?.owner && stored.repo)) return homeOf(stored);
	return chosenHome(ctx);
}

function hookId(res: EngineResponse): string {
	return String((res.body as { id?: unknown })?.id ?? '');
}

/**
 * Creates the webhook on the repository, or on the organization when Repository Name is empty: JSON deliveries of
 * the selected events to this trigger's URL, signed with the generated secret. If a hook with exactly this URL is
 * left over (GitHub answers 422 "Hook already exists"), it is ours from an earlier activation whose state was lost:
 * it is replaced. Organization-only events on a repository are refused before any request.
 */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const home = chosenHome(ctx);
	const orgOnly = ctx.events.filter((e) => ORG_ONLY_EVENTS.some(([value]) => value === e));
	if (!home.data.org && orgOnly.length > 0)
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`GitHub sends ${orgOnly.join(', ')} to organization webhooks only, not to a repository's.`,
			{
				description:
					'Leave Repository Name empty to register an organization webhook (Repository Owner is the organization), or unselect those events.',
			},
		);
	const scopes = home.scopes ? { scopes: home.scopes } : {};
	const create = async () =>
		await ctx.request({
			method: 'POST',
			baseUrl: ctx.baseUrl,
			path: home.path,
			pathParams: home.pathParams,
			body: {
				name: 'web',
				active: true,
				events: ctx.events,
				config: {
					url: ctx.webhookUrl,
					content_type: 'json',
					insecure_ssl: '0',
					secret: ctx.secret,
				},
			},
			bodyEncoding: 'json',
			...scopes,
		});
	const first = await create().then(
		(res) => ({ res }),
		(error: unknown) => ({ error }),
	);
	if ('res' in first) return { id: hookId(first.res), data: home.data };
	// 422: a hook with this URL exists already (left by an earlier activation): replace it if it is ours.
	if (failedStatus(first.error) !== 422) throw first.error;
	const list = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: home.path,
		pathParams: home.pathParams,
		qs: { per_page: 100 },
		...scopes,
	});
	const stale = (
		Array.isArray(list.body) ? (list.body as Array<{ id: number; config?: { url?: string } }>) : []
	).find((h) => h.config?.url === ctx.webhookUrl);
	if (!stale) throw first.error;
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: `${home.path}/{hookId}`,
		pathParams: { ...home.pathParams, hookId: String(stale.id) },
		accept: [404],
		...scopes,
	});
	return { id: hookId(await create()), data: home.data };
}

async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	const home = hookHome(ctx);
	return await ifFound(
		ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: `${home.path}/{hookId}`,
			pathParams: { ...home.pathParams, hookId: ctx.state.hookId! },
			accept: [404],
			...(home.scopes ? { scopes: home.scopes } : {}),
		}),
	);
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	const home = hookHome(ctx);
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: `${home.path}/{hookId}`,
		pathParams: { ...home.pathParams, hookId: ctx.state.hookId! },
		...(home.scopes ? { scopes: home.scopes } : {}),
	});
}

export const githubHooks = {
	getFile,
	listFiles,
	putFile,
	deleteFile,
	setPullState,
	getPullText,
	createBranch,
	downloadRunLogs,
	webhookCreate,
	webhookExists,
	webhookDelete,
};
