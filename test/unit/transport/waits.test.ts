/**
 * Default waits (issue 13 point 8): the limits that follow the service, and a long wait that n8n cancels
 * (stop, execution timeout) ends at once with nothing sent afterwards.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import type { RateLimitPolicy } from '../../../lib/limits/policy';
import { createRuntime } from '../../../lib/runtime';
import { DEFAULT_SETTINGS, send, type CallContext } from '../../../lib/transport/pipeline';
import { makeRedactor } from '../../../lib/transport/redact';
import { DEFAULT_WAIT_CEILING_MS, longestWindowMs, waitLimits } from '../../../lib/transport/waits';
import { flush, FakeClock } from '../../helpers/fake-clock';
import { fakeFn } from '../../helpers/fake-execute';

const HOUR = 3_600_000;
const C = DEFAULT_WAIT_CEILING_MS;
const hourly: RateLimitPolicy = { requests: 200, windowMs: HOUR };

describe('the limits of default waits', () => {
	it('the queue wait is the longest window (at least 300 s, at most the ceiling); pauses and the total get the ceiling', () => {
		expect(waitLimits({}, C, hourly, undefined)).toEqual({
			queueMs: HOUR,
			pausedQueueMs: C,
			totalMs: C,
			askedMs: C,
			queueFrom: 'service',
			totalFrom: 'service',
			windowMs: HOUR,
			ceilingMs: C,
		});
		expect(waitLimits({}, C, { requests: 25, windowMs: 1000 }, undefined).queueMs).toBe(300_000);
		expect(waitLimits({}, C, undefined, undefined).queueMs).toBe(300_000);
		expect(waitLimits({}, C, { requests: 1, windowMs: 86_400_000 }, undefined).queueMs).toBe(C);
		expect(waitLimits({}, 60_000, hourly, undefined)).toMatchObject({
			queueMs: 60_000,
			pausedQueueMs: 60_000,
			totalMs: 60_000,
		});
	});

	it('tiers, a cost bucket and your Max Requests window count as windows', () => {
		expect(
			longestWindowMs(
				{ requests: 10, windowMs: 1000, tiers: { slow: { requests: 1, windowMs: 1_800_000 } } },
				undefined,
			),
		).toBe(1_800_000);
		expect(
			longestWindowMs(
				{ requests: 0, windowMs: 0, cost: { maximum: 1000, restorePerSecond: 50 } },
				undefined,
			),
		).toBe(20_000);
		expect(longestWindowMs(undefined, { requests: 10, windowMs: 600_000 })).toBe(600_000);
		expect(waitLimits({}, C, undefined, { requests: 10, windowMs: 600_000 }).queueMs).toBe(600_000);
	});

	it('a value the user set wins and is not capped', () => {
		expect(
			waitLimits({ maxQueueWaitMs: 5000, maxTotalWaitMs: 7_200_000 }, C, hourly, undefined),
		).toEqual({
			queueMs: 5000,
			pausedQueueMs: 5000,
			totalMs: 7_200_000,
			queueFrom: 'option',
			totalFrom: 'option',
			windowMs: HOUR,
			ceilingMs: C,
		});
	});
});

describe('a long wait that n8n cancels', () => {
	function setup(rateLimit?: RateLimitPolicy) {
		const calls: IHttpRequestOptions[] = [];
		const controller = new AbortController();
		const fn = fakeFn(
			() => ({ statusCode: 429, headers: { 'retry-after': '3600' }, body: {} }),
			calls,
			{
				getExecutionCancelSignal: () => controller.signal,
			},
		);
		const clock = new FakeClock(Date.UTC(2026, 0, 1));
		const ctx: CallContext = {
			engine: createRuntime({ observers: [], clock, random: () => 0.5 }),
			fn,
			itemIndex: 0,
			service: { id: 'shop', displayName: 'Shop', ...(rateLimit ? { rateLimit } : {}) },
			redact: makeRedactor([]),
			settings: DEFAULT_SETTINGS,
		};
		return { calls, controller, clock, ctx };
	}
	const req = { method: 'GET' as const, baseUrl: 'https://shop.example.test', path: '/orders' };

	it.each([
		['without a declared budget (the retry sleeps)', undefined],
		['with a declared budget (the retry waits in the paused queue)', hourly],
	])('%s: the wait ends at once and nothing more is sent', async (_name, policy) => {
		const { calls, controller, clock, ctx } = setup(policy);
		const sent = send(ctx, req);
		const outcome = sent.then(
			() => 'answered',
			(error: unknown) => error,
		);
		await flush();
		expect(calls).toHaveLength(1);
		expect(clock.pending).toBeGreaterThan(0);
		controller.abort(new Error('The execution was cancelled'));
		await flush();
		expect(await outcome).toBeInstanceOf(Error);
		await clock.advance(2 * HOUR);
		expect(calls).toHaveLength(1);
	});
});
