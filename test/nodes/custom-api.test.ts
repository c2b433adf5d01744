import nock from 'nock';

import { CustomApiBasicAuthApi } from '../../credentials/CustomApiBasicAuthApi.credentials';
import { CustomApiBearerApi } from '../../credentials/CustomApiBearerApi.credentials';
import { CustomApiKeyApi } from '../../credentials/CustomApiKeyApi.credentials';
import { CustomApiOAuth2Api } from '../../credentials/CustomApiOAuth2Api.credentials';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { useRuntime } from '../../lib/runtime';
import type { ErrorLogEntry } from '../../lib/retry/error-log';
import { HarnessCredentialsHelper, runNode, testCredential, type RunNodeOptions } from '../harness';
import { expectNoSecrets } from '../helpers/secrets';

const API = 'https://api.example.test';
const credentialTypes = [
	new CustomApiKeyApi(),
	new CustomApiBasicAuthApi(),
	new CustomApiBearerApi(),
	new CustomApiOAuth2Api(),
];

function run(
	parameters: RunNodeOptions['node']['parameters'],
	extra: Partial<RunNodeOptions> = {},
) {
	const { node, ...rest } = extra;
	return runNode({
		nodeTypes: [new CustomApi()],
		credentialTypes,
		node: { ...node, type: 'customApi', parameters },
		...rest,
	});
}

const json = (res: Awaited<ReturnType<typeof run>>) => res.outputs[0].map((i) => i.json);

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.abortPendingRequests();
	nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('Custom API: requests', () => {
	it('GET with path variables, query and headers, no auth', async () => {
		const scope = nock(API, { reqheaders: { 'x-trace': 'abc', accept: /application\/json/ } })
			.get('/v1/users/a%2Fb/posts')
			.query({ page: '2', q: 'x y' })
			.reply(200, { id: 7, name: 'Ada' });
		const res = await run({
			authentication: 'none',
			baseUrl: `${API}/v1/`,
			method: 'GET',
			endpoint: '/users/{userId}/posts',
			pathVariables: { variable: [{ name: 'userId', value: 'a/b' }] },
			queryParameters: {
				parameter: [
					{ name: 'page', value: '2' },
					{ name: 'q', value: 'x y' },
				],
			},
			headerParameters: { header: [{ name: 'X-Trace', value: 'abc' }] },
		});
		expect(res.error).toBeUndefined();
		expect(res.outputs[0]).toEqual([{ json: { id: 7, name: 'Ada' }, pairedItem: { item: 0 } }]);
		expect(scope.isDone()).toBe(true);
	});

	it('splits an array response into items, one request per input item, paired to its item', async () => {
		nock(API)
			.get('/items/1')
			.reply(200, [{ n: 1 }, { n: 2 }]);
		nock(API)
			.get('/items/2')
			.reply(200, [{ n: 3 }]);
		const res = await run(
			{
				authentication: 'none',
				baseUrl: API,
				method: 'GET',
				endpoint: '/items/{id}',
				pathVariables: { variable: [{ name: 'id', value: '={{$json.id}}' }] },
			},
			{ input: [{ json: { id: 1 } }, { json: { id: 2 } }] },
		);
		expect(res.outputs[0]).toEqual([
			{ json: { n: 1 }, pairedItem: { item: 0 } },
			{ json: { n: 2 }, pairedItem: { item: 0 } },
			{ json: { n: 3 }, pairedItem: { item: 1 } },
		]);
	});

	it('POST with a JSON body', async () => {
		const scope = nock(API, { reqheaders: { 'content-type': 'application/json' } })
			.post('/orders', { sku: 'A-1', qty: 2, tags: ['x'] })
			.reply(201, { id: 'ord_1' });
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'POST',
			endpoint: '/orders',
			bodyContentType: 'json',
			jsonBody: '{"sku":"A-1","qty":2,"tags":["x"]}',
		});
		expect(json(res)).toEqual([{ id: 'ord_1' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('POST with a form body (bracket keys kept readable)', async () => {
		let body = '';
		let type = '';
		nock(API)
			.post('/customers', (b) => {
				body = typeof b === 'string' ? b : new URLSearchParams(b).toString();
				return true;
			})
			.reply(function (_uri, requestBody) {
				type = String(this.req.headers['content-type']);
				body = String(requestBody);
				return [200, { ok: true }];
			});
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'POST',
			endpoint: '/customers',
			bodyContentType: 'form',
			formFields: {
				field: [
					{ name: 'email', value: 'a@b.c' },
					{ name: 'metadata[plan]', value: 'pro & co' },
				],
			},
		});
		expect(json(res)).toEqual([{ ok: true }]);
		expect(type).toBe('application/x-www-form-urlencoded');
		expect(body).toBe('email=a%40b.c&metadata[plan]=pro%20%26%20co');
	});

	it('PUT with a raw body and its content type', async () => {
		const scope = nock(API, { reqheaders: { 'content-type': 'application/xml' } })
			.put('/doc', '<a>1</a>')
			.reply(200, 'stored', { 'content-type': 'text/plain' });
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'PUT',
			endpoint: '/doc',
			bodyContentType: 'raw',
			rawBody: '<a>1</a>',
			rawContentType: 'application/xml',
			responseFormat: 'text',
		});
		expect(json(res)).toEqual([{ data: 'stored' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('returns a file as binary data', async () => {
		const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);
		nock(API).get('/files/logo.png').reply(200, bytes, { 'content-type': 'image/png' });
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'GET',
			endpoint: '/files/logo.png',
			responseFormat: 'binary',
			binaryPropertyName: 'file',
		});
		const item = res.outputs[0][0];
		expect(item.json).toEqual({});
		expect(item.binary?.file.mimeType).toBe('image/png');
		expect(item.binary?.file.fileName).toBe('logo.png');
		expect(Buffer.from(item.binary!.file.data, 'base64')).toEqual(bytes);
	});

	it('full response option outputs status, headers and body', async () => {
		nock(API).get('/ping').reply(200, { pong: true }, { 'x-request-id': 'r-1' });
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'GET',
			endpoint: '/ping',
			options: { fullResponse: true },
		});
		const out = json(res)[0] as {
			statusCode: number;
			headers: Record<string, string>;
			body: unknown;
		};
		expect(out.statusCode).toBe(200);
		expect(out.headers['x-request-id']).toBe('r-1');
		expect(out.body).toEqual({ pong: true });
	});
});

describe('Custom API: more methods and options', () => {
	it('HEAD answers an item with the status (no body)', async () => {
		const scope = nock(API).head('/exists').reply(200);
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'HEAD',
			endpoint: '/exists',
		});
		expect(res.outputs[0]).toEqual([
			{ json: { success: true, statusCode: 200 }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('DELETE with a JSON body', async () => {
		const scope = nock(API).delete('/items/9', { reason: 'dup' }).reply(204);
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'DELETE',
			endpoint: '/items/9',
			bodyContentType: 'json',
			jsonBody: '{"reason":"dup"}',
		});
		expect(res.outputs[0][0].json).toEqual({ success: true, statusCode: 204 });
		expect(scope.isDone()).toBe(true);
	});

	it('Timeout option: a server slower than the timeout fails the item with a clear error', async () => {
		nock(API).get('/slow').delay(1500).reply(200, { late: true });
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'GET',
			endpoint: '/slow',
			options: { timeoutSeconds: 1, maxAttempts: 1 },
		});
		expect(res.error?.message).toBe('Custom API: no answer from the server (timed out)');
		expect(res.error?.description).toContain('check that the base URL is right and reachable');
	});
});

describe('Custom API: authentication', () => {
	it('API key in a header, with prefix', async () => {
		const scope = nock(API, { reqheaders: { 'x-api-key': 'Token sk_live_abc123456' } })
			.get('/me')
			.reply(200, { id: 1 });
		const res = await run(
			{ authentication: 'apiKey', method: 'GET', endpoint: '/me' },
			{
				credentials: {
					customApiKeyApi: {
						baseUrl: API,
						apiKey: 'sk_live_abc123456',
						keyLocation: 'header',
						keyName: 'X-API-Key',
						keyPrefix: 'Token ',
						testPath: '/me',
					},
				},
			},
		);
		expect(json(res)).toEqual([{ id: 1 }]);
		expect(scope.isDone()).toBe(true);
	});

	it('API key: the execution reads the credential once, for every item and for n8n to sign every request (n8n itself reads it per request)', async () => {
		const reads = jest.spyOn(HarnessCredentialsHelper.prototype, 'getDecrypted');
		try {
			const scope = nock(API, { reqheaders: { 'x-api-key': 'sk_live_abc123456' } })
				.get('/me')
				.times(3)
				.reply(200, { id: 1 });
			const res = await run(
				{ authentication: 'apiKey', method: 'GET', endpoint: '/me' },
				{
					input: [{ json: {} }, { json: {} }, { json: {} }],
					credentials: {
						customApiKeyApi: {
							baseUrl: API,
							apiKey: 'sk_live_abc123456',
							keyLocation: 'header',
							keyName: 'X-API-Key',
							testPath: '/me',
						},
					},
				},
			);
			expect(json(res)).toEqual([{ id: 1 }, { id: 1 }, { id: 1 }]);
			expect(scope.isDone()).toBe(true);
			// One read (a database query and a decryption in a real n8n), handed to n8n to sign with; 6 before.
			expect(reads.mock.calls.filter((call) => call[2] === 'customApiKeyApi')).toHaveLength(1);
		} finally {
			reads.mockRestore();
		}
	});

	it('API key in the query string', async () => {
		const scope = nock(API)
			.get('/me')
			.query({ api_key: 'sk_live_abc123456' })
			.reply(200, { id: 2 });
		const res = await run(
			{ authentication: 'apiKey', method: 'GET', endpoint: '/me' },
			{
				credentials: {
					customApiKeyApi: {
						baseUrl: API,
						apiKey: 'sk_live_abc123456',
						keyLocation: 'query',
						keyName: 'api_key',
						keyPrefix: '',
						testPath: '/',
					},
				},
			},
		);
		expect(json(res)).toEqual([{ id: 2 }]);
		expect(scope.isDone()).toBe(true);
	});

	it('Basic auth', async () => {
		const expected = 'Basic ' + Buffer.from('api_user:s3cret-pass').toString('base64');
		const scope = nock(API, { reqheaders: { authorization: expected } })
			.get('/me')
			.reply(200, { id: 3 });
		const res = await run(
			{ authentication: 'basicAuth', method: 'GET', endpoint: '/me' },
			{
				credentials: {
					customApiBasicAuthApi: {
						baseUrl: API,
						username: 'api_user',
						password: 's3cret-pass',
						testPath: '/',
					},
				},
			},
		);
		expect(json(res)).toEqual([{ id: 3 }]);
		expect(scope.isDone()).toBe(true);
	});

	it('Bearer token', async () => {
		const scope = nock(API, { reqheaders: { authorization: 'Bearer tok_abcdef123' } })
			.get('/me')
			.reply(200, { id: 4 });
		const res = await run(
			{ authentication: 'bearerToken', method: 'GET', endpoint: '/me' },
			{
				credentials: {
					customApiBearerApi: { baseUrl: API, accessToken: 'tok_abcdef123', testPath: '/' },
				},
			},
		);
		expect(json(res)).toEqual([{ id: 4 }]);
		expect(scope.isDone()).toBe(true);
	});

	const oauthCredential = {
		baseUrl: API,
		testPath: '/',
		grantType: 'authorizationCode',
		authUrl: 'https://auth.example.test/authorize',
		accessTokenUrl: 'https://auth.example.test/token',
		clientId: 'client-1',
		clientSecret: 'client-secret-xyz',
		scope: 'read',
		authentication: 'header',
		oauthTokenData: {
			access_token: 'AT-old-123456',
			refresh_token: 'RT-123456',
			token_type: 'Bearer',
		},
	};

	it('OAuth2: signs with the stored token, refreshes on 401 through n8n and re-sends once', async () => {
		const oauth = {
			baseUrl: API,
			testPath: '/',
			grantType: 'authorizationCode',
			authUrl: 'https://auth.example.test/authorize',
			accessTokenUrl: 'https://auth.example.test/token',
			clientId: 'client-1',
			clientSecret: 'client-secret-xyz',
			scope: 'read',
			authentication: 'header',
			oauthTokenData: {
				access_token: 'AT-old-123456',
				refresh_token: 'RT-123456',
				token_type: 'Bearer',
			},
		};
		nock(API, { reqheaders: { authorization: 'Bearer AT-old-123456' } })
			.get('/me')
			.reply(401, { error: 'expired' });
		const token = nock('https://auth.example.test')
			.post('/token', (b) => b.grant_type === 'refresh_token' && b.refresh_token === 'RT-123456')
			.reply(200, {
				access_token: 'AT-new-654321',
				refresh_token: 'RT-654321',
				token_type: 'Bearer',
				expires_in: 3600,
			});
		nock(API, { reqheaders: { authorization: 'Bearer AT-new-654321' } })
			.get('/me')
			.reply(200, { id: 5 });
		const res = await run(
			{ authentication: 'oAuth2', method: 'GET', endpoint: '/me' },
			{ credentials: { customApiOAuth2Api: oauth } },
		);
		expect(res.error).toBeUndefined();
		expect(json(res)).toEqual([{ id: 5 }]);
		expect(token.isDone()).toBe(true);
		expect(res.credentialUpdates).toHaveLength(1);
		expect(
			(res.credentialUpdates[0].data.oauthTokenData as { access_token: string }).access_token,
		).toBe('AT-new-654321');
	});

	it('OAuth2: the 401 that n8n answered with a refresh is counted and logged', async () => {
		const logs: ErrorLogEntry[] = [];
		useRuntime({ observers: [{ onLog: (_event, entry) => void logs.push(entry) }] });
		try {
			nock(API).get('/me').reply(401, { error: 'expired' });
			nock('https://auth.example.test').post('/token').reply(200, {
				access_token: 'AT-new-777777',
				refresh_token: 'RT-777777',
				token_type: 'Bearer',
				expires_in: 3600,
			});
			nock(API).get('/me').reply(200, { id: 8 });
			const res = await run(
				{ authentication: 'oAuth2', method: 'GET', endpoint: '/me' },
				{ credentials: { customApiOAuth2Api: oauthCredential } },
			);
			expect(res.outputs[0][0].json).toEqual({ id: 8 });
			expect(logs).toHaveLength(1);
			expect(logs[0]).toMatchObject({
				status: 401,
				kind: 'retry',
				attempt: 1,
				method: 'GET',
				endpoint: '/me',
				node: 'Custom API',
				itemIndex: 0,
			});
			expect(logs[0].message).toBe(
				'the token was rejected; n8n refreshed the OAuth2 token and sent the request again',
			);
		} finally {
			useRuntime();
		}
	});

	it('OAuth2 client credentials: fetches a token first, then calls the API with it', async () => {
		const token = nock('https://auth.example.test')
			.post('/token', (b) => b.grant_type === 'client_credentials')
			.reply(200, { access_token: 'AT-cc-123456', token_type: 'Bearer', expires_in: 3600 });
		const api = nock(API, { reqheaders: { authorization: 'Bearer AT-cc-123456' } })
			.get('/me')
			.reply(200, { id: 6 });
		const res = await run(
			{ authentication: 'oAuth2', method: 'GET', endpoint: '/me' },
			{
				credentials: {
					customApiOAuth2Api: {
						baseUrl: API,
						testPath: '/',
						grantType: 'clientCredentials',
						accessTokenUrl: 'https://auth.example.test/token',
						clientId: 'client-2',
						clientSecret: 'client-secret-cc',
						scope: '',
						authentication: 'body',
					},
				},
			},
		);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0][0].json).toEqual({ id: 6 });
		expect(token.isDone() && api.isDone()).toBe(true);
		expect(
			(res.credentialUpdates[0].data.oauthTokenData as { access_token: string }).access_token,
		).toBe('AT-cc-123456');
	});

	it('OAuth2 client credentials: a token n8n fetched during the request is redacted from the error that echoes it', async () => {
		nock('https://auth.example.test')
			.post('/token', (b) => b.grant_type === 'client_credentials')
			.reply(200, { access_token: 'AT-cc-echoed-987654', token_type: 'Bearer', expires_in: 3600 });
		nock(API)
			.get('/me')
			.reply(400, { error: 'token AT-cc-echoed-987654 is not valid for this resource' });
		const res = await run(
			{ authentication: 'oAuth2', method: 'GET', endpoint: '/me' },
			{
				credentials: {
					customApiOAuth2Api: {
						baseUrl: API,
						testPath: '/',
						grantType: 'clientCredentials',
						accessTokenUrl: 'https://auth.example.test/token',
						clientId: 'client-3',
						clientSecret: 'client-secret-cc3',
						scope: '',
						authentication: 'body',
					},
				},
			},
		);
		expect(res.error?.message).toMatch(/400/);
		expect(JSON.stringify(res.error)).not.toContain('AT-cc-echoed-987654');
		expect(JSON.stringify(res.error)).toContain('[redacted]');
	});

	it.each([
		[
			'customApiKeyApi',
			new CustomApiKeyApi(),
			{
				baseUrl: API,
				apiKey: 'key-123456',
				keyLocation: 'header',
				keyName: 'X-API-Key',
				keyPrefix: '',
				testPath: '/me',
			},
			{ 'x-api-key': 'key-123456' },
		],
		[
			'customApiBearerApi',
			new CustomApiBearerApi(),
			{ baseUrl: API, accessToken: 'tok-123456', testPath: '/me' },
			{ authorization: 'Bearer tok-123456' },
		],
		[
			'customApiBasicAuthApi',
			new CustomApiBasicAuthApi(),
			{ baseUrl: API, username: 'u', password: 'p-123456', testPath: '/me' },
			{ authorization: 'Basic ' + Buffer.from('u:p-123456').toString('base64') },
		],
	])(
		'credential test of %s calls GET <baseUrl><testPath> with the auth applied',
		async (_name, type, data, headers) => {
			const ok = nock(API, { reqheaders: headers }).get('/me').reply(200, { id: 1 });
			expect(await testCredential(type, data)).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(ok.isDone()).toBe(true);
			nock(API).get('/me').reply(401, { message: 'bad key' });
			expect((await testCredential(type, data)).status).toBe('Error');
		},
	);
});

describe('Custom API: pagination', () => {
	const base = { authentication: 'none', baseUrl: API, method: 'GET', endpoint: '/things' };

	it('cursor: follows next_cursor until it is empty (return all)', async () => {
		nock(API)
			.get('/things')
			.query({ limit: '2' })
			.reply(200, { data: [{ i: 1 }, { i: 2 }], next_cursor: 'c2' });
		nock(API)
			.get('/things')
			.query({ limit: '2', cursor: 'c2' })
			.reply(200, { data: [{ i: 3 }], next_cursor: null });
		const res = await run({
			...base,
			pagination: 'cursor',
			itemsPath: 'data',
			cursorParam: 'cursor',
			nextCursorPath: 'next_cursor',
			limitParam: 'limit',
			pageSize: 2,
			returnAll: true,
		});
		expect(json(res)).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
		expect(res.outputs[0].every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('offset: stops at the limit and asks only for what it needs', async () => {
		nock(API)
			.get('/things')
			.query({ offset: '0', limit: '2' })
			.reply(200, [{ i: 1 }, { i: 2 }]);
		nock(API)
			.get('/things')
			.query({ offset: '2', limit: '1' })
			.reply(200, [{ i: 3 }]);
		const res = await run({
			...base,
			pagination: 'offset',
			itemsPath: '',
			offsetParam: 'offset',
			limitParam: 'limit',
			pageSize: 2,
			returnAll: false,
			limit: 3,
		});
		expect(json(res)).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
	});

	it('page number: stops on a short page', async () => {
		nock(API)
			.get('/things')
			.query({ page: '1', per_page: '2' })
			.reply(200, { items: [{ i: 1 }, { i: 2 }] });
		nock(API)
			.get('/things')
			.query({ page: '2', per_page: '2' })
			.reply(200, { items: [{ i: 3 }] });
		const res = await run({
			...base,
			pagination: 'page',
			itemsPath: 'items',
			pageParam: 'page',
			limitParam: 'per_page',
			pageSize: 2,
			returnAll: true,
		});
		expect(json(res)).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
	});

	it('next URL in the body', async () => {
		nock(API)
			.get('/things')
			.reply(200, { results: [{ i: 1 }], next: `${API}/things?after=1` });
		nock(API)
			.get('/things')
			.query({ after: '1' })
			.reply(200, { results: [{ i: 2 }], next: null });
		const res = await run({
			...base,
			pagination: 'nextUrl',
			itemsPath: 'results',
			nextUrlPath: 'next',
			limitParam: '',
			returnAll: true,
		});
		expect(json(res)).toEqual([{ i: 1 }, { i: 2 }]);
	});

	it('Link header (rel="next")', async () => {
		nock(API)
			.get('/things')
			.query({ per_page: '100' })
			.reply(200, [{ i: 1 }], {
				link: `<${API}/things?per_page=100&page=2>; rel="next", <${API}/things?per_page=100&page=2>; rel="last"`,
			});
		nock(API)
			.get('/things')
			.query({ per_page: '100', page: '2' })
			.reply(200, [{ i: 2 }]);
		const res = await run({
			...base,
			pagination: 'linkHeader',
			itemsPath: '',
			limitParam: 'per_page',
			pageSize: 100,
			returnAll: true,
		});
		expect(res.error).toBeUndefined();
		expect(json(res)).toEqual([{ i: 1 }, { i: 2 }]);
	});

	it('refuses a next link that points at another host (credentials never leave the base URL)', async () => {
		nock(API)
			.get('/things')
			.reply(200, [{ i: 1 }], { link: '<https://evil.example/steal>; rel="next"' });
		const res = await run({
			...base,
			pagination: 'linkHeader',
			itemsPath: '',
			limitParam: '',
			returnAll: true,
		});
		expect(res.error?.message).toContain('Refusing to send the credential to https://evil.example');
	});
});

describe('Custom API: path safety', () => {
	it.each([
		['../admin', '/users/..%2Fadmin'],
		['//evil.example', '/users/%2F%2Fevil.example'],
		['a?b#c', '/users/a%3Fb%23c'],
		['%2e%2e', '/users/%252e%252e'],
	])('%s stays one path segment on the same host', async (value, path) => {
		const scope = nock(API).get(path).reply(200, { ok: true });
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'GET',
			endpoint: '/users/{id}',
			pathVariables: { variable: [{ name: 'id', value }] },
		});
		expect(res.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('refuses a dot segment and names the field', async () => {
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'GET',
			endpoint: '/users/{id}',
			pathVariables: { variable: [{ name: 'id', value: '..' }] },
		});
		expect(res.error?.message).toBe(
			"The field 'id' is '..', which would change the URL path. Enter the resource's real id.",
		);
	});

	it('names a missing path variable', async () => {
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'GET',
			endpoint: '/users/{id}',
		});
		expect(res.error?.message).toBe(
			"The field 'id' is missing. It is part of the URL path: enter a value.",
		);
	});

	it('names an invalid base URL', async () => {
		const res = await run({
			authentication: 'none',
			baseUrl: 'api.example.test',
			method: 'GET',
			endpoint: '/x',
		});
		expect(res.error?.message).toBe(
			"The field 'baseUrl' must be a full URL such as https://api.example.com/v1 (got 'api.example.test').",
		);
	});

	it('names invalid JSON in the body', async () => {
		const res = await run({
			authentication: 'none',
			baseUrl: API,
			method: 'POST',
			endpoint: '/x',
			bodyContentType: 'json',
			jsonBody: '{"a":',
		});
		expect(res.error?.message).toMatch(/^The field 'JSON Body' is not valid JSON/);
	});
});

describe('Custom API: errors say the cause and the fix', () => {
	const get = {
		authentication: 'bearerToken',
		method: 'GET',
		endpoint: '/users/{id}',
		pathVariables: { variable: [{ name: 'id', value: '42' }] },
	};
	const creds = {
		credentials: {
			customApiBearerApi: { baseUrl: API, accessToken: 'tok_SECRET_777', testPath: '/' },
		},
	};

	it('404 names the resource id', async () => {
		nock(API)
			.get('/users/42')
			.reply(404, { message: 'No such user' }, { 'x-request-id': 'req_abc123' });
		const res = await run(get, creds);
		expect(res.error?.message).toBe('Custom API: 404 Not Found – No such user');
		expect(res.error?.description).toBe(
			"Custom API found nothing at GET /users/{id} for id '42'. Check that id '42' is right and was not deleted, and that the connection can see it.",
		);
		expect(res.error?.context.request).toEqual({
			method: 'GET',
			endpoint: '/users/{id}',
			connection: 'customApiBearerApi account',
			requestId: 'req_abc123',
			attempts: [
				'attempt 1 of 3: No such user (HTTP 404 is a client error: sending the same request again cannot succeed)',
			],
		});
	});

	it('400 names the field the server blamed', async () => {
		nock(API)
			.get('/users/42')
			.reply(400, { error: { message: 'Invalid email', param: 'email' } });
		const res = await run(get, creds);
		expect(res.error?.message).toBe('Custom API: 400 Bad Request – Invalid email');
		expect(res.error?.description).toContain(
			"The request data is invalid: the field 'email' was rejected.",
		);
	});

	it('401 says to reconnect the named credential', async () => {
		nock(API).get('/users/42').times(2).reply(401, { message: 'token expired' });
		const res = await run(get, creds);
		expect(res.error?.description).toContain(
			"Reconnect the credential 'customApiBearerApi account'",
		);
	});

	it('403 says a permission is missing', async () => {
		nock(API)
			.get('/users/42')
			.reply(403, { message: 'Forbidden' }, { 'x-accepted-oauth-scopes': 'repo, read:user' });
		const res = await run(get, creds);
		expect(res.error?.description).toContain(
			'granting the permissions this operation needs (repo, read:user)',
		);
	});

	it('Continue On Fail: failed items become error items, the others succeed, all paired', async () => {
		nock(API).get('/users/1').reply(200, { id: 1 });
		nock(API).get('/users/2').reply(404, { message: 'gone' });
		const res = await run(
			{ ...get, pathVariables: { variable: [{ name: 'id', value: '={{$json.id}}' }] } },
			{
				...creds,
				input: [{ json: { id: 1 } }, { json: { id: 2 } }],
				node: { continueOnFail: true } as RunNodeOptions['node'],
			},
		);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0][0]).toEqual({ json: { id: 1 }, pairedItem: { item: 0 } });
		expect(res.outputs[0][1].pairedItem).toEqual({ item: 1 });
		expect(res.outputs[0][1].json.error).toBe('Custom API: 404 Not Found – gone');
	});

	it('never shows a secret, even when the server echoes it', async () => {
		nock(API)
			.get('/users/42')
			.reply(400, {
				message: 'bad token tok_SECRET_777',
				echo: { authorization: 'Bearer tok_SECRET_777' },
			});
		const failed = await run(get, creds);
		expectNoSecrets(failed, ['tok_SECRET_777']);
		nock(API).get('/users/42').reply(200, { token: 'tok_SECRET_777', note: 'ok' });
		const ok = await run(get, creds);
		expect(json(ok)).toEqual([{ token: '[redacted]', note: 'ok' }]);
		expectNoSecrets(ok, ['tok_SECRET_777']);
	});
});
