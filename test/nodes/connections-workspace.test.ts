/**
 * The workspace rule inside real workflows: the first credential of a service type binds the workspace
 * (account label from the spec's "who am I" request), another credential fails before any request,
 * re-using the bound one always works, disconnecting frees the slot, races have one winner.
 */
import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import nock from 'nock';

import { ConnectionsObserver } from '../../lib/connections/observer';
import { defaultConnectionsObserver, processRuntime, useRuntime } from '../../lib/runtime';
import { FakeClock } from '../helpers/fake-clock';
import { runNode, type RunNodeResult } from '../harness';
import {
	AnyRest,
	CHIRP,
	Chirp,
	ChirpAds,
	TestConnections,
	credentialTypes,
	drive,
	freshObserver,
	useTestServices,
} from '../unit/connections/fixtures';

const START = Date.parse('2026-05-04T08:00:00Z');
let clock: FakeClock;
let observer: ConnectionsObserver;
let instance: string;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	useTestServices();
	clock = new FakeClock(START);
	({ observer } = freshObserver());
	useRuntime({ clock, observers: [observer] });
	instance = `instance:${Container.get(InstanceSettings).instanceId}`;
});
afterEach(async () => {
	nock.cleanAll();
	await observer.close();
	delete process.env.N8N_API_CONNECTIONS_WORKSPACE;
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

interface Cred {
	id: string;
	name: string;
	token: string;
}
const A: Cred = { id: 'cred-a', name: 'Chirp account', token: 'chirp_tok_AAA111' };
const B: Cred = { id: 'cred-b', name: 'Chirp second', token: 'chirp_tok_BBB222' };

function chirp(
	cred: Cred,
	opts: { workflowId?: string; continueOnFail?: boolean; type?: 'chirp' | 'chirpAds' } = {},
): Promise<RunNodeResult> {
	const type = opts.type ?? 'chirp';
	return drive(
		clock,
		runNode({
			nodeTypes: [type === 'chirp' ? new Chirp() : new ChirpAds()],
			credentialTypes: credentialTypes(),
			node: {
				type,
				parameters:
					type === 'chirp'
						? { authentication: 'chirpApi', resource: 'post', operation: 'get', postId: 'p1' }
						: { authentication: 'chirpApi', resource: 'campaign', operation: 'getMany' },
				credentials: { chirpApi: { id: cred.id, name: cred.name } },
				continueOnFail: opts.continueOnFail,
			},
			credentials: { chirpApi: { accessToken: cred.token } },
			workflowId: opts.workflowId ?? 'wf-1',
		}),
	);
}

function connections(
	parameters: Record<string, unknown>,
	credentials: Record<string, Cred> = {},
): Promise<RunNodeResult> {
	return drive(
		clock,
		runNode({
			nodeTypes: [new TestConnections()],
			credentialTypes: credentialTypes(),
			node: {
				type: 'connections',
				parameters: parameters as never,
				...(Object.keys(credentials).length
					? {
							credentials: Object.fromEntries(
								Object.entries(credentials).map(([t, c]) => [t, { id: c.id, name: c.name }]),
							),
						}
					: {}),
			},
			credentials: Object.fromEntries(
				Object.entries(credentials).map(([t, c]) => [t, { accessToken: c.token }]),
			),
			workflowId: 'wf-admin',
		}),
	);
}

const me = (cred: Cred, username: string) =>
	nock(CHIRP)
		.get('/v2/me')
		.matchHeader('authorization', `Bearer ${cred.token}`)
		.reply(200, { id: 'u1', username });
const post = (cred: Cred) =>
	nock(CHIRP)
		.get('/v2/posts/p1')
		.matchHeader('authorization', `Bearer ${cred.token}`)
		.reply(200, { id: 'p1', text: 'hello' });

const RULE =
	'Only one Chirp connection allowed per workspace (connected: @mybusiness, credential "Chirp account"). Disconnect it in the Connections node, or use another workspace.';

describe('binding', () => {
	it('the first credential used binds the workspace, labelled by the "who am I" request (fetched once)', async () => {
		const who = me(A, '@mybusiness');
		post(A);
		const first = await chirp(A);
		expect(first.error).toBeUndefined();
		expect(first.outputs[0].map((i) => i.json)).toEqual([{ id: 'p1', text: 'hello' }]);
		expect(who.isDone()).toBe(true);

		// Re-using the bound credential always works and asks nobody "who am I" again.
		post(A);
		const again = await chirp(A, { workflowId: 'wf-2' });
		expect(again.error).toBeUndefined();
		expect(nock.pendingMocks()).toEqual([]);

		expect(await observer.store().getBinding(instance, 'chirp')).toEqual({
			workspace: instance,
			family: 'chirp',
			credentialId: 'cred-a',
			credentialType: 'chirpApi',
			credentialName: 'Chirp account',
			serviceId: 'chirp',
			serviceName: 'Chirp',
			accountLabel: '@mybusiness',
			boundAt: START,
			workflowId: 'wf-1',
			executionId: 'harness-execution',
		});
		expect(await observer.store().queryAudit({ workspace: instance })).toEqual([
			{
				id: 1,
				at: START,
				workspace: instance,
				family: 'chirp',
				credentialId: 'cred-a',
				action: 'bound',
				serviceName: 'Chirp',
				credentialType: 'chirpApi',
				credentialName: 'Chirp account',
				accountLabel: '@mybusiness',
				detail: 'first used by workflow wf-1',
				workflowId: 'wf-1',
				executionId: 'harness-execution',
				actor: 'workflow "Harness workflow" (wf-1), manual run',
				workflowName: 'Harness workflow',
				node: 'Chirp',
			},
		]);
	});

	it('another credential of the same service fails before any request, naming service, account and credential', async () => {
		me(A, '@mybusiness');
		post(A);
		await chirp(A);

		const whoB = me(B, '@other');
		const postB = post(B);
		const res = await chirp(B, { workflowId: 'wf-9' });
		expect(res.error).toMatchObject({ message: RULE });
		expect(res.error?.description).toBe(
			`This node uses the credential "Chirp second", but this n8n instance has been connected to Chirp through "Chirp account" since ${new Date(START).toISOString()}. ` +
				'Nothing was sent. To fix it: select "Chirp account" in this node; or run the Connections node\'s "Disconnect" operation for Chirp, ' +
				'after which the next credential used connects; or give this n8n instance its own workspace with the environment variable N8N_API_CONNECTIONS_WORKSPACE.',
		);
		expect(whoB.isDone()).toBe(false);
		expect(postB.isDone()).toBe(false);
	});

	it('honours Continue On Fail: the item carries the rule error', async () => {
		me(A, '@mybusiness');
		post(A);
		await chirp(A);
		const res = await chirp(B, { continueOnFail: true });
		expect(res.outputs[0].map((i) => i.json.error)).toEqual([RULE]);
	});

	it('one connection per service type: a second node of the same family shares it', async () => {
		me(A, '@mybusiness');
		post(A);
		await chirp(A);
		nock(CHIRP)
			.get('/v2/campaigns')
			.matchHeader('authorization', `Bearer ${A.token}`)
			.reply(200, [{ id: 'c1' }]);
		expect((await chirp(A, { type: 'chirpAds' })).outputs[0].map((i) => i.json)).toEqual([
			{ id: 'c1' },
		]);
		const res = await chirp(B, { type: 'chirpAds' });
		expect(res.error?.message).toBe(RULE);
	});

	it('without a "who am I" request the credential name is the account label', async () => {
		nock(CHIRP).get('/v2/campaigns').reply(200, []);
		await chirp(A, { type: 'chirpAds' });
		expect((await observer.store().getBinding(instance, 'chirp'))?.accountLabel).toBe(
			'Chirp account',
		);
		const res = await chirp(B, { type: 'chirpAds' });
		expect(res.error?.message).toBe(
			'Only one Chirp connection allowed per workspace (connected: Chirp account, credential "Chirp account"). Disconnect it in the Connections node, or use another workspace.',
		);
	});

	it('a failing "who am I" request still binds (the credential was used), labelled by the credential name', async () => {
		nock(CHIRP).get('/v2/me').times(2).reply(500, { error: 'oops' });
		post(A);
		const res = await chirp(A);
		expect(res.error).toBeUndefined();
		const binding = await observer.store().getBinding(instance, 'chirp');
		expect(binding?.accountLabel).toBe('Chirp account');
		const [audit] = await observer.store().queryAudit({ workspace: instance });
		expect(audit.detail).toMatch(
			/^first used by workflow wf-1; account name unavailable \(Chirp: 500 Internal Server Error/,
		);
	});

	it('generic connections (exclusive: false) take any number of credentials', async () => {
		const run = (id: string, token: string) =>
			drive(
				clock,
				runNode({
					nodeTypes: [new AnyRest()],
					credentialTypes: credentialTypes(),
					node: {
						type: 'anyRest',
						parameters: { resource: 'thing', operation: 'get' },
						credentials: { anyRestApi: { id, name: `Rest ${id}` } },
					},
					credentials: { anyRestApi: { accessToken: token } },
				}),
			);
		nock('https://rest.example.test').get('/things').times(2).reply(200, { ok: true });
		expect((await run('r1', 'rest_tok_111111')).error).toBeUndefined();
		expect((await run('r2', 'rest_tok_222222')).error).toBeUndefined();
		expect(await observer.store().getBinding(instance, 'anyRest')).toBeUndefined();
		const status = await connections({
			resource: 'connection',
			operation: 'getStatus',
			service: 'anyRest',
		});
		expect(
			status.outputs[0].map((i) => [i.json.credential, i.json.status, i.json.calls24h]),
		).toEqual([
			['Rest r1', 'connected', 1],
			['Rest r2', 'connected', 1],
		]);
	});
});

describe('replacing the connection', () => {
	it('Disconnect frees the slot: the next credential used binds (e.g. after the first was deleted in n8n)', async () => {
		me(A, '@mybusiness');
		post(A);
		await chirp(A);

		// The credential is gone from n8n: the operator's allow-list entitles the admin workflow, and the
		// confirmation acknowledges the recent use.
		process.env.N8N_API_CONNECTIONS_MANAGERS = 'workflow:wf-admin';
		let out: RunNodeResult;
		try {
			out = await connections({
				resource: 'connection',
				operation: 'disconnect',
				service: 'chirp',
				confirmDisconnect: true,
			});
		} finally {
			delete process.env.N8N_API_CONNECTIONS_MANAGERS;
		}
		expect(out.error).toBeUndefined();
		expect(out.outputs[0][0].json).toMatchObject({
			service: 'Chirp',
			disconnected: true,
			account: '@mybusiness',
			credential: 'Chirp account',
		});

		me(B, '@newbrand');
		post(B);
		const res = await chirp(B);
		expect(res.error).toBeUndefined();
		expect((await observer.store().getBinding(instance, 'chirp'))?.accountLabel).toBe('@newbrand');
		// And now the old one is the "other" credential.
		expect((await chirp(A)).error?.message).toBe(
			'Only one Chirp connection allowed per workspace (connected: @newbrand, credential "Chirp second"). Disconnect it in the Connections node, or use another workspace.',
		);
		const audit = await observer.store().queryAudit({ workspace: instance });
		expect(audit.map((a) => [a.action, a.credentialName, a.workflowId])).toEqual([
			['bound', 'Chirp second', 'wf-1'],
			['unbound', 'Chirp account', 'wf-admin'],
			['bound', 'Chirp account', 'wf-1'],
		]);
	});
});

describe('races', () => {
	it('two executions binding different credentials at the same moment: exactly one wins', async () => {
		me(A, '@a');
		me(B, '@b');
		post(A);
		post(B);
		const [ra, rb] = await Promise.all([chirp(A), chirp(B)]);
		const failed = [ra, rb].filter((r) => r.error);
		expect(failed).toHaveLength(1);
		const winner = ra.error ? B : A;
		const binding = await observer.store().getBinding(instance, 'chirp');
		expect(binding?.credentialId).toBe(winner.id);
		expect(failed[0].error?.message).toBe(
			`Only one Chirp connection allowed per workspace (connected: ${binding?.accountLabel}, credential "${winner.name}"). Disconnect it in the Connections node, or use another workspace.`,
		);
		expect(
			(await observer.store().queryAudit({ workspace: instance })).map((a) => a.action),
		).toEqual(['bound']);
	});
});

describe('which workspace', () => {
	it('N8N_API_CONNECTIONS_WORKSPACE names the workspace; each holds its own connection', async () => {
		process.env.N8N_API_CONNECTIONS_WORKSPACE = 'Client A';
		me(A, '@client_a');
		post(A);
		expect((await chirp(A)).error).toBeUndefined();
		process.env.N8N_API_CONNECTIONS_WORKSPACE = 'Client B';
		me(B, '@client_b');
		post(B);
		expect((await chirp(B)).error).toBeUndefined();
		expect((await observer.store().getBinding('Client A', 'chirp'))?.accountLabel).toBe(
			'@client_a',
		);
		expect((await observer.store().getBinding('Client B', 'chirp'))?.accountLabel).toBe(
			'@client_b',
		);
		expect(await observer.store().getBinding(instance, 'chirp')).toBeUndefined();
		const res = await chirp(A);
		expect(res.error?.message).toBe(
			'Only one Chirp connection allowed per workspace (connected: @client_b, credential "Chirp second"). Disconnect it in the Connections node, or use another workspace.',
		);
		expect(res.error?.description).toContain(
			'but workspace "Client B" has been connected to Chirp through "Chirp second"',
		);
	});
});

describe('engine registration', () => {
	it('the connections observer is on by default and can be replaced or turned off', () => {
		jest.isolateModules(() => {
			// A fresh engine module, as n8n loads it (without this test run's setup file).
			const engine = require('../../lib/runtime') as typeof import('../../lib/runtime');
			const observers = engine.processRuntime().observers;
			expect(observers).toHaveLength(1);
			expect(observers[0].constructor.name).toBe('ConnectionsObserver');
			expect(engine.useRuntime({ clock }).observers[0]).toBe(observers[0]);
			expect(engine.useRuntime({ observers: [] }).observers).toEqual([]);
		});
		// Without observers of its own, a runtime composes the process's connections observer.
		try {
			expect(useRuntime({}).observers).toEqual([defaultConnectionsObserver()]);
		} finally {
			useRuntime({ clock, observers: [observer] });
		}
		expect(processRuntime().observers).toEqual([observer]);
	});
});
