import { createHmac } from 'node:crypto';

import {
	buildSignedBytes,
	generateWebhookSecret,
	MemoryReplayStore,
	schemeProblems,
	signPayload,
	verifySignature,
	verifyWebhookRequest,
	type SignatureScheme,
	type VerifyInput,
	type VerifyResult,
} from '../../../lib/webhooks';
import {
	airtableScheme,
	githubScheme,
	githubWithDeliveryId,
	hubspotV3Scheme,
	linkedinScheme,
	metaScheme,
	notionScheme,
	shopifyScheme,
	slackScheme,
	squareScheme,
	stripeScheme,
	tiktokScheme,
	trelloScheme,
	wooCommerceScheme,
	xScheme,
} from './schemes';
import { createWebhookContext } from '../../helpers/webhook-context';

const body = (text: string) => Buffer.from(text, 'utf8');

function verify(
	scheme: SignatureScheme,
	input: Partial<VerifyInput> & { rawBody: Buffer },
): VerifyResult {
	return verifySignature(scheme, { headers: {}, secret: undefined, now: 0, ...input });
}

function expectFailure(result: VerifyResult, reason: string) {
	expect(result.ok).toBe(false);
	if (!result.ok) expect(result.reason).toBe(reason);
	return result as Extract<VerifyResult, { ok: false }>;
}

// Stripe vector (services.md "Stripe"): secret whsec_test, t=1700000000, body {"id":"evt_1"}.
const STRIPE = {
	secret: 'whsec_test',
	t: 1700000000,
	body: '{"id":"evt_1"}',
	v1: 'c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925',
};
const stripeHeader = (extra = '') => ({
	'stripe-signature': `t=${STRIPE.t},v1=${STRIPE.v1}${extra}`,
});

// Slack's documented vector (services.md "Slack").
const SLACK = {
	secret: '8f742231b10e8888abcd99yyyzzz85a5',
	ts: '1531420618',
	body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
	signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const slackHeaders = () => ({
	'x-slack-signature': SLACK.signature,
	'x-slack-request-timestamp': SLACK.ts,
});
const slackNow = (offsetSeconds: number) => (Number(SLACK.ts) + offsetSeconds) * 1000;

describe('verifySignature: vendor test vectors (services.md)', () => {
	it('GitHub: official vector, sha256= hex', () => {
		expect(
			verify(githubScheme, {
				rawBody: body('Hello, World!'),
				secret: "It's a Secret to Everybody",
				headers: {
					'x-hub-signature-256':
						'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
				},
			}),
		).toEqual({ ok: true });
	});

	it('Meta: X-Hub-Signature-256 over the raw body', () => {
		expect(
			verify(metaScheme, {
				rawBody: body('{"object":"page","entry":[]}'),
				secret: 'fb_app_secret',
				headers: {
					'x-hub-signature-256':
						'sha256=5d0e5788f775eb342b54c3614d555983d0245e3125a99cee765575fc6f2446c3',
				},
			}),
		).toEqual({ ok: true });
	});

	it('Stripe: t=,v1= hex over "{t}.{body}", inside the 300 s window', () => {
		expect(
			verify(stripeScheme, {
				rawBody: body(STRIPE.body),
				secret: STRIPE.secret,
				headers: stripeHeader(),
				now: (STRIPE.t + 10) * 1000,
			}),
		).toEqual({ ok: true, timestamp: STRIPE.t });
	});

	it('Stripe: any one of several v1 signatures passes (secret rotation); v0 is ignored', () => {
		const wrong = 'a'.repeat(64);
		const result = verify(stripeScheme, {
			rawBody: body(STRIPE.body),
			secret: STRIPE.secret,
			headers: { 'stripe-signature': `t=${STRIPE.t},v1=${wrong},v0=${wrong},v1=${STRIPE.v1}` },
			now: STRIPE.t * 1000,
		});
		expect(result).toEqual({ ok: true, timestamp: STRIPE.t });
	});

	it('Stripe: only wrong v1 signatures fail', () => {
		const wrong = 'a'.repeat(64);
		expectFailure(
			verify(stripeScheme, {
				rawBody: body(STRIPE.body),
				secret: STRIPE.secret,
				headers: { 'stripe-signature': `t=${STRIPE.t},v1=${wrong},v0=${STRIPE.v1}` },
				now: STRIPE.t * 1000,
			}),
			'bad-signature',
		);
	});

	it('Slack: v0=hex over "v0:{ts}:{body}" with the timestamp header', () => {
		expect(
			verify(slackScheme, {
				rawBody: body(SLACK.body),
				secret: SLACK.secret,
				headers: slackHeaders(),
				now: slackNow(0),
			}),
		).toEqual({ ok: true, timestamp: 1531420618 });
	});

	it('Shopify: base64 over the raw body', () => {
		expect(
			verify(shopifyScheme, {
				rawBody: body('{"id":1}'),
				secret: 'shpss_test',
				headers: { 'x-shopify-hmac-sha256': '1GxccvotnkOedTjSm8S0m/VA3yAUKshyqT52ccNYHj4=' },
			}),
		).toEqual({ ok: true });
	});

	it('Trello: HMAC-SHA1 of body followed by the callback URL, base64', () => {
		expect(
			verify(trelloScheme, {
				rawBody: body('{"action":{"type":"updateCard"}}'),
				secret: 'trello_app_secret',
				url: 'https://example.com/trello/hook',
				headers: { 'x-trello-webhook': '2vBTp1s1ADdzC49xMMilsHclC6U=' },
			}),
		).toEqual({ ok: true });
	});

	it('Trello: the same signature does not verify for another callback URL', () => {
		expectFailure(
			verify(trelloScheme, {
				rawBody: body('{"action":{"type":"updateCard"}}'),
				secret: 'trello_app_secret',
				url: 'https://example.com/trello/other',
				headers: { 'x-trello-webhook': '2vBTp1s1ADdzC49xMMilsHclC6U=' },
			}),
			'bad-signature',
		);
	});

	it('Airtable: base64-decoded key, hmac-sha256= hex', () => {
		expect(
			verify(airtableScheme, {
				rawBody: body(
					'{"base":{"id":"appX"},"webhook":{"id":"achY"},"timestamp":"2024-01-01T00:00:00.000Z"}',
				),
				secret: 'c2VjcmV0LW1hYy1rZXk=',
				headers: {
					'x-airtable-content-mac':
						'hmac-sha256=bab4e367b2f519fc2836f466fb9f5d9bc4be987f4f79c22a99490138ef5923f2',
				},
			}),
		).toEqual({ ok: true });
	});

	it('Airtable: using the base64 text itself as the key does not verify', () => {
		expectFailure(
			verify(
				{ ...airtableScheme, secretKey: 'utf8' },
				{
					rawBody: body(
						'{"base":{"id":"appX"},"webhook":{"id":"achY"},"timestamp":"2024-01-01T00:00:00.000Z"}',
					),
					secret: 'c2VjcmV0LW1hYy1rZXk=',
					headers: {
						'x-airtable-content-mac':
							'hmac-sha256=bab4e367b2f519fc2836f466fb9f5d9bc4be987f4f79c22a99490138ef5923f2',
					},
				},
			),
			'bad-signature',
		);
	});

	it('Square: notification URL followed by the body, base64', () => {
		expect(
			verify(squareScheme, {
				rawBody: body('{"merchant_id":"M1","type":"payment.updated"}'),
				secret: 'sq_sig_key',
				url: 'https://example.com/webhooks/square',
				headers: {
					'x-square-hmacsha256-signature': 'Hq6G/c1TXUFbkhqZjZhQmfxQJ562yZjKSWD/VHD4nq4=',
				},
			}),
		).toEqual({ ok: true });
	});

	it('HubSpot v3: method + URI + body + millisecond timestamp, base64', () => {
		expect(
			verify(hubspotV3Scheme, {
				rawBody: body('[{"eventId":1}]'),
				secret: 'hs_client_secret',
				url: 'https://example.com/webhooks/hubspot',
				method: 'POST',
				headers: {
					'x-hubspot-signature-v3': 'quEgwqH6IpdSNhTjyxc0iJMclpZAaZST0QSP3gaWb/w=',
					'x-hubspot-request-timestamp': '1700000000000',
				},
				now: 1700000000000 + 1000,
			}),
		).toEqual({ ok: true, timestamp: 1700000000000 });
	});

	it('TikTok: t=,s= structured header', () => {
		expect(
			verify(tiktokScheme, {
				rawBody: body(
					'{"client_key":"abc","event":"post.publish.complete","create_time":1633174587,"user_openid":"u1","content":"{}"}',
				),
				secret: 'tiktok_client_secret',
				headers: {
					'tiktok-signature':
						't=1633174587,s=3f95d917d9196a93a41584fda82d5eafd1c663b8177a6411b357ac14874c55c8',
				},
				now: 1633174587 * 1000,
			}),
		).toEqual({ ok: true, timestamp: 1633174587 });
	});

	it('LinkedIn: literal text before the body in the signed bytes', () => {
		expect(
			verify(linkedinScheme, {
				rawBody: body('{"type":"LEAD_ACTION","notificationId":1}'),
				secret: 'li_client_secret',
				headers: {
					'x-li-signature': 'ba15b8f96e95a372727e5466d742cca20def524894265d015eb2dd822c9962ed',
				},
			}),
		).toEqual({ ok: true });
	});

	it('WooCommerce, Notion: plain base64 and sha256= hex', () => {
		expect(
			verify(wooCommerceScheme, {
				rawBody: body('{"id":123,"status":"processing"}'),
				secret: 'wc_secret',
				headers: { 'x-wc-webhook-signature': 'pwgo1FZhED7tbs0Po4uMSVL7CW2jcMWnTw7EsSsm77g=' },
			}),
		).toEqual({ ok: true });
		expect(
			verify(notionScheme, {
				rawBody: body('{"type":"page.created"}'),
				secret: 'secret_verif_token',
				headers: {
					'x-notion-signature':
						'sha256=9a0d196d4f08a78e46a9cc7f2afa741bb2c53aa4d409c8385229ed97e3ff848f',
				},
			}),
		).toEqual({ ok: true });
	});

	it('X: sha256= prefix with base64 (the CRC vector, signed the same way)', () => {
		expect(
			verify(xScheme, {
				rawBody: body('9b4507b3-9040-4669-9ca3-6b94edb50553'),
				secret: 'z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu',
				headers: {
					'x-twitter-webhooks-signature': 'sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=',
				},
			}),
		).toEqual({ ok: true });
	});
});

describe('verifySignature: fails closed', () => {
	const ghBody = body('Hello, World!');
	const ghSecret = "It's a Secret to Everybody";
	const ghSignature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

	it('rejects a tampered body', () => {
		const result = expectFailure(
			verify(githubScheme, {
				rawBody: body('Hello, World?'),
				secret: ghSecret,
				headers: { 'x-hub-signature-256': ghSignature },
			}),
			'bad-signature',
		);
		expect(result.message).toBe(
			'The X-Hub-Signature-256 signature does not match the request (wrong secret, or the body was changed).',
		);
	});

	it('rejects the body re-serialized from parsed JSON (whitespace differs)', () => {
		const raw = '{"id": 1, "name": "a"}';
		const headers = signPayload(githubScheme, { rawBody: body(raw), secret: 's3cret-value' });
		expectFailure(
			verify(githubScheme, {
				rawBody: body(JSON.stringify(JSON.parse(raw))),
				secret: 's3cret-value',
				headers,
			}),
			'bad-signature',
		);
	});

	it('rejects a wrong secret', () => {
		expectFailure(
			verify(githubScheme, {
				rawBody: ghBody,
				secret: 'not the secret',
				headers: { 'x-hub-signature-256': ghSignature },
			}),
			'bad-signature',
		);
	});

	it('rejects a missing signature header', () => {
		const result = expectFailure(
			verify(githubScheme, { rawBody: ghBody, secret: ghSecret, headers: {} }),
			'missing-signature',
		);
		expect(result.message).toBe('The request has no X-Hub-Signature-256 header.');
	});

	it('rejects an empty signature header as missing', () => {
		expectFailure(
			verify(githubScheme, {
				rawBody: ghBody,
				secret: ghSecret,
				headers: { 'x-hub-signature-256': '  ' },
			}),
			'missing-signature',
		);
	});

	it.each([[undefined], [''], ['   ']])(
		'rejects a missing secret (%p) before anything else',
		(secret) => {
			const result = expectFailure(
				verify(githubScheme, { rawBody: ghBody, secret, headers: {} }),
				'missing-secret',
			);
			expect(result.message).toBe(
				'No signing secret is configured, so the delivery cannot be verified. Set the webhook secret.',
			);
		},
	);

	it('rejects a base64-key scheme whose secret is not base64', () => {
		expectFailure(
			verify(airtableScheme, {
				rawBody: ghBody,
				secret: 'not base64 !!',
				headers: { 'x-airtable-content-mac': 'hmac-sha256=00' },
			}),
			'missing-secret',
		);
	});

	it.each([
		['non-hex characters', 'sha256=zz07ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'],
		['odd hex length', 'sha256=757'],
		['wrong prefix', 'sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'],
		['prefix only', 'sha256='],
	])('rejects a malformed header (%s)', (_case, header) => {
		expectFailure(
			verify(githubScheme, {
				rawBody: ghBody,
				secret: ghSecret,
				headers: { 'x-hub-signature-256': header },
			}),
			'malformed-signature',
		);
	});

	it('names the missing prefix in the malformed message', () => {
		const result = expectFailure(
			verify(githubScheme, {
				rawBody: ghBody,
				secret: ghSecret,
				headers: { 'x-hub-signature-256': '757107ea' },
			}),
			'malformed-signature',
		);
		expect(result.message).toBe('The X-Hub-Signature-256 header does not start with "sha256=".');
	});

	it('rejects a base64 header with characters outside base64', () => {
		expectFailure(
			verify(shopifyScheme, {
				rawBody: body('{"id":1}'),
				secret: 'shpss_test',
				headers: { 'x-shopify-hmac-sha256': 'not*base64!' },
			}),
			'malformed-signature',
		);
	});

	it('rejects a signature of a different length without throwing', () => {
		const shorter = 'sha256=757107ea0eb2509fc211221cce984b8a';
		const longer = `${ghSignature}00`;
		for (const header of [shorter, longer]) {
			expect(() =>
				verify(githubScheme, {
					rawBody: ghBody,
					secret: ghSecret,
					headers: { 'x-hub-signature-256': header },
				}),
			).not.toThrow();
			expectFailure(
				verify(githubScheme, {
					rawBody: ghBody,
					secret: ghSecret,
					headers: { 'x-hub-signature-256': header },
				}),
				'bad-signature',
			);
		}
	});

	it('rejects a structured header without the signature key', () => {
		const result = expectFailure(
			verify(stripeScheme, {
				rawBody: body(STRIPE.body),
				secret: STRIPE.secret,
				headers: { 'stripe-signature': `t=${STRIPE.t},v0=${STRIPE.v1}` },
				now: STRIPE.t * 1000,
			}),
			'malformed-signature',
		);
		expect(result.message).toBe('The Stripe-Signature header has no "v1" signature.');
	});

	it('rejects a structured header without a timestamp', () => {
		expectFailure(
			verify(stripeScheme, {
				rawBody: body(STRIPE.body),
				secret: STRIPE.secret,
				headers: { 'stripe-signature': `v1=${STRIPE.v1}` },
				now: STRIPE.t * 1000,
			}),
			'missing-timestamp',
		);
	});

	it('rejects a structured header with two different timestamps', () => {
		expectFailure(
			verify(stripeScheme, {
				rawBody: body(STRIPE.body),
				secret: STRIPE.secret,
				headers: { 'stripe-signature': `t=${STRIPE.t},t=${STRIPE.t + 1},v1=${STRIPE.v1}` },
				now: STRIPE.t * 1000,
			}),
			'malformed-signature',
		);
	});

	it('rejects a missing or non-numeric timestamp header', () => {
		expectFailure(
			verify(slackScheme, {
				rawBody: body(SLACK.body),
				secret: SLACK.secret,
				headers: { 'x-slack-signature': SLACK.signature },
				now: slackNow(0),
			}),
			'missing-timestamp',
		);
		const result = expectFailure(
			verify(slackScheme, {
				rawBody: body(SLACK.body),
				secret: SLACK.secret,
				headers: { ...slackHeaders(), 'x-slack-request-timestamp': '1531420618.5' },
				now: slackNow(0),
			}),
			'missing-timestamp',
		);
		expect(result.message).toBe('The X-Slack-Request-Timestamp timestamp is not a whole number.');
	});

	it('does not leak the secret or the expected signature in any failure message', () => {
		const secret = 'super-secret-signing-key-123';
		const raw = body('{"a":1}');
		const expectedHex = createHmac('sha256', secret).update(raw).digest('hex');
		const expectedB64 = createHmac('sha256', secret).update(raw).digest('base64');
		const attempts: VerifyResult[] = [
			verify(githubScheme, { rawBody: raw, secret, headers: {} }),
			verify(githubScheme, {
				rawBody: raw,
				secret,
				headers: { 'x-hub-signature-256': 'sha256=00' },
			}),
			verify(githubScheme, { rawBody: raw, secret, headers: { 'x-hub-signature-256': 'zz' } }),
			verify(githubScheme, {
				rawBody: body('{"a":2}'),
				secret,
				headers: { 'x-hub-signature-256': `sha256=${expectedHex}` },
			}),
			verify(shopifyScheme, {
				rawBody: body('x'),
				secret,
				headers: { 'x-shopify-hmac-sha256': expectedB64 },
			}),
			verify(slackScheme, { rawBody: raw, secret, headers: { 'x-slack-signature': 'v0=00' } }),
		];
		for (const result of attempts) {
			expect(result.ok).toBe(false);
			if (!result.ok) {
				expect(result.message).not.toContain(secret);
				expect(result.message).not.toContain(expectedHex);
				expect(result.message).not.toContain(expectedB64);
			}
		}
	});

	it('finds headers case-insensitively and accepts upper-case hex and several header values', () => {
		expect(
			verify(githubScheme, {
				rawBody: ghBody,
				secret: ghSecret,
				headers: { 'X-Hub-Signature-256': ghSignature.toUpperCase().replace('SHA256=', 'sha256=') },
			}),
		).toEqual({ ok: true });
		expect(
			verify(githubScheme, {
				rawBody: ghBody,
				secret: ghSecret,
				headers: { 'x-hub-signature-256': ['sha256=00', ghSignature] },
			}),
		).toEqual({ ok: true });
	});
});

describe('verifySignature: replay window', () => {
	it('accepts a timestamp exactly at the tolerance and rejects one second more (seconds)', () => {
		const at = (now: number) =>
			verify(stripeScheme, {
				rawBody: body(STRIPE.body),
				secret: STRIPE.secret,
				headers: stripeHeader(),
				now,
			});
		expect(at((STRIPE.t + 300) * 1000)).toEqual({ ok: true, timestamp: STRIPE.t });
		// Seconds are compared whole, like the SDK's floor(now / 1000).
		expect(at((STRIPE.t + 300) * 1000 + 999)).toEqual({ ok: true, timestamp: STRIPE.t });
		const stale = expectFailure(at((STRIPE.t + 301) * 1000), 'stale-timestamp');
		expect(stale.message).toBe(
			'The request timestamp is 301 s old; deliveries older than 300 s are rejected.',
		);
	});

	it('accepts exactly the tolerance and rejects 1 ms more (milliseconds)', () => {
		const at = (now: number) =>
			verify(hubspotV3Scheme, {
				rawBody: body('[{"eventId":1}]'),
				secret: 'hs_client_secret',
				url: 'https://example.com/webhooks/hubspot',
				method: 'POST',
				headers: {
					'x-hubspot-signature-v3': 'quEgwqH6IpdSNhTjyxc0iJMclpZAaZST0QSP3gaWb/w=',
					'x-hubspot-request-timestamp': '1700000000000',
				},
				now,
			});
		expect(at(1700000000000 + 300_000).ok).toBe(true);
		expectFailure(at(1700000000000 + 300_001), 'stale-timestamp');
	});

	it('one-sided window: any future timestamp is accepted', () => {
		expect(
			verify(stripeScheme, {
				rawBody: body(STRIPE.body),
				secret: STRIPE.secret,
				headers: stripeHeader(),
				now: (STRIPE.t - 86_400) * 1000,
			}),
		).toEqual({ ok: true, timestamp: STRIPE.t });
	});

	it('two-sided window: exactly the tolerance ahead is accepted, one second more is rejected', () => {
		const at = (offset: number) =>
			verify(slackScheme, {
				rawBody: body(SLACK.body),
				secret: SLACK.secret,
				headers: slackHeaders(),
				now: slackNow(offset),
			});
		expect(at(-300).ok).toBe(true);
		const future = expectFailure(at(-301), 'stale-timestamp');
		expect(future.message).toBe(
			'The request timestamp is 301 s in the future; more than 300 s ahead is rejected.',
		);
		expect(at(300).ok).toBe(true);
		expectFailure(at(301), 'stale-timestamp');
	});

	it('checks the signature before the timestamp: a stale forged delivery is a bad signature', () => {
		expectFailure(
			verify(stripeScheme, {
				rawBody: body('{"id":"evt_forged"}'),
				secret: STRIPE.secret,
				headers: stripeHeader(),
				now: (STRIPE.t + 10_000) * 1000,
			}),
			'bad-signature',
		);
	});
});

describe('verifyWebhookRequest: replay store', () => {
	/** One delivery to the trigger `scope` (`<workflow>:<node>`), checked against `store`. */
	async function deliverTo(
		store: MemoryReplayStore,
		scheme: SignatureScheme,
		input: { rawBody: Buffer; headers: Record<string, string>; secret: string; now: number },
		scope = 'wf:node',
	): Promise<VerifyResult> {
		const [workflowId, nodeId] = scope.split(':');
		const fake = createWebhookContext({
			workflowId,
			node: { id: nodeId },
			request: { rawBody: input.rawBody, headers: input.headers },
		});
		return (
			await verifyWebhookRequest(fake.context, scheme, {
				secret: input.secret,
				now: input.now,
				replayStore: store,
			})
		).result;
	}

	it('rejects the same timestamped delivery inside the window; it is stale once the window passes', async () => {
		const store = new MemoryReplayStore();
		const deliver = async (offset: number) =>
			await deliverTo(store, slackScheme, {
				rawBody: body(SLACK.body),
				secret: SLACK.secret,
				headers: slackHeaders(),
				now: slackNow(offset),
			});
		expect((await deliver(1)).ok).toBe(true);
		const replay = expectFailure(await deliver(2), 'replayed');
		expect(replay.message).toBe(
			'This delivery was already received within the last 300 s and is rejected as a replay.',
		);
		expectFailure(await deliver(300), 'replayed');
		expectFailure(await deliver(301), 'stale-timestamp');
	});

	it('rejects a repeated delivery id inside the window and accepts it again after the window', async () => {
		const store = new MemoryReplayStore();
		const secret = 'gh-webhook-secret';
		const raw = body('{"zen":"Keep it logically awesome."}');
		const headers = {
			...signPayload(githubWithDeliveryId, { rawBody: raw, secret }),
			'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
		};
		const t0 = 1_700_000_000_000;
		const deliver = async (now: number, extra: Record<string, string> = {}, rawBody = raw) =>
			await deliverTo(store, githubWithDeliveryId, {
				rawBody,
				secret,
				headers: { ...headers, ...extra },
				now,
			});

		expect(await deliver(t0)).toEqual({
			ok: true,
			deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
		});
		expectFailure(await deliver(t0 + 1_000), 'replayed');
		// Changing only the (unsigned) delivery id does not slip the same signed body through.
		expectFailure(await deliver(t0 + 2_000, { 'x-github-delivery': 'another-id' }), 'replayed');
		// A new body signed under a delivery id already accepted is the sender re-sending: a duplicate (answered 200,
		// nothing starts) — only the secret's holder can sign anew.
		const other = body('{"zen":"Design for failure."}');
		expectFailure(
			await deliver(
				t0 + 3_000,
				signPayload(githubWithDeliveryId, { rawBody: other, secret }),
				other,
			),
			'duplicate',
		);
		// Without a signed timestamp a copy is refused for a week (vendors retry for up to three days), counted
		// from the first time the delivery was seen: a capture replayed after the 300 s window is still refused.
		expectFailure(await deliver(t0 + 300_001), 'replayed');
		expectFailure(await deliver(t0 + WEEK_MS - 1), 'replayed');
		expect((await deliver(t0 + WEEK_MS)).ok).toBe(true);
	});

	it('keeps separate scopes apart', async () => {
		const store = new MemoryReplayStore();
		const run = async (scope: string) =>
			await deliverTo(
				store,
				slackScheme,
				{
					rawBody: body(SLACK.body),
					secret: SLACK.secret,
					headers: slackHeaders(),
					now: slackNow(0),
				},
				scope,
			);
		expect((await run('wf1:a')).ok).toBe(true);
		expect((await run('wf1:b')).ok).toBe(true);
		expectFailure(await run('wf1:a'), 'replayed');
	});

	it('does not remember rejected deliveries', async () => {
		const store = new MemoryReplayStore();
		const attempt = async (signature: string) =>
			await deliverTo(store, slackScheme, {
				rawBody: body(SLACK.body),
				secret: SLACK.secret,
				headers: { ...slackHeaders(), 'x-slack-signature': signature },
				now: slackNow(0),
			});
		expectFailure(await attempt('v0=00'), 'bad-signature');
		expect(store.size).toBe(0);
		expect((await attempt(SLACK.signature)).ok).toBe(true);
		expect(store.size).toBe(1);
	});

	it('remembers the signature of schemes with neither a timestamp nor a delivery id, for a week (issue 10, item 6)', async () => {
		const store = new MemoryReplayStore();
		const run = async (now: number) =>
			await deliverTo(store, shopifyScheme, {
				rawBody: body('{"id":1}'),
				secret: 'shpss_test',
				headers: { 'x-shopify-hmac-sha256': '1GxccvotnkOedTjSm8S0m/VA3yAUKshyqT52ccNYHj4=' },
				now,
			});
		expect((await run(0)).ok).toBe(true);
		expectFailure(await run(1), 'replayed');
		expect(store.size).toBe(1);
		expectFailure(await run(300_001), 'replayed');
		expectFailure(await run(WEEK_MS - 1), 'replayed');
		expect((await run(WEEK_MS)).ok).toBe(true);
	});
});

const WEEK_MS = 7 * 24 * 3600 * 1000;

describe('scheme validation', () => {
	it('reports every problem of an unusable scheme', () => {
		expect(
			schemeProblems({
				header: '',
				algorithm: 'md5' as never,
				encoding: 'hex',
				signedPayload: '{timestamp}.{payload}',
				toleranceSeconds: 0,
			}),
		).toEqual([
			'no signature header name is set',
			'unsupported algorithm "md5"',
			'the replay window must be a positive number of seconds',
			'the signed-bytes template uses the unknown placeholder {payload} (allowed: {body}, {timestamp}, {url}, {method}, {secret})',
		]);
		expect(
			schemeProblems({
				header: 'X-Sig',
				algorithm: 'sha256',
				encoding: 'hex',
				signedPayload: '{timestamp}',
			}),
		).toEqual([
			'the signed-bytes template must contain {body}',
			'the signed-bytes template uses {timestamp} but no timestamp header is set',
		]);
		expect(schemeProblems(stripeScheme)).toEqual([]);
	});

	it('rejects deliveries for a misconfigured scheme (fails closed)', () => {
		const result = expectFailure(
			verify(
				{
					header: 'X-Sig',
					algorithm: 'sha256',
					encoding: 'hex',
					signedPayload: '{timestamp}.{body}',
				},
				{ rawBody: body('x'), secret: 's', headers: { 'x-sig': '00' } },
			),
			'invalid-scheme',
		);
		expect(result.message).toBe(
			'Webhook signature verification is misconfigured: the signed-bytes template uses {timestamp} but no timestamp header is set.',
		);
	});

	it('rejects when the template needs the URL and none is given', () => {
		const result = expectFailure(
			verify(squareScheme, {
				rawBody: body('{}'),
				secret: 'sq_sig_key',
				headers: {
					'x-square-hmacsha256-signature': 'Hq6G/c1TXUFbkhqZjZhQmfxQJ562yZjKSWD/VHD4nq4=',
				},
			}),
			'invalid-scheme',
		);
		expect(result.message).toBe(
			'Webhook signature verification is misconfigured: the signed bytes need the request url, which is not available.',
		);
	});
});

describe('buildSignedBytes', () => {
	it('inserts the body as raw bytes, never re-encoded', () => {
		const raw = Buffer.from([0xff, 0x00, 0xfe, 0x7b]);
		const bytes = buildSignedBytes('v0:{timestamp}:{body}', { rawBody: raw, timestamp: '12' });
		expect(bytes).toEqual(Buffer.concat([Buffer.from('v0:12:'), raw]));
	});

	it('joins url, method, body and timestamp in template order', () => {
		expect(
			buildSignedBytes('{method}{url}{body}{timestamp}', {
				rawBody: body('B'),
				url: 'https://x/y',
				method: 'POST',
				timestamp: '9',
			}).toString(),
		).toBe('POSThttps://x/yB9');
	});
});

describe('signPayload and generateWebhookSecret', () => {
	it('produces the vendor header values', () => {
		expect(
			signPayload(stripeScheme, {
				rawBody: body(STRIPE.body),
				secret: STRIPE.secret,
				timestamp: STRIPE.t,
			}),
		).toEqual({ 'stripe-signature': `t=${STRIPE.t},v1=${STRIPE.v1}` });
		expect(
			signPayload(slackScheme, {
				rawBody: body(SLACK.body),
				secret: SLACK.secret,
				timestamp: SLACK.ts,
			}),
		).toEqual(slackHeaders());
		expect(
			signPayload(trelloScheme, {
				rawBody: body('{"action":{"type":"updateCard"}}'),
				secret: 'trello_app_secret',
				url: 'https://example.com/trello/hook',
			}),
		).toEqual({ 'x-trello-webhook': '2vBTp1s1ADdzC49xMMilsHclC6U=' });
		expect(
			signPayload(airtableScheme, {
				rawBody: body(
					'{"base":{"id":"appX"},"webhook":{"id":"achY"},"timestamp":"2024-01-01T00:00:00.000Z"}',
				),
				secret: 'c2VjcmV0LW1hYy1rZXk=',
			}),
		).toEqual({
			'x-airtable-content-mac':
				'hmac-sha256=bab4e367b2f519fc2836f466fb9f5d9bc4be987f4f79c22a99490138ef5923f2',
		});
	});

	it('refuses to sign without a secret or a needed timestamp', () => {
		expect(() => signPayload(githubScheme, { rawBody: body('x'), secret: '' })).toThrow(
			'A non-empty (valid) secret is required',
		);
		expect(() => signPayload(slackScheme, { rawBody: body('x'), secret: 's' })).toThrow(
			'This scheme needs a timestamp',
		);
	});

	it('generates 32 random bytes as hex', () => {
		const a = generateWebhookSecret();
		const b = generateWebhookSecret();
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(b).toMatch(/^[0-9a-f]{64}$/);
		expect(a).not.toBe(b);
	});
});

describe("shared-token schemes (algorithm 'token': the header carries the secret itself)", () => {
	const scheme: SignatureScheme = { header: 'X-Hook-Token', algorithm: 'token', prefix: 'Token ' };
	const body = Buffer.from('{"event":"x"}');
	const input = (headers: VerifyInput['headers'], secret = 'tok-0123456789'): VerifyInput => ({
		rawBody: body,
		headers,
		secret,
		now: 1_000_000,
	});

	it('passes only the exact token after the prefix; any one of several values may carry it', () => {
		expect(verifySignature(scheme, input({ 'x-hook-token': 'Token tok-0123456789' }))).toEqual({
			ok: true,
		});
		expect(
			verifySignature(scheme, input({ 'x-hook-token': ['Token nope', 'Token tok-0123456789'] })).ok,
		).toBe(true);
		expect(verifySignature(scheme, input({ 'x-hook-token': 'Token tok-012345678' }))).toEqual({
			ok: false,
			reason: 'bad-signature',
			message: "The X-Hook-Token header does not carry this webhook's secret token.",
		});
		expect(verifySignature(scheme, input({ 'x-hook-token': 'tok-0123456789' }))).toEqual({
			ok: false,
			reason: 'malformed-signature',
			message: 'The X-Hook-Token header does not start with "Token ".',
		});
		expect(verifySignature(scheme, input({})).ok).toBe(false);
		// No secret configured: fails closed even when the header is empty too.
		expect(verifySignature(scheme, input({ 'x-hook-token': 'Token ' }, '')).ok).toBe(false);
	});

	it('a copy of an accepted delivery is a replay (the body is remembered), another body is not', async () => {
		const store = new MemoryReplayStore();
		const ctx = (rawBody: Buffer) =>
			({
				getRequestObject: () => ({ method: 'POST', rawBody }),
				getHeaderData: () => ({ 'x-hook-token': 'Token tok-0123456789' }),
				getNode: () => ({ id: 'n1', name: 'T' }),
				getWorkflow: () => ({ id: 'w1' }),
				logger: { error: () => {} },
			}) as never;
		const verify = async (b: Buffer) =>
			(
				await verifyWebhookRequest(ctx(b), scheme, {
					secret: 'tok-0123456789',
					replayStore: store,
					now: 0,
				})
			).result;
		expect((await verify(body)).ok).toBe(true);
		expect(await verify(body)).toMatchObject({ ok: false, reason: 'replayed' });
		expect((await verify(Buffer.from('{"event":"y"}'))).ok).toBe(true);
	});

	it('signs by sending the token, and refuses signature-only fields', () => {
		expect(signPayload(scheme, { rawBody: body, secret: 'tok-0123456789' })).toEqual({
			'x-hook-token': 'Token tok-0123456789',
		});
		expect(schemeProblems(scheme)).toEqual([]);
		expect(
			schemeProblems({ ...scheme, secretKey: 'base64', signedPayload: '{timestamp}.{body}' }),
		).toEqual([
			'secretKey applies to signatures; a shared token is compared as sent',
			'signedPayload applies to signatures; a shared token is compared as sent',
		]);
	});
});

describe('keyed-digest schemes (a plain SHA-256 over bytes that contain the secret)', () => {
	const digest = {
		header: 'x-signature',
		algorithm: 'sha256-digest' as const,
		encoding: 'hex' as const,
		signedPayload: '{secret}{body}',
	};
	it('need {secret} in the template; an HMAC may not use {secret}; no secretKey handling', () => {
		expect(schemeProblems(digest)).toEqual([]);
		expect(schemeProblems({ ...digest, signedPayload: '{body}' })).toEqual([
			'a keyed-digest scheme must hash the secret: put {secret} in the signed-bytes template',
		]);
		expect(schemeProblems({ ...digest, algorithm: 'sha256' })).toEqual([
			'{secret} is for keyed-digest schemes only (an HMAC is keyed with the secret already)',
		]);
		expect(schemeProblems({ ...digest, secretKey: 'base64' })).toEqual([
			'secretKey applies to HMAC keys; a keyed digest hashes the secret as text',
		]);
	});
});
