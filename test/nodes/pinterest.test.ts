/**
 * What is special about Pinterest beyond the per-operation fixtures (test/fixtures/operations/pinterest): its
 * `{code, message}` errors in Pinterest's words, bookmark paging with Return All and Limit, waiting out 429s and
 * X-RateLimit-* budgets per category, the OAuth2 refresh with Basic client auth and the continuous refresh token,
 * the binary image and video flows (type checks, the upload without the Pinterest token, a failed or slow
 * processing), and the "New Pin on Board" polling trigger.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnPinterestOAuth2Api } from '../../credentials/ApiConnPinterestOAuth2Api.credentials';
import { validateService } from '../../lib/spec/schema';
import { Pinterest } from '../../nodes/Pinterest/Pinterest.node';
import { pinterestDefinition } from '../../nodes/Pinterest/Pinterest.service';
import { PinterestTrigger } from '../../nodes/Pinterest/PinterestTrigger.node';
import { driveClock } from '../helpers/fake-clock';
import { createPollHarness } from '../helpers/poll-harness';
import { serviceKit } from '../kit';

const API = 'https://api.pinterest.com';
const TOKEN = 'pina_AMAZYXQWAAAAGAQAGDAGQD7ZYKQ3';
const credential = {
	clientId: '1507742',
	clientSecret: 'pin_app_secret_5c0ffee',
	oauthTokenData: {
		access_token: TOKEN,
		token_type: 'bearer',
		expires_in: 2592000,
		refresh_token: 'pinr_AQAZYXQWAAAAAGQDAAB4OWYAW5U',
	},
};
const kit = serviceKit({
	origin: API,
	nodeTypes: [new Pinterest()],
	credentialTypes: [new ApiConnPinterestOAuth2Api()],
	credentials: { apiConnPinterestOAuth2Api: credential },
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('pinterest', parameters as never, extra);

const pin = (id: string, created = '2026-11-20T10:15:30-00:00') => ({
	id,
	created_at: created,
	title: `Pin ${id}`,
	board_id: '549755885175',
});

describe('Pinterest', () => {
	it('the spec is valid, names the account (GET /user_account → username) and asks the five scopes', () => {
		expect(validateService(pinterestDefinition)).toEqual([]);
		expect(pinterestDefinition.spec.account).toEqual({
			path: '/user_account',
			labelPath: 'username',
		});
		expect(
			new ApiConnPinterestOAuth2Api().properties.find((p) => p.name === 'scope')?.default,
		).toBe('boards:read,boards:write,pins:read,pins:write,user_accounts:read');
	});

	describe("errors in Pinterest's words", () => {
		it('401 (code 2): reconnect, after the one retry n8n gives a refreshed token', async () => {
			const seen = kit.fake(
				['GET', 401, { code: 2, message: 'Authentication failed.' }],
				[
					'POST',
					200,
					{
						access_token: 'pina_NEW',
						token_type: 'bearer',
						expires_in: 2592000,
						refresh_token: 'pinr_NEW',
						refresh_token_expires_in: 5184000,
					},
				],
				['GET', 401, { code: 2, message: 'Authentication failed.' }],
			);
			const { error } = await run({
				resource: 'pin',
				operation: 'get',
				pinId: '813744226420795884',
			});
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				'GET /v5/pins/813744226420795884',
				'POST /v5/oauth/token',
				'GET /v5/pins/813744226420795884',
			]);
			expect(error?.message).toBe('Pinterest: 401 Unauthorized – Authentication failed.');
			expect(error?.description).toContain('Reconnect the credential');
		});

		it('the refresh sends the app id and secret as Basic auth and keeps the new (continuous) refresh token', async () => {
			const seen = kit.fake(
				['GET', 401, { code: 2, message: 'Authentication failed.' }],
				[
					'POST',
					200,
					{
						access_token: 'pina_NEW',
						token_type: 'bearer',
						expires_in: 2592000,
						scope: 'boards:read,boards:write,pins:read,pins:write,user_accounts:read',
						refresh_token: 'pinr_NEW',
						refresh_token_expires_in: 5184000,
					},
				],
				['GET', 200, pin('813744226420795884')],
			);
			const res = await run({ resource: 'pin', operation: 'get', pinId: '813744226420795884' });
			expect(res.error).toBeUndefined();
			const refresh = seen[1];
			expect(refresh.headers.authorization).toBe(
				`Basic ${Buffer.from('1507742:pin_app_secret_5c0ffee').toString('base64')}`,
			);
			expect(Object.fromEntries(new URLSearchParams(String(refresh.body)))).toEqual({
				grant_type: 'refresh_token',
				refresh_token: 'pinr_AQAZYXQWAAAAAGQDAAB4OWYAW5U',
			});
			expect(seen[2].headers.authorization).toBe('Bearer pina_NEW');
			const saved = res.credentialUpdates.at(-1)?.data.oauthTokenData as Record<string, unknown>;
			expect(saved).toMatchObject({ access_token: 'pina_NEW', refresh_token: 'pinr_NEW' });
		});

		it('403 code 29 names the scopes the operation needs', async () => {
			kit.fake([
				'DELETE',
				403,
				{ code: 29, message: 'You are not permitted to access that resource.' },
			]);
			const { error } = await run({
				resource: 'board',
				operation: 'delete',
				boardId: '549755885175',
			});
			expect(error?.message).toBe(
				'Pinterest: 403 Forbidden – You are not permitted to access that resource.',
			);
			expect(error?.description).toContain('boards:write');
		});

		it('404 code 40 on a save: the board is what is missing, though the path names the Pin', async () => {
			kit.fake(['POST', 404, { code: 40, message: 'Board not found.' }]);
			const { error } = await run({
				resource: 'pin',
				operation: 'save',
				pinId: '813744226420795884',
				boardId: '549755885175',
			});
			expect(error?.message).toBe('Pinterest: 404 Not Found – Board not found.');
			expect(error?.description).toContain(
				'Check the Board ID: Pinterest says "Board not found." (the board does not exist or is not one you can pin to; Board → Get Many lists yours).',
			);
		});

		it('400 code 1 names the field Pinterest rejected', async () => {
			kit.fake([
				'GET',
				400,
				{
					code: 1,
					message: "Invalid request: 'start_date' value '2025-01-01' is more than 90 days back.",
				},
			]);
			const { error } = await run({
				resource: 'userAccount',
				operation: 'getAnalytics',
				startDate: '2025-01-01',
				endDate: '2025-01-31',
			});
			expect(error?.message).toBe(
				"Pinterest: 400 Bad Request – Invalid request: 'start_date' value '2025-01-01' is more than 90 days back.",
			);
			expect(error?.description).toContain('start_date');
		});

		it('an ID that is not digits fails before any request, naming the field', async () => {
			const seen = kit.fake();
			const { error } = await run({ resource: 'pin', operation: 'get', pinId: 'pin/1' });
			expect(seen).toEqual([]);
			expect(error?.message).toBe("The field 'Pin ID' has an invalid format ('pin/1').");
		});
	});

	it('Custom Request: any path of the v5 API through the same connection (top Pins of the account)', async () => {
		const answer = {
			pins: [{ pin_id: '813744226420795884', metrics: { IMPRESSION: 120 } }],
			date_availability: {},
		};
		const seen = kit.fake(['GET', 200, answer]);
		const res = await run({
			resource: 'customRequest',
			operation: 'send',
			requestMethod: 'GET',
			requestPath: '/user_account/analytics/top_pins',
			requestQuery: {
				parameter: [
					{ name: 'start_date', value: '2026-11-01' },
					{ name: 'end_date', value: '2026-11-30' },
					{ name: 'sort_by', value: 'IMPRESSION' },
				],
			},
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			'/v5/user_account/analytics/top_pins?start_date=2026-11-01&end_date=2026-11-30&sort_by=IMPRESSION',
		]);
		expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(res.outputs[0].map((i: INodeExecutionData) => i.json)).toEqual([answer]);
	});

	describe('bookmark paging', () => {
		it('Return All follows the bookmark until there is none', async () => {
			const seen = kit.fake(
				['GET', 200, { items: [pin('1'), pin('2')], bookmark: 'bm-1' }],
				['GET', 200, { items: [pin('3')], bookmark: 'bm-2' }],
				['GET', 200, { items: [pin('4')], bookmark: null }],
			);
			const res = await run({
				resource: 'pin',
				operation: 'getManyOnBoard',
				boardId: '549755885175',
				returnAll: true,
			});
			expect(res.outputs[0].map((i: INodeExecutionData) => i.json.id)).toEqual([
				'1',
				'2',
				'3',
				'4',
			]);
			expect(seen.map((s) => s.uri)).toEqual([
				'/v5/boards/549755885175/pins?page_size=250',
				'/v5/boards/549755885175/pins?page_size=250&bookmark=bm-1',
				'/v5/boards/549755885175/pins?page_size=250&bookmark=bm-2',
			]);
		});

		it('Limit asks for no more than it needs and stops there', async () => {
			const seen = kit.fake(['GET', 200, { items: [pin('1'), pin('2')], bookmark: 'bm-1' }]);
			const res = await run({
				resource: 'board',
				operation: 'getMany',
				returnAll: false,
				limit: 2,
			});
			expect(res.outputs[0]).toHaveLength(2);
			expect(seen.map((s) => s.uri)).toEqual(['/v5/boards?page_size=2']);
		});
	});

	describe('rate limits', () => {
		it('a 429 waits until X-RateLimit-Reset and is sent again', async () => {
			const start = kit.clock.now();
			const seen = kit.fake(
				[
					'GET',
					429,
					{ code: 8, message: 'You have exceeded your rate limit. Try again later.' },
					{ 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' },
				],
				['GET', 200, { id: '549755885175', name: 'Summer Recipes' }],
			);
			const res = await run({ resource: 'board', operation: 'get', boardId: '549755885175' });
			expect(res.error).toBeUndefined();
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(29_000);
			expect(kit.clock.now() - start).toBeLessThanOrEqual(32_000);
		});

		it('each operation counts against its category (org_read, org_write, org_analytics)', () => {
			const tiers = Object.fromEntries(
				pinterestDefinition.spec.resources.flatMap((r) =>
					r.operations.map((o) => [`${r.id}.${o.id}`, o.rateLimit?.tier]),
				),
			);
			expect(tiers).toMatchObject({
				'pin.create': 'org_write',
				'pin.get': 'org_read',
				'pin.getAnalytics': 'org_analytics',
				'userAccount.getAnalytics': 'org_analytics',
				'board.delete': 'org_write',
				'boardSection.getMany': 'org_read',
			});
			expect(Object.values(tiers).filter((t) => t === undefined)).toEqual([]);
		});
	});

	describe('binary images and videos', () => {
		const withBinary = (name: string, mimeType: string, data = 'AAAA') => ({
			input: [
				{
					json: {},
					binary: { [name]: { data, mimeType, fileName: `f.${mimeType.split('/')[1]}` } },
				},
			],
		});

		it('an image that is not JPEG or PNG is refused before any request', async () => {
			const seen = kit.fake();
			const { error } = await run(
				{
					resource: 'pin',
					operation: 'createFromBinary',
					boardId: '549755885175',
					binaryPropertyName: 'data',
				},
				withBinary('data', 'image/gif'),
			);
			expect(seen).toEqual([]);
			expect(error?.message).toBe(
				"Pinterest takes JPEG or PNG images, but the binary field 'data' holds image/gif.",
			);
		});

		const registered = {
			media_id: '12345',
			media_type: 'video',
			upload_url: 'https://pinterest-media-upload.s3-accelerate.amazonaws.com/',
			upload_parameters: {
				key: 'uploads/11/aa/22/3:video:1',
				policy: 'eyJleHBpcmF0aW9uIjoiMjAyNiJ9',
				'x-amz-signature': 'fcd6309a6aaee213348666a72abed8b44552a43acb6b340e8e1b288d21a5fe92',
			},
		};

		it('the upload goes without the Pinterest token; an S3 refusal keeps the form signature out of the error', async () => {
			const nock = (await import('nock')).default;
			const uploads: Array<Record<string, unknown>> = [];
			nock('https://pinterest-media-upload.s3-accelerate.amazonaws.com')
				.post('/')
				.reply(function () {
					uploads.push(this.req.headers);
					return [
						403,
						'<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: fcd6309a6aaee213348666a72abed8b44552a43acb6b340e8e1b288d21a5fe92</Message></Error>',
						{ 'content-type': 'application/xml' },
					];
				});
			kit.fake(['POST', 201, registered]);
			const { error } = await run(
				{
					resource: 'pin',
					operation: 'createVideo',
					boardId: '549755885175',
					binaryPropertyName: 'video',
				},
				withBinary('video', 'video/mp4'),
			);
			expect(uploads).toHaveLength(1);
			expect(uploads[0].authorization).toBeUndefined();
			expect(JSON.stringify(error)).not.toContain(
				'fcd6309a6aaee213348666a72abed8b44552a43acb6b340e8e1b288d21a5fe92',
			);
			expect(error?.message).toContain('403');
		});

		it('a failed processing stops with the cause; a slow one after Max Wait, naming the media ID', async () => {
			const nock = (await import('nock')).default;
			nock('https://pinterest-media-upload.s3-accelerate.amazonaws.com')
				.post('/')
				.times(2)
				.reply(204);
			kit.fake(
				['POST', 201, registered],
				['GET', 200, { media_id: '12345', media_type: 'video', status: 'failed' }],
			);
			const failed = await run(
				{
					resource: 'pin',
					operation: 'createVideo',
					boardId: '549755885175',
					binaryPropertyName: 'video',
				},
				withBinary('video', 'video/mp4'),
			);
			expect(failed.error?.message).toBe(
				'Pinterest could not process the video (media 12345 is failed).',
			);

			const processing = { media_id: '12345', media_type: 'video', status: 'processing' };
			const seen = kit.fake(
				['POST', 201, registered],
				...Array.from({ length: 3 }, () => ['GET', 200, processing] as [string, number, unknown]),
			);
			const start = kit.clock.now();
			const slow = await run(
				{
					resource: 'pin',
					operation: 'createVideo',
					boardId: '549755885175',
					binaryPropertyName: 'video',
					additionalFields: { maxWaitSeconds: 10, pollIntervalSeconds: 5 },
				},
				withBinary('video', 'video/mp4'),
			);
			expect(slow.error?.message).toBe(
				'Pinterest had not finished processing the video after 10 s (media 12345, status processing).',
			);
			expect(slow.error?.description).toContain('Media ID 12345');
			expect(seen.map((s) => s.uri)).toEqual([
				'/v5/media',
				'/v5/media/12345',
				'/v5/media/12345',
				'/v5/media/12345',
			]);
			expect(kit.clock.now() - start).toBe(10_000);
		});
	});

	describe('New Pin on Board (polling trigger)', () => {
		const harness = () => {
			const h = createPollHarness({
				nodeType: new PinterestTrigger(),
				parameters: { boardId: '549755885175' },
				credentialTypes: [new ApiConnPinterestOAuth2Api()],
				credentials: { apiConnPinterestOAuth2Api: credential },
				nodeCredentials: {
					apiConnPinterestOAuth2Api: { id: 'cred-pin', name: 'Pinterest ada_bakes' },
				},
			});
			return { ...h, poll: (mode?: 'manual' | 'trigger') => driveClock(kit.clock, h.poll(mode)) };
		};

		it('is a polling trigger with the board field', () => {
			const d = new PinterestTrigger().description;
			expect(d).toMatchObject({
				name: 'pinterestTrigger',
				polling: true,
				subtitle: 'New Pin on Board',
			});
			expect(d.properties.map((p) => [p.name, p.required])).toEqual([['boardId', true]]);
		});

		it('takes a baseline, then emits each new Pin once, through the connection', async () => {
			const h = harness();
			const first = kit.fake(['GET', 200, { items: [pin('2'), pin('1')], bookmark: null }]);
			expect(await h.poll()).toBeNull();
			expect(first[0].uri).toBe('/v5/boards/549755885175/pins?page_size=250');
			expect(first[0].headers.authorization).toBe(`Bearer ${TOKEN}`);

			kit.fake([
				'GET',
				200,
				{ items: [pin('3', '2026-11-21T08:00:00-00:00'), pin('2'), pin('1')], bookmark: null },
			]);
			const out = await h.poll();
			expect(out?.[0].map((i) => i.json)).toEqual([pin('3', '2026-11-21T08:00:00-00:00')]);

			kit.fake([
				'GET',
				200,
				{ items: [pin('3', '2026-11-21T08:00:00-00:00'), pin('2'), pin('1')], bookmark: null },
			]);
			expect(await h.poll()).toBeNull();
		});

		it('a manual run shows the newest Pin', async () => {
			const h = harness();
			kit.fake([
				'GET',
				200,
				{
					items: [pin('2', '2026-11-19T08:00:00-00:00'), pin('5', '2026-11-22T08:00:00-00:00')],
					bookmark: null,
				},
			]);
			const out = await h.poll('manual');
			expect(out?.[0].map((i) => i.json.id)).toEqual(['5']);
		});
	});
});
