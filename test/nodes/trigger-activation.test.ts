/**
 * Activation that cannot register the webhook must fail with the reason. n8n 2.41.1 runs a trigger's
 * checkExists/create in the background (its publication outbox) and shows only the thrown error's
 * *message* (publication status `triggers[].errorMessage`, the editor's "failed to activate" toast;
 * without the outbox, the REST answer's message): so the message names the cause and the fix, and
 * nothing is stored or left behind. `activate()` below is n8n's WebhookService.createWebhookIfNotExists.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ApiConnStripeApi } from '../../credentials/ApiConnStripeApi.credentials';
import { resolveWorkspace } from '../../lib/connections';
import type { ConnectionsObserver } from '../../lib/connections/observer';
import type { SqliteConnectionStore } from '../../lib/connections/sqlite-store';
import { useRuntime } from '../../lib/runtime';
import { StripeTrigger } from '../../nodes/Stripe/StripeTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';
import { expectNoSecrets } from '../helpers/secrets';
import { freshObserver } from '../unit/connections/fixtures';
import { settingsFromEnv } from '../../lib/settings';

const API = 'https://api.stripe.com';
const KEY = 'rk_test_51SecondAccountKey0000000';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';

let observer: ConnectionsObserver;
let store: SqliteConnectionStore;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	({ observer, store } = freshObserver());
	useRuntime({ observers: [observer] });
});
afterEach(async () => {
	nock.cleanAll();
	await observer.close();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function stripe(staticData?: IDataObject): TriggerHarness {
	return createTriggerHarness({
		nodeType: new StripeTrigger(),
		parameters: { events: ['charge.refunded'] },
		credentials: { apiConnStripeApi: { secretKey: KEY } },
		credentialTypes: [new ApiConnStripeApi()],
		...(staticData ? { staticData } : {}),
	});
}

/** What n8n runs for each webhook on activation (WebhookService.createWebhookIfNotExists, n8n 2.41.1). */
async function activate(t: TriggerHarness): Promise<void> {
	if (!(await t.run('checkExists'))) await t.run('create');
}

async function activationError(
	t: TriggerHarness,
): Promise<Error & { description?: string; detail?: unknown }> {
	const error = await activate(t).then(
		() => undefined,
		(e: unknown) => e as Error & { description?: string; detail?: unknown },
	);
	expect(error).toBeInstanceOf(Error);
	// n8n replaces the message by `detail` when there is one: the message below is what the user sees.
	expect(error!.detail).toBeUndefined();
	return error!;
}

/** Another Stripe credential already holds this workspace's Stripe connection. */
async function bindOtherStripeCredential(t: TriggerHarness): Promise<void> {
	const ws = resolveWorkspace(t.hookContext() as never, settingsFromEnv().workspace);
	await store.claimBinding({
		workspace: ws.key,
		family: 'stripe',
		credentialId: 'stripe-first',
		credentialType: 'apiConnStripeApi',
		credentialName: 'Stripe (shop)',
		serviceId: 'stripe',
		serviceName: 'Stripe',
		accountLabel: 'Shop Ltd (acct_1Shop)',
		boundAt: Date.parse('2026-05-01T09:00:00Z'),
		workflowId: 'wf-first',
		executionId: 'ex-first',
	});
}

describe('a second Stripe credential refused by the workspace rule', () => {
	it('fails the activation with the rule, the connected account and the fix; nothing reaches Stripe, nothing is stored', async () => {
		const t = stripe();
		await bindOtherStripeCredential(t);
		const create = nock(API)
			.post('/v1/webhook_endpoints')
			.reply(200, { id: 'we_x', secret: 'whsec_never' });

		const error = await activationError(t);
		expect(error.message).toBe(
			'Could not register the Stripe webhook: Only one Stripe connection allowed per workspace (connected: Shop Ltd (acct_1Shop), credential "Stripe (shop)"). ' +
				'Disconnect it in the Connections node, or use another workspace. ' +
				'This node uses the credential "apiConnStripeApi account", but this n8n instance has been connected to Stripe through "Stripe (shop)" since 2026-05-01T09:00:00.000Z. ' +
				'Nothing was sent. To fix it: select "Stripe (shop)" in this node; or run the Connections node\'s "Disconnect" operation for Stripe, after which the next credential used connects; ' +
				'or give this n8n instance its own workspace with the environment variable N8N_API_CONNECTIONS_WORKSPACE.',
		);
		expect(create.isDone()).toBe(false);
		expect(t.nodeStaticData()).toEqual({});
		expectNoSecrets(error, [KEY]);
	});

	it('an endpoint stored by an earlier activation is not trusted either: the check fails the activation the same way', async () => {
		const stored = {
			'node:Stripe Trigger': {
				production: {
					hookId: 'we_old',
					events: ['charge.refunded'],
					webhookUrl: PROD_URL,
					sealedSecret: 'v1.x',
				},
			},
		};
		const t = stripe(stored);
		await bindOtherStripeCredential(t);
		const calls = nock(API)
			.get(/.*/)
			.reply(200, {})
			.delete(/.*/)
			.reply(200, {})
			.post(/.*/)
			.reply(200, {});
		const error = await activationError(t);
		expect(error.message).toMatch(
			/^Could not register the Stripe webhook: Only one Stripe connection allowed per workspace/,
		);
		expect(calls.pendingMocks()).toHaveLength(3);
	});
});

describe('a refusal by the service', () => {
	beforeEach(() => useRuntime({ observers: [] }));

	it("create: the message carries Stripe's reason and the fix (not only the details)", async () => {
		const t = stripe();
		nock(API)
			.post('/v1/webhook_endpoints')
			.reply(403, {
				error: {
					type: 'invalid_request_error',
					message: 'The provided key does not have the required permissions for this endpoint',
				},
			});
		const error = await activationError(t);
		// The engine's reason (the service's words) and its fix, whichever way the engine lays out its details.
		expect(error.message).toMatch(
			/^Could not register the Stripe webhook: Stripe: 403 Forbidden – The provided key does not have the required permissions for this endpoint\. /,
		);
		expect(error.message).toContain(
			"Stripe refused the permission (the restricted key has no access to this resource): a permission (scope) is missing, or the account has no access to this resource. Give the restricted key of the credential 'apiConnStripeApi account' access to this resource in the Stripe Dashboard (Developers → API keys), or use a secret key.",
		);
		expect(t.nodeStaticData()).toEqual({});
		expectNoSecrets(error, [KEY]);
	});

	it('checkExists: a refused check fails the activation with the reason and the fix, and keeps the stored endpoint', async () => {
		const t = stripe();
		nock(API)
			.post('/v1/webhook_endpoints')
			.reply(200, {
				id: 'we_1',
				url: PROD_URL,
				enabled_events: ['charge.refunded'],
				status: 'enabled',
				secret: 'whsec_first1234567890',
			});
		await activate(t);
		const stored = t.nodeStaticData();
		nock(API)
			.get('/v1/webhook_endpoints/we_1')
			.times(3)
			.reply(401, {
				error: {
					type: 'invalid_request_error',
					message: 'Invalid API Key provided: rk_test_***0000',
				},
			});
		const error = await activationError(t);
		expect(error.message).toMatch(
			/^Could not register the Stripe webhook: Stripe: 401 Unauthorized – Invalid API Key provided: rk_test_\*\*\*0000\. Stripe rejected the credentials: the API key is invalid, expired or was rolled\. Paste a current secret key \(Stripe Dashboard → Developers → API keys\) into the credential 'apiConnStripeApi account'/,
		);
		expect(t.nodeStaticData()).toEqual(stored);
		expectNoSecrets([error, stored], [KEY, 'whsec_first1234567890']);
	});
});
