/**
 * Airtable's Web API as data: records (list with filterByFormula, view, sort and fields, paged by `offset`; get;
 * create, update, replace, upsert and delete, up to 10 records per request through the engine's list batching),
 * bases and their schema (tables and fields), Airtable's `{"error": {"type", "message"}}` answers, the 5 requests
 * per second per base budget (429: wait 30 s, as Airtable documents), and a trigger on webhooks created through
 * the API whose thin notifications (`X-Airtable-Content-MAC`) are followed by reading the payloads (Airtable.hooks.ts).
 * Record routes are checked against the `airtable` npm client (test/conformance/airtable-sdk.test.ts).
 * Facts: /work/shared/reference/services.md § Airtable, https://airtable.com/developers/web/api/introduction.
 */
import { binaryFieldParam, bodyParam, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { airtableHooks } from './Airtable.hooks';
import { AIRTABLE_EVENTS } from './Airtable.events';
import { AIRTABLE_OAUTH } from './Airtable.oauth';

export const AIRTABLE_TOKEN_CREDENTIAL = 'apiConnAirtableApi';
export const AIRTABLE_APP_CREDENTIAL = 'apiConnAirtableOAuth2Api';
const REF = 'https://airtable.com/developers/web/api';

// Scopes as each endpoint's reference page lists them.
const RECORDS_READ = ['data.records:read'];
const RECORDS_WRITE = ['data.records:write'];
const SCHEMA_READ = ['schema.bases:read'];
const SCHEMA_WRITE = ['schema.bases:write'];
/** Every webhook endpoint needs webhook:manage; tableData needs data.records:read, fields and metadata schema.bases:read. */
export const WEBHOOK_SCOPES = ['webhook:manage', 'data.records:read', 'schema.bases:read'];

/** Each base has its own budget of 5 requests per second. */
const perBase = { rateLimit: { keyParam: 'baseId' } };

const body = bodyParam;
const query = queryParam;

export const baseId: ParamSpec = {
	displayName: 'Base ID',
	name: 'baseId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'appXXXXXXXXXXXXXX',
	description:
		'The base (baseId): "app" and 14 letters or digits, from the base\'s URL or Base → Get Many',
	validate: {
		pattern: '^app[A-Za-z0-9]{14}$',
		patternHint:
			'An Airtable base ID is "app" followed by 14 letters or digits (appXXXXXXXXXXXXXX).',
	},
};
const table: ParamSpec = {
	displayName: 'Table ID or Name',
	name: 'tableIdOrName',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'tblXXXXXXXXXXXXXX',
	description:
		'The table (tableIdOrName): its ID (tbl…, stays the same when the table is renamed) or its name',
};
const tableId: ParamSpec = {
	...table,
	displayName: 'Table ID',
	name: 'tableId',
	description:
		'The table ID (tableId): "tbl" and 14 letters or digits (Base → Get Schema lists them)',
	validate: {
		pattern: '^tbl[A-Za-z0-9]{14}$',
		patternHint: 'An Airtable table ID is "tbl" followed by 14 letters or digits.',
	},
};
const recordIdPattern = {
	pattern: '^rec[A-Za-z0-9]{14}$',
	patternHint:
		'An Airtable record ID is "rec" followed by 14 letters or digits (recXXXXXXXXXXXXXX).',
};
const recordIdIn = (where: 'path' | 'body' | 'query', wire?: string): ParamSpec => ({
	displayName: 'Record ID',
	name: 'recordId',
	in: where,
	type: 'string',
	default: '',
	required: true,
	placeholder: 'recXXXXXXXXXXXXXX',
	description: 'The record ID: "rec" and 14 letters or digits',
	validate: recordIdPattern,
	...(where === 'body' && wire ? { bodyPath: wire } : {}),
	...(where === 'query' && wire ? { wireName: wire } : {}),
});
const cellFields = (required: boolean, replace = false): ParamSpec => ({
	displayName: 'Fields',
	name: 'fields',
	in: 'body',
	bodyPath: 'records[0].fields',
	type: 'json',
	default: '{}',
	required,
	placeholder: '{"Name": "Ada", "Status": "Done"}',
	description: replace
		? 'Every cell of the record as a JSON object of field names (or IDs) to values (fields); cells left out are cleared'
		: 'The cells to set, as a JSON object of field names (or IDs) to values (fields); other cells keep their values',
});
const typecast = body('typecast', 'Typecast', 'boolean', {
	default: false,
	description:
		'Whether Airtable may convert text values to the field types (typecast), e.g. create a new single-select option instead of refusing it',
});
const returnFieldsByFieldId = (where: 'body' | 'query') =>
	(where === 'body' ? body : query)(
		'returnFieldsByFieldId',
		'Return Fields by Field ID',
		'boolean',
		{
			default: false,
			description:
				'Whether the answer keys cells by field ID instead of field name (returnFieldsByFieldId)',
		},
	);

/** Lists page by `offset`: the answer's `offset` is sent back until an answer has none. */
const paging = {
	type: 'cursor' as const,
	cursorParam: 'offset',
	nextCursorPath: 'offset',
	itemsPath: 'records',
	limitParam: 'pageSize',
	pageSize: 100,
};

/** Create, update, replace, upsert and delete send up to 10 records per request; each answer is its item's. */
const recordsBatch = { size: 10, in: 'body' as const, list: 'records', answerList: 'records' };

/**
 * A write of records on the table's own endpoint (`{"records": [...]}`, answered `{"records": [...]}`): up to 10 per
 * request with Batch Items, each item its record; Typecast and Return Fields by Field ID apply to the request.
 */
const recordWrite = (
	op: Pick<OperationSpec, 'id' | 'name' | 'action' | 'description' | 'method' | 'docsUrl'>,
	params: ParamSpec[],
): OperationSpec => ({
	...op,
	path: '/v0/{baseId}/{tableIdOrName}',
	scopes: RECORDS_WRITE,
	...perBase,
	listBatch: recordsBatch,
	response: { path: 'records' },
	params: [baseId, table, ...params, typecast, returnFieldsByFieldId('body')],
});

const recordOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many records',
		description:
			'List the records of a table, filtered by a formula or a view, sorted, paged by offset',
		method: 'GET',
		path: '/v0/{baseId}/{tableIdOrName}',
		scopes: RECORDS_READ,
		...perBase,
		paginate: true,
		docsUrl: `${REF}/list-records`,
		params: [
			baseId,
			table,
			query('filterByFormula', 'Filter by Formula', 'string', {
				default: '',
				placeholder: "AND({Status} = 'Done', {Score} > 5)",
				description:
					"Only records for which this Airtable formula is true (filterByFormula), e.g. {Status} = 'Done'",
			}),
			query('view', 'View', 'string', {
				default: '',
				placeholder: 'Grid view',
				description: "Only the records of this view, in the view's order (view: name or ID)",
			}),
			query('fields[]', 'Fields', 'stringList', {
				name: 'fields',
				default: '',
				placeholder: 'Name,Status',
				description:
					'Only these fields, comma-separated names or IDs (fields[]); all fields when empty',
			}),
			query('sort', 'Sort', 'json', {
				default: '[]',
				placeholder: '[{"field": "Name", "direction": "asc"}]',
				description:
					'Sort order as a JSON list of {"field", "direction": "asc" | "desc"} (sort[0][field], sort[0][direction]); overrides the view\'s order',
			}),
			query('cellFormat', 'Cell Format', 'options', {
				default: 'json',
				options: [
					{ name: 'JSON', value: 'json', description: 'Values as Airtable stores them' },
					{
						name: 'String',
						value: 'string',
						description: 'Values as the user sees them (needs Time Zone and User Locale)',
					},
				],
				description: 'How cell values are returned (cellFormat)',
			}),
			query('timeZone', 'Time Zone', 'string', {
				default: '',
				placeholder: 'Europe/Berlin',
				description: 'Time zone of dates when Cell Format is String (timeZone)',
			}),
			query('userLocale', 'User Locale', 'string', {
				default: '',
				placeholder: 'en-gb',
				description: 'Locale of dates when Cell Format is String (userLocale)',
			}),
			returnFieldsByFieldId('query'),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a record',
		method: 'GET',
		path: '/v0/{baseId}/{tableIdOrName}/{recordId}',
		scopes: RECORDS_READ,
		...perBase,
		docsUrl: `${REF}/get-record`,
		params: [baseId, table, recordIdIn('path'), returnFieldsByFieldId('query')],
	},
	recordWrite(
		{
			id: 'create',
			name: 'Create',
			action: 'Create a record',
			description: 'Create a record; with Batch Items on, up to 10 items per request',
			method: 'POST',
			docsUrl: `${REF}/create-records`,
		},
		[cellFields(true)],
	),
	recordWrite(
		{
			id: 'update',
			name: 'Update',
			action: 'Update a record',
			description:
				'Set some cells of a record (PATCH: the other cells keep their values); with Batch Items on, up to 10 items per request',
			method: 'PATCH',
			docsUrl: `${REF}/update-multiple-records`,
		},
		[recordIdIn('body', 'records[0].id'), cellFields(true)],
	),
	recordWrite(
		{
			id: 'replace',
			name: 'Replace',
			action: 'Replace a record',
			description:
				'Set every cell of a record (PUT: cells left out are cleared); with Batch Items on, up to 10 items per request',
			method: 'PUT',
			docsUrl: `${REF}/update-multiple-records`,
		},
		[recordIdIn('body', 'records[0].id'), cellFields(true, true)],
	),
	recordWrite(
		{
			id: 'upsert',
			name: 'Create or Update',
			action: 'Create or update a record',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			method: 'PATCH',
			docsUrl: `${REF}/update-multiple-records`,
		},
		[
			body('performUpsert.fieldsToMergeOn', 'Fields to Merge On', 'stringList', {
				name: 'fieldsToMergeOn',
				default: '',
				required: true,
				placeholder: 'Email',
				description:
					'The fields that identify a record, comma-separated names or IDs (performUpsert.fieldsToMergeOn): 1 to 3 fields, each present in Fields',
			}),
			cellFields(true),
		],
	),
	{
		id: 'downloadAttachments',
		name: 'Download Attachments',
		action: 'Download the attachments of a record',
		description:
			"Get a record and the files of one attachment field as binary data; Airtable's file URLs are signed, expire after a few hours and are fetched without the token",
		method: 'GET',
		path: '/v0/{baseId}/{tableIdOrName}/{recordId}',
		hook: 'downloadAttachments',
		scopes: RECORDS_READ,
		...perBase,
		docsUrl: `${REF}/get-record`,
		params: [
			baseId,
			table,
			recordIdIn('path'),
			{
				displayName: 'Attachment Field',
				name: 'attachmentField',
				in: 'query',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'Photos',
				description: 'The attachment field whose files to download, by name as the record shows it',
			},
			{
				displayName: 'Output Binary Field Prefix',
				name: 'binaryPrefix',
				in: 'query',
				type: 'string',
				default: 'attachment_',
				description: 'The files go to binary fields named this prefix and 0, 1, 2…',
			},
		],
	},
	{
		id: 'uploadAttachment',
		name: 'Upload Attachment',
		action: 'Upload an attachment to a record',
		description:
			"Add the item's binary file (up to 5 MB) to an attachment field of a record, at content.airtable.com",
		method: 'POST',
		path: '/v0/{baseId}/{recordId}/{attachmentFieldIdOrName}/uploadAttachment',
		hook: 'uploadAttachment',
		scopes: RECORDS_WRITE,
		...perBase,
		docsUrl: `${REF}/upload-attachment`,
		params: [
			baseId,
			recordIdIn('path'),
			{
				displayName: 'Attachment Field ID or Name',
				name: 'attachmentFieldIdOrName',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'Photos',
				description: 'The attachment field (attachmentFieldIdOrName): its ID (fld…) or its name',
			},
			binaryFieldParam('The binary field of the input item that holds the file'),
		],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a record',
		description: 'Delete a record; with Batch Items on, up to 10 items per request (records[])',
		method: 'DELETE',
		path: '/v0/{baseId}/{tableIdOrName}',
		scopes: RECORDS_WRITE,
		...perBase,
		listBatch: { size: 10, in: 'query', list: 'records[]', answerList: 'records' },
		response: { path: 'records' },
		docsUrl: `${REF}/delete-multiple-records`,
		params: [baseId, table, recordIdIn('query', 'records[]')],
	},
];

const nameParam = (what: string, required: boolean) =>
	body('name', 'Name', 'string', {
		default: '',
		required,
		description: `The ${what}'s name (name)`,
	});
const descriptionParam = (what: string) =>
	body('description', 'Description', 'string', {
		default: '',
		description: `The ${what}'s description (description), up to 20,000 characters`,
	});

const baseOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many bases',
		description: 'The bases the connection may see, with its permission level in each',
		method: 'GET',
		path: '/v0/meta/bases',
		scopes: SCHEMA_READ,
		// No page size: up to 1,000 bases per page.
		paginate: {
			type: 'cursor',
			cursorParam: 'offset',
			nextCursorPath: 'offset',
			itemsPath: 'bases',
		},
		docsUrl: `${REF}/list-bases`,
	},
	{
		id: 'getSchema',
		name: 'Get Schema',
		action: 'Get the schema of a base',
		description: 'The tables of a base with their fields and views, one item per table',
		method: 'GET',
		path: '/v0/meta/bases/{baseId}/tables',
		scopes: SCHEMA_READ,
		...perBase,
		response: { path: 'tables' },
		docsUrl: `${REF}/get-base-schema`,
		params: [
			baseId,
			query('include[]', 'Include Visible Field IDs', 'multiOptions', {
				name: 'include',
				default: [],
				options: [
					{
						name: 'Visible Field IDs',
						value: 'visibleFieldIds',
						description: "Each grid view's visible fields",
					},
				],
				description: 'Extra data in the answer (include[])',
			}),
		],
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a base',
		description: 'Create a base in a workspace, with at least one table',
		method: 'POST',
		path: '/v0/meta/bases',
		scopes: SCHEMA_WRITE,
		docsUrl: `${REF}/create-base`,
		params: [
			body('workspaceId', 'Workspace ID', 'string', {
				default: '',
				required: true,
				placeholder: 'wspXXXXXXXXXXXXXX',
				description: 'The workspace the base goes into (workspaceId), from its URL',
			}),
			nameParam('base', true),
			body('tables', 'Tables', 'json', {
				default: '[{"name": "Table 1", "fields": [{"name": "Name", "type": "singleLineText"}]}]',
				required: true,
				description:
					'The tables as a JSON list (tables): each {"name", "description"?, "fields": [{"name", "type", "options"?}]}; the first field is the primary field',
			}),
		],
	},
];

const tableOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a table',
		method: 'POST',
		path: '/v0/meta/bases/{baseId}/tables',
		scopes: SCHEMA_WRITE,
		...perBase,
		docsUrl: `${REF}/create-table`,
		params: [
			baseId,
			nameParam('table', true),
			body('fields', 'Fields', 'json', {
				default: '[{"name": "Name", "type": "singleLineText"}]',
				required: true,
				description:
					'The fields as a JSON list (fields): each {"name", "type", "description"?, "options"?}; the first is the primary field',
			}),
			descriptionParam('table'),
		],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a table',
		description: 'Rename a table or change its description',
		method: 'PATCH',
		path: '/v0/meta/bases/{baseId}/tables/{tableIdOrName}',
		scopes: SCHEMA_WRITE,
		...perBase,
		docsUrl: `${REF}/update-table`,
		params: [baseId, table, nameParam('table', false), descriptionParam('table')],
	},
];

const FIELD_TYPES = [
	'singleLineText',
	'email',
	'url',
	'multilineText',
	'number',
	'percent',
	'currency',
	'singleSelect',
	'multipleSelects',
	'singleCollaborator',
	'multipleCollaborators',
	'multipleRecordLinks',
	'date',
	'dateTime',
	'phoneNumber',
	'multipleAttachments',
	'checkbox',
	'barcode',
	'rating',
	'richText',
	'duration',
];
const fieldId: ParamSpec = {
	displayName: 'Field ID',
	name: 'columnId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'fldXXXXXXXXXXXXXX',
	description: 'The field (columnId): "fld" and 14 letters or digits',
	validate: {
		pattern: '^fld[A-Za-z0-9]{14}$',
		patternHint: 'An Airtable field ID is "fld" followed by 14 letters or digits.',
	},
};

const fieldOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a field',
		method: 'POST',
		path: '/v0/meta/bases/{baseId}/tables/{tableId}/fields',
		scopes: SCHEMA_WRITE,
		...perBase,
		docsUrl: `${REF}/create-field`,
		params: [
			baseId,
			tableId,
			nameParam('field', true),
			body('type', 'Type', 'options', {
				default: 'singleLineText',
				required: true,
				options: FIELD_TYPES.map((t) => ({
					name: t.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()),
					value: t,
				})),
				description: 'The field type (type)',
			}),
			descriptionParam('field'),
			body('options', 'Type Options', 'json', {
				default: '{}',
				placeholder: '{"choices": [{"name": "Todo"}, {"name": "Done"}]}',
				description:
					'The options the type needs, as JSON (options), e.g. choices of a select, precision of a number',
			}),
		],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a field',
		description: 'Rename a field or change its description',
		method: 'PATCH',
		path: '/v0/meta/bases/{baseId}/tables/{tableId}/fields/{columnId}',
		scopes: SCHEMA_WRITE,
		...perBase,
		docsUrl: `${REF}/update-field`,
		params: [baseId, tableId, fieldId, nameParam('field', false), descriptionParam('field')],
	},
];

const accountOps: OperationSpec[] = [
	{
		id: 'getMe',
		name: 'Get Me',
		action: 'Get the connected account',
		description: "The user the token belongs to, and the token's scopes",
		method: 'GET',
		path: '/v0/meta/whoami',
		docsUrl: `${REF}/get-user-id-scopes`,
	},
];

/**
 * Airtable's errors: `{"error": {"type": "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", "message": "…"}}`, and a plain
 * `{"error": "NOT_FOUND"}` for an unknown route or record. The type names the cause; the rules give the fix.
 */
export const AIRTABLE_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'error.type',
	userMessagePath: 'error.message',
	fieldPattern: 'field (?:name )?"([^"]+)"',
	rules: [
		{
			status: [401],
			category: 'auth',
			reason: 'Airtable does not accept the token (invalid, expired or revoked)',
		},
		{
			codes: ['AUTHENTICATION_REQUIRED'],
			category: 'auth',
			reason: 'the request carried no valid token',
		},
		{
			codes: ['INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND'],
			category: 'permission',
			reason:
				'the token may not do this here, or the base, table or record does not exist (Airtable does not say which)',
			fix: 'Check the Base ID, table and record; then check that the token has the scopes named here and access to this base (a personal access token lists its bases under Access; an OAuth connection asks again with Reconnect).',
		},
		{
			codes: ['INVALID_PERMISSIONS'],
			category: 'permission',
			reason:
				'the user behind the token may not do this in the base (e.g. a read-only collaborator)',
		},
		{
			codes: ['INVALID_MULTIPLE_CHOICE_OPTIONS'],
			category: 'invalid',
			reason: 'a select field got a value that is not one of its options',
			fix: 'Use one of the options of the field (Base → Get Schema lists them), or turn on Typecast so Airtable adds the option (the token then needs to be allowed to change the schema).',
		},
		{
			codes: ['UNKNOWN_FIELD_NAME'],
			category: 'invalid',
			reason: 'a field name in Fields does not exist in the table',
			fix: 'Write the field names exactly as in the table (case and spaces matter), or use field IDs (Base → Get Schema).',
		},
		{
			codes: ['INVALID_VALUE_FOR_COLUMN', 'INVALID_RECORDS', 'INVALID_REQUEST_UNKNOWN'],
			category: 'invalid',
			reason: 'Airtable refused a value of the request',
			fix: 'Give each field a value of its type (a number for Number, a list of record IDs for a link, an ISO date for Date), or turn on Typecast to let Airtable convert text.',
		},
		{
			codes: ['INVALID_FILTER_BY_FORMULA'],
			category: 'invalid',
			reason: 'the formula of Filter by Formula is not valid',
			fix: "Check the formula in Airtable's formula editor; field names with spaces go in braces, e.g. {First Name} = 'Ada'.",
		},
		{
			codes: ['VIEW_NAME_NOT_FOUND'],
			category: 'invalid',
			reason: 'the table has no view of that name or ID',
			fix: 'Check the View: its name exactly as in Airtable, or its ID (viw…).',
		},
		{
			codes: ['TABLE_NOT_FOUND', 'MODEL_ID_NOT_FOUND', 'ROW_DOES_NOT_EXIST', 'NOT_FOUND'],
			category: 'notFound',
		},
		{ status: [404], category: 'notFound' },
		{
			codes: ['REQUEST_TOO_LARGE', 'TOO_MANY_RECORDS'],
			category: 'permanent',
			reason: 'the request is larger than Airtable takes (10 records, 100 KB per request)',
			fix: 'Send fewer or smaller records per request: turn off Batch Items, or shorten long text.',
		},
		{
			codes: ['PUBLIC_API_BILLING_LIMIT_EXCEEDED'],
			category: 'permanent',
			reason: "the workspace has used its plan's API calls for this month",
			fix: "Upgrade the workspace's plan, or wait for next month; waiting seconds does not help.",
		},
		{ codes: ['SERVER_ERROR', 'SERVICE_UNAVAILABLE'], category: 'transient' },
	],
};

/** `X-Airtable-Content-MAC: hmac-sha256=<hex HMAC-SHA256 of the raw body>`, keyed with the base64-decoded macSecretBase64. */
export const airtableSignature: SignatureScheme = {
	header: 'X-Airtable-Content-MAC',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'hmac-sha256=',
	secretKey: 'base64',
};

export const airtableSpec: ServiceSpec = {
	id: 'airtable',
	displayName: 'Airtable',
	description:
		'Read and write Airtable records in batches of 10, and manage bases, tables and fields',
	docsUrl: REF,
	baseUrl: 'https://api.airtable.com',
	auth: [
		{
			kind: 'bearer',
			credentialType: AIRTABLE_TOKEN_CREDENTIAL,
			displayName: 'Personal Access Token',
		},
		{
			kind: 'oauth2',
			credentialType: AIRTABLE_APP_CREDENTIAL,
			displayName: 'OAuth2',
			oauth2: AIRTABLE_OAUTH,
		},
	],
	credentialTest: { path: '/v0/meta/whoami' },
	// whoami: `{id, scopes, email?}` — the e-mail only with the user.email:read scope, which no operation needs:
	// without it, the user's id.
	account: { path: '/v0/meta/whoami', labelPath: ['email', 'id'] },
	// 5 requests per second per base, for every plan (operations key their budget by base ID), and 50 per second
	// for all traffic of one personal access token, whichever base it reaches (OAuth2 tokens: the per-base limit
	// only). A 429 means "wait 30 seconds before the next request succeeds"; no Retry-After or budget headers.
	rateLimit: {
		requests: 5,
		windowMs: 1_000,
		headers: [],
		shared: [
			{
				name: 'personalAccessToken',
				credentialField: 'accessToken',
				requests: 50,
				windowMs: 1_000,
			},
		],
		throttled: [{ status: [429], pauseMs: 30_000 }],
	},
	pagination: paging,
	errorCodes: AIRTABLE_ERROR_CODES,
	resources: [
		{ id: 'record', name: 'Record', operations: recordOps },
		{ id: 'base', name: 'Base', operations: baseOps },
		{ id: 'table', name: 'Table', operations: tableOps },
		{ id: 'field', name: 'Field', operations: fieldOps },
		{ id: 'account', name: 'Account', operations: accountOps },
	],
	webhook: {
		signature: airtableSignature,
		register: 'api',
		hooks: {
			checkExists: 'webhookExists',
			create: 'webhookCreate',
			delete: 'webhookDelete',
			deliver: 'webhookDeliver',
		},
		scopes: WEBHOOK_SCOPES,
		// A webhook lapses 7 days after its creation or last refresh: the Connections Monitor refreshes it with the
		// credential that created it, 2 days ahead (or sooner when its next run would come too late).
		renewal: {
			method: 'POST',
			path: '/v0/bases/{baseId}/webhooks/{hookId}/refresh',
			lifetimeMs: 7 * 86_400_000,
			renewBeforeMs: 2 * 86_400_000,
			expiresAtPath: 'expirationTime',
			limitKeyField: 'baseId',
		},
		params: [
			{
				displayName: 'Base ID',
				name: 'baseId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'appXXXXXXXXXXXXXX',
				description: 'The base to watch (baseId)',
				validate: baseId.validate,
			},
			{
				displayName: 'Table ID',
				name: 'tableId',
				type: 'string',
				default: '',
				placeholder: 'tblXXXXXXXXXXXXXX',
				description:
					'Only changes in this table or view (recordChangeScope: a tbl… or viw… ID); every table when empty',
				validate: {
					pattern: '^(tbl|viw)[A-Za-z0-9]{14}$',
					patternHint: 'A table ID (tbl…) or a view ID (viw…), 17 characters.',
				},
			},
			{
				displayName: 'Include Previous Values',
				name: 'includePreviousValues',
				type: 'boolean',
				default: false,
				description:
					'Whether updates carry the cells as they were before the change (includePreviousCellValues)',
			},
		],
		events: AIRTABLE_EVENTS.map(({ value, name, description }) => ({ value, name, description })),
		defaultEvents: ['record.created', 'record.updated'],
		eventsNote:
			'The webhook is registered for the data types these events need; each change is emitted once, as its own item',
	},
};

export const airtableDefinition: ServiceDefinition = { spec: airtableSpec, hooks: airtableHooks };
