/**
 * What is special about SendGrid beyond the per-operation fixtures (test/fixtures/operations/sendGrid): the API key
 * as `Authorization: Bearer SG.…` and never in an output or error; the EU data-residency host and the subuser
 * (`on-behalf-of`, sent only when set); SendGrid's `{"errors":[{field, message}]}` bodies mapped to cause and fix
 * (401 reconnect, 403 permission, 400 the field); `X-RateLimit-*` (Reset in epoch seconds) and 429 waited out; the
 * mail send body built from the fields (personalizations given as JSON, reply-to, sandbox, unsubscribe group,
 * custom args; a message without content refused before anything is sent); the contacts import waited for, and
 * given up with the way out; with Batch Items, many items' contacts in one PUT sharing its job, each item its own
 * contact and the job's end; e-mail addresses as one encoded path segment.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ApiConnSendGridApi } from '../../credentials/ApiConnSendGridApi.credentials';
import { validateService } from '../../lib/spec/schema';
import { SendGrid } from '../../nodes/SendGrid/SendGrid.node';
import { sendGridDefinition } from '../../nodes/SendGrid/SendGrid.service';
import { serviceKit } from '../kit';

const API = 'https://api.sendgrid.com';
const EU = 'https://api.eu.sendgrid.com';
const KEY = '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';
const creds = { accessToken: KEY, apiUrl: API, onBehalfOf: '' };

const kit = serviceKit({
	origin: API,
	nodeTypes: [new SendGrid()],
	credentialTypes: [new ApiConnSendGridApi()],
	credentials: { apiConnSendGridApi: creds },
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('sendGrid', parameters as never, extra);
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const getTemplate = {
	resource: 'template',
	operation: 'get',
	templateId: 'd-13b8f94fbcae4ec6b75270d6cb59f932',
};
const TEMPLATE = {
	id: 'd-13b8f94fbcae4ec6b75270d6cb59f932',
	name: 'Order receipt',
	generation: 'dynamic',
};
const send = (extra: IDataObject = {}) => ({
	resource: 'mail',
	operation: 'send',
	fromEmail: 'orders@example.com',
	toEmail: 'ada@example.com',
	additionalFields: { subject: 'Hello', text: 'Hi Ada', ...extra },
});

describe('SendGrid', () => {
	it('the spec is valid; the credential test reads GET /v3/scopes on the chosen host; the account is GET /v3/user/email', () => {
		expect(validateService(sendGridDefinition)).toEqual([]);
		expect(sendGridDefinition.spec.account).toEqual({ path: '/v3/user/email', labelPath: 'email' });
		expect(new ApiConnSendGridApi().test.request).toEqual({
			baseURL: '={{$credentials.apiUrl}}',
			url: '/v3/scopes',
		});
	});

	describe('the connection', () => {
		it('the key goes in Authorization: Bearer; no on-behalf-of header without a subuser', async () => {
			const seen = kit.fake(['GET', 200, TEMPLATE]);
			expect(json(await run(getTemplate))).toEqual([TEMPLATE]);
			expect(seen[0].uri).toBe('/v3/templates/d-13b8f94fbcae4ec6b75270d6cb59f932');
			expect(seen[0].headers.authorization).toBe(`Bearer ${KEY}`);
			expect(seen[0].headers['on-behalf-of']).toBeUndefined();
		});

		it('EU data residency: the same request to api.eu.sendgrid.com, on behalf of the subuser', async () => {
			const seen: Array<{ path: string; headers: IDataObject }> = [];
			nock(EU)
				.get('/v3/templates/d-13b8f94fbcae4ec6b75270d6cb59f932')
				.reply(200, function () {
					seen.push({ path: this.req.path, headers: this.req.headers });
					return TEMPLATE;
				});
			const res = await run(getTemplate, {
				credentials: {
					apiConnSendGridApi: { accessToken: KEY, apiUrl: EU, onBehalfOf: 'acme-eu' },
				},
			});
			expect(json(res)).toEqual([TEMPLATE]);
			expect(seen).toEqual([
				{
					path: '/v3/templates/d-13b8f94fbcae4ec6b75270d6cb59f932',
					headers: expect.objectContaining({
						authorization: `Bearer ${KEY}`,
						'on-behalf-of': 'acme-eu',
					}) as IDataObject,
				},
			]);
		});

		it('an e-mail address is one encoded path segment', async () => {
			const seen = kit.fake(['DELETE', 204, '']);
			const res = await run({
				resource: 'suppression',
				operation: 'deleteBounce',
				email: 'a/../b@example.com',
			});
			expect(seen[0].uri).toBe('/v3/suppression/bounces/a%2F..%2Fb%40example.com');
			expect(json(res)).toEqual([{ deleted: true }]);
		});
	});

	describe("errors in SendGrid's words", () => {
		it('400 names the field SendGrid refused, with its message', async () => {
			kit.fake([
				'POST',
				400,
				{
					errors: [
						{
							field: 'from.email',
							message: 'The from email does not contain a valid address.',
							help: 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from',
						},
					],
				},
			]);
			const res = await run(send());
			expect(res.error?.message).toBe(
				'SendGrid: 400 Bad Request – The from email does not contain a valid address.',
			);
			expect(res.error?.description).toContain('from.email');
		});

		it('401: the key is wrong or revoked — make a new one; the key never shows', async () => {
			const denied = {
				errors: [
					{
						field: null,
						message: 'The provided authorization grant is invalid, expired, or revoked',
					},
				],
			};
			kit.fake(['GET', 401, denied], ['GET', 401, denied]);
			const res = await run(getTemplate);
			expect(res.error?.message).toBe(
				'SendGrid: 401 Unauthorized – The provided authorization grant is invalid, expired, or revoked',
			);
			expect(res.error?.description).toContain('Settings → API Keys');
			expect(JSON.stringify({ error: res.error, run: res.run.data.resultData })).not.toContain(KEY);
		});

		it('403: the key lacks the permission — which is not a reconnect', async () => {
			kit.fake(['GET', 403, { errors: [{ field: null, message: 'access forbidden' }] }]);
			const res = await run(getTemplate);
			expect(res.error?.message).toBe('SendGrid: 403 Forbidden – access forbidden');
			expect(res.error?.description).toContain('permission');
		});
	});

	describe('rate limits', () => {
		it('429 waits until X-RateLimit-Reset (epoch seconds), then sends again', async () => {
			const start = kit.clock.now();
			const reset = String(Math.ceil(start / 1000) + 8);
			const seen = kit.fake(
				[
					'GET',
					429,
					{ errors: [{ field: null, message: 'too many requests' }] },
					{ 'x-ratelimit-limit': '150', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
				],
				[
					'GET',
					200,
					TEMPLATE,
					{
						'x-ratelimit-limit': '150',
						'x-ratelimit-remaining': '149',
						'x-ratelimit-reset': String(Number(reset) + 60),
					},
				],
			);
			const res = await run(getTemplate);
			expect(json(res)).toEqual([TEMPLATE]);
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(7_000);
			expect(kit.clock.now() - start).toBeLessThan(12_000);
		});

		it('Remaining 0 in an answer: the next request waits for the reset instead of failing', async () => {
			const start = kit.clock.now();
			const reset = String(Math.ceil(start / 1000) + 5);
			const seen = kit.fake(
				[
					'GET',
					200,
					TEMPLATE,
					{ 'x-ratelimit-limit': '150', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
				],
				[
					'GET',
					200,
					TEMPLATE,
					{
						'x-ratelimit-limit': '150',
						'x-ratelimit-remaining': '149',
						'x-ratelimit-reset': String(Number(reset) + 60),
					},
				],
			);
			expect(json(await run(getTemplate))).toEqual([TEMPLATE]);
			expect(kit.clock.now() - start).toBeLessThan(1_000);
			expect(json(await run(getTemplate))).toEqual([TEMPLATE]);
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(4_000);
			expect(kit.clock.now() - start).toBeLessThan(8_000);
		});
	});

	describe('mail send', () => {
		it('personalizations given as JSON replace To/CC/BCC; reply-to, sandbox mode, unsubscribe group, custom args; HTML after text', async () => {
			const seen = kit.fake(['POST', 202, '', { 'x-message-id': 'W86EgYT6SQKk0lRflfLRsA' }]);
			const personalizations = [
				{ to: [{ email: 'ada@example.com' }], dynamic_template_data: { first_name: 'Ada' } },
				{ to: [{ email: 'grace@example.com' }], subject: 'For Grace' },
			];
			const res = await run(
				send({
					toEmail: 'ignored@example.com',
					personalizations: JSON.stringify(personalizations),
					replyTo: 'Support <support@example.com>',
					html: '<p>Hi</p>',
					sandboxMode: true,
					asmGroupId: 42,
					customArgs: '{"order_id":"1234"}',
				}),
			);
			expect(json(res)).toEqual([
				{ accepted: true, status: 202, messageId: 'W86EgYT6SQKk0lRflfLRsA' },
			]);
			expect(seen[0].body).toEqual({
				personalizations,
				from: { email: 'orders@example.com' },
				reply_to: { email: 'support@example.com', name: 'Support' },
				subject: 'Hello',
				content: [
					{ type: 'text/plain', value: 'Hi Ada' },
					{ type: 'text/html', value: '<p>Hi</p>' },
				],
				custom_args: { order_id: '1234' },
				asm: { group_id: 42 },
				mail_settings: { sandbox_mode: { enable: true } },
			});
		});

		it('a message with neither content nor a template is refused before anything is sent', async () => {
			const seen = kit.fake();
			const res = await run({
				resource: 'mail',
				operation: 'send',
				fromEmail: 'orders@example.com',
				toEmail: 'ada@example.com',
			});
			expect(res.error?.message).toBe(
				'The message has no content: set Text Content, HTML Content or a Template ID.',
			);
			expect(seen).toHaveLength(0);
		});
	});

	describe('contacts import', () => {
		const JOB = '2387e363-4104-4225-8960-4a5758492351';
		it('without waiting: one PUT, the job ID', async () => {
			const seen = kit.fake(['PUT', 202, { job_id: JOB }]);
			const res = await run({ resource: 'contact', operation: 'upsert', email: 'ada@example.com' });
			expect(json(res)).toEqual([{ job_id: JOB }]);
			expect(seen.map((s) => [s.method, s.uri, s.body])).toEqual([
				['PUT', '/v3/marketing/contacts', { contacts: [{ email: 'ada@example.com' }] }],
			]);
		});

		it('waiting: still pending after Max Wait fails with the job ID and the way out', async () => {
			const pending = { id: JOB, status: 'pending', job_type: 'upsert' };
			const seen = kit.fake(
				['PUT', 202, { job_id: JOB }],
				...Array.from({ length: 6 }, () => ['GET', 200, pending] as ['GET', number, IDataObject]),
			);
			const res = await run({
				resource: 'contact',
				operation: 'upsert',
				email: 'ada@example.com',
				additionalFields: { waitForImport: true, maxWaitSeconds: 5 },
			});
			expect(res.error?.message).toBe(
				`SendGrid had not finished import job ${JOB} after 5 s (status pending).`,
			);
			expect(res.error?.description).toContain('Get Import Status');
			// Read every 2 s: at 2 s and 4 s; a third read (6 s) would be past Max Wait.
			expect(seen.filter((s) => s.method === 'GET').map((s) => s.uri)).toEqual([
				`/v3/marketing/contacts/imports/${JOB}`,
				`/v3/marketing/contacts/imports/${JOB}`,
			]);
			nock.cleanAll();
		});
	});

	describe('contacts import with Batch Items: one PUT for many items, one job', () => {
		const JOB = 'a1f0c2d4-7b3e-4c59-9e21-6d8f0b4a7c35';
		const LIST_A = 'ca7a3796-e8a8-4029-9ccb-df8937940562';
		const LIST_B = '0b41d2f6-1c3a-4e8f-a9d7-52e6f13c8b90';
		const people = [
			{ email: 'ada@example.com', first: 'Ada', list: LIST_A },
			{ email: 'alan@example.com', first: 'Alan', list: LIST_A },
			{ email: 'grace@example.com', first: 'Grace', list: LIST_A },
		];
		const input = (list = people) => list.map((p) => ({ json: p }));
		const upsert = (additional: IDataObject = {}) => ({
			resource: 'contact',
			operation: 'upsert',
			email: '={{ $json.email }}',
			additionalFields: {
				firstName: '={{ $json.first }}',
				listIds: '={{ $json.list }}',
				...additional,
			},
			options: { batchItems: true },
		});
		const contact = (p: (typeof people)[number]) => ({ email: p.email, first_name: p.first });
		const status = (state: string, extra: IDataObject = {}) => ({
			id: JOB,
			status: state,
			job_type: 'upsert',
			results: {
				requested_count: 3,
				created_count: state === 'completed' ? 2 : 0,
				updated_count: state === 'completed' ? 1 : 0,
				deleted_count: 0,
				errored_count: 0,
			},
			started_at: '2026-12-03T16:00:00Z',
			...extra,
		});

		it('waiting: one PUT with every contact, the job read every 2 s until done; each item its contact and the job', async () => {
			const done = status('completed', { finished_at: '2026-12-03T16:00:04Z' });
			const seen = kit.fake(
				['PUT', 202, { job_id: JOB }],
				['GET', 200, status('pending')],
				['GET', 200, done],
			);
			const res = await kit.run('sendGrid', upsert({ waitForImport: true }) as never, {
				input: input(),
			});
			expect(seen.map((s) => [s.method, s.uri, s.body])).toEqual([
				['PUT', '/v3/marketing/contacts', { list_ids: [LIST_A], contacts: people.map(contact) }],
				['GET', `/v3/marketing/contacts/imports/${JOB}`, undefined],
				['GET', `/v3/marketing/contacts/imports/${JOB}`, undefined],
			]);
			expect(seen[0].headers.authorization).toBe(`Bearer ${KEY}`);
			expect(json(res)).toEqual(people.map((p) => ({ job_id: JOB, ...done, contact: contact(p) })));
			expect(res.outputs[0].map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
		});

		it('without waiting: one PUT; each item the job ID and its contact', async () => {
			const seen = kit.fake(['PUT', 202, { job_id: JOB }]);
			const res = await kit.run('sendGrid', upsert() as never, { input: input() });
			expect(seen).toHaveLength(1);
			expect(seen[0].body).toEqual({ list_ids: [LIST_A], contacts: people.map(contact) });
			expect(json(res)).toEqual(people.map((p) => ({ job_id: JOB, contact: contact(p) })));
		});

		it('items for other lists go in their own request (list_ids is per request)', async () => {
			const mixed = [people[0], { ...people[1], list: LIST_B }, people[2]];
			const seen = kit.fake(['PUT', 202, { job_id: JOB }], ['PUT', 202, { job_id: 'job-b' }]);
			const res = await kit.run('sendGrid', upsert() as never, { input: input(mixed) });
			expect(seen.map((s) => s.body)).toEqual([
				{ list_ids: [LIST_A], contacts: [contact(mixed[0]), contact(mixed[2])] },
				{ list_ids: [LIST_B], contacts: [contact(mixed[1])] },
			]);
			expect(json(res).map((o) => o.job_id)).toEqual([JOB, 'job-b', JOB]);
		});

		it('an errored job (some contacts failed, named only in errors_url) is every item’s output, not an error', async () => {
			const errored = status('errored', {
				results: {
					requested_count: 3,
					created_count: 2,
					updated_count: 0,
					deleted_count: 0,
					errored_count: 1,
					errors_url: `https://api.sendgrid.com/v3/marketing/contacts/imports/errors/${JOB}`,
				},
				finished_at: '2026-12-03T16:00:02Z',
			});
			const seen = kit.fake(['PUT', 202, { job_id: JOB }], ['GET', 200, errored]);
			const res = await kit.run('sendGrid', upsert({ waitForImport: true }) as never, {
				input: input(),
			});
			expect(seen).toHaveLength(2);
			expect(json(res)).toEqual(
				people.map((p) => ({ job_id: JOB, ...errored, contact: contact(p) })),
			);
		});

		it('a failed job is the error of each item it carried; a refused PUT of each item in it', async () => {
			const failed = status('failed', { finished_at: '2026-12-03T16:00:02Z' });
			kit.fake(['PUT', 202, { job_id: JOB }], ['GET', 200, failed]);
			const res = await kit.run('sendGrid', upsert({ waitForImport: true }) as never, {
				input: input(),
				node: { continueOnFail: true } as never,
			});
			expect(json(res).map((o) => o.error)).toEqual(
				people.map(() => `SendGrid's import job ${JOB} ended failed.`),
			);
			kit.fake([
				'PUT',
				400,
				{ errors: [{ field: 'contacts[1].email', message: 'must be a valid email' }] },
			]);
			const refused = await kit.run('sendGrid', upsert() as never, {
				input: input(),
				node: { continueOnFail: true } as never,
			});
			expect(json(refused).map((o) => String(o.error))).toEqual(
				people.map(() => expect.stringContaining('must be a valid email') as unknown as string),
			);
		});
	});
});

describe('Custom Request: any path of the API through the same key and host', () => {
	it('PATCH a sender on the EU host: Bearer key, JSON body, the answer as output', async () => {
		const SENDER = { id: 7, nickname: 'Orders', from: { email: 'orders@example.com' } };
		const seen: Array<{ method: string; path: string; auth: unknown; body: unknown }> = [];
		nock(EU)
			.patch('/v3/senders/7')
			.reply(function (path, body) {
				seen.push({ method: 'PATCH', path, auth: this.req.headers.authorization, body });
				return [200, SENDER];
			});
		const res = await run(
			{
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'PATCH',
				requestPath: '/v3/senders/7',
				requestBody: '{"nickname": "Orders"}',
			},
			{ credentials: { apiConnSendGridApi: { ...creds, apiUrl: EU } } },
		);
		expect(seen).toEqual([
			{
				method: 'PATCH',
				path: '/v3/senders/7',
				auth: `Bearer ${KEY}`,
				body: { nickname: 'Orders' },
			},
		]);
		expect(json(res)).toEqual([SENDER]);
	});
});

describe('Contact → Search: Return All / Limit from version 2 (SendGrid answers at most 50 in one page)', () => {
	it('one POST of the SGQL query; v2 keeps the first Limit, Return All all; v1 keeps every match', async () => {
		const result = ['ada', 'grace', 'alan'].map((n) => ({
			id: `c-${n}`,
			email: `${n}@example.com`,
		}));
		const answer = { result, contact_count: 3 };
		const seen = kit.fake(...Array(3).fill(['POST', 200, answer]));
		const search = {
			resource: 'contact',
			operation: 'search',
			query: "email LIKE '%@example.com'",
		};
		const limited = await run({ ...search, returnAll: false, limit: 2 });
		const all = await run({ ...search, returnAll: true, limit: 1 });
		const v1 = await run(
			{ ...search, returnAll: false, limit: 1 },
			{
				node: {
					type: 'sendGrid',
					typeVersion: 1,
					parameters: { ...search, returnAll: false, limit: 1 },
				},
			},
		);
		expect(seen.map((s) => [s.method, s.uri, s.headers.authorization, s.body])).toEqual(
			Array(3).fill([
				'POST',
				'/v3/marketing/contacts/search',
				`Bearer ${KEY}`,
				{ query: "email LIKE '%@example.com'" },
			]),
		);
		expect([json(limited), json(all), json(v1)]).toEqual([result.slice(0, 2), result, result]);
	});
});
