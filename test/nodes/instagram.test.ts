/**
 * Instagram node: every operation inside a real n8n workflow, asserting the exact request (method, path
 * and query, JSON body, Bearer token) and the exact output items. The fake answers follow Meta's documented
 * behaviour (services.md § Meta; Instagram Platform content publishing, insights, comment moderation).
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { ApiConnInstagramOAuth2Api } from '../../credentials/ApiConnInstagramOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { Instagram } from '../../nodes/Instagram/Instagram.node';
import { instagramDefinition } from '../../nodes/Instagram/Instagram.service';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, testCredential, type RunNodeOptions, type RunNodeResult } from '../harness';

const HOST = 'https://graph.instagram.com';
const V = '/v21.0';
const TOKEN = 'IGAAR9vTqZkZBdG9rZW4tZm9yLXRlc3Rz';
const credentials = {
	apiConnInstagramOAuth2Api: {
		clientId: '990602627938098',
		clientSecret: 'ig_app_secret_7f3a9c',
		oauthTokenData: { access_token: TOKEN, token_type: 'bearer' },
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
			nodeTypes: [new Instagram()],
			credentialTypes: [new ApiConnInstagramOAuth2Api()],
			credentials,
			node: { ...node, type: 'instagram', parameters },
			...rest,
		}),
	);
}

interface Seen {
	method: string;
	uri: string;
	body: string;
	headers: Record<string, string | string[] | undefined>;
	at: number;
}

/** Answer requests (any path) with the given replies in order, recording what was sent and when (virtual time). */
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
					headers: this.req.headers,
					at: clock.now(),
				});
				return [
					status,
					body as nock.Body,
					{
						'content-type': 'application/json',
						'x-fb-trace-id': `Trace${seen.length}`,
						...(headers ?? {}),
					},
				];
			});
	}
	return seen;
}

const q = (value: string) => encodeURIComponent(value);
const MEDIA_FIELDS =
	'id,caption,media_type,media_product_type,media_url,permalink,thumbnail_url,timestamp,username,like_count,comments_count';
const COMMENT_FIELDS = 'id,text,username,timestamp,like_count,hidden';
const USER_FIELDS =
	'id,user_id,username,name,account_type,profile_picture_url,followers_count,follows_count,media_count';
const p = (resource: string, operation: string, rest: INodeParameters = {}): INodeParameters => ({
	resource,
	operation,
	...rest,
});

const post = {
	id: '17920238422030506',
	caption: 'Launch day!',
	media_type: 'IMAGE',
	media_product_type: 'FEED',
	permalink: 'https://www.instagram.com/p/C1a2b3c4d5e/',
	timestamp: '2026-11-28T10:00:00+0000',
	username: 'mybusiness',
	like_count: 12,
	comments_count: 3,
};
const post2 = { ...post, id: '17920238422030507', caption: 'Behind the scenes' };
const post3 = { ...post, id: '17920238422030508', caption: 'Thanks!' };
const comment = {
	id: '17858893269000001',
	text: 'Love it',
	username: 'fan_1',
	timestamp: '2026-11-28T11:00:00+0000',
	like_count: 1,
	hidden: false,
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

const cases: Case[] = [
	{
		title: 'media.create: an image post (no media_type), caption and alt text',
		parameters: p('media', 'create', {
			accountId: 'me',
			additionalFields: {
				image_url: 'https://cdn.example.com/launch.jpg',
				caption: 'Launch day!',
				alt_text: 'A red rocket',
			},
		}),
		method: 'POST',
		uri: `${V}/me/media`,
		body: {
			image_url: 'https://cdn.example.com/launch.jpg',
			caption: 'Launch day!',
			alt_text: 'A red rocket',
		},
		reply: { id: '17889615691921648' },
		output: [{ id: '17889615691921648' }],
	},
	{
		title: 'media.create: a reel on an explicit account id, with cover and share to feed',
		parameters: p('media', 'create', {
			accountId: '17841405793187218',
			additionalFields: {
				media_type: 'REELS',
				video_url: 'https://cdn.example.com/reel.mp4',
				caption: 'New reel',
				cover_url: 'https://cdn.example.com/cover.jpg',
				share_to_feed: true,
				thumb_offset: 1500,
			},
		}),
		method: 'POST',
		uri: `${V}/17841405793187218/media`,
		body: {
			video_url: 'https://cdn.example.com/reel.mp4',
			media_type: 'REELS',
			caption: 'New reel',
			cover_url: 'https://cdn.example.com/cover.jpg',
			thumb_offset: 1500,
			share_to_feed: true,
		},
		reply: { id: '17889615691921649' },
		output: [{ id: '17889615691921649' }],
	},
	{
		title: 'media.create: a carousel of item containers',
		parameters: p('media', 'create', {
			accountId: 'me',
			additionalFields: {
				media_type: 'CAROUSEL',
				children: '17889615691921650,17889615691921651',
				caption: 'Two photos',
			},
		}),
		method: 'POST',
		uri: `${V}/me/media`,
		body: {
			media_type: 'CAROUSEL',
			caption: 'Two photos',
			children: '17889615691921650,17889615691921651',
		},
		reply: { id: '17889615691921652' },
		output: [{ id: '17889615691921652' }],
	},
	{
		title: 'media.create: one item of a carousel',
		parameters: p('media', 'create', {
			accountId: 'me',
			additionalFields: { image_url: 'https://cdn.example.com/1.jpg', is_carousel_item: true },
		}),
		method: 'POST',
		uri: `${V}/me/media`,
		body: { image_url: 'https://cdn.example.com/1.jpg', is_carousel_item: true },
		reply: { id: '17889615691921650' },
		output: [{ id: '17889615691921650' }],
	},
	{
		title: 'media.create: an image story',
		parameters: p('media', 'create', {
			accountId: 'me',
			additionalFields: { media_type: 'STORIES', image_url: 'https://cdn.example.com/story.jpg' },
		}),
		method: 'POST',
		uri: `${V}/me/media`,
		body: { image_url: 'https://cdn.example.com/story.jpg', media_type: 'STORIES' },
		reply: { id: '17889615691921653' },
		output: [{ id: '17889615691921653' }],
	},
	{
		title: 'media.publish: creation_id in the body',
		parameters: p('media', 'publish', { accountId: 'me', creation_id: '17889615691921648' }),
		method: 'POST',
		uri: `${V}/me/media_publish`,
		body: { creation_id: '17889615691921648' },
		reply: { id: post.id },
		output: [{ id: post.id }],
	},
	{
		title: 'media.get: the default fields',
		parameters: p('media', 'get', { mediaId: post.id }),
		method: 'GET',
		uri: `${V}/${post.id}?fields=${q(MEDIA_FIELDS)}`,
		reply: post,
		output: [post],
	},
	{
		title: 'media.get: fields chosen by the user replace the default',
		parameters: p('media', 'get', { mediaId: post.id, additionalFields: { fields: 'id,caption' } }),
		method: 'GET',
		uri: `${V}/${post.id}?fields=${q('id,caption')}`,
		reply: { id: post.id, caption: post.caption },
		output: [{ id: post.id, caption: post.caption }],
	},
	{
		title: 'insights.account: metric, period and metric type in the query, one item per metric',
		parameters: p('insights', 'account', {
			accountId: 'me',
			metric: 'reach,follower_count',
			period: 'day',
			additionalFields: { metric_type: 'total_value', since: '1764288000', until: '1764374400' },
		}),
		method: 'GET',
		uri: `${V}/me/insights?metric=${q('reach,follower_count')}&period=day&metric_type=total_value&since=1764288000&until=1764374400`,
		reply: {
			data: [
				{
					name: 'reach',
					period: 'day',
					title: 'Accounts reached',
					total_value: { value: 1520 },
					id: '17841405793187218/insights/reach/day',
				},
				{
					name: 'follower_count',
					period: 'day',
					title: 'Follower count',
					total_value: { value: 37 },
					id: '17841405793187218/insights/follower_count/day',
				},
			],
		},
		output: [
			{
				name: 'reach',
				period: 'day',
				title: 'Accounts reached',
				total_value: { value: 1520 },
				id: '17841405793187218/insights/reach/day',
			},
			{
				name: 'follower_count',
				period: 'day',
				title: 'Follower count',
				total_value: { value: 37 },
				id: '17841405793187218/insights/follower_count/day',
			},
		],
	},
	{
		title: 'insights.media: the default metrics',
		parameters: p('insights', 'media', {
			mediaId: post.id,
			metric: 'reach,likes,comments,saved,shares,total_interactions',
		}),
		method: 'GET',
		uri: `${V}/${post.id}/insights?metric=${q('reach,likes,comments,saved,shares,total_interactions')}`,
		reply: {
			data: [
				{
					name: 'reach',
					period: 'lifetime',
					values: [{ value: 840 }],
					id: `${post.id}/insights/reach/lifetime`,
				},
			],
		},
		output: [
			{
				name: 'reach',
				period: 'lifetime',
				values: [{ value: 840 }],
				id: `${post.id}/insights/reach/lifetime`,
			},
		],
	},
	{
		title: 'comment.reply: POST /{comment-id}/replies',
		parameters: p('comment', 'reply', { commentId: comment.id, message: 'Thank you!' }),
		method: 'POST',
		uri: `${V}/${comment.id}/replies`,
		body: { message: 'Thank you!' },
		reply: { id: '17858893269000002' },
		output: [{ id: '17858893269000002' }],
	},
	{
		title: 'comment.hide: hide=true',
		parameters: p('comment', 'hide', { commentId: comment.id, hide: true }),
		method: 'POST',
		uri: `${V}/${comment.id}`,
		body: { hide: true },
		reply: { success: true },
		output: [{ success: true }],
	},
	{
		title: 'comment.hide: hide=false shows it again',
		parameters: p('comment', 'hide', { commentId: comment.id, hide: false }),
		method: 'POST',
		uri: `${V}/${comment.id}`,
		body: { hide: false },
		reply: { success: true },
		output: [{ success: true }],
	},
	{
		title: 'comment.delete',
		parameters: p('comment', 'delete', { commentId: comment.id }),
		method: 'DELETE',
		uri: `${V}/${comment.id}`,
		reply: { success: true },
		output: [{ success: true }],
	},
	{
		title: "user.getMe: the seed's GET /me with the profile fields",
		parameters: p('user', 'getMe'),
		method: 'GET',
		uri: `${V}/me?fields=${q(USER_FIELDS)}`,
		reply: {
			id: '7316417151755329',
			user_id: '17841405793187218',
			username: 'mybusiness',
			name: 'My Business',
			account_type: 'Business',
			followers_count: 1200,
			follows_count: 80,
			media_count: 42,
		},
		output: [
			{
				id: '7316417151755329',
				user_id: '17841405793187218',
				username: 'mybusiness',
				name: 'My Business',
				account_type: 'Business',
				followers_count: 1200,
				follows_count: 80,
				media_count: 42,
			},
		],
	},
];

describe('Instagram operations (exact request and output)', () => {
	it.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
		const seen = fake([c.method, 200, c.reply]);
		const res = await run(c.parameters);
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].method).toBe(c.method);
		expect(seen[0].uri).toBe(c.uri);
		expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		if (c.body === undefined) expect(seen[0].body).toBe('');
		else {
			expect(JSON.parse(seen[0].body)).toEqual(c.body);
			expect(seen[0].headers['content-type']).toBe('application/json');
		}
		expect(res.outputs[0].map((i) => i.json)).toEqual(c.output);
	});
});

describe('paging (Graph cursors: paging.next)', () => {
	const page1 = (next?: string) => ({
		data: [post, post2],
		paging: { cursors: { before: 'QVFIUmJ', after: 'QVFIUlo' }, ...(next ? { next } : {}) },
	});
	// Graph's next links carry the token in the query; it must never reach an output.
	const nextUrl = `${HOST}${V}/me/media?fields=${q(MEDIA_FIELDS)}&limit=50&after=QVFIUlo&access_token=${TOKEN}`;

	it('media.getMany with a limit asks for that many and stops there', async () => {
		const seen = fake(['GET', 200, page1(nextUrl)]);
		const res = await run(p('media', 'getMany', { accountId: 'me', returnAll: false, limit: 2 }));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([`${V}/me/media?fields=${q(MEDIA_FIELDS)}&limit=2`]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([post, post2]);
	});

	it('media.getMany with Return All follows paging.next until it is absent', async () => {
		const seen = fake(
			['GET', 200, page1(nextUrl)],
			['GET', 200, { data: [post3], paging: { cursors: { before: 'QVFIUlp', after: 'QVFIUmM' } } }],
		);
		const res = await run(p('media', 'getMany', { accountId: 'me', returnAll: true }));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			`${V}/me/media?fields=${q(MEDIA_FIELDS)}&limit=50`,
			nextUrl.slice(HOST.length),
		]);
		expect(seen.map((s) => s.headers.authorization)).toEqual([
			`Bearer ${TOKEN}`,
			`Bearer ${TOKEN}`,
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([post, post2, post3]);
		expect(JSON.stringify(res.run)).not.toContain(TOKEN);
	});

	it('comment.getMany pages the same way', async () => {
		const next = `${HOST}${V}/${post.id}/comments?fields=${q(COMMENT_FIELDS)}&limit=1&after=QVFIUm`;
		const second = { ...comment, id: '17858893269000009', text: 'Where can I buy it?' };
		const seen = fake(
			['GET', 200, { data: [comment], paging: { cursors: { after: 'QVFIUm' }, next } }],
			['GET', 200, { data: [second], paging: { cursors: { after: 'QVFIUn' } } }],
		);
		const res = await run(p('comment', 'getMany', { mediaId: post.id, returnAll: true }));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			`${V}/${post.id}/comments?fields=${q(COMMENT_FIELDS)}&limit=50`,
			next.slice(HOST.length),
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([comment, second]);
	});
});

describe('media.publishCarousel (items → wait → carousel → wait → publish)', () => {
	const statusUri = (id: string) => `${V}/${id}?fields=${q('status_code,status')}`;

	it('creates an item container per URL (video by extension), waits for each, then the carousel, and publishes it', async () => {
		const seen = fake(
			['POST', 200, { id: '17890000000000001' }],
			['POST', 200, { id: '17890000000000002' }],
			['GET', 200, { status_code: 'FINISHED', id: '17890000000000001' }],
			['GET', 200, { status_code: 'IN_PROGRESS', id: '17890000000000002' }],
			['GET', 200, { status_code: 'FINISHED', id: '17890000000000002' }],
			['POST', 200, { id: '17890000000000003' }],
			['GET', 200, { status_code: 'FINISHED', id: '17890000000000003' }],
			['POST', 200, { id: post.id }],
		);
		const start = clock.now();
		const res = await run(
			p('media', 'publishCarousel', {
				accountId: 'me',
				mediaUrls: 'https://cdn.example.com/1.jpg, https://cdn.example.com/2.mp4',
				additionalFields: { caption: 'Two in one', pollIntervalSeconds: 10 },
			}),
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.uri} ${s.body}`)).toEqual([
			`POST ${V}/me/media {"image_url":"https://cdn.example.com/1.jpg","is_carousel_item":true}`,
			`POST ${V}/me/media {"video_url":"https://cdn.example.com/2.mp4","media_type":"VIDEO","is_carousel_item":true}`,
			`GET ${statusUri('17890000000000001')} `,
			`GET ${statusUri('17890000000000002')} `,
			`GET ${statusUri('17890000000000002')} `,
			`POST ${V}/me/media {"media_type":"CAROUSEL","caption":"Two in one","children":"17890000000000001,17890000000000002"}`,
			`GET ${statusUri('17890000000000003')} `,
			`POST ${V}/me/media_publish {"creation_id":"17890000000000003"}`,
		]);
		expect(seen.map((s) => s.at - start)).toEqual([0, 0, 0, 0, 10_000, 10_000, 10_000, 10_000]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{
				id: post.id,
				creationId: '17890000000000003',
				children: ['17890000000000001', '17890000000000002'],
				status: 'FINISHED',
			},
		]);
	});

	it('one URL is refused before any request, naming the field and the fix', async () => {
		const res = await run(
			p('media', 'publishCarousel', {
				accountId: 'me',
				mediaUrls: 'https://cdn.example.com/1.jpg',
			}),
		);
		expect(res.error?.message).toBe("The field 'Media URLs' must hold 2 to 10 URLs (got 1).");
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('media.createAndPublish (create → wait for FINISHED → publish)', () => {
	const reel = {
		accountId: 'me',
		additionalFields: {
			media_type: 'REELS',
			video_url: 'https://cdn.example.com/reel.mp4',
			caption: 'New reel',
		},
	};
	const statusUri = (id: string) => `${V}/${id}?fields=${q('status_code,status')}`;

	it('polls on the engine clock until FINISHED, then publishes and returns the published id', async () => {
		const seen = fake(
			['POST', 200, { id: '17889615691921649' }],
			[
				'GET',
				200,
				{
					status_code: 'IN_PROGRESS',
					status: 'In Progress: Media is still being processed.',
					id: '17889615691921649',
				},
			],
			[
				'GET',
				200,
				{
					status_code: 'IN_PROGRESS',
					status: 'In Progress: Media is still being processed.',
					id: '17889615691921649',
				},
			],
			[
				'GET',
				200,
				{
					status_code: 'FINISHED',
					status: 'Finished: Media has been uploaded and it is ready to be published.',
					id: '17889615691921649',
				},
			],
			['POST', 200, { id: post.id }],
		);
		const start = clock.now();
		const res = await run(p('media', 'createAndPublish', reel));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.uri} ${s.body}`)).toEqual([
			`POST ${V}/me/media {"video_url":"https://cdn.example.com/reel.mp4","media_type":"REELS","caption":"New reel"}`,
			`GET ${statusUri('17889615691921649')} `,
			`GET ${statusUri('17889615691921649')} `,
			`GET ${statusUri('17889615691921649')} `,
			`POST ${V}/me/media_publish {"creation_id":"17889615691921649"}`,
		]);
		// Default interval: 5 s between looks, on virtual time.
		expect(seen.map((s) => s.at - start)).toEqual([0, 0, 5000, 10_000, 10_000]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{ id: post.id, creationId: '17889615691921649', status: 'FINISHED' },
		]);
	});

	it('publishes at once when the container is already FINISHED (images)', async () => {
		const seen = fake(
			['POST', 200, { id: '17889615691921648' }],
			['GET', 200, { status_code: 'FINISHED', id: '17889615691921648' }],
			['POST', 200, { id: post.id }],
		);
		const res = await run(
			p('media', 'createAndPublish', {
				accountId: 'me',
				additionalFields: { image_url: 'https://cdn.example.com/launch.jpg', maxWaitSeconds: 0 },
			}),
		);
		expect(res.error).toBeUndefined();
		// The wait fields are the hook's own: they are never sent to Instagram.
		expect(seen[0].body).toBe('{"image_url":"https://cdn.example.com/launch.jpg"}');
		expect(seen.map((s) => s.method)).toEqual(['POST', 'GET', 'POST']);
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{ id: post.id, creationId: '17889615691921648', status: 'FINISHED' },
		]);
	});

	it('gives up after Max Wait with the container id and how to publish it later (bounded wait)', async () => {
		const inProgress = { status_code: 'IN_PROGRESS', id: '17889615691921649' };
		const seen = fake(
			['POST', 200, { id: '17889615691921649' }],
			['GET', 200, inProgress],
			['GET', 200, inProgress],
			['GET', 200, inProgress],
		);
		const start = clock.now();
		const res = await run(
			p('media', 'createAndPublish', {
				...reel,
				additionalFields: { ...reel.additionalFields, maxWaitSeconds: 10, pollIntervalSeconds: 5 },
			}),
		);
		expect(res.error).toMatchObject({
			message:
				'Instagram had not finished processing the media after 10 s (container 17889615691921649, status IN_PROGRESS).',
			description:
				'The container stays available for 24 hours: publish it later with Media → Publish and Creation ID 17889615691921649, or raise "Max Wait (Seconds)".',
		});
		expect(seen.map((s) => s.at - start)).toEqual([0, 0, 5000, 10_000]);
		// Nothing was published.
		expect(seen.filter((s) => s.uri.endsWith('/media_publish'))).toEqual([]);
	});

	it('fails with the container error when processing fails (status ERROR)', async () => {
		fake(
			['POST', 200, { id: '17889615691921649' }],
			[
				'GET',
				200,
				{
					status_code: 'ERROR',
					status: 'Error: Unsupported video format',
					id: '17889615691921649',
				},
			],
		);
		const res = await run(p('media', 'createAndPublish', reel));
		expect(res.error).toMatchObject({
			message:
				'Instagram could not publish the media: container 17889615691921649 is ERROR (Error: Unsupported video format).',
			description:
				"Check that the media URL is public and the file meets Instagram's format rules (JPEG images; MP4/MOV H.264 videos), then try again.",
		});
	});

	it('fails on EXPIRED containers with the fix', async () => {
		fake(
			['POST', 200, { id: '17889615691921649' }],
			['GET', 200, { status_code: 'EXPIRED', id: '17889615691921649' }],
		);
		const res = await run(p('media', 'createAndPublish', reel));
		expect(res.error).toMatchObject({
			message: 'Instagram could not publish the media: container 17889615691921649 is EXPIRED.',
			description: 'Containers expire 24 hours after creation. Create the media again.',
		});
	});
});

describe('rate limits and errors (Meta signals throttling with 400/403 + error codes, never 429)', () => {
	const throttled = (code: number) => ({
		error: {
			message: `(#${code}) Application request limit reached`,
			type: 'OAuthException',
			is_transient: true,
			code,
			fbtrace_id: 'AbCdEf',
		},
	});
	// Meta gives no reset time: the engine treats the hour window as spent and waits for it, up to Max Queue Wait.
	const patient = { options: { maxQueueWaitSeconds: 3600, maxTotalWaitSeconds: 3600 } };

	it('an error code 4 answer (HTTP 400) is throttling: the connection pauses until the window resets, then retries', async () => {
		const seen = fake(['GET', 400, throttled(4)], ['GET', 200, post]);
		const res = await run(p('media', 'get', { mediaId: post.id, ...patient }));
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(seen[1].at - seen[0].at).toBe(3_600_000);
		expect(res.outputs[0].map((i) => i.json)).toEqual([post]);
	});

	it.each([17, 32, 613])('error code %i (HTTP 403) is throttling too', async (code) => {
		const seen = fake(['GET', 403, throttled(code)], ['GET', 200, post]);
		const res = await run(p('media', 'get', { mediaId: post.id, ...patient }));
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(seen[1].at - seen[0].at).toBe(3_600_000);
	});

	it("with the wait options left empty a throttled connection waits Instagram's hour window, then succeeds", async () => {
		const seen = fake(['GET', 400, throttled(4)], ['GET', 200, post]);
		const res = await run(p('media', 'get', { mediaId: post.id }));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.at - seen[0].at)).toEqual([0, 3_600_000]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([post]);
		// The item's metadata shows the waits and the limits that applied.
		expect(res.outputs[0][0].waits).toMatchObject({
			waitedSeconds: 3600,
			limits: {
				maxQueueWaitSeconds: 3600,
				maxQueueWaitFrom: 'service',
				serviceWindowSeconds: 3600,
				ceilingSeconds: 3900,
				ceilingSetting: 'N8N_API_CONNECTIONS_MAX_WAIT_SECONDS',
			},
		});
	});

	it("with the wait options left empty, X-App-Usage at 100% makes the next request wait Instagram's hour window", async () => {
		const full = { 'x-app-usage': '{"call_count":100,"total_cputime":12,"total_time":30}' };
		const seen = fake(['GET', 200, post, full], ['GET', 200, post2]);
		const res = await run(
			p('media', 'get', { mediaId: '={{ $json.id }}', options: { concurrency: 1 } }),
			{ input: [{ json: { id: post.id } }, { json: { id: post2.id } }] },
		);
		expect(res.error).toBeUndefined();
		expect(seen[1].at - seen[0].at).toBe(3_600_000);
		expect(res.outputs[0].map((i) => i.json)).toEqual([post, post2]);
		expect(res.outputs[0][0].waits).toBeUndefined();
		expect(res.outputs[0][1].waits).toMatchObject({
			waitedSeconds: 3600,
			events: [
				{
					wait: 'queue',
					seconds: 3600,
					reason: 'the Instagram rate limit was used up until its window moved on',
				},
			],
			limits: { maxQueueWaitSeconds: 3600, maxQueueWaitFrom: 'service' },
		});
	});

	it('with Max Queue Wait set to 300 s a throttled connection fails the item with a clear message', async () => {
		const seen = fake(['GET', 400, throttled(4)]);
		const res = await run(
			p('media', 'get', { mediaId: post.id, options: { maxQueueWaitSeconds: 300 } }),
		);
		expect(seen).toHaveLength(1);
		expect(res.error?.message).toBe(
			"Instagram: rate limit, the wait is longer than 'Max Queue Wait (Seconds)' allows",
		);
		expect(res.error?.description).toBe(
			"The Instagram rate limit (200 requests per 1 h, at most 4 at once) is used up until 2026-11-29T10:00:00Z, longer than 'Max Queue Wait (Seconds)' allows (300 s), so the request was not sent. Raise 'Max Queue Wait (Seconds)' in the node options, send fewer requests (for example lower 'Concurrent Items'), or run the workflow after 2026-11-29T10:00:00Z.",
		);
	});

	it('a plain 400 (invalid parameter, code 100) is not retried and names the problem', async () => {
		const seen = fake([
			'POST',
			400,
			{
				error: {
					message: 'Invalid parameter',
					type: 'OAuthException',
					code: 100,
					error_subcode: 2207052,
					error_user_msg: 'The media could not be fetched from this URI',
					fbtrace_id: 'AbCdEf',
				},
			},
		]);
		const res = await run(
			p('media', 'create', {
				accountId: 'me',
				additionalFields: { image_url: 'https://cdn.example.com/missing.jpg' },
			}),
		);
		expect(seen).toHaveLength(1);
		expect(res.error).toMatchObject({
			message: 'Instagram: 400 Bad Request – Invalid parameter',
			httpCode: '400',
		});
		// Meta's x-fb-trace-id is the request id users quote to Meta support.
		expect(res.error?.context.request).toMatchObject({ requestId: 'Trace1' });
	});

	it('X-App-Usage at 100% makes the next request wait instead of failing', async () => {
		const full = { 'x-app-usage': '{"call_count":100,"total_cputime":12,"total_time":30}' };
		const seen = fake(['GET', 200, post, full], ['GET', 200, post2]);
		const res = await run(
			p('media', 'get', {
				mediaId: '={{ $json.id }}',
				options: { concurrency: 1, maxQueueWaitSeconds: 3600 },
			}),
			{ input: [{ json: { id: post.id } }, { json: { id: post2.id } }] },
		);
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(seen[1].at - seen[0].at).toBe(3_600_000);
		expect(res.outputs[0].map((i) => i.json)).toEqual([post, post2]);
	});

	it('an invalid account id fails before any request, naming the field', async () => {
		const seen = fake();
		const res = await run(p('media', 'getMany', { accountId: 'my account', returnAll: true }));
		expect(seen).toEqual([]);
		expect(res.error).toMatchObject({
			message: "The field 'Instagram Account ID' has an invalid format ('my account').",
		});
	});
});

describe('credential and node description', () => {
	it("the credential test is the seed's GET /me (id, username) with the Bearer token", async () => {
		const scope = nock(HOST)
			.get(`${V}/me`)
			.query({ fields: 'id,username' })
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(200, { id: '17841405793187218', username: 'mybusiness' });
		const result = await testCredential(
			new ApiConnInstagramOAuth2Api(),
			credentials.apiConnInstagramOAuth2Api,
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(scope.isDone()).toBe(true);
	});

	it('the credential pins Instagram Login with least-privilege, comma-separated scopes', () => {
		const props = Object.fromEntries(
			new ApiConnInstagramOAuth2Api().properties.map((prop) => [prop.name, prop.default]),
		);
		expect(props).toEqual({
			grantType: 'authorizationCode',
			authUrl: 'https://www.instagram.com/oauth/authorize',
			accessTokenUrl: 'https://api.instagram.com/oauth/access_token',
			scope:
				'instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights,instagram_business_manage_comments',
			authQueryParameters: '',
			authentication: 'body',
			// For the trigger's registration as the Meta app; empty: the Client ID / Secret are used.
			appId: '',
			appSecret: '',
		});
		const secret = new ApiConnInstagramOAuth2Api().properties.find((p) => p.name === 'appSecret');
		expect(secret?.typeOptions).toEqual({ password: true });
	});

	it('the spec is valid, usable as a tool, and names the account ("who am I")', () => {
		expect(validateService(instagramDefinition)).toEqual([]);
		const d = new Instagram().description;
		expect(d.usableAsTool).toBe(true);
		expect(d.credentials).toEqual([{ name: 'apiConnInstagramOAuth2Api', required: true }]);
		expect(instagramDefinition.spec.account).toEqual({
			path: '/me?fields=id,username',
			labelPath: 'username',
		});
		expect(instagramDefinition.spec.rateLimit).toMatchObject({
			requests: 200,
			windowMs: 3_600_000,
		});
		const ops = instagramDefinition.spec.resources.flatMap((r) =>
			r.operations.map((o) => `${r.id}.${o.id}`),
		);
		expect(ops).toEqual([
			'media.create',
			'media.publish',
			'media.createAndPublish',
			'media.uploadAndPublish',
			'media.publishCarousel',
			'media.get',
			'media.getMany',
			'media.getStories',
			'media.getTagged',
			'media.getPublishingLimit',
			'insights.account',
			'insights.media',
			'comment.getMany',
			'comment.create',
			'comment.reply',
			'comment.hide',
			'comment.delete',
			'mention.getMedia',
			'mention.getComment',
			'mention.reply',
			'user.getMe',
		]);
	});
});

describe('media.uploadAndPublish (resumable upload of binary video → wait → publish)', () => {
	const CONTAINER = '17889615691921650';
	const video = Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0xff, 0xfe]);
	const input = [
		{
			json: {},
			binary: {
				reel: { data: video.toString('base64'), mimeType: 'video/mp4', fileName: 'reel.mp4' },
			},
		},
	];
	const statusUri = `${V}/${CONTAINER}?fields=${q('status_code,status')}`;
	function rupload(status: number, body: unknown) {
		const seen: Array<{ uri: string; headers: Record<string, unknown>; body: Buffer }> = [];
		nock('https://rupload.facebook.com')
			.post(`/ig-api-upload${V}/${CONTAINER}`)
			.reply(function (uri, requestBody) {
				seen.push({
					uri,
					headers: this.req.headers,
					body: Buffer.from(requestBody as string, 'hex'),
				});
				return [status, body as nock.Body, { 'content-type': 'application/json' }];
			});
		return seen;
	}

	it('creates the container with upload_type=resumable, POSTs the bytes with OAuth, offset and file_size, waits, publishes', async () => {
		const graph = fake(
			[
				'POST',
				200,
				{ id: CONTAINER, uri: `https://rupload.facebook.com/ig-api-upload/v21.0/${CONTAINER}` },
			],
			['GET', 200, { status_code: 'IN_PROGRESS', status: 'In Progress', id: CONTAINER }],
			['GET', 200, { status_code: 'FINISHED', status: 'Finished', id: CONTAINER }],
			['POST', 200, { id: post.id }],
		);
		const upload = rupload(200, { success: true, message: 'Upload successful.' });
		const res = await run(
			p('media', 'uploadAndPublish', {
				accountId: 'me',
				binaryPropertyName: 'reel',
				media_type: 'REELS',
				additionalFields: { caption: 'Fresh from the oven', share_to_feed: true },
			}),
			{ input },
		);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{ id: post.id, creationId: CONTAINER, status: 'FINISHED' },
		]);
		expect(graph.map((s) => `${s.method} ${s.uri} ${s.body}`)).toEqual([
			`POST ${V}/me/media {"media_type":"REELS","caption":"Fresh from the oven","share_to_feed":true,"upload_type":"resumable"}`,
			`GET ${statusUri} `,
			`GET ${statusUri} `,
			`POST ${V}/me/media_publish {"creation_id":"${CONTAINER}"}`,
		]);
		expect(graph.map((s) => s.headers.authorization)).toEqual(Array(4).fill(`Bearer ${TOKEN}`));
		expect(upload).toHaveLength(1);
		expect(upload[0].uri).toBe(`/ig-api-upload${V}/${CONTAINER}`);
		expect(upload[0].headers.authorization).toBe(`OAuth ${TOKEN}`);
		expect(upload[0].headers.offset).toBe('0');
		expect(upload[0].headers.file_size).toBe('10');
		expect(upload[0].headers['content-type']).toBe('application/octet-stream');
		expect(upload[0].body.equals(video)).toBe(true);
	});

	it('an upload Meta refuses fails the item with its message, the token redacted, and publishes nothing', async () => {
		const graph = fake(['POST', 200, { id: CONTAINER }]);
		rupload(200, { success: false, message: `Bad upload for ${TOKEN}` });
		const res = await run(
			p('media', 'uploadAndPublish', {
				accountId: 'me',
				binaryPropertyName: 'reel',
				media_type: 'STORIES',
			}),
			{ input },
		);
		expect(res.error?.message).toContain(
			`Instagram did not accept the upload of container ${CONTAINER}: Bad upload for `,
		);
		expect(res.error?.message).not.toContain(TOKEN);
		expect(graph).toHaveLength(1);
		expect(JSON.parse(graph[0].body)).toEqual({ media_type: 'STORIES', upload_type: 'resumable' });
	});

	it('an item without the binary property fails naming it, before any request', async () => {
		const res = await run(
			p('media', 'uploadAndPublish', {
				accountId: 'me',
				binaryPropertyName: 'reel',
				media_type: 'REELS',
			}),
		);
		expect(res.error?.message).toContain('reel');
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('mention (captions and comments that @mention the account)', () => {
	const MEDIA = '17920112008063024';
	const COMMENT = '17846319838228163';
	it('getMedia expands mentioned_media.media_id(<id>) with the default fields and outputs that object', async () => {
		const media = {
			id: MEDIA,
			caption: 'Best bread in town @e2e.shop',
			media_type: 'IMAGE',
			permalink: 'https://www.instagram.com/p/C1a2b3/',
			username: 'fan',
		};
		const seen = fake(['GET', 200, { mentioned_media: media, id: '17841405793187218' }]);
		const res = await run(p('mention', 'getMedia', { accountId: 'me', mediaId: MEDIA }));
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
			`GET ${V}/me?fields=${q(`mentioned_media.media_id(${MEDIA}){id,caption,media_type,media_url,permalink,timestamp,username,like_count,comments_count}`)}`,
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([media]);
	});

	it('getComment expands mentioned_comment.comment_id(<id>) with the chosen fields', async () => {
		const comment = { id: COMMENT, text: '@e2e.shop look!', timestamp: '2026-11-28T10:00:00+0000' };
		const seen = fake(['GET', 200, { mentioned_comment: comment, id: '17841405793187218' }]);
		const res = await run(
			p('mention', 'getComment', {
				accountId: '17841405793187218',
				commentId: COMMENT,
				additionalFields: { fields: 'id,text,timestamp' },
			}),
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			`${V}/17841405793187218?fields=${q(`mentioned_comment.comment_id(${COMMENT}){id,text,timestamp}`)}`,
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([comment]);
	});

	it('an ID that is not numeric fails before any request (nothing can be spliced into the field expansion)', async () => {
		const res = await run(
			p('mention', 'getMedia', { accountId: 'me', mediaId: '1){access_token}' }),
		);
		expect(res.error?.message).toContain('Media ID');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('reply comments on the mention: POST /{ig-user-id}/mentions with media_id, comment_id and message', async () => {
		const seen = fake(['POST', 200, { id: '17846319838228164' }]);
		const res = await run(
			p('mention', 'reply', {
				accountId: 'me',
				media_id: MEDIA,
				message: 'Thank you!',
				additionalFields: { comment_id: COMMENT },
			}),
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([`POST ${V}/me/mentions`]);
		expect(JSON.parse(seen[0].body)).toEqual({
			media_id: MEDIA,
			comment_id: COMMENT,
			message: 'Thank you!',
		});
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ id: '17846319838228164' }]);
	});
});
