/**
 * Proactive OAuth2 refresh inside real workflows: tokens are refreshed before they expire (within the
 * margin), so an API that answers an expired token with 403 (n8n alone refreshes only after a 401)
 * never sees one. Ends with 90 days of use on virtual time without a single failed request.
 */
import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import nock from 'nock';

import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { runNode, type RunNodeResult } from '../harness';
import {
	CHIRP,
	CHIRP_AUTH,
	Chirp,
	SteppingClock,
	TestConnections,
	chirpOAuth,
	chirpSpec,
	credentialTypes,
	drive,
	freshObserver,
	useTestServices,
} from '../unit/connections/fixtures';

const START = Date.parse('2026-01-05T09:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
let clock: SteppingClock;
let observer: ConnectionsObserver;
let instance: string;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	useTestServices();
	clock = new SteppingClock(START);
	({ observer } = freshObserver());
	useRuntime({ clock, random: () => 0.5, observers: [observer] });
	instance = `instance:${Container.get(InstanceSettings).instanceId}`;
	// n8n stamps `n8n_expires_at` with Date.now: keep it on the test's clock.
	jest.spyOn(Date, 'now').mockImplementation(() => clock.now());
});
afterEach(async () => {
	jest.restoreAllMocks();
	nock.cleanAll();
	await observer.close();
	delete process.env.N8N_API_CONNECTIONS_REFRESH_MARGIN_SECONDS;
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

/** Credential data as n8n's database holds it between runs. */
let stored: Record<string, unknown>;

async function use(): Promise<RunNodeResult> {
	const res = await drive(
		clock,
		runNode({
			nodeTypes: [new Chirp()],
			credentialTypes: credentialTypes(),
			node: {
				type: 'chirp',
				parameters: {
					authentication: 'chirpOAuth2Api',
					resource: 'post',
					operation: 'get',
					postId: 'p1',
				},
				credentials: { chirpOAuth2Api: { id: 'cred-o', name: 'Chirp OAuth' } },
			},
			credentials: { chirpOAuth2Api: stored as never },
		}),
	);
	const last = res.credentialUpdates.at(-1);
	if (last) stored = last.data as Record<string, unknown>;
	return res;
}

/** An API that checks tokens like a real one: a stale or expired token gets 403, not 401. */
function strictApi(
	provider: { access: string; expiresAt: number },
	counters: { ok: number; rejected: number },
) {
	nock(CHIRP)
		.persist()
		.get(/\/v2\/(me|posts\/p1)/)
		.reply(function (uri) {
			const auth = this.req.headers.authorization;
			if (auth !== `Bearer ${provider.access}` || clock.now() >= provider.expiresAt) {
				counters.rejected++;
				return [403, { error: { message: 'Session has expired', code: 190 } }];
			}
			counters.ok++;
			return [200, uri.endsWith('/me') ? { username: '@brand' } : { id: 'p1' }];
		});
}

function tokenServer(
	state: {
		access: string;
		refresh: string;
		expiresAt: number;
		refreshes: number;
		revoked?: boolean;
	},
	lifetimeMs = HOUR,
) {
	nock(CHIRP_AUTH)
		.persist()
		.post('/token')
		.reply((_uri, body) => {
			const form =
				typeof body === 'string'
					? new URLSearchParams(body)
					: new URLSearchParams(body as Record<string, string>);
			if (state.revoked || form.get('refresh_token') !== state.refresh)
				return [400, { error: 'invalid_grant' }];
			state.refreshes++;
			state.access = `chirp_at_${String(state.refreshes).padStart(4, '0')}`;
			state.refresh = `chirp_rt_${String(state.refreshes).padStart(4, '0')}`;
			state.expiresAt = clock.now() + lifetimeMs;
			return [
				200,
				{
					access_token: state.access,
					refresh_token: state.refresh,
					token_type: 'Bearer',
					expires_in: lifetimeMs / 1000,
				},
			];
		});
}

function setup(expiresAt: number) {
	const state = {
		access: 'chirp_at_0000',
		refresh: 'chirp_rt_0000',
		expiresAt,
		refreshes: 0,
		revoked: false,
	};
	const api = { ok: 0, rejected: 0 };
	stored = chirpOAuth({ access: state.access, refresh: state.refresh, expiresAt });
	tokenServer(state);
	strictApi(state, api);
	return { state, api };
}

describe('proactive refresh', () => {
	it('refreshes a token that expires within 5 minutes before sending, and audits it', async () => {
		const { state, api } = setup(START + 3 * 60_000);
		const res = await use();
		expect(res.error).toBeUndefined();
		expect(state.refreshes).toBe(1);
		expect(api).toEqual({ ok: 2, rejected: 0 });
		expect(
			res.credentialUpdates.map(
				(u) => (u.data.oauthTokenData as { access_token: string }).access_token,
			),
		).toEqual(['chirp_at_0001']);
		const audit = await observer.store().queryAudit({ workspace: instance });
		expect(audit.map((a) => [a.action, a.detail])).toEqual([
			['bound', 'first used by workflow harness-workflow'],
			[
				'refreshed',
				`proactive refresh, 180 s before the old token expired; new token valid until ${iso(START + HOUR)}`,
			],
		]);
	});

	it('leaves a token alone that is valid for longer than the margin', async () => {
		const { state, api } = setup(START + 10 * 60_000);
		expect((await use()).error).toBeUndefined();
		expect(state.refreshes).toBe(0);
		expect(api).toEqual({ ok: 2, rejected: 0 });
	});

	it('the margin is configurable (N8N_API_CONNECTIONS_REFRESH_MARGIN_SECONDS)', async () => {
		process.env.N8N_API_CONNECTIONS_REFRESH_MARGIN_SECONDS = '1800';
		const { state } = setup(START + 20 * 60_000);
		expect((await use()).error).toBeUndefined();
		expect(state.refreshes).toBe(1);
	});

	it('an already expired token is refreshed too (an unused connection, the next morning)', async () => {
		const { state, api } = setup(START - 12 * HOUR);
		expect((await use()).error).toBeUndefined();
		expect(state.refreshes).toBe(1);
		expect(api.rejected).toBe(0);
		const refreshed = (await observer.store().queryAudit({ workspace: instance })).find(
			(a) => a.action === 'refreshed',
		);
		expect(refreshed?.detail).toBe(
			`proactive refresh, the old token had expired 43200 s before; new token valid until ${iso(START + HOUR)}`,
		);
	});

	it('a refused refresh of a still valid token lets the request go (and tries again next time)', async () => {
		const { state, api } = setup(START + 2 * 60_000);
		state.revoked = true;
		const res = await use();
		expect(res.error).toBeUndefined();
		expect(api).toEqual({ ok: 2, rejected: 0 });
	});

	it('a refused refresh of an expired token fails before sending (reconnect the credential) and binds nothing', async () => {
		const { state, api } = setup(START - 60_000);
		state.revoked = true;
		const res = await use();
		expect(res.error).toMatchObject({
			message:
				'The Chirp access token of credential "Chirp OAuth" expired and could not be refreshed: The credential "Chirp OAuth" needs to be reconnected.',
			description:
				'Open the credential "Chirp OAuth" in n8n and reconnect it (the provider no longer accepts its refresh token), then run the workflow again.',
		});
		expect(api).toEqual({ ok: 0, rejected: 0 });
		// A credential that cannot be used binds nothing.
		const status = await drive(
			clock,
			runNode({
				nodeTypes: [new TestConnections()],
				node: {
					type: 'connections',
					parameters: { resource: 'connection', operation: 'getStatus', service: 'chirp' },
				},
			}),
		);
		expect(status.outputs[0][0].json).toMatchObject({ status: 'disconnected' });
	});

	it("a refused refresh names the provider's documented reasons when the spec gives them (connection.reconnectReasons)", async () => {
		const connection = chirpSpec.connection;
		chirpSpec.connection = {
			...connection,
			reconnectReasons: 'Chirp ends a refresh token after 7 days for apps in testing.',
		};
		try {
			const { state } = setup(START - 60_000);
			state.revoked = true;
			const res = await use();
			expect(res.error?.description).toBe(
				'Open the credential "Chirp OAuth" in n8n and reconnect it (the provider no longer accepts its refresh token), then run the workflow again. Chirp ends a refresh token after 7 days for apps in testing.',
			);
		} finally {
			chirpSpec.connection = connection;
		}
	});

	it('a connected credential whose refresh is later refused shows as "expired" on the dashboard', async () => {
		const { state, api } = setup(START + HOUR);
		expect((await use()).error).toBeUndefined();
		await clock.advance(2 * HOUR);
		state.revoked = true;
		const res = await use();
		expect(res.error?.message).toBe(
			'The Chirp access token of credential "Chirp OAuth" expired and could not be refreshed: The credential "Chirp OAuth" needs to be reconnected.',
		);
		expect(api.rejected).toBe(0);
		const status = await drive(
			clock,
			runNode({
				nodeTypes: [new TestConnections()],
				node: {
					type: 'connections',
					parameters: { resource: 'connection', operation: 'getStatus', service: 'chirp' },
				},
			}),
		);
		expect(status.outputs[0][0].json).toMatchObject({
			status: 'expired',
			account: '@brand',
			lastError: res.error?.message,
			lastErrorAt: iso(START + 2 * HOUR),
			lastUsed: iso(START),
		});
	});

	it('without a refresh token nothing is tried before the request (n8n handles a 401 itself)', async () => {
		const { state, api } = setup(START + 60_000);
		stored = {
			...stored,
			oauthTokenData: {
				access_token: 'chirp_at_0000',
				token_type: 'Bearer',
				n8n_expires_at: String(START + 60_000),
			},
		};
		expect((await use()).error).toBeUndefined();
		expect(state.refreshes).toBe(0);
		expect(api.ok).toBe(2);
	});
});

describe('90 days', () => {
	it('three uses a day (after a night, 40 min later, 57 min later) for 90 days: no failed request, two refreshes a day', async () => {
		const { state, api } = setup(START + HOUR);
		let failures = 0;
		for (let day = 0; day < 90; day++) {
			for (const minutes of [0, 40, 57]) {
				await clock.advanceTo(START + day * 24 * HOUR + minutes * 60_000);
				const res = await use();
				if (res.error) failures++;
			}
		}
		expect(failures).toBe(0);
		expect(api.rejected).toBe(0);
		// /me once, then one post per run.
		expect(api.ok).toBe(1 + 270);
		// Day 0 starts with a fresh token; every later morning and every 57th minute refreshes.
		expect(state.refreshes).toBe(179);
		const audit = await observer.store().queryAudit({ workspace: instance, limit: 1000 });
		expect(audit.filter((a) => a.action === 'refreshed')).toHaveLength(179);
		await observer.usage.flush();
		const status = await drive(
			clock,
			runNode({
				nodeTypes: [new TestConnections()],
				node: {
					type: 'connections',
					parameters: { resource: 'connection', operation: 'getStatus', service: 'chirp' },
				},
			}),
		);
		expect(status.outputs[0][0].json).toMatchObject({
			status: 'connected',
			account: '@brand',
			calls24h: 3,
			successRate: 100,
			tokenExpires: iso(START + 89 * 24 * HOUR + 57 * 60_000 + HOUR),
			autoRefresh: true,
		});
	}, 120_000);
});
