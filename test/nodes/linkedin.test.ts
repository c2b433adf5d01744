/**
 * LinkedIn node: what is special about it beyond the per-operation fixtures (test/fixtures/operations/linkedIn):
 * the exact Rest.li wire form of URNs, lists and records, paging over several pages, the daily quota's 429,
 * LinkedIn's error shape (serviceErrorCode, message, status), the write scope of who acts, the upload host
 * rule and Custom Request. Answers are shaped like LinkedIn's documented ones.
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { ApiConnLinkedInOAuth2Api } from '../../credentials/ApiConnLinkedInOAuth2Api.credentials';
import { LinkedIn } from '../../nodes/LinkedIn/LinkedIn.node';
import { serviceKit } from '../kit';

const API = 'https://api.linkedin.com';
const TOKEN = 'AQVh7cKZMemberToken0123456789';
const credential = (scope: string) => ({
	apiConnLinkedInOAuth2Api: {
		clientId: '86yrtgbe0h5tzw',
		clientSecret: 'li_client_secret_Wq8Z',
		oauthTokenData: { access_token: TOKEN, expires_in: 5184000, scope },
	},
});
const ALL =
	'email,openid,profile,r_organization_social,rw_organization_admin,w_member_social,w_organization_social';

const kit = serviceKit({
	origin: API,
	nodeTypes: [new LinkedIn()],
	credentialTypes: [new ApiConnLinkedInOAuth2Api()],
	credentials: credential(ALL),
});

const run = (parameters: INodeParameters, extra = {}) => kit.run('linkedIn', parameters, extra);

const post = (n: number) => ({
	id: `urn:li:share:${6844785523593134000 + n}`,
	author: 'urn:li:organization:5515715',
	commentary: `Post ${n}`,
	visibility: 'PUBLIC',
	lifecycleState: 'PUBLISHED',
});

describe('Rest.li on the wire', () => {
	it('share statistics: the URN, the List of shares and the timeIntervals record are sent Rest.li-encoded', async () => {
		const seen = kit.fake([
			'GET',
			200,
			{ paging: { start: 0, count: 10, links: [] }, elements: [] },
		]);
		const res = await run({
			resource: 'organization',
			operation: 'getShareStatistics',
			organizationalEntity: 'urn:li:organization:2414183',
			additionalFields: {
				shares: 'urn:li:share:1000000, urn:li:share:1000001',
				timeGranularityType: 'MONTH',
				start: 1551398400000,
				end: 1552003200000,
			},
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			'/rest/organizationalEntityShareStatistics?organizationalEntity=urn%3Ali%3Aorganization%3A2414183' +
				'&shares=List(urn%3Ali%3Ashare%3A1000000,urn%3Ali%3Ashare%3A1000001)' +
				'&timeIntervals=(timeGranularityType:MONTH,timeRange:(start:1551398400000,end:1552003200000))' +
				'&q=organizationalEntity',
		]);
		expect(seen[0].headers['x-restli-method']).toBe('FINDER');
		expect(res.outputs[0]).toEqual([]);
	});

	it('reactions: the post URN is one encoded key inside the (entity:…) path key', async () => {
		const seen = kit.fake([
			'GET',
			200,
			{ paging: { start: 0, count: 1, links: [] }, elements: [] },
		]);
		await run({
			resource: 'reaction',
			operation: 'getMany',
			postUrn: 'urn:li:ugcPost:6844785523593134099',
			returnAll: false,
			limit: 5,
		});
		expect(seen.map((s) => s.uri)).toEqual([
			'/rest/reactions/(entity:urn%3Ali%3AugcPost%3A6844785523593134099)?q=entity&start=0&count=5',
		]);
	});

	it('a URN that is not a post is refused before anything is sent', async () => {
		const seen = kit.fake();
		const res = await run({
			resource: 'post',
			operation: 'get',
			postUrn: 'urn:li:person:782bbtaQ',
		});
		expect(seen).toEqual([]);
		expect(res.error?.message).toBe(
			"The field 'Post URN' has an invalid format ('urn:li:person:782bbtaQ').",
		);
	});
});

describe('paging (start/count)', () => {
	it('Return All reads pages of 50 until a short page', async () => {
		const page1 = Array.from({ length: 50 }, (_, i) => post(i));
		const page2 = [post(50), post(51)];
		const seen = kit.fake(
			['GET', 200, { paging: { start: 0, count: 50, total: 52 }, elements: page1 }],
			['GET', 200, { paging: { start: 50, count: 50, total: 52 }, elements: page2 }],
		);
		const res = await run({
			resource: 'post',
			operation: 'getMany',
			author: 'urn:li:organization:5515715',
			returnAll: true,
		});
		expect(seen.map((s) => s.uri)).toEqual([
			'/rest/posts?author=urn%3Ali%3Aorganization%3A5515715&q=author&start=0&count=50',
			'/rest/posts?author=urn%3Ali%3Aorganization%3A5515715&q=author&start=50&count=50',
		]);
		expect(res.outputs[0].map((i) => i.json.id)).toEqual([...page1, ...page2].map((p) => p.id));
	});
});

describe("LinkedIn's errors", () => {
	it('429: the daily quota is spent until midnight UTC; the item stops at once and says when to run again', async () => {
		const seen = kit.fake([
			'GET',
			429,
			{
				serviceErrorCode: 101,
				message:
					'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
				status: 429,
			},
		]);
		// The virtual clock starts at 2026-11-29T09:00:00Z: LinkedIn's quotas reset at midnight UTC, 15 h later.
		const res = await run({ resource: 'account', operation: 'getMe' });
		expect(seen).toHaveLength(1);
		expect(res.error?.message).toBe(
			'LinkedIn: 429 Too Many Requests – Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
		);
		expect(res.error?.description).toBe(
			"LinkedIn is rate limiting this connection (HTTP 429) and asked to wait 15 h (until its limit resets), more than the 65 min a node waits at most when 'Max Total Wait (Seconds)' is left empty (the ceiling N8N_API_CONNECTIONS_MAX_WAIT_SECONDS), so the node stopped. Run the workflow again after 2026-11-30T00:00:00Z, or set 'Max Total Wait (Seconds)' and 'Max Queue Wait (Seconds)' in the node options to at least 54000 (a value set there is not capped), or have the n8n operator raise N8N_API_CONNECTIONS_MAX_WAIT_SECONDS.",
		);
		// The connection stays paused until then: the next run sends nothing.
		const again = kit.fake();
		const second = await run({ resource: 'account', operation: 'getMe' });
		expect(again).toEqual([]);
		expect(second.error?.description).toContain(
			'Run the workflow again after 2026-11-30T00:00:00Z',
		);
	});

	it('401 without a refresh token (most apps): n8n says to reconnect', async () => {
		kit.fake([
			'GET',
			401,
			{ serviceErrorCode: 65600, message: 'Invalid access token', status: 401 },
		]);
		const res = await run({ resource: 'account', operation: 'getMe' });
		expect(res.error?.message).toBe(
			'OAuth access token expired and no refresh token is available. Please reconnect the credentials.',
		);
	});

	it('401 serviceErrorCode 65600 after a refresh (programmatic refresh apps): reconnect, in LinkedIn’s words', async () => {
		const token = nock('https://www.linkedin.com')
			.post(
				'/oauth/v2/accessToken',
				(body: Record<string, string>) => body.grant_type === 'refresh_token',
			)
			.reply(200, {
				access_token: 'AQVnewToken',
				expires_in: 5184000,
				refresh_token: 'AQXrefresh',
				refresh_token_expires_in: 31103999,
			});
		const seen = kit.fake(
			['GET', 401, { serviceErrorCode: 65600, message: 'Invalid access token', status: 401 }],
			['GET', 401, { serviceErrorCode: 65600, message: 'Invalid access token', status: 401 }],
		);
		const res = await run(
			{ resource: 'account', operation: 'getMe' },
			{
				credentials: {
					apiConnLinkedInOAuth2Api: {
						...credential(ALL).apiConnLinkedInOAuth2Api,
						oauthTokenData: {
							access_token: TOKEN,
							expires_in: 5184000,
							refresh_token: 'AQXrefresh',
							refresh_token_expires_in: 31536000,
						},
					},
				},
			},
		);
		expect(token.isDone()).toBe(true);
		expect(seen.map((s) => s.headers.authorization)).toEqual([
			`Bearer ${TOKEN}`,
			'Bearer AQVnewToken',
		]);
		expect(res.error?.message).toBe('LinkedIn: 401 Unauthorized – Invalid access token');
		expect(res.error?.description).toBe(
			"LinkedIn rejected the credentials (code 65600): the access token is invalid, expired or revoked (Invalid access token). Reconnect the credential 'apiConnLinkedInOAuth2Api account' (open it in n8n and sign in again, or paste a new key), then run the workflow again.",
		);
	});

	it('422: the field LinkedIn names in its message', async () => {
		kit.fake([
			'POST',
			422,
			{
				serviceErrorCode: 100,
				message: 'ERROR :: /commentary :: field is too long (3001 > 3000)',
				status: 422,
			},
		]);
		const res = await run({
			resource: 'post',
			operation: 'create',
			author: 'urn:li:person:782bbtaQ',
			commentary: 'x'.repeat(3001),
			visibility: 'PUBLIC',
		});
		expect(res.error?.message).toBe(
			'LinkedIn: 422 Unprocessable Entity – ERROR :: /commentary :: field is too long (3001 > 3000)',
		);
		expect(res.error?.description).toBe(
			"The request data is invalid: the field 'commentary' was rejected (ERROR :: /commentary :: field is too long (3001 > 3000)). Check the value of 'commentary' (type and format) against the LinkedIn documentation for POST /rest/posts.",
		);
	});

	/** Post → Create as `author` with a token granted `scope`; LinkedIn refuses it (403, serviceErrorCode 100). */
	async function refusedPost(author: string, scope: string) {
		kit.fake([
			'POST',
			403,
			{
				serviceErrorCode: 100,
				message: 'Not enough permissions to access: partnerApiPostsExternal.CREATE.20261101',
				status: 403,
			},
		]);
		return await run(
			{ resource: 'post', operation: 'create', author, commentary: 'Hello', visibility: 'PUBLIC' },
			{ credentials: credential(scope) },
		);
	}

	it('403 posting as a page with a member-only token names w_organization_social', async () => {
		const res = await refusedPost(
			'urn:li:organization:5515715',
			'email,openid,profile,w_member_social',
		);
		expect(res.error?.message).toBe(
			'LinkedIn: 403 Forbidden – Not enough permissions to access: partnerApiPostsExternal.CREATE.20261101',
		);
		expect(res.error?.description).toBe(
			"LinkedIn refused the permission: this operation needs the permission w_organization_social, which the connection was not granted (it has email, openid, profile, w_member_social). Reconnect the credential 'apiConnLinkedInOAuth2Api account' with w_organization_social added to its scopes and accept it on the consent screen, then run the workflow again.",
		);
	});

	it('the same as a member names w_member_social only', async () => {
		const res = await refusedPost('urn:li:person:782bbtaQ', 'email,openid,profile');
		expect(res.error?.description).toContain(
			'needs the permission w_member_social, which the connection was not granted',
		);
	});
});

describe('image upload', () => {
	const input = [
		{
			json: {},
			binary: { photo: { data: 'iVBORw0KGgo=', mimeType: 'image/png', fileName: 'launch.png' } },
		},
	];

	it('an upload URL off LinkedIn’s hosts is refused: no bytes and no token go there', async () => {
		const elsewhere = nock('https://uploads.example.com')
			.put(() => true)
			.reply(201);
		kit.fake([
			'POST',
			200,
			{
				value: {
					uploadUrlExpiresAt: 1650567510704,
					uploadUrl: 'https://uploads.example.com/dms-uploads/C4E10AQFoyyAjHPMQuQ',
					image: 'urn:li:image:C4E10AQFoyyAjHPMQuQ',
				},
			},
		]);
		const res = await run(
			{
				resource: 'image',
				operation: 'upload',
				owner: 'urn:li:person:782bbtaQ',
				binaryPropertyName: 'photo',
			},
			{ input },
		);
		expect(elsewhere.isDone()).toBe(false);
		expect(res.error?.message).toBe(
			"LinkedIn's initializeUpload answer has no usable upload URL on www.linkedin.com or api.linkedin.com",
		);
	});
});

describe('Custom Request', () => {
	it('any /rest path through the connection, with the version and protocol headers', async () => {
		const seen = kit.fake(['GET', 200, { elements: [], paging: { start: 0, count: 10 } }]);
		const res = await run({
			resource: 'customRequest',
			operation: 'send',
			requestMethod: 'GET',
			requestPath: '/rest/videos/urn%3Ali%3Avideo%3AC5F10AQGKQg_6y2a4sQ',
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri])).toEqual([
			['GET', '/rest/videos/urn%3Ali%3Avideo%3AC5F10AQGKQg_6y2a4sQ'],
		]);
		expect(seen[0].headers).toMatchObject({
			authorization: `Bearer ${TOKEN}`,
			'linkedin-version': '202611',
			'x-restli-protocol-version': '2.0.0',
		});
	});
});
