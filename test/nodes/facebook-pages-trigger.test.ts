/**
 * Facebook Pages Trigger: the Page's subscription to the app (POST/GET/DELETE /{page-id}/subscribed_apps,
 * signed with the Page token fetched from the user token) through n8n-core's real HookContext, Meta's
 * hub.challenge handshake, and deliveries signed with X-Hub-Signature-256 = HMAC-SHA256(app secret, raw body).
 */
import nock from 'nock';

import { ApiConnFacebookPagesOAuth2Api } from '../../credentials/ApiConnFacebookPagesOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { sharedReplayStore, signPayload } from '../../lib/webhooks';
import { FacebookPagesTrigger } from '../../nodes/FacebookPages/FacebookPagesTrigger.node';
import { facebookPagesDefinition } from '../../nodes/FacebookPages/FacebookPages.service';
import { META_SIGNATURE } from '../../nodes/Meta/meta';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const HOST = 'https://graph.facebook.com';
const V = '/v21.0';
// The reference test vector's app secret (services.md § Meta).
const APP_SECRET = 'fb_app_secret';
const APP_ID = '990011223344556';
const USER_TOKEN = 'EAAGm0PX4ZCpsBAUserToken1234567890';
const PAGE_TOKEN = 'EAAGm0PX4ZCpsBAPageToken0987654321';
const PAGE = '104589323456789';
const OTHER_PAGE = '104589323456000';
const VERIFY_TOKEN = 'page-verify-token-7';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const credentials = {
	apiConnFacebookPagesOAuth2Api: {
		clientId: APP_ID,
		clientSecret: APP_SECRET,
		oauthTokenData: { access_token: USER_TOKEN, token_type: 'bearer' },
	},
};

const FEED = JSON.stringify({
	object: 'page',
	entry: [
		{
			id: PAGE,
			time: 1764324000,
			changes: [
				{
					field: 'feed',
					value: {
						item: 'comment',
						verb: 'add',
						post_id: `${PAGE}_122101234567890123`,
						comment_id: '122101234567890123_1234567890123456',
						message: 'Great news!',
						from: { id: '5550001', name: 'Ann' },
						created_time: 1764324000,
					},
				},
			],
		},
	],
});

beforeAll(() => {
	nock.disableNetConnect();
	// No connections observer here (workspace rule, account lookup): test/nodes/connections-*.test.ts cover it.
	useRuntime({ observers: [] });
});
afterEach(() => nock.cleanAll());
// Each test is a fresh trigger: nothing one test accepted counts as a replay in the next.
beforeEach(async () => await sharedReplayStore().clear());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(parameters: Record<string, unknown> = {}): TriggerHarness {
	return createTriggerHarness({
		nodeType: new FacebookPagesTrigger(),
		parameters: {
			pageId: PAGE,
			verifyToken: VERIFY_TOKEN,
			events: ['feed', 'mention'],
			...parameters,
		} as never,
		credentials,
		credentialTypes: [new ApiConnFacebookPagesOAuth2Api()],
	});
}

interface Seen {
	method: string;
	uri: string;
	auth: string | undefined;
}

function fake(...replies: Array<[string, number, unknown]>): Seen[] {
	const seen: Seen[] = [];
	let scope = nock(HOST);
	for (const [method, status, body] of replies) {
		scope = scope
			.intercept(() => true, method)
			.reply(function (uri) {
				seen.push({
					method: this.req.method,
					uri,
					auth: this.req.headers.authorization as string | undefined,
				});
				return [status, body as nock.Body, { 'content-type': 'application/json' }];
			});
	}
	return seen;
}

const tokenLookup = (page = PAGE): [string, number, unknown] => [
	'GET',
	200,
	{ access_token: PAGE_TOKEN, id: page },
];
const tokenUri = (page = PAGE) => `${V}/${page}?fields=access_token`;
const subscribed = (fields: string[], id = APP_ID) => ({
	data: [
		{
			category: 'Business',
			link: 'https://n8n.example.com',
			name: 'n8n automations',
			id,
			subscribed_fields: fields,
		},
	],
});

async function activate(t: TriggerHarness): Promise<Seen[]> {
	const seen = fake(tokenLookup(), ['POST', 200, { success: true }]);
	expect(await t.run('checkExists')).toBe(false);
	expect(await t.run('create')).toBe(true);
	return seen;
}

describe('registration: the Page subscribes the app to the selected fields', () => {
	it('create looks up the Page token (user token), then POSTs subscribed_fields with the Page token; only the Page id is stored', async () => {
		const t = harness();
		const seen = await activate(t);
		expect(seen.map((s) => [s.method, s.uri, s.auth])).toEqual([
			['GET', tokenUri(), `Bearer ${USER_TOKEN}`],
			[
				'POST',
				`${V}/${PAGE}/subscribed_apps?subscribed_fields=${encodeURIComponent('feed,mention')}`,
				`Bearer ${PAGE_TOKEN}`,
			],
		]);
		// The App Secret stays in the credential and the Page token is never stored.
		expect(t.nodeStaticData()).toEqual({
			production: { hookId: PAGE, events: ['feed', 'mention'], webhookUrl: PROD_URL },
		});
		expect(JSON.stringify(t.nodeStaticData())).not.toContain(PAGE_TOKEN);
	});

	it('checkExists is true when the app is subscribed to every selected field', async () => {
		const t = harness();
		await activate(t);
		const seen = fake(tokenLookup(), ['GET', 200, subscribed(['feed', 'mention', 'messages'])]);
		expect(await t.run('checkExists')).toBe(true);
		expect(seen.map((s) => [s.method, s.uri, s.auth])).toEqual([
			['GET', tokenUri(), `Bearer ${USER_TOKEN}`],
			['GET', `${V}/${PAGE}/subscribed_apps`, `Bearer ${PAGE_TOKEN}`],
		]);
	});

	it('checkExists is false when a field is missing or only another app is subscribed (and forgets the registration)', async () => {
		const t = harness();
		await activate(t);
		fake(tokenLookup(), ['GET', 200, subscribed(['feed'])]);
		expect(await t.run('checkExists')).toBe(false);
		expect(t.nodeStaticData()).toEqual({});

		await activate(t);
		fake(tokenLookup(), ['GET', 200, subscribed(['feed', 'mention'], '111111111111111')]);
		expect(await t.run('checkExists')).toBe(false);
	});

	it('choosing another Page removes the old subscription, so create subscribes the new Page', async () => {
		const t = harness();
		await activate(t);
		t.setParameters({ pageId: OTHER_PAGE, verifyToken: VERIFY_TOKEN, events: ['feed', 'mention'] });
		const seen = fake(tokenLookup(), ['DELETE', 200, { success: true }]);
		expect(await t.run('checkExists')).toBe(false);
		expect(seen.map((s) => [s.method, s.uri, s.auth])).toEqual([
			['GET', tokenUri(), `Bearer ${USER_TOKEN}`],
			['DELETE', `${V}/${PAGE}/subscribed_apps`, `Bearer ${PAGE_TOKEN}`],
		]);
		const created = fake(tokenLookup(OTHER_PAGE), ['POST', 200, { success: true }]);
		expect(await t.run('create')).toBe(true);
		expect(created.map((s) => s.uri)).toEqual([
			tokenUri(OTHER_PAGE),
			`${V}/${OTHER_PAGE}/subscribed_apps?subscribed_fields=${encodeURIComponent('feed,mention')}`,
		]);
		expect(t.nodeStaticData()).toEqual({
			production: { hookId: OTHER_PAGE, events: ['feed', 'mention'], webhookUrl: PROD_URL },
		});
	});

	it('moving to another Page does not fail when the old subscription is already gone (404)', async () => {
		const t = harness();
		await activate(t);
		t.setParameters({ pageId: OTHER_PAGE, verifyToken: VERIFY_TOKEN, events: ['feed', 'mention'] });
		fake(tokenLookup(), [
			'DELETE',
			404,
			{
				error: { message: 'Unsupported delete request.', type: 'GraphMethodException', code: 100 },
			},
		]);
		expect(await t.run('checkExists')).toBe(false);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('delete removes the subscription with the Page token and forgets it; a 404 counts as removed', async () => {
		const t = harness();
		await activate(t);
		const seen = fake(tokenLookup(), ['DELETE', 200, { success: true }]);
		expect(await t.run('delete')).toBe(true);
		expect(seen.map((s) => [s.method, s.uri, s.auth])).toEqual([
			['GET', tokenUri(), `Bearer ${USER_TOKEN}`],
			['DELETE', `${V}/${PAGE}/subscribed_apps`, `Bearer ${PAGE_TOKEN}`],
		]);
		expect(t.nodeStaticData()).toEqual({});

		await activate(t);
		fake(tokenLookup(), [
			'DELETE',
			404,
			{
				error: { message: 'Unsupported delete request.', type: 'GraphMethodException', code: 100 },
			},
		]);
		expect(await t.run('delete')).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a registration error names the cause and never contains the Page token', async () => {
		const t = harness();
		fake(tokenLookup(), [
			'POST',
			403,
			{
				error: {
					message: `(#200) Permissions error for ${PAGE_TOKEN}`,
					type: 'OAuthException',
					code: 200,
				},
			},
		]);
		const error = await t.run('create').catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain('(#200) Permissions error for [redacted]');
		expect(
			JSON.stringify({
				message: (error as Error).message,
				description: (error as { description?: string }).description,
			}),
		).not.toContain(PAGE_TOKEN);
	});
});

describe('deliveries', () => {
	function signed(body: string, secret = APP_SECRET) {
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			...signPayload(META_SIGNATURE, { rawBody: Buffer.from(body), secret }),
		};
		return { method: 'POST', rawBody: body, headers };
	}

	it('the reference test vector verifies (services.md: \'fb_app_secret\' over {"object":"page","entry":[]})', async () => {
		const t = harness();
		const { result, response } = await t.deliver({
			method: 'POST',
			rawBody: '{"object":"page","entry":[]}',
			headers: {
				'content-type': 'application/json',
				'x-hub-signature-256':
					'sha256=5d0e5788f775eb342b54c3614d555983d0245e3125a99cee765575fc6f2446c3',
			},
		});
		// Verified (not 401); it names no field, so nothing starts.
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({ webhookResponse: { message: 'Event not selected' } });
	});

	it('a signed feed change starts one execution with the event and the body', async () => {
		const t = harness();
		await activate(t);
		const delivery = signed(FEED);
		const { result } = await t.deliver(delivery);
		expect(result.workflowData?.[0].map((i) => i.json)).toEqual([
			{
				event: 'feed',
				deliveryId: null,
				body: JSON.parse(FEED),
				headers: {
					'content-type': 'application/json',
					'x-hub-signature-256': delivery.headers['x-hub-signature-256'],
				},
				query: {},
			},
		]);
	});

	it('tampered and unsigned deliveries get 401 and start nothing; an unselected field is acknowledged', async () => {
		const t = harness({ events: ['mention'] });
		const tampered = await t.deliver({ ...signed(FEED), rawBody: FEED.replace('Great', 'Bad') });
		const unsigned = await t.deliver({
			method: 'POST',
			rawBody: FEED,
			headers: { 'content-type': 'application/json' },
		});
		expect([tampered.response.statusCode, unsigned.response.statusCode]).toEqual([401, 401]);
		expect([tampered.result.workflowData, unsigned.result.workflowData]).toEqual([
			undefined,
			undefined,
		]);
		expect((await t.deliver(signed(FEED))).result).toEqual({
			webhookResponse: { message: 'Event not selected' },
		});
	});

	it('answers the hub.challenge handshake with the verify token, 403 otherwise', async () => {
		const t = harness();
		const ok = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: {
				'hub.mode': 'subscribe',
				'hub.verify_token': VERIFY_TOKEN,
				'hub.challenge': '987654321',
			},
		});
		expect([ok.response.statusCode, ok.response.body]).toEqual([200, '987654321']);
		const bad = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '987654321' },
		});
		expect(bad.response.statusCode).toBe(403);
	});
});

describe('description', () => {
	it('a setup notice, the Page dropdown, the verify token and the events; setup webhook first; no AI tool', () => {
		const d = new FacebookPagesTrigger().description;
		expect(validateService(facebookPagesDefinition)).toEqual([]);
		expect(d.properties.map((p) => [p.name, p.type])).toEqual([
			['registrationNotice', 'notice'],
			['pageId', 'options'],
			['verifyToken', 'string'],
			['events', 'multiOptions'],
		]);
		expect(d.properties[1].typeOptions).toEqual({ loadOptionsMethod: 'getPages' });
		expect(d.webhooks?.map((w) => w.name)).toEqual(['setup', 'default']);
		expect(d.usableAsTool).toBeUndefined();
	});
});
