/**
 * A test file whose workflows run on virtual time against nock: each test gets a fresh FakeClock and a runtime
 * on it (no connections observers, fixed jitter), the network is off, and the process runtime is restored after.
 */
import nock from 'nock';

import { useRuntime, type RuntimeOptions } from '../../lib/runtime';
import { FakeClock } from './fake-clock';

export interface VirtualRuntime {
	/** This test's clock. */
	readonly clock: FakeClock;
	/** A new runtime on the same clock, with these options too (e.g. an operator's `env`). */
	restart(options?: RuntimeOptions): void;
}

export function onVirtualTime(startMs: number, options: RuntimeOptions = {}): VirtualRuntime {
	let clock = new FakeClock(startMs);
	const vt: VirtualRuntime = {
		get clock() {
			return clock;
		},
		restart: (more = {}) =>
			void useRuntime({ clock, random: () => 0.5, observers: [], ...options, ...more }),
	};
	beforeAll(() => nock.disableNetConnect());
	beforeEach(() => {
		clock = new FakeClock(startMs);
		vt.restart();
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => {
		useRuntime();
		nock.enableNetConnect();
	});
	return vt;
}
