/**
 * Redirects (issue 10, item 1): the engine never lets n8n follow a redirect. It follows same-origin ones
 * itself (the credential applied again by n8n for that origin), and refuses any other origin before a
 * single byte is sent there, for every kind of credential and every redirect status.
 */
import nock from 'nock';

import { CustomApiBasicAuthApi } from '../../credentials/CustomApiBasicAuthApi.credentials';
import { CustomApiBearerApi } from '../../credentials/CustomApiBearerApi.credentials';
import { CustomApiKeyApi } from '../../credentials/CustomApiKeyApi.credentials';
import { CustomApiOAuth2Api } from '../../credentials/CustomApiOAuth2Api.credentials';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { ORIGIN_MAP_ENV } from '../../lib/transport/origin-map';
import { runNode, type RunNodeOptions } from '../harness';
import { expectNoSecrets } from '../helpers/secrets';

const API = 'https://api.example.test';
const EVIL = 'https://evil.example.test';
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
	return runNode({
		nodeTypes: [new CustomApi()],
		credentialTypes,
		node: { type: 'customApi', parameters },
		...extra,
	});
}

interface Kind {
	name: string;
	authentication: string;
	credentials: RunNodeOptions['credentials'];
	/** What the API must receive on every request. */
	headers: Record<string, string>;
	query: Record<string, string>;
	secrets: string[];
}

const KINDS: Kind[] = [
	{
		name: 'bearer token',
		authentication: 'bearerToken',
		credentials: {
			customApiBearerApi: { baseUrl: API, accessToken: 'tok_redirect_123456', testPath: '/' },
		},
		headers: { authorization: 'Bearer tok_redirect_123456' },
		query: {},
		secrets: ['tok_redirect_123456'],
	},
	{
		name: 'OAuth2',
		authentication: 'oAuth2',
		credentials: {
			customApiOAuth2Api: {
				baseUrl: API,
				testPath: '/',
				grantType: 'authorizationCode',
				authUrl: 'https://auth.example.test/authorize',
				accessTokenUrl: 'https://auth.example.test/token',
				clientId: 'client-1',
				clientSecret: 'client-secret-redirect',
				scope: 'read',
				authentication: 'header',
				oauthTokenData: {
					access_token: 'AT-redirect-123456',
					refresh_token: 'RT-redirect-123456',
					token_type: 'Bearer',
				},
			},
		},
		headers: { authorization: 'Bearer AT-redirect-123456' },
		query: {},
		secrets: ['AT-redirect-123456', 'RT-redirect-123456', 'client-secret-redirect'],
	},
	{
		name: 'Basic auth',
		authentication: 'basicAuth',
		credentials: {
			customApiBasicAuthApi: {
				baseUrl: API,
				username: 'redir_user',
				password: 'redir-pass-123456',
				testPath: '/',
			},
		},
		headers: {
			authorization: 'Basic ' + Buffer.from('redir_user:redir-pass-123456').toString('base64'),
		},
		query: {},
		secrets: ['redir-pass-123456'],
	},
	{
		name: 'API key in a header',
		authentication: 'apiKey',
		credentials: {
			customApiKeyApi: {
				baseUrl: API,
				apiKey: 'key_redirect_123456',
				keyLocation: 'header',
				keyName: 'X-API-Key',
				keyPrefix: '',
				testPath: '/',
			},
		},
		headers: { 'x-api-key': 'key_redirect_123456' },
		query: {},
		secrets: ['key_redirect_123456'],
	},
	{
		name: 'API key in the query',
		authentication: 'apiKey',
		credentials: {
			customApiKeyApi: {
				baseUrl: API,
				apiKey: 'qkey_redirect_123456',
				keyLocation: 'query',
				keyName: 'api_key',
				keyPrefix: '',
				testPath: '/',
			},
		},
		headers: {},
		query: { api_key: 'qkey_redirect_123456' },
		secrets: ['qkey_redirect_123456'],
	},
];

const STATUSES = [301, 302, 303, 307, 308];

/** Everything that reaches a foreign host: there must never be anything. */
interface Hit {
	method: string;
	url: string;
	headers: Record<string, unknown>;
	body: unknown;
}
let foreign: Hit[] = [];
const unmatched: string[] = [];

/** A foreign server that would happily answer (so a leak shows as a hit, not as a network error). */
function foreignServer(origin: string): nock.Scope {
	const record = function (
		this: nock.ReplyFnContext,
		uri: string,
		body: unknown,
	): [number, unknown] {
		foreign.push({
			method: this.req.method,
			url: origin + uri,
			headers: { ...this.req.headers },
			body,
		});
		return [200, { stolen: true }];
	};
	return nock(origin)
		.persist()
		.get(/.*/)
		.reply(record)
		.post(/.*/)
		.reply(record)
		.put(/.*/)
		.reply(record)
		.head(/.*/)
		.reply(200);
}

/** The API answered with the credential applied (header and query) — asserted per request. */
function withAuth(kind: Kind, scope: nock.Interceptor): nock.Interceptor {
	return Object.keys(kind.query).length ? scope.query(kind.query) : scope;
}

function api(kind: Kind): nock.Scope {
	return nock(API, { reqheaders: kind.headers });
}

beforeAll(() => {
	nock.disableNetConnect();
	nock.emitter.on('no match', (req: { path?: string; host?: string; hostname?: string }) =>
		unmatched.push(`${req.hostname ?? req.host ?? ''}${req.path ?? ''}`),
	);
});
beforeEach(() => {
	foreign = [];
	unmatched.length = 0;
});
afterEach(() => {
	nock.abortPendingRequests();
	nock.cleanAll();
});
afterAll(() => {
	nock.emitter.removeAllListeners('no match');
	nock.enableNetConnect();
});

function refusal(target: string) {
	return `Custom API: refused to follow a redirect to ${target}, another origin`;
}

describe('a redirect to another origin is refused, and nothing at all is sent there', () => {
	for (const kind of KINDS) {
		it.each(STATUSES)(`${kind.name}: GET answered %i to another host`, async (status) => {
			const evil = foreignServer(EVIL);
			const first = withAuth(kind, api(kind).get('/me')).reply(
				status,
				{ moved: true },
				{ location: `${EVIL}/steal?x=1` },
			);
			const res = await run(
				{ authentication: kind.authentication, method: 'GET', endpoint: '/me' },
				{ credentials: kind.credentials },
			);
			expect(first.isDone()).toBe(true);
			expect(foreign).toEqual([]);
			expect(unmatched).toEqual([]);
			expect(evil.isDone()).toBe(false);
			expect(res.outputs).toEqual([]);
			expect(res.error?.message).toBe(refusal(EVIL));
			expect(res.error?.description).toContain(
				`Custom API answered ${status} to GET /me with a redirect to ${EVIL}, but credentials are only sent to ${API} (the request's own scheme, host and port), so nothing was sent to ${EVIL}.`,
			);
			expect(res.error?.description).toContain(
				`If the API has moved to ${EVIL}, set the Base URL (in the credential or the node) to it`,
			);
			// The target's path and query are never shown: only its origin.
			expect(JSON.stringify(res.error)).not.toContain('/steal');
			expectNoSecrets(res, kind.secrets);
		});

		it.each([307, 308, 301, 302, 303])(
			`${kind.name}: POST answered %i to another host sends no body and no credential there`,
			async (status) => {
				foreignServer(EVIL);
				withAuth(kind, api(kind).post('/orders', { sku: 'A-1' })).reply(status, '', {
					location: `${EVIL}/orders`,
				});
				const res = await run(
					{
						authentication: kind.authentication,
						method: 'POST',
						endpoint: '/orders',
						bodyContentType: 'json',
						jsonBody: '{"sku":"A-1"}',
					},
					{ credentials: kind.credentials },
				);
				expect(foreign).toEqual([]);
				expect(unmatched).toEqual([]);
				expect(res.error?.message).toBe(refusal(EVIL));
			},
		);
	}

	it.each([
		['another scheme (https → http)', 'http://api.example.test/me', 'http://api.example.test'],
		['another port', 'https://api.example.test:8443/me', 'https://api.example.test:8443'],
		['a scheme-relative Location', '//evil.example.test/me', EVIL],
		[
			'a subdomain',
			'https://api.example.test.evil.example.test/me',
			'https://api.example.test.evil.example.test',
		],
		['userinfo in the Location', 'https://api.example.test@evil.example.test/me', EVIL],
	])('%s is another origin', async (_name, location, target) => {
		const kind = KINDS[0];
		foreignServer(target);
		api(kind).get('/me').reply(302, '', { location });
		const res = await run(
			{ authentication: kind.authentication, method: 'GET', endpoint: '/me' },
			{ credentials: kind.credentials },
		);
		expect(foreign).toEqual([]);
		expect(unmatched).toEqual([]);
		expect(res.error?.message).toBe(refusal(target));
	});

	it('a chain is checked at every hop: same origin twice, then another origin is refused', async () => {
		const kind = KINDS[3];
		foreignServer(EVIL);
		const a = api(kind).get('/a').reply(302, '', { location: '/b' });
		const b = api(kind)
			.get('/b')
			.reply(301, '', { location: `${API}/c` });
		const c = api(kind)
			.get('/c')
			.reply(307, '', { location: `${EVIL}/d` });
		const res = await run(
			{ authentication: kind.authentication, method: 'GET', endpoint: '/a' },
			{ credentials: kind.credentials },
		);
		expect(a.isDone() && b.isDone() && c.isDone()).toBe(true);
		expect(foreign).toEqual([]);
		expect(res.error?.message).toBe(refusal(EVIL));
		expectNoSecrets(res, kind.secrets);
	});
});

describe('OAuth2: after n8n refreshes the token', () => {
	it('the re-sent request answered with a redirect to another origin sends nothing there (neither token)', async () => {
		const kind = KINDS[1];
		foreignServer(EVIL);
		nock(API)
			.get('/me')
			.matchHeader('authorization', 'Bearer AT-redirect-123456')
			.reply(401, { error: 'expired' });
		const token = nock('https://auth.example.test').post('/token').reply(200, {
			access_token: 'AT-refreshed-654321',
			refresh_token: 'RT-refreshed-654321',
			token_type: 'Bearer',
			expires_in: 3600,
		});
		nock(API)
			.get('/me')
			.matchHeader('authorization', 'Bearer AT-refreshed-654321')
			.reply(307, '', { location: `${EVIL}/me` });
		const res = await run(
			{ authentication: kind.authentication, method: 'GET', endpoint: '/me' },
			{ credentials: kind.credentials },
		);
		expect(token.isDone()).toBe(true);
		expect(foreign).toEqual([]);
		expect(unmatched).toEqual([]);
		expect(res.error?.message).toBe(refusal(EVIL));
		// (The run's credentialUpdates hold the refreshed token as n8n stores it: only outputs and errors are scanned.)
		expectNoSecrets({ outputs: res.outputs, error: res.error }, [
			...kind.secrets,
			'AT-refreshed-654321',
			'RT-refreshed-654321',
		]);
	});
});

describe('a redirect on the same origin is followed by the engine, with the credential', () => {
	for (const kind of KINDS) {
		it.each(STATUSES)(`${kind.name}: GET answered %i with a relative Location`, async (status) => {
			const first = withAuth(kind, api(kind).get('/v1/me')).reply(status, '', {
				location: '/v2/me?fields=id',
			});
			const second = api(kind)
				.get('/v2/me')
				.query({ fields: 'id', ...kind.query })
				.reply(200, { id: 42 });
			const res = await run(
				{ authentication: kind.authentication, method: 'GET', endpoint: '/v1/me' },
				{ credentials: kind.credentials },
			);
			expect(res.error).toBeUndefined();
			expect(first.isDone() && second.isDone()).toBe(true);
			expect(res.outputs[0]).toEqual([{ json: { id: 42 }, pairedItem: { item: 0 } }]);
			expect(foreign).toEqual([]);
			expectNoSecrets(res, kind.secrets);
		});
	}

	it('a path-relative Location resolves against the request URL (RFC 3986)', async () => {
		const kind = KINDS[0];
		api(kind).get('/v1/users/7').reply(302, '', { location: '../accounts/7' });
		const second = api(kind).get('/v1/accounts/7').reply(200, { id: 7 });
		const res = await run(
			{ authentication: kind.authentication, method: 'GET', endpoint: '/v1/users/7' },
			{ credentials: kind.credentials },
		);
		expect(second.isDone()).toBe(true);
		expect(res.outputs[0][0].json).toEqual({ id: 7 });
	});

	it('an absolute Location on the same origin is followed', async () => {
		const kind = KINDS[2];
		api(kind)
			.get('/me')
			.reply(308, '', { location: `${API}/users/me` });
		const second = api(kind).get('/users/me').reply(200, { id: 1 });
		const res = await run(
			{ authentication: kind.authentication, method: 'GET', endpoint: '/me' },
			{ credentials: kind.credentials },
		);
		expect(second.isDone()).toBe(true);
		expect(res.outputs[0][0].json).toEqual({ id: 1 });
	});

	it.each([
		[303, 'GET'],
		[301, 'GET'],
		[302, 'GET'],
	])(
		'POST answered %i: the next hop is a %s without a body or a Content-Type',
		async (status, method) => {
			const kind = KINDS[0];
			let second: { method: string; body: unknown; contentType: unknown } | undefined;
			api(kind).post('/orders', { sku: 'A-1' }).reply(status, '', { location: '/orders/1' });
			api(kind)
				.intercept('/orders/1', method)
				.reply(function (_uri, body) {
					second = { method: this.req.method, body, contentType: this.req.headers['content-type'] };
					return [200, { id: 1 }];
				});
			const res = await run(
				{
					authentication: kind.authentication,
					method: 'POST',
					endpoint: '/orders',
					bodyContentType: 'json',
					jsonBody: '{"sku":"A-1"}',
				},
				{ credentials: kind.credentials },
			);
			expect(res.error).toBeUndefined();
			expect(res.outputs[0][0].json).toEqual({ id: 1 });
			expect(second).toEqual({ method, body: '', contentType: undefined });
		},
	);

	it.each([307, 308])(
		'POST answered %i: the same method and body go to the new location',
		async (status) => {
			const kind = KINDS[3];
			api(kind).post('/orders', { sku: 'A-1' }).reply(status, '', { location: '/v2/orders' });
			const second = api(kind)
				.matchHeader('content-type', 'application/json')
				.post('/v2/orders', { sku: 'A-1' })
				.reply(201, { id: 'o_1' });
			const res = await run(
				{
					authentication: kind.authentication,
					method: 'POST',
					endpoint: '/orders',
					bodyContentType: 'json',
					jsonBody: '{"sku":"A-1"}',
				},
				{ credentials: kind.credentials },
			);
			expect(res.error).toBeUndefined();
			expect(second.isDone()).toBe(true);
			expect(res.outputs[0][0].json).toEqual({ id: 'o_1' });
		},
	);

	it('a redirect loop stops after 10 hops with a clear error', async () => {
		const kind = KINDS[0];
		let hits = 0;
		api(kind)
			.get('/loop')
			.times(20)
			.reply(() => {
				hits++;
				return [302, '', { location: '/loop' }];
			});
		const res = await run(
			{
				authentication: kind.authentication,
				method: 'GET',
				endpoint: '/loop',
				options: { maxAttempts: 1 },
			},
			{ credentials: kind.credentials },
		);
		expect(hits).toBe(11);
		expect(res.error?.message).toBe('Custom API: too many redirects (more than 10)');
		expect(res.error?.description).toContain(
			`GET /loop was redirected more than 10 times within ${API}.`,
		);
		expect(res.error?.description).toContain(
			'The server redirects in a loop: check the endpoint path and the Base URL.',
		);
	});

	it('a 3xx without a Location is an answer like any other (no hop)', async () => {
		const kind = KINDS[0];
		api(kind).get('/me').reply(302, { message: 'moved somewhere' });
		const res = await run(
			{ authentication: kind.authentication, method: 'GET', endpoint: '/me' },
			{ credentials: kind.credentials },
		);
		expect(res.error?.message).toBe('Custom API: 302 Error – moved somewhere');
	});
});

describe('the origin map cannot open a hole', () => {
	const MOCK = 'http://mock.example.test:4010';
	const saved = process.env[ORIGIN_MAP_ENV];
	beforeEach(() => {
		process.env[ORIGIN_MAP_ENV] = `${API}=${MOCK}`;
	});
	afterEach(() => {
		if (saved === undefined) delete process.env[ORIGIN_MAP_ENV];
		else process.env[ORIGIN_MAP_ENV] = saved;
	});

	it('a redirect on the mapped origin, or to the original one, stays on the mapped origin', async () => {
		const kind = KINDS[0];
		const real = foreignServer(API);
		nock(MOCK, { reqheaders: kind.headers }).get('/a').reply(302, '', { location: '/b' });
		nock(MOCK, { reqheaders: kind.headers })
			.get('/b')
			.reply(302, '', { location: `${API}/c` });
		const c = nock(MOCK, { reqheaders: kind.headers }).get('/c').reply(200, { ok: true });
		const res = await run(
			{ authentication: kind.authentication, method: 'GET', endpoint: '/a' },
			{ credentials: kind.credentials },
		);
		expect(res.error).toBeUndefined();
		expect(c.isDone()).toBe(true);
		expect(res.outputs[0][0].json).toEqual({ ok: true });
		expect(real.isDone()).toBe(false);
		expect(foreign).toEqual([]);
	});

	it('a redirect from the mapped origin to a third origin is refused', async () => {
		const kind = KINDS[4];
		foreignServer(EVIL);
		nock(MOCK)
			.get('/a')
			.query(kind.query)
			.reply(302, '', { location: `${EVIL}/x` });
		const res = await run(
			{ authentication: kind.authentication, method: 'GET', endpoint: '/a' },
			{ credentials: kind.credentials },
		);
		expect(foreign).toEqual([]);
		expect(res.error?.message).toBe(refusal(EVIL));
	});
});
