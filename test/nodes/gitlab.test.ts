/**
 * GitLab node: what is special about it beyond the per-operation fixtures (test/fixtures/operations/gitlab, every
 * operation's exact request and output): ids, branches and file paths as ONE encoded path segment, Link-header
 * paging, the RateLimit-* budget and 429s on virtual time, GitLab's error shapes, base64 file content to and from
 * binary data, job logs as text, the self-managed GitLab URL (the token never leaves it), OAuth2, the credential
 * test, the account label and revocation. Answers follow GitLab's REST API reference (docs.gitlab.com/api).
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { ApiConnGitlabApi } from '../../credentials/ApiConnGitlabApi.credentials';
import { ApiConnGitlabOAuth2Api } from '../../credentials/ApiConnGitlabOAuth2Api.credentials';
import { ServiceCatalog } from '../../lib/connections/catalog';
import { revokeAtProvider } from '../../lib/connections/manage';
import { createRuntime, defaultConnectionsObserver, useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { Gitlab } from '../../nodes/Gitlab/Gitlab.node';
import { gitlabDefinition, gitlabSpec } from '../../nodes/Gitlab/Gitlab.service';
import { FakeClock } from '../helpers/fake-clock';
import { revokeContext, scriptedRevokeContext, type RevokeAnswer } from '../helpers/revoke-context';
import { testCredential, type RunNodeOptions } from '../harness';
import { serviceKit, type Reply } from '../kit';

const SERVER = 'https://gitlab.com';
const TOKEN = 'glpat-example-4Hq3mR8kT2vX9cLp';
const credentials = { apiConnGitlabApi: { server: SERVER, accessToken: TOKEN } };

const kit = serviceKit({
	origin: SERVER,
	nodeTypes: [new Gitlab()],
	credentialTypes: [new ApiConnGitlabApi(), new ApiConnGitlabOAuth2Api()],
	credentials,
	replyHeaders: (n) => ({ 'x-request-id': `01JREQ${n}` }),
});

const run = (parameters: INodeParameters, extra: Partial<RunNodeOptions> = {}) =>
	kit.run('gitlab', parameters, extra);
const fake = (...replies: Reply[]) => kit.fake(...replies);
const p = (resource: string, operation: string, rest: INodeParameters = {}): INodeParameters => ({
	resource,
	operation,
	...rest,
});

const issue = {
	id: 76,
	iid: 6,
	project_id: 278964,
	title: 'Pipeline fails on main',
	state: 'opened',
};

describe('ids and names are ONE encoded path segment', () => {
	it('a namespaced project path: group%2Fsubgroup%2Fproject, exactly', async () => {
		const seen = fake(['GET', 200, issue]);
		const res = await run(p('issue', 'get', { projectId: 'group/subgroup/project', issueIid: 6 }));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri])).toEqual([
			['GET', '/api/v4/projects/group%2Fsubgroup%2Fproject/issues/6'],
		]);
	});

	it('a numeric project id stays as it is', async () => {
		const seen = fake(['GET', 200, issue]);
		await run(p('issue', 'get', { projectId: '278964', issueIid: 6 }));
		expect(seen.map((s) => s.uri)).toEqual(['/api/v4/projects/278964/issues/6']);
	});

	it('a branch with slashes, a file path with folders and a space, a tag: each one segment', async () => {
		const seen = fake(
			['GET', 200, { name: 'feature/a/b' }],
			['GET', 200, { file_name: 'a b.md', content: '' }],
			['GET', 200, { name: 'v1.0+rc.1' }],
		);
		await run(p('branch', 'get', { projectId: 'g/p', branch: 'feature/a/b' }));
		await run(p('file', 'get', { projectId: 'g/p', filePath: 'docs/x/a b.md', ref: 'main' }));
		await run(p('tag', 'get', { projectId: 'g/p', tagName: 'v1.0+rc.1' }));
		expect(seen.map((s) => s.uri)).toEqual([
			'/api/v4/projects/g%2Fp/repository/branches/feature%2Fa%2Fb',
			'/api/v4/projects/g%2Fp/repository/files/docs%2Fx%2Fa%20b.md?ref=main',
			'/api/v4/projects/g%2Fp/repository/tags/v1.0%2Brc.1',
		]);
	});

	it('a project id that would climb the path (..) is refused before anything is sent', async () => {
		const seen = fake();
		const res = await run(p('issue', 'get', { projectId: '..', issueIid: 6 }));
		expect(seen).toEqual([]);
		expect(res.error?.message).toBe(
			"The field 'projectId' is '..', which would change the URL path. Enter the resource's real id.",
		);
	});
});

describe('paging through Link headers', () => {
	const link = (query: string) => ({
		link: `<${SERVER}/api/v4/projects/g%2Fp/issues?${query}>; rel="next", <${SERVER}/api/v4/projects/g%2Fp/issues?page=1&per_page=100>; rel="first"`,
	});

	it('Return All follows rel="next" until there is none', async () => {
		const seen = fake(
			['GET', 200, [issue], { ...link('page=2&per_page=100&state=opened'), 'x-next-page': '2' }],
			['GET', 200, [{ ...issue, id: 77, iid: 7 }], { 'x-next-page': '' }],
		);
		const res = await run(
			p('issue', 'getMany', {
				projectId: 'g/p',
				returnAll: true,
				additionalFields: { state: 'opened' },
			}),
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			'/api/v4/projects/g%2Fp/issues?state=opened&per_page=100',
			'/api/v4/projects/g%2Fp/issues?page=2&per_page=100&state=opened',
		]);
		expect(res.outputs[0].map((i) => i.json.iid)).toEqual([6, 7]);
	});

	it('a limit asks for that many and stops', async () => {
		const seen = fake(['GET', 200, [issue, { ...issue, iid: 7 }], link('page=2&per_page=2')]);
		const res = await run(p('issue', 'getMany', { projectId: 'g/p', returnAll: false, limit: 2 }));
		expect(seen.map((s) => s.uri)).toEqual(['/api/v4/projects/g%2Fp/issues?per_page=2']);
		expect(res.outputs[0]).toHaveLength(2);
	});

	it('keyset paging by default where GitLab offers it; Offset for older instances', async () => {
		const seen = fake(['GET', 200, []], ['GET', 200, []]);
		await run(p('job', 'getMany', { projectId: 'g/p', returnAll: true }));
		await run(
			p('job', 'getMany', {
				projectId: 'g/p',
				returnAll: true,
				additionalFields: { pagination: 'offset' },
			}),
		);
		expect(seen.map((s) => s.uri)).toEqual([
			'/api/v4/projects/g%2Fp/jobs?pagination=keyset&per_page=100',
			'/api/v4/projects/g%2Fp/jobs?pagination=offset&per_page=100',
		]);
	});

	it('a next link to another host is refused: the token never leaves the GitLab URL', async () => {
		const seen = fake([
			'GET',
			200,
			[issue],
			{ link: '<https://evil.example/api/v4/projects/g%2Fp/issues?page=2>; rel="next"' },
		]);
		const evil = nock('https://evil.example').get(/.*/).reply(200, []);
		const res = await run(p('issue', 'getMany', { projectId: 'g/p', returnAll: true }));
		expect(seen).toHaveLength(1);
		expect(evil.isDone()).toBe(false);
		expect(res.error?.message).toContain(
			'Refusing to send the credential to https://evil.example: requests must stay on https://gitlab.com.',
		);
		expect(JSON.stringify(res.error)).not.toContain(TOKEN);
		nock.cleanAll();
	});
});

describe('rate limits (virtual time)', () => {
	it('429 with Retry-After (and RateLimit-Reset as epoch seconds) waits, then retries', async () => {
		const start = kit.clock.now();
		const reset = Math.floor(start / 1000) + 30;
		const seen = fake(
			[
				'GET',
				429,
				'Retry later\n',
				{
					'content-type': 'text/plain',
					'retry-after': '30',
					'ratelimit-limit': '2000',
					'ratelimit-observed': '2000',
					'ratelimit-remaining': '0',
					'ratelimit-reset': String(reset),
					'ratelimit-name': 'throttle_authenticated_api',
				},
			],
			['GET', 200, issue],
		);
		const res = await run(p('issue', 'get', { projectId: 'g/p', issueIid: 6 }));
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(kit.clock.now() - start).toBeGreaterThanOrEqual(30_000);
		expect(kit.clock.now() - start).toBeLessThanOrEqual(32_000);
	});

	it('RateLimit-Remaining 0 on a success: the next request waits for RateLimit-Reset', async () => {
		const start = kit.clock.now();
		const reset = Math.floor(start / 1000) + 20;
		const seen = fake(
			['GET', 200, issue, { 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) }],
			['GET', 200, issue],
		);
		await run(p('issue', 'get', { projectId: 'g/p', issueIid: 6 }));
		expect(kit.clock.now() - start).toBeLessThan(1_000);
		await run(p('issue', 'get', { projectId: 'g/p', issueIid: 6 }));
		expect(seen).toHaveLength(2);
		expect(kit.clock.now() - start).toBeGreaterThanOrEqual(19_000);
	});

	it('the policy is the documented one: 2,000/min per user, per-endpoint budgets as tiers', () => {
		expect(gitlabSpec.rateLimit).toEqual({
			requests: 2000,
			windowMs: 60_000,
			headers: [
				{
					format: 'fields',
					limit: 'ratelimit-limit',
					remaining: 'ratelimit-remaining',
					reset: 'ratelimit-reset',
					resetUnit: 'epoch-seconds',
				},
			],
			tiers: {
				jobs: { requests: 600, windowMs: 60_000 },
				projectGet: { requests: 400, windowMs: 60_000 },
				projectList: { requests: 2000, windowMs: 600_000 },
			},
		});
		const tierOf = (resource: string, op: string) =>
			gitlabSpec.resources.find((r) => r.id === resource)!.operations.find((o) => o.id === op)!
				.rateLimit?.tier;
		expect([
			tierOf('job', 'getMany'),
			tierOf('job', 'getLog'),
			tierOf('project', 'get'),
			tierOf('project', 'getMany'),
			tierOf('issue', 'get'),
		]).toEqual(['jobs', 'jobs', 'projectGet', 'projectList', undefined]);
	});
});

describe("errors in GitLab's words", () => {
	it('401: the token is not valid, not retried, the token never shown', async () => {
		const seen = fake(
			['GET', 401, { message: '401 Unauthorized' }],
			['GET', 401, { message: '401 Unauthorized' }],
		);
		const res = await run(p('issue', 'get', { projectId: 'g/p', issueIid: 6 }));
		expect(res.error?.message).toBe('GitLab: 401 Unauthorized – 401 Unauthorized');
		expect(res.error?.description).toContain('the token is not valid');
		expect(seen.length).toBeLessThanOrEqual(2);
		expect(JSON.stringify(res.error)).not.toContain(TOKEN);
	});

	it('403 insufficient_scope: names the scope the token lacks', async () => {
		const seen = fake([
			'POST',
			403,
			{
				error: 'insufficient_scope',
				error_description:
					'The request requires higher privileges than provided by the access token.',
				scope: 'api',
			},
		]);
		const res = await run(p('issue', 'create', { projectId: 'g/p', title: 'x' }));
		expect(seen).toHaveLength(1);
		expect(res.error?.message).toBe(
			'GitLab: 403 Forbidden – The request requires higher privileges than provided by the access token.',
		);
		expect(res.error?.description).toContain('the token lacks the api scope');
		expect(res.error?.description).toContain('api');
	});

	it('400 with GitLab’s field map: the error names the field', async () => {
		fake(['POST', 400, { message: { title: ["can't be blank"] } }]);
		const res = await run(p('issue', 'create', { projectId: 'g/p', title: ' ' }));
		expect(res.error?.message).toBe("GitLab: 400 Bad Request – title can't be blank");
		expect(res.error?.description).toBe(
			"The request data is invalid: the field 'title' was rejected (title can't be blank). Check the value of 'title' (type and format) against the GitLab documentation for POST /api/v4/projects/{projectId}/issues.",
		);
	});

	it('404 for a project the token may not see: says so', async () => {
		fake(['GET', 404, { message: '404 Project Not Found' }]);
		const res = await run(p('project', 'get', { projectId: 'secret/project' }));
		expect(res.error?.message).toBe('GitLab: 404 Not Found – 404 Project Not Found');
		expect(res.error?.description).toContain('read_api');
	});
});

describe('binary file content both ways', () => {
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
	const file = {
		file_name: 'logo.png',
		file_path: 'img/logo.png',
		size: 10,
		encoding: 'base64',
		ref: 'main',
		blob_id: '79f7bbd25901e8334750839545a9bd021f0e4c83',
		last_commit_id: '570e7b2abdd848b95f2f578043fc23bd6f6fd24d',
		content: png.toString('base64'),
	};

	it('File → Get with a binary field: the decoded bytes as binary data, the rest as JSON', async () => {
		const seen = fake(['GET', 200, file]);
		const res = await run(
			p('file', 'get', {
				projectId: 'g/p',
				filePath: 'img/logo.png',
				ref: 'main',
				additionalFields: { binaryPropertyName: 'image' },
			}),
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			'/api/v4/projects/g%2Fp/repository/files/img%2Flogo.png?ref=main',
		]);
		const [item] = res.outputs[0];
		const { content: _content, ...meta } = file;
		expect(item.json).toEqual(meta);
		expect(item.binary?.image).toMatchObject({ fileName: 'logo.png', mimeType: 'image/png' });
		expect(Buffer.from(item.binary!.image.data, 'base64')).toEqual(png);
	});

	it('File → Create from a binary field: its bytes base64-encoded, encoding base64', async () => {
		const seen = fake(['POST', 201, { file_path: 'img/logo.png', branch: 'main' }]);
		const res = await run(
			p('file', 'create', {
				projectId: 'g/p',
				filePath: 'img/logo.png',
				branch: 'main',
				commitMessage: 'Add logo',
				additionalFields: { binaryPropertyName: 'image' },
			}),
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
		expect(seen.map((s) => [s.method, s.uri, s.body])).toEqual([
			[
				'POST',
				'/api/v4/projects/g%2Fp/repository/files/img%2Flogo.png',
				{
					branch: 'main',
					commit_message: 'Add logo',
					encoding: 'base64',
					content: png.toString('base64'),
				},
			],
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{ file_path: 'img/logo.png', branch: 'main' },
		]);
	});

	it('a binary field the item does not have: a clear error, nothing sent', async () => {
		const seen = fake();
		const res = await run(
			p('file', 'update', {
				projectId: 'g/p',
				filePath: 'a.txt',
				branch: 'main',
				commitMessage: 'm',
				additionalFields: { binaryPropertyName: 'nope' },
			}),
		);
		expect(seen).toEqual([]);
		expect(res.error?.message).toMatch(/nope/);
	});
});

describe('credentials', () => {
	it('self-managed: requests go to the credential’s GitLab URL (with a relative URL root), PRIVATE-TOKEN', async () => {
		const scope = nock('https://git.example.org')
			.get('/gitlab/api/v4/user')
			.matchHeader('private-token', TOKEN)
			.reply(200, { id: 1, username: 'john_smith' });
		const res = await run(p('user', 'getMe'), {
			credentials: {
				apiConnGitlabApi: { server: 'https://git.example.org/gitlab/', accessToken: TOKEN },
			},
		});
		expect(res.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(res.outputs[0][0].json).toEqual({ id: 1, username: 'john_smith' });
	});

	it('a GitLab URL that is not a URL is refused before anything is sent', async () => {
		const seen = fake();
		const res = await run(p('user', 'getMe'), {
			credentials: { apiConnGitlabApi: { server: 'gitlab.example.org', accessToken: TOKEN } },
		});
		expect(seen).toEqual([]);
		expect(res.error?.message).toContain(
			"The field 'server' must be a full URL such as https://api.example.com/v1 (got 'gitlab.example.org').",
		);
	});

	it('OAuth2: the stored access token is sent as a bearer token', async () => {
		const scope = nock(SERVER)
			.get('/api/v4/user')
			.matchHeader('authorization', 'Bearer gloas-access-0001')
			.reply(200, { id: 1, username: 'john_smith' });
		const res = await run(p('user', 'getMe', { authentication: 'apiConnGitlabOAuth2Api' }), {
			credentials: {
				apiConnGitlabOAuth2Api: {
					server: SERVER,
					clientId: 'app-id-0001',
					clientSecret: 'gloas-secret-0001',
					oauthTokenData: {
						access_token: 'gloas-access-0001',
						token_type: 'Bearer',
						expires_in: 7200,
						refresh_token: 'gloas-refresh-0001',
						scope: 'api read_api',
						created_at: Math.floor(Date.now() / 1000),
					},
				},
			},
		});
		expect(res.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('OAuth2: default scopes api read_api; sign-in pages on gitlab.com or the self-managed host', () => {
		const props = new ApiConnGitlabOAuth2Api().properties;
		const byName = (n: string) => props.find((x) => x.name === n)!;
		expect(byName('scope').default).toBe('api read_api');
		expect(byName('grantType').default).toBe('authorizationCode');
		const evaluate = (expr: string, server: string) =>
			expr.replace(
				/^=\{\{(.*)\}\}(.*)$/,
				(_m, code: string, rest: string) =>
					String(new Function('$self', `return (${code});`)({ server })) + rest,
			);
		const authUrl = String(byName('authUrl').default);
		const tokenUrl = String(byName('accessTokenUrl').default);
		expect(evaluate(authUrl, 'https://gitlab.com')).toBe('https://gitlab.com/oauth/authorize');
		expect(evaluate(tokenUrl, 'https://git.example.org/gitlab/')).toBe(
			'https://git.example.org/gitlab/oauth/token',
		);
		expect(gitlabSpec.auth[1].oauth2).toEqual({
			grantType: 'authorizationCode',
			authUrl: 'https://gitlab.com/oauth/authorize',
			tokenUrl: 'https://gitlab.com/oauth/token',
			scopes: ['api', 'read_api'],
		});
	});

	it('the credential test asks GET /api/v4/user with PRIVATE-TOKEN, and words a 401', async () => {
		const scope = nock(SERVER)
			.get('/api/v4/user')
			.matchHeader('private-token', TOKEN)
			.reply(200, { id: 1, username: 'john_smith' });
		expect(
			await testCredential(new ApiConnGitlabApi(), { server: SERVER, accessToken: TOKEN }),
		).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(scope.isDone()).toBe(true);
		nock(SERVER).get('/api/v4/user').times(2).reply(401, { message: '401 Unauthorized' });
		expect(
			await testCredential(new ApiConnGitlabApi(), {
				server: SERVER,
				accessToken: 'glpat-revoked',
			}),
		).toEqual({
			status: 'Error',
			message:
				'GitLab rejected the token: copy it again, and check it has not expired or been revoked, and that it belongs to this GitLab URL',
		});
	});
});

describe('the connection', () => {
	it("the first use names the connection after the account: GET /api/v4/user, label from 'username'", async () => {
		useRuntime({ clock: kit.clock, random: () => 0.5, observers: [defaultConnectionsObserver()] });
		const seen = fake(['GET', 200, { id: 1, username: 'john_smith' }], ['GET', 200, issue]);
		const res = await run(p('issue', 'get', { projectId: 'g/p', issueIid: 6 }), {
			workflowId: 'gitlab-account-label',
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.uri, s.headers['private-token']])).toEqual([
			['/api/v4/user', TOKEN],
			['/api/v4/projects/g%2Fp/issues/6', TOKEN],
		]);
	});

	it('Disconnect revokes an OAuth token at the instance’s /oauth/revoke (RFC 7009)', async () => {
		const { fn, calls } = revokeContext({
			server: 'https://git.example.org',
			clientId: 'app-id-0001',
			clientSecret: 'gloas-secret-0001',
			authentication: 'header',
			oauthTokenData: { access_token: 'gloas-access-0001', refresh_token: 'gloas-refresh-0001' },
		});
		const rt = createRuntime({
			observers: [],
			clock: new FakeClock(Date.UTC(2026, 11, 3)),
			random: () => 0.5,
			services: [gitlabSpec],
		});
		const info = new ServiceCatalog([gitlabSpec]).get('gitlab')!;
		expect(await revokeAtProvider(rt, fn, 0, info, 'apiConnGitlabOAuth2Api')).toEqual({
			revoked: true,
			message: 'Revoked at GitLab (200).',
		});
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({
			method: 'POST',
			url: 'https://git.example.org/oauth/revoke',
			body: 'token=gloas-refresh-0001&token_type_hint=refresh_token',
		});
		expect(calls[0].headers).toMatchObject({
			Authorization: `Basic ${Buffer.from('app-id-0001:gloas-secret-0001').toString('base64')}`,
		});
	});

	describe('Disconnect revokes an access token with DELETE /api/v4/personal_access_tokens/self', () => {
		const PAT = 'glpat-Rv0kEmE0000000000001';
		const info = new ServiceCatalog([gitlabSpec]).get('gitlab')!;
		const rt = () =>
			createRuntime({
				observers: [],
				clock: new FakeClock(Date.UTC(2026, 11, 3)),
				random: () => 0.5,
				services: [gitlabSpec],
			});
		const context = (answers: RevokeAnswer[]) =>
			scriptedRevokeContext({ server: 'https://example.com/gitlab/', accessToken: PAT }, answers);

		it('on the self-managed URL (relative root kept), signed with the token itself, no body; 204 is revoked', async () => {
			const { fn, calls } = context([{ statusCode: 204, body: '' }]);
			expect(await revokeAtProvider(rt(), fn, 0, info, 'apiConnGitlabApi')).toEqual({
				revoked: true,
				message: 'Revoked at GitLab (204).',
			});
			expect(calls).toHaveLength(1);
			// Signed by n8n with the credential (its PRIVATE-TOKEN header), not by a token put in the request.
			expect(calls[0].type).toBe('apiConnGitlabApi');
			expect(calls[0].options).toMatchObject({
				method: 'DELETE',
				url: 'https://example.com/gitlab/api/v4/personal_access_tokens/self',
			});
			expect(calls[0].options.body).toBeUndefined();
			expect(calls[0].options.qs ?? {}).toEqual({});
			expect(JSON.stringify(calls[0].options)).not.toContain(PAT);
		});

		it('a token GitLab no longer accepts (401) is not revoked, and the message names no secret', async () => {
			const { fn, calls } = context([
				{ statusCode: 401, body: { message: '401 Unauthorized' } },
				{ statusCode: 401, body: { message: '401 Unauthorized' } },
			]);
			const r = await revokeAtProvider(rt(), fn, 0, info, 'apiConnGitlabApi');
			expect(r.revoked).toBe(false);
			expect(r.message).toMatch(/^Revoking at GitLab failed: /);
			expect(r.message).not.toContain(PAT);
			expect(calls[0].options.url).toBe(
				'https://example.com/gitlab/api/v4/personal_access_tokens/self',
			);
		});

		it('the OAuth2 credential still goes to /oauth/revoke: each credential type has its own request', () => {
			expect(info.revoke.map((r) => [r.method, r.path, r.credentialTypes])).toEqual([
				['POST', '/oauth/revoke', ['apiConnGitlabOAuth2Api']],
				['DELETE', '/api/v4/personal_access_tokens/self', ['apiConnGitlabApi']],
			]);
		});
	});
});

describe('job logs and pipelines', () => {
	it('Job → Get Log: the trace as text in "log"', async () => {
		const seen = fake([
			'GET',
			200,
			'\u001b[32mJob succeeded\u001b[0m\n',
			{ 'content-type': 'text/plain' },
		]);
		const res = await run(p('job', 'getLog', { projectId: 'g/p', jobId: 7 }));
		expect(seen.map((s) => s.uri)).toEqual(['/api/v4/projects/g%2Fp/jobs/7/trace']);
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{ jobId: 7, log: '\u001b[32mJob succeeded\u001b[0m\n' },
		]);
	});

	it('Pipeline → Create without variables sends only the ref', async () => {
		const seen = fake(['POST', 201, { id: 61, status: 'pending' }]);
		await run(p('pipeline', 'create', { projectId: 'g/p', ref: 'release/1.2' }));
		expect(seen.map((s) => [s.uri, s.body])).toEqual([
			['/api/v4/projects/g%2Fp/pipeline', { ref: 'release/1.2' }],
		]);
	});
});

describe('Custom Request', () => {
	it('any /api/v4 path of the GitLab URL through the connection (self-managed host, PRIVATE-TOKEN)', async () => {
		const scope = nock('https://git.example.org', { reqheaders: { 'private-token': TOKEN } })
			.post('/api/v4/projects/42/labels', { name: 'triage', color: '#FF0000' })
			.reply(201, { id: 7, name: 'triage', color: '#FF0000' });
		const res = await run(
			{
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'POST',
				requestPath: '/api/v4/projects/42/labels',
				requestBody: '{"name": "triage", "color": "#FF0000"}',
			},
			{
				credentials: {
					apiConnGitlabApi: { server: 'https://git.example.org', accessToken: TOKEN },
				},
			},
		);
		expect(res.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{ id: 7, name: 'triage', color: '#FF0000' },
		]);
	});
});

describe('spec and description', () => {
	it('the spec is valid, with the documented request id, account, paging and test request', () => {
		expect(validateService(gitlabDefinition)).toEqual([]);
		expect([
			gitlabSpec.baseUrl,
			gitlabSpec.requestIdHeader,
			gitlabSpec.account,
			gitlabSpec.pagination,
			gitlabSpec.credentialTest,
		]).toEqual([
			'{server}',
			'x-request-id',
			{ path: '/api/v4/user', labelPath: 'username' },
			{ type: 'linkHeader', limitParam: 'per_page', pageSize: 100 },
			{ path: '/api/v4/user' },
		]);
	});

	it('usable as a tool, both connections offered, every list has Return All and Limit', () => {
		const d = new Gitlab().description;
		expect(d.usableAsTool).toBe(true);
		expect(d.credentials?.map((c) => c.name)).toEqual([
			'apiConnGitlabApi',
			'apiConnGitlabOAuth2Api',
		]);
		const lists = gitlabSpec.resources.flatMap((r) =>
			r.operations.filter((o) => o.paginate).map((o) => `${r.id}.${o.id}`),
		);
		expect(lists).toHaveLength(15);
		for (const name of ['returnAll', 'limit'])
			expect(d.properties.filter((x) => x.name === name).length).toBe(lists.length);
	});
});
