/**
 * Issue 14.3: limits learned, not only declared. Custom API and GraphQL connections (no declared limit) read
 * budget headers like a declared service, and learn an undeclared window from the 429s they get, on virtual
 * time against a fake server that counts every request it receives.
 */
import nock from 'nock';

import { useRuntime } from '../../lib/runtime';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { GraphQlApi } from '../../nodes/GraphQl/GraphQlApi.node';
import { FakeClock } from '../helpers/fake-clock';
import { runNode } from '../harness';

const API = 'https://api.example.test';
const T0 = Date.parse('2026-11-29T09:00:00Z');
let clock: FakeClock;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock(T0);
	useRuntime({ clock, random: () => 0.5, observers: [] });
});
afterEach(() => {
	nock.abortPendingRequests();
	nock.cleanAll();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

interface Arrival {
	at: number;
	status: number;
}

/** What the fake server knows of one request: whether it fits the window, and the window so far. */
interface WindowCall {
	fits: boolean;
	/** When the window started, and how many requests it counted (this one included). */
	startMs: number;
	count: number;
	now: number;
}

/**
 * A server allowing 10 requests per 1000 ms window that starts with the first request after the previous one
 * ended. By default it answers only `429` + `Retry-After` (whole seconds, rounded up) past the limit, with no
 * rate-limit headers; `reply` answers otherwise. Every arrival is kept.
 */
function windowServer(
	method: 'get' | 'post' = 'get',
	path = '/items',
	reply: (call: WindowCall) => nock.ReplyFnResult = ({ fits, startMs, now }) =>
		fits
			? [200, { ok: true }]
			: [
					429,
					{ error: 'rate_limited' },
					{ 'Retry-After': String(Math.max(1, Math.ceil((startMs + 1000 - now) / 1000))) },
				],
): Arrival[] {
	const seen: Arrival[] = [];
	let startMs = -Infinity;
	let count = 0;
	nock(API)
		.persist()
		[method](path)
		.reply(() => {
			const now = clock.now();
			if (now >= startMs + 1000) [startMs, count] = [now, 0];
			count++;
			const fits = count <= 10;
			seen.push({ at: now - T0, status: fits ? 200 : 429 });
			return reply({ fits, startMs, count, now });
		});
	return seen;
}

// 200 items through n8n-core take about a second alone, many more on a machine under load: virtual time is
// driven for up to 2 minutes of real time (the shared helper stops after 20 s).
const REAL_BUDGET_MS = 120_000;
jest.setTimeout(REAL_BUDGET_MS + 10_000);

/** Moves virtual time to the next sleeper whenever the run is waiting, until it settles. */
async function drive<T>(run: Promise<T>): Promise<T> {
	let done = false;
	void run.finally(() => (done = true)).catch(() => undefined);
	const started = Date.now();
	while (!done && Date.now() - started < REAL_BUDGET_MS) {
		await new Promise((r) => setTimeout(r, 1));
		if (clock.nextAt !== null) await clock.advanceTo(clock.nextAt);
	}
	return await run;
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { n: i } }));

function customApi(count: number, path = '/items') {
	return drive(
		runNode({
			nodeTypes: [new CustomApi()],
			node: {
				type: 'customApi',
				parameters: { authentication: 'none', baseUrl: API, method: 'GET', endpoint: path },
			},
			input: items(count),
		}),
	);
}

function graphQl(count: number) {
	return drive(
		runNode({
			nodeTypes: [new GraphQlApi()],
			node: {
				type: 'graphQlApi',
				parameters: {
					authentication: 'none',
					endpointUrl: `${API}/graphql`,
					requestMethod: 'POST',
					query: '{ viewer { id } }',
					variables: '{}',
				},
			},
			input: items(count),
		}),
	);
}

/** Requests the server received per window start (ms after T0), and how many it refused. */
function perSecond(seen: Arrival[]): Record<number, string> {
	const out: Record<number, string> = {};
	for (const { at, status } of seen) {
		const [ok, refused] = (out[at] ?? '0/0').split('/').map(Number);
		out[at] = status === 200 ? `${ok + 1}/${refused}` : `${ok}/${refused + 1}`;
	}
	return out;
}

describe('a limit nobody declared, learned from 429 + Retry-After (10 requests/s, Custom API defaults)', () => {
	it('50 items: 55 requests, the 5 refused all in the first window, done in the minimum 4 s', async () => {
		const seen = windowServer();
		const res = await customApi(50);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual(Array(50).fill({ ok: true }));
		expect(seen).toHaveLength(55);
		// ok/refused per arrival time: the 5 items in flight when the first 429 came were refused, none after.
		expect(perSecond(seen)).toEqual({
			0: '10/5',
			1000: '10/0',
			2000: '10/0',
			3000: '10/0',
			4000: '10/0',
		});
	});

	it('200 items: 205 requests, done in the minimum 19 s', async () => {
		const seen = windowServer();
		const res = await customApi(200);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toHaveLength(200);
		expect(seen).toHaveLength(205);
		expect(seen.filter((s) => s.status === 429).map((s) => s.at)).toEqual([0, 0, 0, 0, 0]);
		expect(Math.max(...seen.map((s) => s.at))).toBe(19_000);
		expect(Object.values(perSecond(seen)).slice(1)).toEqual(Array(19).fill('10/0'));
	});

	it('what one execution learned, the next keeps to: no request refused', async () => {
		const seen = windowServer();
		expect((await customApi(50)).outputs[0]).toHaveLength(50);
		const firstRun = seen.length;
		const second = await customApi(30);
		expect(second.error).toBeUndefined();
		expect(second.outputs[0]).toHaveLength(30);
		// The first run's last window opened at 4 s: the second run waits for the next one.
		expect(perSecond(seen.slice(firstRun))).toEqual({ 5000: '10/0', 6000: '10/0', 7000: '10/0' });
	});

	it('GraphQL learns the same way', async () => {
		const seen = windowServer('post', '/graphql', ({ fits }) =>
			fits
				? [200, { data: { viewer: { id: '1' } } }]
				: [429, { errors: [{ message: 'slow down' }] }, { 'Retry-After': '1' }],
		);
		const res = await graphQl(30);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toHaveLength(30);
		expect(perSecond(seen)).toEqual({ 0: '10/5', 1000: '10/0', 2000: '10/0' });
	});
});

describe('budget headers on a generic connection: a spent budget waits for its reset', () => {
	const reset = T0 + 30_000;
	const cases: Array<[string, Record<string, string>]> = [
		[
			'X-RateLimit-* (reset in epoch seconds)',
			{
				'X-RateLimit-Limit': '100',
				'X-RateLimit-Remaining': '0',
				'X-RateLimit-Reset': String(reset / 1000),
			},
		],
		[
			'RateLimit-* fields (reset in seconds from now)',
			{ 'RateLimit-Limit': '100', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '30' },
		],
		['IETF RateLimit dictionary (draft -07)', { RateLimit: 'limit=100, remaining=0, reset=30' }],
		[
			'IETF RateLimit + RateLimit-Policy (draft -08 and later)',
			{ RateLimit: '"default";r=0;t=30', 'RateLimit-Policy': '"default";q=100;w=60' },
		],
	];

	/** The first answer reports the budget spent until `reset`; every request's arrival is kept. */
	function spentServer(
		method: 'get' | 'post',
		path: string,
		headers: Record<string, string>,
		body: object,
	) {
		const seen: number[] = [];
		nock(API)
			.persist()
			[method](path)
			.reply(() => {
				seen.push(clock.now() - T0);
				return [200, body, seen.length === 1 ? headers : {}];
			});
		return seen;
	}

	it.each(cases)('Custom API, %s', async (_name, headers) => {
		const seen = spentServer('get', '/items', headers, { ok: true });
		expect((await customApi(1)).outputs[0]).toHaveLength(1);
		const res = await customApi(3);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toHaveLength(3);
		// Nothing before the reset, all three at it.
		expect(seen).toEqual([0, 30_000, 30_000, 30_000]);
	});

	it('GraphQL, X-RateLimit-*', async () => {
		const seen = spentServer('post', '/graphql', cases[0][1], { data: { viewer: { id: '1' } } });
		expect((await graphQl(1)).outputs[0]).toHaveLength(1);
		const res = await graphQl(3);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toHaveLength(3);
		expect(seen).toEqual([0, 30_000, 30_000, 30_000]);
	});

	it('a budget counted down by headers is kept to without a 429 (10 per window, 25 items)', async () => {
		const seen = windowServer('get', '/items', ({ fits, startMs, count }) => {
			const headers = {
				'X-RateLimit-Limit': '10',
				'X-RateLimit-Remaining': String(Math.max(0, 10 - count)),
				'X-RateLimit-Reset': String((startMs + 1000) / 1000),
			};
			return fits ? [200, { ok: true }, headers] : [429, {}, { ...headers, 'Retry-After': '1' }];
		});
		const res = await customApi(25);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toHaveLength(25);
		expect(perSecond(seen)).toEqual({ 0: '10/0', 1000: '10/0', 2000: '5/0' });
	});
});
