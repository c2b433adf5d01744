/**
 * Jira Trigger with the OAuth 2.0 (3LO) credential, through n8n-core's real HookContext and WebhookContext: a
 * dynamic webhook registered on activation (`POST /rest/api/3/webhook`, JQL filter and events), checked
 * (`GET /rest/api/3/webhook`), recorded for the Connections Monitor's refresh (test/nodes/jira-renewal.test.ts),
 * deleted on deactivation (`DELETE /rest/api/3/webhook`); every delivery verified by the JWT Jira signs with the app's client
 * secret (HS256), failing closed: unsigned, another secret, another algorithm, expired or replayed → 401.
 */
import nock from 'nock';

import { ApiConnJiraOAuth2Api } from '../../credentials/ApiConnJiraOAuth2Api.credentials';
import { clearDiscoveredBaseUrls } from '../../lib/execution/discovery';
import { validateService } from '../../lib/spec/schema';
import { sharedReplayStore } from '../../lib/webhooks';
import { MemorySubscriptionRegistry, useSubscriptions } from '../../lib/webhooks/subscriptions';
import { signJwt } from '../../lib/webhooks/signature';
import { jiraDefinition } from '../../nodes/Jira/Jira.service';
import { JiraTrigger } from '../../nodes/Jira/JiraTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const CLOUD = '35273b54-3f06-40d2-880f-dd28cf8daafa';
const GATEWAY = 'https://api.atlassian.com';
const BASE = `/ex/jira/${CLOUD}/rest/api/3`;
const CLIENT_SECRET = 'ATOAjira-client-secret-9f1e';
const DAY = 24 * 3600 * 1000;
const oauth = {
	clientId: 'QJ8oU2xWQmD4fXmN',
	clientSecret: CLIENT_SECRET,
	apiUrl: GATEWAY,
	authentication: 'body',
	accessTokenUrl: 'https://auth.atlassian.com/oauth/token',
	oauthTokenData: {
		access_token: 'jira-access-1',
		token_type: 'Bearer',
		refresh_token: 'jira-refresh-1',
		expires_in: 3600,
	},
};
const bearer = { reqheaders: { authorization: 'Bearer jira-access-1' } };

beforeAll(() => nock.disableNetConnect());
let registry: MemorySubscriptionRegistry;
beforeEach(async () => {
	clearDiscoveredBaseUrls();
	await sharedReplayStore().clear();
	registry = new MemorySubscriptionRegistry();
	useSubscriptions(registry);
});
afterEach(() => {
	nock.cleanAll();
	useSubscriptions(undefined);
});
afterAll(() => nock.enableNetConnect());

function harness(events: string[] = ['jira:issue_created', 'comment_created']) {
	return createTriggerHarness({
		nodeType: new JiraTrigger(),
		parameters: { authentication: 'apiConnJiraOAuth2Api', events, jqlFilter: 'project = ED' },
		credentials: { apiConnJiraOAuth2Api: oauth },
		credentialTypes: [new ApiConnJiraOAuth2Api()],
	});
}

/** Registers the webhook (the site found through accessible-resources), as activation does. */
async function activated(t: TriggerHarness, events = ['jira:issue_created', 'comment_created']) {
	const api = nock(GATEWAY, bearer)
		.get('/oauth/token/accessible-resources')
		.reply(200, [{ id: CLOUD, url: 'https://acme-dev.atlassian.net', name: 'acme-dev' }])
		.post(`${BASE}/webhook`, {
			url: t.webhookUrl(),
			webhooks: [{ events, jqlFilter: 'project = ED' }],
		})
		.reply(200, { webhookRegistrationResult: [{ createdWebhookId: 10042 }] });
	expect(await t.run('create')).toBe(true);
	expect(api.isDone()).toBe(true);
}

const state = (t: TriggerHarness) => t.nodeStaticData().production as Record<string, unknown>;

const event = (webhookEvent = 'jira:issue_created', timestamp = Date.now() - 30_000) =>
	JSON.stringify({
		timestamp,
		webhookEvent,
		matchedWebhookIds: [10042],
		issue: { id: '10000', key: 'ED-24', fields: { summary: 'Main order flow broken' } },
	});
const jwt = (claims: Record<string, unknown> = {}, secret = CLIENT_SECRET) => {
	const now = Math.floor(Date.now() / 1000);
	return signJwt({ iss: 'jira', iat: now, exp: now + 180, ...claims }, secret);
};
const delivery = (body: string, authorization: string | undefined, id = 'c0ffee00-1') => ({
	method: 'POST',
	rawBody: body,
	headers: {
		'content-type': 'application/json; charset=utf-8',
		'x-atlassian-webhook-identifier': id,
		...(authorization === undefined ? {} : { authorization }),
	},
});

async function refused(t: TriggerHarness, authorization: string | undefined, id?: string) {
	const { result, response } = await t.deliver(delivery(event(), authorization, id));
	expect(result).toEqual({ noWebhookResponse: true });
	expect(response.statusCode).toBe(401);
	expect(JSON.stringify(response.body)).not.toContain(CLIENT_SECRET);
	return (response.body as { message: string }).message;
}

describe('the Jira trigger with OAuth2 (dynamic webhooks)', () => {
	it('the OAuth2 credential registers through the API and is verified by the JWT (HS256, client secret)', () => {
		expect(validateService(jiraDefinition)).toEqual([]);
		expect(jiraDefinition.spec.webhook?.byAuth?.apiConnJiraOAuth2Api).toMatchObject({
			register: 'api',
			signature: { header: 'Authorization', algorithm: 'jwt-hs256', prefix: 'Bearer ' },
			secretCredentialField: 'clientSecret',
			renewal: {
				method: 'PUT',
				path: '/rest/api/3/webhook/refresh',
				lifetimeMs: 30 * DAY,
				renewBeforeMs: 23 * DAY,
				expiresAtPath: 'expirationDate',
				body: { webhookIds: ['{hookId:number}'] },
			},
		});
		const fields = new JiraTrigger().description.properties;
		expect(fields.find((p) => p.name === 'jqlFilter')?.displayOptions).toEqual({
			show: { authentication: ['apiConnJiraOAuth2Api'] },
		});
		// The admin webhook's Signing Secret is for the API token and Data Center credentials only.
		expect(fields.find((p) => p.name === 'signingSecret')?.displayOptions).toEqual({
			show: { authentication: ['apiConnJiraApi', 'apiConnJiraDataCenterApi'] },
		});
	});

	it('activation registers one webhook with the URL, events and JQL filter, keeps its id and records it for the monitor to refresh', async () => {
		const t = harness();
		const before = Date.now();
		await activated(t);
		expect(state(t)).toMatchObject({
			hookId: '10042',
			events: ['jira:issue_created', 'comment_created'],
			webhookUrl: t.webhookUrl(),
		});
		// The client secret verifies deliveries from the credential: nothing secret is kept in static data.
		expect(JSON.stringify(t.nodeStaticData())).not.toContain(CLIENT_SECRET);
		// Jira's registration answer gives no expiry: 30 days from registration, as Jira documents.
		const [record] = await registry.list();
		expect(record).toMatchObject({
			key: 'trigger-workflow:trigger-node:production',
			serviceId: 'jira',
			credentialType: 'apiConnJiraOAuth2Api',
			hookId: '10042',
			values: {},
		});
		expect(record.expiresAt).toBeGreaterThanOrEqual(before + 30 * DAY);
		expect(record.expiresAt).toBeLessThanOrEqual(Date.now() + 30 * DAY);
		expect(JSON.stringify(record)).not.toContain(CLIENT_SECRET);
		expect(JSON.stringify(record)).not.toContain('jira-access-1');

		const gone = nock(GATEWAY, bearer)
			.delete(`${BASE}/webhook`, { webhookIds: [10042] })
			.reply(202);
		expect(await t.run('delete')).toBe(true);
		expect(gone.isDone()).toBe(true);
		expect(t.nodeStaticData().production).toBeUndefined();
		expect(await registry.list()).toEqual([]);
	});

	it('Any Event registers every event a dynamic webhook may send', async () => {
		const t = harness(['*']);
		await activated(t, [
			'jira:issue_created',
			'jira:issue_updated',
			'jira:issue_deleted',
			'comment_created',
			'comment_updated',
			'comment_deleted',
			'issue_property_set',
			'issue_property_deleted',
		]);
		nock(GATEWAY).delete(`${BASE}/webhook`).reply(202);
		await t.run('delete');
	});

	it('an event dynamic webhooks cannot send, or a JQL filter Jira refuses: activation fails with the cause', async () => {
		const t = harness(['worklog_created']);
		const found = nock(GATEWAY)
			.get('/oauth/token/accessible-resources')
			.reply(200, [{ id: CLOUD, url: 'https://acme-dev.atlassian.net', name: 'acme-dev' }]);
		await expect(t.run('create')).rejects.toThrow(
			"Could not register the Jira webhook: An OAuth2 app's webhook cannot send worklog_created: pick among jira:issue_created, jira:issue_updated, jira:issue_deleted, comment_created, comment_updated, comment_deleted, issue_property_set, issue_property_deleted, or use an API token and an admin webhook.",
		);
		expect(found.isDone()).toBe(true);

		const bad = harness();
		nock(GATEWAY)
			.get('/oauth/token/accessible-resources')
			.reply(200, [{ id: CLOUD, url: 'https://acme-dev.atlassian.net', name: 'acme-dev' }])
			.post(`${BASE}/webhook`)
			.reply(200, {
				webhookRegistrationResult: [{ errors: ['The JQL query cannot be parsed.'] }],
			});
		await expect(bad.run('create')).rejects.toThrow(
			'Could not register the Jira webhook: Jira did not register the webhook: The JQL query cannot be parsed.',
		);
		expect(bad.nodeStaticData().production).toBeUndefined();
	});

	it('checkExists finds it among the app webhooks (and refreshes nothing: the monitor does)', async () => {
		const t = harness();
		await activated(t);
		const listed = nock(GATEWAY, bearer)
			.get(`${BASE}/webhook`)
			.query({ startAt: '0', maxResults: '100' })
			.reply(200, {
				startAt: 0,
				maxResults: 100,
				isLast: true,
				values: [
					{
						id: 10042,
						jqlFilter: 'project = ED',
						events: ['jira:issue_created', 'comment_created'],
						expirationDate: '2027-01-02T09:00:00.000+0000',
					},
				],
			});
		expect(await t.run('checkExists')).toBe(true);
		expect(listed.isDone()).toBe(true);
		expect(state(t)).toMatchObject({ hookId: '10042' });
		nock(GATEWAY).delete(`${BASE}/webhook`).reply(202);
		await t.run('delete');
	});

	it('a webhook Jira no longer lists (it lapsed) is reported missing, so n8n registers a new one', async () => {
		const t = harness();
		await activated(t);
		nock(GATEWAY)
			.get(`${BASE}/webhook`)
			.query(true)
			.reply(200, { startAt: 0, maxResults: 100, isLast: true, values: [] });
		expect(await t.run('checkExists')).toBe(false);
		expect(t.nodeStaticData().production).toBeUndefined();
	});

	it('a delivery with a JWT signed by the client secret starts one execution', async () => {
		const t = harness();
		await activated(t);
		const body = event();
		const { result, response } = await t.deliver(delivery(body, `Bearer ${jwt()}`));
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'jira:issue_created',
			deliveryId: 'c0ffee00-1',
			body: JSON.parse(body),
		});
		// The bearer token is not kept in the item.
		expect(JSON.stringify(result.workflowData)).not.toContain(jwt().split('.')[2]);
	});

	it('no JWT, another secret, alg none or HS512, a changed claim, expired, or no exp: 401, nothing starts', async () => {
		const t = harness();
		await activated(t);
		const good = jwt();
		const [h, c] = good.split('.');
		const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
		expect(await refused(t, undefined)).toBe('The request has no Authorization header.');
		expect(await refused(t, `Bearer ${jwt({}, 'another-secret')}`)).toBe(
			'The Authorization JWT signature does not match (wrong secret, or the token was changed).',
		);
		expect(await refused(t, `Bearer ${b64({ alg: 'none' })}.${c}.`)).toBe(
			'The Authorization header does not carry a JWT after "Bearer".',
		);
		expect(await refused(t, `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${c}.x`)).toBe(
			'The Authorization JWT is signed with "none"; only HS256 is accepted.',
		);
		expect(await refused(t, `Bearer ${b64({ alg: 'HS512' })}.${c}.${good.split('.')[2]}`)).toBe(
			'The Authorization JWT is signed with "HS512"; only HS256 is accepted.',
		);
		const later = b64({ ...JSON.parse(Buffer.from(c, 'base64url').toString()), exp: 4102444800 });
		expect(await refused(t, `Bearer ${h}.${later}.${good.split('.')[2]}`)).toBe(
			'The Authorization JWT signature does not match (wrong secret, or the token was changed).',
		);
		const past = Math.floor(Date.now() / 1000) - 600;
		expect(await refused(t, `Bearer ${jwt({ iat: past - 180, exp: past })}`)).toMatch(
			/^The Authorization JWT expired 60\d s ago; expired tokens are rejected\.$/,
		);
		expect(await refused(t, `Bearer ${jwt({ exp: undefined })}`)).toBe(
			'The Authorization JWT has no expiry (exp).',
		);
		expect(await refused(t, `JWT ${good}`)).toBe(
			'The Authorization header does not carry a JWT after "Bearer".',
		);
	});

	it('the same JWT again is a replay (401); a fresh JWT for a delivery id already accepted starts nothing (200)', async () => {
		const t = harness();
		await activated(t);
		const token = `Bearer ${jwt()}`;
		const first = await t.deliver(delivery(event(), token, 'id-1'));
		expect(first.result.workflowData).toHaveLength(1);
		expect(await refused(t, token, 'id-2')).toMatch(/already/i);
		const resent = await t.deliver(delivery(event(), `Bearer ${jwt({ jti: 'retry' })}`, 'id-1'));
		expect(resent.result.workflowData).toBeUndefined();
		expect(resent.response.statusCode).toBe(200);
	});
});
