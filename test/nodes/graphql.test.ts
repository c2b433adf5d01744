import nock from 'nock';

import { CustomApiBearerApi } from '../../credentials/CustomApiBearerApi.credentials';
import { CustomApiKeyApi } from '../../credentials/CustomApiKeyApi.credentials';
import { GraphQlApi } from '../../nodes/GraphQl/GraphQlApi.node';
import { runNode, type RunNodeOptions } from '../harness';
import { expectNoSecrets } from '../helpers/secrets';

const API = 'https://gql.example.test';

function run(
	parameters: RunNodeOptions['node']['parameters'],
	extra: Partial<RunNodeOptions> = {},
) {
	const { node, ...rest } = extra;
	return runNode({
		nodeTypes: [new GraphQlApi()],
		credentialTypes: [new CustomApiBearerApi(), new CustomApiKeyApi()],
		node: { ...node, type: 'graphQlApi', parameters },
		...rest,
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const query = 'query User($id: ID!) { user(id: $id) { id name } }';

describe('GraphQL node', () => {
	it('POSTs query, variables and operation name as JSON with no auth', async () => {
		const scope = nock(API, { reqheaders: { 'content-type': 'application/json' } })
			.post('/graphql', { query, variables: { id: '7' }, operationName: 'User' })
			.reply(200, { data: { user: { id: '7', name: 'Ada' } } });
		const res = await run({
			authentication: 'none',
			endpointUrl: `${API}/graphql`,
			requestMethod: 'POST',
			query,
			variables: '{"id":"7"}',
			operationName: 'User',
		});
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toEqual([
			{ json: { data: { user: { id: '7', name: 'Ada' } } }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('uses the credential base URL + endpoint and its bearer token', async () => {
		const scope = nock(API, { reqheaders: { authorization: 'Bearer gql_tok_123456' } })
			.post('/v2/graphql', { query: '{ viewer { login } }' })
			.reply(200, { data: { viewer: { login: 'ada' } } });
		const res = await run(
			{
				authentication: 'bearerToken',
				endpoint: '/graphql',
				requestMethod: 'POST',
				query: '{ viewer { login } }',
				variables: '{}',
			},
			{
				credentials: {
					customApiBearerApi: {
						baseUrl: `${API}/v2`,
						accessToken: 'gql_tok_123456',
						testPath: '/',
					},
				},
			},
		);
		expect(res.outputs[0][0].json).toEqual({ data: { viewer: { login: 'ada' } } });
		expect(scope.isDone()).toBe(true);
	});

	it('sends GET queries in the query string with JSON-encoded variables', async () => {
		const scope = nock(API)
			.get('/graphql')
			.query({ query, variables: '{"id":"1"}' })
			.reply(200, { data: { user: null } });
		const res = await run({
			authentication: 'none',
			endpointUrl: `${API}/graphql`,
			requestMethod: 'GET',
			query,
			variables: '{"id":"1"}',
			operationName: '',
		});
		expect(res.outputs[0][0].json).toEqual({ data: { user: null } });
		expect(scope.isDone()).toBe(true);
	});

	it('turns a response with errors into a clear node error', async () => {
		nock(API)
			.post('/graphql')
			.reply(200, {
				data: null,
				errors: [
					{ message: 'Field "nme" does not exist', path: ['user', 'nme'] },
					{ message: 'second' },
				],
			});
		const res = await run({
			authentication: 'none',
			endpointUrl: `${API}/graphql`,
			requestMethod: 'POST',
			query,
			variables: '{"id":"1"}',
		});
		expect(res.error?.message).toBe('GraphQL error: Field "nme" does not exist (at user.nme)');
		expect(res.error?.description).toContain('with 2 GraphQL error(s)');
		expect(res.error?.description).toContain('second');
	});

	it('under Continue On Fail, an item with GraphQL errors becomes an error item, the others pass', async () => {
		nock(API)
			.post('/graphql', (b) => b.variables.id === '1')
			.reply(200, { data: { user: { id: '1' } } });
		nock(API)
			.post('/graphql', (b) => b.variables.id === '2')
			.reply(200, { errors: [{ message: 'not allowed' }] });
		const res = await run(
			{
				authentication: 'none',
				endpointUrl: `${API}/graphql`,
				requestMethod: 'POST',
				query,
				variables: '={{ JSON.stringify({ id: $json.id }) }}',
			},
			{
				input: [{ json: { id: '1' } }, { json: { id: '2' } }],
				node: { continueOnFail: true } as RunNodeOptions['node'],
			},
		);
		expect(res.outputs[0][0]).toEqual({
			json: { data: { user: { id: '1' } } },
			pairedItem: { item: 0 },
		});
		expect(res.outputs[0][1].json.error).toBe('GraphQL error: not allowed');
		expect(res.outputs[0][1].pairedItem).toEqual({ item: 1 });
	});

	it('names invalid variables and an empty query', async () => {
		const bad = await run({
			authentication: 'none',
			endpointUrl: `${API}/graphql`,
			requestMethod: 'POST',
			query,
			variables: '[1]',
		});
		expect(bad.error?.message).toBe(
			"The field 'Variables' is not a valid JSON object: it must be a JSON object",
		);
		const empty = await run({
			authentication: 'none',
			endpointUrl: `${API}/graphql`,
			requestMethod: 'POST',
			query: '  ',
			variables: '{}',
		});
		expect(empty.error?.message).toBe(
			"The field 'Query' is empty. Enter a GraphQL query or mutation.",
		);
	});

	it('API key in the query string never appears in the error', async () => {
		nock(API)
			.post('/graphql')
			.query({ key: 'gql_key_987654' })
			.reply(500, { message: 'boom for gql_key_987654' });
		const res = await run(
			{
				authentication: 'apiKey',
				endpoint: '/graphql',
				requestMethod: 'POST',
				query,
				variables: '{}',
			},
			{
				credentials: {
					customApiKeyApi: {
						baseUrl: API,
						apiKey: 'gql_key_987654',
						keyLocation: 'query',
						keyName: 'key',
						keyPrefix: '',
						testPath: '/',
					},
				},
			},
		);
		expect(res.error?.message).toBe(
			'Custom API: 500 Internal Server Error – boom for [redacted]'.replace(
				'Custom API',
				'GraphQL API',
			),
		);
		expectNoSecrets(res, ['gql_key_987654']);
	});
});
