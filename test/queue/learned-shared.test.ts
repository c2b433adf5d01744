/**
 * A limit learned from 429s is kept in Redis next to the budgets: a worker that never got a 429 keeps to
 * what another one learned (real redis-server, virtual time).
 */
import { UNDECLARED_LIMIT } from '../../lib/limits/learned';
import { RateLimiter, RateLimitWaitError } from '../../lib/limits/limiter';
import { RedisBudgetStore } from '../../lib/limits/redis-store';
import type { RedisConnection } from '../../lib/redis/client';
import { FakeClock } from '../helpers/fake-clock';
import { RedisServer, uniquePrefix } from './redis-server';
import { describeWithRedis } from './with-redis';

const key = { service: 'customApi', connection: 'customApiBearerApi:c1' };

describeWithRedis('learned limits shared through Redis', () => {
	let server: RedisServer;
	const connections: RedisConnection[] = [];
	const stores: RedisBudgetStore[] = [];
	beforeAll(async () => {
		server = await RedisServer.start();
	});
	afterAll(async () => {
		for (const s of stores) await s.close();
		for (const c of connections) await c.close();
		await server?.stop('SIGTERM');
	});

	it('worker B keeps to the 10 per second worker A learned from its 429', async () => {
		const clock = new FakeClock();
		const prefix = uniquePrefix('learn');
		const worker = () => {
			const connection = server.connection(prefix);
			connections.push(connection);
			const store = new RedisBudgetStore(connection, { clock });
			stores.push(store);
			return new RateLimiter({ clock, store });
		};
		const a = worker();
		const b = worker();
		// Worker A: 10 answered, the 11th refused with Retry-After: 1.
		for (let i = 0; i < 10; i++)
			await (await a.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 })).release({ status: 200 });
		await (
			await a.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 })
		).release({ status: 429, headers: { 'retry-after': '1' } });
		await clock.advance(5000);
		// Worker B, which never saw a 429: 10 go at once, the 11th would have to wait for the window.
		const granted = [];
		for (let i = 0; i < 10; i++)
			granted.push(await b.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 }));
		const eleventh = await b.acquire(key, UNDECLARED_LIMIT, { maxWaitMs: 0 }).catch((e) => e);
		expect(granted).toHaveLength(10);
		expect(eleventh).toBeInstanceOf(RateLimitWaitError);
		expect((eleventh as RateLimitWaitError).message).toContain('(10 requests per 1 s)');
		for (const p of granted) await p.release({ status: 200 });
	});
});
