/**
 * HubSpot beyond the per-operation fixtures: Batch Items through batch/create and batch/update (results matched
 * back to their items by trace id and by id, in whatever order HubSpot lists them; a 207's refused id is that
 * item's error only), the 429 policies (TEN_SECONDLY_ROLLING waited for, DAILY stops with the fix), HubSpot's error
 * categories in the seed's terms, and the form submission sent to api.hsforms.com without the token.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ApiConnHubspotApi } from '../../credentials/ApiConnHubspotApi.credentials';
import { ApiConnHubspotOAuth2Api } from '../../credentials/ApiConnHubspotOAuth2Api.credentials';
import { accountLabel, ServiceCatalog } from '../../lib/connections/catalog';
import { tokenLifetimeMs } from '../../lib/connections/monitor';
import { revokeAtProvider } from '../../lib/connections/manage';
import { createRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { Hubspot } from '../../nodes/Hubspot/Hubspot.node';
import { hubspotDefinition, hubspotSpec } from '../../nodes/Hubspot/Hubspot.service';
import { FakeClock } from '../helpers/fake-clock';
import { revokeContext } from '../helpers/revoke-context';
import { serviceKit, type Reply } from '../kit';

const API = 'https://api.hubapi.com';
const TOKEN = 'pat-na1-7c2e4b1d-3f9a-4e21-9b8d-0a1c2e3f4a5b';
const kit = serviceKit({
	origin: API,
	nodeTypes: [new Hubspot()],
	credentialTypes: [new ApiConnHubspotApi(), new ApiConnHubspotOAuth2Api()],
	credentials: { apiConnHubspotApi: { accessToken: TOKEN } },
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('hubspot', parameters as never, extra);
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const record = (id: string, properties: IDataObject, extra: IDataObject = {}) => ({
	id,
	properties,
	createdAt: '2026-12-03T10:00:00.000Z',
	updatedAt: '2026-12-03T10:00:00.000Z',
	archived: false,
	...extra,
});

it('the spec is valid', () => {
	expect(validateService(hubspotDefinition)).toEqual([]);
});

describe('Batch Items', () => {
	it('creates go in one batch/create; results listed in another order come back to their items by trace id', async () => {
		const seen = kit.fake([
			'POST',
			201,
			// Answered from the request below, reversed.
			{ status: 'COMPLETE', results: [] },
		]);
		nock.cleanAll();
		nock(API)
			.post('/crm/v3/objects/contacts/batch/create')
			.reply(201, (uri, body) => {
				const inputs = (body as { inputs: IDataObject[] }).inputs;
				seen.push({ method: 'POST', uri, body, headers: {} });
				return {
					status: 'COMPLETE',
					results: inputs
						.map((input, n) =>
							record(String(600 + n), input.properties as IDataObject, {
								objectWriteTraceId: input.objectWriteTraceId,
							}),
						)
						.reverse(),
				};
			});
		const res = await run(
			{
				resource: 'contact',
				operation: 'create',
				properties: { pairs: [{ key: 'email', value: '={{ $json.email }}' }] },
				options: { batchItems: true },
			},
			{ input: [{ json: { email: 'a@biglytics.net' } }, { json: { email: 'b@biglytics.net' } }] },
		);
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		const inputs = (seen[0].body as { inputs: IDataObject[] }).inputs;
		expect(inputs.map((i) => i.properties)).toEqual([
			{ email: 'a@biglytics.net' },
			{ email: 'b@biglytics.net' },
		]);
		expect(new Set(inputs.map((i) => i.objectWriteTraceId)).size).toBe(2);
		expect(json(res).map((o) => [o.id, (o.properties as IDataObject).email])).toEqual([
			['600', 'a@biglytics.net'],
			['601', 'b@biglytics.net'],
		]);
	});

	it('updates go in one batch/update as {id, properties}; a 207 error naming one id fails that item only', async () => {
		const seen = kit.fake([
			'POST',
			207,
			{
				status: 'COMPLETE',
				results: [
					record('514', { lifecyclestage: 'customer' }),
					record('512', { lifecyclestage: 'customer' }),
				],
				numErrors: 1,
				errors: [
					{
						status: 'error',
						category: 'OBJECT_NOT_FOUND',
						message: 'Object not found.  objectId are usually numeric.',
						context: { ids: ['999'] },
					},
				],
			},
		]);
		const res = await run(
			{
				resource: 'contact',
				operation: 'update',
				objectId: '={{ $json.id }}',
				properties: { pairs: [{ key: 'lifecyclestage', value: 'customer' }] },
				options: { batchItems: true },
			},
			{
				input: [{ json: { id: '512' } }, { json: { id: '999' } }, { json: { id: '514' } }],
				node: { continueOnFail: true },
			},
		);
		expect(seen.map((s) => [s.method, s.uri])).toEqual([
			['POST', '/crm/v3/objects/contacts/batch/update'],
		]);
		expect(seen[0].body).toEqual({
			inputs: [
				{ properties: { lifecyclestage: 'customer' }, id: '512' },
				{ properties: { lifecyclestage: 'customer' }, id: '999' },
				{ properties: { lifecyclestage: 'customer' }, id: '514' },
			],
		});
		const out = json(res);
		expect(out.map((o) => o.id ?? null)).toEqual(['512', null, '514']);
		expect(String(out[1].error)).toContain('Object not found');
	});
});

describe('limits and errors', () => {
	it('a 429 TEN_SECONDLY_ROLLING is waited out and the request sent again', async () => {
		const seen = kit.fake(
			[
				'GET',
				429,
				{
					status: 'error',
					message: 'You have reached your ten_secondly_rolling limit.',
					errorType: 'RATE_LIMIT',
					correlationId: 'c1b0e7d2-0000-4000-8000-000000000001',
					policyName: 'TEN_SECONDLY_ROLLING',
					groupName: 'publicapi:private-app:62515',
				},
				{
					'x-hubspot-ratelimit-max': '100',
					'x-hubspot-ratelimit-remaining': '0',
					'x-hubspot-ratelimit-interval-milliseconds': '10000',
				},
			],
			['GET', 200, { portalId: 62515 }],
		);
		const res = await run({ resource: 'account', operation: 'getMe' });
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(json(res)).toEqual([{ portalId: 62515 }]);
	});

	it('a 429 of the DAILY policy stops at once and says when to run again', async () => {
		kit.fake([
			'GET',
			429,
			{
				status: 'error',
				message: 'You have reached your daily limit.',
				errorType: 'RATE_LIMIT',
				correlationId: 'c1b0e7d2-0000-4000-8000-000000000002',
				policyName: 'DAILY',
			},
		]);
		const res = await run({ resource: 'account', operation: 'getMe' });
		expect(res.error?.message).toBe(
			'HubSpot: 429 Too Many Requests – You have reached your daily limit.',
		);
		expect(String((res.error as { description?: string })?.description)).toContain(
			'after midnight in the HubSpot account’s time zone',
		);
	});

	it('a private app’s daily cap read as 0 in X-HubSpot-RateLimit-Daily-Remaining: the next item waits an hour (here: Max Queue Wait 60 s, so it is not sent) and says when to run again', async () => {
		const seen = kit.fake([
			'GET',
			200,
			{ portalId: 62515 },
			{
				'x-hubspot-ratelimit-max': '100',
				'x-hubspot-ratelimit-remaining': '99',
				'x-hubspot-ratelimit-interval-milliseconds': '10000',
				'x-hubspot-ratelimit-daily': '250000',
				'x-hubspot-ratelimit-daily-remaining': '0',
			},
		]);
		const res = await run(
			{
				resource: 'account',
				operation: 'getMe',
				options: { concurrency: 1, maxQueueWaitSeconds: 60 },
			},
			{ input: [{ json: {} }, { json: {} }], node: { continueOnFail: true } },
		);
		expect(seen.map((s) => [s.method, s.uri])).toEqual([['GET', '/account-info/v3/details']]);
		const out = json(res);
		expect(out[0]).toEqual({ portalId: 62515 });
		expect(out[1]).toEqual({
			error: "HubSpot: rate limit, the wait is longer than 'Max Queue Wait (Seconds)' allows",
			description: expect.stringMatching(
				/^HubSpot asked to pause this connection until \S+Z \(60 min from now\), longer than 'Max Queue Wait \(Seconds\)' allows \(60 s\), so the request was not sent\./,
			),
		});
	});

	it('a daily remaining above 0 leaves the 10-second budget as the headers say', async () => {
		const seen = kit.fake(
			...[1, 2, 3].map((n): Reply => [
				'GET',
				200,
				{ portalId: n },
				{
					'x-hubspot-ratelimit-max': '100',
					'x-hubspot-ratelimit-remaining': String(100 - n),
					'x-hubspot-ratelimit-interval-milliseconds': '10000',
					'x-hubspot-ratelimit-daily': '250000',
					'x-hubspot-ratelimit-daily-remaining': '3',
				},
			]),
		);
		const res = await run(
			{ resource: 'account', operation: 'getMe', options: { concurrency: 1 } },
			{ input: [{ json: {} }, { json: {} }, { json: {} }] },
		);
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(3);
		expect(json(res)).toEqual([{ portalId: 1 }, { portalId: 2 }, { portalId: 3 }]);
	});

	it('MISSING_SCOPES names the scope the operation needs', async () => {
		kit.fake([
			'GET',
			403,
			{
				status: 'error',
				message: "This app hasn't been granted all required scopes to make this call.",
				correlationId: 'c1b0e7d2-0000-4000-8000-000000000003',
				category: 'MISSING_SCOPES',
				errors: [
					{
						message: 'One or more of the following scopes are required.',
						context: { requiredGranularScopes: ['crm.objects.deals.read'] },
					},
				],
			},
		]);
		const res = await run({ resource: 'deal', operation: 'get', objectId: '8430112' });
		expect(
			`${res.error?.message} ${(res.error as { description?: string })?.description}`,
		).toContain('crm.objects.deals.read');
	});
});

describe('form submission on api.hsforms.com', () => {
	it('is sent without the connection token', async () => {
		const seen: Array<Record<string, unknown>> = [];
		nock('https://api.hsforms.com')
			.post('/submissions/v3/integration/submit/62515/9d1d2a2e')
			.reply(200, function (_uri, body) {
				seen.push({ headers: this.req.headers, body });
				return { inlineMessage: 'Thanks for submitting the form.' };
			});
		const res = await run({
			resource: 'form',
			operation: 'submit',
			portalId: '62515',
			formGuid: '9d1d2a2e',
			fields: { pairs: [{ key: 'email', value: 'a@biglytics.net' }] },
		});
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].headers).not.toHaveProperty('authorization');
		expect(JSON.stringify(seen[0])).not.toContain(TOKEN);
		expect(seen[0].body).toEqual({ fields: [{ name: 'email', value: 'a@biglytics.net' }] });
		expect(json(res)).toEqual([{ inlineMessage: 'Thanks for submitting the form.' }]);
	});
});

describe('Disconnect', () => {
	it('deletes an app’s refresh token: DELETE /oauth/v1/refresh-tokens/{token}, percent-encoded, no auth header; a private app token has no endpoint', async () => {
		const refresh = 'na1-6c9d/7e2f+a1b2';
		const { fn, calls } = revokeContext({
			clientId: 'hs-client-0001',
			clientSecret: 'hs-secret-0001',
			oauthTokenData: { access_token: 'CJSP-access-0001', refresh_token: refresh },
		});
		const rt = createRuntime({
			observers: [],
			clock: new FakeClock(Date.UTC(2026, 11, 4)),
			random: () => 0.5,
			services: [hubspotSpec],
		});
		const info = new ServiceCatalog([hubspotSpec]).get('hubspot')!;
		expect(await revokeAtProvider(rt, fn, 0, info, 'apiConnHubspotOAuth2Api')).toEqual({
			revoked: true,
			message: 'Revoked at HubSpot (200).',
		});
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({
			method: 'DELETE',
			url: 'https://api.hubapi.com/oauth/v1/refresh-tokens/na1-6c9d%2F7e2f%2Ba1b2',
		});
		expect(calls[0].body).toBeUndefined();
		expect(JSON.stringify(calls[0].headers ?? {})).not.toMatch(/CJSP-access-0001|hs-secret-0001/);
		expect(await revokeAtProvider(rt, fn, 0, info, 'apiConnHubspotApi')).toEqual({
			revoked: false,
			message:
				'HubSpot offers no revoke endpoint for Private App Token credentials; the token stays valid until you delete it at HubSpot.',
		});
		expect(calls).toHaveLength(1);
	});
});

describe('Custom Request: any path of api.hubapi.com through the same token', () => {
	it('GET line items: Bearer token, query as given, the answer as output', async () => {
		const PAGE = { results: [record('901', { name: 'Widget', price: '10' })] };
		const seen = kit.fake(['GET', 200, PAGE]);
		const res = await run({
			resource: 'customRequest',
			operation: 'send',
			requestMethod: 'GET',
			requestPath: '/crm/v3/objects/line_items',
			requestQuery: { parameter: [{ name: 'limit', value: '1' }] },
		});
		expect(seen.map((s) => [s.method, s.uri, s.headers.authorization])).toEqual([
			['GET', '/crm/v3/objects/line_items?limit=1', `Bearer ${TOKEN}`],
		]);
		expect(json(res)).toEqual([PAGE]);
	});
});

describe('OAuth2 app connection', () => {
	const APP_TOKEN = 'CJSP5qf1KhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-qYAGQsF4';
	const oauth = {
		clientId: '5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b',
		clientSecret: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
		oauthTokenData: {
			token_type: 'bearer',
			access_token: APP_TOKEN,
			refresh_token: '6f18f21e-a743-4509-b7fd-1a5e632fffa1',
			expires_in: 1800,
		},
	};

	it("HubSpot's token answer (expires_in: 1800) is a 30-minute token; the app's token goes as Bearer", async () => {
		expect(tokenLifetimeMs({ oauthTokenData: oauth.oauthTokenData })).toBe(1_800_000);
		const seen = kit.fake(['GET', 200, record('512', { email: 'ann@example.com' })]);
		const res = await run(
			{
				authentication: 'apiConnHubspotOAuth2Api',
				resource: 'contact',
				operation: 'get',
				objectId: '512',
			},
			{ credentials: { apiConnHubspotOAuth2Api: oauth } },
		);
		expect(seen.map((s) => [s.method, s.uri, s.headers.authorization])).toEqual([
			['GET', '/crm/v3/objects/contacts/512', `Bearer ${APP_TOKEN}`],
		]);
		expect(json(res)).toEqual([record('512', { email: 'ann@example.com' })]);
	});

	it('the account label is the portal (Hub ID) of GET /account-info/v3/details', () => {
		expect(hubspotSpec.account).toEqual({
			path: '/account-info/v3/details',
			labelPath: 'portalId',
		});
		const details = { portalId: 62515, accountType: 'STANDARD', uiDomain: 'app.hubspot.com' };
		expect(accountLabel(details, hubspotSpec.account!)).toBe(62515);
	});
});

describe('Search: one filter and one sort as fields with option lists', () => {
	const search = (additionalFields: IDataObject) =>
		run({ resource: 'contact', operation: 'search', limit: 10, additionalFields });
	const sent = async (additionalFields: IDataObject) => {
		const seen = kit.fake(['POST', 200, { total: 0, results: [] }]);
		await search(additionalFields);
		expect(seen.map((s) => [s.method, s.uri])).toEqual([
			['POST', '/crm/v3/objects/contacts/search'],
		]);
		return seen[0].body;
	};

	it('Filter Property, Operator and Value become one filter group; Sort By and Direction the sort', async () => {
		expect(
			await sent({
				filterProperty: 'lifecyclestage',
				filterOperator: 'EQ',
				filterValue: 'lead',
				sortBy: 'createdate',
				sortDirection: 'ASCENDING',
			}),
		).toEqual({
			filterGroups: [
				{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }] },
			],
			sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
			limit: 10,
		});
	});

	it('the filter joins every group of Filter Groups (AND); Sorts (JSON) wins over Sort By', async () => {
		expect(
			await sent({
				filterGroups: JSON.stringify([
					{ filters: [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@acme.com' }] },
					{ filters: [{ propertyName: 'company', operator: 'EQ', value: 'Acme' }] },
				]),
				filterProperty: 'hs_lead_status',
				filterOperator: 'NOT_HAS_PROPERTY',
				filterValue: 'ignored',
				sorts: '[{"propertyName": "lastname", "direction": "ASCENDING"}]',
				sortBy: 'createdate',
			}),
		).toEqual({
			filterGroups: [
				{
					filters: [
						{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@acme.com' },
						{ propertyName: 'hs_lead_status', operator: 'NOT_HAS_PROPERTY' },
					],
				},
				{
					filters: [
						{ propertyName: 'company', operator: 'EQ', value: 'Acme' },
						{ propertyName: 'hs_lead_status', operator: 'NOT_HAS_PROPERTY' },
					],
				},
			],
			sorts: [{ propertyName: 'lastname', direction: 'ASCENDING' }],
			limit: 10,
		});
	});

	it('In sends values[] from the comma-separated value; Between sends value and highValue', async () => {
		expect(
			await sent({
				filterProperty: 'lifecyclestage',
				filterOperator: 'IN',
				filterValue: 'lead, customer,',
			}),
		).toEqual({
			filterGroups: [
				{
					filters: [
						{ propertyName: 'lifecyclestage', operator: 'IN', values: ['lead', 'customer'] },
					],
				},
			],
			limit: 10,
		});
		expect(
			await sent({
				filterProperty: 'createdate',
				filterOperator: 'BETWEEN',
				filterValue: '2026-01-01',
				filterHighValue: '2026-06-30',
			}),
		).toEqual({
			filterGroups: [
				{
					filters: [
						{
							propertyName: 'createdate',
							operator: 'BETWEEN',
							value: '2026-01-01',
							highValue: '2026-06-30',
						},
					],
				},
			],
			limit: 10,
		});
	});

	it('the operators are an option list of HubSpot’s 13, sorted by name; the direction too', () => {
		const props = new Hubspot().description.properties;
		const collection = props.find(
			(p) =>
				p.name === 'additionalFields' &&
				p.displayOptions?.show?.resource?.includes('contact') &&
				p.displayOptions?.show?.operation?.includes('search'),
		)!;
		const field = (name: string) =>
			(
				collection.options as Array<{
					name: string;
					options?: Array<{ name: string; value: string }>;
				}>
			).find((o) => o.name === name)!;
		const operators = field('filterOperator').options!;
		expect(operators.map((o) => o.value).sort()).toEqual([
			'BETWEEN',
			'CONTAINS_TOKEN',
			'EQ',
			'GT',
			'GTE',
			'HAS_PROPERTY',
			'IN',
			'LT',
			'LTE',
			'NEQ',
			'NOT_CONTAINS_TOKEN',
			'NOT_HAS_PROPERTY',
			'NOT_IN',
		]);
		expect(operators.map((o) => o.name)).toEqual(
			operators.map((o) => o.name).sort((a, b) => a.localeCompare(b)),
		);
		expect(field('sortDirection').options!.map((o) => o.value)).toEqual([
			'ASCENDING',
			'DESCENDING',
		]);
	});
});
