/**
 * What is special about Airtable beyond the per-operation fixtures (test/fixtures/operations/airtable): records
 * created, updated, upserted and deleted 10 per request through the engine's list batching (each answer back on
 * its item, a refused request the error of every item in it), the 5 requests per second budget of each base, a
 * 429 waited out for Airtable's documented 30 seconds, Airtable's `{error: {type, message}}` answers with cause
 * and fix, offset paging, and the OAuth2 refresh that keeps the rotated refresh token.
 */
import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnAirtableApi } from '../../credentials/ApiConnAirtableApi.credentials';
import { ApiConnAirtableOAuth2Api } from '../../credentials/ApiConnAirtableOAuth2Api.credentials';
import { validateService } from '../../lib/spec/schema';
import { Airtable } from '../../nodes/Airtable/Airtable.node';
import { airtableDefinition } from '../../nodes/Airtable/Airtable.service';
import { serviceKit, type Reply } from '../kit';

const API = 'https://api.airtable.com';
const PAT = 'patR8vD2kQ9xL4mN7.3f9d0c77e1a24b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6';
const BASE = 'appY3WxIBCdKAzzAK';
const BASE2 = 'appLkNDICXNqxSDhG';
const oauth = {
	clientId: 'b7c3e1f0-airtable-client',
	clientSecret: 'airtable-client-secret-5e2a',
	authentication: 'header',
	accessTokenUrl: 'https://airtable.com/oauth2/v1/token',
	oauthTokenData: {
		access_token: 'oaa-access-1',
		token_type: 'Bearer',
		refresh_token: 'oar-refresh-1',
		expires_in: 3600,
		refresh_expires_in: 5184000,
	},
};
const kit = serviceKit({
	origin: API,
	nodeTypes: [new Airtable()],
	credentialTypes: [new ApiConnAirtableApi(), new ApiConnAirtableOAuth2Api()],
	credentials: { apiConnAirtableApi: { accessToken: PAT }, apiConnAirtableOAuth2Api: oauth },
});
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const record = (n: number) => ({
	id: `rec${String(n).padStart(14, '0')}`,
	createdTime: '2022-09-12T21:03:48.000Z',
	fields: { Name: `Place ${n}` },
});
/** Record → Create (or another write) of each item's `name`, batched, on the Places table of BASE. */
const batched = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'record',
	operation,
	baseId: BASE,
	tableIdOrName: 'Places',
	fields: '={{ JSON.stringify({ Name: $json.name }) }}',
	options: { batchItems: true },
	...extra,
});
const items = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ json: { name: `Place ${i}`, id: record(i).id } }));

describe('Airtable', () => {
	it('the spec is valid; OAuth2 is PKCE at airtable.com/oauth2/v1 with the five scopes; the PAT is a Bearer token', () => {
		expect(validateService(airtableDefinition)).toEqual([]);
		const props = new ApiConnAirtableOAuth2Api().properties;
		const value = (name: string) => props.find((p) => p.name === name)?.default;
		expect(value('grantType')).toBe('pkce');
		expect(value('authUrl')).toBe('https://airtable.com/oauth2/v1/authorize');
		expect(value('accessTokenUrl')).toBe('https://airtable.com/oauth2/v1/token');
		expect(value('scope')).toBe(
			'data.records:read data.records:write schema.bases:read schema.bases:write webhook:manage',
		);
		expect(new ApiConnAirtableApi().authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
		});
	});

	describe('batching: 10 records per request, each answer on its item', () => {
		it('23 items created with Batch Items on: 3 requests of 10, 10 and 3 records, outputs in item order', async () => {
			const seen = kit.fake(
				...[10, 10, 3].map(
					(size, chunk) =>
						[
							'POST',
							200,
							{ records: Array.from({ length: size }, (_, i) => record(chunk * 10 + i)) },
						] as Reply,
				),
			);
			const res = await kit.run(
				'airtable',
				batched('create', { additionalFields: { typecast: true } }),
				{ input: items(23) },
			);
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => [s.method, s.uri])).toEqual([
				['POST', `/v0/${BASE}/Places`],
				['POST', `/v0/${BASE}/Places`],
				['POST', `/v0/${BASE}/Places`],
			]);
			expect(seen[0].headers.authorization).toBe(`Bearer ${PAT}`);
			expect(seen[0].body).toEqual({
				records: Array.from({ length: 10 }, (_, i) => ({ fields: { Name: `Place ${i}` } })),
				typecast: true,
			});
			expect((seen[2].body as { records: unknown[] }).records).toEqual([
				{ fields: { Name: 'Place 20' } },
				{ fields: { Name: 'Place 21' } },
				{ fields: { Name: 'Place 22' } },
			]);
			expect(json(res)).toEqual(Array.from({ length: 23 }, (_, i) => record(i)));
			expect(res.outputs[0].map((i) => i.pairedItem)).toEqual(
				Array.from({ length: 23 }, (_, i) => ({ item: i })),
			);
		});

		it('update and upsert send {records: [{id?, fields}]} with performUpsert once per request', async () => {
			const seen = kit.fake(
				['PATCH', 200, { records: [record(0), record(1)] }],
				[
					'PATCH',
					200,
					{
						records: [record(0), record(1)],
						createdRecords: [record(1).id],
						updatedRecords: [record(0).id],
					},
				],
			);
			const update = await kit.run('airtable', batched('update', { recordId: '={{ $json.id }}' }), {
				input: items(2),
			});
			const upsert = await kit.run('airtable', batched('upsert', { fieldsToMergeOn: 'Name' }), {
				input: items(2),
			});
			expect(update.error ?? upsert.error).toBeUndefined();
			expect(seen.map((s) => s.body)).toEqual([
				{
					records: [
						{ id: record(0).id, fields: { Name: 'Place 0' } },
						{ id: record(1).id, fields: { Name: 'Place 1' } },
					],
				},
				{
					performUpsert: { fieldsToMergeOn: ['Name'] },
					records: [{ fields: { Name: 'Place 0' } }, { fields: { Name: 'Place 1' } }],
				},
			]);
			expect(json(update)).toEqual([record(0), record(1)]);
			expect(json(upsert)).toEqual([record(0), record(1)]);
		});

		it('delete sends records[] in the query, 10 per request', async () => {
			const seen = kit.fake(
				[
					'DELETE',
					200,
					{ records: Array.from({ length: 10 }, (_, i) => ({ id: record(i).id, deleted: true })) },
				],
				['DELETE', 200, { records: [{ id: record(10).id, deleted: true }] }],
			);
			const res = await kit.run(
				'airtable',
				{
					resource: 'record',
					operation: 'delete',
					baseId: BASE,
					tableIdOrName: 'Places',
					recordId: '={{ $json.id }}',
					options: { batchItems: true },
				},
				{ input: items(11) },
			);
			expect(res.error).toBeUndefined();
			const query = (uri: string) => new URL(uri, API).searchParams.getAll('records[]');
			expect(seen.map((s) => query(s.uri))).toEqual([
				Array.from({ length: 10 }, (_, i) => record(i).id),
				[record(10).id],
			]);
			expect(json(res)).toEqual(
				Array.from({ length: 11 }, (_, i) => ({ id: record(i).id, deleted: true })),
			);
		});

		it('items of different tables go in different requests; without Batch Items each item is its own request', async () => {
			const seen = kit.fake(
				['POST', 200, { records: [record(0), record(2)] }],
				['POST', 200, { records: [record(1)] }],
			);
			const res = await kit.run(
				'airtable',
				{
					resource: 'record',
					operation: 'create',
					baseId: BASE,
					tableIdOrName: "={{ $itemIndex === 1 ? 'Other' : 'Places' }}",
					fields: '={{ JSON.stringify({ Name: $json.name }) }}',
					options: { batchItems: true },
				},
				{ input: items(3) },
			);
			expect(seen.map((s) => s.uri)).toEqual([`/v0/${BASE}/Places`, `/v0/${BASE}/Other`]);
			expect(json(res)).toEqual([record(0), record(1), record(2)]);

			const one = kit.fake(
				['POST', 200, { records: [record(0)] }],
				['POST', 200, { records: [record(1)] }],
			);
			const plain = await kit.run(
				'airtable',
				{
					resource: 'record',
					operation: 'create',
					baseId: BASE,
					tableIdOrName: 'Places',
					fields: '={{ JSON.stringify({ Name: $json.name }) }}',
				},
				{ input: items(2) },
			);
			expect(one.map((s) => (s.body as { records: unknown[] }).records.length)).toEqual([1, 1]);
			expect(json(plain)).toEqual([record(0), record(1)]);
		});

		it('a refused request is the error of every item in it (Continue On Fail), the next request still goes', async () => {
			const refusal = {
				error: {
					type: 'INVALID_MULTIPLE_CHOICE_OPTIONS',
					message: 'Insufficient permissions to create new select option ""Maybe""',
				},
			};
			const seen = kit.fake(['POST', 422, refusal], ['POST', 200, { records: [record(10)] }]);
			const res = await kit.run('airtable', batched('create'), {
				input: items(11),
				node: { continueOnFail: true } as never,
			});
			expect(seen).toHaveLength(2);
			const out = res.outputs[0];
			expect(out).toHaveLength(11);
			for (const item of out.slice(0, 10))
				expect(String(item.json.error)).toContain(
					'Insufficient permissions to create new select option',
				);
			expect(out[10].json).toEqual(record(10));
		});
	});

	describe('rate limits', () => {
		it('each base has its own 5 requests per second: 6 gets on one base take a second, on two bases none', async () => {
			kit.fake(...Array.from({ length: 6 }, () => ['GET', 200, record(0)] as Reply));
			const start = kit.clock.now();
			const one = await kit.run(
				'airtable',
				{
					resource: 'record',
					operation: 'get',
					baseId: BASE,
					tableIdOrName: 'Places',
					recordId: record(0).id,
				},
				{ input: items(6) },
			);
			expect(one.error).toBeUndefined();
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(1_000);

			kit.fake(...Array.from({ length: 6 }, () => ['GET', 200, record(0)] as Reply));
			const again = kit.clock.now();
			const two = await kit.run(
				'airtable',
				{
					resource: 'record',
					operation: 'get',
					baseId: `={{ $itemIndex % 2 ? '${BASE2}' : 'appQ2ZxDqEwXyV3Uu' }}`,
					tableIdOrName: 'Places',
					recordId: record(0).id,
				},
				{ input: items(6) },
			);
			expect(two.error).toBeUndefined();
			expect(kit.clock.now() - again).toBeLessThan(1_000);
		});

		it('a personal access token has 50 requests per second across all bases: the 51st waits, an OAuth2 token does not', async () => {
			expect(airtableDefinition.spec.rateLimit!.shared).toEqual([
				{
					name: 'personalAccessToken',
					credentialField: 'accessToken',
					requests: 50,
					windowMs: 1_000,
				},
			]);
			// 51 gets over 11 bases (at most 5 per base): only the token's own budget can hold one back.
			const bases = Array.from({ length: 11 }, (_, b) => `app${String(b).padStart(14, '0')}`);
			const byIndex = `={{ ${JSON.stringify(bases)}[$itemIndex % 11] }}`;
			const getOn = (extra: Record<string, unknown> = {}) => ({
				resource: 'record',
				operation: 'get',
				baseId: byIndex,
				tableIdOrName: 'Places',
				recordId: record(0).id,
				...extra,
			});
			const times = async (parameters: Record<string, unknown>) => {
				const at: number[] = [];
				nock(API)
					.get(/\/v0\/app/)
					.times(51)
					.reply(function () {
						at.push(kit.clock.now());
						return [200, record(0)];
					});
				const res = await kit.run('airtable', parameters as never, { input: items(51) });
				expect(res.error).toBeUndefined();
				return at;
			};
			const start = kit.clock.now();
			const pat = await times(getOn());
			expect(pat[49] - start).toBeLessThan(1_000);
			expect(pat[50] - start).toBeGreaterThanOrEqual(1_000);

			const again = kit.clock.now();
			const viaOAuth = await times(getOn({ authentication: 'apiConnAirtableOAuth2Api' }));
			expect(viaOAuth[50] - again).toBeLessThan(1_000);
		});

		it('a 429 (no Retry-After) waits the 30 seconds Airtable documents, then the request goes again', async () => {
			const seen = kit.fake(
				['GET', 429, { errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded' }] }],
				['GET', 200, record(0)],
			);
			const start = kit.clock.now();
			const res = await kit.run('airtable', {
				resource: 'record',
				operation: 'get',
				baseId: BASE,
				tableIdOrName: 'Places',
				recordId: record(0).id,
			});
			expect(res.error).toBeUndefined();
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(30_000);
			expect(kit.clock.now() - start).toBeLessThan(35_000);
			expect(json(res)).toEqual([record(0)]);
		});
	});

	describe('Custom Request (any Airtable route through the connection)', () => {
		it('POST listRecords with a JSON body: Bearer PAT, the body as written, the answer as the output', async () => {
			const answer = { records: [record(1), record(2)], offset: 'itrXYZ/rec00000000000002' };
			const seen = kit.fake(['POST', 200, answer]);
			const res = await kit.run('airtable', {
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'POST',
				requestPath: `/v0/${BASE}/Places/listRecords`,
				requestBody: '{"pageSize": 2, "fields": ["Name"]}',
			});
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => [s.method, s.uri, s.body, s.headers.authorization])).toEqual([
				[
					'POST',
					`/v0/${BASE}/Places/listRecords`,
					{ pageSize: 2, fields: ['Name'] },
					`Bearer ${PAT}`,
				],
			]);
			expect(json(res)).toEqual([answer]);
		});

		it('a 429 waits the 30 seconds like any operation; a 403 reads in Airtable’s words without the token', async () => {
			const seen = kit.fake(
				['GET', 429, { errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded' }] }],
				['GET', 200, { bases: [] }],
			);
			const start = kit.clock.now();
			const ok = await kit.run('airtable', {
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'GET',
				requestPath: '/v0/meta/bases',
			});
			expect(ok.error).toBeUndefined();
			expect(seen.map((s) => s.uri)).toEqual(['/v0/meta/bases', '/v0/meta/bases']);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(30_000);
			kit.fake([
				'GET',
				403,
				{
					error: {
						type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
						message: 'Invalid permissions, or the requested model was not found.',
					},
				},
			]);
			const { error } = await kit.run('airtable', {
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'GET',
				requestPath: `/v0/meta/bases/${BASE}/tables`,
			});
			const text = `${error?.message}\n${error?.description}`;
			expect(text).toContain('Invalid permissions, or the requested model was not found.');
			expect(text).not.toContain(PAT);
		});
	});

	describe("errors in Airtable's words, with cause and fix", () => {
		const get = () =>
			kit.run('airtable', {
				resource: 'record',
				operation: 'get',
				baseId: BASE,
				tableIdOrName: 'Places',
				recordId: record(0).id,
			});

		it('403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND names the scopes and says what to check', async () => {
			kit.fake([
				'GET',
				403,
				{
					error: {
						type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
						message:
							'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.',
					},
				},
			]);
			const { error } = await get();
			const text = `${error?.message}\n${error?.description}`;
			expect(text).toContain('Invalid permissions, or the requested model was not found');
			expect(text).toContain('data.records:read');
			expect(text).toContain('Check the Base ID, table and record');
		});

		it('422 INVALID_MULTIPLE_CHOICE_OPTIONS says to use an option of the field or turn on Typecast', async () => {
			kit.fake([
				'POST',
				422,
				{
					error: {
						type: 'INVALID_MULTIPLE_CHOICE_OPTIONS',
						message: 'Insufficient permissions to create new select option ""Maybe""',
					},
				},
			]);
			const { error } = await kit.run('airtable', {
				resource: 'record',
				operation: 'create',
				baseId: BASE,
				tableIdOrName: 'Places',
				fields: '{"Status": "Maybe"}',
			});
			const text = `${error?.message}\n${error?.description}`;
			expect(text).toContain('Insufficient permissions to create new select option');
			expect(text).toContain('turn on Typecast');
		});

		it('404 {"error": "NOT_FOUND"} names the record; 401 says reconnect', async () => {
			kit.fake(['GET', 404, { error: 'NOT_FOUND' }]);
			const missing = await get();
			expect(`${missing.error?.message}\n${missing.error?.description}`).toContain(record(0).id);
			const denial = [
				'GET',
				401,
				{ error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } },
			] as Reply;
			kit.fake(denial, denial);
			const denied = await get();
			expect(`${denied.error?.message}\n${denied.error?.description}`).toMatch(/reconnect/i);
			expect(`${denied.error?.message}\n${denied.error?.description}`).not.toContain(PAT);
		});

		it('an invalid Base ID is refused before any request', async () => {
			const seen = kit.fake();
			const { error } = await kit.run('airtable', {
				resource: 'record',
				operation: 'get',
				baseId: 'Places',
				tableIdOrName: 'Places',
				recordId: record(0).id,
			});
			expect(seen).toEqual([]);
			expect(error?.message).toBe("The field 'Base ID' has an invalid format ('Places').");
		});
	});

	it('Upload Attachment refuses a file over 5 MB before sending, and says to give a URL instead', async () => {
		const seen = kit.fake();
		const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1).toString('base64');
		const { error } = await kit.run(
			'airtable',
			{
				resource: 'record',
				operation: 'uploadAttachment',
				baseId: BASE,
				recordId: record(0).id,
				attachmentFieldIdOrName: 'Photos',
				binaryPropertyName: 'data',
			},
			{
				input: [
					{ json: {}, binary: { data: { data: big, mimeType: 'image/png', fileName: 'big.png' } } },
				],
			},
		);
		expect(seen).toEqual([]);
		expect(error?.message).toBe("The file is 5242881 bytes: Airtable's upload takes at most 5 MB.");
		expect(error?.description).toContain(
			'Put a public URL of the file in the attachment field instead',
		);
	});

	it('Return All follows offset across pages; Limit stops early', async () => {
		const seen = kit.fake(
			['GET', 200, { records: [record(0), record(1)], offset: 'itrA/rec1' }],
			['GET', 200, { records: [record(2)] }],
		);
		const all = await kit.run('airtable', {
			resource: 'record',
			operation: 'getMany',
			baseId: BASE,
			tableIdOrName: 'Places',
			returnAll: true,
		});
		expect(seen.map((s) => s.uri)).toEqual([
			`/v0/${BASE}/Places?pageSize=100`,
			`/v0/${BASE}/Places?pageSize=100&offset=itrA%2Frec1`,
		]);
		expect(json(all)).toEqual([record(0), record(1), record(2)]);
	});

	it('OAuth2: an expired token is refreshed with HTTP Basic client auth and the rotated refresh token is kept', async () => {
		let refreshBody = '';
		let basic = '';
		const api = nock(API)
			.get('/v0/meta/whoami')
			.reply(401, {
				error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' },
			})
			.get('/v0/meta/whoami')
			.matchHeader('authorization', 'Bearer oaa-access-2')
			.reply(200, { id: 'usrL2PNC5o3H4lBEi', scopes: ['data.records:read'] });
		const auth = nock('https://airtable.com')
			.post('/oauth2/v1/token', (body: unknown) => {
				refreshBody =
					typeof body === 'string'
						? body
						: new URLSearchParams(body as Record<string, string>).toString();
				return true;
			})
			.reply(function () {
				basic = String(this.req.headers.authorization ?? '');
				return [
					200,
					{
						access_token: 'oaa-access-2',
						refresh_token: 'oar-refresh-2',
						token_type: 'Bearer',
						expires_in: 3600,
						refresh_expires_in: 5184000,
						scope:
							'data.records:read data.records:write schema.bases:read schema.bases:write webhook:manage',
					},
				];
			});
		const res = await kit.run('airtable', {
			authentication: 'apiConnAirtableOAuth2Api',
			resource: 'account',
			operation: 'getMe',
		});
		expect(res.error).toBeUndefined();
		expect(api.isDone() && auth.isDone()).toBe(true);
		expect(Object.fromEntries(new URLSearchParams(refreshBody))).toMatchObject({
			grant_type: 'refresh_token',
			refresh_token: 'oar-refresh-1',
		});
		expect(basic).toBe(
			`Basic ${Buffer.from('b7c3e1f0-airtable-client:airtable-client-secret-5e2a').toString('base64')}`,
		);
		const saved = res.credentialUpdates.at(-1)?.data.oauthTokenData as Record<string, unknown>;
		expect(saved).toMatchObject({ access_token: 'oaa-access-2', refresh_token: 'oar-refresh-2' });
	});

	describe('Record → Download Attachments', () => {
		const FILES = 'https://v5.airtableusercontent.com';
		const withPhotos = (urls: string[]) => ({
			...record(1),
			fields: {
				Name: 'Place 1',
				Photos: urls.map((url, n) => ({
					id: `att${n}`,
					url,
					filename: `photo-${n}.png`,
					size: 9,
					type: 'image/png',
				})),
			},
		});
		const download = (extra: Record<string, unknown> = {}) =>
			kit.run('airtable', {
				resource: 'record',
				operation: 'downloadAttachments',
				baseId: BASE,
				tableIdOrName: 'Places',
				recordId: record(1).id,
				attachmentField: 'Photos',
				...extra,
			} as never);

		it('each file becomes binary attachment_0, attachment_1 with its name and type, fetched without the token', async () => {
			const urls = [
				`${FILES}/v3/u/35/35/1/sigA/photo-0.png`,
				`${FILES}/v3/u/35/35/1/sigB/photo-1.png`,
			];
			nock(API)
				.get(`/v0/${BASE}/Places/${record(1).id}`)
				.reply(200, withPhotos(urls));
			const auths: unknown[] = [];
			nock(FILES)
				.get(/\/v3\/u\//)
				.times(2)
				.reply(function (uri) {
					auths.push(this.req.headers.authorization);
					return [200, Buffer.from(`bytes of ${uri.split('/').pop()}`)];
				});
			const res = await download();
			expect(res.error).toBeUndefined();
			expect(auths).toEqual([undefined, undefined]);
			const [item] = res.outputs[0];
			expect(item.json).toEqual(withPhotos(urls));
			expect(Object.keys(item.binary ?? {})).toEqual(['attachment_0', 'attachment_1']);
			expect(item.binary!.attachment_1).toMatchObject({
				fileName: 'photo-1.png',
				mimeType: 'image/png',
			});
			expect(Buffer.from(item.binary!.attachment_1.data, 'base64').toString()).toBe(
				'bytes of photo-1.png',
			);
		});

		it('a URL on another host is not fetched: the item fails naming the host', async () => {
			nock(API)
				.get(`/v0/${BASE}/Places/${record(1).id}`)
				.reply(200, withPhotos(['http://169.254.169.254/latest/meta-data/']));
			const res = await download();
			expect(res.error?.message).toContain("not on Airtable's file host (169.254.169.254)");
			expect(nock.pendingMocks()).toEqual([]);
		});

		it('an expired signed URL (403) fails the item without echoing the signature; a field that is not a list says so', async () => {
			const url = `${FILES}/v3/u/35/35/1/secretSignature123/photo-0.png`;
			nock(API)
				.get(`/v0/${BASE}/Places/${record(1).id}`)
				.reply(200, withPhotos([url]));
			nock(FILES)
				.get(/secretSignature123/)
				.reply(403, 'expired');
			const expired = await download();
			expect(expired.error).toBeDefined();
			expect(JSON.stringify(expired.error)).not.toContain('secretSignature123');

			nock(API)
				.get(`/v0/${BASE}/Places/${record(1).id}`)
				.reply(200, record(1));
			const wrong = await download({ attachmentField: 'Name' });
			expect(wrong.error?.message).toBe("The field 'Name' is not an attachment field.");
		});
	});
});
