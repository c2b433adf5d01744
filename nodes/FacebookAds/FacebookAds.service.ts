/**
 * Facebook Ads (Meta Marketing API, on the Graph API): ad accounts, campaigns, ad sets, ads and their
 * insights, with the user token of Facebook Login. All of it is data on the shared Meta base; the Marketing
 * API's own budget (per ad account, a score that decays in minutes) replaces the Graph API's per-user one.
 */
import type {
	OperationSpec,
	ParamOption,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { RateLimitPolicy } from '../../lib/limits/policy';
import { bodyParam, enumOptions, queryParam } from '../../lib/spec/params';
import {
	FACEBOOK_GRAPH_URL,
	FACEBOOK_TOKEN_RENEWAL,
	META_THROTTLE_RULES,
	metaServiceBase,
} from '../Meta/meta';
import { FACEBOOK_ADS_OAUTH } from './FacebookAds.oauth';
export { FACEBOOK_ADS_OAUTH, FACEBOOK_ADS_SCOPES } from './FacebookAds.oauth';

export const FACEBOOK_ADS_CREDENTIAL = 'apiConnFacebookAdsOAuth2Api';

const MARKETING_DOCS = 'https://developers.facebook.com/docs/marketing-api/reference';

/**
 * The Marketing API's ad-account budget (developers.facebook.com/docs/marketing-apis/rate-limiting): a score
 * per ad account (a read costs 1, a write 3) of at most 60 in the development tier (9000 in the standard
 * tier) that decays over 300 s; over it, calls fail for 300 s (60 s in the standard tier). The queue keeps
 * the development tier's 60 per 5 minutes per ad account and follows what Meta reports after each answer:
 * `X-Ad-Account-Usage` (`acc_id_util_pct`, the share of the ad account's score used), and
 * `X-Business-Use-Case-Usage` (per business: `ads_management` / `ads_insights` percentages and
 * `estimated_time_to_regain_access` in minutes). The highest percentage wins.
 */
export const FACEBOOK_ADS_RATE_LIMIT: RateLimitPolicy = {
	requests: 60,
	windowMs: 300_000,
	maxConcurrency: 4,
	headers: [
		{ format: 'usage-percent', header: 'x-business-use-case-usage' },
		{ format: 'usage-percent', header: 'x-ad-account-usage', fields: ['acc_id_util_pct'] },
		{ format: 'usage-percent', header: 'x-app-usage' },
	],
	throttled: [
		// 17 (user request limit, subcode 2446079), 613 (too many calls from this ad account, subcode 1487742),
		// 80000 (ads insights) and 80004 (ads management) Business Use Case limits: blocked for up to 300 s
		// when no usage header says how long.
		{
			status: [400, 403],
			body: { path: 'error.code', in: [17, 613, 80000, 80004] },
			pauseMs: 300_000,
		},
		...META_THROTTLE_RULES,
	],
};

/** The ad account (and its budget key): `act_` and the account number. */
const adAccountId: ParamSpec = {
	displayName: 'Ad Account ID',
	name: 'adAccountId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'act_1234567890',
	description: 'ID of the ad account, with its act_ prefix. Ad Account → Get Many lists yours.',
	validate: {
		pattern: '^act_\\d+$',
		patternHint: 'Ad account IDs are act_ and digits, e.g. act_1234567890.',
	},
};

const numericId = (displayName: string, name: string, what: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: `ID of the ${what}`,
	validate: {
		pattern: '^\\d+$',
		patternHint: `${displayName}s are numeric, e.g. 120210000000000001.`,
	},
});

const campaignId = numericId('Campaign ID', 'campaignId', 'campaign');

/** Where a list of ad sets or ads comes from: the ad account, or one campaign (or ad set). */
const parentId = (what: string): ParamSpec => ({
	displayName: 'Parent ID',
	name: 'parentId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'act_1234567890',
	description: `List the ${what} of this ad account (act_…) or of this ${what === 'ads' ? 'campaign or ad set' : 'campaign'} (numeric ID)`,
	validate: {
		pattern: '^(act_)?\\d+$',
		patternHint: 'Give an ad account ID (act_1234567890) or a numeric campaign or ad set ID.',
	},
});

const AD_ACCOUNT_FIELDS =
	'id,account_id,name,account_status,currency,timezone_name,amount_spent,spend_cap,business';
const CAMPAIGN_FIELDS =
	'id,name,objective,status,effective_status,daily_budget,lifetime_budget,bid_strategy,buying_type,special_ad_categories,start_time,stop_time,created_time,updated_time';
const AD_SET_FIELDS =
	'id,name,campaign_id,status,effective_status,daily_budget,lifetime_budget,billing_event,optimization_goal,bid_amount,targeting,start_time,end_time,created_time,updated_time';
const AD_FIELDS =
	'id,name,adset_id,campaign_id,status,effective_status,creative,created_time,updated_time';

const fields = (defaults: string): ParamSpec => ({
	displayName: 'Fields',
	name: 'fields',
	in: 'query',
	type: 'string',
	default: '',
	description: `Comma-separated fields to return. Default: ${defaults}.`,
});

/** Acronyms in enum values (`COST_PER_CPC`…), upper case in option names. */
const ACRONYMS = Object.fromEntries(
	['cpc', 'cpm', 'cpp', 'ctr', 'dma', 'id', 'roas'].map((w) => [w, w.toUpperCase()]),
);

/** `effective_status` filter: a JSON list on the wire (`["ACTIVE","PAUSED"]`). */
const effectiveStatus = (values: string[]): ParamSpec =>
	queryParam('effective_status', 'Effective Status', 'multiOptions', {
		default: [],
		queryFormat: 'json',
		description: 'Only objects in these delivery states (effective_status)',
		options: enumOptions(values, ACRONYMS),
	});

/** `LOWEST_COST_WITH_BID_CAP` → `Lowest Cost With Bid Cap`, sorted by name. */
const options = (values: string[]): ParamOption[] =>
	enumOptions(values, ACRONYMS).sort((a, b) => a.name.localeCompare(b.name));

const OBJECTIVES = [
	'OUTCOME_APP_PROMOTION',
	'OUTCOME_AWARENESS',
	'OUTCOME_ENGAGEMENT',
	'OUTCOME_LEADS',
	'OUTCOME_SALES',
	'OUTCOME_TRAFFIC',
];
const SPECIAL_AD_CATEGORIES = [
	'CREDIT',
	'EMPLOYMENT',
	'FINANCIAL_PRODUCTS_SERVICES',
	'HOUSING',
	'ISSUES_ELECTIONS_POLITICS',
	'NONE',
	'ONLINE_GAMBLING_AND_GAMING',
];
const BID_STRATEGIES = [
	'COST_CAP',
	'LOWEST_COST_WITH_BID_CAP',
	'LOWEST_COST_WITH_MIN_ROAS',
	'LOWEST_COST_WITHOUT_CAP',
];

/** Budgets are in the ad account's currency's smallest unit (cents for USD). */
const budgetParams = (): ParamSpec[] => [
	bodyParam('daily_budget', 'Daily Budget', 'number', {
		default: 0,
		validate: { min: 0 },
		description:
			"Daily budget (daily_budget) in the ad account currency's smallest unit, e.g. 5000 = 50.00 USD",
	}),
	bodyParam('lifetime_budget', 'Lifetime Budget', 'number', {
		default: 0,
		validate: { min: 0 },
		description:
			'Lifetime budget (lifetime_budget) in the smallest currency unit; needs a Stop Time',
	}),
	bodyParam('bid_strategy', 'Bid Strategy', 'options', {
		default: 'LOWEST_COST_WITHOUT_CAP',
		options: options(BID_STRATEGIES),
		description: 'How Meta bids in the auction (bid_strategy), when the campaign holds the budget',
	}),
	bodyParam('spend_cap', 'Spend Cap', 'number', {
		default: 0,
		validate: { min: 0 },
		description: 'Most the campaign may spend over its life (spend_cap), smallest currency unit',
	}),
	bodyParam('stop_time', 'Stop Time', 'dateTime', {
		default: '',
		description: 'When the campaign stops (stop_time)',
	}),
];

const INSIGHT_FIELDS = [
	'account_id',
	'account_name',
	'action_values',
	'actions',
	'ad_id',
	'ad_name',
	'adset_id',
	'adset_name',
	'campaign_id',
	'campaign_name',
	'clicks',
	'conversions',
	'cost_per_action_type',
	'cost_per_inline_link_click',
	'cpc',
	'cpm',
	'cpp',
	'ctr',
	'date_start',
	'date_stop',
	'frequency',
	'impressions',
	'inline_link_click_ctr',
	'inline_link_clicks',
	'objective',
	'purchase_roas',
	'reach',
	'spend',
	'unique_clicks',
	'unique_ctr',
	'video_play_actions',
];
const DATE_PRESETS = [
	'today',
	'yesterday',
	'this_month',
	'last_month',
	'this_quarter',
	'maximum',
	'data_maximum',
	'last_3d',
	'last_7d',
	'last_14d',
	'last_28d',
	'last_30d',
	'last_90d',
	'last_week_mon_sun',
	'last_week_sun_sat',
	'last_quarter',
	'last_year',
	'this_week_mon_today',
	'this_week_sun_today',
	'this_year',
];
const BREAKDOWNS = [
	'age',
	'country',
	'device_platform',
	'dma',
	'frequency_value',
	'gender',
	'hourly_stats_aggregated_by_advertiser_time_zone',
	'hourly_stats_aggregated_by_audience_time_zone',
	'impression_device',
	'place_page_id',
	'platform_position',
	'product_id',
	'publisher_platform',
	'region',
];

/** A list of the Marketing API: Graph cursor paging, the fields to return, and a delivery-state filter. */
const listOp = (
	op: Omit<OperationSpec, 'method'>,
	defaults: string,
	states: string[],
): OperationSpec => ({
	...op,
	method: 'GET',
	query: { fields: defaults },
	paginate: true,
	params: [...(op.params ?? []), fields(defaults), effectiveStatus(states)],
});

const getOp = (op: Omit<OperationSpec, 'method'>, defaults: string): OperationSpec => ({
	...op,
	method: 'GET',
	query: { fields: defaults },
	params: [...(op.params ?? []), fields(defaults)],
});

/** Pause / Activate: a campaign update that sets only `status`. */
const statusOp = (id: string, name: string, status: 'PAUSED' | 'ACTIVE'): OperationSpec => ({
	id,
	name,
	action: `${name} a campaign`,
	description: `Set the campaign's status to ${status}`,
	method: 'POST',
	path: '/{campaignId}',
	body: 'json',
	fixedBody: { status },
	params: [campaignId],
	docsUrl: `${MARKETING_DOCS}/ad-campaign-group#Updating`,
});

const CAMPAIGN_STATES = ['ACTIVE', 'PAUSED', 'DELETED', 'ARCHIVED', 'IN_PROCESS', 'WITH_ISSUES'];
const AD_SET_STATES = [...CAMPAIGN_STATES, 'CAMPAIGN_PAUSED'];
const AD_STATES = [
	...AD_SET_STATES,
	'ADSET_PAUSED',
	'DISAPPROVED',
	'PENDING_REVIEW',
	'PREAPPROVED',
	'PENDING_BILLING_INFO',
];

/** Least privilege: reads need `ads_read`, writes (create, update, pause, activate) `ads_management`. */
const withScopes = (resources: ServiceSpec['resources']): ServiceSpec['resources'] =>
	resources.map((r) => ({
		...r,
		operations: r.operations.map((op) => ({
			...op,
			scopes: op.scopes ?? [op.method === 'GET' ? 'ads_read' : 'ads_management'],
		})),
	}));

const spec: ServiceSpec = {
	id: 'facebookAds',
	displayName: 'Facebook Ads',
	description:
		'Read ad accounts, campaigns, ad sets, ads and their insights; create, update, pause and activate campaigns (Meta Marketing API)',
	docsUrl: 'https://developers.facebook.com/docs/marketing-api',
	baseUrl: FACEBOOK_GRAPH_URL,
	...metaServiceBase({
		credentialType: FACEBOOK_ADS_CREDENTIAL,
		displayName: 'Facebook Ads OAuth2',
		oauth: FACEBOOK_ADS_OAUTH,
		meFields: 'id,name',
		labelPath: 'name',
	}),
	rateLimit: FACEBOOK_ADS_RATE_LIMIT,
	connection: {
		// The same Facebook Login user token as Facebook Pages: exchanged for a 60-day one and renewed.
		tokenRenewal: FACEBOOK_TOKEN_RENEWAL,
		revoke: { method: 'DELETE', path: '/me/permissions', tokenIn: 'none' },
	},
	resources: withScopes([
		{
			id: 'ad',
			name: 'Ad',
			description: 'Ads of an ad set',
			operations: [
				getOp(
					{
						id: 'get',
						name: 'Get',
						action: 'Get an ad',
						path: '/{adId}',
						params: [numericId('Ad ID', 'adId', 'ad')],
						docsUrl: `${MARKETING_DOCS}/adgroup`,
					},
					AD_FIELDS,
				),
				listOp(
					{
						id: 'getMany',
						name: 'Get Many',
						action: 'Get many ads',
						description: 'List the ads of an ad account, a campaign or an ad set',
						path: '/{parentId}/ads',
						params: [parentId('ads')],
						rateLimit: { keyParam: 'parentId' },
						docsUrl: `${MARKETING_DOCS}/ad-account/ads#Reading`,
					},
					AD_FIELDS,
					AD_STATES,
				),
			],
		},
		{
			id: 'adAccount',
			name: 'Ad Account',
			description: 'The ad accounts the connected user can use',
			operations: [
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get many ad accounts',
					description: 'List the ad accounts of the connected user',
					method: 'GET',
					path: '/me/adaccounts',
					query: { fields: AD_ACCOUNT_FIELDS },
					paginate: true,
					params: [fields(AD_ACCOUNT_FIELDS)],
					docsUrl: 'https://developers.facebook.com/docs/graph-api/reference/user/adaccounts',
				},
				getOp(
					{
						id: 'get',
						name: 'Get',
						action: 'Get an ad account',
						path: '/{adAccountId}',
						params: [adAccountId],
						rateLimit: { keyParam: 'adAccountId' },
						docsUrl: `${MARKETING_DOCS}/ad-account`,
					},
					AD_ACCOUNT_FIELDS,
				),
			],
		},
		{
			id: 'adSet',
			name: 'Ad Set',
			description: 'Ad sets (budget, schedule, targeting) of a campaign',
			operations: [
				getOp(
					{
						id: 'get',
						name: 'Get',
						action: 'Get an ad set',
						path: '/{adSetId}',
						params: [numericId('Ad Set ID', 'adSetId', 'ad set')],
						docsUrl: `${MARKETING_DOCS}/ad-campaign`,
					},
					AD_SET_FIELDS,
				),
				listOp(
					{
						id: 'getMany',
						name: 'Get Many',
						action: 'Get many ad sets',
						description: 'List the ad sets of an ad account or of a campaign',
						path: '/{parentId}/adsets',
						params: [parentId('ad sets')],
						rateLimit: { keyParam: 'parentId' },
						docsUrl: `${MARKETING_DOCS}/ad-account/adsets#Reading`,
					},
					AD_SET_FIELDS,
					AD_SET_STATES,
				),
			],
		},
		{
			id: 'campaign',
			name: 'Campaign',
			description: 'Campaigns of an ad account',
			operations: [
				{
					id: 'create',
					name: 'Create',
					action: 'Create a campaign',
					description: 'Create a campaign in an ad account (paused unless you choose Active)',
					method: 'POST',
					path: '/{adAccountId}/campaigns',
					body: 'json',
					rateLimit: { keyParam: 'adAccountId' },
					params: [
						adAccountId,
						bodyParam('name', 'Name', 'string', {
							default: '',
							required: true,
							description: 'Name of the campaign (name)',
						}),
						bodyParam('objective', 'Objective', 'options', {
							default: 'OUTCOME_TRAFFIC',
							required: true,
							options: options(OBJECTIVES),
							description:
								"The campaign's objective (objective), one of Meta's outcome-based objectives",
						}),
						bodyParam('special_ad_categories', 'Special Ad Categories', 'multiOptions', {
							default: ['NONE'],
							required: true,
							options: options(SPECIAL_AD_CATEGORIES),
							description:
								'Categories Meta requires every campaign to declare (special_ad_categories): None for ads outside credit, employment, housing, politics and gambling',
						}),
						bodyParam('status', 'Status', 'options', {
							default: 'PAUSED',
							options: options(['ACTIVE', 'PAUSED']),
							description: 'Status on creation (status); Paused lets you review before spending',
						}),
						bodyParam('buying_type', 'Buying Type', 'options', {
							default: 'AUCTION',
							options: options(['AUCTION', 'RESERVED']),
							description: 'How the ads are bought (buying_type)',
						}),
						bodyParam('start_time', 'Start Time', 'dateTime', {
							default: '',
							description: 'When the campaign starts (start_time)',
						}),
						...budgetParams(),
					],
					docsUrl: `${MARKETING_DOCS}/ad-account/campaigns#Creating`,
				},
				getOp(
					{
						id: 'get',
						name: 'Get',
						action: 'Get a campaign',
						path: '/{campaignId}',
						params: [campaignId],
						docsUrl: `${MARKETING_DOCS}/ad-campaign-group`,
					},
					CAMPAIGN_FIELDS,
				),
				listOp(
					{
						id: 'getMany',
						name: 'Get Many',
						action: 'Get many campaigns',
						description: 'List the campaigns of an ad account',
						path: '/{adAccountId}/campaigns',
						params: [adAccountId],
						rateLimit: { keyParam: 'adAccountId' },
						docsUrl: `${MARKETING_DOCS}/ad-account/campaigns#Reading`,
					},
					CAMPAIGN_FIELDS,
					CAMPAIGN_STATES,
				),
				{
					id: 'update',
					name: 'Update',
					action: 'Update a campaign',
					description: 'Change a campaign’s name, status, budget or schedule',
					method: 'POST',
					path: '/{campaignId}',
					body: 'json',
					params: [
						campaignId,
						bodyParam('name', 'Name', 'string', { default: '', description: 'New name (name)' }),
						bodyParam('status', 'Status', 'options', {
							default: 'PAUSED',
							options: options(['ACTIVE', 'PAUSED', 'ARCHIVED', 'DELETED']),
							description: 'New status (status)',
						}),
						...budgetParams(),
					],
					docsUrl: `${MARKETING_DOCS}/ad-campaign-group#Updating`,
				},
				statusOp('pause', 'Pause', 'PAUSED'),
				statusOp('activate', 'Activate', 'ACTIVE'),
			],
		},
		{
			id: 'insights',
			name: 'Insight',
			description: 'Performance of an ad account, campaign, ad set or ad',
			operations: [
				{
					id: 'get',
					name: 'Get',
					action: 'Get insights',
					description:
						'Metrics of an ad account, campaign, ad set or ad over a date range, optionally broken down',
					method: 'GET',
					path: '/{objectId}/insights',
					paginate: true,
					rateLimit: { keyParam: 'objectId' },
					params: [
						{
							displayName: 'Object ID',
							name: 'objectId',
							in: 'path',
							type: 'string',
							default: '',
							required: true,
							placeholder: 'act_1234567890',
							description: 'An ad account (act_…), or the numeric ID of a campaign, ad set or ad',
							validate: {
								pattern: '^(act_)?\\d+$',
								patternHint:
									'Give an ad account ID (act_1234567890) or a numeric campaign, ad set or ad ID.',
							},
						},
						queryParam('fields', 'Fields', 'multiOptions', {
							default: ['impressions', 'reach', 'clicks', 'spend', 'ctr', 'cpc', 'cpm'],
							required: true,
							queryFormat: 'comma',
							options: options(INSIGHT_FIELDS),
							description: 'Metrics and attributes to return (fields)',
						}),
						queryParam('date_preset', 'Date Preset', 'options', {
							default: 'last_30d',
							options: options(DATE_PRESETS),
							description:
								'A relative date range (date_preset); ignored when Time Range is set. Meta uses last 30 days when neither is set.',
						}),
						queryParam('time_range', 'Time Range', 'json', {
							default: '',
							queryFormat: 'json',
							placeholder: '{"since":"2026-11-01","until":"2026-11-30"}',
							description:
								'Fixed dates (time_range) in the ad account time zone: {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}',
						}),
						queryParam('level', 'Level', 'options', {
							default: 'campaign',
							options: [
								{ name: 'Account', value: 'account' },
								{ name: 'Ad', value: 'ad' },
								{ name: 'Ad Set', value: 'adset' },
								{ name: 'Campaign', value: 'campaign' },
							],
							description:
								'One row per object of this level under the object (level), e.g. each campaign of an account',
						}),
						queryParam('breakdowns', 'Breakdowns', 'multiOptions', {
							default: [],
							queryFormat: 'comma',
							options: options(BREAKDOWNS),
							description: 'Split each row by these dimensions (breakdowns), e.g. age and gender',
						}),
						queryParam('time_increment', 'Time Increment', 'string', {
							default: '',
							placeholder: '1',
							description:
								'Days per row (time_increment): 1–90, monthly, or all_days (one row for the whole range)',
							validate: {
								pattern: '^(\\d{1,2}|90|monthly|all_days)$',
								patternHint: 'Use a number of days from 1 to 90, monthly or all_days.',
							},
						}),
					],
					docsUrl: 'https://developers.facebook.com/docs/marketing-api/insights',
				},
			],
		},
	]),
};

export const facebookAdsSpec = spec;
export const facebookAdsDefinition: ServiceDefinition = { spec };
