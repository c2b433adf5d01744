/**
 * Issue 14 point 4, the seed's strategy 1 ("throttling: 10 requests per minute"): the user's own 'Max Requests'
 * per 'Per Window (Seconds)' on a connection, on Custom API, GraphQL and every service node, shared by every
 * execution, combined with the service's declared limit (the stricter wins). Real workflows on virtual time.
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { ApiConnStripeApi } from '../../credentials/ApiConnStripeApi.credentials';
import { MemoryBudgetStore } from '../../lib/limits/store';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { GraphQlApi } from '../../nodes/GraphQl/GraphQlApi.node';
import { Stripe } from '../../nodes/Stripe/Stripe.node';
import { driveClock } from '../helpers/fake-clock';
import { onVirtualTime } from '../helpers/virtual-runtime';
import { runNode, type RunNodeResult } from '../harness';

const API = 'https://api.example.test';
const STRIPE = 'https://api.stripe.com';
const T0 = Date.parse('2026-11-29T09:00:00Z');
const vt = onVirtualTime(T0);

const items = (n: number, from = 0) =>
	Array.from({ length: n }, (_, i) => ({ json: { i: i + from } }));
const get = {
	authentication: 'none',
	baseUrl: API,
	method: 'GET',
	endpoint: '=/things/{{ $json.i }}',
};

function custom(parameters: INodeParameters, input = items(1)): Promise<RunNodeResult> {
	return runNode({ nodeTypes: [new CustomApi()], node: { type: 'customApi', parameters }, input });
}

/** Answers every GET /things/<i> with `{ i }` and records when it arrived (offset from T0). */
function things(): Array<{ i: string; at: number }> {
	const seen: Array<{ i: string; at: number }> = [];
	nock(API)
		.get(/^\/things\/\d+$/)
		.times(100)
		.reply(function (uri) {
			const i = uri.split('/').pop()!;
			seen.push({ i, at: vt.clock.now() - T0 });
			return [200, { i: Number(i) }];
		});
	return seen;
}

const perMinute = { options: { maxRequests: 10, maxRequestsWindowSeconds: 60 } };

describe("'Max Requests' per window", () => {
	it('10 requests per minute: the first 10 go at once, the 11th waits exactly one minute; outputs keep their order', async () => {
		const seen = things();
		const res = await driveClock(vt.clock, custom({ ...get, ...perMinute }, items(11)));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.at)).toEqual([...Array(10).fill(0), 60_000]);
		expect(seen.map((s) => s.i).sort((a, b) => Number(a) - Number(b))).toEqual(
			Array.from({ length: 11 }, (_, i) => String(i)),
		);
		expect(res.outputs[0].map((o) => o.json)).toEqual(
			Array.from({ length: 11 }, (_, i) => ({ i })),
		);
		// The waiting item says what it waited for; the others did not wait.
		const waited = res.outputs[0].filter((o) => o.waits);
		expect(waited).toHaveLength(1);
		expect(waited[0].waits).toMatchObject({
			waitedSeconds: 60,
			events: [
				{
					wait: 'queue',
					seconds: 60,
					reason: "your 'Max Requests' budget (10 per 60 s) was used up",
				},
			],
			limits: { serviceWindowSeconds: 60, maxQueueWaitSeconds: 300, maxQueueWaitFrom: 'service' },
		});
	});

	it('Per Window left out is a minute', async () => {
		const seen = things();
		const res = await driveClock(
			vt.clock,
			custom({ ...get, options: { maxRequests: 2, concurrency: 1 } }, items(5)),
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.at)).toEqual([0, 0, 60_000, 60_000, 120_000]);
	});

	it('is shared by two executions on the same connection at once: 10 per minute between them', async () => {
		const seen = things();
		const [a, b] = await driveClock(
			vt.clock,
			Promise.all([
				custom({ ...get, ...perMinute }, items(6)),
				custom({ ...get, ...perMinute }, items(6, 6)),
			]),
		);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(seen).toHaveLength(12);
		expect(seen.filter((s) => s.at === 0)).toHaveLength(10);
		expect(seen.filter((s) => s.at === 60_000)).toHaveLength(2);
		expect([...a.outputs[0], ...b.outputs[0]].map((o) => o.json)).toEqual(
			Array.from({ length: 12 }, (_, i) => ({ i })),
		);
	});

	it('another connection (another host) has its own budget', async () => {
		const seen = things();
		const other: Array<number> = [];
		nock('https://other.example.test')
			.get(/^\/things\/\d+$/)
			.times(3)
			.reply(() => {
				other.push(vt.clock.now() - T0);
				return [200, {}];
			});
		const limited = { options: { maxRequests: 2, maxRequestsWindowSeconds: 60 } };
		await driveClock(
			vt.clock,
			Promise.all([
				custom({ ...get, ...limited }, items(3)),
				custom({ ...get, baseUrl: 'https://other.example.test', ...limited }, items(3)),
			]),
		);
		expect(seen.map((s) => s.at)).toEqual([0, 0, 60_000]);
		expect(other).toEqual([0, 0, 60_000]);
	});

	it('a wait longer than Max Queue Wait fails the item, naming your Max Requests and the option', async () => {
		const seen = things();
		const res = await driveClock(
			vt.clock,
			custom(
				{
					...get,
					options: {
						maxRequests: 1,
						maxRequestsWindowSeconds: 600,
						maxQueueWaitSeconds: 60,
						concurrency: 1,
					},
				},
				items(2),
			),
		);
		expect(seen.map((s) => s.at)).toEqual([0]);
		expect(res.error?.message).toBe(
			"Custom API: rate limit, the wait is longer than 'Max Queue Wait (Seconds)' allows",
		);
		expect(res.error?.description).toBe(
			"The Custom API (your 'Max Requests') rate limit (1 requests per 10 min) is used up until 2026-11-29T09:10:00Z, longer than 'Max Queue Wait (Seconds)' allows (60 s), so the request was not sent. Raise 'Max Queue Wait (Seconds)' in the node options, send fewer requests (for example lower 'Concurrent Items'), or run the workflow after 2026-11-29T09:10:00Z.",
		);
	});

	it('GraphQL API has it too', async () => {
		const at: number[] = [];
		nock(API)
			.post('/graphql')
			.times(3)
			.reply(() => {
				at.push(vt.clock.now() - T0);
				return [200, { data: { ok: true } }];
			});
		const res = await driveClock(
			vt.clock,
			runNode({
				nodeTypes: [new GraphQlApi()],
				node: {
					type: 'graphQlApi',
					parameters: {
						authentication: 'none',
						endpointUrl: `${API}/graphql`,
						query: '{ ok }',
						options: { maxRequests: 2, maxRequestsWindowSeconds: 1 },
					},
				},
				input: items(3),
			}),
		);
		expect(res.error).toBeUndefined();
		expect(at).toEqual([0, 0, 1000]);
	});
});

describe("combined with the service's declared limit: the stricter wins", () => {
	const KEY = 'sk_test_51AbCdEfGhIjKlMnOpQrStUv';
	function stripe(options: INodeParameters, n: number) {
		return runNode({
			nodeTypes: [new Stripe()],
			credentialTypes: [new ApiConnStripeApi()],
			credentials: { apiConnStripeApi: { secretKey: KEY } },
			node: {
				type: 'stripe',
				parameters: {
					resource: 'customer',
					operation: 'get',
					customerId: '=cus_{{ $json.i }}',
					options: { concurrency: 50, ...options },
				},
			},
			input: items(n),
		});
	}
	function customers(): number[] {
		const at: number[] = [];
		nock(STRIPE)
			.get(/^\/v1\/customers\/cus_\d+$/)
			.times(100)
			.reply(() => {
				at.push(vt.clock.now() - T0);
				return [200, { id: 'cus' }];
			});
		return at;
	}
	const count = (at: number[]) =>
		Object.entries(
			at.reduce<Record<number, number>>((acc, t) => ({ ...acc, [t]: (acc[t] ?? 0) + 1 }), {}),
		).map(([t, n]) => [Number(t), n]);

	it("below Stripe's 25 per second, yours wins: 5 per second", async () => {
		const at = customers();
		const res = await driveClock(
			vt.clock,
			stripe({ maxRequests: 5, maxRequestsWindowSeconds: 1 }, 12),
		);
		expect(res.error).toBeUndefined();
		expect(count(at)).toEqual([
			[0, 5],
			[1000, 5],
			[2000, 2],
		]);
	});

	it('each budget moves the request to when it left before its answer comes: the declared one and yours', async () => {
		const calls: string[] = [];
		// The memory store, recording what the pipeline tells it, per budget (Stripe's, then 'Max Requests').
		class Recording extends MemoryBudgetStore {
			override sent(key: string, seq: number, arrivedByMs: number) {
				calls.push(
					`sent ${key.includes('max-requests') ? 'yours' : 'stripe'} #${seq} at ${arrivedByMs - T0}`,
				);
				return super.sent(key, seq, arrivedByMs);
			}
			override release(key: string, seq?: number, arrivedByMs?: number) {
				calls.push(`release ${key.includes('max-requests') ? 'yours' : 'stripe'} #${seq}`);
				return super.release(key, seq, arrivedByMs);
			}
		}
		vt.restart({ store: new Recording() });
		const at = customers();
		const res = await driveClock(
			vt.clock,
			stripe({ maxRequests: 5, maxRequestsWindowSeconds: 1 }, 1),
		);
		expect(res.error).toBeUndefined();
		expect(at).toEqual([0]);
		expect(calls).toEqual([
			'sent stripe #1 at 0',
			'sent yours #1 at 0',
			'release yours #1',
			'release stripe #1',
		]);
	});

	it("above Stripe's 25 per second, Stripe's wins", async () => {
		const at = customers();
		const res = await driveClock(
			vt.clock,
			stripe({ maxRequests: 100, maxRequestsWindowSeconds: 1 }, 30),
		);
		expect(res.error).toBeUndefined();
		expect(count(at)).toEqual([
			[0, 25],
			[1000, 5],
		]);
	});
});

describe('bad input names the field and the fix', () => {
	it.each([
		[{ maxRequests: 0 }, "The field 'Max Requests' must be at least 1 (got 0)."],
		[{ maxRequests: -3 }, "The field 'Max Requests' must be at least 1 (got -3)."],
		[{ maxRequests: 2.5 }, "The field 'Max Requests' must be a whole number (got 2.5)."],
		[{ maxRequests: '={{ "ten" }}' }, "The field 'Max Requests'"],
		[
			{ maxRequests: 10, maxRequestsWindowSeconds: 0 },
			"The field 'Per Window (Seconds)' must be at least 1 (got 0).",
		],
		[
			{ maxRequests: 10, maxRequestsWindowSeconds: '={{ "a minute" }}' },
			"The field 'Per Window (Seconds)'",
		],
	])('%j', async (options, message) => {
		const seen = things();
		const res = await driveClock(vt.clock, custom({ ...get, options }));
		expect(seen).toEqual([]);
		expect(res.error?.message.startsWith(message)).toBe(true);
		const field = message.includes('Per Window') ? 'Per Window (Seconds)' : 'Max Requests';
		expect(res.error?.description).toContain(`'${field}'`);
	});

	it('Per Window without Max Requests is refused, naming both fields', async () => {
		const seen = things();
		const res = await driveClock(
			vt.clock,
			custom({ ...get, options: { maxRequestsWindowSeconds: 60 } }),
		);
		expect(seen).toEqual([]);
		expect(res.error?.message).toBe(
			"The field 'Per Window (Seconds)' is set without 'Max Requests'.",
		);
		expect(res.error?.description).toBe(
			"Add 'Max Requests' (how many requests per window), or remove 'Per Window (Seconds)'.",
		);
	});

	it('an expression that gives text says to return a number', async () => {
		things();
		const res = await driveClock(
			vt.clock,
			custom({ ...get, options: { maxRequests: '={{ "ten" }}' } }),
		);
		expect(res.error?.message).toBe("The field 'Max Requests' must be a number, got text ('ten').");
		expect(res.error?.description).toBe(
			"Set 'Max Requests' to a number. If an expression fills it, make the expression return a number, e.g. {{ Number($json.value) }}.",
		);
	});
});
