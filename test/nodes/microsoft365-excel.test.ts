/**
 * Excel's workbook session and Graph's JSON batching (`$batch`) on the Microsoft 365 connection, beyond the
 * per-operation fixtures (test/fixtures/operations/excel): one `createSession` per workbook for the items of a
 * run, the `workbook-session-id` header on each of their calls, `closeSession` after the last item (also when an
 * item failed), "Use Session" off; items sent through `POST /v1.0/$batch` (up to 20, answers in any order matched
 * by id, `dependsOn` for in-order writes, the session header and `Content-Type` on each sub-request), a failed
 * sub-request that item's error only, and a 429 inside the batch answer sent again after its `Retry-After`.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { validateService } from '../../lib/spec/schema';
import { Excel } from '../../nodes/Excel/Excel.node';
import { excelDefinition } from '../../nodes/Excel/Excel.service';
import { OneDrive } from '../../nodes/OneDrive/OneDrive.node';
import { Outlook } from '../../nodes/Outlook/Outlook.node';
import { GRAPH, MICROSOFT_TEST_TOKEN as TOKEN, microsoftKit } from '../helpers/microsoft-kit';

const kit = microsoftKit([new Excel(), new OneDrive(), new Outlook()]);

const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const items = (...rows: IDataObject[]) => rows.map((json) => ({ json }));
const WB = '01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K';
const WB2 = '01BYE5RZ2KXWOUZD5OPRC2RGJ7AAGKJXMX';
const SESSION = 'cluster=PS5&session=15.SN3PEPF000074ED1.A82.1.V24.7737Nwad4oPu&usid=1b6e3a4e';
const graphError = (code: string, message: string) => ({
	error: { code, message, innerError: { 'request-id': '0a9b5c47-6b2d-4c3e-9d0d-5b0f0f6b1a11' } },
});

/** Records every request to Graph and answers through `answer` (status, body[, headers]). */
function graph(
	answer: (
		method: string,
		path: string,
		body: unknown,
	) => [number, unknown?, Record<string, string>?],
) {
	const seen: Array<{
		method: string;
		path: string;
		raw: string;
		headers: Record<string, unknown>;
		body: unknown;
	}> = [];
	const reply = function (this: nock.ReplyFnContext, uri: string, body: nock.Body) {
		const parsed = typeof body === 'string' && body !== '' ? (JSON.parse(body) as unknown) : body;
		seen.push({
			method: this.req.method,
			path: decodeURIComponent(uri),
			raw: uri,
			headers: this.req.headers,
			body: parsed === '' ? undefined : parsed,
		});
		const [status, out, headers] = answer(this.req.method, decodeURIComponent(uri), parsed);
		return [
			status,
			out === undefined ? '' : JSON.stringify(out),
			{ 'content-type': 'application/json', ...(headers ?? {}) },
		] as [number, string, Record<string, string>];
	};
	for (const method of ['GET', 'POST', 'PATCH', 'DELETE'])
		nock(GRAPH)
			.persist()
			.intercept(() => true, method)
			.reply(reply);
	return seen;
}

const session = (path: string) =>
	path.endsWith('/createSession')
		? ([201, { id: SESSION, persistChanges: true }] as [number, unknown])
		: path.endsWith('/closeSession')
			? ([204] as [number])
			: undefined;

describe('Excel: the workbook session', () => {
	it('the spec is valid; writes show "Use Session" on by default, reads off', () => {
		expect(validateService(excelDefinition)).toEqual([]);
		const fields = new Excel().description.properties.filter((p) => p.name === 'useSession');
		const byOp = Object.fromEntries(
			fields.map((f) => [
				`${String(f.displayOptions?.show?.resource)}.${String(f.displayOptions?.show?.operation)}`,
				f.default,
			]),
		);
		expect(byOp).toEqual({
			'range.get': false,
			'range.update': true,
			'range.getUsed': false,
			'range.clear': true,
			'table.getMany': false,
			'table.create': true,
			'table.getRows': false,
			'table.getColumns': false,
			'table.delete': true,
			'table.addRows': true,
			'worksheet.getMany': false,
			'worksheet.add': true,
			'worksheet.delete': true,
		});
	});

	it('one session per workbook for the items of a run: opened once, the header on each call, closed after', async () => {
		const seen = graph((_m, path) => session(path) ?? [201, { index: 0, values: [['x']] }]);
		const res = await kit.run(
			'excel',
			{
				resource: 'table',
				operation: 'addRows',
				user: 'me',
				itemId: '={{$json.wb}}',
				table: 'Sales',
				values: '={{JSON.stringify($json.rows)}}',
			},
			{
				input: items(
					{ wb: WB, rows: [['North', 1]] },
					{ wb: WB, rows: [['South', 2]] },
					{ wb: WB2, rows: [['East', 3]] },
				),
			},
		);
		expect(res.error).toBeUndefined();
		const calls = seen.map((s) => `${s.method} ${s.path}`);
		// Two workbooks: two sessions, each opened before its first call and closed after the last item.
		expect(calls.filter((c) => c.endsWith('/createSession')).sort()).toEqual(
			[
				`POST /v1.0/me/drive/items/${WB}/workbook/createSession`,
				`POST /v1.0/me/drive/items/${WB2}/workbook/createSession`,
			].sort(),
		);
		expect(calls.slice(-2).sort()).toEqual(
			[
				`POST /v1.0/me/drive/items/${WB}/workbook/closeSession`,
				`POST /v1.0/me/drive/items/${WB2}/workbook/closeSession`,
			].sort(),
		);
		const writes = seen.filter((s) => s.path.endsWith('/rows'));
		expect(writes.map((w) => [w.path, w.headers['workbook-session-id'], w.body])).toEqual([
			[
				`/v1.0/me/drive/items/${WB}/workbook/tables/Sales/rows`,
				SESSION,
				{ values: [['North', 1]] },
			],
			[
				`/v1.0/me/drive/items/${WB}/workbook/tables/Sales/rows`,
				SESSION,
				{ values: [['South', 2]] },
			],
			[
				`/v1.0/me/drive/items/${WB2}/workbook/tables/Sales/rows`,
				SESSION,
				{ values: [['East', 3]] },
			],
		]);
		const open = seen.find((s) => s.path.endsWith('/createSession'))!;
		expect(open.body).toEqual({ persistChanges: true });
		expect(open.headers['workbook-session-id']).toBeUndefined();
		expect(open.headers.authorization).toBe(`Bearer ${TOKEN}`);
		for (const close of seen.filter((s) => s.path.endsWith('/closeSession')))
			expect(close.headers['workbook-session-id']).toBe(SESSION);
		expect(json(res)).toHaveLength(3);
	});

	it('an item that fails still closes the session (and the error is the item’s, in Graph’s words)', async () => {
		const seen = graph(
			(_m, path, body) =>
				session(path) ??
				(JSON.stringify(body).includes('bad')
					? [
							400,
							graphError(
								'InvalidArgument',
								'The number of values does not match the number of columns.',
							),
						]
					: [201, { index: 0 }]),
		);
		const res = await kit.run(
			'excel',
			{
				resource: 'table',
				operation: 'addRows',
				user: 'me',
				itemId: WB,
				table: 'Sales',
				values: '={{JSON.stringify($json.rows)}}',
				options: { concurrency: 1 },
			},
			{ input: items({ rows: [['ok']] }, { rows: [['bad', 1, 2]] }) },
		);
		expect(res.error?.message).toMatch(/number of values does not match/);
		expect(seen.at(-1)).toMatchObject({
			method: 'POST',
			path: `/v1.0/me/drive/items/${WB}/workbook/closeSession`,
			headers: { 'workbook-session-id': SESSION },
		});
		expect(seen.filter((s) => s.path.endsWith('/createSession'))).toHaveLength(1);
	});

	it('rows added one item after another, in item order, though the first answer is slow (in-order writes)', async () => {
		let inFlight = 0;
		let most = 0;
		const rows: unknown[] = [];
		nock(GRAPH)
			.persist()
			.post(() => true)
			.reply(function (uri, body, callback) {
				const done = session(uri);
				if (done)
					return callback(null, [done[0], done[1] === undefined ? '' : JSON.stringify(done[1])]);
				inFlight++;
				most = Math.max(most, inFlight);
				rows.push((body as { values: unknown }).values);
				// The first row's answer comes last if the rows are sent at once.
				setTimeout(
					() => {
						inFlight--;
						callback(null, [201, { index: rows.length - 1 }]);
					},
					rows.length === 1 ? 150 : 5,
				);
			});
		const res = await kit.run(
			'excel',
			{
				resource: 'table',
				operation: 'addRows',
				user: 'me',
				itemId: WB,
				table: 'Sales',
				values: '={{JSON.stringify([[$json.name]])}}',
			},
			{ input: items({ name: 'North' }, { name: 'South' }, { name: 'East' }) },
		);
		expect(res.error).toBeUndefined();
		expect(rows).toEqual([[['North']], [['South']], [['East']]]);
		expect(most).toBe(1);
	});

	it('"Use Session" off: no session, no header', async () => {
		const seen = graph(() => [200, { address: 'Sheet1!A1' }]);
		const res = await kit.run('excel', {
			resource: 'range',
			operation: 'update',
			user: 'me',
			itemId: WB,
			worksheet: 'Sheet1',
			address: 'A1',
			useSession: false,
			additionalFields: { values: '[[1]]' },
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
			`PATCH /v1.0/me/drive/items/${WB}/workbook/worksheets/Sheet1/range(address='A1')`,
		]);
		expect(seen[0].headers['workbook-session-id']).toBeUndefined();
		expect(seen[0].body).toEqual({ values: [[1]] });
	});

	it('a session that cannot be opened fails the items on that workbook, and nothing is closed', async () => {
		const seen = graph((_m, path) =>
			path.endsWith('/createSession')
				? [404, graphError('itemNotFound', 'The resource could not be found.')]
				: [200, {}],
		);
		const res = await kit.run('excel', {
			resource: 'worksheet',
			operation: 'add',
			user: 'me',
			itemId: WB,
			additionalFields: { name: 'Q2' },
		});
		expect(res.error?.message).toMatch(/could not be found|not found/i);
		expect(seen.map((s) => s.path)).toEqual([`/v1.0/me/drive/items/${WB}/workbook/createSession`]);
	});
});

describe('Graph JSON batching ($batch)', () => {
	it('OneDrive Get for 3 items: one $batch, each answer (in any order) back to its item', async () => {
		const seen = graph((_m, _p, body) => [
			200,
			{
				responses: [...(body as { requests: Array<{ id: string; url: string }> }).requests]
					.reverse()
					.map((r) => ({
						id: r.id,
						status: 200,
						headers: { 'Content-Type': 'application/json' },
						body: { id: r.url.split('/').pop(), name: `${r.url.split('/').pop()}.docx` },
					})),
			},
		]);
		const res = await kit.run(
			'oneDrive',
			{
				resource: 'item',
				operation: 'get',
				user: 'me',
				itemId: '={{$json.id}}',
				options: { batchItems: true },
			},
			{ input: items({ id: 'A1' }, { id: 'B2' }, { id: 'C3' }) },
		);
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({
			method: 'POST',
			path: '/v1.0/$batch',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: {
				requests: [
					{ id: '0', method: 'GET', url: '/me/drive/items/A1' },
					{ id: '1', method: 'GET', url: '/me/drive/items/B2' },
					{ id: '2', method: 'GET', url: '/me/drive/items/C3' },
				],
			},
		});
		expect(json(res)).toEqual([
			{ id: 'A1', name: 'A1.docx' },
			{ id: 'B2', name: 'B2.docx' },
			{ id: 'C3', name: 'C3.docx' },
		]);
		expect(res.outputs[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('25 items: batches of 20 and 5', async () => {
		const sizes: number[] = [];
		graph((_m, _p, body) => {
			const { requests } = body as { requests: Array<{ id: string }> };
			sizes.push(requests.length);
			return [200, { responses: requests.map((r) => ({ id: r.id, status: 204 })) }];
		});
		const res = await kit.run(
			'outlook',
			{
				resource: 'message',
				operation: 'delete',
				user: 'me',
				messageId: '={{$json.id}}',
				options: { batchItems: true },
			},
			{ input: items(...Array.from({ length: 25 }, (_, i) => ({ id: `AAMk${i}` }))) },
		);
		expect(res.error).toBeUndefined();
		expect(sizes).toEqual([20, 5]);
		expect(json(res)).toHaveLength(25);
	});

	it('a failed sub-request is that item’s error only (Continue On Fail)', async () => {
		graph((_m, _p, body) => [
			200,
			{
				responses: (body as { requests: Array<{ id: string }> }).requests.map((r) =>
					r.id === '1'
						? {
								id: r.id,
								status: 404,
								body: graphError('itemNotFound', 'The resource could not be found.'),
							}
						: { id: r.id, status: 200, body: { id: `item${r.id}` } },
				),
			},
		]);
		const res = await kit.run(
			'oneDrive',
			{
				resource: 'item',
				operation: 'get',
				user: 'me',
				itemId: '={{$json.id}}',
				options: { batchItems: true },
			},
			{
				input: items({ id: 'A' }, { id: 'B' }, { id: 'C' }),
				node: { continueOnFail: true } as never,
			},
		);
		const out = json(res);
		expect(out[0]).toEqual({ id: 'item0' });
		expect(String(out[1].error)).toMatch(/could not be found|not found/i);
		expect(out[2]).toEqual({ id: 'item2' });
	});

	it('a 429 inside the batch answer: only that sub-request is sent again, after its Retry-After', async () => {
		let round = 0;
		const seen = graph((_m, _p, body) => {
			round++;
			const { requests } = body as { requests: Array<{ id: string }> };
			return [
				200,
				{
					responses: requests.map((r) =>
						round === 1 && r.id === '1'
							? {
									id: r.id,
									status: 429,
									headers: { 'Retry-After': '9' },
									body: graphError('TooManyRequests', 'Too many requests.'),
								}
							: { id: r.id, status: 200, body: { id: `m${r.id}`, isRead: true } },
					),
				},
			];
		});
		const t0 = kit.clock.now();
		const res = await kit.run(
			'outlook',
			{
				resource: 'message',
				operation: 'update',
				user: 'me',
				messageId: '={{$json.id}}',
				additionalFields: { isRead: true },
				options: { batchItems: true },
			},
			{ input: items({ id: 'A' }, { id: 'B' }) },
		);
		expect(res.error).toBeUndefined();
		expect(kit.clock.now() - t0).toBeGreaterThanOrEqual(9000);
		expect(seen.map((s) => (s.body as { requests: unknown[] }).requests)).toEqual([
			[
				{
					id: '0',
					method: 'PATCH',
					url: '/me/messages/A',
					body: { isRead: true },
					headers: { 'Content-Type': 'application/json' },
				},
				{
					id: '1',
					method: 'PATCH',
					url: '/me/messages/B',
					body: { isRead: true },
					headers: { 'Content-Type': 'application/json' },
				},
			],
			[
				{
					id: '1',
					method: 'PATCH',
					url: '/me/messages/B',
					body: { isRead: true },
					headers: { 'Content-Type': 'application/json' },
				},
			],
		]);
		expect(json(res)).toEqual([
			{ id: 'm0', isRead: true },
			{ id: 'm1', isRead: true },
		]);
	});

	it('a 429 that outlasts Max Attempts is that item’s error, with the service’s words', async () => {
		graph((_m, _p, body) => [
			200,
			{
				responses: (body as { requests: Array<{ id: string }> }).requests.map((r) => ({
					id: r.id,
					status: 429,
					headers: { 'Retry-After': '1' },
					body: graphError('TooManyRequests', 'Too many requests.'),
				})),
			},
		]);
		const res = await kit.run(
			'oneDrive',
			{
				resource: 'item',
				operation: 'get',
				user: 'me',
				itemId: '={{$json.id}}',
				options: { batchItems: true, maxAttempts: 2 },
			},
			{ input: items({ id: 'A' }, { id: 'B' }), node: { continueOnFail: true } as never },
		);
		const out = json(res);
		expect(out).toHaveLength(2);
		for (const o of out) expect(String(o.error)).toMatch(/Too many requests|429|rate/i);
	});

	it('Excel writes in a session through $batch: the session header, Content-Type and dependsOn on each sub-request', async () => {
		const seen = graph((_m, path, body) => {
			const s = session(path);
			if (s) return s;
			return [
				200,
				{
					responses: (body as { requests: Array<{ id: string }> }).requests.map((r) => ({
						id: r.id,
						status: 200,
						body: { address: `Sheet1!A${Number(r.id) + 1}` },
					})),
				},
			];
		});
		const res = await kit.run(
			'excel',
			{
				resource: 'range',
				operation: 'update',
				user: 'me',
				itemId: WB,
				worksheet: 'Sheet1',
				address: '=A{{$itemIndex + 1}}',
				additionalFields: { values: '={{JSON.stringify([[$json.v]])}}' },
				options: { batchItems: true },
			},
			{ input: items({ v: 10 }, { v: 20 }, { v: 30 }) },
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
			`POST /v1.0/me/drive/items/${WB}/workbook/createSession`,
			'POST /v1.0/$batch',
			`POST /v1.0/me/drive/items/${WB}/workbook/closeSession`,
		]);
		const sub = (i: number, v: number) => ({
			id: String(i),
			method: 'PATCH',
			url: `/me/drive/items/${WB}/workbook/worksheets/Sheet1/range(address='A${i + 1}')`,
			body: { values: [[v]] },
			headers: { 'workbook-session-id': SESSION, 'Content-Type': 'application/json' },
			...(i > 0 ? { dependsOn: [String(i - 1)] } : {}),
		});
		const sent = (seen[1].body as { requests: Array<{ url: string }> }).requests.map((r) => ({
			...r,
			url: decodeURIComponent(r.url),
		}));
		expect(sent).toEqual([sub(0, 10), sub(1, 20), sub(2, 30)]);
		expect(json(res)).toEqual([
			{ address: 'Sheet1!A1' },
			{ address: 'Sheet1!A2' },
			{ address: 'Sheet1!A3' },
		]);
	});
});

describe('SharePoint document libraries: the drive selector', () => {
	it('OneDrive Get Children on a drive by ID: /drives/{drive-id}/…', async () => {
		const seen = graph(() => [200, { value: [{ id: 'F1', name: 'Q1.xlsx' }] }]);
		const res = await kit.run('oneDrive', {
			resource: 'folder',
			operation: 'getChildren',
			drive: 'driveId',
			driveId: 'b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3',
			itemId: 'root',
			returnAll: true,
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
			'GET /v1.0/drives/b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3/items/root/children?$top=200',
		]);
		expect(json(res)).toEqual([{ id: 'F1', name: 'Q1.xlsx' }]);
	});

	it("OneDrive Get on a site's library by site ID: /sites/{site-id}/drive/…", async () => {
		const seen = graph(() => [200, { id: 'F1' }]);
		await kit.run('oneDrive', {
			resource: 'item',
			operation: 'get',
			drive: 'siteId',
			siteId:
				'contoso.sharepoint.com,2c7f2a6e-1b2c-4d5e-8f90-1a2b3c4d5e6f,712a596e-90a1-49e3-9b48-bfa80bee8740',
			itemId: 'F1',
		});
		expect(seen[0].path).toBe(
			'/v1.0/sites/contoso.sharepoint.com,2c7f2a6e-1b2c-4d5e-8f90-1a2b3c4d5e6f,712a596e-90a1-49e3-9b48-bfa80bee8740/drive/items/F1',
		);
	});

	it("Excel by path in a site's library (host name + path): the session on that workbook", async () => {
		const seen = graph((_m, path) => session(path) ?? [201, { index: 3 }]);
		const res = await kit.run('excel', {
			resource: 'table',
			operation: 'addRows',
			drive: 'sitePath',
			siteHost: 'contoso.sharepoint.com',
			sitePath: 'sites/Marketing Team',
			workbookBy: 'path',
			workbookPath: 'Shared Documents/Q1 budget.xlsx',
			table: 'Sales',
			values: '[["North",1]]',
		});
		expect(res.error).toBeUndefined();
		const workbook =
			'/v1.0/sites/contoso.sharepoint.com:/sites/Marketing%20Team:/drive/root:/Shared%20Documents/Q1%20budget.xlsx:/workbook';
		// `graph` records decoded paths; the raw ones are checked below.
		expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
			`POST ${decodeURIComponent(workbook)}/createSession`,
			`POST ${decodeURIComponent(workbook)}/tables/Sales/rows`,
			`POST ${decodeURIComponent(workbook)}/closeSession`,
		]);
		expect(seen[1].raw).toBe(`${workbook}/tables/Sales/rows`);
		expect(seen[1].headers['workbook-session-id']).toBe(SESSION);
	});

	it('the drive fields are shown only for their choice, and a path segment cannot climb out (..)', async () => {
		const fields = new OneDrive().description.properties.filter(
			(p) =>
				['user', 'driveId', 'siteId', 'siteHost', 'sitePath'].includes(p.name) &&
				(p.displayOptions?.show?.operation as string[]).includes('get') &&
				(p.displayOptions?.show?.resource as string[]).includes('item'),
		);
		expect(fields.map((f) => [f.name, f.displayOptions?.show?.drive])).toEqual([
			['user', ['user']],
			['driveId', ['driveId']],
			['siteId', ['siteId']],
			['siteHost', ['sitePath']],
			['sitePath', ['sitePath']],
		]);
		const seen = graph(() => [200, {}]);
		const res = await kit.run('excel', {
			resource: 'range',
			operation: 'getUsed',
			workbookBy: 'path',
			user: 'me',
			workbookPath: 'Reports/../../secret.xlsx',
			worksheet: 'Sheet1',
		});
		expect(res.error?.message).toMatch(/would change the URL path/);
		expect(seen).toEqual([]);
	});
});
