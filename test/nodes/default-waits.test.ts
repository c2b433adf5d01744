/**
 * Issue 13 point 8: with 'Max Queue Wait' and 'Max Total Wait' left empty, waits follow the service — its
 * window, or the Retry-After the server asks for — up to the operator's ceiling
 * (N8N_API_CONNECTIONS_MAX_WAIT_SECONDS, default 65 min); a value the user sets wins. Every wait and the
 * limits applied are in the item's metadata (`item.waits`). Real workflows on virtual time.
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { ApiConnGithubApi } from '../../credentials/ApiConnGithubApi.credentials';
import { ApiConnGithubOAuth2Api } from '../../credentials/ApiConnGithubOAuth2Api.credentials';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { Github } from '../../nodes/Github/Github.node';
import { driveClock } from '../helpers/fake-clock';
import { onVirtualTime } from '../helpers/virtual-runtime';
import { runNode, type RunNodeResult } from '../harness';

const API = 'https://api.example.test';
const GITHUB = 'https://api.github.com';
const T0 = Date.parse('2026-11-29T09:00:00Z');
const HOUR = 3_600_000;
const vt = onVirtualTime(T0);

/** The operator set N8N_API_CONNECTIONS_MAX_WAIT_SECONDS. */
const withCeiling = (seconds: number) =>
	vt.restart({ env: { N8N_API_CONNECTIONS_MAX_WAIT_SECONDS: String(seconds), HOME: '/tmp' } });

const get = { authentication: 'none', baseUrl: API, method: 'GET', endpoint: '/posts' };

function custom(parameters: INodeParameters): Promise<RunNodeResult> {
	return driveClock(
		vt.clock,
		runNode({ nodeTypes: [new CustomApi()], node: { type: 'customApi', parameters } }),
	);
}

function github(): Promise<RunNodeResult> {
	return driveClock(
		vt.clock,
		runNode({
			nodeTypes: [new Github()],
			credentialTypes: [new ApiConnGithubApi(), new ApiConnGithubOAuth2Api()],
			credentials: { apiConnGithubApi: { server: GITHUB, accessToken: 'ghp_x' } },
			node: {
				type: 'github',
				parameters: { resource: 'repository', operation: 'get', owner: 'n8n-io', repo: 'n8n' },
			},
		}),
	);
}

/** The seed's 429 (api-connections.md, "Handling Rate Limit Errors"), then the answers given; returns arrival times. */
function seedServer(retryAfter: string, ...then: Array<[number, object]>): number[] {
	const at: number[] = [];
	let scope = nock(API)
		.get('/posts')
		.reply(function () {
			at.push(vt.clock.now());
			return [
				429,
				{ message: 'Too Many Requests' },
				{
					'x-ratelimit-limit': '200',
					'x-ratelimit-remaining': '0',
					'x-ratelimit-reset': String(Math.floor(T0 / 1000) + 3600),
					'retry-after': retryAfter,
				},
			];
		});
	for (const [status, body] of then)
		scope = scope.get('/posts').reply(function () {
			at.push(vt.clock.now());
			return [status, body];
		});
	return at;
}

const DEFAULT_LIMITS = {
	maxQueueWaitSeconds: 300,
	maxQueueWaitFrom: 'service',
	pausedQueueWaitSeconds: 3900,
	maxTotalWaitSeconds: 3900,
	maxTotalWaitFrom: 'service',
	serviceWindowSeconds: 0,
	ceilingSeconds: 3900,
	ceilingSetting: 'N8N_API_CONNECTIONS_MAX_WAIT_SECONDS',
};

/** The wait the seed's 429 (Retry-After: 3600 at T0) puts in the item's metadata. */
const SEED_RETRY = {
	wait: 'retry',
	seconds: 3600,
	reason: 'rate limited (HTTP 429), Retry-After asks for 60 min',
	at: '2026-11-29T09:00:00.000Z',
};

describe("the seed's example: 429 with Retry-After: 3600, no setting changed", () => {
	it('Custom API waits the hour, sends once more, and the item succeeds; the wait and the ceiling are in its metadata', async () => {
		const at = seedServer('3600', [200, { id: 'p1' }]);
		const res = await custom(get);
		expect(res.error).toBeUndefined();
		expect(at).toEqual([T0, T0 + HOUR]);
		expect(res.outputs[0]).toHaveLength(1);
		expect(res.outputs[0][0].json).toEqual({ id: 'p1' });
		// Custom API learns its limit from 429s, so the pause holds the whole connection: the hour is spent in its queue.
		expect(res.outputs[0][0].waits).toEqual({
			waitedSeconds: 3600,
			events: [
				SEED_RETRY,
				{
					wait: 'queue',
					seconds: 3600,
					reason: 'Custom API asked to pause this connection',
					at: '2026-11-29T09:00:00.000Z',
				},
			],
			limits: DEFAULT_LIMITS,
		});
	});

	it('GitHub (a declared hourly budget) waits the pause in its rate-limit queue and resumes after the hour', async () => {
		const seen: number[] = [];
		nock(GITHUB)
			.get('/repos/n8n-io/n8n')
			.reply(function () {
				seen.push(vt.clock.now());
				return [429, { message: 'API rate limit exceeded' }, { 'retry-after': '3600' }];
			})
			.get('/repos/n8n-io/n8n')
			.reply(function () {
				seen.push(vt.clock.now());
				return [200, { id: 1, full_name: 'n8n-io/n8n' }];
			});
		const res = await github();
		expect(res.error).toBeUndefined();
		expect(seen).toEqual([T0, T0 + HOUR]);
		expect(res.outputs[0][0].json).toEqual({ id: 1, full_name: 'n8n-io/n8n' });
		expect(res.outputs[0][0].waits).toEqual({
			waitedSeconds: 3600,
			events: [
				SEED_RETRY,
				{
					wait: 'queue',
					seconds: 3600,
					reason: 'GitHub asked to pause this connection',
					at: '2026-11-29T09:00:00.000Z',
				},
			],
			// GitHub's window is an hour: left empty, Max Queue Wait is that hour.
			limits: { ...DEFAULT_LIMITS, maxQueueWaitSeconds: 3600, serviceWindowSeconds: 3600 },
		});
	});

	it('an item that did not wait carries no wait metadata', async () => {
		nock(API).get('/posts').reply(200, { id: 'p1' });
		const res = await custom(get);
		expect(res.outputs[0][0].json).toEqual({ id: 'p1' });
		expect(res.outputs[0][0].waits).toBeUndefined();
	});
});

describe('the ceiling', () => {
	it('a Retry-After above the ceiling fails at once, naming the ceiling and the setting', async () => {
		const at = seedServer('7200');
		const res = await custom(get);
		expect(at).toEqual([T0]);
		expect(vt.clock.now()).toBe(T0);
		expect(res.error?.message).toBe('Custom API: 429 Too Many Requests – Too Many Requests');
		expect(res.error?.description).toBe(
			"Custom API is rate limiting this connection (HTTP 429) and asked to wait 2 h (Retry-After), more than the 65 min a node waits at most when 'Max Total Wait (Seconds)' is left empty (the ceiling N8N_API_CONNECTIONS_MAX_WAIT_SECONDS), so the node stopped. " +
				'Run the workflow again after 2026-11-29T10:00:00Z, when this connection sends to Custom API again (a pause asked by the server is held at most 60 min).',
		);
	});

	it.each([
		['2400', '40 min', '2026-11-29T09:40:00Z'],
		['3600', '60 min', '2026-11-29T10:00:00Z'],
	])(
		"the operator's N8N_API_CONNECTIONS_MAX_WAIT_SECONDS is the ceiling: at 1800 s a Retry-After of %s s fails, naming the fix",
		async (retryAfter, asked, until) => {
			withCeiling(1800);
			const at = seedServer(retryAfter);
			const res = await custom(get);
			expect(at).toEqual([T0]);
			expect(res.error?.description).toBe(
				`Custom API is rate limiting this connection (HTTP 429) and asked to wait ${asked} (Retry-After), more than the 30 min a node waits at most when 'Max Total Wait (Seconds)' is left empty (the ceiling N8N_API_CONNECTIONS_MAX_WAIT_SECONDS), so the node stopped. ` +
					`Run the workflow again after ${until}, or set 'Max Total Wait (Seconds)' and 'Max Queue Wait (Seconds)' in the node options to at least ${retryAfter} (a value set there is not capped), or have the n8n operator raise N8N_API_CONNECTIONS_MAX_WAIT_SECONDS.`,
			);
		},
	);

	it('a raised ceiling lets a 2 h Retry-After be waited (the server pause is cut to the 1 h pause ceiling, then retried)', async () => {
		withCeiling(10800);
		const at = seedServer('7200', [200, { id: 'p1' }]);
		const res = await custom(get);
		expect(res.error).toBeUndefined();
		expect(at).toEqual([T0, T0 + HOUR]);
		expect(res.outputs[0][0].waits).toMatchObject({
			waitedSeconds: 3600,
			limits: { ceilingSeconds: 10800, maxTotalWaitSeconds: 10800 },
		});
	});
});

describe('a queue wait past the default limit', () => {
	it('names what the limit followed and the ceiling', async () => {
		withCeiling(1800);
		const seen: number[] = [];
		nock(GITHUB)
			.get('/repos/n8n-io/n8n')
			.reply(function () {
				seen.push(vt.clock.now());
				return [429, { message: 'API rate limit exceeded' }, { 'retry-after': '3000' }];
			});
		const first = await github();
		expect(first.error?.description).toMatch(
			/asked to wait 50 min \(Retry-After\), more than the 30 min/,
		);
		// The connection is paused for 50 min: the next run's request waits at most the 30 min ceiling.
		const res = await github();
		expect(seen).toEqual([T0]);
		expect(res.error?.message).toBe(
			"GitHub: rate limit, the wait is longer than 'Max Queue Wait (Seconds)' allows",
		);
		expect(res.error?.description).toBe(
			"GitHub asked to pause this connection until 2026-11-29T09:50:00Z (50 min from now), longer than 'Max Queue Wait (Seconds)' allows (30 min), so the request was not sent. " +
				"(Left empty, 'Max Queue Wait (Seconds)' follows GitHub's rate-limit window (60 min) and the waits GitHub asks for, up to 30 min (N8N_API_CONNECTIONS_MAX_WAIT_SECONDS).) " +
				"Run the workflow again after 2026-11-29T09:50:00Z, or raise 'Max Queue Wait (Seconds)' in the node options so the request waits for it.",
		);
	});
});

describe('an explicit value wins', () => {
	it("'Max Total Wait (Seconds)' 60 refuses the seed's hour and names the option", async () => {
		const at = seedServer('3600');
		const res = await custom({ ...get, options: { maxTotalWaitSeconds: 60 } });
		expect(at).toEqual([T0]);
		expect(res.error?.description).toBe(
			"Custom API is rate limiting this connection (HTTP 429) and asked to wait 60 min (Retry-After), more than 'Max Total Wait (Seconds)' allows (60 s), so the node stopped after 1 attempt without waiting. " +
				"Run the workflow again after 2026-11-29T10:00:00Z, or raise 'Max Total Wait (Seconds)' in the node options to at least 3600 so the node waits for it.",
		);
	});

	it("'Max Total Wait (Seconds)' 7200 is not capped by the ceiling: a 2 h Retry-After is waited", async () => {
		const at = seedServer('7200', [200, { id: 'p1' }]);
		const res = await custom({ ...get, options: { maxTotalWaitSeconds: 7200 } });
		expect(res.error).toBeUndefined();
		expect(at).toEqual([T0, T0 + HOUR]);
		expect(res.outputs[0][0].waits).toMatchObject({
			limits: { maxTotalWaitSeconds: 7200, maxTotalWaitFrom: 'option' },
		});
	});
});
