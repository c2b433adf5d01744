import fc from 'fast-check';

import { signPayload, verifySignature, type SignatureScheme } from '../../../lib/webhooks';
import {
	airtableScheme,
	githubScheme,
	hubspotV3Scheme,
	shopifyScheme,
	slackScheme,
	squareScheme,
	stripeScheme,
	trelloScheme,
} from './schemes';

const NOW_SECONDS = 1_700_000_000;

/** Timestamp (in the scheme's unit) that is fresh at NOW. */
function timestampFor(scheme: SignatureScheme): number | undefined {
	if (!scheme.timestampHeader && !scheme.structured?.timestampKey) return undefined;
	return scheme.timestampUnit === 'ms' ? NOW_SECONDS * 1000 : NOW_SECONDS;
}

const schemes: Array<[string, SignatureScheme]> = [
	['sha256= hex', githubScheme],
	['t=,v1= structured', stripeScheme],
	['v0:{timestamp}:{body}', slackScheme],
	['base64', shopifyScheme],
	['sha1 body+url', trelloScheme],
	['url+body', squareScheme],
	['method+url+body+ms timestamp', hubspotV3Scheme],
	['sha512', { header: 'X-Sig', algorithm: 'sha512', encoding: 'base64' }],
];

const secretArb = fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s.trim() !== '');
const base64SecretArb = fc
	.uint8Array({ minLength: 1, maxLength: 48 })
	.map((bytes) => Buffer.from(bytes).toString('base64'));

describe.each(schemes.concat([['base64-decoded key', airtableScheme]]))(
	'sign → verify property (%s)',
	(_name, scheme) => {
		const secrets = scheme.secretKey === 'base64' ? base64SecretArb : secretArb;
		const context = {
			url: 'https://n8n.example.com/webhook/abc?x=1',
			method: 'POST',
		};

		it('a signed body verifies, and any single-byte change of it fails', () => {
			fc.assert(
				fc.property(
					fc.uint8Array({ minLength: 1, maxLength: 512 }),
					secrets,
					fc.nat(),
					fc.integer({ min: 1, max: 255 }),
					(bytes, secret, position, delta) => {
						const rawBody = Buffer.from(bytes);
						const headers = signPayload(scheme, {
							rawBody,
							secret,
							timestamp: timestampFor(scheme),
							...context,
						});
						const input = { headers, secret, now: NOW_SECONDS * 1000, ...context };

						expect(verifySignature(scheme, { ...input, rawBody }).ok).toBe(true);

						const tampered = Buffer.from(rawBody);
						const at = position % tampered.length;
						tampered[at] = (tampered[at] + delta) % 256;
						expect(verifySignature(scheme, { ...input, rawBody: tampered })).toMatchObject({
							ok: false,
							reason: 'bad-signature',
						});
					},
				),
				{ numRuns: 100 },
			);
		});
	},
);
