/**
 * What is special about ActiveCampaign beyond the per-operation fixtures (test/fixtures/operations/activeCampaign):
 * the API URL checked (https, an ActiveCampaign API host, no path) before the `Api-Token` key is sent; the errors
 * in ActiveCampaign's words with cause and fix; Return All over limit/offset stopping at `meta.total`; the
 * 5-requests-per-second budget per account (shared by every key of the same API URL) and 429 + Retry-After;
 * removing a tag or automation the contact does not have.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ApiConnActiveCampaignApi } from '../../credentials/ApiConnActiveCampaignApi.credentials';
import { validateService } from '../../lib/spec/schema';
import { ActiveCampaign } from '../../nodes/ActiveCampaign/ActiveCampaign.node';
import { activeCampaignDefinition } from '../../nodes/ActiveCampaign/ActiveCampaign.service';
import { serviceKit } from '../kit';

const API = 'https://acme.api-us1.com';
const KEY = '4f3c6d12f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f';
const creds = { apiUrl: API, apiKey: KEY };

const kit = serviceKit({
	origin: API,
	nodeTypes: [new ActiveCampaign()],
	credentialTypes: [new ApiConnActiveCampaignApi()],
	credentials: { apiConnActiveCampaignApi: creds },
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('activeCampaign', parameters as never, extra);
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const getContact = { resource: 'contact', operation: 'get', contactId: 113 };
const CONTACT = { id: '113', email: 'johndoe@example.com' };

describe('ActiveCampaign', () => {
	it("the spec is valid; the account label is the key's user; the credential test calls GET /api/3/users/me", () => {
		expect(validateService(activeCampaignDefinition)).toEqual([]);
		expect(activeCampaignDefinition.spec.account).toEqual({
			path: '/api/3/users/me',
			labelPath: ['user.email', 'user.username'],
		});
		expect(new ApiConnActiveCampaignApi().test.request).toEqual({
			baseURL: '={{$credentials.apiUrl.replace(/\\/+$/, "")}}',
			url: '/api/3/users/me',
		});
	});

	describe('the API URL and key', () => {
		it('the key goes as the Api-Token header to the API URL (a trailing slash is fine)', async () => {
			const seen = kit.fake(['GET', 200, { contact: CONTACT }]);
			const res = await run(getContact, {
				credentials: { apiConnActiveCampaignApi: { ...creds, apiUrl: `${API}/` } },
			});
			expect(json(res)).toEqual([CONTACT]);
			expect(seen[0].uri).toBe('/api/3/contacts/113');
			expect(seen[0].headers['api-token']).toBe(KEY);
			expect(seen[0].headers.authorization).toBeUndefined();
		});

		it.each([
			['http://acme.api-us1.com', 'must start with https://'],
			['https://acme.example.com', 'is not an ActiveCampaign API host'],
			['https://acme.api-us1.com.evil.example', 'is not an ActiveCampaign API host'],
			['https://acme.api-us1.com:8443', 'is not an ActiveCampaign API host'],
			['https://acme.api-us1.com/api/3', 'without a path such as /api/3'],
		])('%s is refused naming the API URL field, and nothing is sent', async (apiUrl, problem) => {
			const seen = kit.fake();
			const res = await run(getContact, {
				credentials: { apiConnActiveCampaignApi: { ...creds, apiUrl } },
			});
			expect(seen).toHaveLength(0);
			expect(res.error?.message).toContain("The credential field 'API URL'");
			expect(`${res.error?.message} ${res.error?.description ?? ''}`).toContain(problem);
			expect(JSON.stringify(res.error)).not.toContain(KEY);
		});

		it('a value that is no URL at all is refused by the engine, naming the field; nothing is sent', async () => {
			const seen = kit.fake();
			const res = await run(getContact, {
				credentials: { apiConnActiveCampaignApi: { ...creds, apiUrl: 'acme' } },
			});
			expect(seen).toHaveLength(0);
			expect(res.error?.message).toBe(
				"The field 'apiUrl' must be a full URL such as https://api.example.com/v1 (got 'acme').",
			);
		});

		it('other shards and activehosted.com hosts are accepted', async () => {
			for (const apiUrl of ['https://acme.api-us2.com', 'https://acme.activehosted.com']) {
				let token: unknown;
				nock(apiUrl)
					.get('/api/3/contacts/113')
					.reply(function () {
						token = this.req.headers['api-token'];
						return [200, { contact: CONTACT }];
					});
				const res = await run(getContact, {
					credentials: { apiConnActiveCampaignApi: { ...creds, apiUrl } },
				});
				expect([json(res), token]).toEqual([[CONTACT], KEY]);
			}
		});
	});

	describe("errors in ActiveCampaign's words", () => {
		it('422 duplicate: the title, the field, and the fix (Sync)', async () => {
			kit.fake([
				'POST',
				422,
				{
					errors: [
						{
							title: 'Email address already exists in the system.',
							detail: '',
							code: 'duplicate',
							source: { pointer: '/data/attributes/email' },
						},
					],
				},
			]);
			const res = await run({
				resource: 'contact',
				operation: 'create',
				email: 'johndoe@example.com',
			});
			const text = `${res.error?.message} ${res.error?.description ?? ''}`;
			expect(text).toContain('Email address already exists in the system.');
			expect(text).toContain('Create or Update (Sync)');
		});

		it('403 with a bad key: reconnect, copying the key again from Settings → Developer; the key never shows', async () => {
			kit.fake(['GET', 403, { message: 'Forbidden' }]);
			const res = await run(getContact);
			const text = `${res.error?.message} ${res.error?.description ?? ''}`;
			expect(text).toContain('Settings → Developer');
			expect(JSON.stringify(res.error)).not.toContain(KEY);
		});

		it('404: names the contact ID', async () => {
			kit.fake(['GET', 404, { message: 'No Result found for Subscriber with id 999' }]);
			const res = await run({ ...getContact, contactId: 999 });
			expect(`${res.error?.message} ${res.error?.description ?? ''}`).toContain(
				'No Result found for Subscriber with id 999',
			);
		});

		it('Remove Tag: a contact without that tag fails naming both IDs and deletes nothing', async () => {
			const seen = kit.fake([
				'GET',
				200,
				{ contactTags: [{ contact: '113', tag: '19', id: '16' }] },
			]);
			const res = await run({ resource: 'contactTag', operation: 'remove', contact: 113, tag: 20 });
			expect(seen).toHaveLength(1);
			expect(res.error?.message).toBe('Contact 113 has no tag 20: nothing was removed');
		});
	});

	describe('Return All (limit ≤ 100, offset, meta.total)', () => {
		const page = (from: number, n: number) =>
			Array.from({ length: n }, (_, i) => ({
				id: String(from + i),
				email: `c${from + i}@example.com`,
			}));

		it('pages of 100 by offset until meta.total is reached, without asking for an empty page', async () => {
			const seen = kit.fake(
				['GET', 200, { contacts: page(1, 100), meta: { total: '200' } }],
				['GET', 200, { contacts: page(101, 100), meta: { total: '200' } }],
			);
			const res = await run({ resource: 'contact', operation: 'getMany', returnAll: true });
			expect(json(res)).toHaveLength(200);
			expect(seen.map((s) => s.uri)).toEqual([
				'/api/3/contacts?offset=0&limit=100',
				'/api/3/contacts?offset=100&limit=100',
			]);
		});

		it('a short page ends the list', async () => {
			const seen = kit.fake(['GET', 200, { tags: page(1, 3), meta: { total: '3' } }]);
			const res = await run({ resource: 'tag', operation: 'getMany', returnAll: true });
			expect([json(res).length, seen.length]).toEqual([3, 1]);
		});
	});

	describe('rate limits: 5 requests per second per account', () => {
		it('the policy: 5 per second per connection and per API URL (every key of the account), RateLimit-* headers', () => {
			const { requests, windowMs, shared, headers } = activeCampaignDefinition.spec.rateLimit!;
			expect({ requests, windowMs }).toEqual({ requests: 5, windowMs: 1_000 });
			expect(shared).toEqual([
				{ name: 'account', credentialField: 'apiUrl', requests: 5, windowMs: 1_000 },
			]);
			expect(headers).toEqual([
				{
					format: 'fields',
					limit: 'ratelimit-limit',
					remaining: 'ratelimit-remaining',
					reset: 'ratelimit-reset',
					resetUnit: 'delta-seconds',
				},
			]);
		});

		it('429 with Retry-After: 30 waits 30 s, then sends again', async () => {
			const start = kit.clock.now();
			const seen = kit.fake(
				[
					'GET',
					429,
					{ message: 'Too Many Requests' },
					{ 'retry-after': '30', 'ratelimit-limit': '5', 'ratelimit-remaining': '0' },
				],
				['GET', 200, { contact: CONTACT }],
			);
			const res = await run(getContact);
			expect(json(res)).toEqual([CONTACT]);
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(30_000);
			expect(kit.clock.now() - start).toBeLessThan(32_000);
		});

		/** Reads `items` contacts as connection `id` with `apiKey` on `apiUrl`; returns when each request left. */
		async function burst(id: string, items: number, apiKey = KEY, apiUrl = API) {
			const times: number[] = [];
			nock(apiUrl)
				.get(/\/api\/3\/contacts\//)
				.times(items)
				.reply(function () {
					times.push(kit.clock.now());
					return [200, { contact: CONTACT }];
				});
			const res = await run(getContact, {
				input: Array.from({ length: items }, () => ({ json: {} })),
				credentials: { apiConnActiveCampaignApi: { apiUrl, apiKey } },
				node: { credentials: { apiConnActiveCampaignApi: { id, name: `ActiveCampaign ${id}` } } },
			});
			expect(res.error).toBeUndefined();
			return times;
		}

		it('two keys of one account share its 5 per second; another account does not wait', async () => {
			const start = kit.clock.now();
			const first = await burst('conn-a', 5, KEY);
			expect(first[4] - start).toBeLessThan(1_000);
			const other = await burst('conn-x', 1, 'other-account-key', 'https://other.api-us1.com');
			expect(other[0] - start).toBeLessThan(1_000);
			const second = await burst('conn-b', 1, 'second-user-key');
			expect(second[0] - start).toBeGreaterThanOrEqual(1_000);
		});
	});

	it('Custom fields: a JSON list goes as contact.fieldValues; an invalid JSON names the field', async () => {
		const res = await run({
			resource: 'contact',
			operation: 'sync',
			email: 'johndoe@example.com',
			additionalFields: { fieldValues: '[{"field": "1",' },
		});
		expect(res.error?.message).toContain('Custom Field Values (JSON)');
		const seen = kit.fake(['POST', 200, { contact: CONTACT, fieldValues: [] }]);
		await run({
			resource: 'contact',
			operation: 'sync',
			email: 'johndoe@example.com',
			additionalFields: { fieldValues: '[{"field": "1", "value": "Blue"}]' },
		});
		expect(seen[0].body as IDataObject).toEqual({
			contact: { email: 'johndoe@example.com', fieldValues: [{ field: '1', value: 'Blue' }] },
		});
	});
});

describe('Custom Request: any path of the account API through the same key', () => {
	it('GET /api/3/users: the Api-Token header on the API URL, query as given, the answer as output', async () => {
		const USERS = { users: [{ id: '1', email: 'admin@example.com' }], meta: { total: '1' } };
		const seen = kit.fake(['GET', 200, USERS]);
		const res = await run({
			resource: 'customRequest',
			operation: 'send',
			requestMethod: 'GET',
			requestPath: '/api/3/users',
			requestQuery: { parameter: [{ name: 'limit', value: '1' }] },
		});
		expect(seen.map((s) => [s.method, s.uri, s.headers['api-token']])).toEqual([
			['GET', '/api/3/users?limit=1', KEY],
		]);
		expect(seen[0].headers.authorization).toBeUndefined();
		expect(json(res)).toEqual([USERS]);
	});
});

describe("a contact's tags, automations and custom field values: Return All / Limit from version 2", () => {
	const lists: Array<[string, string, string]> = [
		['contactTag', 'contactTags', 'tag'],
		['contactAutomation', 'contactAutomations', 'automation'],
		['fieldValue', 'fieldValues', 'field'],
	];
	it.each(lists)(
		'%s → Get Many: one GET of the whole list; v2 keeps the first Limit, Return All all; v1 keeps all',
		async (resource, key, ref) => {
			const rows = ['1', '2', '3'].map((id) => ({ id, contact: '113', [ref]: `2${id}` }));
			const seen = kit.fake(...Array(3).fill(['GET', 200, { [key]: rows }]));
			const list = { resource, operation: 'getMany', contactId: 113 };
			const limited = await run({ ...list, returnAll: false, limit: 2 });
			const all = await run({ ...list, returnAll: true, limit: 1 });
			const v1 = await run(
				{ ...list, returnAll: false, limit: 1 },
				{
					node: {
						type: 'activeCampaign',
						typeVersion: 1,
						parameters: { ...list, returnAll: false, limit: 1 },
					},
				},
			);
			expect(seen.map((s) => [s.method, s.uri, s.headers['api-token']])).toEqual(
				Array(3).fill(['GET', `/api/3/contacts/113/${key}`, KEY]),
			);
			expect([json(limited), json(all), json(v1)]).toEqual([rows.slice(0, 2), rows, rows]);
		},
	);
});
