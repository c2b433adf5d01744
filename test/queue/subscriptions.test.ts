/** Queue mode: the webhook renewal list is one Redis hash shared by every process. */
import type { RedisConnection } from '../../lib/redis/client';
import {
	RedisSubscriptionRegistry,
	type SubscriptionRecord,
} from '../../lib/webhooks/subscriptions';
import { RedisServer, uniquePrefix } from './redis-server';
import { describeWithRedis } from './with-redis';

let server: RedisServer;
const connections: RedisConnection[] = [];
const record = (key: string, expiresAt: number): SubscriptionRecord => ({
	key,
	serviceId: 'airtable',
	workflowId: 'wf-1',
	nodeName: 'Airtable Trigger',
	credentialType: 'apiConnAirtableApi',
	credentialId: 'cred-1',
	credentialName: 'Airtable PAT',
	hookId: 'achHqtKEJLnNRxOyB',
	values: { baseId: 'appY3WxIBCdKAzzAK' },
	expiresAt,
});

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
		await a.put(record('wf-1:n:production', 1));
		await b.put(record('wf-1:n:test', 2));
		await b.put(record('wf-1:n:production', 3));
		expect(await a.list()).toEqual([record('wf-1:n:production', 3), record('wf-1:n:test', 2)]);
		await a.remove('wf-1:n:test');
		expect(await b.list()).toEqual([record('wf-1:n:production', 3)]);
		await b.clear();
		expect(await a.list()).toEqual([]);
	});
});
