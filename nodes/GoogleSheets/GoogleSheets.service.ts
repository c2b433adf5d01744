/**
 * Google Sheets API v4 as data: ranges in A1 notation (read with value/date render options, write, append with
 * an insert option, clear, batch get/update/clear), spreadsheets (create, get), sheets (add, delete through
 * `:batchUpdate`), and rows as items keyed by the header row (get, look up by column value, append). Ranges and
 * sheet names are path segments, always percent-encoded (`Sheet 1!A1:D5` → `Sheet%201%21A1%3AD5`).
 * Methods and paths are checked against @googleapis/sheets (test/conformance/google-sdk.test.ts).
 * Facts: /work/shared/reference/services.md § Google Sheets API v4; https://developers.google.com/sheets/api/reference/rest.
 */
import { bodyParam, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import { GOOGLE_SCOPES } from '../Google/Google.oauth';
import { GOOGLE_THROTTLED, googleConnection } from '../Google/google';
import { googleSheetsHooks } from './GoogleSheets.hooks';

const REF = 'https://developers.google.com/sheets/api/reference/rest/v4';
const SCOPES = [GOOGLE_SCOPES.sheets];
const READ = { tier: 'read' };
const WRITE = { tier: 'write' };

const spreadsheetId: ParamSpec = {
	displayName: 'Spreadsheet ID',
	name: 'spreadsheetId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
	description:
		"The ID in the spreadsheet's URL: docs.google.com/spreadsheets/d/&lt;ID&gt;/edit (spreadsheetId)",
};
const range = (description: string): ParamSpec => ({
	displayName: 'Range',
	name: 'range',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Sheet1!A1:D10',
	description,
});
const valueRenderOption = queryParam('valueRenderOption', 'Value Render Option', 'options', {
	default: 'FORMATTED_VALUE',
	options: [
		{
			name: 'Formatted Value',
			value: 'FORMATTED_VALUE',
			description: 'As shown in the sheet ("$1.23")',
		},
		{ name: 'Unformatted Value', value: 'UNFORMATTED_VALUE', description: 'The raw value (1.23)' },
		{ name: 'Formula', value: 'FORMULA', description: 'The formula itself ("=A1+B1")' },
	],
	description: 'How values are rendered in the answer (valueRenderOption)',
});
const dateTimeRenderOption = queryParam(
	'dateTimeRenderOption',
	'Date Time Render Option',
	'options',
	{
		default: 'SERIAL_NUMBER',
		options: [
			{
				name: 'Serial Number',
				value: 'SERIAL_NUMBER',
				description: 'Days since 30 Dec 1899, as a number',
			},
			{
				name: 'Formatted String',
				value: 'FORMATTED_STRING',
				description: 'As the cell formats it',
			},
		],
		description:
			'How dates and times are rendered when Value Render Option is not Formatted Value (dateTimeRenderOption)',
	},
);
const majorDimension = (where: 'query' | 'body') =>
	(where === 'query' ? queryParam : bodyParam)('majorDimension', 'Major Dimension', 'options', {
		default: 'ROWS',
		options: [
			{ name: 'Rows', value: 'ROWS', description: 'Each inner list is a row' },
			{ name: 'Columns', value: 'COLUMNS', description: 'Each inner list is a column' },
		],
		description: 'Whether the values are lists of rows or of columns (majorDimension)',
	});
const valueInputOption = (where: 'query' | 'body') =>
	(where === 'query' ? queryParam : bodyParam)(
		'valueInputOption',
		'Value Input Option',
		'options',
		{
			default: 'USER_ENTERED',
			required: true,
			options: [
				{
					name: 'User Entered',
					value: 'USER_ENTERED',
					description: 'Parsed as if typed in the sheet: formulas run, "1/2/2026" becomes a date',
				},
				{ name: 'Raw', value: 'RAW', description: 'Stored exactly as given, as text or numbers' },
			],
			description: 'How the values are interpreted (valueInputOption)',
		},
	);
const values = bodyParam('values', 'Values (JSON)', 'json', {
	default: '[["Name", "Email"], ["Ada", "ada@example.com"]]',
	required: true,
	description: 'The cell values: a JSON list of rows, each a list of cells (values)',
});
const insertDataOption = queryParam('insertDataOption', 'Insert Data Option', 'options', {
	default: 'INSERT_ROWS',
	options: [
		{
			name: 'Insert Rows',
			value: 'INSERT_ROWS',
			description: 'New rows are inserted after the table',
		},
		{
			name: 'Overwrite',
			value: 'OVERWRITE',
			description: 'Values are written into the empty cells after the table',
		},
	],
	description:
		'Whether appended values insert new rows or overwrite the cells after the table (insertDataOption)',
});
const includeValuesInResponse = queryParam(
	'includeValuesInResponse',
	'Include Values in Response',
	'boolean',
	{
		default: false,
		description: 'Whether the answer includes the values written (includeValuesInResponse)',
	},
);
const ranges = queryParam('ranges', 'Ranges', 'stringList', {
	default: '',
	required: true,
	placeholder: 'Sheet1!A1:B5,Sheet2!C:C',
	description: 'The A1 ranges to read, comma-separated (ranges)',
});
const sheetName = (required: boolean): ParamSpec => ({
	displayName: 'Sheet Name',
	name: 'sheetName',
	in: 'path',
	type: 'string',
	default: 'Sheet1',
	required,
	description: 'The name of the sheet (tab) that holds the table; its first row is the header',
});
const headerRow: ParamSpec = {
	displayName: 'Header Row',
	name: 'headerRow',
	in: 'query',
	type: 'number',
	default: 1,
	description: 'The row that holds the column names (the keys of each item); data rows follow it',
	validate: { min: 1 },
};

const rangeOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Read a range',
		description: 'Read the values of a range in A1 notation',
		method: 'GET',
		path: '/v4/spreadsheets/{spreadsheetId}/values/{range}',
		scopes: SCOPES,
		rateLimit: READ,
		docsUrl: `${REF}/spreadsheets.values/get`,
		params: [
			spreadsheetId,
			range(
				'The range in A1 notation: "Sheet1!A1:D10", "Sheet1!A:A", or a sheet name alone for all its cells (range)',
			),
			valueRenderOption,
			dateTimeRenderOption,
			majorDimension('query'),
		],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Write a range',
		description: 'Write values into a range, replacing what is there',
		method: 'PUT',
		path: '/v4/spreadsheets/{spreadsheetId}/values/{range}',
		body: 'json',
		scopes: SCOPES,
		rateLimit: WRITE,
		// Writing the same values twice leaves the same cells.
		idempotent: true,
		docsUrl: `${REF}/spreadsheets.values/update`,
		params: [
			spreadsheetId,
			range(
				'Where to write, in A1 notation: the top-left cell ("Sheet1!B2") or the whole range (range)',
			),
			valueInputOption('query'),
			values,
			majorDimension('body'),
			includeValuesInResponse,
		],
	},
	{
		id: 'append',
		name: 'Append',
		action: 'Append rows after a table',
		description: 'Append values after the last row of the table found in the range',
		method: 'POST',
		path: '/v4/spreadsheets/{spreadsheetId}/values/{range}:append',
		body: 'json',
		scopes: SCOPES,
		rateLimit: WRITE,
		docsUrl: `${REF}/spreadsheets.values/append`,
		params: [
			spreadsheetId,
			range('The table to append to, in A1 notation ("Sheet1!A:D" or "Sheet1") (range)'),
			valueInputOption('query'),
			values,
			insertDataOption,
			majorDimension('body'),
			includeValuesInResponse,
		],
	},
	{
		id: 'clear',
		name: 'Clear',
		action: 'Clear a range',
		description: 'Clear the values of a range (formatting stays)',
		method: 'POST',
		path: '/v4/spreadsheets/{spreadsheetId}/values/{range}:clear',
		body: 'json',
		fixedBody: {},
		scopes: SCOPES,
		rateLimit: WRITE,
		idempotent: true,
		docsUrl: `${REF}/spreadsheets.values/clear`,
		params: [spreadsheetId, range('The range to clear, in A1 notation (range)')],
	},
	{
		id: 'batchGet',
		name: 'Batch Get',
		action: 'Read several ranges',
		description: 'Read several ranges in one request',
		method: 'GET',
		path: '/v4/spreadsheets/{spreadsheetId}/values:batchGet',
		scopes: SCOPES,
		rateLimit: READ,
		docsUrl: `${REF}/spreadsheets.values/batchGet`,
		params: [
			spreadsheetId,
			ranges,
			valueRenderOption,
			dateTimeRenderOption,
			majorDimension('query'),
		],
	},
	{
		id: 'batchUpdate',
		name: 'Batch Update',
		action: 'Write several ranges',
		description: 'Write several ranges in one request, applied atomically',
		method: 'POST',
		path: '/v4/spreadsheets/{spreadsheetId}/values:batchUpdate',
		body: 'json',
		scopes: SCOPES,
		rateLimit: WRITE,
		idempotent: true,
		docsUrl: `${REF}/spreadsheets.values/batchUpdate`,
		params: [
			spreadsheetId,
			valueInputOption('body'),
			bodyParam('data', 'Data (JSON)', 'json', {
				default: '[{"range": "Sheet1!A1:B1", "values": [["Name", "Email"]]}]',
				required: true,
				description: 'The ranges and their values: a JSON list of {"range", "values"} (data)',
			}),
			bodyParam('includeValuesInResponse', 'Include Values in Response', 'boolean', {
				default: false,
				description: 'Whether the answer includes the values written (includeValuesInResponse)',
			}),
		],
	},
	{
		id: 'batchClear',
		name: 'Batch Clear',
		action: 'Clear several ranges',
		method: 'POST',
		path: '/v4/spreadsheets/{spreadsheetId}/values:batchClear',
		body: 'json',
		scopes: SCOPES,
		rateLimit: WRITE,
		idempotent: true,
		docsUrl: `${REF}/spreadsheets.values/batchClear`,
		params: [
			spreadsheetId,
			bodyParam('ranges', 'Ranges', 'stringList', {
				default: '',
				required: true,
				placeholder: 'Sheet1!A2:D,Sheet2',
				description: 'The A1 ranges to clear, comma-separated (ranges)',
			}),
		],
	},
];

const rowOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get rows as items',
		description: 'Read a sheet as a table: one item per row, keyed by the header row',
		method: 'GET',
		path: '/v4/spreadsheets/{spreadsheetId}/values/{sheetName}',
		hook: 'getRows',
		// values.get answers the whole sheet at once: Limit keeps the first rows.
		wholeList: true,
		scopes: SCOPES,
		rateLimit: READ,
		docsUrl: `${REF}/spreadsheets.values/get`,
		params: [spreadsheetId, sheetName(true), headerRow, valueRenderOption, dateTimeRenderOption],
	},
	{
		id: 'lookup',
		name: 'Look Up',
		action: 'Look up rows by a column value',
		description: 'The rows whose cell in a column equals a value, as items keyed by the header row',
		method: 'GET',
		path: '/v4/spreadsheets/{spreadsheetId}/values/{sheetName}',
		hook: 'getRows',
		// values.get answers the whole sheet at once: Limit keeps the first rows.
		wholeList: true,
		scopes: SCOPES,
		rateLimit: READ,
		docsUrl: `${REF}/spreadsheets.values/get`,
		params: [
			spreadsheetId,
			sheetName(true),
			{
				displayName: 'Lookup Column',
				name: 'lookupColumn',
				in: 'query',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'Email',
				description: 'The column to search, by its header name',
			},
			{
				displayName: 'Lookup Value',
				name: 'lookupValue',
				in: 'query',
				type: 'string',
				default: '',
				required: true,
				description: 'The value the cell must equal (compared as text, as the sheet shows it)',
			},
			{
				displayName: 'First Match Only',
				name: 'firstMatchOnly',
				in: 'query',
				type: 'boolean',
				default: false,
				description: 'Whether to return only the first matching row',
			},
			headerRow,
			valueRenderOption,
		],
	},
	{
		id: 'append',
		name: 'Append',
		action: 'Append a row from fields',
		description:
			"Append one row whose cells are the item's fields put under the header row's names (other columns stay empty)",
		method: 'POST',
		path: '/v4/spreadsheets/{spreadsheetId}/values/{sheetName}:append',
		hook: 'appendRow',
		scopes: SCOPES,
		rateLimit: WRITE,
		docsUrl: `${REF}/spreadsheets.values/append`,
		params: [
			spreadsheetId,
			sheetName(true),
			{
				displayName: 'Row (JSON)',
				name: 'row',
				in: 'body',
				type: 'json',
				default: '{"Name": "Ada", "Email": "ada@example.com"}',
				required: true,
				description:
					'The row as an object keyed by header names, e.g. {{ JSON.stringify($JSON) }}; keys that are no header are refused',
			},
			headerRow,
			valueInputOption('query'),
			insertDataOption,
		],
	},
];

const spreadsheetOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a spreadsheet',
		method: 'POST',
		path: '/v4/spreadsheets',
		body: 'json',
		hook: 'createSpreadsheet',
		scopes: SCOPES,
		rateLimit: WRITE,
		docsUrl: `${REF}/spreadsheets/create`,
		params: [
			bodyParam('properties.title', 'Title', 'string', {
				name: 'title',
				default: '',
				required: true,
				description: "The spreadsheet's title (properties.title)",
			}),
			bodyParam('sheetTitles', 'Sheet Names', 'stringList', {
				default: '',
				placeholder: 'Orders,Customers',
				description: 'The sheets (tabs) to create, comma-separated; empty: one sheet "Sheet1"',
			}),
			bodyParam('properties.locale', 'Locale', 'string', {
				name: 'locale',
				default: '',
				placeholder: 'en_US',
				description: 'The locale that formats numbers and dates (properties.locale)',
			}),
			bodyParam('properties.timeZone', 'Time Zone', 'string', {
				name: 'timeZone',
				default: '',
				placeholder: 'Europe/Berlin',
				description: 'The time zone of date functions, as a CLDR ID (properties.timeZone)',
			}),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a spreadsheet',
		description: "The spreadsheet's properties and sheets (without cell data unless asked)",
		method: 'GET',
		path: '/v4/spreadsheets/{spreadsheetId}',
		scopes: SCOPES,
		rateLimit: READ,
		docsUrl: `${REF}/spreadsheets/get`,
		params: [
			spreadsheetId,
			queryParam('ranges', 'Ranges', 'stringList', {
				default: '',
				placeholder: 'Sheet1!A1:C3',
				description: 'Only these A1 ranges, comma-separated (ranges)',
			}),
			queryParam('includeGridData', 'Include Grid Data', 'boolean', {
				default: false,
				description: "Whether the answer includes the cells' data and formats (includeGridData)",
			}),
			queryParam('fields', 'Fields', 'string', {
				default: '',
				placeholder: 'spreadsheetId,properties.title,sheets.properties',
				description: 'Only these fields of the answer, a field mask (fields)',
			}),
		],
	},
];

const sheetOps: OperationSpec[] = [
	{
		id: 'add',
		name: 'Add',
		action: 'Add a sheet',
		description:
			'Add a sheet (tab) to a spreadsheet; the answer is its properties (with its sheet ID)',
		method: 'POST',
		path: '/v4/spreadsheets/{spreadsheetId}:batchUpdate',
		body: 'json',
		fixedBody: { requests: [{ addSheet: { properties: {} } }] },
		response: { path: 'replies.0.addSheet.properties' },
		scopes: SCOPES,
		rateLimit: WRITE,
		docsUrl: `${REF}/spreadsheets/request#AddSheetRequest`,
		params: [
			spreadsheetId,
			bodyParam('requests.0.addSheet.properties.title', 'Title', 'string', {
				name: 'title',
				default: '',
				required: true,
				description: "The new sheet's name (properties.title)",
			}),
			bodyParam('requests.0.addSheet.properties.index', 'Index', 'number', {
				name: 'index',
				default: 0,
				description: 'Where the tab goes, 0 for first (properties.index); default: last',
				validate: { min: 0 },
			}),
			bodyParam('requests.0.addSheet.properties.gridProperties.rowCount', 'Row Count', 'number', {
				name: 'rowCount',
				default: 1000,
				description: 'Rows of the new sheet (gridProperties.rowCount)',
				validate: { min: 1 },
			}),
			bodyParam(
				'requests.0.addSheet.properties.gridProperties.columnCount',
				'Column Count',
				'number',
				{
					name: 'columnCount',
					default: 26,
					description: 'Columns of the new sheet (gridProperties.columnCount)',
					validate: { min: 1 },
				},
			),
		],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a sheet',
		method: 'POST',
		path: '/v4/spreadsheets/{spreadsheetId}:batchUpdate',
		body: 'json',
		fixedBody: { requests: [{ deleteSheet: {} }] },
		scopes: SCOPES,
		rateLimit: WRITE,
		docsUrl: `${REF}/spreadsheets/request#DeleteSheetRequest`,
		params: [
			spreadsheetId,
			bodyParam('requests.0.deleteSheet.sheetId', 'Sheet ID', 'number', {
				name: 'sheetId',
				default: 0,
				required: true,
				description:
					'The numeric ID of the sheet (properties.sheetId, the "gid" in its URL), as Sheet → Add or Spreadsheet → Get return it',
				validate: { min: 0 },
			}),
		],
	},
];

export const googleSheetsSpec: ServiceSpec = {
	id: 'googleSheets',
	displayName: 'Google Sheets',
	description:
		'Read, write, append and clear ranges, rows as items, spreadsheets and sheets in Google Sheets',
	docsUrl: 'https://developers.google.com/sheets/api/reference/rest',
	baseUrl: 'https://sheets.googleapis.com',
	...googleConnection(SCOPES),
	// https://developers.google.com/sheets/api/limits: per user per project 60 read and 60 write requests per
	// minute (per project 300 of each, shared by every connection of the Cloud project); no per-day limit.
	rateLimit: {
		requests: 60,
		windowMs: 60_000,
		maxConcurrency: 5,
		headers: [],
		throttled: GOOGLE_THROTTLED,
		tiers: { read: { requests: 60, windowMs: 60_000 }, write: { requests: 60, windowMs: 60_000 } },
	},
	resources: [
		{ id: 'range', name: 'Range', operations: rangeOps },
		{ id: 'row', name: 'Row', operations: rowOps },
		{ id: 'sheet', name: 'Sheet', operations: sheetOps },
		{ id: 'spreadsheet', name: 'Spreadsheet', operations: spreadsheetOps },
	],
};

export const googleSheetsDefinition: ServiceDefinition = {
	spec: googleSheetsSpec,
	hooks: googleSheetsHooks,
};
