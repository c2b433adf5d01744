/**
 * TikTok's token lifecycle with the connections features on: n8n's own refresh cannot send `client_key`, so the
 * engine refreshes before the access token expires (POST /v2/oauth/token/ with client_key, client_secret and the
 * refresh token), keeps the rotated refresh token, saves both through n8n's public API, also after the access token
 * expired; Disconnect revokes at POST /v2/oauth/revoke/ with client_key. The account label is the display name of
 * GET /v2/user/info/. Provider and n8n API are nock fakes; answers as TikTok's OAuth reference shows them.
 */
import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import nock from 'nock';

import { ApiConnTikTokOAuth2Api } from '../../credentials/ApiConnTikTokOAuth2Api.credentials';
import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { Connections } from '../../nodes/Connections/Connections.node';
import { services } from '../../nodes/services';
import { TikTok } from '../../nodes/TikTok/TikTok.node';
import { runNode, type RunNodeResult } from '../harness';
import { SteppingClock, drive, freshObserver, useTestServices } from '../unit/connections/fixtures';

const API = 'https://open.tiktokapis.com';
const N8N = 'http://localhost:5678';
const START = Date.parse('2026-12-01T09:00:00Z');
const API_KEY = 'n8n_api_SECRET_key_tiktok_0123456789';
const CLIENT_KEY = 'awq8s3ndbx71kz2c';
const CLIENT_SECRET = 'tt_client_SECRET_4b1e9c';
const OK = { code: 'ok', message: '', log_id: '20221207LOG' };
const CRED = { id: 'cred-tt', name: 'TikTok Brand' };
const TYPE = 'apiConnTikTokOAuth2Api';

let clock: SteppingClock;
let observer: ConnectionsObserver;
let instance: string;
let stored: Record<string, unknown>;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	useTestServices(services.map((s) => s.spec));
	clock = new SteppingClock(START);
	({ observer } = freshObserver());
	useRuntime({ clock, random: () => 0.5, observers: [observer] });
	instance = `instance:${Container.get(InstanceSettings).instanceId}`;
	jest.spyOn(Date, 'now').mockImplementation(() => clock.now());
	process.env.N8N_API_CONNECTIONS_N8N_API_KEY = API_KEY;
	process.env.N8N_API_CONNECTIONS_PROJECT_WORKSPACES = 'false';
});
afterEach(async () => {
	jest.restoreAllMocks();
	nock.cleanAll();
	await observer.close();
	delete process.env.N8N_API_CONNECTIONS_N8N_API_KEY;
	delete process.env.N8N_API_CONNECTIONS_PROJECT_WORKSPACES;
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function credential(access: string, refresh: string, expiresAt: number): Record<string, unknown> {
	return {
		clientId: CLIENT_KEY,
		clientSecret: CLIENT_SECRET,
		scope: 'user.info.basic,user.info.stats,video.publish,video.upload,video.list',
		authentication: 'body',
		oauthTokenData: {
			access_token: access,
			refresh_token: refresh,
			open_id: '723f24d7-e717-40f8-a2b6-cb8464cd23b4',
			scope: 'user.info.basic,user.info.stats,video.publish,video.upload,video.list',
			token_type: 'Bearer',
			expires_in: 86_400,
			refresh_expires_in: 31_536_000,
			n8n_expires_at: String(expiresAt),
		},
	};
}

function getInfo(): Promise<RunNodeResult> {
	return drive(
		clock,
		runNode({
			nodeTypes: [new TikTok()],
			credentialTypes: [new ApiConnTikTokOAuth2Api()],
			node: {
				type: 'tikTok',
				parameters: { resource: 'user', operation: 'getInfo' },
				credentials: { [TYPE]: CRED },
			},
			credentials: { [TYPE]: stored as never },
		}),
	);
}

/** The Connections node on the TikTok connection (the admin workflow). */
function connections(
	operation: string,
	extra: Record<string, unknown> = {},
): Promise<RunNodeResult> {
	return drive(
		clock,
		runNode({
			nodeTypes: [new Connections()],
			credentialTypes: [new ApiConnTikTokOAuth2Api()],
			node: {
				type: 'connections',
				parameters: {
					resource: 'connection',
					operation,
					service: 'tikTok',
					tikTokAuthentication: TYPE,
					...extra,
				} as never,
				credentials: { [TYPE]: CRED },
			},
			credentials: { [TYPE]: stored as never },
			workflowId: 'wf-admin',
		}),
	);
}

/** GET /v2/user/info/ answered for any valid token (the label lookup and the operation). */
function userInfo(): string[] {
	const tokens: string[] = [];
	nock(API)
		.persist()
		.get('/v2/user/info/')
		.query(true)
		.reply(function () {
			tokens.push(String(this.req.headers.authorization));
			return [
				200,
				{ data: { user: { open_id: 'u1', display_name: 'Latte Lab' } }, error: OK },
				{ 'content-type': 'application/json' },
			];
		});
	return tokens;
}

/** TikTok's token endpoint: the refresh grant with client_key answers a new access and refresh token. */
function tokenEndpoint(): Array<Record<string, string>> {
	const forms: Array<Record<string, string>> = [];
	nock(API)
		.persist()
		.post('/v2/oauth/token/')
		.reply(function (_uri, body) {
			forms.push(Object.fromEntries(new URLSearchParams(String(body))));
			expect(this.req.headers['content-type']).toBe('application/x-www-form-urlencoded');
			const n = forms.length;
			return [
				200,
				{
					access_token: `act.NEW_SECRET_${n}`,
					expires_in: 86_400,
					open_id: '723f24d7-e717-40f8-a2b6-cb8464cd23b4',
					refresh_expires_in: 31_536_000,
					refresh_token: `rft.ROTATED_SECRET_${n}`,
					scope: 'user.info.basic,user.info.stats,video.publish,video.upload,video.list',
					token_type: 'Bearer',
				},
				{ 'content-type': 'application/json' },
			];
		});
	return forms;
}

function n8nApi(): Array<{ path: string; apiKey: unknown; data: Record<string, unknown> }> {
	const patches: Array<{ path: string; apiKey: unknown; data: Record<string, unknown> }> = [];
	nock(N8N)
		.persist()
		.patch(/^\/api\/v1\/credentials\/[^/]+$/)
		.reply(function (uri, body) {
			const b = body as { data: Record<string, unknown> };
			patches.push({ path: uri, apiKey: this.req.headers['x-n8n-api-key'], data: b.data });
			stored = { ...b.data, authentication: 'body' };
			return [200, { id: CRED.id, name: CRED.name, type: TYPE }];
		});
	return patches;
}

describe('TikTok token refresh by the engine (client_key)', () => {
	it('refreshes 30 min before expiry with client_key, keeps the rotated refresh token and saves both through n8n’s API', async () => {
		stored = credential('act.OLD_SECRET_0', 'rft.OLD_SECRET_0', START + 20 * 60_000);
		const used = userInfo();
		const forms = tokenEndpoint();
		const patches = n8nApi();
		const res = await getInfo();
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{ open_id: 'u1', display_name: 'Latte Lab' },
		]);
		expect(forms).toEqual([
			{
				client_key: CLIENT_KEY,
				client_secret: CLIENT_SECRET,
				grant_type: 'refresh_token',
				refresh_token: 'rft.OLD_SECRET_0',
			},
		]);
		expect(patches).toHaveLength(1);
		expect(patches[0].path).toBe('/api/v1/credentials/cred-tt');
		expect(patches[0].apiKey).toBe(API_KEY);
		expect(patches[0].data.oauthTokenData).toEqual({
			access_token: 'act.NEW_SECRET_1',
			refresh_token: 'rft.ROTATED_SECRET_1',
			refresh_expires_in: 31_536_000,
			open_id: '723f24d7-e717-40f8-a2b6-cb8464cd23b4',
			scope: 'user.info.basic,user.info.stats,video.publish,video.upload,video.list',
			token_type: 'Bearer',
			expires_in: 86_400,
			n8n_expires_at: String(START + 86_400_000),
		});
		// The account label comes from GET /v2/user/info/ (display_name).
		expect((await observer.store().getBinding(instance, 'tikTok'))?.accountLabel).toBe('Latte Lab');

		// A day later the stored (new) token is used, and refreshed again with the rotated refresh token.
		await clock.advanceTo(START + 86_400_000 - 10 * 60_000);
		expect((await getInfo()).error).toBeUndefined();
		expect(forms.map((f) => f.refresh_token)).toEqual(['rft.OLD_SECRET_0', 'rft.ROTATED_SECRET_1']);
		expect(used.at(-1)).toBe('Bearer act.NEW_SECRET_1');
	});

	it('an access token that already expired is still refreshed (the refresh token lives 365 days)', async () => {
		stored = credential('act.OLD_SECRET_0', 'rft.OLD_SECRET_0', START - 2 * 3_600_000);
		userInfo();
		const forms = tokenEndpoint();
		const patches = n8nApi();
		const res = await getInfo();
		expect(forms).toHaveLength(1);
		expect(patches).toHaveLength(1);
		expect(res.error).toBeUndefined();
	});

	it('a token valid for longer than the margin is left alone', async () => {
		stored = credential('act.OLD_SECRET_0', 'rft.OLD_SECRET_0', START + 3 * 3_600_000);
		userInfo();
		const forms = tokenEndpoint();
		const patches = n8nApi();
		expect((await getInfo()).error).toBeUndefined();
		expect(forms).toEqual([]);
		expect(patches).toEqual([]);
	});
});

describe('TikTok Connections → Refresh', () => {
	it('refreshes on demand with client_key (not through n8n), also when the token is still valid for hours', async () => {
		stored = credential('act.OLD_SECRET_0', 'rft.OLD_SECRET_0', START + 3 * 3_600_000);
		const forms = tokenEndpoint();
		const patches = n8nApi();
		const res = await connections('refresh');
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{
				service: 'TikTok',
				credential: 'TikTok Brand',
				refreshed: true,
				tokenExpires: new Date(START + 86_400_000).toISOString(),
				previousTokenExpires: new Date(START + 3 * 3_600_000).toISOString(),
			},
		]);
		expect(forms.map((f) => f.client_key)).toEqual([CLIENT_KEY]);
		expect((patches[0].data.oauthTokenData as Record<string, unknown>).refresh_token).toBe(
			'rft.ROTATED_SECRET_1',
		);
	});
});

describe('TikTok Disconnect', () => {
	it('revokes at POST /v2/oauth/revoke/ with client_key, client_secret and the token', async () => {
		// Without an n8n API key Disconnect does not look up active workflows (not what this test is about).
		delete process.env.N8N_API_CONNECTIONS_N8N_API_KEY;
		stored = credential('act.OLD_SECRET_0', 'rft.OLD_SECRET_0', START + 3 * 3_600_000);
		userInfo();
		expect((await getInfo()).error).toBeUndefined();
		const revoked: Array<Record<string, string>> = [];
		nock(API)
			.post('/v2/oauth/revoke/')
			.reply((_uri, body) => {
				revoked.push(Object.fromEntries(new URLSearchParams(String(body))));
				return [200, {}, { 'content-type': 'application/json' }];
			});
		const res = await connections('disconnect', { confirmDisconnect: true });
		expect(res.error).toBeUndefined();
		expect(revoked).toEqual([
			{ token: 'act.OLD_SECRET_0', client_key: CLIENT_KEY, client_secret: CLIENT_SECRET },
		]);
		expect(res.outputs[0][0].json).toMatchObject({
			service: 'TikTok',
			disconnected: true,
			account: 'Latte Lab',
			revoked: true,
			revokeMessage: 'Revoked at TikTok (200).',
		});
	});
});
