/**
 * What is special about Mailchimp beyond the per-operation fixtures (test/fixtures/operations/mailchimp): the data
 * center from the API key's suffix (a key without one refused before anything is sent, naming the field), HTTP
 * Basic with the key; OAuth2's data center found through login.mailchimp.com's metadata with `OAuth <token>`
 * (once per connection); the subscriber hash (MD5 of the lower-cased e-mail, services.md's test vector);
 * Mailchimp's problem+json errors; Return All over count/offset; 10 requests in flight at most per connection;
 * 429 (no Retry-After) backed off and retried; Create or Update with Batch Items as one batch operation (polled,
 * its .tar.gz results fetched without the credential and mapped back to each item, a refused one that item's error).
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ApiConnMailchimpApi } from '../../credentials/ApiConnMailchimpApi.credentials';
import { ApiConnMailchimpOAuth2Api } from '../../credentials/ApiConnMailchimpOAuth2Api.credentials';
import { tokenLifetimeMs } from '../../lib/connections/monitor';
import { clearDiscoveredBaseUrls } from '../../lib/execution/discovery';
import { validateService } from '../../lib/spec/schema';
import { subscriberHash } from '../../nodes/Mailchimp/Mailchimp.hooks';
import { Mailchimp } from '../../nodes/Mailchimp/Mailchimp.node';
import { mailchimpDefinition } from '../../nodes/Mailchimp/Mailchimp.service';
import { useRuntime } from '../../lib/runtime';
import { runNode } from '../harness';
import { tarGz } from '../helpers/tar';
import { serviceKit, type Reply } from '../kit';

const API = 'https://us6.api.mailchimp.com';
const KEY = '5f2a8c7e1b3d4f6a9c0e2b4d6f8a1c3e-us6';
const BASIC = `Basic ${Buffer.from(`apikey:${KEY}`).toString('base64')}`;
const TOKEN = '0e5c3a7b9d1f2e4c6a8b0d2f4e6a8c1b';
const LIST = '57afe96172';

const kit = serviceKit({
	origin: API,
	nodeTypes: [new Mailchimp()],
	credentialTypes: [new ApiConnMailchimpApi(), new ApiConnMailchimpOAuth2Api()],
	credentials: {
		apiConnMailchimpApi: { apiKey: KEY },
		apiConnMailchimpOAuth2Api: {
			clientId: '123456789012',
			clientSecret: 'c0ffee5ecret4b8e9d7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c',
			oauthTokenData: { access_token: TOKEN, expires_in: 0, scope: null },
		},
	},
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('mailchimp', parameters as never, extra);
const description = (res: { error?: unknown }) =>
	(res.error as { description?: string }).description;
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const getAudience = { resource: 'audience', operation: 'get', listId: LIST };
const viaOAuth = { ...getAudience, authentication: 'apiConnMailchimpOAuth2Api' };
const AUDIENCE = { id: LIST, name: "Freddie's Jokes", stats: { member_count: 2 } };

beforeEach(() => clearDiscoveredBaseUrls());

describe('Mailchimp', () => {
	it('the spec is valid; the credential test pings the data center of the key', () => {
		expect(validateService(mailchimpDefinition)).toEqual([]);
		expect(new ApiConnMailchimpApi().test.request).toEqual({
			baseURL: '=https://{{String($credentials.apiKey).split("-").pop()}}.api.mailchimp.com/3.0',
			url: '/ping',
		});
		expect(new ApiConnMailchimpOAuth2Api().test.request).toEqual({
			url: 'https://login.mailchimp.com/oauth2/metadata',
			headers: { Authorization: '=OAuth {{$credentials.oauthTokenData.access_token}}' },
		});
	});

	it("the subscriber hash is the MD5 of the lower-cased e-mail (Mailchimp's documented example)", () => {
		expect(subscriberHash('Urist.McVankab@FreddiesJokes.com')).toBe(
			'62eeb292278cc15f5817cb78f7790b08',
		);
	});

	describe('the API key', () => {
		it("goes as HTTP Basic to the key's data center", async () => {
			const seen = kit.fake(['GET', 200, AUDIENCE]);
			const res = await run(getAudience);
			expect(json(res)).toEqual([AUDIENCE]);
			expect(seen.map((s) => [s.method, s.uri, s.headers.authorization])).toEqual([
				['GET', `/3.0/lists/${LIST}`, BASIC],
			]);
		});

		it('without its data center suffix is refused before anything is sent, naming the field', async () => {
			const seen = kit.fake(['GET', 200, AUDIENCE]);
			const res = await run(getAudience, {
				credentials: { apiConnMailchimpApi: { apiKey: '5f2a8c7e1b3d4f6a9c0e2b4d6f8a1c3e' } },
			});
			expect(seen).toEqual([]);
			expect(res.error?.message).toBe("The credential's API Key names no data center.");
			expect(description(res)).toBe(
				'Its value must end in the data center, like 0123456789abcdef0123456789abcdef-us6. Copy the whole API Key into the credential again.',
			);
		});
	});

	describe('OAuth2', () => {
		it("finds the data center through the token's metadata (Authorization: OAuth), once, then sends Bearer", async () => {
			const metadata: Array<string | undefined> = [];
			nock('https://login.mailchimp.com')
				.get('/oauth2/metadata')
				.reply(200, function () {
					metadata.push(this.req.headers.authorization as string | undefined);
					return {
						dc: 'us6',
						role: 'owner',
						accountname: "Freddie's Jokes",
						user_id: 103725625,
						login: { email: 'freddie@freddiesjokes.com', login_id: 103725625 },
						login_url: 'https://login.mailchimp.com',
						api_endpoint: 'https://us6.api.mailchimp.com',
					};
				});
			const seen = kit.fake(['GET', 200, AUDIENCE], ['GET', 200, AUDIENCE]);
			expect(json(await run(viaOAuth))).toEqual([AUDIENCE]);
			expect(json(await run(viaOAuth))).toEqual([AUDIENCE]);
			expect(metadata).toEqual([`OAuth ${TOKEN}`]);
			expect(seen.map((s) => [s.uri, s.headers.authorization])).toEqual([
				[`/3.0/lists/${LIST}`, `Bearer ${TOKEN}`],
				[`/3.0/lists/${LIST}`, `Bearer ${TOKEN}`],
			]);
		});

		it("Mailchimp's token answer (expires_in: 0, no refresh token) is a token that does not expire", () => {
			expect(
				tokenLifetimeMs({ oauthTokenData: { access_token: TOKEN, expires_in: 0, scope: null } }),
			).toBeNull();
		});

		it('a metadata answer without a data center fails before the API is called', async () => {
			nock('https://login.mailchimp.com').get('/oauth2/metadata').reply(200, { role: 'owner' });
			const seen = kit.fake(['GET', 200, AUDIENCE]);
			const res = await run(viaOAuth);
			expect(seen).toEqual([]);
			expect(res.error?.message).toBe('The connection reaches no data center.');
		});
	});

	describe('members', () => {
		it('Add or Update hashes the lower-cased address and keeps the address as typed in email_address', async () => {
			const seen = kit.fake([
				'PUT',
				200,
				{ id: '62eeb292278cc15f5817cb78f7790b08', status: 'pending' },
			]);
			await run({
				resource: 'member',
				operation: 'upsert',
				listId: LIST,
				subscriberHash: ' Urist.McVankab@freddiesjokes.com',
				statusIfNew: 'pending',
			});
			expect(seen.map((s) => [s.method, s.uri, s.body])).toEqual([
				[
					'PUT',
					`/3.0/lists/${LIST}/members/62eeb292278cc15f5817cb78f7790b08`,
					{ email_address: 'Urist.McVankab@freddiesjokes.com', status_if_new: 'pending' },
				],
			]);
		});

		it('Add or Update sends the optional fields under their Mailchimp names (email_type an option list)', async () => {
			const seen = kit.fake(['PUT', 200, { id: '62eeb292278cc15f5817cb78f7790b08' }]);
			await run({
				resource: 'member',
				operation: 'upsert',
				listId: LIST,
				subscriberHash: 'urist.mcvankab@freddiesjokes.com',
				statusIfNew: 'subscribed',
				additionalFields: { emailType: 'text', language: 'fr', vip: true },
			});
			expect(seen.map((s) => s.body)).toEqual([
				{
					email_address: 'urist.mcvankab@freddiesjokes.com',
					status_if_new: 'subscribed',
					email_type: 'text',
					language: 'fr',
					vip: true,
				},
			]);
		});

		it('Get takes the hash itself; neither an address nor a hash is refused naming the field', async () => {
			const seen = kit.fake(['GET', 200, { id: '62eeb292278cc15f5817cb78f7790b08' }]);
			await run({
				resource: 'member',
				operation: 'get',
				listId: LIST,
				subscriberHash: '62EEB292278CC15F5817CB78F7790B08',
			});
			expect(seen[0].uri).toBe(`/3.0/lists/${LIST}/members/62EEB292278CC15F5817CB78F7790B08`);
			const res = await run({
				resource: 'member',
				operation: 'get',
				listId: LIST,
				subscriberHash: 'urist',
			});
			expect(res.error?.message).toBe(
				"'urist' is neither an e-mail address nor a subscriber hash.",
			);
		});

		// A short last page ends the list; so does reaching total_items, without asking for an empty page after it.
		it.each([
			['a short last page (1500 members)', 1500, [1000, 500]],
			[
				'total_items after two full pages (2000 members, no empty third page)',
				2000,
				[1000, 1000, 0],
			],
		])('Return All pages by count and offset until %s', async (_name, total, sizes) => {
			let from = 0;
			const pages = sizes.map((n): Reply => {
				const members = Array.from({ length: n }, (_, i) => ({ id: `m${from + i}` }));
				from += n;
				return ['GET', 200, { members, list_id: LIST, total_items: total }];
			});
			const seen = kit.fake(...pages);
			const res = await run({
				resource: 'member',
				operation: 'getMany',
				listId: LIST,
				returnAll: true,
			});
			expect(seen.map((s) => s.uri)).toEqual([
				`/3.0/lists/${LIST}/members?offset=0&count=1000`,
				`/3.0/lists/${LIST}/members?offset=1000&count=1000`,
			]);
			expect(json(res)).toHaveLength(total);
			expect(json(res)[total - 1]).toEqual({ id: `m${total - 1}` });
		});
	});

	describe('Create or Update with Batch Items: one batch operation for many items', () => {
		const S3 = 'https://mailchimp-api-batch.s3.amazonaws.com';
		const ARCHIVE = '/b7c1e9a2f4-response.tar.gz';
		const SIGNED = `${S3}${ARCHIVE}?AWSAccessKeyId=AKIAEXAMPLE&Expires=1764849600&Signature=c2lnbmF0dXJl`;
		const emails = ['ann@example.com', 'Bo@Example.com', 'cy@example.com'];
		const input = emails.map((email) => ({ json: { email } }));
		const upsert = {
			resource: 'member',
			operation: 'upsert',
			listId: LIST,
			subscriberHash: '={{ $json.email }}',
			statusIfNew: 'subscribed',
			options: { batchItems: true },
		};
		const member = (email: string) => ({
			id: subscriberHash(email),
			email_address: email.toLowerCase(),
			status: 'subscribed',
			list_id: LIST,
		});
		const refused = {
			type: 'https://mailchimp.com/developer/marketing/docs/errors/',
			title: 'Member In Compliance State',
			status: 400,
			detail:
				'bo@example.com is already a list member in compliance state due to unsubscribe, bounce, or compliance review.',
			instance: 'b1f6e2c4-0000-4000-8000-000000000002',
		};
		/** A results file: a JSON list of {status_code, operation_id, response (JSON text)}, in any order. */
		const results = (name: string, ...entries: Array<[number, string, unknown]>) => ({
			name,
			text: JSON.stringify(
				entries.map(([code, id, body]) => ({
					status_code: code,
					operation_id: id,
					response: JSON.stringify(body),
				})),
			),
		});
		const archive = tarGz([
			results('b7c1e9a2f4/0.json', [200, '2', member(emails[2])], [400, '1', refused]),
			results('b7c1e9a2f4/1.json', [200, '0', member(emails[0])]),
		]);
		const batch = (status: string, extra: IDataObject = {}) => ({
			id: 'b7c1e9a2f4',
			status,
			total_operations: 3,
			finished_operations: status === 'finished' ? 3 : 0,
			errored_operations: status === 'finished' ? 1 : 0,
			submitted_at: '2026-12-03T12:00:00+00:00',
			completed_at: '',
			response_body_url: '',
			...extra,
		});
		const fetched: Array<{ uri: string; authorization: unknown }> = [];
		const fakeArchive = () =>
			nock(S3)
				.get(ARCHIVE)
				.query(true)
				.reply(function (uri) {
					fetched.push({ uri, authorization: this.req.headers.authorization });
					return [200, archive, { 'content-type': 'application/x-tar' }];
				});

		it('one POST /batches with an operation per item, polled every 5 s until finished, the archive read; each item its own answer or error', async () => {
			fetched.length = 0;
			const seen = kit.fake(
				['POST', 200, batch('pending')],
				['GET', 200, batch('started')],
				['GET', 200, batch('finished', { response_body_url: SIGNED })],
			);
			fakeArchive();
			const started = kit.clock.now();
			const res = await kit.run('mailchimp', upsert as never, {
				input,
				node: { continueOnFail: true } as never,
			});
			const took = kit.clock.now() - started;
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				'POST /3.0/batches',
				'GET /3.0/batches/b7c1e9a2f4',
				'GET /3.0/batches/b7c1e9a2f4',
			]);
			expect(seen[0].headers.authorization).toBe(BASIC);
			expect(seen[0].body).toEqual({
				operations: emails.map((email, i) => ({
					operation_id: String(i),
					method: 'PUT',
					path: `/lists/${LIST}/members/${subscriberHash(email)}`,
					body: JSON.stringify({ email_address: email, status_if_new: 'subscribed' }),
				})),
			});
			// The archive is on Mailchimp's storage: fetched once, with its signed query and without the credential.
			expect(fetched).toEqual([
				{
					uri: `${ARCHIVE}?AWSAccessKeyId=AKIAEXAMPLE&Expires=1764849600&Signature=c2lnbmF0dXJl`,
					authorization: undefined,
				},
			]);
			// Two reads, 5 s apart, the first 5 s after the start.
			expect(took).toBeGreaterThanOrEqual(10_000);
			expect(took).toBeLessThan(15_000);
			const out = json(res);
			expect(out[0]).toEqual(member(emails[0]));
			expect(out[2]).toEqual(member(emails[2]));
			// The refused member is its item's error, in the words a single Add or Update gets.
			expect(out[1]).toEqual({
				error:
					'Mailchimp: 400 Bad Request – bo@example.com is already a list member in compliance state due to unsubscribe, bounce, or compliance review.',
				description:
					'Mailchimp refused the request (code Member In Compliance State): the address unsubscribed, bounced or is under compliance review. Set Status If New to pending so the member confirms by e-mail, or ask the person to sign up again through a Mailchimp form.',
			});
			expect(res.outputs[0].map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
		});

		it("without Continue On Fail the refused member fails the node in Mailchimp's words", async () => {
			kit.fake(
				['POST', 200, batch('pending')],
				['GET', 200, batch('finished', { response_body_url: SIGNED })],
			);
			fakeArchive();
			const res = await kit.run('mailchimp', upsert as never, { input });
			expect(res.error?.message).toBe(
				'Mailchimp: 400 Bad Request – bo@example.com is already a list member in compliance state due to unsubscribe, bounce, or compliance review.',
			);
			expect(description(res)).toContain('Member In Compliance State');
		});

		it('an operation Mailchimp answered 429 (too many connections) goes again in a later batch of its own', async () => {
			fetched.length = 0;
			const tooMany = {
				type: 'https://mailchimp.com/developer/marketing/docs/errors/',
				title: 'Too Many Requests',
				status: 429,
				detail: 'You have exceeded the limit of 10 simultaneous connections.',
				instance: 'b1f6e2c4-0000-4000-8000-000000000003',
			};
			const first = tarGz([
				results(
					'b7c1e9a2f4/0.json',
					[200, '0', member(emails[0])],
					[429, '1', tooMany],
					[200, '2', member(emails[2])],
				),
			]);
			const second = tarGz([results('c2d8f0a1b3/0.json', [200, '1', member(emails[1])])]);
			const seen = kit.fake(
				['POST', 200, batch('pending')],
				['GET', 200, batch('finished', { response_body_url: SIGNED })],
				['POST', 200, { ...batch('pending'), id: 'c2d8f0a1b3' }],
				[
					'GET',
					200,
					{ ...batch('finished'), id: 'c2d8f0a1b3', response_body_url: `${S3}/c2d8f0a1b3.tar.gz` },
				],
			);
			nock(S3).get(ARCHIVE).query(true).reply(200, first);
			nock(S3).get('/c2d8f0a1b3.tar.gz').reply(200, second);
			const res = await kit.run('mailchimp', upsert as never, { input });
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				'POST /3.0/batches',
				'GET /3.0/batches/b7c1e9a2f4',
				'POST /3.0/batches',
				'GET /3.0/batches/c2d8f0a1b3',
			]);
			expect(seen[2].body).toEqual({
				operations: [
					{
						operation_id: '1',
						method: 'PUT',
						path: `/lists/${LIST}/members/${subscriberHash(emails[1])}`,
						body: JSON.stringify({ email_address: emails[1], status_if_new: 'subscribed' }),
					},
				],
			});
			expect(json(res)).toEqual(emails.map(member));
		});

		it('a batch still running after 10 minutes is the error of each of its items, naming the batch', async () => {
			const seen = kit.fake(
				['POST', 200, batch('pending')],
				...Array.from(
					{ length: 121 },
					() => ['GET', 200, batch('started')] as ['GET', number, IDataObject],
				),
			);
			const res = await kit.run('mailchimp', upsert as never, {
				input,
				node: { continueOnFail: true } as never,
			});
			// Read every 5 s, the last time at 600 s.
			expect(seen.filter((s) => s.method === 'GET')).toHaveLength(120);
			expect(json(res)).toEqual(
				emails.map(() => ({
					error: 'Mailchimp had not finished batch b7c1e9a2f4 after 600 s (status started).',
					description:
						"Mailchimp goes on with it: read its result later with Custom Request GET /batches/b7c1e9a2f4, or raise 'Max Wait (Seconds)' where the operation has it.",
				})),
			);
			nock.cleanAll();
		});

		it('without Batch Items each item is its own PUT', async () => {
			const seen = kit.fake(
				...emails.map((e) => ['PUT', 200, member(e)] as ['PUT', number, IDataObject]),
			);
			const res = await kit.run('mailchimp', { ...upsert, options: {} } as never, { input });
			expect(seen.map((s) => `${s.method} ${s.uri}`).sort()).toEqual(
				emails.map((e) => `PUT /3.0/lists/${LIST}/members/${subscriberHash(e)}`).sort(),
			);
			expect(json(res)).toEqual(emails.map(member));
		});
	});

	describe('Create or Update Many (batch operations)', () => {
		const many = (members: unknown, extra: Record<string, unknown> = {}) => ({
			resource: 'member',
			operation: 'upsertMany',
			listId: LIST,
			members: JSON.stringify(members),
			statusIfNew: 'pending',
			...extra,
		});

		it('more than 1000 members, or a member without email_address, are refused before anything is sent', async () => {
			const seen = kit.fake(['POST', 200, { id: 'b1', status: 'pending' }]);
			const tooMany = await run(many(Array.from({ length: 1001 }, (_, i) => `m${i}@example.com`)));
			expect(tooMany.error?.message).toBe(
				"'Members' holds 1001 members; one Mailchimp batch takes at most 1000.",
			);
			const noEmail = await run(many(['ann@example.com', { merge_fields: { FNAME: 'Bo' } }]));
			expect(noEmail.error?.message).toBe("Member 2 of 'Members' has no email_address.");
			expect(seen).toEqual([]);
			nock.cleanAll();
		});

		it('a batch not finished within Max Wait fails naming the batch, polled every 5 s', async () => {
			const seen = kit.fake(
				['POST', 200, { id: '8a3e2f1c9d', status: 'pending' }],
				['GET', 200, { id: '8a3e2f1c9d', status: 'started' }],
				['GET', 200, { id: '8a3e2f1c9d', status: 'started' }],
			);
			const res = await run(
				many(['ann@example.com'], { additionalFields: { maxWaitSeconds: 10 } }),
			);
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				'POST /3.0/batches',
				'GET /3.0/batches/8a3e2f1c9d',
				'GET /3.0/batches/8a3e2f1c9d',
			]);
			expect(seen[0].body).toEqual({
				operations: [
					{
						method: 'PUT',
						path: `/lists/${LIST}/members/${subscriberHash('ann@example.com')}`,
						operation_id: '0',
						body: '{"status_if_new":"pending","email_address":"ann@example.com"}',
					},
				],
			});
			expect(res.error?.message).toBe(
				'Mailchimp had not finished batch 8a3e2f1c9d after 10 s (status started).',
			);
			expect(description(res)).toBe(
				"Mailchimp goes on with it: read its result later with Custom Request GET /batches/8a3e2f1c9d, or raise 'Max Wait (Seconds)' where the operation has it.",
			);
		});
	});

	describe("errors in Mailchimp's words", () => {
		const problem = (status: number, title: string, detail: string, extra: IDataObject = {}) => ({
			type: 'https://mailchimp.com/developer/marketing/docs/errors/',
			title,
			status,
			detail,
			instance: '995c5cb0-3280-4a6e-808b-3b096d0bb219',
			...extra,
		});

		it('401 API Key Invalid: reconnect', async () => {
			const seen = kit.fake(
				[
					'GET',
					401,
					problem(
						401,
						'API Key Invalid',
						'Your API key may be invalid, or you’ve attempted to access the wrong datacenter.',
					),
				],
				[
					'GET',
					401,
					problem(
						401,
						'API Key Invalid',
						'Your API key may be invalid, or you’ve attempted to access the wrong datacenter.',
					),
				],
			);
			const res = await run(getAudience);
			// n8n re-sends once after a 401 (its token refresh path), then the engine reports it.
			expect(seen).toHaveLength(2);
			expect(res.error?.message).toBe(
				'Mailchimp: 401 Unauthorized – Your API key may be invalid, or you’ve attempted to access the wrong datacenter.',
			);
			expect(description(res)).toBe(
				"Mailchimp rejected the credentials (code API Key Invalid): the API key or token was refused, or belongs to another data center. Reconnect the credential 'apiConnMailchimpApi account' (open it in n8n and sign in again, or paste a new key), then run the workflow again.",
			);
			expect(JSON.stringify(res.error)).not.toContain(KEY);
		});

		it('400 Invalid Resource names the field Mailchimp names', async () => {
			kit.fake([
				'PUT',
				400,
				problem(
					400,
					'Invalid Resource',
					"The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
					{
						errors: [{ field: 'email_address', message: 'This value should be a valid email.' }],
					},
				),
			]);
			const res = await run({
				resource: 'member',
				operation: 'upsert',
				listId: LIST,
				subscriberHash: 'not-an-address@',
				statusIfNew: 'subscribed',
			});
			expect(res.error?.message).toBe(
				'Mailchimp: 400 Bad Request – This value should be a valid email.',
			);
			expect(description(res)).toBe(
				"The request data is invalid: the field 'email_address' was rejected. Check the value of 'email_address' (type and format) against the Mailchimp documentation for PUT /lists/{listId}/members/{subscriberHash}.",
			);
			expect(JSON.stringify(res.error)).toContain('email_address');
		});

		it('Member In Compliance State: the cause and fix of the seed', async () => {
			kit.fake([
				'PUT',
				400,
				problem(
					400,
					'Member In Compliance State',
					'urist.mcvankab@freddiesjokes.com is already a list member in compliance state due to unsubscribe, bounce, or compliance review.',
				),
			]);
			const res = await run({
				resource: 'member',
				operation: 'upsert',
				listId: LIST,
				subscriberHash: 'urist.mcvankab@freddiesjokes.com',
				statusIfNew: 'subscribed',
			});
			expect(res.error?.message).toBe(
				'Mailchimp: 400 Bad Request – urist.mcvankab@freddiesjokes.com is already a list member in compliance state due to unsubscribe, bounce, or compliance review.',
			);
			expect(description(res)).toBe(
				'Mailchimp refused the request (code Member In Compliance State): the address unsubscribed, bounced or is under compliance review. Set Status If New to pending so the member confirms by e-mail, or ask the person to sign up again through a Mailchimp form.',
			);
		});

		it('404 Resource Not Found names the ids of the path', async () => {
			kit.fake([
				'GET',
				404,
				problem(404, 'Resource Not Found', 'The requested resource could not be found.'),
			]);
			const res = await run(getAudience);
			expect(res.error?.message).toBe(
				'Mailchimp: 404 Not Found – The requested resource could not be found.',
			);
			expect(description(res)).toBe(
				"Mailchimp found nothing at GET /lists/{listId} for listId '57afe96172'. Check that listId '57afe96172' is right and was not deleted, and that the connection can see it.",
			);
		});
	});

	describe('limits: 10 simultaneous connections', () => {
		it('is a concurrency budget, no per-window count, no headers', () => {
			expect(mailchimpDefinition.spec.rateLimit).toEqual({
				requests: 100,
				windowMs: 1000,
				maxConcurrency: 10,
				headers: [],
			});
		});

		it('a 429 without Retry-After is backed off and sent again', async () => {
			const seen = kit.fake(
				[
					'GET',
					429,
					{
						title: 'Too Many Requests',
						status: 429,
						detail: 'You have exceeded the limit of 10 simultaneous connections.',
					},
				],
				['GET', 200, AUDIENCE],
			);
			const res = await run(getAudience);
			expect(json(res)).toEqual([AUDIENCE]);
			expect(seen.map((s) => s.uri)).toEqual([`/3.0/lists/${LIST}`, `/3.0/lists/${LIST}`]);
		});

		it('at most 10 requests in flight for one connection: the 11th and 12th wait for a free slot', async () => {
			const held: Array<() => void> = [];
			nock(API)
				.get(`/3.0/lists/${LIST}`)
				.times(12)
				.reply((_uri, _body, callback) => {
					held.push(() => callback(null, [200, AUDIENCE]));
				});
			// Real time here: the kit's virtual clock would run the queue's waits out while the requests are held.
			useRuntime({ observers: [], random: () => 0.5 });
			const runs = Array.from({ length: 12 }, () =>
				runNode({
					nodeTypes: [new Mailchimp()],
					credentialTypes: [new ApiConnMailchimpApi()],
					credentials: { apiConnMailchimpApi: { apiKey: KEY } },
					node: { type: 'mailchimp', parameters: getAudience as never },
				}),
			);
			const pause = async (ms: number) => await new Promise((r) => setTimeout(r, ms));
			/** Waits (real time: the queue runs on timers) until `n` requests are held, then a while longer. */
			const heldReaches = async (n: number) => {
				for (let i = 0; i < 100 && held.length < n; i++) await pause(50);
				await pause(300);
				return held.length;
			};
			expect(await heldReaches(10)).toBe(10);
			held.splice(0, 2).forEach((release) => release());
			expect(await heldReaches(10)).toBe(10);
			held.splice(0).forEach((release) => release());
			const results = await Promise.all(runs);
			expect(results.map((r) => json(r))).toEqual(Array.from({ length: 12 }, () => [AUDIENCE]));
		});
	});
});

describe('Custom Request: any path of the data center through the same key', () => {
	it("POST a member note: the key as HTTP Basic on the key's data center, query and body as given", async () => {
		const hash = subscriberHash('urist.mcvankab@freddiesjokes.com');
		const NOTE = { id: 42, note: 'Called back', list_id: LIST, email_id: hash };
		const seen = kit.fake(['POST', 200, NOTE]);
		const res = await run({
			resource: 'customRequest',
			operation: 'send',
			requestMethod: 'POST',
			requestPath: `/lists/${LIST}/members/${hash}/notes`,
			requestQuery: { parameter: [{ name: 'fields', value: 'id,note' }] },
			requestBody: '{"note": "Called back"}',
		});
		expect(seen.map((s) => [s.method, s.uri, s.headers.authorization, s.body])).toEqual([
			[
				'POST',
				`/3.0/lists/${LIST}/members/${hash}/notes?fields=id%2Cnote`,
				BASIC,
				{ note: 'Called back' },
			],
		]);
		expect(json(res)).toEqual([NOTE]);
	});
});
