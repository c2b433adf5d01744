/**
 * Webhook registrations that expire unless renewed (`WebhookSpec.renewal`): activation renews one that is due, and
 * while the workflow is active this process renews it every `everyMs` (a timer that does not keep the process
 * alive; a restart activates the workflow again, which renews it when due). A failed renewal is logged and tried
 * again in an hour. Nothing here knows a service: the spec names the renewal hook.
 */
import type { IHookFunctions } from 'n8n-workflow';

/** How soon a failed renewal is tried again. */
export const RENEWAL_RETRY_MS = 60 * 60 * 1000;
/** The longest delay a timer can wait (Node clamps longer ones to 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

const timers = new Map<string, NodeJS.Timeout>();

/** Which registration a timer renews: the workflow, the node and whether it is the test or production hook. */
export function renewalKey(fn: IHookFunctions, slot: string): string {
	const node = fn.getNode();
	return [fn.getWorkflow().id ?? '', node.id ?? node.name, slot].join(':');
}

/** Renews `renew()` after `delayMs`, then every `everyMs` (an hour after a failure), until `disarmRenewal`. */
export function armRenewal(
	key: string,
	delayMs: number,
	everyMs: number,
	renew: () => Promise<void>,
	onError: (error: unknown) => void,
): void {
	disarmRenewal(key);
	const timer = setTimeout(
		() => {
			timers.delete(key);
			renew().then(
				() => armRenewal(key, everyMs, everyMs, renew, onError),
				(error: unknown) => {
					onError(error);
					armRenewal(key, RENEWAL_RETRY_MS, everyMs, renew, onError);
				},
			);
		},
		Math.min(Math.max(0, delayMs), MAX_TIMER_MS),
	);
	timer.unref?.();
	timers.set(key, timer);
}

export function disarmRenewal(key: string): void {
	const timer = timers.get(key);
	if (timer) clearTimeout(timer);
	timers.delete(key);
}

/** Whether a timer is armed for this registration (tests, and the lifecycle's own checks). */
export function renewalArmed(key: string): boolean {
	return timers.has(key);
}
