/**
 * What Google Sheets' data cannot say: a sheet read as a table (one item per row, keyed by the header row, with
 * its row number), the rows whose column equals a value, a row appended from an object in header order, and a
 * spreadsheet created with named sheets.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import type { HookContext } from '../../lib/spec/types';

type Cell = string | number | boolean | null;

/** `Sheet1` → `'Sheet1'!1:1`: a sheet name quoted as A1 notation wants it (quotes doubled). */
function a1Sheet(sheet: string): string {
	return `'${sheet.replace(/'/g, "''")}'`;
}

function fail(ctx: HookContext, message: string, description: string): never {
	throw new NodeOperationError(ctx.fn.getNode(), message, {
		itemIndex: ctx.itemIndex,
		description,
	});
}

/** Reads the sheet (one request) and returns the header row and the data rows below it. */
async function readTable(
	ctx: HookContext,
): Promise<{ header: string[]; rows: Cell[][]; firstRow: number }> {
	const sheet = String(ctx.params.sheetName);
	const headerRow = Number(ctx.params.headerRow ?? 1);
	const qs: IDataObject = {};
	for (const key of ['valueRenderOption', 'dateTimeRenderOption'])
		if (ctx.params[key] !== undefined) qs[key] = ctx.params[key];
	const res = await ctx.request({
		method: 'GET',
		baseUrl: ctx.baseUrl,
		path: '/v4/spreadsheets/{spreadsheetId}/values/{range}',
		pathParams: {
			spreadsheetId: String(ctx.params.spreadsheetId),
			// The whole sheet: its rows start at row 1 (empty leading rows come as empty lists).
			range: a1Sheet(sheet),
		},
		qs: { ...qs, majorDimension: 'ROWS' },
		scopes: ctx.operation.scopes,
		limit: { tier: 'read' },
	});
	const all = ((res.body as IDataObject).values ?? []) as Cell[][];
	const header = (all[headerRow - 1] ?? []).map((h) => String(h ?? '').trim());
	return { header, rows: all.slice(headerRow), firstRow: headerRow + 1 };
}

/** A row as an item: header names as keys (a column without a name gets its letter-less index `column_N`). */
function rowItem(header: string[], row: Cell[], rowNumber: number): IDataObject {
	const item: IDataObject = { row_number: rowNumber };
	const width = Math.max(header.length, row.length);
	for (let i = 0; i < width; i++) item[header[i] || `column_${i + 1}`] = row[i] ?? '';
	return item;
}

/** Row → Get Many (every data row) and Look Up (the rows whose column equals the value). */
async function getRows(ctx: HookContext): Promise<IDataObject[]> {
	const { header, rows, firstRow } = await readTable(ctx);
	const items = rows.map((row, i) => ({ row, item: rowItem(header, row, firstRow + i) }));
	if (ctx.operation.id !== 'lookup')
		return items.filter(({ row }) => row.some((c) => c !== '' && c !== null)).map((r) => r.item);
	const column = String(ctx.params.lookupColumn).trim();
	const index = header.indexOf(column);
	if (index < 0)
		fail(
			ctx,
			`The sheet has no column "${column}" in its header row.`,
			`The header row holds: ${header.filter(Boolean).join(', ') || '(nothing)'}. Use one of these names, or set Header Row to the row that holds them.`,
		);
	const wanted = String(ctx.params.lookupValue);
	const found = items.filter(({ row }) => String(row[index] ?? '') === wanted).map((r) => r.item);
	return ctx.params.firstMatchOnly === true ? found.slice(0, 1) : found;
}

/** Row → Append: the object's values in header order, appended after the table. */
async function appendRow(ctx: HookContext): Promise<IDataObject> {
	let row = ctx.params.row;
	if (typeof row === 'string') {
		try {
			row = JSON.parse(row) as unknown as IDataObject;
		} catch {
			fail(ctx, 'Row (JSON) is not a JSON object.', 'Write the row as {"Header": "value", …}.');
		}
	}
	if (!row || typeof row !== 'object' || Array.isArray(row))
		fail(ctx, 'Row (JSON) is not a JSON object.', 'Write the row as {"Header": "value", …}.');
	const { header } = await readTable(ctx);
	const unknown = Object.keys(row).filter((k) => !header.includes(k));
	if (unknown.length)
		fail(
			ctx,
			`The sheet has no column ${unknown.map((k) => `"${k}"`).join(', ')} in its header row.`,
			`The header row holds: ${header.filter(Boolean).join(', ') || '(nothing)'}. Add the column to the sheet, or leave the field out.`,
		);
	const fields = row as IDataObject;
	const cells = header.map((h) => {
		const v = h ? fields[h] : undefined;
		if (v === undefined || v === null) return '';
		return typeof v === 'object' ? JSON.stringify(v) : (v as Cell);
	});
	const headerRow = Number(ctx.params.headerRow ?? 1);
	const res = await ctx.request({
		method: 'POST',
		baseUrl: ctx.baseUrl,
		path: ctx.operation.path,
		pathParams: {
			spreadsheetId: String(ctx.params.spreadsheetId),
			sheetName: `${a1Sheet(String(ctx.params.sheetName))}!A${headerRow}`,
		},
		qs: {
			valueInputOption: ctx.params.valueInputOption ?? 'USER_ENTERED',
			insertDataOption: ctx.params.insertDataOption ?? 'INSERT_ROWS',
		},
		body: { majorDimension: 'ROWS', values: [cells] },
		bodyEncoding: 'json',
		scopes: ctx.operation.scopes,
		limit: { tier: 'write' },
	});
	return res.body as IDataObject;
}

/** Spreadsheet → Create: "Sheet Names" become `sheets[].properties.title`. */
async function createSpreadsheet(ctx: HookContext): Promise<IDataObject> {
	const { sheetTitles, ...params } = ctx.params;
	const req = toRequest(ctx.operation, params, ctx.baseUrl);
	const titles = (Array.isArray(sheetTitles) ? sheetTitles : String(sheetTitles ?? '').split(','))
		.map((t) => String(t).trim())
		.filter(Boolean);
	if (titles.length)
		req.body = {
			...(req.body as IDataObject),
			sheets: titles.map((title) => ({ properties: { title } })),
		};
	return (await ctx.request({ ...req, scopes: ctx.operation.scopes, limit: { tier: 'write' } }))
		.body as IDataObject;
}

export const googleSheetsHooks = { getRows, appendRow, createSpreadsheet };
