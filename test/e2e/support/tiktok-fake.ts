/**
 * Loopback fake of TikTok's API (open.tiktokapis.com) for the end-to-end suite, reached through the origin map,
 * answering as TikTok's references document: Bearer user token, the `{data, error: {code, message, log_id}}`
 * envelope (an invalid token is 401 `access_token_invalid`), user info with the requested fields, creator info,
 * Direct Post init (PULL_FROM_URL), and the publish status (PROCESSING_DOWNLOAD once, then PUBLISH_COMPLETE).
 * Kept apart from service-fakes.ts so each service's fake is its own file.
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const TIKTOK_TOKEN = 'act.e2eFakeTikTokToken1b2c3d4e5f60718';
export const TIKTOK_CLIENT_KEY = 'awe2efake0client0key';
export const TIKTOK_CLIENT_SECRET = 'tt_e2e_client_secret_6c0f2a';
export const TIKTOK_USER = {
	open_id: '723f24d7-e717-40f8-a2b6-cb8464cd23b4',
	union_id: 'c9c60f44-a68e-4f5d-84dd-ce22faeb0ba1',
	avatar_url: 'https://p16-sign.tiktokcdn-us.com/e2e-avatar.jpeg',
	avatar_url_100: 'https://p16-sign.tiktokcdn-us.com/e2e-avatar-100.jpeg',
	avatar_large_url: 'https://p16-sign.tiktokcdn-us.com/e2e-avatar-large.jpeg',
	display_name: 'E2E Latte Lab',
	follower_count: 1200,
	following_count: 180,
	likes_count: 38000,
	video_count: 42,
};
/** A published post's id: beyond 2^53, so only an exact parse keeps its digits. */
export const TIKTOK_POST_ID = '7327582919283423233';
const OK = { code: 'ok', message: '', log_id: '20261203E2E0000000000000000000001' };

export class TikTokFake extends ServiceFake {
	readonly origin = 'https://open.tiktokapis.com';
	/** Direct Posts initialised, by publish id, with their init bodies; and how often each status was asked. */
	readonly posts = new Map<string, { body: unknown; polls: number }>();
	private seq = 0;

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${TIKTOK_TOKEN}`)
			return [
				401,
				{
					data: {},
					error: {
						code: 'access_token_invalid',
						message: 'The access token is invalid or not found in the request.',
						log_id: OK.log_id,
					},
				},
			];
		const key = `${r.method} ${r.path}`;
		if (key === 'GET /v2/user/info/') {
			const fields = String(r.query.fields ?? '').split(',');
			const user = Object.fromEntries(
				fields
					.filter((f) => f in TIKTOK_USER)
					.map((f) => [f, TIKTOK_USER[f as keyof typeof TIKTOK_USER]]),
			);
			return [200, { data: { user }, error: OK }];
		}
		if (key === 'POST /v2/post/publish/creator_info/query/')
			return [
				200,
				{
					data: {
						creator_avatar_url: TIKTOK_USER.avatar_url,
						creator_username: 'e2e.lattelab',
						creator_nickname: TIKTOK_USER.display_name,
						// An unaudited app: private posts only.
						privacy_level_options: ['SELF_ONLY'],
						comment_disabled: false,
						duet_disabled: false,
						stitch_disabled: true,
						max_video_post_duration_sec: 600,
					},
					error: OK,
				},
			];
		if (key === 'POST /v2/post/publish/video/init/') {
			const body = JSON.parse(r.body || '{}') as { post_info?: { privacy_level?: string } };
			if (body.post_info?.privacy_level !== 'SELF_ONLY')
				return [
					403,
					{
						data: {},
						error: {
							code: 'unaudited_client_can_only_post_to_private_accounts',
							message: 'Unaudited clients can only post to private accounts.',
							log_id: OK.log_id,
						},
					},
				];
			const id = `v_pub_url~v2.${String(++this.seq).padStart(9, '0')}`;
			this.posts.set(id, { body, polls: 0 });
			return [200, { data: { publish_id: id }, error: OK }];
		}
		if (key === 'POST /v2/post/publish/status/fetch/') {
			const { publish_id } = JSON.parse(r.body || '{}') as { publish_id?: string };
			const post = publish_id ? this.posts.get(publish_id) : undefined;
			if (!post)
				return [
					400,
					{
						data: {},
						error: { code: 'invalid_params', message: 'Invalid publish_id.', log_id: OK.log_id },
					},
				];
			post.polls++;
			if (post.polls === 1)
				return [
					200,
					{ data: { status: 'PROCESSING_DOWNLOAD', downloaded_bytes: 4194304 }, error: OK },
				];
			// As TikTok sends it: the post id is a 64-bit integer in the JSON text.
			return [
				200,
				Buffer.from(
					`{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[${TIKTOK_POST_ID}],"downloaded_bytes":10485760,"uploaded_bytes":0},"error":${JSON.stringify(OK)}}`,
				),
				{ 'content-type': 'application/json; charset=utf-8' },
			];
		}
		return [
			404,
			{
				data: {},
				error: { code: 'invalid_params', message: 'Unknown endpoint.', log_id: OK.log_id },
			},
		];
	}
}
