/**
 * When a request left this process: the moment its last byte was handed to the network (the `finish` of Node's
 * `ClientRequest`). n8n-core's HTTP client (axios over node:http) creates the request in the caller's async
 * context, where Node's `http.client.request.created` diagnostics channel sees it, so an attempt run inside
 * `trackSending` learns when what it sent left, without touching n8n's helpers.
 *
 * The rate limiter uses it to place an answered request in its sliding log (`lib/limits/store.ts`): the server
 * counts a request when it arrives, and a busy process can send one long after its grant (the 25th of a batch
 * leaving at once). Requests sent another way (no `ClientRequest`) leave it unknown; the answer then stands in.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';

interface Sending {
	now: () => number;
	sentAtMs?: number;
	onSent?: (atMs: number) => void;
}

const sending = new AsyncLocalStorage<Sending>();
let listening = false;

interface Finishable {
	once(event: 'finish', listener: () => void): unknown;
}

function listen(): void {
	if (listening) return;
	listening = true;
	subscribe('http.client.request.created', (message) => {
		const record = sending.getStore();
		const request = (message as { request?: Partial<Finishable> } | undefined)?.request;
		if (!record || typeof request?.once !== 'function') return;
		// Several requests in one attempt (a token refresh first): the last to leave counts.
		request.once('finish', () => {
			const at = record.now();
			record.sentAtMs = Math.max(record.sentAtMs ?? at, at);
			record.onSent?.(record.sentAtMs);
		});
	});
}

/**
 * Runs `send` and says when the last request it made left this process (undefined when none was seen);
 * `onSent` hears of it as soon as it leaves, before the answer.
 */
export async function trackSending<T>(
	now: () => number,
	send: () => Promise<T>,
	onSent?: (atMs: number) => void,
): Promise<{ result: T; sentAtMs?: number }> {
	listen();
	const record: Sending = { now, ...(onSent ? { onSent } : {}) };
	const result = await sending.run(record, send);
	return record.sentAtMs === undefined ? { result } : { result, sentAtMs: record.sentAtMs };
}
