/**
 * Microsoft 365 Trigger on Graph change notifications, through n8n-core's real HookContext and WebhookContext
 * against a nock Graph, on a stepping clock: the subscription created on activation (resource, change types, both
 * URLs, a random clientState, an expiry within the resource's documented maximum) while Graph's validation POST is
 * answered; the handshake (token back as text/plain, nothing started); every notification's clientState checked
 * (a delivery with none right gets 401 and fetches nothing); each change fetched (`GET /{resource}`) and emitted
 * once across processes; lifecycle notifications (reauthorize, re-create, missed); OneDrive through its delta;
 * renewal by the Connections Monitor (`PATCH /subscriptions/{id}` with a new expiry); deletion on deactivation.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ApiConnMicrosoft365AppOAuth2Api } from '../../credentials/ApiConnMicrosoft365AppOAuth2Api.credentials';
import { ApiConnMicrosoft365OAuth2Api } from '../../credentials/ApiConnMicrosoft365OAuth2Api.credentials';
import { ConnectionsMonitorTrigger } from '../../nodes/Connections/ConnectionsMonitorTrigger.node';
import { OutlookTrigger } from '../../nodes/Outlook/OutlookTrigger.node';
import { outlookSpec } from '../../nodes/Outlook/Outlook.service';
import { useMonitorRuntime } from '../helpers/monitor-runtime';
import { createPollHarness } from '../helpers/poll-harness';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

const GRAPH = 'https://graph.microsoft.com';
const TOKEN = 'EwBwA8l6BAAUkj1oOXYh3Wmb7oPmRgc-delegated';
const DELEGATED = 'apiConnMicrosoft365OAuth2Api';
const PROD_URL = 'http://localhost:5678/webhook/6f1c2f4e-0000-4000-8000-00000000abcd/webhook';
const SUB = '7f105c7d-2dc5-4530-97cd-4e7ae6534c07';
const NEW_SUB = '9a3b2c1d-0e4f-4a5b-8c6d-7e8f9a0b1c2d';
const TENANT = '84bd8158-6d4d-4958-8b9f-9d6445542f95';
const MESSAGE = 'AAMkADA1MTk5AAA=';
const DAY = 86_400_000;
const MINUTE = 60_000;
const START = Date.parse('2026-03-02T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** Outlook resources live at most 10,080 minutes; the trigger asks 15 minutes less. */
const OUTLOOK_LIFETIME = (10_080 - 15) * MINUTE;

const rt = useMonitorRuntime(outlookSpec, START);

const credentials = {
	[DELEGATED]: {
		tenantId: 'common',
		clientId: '6731de76-14a6-49ae-97bc-6eba6914391e',
		clientSecret: 'Nse8Q~app-secret-value',
		accessTokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
		authentication: 'body',
		grantType: 'authorizationCode',
		oauthTokenData: { access_token: TOKEN, token_type: 'Bearer' },
	},
};
const credentialTypes = [new ApiConnMicrosoft365OAuth2Api(), new ApiConnMicrosoft365AppOAuth2Api()];

function harness(
	parameters: Record<string, unknown> = {},
	staticData?: IDataObject,
): TriggerHarness {
	return createTriggerHarness({
		nodeType: new OutlookTrigger(),
		parameters: {
			watch: 'messages',
			user: 'me',
			folderId: 'inbox',
			events: ['created', 'updated'],
			...parameters,
		} as never,
		credentials,
		credentialTypes,
		...(staticData ? { staticData } : {}),
	});
}

const subscription = (body: IDataObject, id = SUB) => ({
	'@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity',
	id,
	resource: body.resource,
	applicationId: '6731de76-14a6-49ae-97bc-6eba6914391e',
	changeType: body.changeType,
	clientState: body.clientState,
	notificationUrl: body.notificationUrl,
	lifecycleNotificationUrl: body.lifecycleNotificationUrl,
	expirationDateTime: body.expirationDateTime,
	creatorId: '48d31887-5fad-4d73-a9f5-3c356e68a038',
	latestSupportedTlsVersion: 'v1_2',
});

/** Activates the trigger; Graph validates the notification URL before it answers, as it does. */
async function activate(t: TriggerHarness, answerId = SUB) {
	const sent: IDataObject[] = [];
	const validations: Array<{ status?: number; body: unknown; type?: string; started: boolean }> =
		[];
	nock(GRAPH)
		.post('/v1.0/subscriptions')
		.matchHeader('authorization', `Bearer ${TOKEN}`)
		.reply(async (_uri, body) => {
			sent.push(body as IDataObject);
			const token =
				'Validation: Testing client application reachability for subscription Request-Id: 25ee1a3d';
			const { result, response } = await t.deliver({
				method: 'POST',
				query: { validationToken: token },
				headers: { 'content-type': 'text/plain; charset=utf-8' },
				rawBody: '',
			});
			validations.push({
				status: response.statusCode,
				body: response.body,
				type: response.headers['content-type'],
				started: result.workflowData !== undefined,
			});
			return [201, subscription(body as IDataObject, answerId)];
		});
	expect(await t.run('checkExists')).toBe(false);
	expect(await t.run('create')).toBe(true);
	return { sent: sent[0], validations };
}

const notification = (clientState: string | undefined, extra: IDataObject = {}) => ({
	subscriptionId: SUB,
	subscriptionExpirationDateTime: iso(START + OUTLOOK_LIFETIME),
	changeType: 'created',
	resource: `Users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/${MESSAGE}`,
	resourceData: {
		'@odata.type': '#Microsoft.Graph.Message',
		'@odata.id': `Users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/${MESSAGE}`,
		'@odata.etag': 'W/"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf"',
		id: MESSAGE,
	},
	...(clientState !== undefined ? { clientState } : {}),
	tenantId: TENANT,
	...extra,
});
const post = (value: unknown[]) => ({
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	rawBody: JSON.stringify({ value }),
});
const message = {
	'@odata.etag': 'W/"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf"',
	id: MESSAGE,
	subject: 'Q1 budget review',
	from: { emailAddress: { name: 'Adele Vance', address: 'AdeleV@contoso.com' } },
	receivedDateTime: '2026-03-02T09:12:42Z',
};
const items = (result: { workflowData?: INodeExecutionData[][] }) =>
	(result.workflowData?.[0] ?? []).map((i) => i.json);

describe('activation and the validation handshake', () => {
	it('POST /subscriptions: the folder, the picked change types, both URLs, a random clientState and an expiry 10,065 minutes ahead; Graph’s validation POST answered with the token as text/plain', async () => {
		const t = harness();
		const { sent, validations } = await activate(t);
		expect(sent).toEqual({
			changeType: 'created,updated',
			notificationUrl: PROD_URL,
			lifecycleNotificationUrl: PROD_URL,
			resource: "me/mailFolders('inbox')/messages",
			expirationDateTime: iso(START + OUTLOOK_LIFETIME),
			clientState: expect.stringMatching(/^[0-9a-f]{64}$/),
			latestSupportedTlsVersion: 'v1_2',
		});
		expect(validations).toEqual([
			{
				status: 200,
				body: 'Validation: Testing client application reachability for subscription Request-Id: 25ee1a3d',
				type: 'text/plain; charset=utf-8',
				started: false,
			},
		]);
		// The clientState is stored sealed only.
		expect(JSON.stringify(t.nodeStaticData())).not.toContain(sent.clientState as string);
		// A second activation makes another clientState.
		const other = await activate(harness());
		expect(other.sent.clientState).not.toBe(sent.clientState);
	});

	it('each resource its own path and lifetime: events and contacts of another user 7 days, the OneDrive root 30 days with updated only and a delta baseline', async () => {
		const cases: Array<[IDataObject, string, string, number]> = [
			[
				{ watch: 'events', user: 'AdeleV@contoso.com' },
				'users/AdeleV%40contoso.com/events',
				'created,updated',
				OUTLOOK_LIFETIME,
			],
			[{ watch: 'contacts', events: ['deleted'] }, 'me/contacts', 'deleted', OUTLOOK_LIFETIME],
			[
				{ watch: 'driveRoot', events: ['created', 'updated'] },
				'me/drive/root',
				'updated',
				(42_300 - 15) * MINUTE,
			],
		];
		for (const [params, resource, changeType, lifetime] of cases) {
			const t = harness(params);
			if (params.watch === 'driveRoot')
				nock(GRAPH)
					.get('/v1.0/me/drive/root/delta')
					.query({ token: 'latest' })
					.reply(200, {
						value: [],
						'@odata.deltaLink': `${GRAPH}/v1.0/me/drive/root/delta?token=aTE09NjM3`,
					});
			const { sent } = await activate(t);
			expect([sent.resource, sent.changeType, sent.expirationDateTime]).toEqual([
				resource,
				changeType,
				iso(START + lifetime),
			]);
		}
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a resource that cannot have the picked change types is refused before anything is sent', async () => {
		const t = harness({ watch: 'driveRoot', events: ['created'] });
		await expect(t.run('create')).rejects.toThrow(
			'OneDrive Files (Drive Root) support only these change types: updated',
		);
	});

	it('the lifecycle URL’s validation (same URL) and a later one are answered alike; a repeated token is refused', async () => {
		const t = harness();
		await activate(t);
		const { result, response } = await t.deliver({
			method: 'POST',
			query: { validationToken: 'a<b>&c' },
			rawBody: '',
		});
		expect([response.statusCode, response.body, response.headers['content-type']]).toEqual([
			200,
			'a<b>&c',
			'text/plain; charset=utf-8',
		]);
		expect(response.headers['x-content-type-options']).toBe('nosniff');
		expect(result).toEqual({ noWebhookResponse: true });
		const twice = await t.deliver({
			method: 'POST',
			query: { validationToken: ['a', 'b'] },
			rawBody: '',
		});
		expect(twice.response.statusCode).toBe(400);
	});

	it('checkExists: GET /subscriptions/{id}; a 404 means it is gone', async () => {
		const t = harness();
		await activate(t);
		nock(GRAPH).get(`/v1.0/subscriptions/${SUB}`).reply(200, { id: SUB });
		expect(await t.run('checkExists')).toBe(true);
		nock(GRAPH)
			.get(`/v1.0/subscriptions/${SUB}`)
			.reply(404, { error: { code: 'ResourceNotFound', message: 'Object was not found.' } });
		expect(await t.run('checkExists')).toBe(false);
	});

	it('deactivation: DELETE /subscriptions/{id}, and the monitor forgets it', async () => {
		const t = harness();
		await activate(t);
		expect(await rt.registry.list()).toHaveLength(1);
		const del = nock(GRAPH)
			.delete(`/v1.0/subscriptions/${SUB}`)
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(del.isDone()).toBe(true);
		expect(await rt.registry.list()).toEqual([]);
	});
});

describe('notifications', () => {
	it('a notification with the right clientState: the message is fetched through the engine and emitted, without the clientState', async () => {
		const t = harness();
		const { sent } = await activate(t);
		const fetch = nock(GRAPH)
			.get(`/v1.0/Users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/${MESSAGE}`)
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(200, message);
		const { result, response } = await t.deliver(post([notification(sent.clientState as string)]));
		expect(fetch.isDone()).toBe(true);
		expect(items(result)).toEqual([
			{
				subscriptionId: SUB,
				changeType: 'created',
				resource: `Users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/${MESSAGE}`,
				tenantId: TENANT,
				resourceId: MESSAGE,
				data: message,
			},
		]);
		expect(response.raw()).not.toContain(sent.clientState as string);
		// Fetched within Graph's deadline: n8n answers as for any delivery (nothing written early).
		expect([result.noWebhookResponse, response.statusCode]).toEqual([undefined, undefined]);
	});

	it('a fetch still running at 2.5 s: Graph gets 202 then, and the message is still emitted when it arrives', async () => {
		const t = harness();
		const { sent } = await activate(t);
		const fetch = nock(GRAPH)
			.get(`/v1.0/Users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/${MESSAGE}`)
			.delay(3_000)
			.reply(200, message);
		// Wall time (Date.now follows the test's stepping clock).
		const started = performance.now();
		const { result, response } = await t.deliver(post([notification(sent.clientState as string)]));
		expect(fetch.isDone()).toBe(true);
		expect(performance.now() - started).toBeGreaterThanOrEqual(2_500);
		expect([response.statusCode, response.body, result.noWebhookResponse]).toEqual([
			202,
			undefined,
			true,
		]);
		expect(items(result).map((i) => i.data)).toEqual([message]);
	});

	it('a fetch that fails: 502, nothing started; Graph sends the notification again and the change is emitted then', async () => {
		const t = harness();
		const { sent } = await activate(t);
		const path = `/v1.0/Users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/${MESSAGE}`;
		const refused = nock(GRAPH)
			.get(path)
			.reply(403, { error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } });
		const body = post([notification(sent.clientState as string)]);
		const first = await t.deliver(body);
		expect(refused.isDone()).toBe(true);
		expect([first.response.statusCode, first.result.workflowData]).toEqual([502, undefined]);
		const fetched = nock(GRAPH).get(path).reply(200, message);
		const again = await t.deliver(body);
		expect(fetched.isDone()).toBe(true);
		expect(items(again.result).map((i) => i.data)).toEqual([message]);
	});

	it('a slow fetch that then fails: 202 at 2.5 s (Graph will not send it again), nothing started, no second answer', async () => {
		const t = harness();
		const { sent } = await activate(t);
		const fetch = nock(GRAPH)
			.get(`/v1.0/Users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/${MESSAGE}`)
			.delay(3_000)
			.reply(400, {
				error: { code: 'ErrorInvalidIdMalformed', message: 'Id is malformed.' },
			});
		const { result, response } = await t.deliver(post([notification(sent.clientState as string)]));
		expect(fetch.isDone()).toBe(true);
		expect([response.statusCode, result.noWebhookResponse, result.workflowData]).toEqual([
			202,
			true,
			undefined,
		]);
	});

	it('a wrong or missing clientState: 401, nothing fetched, nothing started; in a mixed batch only the right ones pass', async () => {
		const t = harness();
		const { sent } = await activate(t);
		const fetch = nock(GRAPH)
			.get(`/v1.0/Users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/${MESSAGE}`)
			.reply(200, message);
		for (const body of [
			post([notification('not-the-client-state')]),
			post([notification(undefined)]),
			post([notification((sent.clientState as string).slice(0, -1))]),
			post([]),
			{ method: 'POST', headers: { 'content-type': 'application/json' }, rawBody: '{"value":"x"}' },
		]) {
			const { result, response } = await t.deliver(body);
			expect(result.workflowData).toBeUndefined();
			expect([401, 400]).toContain(response.statusCode);
			expect(response.raw()).not.toContain(sent.clientState as string);
		}
		expect(fetch.isDone()).toBe(false);
		const mixed = await t.deliver(
			post([
				notification('forged', {
					resource: 'Users/x/Messages/forged',
					resourceData: { id: 'forged' },
				}),
				notification(sent.clientState as string),
			]),
		);
		expect(fetch.isDone()).toBe(true);
		expect(items(mixed.result).map((i) => i.resourceId)).toEqual([MESSAGE]);
	});

	it('the same change delivered twice (Graph retries, or two processes) is emitted once; another subscription’s notification is ignored', async () => {
		const t = harness();
		const { sent } = await activate(t);
		// Each process reads the message; the claim after the read lets only one emit it.
		nock(GRAPH)
			.get(`/v1.0/Users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/${MESSAGE}`)
			.times(2)
			.reply(200, message);
		const second = harness({}, { [`node:${t.node.name}`]: t.nodeStaticData() });
		const body = post([notification(sent.clientState as string)]);
		const first = await t.deliver(body);
		const again = await second.deliver(body);
		expect(items(first.result)).toHaveLength(1);
		expect(again.result).toEqual({ webhookResponse: { message: 'No new changes' } });
		const other = await t.deliver(
			post([notification(sent.clientState as string, { subscriptionId: 'another-subscription' })]),
		);
		expect(other.result).toEqual({ webhookResponse: { message: 'No new changes' } });
	});

	it('a deleted item is emitted without fetching; an unselected change type is skipped; an item gone before the fetch comes without data', async () => {
		const t = harness({ events: ['created', 'deleted'] });
		const { sent } = await activate(t);
		const cs = sent.clientState as string;
		nock(GRAPH)
			.get('/v1.0/Users/u/Messages/gone')
			.reply(404, {
				error: {
					code: 'ErrorItemNotFound',
					message: 'The specified object was not found in the store.',
				},
			});
		const { result } = await t.deliver(
			post([
				notification(cs, { changeType: 'deleted' }),
				notification(cs, {
					changeType: 'updated',
					resourceData: { id: 'x', '@odata.etag': 'W/"2"' },
				}),
				notification(cs, {
					resource: 'Users/u/Messages/gone',
					resourceData: { id: 'gone', '@odata.etag': 'W/"1"' },
				}),
			]),
		);
		expect(items(result).map((i) => [i.changeType, i.resourceId, i.data])).toEqual([
			['deleted', MESSAGE, null],
			['created', 'gone', null],
		]);
	});

	it('a resource path that would leave Graph’s API is not fetched', async () => {
		const t = harness();
		const { sent } = await activate(t);
		const { result } = await t.deliver(
			post([
				notification(sent.clientState as string, {
					resource: '../../evil?x=1',
					resourceData: { id: 'e1' },
				}),
			]),
		);
		expect(items(result)).toEqual([
			{
				subscriptionId: SUB,
				changeType: 'created',
				resource: '../../evil?x=1',
				tenantId: TENANT,
				resourceId: 'e1',
				data: null,
			},
		]);
	});

	it('OneDrive: the root’s notification is followed by the delta from the kept link, each change once, the new link kept', async () => {
		const t = harness({ watch: 'driveRoot', events: ['updated'] });
		nock(GRAPH)
			.get('/v1.0/me/drive/root/delta')
			.query({ token: 'latest' })
			.reply(200, { value: [], '@odata.deltaLink': `${GRAPH}/v1.0/me/drive/root/delta?token=t1` });
		const { sent } = await activate(t);
		const file = {
			id: '01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K',
			name: 'budget.xlsx',
			eTag: '"{1},2"',
			file: {},
		};
		const gone = { id: '01BYE5RZ3DZPSQ2MFWQVBJ6PCLEZRFJXGA', deleted: { state: 'deleted' } };
		nock(GRAPH)
			.get('/v1.0/me/drive/root/delta')
			.query({ token: 't1' })
			.reply(200, {
				value: [file],
				'@odata.nextLink': `${GRAPH}/v1.0/me/drive/root/delta?token=t1p2`,
			})
			.get('/v1.0/me/drive/root/delta')
			.query({ token: 't1p2' })
			.reply(200, {
				value: [gone],
				'@odata.deltaLink': `${GRAPH}/v1.0/me/drive/root/delta?token=t2`,
			});
		const drive = (cs: string) =>
			post([
				{
					subscriptionId: SUB,
					changeType: 'updated',
					resource: 'drives/b!x/root',
					clientState: cs,
					tenantId: TENANT,
				},
			]);
		const { result } = await t.deliver(drive(sent.clientState as string));
		expect(
			items(result).map((i) => [i.changeType, i.resourceId, (i.data as IDataObject).name ?? null]),
		).toEqual([
			['updated', file.id, 'budget.xlsx'],
			['deleted', gone.id, null],
		]);
		nock(GRAPH)
			.get('/v1.0/me/drive/root/delta')
			.query({ token: 't2' })
			.reply(200, {
				value: [],
				'@odata.deltaLink': `${GRAPH}/v1.0/me/drive/root/delta?token=t3`,
			});
		const quiet = await t.deliver(drive(sent.clientState as string));
		expect(quiet.result).toEqual({ webhookResponse: { message: 'No new changes' } });
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('lifecycle notifications', () => {
	const lifecycle = (cs: string, lifecycleEvent: string) => ({
		subscriptionId: SUB,
		subscriptionExpirationDateTime: iso(START + OUTLOOK_LIFETIME),
		tenantId: TENANT,
		clientState: cs,
		lifecycleEvent,
	});

	it('reauthorizationRequired: POST /subscriptions/{id}/reauthorize, nothing started', async () => {
		const t = harness();
		const { sent } = await activate(t);
		const re = nock(GRAPH)
			.post(`/v1.0/subscriptions/${SUB}/reauthorize`)
			.matchHeader('authorization', `Bearer ${TOKEN}`)
			.reply(204);
		const { result } = await t.deliver(
			post([lifecycle(sent.clientState as string, 'reauthorizationRequired')]),
		);
		expect(re.isDone()).toBe(true);
		expect(result).toEqual({ webhookResponse: { message: 'No new changes' } });
	});

	it('subscriptionRemoved: a new subscription with the same resource, URLs and clientState; checks, renewals and deletion follow it', async () => {
		const t = harness();
		const { sent } = await activate(t);
		let again: IDataObject = {};
		nock(GRAPH)
			.post('/v1.0/subscriptions', (body: IDataObject) => {
				again = body;
				return true;
			})
			.reply(201, (_uri, body) => subscription(body as IDataObject, NEW_SUB));
		rt.clock.jump(DAY);
		const { result } = await t.deliver(
			post([lifecycle(sent.clientState as string, 'subscriptionRemoved')]),
		);
		expect(result).toEqual({ webhookResponse: { message: 'No new changes' } });
		expect(again).toEqual({ ...sent, expirationDateTime: iso(START + DAY + OUTLOOK_LIFETIME) });
		expect((await rt.registry.list()).map((r) => [r.hookId, r.expiresAt])).toEqual([
			[NEW_SUB, START + DAY + OUTLOOK_LIFETIME],
		]);
		// Notifications of the new subscription pass; deactivation deletes the new one.
		nock(GRAPH)
			.get(`/v1.0/Users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/${MESSAGE}`)
			.reply(200, message);
		const next = await t.deliver(
			post([notification(sent.clientState as string, { subscriptionId: NEW_SUB })]),
		);
		expect(items(next.result).map((i) => i.subscriptionId)).toEqual([NEW_SUB]);
		const del = nock(GRAPH).delete(`/v1.0/subscriptions/${NEW_SUB}`).reply(204);
		expect(await t.run('delete')).toBe(true);
		expect(del.isDone()).toBe(true);
	});

	it('missed (Outlook): one item says that changes were lost and how to catch up', async () => {
		const t = harness();
		const { sent } = await activate(t);
		const { result } = await t.deliver(post([lifecycle(sent.clientState as string, 'missed')]));
		expect(items(result)).toEqual([
			{
				subscriptionId: SUB,
				lifecycleEvent: 'missed',
				changeType: 'missed',
				resource: "me/mailFolders('inbox')/messages",
				message:
					'Microsoft Graph could not deliver some change notifications of this subscription; the changes they announced are not in this workflow. List the resource (e.g. Outlook → Get Many) to catch up.',
			},
		]);
	});

	it('a lifecycle notification with a wrong clientState is refused and acts on nothing', async () => {
		const t = harness();
		await activate(t);
		const re = nock(GRAPH).post(`/v1.0/subscriptions/${SUB}/reauthorize`).reply(204);
		const { response } = await t.deliver(post([lifecycle('forged', 'reauthorizationRequired')]));
		expect(response.statusCode).toBe(401);
		expect(re.isDone()).toBe(false);
	});
});

describe('renewal by the Connections Monitor', () => {
	function monitor() {
		return createPollHarness({
			nodeType: new ConnectionsMonitorTrigger(),
			parameters: { intervalHours: 24 },
			credentialTypes,
			credentials: credentials as never,
			nodeCredentials: { [DELEGATED]: { id: `${DELEGATED}-id`, name: 'Microsoft 365 account' } },
		});
	}

	it('Outlook subscriptions are extended by PATCH /subscriptions/{id} 2 days before they lapse, every 5 days', async () => {
		await activate(harness());
		expect(await rt.registry.list()).toEqual([
			expect.objectContaining({
				serviceId: 'outlook',
				hookId: SUB,
				expiresAt: START + OUTLOOK_LIFETIME,
				values: expect.objectContaining({
					lifetimeMs: String(OUTLOOK_LIFETIME),
					subscriptionId: SUB,
				}),
			}),
		]);
		const patches: Array<{ at: number; body: unknown; auth: unknown }> = [];
		nock(GRAPH)
			.persist()
			.patch(`/v1.0/subscriptions/${SUB}`)
			.reply(function (_uri, body) {
				patches.push({ at: rt.clock.now(), body, auth: this.req.headers.authorization });
				return [200, { id: SUB, expirationDateTime: (body as IDataObject).expirationDateTime }];
			});
		const m = monitor();
		const outputs: unknown[] = [];
		for (let d = 0; d < 20; d++) {
			outputs.push(await m.poll());
			rt.clock.jump(DAY);
		}
		expect(outputs.filter((o) => o !== null)).toEqual([]);
		expect(patches.map((p) => p.at)).toEqual([5, 10, 15].map((d) => START + d * DAY));
		expect(patches[0]).toEqual({
			at: START + 5 * DAY,
			body: { expirationDateTime: iso(START + 5 * DAY + OUTLOOK_LIFETIME) },
			auth: `Bearer ${TOKEN}`,
		});
		expect((await rt.registry.list())[0].expiresAt).toBe(START + 15 * DAY + OUTLOOK_LIFETIME);
	});

	it('a OneDrive subscription is extended by its own lifetime (42,285 minutes)', async () => {
		nock(GRAPH)
			.get('/v1.0/me/drive/root/delta')
			.query({ token: 'latest' })
			.reply(200, { value: [], '@odata.deltaLink': `${GRAPH}/v1.0/me/drive/root/delta?token=t1` });
		await activate(harness({ watch: 'driveRoot', events: ['updated'] }));
		const lifetime = (42_300 - 15) * MINUTE;
		rt.clock.jump(lifetime - 2 * DAY + MINUTE);
		let body: unknown;
		nock(GRAPH)
			.patch(`/v1.0/subscriptions/${SUB}`)
			.reply(200, (_uri, b) => {
				body = b;
				return { id: SUB, expirationDateTime: (b as IDataObject).expirationDateTime };
			});
		expect(await monitor().poll()).toBeNull();
		expect(body).toEqual({ expirationDateTime: iso(rt.clock.now() + lifetime) });
	});
});
