/**
 * Notion's API (version 2025-09-03, pinned in `Notion-Version`, `@notionhq/client` 5.26.0's default) as data:
 * pages (typed properties from simple fields or JSON, content from simple text), databases and their data
 * sources (since 2025-09-03 a database holds one or more data sources; queries and page parents name the data
 * source), blocks, search, users and comments; cursor paging (`start_cursor` / `has_more` / `next_cursor`); Notion's
 * `{object: "error", code, message}` answers mapped to cause and fix; about three requests per second per
 * integration; the signed webhook trigger with its verification handshake. Methods, paths and body keys are
 * checked against `@notionhq/client` (test/conformance/notion-sdk.test.ts).
 * Facts: /work/shared/reference/services.md § Notion, https://developers.notion.com/reference.
 */
import { bodyParam, enumOptions, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	PaginationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { notionHooks } from './Notion.hooks';
import { NOTION_OAUTH, NOTION_VERSION } from './Notion.oauth';

export const NOTION_TOKEN_CREDENTIAL = 'apiConnNotionApi';
export const NOTION_APP_CREDENTIAL = 'apiConnNotionOAuth2Api';
const REF = 'https://developers.notion.com/reference';

const ID_HINT =
	'a Notion ID (32 hex digits, with or without dashes) or the link copied from Notion (Share → Copy link)';

const idParam = (
	name: string,
	displayName: string,
	what: string,
	where: 'path' | 'body' | 'query' = 'path',
	wire?: string,
): ParamSpec => ({
	displayName,
	name,
	in: where,
	type: 'string',
	default: '',
	required: true,
	description: `The ${what}: ${ID_HINT}`,
	...(wire && where === 'body' ? { bodyPath: wire } : {}),
	...(wire && where === 'query' ? { wireName: wire } : {}),
});

/** The binary field an upload reads or a download writes (n8n's binary property name; never sent). */
const binaryField = (displayName: string, description: string): ParamSpec => ({
	displayName,
	name: 'binaryPropertyName',
	in: 'query',
	type: 'string',
	default: 'data',
	required: true,
	description,
});

// Read by the hooks, never sent (`in: 'query'` so GET operations may have it too).
const simplify: ParamSpec = {
	displayName: 'Simplify',
	name: 'simplify',
	in: 'query',
	type: 'boolean',
	default: false,
	description:
		'Whether to return each page\'s property values as plain fields ({"Name": "Task", "Done": true, …}) and each block\'s text, instead of Notion\'s typed objects',
};

/** An operation on one object named by its ID, through the hook that takes IDs out of links. */
const byId = (
	op: Pick<OperationSpec, 'id' | 'name' | 'action' | 'method' | 'path'> & Partial<OperationSpec>,
	doc: string,
	params: ParamSpec[],
): OperationSpec => ({ hook: 'notionRequest', ...op, docsUrl: `${REF}/${doc}`, params });

/** Cursor paging: `start_cursor` and `page_size` (at most 100) in, `results`, `has_more` and `next_cursor` out. */
const cursor = (paramsIn: 'query' | 'body'): { paginate: PaginationSpec } => ({
	paginate: {
		type: 'cursor',
		cursorParam: 'start_cursor',
		nextCursorPath: 'next_cursor',
		hasMorePath: 'has_more',
		itemsPath: 'results',
		limitParam: 'page_size',
		pageSize: 100,
		paramsIn,
	},
});

/** Typed property values from simple fields (typed by the data source's or page's schema) and as raw JSON. */
const propertyFields = (forCreate: boolean): ParamSpec[] => [
	bodyParam('title', 'Title', 'string', {
		default: '',
		description: forCreate
			? "The page's title: its title property, whatever that property is called"
			: "The page's new title (its title property)",
	}),
	// No default: a key/value list starts empty (`{}`, set by the builder).
	bodyParam('properties', 'Properties', 'keyValue', {
		description:
			"Property values as text, by property name; each is converted to the property's type: numbers, true/false, a select option's name, comma-separated names (multi-select) or IDs (people, relation), URLs (files), dates as 2026-12-24 or start/end",
	}),
	bodyParam('propertiesJson', 'Properties (JSON)', 'json', {
		default: '{}',
		description:
			'Property values as Notion\'s JSON, e.g. {"Tags": {"multi_select": [{"name": "urgent"}]}}; they win over the simple fields',
	}),
	bodyParam('icon', 'Icon Emoji', 'string', {
		default: '',
		placeholder: '📝',
		description: 'An emoji as the page icon (icon.emoji)',
	}),
	bodyParam('cover', 'Cover URL', 'string', {
		default: '',
		placeholder: 'https://example.com/cover.png',
		description: 'The URL of an external image as the page cover',
	}),
];

const content = bodyParam('content', 'Content', 'string', {
	default: '',
	description:
		"Text for the page's body, one block per line: '# ', '## ', '### ' headings, '- ' bullets, '1. ' numbered items, '[ ] ' and '[x] ' to-dos, '> ' quotes, other lines paragraphs. Long text is split into Notion's 2,000-character pieces and 100-block requests",
});
const blocksJson = bodyParam('blocksJson', 'Blocks (JSON)', 'json', {
	default: '[]',
	description:
		'Further blocks as Notion\'s JSON array, e.g. [{"type": "divider", "divider": {}}], appended after the Content',
});

const pageOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a page',
		description:
			'In a database (its data source, with typed properties) or under a page; the content follows in further requests when it has more than 100 blocks',
		method: 'POST',
		path: '/v1/pages',
		hook: 'createPage',
		docsUrl: `${REF}/post-page`,
		params: [
			{
				displayName: 'Parent Type',
				name: 'parentType',
				in: 'body',
				type: 'options',
				required: true,
				default: 'database',
				options: [
					{
						name: 'Database',
						value: 'database',
						description: "A row of a database (its only data source's properties)",
					},
					{
						name: 'Data Source',
						value: 'dataSource',
						description: 'A row of one data source of a database that has several',
					},
					{ name: 'Page', value: 'page', description: 'A sub-page of a page (only a title)' },
				],
				description: 'Where the page goes (parent)',
			},
			idParam(
				'parentId',
				'Parent ID',
				'database, data source or page the new page goes in',
				'body',
			),
			...propertyFields(true),
			content,
			blocksJson,
			simplify,
		],
	},
	byId(
		{ id: 'get', name: 'Get', action: 'Get a page', method: 'GET', path: '/v1/pages/{page_id}' },
		'retrieve-a-page',
		[idParam('page_id', 'Page ID', 'page'), simplify],
	),
	{
		id: 'update',
		name: 'Update',
		action: 'Update page properties',
		description: "Sets the given properties, icon or cover; the page's content is unchanged",
		method: 'PATCH',
		path: '/v1/pages/{page_id}',
		hook: 'updatePage',
		docsUrl: `${REF}/patch-page`,
		params: [idParam('page_id', 'Page ID', 'page'), ...propertyFields(false), simplify],
	},
	...(
		[
			['archive', 'Archive', "Moves the page to Notion's trash (in_trash: true)", true],
			['restore', 'Restore', "Takes the page out of Notion's trash (in_trash: false)", false],
		] as const
	).map(([id, name, description, inTrash]) =>
		byId(
			{
				id,
				name,
				action: `${name} a page`,
				description,
				method: 'PATCH',
				path: '/v1/pages/{page_id}',
				fixedBody: { in_trash: inTrash },
			},
			'archive-a-page',
			[idParam('page_id', 'Page ID', 'page'), simplify],
		),
	),
];

const FILTER_CONDITIONS = [
	'equals',
	'does_not_equal',
	'contains',
	'does_not_contain',
	'starts_with',
	'ends_with',
	'greater_than',
	'less_than',
	'greater_than_or_equal_to',
	'less_than_or_equal_to',
	'before',
	'after',
	'on_or_before',
	'on_or_after',
	'is_empty',
	'is_not_empty',
];
const databaseOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a database',
		description:
			"A database under a page, with its first data source and that data source's properties",
		method: 'POST',
		path: '/v1/databases',
		hook: 'notionRequest',
		fixedBody: { parent: { type: 'page_id' } },
		docsUrl: `${REF}/database-create`,
		params: [
			idParam(
				'parentPageId',
				'Parent Page ID',
				'page the database goes in',
				'body',
				'parent.page_id',
			),
			bodyParam('title', 'Title', 'string', {
				default: '',
				required: true,
				description: "The database's title (title)",
			}),
			bodyParam('initial_data_source.properties', 'Properties (JSON)', 'json', {
				name: 'properties',
				default: '{"Name": {"title": {}}}',
				required: true,
				description:
					'The data source\'s properties as Notion\'s JSON schema (initial_data_source.properties); exactly one must be a title, e.g. {"Name": {"title": {}}, "Done": {"checkbox": {}}}',
			}),
			bodyParam('description', 'Description', 'string', {
				default: '',
				description: "The database's description (description)",
			}),
			bodyParam('is_inline', 'Inline', 'boolean', {
				default: false,
				description:
					'Whether the database is shown inside the page rather than as a full page (is_inline)',
			}),
		],
	},
	byId(
		{
			id: 'get',
			name: 'Get',
			action: 'Get a database',
			description: 'The database with its title and its data sources (IDs and names)',
			method: 'GET',
			path: '/v1/databases/{database_id}',
		},
		'database-retrieve',
		[idParam('database_id', 'Database ID', 'database')],
	),
	{
		id: 'query',
		name: 'Query',
		action: 'Query a database',
		description:
			"The pages of a database's data source, filtered and sorted (POST /v1/data_sources/{data_source_id}/query); a database ID is resolved to its data source",
		method: 'POST',
		path: '/v1/data_sources/{data_source_id}/query',
		hook: 'queryDatabase',
		...cursor('body'),
		docsUrl: `${REF}/query-a-data-source`,
		params: [
			{
				displayName: 'ID Type',
				name: 'idType',
				in: 'body',
				type: 'options',
				required: true,
				default: 'database',
				options: [
					{
						name: 'Database',
						value: 'database',
						description: 'A database with one data source (the ID in its link)',
					},
					{
						name: 'Data Source',
						value: 'dataSource',
						description: 'One data source of a database',
					},
				],
				description: 'What the ID names',
			},
			idParam('data_source_id', 'Database or Data Source ID', 'database or data source'),
			bodyParam('filter', 'Filter (JSON)', 'json', {
				default: '{}',
				description:
					'Notion\'s filter object (filter), e.g. {"property": "Done", "checkbox": {"equals": false}}; combined with the simple filter by "and"',
			}),
			bodyParam('sorts', 'Sorts (JSON)', 'json', {
				default: '[]',
				description:
					'Notion\'s sorts array (sorts), e.g. [{"property": "Due", "direction": "ascending"}]; the simple sort comes after',
			}),
			bodyParam('filterProperty', 'Filter Property', 'string', {
				default: '',
				description:
					'A simple filter: the property to compare (its type is read from the data source)',
			}),
			bodyParam('filterCondition', 'Filter Condition', 'options', {
				default: 'equals',
				options: enumOptions(FILTER_CONDITIONS),
				description: "A simple filter: how to compare, as Notion names it for the property's type",
			}),
			bodyParam('filterValue', 'Filter Value', 'string', {
				default: '',
				description:
					"A simple filter: the value, converted to the property's type (number, true/false, date); not used by Is Empty",
			}),
			bodyParam('sortProperty', 'Sort Property', 'string', {
				default: '',
				description: "A simple sort: the property (or 'created_time' / 'last_edited_time')",
			}),
			bodyParam('sortDirection', 'Sort Direction', 'options', {
				default: 'ascending',
				options: [
					{ name: 'Ascending', value: 'ascending' },
					{ name: 'Descending', value: 'descending' },
				],
				description: 'A simple sort: the direction',
			}),
			queryParam('filter_properties', 'Only Properties', 'stringList', {
				default: '',
				description:
					'Return only these properties, by ID, comma-separated (filter_properties); all when empty',
			}),
			bodyParam('in_trash', 'In Trash', 'boolean', {
				default: false,
				description: 'Whether to list the pages in the trash instead (in_trash)',
			}),
			simplify,
		],
	},
];

const dataSourceOps: OperationSpec[] = [
	byId(
		{
			id: 'get',
			name: 'Get',
			action: 'Get a data source',
			description: "A database's data source with its properties (the schema)",
			method: 'GET',
			path: '/v1/data_sources/{data_source_id}',
		},
		'retrieve-a-data-source',
		[idParam('data_source_id', 'Data Source ID', 'data source')],
	),
];

const blockOps: OperationSpec[] = [
	{
		id: 'append',
		name: 'Append Children',
		action: 'Append blocks',
		description:
			'Adds blocks to a page or block from simple text (paragraphs, headings, to-dos, bullets) and JSON, 100 per request',
		method: 'PATCH',
		path: '/v1/blocks/{block_id}/children',
		hook: 'appendBlocks',
		docsUrl: `${REF}/patch-block-children`,
		params: [
			idParam('block_id', 'Page or Block ID', 'page or block to add to'),
			{
				...content,
				required: true,
				description: content.description!.replace("page's body", 'blocks'),
			},
			blocksJson,
			bodyParam('after', 'After Block ID', 'string', {
				default: '',
				description: 'Insert after this child block instead of at the end (after)',
			}),
			simplify,
		],
	},
	{
		id: 'downloadFile',
		name: 'Download File',
		action: 'Download a file block',
		description:
			"The file of a file, image, video, audio or PDF block, as binary data (from Notion's signed link, without the token)",
		method: 'GET',
		path: '/v1/blocks/{block_id}',
		hook: 'downloadFile',
		docsUrl: `${REF}/file-object`,
		params: [
			idParam('block_id', 'Block ID', 'file, image, video, audio or PDF block'),
			binaryField(
				'Put Output File in Field',
				'The binary field of the output item that gets the file',
			),
			simplify,
		],
	},
	{
		id: 'uploadFile',
		name: 'Upload File',
		action: 'Upload a file to a page',
		description:
			'Uploads binary data to Notion (POST /v1/file_uploads, then …/send) and appends it to a page or block as an image, video, audio, PDF or file block, by its media type; up to 20 MB',
		method: 'POST',
		path: '/v1/file_uploads',
		hook: 'uploadFile',
		docsUrl: `${REF}/create-a-file-upload`,
		params: [
			// Read by the hook: the block the file is appended to after the upload.
			idParam('block_id', 'Page or Block ID', 'page or block to add the file to', 'body'),
			binaryField('Input Binary Field', 'The binary field of the input item that holds the file'),
			bodyParam('filename', 'File Name', 'string', {
				default: '',
				description: "The file's name in Notion (filename); the binary data's own name when empty",
			}),
			bodyParam('caption', 'Caption', 'string', {
				default: '',
				description: 'Text under the file (caption)',
			}),
			bodyParam('after', 'After Block ID', 'string', {
				default: '',
				description: 'Insert after this child block instead of at the end (after)',
			}),
			simplify,
		],
	},
	byId(
		{
			id: 'delete',
			name: 'Delete',
			action: 'Delete a block',
			description: "Moves the block (or a page, as a block) to Notion's trash",
			method: 'DELETE',
			path: '/v1/blocks/{block_id}',
		},
		'delete-a-block',
		[idParam('block_id', 'Block ID', 'block')],
	),
	byId(
		{ id: 'get', name: 'Get', action: 'Get a block', method: 'GET', path: '/v1/blocks/{block_id}' },
		'retrieve-a-block',
		[idParam('block_id', 'Block ID', 'block'), simplify],
	),
	{
		id: 'getChildren',
		name: 'Get Children',
		action: 'Get child blocks',
		description:
			"The blocks of a page or block; optionally their children too, nested under 'children'",
		method: 'GET',
		path: '/v1/blocks/{block_id}/children',
		hook: 'listChildren',
		...cursor('query'),
		docsUrl: `${REF}/get-block-children`,
		params: [
			idParam('block_id', 'Page or Block ID', 'page or block'),
			{
				displayName: 'Recursive',
				name: 'recursive',
				in: 'query',
				type: 'boolean',
				default: false,
				description:
					"Whether to fetch the children of blocks that have some (not of sub-pages), up to 10 levels deep, under each block's 'children'",
			},
			simplify,
		],
	},
];

const searchOps: OperationSpec[] = [
	{
		id: 'search',
		name: 'Search',
		action: 'Search pages and data sources',
		description: 'Pages and data sources shared with the integration whose title matches',
		method: 'POST',
		path: '/v1/search',
		hook: 'notionRequest',
		...cursor('body'),
		docsUrl: `${REF}/post-search`,
		params: [
			bodyParam('query', 'Query', 'string', {
				default: '',
				description: 'Text the title must contain (query); everything shared when empty',
			}),
			bodyParam('filter.value', 'Object Type', 'options', {
				name: 'objectType',
				default: 'page',
				options: [
					{ name: 'Page', value: 'page' },
					{ name: 'Data Source', value: 'data_source' },
				],
				description: 'Only pages, or only data sources (filter.value)',
			}),
			bodyParam('sort.direction', 'Sort by Last Edited', 'options', {
				name: 'sortDirection',
				default: 'descending',
				options: [
					{ name: 'Ascending', value: 'ascending' },
					{ name: 'Descending', value: 'descending' },
				],
				description: 'Order by last_edited_time (sort.direction)',
			}),
			simplify,
		],
	},
];

const userOps: OperationSpec[] = [
	byId(
		{ id: 'get', name: 'Get', action: 'Get a user', method: 'GET', path: '/v1/users/{user_id}' },
		'get-user',
		[idParam('user_id', 'User ID', 'user')],
	),
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many users',
		description: 'The people and bots of the workspace (guests are not listed)',
		method: 'GET',
		path: '/v1/users',
		...cursor('query'),
		docsUrl: `${REF}/get-users`,
	},
	{
		id: 'getMe',
		name: 'Get Me',
		action: 'Get the bot user of the token',
		description: 'The bot user of the token, with its workspace name',
		method: 'GET',
		path: '/v1/users/me',
		docsUrl: `${REF}/get-self`,
	},
];

const commentOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a comment',
		description: 'A comment on a page, or a reply in a discussion thread',
		method: 'POST',
		path: '/v1/comments',
		hook: 'notionRequest',
		docsUrl: `${REF}/create-a-comment`,
		params: [
			{
				displayName: 'Comment On',
				name: 'commentOn',
				in: 'body',
				type: 'options',
				required: true,
				default: 'page',
				options: [
					{ name: 'Page', value: 'page', description: 'A new comment on a page (parent.page_id)' },
					{
						name: 'Discussion',
						value: 'discussion',
						description: 'A reply in an existing thread (discussion_id)',
					},
				],
				description: 'Where the comment goes',
			},
			idParam(
				'targetId',
				'Page or Discussion ID',
				'page, or the discussion_id of a comment',
				'body',
			),
			bodyParam('rich_text', 'Text', 'string', {
				name: 'text',
				default: '',
				required: true,
				description: 'The comment (rich_text), split into 2,000-character pieces',
			}),
		],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many comments',
		description: 'The open comments of a page or block',
		method: 'GET',
		path: '/v1/comments',
		hook: 'notionRequest',
		...cursor('query'),
		docsUrl: `${REF}/list-comments`,
		params: [idParam('block_id', 'Page or Block ID', 'page or block', 'query')],
	},
];

/**
 * Notion's error body: `{"object": "error", "status": 404, "code": "object_not_found", "message": "…"}`
 * (https://developers.notion.com/reference/status-codes), in the seed's terms.
 */
const NOTION_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'code',
	// "body.properties.Name.title[0].text.content.length should be ≤ `2000`": the part after body.
	fieldPattern: 'body\\.([A-Za-z0-9_.\\[\\]]+)',
	rules: [
		{
			codes: ['unauthorized'],
			category: 'auth',
			reason:
				'Notion says the token is not valid ({message}): the integration was removed or the token revoked',
		},
		{
			codes: ['restricted_resource'],
			category: 'permission',
			reason: 'the integration may not do this ({message})',
			fix: "Tick the capability it needs (Read, Update or Insert content; Read or Insert comments; Read user information) in the integration's settings at notion.so/profile/integrations.",
		},
		{
			codes: ['object_not_found'],
			category: 'notFound',
			reason: 'Notion finds nothing it shares with this integration at that ID ({message})',
			fix: 'Check the ID, and share the page or database with the integration: open it in Notion → ••• → Connections → add the integration (a page shared also shares its sub-pages).',
		},
		{ codes: ['rate_limited', 'service_overload'], category: 'rateLimit' },
		{
			codes: ['validation_error', 'invalid_json', 'invalid_request_url', 'invalid_request'],
			category: 'invalid',
			reason: 'Notion refused the request: {message}',
		},
		{
			codes: ['missing_version'],
			category: 'invalid',
			reason: 'Notion wants a Notion-Version header ({message})',
		},
		{
			codes: ['conflict_error'],
			category: 'transient',
			reason: 'the data changed while Notion saved it ({message})',
		},
		{
			codes: [
				'internal_server_error',
				'service_unavailable',
				'gateway_timeout',
				'database_connection_unavailable',
			],
			category: 'transient',
		},
	],
};

/** `X-Notion-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, keyed with the subscription's verification token. */
export const notionSignature: SignatureScheme = {
	header: 'X-Notion-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'sha256=',
};

/** The events of Notion's webhooks (`type` of each delivery), as @notionhq/client's payload types name them. */
const EVENTS: Array<[string, string, string?]> = [
	['page.created', 'Page Created'],
	['page.properties_updated', 'Page Properties Updated'],
	['page.content_updated', 'Page Content Updated'],
	['page.moved', 'Page Moved'],
	['page.deleted', 'Page Deleted', 'Moved to the trash'],
	['page.undeleted', 'Page Undeleted', 'Restored from the trash'],
	['page.locked', 'Page Locked'],
	['page.unlocked', 'Page Unlocked'],
	['database.created', 'Database Created'],
	['database.moved', 'Database Moved'],
	['database.deleted', 'Database Deleted'],
	['database.undeleted', 'Database Undeleted'],
	['database.schema_updated', 'Database Schema Updated', 'API versions before 2025-09-03'],
	['database.content_updated', 'Database Content Updated', 'API versions before 2025-09-03'],
	['data_source.created', 'Data Source Created'],
	['data_source.content_updated', 'Data Source Content Updated'],
	['data_source.schema_updated', 'Data Source Schema Updated'],
	['data_source.moved', 'Data Source Moved'],
	['data_source.deleted', 'Data Source Deleted'],
	['data_source.undeleted', 'Data Source Undeleted'],
	['comment.created', 'Comment Created'],
	['comment.updated', 'Comment Updated'],
	['comment.deleted', 'Comment Deleted'],
];

export const notionSpec: ServiceSpec = {
	id: 'notion',
	displayName: 'Notion',
	description:
		'Create and update Notion pages, query databases, add content, search, and work with users and comments',
	docsUrl: REF,
	baseUrl: 'https://api.notion.com',
	auth: [
		{
			kind: 'bearer',
			credentialType: NOTION_TOKEN_CREDENTIAL,
			displayName: 'Internal Integration Secret',
		},
		{
			kind: 'oauth2',
			credentialType: NOTION_APP_CREDENTIAL,
			displayName: 'OAuth2 (Public Integration)',
			oauth2: NOTION_OAUTH,
		},
	],
	credentialTest: { path: '/v1/users/me' },
	// A bot user: its workspace's name (bot.workspace_name), as the token answer names it too.
	account: { path: '/v1/users/me', labelPath: 'bot.workspace_name' },
	headers: { 'Notion-Version': NOTION_VERSION },
	connection: {
		// POST /v1/oauth/revoke {"token": …} with the client ID and secret as HTTP Basic (@notionhq/client oauth.revoke).
		revoke: {
			method: 'POST',
			path: '/v1/oauth/revoke',
			tokenIn: 'json',
			authenticated: false,
			clientAuth: 'basic',
			credentialTypes: [NOTION_APP_CREDENTIAL],
		},
	},
	// "An average of three requests per second" per integration, bursts allowed; a 429 `rate_limited` carries
	// Retry-After (seconds). Notion reports no budget headers. 529 `service_overload` asks to wait likewise.
	rateLimit: {
		requests: 3,
		windowMs: 1_000,
		burst: 3,
		headers: [],
		throttled: [
			{ status: [529], body: { path: 'code', in: ['service_overload'] }, pauseMs: 1_000 },
		],
	},
	pagination: cursor('query').paginate,
	requestIdHeader: 'x-request-id',
	errorCodes: NOTION_ERROR_CODES,
	resources: [
		{ id: 'block', name: 'Block', operations: blockOps },
		{ id: 'comment', name: 'Comment', operations: commentOps },
		{ id: 'dataSource', name: 'Data Source', operations: dataSourceOps },
		{ id: 'database', name: 'Database', operations: databaseOps },
		{ id: 'page', name: 'Page', operations: pageOps },
		{ id: 'search', name: 'Search', operations: searchOps },
		{ id: 'user', name: 'User', operations: userOps },
	],
	webhook: {
		// Created by hand: notion.so/profile/integrations → the integration → Webhooks → Create a subscription
		// (docs/services/notion.md). Notion then POSTs {"verification_token": …} once, unsigned; the trigger shows it.
		register: 'manual',
		signature: notionSignature,
		secretLabel: 'Verification Token',
		handshakes: [
			{
				methods: ['POST'],
				challenge: { in: 'body', name: 'verification_token' },
				answer: { type: 'show', event: 'verification' },
			},
		],
		eventPath: 'type',
		// Stable across Notion's retries of one event (attempt_number changes, so the signature does too).
		deliveryIdPath: 'id',
		allEvents: '*',
		defaultEvents: ['page.*'],
		events: [
			{ name: 'Any Event', value: '*', description: 'Every event the subscription sends' },
			{ name: 'Any Page Event', value: 'page.*' },
			{ name: 'Any Database Event', value: 'database.*' },
			{ name: 'Any Data Source Event', value: 'data_source.*' },
			{ name: 'Any Comment Event', value: 'comment.*' },
			...EVENTS.map(([value, name, description]) => ({
				name,
				value,
				...(description ? { description } : {}),
			})).sort((a, b) => a.name.localeCompare(b.name)),
		],
		eventsNote:
			'Tick the same events in the subscription in Notion (comment events need the Read comments capability): deliveries of other events are answered and start nothing.',
	},
};

export const notionDefinition: ServiceDefinition = { spec: notionSpec, hooks: notionHooks };
