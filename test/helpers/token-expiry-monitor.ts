/**
 * The setup of the tests where the Connections Monitor asks a provider when a token ends
 * (`connection.tokenExpiry`): the monitor node offering one credential type, and per test a stepping clock,
 * a fresh connections store and no network but nock's.
 */
import nock from 'nock';

import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import type { ServiceSpec } from '../../lib/spec/types';
import { ConnectionsMonitorTrigger } from '../../nodes/Connections/ConnectionsMonitorTrigger.node';
import { SteppingClock, freshObserver, useTestServices } from '../unit/connections/fixtures';

/** The Connections Monitor Trigger offering `credential` (the test selects it in the node). */
export function monitorFor(credential: string): ConnectionsMonitorTrigger {
	const node = new ConnectionsMonitorTrigger();
	node.description = {
		...node.description,
		credentials: [{ name: credential, required: false }],
	};
	return node;
}

/** Registers the Jest hooks; the returned function gives the current test's clock (it starts at `start`). */
export function useTokenExpiryMonitor(services: ServiceSpec[], start: number): () => SteppingClock {
	let clock: SteppingClock;
	let observer: ConnectionsObserver;
	beforeAll(() => nock.disableNetConnect());
	beforeEach(() => {
		useTestServices(services);
		clock = new SteppingClock(start);
		({ observer } = freshObserver({ env: { N8N_API_CONNECTIONS_PROJECT_WORKSPACES: 'false' } }));
		useRuntime({ clock, random: () => 0.5, observers: [observer] });
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
	return () => clock;
}
