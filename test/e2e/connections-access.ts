/**
 * Issue 13 in the real n8n (Community edition): two users, each with the personal project n8n gives them,
 * are two workspaces once the package reads projects through n8n's public API (an owner API key made
 * over REST, given to the CLI runs). The same service connected once in each project is allowed, twice in
 * one is refused; Disconnect without the connected credential is refused; Get Status on day one lists the
 * project's saved credentials nobody used yet, and not the other project's.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import type { SuiteContext } from './services';
import { parseRunOutput, Rest, type RunOutput } from './support/n8n';
import { GITHUB_OWNER, GITHUB_REPO, GITHUB_TOKEN } from './support/service-fakes';
import { PKG } from './support/workflows';

interface Created {
	id: string;
	name: string;
}

const MEMBER = {
	email: 'member@e2e.test',
	password: 'E2e-member-Passw0rd',
	first: 'Mia',
	last: 'Member',
};
const GITHUB = 'apiConnGithubApi';

const start = () => ({
	id: randomUUID(),
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

function oneStep(name: string, step: Record<string, unknown>) {
	return {
		name,
		nodes: [start(), step],
		connections: { Start: { main: [[{ node: step.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const credentialOf = (c: Created) => ({ credentials: { [GITHUB]: { id: c.id, name: c.name } } });

const getRepository = (c: Created) => ({
	id: randomUUID(),
	name: 'Get repository',
	type: `${PKG}.github`,
	typeVersion: 1,
	position: [260, 0],
	parameters: {
		authentication: GITHUB,
		resource: 'repository',
		operation: 'get',
		owner: GITHUB_OWNER,
		repo: GITHUB_REPO,
	},
	...credentialOf(c),
});

const connectionsStep = (parameters: Record<string, unknown>, c?: Created) => ({
	id: randomUUID(),
	name: 'Connections',
	type: `${PKG}.connections`,
	typeVersion: 2,
	position: [260, 0],
	parameters: { githubAuthentication: GITHUB, ...parameters },
	...(c ? credentialOf(c) : {}),
});

export function connectionsAccessTests(ctx: SuiteContext & { work: string }): void {
	describe('Connections: n8n projects as workspaces and access control (issue 13)', () => {
		const owner = () => ctx.rest();
		let member: Rest;
		let ownerProject: { id: string; name: string };
		let memberProject: { id: string; name: string };
		let apiEnv: Record<string, string>;
		const creds: Record<string, Created> = {};

		async function credential(name: string, projectId: string): Promise<Created> {
			const c = await owner().post<Created>('/rest/credentials', {
				name,
				type: GITHUB,
				data: { server: 'https://api.github.com', accessToken: GITHUB_TOKEN },
				projectId,
			});
			ctx.outputs.push({ what: `credential ${name}`, text: JSON.stringify(c) });
			return c;
		}

		async function workflow(body: ReturnType<typeof oneStep>, projectId: string): Promise<string> {
			return (await owner().post<{ id: string }>('/rest/workflows', { ...body, projectId })).id;
		}

		/** `n8n execute` with the API key: the run's output, failed or not. */
		async function run(workflowId: string, label: string): Promise<RunOutput> {
			const res = await ctx
				.n8n()
				.cli(['execute', `--id=${workflowId}`, '--rawOutput'], 120_000, apiEnv);
			const text = res.stdout + res.stderr;
			ctx.outputs.push({ what: `CLI execute ${label}`, text });
			writeFileSync(join(ctx.work, `cli-access-${label.replace(/\W+/g, '-')}.log`), text);
			return parseRunOutput(res.stdout);
		}

		const nodeError = (r: RunOutput, node: string) =>
			r.data.resultData.runData[node]?.[0]?.error as
				{ message?: string; description?: string } | undefined;
		const items = (r: RunOutput, node: string) =>
			(r.data.resultData.runData[node]?.[0]?.data?.main[0] ?? []).map((i) => i.json);

		before(async () => {
			// A second user (Community edition: invitation link without e-mail), with their personal project.
			const [invited] = await owner().post<
				Array<{ user: { id: string; inviteAcceptUrl?: string } }>
			>('/rest/invitations', [{ email: MEMBER.email, role: 'global:member' }]);
			const token = new URL(String(invited.user.inviteAcceptUrl)).searchParams.get('token');
			assert.ok(token, 'the invitation has no accept link');
			member = new Rest(ctx.n8n().baseUrl);
			await member.post('/rest/invitations/accept', {
				token,
				firstName: MEMBER.first,
				lastName: MEMBER.last,
				password: MEMBER.password,
			});
			ownerProject = await owner().get('/rest/projects/personal');
			memberProject = await member.get('/rest/projects/personal');
			assert.notEqual(ownerProject.id, memberProject.id);
			// The operator's key: an owner API key (workflow:read to find projects, credential:list for the dashboard).
			const key = await owner().post<{ rawApiKey: string }>('/rest/api-keys', {
				label: 'e2e connections',
				scopes: ['workflow:read', 'workflow:list', 'credential:list', 'credential:update'],
				expiresAt: null,
			});
			ctx.secrets.push(key.rawApiKey);
			apiEnv = {
				N8N_API_CONNECTIONS_N8N_API_KEY: key.rawApiKey,
				N8N_API_CONNECTIONS_N8N_API_URL: `${ctx.n8n().baseUrl}/api/v1`,
			};
			creds.ownerFirst = await credential('Owner GitHub', ownerProject.id);
			creds.ownerSecond = await credential('Owner GitHub 2', ownerProject.id);
			creds.ownerUnused = await credential('Owner GitHub spare', ownerProject.id);
			creds.member = await credential('Member GitHub', memberProject.id);
		});

		it('the same service connected once in each project is allowed, twice in one project is refused', async () => {
			const first = await run(
				await workflow(
					oneStep('Access: owner repo', getRepository(creds.ownerFirst)),
					ownerProject.id,
				),
				'owner first',
			);
			assert.equal(first.status, 'success', JSON.stringify(first.data.resultData.error ?? {}));
			const other = await run(
				await workflow(
					oneStep('Access: member repo', getRepository(creds.member)),
					memberProject.id,
				),
				'member',
			);
			assert.equal(other.status, 'success', JSON.stringify(other.data.resultData.error ?? {}));
			const second = await run(
				await workflow(
					oneStep('Access: owner second', getRepository(creds.ownerSecond)),
					ownerProject.id,
				),
				'owner second',
			);
			assert.equal(second.status, 'error');
			const error = nodeError(second, 'Get repository');
			assert.equal(
				error?.message,
				'Only one GitHub connection allowed per workspace (connected: e2e-bot, credential "Owner GitHub"). Disconnect it in the Connections node, or use another workspace.',
			);
			assert.match(
				String(error?.description),
				new RegExp(`project "${ownerProject.name.replace(/[<>.]/g, '.')}"`),
			);
		});

		it('Disconnect without the connected credential is refused and changes nothing', async () => {
			const refused = await run(
				await workflow(
					oneStep(
						'Access: disconnect',
						connectionsStep(
							{
								resource: 'connection',
								operation: 'disconnect',
								service: 'github',
								confirmDisconnect: true,
							},
							creds.ownerSecond,
						),
					),
					ownerProject.id,
				),
				'disconnect refused',
			);
			assert.equal(refused.status, 'error');
			assert.equal(
				nodeError(refused, 'Connections')?.message,
				`Not allowed: this run may not disconnect GitHub from project "${ownerProject.name}".`,
			);
			// Still connected: the first credential still works, the second is still refused.
			const again = await run(
				await workflow(
					oneStep('Access: owner again', getRepository(creds.ownerFirst)),
					ownerProject.id,
				),
				'owner again',
			);
			assert.equal(again.status, 'success');
		});

		it("Get Status on day one lists the project's saved credentials, used or not, and no other project's", async () => {
			const status = await run(
				await workflow(
					oneStep(
						'Access: status',
						connectionsStep({ resource: 'connection', operation: 'getStatus', service: '__all' }),
					),
					ownerProject.id,
				),
				'status',
			);
			assert.equal(status.status, 'success', JSON.stringify(status.data.resultData.error ?? {}));
			const rows = items(status, 'Connections').filter((r) => r.service === 'GitHub');
			assert.deepEqual(
				rows
					.map((r) => [r.credential, r.account, r.status, r.authentication, r.workspace])
					.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
				[
					// The suite's own GitHub credential, imported into the owner's project, used only in the
					// instance-wide workspace of the runs without the API key.
					['E2E GitHub', null, 'not used yet', 'Access Token', `project "${ownerProject.name}"`],
					[
						'Owner GitHub',
						'e2e-bot',
						'connected',
						'Access Token',
						`project "${ownerProject.name}"`,
					],
					[
						'Owner GitHub 2',
						null,
						'not used yet',
						'Access Token',
						`project "${ownerProject.name}"`,
					],
					[
						'Owner GitHub spare',
						null,
						'not used yet',
						'Access Token',
						`project "${ownerProject.name}"`,
					],
				],
			);
			for (const r of rows) {
				assert.match(String(r.workspaceIs), /^the workflow's n8n project/);
				assert.equal(r.serviceId, undefined);
				assert.equal(r.limit24h, undefined);
			}
		});
	});
}
