/**
 * The loopback servers the benchmark measures against, run in a child process of their own so that
 * serving does not share an event loop with the client being measured.
 *
 * - `GET /rl/<bucket>/…`: enforces `limit` requests per fixed window of `windowMs` per bucket. A window
 *   starts with the first request after the previous one ended (so the fastest possible client finishes
 *   K requests in (ceil(K/N) − 1) windows). Every answer carries `X-RateLimit-Limit/Remaining/Reset`
 *   (reset in epoch seconds with milliseconds as decimals, as Discord sends it); a 429 also `Retry-After`.
 * - `GET /quiet/<bucket>/…`: a limit nobody declares: `quietLimit` requests per `quietWindowMs` (default 10 per
 *   1000 ms), windows as above, answering only `429` + `Retry-After` (whole seconds, rounded up) past it: no
 *   rate-limit header on any answer.
 * - `GET /plain/<bucket>/…`: a small JSON answer, no limit.
 *
 * The parent asks for per-bucket statistics over IPC (no HTTP request of its own disturbs the counts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ServerConfig {
	limit: number;
	windowMs: number;
	/** `/quiet/`: the undeclared limit (default 10 per 1000 ms). */
	quietLimit?: number;
	quietWindowMs?: number;
}

export interface BucketStats {
	requests: number;
	ok: number;
	throttled: number;
	/** Distinct TCP connections that carried this bucket's requests. */
	connections: number;
	/** Of those, connections opened for this bucket (not reused from an earlier one). */
	newConnections: number;
	/** Most client connections open at once while this bucket was served (1 for a client that sends one at a time). */
	peakOpenConnections: number;
	/** Time from the first request's arrival to the last answer (ms). */
	spanMs: number;
}

interface Bucket {
	stats: Omit<BucketStats, 'connections' | 'spanMs'>;
	sockets: Set<number>;
	firstMs: number;
	lastMs: number;
	windowStartMs: number;
	windowCount: number;
}

export type ServerRequestMessage = { cmd: 'stats'; id: number; bucket: string };
export type ServerReplyMessage =
	{ ready: true; port: number } | { id: number; stats: BucketStats | null };

const PLAIN_BODY = JSON.stringify({
	id: 42,
	name: 'Item',
	status: 'active',
	tags: ['a', 'b'],
	price: 9.99,
});

export function startBenchServer(
	config: ServerConfig,
): Promise<{ port: number; stats: (bucket: string) => BucketStats | null }> {
	const buckets = new Map<string, Bucket>();
	const socketIds = new WeakMap<Socket, number>();
	const socketUsed = new WeakSet<Socket>();
	let nextSocketId = 0;
	let openConnections = 0;

	const bucketOf = (name: string): Bucket => {
		let b = buckets.get(name);
		if (!b) {
			b = {
				stats: { requests: 0, ok: 0, throttled: 0, newConnections: 0, peakOpenConnections: 0 },
				sockets: new Set(),
				firstMs: 0,
				lastMs: 0,
				windowStartMs: Number.NEGATIVE_INFINITY,
				windowCount: 0,
			};
			buckets.set(name, b);
		}
		return b;
	};

	const answer = (
		res: ServerResponse,
		b: Bucket,
		status: number,
		headers: Record<string, string>,
		body: string,
	) => {
		res.writeHead(status, {
			'Content-Type': 'application/json',
			'Content-Length': Buffer.byteLength(body),
			...headers,
		});
		res.end(body);
		b.lastMs = performance.now();
	};

	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const [, kind, name = '', ...rest] = (req.url ?? '/').split('?')[0].split('/');
		if (kind !== 'rl' && kind !== 'plain' && kind !== 'quiet') {
			res.writeHead(404).end();
			return;
		}
		const b = bucketOf(`${kind}/${name}`);
		const socket = req.socket;
		if (!socketIds.has(socket)) socketIds.set(socket, nextSocketId++);
		const socketId = socketIds.get(socket)!;
		if (!b.sockets.has(socketId)) {
			b.sockets.add(socketId);
			if (!socketUsed.has(socket)) b.stats.newConnections++;
		}
		socketUsed.add(socket);
		const now = performance.now();
		if (b.stats.requests === 0) b.firstMs = now;
		b.stats.requests++;
		b.stats.peakOpenConnections = Math.max(b.stats.peakOpenConnections, openConnections);
		// Drain the (empty) request body before answering, as a real server would.
		req.resume();

		if (kind === 'plain') {
			b.stats.ok++;
			answer(res, b, 200, {}, PLAIN_BODY);
			return;
		}

		const limit = kind === 'quiet' ? (config.quietLimit ?? 10) : config.limit;
		const windowMs = kind === 'quiet' ? (config.quietWindowMs ?? 1000) : config.windowMs;
		if (now >= b.windowStartMs + windowMs) {
			b.windowStartMs = now;
			b.windowCount = 0;
		}
		const resetEpochMs = Date.now() + (b.windowStartMs + windowMs - now);
		const allowed = b.windowCount < limit;
		if (allowed) b.windowCount++;
		const retryAfter = String(Math.max(1, Math.ceil((resetEpochMs - Date.now()) / 1000)));
		if (kind === 'quiet') {
			if (allowed) b.stats.ok++;
			else b.stats.throttled++;
			answer(
				res,
				b,
				allowed ? 200 : 429,
				allowed ? {} : { 'Retry-After': retryAfter },
				JSON.stringify(allowed ? { id: rest.join('/'), ok: true } : { error: 'rate_limited' }),
			);
			return;
		}
		const headers: Record<string, string> = {
			'X-RateLimit-Limit': String(limit),
			'X-RateLimit-Remaining': String(limit - b.windowCount),
			'X-RateLimit-Reset': (resetEpochMs / 1000).toFixed(3),
		};
		if (allowed) {
			b.stats.ok++;
			answer(res, b, 200, headers, JSON.stringify({ id: rest.join('/'), ok: true }));
			return;
		}
		b.stats.throttled++;
		headers['Retry-After'] = retryAfter;
		answer(
			res,
			b,
			429,
			headers,
			JSON.stringify({ error: 'rate_limited', message: 'Too many requests: slow down' }),
		);
	});

	server.on('connection', (socket: Socket) => {
		openConnections++;
		socket.once('close', () => openConnections--);
	});

	const stats = (name: string): BucketStats | null => {
		const b = buckets.get(name);
		if (!b) return null;
		return { ...b.stats, connections: b.sockets.size, spanMs: b.lastMs - b.firstMs };
	};

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		// A deep accept queue: n8n's node opens a connection per item, all at once.
		server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
			const address = server.address();
			if (!address || typeof address === 'string') return reject(new Error('no port'));
			resolve({ port: address.port, stats });
		});
	});
}

// Child-process entry: config as argv[2] (JSON); answers stats requests from the parent over IPC.
if (require.main === module) {
	const config = JSON.parse(process.argv[2] ?? '{}') as ServerConfig;
	void startBenchServer(config).then(({ port, stats }) => {
		process.on('message', (message: ServerRequestMessage) => {
			if (message.cmd === 'stats')
				process.send?.({
					id: message.id,
					stats: stats(message.bucket),
				} satisfies ServerReplyMessage);
		});
		// Stop with the parent, whatever way it ends.
		process.on('disconnect', () => process.exit(0));
		process.send?.({ ready: true, port } satisfies ServerReplyMessage);
	});
}
