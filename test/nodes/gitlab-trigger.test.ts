/**
 * GitLab Trigger: project and group hook registration (create / checkExists / delete) through n8n-core's real
 * HookContext against a nock GitLab, and deliveries through n8n-core's real WebhookContext, sent as GitLab sends
 * them (services.md § GitLab: the secret token verbatim in X-Gitlab-Token, the event in X-Gitlab-Event,
 * Idempotency-Key stable across retries, X-Gitlab-Event-UUID shared by the events of one request).
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnGitlabApi } from '../../credentials/ApiConnGitlabApi.credentials';
import { ApiConnGitlabOAuth2Api } from '../../credentials/ApiConnGitlabOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { checkDelivery, schemeProblems, sharedReplayStore, signPayload } from '../../lib/webhooks';
import { gitlabSignature } from '../../nodes/Gitlab/Gitlab.service';
import { GitlabTrigger } from '../../nodes/Gitlab/GitlabTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const SERVER = 'https://gitlab.com';
const TOKEN = 'glpat-example-4Hq3mR8kT2vX9cLp';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const PROJECT_HOOKS = '/api/v4/projects/gitlab-org%2Fci-cd%2Fn8n-demo/hooks';
const HOOK = {
	id: 1207,
	url: PROD_URL,
	name: 'n8n (API Connections)',
	project_id: 278964,
	push_events: true,
	merge_requests_events: true,
	enable_ssl_verification: true,
	created_at: '2026-12-03T06:00:00.000Z',
};

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [] }));
afterEach(() => nock.cleanAll());
// Each test is a fresh trigger: nothing one test accepted counts as a replay in the next.
beforeEach(async () => await sharedReplayStore().clear());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(
	parameters: Record<string, unknown> = {},
	staticData?: IDataObject,
): TriggerHarness {
	return createTriggerHarness({
		nodeType: new GitlabTrigger(),
		parameters: {
			scope: 'project',
			target: 'gitlab-org/ci-cd/n8n-demo',
			events: ['Push Hook', 'Merge Request Hook'],
			...parameters,
		} as never,
		credentials: { apiConnGitlabApi: { server: SERVER, accessToken: TOKEN } },
		credentialTypes: [new ApiConnGitlabApi(), new ApiConnGitlabOAuth2Api()],
		...(staticData ? { staticData } : {}),
	});
}

interface Seen {
	method: string;
	path: string;
	body: unknown;
	token: unknown;
}

/** A fake GitLab for the hook API: the hooks listed, then what create sends; records every request. */
function gitlab(seen: Seen[], base = PROJECT_HOOKS, listed: unknown[] = []) {
	const rec = function (this: nock.ReplyFnContext, path: string, body: nock.Body) {
		seen.push({
			method: this.req.method,
			path,
			body: body === '' ? undefined : body,
			token: this.req.headers['private-token'],
		});
	};
	return nock(SERVER)
		.get(`${base}?per_page=100`)
		.reply(200, function (path, body) {
			rec.call(this, path, body);
			return listed;
		})
		.post(base)
		.reply(201, function (path, body) {
			rec.call(this, path, body);
			return HOOK;
		});
}

/** The flags of a project hook with these events on. */
const flags = (on: string[]) =>
	Object.fromEntries(
		[
			'push_events',
			'tag_push_events',
			'issues_events',
			'confidential_issues_events',
			'note_events',
			'confidential_note_events',
			'merge_requests_events',
			'job_events',
			'pipeline_events',
			'wiki_page_events',
			'deployment_events',
			'releases_events',
			'feature_flag_events',
			'emoji_events',
			'resource_access_token_events',
		].map((f) => [f, on.includes(f)]),
	);

/** Activates the trigger; returns the secret token given to GitLab. */
async function activate(t: TriggerHarness): Promise<string> {
	const seen: Seen[] = [];
	gitlab(seen);
	expect(await t.run('checkExists')).toBe(false);
	expect(await t.run('create')).toBe(true);
	return (seen[1].body as { token: string }).token;
}

describe('registration', () => {
	it('create: a project hook with every event flag set (the chosen ones true), a fresh token, TLS verified', async () => {
		const t = harness({ branchFilter: 'main' });
		const seen: Seen[] = [];
		const scope = gitlab(seen);
		expect(await t.run('create')).toBe(true);
		expect(scope.isDone()).toBe(true);
		const secret = (seen[1].body as { token: string }).token;
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(seen).toEqual([
			{ method: 'GET', path: `${PROJECT_HOOKS}?per_page=100`, body: undefined, token: TOKEN },
			{
				method: 'POST',
				path: PROJECT_HOOKS,
				token: TOKEN,
				body: {
					url: PROD_URL,
					token: secret,
					name: 'n8n (API Connections)',
					enable_ssl_verification: true,
					...flags(['push_events', 'merge_requests_events']),
					push_events_branch_filter: 'main',
				},
			},
		]);
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: '1207',
				sealedSecret: expect.stringMatching(/^v1\.[\w-]+$/),
				events: ['Push Hook', 'Merge Request Hook'],
				webhookUrl: PROD_URL,
				data: { scope: 'project', target: 'gitlab-org/ci-cd/n8n-demo' },
			},
		});
	});

	it('a group hook goes to /groups/:id/hooks and may carry the group-only events', async () => {
		const t = harness({
			scope: 'group',
			target: 'gitlab-org',
			events: ['Member Hook', 'Push Hook'],
		});
		const seen: Seen[] = [];
		gitlab(seen, '/api/v4/groups/gitlab-org/hooks');
		expect(await t.run('create')).toBe(true);
		expect(seen[1].body).toMatchObject({
			push_events: true,
			member_events: true,
			subgroup_events: false,
			project_events: false,
			issues_events: false,
		});
	});

	it('a hook left on this URL by a lost activation is deleted first; other hooks are left alone', async () => {
		const t = harness();
		const seen: Seen[] = [];
		gitlab(seen, PROJECT_HOOKS, [
			{ ...HOOK, id: 5, url: 'https://ci.example.com/hook' },
			{ ...HOOK, id: 6, url: PROD_URL },
		]);
		const removed = nock(SERVER).delete(`${PROJECT_HOOKS}/6`).reply(204);
		expect(await t.run('create')).toBe(true);
		expect(removed.isDone()).toBe(true);
		expect(seen.map((s) => s.method)).toEqual(['GET', 'POST']);
	});

	it('checkExists asks for the stored hook (404: register again); delete removes it where it was registered', async () => {
		const t = harness();
		await activate(t);
		nock(SERVER).get(`${PROJECT_HOOKS}/1207`).reply(200, HOOK);
		expect(await t.run('checkExists')).toBe(true);
		nock(SERVER).get(`${PROJECT_HOOKS}/1207`).reply(404, { message: '404 Not Found' });
		expect(await t.run('checkExists')).toBe(false);

		await activate(t);
		t.setParameters({ scope: 'group', target: 'elsewhere', events: ['Push Hook'] });
		const del = nock(SERVER)
			.delete(`${PROJECT_HOOKS}/1207`)
			.matchHeader('private-token', TOKEN)
			.reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(del.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a refusal (Maintainer role needed) fails activation with GitLab’s reason, and stores nothing', async () => {
		const t = harness();
		nock(SERVER).get(`${PROJECT_HOOKS}?per_page=100`).reply(403, { message: '403 Forbidden' });
		const error = (await t.run('create').catch((e: unknown) => e)) as { message: string };
		expect(error.message).toMatch(
			/^Could not register the GitLab webhook: GitLab: 403 Forbidden – 403 Forbidden\. /,
		);
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe('deliveries', () => {
	const pushBody = JSON.stringify({
		object_kind: 'push',
		event_name: 'push',
		before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
		after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
		ref: 'refs/heads/main',
		user_username: 'jsmith',
		project: { id: 278964, path_with_namespace: 'gitlab-org/ci-cd/n8n-demo' },
		total_commits_count: 1,
	});
	const mrBody = JSON.stringify({
		object_kind: 'merge_request',
		event_type: 'merge_request',
		object_attributes: { iid: 12, action: 'open', state: 'opened' },
	});

	function delivery(
		token: string | undefined,
		event: string,
		body = pushBody,
		ids: { key?: string; uuid?: string } = {},
	) {
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'user-agent': 'GitLab/17.6.0',
			'x-gitlab-event': event,
			'x-gitlab-instance': 'https://gitlab.com',
			'x-gitlab-webhook-uuid': '8d0a9e5c-3a51-4c8e-9f4e-000000001207',
			'x-gitlab-event-uuid': ids.uuid ?? '3d8c6a36-1b1c-4b0e-8e4e-5a2a5a1f0001',
			'idempotency-key': ids.key ?? 'f4c1e2d0-58b4-4c1c-9e7e-2c1b6f1a0001',
		};
		if (token !== undefined) headers['x-gitlab-token'] = token;
		return { method: 'POST', rawBody: body, headers };
	}

	it('the scheme is a shared token (no signature), re-sent as the same bytes, valid, and signs as GitLab sends it', () => {
		expect(gitlabSignature).toEqual({
			header: 'X-Gitlab-Token',
			algorithm: 'token',
			resendsSameBytes: true,
		});
		expect(schemeProblems(gitlabSignature)).toEqual([]);
		expect(
			signPayload(gitlabSignature, { rawBody: Buffer.from('{}'), secret: 's3cr3t-token' }),
		).toEqual({
			'x-gitlab-token': 's3cr3t-token',
		});
		// Fields of signatures make no sense for a token: refused, so a spec cannot believe it signs.
		expect(
			schemeProblems({ ...gitlabSignature, encoding: 'hex', timestampHeader: 'X-Time' }),
		).toEqual([
			'encoding applies to signatures; a shared token is compared as sent',
			'timestampHeader applies to signatures; a shared token is compared as sent',
		]);
	});

	it('a push with the right token starts the workflow with the event, delivery id, payload; the token is redacted', async () => {
		const t = harness();
		const secret = await activate(t);
		const d = delivery(secret, 'Push Hook');
		const { result, response } = await t.deliver(d);
		expect(response.statusCode).toBeUndefined();
		const { 'x-gitlab-token': _token, ...rest } = d.headers;
		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							event: 'Push Hook',
							deliveryId: 'f4c1e2d0-58b4-4c1c-9e7e-2c1b6f1a0001',
							body: JSON.parse(pushBody),
							headers: { ...rest, 'x-gitlab-token': '[redacted]' },
							query: {},
						},
					},
				],
			],
		});
		expect(JSON.stringify(result)).not.toContain(secret);
	});

	it('missing, empty or wrong token: 401, nothing starts, the secret never echoed', async () => {
		const t = harness();
		const secret = await activate(t);
		const cases = [
			[undefined, 'The request has no X-Gitlab-Token header.'],
			['', 'The request has no X-Gitlab-Token header.'],
			[
				secret.slice(0, -1),
				"The X-Gitlab-Token header does not carry this webhook's secret token.",
			],
			[`${secret}x`, "The X-Gitlab-Token header does not carry this webhook's secret token."],
			[
				secret.toUpperCase(),
				"The X-Gitlab-Token header does not carry this webhook's secret token.",
			],
		] as const;
		for (const [token, message] of cases) {
			const r = await t.deliver(delivery(token, 'Push Hook'));
			expect([r.result, r.response.statusCode, r.response.body]).toEqual([
				{ noWebhookResponse: true },
				401,
				{ message },
			]);
			expect(r.response.raw()).not.toContain(secret);
		}
	});

	it('fails closed without a stored secret (state lost): 401, and says to activate again', async () => {
		const t = harness(
			{},
			{ 'node:GitLab Trigger': { production: { hookId: '1207', events: ['Push Hook'] } } },
		);
		const r = await t.deliver(delivery('anything', 'Push Hook'));
		expect([r.result, r.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
		expect((r.response.body as { message: string }).message).toContain(
			'Deactivate and activate the workflow again',
		);
	});

	it('a re-send (same Idempotency-Key, or the same body) gets 200 and starts nothing; GitLab’s shared X-Gitlab-Event-UUID is no reason to refuse', async () => {
		const t = harness();
		const secret = await activate(t);
		const first = await t.deliver(
			delivery(secret, 'Push Hook', pushBody, { key: 'key-1', uuid: 'u-1' }),
		);
		expect(first.result.workflowData).toHaveLength(1);
		// GitLab re-sends a delivery (retry or "Resend request") with the same Idempotency-Key.
		const resent = await t.deliver(
			delivery(secret, 'Push Hook', pushBody, { key: 'key-1', uuid: 'u-9' }),
		);
		// 200 so GitLab stops retrying (a 4xx counts toward disabling the hook); nothing starts.
		expect([resent.result.workflowData, resent.response.statusCode]).toEqual([undefined, 200]);
		expect(resent.response.body).toEqual({
			message: 'This delivery was already received and accepted: nothing new was started.',
		});
		// A copy of the same body under a new key starts nothing either.
		const copied = await t.deliver(
			delivery(secret, 'Push Hook', pushBody, { key: 'key-2', uuid: 'u-1' }),
		);
		expect([copied.result.workflowData, copied.response.statusCode]).toEqual([undefined, 200]);
		// Another event of the same request shares X-Gitlab-Event-UUID: it is a new delivery and runs.
		const other = await t.deliver(
			delivery(secret, 'Merge Request Hook', mrBody, { key: 'key-3', uuid: 'u-1' }),
		);
		expect(other.result.workflowData?.[0][0].json).toMatchObject({
			event: 'Merge Request Hook',
			deliveryId: 'key-3',
		});
	});

	it('an event that was not selected is acknowledged and starts nothing', async () => {
		const t = harness();
		const secret = await activate(t);
		expect(
			(await t.deliver(delivery(secret, 'Pipeline Hook', '{"object_kind":"pipeline"}'))).result,
		).toEqual({
			webhookResponse: { message: 'Event not selected' },
		});
	});

	it('the token comparison takes the same path for any wrong token (constant time, digests of equal length)', () => {
		const input = (token: string) => ({
			rawBody: Buffer.from(pushBody),
			headers: { 'x-gitlab-token': token },
			secret: 'a'.repeat(64),
			now: 0,
		});
		expect(checkDelivery(gitlabSignature, input('a'.repeat(64))).ok).toBe(true);
		for (const wrong of ['', 'a', 'b'.repeat(64), 'a'.repeat(65), 'a'.repeat(10_000)])
			expect(checkDelivery(gitlabSignature, input(wrong)).ok).toBe(false);
	});
});

describe('node description', () => {
	const d = new GitlabTrigger().description;

	it('is a webhook trigger with where to hook, the events (push by default) and both connections', () => {
		expect([d.name, d.displayName, d.group, d.inputs]).toEqual([
			'gitlabTrigger',
			'GitLab Trigger (API Connections)',
			['trigger'],
			[],
		]);
		expect(d.properties.map((p) => p.name)).toEqual([
			'authentication',
			'scope',
			'target',
			'branchFilter',
			'events',
		]);
		const events = d.properties.find((p) => p.name === 'events')!;
		expect(events.default).toEqual(['Push Hook']);
		expect(events.options).toHaveLength(18);
		expect(d.credentials?.map((c) => c.name)).toEqual([
			'apiConnGitlabApi',
			'apiConnGitlabOAuth2Api',
		]);
	});
});
