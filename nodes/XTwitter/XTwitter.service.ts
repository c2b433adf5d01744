/**
 * X (Twitter) API v2 as data: posts, timelines, likes, reposts, follows, users and media on `https://api.x.com/2`,
 * with OAuth 2.0 user context (authorization code with PKCE) or an app-only bearer token; per-endpoint
 * 15-minute budgets from `x-rate-limit-*`; X's problem-JSON errors; Account Activity webhooks (CRC + signature).
 * Facts: /work/shared/reference/services.md § Twitter / X API v2, https://docs.x.com/x-api.
 */
import { binaryFieldParam, bodyParam, enumOptions, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamOption,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { xTwitterHooks } from './XTwitter.hooks';
import { X_TWITTER_OAUTH } from './XTwitter.oauth';

export const X_USER_CREDENTIAL = 'apiConnXTwitterOAuth2Api';
export const X_APP_CREDENTIAL = 'apiConnXTwitterApi';

const DOCS = 'https://docs.x.com/x-api';

const body = bodyParam;
const query = queryParam;

/** Scopes of reading posts and users (X lists both for every read endpoint). */
const READ = ['tweet.read', 'users.read'];
const WRITE = ['tweet.read', 'tweet.write', 'users.read'];

const ID_PATTERN = {
	pattern: '^[0-9]{1,19}$',
	patternHint: 'X IDs are numbers, e.g. 1346889436626259968.',
};

const postId = (name: string, displayName: string, description: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1346889436626259968',
	description,
	validate: ID_PATTERN,
});

/** The authenticated user's own ID: X puts it in the path of likes, reposts, follows and the home timeline. */
const myUserId: ParamSpec = {
	displayName: 'Your User ID',
	name: 'userId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: '2244994945',
	description:
		'The numeric ID of the connected account (Account → Get Me returns it as data.ID); X requires it in the path',
	validate: ID_PATTERN,
};

const userId: ParamSpec = {
	...myUserId,
	displayName: 'User ID',
	description: 'The numeric ID of the user (User → Get by Username returns it)',
};

const WORDS: Record<string, string> = { id: 'ID', ids: 'IDs', url: 'URL', ms: '(Ms)' };
/** `referenced_tweets.id.author_id` → "Referenced Tweets ID Author ID" (n8n shows option names in title case). */
const options = (values: string[]): ParamOption[] => enumOptions(values, WORDS);

const TWEET_FIELDS = options([
	'attachments',
	'author_id',
	'context_annotations',
	'conversation_id',
	'created_at',
	'edit_controls',
	'edit_history_tweet_ids',
	'entities',
	'geo',
	'id',
	'in_reply_to_user_id',
	'lang',
	'note_tweet',
	'possibly_sensitive',
	'public_metrics',
	'referenced_tweets',
	'reply_settings',
	'source',
	'text',
	'withheld',
]);

const USER_FIELDS = options([
	'created_at',
	'description',
	'entities',
	'id',
	'location',
	'most_recent_tweet_id',
	'name',
	'pinned_tweet_id',
	'profile_image_url',
	'protected',
	'public_metrics',
	'url',
	'username',
	'verified',
	'verified_type',
	'withheld',
]);

const MEDIA_FIELDS = options([
	'alt_text',
	'duration_ms',
	'height',
	'media_key',
	'preview_image_url',
	'public_metrics',
	'type',
	'url',
	'variants',
	'width',
]);

const TWEET_EXPANSIONS = options([
	'attachments.media_keys',
	'attachments.poll_ids',
	'author_id',
	'edit_history_tweet_ids',
	'entities.mentions.username',
	'geo.place_id',
	'in_reply_to_user_id',
	'referenced_tweets.id',
	'referenced_tweets.id.author_id',
]);

const fieldList = (wire: string, displayName: string, values: ParamOption[], what: string) =>
	query(wire, displayName, 'multiOptions', {
		options: values,
		default: [],
		queryFormat: 'comma',
		description: `Which ${what} fields X returns (\`${wire}\`); the ID and text (or username) always come`,
	});

const tweetFields = fieldList('tweet.fields', 'Post Fields', TWEET_FIELDS, 'post');
const userFields = fieldList('user.fields', 'User Fields', USER_FIELDS, 'user');
const mediaFields = fieldList('media.fields', 'Media Fields', MEDIA_FIELDS, 'media');
const tweetExpansions = query('expansions', 'Expansions', 'multiOptions', {
	options: TWEET_EXPANSIONS,
	default: [],
	queryFormat: 'comma',
	description:
		'Objects X adds under includes (`expansions`): the author, media, referenced posts, …',
});
const userExpansions = query('expansions', 'Expansions', 'multiOptions', {
	options: options(['affiliation.user_id', 'most_recent_tweet_id', 'pinned_tweet_id']),
	default: [],
	queryFormat: 'comma',
	description: 'Objects X adds under includes (`expansions`), e.g. the pinned post',
});

/** Field options of every read that returns posts. */
const postReadOptions = [tweetFields, tweetExpansions, userFields, mediaFields];
const userReadOptions = [userFields, userExpansions, tweetFields];

const timeBound = (wire: string, displayName: string, what: string) =>
	query(wire, displayName, 'dateTime', { description: `${what} (ISO 8601, \`${wire}\`)` });
const idBound = (wire: string, displayName: string, what: string) =>
	query(wire, displayName, 'string', {
		description: `${what} (\`${wire}\`)`,
		validate: ID_PATTERN,
	});
const timelineWindow = [
	timeBound('start_time', 'Start Time', 'Only posts created at or after this time'),
	timeBound('end_time', 'End Time', 'Only posts created before this time'),
	idBound('since_id', 'Since ID', 'Only posts newer than this post ID'),
	idBound('until_id', 'Until ID', 'Only posts older than this post ID'),
];
const excludeOption = query('exclude', 'Exclude', 'multiOptions', {
	options: [
		{ name: 'Replies', value: 'replies' },
		{ name: 'Reposts', value: 'retweets' },
	],
	default: [],
	queryFormat: 'comma',
	description: 'Kinds of posts to leave out (`exclude`)',
});

/** Paging by `pagination_token` / `meta.next_token`; `max_results` bounds differ per endpoint (the spec's pageSize is 100). */
const tokenPaging = {
	type: 'cursor' as const,
	cursorParam: 'pagination_token',
	nextCursorPath: 'meta.next_token',
	itemsPath: 'data',
	limitParam: 'max_results',
	pageSize: 100,
	// User posts and mentions take max_results of 5 to 100.
	minPageSize: 5,
};

/** Budgets per endpoint (15-minute windows, per user for user-context tokens), docs.x.com rate-limit table. */
const WINDOW = 900_000;
const tier = (name: string) => ({ tier: name });

/** The target of a like, repost or follow: its body key, its path name when undone, its field names. */
interface ToggleTarget {
	wire: string;
	pathName: string;
	displayName: [string, string];
	what: string;
}
const postTarget = (displayName: string, what: string): ToggleTarget => ({
	wire: 'tweet_id',
	pathName: 'tweetId',
	displayName: [displayName, displayName],
	what,
});

/**
 * An act of the connected user and its undo: `POST /2/users/{userId}/<collection>` with the target in the body,
 * `DELETE /2/users/{userId}/<collection>/{target}`. X answers `{data: {liked|retweeted|following: …}}`.
 */
function toggle(o: {
	ids: [string, string];
	names: [string, string];
	actions: [string, string];
	description?: string;
	collection: string;
	target: ToggleTarget;
	scope: string;
	tier: string;
	docs: [string, string];
}): OperationSpec[] {
	const common = {
		scopes: o.scope === 'tweet.write' ? WRITE : [...READ, o.scope],
		rateLimit: tier(o.tier),
		response: { path: 'data' },
	};
	return [
		{
			id: o.ids[0],
			name: o.names[0],
			action: o.actions[0],
			...(o.description ? { description: o.description } : {}),
			method: 'POST',
			path: `/2/users/{userId}/${o.collection}`,
			...common,
			params: [
				myUserId,
				body(o.target.wire, o.target.displayName[0], 'string', {
					required: true,
					default: '',
					description: `The ${o.target.what} (\`${o.target.wire}\`)`,
					validate: ID_PATTERN,
				}),
			],
			docsUrl: `${DOCS}/${o.docs[0]}`,
		},
		{
			id: o.ids[1],
			name: o.names[1],
			action: o.actions[1],
			method: 'DELETE',
			path: `/2/users/{userId}/${o.collection}/{${o.target.pathName}}`,
			...common,
			params: [
				myUserId,
				postId(
					o.target.pathName,
					o.target.displayName[1],
					`The ${o.target.what.replace(/ to \w+$/, '')} (\`${o.target.wire}\`)`,
				),
			],
			docsUrl: `${DOCS}/${o.docs[1]}`,
		},
	];
}

/** Reply and Quote: `POST /2/tweets` with the post they refer to, the text and media already uploaded. */
function postVariant(o: {
	id: string;
	name: string;
	action: string;
	target: ParamSpec;
	text: string;
	extra?: ParamSpec[];
}): OperationSpec {
	return {
		id: o.id,
		name: o.name,
		action: o.action,
		method: 'POST',
		path: '/2/tweets',
		scopes: WRITE,
		rateLimit: tier('postCreate'),
		params: [
			o.target,
			body('text', 'Text', 'string', { required: true, default: '', description: o.text }),
			...(o.extra ?? []),
			body('media.media_ids', 'Media IDs', 'stringList', {
				default: '',
				description: 'IDs of uploaded media to attach (`media.media_ids`)',
			}),
		],
		response: { path: 'data' },
		docsUrl: `${DOCS}/posts/create-post`,
	};
}

const postOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a post',
		description:
			'Publish a post (tweet), optionally with media from binary data, a poll, a reply or a quote',
		method: 'POST',
		path: '/2/tweets',
		hook: 'createPost',
		scopes: [...WRITE, 'media.write'],
		rateLimit: tier('postCreate'),
		params: [
			body('text', 'Text', 'string', {
				required: true,
				default: '',
				description: 'The text of the post (`text`); up to 280 characters on standard accounts',
			}),
			{
				displayName: 'Media (Binary Properties)',
				name: 'binaryProperties',
				in: 'body',
				type: 'stringList',
				default: '',
				placeholder: 'data',
				description:
					'Binary properties of the input item to upload and attach (up to 4 images, or 1 video/GIF); uploaded with the v2 media endpoints first',
			},
			body('media.media_ids', 'Media IDs', 'stringList', {
				default: '',
				description:
					'IDs of media already uploaded (Media → Upload), comma-separated (`media.media_ids`)',
			}),
			body('media.tagged_user_ids', 'Tagged User IDs', 'stringList', {
				default: '',
				description: 'Users tagged in the media, comma-separated (`media.tagged_user_ids`)',
			}),
			body('reply.in_reply_to_tweet_id', 'In Reply to Post ID', 'string', {
				default: '',
				description: 'Make the post a reply to this post (`reply.in_reply_to_tweet_id`)',
				validate: ID_PATTERN,
			}),
			body('quote_tweet_id', 'Quote Post ID', 'string', {
				default: '',
				description: 'Quote this post (`quote_tweet_id`)',
				validate: ID_PATTERN,
			}),
			body('reply_settings', 'Who Can Reply', 'options', {
				options: [
					{ name: 'Following', value: 'following', description: 'People the author follows' },
					{ name: 'Mentioned Users', value: 'mentionedUsers' },
					{ name: 'Subscribers', value: 'subscribers' },
					{ name: 'Verified', value: 'verified' },
				],
				default: 'following',
				description: 'Who may reply (`reply_settings`); everyone when not set',
			}),
			body('poll.options', 'Poll Options', 'stringList', {
				default: '',
				description: '2 to 4 poll choices, comma-separated (`poll.options`); needs Poll Duration',
			}),
			body('poll.duration_minutes', 'Poll Duration (Minutes)', 'number', {
				default: 1440,
				description: 'How long the poll runs, 5 to 10080 minutes (`poll.duration_minutes`)',
				validate: { min: 5, max: 10080 },
			}),
			body('for_super_followers_only', 'For Super Followers Only', 'boolean', {
				default: false,
				description: 'Whether only super followers see the post (`for_super_followers_only`)',
			}),
			body('community_id', 'Community ID', 'string', {
				default: '',
				description: 'Post into this community (`community_id`)',
				validate: ID_PATTERN,
			}),
		],
		response: { path: 'data' },
		docsUrl: `${DOCS}/posts/create-post`,
	},
	postVariant({
		id: 'reply',
		name: 'Reply',
		action: 'Reply to a post',
		target: body('reply.in_reply_to_tweet_id', 'Post ID', 'string', {
			required: true,
			default: '',
			description: 'The post to reply to (`reply.in_reply_to_tweet_id`)',
			validate: ID_PATTERN,
		}),
		text: 'The text of the reply (`text`)',
		extra: [
			body('reply.exclude_reply_user_ids', 'Exclude Reply User IDs', 'stringList', {
				default: '',
				description:
					'Users not to @mention automatically in the reply (`reply.exclude_reply_user_ids`)',
			}),
		],
	}),
	postVariant({
		id: 'quote',
		name: 'Quote',
		action: 'Quote a post',
		target: body('quote_tweet_id', 'Post ID', 'string', {
			required: true,
			default: '',
			description: 'The post to quote (`quote_tweet_id`)',
			validate: ID_PATTERN,
		}),
		text: 'Your comment on the quoted post (`text`)',
	}),
	{
		id: 'get',
		name: 'Get',
		action: 'Get a post',
		method: 'GET',
		path: '/2/tweets/{id}',
		scopes: READ,
		rateLimit: tier('postLookup'),
		params: [postId('id', 'Post ID', 'The ID of the post'), ...postReadOptions],
		docsUrl: `${DOCS}/posts/get-post-by-id`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a post',
		method: 'DELETE',
		path: '/2/tweets/{id}',
		scopes: WRITE,
		rateLimit: tier('postDelete'),
		params: [postId('id', 'Post ID', 'The ID of your post to delete')],
		response: { path: 'data' },
		docsUrl: `${DOCS}/posts/delete-post`,
	},
	{
		id: 'search',
		name: 'Search Recent',
		action: 'Search posts of the past week',
		method: 'GET',
		path: '/2/tweets/search/recent',
		scopes: READ,
		rateLimit: tier('search'),
		// Search takes `next_token` and at least 10 results per page.
		paginate: { ...tokenPaging, cursorParam: 'next_token', minPageSize: 10 },
		params: [
			query('query', 'Query', 'string', {
				required: true,
				default: '',
				placeholder: 'from:XDevelopers -is:retweet',
				description:
					"X's search query (`query`), up to 512 characters: keywords, from:, #hashtags, -is:retweet, …",
			}),
			query('sort_order', 'Sort Order', 'options', {
				options: [
					{ name: 'Recency', value: 'recency' },
					{ name: 'Relevancy', value: 'relevancy' },
				],
				default: 'recency',
				description: 'Order of the results (`sort_order`)',
			}),
			...timelineWindow,
			...postReadOptions,
		],
		docsUrl: `${DOCS}/posts/search-recent-posts`,
	},
	{
		id: 'getUserPosts',
		name: 'Get User Posts',
		action: 'Get the posts of a user',
		description: 'The posts a user published, newest first (up to the 3,200 most recent)',
		method: 'GET',
		path: '/2/users/{userId}/tweets',
		scopes: READ,
		rateLimit: tier('userTimeline'),
		paginate: tokenPaging,
		params: [userId, excludeOption, ...timelineWindow, ...postReadOptions],
		docsUrl: `${DOCS}/users/get-posts`,
	},
	{
		id: 'getMentions',
		name: 'Get Mentions',
		action: 'Get posts mentioning a user',
		method: 'GET',
		path: '/2/users/{userId}/mentions',
		scopes: READ,
		rateLimit: tier('mentions'),
		paginate: tokenPaging,
		params: [userId, ...timelineWindow, ...postReadOptions],
		docsUrl: `${DOCS}/users/get-mentions`,
	},
	{
		id: 'getHomeTimeline',
		name: 'Get Home Timeline',
		action: 'Get the home timeline',
		description: 'Posts and reposts of you and the accounts you follow, newest first',
		method: 'GET',
		path: '/2/users/{userId}/timelines/reverse_chronological',
		scopes: READ,
		rateLimit: tier('homeTimeline'),
		paginate: tokenPaging,
		params: [myUserId, excludeOption, ...timelineWindow, ...postReadOptions],
		docsUrl: `${DOCS}/users/get-timeline`,
	},
	...toggle({
		ids: ['like', 'unlike'],
		names: ['Like', 'Unlike'],
		actions: ['Like a post', 'Unlike a post'],
		collection: 'likes',
		target: postTarget('Post ID', 'post to like'),
		scope: 'like.write',
		tier: 'like',
		docs: ['users/like-post', 'users/unlike-post'],
	}),
	...toggle({
		ids: ['repost', 'undoRepost'],
		names: ['Repost', 'Undo Repost'],
		actions: ['Repost a post', 'Undo a repost'],
		description: 'Retweet a post as the connected account',
		collection: 'retweets',
		target: postTarget('Post ID', 'post to repost'),
		scope: 'tweet.write',
		tier: 'repost',
		docs: ['users/repost-post', 'users/unrepost-post'],
	}),
];

const userOps: OperationSpec[] = [
	{
		id: 'getMe',
		name: 'Get Me',
		action: 'Get the connected account',
		description:
			'The account the credential belongs to (its ID is needed by likes, reposts, follows)',
		method: 'GET',
		path: '/2/users/me',
		scopes: READ,
		rateLimit: tier('me'),
		params: userReadOptions,
		docsUrl: `${DOCS}/users/get-my-user`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a user by ID',
		method: 'GET',
		path: '/2/users/{userId}',
		scopes: READ,
		rateLimit: tier('userLookup'),
		params: [userId, ...userReadOptions],
		docsUrl: `${DOCS}/users/get-user-by-id`,
	},
	{
		id: 'getByUsername',
		name: 'Get by Username',
		action: 'Get a user by username',
		method: 'GET',
		path: '/2/users/by/username/{username}',
		scopes: READ,
		rateLimit: tier('userLookup'),
		params: [
			{
				displayName: 'Username',
				name: 'username',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'XDevelopers',
				description: 'The handle without @',
				validate: {
					pattern: '^[A-Za-z0-9_]{1,15}$',
					patternHint: 'X usernames have 1 to 15 letters, digits or underscores, without @.',
				},
			},
			...userReadOptions,
		],
		docsUrl: `${DOCS}/users/get-user-by-username`,
	},
	...toggle({
		ids: ['follow', 'unfollow'],
		names: ['Follow', 'Unfollow'],
		actions: ['Follow a user', 'Unfollow a user'],
		collection: 'following',
		target: {
			wire: 'target_user_id',
			pathName: 'targetUserId',
			displayName: ['User ID to Follow', 'User ID to Unfollow'],
			what: 'user to follow',
		},
		scope: 'follows.write',
		tier: 'follow',
		docs: ['users/follow-user', 'users/unfollow-user'],
	}),
];

const mediaOps: OperationSpec[] = [
	{
		id: 'upload',
		name: 'Upload',
		action: 'Upload media',
		description:
			'Upload an image, GIF or video from binary data (images in one request; GIFs and videos in chunks, waiting for processing); attach its ID to a post',
		method: 'POST',
		path: '/2/media/upload',
		hook: 'uploadMedia',
		scopes: ['media.write'],
		rateLimit: tier('media'),
		params: [
			binaryFieldParam('The binary property of the input item that holds the file'),
			body('media_category', 'Media Category', 'options', {
				options: [
					{ name: 'Post GIF', value: 'tweet_gif' },
					{ name: 'Post Image', value: 'tweet_image' },
					{ name: 'Post Video', value: 'tweet_video' },
					{ name: 'DM Image', value: 'dm_image' },
					{ name: 'DM Video', value: 'dm_video' },
				],
				default: 'tweet_image',
				description:
					"X's use of the file (`media_category`); when not set it follows the file's MIME type",
			}),
			body('max_wait_seconds', 'Max Wait (Seconds)', 'number', {
				default: 120,
				description: 'How long to wait for X to process a video or GIF before giving up',
				validate: { min: 1, max: 3600 },
			}),
		],
		docsUrl: `${DOCS}/media/upload-media`,
	},
];

/** X's `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, raw body)>`. */
export const xSignature: SignatureScheme = {
	header: 'x-twitter-webhooks-signature',
	algorithm: 'sha256',
	encoding: 'base64',
	prefix: 'sha256=',
};

/**
 * X's errors: v2 answers problem JSON (`title`, `detail`, `type`, `status`) and, for invalid requests and
 * partial results, `errors[]` with `message`/`parameters` or `title`/`detail`/`parameter`. `type` is the code.
 * https://docs.x.com/x-api/fundamentals/response-codes-and-errors
 */
const X_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'type',
	userMessagePath: 'detail',
	fieldPattern: '`?(\\w+(?:\\.\\w+)?)`? (?:query )?parameter',
	rules: [
		{
			status: [429],
			codes: ['https://api.twitter.com/2/problems/usage-capped'],
			category: 'permanent',
			reason:
				"the app's monthly usage cap of its access tier is spent ({detail}; period: {period}, scope: {scope})",
			fix: 'Wait for the monthly reset shown in the developer portal (Dashboard → Usage), or move the app to a higher access tier; retrying now cannot succeed.',
		},
		{
			status: [401],
			category: 'auth',
			reason: 'X says "{title}" (the token expired or was revoked, or the app was suspended)',
		},
		{
			status: [403],
			codes: ['https://api.twitter.com/2/problems/unsupported-authentication'],
			category: 'permanent',
			reason: '{detail}',
			fix: "Pick the credential X names: the OAuth2 (user) credential to post or act as a user (an app-only Bearer Token reads public data only), the app-only credential for the trigger's webhook.",
		},
		{
			status: [403],
			codes: ['https://api.twitter.com/2/problems/client-forbidden'],
			category: 'permanent',
			reason: 'the app is not attached to a project with the needed access ({reason})',
			fix: 'In the X developer portal, attach the app to a project and check that its access tier includes this endpoint.',
		},
		{
			status: [403],
			body: { path: 'detail', matches: 'duplicate content' },
			category: 'permanent',
			reason: 'X refuses a post with the same text as a recent one',
			fix: 'Change the text, or skip the item.',
		},
		{ status: [403], category: 'permission' },
		{ status: [404], category: 'notFound' },
		{
			status: [400],
			codes: ['https://api.twitter.com/2/problems/invalid-request'],
			category: 'invalid',
			reason: '{errors[0].message}',
		},
		{ status: [400], category: 'invalid' },
		{ status: [503], category: 'transient' },
	],
};

export const xTwitterSpec: ServiceSpec = {
	id: 'xTwitter',
	displayName: 'X (Twitter)',
	description:
		'Post, reply, quote, like, repost and follow on X (Twitter); read posts, timelines, mentions and users; upload media',
	docsUrl: DOCS,
	baseUrl: 'https://api.x.com',
	auth: [
		{
			kind: 'oauth2',
			credentialType: X_USER_CREDENTIAL,
			displayName: 'OAuth2 (User Context)',
			oauth2: X_TWITTER_OAUTH,
		},
		// The app's own token is a connection of its own: a workspace posts as a user (OAuth2) and registers the
		// trigger's webhook with the app's Bearer Token at the same time.
		{
			kind: 'bearer',
			credentialType: X_APP_CREDENTIAL,
			displayName: 'App-Only Bearer Token',
			family: 'xTwitterApp',
			// An app-only token cannot call /2/users/me (user context); a public user lookup proves it.
			credentialTest: { path: '/2/users/by/username/XDevelopers' },
		},
	],
	credentialTest: { path: '/2/users/me' },
	account: { path: '/2/users/me', labelPath: 'data.username' },
	connection: {
		// Disconnect revokes the user's token (RFC 7009): the refresh token when there is one, which ends its
		// access tokens too; the client id alone (public client) or Basic auth (confidential client), per the credential.
		revoke: {
			method: 'POST',
			path: '/2/oauth2/revoke',
			token: 'refreshElseAccess',
			tokenIn: 'form',
			tokenTypeHint: true,
			authenticated: false,
			clientAuth: 'oauth2',
			credentialTypes: [X_USER_CREDENTIAL],
		},
	},
	// Per endpoint and 15-minute window, per user (user context) or per app (bearer): each operation's tier holds
	// the user-context figure of docs.x.com's table; x-rate-limit-* on every answer correct it to the account's plan.
	// X sends no Retry-After: the reset (epoch seconds) tells when a spent window comes back.
	rateLimit: {
		requests: 900,
		windowMs: WINDOW,
		headers: [
			{
				format: 'fields',
				limit: 'x-rate-limit-limit',
				remaining: 'x-rate-limit-remaining',
				reset: 'x-rate-limit-reset',
				resetUnit: 'epoch-seconds',
			},
			{
				format: 'fields',
				limit: 'x-user-limit-24hour-limit',
				remaining: 'x-user-limit-24hour-remaining',
				reset: 'x-user-limit-24hour-reset',
				resetUnit: 'epoch-seconds',
			},
			{
				format: 'fields',
				limit: 'x-app-limit-24hour-limit',
				remaining: 'x-app-limit-24hour-remaining',
				reset: 'x-app-limit-24hour-reset',
				resetUnit: 'epoch-seconds',
			},
		],
		// A 24-hour limit may be spent: a pause of up to a day is X's own word, not an absurd answer.
		maxPauseMs: 86_400_000,
		tiers: {
			postCreate: { requests: 100, windowMs: WINDOW },
			postDelete: { requests: 50, windowMs: WINDOW },
			postLookup: { requests: 900, windowMs: WINDOW },
			search: { requests: 300, windowMs: WINDOW },
			userTimeline: { requests: 900, windowMs: WINDOW },
			mentions: { requests: 300, windowMs: WINDOW },
			homeTimeline: { requests: 180, windowMs: WINDOW },
			like: { requests: 50, windowMs: WINDOW },
			repost: { requests: 50, windowMs: WINDOW },
			follow: { requests: 50, windowMs: WINDOW },
			me: { requests: 75, windowMs: WINDOW },
			userLookup: { requests: 900, windowMs: WINDOW },
			media: { requests: 500, windowMs: WINDOW },
		},
	},
	pagination: tokenPaging,
	// A 200 with `errors` and no `data` is a failure (a deleted post, an unknown user); with `data` the errors
	// are partial (an expansion that points to a deleted post) and the data is the answer.
	errorsInBody: {
		errorPath: 'errors',
		successPath: 'data',
		codePath: 'errors[0].type',
		messagePath: 'errors[0].detail',
		defaultKind: 'permanent',
	},
	errorCodes: X_ERROR_CODES,
	resources: [
		{ id: 'post', name: 'Post', operations: postOps },
		{ id: 'user', name: 'User', operations: userOps },
		{ id: 'media', name: 'Media', operations: mediaOps },
	],
	webhook: {
		signature: xSignature,
		// CRC: GET ?crc_token=… → {"response_token": "sha256=" + base64 HMAC-SHA256(consumer secret, crc_token)},
		// on registration, hourly, and on PUT /2/webhooks/:id. Answered from data, starting nothing.
		setupMethod: 'GET',
		handshakes: [
			{
				methods: ['GET'],
				challenge: { in: 'query', name: 'crc_token' },
				answer: {
					type: 'json',
					fields: { response_token: { hmac: 'sha256', encoding: 'base64', prefix: 'sha256=' } },
				},
			},
		],
		// The consumer secret (API Key Secret) signs CRC answers and deliveries: a credential field.
		secretCredentialField: 'consumerSecret',
		register: 'api',
		hooks: { checkExists: 'webhookExists', create: 'webhookCreate', delete: 'webhookDelete' },
		eventKeys: true,
		allEvents: '*',
		defaultEvents: ['tweet_create_events'],
		events: [
			{ name: 'All Events', value: '*', description: 'Every Account Activity delivery' },
			{
				name: 'Post Created',
				value: 'tweet_create_events',
				description: 'A post, reply, repost, quote or @mention by or of the user',
			},
			{ name: 'Post Deleted', value: 'tweet_delete_events' },
			{ name: 'Like', value: 'favorite_events', description: "A like of or by the user's posts" },
			{ name: 'Follow', value: 'follow_events', description: 'The user followed or was followed' },
			{ name: 'Unfollow', value: 'unfollow_events' },
			{ name: 'Block', value: 'block_events' },
			{ name: 'Mute', value: 'mute_events' },
			{ name: 'Direct Message', value: 'direct_message_events' },
			{ name: 'Direct Message Typing', value: 'direct_message_indicate_typing_events' },
			{ name: 'Direct Message Read', value: 'direct_message_mark_read_events' },
			{
				name: 'User Revoked Access',
				value: 'user_event',
				description: 'The user revoked the app’s access',
			},
		],
		eventsNote:
			'Account Activity delivers the events of every user subscribed to the webhook; subscribe users as docs/services/x-twitter.md says.',
	},
};

export const xTwitterDefinition: ServiceDefinition = { spec: xTwitterSpec, hooks: xTwitterHooks };
