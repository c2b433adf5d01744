/**
 * Loopback fakes of the four services' APIs for the end-to-end suite, reached through the engine's
 * operator origin map (N8N_API_CONNECTIONS_ORIGIN_MAP). Each answers as the vendor documents it
 * (shared/reference/services.md and the vendors' API references): the auth it checks, the body encoding
 * it reads, its list paging, its error shape, and its webhook registration API. Every request is
 * recorded (method, path, query, headers, body, answer status) so the suite can check what n8n sent.
 *
 *   Stripe          api.stripe.com        Bearer key; form bodies; Idempotency-Key replays; list paging with
 *                                         limit/starting_after/has_more; POST/GET/DELETE /v1/webhook_endpoints
 *                                         (the create answer carries the whsec_ signing secret, once)
 *   GitHub          api.github.com        Bearer token + Accept vnd.github+json; repos, issues; repository hooks
 *                                         (the secret is write-only; GitHub answers it as "********")
 *   Instagram       graph.instagram.com   Bearer user token; /me; media containers (FINISHED at once), publish
 *   Facebook Pages  graph.facebook.com    user token → Page token (GET /{page}?fields=access_token); Page posts
 *                                         with Graph paging (paging.next carries the token); subscribed_apps
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { RecordedRequest } from './fake-api';

/** An answer; without a body (`undefined`, or 204) nothing is sent but the status and headers; a Buffer goes as it is. */
export type Answer = [status: number, body?: unknown, headers?: Record<string, string>];

/** A recording HTTP server on 127.0.0.1 with one routing function. */
export abstract class ServiceFake {
	readonly requests: RecordedRequest[] = [];
	private server: Server | undefined;
	url = '';

	/** The vendor origin this fake stands in for (the left side of the origin map). */
	abstract readonly origin: string;

	/** A test's own answer, tried before the vendor's routes (undefined: answer as the vendor). */
	override: ((r: RecordedRequest) => Answer | undefined) | undefined;

	protected abstract route(r: RecordedRequest): Answer;

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
		return this.requests
			.slice(since)
			.map(
				(r) =>
					`${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : ''}`,
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
		let answer: Answer;
		try {
			answer = this.override?.(record) ?? this.route(record);
		} catch (error) {
			answer = [500, { error: (error as Error).message }];
		}
		const [status, body, headers] = answer;
		record.status = status;
		if (status === 204 || body === undefined) {
			res.writeHead(status, headers ?? {});
			res.end();
			return;
		}
		if (Buffer.isBuffer(body)) {
			res.writeHead(status, headers ?? {});
			res.end(body);
			return;
		}
		res.writeHead(status, {
			'content-type': 'application/json; charset=utf-8',
			...(headers ?? {}),
		});
		res.end(JSON.stringify(body));
	}
}

// ---- Stripe -------------------------------------------------------------------------------------------

export const STRIPE_KEY = 'sk_test_51E2eFakeKey0a1b2c3d4e5f6';
export const STRIPE_WHSEC = 'whsec_e2eFakeSigningSecret7c1d';
export const STRIPE_ACCOUNT = {
	id: 'acct_1E2eFakeAccount',
	object: 'account',
	settings: { dashboard: { display_name: 'E2E Shop' } },
	livemode: false,
};

interface StripeEndpoint {
	id: string;
	object: 'webhook_endpoint';
	url: string;
	enabled_events: string[];
	description: string;
	status: 'enabled';
	livemode: false;
}

/** Form fields `a[0]=x&a[1]=y` → `{ a: ['x', 'y'] }`; other keys stay flat (`metadata[plan]`). */
function formFields(body: string): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, value] of new URLSearchParams(body)) {
		const m = /^(.+)\[(\d+)\]$/.exec(key);
		if (m) ((out[m[1]] ??= []) as string[])[Number(m[2])] = value;
		else out[key] = value;
	}
	return out;
}

export class StripeFake extends ServiceFake {
	readonly origin = 'https://api.stripe.com';
	/** Customers, newest first (as Stripe lists them). 120 seeded: a full list takes two pages of 100. */
	readonly customers: Array<Record<string, unknown>> = Array.from({ length: 120 }, (_, i) => ({
		id: `cus_E2eSeed${String(120 - i).padStart(4, '0')}`,
		object: 'customer',
		email: `seed${120 - i}@example.com`,
		livemode: false,
	}));
	readonly endpoints = new Map<string, StripeEndpoint>();
	/** Every endpoint ever created, with the secret Stripe returned for it. */
	readonly created: Array<StripeEndpoint & { secret: string }> = [];
	private readonly idempotent = new Map<string, Answer>();
	private seq = 0;

	protected route(r: RecordedRequest): Answer {
		const headers = { 'request-id': `req_e2e${this.requests.length}` };
		if (r.headers.authorization !== `Bearer ${STRIPE_KEY}`) {
			return [
				401,
				{ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } },
				headers,
			];
		}
		// Stripe replays the first answer for a repeated Idempotency-Key on a POST.
		const key = r.method === 'POST' ? String(r.headers['idempotency-key'] ?? '') : '';
		if (key && this.idempotent.has(key)) return this.idempotent.get(key)!;
		const answer = this.answer(r, headers);
		if (key) this.idempotent.set(key, answer);
		return answer;
	}

	private answer(r: RecordedRequest, headers: Record<string, string>): Answer {
		let m: RegExpMatchArray | null;
		if (r.method === 'GET' && r.path === '/v1/account') return [200, STRIPE_ACCOUNT, headers];
		const missing = (id: string): Answer => [
			404,
			{
				error: {
					type: 'invalid_request_error',
					code: 'resource_missing',
					message: `No such webhook endpoint: '${id}'`,
				},
			},
			headers,
		];
		if (r.method === 'POST' && r.path === '/v1/customers') {
			const f = formFields(r.body);
			const metadata: Record<string, string> = {};
			for (const [k, v] of Object.entries(f))
				if (k.startsWith('metadata[')) metadata[k.slice(9, -1)] = String(v);
			const customer = {
				id: `cus_E2eNew${String(++this.seq).padStart(4, '0')}`,
				object: 'customer',
				email: f.email ?? null,
				name: f.name ?? null,
				metadata,
				livemode: false,
			};
			this.customers.unshift(customer);
			return [200, customer, headers];
		}
		if (r.method === 'GET' && r.path === '/v1/customers') {
			const limit = Math.min(100, Math.max(1, Number(r.query.limit ?? 10)));
			const from = r.query.starting_after
				? this.customers.findIndex((c) => c.id === r.query.starting_after) + 1
				: 0;
			const data = this.customers.slice(from, from + limit);
			return [
				200,
				{
					object: 'list',
					url: '/v1/customers',
					has_more: from + limit < this.customers.length,
					data,
				},
				headers,
			];
		}
		if (r.method === 'POST' && r.path === '/v1/webhook_endpoints') {
			const f = formFields(r.body);
			const endpoint: StripeEndpoint = {
				id: `we_E2e${String(++this.seq).padStart(4, '0')}`,
				object: 'webhook_endpoint',
				url: String(f.url),
				enabled_events: (f.enabled_events ?? []) as string[],
				description: String(f.description ?? ''),
				status: 'enabled',
				livemode: false,
			};
			this.endpoints.set(endpoint.id, endpoint);
			this.created.push({ ...endpoint, secret: STRIPE_WHSEC });
			// The secret is in this answer only.
			return [200, { ...endpoint, secret: STRIPE_WHSEC }, headers];
		}
		if ((m = /^\/v1\/webhook_endpoints\/([\w]+)$/.exec(r.path))) {
			const endpoint = this.endpoints.get(m[1]);
			if (!endpoint) return missing(m[1]);
			if (r.method === 'GET') return [200, endpoint, headers];
			if (r.method === 'DELETE') {
				this.endpoints.delete(m[1]);
				return [200, { id: m[1], object: 'webhook_endpoint', deleted: true }, headers];
			}
		}
		return [
			404,
			{
				error: {
					type: 'invalid_request_error',
					message: `Unrecognized request URL (${r.method}: ${r.path}).`,
				},
			},
			headers,
		];
	}
}

// ---- GitHub -------------------------------------------------------------------------------------------

export const GITHUB_TOKEN = 'ghp_e2eFakeToken6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c';
export const GITHUB_OWNER = 'e2e-org';
export const GITHUB_REPO = 'widgets';
export const GITHUB_USER = { login: 'e2e-bot', id: 583231, type: 'User' };

export interface GithubHook {
	id: number;
	name: 'web';
	active: boolean;
	events: string[];
	config: { url: string; content_type: string; insecure_ssl: string; secret?: string };
}

export class GithubFake extends ServiceFake {
	readonly origin = 'https://api.github.com';
	readonly hooks = new Map<number, GithubHook>();
	/** Every hook ever created, with the secret n8n sent for it (GitHub never shows it again). */
	readonly created: GithubHook[] = [];
	private hookSeq = 400_000;
	private issueSeq = 0;

	readonly repository = {
		id: 7_001,
		name: GITHUB_REPO,
		full_name: `${GITHUB_OWNER}/${GITHUB_REPO}`,
		private: false,
		default_branch: 'main',
		open_issues_count: 0,
	};

	/** The Actions log archive's pre-signed URL (on a blob host in production; here this fake's origin). */
	static readonly LOGS_PATH = '/e2e-blob/run-1/logs.zip';
	static readonly LOGS_ZIP = 'PK\u0003\u0004 e2e run logs';

	protected route(r: RecordedRequest): Answer {
		// Blob storage: no token, the signature in the query (a request carrying the token is refused).
		if (r.path === GithubFake.LOGS_PATH)
			return r.headers.authorization || r.query.sig !== 'e2e-signature'
				? [403, { error: 'AuthenticationFailed' }]
				: [200, Buffer.from(GithubFake.LOGS_ZIP), { 'content-type': 'application/zip' }];
		const headers = {
			'x-github-request-id': `E2E:${this.requests.length}`,
			'x-ratelimit-limit': '5000',
			'x-ratelimit-remaining': String(5000 - this.requests.length),
			'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
		};
		if (r.headers.authorization !== `Bearer ${GITHUB_TOKEN}`)
			return [
				401,
				{ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
				headers,
			];
		const notFound: Answer = [
			404,
			{ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
			headers,
		];
		const repoPath = `/repos/${GITHUB_OWNER}/${GITHUB_REPO}`;
		let m: RegExpMatchArray | null;
		if (r.method === 'GET' && r.path === '/user') return [200, GITHUB_USER, headers];
		if (r.method === 'GET' && r.path === repoPath) return [200, this.repository, headers];
		if (r.method === 'POST' && r.path === `${repoPath}/issues`) {
			const body = JSON.parse(r.body) as { title: string; body?: string; labels?: string[] };
			const number = ++this.issueSeq;
			return [
				201,
				{
					id: 90_000 + number,
					number,
					title: body.title,
					body: body.body ?? null,
					state: 'open',
					labels: (body.labels ?? []).map((name) => ({ name })),
					html_url: `https://github.com/${GITHUB_OWNER}/${GITHUB_REPO}/issues/${number}`,
				},
				headers,
			];
		}
		if (r.method === 'POST' && r.path === `${repoPath}/hooks`) {
			const body = JSON.parse(r.body) as Omit<GithubHook, 'id'>;
			const hook: GithubHook = {
				id: ++this.hookSeq,
				name: 'web',
				active: body.active,
				events: body.events,
				config: body.config,
			};
			this.hooks.set(hook.id, hook);
			this.created.push(hook);
			return [201, this.shown(hook), headers];
		}
		const resource = this.resources(r, repoPath);
		if (resource) return [resource[0], resource[1], { ...headers, ...(resource[2] ?? {}) }];
		if ((m = new RegExp(`^${repoPath}/hooks/(\\d+)$`).exec(r.path))) {
			const hook = this.hooks.get(Number(m[1]));
			if (!hook) return notFound;
			if (r.method === 'GET') return [200, this.shown(hook), headers];
			if (r.method === 'DELETE') {
				this.hooks.delete(hook.id);
				return [204, undefined, headers];
			}
		}
		return notFound;
	}

	/**
	 * One documented answer per resource the "GitHub resources" workflow reaches (branches, commits and
	 * statuses, labels, check runs, workflows and runs, search, organization members, gists); lists are paged
	 * by Link header and answer the first page.
	 */
	private resources(r: RecordedRequest, repoPath: string): Answer | undefined {
		const sha = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
		const next = (path: string): Record<string, string> => ({
			link: `<${this.origin}${path}?per_page=1&page=2>; rel="next"`,
		});
		const key = `${r.method} ${r.path}`;
		switch (key) {
			case `GET ${repoPath}/branches`:
				return [200, [{ name: 'main', commit: { sha }, protected: true }], next(r.path)];
			case `GET ${repoPath}/commits/${sha}`:
				return [200, { sha, commit: { message: 'Fix all the bugs' }, files: [] }];
			case `POST ${repoPath}/statuses/${sha}`: {
				const body = JSON.parse(r.body) as Record<string, string>;
				return [201, { id: 1, state: body.state, context: body.context, sha }];
			}
			case `POST ${repoPath}/labels`: {
				const body = JSON.parse(r.body) as Record<string, string>;
				return [201, { id: 208045946, name: body.name, color: body.color, default: false }];
			}
			case `GET ${repoPath}/commits/main/check-runs`:
				return [
					200,
					{ total_count: 2, check_runs: [{ id: 4, name: 'build', status: 'completed' }] },
					next(r.path),
				];
			case `GET ${repoPath}/actions/workflows`:
				return [
					200,
					{ total_count: 2, workflows: [{ id: 161335, name: 'CI', state: 'active' }] },
					next(r.path),
				];
			case `GET ${repoPath}/actions/runs`:
				return [
					200,
					{
						total_count: 2,
						workflow_runs: [{ id: 30433642, name: 'Build', conclusion: 'failure' }],
					},
					next(r.path),
				];
			case `GET ${repoPath}/actions/runs/30433642/logs`:
				return [
					302,
					undefined,
					{ location: `${this.origin}${GithubFake.LOGS_PATH}?sig=e2e-signature` },
				];
			case 'GET /search/issues':
				return [
					200,
					{
						total_count: 1,
						incomplete_results: false,
						items: [{ number: 1, title: 'Found a bug', state: 'open' }],
					},
				];
			case `GET /orgs/${GITHUB_OWNER}/members`:
				return [200, [{ login: GITHUB_USER.login, id: GITHUB_USER.id }], next(r.path)];
			case 'POST /gists': {
				const body = JSON.parse(r.body) as { description: string; files: Record<string, unknown> };
				return [
					201,
					{
						id: 'aa5a315d61ae9438b18d',
						description: body.description,
						files: body.files,
						public: false,
					},
				];
			}
		}
		return undefined;
	}

	/** The secret is write-only: GitHub shows it masked. */
	private shown(hook: GithubHook): GithubHook {
		return {
			...hook,
			config: { ...hook.config, ...(hook.config.secret ? { secret: '********' } : {}) },
		};
	}
}

// ---- Meta (Instagram, Facebook Pages) ----------------------------------------------------------------

const GRAPH = '/v21.0';

/** Meta's error body; an invalid token is code 190 (OAuthException), answered 400. */
function metaError(message: string, code: number, type = 'OAuthException'): Answer {
	return [
		400,
		{ error: { message, type, code, fbtrace_id: 'AE2eTrace' } },
		{ 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${message}"` },
	];
}

export const INSTAGRAM_TOKEN = 'IGAAe2eFakeUserToken5d4c3b2a1908';
export const INSTAGRAM_APP_ID = '990602627938098';
export const INSTAGRAM_APP_SECRET = 'ig_e2e_app_secret_3e9a71';
export const INSTAGRAM_USER = {
	id: '7316417151755329',
	user_id: '17841405793187218',
	username: 'e2e.shop',
	name: 'E2E Shop',
	account_type: 'Business',
	followers_count: 1200,
	follows_count: 80,
	media_count: 42,
};

export class InstagramFake extends ServiceFake {
	readonly origin = 'https://graph.instagram.com';
	/** Containers created, by id, with their fields. */
	readonly containers = new Map<string, Record<string, unknown>>();
	readonly published: string[] = [];
	private seq = 0;

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${INSTAGRAM_TOKEN}`)
			return metaError('Invalid OAuth access token - Cannot parse access token', 190);
		let m: RegExpMatchArray | null;
		if (r.method === 'GET' && r.path === `${GRAPH}/me`) {
			const fields = String(r.query.fields ?? 'id,username').split(',');
			return [
				200,
				Object.fromEntries(
					fields
						.filter((f) => f in INSTAGRAM_USER)
						.map((f) => [f, INSTAGRAM_USER[f as keyof typeof INSTAGRAM_USER]]),
				),
			];
		}
		if (r.method === 'POST' && r.path === `${GRAPH}/me/media`) {
			const id = `1788961569192${String(++this.seq).padStart(4, '0')}`;
			this.containers.set(id, JSON.parse(r.body || '{}') as Record<string, unknown>);
			return [200, { id }];
		}
		if (r.method === 'POST' && r.path === `${GRAPH}/me/media_publish`) {
			const { creation_id } = JSON.parse(r.body || '{}') as { creation_id?: string };
			if (!creation_id || !this.containers.has(creation_id))
				return metaError('The media container does not exist', 100, 'IGApiException');
			if (this.published.includes(creation_id))
				return metaError('The media has already been published', 9007, 'IGApiException');
			this.published.push(creation_id);
			return [200, { id: `1810${creation_id.slice(-8)}` }];
		}
		if (
			r.method === 'GET' &&
			(m = new RegExp(`^${GRAPH}/(\\d+)$`).exec(r.path)) &&
			this.containers.has(m[1])
		) {
			// An image container is processed at once.
			const done = this.published.includes(m[1]);
			return [
				200,
				{
					status_code: done ? 'PUBLISHED' : 'FINISHED',
					status: done
						? 'Published'
						: 'Finished: Media has been uploaded and it is ready to be published.',
					id: m[1],
				},
			];
		}
		return metaError(`Unsupported ${r.method.toLowerCase()} request.`, 100, 'GraphMethodException');
	}
}

export const FACEBOOK_USER_TOKEN = 'EAAe2eFakeUserToken1a2b3c4d5e6f';
export const FACEBOOK_PAGE_TOKEN = 'EAAe2eFakePageToken9f8e7d6c5b4a';
export const FACEBOOK_APP_ID = '990011223344556';
export const FACEBOOK_APP_SECRET = 'fb_e2e_app_secret_8b2c41';
export const FACEBOOK_PAGE = '104589323456789';

export class FacebookFake extends ServiceFake {
	readonly origin = 'https://graph.facebook.com';
	/** The Page's posts, newest first; 55 seeded, so a full list with Graph's page size of 50 takes two pages. */
	readonly posts: Array<{ id: string; message: string; created_time: string }> = Array.from(
		{ length: 55 },
		(_, i) => ({
			id: `${FACEBOOK_PAGE}_1221012345678${String(55 - i).padStart(5, '0')}`,
			message: `Seed post ${55 - i}`,
			created_time: new Date(Date.UTC(2026, 0, 1) + (55 - i) * 3_600_000)
				.toISOString()
				.replace('.000Z', '+0000'),
		}),
	);
	/** The app's subscription on the Page: subscribed fields, or undefined when not subscribed. */
	subscribedFields: string[] | undefined;
	private seq = 0;

	protected route(r: RecordedRequest): Answer {
		const auth = String(r.headers.authorization ?? '');
		const user = auth === `Bearer ${FACEBOOK_USER_TOKEN}`;
		const page = auth === `Bearer ${FACEBOOK_PAGE_TOKEN}`;
		if (!user && !page)
			return metaError('Invalid OAuth access token - Cannot parse access token', 190);
		const pagePath = `${GRAPH}/${FACEBOOK_PAGE}`;
		if (r.method === 'GET' && r.path === `${GRAPH}/me` && user)
			return [200, { id: '10158000000000001', name: 'E2E Manager' }];
		// Page edges need the Page's token (Graph error 210 with a user token).
		const needsPage = (): Answer | undefined =>
			page
				? undefined
				: metaError(
						'(#210) A page access token is required to request this resource.',
						210,
						'OAuthException',
					);
		if (r.method === 'GET' && r.path === pagePath && r.query.fields === 'access_token') {
			if (!user) return metaError('(#100) Tried accessing nonexisting field (access_token)', 100);
			return [200, { access_token: FACEBOOK_PAGE_TOKEN, id: FACEBOOK_PAGE }];
		}
		if (r.method === 'GET' && r.path === `${pagePath}/posts`) {
			const denied = needsPage();
			if (denied) return denied;
			const limit = Math.min(100, Number(r.query.limit ?? 25));
			const from = r.query.after ? Number(Buffer.from(r.query.after, 'base64').toString()) : 0;
			const data = this.posts.slice(from, from + limit).map((p) => ({ ...p }));
			const after = Buffer.from(String(from + limit)).toString('base64');
			const paging: Record<string, unknown> = {
				cursors: { before: Buffer.from(String(from)).toString('base64'), after },
			};
			if (from + limit < this.posts.length) {
				// Graph's next link is absolute, on Graph's own host, and carries the token in its query.
				const next = new URLSearchParams({ ...r.query, after, access_token: FACEBOOK_PAGE_TOKEN });
				paging.next = `${this.origin}${r.path}?${next.toString()}`;
			}
			return [200, { data, paging }];
		}
		if (r.method === 'POST' && r.path === `${pagePath}/feed`) {
			const denied = needsPage();
			if (denied) return denied;
			const body = JSON.parse(r.body || '{}') as { message?: string };
			const post = {
				id: `${FACEBOOK_PAGE}_9990000000000${String(++this.seq).padStart(4, '0')}`,
				message: String(body.message),
				created_time: '2026-11-29T08:00:00+0000',
			};
			this.posts.unshift(post);
			return [200, { id: post.id }];
		}
		if (r.path === `${pagePath}/subscribed_apps`) {
			const denied = needsPage();
			if (denied) return denied;
			if (r.method === 'POST') {
				this.subscribedFields = String(r.query.subscribed_fields ?? '')
					.split(',')
					.filter(Boolean);
				return [200, { success: true }];
			}
			if (r.method === 'GET') {
				return [
					200,
					{
						data: this.subscribedFields
							? [
									{
										id: FACEBOOK_APP_ID,
										name: 'E2E App',
										link: 'https://e2e.test/',
										subscribed_fields: this.subscribedFields,
									},
								]
							: [],
					},
				];
			}
			if (r.method === 'DELETE') {
				this.subscribedFields = undefined;
				return [200, { success: true }];
			}
		}
		return metaError(`Unsupported ${r.method.toLowerCase()} request.`, 100, 'GraphMethodException');
	}
}
