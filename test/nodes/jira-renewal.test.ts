/**
 * Jira lets an OAuth 2.0 app's dynamic webhook lapse 30 days after its registration or last refresh. The trigger
 * records its registration (the OAuth2 credential's `webhook.byAuth` renewal); the Connections Monitor, holding the
 * credential that registered it, finds the site's cloud id through accessible-resources and sends
 * `PUT /rest/api/3/webhook/refresh` with `{"webhookIds":[<id>]}` once 23 days or less are left (a week after the
 * registration or last refresh), keeping the `expirationDate` Jira answers. Trigger and monitor run through
 * n8n-core's real contexts, on virtual time, against a nock Jira.
 */
import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnJiraOAuth2Api } from '../../credentials/ApiConnJiraOAuth2Api.credentials';
import { clearDiscoveredBaseUrls } from '../../lib/execution/discovery';
import { ConnectionsMonitorTrigger } from '../../nodes/Connections/ConnectionsMonitorTrigger.node';
import { jiraSpec } from '../../nodes/Jira/Jira.service';
import { JiraTrigger } from '../../nodes/Jira/JiraTrigger.node';
import { createPollHarness } from '../helpers/poll-harness';
import { useMonitorRuntime } from '../helpers/monitor-runtime';
import { createTriggerHarness } from '../helpers/trigger-harness';

const CLOUD = '35273b54-3f06-40d2-880f-dd28cf8daafa';
const GATEWAY = 'https://api.atlassian.com';
const BASE = `/ex/jira/${CLOUD}/rest/api/3`;
const DAY = 86_400_000;
const START = Date.parse('2026-01-05T09:00:00Z');
const oauth = {
	clientId: 'QJ8oU2xWQmD4fXmN',
	clientSecret: 'ATOAjira-client-secret-9f1e',
	apiUrl: GATEWAY,
	authentication: 'body',
	accessTokenUrl: 'https://auth.atlassian.com/oauth/token',
	oauthTokenData: {
		access_token: 'jira-access-1',
		token_type: 'Bearer',
		refresh_token: 'jira-refresh-1',
	},
};
const sites = [{ id: CLOUD, url: 'https://acme-dev.atlassian.net', name: 'acme-dev' }];

const rt = useMonitorRuntime(jiraSpec, START);
beforeEach(() => clearDiscoveredBaseUrls());

async function activate() {
	const t = createTriggerHarness({
		nodeType: new JiraTrigger(),
		parameters: {
			authentication: 'apiConnJiraOAuth2Api',
			events: ['jira:issue_created'],
			jqlFilter: 'project = ED',
		},
		credentials: { apiConnJiraOAuth2Api: oauth },
		credentialTypes: [new ApiConnJiraOAuth2Api()],
	});
	nock(GATEWAY)
		.get('/oauth/token/accessible-resources')
		.reply(200, sites)
		.post(`${BASE}/webhook`)
		.reply(200, { webhookRegistrationResult: [{ createdWebhookId: 10042 }] });
	expect(await t.run('create')).toBe(true);
	return t;
}

function monitor() {
	return createPollHarness({
		nodeType: new ConnectionsMonitorTrigger(),
		parameters: { intervalHours: 24 },
		credentialTypes: [new ApiConnJiraOAuth2Api()],
		credentials: { apiConnJiraOAuth2Api: oauth as never },
		nodeCredentials: {
			apiConnJiraOAuth2Api: { id: 'apiConnJiraOAuth2Api-id', name: 'Jira app' },
		},
	});
}

describe('Jira dynamic webhook renewal by the Connections Monitor', () => {
	it('the monitor refreshes it a week after registration, then weekly, with the id in the body, at the found site', async () => {
		await activate();
		expect(await rt.registry.list()).toEqual([
			{
				key: 'trigger-workflow:trigger-node:production',
				serviceId: 'jira',
				workflowId: 'trigger-workflow',
				nodeName: 'Jira Trigger',
				credentialType: 'apiConnJiraOAuth2Api',
				credentialId: 'apiConnJiraOAuth2Api-id',
				credentialName: 'apiConnJiraOAuth2Api account',
				hookId: '10042',
				values: {},
				expiresAt: START + 30 * DAY,
			},
		]);
		const refreshes: Array<{ at: number; auth: unknown; body: unknown }> = [];
		nock(GATEWAY).persist().get('/oauth/token/accessible-resources').reply(200, sites);
		nock(GATEWAY)
			.persist()
			.put(`${BASE}/webhook/refresh`)
			.reply(function (_uri, body) {
				refreshes.push({ at: rt.clock.now(), auth: this.req.headers.authorization, body });
				// Jira's documented form: an offset without a colon.
				const at = new Date(rt.clock.now() + 30 * DAY).toISOString().replace('Z', '+0000');
				return [200, { expirationDate: at }];
			});
		// The monitor also keeps the app's access token fresh (a token without a known expiry is refreshed).
		nock('https://auth.atlassian.com').persist().post('/oauth/token').reply(200, {
			access_token: 'jira-access-1',
			token_type: 'Bearer',
			refresh_token: 'jira-refresh-1',
			expires_in: 3600,
		});
		const m = monitor();
		const outputs: Array<INodeExecutionData[][] | null> = [];
		for (let d = 0; d < 30; d++) {
			outputs.push(await m.poll());
			rt.clock.jump(DAY);
		}
		expect(outputs.filter((o) => o !== null)).toEqual([]);
		expect(refreshes).toEqual(
			[7, 14, 21, 28].map((d) => ({
				at: START + d * DAY,
				auth: 'Bearer jira-access-1',
				body: { webhookIds: [10042] },
			})),
		);
		expect((await rt.registry.list())[0].expiresAt).toBe(START + 58 * DAY);
	});

	it('deactivation forgets the registration', async () => {
		const t = await activate();
		nock(GATEWAY)
			.delete(`${BASE}/webhook`, { webhookIds: [10042] })
			.reply(202);
		expect(await t.run('delete')).toBe(true);
		expect(await rt.registry.list()).toEqual([]);
	});
});
