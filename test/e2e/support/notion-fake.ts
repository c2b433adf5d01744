/**
 * Loopback fake of Notion's API (version 2025-09-03) for the end-to-end suite, reached through the origin map,
 * answering as Notion's API reference documents: Bearer token of an internal integration, the `Notion-Version`
 * header required (400 `missing_version` without it), a database with one data source, a page created with typed
 * properties and its content (at most 100 blocks, rich text items of at most 2,000 characters, as Notion
 * validates), and the data source queried over two pages joined by `start_cursor`. Errors are
 * `{object: "error", status, code, message}`. Kept apart from service-fakes.ts so each service's fake is its own file.
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const NOTION_TOKEN = 'ntn_e2eFakeNotionIntegrationSecret42';
export const NOTION_VERIFICATION_TOKEN = 'secret_e2eNotionVerificationToken7c1d';
export const NOTION_VERSION = '2025-09-03';
export const NOTION_DATABASE = 'd9824bdc84454327be8b5b47500af6ce';
export const NOTION_DATA_SOURCE = 'a42a62ed-9b51-4b98-9dea-ea6d091bc508';

const error = (status: number, code: string, message: string): Answer => [
	status,
	{ object: 'error', status, code, message, request_id: 'e2e-request' },
];

const text = (t: string) => [
	{ type: 'text', text: { content: t, link: null }, plain_text: t, href: null },
];

const page = (id: string, name: string, price: number) => ({
	object: 'page',
	id,
	created_time: '2026-12-03T09:00:00.000Z',
	last_edited_time: '2026-12-03T09:00:00.000Z',
	parent: {
		type: 'data_source_id',
		data_source_id: NOTION_DATA_SOURCE,
		database_id: NOTION_DATABASE,
	},
	in_trash: false,
	properties: {
		Name: { id: 'title', type: 'title', title: text(name) },
		Price: { id: 'BJXS', type: 'number', number: price },
		'In stock': { id: 'O%5BM%3C', type: 'checkbox', checkbox: true },
	},
	url: `https://www.notion.so/${id.replace(/-/g, '')}`,
});

/** Notion's validation of what the node sends: 100 children, 2,000 characters per text item. */
function invalid(body: Record<string, unknown>): string | undefined {
	const children = body.children as unknown[] | undefined;
	if (children && children.length > 100)
		return `body.children.length should be ≤ \`100\`, instead was \`${children.length}\`.`;
	const long = JSON.stringify(body).match(/"content":"((?:[^"\\]|\\.)*)"/g) ?? [];
	for (const c of long) {
		const content = JSON.parse(`{${c}}`) as { content: string };
		if (Array.from(content.content).length > 2000)
			return 'body.rich_text[0].text.content.length should be ≤ `2000`.';
	}
	return undefined;
}

export class NotionFake extends ServiceFake {
	readonly origin = 'https://api.notion.com';
	readonly created: Array<Record<string, unknown>> = [];

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${NOTION_TOKEN}`)
			return error(401, 'unauthorized', 'API token is invalid.');
		if (r.headers['notion-version'] !== NOTION_VERSION)
			return error(400, 'missing_version', 'Notion-Version header failed validation.');
		const key = `${r.method} ${r.path}`;
		if (key === 'GET /v1/users/me')
			return [
				200,
				{
					object: 'user',
					id: 'ee5f0f84-409a-440f-983a-a5315961c6e4',
					name: 'E2E bot',
					type: 'bot',
					bot: { owner: { type: 'workspace', workspace: true }, workspace_name: 'E2E Kitchen' },
				},
			];
		if (key === `GET /v1/databases/${NOTION_DATABASE}`)
			return [
				200,
				{
					object: 'database',
					id: NOTION_DATABASE,
					title: text('Grocery List'),
					data_sources: [{ id: NOTION_DATA_SOURCE, name: 'Grocery list' }],
				},
			];
		if (key === `GET /v1/data_sources/${NOTION_DATA_SOURCE}`)
			return [
				200,
				{
					object: 'data_source',
					id: NOTION_DATA_SOURCE,
					properties: {
						Name: { id: 'title', name: 'Name', type: 'title', title: {} },
						Price: { id: 'BJXS', name: 'Price', type: 'number', number: { format: 'dollar' } },
						'In stock': { id: 'O%5BM%3C', name: 'In stock', type: 'checkbox', checkbox: {} },
					},
				},
			];
		if (key === 'POST /v1/pages') {
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			const problem = invalid(body);
			if (problem) return error(400, 'validation_error', `body failed validation: ${problem}`);
			const parent = body.parent as { data_source_id?: string } | undefined;
			if (parent?.data_source_id !== NOTION_DATA_SOURCE)
				return error(404, 'object_not_found', 'Could not find data source.');
			this.created.push(body);
			const props = body.properties as Record<
				string,
				{ title?: Array<{ text: { content: string } }>; number?: number }
			>;
			return [
				200,
				page(
					'59833787-2cf9-4fdf-8782-e53db20768a5',
					props.Name?.title?.[0]?.text.content ?? '',
					props.Price?.number ?? 0,
				),
			];
		}
		if (key === `POST /v1/data_sources/${NOTION_DATA_SOURCE}/query`) {
			const body = JSON.parse(r.body || '{}') as { start_cursor?: string };
			if (body.start_cursor === undefined)
				return [
					200,
					{
						object: 'list',
						results: [page('11111111-1111-4111-8111-111111111111', 'Tuscan kale', 2.5)],
						next_cursor: 'e2e-cursor-2',
						has_more: true,
						type: 'page_or_data_source',
						page_or_data_source: {},
					},
				];
			if (body.start_cursor === 'e2e-cursor-2')
				return [
					200,
					{
						object: 'list',
						results: [page('22222222-2222-4222-8222-222222222222', 'Lacinato kale', 3)],
						next_cursor: null,
						has_more: false,
						type: 'page_or_data_source',
						page_or_data_source: {},
					},
				];
			return error(
				400,
				'validation_error',
				'body failed validation: body.start_cursor is invalid.',
			);
		}
		return error(400, 'invalid_request_url', 'Invalid request URL.');
	}
}
