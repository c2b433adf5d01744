/**
 * Facebook Pages node: every operation inside a real n8n workflow, asserting the exact requests (the Page
 * token lookup with the user token, then the call signed with the Page token) and the exact output items.
 * Fakes follow Meta's documented behaviour (services.md § Meta; Pages API posts, insights, comments).
 * The Page token is a secret fetched at run time: no output, error or run data may contain it.
 */
import nock from 'nock';
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { ApiConnFacebookPagesOAuth2Api } from '../../credentials/ApiConnFacebookPagesOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { FacebookPages } from '../../nodes/FacebookPages/FacebookPages.node';
import { facebookPagesDefinition } from '../../nodes/FacebookPages/FacebookPages.service';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, testCredential, type RunNodeOptions, type RunNodeResult } from '../harness';

const HOST = 'https://graph.facebook.com';
const V = '/v21.0';
const USER_TOKEN = 'EAAGm0PX4ZCpsBAUserToken1234567890';
const PAGE_TOKEN = 'EAAGm0PX4ZCpsBAPageToken0987654321';
const PAGE = '104589323456789';
const POST_ID = `${PAGE}_122101234567890123`;
const COMMENT_ID = '122101234567890123_1234567890123456';
const credentials = {
	apiConnFacebookPagesOAuth2Api: {
		clientId: '990011223344556',
		clientSecret: 'fb_app_secret_9d8c7b',
		oauthTokenData: { access_token: USER_TOKEN, token_type: 'bearer' },
	},
};
let clock: FakeClock;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock();
	// No connections observer here (workspace rule, account lookup): test/nodes/connections-*.test.ts cover it.
	useRuntime({ clock, random: () => 0.5, observers: [] });
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

/** Drive virtual time while the workflow runs, so retries and rate-limit waits take no real time. */
const drive = (run: Promise<RunNodeResult>) => driveClock(clock, run);

function run(
	parameters: RunNodeOptions['node']['parameters'],
	extra: Partial<RunNodeOptions> = {},
) {
	const { node, ...rest } = extra;
	return drive(
		runNode({
			nodeTypes: [new FacebookPages()],
			credentialTypes: [new ApiConnFacebookPagesOAuth2Api()],
			credentials,
			node: { ...node, type: 'facebookPages', parameters },
			...rest,
		}),
	);
}

interface Seen {
	method: string;
	uri: string;
	body: string;
	auth: string | undefined;
}

function fake(...replies: Array<[string, number, unknown, Record<string, string>?]>): Seen[] {
	const seen: Seen[] = [];
	let scope = nock(HOST);
	for (const [method, status, body, headers] of replies) {
		scope = scope
			.intercept(() => true, method)
			.reply(function (uri, requestBody) {
				seen.push({
					method: this.req.method,
					uri,
					body: typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody),
					auth: this.req.headers.authorization as string | undefined,
				});
				return [
					status,
					body as nock.Body,
					{ 'content-type': 'application/json', ...(headers ?? {}) },
				];
			});
	}
	return seen;
}

const q = (value: string) => encodeURIComponent(value);
const POST_FIELDS =
	'id,message,created_time,updated_time,permalink_url,status_type,full_picture,is_published';
const COMMENT_FIELDS = 'id,message,from,created_time,like_count,comment_count,parent';
const PAGE_FIELDS = 'id,name,about,category,fan_count,followers_count,link,username,website';
const p = (resource: string, operation: string, rest: INodeParameters = {}): INodeParameters => ({
	resource,
	operation,
	...rest,
});

/** The Page token lookup every Page-token operation starts with (user token; Page token in the answer). */
const tokenLookup: [string, number, unknown] = ['GET', 200, { access_token: PAGE_TOKEN, id: PAGE }];
const TOKEN_URI = `${V}/${PAGE}?fields=access_token`;

const fbPost = {
	id: POST_ID,
	message: 'Hello from n8n',
	created_time: '2026-11-28T10:00:00+0000',
	permalink_url: `https://www.facebook.com/${PAGE}/posts/122101234567890123`,
	status_type: 'mobile_status_update',
	is_published: true,
};
const comment = {
	id: COMMENT_ID,
	message: 'Great news!',
	from: { name: 'Ann', id: '5550001' },
	created_time: '2026-11-28T11:00:00+0000',
	like_count: 2,
	comment_count: 0,
};

const conversation = {
	id: 't_10161234567890123',
	updated_time: '2026-11-28T12:00:00+0000',
	message_count: 3,
	unread_count: 1,
	participants: {
		data: [
			{ name: 'Ann', email: '6543210987654321@facebook.com', id: '6543210987654321' },
			{ name: 'Acme Bakery', email: `${PAGE}@facebook.com`, id: PAGE },
		],
	},
	link: '/104589323456789/inbox/10161234567890123/',
};
const message = {
	id: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM',
	created_time: '2026-11-28T12:00:00+0000',
	from: { name: 'Ann', email: '6543210987654321@facebook.com', id: '6543210987654321' },
	to: { data: [{ name: 'Acme Bakery', email: `${PAGE}@facebook.com`, id: PAGE }] },
	message: 'Is the shop open on Sunday?',
};

interface Case {
	title: string;
	parameters: INodeParameters;
	method: string;
	uri: string;
	body?: unknown;
	reply: unknown;
	output: unknown[];
}

const pageCases: Case[] = [
	{
		title: 'post.create: message and link on /{page-id}/feed',
		parameters: p('post', 'create', {
			pageId: PAGE,
			additionalFields: { messageText: 'Hello from n8n', link: 'https://example.com/launch' },
		}),
		method: 'POST',
		uri: `${V}/${PAGE}/feed`,
		body: { message: 'Hello from n8n', link: 'https://example.com/launch' },
		reply: { id: POST_ID },
		output: [{ id: POST_ID }],
	},
	{
		title: 'post.create: scheduled (published false + scheduled_publish_time)',
		parameters: p('post', 'create', {
			pageId: PAGE,
			additionalFields: {
				messageText: 'Tomorrow',
				published: false,
				scheduled_publish_time: 1764460800,
			},
		}),
		method: 'POST',
		uri: `${V}/${PAGE}/feed`,
		body: { message: 'Tomorrow', published: false, scheduled_publish_time: 1764460800 },
		reply: { id: POST_ID },
		output: [{ id: POST_ID }],
	},
	{
		title: 'post.create (version 2): a link alone, no message',
		parameters: p('post', 'create', {
			pageId: PAGE,
			additionalFields: { link: 'https://example.com/launch' },
		}),
		method: 'POST',
		uri: `${V}/${PAGE}/feed`,
		body: { link: 'https://example.com/launch' },
		reply: { id: POST_ID },
		output: [{ id: POST_ID }],
	},
	{
		title: 'post.createPhoto: url and caption on /{page-id}/photos',
		parameters: p('post', 'createPhoto', {
			pageId: PAGE,
			url: 'https://cdn.example.com/photo.jpg',
			additionalFields: { caption: 'Our team' },
		}),
		method: 'POST',
		uri: `${V}/${PAGE}/photos`,
		body: { url: 'https://cdn.example.com/photo.jpg', caption: 'Our team' },
		reply: { id: '122101234567890999', post_id: POST_ID },
		output: [{ id: '122101234567890999', post_id: POST_ID }],
	},
	{
		title: 'post.get: default fields',
		parameters: p('post', 'get', { pageId: PAGE, postId: POST_ID }),
		method: 'GET',
		uri: `${V}/${POST_ID}?fields=${q(POST_FIELDS)}`,
		reply: fbPost,
		output: [fbPost],
	},
	{
		title: 'post.getMany: /{page-id}/posts with the limit',
		parameters: p('post', 'getMany', { pageId: PAGE, returnAll: false, limit: 1 }),
		method: 'GET',
		uri: `${V}/${PAGE}/posts?fields=${q(POST_FIELDS)}&limit=1`,
		reply: {
			data: [fbPost],
			paging: {
				cursors: { before: 'QVFIU', after: 'QVFIV' },
				next: `${HOST}${V}/${PAGE}/posts?limit=1&after=QVFIV&access_token=${PAGE_TOKEN}`,
			},
		},
		output: [fbPost],
	},
	{
		title: 'post.update: new message',
		parameters: p('post', 'update', { pageId: PAGE, postId: POST_ID, message: 'Hello again' }),
		method: 'POST',
		uri: `${V}/${POST_ID}`,
		body: { message: 'Hello again' },
		reply: { success: true },
		output: [{ success: true }],
	},
	{
		title: 'post.delete',
		parameters: p('post', 'delete', { pageId: PAGE, postId: POST_ID }),
		method: 'DELETE',
		uri: `${V}/${POST_ID}`,
		reply: { success: true },
		output: [{ success: true }],
	},
	{
		title: 'insights.page: metric and period, one item per metric',
		parameters: p('insights', 'page', {
			pageId: PAGE,
			metric: 'page_impressions_unique,page_post_engagements',
			additionalFields: { period: 'week' },
		}),
		method: 'GET',
		uri: `${V}/${PAGE}/insights?metric=${q('page_impressions_unique,page_post_engagements')}&period=week`,
		reply: {
			data: [
				{
					name: 'page_impressions_unique',
					period: 'week',
					values: [{ value: 4200, end_time: '2026-11-28T08:00:00+0000' }],
					id: `${PAGE}/insights/page_impressions_unique/week`,
				},
				{
					name: 'page_post_engagements',
					period: 'week',
					values: [{ value: 310, end_time: '2026-11-28T08:00:00+0000' }],
					id: `${PAGE}/insights/page_post_engagements/week`,
				},
			],
			paging: {},
		},
		output: [
			{
				name: 'page_impressions_unique',
				period: 'week',
				values: [{ value: 4200, end_time: '2026-11-28T08:00:00+0000' }],
				id: `${PAGE}/insights/page_impressions_unique/week`,
			},
			{
				name: 'page_post_engagements',
				period: 'week',
				values: [{ value: 310, end_time: '2026-11-28T08:00:00+0000' }],
				id: `${PAGE}/insights/page_post_engagements/week`,
			},
		],
	},
	{
		title: 'insights.post: post metrics',
		parameters: p('insights', 'post', {
			pageId: PAGE,
			postId: POST_ID,
			metric: 'post_impressions_unique,post_clicks',
		}),
		method: 'GET',
		uri: `${V}/${POST_ID}/insights?metric=${q('post_impressions_unique,post_clicks')}`,
		reply: {
			data: [
				{
					name: 'post_clicks',
					period: 'lifetime',
					values: [{ value: 17 }],
					id: `${POST_ID}/insights/post_clicks/lifetime`,
				},
			],
		},
		output: [
			{
				name: 'post_clicks',
				period: 'lifetime',
				values: [{ value: 17 }],
				id: `${POST_ID}/insights/post_clicks/lifetime`,
			},
		],
	},
	{
		title: 'comment.getMany: filter stream',
		parameters: p('comment', 'getMany', {
			pageId: PAGE,
			objectId: POST_ID,
			returnAll: false,
			limit: 10,
			additionalFields: { filter: 'stream' },
		}),
		method: 'GET',
		uri: `${V}/${POST_ID}/comments?fields=${q(COMMENT_FIELDS)}&filter=stream&limit=10`,
		reply: { data: [comment], paging: { cursors: { before: 'MQ', after: 'MQ' } } },
		output: [comment],
	},
	{
		title: 'comment.reply: comment as the Page',
		parameters: p('comment', 'reply', { pageId: PAGE, objectId: POST_ID, message: 'Thanks, Ann!' }),
		method: 'POST',
		uri: `${V}/${POST_ID}/comments`,
		body: { message: 'Thanks, Ann!' },
		reply: { id: '122101234567890123_1234567890123999' },
		output: [{ id: '122101234567890123_1234567890123999' }],
	},
	{
		title: 'conversation.getMany: Messenger conversations of the Page',
		parameters: p('conversation', 'getMany', {
			pageId: PAGE,
			returnAll: false,
			limit: 5,
			additionalFields: { platform: 'messenger' },
		}),
		method: 'GET',
		uri: `${V}/${PAGE}/conversations?fields=${q('id,updated_time,message_count,unread_count,participants,link')}&platform=messenger&limit=5`,
		reply: { data: [conversation], paging: { cursors: { before: 'MA', after: 'MA' } } },
		output: [conversation],
	},
	{
		title: 'conversation.getMessages: messages of one conversation',
		parameters: p('conversation', 'getMessages', {
			pageId: PAGE,
			conversationId: 't_10161234567890123',
			returnAll: false,
			limit: 2,
		}),
		method: 'GET',
		uri: `${V}/t_10161234567890123/messages?fields=${q('id,created_time,from,to,message')}&limit=2`,
		reply: { data: [message], paging: { cursors: { before: 'MA', after: 'MA' } } },
		output: [message],
	},
	{
		title: 'conversation.sendMessage: Send API, recipient.id and message.text, tagged',
		parameters: p('conversation', 'sendMessage', {
			pageId: PAGE,
			recipientId: '6543210987654321',
			text: 'Your order has shipped',
			messagingType: 'MESSAGE_TAG',
			additionalFields: { tag: 'POST_PURCHASE_UPDATE' },
		}),
		method: 'POST',
		uri: `${V}/${PAGE}/messages`,
		body: {
			recipient: { id: '6543210987654321' },
			message: { text: 'Your order has shipped' },
			messaging_type: 'MESSAGE_TAG',
			tag: 'POST_PURCHASE_UPDATE',
		},
		reply: { recipient_id: '6543210987654321', message_id: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM' },
		output: [{ recipient_id: '6543210987654321', message_id: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM' }],
	},
	{
		title: 'comment.delete',
		parameters: p('comment', 'delete', { pageId: PAGE, commentId: COMMENT_ID }),
		method: 'DELETE',
		uri: `${V}/${COMMENT_ID}`,
		reply: { success: true },
		output: [{ success: true }],
	},
];

describe('Page-token operations: token lookup with the user token, then the call with the Page token', () => {
	it.each(pageCases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
		const seen = fake(tokenLookup, [c.method, 200, c.reply]);
		const res = await run(c.parameters);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri, s.auth])).toEqual([
			['GET', TOKEN_URI, `Bearer ${USER_TOKEN}`],
			[c.method, c.uri, `Bearer ${PAGE_TOKEN}`],
		]);
		if (c.body === undefined) expect(seen[1].body).toBe('');
		else expect(JSON.parse(seen[1].body)).toEqual(c.body);
		expect(res.outputs[0].map((i) => i.json)).toEqual(c.output);
		// The Page token is a runtime secret: never in outputs or run data.
		expect(JSON.stringify(res.run)).not.toContain(PAGE_TOKEN);
	});
});

describe('post.uploadPhoto: binary data as multipart', () => {
	it('sends the item file as `source` with the caption, signed with the Page token; the field name is not sent', async () => {
		const bytes = Buffer.from([
			0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x0d, 0x0a,
		]);
		const seen: Array<{ type: string; body: Buffer; auth?: string }> = [];
		nock(HOST)
			.get(`${V}/${PAGE}`)
			.query({ fields: 'access_token' })
			.reply(200, { access_token: PAGE_TOKEN, id: PAGE });
		nock(HOST)
			.post(`${V}/${PAGE}/photos`)
			.reply(function (_uri, body) {
				seen.push({
					type: String(this.req.headers['content-type']),
					body: Buffer.from(body as string, 'hex'),
					auth: this.req.headers.authorization as string | undefined,
				});
				return [
					200,
					{ id: '122101234567891000', post_id: POST_ID },
					{ 'content-type': 'application/json' },
				];
			});
		const res = await run(
			p('post', 'uploadPhoto', {
				pageId: PAGE,
				binaryPropertyName: 'photo',
				additionalFields: { caption: 'Fresh bread' },
			}),
			{
				input: [
					{
						json: {},
						binary: {
							photo: {
								data: bytes.toString('base64'),
								mimeType: 'image/jpeg',
								fileName: 'bread.jpg',
							},
						},
					},
				],
			},
		);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{ id: '122101234567891000', post_id: POST_ID },
		]);
		expect(seen).toHaveLength(1);
		expect(seen[0].auth).toBe(`Bearer ${PAGE_TOKEN}`);
		const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(seen[0].type)![1];
		const expected = Buffer.concat([
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nFresh bread\r\n` +
					`--${boundary}\r\nContent-Disposition: form-data; name="source"; filename="bread.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
			),
			bytes,
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		expect(seen[0].body.equals(expected)).toBe(true);
	});

	it('an item without that binary property fails naming it, before any request', async () => {
		const res = await run(p('post', 'uploadPhoto', { pageId: PAGE, binaryPropertyName: 'photo' }));
		expect(res.error?.message).toContain('photo');
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('post.create versions', () => {
	it('version 1 (saved workflows) still sends its required top-level Message', async () => {
		const seen = fake(tokenLookup, ['POST', 200, { id: POST_ID }]);
		const res = await run(p('post', 'create', { pageId: PAGE, message: 'Saved in v1' }), {
			node: { typeVersion: 1 } as RunNodeOptions['node'],
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri])).toEqual([
			['GET', TOKEN_URI],
			['POST', `${V}/${PAGE}/feed`],
		]);
		expect(JSON.parse(seen[1].body)).toEqual({ message: 'Saved in v1' });
	});
});

describe('Page token handling', () => {
	it('items for the same Page share one token lookup', async () => {
		const seen = fake(
			tokenLookup,
			['GET', 200, fbPost],
			['GET', 200, { ...fbPost, message: 'second' }],
		);
		const res = await run(
			p('post', 'get', { pageId: PAGE, postId: POST_ID, options: { concurrency: 1 } }),
			{ input: [{ json: {} }, { json: {} }] },
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.auth)).toEqual([
			`Bearer ${USER_TOKEN}`,
			`Bearer ${PAGE_TOKEN}`,
			`Bearer ${PAGE_TOKEN}`,
		]);
		expect(res.outputs[0].map((i) => i.json.message)).toEqual(['Hello from n8n', 'second']);
	});

	it('Return All follows paging.next, whose URL carries the Page token, and never outputs it', async () => {
		const next = `${HOST}${V}/${PAGE}/posts?fields=${q(POST_FIELDS)}&limit=50&after=QVFIV&access_token=${PAGE_TOKEN}`;
		const second = { ...fbPost, id: `${PAGE}_122101234567890124`, message: 'older' };
		const seen = fake(
			tokenLookup,
			['GET', 200, { data: [fbPost], paging: { cursors: { after: 'QVFIV' }, next } }],
			['GET', 200, { data: [second], paging: { cursors: { after: 'QVFIW' } } }],
		);
		const res = await run(p('post', 'getMany', { pageId: PAGE, returnAll: true }));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			TOKEN_URI,
			`${V}/${PAGE}/posts?fields=${q(POST_FIELDS)}&limit=50`,
			next.slice(HOST.length),
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([fbPost, second]);
		expect(JSON.stringify(res.run)).not.toContain(PAGE_TOKEN);
	});

	it('an error that echoes the Page token is redacted (message, description, run data)', async () => {
		const echo = {
			error: {
				message: `Error validating access token: the session for ${PAGE_TOKEN} has been invalidated`,
				type: 'OAuthException',
				code: 190,
				fbtrace_id: 'AbCdEf',
			},
		};
		fake(tokenLookup, ['POST', 400, echo]);
		const res = await run(p('post', 'create', { pageId: PAGE, message: 'x' }));
		expect(res.error?.message).toContain('[redacted]');
		expect(JSON.stringify(res.error)).not.toContain(PAGE_TOKEN);
		expect(JSON.stringify(res.run)).not.toContain(PAGE_TOKEN);
	});

	it('an error under Continue On Fail keeps the token out of the error item', async () => {
		const echo = {
			error: {
				message: `Invalid OAuth access token ${PAGE_TOKEN}`,
				type: 'OAuthException',
				code: 190,
			},
		};
		fake(tokenLookup, ['DELETE', 400, echo]);
		const res = await run(p('post', 'delete', { pageId: PAGE, postId: POST_ID }), {
			node: { continueOnFail: true } as never,
		});
		expect(res.outputs[0]).toHaveLength(1);
		expect(JSON.stringify(res.outputs)).toContain('[redacted]');
		expect(JSON.stringify(res.run)).not.toContain(PAGE_TOKEN);
	});

	it('a Page the user does not manage (no access_token in the answer) fails with the cause and the fix', async () => {
		const seen = fake(['GET', 200, { id: PAGE }]);
		const res = await run(p('post', 'create', { pageId: PAGE, message: 'x' }));
		expect(seen).toHaveLength(1);
		expect(res.error).toMatchObject({
			message: `Facebook gave no Page access token for Page ${PAGE}.`,
			description:
				'The connected Facebook user must manage this Page (a Page task such as CREATE_CONTENT or MODERATE), and the credential needs pages_show_list and the Page permissions. Check the Page ID with Page → Get Many, or reconnect the credential.',
		});
	});

	it('a Page field that is not an ID fails before any request', async () => {
		const seen = fake();
		const res = await run(p('post', 'create', { pageId: 'My Page', message: 'x' }));
		expect(seen).toEqual([]);
		expect(res.error?.message).toMatch(/^The field 'Page/);
	});

	it('the Page token never reaches the response cache (token lookup is not cacheable)', async () => {
		const seen = fake(tokenLookup, ['GET', 200, fbPost], tokenLookup, ['GET', 200, fbPost]);
		const params = p('post', 'get', {
			pageId: PAGE,
			postId: POST_ID,
			options: { cacheMinutes: 5 },
		});
		await run(params);
		const res = await run(params);
		expect(res.error).toBeUndefined();
		// Second run: the token is looked up again (never cached); the post itself comes from the cache.
		expect(seen.map((s) => s.uri)).toEqual([
			TOKEN_URI,
			`${V}/${POST_ID}?fields=${q(POST_FIELDS)}`,
			TOKEN_URI,
		]);
	});
});

describe('Page resource (user token)', () => {
	it('page.getMany lists the Pages with fixed fields (never access_token)', async () => {
		const pages = [
			{
				id: PAGE,
				name: 'Acme Bakery',
				category: 'Bakery',
				tasks: ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'],
			},
		];
		const seen = fake([
			'GET',
			200,
			{ data: pages, paging: { cursors: { before: 'MA', after: 'MA' } } },
		]);
		const res = await run(p('page', 'getMany', { returnAll: true }));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.uri, s.auth])).toEqual([
			[`${V}/me/accounts?fields=${q('id,name,category,tasks')}&limit=50`, `Bearer ${USER_TOKEN}`],
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual(pages);
	});

	it('page.get reads the Page with the user token', async () => {
		const page = {
			id: PAGE,
			name: 'Acme Bakery',
			category: 'Bakery',
			fan_count: 1520,
			followers_count: 1602,
			link: 'https://www.facebook.com/acmebakery',
		};
		const seen = fake(['GET', 200, page]);
		const res = await run(p('page', 'get', { pageId: PAGE }));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.uri, s.auth])).toEqual([
			[`${V}/${PAGE}?fields=${q(PAGE_FIELDS)}`, `Bearer ${USER_TOKEN}`],
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([page]);
	});
});

describe('rate limits', () => {
	it('X-Business-Use-Case-Usage with estimated_time_to_regain_access pauses the connection that many minutes', async () => {
		const buc = {
			'x-business-use-case-usage': JSON.stringify({
				[PAGE]: [
					{
						type: 'pages',
						call_count: 40,
						total_cputime: 20,
						total_time: 30,
						estimated_time_to_regain_access: 5,
					},
				],
			}),
		};
		const page = { id: PAGE, name: 'Acme Bakery' };
		const at: number[] = [];
		nock(HOST)
			.get(`${V}/${PAGE}`)
			.query(true)
			.times(2)
			.reply(function () {
				at.push(clock.now());
				return [200, page, { 'content-type': 'application/json', ...(at.length === 1 ? buc : {}) }];
			});
		const res = await run(
			p('page', 'get', { pageId: PAGE, options: { concurrency: 1, maxQueueWaitSeconds: 600 } }),
			{ input: [{ json: {} }, { json: {} }] },
		);
		expect(res.error).toBeUndefined();
		expect(at.map((t) => t - at[0])).toEqual([0, 300_000]);
	});
});

describe('credential and node description', () => {
	it("the credential test is the seed's GET /me (id, name)", async () => {
		const scope = nock(HOST)
			.get(`${V}/me`)
			.query({ fields: 'id,name' })
			.matchHeader('authorization', `Bearer ${USER_TOKEN}`)
			.reply(200, { id: '5550000', name: 'Jane Admin' });
		const result = await testCredential(
			new ApiConnFacebookPagesOAuth2Api(),
			credentials.apiConnFacebookPagesOAuth2Api,
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(scope.isDone()).toBe(true);
	});

	it('the credential pins Facebook Login with least-privilege scopes', () => {
		const props = Object.fromEntries(
			new ApiConnFacebookPagesOAuth2Api().properties.map((prop) => [prop.name, prop.default]),
		);
		expect(props).toEqual({
			grantType: 'authorizationCode',
			authUrl: 'https://www.facebook.com/v21.0/dialog/oauth',
			accessTokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token',
			scope:
				'pages_show_list pages_read_engagement pages_read_user_content pages_manage_posts pages_manage_engagement pages_manage_metadata pages_messaging read_insights',
			authQueryParameters: '',
			authentication: 'header',
		});
	});

	it('one shared "Page" dropdown for Page-token resources; Page → Get keeps its own ID field', () => {
		const d = new FacebookPages().description;
		expect(validateService(facebookPagesDefinition)).toEqual([]);
		expect(d.usableAsTool).toBe(true);
		const pageFields = d.properties.filter((prop: INodeProperties) => prop.name === 'pageId');
		expect(pageFields.map((f) => [f.displayName, f.type, f.typeOptions, f.displayOptions])).toEqual(
			[
				[
					'Page Name or ID',
					'options',
					{ loadOptionsMethod: 'getPages' },
					{ show: { resource: ['post', 'insights', 'comment', 'conversation'] } },
				],
				['Page ID', 'string', undefined, { show: { resource: ['page'], operation: ['get'] } }],
			],
		);
		// The shared field comes right after the operation selectors.
		const names = d.properties.map((prop) => prop.name);
		expect(names.indexOf('pageId')).toBe(names.lastIndexOf('operation') + 1);
		expect(facebookPagesDefinition.spec.account).toEqual({
			path: '/me?fields=id,name',
			labelPath: 'name',
		});
	});
});

describe('post.uploadVideo: resumable upload on graph-video.facebook.com', () => {
	const VIDEO_HOST = 'https://graph-video.facebook.com';
	const VIDEO_ID = '1234567890123456';
	const SESSION = '2345678901234567';
	// 10 bytes (not UTF-8, as video is); Facebook asks for 0–4, then 4–8, then 8–10.
	const bytes = Buffer.from([0xff, 0xd8, 0xfe, 1, 0xfd, 2, 0xfc, 3, 0xfb, 0xfa]);
	const input = [
		{
			json: {},
			binary: {
				clip: { data: bytes.toString('base64'), mimeType: 'video/mp4', fileName: 'clip.mp4' },
			},
		},
	];
	interface Sent {
		uri: string;
		type: string;
		body: string;
		auth?: string;
	}
	/** The video host's answers in order, recording each request's raw body. */
	function videoFake(...answers: Array<[number, unknown]>): Sent[] {
		const seen: Sent[] = [];
		let scope = nock(VIDEO_HOST);
		for (const [status, body] of answers) {
			scope = scope.post(`${V}/${PAGE}/videos`).reply(function (uri, requestBody) {
				seen.push({
					uri,
					type: String(this.req.headers['content-type']),
					body: requestBody as string,
					auth: this.req.headers.authorization as string | undefined,
				});
				return [status, body as nock.Body, { 'content-type': 'application/json' }];
			});
		}
		return seen;
	}
	const form = (s: Sent) => Object.fromEntries(new URLSearchParams(s.body));
	/** The transfer's multipart body (nock hands binary bodies over as hex) is exactly these fields and bytes. */
	const chunk = (s: Sent, start: number, end: number) => {
		const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(s.type)![1];
		return Buffer.from(s.body, 'hex').equals(
			Buffer.concat([
				Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="upload_phase"\r\n\r\ntransfer\r\n` +
						`--${boundary}\r\nContent-Disposition: form-data; name="upload_session_id"\r\n\r\n${SESSION}\r\n` +
						`--${boundary}\r\nContent-Disposition: form-data; name="start_offset"\r\n\r\n${start}\r\n` +
						`--${boundary}\r\nContent-Disposition: form-data; name="video_file_chunk"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
				),
				bytes.subarray(start, end),
				Buffer.from(`\r\n--${boundary}--\r\n`),
			]),
		);
	};

	it('start → one transfer per range Facebook names → finish, all with the Page token; outputs the video id', async () => {
		const lookup = fake(tokenLookup);
		const seen = videoFake(
			[200, { video_id: VIDEO_ID, start_offset: '0', end_offset: '4', upload_session_id: SESSION }],
			[200, { start_offset: '4', end_offset: '8' }],
			[200, { start_offset: '8', end_offset: '10' }],
			[200, { start_offset: '10', end_offset: '10' }],
			[200, { success: true }],
		);
		const res = await run(
			p('post', 'uploadVideo', {
				pageId: PAGE,
				binaryPropertyName: 'clip',
				additionalFields: { title: 'Morning bake', description: 'From the oven' },
			}),
			{ input },
		);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ success: true, id: VIDEO_ID }]);
		expect(lookup.map((s) => [s.uri, s.auth])).toEqual([[TOKEN_URI, `Bearer ${USER_TOKEN}`]]);
		expect(seen).toHaveLength(5);
		expect(seen.every((s) => s.uri === `${V}/${PAGE}/videos`)).toBe(true);
		expect(seen.every((s) => s.auth === `Bearer ${PAGE_TOKEN}`)).toBe(true);
		expect(seen[0].type).toBe('application/x-www-form-urlencoded');
		expect(form(seen[0])).toEqual({ upload_phase: 'start', file_size: '10' });
		expect(chunk(seen[1], 0, 4)).toBe(true);
		expect(chunk(seen[2], 4, 8)).toBe(true);
		expect(chunk(seen[3], 8, 10)).toBe(true);
		expect(form(seen[4])).toEqual({
			title: 'Morning bake',
			description: 'From the oven',
			upload_phase: 'finish',
			upload_session_id: SESSION,
		});
		expect(JSON.stringify(res.outputs)).not.toContain(PAGE_TOKEN);
	});

	it('a transfer that fails with a 500 is sent again with the same range, then the upload goes on', async () => {
		fake(tokenLookup);
		const seen = videoFake(
			[
				200,
				{ video_id: VIDEO_ID, start_offset: '0', end_offset: '10', upload_session_id: SESSION },
			],
			[
				500,
				{
					error: { message: 'An unexpected error has occurred.', code: 2, type: 'OAuthException' },
				},
			],
			[200, { start_offset: '10', end_offset: '10' }],
			[200, { success: true }],
		);
		const res = await run(p('post', 'uploadVideo', { pageId: PAGE, binaryPropertyName: 'clip' }), {
			input,
		});
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ success: true, id: VIDEO_ID }]);
		expect(chunk(seen[1], 0, 10)).toBe(true);
		expect(chunk(seen[2], 0, 10)).toBe(true);
		expect(form(seen[3])).toEqual({ upload_phase: 'finish', upload_session_id: SESSION });
	});

	it('a range outside the file fails the item naming the offsets, before any further request', async () => {
		fake(tokenLookup);
		const seen = videoFake([
			200,
			{ video_id: VIDEO_ID, start_offset: '0', end_offset: '99', upload_session_id: SESSION },
		]);
		const res = await run(p('post', 'uploadVideo', { pageId: PAGE, binaryPropertyName: 'clip' }), {
			input,
		});
		expect(res.error?.message).toBe(
			'Facebook answered the video upload with an unusable byte range (start_offset 0, end_offset 99, file size 10).',
		);
		expect(seen).toHaveLength(1);
	});
});
