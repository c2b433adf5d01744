/**
 * Issue 10, items 6, 13, 16 and 17: replayed deliveries (every trigger, per trigger, not flushable, across a
 * restart), a timestamp that is not signed, form bodies with hostile keys, the Stripe-style defaults of the
 * API Webhook Trigger, and signed bodies that are not JSON sent to vendor triggers.
 */
import { createHmac } from 'node:crypto';

import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { triggerWebhook } from '../../lib/triggers';
import { decodeBody, signPayload, type SignatureScheme } from '../../lib/webhooks';
import { facebookPagesDefinition } from '../../nodes/FacebookPages/FacebookPages.service';
import { githubDefinition } from '../../nodes/Github/Github.service';
import { META_SIGNATURE } from '../../nodes/Meta/meta';
import { stripeDefinition } from '../../nodes/Stripe/Stripe.service';
import { ApiWebhookTrigger } from '../../nodes/Webhook/ApiWebhookTrigger.node';
import { createTriggerHarness } from '../helpers/trigger-harness';
import { createWebhookContext, type FakeWebhookOptions } from '../helpers/webhook-context';

const SECRET = 'whk-hardening-7c1d9e0f2a4b';
const NOW = 1_700_000_000_000;
const REPLAY =
	'This delivery was already received within the last 300 s and is rejected as a replay.';
/** A new signature under a delivery id already accepted: the sender re-sending (200, nothing starts). */
const DUPLICATE = 'This delivery was already received and accepted: nothing new was started.';
/** Without a signed timestamp a copy is refused for a week, not just the window. */
const REPLAY_UNTIMED =
	'This delivery was already received within the last 7 days and is rejected as a replay.';

/** Each test gets its own triggers (workflow ids), so nothing one test remembers reaches another. */
let run = 0;
beforeEach(() => {
	run++;
	jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());
const workflow = (name = 'a') => `hardening-${run}-${name}`;

const apiDefaults = {
	httpMethod: ['POST'],
	path: 'orders',
	responseMode: 'onReceived',
	responseCode: 200,
	verifySignature: true,
	secret: SECRET,
	signatureHeader: 'X-Signature-256',
	algorithm: 'sha256',
	encoding: 'hex',
	signaturePrefix: '',
	signedPayload: '{body}',
	timestampHeader: '',
	toleranceSeconds: 300,
	signatureOptions: {},
};
const defaultScheme: SignatureScheme = {
	header: 'X-Signature-256',
	algorithm: 'sha256',
	encoding: 'hex',
};
const slackStyle = {
	...apiDefaults,
	signatureHeader: 'X-Slack-Signature',
	signaturePrefix: 'v0=',
	signedPayload: 'v0:{timestamp}:{body}',
	timestampHeader: 'X-Slack-Request-Timestamp',
};
const slackScheme: SignatureScheme = {
	header: 'X-Slack-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'v0=',
	timestampHeader: 'X-Slack-Request-Timestamp',
	signedPayload: 'v0:{timestamp}:{body}',
};

async function deliverTo(Trigger: new () => ApiWebhookTrigger, options: FakeWebhookOptions) {
	const fake = createWebhookContext({
		webhookUrl: 'https://n8n.example.com/webhook/orders',
		...options,
	});
	const result: IWebhookResponseData = await new Trigger().webhook.call(fake.context);
	return { fake, result, status: fake.response.statusCode, body: fake.response.body };
}
const deliver = async (options: FakeWebhookOptions) => await deliverTo(ApiWebhookTrigger, options);

describe('API Webhook Trigger: replays (item 6)', () => {
	const rawBody = Buffer.from('{"id":"ord_1","event":"order.created"}');

	it('with default settings, the same signed delivery sent twice starts one execution; the repeat gets 401', async () => {
		const headers = {
			'content-type': 'application/json',
			...signPayload(defaultScheme, { rawBody, secret: SECRET }),
		};
		const first = await deliver({
			workflowId: workflow(),
			parameters: apiDefaults,
			request: { rawBody, headers },
		});
		expect(first.result.workflowData?.[0]).toHaveLength(1);
		const again = await deliver({
			workflowId: workflow(),
			parameters: apiDefaults,
			request: { rawBody, headers },
		});
		expect(again.result).toEqual({ noWebhookResponse: true });
		expect([again.status, again.body]).toEqual([401, { message: REPLAY_UNTIMED }]);
		expect(again.fake.logs).toEqual([
			{
				level: 'warn',
				message: 'API Webhook Trigger rejected a delivery (replayed)',
				meta: { node: 'API Webhook Trigger', reason: 'replayed' },
			},
		]);
	});

	it('remembers per trigger: the same delivery to another workflow or node is its own', async () => {
		const headers = signPayload(defaultScheme, { rawBody, secret: SECRET });
		expect(
			(
				await deliver({
					workflowId: workflow('x'),
					parameters: apiDefaults,
					request: { rawBody, headers },
				})
			).result.workflowData,
		).toHaveLength(1);
		expect(
			(
				await deliver({
					workflowId: workflow('y'),
					parameters: apiDefaults,
					request: { rawBody, headers },
				})
			).result.workflowData,
		).toHaveLength(1);
		const otherNode = await deliver({
			workflowId: workflow('x'),
			node: { id: 'node-2' },
			parameters: apiDefaults,
			request: { rawBody, headers },
		});
		expect(otherNode.result.workflowData).toHaveLength(1);
		expect(
			(
				await deliver({
					workflowId: workflow('x'),
					parameters: apiDefaults,
					request: { rawBody, headers },
				})
			).status,
		).toBe(401);
	});

	it('10,001 other deliveries (to another trigger) do not flush a capture out of its window', async () => {
		const capture = {
			rawBody,
			headers: signPayload(slackScheme, { rawBody, secret: SECRET, timestamp: NOW / 1000 }),
		};
		expect(
			(await deliver({ workflowId: workflow('victim'), parameters: slackStyle, request: capture }))
				.result.workflowData,
		).toHaveLength(1);
		for (let i = 0; i < 10_001; i++) {
			const body = Buffer.from(`{"flood":${i}}`);
			const flood = await deliver({
				workflowId: workflow('flood'),
				parameters: slackStyle,
				request: {
					rawBody: body,
					headers: signPayload(slackScheme, {
						rawBody: body,
						secret: SECRET,
						timestamp: NOW / 1000,
					}),
				},
			});
			if (!flood.result.workflowData)
				throw new Error(`flood delivery ${i} was rejected: ${JSON.stringify(flood.body)}`);
		}
		jest.spyOn(Date, 'now').mockReturnValue(NOW + 200_000);
		const replay = await deliver({
			workflowId: workflow('victim'),
			parameters: slackStyle,
			request: capture,
		});
		expect([replay.status, replay.body]).toEqual([401, { message: REPLAY }]);
	}, 120_000);

	it('a restart (a fresh copy of the package in the same n8n user folder) still rejects a capture inside its window', async () => {
		const capture = {
			rawBody,
			headers: signPayload(slackScheme, { rawBody, secret: SECRET, timestamp: NOW / 1000 }),
		};
		expect(
			(await deliver({ workflowId: workflow(), parameters: slackStyle, request: capture })).result
				.workflowData,
		).toHaveLength(1);
		let Fresh: typeof ApiWebhookTrigger | undefined;
		jest.isolateModules(() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			Fresh = (
				require('../../nodes/Webhook/ApiWebhookTrigger.node') as {
					ApiWebhookTrigger: typeof ApiWebhookTrigger;
				}
			).ApiWebhookTrigger;
		});
		expect(Fresh).not.toBe(ApiWebhookTrigger);
		const replay = await deliverTo(Fresh!, {
			workflowId: workflow(),
			parameters: slackStyle,
			request: capture,
		});
		expect([replay.status, replay.body]).toEqual([401, { message: REPLAY }]);
	});

	it('refuses a timestamp header whose value is not part of the signed content, naming both fields', async () => {
		const headers = {
			...signPayload(defaultScheme, { rawBody, secret: SECRET }),
			'x-timestamp': String(NOW / 1000),
		};
		const params = { ...apiDefaults, timestampHeader: 'X-Timestamp' };
		const { result, status, body } = await deliver({
			workflowId: workflow(),
			parameters: params,
			request: { rawBody, headers },
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(status).toBe(401);
		expect(body).toEqual({
			message:
				'Webhook signature verification is misconfigured: a timestamp is read from the request but {timestamp} is not part of the signed content, so a captured delivery could be replayed with a fresh timestamp (add {timestamp} to "Signed Content" where the sender signs it, or clear "Timestamp Header").',
		});
	});
});

describe('API Webhook Trigger: activation refuses an unsigned timestamp (item 6)', () => {
	const activate = async (parameters: Record<string, unknown>) => {
		const t = createTriggerHarness({
			nodeType: new ApiWebhookTrigger(),
			parameters: parameters as never,
			workflowId: workflow(),
		});
		return await t.run('create').catch((e: Error) => e);
	};

	it('a Timestamp Header with Signed Content {body} fails activation with the fix', async () => {
		const error = await activate({
			path: 'orders',
			secret: SECRET,
			timestampHeader: 'X-Timestamp',
		});
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe(
			'Webhook signature verification is misconfigured: a timestamp is read from the request but {timestamp} is not part of the signed content, so a captured delivery could be replayed with a fresh timestamp (add {timestamp} to "Signed Content" where the sender signs it, or clear "Timestamp Header").',
		);
	});

	it('Key=Value Pairs (timestamp key t by default) with Signed Content {body} fails activation, naming the Timestamp Key', async () => {
		const error = await activate({
			path: 'orders',
			secret: SECRET,
			signatureOptions: { headerFormat: 'keyValue' },
		});
		expect((error as Error).message).toBe(
			'Webhook signature verification is misconfigured: a timestamp is read from the request but {timestamp} is not part of the signed content, so a captured delivery could be replayed with a fresh timestamp (add {timestamp} to "Signed Content" where the sender signs it, or clear "Timestamp Key" (Signature Options)).',
		);
	});

	it('a signed timestamp, or verification turned off, activates', async () => {
		expect(
			await activate({
				path: 'orders',
				secret: SECRET,
				timestampHeader: 'X-Timestamp',
				signedPayload: '{timestamp}.{body}',
			}),
		).toBe(true);
		expect(
			await activate({
				path: 'orders',
				secret: SECRET,
				signatureOptions: { headerFormat: 'keyValue', timestampKey: '' },
			}),
		).toBe(true);
		expect(
			await activate({ path: 'orders', verifySignature: false, timestampHeader: 'X-Timestamp' }),
		).toBe(true);
	});
});

describe('API Webhook Trigger: Stripe style with only "Header Format = Key=Value Pairs" (item 16)', () => {
	it('accepts a genuine Stripe delivery: the Timestamp Key falls back to t, as the editor shows', async () => {
		const body = '{"id":"evt_1","object":"event","type":"payment_intent.succeeded"}';
		const t = NOW / 1000;
		const signature = createHmac('sha256', 'whsec_test_secret')
			.update(`${t}.${body}`)
			.digest('hex');
		const { result, status } = await deliver({
			workflowId: workflow(),
			parameters: {
				...apiDefaults,
				secret: 'whsec_test_secret',
				signatureHeader: 'Stripe-Signature',
				signedPayload: '{timestamp}.{body}',
				signatureOptions: { headerFormat: 'keyValue' },
			},
			request: {
				rawBody: Buffer.from(body),
				headers: {
					'content-type': 'application/json',
					'stripe-signature': `t=${t},v1=${signature}`,
				},
			},
		});
		expect(status).toBeUndefined();
		expect(result.workflowData?.[0][0].json.body).toEqual(JSON.parse(body));
	});
});

describe('form-encoded bodies with hostile keys (item 13)', () => {
	const form =
		'toString=a&constructor=b&hasOwnProperty=c&__proto__=x&__proto__=y&valueOf=1&valueOf=2';

	it('decodes every key as an own field of a null-prototype object', () => {
		const decoded = decodeBody(Buffer.from(form), 'application/x-www-form-urlencoded');
		expect(decoded.kind).toBe('form');
		const value = (decoded as { value: Record<string, unknown> }).value;
		expect(Object.getPrototypeOf(value)).toBeNull();
		expect(Object.keys(value)).toEqual([
			'toString',
			'constructor',
			'hasOwnProperty',
			'__proto__',
			'valueOf',
		]);
		expect(JSON.parse(JSON.stringify(value))).toEqual({
			toString: 'a',
			constructor: 'b',
			hasOwnProperty: 'c',
			['__proto__']: ['x', 'y'],
			valueOf: ['1', '2'],
		});
	});

	it('reaches the workflow intact through the API Webhook Trigger', async () => {
		const rawBody = Buffer.from(form);
		const { result } = await deliver({
			workflowId: workflow(),
			parameters: apiDefaults,
			request: {
				rawBody,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					...signPayload(defaultScheme, { rawBody, secret: SECRET }),
				},
			},
		});
		const body = result.workflowData?.[0][0].json.body as IDataObject;
		expect(JSON.stringify(body)).toBe(
			'{"toString":"a","constructor":"b","hasOwnProperty":"c","__proto__":["x","y"],"valueOf":["1","2"]}',
		);
		expect(Array.isArray(body)).toBe(false);
		expect(Object.getPrototypeOf(body)).toBeNull();
	});
});

/** A spec-built trigger's delivery through `triggerWebhook`, with the stored/credential secret it would have. */
async function deliverToService(
	def: typeof githubDefinition,
	opts: {
		workflowId: string;
		secret: string;
		events: string[];
		rawBody: string;
		headers: Record<string, string>;
		now?: number;
		credentials?: IDataObject;
	},
) {
	const fake = createWebhookContext({
		workflowId: opts.workflowId,
		node: { id: 'trigger-node', name: `${def.spec.displayName} Trigger` },
		parameters: { events: opts.events, verifyToken: 'vt', pageId: '1' },
		staticData: {
			node: {
				production: {
					hookId: 'h1',
					secret: opts.secret,
					events: opts.events,
					webhookUrl: 'https://n8n.example.com/webhook/x/webhook',
				},
			},
			global: {},
		},
		webhookUrl: 'https://n8n.example.com/webhook/x/webhook',
		request: { method: 'POST', rawBody: opts.rawBody, headers: opts.headers },
	});
	(fake.context as unknown as { getCredentials: () => Promise<IDataObject> }).getCredentials =
		async () => opts.credentials ?? {};
	const result = await triggerWebhook(
		fake.context as IWebhookFunctions,
		def,
		opts.now !== undefined ? { now: opts.now } : {},
	);
	return { result, status: fake.response.statusCode, body: fake.response.body };
}

describe('vendor triggers: replays (item 6)', () => {
	const push = JSON.stringify({
		ref: 'refs/heads/main',
		after: '0d1a26e6',
		repository: { full_name: 'n8n-io/n8n' },
	});
	const ghSecret = 'gh-generated-secret-0123456789abcdef';
	const ghHeaders = (
		body: string,
		event = 'push',
		delivery = '72d3162e-cc78-11e3-81ab-4c9367dc0958',
	) => ({
		'content-type': 'application/json',
		'x-github-event': event,
		'x-github-delivery': delivery,
		...signPayload(githubDefinition.spec.webhook!.signature!, {
			rawBody: Buffer.from(body),
			secret: ghSecret,
		}),
	});
	const gh = (headers: Record<string, string>, body = push, workflowId = workflow()) =>
		deliverToService(githubDefinition, {
			workflowId,
			secret: ghSecret,
			events: ['*'],
			rawBody: body,
			headers,
		});

	it('GitHub: a replay, a replay with X-GitHub-Event swapped and one with X-GitHub-Delivery swapped all get 401', async () => {
		const first = await gh(ghHeaders(push));
		expect(first.result.workflowData?.[0][0].json).toMatchObject({
			event: 'push',
			deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
		});
		for (const headers of [
			ghHeaders(push),
			ghHeaders(push, 'release'),
			ghHeaders(push, 'push', 'ffffffff-0000-4000-8000-000000000000'),
		]) {
			const again = await gh(headers);
			expect([again.result, again.status, again.body]).toEqual([
				{ noWebhookResponse: true },
				401,
				{ message: REPLAY_UNTIMED },
			]);
		}
	});

	it('GitHub: a new body under a delivery id already seen starts nothing (200: a re-send, not an attack); another trigger has its own memory', async () => {
		expect((await gh(ghHeaders(push))).result.workflowData).toHaveLength(1);
		const other = JSON.stringify({ ref: 'refs/heads/dev' });
		const again = await gh(ghHeaders(other), other);
		expect([again.status, again.body, again.result.workflowData]).toEqual([
			200,
			{ message: DUPLICATE },
			undefined,
		]);
		// The same signed bytes again are a replay.
		expect((await gh(ghHeaders(push))).status).toBe(401);
		expect((await gh(ghHeaders(push), push, workflow('other'))).result.workflowData).toHaveLength(
			1,
		);
	});

	it('Stripe: the same event id signed again with a fresh timestamp (Stripe re-sending) is answered 200 and starts nothing', async () => {
		const secret = 'whsec_hardening_0001';
		const body = JSON.stringify({
			id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
			object: 'event',
			type: 'payment_intent.succeeded',
			data: { object: {} },
		});
		const t0 = NOW / 1000;
		const signed = (t: number) => ({
			'content-type': 'application/json',
			'stripe-signature': `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`,
		});
		const send = async (t: number) =>
			await deliverToService(stripeDefinition, {
				workflowId: workflow(),
				secret,
				events: ['*'],
				rawBody: body,
				headers: signed(t),
				now: t * 1000,
			});
		expect((await send(t0)).result.workflowData?.[0][0].json).toMatchObject({
			deliveryId: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
		});
		const resent = await send(t0 + 60);
		expect([resent.status, resent.body, resent.result.workflowData]).toEqual([
			200,
			{ message: DUPLICATE },
			undefined,
		]);
		// The first signed bytes again are a replay.
		expect((await send(t0)).status).toBe(401);
	});

	it('Facebook Pages (Meta, no delivery id): the same signed delivery twice gets 401 the second time', async () => {
		const body = JSON.stringify({
			object: 'page',
			entry: [{ id: '1', time: 1, changes: [{ field: 'feed', value: { item: 'comment' } }] }],
		});
		const headers = {
			'content-type': 'application/json',
			...signPayload(META_SIGNATURE, { rawBody: Buffer.from(body), secret: 'fb_app_secret' }),
		};
		const send = async () =>
			await deliverToService(facebookPagesDefinition, {
				workflowId: workflow(),
				secret: '',
				events: ['feed'],
				rawBody: body,
				headers,
				credentials: { clientSecret: 'fb_app_secret' },
			});
		expect((await send()).result.workflowData).toHaveLength(1);
		const again = await send();
		expect([again.status, again.body]).toEqual([401, { message: REPLAY_UNTIMED }]);
	});
});

describe('vendor triggers: signed bodies that are not JSON (item 17)', () => {
	it('GitHub: a correctly signed text/plain body gets 400 and starts nothing', async () => {
		const secret = 'gh-generated-secret-abcdef';
		const headers = {
			'content-type': 'text/plain',
			'x-github-event': 'push',
			'x-github-delivery': 'd-text-1',
			...signPayload(githubDefinition.spec.webhook!.signature!, {
				rawBody: Buffer.from('Hello, World!'),
				secret,
			}),
		};
		const { result, status, body } = await deliverToService(githubDefinition, {
			workflowId: workflow(),
			secret,
			events: ['*'],
			rawBody: 'Hello, World!',
			headers,
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect([status, body]).toEqual([
			400,
			{
				message:
					'GitHub deliveries are JSON, but this body is not (Content-Type: text/plain): it was rejected and started nothing.',
			},
		]);
	});

	it('Stripe: a correctly signed body that is not JSON gets 400; JSON labelled text/plain is still read as JSON', async () => {
		const secret = 'whsec_hardening_0002';
		const t = NOW / 1000;
		const send = async (body: string, contentType: string) =>
			await deliverToService(stripeDefinition, {
				workflowId: workflow(),
				secret,
				events: ['*'],
				rawBody: body,
				now: NOW,
				headers: {
					'content-type': contentType,
					'stripe-signature': `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`,
				},
			});
		const text = await send('type=payment_intent.succeeded', 'text/plain');
		expect(text.result).toEqual({ noWebhookResponse: true });
		expect([text.status, text.body]).toEqual([
			400,
			{
				message:
					'Stripe deliveries are JSON, but this body is not (Content-Type: text/plain): it was rejected and started nothing.',
			},
		]);
		const empty = await send('', 'application/json');
		expect([empty.status, empty.body]).toEqual([
			400,
			{
				message:
					'Stripe deliveries are JSON, but this body is not (Content-Type: application/json): it was rejected and started nothing.',
			},
		]);
		const json = '{"id":"evt_json_as_text","object":"event","type":"charge.refunded"}';
		const labelled = await send(json, 'text/plain');
		expect(labelled.result.workflowData?.[0][0].json).toMatchObject({
			event: 'charge.refunded',
			body: JSON.parse(json),
		});
	});
});
