/**
 * Retries and rate-limit queueing inside real workflows, on virtual time (the engine's clock is a
 * FakeClock, so a 30 s Retry-After takes no real time).
 */
import nock from 'nock';

import { useRuntime } from '../../lib/runtime';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../harness';
import { Petstore, PetstoreApi, petstore } from '../fixtures/petstore';

const API = 'https://api.example.test';
let clock: FakeClock;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock();
	useRuntime({ clock, random: () => 0.5 });
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

/** Drive virtual time while the workflow runs, so retries and rate-limit waits take no real time. */
const drive = (run: Promise<RunNodeResult>) => driveClock(clock, run);

function custom(
	parameters: RunNodeOptions['node']['parameters'],
	extra: Partial<RunNodeOptions> = {},
) {
	const { node, ...rest } = extra;
	return drive(
		runNode({
			nodeTypes: [new CustomApi()],
			node: { ...node, type: 'customApi', parameters },
			...rest,
		}),
	);
}

const get = { authentication: 'none', baseUrl: API, method: 'GET', endpoint: '/things' };

describe('retries', () => {
	it('retries a GET on 503 with backoff and succeeds on the third attempt', async () => {
		const start = clock.now();
		const scope = nock(API)
			.get('/things')
			.times(2)
			.reply(503, { message: 'busy' })
			.get('/things')
			.reply(200, { ok: true });
		const res = await custom(get);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ ok: true }]);
		expect(scope.isDone()).toBe(true);
		expect(clock.now() - start).toBeGreaterThan(0);
	});

	it('honours Retry-After in seconds and as an HTTP date', async () => {
		const start = clock.now();
		nock(API)
			.get('/things')
			.reply(429, {}, { 'retry-after': '30' })
			.get('/things')
			.reply(200, { a: 1 });
		expect((await custom(get)).outputs[0][0].json).toEqual({ a: 1 });
		expect(clock.now() - start).toBe(30_000);

		const t0 = clock.now();
		const date = new Date(t0 + 45_000).toUTCString();
		nock(API)
			.get('/things')
			.reply(429, {}, { 'retry-after': date })
			.get('/things')
			.reply(200, { b: 2 });
		expect((await custom(get)).outputs[0][0].json).toEqual({ b: 2 });
		expect(clock.now() - t0).toBeGreaterThanOrEqual(44_000);
		expect(clock.now() - t0).toBeLessThanOrEqual(45_000);
	});

	it('gives up after Max Attempts and lists every attempt in the error details', async () => {
		nock(API).get('/things').times(3).reply(500, { message: 'down' }, { 'x-request-id': 'req_9' });
		const res = await custom(get);
		expect(res.error?.message).toBe('Custom API: 500 Internal Server Error – down');
		expect(res.error?.description).toContain('the request was tried 3 of 3 times');
		// The attempts and the request id are in the error details, numbered consistently with the waits really taken.
		expect(res.error?.context.request).toEqual({
			method: 'GET',
			endpoint: '/things',
			requestId: 'req_9',
			attempts: [
				'attempt 1 of 3: down (HTTP 500 (server error)); retried in 0.5 s',
				'attempt 2 of 3: down (HTTP 500 (server error)); retried in 1 s',
				'attempt 3 of 3: down (HTTP 500 (server error); gave up after 3 of 3 attempts)',
			],
		});
	});

	it('never re-sends a POST that reached the server (no idempotency key)', async () => {
		const scope = nock(API).post('/orders').once().reply(503, { message: 'busy' });
		const res = await custom({
			...get,
			method: 'POST',
			endpoint: '/orders',
			bodyContentType: 'json',
			jsonBody: '{"a":1}',
		});
		// It says why it stopped after one attempt (issue 10.8: no "tried 1 of 3 times" without the reason).
		expect(res.error?.description).toBe(
			'Custom API had an internal error (503) and the request was not sent again, because POST is not idempotent and the request reached the server, so a retry could apply it twice. Check in Custom API whether the POST /orders took effect before running the workflow again, so it is not done twice.',
		);
		expect(scope.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('re-sends a POST that provably never reached the server (connection refused)', async () => {
		nock(API)
			.post('/orders')
			.replyWithError(
				Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }),
			)
			.post('/orders')
			.reply(201, { id: 'o1' });
		const res = await custom({
			...get,
			method: 'POST',
			endpoint: '/orders',
			bodyContentType: 'json',
			jsonBody: '{"a":1}',
		});
		expect(res.error).toBeUndefined();
		expect(res.outputs[0][0].json).toEqual({ id: 'o1' });
	});

	it('Max Attempts 1 turns retries off', async () => {
		nock(API).get('/things').once().reply(503, {});
		const res = await custom({ ...get, options: { maxAttempts: 1 } });
		expect(res.error?.description).toContain('tried 1 of 1 times');
	});
});

describe('rate-limit queueing', () => {
	const limited = {
		spec: { ...petstore.spec, rateLimit: { requests: 2, windowMs: 10_000 } },
		hooks: petstore.hooks,
	};
	class LimitedPetstore extends Petstore {
		async execute(this: import('n8n-workflow').IExecuteFunctions) {
			return await (await import('../../lib/builder/execute')).executeSpec(this, limited);
		}
	}
	const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { id: `pet_${i}` } }));
	const run = (extraParams: Record<string, unknown> = {}, continueOnFail = false) =>
		drive(
			runNode({
				nodeTypes: [new LimitedPetstore()],
				credentialTypes: [new PetstoreApi()],
				credentials: { petstoreApi: { accessToken: 'pet_tok_123456' } },
				node: {
					type: 'petstore',
					parameters: { resource: 'pet', operation: 'get', petId: '={{$json.id}}', ...extraParams },
					continueOnFail,
				},
				input: items(5),
			}),
		);

	it('5 requests against 2 per 10 s wait in the queue instead of failing: none throttled, all succeed', async () => {
		const start = clock.now();
		const sentAt: number[] = [];
		nock('https://petstore.example.test')
			.get(/\/v1\/pets\/pet_\d/)
			.times(5)
			.reply(function (uri) {
				sentAt.push(clock.now() - start);
				return [200, { id: uri.split('/').pop() }];
			});
		const res = await run();
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json.id)).toEqual([
			'pet_0',
			'pet_1',
			'pet_2',
			'pet_3',
			'pet_4',
		]);
		// Never more than 2 in any 10 s window.
		for (const t of sentAt)
			expect(sentAt.filter((u) => u >= t && u < t + 10_000).length).toBeLessThanOrEqual(2);
		expect(sentAt[4]).toBeGreaterThanOrEqual(20_000);
	});

	it('a cache hit costs no budget: 5 identical GETs with 2 per 10 s finish at once with one request', async () => {
		const start = clock.now();
		const scope = nock('https://petstore.example.test')
			.get('/v1/pets/pet_7')
			.once()
			.reply(200, { id: 'pet_7' });
		const res = await drive(
			runNode({
				nodeTypes: [new LimitedPetstore()],
				credentialTypes: [new PetstoreApi()],
				credentials: { petstoreApi: { accessToken: 'pet_tok_123456' } },
				node: {
					type: 'petstore',
					parameters: {
						resource: 'pet',
						operation: 'get',
						petId: 'pet_7',
						options: { cacheMinutes: 1 },
					},
				},
				input: items(5),
			}),
		);
		expect(res.outputs[0].map((i) => (i.cache as { hit: boolean }).hit)).toEqual([
			false,
			true,
			true,
			true,
			true,
		]);
		expect(scope.isDone()).toBe(true);
		expect(clock.now() - start).toBe(0);
	});

	it('a wait longer than Max Queue Wait fails that item with how long it waited and when the window resets', async () => {
		nock('https://petstore.example.test')
			.get(/\/v1\/pets\/pet_\d/)
			.times(5)
			.reply(200, { ok: true });
		const res = await run({ options: { maxQueueWaitSeconds: 5 } }, true);
		const out = res.outputs[0].map((i) => i.json);
		expect(out.slice(0, 2)).toEqual([{ ok: true }, { ok: true }]);
		for (const failed of out.slice(2)) {
			expect(failed.error).toBe(
				"Petstore: rate limit, the wait is longer than 'Max Queue Wait (Seconds)' allows",
			);
			expect(String(failed.description)).toMatch(
				/used up until 2026-11-29T09:00:10Z, longer than 'Max Queue Wait \(Seconds\)' allows \(5 s\)/,
			);
		}
	});
});

describe('GET cache (opt-in)', () => {
	const cached = { ...get, options: { cacheMinutes: 5 } };

	it('serves a repeated GET from the cache, marks the items, and expires after N minutes', async () => {
		const scope = nock(API).get('/things').once().reply(200, { n: 1 });
		const first = await custom(cached, { input: [{ json: {} }, { json: {} }] });
		expect(first.outputs[0]).toEqual([
			{ json: { n: 1 }, pairedItem: { item: 0 }, cache: { hit: false, ageSeconds: 0 } },
			{ json: { n: 1 }, pairedItem: { item: 1 }, cache: { hit: true, ageSeconds: 0 } },
		]);
		expect(scope.isDone()).toBe(true);

		await clock.advance(4 * 60_000);
		const again = await custom(cached);
		expect(again.outputs[0][0].cache).toEqual({ hit: true, ageSeconds: 240 });

		await clock.advance(2 * 60_000);
		nock(API).get('/things').once().reply(200, { n: 2 });
		const expired = await custom(cached);
		expect(expired.outputs[0][0]).toMatchObject({ json: { n: 2 }, cache: { hit: false } });
	});

	it('is off by default, never caches writes, and keys by the full request', async () => {
		nock(API).get('/things').twice().reply(200, { n: 1 });
		const off = await custom(get, { input: [{ json: {} }, { json: {} }] });
		expect(off.outputs[0].map((i) => i.cache)).toEqual([undefined, undefined]);

		nock(API).post('/things').twice().reply(200, { w: 1 });
		const writes = await custom(
			{ ...cached, method: 'POST', bodyContentType: 'json', jsonBody: '{}' },
			{ input: [{ json: {} }, { json: {} }] },
		);
		expect(writes.outputs[0].map((i) => i.json)).toEqual([{ w: 1 }, { w: 1 }]);

		nock(API).get('/things').query({ q: 'a' }).once().reply(200, { q: 'a' });
		nock(API).get('/things').query({ q: 'b' }).once().reply(200, { q: 'b' });
		const keyed = await custom(
			{ ...cached, queryParameters: { parameter: [{ name: 'q', value: '={{$json.q}}' }] } },
			{ input: [{ json: { q: 'a' } }, { json: { q: 'b' } }, { json: { q: 'a' } }] },
		);
		expect(keyed.outputs[0].map((i) => [i.json.q, (i.cache as { hit: boolean }).hit])).toEqual([
			['a', false],
			['b', false],
			['a', true],
		]);
		expect(nock.pendingMocks()).toEqual([]);
	});
});
