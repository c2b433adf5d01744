/**
 * The calls the engine makes on its own follow the same redirect rule as node requests: a trigger's hook
 * registration (which carries the webhook secret in its body) answered with a redirect to another origin
 * sends nothing there; on the same origin it is followed with the credential. And no module sends HTTP
 * except through the pipeline, so renewal, revocation and the account label are covered by the same rule.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import nock from 'nock';

import { ApiConnGithubApi } from '../../credentials/ApiConnGithubApi.credentials';
import { ApiConnGithubOAuth2Api } from '../../credentials/ApiConnGithubOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { GithubTrigger } from '../../nodes/Github/GithubTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://api.github.com';
const EVIL = 'https://hooks.evil.example.test';
const TOKEN = 'ghp_RedirectTest0000000000000000000000001';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const HOOK = {
	id: 4242,
	type: 'Repository',
	name: 'web',
	active: true,
	events: ['push'],
	config: { content_type: 'json', insecure_ssl: '0', url: PROD_URL },
};

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [] }));
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(): TriggerHarness {
	return createTriggerHarness({
		nodeType: new GithubTrigger(),
		parameters: { owner: 'n8n-io', repository: 'n8n', events: ['push'] } as never,
		credentials: { apiConnGithubApi: { server: API, accessToken: TOKEN } },
		credentialTypes: [new ApiConnGithubApi(), new ApiConnGithubOAuth2Api()],
	});
}

describe('trigger registration and redirects', () => {
	it.each([307, 308, 302])(
		'create answered %i to another origin: the hook secret and the token never go there',
		async (status) => {
			const foreign: unknown[] = [];
			const record = function (
				this: nock.ReplyFnContext,
				uri: string,
				body: nock.Body,
			): [number, unknown] {
				foreign.push({ uri, headers: this.req.headers, body });
				return [201, HOOK];
			};
			nock(EVIL).persist().post(/.*/).reply(record).get(/.*/).reply(record);
			const first = nock(API)
				.post('/repos/n8n-io/n8n/hooks')
				.matchHeader('authorization', `Bearer ${TOKEN}`)
				.reply(status, '', { location: `${EVIL}/collect` });
			const t = harness();
			const error = await t.run('create').then(
				() => undefined,
				(e: Error) => e,
			);
			expect(first.isDone()).toBe(true);
			expect(foreign).toEqual([]);
			// The trigger may wrap the engine's message ("Could not register the GitHub webhook: …"): the engine's words stay.
			expect(error?.message).toContain(
				`GitHub: refused to follow a redirect to ${EVIL}, another origin`,
			);
			expect(JSON.stringify(error)).not.toContain(TOKEN);
			expect(t.nodeStaticData()).toEqual({});
		},
	);

	it('create answered 307 on the same origin: re-sent there with the token and the same body', async () => {
		let body: { config?: { secret?: string } } | undefined;
		nock(API).post('/repos/n8n-io/n8n/hooks').reply(307, '', { location: '/repositories/1/hooks' });
		const moved = nock(API)
			.post('/repositories/1/hooks', (b: { config?: { secret?: string } }) => {
				body = b;
				return true;
			})
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(201, HOOK);
		const t = harness();
		expect(await t.run('create')).toBe(true);
		expect(moved.isDone()).toBe(true);
		expect(body?.config?.secret).toMatch(/^[0-9a-f]{64}$/);
		expect((t.nodeStaticData() as { production?: { hookId?: string } }).production?.hookId).toBe(
			'4242',
		);
	});
});

describe('every request goes through the pipeline', () => {
	it("no module but the pipeline calls n8n's HTTP helpers (so every engine call gets the redirect rule)", () => {
		const root = join(__dirname, '..', '..');
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) walk(path);
				else if (name.endsWith('.ts')) files.push(path);
			}
		};
		walk(join(root, 'lib'));
		walk(join(root, 'nodes'));
		walk(join(root, 'credentials'));
		const senders = files.filter((f) =>
			/helpers\s*\.\s*(httpRequest|request|requestWithAuthentication|httpRequestWithAuthentication|requestOAuth2)\b|\bfetch\s*\(|from 'axios'|require\('axios'\)/.test(
				readFileSync(f, 'utf8'),
			),
		);
		expect(senders.map((f) => f.slice(root.length + 1))).toEqual([
			join('lib', 'transport', 'pipeline.ts'),
		]);
	});
});
