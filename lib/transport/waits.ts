/**
 * How long a request may wait, and the record of every wait an item made.
 *
 * 'Max Queue Wait' and 'Max Total Wait' left empty follow the service: a request waits as long as the
 * service makes it wait — one of its rate-limit windows (declared, per tier, or the user's own 'Max Requests'
 * window), or the pause the server asks for (Retry-After, a reset time) — up to the operator's ceiling
 * (`N8N_API_CONNECTIONS_MAX_WAIT_SECONDS`). A value the user sets wins and is not capped.
 *
 * Every wait is noted per item and handed to the item's metadata (`item.waits`) with the limits applied.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RateLimitPolicy } from '../limits/policy';
import { formatDuration } from '../retry/duration';

/** The operator's setting that caps default waits. */
export const WAIT_CEILING_SETTING = 'N8N_API_CONNECTIONS_MAX_WAIT_SECONDS';
/** Default ceiling: an hour's window or the seed's `Retry-After: 3600`, with five minutes to spare. */
export const DEFAULT_WAIT_CEILING_MS = 3_900_000;
/** No service waits less than the former fixed default, so short-window services fail no sooner than before. */
export const WAIT_FLOOR_MS = 300_000;

/** The user's own throttle ('Max Requests' per 'Per Window (Seconds)'), kept per connection. */
export interface UserThrottle {
	requests: number;
	windowMs: number;
}

/** The wait limits that apply to one request, and where they come from. */
export interface WaitLimits {
	/** A wait in the rate-limit queue for the budget (a window, a concurrency slot). */
	queueMs: number;
	/** A wait in the queue while the server has paused the connection (Retry-After, a reset, a regain time). */
	pausedQueueMs: number;
	/** All waits of one request together ('Max Total Wait'). */
	totalMs: number;
	/** Default waits only: a wait the server asks for beyond this stops the request at once. */
	askedMs?: number;
	queueFrom: 'option' | 'service';
	totalFrom: 'option' | 'service';
	/** The longest window the request counts against (0: none declared). */
	windowMs: number;
	ceilingMs: number;
}

/** The longest window of a policy: its own, its tiers', a cost bucket's refill time, and the user's throttle. */
export function longestWindowMs(
	policy: RateLimitPolicy | undefined,
	throttle: UserThrottle | undefined,
): number {
	const windows = [throttle?.windowMs ?? 0];
	// A limit still to be learnt (no declared one) has no window of its own.
	if (policy && !policy.learn) {
		windows.push(
			policy.cost
				? Math.ceil((policy.cost.maximum / policy.cost.restorePerSecond) * 1000)
				: policy.windowMs,
		);
		for (const tier of Object.values(policy.tiers ?? {})) windows.push(tier.windowMs);
	}
	return Math.max(...windows.filter((w) => Number.isFinite(w) && w > 0), 0);
}

/** The limits of one request: the user's values where set, else the service's windows and asks up to the ceiling. */
export function waitLimits(
	user: { maxQueueWaitMs?: number; maxTotalWaitMs?: number },
	ceilingMs: number,
	policy: RateLimitPolicy | undefined,
	throttle: UserThrottle | undefined,
): WaitLimits {
	const windowMs = longestWindowMs(policy, throttle);
	const serviceQueueMs = Math.min(ceilingMs, Math.max(WAIT_FLOOR_MS, windowMs));
	const queueMs = user.maxQueueWaitMs ?? serviceQueueMs;
	return {
		queueMs,
		pausedQueueMs: user.maxQueueWaitMs ?? ceilingMs,
		totalMs: user.maxTotalWaitMs ?? ceilingMs,
		...(user.maxTotalWaitMs === undefined ? { askedMs: ceilingMs } : {}),
		queueFrom: user.maxQueueWaitMs === undefined ? 'service' : 'option',
		totalFrom: user.maxTotalWaitMs === undefined ? 'service' : 'option',
		windowMs,
		ceilingMs,
	};
}

/** What a default limit follows, for an error: `follows <the window> and the waits <service> asks for, up to <ceiling> (<setting>)`. */
export function defaultWaitText(limits: WaitLimits, service: string): string {
	const window =
		limits.windowMs > 0
			? `${service}'s rate-limit window (${formatDuration(limits.windowMs)})`
			: '';
	const ceiling = `up to ${formatDuration(limits.ceilingMs)} (${WAIT_CEILING_SETTING})`;
	return `follows ${window ? `${window} and ` : ''}the waits ${service} asks for, ${ceiling}`;
}

/** Cause and fix when a server asks for a wait beyond the ceiling of default waits (`limited`: who throttles, how). */
export function askedBeyondCeiling(
	limits: WaitLimits,
	limited: string,
	asked: string,
	untilIso: string,
	askedMs: number,
): { cause: string; fix: string } {
	const ceiling = formatDuration(limits.ceilingMs);
	return {
		cause: `${limited} and asked to wait ${asked}, more than the ${ceiling} a node waits at most when 'Max Total Wait (Seconds)' is left empty (the ceiling ${WAIT_CEILING_SETTING}), so the node stopped.`,
		fix: `Run the workflow again after ${untilIso}, or set 'Max Total Wait (Seconds)' and 'Max Queue Wait (Seconds)' in the node options to at least ${Math.ceil(askedMs / 1000)} (a value set there is not capped), or have the n8n operator raise ${WAIT_CEILING_SETTING}.`,
	};
}

/** One wait of an item, as its metadata shows it. */
export interface WaitEvent {
	/** `queue`: in the rate-limit queue; `retry`: before another attempt (a throttled one is spent in the queue). */
	wait: 'queue' | 'retry';
	/** How long: waited (queue), or planned (retry). */
	seconds: number;
	reason: string;
	/** When the wait began. */
	at: string;
}

interface ItemWaits {
	waitedMs: number;
	limits: WaitLimits;
	events: WaitEvent[];
}

/** Per node run (its n8n functions object), per item: the waits not yet reported. */
const pending = new WeakMap<object, Map<number, ItemWaits>>();

/** Events kept per item, so a long paginated run cannot grow the metadata without bound. */
const MAX_EVENTS = 50;

/** Notes a wait of item `itemIndex`; `addedMs` is what it adds to the item's time spent waiting. */
export function noteWait(
	fn: object,
	itemIndex: number,
	limits: WaitLimits,
	event: WaitEvent,
	addedMs: number,
): void {
	let items = pending.get(fn);
	if (!items) pending.set(fn, (items = new Map()));
	const item = items.get(itemIndex) ?? { waitedMs: 0, limits, events: [] };
	items.set(itemIndex, item);
	item.waitedMs += addedMs;
	item.limits = limits;
	if (item.events.length < MAX_EVENTS) item.events.push(event);
}

const seconds = (ms: number) => Math.round(ms) / 1000;

/** The item's waits for its metadata (`item.waits`), once; undefined when it did not wait. */
export function takeWaits(fn: object, itemIndex: number): IDataObject | undefined {
	const items = pending.get(fn);
	const item = items?.get(itemIndex);
	if (!item) return undefined;
	items!.delete(itemIndex);
	const l = item.limits;
	return {
		waitedSeconds: seconds(item.waitedMs),
		events: item.events.map((e) => ({ ...e })),
		limits: {
			maxQueueWaitSeconds: seconds(l.queueMs),
			maxQueueWaitFrom: l.queueFrom,
			pausedQueueWaitSeconds: seconds(l.pausedQueueMs),
			maxTotalWaitSeconds: seconds(l.totalMs),
			maxTotalWaitFrom: l.totalFrom,
			serviceWindowSeconds: seconds(l.windowMs),
			ceilingSeconds: seconds(l.ceilingMs),
			ceilingSetting: WAIT_CEILING_SETTING,
		},
	};
}
