/**
 * SendGrid Trigger: the Event Webhook created through the API on activation (POST /v3/user/webhooks/event/settings
 * with the selected event types, then PATCH …/signed/{id} turning signing on, whose answer is the public key), checked
 * and deleted, through n8n-core's real HookContext against a nock SendGrid; deliveries through n8n-core's real
 * WebhookContext, signed as SendGrid signs them (services.md § SendGrid: base64 DER ECDSA P-256/SHA-256 over the
 * timestamp header followed by the raw body) with a P-256 key pair made here: a batch emitted one item per selected
 * event, each `sg_event_id` once; tampered, unsigned, untimed, stale, replayed or keyless deliveries get 401.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnSendGridApi } from '../../credentials/ApiConnSendGridApi.credentials';
import { useRuntime } from '../../lib/runtime';
import { schemeProblems, sharedReplayStore, signPayload } from '../../lib/webhooks';
import { sendGridSignature } from '../../nodes/SendGrid/SendGrid.service';
import { SendGridTrigger } from '../../nodes/SendGrid/SendGridTrigger.node';
import { p256KeyPair as keyPair } from '../fixtures/ecdsa-p256';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const API = 'https://api.sendgrid.com';
const KEY = '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';
const AUTH = `Bearer ${KEY}`;
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const HOOK_ID = '77d4a5da-7015-11ed-a1eb-0242ac120002';
const SIG = 'x-twilio-email-event-webhook-signature';
const TS = 'x-twilio-email-event-webhook-timestamp';

const KEYS = keyPair();
const OTHER = keyPair();

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [] }));
afterEach(() => nock.cleanAll());
beforeEach(async () => await sharedReplayStore().clear());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(parameters: Record<string, unknown> = {}): TriggerHarness {
	return createTriggerHarness({
		nodeType: new SendGridTrigger(),
		parameters: { events: ['bounce', 'delivered', 'spamreport'], ...parameters } as never,
		credentials: {
			apiConnSendGridApi: { accessToken: KEY, apiUrl: API, onBehalfOf: '' } as never,
		},
		credentialTypes: [new ApiConnSendGridApi()],
	});
}

/** SendGrid's create and sign answers (the shapes of the Webhooks API reference); records the bodies. */
function sendgrid(seen: unknown[], publicKey: string | null = KEYS.publicKey) {
	nock(API)
		.post('/v3/user/webhooks/event/settings')
		.matchHeader('authorization', AUTH)
		.reply(201, (_uri, body) => {
			seen.push(body);
			return {
				id: HOOK_ID,
				enabled: true,
				url: PROD_URL,
				bounce: true,
				delivered: true,
				spam_report: true,
			};
		});
	nock(API)
		.patch(`/v3/user/webhooks/event/settings/signed/${HOOK_ID}`)
		.matchHeader('authorization', AUTH)
		.reply(200, (_uri, body) => {
			seen.push(body);
			return publicKey === null ? { id: HOOK_ID } : { id: HOOK_ID, public_key: publicKey };
		});
}

async function activate(t: TriggerHarness): Promise<void> {
	sendgrid([]);
	expect(await t.run('create')).toBe(true);
}

describe('registration', () => {
	it('create: the Event Webhook with the selected event types, then signing on; its public key is kept sealed', async () => {
		const t = harness();
		const seen: unknown[] = [];
		sendgrid(seen);
		expect(await t.run('checkExists')).toBe(false);
		expect(await t.run('create')).toBe(true);
		expect(nock.isDone()).toBe(true);
		expect(seen).toEqual([
			{
				enabled: true,
				url: PROD_URL,
				friendly_name: expect.stringMatching(/^n8n: /),
				bounce: true,
				delivered: true,
				spam_report: true,
			},
			{ enabled: true },
		]);
		const state = (t.nodeStaticData().production ?? {}) as IDataObject;
		expect(state).toMatchObject({
			hookId: HOOK_ID,
			events: ['bounce', 'delivered', 'spamreport'],
			webhookUrl: PROD_URL,
		});
		expect(JSON.stringify(state)).not.toContain(KEYS.publicKey);
	});

	it('checkExists reads the webhook (404: create again); delete removes it and clears the state', async () => {
		const t = harness();
		await activate(t);
		nock(API)
			.get(`/v3/user/webhooks/event/settings/${HOOK_ID}`)
			.matchHeader('authorization', AUTH)
			.reply(200, { id: HOOK_ID, enabled: true, url: PROD_URL });
		expect(await t.run('checkExists')).toBe(true);
		nock(API)
			.get(`/v3/user/webhooks/event/settings/${HOOK_ID}`)
			.reply(404, { errors: [{ field: null, message: 'not found' }] });
		expect(await t.run('checkExists')).toBe(false);
		await activate(t);
		const del = nock(API)
			.delete(`/v3/user/webhooks/event/settings/${HOOK_ID}`)
			.matchHeader('authorization', AUTH)
			.reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(del.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('signing answered no public key: the new webhook is deleted, activation fails, nothing is stored', async () => {
		const t = harness();
		sendgrid([], null);
		const del = nock(API).delete(`/v3/user/webhooks/event/settings/${HOOK_ID}`).reply(204);
		await expect(t.run('create')).rejects.toThrow(/no public key/);
		expect(del.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it("a key without the webhook permission: activation fails with SendGrid's words and the fix, never the key", async () => {
		const t = harness();
		nock(API)
			.post('/v3/user/webhooks/event/settings')
			.reply(403, { errors: [{ field: null, message: 'access forbidden' }] });
		const error = (await t.run('create').catch((e: unknown) => e)) as Error;
		expect(error.message).toContain('access forbidden');
		expect(error.message).not.toContain(KEY);
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe('deliveries', () => {
	const now = () => String(Math.floor(Date.now() / 1000));
	const event = (id: string, type: string, extra: IDataObject = {}) => ({
		email: 'ada@example.com',
		event: type,
		sg_event_id: id,
		sg_message_id: 'W86EgYT6SQKk0lRflfLRsA.filterdrecv-5bd7d9d5b7-2m9xk-1-656C6E7F-2.0',
		timestamp: 1764777590,
		...extra,
	});
	/** SendGrid's body: a JSON array, events separated by `,\r\n`, ending in `\r\n`. */
	const batch = (...events: IDataObject[]) =>
		`[${events.map((e) => JSON.stringify(e)).join(',\r\n')}]\r\n`;
	const signed = (body: string, timestamp = now(), key = KEYS.privateKey) =>
		signPayload(sendGridSignature, { rawBody: Buffer.from(body), secret: key, timestamp });
	const delivery = (body: string, headers: Record<string, string>) => ({
		method: 'POST',
		rawBody: body,
		headers: { 'content-type': 'application/json', ...headers },
	});
	const items = (result: { workflowData?: unknown }) =>
		((result.workflowData as Array<Array<{ json: IDataObject }>> | undefined)?.[0] ?? []).map(
			(i) => i.json,
		);

	it('the scheme is valid: ECDSA P-256, base64 DER, timestamp + body, 10-minute window', () => {
		expect(schemeProblems(sendGridSignature)).toEqual([]);
		expect(sendGridSignature).toMatchObject({
			algorithm: 'ecdsa-p256-sha256',
			encoding: 'base64',
			signedPayload: '{timestamp}{body}',
			toleranceSeconds: 600,
		});
	});

	it('a signed batch: one item per selected event, in order, exactly as SendGrid sent it; others dropped', async () => {
		const t = harness();
		await activate(t);
		const a = event('ZGVsaXZlcmVkLTAtMQ', 'delivered', { category: ['orders'], order_id: '1234' });
		const b = event('b3Blbi0wLTI', 'open', { useragent: 'Mozilla/5.0' });
		const c = event('c3BhbXJlcG9ydC0w', 'spamreport');
		const body = batch(a, b, c);
		const { result, response } = await t.deliver(delivery(body, signed(body)));
		expect(response.statusCode).toBeUndefined();
		expect(items(result)).toEqual([a, c]);
	});

	it('each sg_event_id once: a re-signed retry emits only the events not seen before; the same bytes again get 401', async () => {
		const t = harness();
		await activate(t);
		const a = event('ZGVsaXZlcmVkLTAtMw', 'delivered');
		const first = batch(a);
		const headers = signed(first);
		expect(items((await t.deliver(delivery(first, headers))).result)).toEqual([a]);
		// The same signed bytes again: a replay.
		const replay = await t.deliver(delivery(first, headers));
		expect([replay.result, replay.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
		// SendGrid's retry carries a new timestamp and signature: the known event is not emitted again.
		const b = event('Ym91bmNlLTAtNA', 'bounce', {
			reason: '550 5.1.1 unknown user',
			type: 'bounce',
		});
		const retry = batch(a, b);
		const again = await t.deliver(delivery(retry, signed(retry, String(Number(now()) + 1))));
		expect(items(again.result)).toEqual([b]);
		// Only known events: nothing starts.
		const known = batch(b);
		const none = await t.deliver(delivery(known, signed(known, String(Number(now()) + 2))));
		expect([none.result, none.response.statusCode]).toEqual([
			{ webhookResponse: { message: 'No new changes' } },
			undefined,
		]);
	});

	it('tampered, signed with another key, unsigned, untimed, stale, another timestamp, no CRLF: 401, nothing starts', async () => {
		const t = harness();
		await activate(t);
		const body = batch(event('ZGVsaXZlcmVkLTAtNQ', 'delivered'));
		const good = signed(body);
		const stale = String(Number(now()) - 601);
		const cases = [
			delivery(body.replace('ada@', 'eve@'), good),
			delivery(body, signed(body, now(), OTHER.privateKey)),
			delivery(body, { [TS]: good[TS] }),
			delivery(body, { [SIG]: good[SIG] }),
			delivery(body, signed(body, stale)),
			delivery(body, { [SIG]: good[SIG], [TS]: String(Number(good[TS]) - 1) }),
			delivery(body.trimEnd(), good),
			delivery(body, { [SIG]: 'not-base64-der', [TS]: good[TS] }),
		];
		for (const d of cases) {
			const r = await t.deliver(d);
			expect([r.result, r.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
		}
	});

	it('fails closed without a public key (the trigger was never activated): 401', async () => {
		const t = harness();
		const body = batch(event('ZGVsaXZlcmVkLTAtNg', 'delivered'));
		const r = await t.deliver(delivery(body, signed(body)));
		expect([r.result, r.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
	});
});

describe('manual setup (an Event Webhook made in SendGrid, its verification key pasted)', () => {
	const body = `[${JSON.stringify({ email: 'ada@example.com', event: 'delivered', sg_event_id: 'bWFudWFsLTAtMQ', timestamp: 1764777590 })}]\r\n`;
	const now = () => String(Math.floor(Date.now() / 1000));
	const deliver = (t: TriggerHarness, key: string) =>
		t.deliver({
			method: 'POST',
			rawBody: body,
			headers: {
				'content-type': 'application/json',
				...signPayload(sendGridSignature, {
					rawBody: Buffer.from(body),
					secret: key,
					timestamp: now(),
				}),
			},
		});

	it('the Verification Key field shows only with Setup: Manual', () => {
		const fields = new SendGridTrigger().description.properties;
		expect(fields.find((f) => f.name === 'setup')).toMatchObject({
			type: 'options',
			default: 'api',
		});
		expect(fields.find((f) => f.name === 'verificationKey')?.displayOptions).toEqual({
			show: { setup: ['manual'] },
		});
	});

	it('activation sends nothing to SendGrid and keeps the pasted key sealed; deliveries are verified with it', async () => {
		const t = harness({ setup: 'manual', verificationKey: KEYS.publicKey });
		expect(await t.run('checkExists')).toBe(false);
		expect(await t.run('create')).toBe(true);
		const state = (t.nodeStaticData().production ?? {}) as IDataObject;
		expect(state).toMatchObject({ hookId: 'manual', webhookUrl: PROD_URL });
		expect(JSON.stringify(state)).not.toContain(KEYS.publicKey);
		const ok = await deliver(t, KEYS.privateKey);
		expect(
			((ok.result.workflowData as Array<Array<{ json: IDataObject }>>)[0] ?? []).map(
				(i) => i.json.sg_event_id,
			),
		).toEqual(['bWFudWFsLTAtMQ']);
		const forged = await deliver(t, OTHER.privateKey);
		expect([forged.result, forged.response.statusCode]).toEqual([{ noWebhookResponse: true }, 401]);
		// Still serving with the same key; a new key pasted registers again; deactivation sends nothing either.
		expect(await t.run('checkExists')).toBe(true);
		t.setParameters({ events: ['delivered'], setup: 'manual', verificationKey: OTHER.publicKey });
		expect(await t.run('checkExists')).toBe(false);
		expect(await t.run('create')).toBe(true);
		expect(await t.run('delete')).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a key that is not a P-256 public key (empty, text, a private key) stops activation naming the field and where to copy it', async () => {
		for (const [key, why] of [
			['', 'it is empty'],
			['not a key!', 'it is neither PEM nor base64'],
			['bm90IGEga2V5', 'it is not a public key (PEM, or base64 DER SubjectPublicKeyInfo)'],
			[KEYS.privateKey, 'paste the PEM "PUBLIC KEY"'],
		]) {
			const t = harness({ setup: 'manual', verificationKey: key });
			const error = (await t.run('create').catch((e: unknown) => e)) as Error & {
				description?: string;
			};
			expect(error.message).toContain("The Verification Key is not SendGrid's: ");
			expect(error.message).toContain(why);
			expect(error.description).toContain('Signature Verification');
			expect(t.nodeStaticData()).toEqual({});
		}
	});

	it('switching an activated trigger to manual deletes the Event Webhook activation had made', async () => {
		const t = harness();
		await activate(t);
		t.setParameters({
			events: ['bounce', 'delivered', 'spamreport'],
			setup: 'manual',
			verificationKey: KEYS.publicKey,
		});
		const del = nock(API)
			.delete(`/v3/user/webhooks/event/settings/${HOOK_ID}`)
			.matchHeader('authorization', AUTH)
			.reply(204);
		expect(await t.run('checkExists')).toBe(false);
		expect(del.isDone()).toBe(true);
		expect(await t.run('create')).toBe(true);
		expect(t.nodeStaticData().production).toMatchObject({ hookId: 'manual' });
	});
});
