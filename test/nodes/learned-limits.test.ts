/**
 * Issue 14.3: limits learned, not only declared. Custom API and GraphQL connections (no declared limit) read
 * budget headers like a declared service, and learn an undeclared window from the 429s they get, on virtual
 * time against a fake server that counts every request it receives.
 */
import nock from 'nock';

import { useRuntime } from '../../lib/runtime';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { driveClock, FakeClock } from '../helpers/fake-clock';
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

/**
 * A server allowing `limit` requests per window that starts with the first request after the previous one
 * ended, answering only `429` + `Retry-After` (whole seconds, rounded up) past it: no rate-limit headers.
 */
function windowServer(limit = 10, windowMs = 1000): Arrival[] {
	const seen: Arrival[] = [];
	let start = -Infinity;
	let count = 0;
	nock(API)
		.persist()
		.get('/items')
		.reply(() => {
			const now = clock.now();
			if (now >= start + windowMs) {
				start = now;
				count = 0;
			}
			if (count < limit) {
				count++;
				seen.push({ at: now - T0, status: 200 });
				return [200, { ok: true }];
			}
			seen.push({ at: now - T0, status: 429 });
			const retryAfter = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
			return [429, { error: 'rate_limited' }, { 'Retry-After': String(retryAfter) }];
		});
	return seen;
}

function customApi(items: number) {
	return driveClock(
		clock,
		runNode({
			nodeTypes: [new CustomApi()],
			node: {
				type: 'customApi',
				parameters: { authentication: 'none', baseUrl: API, method: 'GET', endpoint: '/items' },
			},
			input: Array.from({ length: items }, (_, n) => ({ json: { n } })),
		}),
	);
}

describe('a limit nobody declared, learned from 429 + Retry-After', () => {
	it('50 items against 10 requests/s', async () => {
		const seen = windowServer();
		const res = await customApi(50);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toHaveLength(50);
		console.log(JSON.stringify(seen));
	});
});
