/**
 * List batching (`OperationSpec.listBatch`), on a test-only service: items whose requests differ only in their
 * list element share a request of up to `size` elements (body or query list), answers are handed back in order,
 * an item whose own list holds several elements keeps them together, a refused request fails each of its items
 * (Continue On Fail keeps the others), and the schema refuses a list batch that pages or uses a hook.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { bearerAuthenticate, bearerTokenProperties } from '../../lib/auth/kinds';
import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { validateService } from '../../lib/spec/schema';
import type { ServiceDefinition } from '../../lib/spec/types';
import { serviceKit } from '../kit';

const API = 'https://rows.example.test';

const rows: ServiceDefinition = {
	spec: {
		id: 'rows',
		displayName: 'Rows',
		description: 'A record API whose endpoints take lists',
		docsUrl: `${API}/docs`,
		baseUrl: API,
		auth: [{ kind: 'bearer', credentialType: 'rowsApi', displayName: 'Token' }],
		credentialTest: { path: '/me' },
		resources: [
			{
				id: 'row',
				name: 'Row',
				operations: [
					{
						id: 'create',
						name: 'Create',
						action: 'Create rows',
						method: 'POST',
						path: '/tables/{table}/rows',
						listBatch: { size: 3, in: 'body', list: 'rows', answerList: 'created' },
						params: [
							{
								name: 'table',
								displayName: 'Table',
								in: 'path',
								type: 'string',
								default: '',
								required: true,
							},
							{
								name: 'row',
								displayName: 'Row',
								in: 'body',
								bodyPath: 'rows',
								type: 'json',
								default: '[]',
								required: true,
							},
							{
								name: 'strict',
								displayName: 'Strict',
								in: 'body',
								type: 'boolean',
								default: false,
							},
						],
					},
					{
						id: 'delete',
						name: 'Delete',
						action: 'Delete rows',
						method: 'DELETE',
						path: '/rows',
						listBatch: { size: 3, in: 'query', list: 'ids[]', answerList: '' },
						params: [
							{
								name: 'id',
								displayName: 'ID',
								in: 'query',
								wireName: 'ids[]',
								type: 'string',
								default: '',
								required: true,
							},
						],
					},
				],
			},
		],
	},
};

class RowsApi {
	name = 'rowsApi';
	displayName = 'Rows API';
	properties = bearerTokenProperties();
	authenticate = bearerAuthenticate;
}

class Rows {
	description = buildDescription(rows.spec, { icon: 'file:rows.svg' });
	async execute(this: IExecuteFunctions) {
		return await executeSpec(this, rows);
	}
}

const kit = serviceKit({
	origin: API,
	nodeTypes: [new Rows() as never],
	credentialTypes: [new RowsApi() as never],
	credentials: { rowsApi: { accessToken: 'rows_tok_123456' } },
});
const run = (parameters: Record<string, unknown>, n: number, continueOnFail = false) =>
	kit.run('rows', { resource: 'row', options: { batchItems: true }, ...parameters } as never, {
		input: Array.from({ length: n }, (_, i) => ({ json: { i } })),
		node: { continueOnFail } as never,
	});

describe('list batching', () => {
	it('the spec is valid; a list batch that pages or runs a hook is refused', () => {
		expect(validateService(rows)).toEqual([]);
		const op = rows.spec.resources[0].operations[0];
		const bad: ServiceDefinition = {
			spec: {
				...rows.spec,
				resources: [{ ...rows.spec.resources[0], operations: [{ ...op, hook: 'x' }] }],
			},
			hooks: { x: () => undefined },
		};
		expect(validateService(bad)).toEqual([
			'rows: (spec): row.create batches by list: it cannot also use the batch endpoint, page or run a hook',
		]);
	});

	it('body lists: 7 items in chunks of 3; an item of two rows stays whole; each item gets its own answers in order', async () => {
		const seen = kit.fake(
			['POST', 200, { created: [{ id: 'r0' }, { id: 'r1a' }, { id: 'r1b' }] }],
			['POST', 200, { created: [{ id: 'r2' }, { id: 'r3' }, { id: 'r4' }] }],
			['POST', 200, { created: [{ id: 'r5' }, { id: 'r6' }] }],
		);
		const res = await run(
			{
				operation: 'create',
				table: 'people',
				// Item 1 creates two rows.
				row: '={{ JSON.stringify($json.i === 1 ? [{ n: "1a" }, { n: "1b" }] : [{ n: String($json.i) }]) }}',
			},
			7,
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri])).toEqual(
			Array.from({ length: 3 }, () => ['POST', '/tables/people/rows']),
		);
		expect(
			seen.map((s) => (s.body as { rows: Array<{ n: string }> }).rows.map((r) => r.n)),
		).toEqual([
			['0', '1a', '1b'],
			['2', '3', '4'],
			['5', '6'],
		]);
		expect(res.outputs[0].map((o) => [o.json.id, o.pairedItem])).toEqual([
			['r0', { item: 0 }],
			['r1a', { item: 1 }],
			['r1b', { item: 1 }],
			['r2', { item: 2 }],
			['r3', { item: 3 }],
			['r4', { item: 4 }],
			['r5', { item: 5 }],
			['r6', { item: 6 }],
		]);
	});

	it('query lists (`ids[]` repeated, the answer is the body itself)', async () => {
		const seen = kit.fake([
			'DELETE',
			200,
			[
				{ id: 'a', deleted: true },
				{ id: 'b', deleted: true },
				{ id: 'c', deleted: true },
			],
		]);
		const res = await run({ operation: 'delete', id: "={{ ['a', 'b', 'c'][$json.i] }}" }, 3);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri])).toEqual([
			['DELETE', '/rows?ids[]=a&ids[]=b&ids[]=c'],
		]);
		expect(res.outputs[0].map((o) => o.json.id)).toEqual(['a', 'b', 'c']);
	});

	it('a refused request is the error of each of its items; with Continue On Fail the next request still goes', async () => {
		const seen = kit.fake(
			['POST', 422, { error: 'bad row' }],
			['POST', 200, { created: [{ id: 'r3' }] }],
		);
		const res = await run(
			{
				operation: 'create',
				table: 'people',
				row: '={{ JSON.stringify([{ n: String($json.i) }]) }}',
			},
			4,
			true,
		);
		expect(seen).toHaveLength(2);
		expect(res.outputs[0].map((o) => (o.json.error ? 'error' : o.json.id))).toEqual([
			'error',
			'error',
			'error',
			'r3',
		]);
	});

	it('an answer with fewer elements than sent fails the items left without one', async () => {
		kit.fake(['POST', 200, { created: [{ id: 'r0' }] }]);
		const res = await run(
			{
				operation: 'create',
				table: 'people',
				row: '={{ JSON.stringify([{ n: String($json.i) }]) }}',
			},
			2,
			true,
		);
		expect(res.outputs[0][0].json).toEqual({ id: 'r0' });
		expect(String(res.outputs[0][1].json.error)).toContain('The answer has no result for item 1');
	});
});
