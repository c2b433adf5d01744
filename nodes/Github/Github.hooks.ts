/**
 * What the GitHub spec cannot say as data: file paths that span folders and base64 file content, and
 * registering the trigger's repository webhook.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { HookContext, TriggerCreateResult, TriggerHookContext } from '../../lib/spec/types';
import { failedStatus } from '../../lib/transport/engine-error';
import { ifFound } from '../../lib/triggers';
import type { EngineResponse } from '../../lib/transport/types';

/**
 * `docs/guide/intro.md` → `/repos/{owner}/{repo}/contents/{p0}/{p1}/{p2}`: each folder is its own
 * percent-encoded segment, so a path can neither leave the repository's contents nor be misread.
 */
function contentsRequest(ctx: HookContext): { path: string; pathParams: Record<string, string> } {
	const raw = String(ctx.params.filePath ?? '').replace(/^\/+|\/+$/g, '');
	const segments = raw.split('/');
	if (raw === '' || segments.some((s) => s === '' || s === '.' || s === '..')) {
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
		path: `/repos/{owner}/{repo}/contents/${segments.map((_s, i) => `{p${i}}`).join('/')}`,
		pathParams,
	};
}

/** GET a file: GitHub's answer plus its text decoded (`decodedContent`); a folder gives one item per entry. */
async function getFile(ctx: HookContext): Promise<IDataObject | IDataObject[]> {
	const ref = ctx.params.ref;
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		...contentsRequest(ctx),
		qs: ref ? { ref } : {},
	});
	if (Array.isArray(res.body)) return res.body as IDataObject[];
	const file = res.body as IDataObject;
	// Files over 1 MB come without content (encoding "none"): there is nothing to decode.
	if (file.encoding === 'base64' && typeof file.content === 'string') {
		return { ...file, decodedContent: Buffer.from(file.content, 'base64').toString('utf8') };
	}
	return file;
}

/** PUT a file: the text is sent base64-encoded; `sha` (from Get) is what makes it an update. */
async function putFile(ctx: HookContext): Promise<IDataObject> {
	const p = ctx.params;
	const body: IDataObject = {
		message: p.message,
		content: Buffer.from(String(p.content), 'utf8').toString('base64'),
	};
	if (p.sha) body.sha = p.sha;
	if (p.branch) body.branch = p.branch;
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
		body.committer = { name: p.committerName, email: p.committerEmail };
	}
	const res = await ctx.request({
		method: 'PUT',
		baseUrl: ctx.baseUrl,
		...contentsRequest(ctx),
		body,
		bodyEncoding: 'json',
	});
	return res.body as IDataObject;
}

/** The repository the hook lives in: the one it was registered on, else the node's current one. */
function hookRepo(ctx: TriggerHookContext): { owner: string; repo: string } {
	const stored = ctx.state.data as { owner?: string; repo?: string } | undefined;
	if (stored?.owner && stored.repo) return { owner: stored.owner, repo: stored.repo };
	return { owner: String(ctx.params.owner), repo: String(ctx.params.repository) };
}

function hookId(res: EngineResponse): string {
	return String((res.body as { id?: unknown })?.id ?? '');
}

/**
 * Creates the repository webhook: JSON deliveries of the selected events to this trigger's URL,
 * signed with the generated secret. If a hook with exactly this URL is left over (GitHub answers 422
 * "Hook already exists"), it is ours from an earlier activation whose state was lost: it is replaced.
 */
async function webhookCreate(ctx: TriggerHookContext): Promise<TriggerCreateResult> {
	const owner = String(ctx.params.owner);
	const repo = String(ctx.params.repository);
	const create = async () =>
		await ctx.request({
			method: 'POST',
			baseUrl: ctx.baseUrl,
			path: '/repos/{owner}/{repo}/hooks',
			pathParams: { owner, repo },
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
		});
	const data = { owner, repo };
	const first = await create().then(
		(res) => ({ res }),
		(error: unknown) => ({ error }),
	);
	if ('res' in first) return { id: hookId(first.res), data };
	// 422: a hook with this URL exists already (left by an earlier activation): replace it if it is ours.
	if (failedStatus(first.error) !== 422) throw first.error;
	const list = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: '/repos/{owner}/{repo}/hooks',
		pathParams: { owner, repo },
		qs: { per_page: 100 },
	});
	const stale = (
		Array.isArray(list.body) ? (list.body as Array<{ id: number; config?: { url?: string } }>) : []
	).find((h) => h.config?.url === ctx.webhookUrl);
	if (!stale) throw first.error;
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: '/repos/{owner}/{repo}/hooks/{hookId}',
		pathParams: { owner, repo, hookId: stale.id },
		accept: [404],
	});
	return { id: hookId(await create()), data };
}

async function webhookExists(ctx: TriggerHookContext): Promise<boolean> {
	return await ifFound(
		ctx.request({
			method: 'GET',
			baseUrl: ctx.baseUrl,
			path: '/repos/{owner}/{repo}/hooks/{hookId}',
			pathParams: { ...hookRepo(ctx), hookId: ctx.state.hookId! },
			accept: [404],
		}),
	);
}

async function webhookDelete(ctx: TriggerHookContext): Promise<void> {
	await ctx.request({
		method: 'DELETE',
		baseUrl: ctx.baseUrl,
		path: '/repos/{owner}/{repo}/hooks/{hookId}',
		pathParams: { ...hookRepo(ctx), hookId: ctx.state.hookId! },
	});
}

export const githubHooks = { getFile, putFile, webhookCreate, webhookExists, webhookDelete };
