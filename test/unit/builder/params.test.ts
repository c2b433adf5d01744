/**
 * Two generic field features of the spec builder: `keyValue` params (free-form pairs, e.g. metadata, sent
 * as an object and so as `name[key]=value` in forms and queries) and `wireName` (a query or header key that
 * cannot be an n8n field name, e.g. `expand[]` or `created[gte]`).
 */
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { fieldFor } from '../../../lib/builder/description';
import { coerce, toRequest } from '../../../lib/builder/execute';
import { validateService } from '../../../lib/spec/schema';
import type { OperationSpec, ParamSpec, ServiceDefinition } from '../../../lib/spec/types';
import { toFormBody, toQueryString } from '../../../lib/transport/url';

const node: INode = {
	id: 'n1',
	name: 'Node',
	type: 'test.node',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const fn = { getNode: () => node } as unknown as IExecuteFunctions;

const tags: ParamSpec = {
	name: 'tags',
	displayName: 'Tags',
	in: 'body',
	type: 'keyValue',
	description: 'Your own labels',
};

function errorOf(run: () => unknown): { message: string; description?: string } {
	try {
		run();
	} catch (error) {
		const e = error as { message: string; description?: string };
		return { message: e.message, description: e.description };
	}
	throw new Error('expected an error');
}

describe('keyValue fields', () => {
	it('are a fixed collection of key/value rows', () => {
		expect(fieldFor(tags)).toEqual({
			displayName: 'Tags',
			name: 'tags',
			type: 'fixedCollection',
			default: {},
			description: 'Your own labels',
			placeholder: 'Add Pair',
			typeOptions: { multipleValues: true },
			options: [
				{
					displayName: 'Pair',
					name: 'pairs',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		});
	});

	it('turn rows into one object of text values (a later duplicate key wins, keys are trimmed)', () => {
		const rows = {
			pairs: [
				{ key: ' plan ', value: 'pro' },
				{ key: 'seats', value: 3 },
				{ key: 'trial', value: false },
				{ key: 'plan', value: 'team' },
				{ key: 'note', value: '' },
			],
		};
		expect(coerce(fn, 0, tags, rows)).toEqual({
			plan: 'team',
			seats: '3',
			trial: 'false',
			note: '',
		});
	});

	it('accept an object or JSON object text (from an expression or a tool call)', () => {
		expect(coerce(fn, 0, tags, { plan: 'pro', seats: 2 })).toEqual({ plan: 'pro', seats: '2' });
		expect(coerce(fn, 0, tags, '{"plan": "pro"}')).toEqual({ plan: 'pro' });
	});

	it('are "not set" when empty, unless required', () => {
		for (const empty of [undefined, null, '', {}, { pairs: [] }, { pairs: undefined }])
			expect(coerce(fn, 0, tags, empty)).toBeUndefined();
		expect(errorOf(() => coerce(fn, 0, { ...tags, required: true }, { pairs: [] }))).toEqual({
			message: "The field 'Tags' is required.",
			description: "Add at least one pair to 'Tags'.",
		});
	});

	it('refuse a pair without a key, a nested value, a list and broken JSON, naming the field', () => {
		expect(errorOf(() => coerce(fn, 0, tags, { pairs: [{ key: '', value: 'x' }] }))).toEqual({
			message: "The field 'Tags' has a pair without a key.",
			description: "Enter a key for every pair of 'Tags', or remove the empty pair.",
		});
		expect(errorOf(() => coerce(fn, 0, tags, { a: { b: 1 } })).message).toBe(
			"The field 'Tags' has a nested value for 'a'.",
		);
		expect(errorOf(() => coerce(fn, 0, tags, '[1, 2]')).message).toBe(
			"The field 'Tags' must be a list of key/value pairs or a JSON object.",
		);
		expect(errorOf(() => coerce(fn, 0, tags, '{plan')).message).toMatch(
			/^The field 'Tags' is not valid JSON \(/,
		);
	});

	it('go on the wire in bracket syntax, in a form body (at their body path) and in a query', () => {
		const op: OperationSpec = {
			id: 'create',
			name: 'Create',
			action: 'Create a thing',
			method: 'POST',
			path: '/things',
			body: 'form',
			params: [
				{ ...tags, bodyPath: 'meta[tags]' },
				{ name: 'filter', displayName: 'Filter', in: 'query', type: 'keyValue' },
			],
		};
		const req = toRequest(
			op,
			{ tags: { a: '1', b: '' }, filter: { status: 'open' } },
			'https://api.example.test',
		);
		expect(toFormBody(req.body as never)).toBe('meta[tags][a]=1&meta[tags][b]=');
		expect(toQueryString(req.qs)).toBe('filter[status]=open');
	});
});

describe('wireName', () => {
	const op: OperationSpec = {
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many things',
		method: 'GET',
		path: '/things',
		params: [
			{
				name: 'expand',
				displayName: 'Expand',
				in: 'query',
				type: 'stringList',
				wireName: 'expand[]',
			},
			{
				name: 'createdAfter',
				displayName: 'Created After',
				in: 'query',
				type: 'number',
				wireName: 'created[gte]',
			},
			{
				name: 'version',
				displayName: 'Version',
				in: 'header',
				type: 'string',
				wireName: 'X-Api-Version',
			},
			{ name: 'q', displayName: 'Query', in: 'query', type: 'string' },
		],
	};

	it('is the query or header key on the wire; the field keeps its own name', () => {
		const req = toRequest(
			op,
			{ expand: ['a', 'b.c'], createdAfter: 1700000000, version: '2', q: 'x' },
			'https://api.example.test',
		);
		expect(req.qs).toEqual({ 'expand[]': ['a', 'b.c'], 'created[gte]': 1700000000, q: 'x' });
		expect(req.headers).toEqual({ 'X-Api-Version': '2' });
		expect(toQueryString(req.qs)).toBe('expand[]=a&expand[]=b.c&created[gte]=1700000000&q=x');
		expect(fieldFor(op.params![0]).name).toBe('expand');
	});
});

describe('queryFormat and fixedBody', () => {
	const op: OperationSpec = {
		id: 'report',
		name: 'Report',
		action: 'Report on things',
		method: 'POST',
		path: '/things/{id}',
		fixedBody: { status: 'PAUSED' },
		params: [
			{ name: 'id', displayName: 'ID', in: 'path', type: 'string', required: true },
			{
				name: 'fields',
				displayName: 'Fields',
				in: 'query',
				type: 'multiOptions',
				queryFormat: 'comma',
				options: [{ name: 'A', value: 'a' }],
			},
			{
				name: 'states',
				displayName: 'States',
				in: 'query',
				type: 'multiOptions',
				queryFormat: 'json',
				options: [{ name: 'A', value: 'a' }],
			},
			{ name: 'range', displayName: 'Range', in: 'query', type: 'json', queryFormat: 'json' },
			{ name: 'tags', displayName: 'Tags', in: 'query', type: 'stringList' },
			{ name: 'name', displayName: 'Name', in: 'body', type: 'string' },
		],
	};

	it('joins a list with commas, writes lists and objects as JSON, repeats the key by default', () => {
		const req = toRequest(
			op,
			{
				id: '7',
				fields: ['impressions', 'spend'],
				states: ['ACTIVE', 'PAUSED'],
				range: { since: '2026-11-01', until: '2026-11-30' },
				tags: ['x', 'y'],
			},
			'https://api.example.test',
		);
		expect(toQueryString(req.qs)).toBe(
			'fields=impressions%2Cspend&states=%5B%22ACTIVE%22%2C%22PAUSED%22%5D&range=%7B%22since%22%3A%222026-11-01%22%2C%22until%22%3A%222026-11-30%22%7D&tags=x&tags=y',
		);
		expect(req.body).toEqual({ status: 'PAUSED' });
	});

	it('sends the fixed body values with the params, without changing the spec', () => {
		const req = toRequest(op, { id: '7', name: 'Spring' }, 'https://api.example.test');
		expect(req.body).toEqual({ status: 'PAUSED', name: 'Spring' });
		expect(op.fixedBody).toEqual({ status: 'PAUSED' });
	});
});

describe('the schema', () => {
	const def = (params: ParamSpec[]): ServiceDefinition => ({
		spec: {
			id: 'things',
			displayName: 'Things',
			description: 'A service used to test the schema',
			docsUrl: 'https://things.example.test/docs',
			baseUrl: 'https://things.example.test',
			auth: [{ kind: 'bearer', credentialType: 'thingsApi', displayName: 'Token' }],
			credentialTest: { path: '/me' },
			resources: [
				{
					id: 'thing',
					name: 'Thing',
					operations: [
						{
							id: 'create',
							name: 'Create',
							action: 'Create a thing',
							method: 'POST',
							path: '/things',
							params,
						},
					],
				},
			],
		},
	});

	it('accepts keyValue in the body or query and wireName on query or header params', () => {
		expect(
			validateService(
				def([
					tags,
					{ name: 'filter', displayName: 'Filter', in: 'query', type: 'keyValue' },
					{
						name: 'expand',
						displayName: 'Expand',
						in: 'query',
						type: 'stringList',
						wireName: 'expand[]',
					},
					{
						name: 'version',
						displayName: 'Version',
						in: 'header',
						type: 'string',
						wireName: 'X-Api-Version',
					},
				]),
			),
		).toEqual([]);
	});

	it('refuses wireName on a body param and keyValue in a header', () => {
		expect(
			validateService(
				def([
					{ name: 'title', displayName: 'Title', in: 'body', type: 'string', wireName: 'title[]' },
					{ name: 'labels', displayName: 'Labels', in: 'header', type: 'keyValue' },
				]),
			),
		).toEqual([
			'things: resources.0.operations.0.params.0: wireName is for query and header params (body params use bodyPath)',
			'things: resources.0.operations.0.params.1: keyValue params go in the body or the query',
		]);
	});
});
