import nock from 'nock';

import { runNode, type RunNodeOptions } from '../harness';
import { Petstore, PetstoreApi } from '../fixtures/petstore';

const API = 'https://petstore.example.test';
const credentials = { petstoreApi: { accessToken: 'pet_tok_123456' } };

function run(
	parameters: RunNodeOptions['node']['parameters'],
	extra: Partial<RunNodeOptions> = {},
) {
	const { node, ...rest } = extra;
	return runNode({
		nodeTypes: [new Petstore()],
		credentialTypes: [new PetstoreApi()],
		credentials,
		node: { ...node, type: 'petstore', parameters },
		...rest,
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('node description built from a spec', () => {
	const d = new Petstore().description;

	it('has identity, tool use, credentials and subtitle', () => {
		expect(d).toMatchObject({
			name: 'petstore',
			displayName: 'Petstore',
			version: 1,
			usableAsTool: true,
			credentials: [{ name: 'petstoreApi', required: true }],
		});
		expect(d.subtitle).toBe('={{$parameter["operation"] + ": " + $parameter["resource"]}}');
	});

	it('has resource and operation selectors with action sentences', () => {
		const resource = d.properties.find((p) => p.name === 'resource')!;
		expect(resource.options).toEqual([
			{ name: 'Pet', value: 'pet' },
			{ name: 'Adoption', value: 'adoption' },
			// Every spec-built node ends with the Custom Request resource (lib/builder/custom-request.ts).
			{
				name: 'Custom Request',
				value: 'customRequest',
				description: 'Any endpoint of the API, through this connection',
			},
		]);
		const petOps = d.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'pet',
		)!;
		expect(petOps.options).toContainEqual({
			name: 'Get',
			value: 'get',
			action: 'Get a pet',
			description: 'Get a pet',
		});
		expect(petOps.default).toBe('get');
	});

	it('shows required fields per operation, optional ones under Additional Fields, Return All and Limit on lists', () => {
		const petId = d.properties.find(
			(p) => p.name === 'petId' && p.displayOptions?.show?.operation?.[0] === 'get',
		)!;
		expect(petId).toMatchObject({
			type: 'string',
			required: true,
			displayOptions: { show: { resource: ['pet'], operation: ['get'] } },
		});
		const extra = d.properties.find(
			(p) => p.name === 'additionalFields' && p.displayOptions?.show?.operation?.[0] === 'create',
		)!;
		expect((extra.options as Array<{ name: string }>).map((o) => o.name)).toEqual(['age', 'owner']);
		const limit = d.properties.find((p) => p.name === 'limit')!;
		expect(limit.displayOptions).toEqual({
			show: { resource: ['pet'], operation: ['getMany'], returnAll: [false] },
		});
		expect(d.properties.find((p) => p.name === 'options')).toBeDefined();
	});
});

describe('generic router', () => {
	it('GET with an encoded path param and a list query param', async () => {
		const scope = nock(API, { reqheaders: { authorization: 'Bearer pet_tok_123456' } })
			.get('/v1/pets/pet_1')
			.query({ expand: ['owner', 'vet'] })
			.reply(200, { id: 'pet_1', name: 'Rex' });
		const res = await run({
			resource: 'pet',
			operation: 'get',
			petId: 'pet_1',
			additionalFields: { expand: 'owner, vet' },
		});
		expect(res.outputs[0]).toEqual([
			{ json: { id: 'pet_1', name: 'Rex' }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('validates fields before any request and names the field and the fix', async () => {
		const res = await run({ resource: 'pet', operation: 'get', petId: 'Pet 1!' });
		expect(res.error?.message).toBe("The field 'Pet ID' has an invalid format ('Pet 1!').");
		expect(res.error?.description).toBe('Pet IDs look like pet_123.');
		const age = await run({
			resource: 'pet',
			operation: 'create',
			name: 'Rex',
			additionalFields: { age: 99 },
		});
		expect(age.error?.message).toBe("The field 'Age' must be at most 40 (got 99).");
	});

	it('POST form body with bracket paths and one idempotency key per item', async () => {
		const keys: string[] = [];
		const bodies: string[] = [];
		nock(API)
			.post('/v1/pets')
			.times(2)
			.reply(function (_uri, body) {
				keys.push(String(this.req.headers['idempotency-key']));
				bodies.push(String(body));
				return [200, { id: `pet_${keys.length}` }];
			});
		const res = await run(
			{
				resource: 'pet',
				operation: 'create',
				name: '={{$json.name}}',
				additionalFields: { owner: 'a@b.c', age: 3 },
			},
			{ input: [{ json: { name: 'Rex' } }, { json: { name: 'Tom' } }] },
		);
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ id: 'pet_1' }, { id: 'pet_2' }]);
		expect(bodies).toEqual([
			'name=Rex&age=3&metadata[owner]=a%40b.c',
			'name=Tom&age=3&metadata[owner]=a%40b.c',
		]);
		expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
		expect(keys[0]).not.toBe(keys[1]);
	});

	it('PATCH JSON body with a nested body path', async () => {
		const scope = nock(API)
			.patch('/v1/pets/pet_1', { profile: { tags: ['calm'] } })
			.reply(200, { id: 'pet_1' });
		const res = await run({
			resource: 'pet',
			operation: 'update',
			petId: 'pet_1',
			additionalFields: { tags: '["calm"]' },
		});
		expect(res.outputs[0][0].json).toEqual({ id: 'pet_1' });
		expect(scope.isDone()).toBe(true);
	});

	it('DELETE with an empty 204 answer gives the declared item', async () => {
		nock(API).delete('/v1/pets/pet_1').reply(204);
		const res = await run({ resource: 'pet', operation: 'delete', petId: 'pet_1' });
		expect(res.outputs[0]).toEqual([{ json: { deleted: true }, pairedItem: { item: 0 } }]);
	});

	it('paginates with the spec default (cursor from the last item, has_more) and honours Limit', async () => {
		nock(API)
			.get('/v1/pets')
			.query({ species: 'cat', limit: '2' })
			.reply(200, { data: [{ id: 'a' }, { id: 'b' }], has_more: true });
		nock(API)
			.get('/v1/pets')
			.query({ species: 'cat', limit: '1', starting_after: 'b' })
			.reply(200, { data: [{ id: 'c' }], has_more: true });
		const res = await run({
			resource: 'pet',
			operation: 'getMany',
			returnAll: false,
			limit: 3,
			additionalFields: { species: 'cat' },
		});
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
	});

	it('Return All stops when has_more is false', async () => {
		nock(API)
			.get('/v1/pets')
			.query({ limit: '2' })
			.reply(200, { data: [{ id: 'a' }, { id: 'b' }], has_more: true });
		nock(API)
			.get('/v1/pets')
			.query({ limit: '2', starting_after: 'b' })
			.reply(200, { data: [{ id: 'c' }], has_more: false });
		const res = await run({ resource: 'pet', operation: 'getMany', returnAll: true });
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
	});

	it('runs a named hook with the engine request function', async () => {
		nock(API).post('/v1/adoptions', { pet: 'pet_1' }).reply(201, { id: 'ad/1' });
		nock(API).post('/v1/adoptions/ad%2F1/confirm').reply(200, { status: 'confirmed' });
		const res = await run({ resource: 'adoption', operation: 'adopt', petId: 'pet_1' });
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toEqual([
			{ json: { adoption: 'ad/1', status: 'confirmed' }, pairedItem: { item: 0 } },
		]);
	});
});
