/**
 * Notion Trigger through n8n-core's real HookContext and WebhookContext: a subscription created by hand in the
 * integration's Webhooks tab (the lifecycle touches nothing at Notion); the verification handshake — Notion's one
 * unsigned POST `{"verification_token": …}` starts one execution that shows the token while the trigger has none,
 * and nothing once one is set; every delivery verified with `X-Notion-Signature: sha256=<hex HMAC-SHA256 of the
 * raw body, keyed with the verification token>`, failing closed (also while no token is set); deduplicated by the
 * event's `id` (Notion's retries carry the same id and a new attempt_number); only the picked events run.
 */
import { signWebhookPayload } from '@notionhq/client';
import nock from 'nock';

import { ApiConnNotionApi } from '../../credentials/ApiConnNotionApi.credentials';
import { validateService } from '../../lib/spec/schema';
import { sharedReplayStore } from '../../lib/webhooks';
import { notionDefinition } from '../../nodes/Notion/Notion.service';
import { NotionTrigger } from '../../nodes/Notion/NotionTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const TOKEN = 'secret_tmUp3cyDw9mZjHbbqGJ1Q2vTfTTBl4pg1TWIvnVyDAI';

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => await sharedReplayStore().clear());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function harness(events: string[] = ['page.*', 'comment.created'], token = TOKEN) {
	return createTriggerHarness({
		nodeType: new NotionTrigger(),
		parameters: {
			authentication: 'apiConnNotionApi',
			events,
			...(token === undefined ? {} : { signingSecret: token }),
		},
		credentials: { apiConnNotionApi: { accessToken: 'ntn_5183947260a8Kx3demoSecretQ9' } },
		credentialTypes: [new ApiConnNotionApi()],
	});
}

/** A delivery shaped as @notionhq/client's webhook payload types. */
function event(type: string, id = '367cba44-b6f3-4c92-81e7-6a2e9659efd4', attempt = 1) {
	return JSON.stringify({
		id,
		timestamp: '2026-12-03T09:00:00.000Z',
		workspace_id: '13950b26-c203-4f3b-b97d-93ec06319565',
		workspace_name: 'Acme Kitchen',
		subscription_id: '29d75c0d-5546-4414-8459-7b7a92f1fc4b',
		integration_id: '0ef5a9c6-9d6d-4b4c-a2a1-0d7c7e3a1b2c',
		authors: [{ id: 'c7c11cca-1d73-471d-9b6e-bdef51470190', type: 'person' }],
		attempt_number: attempt,
		api_version: '2025-09-03',
		type,
		entity: { id: '153104cd-477e-809d-8dc4-ff2d96ae3090', type: type.split('.')[0] },
		data: { parent: { id: '13950b26-c203-4f3b-b97d-93ec06319565', type: 'space' } },
	});
}

const sign = async (body: string, token = TOKEN) =>
	await signWebhookPayload({ body, verificationToken: token });

function delivery(body: string, signature?: string) {
	return {
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': 'application/json',
			'user-agent': 'notion-api',
			...(signature === undefined ? {} : { 'x-notion-signature': signature }),
		},
	};
}

async function rejected(t: TriggerHarness, body: string, signature?: string) {
	const { result, response } = await t.deliver(delivery(body, signature));
	expect(result).toEqual({ noWebhookResponse: true });
	expect(response.statusCode).toBe(401);
	expect(JSON.stringify(response.body)).not.toContain(TOKEN);
	return (response.body as { message: string }).message;
}

describe('the Notion trigger', () => {
	it('is the SDK\'s scheme (X-Notion-Signature, "sha256=" + hex), registered by hand, the token named Verification Token', () => {
		expect(validateService(notionDefinition)).toEqual([]);
		expect(notionDefinition.spec.webhook).toMatchObject({
			register: 'manual',
			signature: {
				header: 'X-Notion-Signature',
				algorithm: 'sha256',
				encoding: 'hex',
				prefix: 'sha256=',
			},
			eventPath: 'type',
			deliveryIdPath: 'id',
		});
		const field = new NotionTrigger().description.properties.find(
			(p) => p.name === 'signingSecret',
		);
		expect(field).toMatchObject({
			displayName: 'Verification Token',
			typeOptions: { password: true },
		});
		// Empty until Notion's verification request brings it: not required, so the workflow can run to receive it.
		expect(field?.required).toBeUndefined();
		expect(field?.description).toContain('the trigger then runs once with the verification token');
	});

	it('activation and deactivation touch nothing at Notion (the subscription is made in the integration settings)', async () => {
		const t = harness();
		expect(await t.run('checkExists')).toBe(true);
		expect(await t.run('create')).toBe(true);
		expect(await t.run('delete')).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	describe('the verification handshake', () => {
		const verification = JSON.stringify({ verification_token: TOKEN });

		it('without a token set: answered 200, and one execution shows the token to paste back', async () => {
			const { result, response } = await harness(undefined, '').deliver(delivery(verification));
			expect(response.statusCode).toBe(200);
			expect(result.noWebhookResponse).toBe(true);
			expect(result.workflowData?.[0]).toHaveLength(1);
			expect(result.workflowData?.[0][0].json).toEqual({
				event: 'verification',
				deliveryId: null,
				body: { verification_token: TOKEN },
				headers: { 'content-type': 'application/json', 'user-agent': 'notion-api' },
				query: {},
			});
		});

		it('an unsigned verification request starts at most one execution per 10 minutes (a stranger who learns the URL cannot start more)', async () => {
			const t = harness(undefined, '');
			const first = await t.deliver(delivery(verification));
			expect(first.result.workflowData?.[0]).toHaveLength(1);
			const forged = JSON.stringify({ verification_token: 'secret_forged000000000000000000' });
			const again = await t.deliver(delivery(forged));
			expect(again.response.statusCode).toBe(200);
			expect(again.result).toEqual({ noWebhookResponse: true });
		});

		it('with a token set: answered 200, nothing starts and the token is not echoed', async () => {
			const { result, response } = await harness().deliver(delivery(verification));
			expect(response.statusCode).toBe(200);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(JSON.stringify(response.body ?? '')).not.toContain(TOKEN);
		});

		it('until the token is set, every event fails closed (401) and starts nothing', async () => {
			const body = event('page.created');
			const message = await rejected(harness(undefined, ''), body, await sign(body));
			expect(message).toBe(
				"No Notion verification token is set, so deliveries cannot be verified. Paste it into the trigger's Verification Token field.",
			);
		});
	});

	it('a signed event starts one execution with its type, id and body', async () => {
		const body = event('page.created');
		const { result, response } = await harness().deliver(delivery(body, await sign(body)));
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'page.created',
			deliveryId: '367cba44-b6f3-4c92-81e7-6a2e9659efd4',
			body: JSON.parse(body),
		});
	});

	it('tampered, unsigned, another token, the hex without "sha256=", or an upper-case prefix: 401, nothing starts', async () => {
		const t = harness();
		const body = event('page.created');
		const good = await sign(body);
		const mismatch =
			'The X-Notion-Signature signature does not match the request (wrong secret, or the body was changed).';
		expect(await rejected(t, body.replace('Acme', 'Evil'), good)).toBe(mismatch);
		expect(await rejected(t, body)).toBe('The request has no X-Notion-Signature header.');
		expect(await rejected(t, body, await sign(body, 'secret_someone_else'))).toBe(mismatch);
		expect(await rejected(t, body, good.slice('sha256='.length))).toMatch(/X-Notion-Signature/);
		expect(await rejected(t, body, good.replace('sha256=', 'SHA1='))).toMatch(/X-Notion-Signature/);
	});

	it("Notion's retry of an event (same id, next attempt_number, new signature) is answered 200 and starts nothing; the same bytes again are a 401 replay", async () => {
		const t = harness();
		const first = event('page.created', 'evt-1', 1);
		expect((await t.deliver(delivery(first, await sign(first)))).result.workflowData).toHaveLength(
			1,
		);
		const retry = event('page.created', 'evt-1', 2);
		const again = await t.deliver(delivery(retry, await sign(retry)));
		expect(again.result.workflowData).toBeUndefined();
		expect(again.response.statusCode).toBe(200);
		const replay = await t.deliver(delivery(first, await sign(first)));
		expect(replay.result.workflowData).toBeUndefined();
		expect(replay.response.statusCode).toBe(401);
	});

	it('only the picked events start an execution: page.* and comment.created run, data_source.created is acknowledged', async () => {
		const t = harness();
		for (const [type, id] of [
			['page.properties_updated', 'e1'],
			['comment.created', 'e2'],
		]) {
			const body = event(type, id);
			const ok = await t.deliver(delivery(body, await sign(body)));
			expect(ok.result.workflowData?.[0][0].json.event).toBe(type);
		}
		const other = event('data_source.created', 'e3');
		const ignored = await t.deliver(delivery(other, await sign(other)));
		expect(ignored.result).toEqual({ webhookResponse: { message: 'Event not selected' } });
	});
});
