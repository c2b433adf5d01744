/**
 * The SendGrid trigger's signature check against @sendgrid/eventwebhook (npm, 8.0.0), Twilio SendGrid's own
 * verifier (`EventWebhook.verifySignature`, ECDSA P-256 / SHA-256 over `timestamp + payload`): on the package's own
 * test vector and on deliveries signed with a P-256 key pair made here, both verifiers must give the same verdict —
 * valid, tampered body, other timestamp, other key, truncated signature.
 */
import { EventWebhook } from '@sendgrid/eventwebhook';

import { signPayload, verifySignature } from '../../lib/webhooks';
import { sendGridSignature } from '../../nodes/SendGrid/SendGrid.service';
import {
	p256KeyPair as keyPair,
	VECTOR_BODY as PAYLOAD,
	VECTOR_KEY as PUBLIC_KEY,
	VECTOR_SIGNATURE as SIGNATURE,
	VECTOR_TIMESTAMP as TIMESTAMP,
} from '../fixtures/ecdsa-p256';

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
