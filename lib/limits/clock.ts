/** Time as the engine sees it: injected so that tests run on virtual time and never really wait. */
import { sleep } from 'n8n-workflow';

export interface Clock {
	/** Epoch milliseconds. */
	now(): number;
	/** Resolves after `ms`; rejects with the signal's reason if it is aborted first. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time: `Date.now` and n8n-workflow's abortable `sleep`. */
export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleep(Math.max(0, ms), signal),
};
