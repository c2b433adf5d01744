/**
 * Issue 13 (points 2, 3, 7) below the node: the allow-list, vendor revocation requests (GitHub's OAuth
 * grant deletion, RFC 7009 on the generic OAuth2 credential), the active workflows using a credential and
 * the workflow's n8n project as its workspace, each read through n8n's public API as n8n 2.41.1 answers.
 */
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { allowListEntry, personalProjectOwner, refuseAgent } from '../../../lib/connections/access';
import { ServiceCatalog } from '../../../lib/connections/catalog';
import { disconnect, logScope, revokeAtProvider } from '../../../lib/connections/manage';
import { activeWorkflowsUsing, n8nApi } from '../../../lib/connections/n8n-api';
import { resolveWorkspace } from '../../../lib/connections/workspace';
import { ProjectWorkspaces, PROJECT_CACHE_MS } from '../../../lib/connections/workspace-project';
import { createRuntime } from '../../../lib/runtime';
import { settingsFromEnv, type Settings } from '../../../lib/settings';
import { customApiSpec } from '../../../nodes/CustomApi/CustomApi.service';
import { githubSpec } from '../../../nodes/Github/Github.service';
import { FakeClock } from '../../helpers/fake-clock';

type Answer = { statusCode: number; headers?: Record<string, string>; body: unknown };
const JSON_HEADERS = { 'content-type': 'application/json' };

function fakeFn(
	answers: Answer[],
	calls: IHttpRequestOptions[],
	credentials: Record<string, unknown> = {},
	workflowId = 'wf-1',
	asTool = false,
): IExecuteFunctions {
	const answer = async (...args: unknown[]) => {
		const options = args[args.length - 1] as IHttpRequestOptions;
		calls.push(options);
		const next = answers.shift();
		if (!next) throw new Error('no more answers');
		return { headers: JSON_HEADERS, ...next };
	};
	return {
		getNode: () => ({
			id: 'n1',
			name: 'Connections',
			type: 'connections',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		}),
		getWorkflow: () => ({ id: workflowId, name: 'Admin', active: false }),
		getExecutionId: () => 'exec-1',
		getInstanceId: () => 'a'.repeat(64),
		getInstanceBaseUrl: () => 'http://localhost:5678/',
		getCredentials: async () => credentials,
		isToolExecution: () => asTool,
		helpers: { httpRequest: answer, httpRequestWithAuthentication: answer },
	} as unknown as IExecuteFunctions;
}

const clock = new FakeClock(Date.UTC(2026, 4, 4, 8));
const services = [githubSpec, customApiSpec];
const catalog = new ServiceCatalog(services);
const serviceInfo = (id: string) => catalog.get(id);
const rt = () => createRuntime({ observers: [], clock, random: () => 0.5, services });
/** The settings of an environment (only the variables given). */
const settingsOf = (env: Record<string, string>): Settings => settingsFromEnv(env);

describe('the allow-list (N8N_API_CONNECTIONS_MANAGERS)', () => {
	const alice = { id: 'P-alice', name: 'Alice Doe <alice@example.com>', type: 'personal' };
	const team = { id: 'P-team', name: 'Marketing', type: 'team' };
	const env = {
		N8N_API_CONNECTIONS_MANAGERS: ' workflow:wf-ops , project:P-team,user:Alice@Example.com',
	};

	it('matches a workflow, a project, or the owner of a personal project, and nothing else', () => {
		const m = settingsOf(env).managers;
		const ws = (p?: typeof alice) => resolveWorkspace({ getInstanceId: () => 'i' }, undefined, p);
		expect(allowListEntry(m, 'wf-ops', ws())).toBe('workflow:wf-ops');
		expect(allowListEntry(m, 'wf-2', ws(team))).toBe('project:P-team');
		expect(allowListEntry(m, 'wf-2', ws(alice))).toBe('user:alice@example.com');
		expect(
			allowListEntry(m, 'wf-2', ws({ ...alice, id: 'P-bob', name: 'Bob <bob@example.com>' })),
		).toBeUndefined();
		// A team project named like an e-mail is not anyone's personal project.
		expect(personalProjectOwner({ ...team, name: 'x <alice@example.com>' })).toBeUndefined();
		expect(allowListEntry(settingsOf({}).managers, 'wf-ops', ws(team))).toBeUndefined();
	});

	it('a malformed entry is an error naming it and the expected forms', () => {
		expect(() => settingsOf({ N8N_API_CONNECTIONS_MANAGERS: 'wf-ops' })).toThrow(
			"N8N_API_CONNECTIONS_MANAGERS has the entry 'wf-ops', which is not 'workflow:<id>', 'project:<id>' or 'user:<e-mail>'. Fix: write each entry as 'workflow:<id>', 'project:<id>' or 'user:<e-mail>', separated by commas, and restart n8n",
		);
	});

	it("the Connections node's Disconnect and log reads refuse an agent before touching anything", async () => {
		const calls: IHttpRequestOptions[] = [];
		const agent = fakeFn([], calls, {}, 'wf-1', true);
		await expect(
			disconnect(rt(), agent, 0, serviceInfo('github')!, 'apiConnGithubApi', true),
		).rejects.toThrow('Disconnect is not available to an AI agent.');
		await expect(logScope(rt(), agent, 0, 'apiConnGithubApi', 'The error log')).rejects.toThrow(
			'The error log is not available to an AI agent.',
		);
		expect(calls).toHaveLength(0);
	});

	it('an AI agent is refused', () => {
		expect(() => refuseAgent(fakeFn([], [], {}, 'wf-1', true), 'Disconnect', 0)).toThrow(
			'Disconnect is not available to an AI agent.',
		);
		expect(() => refuseAgent(fakeFn([], []), 'Disconnect', 0)).not.toThrow();
	});
});

describe('revocation at the vendor', () => {
	it("GitHub OAuth app: DELETE /applications/{client_id}/grant with the app's Basic auth and the token in the body", async () => {
		const calls: IHttpRequestOptions[] = [];
		const fn = fakeFn([{ statusCode: 204, body: '' }], calls, {
			server: 'https://api.github.com',
			clientId: 'Iv1.abc123',
			clientSecret: 'gh-client-secret-0001',
			oauthTokenData: { access_token: 'gho_token_000111' },
		});
		const r = await revokeAtProvider(rt(), fn, 0, serviceInfo('github')!, 'apiConnGithubOAuth2Api');
		expect(r).toEqual({ revoked: true, message: 'Revoked at GitHub (204).' });
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({
			method: 'DELETE',
			url: 'https://api.github.com/applications/Iv1.abc123/grant',
			body: { access_token: 'gho_token_000111' },
		});
		expect(calls[0].headers).toMatchObject({
			Authorization: `Basic ${Buffer.from('Iv1.abc123:gh-client-secret-0001').toString('base64')}`,
		});
	});

	it('GitHub personal token: no request, and the message says there is no endpoint for it', async () => {
		const calls: IHttpRequestOptions[] = [];
		const r = await revokeAtProvider(
			rt(),
			fakeFn([], calls, { accessToken: 'ghp_x' }),
			0,
			serviceInfo('github')!,
			'apiConnGithubApi',
		);
		expect(calls).toHaveLength(0);
		expect(r).toEqual({
			revoked: false,
			message:
				'GitHub offers no revoke endpoint for Access Token credentials; the token stays valid until you delete it at GitHub.',
		});
	});

	const oauth = {
		baseUrl: 'https://api.vendor.test',
		revocationUrl: 'https://auth.vendor.test/oauth2/revoke',
		clientId: 'client-1',
		clientSecret: 'client-secret-0001',
		authentication: 'header',
		oauthTokenData: { access_token: 'at_000111222', refresh_token: 'rt_000111222' },
	};

	it('generic OAuth2 (RFC 7009): POST form token=<refresh token>&token_type_hint=refresh_token, client in Basic', async () => {
		const calls: IHttpRequestOptions[] = [];
		const r = await revokeAtProvider(
			rt(),
			fakeFn([{ statusCode: 200, body: '' }], calls, oauth),
			0,
			serviceInfo('customApi')!,
			'customApiOAuth2Api',
		);
		expect(r.revoked).toBe(true);
		expect(calls[0]).toMatchObject({
			method: 'POST',
			url: 'https://auth.vendor.test/oauth2/revoke',
			body: 'token=rt_000111222&token_type_hint=refresh_token',
		});
		expect(calls[0].headers).toMatchObject({
			Authorization: `Basic ${Buffer.from('client-1:client-secret-0001').toString('base64')}`,
		});
	});

	it('generic OAuth2 with "Send Auth Data in Body": client id and secret in the form; no URL: nothing sent', async () => {
		const calls: IHttpRequestOptions[] = [];
		await revokeAtProvider(
			rt(),
			fakeFn([{ statusCode: 200, body: '' }], calls, {
				...oauth,
				authentication: 'body',
				oauthTokenData: { access_token: 'at_000111222' },
			}),
			0,
			serviceInfo('customApi')!,
			'customApiOAuth2Api',
		);
		expect(calls[0].body).toBe(
			'token=at_000111222&token_type_hint=access_token&client_id=client-1&client_secret=client-secret-0001',
		);
		expect(calls[0].headers?.Authorization).toBeUndefined();
		const none: IHttpRequestOptions[] = [];
		const r = await revokeAtProvider(
			rt(),
			fakeFn([], none, { ...oauth, revocationUrl: '' }),
			0,
			serviceInfo('customApi')!,
			'customApiOAuth2Api',
		);
		expect(none).toHaveLength(0);
		expect(r.revoked).toBe(false);
		expect(r.message).toMatch(
			/names no revocation endpoint \(its "revocationUrl" field is empty\)/,
		);
	});
});

describe("n8n's API: the workflow's project and the active workflows using a credential", () => {
	const settings = settingsOf({ N8N_API_CONNECTIONS_N8N_API_KEY: 'n8n_api_key_0001' });
	const workflow = {
		id: 'wf-1',
		name: 'Post daily',
		shared: [
			{
				role: 'workflow:owner',
				projectId: 'P-alice',
				project: { id: 'P-alice', name: 'Alice Doe <alice@example.com>', type: 'personal' },
			},
		],
	};

	it('GET /api/v1/workflows/{id} with the key, once per workflow; the workspace is project:<id>', async () => {
		const calls: IHttpRequestOptions[] = [];
		const fn = fakeFn([{ statusCode: 200, body: workflow }], calls);
		const projects = new ProjectWorkspaces(
			() => settings,
			() => clock.now(),
		);
		expect(projects.cached('wf-1')).toBeUndefined();
		const p = await projects.prepare(rt(), fn);
		expect(p).toEqual({ id: 'P-alice', name: 'Alice Doe <alice@example.com>', type: 'personal' });
		await projects.prepare(rt(), fn);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({
			method: 'GET',
			url: 'http://localhost:5678/api/v1/workflows/wf-1',
			headers: { 'X-N8N-API-KEY': 'n8n_api_key_0001' },
		});
		expect(resolveWorkspace(fn, settings.workspace, projects.cached('wf-1'))).toMatchObject({
			key: 'project:P-alice',
			label: 'project "Alice Doe <alice@example.com>"',
			source: 'project',
		});
		// Read again after the cache time (a workflow can move to another project).
		await clock.advance(PROJECT_CACHE_MS);
		await expect(projects.prepare(rt(), fn)).rejects.toThrow(/no more answers|did not say/);
	});

	it('without a key: no request, and the configured name, else the instance, applies', async () => {
		const calls: IHttpRequestOptions[] = [];
		const fn = fakeFn([], calls);
		const projects = new ProjectWorkspaces(
			() => settingsOf({}),
			() => clock.now(),
		);
		expect(await projects.prepare(rt(), fn)).toBeNull();
		expect(calls).toHaveLength(0);
		expect(
			resolveWorkspace(
				fn,
				settingsOf({ N8N_API_CONNECTIONS_WORKSPACE: 'Marketing' }).workspace,
				null,
			).key,
		).toBe('Marketing');
		expect(resolveWorkspace(fn, settingsOf({}).workspace, null).key).toBe(
			`instance:${'a'.repeat(64)}`,
		);
	});

	it('a failing API stops with the fix, never a silent fallback to another workspace', async () => {
		const fn = fakeFn([{ statusCode: 401, body: { message: 'unauthorized' } }], []);
		const projects = new ProjectWorkspaces(
			() => settings,
			() => clock.now(),
		);
		await expect(projects.prepare(rt(), fn)).rejects.toThrow(
			"The workspace of this workflow is its n8n project, but n8n's API did not say which project it is in",
		);
	});

	it('active workflows using a credential: every page of GET /workflows?active=true, disabled nodes ignored', async () => {
		const calls: IHttpRequestOptions[] = [];
		const node = (id: string, disabled = false) => ({
			name: 'n',
			disabled,
			credentials: { apiConnGithubOAuth2Api: { id, name: 'GitHub' } },
		});
		const fn = fakeFn(
			[
				{
					statusCode: 200,
					body: {
						data: [
							{ id: 'w1', name: 'Sync issues', nodes: [node('c-1')] },
							{ id: 'w2', name: 'Other', nodes: [node('c-2')] },
						],
						nextCursor: 'page2',
					},
				},
				{
					statusCode: 200,
					body: {
						data: [
							{ id: 'w3', name: 'Off', nodes: [node('c-1', true)] },
							{ id: 'w4', name: 'Weekly report', nodes: [node('c-1')] },
						],
						nextCursor: null,
					},
				},
			],
			calls,
		);
		const api = n8nApi(rt(), fn, settings)!;
		expect(await activeWorkflowsUsing(api, 'c-1')).toEqual([
			{ id: 'w1', name: 'Sync issues' },
			{ id: 'w4', name: 'Weekly report' },
		]);
		expect(calls.map((c) => [c.method, c.url])).toEqual([
			[
				'GET',
				'http://localhost:5678/api/v1/workflows?active=true&excludePinnedData=true&limit=250',
			],
			[
				'GET',
				'http://localhost:5678/api/v1/workflows?active=true&excludePinnedData=true&limit=250&cursor=page2',
			],
		]);
	});
});
