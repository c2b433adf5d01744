/**
 * Queue mode (issue 10, item 6): every webhook process and worker shares one replay memory through Redis,
 * claims are atomic across them, entries expire by Redis's own TTL, and a trigger's keys share one
 * cluster hash slot (the scope is the hash tag).
 */
import type { RedisConnection } from '../../lib/redis/client';
import { RedisReplayStore } from '../../lib/webhooks';
import { RedisServer, uniquePrefix } from './redis-server';
import { describeWithRedis } from './with-redis';

const T0 = 1_700_000_000_000;
let server: RedisServer;
const connections: RedisConnection[] = [];
function connection(prefix: string): RedisConnection {
	const c = server.connection(prefix);
	connections.push(c);
	return c;
}

describeWithRedis('RedisReplayStore', () => {
	beforeAll(async () => {
		server = await RedisServer.start();
	});
	afterAll(async () => {
		for (const c of connections.splice(0)) await c.close();
		await server?.stop('SIGTERM');
	});

	it('two processes share one memory: a delivery accepted by one is a replay for the other', async () => {
		const prefix = uniquePrefix('replay');
		const a = new RedisReplayStore(connection(prefix));
		const b = new RedisReplayStore(connection(prefix));
		expect(await a.claim(['wf:n\u0000sig\u0000x', 'wf:n\u0000id\u0000d-1'], T0 + 300_000, T0)).toBe(
			true,
		);
		expect(
			await b.claim(['wf:n\u0000sig\u0000y', 'wf:n\u0000id\u0000d-1'], T0 + 300_000, T0 + 5),
		).toBe(false);
		// Nothing of the rejected claim was recorded.
		expect(await b.claim(['wf:n\u0000sig\u0000y'], T0 + 300_000, T0 + 6)).toBe(true);
		// Another trigger's scope is its own.
		expect(await b.claim(['wf:other\u0000sig\u0000x'], T0 + 300_000, T0 + 7)).toBe(true);
	});

	it('the keys expire with the window (Redis TTL) and share the scope as hash tag', async () => {
		const prefix = uniquePrefix('ttl');
		const c = connection(prefix);
		const store = new RedisReplayStore(c);
		expect(
			await store.claim(['wf:n\u0000sig\u0000x', 'wf:n\u0000id\u0000d-1'], T0 + 60_000, T0),
		).toBe(true);
		const keys = await c.run(async (client) => await client.keys(`${prefix}:replay:*`));
		expect(keys).toHaveLength(2);
		const tags = new Set(keys.map((k) => /\{([^}]+)\}/.exec(k)?.[1]));
		expect(tags.size).toBe(1);
		for (const key of keys) {
			const ttl = await c.run(async (client) => await client.pttl(key));
			expect(ttl).toBeGreaterThan(58_000);
			expect(ttl).toBeLessThanOrEqual(60_000);
		}
		await store.clear();
		expect(await c.run(async (client) => await client.keys(`${prefix}:replay:*`))).toEqual([]);
	});

	it('concurrent copies of one delivery from many workers: exactly one is accepted', async () => {
		const prefix = uniquePrefix('race');
		const stores = Array.from({ length: 8 }, () => new RedisReplayStore(connection(prefix)));
		const results = await Promise.all(
			stores.map(async (s) => await s.claim(['wf:n\u0000sig\u0000same'], T0 + 300_000, T0)),
		);
		expect(results.filter(Boolean)).toHaveLength(1);
	});
});
