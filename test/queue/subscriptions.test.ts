/** Queue mode: the webhook renewal list is one Redis hash shared by every process. */
import type { RedisConnection } from '../../lib/redis/client';
import { RedisSubscriptionRegistry } from '../../lib/webhooks/subscriptions';
import { RedisServer, uniquePrefix } from './redis-server';
import { describeWithRedis } from './with-redis';
import { subscriptionRecord } from '../helpers/subscription-record';

let server: RedisServer;
const connections: RedisConnection[] = [];

describeWithRedis('RedisSubscriptionRegistry', () => {
	beforeAll(async () => {
		server = await RedisServer.start();
	});
	afterAll(async () => {
		for (const c of connections.splice(0)) await c.close();
		await server?.stop('SIGTERM');
	});

	it('two processes share the records: put replaces by key, remove forgets, clear empties', async () => {
		const prefix = uniquePrefix('subs');
		const [ca, cb] = [server.connection(prefix), server.connection(prefix)];
		connections.push(ca, cb);
		const a = new RedisSubscriptionRegistry(ca);
		const b = new RedisSubscriptionRegistry(cb);
		await a.put(subscriptionRecord('wf-1:n:production', 1));
		await b.put(subscriptionRecord('wf-1:n:test', 2));
		await b.put(subscriptionRecord('wf-1:n:production', 3));
		expect(await a.list()).toEqual([
			subscriptionRecord('wf-1:n:production', 3),
			subscriptionRecord('wf-1:n:test', 2),
		]);
		await a.remove('wf-1:n:test');
		expect(await b.list()).toEqual([subscriptionRecord('wf-1:n:production', 3)]);
		await b.clear();
		expect(await a.list()).toEqual([]);
	});
});
