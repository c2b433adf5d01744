/**
 * `trackSending`: when what an attempt sent left this process, seen through Node's HTTP client diagnostics
 * channel, per attempt even when attempts overlap; nothing when the attempt sent nothing through node:http.
 *
 * The HTTP part runs in a child Node process (Node 24 strips the module's types itself): Jest runs many suites
 * in one process, and nock, which earlier suites load, patches node:http for the whole process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { trackSending } from '../../../lib/transport/sent-at';

const MODULE = join(__dirname, '../../../lib/transport/sent-at.ts');

const CHILD = `
import { createServer, request } from 'node:http';
import { trackSending } from ${JSON.stringify(MODULE)};
const arrivals = {};
const server = createServer((req, res) => {
	arrivals[req.url] = Date.now();
	// The answer comes 30 ms after the arrival.
	setTimeout(() => res.end('ok'), 30);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = 'http://127.0.0.1:' + server.address().port;
const get = (path, delayMs = 0) =>
	new Promise((resolve, reject) =>
		setTimeout(() => {
			const req = request(url + path, (res) => {
				res.resume();
				res.on('end', () => resolve(Date.now()));
			});
			req.on('error', reject);
			req.end();
		}, delayMs),
	);
const started = Date.now();
const one = await trackSending(Date.now, async () => await get('/one'));
const [early, late] = await Promise.all([
	trackSending(Date.now, async () => await get('/early')),
	trackSending(Date.now, async () => await get('/late', 150)),
]);
let now = 0;
const several = await trackSending(() => now, async () => {
	now = 100;
	await get('/first');
	now = 200;
	await get('/second');
	now = 300;
});
const heard = [];
const told = await trackSending(Date.now, async () => await get('/told'), (at) => heard.push({ at, heardAt: Date.now() }));
server.close();
console.log(JSON.stringify({ started, one, arrivals, early: early.sentAtMs, late: late.sentAtMs, several: several.sentAtMs, told, heard }));
`;

describe('trackSending', () => {
	it('says when each attempt’s requests left, in the clock it is given, overlapping attempts apart, and tells as soon as one leaves', () => {
		const child = spawnSync(
			process.execPath,
			['--no-warnings', '--input-type=module', '-e', CHILD],
			{
				encoding: 'utf8',
				timeout: 60_000,
			},
		);
		expect(child.stderr).toBe('');
		const r = JSON.parse(child.stdout) as {
			started: number;
			one: { result: number; sentAtMs: number };
			arrivals: Record<string, number>;
			early: number;
			late: number;
			several: number;
			told: { result: number; sentAtMs: number };
			heard: Array<{ at: number; heardAt: number }>;
		};
		// After the call started, no later than the server saw it, well before the answer (30 ms after arrival).
		expect(r.one.sentAtMs).toBeGreaterThanOrEqual(r.started);
		expect(r.one.sentAtMs).toBeLessThanOrEqual(r.arrivals['/one']);
		expect(r.one.result - r.one.sentAtMs).toBeGreaterThanOrEqual(25);
		// Two attempts at once: each learns its own (the late one left 150 ms after the early one).
		expect(r.late - r.early).toBeGreaterThanOrEqual(140);
		// Several requests in one attempt: the last to leave, read from the attempt's own clock.
		expect(r.several).toBe(200);
		// Told as soon as it left, once, with the moment it returns, before the answer (30 ms after arrival).
		expect(r.heard.map((h) => h.at)).toEqual([r.told.sentAtMs]);
		expect(r.heard[0].heardAt).toBeLessThanOrEqual(r.arrivals['/told']);
		expect(r.told.result - r.heard[0].heardAt).toBeGreaterThanOrEqual(25);
	});

	it('knows nothing when nothing went through node:http', async () => {
		expect(await trackSending(Date.now, async () => 42)).toEqual({ result: 42 });
	});
});
