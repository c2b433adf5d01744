/**
 * Excel workbooks (on OneDrive or a SharePoint drive) through Microsoft Graph v1.0 as data: worksheets (list,
 * add, delete), ranges (get, update values/formulas/number formats, the used range, clear), tables (list, create,
 * delete, columns, rows list and add — many rows per request). Writes run in a **workbook session** by default
 * (`ServiceSpec.session`: `POST …/workbook/createSession {persistChanges: true}` before the node's calls, the
 * `workbook-session-id` header on each of them, `POST …/workbook/closeSession` after the last item), and may go
 * through Graph's JSON batching
 * (`$batch`, nodes/Microsoft/microsoft.ts). On the one Microsoft 365 connection. Workbook routes live in Graph's
 * drives package (not on npm): test/conformance/microsoft-graph-sdk.test.ts checks them against the workbook
 * reference (learn.microsoft.com/graph/api/resources/excel).
 */
import { bodyParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import {
	GRAPH_DOCS,
	MICROSOFT_SPEC_BASE,
	graphPaging,
	graphRateLimit,
	forDrive,
} from '../Microsoft/microsoft';

const FILES = ['Files.ReadWrite'];
const WORKBOOK = '/users/{user}/drive/items/{itemId}/workbook';

/** The workbook by its drive item ID (`/items/{itemId}`) or by its path from the drive's root (`/root:/{path}:`). */
const workbookParams: ParamSpec[] = [
	{
		displayName: 'Workbook',
		name: 'workbookBy',
		in: 'path',
		type: 'options',
		default: 'id',
		required: true,
		options: [
			{ name: 'By ID', value: 'id', description: "The .xlsx file's drive item ID" },
			{
				name: 'By Path',
				value: 'path',
				description: "The .xlsx file's path from the drive's root",
			},
		],
		description: 'How to pick the workbook',
		pathChoice: { replace: '/items/{itemId}', choices: { path: '/root:/{workbookPath}:' } },
	},
	{
		displayName: 'Workbook ID',
		name: 'itemId',
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: '01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K',
		description: 'The drive item ID of the .xlsx file (OneDrive → Get by Path gives it)',
		showWhen: { workbookBy: ['id'] },
	},
	{
		displayName: 'Workbook Path',
		name: 'workbookPath',
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Reports/2026/Q1 budget.xlsx',
		description: "The .xlsx file's path from the drive's root, folders separated by '/'",
		segments: true,
		showWhen: { workbookBy: ['path'] },
	},
];
const worksheet: ParamSpec = {
	displayName: 'Worksheet',
	name: 'worksheet',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Sheet1',
	description: "The worksheet's name or ID",
};
const table: ParamSpec = {
	displayName: 'Table',
	name: 'table',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Table1',
	description: "The table's name or ID",
};
const address: ParamSpec = {
	displayName: 'Address',
	name: 'address',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'A1:C3',
	description: 'The range in A1 notation within the worksheet (address)',
	validate: {
		pattern: "^[^']+$",
		patternHint: 'Give an A1 address such as A1:C3 (no quotes); the worksheet is its own field.',
	},
};
const grid = (wire: string, displayName: string, what: string, required = false) =>
	bodyParam(wire, displayName, 'json', {
		default: '',
		required,
		placeholder: '[["Region","Q1"],["North",1200]]',
		description: `${what} (${wire}): a JSON array of rows, each an array of cells, the same shape as the range`,
	});

const worksheetOps: OperationSpec[] = (
	[
		{
			id: 'getMany',
			name: 'Get Many',
			action: 'Get the worksheets of a workbook',
			method: 'GET',
			path: `${WORKBOOK}/worksheets`,
			scopes: FILES,
			session: true,
			paginate: graphPaging(100),
			docsUrl: `${GRAPH_DOCS}/workbook-list-worksheets`,
			params: workbookParams,
		},
		{
			id: 'add',
			name: 'Add',
			action: 'Add a worksheet',
			method: 'POST',
			path: `${WORKBOOK}/worksheets/add`,
			scopes: FILES,
			session: true,
			batchable: 'inOrder',
			docsUrl: `${GRAPH_DOCS}/worksheetcollection-add`,
			params: [
				...workbookParams,
				bodyParam('name', 'Name', 'string', {
					default: '',
					description: 'The new worksheet name (name); empty lets Excel name it (Sheet2, …)',
				}),
			],
		},
		{
			id: 'delete',
			name: 'Delete',
			action: 'Delete a worksheet',
			method: 'DELETE',
			path: `${WORKBOOK}/worksheets/{worksheet}`,
			scopes: FILES,
			session: true,
			batchable: 'inOrder',
			response: { onEmpty: { deleted: true } },
			docsUrl: `${GRAPH_DOCS}/worksheet-delete`,
			params: [...workbookParams, worksheet],
		},
	] as OperationSpec[]
).map(forDrive);

const rangeOps: OperationSpec[] = (
	[
		{
			id: 'get',
			name: 'Get',
			action: 'Get a range',
			description: 'Values, formulas, number formats and text of a range',
			method: 'GET',
			path: `${WORKBOOK}/worksheets/{worksheet}/range(address='{address}')`,
			scopes: FILES,
			session: true,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/range-get`,
			params: [...workbookParams, worksheet, address],
		},
		{
			id: 'update',
			name: 'Update',
			action: 'Update a range',
			description: 'Write values, formulas and/or number formats into a range',
			method: 'PATCH',
			path: `${WORKBOOK}/worksheets/{worksheet}/range(address='{address}')`,
			scopes: FILES,
			session: true,
			batchable: 'inOrder',
			docsUrl: `${GRAPH_DOCS}/range-update`,
			params: [
				...workbookParams,
				worksheet,
				address,
				grid('values', 'Values', 'The cell values'),
				grid('formulas', 'Formulas', 'Formulas in A1 notation, e.g. [["=SUM(B2:B9)"]]'),
				grid('numberFormat', 'Number Format', 'Excel number format codes, e.g. [["0.00%"]]'),
			],
		},
		{
			id: 'getUsed',
			name: 'Get Used Range',
			action: 'Get the used range of a worksheet',
			description: 'The smallest range that holds every cell with a value or format',
			method: 'GET',
			path: `${WORKBOOK}/worksheets/{worksheet}/usedRange`,
			scopes: FILES,
			session: true,
			batchable: true,
			docsUrl: `${GRAPH_DOCS}/worksheet-usedrange`,
			params: [...workbookParams, worksheet],
		},
		{
			id: 'clear',
			name: 'Clear',
			action: 'Clear a range',
			description: 'Clear the values, formats or both of a range',
			method: 'POST',
			path: `${WORKBOOK}/worksheets/{worksheet}/range(address='{address}')/clear`,
			scopes: FILES,
			session: true,
			batchable: 'inOrder',
			response: { onEmpty: { cleared: true } },
			docsUrl: `${GRAPH_DOCS}/range-clear`,
			params: [
				...workbookParams,
				worksheet,
				address,
				bodyParam('applyTo', 'Apply To', 'options', {
					default: 'All',
					required: true,
					options: [
						{ name: 'All', value: 'All', description: 'Values, formulas and formats' },
						{ name: 'Contents', value: 'Contents', description: 'Values and formulas only' },
						{ name: 'Formats', value: 'Formats', description: 'Formats only' },
					],
					description: 'What to clear (applyTo)',
				}),
			],
		},
	] as OperationSpec[]
).map(forDrive);

const tableOps: OperationSpec[] = (
	[
		{
			id: 'getMany',
			name: 'Get Many',
			action: 'Get the tables of a workbook',
			method: 'GET',
			path: `${WORKBOOK}/tables`,
			scopes: FILES,
			session: true,
			paginate: graphPaging(100),
			docsUrl: `${GRAPH_DOCS}/workbook-list-tables`,
			params: workbookParams,
		},
		{
			id: 'create',
			name: 'Create',
			action: 'Create a table',
			description: 'Turn a range into a table',
			method: 'POST',
			path: `${WORKBOOK}/tables/add`,
			scopes: FILES,
			session: true,
			batchable: 'inOrder',
			docsUrl: `${GRAPH_DOCS}/tablecollection-add`,
			params: [
				...workbookParams,
				bodyParam('address', 'Address', 'string', {
					default: '',
					required: true,
					placeholder: 'Sheet1!A1:D5',
					description: 'The range with its worksheet (address), e.g. Sheet1!A1:D5',
				}),
				bodyParam('hasHeaders', 'Has Headers', 'boolean', {
					default: true,
					required: true,
					description: 'Whether the first row of the range holds column names (hasHeaders)',
				}),
			],
		},
		{
			id: 'getRows',
			name: 'Get Rows',
			action: 'Get the rows of a table',
			method: 'GET',
			path: `${WORKBOOK}/tables/{table}/rows`,
			scopes: FILES,
			session: true,
			paginate: graphPaging(100),
			docsUrl: `${GRAPH_DOCS}/table-list-rows`,
			params: [...workbookParams, table],
		},
		{
			id: 'getColumns',
			name: 'Get Columns',
			action: 'Get the columns of a table',
			description: "The table's columns: name, index and the values of each",
			method: 'GET',
			path: `${WORKBOOK}/tables/{table}/columns`,
			scopes: FILES,
			session: true,
			paginate: graphPaging(100),
			docsUrl: `${GRAPH_DOCS}/table-list-columns`,
			params: [...workbookParams, table],
		},
		{
			id: 'delete',
			name: 'Delete',
			action: 'Delete a table',
			description: 'Delete the table; its cells stay on the worksheet',
			method: 'DELETE',
			path: `${WORKBOOK}/tables/{table}`,
			scopes: FILES,
			session: true,
			batchable: 'inOrder',
			response: { onEmpty: { deleted: true } },
			docsUrl: `${GRAPH_DOCS}/table-delete`,
			params: [...workbookParams, table],
		},
		{
			id: 'addRows',
			name: 'Add Rows',
			action: 'Add rows to a table',
			description: 'Append one or many rows in one request (values: an array of rows)',
			method: 'POST',
			path: `${WORKBOOK}/tables/{table}/rows`,
			scopes: FILES,
			session: true,
			batchable: 'inOrder',
			docsUrl: `${GRAPH_DOCS}/table-post-rows`,
			params: [
				...workbookParams,
				table,
				grid('values', 'Rows', 'The rows to add, one array of cells per row', true),
				bodyParam('index', 'Index', 'number', {
					default: 0,
					description:
						'Where to insert the rows (index, 0-based below the header); empty appends at the end',
					validate: { min: 0 },
				}),
			],
		},
	] as OperationSpec[]
).map(forDrive);

export const excelSpec: ServiceSpec = {
	id: 'excel',
	displayName: 'Excel',
	description:
		'Read and write Excel workbooks on OneDrive or SharePoint through Microsoft Graph: worksheets, ranges and tables, in a workbook session',
	docsUrl: 'https://learn.microsoft.com/graph/api/resources/excel',
	...MICROSOFT_SPEC_BASE,
	// Graph's Excel limits (throttling-limits, Excel service): 1,500 requests per 10 s per app per tenant — kept per
	// connection, which is on one tenant — and 5,000 per 10 s per app across all tenants, shared by every
	// connection of the same app (Client ID). Microsoft advises one writer per workbook at a time (the session).
	rateLimit: graphRateLimit({
		requests: 1_500,
		windowMs: 10_000,
		shared: [{ name: 'app', credentialField: 'clientId', requests: 5_000, windowMs: 10_000 }],
	}),
	pagination: graphPaging(100),
	session: {
		scope: '/workbook',
		open: { method: 'POST', path: '/createSession', body: { persistChanges: true } },
		idPath: 'id',
		header: 'workbook-session-id',
		close: { method: 'POST', path: '/closeSession' },
	},
	resources: [
		{ id: 'range', name: 'Range', operations: rangeOps },
		{ id: 'table', name: 'Table', operations: tableOps },
		{ id: 'worksheet', name: 'Worksheet', operations: worksheetOps },
	],
};

export const excelDefinition: ServiceDefinition = { spec: excelSpec };
