/**
 * Registration of a spec-built trigger at the service, through n8n-core's real HookContext: the hooks
 * call the service through the engine (credential injected by n8n), and the hook id and generated
 * secret land in the node's static data.
 */
import nock from 'nock';

import { hookshop, HookshopApi, hookshopVariant, triggerClass } from '../../fixtures/hookshop';
import { createTriggerHarness, type TriggerHarness } from '../../helpers/trigger-harness';

const API = 'https://hookshop.example.test';
const TOKEN = 'hs-token-4c1d9e';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const TEST_URL = 'http://localhost:5678/webhook-test/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
/** Static data keeps the secret only sealed (lib/triggers/secrets.ts; test/unit/triggers/secrets.test.ts opens it). */
const SEALED = expect.stringMatching(/^v1\.[\w-]+$/);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function harness(def = hookshop, parameters: Record<string, unknown> = {}): TriggerHarness {
	return createTriggerHarness({
		nodeType: triggerClass(def),
		parameters: { shop: 'acme', events: ['order.created', 'order.paid'], ...parameters } as never,
		credentials: { hookshopApi: { accessToken: TOKEN, appSecret: 'app-secret-77aa' } },
		credentialTypes: [new HookshopApi()],
	});
}

/** Registers a hook the way activation does (checkExists, then create); returns the secret sent. */
async function activate(t: TriggerHarness, id = 41): Promise<string> {
	let sent = '';
	const scope = nock(API)
		.post('/api/shops/acme/hooks', (body: { secret: string }) => {
			sent = body.secret;
			return true;
		})
		.reply(201, { id });
	expect(await t.run('checkExists')).toBe(false);
	expect(await t.run('create')).toBe(true);
	expect(scope.isDone()).toBe(true);
	return sent;
}

describe('create', () => {
	it('registers the hook with the URL, the selected events and a fresh 256-bit secret, and stores them', async () => {
		const t = harness();
		let request: { headers: Record<string, string>; body: unknown } | undefined;
		const scope = nock(API)
			.post('/api/shops/acme/hooks')
			.reply(201, function (_uri, body) {
				request = { headers: this.req.headers as Record<string, string>, body };
				return { id: 41, url: PROD_URL };
			});

		expect(await t.run('create')).toBe(true);

		expect(scope.isDone()).toBe(true);
		expect(request!.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(request!.headers['content-type']).toBe('application/json');
		const body = request!.body as { url: string; events: string[]; secret: string };
		expect(body).toEqual({
			url: PROD_URL,
			events: ['order.created', 'order.paid'],
			secret: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: '41',
				sealedSecret: SEALED,
				events: ['order.created', 'order.paid'],
				webhookUrl: PROD_URL,
			},
		});
	});

	it('every registration gets its own secret', async () => {
		const first = await activate(harness());
		const second = await activate(harness());
		expect(first).not.toBe(second);
	});

	it('keeps the secret the service issued, and extra data the create hook returns', async () => {
		const t = harness();
		nock(API)
			.post('/api/shops/acme/hooks')
			.reply(201, { id: 7, signing_secret: 'whsec_issued_by_service', verify_token: 'vt-123' });
		expect(await t.run('create')).toBe(true);
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: '7',
				sealedSecret: SEALED,
				events: ['order.created', 'order.paid'],
				webhookUrl: PROD_URL,
				data: { verifyToken: 'vt-123' },
			},
		});
	});

	it('with the secret in a credential field, sends that secret and does not copy it into static data', async () => {
		const t = harness(hookshopVariant({ secretCredentialField: 'appSecret' }));
		const scope = nock(API)
			.post('/api/shops/acme/hooks', {
				url: PROD_URL,
				events: ['order.created', 'order.paid'],
				secret: 'app-secret-77aa',
			})
			.reply(201, { id: 8 });
		expect(await t.run('create')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({
			production: { hookId: '8', events: ['order.created', 'order.paid'], webhookUrl: PROD_URL },
		});
	});

	it('services that do not sign get the secret in the registered URL', async () => {
		const t = harness(
			hookshopVariant({ signature: undefined, urlSecret: true, urlSecretParam: 'token' }),
		);
		let url = '';
		let secret = '';
		nock(API)
			.post('/api/shops/acme/hooks', (body: { url: string; secret: string }) => {
				url = body.url;
				secret = body.secret;
				return true;
			})
			.reply(201, { id: 9 });
		expect(await t.run('create')).toBe(true);
		expect(url).toBe(`${PROD_URL}?token=${secret}`);
		// The stored URL is n8n's own; the secret is kept separately.
		expect(t.nodeStaticData()).toEqual({
			production: {
				hookId: '9',
				sealedSecret: SEALED,
				events: ['order.created', 'order.paid'],
				webhookUrl: PROD_URL,
			},
		});
	});

	it('a service answer without an id fails activation with a clear message and stores nothing', async () => {
		const t = harness();
		nock(API).post('/api/shops/acme/hooks').reply(201, {});
		await expect(t.run('create')).rejects.toThrow(
			'Hookshop did not return an id for the new webhook',
		);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a refused registration surfaces the engine error (cause and fix), secret-free', async () => {
		const t = harness();
		nock(API)
			.post('/api/shops/acme/hooks')
			.reply(422, { message: 'Hook already exists on this shop' });
		const error = await t.run('create').catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain('Hook already exists on this shop');
		expect(JSON.stringify(error)).not.toContain(TOKEN);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a trigger field that fails validation stops before any request', async () => {
		const t = harness(hookshop, { shop: '' });
		await expect(t.run('create')).rejects.toThrow("The field 'Shop' is required.");
	});
});

describe('checkExists', () => {
	it('nothing stored: false, without asking the service', async () => {
		expect(await harness().run('checkExists')).toBe(false);
	});

	it('asks the service about the stored hook: present → true, state kept', async () => {
		const t = harness();
		await activate(t);
		const stored = t.nodeStaticData();
		const scope = nock(API)
			.get('/api/shops/acme/hooks/41')
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(200, { id: 41 });
		expect(await t.run('checkExists')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual(stored);
		expect(stored).toEqual({
			production: {
				hookId: '41',
				sealedSecret: SEALED,
				events: ['order.created', 'order.paid'],
				webhookUrl: PROD_URL,
			},
		});
	});

	it('deleted at the service (404) → false, and the stale state is forgotten', async () => {
		const t = harness();
		await activate(t);
		nock(API).get('/api/shops/acme/hooks/41').reply(404, { message: 'Not Found' });
		expect(await t.run('checkExists')).toBe(false);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('events changed since registration → the old hook is removed first, so create does not duplicate it', async () => {
		const t = harness();
		await activate(t);
		t.setParameters({ shop: 'acme', events: ['order.paid'] });
		const scope = nock(API).delete('/api/shops/acme/hooks/41').reply(204);
		expect(await t.run('checkExists')).toBe(false);
		expect(scope.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('a stored hook whose secret was lost cannot be verified → removed and re-created', async () => {
		const t = harness(hookshop);
		await activate(t);
		const data = t.hookContext().getWorkflowStaticData('node');
		data.production = {
			hookId: '41',
			events: ['order.created', 'order.paid'],
			webhookUrl: PROD_URL,
		};
		const scope = nock(API).delete('/api/shops/acme/hooks/41').reply(204);
		expect(await t.run('checkExists')).toBe(false);
		expect(scope.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('without a checkExists hook, a stored hook is trusted', async () => {
		const def = hookshopVariant({ hooks: { create: 'createHook', delete: 'deleteHook' } });
		const t = harness(def);
		await activate(t);
		expect(await t.run('checkExists')).toBe(true);
	});
});

describe('delete', () => {
	it('removes the stored hook at the service and forgets id and secret', async () => {
		const t = harness();
		await activate(t);
		const scope = nock(API)
			.delete('/api/shops/acme/hooks/41')
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('already gone at the service (404) counts as deleted', async () => {
		const t = harness();
		await activate(t);
		nock(API).delete('/api/shops/acme/hooks/41').reply(404, { message: 'Not Found' });
		expect(await t.run('delete')).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});

	it('nothing registered: nothing to call', async () => {
		expect(await harness().run('delete')).toBe(true);
	});

	it('a refused delete is reported and the hook is remembered for the next attempt', async () => {
		const t = harness();
		await activate(t);
		const stored = t.nodeStaticData();
		nock(API).delete('/api/shops/acme/hooks/41').reply(403, { message: 'Must have admin rights' });
		await expect(t.run('delete')).rejects.toThrow('Must have admin rights');
		expect(t.nodeStaticData()).toEqual(stored);
	});
});

describe('test and production registrations', () => {
	it('listening for a test event registers a second hook on the test URL and leaves the production one alone', async () => {
		const t = harness();
		await activate(t, 41);
		const production = t.nodeStaticData().production;

		expect(await t.run('checkExists', 'test')).toBe(false);
		let testBody: { url: string; secret: string } | undefined;
		nock(API)
			.post('/api/shops/acme/hooks', (body: { url: string; secret: string }) => {
				testBody = body;
				return true;
			})
			.reply(201, { id: 42 });
		expect(await t.run('create', 'test')).toBe(true);
		expect(testBody!.url).toBe(TEST_URL);

		nock(API).delete('/api/shops/acme/hooks/42').reply(204);
		expect(await t.run('delete', 'test')).toBe(true);
		expect(t.nodeStaticData()).toEqual({ production });
	});

	it('a stored hook for another URL (n8n moved) is removed with its old URL and re-created', async () => {
		const t = harness();
		await activate(t);
		const data = t.hookContext().getWorkflowStaticData('node');
		data.production = {
			...(data.production as object),
			webhookUrl: 'https://old.example.com/webhook/x/webhook',
		};
		const scope = nock(API).delete('/api/shops/acme/hooks/41').reply(204);
		expect(await t.run('checkExists')).toBe(false);
		expect(scope.isDone()).toBe(true);
	});
});

describe("register: 'manual'", () => {
	it('the lifecycle touches nothing at the service', async () => {
		const t = harness(hookshopVariant({ register: 'manual', hooks: undefined }));
		expect(await t.run('checkExists')).toBe(true);
		expect(await t.run('create')).toBe(true);
		expect(await t.run('delete')).toBe(true);
		expect(t.nodeStaticData()).toEqual({});
	});
});
