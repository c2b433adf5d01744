/**
 * Trello Trigger: webhook registration (create / checkExists / delete) through n8n-core's real HookContext
 * against a nock Trello, Trello's HEAD check of the callback URL, and deliveries through n8n-core's real
 * WebhookContext, signed as Trello signs them (services.md § Trello: `X-Trello-Webhook` = base64 HMAC-SHA1 of
 * the raw body followed by the callback URL as registered, keyed with the API key's secret; no timestamp).
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnTrelloApi } from '../../credentials/ApiConnTrelloApi.credentials';
import { useRuntime } from '../../lib/runtime';
import { schemeProblems, sharedReplayStore, signPayload } from '../../lib/webhooks';
import { trelloSignature } from '../../nodes/Trello/Trello.service';
import { TrelloTrigger } from '../../nodes/Trello/TrelloTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://api.trello.com';
const KEY = 'a3f1c9d27b4e8f6051c2d3e4f5a6b7c8';
const TOKEN = 'ATTAe5c0d4b7a1f2938475665748392a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0F3A2B1C0';
const SECRET = '9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c';
const AUTH = `OAuth oauth_consumer_key="${KEY}", oauth_token="${TOKEN}"`;
const BOARD = '5abbe4b7ddc1b351ef961414';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const HOOK = {
	id: '5abbe4b7ddc1b351ef961500',
	description: 'n8n: Trello flow',
	idModel: BOARD,
	callbackURL: PROD_URL,
	active: true,
	consecutiveFailures: 0,
	firstConsecutiveFailDate: null,
};

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [] }));
afterEach(() => nock.cleanAll());
beforeEach(async () => await sharedReplayStore().clear());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(
	parameters: Record<string, unknown> = {},
	credentials: IDataObject = { apiKey: KEY, apiToken: TOKEN, apiSecret: SECRET },
	staticData?: IDataObject,
): TriggerHarness {
	return createTriggerHarness({
		nodeType: new TrelloTrigger(),
		parameters: { idModel: BOARD, events: ['createCard', 'updateCard'], ...parameters } as never,
		credentials: { apiConnTrelloApi: credentials as never },
		credentialTypes: [new ApiConnTrelloApi()],
		...(staticData ? { staticData } : {}),
	});
}

/** Trello's POST /1/webhooks; records what it was sent. */
function trello(seen: Array<{ query: IDataObject; auth: unknown }>) {
	return nock(API)
		.post('/1/webhooks')
		.query(true)
		.reply(200, function () {
			seen.push({
				query: Object.fromEntries(new URL(this.req.path, API).searchParams),
				auth: this.req.headers.authorization,
			});
			return HOOK;
		});
}

async function activate(t: TriggerHarness): Promise<void> {
	const seen: Array<{ query: IDataObject; auth: unknown }> = [];
	trello(seen);
	expect(await t.run('create')).toBe(true);
}

describe('registration', () => {
	it('create: POST /1/webhooks with callbackURL, idModel and description, key and token in the header only', async () => {
		const t = harness();
		const seen: Array<{ query: IDataObject; auth: unknown }> = [];
		const scope = trello(seen);
		expect(await t.run('checkExists')).toBe(false);
		expect(await t.run('create')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(seen).toEqual([
			{
				query: {
					callbackURL: PROD_URL,
					idModel: BOARD,
					description: expect.stringMatching(/^n8n: /),
				},
				auth: AUTH,
			},
		]);
		// The app secret comes from the credential: nothing secret is generated or stored.
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: HOOK.id,
				events: ['createCard', 'updateCard'],
				webhookUrl: PROD_URL,
				data: { idModel: BOARD },
			},
		});
	});

	it('checkExists asks for the stored webhook (404: create again); delete removes it and clears the state', async () => {
		const t = harness();
		await activate(t);
		nock(API).get(`/1/webhooks/${HOOK.id}`).matchHeader('authorization', AUTH).reply(200, HOOK);
		expect(await t.run('checkExists')).toBe(true);
		nock(API)
			.get(`/1/webhooks/${HOOK.id}`)
			.reply(404, 'The requested resource was not found.', { 'content-type': 'text/plain' });
		expect(await t.run('checkExists')).toBe(false);
		await activate(t);
		const del = nock(API)
			.delete(`/1/webhooks/${HOOK.id}`)
			.matchHeader('authorization', AUTH)
			.reply(200, { _value: null });
		expect(await t.run('delete')).toBe(true);
		expect(del.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a webhook already there for this URL and model fails activation with the way out; nothing stored', async () => {
		const t = harness();
		nock(API)
			.post('/1/webhooks')
			.query(true)
			.reply(400, 'A webhook with that callback, model, and token already exists', {
				'content-type': 'text/plain; charset=utf-8',
			});
		const error = (await t.run('create').catch((e: unknown) => e)) as { message: string };
		expect(error.message).toContain('Could not register the Trello webhook');
		expect(error.message).toContain('already exists under this token');
		expect(error.message).toContain('DELETE /webhooks/<its id>');
		expect(error.message).not.toContain(TOKEN);
		expect(t.nodeStaticData()).toEqual({});
	});

	it("a model ID Trello does not know (HTTP 400 'invalid value for idModel') names the field", async () => {
		const t = harness({ idModel: 'nope' });
		nock(API)
			.post('/1/webhooks')
			.query(true)
			.reply(400, 'invalid value for idModel', { 'content-type': 'text/plain' });
		const error = (await t.run('create').catch((e: unknown) => e)) as { message: string };
		expect(error.message).toContain('invalid value for idModel');
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe("Trello's HEAD check of the callback URL", () => {
	it('the node serves HEAD on the same path as the POST deliveries', () => {
		const hooks = new TrelloTrigger().description.webhooks!;
		expect(hooks.map((h) => [h.name, h.httpMethod, h.path])).toEqual([
			['setup', 'HEAD', 'webhook'],
			['default', 'POST', 'webhook'],
		]);
	});

	it('HEAD gets an empty 200 and starts nothing, before activation and after', async () => {
		const t = harness();
		const before = await t.deliver({ method: 'HEAD', webhookName: 'setup', headers: {} });
		expect([before.result, before.response.statusCode, before.response.body]).toEqual([
			{ noWebhookResponse: true },
			200,
			undefined,
		]);
		expect(JSON.parse(before.response.raw())).toEqual({ status: 200, headers: {}, writes: [] });
		await activate(t);
		const after = await t.deliver({ method: 'HEAD', webhookName: 'setup', headers: {} });
		expect([after.result, after.response.statusCode]).toEqual([{ noWebhookResponse: true }, 200]);
	});
});

describe('deliveries', () => {
	const action = (id: string, type: string) => ({
		action: {
			id,
			idMemberCreator: '5191197f9433cf5507006338',
			type,
			date: '2026-12-03T09:00:00.000Z',
			data: {
				card: { id: '5abbe4b7ddc1b351ef961416', name: 'What? Why? How?', idShort: 4 },
				board: { id: BOARD, name: 'Trello Platform Changes', shortLink: 'dQHqCohZ' },
				list: { id: '5abbe4b7ddc1b351ef961415', name: 'Things to buy today' },
			},
			memberCreator: { id: '5191197f9433cf5507006338', username: 'brian' },
		},
		model: { id: BOARD, name: 'Trello Platform Changes' },
		webhook: { id: HOOK.id, idModel: BOARD, active: true },
	});
	const sign = (body: string, secret = SECRET, url = PROD_URL) =>
		createHmac('sha1', secret)
			.update(body + url)
			.digest('base64');
	const delivery = (body: string, signature: string | undefined) => ({
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': 'application/json',
			'user-agent': 'Trello',
			...(signature === undefined ? {} : { 'x-trello-webhook': signature }),
		},
	});

	it('the scheme is valid and matches the reference test vector (body then callback URL, HMAC-SHA1, base64)', () => {
		expect(schemeProblems(trelloSignature)).toEqual([]);
		expect(
			signPayload(trelloSignature, {
				rawBody: Buffer.from('{"action":{"type":"updateCard"}}'),
				secret: 'trello_app_secret',
				url: 'https://example.com/trello/hook',
			}),
		).toEqual({ 'x-trello-webhook': '2vBTp1s1ADdzC49xMMilsHclC6U=' });
	});

	it('a signed delivery of a picked action type starts the workflow with the action type and id', async () => {
		const t = harness();
		await activate(t);
		const body = JSON.stringify(action('61a0000000000000000000a1', 'createCard'));
		const { result, response } = await t.deliver(delivery(body, sign(body)));
		expect(response.statusCode).toBeUndefined();
		const item = (result.workflowData as Array<Array<{ json: IDataObject }>>)[0][0].json;
		expect(item).toMatchObject({
			event: 'createCard',
			deliveryId: '61a0000000000000000000a1',
			body: JSON.parse(body),
		});
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});

	it('an action type not picked is answered 200 and starts nothing', async () => {
		const t = harness();
		await activate(t);
		const body = JSON.stringify(action('61a0000000000000000000a2', 'commentCard'));
		const { result, response } = await t.deliver(delivery(body, sign(body)));
		expect(result).toEqual({ webhookResponse: { message: 'Event not selected' } });
		expect(response.statusCode).toBeUndefined();
	});

	it('Any Event takes every action type', async () => {
		const t = harness({ events: ['*'] });
		await activate(t);
		const body = JSON.stringify(action('61a0000000000000000000a3', 'addMemberToBoard'));
		const { result } = await t.deliver(delivery(body, sign(body)));
		expect(result.workflowData).toHaveLength(1);
	});

	it('unsigned, tampered, signed for another URL or with another secret: 401, nothing starts', async () => {
		const t = harness();
		await activate(t);
		const body = JSON.stringify(action('61a0000000000000000000a4', 'updateCard'));
		const tampered = body.replace('What? Why? How?', 'Pay the invoice');
		const cases = [
			delivery(body, undefined),
			delivery(body, ''),
			delivery(tampered, sign(body)),
			delivery(body, sign(body, SECRET, 'https://elsewhere.example/hook')),
			delivery(body, sign(body, 'another-secret')),
			delivery(
				body,
				createHmac('sha256', SECRET)
					.update(body + PROD_URL)
					.digest('base64'),
			),
		];
		for (const d of cases) {
			const r = await t.deliver(d);
			expect([r.result, r.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
			expect(r.response.raw()).not.toContain(SECRET);
		}
	});

	it('fails closed when the credential has no API secret: 401, and says where to paste it', async () => {
		const t = harness({}, { apiKey: KEY, apiToken: TOKEN });
		await activate(t);
		const body = JSON.stringify(action('61a0000000000000000000a5', 'createCard'));
		const r = await t.deliver(delivery(body, sign(body)));
		expect([r.result, r.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
		expect((r.response.body as { message: string }).message).toContain('credential');
	});

	it("Trello's retry of an accepted delivery (the same signed bytes) gets 200 and starts nothing; a new action runs", async () => {
		const t = harness();
		await activate(t);
		const body = JSON.stringify(action('61a0000000000000000000a6', 'updateCard'));
		const first = await t.deliver(delivery(body, sign(body)));
		expect(first.result.workflowData).toHaveLength(1);
		const again = await t.deliver(delivery(body, sign(body)));
		// Trello re-sends byte for byte and turns off a webhook that keeps failing: acknowledged, nothing started.
		expect([again.result, again.response.statusCode]).toEqual([{ noWebhookResponse: true }, 200]);
		expect(again.result.workflowData).toBeUndefined();
		const other = JSON.stringify(action('61a0000000000000000000a7', 'updateCard'));
		const next = await t.deliver(delivery(other, sign(other)));
		expect(next.result.workflowData).toHaveLength(1);
	});
});
