/**
 * Jira Trigger through n8n-core's real HookContext and WebhookContext: an admin webhook created in Jira's
 * System → WebHooks with this node's URL and a secret (the lifecycle touches nothing at Jira), every delivery
 * verified with `X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, failing closed; deliveries
 * deduplicated by `X-Atlassian-Webhook-Identifier` (the same on Jira's retries); only the picked events run.
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';

import { ApiConnJiraApi } from '../../credentials/ApiConnJiraApi.credentials';
import { validateService } from '../../lib/spec/schema';
import { sharedReplayStore, verifySignature } from '../../lib/webhooks';
import { jiraDefinition } from '../../nodes/Jira/Jira.service';
import { JiraTrigger } from '../../nodes/Jira/JiraTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const SECRET = 'jira-admin-webhook-secret-4f1c9a';

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => await sharedReplayStore().clear());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function harness(events: string[] = ['jira:issue_created', 'comment_created'], secret = SECRET) {
	return createTriggerHarness({
		nodeType: new JiraTrigger(),
		parameters: { events, signingSecret: secret },
		credentials: {
			apiConnJiraApi: {
				apiUrl: 'https://acme-dev.atlassian.net',
				email: 'ops@acme.example',
				apiToken: 'ATATT3xFfGF0T4JdemoToken7c2e',
			},
		},
		credentialTypes: [new ApiConnJiraApi()],
	});
}

const sign = (secret: string, body: string) =>
	`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

function issueEvent(
	webhookEvent: string,
	key = 'ED-24',
	timestamp: number | null = Date.now() - 60_000,
) {
	return JSON.stringify({
		...(timestamp === null ? {} : { timestamp }),
		webhookEvent,
		issue_event_type_name: 'issue_created',
		user: { accountId: '5b10a2844c20165700ede21g', displayName: 'Mia Krystof' },
		issue: { id: '10000', key, fields: { summary: 'Main order flow broken' } },
	});
}

function delivery(
	body: string,
	signature: string | undefined,
	id = 'b2d5f0c1-7a53-4e7f-9a3e-2c6f0d7b1a11',
) {
	return {
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'x-atlassian-webhook-identifier': id,
			...(signature === undefined ? {} : { 'x-hub-signature': signature }),
		},
	};
}

async function rejected(
	t: TriggerHarness,
	body: string,
	signature: string | undefined,
	id?: string,
) {
	const { result, response } = await t.deliver(delivery(body, signature, id));
	expect(result).toEqual({ noWebhookResponse: true });
	expect(response.statusCode).toBe(401);
	expect(JSON.stringify(response.body)).not.toContain(SECRET);
	return (response.body as { message: string }).message;
}

describe('the Jira trigger', () => {
	it('is the documented scheme (X-Hub-Signature, sha256= prefix, hex), and a signature computed here verifies', () => {
		expect(validateService(jiraDefinition)).toEqual([]);
		const scheme = jiraDefinition.spec.webhook!.signature!;
		expect(scheme).toEqual({
			header: 'X-Hub-Signature',
			algorithm: 'sha256',
			encoding: 'hex',
			prefix: 'sha256=',
		});
		const body = issueEvent('jira:issue_created');
		expect(
			verifySignature(scheme, {
				rawBody: Buffer.from(body),
				headers: { 'x-hub-signature': sign(SECRET, body) },
				secret: SECRET,
				now: Date.now(),
			}),
		).toMatchObject({ ok: true });
		expect(jiraDefinition.spec.webhook).toMatchObject({
			register: 'manual',
			eventPath: 'webhookEvent',
			deliveryIdHeader: 'X-Atlassian-Webhook-Identifier',
			bodyTimestamp: { path: 'timestamp', unit: 'ms', maxAgeSeconds: 259_200 },
		});
	});

	it('activation and deactivation touch nothing at Jira (the admin creates the webhook with the secret)', async () => {
		const t = harness();
		expect(await t.run('checkExists')).toBe(true);
		expect(await t.run('create')).toBe(true);
		expect(await t.run('delete')).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a signed delivery starts one execution with its event, identifier and body', async () => {
		const body = issueEvent('jira:issue_created');
		const { result, response } = await harness().deliver(delivery(body, sign(SECRET, body)));
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'jira:issue_created',
			deliveryId: 'b2d5f0c1-7a53-4e7f-9a3e-2c6f0d7b1a11',
			body: JSON.parse(body),
		});
	});

	it('tampered, unsigned, another secret, the hex without "sha256=", or sha1: 401, nothing starts', async () => {
		const t = harness();
		const body = issueEvent('jira:issue_created');
		const good = sign(SECRET, body);
		const mismatch =
			'The X-Hub-Signature signature does not match the request (wrong secret, or the body was changed).';
		expect(await rejected(t, body.replace('ED-24', 'ED-25'), good)).toBe(mismatch);
		expect(await rejected(t, body, undefined)).toBe('The request has no X-Hub-Signature header.');
		expect(await rejected(t, body, sign('someone-else', body))).toBe(mismatch);
		expect(await rejected(t, body, good.slice('sha256='.length))).toMatch(/X-Hub-Signature/);
		const sha1 = `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`;
		expect(await rejected(t, body, sha1)).toMatch(/X-Hub-Signature/);
	});

	it("Jira's retry of a delivery (same X-Atlassian-Webhook-Identifier) starts nothing the second time", async () => {
		const t = harness();
		const body = issueEvent('jira:issue_created');
		const first = await t.deliver(delivery(body, sign(SECRET, body)));
		expect(first.result.workflowData).toHaveLength(1);
		const again = await t.deliver(delivery(body, sign(SECRET, body)));
		expect(again.result.workflowData).toBeUndefined();
	});

	it('no signing secret on the trigger: fails closed (401)', async () => {
		const body = issueEvent('jira:issue_created');
		const message = await rejected(harness(undefined, ''), body, sign(SECRET, body));
		expect(message).toMatch(/secret/i);
	});

	it('only the picked events start an execution: comment_created runs, jira:issue_deleted is acknowledged', async () => {
		const t = harness(['comment_created']);
		const comment = issueEvent('comment_created');
		const ok = await t.deliver(delivery(comment, sign(SECRET, comment), 'id-1'));
		expect(ok.result.workflowData?.[0][0].json.event).toBe('comment_created');
		const deleted = issueEvent('jira:issue_deleted');
		const ignored = await t.deliver(delivery(deleted, sign(SECRET, deleted), 'id-2'));
		expect(ignored.result).toEqual({ webhookResponse: { message: 'Event not selected' } });
	});

	it('a signed delivery whose body timestamp is over 72 h old, or that has none, is refused (401); 71 h old runs', async () => {
		const t = harness();
		const hour = 3_600_000;
		const stale = issueEvent('jira:issue_created', 'ED-24', Date.now() - 73 * hour);
		expect(await rejected(t, stale, sign(SECRET, stale), 'id-stale')).toMatch(
			/^The delivery's event time \(timestamp\) is 2628\d\d s old; deliveries older than 259200 s are rejected\.$/,
		);
		const none = issueEvent('jira:issue_created', 'ED-24', null);
		expect(await rejected(t, none, sign(SECRET, none), 'id-none')).toBe(
			'The delivery has no event time (timestamp), so its age cannot be checked: it was rejected and started nothing.',
		);
		const fresh = issueEvent('jira:issue_created', 'ED-24', Date.now() - 71 * hour);
		const ok = await t.deliver(delivery(fresh, sign(SECRET, fresh), 'id-fresh'));
		expect(ok.result.workflowData?.[0][0].json).toMatchObject({ deliveryId: 'id-fresh' });
	});
});
