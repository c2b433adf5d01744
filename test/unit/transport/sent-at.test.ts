/**
 * `trackSending`: when what an attempt sent left this process, seen through Node's HTTP client diagnostics
 * channel, per attempt even when attempts overlap; nothing when the attempt sent nothing through node:http.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { trackSending } from '../../../lib/transport/sent-at';

let server: Server;
let url = '';
const arrivals: Array<{ path: string; at: number }> = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		arrivals.push({ path: req.url ?? '', at: Date.now() });
		// The answer comes 30 ms after the arrival.
		setTimeout(() => res.end('ok'), 30);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

function get(path: string, delayMs = 0): Promise<number> {
	return new Promise((resolve, reject) => {
		setTimeout(() => {
			const req = request(`${url}${path}`, (res) => {
				res.resume();
				res.on('end', () => resolve(Date.now()));
			});
			req.on('error', reject);
			req.end();
		}, delayMs);
	});
}

describe('trackSending', () => {
	it('says when the request left: after the call started, before it arrived, before the answer', async () => {
		const started = Date.now();
		const { result: answeredAt, sentAtMs } = await trackSending(
			Date.now,
			async () => await get('/one'),
		);
		const arrival = arrivals.find((a) => a.path === '/one')!;
		expect(sentAtMs).toBeGreaterThanOrEqual(started);
		expect(sentAtMs).toBeLessThanOrEqual(arrival.at);
		expect(answeredAt - sentAtMs!).toBeGreaterThanOrEqual(25);
	});

	it('keeps overlapping attempts apart: each learns when its own request left', async () => {
		const [early, late] = await Promise.all([
			trackSending(Date.now, async () => await get('/early')),
			trackSending(Date.now, async () => await get('/late', 150)),
		]);
		expect(late.sentAtMs! - early.sentAtMs!).toBeGreaterThanOrEqual(140);
	});

	it('takes the last of several requests in one attempt, in the clock it is given', async () => {
		let fake = 1000;
		const { sentAtMs } = await trackSending(
			() => fake++,
			async () => {
				await get('/first');
				await get('/second');
			},
		);
		expect(sentAtMs).toBe(1001);
	});

	it('knows nothing when nothing went through node:http', async () => {
		expect(await trackSending(Date.now, async () => 42)).toEqual({ result: 42 });
	});
});
