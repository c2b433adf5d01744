/**
 * The one path dialect of the spec language: the same reader for items, labels, events, throttle
 * conditions and body placement, and a schema that names the field of a bad path.
 */
import {
	parsePath,
	pathProblem,
	readPath,
	readPathAll,
	writePath,
} from '../../../lib/transport/path';
import { validateService } from '../../../lib/spec/schema';
import type { ServiceDefinition, ServiceSpec } from '../../../lib/spec/types';

const body = {
	data: { items: [{ id: 'a', tags: ['x'] }, { id: 'b' }] },
	errors: [{ code: 7 }, { code: 9 }],
	'odd-key': 1,
};

describe('path dialect', () => {
	it('reads dotted, indexed and bracketed steps alike', () => {
		expect(readPath(body, 'data.items.0.id')).toBe('a');
		expect(readPath(body, 'data.items[0].id')).toBe('a');
		expect(readPath(body, 'data[items][1][id]')).toBe('b');
		expect(readPath(body, 'data.items.0.tags.0')).toBe('x');
		expect(readPath(body, 'odd-key')).toBe(1);
		expect(readPath(body, '')).toBe(body);
		expect(readPath(body, undefined)).toBe(body);
	});

	it("reads a quoted bracketed key as written, dots included (OData's '@odata.nextLink')", () => {
		const page = {
			value: [1],
			'@odata.nextLink': 'https://graph.example/next',
			'@odata': { x: 1 },
		};
		expect(parsePath("['@odata.nextLink']")).toEqual({ steps: ['@odata.nextLink'] });
		expect(readPath(page, "['@odata.nextLink']")).toBe('https://graph.example/next');
		expect(readPath(page, '@odata.x')).toBe(1);
		expect(readPath({ a: { 'b.c': [5] } }, "a['b.c'][0]")).toBe(5);
		const out = {};
		writePath(out, "['@microsoft.graph.conflictBehavior']", 'rename');
		expect(out).toEqual({ '@microsoft.graph.conflictBehavior': 'rename' });
	});

	it('is undefined when a step is missing, and never reaches prototype properties', () => {
		expect(readPath(body, 'data.nothing.id')).toBeUndefined();
		expect(readPath(body, 'data.items.5')).toBeUndefined();
		expect(readPath('text', 'length')).toBeUndefined();
		expect(readPath(body, 'constructor')).toBeUndefined();
		expect(readPath(body, '__proto__')).toBeUndefined();
	});

	it('reads every element with [*] where several values are wanted', () => {
		expect(readPathAll(body, 'errors[*].code')).toEqual([7, 9]);
		expect(readPathAll(body, 'errors[1].code')).toEqual([9]);
		expect(readPathAll(body, 'errors.0.code')).toEqual([7]);
		expect(readPathAll(body, 'nothing[*].code')).toEqual([]);
		expect(() => readPath(body, 'errors[*].code')).toThrow(/several values/);
	});

	it('writes objects and arrays on the way', () => {
		const target: Record<string, unknown> = {};
		writePath(target, 'items[0][price]', 'p_1');
		writePath(target, 'items.1.quantity', 2);
		writePath(target, 'settings.title', 'T');
		expect(target).toEqual({
			items: [{ price: 'p_1' }, { quantity: 2 }],
			settings: { title: 'T' },
		});
	});

	it('refuses what is not a path, saying why', () => {
		expect(parsePath('a.b[0][c]')).toEqual({ steps: ['a', 'b', '0', 'c'] });
		for (const bad of ['a..b', '.a', 'a.', 'a[', 'a[]', 'a]', 'a.[0]'])
			expect(pathProblem(bad)).toEqual(expect.stringContaining(bad));
		expect(pathProblem('errors[*].code')).toMatch(/single value/);
		expect(pathProblem('errors[*].code', { many: true })).toBeUndefined();
		expect(() => readPath(body, 'a..b')).toThrow(/Bad path/);
	});
});

describe('the schema checks every path field', () => {
	const def = (patch: Partial<ServiceSpec>, op: Record<string, unknown> = {}): ServiceDefinition =>
		({
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
								...op,
							},
						],
					},
				],
				...patch,
			},
		}) as ServiceDefinition;

	it('accepts good paths', () => {
		expect(
			validateService(
				def(
					{
						pagination: { type: 'nextUrl', nextUrlPath: 'links.next', itemsPath: '' },
						account: { path: '/me', labelPath: 'data[0].login' },
					},
					{
						params: [
							{
								name: 'price',
								displayName: 'Price',
								in: 'body',
								type: 'string',
								bodyPath: 'items[0][price]',
							},
						],
					},
				),
			),
		).toEqual([]);
	});

	it('names the field of a bad path', () => {
		const problems = validateService(
			def(
				{
					pagination: {
						type: 'offset',
						offsetParam: 'o',
						limitParam: 'l',
						pageSize: 10,
						itemsPath: 'data..items',
					},
					account: { path: '/me', labelPath: 'login[' },
					rateLimit: {
						requests: 10,
						windowMs: 1000,
						throttled: [
							{ status: [429], body: { path: 'errors[*].code', in: [1] } },
							{ body: { path: 'a]' } },
						],
					},
				},
				{
					params: [
						{
							name: 'price',
							displayName: 'Price',
							in: 'body',
							type: 'string',
							bodyPath: 'items[0]..price',
						},
					],
				},
			),
		);
		expect(problems).toEqual([
			expect.stringMatching(/^things: account\.labelPath: .*login\[/),
			expect.stringMatching(/^things: pagination\.itemsPath: .*data\.\.items/),
			expect.stringMatching(
				/^things: resources\.0\.operations\.0\.params\.0\.bodyPath: .*items\[0\]\.\.price/,
			),
			expect.stringMatching(/^things: rateLimit\.throttled\.1\.body\.path: .*a\]/),
		]);
	});

	it('checks the token paths of a renewal and the paths of a batch answer', () => {
		const problems = validateService(
			def({
				connection: {
					tokenRenewal: {
						path: '/refresh',
						params: {},
						marginMs: 1000,
						tokenPath: 'data..token',
						expiresInPath: 'expires[',
					},
				},
				batch: {
					size: 10,
					method: 'POST',
					path: '/batch',
					request: { list: 'ops', id: 'id', method: 'method', url: 'url' },
					response: { list: 'results', status: 'code]', body: 'body' },
				},
			}),
		);
		expect(problems).toEqual([
			expect.stringMatching(/^things: batch\.response\.status: .*code\]/),
			expect.stringMatching(/^things: connection\.tokenRenewal\.tokenPath: .*data\.\.token/),
			expect.stringMatching(/^things: connection\.tokenRenewal\.expiresInPath: .*expires\[/),
		]);
	});
});
