import nock from 'nock';
import type { IExecuteFunctions } from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { validateService } from '../../lib/spec/schema';
import type { ServiceDefinition } from '../../lib/spec/types';
import { runNode } from '../harness';
import { Petstore, PetstoreApi, petstore } from '../fixtures/petstore';

const API = 'https://petstore.example.test';

/** The test service with a `$batch`-style endpoint (up to 2 sub-requests per batch). */
const batching: ServiceDefinition = {
	hooks: petstore.hooks,
	spec: {
		...petstore.spec,
		batch: {
			size: 2,
			method: 'POST',
			path: '/$batch',
			request: { list: 'requests', id: 'id', method: 'method', url: 'url', body: 'body' },
			response: { list: 'responses', id: 'id', status: 'status', body: 'body' },
		},
		resources: petstore.spec.resources.map((r) => ({
			...r,
			operations: r.operations.map((o) =>
				o.id === 'get' || o.id === 'update' ? { ...o, batchable: true } : o,
			),
		})),
	},
};

class BatchingPetstore extends Petstore {
	description = buildDescription(batching.spec, { icon: 'file:petstore.svg' });
	async execute(this: IExecuteFunctions) {
		return await executeSpec(this, batching);
	}
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { id: `pet_${i}` } }));
const run = (batchItems: boolean, n: number, continueOnFail = false, operation = 'get') =>
	runNode({
		nodeTypes: [new BatchingPetstore()],
		credentialTypes: [new PetstoreApi()],
		credentials: { petstoreApi: { accessToken: 'pet_tok_123456' } },
		node: {
			type: 'petstore',
			parameters: {
				resource: 'pet',
				operation,
				petId: '={{$json.id}}',
				additionalFields: operation === 'update' ? { tags: '["a"]' } : {},
				options: { batchItems },
			},
			continueOnFail,
		},
		input: ids(n),
	});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('batching (spec-declared batch endpoint)', () => {
	it('the spec with a batch endpoint is valid, and the node offers "Batch Items"', () => {
		expect(validateService(batching)).toEqual([]);
		const options = new BatchingPetstore().description.properties.find(
			(p) => p.name === 'options',
		)!;
		expect((options.options as Array<{ name: string }>).map((o) => o.name)).toContain('batchItems');
	});

	it('groups 5 items into batches of 2, 2, 1 and maps every answer back to its item', async () => {
		const envelopes: unknown[] = [];
		nock(API, { reqheaders: { authorization: 'Bearer pet_tok_123456' } })
			.post('/v1/$batch')
			.times(3)
			.reply(200, (_uri, body) => {
				envelopes.push(body);
				const { requests } = body as { requests: Array<{ id: string; url: string }> };
				// Answer in reverse order: mapping must use the ids, not positions.
				return {
					responses: [...requests]
						.reverse()
						.map((r) => ({ id: r.id, status: 200, body: { id: r.url.split('/').pop() } })),
				};
			});
		const res = await run(true, 5);
		expect(res.error).toBeUndefined();
		expect(envelopes).toEqual([
			{
				requests: [
					{ id: '0', method: 'GET', url: '/pets/pet_0' },
					{ id: '1', method: 'GET', url: '/pets/pet_1' },
				],
			},
			{
				requests: [
					{ id: '2', method: 'GET', url: '/pets/pet_2' },
					{ id: '3', method: 'GET', url: '/pets/pet_3' },
				],
			},
			{ requests: [{ id: '4', method: 'GET', url: '/pets/pet_4' }] },
		]);
		expect(res.outputs[0]).toEqual(
			ids(5).map((item, i) => ({ json: { id: item.json.id }, pairedItem: { item: i } })),
		);
	});

	it("keeps a failed sub-request as that item's error only (Continue On Fail)", async () => {
		nock(API)
			.post('/v1/$batch')
			.reply(200, {
				responses: [
					{ id: '0', status: 200, body: { id: 'pet_0' } },
					{ id: '1', status: 404, body: { message: 'No such pet' } },
				],
			});
		const res = await run(true, 2, true);
		expect(res.outputs[0][0]).toEqual({ json: { id: 'pet_0' }, pairedItem: { item: 0 } });
		expect(res.outputs[0][1].pairedItem).toEqual({ item: 1 });
		expect(res.outputs[0][1].json.error).toBe('Petstore: 404 Not Found – No such pet');
		expect(String(res.outputs[0][1].json.description)).toContain("for petId 'pet_1'");
	});

	it('sends bodies of batched writes', async () => {
		let seen: unknown;
		nock(API)
			.post('/v1/$batch')
			.reply(200, (_u, body) => {
				seen = body;
				return {
					responses: [
						{ id: '0', status: 200, body: { ok: 0 } },
						{ id: '1', status: 200, body: { ok: 1 } },
					],
				};
			});
		const res = await run(true, 2, false, 'update');
		expect(seen).toEqual({
			requests: [
				{ id: '0', method: 'PATCH', url: '/pets/pet_0', body: { profile: { tags: ['a'] } } },
				{ id: '1', method: 'PATCH', url: '/pets/pet_1', body: { profile: { tags: ['a'] } } },
			],
		});
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ ok: 0 }, { ok: 1 }]);
	});

	it('is off by default: one request per item', async () => {
		const scope = nock(API)
			.get(/\/v1\/pets\/pet_\d/)
			.times(3)
			.reply(200, { ok: true });
		const res = await run(false, 3);
		expect(res.outputs[0]).toHaveLength(3);
		expect(scope.isDone()).toBe(true);
	});

	it('a batch request that fails as a whole fails each of its items', async () => {
		nock(API).post('/v1/$batch').reply(400, { message: 'Malformed batch' });
		const res = await run(true, 2, true);
		expect(res.outputs[0].map((i) => [i.json.error, i.pairedItem])).toEqual([
			['Petstore: 400 Bad Request – Malformed batch', { item: 0 }],
			['Petstore: 400 Bad Request – Malformed batch', { item: 1 }],
		]);
	});
});
