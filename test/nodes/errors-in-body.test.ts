/**
 * Errors a service reports inside an HTTP 200 answer (`errorsInBody`), inside real workflows on virtual
 * time: they fail the item with the spec's cause and fix, are retried or not by their kind, and reach the
 * observers (usage, logs) as failures. The fake answers as chat APIs of this shape document:
 * `{ ok: false, error: '<code>' }` with HTTP 200, `needed`/`provided` on a missing scope.
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { useRuntime } from '../../lib/runtime';
import type { AttemptResult, RequestObserver } from '../../lib/transport/observer';
import type { ErrorLogEntry } from '../../lib/retry/error-log';
import { validateService } from '../../lib/spec/schema';
import { Chatdesk, ChatdeskApi, CHATDESK_BASE, chatdesk } from '../fixtures/chatdesk';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, type RunNodeOptions } from '../harness';

const TOKEN = 'xoxb-1111-2222-abcdefghijklmnop';
const T0 = Date.parse('2026-11-29T09:00:00Z');
let clock: FakeClock;
let attempts: AttemptResult[];
let logs: ErrorLogEntry[];

const recorder: RequestObserver = {
	afterAttempt: (_event, result) => void attempts.push(result),
	onLog: (_event, entry) => void logs.push(entry),
};

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock(T0);
	attempts = [];
	logs = [];
	useRuntime({ clock, random: () => 0.5, observers: [recorder] });
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

const post: INodeParameters = {
	resource: 'message',
	operation: 'post',
	channel: 'C024BE91L',
	text: 'Hello',
};

function run(parameters: INodeParameters, extra: Partial<RunNodeOptions['node']> = {}) {
	return driveClock(
		clock,
		runNode({
			nodeTypes: [new Chatdesk()],
			credentialTypes: [new ChatdeskApi()],
			credentials: { chatdeskApi: { accessToken: TOKEN } },
			node: { type: 'chatdesk', parameters, ...extra },
		}),
	);
}

/** Every request the fake gets: method, path, body, auth and the time it arrived. */
function answers(path: string, ...replies: Array<[unknown, Record<string, string>?]>) {
	const seen: Array<{ at: number; body: unknown; auth: unknown }> = [];
	let scope = nock(CHATDESK_BASE);
	for (const [body, headers] of replies) {
		scope = scope.post(path).reply(function (_uri, requestBody) {
			seen.push({ at: clock.now(), body: requestBody, auth: this.req.headers.authorization });
			return [200, body as nock.Body, { 'content-type': 'application/json', ...(headers ?? {}) }];
		});
	}
	return seen;
}

it('the fixture spec is valid', () => {
	expect(validateService(chatdesk)).toEqual([]);
});

it('{ ok: false, error: "not_in_channel" } fails the item once, with the code, the cause and the fix', async () => {
	const seen = answers('/chat.postMessage', [{ ok: false, error: 'not_in_channel' }]);
	const res = await run(post);
	expect(seen).toEqual([
		{ at: T0, body: { channel: 'C024BE91L', text: 'Hello' }, auth: `Bearer ${TOKEN}` },
	]);
	expect(res.error).toMatchObject({
		message: 'Chatdesk: not_in_channel',
		description:
			'Chatdesk refused to post: the app is not a member of the channel. Invite the app to the channel (type /invite @YourApp in it), then run the workflow again.',
		httpCode: '200',
	});
	expect(res.error?.context?.request).toMatchObject({
		method: 'POST',
		endpoint: '/chat.postMessage',
		attempts: [expect.stringContaining('not_in_channel reported in an HTTP 200 answer')],
	});
	// The observers (usage statistics, error log) see a failure, not a success.
	expect(attempts).toEqual([{ status: 200, ok: false, durationMs: 0 }]);
	expect(logs.map((l) => [l.kind, l.status, l.message])).toEqual([
		[
			'final',
			200,
			'not_in_channel reported in an HTTP 200 answer: sending the same request again cannot succeed',
		],
	]);
});

it('the error output carries the same message and fix for that item', async () => {
	answers('/chat.postMessage', [{ ok: false, error: 'not_in_channel' }]);
	const res = await run(post, { onError: 'continueErrorOutput' });
	expect(res.outputs[0]).toEqual([]);
	expect(res.outputs[1]).toEqual([
		{
			json: {
				error: 'Chatdesk: not_in_channel',
				details:
					'Chatdesk refused to post: the app is not a member of the channel. Invite the app to the channel (type /invite @YourApp in it), then run the workflow again.',
			},
			pairedItem: { item: 0 },
		},
	]);
});

it('missing_scope names the scope the answer says is needed, and is not retried', async () => {
	const seen = answers('/chat.postMessage', [
		{
			ok: false,
			error: 'missing_scope',
			needed: 'chat:write',
			provided: 'channels:read,users:read',
		},
	]);
	const res = await run(post);
	expect(seen).toHaveLength(1);
	expect(res.error).toMatchObject({
		message: 'Chatdesk: missing_scope',
		description:
			"The connection lacks the scope 'chat:write' this method needs (it has: channels:read,users:read). Add 'chat:write' to the app's scopes and reconnect the credential 'chatdeskApi account'.",
	});
	expect(logs.map((l) => l.message)).toEqual([
		'missing_scope reported in an HTTP 200 answer: the credentials were rejected; reconnect the credential',
	]);
});

it('a revoked token (a code with no sentences of its own) reads as a rejected credential to reconnect', async () => {
	answers('/chat.postMessage', [{ ok: false, error: 'token_revoked' }]);
	const res = await run(post);
	expect(res.error).toMatchObject({
		message: 'Chatdesk: token_revoked',
		description:
			"Chatdesk answered 200 but reported the error 'token_revoked': the token or key was rejected (invalid, expired or revoked). Reconnect the credential 'chatdeskApi account' (open it in n8n and sign in again, or paste a new key), then run the workflow again.",
	});
});

it('ratelimited in a 200 answer waits what Retry-After asks and sends again (even a POST: it was refused)', async () => {
	const seen = answers(
		'/chat.postMessage',
		[{ ok: false, error: 'ratelimited' }, { 'retry-after': '30' }],
		[{ ok: true, channel: 'C024BE91L', ts: '1503435956.000247' }],
	);
	const res = await run(post);
	expect(res.error).toBeUndefined();
	expect(seen.map((s) => s.at)).toEqual([T0, T0 + 30_000]);
	expect(res.outputs[0].map((i) => i.json)).toEqual([
		{ ok: true, channel: 'C024BE91L', ts: '1503435956.000247' },
	]);
	expect(attempts.map((a) => [a.status, a.ok])).toEqual([
		[200, false],
		[200, true],
	]);
	expect(logs.map((l) => [l.kind, l.message, l.nextRetryInSeconds])).toEqual([
		[
			'retry',
			'rate limited (ratelimited reported in an HTTP 200 answer), Retry-After asks for 30 s',
			30,
		],
	]);
});

it('a temporary error in a 200 answer is retried where that is safe (a read), and gives up with its cause', async () => {
	const scope = nock(CHATDESK_BASE)
		.get('/conversations.history')
		.query({ channel: 'C1' })
		.times(3)
		.reply(200, { ok: false, error: 'internal_error' });
	const res = await run({ resource: 'conversation', operation: 'history', channel: 'C1' });
	expect(scope.isDone()).toBe(true);
	expect(res.error).toMatchObject({
		message: 'Chatdesk: internal_error',
		description:
			"Chatdesk answered 200 but reported the error 'internal_error', a temporary failure; the request was tried 3 of 3 times. This is on Chatdesk's side: run the workflow again later.",
	});
	expect(logs.map((l) => l.kind)).toEqual(['retry', 'retry', 'final']);
});

it('an answer with ok: true is data, whatever else it holds', async () => {
	nock(CHATDESK_BASE)
		.get('/conversations.history')
		.query({ channel: 'C1' })
		.reply(200, { ok: true, messages: [{ text: 'hi' }], error: 'ignored' });
	const res = await run({ resource: 'conversation', operation: 'history', channel: 'C1' });
	expect(res.error).toBeUndefined();
	expect(res.outputs[0].map((i) => i.json)).toEqual([
		{ ok: true, messages: [{ text: 'hi' }], error: 'ignored' },
	]);
});

it('a temporary error in the answer to a POST is not sent again (it reached the service), and says to check first', async () => {
	const seen = answers('/chat.postMessage', [{ ok: false, error: 'internal_error' }]);
	const res = await run(post);
	expect(seen).toHaveLength(1);
	expect(res.error).toMatchObject({
		message: 'Chatdesk: internal_error',
		description:
			"Chatdesk answered 200 but reported the error 'internal_error', a temporary failure, and the request was not sent again because POST is not idempotent and the request reached the server, so a retry could apply it twice. Check in Chatdesk whether the POST /chat.postMessage took effect before running the workflow again, so it is not done twice.",
	});
});

it('ratelimited asking a longer wait than the node allows stops at once, naming the code and the real option', async () => {
	const seen = answers('/chat.postMessage', [
		{ ok: false, error: 'ratelimited' },
		{ 'retry-after': '600' },
	]);
	const res = await run({ ...post, options: { maxTotalWaitSeconds: 300 } });
	expect(seen).toHaveLength(1);
	expect(res.error).toMatchObject({
		message: 'Chatdesk: ratelimited',
		description:
			"Chatdesk is rate limiting this connection (ratelimited in an HTTP 200 answer) and asked to wait 10 min (Retry-After), more than 'Max Total Wait (Seconds)' allows (300 s), so the node stopped after 1 attempt without waiting. Run the workflow again after 2026-11-29T09:10:00Z, or raise 'Max Total Wait (Seconds)' in the node options to at least 600 so the node waits for it.",
		failure: { cause: 'rate-limited', retryAfterMs: 600_000, resetsAtEpochMs: T0 + 600_000 },
	});
});

it('ratelimited asking 10 min with the wait options left empty: waited, sent again once, and the item succeeds', async () => {
	const seen = answers(
		'/chat.postMessage',
		[{ ok: false, error: 'ratelimited' }, { 'retry-after': '600' }],
		[{ ok: true, ts: '1.2' }],
	);
	const res = await run(post);
	expect(res.error).toBeUndefined();
	expect(seen.map((s) => s.at)).toEqual([T0, T0 + 600_000]);
	expect(res.outputs[0].map((i) => i.json)).toEqual([{ ok: true, ts: '1.2' }]);
});
