/**
 * Handshakes described as data (`webhook.handshakes`), through n8n-core's real WebhookContext: the challenge in
 * the query, a header or the body, answered as text, JSON, a header or an HMAC of the challenge; signed handshakes
 * verified first; verify tokens compared; nothing here starts an execution. Vectors: shared reference services.md.
 */
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';

import nock from 'nock';

import { validateService } from '../../../lib/spec/schema';
import type { HandshakeSpec, ServiceDefinition, WebhookSpec } from '../../../lib/spec/types';
import { sharedReplayStore, signPayload, type SignatureScheme } from '../../../lib/webhooks';
import { hookshop, HookshopApi, hookshopVariant, triggerClass } from '../../fixtures/hookshop';
import { createTriggerHarness, type TriggerHarness } from '../../helpers/trigger-harness';

const TOKEN = 'hs-token-4c1d9e';
const NO_EXECUTION = { noWebhookResponse: true };

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => await sharedReplayStore().clear());
afterAll(() => nock.enableNetConnect());

/** A manually registered variant whose secret is the credential's App Secret (set per test). */
function manual(patch: Partial<WebhookSpec>): ServiceDefinition {
	return hookshopVariant({
		register: 'manual',
		hooks: undefined,
		secretCredentialField: 'appSecret',
		...patch,
	});
}

function harness(
	def: ServiceDefinition,
	appSecret = 'app-secret-77aa',
	parameters: Record<string, unknown> = {},
): TriggerHarness {
	expect(validateService(def)).toEqual([]);
	return createTriggerHarness({
		nodeType: triggerClass(def),
		parameters: { shop: 'acme', events: ['*'], ...parameters } as never,
		credentials: { hookshopApi: { accessToken: TOKEN, appSecret } },
		credentialTypes: [new HookshopApi()],
	});
}

const hookshopScheme = hookshop.spec.webhook!.signature as SignatureScheme;

describe('challenge in the query', () => {
	// services.md, X: CRC `GET ?crc_token=` → {"response_token": "sha256=" + base64 HMAC-SHA256(consumer secret, token)}.
	const crc: HandshakeSpec = {
		methods: ['GET'],
		challenge: { in: 'query', name: 'crc_token' },
		answer: {
			type: 'json',
			fields: { response_token: { hmac: 'sha256', encoding: 'base64', prefix: 'sha256=' } },
		},
	};
	const X_SECRET = 'z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu';

	it('answers a CRC with the HMAC of the challenge keyed with the signing secret (vendor vector)', async () => {
		const t = harness(manual({ setupMethod: 'GET', handshakes: [crc] }), X_SECRET);
		const { result, response } = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { crc_token: '9b4507b3-9040-4669-9ca3-6b94edb50553' },
		});
		expect(result).toEqual(NO_EXECUTION);
		expect([response.statusCode, response.body]).toEqual([
			200,
			{ response_token: 'sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=' },
		]);
	});

	it('answers {challengeCode, challengeResponse: hex HMAC} (vendor vector), echoing the code as received', async () => {
		const def = manual({
			setupMethod: 'GET',
			handshakes: [
				{
					methods: ['GET'],
					challenge: { in: 'query', name: 'challengeCode' },
					answer: {
						type: 'json',
						fields: {
							challengeCode: 'challenge',
							challengeResponse: { hmac: 'sha256', encoding: 'hex' },
						},
					},
				},
			],
		});
		const code = 'f6f1c7a4-3b0e-4f39-9a1c-2d3e4f5a6b7c';
		const { response } = await harness(def, 'li_client_secret').deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { challengeCode: code },
		});
		expect(response.body).toEqual({
			challengeCode: code,
			challengeResponse: 'e86d1ffbd90f92a5768b8a0eb11d8ad215fdf5ca0885d41e1f93b76a32de5cd6',
		});
	});

	it('without a signing secret an HMAC answer fails closed (500, nothing computed)', async () => {
		const t = harness(manual({ setupMethod: 'GET', handshakes: [crc] }), '');
		const { result, response } = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { crc_token: 'abc' },
		});
		expect(result).toEqual(NO_EXECUTION);
		expect([response.statusCode, response.body]).toEqual([
			500,
			{
				message: 'No signing secret is set for this trigger, so the challenge cannot be answered.',
			},
		]);
	});

	it('a repeated or structured challenge is refused (400), a missing one is no handshake (400 on setup)', async () => {
		const t = harness(manual({ setupMethod: 'GET', handshakes: [crc] }), X_SECRET);
		const twice = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { crc_token: ['a', 'b'] },
		});
		expect([twice.response.statusCode, twice.response.body]).toEqual([
			400,
			{ message: 'The request has more than one crc_token.' },
		]);
		const nested = await t.deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { crc_token: { a: '1' } },
		});
		expect([nested.response.statusCode, nested.response.body]).toEqual([
			400,
			{ message: 'The crc_token of the request is not text.' },
		]);
		const none = await t.deliver({ webhookName: 'setup', method: 'GET', query: {} });
		expect([none.response.statusCode, none.response.body]).toEqual([
			400,
			{ message: 'This URL only answers Hookshop verification requests.' },
		]);
	});

	it('echoes a POST ?validationToken= as text/plain with nosniff, even when it looks like HTML', async () => {
		const def = manual({
			handshakes: [
				{
					methods: ['POST'],
					challenge: { in: 'query', name: 'validationToken' },
					answer: { type: 'text' },
				},
			],
		});
		const token = 'Validation: Testing client application reachability <script>alert(1)</script>';
		const { result, response } = await harness(def).deliver({
			method: 'POST',
			headers: { 'content-type': 'text/plain; charset=utf-8' },
			query: { validationToken: token },
		});
		expect(result).toEqual(NO_EXECUTION);
		expect([
			response.statusCode,
			response.body,
			response.headers['content-type'],
			response.headers['x-content-type-options'],
		]).toEqual([200, token, 'text/plain; charset=utf-8', 'nosniff']);
	});

	it('refuses to echo a challenge longer than 4096 characters', async () => {
		const def = manual({
			handshakes: [
				{
					methods: ['POST'],
					challenge: { in: 'query', name: 'validationToken' },
					answer: { type: 'text' },
				},
			],
		});
		const { response } = await harness(def).deliver({
			method: 'POST',
			query: { validationToken: 'x'.repeat(4097) },
		});
		expect([response.statusCode, response.body]).toEqual([
			400,
			{ message: 'The validationToken is longer than 4096 characters.' },
		]);
	});

	it('checks the mode and the verify token (from a trigger field) in constant time; wrong or unset gets 403', async () => {
		const def: ServiceDefinition = {
			...manual({
				setupMethod: 'GET',
				handshakes: [
					{
						methods: ['GET'],
						challenge: { in: 'query', name: 'hub.challenge' },
						match: [{ in: 'query', name: 'hub.mode', value: 'subscribe' }],
						verifyToken: { in: 'query', name: 'hub.verify_token', from: { param: 'verifyToken' } },
						answer: { type: 'text' },
					},
				],
				params: [
					...hookshop.spec.webhook!.params!,
					{ name: 'verifyToken', displayName: 'Verify Token', type: 'string', default: '' },
				],
			}),
		};
		const query = {
			'hub.mode': 'subscribe',
			'hub.verify_token': 'vt-123',
			'hub.challenge': '1158201444',
		};
		const ok = await harness(def, 'x', { verifyToken: 'vt-123' }).deliver({
			webhookName: 'setup',
			method: 'GET',
			query,
		});
		expect([ok.response.statusCode, ok.response.body]).toEqual([200, '1158201444']);
		const wrong = await harness(def, 'x', { verifyToken: 'vt-124' }).deliver({
			webhookName: 'setup',
			method: 'GET',
			query,
		});
		expect([wrong.response.statusCode, wrong.response.body]).toEqual([
			403,
			{ message: 'The verify token does not match.' },
		]);
		const unset = await harness(def, 'x', { verifyToken: '' }).deliver({
			webhookName: 'setup',
			method: 'GET',
			query,
		});
		expect([unset.response.statusCode, unset.response.body]).toEqual([
			403,
			{ message: 'No verify token is configured for this trigger.' },
		]);
		// Another mode is not this handshake: the setup URL answers nothing else.
		const mode = await harness(def, 'x', { verifyToken: 'vt-123' }).deliver({
			webhookName: 'setup',
			method: 'GET',
			query: { ...query, 'hub.mode': 'unsubscribe' },
		});
		expect(mode.response.statusCode).toBe(400);
	});
});

describe('challenge in the body', () => {
	const urlVerification: HandshakeSpec = {
		methods: ['POST'],
		match: [{ in: 'body', name: 'type', value: 'url_verification' }],
		challenge: { in: 'body', name: 'challenge' },
		signed: true,
		answer: { type: 'json', fields: { challenge: 'challenge' } },
	};
	const body =
		'{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}';
	const signedBy = (secret: string, raw = body) => ({
		method: 'POST',
		rawBody: raw,
		headers: {
			'content-type': 'application/json',
			...signPayload(hookshopScheme, { rawBody: Buffer.from(raw), secret }),
		},
	});

	it('a signed url_verification is verified, then answered {challenge} without an execution', async () => {
		const t = harness(manual({ handshakes: [urlVerification] }), 'signing-secret-1');
		const { result, response } = await t.deliver(signedBy('signing-secret-1'));
		expect(result).toEqual(NO_EXECUTION);
		expect([response.statusCode, response.body]).toEqual([
			200,
			{ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' },
		]);
	});

	it('a forged or unsigned one gets 401 and echoes nothing', async () => {
		const t = harness(manual({ handshakes: [urlVerification] }), 'signing-secret-1');
		const forged = await t.deliver(signedBy('guess'));
		expect([forged.result, forged.response.statusCode, forged.response.body]).toEqual([
			NO_EXECUTION,
			401,
			{
				message:
					'The X-Hookshop-Signature signature does not match the request (wrong secret, or the body was changed).',
			},
		]);
		const unsigned = await t.deliver({
			method: 'POST',
			rawBody: body,
			headers: { 'content-type': 'application/json' },
		});
		expect([unsigned.response.statusCode, unsigned.response.body]).toEqual([
			401,
			{ message: 'The request has no X-Hookshop-Signature header.' },
		]);
	});

	it('a url_verification without a challenge is refused (400); other bodies are ordinary deliveries', async () => {
		const t = harness(manual({ handshakes: [urlVerification] }), 'signing-secret-1');
		const empty = await t.deliver(signedBy('signing-secret-1', '{"type":"url_verification"}'));
		expect([empty.response.statusCode, empty.response.body]).toEqual([
			400,
			{ message: 'The handshake has no challenge.' },
		]);
		const event = '{"type":"event_callback","challenge":"not-a-handshake"}';
		const delivered = await t.deliver({
			...signedBy('signing-secret-1', event),
			headers: {
				...signedBy('signing-secret-1', event).headers,
				'x-hookshop-event': 'order.created',
			},
		});
		expect(delivered.result.workflowData?.[0][0].json.body).toEqual({
			type: 'event_callback',
			challenge: 'not-a-handshake',
		});
	});
});

describe('challenge at a nested body path, answered with the token and its HMAC', () => {
	// Zoom's shape: POST {"event":"endpoint.url_validation","payload":{"plainToken":…}} →
	// {"plainToken": …, "encryptedToken": hex HMAC-SHA256(secret token, plainToken)}.
	const def = manual({
		handshakes: [
			{
				methods: ['POST'],
				match: [{ in: 'body', name: 'event', value: 'endpoint.url_validation' }],
				challenge: { in: 'body', name: 'payload.plainToken' },
				answer: {
					type: 'json',
					fields: {
						plainToken: 'challenge',
						encryptedToken: { hmac: 'sha256', encoding: 'hex' },
					},
				},
			},
		],
	});

	it('reads the nested value and answers both fields', async () => {
		const body =
			'{"event":"endpoint.url_validation","payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"}}';
		const { result, response } = await harness(def, 'zoom-secret-token').deliver({
			method: 'POST',
			rawBody: body,
			headers: { 'content-type': 'application/json' },
		});
		expect(result).toEqual(NO_EXECUTION);
		expect([response.statusCode, response.body]).toEqual([
			200,
			{
				plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
				encryptedToken: createHmac('sha256', 'zoom-secret-token')
					.update('qgg8vlvZRS6UYooatFL8Aw')
					.digest('hex'),
			},
		]);
	});

	it('an object where the token should be is refused (400), not stringified', async () => {
		const body = '{"event":"endpoint.url_validation","payload":{"plainToken":{"a":1}}}';
		const { response } = await harness(def, 'zoom-secret-token').deliver({
			method: 'POST',
			rawBody: body,
			headers: { 'content-type': 'application/json' },
		});
		expect([response.statusCode, response.body]).toEqual([
			400,
			{ message: 'The payload.plainToken of the request is not text.' },
		]);
	});
});

describe('challenge in a header', () => {
	const def = manual({
		handshakes: [
			{
				methods: ['POST'],
				challenge: { in: 'header', name: 'X-Hook-Secret' },
				answer: { type: 'header', header: 'X-Hook-Secret' },
			},
		],
	});

	it('echoes it in the same response header, with an empty 200', async () => {
		const { result, response } = await harness(def).deliver({
			method: 'POST',
			headers: { 'x-hook-secret': 'b537207f20cbfa02357cf448134da559' },
		});
		expect(result).toEqual(NO_EXECUTION);
		expect([response.statusCode, response.headers['x-hook-secret'], response.body]).toEqual([
			200,
			'b537207f20cbfa02357cf448134da559',
			undefined,
		]);
	});

	it('refuses a value a header cannot carry (no header injection)', async () => {
		const { response } = await harness(def).deliver({
			method: 'POST',
			headers: { 'x-hook-secret': 'abc\u00e9\u2028def' },
		});
		expect([response.statusCode, response.body, response.headers['x-hook-secret']]).toEqual([
			400,
			{ message: 'The X-Hook-Secret has characters a header cannot carry.' },
			undefined,
		]);
	});
});

describe('a probe without a challenge', () => {
	it('answers a HEAD on the setup webhook with an empty 200', async () => {
		const def = manual({
			setupMethod: 'HEAD',
			handshakes: [{ methods: ['HEAD'], answer: { type: 'empty' } }],
		});
		const { result, response } = await harness(def).deliver({
			webhookName: 'setup',
			method: 'HEAD',
		});
		expect(result).toEqual(NO_EXECUTION);
		expect([response.statusCode, response.body]).toEqual([200, undefined]);
	});
});

describe('the URL inside the signed bytes', () => {
	// services.md, Square: base64 HMAC-SHA256(signature key, notification URL + raw body).
	const scheme: SignatureScheme = {
		header: 'x-square-hmacsha256-signature',
		algorithm: 'sha256',
		encoding: 'base64',
		signedPayload: '{url}{body}',
	};
	const body = '{"merchant_id":"M1","type":"payment.updated"}';
	const vector = {
		'x-square-hmacsha256-signature': 'Hq6G/c1TXUFbkhqZjZhQmfxQJ562yZjKSWD/VHD4nq4=',
	};
	const def = manual({
		signature: scheme,
		notificationUrlField: true,
		eventHeader: undefined,
		eventPath: 'type',
	});
	const deliver = (t: TriggerHarness, headers: Record<string, string>) =>
		t.deliver({
			method: 'POST',
			rawBody: body,
			headers: { 'content-type': 'application/json', ...headers },
		});

	it("verifies against this node's URL when the field is empty", async () => {
		const t = harness(def, 'sq_sig_key');
		const own = signPayload(scheme, {
			rawBody: Buffer.from(body),
			url: t.webhookUrl(),
			secret: 'sq_sig_key',
		});
		expect((await deliver(t, own)).result.workflowData?.[0][0].json.event).toBe('payment.updated');
		// The vendor vector was signed for another URL: not valid here.
		expect((await deliver(t, vector)).response.statusCode).toBe(401);
	});

	it('verifies against the Notification URL the user typed (a proxy in front of n8n), and only that URL', async () => {
		const t = harness(def, 'sq_sig_key', {
			notificationUrl: 'https://example.com/webhooks/square',
		});
		expect((await deliver(t, vector)).result.workflowData?.[0][0].json.event).toBe(
			'payment.updated',
		);
		const own = signPayload(scheme, {
			rawBody: Buffer.from(body),
			url: t.webhookUrl(),
			secret: 'sq_sig_key',
		});
		expect((await deliver(t, own)).response.statusCode).toBe(401);
	});

	it('an API-registered hook verifies against the URL it registered, per mode (production and test URLs)', async () => {
		const def = hookshopVariant({ signature: scheme, eventHeader: undefined, eventPath: 'type' });
		const t = harness(def);
		const registered: string[] = [];
		const secrets: string[] = [];
		nock('https://hookshop.example.test')
			.post('/api/shops/acme/hooks', (b: { url: string; secret: string }) => {
				registered.push(b.url);
				secrets.push(b.secret);
				return true;
			})
			.times(2)
			.reply(201, (_uri, _b) => ({ id: registered.length }));
		await t.run('create', 'production');
		await t.run('create', 'test');
		expect(registered).toEqual([t.webhookUrl('production'), t.webhookUrl('test')]);
		const sign = (url: string, secret: string) =>
			signPayload(scheme, { rawBody: Buffer.from(body), url, secret });
		const [prodSecret, testSecret] = secrets;
		expect(
			(await deliver(t, sign(registered[0], prodSecret))).result.workflowData?.[0][0].json.event,
		).toBe('payment.updated');
		const viaTest = await t.deliver(
			{
				method: 'POST',
				rawBody: body,
				headers: { 'content-type': 'application/json', ...sign(registered[1], testSecret) },
			},
			'test',
		);
		expect(viaTest.result.workflowData?.[0][0].json.event).toBe('payment.updated');
		// Signed for the test URL, delivered to production: the URL is part of what is signed.
		expect((await deliver(t, sign(registered[1], prodSecret))).response.statusCode).toBe(401);
		nock.cleanAll();
	});

	it('the field exists only where it is declared', () => {
		const names = (d: ServiceDefinition) =>
			triggerClass(d).description.properties.map((p) => p.name);
		expect(names(def)).toContain('notificationUrl');
		expect(names(manual({}))).not.toContain('notificationUrl');
	});
});

describe('public-key signatures on a trigger', () => {
	const scheme: SignatureScheme = {
		header: 'X-Twilio-Email-Event-Webhook-Signature',
		timestampHeader: 'X-Twilio-Email-Event-Webhook-Timestamp',
		algorithm: 'ecdsa-p256-sha256',
		encoding: 'base64',
		signedPayload: '{timestamp}{body}',
	};
	const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
	const publicKey = (pair.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString(
		'base64',
	);
	const body = '[{"email":"a@example.com","event":"delivered","sg_event_id":"e1"}]\r\n';
	const def = manual({ signature: scheme, eventPath: undefined, eventHeader: undefined });
	const ts = () => String(Math.floor(Date.now() / 1000));

	it('a delivery signed with the private key starts one execution; the same bytes re-signed are a replay', async () => {
		const t = harness(def, publicKey);
		const timestamp = ts();
		const signed = Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]);
		const headers = (signature: Buffer) => ({
			'content-type': 'application/json',
			'x-twilio-email-event-webhook-signature': signature.toString('base64'),
			'x-twilio-email-event-webhook-timestamp': timestamp,
		});
		const first = await t.deliver({
			method: 'POST',
			rawBody: body,
			headers: headers(sign('sha256', signed, pair.privateKey)),
		});
		expect(first.result.workflowData?.[0][0].json.body).toEqual([
			{ email: 'a@example.com', event: 'delivered', sg_event_id: 'e1' },
		]);
		// ECDSA is randomised: a fresh signature over the same bytes is still the same delivery.
		const again = await t.deliver({
			method: 'POST',
			rawBody: body,
			headers: headers(sign('sha256', signed, pair.privateKey)),
		});
		expect([again.result, again.response.statusCode]).toEqual([NO_EXECUTION, 401]);
		expect((again.response.body as { message: string }).message).toMatch(/rejected as a replay/);
	});

	it('another key, no key, or a key that is not a public key is rejected (401)', async () => {
		const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		const timestamp = ts();
		const headers = {
			'content-type': 'application/json',
			'x-twilio-email-event-webhook-signature': sign(
				'sha256',
				Buffer.from(timestamp + body),
				other.privateKey,
			).toString('base64'),
			'x-twilio-email-event-webhook-timestamp': timestamp,
		};
		const forged = await harness(def, publicKey).deliver({
			method: 'POST',
			rawBody: body,
			headers,
		});
		expect(forged.response.statusCode).toBe(401);
		const unset = await harness(def, '').deliver({ method: 'POST', rawBody: body, headers });
		expect([unset.response.statusCode, unset.response.body]).toEqual([
			401,
			{
				message:
					'No Hookshop verification key is set, so deliveries cannot be verified. Paste the public key into the credential.',
			},
		]);
		// A key that is set but unusable says why (here a private key pasted by mistake).
		const wrongKind = await harness(
			def,
			other.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
		).deliver({ method: 'POST', rawBody: body, headers });
		expect([wrongKind.response.statusCode, wrongKind.response.body]).toEqual([
			401,
			{
				message:
					'The configured verification key cannot be used (it is a PEM "PRIVATE KEY" block; paste the PEM "PUBLIC KEY" (or its base64 body)), so the delivery cannot be verified.',
			},
		]);
	});
});

describe('the Verification Key field of a manually registered public-key trigger', () => {
	const scheme: SignatureScheme = {
		header: 'X-Sig',
		timestampHeader: 'X-Sig-Timestamp',
		algorithm: 'ecdsa-p256-sha256',
		encoding: 'base64',
		signedPayload: '{timestamp}{body}',
	};

	it('is a multi-line text field (a PEM block is no secret), and an HMAC trigger keeps its masked Signing Secret', () => {
		const field = (def: ServiceDefinition) =>
			triggerClass(def).description.properties.find((p) => p.name === 'signingSecret');
		const manualOnly = (patch: Partial<WebhookSpec>) =>
			hookshopVariant({ register: 'manual', hooks: undefined, ...patch });
		expect(field(manualOnly({ signature: scheme }))).toEqual({
			displayName: 'Verification Key',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			placeholder: '-----BEGIN PUBLIC KEY-----',
			description:
				'The public key Hookshop gives you to verify deliveries (PEM, or its base64 body). Deliveries are rejected (401) while it is empty.',
		});
		expect(field(manualOnly({}))).toMatchObject({
			displayName: 'Signing Secret',
			typeOptions: { password: true },
		});
	});

	it('a PEM pasted there verifies a delivery signed with the private key', async () => {
		const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		const def = hookshopVariant({
			register: 'manual',
			hooks: undefined,
			signature: scheme,
			eventHeader: undefined,
		});
		const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
		const t = harness(def, 'unused', { signingSecret: pem });
		const body = '{"event":"processed"}';
		const headers = {
			'content-type': 'application/json',
			...signPayload(scheme, {
				rawBody: Buffer.from(body),
				secret: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
				timestamp: Math.floor(Date.now() / 1000),
			}),
		};
		const { result } = await t.deliver({ method: 'POST', rawBody: body, headers });
		expect(result.workflowData?.[0][0].json.body).toEqual({ event: 'processed' });
	});
});

describe('a token the user must copy (a show handshake)', () => {
	const show: HandshakeSpec = {
		methods: ['POST'],
		challenge: { in: 'body', name: 'verification_token' },
		answer: { type: 'show', event: 'verification' },
	};
	const request = {
		method: 'POST',
		rawBody: '{"verification_token":"secret_shown_once_81f2"}',
		headers: { 'content-type': 'application/json', authorization: 'Bearer should-not-show' },
	};

	it('no secret yet: 200 and one execution with the token, the auth-like header redacted', async () => {
		const t = harness(manual({ handshakes: [show] }), '');
		const { result, response } = await t.deliver(request);
		expect(response.statusCode).toBe(200);
		expect(result.workflowData?.[0].map((i) => i.json)).toEqual([
			{
				event: 'verification',
				deliveryId: null,
				body: { verification_token: 'secret_shown_once_81f2' },
				headers: { 'content-type': 'application/json', authorization: '[redacted]' },
				query: {},
			},
		]);
	});

	it('a secret set: 200 and nothing starts', async () => {
		const { result, response } = await harness(manual({ handshakes: [show] })).deliver(request);
		expect([result, response.statusCode]).toEqual([NO_EXECUTION, 200]);
	});

	it('the schema refuses a signed or non-POST one, and a secret label where the trigger has no secret field', () => {
		const problems = (patch: Partial<WebhookSpec>) =>
			validateService(manual(patch)).map((p) => p.replace(/^hookshop: /, ''));
		expect(problems({ handshakes: [{ ...show, signed: true }] })).toEqual([
			"webhook.handshakes.0: a 'show' handshake is the unsigned POST that brings the secret (it cannot be signed with it)",
		]);
		expect(problems({ secretLabel: 'Verification Token' })).toEqual([
			"webhook: secretLabel names the trigger's own secret field: only with register: 'manual' and no secretCredentialField",
		]);
	});
});

describe('the schema', () => {
	const problems = (patch: Partial<WebhookSpec>) =>
		validateService(manual(patch)).map((p) => p.replace(/^hookshop: /, ''));
	const text: HandshakeSpec = {
		methods: ['GET'],
		challenge: { in: 'query', name: 'c' },
		answer: { type: 'text' },
	};

	it('refuses handshakes that could not be served, recognised or answered', () => {
		expect(problems({ handshakes: [text] })).toEqual([
			"webhook.handshakes.0: a GET handshake needs setupMethod 'GET' (n8n serves deliveries on POST only)",
		]);
		expect(problems({ handshakes: [{ methods: ['POST'], answer: { type: 'empty' } }] })).toEqual([
			'webhook.handshakes.0: a POST handshake needs a challenge or a match: deliveries are POSTs too',
		]);
		expect(
			problems({
				handshakes: [
					{
						methods: ['POST'],
						match: [{ in: 'body', name: 't', value: 'x' }],
						answer: { type: 'text' },
					},
				],
			}),
		).toEqual([
			"webhook.handshakes.0: a 'text' answer echoes a challenge: say where it is (challenge)",
		]);
		expect(problems({ setupMethod: 'GET', handshakes: [{ ...text, signed: true }] })).toEqual([
			'webhook.handshakes.0: a signed handshake arrives by POST (the setup webhook is unsigned)',
		]);
		expect(
			problems({
				setupMethod: 'GET',
				handshakes: [{ ...text, verifyToken: { in: 'query', name: 't', from: { param: 'nope' } } }],
			}),
		).toEqual([
			"webhook.handshakes.0: the verify token comes from the trigger field 'nope', which is not in params",
		]);
		expect(
			problems({
				signature: { header: 'x-sig', algorithm: 'ecdsa-p256-sha256', encoding: 'base64' },
				setupMethod: 'GET',
				handshakes: [
					{ ...text, answer: { type: 'json', fields: { r: { hmac: 'sha256', encoding: 'hex' } } } },
				],
			}),
		).toEqual([
			'webhook.handshakes.0: an HMAC answer needs a shared secret, but the signature scheme uses a public key',
		]);
		expect(
			problems({
				setupMethod: 'GET',
				handshakes: [{ ...text, methods: ['POST'], answer: { type: 'text' } }],
			}),
		).toEqual(['webhook: a setup webhook needs the handshake hook or a GET handshake']);
		expect(problems({ notificationUrlField: true })).toEqual([
			"webhook: notificationUrlField is for register: 'manual' with a signature over {url} (an API-registered URL is stored when it is registered)",
		]);
	});

	it('refuses unknown fields in a signature scheme or a handshake (the schema equals the type)', () => {
		expect(
			problems({
				signature: { ...hookshopScheme, algoritm: 'sha256' } as unknown as SignatureScheme,
			}),
		).toEqual(["webhook.signature: Unrecognized key(s) in object: 'algoritm'"]);
		expect(
			problems({ setupMethod: 'GET', handshakes: [{ ...text, answer: { type: 'xml' } } as never] }),
		).toHaveLength(1);
	});
});
