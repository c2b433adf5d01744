/**
 * Issue 10, items 9 and 14 in a real workflow (Custom API node): relative next-page links are followed on
 * the request's own origin with the credential; one that resolves to another host sends nothing there; an
 * endpoint with a #fragment keeps its query parameters.
 */
import nock from 'nock';

import { CustomApiBearerApi } from '../../credentials/CustomApiBearerApi.credentials';
import { CustomApiKeyApi } from '../../credentials/CustomApiKeyApi.credentials';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { runNode, type RunNodeOptions } from '../harness';

const API = 'https://api.example.test';
const TOKEN = 'tok_paging_123456';
const bearer = { customApiBearerApi: { baseUrl: `${API}/v1`, accessToken: TOKEN, testPath: '/' } };

function run(
	parameters: RunNodeOptions['node']['parameters'],
	credentials: RunNodeOptions['credentials'] = bearer,
) {
	return runNode({
		nodeTypes: [new CustomApi()],
		credentialTypes: [new CustomApiBearerApi(), new CustomApiKeyApi()],
		node: { type: 'customApi', parameters },
		credentials,
	});
}

const json = (res: Awaited<ReturnType<typeof run>>) => res.outputs[0].map((i) => i.json);

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.abortPendingRequests();
	nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('relative next-page links', () => {
	const base = {
		authentication: 'bearerToken',
		method: 'GET',
		endpoint: '/things',
		itemsPath: '',
		limitParam: '',
		returnAll: true,
	};

	it('a Link header with an absolute path: /v1/things?page=2 (not /v1/v1/…), with the credential', async () => {
		const api = nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
			.get('/v1/things')
			.reply(200, [{ i: 1 }], { link: '</v1/things?page=2>; rel="next"' })
			.get('/v1/things')
			.query({ page: '2' })
			.reply(200, [{ i: 2 }], { link: '</v1/things?page=3>; rel="next"' })
			.get('/v1/things')
			.query({ page: '3' })
			.reply(200, [{ i: 3 }]);
		const res = await run({ ...base, pagination: 'linkHeader' });
		expect(res.error).toBeUndefined();
		expect(json(res)).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
		expect(api.isDone()).toBe(true);
	});

	it('next URL in the body, path-relative and query-only, with an API key in the query', async () => {
		const creds = {
			customApiKeyApi: {
				baseUrl: `${API}/v1`,
				apiKey: 'qk_paging_123456',
				keyLocation: 'query',
				keyName: 'key',
				keyPrefix: '',
				testPath: '/',
			},
		};
		const api = nock(API)
			.get('/v1/things')
			.query({ key: 'qk_paging_123456' })
			.reply(200, { results: [{ i: 1 }], next: 'things?after=1' })
			.get('/v1/things')
			.query({ after: '1', key: 'qk_paging_123456' })
			.reply(200, { results: [{ i: 2 }], next: '?after=2' })
			.get('/v1/things')
			.query({ after: '2', key: 'qk_paging_123456' })
			.reply(200, { results: [{ i: 3 }], next: null });
		const res = await run(
			{
				...base,
				authentication: 'apiKey',
				pagination: 'nextUrl',
				itemsPath: 'results',
				nextUrlPath: 'next',
			},
			creds,
		);
		expect(res.error).toBeUndefined();
		expect(json(res)).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
		expect(api.isDone()).toBe(true);
	});

	it('a scheme-relative link to another host is refused and nothing reaches that host', async () => {
		const foreign: unknown[] = [];
		nock('https://evil.example.test')
			.persist()
			.get(/.*/)
			.reply(function (uri) {
				foreign.push({ uri, headers: this.req.headers });
				return [200, [{ stolen: true }]];
			});
		nock(API)
			.get('/v1/things')
			.reply(200, [{ i: 1 }], { link: '<//evil.example.test/v1/things?page=2>; rel="next"' });
		const res = await run({ ...base, pagination: 'linkHeader' });
		expect(foreign).toEqual([]);
		expect(res.error?.message).toBe(
			'Refusing to send the credential to https://evil.example.test: requests must stay on https://api.example.test.',
		);
	});
});

describe('an endpoint with a #fragment', () => {
	it('keeps its query parameters, and the fragment is not sent', async () => {
		const api = nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
			.get('/v1/things')
			.query({ status: 'open', page: '1' })
			.reply(200, { ok: true });
		const res = await run({
			authentication: 'bearerToken',
			method: 'GET',
			endpoint: '/things?status=open#section',
			queryParameters: { parameter: [{ name: 'page', value: '1' }] },
		});
		expect(res.error).toBeUndefined();
		expect(json(res)).toEqual([{ ok: true }]);
		expect(api.isDone()).toBe(true);
	});
});
