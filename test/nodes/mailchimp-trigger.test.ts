/**
 * Mailchimp Trigger: a list webhook registered through the API on activation (`POST /lists/{list_id}/webhooks`
 * with the URL, the events and sources picked), checked and deleted by its id; Mailchimp signs nothing, so the
 * registered URL carries a random secret (`?secret=…`) compared in constant time on every delivery; the GET
 * Mailchimp sends when the webhook is saved is answered 200 and starts nothing; deliveries are forms with bracketed
 * keys (`data[merges][FNAME]`), nested into objects without prototypes (services.md § Mailchimp: Webhooks).
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnMailchimpApi } from '../../credentials/ApiConnMailchimpApi.credentials';
import { useRuntime } from '../../lib/runtime';
import { sharedReplayStore } from '../../lib/webhooks';
import { MailchimpTrigger } from '../../nodes/Mailchimp/MailchimpTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://us6.api.mailchimp.com';
const KEY = '5f2a8c7e1b3d4f6a9c0e2b4d6f8a1c3e-us6';
const BASIC = `Basic ${Buffer.from(`apikey:${KEY}`).toString('base64')}`;
const LIST = '57afe96172';
const HOOKS = `/3.0/lists/${LIST}/webhooks`;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [] }));
beforeEach(async () => await sharedReplayStore().clear());
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(
	events: string[] = ['subscribe', 'unsubscribe'],
	sources: string[] = ['user', 'admin'],
): TriggerHarness {
	return createTriggerHarness({
		nodeType: new MailchimpTrigger(),
		parameters: { listId: LIST, sources, events } as never,
		credentials: { apiConnMailchimpApi: { apiKey: KEY } as never },
		credentialTypes: [new ApiConnMailchimpApi()],
	});
}

interface Seen {
	path: string;
	body: IDataObject;
	auth: unknown;
}

/** Activates the trigger; returns what Mailchimp was sent and the secret in the registered URL. */
async function activate(t: TriggerHarness): Promise<{ seen: Seen[]; secret: string }> {
	const seen: Seen[] = [];
	nock(API)
		.post(HOOKS)
		.reply(200, function (path, body) {
			seen.push({ path, body: body as IDataObject, auth: this.req.headers.authorization });
			return { id: '37b9c73a88', ...(body as IDataObject), list_id: LIST };
		});
	expect(await t.run('create')).toBe(true);
	const url = new URL(String(seen[0].body.url));
	return { seen, secret: url.searchParams.get('secret') ?? '' };
}

describe('registration', () => {
	it('create: POST /lists/{list_id}/webhooks with the URL (and its secret), the events and the sources picked', async () => {
		const t = harness(['subscribe', 'profile', 'campaign'], ['user', 'api']);
		const { seen, secret } = await activate(t);
		expect(secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
		expect(seen).toEqual([
			{
				path: HOOKS,
				auth: BASIC,
				body: {
					url: `${t.webhookUrl()}?secret=${secret}`,
					events: {
						subscribe: true,
						unsubscribe: false,
						profile: true,
						cleaned: false,
						upemail: false,
						campaign: true,
					},
					sources: { user: true, admin: false, api: true },
				},
			},
		]);
		expect(t.nodeStaticData()).toMatchObject({
			production: {
				hookId: '37b9c73a88',
				events: ['subscribe', 'profile', 'campaign'],
				data: { listId: LIST },
			},
		});
		// The secret is stored sealed only.
		expect(JSON.stringify(t.nodeStaticData())).not.toContain(secret);
	});

	it('checkExists: GET /lists/{list_id}/webhooks/{id}; 404 → registers again', async () => {
		const t = harness();
		await activate(t);
		nock(API).get(`${HOOKS}/37b9c73a88`).reply(200, { id: '37b9c73a88', list_id: LIST });
		expect(await t.run('checkExists')).toBe(true);
		nock(API).get(`${HOOKS}/37b9c73a88`).reply(404, {
			title: 'Resource Not Found',
			status: 404,
			detail: 'The requested resource could not be found.',
		});
		expect(await t.run('checkExists')).toBe(false);
	});

	it('delete: DELETE /lists/{list_id}/webhooks/{id} with the key; already gone (404) is fine; state cleared', async () => {
		const t = harness();
		await activate(t);
		const del = nock(API)
			.delete(`${HOOKS}/37b9c73a88`)
			.matchHeader('authorization', BASIC)
			.reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(del.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});

		await activate(t);
		nock(API)
			.delete(`${HOOKS}/37b9c73a88`)
			.reply(404, { title: 'Resource Not Found', status: 404 });
		expect(await t.run('delete')).toBe(true);
	});

	it("a refused registration fails the activation in Mailchimp's words and stores nothing", async () => {
		const t = harness();
		nock(API)
			.post(HOOKS)
			.reply(400, {
				title: 'Invalid Resource',
				status: 400,
				detail: 'The resource submitted could not be validated.',
				errors: [{ field: 'url', message: 'The URL is not reachable.' }],
			});
		const error = (await t.run('create').catch((e: unknown) => e)) as { message: string };
		expect(error.message).toContain('The URL is not reachable.');
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe('deliveries', () => {
	const FORM =
		'type=subscribe&fired_at=2026-12-03+12%3A34%3A56&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D=57afe96172' +
		'&data%5Bemail%5D=api%40mailchimp.com&data%5Bemail_type%5D=html&data%5Bmerges%5D%5BEMAIL%5D=api%40mailchimp.com' +
		'&data%5Bmerges%5D%5BFNAME%5D=Mailchimp&data%5Bmerges%5D%5BLNAME%5D=API' +
		'&data%5Bmerges%5D%5BINTERESTS%5D=Group1%2CGroup2&data%5Bip_opt%5D=10.20.10.30&data%5Bip_signup%5D=10.20.10.30';
	const post = (rawBody: string, query: IDataObject) => ({
		method: 'POST',
		rawBody,
		query,
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			'user-agent': 'MailChimp.com WebHook Validator',
		},
	});

	it('the validation GET (no secret needed) is answered 200 and starts nothing', async () => {
		const t = harness();
		await activate(t);
		const r = await t.deliver({ method: 'GET', webhookName: 'setup', headers: {}, query: {} });
		expect(r.response.statusCode).toBe(200);
		expect(r.result.workflowData).toBeUndefined();
	});

	it('a delivery with the secret starts one execution; the form nested into objects, the secret not passed on', async () => {
		const t = harness();
		const { secret } = await activate(t);
		const r = await t.deliver(post(FORM, { secret }));
		const item = r.result.workflowData?.[0][0].json as IDataObject;
		expect(JSON.parse(JSON.stringify(item))).toEqual({
			event: 'subscribe',
			deliveryId: null,
			body: {
				type: 'subscribe',
				fired_at: '2026-12-03 12:34:56',
				data: {
					id: '8a25ff1d98',
					list_id: LIST,
					email: 'api@mailchimp.com',
					email_type: 'html',
					merges: {
						EMAIL: 'api@mailchimp.com',
						FNAME: 'Mailchimp',
						LNAME: 'API',
						INTERESTS: 'Group1,Group2',
					},
					ip_opt: '10.20.10.30',
					ip_signup: '10.20.10.30',
				},
			},
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'user-agent': 'MailChimp.com WebHook Validator',
			},
			query: {},
		});
		expect(JSON.stringify(r.result)).not.toContain(secret);
	});

	it('a wrong, missing or empty secret gets 401 and starts nothing', async () => {
		const t = harness();
		const { secret } = await activate(t);
		const other = secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
		for (const query of [{ secret: other }, {}, { secret: '' }]) {
			const r = await t.deliver(post(FORM, query));
			expect([r.response.statusCode, r.response.body]).toEqual([
				401,
				{ message: "The request does not carry this webhook's secret." },
			]);
			expect(r.result.workflowData).toBeUndefined();
		}
	});

	it('an event not picked starts nothing', async () => {
		const t = harness(['unsubscribe']);
		const { secret } = await activate(t);
		const r = await t.deliver(post(FORM, { secret }));
		expect(r.result.workflowData).toBeUndefined();
		expect(r.result.webhookResponse).toEqual({ message: 'Event not selected' });
	});

	it('bracketed keys cannot pollute prototypes: __proto__ and constructor stay plain fields', async () => {
		const t = harness();
		const { secret } = await activate(t);
		const r = await t.deliver(
			post(
				'type=subscribe&data%5B__proto__%5D%5Bpolluted%5D=yes&__proto__%5Bpolluted%5D=yes&data%5Bconstructor%5D%5Bprototype%5D%5Bpolluted%5D=yes',
				{ secret },
			),
		);
		const body = (r.result.workflowData?.[0][0].json as IDataObject).body as IDataObject;
		expect(({} as IDataObject).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(body.data)).toBeNull();
		expect(JSON.parse(JSON.stringify(body))).toEqual({
			type: 'subscribe',
			data: { ['__proto__']: { polluted: 'yes' }, constructor: { prototype: { polluted: 'yes' } } },
			['__proto__']: { polluted: 'yes' },
		});
	});

	it('a body that is not a form or JSON gets 400', async () => {
		const t = harness();
		const { secret } = await activate(t);
		const r = await t.deliver({
			method: 'POST',
			rawBody: 'hello',
			query: { secret },
			headers: { 'content-type': 'text/plain' },
		});
		expect(r.response.statusCode).toBe(400);
		expect(r.result.workflowData).toBeUndefined();
	});
});
