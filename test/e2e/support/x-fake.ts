/**
 * A loopback fake of the X API v2 (api.x.com) for the end-to-end suite: user-context Bearer tokens for
 * /2/users/me, /2/tweets and /2/users/:id/tweets (paged by pagination_token / meta.next_token, x-rate-limit-*
 * headers on every answer); the app-only Bearer Token for the v2 webhooks (/2/webhooks). Like X, registering a
 * webhook sends a CRC (GET <url>?crc_token=…) to the URL; the fake checks the answer with the consumer secret
 * and records it. Errors in X's problem-JSON shape.
 */
import { createHmac } from 'node:crypto';

import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const X_USER_TOKEN = 'e2eXUserAccessTokenN2FhZjE5MGQ';
export const X_REFRESH_TOKEN = 'e2eXUserRefreshTokenZmI3YjE0';
export const X_CLIENT_ID = 'e2eXClientIdMTpjaQ';
export const X_CLIENT_SECRET = 'e2eXClientSecret-7d1c0a';
export const X_APP_BEARER = 'AAAAAAAAAAAAAAAAAAAAAE2eXAppBearer%2Fxyz%3D';
export const X_CONSUMER_SECRET = 'e2eXConsumerSecretQ45P0hLrFu9w';
export const X_USER = { id: '2244994945', name: 'E2E Developers', username: 'e2e_dev' };

const problem = (status: number, title: string, detail: string, type = 'about:blank'): Answer => [
	status,
	{ title, detail, type, status },
];

export class XFake extends ServiceFake {
	readonly origin = 'https://api.x.com';
	/** The posts of the user, newest first (7 seeded: two pages of 5). */
	readonly posts = Array.from({ length: 7 }, (_, i) => ({
		id: `18600000000000000${String(7 - i).padStart(2, '0')}`,
		text: `Seed post ${7 - i}`,
		edit_history_tweet_ids: [`18600000000000000${String(7 - i).padStart(2, '0')}`],
	}));
	readonly webhooks = new Map<
		string,
		{ id: string; url: string; valid: boolean; created_at: string }
	>();
	/** CRC checks made after registrations: the URL, what n8n answered, and whether it was right. */
	readonly crcs: Array<{ url: string; status: number; body: string; valid: boolean }> = [];
	private seq = 0;

	private limits(): Record<string, string> {
		return {
			'x-rate-limit-limit': '900',
			'x-rate-limit-remaining': '899',
			'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900),
		};
	}

	protected route(r: RecordedRequest): Answer {
		const auth = String(r.headers.authorization ?? '');
		if (r.path === '/2/webhooks' || r.path.startsWith('/2/webhooks/')) {
			if (auth !== `Bearer ${X_APP_BEARER}`)
				return problem(
					403,
					'Unsupported Authentication',
					'Authenticating with OAuth 2.0 User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].',
					'https://api.twitter.com/2/problems/unsupported-authentication',
				);
			return this.webhookRoute(r);
		}
		if (auth !== `Bearer ${X_USER_TOKEN}`) return problem(401, 'Unauthorized', 'Unauthorized');
		const [status, body, headers] = this.userRoute(r);
		return [status, body, { ...this.limits(), ...(headers ?? {}) }];
	}

	private userRoute(r: RecordedRequest): Answer {
		if (r.method === 'GET' && r.path === '/2/users/me') return [200, { data: X_USER }];
		if (r.method === 'POST' && r.path === '/2/tweets') {
			const body = JSON.parse(r.body || '{}') as { text?: string };
			if (!body.text)
				return problem(
					400,
					'Invalid Request',
					'One or more parameters to your request was invalid.',
				);
			const id = `18700000000000000${String(++this.seq).padStart(2, '0')}`;
			const post = { id, text: body.text, edit_history_tweet_ids: [id] };
			this.posts.unshift(post);
			return [201, { data: post }];
		}
		if (r.method === 'GET' && r.path === `/2/users/${X_USER.id}/tweets`) {
			const size = Number(r.query.max_results ?? 10);
			if (size < 5 || size > 100)
				return [
					400,
					{
						errors: [
							{
								parameters: { max_results: [String(size)] },
								message: `The \`max_results\` query parameter value [${size}] is not between 5 and 100`,
							},
						],
						title: 'Invalid Request',
						detail: 'One or more parameters to your request was invalid.',
						type: 'https://api.twitter.com/2/problems/invalid-request',
					},
				];
			// X may answer fewer than max_results: this fake pages by 5 at most, so a full list takes pages.
			const take = Math.min(size, 5);
			const start = Number(r.query.pagination_token ?? 0);
			const page = this.posts.slice(start, start + take);
			const next = start + take < this.posts.length ? String(start + take) : undefined;
			return [
				200,
				{
					data: page,
					meta: {
						result_count: page.length,
						newest_id: page[0]?.id,
						oldest_id: page.at(-1)?.id,
						...(next ? { next_token: next } : {}),
					},
				},
			];
		}
		return problem(404, 'Not Found Error', `No route for ${r.method} ${r.path}`);
	}

	private webhookRoute(r: RecordedRequest): Answer {
		if (r.method === 'GET' && r.path === '/2/webhooks') {
			const data = [...this.webhooks.values()];
			return [200, { ...(data.length ? { data } : {}), meta: { result_count: data.length } }];
		}
		if (r.method === 'POST' && r.path === '/2/webhooks') {
			const { url } = JSON.parse(r.body || '{}') as { url?: string };
			if (!url) return problem(400, 'Invalid Request', 'url is required');
			const hook = {
				id: `11466545676749127${String(60 + this.webhooks.size)}`,
				url,
				valid: true,
				created_at: new Date().toISOString(),
			};
			this.webhooks.set(hook.id, hook);
			// X sends the CRC to the URL; here in the background, so n8n's activation is not held up.
			void this.crc(url, hook.id);
			return [200, { data: hook }];
		}
		const m = /^\/2\/webhooks\/(\d+)$/.exec(r.path);
		if (m && r.method === 'DELETE') {
			if (!this.webhooks.delete(m[1])) return problem(404, 'Not Found Error', 'webhook not found');
			return [200, { data: { deleted: true } }];
		}
		return problem(404, 'Not Found Error', `No route for ${r.method} ${r.path}`);
	}

	/** The CRC as X sends it, retried until n8n serves the URL; the answer is checked with the consumer secret. */
	private async crc(url: string, id: string): Promise<void> {
		const token = `e2e-crc-${id}`;
		const expected = `sha256=${createHmac('sha256', X_CONSUMER_SECRET).update(token).digest('base64')}`;
		for (let i = 0; i < 60; i++) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			try {
				const res = await fetch(`${url}?crc_token=${encodeURIComponent(token)}`);
				const body = await res.text();
				if (res.status === 404) continue;
				let valid = false;
				try {
					valid =
						res.status === 200 &&
						(JSON.parse(body) as { response_token?: string }).response_token === expected;
				} catch {
					valid = false;
				}
				this.crcs.push({ url, status: res.status, body, valid });
				const hook = this.webhooks.get(id);
				if (hook) hook.valid = valid;
				return;
			} catch {
				// n8n not answering yet
			}
		}
	}
}
