/**
 * Issue 10 items 7 and 8, issue 11 items 2 and 3, inside real workflows on virtual time: absurd rate-limit
 * answers, rate limits told apart from missing permissions, what the error says when the engine stops
 * waiting, how errors read (two sentences; request, request id and attempts in the details), and hosts
 * that were never reached.
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { ApiConnGithubApi } from '../../credentials/ApiConnGithubApi.credentials';
import { ApiConnGithubOAuth2Api } from '../../credentials/ApiConnGithubOAuth2Api.credentials';
import { ApiConnStripeApi } from '../../credentials/ApiConnStripeApi.credentials';
import { useRuntime } from '../../lib/runtime';
import { Github } from '../../nodes/Github/Github.node';
import { Stripe } from '../../nodes/Stripe/Stripe.node';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, type RunNodeResult } from '../harness';

const GITHUB = 'https://api.github.com';
const STRIPE = 'https://api.stripe.com';
const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const KEY = 'sk_test_51AbCdEfGhIjKlMnOpQrStUv';
const T0 = Date.parse('2026-11-29T09:00:00Z');
const HOUR = 3_600_000;
const repo = { id: 1296269, name: 'n8n', full_name: 'n8n-io/n8n' };
const getRepo: INodeParameters = {
	resource: 'repository',
	operation: 'get',
	owner: 'n8n-io',
	repo: 'n8n',
};
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

const drive = (run: Promise<RunNodeResult>) => driveClock(clock, run);

function github(parameters: INodeParameters = getRepo) {
	return drive(
		runNode({
			nodeTypes: [new Github()],
			credentialTypes: [new ApiConnGithubApi(), new ApiConnGithubOAuth2Api()],
			credentials: { apiConnGithubApi: { server: GITHUB, accessToken: TOKEN } },
			node: { type: 'github', parameters },
		}),
	);
}

function stripe(parameters: INodeParameters) {
	return drive(
		runNode({
			nodeTypes: [new Stripe()],
			credentialTypes: [new ApiConnStripeApi()],
			credentials: { apiConnStripeApi: { secretKey: KEY } },
			node: { type: 'stripe', parameters },
		}),
	);
}

/** Every request GitHub gets, with the time it arrived. */
function githubAnswers(
	...replies: Array<[number, unknown, Record<string, string>?]>
): Array<{ path: string; at: number; auth: unknown }> {
	const seen: Array<{ path: string; at: number; auth: unknown }> = [];
	let scope = nock(GITHUB);
	for (const [status, body, headers] of replies) {
		scope = scope.get('/repos/n8n-io/n8n').reply(function () {
			seen.push({ path: this.req.path, at: clock.now(), auth: this.req.headers.authorization });
			return [
				status,
				body as nock.Body,
				{
					'content-type': 'application/json',
					'x-github-request-id': `C0DE:${seen.length}`,
					...(headers ?? {}),
				},
			];
		});
	}
	return seen;
}

/** A description reads as one paragraph of at most two sentences (a cause and a fix). */
function expectTwoSentences(description: string | null | undefined) {
	expect(description).toBeDefined();
	expect(description).not.toMatch(/\n/);
	expect(description).not.toMatch(/^(Cause|Fix|Request|Attempts):/m);
	expect((description ?? '').split(/(?<=[.!?])\s+(?=[A-Z])/).length).toBeLessThanOrEqual(2);
}

describe('absurd rate-limit answers (issue 10.7)', () => {
	it('Retry-After: 1000000000 stops at once, says how long was asked, and the connection works again an hour later', async () => {
		const seen = githubAnswers(
			[429, { message: 'API rate limit exceeded' }, { 'retry-after': '1000000000' }],
			[200, repo],
		);
		const first = await github();
		expect(seen.map((s) => [s.path, s.at, s.auth])).toEqual([
			['/repos/n8n-io/n8n', T0, `Bearer ${TOKEN}`],
		]);
		expect(first.error?.message).toBe('GitHub: 429 Too Many Requests – API rate limit exceeded');
		expect(first.error?.description).toBe(
			"GitHub is rate limiting this connection (HTTP 429) and asked to wait 11574 days (Retry-After), more than the 65 min a node waits at most when 'Max Total Wait (Seconds)' is left empty (the ceiling N8N_API_CONNECTIONS_MAX_WAIT_SECONDS), so the node stopped. " +
				'Run the workflow again after 2026-11-29T10:00:00Z, when this connection sends to GitHub again (a pause asked by the server is held at most 60 min).',
		);
		expect(first.error).toMatchObject({
			failure: {
				cause: 'rate-limited',
				retryAfterMs: 1_000_000_000_000,
				resetsAtEpochMs: T0 + 1_000_000_000_000,
			},
		});
		expect(clock.now()).toBe(T0);

		// An hour later the server is healthy again: the request is sent and succeeds.
		await clock.advance(HOUR);
		const later = await github();
		expect(later.error).toBeUndefined();
		expect(later.outputs[0].map((i) => i.json)).toEqual([repo]);
		expect(seen.map((s) => s.at)).toEqual([T0, T0 + HOUR]);
	});

	it('within that hour, with the wait options left empty, the next run waits for the pause to end and sends once', async () => {
		const seen = githubAnswers(
			[
				429,
				{ message: 'API rate limit exceeded' },
				{ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' },
			],
			[200, repo],
		);
		await github();
		await clock.advance(600_000);
		const res = await github();
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.at)).toEqual([T0, T0 + HOUR]);
		expect(res.outputs[0][0].waits).toMatchObject({
			waitedSeconds: 3000,
			events: [
				{
					wait: 'queue',
					seconds: 3000,
					reason: 'GitHub asked to pause this connection',
					at: '2026-11-29T09:10:00.000Z',
				},
			],
			limits: { maxQueueWaitFrom: 'service', pausedQueueWaitSeconds: 3900 },
		});
	});

	it('within that hour, with Max Queue Wait set to 300 s, the item fails fast, sends nothing, and names the real option', async () => {
		const seen = githubAnswers([
			429,
			{ message: 'API rate limit exceeded' },
			{ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' },
		]);
		await github();
		await clock.advance(600_000);
		const res = await github({ ...getRepo, options: { maxQueueWaitSeconds: 300 } });
		expect(seen).toHaveLength(1);
		expect(res.error?.message).toBe(
			"GitHub: rate limit, the wait is longer than 'Max Queue Wait (Seconds)' allows",
		);
		expect(res.error?.description).toBe(
			"GitHub asked to pause this connection until 2026-11-29T10:00:00Z (50 min from now), longer than 'Max Queue Wait (Seconds)' allows (300 s), so the request was not sent. " +
				"Run the workflow again after 2026-11-29T10:00:00Z, or raise 'Max Queue Wait (Seconds)' in the node options so the request waits for it.",
		);
		expect(res.error?.description).not.toMatch(/'Max Wait'/);
		expectTwoSentences(res.error?.description);
	});

	it('a reset sent in milliseconds where GitHub documents epoch seconds is recognised: 30 s, not the year 58000', async () => {
		const resetMs = String(T0 + 30_000);
		const seen = githubAnswers(
			[
				403,
				{ message: 'API rate limit exceeded for user ID 1.' },
				{ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetMs },
			],
			[200, repo],
		);
		const res = await github();
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.at)).toEqual([T0, T0 + 30_000]);
	});
});

describe('rate limits are told apart from missing permissions (issue 10.8)', () => {
	it("GitHub's primary-limit 403 with the reset 40 min away is a rate limit, not a missing permission", async () => {
		const reset = String((T0 + 40 * 60_000) / 1000);
		const seen = githubAnswers([
			403,
			{ message: 'API rate limit exceeded for user ID 1.' },
			{ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
		]);
		const res = await github({ ...getRepo, options: { maxTotalWaitSeconds: 300 } });
		expect(seen).toHaveLength(1);
		expect(res.error).toMatchObject({
			message: 'GitHub: 403 Forbidden – API rate limit exceeded for user ID 1.',
			httpCode: '403',
		});
		expect(res.error?.description).toBe(
			"GitHub is rate limiting this connection (HTTP 403) and asked to wait 40 min (until its limit resets), more than 'Max Total Wait (Seconds)' allows (300 s), so the node stopped after 1 attempt without waiting. " +
				"Run the workflow again after 2026-11-29T09:40:00Z, or raise 'Max Total Wait (Seconds)' in the node options to at least 2400 so the node waits for it.",
		);
		expect(res.error?.description).not.toMatch(/permission|scope/i);
		expect(res.error).toMatchObject({
			failure: { cause: 'rate-limited', retryAfterMs: 2_400_000, resetsAtEpochMs: T0 + 2_400_000 },
		});
	});

	it("GitHub's secondary-limit 403 (named in the body, no headers) is a rate limit too; the attempts are counted truthfully", async () => {
		const secondary = {
			message:
				'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
		};
		const seen = githubAnswers([403, secondary], [403, secondary], [403, secondary]);
		const res = await github();
		// GitHub's rule: at least a minute when the answer names no time (the policy's pauseMs), not an hour.
		expect(seen.map((s) => s.at)).toEqual([T0, T0 + 60_000, T0 + 120_000]);
		expect(res.error?.description).toBe(
			"GitHub is rate limiting this connection (HTTP 403): all 3 of 3 attempts were refused and 120 s of waiting. Raise 'Max Attempts' or 'Max Total Wait (Seconds)' in the node options, send fewer requests, or run the workflow later.",
		);
		expect(res.error?.context.request).toEqual({
			method: 'GET',
			endpoint: '/repos/{owner}/{repo}',
			connection: 'apiConnGithubApi account',
			requestId: 'C0DE:3',
			attempts: [
				`attempt 1 of 3: ${secondary.message} (rate limited (HTTP 403), the limit resets in 60 s); retried in 60 s`,
				`attempt 2 of 3: ${secondary.message} (rate limited (HTTP 403), the limit resets in 60 s); retried in 60 s`,
				`attempt 3 of 3: ${secondary.message} (rate limited (HTTP 403), the limit resets in 60 s; gave up after 3 of 3 attempts)`,
			],
		});
	});
});

describe('errors read as a short message, one cause and one fix (issue 11.2)', () => {
	it('the request, its id and a consistent attempt list are in the details, never in the description', async () => {
		githubAnswers(
			[503, { message: 'Service unavailable' }],
			[503, { message: 'Service unavailable' }],
			[503, { message: 'Service unavailable' }],
		);
		const res = await github();
		expect(res.error?.message).toBe('GitHub: 503 Service Unavailable – Service unavailable');
		expect(res.error?.description).toBe(
			"GitHub had an internal error (503); the request was tried 3 of 3 times. This is on GitHub's side: run the workflow again later, or check GitHub's status page if it persists.",
		);
		expectTwoSentences(res.error?.description);
		expect(res.error?.context.request).toEqual({
			method: 'GET',
			endpoint: '/repos/{owner}/{repo}',
			connection: 'apiConnGithubApi account',
			requestId: 'C0DE:3',
			attempts: [
				'attempt 1 of 3: Service unavailable (HTTP 503 (server error)); retried in 0.5 s',
				'attempt 2 of 3: Service unavailable (HTTP 503 (server error)); retried in 1 s',
				'attempt 3 of 3: Service unavailable (HTTP 503 (server error); gave up after 3 of 3 attempts)',
			],
		});
		// No workflow id, execution number or timestamp reaches the user.
		const shown = [
			res.error?.message,
			res.error?.description,
			...(res.error?.context.request as { attempts: string[] }).attempts,
		].join(' ');
		expect(shown).not.toMatch(/\[request |workflow \S+, execution|\d{4}-\d{2}-\d{2}T/);
	});

	it('a 403 that is a missing permission still says so, in two sentences', async () => {
		githubAnswers([
			403,
			{ message: 'Resource not accessible by personal access token' },
			{ 'x-ratelimit-remaining': '4990', 'x-accepted-oauth-scopes': 'repo' },
		]);
		const res = await github();
		expect(res.error?.description).toBe(
			"GitHub refused the permission: this operation needs the permission repo, which the connection lacks, or the account has no access to this resource. Reconnect the credential 'apiConnGithubApi account' granting repo, and check that the account can access this resource.",
		);
	});
});

describe('a request that never left the machine says so and gives the network fix (issue 11.3)', () => {
	const create: INodeParameters = {
		resource: 'customer',
		operation: 'create',
		additionalFields: { email: 'jenny@example.com' },
	};
	const fail = (code: string, message: string) =>
		nock(STRIPE)
			.post('/v1/customers')
			.times(3)
			.replyWithError(Object.assign(new Error(message), { code }));

	it('host not found: no "may have taken effect", DNS and proxy named', async () => {
		fail('ENOTFOUND', 'getaddrinfo ENOTFOUND api.stripe.com');
		const res = await stripe(create);
		expect(res.error?.message).toBe('Stripe: could not connect (host not found)');
		expect(res.error?.description).toBe(
			"The request never left the n8n server: the host name 'api.stripe.com' could not be resolved (ENOTFOUND) on all 3 attempts, so nothing reached Stripe. " +
				'Check the host name in the base URL and the DNS settings of the n8n server (and its proxy, if it uses one), then run the workflow again.',
		);
		expect(res.error?.description).not.toMatch(/taken effect|may have reached/);
		expect((res.error?.context.request as { attempts: string[] }).attempts).toEqual([
			'attempt 1 of 3: network error (ENOTFOUND); retried in 0.5 s',
			'attempt 2 of 3: network error (ENOTFOUND); retried in 1 s',
			'attempt 3 of 3: network error (ENOTFOUND); gave up after 3 of 3 attempts',
		]);
	});

	it('connection refused: firewall and proxy named', async () => {
		fail('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443');
		const res = await stripe(create);
		expect(res.error?.message).toBe('Stripe: could not connect (connection refused)');
		expect(res.error?.description).toBe(
			'The request never left the n8n server: the connection to api.stripe.com was refused (ECONNREFUSED) on all 3 attempts, so nothing reached Stripe. ' +
				'Check the host and port, and that no firewall or proxy stops the n8n server from reaching them, then run the workflow again.',
		);
	});

	it('a certificate error: not retried, the certificate and TLS proxies named', async () => {
		nock(STRIPE)
			.post('/v1/customers')
			.once()
			.replyWithError(
				Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }),
			);
		const res = await stripe(create);
		expect(res.error?.message).toBe('Stripe: could not connect (secure connection failed)');
		expect(res.error?.description).toBe(
			'The request never left the n8n server: the secure (TLS) connection to api.stripe.com could not be set up (CERT_HAS_EXPIRED), so nothing reached Stripe. ' +
				"Check the server's certificate and the n8n server's clock, or the proxy that intercepts TLS (n8n must trust its CA), then run the workflow again.",
		);
	});

	it('a reset after sending still warns that the write may have taken effect', async () => {
		fail('ECONNRESET', 'socket hang up');
		const res = await stripe(create);
		expect(res.error?.message).toBe('Stripe: no answer from the server (connection reset)');
		expect(res.error?.description).toBe(
			'Stripe did not answer from api.stripe.com: connection reset (ECONNRESET) on all 3 attempts. ' +
				'The request may have reached Stripe and taken effect before the connection failed: check in Stripe before running it again, so it is not done twice.',
		);
	});
});
