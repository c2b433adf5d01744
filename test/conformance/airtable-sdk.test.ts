/**
 * The Airtable node against Airtable's own client, `airtable` 0.12.2 (npm): the record operations' recorded
 * requests (test/fixtures/operations/airtable) are the requests the SDK sends for the same call — method, path
 * (the SDK adds a trailing slash to the table path, which Airtable treats the same), query and JSON body — with the
 * SDK's real request code running against a recording nock (its `node-fetch` goes through Node's http). The
 * batched forms (many records in one request) are compared with the SDK's array calls, which send the same
 * `{"records": [...]}` and `records[]` shapes. The SDK has no meta or webhook routes: those operations and the
 * trigger's requests are checked against the routes of Airtable's Web API reference listed below.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import nock from 'nock';

import { airtableSpec } from '../../nodes/Airtable/Airtable.service';
import type { OperationFixture } from '../kit/operations';

// The SDK is CommonJS; its default export is the Airtable class.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Airtable = require('airtable') as new (opts: {
	apiKey: string;
	endpointUrl?: string;
	noRetryIfRateLimited?: boolean;
}) => { base(id: string): (table: string) => SdkTable };

interface SdkTable {
	select(opts: Record<string, unknown>): { firstPage(): Promise<unknown[]> };
	find(id: string): Promise<unknown>;
	create(records: unknown, opts?: Record<string, unknown>): Promise<unknown>;
	update(records: unknown, opts?: Record<string, unknown>): Promise<unknown>;
	replace(records: unknown, opts?: Record<string, unknown>): Promise<unknown>;
	destroy(ids: unknown): Promise<unknown>;
}

const API = 'https://api.airtable.com';
const BASE = 'appY3WxIBCdKAzzAK';

interface Captured {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	body: unknown;
	authorization: unknown;
}

function fixture(name: string): OperationFixture {
	return JSON.parse(
		readFileSync(
			join(__dirname, '..', 'fixtures', 'operations', 'airtable', `${name}.json`),
			'utf8',
		),
	) as OperationFixture;
}

/** The fixture's first request in the shape the capture has. */
function nodeRequest(name: string): Omit<Captured, 'authorization'> {
	const req = fixture(name).exchanges[0].request as {
		method: string;
		url: string;
		query?: Record<string, string | string[]>;
		body?: unknown;
	};
	return {
		method: req.method,
		path: new URL(req.url).pathname,
		query: req.query ?? {},
		body: req.body,
	};
}

const queryOf = (url: URL): Record<string, string | string[]> => {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const all = url.searchParams.getAll(key);
		out[key] = key.endsWith('[]') ? all : all[0];
	}
	return out;
};

/**
 * Runs one SDK call against a recording Airtable that answers `answer` to `method` (any other method finds no
 * answer and fails the call); returns what the SDK sent.
 */
async function sdk(
	method: string,
	call: (table: SdkTable) => Promise<unknown>,
	answer: unknown,
	table = 'Places',
): Promise<Captured> {
	const seen: Captured[] = [];
	nock(API)
		.intercept(() => true, method)
		.reply(function (uri, body) {
			const url = new URL(uri, API);
			seen.push({
				method: this.req.method,
				// The SDK writes the table path with a trailing slash (`/v0/app…/Places/`); Airtable reads both alike.
				path: url.pathname.replace(/\/$/, ''),
				query: queryOf(url),
				body: body === '' ? undefined : typeof body === 'string' ? JSON.parse(body) : body,
				authorization: this.req.headers.authorization,
			});
			return [200, answer, { 'content-type': 'application/json' }];
		});
	const base = new Airtable({
		apiKey: 'patR8vD2kQ9xL4mN7.sdk',
		endpointUrl: API,
		noRetryIfRateLimited: true,
	}).base(BASE);
	await call(base(table));
	expect(seen).toHaveLength(1);
	return seen[0];
}

const rec = { id: 'rec560UJdUtocSouk', createdTime: '2022-09-12T21:03:48.000Z', fields: {} };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('record operations: the same requests as the airtable SDK', () => {
	it('record.getMany = table.select({filterByFormula, view, fields, sort, pageSize}).firstPage()', async () => {
		const sent = await sdk(
			'GET',
			async (t) =>
				await t
					.select({
						filterByFormula: '{Visited} = TRUE()',
						view: 'Grid view',
						fields: ['Name', 'Address'],
						sort: [{ field: 'Name', direction: 'desc' }],
						pageSize: 100,
					})
					.firstPage(),
			{ records: [] },
		);
		expect(sent.authorization).toBe('Bearer patR8vD2kQ9xL4mN7.sdk');
		expect({ ...sent, authorization: undefined }).toEqual({
			...nodeRequest('record.getMany'),
			authorization: undefined,
		});
	});

	it('record.get = table.find(id)', async () => {
		const sent = await sdk(
			'GET',
			async (t) => await t.find('rec560UJdUtocSouk'),
			rec,
			'tblVGqE4KgdAaaFHA',
		);
		expect({ ...sent, authorization: undefined }).toEqual({
			...nodeRequest('record.get'),
			authorization: undefined,
		});
	});

	it('record.downloadAttachments reads the record as table.find(id) does (the files come from its URLs, token-free)', async () => {
		const sent = await sdk('GET', async (t) => await t.find('rec560UJdUtocSouk'), rec, 'Places');
		expect({ ...sent, authorization: undefined }).toEqual({
			...nodeRequest('record.downloadAttachments'),
			authorization: undefined,
		});
		const files = fixture('record.downloadAttachments').exchanges.slice(1);
		for (const { request } of files) {
			expect(new URL(request.url).hostname).toBe('v5.airtableusercontent.com');
			expect(request.headers).not.toHaveProperty('authorization');
		}
	});

	it('record.create = table.create([{fields}], {typecast})', async () => {
		const sent = await sdk(
			'POST',
			async (t) =>
				await t.create(
					[{ fields: { Name: 'Union Square', Address: '333 Post St', Visited: true } }],
					{
						typecast: true,
					},
				),
			{ records: [rec] },
		);
		const { method, path, body } = nodeRequest('record.create');
		expect([sent.method, sent.path, sent.body]).toEqual([method, path, body]);
	});

	it('record.update = table.update([{id, fields}]) (PATCH); record.replace = table.replace (PUT)', async () => {
		const patch = await sdk(
			'PATCH',
			async (t) => await t.update([{ id: 'rec560UJdUtocSouk', fields: { Visited: true } }]),
			{ records: [rec] },
		);
		const update = nodeRequest('record.update');
		expect([patch.method, patch.path, patch.body]).toEqual([
			update.method,
			update.path,
			update.body,
		]);
		const put = await sdk(
			'PUT',
			async (t) =>
				await t.replace([
					{
						id: 'rec560UJdUtocSouk',
						fields: { Name: 'Union Square', Address: '333 Post St', Visited: true },
					},
				]),
			{ records: [rec] },
		);
		const replace = nodeRequest('record.replace');
		expect([put.method, put.path, put.body]).toEqual([replace.method, replace.path, replace.body]);
	});

	it('record.upsert = table.update([{fields}], {performUpsert: {fieldsToMergeOn}, typecast})', async () => {
		const sent = await sdk(
			'PATCH',
			async (t) =>
				await t.update([{ fields: { Name: 'Union Square', Visited: true } }], {
					performUpsert: { fieldsToMergeOn: ['Name'] },
					typecast: true,
				}),
			{ records: [rec] },
		);
		const { method, path, body } = nodeRequest('record.upsert');
		expect([sent.method, sent.path, sent.body]).toEqual([method, path, body]);
	});

	it('record.delete = table.destroy([id]) (DELETE with records[])', async () => {
		const sent = await sdk('DELETE', async (t) => await t.destroy(['rec560UJdUtocSouk']), {
			records: [{ id: 'rec560UJdUtocSouk', deleted: true }],
		});
		const node = nodeRequest('record.delete');
		expect([sent.method, sent.path, sent.query]).toEqual([
			node.method,
			node.path,
			{ 'records[]': [node.query['records[]']].flat() },
		]);
	});

	it('every record operation of the spec is compared above; the batched ones take 10 records, as the SDK documents', () => {
		const record = airtableSpec.resources.find((r) => r.id === 'record')!;
		// Upload Attachment (content.airtable.com) is not in the SDK: checked against the documented routes below.
		expect(record.operations.map((o) => o.id).sort()).toEqual(
			[
				'create',
				'delete',
				'downloadAttachments',
				'get',
				'getMany',
				'replace',
				'update',
				'uploadAttachment',
				'upsert',
			].sort(),
		);
		for (const op of record.operations.filter((o) => o.listBatch))
			expect([op.id, op.listBatch?.size]).toEqual([op.id, 10]);
	});
});

/**
 * Routes of Airtable's Web API reference (airtable.com/developers/web/api) that the SDK does not cover: method and
 * path per operation, and the webhook routes the trigger and the monitor call.
 */
const DOCUMENTED: Record<string, [string, string]> = {
	'base.getMany': ['GET', '/v0/meta/bases'], // list-bases
	'base.getSchema': ['GET', '/v0/meta/bases/{baseId}/tables'], // get-base-schema
	'base.create': ['POST', '/v0/meta/bases'], // create-base
	'table.create': ['POST', '/v0/meta/bases/{baseId}/tables'], // create-table
	'table.update': ['PATCH', '/v0/meta/bases/{baseId}/tables/{tableIdOrName}'], // update-table
	'field.create': ['POST', '/v0/meta/bases/{baseId}/tables/{tableId}/fields'], // create-field
	'field.update': ['PATCH', '/v0/meta/bases/{baseId}/tables/{tableId}/fields/{columnId}'], // update-field
	'account.getMe': ['GET', '/v0/meta/whoami'], // get-user-id-scopes
	// upload-attachment, on https://content.airtable.com (the hook's AIRTABLE_CONTENT_URL)
	'record.uploadAttachment': [
		'POST',
		'/v0/{baseId}/{recordId}/{attachmentFieldIdOrName}/uploadAttachment',
	],
};

describe('meta and webhook routes: as Airtable documents them', () => {
	it.each(Object.entries(DOCUMENTED))('%s', (name, [method, path]) => {
		const [resource, id] = name.split('.');
		const op = airtableSpec.resources
			.find((r) => r.id === resource)
			?.operations.find((o) => o.id === id);
		expect([op?.method, op?.path]).toEqual([method, path]);
	});

	it('every operation is checked, by the SDK or the documented routes', () => {
		const all = airtableSpec.resources.flatMap((r) => r.operations.map((o) => `${r.id}.${o.id}`));
		const bySdk = airtableSpec.resources
			.find((r) => r.id === 'record')!
			.operations.filter((o) => o.id !== 'uploadAttachment')
			.map((o) => `record.${o.id}`);
		expect(all.filter((n) => !bySdk.includes(n) && !DOCUMENTED[n])).toEqual([]);
	});

	it('the webhook routes (create-a-webhook, list-webhooks, delete-a-webhook, list-webhook-payloads, refresh-a-webhook)', () => {
		const source = readFileSync(
			join(__dirname, '..', '..', 'nodes', 'Airtable', 'Airtable.hooks.ts'),
			'utf8',
		);
		expect(source).toContain("const webhooksPath = '/v0/bases/{baseId}/webhooks';");
		expect(source).toContain('path: `${webhooksPath}/{webhookId}`');
		expect(source).toContain('path: `${webhooksPath}/{webhookId}/payloads`');
		expect(source).toContain("export const AIRTABLE_CONTENT_URL = 'https://content.airtable.com';");
		expect(airtableSpec.webhook?.renewal).toMatchObject({
			method: 'POST',
			path: '/v0/bases/{baseId}/webhooks/{hookId}/refresh',
		});
	});
});
