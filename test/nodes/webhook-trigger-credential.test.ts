/**
 * Issue 10, item 19: the API Webhook Trigger's signing secret. Version 2 reads it from a credential of its
 * own (n8n stores credentials encrypted and never sends a password field back to the editor); version 1
 * workflows keep their Secret field and keep working. Deliveries run through n8n-core's real WebhookContext,
 * so the secret reaches the node the way n8n hands credentials to nodes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeProperties,
} from 'n8n-workflow';

import { ApiConnWebhookSigningSecretApi } from '../../credentials/ApiConnWebhookSigningSecretApi.credentials';
import * as packageIndex from '../../index';
import {
	clearTriggerCredentials,
	CREDENTIAL_CACHE_MS,
	readTriggerCredential,
	sharedReplayStore,
	signPayload,
	type SignatureScheme,
} from '../../lib/webhooks';
import { ApiWebhookTrigger } from '../../nodes/Webhook/ApiWebhookTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const SECRET = 'whsec_cred_7f3a9c1e5b2d4f6a8c0e';
const scheme: SignatureScheme = { header: 'X-Signature-256', algorithm: 'sha256', encoding: 'hex' };
const rawBody = '{"id":"ord_9","event":"order.paid"}';
const params = { path: 'orders', httpMethod: ['POST'] };

beforeEach(async () => await sharedReplayStore().clear());

/** `credential: null` means the node has none selected. */
function harness(
	typeVersion: number,
	parameters: Record<string, unknown> = params,
	credential: ICredentialDataDecryptedObject | null = { secret: SECRET },
): TriggerHarness {
	const t = createTriggerHarness({
		nodeType: new ApiWebhookTrigger(),
		parameters: parameters as never,
		...(credential ? { credentials: { apiConnWebhookSigningSecretApi: credential } } : {}),
		credentialTypes: [new ApiConnWebhookSigningSecretApi()],
	});
	t.node.typeVersion = typeVersion;
	return t;
}

const signed = (secret = SECRET) => ({
	method: 'POST',
	rawBody,
	headers: {
		'content-type': 'application/json',
		...signPayload(scheme, { rawBody: Buffer.from(rawBody), secret }),
	},
});

describe('API Webhook Trigger version 2: the secret is a credential', () => {
	it('a delivery signed with the credential’s secret starts the workflow; the secret appears nowhere in the output', async () => {
		const { result, response } = await harness(2).deliver(signed());
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0][0].json.body).toEqual(JSON.parse(rawBody));
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});

	it('a delivery signed with another secret gets 401', async () => {
		const { result, response } = await harness(2).deliver(signed('another-secret-0000'));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
	});

	it('ignores a Secret field left in the parameters of a version 2 node: without the credential every delivery is rejected, naming the credential', async () => {
		const t = harness(2, { ...params, secret: SECRET }, null);
		const { result, response } = await t.deliver(signed());
		expect(result).toEqual({ noWebhookResponse: true });
		expect([response.statusCode, response.body]).toEqual([
			401,
			{
				message:
					'Signature verification is on but no signing secret is set: select an "API Webhook Signing Secret" credential (with the sender’s secret) in the API Webhook Trigger node.',
			},
		]);
		expect(response.raw()).not.toContain(SECRET);
	});

	it('a credential with an empty secret rejects every delivery (fails closed)', async () => {
		const { response } = await harness(2, params, { secret: '' }).deliver(
			signed('any-secret-at-all'),
		);
		expect(response.statusCode).toBe(401);
	});
});

describe('API Webhook Trigger version 1 keeps working', () => {
	it('a version 1 node verifies with its Secret field, as before', async () => {
		const { result, response } = await harness(1, { ...params, secret: SECRET }, null).deliver(
			signed(),
		);
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0][0].json.body).toEqual(JSON.parse(rawBody));
	});

	it('a version 1 node without a Secret field says which field to fill', async () => {
		const { response } = await harness(1, params, null).deliver(signed());
		expect([response.statusCode, response.body]).toEqual([
			401,
			{
				message:
					'Signature verification is on but no secret is set: enter the sender’s signing secret in the "Secret" field of the API Webhook Trigger node.',
			},
		]);
	});
});

describe('the description and the credential type', () => {
	const { description } = new ApiWebhookTrigger();

	it('shows the Secret field on version 1 only, and asks for the credential on version 2 while verifying', () => {
		const secretField = description.properties.find((p) => p.name === 'secret') as INodeProperties;
		expect(secretField.displayOptions).toEqual({
			show: { '@version': [1], verifySignature: [true] },
		});
		expect(description.credentials).toEqual([
			{
				name: 'apiConnWebhookSigningSecretApi',
				required: true,
				testedBy: 'signingSecretTest',
				displayOptions: { show: { '@version': [2], verifySignature: [true] } },
			},
		]);
		expect(description.defaultVersion).toBe(2);
	});

	it('the credential holds one password field, is registered in package.json and exported by index.ts', () => {
		const cred = new ApiConnWebhookSigningSecretApi();
		expect(cred.name).toBe('apiConnWebhookSigningSecretApi');
		expect(cred.properties).toEqual([
			expect.objectContaining({
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
			}),
		]);
		const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
			n8n: { credentials: string[] };
		};
		expect(pkg.n8n.credentials).toContain(
			'dist/credentials/ApiConnWebhookSigningSecretApi.credentials.js',
		);
		expect(packageIndex.ApiConnWebhookSigningSecretApi).toBe(ApiConnWebhookSigningSecretApi);
	});

	it('the credential test only checks that a secret is set', async () => {
		const test = new ApiWebhookTrigger().methods.credentialTest.signingSecretTest;
		const run = async (secret: string) =>
			await test.call(
				{} as ICredentialTestFunctions,
				{ data: { secret } } as unknown as ICredentialsDecrypted,
			);
		expect(await run(SECRET)).toEqual({ status: 'OK', message: 'The signing secret is set.' });
		expect(await run('  ')).toEqual({
			status: 'Error',
			message: 'The Secret field is empty: paste the sender’s signing secret.',
		});
	});
});

/** Unique bodies: a repeat of a signed body is a replay, which the trigger refuses. */
const signedBody = (n: number, secret = SECRET) => {
	const body = `{"id":"ord_${n}","event":"order.paid"}`;
	return {
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': 'application/json',
			...signPayload(scheme, { rawBody: Buffer.from(body), secret }),
		},
	};
};

describe('API Webhook Trigger: the secret is read once per short period, not per delivery', () => {
	// n8n 2.41 decrypts a credential read in the webhook phase through a path that builds an expression isolate.
	it('reads the credential for the first delivery only, within CREDENTIAL_CACHE_MS', async () => {
		const t = harness(2);
		const reads = jest.spyOn(t.credentialsHelper, 'getDecrypted');
		for (let n = 0; n < 5; n++) {
			const { response } = await t.deliver(signedBody(n));
			expect(response.statusCode).toBeUndefined();
		}
		expect(reads).toHaveBeenCalledTimes(1);
		expect(CREDENTIAL_CACHE_MS).toBe(10_000);
	});

	it('a changed secret applies to the next delivery signed with it; the old one no longer once the new was read', async () => {
		const t = harness(2);
		const reads = jest.spyOn(t.credentialsHelper, 'getDecrypted');
		expect((await t.deliver(signedBody(1))).response.statusCode).toBeUndefined();
		const NEW_SECRET = 'whsec_rotated_0b1c2d3e4f5a6b7c8d9e';
		t.credentialsHelper.store('apiConnWebhookSigningSecretApi', { secret: NEW_SECRET });
		// Still cached: the replaced secret is accepted for at most CREDENTIAL_CACHE_MS after the change.
		expect((await t.deliver(signedBody(2))).response.statusCode).toBeUndefined();
		expect(reads).toHaveBeenCalledTimes(1);
		// Signed with the new secret: the cached one fails it, so the credential is read again, and it passes.
		const { result, response } = await t.deliver(signedBody(3, NEW_SECRET));
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0][0].json.body).toEqual({ id: 'ord_3', event: 'order.paid' });
		expect(reads).toHaveBeenCalledTimes(2);
		// From now on the old secret is refused (one fresh read to make sure, then 401).
		expect((await t.deliver(signedBody(4))).response.statusCode).toBe(401);
		expect(reads).toHaveBeenCalledTimes(3);
		// A forged delivery costs one read, and is refused.
		expect((await t.deliver(signedBody(5, 'forged-secret-000'))).response.statusCode).toBe(401);
	});

	it('reads it for every delivery while listening for a test event (the user may be editing it)', async () => {
		const t = harness(2);
		const reads = jest.spyOn(t.credentialsHelper, 'getDecrypted');
		for (let n = 0; n < 3; n++) await t.deliver(signedBody(10 + n), 'test');
		expect(reads).toHaveBeenCalledTimes(3);
	});
});

describe('readTriggerCredential', () => {
	const node = (credentialId: string | undefined) => ({
		id: 'n1',
		name: 'Trigger',
		type: 't',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
		...(credentialId ? { credentials: { someApi: { id: credentialId, name: 'c' } } } : {}),
	});
	const reader = (credentialId: string | undefined, workflowId = 'w1') => {
		let reads = 0;
		return {
			reads: () => reads,
			getNode: () => node(credentialId),
			getWorkflow: () => ({ id: workflowId }),
			getMode: () => 'webhook',
			getCredentials: async <T extends object>() => {
				reads++;
				return { secret: `s${reads}` } as unknown as T;
			},
		};
	};

	beforeEach(() => clearTriggerCredentials());

	it('keeps a read for CREDENTIAL_CACHE_MS per workflow, node and credential, and reads again after', async () => {
		const r = reader('c1');
		const at = (now: number) => readTriggerCredential<{ secret: string }>(r, 'someApi', { now });
		expect(await at(1000)).toEqual({ data: { secret: 's1' }, cached: false });
		expect(await at(1000 + CREDENTIAL_CACHE_MS - 1)).toEqual({
			data: { secret: 's1' },
			cached: true,
		});
		expect(await at(1000 + CREDENTIAL_CACHE_MS)).toEqual({ data: { secret: 's2' }, cached: false });
		expect(r.reads()).toBe(2);
		// Another credential, another workflow: read on their own.
		const other = reader('c2');
		expect((await readTriggerCredential(other, 'someApi', { now: 1000 })).cached).toBe(false);
		const elsewhere = reader('c1', 'w2');
		expect((await readTriggerCredential(elsewhere, 'someApi', { now: 1000 })).cached).toBe(false);
		// `fresh` reads now and keeps that.
		expect(await readTriggerCredential(r, 'someApi', { now: 20_000, fresh: true })).toEqual({
			data: { secret: 's3' },
			cached: false,
		});
		expect((await readTriggerCredential(r, 'someApi', { now: 20_001 })).data).toEqual({
			secret: 's3',
		});
	});

	it('never caches without a selected credential', async () => {
		const r = reader(undefined);
		await readTriggerCredential(r, 'someApi', { now: 1 });
		await readTriggerCredential(r, 'someApi', { now: 2 });
		expect(r.reads()).toBe(2);
	});
});
