/**
 * Issue 10, item 3: the opt-in GET cache must never serve one caller's answer to another. The key
 * identifies the caller (credential id, and a keyed hash of every secret header, query parameter, cookie,
 * run-time token and credential secret), never redacted text; the in-flight sharing uses the same key.
 */
import nock from 'nock';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { CustomApiBearerApi } from '../../credentials/CustomApiBearerApi.credentials';
import { CustomApiKeyApi } from '../../credentials/CustomApiKeyApi.credentials';
import { cacheKey, MemoryResponseCache } from '../../lib/cache/response-cache';
import { processRuntime, useRuntime } from '../../lib/runtime';
import { DEFAULT_SETTINGS, send, type CallContext } from '../../lib/transport/pipeline';
import { makeRedactor } from '../../lib/transport/redact';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { runNode, type RunNodeOptions } from '../harness';

const API = 'https://api.example.test';

function run(
	parameters: RunNodeOptions['node']['parameters'],
	extra: Partial<RunNodeOptions> = {},
) {
	return runNode({
		nodeTypes: [new CustomApi()],
		credentialTypes: [new CustomApiBearerApi(), new CustomApiKeyApi()],
		node: { type: 'customApi', parameters },
		...extra,
	});
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [], cache: new MemoryResponseCache() }));
afterEach(() => {
	nock.abortPendingRequests();
	nock.cleanAll();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

/** A server that answers with whoever called it. */
function echo(header: string, times = 10) {
	const seen: string[] = [];
	const scope = nock(API)
		.get('/me')
		.query(true)
		.times(times)
		.reply(function (uri) {
			const who =
				header === 'query'
					? new URL(uri, API).searchParams.get('api_key')
					: String(this.req.headers[header]);
			seen.push(String(who));
			return [200, { caller: who }];
		});
	return { seen, scope };
}

const cached = {
	authentication: 'none',
	baseUrl: API,
	method: 'GET',
	endpoint: '/me',
	options: { cacheMinutes: 5 },
};

describe('callers never share a cached answer', () => {
	it.each([
		['Authorization', 'authorization', ['Bearer user-A-token-1', 'Bearer user-B-token-2']],
		['X-API-Key', 'x-api-key', ['key-A-1234567', 'key-B-7654321']],
		['Cookie', 'cookie', ['session=AAAA1111', 'session=BBBB2222']],
	])(
		'two items with different %s headers get their own answers (at once, and later from the cache)',
		async (name, header, [a, b]) => {
			const { seen } = echo(header);
			const parameters = {
				...cached,
				headerParameters: { header: [{ name, value: '={{$json.secret}}' }] },
			};
			// Concurrent items: the in-flight sharing must not hand B the answer to A.
			const first = await run(parameters, {
				input: [{ json: { secret: a } }, { json: { secret: b } }],
			});
			expect(first.error).toBeUndefined();
			expect(first.outputs[0].map((i) => i.json)).toEqual([{ caller: a }, { caller: b }]);
			expect(seen.sort()).toEqual([a, b].sort());
			// Sequential runs: each caller hits only its own entry.
			const again = await run(parameters, { input: [{ json: { secret: b } }] });
			expect(again.outputs[0][0]).toMatchObject({ json: { caller: b }, cache: { hit: true } });
			const third = await run(parameters, { input: [{ json: { secret: 'a-third-caller-999' } }] });
			expect(third.outputs[0][0]).toMatchObject({
				json: { caller: 'a-third-caller-999' },
				cache: { hit: false },
			});
			expect(seen).toHaveLength(3);
		},
	);

	it('two items with different secret query parameters get their own answers', async () => {
		const { seen } = echo('query');
		const parameters = {
			...cached,
			queryParameters: { parameter: [{ name: 'api_key', value: '={{$json.secret}}' }] },
		};
		const res = await run(parameters, {
			input: [{ json: { secret: 'qA-1234567' } }, { json: { secret: 'qB-7654321' } }],
		});
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{ caller: 'qA-1234567' },
			{ caller: 'qB-7654321' },
		]);
		expect(seen.sort()).toEqual(['qA-1234567', 'qB-7654321']);
	});

	it('two credentials (different ids) with the same request never share', async () => {
		const { seen } = echo('authorization');
		const parameters = { ...cached, authentication: 'bearerToken', baseUrl: undefined };
		const one = await run(parameters, {
			credentials: {
				customApiBearerApi: { baseUrl: API, accessToken: 'tok-one-123456', testPath: '/' },
			},
		});
		const two = await run(parameters, {
			credentials: {
				customApiBearerApi: { baseUrl: API, accessToken: 'tok-two-654321', testPath: '/' },
			},
			node: {
				type: 'customApi',
				parameters,
				credentials: { customApiBearerApi: { id: 'other-credential', name: 'Other' } },
			} as RunNodeOptions['node'],
		});
		expect(one.outputs[0][0].json).toEqual({ caller: 'Bearer [redacted]' });
		expect(two.outputs[0][0]).toMatchObject({ cache: { hit: false } });
		expect(seen).toEqual(['Bearer tok-one-123456', 'Bearer tok-two-654321']);
	});

	it('the same credential whose key was replaced does not get the old key’s answers', async () => {
		const { seen } = echo('x-api-key');
		const parameters = { ...cached, authentication: 'apiKey', baseUrl: undefined };
		const creds = (apiKey: string) => ({
			customApiKeyApi: {
				baseUrl: API,
				apiKey,
				keyLocation: 'header',
				keyName: 'X-API-Key',
				keyPrefix: '',
				testPath: '/',
			},
		});
		await run(parameters, { credentials: creds('old-key-123456') });
		const after = await run(parameters, { credentials: creds('new-key-654321') });
		expect(after.outputs[0][0]).toMatchObject({ cache: { hit: false } });
		expect(seen).toEqual(['old-key-123456', 'new-key-654321']);
	});

	it('the same caller still gets the cached answer (control)', async () => {
		const { seen } = echo('authorization');
		const parameters = {
			...cached,
			headerParameters: { header: [{ name: 'Authorization', value: 'Bearer same-token-123456' }] },
		};
		const res = await run(parameters, { input: [{ json: {} }, { json: {} }, { json: {} }] });
		expect(res.outputs[0].map((i) => (i.cache as { hit: boolean }).hit)).toEqual([
			false,
			true,
			true,
		]);
		expect(seen).toHaveLength(1);
	});
});

describe('a run-time bearer token (e.g. a page token) is part of the key', () => {
	function fakeFn(calls: IHttpRequestOptions[]): IExecuteFunctions {
		const answer = async (options: IHttpRequestOptions) => {
			calls.push(options);
			await new Promise((r) => setTimeout(r, 5));
			return {
				statusCode: 200,
				headers: { 'content-type': 'application/json' },
				body: { caller: (options.headers as Record<string, string>).Authorization },
			};
		};
		return {
			getNode: () => ({
				id: 'n1',
				name: 'Pages',
				type: 'pages',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				credentials: { pagesOAuth2Api: { id: 'cred-1', name: 'Pages account' } },
			}),
			getWorkflow: () => ({ id: 'wf-1', name: 'wf', active: false }),
			getExecutionId: () => 'exec-1',
			getCredentials: async () => ({ oauthTokenData: { access_token: 'USER-token-123456' } }),
			helpers: { httpRequest: answer, httpRequestWithAuthentication: answer },
		} as unknown as IExecuteFunctions;
	}

	it('two page tokens of one credential never share an answer, in flight or cached', async () => {
		const calls: IHttpRequestOptions[] = [];
		const fn = fakeFn(calls);
		const ctx = (bearerToken: string): CallContext => ({
			engine: processRuntime(),
			fn,
			itemIndex: 0,
			service: { id: 'pages', displayName: 'Pages' },
			credentialType: 'pagesOAuth2Api',
			bearerToken,
			redact: makeRedactor([]),
			settings: { ...DEFAULT_SETTINGS, cacheTtlMs: 60_000 },
		});
		const req = { method: 'GET' as const, baseUrl: 'https://graph.example.test', path: '/me' };
		const [a, b] = await Promise.all([
			send(ctx('PAGE-A-token-111111'), req),
			send(ctx('PAGE-B-token-222222'), req),
		]);
		expect(a.body).toEqual({ caller: 'Bearer PAGE-A-token-111111' });
		expect(b.body).toEqual({ caller: 'Bearer PAGE-B-token-222222' });
		const again = await send(ctx('PAGE-B-token-222222'), req);
		expect(again.body).toEqual({ caller: 'Bearer PAGE-B-token-222222' });
		expect(again.meta.cache?.hit).toBe(true);
		expect(calls.map((c) => (c.headers as Record<string, string>).Authorization)).toEqual([
			'Bearer PAGE-A-token-111111',
			'Bearer PAGE-B-token-222222',
		]);
	});
});

describe('cacheKey', () => {
	const parts = {
		connection: 'svc:cred:cred-1',
		method: 'GET',
		url: `${API}/me?api_key=q-secret-1234`,
		headers: { Authorization: 'Bearer h-secret-1234', Cookie: 'sid=c-secret-1234' },
		format: 'json',
		secrets: ['cred-secret-1234'],
	};

	it('is stable for one caller and never contains a secret', () => {
		const key = cacheKey(parts);
		expect(
			cacheKey({
				...parts,
				headers: { cookie: 'sid=c-secret-1234', authorization: 'Bearer h-secret-1234' },
			}),
		).toBe(key);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		for (const s of ['q-secret-1234', 'h-secret-1234', 'c-secret-1234', 'cred-secret-1234'])
			expect(key).not.toContain(s);
	});

	it.each([
		['the credential id', { connection: 'svc:cred:cred-2' }],
		['a query secret', { url: `${API}/me?api_key=q-secret-9999` }],
		[
			'the Authorization header',
			{ headers: { ...parts.headers, Authorization: 'Bearer h-secret-9999' } },
		],
		['a cookie', { headers: { ...parts.headers, Cookie: 'sid=c-secret-9999' } }],
		['a credential secret', { secrets: ['cred-secret-9999'] }],
		['the response format', { format: 'text' }],
	])('changes with %s', (_name, change) => {
		expect(cacheKey({ ...parts, ...change })).not.toBe(cacheKey(parts));
	});
});
