/**
 * Facebook Ads node: what its recorded fixtures (test/fixtures/operations/facebookAds) do not show — the
 * Marketing API's budget per ad account as Meta reports it (`X-Ad-Account-Usage`, `X-Business-Use-Case-Usage`),
 * its throttling codes, Meta's error shape, paging of insights, the credential and input checks.
 * Fakes follow Meta's documented behaviour (developers.facebook.com/docs/marketing-apis/rate-limiting).
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { ApiConnFacebookAdsOAuth2Api } from '../../credentials/ApiConnFacebookAdsOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { FacebookAds } from '../../nodes/FacebookAds/FacebookAds.node';
import {
	FACEBOOK_ADS_SCOPES,
	facebookAdsDefinition,
} from '../../nodes/FacebookAds/FacebookAds.service';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../harness';

const HOST = 'https://graph.facebook.com';
const V = '/v21.0';
const TOKEN = 'EAAGm0PX4ZCpsBAAdsUserToken123456';
const ACCOUNT = 'act_1234567890';
const OTHER_ACCOUNT = 'act_9876543210';
const CAMPAIGN = '120210000000000001';
const credentials = {
	apiConnFacebookAdsOAuth2Api: {
		clientId: '990011223344556',
		clientSecret: 'fb_app_secret_9d8c7b',
		oauthTokenData: { access_token: TOKEN, token_type: 'bearer' },
	},
};
let clock: FakeClock;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock();
	useRuntime({ clock, random: () => 0.5, observers: [] });
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function run(parameters: INodeParameters, extra: Partial<RunNodeOptions> = {}) {
	return driveClock(
		clock,
		runNode({
			nodeTypes: [new FacebookAds()],
			credentialTypes: [new ApiConnFacebookAdsOAuth2Api()],
			credentials,
			node: { type: 'facebookAds', parameters },
			...extra,
		}) as Promise<RunNodeResult>,
	);
}

const account = { id: ACCOUNT, name: 'Acme Ads' };
const json = { 'content-type': 'application/json' };
const serial = { concurrency: 1, maxQueueWaitSeconds: 900 };
const twoItems = { input: [{ json: {} }, { json: {} }] };

describe('Facebook Ads spec and credential', () => {
	it('is a valid service spec, with the Marketing API scopes on Facebook Login', () => {
		expect(validateService(facebookAdsDefinition)).toEqual([]);
		expect(FACEBOOK_ADS_SCOPES).toEqual(['ads_read', 'ads_management']);
		const props = new ApiConnFacebookAdsOAuth2Api().properties;
		const value = (name: string) => props.find((x) => x.name === name)?.default;
		expect(value('authUrl')).toBe('https://www.facebook.com/v21.0/dialog/oauth');
		expect(value('accessTokenUrl')).toBe('https://graph.facebook.com/v21.0/oauth/access_token');
		expect(value('scope')).toBe('ads_read ads_management');
	});
});

describe('rate limits (per ad account)', () => {
	it('X-Business-Use-Case-Usage (ads_management) with estimated_time_to_regain_access pauses that many minutes', async () => {
		const buc = JSON.stringify({
			'1234567890': [
				{
					type: 'ads_management',
					call_count: 28,
					total_cputime: 25,
					total_time: 25,
					estimated_time_to_regain_access: 2,
				},
			],
		});
		const at: number[] = [];
		nock(HOST)
			.get(`${V}/${ACCOUNT}`)
			.query(true)
			.times(2)
			.reply(() => {
				at.push(clock.now());
				return [
					200,
					account,
					{ ...json, ...(at.length === 1 ? { 'x-business-use-case-usage': buc } : {}) },
				];
			});
		const res = await run(
			{ resource: 'adAccount', operation: 'get', adAccountId: ACCOUNT, options: serial },
			twoItems,
		);
		expect(res.error).toBeUndefined();
		expect(at.map((t) => t - at[0])).toEqual([0, 120_000]);
	});

	it('X-Ad-Account-Usage at 100% (acc_id_util_pct) holds the next call to that ad account, not to another', async () => {
		const full = JSON.stringify({
			acc_id_util_pct: 100,
			reset_time_duration: 300,
			ads_api_access_tier: 'development_access',
		});
		const at: Array<[string, number]> = [];
		nock(HOST)
			.get(new RegExp(`^${V}/act_\\d+\\?`))
			.times(3)
			.reply(function () {
				const id = this.req.path.split('/')[2].split('?')[0];
				at.push([id, clock.now()]);
				return [
					200,
					{ id },
					{ ...json, ...(at.length === 1 ? { 'x-ad-account-usage': full } : {}) },
				];
			});
		const res = await run(
			{
				resource: 'adAccount',
				operation: 'get',
				adAccountId: '={{ $json.account }}',
				options: serial,
			},
			{
				input: [
					{ json: { account: ACCOUNT } },
					{ json: { account: OTHER_ACCOUNT } },
					{ json: { account: ACCOUNT } },
				],
			},
		);
		expect(res.error).toBeUndefined();
		const t0 = at[0][1];
		// The other ad account's budget is its own: it goes at once; the full one waits.
		expect(at.map(([id, t]) => [id, t - t0])).toEqual([
			[ACCOUNT, 0],
			[OTHER_ACCOUNT, 0],
			// Its budget (60 per 300 s) is spent until the window ends.
			[ACCOUNT, 300_000],
		]);
	});

	it('error 80004 (ads management BUC limit) without a usage header pauses 300 s, then the call succeeds', async () => {
		const at: number[] = [];
		nock(HOST)
			.post(`${V}/${CAMPAIGN}`, { status: 'PAUSED' })
			.times(2)
			.reply(() => {
				at.push(clock.now());
				return at.length === 1
					? [
							400,
							{
								error: {
									message:
										'(#80004) There have been too many calls to this ad-account. Wait a bit and try again.',
									type: 'OAuthException',
									code: 80004,
									error_subcode: 2446079,
									fbtrace_id: 'AbCdEf123',
								},
							},
							json,
						]
					: [200, { success: true }, json];
			});
		const res = await run({
			resource: 'campaign',
			operation: 'pause',
			campaignId: CAMPAIGN,
			options: serial,
		});
		expect(res.error).toBeUndefined();
		expect(at.map((t) => t - at[0])).toEqual([0, 300_000]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ success: true }]);
	});
});

describe('errors and input', () => {
	it("a missing permission answers in Meta's words and names ads_management", async () => {
		nock(HOST)
			.post(`${V}/${ACCOUNT}/campaigns`)
			.reply(
				403,
				{
					error: {
						message: '(#200) Requires ads_management permission to manage the object',
						type: 'OAuthException',
						code: 200,
						fbtrace_id: 'AbCdEf124',
					},
				},
				json,
			);
		const res = await run({
			resource: 'campaign',
			operation: 'create',
			adAccountId: ACCOUNT,
			name: 'Spring sale',
			objective: 'OUTCOME_SALES',
			specialAdCategories: ['NONE'],
		});
		expect(res.error?.message).toContain('Requires ads_management permission');
	});

	it('an ad account ID without act_ is refused before any request, naming the field and the fix', async () => {
		const res = await run({
			resource: 'campaign',
			operation: 'getMany',
			adAccountId: '1234567890',
		});
		expect(res.error?.message).toContain("'Ad Account ID'");
		expect(res.error?.description ?? res.error?.message).toContain('act_1234567890');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('insights Return All follows paging.next and sends time_range as JSON', async () => {
		const rows = [
			{ impressions: '100', spend: '1.20', date_start: '2026-11-01', date_stop: '2026-11-01' },
			{ impressions: '140', spend: '1.75', date_start: '2026-11-02', date_stop: '2026-11-02' },
		];
		const seen: string[] = [];
		const next = `${HOST}${V}/${CAMPAIGN}/insights?after=QVFIUmNk&limit=50`;
		nock(HOST)
			.get(`${V}/${CAMPAIGN}/insights`)
			.query(true)
			.times(2)
			.reply(function (uri) {
				seen.push(uri);
				return seen.length === 1
					? [200, { data: [rows[0]], paging: { cursors: { after: 'QVFIUmNk' }, next } }, json]
					: [200, { data: [rows[1]], paging: { cursors: { before: 'QVFIUmNk' } } }, json];
			});
		const res = await run({
			resource: 'insights',
			operation: 'get',
			objectId: CAMPAIGN,
			fields: ['impressions', 'spend'],
			returnAll: true,
			additionalFields: {
				timeRange: '{"since":"2026-11-01","until":"2026-11-02"}',
				timeIncrement: '1',
			},
		});
		expect(res.error).toBeUndefined();
		const range = encodeURIComponent('{"since":"2026-11-01","until":"2026-11-02"}');
		expect(seen).toEqual([
			`${V}/${CAMPAIGN}/insights?fields=impressions%2Cspend&time_range=${range}&time_increment=1&limit=50`,
			`${V}/${CAMPAIGN}/insights?after=QVFIUmNk&limit=50`,
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual(rows);
	});
});
