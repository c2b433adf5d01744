/** Usage batching, dashboard arithmetic, workspace resolution, and one refresh at a time per credential. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { catalogEntry, dailyLimit, describeLimit } from '../../../lib/connections/catalog';
import { dashboardEntry, statusOf } from '../../../lib/connections/manage';
import {
	ConnectionsObserver,
	isInternalRequest,
	runInternal,
} from '../../../lib/connections/observer';
import type { ConnectionStore } from '../../../lib/connections/store';
import { emptyUsage } from '../../../lib/connections/store';
import type { UsageBatch, UsageSample } from '../../../lib/connections/types';
import { UsageRecorder } from '../../../lib/connections/usage';
import { resolveWorkspace } from '../../../lib/connections/workspace';
import { createRuntime } from '../../../lib/runtime';
import type { RequestEvent } from '../../../lib/transport/observer';
import { FakeClock } from '../../helpers/fake-clock';
import { chirpSpec, freshObserver, useTestServices } from './fixtures';
import { settingsFromEnv } from '../../../lib/settings';

const T0 = Date.parse('2026-02-02T12:30:00Z');
const HOUR = 3_600_000;

function sample(at: number, ok: boolean, extra: Partial<UsageSample> = {}): UsageSample {
	return {
		workspace: 'w',
		family: 'chirp',
		credentialId: 'c1',
		at,
		serviceId: 'chirp',
		serviceName: 'Chirp',
		credentialType: 'chirpApi',
		credentialName: 'Chirp A',
		exclusive: true,
		ok,
		status: ok ? 200 : 503,
		workflowId: 'wf',
		executionId: 'ex',
		...extra,
	};
}

function spyStore(fail = false): { store: ConnectionStore; batches: UsageBatch[] } {
	const batches: UsageBatch[] = [];
	const store = {
		applyUsage: jest.fn(async (b: UsageBatch) => {
			if (fail) throw new Error('disk full');
			batches.push(b);
		}),
	} as unknown as ConnectionStore;
	return { store, batches };
}

describe('UsageRecorder', () => {
	afterEach(() => jest.useRealTimers());

	it('sums attempts per connection and hour in memory and writes them in one batch after the interval', async () => {
		jest.useFakeTimers({ doNotFake: ['Date', 'setImmediate', 'nextTick'] });
		const { store, batches } = spyStore();
		const usage = new UsageRecorder(() => store, { flushIntervalMs: 1000, flushOnExit: false });
		usage.record(sample(T0, true), T0 + HOUR);
		usage.record(sample(T0 + 1000, false));
		usage.record(sample(T0 + 2000, true));
		usage.record(sample(T0 + HOUR, true, { executionId: 'ex2' }));
		usage.logError({
			workspace: 'w',
			family: 'chirp',
			credentialId: 'c1',
			at: T0 + 1000,
			serviceName: 'Chirp',
			connection: 'Chirp A',
			method: 'GET',
			endpoint: '/x',
			status: 503,
			message: 'busy',
			requestId: null,
			attempt: 1,
			maxAttempts: 1,
			nextRetryInSeconds: null,
			kind: 'final',
		});
		expect(usage.pendingCount).toBe(5);
		expect(batches).toEqual([]);
		jest.advanceTimersByTime(999);
		expect(batches).toEqual([]);
		jest.advanceTimersByTime(1);
		await Promise.resolve();
		expect(batches).toHaveLength(1);
		const [batch] = batches;
		const ref = { workspace: 'w', family: 'chirp', credentialId: 'c1' };
		expect(batch.hourly).toEqual([
			{ ...ref, hour: Date.parse('2026-02-02T12:00:00Z'), calls: 3, successes: 2, failures: 1 },
			{ ...ref, hour: Date.parse('2026-02-02T13:00:00Z'), calls: 1, successes: 1, failures: 0 },
		]);
		expect(batch.latest).toEqual([
			{
				...ref,
				serviceId: 'chirp',
				serviceName: 'Chirp',
				credentialType: 'chirpApi',
				credentialName: 'Chirp A',
				exclusive: true,
				successes: 3,
				failures: 1,
				lastUsedAt: T0 + HOUR,
				lastStatus: 200,
				lastOk: true,
				tokenExpiresAt: T0 + HOUR,
			},
		]);
		expect(batch.executions).toEqual([
			{ ...ref, executionId: 'ex', workflowId: 'wf', at: T0 + 2000 },
			{ ...ref, executionId: 'ex2', workflowId: 'wf', at: T0 + HOUR },
		]);
		expect(batch.lastErrors).toEqual([{ ...ref, at: T0 + 1000, message: 'busy' }]);
		expect(usage.pendingCount).toBe(0);
	});

	it('writes at once when maxPending accumulate', async () => {
		const { store, batches } = spyStore();
		const usage = new UsageRecorder(() => store, { maxPending: 3, flushOnExit: false });
		usage.record(sample(T0, true));
		usage.record(sample(T0, true));
		expect(batches).toHaveLength(0);
		usage.record(sample(T0, true));
		await Promise.resolve();
		expect(batches.map((b) => b.hourly[0].calls)).toEqual([3]);
		await usage.close();
	});

	it('a failing store never throws from here: the batch is dropped and the error kept', async () => {
		const { store } = spyStore(true);
		const usage = new UsageRecorder(() => store, { flushOnExit: false });
		usage.record(sample(T0, true));
		await expect(usage.flush()).resolves.toBeUndefined();
		expect(usage.lastError?.message).toBe('disk full');
		expect(usage.pendingCount).toBe(0);
		await usage.close();
	});
});

describe('dashboard arithmetic', () => {
	it('rate limits per 24 h and in words', () => {
		expect(dailyLimit({ requests: 200, windowMs: HOUR })).toBe(4800);
		expect(dailyLimit({ requests: 10, windowMs: 1000 })).toBe(864000);
		expect(dailyLimit(undefined)).toBeNull();
		expect(describeLimit({ requests: 200, windowMs: HOUR })).toBe('200 per hour');
		expect(describeLimit({ requests: 900, windowMs: 15 * 60_000 })).toBe('900 per 15 minutes');
		expect(describeLimit({ requests: 5, windowMs: 1500 })).toBe('5 per 1500 ms');
	});

	it('status: connected, error, expired (401, or an auth failure after the last use)', () => {
		expect(statusOf(emptyUsage())).toBe('connected');
		expect(statusOf({ ...emptyUsage(), lastUsedAt: T0, lastOk: true, lastStatus: 200 })).toBe(
			'connected',
		);
		expect(statusOf({ ...emptyUsage(), lastUsedAt: T0, lastOk: false, lastStatus: 503 })).toBe(
			'error',
		);
		expect(statusOf({ ...emptyUsage(), lastUsedAt: T0, lastOk: false, lastStatus: 401 })).toBe(
			'expired',
		);
		expect(
			statusOf({
				...emptyUsage(),
				lastUsedAt: T0,
				lastOk: true,
				lastError: 'token could not be refreshed',
				lastErrorAt: T0 + 1,
			}),
		).toBe('expired');
		// An old auth failure followed by successful use no longer counts.
		expect(
			statusOf({
				...emptyUsage(),
				lastUsedAt: T0 + 5,
				lastOk: true,
				lastError: 'token could not be refreshed',
				lastErrorAt: T0 + 1,
			}),
		).toBe('connected');
	});

	it('success rate to one decimal; "calls / limit" as the seed shows it', () => {
		const info = catalogEntry(chirpSpec);
		const entry = dashboardEntry(
			{
				workspace: 'w',
				family: 'chirp',
				credentialId: 'c',
				serviceId: 'chirp',
				serviceName: 'Chirp',
				credentialType: 'chirpOAuth2Api',
				credentialName: 'Chirp OAuth',
				accountLabel: '@mybusiness',
				boundAt: T0,
				exclusive: true,
				usage: {
					...emptyUsage(),
					calls24h: 145,
					successes24h: 143,
					failures24h: 2,
					lastUsedAt: T0,
					lastOk: true,
					lastStatus: 200,
					tokenExpiresAt: T0 + HOUR,
				},
			},
			info,
		);
		expect(entry).toEqual({
			service: 'Chirp',
			serviceId: 'chirp',
			workspace: 'w',
			account: '@mybusiness',
			credential: 'Chirp OAuth',
			credentialType: 'chirpOAuth2Api',
			status: 'connected',
			connectedSince: '2026-02-02T12:30:00.000Z',
			lastUsed: '2026-02-02T12:30:00.000Z',
			tokenExpires: '2026-02-02T13:30:00.000Z',
			autoRefresh: true,
			calls24h: 145,
			limit24h: 4800,
			apiCalls24h: '145 / 4800',
			rateLimit: '200 per hour',
			successRate: 98.6,
			lastError: null,
			lastErrorAt: null,
		});
	});
});

describe('workspace', () => {
	const fn = { getInstanceId: () => 'abc123' };
	it('the configured name wins; otherwise the instance', () => {
		expect(
			resolveWorkspace(
				fn,
				settingsFromEnv({ N8N_API_CONNECTIONS_WORKSPACE: ' Marketing ' }).workspace,
			),
		).toEqual({
			key: 'Marketing',
			label: 'workspace "Marketing"',
			source: 'configured',
		});
		expect(
			resolveWorkspace(fn, settingsFromEnv({ N8N_API_CONNECTIONS_WORKSPACE: '  ' }).workspace),
		).toEqual({
			key: 'instance:abc123',
			label: 'this n8n instance',
			source: 'instance',
		});
		expect(resolveWorkspace(fn, settingsFromEnv({}).workspace)).toEqual({
			key: 'instance:abc123',
			label: 'this n8n instance',
			source: 'instance',
		});
	});
});

describe('observer', () => {
	let observer: ConnectionsObserver;
	beforeEach(() => useTestServices());
	afterEach(async () => await observer.close());

	function fakeFn(
		stored: { oauthTokenData: Record<string, unknown> },
		refresh: () => Promise<void>,
	): IExecuteFunctions {
		return {
			getNode: () => ({
				name: 'Chirp',
				credentials: { chirpOAuth2Api: { id: 'c1', name: 'Chirp OAuth' } },
			}),
			getCredentials: async () => structuredClone(stored),
			getInstanceId: () => 'i1',
			getWorkflow: () => ({ id: 'wf' }),
			getExecutionId: () => 'ex',
			helpers: { refreshOAuth2Token: refresh },
			logger: { warn: () => {} },
		} as unknown as IExecuteFunctions;
	}

	const event = (fn: IExecuteFunctions, itemIndex = 0): RequestEvent => ({
		engine: createRuntime({ observers: [] }),
		fn,
		itemIndex,
		serviceId: 'chirp',
		serviceName: 'Chirp',
		family: 'chirp',
		credentialType: 'chirpOAuth2Api',
		key: { service: 'chirp', connection: 'chirpOAuth2Api:c1' },
		method: 'GET',
		endpoint: '/posts/{postId}',
	});

	it('refreshes one credential once, however many requests wait for it', async () => {
		const clock = new FakeClock(T0);
		({ observer } = freshObserver({ clock, enforceWorkspaceRule: false }));
		const stored = {
			oauthTokenData: {
				access_token: 'old_token_1',
				refresh_token: 'rt_1',
				n8n_expires_at: String(T0 + 60_000),
			},
		};
		let refreshes = 0;
		const fn = fakeFn(stored, async () => {
			refreshes++;
			await new Promise((r) => setImmediate(r));
			stored.oauthTokenData = {
				access_token: 'new_token_2',
				refresh_token: 'rt_2',
				n8n_expires_at: String(T0 + HOUR),
			};
		});
		await Promise.all([0, 1, 2, 3, 4].map((i) => observer.beforeRequest(event(fn, i))));
		expect(refreshes).toBe(1);
		await observer.beforeRequest(event(fn));
		expect(refreshes).toBe(1);
		const audit = await observer.store().queryAudit({ workspace: 'instance:i1' });
		expect(audit.map((a) => [a.action, a.detail])).toEqual([
			[
				'refreshed',
				'proactive refresh, 60 s before the old token expired; new token valid until 2026-02-02T13:30:00.000Z',
			],
		]);
	});

	it('lets its own requests (runInternal) through without rule or refresh', async () => {
		({ observer } = freshObserver({ clock: new FakeClock(T0) }));
		let refreshes = 0;
		const fn = fakeFn(
			{
				oauthTokenData: {
					access_token: 'a_token_1',
					refresh_token: 'r',
					n8n_expires_at: String(T0),
				},
			},
			async () => {
				refreshes++;
			},
		);
		expect(isInternalRequest()).toBe(false);
		await runInternal(async () => {
			expect(isInternalRequest()).toBe(true);
			await observer.beforeRequest(event(fn));
		});
		expect(refreshes).toBe(0);
		expect(await observer.store().getBinding('instance:i1', 'chirp')).toBeUndefined();
	});

	it('counts nothing for requests without a credential or answered from the cache', async () => {
		({ observer } = freshObserver({ clock: new FakeClock(T0) }));
		const fn = fakeFn({ oauthTokenData: {} }, async () => {});
		observer.afterAttempt(
			{ ...event(fn), credentialType: undefined },
			{ status: 200, ok: true, durationMs: 1 },
		);
		observer.afterAttempt(event(fn), { status: 200, ok: true, durationMs: 0, cached: true });
		expect(observer.usage.pendingCount).toBe(0);
		observer.afterAttempt(event(fn), { status: 200, ok: true, durationMs: 3 });
		expect(observer.usage.pendingCount).toBe(1);
	});
});
