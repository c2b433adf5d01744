/**
 * Loopback fakes of the four services' APIs for the end-to-end suite, reached through the engine's
 * operator origin map (N8N_API_CONNECTIONS_ORIGIN_MAP). Each answers as the vendor documents it
 * (shared/reference/services.md and the vendors' API references): the auth it checks, the body encoding
 * it reads, its list paging, its error shape, and its webhook registration API. Every request is
 * recorded (method, path, query, headers, body, answer status) so the suite can check what n8n sent.
 *
 *   Stripe          api.stripe.com        Bearer key; form bodies; Idempotency-Key replays; list paging with
 *                                         limit/starting_after/has_more; POST/GET/DELETE /v1/webhook_endpoints
 *                                         (the create answer carries the whsec_ signing secret, once); coupons,
 *                                         promotion codes, payment links, portal sessions, payouts, events
 *   GitHub          api.github.com        Bearer token + Accept vnd.github+json; repos, issues; repository hooks
 *                                         (the secret is write-only; GitHub answers it as "********")
 *   Instagram       graph.instagram.com   Bearer user token; /me; media containers (FINISHED at once), publish,
 *                                         carousels, comments, stories, tags, mentions, publishing limit,
 *                                         /me/subscribed_apps; rupload.facebook.com takes the bytes of a
 *                                         resumable container (Authorization: OAuth, offset, file_size);
 *                                         the Meta app's instagram subscription on graph.facebook.com
 *                                         (app token; the callback URL is verified with the hub.challenge handshake)
 *   Facebook Pages  graph.facebook.com    user token → Page token (GET /{page}?fields=access_token); Page posts
 *                                         with Graph paging (paging.next carries the token); subscribed_apps
 *   GitLab          gitlab.com            PRIVATE-TOKEN; /api/v4 with the project path as one encoded segment;
 *                                         issues, pipelines (Link paging); project hooks (the token is write-only)
 *   LinkedIn        api.linkedin.com      Bearer member token + LinkedIn-Version + X-Restli-Protocol-Version 2.0.0;
 *                                         /v2/userinfo; /rest/posts (201 + x-restli-id, finder q=author with
 *                                         start/count); share statistics; organization notifications
 *   Pinterest       api.pinterest.com     Bearer token; /v5/user_account; pins on a board with bookmark paging
 *                                         (`{items, bookmark}`); POST /v5/pins; `{code, message}` errors
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

	/** The vendor's answer; a promise when the vendor calls back first (Meta verifies a callback URL). */
	protected abstract route(r: RecordedRequest): Answer | Promise<Answer>;

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
			rawUrl: req.url ?? '/',
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body: Buffer.concat(chunks).toString('utf8'),
			status: 0,
			at: Date.now(),
		};
		this.requests.push(record);
		let answer: Answer;
		try {
			answer = this.override?.(record) ?? (await this.route(record));
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

// ---- LinkedIn -----------------------------------------------------------------------------------------

export const LINKEDIN_TOKEN = 'AQVe2eFakeMemberToken7d6c5b4a3f2e';
export const LINKEDIN_CLIENT_ID = '86e2efake0h5tz';
export const LINKEDIN_CLIENT_SECRET = 'li_e2e_client_secret_4a9c';
export const LINKEDIN_VERSION = '202611';
export const LINKEDIN_ORG = 'urn:li:organization:2414183';
/** OpenID Connect userinfo of the connected member. */
export const LINKEDIN_MEMBER = {
	sub: 'e2eMbr42',
	email_verified: true,
	name: 'E2E Member',
	given_name: 'E2E',
	family_name: 'Member',
	email: 'e2e.member@example.com',
	locale: { country: 'US', language: 'en' },
};
/** Page notifications (Organization Social Action Notifications), newest first. */
export const LINKEDIN_NOTIFICATIONS = [
	{
		lastModifiedAt: 1764633600000,
		organizationalEntity: LINKEDIN_ORG,
		action: 'COMMENT',
		sourcePost: 'urn:li:share:7000000000000000001',
		generatedActivity: 'urn:li:comment:(urn:li:activity:7000000000000000001,7000000000000000101)',
	},
	{
		lastModifiedAt: 1764630000000,
		organizationalEntity: LINKEDIN_ORG,
		action: 'SHARE_MENTION',
		sourcePost: 'urn:li:share:7000000000000000002',
		generatedActivity: 'urn:li:share:7000000000000000002',
	},
];

const linkedInError = (status: number, message: string, serviceErrorCode = status): Answer => [
	status,
	{ serviceErrorCode, message, status },
];

export class LinkedInFake extends ServiceFake {
	readonly origin = 'https://api.linkedin.com';
	/** Posts created, newest first. */
	readonly posts: Array<Record<string, unknown>> = [];
	/** The page's notifications, newest first (a test adds new ones). */
	readonly notifications: Array<Record<string, unknown>> = [LINKEDIN_NOTIFICATIONS[1]];
	private seq = 0;

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${LINKEDIN_TOKEN}`)
			return linkedInError(401, 'Invalid access token', 65600);
		if (r.method === 'GET' && r.path === '/v2/userinfo') return [200, LINKEDIN_MEMBER];
		if (!r.path.startsWith('/rest/')) return linkedInError(404, 'Not found');
		// Versioned APIs: both headers, or LinkedIn refuses the call.
		if (r.headers['linkedin-version'] !== LINKEDIN_VERSION)
			return linkedInError(426, 'Requested version is not active', 426);
		if (r.headers['x-restli-protocol-version'] !== '2.0.0')
			return linkedInError(400, 'Rest.li protocol version 2.0.0 is required');
		if (r.method === 'POST' && r.path === '/rest/posts') {
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			if (typeof body.author !== 'string' || typeof body.commentary !== 'string')
				return linkedInError(422, 'ERROR :: /author :: field is required');
			const id = `urn:li:share:70000000000000${String(++this.seq).padStart(5, '0')}`;
			this.posts.unshift({ id, ...body, createdAt: 1764633600000 + this.seq });
			return [201, undefined, { 'x-restli-id': id }];
		}
		if (r.method === 'GET' && r.path === '/rest/posts' && r.query.q === 'author') {
			const start = Number(r.query.start ?? 0);
			const count = Number(r.query.count ?? 10);
			const mine = this.posts.filter((p) => p.author === r.query.author);
			return [
				200,
				{
					paging: { start, count, total: mine.length },
					elements: mine.slice(start, start + count),
				},
			];
		}
		if (
			r.method === 'GET' &&
			r.path === '/rest/organizationalEntityNotifications' &&
			r.query.q === 'criteria'
		)
			return [
				200,
				{
					paging: { start: Number(r.query.start ?? 0), count: 50, links: [] },
					elements: this.notifications,
				},
			];
		return linkedInError(404, `No route for ${r.method} ${r.path}`);
	}
}

// ---- Stripe -------------------------------------------------------------------------------------------

export const STRIPE_KEY = 'sk_test_51E2eFakeKey0a1b2c3d4e5f6';
/** The API version the package pins (nodes/Stripe/Stripe.events.ts); every request must carry it. */
export const STRIPE_API_VERSION = '2026-10-28.endive';
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
	readonly coupons = new Map<string, Record<string, unknown>>();
	readonly payouts = new Map<string, Record<string, unknown>>();
	/** Events, newest first, as GET /v1/events lists them. */
	readonly events = [
		'invoice.paid',
		'customer.created',
		'invoice.payment_failed',
		'invoice.created',
	].map((type, i) => ({
		id: `evt_E2eSeed${String(4 - i).padStart(4, '0')}`,
		object: 'event',
		type,
		api_version: STRIPE_API_VERSION,
		created: 1_780_000_000 - i * 60,
		livemode: false,
	}));

	private nextId(prefix: string): string {
		return `${prefix}_E2e${String(++this.seq).padStart(4, '0')}`;
	}

	/**
	 * Coupons, promotion codes, payment links, portal sessions, payouts and events (issue 15's objects), as
	 * docs.stripe.com/api documents them: required parameters enforced with Stripe's 400 `parameter_missing`,
	 * unknown ids answered with 404 `resource_missing`, a payout cancelable only while pending.
	 */
	private objects(r: RecordedRequest, headers: Record<string, string>): Answer | undefined {
		const f = formFields(r.body);
		const missing = (param: string): Answer => [
			400,
			{
				error: {
					type: 'invalid_request_error',
					code: 'parameter_missing',
					param,
					message: `Missing required param: ${param}.`,
				},
			},
			headers,
		];
		const noSuch = (what: string, id: string): Answer => [
			404,
			{
				error: {
					type: 'invalid_request_error',
					code: 'resource_missing',
					message: `No such ${what}: '${id}'`,
				},
			},
			headers,
		];
		let m: RegExpExecArray | null;
		if (r.method === 'POST' && r.path === '/v1/coupons') {
			if (!f.duration) return missing('duration');
			const coupon = {
				id: String(f.id ?? this.nextId('cpn')),
				object: 'coupon',
				duration: f.duration,
				duration_in_months: f.duration_in_months ? Number(f.duration_in_months) : null,
				name: f.name ?? null,
				percent_off: f.percent_off ? Number(f.percent_off) : null,
				valid: true,
				livemode: false,
			};
			this.coupons.set(coupon.id, coupon);
			return [200, coupon, headers];
		}
		if (r.method === 'POST' && r.path === '/v1/promotion_codes') {
			if (f['promotion[type]'] !== 'coupon') return missing('promotion[type]');
			const coupon = String(f['promotion[coupon]'] ?? '');
			if (!this.coupons.has(coupon)) return noSuch('coupon', coupon);
			return [
				200,
				{
					id: this.nextId('promo'),
					object: 'promotion_code',
					active: true,
					code: f.code ?? 'GENERATED1',
					promotion: { type: 'coupon', coupon },
					restrictions: {
						first_time_transaction: f['restrictions[first_time_transaction]'] === 'true',
					},
					livemode: false,
				},
				headers,
			];
		}
		if (r.method === 'POST' && r.path === '/v1/payment_links') {
			if (!f['line_items[0][price]']) return missing('line_items');
			const metadata: Record<string, string> = {};
			for (const [k, v] of Object.entries(f))
				if (k.startsWith('metadata[')) metadata[k.slice(9, -1)] = String(v);
			const id = this.nextId('plink');
			return [
				200,
				{
					id,
					object: 'payment_link',
					active: true,
					allow_promotion_codes: f.allow_promotion_codes === 'true',
					metadata,
					url: `https://buy.stripe.com/test_${id}`,
					livemode: false,
				},
				headers,
			];
		}
		if (r.method === 'POST' && r.path === '/v1/billing_portal/sessions') {
			const customer = String(f.customer ?? '');
			if (!customer) return missing('customer');
			if (!this.customers.some((c) => c.id === customer)) return noSuch('customer', customer);
			const id = this.nextId('bps');
			return [
				200,
				{
					id,
					object: 'billing_portal.session',
					customer,
					locale: f.locale ?? null,
					return_url: f.return_url ?? null,
					url: `https://billing.stripe.com/p/session/test_${id}`,
					livemode: false,
				},
				headers,
			];
		}
		if (r.method === 'POST' && r.path === '/v1/payouts') {
			if (!f.amount) return missing('amount');
			if (!f.currency) return missing('currency');
			const payout = {
				id: this.nextId('po'),
				object: 'payout',
				amount: Number(f.amount),
				currency: f.currency,
				description: f.description ?? null,
				method: f.method ?? 'standard',
				status: 'pending',
				livemode: false,
			};
			this.payouts.set(payout.id, payout);
			return [200, payout, headers];
		}
		if (r.method === 'POST' && (m = /^\/v1\/payouts\/(\w+)\/cancel$/.exec(r.path))) {
			const payout = this.payouts.get(m[1]);
			if (!payout) return noSuch('payout', m[1]);
			if (payout.status !== 'pending')
				return [
					400,
					{
						error: {
							type: 'invalid_request_error',
							message: `Payout ${m[1]} cannot be canceled because it is ${String(payout.status)}.`,
						},
					},
					headers,
				];
			payout.status = 'canceled';
			return [200, payout, headers];
		}
		if (r.method === 'GET' && r.path === '/v1/events') {
			// `type` takes one * wildcard part, e.g. invoice.*
			const pattern = r.query.type
				? new RegExp(`^${r.query.type.replace(/\./g, '\\.').replace(/\*/g, '[^.]+')}$`)
				: undefined;
			const matching = this.events.filter((e) => !pattern || pattern.test(e.type));
			const limit = Math.min(100, Math.max(1, Number(r.query.limit ?? 10)));
			const from = r.query.starting_after
				? matching.findIndex((e) => e.id === r.query.starting_after) + 1
				: 0;
			return [
				200,
				{
					object: 'list',
					url: '/v1/events',
					has_more: from + limit < matching.length,
					data: matching.slice(from, from + limit),
				},
				headers,
			];
		}
		return undefined;
	}

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
		const objects = this.objects(r, headers);
		if (objects) return objects;
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

// ---- GitLab ------------------------------------------------------------------------------------------

export const GITLAB_TOKEN = 'glpat-e2eFakeToken7d6c5b4a3f2e1d0c';
/** A project in a subgroup: its path goes to GitLab as ONE segment, e2e-group%2Fplatform%2Fwidgets. */
export const GITLAB_PROJECT = 'e2e-group/platform/widgets';
export const GITLAB_USER = { id: 4242, username: 'e2e-bot', name: 'E2E Bot', state: 'active' };

export interface GitlabHook {
	id: number;
	url: string;
	token?: string;
	[flag: string]: unknown;
}

/**
 * GitLab REST API v4 on gitlab.com: `PRIVATE-TOKEN` auth (`{"message":"401 Unauthorized"}` otherwise), the
 * namespaced project id as one encoded segment (a decoded `/` is another route: 404), Link-header paging,
 * RateLimit-* headers, and project hooks whose secret token is write-only (never shown again).
 */
export class GitlabFake extends ServiceFake {
	readonly origin = 'https://gitlab.com';
	readonly hooks = new Map<number, GitlabHook>();
	/** Every hook ever created, with the token n8n sent for it. */
	readonly created: GitlabHook[] = [];
	private hookSeq = 1_200;
	private issueSeq = 0;

	readonly project = {
		id: 278_964,
		name: 'widgets',
		path_with_namespace: GITLAB_PROJECT,
		default_branch: 'main',
		visibility: 'private',
		web_url: `https://gitlab.com/${GITLAB_PROJECT}`,
	};

	protected route(r: RecordedRequest): Answer {
		const headers = {
			'x-request-id': `01JE2E${this.requests.length}`,
			'ratelimit-limit': '2000',
			'ratelimit-observed': String(this.requests.length),
			'ratelimit-remaining': String(2000 - this.requests.length),
			'ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60),
			'ratelimit-name': 'throttle_authenticated_api',
		};
		if (r.headers['private-token'] !== GITLAB_TOKEN)
			return [401, { message: '401 Unauthorized' }, headers];
		const notFound: Answer = [404, { message: '404 Not Found' }, headers];
		const project = `/api/v4/projects/${encodeURIComponent(GITLAB_PROJECT)}`;
		let m: RegExpMatchArray | null;
		if (r.method === 'GET' && r.path === '/api/v4/user') return [200, GITLAB_USER, headers];
		if (r.method === 'GET' && r.path === project) return [200, this.project, headers];
		if (r.method === 'POST' && r.path === `${project}/issues`) {
			const body = JSON.parse(r.body) as { title: string; description?: string; labels?: string };
			const iid = ++this.issueSeq;
			return [
				201,
				{
					id: 9_000 + iid,
					iid,
					project_id: this.project.id,
					title: body.title,
					description: body.description ?? null,
					state: 'opened',
					labels: (body.labels ?? '').split(',').filter(Boolean),
					web_url: `https://gitlab.com/${GITLAB_PROJECT}/-/issues/${iid}`,
				},
				headers,
			];
		}
		if (r.method === 'POST' && r.path === `${project}/pipeline`) {
			const body = JSON.parse(r.body) as { ref: string; variables?: unknown[] };
			return [201, { id: 61, iid: 12, ref: body.ref, status: 'pending', source: 'api' }, headers];
		}
		if (r.method === 'GET' && r.path === `${project}/pipelines`) {
			// Two pages by Link header: page 2 has no rel="next".
			const page = r.query.page ?? '1';
			const link: Record<string, string> =
				page === '1'
					? {
							link: `<${this.origin}${project}/pipelines?page=2&per_page=${r.query.per_page}&ref=main>; rel="next"`,
						}
					: {};
			return [
				200,
				[{ id: page === '1' ? 61 : 60, ref: 'main', status: 'success' }],
				{ ...headers, ...link },
			];
		}
		if (r.method === 'GET' && r.path === `${project}/hooks`)
			return [200, [...this.hooks.values()].map((h) => this.shown(h)), headers];
		if (r.method === 'POST' && r.path === `${project}/hooks`) {
			const body = JSON.parse(r.body) as Omit<GitlabHook, 'id'>;
			const hook: GitlabHook = { ...body, url: String(body.url), id: ++this.hookSeq };
			this.hooks.set(hook.id, hook);
			this.created.push(hook);
			return [201, this.shown(hook), headers];
		}
		if ((m = new RegExp(`^${project}/hooks/(\\d+)$`).exec(r.path))) {
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

	/** The token is write-only: GitLab never shows it. */
	private shown(hook: GitlabHook): Omit<GitlabHook, 'token'> {
		const { token: _token, ...rest } = hook;
		return rest;
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
	/** Containers whose bytes reached rupload.facebook.com (resumable uploads). */
	readonly uploaded = new Set<string>();
	/** Comments and mention replies posted, with their bodies. */
	readonly comments: Array<Record<string, unknown>> = [];
	/** The account's subscription to the app (POST /me/subscribed_apps), or undefined. */
	subscribedFields: string[] | undefined;
	private seq = 0;

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${INSTAGRAM_TOKEN}`)
			return metaError('Invalid OAuth access token - Cannot parse access token', 190);
		let m: RegExpMatchArray | null;
		if (
			r.method === 'GET' &&
			r.path === `${GRAPH}/me` &&
			!String(r.query.fields ?? '').startsWith('mentioned_')
		) {
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
			const fields = JSON.parse(r.body || '{}') as Record<string, unknown>;
			this.containers.set(id, fields);
			// A resumable container answers with the upload URI; its status stays IN_PROGRESS until the bytes arrive.
			if (fields.upload_type === 'resumable')
				return [200, { id, uri: `https://rupload.facebook.com/ig-api-upload/v21.0/${id}` }];
			return [200, { id }];
		}
		if (r.method === 'POST' && r.path === `${GRAPH}/me/subscribed_apps`) {
			this.subscribedFields = String(r.query.subscribed_fields ?? '').split(',');
			return [200, { success: true }];
		}
		if (r.method === 'GET' && r.path === `${GRAPH}/me/stories`)
			return [
				200,
				{ data: [INSTAGRAM_STORY], paging: { cursors: { before: 'QVFI', after: 'QVFJ' } } },
			];
		if (r.method === 'GET' && r.path === `${GRAPH}/me/tags`)
			return [
				200,
				{ data: [INSTAGRAM_TAGGED], paging: { cursors: { before: 'QVFK', after: 'QVFL' } } },
			];
		if (r.method === 'GET' && r.path === `${GRAPH}/me/content_publishing_limit`)
			return [
				200,
				{
					data: [
						{
							quota_usage: this.published.length,
							config: { quota_total: 50, quota_duration: 86400 },
						},
					],
				},
			];
		if (
			r.method === 'GET' &&
			r.path === `${GRAPH}/me` &&
			String(r.query.fields).startsWith('mentioned_media.media_id(')
		) {
			const id = /^mentioned_media\.media_id\((\d+)\)\{([^}]*)\}$/.exec(String(r.query.fields));
			if (!id || id[1] !== INSTAGRAM_TAGGED.id)
				return metaError('(#100) Invalid media id', 100, 'IGApiException');
			return [200, { mentioned_media: INSTAGRAM_TAGGED, id: INSTAGRAM_USER.id }];
		}
		if (r.method === 'POST' && r.path === `${GRAPH}/me/mentions`) {
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			if (body.media_id !== INSTAGRAM_TAGGED.id || typeof body.message !== 'string')
				return metaError('(#100) The parameter media_id is required', 100, 'IGApiException');
			this.comments.push(body);
			return [200, { id: `1784631983822${String(++this.seq).padStart(4, '0')}` }];
		}
		if (r.method === 'POST' && (m = new RegExp(`^${GRAPH}/(\\d+)/comments$`).exec(r.path))) {
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			this.comments.push({ media_id: m[1], ...body });
			return [200, { id: `1786579934808${String(++this.seq).padStart(4, '0')}` }];
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
			// An image container is processed at once; a resumable one once its bytes arrived.
			const done = this.published.includes(m[1]);
			if (this.containers.get(m[1])?.upload_type === 'resumable' && !this.uploaded.has(m[1]))
				return [
					200,
					{ status_code: 'IN_PROGRESS', status: 'In Progress: waiting for the upload', id: m[1] },
				];
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

export const INSTAGRAM_STORY = {
	id: '17887498072083521',
	media_type: 'IMAGE',
	media_product_type: 'STORY',
	media_url: 'https://scontent.cdninstagram.com/v/story.jpg',
	permalink: 'https://www.instagram.com/stories/e2e.shop/17887498072083521/',
	timestamp: '2026-11-28T09:00:00+0000',
	username: 'e2e.shop',
};
/** Media of another account that tags (and @mentions) the e2e account. */
export const INSTAGRAM_TAGGED = {
	id: '17920112008063024',
	caption: 'Best bread in town @e2e.shop',
	media_type: 'IMAGE',
	media_url: 'https://scontent.cdninstagram.com/v/tagged.jpg',
	permalink: 'https://www.instagram.com/p/C1a2b3/',
	timestamp: '2026-11-27T18:00:00+0000',
	username: 'fan',
};

/** rupload.facebook.com: the bytes of a resumable Instagram container (Authorization: OAuth, offset, file_size). */
export class RuploadFake extends ServiceFake {
	readonly origin = 'https://rupload.facebook.com';
	constructor(private readonly instagram: InstagramFake) {
		super();
	}

	protected route(r: RecordedRequest): Answer {
		const m = /^\/ig-api-upload\/v21\.0\/(\d+)$/.exec(r.path);
		if (r.method !== 'POST' || !m || !this.instagram.containers.has(m[1]))
			return metaError('Unsupported request.', 100, 'GraphMethodException');
		if (r.headers.authorization !== `OAuth ${INSTAGRAM_TOKEN}`)
			return metaError('Invalid OAuth access token - Cannot parse access token', 190);
		if (r.headers.offset !== '0' || Number(r.headers.file_size) !== Buffer.byteLength(r.body))
			return [400, { success: false, message: 'offset and file_size must describe the body' }];
		this.instagram.uploaded.add(m[1]);
		return [200, { success: true, message: 'Upload successful.' }];
	}
}

export const FACEBOOK_USER_TOKEN = 'EAAe2eFakeUserToken1a2b3c4d5e6f';
export const FACEBOOK_PAGE_TOKEN = 'EAAe2eFakePageToken9f8e7d6c5b4a';
export const FACEBOOK_APP_ID = '990011223344556';
export const FACEBOOK_APP_SECRET = 'fb_e2e_app_secret_8b2c41';
export const FACEBOOK_PAGE = '104589323456789';
/** The Facebook Ads credential's user token (Facebook Login with ads_read, ads_management) and its ad account. */
export const FACEBOOK_ADS_TOKEN = 'EAAe2eFakeAdsToken5c6d7e8f9a0b1c';
export const FACEBOOK_AD_ACCOUNT = 'act_1234567890';
/** A Messenger conversation of the Page with one person (PSID 6543210987654321). */
export const FACEBOOK_CONVERSATION = {
	id: 't_10161234567890123',
	updated_time: '2026-11-28T12:00:00+0000',
	message_count: 1,
	unread_count: 1,
	participants: { data: [{ name: 'Ann', id: '6543210987654321' }] },
	link: `/${FACEBOOK_PAGE}/inbox/10161234567890123/`,
};

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

	/** Messages sent as the Page (Send API bodies). */
	readonly sent: unknown[] = [];
	/** Campaigns created through the Marketing API, by id. */
	readonly campaigns = new Map<string, Record<string, unknown>>();

	/** The Instagram app's `instagram` subscription (POST /{app-id}/subscriptions), or undefined. */
	instagramSubscription:
		{ callback_url: string; fields: string[]; verify_token: string } | undefined;
	/** What the callback answered to the verification handshake of each subscription POST. */
	readonly handshakes: Array<{ status: number; text: string }> = [];

	/**
	 * App subscriptions with the app token `{app-id}|{app-secret}`: GET lists them, POST verifies the callback URL
	 * first (GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…, which must echo the challenge, as Meta
	 * does) and answers (#2200) when it does not, DELETE ?object= removes one.
	 */
	private async appSubscriptions(r: RecordedRequest): Promise<Answer> {
		if (r.method === 'GET')
			return [
				200,
				{
					data: this.instagramSubscription
						? [
								{
									object: 'instagram',
									callback_url: this.instagramSubscription.callback_url,
									active: true,
									fields: this.instagramSubscription.fields.map((name) => ({
										name,
										version: 'v21.0',
									})),
								},
							]
						: [],
				},
			];
		if (r.method === 'DELETE') {
			if (r.query.object === 'instagram') this.instagramSubscription = undefined;
			return [200, { success: true }];
		}
		if (r.method !== 'POST') return metaError('Unsupported request.', 100, 'GraphMethodException');
		const form = Object.fromEntries(new URLSearchParams(r.body));
		if (form.object !== 'instagram' || !form.callback_url || !form.fields || !form.verify_token)
			return metaError('(#100) object, callback_url, fields and verify_token are required', 100);
		const challenge = String(Date.now());
		const url = new URL(form.callback_url);
		url.search = new URLSearchParams({
			'hub.mode': 'subscribe',
			'hub.challenge': challenge,
			'hub.verify_token': form.verify_token,
		}).toString();
		const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) }).then(
			async (res) => ({ status: res.status, text: await res.text() }),
			(error: Error) => ({ status: 0, text: error.message }),
		);
		this.handshakes.push(answer);
		if (answer.status !== 200 || answer.text !== challenge)
			return metaError(
				`(#2200) callback verification failed: received HTTP code ${answer.status}`,
				2200,
				'OAuthException',
			);
		this.instagramSubscription = {
			callback_url: form.callback_url,
			fields: form.fields.split(','),
			verify_token: form.verify_token,
		};
		return [200, { success: true }];
	}

	protected route(r: RecordedRequest): Answer | Promise<Answer> {
		const auth = String(r.headers.authorization ?? '');
		if (auth === `Bearer ${FACEBOOK_ADS_TOKEN}`) return this.marketing(r);
		if (r.path === `${GRAPH}/${INSTAGRAM_APP_ID}/subscriptions`)
			return auth === `Bearer ${INSTAGRAM_APP_ID}|${INSTAGRAM_APP_SECRET}`
				? this.appSubscriptions(r)
				: metaError('(#15) This method must be called with an app access_token.', 15);
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
		if (r.method === 'GET' && r.path === `${pagePath}/conversations`) {
			const denied = needsPage();
			if (denied) return denied;
			return [
				200,
				{ data: [FACEBOOK_CONVERSATION], paging: { cursors: { before: 'MA', after: 'MA' } } },
			];
		}
		if (r.method === 'POST' && r.path === `${pagePath}/messages`) {
			const denied = needsPage();
			if (denied) return denied;
			const body = JSON.parse(r.body || '{}') as {
				recipient?: { id?: string };
				messaging_type?: string;
			};
			if (!body.messaging_type)
				return metaError('(#100) The parameter messaging_type is required', 100);
			this.sent.push(body);
			return [200, { recipient_id: body.recipient?.id, message_id: `m_e2e${this.sent.length}` }];
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

	/**
	 * The Marketing API as documented (developers.facebook.com/docs/marketing-api/reference): campaign create
	 * (`special_ad_categories` required), status updates, insights; each answer reports the ad account's usage.
	 */
	private marketing(r: RecordedRequest): Answer {
		const usage = {
			'x-ad-account-usage': JSON.stringify({
				acc_id_util_pct: 4,
				reset_time_duration: 0,
				ads_api_access_tier: 'development_access',
			}),
		};
		if (r.method === 'GET' && r.path === `${GRAPH}/me`)
			return [200, { id: '10158000000000002', name: 'E2E Advertiser' }];
		const account = `${GRAPH}/${FACEBOOK_AD_ACCOUNT}`;
		if (r.method === 'GET' && r.path === `${GRAPH}/me/adaccounts`)
			return [
				200,
				{
					data: [{ id: FACEBOOK_AD_ACCOUNT, name: 'E2E Ads', currency: 'EUR' }],
					paging: { cursors: { before: 'MA', after: 'MA' } },
				},
				usage,
			];
		// Ad sets of a campaign and ads of the account: one of each per campaign created here.
		const adsets = new RegExp(`^${GRAPH}/(\\d+)/adsets$`).exec(r.path);
		if (r.method === 'GET' && adsets && this.campaigns.has(adsets[1]))
			return [
				200,
				{ data: [{ id: '120210000000009001', name: 'E2E ad set', campaign_id: adsets[1] }] },
				usage,
			];
		if (r.method === 'GET' && r.path === `${account}/ads`)
			return [
				200,
				{
					data: [...this.campaigns.keys()].map((c, i) => ({
						id: `12021000000009${String(i + 1).padStart(3, '0')}`,
						name: 'E2E ad',
						campaign_id: c,
					})),
				},
				usage,
			];
		if (r.method === 'POST' && r.path === `${account}/campaigns`) {
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			if (!Array.isArray(body.special_ad_categories))
				return metaError('(#100) The parameter special_ad_categories is required', 100);
			const id = `12021000000000${String(this.campaigns.size + 1).padStart(4, '0')}`;
			this.campaigns.set(id, { id, ...body });
			return [200, { id }, usage];
		}
		const campaign = new RegExp(`^${GRAPH}/(\\d+)(/insights)?$`).exec(r.path);
		const found = campaign && this.campaigns.get(campaign[1]);
		if (!found) return metaError('(#100) Unsupported request or unknown object', 100);
		if (r.method === 'POST' && !campaign[2]) {
			Object.assign(found, JSON.parse(r.body || '{}'));
			return [200, { success: true }, usage];
		}
		if (r.method === 'GET' && campaign[2]) {
			const fields = String(r.query.fields ?? '').split(',');
			const rows = ['female', 'male'].map((gender, i) => {
				const all: Record<string, unknown> = {
					campaign_name: found.name,
					impressions: String(1000 + i * 250),
					spend: (12.5 + i).toFixed(2),
					gender,
					date_start: '2026-11-25',
					date_stop: '2026-12-01',
				};
				return Object.fromEntries(
					Object.entries(all).filter(
						([k]) => fields.includes(k) || k === 'gender' || k.startsWith('date_'),
					),
				);
			});
			return [200, { data: rows, paging: { cursors: { before: 'MA', after: 'MQ' } } }, usage];
		}
		return metaError(`Unsupported ${r.method.toLowerCase()} request.`, 100, 'GraphMethodException');
	}
}

// ---- Pinterest ----------------------------------------------------------------------------------------

export const PINTEREST_TOKEN = 'pina_E2EFAKEACCESSTOKEN0a1b2c3d';
export const PINTEREST_APP_ID = '1507742';
export const PINTEREST_APP_SECRET = 'pin_e2e_app_secret_5c0ffee';
export const PINTEREST_BOARD = '549755885175';
export const PINTEREST_USER = {
	account_type: 'BUSINESS',
	id: '2783136121146311751',
	username: 'ada_bakes',
	business_name: 'Ada Bakes',
	board_count: 1,
	pin_count: 3,
	follower_count: 10,
	following_count: 347,
	monthly_views: 163,
};

interface PinterestPin {
	id: string;
	created_at: string;
	title: string;
	board_id: string;
	link?: string;
	media_source?: unknown;
}

export class PinterestFake extends ServiceFake {
	readonly origin = 'https://api.pinterest.com';
	/** The board's Pins, newest first (as Pinterest lists a board); 3 seeded. */
	readonly pins: PinterestPin[] = [3, 2, 1].map((n) => ({
		id: `81374422642079588${n}`,
		created_at: `2026-11-2${n}T10:00:00`,
		title: `Seeded pin ${n}`,
		board_id: PINTEREST_BOARD,
	}));
	/** Page size the fake uses whatever `page_size` asks, so two Pins make a second page. */
	static readonly PAGE = 2;
	private seq = 0;

	/** A Pin added on Pinterest's side (what the trigger should see next). */
	addPin(title: string): PinterestPin {
		const pin = {
			id: `81374422642079590${++this.seq}`,
			created_at: `2026-12-0${this.seq}T10:00:00`,
			title,
			board_id: PINTEREST_BOARD,
		};
		this.pins.unshift(pin);
		return pin;
	}

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${PINTEREST_TOKEN}`)
			return [401, { code: 2, message: 'Authentication failed.' }];
		if (r.method === 'GET' && r.path === '/v5/user_account') return [200, PINTEREST_USER];
		if (r.method === 'GET' && r.path === `/v5/boards/${PINTEREST_BOARD}/pins`) {
			const start = Number(r.query.bookmark ?? 0);
			const items = this.pins.slice(start, start + PinterestFake.PAGE);
			const next = start + PinterestFake.PAGE;
			return [200, { items, bookmark: next < this.pins.length ? String(next) : null }];
		}
		if (r.method === 'POST' && r.path === '/v5/pins') {
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			if (body.board_id !== PINTEREST_BOARD)
				return [404, { code: 40, message: 'Board not found.' }];
			const pin = this.addPin(String(body.title ?? ''));
			Object.assign(pin, { link: body.link, media_source: body.media_source });
			return [200, pin];
		}
		return [404, { code: 404, message: `No route ${r.method} ${r.path}` }];
	}
}
