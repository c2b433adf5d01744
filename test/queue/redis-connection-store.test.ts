/**
 * The Redis connections store gives the SQLite store's answers (the same cases run against both), and
 * adds what queue mode needs: racing claims from many connections, and no lost counts in an outage.
 */
import { join } from 'node:path';

import { RedisConnectionStore } from '../../lib/connections/redis-store';
import { SqliteConnectionStore } from '../../lib/connections/sqlite-store';
import { ConnectionStoreError, HOUR_MS, type ConnectionStore } from '../../lib/connections/store';
import type { RedisConnection } from '../../lib/redis/client';
import { tempDir } from '../unit/connections/fixtures';
import { RedisServer, uniquePrefix } from './redis-server';
import { binding, emptyBatch, T0, ws } from '../unit/connections/fixtures';
import { describeWithRedis } from './with-redis';

const ref = { workspace: ws, family: 'chirp', credentialId: 'cred-a' };
const hourOfT = (n: number) => Math.floor(T0 / HOUR_MS) * HOUR_MS + n * HOUR_MS;
const latest = (
	at: number,
	ok: boolean,
	status: number,
	successes: number,
	failures: number,
	tokenExpiresAt?: number,
) => ({
	...ref,
	serviceId: 'chirp',
	serviceName: 'Chirp',
	credentialType: 'chirpApi',
	credentialName: 'Chirp A',
	exclusive: true,
	successes,
	failures,
	lastUsedAt: at,
	lastStatus: status,
	lastOk: ok,
	tokenExpiresAt,
});

let server: RedisServer;
const connections: RedisConnection[] = [];
const stores: ConnectionStore[] = [];

function redisStore(prefix = uniquePrefix('conn'), waitMs?: number): RedisConnectionStore {
	const c = server.connection(prefix, waitMs);
	connections.push(c);
	const s = new RedisConnectionStore(c);
	stores.push(s);
	return s;
}

function sqliteStore(): SqliteConnectionStore {
	const s = new SqliteConnectionStore(join(tempDir(), 'api-connections.sqlite'));
	stores.push(s);
	return s;
}

describeWithRedis('RedisConnectionStore', () => {
	beforeAll(async () => {
		server = await RedisServer.start();
	});
	afterEach(async () => {
		for (const s of stores.splice(0)) await s.close();
	});
	afterAll(async () => {
		for (const c of connections.splice(0)) await c.close();
		await server?.stop('SIGTERM');
	});

	describe.each([
		['SQLite', (): ConnectionStore => sqliteStore()],
		['Redis', (): ConnectionStore => redisStore()],
	])('same answers as the embedded store: %s', (_name, make) => {
		it('the first claim binds; a different credential gets the existing binding back', async () => {
			const store = make();
			expect(await store.claimBinding(binding('cred-a'))).toEqual({
				binding: binding('cred-a'),
				created: true,
			});
			expect(await store.claimBinding(binding('cred-b'))).toEqual({
				binding: binding('cred-a'),
				created: false,
			});
			expect(await store.getBinding(ws, 'chirp')).toEqual(binding('cred-a'));
			expect(await store.getBinding('instance:other', 'chirp')).toBeUndefined();
			expect(await store.getBinding(ws, 'other')).toBeUndefined();
			await store.setAccountLabel(binding('cred-b'), '@not-bound');
			await store.setAccountLabel(binding('cred-a'), '@mybusiness');
			expect(await store.getBinding(ws, 'chirp')).toEqual(
				binding('cred-a', { accountLabel: '@mybusiness' }),
			);
		});

		it('removes a binding only if it still names the given credential', async () => {
			const store = make();
			await store.claimBinding(binding('cred-a'));
			expect(await store.removeBinding(ws, 'chirp', 'cred-b')).toBeUndefined();
			expect(await store.removeBinding(ws, 'chirp', 'cred-a')).toEqual(binding('cred-a'));
			expect(await store.getBinding(ws, 'chirp')).toBeUndefined();
			expect(await store.claimBinding(binding('cred-b'))).toEqual({
				binding: binding('cred-b'),
				created: true,
			});
			expect(await store.removeBinding(ws, 'chirp')).toEqual(binding('cred-b'));
			expect(await store.removeBinding(ws, 'chirp')).toBeUndefined();
		});

		it('sums hour buckets, counts the last 24 h only, keeps totals and the latest facts', async () => {
			const store = make();
			const old = T0 - 30 * HOUR_MS;
			await store.applyUsage({
				...emptyBatch(),
				hourly: [
					{
						...ref,
						hour: Math.floor(old / HOUR_MS) * HOUR_MS,
						calls: 7,
						successes: 7,
						failures: 0,
					},
					{
						...ref,
						hour: Math.floor((T0 - 5 * HOUR_MS) / HOUR_MS) * HOUR_MS,
						calls: 10,
						successes: 9,
						failures: 1,
					},
				],
				latest: [latest(T0 - 5 * HOUR_MS, true, 200, 16, 1, T0 + HOUR_MS)],
			});
			await store.applyUsage({
				...emptyBatch(),
				hourly: [
					{ ...ref, hour: Math.floor(T0 / HOUR_MS) * HOUR_MS, calls: 4, successes: 2, failures: 2 },
				],
				latest: [latest(T0, false, 503, 2, 2)],
				lastErrors: [{ ...ref, at: T0, message: '503 Service Unavailable' }],
			});
			// An older report arriving late changes the totals, not the latest facts.
			await store.applyUsage({
				...emptyBatch(),
				latest: [latest(T0 - HOUR_MS, true, 201, 1, 0)],
				lastErrors: [{ ...ref, at: T0 - HOUR_MS, message: 'older' }],
			});
			expect(await store.usage(ref, T0)).toEqual({
				calls24h: 14,
				successes24h: 11,
				failures24h: 3,
				successesTotal: 19,
				failuresTotal: 3,
				lastUsedAt: T0,
				lastStatus: 503,
				lastOk: false,
				lastError: '503 Service Unavailable',
				lastErrorAt: T0,
				tokenExpiresAt: T0 + HOUR_MS,
				grantedScopes: null,
			});
			expect((await store.usage(ref, T0 + 18 * HOUR_MS)).calls24h).toBe(14);
			expect((await store.usage(ref, T0 + 19 * HOUR_MS)).calls24h).toBe(4);
			expect((await store.usage(ref, T0 + 24 * HOUR_MS)).calls24h).toBe(0);
			expect(await store.usage({ ...ref, credentialId: 'never-used' }, T0)).toEqual({
				calls24h: 0,
				successes24h: 0,
				failures24h: 0,
				successesTotal: 0,
				failuresTotal: 0,
				lastUsedAt: null,
				lastStatus: null,
				lastOk: null,
				lastError: null,
				lastErrorAt: null,
				tokenExpiresAt: null,
				grantedScopes: null,
			});
		});

		it('lists bound connections and used non-exclusive ones; counts distinct recent executions', async () => {
			const store = make();
			await store.claimBinding(binding('cred-a'));
			await store.applyUsage({
				...emptyBatch(),
				latest: [
					latest(T0, true, 200, 1, 0),
					{
						...latest(T0, true, 200, 1, 0),
						family: 'anyRest',
						credentialId: 'rest-2',
						serviceId: 'anyRest',
						serviceName: 'Any REST',
						credentialType: 'anyRestApi',
						credentialName: 'Rest two',
						exclusive: false,
					},
					{
						...latest(T0, true, 200, 1, 0),
						family: 'anyRest',
						credentialId: 'rest-1',
						serviceId: 'anyRest',
						serviceName: 'Any REST',
						credentialType: 'anyRestApi',
						credentialName: 'Rest one',
						exclusive: false,
					},
					{ ...latest(T0, true, 200, 1, 0), credentialId: 'cred-z' },
				],
				executions: [
					{ ...ref, executionId: 'e1', workflowId: 'w1', at: T0 - 2 * HOUR_MS },
					{ ...ref, executionId: 'e2', workflowId: 'w2', at: T0 - HOUR_MS },
					{ ...ref, executionId: 'e2', workflowId: 'w2', at: T0 },
					{ ...ref, executionId: 'e0', workflowId: 'w1', at: T0 - 30 * HOUR_MS },
				],
			});
			const rows = await store.listConnections(ws, T0);
			expect(
				rows.map((r) => [
					r.family,
					r.credentialId,
					r.exclusive,
					r.accountLabel,
					r.credentialName,
					r.usage.successesTotal,
				]),
			).toEqual([
				['chirp', 'cred-a', true, '@cred-a', 'Chirp cred-a', 1],
				['anyRest', 'rest-1', false, null, 'Rest one', 1],
				['anyRest', 'rest-2', false, null, 'Rest two', 1],
			]);
			expect(await store.recentExecutions(ref, T0 - 24 * HOUR_MS)).toEqual({
				count: 2,
				workflowIds: ['w2', 'w1'],
				lastAt: T0,
			});
			expect(await store.recentExecutions({ ...ref, credentialId: 'other' }, 0)).toEqual({
				count: 0,
				workflowIds: [],
				lastAt: null,
			});
		});

		it('audit entries keep actor, workflow name and node; filter by action and actor; prune by age; hour buckets for the monitor', async () => {
			const store = make();
			const entry = (
				i: number,
				action: 'bound' | 'refreshed' | 'credentialDeleted',
				actor: string,
			) => ({
				at: T0 + i * 1000,
				workspace: ws,
				family: 'chirp',
				credentialId: `c${i}`,
				action,
				serviceName: 'Chirp',
				detail: `#${i}`,
				actor,
				workflowId: 'wf-1',
				workflowName: 'Daily Report',
				node: 'Chirp',
			});
			await store.addAudit(entry(0, 'bound', 'user 7f3a-42'));
			await store.addAudit(
				entry(1, 'refreshed', 'workflow "Daily Report" (wf-1) via Schedule Trigger'),
			);
			await store.addAudit(
				entry(2, 'credentialDeleted', 'Connections Monitor (workflow "Watch" (wf-m) (trigger))'),
			);
			const details = async (q: Parameters<typeof store.queryAudit>[0]) =>
				(await store.queryAudit(q)).map((r) => r.detail);
			expect((await store.queryAudit({ workspace: ws, actions: ['bound'] }))[0]).toEqual({
				id: 1,
				...entry(0, 'bound', 'user 7f3a-42'),
			});
			expect(await details({ workspace: ws, actions: ['bound', 'credentialDeleted'] })).toEqual([
				'#2',
				'#0',
			]);
			expect(await details({ workspace: ws, actor: '7F3A' })).toEqual(['#0']);
			// The workflow's name matches too (every entry here ran in "Daily Report").
			expect(await details({ workspace: ws, actor: 'daily report' })).toEqual(['#2', '#1', '#0']);
			expect(
				await details({ workspace: ws, actor: 'schedule trigger', actions: ['bound'] }),
			).toEqual([]);
			expect(await store.pruneAudit(ws, T0 + 2000)).toBe(2);
			expect(await details({ workspace: ws })).toEqual(['#2']);

			const batch = emptyBatch();
			batch.hourly.push(
				{ ...ref, hour: hourOfT(0), calls: 3, successes: 2, failures: 1 },
				{ ...ref, hour: hourOfT(2), calls: 5, successes: 5, failures: 0 },
				{ ...ref, hour: hourOfT(9), calls: 1, successes: 1, failures: 0 },
			);
			await store.applyUsage(batch);
			expect(await store.hourlyUsage(ref, hourOfT(0) + 1, hourOfT(2))).toEqual([
				{ hour: hourOfT(0), calls: 3, successes: 2, failures: 1 },
				{ hour: hourOfT(2), calls: 5, successes: 5, failures: 0 },
			]);
		});

		it('filters audit and error entries by service type, time and limit, newest first', async () => {
			const store = make();
			for (let i = 0; i < 5; i++) {
				await store.addAudit({
					at: T0 + i * 1000,
					workspace: ws,
					family: i % 2 ? 'chirp' : 'other',
					credentialId: `c${i}`,
					action: 'test',
					serviceName: 'S',
					detail: `#${i}`,
				});
			}
			await store.addAudit({
				at: T0 + 4000,
				workspace: ws,
				family: 'other',
				credentialId: 'same-time',
				action: 'test',
				serviceName: 'S',
				detail: '#5',
			});
			await store.addAudit({
				at: T0,
				workspace: 'instance:else',
				family: 'chirp',
				credentialId: 'x',
				action: 'bound',
				serviceName: 'S',
			});
			const details = async (q: Parameters<typeof store.queryAudit>[0]) =>
				(await store.queryAudit(q)).map((r) => r.detail);
			expect(await details({ workspace: ws })).toEqual(['#5', '#4', '#3', '#2', '#1', '#0']);
			expect(await details({ workspace: ws, families: ['chirp'] })).toEqual(['#3', '#1']);
			expect(await details({ workspace: ws, families: ['chirp'], limit: 1 })).toEqual(['#3']);
			expect(await details({ workspace: ws, sinceMs: T0 + 1000, untilMs: T0 + 3000 })).toEqual([
				'#3',
				'#2',
				'#1',
			]);
			expect(await details({ workspace: ws, limit: 2 })).toEqual(['#5', '#4']);
			expect((await store.queryAudit({ workspace: ws, limit: 1 }))[0]).toEqual({
				id: 6,
				at: T0 + 4000,
				workspace: ws,
				family: 'other',
				credentialId: 'same-time',
				action: 'test',
				serviceName: 'S',
				detail: '#5',
			});

			const error = {
				workspace: ws,
				family: 'chirp',
				credentialId: 'c1',
				serviceName: 'Chirp',
				connection: 'Chirp A',
				method: 'GET',
				endpoint: '/posts/{postId}',
				status: 503,
				message: 'Service Unavailable',
				requestId: 'req-1',
				attempt: 1,
				maxAttempts: 3,
				nextRetryInSeconds: 2,
				kind: 'retry',
			};
			await store.applyUsage({
				...emptyBatch(),
				errors: [
					{ ...error, at: T0 },
					{
						...error,
						at: T0 + 5,
						attempt: 2,
						kind: 'final',
						nextRetryInSeconds: null,
						workflowId: 'w',
						executionId: 'e',
						node: 'Chirp',
						itemIndex: 0,
					},
				],
			});
			expect(await store.queryErrors({ workspace: ws, limit: 1 })).toEqual([
				{
					...error,
					id: 2,
					at: T0 + 5,
					attempt: 2,
					kind: 'final',
					nextRetryInSeconds: null,
					workflowId: 'w',
					executionId: 'e',
					node: 'Chirp',
					itemIndex: 0,
				},
			]);
			expect(await store.queryErrors({ workspace: ws })).toHaveLength(2);
			expect(await store.queryErrors({ workspace: ws, families: ['other'] })).toEqual([]);
		});
	});

	describe('queue mode', () => {
		it('twenty connections racing for one binding: exactly one wins, all agree on the winner', async () => {
			const prefix = uniquePrefix('race');
			const racers = Array.from({ length: 20 }, () => redisStore(prefix));
			const results = await Promise.all(racers.map((s, i) => s.claimBinding(binding(`cred-${i}`))));
			const winners = results.filter((r) => r.created);
			expect(winners).toHaveLength(1);
			expect(new Set(results.map((r) => r.binding.credentialId))).toEqual(
				new Set([winners[0].binding.credentialId]),
			);
		});

		it('keeps every key under the prefix, in one cluster hash slot', async () => {
			const prefix = uniquePrefix('keys');
			const store = redisStore(prefix);
			await store.claimBinding(binding('cred-a'));
			await store.addAudit({
				at: T0,
				workspace: ws,
				family: 'chirp',
				credentialId: 'cred-a',
				action: 'bound',
				serviceName: 'Chirp',
			});
			await store.applyUsage({
				...emptyBatch(),
				hourly: [
					{ ...ref, hour: Math.floor(T0 / HOUR_MS) * HOUR_MS, calls: 1, successes: 1, failures: 0 },
				],
				latest: [latest(T0, true, 200, 1, 0)],
				executions: [{ ...ref, executionId: 'e1', workflowId: 'w1', at: T0 }],
			});
			const keys = await connections[connections.length - 1].run(
				async (c) => await c.keys(`${prefix}:*`),
			);
			expect(keys.every((k) => k.startsWith(`${prefix}:{connections}:`))).toBe(true);
			expect(keys.length).toBe(7);
		});

		it('Redis down: a clear error naming Redis and the fix; usage kept and written once Redis is back', async () => {
			const own = await RedisServer.start();
			const conn = own.connection(uniquePrefix('down'), 500);
			connections.push(conn);
			const store = new RedisConnectionStore(conn);
			try {
				await store.applyUsage({
					...emptyBatch(),
					hourly: [
						{
							...ref,
							hour: Math.floor(T0 / HOUR_MS) * HOUR_MS,
							calls: 2,
							successes: 2,
							failures: 0,
						},
					],
					latest: [latest(T0, true, 200, 2, 0)],
				});
				await own.stop();
				const failure = await store
					.applyUsage({
						...emptyBatch(),
						hourly: [
							{
								...ref,
								hour: Math.floor(T0 / HOUR_MS) * HOUR_MS,
								calls: 3,
								successes: 1,
								failures: 2,
							},
						],
						latest: [latest(T0 + 1, false, 500, 1, 2)],
					})
					.then(
						() => undefined,
						(e: unknown) => e,
					);
				expect(failure).toBeInstanceOf(ConnectionStoreError);
				expect((failure as ConnectionStoreError).message).toMatch(
					new RegExp(
						`^Redis at 127\\.0\\.0\\.1:${own.port} is unreachable: the connection was refused \\(waited 0\\.5 s\\)\\.$`,
					),
				);
				expect((failure as ConnectionStoreError).fix).toBe(
					`Start Redis at 127.0.0.1:${own.port}, or correct N8N_API_CONNECTIONS_REDIS_URL (unset it to use the Redis of n8n's queue mode). Requests resume by themselves once Redis answers.`,
				);
				expect((failure as ConnectionStoreError).location).toBe(`redis://127.0.0.1:${own.port}/0`);
				const bind = await store.claimBinding(binding('cred-a')).then(
					() => undefined,
					(e: unknown) => e,
				);
				expect(bind).toBeInstanceOf(ConnectionStoreError);
				expect(store.unsentBatches).toBe(1);
				// Redis restarts empty (no persistence here): what was written before is gone, what waited is not.
				await own.start();
				await store.applyUsage({
					...emptyBatch(),
					hourly: [
						{
							...ref,
							hour: Math.floor(T0 / HOUR_MS) * HOUR_MS,
							calls: 1,
							successes: 1,
							failures: 0,
						},
					],
					latest: [latest(T0 + 2, true, 200, 1, 0)],
				});
				expect(store.unsentBatches).toBe(0);
				const usage = await store.usage(ref, T0 + 2);
				expect([
					usage.calls24h,
					usage.successesTotal,
					usage.failuresTotal,
					usage.lastStatus,
				]).toEqual([4, 2, 2, 200]);
			} finally {
				await own.stop();
			}
		});
	});
});
