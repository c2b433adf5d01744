/**
 * TikTok Trigger through n8n-core's real HookContext and WebhookContext: the callback URL is registered by
 * hand in the developer portal (the lifecycle touches nothing at TikTok), and every delivery is verified with
 * `TikTok-Signature: t=…,s=…` = hex HMAC-SHA256(client secret, "t.body") over the raw bytes, with a 300 s window
 * both ways, replays rejected, failing closed. The reference test vector is services.md § TikTok; other
 * signatures are computed here with node:crypto.
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ApiConnTikTokOAuth2Api } from '../../credentials/ApiConnTikTokOAuth2Api.credentials';
import { validateService } from '../../lib/spec/schema';
import { triggerWebhook } from '../../lib/triggers';
import { sharedReplayStore, verifySignature } from '../../lib/webhooks';
import { tikTokDefinition } from '../../nodes/TikTok/TikTok.service';
import { TikTokTrigger } from '../../nodes/TikTok/TikTokTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

// services.md § TikTok test vector.
const VECTOR_SECRET = 'tiktok_client_secret';
const VECTOR_T = 1633174587;
const VECTOR_BODY =
	'{"client_key":"abc","event":"post.publish.complete","create_time":1633174587,"user_openid":"u1","content":"{}"}';
const VECTOR_HEADER =
	't=1633174587,s=3f95d917d9196a93a41584fda82d5eafd1c663b8177a6411b357ac14874c55c8';

/** The trigger with the delivery clock pinned, so the window is tested at its exact edges. */
class ClockedTikTokTrigger extends TikTokTrigger {
	static nowMs = VECTOR_T * 1000;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, tikTokDefinition, { now: ClockedTikTokTrigger.nowMs });
	}
}

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => {
	ClockedTikTokTrigger.nowMs = VECTOR_T * 1000;
	await sharedReplayStore().clear();
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function harness(
	events: string[] = ['post.publish.*', 'authorization.removed'],
	secret = VECTOR_SECRET,
) {
	return createTriggerHarness({
		nodeType: new ClockedTikTokTrigger(),
		parameters: { events },
		credentials: {
			apiConnTikTokOAuth2Api: {
				clientId: 'abc',
				clientSecret: secret,
				oauthTokenData: { access_token: 'act.trigger0000', token_type: 'Bearer' },
			},
		},
		credentialTypes: [new ApiConnTikTokOAuth2Api()],
	});
}

const sign = (secret: string, body: string, t: number) =>
	createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

function event(name: string, t = VECTOR_T, content = '{"publish_id":"v_pub_url~v2.1"}') {
	return JSON.stringify({
		client_key: 'abc',
		event: name,
		create_time: t,
		user_openid: 'act.example-open-id',
		content,
	});
}

function delivery(body: string, header: string | undefined) {
	return {
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': 'application/json',
			...(header === undefined ? {} : { 'tiktok-signature': header }),
		},
	};
}

async function rejected(t: TriggerHarness, body: string, header: string | undefined) {
	const { result, response } = await t.deliver(delivery(body, header));
	expect(result).toEqual({ noWebhookResponse: true });
	expect(response.statusCode).toBe(401);
	expect(JSON.stringify(response.body)).not.toContain(VECTOR_SECRET);
	return (response.body as { message: string }).message;
}

describe('the TikTok trigger', () => {
	it('is the documented scheme, and the reference vector verifies', () => {
		expect(validateService(tikTokDefinition)).toEqual([]);
		const scheme = tikTokDefinition.spec.webhook!.signature!;
		expect(scheme).toEqual({
			header: 'TikTok-Signature',
			algorithm: 'sha256',
			encoding: 'hex',
			structured: { timestampKey: 't', signatureKey: 's' },
			signedPayload: '{timestamp}.{body}',
			toleranceSeconds: 300,
			timestampWindow: 'two-sided',
		});
		expect(
			verifySignature(scheme, {
				rawBody: Buffer.from(VECTOR_BODY),
				headers: { 'tiktok-signature': VECTOR_HEADER },
				secret: VECTOR_SECRET,
				now: VECTOR_T * 1000,
			}),
		).toEqual({ ok: true, timestamp: VECTOR_T });
		expect(sign(VECTOR_SECRET, VECTOR_BODY, VECTOR_T)).toBe(VECTOR_HEADER.split(',s=')[1]);
	});

	it('activation and deactivation touch nothing at TikTok (the callback URL is set in the developer portal)', async () => {
		const t = harness();
		expect(await t.run('checkExists')).toBe(true);
		expect(await t.run('create')).toBe(true);
		expect(await t.run('delete')).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('the signed vector delivery starts one execution with its event and body', async () => {
		const { result, response } = await harness().deliver(delivery(VECTOR_BODY, VECTOR_HEADER));
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[0][0].json).toEqual({
			event: 'post.publish.complete',
			deliveryId: null,
			body: JSON.parse(VECTOR_BODY),
			headers: { 'content-type': 'application/json', 'tiktok-signature': VECTOR_HEADER },
			query: {},
		});
	});

	it('tampered, unsigned, signed with another secret, or without the s= part: 401, nothing starts', async () => {
		const t = harness();
		expect(await rejected(t, VECTOR_BODY.replace('u1', 'u2'), VECTOR_HEADER)).toBe(
			'The TikTok-Signature signature does not match the request (wrong secret, or the body was changed).',
		);
		expect(await rejected(t, VECTOR_BODY, undefined)).toBe(
			'The request has no TikTok-Signature header.',
		);
		expect(
			await rejected(
				t,
				VECTOR_BODY,
				`t=${VECTOR_T},s=${sign('someone-else', VECTOR_BODY, VECTOR_T)}`,
			),
		).toBe(
			'The TikTok-Signature signature does not match the request (wrong secret, or the body was changed).',
		);
		expect(await rejected(t, VECTOR_BODY, `t=${VECTOR_T}`)).toBe(
			'The TikTok-Signature header has no "s" signature.',
		);
	});

	it('the window is 300 s both ways: 300 s old passes, 301 s old or 301 s ahead is rejected', async () => {
		const t = harness();
		const at = (offset: number, id: string) => {
			const ts = VECTOR_T + offset;
			const body = event('post.publish.failed', ts, `{"publish_id":"${id}"}`);
			return { body, header: `t=${ts},s=${sign(VECTOR_SECRET, body, ts)}` };
		};
		const edge = at(-300, 'edge');
		expect((await t.deliver(delivery(edge.body, edge.header))).result.workflowData).toHaveLength(1);
		const stale = at(-301, 'stale');
		expect(await rejected(t, stale.body, stale.header)).toBe(
			'The request timestamp is 301 s old; deliveries older than 300 s are rejected.',
		);
		const future = at(301, 'future');
		expect(await rejected(t, future.body, future.header)).toMatch(/301 s in the future/);
	});

	it('the same signed delivery twice: the second is a replay (401)', async () => {
		const t = harness();
		expect(
			(await t.deliver(delivery(VECTOR_BODY, VECTOR_HEADER))).result.workflowData,
		).toHaveLength(1);
		expect(await rejected(t, VECTOR_BODY, VECTOR_HEADER)).toBe(
			'This delivery was already received within the last 300 s and is rejected as a replay.',
		);
	});

	it('a credential without the client secret fails closed', async () => {
		const t = harness(undefined, '');
		const message = await rejected(t, VECTOR_BODY, VECTOR_HEADER);
		expect(message).toBe(
			'No TikTok signing secret is set, so deliveries cannot be verified. Paste it into the credential.',
		);
	});

	it('only the selected events start an execution: authorization.removed passes, video.upload.failed is acknowledged', async () => {
		const t = harness(['authorization.removed']);
		const removed = event('authorization.removed', VECTOR_T, '{"reason":1}');
		const ok = await t.deliver(
			delivery(removed, `t=${VECTOR_T},s=${sign(VECTOR_SECRET, removed, VECTOR_T)}`),
		);
		expect(ok.result.workflowData?.[0][0].json.event).toBe('authorization.removed');
		const other = event('video.upload.failed');
		const ignored = await t.deliver(
			delivery(other, `t=${VECTOR_T},s=${sign(VECTOR_SECRET, other, VECTOR_T)}`),
		);
		expect(ignored.result).toEqual({ webhookResponse: { message: 'Event not selected' } });
	});
});
