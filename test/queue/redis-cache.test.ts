/** The GET cache of queue mode: shared between connections, expires, and never waits for a Redis that is down. */
import { RedisResponseCache } from '../../lib/cache/redis-cache';
import type { CachedResponse } from '../../lib/cache/response-cache';
import type { RedisConnection } from '../../lib/redis/client';
import { RedisServer, uniquePrefix } from './redis-server';
import { describeWithRedis } from './with-redis';

const T0 = Date.parse('2026-11-29T09:00:00Z');
const entry = (body: unknown, ttlMs = 60_000): CachedResponse => ({
	status: 200,
	headers: { 'content-type': 'application/json' },
	body,
	storedAtMs: T0,
	expiresAtMs: T0 + ttlMs,
});

let server: RedisServer;
const connections: RedisConnection[] = [];
function connection(prefix: string, waitMs?: number, on = server): RedisConnection {
	const c = on.connection(prefix, waitMs);
	connections.push(c);
	return c;
}

describeWithRedis('RedisResponseCache', () => {
	beforeAll(async () => {
		server = await RedisServer.start();
	});
	afterAll(async () => {
		for (const c of connections.splice(0)) await c.close();
		await server?.stop('SIGTERM');
	});

	it('one worker stores, another hits; an entry is gone once expired', async () => {
		const prefix = uniquePrefix('cache');
		const a = new RedisResponseCache(connection(prefix));
		const b = new RedisResponseCache(connection(prefix));
		await a.set('k1', entry({ id: 1, name: 'Ünïcode ✓' }));
		expect(await b.get('k1', T0 + 1000)).toEqual(entry({ id: 1, name: 'Ünïcode ✓' }));
		expect(await b.get('k1', T0 + 60_000)).toBeUndefined();
		expect(await b.get('other', T0)).toBeUndefined();
		// Redis itself drops the entry after its TTL.
		const ttl = await connections[0].run(async (c) => await c.pttl(`${prefix}:cache:k1`));
		expect(ttl).toBeGreaterThan(58_000);
		expect(ttl).toBeLessThanOrEqual(60_000);
	});

	it('skips answers larger than the entry cap', async () => {
		const cache = new RedisResponseCache(connection(uniquePrefix('big')), { maxEntryBytes: 300 });
		await cache.set('big', entry('x'.repeat(300)));
		await cache.set('small', entry('x'));
		expect(await cache.get('big', T0)).toBeUndefined();
		expect((await cache.get('small', T0))?.body).toBe('x');
	});

	it('Redis down: every lookup is an immediate miss and every store a no-op', async () => {
		const own = await RedisServer.start();
		const cache = new RedisResponseCache(connection(uniquePrefix('down'), 5000, own));
		await cache.set('k', entry(1));
		expect((await cache.get('k', T0))?.body).toBe(1);
		await own.stop();
		const started = Date.now();
		expect(await cache.get('k', T0)).toBeUndefined();
		await cache.set('k2', entry(2));
		expect(Date.now() - started).toBeLessThan(1000);
	});
});
