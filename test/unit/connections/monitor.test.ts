/**
 * The Connections Monitor's checks (lib/connections/monitor.ts) over simulated months on a virtual clock:
 * tokens renewed inside their window whether or not anything used them, a margin per token lifetime,
 * attention items (expiring, expired, refreshFailed, revoked, failing, unusualActivity), vendor
 * subscriptions, and credential changes seen in n8n recorded in the audit trail.
 */
import type { IDataObject } from 'n8n-workflow';

import { catalogEntry, ServiceCatalog } from '../../../lib/connections/catalog';
import type { ServiceSpec } from '../../../lib/spec/types';
import {
	renewalMarginMs,
	runMonitor,
	type HeldCredential,
	type MonitorContext,
	type MonitorState,
	type N8nCredentialMeta,
} from '../../../lib/connections/monitor';
import { SqliteConnectionStore } from '../../../lib/connections/sqlite-store';
import type { AuditRecord } from '../../../lib/connections/types';
import { FakeClock } from '../../helpers/fake-clock';
import { binding, chirpSpec, emptyBatch, tempDir, ws } from './fixtures';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.parse('2026-01-05T06:00:00Z');

/** "Gram": a service with Meta-style 60-day tokens renewed at its own endpoint, 7 days before expiry. */
const gramSpec: ServiceSpec = {
	...chirpSpec,
	id: 'gram',
	displayName: 'Gram',
	auth: [
		{
			kind: 'oauth2',
			credentialType: 'gramOAuth2Api',
			displayName: 'OAuth2',
			oauth2: {
				grantType: 'authorizationCode',
				authUrl: 'https://gram.test/authorize',
				tokenUrl: 'https://gram.test/token',
				scopes: ['basic'],
			},
		},
	],
	connection: {
		tokenRenewal: {
			path: '/refresh_access_token',
			params: { grant_type: 'ig_refresh_token', access_token: '{access_token}' },
			marginMs: 7 * DAY,
			tokenPath: 'access_token',
			expiresInPath: 'expires_in',
		},
	},
};

function setup() {
	const catalog = new ServiceCatalog([chirpSpec, gramSpec]);
	const clock = new FakeClock(START);
	const store = new SqliteConnectionStore(`${tempDir()}/api-connections.sqlite`);
	const audits: AuditRecord[] = [];
	const state: MonitorState = {};
	const ctx = (extra: Partial<MonitorContext> = {}): MonitorContext => ({
		catalog,
		store,
		workspace: ws,
		now: () => clock.now(),
		held: [],
		state,
		actor: {
			actor: 'Connections Monitor (workflow "Watch" (wf-m) via Connections Monitor)',
			workflowId: 'wf-m',
		},
		audit: async (r) => {
			audits.push(r);
			await store.addAudit(r);
		},
		...extra,
	});
	return { clock, store, audits, state, ctx };
}

/** A long-lived token the provider renews for 60 days; `calls` are the times it was renewed. */
function gramToken(
	expiresAt: number,
	now: () => number,
	options: { refuse?: boolean; blocked?: string } = {},
) {
	const calls: number[] = [];
	let expiry = expiresAt;
	const held: HeldCredential = {
		id: 'cred-gram',
		name: 'Gram account',
		type: 'gramOAuth2Api',
		info: catalogEntry(gramSpec),
		read: async () => ({
			oauthTokenData: {
				access_token: `tok-${calls.length}`,
				expires_in: 5_184_000,
				n8n_expires_at: String(expiry),
			},
		}),
		refresh: async () => {
			throw new Error('not used');
		},
		renew: async () => {
			calls.push(now());
			if (options.refuse)
				throw Object.assign(new Error('Session has been invalidated (400)'), { refused: true });
			expiry = now() + 60 * DAY;
			return expiry;
		},
		cannotRenew: () => options.blocked ?? null,
		failureOf: (e) => ((e as { refused?: boolean }).refused ? 'refused' : 'retry'),
	};
	return { held, calls, expiry: () => expiry };
}

/** A refreshable OAuth2 token of `lifetimeMs`; `refresh` gives a new one. */
function chirpToken(lifetimeMs: number, now: () => number, fail?: () => Error | undefined) {
	const calls: number[] = [];
	let expiry = now() + lifetimeMs;
	const held: HeldCredential = {
		id: 'cred-chirp',
		name: 'Chirp account',
		type: 'chirpOAuth2Api',
		info: catalogEntry(chirpSpec),
		read: async (): Promise<IDataObject> => ({
			oauthTokenData: {
				access_token: 'a',
				refresh_token: 'r',
				expires_in: lifetimeMs / 1000,
				n8n_expires_at: String(expiry),
			},
		}),
		refresh: async () => {
			calls.push(now());
			const error = fail?.();
			if (error) throw error;
			expiry = now() + lifetimeMs;
		},
		renew: async () => null,
		cannotRenew: () => null,
		failureOf: () => 'retry',
	};
	return { held, calls };
}

describe('renewal margin per token lifetime', () => {
	it('is 7 days for 60-day tokens and a share of shorter lifetimes', () => {
		expect(renewalMarginMs(60 * DAY)).toBe(7 * DAY);
		expect(renewalMarginMs(90 * DAY)).toBe(7 * DAY);
		expect(renewalMarginMs(24 * HOUR)).toBe(2.8 * HOUR);
		expect(renewalMarginMs(HOUR)).toBe(7 * 60_000);
		expect(renewalMarginMs(60_000)).toBe(5 * 60_000);
		expect(renewalMarginMs(null)).toBe(7 * DAY);
	});
});

describe('the Connections Monitor over simulated months', () => {
	it('renews a 60-day token 7 days before it expires, every time, for six months, with nothing using it', async () => {
		const { clock, ctx, audits } = setup();
		const gram = gramToken(START + 60 * DAY, () => clock.now());
		const emitted: unknown[] = [];
		for (let day = 0; day < 180; day++) {
			emitted.push(...(await runMonitor(ctx({ held: [gram.held] }))));
			await clock.advance(DAY);
		}
		expect(emitted).toEqual([]);
		expect(gram.calls).toEqual([START + 53 * DAY, START + 106 * DAY, START + 159 * DAY]);
		expect(gram.expiry()).toBe(START + 219 * DAY);
		const renewals = audits.filter((a) => a.action === 'refreshed');
		expect(renewals.map((a) => [a.at, a.detail])).toEqual(
			[53, 106, 159].map((d) => [
				START + d * DAY,
				`Connections Monitor renewed the long-lived token 7 days before it expired; new token valid until ${new Date(START + (d + 60) * DAY).toISOString()}`,
			]),
		);
		expect(renewals[0]).toMatchObject({
			workspace: ws,
			family: 'gram',
			credentialId: 'cred-gram',
			credentialName: 'Gram account',
			serviceName: 'Gram',
			actor: 'Connections Monitor (workflow "Watch" (wf-m) via Connections Monitor)',
			workflowId: 'wf-m',
		});
	});

	it('with a weekly schedule renews early enough that the next run is never too late', async () => {
		const { clock, ctx } = setup();
		const gram = gramToken(START + 60 * DAY, () => clock.now());
		for (let week = 0; week < 26; week++) {
			await runMonitor(ctx({ held: [gram.held], options: { intervalMs: 7 * DAY } }));
			expect(gram.expiry() - clock.now()).toBeGreaterThan(0);
			await clock.advance(7 * DAY);
		}
		// Window: 7 days, or the week until the next run plus an hour. Day 49 (11 days left) waits; day 56 (4 left) renews.
		expect(gram.calls).toEqual([START + 56 * DAY, START + 112 * DAY, START + 168 * DAY]);
	});

	it('refreshes a 1-hour OAuth2 token on every daily run, keeping its refresh token in use', async () => {
		const { clock, ctx, audits } = setup();
		const chirp = chirpToken(HOUR, () => clock.now());
		for (let day = 0; day < 30; day++) {
			await clock.advance(DAY);
			expect(await runMonitor(ctx({ held: [chirp.held] }))).toEqual([]);
		}
		expect(chirp.calls).toEqual(Array.from({ length: 30 }, (_, d) => START + (d + 1) * DAY));
		expect(audits.filter((a) => a.action === 'refreshed')[0].detail).toBe(
			`Connections Monitor refreshed the access token, which had expired on ${new Date(START + HOUR).toISOString()}; new token valid until ${new Date(START + DAY + HOUR).toISOString()}`,
		);
	});

	it('refreshes a 90-day OAuth2 token only inside its margin (7 days, plus the day until the next run)', async () => {
		const { clock, ctx } = setup();
		const chirp = chirpToken(90 * DAY, () => clock.now());
		for (let day = 0; day < 200; day++) {
			await runMonitor(ctx({ held: [chirp.held] }));
			await clock.advance(DAY);
		}
		expect(chirp.calls).toEqual([START + 82 * DAY, START + 164 * DAY]);
	});

	it('without a way to save renewed tokens: expiring every day of the window, then expired', async () => {
		const { clock, ctx } = setup();
		const blocked =
			'set N8N_API_CONNECTIONS_N8N_API_KEY (an n8n API key allowed to update credentials)';
		const gram = gramToken(START + 60 * DAY, () => clock.now(), { blocked });
		const byDay: Array<[number, string]> = [];
		for (let day = 0; day < 62; day++) {
			for (const item of await runMonitor(ctx({ held: [gram.held] })))
				byDay.push([day, item.reason]);
			await clock.advance(DAY);
		}
		expect(byDay).toEqual([
			...[53, 54, 55, 56, 57, 58, 59].map((d) => [d, 'expiring']),
			[60, 'expired'],
			[61, 'expired'],
		]);
		expect(gram.calls).toEqual([]);
	});

	it('emits the expiring item with every field', async () => {
		const { clock, ctx } = setup();
		const gram = gramToken(START + 3 * DAY, () => clock.now(), { blocked: 'set the key.' });
		expect(await runMonitor(ctx({ held: [gram.held] }))).toEqual([
			{
				reason: 'expiring',
				service: 'Gram',
				serviceId: 'gram',
				workspace: ws,
				credential: 'Gram account',
				credentialId: 'cred-gram',
				credentialType: 'gramOAuth2Api',
				account: null,
				detail: `The token of "Gram account" expires in 3 days (${new Date(START + 3 * DAY).toISOString()}) and the monitor cannot renew it: set the key.`,
				fix: 'set the key.',
				tokenExpires: new Date(START + 3 * DAY).toISOString(),
				checkedAt: new Date(START).toISOString(),
			},
		]);
	});

	it('a renewal the provider refuses is "revoked"; a refresh refused with invalid_grant too; a network failure is "refreshFailed"', async () => {
		const { clock, ctx, audits } = setup();
		const gram = gramToken(START + 2 * DAY, () => clock.now(), { refuse: true });
		let failure: Error | undefined = new Error('invalid_grant: Token has been expired or revoked.');
		const chirp = chirpToken(
			HOUR,
			() => clock.now(),
			() => failure,
		);
		await clock.advance(DAY);
		const first = await runMonitor(ctx({ held: [gram.held, chirp.held] }));
		expect(first.map((i) => [i.credential, i.reason, i.fix])).toEqual([
			['Gram account', 'revoked', 'Open the credential "Gram account" in n8n and sign in again.'],
			[
				'Chirp account',
				'revoked',
				'The provider no longer accepts the refresh token: open the credential "Chirp account" in n8n and reconnect it.',
			],
		]);
		expect(first[0].detail).toBe(
			`Gram refused to renew the token of "Gram account" (valid until ${new Date(START + 2 * DAY).toISOString()}): Session has been invalidated (400)`,
		);
		failure = new Error('connect ECONNREFUSED 127.0.0.1:443');
		await clock.advance(DAY);
		const second = await runMonitor(ctx({ held: [chirp.held] }));
		expect(second.map((i) => [i.reason, i.detail])).toEqual([
			[
				'refreshFailed',
				'Refreshing the token of "Chirp account" failed: connect ECONNREFUSED 127.0.0.1:443',
			],
		]);
		// Each item is in the audit trail too.
		expect(
			audits.filter((a) => a.action === 'attention').map((a) => a.detail?.split(':')[0]),
		).toEqual(['revoked', 'revoked', 'refreshFailed']);
	});

	it('reports a long-lived token it does not hold from the expiry the store last saw', async () => {
		const { clock, ctx, store } = setup();
		await store.claimBinding({
			...binding('cred-g2', {
				family: 'gram',
				serviceId: 'gram',
				serviceName: 'Gram',
				credentialType: 'gramOAuth2Api',
				credentialName: 'Gram team',
			}),
		});
		const batch = emptyBatch();
		batch.latest.push({
			workspace: ws,
			family: 'gram',
			credentialId: 'cred-g2',
			serviceId: 'gram',
			serviceName: 'Gram',
			credentialType: 'gramOAuth2Api',
			credentialName: 'Gram team',
			exclusive: true,
			successes: 1,
			failures: 0,
			lastUsedAt: START - DAY,
			lastStatus: 200,
			lastOk: true,
			tokenExpiresAt: START + 5 * DAY,
		});
		await store.applyUsage(batch);
		const items = await runMonitor(ctx());
		expect(items.map((i) => [i.reason, i.account, i.fix])).toEqual([
			[
				'expiring',
				'@cred-g2',
				`Select "Gram team" in the Connections Monitor's credential field so the monitor renews it, or reconnect it in n8n before then.`,
			],
		]);
		await clock.advance(6 * DAY);
		expect((await runMonitor(ctx())).map((i) => i.reason)).toEqual(['expired']);
	});
});

describe('failing and unusual activity', () => {
	async function chirpBound(store: SqliteConnectionStore) {
		await store.claimBinding(
			binding('cred-c', { credentialType: 'chirpOAuth2Api', credentialName: 'Chirp account' }),
		);
	}
	const hourly = (hour: number, calls: number, failures = 0) => ({
		workspace: ws,
		family: 'chirp',
		credentialId: 'cred-c',
		hour,
		calls,
		successes: calls - failures,
		failures,
	});

	it('"failing": at least 20 % of at least 10 calls failed in 24 h', async () => {
		const { ctx, store } = setup();
		await chirpBound(store);
		const batch = emptyBatch();
		batch.hourly.push(hourly(START - 2 * HOUR, 6, 2), hourly(START - HOUR, 4, 0));
		await store.applyUsage(batch);
		const items = await runMonitor(ctx());
		expect(items.map((i) => [i.reason, i.detail])).toEqual([
			['failing', '2 of 10 calls failed in the last 24 h (20 %).'],
		]);
		const { ctx: ctx2, store: store2 } = setup();
		await chirpBound(store2);
		const fewer = emptyBatch();
		fewer.hourly.push(hourly(START - HOUR, 9, 9));
		await store2.applyUsage(fewer);
		expect(await runMonitor(ctx2())).toEqual([]);
	});

	it("a spike: an hour far above the connection's own 7-day hourly average", async () => {
		const { clock, ctx, store } = setup();
		await chirpBound(store);
		const batch = emptyBatch();
		// Baseline: 3 calls every hour for the 7 days before the last 24 h (average 3 per hour). On the second
		// run the 7 days before it hold 144 of those hours and the 14-call hour: 446 / 168 = 2.7 per hour.
		for (let h = 8 * 24; h > 24; h--) batch.hourly.push(hourly(START - h * HOUR, 3));
		batch.hourly.push(hourly(START - 5 * HOUR, 14)); // under the 20-call minimum: not a spike
		await store.applyUsage(batch);
		expect(await runMonitor(ctx())).toEqual([]);
		await clock.advance(DAY);
		const burst = emptyBatch();
		burst.hourly.push(hourly(START + 10 * HOUR, 400));
		await store.applyUsage(burst);
		const items = await runMonitor(ctx());
		expect(items.map((i) => [i.reason, i.detail])).toEqual([
			[
				'unusualActivity',
				`400 calls in the hour from ${new Date(START + 10 * HOUR).toISOString()}, against 2.7 per hour on average over the 7 days before.`,
			],
		]);
	});

	it('no baseline, no spike: a connection new this day is not unusual for being busy', async () => {
		const { ctx, store } = setup();
		await chirpBound(store);
		const batch = emptyBatch();
		batch.hourly.push(hourly(START - 2 * HOUR, 500));
		await store.applyUsage(batch);
		expect(await runMonitor(ctx())).toEqual([]);
	});

	it('a burst of 401/403 answers within one hour', async () => {
		const { ctx, store } = setup();
		await chirpBound(store);
		const batch = emptyBatch();
		const error = (at: number, status: number) => ({
			workspace: ws,
			family: 'chirp',
			credentialId: 'cred-c',
			at,
			serviceName: 'Chirp',
			connection: 'Chirp account',
			method: 'GET',
			endpoint: '/me',
			status,
			message: 'Unauthorized',
			requestId: null,
			attempt: 1,
			maxAttempts: 1,
			nextRetryInSeconds: null,
			kind: 'final',
		});
		for (const [m, s] of [
			[1, 401],
			[5, 403],
			[9, 401],
			[20, 401],
			[40, 403],
		] as const)
			batch.errors.push(error(START - 3 * HOUR + m * 60_000, s));
		batch.errors.push(error(START - 5 * HOUR, 401), error(START - 5 * HOUR + 1, 500));
		await store.applyUsage(batch);
		const items = await runMonitor(ctx({ options: { minCalls: 1_000 } }));
		expect(items.map((i) => [i.reason, i.detail])).toEqual([
			[
				'unusualActivity',
				`5 answers 401/403 (refused credentials or permissions) in the hour from ${new Date(START - 3 * HOUR).toISOString()}.`,
			],
		]);
	});

	it('first use from a workflow that never used the connection (learned on the first run)', async () => {
		const { clock, ctx, store } = setup();
		await chirpBound(store);
		const exec = (workflowId: string, at: number) => ({
			workspace: ws,
			family: 'chirp',
			credentialId: 'cred-c',
			executionId: `ex-${workflowId}-${at}`,
			workflowId,
			at,
		});
		const first = emptyBatch();
		first.executions.push(exec('wf-1', START - HOUR));
		await store.applyUsage(first);
		expect(await runMonitor(ctx())).toEqual([]);
		await clock.advance(DAY);
		const next = emptyBatch();
		next.executions.push(exec('wf-1', START + 2 * HOUR), exec('wf-9', START + 3 * HOUR));
		await store.applyUsage(next);
		const items = await runMonitor(ctx());
		expect(items.map((i) => [i.reason, i.detail])).toEqual([
			['unusualActivity', 'First use by workflow "wf-9", which never used this connection before.'],
		]);
		await clock.advance(DAY);
		const again = emptyBatch();
		again.executions.push(exec('wf-9', START + DAY + HOUR));
		await store.applyUsage(again);
		expect(await runMonitor(ctx())).toEqual([]);
	});
});

describe('vendor subscriptions and credential changes in n8n', () => {
	it('renews subscriptions through their hook; a failure is an item', async () => {
		const { ctx, audits } = setup();
		const items = await runMonitor(
			ctx({
				subscriptions: [
					{
						serviceId: 'chirp',
						name: 'mentions',
						renew: async () => ({ renewed: true, detail: 'renewed until 2026-01-12' }),
					},
					{
						serviceId: 'chirp',
						name: 'quiet',
						renew: async () => ({ renewed: false, detail: '' }),
					},
					{
						serviceId: 'chirp',
						name: 'dms',
						renew: async () => {
							throw new Error('404 subscription not found');
						},
					},
				],
			}),
		);
		expect(
			audits
				.filter((a) => a.action === 'subscriptionRenewed')
				.map((a) => [a.credentialId, a.detail]),
		).toEqual([['subscription:mentions', 'renewed until 2026-01-12']]);
		expect(items.map((i) => [i.reason, i.detail])).toEqual([
			[
				'subscriptionFailed',
				'Renewing the Chirp subscription "dms" failed: 404 subscription not found',
			],
		]);
	});

	it('records credentials of our types created, changed and deleted in n8n since the last run', async () => {
		const { clock, ctx, audits, store } = setup();
		let list: N8nCredentialMeta[] = [
			{
				id: '1',
				name: 'Chirp main',
				type: 'chirpOAuth2Api',
				updatedAt: '2026-01-01T00:00:00.000Z',
			},
			{ id: '2', name: 'Gram shop', type: 'gramOAuth2Api', updatedAt: '2026-01-01T00:00:00.000Z' },
			{
				id: '3',
				name: 'Slack (not ours)',
				type: 'slackApi',
				updatedAt: '2026-01-01T00:00:00.000Z',
			},
		];
		const c = () => ctx({ listCredentials: async () => list });
		await runMonitor(c());
		expect(audits).toEqual([]); // the first run learns
		list = [
			{
				id: '1',
				name: 'Chirp marketing',
				type: 'chirpOAuth2Api',
				updatedAt: '2026-01-05T08:00:00.000Z',
			},
			{ id: '4', name: 'Chirp bot', type: 'chirpApi', updatedAt: '2026-01-05T09:00:00.000Z' },
			{
				id: '3',
				name: 'Slack (not ours)',
				type: 'slackApi',
				updatedAt: '2026-01-05T09:00:00.000Z',
			},
		];
		await clock.advance(DAY);
		await runMonitor(c());
		expect(
			audits.map((a) => [a.action, a.credentialId, a.credentialName, a.serviceName, a.detail]),
		).toEqual([
			[
				'credentialUpdated',
				'1',
				'Chirp marketing',
				'Chirp',
				'changed in n8n (renamed from "Chirp main") at 2026-01-05T08:00:00.000Z; seen by the Connections Monitor',
			],
			[
				'credentialCreated',
				'4',
				'Chirp bot',
				'Chirp',
				'created in n8n (2026-01-05T09:00:00.000Z); seen by the Connections Monitor',
			],
			[
				'credentialDeleted',
				'2',
				'Gram shop',
				'Gram',
				'deleted in n8n; seen by the Connections Monitor',
			],
		]);
		const stored = await store.queryAudit({ workspace: ws, actions: ['credentialDeleted'] });
		expect(stored.map((a) => [a.credentialName, a.actor])).toEqual([
			['Gram shop', 'Connections Monitor (workflow "Watch" (wf-m) via Connections Monitor)'],
		]);
	});

	it('an n8n without the credential list (null) records nothing and fails nothing', async () => {
		const { ctx, audits, state } = setup();
		expect(await runMonitor(ctx({ listCredentials: async () => null }))).toEqual([]);
		expect(audits).toEqual([]);
		expect(state.credentials).toBeUndefined();
		expect(state.lastRunAt).toBe(START);
	});
});
