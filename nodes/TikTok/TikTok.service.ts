/**
 * TikTok as data: Login Kit (OAuth 2.0 v2), the Display API (user info, videos) and the Content Posting API
 * (creator info, Direct Post and upload to the inbox, from a URL or from binary data, publish status), and
 * the webhooks TikTok signs with the app's client secret. The engine builds the node, the credential test and
 * the trigger from this spec; TikTok.hooks.ts holds only the posting flow (creator info → init → chunked
 * upload → status polling).
 */
import { binaryFieldParam, enumOptions } from '../../lib/spec/params';
import type { ErrorCodeRule } from '../../lib/transport/error-codes';
import type { ReportedCode } from '../../lib/transport/reported-error';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
	WebhookEventOption,
} from '../../lib/spec/types';
import { tikTokHooks } from './TikTok.hooks';
import { TIKTOK_OAUTH, TIKTOK_TOKEN_URL } from './TikTok.oauth';

const API = 'https://developers.tiktok.com/doc';

/** Fields of GET /v2/user/info/ this node's scopes may read: user.info.basic, then user.info.stats. */
export const USER_FIELDS = [
	'open_id',
	'union_id',
	'avatar_url',
	'avatar_url_100',
	'avatar_large_url',
	'display_name',
	'follower_count',
	'following_count',
	'likes_count',
	'video_count',
];

/** Fields of a video object (video.list): the counts (`like_count`, …) are the analytics. */
export const VIDEO_FIELDS = [
	'id',
	'create_time',
	'cover_image_url',
	'share_url',
	'video_description',
	'duration',
	'height',
	'width',
	'title',
	'embed_html',
	'embed_link',
	'like_count',
	'comment_count',
	'share_count',
	'view_count',
];

/** `avatar_url_100` → "Avatar URL 100" (n8n shows option names in title case). */
const UPPER = { id: 'ID', url: 'URL', html: 'HTML' };

/**
 * The `fields` query TikTok requires on user and video reads: every field by default (the operation's fixed
 * query), fewer when the user picks some under Additional Fields (sent comma-separated instead).
 */
function fieldsParam(name: string, all: string[], what: string): ParamSpec {
	return {
		displayName: 'Fields',
		name,
		wireName: 'fields',
		in: 'query',
		type: 'multiOptions',
		queryFormat: 'comma',
		default: [],
		options: enumOptions(all, UPPER),
		description: `Which fields of the ${what} TikTok returns (its \`fields\` query); all of them when none is picked`,
	};
}

/** The `privacy_level` values of Direct Post; the creator info query says which the account may use. */
const privacyLevel: ParamSpec = {
	displayName: 'Privacy Level',
	name: 'privacyLevel',
	in: 'body',
	bodyPath: 'post_info.privacy_level',
	type: 'options',
	required: true,
	default: 'SELF_ONLY',
	options: [
		{
			name: 'Only Me',
			value: 'SELF_ONLY',
			description: 'Private (the only level an unaudited app may post with)',
		},
		{ name: 'Everyone', value: 'PUBLIC_TO_EVERYONE' },
		{ name: 'Friends', value: 'MUTUAL_FOLLOW_FRIENDS', description: 'Followers you follow back' },
		{ name: 'Followers', value: 'FOLLOWER_OF_CREATOR' },
	],
	description:
		"Who can see the post (`post_info.privacy_level`); it must be one of the creator's `privacy_level_options`, which the node checks first",
};

/** `post_info` fields of Direct Post besides the privacy level (all optional). */
const postInfo: ParamSpec[] = [
	{
		displayName: 'Title',
		name: 'title',
		in: 'body',
		bodyPath: 'post_info.title',
		type: 'string',
		default: '',
		description:
			'The caption (`post_info.title`), up to 2200 UTF-16 characters, with #hashtags and @mentions',
	},
	{
		displayName: 'Disable Comment',
		name: 'disableComment',
		in: 'body',
		bodyPath: 'post_info.disable_comment',
		type: 'boolean',
		default: false,
		description: 'Whether nobody may comment on the post (`post_info.disable_comment`)',
	},
	{
		displayName: 'Disable Duet',
		name: 'disableDuet',
		in: 'body',
		bodyPath: 'post_info.disable_duet',
		type: 'boolean',
		default: false,
		description: 'Whether nobody may duet the post (`post_info.disable_duet`)',
	},
	{
		displayName: 'Disable Stitch',
		name: 'disableStitch',
		in: 'body',
		bodyPath: 'post_info.disable_stitch',
		type: 'boolean',
		default: false,
		description: 'Whether nobody may stitch the post (`post_info.disable_stitch`)',
	},
	{
		displayName: 'Cover Timestamp (Ms)',
		name: 'videoCoverTimestampMs',
		in: 'body',
		bodyPath: 'post_info.video_cover_timestamp_ms',
		type: 'number',
		default: 0,
		validate: { min: 0 },
		description:
			'The frame used as the cover, in milliseconds from the start (`post_info.video_cover_timestamp_ms`)',
	},
	{
		displayName: 'Branded Content',
		name: 'brandContentToggle',
		in: 'body',
		bodyPath: 'post_info.brand_content_toggle',
		type: 'boolean',
		default: false,
		description:
			'Whether the post promotes a third party in a paid partnership (`post_info.brand_content_toggle`)',
	},
	{
		displayName: 'Your Brand',
		name: 'brandOrganicToggle',
		in: 'body',
		bodyPath: 'post_info.brand_organic_toggle',
		type: 'boolean',
		default: false,
		description:
			"Whether the post promotes the creator's own business (`post_info.brand_organic_toggle`)",
	},
	{
		displayName: 'AI-Generated Content',
		name: 'isAigc',
		in: 'body',
		bodyPath: 'post_info.is_aigc',
		type: 'boolean',
		default: false,
		description: 'Whether the video is labelled as AI-generated (`post_info.is_aigc`)',
	},
];

const videoUrl: ParamSpec = {
	displayName: 'Video URL',
	name: 'videoUrl',
	in: 'body',
	bodyPath: 'source_info.video_url',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'https://media.example.com/clip.mp4',
	description:
		'Public HTTPS URL TikTok downloads the video from (`source_info.video_url`, PULL_FROM_URL); its domain or URL prefix must be verified in the developer portal',
	validate: { pattern: '^https://\\S+$', patternHint: 'TikTok pulls videos over HTTPS only.' },
};

/** Fields the hook reads and never sends (in: 'query' keeps them out of the body it builds). */
const binaryProperty: ParamSpec = binaryFieldParam(
	'The binary field of the input item that holds the video (MP4, MOV or WebM), uploaded in chunks (FILE_UPLOAD)',
	'query',
);

const chunkSize: ParamSpec = {
	displayName: 'Chunk Size (MB)',
	name: 'chunkSizeMb',
	in: 'query',
	type: 'number',
	default: 10,
	validate: { min: 5, max: 64 },
	description:
		"Size of each uploaded chunk, 5 to 64 MB (TikTok's rule; the last chunk takes the remainder, files under 5 MB go in one piece)",
};

const waitParams: ParamSpec[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		in: 'query',
		type: 'boolean',
		default: true,
		description:
			'Whether to poll the publish status until TikTok has finished (or failed); otherwise the item returns the publish ID at once',
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		in: 'query',
		type: 'number',
		default: 300,
		validate: { min: 0, max: 3600 },
		description:
			'How long to poll before the item fails (the post goes on at TikTok: look it up later with Get Publish Status)',
	},
	{
		displayName: 'Check Every (Seconds)',
		name: 'pollIntervalSeconds',
		in: 'query',
		type: 'number',
		default: 5,
		validate: { min: 2, max: 60 },
		description:
			'How often the publish status is checked while waiting (TikTok allows 30 checks a minute)',
	},
];

const DIRECT_POST = '/v2/post/publish/video/init/';
const INBOX = '/v2/post/publish/inbox/video/init/';

/** The four posting operations share their shape: init (one of two endpoints) with a URL or a file. */
function postOperation(o: {
	id: string;
	name: string;
	action: string;
	description: string;
	direct: boolean;
	fromUrl: boolean;
}): OperationSpec {
	return {
		id: o.id,
		name: o.name,
		action: o.action,
		description: o.description,
		method: 'POST',
		path: o.direct ? DIRECT_POST : INBOX,
		hook: 'postVideo',
		scopes: o.direct ? ['video.publish'] : ['video.upload'],
		rateLimit: { tier: 'postInit' },
		fixedBody: { source_info: { source: o.fromUrl ? 'PULL_FROM_URL' : 'FILE_UPLOAD' } },
		params: [
			...(o.fromUrl ? [videoUrl] : [binaryProperty]),
			...(o.direct ? [privacyLevel, ...postInfo] : []),
			...(o.fromUrl ? [] : [chunkSize]),
			...waitParams,
		],
		docsUrl: o.direct
			? `${API}/content-posting-api-reference-direct-post`
			: `${API}/content-posting-api-reference-upload-video`,
	};
}

/**
 * TikTok's error codes (tiktok-api-v2-error-handling and the Content Posting references), one table for both
 * answers: a 4xx/5xx (`errorCodes`) and a 200 that reports the error in its envelope (`errorsInBody`).
 */
const ERROR_RULES: ErrorCodeRule[] = [
	{
		codes: ['access_token_invalid'],
		category: 'auth',
		reason: 'the access token is invalid or expired',
	},
	{ codes: ['scope_not_authorized', 'scope_permission_missed'], category: 'permission' },
	{ codes: ['rate_limit_exceeded'], category: 'rateLimit' },
	{
		codes: ['spam_risk_too_many_posts'],
		category: 'permanent',
		reason: 'the creator reached the daily posting cap TikTok sets per account',
		fix: 'Post again tomorrow; the cap counts every post of the day, whichever app made it.',
	},
	{
		codes: ['spam_risk_too_many_pending_share'],
		category: 'permanent',
		reason: 'the creator has too many drafts waiting in the TikTok inbox (at most 5 in 24 hours)',
		fix: 'Have the creator post or delete the pending drafts in the TikTok app, then run the item again.',
	},
	{
		codes: ['spam_risk_user_banned_from_posting'],
		category: 'permanent',
		reason: 'TikTok does not let this account post at the moment',
		fix: 'The creator must resolve it in the TikTok app; nothing this node sends can change it.',
	},
	{
		codes: ['reached_active_user_cap'],
		category: 'permanent',
		reason: "the app reached TikTok's daily cap of active posting users",
		fix: 'Try again tomorrow, or have the app audited in the developer portal to lift the cap.',
	},
	{
		codes: ['unaudited_client_can_only_post_to_private_accounts'],
		category: 'permanent',
		reason: 'an unaudited app may only post privately',
		fix: "Set 'Privacy Level' to Only Me, or have the app audited in the TikTok developer portal.",
	},
	{
		codes: ['privacy_level_option_mismatch'],
		category: 'invalid',
		reason: "the privacy level is not one of the creator's privacy_level_options",
		fix: "Pick a 'Privacy Level' that Creator → Get Info lists for this account.",
	},
	{
		codes: ['url_ownership_unverified'],
		category: 'permanent',
		reason: "the video URL's domain or prefix is not verified for this app",
		fix: 'Verify the domain or URL prefix in the TikTok developer portal (Content Posting API → Manage URL properties), or upload the video from binary data instead.',
	},
	{
		codes: [
			'invalid_params',
			'invalid_file_upload',
			'file_format_check_failed',
			'duration_check_failed',
			'frame_rate_check_failed',
			'picture_size_check_failed',
		],
		category: 'invalid',
	},
	{ codes: ['internal_error'], category: 'transient' },
];

/** The same codes for a 200 answer: `auth` for reconnect and scope, the rule's sentences as cause and fix. */
function reportedCodes(): Record<string, ReportedCode> {
	const kinds: Record<ErrorCodeRule['category'], ReportedCode['kind']> = {
		auth: 'auth',
		permission: 'auth',
		rateLimit: 'rateLimit',
		transient: 'transient',
		invalid: 'permanent',
		notFound: 'permanent',
		permanent: 'permanent',
	};
	const fixes: Partial<Record<ErrorCodeRule['category'], string>> = {
		auth: 'Reconnect {$credential}.',
		permission:
			"Add the scope the operation needs (docs/services/tiktok.md lists them) to the credential's Scope field and to the app, then reconnect {$credential}.",
		invalid: "Check the operation's fields against the code TikTok gave ({error.message}).",
	};
	const out: Record<string, ReportedCode> = {};
	for (const rule of ERROR_RULES)
		for (const code of rule.codes ?? []) {
			const fix = rule.fix ?? fixes[rule.category];
			out[String(code)] = {
				kind: kinds[rule.category],
				...(rule.reason ? { cause: `TikTok: ${rule.reason}.` } : {}),
				...(fix ? { fix } : {}),
			};
		}
	return out;
}

export const tikTokSpec: ServiceSpec = {
	id: 'tikTok',
	displayName: 'TikTok',
	description: 'Post videos to TikTok and read the account’s videos and counts',
	docsUrl: 'https://developers.tiktok.com/doc/overview',
	baseUrl: 'https://open.tiktokapis.com',
	auth: [
		{
			kind: 'oauth2',
			credentialType: 'apiConnTikTokOAuth2Api',
			displayName: 'TikTok OAuth2',
			oauth2: TIKTOK_OAUTH,
		},
	],
	credentialTest: { path: '/v2/user/info/?fields=open_id,display_name' },
	account: {
		path: '/v2/user/info/?fields=open_id,display_name',
		labelPath: 'data.user.display_name',
	},
	connection: {
		// POST /v2/oauth/revoke/ with the client key and secret in the form: the grant ends, and its tokens with it.
		revoke: {
			method: 'POST',
			path: '/v2/oauth/revoke/',
			token: 'access',
			tokenIn: 'form',
			tokenParam: 'token',
			clientAuth: 'oauth2',
		},
		// n8n's own refresh sends `client_id`, which TikTok's token endpoint does not read: the engine refreshes
		// with `client_key` itself, before the access token expires, and keeps the refresh token TikTok rotates.
		tokenRenewal: {
			refreshToken: true,
			method: 'POST',
			path: TIKTOK_TOKEN_URL,
			params: {
				client_key: '{clientId}',
				client_secret: '{clientSecret}',
				grant_type: 'refresh_token',
				refresh_token: '{refresh_token}',
			},
			marginMs: 30 * 60_000,
			tokenPath: 'access_token',
			expiresInPath: 'expires_in',
			refreshTokenPath: 'refresh_token',
			refreshExpiresInPath: 'refresh_expires_in',
		},
	},
	rateLimit: {
		// Every v2 endpoint: 600 requests per minute (sliding window) per endpoint unless it says otherwise.
		requests: 600,
		windowMs: 60_000,
		tiers: {
			userInfo: { requests: 600, windowMs: 60_000 },
			videoList: { requests: 600, windowMs: 60_000 },
			videoQuery: { requests: 600, windowMs: 60_000 },
			// Content Posting API, per user access token (one connection is one token).
			creatorInfo: { requests: 20, windowMs: 60_000 },
			postInit: { requests: 6, windowMs: 60_000 },
			statusFetch: { requests: 30, windowMs: 60_000 },
		},
	},
	// `{"data": {…}, "error": {"code": "ok", "message": "", "log_id": "…"}}`: any other code is an error, also in a 200.
	errorsInBody: {
		codePath: 'error.code',
		okCodes: ['ok'],
		messagePath: 'error.message',
		codes: reportedCodes(),
	},
	errorCodes: {
		codePath: 'error.code',
		fieldPattern: '(?:field|param(?:eter)?)s? [\'"`]?([a-z_.]+)',
		rules: ERROR_RULES,
	},
	pagination: {
		// POST /v2/video/list/ reads the cursor and page size from its JSON body; `has_more` ends paging.
		type: 'cursor',
		paramsIn: 'body',
		cursorParam: 'cursor',
		nextCursorPath: 'data.cursor',
		hasMorePath: 'data.has_more',
		itemsPath: 'data.videos',
		limitParam: 'max_count',
		pageSize: 20,
	},
	resources: [
		{
			id: 'user',
			name: 'User',
			operations: [
				{
					id: 'getInfo',
					name: 'Get Info',
					action: 'Get the connected user',
					description:
						'Profile of the connected account with its follower, following, likes and video counts',
					method: 'GET',
					path: '/v2/user/info/',
					scopes: ['user.info.basic', 'user.info.stats'],
					rateLimit: { tier: 'userInfo' },
					query: { fields: USER_FIELDS.join(',') },
					params: [fieldsParam('userFields', USER_FIELDS, 'user')],
					response: { path: 'data.user' },
					docsUrl: `${API}/tiktok-api-v2-get-user-info`,
				},
			],
		},
		{
			id: 'creator',
			name: 'Creator',
			operations: [
				{
					id: 'getInfo',
					name: 'Get Info',
					action: 'Get the creator info for posting',
					description:
						'Privacy levels the account may post with, whether comments, duets and stitches are off, the longest video allowed (TikTok requires this query before a Direct Post)',
					method: 'POST',
					path: '/v2/post/publish/creator_info/query/',
					scopes: ['video.publish'],
					rateLimit: { tier: 'creatorInfo' },
					idempotent: true,
					response: { path: 'data' },
					docsUrl: `${API}/content-posting-api-reference-query-creator-info`,
				},
			],
		},
		{
			id: 'video',
			name: 'Video',
			operations: [
				postOperation({
					id: 'postFromUrl',
					name: 'Post From URL',
					action: 'Post a video from a URL',
					description:
						'Direct Post: check the creator info, let TikTok pull the video from a URL (PULL_FROM_URL) and wait until it is published',
					direct: true,
					fromUrl: true,
				}),
				postOperation({
					id: 'postFromBinary',
					name: 'Post From Binary',
					action: 'Post a video from binary data',
					description:
						'Direct Post: check the creator info, upload the binary video in chunks (FILE_UPLOAD) and wait until it is published',
					direct: true,
					fromUrl: false,
				}),
				postOperation({
					id: 'uploadFromUrl',
					name: 'Upload Draft From URL',
					action: 'Upload a video draft from a URL',
					description:
						"Upload to the creator's TikTok inbox from a URL (PULL_FROM_URL); the creator finishes the post in the TikTok app",
					direct: false,
					fromUrl: true,
				}),
				postOperation({
					id: 'uploadFromBinary',
					name: 'Upload Draft From Binary',
					action: 'Upload a video draft from binary data',
					description:
						"Upload the binary video in chunks (FILE_UPLOAD) to the creator's TikTok inbox; the creator finishes the post in the TikTok app",
					direct: false,
					fromUrl: false,
				}),
				{
					id: 'getStatus',
					name: 'Get Publish Status',
					action: 'Get the publish status of a post',
					description:
						'Status of a post or upload by its publish ID: PROCESSING_UPLOAD, PROCESSING_DOWNLOAD, SEND_TO_USER_INBOX, PUBLISH_COMPLETE or FAILED (with the reason)',
					method: 'POST',
					path: '/v2/post/publish/status/fetch/',
					scopes: ['video.publish'],
					rateLimit: { tier: 'statusFetch' },
					idempotent: true,
					params: [
						{
							displayName: 'Publish ID',
							name: 'publishId',
							in: 'body',
							bodyPath: 'publish_id',
							type: 'string',
							default: '',
							required: true,
							placeholder: 'v_pub_url~v2.123456789',
							description: 'The `publish_id` a post or upload returned',
						},
					],
					// `publicaly_available_post_id` holds 64-bit post ids: kept exact, as strings.
					response: { path: 'data', exactIntegers: true },
					docsUrl: `${API}/content-posting-api-reference-get-video-status`,
				},
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many videos',
					description:
						"The connected user's public videos, newest first, with their like, comment, share and view counts",
					method: 'POST',
					path: '/v2/video/list/',
					scopes: ['video.list'],
					rateLimit: { tier: 'videoList' },
					idempotent: true,
					paginate: true,
					query: { fields: VIDEO_FIELDS.join(',') },
					params: [fieldsParam('listFields', VIDEO_FIELDS, 'video')],
					docsUrl: `${API}/tiktok-api-v2-video-list`,
				},
				{
					id: 'query',
					name: 'Get by IDs',
					action: 'Get videos by ID',
					description:
						"Up to 20 of the connected user's videos by ID, with their counts (also refreshes expired cover image URLs)",
					method: 'POST',
					path: '/v2/video/query/',
					scopes: ['video.list'],
					rateLimit: { tier: 'videoQuery' },
					idempotent: true,
					query: { fields: VIDEO_FIELDS.join(',') },
					params: [
						{
							displayName: 'Video IDs',
							name: 'videoIds',
							in: 'body',
							bodyPath: 'filters.video_ids',
							type: 'stringList',
							default: '',
							required: true,
							placeholder: '7077642457847994444,7080217258529732386',
							description:
								'Comma-separated IDs of videos the connected user owns, at most 20 (`filters.video_ids`)',
						},
						fieldsParam('queryFields', VIDEO_FIELDS, 'video'),
					],
					response: { path: 'data.videos' },
					docsUrl: `${API}/tiktok-api-v2-video-query`,
				},
			],
		},
	],
	webhook: {
		// Deliveries are signed with the app's client secret, which is the credential's.
		secretCredentialField: 'clientSecret',
		// `TikTok-Signature: t=<unix seconds>,s=<hex HMAC-SHA256 of "t.body">`; TikTok leaves the tolerance to the
		// receiver: 5 minutes either way (its clock and ours).
		signature: {
			header: 'TikTok-Signature',
			algorithm: 'sha256',
			encoding: 'hex',
			structured: { timestampKey: 't', signatureKey: 's' },
			signedPayload: '{timestamp}.{body}',
			toleranceSeconds: 300,
			timestampWindow: 'two-sided',
		},
		// The callback URL is set once per app in the developer portal (no API): the doc page gives the steps.
		register: 'manual',
		eventPath: 'event',
		events: (
			[
				{
					name: 'Post Publish Complete',
					value: 'post.publish.complete',
					description: 'A Direct Post was published (its `content` holds the publish_id)',
				},
				{
					name: 'Post Publish Failed',
					value: 'post.publish.failed',
					description: 'A post or upload failed (`content` holds the publish_id and the reason)',
				},
				{
					name: 'Post Inbox Delivered',
					value: 'post.publish.inbox_delivered',
					description: "An uploaded draft reached the creator's inbox",
				},
				{
					name: 'Post Publicly Available',
					value: 'post.publish.publicly_available',
					description: 'A post became publicly viewable (`content` holds the post_id)',
				},
				{
					name: 'Post No Longer Publicly Available',
					value: 'post.publish.no_longer_publicly_available',
					description: 'A post stopped being publicly viewable',
				},
				{
					name: 'Any Post Publish Event',
					value: 'post.publish.*',
					description: 'Every post.publish event',
				},
				{
					name: 'Authorization Removed',
					value: 'authorization.removed',
					description: 'The user removed the app (deauthorized it); its tokens no longer work',
				},
				{
					name: 'Video Upload Failed',
					value: 'video.upload.failed',
					description: 'An upload through the older Video Kit share flow failed',
				},
				{
					name: 'Video Publish Completed',
					value: 'video.publish.completed',
					description: 'A video shared through the older Video Kit flow was published',
				},
				{ name: 'Any Event', value: '*', description: 'Every delivery' },
			] satisfies WebhookEventOption[]
		).sort((x, y) => x.name.localeCompare(y.name)),
		allEvents: '*',
		defaultEvents: ['post.publish.*', 'authorization.removed'],
	},
};

export const tikTokDefinition: ServiceDefinition = { spec: tikTokSpec, hooks: tikTokHooks };
