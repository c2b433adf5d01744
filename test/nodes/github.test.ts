/**
 * GitHub node: every operation inside a real n8n workflow, asserting the exact request (method, path and
 * query, JSON body, auth, media-type and API-version headers) and the exact output items. The fake answers
 * follow GitHub's documented behaviour (services.md § GitHub; docs.github.com/en/rest).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { ApiConnGithubApi } from '../../credentials/ApiConnGithubApi.credentials';
import { ApiConnGithubOAuth2Api } from '../../credentials/ApiConnGithubOAuth2Api.credentials';
import { defaultConnectionsObserver, useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { Github } from '../../nodes/Github/Github.node';
import { githubDefinition } from '../../nodes/Github/Github.service';
import { testCredential, type RunNodeOptions } from '../harness';
import { serviceKit, type Reply } from '../kit';

const API = 'https://api.github.com';
const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const credentials = { apiConnGithubApi: { server: API, accessToken: TOKEN } };

// The runner (a real workflow on virtual time) and GitHub's fake. Without the connections observer: these
// tests use several credentials of one service (the one-connection rule would refuse the second); the
// account lookup is tested on its own below.
const kit = serviceKit({
	origin: API,
	nodeTypes: [new Github()],
	credentialTypes: [new ApiConnGithubApi(), new ApiConnGithubOAuth2Api()],
	credentials,
	replyHeaders: (n) => ({ 'x-github-request-id': `C0DE:${n}` }),
});

const run = (parameters: INodeParameters, extra: Partial<RunNodeOptions> = {}) =>
	kit.run('github', parameters, extra);

/** Answer requests (any path) with the given replies in order, recording what was sent. */
const fake = (...replies: Reply[]) => kit.fake(...replies);

const repo = {
	id: 1296269,
	name: 'n8n',
	full_name: 'n8n-io/n8n',
	private: false,
	default_branch: 'master',
};
const repo2 = {
	id: 1296270,
	name: 'docs',
	full_name: 'n8n-io/docs',
	private: false,
	default_branch: 'main',
};
const repo3 = {
	id: 1296271,
	name: 'tools',
	full_name: 'n8n-io/tools',
	private: true,
	default_branch: 'main',
};
const issue = {
	id: 1,
	number: 42,
	title: 'Found a bug',
	state: 'open',
	labels: [{ name: 'bug' }],
	html_url: 'https://github.com/n8n-io/n8n/issues/42',
};
const pull = {
	id: 9,
	number: 7,
	title: 'Amazing new feature',
	state: 'open',
	head: { ref: 'feature-x' },
	base: { ref: 'master' },
	draft: true,
};
const release = { id: 11, tag_name: 'v1.2.0', name: 'v1.2.0', draft: false, prerelease: false };
const fileBody = {
	type: 'file',
	encoding: 'base64',
	size: 13,
	name: 'hello world.md',
	path: 'docs/hello world.md',
	content: 'SGVsbG8s\nIFdvcmxkIQ==\n',
	sha: '3d21ec53a331a6f037a91c368710b99387d012c1',
};

const p = (resource: string, operation: string, rest: INodeParameters = {}): INodeParameters => ({
	resource,
	operation,
	...rest,
});
const at = (rest: INodeParameters = {}): INodeParameters => ({
	owner: 'n8n-io',
	repo: 'n8n',
	...rest,
});

interface Case {
	title: string;
	parameters: INodeParameters;
	method: string;
	uri: string;
	/** Exact JSON body; undefined for requests without one. */
	body?: unknown;
	status?: number;
	reply: unknown;
	output: unknown[];
}

const cases: Case[] = [
	{
		title: 'repository.get',
		parameters: p('repository', 'get', at()),
		method: 'GET',
		uri: '/repos/n8n-io/n8n',
		reply: repo,
		output: [repo],
	},
	{
		title: 'repository.getManyForUser: filters in the query, the limit as per_page',
		parameters: p('repository', 'getManyForUser', {
			username: 'octocat',
			limit: 2,
			additionalFields: { type: 'all', sort: 'updated', direction: 'asc' },
		}),
		method: 'GET',
		uri: '/users/octocat/repos?type=all&sort=updated&direction=asc&per_page=2',
		reply: [repo, repo2],
		output: [repo, repo2],
	},
	{
		title: 'repository.getManyForOrg',
		parameters: p('repository', 'getManyForOrg', {
			org: 'n8n-io',
			limit: 50,
			additionalFields: { type: 'public' },
		}),
		method: 'GET',
		uri: '/orgs/n8n-io/repos?type=public&per_page=50',
		reply: [repo, repo2],
		output: [repo, repo2],
	},
	{
		title: 'repository.create: for the authenticated user',
		parameters: p('repository', 'create', {
			name: 'hello-world',
			additionalFields: {
				description: 'This is your first repo!',
				private: true,
				autoInit: true,
				gitignoreTemplate: 'Node',
			},
		}),
		method: 'POST',
		uri: '/user/repos',
		body: {
			name: 'hello-world',
			description: 'This is your first repo!',
			private: true,
			auto_init: true,
			gitignore_template: 'Node',
		},
		status: 201,
		reply: { ...repo2, name: 'hello-world' },
		output: [{ ...repo2, name: 'hello-world' }],
	},
	{
		title: 'repository.createForOrg',
		parameters: p('repository', 'createForOrg', {
			org: 'n8n-io',
			name: 'tools',
			additionalFields: { private: true, hasWiki: false },
		}),
		method: 'POST',
		uri: '/orgs/n8n-io/repos',
		body: { name: 'tools', private: true, has_wiki: false },
		status: 201,
		reply: repo3,
		output: [repo3],
	},
	{
		title: 'issue.create: lists from comma-separated fields, milestone as a number',
		parameters: p(
			'issue',
			'create',
			at({
				title: 'Found a bug',
				additionalFields: {
					body: "I'm having a problem with this.",
					assignees: 'octocat',
					labels: 'bug, ui',
					milestone: 3,
				},
			}),
		),
		method: 'POST',
		uri: '/repos/n8n-io/n8n/issues',
		body: {
			title: 'Found a bug',
			body: "I'm having a problem with this.",
			assignees: ['octocat'],
			labels: ['bug', 'ui'],
			milestone: 3,
		},
		status: 201,
		reply: issue,
		output: [issue],
	},
	{
		title: 'issue.get',
		parameters: p('issue', 'get', at({ issueNumber: 42 })),
		method: 'GET',
		uri: '/repos/n8n-io/n8n/issues/42',
		reply: issue,
		output: [issue],
	},
	{
		title: 'issue.update: close as completed, replace labels',
		parameters: p(
			'issue',
			'update',
			at({
				issueNumber: 42,
				additionalFields: { state: 'closed', stateReason: 'completed', labels: 'done' },
			}),
		),
		method: 'PATCH',
		uri: '/repos/n8n-io/n8n/issues/42',
		body: { state: 'closed', state_reason: 'completed', labels: ['done'] },
		reply: { ...issue, state: 'closed' },
		output: [{ ...issue, state: 'closed' }],
	},
	{
		title: 'issue.getMany: filters in the query',
		parameters: p(
			'issue',
			'getMany',
			at({
				limit: 50,
				additionalFields: {
					state: 'all',
					labels: 'bug,ui',
					since: '2026-01-01T00:00:00Z',
					sort: 'updated',
				},
			}),
		),
		method: 'GET',
		uri: '/repos/n8n-io/n8n/issues?state=all&labels=bug%2Cui&since=2026-01-01T00%3A00%3A00Z&sort=updated&per_page=50',
		reply: [issue],
		output: [issue],
	},
	{
		title: 'issue.createComment',
		parameters: p('issue', 'createComment', at({ issueNumber: 42, body: 'Me too' })),
		method: 'POST',
		uri: '/repos/n8n-io/n8n/issues/42/comments',
		body: { body: 'Me too' },
		status: 201,
		reply: { id: 1, body: 'Me too', user: { login: 'octocat' } },
		output: [{ id: 1, body: 'Me too', user: { login: 'octocat' } }],
	},
	{
		title: 'issue.lock: 204 becomes { locked: true }',
		parameters: p(
			'issue',
			'lock',
			at({ issueNumber: 42, additionalFields: { lockReason: 'too heated' } }),
		),
		method: 'PUT',
		uri: '/repos/n8n-io/n8n/issues/42/lock',
		body: { lock_reason: 'too heated' },
		status: 204,
		reply: '',
		output: [{ locked: true }],
	},
	{
		title: 'pullRequest.create',
		parameters: p(
			'pullRequest',
			'create',
			at({
				title: 'Amazing new feature',
				head: 'feature-x',
				base: 'master',
				additionalFields: { body: 'Please pull these awesome changes in!', draft: true },
			}),
		),
		method: 'POST',
		uri: '/repos/n8n-io/n8n/pulls',
		body: {
			title: 'Amazing new feature',
			head: 'feature-x',
			base: 'master',
			body: 'Please pull these awesome changes in!',
			draft: true,
		},
		status: 201,
		reply: pull,
		output: [pull],
	},
	{
		title: 'pullRequest.get',
		parameters: p('pullRequest', 'get', at({ pullNumber: 7 })),
		method: 'GET',
		uri: '/repos/n8n-io/n8n/pulls/7',
		reply: pull,
		output: [pull],
	},
	{
		title: 'pullRequest.getMany',
		parameters: p(
			'pullRequest',
			'getMany',
			at({ limit: 10, additionalFields: { state: 'closed', base: 'master' } }),
		),
		method: 'GET',
		uri: '/repos/n8n-io/n8n/pulls?state=closed&base=master&per_page=10',
		reply: [pull],
		output: [pull],
	},
	{
		title: 'pullRequest.merge: squash with a title and the expected head',
		parameters: p(
			'pullRequest',
			'merge',
			at({
				pullNumber: 7,
				additionalFields: {
					mergeMethod: 'squash',
					commitTitle: 'Amazing new feature (#7)',
					sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
				},
			}),
		),
		method: 'PUT',
		uri: '/repos/n8n-io/n8n/pulls/7/merge',
		body: {
			merge_method: 'squash',
			commit_title: 'Amazing new feature (#7)',
			sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
		},
		reply: {
			sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
			merged: true,
			message: 'Pull Request successfully merged',
		},
		output: [
			{
				sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
				merged: true,
				message: 'Pull Request successfully merged',
			},
		],
	},
	{
		title: 'pullRequest.createReview: approve',
		parameters: p(
			'pullRequest',
			'createReview',
			at({ pullNumber: 7, event: 'APPROVE', additionalFields: { body: 'LGTM' } }),
		),
		method: 'POST',
		uri: '/repos/n8n-io/n8n/pulls/7/reviews',
		body: { event: 'APPROVE', body: 'LGTM' },
		reply: { id: 80, state: 'APPROVED', body: 'LGTM' },
		output: [{ id: 80, state: 'APPROVED', body: 'LGTM' }],
	},
	{
		title: 'release.create',
		parameters: p(
			'release',
			'create',
			at({
				tagName: 'v1.2.0',
				additionalFields: { name: 'v1.2.0', targetCommitish: 'master', generateReleaseNotes: true },
			}),
		),
		method: 'POST',
		uri: '/repos/n8n-io/n8n/releases',
		body: {
			tag_name: 'v1.2.0',
			name: 'v1.2.0',
			target_commitish: 'master',
			generate_release_notes: true,
		},
		status: 201,
		reply: release,
		output: [release],
	},
	{
		title: 'release.getMany',
		parameters: p('release', 'getMany', at({ limit: 5 })),
		method: 'GET',
		uri: '/repos/n8n-io/n8n/releases?per_page=5',
		reply: [release],
		output: [release],
	},
	{
		title: 'file.get: each folder its own encoded segment, text decoded from base64',
		parameters: p(
			'file',
			'get',
			at({ filePath: 'docs/hello world.md', additionalFields: { ref: 'main' } }),
		),
		method: 'GET',
		uri: '/repos/n8n-io/n8n/contents/docs/hello%20world.md?ref=main',
		reply: fileBody,
		output: [{ ...fileBody, decodedContent: 'Hello, World!' }],
	},
	{
		title: 'file.get: a folder lists its entries, one item each',
		parameters: p('file', 'get', at({ filePath: '/docs/' })),
		method: 'GET',
		uri: '/repos/n8n-io/n8n/contents/docs',
		reply: [
			{ type: 'file', name: 'a.md', path: 'docs/a.md' },
			{ type: 'dir', name: 'img', path: 'docs/img' },
		],
		output: [
			{ type: 'file', name: 'a.md', path: 'docs/a.md' },
			{ type: 'dir', name: 'img', path: 'docs/img' },
		],
	},
	{
		title: 'file.createOrUpdate: text sent base64-encoded, with sha, branch and committer',
		parameters: p(
			'file',
			'createOrUpdate',
			at({
				filePath: 'docs/hello.md',
				content: 'Hello, World!',
				message: 'Update hello',
				additionalFields: {
					sha: fileBody.sha,
					branch: 'main',
					committerName: 'Monalisa Octocat',
					committerEmail: 'octocat@github.com',
				},
			}),
		),
		method: 'PUT',
		uri: '/repos/n8n-io/n8n/contents/docs/hello.md',
		body: {
			message: 'Update hello',
			content: 'SGVsbG8sIFdvcmxkIQ==',
			sha: fileBody.sha,
			branch: 'main',
			committer: { name: 'Monalisa Octocat', email: 'octocat@github.com' },
		},
		reply: {
			content: { name: 'hello.md', sha: '95b966ae1c166bd92f8ae7d1c313e738c731dfc3' },
			commit: { sha: '7638417db6d59f3c431d3e1f261cc637155684cd' },
		},
		output: [
			{
				content: { name: 'hello.md', sha: '95b966ae1c166bd92f8ae7d1c313e738c731dfc3' },
				commit: { sha: '7638417db6d59f3c431d3e1f261cc637155684cd' },
			},
		],
	},
	{
		title: 'action.dispatchWorkflow: 204 becomes { dispatched: true }',
		parameters: p(
			'action',
			'dispatchWorkflow',
			at({
				workflowId: 'ci.yml',
				ref: 'main',
				additionalFields: { inputs: '{"environment":"staging"}' },
			}),
		),
		method: 'POST',
		uri: '/repos/n8n-io/n8n/actions/workflows/ci.yml/dispatches',
		body: { ref: 'main', inputs: { environment: 'staging' } },
		status: 204,
		reply: '',
		output: [{ dispatched: true }],
	},
	{
		title: 'user.getMe',
		parameters: p('user', 'getMe'),
		method: 'GET',
		uri: '/user',
		reply: { login: 'octocat', id: 1 },
		output: [{ login: 'octocat', id: 1 }],
	},
];

describe('every operation: exact request and output', () => {
	it('covers every operation of the spec: a case here or its recorded fixture (test/conformance/operations.test.ts)', () => {
		const all = githubDefinition.spec.resources
			.flatMap((r) => r.operations.map((o) => `${r.id}.${o.id}`))
			.sort();
		const fixtures = readdirSync(join(__dirname, '..', 'fixtures', 'operations', 'github')).map(
			(f) => f.replace(/\.json$/, ''),
		);
		const tested = [
			...new Set([
				...cases.map((c) => `${c.parameters.resource}.${c.parameters.operation}`),
				...fixtures,
			]),
		].sort();
		expect(tested).toEqual(all);
	});

	it.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
		const seen = fake([c.method, c.status ?? 200, c.reply]);
		const res = await run(c.parameters);
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		const [req] = seen;
		expect(req.method).toBe(c.method);
		expect(req.uri).toBe(c.uri);
		expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(req.headers.accept).toBe('application/vnd.github+json');
		expect(req.headers['x-github-api-version']).toBe('2022-11-28');
		if (c.body !== undefined) {
			expect(req.body).toEqual(c.body);
			expect(req.headers['content-type']).toBe('application/json');
		} else if (c.method === 'GET') {
			expect(req.body).toBeUndefined();
		}
		expect(res.outputs[0]).toEqual(c.output.map((json) => ({ json, pairedItem: { item: 0 } })));
	});
});

describe('paging through Link headers', () => {
	const link = (page: number, last: number) =>
		`<${API}/organizations/1/repos?per_page=100&page=${page}>; rel="next", <${API}/organizations/1/repos?per_page=100&page=${last}>; rel="last"`;

	it('Return All follows rel="next" until there is none', async () => {
		const seen = fake(
			['GET', 200, [repo, repo2], { link: link(2, 3) }],
			['GET', 200, [repo3], { link: link(3, 3) }],
			['GET', 200, [{ ...repo, id: 4 }]],
		);
		const res = await run(p('repository', 'getManyForOrg', { org: 'n8n-io', returnAll: true }));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			'/orgs/n8n-io/repos?per_page=100',
			'/organizations/1/repos?per_page=100&page=2',
			'/organizations/1/repos?per_page=100&page=3',
		]);
		expect(res.outputs[0].map((i) => i.json.id)).toEqual([1296269, 1296270, 1296271, 4]);
	});

	it('a limit stops paging as soon as it is reached', async () => {
		const seen = fake(
			['GET', 200, [repo, repo2], { link: link(2, 3) }],
			['GET', 200, [repo3, { ...repo, id: 4 }], { link: link(3, 3) }],
		);
		const res = await run(p('repository', 'getManyForOrg', { org: 'n8n-io', limit: 3 }));
		expect(seen.map((s) => s.uri)).toEqual([
			'/orgs/n8n-io/repos?per_page=3',
			'/organizations/1/repos?per_page=100&page=2',
		]);
		expect(res.outputs[0].map((i) => i.json.id)).toEqual([1296269, 1296270, 1296271]);
	});
});

describe('lists wrapped in an object page through Link headers too', () => {
	it('workflow runs: Return All reads workflow_runs of every page', async () => {
		const next = `<${API}/repositories/1/actions/runs?per_page=100&page=2>; rel="next"`;
		const seen = fake(
			['GET', 200, { total_count: 3, workflow_runs: [{ id: 1 }, { id: 2 }] }, { link: next }],
			['GET', 200, { total_count: 3, workflow_runs: [{ id: 3 }] }],
		);
		const res = await run(p('workflowRun', 'getMany', at({ returnAll: true })));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			'/repos/n8n-io/n8n/actions/runs?per_page=100',
			'/repositories/1/actions/runs?per_page=100&page=2',
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
	});
});

describe('binary file content both ways', () => {
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

	it('File → Get with a binary field: the decoded bytes as binary data, the rest as JSON', async () => {
		const seen = fake([
			'GET',
			200,
			{
				...fileBody,
				name: 'logo.png',
				path: 'img/logo.png',
				size: 10,
				content: png.toString('base64'),
			},
		]);
		const res = await run(
			p(
				'file',
				'get',
				at({ filePath: 'img/logo.png', additionalFields: { binaryPropertyName: 'image' } }),
			),
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual(['/repos/n8n-io/n8n/contents/img/logo.png']);
		const [item] = res.outputs[0];
		expect(item.json).toEqual({
			type: 'file',
			encoding: 'base64',
			size: 10,
			name: 'logo.png',
			path: 'img/logo.png',
			sha: fileBody.sha,
		});
		expect(item.binary?.image).toMatchObject({ fileName: 'logo.png', mimeType: 'image/png' });
		expect(Buffer.from(item.binary!.image.data, 'base64')).toEqual(png);
	});

	it('a file over 1 MB (content not in the JSON answer) is fetched again as raw bytes', async () => {
		const big = Buffer.alloc(1_500_000, 7);
		const seen = fake(
			[
				'GET',
				200,
				{ ...fileBody, name: 'big.bin', encoding: 'none', content: '', size: big.length },
			],
			['GET', 200, big, { 'content-type': 'application/octet-stream' }],
		);
		const res = await run(
			p(
				'file',
				'get',
				at({ filePath: 'big.bin', additionalFields: { binaryPropertyName: 'data' } }),
			),
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.uri, s.headers.accept])).toEqual([
			['/repos/n8n-io/n8n/contents/big.bin', 'application/vnd.github+json'],
			['/repos/n8n-io/n8n/contents/big.bin', 'application/vnd.github.raw'],
		]);
		expect(Buffer.from(res.outputs[0][0].binary!.data.data, 'base64')).toEqual(big);
	});

	it('File → Create or Update From Binary: the field’s bytes base64-encoded in content', async () => {
		const seen = fake(['PUT', 201, { content: { name: 'logo.png' }, commit: { sha: 'abc' } }]);
		const res = await run(
			p(
				'file',
				'upload',
				at({ filePath: 'img/logo.png', message: 'Add logo', binaryPropertyName: 'image' }),
			),
			{
				input: [
					{
						json: {},
						binary: {
							image: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'logo.png' },
						},
					},
				],
			},
		);
		expect(res.error).toBeUndefined();
		expect(seen[0].uri).toBe('/repos/n8n-io/n8n/contents/img/logo.png');
		expect(seen[0].body).toEqual({ message: 'Add logo', content: png.toString('base64') });
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{ content: { name: 'logo.png' }, commit: { sha: 'abc' } },
		]);
	});

	it('a binary field the item does not have: a clear error, nothing sent', async () => {
		const seen = fake();
		const res = await run(
			p('file', 'upload', at({ filePath: 'a.txt', message: 'm', binaryPropertyName: 'nope' })),
		);
		expect(seen).toEqual([]);
		expect(res.error?.message).toMatch(/nope/);
	});
});

describe('workflow run logs: the archive behind GitHub’s pre-signed redirect', () => {
	const BLOB = 'https://pipelines.actions.githubusercontent.com';
	const signed = `${BLOB}/abc/_apis/pipelines/1/runs/19/signedlogcontent?urlExpires=2026-01-22T22%3A44%3A54Z&urlSigningMethod=HMACV1&urlSignature=s3cr3tS1gnature%3D`;
	const zip = Buffer.from('PK\u0003\u0004 logs');

	it('follows the 302 to the other host without the token; the ZIP becomes binary data', async () => {
		const seen = fake(['GET', 302, undefined, { location: signed }]);
		const blob: Array<Record<string, unknown>> = [];
		nock(BLOB)
			.get(/signedlogcontent/)
			.reply(function () {
				blob.push({ ...this.req.headers });
				return [200, zip, { 'content-type': 'application/zip' }];
			});
		const res = await run(p('workflowRun', 'getLogs', at({ runId: 30433642 })));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.uri, s.headers.authorization])).toEqual([
			['/repos/n8n-io/n8n/actions/runs/30433642/logs', `Bearer ${TOKEN}`],
		]);
		expect(blob).toHaveLength(1);
		expect(blob[0].authorization).toBeUndefined();
		expect(blob[0]['x-github-api-version']).toBeUndefined();
		const [item] = res.outputs[0];
		expect(item.json).toEqual({ runId: 30433642 });
		expect(item.binary?.data).toMatchObject({
			mimeType: 'application/zip',
			fileName: 'signedlogcontent',
		});
		expect(Buffer.from(item.binary!.data.data, 'base64')).toEqual(zip);
	});

	it('an expired link: the error shows neither the signature nor the token', async () => {
		fake(['GET', 302, undefined, { location: signed }]);
		nock(BLOB)
			.get(/signedlogcontent/)
			.reply(403, 'AuthenticationFailed: s3cr3tS1gnature=');
		const res = await run(p('workflowRun', 'getLogs', at({ runId: 30433642 })));
		expect(res.error).toBeDefined();
		const text = JSON.stringify(res.error);
		expect(text).not.toContain('s3cr3tS1gnature');
		expect(text).not.toContain(TOKEN);
	});
});

describe('rate limits (virtual time)', () => {
	it('primary limit spent: 403 with x-ratelimit-remaining 0 waits until x-ratelimit-reset, then retries', async () => {
		const reset = Math.floor(kit.clock.now() / 1000) + 90;
		const start = kit.clock.now();
		const seen = fake(
			[
				'GET',
				403,
				{ message: 'API rate limit exceeded for user ID 1.' },
				{
					'x-ratelimit-limit': '5000',
					'x-ratelimit-remaining': '0',
					'x-ratelimit-used': '5000',
					'x-ratelimit-reset': String(reset),
					'x-ratelimit-resource': 'core',
				},
			],
			[
				'GET',
				200,
				repo,
				{
					'x-ratelimit-limit': '5000',
					'x-ratelimit-remaining': '4999',
					'x-ratelimit-reset': String(reset + 3600),
				},
			],
		);
		const res = await run(p('repository', 'get', at()));
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(res.outputs[0][0].json).toEqual(repo);
		expect(kit.clock.now() - start).toBeGreaterThanOrEqual(90_000 - 1000);
		expect(kit.clock.now() - start).toBeLessThanOrEqual(92_000);
	});

	it('the same on 429', async () => {
		const reset = Math.floor(kit.clock.now() / 1000) + 30;
		const start = kit.clock.now();
		const seen = fake(
			[
				'GET',
				429,
				{ message: 'API rate limit exceeded' },
				{ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
			],
			['GET', 200, repo],
		);
		const res = await run(p('repository', 'get', at()));
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(kit.clock.now() - start).toBeGreaterThanOrEqual(29_000);
		expect(kit.clock.now() - start).toBeLessThanOrEqual(32_000);
	});

	it('secondary limit: 403 naming it, with retry-after, waits that long — also for a write, which was refused', async () => {
		const start = kit.clock.now();
		const seen = fake(
			[
				'POST',
				403,
				{
					message:
						'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
				},
				{ 'retry-after': '60' },
			],
			['POST', 201, issue],
		);
		const res = await run(p('issue', 'create', at({ title: 'Found a bug' })));
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(seen[1].body).toEqual({ title: 'Found a bug' });
		expect(kit.clock.now() - start).toBe(60_000);
	});

	it('a plain 403 (missing permission) is not retried and says which scopes to grant, with the request id', async () => {
		const seen = fake([
			'POST',
			403,
			{ message: 'Resource not accessible by personal access token' },
			{ 'x-ratelimit-remaining': '4990', 'x-accepted-oauth-scopes': 'repo' },
		]);
		const res = await run(p('issue', 'create', at({ title: 'Found a bug' })));
		expect(seen).toHaveLength(1);
		expect(res.error).toMatchObject({
			message: 'GitHub: 403 Forbidden – Resource not accessible by personal access token',
			httpCode: '403',
		});
		expect(res.error?.description).toContain('this operation needs the permission repo');
		expect(res.error?.context.request).toMatchObject({ requestId: 'C0DE:1' });
		expect(JSON.stringify(res.error)).not.toContain(TOKEN);
	});

	it('the policy is the documented one', () => {
		expect(githubDefinition.spec.rateLimit).toEqual({
			requests: 5000,
			windowMs: 3_600_000,
			maxConcurrency: 100,
			headers: [
				{
					format: 'fields',
					limit: 'x-ratelimit-limit',
					remaining: 'x-ratelimit-remaining',
					reset: 'x-ratelimit-reset',
					resetUnit: 'epoch-seconds',
				},
			],
			throttled: [
				{ status: [403, 429], header: { name: 'x-ratelimit-remaining', in: ['0'] } },
				{
					status: [403],
					body: { path: 'message', matches: 'secondary rate limit' },
					pauseMs: 60_000,
				},
			],
		});
	});
});

describe('fields are checked before anything is sent', () => {
	it('an owner with a slash', async () => {
		const res = await run(p('repository', 'get', { owner: 'n8n-io/n8n', repo: 'n8n' }));
		expect(res.error?.message).toBe(
			"The field 'Repository Owner' has an invalid format ('n8n-io/n8n').",
		);
	});

	it('a file path that climbs out of the repository', async () => {
		const res = await run(p('file', 'get', at({ filePath: 'docs/../../secrets' })));
		expect(res.error?.message).toBe(
			"The field 'File Path' is not a file path in the repository ('docs/../../secrets').",
		);
	});

	it('a committer name without an email', async () => {
		const res = await run(
			p(
				'file',
				'createOrUpdate',
				at({
					filePath: 'a.md',
					content: 'x',
					message: 'm',
					additionalFields: { committerName: 'Mona' },
				}),
			),
		);
		expect(res.error?.message).toBe('Committer Name and Committer Email go together.');
	});
});

describe('credentials', () => {
	it('GitHub Enterprise Server: requests go to the credential’s API URL', async () => {
		const ghe = 'https://ghe.example.com/api/v3';
		const scope = nock('https://ghe.example.com')
			.get('/api/v3/user')
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(200, { login: 'mona' });
		const res = await run(p('user', 'getMe'), {
			credentials: { apiConnGithubApi: { server: `${ghe}/`, accessToken: TOKEN } },
		});
		expect(scope.isDone()).toBe(true);
		expect(res.outputs[0][0].json).toEqual({ login: 'mona' });
	});

	it('OAuth2: the stored access token is sent', async () => {
		const scope = nock(API)
			.get('/user')
			.matchHeader('authorization', 'Bearer gho_16C7e42F292c6912E7710c838347Ae178B4a')
			.reply(200, { login: 'octocat' });
		const res = await run(p('user', 'getMe', { authentication: 'apiConnGithubOAuth2Api' }), {
			credentials: {
				apiConnGithubOAuth2Api: {
					server: API,
					clientId: 'Iv1.8a61f9b3a7aba766',
					clientSecret: 'cs-1f2e3d4c5b6a',
					oauthTokenData: {
						access_token: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
						token_type: 'bearer',
						scope: 'repo,read:user',
					},
				},
			},
		});
		expect(res.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('OAuth2: least-privilege default scopes; sign-in pages on github.com, or on the Enterprise host', () => {
		const props = new ApiConnGithubOAuth2Api().properties;
		const byName = (n: string) => props.find((x) => x.name === n)!;
		expect(byName('scope')).toMatchObject({
			type: 'string',
			default: 'repo read:user read:org gist',
		});
		expect(byName('grantType').default).toBe('authorizationCode');
		const authUrl = String(byName('authUrl').default);
		const tokenUrl = String(byName('accessTokenUrl').default);
		expect(authUrl.endsWith('/login/oauth/authorize')).toBe(true);
		expect(tokenUrl.endsWith('/login/oauth/access_token')).toBe(true);
		// The expression, evaluated as n8n does for $self = the credential's own fields.
		const evaluate = (expr: string, server: string) =>
			expr.replace(
				/^=\{\{(.*)\}\}(.*)$/,
				(_m, code: string, rest: string) =>
					String(new Function('$self', `return (${code});`)({ server })) + rest,
			);
		expect(evaluate(authUrl, 'https://api.github.com')).toBe(
			'https://github.com/login/oauth/authorize',
		);
		expect(evaluate(tokenUrl, 'https://ghe.example.com/api/v3')).toBe(
			'https://ghe.example.com/login/oauth/access_token',
		);
		expect(githubDefinition.spec.auth[1].oauth2).toEqual({
			grantType: 'authorizationCode',
			authUrl: 'https://github.com/login/oauth/authorize',
			tokenUrl: 'https://github.com/login/oauth/access_token',
			scopes: ['repo', 'read:user', 'read:org', 'gist'],
		});
	});

	it('the credential test asks GET /user', async () => {
		const scope = nock(API)
			.get('/user')
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.matchHeader('x-github-api-version', '2022-11-28')
			.reply(200, { login: 'octocat' });
		expect(
			await testCredential(new ApiConnGithubApi(), { server: API, accessToken: TOKEN }),
		).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(scope.isDone()).toBe(true);
		// n8n re-sends a 401 once (after pre-authentication) before giving up.
		nock(API).get('/user').times(2).reply(401, { message: 'Bad credentials' });
		expect(
			await testCredential(new ApiConnGithubApi(), {
				server: API,
				accessToken: 'ghp_revoked0000000000000000000000000000',
			}),
		).toEqual({
			status: 'Error',
			message:
				'GitHub rejected the token: copy it again, and check it has not expired or been revoked',
		});
	});
});

describe('the connection', () => {
	it("the first use names the connection after the account: GET /user, label from 'login'", async () => {
		useRuntime({ clock: kit.clock, random: () => 0.5, observers: [defaultConnectionsObserver()] });
		const seen = fake(['GET', 200, { login: 'octocat', id: 1 }], ['GET', 200, repo]);
		const res = await run(p('repository', 'get', at()), { workflowId: 'github-account-label' });
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.uri, s.headers.authorization])).toEqual([
			['/user', `Bearer ${TOKEN}`],
			['/repos/n8n-io/n8n', `Bearer ${TOKEN}`],
		]);
	});
});

describe('spec and description', () => {
	it('the spec is valid, with the documented request-id, account, headers and paging', () => {
		expect(validateService(githubDefinition)).toEqual([]);
		const { spec } = githubDefinition;
		expect([
			spec.requestIdHeader,
			spec.account,
			spec.headers,
			spec.pagination,
			spec.credentialTest,
		]).toEqual([
			'x-github-request-id',
			{ path: '/user', labelPath: 'login' },
			{ Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
			{ type: 'linkHeader', limitParam: 'per_page', pageSize: 100 },
			{ path: '/user' },
		]);
	});

	it('is usable as a tool, offers both connections, and lists get Return All and Limit', () => {
		const d = new Github().description;
		expect([d.name, d.displayName, d.usableAsTool, d.subtitle]).toEqual([
			'github',
			'GitHub (API Connections)',
			true,
			'={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		]);
		expect(d.icon).toEqual({ light: 'file:github.svg', dark: 'file:github.dark.svg' });
		expect(d.credentials?.map((c) => c.name)).toEqual([
			'apiConnGithubApi',
			'apiConnGithubOAuth2Api',
		]);
		const lists = d.properties
			.filter((x) => x.name === 'returnAll')
			.map(
				(x) => `${x.displayOptions?.show?.resource?.[0]}.${x.displayOptions?.show?.operation?.[0]}`,
			);
		expect(lists).toEqual([
			'repository.getManyForUser',
			'repository.getManyForOrg',
			'issue.getMany',
			'issue.getComments',
			'pullRequest.getMany',
			'pullRequest.getManyReviews',
			'release.getMany',
			'user.getIssues',
			'user.getRepositories',
			'organization.getMembers',
			'branch.getMany',
			'commit.getMany',
			'commit.getStatuses',
			'label.getMany',
			'checkRun.getManyForRef',
			'workflow.getMany',
			'workflowRun.getMany',
			'search.issues',
			'search.repositories',
			'search.code',
			'gist.getMany',
		]);
	});
});
