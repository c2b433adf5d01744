/**
 * Picks the stores at engine creation: in n8n's queue mode (or with `N8N_API_CONNECTIONS_REDIS_URL`) the
 * Redis ones, sharing one connection per process; otherwise the embedded ones, and no Redis is touched
 * (ioredis is not even loaded). Nothing connects before the first request needs it.
 */
import { RedisResponseCache } from '../cache/redis-cache';
import type { ResponseCache } from '../cache/response-cache';
import { RedisConnectionStore } from '../connections/redis-store';
import { SqliteConnectionStore, defaultStorePath } from '../connections/sqlite-store';
import type { ConnectionStore } from '../connections/store';
import type { Clock } from '../limits/clock';
import { RedisBudgetStore } from '../limits/redis-store';
import type { BudgetStore } from '../limits/store';
import { RedisConnection } from './client';
import { redisSettingsFromEnv } from './settings';

const connections = new Map<string, RedisConnection>();

/** The process's Redis connection for these settings, or null when the environment asks for none. */
export function redisFromEnv(
	env: NodeJS.ProcessEnv = process.env,
	argv: readonly string[] = process.argv,
): RedisConnection | null {
	const settings = redisSettingsFromEnv(env, argv);
	if (!settings) return null;
	const id = JSON.stringify(settings);
	let connection = connections.get(id);
	if (!connection) {
		connection = new RedisConnection(settings);
		connections.set(id, connection);
	}
	return connection;
}

/** The budget store and response cache of queue mode, or nothing (the engine then keeps its in-memory ones). */
export function sharedStoresFromEnv(
	clock: Clock,
	env: NodeJS.ProcessEnv = process.env,
): { store?: BudgetStore; cache?: ResponseCache } {
	const redis = redisFromEnv(env);
	if (!redis) return {};
	return {
		store: new RedisBudgetStore(redis, { clock }),
		cache: new RedisResponseCache(redis),
	};
}

/** The connections store: Redis in queue mode, else SQLite in the n8n user folder. */
export function defaultConnectionStore(env: NodeJS.ProcessEnv = process.env): ConnectionStore {
	const redis = redisFromEnv(env);
	return redis ? new RedisConnectionStore(redis) : new SqliteConnectionStore(defaultStorePath(env));
}

/** Closes every Redis connection this module opened (tests, shutdown). */
export async function closeSharedRedis(): Promise<void> {
	const all = [...connections.values()];
	connections.clear();
	for (const c of all) await c.close();
}
