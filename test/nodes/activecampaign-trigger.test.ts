/**
 * ActiveCampaign Trigger: a webhook registered through `POST /api/3/webhooks` (the events and sources picked, the
 * node's URL carrying a random secret), checked (`GET /webhooks/{id}`) and deleted (`DELETE /webhooks/{id}`, a 404
 * counting as deleted). ActiveCampaign signs nothing: a delivery must carry the URL's secret (constant time) or
 * gets 401 and starts nothing. Deliveries are forms with bracketed keys (`contact[email]`, `contact[fields][1]`),
 * emitted as nested objects without prototypes; only the events picked start an execution.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnActiveCampaignApi } from '../../credentials/ApiConnActiveCampaignApi.credentials';
import { useRuntime } from '../../lib/runtime';
import { sharedReplayStore } from '../../lib/webhooks';
import { ActiveCampaignTrigger } from '../../nodes/ActiveCampaign/ActiveCampaignTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://acme.api-us1.com';
const KEY = '4f3c6d12f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f';

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [] }));
beforeEach(async () => await sharedReplayStore().clear());
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(
	events = ['subscribe', 'unsubscribe'],
	sources = ['public', 'admin', 'api', 'system'],
) {
	return createTriggerHarness({
		nodeType: new ActiveCampaignTrigger(),
		parameters: { events, sources } as never,
		credentials: { apiConnActiveCampaignApi: { apiUrl: API, apiKey: KEY } as never },
		credentialTypes: [new ApiConnActiveCampaignApi()],
	});
}

interface Seen {
	body: IDataObject;
	token: unknown;
}

/** Registers the trigger; returns what ActiveCampaign was sent. */
async function activate(t: TriggerHarness): Promise<Seen> {
	let seen: Seen | undefined;
	nock(API)
		.post('/api/3/webhooks')
		.reply(201, function (_path, body) {
			seen = { body: body as IDataObject, token: this.req.headers['api-token'] };
			const webhook = (body as { webhook: IDataObject }).webhook;
			return {
				webhook: {
					...webhook,
					cdate: '2026-12-03T10:00:00-06:00',
					state: '1',
					username: '',
					password: '',
					links: [],
					id: '42',
				},
			};
		});
	expect(await t.run('create')).toBe(true);
	return seen!;
}

const secretOf = (seen: Seen) =>
	new URL(String((seen.body.webhook as IDataObject).url)).searchParams.get('secret')!;

/** A `subscribe` delivery as ActiveCampaign posts it (form fields with bracketed keys). */
const FORM =
	'type=subscribe&date_time=2026-12-03T10%3A05%3A00-06%3A00&initiated_by=admin&initiated_from=admin' +
	'&list=2&contact%5Bid%5D=113&contact%5Bemail%5D=johndoe%40example.com&contact%5Bfirst_name%5D=John' +
	'&contact%5Bfields%5D%5B1%5D=Blue&contact%5Bfields%5D%5B2%5D=&contact%5Btags%5D=vip%2C+newsletter';

const delivery = (secret: string | undefined, rawBody = FORM) => ({
	method: 'POST',
	rawBody,
	query: secret === undefined ? {} : { secret },
	headers: {
		'content-type': 'application/x-www-form-urlencoded',
		'user-agent': 'ActiveCampaign/1.0',
	},
});

describe('registration', () => {
	it('create: POST /api/3/webhooks with the events, the sources and the node URL carrying a fresh secret; Api-Token', async () => {
		const t = harness();
		const seen = await activate(t);
		const secret = secretOf(seen);
		expect(secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
		expect(seen).toEqual({
			token: KEY,
			body: {
				webhook: {
					name: 'n8n: Trigger workflow',
					url: `${t.webhookUrl()}?secret=${secret}`,
					events: ['subscribe', 'unsubscribe'],
					sources: ['public', 'admin', 'api', 'system'],
				},
			},
		});
		// Stored sealed: the static data never holds the secret in clear.
		expect(JSON.stringify(t.nodeStaticData())).not.toContain(secret);
	});

	it('each activation gets its own secret', async () => {
		const a = secretOf(await activate(harness()));
		const b = secretOf(await activate(harness()));
		expect(a).not.toBe(b);
	});

	it('checkExists: GET /api/3/webhooks/{id}; a webhook deleted in ActiveCampaign (404) is re-registered', async () => {
		const t = harness();
		await activate(t);
		nock(API)
			.get('/api/3/webhooks/42')
			.reply(200, { webhook: { id: '42' } });
		expect(await t.run('checkExists')).toBe(true);
		nock(API)
			.get('/api/3/webhooks/42')
			.reply(404, { message: 'No Result found for Webhook with id 42' });
		expect(await t.run('checkExists')).toBe(false);
	});

	it('delete: DELETE /api/3/webhooks/{id}; a webhook already gone (404) counts as deleted', async () => {
		const t = harness();
		await activate(t);
		const del = nock(API).delete('/api/3/webhooks/42').reply(200, {});
		expect(await t.run('delete')).toBe(true);
		expect(del.isDone()).toBe(true);
		const t2 = harness();
		await activate(t2);
		nock(API).delete('/api/3/webhooks/42').reply(404, { message: 'No Result found' });
		expect(await t2.run('delete')).toBe(true);
		expect(t2.nodeStaticData()).toEqual({});
	});

	it("a refused key fails the activation in ActiveCampaign's words; nothing is stored, the key never shows", async () => {
		const t = harness();
		nock(API).post('/api/3/webhooks').reply(403, { message: 'Forbidden' });
		const error = await t.run('create').catch((e: Error) => e);
		expect(String((error as Error).message)).toContain('Forbidden');
		expect(JSON.stringify(error)).not.toContain(KEY);
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe('deliveries', () => {
	it('with the secret: one item, the form as nested objects without prototypes; the secret is not passed on', async () => {
		const t = harness();
		const secret = secretOf(await activate(t));
		const { result, response } = await t.deliver(delivery(secret));
		expect(response.statusCode).toBeUndefined();
		const item = (result.workflowData as Array<Array<{ json: IDataObject }>>)[0][0].json;
		expect(item.event).toBe('subscribe');
		expect(item.query).toEqual({});
		expect(JSON.parse(JSON.stringify(item.body))).toEqual({
			type: 'subscribe',
			date_time: '2026-12-03T10:05:00-06:00',
			initiated_by: 'admin',
			initiated_from: 'admin',
			list: '2',
			contact: {
				id: '113',
				email: 'johndoe@example.com',
				first_name: 'John',
				fields: { '1': 'Blue', '2': '' },
				tags: 'vip, newsletter',
			},
		});
		const body = item.body as IDataObject;
		expect(Object.getPrototypeOf(body)).toBeNull();
		expect(Object.getPrototypeOf(body.contact)).toBeNull();
		expect(JSON.stringify(result)).not.toContain(secret);
	});

	it('no secret, a wrong one, one of another activation: 401, nothing starts', async () => {
		const t = harness();
		const secret = secretOf(await activate(t));
		const other = secretOf(await activate(harness()));
		const wrong = secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
		for (const s of [undefined, '', wrong, other, `${secret}x`]) {
			const r = await t.deliver(delivery(s));
			expect([r.response.statusCode, r.result.workflowData]).toEqual([401, undefined]);
		}
	});

	it('an event not picked is answered 200 and starts nothing', async () => {
		const t = harness(['unsubscribe']);
		const secret = secretOf(await activate(t));
		const r = await t.deliver(delivery(secret));
		expect(r.result).toEqual({ webhookResponse: { message: 'Event not selected' } });
	});

	it('keys that would reach a prototype stay plain fields; a malformed or clashing key is kept as written', async () => {
		const t = harness();
		const secret = secretOf(await activate(t));
		const raw =
			'type=subscribe&__proto__%5Bpolluted%5D=1&contact%5Bconstructor%5D%5Bprototype%5D=x' +
			'&list=2&list%5Bid%5D=3&odd%5Bkey=v';
		const { result } = await t.deliver(delivery(secret, raw));
		const body = (result.workflowData as Array<Array<{ json: IDataObject }>>)[0][0].json
			.body as IDataObject;
		expect(({} as IDataObject).polluted).toBeUndefined();
		// Compared as JSON text parsed back (a `__proto__` key in an object literal would set the prototype instead).
		expect(JSON.parse(JSON.stringify(body))).toEqual(
			JSON.parse(
				'{"type":"subscribe","list":"2","odd[key":"v","__proto__":{"polluted":"1"},' +
					'"contact":{"constructor":{"prototype":"x"}},"list[id]":"3"}',
			),
		);
		expect(Object.prototype.hasOwnProperty.call(body, '__proto__')).toBe(true);
	});

	it('a body that is neither a form nor a JSON object: 400 even with the secret, nothing starts', async () => {
		const t = harness();
		const secret = secretOf(await activate(t));
		const r = await t.deliver({
			...delivery(secret, 'not a form, not JSON'),
			headers: { 'content-type': 'text/plain' },
		});
		expect([r.response.statusCode, r.result.workflowData]).toEqual([400, undefined]);
	});
});
