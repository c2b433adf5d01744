/**
 * Rate limits per operation tier and keyed by a resource (`rateLimit.tiers`, `OperationSpec.rateLimit`),
 * inside real workflows on virtual time: one budget per (connection, tier, key), shared by the items of a
 * run and by concurrent executions; two keys never block each other, one key queues.
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { useRuntime } from '../../lib/runtime';
import { Chatdesk, ChatdeskApi, CHATDESK_BASE } from '../fixtures/chatdesk';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, type RunNodeResult } from '../harness';

const TOKEN = 'xoxb-1111-2222-abcdefghijklmnop';
const OTHER_TOKEN = 'xoxb-3333-4444-qrstuvwxyzabcdef';
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

function start(
	parameters: INodeParameters,
	input: string[] = [],
	credential: { id: string; token: string } = { id: 'cred-1', token: TOKEN },
): Promise<RunNodeResult> {
	return runNode({
		nodeTypes: [new Chatdesk()],
		credentialTypes: [new ChatdeskApi()],
		credentials: { chatdeskApi: { accessToken: credential.token } },
		node: {
			type: 'chatdesk',
			parameters,
			credentials: { chatdeskApi: { id: credential.id, name: `Chatdesk ${credential.id}` } },
		},
		input: input.length ? input.map((channel) => ({ json: { channel } })) : undefined,
	});
}

const postTo: INodeParameters = {
	resource: 'message',
	operation: 'post',
	channel: '={{ $json.channel }}',
	text: 'Hello',
};

/** The fake records every message with its channel, its token and the time it arrived. */
function messages(times: number) {
	const seen: Array<{ channel: string; at: number; auth: string }> = [];
	nock(CHATDESK_BASE)
		.post('/chat.postMessage')
		.times(times)
		.reply(function (_uri, body) {
			const channel = (body as { channel: string }).channel;
			seen.push({ channel, at: clock.now(), auth: String(this.req.headers.authorization) });
			return [200, { ok: true, channel, ts: `${clock.now() / 1000}` }];
		});
	return seen;
}

const order = (seen: Array<{ channel: string; at: number }>) =>
	seen
		.map((s) => [s.at - T0, s.channel])
		.sort((a, b) => +a[0] - +b[0] || `${a[1]}`.localeCompare(`${b[1]}`));

it('per channel: two channels go at once, a second message to the same channel waits a second', async () => {
	const seen = messages(4);
	const res = await driveClock(clock, start(postTo, ['C1', 'C2', 'C1', 'C1']));
	expect(res.error).toBeUndefined();
	expect(order(seen)).toEqual([
		[0, 'C1'],
		[0, 'C2'],
		[1000, 'C1'],
		[2000, 'C1'],
	]);
	expect(res.outputs[0].map((i) => i.json.channel)).toEqual(['C1', 'C2', 'C1', 'C1']);
});

it('the budget of a channel is shared by concurrent executions on the same connection', async () => {
	const seen = messages(3);
	const runs = await driveClock(
		clock,
		Promise.all([start(postTo, ['C1']), start(postTo, ['C1']), start(postTo, ['C9'])]),
	);
	expect(runs.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
	expect(order(seen)).toEqual([
		[0, 'C1'],
		[0, 'C9'],
		[1000, 'C1'],
	]);
});

it('another connection has its own budgets for the same channel', async () => {
	const seen = messages(2);
	await driveClock(
		clock,
		Promise.all([
			start(postTo, ['C1']),
			start(postTo, ['C1'], { id: 'cred-2', token: OTHER_TOKEN }),
		]),
	);
	expect(seen.map((s) => [s.at - T0, s.auth]).sort()).toEqual([
		[0, `Bearer ${TOKEN}`],
		[0, `Bearer ${OTHER_TOKEN}`],
	]);
});

it('a tier paused by the server does not hold back another tier, nor the same tier for other keys', async () => {
	const runtime = useRuntime({ clock, random: () => 0.5, observers: [] });
	const seen: Array<[string, number]> = [];
	nock(CHATDESK_BASE)
		.get('/users.list')
		.reply(function () {
			seen.push(['users.list', clock.now() - T0]);
			return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '20' }];
		})
		.get('/users.list')
		.reply(function () {
			seen.push(['users.list', clock.now() - T0]);
			return [200, { ok: true, members: [] }];
		})
		.get('/conversations.history')
		.query(true)
		.reply(function (uri) {
			seen.push([uri, clock.now() - T0]);
			return [200, { ok: true, messages: [] }];
		});
	const postSeen = messages(1);
	const users = start({ resource: 'user', operation: 'getMany' });
	// Wait (in real time, the virtual clock standing still) until the server's 429 paused the users tier.
	const tier2 = { service: 'chatdesk', connection: 'chatdeskApi:cred-1', tier: 'tier2' };
	for (let i = 0; i < 2000; i++) {
		if ((await runtime.limiter.snapshot(tier2))?.budget?.pausedUntilMs === T0 + 20_000) break;
		await new Promise((r) => setTimeout(r, 2));
	}
	expect((await runtime.limiter.snapshot(tier2))?.budget?.pausedUntilMs).toBe(T0 + 20_000);
	// Meanwhile the tier3 history of C1 and a message to C1 go at once.
	const [history, posted] = await Promise.all([
		start({ resource: 'conversation', operation: 'history', channel: 'C1' }),
		start(postTo, ['C1']),
	]);
	expect([history.error, posted.error]).toEqual([undefined, undefined]);
	expect(postSeen.map((s) => s.at - T0)).toEqual([0]);
	// Then the users list is sent again when the pause ends.
	const done = await driveClock(clock, users);
	expect(done.error).toBeUndefined();
	expect(seen).toEqual([
		['users.list', 0],
		['/api/conversations.history?channel=C1', 0],
		['users.list', 20_000],
	]);
});

it('a message that would wait longer than the node allows for its channel fails at once, naming the channel', async () => {
	const seen = messages(1);
	const res = await driveClock(
		clock,
		runNode({
			nodeTypes: [new Chatdesk()],
			credentialTypes: [new ChatdeskApi()],
			credentials: { chatdeskApi: { accessToken: TOKEN } },
			node: {
				type: 'chatdesk',
				parameters: { ...postTo, options: { maxQueueWaitSeconds: 0 } },
				credentials: { chatdeskApi: { id: 'cred-1', name: 'Chatdesk cred-1' } },
				continueOnFail: true,
			},
			input: [{ json: { channel: 'C1' } }, { json: { channel: 'C1' } }],
		}),
	);
	expect(seen.map((s) => [s.at - T0, s.channel])).toEqual([[0, 'C1']]);
	expect(res.outputs[0][1].json).toEqual({
		error: "Chatdesk: rate limit, the wait is longer than 'Max Queue Wait (Seconds)' allows",
		description:
			"The request waited 0 s, all that 'Max Queue Wait (Seconds)' allows, for the Chatdesk rate limit for 'C1' (1 requests per 1 s) and was not sent; the window resets at 2026-11-29T09:00:01Z. Raise 'Max Queue Wait (Seconds)' in the node options, send fewer requests (for example lower 'Concurrent Items'), or run the workflow after 2026-11-29T09:00:01Z.",
	});
});
