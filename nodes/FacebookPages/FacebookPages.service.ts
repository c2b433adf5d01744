/**
 * Facebook Pages (Graph API, Facebook Login): posts, insights and comments of the Pages the connected
 * user manages. Page calls are signed with the Page's own access token, fetched at run time from the
 * user token (hook `pageToken`); listing and reading Pages uses the user token.
 */
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import {
	FACEBOOK_GRAPH_URL,
	FACEBOOK_TOKEN_RENEWAL,
	META_REGISTRATION_HOOKS,
	META_WEBHOOK,
	metaServiceBase,
	VERIFY_TOKEN_PARAM,
} from '../Meta/meta';
import { mediaFieldParam } from '../Meta/meta.fields';
import { facebookPagesHooks } from './FacebookPages.hooks';
import { FACEBOOK_PAGES_OAUTH } from './FacebookPages.oauth';
export { FACEBOOK_PAGES_SCOPES, FACEBOOK_PAGES_OAUTH } from './FacebookPages.oauth';

export const FACEBOOK_PAGES_CREDENTIAL = 'apiConnFacebookPagesOAuth2Api';

/** Resources whose operations run with a Page access token (and show the shared "Page" field). */
export const PAGE_TOKEN_RESOURCES = ['post', 'insights', 'comment', 'conversation'];

const POST_FIELDS =
	'id,message,created_time,updated_time,permalink_url,status_type,full_picture,is_published';
const COMMENT_FIELDS = 'id,message,from,created_time,like_count,comment_count,parent';
const PAGE_FIELDS = 'id,name,about,category,fan_count,followers_count,link,username,website';
const CONVERSATION_FIELDS = 'id,updated_time,message_count,unread_count,participants,link';
const MESSAGE_FIELDS = 'id,created_time,from,to,message';

const pageId: ParamSpec = {
	displayName: 'Page ID',
	name: 'pageId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: 'ID of a Facebook Page the connected user manages',
	validate: {
		pattern: '^\\d+$',
		patternHint: 'Page IDs are numeric, e.g. 104589323456789. Page → Get Many lists yours.',
	},
};

const postId: ParamSpec = {
	displayName: 'Post ID',
	name: 'postId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description:
		'ID of a Page post, in the form &lt;page ID&gt;_&lt;post ID&gt; as Facebook returns it',
	validate: {
		pattern: '^\\d+_\\d+$',
		patternHint: 'Page post IDs look like 104589323456789_122101234567890123.',
	},
};

const objectId: ParamSpec = {
	displayName: 'Post or Comment ID',
	name: 'objectId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: 'ID of the post (or of the comment, for replies to a comment)',
	validate: {
		pattern: '^\\d+(_\\d+)?$',
		patternHint: 'IDs look like 104589323456789_122101234567890123.',
	},
};

const fields = (defaults: string): ParamSpec => ({
	displayName: 'Fields',
	name: 'fields',
	in: 'query',
	type: 'string',
	default: '',
	description: `Comma-separated fields to return. Default: ${defaults}.`,
});

/** What a photo post takes besides the image (by URL or uploaded). */
const photoFields: ParamSpec[] = [
	{
		displayName: 'Caption',
		name: 'caption',
		in: 'body',
		type: 'string',
		default: '',
		description: 'Text shown with the photo',
	},
	{
		displayName: 'Published',
		name: 'published',
		in: 'body',
		type: 'boolean',
		default: true,
		description: 'Whether the photo appears on the Page at once',
	},
];

/** An operation of a Page-token resource: the Page token is read first (`GET /{page-id}?fields=access_token`, pages_show_list). */
const pageOp = (op: OperationSpec): OperationSpec => ({
	...op,
	hook: 'pageToken',
	scopes: [...(op.scopes ?? []), 'pages_show_list'],
});

const spec: ServiceSpec = {
	id: 'facebookPages',
	displayName: 'Facebook Pages',
	description:
		'Publish and manage posts, read insights and moderate comments on Facebook Pages you manage',
	docsUrl: 'https://developers.facebook.com/docs/pages-api',
	baseUrl: FACEBOOK_GRAPH_URL,
	...metaServiceBase({
		credentialType: FACEBOOK_PAGES_CREDENTIAL,
		displayName: 'Facebook Pages OAuth2',
		oauth: FACEBOOK_PAGES_OAUTH,
		meFields: 'id,name',
		labelPath: 'name',
	}),
	connection: {
		// The user token is exchanged (fb_exchange_token) for a 60-day one and renewed before it expires.
		tokenRenewal: FACEBOOK_TOKEN_RENEWAL,
		// Disconnect removes the app's permissions for the user (the token signs the request).
		revoke: { method: 'DELETE', path: '/me/permissions', tokenIn: 'none' },
	},
	// Version 2: Post → Create takes a link without a message.
	versions: [1, 2],
	resources: [
		{
			id: 'post',
			name: 'Post',
			description: 'Posts published by the Page',
			operations: [
				pageOp({
					id: 'create',
					name: 'Create',
					action: 'Create a post',
					description: 'Publish a text or link post on the Page (or schedule it)',
					method: 'POST',
					path: '/{pageId}/feed',
					scopes: ['pages_manage_posts', 'pages_read_engagement'],
					body: 'json',
					params: [
						pageId,
						{
							displayName: 'Message',
							name: 'message',
							in: 'body',
							type: 'string',
							default: '',
							required: true,
							until: 1,
							description: 'Text of the post',
						},
						// Version 2: Meta takes a link alone, so the message is optional (one of the two is needed).
						{
							displayName: 'Message',
							name: 'messageText',
							in: 'body',
							bodyPath: 'message',
							type: 'string',
							default: '',
							since: 2,
							description: 'Text of the post; may be left out when a Link is given',
						},
						{
							displayName: 'Link',
							name: 'link',
							in: 'body',
							type: 'string',
							default: '',
							placeholder: 'https://example.com/article',
							description: 'URL to share with the post (Facebook shows a preview)',
						},
						{
							displayName: 'Published',
							name: 'published',
							in: 'body',
							type: 'boolean',
							default: true,
							description:
								'Whether to publish now; turn off and set a Scheduled Publish Time to schedule the post',
						},
						{
							displayName: 'Scheduled Publish Time',
							name: 'scheduled_publish_time',
							in: 'body',
							type: 'number',
							default: 0,
							validate: { min: 0 },
							description:
								'Unix timestamp (seconds) between 10 minutes and 30 days from now; needs Published off',
						},
					],
					docsUrl: 'https://developers.facebook.com/docs/pages-api/posts',
				}),
				pageOp({
					id: 'createPhoto',
					name: 'Create Photo',
					action: 'Create a photo post',
					description: 'Publish a photo from a public URL on the Page',
					method: 'POST',
					path: '/{pageId}/photos',
					scopes: ['pages_manage_posts', 'pages_read_engagement'],
					body: 'json',
					params: [
						pageId,
						{
							displayName: 'Photo URL',
							name: 'url',
							in: 'body',
							type: 'string',
							default: '',
							required: true,
							placeholder: 'https://example.com/photo.jpg',
							description: 'Public URL of the image; Facebook downloads it',
						},
						...photoFields,
					],
				}),
				{
					id: 'uploadPhoto',
					scopes: ['pages_manage_posts', 'pages_read_engagement', 'pages_show_list'],
					name: 'Upload Photo',
					action: 'Upload a photo',
					description: "Publish a photo from the item's binary data on the Page (multipart upload)",
					method: 'POST',
					path: '/{pageId}/photos',
					body: 'multipart',
					hook: 'uploadPhoto',
					params: [
						pageId,
						mediaFieldParam('the image (JPEG, PNG, GIF, TIFF, BMP; up to 4 MB); sent as source'),
						...photoFields,
					],
					docsUrl: 'https://developers.facebook.com/docs/graph-api/reference/page/photos',
				},
				{
					id: 'uploadVideo',
					scopes: ['pages_manage_posts', 'pages_read_engagement', 'pages_show_list'],
					name: 'Upload Video',
					action: 'Upload a video',
					description:
						"Publish a video from the item's binary data on the Page (resumable upload in the chunks Facebook asks for)",
					method: 'POST',
					path: '/{pageId}/videos',
					body: 'multipart',
					hook: 'uploadVideo',
					params: [
						pageId,
						mediaFieldParam(
							'the video (MP4 recommended; up to 10 GB and 4 hours); sent in video_file_chunk pieces',
						),
						{
							displayName: 'Title',
							name: 'title',
							in: 'body',
							type: 'string',
							default: '',
							description: 'Title of the video',
						},
						{
							displayName: 'Description',
							name: 'description',
							in: 'body',
							type: 'string',
							default: '',
							description: 'Text shown with the video, with #hashtags and links',
						},
						{
							displayName: 'Published',
							name: 'published',
							in: 'body',
							type: 'boolean',
							default: true,
							description: 'Whether the video appears on the Page once Facebook has processed it',
						},
					],
					docsUrl: 'https://developers.facebook.com/docs/video-api/guides/publishing',
				},
				pageOp({
					id: 'get',
					name: 'Get',
					action: 'Get a post',
					method: 'GET',
					path: '/{postId}',
					scopes: ['pages_read_engagement'],
					query: { fields: POST_FIELDS },
					params: [postId, fields(POST_FIELDS)],
				}),
				pageOp({
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many posts',
					description: "List the Page's own posts, newest first",
					method: 'GET',
					path: '/{pageId}/posts',
					scopes: ['pages_read_engagement'],
					query: { fields: POST_FIELDS },
					paginate: true,
					params: [pageId, fields(POST_FIELDS)],
				}),
				pageOp({
					id: 'update',
					name: 'Update',
					action: 'Update a post',
					method: 'POST',
					path: '/{postId}',
					scopes: ['pages_manage_posts'],
					body: 'json',
					params: [
						postId,
						{
							displayName: 'Message',
							name: 'message',
							in: 'body',
							type: 'string',
							default: '',
							required: true,
							description: 'New text of the post',
						},
					],
				}),
				pageOp({
					id: 'delete',
					name: 'Delete',
					action: 'Delete a post',
					method: 'DELETE',
					path: '/{postId}',
					scopes: ['pages_manage_posts'],
					params: [postId],
				}),
			],
		},
		{
			id: 'insights',
			name: 'Insight',
			description: 'Page and post analytics',
			operations: [
				pageOp({
					id: 'page',
					name: 'Get Page Insights',
					action: 'Get page insights',
					description: 'Metrics of the Page over a period',
					method: 'GET',
					path: '/{pageId}/insights',
					scopes: ['read_insights', 'pages_read_engagement'],
					response: { path: 'data' },
					params: [
						pageId,
						{
							displayName: 'Metrics',
							name: 'metric',
							in: 'query',
							type: 'string',
							required: true,
							default: 'page_impressions_unique,page_post_engagements',
							description:
								'Comma-separated Page metrics, e.g. page_impressions_unique, page_post_engagements, page_follows, page_views_total',
						},
						{
							displayName: 'Period',
							name: 'period',
							in: 'query',
							type: 'options',
							default: 'day',
							options: [
								{ name: '28 Days', value: 'days_28' },
								{ name: 'Day', value: 'day' },
								{ name: 'Lifetime', value: 'lifetime' },
								{ name: 'Month', value: 'month' },
								{ name: 'Total Over Range', value: 'total_over_range' },
								{ name: 'Week', value: 'week' },
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
					],
					docsUrl: 'https://developers.facebook.com/docs/graph-api/reference/page/insights',
				}),
				pageOp({
					id: 'post',
					name: 'Get Post Insights',
					action: 'Get post insights',
					description: 'Metrics of one Page post',
					method: 'GET',
					path: '/{postId}/insights',
					scopes: ['read_insights', 'pages_read_engagement'],
					response: { path: 'data' },
					params: [
						postId,
						{
							displayName: 'Metrics',
							name: 'metric',
							in: 'query',
							type: 'string',
							required: true,
							default: 'post_impressions_unique,post_clicks',
							description:
								'Comma-separated post metrics, e.g. post_impressions_unique, post_clicks, post_reactions_by_type_total',
						},
					],
				}),
			],
		},
		{
			id: 'comment',
			name: 'Comment',
			description: 'Comments on Page posts',
			operations: [
				pageOp({
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many comments',
					description: 'List the comments of a post (or the replies to a comment)',
					method: 'GET',
					path: '/{objectId}/comments',
					scopes: ['pages_read_engagement', 'pages_read_user_content'],
					query: { fields: COMMENT_FIELDS },
					paginate: true,
					params: [
						objectId,
						fields(COMMENT_FIELDS),
						{
							displayName: 'Filter',
							name: 'filter',
							in: 'query',
							type: 'options',
							default: 'toplevel',
							options: [
								{
									name: 'Top Level',
									value: 'toplevel',
									description: 'Only comments on the post itself',
								},
								{
									name: 'Stream',
									value: 'stream',
									description: 'Every comment and reply, in time order',
								},
							],
						},
					],
				}),
				pageOp({
					id: 'reply',
					name: 'Reply',
					action: 'Reply to a post or comment',
					description: 'Comment as the Page on a post, or reply to a comment',
					method: 'POST',
					path: '/{objectId}/comments',
					scopes: ['pages_manage_engagement'],
					body: 'json',
					params: [
						objectId,
						{
							displayName: 'Message',
							name: 'message',
							in: 'body',
							type: 'string',
							default: '',
							required: true,
							description: 'Text of the comment',
						},
					],
				}),
				pageOp({
					id: 'delete',
					name: 'Delete',
					action: 'Delete a comment',
					method: 'DELETE',
					path: '/{commentId}',
					scopes: ['pages_manage_engagement'],
					params: [
						{
							displayName: 'Comment ID',
							name: 'commentId',
							in: 'path',
							type: 'string',
							default: '',
							required: true,
							validate: {
								pattern: '^\\d+_\\d+$',
								patternHint: 'Comment IDs look like 122101234567890123_1234567890123456.',
							},
						},
					],
				}),
			],
		},
		{
			id: 'conversation',
			name: 'Conversation',
			description: "The Page's Messenger (or Instagram) conversations",
			operations: [
				pageOp({
					id: 'getMany',
					scopes: ['pages_messaging'],
					name: 'Get Many',
					action: 'Get many conversations',
					description: "List the Page's conversations, most recently updated first",
					method: 'GET',
					path: '/{pageId}/conversations',
					query: { fields: CONVERSATION_FIELDS },
					paginate: true,
					params: [
						pageId,
						fields(CONVERSATION_FIELDS),
						{
							displayName: 'Platform',
							name: 'platform',
							in: 'query',
							type: 'options',
							default: 'messenger',
							options: [
								{ name: 'Instagram', value: 'instagram' },
								{ name: 'Messenger', value: 'messenger' },
							],
							description:
								'Messenger conversations of the Page, or Instagram Direct ones of its linked Instagram account (platform)',
						},
						{
							displayName: 'User ID',
							name: 'user_id',
							in: 'query',
							type: 'string',
							default: '',
							description:
								'Only the conversation with this person (user_id: their Page-scoped ID, PSID)',
						},
					],
					docsUrl: 'https://developers.facebook.com/docs/graph-api/reference/page/conversations',
				}),
				pageOp({
					id: 'getMessages',
					scopes: ['pages_messaging'],
					name: 'Get Messages',
					action: 'Get messages of a conversation',
					description: 'List the messages of one conversation, newest first',
					method: 'GET',
					path: '/{conversationId}/messages',
					query: { fields: MESSAGE_FIELDS },
					paginate: true,
					params: [
						{
							displayName: 'Conversation ID',
							name: 'conversationId',
							in: 'path',
							type: 'string',
							default: '',
							required: true,
							description: 'ID of the conversation, as Get Many returns it (t_…)',
							validate: {
								pattern: '^t_[\\w-]+$',
								patternHint: 'Conversation IDs look like t_10161234567890123.',
							},
						},
						fields(MESSAGE_FIELDS),
					],
					docsUrl: 'https://developers.facebook.com/docs/graph-api/reference/conversation/messages',
				}),
				pageOp({
					id: 'sendMessage',
					scopes: ['pages_messaging'],
					name: 'Send Message',
					action: 'Send a message',
					description:
						'Send a text message as the Page to a person who wrote to it (Send API); outside 24 hours after their last message only with a message tag',
					method: 'POST',
					path: '/{pageId}/messages',
					body: 'json',
					params: [
						pageId,
						{
							displayName: 'Recipient ID',
							name: 'recipientId',
							in: 'body',
							bodyPath: 'recipient.id',
							type: 'string',
							default: '',
							required: true,
							description:
								"The person's Page-scoped ID (PSID), sent as the recipient: the ID in the conversation's participants or in a messages webhook",
							validate: {
								pattern: '^\\d+$',
								patternHint: 'PSIDs are numeric, e.g. 6543210987654321.',
							},
						},
						{
							displayName: 'Text',
							name: 'text',
							in: 'body',
							bodyPath: 'message.text',
							type: 'string',
							default: '',
							required: true,
							description: 'The message (message.text), up to 2000 characters',
						},
						{
							displayName: 'Messaging Type',
							name: 'messagingType',
							in: 'body',
							bodyPath: 'messaging_type',
							type: 'options',
							default: 'RESPONSE',
							required: true,
							options: [
								{
									name: 'Message Tag',
									value: 'MESSAGE_TAG',
									description: 'Outside the 24-hour window, with a Tag',
								},
								{
									name: 'Response',
									value: 'RESPONSE',
									description: 'A reply within 24 hours of their last message',
								},
								{
									name: 'Update',
									value: 'UPDATE',
									description: 'A proactive message within the 24-hour window',
								},
							],
							description:
								'Why the Page sends it (messaging_type), which Meta requires on every message',
						},
						{
							displayName: 'Tag',
							name: 'tag',
							in: 'body',
							type: 'options',
							default: 'HUMAN_AGENT',
							options: [
								{ name: 'Account Update', value: 'ACCOUNT_UPDATE' },
								{ name: 'Confirmed Event Update', value: 'CONFIRMED_EVENT_UPDATE' },
								{ name: 'Human Agent', value: 'HUMAN_AGENT' },
								{ name: 'Post Purchase Update', value: 'POST_PURCHASE_UPDATE' },
							],
							description:
								'The message tag (tag) when Messaging Type is Message Tag; Human Agent allows 7 days',
						},
					],
					docsUrl: 'https://developers.facebook.com/docs/messenger-platform/reference/send-api',
				}),
			],
		},
		{
			id: 'page',
			name: 'Page',
			description: 'The Pages the connected user manages',
			operations: [
				{
					id: 'get',
					name: 'Get',
					action: 'Get a page',
					method: 'GET',
					path: '/{pageId}',
					scopes: ['pages_read_engagement'],
					query: { fields: PAGE_FIELDS },
					params: [pageId, fields(PAGE_FIELDS)],
				},
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many pages',
					description: 'List the Pages the connected user manages (never their access tokens)',
					method: 'GET',
					path: '/me/accounts',
					scopes: ['pages_show_list'],
					// Fixed fields: asking for `access_token` would put Page tokens into the output.
					query: { fields: 'id,name,category,tasks' },
					paginate: true,
				},
			],
		},
	],
	webhook: {
		...META_WEBHOOK,
		events: [
			{
				name: 'Feed',
				value: 'feed',
				description: 'Posts, comments, reactions and shares on the Page',
			},
			{
				name: 'Mention',
				value: 'mention',
				description: 'The Page @mentioned in a post or comment',
			},
		],
		defaultEvents: ['feed'],
		// Subscribing the Page (POST /{page-id}/subscribed_apps) needs pages_manage_metadata and the Page token.
		scopes: ['pages_manage_metadata', 'pages_show_list'],
		// The Page subscribes the app to the selected fields (POST /{page-id}/subscribed_apps); the app's callback URL is set in the dashboard.
		register: 'api',
		hooks: META_REGISTRATION_HOOKS,
		params: [
			{
				displayName: 'Page ID',
				name: 'pageId',
				type: 'string',
				default: '',
				required: true,
				description: pageId.description,
				validate: pageId.validate,
			},
			VERIFY_TOKEN_PARAM,
		],
	},
};

export const facebookPagesDefinition: ServiceDefinition = { spec, hooks: facebookPagesHooks };
