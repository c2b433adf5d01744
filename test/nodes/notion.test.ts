/**
 * What is special about Notion beyond the per-operation fixtures (test/fixtures/operations/notion): its
 * `{object: "error", code, message}` answers mapped to cause and fix (object_not_found → share the page with the
 * integration), the three-requests-per-second budget and 429/529 with Retry-After, `start_cursor` paging with
 * Limit, Notion's size limits (100 blocks per request, 2,000 characters per rich text item) handled by
 * splitting, property values typed by the schema, a database resolved to its data source (or the choice asked
 * for), the simple filter, IDs pasted as links, the OAuth2 credential, and "Simplify".
 */
import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnNotionApi } from '../../credentials/ApiConnNotionApi.credentials';
import { ApiConnNotionOAuth2Api } from '../../credentials/ApiConnNotionOAuth2Api.credentials';
import { ServiceCatalog } from '../../lib/connections/catalog';
import { revokeAtProvider } from '../../lib/connections/manage';
import { createRuntime, defaultConnectionsObserver, useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import {
	blocksFromText,
	notionId,
	richText,
	simplify,
	simplifyProperty,
} from '../../nodes/Notion/Notion.hooks';
import { Notion } from '../../nodes/Notion/Notion.node';
import { notionDefinition, notionSpec } from '../../nodes/Notion/Notion.service';
import { FakeClock } from '../helpers/fake-clock';
import { revokeContext } from '../helpers/revoke-context';
import { testCredential } from '../harness';
import { serviceKit } from '../kit';

const TOKEN = 'ntn_5183947260a8Kx3demoSecretQ9';
const BEARER = `Bearer ${TOKEN}`;
const DB = 'd9824bdc84454327be8b5b47500af6ce';
const DS = 'a42a62ed-9b51-4b98-9dea-ea6d091bc508';
const PAGE = '59833787-2cf9-4fdf-8782-e53db20768a5';
const oauth = {
	clientId: '1e2d3c4b-notion-client',
	clientSecret: 'secret_notion_client_7f3a',
	authentication: 'header',
	accessTokenUrl: 'https://api.notion.com/v1/oauth/token',
	oauthTokenData: {
		access_token: 'ntn_oauth_access_91d2',
		token_type: 'bearer',
		bot_id: 'b0b0b0b0-1111-2222-3333-444455556666',
		workspace_name: 'Acme Kitchen',
	},
};
const kit = serviceKit({
	origin: 'https://api.notion.com',
	nodeTypes: [new Notion()],
	credentialTypes: [new ApiConnNotionApi(), new ApiConnNotionOAuth2Api()],
	credentials: { apiConnNotionApi: { accessToken: TOKEN }, apiConnNotionOAuth2Api: oauth },
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('notion', { authentication: 'apiConnNotionApi', ...parameters } as never, extra);
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);

const notionError = (status: number, code: string, message: string) => ({
	object: 'error',
	status,
	code,
	message,
	request_id: 'be8ad1e1-4c4d-4bc4-8a14-0f5f5c1b7e0a',
});
const page = (id = PAGE) => ({
	object: 'page',
	id,
	url: `https://www.notion.so/${id}`,
	properties: {},
});
const list = (results: unknown[], next: string | null = null) => ({
	object: 'list',
	results,
	next_cursor: next,
	has_more: next !== null,
});
const schema = {
	Name: { id: 'title', type: 'title' },
	Price: { id: 'BJXS', type: 'number' },
	Total: { id: 'f%3Dx', type: 'formula' },
	Done: { id: 'c1', type: 'checkbox' },
};

describe('Notion', () => {
	it('the spec is valid; the credentials pin Notion-Version, OAuth uses Basic at /v1/oauth/token with owner=user', () => {
		expect(validateService(notionDefinition)).toEqual([]);
		expect(notionDefinition.spec.headers).toEqual({ 'Notion-Version': '2025-09-03' });
		expect(notionDefinition.spec.account).toEqual({
			path: '/v1/users/me',
			labelPath: 'bot.workspace_name',
		});
		const props = new ApiConnNotionOAuth2Api().properties;
		const value = (name: string) => props.find((p) => p.name === name)?.default;
		expect(value('authUrl')).toBe('https://api.notion.com/v1/oauth/authorize');
		expect(value('accessTokenUrl')).toBe('https://api.notion.com/v1/oauth/token');
		expect(value('authQueryParameters')).toBe('owner=user');
		expect(value('authentication')).toBe('header');
		expect(value('scope')).toBe('');
		for (const cred of [new ApiConnNotionApi(), new ApiConnNotionOAuth2Api()])
			expect(cred.test.request.headers).toEqual({ 'Notion-Version': '2025-09-03' });
	});

	describe("errors in Notion's words, with the fix", () => {
		it('404 object_not_found: share the page with the integration', async () => {
			kit.fake([
				'GET',
				404,
				notionError(
					404,
					'object_not_found',
					`Could not find page with ID: ${PAGE}. Make sure the relevant pages and databases are shared with your integration.`,
				),
			]);
			const { error } = await run({ resource: 'page', operation: 'get', page_id: PAGE });
			expect(error?.message).toBe(
				`Notion: 404 Not Found – Could not find page with ID: ${PAGE}. Make sure the relevant pages and databases are shared with your integration.`,
			);
			expect(error?.description).toContain('••• → Connections → add the integration');
		});

		it('401 unauthorized: reconnect, and the token is in neither message nor description', async () => {
			const denied = notionError(401, 'unauthorized', 'API token is invalid.');
			// A 401 is sent once more, in case the credential changed meanwhile.
			const seen = kit.fake(['GET', 401, denied], ['GET', 401, denied]);
			const { error } = await run({ resource: 'user', operation: 'getMe' });
			expect(seen.map((s) => s.headers.authorization)).toEqual([BEARER, BEARER]);
			expect(error?.message).toBe('Notion: 401 Unauthorized – API token is invalid.');
			expect(error?.description).toContain('the integration was removed or the token revoked');
			expect(`${error?.message} ${error?.description}`).not.toContain(TOKEN);
		});

		it('403 restricted_resource: which capability to tick in the integration settings', async () => {
			kit.fake([
				'POST',
				403,
				notionError(403, 'restricted_resource', 'Insufficient permissions for this endpoint.'),
			]);
			const { error } = await run({
				resource: 'comment',
				operation: 'create',
				commentOn: 'page',
				targetId: PAGE,
				text: 'Hi',
			});
			expect(error?.message).toBe(
				'Notion: 403 Forbidden – Insufficient permissions for this endpoint.',
			);
			expect(error?.description).toContain('Read or Insert comments');
		});

		it("400 validation_error: Notion's sentence, and the field it names", async () => {
			kit.fake([
				'PATCH',
				400,
				notionError(
					400,
					'validation_error',
					'body failed validation: body.in_trash should be a boolean, instead was `"yes"`.',
				),
			]);
			const { error } = await run({ resource: 'page', operation: 'archive', page_id: PAGE });
			expect(error?.message).toBe(
				'Notion: 400 Bad Request – body failed validation: body.in_trash should be a boolean, instead was `"yes"`.',
			);
			expect(error?.description).toContain('in_trash');
		});
	});

	describe('limits', () => {
		it('a 429 rate_limited waits Retry-After (seconds) and is sent again', async () => {
			const start = kit.clock.now();
			const seen = kit.fake(
				[
					'GET',
					429,
					notionError(
						429,
						'rate_limited',
						'You have been rate limited. Please try again in a few minutes.',
					),
					{ 'retry-after': '4' },
				],
				['GET', 200, page()],
			);
			const res = await run({ resource: 'page', operation: 'get', page_id: PAGE });
			expect(res.error).toBeUndefined();
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(4_000);
			expect(kit.clock.now() - start).toBeLessThan(6_000);
		});

		it('a 529 service_overload waits its Retry-After likewise', async () => {
			const start = kit.clock.now();
			const seen = kit.fake(
				[
					'GET',
					529,
					notionError(529, 'service_overload', 'Notion is overloaded.'),
					{ 'retry-after': '2' },
				],
				['GET', 200, page()],
			);
			const res = await run({ resource: 'page', operation: 'get', page_id: PAGE });
			expect(res.error).toBeUndefined();
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(2_000);
		});

		it('about three requests per second: seven reads wait at least a second in the queue', async () => {
			const start = kit.clock.now();
			const seen = kit.fake(
				...Array.from({ length: 7 }, () => ['GET', 200, page()] as [string, number, unknown]),
			);
			const res = await run(
				{ resource: 'page', operation: 'get', page_id: PAGE },
				{ input: Array.from({ length: 7 }, (_, i) => ({ json: { i } })) },
			);
			expect(res.error).toBeUndefined();
			expect(seen).toHaveLength(7);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(1_000);
		});

		it('250 lines of content: three append requests of 100, 100 and 50 blocks, in order after the given block', async () => {
			const lines = Array.from({ length: 250 }, (_, i) => `line ${i + 1}`);
			const added = (from: number, n: number) =>
				list(
					Array.from({ length: n }, (_, i) => ({
						object: 'block',
						id: `blk-${from + i}`,
						type: 'paragraph',
					})),
				);
			const seen = kit.fake(
				['PATCH', 200, added(1, 100)],
				['PATCH', 200, added(101, 100)],
				['PATCH', 200, added(201, 50)],
			);
			const res = await run({
				resource: 'block',
				operation: 'append',
				block_id: PAGE,
				content: lines.join('\n'),
				additionalFields: { after: 'blk-0' },
			});
			expect(res.error).toBeUndefined();
			const bodies = seen.map((s) => s.body as { children: unknown[]; after?: string });
			expect(seen.map((s) => s.uri)).toEqual(Array(3).fill(`/v1/blocks/${PAGE}/children`));
			expect(bodies.map((b) => b.children.length)).toEqual([100, 100, 50]);
			expect(bodies.map((b) => b.after)).toEqual(['blk-0', 'blk-100', 'blk-200']);
			expect(json(res)).toHaveLength(250);
		});

		it('a 4,500-character line: one paragraph of three rich text items (2,000 + 2,000 + 500)', () => {
			const [block] = blocksFromText('x'.repeat(4500));
			const items = (block.paragraph as { rich_text: Array<{ text: { content: string } }> })
				.rich_text;
			expect(items.map((t) => t.text.content.length)).toEqual([2000, 2000, 500]);
			// Split by characters, never inside a surrogate pair.
			expect(
				richText('😀'.repeat(2001)).map(
					(t) => Array.from((t.text as { content: string }).content).length,
				),
			).toEqual([2000, 1]);
		});

		it('a page with 150 blocks: 100 with the page, the other 50 appended to it', async () => {
			const seen = kit.fake(['POST', 200, page()], ['PATCH', 200, list([])]);
			const res = await run({
				resource: 'page',
				operation: 'create',
				parentType: 'page',
				parentId: '98ad959b-2b6a-4774-80ee-00246fb0ea9b',
				additionalFields: {
					title: 'Long',
					content: Array.from({ length: 150 }, (_, i) => `- item ${i}`).join('\n'),
				},
			});
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				'POST /v1/pages',
				`PATCH /v1/blocks/${PAGE}/children`,
			]);
			const created = seen[0].body as { parent: unknown; properties: unknown; children: unknown[] };
			expect(created.parent).toEqual({
				type: 'page_id',
				page_id: '98ad959b-2b6a-4774-80ee-00246fb0ea9b',
			});
			expect(created.properties).toEqual({
				title: { title: [{ type: 'text', text: { content: 'Long' } }] },
			});
			expect(created.children).toHaveLength(100);
			expect((seen[1].body as { children: unknown[] }).children).toHaveLength(50);
		});

		it('Properties (JSON) with a 2,500-character text: split in two items, its formatting kept', async () => {
			const seen = kit.fake(['PATCH', 200, page()]);
			const long = 'y'.repeat(2500);
			await run({
				resource: 'page',
				operation: 'update',
				page_id: PAGE,
				additionalFields: {
					propertiesJson: JSON.stringify({
						Notes: {
							rich_text: [{ type: 'text', text: { content: long }, annotations: { bold: true } }],
						},
					}),
				},
			});
			expect((seen[0].body as { properties: unknown }).properties).toEqual({
				Notes: {
					rich_text: [
						{ type: 'text', text: { content: 'y'.repeat(2000) }, annotations: { bold: true } },
						{ type: 'text', text: { content: 'y'.repeat(500) }, annotations: { bold: true } },
					],
				},
			});
		});
	});

	describe('paging by start_cursor', () => {
		it('Limit 150 over the query: page_size 100, then 50 with the next_cursor, in the JSON body', async () => {
			const results = (n: number, from: number) =>
				Array.from({ length: n }, (_, i) => page(`p-${from + i}`));
			const seen = kit.fake(
				['POST', 200, list(results(100, 0), 'cur-2')],
				['POST', 200, list(results(100, 100), 'cur-3')],
			);
			const res = await run({
				resource: 'database',
				operation: 'query',
				idType: 'dataSource',
				data_source_id: DS,
				returnAll: false,
				limit: 150,
			});
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => s.body)).toEqual([
				{ page_size: 100 },
				{ page_size: 50, start_cursor: 'cur-2' },
			]);
			expect(json(res)).toHaveLength(150);
		});

		it('users: page_size and start_cursor in the query until has_more is false', async () => {
			const seen = kit.fake(
				['GET', 200, list([{ object: 'user', id: 'u1' }], 'c2')],
				['GET', 200, list([{ object: 'user', id: 'u2' }])],
			);
			const res = await run({ resource: 'user', operation: 'getMany', returnAll: true });
			expect(seen.map((s) => s.uri)).toEqual([
				'/v1/users?page_size=100',
				'/v1/users?page_size=100&start_cursor=c2',
			]);
			expect(json(res).map((u) => u.id)).toEqual(['u1', 'u2']);
		});
	});

	describe('databases and data sources (API 2025-09-03)', () => {
		it('a database with two data sources: the query asks which one, naming them, and sends nothing else', async () => {
			const seen = kit.fake([
				'GET',
				200,
				{
					object: 'database',
					id: DB,
					data_sources: [
						{ id: DS, name: 'Grocery list' },
						{ id: 'b53b73fe-0000-4000-8000-000000000002', name: 'Pantry' },
					],
				},
			]);
			const { error } = await run({
				resource: 'database',
				operation: 'query',
				idType: 'database',
				data_source_id: DB,
				returnAll: true,
			});
			expect(seen).toHaveLength(1);
			expect(error?.message).toBe(`The database ${DB} has 2 data sources: say which one.`);
			expect(error?.description).toBe(
				`Choose 'Data Source' and one of these IDs: Grocery list (${DS}), Pantry (b53b73fe-0000-4000-8000-000000000002).`,
			);
		});

		it('the simple filter reads the property type from the data source and joins the JSON filter with "and"', async () => {
			const seen = kit.fake(
				['GET', 200, { object: 'data_source', id: DS, properties: schema }],
				['POST', 200, list([])],
			);
			await run({
				resource: 'database',
				operation: 'query',
				idType: 'dataSource',
				data_source_id: DS,
				returnAll: true,
				additionalFields: {
					filter: '{"property": "Done", "checkbox": {"equals": false}}',
					filterProperty: 'Price',
					filterCondition: 'greater_than',
					filterValue: '2.5',
					sortProperty: 'last_edited_time',
					sortDirection: 'descending',
				},
			});
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				`GET /v1/data_sources/${DS}`,
				`POST /v1/data_sources/${DS}/query`,
			]);
			expect(seen[1].body).toEqual({
				filter: {
					and: [
						{ property: 'Done', checkbox: { equals: false } },
						{ property: 'Price', number: { greater_than: 2.5 } },
					],
				},
				sorts: [{ timestamp: 'last_edited_time', direction: 'descending' }],
				page_size: 100,
			});
		});

		it('property values are typed by the schema; an unknown or computed property is refused before the write', async () => {
			kit.fake(['GET', 200, { object: 'data_source', id: DS, properties: schema }]);
			const unknown = await run({
				resource: 'page',
				operation: 'create',
				parentType: 'dataSource',
				parentId: DS,
				additionalFields: { properties: { pairs: [{ key: 'price', value: '3' }] } },
			});
			expect(unknown.error?.message).toBe("There is no property 'price'.");
			expect(unknown.error?.description).toBe(
				'The properties are: Name, Price, Total, Done (names are case-sensitive).',
			);
			const seen = kit.fake(['GET', 200, { object: 'data_source', id: DS, properties: schema }]);
			const computed = await run({
				resource: 'page',
				operation: 'create',
				parentType: 'dataSource',
				parentId: DS,
				additionalFields: { properties: { pairs: [{ key: 'Total', value: '3' }] } },
			});
			expect(seen).toHaveLength(1);
			expect(computed.error?.message).toBe(
				"The property 'Total' (formula) is computed by Notion and cannot be set.",
			);
			kit.fake(['GET', 200, { object: 'data_source', id: DS, properties: schema }]);
			const nan = await run({
				resource: 'page',
				operation: 'create',
				parentType: 'dataSource',
				parentId: DS,
				additionalFields: { properties: { pairs: [{ key: 'Price', value: 'cheap' }] } },
			});
			expect(nan.error?.message).toBe("The property 'Price' is a number, but 'cheap' is not one.");
		});
	});

	it('IDs pasted as Notion links are sent as IDs, percent-encoded in the path', async () => {
		expect(
			notionId('https://www.notion.so/acme/Tuscan-kale-598337872cf94fdf8782e53db20768a5?pvs=4'),
		).toBe('598337872cf94fdf8782e53db20768a5');
		expect(
			notionId(
				'https://www.notion.so/acme/d9824bdc84454327be8b5b47500af6ce?v=1&p=598337872cf94fdf8782e53db20768a5',
			),
		).toBe('598337872cf94fdf8782e53db20768a5');
		expect(notionId(` ${PAGE} `)).toBe(PAGE);
		const seen = kit.fake(['GET', 200, page()], ['DELETE', 200, { object: 'block', id: 'x' }]);
		await run({
			resource: 'page',
			operation: 'get',
			page_id: 'https://www.notion.so/Tuscan-kale-598337872cf94fdf8782e53db20768a5',
		});
		await run({ resource: 'block', operation: 'delete', block_id: 'a/b c' });
		expect(seen.map((s) => s.uri)).toEqual([
			'/v1/pages/598337872cf94fdf8782e53db20768a5',
			'/v1/blocks/a%2Fb%20c',
		]);
	});

	it('the OAuth2 connection sends its access token as Bearer, with the pinned Notion-Version', async () => {
		const seen = kit.fake(['GET', 200, { object: 'user', id: 'bot', type: 'bot' }]);
		await run({ authentication: 'apiConnNotionOAuth2Api', resource: 'user', operation: 'getMe' });
		expect(seen[0].headers.authorization).toBe('Bearer ntn_oauth_access_91d2');
		expect(seen[0].headers['notion-version']).toBe('2025-09-03');
	});

	it('Custom Request reaches any path with the same auth and Notion-Version', async () => {
		const seen = kit.fake(['GET', 200, { object: 'list', results: [] }]);
		const res = await run({
			resource: 'customRequest',
			operation: 'send',
			requestMethod: 'GET',
			requestPath: '/v1/file_uploads',
		});
		expect(res.error).toBeUndefined();
		expect(seen[0]).toMatchObject({ method: 'GET', uri: '/v1/file_uploads' });
		expect(seen[0].headers.authorization).toBe(BEARER);
		expect(seen[0].headers['notion-version']).toBe('2025-09-03');
	});

	describe('Simplify', () => {
		it('every property type as a plain value', () => {
			const rt = (t: string) => [{ type: 'text', plain_text: t }];
			const cases: Array<[object, unknown]> = [
				[{ type: 'title', title: rt('Kale') }, 'Kale'],
				[{ type: 'rich_text', rich_text: [...rt('a'), ...rt('b')] }, 'ab'],
				[{ type: 'number', number: 2.5 }, 2.5],
				[{ type: 'select', select: { name: 'Veg' } }, 'Veg'],
				[{ type: 'status', status: null }, null],
				[{ type: 'multi_select', multi_select: [{ name: 'a' }, { name: 'b' }] }, ['a', 'b']],
				[{ type: 'date', date: { start: '2026-01-01', end: null } }, '2026-01-01'],
				[
					{ type: 'date', date: { start: '2026-01-01', end: '2026-01-03' } },
					{ start: '2026-01-01', end: '2026-01-03' },
				],
				[{ type: 'people', people: [{ id: 'u1' }] }, ['u1']],
				[{ type: 'relation', relation: [{ id: 'p1' }] }, ['p1']],
				[
					{ type: 'files', files: [{ type: 'external', external: { url: 'https://x/y.png' } }] },
					['https://x/y.png'],
				],
				[{ type: 'checkbox', checkbox: true }, true],
				[{ type: 'formula', formula: { type: 'number', number: 7 } }, 7],
				[
					{ type: 'rollup', rollup: { type: 'array', array: [{ type: 'number', number: 1 }] } },
					[1],
				],
				[{ type: 'unique_id', unique_id: { prefix: 'TASK', number: 42 } }, 'TASK-42'],
				[{ type: 'created_by', created_by: { object: 'user', id: 'u9' } }, 'u9'],
				[{ type: 'url', url: 'https://notion.so' }, 'https://notion.so'],
			];
			for (const [prop, value] of cases) expect(simplifyProperty(prop as never)).toEqual(value);
		});

		it('a page keeps its id and url; a property named like them is kept apart', () => {
			expect(
				simplify({
					object: 'page',
					id: 'p1',
					url: 'https://www.notion.so/p1',
					properties: {
						id: { type: 'number', number: 1 },
						Name: { type: 'title', title: [{ plain_text: 'Kale' }] },
					},
				}),
			).toEqual({ id: 'p1', url: 'https://www.notion.so/p1', property_id: 1, Name: 'Kale' });
		});
	});

	describe('files', () => {
		const png = {
			data: Buffer.from('\x89PNG-bytes').toString('base64'),
			mimeType: 'image/png',
			fileName: 'kale.png',
		};

		it('Upload File: create, send the bytes as multipart with the token, append a block typed by the media type', async () => {
			const seen = kit.fake(
				['POST', 200, { object: 'file_upload', id: 'up-1', status: 'pending' }],
				['POST', 200, { object: 'file_upload', id: 'up-1', status: 'uploaded' }],
				['PATCH', 200, list([{ object: 'block', id: 'b-1', type: 'pdf' }])],
			);
			const res = await run(
				{ resource: 'block', operation: 'uploadFile', block_id: PAGE, binaryPropertyName: 'doc' },
				{
					input: [
						{
							json: {},
							binary: { doc: { ...png, mimeType: 'application/pdf', fileName: 'menu.pdf' } },
						},
					],
				},
			);
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				'POST /v1/file_uploads',
				'POST /v1/file_uploads/up-1/send',
				`PATCH /v1/blocks/${PAGE}/children`,
			]);
			expect(seen[0].body).toEqual({ filename: 'menu.pdf', content_type: 'application/pdf' });
			expect(seen[1].headers.authorization).toBe(BEARER);
			expect(String(seen[1].headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
			expect(String(seen[1].body)).toContain('name="file"; filename="menu.pdf"');
			expect(seen[2].body).toEqual({
				children: [
					{
						object: 'block',
						type: 'pdf',
						pdf: { type: 'file_upload', file_upload: { id: 'up-1' } },
					},
				],
			});
		});

		it('Upload File: more than 20 MB is refused before anything is sent', async () => {
			const seen = kit.fake();
			const big = Buffer.alloc(20 * 1024 * 1024 + 1).toString('base64');
			const res = await run(
				{ resource: 'block', operation: 'uploadFile', block_id: PAGE, binaryPropertyName: 'data' },
				{ input: [{ json: {}, binary: { data: { ...png, data: big } } }] },
			);
			expect(seen).toEqual([]);
			expect(res.error?.message).toBe('The file is 21 MB; a single upload takes at most 20 MB.');
		});

		it("Download File: the bytes from the block's signed link, without the Notion token or headers, into the binary field", async () => {
			const link =
				'https://prod-files-secure.s3.us-west-2.amazonaws.com/8f2a/kale.png?X-Amz-Signature=5e1f0c9d0a1b';
			kit.fake([
				'GET',
				200,
				{
					object: 'block',
					id: 'img-1',
					type: 'image',
					image: { type: 'file', file: { url: link } },
				},
			]);
			const headers: Array<Record<string, unknown>> = [];
			nock('https://prod-files-secure.s3.us-west-2.amazonaws.com')
				.get('/8f2a/kale.png')
				.query({ 'X-Amz-Signature': '5e1f0c9d0a1b' })
				.reply(function () {
					headers.push(this.req.headers);
					return [200, Buffer.from('\x89PNG-bytes'), { 'content-type': 'image/png' }];
				});
			const res = await run({
				resource: 'block',
				operation: 'downloadFile',
				block_id: 'img-1',
				binaryPropertyName: 'picture',
			});
			expect(res.error).toBeUndefined();
			expect(headers[0].authorization).toBeUndefined();
			expect(headers[0]['notion-version']).toBeUndefined();
			const binary = res.outputs[0][0].binary!.picture;
			expect([binary.fileName, binary.mimeType]).toEqual(['kale.png', 'image/png']);
			expect(Buffer.from(binary.data, 'base64').toString()).toBe('\x89PNG-bytes');
		});

		it('Download File: a block without a file says so, and fetches nothing more', async () => {
			const seen = kit.fake([
				'GET',
				200,
				{ object: 'block', id: 'p-1', type: 'paragraph', paragraph: { rich_text: [] } },
			]);
			const res = await run({
				resource: 'block',
				operation: 'downloadFile',
				block_id: 'p-1',
				binaryPropertyName: 'data',
			});
			expect(seen).toHaveLength(1);
			expect(res.error?.message).toBe('The block p-1 (paragraph) holds no file to download.');
		});
	});

	describe('the connection', () => {
		it("the first use names the connection after the bot's workspace: GET /v1/users/me, label bot.workspace_name", async () => {
			useRuntime({
				clock: kit.clock,
				random: () => 0.5,
				observers: [defaultConnectionsObserver()],
			});
			const me = {
				object: 'user',
				id: 'ee5f0f84-409a-440f-983a-a5315961c6e4',
				type: 'bot',
				name: 'Grocery bot',
				bot: { owner: { type: 'workspace', workspace: true }, workspace_name: 'Acme Kitchen' },
			};
			const seen = kit.fake(['GET', 200, me], ['GET', 200, page()]);
			const res = await run(
				{ resource: 'page', operation: 'get', page_id: PAGE },
				{ workflowId: 'notion-account-label' },
			);
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => [s.uri, s.headers['notion-version']])).toEqual([
				['/v1/users/me', '2025-09-03'],
				[`/v1/pages/${PAGE}`, '2025-09-03'],
			]);
		});

		it('the credential Test sends Notion-Version and says what a 401 means', async () => {
			const headers: Array<Record<string, unknown>> = [];
			// n8n sends a refused test twice.
			const scope = nock('https://api.notion.com')
				.get('/v1/users/me')
				.times(2)
				.reply(function () {
					headers.push(this.req.headers);
					return [
						401,
						{
							object: 'error',
							status: 401,
							code: 'unauthorized',
							message: 'API token is invalid.',
						},
					];
				});
			expect(await testCredential(new ApiConnNotionApi(), { accessToken: 'ntn_revoked' })).toEqual({
				status: 'Error',
				message:
					'Notion rejected the secret (unauthorized): copy the Internal Integration Secret again, or check that the integration was not deleted',
			});
			expect(scope.isDone()).toBe(true);
			expect(headers[0]).toMatchObject({
				'notion-version': '2025-09-03',
				authorization: 'Bearer ntn_revoked',
			});
		});

		it('Disconnect revokes an OAuth token with POST /v1/oauth/revoke {token}, client ID and secret as Basic; an internal secret has none', async () => {
			const { fn, calls } = revokeContext(oauth);
			const rt = createRuntime({
				observers: [],
				clock: new FakeClock(Date.UTC(2026, 11, 3)),
				random: () => 0.5,
				services: [notionSpec],
			});
			const info = new ServiceCatalog([notionSpec]).get('notion')!;
			expect(await revokeAtProvider(rt, fn, 0, info, 'apiConnNotionOAuth2Api')).toEqual({
				revoked: true,
				message: 'Revoked at Notion (200).',
			});
			expect(calls).toHaveLength(1);
			expect(calls[0]).toMatchObject({
				method: 'POST',
				url: 'https://api.notion.com/v1/oauth/revoke',
				body: { token: 'ntn_oauth_access_91d2' },
			});
			expect(calls[0].headers).toMatchObject({
				Authorization: `Basic ${Buffer.from('1e2d3c4b-notion-client:secret_notion_client_7f3a').toString('base64')}`,
				'Notion-Version': '2025-09-03',
			});
			expect((await revokeAtProvider(rt, fn, 0, info, 'apiConnNotionApi')).revoked).toBe(false);
		});
	});
});
