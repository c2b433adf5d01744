/**
 * The renewal timer of expiring webhook registrations (lib/triggers/renewal.ts): it renews after the first delay,
 * then every interval, an hour after a failure, never after it is disarmed, and never keeps the process alive.
 */
import {
	armRenewal,
	disarmRenewal,
	renewalArmed,
	RENEWAL_RETRY_MS,
} from '../../../lib/triggers/renewal';

const DAY = 24 * 3600 * 1000;

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

async function advance(ms: number): Promise<void> {
	await jest.advanceTimersByTimeAsync(ms);
}

describe('webhook renewal timer', () => {
	it('renews after the first delay, then every interval; disarming stops it', async () => {
		const renew = jest.fn(async () => {});
		const errors: unknown[] = [];
		armRenewal('wf:node:production', 2 * DAY, 7 * DAY, renew, (e) => errors.push(e));
		expect(renewalArmed('wf:node:production')).toBe(true);
		await advance(2 * DAY - 1);
		expect(renew).toHaveBeenCalledTimes(0);
		await advance(1);
		expect(renew).toHaveBeenCalledTimes(1);
		await advance(7 * DAY);
		expect(renew).toHaveBeenCalledTimes(2);
		disarmRenewal('wf:node:production');
		expect(renewalArmed('wf:node:production')).toBe(false);
		await advance(30 * DAY);
		expect(renew).toHaveBeenCalledTimes(2);
		expect(errors).toEqual([]);
	});

	it('a failed renewal is reported and tried again an hour later, then the interval resumes', async () => {
		let calls = 0;
		const renew = jest.fn(async () => {
			calls++;
			if (calls === 1) throw new Error('Jira: 503 Service Unavailable');
		});
		const errors: string[] = [];
		armRenewal('wf:node:production', 0, 7 * DAY, renew, (e) => errors.push((e as Error).message));
		await advance(0);
		expect(errors).toEqual(['Jira: 503 Service Unavailable']);
		await advance(RENEWAL_RETRY_MS);
		expect(renew).toHaveBeenCalledTimes(2);
		await advance(7 * DAY);
		expect(renew).toHaveBeenCalledTimes(3);
		disarmRenewal('wf:node:production');
	});

	it('arming again replaces the timer (one renewal per registration); the timer does not hold the process', () => {
		const renew = jest.fn(async () => {});
		armRenewal('k', DAY, DAY, renew, () => {});
		armRenewal('k', DAY, DAY, renew, () => {});
		expect(jest.getTimerCount()).toBe(1);
		disarmRenewal('k');
		const timer = setTimeout(() => {}, 10);
		expect(typeof timer.unref).toBe('function');
		clearTimeout(timer);
	});
});
