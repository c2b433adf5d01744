"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startBenchServer = startBenchServer;
/**
 * The loopback servers the benchmark measures against, run in a child process of their own so that
 * serving does not share an event loop with the client being measured.
 *
 * - `GET /rl/<bucket>/…`: enforces `limit` requests per fixed window of `windowMs` per bucket. A window
 *   starts with the first request after the previous one ended (so the fastest possible client finishes
 *   K requests in (ceil(K/N) − 1) windows). Every answer carries `X-RateLimit-Limit/Remaining/Reset`
 *   (reset in epoch seconds with milliseconds as decimals, as Discord sends it); a 429 also `Retry-After`.
 * - `GET /plain/<bucket>/…`: a small JSON answer, no limit.
 *
 * The parent asks for per-bucket statistics over IPC (no HTTP request of its own disturbs the counts).
 */
const node_http_1 = require("node:http");
const PLAIN_BODY = JSON.stringify({ id: 42, name: 'Item', status: 'active', tags: ['a', 'b'], price: 9.99 });
function startBenchServer(config) {
    const buckets = new Map();
    const socketIds = new WeakMap();
    const socketUsed = new WeakSet();
    let nextSocketId = 0;
    const bucketOf = (name) => {
        let b = buckets.get(name);
        if (!b) {
            b = {
                stats: { requests: 0, ok: 0, throttled: 0, newConnections: 0, peakConcurrent: 0 },
                sockets: new Set(),
                inFlight: 0,
                firstMs: 0,
                lastMs: 0,
                windowStartMs: Number.NEGATIVE_INFINITY,
                windowCount: 0,
            };
            buckets.set(name, b);
        }
        return b;
    };
    const answer = (res, b, status, headers, body) => {
        res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
        res.end(body);
        b.inFlight--;
        b.lastMs = performance.now();
    };
    const server = (0, node_http_1.createServer)((req, res) => {
        const [, kind, name = '', ...rest] = (req.url ?? '/').split('?')[0].split('/');
        if (kind !== 'rl' && kind !== 'plain') {
            res.writeHead(404).end();
            return;
        }
        const b = bucketOf(`${kind}/${name}`);
        const socket = req.socket;
        if (!socketIds.has(socket))
            socketIds.set(socket, nextSocketId++);
        const socketId = socketIds.get(socket);
        if (!b.sockets.has(socketId)) {
            b.sockets.add(socketId);
            if (!socketUsed.has(socket))
                b.stats.newConnections++;
        }
        socketUsed.add(socket);
        const now = performance.now();
        if (b.stats.requests === 0)
            b.firstMs = now;
        b.stats.requests++;
        b.inFlight++;
        b.stats.peakConcurrent = Math.max(b.stats.peakConcurrent, b.inFlight);
        // Drain the (empty) request body before answering, as a real server would.
        req.resume();
        if (kind === 'plain') {
            b.stats.ok++;
            answer(res, b, 200, {}, PLAIN_BODY);
            return;
        }
        if (now >= b.windowStartMs + config.windowMs) {
            b.windowStartMs = now;
            b.windowCount = 0;
        }
        const resetEpochMs = Date.now() + (b.windowStartMs + config.windowMs - now);
        const allowed = b.windowCount < config.limit;
        if (allowed)
            b.windowCount++;
        const headers = {
            'X-RateLimit-Limit': String(config.limit),
            'X-RateLimit-Remaining': String(config.limit - b.windowCount),
            'X-RateLimit-Reset': (resetEpochMs / 1000).toFixed(3),
        };
        if (allowed) {
            b.stats.ok++;
            answer(res, b, 200, headers, JSON.stringify({ id: rest.join('/'), ok: true }));
            return;
        }
        b.stats.throttled++;
        headers['Retry-After'] = String(Math.max(1, Math.ceil((resetEpochMs - Date.now()) / 1000)));
        answer(res, b, 429, headers, JSON.stringify({ error: 'rate_limited', message: 'Too many requests: slow down' }));
    });
    const stats = (name) => {
        const b = buckets.get(name);
        if (!b)
            return null;
        return { ...b.stats, connections: b.sockets.size, spanMs: b.lastMs - b.firstMs };
    };
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        // A deep accept queue: n8n's node opens a connection per item, all at once.
        server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
            const address = server.address();
            if (!address || typeof address === 'string')
                return reject(new Error('no port'));
            resolve({ port: address.port, stats });
        });
    });
}
// Child-process entry: config as argv[2] (JSON); answers stats requests from the parent over IPC.
if (require.main === module) {
    const config = JSON.parse(process.argv[2] ?? '{}');
    void startBenchServer(config).then(({ port, stats }) => {
        process.on('message', (message) => {
            if (message.cmd === 'stats')
                process.send?.({ id: message.id, stats: stats(message.bucket) });
        });
        // Stop with the parent, whatever way it ends.
        process.on('disconnect', () => process.exit(0));
        process.send?.({ ready: true, port });
    });
}
