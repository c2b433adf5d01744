/**
 * HubSpot Trigger through n8n-core's real WebhookContext, and HubSpot's signature schemes on their own:
 * services.md § HubSpot's v3 test vector (base64 HMAC-SHA256 of method + URI + body + timestamp under the client
 * secret, 5-minute one-sided window, exactly 300000 ms still accepted) and the v1/v2 plain SHA-256 forms; deliveries
 * signed, tampered, unsigned, with another secret, stale, replayed; a batched event array emitted one item per
 * selected event, each `eventId` once. Signatures here are computed independently with node:crypto.
 */
import { createHash, createHmac } from 'node:crypto';

import { ApiConnHubspotApi } from '../../credentials/ApiConnHubspotApi.credentials';
import { ApiConnHubspotOAuth2Api } from '../../credentials/ApiConnHubspotOAuth2Api.credentials';
import { checkDelivery, sharedReplayStore } from '../../lib/webhooks';
import {
	hubspotSignatureV1,
	hubspotSignatureV2,
	hubspotSignatureV3,
} from '../../nodes/Hubspot/Hubspot.service';
import { HubspotTrigger } from '../../nodes/Hubspot/HubspotTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const SECRET = 'hs_client_secret';

beforeEach(async () => await sharedReplayStore().clear());

describe('HubSpot signature schemes (services.md § HubSpot)', () => {
	const vector = {
		rawBody: Buffer.from('[{"eventId":1}]'),
		url: 'https://example.com/webhooks/hubspot',
		method: 'POST',
		secret: SECRET,
	};
	const v3 = (
		timestamp: string,
		now: number,
		signature = 'quEgwqH6IpdSNhTjyxc0iJMclpZAaZST0QSP3gaWb/w=',
	) =>
		checkDelivery(hubspotSignatureV3, {
			...vector,
			headers: {
				'x-hubspot-signature-v3': signature,
				'x-hubspot-request-timestamp': timestamp,
			},
			now,
		});

	it('the v3 vector verifies, up to exactly 300000 ms old; one millisecond more is stale', () => {
		expect(v3('1700000000000', 1700000000000).ok).toBe(true);
		expect(v3('1700000000000', 1700000300000).ok).toBe(true);
		expect(v3('1700000000000', 1700000300001)).toMatchObject({
			ok: false,
			reason: 'stale-timestamp',
		});
		// One-sided like HubSpot's SDK: a timestamp ahead of the clock passes.
		expect(v3('1700000000000', 1699999000000).ok).toBe(true);
	});

	it('v3 fails closed: another timestamp, method, URL or secret, or no header', () => {
		expect(v3('1700000000001', 1700000000001)).toMatchObject({
			ok: false,
			reason: 'bad-signature',
		});
		expect(
			checkDelivery(hubspotSignatureV3, {
				...vector,
				url: 'https://example.com/webhooks/other',
				headers: {
					'x-hubspot-signature-v3': 'quEgwqH6IpdSNhTjyxc0iJMclpZAaZST0QSP3gaWb/w=',
					'x-hubspot-request-timestamp': '1700000000000',
				},
				now: 1700000000000,
			}),
		).toMatchObject({ ok: false, reason: 'bad-signature' });
		expect(
			checkDelivery(hubspotSignatureV3, {
				...vector,
				secret: 'other',
				headers: {
					'x-hubspot-signature-v3': 'quEgwqH6IpdSNhTjyxc0iJMclpZAaZST0QSP3gaWb/w=',
					'x-hubspot-request-timestamp': '1700000000000',
				},
				now: 1700000000000,
			}),
		).toMatchObject({ ok: false, reason: 'bad-signature' });
		expect(
			checkDelivery(hubspotSignatureV3, {
				...vector,
				headers: { 'x-hubspot-request-timestamp': '1700000000000' },
				now: 1700000000000,
			}),
		).toMatchObject({ ok: false, reason: 'missing-signature' });
		expect(
			checkDelivery(hubspotSignatureV3, {
				...vector,
				secret: '',
				headers: {
					'x-hubspot-signature-v3': 'quEgwqH6IpdSNhTjyxc0iJMclpZAaZST0QSP3gaWb/w=',
					'x-hubspot-request-timestamp': '1700000000000',
				},
				now: 1700000000000,
			}),
		).toMatchObject({ ok: false, reason: 'missing-secret' });
	});

	it('v1 is hex SHA-256 of secret + body, v2 of secret + method + URI + body (not HMACs)', () => {
		const v1 = createHash('sha256').update(`${SECRET}[{"eventId":1}]`).digest('hex');
		const v2 = createHash('sha256')
			.update(`${SECRET}POSThttps://example.com/webhooks/hubspot[{"eventId":1}]`)
			.digest('hex');
		const check = (scheme: typeof hubspotSignatureV1, signature: string) =>
			checkDelivery(scheme, { ...vector, headers: { 'x-hubspot-signature': signature }, now: 1 });
		expect(check(hubspotSignatureV1, v1).ok).toBe(true);
		expect(check(hubspotSignatureV2, v2).ok).toBe(true);
		expect(check(hubspotSignatureV1, v2)).toMatchObject({ ok: false, reason: 'bad-signature' });
		expect(check(hubspotSignatureV2, v1)).toMatchObject({ ok: false, reason: 'bad-signature' });
		// An HMAC of the same bytes is not the v1 signature.
		const hmac = createHmac('sha256', SECRET).update('[{"eventId":1}]').digest('hex');
		expect(check(hubspotSignatureV1, hmac)).toMatchObject({ ok: false, reason: 'bad-signature' });
	});
});

function harness(parameters: Record<string, unknown> = {}): TriggerHarness {
	return createTriggerHarness({
		nodeType: new HubspotTrigger(),
		parameters: {
			events: ['contact.creation', 'contact.propertyChange'],
			signingSecret: SECRET,
			...parameters,
		} as never,
		credentials: {
			apiConnHubspotApi: { accessToken: 'pat-na1-00000000-aaaa-bbbb-cccc-000000000000' },
		},
		credentialTypes: [new ApiConnHubspotApi(), new ApiConnHubspotOAuth2Api()],
	});
}

const events = (ids: number[], type = 'contact.creation') =>
	ids.map((eventId) => ({
		eventId,
		subscriptionId: 2400710,
		portalId: 62515,
		appId: 1160452,
		occurredAt: 1764756000000,
		subscriptionType: type,
		attemptNumber: 0,
		objectId: 512,
		changeFlag: 'CREATED',
		changeSource: 'CRM_UI',
	}));

function signedV3(t: TriggerHarness, body: string, at = Date.now(), secret = SECRET) {
	const timestamp = String(at);
	const signature = createHmac('sha256', secret)
		.update(`POST${t.webhookUrl()}${body}${timestamp}`)
		.digest('base64');
	return {
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': 'application/json',
			'x-hubspot-signature-v3': signature,
			'x-hubspot-request-timestamp': timestamp,
		},
	};
}

describe('the trigger node', () => {
	it('manual registration: Signature Version, Notification URL, Client Secret; HubSpot subscription types', () => {
		const d = new HubspotTrigger().description;
		const names = d.properties.map((p) => p.name);
		expect(names).toEqual(
			expect.arrayContaining(['signatureVersion', 'events', 'notificationUrl', 'signingSecret']),
		);
		const secret = d.properties.find((p) => p.name === 'signingSecret')!;
		expect(secret.displayName).toBe('Client Secret');
		const events = d.properties.find((p) => p.name === 'events')!;
		expect(events.default).toEqual(['contact.creation']);
	});
});

describe('deliveries', () => {
	it('a signed batch emits one item per selected event; unselected events are dropped', async () => {
		const t = harness();
		const batch = [...events([101, 102]), ...events([103], 'deal.creation')];
		const body = JSON.stringify(batch);
		const { result, response } = await t.deliver(signedV3(t, body));
		expect(response.statusCode).toBeUndefined();
		const items = result.workflowData?.[0] ?? [];
		expect(items.map((i) => [i.json.event, i.json.deliveryId, i.json.body])).toEqual([
			['contact.creation', '101', batch[0]],
			['contact.creation', '102', batch[1]],
		]);
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});

	it('a batch re-sent under a new signature emits only the events not emitted yet', async () => {
		const t = harness();
		const first = JSON.stringify(events([201]));
		expect((await t.deliver(signedV3(t, first))).result.workflowData?.[0]).toHaveLength(1);
		const again = JSON.stringify(events([201, 202]));
		const { result } = await t.deliver(signedV3(t, again, Date.now() + 1));
		expect(result.workflowData?.[0].map((i) => i.json.deliveryId)).toEqual(['202']);
		const last = await t.deliver(signedV3(t, first, Date.now() + 2));
		expect(last.result).toEqual({ webhookResponse: { message: 'No new events' } });
	});

	it('tampered, unsigned, another secret, stale and replayed deliveries get 401 and start nothing', async () => {
		const t = harness();
		const body = JSON.stringify(events([301]));
		const rejected = async (request: ReturnType<typeof signedV3>) => {
			const { result, response } = await t.deliver(request);
			expect(result).toEqual({ noWebhookResponse: true });
			return response.statusCode;
		};
		const good = signedV3(t, body);
		expect(await rejected({ ...good, rawBody: body.replace('512', '513') })).toBe(401);
		const { 'x-hubspot-signature-v3': _drop, ...unsigned } = good.headers;
		void _drop;
		expect(await rejected({ ...good, headers: unsigned as never })).toBe(401);
		expect(await rejected(signedV3(t, body, Date.now(), 'another_secret'))).toBe(401);
		expect(await rejected(signedV3(t, body, Date.now() - 300_001))).toBe(401);
		expect((await t.deliver(good)).result.workflowData?.[0]).toHaveLength(1);
		expect(await rejected(good)).toBe(401);
	});

	it('without a Client Secret nothing is verified: 401', async () => {
		const t = harness({ signingSecret: '' });
		const { result, response } = await t.deliver(signedV3(t, JSON.stringify(events([401]))));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
	});

	it('Signature Version v1 verifies X-HubSpot-Signature (and refuses a v3-only delivery)', async () => {
		const t = harness({ signatureVersion: 'v1' });
		const body = JSON.stringify(events([501]));
		const v1 = createHash('sha256').update(`${SECRET}${body}`).digest('hex');
		const ok = await t.deliver({
			method: 'POST',
			rawBody: body,
			headers: {
				'content-type': 'application/json',
				'x-hubspot-signature': v1,
				'x-hubspot-signature-version': 'v1',
			},
		});
		expect(ok.result.workflowData?.[0].map((i) => i.json.deliveryId)).toEqual(['501']);
		const v3only = await t.deliver(signedV3(t, JSON.stringify(events([502]))));
		expect(v3only.response.statusCode).toBe(401);
	});

	it('with the OAuth2 credential the app’s client secret comes from the credential (no field to paste)', async () => {
		const t = createTriggerHarness({
			nodeType: new HubspotTrigger(),
			parameters: {
				authentication: 'apiConnHubspotOAuth2Api',
				events: ['contact.creation'],
			} as never,
			credentials: {
				apiConnHubspotOAuth2Api: {
					clientId: 'e2c1f0a4-0000-4000-8000-00000000c1d0',
					clientSecret: SECRET,
					oauthTokenData: { access_token: 'CJ-oauth-token', refresh_token: 'r-token' },
				},
			},
			credentialTypes: [new ApiConnHubspotApi(), new ApiConnHubspotOAuth2Api()],
		});
		const d = new HubspotTrigger().description;
		expect(d.properties.find((p) => p.name === 'signingSecret')?.displayOptions).toEqual({
			show: { authentication: ['apiConnHubspotApi'] },
		});
		const ok = await t.deliver(signedV3(t, JSON.stringify(events([601]))));
		expect(ok.result.workflowData?.[0].map((i) => i.json.deliveryId)).toEqual(['601']);
		const other = await t.deliver(
			signedV3(t, JSON.stringify(events([602])), Date.now(), 'not-the-client-secret'),
		);
		expect(other.response.statusCode).toBe(401);
	});

	it('a body that is not an event list is refused with 400', async () => {
		const t = harness();
		const { response } = await t.deliver(signedV3(t, JSON.stringify({ eventId: 1 })));
		expect(response.statusCode).toBe(400);
	});
});
