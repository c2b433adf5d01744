/** Zero configuration: which Redis, from n8n's own queue-mode settings or the override; none otherwise. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { RedisConnection, RedisUnavailableError } from '../../lib/redis/client';
import {
	redisFromEnv,
	sharedStoresFromEnv,
	defaultConnectionStore,
	closeSharedRedis,
} from '../../lib/redis/select';
import { isQueueMode, redisSettingsFromEnv, type RedisSettings } from '../../lib/redis/settings';
import { RedisBudgetStore } from '../../lib/limits/redis-store';
import { RedisResponseCache } from '../../lib/cache/redis-cache';
import { RedisConnectionStore } from '../../lib/connections/redis-store';
import { SqliteConnectionStore } from '../../lib/connections/sqlite-store';
import { systemClock } from '../../lib/limits/clock';
import { tempDir } from '../unit/connections/fixtures';

const argv = ['/usr/bin/node', '/usr/lib/node_modules/n8n/bin/n8n', 'start'];

afterAll(async () => await closeSharedRedis());

describe('queue mode', () => {
	it('is EXECUTIONS_MODE=queue (quoted or from a _FILE too), or the worker and webhook commands', () => {
		expect(isQueueMode({}, argv)).toBe(false);
		expect(isQueueMode({ EXECUTIONS_MODE: 'regular' }, argv)).toBe(false);
		expect(isQueueMode({ EXECUTIONS_MODE: 'queue' }, argv)).toBe(true);
		expect(isQueueMode({ EXECUTIONS_MODE: '"queue"' }, argv)).toBe(true);
		const file = join(tempDir(), 'mode');
		writeFileSync(file, 'queue\n');
		expect(isQueueMode({ EXECUTIONS_MODE_FILE: file }, argv)).toBe(true);
		// `n8n worker` forces queue mode in n8n's config without setting the variable.
		expect(
			isQueueMode({}, [
				'/usr/bin/node',
				'/usr/lib/node_modules/n8n/bin/n8n',
				'worker',
				'--concurrency=5',
			]),
		).toBe(true);
		expect(isQueueMode({}, ['/usr/bin/node', '/usr/lib/node_modules/n8n/bin/n8n', 'webhook'])).toBe(
			true,
		);
	});

	it('without queue mode or the override: no Redis at all, the embedded stores stay', () => {
		expect(redisSettingsFromEnv({ QUEUE_BULL_REDIS_HOST: 'redis.internal' }, argv)).toBeNull();
		expect(redisFromEnv({}, argv)).toBeNull();
		expect(sharedStoresFromEnv(systemClock, {})).toEqual({});
		expect(defaultConnectionStore({ N8N_USER_FOLDER: '/srv/n8n' })).toBeInstanceOf(
			SqliteConnectionStore,
		);
		expect(defaultConnectionStore({ N8N_USER_FOLDER: '/srv/n8n' }).location).toBe(
			'/srv/n8n/.n8n/api-connections.sqlite',
		);
	});
});

describe("n8n's QUEUE_BULL_REDIS_* settings", () => {
	const queue = { EXECUTIONS_MODE: 'queue' };

	it("defaults as n8n's: localhost:6379, db 0, no login, no TLS", () => {
		expect(redisSettingsFromEnv(queue, argv)).toEqual({
			source: 'queue',
			address: 'localhost:6379',
			node: { host: 'localhost', port: 6379 },
			db: 0,
			username: undefined,
			password: undefined,
			reconnectOnReadonly: true,
			prefix: 'n8n-api-connections',
			waitMs: 10_000,
		});
	});

	it('reads host, port, db, username, password (also from _FILE), TLS, dual stack, keep-alive', () => {
		const secret = join(tempDir(), 'redis-password');
		writeFileSync(secret, 's3cret\n');
		const settings = redisSettingsFromEnv(
			{
				...queue,
				QUEUE_BULL_REDIS_HOST: 'redis.internal',
				QUEUE_BULL_REDIS_PORT: '6380',
				QUEUE_BULL_REDIS_DB: '2',
				QUEUE_BULL_REDIS_USERNAME: 'n8n',
				QUEUE_BULL_REDIS_PASSWORD_FILE: secret,
				QUEUE_BULL_REDIS_TLS: 'true',
				QUEUE_BULL_REDIS_TLS_SERVERNAME: 'redis.example.test',
				QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE: 'false',
				QUEUE_BULL_REDIS_DUALSTACK: '1',
				QUEUE_BULL_REDIS_KEEP_ALIVE: 'true',
				QUEUE_BULL_REDIS_KEEP_ALIVE_DELAY: '3000',
				QUEUE_BULL_REDIS_RECONNECT_ON_FAILOVER: 'false',
				N8N_API_CONNECTIONS_REDIS_PREFIX: 'team-a',
				N8N_API_CONNECTIONS_REDIS_WAIT_SECONDS: '2.5',
			},
			argv,
		);
		expect(settings).toEqual({
			source: 'queue',
			address: 'redis.internal:6380',
			node: { host: 'redis.internal', port: 6380 },
			db: 2,
			username: 'n8n',
			password: 's3cret',
			tls: { servername: 'redis.example.test', rejectUnauthorized: false },
			family: 0,
			keepAliveDelayMs: 3000,
			reconnectOnReadonly: false,
			prefix: 'team-a',
			waitMs: 2500,
		});
	});

	it('a cluster from QUEUE_BULL_REDIS_CLUSTER_NODES, with its slot refresh and DNS settings', () => {
		expect(
			redisSettingsFromEnv(
				{
					...queue,
					QUEUE_BULL_REDIS_CLUSTER_NODES: 'r1:7000, r2:7001,,',
					QUEUE_BULL_REDIS_SLOT_REFRESH_TIMEOUT: '2000',
					QUEUE_BULL_REDIS_DNS_LOOKUP_STRATEGY: 'NONE',
				},
				argv,
			),
		).toEqual({
			source: 'queue',
			address: 'r1:7000,r2:7001',
			clusterNodes: [
				{ host: 'r1', port: 7000 },
				{ host: 'r2', port: 7001 },
			],
			db: 0,
			username: undefined,
			password: undefined,
			reconnectOnReadonly: true,
			slotsRefreshTimeoutMs: 2000,
			slotsRefreshIntervalMs: 5000,
			skipDnsLookup: true,
			prefix: 'n8n-api-connections',
			waitMs: 10_000,
		});
	});
});

describe('N8N_API_CONNECTIONS_REDIS_URL: a separate Redis, with or without queue mode', () => {
	it('parses user, password, host, port, db and rediss:// for TLS', () => {
		const settings = redisSettingsFromEnv(
			{
				N8N_API_CONNECTIONS_REDIS_URL: 'rediss://app:p%40ss@cache.internal:6390/3',
				QUEUE_BULL_REDIS_HOST: 'ignored',
			},
			argv,
		);
		expect(settings).toEqual({
			source: 'override',
			address: 'cache.internal:6390',
			node: { host: 'cache.internal', port: 6390 },
			db: 3,
			username: 'app',
			password: 'p@ss',
			tls: { rejectUnauthorized: true },
			reconnectOnReadonly: true,
			prefix: 'n8n-api-connections',
			waitMs: 10_000,
		});
		expect(
			redisSettingsFromEnv({ N8N_API_CONNECTIONS_REDIS_URL: 'redis://[::1]' }, argv),
		).toMatchObject({ address: '[::1]:6379', node: { host: '::1', port: 6379 }, db: 0 });
	});

	it('says how to fix a malformed URL', () => {
		expect(() =>
			redisSettingsFromEnv({ N8N_API_CONNECTIONS_REDIS_URL: 'localhost:6379' }, argv),
		).toThrow(
			'N8N_API_CONNECTIONS_REDIS_URL must start with redis:// or rediss:// (it starts with localhost://).',
		);
		expect(() =>
			redisSettingsFromEnv({ N8N_API_CONNECTIONS_REDIS_URL: 'not a url' }, argv),
		).toThrow(
			'N8N_API_CONNECTIONS_REDIS_URL is not a URL. Fix: set it to redis://[user[:password]@]host[:port][/db] (rediss:// for TLS).',
		);
		expect(() =>
			redisSettingsFromEnv({ N8N_API_CONNECTIONS_REDIS_URL: 'redis://h/x' }, argv),
		).toThrow(
			'N8N_API_CONNECTIONS_REDIS_URL names database "x"; a database is a number (e.g. /0).',
		);
	});

	it('selects the Redis stores, sharing one connection per process, without connecting yet', () => {
		const env = { N8N_API_CONNECTIONS_REDIS_URL: 'redis://127.0.0.1:1/0' };
		const stores = sharedStoresFromEnv(systemClock, env);
		expect(stores.store).toBeInstanceOf(RedisBudgetStore);
		expect(stores.cache).toBeInstanceOf(RedisResponseCache);
		const connections = defaultConnectionStore(env);
		expect(connections).toBeInstanceOf(RedisConnectionStore);
		expect(connections.location).toBe('redis://127.0.0.1:1/0');
		expect(redisFromEnv(env)).toBe(redisFromEnv(env));
	});
});

describe('error messages: what happened and the fix, never a password', () => {
	const base: RedisSettings = {
		source: 'queue',
		address: 'redis.internal:6379',
		node: { host: 'redis.internal', port: 6379 },
		db: 0,
		password: 'hunter2',
		reconnectOnReadonly: true,
		prefix: 'p',
		waitMs: 10_000,
	};
	const describeError = (settings: RedisSettings, error: unknown, waited = 0) =>
		new RedisConnection(settings).describe(error, waited);

	it("unreachable, in queue mode: names the address and n8n's settings", () => {
		const e = describeError(
			base,
			Object.assign(new Error('getaddrinfo ENOTFOUND redis.internal'), { code: 'ENOTFOUND' }),
			10_000,
		);
		expect(e).toBeInstanceOf(RedisUnavailableError);
		expect(e.message).toBe(
			"Redis at redis.internal:6379 is unreachable: the host name does not resolve (waited 10 s). Fix: start Redis at redis.internal:6379, or correct QUEUE_BULL_REDIS_HOST / QUEUE_BULL_REDIS_PORT (the settings of n8n's queue mode), or set N8N_API_CONNECTIONS_REDIS_URL to use a separate Redis. Requests resume by themselves once Redis answers.",
		);
		expect(e.kind).toBe('unreachable');
	});

	it('no answer, a lost connection, a cluster', () => {
		expect(describeError(base, new Error('Command timed out')).reason).toBe(
			'Redis at redis.internal:6379 is unreachable: no answer within 10 s.',
		);
		expect(
			describeError(
				base,
				new Error(
					'Reached the max retries per request limit (which is 0). Refer to "maxRetriesPerRequest" option for details.',
				),
			).reason,
		).toBe('Redis at redis.internal:6379 is unreachable: the connection was lost.');
		const cluster = {
			...base,
			node: undefined,
			clusterNodes: [{ host: 'r1', port: 7000 }],
			address: 'r1:7000',
		};
		expect(describeError(cluster, new Error('x')).fix).toContain(
			'correct QUEUE_BULL_REDIS_CLUSTER_NODES',
		);
	});

	it('a refused login names the credential settings, not their values', () => {
		const e = describeError(
			base,
			new Error('WRONGPASS invalid username-password pair or user is disabled.'),
		);
		expect(e.message).toBe(
			'Redis at redis.internal:6379 refused the login: WRONGPASS invalid username-password pair or user is disabled. Fix: check QUEUE_BULL_REDIS_USERNAME / QUEUE_BULL_REDIS_PASSWORD.',
		);
		expect(e.message).not.toContain('hunter2');
		expect(e.kind).toBe('login');
	});

	it('out of memory, and other refusals', () => {
		expect(
			describeError(base, new Error("OOM command not allowed when used memory > 'maxmemory'.")).fix,
		).toBe('raise Redis\'s maxmemory or free memory; this package\'s keys start with "p".');
		expect(
			describeError(base, new Error("READONLY You can't write against a read only replica.")).kind,
		).toBe('refused');
	});
});
