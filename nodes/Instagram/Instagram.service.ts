/**
 * Instagram (Instagram API with Instagram Login, graph.instagram.com): publish media (the two-step
 * container → publish flow, or both at once), read insights, moderate comments, "who am I".
 */
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import {
	INSTAGRAM_GRAPH_URL,
	INSTAGRAM_TOKEN_RENEWAL,
	META_REGISTRATION_HOOKS,
	META_WEBHOOK,
	metaServiceBase,
	VERIFY_TOKEN_PARAM,
} from '../Meta/meta';
import { mediaFieldParam } from '../Meta/meta.fields';
import { instagramHooks } from './Instagram.hooks';
import { INSTAGRAM_OAUTH } from './Instagram.oauth';
export { INSTAGRAM_SCOPES, INSTAGRAM_OAUTH } from './Instagram.oauth';

export const INSTAGRAM_CREDENTIAL = 'apiConnInstagramOAuth2Api';

const MEDIA_FIELDS =
	'id,caption,media_type,media_product_type,media_url,permalink,thumbnail_url,timestamp,username,like_count,comments_count';
const COMMENT_FIELDS = 'id,text,username,timestamp,like_count,hidden';
const TAGGED_FIELDS = 'id,caption,media_type,media_url,permalink,timestamp,username';
const MENTIONED_MEDIA_FIELDS =
	'id,caption,media_type,media_url,permalink,timestamp,username,like_count,comments_count';
const MENTIONED_COMMENT_FIELDS = 'id,text,timestamp,like_count,media{id,permalink}';
const USER_FIELDS =
	'id,user_id,username,name,account_type,profile_picture_url,followers_count,follows_count,media_count';

const accountId: ParamSpec = {
	displayName: 'Instagram Account ID',
	name: 'accountId',
	in: 'path',
	type: 'string',
	required: true,
	default: 'me',
	description:
		"The Instagram professional account to act on. 'me' is the account this credential connected (resolved from its token, no extra call); enter the numeric ID to name it explicitly.",
	validate: {
		pattern: '^(me|\\d+)$',
		patternHint: "Use 'me' or the account's numeric ID, e.g. 17841405793187218.",
	},
};

const idParam = (name: string, displayName: string, description: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description,
	validate: {
		pattern: '^\\d+$',
		patternHint: `${displayName}s are numeric, e.g. 17895695668004550.`,
	},
});

/** The required text of a comment or reply. */
const messageParam = (description: string): ParamSpec => ({
	displayName: 'Message',
	name: 'message',
	in: 'body',
	type: 'string',
	default: '',
	required: true,
	description,
});

const mediaId = idParam(
	'mediaId',
	'Media ID',
	'ID of a published media object (a post, reel or story)',
);
const commentId = idParam('commentId', 'Comment ID', 'ID of the comment');

const fields = (defaults: string): ParamSpec => ({
	displayName: 'Fields',
	name: 'fields',
	in: 'query',
	type: 'string',
	default: '',
	description: `Comma-separated fields to return. Default: ${defaults}.`,
});

/** Mention → Get Mentioned Media / Comment: the account read with the `mentioned_<kind>` field expansion (hook). */
const mentionedRead = (
	id: string,
	kind: 'media' | 'comment',
	idParam: ParamSpec,
	defaults: string,
): OperationSpec => ({
	id,
	scopes: ['instagram_business_basic', 'instagram_business_manage_comments'],
	name: `Get Mentioned ${kind === 'media' ? 'Media' : 'Comment'}`,
	action: `Get a ${kind === 'media' ? 'media object' : 'comment'} the account is mentioned in`,
	description: `Read the ${kind === 'media' ? 'media whose caption @mentions' : 'comment that @mentions'} the account (the ${kind} ID comes with a mentions webhook)`,
	method: 'GET',
	path: '/{accountId}',
	hook: 'getMentioned',
	query: { fields: defaults },
	params: [accountId, { ...idParam, in: 'query' }, fields(defaults)],
	docsUrl: `https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/mentioned_${kind}`,
});

/** The container fields (POST /{ig-user-id}/media); shared by "Create" and "Create and Publish". */
const containerParams: ParamSpec[] = [
	{
		displayName: 'Image URL',
		name: 'image_url',
		in: 'body',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/photo.jpg',
		description:
			'Public URL of a JPEG image. Meta downloads it, so it must be reachable from the internet.',
	},
	{
		displayName: 'Video URL',
		name: 'video_url',
		in: 'body',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/reel.mp4',
		description: 'Public URL of the video, for a reel or a video story',
	},
	{
		displayName: 'Media Type',
		name: 'media_type',
		in: 'body',
		type: 'options',
		options: [
			{
				name: 'Reel',
				value: 'REELS',
				description: 'A video published as a reel (needs Video URL)',
			},
			{ name: 'Story', value: 'STORIES', description: 'An image or video story (24 hours)' },
			{
				name: 'Carousel',
				value: 'CAROUSEL',
				description: 'Up to 10 item containers (needs Children)',
			},
		],
		default: 'REELS',
		description: 'Leave unset for an image post in the feed',
	},
	{
		displayName: 'Caption',
		name: 'caption',
		in: 'body',
		type: 'string',
		default: '',
		description: 'Text of the post, with #hashtags and @mentions (not used for stories)',
	},
	{
		displayName: 'Children',
		name: 'children',
		in: 'body',
		type: 'string',
		default: '',
		placeholder: '17889615691921648,17889615691921649',
		description:
			'Carousel only: comma-separated IDs of up to 10 containers created with "Is Carousel Item"',
	},
	{
		displayName: 'Is Carousel Item',
		name: 'is_carousel_item',
		in: 'body',
		type: 'boolean',
		default: true,
		description:
			'Whether this container is one item of a carousel (publish the carousel, not the item)',
	},
	{
		displayName: 'Alt Text',
		name: 'alt_text',
		in: 'body',
		type: 'string',
		default: '',
		description: 'Image description for screen readers (images only)',
	},
	{
		displayName: 'Cover URL',
		name: 'cover_url',
		in: 'body',
		type: 'string',
		default: '',
		description: 'Reels: public URL of the cover image',
	},
	{
		displayName: 'Thumbnail Offset (Ms)',
		name: 'thumb_offset',
		in: 'body',
		type: 'number',
		default: 0,
		validate: { min: 0 },
		description: 'Reels: the frame used as thumbnail, in milliseconds from the start',
	},
	{
		displayName: 'Share to Feed',
		name: 'share_to_feed',
		in: 'body',
		type: 'boolean',
		default: true,
		description: 'Whether the reel also appears in the feed (reels only)',
	},
	{
		displayName: 'Location ID',
		name: 'location_id',
		in: 'body',
		type: 'string',
		default: '',
		description: 'ID of a Facebook Page with a location to tag',
	},
	{
		displayName: 'User Tags',
		name: 'user_tags',
		in: 'body',
		type: 'json',
		default: '[]',
		description: 'Users to tag, e.g. [{"username":"someone","x":0.5,"y":0.5}]',
	},
];

// Read by the hooks (never sent): how long to wait for containers, and how often to look.
const waitParams: ParamSpec[] = [
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		in: 'query',
		type: 'number',
		default: 300,
		validate: { min: 0, max: 3600 },
		description:
			'How long to wait for Instagram to process the media before the item fails (the container stays and can be published later)',
	},
	{
		displayName: 'Check Every (Seconds)',
		name: 'pollIntervalSeconds',
		in: 'query',
		type: 'number',
		default: 5,
		validate: { min: 1, max: 60 },
		description: 'How often the container status is checked while waiting',
	},
];

const createContainer: OperationSpec = {
	id: 'create',
	name: 'Create Container',
	action: 'Create a media container',
	description:
		'Step 1 of publishing: upload an image, video, reel, story or carousel as a container (not visible yet)',
	method: 'POST',
	path: '/{accountId}/media',
	scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
	body: 'json',
	params: [accountId, ...containerParams],
	docsUrl: 'https://developers.facebook.com/docs/instagram-platform/content-publishing',
};

const spec: ServiceSpec = {
	id: 'instagram',
	displayName: 'Instagram',
	description:
		'Publish media, read insights and moderate comments on an Instagram professional account',
	docsUrl:
		'https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login',
	baseUrl: INSTAGRAM_GRAPH_URL,
	...metaServiceBase({
		credentialType: INSTAGRAM_CREDENTIAL,
		displayName: 'Instagram OAuth2',
		oauth: INSTAGRAM_OAUTH,
		meFields: 'id,username',
		labelPath: 'username',
	}),
	// 60-day tokens with no refresh token: renewed with ig_refresh_token before expiry (after the one-time
	// ig_exchange_token of the short-lived login token, see nodes/Meta/meta.ts).
	connection: { tokenRenewal: INSTAGRAM_TOKEN_RENEWAL },
	resources: [
		{
			id: 'media',
			name: 'Media',
			description: 'Posts, reels, stories and carousels',
			operations: [
				createContainer,
				{
					id: 'publish',
					name: 'Publish',
					action: 'Publish a media container',
					description: 'Step 2 of publishing: publish a container whose status is FINISHED',
					method: 'POST',
					path: '/{accountId}/media_publish',
					scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
					body: 'json',
					params: [
						accountId,
						{
							displayName: 'Creation ID',
							name: 'creation_id',
							in: 'body',
							type: 'string',
							default: '',
							required: true,
							description: 'ID of the container returned by "Create Container"',
							validate: { pattern: '^\\d+$', patternHint: 'Container IDs are numeric.' },
						},
					],
					docsUrl:
						'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media_publish',
				},
				{
					...createContainer,
					id: 'createAndPublish',
					name: 'Create and Publish',
					action: 'Create and publish media',
					description:
						'Create the container, wait until Instagram has processed it (status FINISHED), publish it and return the published media ID',
					hook: 'createAndPublish',
					params: [...(createContainer.params ?? []), ...waitParams],
				},
				{
					id: 'uploadAndPublish',
					scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
					name: 'Upload and Publish Video',
					action: 'Upload and publish a video',
					description:
						"Upload a reel or video story from the item's binary data (Meta's resumable upload), wait until Instagram has processed it, publish it",
					method: 'POST',
					path: '/{accountId}/media',
					hook: 'uploadAndPublish',
					params: [
						accountId,
						mediaFieldParam(
							'the video (MP4 or MOV, H.264; reels 3 s to 15 min, up to 300 MB). Images cannot be uploaded: give Create and Publish a public Image URL.',
						),
						{
							displayName: 'Media Type',
							name: 'media_type',
							in: 'body',
							type: 'options',
							required: true,
							options: [
								{ name: 'Reel', value: 'REELS' },
								{ name: 'Story', value: 'STORIES', description: 'A video story (24 hours)' },
							],
							default: 'REELS',
						},
						...(createContainer.params ?? []).filter((p) =>
							[
								'caption',
								'cover_url',
								'thumb_offset',
								'share_to_feed',
								'location_id',
								'user_tags',
							].includes(p.name),
						),
						...waitParams,
					],
					docsUrl:
						'https://developers.facebook.com/docs/instagram-platform/content-publishing/resumable-uploads',
				},
				{
					id: 'publishCarousel',
					scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
					name: 'Publish Carousel',
					action: 'Publish a carousel',
					description:
						'Create one item container per image or video URL, wait until each is FINISHED, create the carousel, wait, publish it',
					method: 'POST',
					path: '/{accountId}/media',
					hook: 'publishCarousel',
					params: [
						accountId,
						{
							displayName: 'Media URLs',
							name: 'mediaUrls',
							in: 'body',
							type: 'stringList',
							default: '',
							required: true,
							placeholder: 'https://example.com/1.jpg,https://example.com/2.mp4',
							description:
								'2 to 10 public URLs, comma-separated, in carousel order: JPEG images, or .mp4/.mov videos (sent as video_url with media_type VIDEO)',
						},
						...(createContainer.params ?? []).filter((p) =>
							['caption', 'location_id', 'user_tags'].includes(p.name),
						),
						...waitParams,
					],
					docsUrl:
						'https://developers.facebook.com/docs/instagram-platform/content-publishing#carousel-posts',
				},
				{
					id: 'get',
					name: 'Get',
					action: 'Get a media object',
					method: 'GET',
					path: '/{mediaId}',
					scopes: ['instagram_business_basic'],
					query: { fields: MEDIA_FIELDS },
					params: [mediaId, fields(MEDIA_FIELDS)],
				},
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many media objects',
					description: "List the account's published media, newest first",
					method: 'GET',
					path: '/{accountId}/media',
					scopes: ['instagram_business_basic'],
					query: { fields: MEDIA_FIELDS },
					paginate: true,
					params: [accountId, fields(MEDIA_FIELDS)],
				},
				{
					id: 'getStories',
					scopes: ['instagram_business_basic'],
					name: 'Get Stories',
					action: 'Get stories',
					description:
						"List the account's current stories (the last 24 hours); publish one with Create and Publish, Media Type Story",
					method: 'GET',
					path: '/{accountId}/stories',
					query: { fields: MEDIA_FIELDS },
					paginate: true,
					params: [accountId, fields(MEDIA_FIELDS)],
					docsUrl:
						'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/stories',
				},
				{
					id: 'getTagged',
					scopes: ['instagram_business_basic'],
					name: 'Get Tagged',
					action: 'Get media the account is tagged in',
					description: 'List media of other accounts in which this account is tagged',
					method: 'GET',
					path: '/{accountId}/tags',
					query: { fields: TAGGED_FIELDS },
					paginate: true,
					params: [accountId, fields(TAGGED_FIELDS)],
					docsUrl:
						'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/tags',
				},
				{
					id: 'getPublishingLimit',
					scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
					name: 'Get Publishing Limit',
					action: 'Get the content publishing limit',
					description:
						'How many posts the account has published through the API in the last 24 hours, and its quota (carousels count as one)',
					method: 'GET',
					path: '/{accountId}/content_publishing_limit',
					query: { fields: 'quota_usage,config' },
					response: { path: 'data' },
					params: [
						accountId,
						{
							displayName: 'Since',
							name: 'since',
							in: 'query',
							type: 'string',
							default: '',
							description:
								'Count from this time (since): a Unix timestamp or date at most 24 hours ago',
						},
					],
					docsUrl:
						'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit',
				},
			],
		},
		{
			id: 'insights',
			name: 'Insight',
			description: 'Account and media analytics',
			operations: [
				{
					id: 'account',
					name: 'Get Account Insights',
					action: 'Get account insights',
					description: 'Metrics of the account over a period',
					method: 'GET',
					path: '/{accountId}/insights',
					scopes: ['instagram_business_basic', 'instagram_business_manage_insights'],
					response: { path: 'data' },
					params: [
						accountId,
						{
							displayName: 'Metrics',
							name: 'metric',
							in: 'query',
							type: 'string',
							required: true,
							default: 'reach,follower_count',
							description:
								'Comma-separated metrics, e.g. reach, follower_count, profile_views, accounts_engaged, total_interactions, views',
						},
						{
							displayName: 'Period',
							name: 'period',
							in: 'query',
							type: 'options',
							required: true,
							default: 'day',
							options: [
								{ name: 'Day', value: 'day' },
								{ name: 'Week', value: 'week' },
								{ name: '28 Days', value: 'days_28' },
								{ name: 'Lifetime', value: 'lifetime' },
							],
						},
						{
							displayName: 'Metric Type',
							name: 'metric_type',
							in: 'query',
							type: 'options',
							default: 'total_value',
							options: [
								{
									name: 'Total Value',
									value: 'total_value',
									description: 'One number for the whole range',
								},
								{ name: 'Time Series', value: 'time_series', description: 'One value per period' },
							],
						},
						{
							displayName: 'Since',
							name: 'since',
							in: 'query',
							type: 'string',
							default: '',
							description: 'Start of the range: a Unix timestamp or a date such as 2026-11-01',
						},
						{
							displayName: 'Until',
							name: 'until',
							in: 'query',
							type: 'string',
							default: '',
							description: 'End of the range: a Unix timestamp or a date',
						},
						{
							displayName: 'Breakdown',
							name: 'breakdown',
							in: 'query',
							type: 'string',
							default: '',
							description: 'Split a total value, e.g. media_product_type or follow_type',
						},
					],
					docsUrl:
						'https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights',
				},
				{
					id: 'media',
					name: 'Get Media Insights',
					action: 'Get media insights',
					description: 'Metrics of one post, reel or story',
					method: 'GET',
					path: '/{mediaId}/insights',
					scopes: ['instagram_business_basic', 'instagram_business_manage_insights'],
					response: { path: 'data' },
					params: [
						mediaId,
						{
							displayName: 'Metrics',
							name: 'metric',
							in: 'query',
							type: 'string',
							required: true,
							default: 'reach,likes,comments,saved,shares,total_interactions',
							description:
								'Comma-separated metrics, e.g. reach, likes, comments, saved, shares, views, total_interactions (data can be up to 48 hours late)',
						},
					],
					docsUrl:
						'https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights',
				},
			],
		},
		{
			id: 'comment',
			name: 'Comment',
			description: 'Comments on your media',
			operations: [
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many comments',
					description: 'List the comments of a media object',
					method: 'GET',
					path: '/{mediaId}/comments',
					scopes: ['instagram_business_basic', 'instagram_business_manage_comments'],
					query: { fields: COMMENT_FIELDS },
					paginate: true,
					params: [mediaId, fields(COMMENT_FIELDS)],
				},
				{
					id: 'create',
					scopes: ['instagram_business_basic', 'instagram_business_manage_comments'],
					name: 'Create',
					action: 'Comment on a media object',
					description: 'Post a top-level comment on a media object of the account',
					method: 'POST',
					path: '/{mediaId}/comments',
					body: 'json',
					params: [mediaId, messageParam('Text of the comment (message)')],
					docsUrl:
						'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments',
				},
				{
					id: 'reply',
					name: 'Reply',
					action: 'Reply to a comment',
					method: 'POST',
					path: '/{commentId}/replies',
					scopes: ['instagram_business_basic', 'instagram_business_manage_comments'],
					body: 'json',
					params: [commentId, messageParam('Text of the reply')],
				},
				{
					id: 'hide',
					name: 'Hide',
					action: 'Hide or unhide a comment',
					method: 'POST',
					path: '/{commentId}',
					scopes: ['instagram_business_basic', 'instagram_business_manage_comments'],
					body: 'json',
					params: [
						commentId,
						{
							displayName: 'Hide',
							name: 'hide',
							in: 'body',
							type: 'boolean',
							required: true,
							default: true,
							description: 'Whether to hide the comment (turn off to show it again)',
						},
					],
				},
				{
					id: 'delete',
					name: 'Delete',
					action: 'Delete a comment',
					method: 'DELETE',
					path: '/{commentId}',
					scopes: ['instagram_business_basic', 'instagram_business_manage_comments'],
					params: [commentId],
				},
			],
		},
		{
			id: 'mention',
			name: 'Mention',
			description: 'Captions and comments of other accounts that @mention this account',
			operations: [
				mentionedRead('getMedia', 'media', mediaId, MENTIONED_MEDIA_FIELDS),
				mentionedRead('getComment', 'comment', commentId, MENTIONED_COMMENT_FIELDS),
				{
					id: 'reply',
					scopes: ['instagram_business_basic', 'instagram_business_manage_comments'],
					name: 'Reply',
					action: 'Reply to a mention',
					description:
						'Comment on the media (or under the comment) in which another account @mentioned this account',
					method: 'POST',
					path: '/{accountId}/mentions',
					body: 'json',
					params: [
						accountId,
						{
							...mediaId,
							in: 'body',
							name: 'media_id',
							description: 'ID of the media with the mention (from the mentions webhook)',
						},
						{
							...commentId,
							in: 'body',
							name: 'comment_id',
							required: false,
							description:
								'ID of the comment with the mention; leave empty when the mention is in the caption',
						},
						messageParam('Text of the reply (message)'),
					],
					docsUrl:
						'https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/mentions',
				},
			],
		},
		{
			id: 'user',
			name: 'User',
			description: 'The connected account',
			operations: [
				{
					id: 'getMe',
					name: 'Get Me',
					action: 'Get the connected account',
					description: 'The account of this credential: ID, username, follower and media counts',
					method: 'GET',
					path: '/me',
					scopes: ['instagram_business_basic'],
					query: { fields: USER_FIELDS },
					params: [fields(USER_FIELDS)],
				},
			],
		},
	],
	webhook: {
		...META_WEBHOOK,
		// Meta signs deliveries with the Meta app's secret: the credential's Meta App Secret, else its Client Secret.
		secretCredentialField: 'appSecret',
		secretCredentialFallback: 'clientSecret',
		events: [
			{ name: 'Comments', value: 'comments', description: 'A comment on your media' },
			{
				name: 'Mentions',
				value: 'mentions',
				description: 'Your account @mentioned in a caption or comment',
			},
			// Message deliveries carry `messaging` instead of `changes`, so they have no field name: only "all" matches them.
			{
				name: 'All (Including Messages)',
				value: '*',
				description:
					'Every delivery, including direct messages (those need instagram_business_manage_messages)',
			},
		],
		defaultEvents: ['comments'],
		allEvents: '*',
		// Activation points the Meta app's `instagram` subscription at this node (POST /{app-id}/subscriptions, app
		// token) and subscribes the account to the app (POST /me/subscribed_apps); deactivation removes the former.
		register: 'api',
		scopes: ['instagram_business_basic', 'instagram_business_manage_comments'],
		hooks: META_REGISTRATION_HOOKS,
		params: [
			{
				...VERIFY_TOKEN_PARAM,
				required: false,
				description:
					'Leave empty: the node makes one and gives it to Meta when it registers the webhook. Set one only to match a subscription you keep in the Meta app dashboard.',
			},
		],
	},
};

export const instagramDefinition: ServiceDefinition = { spec, hooks: instagramHooks };
