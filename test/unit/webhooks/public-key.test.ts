/**
 * Public-key signature schemes (ECDSA over P-256): the trigger holds the sender's public key, so it can verify but
 * never sign. Vector: SendGrid's own (`@sendgrid/eventwebhook` 8.0.0 spec), timestamp + raw body, base64 DER.
 */
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';

import {
	checkDelivery,
	publicKeyOf,
	schemeProblems,
	signPayload,
	verifySignature,
	type SignatureScheme,
} from '../../../lib/webhooks';
import {
	VECTOR_BODY,
	VECTOR_KEY,
	VECTOR_SIGNATURE,
	VECTOR_TIMESTAMP,
} from '../../fixtures/ecdsa-p256';

const scheme: SignatureScheme = {
	header: 'X-Twilio-Email-Event-Webhook-Signature',
	timestampHeader: 'X-Twilio-Email-Event-Webhook-Timestamp',
	algorithm: 'ecdsa-p256-sha256',
	encoding: 'base64',
	signedPayload: '{timestamp}{body}',
	toleranceSeconds: 600,
};
/** Just after the vector's timestamp, inside the window. */
const NOW = (Number(VECTOR_TIMESTAMP) + 10) * 1000;

function vectorHeaders(extra: Record<string, string> = {}) {
	return {
		'x-twilio-email-event-webhook-signature': VECTOR_SIGNATURE,
		'x-twilio-email-event-webhook-timestamp': VECTOR_TIMESTAMP,
		...extra,
	};
}

const verify = (
	overrides: Partial<Parameters<typeof verifySignature>[1]> = {},
	s: SignatureScheme = scheme,
) =>
	verifySignature(s, {
		rawBody: Buffer.from(VECTOR_BODY),
		headers: vectorHeaders(),
		secret: VECTOR_KEY,
		now: NOW,
		...overrides,
	});

/** P-256 order n: (r, s) and (r, n - s) both verify (ECDSA malleability). */
const N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

function pem(key: string): string {
	return `-----BEGIN PUBLIC KEY-----\n${key.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

describe('ECDSA P-256 verification', () => {
	it("accepts the vendor SDK's own vector (base64 DER key, DER signature over timestamp + raw body)", () => {
		expect(verify()).toEqual({ ok: true, timestamp: 1600112502 });
	});

	it('accepts the same key as a PEM block', () => {
		expect(verify({ secret: pem(VECTOR_KEY) })).toEqual({ ok: true, timestamp: 1600112502 });
	});

	it('rejects a changed body, a changed timestamp and a signature from another key', () => {
		expect(verify({ rawBody: Buffer.from(VECTOR_BODY.trimEnd()) })).toMatchObject({
			ok: false,
			reason: 'bad-signature',
		});
		expect(
			verify({
				headers: vectorHeaders({ 'x-twilio-email-event-webhook-timestamp': '1600112503' }),
			}),
		).toMatchObject({ ok: false, reason: 'bad-signature' });
		const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		const forged = signPayload(scheme, {
			rawBody: Buffer.from(VECTOR_BODY),
			secret: other.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
			timestamp: VECTOR_TIMESTAMP,
		});
		expect(verify({ headers: forged })).toEqual({
			ok: false,
			reason: 'bad-signature',
			message:
				'The X-Twilio-Email-Event-Webhook-Signature signature does not match the request (wrong secret, or the body was changed).',
		});
	});

	it('fails closed without a key, a signature or a timestamp', () => {
		expect(verify({ secret: undefined })).toEqual({
			ok: false,
			reason: 'missing-secret',
			message:
				"No verification key is configured, so the delivery cannot be verified. Set the sender's public key.",
		});
		expect(
			verify({ headers: { 'x-twilio-email-event-webhook-timestamp': VECTOR_TIMESTAMP } }),
		).toMatchObject({ ok: false, reason: 'missing-signature' });
		expect(
			verify({ headers: { 'x-twilio-email-event-webhook-signature': VECTOR_SIGNATURE } }),
		).toEqual({
			ok: false,
			reason: 'missing-timestamp',
			message: 'The request has no X-Twilio-Email-Event-Webhook-Timestamp timestamp.',
		});
	});

	it('enforces the replay window (exactly the tolerance old passes, one second more fails)', () => {
		const edge = (Number(VECTOR_TIMESTAMP) + 600) * 1000;
		expect(verify({ now: edge })).toMatchObject({ ok: true });
		expect(verify({ now: edge + 1000 })).toEqual({
			ok: false,
			reason: 'stale-timestamp',
			message: 'The request timestamp is 601 s old; deliveries older than 600 s are rejected.',
		});
	});

	it('refuses keys that are not a P-256 public key: a private key, another curve, RSA, garbage', () => {
		const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
		const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const cases: Array<[string, string]> = [
			[
				p256.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
				'it is a PEM "PRIVATE KEY" block; paste the PEM "PUBLIC KEY" (or its base64 body)',
			],
			[
				p384.publicKey.export({ type: 'spki', format: 'pem' }) as string,
				'it is not an elliptic-curve P-256 key',
			],
			[
				(rsa.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64'),
				'it is not an elliptic-curve P-256 key',
			],
			['not a key at all!', 'it is neither PEM nor base64'],
			['AAAA', 'it is not a public key (PEM, or base64 DER SubjectPublicKeyInfo)'],
		];
		for (const [key, problem] of cases) {
			expect(publicKeyOf(key)).toBe(problem);
			expect(verify({ secret: key })).toEqual({
				ok: false,
				reason: 'missing-secret',
				message: `The configured verification key cannot be used (${problem}), so the delivery cannot be verified.`,
			});
		}
	});

	it('treats malformed DER and wrong-length raw signatures as mismatches, never exceptions', () => {
		const garbage = Buffer.from([0x30, 0x99, 0x02, 0x01, 0x00]).toString('base64');
		expect(
			verify({ headers: vectorHeaders({ 'x-twilio-email-event-webhook-signature': garbage }) }),
		).toMatchObject({ ok: false, reason: 'bad-signature' });
		const raw: SignatureScheme = { ...scheme, signatureFormat: 'raw' };
		// The DER vector given to a raw scheme: 71 bytes, not r || s.
		expect(verify({}, raw)).toMatchObject({ ok: false, reason: 'bad-signature' });
	});

	it('verifies raw r || s signatures when the scheme says so, and the DER ones do not pass as raw', () => {
		const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		const raw: SignatureScheme = {
			...scheme,
			signatureFormat: 'raw',
			signedPayload: '{timestamp}.{body}',
		};
		const body = Buffer.from('{"event":"processed"}');
		const headers = signPayload(raw, {
			rawBody: body,
			secret: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
			timestamp: VECTOR_TIMESTAMP,
		});
		expect(Buffer.from(headers['x-twilio-email-event-webhook-signature'], 'base64')).toHaveLength(
			64,
		);
		const key = (pair.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString(
			'base64',
		);
		expect(verifySignature(raw, { rawBody: body, headers, secret: key, now: NOW })).toEqual({
			ok: true,
			timestamp: 1600112502,
		});
		expect(
			verifySignature(
				{ ...raw, signatureFormat: 'der' },
				{ rawBody: body, headers, secret: key, now: NOW },
			),
		).toMatchObject({ ok: false, reason: 'bad-signature' });
	});

	it('fingerprints the signed bytes, so a re-encoded signature (r, n - s) is still the same delivery', () => {
		const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		const raw: SignatureScheme = { ...scheme, signatureFormat: 'raw' };
		const body = Buffer.from('{"n":1}');
		const signature = sign('sha256', Buffer.concat([Buffer.from(VECTOR_TIMESTAMP), body]), {
			key: pair.privateKey,
			dsaEncoding: 'ieee-p1363',
		});
		const r = signature.subarray(0, 32);
		const s = BigInt('0x' + signature.subarray(32).toString('hex'));
		const twin = Buffer.concat([r, Buffer.from((N - s).toString(16).padStart(64, '0'), 'hex')]);
		const key = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
		const deliver = (sig: Buffer) =>
			checkDelivery(raw, {
				rawBody: body,
				headers: {
					'x-twilio-email-event-webhook-signature': sig.toString('base64'),
					'x-twilio-email-event-webhook-timestamp': VECTOR_TIMESTAMP,
				},
				secret: key,
				now: NOW,
			});
		const first = deliver(signature);
		const second = deliver(twin);
		expect(first.ok && second.ok).toBe(true);
		if (!first.ok || !second.ok) return;
		expect(second.fingerprint.signature).toBe(first.fingerprint.signature);
		expect(first.fingerprint.signature).toMatch(/^ecdsa-p256-sha256:[0-9a-f]{64}$/);
	});

	it('the key is a public key: it cannot be used to sign a delivery that verifies', () => {
		expect(() =>
			signPayload(scheme, { rawBody: Buffer.from('{}'), secret: VECTOR_KEY, timestamp: 1 }),
		).toThrow();
		expect(createPublicKey(pem(VECTOR_KEY)).type).toBe('public');
	});

	it('the schema refuses HMAC-only settings on ECDSA and ECDSA settings on HMAC', () => {
		expect(schemeProblems({ ...scheme, secretKey: 'base64' })).toEqual([
			'secretKey applies to HMAC secrets; a public key is read as PEM or base64 DER',
		]);
		expect(
			schemeProblems({
				header: 'x-sig',
				algorithm: 'sha256',
				encoding: 'hex',
				signatureFormat: 'raw',
			}),
		).toEqual(['signatureFormat applies to ECDSA schemes only']);
		expect(schemeProblems({ ...scheme, algorithm: 'ecdsa-p384' as never })).toEqual([
			'unsupported algorithm "ecdsa-p384"',
		]);
	});
});

describe('the URL inside the signed bytes', () => {
	// services.md, Square: HMAC-SHA256(signature key, notification URL + raw body), base64.
	const urlScheme: SignatureScheme = {
		header: 'x-square-hmacsha256-signature',
		algorithm: 'sha256',
		encoding: 'base64',
		signedPayload: '{url}{body}',
	};
	const body = Buffer.from('{"merchant_id":"M1","type":"payment.updated"}');
	const url = 'https://example.com/webhooks/square';
	const headers = {
		'x-square-hmacsha256-signature': 'Hq6G/c1TXUFbkhqZjZhQmfxQJ562yZjKSWD/VHD4nq4=',
	};

	it('verifies the vector with the registered URL', () => {
		expect(
			verifySignature(urlScheme, { rawBody: body, headers, url, secret: 'sq_sig_key', now: NOW }),
		).toEqual({ ok: true });
		expect(signPayload(urlScheme, { rawBody: body, url, secret: 'sq_sig_key' })).toEqual(headers);
	});

	it('rejects the same delivery against any other URL (another host, path, scheme or query)', () => {
		for (const other of [
			'https://evil.example.com/webhooks/square',
			'https://example.com/webhooks/square/',
			'http://example.com/webhooks/square',
			'https://example.com/webhooks/square?x=1',
		]) {
			expect(
				verifySignature(urlScheme, {
					rawBody: body,
					headers,
					url: other,
					secret: 'sq_sig_key',
					now: NOW,
				}),
			).toMatchObject({ ok: false, reason: 'bad-signature' });
		}
	});

	it('fails closed when the URL is unknown', () => {
		expect(
			verifySignature(urlScheme, { rawBody: body, headers, secret: 'sq_sig_key', now: NOW }),
		).toEqual({
			ok: false,
			reason: 'invalid-scheme',
			message:
				'Webhook signature verification is misconfigured: the signed bytes need the request url, which is not available.',
		});
	});
});
