/**
 * Where a trigger keeps its signing secret: static data (which n8n's REST API returns to anyone who can
 * read the workflow) holds it only sealed with a key derived from the n8n instance's encryption key.
 * The sealed value is opened here independently (HKDF-SHA256 + AES-256-GCM with node:crypto), so the test
 * pins "only a process holding n8n's key can read it". Covers activation, deliveries, the migration of
 * plain-text static data written by older versions, a changed key, and a process with no key at all.
 */
import { createDecipheriv, hkdfSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import type { ServiceDefinition } from '../../../lib/spec/types';
import { findInstanceKey } from '../../../lib/triggers/secrets';
import { signPayload, type SignatureScheme } from '../../../lib/webhooks';
import { hookshop, HookshopApi, hookshopVariant, triggerClass } from '../../fixtures/hookshop';
import { createTriggerHarness, type TriggerHarness } from '../../helpers/trigger-harness';
import { expectNoSecrets } from '../../helpers/secrets';

const API = 'https://hookshop.example.test';
const TOKEN = 'hs-token-4c1d9e';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const EVENTS = ['order.created', 'order.paid'];
const scheme = hookshop.spec.webhook!.signature as SignatureScheme;
const BODY = '{"id":"evt_1","type":"order.created","order":{"id":1001}}';

const savedEnv = { ...process.env };
beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	for (const name of ['N8N_ENCRYPTION_KEY', 'N8N_ENCRYPTION_KEY_FILE', 'N8N_USER_FOLDER']) {
		if (savedEnv[name] === undefined) delete process.env[name];
		else process.env[name] = savedEnv[name];
	}
});
afterAll(() => nock.enableNetConnect());

function harness(def: ServiceDefinition = hookshop, staticData?: IDataObject): TriggerHarness {
	return createTriggerHarness({
		nodeType: triggerClass(def),
		parameters: { shop: 'acme', events: EVENTS } as never,
		credentials: { hookshopApi: { accessToken: TOKEN, appSecret: 'app-secret-77aa' } },
		credentialTypes: [new HookshopApi()],
		...(staticData ? { staticData } : {}),
	});
}

/** checkExists then create, as n8n activates; returns the secret the service received. */
async function activate(
	t: TriggerHarness,
	mode: 'production' | 'test' = 'production',
	id = 41,
): Promise<string> {
	let sent = '';
	const scope = nock(API)
		.post('/api/shops/acme/hooks', (body: { secret: string }) => {
			sent = body.secret;
			return true;
		})
		.reply(201, { id });
	expect(await t.run('checkExists', mode)).toBe(false);
	expect(await t.run('create', mode)).toBe(true);
	expect(scope.isDone()).toBe(true);
	return sent;
}

/** A signed delivery with its own delivery id and body (a repeated signed delivery is a replay). */
function signed(secret: string) {
	const body = BODY.replace('evt_1', `evt_${randomUUID()}`);
	return {
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': 'application/json',
			'x-hookshop-event': 'order.created',
			'x-hookshop-delivery': randomUUID(),
			...signPayload(scheme, { rawBody: Buffer.from(body), secret }),
		},
	};
}

/** n8n's encryption key as n8n-core stored it for this test worker. */
function n8nKey(): string {
	const file = join(process.env.N8N_USER_FOLDER!, '.n8n', 'config');
	expect(existsSync(file)).toBe(true);
	return (JSON.parse(readFileSync(file, 'utf8')) as { encryptionKey: string }).encryptionKey;
}

/** Opens a sealed secret independently of lib/: HKDF-SHA256(n8n key) → AES-256-GCM, documented layout. */
function openIndependently(sealed: string, key = n8nKey()): string {
	const purpose = 'n8n-nodes-api-connections: trigger signing secret v1';
	const aes = Buffer.from(
		hkdfSync('sha256', Buffer.from(key, 'utf8'), Buffer.alloc(0), purpose, 32),
	);
	const raw = Buffer.from(sealed.replace(/^v1\./, ''), 'base64url');
	const decipher = createDecipheriv('aes-256-gcm', aes, raw.subarray(0, 12));
	decipher.setAAD(Buffer.from(purpose, 'utf8'));
	decipher.setAuthTag(raw.subarray(12, 28));
	return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** No form of the secret (plain, hex-decoded bytes, base64, URL-encoded, JSON-escaped) anywhere in static data. */
function expectSecretAbsent(t: TriggerHarness, secret: string): void {
	const data = t.nodeStaticData();
	expectNoSecrets(data, [secret]);
	const text = JSON.stringify(data);
	expect(text).not.toContain(secret.toUpperCase());
	if (/^[0-9a-f]+$/.test(secret))
		expect(text).not.toContain(Buffer.from(secret, 'hex').toString('base64'));
}

describe('activation keeps the secret only sealed', () => {
	it("a generated secret: static data holds a sealed value, no form of the secret, and it opens only with n8n's key", async () => {
		const t = harness();
		const secret = await activate(t);
		expect(secret).toMatch(/^[0-9a-f]{64}$/);

		const production = t.nodeStaticData().production as IDataObject;
		expect(production).toEqual({
			hookId: '41',
			sealedSecret: expect.stringMatching(/^v1\.[\w-]+$/),
			events: EVENTS,
			webhookUrl: PROD_URL,
		});
		expectSecretAbsent(t, secret);
		expect(openIndependently(production.sealedSecret as string)).toBe(secret);
		// Another n8n instance's key (or anyone without the key) gets nothing.
		expect(() =>
			openIndependently(production.sealedSecret as string, 'another-instance-key'),
		).toThrow();
	});

	it('a secret the service issued at registration is sealed the same way', async () => {
		const t = harness();
		nock(API)
			.post('/api/shops/acme/hooks')
			.reply(201, { id: 7, signing_secret: 'whsec_issuedByService123456' });
		expect(await t.run('create')).toBe(true);
		const production = t.nodeStaticData().production as IDataObject;
		expectSecretAbsent(t, 'whsec_issuedByService123456');
		expect(openIndependently(production.sealedSecret as string)).toBe(
			'whsec_issuedByService123456',
		);
	});

	it('the secret of a service that does not sign (kept for the URL) is sealed too', async () => {
		const t = harness(
			hookshopVariant({ signature: undefined, urlSecret: true, urlSecretParam: 'token' }),
		);
		const secret = await activate(t);
		expectSecretAbsent(t, secret);
		const { result } = await t.deliver({
			method: 'POST',
			rawBody: BODY,
			headers: { 'content-type': 'application/json', 'x-hookshop-event': 'order.created' },
			query: { token: secret },
		});
		expect(result.workflowData?.[0][0].json).toMatchObject({ event: 'order.created', query: {} });
	});

	it("the test registration's secret is sealed in its own slot", async () => {
		const t = harness();
		const prod = await activate(t, 'production', 41);
		const test = await activate(t, 'test', 42);
		const data = t.nodeStaticData() as Record<string, IDataObject>;
		expect(Object.keys(data).sort()).toEqual(['production', 'test']);
		expectSecretAbsent(t, prod);
		expectSecretAbsent(t, test);
		expect(openIndependently(data.test.sealedSecret as string)).toBe(test);
	});

	it('each write seals with a fresh IV: the same secret never gives the same stored value', async () => {
		const a = harness(hookshop, {
			'node:Hookshop Trigger': {
				production: {
					hookId: '1',
					secret: 'same-secret-123456',
					events: EVENTS,
					webhookUrl: PROD_URL,
				},
			},
		});
		const b = harness(hookshop, {
			'node:Hookshop Trigger': {
				production: {
					hookId: '1',
					secret: 'same-secret-123456',
					events: EVENTS,
					webhookUrl: PROD_URL,
				},
			},
		});
		nock(API).get('/api/shops/acme/hooks/1').times(2).reply(200, { id: 1 });
		expect(await a.run('checkExists')).toBe(true);
		expect(await b.run('checkExists')).toBe(true);
		const sealedA = (a.nodeStaticData().production as IDataObject).sealedSecret;
		const sealedB = (b.nodeStaticData().production as IDataObject).sealedSecret;
		expect(sealedA).not.toBe(sealedB);
		expect(openIndependently(sealedA as string)).toBe('same-secret-123456');
	});
});

describe('deliveries verify with the sealed secret', () => {
	it('a delivery signed with the registered secret starts one execution; another secret gets 401', async () => {
		const t = harness();
		const secret = await activate(t);
		const ok = await t.deliver(signed(secret));
		expect(ok.result.workflowData?.[0][0].json).toMatchObject({
			event: 'order.created',
			body: { type: 'order.created', order: { id: 1001 } },
		});
		const bad = await t.deliver(signed('f'.repeat(64)));
		expect(bad.response.statusCode).toBe(401);
		expect(bad.result).toEqual({ noWebhookResponse: true });
		expectSecretAbsent(t, secret);
	});
});

describe('plain-text secrets written by older versions are migrated', () => {
	const LEGACY = 'legacy-plain-secret-0123456789abcdef';
	const legacy = (extra: IDataObject = {}) => ({
		'node:Hookshop Trigger': {
			production: { hookId: '41', secret: LEGACY, events: EVENTS, webhookUrl: PROD_URL, ...extra },
		},
	});

	it('on the next delivery: it still verifies, and static data then holds it sealed only', async () => {
		const t = harness(hookshop, legacy());
		const { result } = await t.deliver(signed(LEGACY));
		expect(result.workflowData?.[0][0].json).toMatchObject({ event: 'order.created' });
		const production = t.nodeStaticData().production as IDataObject;
		expect(production).toEqual({
			hookId: '41',
			sealedSecret: expect.stringMatching(/^v1\./),
			events: EVENTS,
			webhookUrl: PROD_URL,
		});
		expectSecretAbsent(t, LEGACY);
		expect(openIndependently(production.sealedSecret as string)).toBe(LEGACY);
		// ... and keeps verifying from the sealed copy.
		expect((await t.deliver(signed(LEGACY))).result.workflowData).toHaveLength(1);
	});

	it('on the next activation: both slots are sealed, the hook is kept, and later deliveries verify', async () => {
		const t = harness(hookshop, {
			'node:Hookshop Trigger': {
				production: { hookId: '41', secret: LEGACY, events: EVENTS, webhookUrl: PROD_URL },
				test: {
					hookId: '42',
					secret: 'legacy-test-secret-aaaa',
					events: EVENTS,
					webhookUrl: PROD_URL.replace('/webhook/', '/webhook-test/'),
				},
			},
		});
		const scope = nock(API)
			.get('/api/shops/acme/hooks/41')
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(200, { id: 41 });
		expect(await t.run('checkExists')).toBe(true);
		expect(scope.isDone()).toBe(true);
		const data = t.nodeStaticData() as Record<string, IDataObject>;
		expect(Object.keys(data.production).sort()).toEqual([
			'events',
			'hookId',
			'sealedSecret',
			'webhookUrl',
		]);
		expect(Object.keys(data.test).sort()).toEqual([
			'events',
			'hookId',
			'sealedSecret',
			'webhookUrl',
		]);
		expectSecretAbsent(t, LEGACY);
		expectSecretAbsent(t, 'legacy-test-secret-aaaa');
		expect(openIndependently(data.test.sealedSecret as string)).toBe('legacy-test-secret-aaaa');
		expect((await t.deliver(signed(LEGACY))).result.workflowData).toHaveLength(1);
	});

	it('on deactivation: the hook is removed at the service with the stored state', async () => {
		const t = harness(hookshop, legacy());
		const scope = nock(API).delete('/api/shops/acme/hooks/41').reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});
});

describe('the key', () => {
	it('is read where n8n reads it: N8N_ENCRYPTION_KEY, else N8N_ENCRYPTION_KEY_FILE, else <N8N_USER_FOLDER>/.n8n/config', () => {
		const folder = mkdtempSync(join(tmpdir(), 'apiconn-key-'));
		const env = { N8N_USER_FOLDER: folder, HOME: '/nonexistent' };
		expect(findInstanceKey(env).key).toBeUndefined();
		expect(findInstanceKey(env).looked).toContain(join(folder, '.n8n', 'config'));

		mkdirSync(join(folder, '.n8n'));
		writeFileSync(
			join(folder, '.n8n', 'config'),
			JSON.stringify({ encryptionKey: 'from-settings-file' }),
		);
		expect(findInstanceKey(env).key).toBe('from-settings-file');

		const keyFile = join(folder, 'key.txt');
		writeFileSync(keyFile, 'from-key-file\n');
		expect(findInstanceKey({ ...env, N8N_ENCRYPTION_KEY_FILE: keyFile }).key).toBe('from-key-file');
		expect(
			findInstanceKey({ ...env, N8N_ENCRYPTION_KEY_FILE: keyFile, N8N_ENCRYPTION_KEY: 'from-env' })
				.key,
		).toBe('from-env');
		// Without N8N_USER_FOLDER, n8n uses the home folder.
		expect(findInstanceKey({ HOME: folder }).key).toBe('from-settings-file');
	});

	it('no key at all: activation fails with the cause and the fix before anything is sent, and nothing is stored', async () => {
		const t = harness();
		process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'apiconn-nokey-'));
		delete process.env.N8N_ENCRYPTION_KEY;
		delete process.env.N8N_ENCRYPTION_KEY_FILE;
		const scope = nock(API).post('/api/shops/acme/hooks').reply(201, { id: 41 });
		const error = (await t.run('create').catch((e: unknown) => e)) as Error;
		expect(error.message).toBe(
			`Could not register the Hookshop webhook: The Hookshop trigger cannot keep its signing secret: no n8n encryption key was found (looked in N8N_ENCRYPTION_KEY, ${join(process.env.N8N_USER_FOLDER, '.n8n', 'config')}). Set N8N_ENCRYPTION_KEY to this n8n instance's encryption key, then activate the workflow again. ` +
				"The secret is stored only encrypted with a key derived from n8n's encryption key; without that key it is not stored at all.",
		);
		expect(scope.isDone()).toBe(false);
		expect(t.nodeStaticData()).toEqual({});
		await expect(t.run('checkExists')).rejects.toThrow('no n8n encryption key was found');
	});

	it('a trigger whose secret lives in a credential needs no key', async () => {
		const t = harness(hookshopVariant({ secretCredentialField: 'appSecret' }));
		process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'apiconn-nokey-'));
		nock(API).post('/api/shops/acme/hooks').reply(201, { id: 8 });
		expect(await t.run('create')).toBe(true);
		expect(t.nodeStaticData()).toEqual({
			production: { hookId: '8', events: EVENTS, webhookUrl: PROD_URL },
		});
	});

	it("n8n's key changed (or the sealed value was altered): deliveries fail closed, and activation registers a fresh hook", async () => {
		const t = harness();
		const secret = await activate(t);
		process.env.N8N_ENCRYPTION_KEY = 'a-different-instance-key';
		const rejected = await t.deliver(signed(secret));
		expect(rejected.response.statusCode).toBe(401);
		expect(rejected.result).toEqual({ noWebhookResponse: true });
		expect(rejected.response.body).toEqual({
			message:
				'This trigger has no stored signing secret, so deliveries cannot be verified. Deactivate and activate the workflow again to re-register the Hookshop webhook.',
		});

		// Activation removes the unverifiable hook and registers a new one sealed under the current key.
		const removed = nock(API).delete('/api/shops/acme/hooks/41').reply(204);
		expect(await t.run('checkExists')).toBe(false);
		expect(removed.isDone()).toBe(true);
		let fresh = '';
		nock(API)
			.post('/api/shops/acme/hooks', (body: { secret: string }) => {
				fresh = body.secret;
				return true;
			})
			.reply(201, { id: 43 });
		expect(await t.run('create')).toBe(true);
		const sealed = (t.nodeStaticData().production as IDataObject).sealedSecret as string;
		expect(openIndependently(sealed, 'a-different-instance-key')).toBe(fresh);
		expect((await t.deliver(signed(fresh))).result.workflowData).toHaveLength(1);
	});

	it('an altered sealed value is never used (GCM authenticates it)', async () => {
		const t = harness();
		const secret = await activate(t);
		const data = t.hookContext().getWorkflowStaticData('node');
		const production = data.production as IDataObject;
		const raw = Buffer.from((production.sealedSecret as string).slice(3), 'base64url');
		raw[raw.length - 1] ^= 1;
		data.production = { ...production, sealedSecret: `v1.${raw.toString('base64url')}` };
		expect((await t.deliver(signed(secret))).response.statusCode).toBe(401);
	});
});
