/**
 * A loopback server whose answers each test scripts (`answer`), recording every request it receives as
 * the other fakes do. Used as "the API" of a security test, and as "another origin" that must never
 * receive anything (its `requests` stay empty).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { RecordedRequest } from './fake-api';

export type ScriptedAnswer = [status: number, body?: unknown, headers?: Record<string, string>];

export class ScriptedApi {
	readonly requests: RecordedRequest[] = [];
	/** The answer to a request; by default 200 {"ok":true}, which a leaked request would happily get. */
	answer: (r: RecordedRequest) => ScriptedAnswer = () => [200, { ok: true }];
	private server: Server | undefined;
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

	/** `METHOD /path?query` of the requests since index `since`. */
	lines(since = 0): string[] {
		return this.requests.slice(since).map((r) => `${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : ''}`);
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
		let answer: ScriptedAnswer;
		try {
			answer = this.answer(record);
		} catch (error) {
			answer = [500, { error: (error as Error).message }];
		}
		const [status, body, headers] = answer;
		record.status = status;
		res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(headers ?? {}) });
		res.end(body === undefined ? undefined : JSON.stringify(body));
	}
}
