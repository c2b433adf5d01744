/**
 * Cost-based budgets (`rateLimit.cost`) inside real workflows on virtual time, against a fake that follows
 * the documented behaviour of cost-limited GraphQL admin APIs (reference/services.md, Shopify): a bucket of
 * points per app and store that restores at a fixed rate; each query is charged its requested cost up front
 * and refunded down to its actual cost; every answer reports `extensions.cost` (requested and actual cost,
 * `throttleStatus` with maximum, currently available and restore rate); a query whose requested cost exceeds
 * what is available is refused with HTTP 200 and `errors[].extensions.code = THROTTLED`, and costs nothing.
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { Graphshop, GraphshopApi, GRAPHSHOP_BASE, graphshop } from '../fixtures/graphshop';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode } from '../harness';

const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
const T0 = Date.parse('2026-11-29T09:00:00Z');
let clock: FakeClock;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock(T0);
	useRuntime({ clock, random: () => 0.5, observers: [] });
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

const PRODUCTS = '{ products(first: 100) { nodes { id title } } }';
const CHEAP_ORDERS = '{ orders(first: 5) { nodes { id } } }';
const OVERESTIMATED = '{ products(first: 250) { nodes { id } } }';

/** The server's bucket: 1000 points restoring 50 per second (not what the spec guesses: it must learn it). */
class CostBucket {
	readonly maximum = 1000;
	readonly restoreRate = 50;
	available = this.maximum;
	private at = T0;
	readonly seen: Array<{ at: number; query: string; throttled: boolean; auth: string }> = [];

	constructor(private readonly costs: Record<string, { requested: number; actual: number }>) {}

	/** Answers `times` queries, recording each with its bearer token and the time it arrived. */
	serve(times: number): void {
		const bucket = this;
		nock(GRAPHSHOP_BASE)
			.post('/graphql.json')
			.times(times)
			.reply(function (_uri, body) {
				return bucket.answer(body as { query: string }, String(this.req.headers.authorization));
			});
	}

	private answer(
		body: { query: string },
		auth: string,
	): [number, nock.Body, Record<string, string>] {
		const now = clock.now();
		this.available = Math.min(
			this.maximum,
			this.available + ((now - this.at) / 1000) * this.restoreRate,
		);
		this.at = now;
		const { requested, actual } = this.costs[body.query];
		const throttled = this.available < requested;
		this.seen.push({ at: now - T0, query: body.query, throttled, auth });
		// Charged the requested cost up front, refunded down to the actual cost; a refused query costs nothing.
		if (!throttled) this.available -= actual;
		const cost = {
			requestedQueryCost: requested,
			actualQueryCost: throttled ? null : actual,
			throttleStatus: {
				maximumAvailable: this.maximum,
				currentlyAvailable: this.available,
				restoreRate: this.restoreRate,
			},
		};
		const answer = throttled
			? {
					errors: [
						{
							message: 'Throttled',
							extensions: {
								code: 'THROTTLED',
								documentation: 'https://graphshop.example.test/docs/rate-limits',
							},
						},
					],
					extensions: { cost },
				}
			: { data: { nodes: [{ id: 'gid://shop/Product/1' }] }, extensions: { cost } };
		return [200, answer, { 'content-type': 'application/json' }];
	}
}

function run(resource: string, operation: string, query: string) {
	const parameters: INodeParameters = { resource, operation, query };
	return driveClock(
		clock,
		runNode({
			nodeTypes: [new Graphshop()],
			credentialTypes: [new GraphshopApi()],
			credentials: { graphshopApi: { accessToken: TOKEN } },
			node: { type: 'graphshop', parameters },
		}),
	);
}

const search = (query = PRODUCTS) => run('product', 'search', query);

it('the fixture spec is valid', () => {
	expect(validateService(graphshop)).toEqual([]);
});

it('waits before a query whose expected cost exceeds what is left, exactly as long as the bucket needs to restore it', async () => {
	const bucket = new CostBucket({
		[PRODUCTS]: { requested: 400, actual: 400 },
		[CHEAP_ORDERS]: { requested: 10, actual: 10 },
	});
	bucket.serve(4);
	for (let i = 0; i < 2; i++) {
		const res = await search();
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((o) => o.json)).toEqual([
			{ nodes: [{ id: 'gid://shop/Product/1' }] },
		]);
	}
	// 200 points left: a query of another kind, expected to cost little, is not held back.
	expect((await run('order', 'getMany', CHEAP_ORDERS)).error).toBeUndefined();
	// 190 left, and this kind was charged 400: (400 - 190) / 50 per second = 4.2 s, learnt from the answers
	// (the spec guessed a bucket of 2000 restoring 100 per second).
	expect((await search()).error).toBeUndefined();
	expect(
		bucket.seen.map((s) => [s.at, s.query === PRODUCTS ? 'products' : 'orders', s.throttled]),
	).toEqual([
		[0, 'products', false],
		[0, 'products', false],
		[0, 'orders', false],
		[4200, 'products', false],
	]);
	expect(bucket.seen.every((s) => s.auth === `Bearer ${TOKEN}`)).toBe(true);
});

it('a THROTTLED answer (HTTP 200) is sent again after the wait the reported cost and restore rate give', async () => {
	const bucket = new CostBucket({ [PRODUCTS]: { requested: 400, actual: 380 } });
	// Another app on the same store has used the bucket down to 100 points.
	bucket.available = 100;
	bucket.serve(2);
	const res = await search();
	expect(res.error).toBeUndefined();
	expect(res.outputs[0].map((o) => o.json)).toEqual([{ nodes: [{ id: 'gid://shop/Product/1' }] }]);
	// (400 - 100) / 50 = 6 s.
	expect(bucket.seen.map((s) => [s.at, s.throttled])).toEqual([
		[0, true],
		[6000, false],
	]);
});

it('a query that costs less than it asked for gives the difference back, so the next ones do not wait for it', async () => {
	const bucket = new CostBucket({ [OVERESTIMATED]: { requested: 500, actual: 100 } });
	bucket.serve(4);
	for (let i = 0; i < 4; i++) expect((await search(OVERESTIMATED)).error).toBeUndefined();
	// Charged 100 each: 600 points left, never short, never a wait (taking 500 for good would wait 10 s at the third).
	expect(bucket.seen.map((s) => [s.at, s.throttled])).toEqual([
		[0, false],
		[0, false],
		[0, false],
		[0, false],
	]);
	expect(bucket.available).toBe(600);
});

it("an error in errors[] of a 200 answer fails the item with its code, the service's words and the fix", async () => {
	nock(GRAPHSHOP_BASE)
		.post('/graphql.json', { query: PRODUCTS })
		.reply(200, {
			data: null,
			errors: [
				{
					message: 'Access denied for products field.',
					extensions: { code: 'ACCESS_DENIED', requiredAccess: '`read_products` access scope.' },
				},
			],
		});
	const res = await search();
	expect(res.error).toMatchObject({
		message: 'Graphshop: ACCESS_DENIED – Access denied for products field.',
		description:
			"Graphshop denied access: Access denied for products field. Grant the app the access scope it needs (`read_products` access scope.), then reconnect the credential 'graphshopApi account'.",
	});
});
