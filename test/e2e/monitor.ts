/**
 * The Connections Monitor Trigger in the real n8n (issue 13): with an n8n API key created by the owner
 * (`POST /rest/api-keys`, scopes `credential:update` and `credential:list`) and given to the server as
 * N8N_API_CONNECTIONS_N8N_API_KEY (a restart: n8n reads its environment once), activating a workflow with the
 * monitor makes n8n poll it once; the monitor renews an Instagram token that expires in 3 days at Instagram's
 * refresh endpoint (the loopback fake) and saves it through n8n's public API, with nothing else using the
 * credential. The audit trail (Connections → Get Audit Log, run by the CLI) has the renewal, by the monitor.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { until } from './support/n8n';
import type { SuiteContext } from './services';
import { instagram as instagramFake } from './services';
import { INSTAGRAM_APP_ID, INSTAGRAM_APP_SECRET } from './support/service-fakes';
import { PKG, CONNECTIONS } from './support/workflows';

/** A second Instagram credential whose 60-day token expires in 3 days (imported before the server starts). */
export const MONITOR_CRED = {
	id: 'e2eCredInstaRenew',
	name: 'E2E Instagram renewable',
	type: 'apiConnInstagramOAuth2Api',
};
export const RENEWABLE_TOKEN = 'IGAAe2eRenewableToken0a1b2c3d4e5f';
export const RENEWED_TOKEN = 'IGAAe2eRenewedToken9z8y7x6w5v4u';

export function monitorCredentials(now = Date.now()): unknown[] {
	return [
		{
			...MONITOR_CRED,
			data: {
				clientId: INSTAGRAM_APP_ID,
				clientSecret: INSTAGRAM_APP_SECRET,
				oauthTokenData: {
					access_token: RENEWABLE_TOKEN,
					token_type: 'bearer',
					expires_in: 5_184_000,
					n8n_expires_at: String(now + 3 * 86_400_000),
				},
			},
		},
	];
}

export function monitorTests(ctx: SuiteContext): void {
	describe('Connections Monitor Trigger in an active workflow (issue 13)', () => {
		it("activation polls once: the monitor renews a token inside its window and saves it through n8n's API; the audit trail names the monitor", async () => {
			const rest = ctx.rest();
			const key = await rest.post<{ rawApiKey: string }>('/rest/api-keys', {
				label: 'e2e connections monitor',
				scopes: ['credential:update', 'credential:list'],
				expiresAt: null,
			});
			assert.match(key.rawApiKey, /\S{20,}/);
			ctx.secrets.push(key.rawApiKey, RENEWABLE_TOKEN, RENEWED_TOKEN);

			// n8n reads the environment at start: restart it with the key (the log so far joins the secret scan).
			const n8n = ctx.n8n();
			ctx.outputs.push({
				what: 'server log before the monitor restart',
				text: readFileSync(n8n.options.logFile, 'utf8'),
			});
			await n8n.stop();
			// Renewal here, not workspaces (test/e2e/connections-access.ts covers n8n projects as workspaces): the
			// instance stays the workspace although the key is set.
			n8n.options.env = {
				...n8n.options.env,
				N8N_API_CONNECTIONS_N8N_API_KEY: key.rawApiKey,
				N8N_API_CONNECTIONS_PROJECT_WORKSPACES: 'false',
			};
			await n8n.start();
			ctx.log('n8n restarted with N8N_API_CONNECTIONS_N8N_API_KEY');

			const renewals: Array<Record<string, unknown>> = [];
			instagramFake.override = (r) => {
				if (r.method !== 'GET' || r.path !== '/refresh_access_token') return undefined;
				renewals.push(r.query);
				return r.query.grant_type === 'ig_refresh_token' && r.query.access_token === RENEWABLE_TOKEN
					? [200, { access_token: RENEWED_TOKEN, token_type: 'bearer', expires_in: 5_184_000 }]
					: [400, { error: { message: 'Invalid OAuth access token', code: 190 } }];
			};
			try {
				const created = await rest.post<{ id: string; versionId: string }>('/rest/workflows', {
					name: 'E2E: Connections Monitor',
					nodes: [
						{
							id: '6a0c1f00-0000-4000-8000-00000000a001',
							name: 'Connections Monitor',
							type: `${PKG}.connectionsMonitorTrigger`,
							typeVersion: 1,
							position: [0, 0],
							parameters: { pollTimes: { item: [{ mode: 'everyHour' }] }, intervalHours: 24 },
							credentials: {
								apiConnInstagramOAuth2Api: { id: MONITOR_CRED.id, name: MONITOR_CRED.name },
							},
						},
					],
					connections: {},
					settings: { executionOrder: 'v1' },
				});
				const before = await rest.get<{ updatedAt: string }>(
					`/rest/credentials/${MONITOR_CRED.id}`,
				);
				const wf = await rest.get<{ versionId: string }>(`/rest/workflows/${created.id}`);
				const activated = await rest.post<{ active: boolean }>(
					`/rest/workflows/${created.id}/activate`,
					{ versionId: wf.versionId },
				);
				assert.equal(activated.active, true);
				await until('the monitor to renew the token', async () => renewals[0], 60_000, 250);
				assert.deepEqual(renewals, [
					{ grant_type: 'ig_refresh_token', access_token: RENEWABLE_TOKEN },
				]);

				// The audit trail, read by a Connections node run by the CLI (it shares the store file).
				const audit = await rest.post<{ id: string }>('/rest/workflows', {
					name: 'E2E: Audit log',
					nodes: [
						{
							id: '6a0c1f00-0000-4000-8000-00000000a002',
							name: 'Start',
							type: 'n8n-nodes-base.manualTrigger',
							typeVersion: 1,
							position: [0, 0],
							parameters: {},
						},
						{
							id: '6a0c1f00-0000-4000-8000-00000000a003',
							name: 'Audit log',
							type: CONNECTIONS,
							typeVersion: 1,
							position: [260, 0],
							parameters: {
								resource: 'log',
								operation: 'getAuditLog',
								service: 'instagram',
								authentication: MONITOR_CRED.type,
								limit: 50,
								filters: { actions: ['refreshed'] },
							},
							// Reading a log needs entitlement: the credential itself (its entries are shown).
							credentials: {
								[MONITOR_CRED.type]: { id: MONITOR_CRED.id, name: MONITOR_CRED.name },
							},
						},
					],
					connections: {
						Start: { main: [[{ node: 'Audit log', type: 'main', index: 0 }]] },
					},
					settings: { executionOrder: 'v1' },
				});
				const entries = await until(
					'the renewal in the audit trail',
					async () => {
						const run = await ctx.execute(audit.id, 'audit log');
						const items = (run.data.resultData.runData['Audit log']?.[0]?.data?.main?.[0] ??
							[]) as Array<{ json: Record<string, unknown> }>;
						return items.length ? items.map((i) => i.json) : undefined;
					},
					60_000,
					1_000,
				);
				assert.equal(entries.length, 1);
				assert.equal(entries[0].action, 'refreshed');
				assert.equal(entries[0].credential, MONITOR_CRED.name);
				assert.equal(entries[0].node, 'Connections Monitor');
				assert.equal(entries[0].workflowId, created.id);
				assert.match(
					String(entries[0].actor),
					new RegExp(
						`^Connections Monitor \\(workflow "E2E: Connections Monitor" \\(${created.id}\\)`,
					),
				);
				assert.match(
					String(entries[0].detail),
					/^Connections Monitor renewed the long-lived token 3 days before it expired; new token valid until \d{4}-/,
				);

				// Saved through n8n's public API: the credential changed after activation.
				await until(
					'the renewed token saved in the credential',
					async () => {
						const now = await rest.get<{ updatedAt: string }>(
							`/rest/credentials/${MONITOR_CRED.id}`,
						);
						return now.updatedAt !== before.updatedAt ? now : undefined;
					},
					30_000,
					250,
				);
			} finally {
				instagramFake.override = undefined;
			}
		});
	});
}
