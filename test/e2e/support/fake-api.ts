/**
 * A loopback fake of "some REST API" for the end-to-end suite. It records every request it receives
 * (method, path, query, headers, body, the status it answered), so the suite can check what n8n sent
 * and count, per item, what the server saw.
 *
 *   GET  /items                 two items, no auth needed
 *   GET  /secure                needs the API key header
 *   GET  /basic                 needs Basic auth
 *   GET  /bearer                needs the bearer token (and echoes it back)
 *   POST /orders/:id/notes      echoes the (percent-decoded) id and the JSON body
 *   GET  /pages                 cursor pagination over 5 records, `limit` per page
 *   POST /graphql               a GraphQL answer built from the variables
 *   POST /graphql-error         a GraphQL answer with `errors`
 *   GET  /ids                   eight ids, one item each
 *   GET  /limited/:id           a budget of LIMIT requests per WINDOW; past it 429 with Retry-After
 *   GET  /flaky/:key            503 twice, then 200
 *   GET  /retry-date/:key       429 with Retry-After as an HTTP date once, then 200
 *   GET  /retry-after/:key      the seed's 429 (X-RateLimit-* and Retry-After: 2) once, then 200
 *   POST /write-once/:key       503 (the write may have happened): must not be retried
 *   POST /events                takes whatever a webhook-started workflow forwards
 *   GET  /oauth/me              needs a bearer token the OAuth2 provider currently accepts
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface RecordedRequest {
	method: string;
	path: string;
	/** The request target exactly as sent (percent-encoding kept), where the fake records it. */
	rawUrl?: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	status: number;
	at: number;
}

export const API_KEY = 'e2e-api-key-8d1f0a';
export const BASIC_USER = 'e2e-user';
export const BASIC_PASSWORD = 'e2e-basic-pass-5c77';
export const BEARER_TOKEN = 'e2e-bearer-token-0b9e';
export const RATE_LIMIT = 3;
export const RATE_WINDOW_MS = 2000;

export class FakeApi {
	readonly requests: RecordedRequest[] = [];
	/** The bearer tokens /oauth/me accepts right now (the OAuth2 provider keeps this up to date). */
	acceptedTokens: () => Set<string> = () => new Set();
	private server: Server | undefined;
	private windowStart = 0;
	private windowCount = 0;
	private readonly hits = new Map<string, number>();
	url = '';

	async start(): Promise<string> {
		this.server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		const address = this.server.address();
		this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
		return this.url;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}

	/** Requests to paths starting with `prefix`. */
	to(prefix: string, method?: string): RecordedRequest[] {
		return this.requests.filter(
			(r) => r.path.startsWith(prefix) && (!method || r.method === method),
		);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const url = new URL(req.url ?? '/', 'http://fake');
		const record: RecordedRequest = {
			method: req.method ?? '',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body: Buffer.concat(chunks).toString('utf8'),
			status: 0,
			at: Date.now(),
		};
		this.requests.push(record);
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			record.status = status;
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(JSON.stringify(body));
		};
		try {
			this.route(record, send);
		} catch (error) {
			send(500, { error: (error as Error).message });
		}
	}

	private route(
		r: RecordedRequest,
		send: (status: number, body: unknown, headers?: Record<string, string>) => void,
	): void {
		const { method, path } = r;
		const auth = String(r.headers.authorization ?? '');
		let m: RegExpMatchArray | null;
		if (method === 'GET' && path === '/items')
			return send(200, [
				{ id: 1, name: 'alpha' },
				{ id: 2, name: 'beta' },
			]);
		if (method === 'GET' && path === '/secure') {
			if (r.headers['x-api-key'] !== API_KEY) return send(401, { error: 'bad key' });
			return send(200, { ok: true, via: 'apiKey' });
		}
		if (method === 'GET' && path === '/basic') {
			const expected = `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}`;
			if (auth !== expected)
				return send(401, { error: 'bad basic auth' }, { 'www-authenticate': 'Basic' });
			return send(200, { ok: true, via: 'basic' });
		}
		if (method === 'GET' && path === '/bearer') {
			if (auth !== `Bearer ${BEARER_TOKEN}`) return send(401, { error: 'bad token' });
			// Like a token-introspection answer: the API echoes the token, which must not reach n8n's output.
			return send(200, { ok: true, via: 'bearer', token: BEARER_TOKEN });
		}
		if (method === 'POST' && (m = /^\/orders\/([^/]+)\/notes$/.exec(path))) {
			return send(201, {
				orderId: decodeURIComponent(m[1]),
				note: JSON.parse(r.body || '{}'),
				contentType: r.headers['content-type'],
			});
		}
		if (method === 'GET' && path === '/pages') {
			const records = ['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => ({ id }));
			const from = r.query.cursor ? Number(r.query.cursor) : 0;
			const size = Number(r.query.limit ?? 2);
			const next = from + size < records.length ? String(from + size) : null;
			return send(200, { data: records.slice(from, from + size), next_cursor: next });
		}
		if (method === 'POST' && path === '/graphql') {
			const { variables } = JSON.parse(r.body) as { variables: { id: string } };
			return send(200, { data: { user: { id: variables.id, name: 'seven' } } });
		}
		if (method === 'POST' && path === '/graphql-error') {
			return send(200, { data: null, errors: [{ message: 'user not found', path: ['user'] }] });
		}
		if (method === 'GET' && path === '/ids')
			return send(
				200,
				Array.from({ length: 8 }, (_, i) => ({ id: i + 1 })),
			);
		if (method === 'GET' && (m = /^\/limited\/(\d+)$/.exec(path))) {
			// A fixed window that starts with the first request after the previous one ended.
			const now = Date.now();
			if (now - this.windowStart >= RATE_WINDOW_MS) {
				this.windowStart = now;
				this.windowCount = 0;
			}
			if (this.windowCount >= RATE_LIMIT) {
				const retryAfter = Math.max(1, Math.ceil((this.windowStart + RATE_WINDOW_MS - now) / 1000));
				return send(429, { error: 'rate limited' }, { 'retry-after': String(retryAfter) });
			}
			this.windowCount++;
			return send(200, { id: Number(m[1]), served: true });
		}
		if (method === 'GET' && (m = /^\/flaky\/([\w-]+)$/.exec(path))) {
			const n = this.hit(path);
			if (n <= 2) return send(503, { error: 'temporarily unavailable', attempt: n });
			return send(200, { key: m[1], attempt: n });
		}
		if (method === 'GET' && (m = /^\/retry-date\/([\w-]+)$/.exec(path))) {
			const n = this.hit(path);
			// An HTTP date has whole seconds: 2 s ahead means a wait of at least 1 s.
			if (n === 1)
				return send(
					429,
					{ error: 'slow down' },
					{ 'retry-after': new Date(Date.now() + 2000).toUTCString() },
				);
			return send(200, { key: m[1], attempt: n });
		}
		if (method === 'GET' && (m = /^\/retry-after\/([\w-]+)$/.exec(path))) {
			const n = this.hit(path);
			if (n === 1)
				return send(
					429,
					{ error: 'Too Many Requests' },
					{
						'x-ratelimit-limit': '200',
						'x-ratelimit-remaining': '0',
						'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 2),
						'retry-after': '2',
					},
				);
			return send(200, { key: m[1], attempt: n });
		}
		if (method === 'POST' && /^\/write-once\/[\w-]+$/.test(path)) {
			this.hit(path);
			return send(503, { error: 'upstream timeout after the write' });
		}
		if (method === 'POST' && path === '/events') return send(202, { accepted: true });
		if (method === 'GET' && path === '/oauth/me') {
			const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
			if (!this.acceptedTokens().has(token))
				return send(
					401,
					{ error: 'invalid_token' },
					{ 'www-authenticate': 'Bearer error="invalid_token"' },
				);
			return send(200, { id: 'u-42', name: 'OAuth user' });
		}
		send(404, { error: `no route ${method} ${path}` });
	}

	private hit(key: string): number {
		const n = (this.hits.get(key) ?? 0) + 1;
		this.hits.set(key, n);
		return n;
	}
}
