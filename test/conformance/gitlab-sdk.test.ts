/**
 * The GitLab node against GitLab's own route table as the official-community client publishes it (npm
 * `@gitbeaker/rest` 43.8.0, whose routes live in `@gitbeaker/core`): for every operation, the SDK is called with
 * the inputs of the operation's recorded fixture and must send the same method to the same URL — the namespaced
 * project id, a branch or a file path as ONE percent-encoded segment — and every key it puts in the query or the
 * body for those inputs must be in the node's request with the same value. The trigger's hook registration is
 * checked the same way (project and group hooks), and its event flags against the SDK's hook options.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import * as gitbeaker from '@gitbeaker/core';
import { createRequesterFn } from '@gitbeaker/requester-utils';

import { gitlabSpec } from '../../nodes/Gitlab/Gitlab.service';
import { GITLAB_EVENTS } from '../../nodes/Gitlab/Gitlab.events';
import type { OperationFixture } from '../kit/operations';

interface SentBySdk {
	method: string;
	/** The URL as the SDK builds it: prefix URL + endpoint (its own encoding), without the query. */
	url: string;
	query: Record<string, unknown>;
	body: Record<string, unknown>;
	headers: Record<string, string>;
}

let sent: SentBySdk[] = [];

/** A requester that records what the SDK would send and answers an empty object. */
const requesterFn = createRequesterFn(
	(_serviceOptions, requestOptions) => Promise.resolve(requestOptions),
	(endpoint, options) => {
		const o = options as {
			method: string;
			prefixUrl: string;
			searchParams?: string;
			body?: string;
			headers: Record<string, string>;
		};
		sent.push({
			method: o.method,
			url: `${o.prefixUrl.replace(/\/+$/, '')}/${endpoint}`,
			query: Object.fromEntries(new URLSearchParams(o.searchParams ?? '')),
			body: o.body ? (JSON.parse(o.body) as Record<string, unknown>) : {},
			headers: o.headers,
		});
		return Promise.resolve({ body: {}, headers: {}, status: 200 });
	},
);

type Resource = new (
	options: Record<string, unknown>,
) => Record<string, (...args: unknown[]) => Promise<unknown>>;
const sdk = (name: string) =>
	new (gitbeaker as unknown as Record<string, Resource>)[name]({
		host: 'https://gitlab.com',
		token: 'glpat-example-4Hq3mR8kT2vX9cLp',
		requesterFn,
	});

async function sdkCall(resource: string, method: string, ...args: unknown[]): Promise<SentBySdk> {
	sent = [];
	// The SDK warns that Get Changes' route is deprecated (the node offers Get Diffs too): not this test's output.
	const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
	await sdk(resource)
		[method](...args)
		.finally(() => warn.mockRestore());
	expect(sent).toHaveLength(1);
	return sent[0];
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'operations', 'gitlab');
const fixture = (name: string) =>
	JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as OperationFixture;

const P = 'gitlab-org/ci-cd/n8n-demo';
const SHA = '8888888888888888888888888888888888888888';

/**
 * Each operation (`resource.operation`) and the SDK call with the same inputs as its fixture. The SDK's query
 * and body keys for those inputs (its positional arguments, and options given by their wire names) must be in
 * the node's request.
 */
const CALLS: Record<string, [resource: string, method: string, ...args: unknown[]]> = {
	'user.getMe': ['Users', 'showCurrentUser'],
	'project.get': ['Projects', 'show', P, { statistics: true }],
	'project.getMany': [
		'Projects',
		'all',
		{ owned: true, search: 'demo', pagination: 'keyset', orderBy: 'id', perPage: 100 },
	],
	'project.getManyForUser': ['Users', 'allProjects', 'john_smith', { orderBy: 'last_activity_at' }],
	'project.create': ['Projects', 'create', { name: 'n8n-demo', namespaceId: 9970 }],
	'project.fork': ['Projects', 'fork', 278964, { namespacePath: 'john_smith' }],
	'issue.create': ['Issues', 'create', P, 'Pipeline fails on main', { labels: 'bug,ci' }],
	'issue.get': ['Issues', 'show', 6, { projectId: P }],
	'issue.update': ['Issues', 'edit', P, 6, { title: 'Deploy job times out' }],
	'issue.close': ['Issues', 'edit', P, 6, { stateEvent: 'close' }],
	'issue.reopen': ['Issues', 'edit', P, 6, { stateEvent: 'reopen' }],
	'issue.lock': ['Issues', 'edit', P, 6, { discussionLocked: true }],
	'issue.getMany': ['Issues', 'all', { projectId: P, state: 'opened', labels: 'bug,ci' }],
	'issue.createNote': ['IssueNotes', 'create', P, 6, 'The fix is in !12.'],
	'issue.getNotes': ['IssueNotes', 'all', P, 6, { sort: 'asc' }],
	'mergeRequest.create': [
		'MergeRequests',
		'create',
		P,
		'fix/deploy-timeout',
		'main',
		'Fix deploy timeout',
		{ removeSourceBranch: true, squash: true },
	],
	'mergeRequest.get': ['MergeRequests', 'show', P, 12],
	'mergeRequest.getMany': ['MergeRequests', 'all', { projectId: P, state: 'opened' }],
	'mergeRequest.update': ['MergeRequests', 'edit', P, 12, { title: 'Draft: Fix deploy timeout' }],
	'mergeRequest.merge': [
		'MergeRequests',
		'merge',
		P,
		12,
		{ sha: SHA, squash: true, shouldRemoveSourceBranch: true },
	],
	'mergeRequest.approve': ['MergeRequestApprovals', 'approve', P, 12, { sha: SHA }],
	'mergeRequest.createNote': ['MergeRequestNotes', 'create', P, 12, 'Looks good to me.'],
	'mergeRequest.getNotes': ['MergeRequestNotes', 'all', P, 12],
	'mergeRequest.getDiffs': ['MergeRequests', 'allDiffs', P, 12],
	'mergeRequest.getChanges': ['MergeRequests', 'showChanges', P, 12],
	'pipeline.getMany': ['Pipelines', 'all', P, { ref: 'main', status: 'failed' }],
	'pipeline.get': ['Pipelines', 'show', P, 46],
	'pipeline.create': [
		'Pipelines',
		'create',
		P,
		'main',
		{
			variables: [
				{ key: 'DEPLOY_ENV', value: 'staging' },
				{ key: 'DRY_RUN', value: 'true' },
			],
		},
	],
	'pipeline.retry': ['Pipelines', 'retry', P, 46],
	'pipeline.cancel': ['Pipelines', 'cancel', P, 46],
	'job.getMany': ['Jobs', 'all', P, { pagination: 'keyset' }],
	'job.getManyForPipeline': ['Jobs', 'all', P, { pipelineId: 46, includeRetried: true }],
	'job.get': ['Jobs', 'show', P, 7],
	'job.getLog': ['Jobs', 'showLog', P, 7],
	'job.play': [
		'Jobs',
		'play',
		P,
		7,
		{ jobVariablesAttributes: [{ key: 'TEST_VAR_1', value: 'test1' }] },
	],
	'job.retry': ['Jobs', 'retry', P, 7],
	'job.cancel': ['Jobs', 'cancel', P, 7],
	'file.list': ['Repositories', 'allRepositoryTrees', P, { path: 'files', ref: 'main' }],
	'file.get': ['RepositoryFiles', 'show', P, 'docs/hello world.md', 'main'],
	'file.create': [
		'RepositoryFiles',
		'create',
		P,
		'docs/new.md',
		'main',
		'IyBOZXcgcGFnZQo=',
		'Add docs',
		{ encoding: 'base64' },
	],
	'file.update': [
		'RepositoryFiles',
		'edit',
		P,
		'docs/new.md',
		'main',
		'IyBVcGRhdGVkIHBhZ2UK',
		'Update docs',
		{ encoding: 'base64' },
	],
	'file.delete': ['RepositoryFiles', 'remove', P, 'docs/new.md', 'main', 'Delete docs'],
	'branch.getMany': ['Branches', 'all', P, { search: 'fix' }],
	'branch.get': ['Branches', 'show', P, 'fix/deploy-timeout'],
	'branch.create': ['Branches', 'create', P, 'fix/deploy-timeout', 'main'],
	'branch.delete': ['Branches', 'remove', P, 'fix/deploy-timeout'],
	'tag.getMany': ['Tags', 'all', P, { orderBy: 'version' }],
	'tag.get': ['Tags', 'show', P, 'v1.2.0'],
	'tag.create': ['Tags', 'create', P, 'v1.2.0', 'main', { message: 'Release 1.2.0' }],
	'tag.delete': ['Tags', 'remove', P, 'v1.2.0'],
	'release.getMany': ['ProjectReleases', 'all', P],
	'release.get': ['ProjectReleases', 'show', P, 'v1.2.0'],
	'release.create': ['ProjectReleases', 'create', P, { tagName: 'v1.2.0', ref: 'main' }],
	'release.update': ['ProjectReleases', 'edit', P, 'v1.2.0', { name: 'Release 1.2.0 (final)' }],
	'release.delete': ['ProjectReleases', 'remove', P, 'v1.2.0'],
	'commit.getMany': ['Commits', 'all', P, { refName: 'main', path: 'docs/new.md' }],
	'commit.get': ['Commits', 'show', P, 'ed899a2f4b50b4370feeea94676502b42383c746'],
	'commit.create': [
		'Commits',
		'create',
		P,
		'main',
		'Update docs',
		[
			{ action: 'create', file_path: 'docs/new.md', content: '# New' },
			{ action: 'delete', file_path: 'docs/old.md' },
		],
	],
};

/** Query values as the fixture records them (text, or a list for a repeated key). */
const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

describe('GitLab operations against @gitbeaker/core 43.8.0', () => {
	it('the installed SDK is the pinned one', () => {
		const pkg = JSON.parse(
			readFileSync(join(dirname(require.resolve('@gitbeaker/rest')), '..', 'package.json'), 'utf8'),
		) as { version: string };
		expect(pkg.version).toBe('43.8.0');
	});

	it('every operation of the spec has an SDK call here, and every call an operation', () => {
		const ops = gitlabSpec.resources.flatMap((r) => r.operations.map((o) => `${r.id}.${o.id}`));
		expect(Object.keys(CALLS).sort()).toEqual(ops.sort());
	});

	it.each(Object.entries(CALLS))(
		'%s: same method and URL as the SDK, and the SDK’s keys with the same values',
		async (name, [resource, method, ...args]) => {
			const request = fixture(name).exchanges[0].request;
			const bySdk = await sdkCall(resource, method, ...args);
			expect(`${request.method} ${request.url}`).toBe(`${bySdk.method} ${bySdk.url}`);
			// The auth header the SDK sends for an access token (`token`) is the node's too.
			expect(request.headers['private-token']).toBe(bySdk.headers['private-token']);
			const body = (request.body ?? {}) as Record<string, unknown>;
			for (const [key, value] of Object.entries(bySdk.query)) {
				// GitLab (Grape) reads a write's parameters from the query or the JSON body alike; the SDK puts some
				// (a tag's name and ref) in the query, the node puts every write parameter in the body.
				const ours =
					request.method === 'GET' ? request.query?.[key] : (request.query?.[key] ?? body[key]);
				expect([key, Array.isArray(ours) ? ours.join(',') : ours]).toEqual([key, text(value)]);
			}
			for (const [key, value] of Object.entries(bySdk.body)) {
				// The SDK sends the variables' and actions' inner keys as it was given them.
				expect([key, body[key]]).toEqual([key, value]);
			}
		},
	);
});

describe('the trigger’s hook registration against @gitbeaker/core', () => {
	it('project and group hooks: the same routes as ProjectHooks / GroupHooks', async () => {
		const routes = [
			['ProjectHooks', 'add', P, 'https://n8n.example/webhook'],
			['ProjectHooks', 'show', P, 9],
			['ProjectHooks', 'remove', P, 9],
			['ProjectHooks', 'all', P],
			['GroupHooks', 'add', 'gitlab-org/ci-cd', 'https://n8n.example/webhook'],
			['GroupHooks', 'show', 'gitlab-org/ci-cd', 9],
			['GroupHooks', 'remove', 'gitlab-org/ci-cd', 9],
		] as const;
		const seen: string[] = [];
		for (const [resource, method, ...args] of routes) {
			const bySdk = await sdkCall(resource, method, ...args);
			seen.push(`${bySdk.method} ${bySdk.url}`);
		}
		// What test/nodes/gitlab-trigger.test.ts proves the trigger sends for the same hooks.
		expect(seen).toEqual([
			'POST https://gitlab.com/api/v4/projects/gitlab-org%2Fci-cd%2Fn8n-demo/hooks',
			'GET https://gitlab.com/api/v4/projects/gitlab-org%2Fci-cd%2Fn8n-demo/hooks/9',
			'DELETE https://gitlab.com/api/v4/projects/gitlab-org%2Fci-cd%2Fn8n-demo/hooks/9',
			'GET https://gitlab.com/api/v4/projects/gitlab-org%2Fci-cd%2Fn8n-demo/hooks',
			'POST https://gitlab.com/api/v4/groups/gitlab-org%2Fci-cd/hooks',
			'GET https://gitlab.com/api/v4/groups/gitlab-org%2Fci-cd/hooks/9',
			'DELETE https://gitlab.com/api/v4/groups/gitlab-org%2Fci-cd/hooks/9',
		]);
		const add = await sdkCall('ProjectHooks', 'add', P, 'https://n8n.example/webhook', {
			token: 's3cret',
			pushEvents: false,
		});
		expect(add.body).toEqual({
			url: 'https://n8n.example/webhook',
			token: 's3cret',
			push_events: false,
		});
	});

	it("Disconnect's access-token revocation is PersonalAccessTokens.remove() without an id (…/self)", async () => {
		const bySdk = await sdkCall('PersonalAccessTokens', 'remove');
		const [, pat] = [gitlabSpec.connection!.revoke!].flat();
		expect(`${bySdk.method} ${bySdk.url}`).toBe(`${pat.method} https://gitlab.com${pat.path}`);
		expect(bySdk.body).toEqual({});
	});

	it('every event flag is an SDK hook option, or one GitLab added after the SDK’s types (listed)', () => {
		const dts = readFileSync(
			join(dirname(require.resolve('@gitbeaker/core')), 'index.d.ts'),
			'utf8',
		);
		const options = /interface AddResourceHookOptions \{([^}]*)\}/.exec(dts)![1];
		const sdkFlags = [...options.matchAll(/(\w+Events)\?/g)].map((m) =>
			m[1].replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
		);
		// GitLab's project and group hook APIs document these too; @gitbeaker 43.8.0's option type lacks them.
		const newer = [
			'emoji_events',
			'feature_flag_events',
			'member_events',
			'project_events',
			'resource_access_token_events',
		];
		const flags = GITLAB_EVENTS.map(([, , , flag]) => flag);
		expect(flags.filter((f) => !sdkFlags.includes(f)).sort()).toEqual(newer);
		// And the SDK knows no event the trigger leaves out (repository_update_events is system hooks only).
		expect(sdkFlags.filter((f) => !flags.includes(f))).toEqual([]);
	});
});
