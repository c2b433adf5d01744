/**
 * Long-lived tokens without a refresh token (a spec's `connection.tokenRenewal`): renewed at the
 * provider's own endpoint within the margin and saved back through n8n's public API; without an API key
 * the user is warned in time and told to reconnect once it expired; a refused renewal names the
 * credential to reconnect. Runs on virtual time (200 days of daily use), with the provider and n8n's API
 * faked by nock and the store file scanned for the API key and every token.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import nock from 'nock';

import { ApiConnFacebookPagesOAuth2Api } from '../../credentials/ApiConnFacebookPagesOAuth2Api.credentials';
import { ApiConnInstagramOAuth2Api } from '../../credentials/ApiConnInstagramOAuth2Api.credentials';
import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { Connections } from '../../nodes/Connections/Connections.node';
import { credentialsFor, propertiesFor } from '../../nodes/Connections/description';
import { FacebookPages } from '../../nodes/FacebookPages/FacebookPages.node';
import { Instagram } from '../../nodes/Instagram/Instagram.node';
import { services } from '../../nodes/services';
import { runNode, type RunNodeResult } from '../harness';
import { SteppingClock, drive, freshObserver, useTestServices } from '../unit/connections/fixtures';
import { GLIMPSE, GlimpseOAuth2Api, glimpseSpec } from '../fixtures/glimpse';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

const N8N = 'http://localhost:5678';
const DAY = 86_400_000;
const LIFETIME_S = 60 * 86_400;
const START = Date.parse('2026-01-05T09:00:00Z');
const API_KEY = 'n8n_api_SECRET_key_0123456789abcdef';
const CLIENT_SECRET = 'glimpse-app-SECRET-777';
const iso = (ms: number) => new Date(ms).toISOString();

class Glimpse implements INodeType {
	description: INodeTypeDescription = buildDescription(glimpseSpec, { icon: 'file:test.svg' });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, { spec: glimpseSpec });
	}
}

class GlimpseConnections extends Connections {
	constructor() {
		super();
		this.description = {
			...this.description,
			credentials: credentialsFor([glimpseSpec]),
			properties: propertiesFor([glimpseSpec]),
		};
	}
}

let clock: SteppingClock;
let observer: ConnectionsObserver;
let file: string;
let instance: string;
/** Credential data as n8n's database holds it between runs (the fake public API writes it). */
let stored: Record<string, unknown>;
/** Everything any run returned or threw, for the secret scan. */
let seen: unknown[];

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	// The package's own services too: the Meta data tests run the Instagram and Facebook Pages nodes.
	useTestServices([glimpseSpec, ...services.map((s) => s.spec)]);
	clock = new SteppingClock(START);
	({ observer, file } = freshObserver());
	useRuntime({ clock, random: () => 0.5, observers: [observer] });
	instance = `instance:${Container.get(InstanceSettings).instanceId}`;
	jest.spyOn(Date, 'now').mockImplementation(() => clock.now());
	process.env.N8N_API_CONNECTIONS_N8N_API_KEY = API_KEY;
	// Renewal here, not workspaces: the instance stays the workspace although the API key is set.
	process.env.N8N_API_CONNECTIONS_PROJECT_WORKSPACES = 'false';
	seen = [];
});
afterEach(async () => {
	jest.restoreAllMocks();
	nock.cleanAll();
	await observer.close();
	delete process.env.N8N_API_CONNECTIONS_N8N_API_KEY;
	delete process.env.N8N_API_CONNECTIONS_N8N_API_URL;
	delete process.env.N8N_API_CONNECTIONS_PROJECT_WORKSPACES;
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function credential(access: string, expiresAt: number): Record<string, unknown> {
	return {
		clientId: 'glimpse-app-1',
		clientSecret: CLIENT_SECRET,
		scope: 'basic',
		oauthTokenData: {
			access_token: access,
			token_type: 'bearer',
			expires_in: LIFETIME_S,
			n8n_expires_at: String(expiresAt),
		},
	};
}

async function use(photoId = 'p1'): Promise<RunNodeResult> {
	const res = await drive(
		clock,
		runNode({
			nodeTypes: [new Glimpse()],
			credentialTypes: [new GlimpseOAuth2Api()],
			node: {
				type: 'glimpse',
				parameters: { resource: 'photo', operation: 'get', photoId },
				credentials: { glimpseOAuth2Api: { id: 'cred-g', name: 'Glimpse Brand' } },
			},
			credentials: { glimpseOAuth2Api: stored as never },
		}),
	);
	seen.push(
		res.outputs,
		res.error && { message: res.error.message, description: res.error.description },
	);
	return res;
}

async function status(): Promise<Record<string, unknown>> {
	await observer.usage.flush();
	const res = await drive(
		clock,
		runNode({
			nodeTypes: [new GlimpseConnections()],
			node: {
				type: 'connections',
				parameters: { resource: 'connection', operation: 'getStatus', service: 'glimpse' },
			},
		}),
	);
	seen.push(res.outputs);
	return res.outputs[0][0].json as Record<string, unknown>;
}

interface Provider {
	/** Every token ever issued and when it expires (a renewed-away token stays valid until its own expiry). */
	tokens: Map<string, number>;
	current: string;
	renewals: number;
	refuse: boolean;
	api: { ok: number; rejected: number };
}

/** The provider: an API that answers an expired or unknown token with 400 code 190, and its renewal endpoint. */
function provider(first: string, expiresAt: number): Provider {
	const p: Provider = {
		tokens: new Map([[first, expiresAt]]),
		current: first,
		renewals: 0,
		refuse: false,
		api: { ok: 0, rejected: 0 },
	};
	const valid = (token: string | undefined) =>
		token !== undefined && (p.tokens.get(token) ?? 0) > clock.now();
	nock(GLIMPSE)
		.persist()
		.get(/^\/v3\/(me|photos\/p1)$/)
		.reply(function (uri) {
			const token = String(this.req.headers.authorization ?? '').replace(/^Bearer /i, '');
			if (!valid(token)) {
				p.api.rejected++;
				return [
					400,
					{
						error: {
							message: 'Error validating access token: Session has expired',
							type: 'OAuthException',
							code: 190,
						},
					},
				];
			}
			p.api.ok++;
			return [200, uri.endsWith('/me') ? { id: '42', username: 'glimpse.brand' } : { id: 'p1' }];
		});
	nock(GLIMPSE)
		.persist()
		.get('/refresh_access_token')
		.query(true)
		.reply((uri) => {
			const q = new URL(uri, GLIMPSE).searchParams;
			const token = q.get('access_token') ?? undefined;
			if (
				p.refuse ||
				q.get('grant_type') !== 'glimpse_refresh' ||
				q.get('client_secret') !== CLIENT_SECRET ||
				!valid(token)
			) {
				return [
					400,
					{
						error: {
							message:
								'Error validating access token: The session has been invalidated because the user changed their password.',
							type: 'OAuthException',
							code: 190,
						},
					},
				];
			}
			p.renewals++;
			p.current = `glimpse_at_SECRET_${String(p.renewals).padStart(3, '0')}`;
			p.tokens.set(p.current, clock.now() + LIFETIME_S * 1000);
			return [200, { access_token: p.current, token_type: 'bearer', expires_in: LIFETIME_S }];
		});
	return p;
}

interface Patch {
	path: string;
	apiKey: unknown;
	body: { data: Record<string, unknown>; isPartialData: boolean };
}

/** n8n's public API: `PATCH /api/v1/credentials/{id}` with a replace of the data, as n8n 2.41.1 does it. */
function n8nApi(status = 200): Patch[] {
	const patches: Patch[] = [];
	nock(N8N)
		.persist()
		.patch(/^\/api\/v1\/credentials\/[^/]+$/)
		.reply(function (uri, body) {
			const b = body as Patch['body'];
			patches.push({ path: uri, apiKey: this.req.headers['x-n8n-api-key'], body: b });
			if (status !== 200) return [status, { message: 'unauthorized' }];
			stored = b.data;
			return [200, { id: 'cred-g', name: 'Glimpse Brand', type: 'glimpseOAuth2Api' }];
		});
	return patches;
}

function storeBytes(): string {
	const dir = dirname(file);
	return Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name)))).toString(
		'latin1',
	);
}

/** The API key and every token issued appear nowhere: outputs, errors, the store file (in every encoding). */
async function expectNoSecret(secrets: string[]): Promise<void> {
	await observer.close();
	const text = JSON.stringify(seen) + storeBytes();
	for (const secret of secrets) {
		for (const form of [
			secret,
			encodeURIComponent(secret),
			Buffer.from(secret).toString('base64'),
		]) {
			expect({ form, found: text.includes(form) }).toEqual({ form, found: false });
		}
	}
}

describe('renewal with an n8n API key', () => {
	it("renews a token 7 days before expiry, saves it through n8n's public API (exact PATCH) and audits it", async () => {
		stored = credential('glimpse_at_SECRET_000', START + 7 * DAY - 60_000);
		const p = provider('glimpse_at_SECRET_000', START + 7 * DAY - 60_000);
		const patches = n8nApi();
		const res = await use();
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ id: 'p1' }]);
		expect(p.renewals).toBe(1);
		// The harness hands this execution the data it started with (the old token, valid 7 more days); real n8n
		// re-reads the credential and already signs this request with the new one. The next run uses the new one.
		expect(p.api).toEqual({ ok: 2, rejected: 0 });
		expect(patches).toEqual([
			{
				path: '/api/v1/credentials/cred-g',
				apiKey: API_KEY,
				body: {
					isPartialData: false,
					data: {
						clientId: 'glimpse-app-1',
						clientSecret: CLIENT_SECRET,
						scope: 'basic',
						oauthTokenData: {
							access_token: 'glimpse_at_SECRET_001',
							token_type: 'bearer',
							expires_in: LIFETIME_S,
							n8n_expires_at: String(START + LIFETIME_S * 1000),
						},
					},
				},
			},
		]);
		const audit = await observer.store().queryAudit({ workspace: instance });
		expect(audit.map((a) => [a.action, a.credentialName, a.detail])).toEqual([
			['bound', 'Glimpse Brand', 'first used by workflow harness-workflow'],
			[
				'refreshed',
				'Glimpse Brand',
				`renewed long-lived token, 604740 s before the old token expired; new token valid until ${iso(START + LIFETIME_S * 1000)}`,
			],
		]);
		await clock.advanceTo(START + DAY);
		expect((await use()).error).toBeUndefined();
		expect(p.renewals).toBe(1);
		expect(p.api).toEqual({ ok: 3, rejected: 0 });
		await expectNoSecret([
			API_KEY,
			CLIENT_SECRET,
			'glimpse_at_SECRET_000',
			'glimpse_at_SECRET_001',
		]);
	});

	it('leaves a token alone that is valid for longer than 7 days', async () => {
		stored = credential('glimpse_at_SECRET_000', START + 7 * DAY + 60_000);
		const p = provider('glimpse_at_SECRET_000', START + 7 * DAY + 60_000);
		const patches = n8nApi();
		expect((await use()).error).toBeUndefined();
		expect(p.renewals).toBe(0);
		expect(patches).toEqual([]);
	});

	it('several items in one execution renew once', async () => {
		stored = credential('glimpse_at_SECRET_000', START + DAY);
		const p = provider('glimpse_at_SECRET_000', START + DAY);
		const patches = n8nApi();
		const res = await drive(
			clock,
			runNode({
				nodeTypes: [new Glimpse()],
				credentialTypes: [new GlimpseOAuth2Api()],
				node: {
					type: 'glimpse',
					parameters: { resource: 'photo', operation: 'get', photoId: 'p1' },
					credentials: { glimpseOAuth2Api: { id: 'cred-g', name: 'Glimpse Brand' } },
				},
				credentials: { glimpseOAuth2Api: stored as never },
				input: [{ json: {} }, { json: {} }, { json: {} }],
			}),
		);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toHaveLength(3);
		expect(p.renewals).toBe(1);
		expect(patches).toHaveLength(1);
	});

	it('200 days of daily use: no failed request, a renewal every 53 days, each saved', async () => {
		stored = credential('glimpse_at_SECRET_000', START + LIFETIME_S * 1000);
		const p = provider('glimpse_at_SECRET_000', START + LIFETIME_S * 1000);
		const patches = n8nApi();
		let failures = 0;
		for (let day = 0; day < 200; day++) {
			await clock.advanceTo(START + day * DAY);
			if ((await use()).error) failures++;
		}
		expect(failures).toBe(0);
		expect(p.api).toEqual({ ok: 201, rejected: 0 });
		expect(p.renewals).toBe(3);
		expect(
			patches.map((x) => (x.body.data.oauthTokenData as { n8n_expires_at: string }).n8n_expires_at),
		).toEqual([53, 106, 159].map((day) => String(START + day * DAY + LIFETIME_S * 1000)));
		const audit = await observer.store().queryAudit({ workspace: instance, limit: 1000 });
		expect(audit.filter((a) => a.action === 'refreshed').map((a) => a.at)).toEqual(
			[159, 106, 53].map((day) => START + day * DAY),
		);
		const s = await status();
		expect(s).toMatchObject({
			status: 'connected',
			account: 'glimpse.brand',
			tokenExpires: iso(START + 159 * DAY + LIFETIME_S * 1000),
			successRate: 100,
		});
		expect(s.warning).toBeUndefined();
		await expectNoSecret([
			API_KEY,
			CLIENT_SECRET,
			'glimpse_at_SECRET_000',
			'glimpse_at_SECRET_001',
			'glimpse_at_SECRET_002',
			'glimpse_at_SECRET_003',
		]);
	}, 120_000);

	it('a refused renewal fails before sending and names the credential to reconnect', async () => {
		stored = credential('glimpse_at_SECRET_000', START + 3 * DAY);
		const p = provider('glimpse_at_SECRET_000', START + 3 * DAY);
		p.refuse = true;
		const patches = n8nApi();
		const res = await use();
		expect(res.error).toMatchObject({
			message:
				"The token of credential 'Glimpse Brand' (valid until 2026-01-08 09:00 UTC) can no longer be renewed: Glimpse: 400 Bad Request – Error validating access token: The session has been invalidated because the user changed their password. Reconnect it: open the credential in n8n and sign in again.",
			description:
				'Nothing was sent. Open the credential "Glimpse Brand" in n8n, sign in again (Connect my account), then run the workflow again.',
		});
		expect(p.api).toEqual({ ok: 0, rejected: 0 });
		expect(patches).toEqual([]);
		// The next request fails the same way without asking the provider again.
		const renewCalls = nock(GLIMPSE).get('/refresh_access_token').query(true).reply(500, {});
		expect((await use()).error?.message).toBe(res.error?.message);
		expect(renewCalls.isDone()).toBe(false);
		await expectNoSecret([API_KEY, CLIENT_SECRET, 'glimpse_at_SECRET_000']);
	});

	it('n8n refusing the save (wrong API key) lets the request go with the old token and logs how to fix it', async () => {
		stored = credential('glimpse_at_SECRET_000', START + 3 * DAY);
		const p = provider('glimpse_at_SECRET_000', START + 3 * DAY);
		const patches = n8nApi(401);
		const res = await use();
		expect(res.error).toBeUndefined();
		expect(p.api).toEqual({ ok: 2, rejected: 0 });
		expect(patches).toHaveLength(1);
		// Within the hour nothing is asked again; an hour later the renewal (and the save) is tried again.
		await clock.advanceTo(START + 30 * 60_000);
		expect((await use()).error).toBeUndefined();
		expect([p.renewals, patches.length]).toEqual([1, 1]);
		await clock.advanceTo(START + 61 * 60_000);
		expect((await use()).error).toBeUndefined();
		expect([p.renewals, patches.length]).toEqual([2, 2]);
		expect(p.api).toEqual({ ok: 4, rejected: 0 });
		await observer.usage.flush();
		const log = await observer.store().queryErrors({ workspace: instance });
		const saveFailed =
			"The token of credential 'Glimpse Brand' was renewed, but n8n did not save it: n8n API: 401 Unauthorized – unauthorized. Check N8N_API_CONNECTIONS_N8N_API_KEY (an n8n API key with the credential:update scope) and N8N_API_CONNECTIONS_N8N_API_URL; the old token is used meanwhile, and renewal is tried again in an hour.";
		expect(log.map((e) => [e.kind, e.at, e.message])).toEqual([
			['warning', START + 61 * 60_000, saveFailed],
			['warning', START, saveFailed],
		]);
		await expectNoSecret([
			API_KEY,
			CLIENT_SECRET,
			'glimpse_at_SECRET_000',
			'glimpse_at_SECRET_001',
			'glimpse_at_SECRET_002',
		]);
	});

	it('N8N_API_CONNECTIONS_N8N_API_URL points the save elsewhere', async () => {
		process.env.N8N_API_CONNECTIONS_N8N_API_URL = 'https://n8n.internal.test/api/v1/';
		stored = credential('glimpse_at_SECRET_000', START + 3 * DAY);
		provider('glimpse_at_SECRET_000', START + 3 * DAY);
		const save = nock('https://n8n.internal.test')
			.patch('/api/v1/credentials/cred-g')
			.matchHeader('x-n8n-api-key', API_KEY)
			.reply(200, {});
		expect((await use()).error).toBeUndefined();
		expect(save.isDone()).toBe(true);
	});
});

describe('Connections node Refresh', () => {
	const refresh = () =>
		drive(
			clock,
			runNode({
				nodeTypes: [new GlimpseConnections()],
				credentialTypes: [new GlimpseOAuth2Api()],
				node: {
					type: 'connections',
					parameters: {
						resource: 'connection',
						operation: 'refresh',
						service: 'glimpse',
						authentication: 'glimpseOAuth2Api',
					},
					credentials: { glimpseOAuth2Api: { id: 'cred-g', name: 'Glimpse Brand' } },
				},
				credentials: { glimpseOAuth2Api: stored as never },
			}),
		);

	it('renews a long-lived token now (any time before expiry) and saves it', async () => {
		stored = credential('glimpse_at_SECRET_000', START + 30 * DAY);
		const p = provider('glimpse_at_SECRET_000', START + 30 * DAY);
		const patches = n8nApi();
		const res = await refresh();
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{
				service: 'Glimpse',
				credential: 'Glimpse Brand',
				refreshed: true,
				tokenExpires: iso(START + LIFETIME_S * 1000),
				previousTokenExpires: iso(START + 30 * DAY),
			},
		]);
		expect(p.renewals).toBe(1);
		expect((stored.oauthTokenData as { access_token: string }).access_token).toBe(
			'glimpse_at_SECRET_001',
		);
		expect(patches).toHaveLength(1);
		const audit = await observer.store().queryAudit({ workspace: instance });
		expect(audit.map((a) => [a.action, a.detail])).toEqual([
			[
				'refreshed',
				`manual renewal of long-lived token, 2592000 s before the old token expired; new token valid until ${iso(START + LIFETIME_S * 1000)}`,
			],
		]);
	});

	it('without an API key it says what to set; an expired token says to reconnect', async () => {
		delete process.env.N8N_API_CONNECTIONS_N8N_API_KEY;
		stored = credential('glimpse_at_SECRET_000', START + 30 * DAY);
		provider('glimpse_at_SECRET_000', START + 30 * DAY);
		expect((await refresh()).error?.message).toBe(
			"Refreshing the Glimpse token failed: The token of credential 'Glimpse Brand' can be renewed only when N8N_API_CONNECTIONS_N8N_API_KEY is set (an n8n API key allowed to update credentials), so the new token can be saved.",
		);
		process.env.N8N_API_CONNECTIONS_N8N_API_KEY = API_KEY;
		stored = credential('glimpse_at_SECRET_000', START - DAY);
		expect((await refresh()).error?.message).toBe(
			"Refreshing the Glimpse token failed: The token of credential 'Glimpse Brand' expired on 2026-01-04 09:00 UTC and can no longer be renewed. Reconnect it: open the credential in n8n and sign in again.",
		);
	});
});

describe('without an n8n API key', () => {
	it('warns daily in the last 7 days (log and Get Status), then fails naming the credential to reconnect', async () => {
		delete process.env.N8N_API_CONNECTIONS_N8N_API_KEY;
		const expiresAt = START + LIFETIME_S * 1000;
		stored = credential('glimpse_at_SECRET_000', expiresAt);
		const p = provider('glimpse_at_SECRET_000', expiresAt);
		const patches = n8nApi();
		const errors: string[] = [];
		for (let day = 0; day <= 61; day++) {
			await clock.advanceTo(START + day * DAY);
			const res = await use();
			if (res.error) errors.push(`${day}: ${res.error.message}`);
			if (day === 52) expect((await status()).warning).toBeUndefined();
			if (day === 55) {
				expect(await status()).toMatchObject({
					status: 'connected',
					tokenExpires: iso(expiresAt),
					warning:
						"Glimpse Brand's token expires on 2026-03-06 09:00 UTC. Set N8N_API_CONNECTIONS_N8N_API_KEY (an n8n API key allowed to update credentials) so it is renewed automatically, or reconnect the credential before then.",
				});
			}
		}
		const expired =
			"The token of credential 'Glimpse Brand' expired on 2026-03-06 09:00 UTC and can no longer be renewed. Reconnect it: open the credential in n8n and sign in again.";
		expect(errors).toEqual([`60: ${expired}`, `61: ${expired}`]);
		expect(p.renewals).toBe(0);
		expect(patches).toEqual([]);
		// Nothing was sent with the expired token.
		expect(p.api).toEqual({ ok: 61, rejected: 0 });
		await observer.usage.flush();
		const log = await observer.store().queryErrors({ workspace: instance, limit: 100 });
		expect(log.filter((e) => e.kind === 'warning').map((e) => e.at)).toEqual(
			[59, 58, 57, 56, 55, 54, 53].map((d) => START + d * DAY),
		);
		expect(log.filter((e) => e.kind === 'final').map((e) => e.message)).toEqual([expired, expired]);
		expect(await status()).toMatchObject({ status: 'expired', lastError: expired });
	}, 60_000);
});

describe('Meta data', () => {
	it('Instagram: the 60-day token is renewed with ig_refresh_token and saved', async () => {
		const TOKEN = 'IGAAR9vTqZkZBdG9rZW4tSECRET-old';
		stored = {
			clientId: '990602627938098',
			clientSecret: 'ig_app_SECRET_7f3a9c',
			oauthTokenData: {
				access_token: TOKEN,
				token_type: 'bearer',
				expires_in: LIFETIME_S,
				n8n_expires_at: String(START + 5 * DAY),
			},
		};
		const renew = nock('https://graph.instagram.com')
			.get('/refresh_access_token')
			.query({ grant_type: 'ig_refresh_token', access_token: TOKEN })
			.reply(200, {
				access_token: 'IGAAR9vTqZkZBdG9rZW4tSECRET-new',
				token_type: 'bearer',
				expires_in: 5183944,
			});
		nock('https://graph.instagram.com')
			.get(/\/me/)
			.query(true)
			.times(2)
			.reply(200, { id: '17841405793187218', username: 'mybusiness' });
		const patches = n8nApi();
		const res = await drive(
			clock,
			runNode({
				nodeTypes: [new Instagram()],
				credentialTypes: [new ApiConnInstagramOAuth2Api()],
				node: {
					type: 'instagram',
					parameters: { resource: 'user', operation: 'getMe' },
					credentials: { apiConnInstagramOAuth2Api: { id: 'cred-ig', name: 'Instagram Shop' } },
				},
				credentials: { apiConnInstagramOAuth2Api: stored as never },
			}),
		);
		expect(res.error).toBeUndefined();
		expect(renew.isDone()).toBe(true);
		expect(
			patches.map((x) => [x.path, x.apiKey, x.body.isPartialData, x.body.data.oauthTokenData]),
		).toEqual([
			[
				'/api/v1/credentials/cred-ig',
				API_KEY,
				false,
				{
					access_token: 'IGAAR9vTqZkZBdG9rZW4tSECRET-new',
					token_type: 'bearer',
					expires_in: 5183944,
					n8n_expires_at: String(START + 5183944 * 1000),
				},
			],
		]);
		expect(patches[0].body.data.clientSecret).toBe('ig_app_SECRET_7f3a9c');
	});

	it('Facebook: the 60-day user token is renewed with fb_exchange_token (app id and secret) and saved', async () => {
		const TOKEN = 'EAAGm0PX4ZCpsBAxSECRET-old';
		stored = {
			clientId: '990011223344556',
			clientSecret: 'fb_app_SECRET_8b2c41',
			oauthTokenData: {
				access_token: TOKEN,
				token_type: 'bearer',
				expires_in: LIFETIME_S,
				n8n_expires_at: String(START + 6 * DAY),
			},
		};
		const renew = nock('https://graph.facebook.com')
			.get(/\/oauth\/access_token/)
			.query({
				grant_type: 'fb_exchange_token',
				client_id: '990011223344556',
				client_secret: 'fb_app_SECRET_8b2c41',
				fb_exchange_token: TOKEN,
			})
			.reply(200, {
				access_token: 'EAAGm0PX4ZCpsBAxSECRET-new',
				token_type: 'bearer',
				expires_in: 5184000,
			});
		nock('https://graph.facebook.com')
			.get(/\/me/)
			.query(true)
			.times(2)
			.reply(200, { id: '10158', name: 'Shop Owner', data: [] });
		const patches = n8nApi();
		const res = await drive(
			clock,
			runNode({
				nodeTypes: [new FacebookPages()],
				credentialTypes: [new ApiConnFacebookPagesOAuth2Api()],
				node: {
					type: 'facebookPages',
					parameters: { resource: 'page', operation: 'getMany' },
					credentials: { apiConnFacebookPagesOAuth2Api: { id: 'cred-fb', name: 'Facebook Shop' } },
				},
				credentials: { apiConnFacebookPagesOAuth2Api: stored as never },
			}),
		);
		expect(res.error).toBeUndefined();
		expect(renew.isDone()).toBe(true);
		expect(
			patches.map((x) => [x.path, x.apiKey, x.body.isPartialData, x.body.data.oauthTokenData]),
		).toEqual([
			[
				'/api/v1/credentials/cred-fb',
				API_KEY,
				false,
				{
					access_token: 'EAAGm0PX4ZCpsBAxSECRET-new',
					token_type: 'bearer',
					expires_in: 5184000,
					n8n_expires_at: String(START + 5184000 * 1000),
				},
			],
		]);
	});

	const runInstagram = (data: Record<string, unknown>) =>
		drive(
			clock,
			runNode({
				nodeTypes: [new Instagram()],
				credentialTypes: [new ApiConnInstagramOAuth2Api()],
				node: {
					type: 'instagram',
					parameters: { resource: 'user', operation: 'getMe' },
					credentials: { apiConnInstagramOAuth2Api: { id: 'cred-ig', name: 'Instagram Shop' } },
				},
				credentials: { apiConnInstagramOAuth2Api: data as never },
			}),
		);

	it('Instagram: a fresh login token (stored without expiry) is exchanged once with ig_exchange_token, then renewed', async () => {
		const SHORT = 'IGAAshort-SECRET-login-token';
		stored = {
			clientId: '990602627938098',
			clientSecret: 'ig_app_SECRET_7f3a9c',
			oauthTokenData: {
				access_token: SHORT,
				user_id: '7316417151755329',
				permissions: 'instagram_business_basic',
			},
		};
		const exchange = nock('https://graph.instagram.com')
			.get('/access_token')
			.query({
				grant_type: 'ig_exchange_token',
				client_secret: 'ig_app_SECRET_7f3a9c',
				access_token: SHORT,
			})
			.reply(200, {
				access_token: 'IGAAlong-SECRET-60-days',
				token_type: 'bearer',
				expires_in: 5184000,
			});
		nock('https://graph.instagram.com')
			.get(/\/me/)
			.query(true)
			.times(3)
			.reply(200, { id: '17841405793187218', username: 'mybusiness' });
		const patches = n8nApi();
		expect((await runInstagram(stored)).error).toBeUndefined();
		expect(exchange.isDone()).toBe(true);
		expect(patches.map((x) => x.body.data.oauthTokenData)).toEqual([
			{
				access_token: 'IGAAlong-SECRET-60-days',
				user_id: '7316417151755329',
				permissions: 'instagram_business_basic',
				expires_in: 5184000,
				n8n_expires_at: String(START + 5184000 * 1000),
			},
		]);
		const audit = await observer.store().queryAudit({ workspace: instance });
		expect(audit.find((a) => a.action === 'refreshed')?.detail).toBe(
			`exchanged short-lived token for a long-lived token; new token valid until ${iso(START + 5184000 * 1000)}`,
		);
		// The saved token has an expiry now: the next run neither exchanges nor renews.
		expect((await runInstagram(stored)).error).toBeUndefined();
		expect(patches).toHaveLength(1);
		await expectNoSecret([API_KEY, SHORT, 'IGAAlong-SECRET-60-days', 'ig_app_SECRET_7f3a9c']);
	});

	it('Instagram: a token of unknown expiry that cannot be exchanged is tried once, logged, and the request goes', async () => {
		const TOKEN = 'IGAAalready-long-SECRET';
		stored = {
			clientId: '990602627938098',
			clientSecret: 'ig_app_SECRET_7f3a9c',
			oauthTokenData: { access_token: TOKEN },
		};
		const exchange = nock('https://graph.instagram.com')
			.get('/access_token')
			.query(true)
			.reply(400, {
				error: {
					message: 'Invalid OAuth access token - Cannot parse access token',
					type: 'OAuthException',
					code: 190,
				},
			});
		nock('https://graph.instagram.com')
			.get(/\/me/)
			.query(true)
			.times(3)
			.reply(200, { id: '17841405793187218', username: 'mybusiness' });
		const patches = n8nApi();
		expect((await runInstagram(stored)).error).toBeUndefined();
		expect((await runInstagram(stored)).error).toBeUndefined();
		expect(exchange.isDone()).toBe(true);
		expect(patches).toEqual([]);
		await observer.usage.flush();
		const log = await observer.store().queryErrors({ workspace: instance });
		expect(log.map((e) => [e.kind, e.message])).toEqual([
			[
				'warning',
				"The token of credential 'Instagram Shop' has no known expiry and could not be exchanged for a long-lived one (Instagram: 400 Bad Request – Invalid OAuth access token - Cannot parse access token). If requests start failing, reconnect the credential.",
			],
		]);
	});
});
