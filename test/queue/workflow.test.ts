/**
 * The whole pipeline in a real workflow, with the engine choosing Redis from the environment alone: the
 * rate-limit queue and the GET cache live in Redis (a second engine, as a second worker would, hits the
 * first one's cache), and with Redis down the item fails saying so.
 */
import nock from 'nock';
import type { IExecuteFunctions } from 'n8n-workflow';

import { executeSpec } from '../../lib/builder/execute';
import { defaultConnectionsObserver, useRuntime } from '../../lib/runtime';
import { closeSharedRedis } from '../../lib/redis/select';
import { REDIS_PREFIX_ENV, REDIS_URL_ENV, REDIS_WAIT_ENV } from '../../lib/redis/settings';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { Petstore, PetstoreApi, petstore } from '../fixtures/petstore';
import { runNode } from '../harness';
import { RedisServer, uniquePrefix } from './redis-server';
import { describeWithRedis } from './with-redis';

const limited = {
	spec: { ...petstore.spec, rateLimit: { requests: 3, windowMs: 1000 } },
	hooks: petstore.hooks,
};
class LimitedPetstore extends Petstore {
	async execute(this: IExecuteFunctions) {
		return await executeSpec(this, limited);
	}
}

const saved = {
	url: process.env[REDIS_URL_ENV],
	prefix: process.env[REDIS_PREFIX_ENV],
	wait: process.env[REDIS_WAIT_ENV],
};
let redis: RedisServer;

function run(petId: string, items: number, options: { cacheMinutes?: number } = {}) {
	return runNode({
		nodeTypes: [new LimitedPetstore()],
		credentialTypes: [new PetstoreApi()],
		credentials: { petstoreApi: { accessToken: 'pet_tok_123456' } },
		node: { type: 'petstore', parameters: { resource: 'pet', operation: 'get', petId, options } },
		input: Array.from({ length: items }, (_, i) => ({ json: { i } })),
	});
}

describeWithRedis('a workflow in queue mode', () => {
	beforeAll(async () => {
		redis = await RedisServer.start();
		nock.disableNetConnect();
	});
	beforeEach(() => {
		process.env[REDIS_URL_ENV] = redis.url;
		process.env[REDIS_PREFIX_ENV] = uniquePrefix('wf');
		process.env[REDIS_WAIT_ENV] = '1';
	});
	afterEach(async () => {
		nock.cleanAll();
		// The process-wide connections observer opened its store from this test's environment: start afresh.
		await defaultConnectionsObserver().close();
		await closeSharedRedis();
	});
	afterAll(async () => {
		for (const [name, value] of [
			[REDIS_URL_ENV, saved.url],
			[REDIS_PREFIX_ENV, saved.prefix],
			[REDIS_WAIT_ENV, saved.wait],
		] as const) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
		useRuntime();
		nock.enableNetConnect();
		await redis?.stop('SIGTERM');
	});

	it('queues in the shared budget (kept in Redis) and shares the GET cache between engines', async () => {
		useRuntime();
		const sentAt: number[] = [];
		nock('https://petstore.example.test')
			.get('/v1/pets/pet_1')
			.times(5)
			.reply(() => {
				sentAt.push(Date.now());
				return [200, { id: 'pet_1' }];
			});
		const startedAt = Date.now();
		const first = await run('pet_1', 5);
		expect(first.error).toBeUndefined();
		expect(first.outputs[0]).toHaveLength(5);
		// 3 per second: the 4th and 5th waited for the window. Measured from before the run, not from the 1st
		// request's arrival, which a busy machine delays after its slot was granted (seen: 150 ms).
		expect(sentAt[3] - startedAt).toBeGreaterThanOrEqual(950);
		const prefix = process.env[REDIS_PREFIX_ENV]!;
		const conn = redis.connection(prefix);
		const keys = await conn.run(async (c) => await c.keys(`${prefix}:*`));
		await conn.close();
		expect(keys).toContain(`${prefix}:b:{petstore:petstoreApi%3ApetstoreApi-id}`);

		// The cache: one engine stores, another (a second worker) hits.
		nock('https://petstore.example.test').get('/v1/pets/pet_2').once().reply(200, { id: 'pet_2' });
		const stored = await run('pet_2', 1, { cacheMinutes: 1 });
		expect(stored.outputs[0][0].cache).toEqual({ hit: false, ageSeconds: 0 });
		useRuntime();
		const hit = await run('pet_2', 1, { cacheMinutes: 1 });
		expect(hit.outputs[0][0].json).toEqual({ id: 'pet_2' });
		expect((hit.outputs[0][0].cache as { hit: boolean }).hit).toBe(true);
	});

	it("'Max Requests' is shared through Redis: a second engine (another worker) waits for the first one's window", async () => {
		const sentAt: number[] = [];
		nock('https://api.example.test')
			.get(/^\/things\/\d+$/)
			.times(6)
			.reply(() => {
				sentAt.push(Date.now());
				return [200, { ok: true }];
			});
		const custom = () =>
			runNode({
				nodeTypes: [new CustomApi()],
				node: {
					type: 'customApi',
					parameters: {
						authentication: 'none',
						baseUrl: 'https://api.example.test',
						method: 'GET',
						endpoint: '=/things/{{ $json.i }}',
						options: { maxRequests: 3, maxRequestsWindowSeconds: 2 },
					},
				},
				input: Array.from({ length: 3 }, (_, i) => ({ json: { i } })),
			});
		useRuntime();
		const startedAt = Date.now();
		const first = await custom();
		expect(first.error).toBeUndefined();
		expect(sentAt).toHaveLength(3);
		// A new engine, as another worker: its budget is the first one's, kept in Redis.
		useRuntime();
		const second = await custom();
		expect(second.error).toBeUndefined();
		expect(sentAt).toHaveLength(6);
		// 3 per 2 s between both: the second engine's requests waited for the first one's window.
		expect(Math.min(...sentAt.slice(3)) - startedAt).toBeGreaterThanOrEqual(1950);
		const prefix = process.env[REDIS_PREFIX_ENV]!;
		const conn = redis.connection(prefix);
		const keys = await conn.run(async (c) => await c.keys(`${prefix}:b:*`));
		await conn.close();
		expect(keys).toContain(
			`${prefix}:b:{customApi:anonymous%3Aapi.example.test:max-requests%2F2000:}`,
		);
	});

	it('Redis down: the item fails naming Redis, its address and the fix; nothing is sent', async () => {
		const own = await RedisServer.start();
		process.env[REDIS_URL_ENV] = own.url;
		await own.stop();
		useRuntime();
		const scope = nock('https://petstore.example.test').get('/v1/pets/pet_3').reply(200, {});
		const res = await run('pet_3', 1);
		// Whichever shared store is asked first (the connections registry, or the rate-limit queue) says it.
		expect(res.error?.message).toMatch(
			new RegExp(
				`Redis at 127\\.0\\.0\\.1:${own.port} is unreachable: the connection was refused \\(waited 1 s\\)\\.`,
			),
		);
		expect(`${res.error?.message} ${res.error?.description}`).toMatch(
			new RegExp(
				`[Ss]tart Redis at 127\\.0\\.0\\.1:${own.port}, or correct N8N_API_CONNECTIONS_REDIS_URL`,
			),
		);
		expect(scope.isDone()).toBe(false);
	});
});
