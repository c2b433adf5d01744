/**
 * Instagram Trigger: Meta's subscription handshake (hub.challenge with the verify token) and deliveries
 * signed with X-Hub-Signature-256 = HMAC-SHA256(app secret, raw body), through n8n-core's real
 * WebhookContext. Registration: the Meta app's `instagram` subscription (GET/POST/DELETE /{app-id}/subscriptions
 * with the app token) and the account's POST /me/subscribed_apps (user token).
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';

import { ApiConnInstagramOAuth2Api } from '../../credentials/ApiConnInstagramOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { sharedReplayStore, signPayload } from '../../lib/webhooks';
import { InstagramTrigger } from '../../nodes/Instagram/InstagramTrigger.node';
import { instagramDefinition } from '../../nodes/Instagram/Instagram.service';
import { META_SIGNATURE } from '../../nodes/Meta/meta';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const APP_SECRET = 'ig_app_secret_7f3a9c';
const VERIFY_TOKEN = 'my-verify-token-42';
const credentials = {
	apiConnInstagramOAuth2Api: {
		clientId: '990602627938098',
		clientSecret: APP_SECRET,
		oauthTokenData: { access_token: 'IGAAR9vTqZkZBdG9rZW4', token_type: 'bearer' },
	},
};

const COMMENT = JSON.stringify({
	object: 'instagram',
	entry: [
		{
			id: '17841405793187218',
			time: 1764324000,
			changes: [
				{
					field: 'comments',
					value: {
						from: { id: '232323232', username: 'fan_1' },
						media: { id: '17920238422030506', media_product_type: 'FEED' },
						id: '17858893269000001',
						text: 'Love it',
					},
				},
			],
		},
	],
});
const MENTION = JSON.stringify({
	object: 'instagram',
	entry: [
		{
			id: '17841405793187218',
			time: 1764324000,
			changes: [
				{
					field: 'mentions',
					value: { media_id: '17920238422030599', comment_id: '17858893269000077' },
				},
			],
		},
	],
});
const MESSAGE = JSON.stringify({
	object: 'instagram',
	entry: [
		{
			id: '17841405793187218',
			time: 1764324000,
			messaging: [
				{
					sender: { id: '1122334455' },
					recipient: { id: '17841405793187218' },
					timestamp: 1764324000123,
					message: { mid: 'aWdfZAG1faXRlbToxOklH', text: 'Hi!' },
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

function harness(events: string[] = ['comments']): TriggerHarness {
	return createTriggerHarness({
		nodeType: new InstagramTrigger(),
		parameters: { verifyToken: VERIFY_TOKEN, events },
		credentials,
		credentialTypes: [new ApiConnInstagramOAuth2Api()],
	});
}

function signed(body: string, secret = APP_SECRET) {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'user-agent': 'Webhooks/1.0 (https://fb.me/webhooks)',
		...signPayload(META_SIGNATURE, { rawBody: Buffer.from(body), secret }),
	};
	return { method: 'POST', rawBody: body, headers };
}

describe('subscription handshake (GET hub.challenge on the setup webhook)', () => {
	it('echoes the challenge as text when mode and verify token match', async () => {
		const { result, response } = await harness().deliver({
			webhookName: 'setup',
			method: 'GET',
			query: {
				'hub.mode': 'subscribe',
				'hub.verify_token': VERIFY_TOKEN,
				'hub.challenge': '1158201444',
			},
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect([response.statusCode, response.body, response.headers['content-type']]).toEqual([
			200,
			'1158201444',
			'text/plain; charset=utf-8',
		]);
	});

	it('a wrong verify token gets 403, a wrong mode gets 403, a GET without challenge gets 400', async () => {
		const t = harness();
		const wrong = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' },
		});
		expect([wrong.response.statusCode, wrong.response.body]).toEqual([
			403,
			{ message: 'The verify token does not match.' },
		]);
		const mode = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' },
		});
		expect([mode.response.statusCode, mode.response.body]).toEqual([
			403,
			{ message: 'Unexpected hub.mode.' },
		]);
		const none = await t.deliver({ webhookName: 'setup', method: 'GET', query: {} });
		expect([none.response.statusCode, none.response.body]).toEqual([
			400,
			{ message: 'This URL only answers Instagram verification requests.' },
		]);
	});
});

describe('deliveries (X-Hub-Signature-256 with the app secret)', () => {
	it('a valid comments delivery starts one execution with the event and the body', async () => {
		const delivery = signed(COMMENT);
		const { result, response } = await harness().deliver(delivery);
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[0][0].json).toEqual({
			event: 'comments',
			deliveryId: null,
			body: JSON.parse(COMMENT),
			headers: {
				'content-type': 'application/json',
				'user-agent': 'Webhooks/1.0 (https://fb.me/webhooks)',
				'x-hub-signature-256': delivery.headers['x-hub-signature-256'],
			},
			query: {},
		});
		expect(JSON.stringify(result)).not.toContain(APP_SECRET);
	});

	it('a tampered body is rejected with 401 and starts nothing', async () => {
		const delivery = signed(COMMENT);
		const { result, response } = await harness().deliver({
			...delivery,
			rawBody: COMMENT.replace('Love it', 'Hate it'),
		});
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(401);
		expect(response.raw()).not.toContain(APP_SECRET);
	});

	it('an unsigned delivery, one signed with another secret, and a legacy sha1-only one are rejected (401)', async () => {
		const t = harness();
		const unsigned = await t.deliver({
			method: 'POST',
			rawBody: COMMENT,
			headers: { 'content-type': 'application/json' },
		});
		expect([unsigned.response.statusCode, unsigned.response.body]).toEqual([
			401,
			{ message: 'The request has no X-Hub-Signature-256 header.' },
		]);
		const other = await t.deliver(signed(COMMENT, 'someone-elses-secret'));
		expect(other.response.statusCode).toBe(401);
		const sha1 = await t.deliver({
			method: 'POST',
			rawBody: COMMENT,
			headers: {
				'content-type': 'application/json',
				'x-hub-signature': 'sha1=0123456789abcdef0123456789abcdef01234567',
			},
		});
		expect(sha1.response.statusCode).toBe(401);
		expect([unsigned, other, sha1].map((d) => d.result.workflowData)).toEqual([
			undefined,
			undefined,
			undefined,
		]);
	});

	it('an event that is not selected is acknowledged (200) and starts nothing', async () => {
		const { result } = await harness(['comments']).deliver(signed(MENTION));
		expect(result).toEqual({ webhookResponse: { message: 'Event not selected' } });
	});

	it('mentions start an execution when selected', async () => {
		const { result } = await harness(['comments', 'mentions']).deliver(signed(MENTION));
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'mentions',
			body: JSON.parse(MENTION),
		});
	});

	it('messages (no changes[].field) come through "All (Including Messages)" only', async () => {
		expect((await harness(['comments', 'mentions']).deliver(signed(MESSAGE))).result).toEqual({
			webhookResponse: { message: 'Event not selected' },
		});
		const { result } = await harness(['*']).deliver(signed(MESSAGE));
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: null,
			body: JSON.parse(MESSAGE),
		});
	});
});

describe('registration: the Meta app subscription and the account subscription', () => {
	const FB = 'https://graph.facebook.com';
	const IG = 'https://graph.instagram.com';
	const V = '/v21.0';
	const APP_ID = '990602627938098';
	const USER_TOKEN = 'IGAAR9vTqZkZBdG9rZW4';
	const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
	const OTHER_URL = 'https://other.example.com/webhook/abc/webhook';
	/** What the node derives when the Verify Token is left empty (workflow and node ids of the harness). */
	const derived = (secret = APP_SECRET) =>
		createHmac('sha256', secret)
			.update('instagram-verify-token:trigger-workflow:trigger-node')
			.digest('hex')
			.slice(0, 40);
	interface Seen {
		method: string;
		uri: string;
		body: string;
		auth: string | undefined;
	}
	function fake(host: string, ...replies: Array<[string, number, unknown]>): Seen[] {
		const seen: Seen[] = [];
		let scope = nock(host);
		for (const [method, status, body] of replies) {
			scope = scope
				.intercept(() => true, method)
				.reply(function (uri, requestBody) {
					seen.push({
						method: this.req.method,
						uri,
						body: typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody),
						auth: this.req.headers.authorization as string | undefined,
					});
					return [status, body as nock.Body, { 'content-type': 'application/json' }];
				});
		}
		return seen;
	}
	const sub = (callback_url: string, fields: string[]) => ({
		data: [
			{
				object: 'instagram',
				callback_url,
				active: true,
				fields: fields.map((name) => ({ name, version: 'v21.0' })),
			},
		],
	});
	function trigger(
		parameters: Record<string, unknown> = { events: ['comments', 'mentions'] },
		creds: Record<string, unknown> = {},
	): TriggerHarness {
		return createTriggerHarness({
			nodeType: new InstagramTrigger(),
			parameters: parameters as never,
			credentials: {
				apiConnInstagramOAuth2Api: { ...credentials.apiConnInstagramOAuth2Api, ...creds },
			},
			credentialTypes: [new ApiConnInstagramOAuth2Api()],
		});
	}
	async function activate(t: TriggerHarness, fields = 'comments,mentions') {
		// Nothing registered yet: checkExists asks nothing.
		const app = fake(FB, ['POST', 200, { success: true }]);
		const account = fake(IG, ['POST', 200, { success: true }]);
		expect(await t.run('checkExists')).toBe(false);
		expect(await t.run('create')).toBe(true);
		expect(account.map((s) => [s.method, s.uri, s.auth])).toEqual([
			[
				'POST',
				`${V}/me/subscribed_apps?subscribed_fields=${encodeURIComponent(fields)}`,
				`Bearer ${USER_TOKEN}`,
			],
		]);
		return app;
	}

	it('activation: GET and POST /{app-id}/subscriptions with the app token (header only), then the account subscribes; only the app id is stored', async () => {
		const t = trigger();
		const app = await activate(t);
		expect(app.map((s) => [s.method, s.uri, s.auth])).toEqual([
			['POST', `${V}/${APP_ID}/subscriptions`, `Bearer ${APP_ID}|${APP_SECRET}`],
		]);
		expect(Object.fromEntries(new URLSearchParams(app[0].body))).toEqual({
			object: 'instagram',
			callback_url: PROD_URL,
			fields: 'comments,mentions',
			include_values: 'true',
			verify_token: derived(),
		});
		expect(t.nodeStaticData()).toEqual({
			production: { hookId: APP_ID, events: ['comments', 'mentions'], webhookUrl: PROD_URL },
		});
	});

	it('the verify token given to Meta answers its handshake; a chosen Verify Token is sent as it is', async () => {
		const t = trigger();
		await activate(t);
		const ok = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { 'hub.mode': 'subscribe', 'hub.verify_token': derived(), 'hub.challenge': '42' },
		});
		expect([ok.response.statusCode, ok.response.body]).toEqual([200, '42']);

		const own = trigger({ events: ['comments'], verifyToken: VERIFY_TOKEN });
		const app = await activate(own, 'comments');
		expect(new URLSearchParams(app[0].body).get('verify_token')).toBe(VERIFY_TOKEN);
	});

	it('"All" subscribes comments, mentions and messages', async () => {
		const app = await activate(trigger({ events: ['*'] }), 'comments,mentions,messages');
		expect(new URLSearchParams(app[0].body).get('fields')).toBe('comments,mentions,messages');
	});

	it('the Meta App ID and Secret fields of the credential are used when set, and sign the deliveries', async () => {
		const t = trigger(
			{ events: ['comments'] },
			{ appId: '1234567890123', appSecret: 'meta_app_secret_1' },
		);
		const app = await activate(t, 'comments');
		expect(app.map((s) => [s.uri, s.auth])).toEqual([
			[`${V}/1234567890123/subscriptions`, 'Bearer 1234567890123|meta_app_secret_1'],
		]);
		expect(new URLSearchParams(app[0].body).get('verify_token')).toBe(derived('meta_app_secret_1'));
		expect(
			(await t.deliver(signed(COMMENT, 'meta_app_secret_1'))).result.workflowData?.[0],
		).toHaveLength(1);
		expect((await t.deliver(signed(COMMENT))).response.statusCode).toBe(401);
	});

	it('checkExists is true only while the app subscription calls this URL with every selected field', async () => {
		const t = trigger();
		await activate(t);
		fake(FB, ['GET', 200, sub(PROD_URL, ['comments', 'mentions', 'messages'])]);
		expect(await t.run('checkExists')).toBe(true);
		fake(FB, ['GET', 200, sub(OTHER_URL, ['comments', 'mentions'])]);
		expect(await t.run('checkExists')).toBe(false);
	});

	it('deactivation deletes the app subscription (object=instagram) when it calls this URL', async () => {
		const t = trigger();
		await activate(t);
		const seen = fake(
			FB,
			['GET', 200, sub(PROD_URL, ['comments', 'mentions'])],
			['DELETE', 200, { success: true }],
		);
		expect(await t.run('delete')).toBe(true);
		expect(seen.map((s) => [s.method, s.uri, s.auth])).toEqual([
			['GET', `${V}/${APP_ID}/subscriptions`, `Bearer ${APP_ID}|${APP_SECRET}`],
			['DELETE', `${V}/${APP_ID}/subscriptions?object=instagram`, `Bearer ${APP_ID}|${APP_SECRET}`],
		]);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('deactivation leaves a subscription another workflow has taken over', async () => {
		const t = trigger();
		await activate(t);
		const seen = fake(FB, ['GET', 200, sub(OTHER_URL, ['comments'])]);
		expect(await t.run('delete')).toBe(true);
		expect(seen.map((s) => s.method)).toEqual(['GET']);
	});

	it("Meta's refusal fails activation with its message and never shows the app secret", async () => {
		const t = trigger();
		fake(FB, [
			'POST',
			400,
			{
				error: {
					message: `(#2200) callback verification failed: token ${APP_ID}|${APP_SECRET}`,
					type: 'OAuthException',
					code: 2200,
					fbtrace_id: 'AbC123',
				},
			},
		]);
		expect(await t.run('checkExists')).toBe(false);
		const error = await t.run('create').then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toContain('Could not register the Instagram webhook');
		expect(error?.message).toContain('callback verification failed');
		expect(JSON.stringify({ m: error?.message, d: error?.description })).not.toContain(APP_SECRET);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a credential without app id fails activation before any request', async () => {
		const t = trigger({ events: ['comments'] }, { clientId: '' });
		expect(await t.run('checkExists')).toBe(false);
		const error = await t.run('create').then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toContain('no Meta app ID and secret');
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('description', () => {
	it('has the setup (GET) webhook before the delivery (POST) one, an optional verify token field, and is no AI tool', () => {
		const d = new InstagramTrigger().description;
		expect(validateService(instagramDefinition)).toEqual([]);
		expect(d.webhooks?.map((w) => [w.name, w.httpMethod, w.path])).toEqual([
			['setup', 'GET', 'webhook'],
			['default', 'POST', 'webhook'],
		]);
		expect(d.properties.map((p) => [p.name, p.type, p.default, p.required ?? false])).toEqual([
			['registrationNotice', 'notice', '', false],
			['verifyToken', 'string', '', false],
			['events', 'multiOptions', ['comments'], true],
		]);
		expect(d.usableAsTool).toBeUndefined();
		expect(d.credentials).toEqual([{ name: 'apiConnInstagramOAuth2Api', required: true }]);
	});
});
