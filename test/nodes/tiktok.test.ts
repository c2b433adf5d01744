/**
 * TikTok: what the fixtures (test/fixtures/operations/tikTok) do not show — the credential's client_key
 * wiring, TikTok's error envelope (HTTP 200 with a non-"ok" code, and the 4xx codes) in its own words, cursor
 * paging in the POST body, the chunked upload sequence, the creator-info check, the publish status polling
 * (failed, bounded wait), and the per-endpoint rate limits. Answers are shaped as TikTok's reference documents.
 */
import { ApiConnTikTokOAuth2Api } from '../../credentials/ApiConnTikTokOAuth2Api.credentials';
import { validateService } from '../../lib/spec/schema';
import { TikTok } from '../../nodes/TikTok/TikTok.node';
import { chunkPlan } from '../../nodes/TikTok/TikTok.hooks';
import { tikTokDefinition } from '../../nodes/TikTok/TikTok.service';
import { TIKTOK_SCOPES } from '../../nodes/TikTok/TikTok.oauth';
import { serviceKit, type Reply } from '../kit';
import nock from 'nock';

const API = 'https://open.tiktokapis.com';
const UPLOAD = 'https://open-upload.tiktokapis.com';
const TOKEN = 'act.1d1021d2aee3d41fee2d2add43456badMFZnrhFhfWotu3Ecuiuka27L56lr';
const OK = { code: 'ok', message: '', log_id: '202212070000000000000000000000001' };
const MB = 1024 * 1024;

const kit = serviceKit({
	origin: API,
	nodeTypes: [new TikTok()],
	credentialTypes: [new ApiConnTikTokOAuth2Api()],
	credentials: {
		apiConnTikTokOAuth2Api: {
			clientId: 'awq8s3ndbx71kz2c',
			clientSecret: 'tt_client_secret_4b1e9c',
			authentication: 'body',
			oauthTokenData: { access_token: TOKEN, token_type: 'Bearer' },
		},
	},
});

const ok = (data: unknown) => ({ data, error: OK });
const failure = (code: string, message: string) => ({
	data: {},
	error: { code, message, log_id: '20221207LOGID' },
});
const CREATOR = {
	creator_username: 'tiktok',
	creator_nickname: 'TikTok Official',
	privacy_level_options: ['MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
	comment_disabled: false,
	duet_disabled: false,
	stitch_disabled: true,
	max_video_post_duration_sec: 300,
};

describe('the TikTok credential', () => {
	const props = new ApiConnTikTokOAuth2Api().properties;
	const value = (name: string) => props.find((p) => p.name === name)?.default;

	it("pins Login Kit v2's URLs, the comma-separated least-privilege scopes and client authentication in the body", () => {
		expect(value('authUrl')).toBe('https://www.tiktok.com/v2/auth/authorize/');
		expect(value('accessTokenUrl')).toBe('https://open.tiktokapis.com/v2/oauth/token/');
		expect(value('scope')).toBe(
			'user.info.basic,user.info.stats,video.publish,video.upload,video.list',
		);
		expect(value('authentication')).toBe('body');
		expect(value('grantType')).toBe('authorizationCode');
		expect(props.find((p) => p.name === 'usePkce')).toMatchObject({
			type: 'boolean',
			default: false,
		});
	});

	it("sends the Client ID as client_key: the expressions n8n resolves with $self give the authorization query and the code exchange's extra body", () => {
		const resolve = (expression: unknown, self: Record<string, string>) => {
			const m = /^=\{\{(.*)\}\}$/s.exec(String(expression));
			expect(m).not.toBeNull();
			// n8n evaluates the inside of {{ }} with $self = the credential's data.
			// eslint-disable-next-line @typescript-eslint/no-implied-eval
			return new Function('$self', `return (${m![1]});`)(self) as string;
		};
		const self = { clientId: 'aw q8&s3' };
		expect(resolve(value('authQueryParameters'), self)).toBe('client_key=aw%20q8%26s3');
		expect(JSON.parse(resolve(value('additionalBodyProperties'), self))).toEqual({
			client_key: 'aw q8&s3',
		});
	});

	it('the spec is valid, its default scopes are the union of the operations’ and the test is GET /v2/user/info/', () => {
		expect(validateService(tikTokDefinition)).toEqual([]);
		const used = new Set(
			tikTokDefinition.spec.resources.flatMap((r) => r.operations.flatMap((o) => o.scopes ?? [])),
		);
		expect([...used].sort()).toEqual([...TIKTOK_SCOPES].sort());
		expect(new ApiConnTikTokOAuth2Api().test.request).toEqual({
			baseURL: API,
			url: '/v2/user/info/',
			qs: { fields: 'open_id,display_name' },
		});
	});
});

describe('TikTok errors in its own words', () => {
	it('HTTP 200 with a non-"ok" error code is an error: spam_risk_too_many_posts says the daily cap (nothing is retried)', async () => {
		const seen = kit.fake(
			['POST', 200, ok(CREATOR)],
			['POST', 200, failure('spam_risk_too_many_posts', 'Daily post cap reached.')],
		);
		const { error } = await kit.run('tikTok', {
			resource: 'video',
			operation: 'postFromUrl',
			videoUrl: 'https://media.example.com/a.mp4',
			privacyLevel: 'SELF_ONLY',
		});
		expect(seen.map((s) => s.uri)).toEqual([
			'/v2/post/publish/creator_info/query/',
			'/v2/post/publish/video/init/',
		]);
		expect(error?.message).toBe('TikTok: spam_risk_too_many_posts – Daily post cap reached.');
		expect(error?.description).toBe(
			'TikTok: the creator reached the daily posting cap TikTok sets per account. Post again tomorrow; the cap counts every post of the day, whichever app made it.',
		);
	});

	it('a 401 access_token_invalid says to reconnect, and n8n does not try a refresh it cannot do', async () => {
		const seen = kit.fake([
			'GET',
			401,
			failure('access_token_invalid', 'The access token is invalid or not found in the request.'),
		]);
		const { error } = await kit.run('tikTok', { resource: 'user', operation: 'getInfo' });
		// Only the API was called: no token request (nock would refuse it as an unmocked host or path).
		expect(seen).toHaveLength(1);
		expect(error?.message).toBe(
			'TikTok: 401 Unauthorized – The access token is invalid or not found in the request.',
		);
		expect(error?.description).toBe(
			"TikTok rejected the credentials (code access_token_invalid): the access token is invalid or expired. Reconnect the credential 'apiConnTikTokOAuth2Api account' (open it in n8n and sign in again, or paste a new key), then run the workflow again.",
		);
	});

	it('scope_not_authorized names the scopes the operation needs', async () => {
		kit.fake([
			'POST',
			403,
			failure(
				'scope_not_authorized',
				'The user did not authorize the scope required for completing this request.',
			),
		]);
		const { error } = await kit.run('tikTok', {
			resource: 'video',
			operation: 'getMany',
			returnAll: true,
		});
		expect(error?.description).toBe(
			"TikTok refused the permission (code scope_not_authorized): this operation needs the permission video.list, which the credential 'apiConnTikTokOAuth2Api account' asks for, so it was declined on the consent screen or the account has no access to this resource. Reconnect the credential 'apiConnTikTokOAuth2Api account' and accept video.list, and check that the account can access this resource.",
		);
	});

	it('an error inside a 200 answer that is not "ok" fails the item too, e.g. a missing scope', async () => {
		kit.fake([
			'GET',
			200,
			failure('scope_not_authorized', 'Scope user.info.stats was not granted.'),
		]);
		const { error } = await kit.run('tikTok', { resource: 'user', operation: 'getInfo' });
		expect(error?.message).toBe(
			'TikTok: scope_not_authorized – Scope user.info.stats was not granted.',
		);
		expect(error?.description).toContain(
			"to the credential's Scope field and to the app, then reconnect",
		);
	});

	it('Get Publish Status keeps 64-bit post ids exact (as strings), and an error envelope in its 200 still fails', async () => {
		const raw =
			'{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[7327582919283423233,42]},"error":{"code":"ok","message":"","log_id":"L1"}}';
		kit.fake(['POST', 200, raw]);
		const ok = await kit.run('tikTok', {
			resource: 'video',
			operation: 'getStatus',
			publishId: 'v_pub_url~v2.1',
		});
		expect(ok.outputs[0].map((i) => i.json)).toEqual([
			{ status: 'PUBLISH_COMPLETE', publicaly_available_post_id: ['7327582919283423233', 42] },
		]);
		kit.fake(['POST', 200, failure('invalid_params', 'The publish_id is not valid.')]);
		const bad = await kit.run('tikTok', {
			resource: 'video',
			operation: 'getStatus',
			publishId: 'nope',
		});
		expect(bad.error?.message).toBe('TikTok: invalid_params – The publish_id is not valid.');
	});

	it('rate_limit_exceeded (429) waits and sends again', async () => {
		const seen = kit.fake(
			['GET', 429, failure('rate_limit_exceeded', 'API rate limit exceeded.')],
			['GET', 200, ok({ user: { open_id: 'u1', display_name: 'Tik Toker' } })],
		);
		const { outputs, error } = await kit.run('tikTok', { resource: 'user', operation: 'getInfo' });
		expect(error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(outputs[0].map((i) => i.json)).toEqual([{ open_id: 'u1', display_name: 'Tik Toker' }]);
	});
});

describe('paging: Video → Get Many', () => {
	const video = (id: string) => ({ id, title: `Video ${id}`, like_count: 1 });

	it('sends the cursor and max_count in the JSON body, follows has_more, and stops at the limit', async () => {
		const seen = kit.fake(
			[
				'POST',
				200,
				ok({ videos: [video('1'), video('2')], cursor: 1648469251000, has_more: true }),
			],
			['POST', 200, ok({ videos: [video('3')], cursor: 1647869302000, has_more: false })],
		);
		const { outputs } = await kit.run('tikTok', {
			resource: 'video',
			operation: 'getMany',
			returnAll: true,
			additionalFields: { listFields: ['id', 'title', 'like_count'] },
		});
		expect(seen.map((s) => [s.uri, s.body])).toEqual([
			['/v2/video/list/?fields=id%2Ctitle%2Clike_count', { max_count: 20 }],
			['/v2/video/list/?fields=id%2Ctitle%2Clike_count', { max_count: 20, cursor: 1648469251000 }],
		]);
		expect(outputs[0].map((i) => i.json.id)).toEqual(['1', '2', '3']);
	});

	it('a limit asks for that many per page and stops', async () => {
		const seen = kit.fake([
			'POST',
			200,
			ok({ videos: [video('1'), video('2')], cursor: 1648469251000, has_more: true }),
		]);
		const { outputs } = await kit.run('tikTok', {
			resource: 'video',
			operation: 'getMany',
			returnAll: false,
			limit: 2,
		});
		expect(seen.map((s) => s.body)).toEqual([{ max_count: 2 }]);
		expect(outputs[0]).toHaveLength(2);
	});
});

describe('posting', () => {
	it('cuts a file by TikTok’s chunk rules', () => {
		expect(chunkPlan(3 * MB, 10)).toEqual({ chunkSize: 3 * MB, count: 1 });
		expect(chunkPlan(8 * MB, 10)).toEqual({ chunkSize: 8 * MB, count: 1 });
		expect(chunkPlan(12 * MB + 7, 5)).toEqual({ chunkSize: 5 * MB, count: 2 });
		expect(chunkPlan(200 * MB, 64)).toEqual({ chunkSize: 64 * MB, count: 3 });
		// Out-of-range sizes are held to 5–64 MB.
		expect(chunkPlan(20 * MB, 1)).toEqual({ chunkSize: 5 * MB, count: 4 });
		expect(chunkPlan(300 * MB, 100)).toEqual({ chunkSize: 64 * MB, count: 4 });
	});

	it('a 12 MB file in 5 MB chunks: init with the sizes, two PUTs with Content-Range (the last takes the remainder), then the status', async () => {
		const size = 12 * MB + 7;
		const bytes = Buffer.alloc(size, 'a');
		const api = kit.fake(
			['POST', 200, ok(CREATOR)],
			[
				'POST',
				200,
				ok({
					publish_id: 'v_pub_file~v2-1.7',
					upload_url: `${UPLOAD}/video/?upload_id=67890&upload_token=Xza123`,
				}),
			],
			['POST', 200, ok({ status: 'PROCESSING_UPLOAD', uploaded_bytes: 0 })],
			['POST', 200, ok({ status: 'PUBLISH_COMPLETE', uploaded_bytes: size })],
		);
		const puts: Array<{
			uri: string;
			range: unknown;
			type: unknown;
			length: number;
			auth: unknown;
		}> = [];
		nock(UPLOAD)
			.put(() => true)
			.times(2)
			.reply(function (uri, body) {
				puts.push({
					uri,
					range: this.req.headers['content-range'],
					type: this.req.headers['content-type'],
					length: String(body).length,
					auth: this.req.headers.authorization,
				});
				return [puts.length === 2 ? 201 : 206, ''];
			});
		const { outputs, error } = await kit.run(
			'tikTok',
			{
				resource: 'video',
				operation: 'postFromBinary',
				binaryPropertyName: 'video',
				privacyLevel: 'MUTUAL_FOLLOW_FRIENDS',
				additionalFields: { chunkSizeMb: 5, pollIntervalSeconds: 3 },
			},
			{
				input: [
					{
						json: {},
						binary: {
							video: {
								data: bytes.toString('base64'),
								mimeType: 'video/quicktime',
								fileName: 'a.mov',
							},
						},
					},
				],
			},
		);
		expect(error).toBeUndefined();
		expect(api[1].body).toEqual({
			source_info: {
				source: 'FILE_UPLOAD',
				video_size: size,
				chunk_size: 5 * MB,
				total_chunk_count: 2,
			},
			post_info: { privacy_level: 'MUTUAL_FOLLOW_FRIENDS' },
		});
		expect(puts).toEqual([
			{
				uri: '/video/?upload_id=67890&upload_token=Xza123',
				range: `bytes 0-${5 * MB - 1}/${size}`,
				type: 'video/quicktime',
				length: 5 * MB,
				auth: undefined,
			},
			{
				uri: '/video/?upload_id=67890&upload_token=Xza123',
				range: `bytes ${5 * MB}-${size - 1}/${size}`,
				type: 'video/quicktime',
				length: 7 * MB + 7,
				auth: undefined,
			},
		]);
		expect(api.slice(2).map((s) => s.body)).toEqual([
			{ publish_id: 'v_pub_file~v2-1.7' },
			{ publish_id: 'v_pub_file~v2-1.7' },
		]);
		expect(outputs[0].map((i) => i.json)).toEqual([
			{ publish_id: 'v_pub_file~v2-1.7', status: 'PUBLISH_COMPLETE', uploaded_bytes: size },
		]);
	});

	it('a privacy level the creator is not offered fails before anything is posted', async () => {
		const seen = kit.fake(['POST', 200, ok(CREATOR)]);
		const { error } = await kit.run('tikTok', {
			resource: 'video',
			operation: 'postFromUrl',
			videoUrl: 'https://media.example.com/a.mp4',
			privacyLevel: 'PUBLIC_TO_EVERYONE',
		});
		expect(seen).toHaveLength(1);
		expect(error?.message).toBe(
			'TikTok does not let @tiktok post with the privacy level PUBLIC_TO_EVERYONE: it offers MUTUAL_FOLLOW_FRIENDS, SELF_ONLY.',
		);
	});

	it('a FAILED status fails the item with TikTok’s reason and its fix', async () => {
		kit.fake(
			['POST', 200, ok(CREATOR)],
			['POST', 200, ok({ publish_id: 'v_pub_url~v2.9' })],
			['POST', 200, ok({ status: 'FAILED', fail_reason: 'video_pull_failed' })],
		);
		const { error } = await kit.run('tikTok', {
			resource: 'video',
			operation: 'postFromUrl',
			videoUrl: 'https://media.example.com/a.mp4',
			privacyLevel: 'SELF_ONLY',
		});
		expect(error?.message).toBe(
			'TikTok could not publish the video: video_pull_failed (publish ID v_pub_url~v2.9).',
		);
		expect(error?.description).toContain('could not download the video');
	});

	it('the wait is bounded: still processing after Max Wait fails with the publish ID to look up later', async () => {
		const processing: Reply = ['POST', 200, ok({ status: 'PROCESSING_DOWNLOAD' })];
		const seen = kit.fake(
			['POST', 200, ok({ publish_id: 'v_inbox_url~v2.5' })],
			processing,
			processing,
			processing,
		);
		const started = kit.clock.now();
		const { error } = await kit.run('tikTok', {
			resource: 'video',
			operation: 'uploadFromUrl',
			videoUrl: 'https://media.example.com/a.mp4',
			additionalFields: { maxWaitSeconds: 10, pollIntervalSeconds: 5 },
		});
		expect(seen.map((s) => s.uri)).toEqual([
			'/v2/post/publish/inbox/video/init/',
			'/v2/post/publish/status/fetch/',
			'/v2/post/publish/status/fetch/',
			'/v2/post/publish/status/fetch/',
		]);
		expect(kit.clock.now() - started).toBe(10_000);
		expect(error?.message).toBe(
			'TikTok had not finished after 10 s (publish ID v_inbox_url~v2.5, status PROCESSING_DOWNLOAD).',
		);
		expect(error?.description).toContain('Get Publish Status and Publish ID v_inbox_url~v2.5');
	});
});

describe('rate limits per endpoint', () => {
	it('the init endpoints allow 6 requests a minute per token: the 7th post waits for the window', async () => {
		const replies: Reply[] = [];
		for (let i = 0; i < 7; i++)
			replies.push(['POST', 200, ok({ publish_id: `v_inbox_url~v2.${i}` })]);
		const seen = kit.fake(...replies);
		const times: number[] = [];
		const started = kit.clock.now();
		const { outputs, error } = await kit.run(
			'tikTok',
			{
				resource: 'video',
				operation: 'uploadFromUrl',
				videoUrl: 'https://media.example.com/a.mp4',
				additionalFields: { waitForCompletion: false },
			},
			{ input: Array.from({ length: 7 }, () => ({ json: {} })) },
		);
		expect(error).toBeUndefined();
		expect(seen).toHaveLength(7);
		expect(outputs[0]).toHaveLength(7);
		times.push(kit.clock.now() - started);
		expect(times[0]).toBeGreaterThanOrEqual(60_000);
		expect(tikTokDefinition.spec.rateLimit?.tiers).toEqual({
			userInfo: { requests: 600, windowMs: 60_000 },
			videoList: { requests: 600, windowMs: 60_000 },
			videoQuery: { requests: 600, windowMs: 60_000 },
			creatorInfo: { requests: 20, windowMs: 60_000 },
			postInit: { requests: 6, windowMs: 60_000 },
			statusFetch: { requests: 30, windowMs: 60_000 },
		});
	});
});
