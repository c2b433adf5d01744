/**
 * Instagram Trigger: Meta's subscription handshake (hub.challenge with the verify token) and deliveries
 * signed with X-Hub-Signature-256 = HMAC-SHA256(app secret, raw body), through n8n-core's real
 * WebhookContext. Registration is manual (app-level callback in the Meta dashboard): the lifecycle
 * touches nothing at Instagram.
 */
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

describe('registration (manual) and description', () => {
	it('checkExists, create and delete touch nothing at Instagram (net connect is disabled) and store nothing', async () => {
		const t = harness();
		expect(await t.run('checkExists')).toBe(true);
		expect(await t.run('create')).toBe(true);
		expect(await t.run('delete')).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('has the setup (GET) webhook before the delivery (POST) one, a verify token field, and is no AI tool', () => {
		const d = new InstagramTrigger().description;
		expect(validateService(instagramDefinition)).toEqual([]);
		expect(d.webhooks?.map((w) => [w.name, w.httpMethod, w.path])).toEqual([
			['setup', 'GET', 'webhook'],
			['default', 'POST', 'webhook'],
		]);
		expect(d.properties.map((p) => [p.name, p.type, p.default])).toEqual([
			['registrationNotice', 'notice', ''],
			['verifyToken', 'string', ''],
			['events', 'multiOptions', ['comments']],
		]);
		expect(d.usableAsTool).toBeUndefined();
		expect(d.credentials).toEqual([{ name: 'apiConnInstagramOAuth2Api', required: true }]);
	});
});
