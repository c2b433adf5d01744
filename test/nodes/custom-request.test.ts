/**
 * The Custom Request operation every spec-built node gets: any method and path of the service through the item's
 * connection and the same engine rules (auth, idempotency keys, retries, redirect policy, error texts), and never
 * anywhere else (other origins, `//host`, `..` segments, credentials in the URL and reserved headers are refused
 * before a byte is sent).
 */
import nock from 'nock';

import { ApiConnGithubApi } from '../../credentials/ApiConnGithubApi.credentials';
import { useRuntime } from '../../lib/runtime';
import { Github } from '../../nodes/Github/Github.node';
import { validateService } from '../../lib/spec/schema';
import { petstore, Petstore, PetstoreApi } from '../fixtures/petstore';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, type RunNodeOptions } from '../harness';

const API = 'https://petstore.example.test';
const TOKEN = 'pet_tok_123456';
const credentials = { petstoreApi: { accessToken: TOKEN } };
let clock: FakeClock;

function run(parameters: Record<string, unknown>, extra: Partial<RunNodeOptions> = {}) {
	const { node, ...rest } = extra;
	return driveClock(
		clock,
		runNode({
			nodeTypes: [new Petstore()],
			credentialTypes: [new PetstoreApi()],
			credentials,
			node: {
				...node,
				type: 'petstore',
				parameters: { resource: 'customRequest', operation: 'send', ...parameters } as never,
			},
			...rest,
		}),
	);
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock();
	useRuntime({ clock, random: () => 0.5 });
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

describe('the description', () => {
	const d = new Petstore().description;
	const field = (name: string) => d.properties.find((p) => p.name === name)!;
	const show = { resource: ['customRequest'], operation: ['send'] };

	it('adds the resource, its one operation and its fields, shown only for it', () => {
		expect(field('resource').options?.at(-1)).toEqual({
			name: 'Custom Request',
			value: 'customRequest',
			description: 'Any endpoint of the API, through this connection',
		});
		const op = d.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'customRequest',
		)!;
		expect([op.options, op.default]).toEqual([
			[
				{
					name: 'Send',
					value: 'send',
					action: 'Send a custom request',
					description: 'Send a request to any path of the API with this connection',
				},
			],
			'send',
		]);
		expect(field('requestMethod')).toMatchObject({
			type: 'options',
			default: 'GET',
			displayOptions: { show },
		});
		expect(
			(field('requestMethod').options as Array<{ value: string }>).map((o) => o.value),
		).toEqual(['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT']);
		expect(field('requestPath')).toMatchObject({
			type: 'string',
			required: true,
			displayOptions: { show },
		});
		expect(field('requestPath').description).toBe(
			'Path after https://petstore.example.test/v1, sent as written. A full URL is accepted only on the same host; other hosts are refused, so the credential never leaves Petstore.',
		);
		expect(field('requestQuery')).toMatchObject({
			type: 'fixedCollection',
			displayOptions: { show },
		});
		expect(field('requestHeaders')).toMatchObject({
			type: 'fixedCollection',
			displayOptions: { show },
		});
		expect(field('requestBody')).toMatchObject({
			type: 'json',
			default: '',
			displayOptions: { show: { ...show, requestMethod: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
		});
	});

	it('a spec cannot use the resource id', () => {
		const clash = {
			...petstore,
			spec: {
				...petstore.spec,
				resources: [{ ...petstore.spec.resources[0], id: 'customRequest' }],
			},
		};
		expect(validateService(clash)).toContain(
			"petstore: (spec): the resource id 'customRequest' is the Custom Request every node gets: rename the resource",
		);
	});
});

describe('requests', () => {
	it('GET: the path after the base URL, query rows and header rows, with the credential; arrays split into items', async () => {
		const scope = nock(API, {
			reqheaders: { authorization: `Bearer ${TOKEN}`, 'x-trace': 'abc' },
		})
			.get('/v1/pets/pet_1/vaccinations')
			.query({ since: '2024-01-01', 'tags[]': 'a b' })
			.reply(200, [{ id: 'v1' }, { id: 'v2' }]);
		const res = await run({
			requestMethod: 'GET',
			requestPath: '/pets/pet_1/vaccinations',
			requestQuery: {
				parameter: [
					{ name: 'since', value: '2024-01-01' },
					{ name: 'tags[]', value: 'a b' },
				],
			},
			requestHeaders: { header: [{ name: 'X-Trace', value: 'abc' }] },
		});
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toEqual([
			{ json: { id: 'v1' }, pairedItem: { item: 0 } },
			{ json: { id: 'v2' }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('POST: the JSON body as written, with the service idempotency key (the same on a retry)', async () => {
		const keys: string[] = [];
		const scope = nock(API)
			.post('/v1/pets/pet_1/notes', { text: 'hi', big: 12345678901234567890 })
			.reply(function () {
				keys.push(String(this.req.headers['idempotency-key']));
				return [503, { message: 'busy' }];
			})
			.post('/v1/pets/pet_1/notes', { text: 'hi', big: 12345678901234567890 })
			.reply(function () {
				keys.push(String(this.req.headers['idempotency-key']));
				return [201, { id: 'note_1' }];
			});
		const res = await run({
			requestMethod: 'POST',
			requestPath: 'pets/pet_1/notes',
			requestBody: '{"text": "hi", "big": 12345678901234567890}',
		});
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ id: 'note_1' }]);
		expect(keys).toHaveLength(2);
		expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
		expect(keys[1]).toBe(keys[0]);
		expect(scope.isDone()).toBe(true);
	});

	it('DELETE with an empty body sends no body', async () => {
		let body: unknown = 'unset';
		nock(API)
			.delete('/v1/pets/pet_1')
			.reply(function (_uri, b) {
				body = b;
				return [204];
			});
		const res = await run({ requestMethod: 'DELETE', requestPath: '/pets/pet_1', requestBody: '' });
		expect(res.error).toBeUndefined();
		expect(body).toBe('');
	});

	it('HEAD (no body either way) gives the status item every empty answer gives', async () => {
		const scope = nock(API).head('/v1/pets/pet_1').reply(200);
		const res = await run({ requestMethod: 'HEAD', requestPath: '/pets/pet_1' });
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ success: true, statusCode: 200 }]);
		expect(scope.isDone()).toBe(true);
	});

	it('a path with its own query string keeps it and adds the query rows after it', async () => {
		const scope = nock(API)
			.get('/v1/pets')
			.query({ species: 'cat', limit: '2' })
			.reply(200, { data: [] });
		const res = await run({
			requestPath: '/pets?species=cat',
			requestQuery: { parameter: [{ name: 'limit', value: '2' }] },
		});
		expect(res.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('a full URL on the same origin is accepted (another version prefix of the same API)', async () => {
		const scope = nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
			.get('/v2/status')
			.reply(200, { ok: true });
		const res = await run({ requestPath: 'https://petstore.example.test/v2/status' });
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ ok: true }]);
		expect(scope.isDone()).toBe(true);
	});

	it('sends the path as written: braces and spaces are encoded, existing escapes kept, nothing is a placeholder', async () => {
		const scope = nock(API).get('/v1/pets/%7Bid%7D/a%20b/x%2Fy').reply(200, { ok: true });
		const res = await run({ requestPath: '/pets/{id}/a b/x%2Fy' });
		expect(res.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('service errors read as they do for every other operation', async () => {
		nock(API)
			.get('/v1/pets/pet_9')
			.twice()
			.reply(404, { error: { message: 'No such pet' } });
		const custom = await run({ requestPath: '/pets/pet_9' });
		const builtIn = await run({ resource: 'pet', operation: 'get', petId: 'pet_9' });
		// The same engine text; the hint names the path the user wrote, as there is no field to name.
		expect([custom.error?.message, custom.error?.description]).toEqual([
			'Petstore: 404 Not Found – No such pet',
			'Petstore found nothing at GET /pets/pet_9. Check the endpoint path and that the resource exists.',
		]);
		expect(builtIn.error?.message).toBe(custom.error?.message);
	});

	it('a redirect to another origin is refused, and nothing is sent there', async () => {
		nock(API).get('/v1/go').reply(302, '', { location: 'https://evil.example.test/steal' });
		const evil = nock('https://evil.example.test').get(/.*/).reply(200, {});
		const res = await run({ requestPath: '/go' });
		expect(res.error?.message).toBe(
			'Petstore: refused to follow a redirect to https://evil.example.test, another origin',
		);
		expect(evil.isDone()).toBe(false);
	});
});

describe('refused before anything is sent', () => {
	const cases: Array<[string, Record<string, unknown>, string, string]> = [
		[
			'another host',
			{ requestPath: 'https://evil.example.test/v1/pets' },
			"The field 'Path' points to https://evil.example.test, but this connection only sends requests to https://petstore.example.test.",
			'Use a path relative to https://petstore.example.test/v1; for another host use the HTTP Request node with its own credential.',
		],
		[
			'another scheme on the same host',
			{ requestPath: 'http://petstore.example.test/v1/pets' },
			"The field 'Path' points to http://petstore.example.test, but this connection only sends requests to https://petstore.example.test.",
			'Use a path relative to https://petstore.example.test/v1; for another host use the HTTP Request node with its own credential.',
		],
		[
			'another port',
			{ requestPath: 'https://petstore.example.test:8443/v1/pets' },
			"The field 'Path' points to https://petstore.example.test:8443, but this connection only sends requests to https://petstore.example.test.",
			'Use a path relative to https://petstore.example.test/v1; for another host use the HTTP Request node with its own credential.',
		],
		[
			'a scheme-relative URL',
			{ requestPath: '//evil.example.test/v1/pets' },
			"The field 'Path' starts with '//', which names another host.",
			"Start the path with a single '/', e.g. /users/me (it is added to https://petstore.example.test/v1).",
		],
		[
			'a .. segment',
			{ requestPath: '/pets/../../admin' },
			"The field 'Path' contains a '..' segment, which would move the request to another path.",
			'Write the full path without . or .. segments.',
		],
		[
			'an encoded .. segment',
			{ requestPath: '/pets/%2e%2E/admin' },
			"The field 'Path' contains a '%2e%2E' segment, which would move the request to another path.",
			'Write the full path without . or .. segments.',
		],
		[
			'a dot segment hidden behind an encoded slash',
			{ requestPath: '/pets/..%2F..%2Fadmin' },
			"The field 'Path' contains a '..%2F..%2Fadmin' segment, which would move the request to another path.",
			'Write the full path without . or .. segments.',
		],
		[
			'a dot segment with a ;parameter (..;/)',
			{ requestPath: '/pets/..;/admin' },
			"The field 'Path' contains a '..;' segment, which would move the request to another path.",
			'Write the full path without . or .. segments.',
		],
		[
			'a . segment in a full URL',
			{ requestPath: 'https://petstore.example.test/v1/./pets' },
			"The field 'Path' contains a '.' segment, which would move the request to another path.",
			'Write the full path without . or .. segments.',
		],
		[
			'a backslash',
			{ requestPath: '/pets\\..\\admin' },
			"The field 'Path' contains a backslash or a control character.",
			'Write the path with forward slashes; percent-encode anything else (e.g. %5C).',
		],
		[
			'a line break',
			{ requestPath: '/pets\r\nX-Evil: 1' },
			"The field 'Path' contains a backslash or a control character.",
			'Write the path with forward slashes; percent-encode anything else (e.g. %5C).',
		],
		[
			'a user name and password in the URL',
			{ requestPath: 'https://me:pw@petstore.example.test/v1/pets' },
			"The field 'Path' contains a user name or password.",
			'Remove them: the connection authenticates the request.',
		],
		[
			'an empty path',
			{ requestPath: '  ' },
			"The field 'Path' is empty.",
			'Enter a path such as /users/me.',
		],
		[
			'an Authorization header',
			{
				requestPath: '/pets',
				requestHeaders: { header: [{ name: 'Authorization', value: 'Bearer x' }] },
			},
			"The header 'Authorization' cannot be set here: the connection and the engine set it.",
			'Remove it; authentication comes from the credential.',
		],
		[
			'a Host header',
			{
				requestPath: '/pets',
				requestHeaders: { header: [{ name: 'host', value: 'evil.example.test' }] },
			},
			"The header 'host' cannot be set here: the connection and the engine set it.",
			'Remove it; authentication comes from the credential.',
		],
		[
			'a header value with a line break',
			{ requestPath: '/pets', requestHeaders: { header: [{ name: 'X-A', value: 'a\r\nX-B: b' }] } },
			"The value of the header 'X-A' contains a line break.",
			'Enter the value on one line.',
		],
		[
			'an invalid header name',
			{ requestPath: '/pets', requestHeaders: { header: [{ name: 'X A', value: '1' }] } },
			"The header name 'X A' is not valid.",
			'Use letters, digits and - only, e.g. X-Request-Id.',
		],
		[
			'a body that is not an object or array',
			{ requestMethod: 'POST', requestPath: '/pets', requestBody: '42' },
			"The field 'Body' must be a JSON object or array.",
			'Enter JSON such as {"name": "value"}, or leave it empty.',
		],
	];

	it.each(cases)('%s', async (_name, parameters, message, description) => {
		// Any request at all would fail the test: no interceptor exists and the network is off.
		const res = await run(parameters);
		expect([res.error?.message, res.error?.description]).toEqual([message, description]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('invalid JSON in Body names the field and the fix', async () => {
		const res = await run({ requestMethod: 'POST', requestPath: '/pets', requestBody: '{"a":' });
		expect(res.error?.message).toMatch(/^The field 'Body' is not valid JSON/);
		expect(res.error?.description).toBe(
			'Fix the JSON: quotes around keys and strings, no trailing commas.',
		);
	});
});

describe('on a shipped service node', () => {
	const GHE = 'https://ghe.example.test';
	const token = 'ghp_customrequest0000000000000000000000';
	const github = (parameters: Record<string, unknown>, server: string) =>
		driveClock(
			clock,
			runNode({
				nodeTypes: [new Github()],
				credentialTypes: [new ApiConnGithubApi()],
				credentials: { apiConnGithubApi: { server, accessToken: token } },
				node: {
					type: 'github',
					parameters: { resource: 'customRequest', operation: 'send', ...parameters } as never,
				},
			}),
		);

	beforeEach(() => useRuntime({ clock, random: () => 0.5, observers: [] }));

	it("uses the base URL the credential resolves and the service's own headers", async () => {
		const scope = nock(`${GHE}`, {
			reqheaders: {
				authorization: `Bearer ${token}`,
				accept: 'application/vnd.github+json',
				'x-github-api-version': '2022-11-28',
			},
		})
			.get('/api/v3/rate_limit')
			.reply(200, { resources: {} });
		const res = await github({ requestPath: '/rate_limit' }, `${GHE}/api/v3`);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ resources: {} }]);
		expect(scope.isDone()).toBe(true);
	});

	it("refuses the public API's URL when the connection is an enterprise server (the token stays there)", async () => {
		const res = await github({ requestPath: 'https://api.github.com/user' }, `${GHE}/api/v3`);
		expect(res.error?.message).toBe(
			"The field 'Path' points to https://api.github.com, but this connection only sends requests to https://ghe.example.test.",
		);
		expect(nock.pendingMocks()).toEqual([]);
	});
});
