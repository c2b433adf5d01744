/**
 * The SendGrid trigger's signature check against @sendgrid/eventwebhook (npm, 8.0.0), Twilio SendGrid's own
 * verifier (`EventWebhook.verifySignature`, ECDSA P-256 / SHA-256 over `timestamp + payload`): on the package's own
 * test vector and on deliveries signed with a P-256 key pair made here, both verifiers must give the same verdict —
 * valid, tampered body, other timestamp, other key, truncated signature.
 */
import { generateKeyPairSync } from 'node:crypto';

import { EventWebhook } from '@sendgrid/eventwebhook';

import { signPayload, verifySignature } from '../../lib/webhooks';
import { sendGridSignature } from '../../nodes/SendGrid/SendGrid.service';

/** The vector of @sendgrid/eventwebhook's src/eventwebhook.spec.js (services.md § SendGrid). */
const PUBLIC_KEY =
	'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==';
const SIGNATURE =
	'MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=';
const TIMESTAMP = '1600112502';
const PAYLOAD =
	JSON.stringify([
		{
			email: 'hello@world.com',
			event: 'dropped',
			reason: 'Bounced Address',
			sg_event_id: 'ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA',
			sg_message_id: 'LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0',
			'smtp-id': '<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>',
			timestamp: 1600112492,
		},
	]) + '\r\n';

const SIG_HEADER = 'x-twilio-email-event-webhook-signature';
const TS_HEADER = 'x-twilio-email-event-webhook-timestamp';

const sdk = new EventWebhook();
const theirs = (key: string, payload: string, signature: string, timestamp: string) => {
	try {
		return sdk.verifySignature(sdk.convertPublicKeyToECDSA(key), payload, signature, timestamp);
	} catch {
		return false;
	}
};
const ours = (key: string, payload: string, signature: string, timestamp: string) =>
	verifySignature(sendGridSignature, {
		rawBody: Buffer.from(payload),
		headers: { [SIG_HEADER]: signature, [TS_HEADER]: timestamp },
		secret: key,
		now: Number(timestamp) * 1000 + 1000,
	}).ok;

/** A P-256 key pair: the public key as SendGrid shows it (base64 DER SPKI), the private key as PEM. */
function keyPair(): { publicKey: string; privateKey: string } {
	const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
	return {
		publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
		privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
	};
}

describe('@sendgrid/eventwebhook 8.0.0', () => {
	it("the headers are the package's EventWebhookHeader names", async () => {
		const { EventWebhookHeader } = await import('@sendgrid/eventwebhook');
		expect(EventWebhookHeader.SIGNATURE().toLowerCase()).toBe(
			sendGridSignature.header.toLowerCase(),
		);
		expect(EventWebhookHeader.TIMESTAMP().toLowerCase()).toBe(
			sendGridSignature.timestampHeader!.toLowerCase(),
		);
	});

	it('the official vector: both verify it; both refuse it tampered, with another timestamp or without the trailing CRLF', () => {
		expect([
			ours(PUBLIC_KEY, PAYLOAD, SIGNATURE, TIMESTAMP),
			theirs(PUBLIC_KEY, PAYLOAD, SIGNATURE, TIMESTAMP),
		]).toEqual([true, true]);
		const cases: Array<[string, string, string]> = [
			[PAYLOAD.replace('dropped', 'dropper'), SIGNATURE, TIMESTAMP],
			[PAYLOAD, SIGNATURE, '1600112503'],
			[PAYLOAD.trimEnd(), SIGNATURE, TIMESTAMP],
		];
		for (const [payload, signature, timestamp] of cases)
			expect([
				ours(PUBLIC_KEY, payload, signature, timestamp + ''),
				theirs(PUBLIC_KEY, payload, signature, timestamp),
			]).toEqual([false, false]);
	});

	it('our own P-256 key pair: what signPayload signs the package verifies, and the same refusals', () => {
		const { publicKey, privateKey } = keyPair();
		const other = keyPair();
		const timestamp = '1764777600';
		const payload = `[{"email":"ada@example.com","event":"delivered","sg_event_id":"ZGVsaXZlcmVkLTA","timestamp":1764777590}]\r\n`;
		const headers = signPayload(sendGridSignature, {
			rawBody: Buffer.from(payload),
			secret: privateKey,
			timestamp,
		});
		const signature = headers[SIG_HEADER];
		expect(headers[TS_HEADER]).toBe(timestamp);
		expect([
			ours(publicKey, payload, signature, timestamp),
			theirs(publicKey, payload, signature, timestamp),
		]).toEqual([true, true]);
		const refused: Array<[string, string, string, string]> = [
			[publicKey, payload.replace('delivered', 'bounce'), signature, timestamp],
			[publicKey, payload, signature, '1764777601'],
			[other.publicKey, payload, signature, timestamp],
			[publicKey, payload, signature.slice(0, 20), timestamp],
		];
		for (const [key, p, s, t] of refused)
			expect([ours(key, p, s, t), theirs(key, p, s, t)]).toEqual([false, false]);
	});
});
