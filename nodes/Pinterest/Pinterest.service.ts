/**
 * Pinterest API v5 as data: pins (from an image URL, from binary image data, from a video uploaded through the
 * media API), boards, board sections, the user account and its analytics, bookmark paging, the rate-limit
 * categories, Pinterest's `{code, message}` errors, and a polling trigger for new pins on a board (Pinterest
 * has no webhooks for organic content). Methods and paths are checked against `pinterest-sdk` and Pinterest's
 * OpenAPI description (test/conformance/pinterest-sdk.test.ts).
 */
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import { binaryFieldParam, bodyParam, enumOptions, queryParam } from '../../lib/spec/params';
import { pinterestHooks } from './Pinterest.hooks';
import { PINTEREST_OAUTH } from './Pinterest.oauth';

export const PINTEREST_CREDENTIAL = 'apiConnPinterestOAuth2Api';
const REF = 'https://developers.pinterest.com/docs/api/v5';

// Scopes per endpoint, as Pinterest's OpenAPI `security` lists them.
const BOARDS_READ = ['boards:read'];
const BOARDS_WRITE = ['boards:read', 'boards:write'];
const PINS_READ = ['boards:read', 'pins:read'];
const PINS_WRITE = ['boards:read', 'boards:write', 'pins:read', 'pins:write'];
const ACCOUNT_READ = ['user_accounts:read'];

// Each endpoint's `x-ratelimit-category`.
const READ = { tier: 'org_read' };
const WRITE = { tier: 'org_write' };
const ANALYTICS = { tier: 'org_analytics' };

const numericId = (what: string) => ({
	pattern: '^\\d+$',
	patternHint: `Pinterest ${what} IDs are digits only (e.g. 549755885175).`,
});

const pinId: ParamSpec = {
	displayName: 'Pin ID',
	name: 'pinId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: 'The Pin (pin_id): the digits at the end of the Pin page address',
	validate: numericId('Pin'),
};
const boardId: ParamSpec = {
	displayName: 'Board ID',
	name: 'boardId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: 'The board (board_id); Board → Get Many lists yours',
	validate: numericId('board'),
};
const sectionId: ParamSpec = {
	displayName: 'Section ID',
	name: 'sectionId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: 'The board section (section_id); Board Section → Get Many lists them',
	validate: numericId('board section'),
};
const adAccountId = queryParam('ad_account_id', 'Ad Account ID', 'string', {
	default: '',
	description:
		'Act on behalf of this ad account (ad_account_id): a business account shared with you',
	validate: numericId('ad account'),
});
const pinMetrics = queryParam('pin_metrics', 'Pin Metrics', 'boolean', {
	default: false,
	description: 'Whether to also return 90-day and lifetime metrics of each Pin (pin_metrics)',
});
const creativeTypes = queryParam('creative_types', 'Creative Types', 'multiOptions', {
	default: [],
	description: 'Only Pins of these creative types (creative_types)',
	options: enumOptions([
		'REGULAR',
		'VIDEO',
		'SHOPPING',
		'CAROUSEL',
		'MAX_VIDEO',
		'SHOP_THE_PIN',
		'COLLECTION',
		'IDEA',
	]),
});

/** The body fields a Pin is created with (PinCreate), apart from the media source. */
const pinFields: ParamSpec[] = [
	bodyParam('board_id', 'Board ID', 'string', {
		default: '',
		required: true,
		description: 'The board the Pin is created on (board_id)',
		validate: numericId('board'),
	}),
	bodyParam('title', 'Title', 'string', {
		default: '',
		description: 'Title (title), up to 100 characters',
	}),
	bodyParam('description', 'Description', 'string', {
		default: '',
		description: 'Description (description), up to 800 characters',
	}),
	bodyParam('link', 'Link', 'string', {
		default: '',
		placeholder: 'https://example.com/article',
		description: 'The destination link of the Pin (link), up to 2048 characters',
	}),
	bodyParam('alt_text', 'Alt Text', 'string', {
		default: '',
		description:
			'Text that describes the image for screen readers (alt_text), up to 500 characters',
	}),
	bodyParam('board_section_id', 'Board Section ID', 'string', {
		default: '',
		description: 'A section of the board to put the Pin in (board_section_id)',
		validate: numericId('board section'),
	}),
	bodyParam('dominant_color', 'Dominant Color', 'string', {
		default: '',
		placeholder: '#6E7874',
		description: 'The dominant color of the image, as a hex code (dominant_color)',
	}),
	bodyParam('parent_pin_id', 'Parent Pin ID', 'string', {
		default: '',
		description: 'The Pin this one was saved from, if any (parent_pin_id)',
		validate: numericId('Pin'),
	}),
];

const binaryProperty = (what: string): ParamSpec =>
	binaryFieldParam(`The binary field of the input item that holds the ${what}`, 'query');

/** Fields of the video flow that stay in n8n (the hook strips them). */
const waitParams: ParamSpec[] = [
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		in: 'query',
		type: 'number',
		default: 300,
		validate: { min: 0, max: 3600 },
		description:
			'How long to wait for Pinterest to process the video before the item fails (the upload stays: create the Pin later with its media ID)',
	},
	{
		displayName: 'Check Every (Seconds)',
		name: 'pollIntervalSeconds',
		in: 'query',
		type: 'number',
		default: 5,
		validate: { min: 1, max: 60 },
		description: 'How often the upload status (GET /media/{media_id}) is checked while waiting',
	},
];

const startDate = queryParam('start_date', 'Start Date', 'string', {
	default: '',
	required: true,
	placeholder: '2026-11-01',
	description: 'First day of the report (start_date, UTC, YYYY-MM-DD), at most 90 days back',
	validate: { pattern: '^\\d{4}-\\d{2}-\\d{2}$', patternHint: 'Use YYYY-MM-DD, e.g. 2026-11-01.' },
});
const endDate = queryParam('end_date', 'End Date', 'string', {
	default: '',
	required: true,
	placeholder: '2026-11-30',
	description:
		'Last day of the report (end_date, UTC, YYYY-MM-DD), at most 90 days after the start',
	validate: { pattern: '^\\d{4}-\\d{2}-\\d{2}$', patternHint: 'Use YYYY-MM-DD, e.g. 2026-11-30.' },
});
const appTypes = queryParam('app_types', 'App Types', 'options', {
	default: 'ALL',
	description: 'Apps or devices to report (app_types)',
	options: ['ALL', 'MOBILE', 'TABLET', 'WEB'].map((v) => ({
		name: v[0] + v.slice(1).toLowerCase(),
		value: v,
	})),
});

const PIN_METRICS = [
	'IMPRESSION',
	'OUTBOUND_CLICK',
	'PIN_CLICK',
	'SAVE',
	'SAVE_RATE',
	'TOTAL_COMMENTS',
	'TOTAL_REACTIONS',
	'USER_FOLLOW',
	'PROFILE_VISIT',
	'VIDEO_MRC_VIEW',
	'VIDEO_10S_VIEW',
	'QUARTILE_95_PERCENT_VIEW',
	'VIDEO_V50_WATCH_TIME',
	'VIDEO_START',
	'VIDEO_AVG_WATCH_TIME',
];
const ACCOUNT_METRICS = [
	'ENGAGEMENT',
	'ENGAGEMENT_RATE',
	'IMPRESSION',
	'OUTBOUND_CLICK',
	'OUTBOUND_CLICK_RATE',
	'PIN_CLICK',
	'PIN_CLICK_RATE',
	'SAVE',
	'SAVE_RATE',
];

const createPin: OperationSpec = {
	id: 'create',
	name: 'Create',
	action: 'Create a pin from an image URL',
	description: 'Create a Pin on a board from a public image URL (media_source image_url)',
	method: 'POST',
	path: '/pins',
	body: 'json',
	fixedBody: { media_source: { source_type: 'image_url' } },
	params: [
		...pinFields.slice(0, 1),
		bodyParam('url', 'Image URL', 'string', {
			bodyPath: 'media_source.url',
			default: '',
			required: true,
			placeholder: 'https://example.com/image.jpg',
			description: 'A public URL of the image, JPEG or PNG (sent as the media source)',
		}),
		...pinFields.slice(1),
		adAccountId,
	],
	scopes: PINS_WRITE,
	rateLimit: WRITE,
	docsUrl: `${REF}/#operation/pins/create`,
};

const listPinsPaging = { paginate: true as const, cacheable: false };

export const pinterestSpec: ServiceSpec = {
	id: 'pinterest',
	displayName: 'Pinterest',
	description:
		'Create and manage Pins, boards and board sections, and read Pin and account analytics',
	docsUrl: 'https://developers.pinterest.com/docs/api/v5/',
	baseUrl: 'https://api.pinterest.com/v5',
	auth: [
		{
			kind: 'oauth2',
			credentialType: PINTEREST_CREDENTIAL,
			displayName: 'OAuth2',
			oauth2: PINTEREST_OAUTH,
		},
	],
	credentialTest: { path: '/user_account' },
	account: { path: '/user_account', labelPath: 'username' },
	// Universal: 100 requests per second per user per app (Standard access); per category, requests per minute
	// per user per app (docs/services/pinterest.md says which numbers Pinterest documents). The X-RateLimit-*
	// headers Pinterest sends and its 429s correct the budget.
	rateLimit: {
		requests: 100,
		windowMs: 1000,
		headers: [
			{
				format: 'fields',
				limit: 'x-ratelimit-limit',
				remaining: 'x-ratelimit-remaining',
				reset: 'x-ratelimit-reset',
				resetUnit: 'auto',
			},
		],
		tiers: {
			org_read: { requests: 1000, windowMs: 60_000 },
			org_write: { requests: 100, windowMs: 60_000 },
			org_analytics: { requests: 300, windowMs: 60_000 },
		},
	},
	// Pinterest's error body is `{ "code": <integer>, "message": "<text>" }` (OpenAPI schema `Error`).
	errorCodes: {
		codePath: 'code',
		fieldPattern: "'([a-z_]+)'",
		rules: [
			{ status: [401], category: 'auth', reason: 'Pinterest says "{message}"' },
			{ codes: [29], category: 'permission', reason: 'Pinterest says "{message}"' },
			{ status: [403], category: 'permission', reason: 'Pinterest says "{message}"' },
			// Which object is missing, in Pinterest's codes: a save names the Pin in its path but may miss the board.
			{
				codes: [40],
				category: 'notFound',
				fix: 'Check the Board ID: Pinterest says "{message}" (the board does not exist or is not one you can pin to; Board → Get Many lists yours).',
			},
			{
				codes: [50],
				category: 'notFound',
				fix: 'Check the Pin ID: Pinterest says "{message}" (the Pin does not exist or was deleted).',
			},
			{
				codes: [2031],
				category: 'notFound',
				fix: 'Check the Board Section ID: Pinterest says "{message}" (Board Section → Get Many lists the sections of a board).',
			},
			{ status: [404], category: 'notFound' },
			{ status: [400], codes: [1], category: 'invalid', reason: 'Pinterest says "{message}"' },
			{ status: [429], category: 'rateLimit' },
		],
	},
	// Bookmark paging: `{ items, bookmark }`, the next page with `?bookmark=`; at most 250 items a page.
	pagination: {
		type: 'cursor',
		cursorParam: 'bookmark',
		nextCursorPath: 'bookmark',
		itemsPath: 'items',
		limitParam: 'page_size',
		pageSize: 250,
	},
	// Disconnect: POST /v5/oauth/token/revoke with the app's id and secret (Pinterest revokes only tokens of
	// system users for now; for others it refuses, and the connection is still removed here).
	connection: {
		revoke: {
			method: 'POST',
			path: '/oauth/token/revoke',
			token: 'refreshElseAccess',
			tokenIn: 'form',
			tokenTypeHint: true,
			clientAuth: 'oauth2',
		},
	},
	resources: [
		{
			id: 'pin',
			name: 'Pin',
			operations: [
				createPin,
				{
					...createPin,
					id: 'createFromBinary',
					name: 'Create From Binary Image',
					action: 'Create a pin from binary image data',
					description:
						"Create a Pin from the input item's image (JPEG or PNG), sent base64-encoded (media_source image_base64)",
					fixedBody: undefined,
					hook: 'createPinFromBinary',
					params: [
						...pinFields.slice(0, 1),
						binaryProperty('image (JPEG or PNG)'),
						...pinFields.slice(1),
						adAccountId,
					],
				},
				{
					...createPin,
					id: 'createVideo',
					name: 'Create Video Pin',
					action: 'Create a video pin from binary data',
					description:
						"Upload the input item's video (POST /media, then the file to the upload URL), wait until Pinterest has processed it, then create the Pin (media_source video_id)",
					fixedBody: undefined,
					hook: 'createVideoPin',
					params: [
						...pinFields.slice(0, 1),
						binaryProperty('video'),
						...pinFields.slice(1),
						bodyParam('cover_image_url', 'Cover Image URL', 'string', {
							bodyPath: 'media_source.cover_image_url',
							default: '',
							description:
								'A public image URL to show before the video plays (the cover image of the media source)',
						}),
						bodyParam('cover_image_key_frame_time', 'Cover Key Frame Time', 'number', {
							bodyPath: 'media_source.cover_image_key_frame_time',
							default: 0,
							validate: { min: 0 },
							description:
								'Or use the frame at this second of the video as the cover (cover_image_key_frame_time)',
						}),
						...waitParams,
						adAccountId,
					],
					docsUrl: 'https://developers.pinterest.com/docs/api-features/creating-boards-and-pins/',
				},
				{
					id: 'get',
					name: 'Get',
					action: 'Get a pin',
					method: 'GET',
					path: '/pins/{pinId}',
					params: [pinId, pinMetrics, adAccountId],
					scopes: PINS_READ,
					rateLimit: READ,
					docsUrl: `${REF}/#operation/pins/get`,
				},
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many of your pins',
					description: 'The Pins of the connected account (GET /pins)',
					method: 'GET',
					path: '/pins',
					...listPinsPaging,
					params: [
						queryParam('pin_filter', 'Pin Filter', 'options', {
							default: 'exclude_native',
							description: 'Leave out some Pins (pin_filter)',
							options: [
								{
									name: 'Exclude Native',
									value: 'exclude_native',
									description: 'Only Pins saved from others',
								},
								{
									name: 'Exclude Repins',
									value: 'exclude_repins',
									description: 'Only Pins you created',
								},
								{ name: 'Has Been Promoted', value: 'has_been_promoted' },
							],
						}),
						queryParam('include_protected_pins', 'Include Protected Pins', 'boolean', {
							default: false,
							description: 'Whether to also list Pins on protected boards (include_protected_pins)',
						}),
						queryParam('pin_type', 'Pin Type', 'options', {
							default: 'PRIVATE',
							description: 'Only private Pins (pin_type)',
							options: [{ name: 'Private', value: 'PRIVATE' }],
						}),
						creativeTypes,
						pinMetrics,
						adAccountId,
					],
					scopes: PINS_READ,
					rateLimit: READ,
					docsUrl: `${REF}/#operation/pins/list`,
				},
				{
					id: 'getManyOnBoard',
					name: 'Get Many on Board',
					action: 'Get many pins on a board',
					method: 'GET',
					path: '/boards/{boardId}/pins',
					...listPinsPaging,
					params: [boardId, creativeTypes, pinMetrics, adAccountId],
					scopes: PINS_READ,
					rateLimit: READ,
					docsUrl: `${REF}/#operation/boards/list_pins`,
				},
				{
					id: 'getManyInSection',
					name: 'Get Many in Section',
					action: 'Get many pins in a board section',
					method: 'GET',
					path: '/boards/{boardId}/sections/{sectionId}/pins',
					...listPinsPaging,
					params: [boardId, sectionId, adAccountId],
					scopes: PINS_READ,
					rateLimit: READ,
					docsUrl: `${REF}/#operation/board_sections/list_pins`,
				},
				{
					id: 'update',
					name: 'Update',
					action: 'Update a pin',
					description:
						'Change the title, description, link, alt text, board or section of a Pin (PATCH)',
					method: 'PATCH',
					path: '/pins/{pinId}',
					body: 'json',
					params: [
						pinId,
						...pinFields
							.filter((p) =>
								['title', 'description', 'link', 'altText', 'boardSectionId'].includes(p.name),
							)
							.map((p) => ({
								...p,
								description: `New ${p.description?.[0].toLowerCase()}${p.description?.slice(1)}`,
							})),
						{
							...pinFields[0],
							required: false,
							description: 'Move the Pin to this board (board_id)',
						},
						adAccountId,
					],
					scopes: PINS_WRITE,
					rateLimit: WRITE,
					docsUrl: `${REF}/#operation/pins/update`,
				},
				{
					id: 'delete',
					name: 'Delete',
					action: 'Delete a pin',
					method: 'DELETE',
					path: '/pins/{pinId}',
					params: [pinId, adAccountId],
					response: { onEmpty: { deleted: true } },
					scopes: PINS_WRITE,
					rateLimit: WRITE,
					docsUrl: `${REF}/#operation/pins/delete`,
				},
				{
					id: 'save',
					name: 'Save',
					action: 'Save a pin to a board',
					description: 'Save an existing Pin to one of your boards, or a section of it',
					method: 'POST',
					path: '/pins/{pinId}/save',
					body: 'json',
					params: [
						pinId,
						{ ...pinFields[0], description: 'The board to save the Pin to (board_id)' },
						pinFields.find((p) => p.name === 'boardSectionId')!,
						adAccountId,
					],
					scopes: PINS_WRITE,
					rateLimit: WRITE,
					docsUrl: `${REF}/#operation/pins/save`,
				},
				{
					id: 'getAnalytics',
					name: 'Get Analytics',
					action: 'Get analytics of a pin',
					description: 'Daily metrics of a Pin you own, for up to 90 days',
					method: 'GET',
					path: '/pins/{pinId}/analytics',
					params: [
						pinId,
						startDate,
						endDate,
						queryParam('metric_types', 'Metrics', 'multiOptions', {
							default: ['IMPRESSION', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK'],
							required: true,
							queryFormat: 'comma',
							description: 'Which metrics (metric_types); the video ones only for video Pins',
							options: enumOptions(PIN_METRICS),
						}),
						appTypes,
						queryParam('split_field', 'Split By', 'options', {
							default: 'NO_SPLIT',
							description: 'Group the data (split_field)',
							options: [
								{ name: 'No Split', value: 'NO_SPLIT' },
								{ name: 'App Type', value: 'APP_TYPE' },
							],
						}),
						adAccountId,
					],
					scopes: PINS_READ,
					rateLimit: ANALYTICS,
					docsUrl: `${REF}/#operation/pins/analytics`,
				},
			],
		},
		{
			id: 'board',
			name: 'Board',
			operations: [
				{
					id: 'create',
					name: 'Create',
					action: 'Create a board',
					method: 'POST',
					path: '/boards',
					body: 'json',
					params: [
						bodyParam('name', 'Name', 'string', {
							default: '',
							required: true,
							description: 'Name of the board (name)',
						}),
						bodyParam('description', 'Description', 'string', {
							default: '',
							description: 'Description (description)',
						}),
						bodyParam('privacy', 'Privacy', 'options', {
							default: 'PUBLIC',
							description: 'Who can see the board (privacy)',
							options: [
								{ name: 'Public', value: 'PUBLIC' },
								{ name: 'Protected', value: 'PROTECTED', description: 'Only for ad-only boards' },
								{
									name: 'Secret',
									value: 'SECRET',
									description: 'Only you and collaborators (needs boards:write_secret)',
								},
							],
						}),
						adAccountId,
					],
					scopes: BOARDS_WRITE,
					rateLimit: WRITE,
					docsUrl: `${REF}/#operation/boards/create`,
				},
				{
					id: 'get',
					name: 'Get',
					action: 'Get a board',
					method: 'GET',
					path: '/boards/{boardId}',
					params: [boardId, adAccountId],
					scopes: BOARDS_READ,
					rateLimit: READ,
					docsUrl: `${REF}/#operation/boards/get`,
				},
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many boards',
					description: 'The boards of the connected account',
					method: 'GET',
					path: '/boards',
					paginate: true,
					params: [
						queryParam('privacy', 'Privacy', 'options', {
							default: 'ALL',
							description: 'Only boards with this privacy (privacy)',
							options: enumOptions(['ALL', 'PUBLIC', 'PROTECTED', 'SECRET', 'PUBLIC_AND_SECRET']),
						}),
						adAccountId,
					],
					scopes: BOARDS_READ,
					rateLimit: READ,
					docsUrl: `${REF}/#operation/boards/list`,
				},
				{
					id: 'update',
					name: 'Update',
					action: 'Update a board',
					method: 'PATCH',
					path: '/boards/{boardId}',
					body: 'json',
					params: [
						boardId,
						bodyParam('name', 'Name', 'string', { default: '', description: 'New name (name)' }),
						bodyParam('description', 'Description', 'string', {
							default: '',
							description: 'New description (description)',
						}),
						bodyParam('privacy', 'Privacy', 'options', {
							default: 'PUBLIC',
							description: 'New privacy (privacy)',
							options: [
								{ name: 'Public', value: 'PUBLIC' },
								{ name: 'Secret', value: 'SECRET' },
							],
						}),
						adAccountId,
					],
					scopes: BOARDS_WRITE,
					rateLimit: WRITE,
					docsUrl: `${REF}/#operation/boards/update`,
				},
				{
					id: 'delete',
					name: 'Delete',
					action: 'Delete a board',
					description: 'Delete a board and all its Pins',
					method: 'DELETE',
					path: '/boards/{boardId}',
					params: [boardId, adAccountId],
					response: { onEmpty: { deleted: true } },
					scopes: BOARDS_WRITE,
					rateLimit: WRITE,
					docsUrl: `${REF}/#operation/boards/delete`,
				},
			],
		},
		{
			id: 'boardSection',
			name: 'Board Section',
			operations: [
				{
					id: 'create',
					name: 'Create',
					action: 'Create a board section',
					method: 'POST',
					path: '/boards/{boardId}/sections',
					body: 'json',
					params: [
						boardId,
						bodyParam('name', 'Name', 'string', {
							default: '',
							required: true,
							description: 'Name of the section (name), 1 to 180 characters',
						}),
						adAccountId,
					],
					scopes: BOARDS_WRITE,
					rateLimit: WRITE,
					docsUrl: `${REF}/#operation/board_sections/create`,
				},
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many board sections',
					method: 'GET',
					path: '/boards/{boardId}/sections',
					paginate: true,
					params: [boardId, adAccountId],
					scopes: BOARDS_READ,
					rateLimit: READ,
					docsUrl: `${REF}/#operation/board_sections/list`,
				},
				{
					id: 'update',
					name: 'Update',
					action: 'Rename a board section',
					method: 'PATCH',
					path: '/boards/{boardId}/sections/{sectionId}',
					body: 'json',
					params: [
						boardId,
						sectionId,
						bodyParam('name', 'Name', 'string', {
							default: '',
							required: true,
							description: 'New name of the section (name)',
						}),
						adAccountId,
					],
					scopes: BOARDS_WRITE,
					rateLimit: WRITE,
					docsUrl: `${REF}/#operation/board_sections/update`,
				},
				{
					id: 'delete',
					name: 'Delete',
					action: 'Delete a board section',
					description: 'Delete a section and the Pins in it',
					method: 'DELETE',
					path: '/boards/{boardId}/sections/{sectionId}',
					params: [boardId, sectionId, adAccountId],
					response: { onEmpty: { deleted: true } },
					scopes: BOARDS_WRITE,
					rateLimit: WRITE,
					docsUrl: `${REF}/#operation/board_sections/delete`,
				},
			],
		},
		{
			id: 'userAccount',
			name: 'User Account',
			operations: [
				{
					id: 'get',
					name: 'Get',
					action: 'Get the user account',
					description:
						'The connected account: username, type, follower, following, Pin and board counts',
					method: 'GET',
					path: '/user_account',
					params: [adAccountId],
					scopes: ACCOUNT_READ,
					rateLimit: READ,
					docsUrl: `${REF}/#operation/user_account/get`,
				},
				{
					id: 'getAnalytics',
					name: 'Get Analytics',
					action: 'Get analytics of the user account',
					description:
						'Daily account metrics (impressions, saves, clicks, engagement) for up to 90 days',
					method: 'GET',
					path: '/user_account/analytics',
					params: [
						startDate,
						endDate,
						queryParam('metric_types', 'Metrics', 'multiOptions', {
							default: [],
							queryFormat: 'comma',
							description: 'Which metrics (metric_types); all when empty',
							options: enumOptions(ACCOUNT_METRICS),
						}),
						appTypes,
						queryParam('split_field', 'Split By', 'options', {
							default: 'NO_SPLIT',
							description: 'Group the data (split_field)',
							options: enumOptions([
								'NO_SPLIT',
								'APP_TYPE',
								'OWNED_CONTENT',
								'SOURCE',
								'PIN_FORMAT',
							]),
						}),
						queryParam('from_claimed_content', 'From Claimed Content', 'options', {
							default: 'BOTH',
							description:
								'Pins that match your claimed domain, others, or both (from_claimed_content)',
							options: enumOptions(['OTHER', 'CLAIMED', 'BOTH']),
						}),
						queryParam('pin_format', 'Pin Format', 'options', {
							default: 'ALL',
							description: 'Only this Pin format (pin_format)',
							options: enumOptions([
								'ALL',
								'ORGANIC_IMAGE',
								'ORGANIC_PRODUCT',
								'ORGANIC_VIDEO',
								'ADS_STANDARD',
								'ADS_PRODUCT',
								'ADS_VIDEO',
								'ADS_IDEA',
							]),
						}),
						queryParam('content_type', 'Content Type', 'options', {
							default: 'ALL',
							description: 'Paid, organic or all data (content_type)',
							options: enumOptions(['ALL', 'PAID', 'ORGANIC']),
						}),
						queryParam('source', 'Source', 'options', {
							default: 'ALL',
							description: 'Your Pins, other Pins from your claimed accounts, or all (source)',
							options: enumOptions(['ALL', 'YOUR_PINS', 'OTHER_PINS']),
						}),
						adAccountId,
					],
					scopes: ACCOUNT_READ,
					rateLimit: ANALYTICS,
					docsUrl: `${REF}/#operation/user_account/analytics`,
				},
			],
		},
		{
			id: 'media',
			name: 'Media',
			operations: [
				{
					id: 'get',
					name: 'Get Status',
					action: 'Get the status of a media upload',
					description:
						'Whether an uploaded video is processed (registered, processing, succeeded, failed)',
					method: 'GET',
					path: '/media/{mediaId}',
					cacheable: false,
					params: [
						{
							displayName: 'Media ID',
							name: 'mediaId',
							in: 'path',
							type: 'string',
							default: '',
							required: true,
							description: 'The upload (media_id) returned when the video was registered',
							validate: numericId('media'),
						},
					],
					scopes: ['pins:read'],
					rateLimit: READ,
					docsUrl: `${REF}/#operation/media/get`,
				},
			],
		},
	],
	// No webhooks for organic content: the trigger lists the board's Pins and emits each new one once.
	poll: {
		events: [
			{
				value: 'newPin',
				name: 'New Pin on Board',
				description: 'Each Pin added to the board since the previous check',
				resource: 'pin',
				operation: 'getManyOnBoard',
				params: ['boardId'],
				idPath: 'id',
				timePath: 'created_at',
			},
		],
	},
};

export const pinterestDefinition: ServiceDefinition = {
	spec: pinterestSpec,
	hooks: pinterestHooks,
};
