/**
 * LinkedIn (Posts API and Community Management API, api.linkedin.com/rest): posts as a member or an
 * organization (text, article, image), the organizations the member administers and their page, share and
 * follower statistics, comments and reactions on a post, "who am I" (OpenID Connect userinfo).
 *
 * Every /rest call sends `LinkedIn-Version` and `X-Restli-Protocol-Version: 2.0.0`; URNs in paths are one
 * percent-encoded segment and URNs, lists and records in queries use the Rest.li 2.0 encoding
 * (`queryFormat: 'restli'`), both checked against the official linkedin-api-client in
 * test/conformance/linkedin-restli.test.ts.
 */
import { binaryFieldParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import { linkedInHooks } from './LinkedIn.hooks';
import { LINKED_IN_OAUTH } from './LinkedIn.oauth';
export { LINKED_IN_OAUTH, LINKED_IN_SCOPES } from './LinkedIn.oauth';

export const LINKED_IN_CREDENTIAL = 'apiConnLinkedInOAuth2Api';

/**
 * The Marketing/Community Management API version (YYYYMM) every /rest request names. LinkedIn supports a
 * version for at least a year; a Custom Request may send another one in its Headers.
 */
export const LINKED_IN_VERSION = '202611';

const MEMBER_OR_ORG = '^urn:li:(person|organization):[A-Za-z0-9_-]+$';
const POST_URN = '^urn:li:(share|ugcPost):\\d+$';
const ORG_URN = '^urn:li:organization:\\d+$';

const DOCS = 'https://learn.microsoft.com/en-us/linkedin/marketing/community-management';

const urnParam = (
	name: string,
	displayName: string,
	inWhere: 'path' | 'query' | 'body',
	pattern: string,
	description: string,
	placeholder: string,
): ParamSpec => ({
	displayName,
	name,
	in: inWhere,
	type: 'string',
	default: '',
	required: true,
	placeholder,
	description,
	validate: { pattern, patternHint: `Enter a URN such as ${placeholder}.` },
	...(inWhere === 'query' ? { queryFormat: 'restli' as const } : {}),
});

const author = (inWhere: 'body' | 'query', name = 'author', displayName = 'Author'): ParamSpec =>
	urnParam(
		name,
		displayName,
		inWhere,
		MEMBER_OR_ORG,
		`The member (urn:li:person: and the "sub" of Get Me) or the organization (urn:li:organization: and its number) (${name})`,
		'urn:li:person:782bbtaQ',
	);

const postUrn = (inWhere: 'path' | 'body' = 'path', name = 'postUrn'): ParamSpec =>
	urnParam(
		name,
		'Post URN',
		inWhere,
		POST_URN,
		'The post: urn:li:share:… or urn:li:ugcPost:… (the ID Create returns)',
		'urn:li:share:6844785523593134080',
	);

const orgUrn = (name: string): ParamSpec =>
	urnParam(
		name,
		'Organization URN',
		'query',
		ORG_URN,
		`The organization (company page): urn:li:organization: and its number (${name})`,
		'urn:li:organization:2414183',
	);

const commentary: ParamSpec = {
	displayName: 'Commentary',
	name: 'commentary',
	in: 'body',
	type: 'string',
	default: '',
	required: true,
	description:
		'Text of the post (commentary). LinkedIn reads it as "little text": put a backslash before reserved characters such as ( ) [ ] { } @ | ~ _ * to show them literally.',
};

/** Fields every post shares: who sees it and where it appears. */
const postOptions: ParamSpec[] = [
	{
		displayName: 'Visibility',
		name: 'visibility',
		in: 'body',
		type: 'options',
		default: 'PUBLIC',
		options: [
			{ name: 'Public', value: 'PUBLIC', description: 'Anyone (organization posts are public)' },
			{ name: 'Connections', value: 'CONNECTIONS', description: "The member's connections only" },
			{ name: 'Logged In', value: 'LOGGED_IN', description: 'Members signed in to LinkedIn' },
		],
		description: 'Who may see the post (visibility)',
	},
	{
		displayName: 'Feed Distribution',
		name: 'feedDistribution',
		in: 'body',
		bodyPath: 'distribution.feedDistribution',
		type: 'options',
		default: 'MAIN_FEED',
		options: [
			{ name: 'Main Feed', value: 'MAIN_FEED' },
			{
				name: 'None',
				value: 'NONE',
				description: 'Not distributed in the feed (e.g. a sponsored post)',
			},
		],
		description: 'Where the post is distributed (distribution.feedDistribution)',
	},
	{
		displayName: 'Lifecycle State',
		name: 'lifecycleState',
		in: 'body',
		type: 'options',
		default: 'PUBLISHED',
		options: [
			{ name: 'Published', value: 'PUBLISHED' },
			{ name: 'Draft', value: 'DRAFT', description: 'Saved, not published' },
		],
		description: 'Publish now, or save a draft (lifecycleState)',
	},
	{
		displayName: 'Disable Reshare',
		name: 'isReshareDisabledByAuthor',
		in: 'body',
		type: 'boolean',
		default: false,
		description: 'Whether others are prevented from resharing the post (isReshareDisabledByAuthor)',
	},
];

/** What a created post always carries, as LinkedIn's minimal create body documents it. */
const POST_BODY = {
	visibility: 'PUBLIC',
	distribution: {
		feedDistribution: 'MAIN_FEED',
		targetEntities: [],
		thirdPartyDistributionChannels: [],
	},
	lifecycleState: 'PUBLISHED',
	isReshareDisabledByAuthor: false,
};

const WRITE_SCOPES = ['w_member_social', 'w_organization_social'];
const RESTLI_METHOD = 'X-RestLi-Method';
const FINDER = { [RESTLI_METHOD]: 'FINDER' };

const binaryField: ParamSpec = binaryFieldParam(
	'Name of the input binary field holding the image (JPG, PNG or GIF)',
);

const createText: OperationSpec = {
	id: 'create',
	name: 'Create',
	action: 'Create a text post',
	description: 'Publish a text post as the member or as an organization; returns the post URN',
	method: 'POST',
	path: '/rest/posts',
	hook: 'createEntity',
	body: 'json',
	fixedBody: POST_BODY,
	scopes: WRITE_SCOPES,
	params: [author('body'), commentary, ...postOptions],
	docsUrl: `${DOCS}/shares/posts-api#create-a-text-only-post`,
};

/** A time in epoch milliseconds, one member of a Rest.li record in the query (e.g. `timeRange.start`). */
const epochParam = (
	name: string,
	displayName: string,
	wireName: string,
	description: string,
): ParamSpec => ({
	displayName,
	name,
	in: 'query',
	wireName,
	queryFormat: 'restli',
	type: 'number',
	default: 0,
	validate: { min: 0 },
	description,
});

const timeIntervals: ParamSpec[] = [
	{
		displayName: 'Time Granularity',
		name: 'timeGranularityType',
		in: 'query',
		wireName: 'timeIntervals.timeGranularityType',
		queryFormat: 'restli',
		type: 'options',
		default: 'DAY',
		options: [
			{ name: 'Day', value: 'DAY' },
			{ name: 'Month', value: 'MONTH' },
		],
		description:
			'One value per day or month over the range (timeIntervals.timeGranularityType); without Start the totals are lifetime',
	},
	epochParam(
		'start',
		'Start (Epoch Ms)',
		'timeIntervals.timeRange.start',
		'Start of the range in milliseconds since the epoch (timeIntervals.timeRange.start), e.g. {{ $now.minus(30, "days").toMillis() }}',
	),
	epochParam(
		'end',
		'End (Epoch Ms)',
		'timeIntervals.timeRange.end',
		'End of the range in milliseconds since the epoch (timeIntervals.timeRange.end)',
	),
];

const reactionTypes = [
	{ name: 'Like', value: 'LIKE' },
	{ name: 'Celebrate', value: 'PRAISE' },
	{ name: 'Support', value: 'APPRECIATION' },
	{ name: 'Love', value: 'EMPATHY' },
	{ name: 'Insightful', value: 'INTEREST' },
	{ name: 'Funny', value: 'ENTERTAINMENT' },
];

const spec: ServiceSpec = {
	id: 'linkedIn',
	displayName: 'LinkedIn',
	description:
		'Post as a member or a company page, read page analytics, comments and reactions on LinkedIn',
	docsUrl: `${DOCS}/shares/posts-api`,
	baseUrl: 'https://api.linkedin.com',
	auth: [
		{
			kind: 'oauth2',
			credentialType: LINKED_IN_CREDENTIAL,
			displayName: 'OAuth2',
			oauth2: LINKED_IN_OAUTH,
		},
	],
	credentialTest: { path: '/v2/userinfo' },
	// OpenID Connect userinfo: the member's e-mail labels the connection.
	account: { path: '/v2/userinfo', labelPath: 'email' },
	headers: {
		'LinkedIn-Version': LINKED_IN_VERSION,
		'X-Restli-Protocol-Version': '2.0.0',
	},
	// LinkedIn publishes no numbers: each endpoint has a daily quota per application and per member (seen in
	// the Developer Portal's Analytics tab), reset at midnight UTC, reported by a bare 429 (no headers). The
	// declared day budget is only a ceiling so the queue never blocks first; a 429 pauses the connection until
	// the next midnight UTC.
	rateLimit: {
		requests: 100_000,
		windowMs: 86_400_000,
		maxPauseMs: 86_400_000,
		headers: [],
		throttled: [{ status: [429], resetsAtUtcHour: 0 }],
	},
	errorCodes: {
		codePath: 'serviceErrorCode',
		rules: [
			{
				status: [401],
				codes: [65600, 65601, 65602, 65603, 65604],
				category: 'auth',
				reason: 'the access token is invalid, expired or revoked ({message})',
			},
			{ status: [401], category: 'auth', reason: '{message}' },
			{ status: [403], category: 'permission' },
			{ status: [422], category: 'invalid' },
		],
		fieldPattern: '(?:field|parameter|/)\\s*[\'"]?([A-Za-z][A-Za-z0-9_.]*)[\'"]? ',
	},
	pagination: {
		type: 'offset',
		offsetParam: 'start',
		limitParam: 'count',
		pageSize: 50,
		itemsPath: 'elements',
	},
	connection: {
		// https://www.linkedin.com/oauth/v2/revoke with the app's id and secret in the form.
		revoke: {
			method: 'POST',
			path: 'https://www.linkedin.com/oauth/v2/revoke',
			tokenIn: 'form',
			clientAuth: 'oauth2',
			authenticated: false,
		},
		// Access tokens live 60 days; refresh tokens (365 days from the first grant, not reset by refreshing) only
		// for apps LinkedIn approved for programmatic refresh. Nothing else renews them: warn a week ahead.
		reauthorize: { accessTokenDays: 60, refreshTokenDays: 365, warnMs: 7 * 86_400_000 },
	},
	// LinkedIn's webhooks (Organization Social Action Notifications pushed to a URL) need a use case LinkedIn
	// approved: the trigger polls the same notifications, and a post's comments, instead.
	poll: {
		events: [
			{
				value: 'newSocialAction',
				name: 'New Comment or Mention on Page Posts',
				description:
					"A comment on any of the page's posts, or a post that mentions the page (or the actions picked)",
				resource: 'organization',
				operation: 'getNotifications',
				params: ['organizationalEntity', 'actions'],
				idPath: 'generatedActivity',
				timePath: 'lastModifiedAt',
				order: 'any',
			},
			{
				value: 'newComment',
				name: 'New Comment on a Post',
				description: 'A comment on one post (of the page or the member)',
				resource: 'comment',
				operation: 'getMany',
				params: ['postUrn'],
				idPath: 'id',
				timePath: 'created.time',
				order: 'any',
			},
		],
	},
	resources: [
		{
			id: 'post',
			name: 'Post',
			description: 'Posts of a member or an organization (Posts API)',
			operations: [
				createText,
				{
					...createText,
					id: 'createArticle',
					name: 'Create Article',
					action: 'Create an article post',
					description:
						'Share a link (article) with commentary; LinkedIn shows its title and thumbnail',
					params: [
						author('body'),
						commentary,
						{
							displayName: 'Article URL',
							name: 'articleUrl',
							in: 'body',
							bodyPath: 'content.article.source',
							type: 'string',
							default: '',
							required: true,
							placeholder: 'https://example.com/blog/launch',
							description: 'The link to share (content.article.source)',
						},
						{
							displayName: 'Article Title',
							name: 'articleTitle',
							in: 'body',
							bodyPath: 'content.article.title',
							type: 'string',
							default: '',
							required: true,
							description: 'Title shown on the link card (content.article.title)',
						},
						{
							displayName: 'Article Description',
							name: 'articleDescription',
							in: 'body',
							bodyPath: 'content.article.description',
							type: 'string',
							default: '',
							description: 'Text shown under the title (content.article.description)',
						},
						{
							displayName: 'Thumbnail Image URN',
							name: 'thumbnail',
							in: 'body',
							bodyPath: 'content.article.thumbnail',
							type: 'string',
							default: '',
							placeholder: 'urn:li:image:C4E10AQFoyyAjHPMQuQ',
							description:
								'An image uploaded with Image → Upload, shown as the card (content.article.thumbnail)',
							validate: {
								pattern: '^urn:li:image:[A-Za-z0-9_-]+$',
								patternHint: 'Enter an image URN such as urn:li:image:C4E10AQFoyyAjHPMQuQ.',
							},
						},
						...postOptions,
					],
					docsUrl: `${DOCS}/shares/posts-api#article-post-creation-sample-request`,
				},
				{
					...createText,
					id: 'createImage',
					name: 'Create Image',
					action: 'Create an image post',
					description:
						"Upload the input item's image (Images API: initializeUpload, then the bytes) and publish it with commentary",
					hook: 'createImagePost',
					params: [
						author('body'),
						commentary,
						binaryField,
						{
							displayName: 'Alt Text',
							name: 'altText',
							in: 'body',
							bodyPath: 'content.media.altText',
							type: 'string',
							default: '',
							description: 'Image description for screen readers (content.media.altText)',
						},
						{
							displayName: 'Image Title',
							name: 'imageTitle',
							in: 'body',
							bodyPath: 'content.media.title',
							type: 'string',
							default: '',
							description: 'Title of the image (content.media.title)',
						},
						...postOptions,
					],
					docsUrl: `${DOCS}/shares/posts-api#create-an-image-post`,
				},
				{
					id: 'get',
					name: 'Get',
					action: 'Get a post',
					method: 'GET',
					path: '/rest/posts/{postUrn}',
					scopes: ['r_organization_social'],
					params: [
						postUrn(),
						{
							displayName: 'View Context',
							name: 'viewContext',
							in: 'query',
							type: 'options',
							default: 'READER',
							options: [
								{ name: 'Reader', value: 'READER', description: 'Published posts only' },
								{
									name: 'Author',
									value: 'AUTHOR',
									description: 'Also drafts and processing posts',
								},
							],
							description: 'Which version of the post to read (viewContext)',
						},
					],
					docsUrl: `${DOCS}/shares/posts-api#retrieve-posts`,
				},
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many posts by author',
					description: 'Posts of a member or an organization, newest first',
					method: 'GET',
					path: '/rest/posts',
					headers: FINDER,
					query: { q: 'author' },
					scopes: ['r_organization_social'],
					paginate: true,
					params: [
						author('query'),
						{
							displayName: 'Sort By',
							name: 'sortBy',
							in: 'query',
							type: 'options',
							default: 'LAST_MODIFIED',
							options: [
								{ name: 'Last Modified', value: 'LAST_MODIFIED' },
								{ name: 'Created', value: 'CREATED' },
							],
							description: 'Order of the posts (sortBy)',
						},
					],
					docsUrl: `${DOCS}/shares/posts-api#find-posts-by-authors`,
				},
				{
					id: 'update',
					name: 'Update',
					action: 'Update the text of a post',
					description: "Change a post's commentary (a Rest.li partial update)",
					method: 'POST',
					path: '/rest/posts/{postUrn}',
					headers: { [RESTLI_METHOD]: 'PARTIAL_UPDATE' },
					scopes: WRITE_SCOPES,
					body: 'json',
					response: { onEmpty: { updated: true } },
					params: [postUrn(), { ...commentary, bodyPath: 'patch.$set.commentary' }],
					docsUrl: `${DOCS}/shares/posts-api#update-posts`,
				},
				{
					id: 'delete',
					name: 'Delete',
					action: 'Delete a post',
					method: 'DELETE',
					path: '/rest/posts/{postUrn}',
					headers: { [RESTLI_METHOD]: 'DELETE' },
					scopes: WRITE_SCOPES,
					response: { onEmpty: { deleted: true } },
					params: [postUrn()],
					docsUrl: `${DOCS}/shares/posts-api#delete-posts`,
				},
			],
		},
		{
			id: 'image',
			name: 'Image',
			description: 'Images for posts (Images API)',
			operations: [
				{
					id: 'upload',
					name: 'Upload',
					action: 'Upload an image',
					description:
						"Upload the input item's image for a later post or article thumbnail; returns its image URN",
					method: 'POST',
					path: '/rest/images?action=initializeUpload',
					hook: 'uploadImage',
					scopes: WRITE_SCOPES,
					params: [
						{
							...author('body', 'owner', 'Owner'),
							description:
								'Who will post the image: the member (urn:li:person:…) or the organization (urn:li:organization:…) (initializeUploadRequest.owner)',
						},
						binaryField,
					],
					docsUrl: `${DOCS}/shares/images-api#initialize-image-upload`,
				},
			],
		},
		{
			id: 'organization',
			name: 'Organization',
			description: 'Company pages the member administers and their analytics',
			operations: [
				{
					id: 'getManyAdministered',
					name: 'Get Many Administered',
					action: 'Get organizations the member administers',
					description:
						"The member's roles on organizations (organizationAcls): each element names the organization URN",
					method: 'GET',
					path: '/rest/organizationAcls',
					headers: FINDER,
					query: { q: 'roleAssignee' },
					scopes: ['rw_organization_admin'],
					paginate: true,
					params: [
						{
							displayName: 'Role',
							name: 'role',
							in: 'query',
							type: 'options',
							default: 'ADMINISTRATOR',
							options: [
								{ name: 'Administrator', value: 'ADMINISTRATOR' },
								{ name: 'Analyst', value: 'ANALYST' },
								{ name: 'Content Administrator', value: 'CONTENT_ADMINISTRATOR' },
								{ name: 'Curator', value: 'CURATOR' },
								{
									name: 'Direct Sponsored Content Poster',
									value: 'DIRECT_SPONSORED_CONTENT_POSTER',
								},
								{ name: 'Lead Gen Forms Manager', value: 'LEAD_GEN_FORMS_MANAGER' },
								{ name: 'Recruiting Poster', value: 'RECRUITING_POSTER' },
							],
							description: 'Only this role (role); all roles when not set',
						},
						{
							displayName: 'State',
							name: 'state',
							in: 'query',
							type: 'options',
							default: 'APPROVED',
							options: [
								{ name: 'Approved', value: 'APPROVED' },
								{ name: 'Requested', value: 'REQUESTED' },
								{ name: 'Rejected', value: 'REJECTED' },
								{ name: 'Revoked', value: 'REVOKED' },
							],
							description: 'Only roles in this state (state)',
						},
					],
					docsUrl: `${DOCS}/organizations/organization-access-control-by-role#find-a-members-organization-access-control-information`,
				},
				{
					id: 'get',
					name: 'Get',
					action: 'Get an organization',
					method: 'GET',
					path: '/rest/organizations/{organizationId}',
					scopes: ['rw_organization_admin'],
					params: [
						{
							displayName: 'Organization ID',
							name: 'organizationId',
							in: 'path',
							type: 'string',
							default: '',
							required: true,
							placeholder: '2414183',
							description: 'The numeric ID of the organization (the end of its URN)',
							validate: {
								pattern: '^\\d+$',
								patternHint: 'Organization IDs are numeric, e.g. 2414183.',
							},
						},
					],
					docsUrl: `${DOCS}/organizations/organization-lookup-api#retrieve-an-administered-organization`,
				},
				{
					id: 'getNotifications',
					name: 'Get Social Notifications',
					action: 'Get comments and mentions on organization posts',
					description:
						"Social actions on the page's posts (Organization Social Action Notifications): comments, mentions of the page, reshares; LinkedIn keeps them 60 days",
					method: 'GET',
					path: '/rest/organizationalEntityNotifications',
					headers: FINDER,
					query: { q: 'criteria' },
					scopes: ['rw_organization_admin'],
					paginate: true,
					params: [
						orgUrn('organizationalEntity'),
						{
							displayName: 'Actions',
							name: 'actions',
							in: 'query',
							queryFormat: 'restli',
							type: 'multiOptions',
							default: ['COMMENT', 'SHARE_MENTION'],
							required: true,
							options: [
								{
									name: 'Admin Comment',
									value: 'ADMIN_COMMENT',
									description: "A comment by the page's admins",
								},
								{ name: 'Comment', value: 'COMMENT', description: "A comment on the page's post" },
								{ name: 'Comment Deleted', value: 'COMMENT_DELETE' },
								{ name: 'Comment Edited', value: 'COMMENT_EDIT' },
								{
									name: 'Mention',
									value: 'SHARE_MENTION',
									description: 'A post that mentions the page',
								},
								{ name: 'Reshare', value: 'SHARE', description: "A reshare of the page's post" },
							],
							description: 'Which social actions to list (actions)',
						},
						{
							displayName: 'Source Post URN',
							name: 'sourcePost',
							in: 'query',
							queryFormat: 'restli',
							type: 'string',
							default: '',
							placeholder: 'urn:li:share:6844785523593134080',
							description: "Only actions on this post of the page's (sourcePost)",
						},
						epochParam(
							'start',
							'Start (Epoch Ms)',
							'timeRange.start',
							'Only actions from this time (timeRange.start; at most 60 days ago)',
						),
						epochParam(
							'end',
							'End (Epoch Ms)',
							'timeRange.end',
							'Only actions until this time (timeRange.end)',
						),
					],
					docsUrl: `${DOCS}/organizations/organization-social-action-notifications`,
				},
				{
					id: 'getPageStatistics',
					name: 'Get Page Statistics',
					action: 'Get organization page statistics',
					description: 'Page views and clicks of the company page, lifetime or per day/month',
					method: 'GET',
					path: '/rest/organizationPageStatistics',
					headers: FINDER,
					query: { q: 'organization' },
					scopes: ['rw_organization_admin'],
					response: { path: 'elements' },
					params: [orgUrn('organization'), ...timeIntervals],
					docsUrl: `${DOCS}/organizations/page-statistics`,
				},
				{
					id: 'getShareStatistics',
					name: 'Get Share Statistics',
					action: 'Get organization share statistics',
					description:
						"Impressions, clicks, likes, comments, shares and engagement of the page's posts, lifetime or per day/month",
					method: 'GET',
					path: '/rest/organizationalEntityShareStatistics',
					headers: FINDER,
					query: { q: 'organizationalEntity' },
					scopes: ['rw_organization_admin'],
					response: { path: 'elements' },
					params: [
						orgUrn('organizationalEntity'),
						{
							displayName: 'Shares',
							name: 'shares',
							in: 'query',
							queryFormat: 'restli',
							type: 'stringList',
							default: '',
							placeholder: 'urn:li:share:1000000,urn:li:share:1000001',
							description: 'Only these posts (share URNs, comma-separated) (shares)',
						},
						{
							displayName: 'UGC Posts',
							name: 'ugcPosts',
							in: 'query',
							queryFormat: 'restli',
							type: 'stringList',
							default: '',
							placeholder: 'urn:li:ugcPost:1000000',
							description: 'Only these posts (ugcPost URNs, comma-separated) (ugcPosts)',
						},
						...timeIntervals,
					],
					docsUrl: `${DOCS}/organizations/share-statistics`,
				},
				{
					id: 'getFollowerStatistics',
					name: 'Get Follower Statistics',
					action: 'Get organization follower statistics',
					description:
						'Followers by seniority, industry, function, region and more (lifetime), or gained per day/month',
					method: 'GET',
					path: '/rest/organizationalEntityFollowerStatistics',
					headers: FINDER,
					query: { q: 'organizationalEntity' },
					scopes: ['rw_organization_admin'],
					response: { path: 'elements' },
					params: [orgUrn('organizationalEntity'), ...timeIntervals],
					docsUrl: `${DOCS}/organizations/follower-statistics`,
				},
			],
		},
		{
			id: 'comment',
			name: 'Comment',
			description: 'Comments on a post (Comments API)',
			operations: [
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many comments on a post',
					method: 'GET',
					path: '/rest/socialActions/{postUrn}/comments',
					scopes: ['r_organization_social'],
					paginate: true,
					params: [postUrn()],
					docsUrl: `${DOCS}/shares/comments-api#retrieve-comments-on-shares`,
				},
				{
					id: 'create',
					name: 'Create',
					action: 'Comment on a post',
					description: 'Comment as the member or as an organization',
					method: 'POST',
					path: '/rest/socialActions/{postUrn}/comments',
					hook: 'createEntity',
					body: 'json',
					scopes: WRITE_SCOPES,
					params: [
						postUrn(),
						author('body', 'actor', 'Actor'),
						{
							displayName: 'Text',
							name: 'text',
							in: 'body',
							bodyPath: 'message.text',
							type: 'string',
							default: '',
							required: true,
							description: 'Text of the comment (message.text)',
						},
						{
							displayName: 'Parent Comment URN',
							name: 'parentComment',
							in: 'body',
							type: 'string',
							default: '',
							placeholder:
								'urn:li:comment:(urn:li:activity:6631349431612559360,6636062862760562688)',
							description: 'Reply to this comment instead of the post (parentComment)',
						},
					],
					docsUrl: `${DOCS}/shares/comments-api#create-comment`,
				},
			],
		},
		{
			id: 'reaction',
			name: 'Reaction',
			description: 'Reactions on a post (Reactions API)',
			operations: [
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many reactions on a post',
					method: 'GET',
					path: '/rest/reactions/(entity:{postUrn})',
					headers: FINDER,
					query: { q: 'entity' },
					scopes: ['r_organization_social'],
					paginate: true,
					params: [
						postUrn(),
						{
							displayName: 'Sort By',
							name: 'sortBy',
							in: 'query',
							type: 'options',
							default: 'REVERSE_CHRONOLOGICAL',
							options: [
								{ name: 'Newest First', value: 'REVERSE_CHRONOLOGICAL' },
								{ name: 'Oldest First', value: 'CHRONOLOGICAL' },
								{ name: 'Relevance', value: 'RELEVANCE' },
							],
							description: 'Order of the reactions (sortBy)',
						},
					],
					docsUrl: `${DOCS}/shares/reactions-api#retrieve-reactions-on-entity`,
				},
				{
					id: 'create',
					name: 'Create',
					action: 'React to a post',
					description: 'React as the member or as an organization',
					method: 'POST',
					path: '/rest/reactions',
					hook: 'createEntity',
					body: 'json',
					scopes: WRITE_SCOPES,
					params: [
						postUrn('body', 'root'),
						author('query', 'actor', 'Actor'),
						{
							displayName: 'Reaction Type',
							name: 'reactionType',
							in: 'body',
							type: 'options',
							default: 'LIKE',
							required: true,
							options: reactionTypes,
							description: 'The reaction (reactionType)',
						},
					],
					docsUrl: `${DOCS}/shares/reactions-api#create-a-reaction-on-a-share`,
				},
			],
		},
		{
			id: 'account',
			name: 'Account',
			description: 'The connected member',
			operations: [
				{
					id: 'getMe',
					name: 'Get Me',
					action: 'Get the connected member',
					description:
						'The member this credential belongs to (OpenID Connect userinfo): "sub" is the ID of urn:li:person:{sub}',
					method: 'GET',
					path: '/v2/userinfo',
					scopes: ['openid', 'profile', 'email'],
					docsUrl:
						'https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2#api-request-to-retreive-member-details',
				},
			],
		},
	],
};

export const linkedInSpec = spec;

export const linkedInDefinition: ServiceDefinition = { spec, hooks: linkedInHooks };
