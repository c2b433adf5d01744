/**
 * A chaos HTTP server on loopback for the fault suite. Per request it picks a fault by configured rates
 * (5xx, 429 with both Retry-After forms, connection resets before and after reading the body, no answer,
 * a slow body, malformed JSON) or answers normally, and records what it received and what it applied.
 *
 * Writes (POST) are applied like a real API that honours idempotency keys (Stripe's rule): the first
 * request with a key is applied and its answer stored; a later request with the same key gets the stored
 * answer again (`Idempotent-Replayed: true`) and is not applied again. So "applied" counts are the truth
 * about duplicate writes: per key they are at most 1 by construction, per item id they show whether the
 * client sent one item's write under two keys (or, without a key, twice).
 *
 * Fault choice is deterministic: a seeded PRNG keyed by (seed, method, item id, n-th request for that item),
 * so the same item meets the same faults whatever order concurrent workflows reach the server in.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultKind =
	| 'none'
	| 'http500'
	| 'http502'
	| 'http503'
	| 'retryAfterSeconds'
	| 'retryAfterDate'
	| 'resetBeforeBody'
	| 'resetAfterBody'
	| 'timeout'
	| 'slowBody'
	| 'malformedJson';

export const FAULT_KINDS: readonly FaultKind[] = [
	'none',
	'http500',
	'http502',
	'http503',
	'retryAfterSeconds',
	'retryAfterDate',
	'resetBeforeBody',
	'resetAfterBody',
	'timeout',
	'slowBody',
	'malformedJson',
];

/** Probability per request of each fault family (the rest is answered normally). */
export interface ChaosRates {
	/** 500, 502 or 503, evenly. */
	serverError: number;
	/** 429, half with `Retry-After: <seconds>`, half with an HTTP-date. */
	throttle: number;
	/** Connection destroyed, half before reading the body, half after (the write was applied). */
	reset: number;
	/** Never answered (a write is applied first: the answer is what gets lost). */
	timeout: number;
	/** A valid JSON body dripped in chunks. */
	slowBody: number;
	/** 200, `content-type: application/json`, the body cut in half. */
	malformedJson: number;
}

export const DEFAULT_RATES: ChaosRates = {
	serverError: 0.2,
	throttle: 0.1,
	reset: 0.05,
	timeout: 0.02,
	slowBody: 0.02,
	malformedJson: 0.01,
};

export interface ChaosOptions {
	seed?: number;
	rates?: Partial<ChaosRates>;
	/** `Retry-After` range in seconds (whole seconds, min..max). Default 0..1. */
	minRetryAfterSeconds?: number;
	maxRetryAfterSeconds?: number;
	/** Chunks and gap of a slow body. Default 5 chunks, 20 ms apart. */
	slowChunks?: number;
	slowGapMs?: number;
	/** Overrides the random choice (scripted scenarios); `undefined` falls back to the rates. */
	script?: (method: string, itemId: string | undefined, attempt: number) => FaultKind | undefined;
}

/** One request as the server saw it. */
export interface ChaosRecord {
	seq: number;
	/** `Date.now()` when the request's headers arrived. */
	at: number;
	method: string;
	path: string;
	/** From the path (`/items/<id>`), the `item` query parameter, or the JSON body's `item`. */
	itemId?: string;
	idempotencyKey?: string;
	/** 1-based: the n-th request for this (method, item). */
	attempt: number;
	fault: FaultKind;
	/** HTTP status sent (none for resets and timeouts). */
	status?: number;
	/** A write the server carried out (and stored) because of this request. */
	applied: boolean;
	/** A repeated idempotency key: the stored answer was sent again, nothing applied. */
	replayed: boolean;
	/** For a 429: the earliest time a retry honours the Retry-After. */
	retryNotBefore?: number;
}

export interface ChaosStats {
	requests: number;
	byMethod: Record<string, number>;
	byFault: Record<FaultKind, number>;
	applied: number;
	replayed: number;
}

/** Deterministic 32-bit hash of a string (FNV-1a), the seed of each request's PRNG. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: small, fast, good enough to pick faults. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface StoredAnswer {
	status: number;
	body: Record<string, unknown>;
	itemId?: string;
}

export class ChaosServer {
	readonly records: ChaosRecord[] = [];
	/** Writes applied, by idempotency key (only keyed writes). */
	readonly appliedByKey = new Map<string, number>();
	/** Order ids created, by item id (keyed or not): more than one is a duplicate write. */
	readonly ordersByItem = new Map<string, string[]>();
	/** Every request received for an item, in arrival order, by `METHOD item`. */
	private readonly byItem = new Map<string, ChaosRecord[]>();

	private readonly server: Server;
	private readonly sockets = new Set<Socket>();
	private readonly hanging = new Set<ServerResponse>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly stored = new Map<string, StoredAnswer>();
	private readonly rates: ChaosRates;
	private readonly seed: number;
	private readonly minRetryAfter: number;
	private readonly maxRetryAfter: number;
	private readonly slowChunks: number;
	private readonly slowGapMs: number;
	private readonly script?: ChaosOptions['script'];
	private seq = 0;
	private nextOrder = 1;
	private port = 0;

	constructor(options: ChaosOptions = {}) {
		this.rates = { ...DEFAULT_RATES, ...(options.rates ?? {}) };
		const total = Object.values(this.rates).reduce((a, b) => a + b, 0);
		if (total > 1) throw new Error(`Chaos rates add up to ${total}, more than 1`);
		this.seed = options.seed ?? 1;
		this.minRetryAfter = options.minRetryAfterSeconds ?? 0;
		this.maxRetryAfter = Math.max(this.minRetryAfter, options.maxRetryAfterSeconds ?? 1);
		this.slowChunks = options.slowChunks ?? 5;
		this.slowGapMs = options.slowGapMs ?? 20;
		this.script = options.script;
		this.server = createServer((req, res) => this.handle(req, res));
		// Keep-alive sockets of the client would keep close() waiting; track them to end them.
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async listen(): Promise<string> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, '127.0.0.1', () => resolve());
		});
		this.port = (this.server.address() as AddressInfo).port;
		return this.url;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async close(): Promise<void> {
		for (const t of this.timers) clearTimeout(t);
		for (const res of this.hanging) res.destroy();
		for (const s of this.sockets) s.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	stats(): ChaosStats {
		const byFault = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
		const byMethod: Record<string, number> = {};
		let applied = 0;
		let replayed = 0;
		for (const r of this.records) {
			byFault[r.fault]++;
			byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
			if (r.applied) applied++;
			if (r.replayed) replayed++;
		}
		return { requests: this.records.length, byMethod, byFault, applied, replayed };
	}

	/** The requests received for one item (by the item id in the path or the `item` query parameter). */
	requestsFor(method: string, itemId: string): ChaosRecord[] {
		return this.byItem.get(`${method.toUpperCase()} ${itemId}`) ?? [];
	}

	/** The fault for the n-th request of (method, item): deterministic per seed. */
	pickFault(method: string, itemId: string | undefined, attempt: number): FaultKind {
		const scripted = this.script?.(method, itemId, attempt);
		if (scripted) return scripted;
		const random = mulberry32(
			hash(`${this.seed}|${method}|${itemId ?? `#${this.seq}`}|${attempt}`),
		);
		const pick = random();
		const sub = random();
		const r = this.rates;
		let edge = r.serverError;
		if (pick < edge) return sub < 1 / 3 ? 'http500' : sub < 2 / 3 ? 'http502' : 'http503';
		if (pick < (edge += r.throttle)) return sub < 0.5 ? 'retryAfterSeconds' : 'retryAfterDate';
		if (pick < (edge += r.reset)) return sub < 0.5 ? 'resetBeforeBody' : 'resetAfterBody';
		if (pick < (edge += r.timeout)) return 'timeout';
		if (pick < (edge += r.slowBody)) return 'slowBody';
		if (pick < (edge += r.malformedJson)) return 'malformedJson';
		return 'none';
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		const at = Date.now();
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://chaos.invalid');
		const pathItem = /^\/items\/([^/]+)$/.exec(url.pathname)?.[1];
		const itemId = pathItem
			? decodeURIComponent(pathItem)
			: (url.searchParams.get('item') ?? undefined);
		const keyHeader = req.headers['idempotency-key'];
		const idempotencyKey = typeof keyHeader === 'string' ? keyHeader : undefined;
		const counter = `${method} ${itemId ?? ''}`;
		const earlier = this.byItem.get(counter) ?? [];
		const attempt = earlier.length + 1;
		this.seq++;
		const fault = this.pickFault(method, itemId, attempt);
		const record: ChaosRecord = {
			seq: this.seq,
			at,
			method,
			path: url.pathname,
			itemId,
			idempotencyKey,
			attempt,
			fault,
			applied: false,
			replayed: false,
		};
		this.records.push(record);
		this.byItem.set(counter, [...earlier, record]);

		if (fault === 'resetBeforeBody') {
			// Nothing read, nothing applied: the client cannot tell this from a reset after the body.
			req.socket.destroy();
			return;
		}
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('error', () => undefined);
		req.on('end', () => {
			let body: Record<string, unknown> | undefined;
			if (chunks.length) {
				try {
					body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
				} catch {
					body = undefined;
				}
			}
			if (!record.itemId && typeof body?.item === 'string') record.itemId = body.item;
			this.respond(req, res, record, body);
		});
	}

	private respond(
		req: IncomingMessage,
		res: ServerResponse,
		record: ChaosRecord,
		body: Record<string, unknown> | undefined,
	): void {
		const { fault } = record;
		const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
			record.status = status;
			const text = JSON.stringify(payload);
			res.writeHead(status, {
				'content-type': 'application/json',
				'content-length': String(Buffer.byteLength(text)),
				...headers,
			});
			res.end(text);
		};

		if (fault === 'http500' || fault === 'http502' || fault === 'http503') {
			const status = Number(fault.slice(4));
			send(
				status,
				{ error: { message: `chaos ${status}` } },
				{ 'x-request-id': `req_${record.seq}` },
			);
			return;
		}
		if (fault === 'retryAfterSeconds' || fault === 'retryAfterDate') {
			const span = this.maxRetryAfter - this.minRetryAfter + 1;
			const seconds =
				this.minRetryAfter +
				Math.floor(mulberry32(hash(`${this.seed}|ra|${record.itemId}|${record.attempt}`))() * span);
			let value: string;
			if (fault === 'retryAfterSeconds') {
				value = String(seconds);
				record.retryNotBefore = Date.now() + seconds * 1000;
			} else {
				// An HTTP-date has whole seconds: the retry may come at that second, not before.
				const date = Math.floor((Date.now() + Math.max(seconds, 1) * 1000) / 1000) * 1000;
				value = new Date(date).toUTCString();
				record.retryNotBefore = date;
			}
			send(429, { error: { message: 'chaos: too many requests' } }, { 'retry-after': value });
			return;
		}

		// What a normal answer would be (for a write: applying it, or replaying the stored answer).
		const answer = this.answerFor(req, record, body);

		if (fault === 'resetAfterBody') {
			// The write happened; only the answer is lost.
			req.socket.destroy();
			return;
		}
		if (fault === 'timeout') {
			this.hanging.add(res);
			res.on('close', () => this.hanging.delete(res));
			return;
		}
		const headers: Record<string, string> = record.replayed
			? { 'idempotent-replayed': 'true' }
			: {};
		if (fault === 'malformedJson') {
			record.status = answer.status;
			const text = JSON.stringify(answer.body);
			const cut = text.slice(0, Math.floor(text.length / 2));
			res.writeHead(answer.status, {
				'content-type': 'application/json',
				'content-length': String(Buffer.byteLength(cut)),
				...headers,
			});
			res.end(cut);
			return;
		}
		if (fault === 'slowBody') {
			record.status = answer.status;
			const data = Buffer.from(JSON.stringify(answer.body));
			res.writeHead(answer.status, {
				'content-type': 'application/json',
				'content-length': String(data.length),
				...headers,
			});
			const size = Math.ceil(data.length / this.slowChunks);
			let offset = 0;
			const drip = () => {
				if (res.destroyed) return;
				res.write(data.subarray(offset, offset + size));
				offset += size;
				if (offset >= data.length) {
					res.end();
					return;
				}
				const t = setTimeout(() => {
					this.timers.delete(t);
					drip();
				}, this.slowGapMs);
				this.timers.add(t);
			};
			drip();
			return;
		}
		send(answer.status, answer.body, headers);
	}

	/** The normal answer; for a POST, applies the write (once per idempotency key). */
	private answerFor(
		req: IncomingMessage,
		record: ChaosRecord,
		body: Record<string, unknown> | undefined,
	): StoredAnswer {
		if (record.method === 'GET') {
			const id = record.itemId ?? 'unknown';
			return { status: 200, body: { id, name: `item ${id}`, served: record.seq } };
		}
		if (record.method !== 'POST')
			return { status: 405, body: { error: { message: `${req.method} not allowed` } } };
		const key = record.idempotencyKey;
		if (key !== undefined) {
			const previous = this.stored.get(key);
			if (previous) {
				if (previous.itemId !== record.itemId) {
					// Stripe answers a key reused with other parameters with an error; so do we.
					return {
						status: 400,
						body: {
							error: { message: `Idempotency-Key ${key} was used for item ${previous.itemId}` },
						},
					};
				}
				record.replayed = true;
				return previous;
			}
		}
		const item = record.itemId ?? 'unknown';
		const id = `ord_${this.nextOrder++}`;
		record.applied = true;
		this.ordersByItem.set(item, [...(this.ordersByItem.get(item) ?? []), id]);
		if (key !== undefined) this.appliedByKey.set(key, (this.appliedByKey.get(key) ?? 0) + 1);
		const answer: StoredAnswer = {
			status: 201,
			body: { id, item, amount: body?.amount ?? null },
			itemId: record.itemId,
		};
		if (key !== undefined) this.stored.set(key, answer);
		return answer;
	}
}
