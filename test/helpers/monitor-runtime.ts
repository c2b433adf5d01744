/**
 * A process runtime for tests of the Connections Monitor's webhook renewals: one service, a stepping clock (Date.now
 * follows it), a fresh connections observer, an in-memory subscription registry and an empty replay store per test;
 * no network but nock. Registers the Jest hooks; read the fields inside tests.
 */
import nock from 'nock';

import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import type { ServiceSpec } from '../../lib/spec/types';
import { sharedReplayStore } from '../../lib/webhooks';
import { MemorySubscriptionRegistry, useSubscriptions } from '../../lib/webhooks/subscriptions';
import { SteppingClock, freshObserver } from '../unit/connections/fixtures';

export interface MonitorRuntime {
	clock: SteppingClock;
	observer: ConnectionsObserver;
	registry: MemorySubscriptionRegistry;
}

export function useMonitorRuntime(spec: ServiceSpec, start: number): MonitorRuntime {
	const rt = {} as MonitorRuntime;
	beforeAll(() => nock.disableNetConnect());
	beforeEach(async () => {
		rt.clock = new SteppingClock(start);
		({ observer: rt.observer } = freshObserver({
			env: { N8N_API_CONNECTIONS_PROJECT_WORKSPACES: 'false' },
		}));
		useRuntime({ clock: rt.clock, random: () => 0.5, observers: [rt.observer], services: [spec] });
		rt.registry = new MemorySubscriptionRegistry();
		useSubscriptions(rt.registry);
		await sharedReplayStore().clear();
		jest.spyOn(Date, 'now').mockImplementation(() => rt.clock.now());
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		nock.cleanAll();
		useSubscriptions(undefined);
		await rt.observer.close();
	});
	afterAll(() => {
		useRuntime();
		nock.enableNetConnect();
	});
	return rt;
}
