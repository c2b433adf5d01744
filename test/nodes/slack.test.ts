/**
 * What is special about Slack beyond the per-operation fixtures (test/fixtures/operations/slack): errors that
 * arrive as HTTP 200 `{ ok: false, error }` in Slack's words (not_in_channel, missing_scope with the scope Slack
 * names in `needed`, token_revoked / invalid_auth → reconnect, ratelimited), 429 with Retry-After, cursor paging
 * through `response_metadata.next_cursor`, the per-method tier budgets and chat.postMessage's one message per
 * second per channel, the OAuth v2 token signed as Bearer (Slack answers `token_type: "bot"`), the refresh of a
 * rotating token, and the file upload (upload URL on another origin, without the token).
 */
import nock from 'nock';

import { ApiConnSlackApi } from '../../credentials/ApiConnSlackApi.credentials';
import { ApiConnSlackOAuth2Api } from '../../credentials/ApiConnSlackOAuth2Api.credentials';
import { validateService } from '../../lib/spec/schema';
import { Slack } from '../../nodes/Slack/Slack.node';
import { slackDefinition } from '../../nodes/Slack/Slack.service';
import { SLACK_SCOPES } from '../../nodes/Slack/Slack.oauth';
import { serviceKit } from '../kit';
import { freshObserver } from '../unit/connections/fixtures';

const API = 'https://slack.com';
const TOKEN = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';
const credential = {
	clientId: '3336676.569200954261',
	clientSecret: '2141029472.691fe2a4f7e3c0b7d1a5',
	oauthTokenData: {
		ok: true,
		access_token: TOKEN,
		token_type: 'bot',
		scope: SLACK_SCOPES.join(','),
		bot_user_id: 'U0KRQLJ9H',
		app_id: 'A0KRD7HC3',
		team: { name: 'Slack Softball Team', id: 'T9TK3CUKW' },
	},
};
const kit = serviceKit({
	origin: API,
	nodeTypes: [new Slack()],
	credentialTypes: [new ApiConnSlackOAuth2Api(), new ApiConnSlackApi()],
	credentials: {
		apiConnSlackOAuth2Api: credential,
		apiConnSlackApi: { accessToken: 'xoxb-1234-5678-PASTEDBOTTOKEN' },
	},
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('slack', parameters as never, extra);

const C = 'C0123456789';
const post = { resource: 'message', operation: 'post', channel: C, text: 'Deploy finished' };
const posted = (ts: string) => ({
	ok: true,
	channel: C,
	ts,
	message: { text: 'Deploy finished', ts },
});

describe('Slack', () => {
	it('the spec is valid, labels the connection with the workspace URL (auth.test) and asks only bot scopes', () => {
		expect(validateService(slackDefinition)).toEqual([]);
		expect(slackDefinition.spec.account).toEqual({ path: '/auth.test', labelPath: 'url' });
		const props = new ApiConnSlackOAuth2Api().properties;
		expect(props.find((p) => p.name === 'scope')?.default).toBe(SLACK_SCOPES.join(','));
		expect(props.find((p) => p.name === 'authUrl')?.default).toBe(
			'https://slack.com/oauth/v2/authorize',
		);
		expect(props.find((p) => p.name === 'accessTokenUrl')?.default).toBe(
			'https://slack.com/api/oauth.v2.access',
		);
		// No user_scope: every operation works with the bot token.
		expect(props.find((p) => p.name === 'authQueryParameters')?.default).toBe('');
	});

	it('signs with Authorization: Bearer although Slack answers token_type "bot" (never the token in the URL)', async () => {
		const seen = kit.fake(['POST', 200, posted('1503435956.000247')]);
		const res = await run(post);
		expect(res.error).toBeUndefined();
		expect(seen[0].uri).toBe('/api/chat.postMessage');
		expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		// The bot's own ids and the team name come back in answers: they are not secrets of the credential.
		expect(res.outputs[0][0].json).toEqual(posted('1503435956.000247'));
	});

	it('the Bot Token credential (pasted xoxb- token) signs the same requests as Bearer', async () => {
		const seen = kit.fake(['POST', 200, posted('1503435956.000247')]);
		const res = await run(
			{ ...post, authentication: 'apiConnSlackApi' },
			{ node: { credentials: { apiConnSlackApi: { id: 'bot-1', name: 'Slack bot token' } } } },
		);
		expect(res.error).toBeUndefined();
		expect(seen[0].uri).toBe('/api/chat.postMessage');
		expect(seen[0].headers.authorization).toBe('Bearer xoxb-1234-5678-PASTEDBOTTOKEN');
		expect(seen[0].body).toEqual({ channel: C, text: 'Deploy finished' });
	});

	describe("errors inside HTTP 200 answers, in Slack's words", () => {
		it('not_in_channel: invite the app', async () => {
			const seen = kit.fake(['POST', 200, { ok: false, error: 'not_in_channel' }]);
			const { error } = await run(post);
			expect(seen).toHaveLength(1);
			expect(error).toMatchObject({
				message: 'Slack: not_in_channel',
				description:
					'The app is not a member of this conversation. Invite the app to the channel (type /invite @YourApp in it, or run Conversation → Join for a public channel), then run the workflow again.',
			});
		});

		it('missing_scope names the scope Slack gives in `needed`, and is not retried', async () => {
			const seen = kit.fake([
				'GET',
				200,
				{
					ok: false,
					error: 'missing_scope',
					needed: 'groups:history',
					provided: 'channels:history,chat:write',
				},
			]);
			const { error } = await run({
				resource: 'conversation',
				operation: 'history',
				channel: 'G0123456789',
			});
			expect(seen).toHaveLength(1);
			expect(error).toMatchObject({
				message: 'Slack: missing_scope',
				description:
					"The connection's token lacks the scope 'groups:history' this method needs (it has: channels:history,chat:write). Add 'groups:history' to the app's scopes (api.slack.com/apps → OAuth & Permissions) and to the credential's Scope field, then reconnect the credential 'apiConnSlackOAuth2Api account'.",
			});
		});

		it.each([
			[
				'token_revoked',
				'The token was revoked (the app was uninstalled or its access removed). Reinstall the app in the workspace and reconnect',
			],
			[
				'invalid_auth',
				'Slack does not accept the token (invalid, or from another workspace). Reconnect',
			],
		])('%s: reconnect, no retry', async (code, words) => {
			const seen = kit.fake(['GET', 200, { ok: false, error: code }]);
			const { error } = await run({ resource: 'team', operation: 'get' });
			expect(seen).toHaveLength(1);
			expect(error?.message).toBe(`Slack: ${code}`);
			expect(error?.description).toContain(words);
			expect(error?.description).toContain("the credential 'apiConnSlackOAuth2Api account'");
		});

		it('invalid_arguments shows the message Slack puts in response_metadata.messages', async () => {
			kit.fake([
				'POST',
				200,
				{
					ok: false,
					error: 'invalid_arguments',
					response_metadata: { messages: ['[ERROR] must provide a name [json-pointer:/name]'] },
				},
			]);
			const { error } = await run({ resource: 'conversation', operation: 'create', name: 'x' });
			expect(error?.message).toBe(
				'Slack: invalid_arguments – [ERROR] must provide a name [json-pointer:/name]',
			);
		});

		it('a field that is not a Slack ID fails before anything is sent, naming the field', async () => {
			const seen = kit.fake();
			const { error } = await run({
				resource: 'conversation',
				operation: 'get',
				channel: '#general',
			});
			expect(seen).toEqual([]);
			expect(error?.message).toContain("'Channel ID'");
			expect(error?.description).toContain('Slack channel IDs start with C, G or D');
		});
	});

	describe('rate limits', () => {
		it('ratelimited in a 200 answer waits for Retry-After and sends the post again', async () => {
			const start = kit.clock.now();
			const seen = kit.fake(
				['POST', 200, { ok: false, error: 'ratelimited' }, { 'retry-after': '30' }],
				['POST', 200, posted('1503435956.000247')],
			);
			const res = await run(post);
			expect(res.error).toBeUndefined();
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(30_000);
			expect(kit.clock.now() - start).toBeLessThan(32_000);
		});

		it('HTTP 429 with Retry-After waits that long, then the read is sent again', async () => {
			const start = kit.clock.now();
			const seen = kit.fake(
				['GET', 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '12' }],
				['GET', 200, { ok: true, presence: 'away' }],
			);
			const res = await run({ resource: 'user', operation: 'getPresence', user: 'W012A3CDE' });
			expect(res.outputs[0].map((i) => i.json)).toEqual([{ ok: true, presence: 'away' }]);
			expect(seen.map((s) => s.uri)).toEqual([
				'/api/users.getPresence?user=W012A3CDE',
				'/api/users.getPresence?user=W012A3CDE',
			]);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(12_000);
		});

		it('posts to one channel go one per second; another channel does not wait', async () => {
			const times: Array<[string, number]> = [];
			nock(API)
				.post('/api/chat.postMessage')
				.times(3)
				.reply(function (_uri, body) {
					const channel = (body as { channel: string }).channel;
					times.push([channel, kit.clock.now()]);
					return [200, posted(`150343595${times.length}.000247`)];
				});
			const start = kit.clock.now();
			const res = await run(
				{ ...post, channel: '={{ $json.channel }}' },
				{
					input: [
						{ json: { channel: C } },
						{ json: { channel: C } },
						{ json: { channel: 'C0987654321' } },
					],
				},
			);
			expect(res.error).toBeUndefined();
			const at = (i: number) => times[i][1] - start;
			expect(times.map(([c]) => c).sort()).toEqual([C, C, 'C0987654321'].sort());
			const same = times.filter(([c]) => c === C).map(([, t]) => t - start);
			const other = times.filter(([c]) => c !== C).map(([, t]) => t - start);
			expect(same[1] - same[0]).toBeGreaterThanOrEqual(1000);
			expect(other[0]).toBeLessThan(1000);
			expect(at(0)).toBeLessThan(1000);
		});

		it('each operation has its own method budget at its Slack tier (Tier 2: 20, Tier 3: 50, Tier 4: 100 a minute)', () => {
			const { tiers } = slackDefinition.spec.rateLimit!;
			const of = (resource: string, op: string) => {
				const o = slackDefinition.spec.resources
					.find((r) => r.id === resource)!
					.operations.find((x) => x.id === op)!;
				return {
					tier: o.rateLimit?.tier,
					key: o.rateLimit?.keyParam,
					...tiers![o.rateLimit!.tier!],
				};
			};
			expect(of('message', 'post')).toEqual({
				tier: 'chat.postMessage',
				key: 'channel',
				requests: 1,
				windowMs: 1000,
			});
			expect(of('conversation', 'getMany')).toEqual({
				tier: 'conversations.list',
				key: undefined,
				requests: 20,
				windowMs: 60_000,
			});
			expect(of('conversation', 'history')).toEqual({
				tier: 'conversations.history',
				key: undefined,
				requests: 50,
				windowMs: 60_000,
			});
			expect(of('user', 'get')).toEqual({
				tier: 'users.info',
				key: undefined,
				requests: 100,
				windowMs: 60_000,
			});
			const untiered = slackDefinition.spec.resources.flatMap((r) =>
				r.operations.filter((o) => !tiers![o.rateLimit?.tier ?? '']).map((o) => `${r.id}.${o.id}`),
			);
			expect(untiered).toEqual([]);
		});
	});

	describe('cursor paging', () => {
		const channel = (id: string) => ({ id, name: id.toLowerCase() });
		it('Return All follows response_metadata.next_cursor until it is empty', async () => {
			const seen = kit.fake(
				[
					'GET',
					200,
					{
						ok: true,
						channels: [channel('C1'), channel('C2')],
						response_metadata: { next_cursor: 'dGVhbTpDMDYxRkE1UEI=' },
					},
				],
				[
					'GET',
					200,
					{ ok: true, channels: [channel('C3')], response_metadata: { next_cursor: '' } },
				],
			);
			const res = await run({ resource: 'conversation', operation: 'getMany', returnAll: true });
			expect(seen.map((s) => s.uri)).toEqual([
				'/api/conversations.list?limit=200',
				'/api/conversations.list?limit=200&cursor=dGVhbTpDMDYxRkE1UEI%3D',
			]);
			expect(res.outputs[0].map((i) => i.json.id)).toEqual(['C1', 'C2', 'C3']);
		});

		it('Limit asks for no more than it needs and stops there', async () => {
			const seen = kit.fake([
				'GET',
				200,
				{
					ok: true,
					members: [{ id: 'U1' }, { id: 'U2' }],
					response_metadata: { next_cursor: 'dXNlcjpVMEc5V0ZYTlo=' },
				},
			]);
			const res = await run({ resource: 'user', operation: 'getMany', returnAll: false, limit: 2 });
			expect(seen.map((s) => s.uri)).toEqual(['/api/users.list?limit=2']);
			expect(res.outputs[0].map((i) => i.json.id)).toEqual(['U1', 'U2']);
		});
	});

	describe('Custom Request (any Web API method through the connection)', () => {
		it("GET with a query row: Bearer token, and an {ok: false} answer is an error in Slack's words", async () => {
			const seen = kit.fake(['GET', 200, { ok: false, error: 'channel_not_found' }]);
			const { error } = await run({
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'GET',
				requestPath: '/conversations.info',
				requestQuery: { parameter: [{ name: 'channel', value: 'C0NOTHERE0' }] },
			});
			expect(seen.map((s) => [s.method, s.uri, s.headers.authorization])).toEqual([
				['GET', '/api/conversations.info?channel=C0NOTHERE0', `Bearer ${TOKEN}`],
			]);
			expect(error).toMatchObject({
				message: 'Slack: channel_not_found',
				description:
					'Slack found no conversation with this ID that the app can see. Check the Channel ID (Conversation → Get Many lists them); a private channel needs the app invited and the groups:read scope.',
			});
		});

		it('POST with a JSON body: sent as written, the answer is the output', async () => {
			const seen = kit.fake(['POST', 200, { ok: true, channel: C, ts: '1733140800.000200' }]);
			const res = await run({
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'POST',
				requestPath: 'chat.meMessage',
				requestBody: `{"channel": "${C}", "text": "is deploying"}`,
			});
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => [s.method, s.uri, s.body])).toEqual([
				['POST', '/api/chat.meMessage', { channel: C, text: 'is deploying' }],
			]);
			expect(res.outputs[0].map((i) => i.json)).toEqual([
				{ ok: true, channel: C, ts: '1733140800.000200' },
			]);
		});
	});

	describe('lists Slack answers whole (pins, user groups, group members), from node version 2', () => {
		// More than Limit's default (50): a version 1 workflow, saved without the fields, must still get all.
		const groups = {
			ok: true,
			usergroups: Array.from({ length: 60 }, (_, n) => ({ id: `S${n + 1}` })),
		};
		const list = { resource: 'userGroup', operation: 'getMany' };

		it('version 2: Limit keeps the first items of the one answer, Return All every one; version 1: all 60', async () => {
			const seen = kit.fake(...Array(3).fill(['GET', 200, groups]));
			const limited = await run({ ...list, returnAll: false, limit: 2 });
			const all = await run({ ...list, returnAll: true });
			const v1 = await kit.run('slack', list as never, {
				node: { type: 'slack', typeVersion: 1, parameters: list as never },
			});
			expect(seen.map((s) => [s.method, s.uri])).toEqual(
				Array(3).fill(['GET', '/api/usergroups.list']),
			);
			expect(limited.outputs[0].map((i) => i.json)).toEqual([{ id: 'S1' }, { id: 'S2' }]);
			expect(all.outputs[0].map((i) => i.json)).toEqual(groups.usergroups);
			expect(v1.outputs[0].map((i) => i.json)).toEqual(groups.usergroups);
		});

		it('Limit 1 on the members of a group: one user ID; on pins: one pinned item', async () => {
			kit.fake(['GET', 200, { ok: true, users: ['U060R4BJ4', 'W123A4BC5'] }]);
			const users = await run({
				resource: 'userGroup',
				operation: 'getUsers',
				usergroup: 'S0614TZR7',
				returnAll: false,
				limit: 1,
			});
			expect(users.outputs[0].map((i) => i.json)).toEqual([{ data: 'U060R4BJ4' }]);
			const seen = kit.fake([
				'GET',
				200,
				{
					ok: true,
					items: [
						{ type: 'message', channel: C },
						{ type: 'file', channel: C },
					],
				},
			]);
			const pins = await run({
				resource: 'pin',
				operation: 'getMany',
				channel: C,
				returnAll: false,
				limit: 1,
			});
			expect(seen.map((s) => s.uri)).toEqual([`/api/pins.list?channel=${C}`]);
			expect(pins.outputs[0].map((i) => i.json)).toEqual([{ type: 'message', channel: C }]);
		});
	});

	describe('token rotation', () => {
		// Slack answers an expired token with HTTP 200 `token_expired`, never 401: n8n alone would not refresh it.
		// The connections engine refreshes it before it expires (within the margin, 5 min by default).
		const { observer } = freshObserver();
		const rotatingKit = serviceKit({
			origin: API,
			nodeTypes: [new Slack()],
			credentialTypes: [new ApiConnSlackOAuth2Api()],
			runtime: { observers: [observer] },
		});
		afterAll(async () => await observer.close());

		it('a rotating token (12 h) is refreshed at oauth.v2.access before it expires; the new refresh token is kept', async () => {
			const rotating = {
				...credential,
				oauthTokenData: {
					...credential.oauthTokenData,
					access_token: 'xoxe.xoxb-1-OLD',
					refresh_token: 'xoxe-1-OLDREFRESH',
					expires_in: 43200,
					// Issued 11 h 58 min ago: two minutes left.
					n8n_expires_at: String(rotatingKit.clock.now() + 120_000),
				},
			};
			const seen = rotatingKit.fake(
				[
					'POST',
					200,
					{
						ok: true,
						access_token: 'xoxe.xoxb-1-NEW',
						token_type: 'bot',
						expires_in: 43200,
						refresh_token: 'xoxe-1-NEWREFRESH',
						scope: SLACK_SCOPES.join(','),
					},
				],
				// The connection's label ("who am I"), read once with the new token.
				[
					'GET',
					200,
					{
						ok: true,
						url: 'https://mysoftball.slack.com/',
						team: 'Slack Softball Team',
						user: 'n8n',
						team_id: 'T9TK3CUKW',
						user_id: 'U0KRQLJ9H',
						bot_id: 'B0123456',
					},
				],
				['GET', 200, { ok: true, team: { id: 'T12345', name: 'My Team' } }],
			);
			const res = await rotatingKit.run('slack', { resource: 'team', operation: 'get' } as never, {
				credentials: { apiConnSlackOAuth2Api: rotating },
			});
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				'POST /api/oauth.v2.access',
				'GET /api/auth.test',
				'GET /api/team.info',
			]);
			expect(seen[0].headers.authorization).toBe(
				`Basic ${Buffer.from(`${credential.clientId}:${credential.clientSecret}`).toString('base64')}`,
			);
			expect(Object.fromEntries(new URLSearchParams(String(seen[0].body)))).toEqual({
				grant_type: 'refresh_token',
				refresh_token: 'xoxe-1-OLDREFRESH',
			});
			expect(seen[2].headers.authorization).toBe('Bearer xoxe.xoxb-1-NEW');
			const saved = res.credentialUpdates.at(-1)?.data.oauthTokenData as Record<string, unknown>;
			expect(saved).toMatchObject({
				access_token: 'xoxe.xoxb-1-NEW',
				refresh_token: 'xoxe-1-NEWREFRESH',
			});
		});
	});

	describe('file download', () => {
		const FILES = 'https://files.slack.com';
		const info = (file: Record<string, unknown>) =>
			kit.fake(['GET', 200, { ok: true, file: { id: 'F0123456789', ...file } }]);
		const download = (binaryPropertyName = 'data') =>
			run({ resource: 'file', operation: 'download', file: 'F0123456789', binaryPropertyName });

		it('files.info, then url_private_download with the bot token; the bytes in the chosen binary field', async () => {
			const seen = info({
				name: 'Q4 report.pdf',
				mimetype: 'application/pdf',
				url_private_download: `${FILES}/files-pri/T9TK3CUKW-F0123456789/download/q4-report.pdf`,
			});
			const headers: Array<Record<string, unknown>> = [];
			nock(FILES)
				.get('/files-pri/T9TK3CUKW-F0123456789/download/q4-report.pdf')
				.reply(function () {
					headers.push(this.req.headers);
					return [200, Buffer.from('%PDF-1.7 bytes'), { 'content-type': 'application/pdf' }];
				});
			const res = await download('report');
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => s.uri)).toEqual(['/api/files.info?file=F0123456789']);
			expect(headers).toHaveLength(1);
			expect(headers[0].authorization).toBe(`Bearer ${TOKEN}`);
			const binary = res.outputs[0][0].binary!.report;
			expect([binary.fileName, binary.mimeType]).toEqual(['Q4 report.pdf', 'application/pdf']);
			expect(Buffer.from(binary.data, 'base64').toString()).toBe('%PDF-1.7 bytes');
			expect(res.outputs[0][0].json).toMatchObject({ id: 'F0123456789', name: 'Q4 report.pdf' });
		});

		it('a link off slack.com (or none: an external file) is not fetched, and the token goes nowhere', async () => {
			info({ name: 'x.pdf', url_private_download: 'https://files.example.com/x.pdf' });
			const elsewhere = nock('https://files.example.com').get('/x.pdf').reply(200, 'bytes');
			const off = await download();
			expect(off.error?.message).toBe('Slack gave no download link for this file.');
			expect(off.error?.description).toContain('files.example.com');
			expect(elsewhere.isDone()).toBe(false);
			info({ name: 'Plan', is_external: true, external_type: 'gdrive' });
			const external = await download();
			expect(external.error?.description).toContain('An external file');
		});

		it("Slack's sign-in page instead of the file (no files:read) fails the item and says which scope", async () => {
			info({
				name: 'report.csv',
				mimetype: 'text/csv',
				url_private_download: `${FILES}/files-pri/T9TK3CUKW-F0123456789/download/report.csv`,
			});
			nock(FILES)
				.get('/files-pri/T9TK3CUKW-F0123456789/download/report.csv')
				.reply(200, '<!DOCTYPE html><html>Sign in</html>', {
					'content-type': 'text/html; charset=utf-8',
				});
			const { error } = await download();
			expect(error?.message).toBe('Slack answered with a web page instead of the file.');
			expect(error?.description).toContain('files:read');
		});
	});

	describe('file upload', () => {
		const input = [
			{
				json: {},
				binary: {
					data: {
						data: Buffer.from('hello').toString('base64'),
						mimeType: 'text/plain',
						fileName: 'hello.txt',
					},
				},
			},
		];
		const UPLOAD =
			'https://files.slack.com/upload/v1/CwABAAAAXAoAAZnKg309k3d8CgACAAABkXkmtdgIAAMAAAACAAIAAAAA';

		it('a refusal at the upload URL fails the item without the token or the one-time URL in the error', async () => {
			kit.fake(['POST', 200, { ok: true, upload_url: UPLOAD, file_id: 'F0123456789' }]);
			let sentAuth: string | undefined = 'unset';
			nock('https://files.slack.com')
				.post(/.*/)
				.reply(function () {
					sentAuth = this.req.headers.authorization as string | undefined;
					return [500, 'upload failed'];
				})
				.persist();
			const res = await run(
				{ resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
				{ input },
			);
			expect(sentAuth).toBeUndefined();
			expect(res.error).toBeDefined();
			const text = JSON.stringify(res.error);
			expect(text).not.toContain('CwABAAAAXAoAAZnKg309k3d8');
			expect(text).not.toContain(TOKEN);
		});

		it('no binary field: fails before any request, naming the field', async () => {
			const seen = kit.fake();
			const res = await run(
				{ resource: 'file', operation: 'upload', binaryPropertyName: 'attachment' },
				{ input },
			);
			expect(seen).toEqual([]);
			expect(res.error?.message).toContain('attachment');
		});
	});
});
