import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { WebhookContext } from 'n8n-core';
import {
	resolveWebhookDescriptionField,
	webhookDescriptionIsNativelyResolvable,
	Workflow,
	type IHookFunctions,
	type INode,
	type INodeProperties,
	type INodeTypes,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { sharedReplayStore, signPayload, type SignatureScheme } from '../../lib/webhooks';
import { ApiWebhookTrigger } from '../../nodes/Webhook/ApiWebhookTrigger.node';
import { createWebhookContext, type FakeWebhookOptions } from '../helpers/webhook-context';

const NODE_DIR = join(__dirname, '../../nodes/Webhook');
const SECRET = 'whk-9f2c1a7e5b3d4c6e8a0b';
const NOW = 1_700_000_000_000;

/** The node's defaults, as n8n would hand them to getNodeParameter. */
const defaults = {
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

const githubStyle = {
	...defaults,
	signatureHeader: 'X-Hub-Signature-256',
	signaturePrefix: 'sha256=',
};
const githubScheme: SignatureScheme = {
	header: 'X-Hub-Signature-256',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'sha256=',
};

const slackStyle = {
	...defaults,
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

const stripeStyle = {
	...defaults,
	signatureHeader: 'Stripe-Signature',
	signedPayload: '{timestamp}.{body}',
	signatureOptions: { headerFormat: 'keyValue', signatureKey: 'v1', timestampKey: 't' },
};
const stripeScheme: SignatureScheme = {
	header: 'Stripe-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	structured: { signatureKey: 'v1', timestampKey: 't' },
	signedPayload: '{timestamp}.{body}',
};

const rawBody = Buffer.from('{"id": 42, "event": "order.created"}');

async function deliver(options: FakeWebhookOptions) {
	const fake = createWebhookContext({
		webhookUrl: 'https://n8n.example.com/webhook/orders',
		...options,
	});
	const result: IWebhookResponseData = await new ApiWebhookTrigger().webhook.call(fake.context);
	return { fake, result };
}

beforeEach(async () => {
	await sharedReplayStore().clear();
	jest.spyOn(Date, 'now').mockReturnValue(NOW);
});

afterEach(() => {
	jest.restoreAllMocks();
});

describe('ApiWebhookTrigger.webhook', () => {
	it('outputs one item shaped like n8n’s Webhook node for a valid delivery', async () => {
		const { fake, result } = await deliver({
			parameters: githubStyle,
			request: {
				rawBody,
				url: '/webhook/orders?source=shop',
				headers: {
					'content-type': 'application/json',
					'user-agent': 'GitHub-Hookshot/abc',
					authorization: 'Bearer should-not-leak',
					cookie: 'sid=abc',
					...signPayload(githubScheme, { rawBody, secret: SECRET }),
				},
				query: { source: 'shop' },
				params: {},
			},
		});

		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							headers: {
								'content-type': 'application/json',
								'user-agent': 'GitHub-Hookshot/abc',
								authorization: '[redacted]',
								cookie: '[redacted]',
								'x-hub-signature-256':
									'sha256=d830894a1e528bcfb38f2e9127c6cfce2fb78800a4edca3f0bd99f2d62561e5b',
							},
							params: {},
							query: { source: 'shop' },
							body: { id: 42, event: 'order.created' },
							webhookUrl: 'https://n8n.example.com/webhook/orders',
							executionMode: 'production',
						},
					},
				],
			],
		});
		// n8n answers a verified delivery itself (response code from the description).
		expect(fake.response.statusCode).toBeUndefined();
		expect(fake.response.ended).toBe(false);
	});

	it('rejects a tampered body with 401 and starts nothing', async () => {
		const { fake, result } = await deliver({
			parameters: githubStyle,
			request: {
				rawBody: Buffer.from('{"id": 43, "event": "order.created"}'),
				headers: signPayload(githubScheme, { rawBody, secret: SECRET }),
			},
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(result.workflowData).toBeUndefined();
		expect(fake.response.statusCode).toBe(401);
		expect(fake.response.body).toEqual({
			message:
				'The X-Hub-Signature-256 signature does not match the request (wrong secret, or the body was changed).',
		});
		expect(fake.logs).toEqual([
			{
				level: 'warn',
				message: 'API Webhook Trigger rejected a delivery (bad-signature)',
				meta: { node: 'API Webhook Trigger', reason: 'bad-signature' },
			},
		]);
	});

	it('rejects an unsigned delivery with 401', async () => {
		const { fake, result } = await deliver({
			parameters: githubStyle,
			request: { rawBody, headers: { 'content-type': 'application/json' } },
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(fake.response.statusCode).toBe(401);
		expect(fake.response.body).toEqual({
			message: 'The request has no X-Hub-Signature-256 header.',
		});
	});

	it('rejects a delivery signed with another secret with 401', async () => {
		const { fake, result } = await deliver({
			parameters: githubStyle,
			request: {
				rawBody,
				headers: signPayload(githubScheme, { rawBody, secret: 'another-secret' }),
			},
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(fake.response.statusCode).toBe(401);
	});

	it('rejects a stale timestamp with 401', async () => {
		const timestamp = NOW / 1000 - 301;
		const { fake, result } = await deliver({
			parameters: slackStyle,
			request: {
				rawBody,
				headers: signPayload(slackScheme, { rawBody, secret: SECRET, timestamp }),
			},
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(fake.response.statusCode).toBe(401);
		expect(fake.response.body).toEqual({
			message: 'The request timestamp is 301 s old; deliveries older than 300 s are rejected.',
		});
	});

	it('accepts a timestamp exactly at the edge of the replay window', async () => {
		const timestamp = NOW / 1000 - 300;
		const { result } = await deliver({
			parameters: slackStyle,
			request: {
				rawBody,
				headers: signPayload(slackScheme, { rawBody, secret: SECRET, timestamp }),
			},
		});
		expect(result.workflowData).toHaveLength(1);
	});

	it('rejects the same delivery replayed inside the window', async () => {
		const headers = signPayload(slackScheme, {
			rawBody,
			secret: SECRET,
			timestamp: NOW / 1000 - 5,
		});
		const first = await deliver({ parameters: slackStyle, request: { rawBody, headers } });
		expect(first.result.workflowData?.[0]).toHaveLength(1);

		jest.spyOn(Date, 'now').mockReturnValue(NOW + 60_000);
		const second = await deliver({ parameters: slackStyle, request: { rawBody, headers } });
		expect(second.result).toEqual({ noWebhookResponse: true });
		expect(second.fake.response.statusCode).toBe(401);
		expect(second.fake.response.body).toEqual({
			message:
				'This delivery was already received within the last 300 s and is rejected as a replay.',
		});
	});

	it('verifies a Stripe-style key=value header with several candidate signatures', async () => {
		const timestamp = NOW / 1000;
		const signed = signPayload(stripeScheme, { rawBody, secret: SECRET, timestamp })[
			'stripe-signature'
		];
		const { result } = await deliver({
			parameters: stripeStyle,
			request: {
				rawBody,
				headers: {
					'content-type': 'application/json',
					'stripe-signature': `${signed.replace(/v1=/, `v1=${'0'.repeat(64)},v1=`)}`,
				},
			},
		});
		expect(result.workflowData?.[0][0].json.body).toEqual({ id: 42, event: 'order.created' });
	});

	it('uses the delivery-id header for replay protection', async () => {
		const params = { ...githubStyle, signatureOptions: { deliveryIdHeader: 'X-GitHub-Delivery' } };
		const headers = {
			...signPayload(githubScheme, { rawBody, secret: SECRET }),
			'x-github-delivery': 'd-1',
		};
		expect(
			(await deliver({ parameters: params, request: { rawBody, headers } })).result.workflowData,
		).toHaveLength(1);
		const again = await deliver({ parameters: params, request: { rawBody, headers } });
		expect(again.fake.response.statusCode).toBe(401);
	});

	it('passes unsigned deliveries when verification is explicitly off', async () => {
		const { fake, result } = await deliver({
			parameters: { ...githubStyle, verifySignature: false },
			request: { rawBody, headers: { 'content-type': 'application/json' } },
		});
		expect(result).toEqual({
			workflowData: [
				[
					{
						json: {
							headers: { 'content-type': 'application/json' },
							params: {},
							query: {},
							body: { id: 42, event: 'order.created' },
							webhookUrl: 'https://n8n.example.com/webhook/orders',
							executionMode: 'production',
						},
					},
				],
			],
		});
		expect(fake.response.statusCode).toBeUndefined();
	});

	it('fails closed when verification is on but the secret is empty', async () => {
		const { fake, result } = await deliver({
			parameters: { ...githubStyle, secret: '' },
			request: { rawBody, headers: signPayload(githubScheme, { rawBody, secret: SECRET }) },
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(fake.response.statusCode).toBe(401);
		expect(fake.response.body).toEqual({
			message:
				'Signature verification is on but no secret is set: enter the sender’s signing secret in the "Secret" field of the API Webhook Trigger node.',
		});
	});

	it('rejects every delivery of a misconfigured scheme', async () => {
		const { fake } = await deliver({
			parameters: { ...githubStyle, signedPayload: '{timestamp}.{body}' },
			request: { rawBody, headers: signPayload(githubScheme, { rawBody, secret: SECRET }) },
		});
		expect(fake.response.statusCode).toBe(401);
		expect(fake.response.body).toEqual({
			message:
				'Webhook signature verification is misconfigured: the signed-bytes template uses {timestamp} but no timestamp header is set.',
		});
	});

	it('never puts the secret in a response or an output item', async () => {
		const attempts: FakeWebhookOptions[] = [
			{ parameters: githubStyle, request: { rawBody, headers: {} } },
			{
				parameters: githubStyle,
				request: { rawBody, headers: { 'x-hub-signature-256': 'sha256=zz' } },
			},
			{
				parameters: githubStyle,
				request: {
					rawBody: Buffer.from('x'),
					headers: signPayload(githubScheme, { rawBody, secret: SECRET }),
				},
			},
			{
				parameters: slackStyle,
				request: {
					rawBody,
					headers: signPayload(slackScheme, { rawBody, secret: SECRET, timestamp: 1 }),
				},
			},
			{ parameters: { ...githubStyle, algorithm: 'md5' }, request: { rawBody, headers: {} } },
			{
				parameters: githubStyle,
				request: {
					rawBody,
					headers: {
						...signPayload(githubScheme, { rawBody, secret: SECRET }),
						'x-echo': `secret=${SECRET}`,
					},
				},
			},
		];
		for (const attempt of attempts) {
			const { fake, result } = await deliver(attempt);
			expect(fake.response.raw()).not.toContain(SECRET);
			expect(JSON.stringify(result)).not.toContain(SECRET);
			expect(JSON.stringify(fake.logs)).not.toContain(SECRET);
		}
	});

	it('reads the raw body itself when n8n did not pre-read it', async () => {
		const { fake, result } = await deliver({
			parameters: githubStyle,
			request: {
				rawBody,
				rawBodyPreRead: false,
				headers: {
					'content-type': 'application/json',
					...signPayload(githubScheme, { rawBody, secret: SECRET }),
				},
			},
		});
		expect(fake.readRawBodyCalls()).toBe(1);
		expect(result.workflowData?.[0][0].json.body).toEqual({ id: 42, event: 'order.created' });
	});

	it('outputs text, form and binary bodies from the verified bytes', async () => {
		const text = Buffer.from('plain text é');
		const form = Buffer.from('text=hi&user_id=U1');
		const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]);
		const run = (body: Buffer, contentType: string) =>
			deliver({
				parameters: githubStyle,
				request: {
					rawBody: body,
					headers: {
						'content-type': contentType,
						...signPayload(githubScheme, { rawBody: body, secret: SECRET }),
					},
				},
			});

		expect((await run(text, 'text/plain')).result.workflowData?.[0][0].json.body).toBe(
			'plain text é',
		);
		expect(
			(await run(form, 'application/x-www-form-urlencoded')).result.workflowData?.[0][0].json.body,
		).toEqual({ text: 'hi', user_id: 'U1' });
		const item = (await run(binary, 'image/png')).result.workflowData?.[0][0];
		expect(item?.json.body).toEqual({});
		expect(item?.binary).toEqual({
			data: { data: binary.toString('base64'), mimeType: 'image/png', bytes: 6 },
		});
	});

	it('reports the test URL and mode on a manual (test) run', async () => {
		const { result } = await deliver({
			mode: 'manual',
			parameters: githubStyle,
			request: { rawBody, headers: signPayload(githubScheme, { rawBody, secret: SECRET }) },
		});
		expect(result.workflowData?.[0][0].json).toMatchObject({
			webhookUrl: 'https://n8n.example.com/webhook-test/orders',
			executionMode: 'test',
		});
	});

	it('signs {url} as the webhook URL plus the query received, or the configured Signed URL', async () => {
		const urlScheme: SignatureScheme = {
			...githubScheme,
			prefix: undefined,
			signedPayload: '{url}{body}',
			encoding: 'base64',
			header: 'X-Sig',
		};
		const params = {
			...defaults,
			signatureHeader: 'X-Sig',
			encoding: 'base64',
			signedPayload: '{url}{body}',
		};
		const sign = (url: string) => signPayload(urlScheme, { rawBody, secret: SECRET, url });

		const viaQuery = await deliver({
			parameters: params,
			request: {
				rawBody,
				url: '/webhook/orders?shop=a',
				headers: sign('https://n8n.example.com/webhook/orders?shop=a'),
			},
		});
		expect(viaQuery.result.workflowData).toHaveLength(1);

		const configured = await deliver({
			parameters: {
				...params,
				signatureOptions: { signedUrl: 'https://public.example.org/hooks/orders' },
			},
			request: { rawBody, headers: sign('https://public.example.org/hooks/orders') },
		});
		expect(configured.result.workflowData).toHaveLength(1);

		const mismatch = await deliver({
			parameters: params,
			request: { rawBody, headers: sign('https://elsewhere.example.org/') },
		});
		expect(mismatch.fake.response.statusCode).toBe(401);
	});

	it('verifies base64-key, SHA-512 and millisecond settings', async () => {
		const keyBase64 = Buffer.from('raw-key-bytes-0123').toString('base64');
		const scheme: SignatureScheme = {
			header: 'X-Sig',
			algorithm: 'sha512',
			encoding: 'base64',
			secretKey: 'base64',
			timestampHeader: 'X-Ts',
			timestampUnit: 'ms',
			timestampWindow: 'two-sided',
			signedPayload: '{timestamp}:{body}',
		};
		const params = {
			...defaults,
			secret: keyBase64,
			signatureHeader: 'X-Sig',
			algorithm: 'sha512',
			encoding: 'base64',
			signedPayload: '{timestamp}:{body}',
			timestampHeader: 'X-Ts',
			signatureOptions: {
				secretEncoding: 'base64',
				timestampUnit: 'ms',
				timestampWindow: 'two-sided',
			},
		};
		const ok = await deliver({
			parameters: params,
			request: {
				rawBody,
				headers: signPayload(scheme, { rawBody, secret: keyBase64, timestamp: NOW }),
			},
		});
		expect(ok.result.workflowData).toHaveLength(1);
		const future = await deliver({
			parameters: params,
			request: {
				rawBody,
				headers: signPayload(scheme, { rawBody, secret: keyBase64, timestamp: NOW + 301_000 }),
			},
		});
		expect(future.fake.response.statusCode).toBe(401);
	});
});

describe('ApiWebhookTrigger.description', () => {
	const { description } = new ApiWebhookTrigger();

	it('follows the trigger conventions', () => {
		expect(ApiWebhookTrigger.name).toMatch(/Trigger$/);
		expect(description.name).toBe('apiWebhookTrigger');
		expect(description.displayName).toBe('API Webhook Trigger');
		expect(description.group).toEqual(['trigger']);
		// Version 2 keeps the signing secret in a credential (issue 10, item 19); version 1 workflows keep their Secret field.
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.defaults).toEqual({ name: 'API Webhook Trigger' });
		expect(typeof description.subtitle).toBe('string');
		expect(description.description).toBe(
			'Starts the workflow when a signed webhook arrives, after verifying its HMAC signature',
		);
		expect(description.credentials).toEqual([
			{
				name: 'apiConnWebhookSigningSecretApi',
				required: true,
				testedBy: 'signingSecretTest',
				displayOptions: { show: { '@version': [2], verifySignature: [true] } },
			},
		]);
	});

	it('has a complete lifecycle with nothing to register at a service', async () => {
		const hooks = new ApiWebhookTrigger().webhookMethods.default;
		// Activation reads the signature settings (it refuses unsafe ones); these are the defaults.
		const hookContext = {
			getNodeParameter: (name: string, fallback?: unknown) =>
				name === 'verifySignature' ? true : fallback,
		} as unknown as IHookFunctions;
		await expect(hooks.checkExists.call(hookContext)).resolves.toBe(true);
		await expect(hooks.create.call(hookContext)).resolves.toBe(true);
		await expect(hooks.delete.call(hookContext)).resolves.toBe(true);
	});

	it('declares one full-path webhook whose methods, path and response come from parameters', () => {
		expect(description.webhooks).toHaveLength(1);
		const [webhook] = description.webhooks!;
		expect(Object.keys(webhook).sort()).toEqual(
			[
				'name',
				'httpMethod',
				'isFullPath',
				'path',
				'responseMode',
				'responseCode',
				'responseData',
			].sort(),
		);
		expect(webhook).toMatchObject({
			name: 'default',
			httpMethod: '={{$parameter["httpMethod"]}}',
			isFullPath: true,
			path: '={{$parameter["path"]}}',
			responseMode: '={{$parameter["responseMode"]}}',
			responseCode: '={{$parameter["responseCode"]}}',
		});
		expect(webhook.responseData).toMatch(/^=\{\{\(.*\)\(\$parameter\)\}\}$/);
		// Every field has a resolver n8n's server uses instead of the expression engine on each delivery.
		expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
	});

	it('has distinct light and dark SVG icons that exist', () => {
		expect(description.icon).toEqual({ light: 'file:webhook.svg', dark: 'file:webhook.dark.svg' });
		const light = readFileSync(join(NODE_DIR, 'webhook.svg'), 'utf8');
		const dark = readFileSync(join(NODE_DIR, 'webhook.dark.svg'), 'utf8');
		expect(light.startsWith('<svg')).toBe(true);
		expect(dark.startsWith('<svg')).toBe(true);
		expect(light).not.toBe(dark);
	});

	it('has a codex file naming this node', () => {
		const codexPath = join(NODE_DIR, 'ApiWebhookTrigger.node.json');
		expect(existsSync(codexPath)).toBe(true);
		expect(JSON.parse(readFileSync(codexPath, 'utf8'))).toEqual({
			node: 'n8n-nodes-api-connections.apiWebhookTrigger',
			nodeVersion: '1.0',
			codexVersion: '1.0',
			categories: ['Development', 'Core Nodes'],
			resources: {
				primaryDocumentation: [
					{
						url: 'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/api-webhook-trigger.md',
					},
				],
			},
			alias: ['API', 'REST', 'HTTP', 'GraphQL', 'webhook'],
		});
	});

	it('turns signature verification on by default, warns when it is off, and hides the secret', () => {
		const byName = Object.fromEntries(description.properties.map((p) => [p.name, p]));
		expect(byName.verifySignature.default).toBe(true);
		expect(byName.verificationOffNotice.type).toBe('notice');
		expect(byName.verificationOffNotice.displayOptions).toEqual({
			show: { verifySignature: [false] },
		});
		expect(byName.secret.typeOptions).toEqual({ password: true });
		expect(byName.secret.default).toBe('');
		expect(byName.signatureHeader.default).toBe('X-Signature-256');
		expect(byName.toleranceSeconds.default).toBe(300);
		expect(byName.signedPayload.default).toBe('{body}');
		expect(byName.httpMethod.type).toBe('multiOptions');
		expect((byName.httpMethod.options ?? []).map((o) => ('value' in o ? o.value : ''))).toEqual([
			'DELETE',
			'GET',
			'PATCH',
			'POST',
			'PUT',
		]);
		expect((byName.responseMode.options ?? []).map((o) => ('value' in o ? o.value : ''))).toEqual([
			'onReceived',
			'lastNode',
		]);
	});

	/** Every property and collection option, recursively. */
	function allProperties(properties: INodeProperties[]): INodeProperties[] {
		return properties.flatMap((p) => [
			p,
			...allProperties(
				(p.options ?? []).filter((o): o is INodeProperties => 'displayName' in o && 'type' in o),
			),
		]);
	}

	it('gives every parameter a title-cased display name and a description', () => {
		const minorWords = new Set(['a', 'an', 'and', 'of', 'or', 'the', 'to', 'in', 'on', 'for']);
		for (const property of allProperties(description.properties)) {
			if (property.type === 'notice') {
				expect(property.displayName.length).toBeGreaterThan(40);
				continue;
			}
			expect(property.displayName.trim()).toBe(property.displayName);
			for (const word of property.displayName.split(' ')) {
				if (minorWords.has(word)) continue;
				expect(word[0]).toBe(word[0].toUpperCase());
			}
			expect(typeof property.description).toBe('string');
			expect((property.description ?? '').length).toBeGreaterThan(10);
			if (property.type === 'boolean') expect(property.description).toMatch(/^Whether /);
		}
	});

	it('keeps parameter names unique and option defaults valid', () => {
		const names = description.properties.map((p) => p.name);
		expect(new Set(names).size).toBe(names.length);
		for (const property of allProperties(description.properties)) {
			if (property.type !== 'options' && property.type !== 'multiOptions') continue;
			const values = (property.options ?? []).map((o) => ('value' in o ? o.value : undefined));
			const defaults = Array.isArray(property.default) ? property.default : [property.default];
			for (const value of defaults) expect(values).toContain(value);
			// n8n's lint wants options sorted by name, except ordered choices like the response mode.
			if (property.name !== 'responseMode') {
				const labels = (property.options ?? []).map((o) => o.name);
				expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
			}
		}
		const options = description.properties.find((p) => p.name === 'signatureOptions');
		const optionNames = (options?.options ?? []).map((o) =>
			'displayName' in o ? o.displayName : '',
		);
		expect(optionNames).toEqual([...optionNames].sort((a, b) => a.localeCompare(b)));
	});
});

describe('ApiWebhookTrigger inside n8n-core’s real WebhookContext', () => {
	function realContext(
		parameters: Record<string, unknown>,
		request: { headers: Record<string, string>; rawBody: Buffer },
	) {
		const trigger = new ApiWebhookTrigger();
		const nodeTypes: INodeTypes = {
			getByName: () => trigger,
			getByNameAndVersion: () => trigger,
			getKnownTypes: () => ({}),
		};
		const node: INode = {
			id: 'real-node-1',
			name: 'API Webhook Trigger',
			type: 'n8n-nodes-api-connections.apiWebhookTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '5f0e7c1a-0000-4000-8000-000000000001',
			// Only non-default values: the Workflow fills in the node's defaults, as n8n does.
			parameters: parameters as INode['parameters'],
		};
		const workflow = new Workflow({
			id: 'wf-real',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
		});
		const captured: { status?: number; body?: unknown } = {};
		const res = {
			status(code: number) {
				captured.status = code;
				return res;
			},
			json(body: unknown) {
				captured.body = body;
				return res;
			},
		};
		const req = {
			method: 'POST',
			headers: request.headers,
			url: '/webhook/orders',
			originalUrl: '/webhook/orders',
			query: {},
			params: {},
			body: JSON.parse(request.rawBody.toString()) as unknown,
			rawBody: request.rawBody,
			readRawBody: async () => {},
		};
		const additionalData = {
			httpRequest: req,
			httpResponse: res,
			webhookBaseUrl: 'https://n8n.example.com/webhook',
			webhookTestBaseUrl: 'https://n8n.example.com/webhook-test',
			restApiUrl: 'https://n8n.example.com/rest',
			instanceBaseUrl: 'https://n8n.example.com',
			formWaitingBaseUrl: 'https://n8n.example.com/form-waiting',
			webhookWaitingBaseUrl: 'https://n8n.example.com/webhook-waiting',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'orders',
			webhookDescription: trigger.description.webhooks![0],
			workflowId: 'wf-real',
			workflowExecuteAdditionalData: additionalData,
		} as IWebhookData;
		const context = new WebhookContext(
			workflow,
			workflow.getNode(node.name)!,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		return { trigger, workflow, node: workflow.getNode(node.name)!, context, captured };
	}

	const params = {
		path: 'orders',
		httpMethod: ['POST', 'PUT'],
		secret: SECRET,
		signaturePrefix: 'sha256=',
		signatureHeader: 'X-Hub-Signature-256',
	};

	it('verifies and outputs a delivery with the parameters n8n resolves (defaults filled in)', async () => {
		const headers = {
			'content-type': 'application/json',
			...signPayload(githubScheme, { rawBody, secret: SECRET }),
		};
		const { trigger, context, captured } = realContext(params, { headers, rawBody });
		const result = await trigger.webhook.call(context);
		expect(captured.status).toBeUndefined();
		expect(result.workflowData?.[0][0].json).toEqual({
			headers,
			params: {},
			query: {},
			body: { id: 42, event: 'order.created' },
			webhookUrl: 'https://n8n.example.com/webhook/orders',
			executionMode: 'production',
		});
	});

	it('answers 401 itself for a forged delivery', async () => {
		const headers = { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` };
		const { trigger, context, captured } = realContext(params, { headers, rawBody });
		const warn = jest.spyOn(context.logger, 'warn').mockImplementation(() => {});
		expect(await trigger.webhook.call(context)).toEqual({ noWebhookResponse: true });
		expect(warn).toHaveBeenCalledWith('API Webhook Trigger rejected a delivery (bad-signature)', {
			node: 'API Webhook Trigger',
			reason: 'bad-signature',
		});
		expect(captured).toEqual({
			status: 401,
			body: {
				message:
					'The X-Hub-Signature-256 signature does not match the request (wrong secret, or the body was changed).',
			},
		});
	});

	it('resolves the webhook description the way n8n registers it: one webhook per selected method', () => {
		const { workflow, node } = realContext(
			{ ...params, responseMode: 'lastNode' },
			{ headers: {}, rawBody },
		);
		const resolve = (value: string) =>
			workflow.expression.getSimpleParameterValue(node, value, 'webhook', {});
		const description = new ApiWebhookTrigger().description.webhooks![0];
		// n8n's WebhookService splits String(value) on commas into one registration per method.
		expect(String(resolve(description.httpMethod)).split(',')).toEqual(['POST', 'PUT']);
		expect(resolve(description.path)).toBe('orders');
		expect(resolve(description.responseMode as string)).toBe('lastNode');
		expect(resolve(description.responseCode as string)).toBe(200);
		expect(resolve(description.responseData as string)).toBe('firstEntryJson');
		// The resolvers n8n's server uses for static parameters give the same values as the expressions.
		for (const field of [
			'httpMethod',
			'path',
			'responseMode',
			'responseCode',
			'responseData',
		] as const)
			expect(resolveWebhookDescriptionField(node, description, field)).toEqual({
				resolved: true,
				value: resolve(description[field] as string),
			});
		const other = { ...node, parameters: { ...node.parameters, responseMode: 'onReceived' } };
		expect(resolveWebhookDescriptionField(other, description, 'responseData')).toEqual({
			resolved: true,
			value: undefined,
		});
	});
});
