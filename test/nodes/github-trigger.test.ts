/**
 * GitHub Trigger: repository hook registration (create / checkExists / delete) through n8n-core's real
 * HookContext against a nock GitHub, and deliveries through n8n-core's real WebhookContext, signed as
 * GitHub signs them (services.md § GitHub: HMAC-SHA256 of the raw body, `sha256=` + hex, ping on creation).
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnGithubApi } from '../../credentials/ApiConnGithubApi.credentials';
import { ApiConnGithubOAuth2Api } from '../../credentials/ApiConnGithubOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { sharedReplayStore, signPayload } from '../../lib/webhooks';
import { githubSignature } from '../../nodes/Github/Github.service';
import { GithubTrigger } from '../../nodes/Github/GithubTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://api.github.com';
const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const HOOK = {
	id: 12345678,
	type: 'Repository',
	name: 'web',
	active: true,
	events: ['push', 'pull_request'],
	config: { content_type: 'json', insecure_ssl: '0', url: PROD_URL },
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
		nodeType: new GithubTrigger(),
		parameters: {
			owner: 'n8n-io',
			repository: 'n8n',
			events: ['push', 'pull_request'],
			...parameters,
		} as never,
		credentials: { apiConnGithubApi: { server: API, accessToken: TOKEN } },
		credentialTypes: [new ApiConnGithubApi(), new ApiConnGithubOAuth2Api()],
		...(staticData ? { staticData } : {}),
	});
}

interface Seen {
	method: string;
	path: string;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

function record(seen: Seen[]) {
	return function (this: nock.ReplyFnContext, path: string, body: nock.Body) {
		seen.push({
			method: this.req.method,
			path,
			body: body === '' ? undefined : body,
			headers: this.req.headers,
		});
	};
}

/** Activates the trigger: checkExists (nothing stored), then create; returns the secret sent to GitHub. */
async function activate(t: TriggerHarness): Promise<string> {
	let secret = '';
	nock(API)
		.post('/repos/n8n-io/n8n/hooks', (body: { config: { secret: string } }) => {
			secret = body.config.secret;
			return true;
		})
		.reply(201, HOOK);
	expect(await t.run('checkExists')).toBe(false);
	expect(await t.run('create')).toBe(true);
	return secret;
}

describe('registration', () => {
	it('create: a JSON repository hook for the chosen events, with a fresh secret, on the trigger URL', async () => {
		const t = harness();
		const seen: Seen[] = [];
		const rec = record(seen);
		nock(API)
			.post('/repos/n8n-io/n8n/hooks')
			.reply(201, function (path, body) {
				rec.call(this, path, body);
				return HOOK;
			});
		expect(await t.run('create')).toBe(true);
		expect(seen).toHaveLength(1);
		const [req] = seen;
		expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(req.headers.accept).toBe('application/vnd.github+json');
		expect(req.headers['x-github-api-version']).toBe('2022-11-28');
		const secret = (req.body as { config: { secret: string } }).config.secret;
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(req.body).toEqual({
			name: 'web',
			active: true,
			events: ['push', 'pull_request'],
			config: { url: PROD_URL, content_type: 'json', insecure_ssl: '0', secret },
		});
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: '12345678',
				// Only sealed (lib/triggers/secrets.ts): the REST API shows static data to anyone who can read the workflow.
				sealedSecret: expect.stringMatching(/^v1\.[\w-]+$/),
				events: ['push', 'pull_request'],
				webhookUrl: PROD_URL,
				data: { owner: 'n8n-io', repo: 'n8n' },
			},
		});
	});

	it('checkExists: asks GitHub for the stored hook; gone (404) means register again', async () => {
		const t = harness();
		await activate(t);
		const present = nock(API)
			.get('/repos/n8n-io/n8n/hooks/12345678')
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(200, HOOK);
		expect(await t.run('checkExists')).toBe(true);
		expect(present.isDone()).toBe(true);
		nock(API).get('/repos/n8n-io/n8n/hooks/12345678').reply(404, {
			message: 'Not Found',
			documentation_url: 'https://docs.github.com/rest/repos/webhooks#get-a-repository-webhook',
		});
		expect(await t.run('checkExists')).toBe(false);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('delete: removes the hook at GitHub and forgets id and secret; already deleted (404) is fine', async () => {
		const t = harness();
		await activate(t);
		const scope = nock(API)
			.delete('/repos/n8n-io/n8n/hooks/12345678')
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});

		await activate(t);
		nock(API).delete('/repos/n8n-io/n8n/hooks/12345678').reply(404, { message: 'Not Found' });
		expect(await t.run('delete')).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('the hook is removed from the repository it was registered on, even after the node was pointed elsewhere', async () => {
		const t = harness();
		await activate(t);
		t.setParameters({
			owner: 'octocat',
			repository: 'hello-world',
			events: ['push', 'pull_request'],
		});
		const scope = nock(API).delete('/repos/n8n-io/n8n/hooks/12345678').reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(scope.isDone()).toBe(true);
	});

	it('a leftover hook on this URL (422 "Hook already exists") is replaced, not duplicated', async () => {
		const t = harness();
		const scope = nock(API)
			.post('/repos/n8n-io/n8n/hooks')
			.reply(422, {
				message: 'Validation Failed',
				errors: [
					{ resource: 'Hook', code: 'custom', message: 'Hook already exists on this repository' },
				],
			})
			.get('/repos/n8n-io/n8n/hooks')
			.query({ per_page: '100' })
			.reply(200, [
				{ ...HOOK, id: 1, config: { ...HOOK.config, url: 'https://ci.example.com/hook' } },
				{ ...HOOK, id: 999, config: { ...HOOK.config, url: PROD_URL } },
			])
			.delete('/repos/n8n-io/n8n/hooks/999')
			.reply(204)
			.post('/repos/n8n-io/n8n/hooks')
			.reply(201, { ...HOOK, id: 1000 });
		expect(await t.run('create')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect((t.nodeStaticData().production as { hookId: string }).hookId).toBe('1000');
	});

	it('a refusal that is not a leftover hook fails activation with GitHub’s reason and the fix', async () => {
		const t = harness();
		nock(API).post('/repos/n8n-io/n8n/hooks').reply(404, { message: 'Not Found' });
		const error = (await t.run('create').catch((e: unknown) => e)) as {
			message: string;
			description: string;
		};
		// n8n shows only the message of an activation error, so it carries the fix too.
		expect(error.message).toMatch(
			/^Could not register the GitHub webhook: GitHub: 404 Not Found – Not Found\. /,
		);
		// GitHub answers 404 for a repository the token may not see: the trigger's scope is named too.
		expect(error.message).toContain(
			"GitHub found nothing at POST /repos/{owner}/{repo}/hooks for owner 'n8n-io', repo 'n8n': it does not exist, or it is private and the connection may not see it (GitHub answers 404 then). Check that owner 'n8n-io', repo 'n8n' is right, and that the credential 'apiConnGithubApi account' has the permission repo and access to it.",
		);
		expect(error.description).toContain("Check that owner 'n8n-io', repo 'n8n' is right");
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe('organization webhook (Repository Name left empty)', () => {
	const ORG_HOOK = { ...HOOK, id: 87654321, type: 'Organization', events: ['team', 'push'] };

	it('create: POST /orgs/{org}/hooks with the events (organization-only ones included); the org is stored', async () => {
		const t = harness({ owner: 'n8n-io', repository: '', events: ['team', 'push'] });
		const seen: Seen[] = [];
		const rec = record(seen);
		nock(API)
			.post('/orgs/n8n-io/hooks')
			.reply(201, function (path, body) {
				rec.call(this, path, body);
				return ORG_HOOK;
			});
		expect(await t.run('checkExists')).toBe(false);
		expect(await t.run('create')).toBe(true);
		expect(seen.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
			['POST', '/orgs/n8n-io/hooks', `Bearer ${TOKEN}`],
		]);
		const secret = (seen[0].body as { config: { secret: string } }).config.secret;
		expect(seen[0].body).toEqual({
			name: 'web',
			active: true,
			events: ['team', 'push'],
			config: { url: PROD_URL, content_type: 'json', insecure_ssl: '0', secret },
		});
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: '87654321',
				sealedSecret: expect.stringMatching(/^v1\.[\w-]+$/),
				events: ['team', 'push'],
				webhookUrl: PROD_URL,
				data: { org: 'n8n-io' },
			},
		});
	});

	it('checkExists and delete use /orgs/{org}/hooks/{id} of the stored organization', async () => {
		const t = harness({ owner: 'n8n-io', repository: '', events: ['team', 'push'] });
		nock(API).post('/orgs/n8n-io/hooks').reply(201, ORG_HOOK);
		await t.run('create');
		const exists = nock(API).get('/orgs/n8n-io/hooks/87654321').reply(200, ORG_HOOK);
		expect(await t.run('checkExists')).toBe(true);
		expect(exists.isDone()).toBe(true);
		const removed = nock(API).delete('/orgs/n8n-io/hooks/87654321').reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(removed.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a token without admin:org_hook: the 404 names that scope', async () => {
		const t = harness({ owner: 'n8n-io', repository: '', events: ['organization'] });
		nock(API).post('/orgs/n8n-io/hooks').reply(404, { message: 'Not Found' });
		const error = (await t.run('create').catch((e: unknown) => e)) as { message: string };
		expect(error.message).toContain('Could not register the GitHub webhook');
		expect(error.message).toContain('admin:org_hook');
		expect(t.nodeStaticData()).toEqual({});
	});

	it('organization-only events on a repository are refused before any request, naming them', async () => {
		const t = harness({ events: ['push', 'team', 'membership'] });
		const error = (await t.run('create').catch((e: unknown) => e)) as { message: string };
		expect(error.message).toBe(
			"Could not register the GitHub webhook: GitHub sends team, membership to organization webhooks only, not to a repository's. Leave Repository Name empty to register an organization webhook (Repository Owner is the organization), or unselect those events.",
		);
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('deliveries', () => {
	const pushBody = JSON.stringify({
		ref: 'refs/heads/main',
		before: '9049f126',
		after: '0d1a26e6',
		repository: { full_name: 'n8n-io/n8n' },
		pusher: { name: 'octocat' },
	});

	function delivery(secret: string, event: string, body = pushBody) {
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'user-agent': 'GitHub-Hookshot/044aadd',
			'x-github-event': event,
			'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
			'x-github-hook-id': '12345678',
			...signPayload(githubSignature, { rawBody: Buffer.from(body), secret }),
		};
		return { method: 'POST', rawBody: body, headers };
	}

	it('GitHub\'s own test vector verifies (secret "It\'s a Secret to Everybody", body "Hello, World!")', async () => {
		const stored = {
			production: {
				hookId: '1',
				secret: "It's a Secret to Everybody",
				events: ['*'],
				webhookUrl: PROD_URL,
				data: { owner: 'n8n-io', repo: 'n8n' },
			},
		};
		const t = harness({ events: ['*'] }, { 'node:GitHub Trigger': stored });
		const { result, response } = await t.deliver({
			method: 'POST',
			rawBody: 'Hello, World!',
			headers: {
				'content-type': 'text/plain',
				'x-github-event': 'push',
				'x-hub-signature-256':
					'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
			},
		});
		// The signature passes (not 401); the body is not JSON, which GitHub never sends, so it starts nothing (issue 10, item 17).
		expect(result).toEqual({ noWebhookResponse: true });
		expect([response.statusCode, response.body]).toEqual([
			400,
			{
				message:
					'GitHub deliveries are JSON, but this body is not (Content-Type: text/plain): it was rejected and started nothing.',
			},
		]);
	});

	it('a signed push starts the workflow with the event, delivery id, payload and headers', async () => {
		const t = harness();
		const secret = await activate(t);
		const d = delivery(secret, 'push');
		const { result, response } = await t.deliver(d);
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							event: 'push',
							deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
							body: JSON.parse(pushBody),
							headers: { ...d.headers },
							query: {},
						},
					},
				],
			],
		});
		expect(JSON.stringify(result)).not.toContain(secret);
	});

	it('answers the ping GitHub sends on creation, without running the workflow', async () => {
		const t = harness();
		const secret = await activate(t);
		const ping = JSON.stringify({ zen: 'Design for failure.', hook_id: 12345678, hook: HOOK });
		expect((await t.deliver(delivery(secret, 'ping', ping))).result).toEqual({
			webhookResponse: { message: 'pong' },
		});
	});

	it('tampered, unsigned (legacy sha1 only) and wrongly signed deliveries get 401 and start nothing', async () => {
		const t = harness();
		const secret = await activate(t);

		const tampered = delivery(secret, 'push');
		tampered.rawBody = pushBody.replace('octocat', 'mallory');
		const a = await t.deliver(tampered);
		expect(a.result).toEqual({ noWebhookResponse: true });
		expect([a.response.statusCode, a.response.body]).toEqual([
			401,
			{
				message:
					'The X-Hub-Signature-256 signature does not match the request (wrong secret, or the body was changed).',
			},
		]);

		const unsigned = delivery(secret, 'push');
		delete unsigned.headers['x-hub-signature-256'];
		unsigned.headers['x-hub-signature'] = 'sha1=7d38cdd689735b008b3c702edd92eea23791c5f6';
		const b = await t.deliver(unsigned);
		expect(b.result).toEqual({ noWebhookResponse: true });
		expect([b.response.statusCode, b.response.body]).toEqual([
			401,
			{ message: 'The request has no X-Hub-Signature-256 header.' },
		]);

		const c = await t.deliver(delivery('0'.repeat(64), 'push'));
		expect(c.result).toEqual({ noWebhookResponse: true });
		expect(c.response.statusCode).toBe(401);
		expect(c.response.raw()).not.toContain(secret);
	});

	it('an event that was not selected is acknowledged and starts nothing', async () => {
		const t = harness();
		const secret = await activate(t);
		expect((await t.deliver(delivery(secret, 'issues', '{"action":"opened"}'))).result).toEqual({
			webhookResponse: { message: 'Event not selected' },
		});
		expect(
			(await t.deliver(delivery(secret, 'pull_request', '{"action":"opened"}'))).result
				.workflowData?.[0][0].json.event,
		).toBe('pull_request');
	});
});

describe('node description', () => {
	const d = new GithubTrigger().description;

	it('is a webhook trigger with the repository, the events and both connections', () => {
		expect([d.name, d.displayName, d.group, d.inputs, d.usableAsTool]).toEqual([
			'githubTrigger',
			'GitHub Trigger (API Connections)',
			['trigger'],
			[],
			undefined,
		]);
		expect(d.icon).toEqual({ light: 'file:github.svg', dark: 'file:github.dark.svg' });
		expect(d.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		]);
		expect(d.credentials).toEqual([
			{
				name: 'apiConnGithubApi',
				required: true,
				displayOptions: { show: { authentication: ['apiConnGithubApi'] } },
			},
			{
				name: 'apiConnGithubOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['apiConnGithubOAuth2Api'] } },
			},
		]);
		expect(d.properties.map((p) => p.name)).toEqual([
			'authentication',
			'owner',
			'repository',
			'events',
		]);
		const events = d.properties.find((p) => p.name === 'events')!;
		expect(events.default).toEqual(['push']);
		// Every repository and organization event GitHub documents (the list itself: test/conformance/github-openapi.test.ts).
		expect(events.options).toHaveLength(63);
		expect(events.options?.find((o) => (o as { value: string }).value === 'team')).toEqual({
			name: 'Team',
			value: 'team',
			description:
				'A team was created, edited or deleted, or its repository access changed (organization webhooks only: leave Repository Name empty)',
		});
		expect(d.properties.find((p) => p.name === 'repository')?.required).toBeUndefined();
		expect(events.options?.slice(0, 3)).toEqual([
			{
				name: 'Any Event',
				value: '*',
				description: 'Every event GitHub sends for the repository or organization',
			},
			{
				name: 'Branch Protection Configuration',
				value: 'branch_protection_configuration',
				description: 'Branch protection was enabled or disabled for the whole repository',
			},
			{
				name: 'Branch Protection Rule',
				value: 'branch_protection_rule',
				description: 'A branch protection rule was created, edited or deleted',
			},
		]);
	});
});
