/**
 * Airtable webhooks lapse 7 days after their creation or last refresh. The trigger records its registration
 * (lib/triggers/renewal.ts, the spec's `webhook.renewal`); the Connections Monitor, holding the credential that
 * registered it, sends `POST /v0/bases/{baseId}/webhooks/{id}/refresh` when 2 days or less are left and keeps the
 * new `expirationTime`; deactivation forgets it. Trigger and monitor run through n8n-core's real contexts, on
 * virtual time, against a nock Airtable.
 */
import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnAirtableApi } from '../../credentials/ApiConnAirtableApi.credentials';
import { ApiConnAirtableOAuth2Api } from '../../credentials/ApiConnAirtableOAuth2Api.credentials';
import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { sharedReplayStore } from '../../lib/webhooks';
import { MemorySubscriptionRegistry, useSubscriptions } from '../../lib/webhooks/subscriptions';
import { airtableSpec } from '../../nodes/Airtable/Airtable.service';
import { AirtableTrigger } from '../../nodes/Airtable/AirtableTrigger.node';
import { ConnectionsMonitorTrigger } from '../../nodes/Connections/ConnectionsMonitorTrigger.node';
import { createPollHarness } from '../helpers/poll-harness';
import { createTriggerHarness } from '../helpers/trigger-harness';
import { SteppingClock, freshObserver } from '../unit/connections/fixtures';

const API = 'https://api.airtable.com';
const PAT = 'patR8vD2kQ9xL4mN7.3f9d0c77e1a24b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6';
const BASE = 'appY3WxIBCdKAzzAK';
const HOOK = 'achHqtKEJLnNRxOyB';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.parse('2026-01-05T09:00:00Z');

let clock: SteppingClock;
let observer: ConnectionsObserver;
let registry: MemorySubscriptionRegistry;

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => {
	clock = new SteppingClock(START);
	({ observer } = freshObserver({ env: { N8N_API_CONNECTIONS_PROJECT_WORKSPACES: 'false' } }));
	useRuntime({ clock, random: () => 0.5, observers: [observer], services: [airtableSpec] });
	registry = new MemorySubscriptionRegistry();
	useSubscriptions(registry);
	await sharedReplayStore().clear();
	jest.spyOn(Date, 'now').mockImplementation(() => clock.now());
});
afterEach(async () => {
	jest.restoreAllMocks();
	nock.cleanAll();
	useSubscriptions(undefined);
	await observer.close();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

const expiry = (at: number) => new Date(at).toISOString();

function trigger() {
	return createTriggerHarness({
		nodeType: new AirtableTrigger(),
		parameters: { baseId: BASE, events: ['record.created'] } as never,
		credentials: { apiConnAirtableApi: { accessToken: PAT } },
		credentialTypes: [new ApiConnAirtableApi(), new ApiConnAirtableOAuth2Api()],
	});
}

function monitor(holds: boolean) {
	return createPollHarness({
		nodeType: new ConnectionsMonitorTrigger(),
		parameters: { intervalHours: 24 },
		credentialTypes: [new ApiConnAirtableApi()],
		credentials: holds ? { apiConnAirtableApi: { accessToken: PAT } as never } : {},
		...(holds
			? {
					nodeCredentials: {
						apiConnAirtableApi: { id: 'apiConnAirtableApi-id', name: 'Airtable PAT' },
					},
				}
			: {}),
	});
}

async function activate() {
	const t = trigger();
	nock(API)
		.post(`/v0/bases/${BASE}/webhooks`)
		.reply(200, {
			id: HOOK,
			macSecretBase64: 'c2VjcmV0LW1hYy1rZXk=',
			expirationTime: expiry(START + 7 * DAY),
		});
	expect(await t.run('create')).toBe(true);
	return t;
}

describe('Airtable webhook renewal by the Connections Monitor', () => {
	it('the registration is recorded with its expiry; the monitor refreshes it 2 days ahead, every 5 days, for a month', async () => {
		await activate();
		expect(await registry.list()).toEqual([
			{
				key: 'trigger-workflow:trigger-node:production',
				serviceId: 'airtable',
				workflowId: 'trigger-workflow',
				nodeName: 'Airtable Trigger',
				credentialType: 'apiConnAirtableApi',
				credentialId: 'apiConnAirtableApi-id',
				credentialName: 'apiConnAirtableApi account',
				hookId: HOOK,
				values: { baseId: BASE, cursor: '1', expirationTime: expiry(START + 7 * DAY) },
				expiresAt: START + 7 * DAY,
			},
		]);
		const refreshes: Array<{ at: number; auth: unknown }> = [];
		nock(API)
			.persist()
			.post(`/v0/bases/${BASE}/webhooks/${HOOK}/refresh`)
			.reply(function () {
				refreshes.push({ at: clock.now(), auth: this.req.headers.authorization });
				return [200, { expirationTime: expiry(clock.now() + 7 * DAY) }];
			});
		const m = monitor(true);
		const outputs: Array<INodeExecutionData[][] | null> = [];
		for (let d = 0; d < 30; d++) {
			outputs.push(await m.poll());
			clock.jump(DAY);
		}
		expect(outputs.filter((o) => o !== null)).toEqual([]);
		expect(refreshes).toEqual(
			[5, 10, 15, 20, 25].map((d) => ({ at: START + d * DAY, auth: `Bearer ${PAT}` })),
		);
		expect((await registry.list())[0].expiresAt).toBe(START + 32 * DAY);
	});

	it('a monitor that does not hold the registering credential says so inside the window, and refreshes nothing', async () => {
		await activate();
		clock.jump(5 * DAY + HOUR);
		const m = monitor(false);
		const out = await m.poll();
		const items = (out?.[0] ?? []).map((i) => i.json);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ reason: 'subscriptionFailed', serviceId: 'airtable' });
		expect(String(items[0].detail)).toContain(
			'does not hold the credential "apiConnAirtableApi account" that registered it',
		);
	});

	it('deactivation forgets the registration', async () => {
		const t = await activate();
		nock(API).delete(`/v0/bases/${BASE}/webhooks/${HOOK}`).reply(200, {});
		expect(await t.run('delete')).toBe(true);
		expect(await registry.list()).toEqual([]);
	});
});
