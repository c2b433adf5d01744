/**
 * Tokens only a new sign-in renews (a spec's `connection.reauthorize`, e.g. 60-day access tokens with refresh
 * tokens for approved apps only): the Connections Monitor warns before the deadline — the access token's
 * without a refresh token, the refresh token's (fixed from the first grant) with one — and never tries to
 * renew what cannot be renewed.
 */
import type { IDataObject } from 'n8n-workflow';

import { catalogEntry, ServiceCatalog } from '../../../lib/connections/catalog';
import {
	reauthorizeDeadline,
	runMonitor,
	type HeldCredential,
	type MonitorContext,
	type MonitorState,
} from '../../../lib/connections/monitor';
import { SqliteConnectionStore } from '../../../lib/connections/sqlite-store';
import type { ServiceSpec } from '../../../lib/spec/types';
import { FakeClock } from '../../helpers/fake-clock';
import { binding, chirpSpec, emptyBatch, tempDir, ws } from './fixtures';

const DAY = 86_400_000;
const START = Date.parse('2026-01-05T06:00:00Z');

/** "Lynk": 60-day access tokens, 365-day refresh tokens for some apps, nothing else renews them. */
const lynkSpec: ServiceSpec = {
	...chirpSpec,
	id: 'lynk',
	displayName: 'Lynk',
	auth: [
		{
			kind: 'oauth2',
			credentialType: 'lynkOAuth2Api',
			displayName: 'OAuth2',
			oauth2: {
				grantType: 'authorizationCode',
				authUrl: 'https://lynk.test/authorize',
				tokenUrl: 'https://lynk.test/token',
				scopes: ['basic'],
			},
		},
	],
	connection: { reauthorize: { accessTokenDays: 60, refreshTokenDays: 365, warnMs: 7 * DAY } },
};

function setup() {
	const catalog = new ServiceCatalog([chirpSpec, lynkSpec]);
	const clock = new FakeClock(START);
	const store = new SqliteConnectionStore(`${tempDir()}/api-connections.sqlite`);
	const state: MonitorState = {};
	const ctx = (held: HeldCredential[]): MonitorContext => ({
		catalog,
		store,
		workspace: ws,
		now: () => clock.now(),
		held,
		state,
		actor: { actor: 'Connections Monitor (workflow "Watch" (wf-m))', workflowId: 'wf-m' },
		audit: async (r) => await store.addAudit(r),
	});
	return { clock, store, ctx };
}

/** A held Lynk credential whose token data is `token()` at each read; counts refreshes. */
function lynk(token: () => IDataObject) {
	const refreshes: number[] = [];
	const held: HeldCredential = {
		id: 'cred-l',
		name: 'Lynk member',
		type: 'lynkOAuth2Api',
		info: catalogEntry(lynkSpec),
		read: async () => ({ oauthTokenData: token() }),
		refresh: async () => {
			refreshes.push(1);
		},
		renew: async () => {
			throw new Error('never renewed');
		},
		cannotRenew: () => null,
		failureOf: () => 'retry',
	};
	return { held, refreshes };
}

describe('reauthorize: tokens only a new sign-in renews', () => {
	it('without a refresh token: silent until 7 days before the 60-day expiry, then "expiring", then "expired"', async () => {
		const { clock, ctx } = setup();
		const expiresAt = START + 60 * DAY;
		const { held, refreshes } = lynk(() => ({
			access_token: 'a',
			expires_in: 5_184_000,
			n8n_expires_at: String(expiresAt),
		}));
		await clock.advance(52 * DAY);
		expect(await runMonitor(ctx([held]))).toEqual([]);
		await clock.advance(2 * DAY);
		const items = await runMonitor(ctx([held]));
		expect(items.map((i) => [i.reason, i.detail, i.fix, i.tokenExpires])).toEqual([
			[
				'expiring',
				'The token of "Lynk member" expires in 6 days (2026-03-06T06:00:00.000Z); Lynk renews it only when the member signs in again.',
				'Open the credential "Lynk member" in n8n and sign in again (Connect my account) before then.',
				'2026-03-06T06:00:00.000Z',
			],
		]);
		await clock.advance(7 * DAY);
		expect((await runMonitor(ctx([held]))).map((i) => [i.reason, i.detail])).toEqual([
			[
				'expired',
				'The token of "Lynk member" expired on 2026-03-06T06:00:00.000Z; Lynk renews it only when the member signs in again.',
			],
		]);
		expect(refreshes).toEqual([]);
	});

	it('with a refresh token: the access token is refreshed as usual, and the refresh token’s fixed end is warned about', async () => {
		const { clock, ctx } = setup();
		// Granted at START with a 365-day refresh token; refreshes do not extend it (refresh_token_expires_in counts down).
		const grantEnd = START + 365 * DAY;
		let issuedAt = START;
		const { held, refreshes } = lynk(() => ({
			access_token: 'a',
			refresh_token: 'r',
			expires_in: 5_184_000,
			refresh_token_expires_in: Math.round((grantEnd - issuedAt) / 1000),
			n8n_expires_at: String(issuedAt + 60 * DAY),
		}));
		expect(reauthorizeDeadline(await held.read())).toBe(grantEnd);
		await clock.advance(300 * DAY);
		issuedAt = clock.now();
		expect(reauthorizeDeadline(await held.read())).toBe(grantEnd);
		expect(await runMonitor(ctx([held]))).toEqual([]);
		// The last token answer came 55 days ago: its access token is due for a refresh too.
		await clock.advance(60 * DAY);
		issuedAt = clock.now() - 55 * DAY;
		const items = await runMonitor(ctx([held]));
		expect(items.map((i) => [i.reason, i.detail])).toEqual([
			[
				'expiring',
				'The refresh token of "Lynk member" expires in 5 days (2027-01-05T06:00:00.000Z); Lynk renews it only when the member signs in again.',
			],
		]);
		// Still inside its life: the access token is kept fresh meanwhile.
		expect(refreshes).toEqual([1]);
	});

	it('a connection the monitor does not hold: "expiring" from its last seen expiry, with the reconnect fix', async () => {
		const { store, ctx } = setup();
		await store.claimBinding(
			binding('cred-l2', {
				family: 'lynk',
				serviceId: 'lynk',
				serviceName: 'Lynk',
				credentialType: 'lynkOAuth2Api',
				credentialName: 'Lynk team',
			}),
		);
		const batch = emptyBatch();
		batch.latest.push({
			workspace: ws,
			family: 'lynk',
			credentialId: 'cred-l2',
			serviceId: 'lynk',
			serviceName: 'Lynk',
			credentialType: 'lynkOAuth2Api',
			credentialName: 'Lynk team',
			exclusive: true,
			successes: 1,
			failures: 0,
			lastUsedAt: START - DAY,
			lastStatus: 200,
			lastOk: true,
			tokenExpiresAt: START + 5 * DAY,
		});
		await store.applyUsage(batch);
		const items = await runMonitor(ctx([]));
		expect(items.map((i) => [i.reason, i.fix])).toEqual([
			[
				'expiring',
				'Reconnect "Lynk team" in n8n (sign in again) before then; if its app has refresh tokens, select it in the Connections Monitor\'s credential field so the monitor refreshes it.',
			],
		]);
	});
});
