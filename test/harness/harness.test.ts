import nock from 'nock';
import { VersionedNodeType } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { HarnessCredentialsHelper, n8nOAuth2Api, runNode, testCredential } from './index';
import { oAuth2ApiSource } from './oauth2-api';
import type { RunNodeOptions } from './index';

const API = 'https://api.example.test';
const AUTH = 'https://auth.example.test';

// ---- test-only credential types, one per authentication kind ----

const apiKeyField: INodeProperties = {
	displayName: 'API Key',
	name: 'apiKey',
	type: 'string',
	typeOptions: { password: true },
	default: '',
};
const meRequest: ICredentialTestRequest['request'] = {
	baseURL: '={{$credentials.baseUrl}}',
	url: '/me',
};

class HeaderKeyApi implements ICredentialType {
	name = 'harnessHeaderKeyApi';
	displayName = 'Harness Header Key API';
	properties: INodeProperties[] = [
		apiKeyField,
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: API },
	];
	authenticate = {
		type: 'generic' as const,
		properties: { headers: { 'X-API-Key': '={{$credentials.apiKey}}' } },
	};
	test: ICredentialTestRequest = {
		request: meRequest,
		rules: [
			{ type: 'responseCode', properties: { value: 403, message: 'The key lacks the read scope' } },
		],
	};
}

class QueryKeyApi implements ICredentialType {
	name = 'harnessQueryKeyApi';
	displayName = 'Harness Query Key API';
	properties: INodeProperties[] = [apiKeyField];
	authenticate = {
		type: 'generic' as const,
		properties: { qs: { api_key: '={{$credentials.apiKey}}' } },
	};
	test: ICredentialTestRequest = {
		request: { baseURL: API, url: '/me' },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'result.ok', value: false, message: 'The service rejected the key' },
			},
		],
	};
}

class BasicApi implements ICredentialType {
	name = 'harnessBasicApi';
	displayName = 'Harness Basic API';
	properties: INodeProperties[] = [
		{ displayName: 'User', name: 'user', type: 'string', default: '' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];
	authenticate = {
		type: 'generic' as const,
		properties: {
			auth: { username: '={{$credentials.user}}', password: '={{$credentials.password}}' },
		},
	};
}

class FunctionAuthApi implements ICredentialType {
	name = 'harnessFunctionAuthApi';
	displayName = 'Harness Function Auth API';
	properties: INodeProperties[] = [apiKeyField];
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	) {
		requestOptions.headers = {
			...requestOptions.headers,
			Authorization: `Token ${credentials.apiKey as string}`,
		};
		return requestOptions;
	}
}

class OAuth2Api implements ICredentialType {
	name = 'harnessOAuth2Api';
	extends = ['oAuth2Api'];
	displayName = 'Harness OAuth2 API';
	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `${AUTH}/authorize`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `${AUTH}/token`,
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'items.read' },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
	];
	test: ICredentialTestRequest = { request: { baseURL: API, url: '/me' } };
}

// Session login with an expirable hidden token, like n8n-nodes-base's MetabaseApi.
class SessionApi implements ICredentialType {
	name = 'harnessSessionApi';
	displayName = 'Harness Session API';
	properties: INodeProperties[] = [
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
		{ displayName: 'User', name: 'user', type: 'string', default: '' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { token } = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${API}/login`,
			body: { user: credentials.user, password: credentials.password },
		})) as { token: string };
		return { sessionToken: token };
	}
	authenticate = {
		type: 'generic' as const,
		properties: { headers: { 'X-Session': '={{$credentials.sessionToken}}' } },
	};
}

const credentialTypes: ICredentialType[] = [
	new HeaderKeyApi(),
	new QueryKeyApi(),
	new BasicApi(),
	new FunctionAuthApi(),
	new OAuth2Api(),
	new SessionApi(),
];

// ---- test-only programmatic node: GET /items with the credential type named by `authentication` ----

class ItemsNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Items',
		name: 'harnessItems',
		group: ['transform'],
		version: 1,
		description: 'Fetches items',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: credentialTypes.map(({ name }) => ({
			name,
			required: true,
			displayOptions: { show: { authentication: [name] } },
		})),
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: credentialTypes.map(({ name, displayName }) => ({
					name: displayName,
					value: name,
				})),
				default: 'harnessHeaderKeyApi',
			},
			{
				displayName: 'Rethrow Errors',
				name: 'rethrow',
				type: 'boolean',
				default: false,
				description: 'Whether to throw even when the node continues on fail',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const credentialType = this.getNodeParameter('authentication', i) as string;
			try {
				const response = await this.helpers.httpRequestWithAuthentication.call(
					this,
					credentialType,
					{
						method: 'GET',
						url: `${API}/items`,
					},
				);
				returnData.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				// The starter's pattern: with "continue on fail" the error becomes the item's output.
				if (this.continueOnFail() && !this.getNodeParameter('rethrow', i)) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [returnData];
	}
}

function run(authentication: string, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		nodeTypes: [new ItemsNode()],
		credentialTypes,
		node: { type: 'harnessItems', parameters: { authentication } },
		...extra,
	});
}

/** Replies 200 with `body` and records each request's headers. */
function recordHeaders(
	scope: nock.Interceptor,
	body: object,
	seen: Array<Record<string, unknown>>,
) {
	return scope.reply(function () {
		seen.push({ ...this.req.headers });
		return [200, body];
	});
}

const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('runNode: credential kinds', () => {
	it('sends a generic header API key and returns one item per input item', async () => {
		const seen: Array<Record<string, unknown>> = [];
		const scope = recordHeaders(nock(API).get('/items').times(2), { ok: true }, seen);

		const result = await run('harnessHeaderKeyApi', {
			credentials: { harnessHeaderKeyApi: { apiKey: 'K1' } },
			input: [{ json: { n: 1 } }, { json: { n: 2 } }],
		});

		expect(scope.isDone()).toBe(true);
		expect(seen.map((h) => h['x-api-key'])).toEqual(['K1', 'K1']);
		expect(seen.map((h) => h.authorization)).toEqual([undefined, undefined]);
		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');
		expect(result.outputs).toEqual([
			[
				{ json: { ok: true }, pairedItem: { item: 0 } },
				{ json: { ok: true }, pairedItem: { item: 1 } },
			],
		]);
		expect(result.credentialUpdates).toEqual([]);
	});

	it('sends a generic query-string key', async () => {
		const scope = nock(API).get('/items').query({ api_key: 'Q1' }).reply(200, { ok: 'qs' });

		const result = await run('harnessQueryKeyApi', {
			credentials: { harnessQueryKeyApi: { apiKey: 'Q1' } },
		});

		expect(scope.isDone()).toBe(true);
		expect(result.outputs).toEqual([[{ json: { ok: 'qs' }, pairedItem: { item: 0 } }]]);
	});

	it('sends generic Basic auth', async () => {
		const seen: Array<Record<string, unknown>> = [];
		const scope = recordHeaders(nock(API).get('/items'), { ok: 'basic' }, seen);

		const result = await run('harnessBasicApi', {
			credentials: { harnessBasicApi: { user: 'ada', password: 's3cret:x' } },
		});

		expect(scope.isDone()).toBe(true);
		expect(seen[0].authorization).toBe(basic('ada', 's3cret:x'));
		expect(result.outputs).toEqual([[{ json: { ok: 'basic' }, pairedItem: { item: 0 } }]]);
	});

	it('applies a function authenticate', async () => {
		const seen: Array<Record<string, unknown>> = [];
		const scope = recordHeaders(nock(API).get('/items'), { ok: 'fn' }, seen);

		const result = await run('harnessFunctionAuthApi', {
			credentials: { harnessFunctionAuthApi: { apiKey: 'F1' } },
		});

		expect(scope.isDone()).toBe(true);
		expect(seen[0].authorization).toBe('Token F1');
		expect(result.outputs).toEqual([[{ json: { ok: 'fn' }, pairedItem: { item: 0 } }]]);
	});

	it('logs in through preAuthentication when the expirable token is empty, and persists the token', async () => {
		const login = nock(API)
			.post('/login', { user: 'ada', password: 'pw' })
			.reply(200, { token: 'S1' });
		const items = nock(API)
			.get('/items')
			.matchHeader('x-session', 'S1')
			.times(2)
			.reply(200, { ok: 'session' });

		const result = await run('harnessSessionApi', {
			credentials: { harnessSessionApi: { user: 'ada', password: 'pw' } },
			input: [{ json: {} }, { json: {} }],
		});

		expect(login.isDone()).toBe(true);
		expect(items.isDone()).toBe(true);
		// The second item reuses the persisted token instead of logging in again.
		expect(result.credentialUpdates).toEqual([
			{ type: 'harnessSessionApi', data: { user: 'ada', password: 'pw', sessionToken: 'S1' } },
		]);
	});

	it('logs in again after a 401 and re-sends once', async () => {
		const stale = nock(API)
			.get('/items')
			.matchHeader('x-session', 'OLD')
			.reply(401, { message: 'expired' });
		const login = nock(API).post('/login').reply(200, { token: 'S2' });
		const fresh = nock(API)
			.get('/items')
			.matchHeader('x-session', 'S2')
			.reply(200, { ok: 'again' });

		const result = await run('harnessSessionApi', {
			credentials: { harnessSessionApi: { user: 'ada', password: 'pw', sessionToken: 'OLD' } },
		});

		expect(stale.isDone() && login.isDone() && fresh.isDone()).toBe(true);
		expect(result.outputs).toEqual([[{ json: { ok: 'again' }, pairedItem: { item: 0 } }]]);
		expect(result.credentialUpdates).toEqual([
			{ type: 'harnessSessionApi', data: { user: 'ada', password: 'pw', sessionToken: 'S2' } },
		]);
	});
});

describe('runNode: OAuth2 through n8n-core', () => {
	const oauthData = (tokenData?: IDataObject): ICredentialDataDecryptedObject => ({
		clientId: 'CID',
		clientSecret: 'CSECRET',
		...(tokenData ? { oauthTokenData: tokenData } : {}),
	});

	it('signs with the stored access token', async () => {
		const scope = nock(API)
			.get('/items')
			.matchHeader('authorization', 'Bearer AT1')
			.reply(200, { ok: 'oauth' });

		const result = await run('harnessOAuth2Api', {
			credentials: {
				harnessOAuth2Api: oauthData({
					access_token: 'AT1',
					refresh_token: 'RT1',
					token_type: 'Bearer',
				}),
			},
		});

		expect(scope.isDone()).toBe(true);
		expect(result.outputs).toEqual([[{ json: { ok: 'oauth' }, pairedItem: { item: 0 } }]]);
		expect(result.credentialUpdates).toEqual([]);
	});

	it('refreshes on 401, persists the new token and re-sends; later items use the new token', async () => {
		const tokenRequests: Array<{ headers: Record<string, unknown>; body: string }> = [];
		const expired = nock(API)
			.get('/items')
			.matchHeader('authorization', 'Bearer AT1')
			.reply(401, { error: 'expired' });
		const token = nock(AUTH)
			.post('/token')
			.reply(function (_uri, body) {
				tokenRequests.push({ headers: { ...this.req.headers }, body: String(body) });
				return [
					200,
					{ access_token: 'AT2', refresh_token: 'RT2', token_type: 'Bearer', expires_in: 3600 },
				];
			});
		const retried = nock(API)
			.get('/items')
			.matchHeader('authorization', 'Bearer AT2')
			.times(2)
			.reply(200, { ok: 'refreshed' });

		const before = Date.now();
		const result = await run('harnessOAuth2Api', {
			credentials: {
				harnessOAuth2Api: oauthData({
					access_token: 'AT1',
					refresh_token: 'RT1',
					token_type: 'Bearer',
				}),
			},
			input: [{ json: {} }, { json: {} }],
		});

		expect(expired.isDone() && token.isDone() && retried.isDone()).toBe(true);
		expect(tokenRequests).toHaveLength(1);
		expect(tokenRequests[0].headers.authorization).toBe(basic('CID', 'CSECRET'));
		expect(new URLSearchParams(tokenRequests[0].body).get('grant_type')).toBe('refresh_token');
		expect(new URLSearchParams(tokenRequests[0].body).get('refresh_token')).toBe('RT1');
		expect(result.outputs).toEqual([
			[
				{ json: { ok: 'refreshed' }, pairedItem: { item: 0 } },
				{ json: { ok: 'refreshed' }, pairedItem: { item: 1 } },
			],
		]);
		expect(result.credentialUpdates).toHaveLength(1);
		const [update] = result.credentialUpdates;
		expect(update.type).toBe('harnessOAuth2Api');
		const tokenData = update.data.oauthTokenData as Record<string, unknown>;
		expect(tokenData).toMatchObject({
			access_token: 'AT2',
			refresh_token: 'RT2',
			token_type: 'Bearer',
			expires_in: 3600,
		});
		const expiresAt = Number(tokenData.n8n_expires_at);
		expect(expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
		// Only the token changed in the stored credential.
		expect(update.data.clientId).toBe('CID');
		expect(update.data.clientSecret).toBe('CSECRET');
	});

	it('fetches a client-credentials token first when none is stored', async () => {
		const tokenBodies: string[] = [];
		const token = nock(AUTH)
			.post('/token')
			.reply(function (_uri, body) {
				tokenBodies.push(String(body));
				return [200, { access_token: 'CC1', token_type: 'Bearer', expires_in: 600 }];
			});
		const scope = nock(API)
			.get('/items')
			.matchHeader('authorization', 'Bearer CC1')
			.reply(200, { ok: 'cc' });

		const result = await run('harnessOAuth2Api', {
			credentials: {
				harnessOAuth2Api: {
					...oauthData(),
					grantType: 'clientCredentials',
					authentication: 'body',
				},
			},
		});

		expect(token.isDone() && scope.isDone()).toBe(true);
		const body = new URLSearchParams(tokenBodies[0]);
		expect(body.get('grant_type')).toBe('client_credentials');
		expect(body.get('client_id')).toBe('CID');
		expect(body.get('client_secret')).toBe('CSECRET');
		expect(body.get('scope')).toBe('items.read');
		expect(result.outputs).toEqual([[{ json: { ok: 'cc' }, pairedItem: { item: 0 } }]]);
		expect(result.credentialUpdates).toHaveLength(1);
		expect(result.credentialUpdates[0].data.oauthTokenData).toMatchObject({
			access_token: 'CC1',
			expires_in: 600,
		});
	});
});

describe('runNode: errors', () => {
	const credentials = { harnessHeaderKeyApi: { apiKey: 'K1' } };
	const node = (
		extra: Partial<RunNodeOptions['node']>,
		parameters = {},
	): RunNodeOptions['node'] => ({
		type: 'harnessItems',
		parameters: { authentication: 'harnessHeaderKeyApi', ...parameters },
		...extra,
	});
	const FAILED = 'The service was not able to process your request';

	it('surfaces the node error (as n8n records it) and fails the run', async () => {
		const scope = nock(API).get('/items').reply(404, { message: 'no such list' });

		const result = await run('harnessHeaderKeyApi', { credentials });

		expect(scope.isDone()).toBe(true);
		expect(result.run.status).toBe('error');
		expect(result.outputs).toEqual([]);
		// n8n-core stores a plain copy of the error, not the NodeApiError instance.
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'The resource you are requesting could not be found',
			description: 'no such list',
			httpCode: '404',
		});
		expect(result.run.data.resultData.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
		});
	});

	it('continueOnFail: the node turns the error into its output item', async () => {
		const scope = nock(API).get('/items').reply(500, { message: 'down' });

		const result = await run('harnessHeaderKeyApi', {
			credentials,
			node: node({ continueOnFail: true }),
		});

		expect(scope.isDone()).toBe(true);
		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');
		expect(result.run.data.resultData.runData.Items[0].data).toBeDefined();
		expect(result.outputs).toEqual([[{ json: { error: FAILED }, pairedItem: { item: 0 } }]]);
	});

	it('continueOnFail: when the node still throws, n8n passes the input through and records the error', async () => {
		const scope = nock(API).get('/items').reply(500, { message: 'down' });

		const result = await run('harnessHeaderKeyApi', {
			credentials,
			input: [{ json: { id: 7 } }],
			node: node({ continueOnFail: true }, { rethrow: true }),
		});

		expect(scope.isDone()).toBe(true);
		expect(result.outputs).toEqual([[{ json: { id: 7 }, pairedItem: { item: 0 } }]]);
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: FAILED, httpCode: '500' });
		// n8n 2.41 still marks such a run as failed.
		expect(result.run.status).toBe('error');
		expect(result.run.data.resultData.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '500',
		});
	});

	it("onError 'continueErrorOutput' routes error items to the last output", async () => {
		const scope = nock(API).get('/items').reply(500, { message: 'down' });

		const result = await run('harnessHeaderKeyApi', {
			credentials,
			input: [{ json: { id: 7 } }],
			node: node({ onError: 'continueErrorOutput' }),
		});

		expect(scope.isDone()).toBe(true);
		expect(result.error).toBeUndefined();
		// The error item is merged with the input item it came from.
		expect(result.outputs).toEqual([
			[],
			[{ json: { id: 7, error: FAILED }, pairedItem: { item: 0 } }],
		]);
	});
});

describe('runNode: workflow data', () => {
	it('defaults the input to one empty item and hands back static data', async () => {
		class StaticNode implements INodeType {
			description: INodeTypeDescription = {
				displayName: 'Harness Static',
				name: 'harnessStatic',
				group: ['transform'],
				version: [1, 2],
				description: 'Counts runs in static data',
				defaults: { name: 'Static' },
				inputs: ['main'],
				outputs: ['main'],
				properties: [],
			};

			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				const data = this.getWorkflowStaticData('node');
				data.runs = ((data.runs as number | undefined) ?? 0) + 1;
				return [
					this.getInputData().map((item, i) => ({
						json: {
							...item.json,
							version: this.getNode().typeVersion,
							workflowId: this.getWorkflow().id,
						},
						pairedItem: { item: i },
					})),
				];
			}
		}

		const result = await runNode({
			nodeTypes: [new StaticNode()],
			node: { type: 'harnessStatic', parameters: {} },
			staticData: { 'node:Static': { runs: 4 } },
			workflowId: 'wf-7',
		});

		expect(result.outputs).toEqual([
			[{ json: { version: 2, workflowId: 'wf-7' }, pairedItem: { item: 0 } }],
		]);
		expect(result.staticData).toEqual({ 'node:Static': { runs: 5 } });
	});
});

describe('runNode: versioned node types', () => {
	const versionNode = (version: number): INodeType => ({
		description: {
			displayName: 'Harness Versioned',
			name: 'harnessVersioned',
			group: ['transform'],
			version,
			description: 'Reports its version',
			defaults: { name: 'Versioned' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const json = { implementation: version, typeVersion: this.getNode().typeVersion };
			return [[{ json, pairedItem: { item: 0 } }]];
		},
	});
	const versioned = () =>
		new VersionedNodeType(
			{ 1: versionNode(1), 2: versionNode(2), 3: versionNode(3) },
			{
				displayName: 'Harness Versioned',
				name: 'harnessVersioned',
				group: ['transform'],
				description: '',
				defaultVersion: 2,
			},
		);

	it('runs the default version unless typeVersion says otherwise', async () => {
		const byDefault = await runNode({
			nodeTypes: [versioned()],
			node: { type: 'harnessVersioned', parameters: {} },
		});
		const pinned = await runNode({
			nodeTypes: [versioned()],
			node: { type: 'harnessVersioned', parameters: {}, typeVersion: 3, name: 'Pinned' },
		});

		expect(byDefault.outputs).toEqual([
			[{ json: { implementation: 2, typeVersion: 2 }, pairedItem: { item: 0 } }],
		]);
		expect(pinned.outputs).toEqual([
			[{ json: { implementation: 3, typeVersion: 3 }, pairedItem: { item: 0 } }],
		]);
		expect(Object.keys(pinned.run.data.resultData.runData)).toEqual(['Input', 'Pinned']);
	});
});

describe('HarnessCredentialsHelper', () => {
	class ChildOAuth2Api implements ICredentialType {
		name = 'harnessChildOAuth2Api';
		extends = ['harnessOAuth2Api'];
		displayName = 'Harness Child OAuth2 API';
		properties: INodeProperties[] = [
			{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'child.read' },
		];
	}
	const helper = () =>
		new HarnessCredentialsHelper([new OAuth2Api(), new ChildOAuth2Api(), new HeaderKeyApi()], {
			harnessChildOAuth2Api: { clientId: 'CID', undeclared: 'dropped' },
		});

	it("registers n8n's own oAuth2Api definition", () => {
		const oAuth2 = n8nOAuth2Api();
		expect(oAuth2ApiSource).toMatch(
			/n8n-nodes-base\/dist\/credentials\/OAuth2Api\.credentials\.js$/,
		);
		expect(oAuth2.name).toBe('oAuth2Api');
		expect(oAuth2.properties.find((p) => p.name === 'tokenExpiredStatusCode')?.default).toBe(401);
	});

	it('walks extends recursively', () => {
		expect(helper().getParentTypes('harnessChildOAuth2Api')).toEqual([
			'harnessOAuth2Api',
			'oAuth2Api',
		]);
		expect(helper().getParentTypes('harnessHeaderKeyApi')).toEqual([]);
		expect(helper().getParentTypes('oAuth2Api')).toEqual([]);
	});

	it('merges parent properties, the child winning, and applies their defaults like n8n', async () => {
		const h = helper();
		const props = h.getCredentialsProperties('harnessChildOAuth2Api');
		expect(props.find((p) => p.name === 'scope')?.default).toBe('child.read');
		expect(props.find((p) => p.name === 'accessTokenUrl')?.default).toBe(`${AUTH}/token`);

		const nodeCredentials = { id: '1', name: 'c' };
		const decrypted = await h.getDecrypted(
			{} as never,
			nodeCredentials,
			'harnessChildOAuth2Api',
			'internal',
		);
		expect(decrypted).toMatchObject({
			clientId: 'CID',
			grantType: 'authorizationCode',
			accessTokenUrl: `${AUTH}/token`,
			scope: 'child.read',
			authentication: 'header',
		});
		// oAuth2Api marks these `doNotInherit`, so extending types do not get them.
		expect(decrypted.tokenExpiredStatusCode).toBeUndefined();
		expect(decrypted.ignoreSSLIssues).toBeUndefined();
		// Fields the type does not declare are dropped, as n8n's getNodeParameters does.
		expect(decrypted.undeclared).toBeUndefined();
		const type = 'harnessChildOAuth2Api';
		const raw = await h.getDecrypted(
			{} as never,
			nodeCredentials,
			type,
			'internal',
			undefined,
			true,
		);
		expect(raw).toEqual({ clientId: 'CID', undeclared: 'dropped' });
	});

	it('resolves expressions stored in credential fields during a run', async () => {
		const scope = nock(API).get('/items').matchHeader('x-api-key', 'K-wf-9').reply(200, {});

		await run('harnessHeaderKeyApi', {
			credentials: { harnessHeaderKeyApi: { apiKey: '={{ "K-" + $workflow.id }}' } },
			workflowId: 'wf-9',
		});

		expect(scope.isDone()).toBe(true);
	});

	it('refuses a generic authenticate property that is not an object, as n8n would fail on it', async () => {
		const h = new HarnessCredentialsHelper([
			{
				name: 'harnessUrlAuthApi',
				displayName: 'URL auth',
				properties: [],
				authenticate: { type: 'generic', properties: { url: 'https://elsewhere.test' } },
			},
		]);
		await expect(
			h.authenticate({}, 'harnessUrlAuthApi', { url: '/x' }, {} as never, {} as never),
		).rejects.toThrow('generic authenticate.properties.url must be an object');
	});
});

describe('testCredential', () => {
	it('is OK when the test request succeeds, resolving $credentials in the request', async () => {
		const scope = nock('https://eu.api.example.test')
			.get('/me')
			.matchHeader('x-api-key', 'K1')
			.reply(200, {});

		const result = await testCredential(new HeaderKeyApi(), {
			apiKey: 'K1',
			baseUrl: 'https://eu.api.example.test',
		});

		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('fails on a non-2xx response with the response status text', async () => {
		// n8n re-sends once after a 401 (its preAuthentication retry), so the test request goes out twice.
		const scope = nock(API).get('/me').times(2).reply(401, { message: 'bad key' });

		const result = await testCredential(new HeaderKeyApi(), { apiKey: 'nope' });

		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({ status: 'Error', message: 'Unauthorized' });
	});

	it('applies a responseCode rule', async () => {
		const scope = nock(API).get('/me').reply(403, {});

		const result = await testCredential(new HeaderKeyApi(), { apiKey: 'K1' });

		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({ status: 'Error', message: 'The key lacks the read scope' });
	});

	it('applies a responseSuccessBody rule', async () => {
		const scope = nock(API)
			.get('/me')
			.query({ api_key: 'Q1' })
			.reply(200, { result: { ok: false } });

		const result = await testCredential(new QueryKeyApi(), { apiKey: 'Q1' });

		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({ status: 'Error', message: 'The service rejected the key' });
	});

	it('tests an OAuth2 credential with its stored token', async () => {
		const scope = nock(API)
			.get('/me')
			.matchHeader('authorization', 'Bearer AT1')
			.reply(200, { id: 'me' });

		const result = await testCredential(new OAuth2Api(), {
			clientId: 'CID',
			clientSecret: 'CSECRET',
			oauthTokenData: { access_token: 'AT1', refresh_token: 'RT1', token_type: 'Bearer' },
		});

		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('reports a credential type without a test', async () => {
		expect(await testCredential(new BasicApi(), {})).toEqual({
			status: 'Error',
			message: 'No testing function found for this credential.',
		});
	});
});
