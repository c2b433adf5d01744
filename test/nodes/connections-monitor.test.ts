/**
 * The Connections Monitor Trigger through n8n-core's PollContext, on virtual time: activated once, it
 * renews a 60-day token at the provider (saved through n8n's public API) and refreshes an OAuth2 token
 * through n8n, with no workflow using either; it checks once per interval however often n8n wakes it;
 * it reads n8n's credential list (GET /api/v1/credentials, paged) and records what changed; a refused
 * refresh becomes a "revoked" item. Provider, token endpoint and n8n's API are nock fakes.
 */
import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { ConnectionsMonitorTrigger } from '../../nodes/Connections/ConnectionsMonitorTrigger.node';
import { createPollHarness } from '../helpers/poll-harness';
import { GLIMPSE, GlimpseOAuth2Api, glimpseSpec } from '../fixtures/glimpse';
import {
	CHIRP_AUTH,
	ChirpOAuth2Api,
	SteppingClock,
	chirpOAuth,
	freshObserver,
	useTestServices,
} from '../unit/connections/fixtures';

const N8N = 'http://localhost:5678';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const LIFETIME_S = 60 * 86_400;
const START = Date.parse('2026-01-05T09:00:00Z');
const API_KEY = 'n8n_api_SECRET_key_monitor_0123456789';
const CLIENT_SECRET = 'glimpse-app-SECRET-777';

/** The monitor offering the test services' OAuth2 credential slots. */
class TestMonitor extends ConnectionsMonitorTrigger {
	constructor() {
		super();
		this.description = {
			...this.description,
			credentials: [
				{ name: 'glimpseOAuth2Api', required: false },
				{ name: 'chirpOAuth2Api', required: false },
			],
		};
	}
}

let clock: SteppingClock;
let observer: ConnectionsObserver;
let instance: string;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	useTestServices([glimpseSpec]);
	clock = new SteppingClock(START);
	// Renewal and n8n's credential list here, not workspaces: the instance stays the workspace with the API key.
	({ observer } = freshObserver({
		env: {
			N8N_API_CONNECTIONS_N8N_API_KEY: API_KEY,
			N8N_API_CONNECTIONS_PROJECT_WORKSPACES: 'false',
		},
	}));
	useRuntime({ clock, random: () => 0.5, observers: [observer] });
	instance = `instance:${Container.get(InstanceSettings).instanceId}`;
	jest.spyOn(Date, 'now').mockImplementation(() => clock.now());
});
afterEach(async () => {
	jest.restoreAllMocks();
	nock.cleanAll();
	await observer.close();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function glimpseCredential(access: string, expiresAt: number): Record<string, unknown> {
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

/** n8n's public API with no credentials listed (the monitor asks on every run). */
function emptyCredentialList() {
	return nock(N8N)
		.persist()
		.get('/api/v1/credentials')
		.query({ limit: '250' })
		.reply(200, { data: [], nextCursor: null });
}

describe('Connections Monitor Trigger', () => {
	it("activated once: renews a 60-day token 7 days before expiry for four months with nothing using it, saved through n8n's API", async () => {
		const renewals: Array<{ at: number; query: Record<string, string> }> = [];
		const patches: Array<{ at: number; key: unknown; body: Record<string, unknown> }> = [];
		let current = 'glimpse_at_SECRET_000';
		nock(GLIMPSE)
			.persist()
			.get('/refresh_access_token')
			.query(true)
			.reply((uri) => {
				const q = Object.fromEntries(new URL(uri, GLIMPSE).searchParams);
				renewals.push({ at: clock.now(), query: q });
				current = `glimpse_at_SECRET_${String(renewals.length).padStart(3, '0')}`;
				return [200, { access_token: current, token_type: 'bearer', expires_in: LIFETIME_S }];
			});
		const harness = createPollHarness({
			nodeType: new TestMonitor(),
			parameters: { intervalHours: 24 },
			credentialTypes: [new GlimpseOAuth2Api()],
			credentials: { glimpseOAuth2Api: glimpseCredential(current, START + 60 * DAY) as never },
			nodeCredentials: { glimpseOAuth2Api: { id: 'cred-g', name: 'Glimpse Brand' } },
		});
		nock(N8N)
			.persist()
			.patch('/api/v1/credentials/cred-g')
			.reply(function (_uri, body) {
				const b = body as { data: Record<string, unknown> };
				patches.push({ at: clock.now(), key: this.req.headers['x-n8n-api-key'], body: b });
				harness.credentials.store('glimpseOAuth2Api', b.data as never);
				return [200, { id: 'cred-g', name: 'Glimpse Brand', type: 'glimpseOAuth2Api' }];
			});
		const list = emptyCredentialList();

		const outputs: Array<INodeExecutionData[][] | null> = [];
		// n8n wakes the trigger every 12 hours (its Poll Times); the checks run once a day.
		for (let t = 0; t < 130 * 2; t++) {
			outputs.push(await harness.poll());
			clock.jump(12 * HOUR);
		}
		expect(outputs.filter((o) => o !== null)).toEqual([]);
		expect(renewals.map((r) => r.at)).toEqual([START + 53 * DAY, START + 106 * DAY]);
		expect(renewals[0].query).toEqual({
			grant_type: 'glimpse_refresh',
			client_secret: CLIENT_SECRET,
			access_token: 'glimpse_at_SECRET_000',
		});
		expect(renewals[1].query.access_token).toBe('glimpse_at_SECRET_001');
		expect(patches.map((p) => [p.at, p.key])).toEqual([
			[START + 53 * DAY, API_KEY],
			[START + 106 * DAY, API_KEY],
		]);
		expect(patches[0].body).toEqual({
			data: {
				clientId: 'glimpse-app-1',
				clientSecret: CLIENT_SECRET,
				scope: 'basic',
				oauthTokenData: {
					access_token: 'glimpse_at_SECRET_001',
					token_type: 'bearer',
					expires_in: LIFETIME_S,
					n8n_expires_at: String(START + 113 * DAY),
				},
			},
			isPartialData: false,
		});
		// Once a day, not on every wake-up: 130 runs asked for the credential list.
		expect(list.isDone()).toBe(true);
		const audit = await observer
			.store()
			.queryAudit({ workspace: instance, actions: ['refreshed'] });
		expect(audit.map((a) => [a.at, a.credentialName, a.actor, a.node, a.detail])).toEqual(
			[106, 53].map((d) => [
				START + d * DAY,
				'Glimpse Brand',
				'Connections Monitor (workflow "Monitor workflow" (wf-monitor) (trigger))',
				'Connections Monitor',
				`Connections Monitor renewed the long-lived token 7 days before it expired; new token valid until ${new Date(START + (d + 60) * DAY).toISOString()}`,
			]),
		);
		expect(JSON.stringify(audit)).not.toContain('SECRET');
	}, 180_000);

	it('checks at most once per interval however often n8n wakes it; a manual run always checks and says so', async () => {
		const list = nock(N8N)
			.get('/api/v1/credentials')
			.query({ limit: '250' })
			.times(3)
			.reply(200, { data: [], nextCursor: null });
		const harness = createPollHarness({
			nodeType: new TestMonitor(),
			parameters: { intervalHours: 12 },
		});
		expect(await harness.poll()).toBeNull();
		clock.jump(11 * HOUR);
		expect(await harness.poll()).toBeNull();
		expect(await harness.poll('manual')).toEqual([
			[
				{
					json: {
						reason: 'none',
						detail: 'No connection needs attention.',
						checkedAt: new Date(START + 11 * HOUR).toISOString(),
					},
				},
			],
		]);
		clock.jump(HOUR);
		expect(await harness.poll()).toBeNull();
		expect(list.isDone()).toBe(true);
		// The manual run did not move the schedule.
		expect(harness.staticData().lastRunAt).toBe(START + 12 * HOUR);
	});

	it('refreshes an OAuth2 token through n8n every day; a refused refresh token is a "revoked" item', async () => {
		emptyCredentialList();
		const forms: Array<Record<string, string>> = [];
		let refuse = false;
		nock(CHIRP_AUTH)
			.persist()
			.post('/token')
			.reply((_uri, body) => {
				const form = Object.fromEntries(new URLSearchParams(String(body)));
				forms.push(form);
				if (refuse) return [400, { error: 'invalid_grant', error_description: 'Token revoked' }];
				return [
					200,
					{
						access_token: `chirp_at_${forms.length}`,
						refresh_token: 'chirp_rt_1',
						token_type: 'Bearer',
						expires_in: 3600,
					},
				];
			});
		const harness = createPollHarness({
			nodeType: new TestMonitor(),
			parameters: { intervalHours: 24 },
			credentialTypes: [new ChirpOAuth2Api()],
			credentials: {
				chirpOAuth2Api: chirpOAuth({
					access: 'chirp_at_0',
					refresh: 'chirp_rt_1',
					expiresAt: START + HOUR,
				}) as never,
			},
			nodeCredentials: { chirpOAuth2Api: { id: 'cred-c', name: 'Chirp OAuth' } },
		});
		for (let day = 0; day < 3; day++) {
			expect(await harness.poll()).toBeNull();
			clock.jump(DAY);
		}
		expect(forms).toHaveLength(3);
		expect(forms[0]).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'chirp_rt_1' });
		expect(
			(harness.credentials.getStored('chirpOAuth2Api').oauthTokenData as { access_token: string })
				.access_token,
		).toBe('chirp_at_3');
		refuse = true;
		const out = await harness.poll();
		expect(out?.[0].map((i) => [i.json.reason, i.json.credential, i.json.service])).toEqual([
			['revoked', 'Chirp OAuth', 'Chirp'],
		]);
		expect(String(out?.[0][0].json.fix)).toBe(
			'The provider no longer accepts the refresh token: open the credential "Chirp OAuth" in n8n and reconnect it.',
		);
		expect(JSON.stringify(out)).not.toContain('chirp-client-secret');
	});

	it("records credentials of our types created, renamed and deleted in n8n, from n8n's paged credential list", async () => {
		const page = (data: unknown[], nextCursor: string | null) => ({ data, nextCursor });
		const keys: unknown[] = [];
		const cred = (id: string, name: string, type: string, updatedAt: string) => ({
			id,
			name,
			type,
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt,
			shared: [],
		});
		nock(N8N)
			.get('/api/v1/credentials')
			.query({ limit: '250' })
			.reply(function () {
				keys.push(this.req.headers['x-n8n-api-key']);
				return [
					200,
					page([cred('1', 'Chirp main', 'chirpOAuth2Api', '2026-01-01T00:00:00.000Z')], 'c2'),
				];
			})
			.get('/api/v1/credentials')
			.query({ limit: '250', cursor: 'c2' })
			.reply(
				200,
				page(
					[
						cred('2', 'Glimpse shop', 'glimpseOAuth2Api', '2026-01-01T00:00:00.000Z'),
						cred('3', 'Slack', 'slackApi', '2026-01-01T00:00:00.000Z'),
					],
					null,
				),
			)
			.get('/api/v1/credentials')
			.query({ limit: '250' })
			.reply(
				200,
				page(
					[
						cred('1', 'Chirp marketing', 'chirpOAuth2Api', '2026-01-05T10:00:00.000Z'),
						cred('5', 'Chirp bot', 'chirpApi', '2026-01-05T11:00:00.000Z'),
					],
					null,
				),
			);
		const harness = createPollHarness({
			nodeType: new TestMonitor(),
			parameters: { intervalHours: 24 },
		});
		await harness.poll();
		expect(await observer.store().queryAudit({ workspace: instance })).toEqual([]);
		clock.jump(DAY);
		await harness.poll();
		const audit = await observer.store().queryAudit({ workspace: instance });
		expect(audit.map((a) => [a.action, a.credentialId, a.credentialName, a.serviceName])).toEqual([
			['credentialDeleted', '2', 'Glimpse shop', 'Glimpse'],
			['credentialCreated', '5', 'Chirp bot', 'Chirp'],
			['credentialUpdated', '1', 'Chirp marketing', 'Chirp'],
		]);
		expect(keys).toEqual([API_KEY]);
		expect(JSON.stringify(audit)).not.toContain(API_KEY);
	});
});
