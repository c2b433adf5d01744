/**
 * What is special about Jira beyond the per-operation fixtures (test/fixtures/operations/jira): its
 * `{errorMessages, errors{field}}` answers in Jira's words with the rejected fields named, the enhanced search's
 * `nextPageToken` paging and `startAt` paging, waiting out 429 `Retry-After` and `X-RateLimit-Reset` (an ISO
 * date), the OAuth 2.0 (3LO) gateway URL with the cloud id, the refresh at auth.atlassian.com that keeps the
 * rotated refresh token, credentials kept on their own origin, and plain text as Atlassian Document Format.
 */
import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnJiraApi } from '../../credentials/ApiConnJiraApi.credentials';
import { ApiConnJiraDataCenterApi } from '../../credentials/ApiConnJiraDataCenterApi.credentials';
import { ApiConnJiraOAuth2Api } from '../../credentials/ApiConnJiraOAuth2Api.credentials';
import { clearDiscoveredBaseUrls } from '../../lib/execution/discovery';
import { useRuntime } from '../../lib/runtime';
import { freshObserver } from '../unit/connections/fixtures';
import { validateService } from '../../lib/spec/schema';
import { Jira } from '../../nodes/Jira/Jira.node';
import { toAdf } from '../../nodes/Jira/Jira.hooks';
import { jiraDefinition } from '../../nodes/Jira/Jira.service';
import { serviceKit } from '../kit';

const SITE = 'https://acme-dev.atlassian.net';
const CLOUD = '35273b54-3f06-40d2-880f-dd28cf8daafa';
const token = { apiUrl: SITE, email: 'ops@acme.example', apiToken: 'ATATT3xFfGF0T4JdemoToken7c2e' };
const BASIC = `Basic ${Buffer.from('ops@acme.example:ATATT3xFfGF0T4JdemoToken7c2e').toString('base64')}`;
const oauth = {
	clientId: 'QJ8oU2xWQmD4fXmN',
	clientSecret: 'ATOAjira-client-secret-9f1e',
	cloudId: CLOUD,
	apiUrl: `https://api.atlassian.com/ex/jira/${CLOUD}`,
	authentication: 'body',
	accessTokenUrl: 'https://auth.atlassian.com/oauth/token',
	oauthTokenData: {
		access_token: 'jira-access-1',
		token_type: 'Bearer',
		refresh_token: 'jira-refresh-1',
		expires_in: 3600,
	},
};
const DC = 'https://jira.example.com';
const dataCenter = { apiUrl: `${DC}/jira`, accessToken: 'NjU0OTk3ODk5MTQ2OpatDemoToken' };
const credentialTypes = [
	new ApiConnJiraApi(),
	new ApiConnJiraOAuth2Api(),
	new ApiConnJiraDataCenterApi(),
];
const kit = serviceKit({
	origin: SITE,
	nodeTypes: [new Jira()],
	credentialTypes,
	credentials: {
		apiConnJiraApi: token,
		apiConnJiraOAuth2Api: oauth,
		apiConnJiraDataCenterApi: dataCenter,
	},
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('jira', parameters as never, extra);
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);

const issue = (key: string) => ({ id: key.replace(/\D/g, ''), key, fields: { summary: key } });

describe('Jira', () => {
	it('the spec is valid, names the account by e-mail (GET /rest/api/3/myself) and asks the five 3LO scopes', () => {
		expect(validateService(jiraDefinition)).toEqual([]);
		expect(jiraDefinition.spec.account).toEqual({
			path: '/rest/api/3/myself',
			labelPath: 'emailAddress',
		});
		const props = new ApiConnJiraOAuth2Api().properties;
		expect(props.find((p) => p.name === 'scope')?.default).toBe(
			'read:jira-work write:jira-work read:jira-user manage:jira-webhook offline_access',
		);
		expect(props.find((p) => p.name === 'authUrl')?.default).toBe(
			'https://auth.atlassian.com/authorize',
		);
		expect(props.find((p) => p.name === 'accessTokenUrl')?.default).toBe(
			'https://auth.atlassian.com/oauth/token',
		);
		expect(props.find((p) => p.name === 'authQueryParameters')?.default).toBe(
			'audience=api.atlassian.com&prompt=consent',
		);
		// The gateway: the site's /ex/jira/{cloudId} is added once accessible-resources names it.
		expect(props.find((p) => p.name === 'apiUrl')?.default).toBe('https://api.atlassian.com');
		expect(jiraDefinition.spec.auth[2].baseUrlDiscovery).toEqual({
			url: 'https://api.atlassian.com/oauth/token/accessible-resources',
			valuePath: 'id',
			matchPath: 'url',
			matchField: 'siteUrl',
			matchFieldName: 'Site URL',
			valueField: 'cloudId',
			noun: 'Jira site',
			baseUrl: 'https://api.atlassian.com/ex/jira/{value}',
		});
	});

	describe("errors in Jira's words", () => {
		it('400 with errors{field}: the rejected fields with their messages, the first one named', async () => {
			kit.fake([
				'POST',
				400,
				{
					errorMessages: [],
					errors: {
						summary: 'You must specify a summary of the issue.',
						issuetype: 'Specify an issue type',
					},
				},
			]);
			const { error } = await run({
				resource: 'issue',
				operation: 'create',
				projectKey: 'ED',
				issueType: 'Nope',
				summary: ' ',
			});
			expect(error?.message).toBe(
				'Jira: 400 Bad Request – summary You must specify a summary of the issue.; issuetype Specify an issue type',
			);
			expect(error?.description).toContain("the field 'summary' was rejected");
		});

		it("404 with errorMessages: Jira's sentence and the issue key", async () => {
			kit.fake([
				'GET',
				404,
				{
					errorMessages: ['Issue does not exist or you do not have permission to see it.'],
					errors: {},
				},
			]);
			const { error } = await run({ resource: 'issue', operation: 'get', issueIdOrKey: 'ED-404' });
			expect(error?.message).toBe(
				'Jira: 404 Not Found – Issue does not exist or you do not have permission to see it.',
			);
			expect(error?.description).toContain("issueIdOrKey 'ED-404'");
		});

		it('401: reconnect, and the API token is in neither message nor description', async () => {
			const denied = {
				errorMessages: ['Client must be authenticated to access this resource.'],
				errors: {},
			};
			const seen = kit.fake(['GET', 401, denied], ['GET', 401, denied]);
			const { error } = await run({ resource: 'user', operation: 'getMe' });
			expect(seen.map((s) => s.headers.authorization)).toEqual([BASIC, BASIC]);
			expect(error?.message).toBe(
				'Jira: 401 Unauthorized – Client must be authenticated to access this resource.',
			);
			expect(error?.description).toContain('Reconnect');
			expect(JSON.stringify(error)).not.toContain('ATATT3xFfGF0T4JdemoToken7c2e');
			expect(JSON.stringify(error)).not.toContain(BASIC.slice(6));
		});

		it('403 "scope does not match" (OAuth 2.0): names the scopes the operation needs', async () => {
			const api = nock('https://api.atlassian.com')
				.delete(`/ex/jira/${CLOUD}/rest/api/3/issue/ED-1`)
				.reply(403, { code: 401, message: 'Unauthorized; scope does not match' });
			const { error } = await run({
				authentication: 'apiConnJiraOAuth2Api',
				resource: 'issue',
				operation: 'delete',
				issueIdOrKey: 'ED-1',
			});
			expect(api.isDone()).toBe(true);
			expect(error?.message).toBe('Jira: 403 Forbidden – Unauthorized; scope does not match');
			expect(error?.description).toContain('write:jira-work');
		});
	});

	describe('lists Jira answers whole (transitions, components, versions, watchers), from node version 2', () => {
		// More than Limit's default (50): a version 1 workflow, saved without the fields, must still get all.
		const versions = Array.from({ length: 60 }, (_, n) => ({
			id: String(10000 + n),
			name: `v${n}`,
		}));
		const list = { resource: 'project', operation: 'getVersions', projectIdOrKey: 'ED' };

		it('version 2: Limit keeps the first versions of the one answer, Return All every one; version 1: all 60', async () => {
			const seen = kit.fake(...Array(3).fill(['GET', 200, versions]));
			const limited = await run({ ...list, returnAll: false, limit: 2 });
			const all = await run({ ...list, returnAll: true });
			const v1 = await kit.run('jira', list as never, {
				node: { type: 'jira', typeVersion: 1, parameters: list as never },
			});
			expect(seen.map((s) => [s.method, s.uri])).toEqual(
				Array(3).fill(['GET', '/rest/api/3/project/ED/versions']),
			);
			expect(json(limited)).toEqual(versions.slice(0, 2));
			expect(json(all)).toEqual(versions);
			expect(json(v1)).toEqual(versions);
		});

		it('Limit keeps the first transitions and watchers of the answer, asking Jira nothing more', async () => {
			const seen = kit.fake(
				[
					'GET',
					200,
					{
						transitions: [
							{ id: '11', name: 'To Do' },
							{ id: '21', name: 'In Progress' },
							{ id: '31', name: 'Done' },
						],
					},
				],
				[
					'GET',
					200,
					{
						isWatching: false,
						watchCount: 2,
						watchers: [{ accountId: 'a-1' }, { accountId: 'a-2' }],
					},
				],
			);
			const transitions = await run({
				resource: 'issue',
				operation: 'getTransitions',
				issueIdOrKey: 'ED-1',
				returnAll: false,
				limit: 2,
			});
			const watchers = await run({
				resource: 'watcher',
				operation: 'getMany',
				issueIdOrKey: 'ED-1',
				returnAll: false,
				limit: 1,
			});
			expect(seen.map((s) => s.uri)).toEqual([
				'/rest/api/3/issue/ED-1/transitions',
				'/rest/api/3/issue/ED-1/watchers',
			]);
			expect(json(transitions)).toEqual([
				{ id: '11', name: 'To Do' },
				{ id: '21', name: 'In Progress' },
			]);
			expect(json(watchers)).toEqual([{ accountId: 'a-1' }]);
		});
	});

	describe('paging', () => {
		it('the enhanced JQL search follows nextPageToken until Jira gives none (Return All)', async () => {
			const seen = kit.fake(
				[
					'GET',
					200,
					{ issues: [issue('ED-1'), issue('ED-2')], nextPageToken: 'CAEaAggC', isLast: false },
				],
				['GET', 200, { issues: [issue('ED-3')], isLast: true }],
			);
			const res = await run({
				resource: 'issue',
				operation: 'search',
				jql: 'project = ED',
				returnAll: true,
			});
			expect(json(res).map((i) => i.key)).toEqual(['ED-1', 'ED-2', 'ED-3']);
			expect(seen.map((s) => s.uri)).toEqual([
				'/rest/api/3/search/jql?jql=project%20%3D%20ED&maxResults=100',
				'/rest/api/3/search/jql?jql=project%20%3D%20ED&maxResults=100&nextPageToken=CAEaAggC',
			]);
			expect(seen[0].headers.authorization).toBe(BASIC);
		});

		it('startAt paging: comments page by page until a short page', async () => {
			const comment = (id: string) => ({ id, body: toAdf(`c${id}`) });
			const full = Array.from({ length: 100 }, (_, i) => comment(String(i + 1)));
			const seen = kit.fake(
				['GET', 200, { startAt: 0, maxResults: 100, total: 101, comments: full }],
				['GET', 200, { startAt: 100, maxResults: 100, total: 101, comments: [comment('101')] }],
			);
			const res = await run({
				resource: 'comment',
				operation: 'getMany',
				issueIdOrKey: 'ED-1',
				returnAll: true,
			});
			expect(res.outputs[0]).toHaveLength(101);
			expect(seen.map((s) => s.uri)).toEqual([
				'/rest/api/3/issue/ED-1/comment?startAt=0&maxResults=100',
				'/rest/api/3/issue/ED-1/comment?startAt=100&maxResults=100',
			]);
		});
	});

	describe('rate limits', () => {
		it('a 429 waits Retry-After (seconds) and is sent again', async () => {
			const start = kit.clock.now();
			const seen = kit.fake(
				[
					'GET',
					429,
					{ errorMessages: ['Rate limit exceeded.'], errors: {} },
					{ 'retry-after': '7', 'ratelimit-reason': 'jira-burst-based' },
				],
				['GET', 200, issue('ED-1')],
			);
			const res = await run({ resource: 'issue', operation: 'get', issueIdOrKey: 'ED-1' });
			expect(res.error).toBeUndefined();
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(7_000);
			expect(kit.clock.now() - start).toBeLessThan(9_000);
		});

		it('a 429 without Retry-After waits until X-RateLimit-Reset, an ISO 8601 time (yyyy-MM-ddTHH:mmZ)', async () => {
			const start = kit.clock.now();
			const reset = new Date(start + 120_000).toISOString().replace(/:\d\d\.\d+Z$/, 'Z');
			const seen = kit.fake(
				[
					'GET',
					429,
					{ errorMessages: ['Rate limit exceeded.'], errors: {} },
					{ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
				],
				['GET', 200, issue('ED-1')],
			);
			const res = await run({ resource: 'issue', operation: 'get', issueIdOrKey: 'ED-1' });
			expect(res.error).toBeUndefined();
			expect(seen).toHaveLength(2);
			expect(kit.clock.now()).toBeGreaterThanOrEqual(Date.parse(reset));
			expect(kit.clock.now() - start).toBeLessThanOrEqual(125_000);
		});
	});

	describe('OAuth 2.0 (3LO)', () => {
		it('requests go to the gateway with the cloud id and the Bearer token', async () => {
			const api = nock('https://api.atlassian.com', {
				reqheaders: { authorization: 'Bearer jira-access-1' },
			})
				.get(`/ex/jira/${CLOUD}/rest/api/3/issue/ED-1`)
				.reply(200, issue('ED-1'));
			const res = await run({
				authentication: 'apiConnJiraOAuth2Api',
				resource: 'issue',
				operation: 'get',
				issueIdOrKey: 'ED-1',
			});
			expect(api.isDone()).toBe(true);
			expect(json(res)).toEqual([issue('ED-1')]);
		});

		it('an expired token is refreshed at auth.atlassian.com and the rotated refresh token is kept', async () => {
			let refreshBody = '';
			const api = nock('https://api.atlassian.com')
				.get(`/ex/jira/${CLOUD}/rest/api/3/myself`)
				.reply(401, { code: 401, message: 'Unauthorized' })
				.get(`/ex/jira/${CLOUD}/rest/api/3/myself`)
				.matchHeader('authorization', 'Bearer jira-access-2')
				.reply(200, { accountId: '5b10a2844c20165700ede21g', emailAddress: 'mia@example.com' });
			const auth = nock('https://auth.atlassian.com')
				.post('/oauth/token', (body: unknown) => {
					refreshBody =
						typeof body === 'string'
							? body
							: new URLSearchParams(body as Record<string, string>).toString();
					return true;
				})
				.reply(200, {
					access_token: 'jira-access-2',
					refresh_token: 'jira-refresh-2',
					expires_in: 3600,
					token_type: 'Bearer',
					scope: 'read:jira-work write:jira-work read:jira-user manage:jira-webhook offline_access',
				});
			const res = await run({
				authentication: 'apiConnJiraOAuth2Api',
				resource: 'user',
				operation: 'getMe',
			});
			expect(res.error).toBeUndefined();
			expect(api.isDone() && auth.isDone()).toBe(true);
			expect(Object.fromEntries(new URLSearchParams(refreshBody))).toMatchObject({
				grant_type: 'refresh_token',
				refresh_token: 'jira-refresh-1',
				client_id: 'QJ8oU2xWQmD4fXmN',
				client_secret: 'ATOAjira-client-secret-9f1e',
			});
			const saved = res.credentialUpdates.at(-1)?.data.oauthTokenData as Record<string, unknown>;
			expect(saved).toMatchObject({
				access_token: 'jira-access-2',
				refresh_token: 'jira-refresh-2',
			});
		});

		describe('the cloud id, found after connecting (accessible-resources)', () => {
			const OTHER = 'a436116f-02ce-4520-8fbb-7301462a1674';
			const site = (id: string, name: string) => ({
				id,
				url: `https://${name}.atlassian.net`,
				name,
				scopes: ['read:jira-work', 'write:jira-work'],
				avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png',
			});
			const { cloudId: _pasted, ...connected } = oauth;
			const withSite = (siteUrl?: string) => ({
				credentials: {
					apiConnJiraOAuth2Api: {
						...connected,
						apiUrl: 'https://api.atlassian.com',
						...(siteUrl === undefined ? {} : { siteUrl }),
					},
				},
			});
			const getIssue = {
				authentication: 'apiConnJiraOAuth2Api',
				resource: 'issue',
				operation: 'get',
				issueIdOrKey: 'ED-1',
			};
			beforeEach(() => clearDiscoveredBaseUrls());

			it('one site: its id is looked up once with the Bearer token, then every request goes to /ex/jira/{id}', async () => {
				const api = nock('https://api.atlassian.com', {
					reqheaders: { authorization: 'Bearer jira-access-1' },
				})
					.get('/oauth/token/accessible-resources')
					.once()
					.reply(200, [site(CLOUD, 'acme-dev')])
					.get(`/ex/jira/${CLOUD}/rest/api/3/issue/ED-1`)
					.twice()
					.reply(200, issue('ED-1'));
				const first = await run(getIssue, withSite());
				const second = await run(getIssue, withSite());
				expect(api.isDone()).toBe(true);
				expect(json(first)).toEqual([issue('ED-1')]);
				expect(json(second)).toEqual([issue('ED-1')]);
			});

			it('several sites: the one matching Site URL (host only, any case) is used', async () => {
				const api = nock('https://api.atlassian.com')
					.get('/oauth/token/accessible-resources')
					.reply(200, [site(OTHER, 'acme-ops'), site(CLOUD, 'acme-dev')])
					.get(`/ex/jira/${CLOUD}/rest/api/3/issue/ED-1`)
					.reply(200, issue('ED-1'));
				const res = await run(getIssue, withSite('ACME-DEV.atlassian.net/'));
				expect(api.isDone()).toBe(true);
				expect(json(res)).toEqual([issue('ED-1')]);
			});

			it('several sites and no Site URL: refused before any Jira request, naming the sites and the fix', async () => {
				const api = nock('https://api.atlassian.com')
					.get('/oauth/token/accessible-resources')
					.reply(200, [site(OTHER, 'acme-ops'), site(CLOUD, 'acme-dev')]);
				const { error } = await run(getIssue, withSite());
				expect(api.isDone()).toBe(true);
				expect(error?.message).toBe('The connection reaches 2 Jira sites and none is chosen.');
				expect(error?.description).toBe(
					"It reaches https://acme-ops.atlassian.net, https://acme-dev.atlassian.net. Put the one to use into the credential's Site URL.",
				);
			});

			it('no site granted, or Site URL names a site not granted: the cause and the fix', async () => {
				nock('https://api.atlassian.com').get('/oauth/token/accessible-resources').reply(200, []);
				const none = await run(getIssue, withSite());
				expect(none.error?.message).toBe('The connection reaches no Jira site.');
				expect(none.error?.description).toBe(
					'The token was granted no Jira site. Connect the credential again and pick the Jira site when asked.',
				);
				nock('https://api.atlassian.com')
					.get('/oauth/token/accessible-resources')
					.reply(200, [site(CLOUD, 'acme-dev')]);
				const other = await run(getIssue, withSite('https://globex.atlassian.net'));
				expect(other.error?.message).toBe(
					'The connection was not granted the Jira site https://globex.atlassian.net.',
				);
				expect(other.error?.description).toBe(
					"It reaches https://acme-dev.atlassian.net. Put one of them into the credential's Site URL, or connect again and grant https://globex.atlassian.net.",
				);
				expect(nock.pendingMocks()).toEqual([]);
			});

			it('Get Accessible Sites lists every site even when several are granted and none is chosen', async () => {
				const sites = [site(OTHER, 'acme-ops'), site(CLOUD, 'acme-dev')];
				const api = nock('https://api.atlassian.com')
					.get('/oauth/token/accessible-resources')
					.reply(200, sites);
				const res = await run(
					{ authentication: 'apiConnJiraOAuth2Api', resource: 'site', operation: 'getAccessible' },
					withSite(),
				);
				expect(api.isDone()).toBe(true);
				expect(json(res)).toEqual(sites);
			});
		});

		it('Get Accessible Sites with an API token is refused before any request (the token stays on its site)', async () => {
			const seen = kit.fake();
			const { error } = await run({ resource: 'site', operation: 'getAccessible' });
			expect(seen).toEqual([]);
			expect(error?.message).toBe(
				'Get Accessible Sites works with the Jira OAuth2 credential only.',
			);
		});
	});

	describe('Jira Data Center (personal access token, REST API v2)', () => {
		const dc = { authentication: 'apiConnJiraDataCenterApi' };
		const headers = { reqheaders: { authorization: 'Bearer NjU0OTk3ODk5MTQ2OpatDemoToken' } };

		it('the credential sends the token as Bearer and tests GET /rest/api/2/myself on the base URL', () => {
			const cred = new ApiConnJiraDataCenterApi();
			expect(cred.authenticate).toEqual({
				type: 'generic',
				properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
			});
			expect(cred.test.request).toEqual({
				baseURL: '={{$credentials.apiUrl.replace(/\\/+$/, "")}}',
				url: '/rest/api/2/myself',
			});
			expect(jiraDefinition.spec.auth.find((a) => a.credentialType === cred.name)).toEqual({
				kind: 'bearer',
				credentialType: 'apiConnJiraDataCenterApi',
				displayName: 'Data Center Personal Access Token',
				pathPrefix: { from: '/rest/api/3/', to: '/rest/api/2/' },
			});
		});

		it('Issue → Create goes to /rest/api/2/issue under the context path, with the description as plain text', async () => {
			const api = nock(DC, headers)
				.post('/jira/rest/api/2/issue', {
					fields: {
						project: { key: 'ED' },
						issuetype: { name: 'Bug' },
						summary: 'Checkout fails',
						description: 'Steps:\n1. Pay\n\nExpected: receipt',
					},
				})
				.reply(201, { id: '10002', key: 'ED-2', self: `${DC}/jira/rest/api/2/issue/10002` });
			const res = await run({
				...dc,
				resource: 'issue',
				operation: 'create',
				projectKey: 'ED',
				issueType: 'Bug',
				summary: 'Checkout fails',
				additionalFields: { description: 'Steps:\n1. Pay\n\nExpected: receipt' },
			});
			expect(res.error).toBeUndefined();
			expect(api.isDone()).toBe(true);
			expect(json(res)).toEqual([
				{ id: '10002', key: 'ED-2', self: `${DC}/jira/rest/api/2/issue/10002` },
			]);
		});

		it('Comment → Add sends the text as it is (no ADF)', async () => {
			const api = nock(DC, headers)
				.post('/jira/rest/api/2/issue/ED-1/comment', { body: 'Fixed in *1.4.2*' })
				.reply(201, { id: '10100', body: 'Fixed in *1.4.2*' });
			const res = await run({
				...dc,
				resource: 'comment',
				operation: 'add',
				issueIdOrKey: 'ED-1',
				body: 'Fixed in *1.4.2*',
			});
			expect(api.isDone()).toBe(true);
			expect(json(res)).toEqual([{ id: '10100', body: 'Fixed in *1.4.2*' }]);
		});

		it('Issue → Search uses GET /rest/api/2/search with startAt paging (Data Center has no /search/jql)', async () => {
			const full = Array.from({ length: 100 }, (_, n) => issue(`ED-${n + 1}`));
			const api = nock(DC, headers)
				.get('/jira/rest/api/2/search')
				.query({ jql: 'project = ED', startAt: '0', maxResults: '100' })
				.reply(200, { startAt: 0, maxResults: 100, total: 101, issues: full })
				.get('/jira/rest/api/2/search')
				.query({ jql: 'project = ED', startAt: '100', maxResults: '100' })
				.reply(200, { startAt: 100, maxResults: 100, total: 101, issues: [issue('ED-101')] });
			const res = await run({
				...dc,
				resource: 'issue',
				operation: 'search',
				jql: 'project = ED',
				returnAll: true,
			});
			expect(res.error).toBeUndefined();
			expect(api.isDone()).toBe(true);
			expect(json(res).map((i) => i.key)).toEqual(full.map((i) => i.key).concat('ED-101'));
		});

		it('Custom Request: a /rest/api/3/ path is sent as /rest/api/2/, others as written', async () => {
			const api = nock(DC, headers)
				.get('/jira/rest/api/2/myself')
				.reply(200, { name: 'jdoe', emailAddress: 'jdoe@example.com' })
				.get('/jira/rest/agile/1.0/board')
				.reply(200, { values: [] });
			const me = await run({
				...dc,
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'GET',
				requestPath: '/rest/api/3/myself',
			});
			const boards = await run({
				...dc,
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'GET',
				requestPath: '/rest/agile/1.0/board',
			});
			expect(api.isDone()).toBe(true);
			expect(json(me)).toEqual([{ name: 'jdoe', emailAddress: 'jdoe@example.com' }]);
			expect(json(boards)).toEqual([{ values: [] }]);
		});
	});

	describe('the connection label ("who am I", with the connections features on)', () => {
		// Each test its own store: one Jira connection per workspace, and each test connects another credential.
		const connections = () => [freshObserver({ clock: kit.clock }).observer];

		it('Data Center: GET /rest/api/2/myself under the base URL, then the operation', async () => {
			useRuntime({ clock: kit.clock, random: () => 0.5, observers: connections() });
			const api = nock(DC, {
				reqheaders: { authorization: 'Bearer NjU0OTk3ODk5MTQ2OpatDemoToken' },
			})
				.get('/jira/rest/api/2/myself')
				.reply(200, { name: 'jdoe', emailAddress: 'jdoe@example.com' })
				.get('/jira/rest/api/2/issue/ED-1')
				.reply(200, issue('ED-1'));
			const res = await run(
				{
					authentication: 'apiConnJiraDataCenterApi',
					resource: 'issue',
					operation: 'get',
					issueIdOrKey: 'ED-1',
				},
				{ workflowId: 'jira-dc-account-label' },
			);
			expect(res.error).toBeUndefined();
			expect(api.isDone()).toBe(true);
		});

		it('OAuth2 without a Cloud ID: the label comes from /ex/jira/{found id}/rest/api/3/myself', async () => {
			clearDiscoveredBaseUrls();
			useRuntime({ clock: kit.clock, random: () => 0.5, observers: connections() });
			const { cloudId: _pasted, ...connected } = oauth;
			const api = nock('https://api.atlassian.com', {
				reqheaders: { authorization: 'Bearer jira-access-1' },
			})
				.get('/oauth/token/accessible-resources')
				.reply(200, [{ id: CLOUD, url: SITE, name: 'acme-dev' }])
				.get(`/ex/jira/${CLOUD}/rest/api/3/myself`)
				.reply(200, { accountId: '5b10', emailAddress: 'ops@acme.example' })
				.get(`/ex/jira/${CLOUD}/rest/api/3/issue/ED-1`)
				.reply(200, issue('ED-1'));
			const res = await run(
				{
					authentication: 'apiConnJiraOAuth2Api',
					resource: 'issue',
					operation: 'get',
					issueIdOrKey: 'ED-1',
				},
				{
					workflowId: 'jira-oauth-account-label',
					credentials: {
						apiConnJiraOAuth2Api: { ...connected, apiUrl: 'https://api.atlassian.com' },
					},
				},
			);
			expect(res.error).toBeUndefined();
			expect(api.isDone()).toBe(true);
		});
	});

	it('Custom Request: a full URL on another origin is refused, the credential is not sent there', async () => {
		const seen = kit.fake();
		const { error } = await run({
			resource: 'customRequest',
			operation: 'send',
			requestMethod: 'GET',
			requestPath: 'https://evil.example/rest/api/3/myself',
		});
		expect(seen).toEqual([]);
		expect(error?.message).toBe(
			"The field 'Path' points to https://evil.example, but this connection only sends requests to https://acme-dev.atlassian.net.",
		);
	});

	describe('Atlassian Document Format', () => {
		it('paragraphs from blank lines, hard breaks from line breaks (CRLF too), nothing for empty text', () => {
			expect(toAdf('One\r\ntwo\n\n\nThree')).toEqual({
				type: 'doc',
				version: 1,
				content: [
					{
						type: 'paragraph',
						content: [
							{ type: 'text', text: 'One' },
							{ type: 'hardBreak' },
							{ type: 'text', text: 'two' },
						],
					},
					{ type: 'paragraph', content: [{ type: 'text', text: 'Three' }] },
				],
			});
			expect(toAdf('')).toEqual({ type: 'doc', version: 1, content: [] });
		});

		it('an ADF document given as JSON is sent as it is; other JSON-looking text stays text', () => {
			const doc = {
				type: 'doc',
				version: 1,
				content: [
					{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Hi' }] },
				],
			};
			expect(toAdf(JSON.stringify(doc))).toEqual(doc);
			expect(toAdf('{not json')).toEqual({
				type: 'doc',
				version: 1,
				content: [{ type: 'paragraph', content: [{ type: 'text', text: '{not json' }] }],
			});
		});
	});
});
