/**
 * X (Twitter) node: what the operation fixtures (test/fixtures/operations/xTwitter) do not cover — X's error
 * shapes (problem JSON, `errors[]`, a 200 with only errors), the monthly usage cap, per-endpoint rate limits from
 * `x-rate-limit-*`, paging by `pagination_token`, chunked video upload with processing, the OAuth 2.0 refresh
 * whose new refresh token is kept, the account label and the revocation request. Answers follow docs.x.com
 * (services.md § Twitter / X API v2).
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { ApiConnXTwitterApi } from '../../credentials/ApiConnXTwitterApi.credentials';
import { ApiConnXTwitterOAuth2Api } from '../../credentials/ApiConnXTwitterOAuth2Api.credentials';
import { defaultConnectionsObserver, useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { XTwitter } from '../../nodes/XTwitter/XTwitter.node';
import { CHUNK_BYTES } from '../../nodes/XTwitter/XTwitter.hooks';
import { xTwitterDefinition } from '../../nodes/XTwitter/XTwitter.service';
import { Connections } from '../../nodes/Connections/Connections.node';
import { services } from '../../nodes/services';
import { driveClock } from '../helpers/fake-clock';
import { runNode, type RunNodeOptions } from '../harness';
import { serviceKit } from '../kit';
import { freshObserver } from '../unit/connections/fixtures';

const API = 'https://api.x.com';
const ACCESS = 'dGhpcy1pcy1hbi14LXVzZXItdG9rZW4';
const REFRESH = 'bWF5YmUtYS1yZWZyZXNoLXRva2Vu';
const CLIENT_ID = 'cmVhbGx5LWEtY2xpZW50LWlk';
const CLIENT_SECRET = 'x-client-secret-4f1c';
const userCredential = {
	clientId: CLIENT_ID,
	clientSecret: CLIENT_SECRET,
	grantType: 'pkce',
	accessTokenUrl: 'https://api.x.com/2/oauth2/token',
	authentication: 'header',
	scope: 'tweet.read tweet.write users.read like.write follows.write media.write offline.access',
	oauthTokenData: {
		access_token: ACCESS,
		refresh_token: REFRESH,
		token_type: 'bearer',
		expires_in: 7200,
		scope: 'tweet.read tweet.write users.read like.write follows.write media.write offline.access',
	},
};

const kit = serviceKit({
	origin: API,
	nodeTypes: [new XTwitter()],
	credentialTypes: [new ApiConnXTwitterOAuth2Api(), new ApiConnXTwitterApi()],
	credentials: { apiConnXTwitterOAuth2Api: userCredential },
});
const run = (parameters: INodeParameters, extra: Partial<RunNodeOptions> = {}) =>
	kit.run('xTwitter', parameters, extra);

const post = {
	id: '1445880548472328192',
	text: 'Hello world!',
	edit_history_tweet_ids: ['1445880548472328192'],
};
const rate = (limit: number, remaining: number, resetAt: number) => ({
	'x-rate-limit-limit': String(limit),
	'x-rate-limit-remaining': String(remaining),
	'x-rate-limit-reset': String(resetAt),
});

describe('errors in X’s own words', () => {
	it('a 401 problem answer (token revoked, nothing to refresh with) says to reconnect and is not retried', async () => {
		const seen = kit.fake([
			'GET',
			401,
			{ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
		]);
		const { refresh_token: _dropped, ...token } = userCredential.oauthTokenData;
		const res = await run(
			{ resource: 'user', operation: 'getMe' },
			{ credentials: { apiConnXTwitterOAuth2Api: { ...userCredential, oauthTokenData: token } } },
		);
		expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual(['GET /2/users/me']);
		// n8n's own words: it owns the token and cannot refresh it.
		expect(res.error?.message).toBe(
			'OAuth access token expired and no refresh token is available. Please reconnect the credentials.',
		);
		expect(JSON.stringify(res.error)).not.toContain(ACCESS);
	});

	it('403 unsupported authentication (app-only token on a user endpoint) names the fix', async () => {
		const seen = kit.fake([
			'POST',
			403,
			{
				title: 'Unsupported Authentication',
				detail:
					'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
				type: 'https://api.twitter.com/2/problems/unsupported-authentication',
				status: 403,
			},
		]);
		const res = await run(
			{
				resource: 'post',
				operation: 'like',
				authentication: 'apiConnXTwitterApi',
				userId: '2244994945',
				tweetId: '1460323737035677698',
			},
			{
				credentials: { apiConnXTwitterApi: { accessToken: 'AAAA-app-token', consumerSecret: '' } },
			},
		);
		expect(seen).toHaveLength(1);
		expect(seen[0].headers.authorization).toBe('Bearer AAAA-app-token');
		expect(res.error?.message).toContain(
			'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.',
		);
		expect(res.error?.description).toContain(
			"Pick the credential X names: the OAuth2 (user) credential to post or act as a user (an app-only Bearer Token reads public data only), the app-only credential for the trigger's webhook.",
		);
	});

	it('403 duplicate content is final and says to change the text', async () => {
		const seen = kit.fake([
			'POST',
			403,
			{
				detail: 'You are not allowed to create a Tweet with duplicate content.',
				type: 'about:blank',
				title: 'Forbidden',
				status: 403,
			},
		]);
		const res = await run({ resource: 'post', operation: 'create', text: 'Hello world!' });
		expect(seen).toHaveLength(1);
		expect(res.error?.message).toContain(
			'You are not allowed to create a Tweet with duplicate content.',
		);
		expect(res.error?.description).toContain('Change the text, or skip the item.');
	});

	it('400 invalid request names the parameter X rejected', async () => {
		kit.fake([
			'GET',
			400,
			{
				errors: [
					{
						parameters: { 'tweet.fields': ['colour'] },
						message:
							'The `tweet.fields` query parameter value [colour] is not one of [attachments,author_id,…]',
					},
				],
				title: 'Invalid Request',
				detail: 'One or more parameters to your request was invalid.',
				type: 'https://api.twitter.com/2/problems/invalid-request',
			},
		]);
		const res = await run({ resource: 'post', operation: 'get', id: '1460323737035677698' });
		expect(res.error?.description).toContain('tweet.fields');
	});

	it('a 200 with only errors (a deleted post) fails the item with X’s detail; errors beside data do not', async () => {
		kit.fake([
			'GET',
			200,
			{
				errors: [
					{
						value: '1460323737035677699',
						detail: 'Could not find tweet with id: [1460323737035677699].',
						title: 'Not Found Error',
						resource_type: 'tweet',
						parameter: 'id',
						resource_id: '1460323737035677699',
						type: 'https://api.twitter.com/2/problems/resource-not-found',
					},
				],
			},
		]);
		const gone = await run({ resource: 'post', operation: 'get', id: '1460323737035677699' });
		expect(gone.error?.message).toContain('Could not find tweet with id: [1460323737035677699].');

		const partial = {
			data: { ...post, referenced_tweets: [{ type: 'quoted', id: '1' }] },
			errors: [
				{
					detail: 'Could not find tweet with referenced_tweets.id: [1].',
					type: 'https://api.twitter.com/2/problems/resource-not-found',
				},
			],
		};
		kit.fake(['GET', 200, partial]);
		const ok = await run({ resource: 'post', operation: 'get', id: '1445880548472328192' });
		expect(ok.error).toBeUndefined();
		expect(ok.outputs[0].map((i) => i.json)).toEqual([partial]);
	});

	it('the monthly usage cap (429 usage-capped) is reported with cause and fix, and not retried', async () => {
		const reset = Math.floor(kit.clock.now() / 1000) + 600;
		const seen = kit.fake([
			'POST',
			429,
			{
				title: 'UsageCapExceeded',
				detail: 'Usage cap exceeded: Monthly product cap',
				type: 'https://api.twitter.com/2/problems/usage-capped',
				period: 'Monthly',
				scope: 'Product',
			},
			rate(100, 99, reset),
		]);
		const start = kit.clock.now();
		const res = await run({ resource: 'post', operation: 'create', text: 'Hello world!' });
		expect(seen).toHaveLength(1);
		expect(kit.clock.now() - start).toBeLessThan(1000);
		expect(res.error?.description).toContain(
			"the app's monthly usage cap of its access tier is spent (Usage cap exceeded: Monthly product cap; period: Monthly, scope: Product)",
		);
		expect(res.error?.description).toContain(
			'Wait for the monthly reset shown in the developer portal (Dashboard → Usage), or move the app to a higher access tier',
		);
	});
});

describe('rate limits per endpoint (virtual time)', () => {
	it('a 429 waits until x-rate-limit-reset (X sends no Retry-After), then sends again', async () => {
		const reset = Math.floor(kit.clock.now() / 1000) + 120;
		const start = kit.clock.now();
		const seen = kit.fake(
			[
				'GET',
				429,
				{
					title: 'Too Many Requests',
					type: 'about:blank',
					status: 429,
					detail: 'Too Many Requests',
				},
				rate(900, 0, reset),
			],
			['GET', 200, { data: post }, rate(900, 899, reset + 900)],
		);
		const res = await run({ resource: 'post', operation: 'get', id: '1445880548472328192' });
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(kit.clock.now() - start).toBeGreaterThanOrEqual(119_000);
		expect(kit.clock.now() - start).toBeLessThanOrEqual(122_000);
	});

	it('x-rate-limit-remaining 0 on a success holds the next request of that endpoint until the reset', async () => {
		const reset = Math.floor(kit.clock.now() / 1000) + 300;
		const start = kit.clock.now();
		const seen = kit.fake(
			['POST', 200, { data: { liked: true } }, rate(50, 0, reset)],
			['POST', 200, { data: { liked: true } }, rate(50, 49, reset + 900)],
		);
		const like = {
			resource: 'post',
			operation: 'like',
			userId: '2244994945',
			tweetId: '1460323737035677698',
		};
		expect((await run(like)).error).toBeUndefined();
		expect(kit.clock.now() - start).toBeLessThan(1000);
		// The next execution on the same connection waits for the reset of the spent window.
		expect((await run(like)).error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(kit.clock.now() - start).toBeGreaterThanOrEqual(299_000);
		expect(kit.clock.now() - start).toBeLessThanOrEqual(302_000);
	});

	it('each endpoint has its own 15-minute budget (a tier), with the documented user-context figures', () => {
		const { spec } = xTwitterDefinition;
		const tierOf = (resource: string, op: string) =>
			spec.resources.find((r) => r.id === resource)!.operations.find((o) => o.id === op)!.rateLimit!
				.tier!;
		const tiers = spec.rateLimit!.tiers!;
		expect(tiers[tierOf('post', 'create')]).toEqual({ requests: 100, windowMs: 900_000 });
		expect(tiers[tierOf('post', 'getUserPosts')]).toEqual({ requests: 900, windowMs: 900_000 });
		expect(tiers[tierOf('post', 'like')]).toEqual({ requests: 50, windowMs: 900_000 });
		expect(tiers[tierOf('post', 'delete')]).toEqual({ requests: 50, windowMs: 900_000 });
		expect(tiers[tierOf('post', 'search')]).toEqual({ requests: 300, windowMs: 900_000 });
		expect(spec.resources.flatMap((r) => r.operations).filter((o) => !o.rateLimit?.tier)).toEqual(
			[],
		);
	});
});

describe('paging by pagination_token', () => {
	it('Return All follows meta.next_token until a page has none', async () => {
		const seen = kit.fake(
			[
				'GET',
				200,
				{
					data: [post],
					meta: { result_count: 1, next_token: '7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i' },
				},
			],
			['GET', 200, { data: [{ ...post, id: '2' }], meta: { result_count: 1 } }],
		);
		const res = await run({
			resource: 'post',
			operation: 'getUserPosts',
			userId: '2244994945',
			returnAll: true,
		});
		expect(seen.map((s) => s.uri)).toEqual([
			'/2/users/2244994945/tweets?max_results=100',
			'/2/users/2244994945/tweets?max_results=100&pagination_token=7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i',
		]);
		expect(res.outputs[0].map((i) => i.json.id)).toEqual(['1445880548472328192', '2']);
	});

	it('a Limit under X’s minimum asks for the minimum (5; search: 10) and returns only Limit items', async () => {
		const five = Array.from({ length: 5 }, (_, i) => ({ ...post, id: String(i + 1) }));
		const seen = kit.fake(['GET', 200, { data: five, meta: { result_count: 5, next_token: 'n' } }]);
		const res = await run({
			resource: 'post',
			operation: 'getMentions',
			userId: '2244994945',
			limit: 2,
		});
		expect(seen.map((s) => s.uri)).toEqual(['/2/users/2244994945/mentions?max_results=5']);
		expect(res.outputs[0].map((i) => i.json.id)).toEqual(['1', '2']);

		const ten = Array.from({ length: 10 }, (_, i) => ({ ...post, id: String(i + 1) }));
		const searched = kit.fake(['GET', 200, { data: ten, meta: { result_count: 10 } }]);
		const found = await run({ resource: 'post', operation: 'search', query: 'n8n', limit: 3 });
		expect(searched.map((s) => s.uri)).toEqual([
			'/2/tweets/search/recent?query=n8n&max_results=10',
		]);
		expect(found.outputs[0]).toHaveLength(3);
	});
});

describe('media upload', () => {
	const video = Buffer.alloc(CHUNK_BYTES + 10, 7);
	const input = [
		{
			json: {},
			binary: {
				data: { data: video.toString('base64'), mimeType: 'video/mp4', fileName: 'clip.mp4' },
			},
		},
	];

	it('a video goes INIT → APPEND (1 MiB segments) → FINALIZE → STATUS until succeeded, waiting check_after_secs', async () => {
		const start = kit.clock.now();
		const seen = kit.fake(
			[
				'POST',
				200,
				{
					data: {
						id: '1880028106020515840',
						media_key: '7_1880028106020515840',
						expires_after_secs: 86400,
					},
				},
			],
			['POST', 204, undefined],
			['POST', 204, undefined],
			[
				'POST',
				200,
				{
					data: {
						id: '1880028106020515840',
						media_key: '7_1880028106020515840',
						size: video.length,
						expires_after_secs: 86400,
						processing_info: { state: 'pending', check_after_secs: 5 },
					},
				},
			],
			[
				'GET',
				200,
				{
					data: {
						id: '1880028106020515840',
						media_key: '7_1880028106020515840',
						processing_info: { state: 'in_progress', check_after_secs: 10, progress_percent: 40 },
					},
				},
			],
			[
				'GET',
				200,
				{
					data: {
						id: '1880028106020515840',
						media_key: '7_1880028106020515840',
						processing_info: { state: 'succeeded', progress_percent: 100 },
					},
				},
			],
		);
		const res = await run(
			{ resource: 'media', operation: 'upload', binaryPropertyName: 'data' },
			{ input },
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
			'POST /2/media/upload/initialize',
			'POST /2/media/upload/1880028106020515840/append',
			'POST /2/media/upload/1880028106020515840/append',
			'POST /2/media/upload/1880028106020515840/finalize',
			'GET /2/media/upload?command=STATUS&media_id=1880028106020515840',
			'GET /2/media/upload?command=STATUS&media_id=1880028106020515840',
		]);
		expect(seen[0].body).toEqual({
			media_type: 'video/mp4',
			total_bytes: video.length,
			media_category: 'tweet_video',
		});
		expect(String(seen[1].body)).toContain('name="segment_index"\r\n\r\n0\r\n');
		expect(String(seen[2].body)).toContain('name="segment_index"\r\n\r\n1\r\n');
		expect(seen[1].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(seen[3].body).toBeUndefined();
		expect(seen.every((s) => s.headers.authorization === `Bearer ${ACCESS}`)).toBe(true);
		expect(kit.clock.now() - start).toBe(15_000);
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{
				id: '1880028106020515840',
				media_key: '7_1880028106020515840',
				processing_info: { state: 'succeeded', progress_percent: 100 },
			},
		]);
	});

	// A small video: one APPEND.
	const small = [
		{
			json: {},
			binary: {
				data: {
					data: Buffer.alloc(64, 7).toString('base64'),
					mimeType: 'video/mp4',
					fileName: 'clip.mp4',
				},
			},
		},
	];

	it('processing that fails, or outlasts Max Wait, fails the item with the cause and the fix', async () => {
		kit.fake(
			['POST', 200, { data: { id: '77' } }],
			['POST', 204, undefined],
			[
				'POST',
				200,
				{
					data: {
						id: '77',
						processing_info: {
							state: 'failed',
							error: { code: 1, name: 'InvalidMedia', message: 'Unsupported video codec' },
						},
					},
				},
			],
		);
		const failed = await run(
			{ resource: 'media', operation: 'upload', binaryPropertyName: 'data' },
			{ input: small },
		);
		expect(failed.error?.message).toBe(
			'X could not process the media 77: Unsupported video codec.',
		);

		kit.fake(
			['POST', 200, { data: { id: '78' } }],
			['POST', 204, undefined],
			[
				'POST',
				200,
				{ data: { id: '78', processing_info: { state: 'pending', check_after_secs: 30 } } },
			],
		);
		const slow = await run(
			{
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'data',
				additionalFields: { maxWaitSeconds: 20 },
			},
			{ input: small },
		);
		expect(slow.error?.message).toBe(
			'X had not finished processing the media 78 after 20 s (state pending).',
		);
		expect(slow.error?.description).toContain('Raise "Max Wait (Seconds)"');
	});
});

describe('the connection', () => {
	it('a 401 refreshes the 2-hour token with the refresh token (Basic client auth), keeps the rotated refresh token, re-sends', async () => {
		const seen = kit.fake(
			[
				'GET',
				401,
				{ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
			],
			[
				'POST',
				200,
				{
					token_type: 'bearer',
					expires_in: 7200,
					access_token: 'bmV3LWFjY2Vzcy10b2tlbg',
					scope: userCredential.oauthTokenData.scope,
					refresh_token: 'cm90YXRlZC1yZWZyZXNoLXRva2Vu',
				},
			],
			['GET', 200, { data: { id: '2244994945', name: 'Developers', username: 'XDevelopers' } }],
		);
		const res = await run({ resource: 'user', operation: 'getMe' });
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
			'GET /2/users/me',
			'POST /2/oauth2/token',
			'GET /2/users/me',
		]);
		const form = new URLSearchParams(String(seen[1].body));
		expect(Object.fromEntries(form)).toEqual({
			grant_type: 'refresh_token',
			refresh_token: REFRESH,
		});
		expect(seen[1].headers.authorization).toBe(
			`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
		);
		expect(seen[2].headers.authorization).toBe('Bearer bmV3LWFjY2Vzcy10b2tlbg');
		const saved = res.credentialUpdates.at(-1)?.data.oauthTokenData as IDataObject;
		expect(saved).toMatchObject({
			access_token: 'bmV3LWFjY2Vzcy10b2tlbg',
			refresh_token: 'cm90YXRlZC1yZWZyZXNoLXRva2Vu',
			expires_in: 7200,
		});
		expect(res.outputs[0][0].json).toEqual({
			data: { id: '2244994945', name: 'Developers', username: 'XDevelopers' },
		});
	});

	it('the first use names the connection @username from GET /2/users/me', async () => {
		useRuntime({ clock: kit.clock, random: () => 0.5, observers: [defaultConnectionsObserver()] });
		const seen = kit.fake(
			['GET', 200, { data: { id: '2244994945', name: 'Developers', username: 'XDevelopers' } }],
			['GET', 200, { data: post }],
		);
		const res = await run(
			{ resource: 'post', operation: 'get', id: '1445880548472328192' },
			{ workflowId: 'x-account-label' },
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.uri, s.headers.authorization])).toEqual([
			['/2/users/me', `Bearer ${ACCESS}`],
			['/2/tweets/1445880548472328192', `Bearer ${ACCESS}`],
		]);
	});

	it('the app-only token is a connection of its own: it works beside the user connection, with no "who am I"', async () => {
		useRuntime({ clock: kit.clock, random: () => 0.5, observers: [defaultConnectionsObserver()] });
		// Path-aware: the user connection may already be bound (and named) by an earlier test of this file.
		const seen: Array<[string, string]> = [];
		nock(API)
			.persist()
			.get(/.*/)
			.reply(function (uri) {
				seen.push([uri, String(this.req.headers.authorization)]);
				return [
					200,
					uri === '/2/users/me'
						? { data: { id: '2244994945', name: 'Developers', username: 'XDevelopers' } }
						: { data: post },
				];
			});
		const asUser = await run(
			{ resource: 'post', operation: 'get', id: '1445880548472328192' },
			{ workflowId: 'x-two-connections' },
		);
		expect(asUser.error).toBeUndefined();
		const asApp = await run(
			{
				resource: 'post',
				operation: 'get',
				authentication: 'apiConnXTwitterApi',
				id: '1445880548472328192',
			},
			{
				workflowId: 'x-two-connections',
				credentials: {
					apiConnXTwitterOAuth2Api: userCredential,
					apiConnXTwitterApi: { accessToken: 'AAAA-app-token', consumerSecret: 'secret' },
				},
			},
		);
		expect(asApp.error).toBeUndefined();
		expect(seen.filter(([uri]) => uri !== '/2/users/me')).toEqual([
			['/2/tweets/1445880548472328192', `Bearer ${ACCESS}`],
			['/2/tweets/1445880548472328192', 'Bearer AAAA-app-token'],
		]);
		expect(seen).not.toContainEqual(['/2/users/me', 'Bearer AAAA-app-token']);
	});
});

describe('Custom Request', () => {
	it('any X v2 path through the same connection, e.g. GET /2/tweets/counts/recent, with X’s errors and limits', async () => {
		const seen = kit.fake([
			'GET',
			200,
			{
				data: [
					{ end: '2026-12-02T00:00:00.000Z', start: '2026-12-01T00:00:00.000Z', tweet_count: 42 },
				],
				meta: { total_tweet_count: 42 },
			},
			rate(300, 299, 1796280000),
		]);
		const res = await run({
			resource: 'customRequest',
			operation: 'send',
			requestMethod: 'GET',
			requestPath: '/2/tweets/counts/recent',
			requestQuery: {
				parameter: [
					{ name: 'query', value: 'from:XDevelopers' },
					{ name: 'granularity', value: 'day' },
				],
			},
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri, s.headers.authorization])).toEqual([
			[
				'GET',
				'/2/tweets/counts/recent?query=from%3AXDevelopers&granularity=day',
				`Bearer ${ACCESS}`,
			],
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([
			{
				data: [
					{ end: '2026-12-02T00:00:00.000Z', start: '2026-12-01T00:00:00.000Z', tweet_count: 42 },
				],
				meta: { total_tweet_count: 42 },
			},
		]);
	});
});

describe('spec and credentials', () => {
	it('the spec is valid; OAuth 2.0 with PKCE at X’s URLs, least-privilege scopes with offline.access', () => {
		expect(validateService(xTwitterDefinition)).toEqual([]);
		const oauth = new ApiConnXTwitterOAuth2Api().properties;
		const value = (name: string) => oauth.find((p) => p.name === name)?.default;
		expect(value('grantType')).toBe('pkce');
		expect(value('authUrl')).toBe('https://x.com/i/oauth2/authorize');
		expect(value('accessTokenUrl')).toBe('https://api.x.com/2/oauth2/token');
		expect(value('authentication')).toBe('header');
		expect(value('scope')).toBe(
			'tweet.read tweet.write users.read like.write follows.write media.write offline.access',
		);
	});

	it('the app-only credential sends its Bearer Token and keeps the consumer secret for the trigger', () => {
		const app = new ApiConnXTwitterApi();
		expect(app.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
		});
		expect(app.properties.map((p) => [p.name, p.typeOptions?.password])).toEqual([
			['accessToken', true],
			['consumerSecret', true],
		]);
	});

	afterAll(() => nock.cleanAll());
});

/** A runtime with a fresh connections store that knows the package's services (the Connections node reads it). */
function connectionsRuntime() {
	const { observer } = freshObserver();
	useRuntime({
		clock: kit.clock,
		random: () => 0.5,
		observers: [observer],
		services: services.map((s) => s.spec),
	});
	return observer;
}

/** One run of the Connections node with both X credential types. */
function runConnections(
	parameters: INodeParameters,
	nodeCredentials: Record<string, { id: string; name: string }> | undefined,
	credentials: Record<string, ICredentialDataDecryptedObject>,
) {
	return driveClock(
		kit.clock,
		runNode({
			nodeTypes: [new Connections()],
			credentialTypes: [new ApiConnXTwitterOAuth2Api(), new ApiConnXTwitterApi()],
			node: { type: 'connections', parameters, credentials: nodeCredentials },
			credentials,
			workflowId: 'wf-admin',
		}),
	);
}

describe('Get Status through the Connections node', () => {
	it('lists the user connection (named by its username) and the app connection (named by its credential)', async () => {
		const observer = connectionsRuntime();
		const user = { id: 'x-user-1', name: 'X user' };
		const app = { id: 'x-app-1', name: 'X app' };
		const both = {
			apiConnXTwitterOAuth2Api: userCredential,
			apiConnXTwitterApi: { accessToken: 'AAAA-app-token', consumerSecret: 'secret' },
		};
		kit.fake(
			['GET', 200, { data: { id: '2244994945', name: 'Developers', username: 'XDevelopers' } }],
			['GET', 200, { data: post }],
			['GET', 200, { data: post }],
		);
		const get = { resource: 'post', operation: 'get', id: '1445880548472328192' };
		expect(
			(
				await run(get, {
					node: {
						type: 'xTwitter',
						parameters: {},
						credentials: { apiConnXTwitterOAuth2Api: user },
					},
					credentials: both,
				})
			).error,
		).toBeUndefined();
		expect(
			(
				await run(
					{ ...get, authentication: 'apiConnXTwitterApi' },
					{
						node: { type: 'xTwitter', parameters: {}, credentials: { apiConnXTwitterApi: app } },
						credentials: both,
					},
				)
			).error,
		).toBeUndefined();
		const res = await runConnections(
			{ resource: 'connection', operation: 'getStatus', service: '__all' },
			undefined,
			{},
		);
		expect(res.error).toBeUndefined();
		const rows = res.outputs[0]
			.map((i) => i.json)
			.filter((r) => String(r.credential).startsWith('X '))
			.map((r) => [r.service, r.account, r.credential, r.authentication, r.status, r.calls24h]);
		// The user's connection asked "who am I" (2 calls); the app's did not (1 call).
		expect(rows).toEqual([
			['X (Twitter)', 'XDevelopers', 'X user', 'OAuth2 (User Context)', 'connected', 2],
			['X (Twitter)', 'X app', 'X app', 'App-Only Bearer Token', 'connected', 1],
		]);
		await observer.close();
	});
});

describe('Test through the Connections node', () => {
	it('tests the app-only Bearer Token with a public user lookup (an app token cannot call /2/users/me)', async () => {
		const observer = connectionsRuntime();
		const seen = kit.fake([
			'GET',
			200,
			{ data: { id: '2244994945', name: 'Developers', username: 'XDevelopers' } },
		]);
		const res = await runConnections(
			{
				resource: 'connection',
				operation: 'test',
				service: 'xTwitter',
				xTwitterAuthentication: 'apiConnXTwitterApi',
			},
			{ apiConnXTwitterApi: { id: 'x-app-1', name: 'X app' } },
			{ apiConnXTwitterApi: { accessToken: 'AAAA-app-token', consumerSecret: 'secret' } },
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri, s.headers.authorization])).toEqual([
			['GET', '/2/users/by/username/XDevelopers', 'Bearer AAAA-app-token'],
		]);
		expect(res.outputs[0][0].json).toMatchObject({
			credential: 'X app',
			method: 'GET',
			endpoint: 'GET /2/users/by/username/XDevelopers',
			ok: true,
			status: 200,
			message: 'Connection successful',
		});
		await observer.close();
	});
});

describe('Disconnect through the Connections node', () => {
	it('revokes the refresh token at POST /2/oauth2/revoke (form, token_type_hint, Basic client auth)', async () => {
		const observer = connectionsRuntime();
		const cred = { id: 'x-cred-1', name: 'X user' };
		const seen = kit.fake(
			['GET', 200, { data: { id: '2244994945', name: 'Developers', username: 'XDevelopers' } }],
			['GET', 200, { data: post }],
			['POST', 200, { revoked: true }],
		);
		const used = await run(
			{ resource: 'post', operation: 'get', id: '1445880548472328192' },
			{
				// type and parameters are the run's own; only the credential's id and name are set here.
				node: { type: 'xTwitter', parameters: {}, credentials: { apiConnXTwitterOAuth2Api: cred } },
				workflowId: 'wf-x',
			},
		);
		expect(used.error).toBeUndefined();
		const res = await runConnections(
			{
				resource: 'connection',
				operation: 'disconnect',
				service: 'xTwitter',
				xTwitterAuthentication: 'apiConnXTwitterOAuth2Api',
				confirmDisconnect: true,
			},
			{ apiConnXTwitterOAuth2Api: cred },
			{ apiConnXTwitterOAuth2Api: userCredential },
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
			'GET /2/users/me',
			'GET /2/tweets/1445880548472328192',
			'POST /2/oauth2/revoke',
		]);
		expect(Object.fromEntries(new URLSearchParams(String(seen[2].body)))).toEqual({
			token: REFRESH,
			token_type_hint: 'refresh_token',
		});
		expect(seen[2].headers.authorization).toBe(
			`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
		);
		expect(res.outputs[0][0].json).toMatchObject({
			service: 'X (Twitter)',
			disconnected: true,
			account: 'XDevelopers',
			revoked: true,
			revokeMessage: 'Revoked at X (Twitter) (200).',
		});
		await observer.close();
	});
});
