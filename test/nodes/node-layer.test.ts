/**
 * What the node layer does with items and parameters (issue 10 items 2, 5, 10, 11, 12, 14a), inside real n8n
 * workflows: n8n's two "On Error: Continue" modes, idempotency keys that survive "Retry On Fail", integers
 * beyond 2^53, wrong types from expressions, downloaded file names with `%`, and Max Attempts by expression.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ApiConnStripeApi } from '../../credentials/ApiConnStripeApi.credentials';
import { buildDescription } from '../../lib/builder/description';
import { useRuntime } from '../../lib/runtime';
import { executeSpec } from '../../lib/builder/execute';
import type { ServiceDefinition } from '../../lib/spec/types';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { GraphQlApi } from '../../nodes/GraphQl/GraphQlApi.node';
import { Stripe } from '../../nodes/Stripe/Stripe.node';
import { petstore, PetstoreApi } from '../fixtures/petstore';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../harness';

/* A loopback server that records every request's raw body (nock parses JSON bodies, which rounds big integers). */
interface Seen {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}
type Reply = [number, unknown, Record<string, string>?];
let server: Server;
let url: string;
let seen: Seen[];
let replies: Array<Reply | ((req: Seen) => Reply)>;

beforeAll(async () => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const entry: Seen = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			seen.push(entry);
			const next = replies.shift() ?? [500, { message: 'no reply queued' }];
			const [status, body, headers] = typeof next === 'function' ? next(entry) : next;
			const isBuffer = Buffer.isBuffer(body);
			res.writeHead(status, {
				'content-type': isBuffer ? 'application/octet-stream' : 'application/json',
				...(headers ?? {}),
			});
			res.end(isBuffer ? body : JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
	seen = [];
	replies = [];
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
	nock.enableNetConnect();
	await new Promise((resolve) => server.close(resolve));
});

const custom = (parameters: INodeParameters, extra: Partial<RunNodeOptions> = {}) => {
	const { node, ...rest } = extra;
	return runNode({
		nodeTypes: [new CustomApi()],
		node: {
			...node,
			type: 'customApi',
			parameters: { authentication: 'none', baseUrl: url, ...parameters },
		},
		...rest,
	});
};

/** The Petstore fixture served by the loopback server. */
function localPetstore(): INodeType {
	const def: ServiceDefinition = { ...petstore, spec: { ...petstore.spec, baseUrl: `${url}/v1` } };
	return new (class implements INodeType {
		description: INodeTypeDescription = buildDescription(def.spec, { icon: 'file:petstore.svg' });
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await executeSpec(this, def);
		}
	})();
}
const pets = (parameters: INodeParameters, extra: Partial<RunNodeOptions> = {}) => {
	const { node, ...rest } = extra;
	return runNode({
		nodeTypes: [localPetstore()],
		credentialTypes: [new PetstoreApi()],
		credentials: { petstoreApi: { accessToken: 'pet_tok_123456' } },
		node: { ...node, type: 'petstore', parameters },
		...rest,
	});
};

const getById = {
	method: 'GET',
	endpoint: '/items/{id}',
	pathVariables: { variable: [{ name: 'id', value: '={{$json.id}}' }] },
};
const notFound = 'Custom API: 404 Not Found – gone';
const twoItems = [{ json: { id: 1, keep: 'a' } }, { json: { id: 2, keep: 'b' } }];

describe('On Error (item 2): both n8n modes, as n8n’s own nodes do them', () => {
	beforeEach(() => {
		replies = [
			(r) => (r.url === '/items/1' ? [200, { id: 1 }] : [404, { message: 'gone' }]),
			(r) => (r.url === '/items/1' ? [200, { id: 1 }] : [404, { message: 'gone' }]),
		];
	});

	it('"Continue (using error output)": successes on output 0, the failed item on the error output, merged with its input and paired', async () => {
		const res = await custom(getById, {
			input: twoItems,
			node: { onError: 'continueErrorOutput' } as RunNodeOptions['node'],
		});
		expect(res.error).toBeUndefined();
		expect(res.outputs).toHaveLength(2);
		expect(res.outputs[0]).toEqual([{ json: { id: 1 }, pairedItem: { item: 0 } }]);
		expect(res.outputs[1]).toHaveLength(1);
		const [failed] = res.outputs[1];
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(failed.json).toEqual({
			id: 2,
			keep: 'b',
			error: notFound,
			details: expect.stringContaining("Custom API found nothing at GET /items/{id} for id '2'."),
		});
		expect(seen.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
			'GET /items/1',
			'GET /items/2',
		]);
	});

	it('"Continue" (regular output): the error item stays on output 0 as { error, description }, paired, with no error output', async () => {
		const res = await custom(getById, {
			input: twoItems,
			node: { onError: 'continueRegularOutput' } as RunNodeOptions['node'],
		});
		expect(res.error).toBeUndefined();
		expect(res.outputs).toHaveLength(1);
		expect(res.outputs[0][0]).toEqual({ json: { id: 1 }, pairedItem: { item: 0 } });
		expect(res.outputs[0][1]).toEqual({
			json: {
				error: notFound,
				description: expect.stringContaining(
					"Custom API found nothing at GET /items/{id} for id '2'.",
				),
			},
			pairedItem: { item: 1 },
		});
	});

	it('spec-built nodes (field validation before any request) route to the error output too', async () => {
		replies = [[200, { id: 'pet_1' }]];
		const res = await pets(
			{ resource: 'pet', operation: 'get', petId: '={{$json.id}}' },
			{
				input: [{ json: { id: 'pet_1' } }, { json: { id: 'NOT VALID' } }],
				node: { onError: 'continueErrorOutput' } as RunNodeOptions['node'],
			},
		);
		expect(res.outputs[0]).toEqual([{ json: { id: 'pet_1' }, pairedItem: { item: 0 } }]);
		expect(res.outputs[1]).toHaveLength(1);
		expect(res.outputs[1][0].pairedItem).toEqual({ item: 1 });
		expect(res.outputs[1][0].json).toEqual({
			id: 'NOT VALID',
			error: "The field 'Pet ID' has an invalid format ('NOT VALID').",
			details: 'Pet IDs look like pet_123.',
		});
		expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/pets/pet_1']);
	});

	it('GraphQL errors go to the error output', async () => {
		replies = [
			(r) =>
				JSON.parse(r.body).variables.id === '1'
					? [200, { data: { user: { id: '1' } } }]
					: [200, { errors: [{ message: 'not allowed' }] }],
		];
		replies.push(replies[0]);
		const res = await runNode({
			nodeTypes: [new GraphQlApi()],
			node: {
				type: 'graphQlApi',
				onError: 'continueErrorOutput',
				parameters: {
					authentication: 'none',
					endpointUrl: `${url}/graphql`,
					requestMethod: 'POST',
					query: 'query ($id: ID!) { user(id: $id) { id } }',
					variables: '={{ JSON.stringify({ id: $json.id }) }}',
				},
			},
			input: [{ json: { id: '1' } }, { json: { id: '2' } }],
		});
		expect(res.outputs[0]).toEqual([
			{ json: { data: { user: { id: '1' } } }, pairedItem: { item: 0 } },
		]);
		expect(res.outputs[1].map((i) => [i.json.id, i.json.error, i.pairedItem])).toEqual([
			['2', 'GraphQL error: not allowed', { item: 1 }],
		]);
	});
});

describe('Retry On Fail (item 5): the idempotency key is derived, so a re-run of the node reuses it', () => {
	const pi = { id: 'pi_1', object: 'payment_intent', amount: 2000, currency: 'usd' };
	const expectedKey = (executionId: string, itemIndex: number, operation: string, sequence = 0) => {
		const parts = [
			executionId,
			'node-under-test',
			0,
			itemIndex,
			'stripe',
			operation,
			...(sequence ? [sequence] : []),
		];
		const h = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
		const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
	};
	const stripe = (
		extra: Omit<Partial<RunNodeOptions>, 'node'> & { node?: Partial<RunNodeOptions['node']> } = {},
	) => {
		const { node, ...rest } = extra;
		return runNode({
			nodeTypes: [new Stripe()],
			credentialTypes: [new ApiConnStripeApi()],
			credentials: { apiConnStripeApi: { secretKey: 'sk_test_51AbCdEfGhIjKlMnOpQrStUv' } },
			node: {
				...node,
				type: 'stripe',
				parameters: {
					resource: 'paymentIntent',
					operation: 'create',
					amount: 2000,
					currency: 'usd',
					options: { maxAttempts: 1, timeoutSeconds: 1 },
				},
			},
			...rest,
		});
	};

	it('a first attempt that times out and n8n’s re-run send the same key: one payment', async () => {
		const keys: string[] = [];
		const record = (status: number, body: object) =>
			function (this: { req: { headers: Record<string, string> } }): [number, object] {
				keys.push(this.req.headers['idempotency-key']);
				return [status, body];
			};
		// The first attempt gets no answer within the 1 s timeout; Max Attempts 1 leaves the retry to n8n.
		nock('https://api.stripe.com')
			.post('/v1/payment_intents', 'amount=2000&currency=usd')
			.delay(1500)
			.reply(record(200, pi))
			.post('/v1/payment_intents', 'amount=2000&currency=usd')
			.reply(record(200, pi));
		const res = await stripe({
			executionId: 'exec-41',
			node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 },
		});
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toEqual([{ json: pi, pairedItem: { item: 0 } }]);
		expect(keys).toEqual([
			expectedKey('exec-41', 0, 'POST /payment_intents'),
			expectedKey('exec-41', 0, 'POST /payment_intents'),
		]);
	}, 15_000);

	it('another execution, and another item, get another key', async () => {
		const keys: string[] = [];
		nock('https://api.stripe.com')
			.post('/v1/payment_intents')
			.times(3)
			.matchHeader('idempotency-key', (k) => (keys.push(k), true))
			.reply(200, pi);
		await stripe({ executionId: 'exec-1' });
		await stripe({ executionId: 'exec-2', input: [{ json: {} }, { json: {} }] });
		expect(keys).toEqual([
			expectedKey('exec-1', 0, 'POST /payment_intents'),
			expectedKey('exec-2', 0, 'POST /payment_intents'),
			expectedKey('exec-2', 1, 'POST /payment_intents'),
		]);
		expect(new Set(keys).size).toBe(3);
	});

	it('two writes of one item (a two-step hook) carry two keys, each stable', async () => {
		const sent: string[] = [];
		const keys: string[] = [];
		const record = (body: object) =>
			function (
				this: { req: { method: string; path: string; headers: Record<string, string> } },
				uri: string,
			): [number, object] {
				sent.push(`POST ${uri}`);
				keys.push(this.req.headers['idempotency-key']);
				return [200, body];
			};
		nock('https://petstore.example.test')
			.post('/v1/adoptions')
			.times(2)
			.reply(record({ id: 'ad_1' }))
			.post('/v1/adoptions/ad_1/confirm')
			.times(2)
			.reply(record({ status: 'confirmed' }));
		const adopt = { resource: 'adoption', operation: 'adopt', petId: 'pet_1' };
		await pets(adopt, { executionId: 'exec-7' });
		await pets(adopt, { executionId: 'exec-7' });
		expect(sent).toEqual([
			'POST /v1/adoptions',
			'POST /v1/adoptions/ad_1/confirm',
			'POST /v1/adoptions',
			'POST /v1/adoptions/ad_1/confirm',
		]);
		expect(keys[0]).not.toBe(keys[1]);
		expect([keys[2], keys[3]]).toEqual([keys[0], keys[1]]);
	});
});

describe('integers beyond 2^53 (item 10)', () => {
	const big =
		'{"id": 12345678901234567890, "list": [1, -99999999999999999999, 2.5], "safe": 9007199254740991, "nested": {"n": 18446744073709551615}}';

	it('Custom API JSON Body: sent digit for digit', async () => {
		replies = [[200, { ok: true }]];
		const res = await custom({
			method: 'POST',
			endpoint: '/orders',
			bodyContentType: 'json',
			jsonBody: big,
		});
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].body).toBe(
			'{"id":12345678901234567890,"list":[1,-99999999999999999999,2.5],"safe":9007199254740991,"nested":{"n":18446744073709551615}}',
		);
	});

	it('a spec JSON field (JSON body) and GraphQL variables (POST and GET): sent digit for digit', async () => {
		replies = [
			[200, { id: 'pet_1' }],
			[200, { data: {} }],
			[200, { data: {} }],
		];
		await pets({
			resource: 'pet',
			operation: 'update',
			petId: 'pet_1',
			additionalFields: { tags: '[12345678901234567890]' },
		});
		const gql = (requestMethod: string) =>
			runNode({
				nodeTypes: [new GraphQlApi()],
				node: {
					type: 'graphQlApi',
					parameters: {
						authentication: 'none',
						endpointUrl: `${url}/graphql`,
						requestMethod,
						query: '{ x }',
						variables: '{"id": 12345678901234567890}',
					},
				},
			});
		await gql('POST');
		await gql('GET');
		expect(seen[0].body).toBe('{"profile":{"tags":[12345678901234567890]}}');
		expect(seen[1].body).toBe('{"query":"{ x }","variables":{"id":12345678901234567890}}');
		expect(decodeURIComponent(seen[2].url)).toBe(
			'/graphql?query={ x }&variables={"id":12345678901234567890}',
		);
	});

	it('Stripe Amount beyond 2^53 (text or number) is refused naming the field, and nothing is sent', async () => {
		const scope = nock('https://api.stripe.com').post(/.*/).reply(200, {});
		for (const amount of ['12345678901234567890', 12345678901234567890]) {
			const res = await runNode({
				nodeTypes: [new Stripe()],
				credentialTypes: [new ApiConnStripeApi()],
				credentials: { apiConnStripeApi: { secretKey: 'sk_test_51AbCdEfGhIjKlMnOpQrStUv' } },
				node: {
					type: 'stripe',
					parameters: { resource: 'paymentIntent', operation: 'create', amount, currency: 'usd' },
				},
			});
			expect(res.error).toMatchObject({
				message: `The field 'Amount' is too large to be sent exactly (got ${amount === 12345678901234567890 ? '12345678901234567000' : amount}; the largest is 9007199254740991).`,
				description:
					"Enter a smaller number in 'Amount'. Numbers beyond 2^53 lose digits in n8n; an id this long must be sent as text.",
			});
		}
		expect(scope.isDone()).toBe(false);
	});
});

describe('wrong types from expressions (item 11) name the field and the value', () => {
	const failsWith = async (res: Promise<RunNodeResult>, message: string) => {
		const { error } = await res;
		expect(error?.message).toBe(message);
		expect(seen).toEqual([]);
	};

	it('a numeric Endpoint', () =>
		custom({ method: 'GET', endpoint: '={{ 42 }}' }).then((r) => {
			expect(r.error).toMatchObject({
				message: "The field 'Endpoint' must be text, got a number (42).",
				description:
					"Set 'Endpoint' to text. If an expression fills it, make the expression return text, e.g. {{ String($json.value) }}.",
			});
			expect(seen).toEqual([]);
		}));

	it('an object GraphQL Query', () =>
		failsWith(
			runNode({
				nodeTypes: [new GraphQlApi()],
				node: {
					type: 'graphQlApi',
					parameters: {
						authentication: 'none',
						endpointUrl: `${url}/graphql`,
						query: '={{ { a: 1 } }}',
					},
				},
			}),
			`The field 'Query' must be text, got an object ({"a":1}).`,
		));

	it('an object path variable is refused instead of sent as [object Object]', () =>
		failsWith(
			custom(
				{ ...getById, pathVariables: { variable: [{ name: 'id', value: '={{ $json.user }}' }] } },
				{ input: [{ json: { user: { id: 7 } } }] },
			),
			`The field 'Path Variables' has an object ({"id":7}) for 'id'.`,
		));

	it('a Limit of "ten" (Custom API and spec nodes)', async () => {
		await failsWith(
			custom({
				method: 'GET',
				endpoint: '/things',
				pagination: 'cursor',
				returnAll: false,
				limit: '={{ "ten" }}',
			}),
			"The field 'Limit' must be a number, got text ('ten').",
		);
		await failsWith(
			pets({ resource: 'pet', operation: 'getMany', returnAll: false, limit: '={{ "ten" }}' }),
			"The field 'Limit' must be a number, got text ('ten').",
		);
	});

	it('a numeric text Limit still works', async () => {
		replies = [[200, { data: [{ id: 'a' }, { id: 'b' }], has_more: true }]];
		const res = await pets({
			resource: 'pet',
			operation: 'getMany',
			returnAll: false,
			limit: '={{ "2" }}',
		});
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ id: 'a' }, { id: 'b' }]);
		expect(seen.map((r) => r.url)).toEqual(['/v1/pets?limit=2']);
	});

	it('a spec text field given an object', () =>
		failsWith(
			pets({ resource: 'pet', operation: 'create', name: '={{ { first: "Rex" } }}' }),
			`The field 'Name' must be text, got an object ({"first":"Rex"}).`,
		));
});

describe('Max Attempts by expression (item 14, first half)', () => {
	it('1e6 is refused naming the option, before any request', async () => {
		const res = await custom({
			method: 'GET',
			endpoint: '/x',
			options: { maxAttempts: '={{ 1e6 }}' },
		});
		expect(res.error).toMatchObject({
			message: "The field 'Max Attempts' must be at most 10 (got 1000000).",
			description: "Lower 'Max Attempts' to 10 or less.",
		});
		expect(seen).toEqual([]);
	});

	it('0 and 2.5 are refused too; a valid value by expression is used as given', async () => {
		expect(
			(await custom({ method: 'GET', endpoint: '/x', options: { maxAttempts: 0 } })).error?.message,
		).toBe("The field 'Max Attempts' must be at least 1 (got 0).");
		expect(
			(await custom({ method: 'GET', endpoint: '/x', options: { maxAttempts: 2.5 } })).error
				?.message,
		).toBe("The field 'Max Attempts' must be a whole number (got 2.5).");
		expect(seen).toEqual([]);
		// Text from an expression is a number too: "2" means two attempts (retry waits in virtual time).
		const clock = new FakeClock();
		useRuntime({ clock, random: () => 0.5 });
		try {
			replies = [
				[503, { message: 'busy' }],
				[503, { message: 'busy' }],
				[200, { late: true }],
			];
			const res = await driveClock(
				clock,
				custom({ method: 'GET', endpoint: '/x', options: { maxAttempts: '={{ "2" }}' } }),
			);
			expect(res.error?.message).toBe('Custom API: 503 Service Unavailable – busy');
			expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /x', 'GET /x']);
		} finally {
			useRuntime();
		}
	});
});

describe('downloaded file names (item 12)', () => {
	const download = (disposition: string, endpoint = '/files/1') => {
		replies = [
			[
				200,
				Buffer.from('%PDF-1.7'),
				{ 'content-type': 'application/pdf', 'content-disposition': disposition },
			],
		];
		return custom({ method: 'GET', endpoint, responseFormat: 'binary' });
	};

	it('a plain filename with % is taken literally', async () => {
		const res = await download('attachment; filename="report 100%.pdf"');
		expect(res.error).toBeUndefined();
		expect(res.outputs[0][0].binary?.data).toMatchObject({
			fileName: 'report 100%.pdf',
			mimeType: 'application/pdf',
		});
	});

	it('filename* (RFC 5987) is percent-decoded and wins; a bad escape stays as written', async () => {
		expect(
			(
				await download(
					`attachment; filename="resume.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20100%25.pdf`,
				)
			).outputs[0][0].binary?.data.fileName,
		).toBe('résumé 100%.pdf');
		expect(
			(await download(`attachment; filename*=UTF-8''100%.pdf`)).outputs[0][0].binary?.data.fileName,
		).toBe('100%.pdf');
	});

	it('without a header, the URL’s last segment, decoded', async () => {
		replies = [[200, Buffer.from('%PDF-1.7'), { 'content-type': 'application/pdf' }]];
		const res = await custom({
			method: 'GET',
			endpoint: '/files/{name}',
			responseFormat: 'binary',
			pathVariables: { variable: [{ name: 'name', value: 'q3 100%.pdf' }] },
		});
		expect(seen[0]?.url).toBe('/files/q3%20100%25.pdf');
		expect(res.outputs[0][0].binary?.data.fileName).toBe('q3 100%.pdf');
	});
});
