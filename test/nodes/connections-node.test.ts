/**
 * The Connections node in real workflows: Get Status (the dashboard), Test, Refresh, Disconnect (with
 * revoke and the recent-use warning), Get Error Log, Get Audit Log, and a broken store.
 */
import { Container } from '@n8n/di';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InstanceSettings } from 'n8n-core';
import nock from 'nock';

import type { ConnectionsObserver } from '../../lib/connections/observer';
import { ConnectionStoreError } from '../../lib/connections/store';
import { useRuntime } from '../../lib/runtime';
import { runNode, type RunNodeResult } from '../harness';
import {
	AnyRest,
	CHIRP,
	CHIRP_AUTH,
	Chirp,
	SteppingClock,
	TestConnections,
	chirpOAuth,
	credentialTypes,
	drive,
	freshObserver,
	useTestServices,
	tempDir,
} from '../unit/connections/fixtures';

const START = Date.parse('2026-05-04T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** What Get Status says about the workspace and the listing, without an n8n API key. */
const ABOUT = {
	workspaceIs:
		'this whole n8n instance (no n8n API key, or N8N_API_CONNECTIONS_PROJECT_WORKSPACES=false, and no N8N_API_CONNECTIONS_WORKSPACE)',
	listing:
		'Connections used at least once; set N8N_API_CONNECTIONS_N8N_API_KEY (an owner or admin API key) to list every saved credential too.',
};
let clock: SteppingClock;
let observer: ConnectionsObserver;
let instance: string;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	useTestServices();
	clock = new SteppingClock(START);
	({ observer } = freshObserver());
	useRuntime({ clock, random: () => 0.5, observers: [observer] });
	instance = `instance:${Container.get(InstanceSettings).instanceId}`;
	// n8n stamps token expiry with Date.now: keep it on the test's clock.
	jest.spyOn(Date, 'now').mockImplementation(() => clock.now());
});
afterEach(async () => {
	delete process.env.N8N_API_CONNECTIONS_MANAGERS;
	jest.restoreAllMocks();
	nock.cleanAll();
	await observer.close();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

interface Cred {
	id: string;
	name: string;
	data: Record<string, unknown>;
}
const A: Cred = { id: 'cred-a', name: 'Chirp account', data: { accessToken: 'chirp_tok_AAA111' } };
const B: Cred = { id: 'cred-b', name: 'Chirp second', data: { accessToken: 'chirp_tok_BBB222' } };
const O: Cred = {
	id: 'cred-o',
	name: 'Chirp OAuth',
	data: chirpOAuth({
		access: 'chirp_at_OLD_1',
		refresh: 'chirp_rt_1',
		expiresAt: START + 3_600_000,
	}),
};

function chirp(cred: Cred, postId = 'p1', workflowId = 'wf-1'): Promise<RunNodeResult> {
	const type =
		'access_token' in ((cred.data.oauthTokenData as object) ?? {}) ? 'chirpOAuth2Api' : 'chirpApi';
	return drive(
		clock,
		runNode({
			nodeTypes: [new Chirp()],
			credentialTypes: credentialTypes(),
			node: {
				type: 'chirp',
				parameters: { authentication: type, resource: 'post', operation: 'get', postId },
				credentials: { [type]: { id: cred.id, name: cred.name } },
			},
			credentials: { [type]: cred.data as never },
			workflowId,
		}),
	);
}

function connections(parameters: Record<string, unknown>, cred?: Cred): Promise<RunNodeResult> {
	const type = cred && 'oauthTokenData' in cred.data ? 'chirpOAuth2Api' : 'chirpApi';
	return drive(
		clock,
		runNode({
			nodeTypes: [new TestConnections()],
			credentialTypes: credentialTypes(),
			node: {
				type: 'connections',
				// A node added today (version 2): the service's own Authentication field.
				parameters: {
					...(cred ? { [`${String(parameters.service)}Authentication`]: type } : {}),
					...parameters,
				} as never,
				...(cred ? { credentials: { [type]: { id: cred.id, name: cred.name } } } : {}),
			},
			credentials: cred ? { [type]: cred.data as never } : {},
			workflowId: 'wf-admin',
		}),
	);
}

const json = (r: RunNodeResult) => r.outputs[0].map((i) => i.json);

/** The operator allows the admin workflow (wf-admin) to manage every connection. */
const allowAdmin = () => (process.env.N8N_API_CONNECTIONS_MANAGERS = 'workflow:wf-admin');

describe('Get Status', () => {
	it('shows service, account, status, last use, calls in 24 h against the limit and the success rate', async () => {
		nock(CHIRP).get('/v2/me').reply(200, { username: '@mybusiness' });
		nock(CHIRP).get('/v2/posts/p1').times(3).reply(200, { id: 'p1' });
		nock(CHIRP)
			.get('/v2/posts/gone')
			.reply(404, { error: { message: 'No such post' } });
		await chirp(A);
		await clock.advance(60_000);
		await chirp(A);
		await chirp(A, 'gone');
		const failedAt = clock.now();

		let status = json(
			await connections({ resource: 'connection', operation: 'getStatus', service: 'chirp' }),
		);
		expect(status).toEqual([
			{
				service: 'Chirp',
				// Readable values only: the workspace by name, the kind of credential, no internal keys or types.
				workspace: 'this n8n instance',
				account: '@mybusiness',
				credential: 'Chirp account',
				authentication: 'Access Token',
				status: 'error',
				connectedSince: iso(START),
				lastUsed: iso(failedAt),
				tokenExpires: null,
				autoRefresh: false,
				permissions: null,
				calls24h: 4,
				apiCalls24h: '4 / 4800',
				rateLimit: '200 per hour',
				successRate: 75,
				lastError:
					'No such post (HTTP 404 is a client error: sending the same request again cannot succeed)',
				lastErrorAt: iso(failedAt),
				...ABOUT,
			},
		]);

		await clock.advance(3_600_000);
		await chirp(A);
		status = json(
			await connections({ resource: 'connection', operation: 'getStatus', service: '__all' }),
		);
		expect(status).toHaveLength(1);
		expect(status[0]).toMatchObject({
			status: 'connected',
			lastUsed: iso(START + 3_660_000),
			calls24h: 5,
			apiCalls24h: '5 / 4800',
			successRate: 80,
		});

		// A day later the calls have left the 24 h window; the connection stays.
		await clock.advance(25 * 3_600_000);
		expect(
			json(
				await connections({ resource: 'connection', operation: 'getStatus', service: 'chirpAds' }),
			)[0],
		).toMatchObject({
			service: 'Chirp',
			status: 'connected',
			calls24h: 0,
			apiCalls24h: '0 / 4800',
			successRate: null,
		});
	});

	it('a service with nothing connected is "disconnected"; all services with none says so', async () => {
		expect(
			json(await connections({ resource: 'connection', operation: 'getStatus', service: '__all' })),
		).toEqual([
			{ workspace: 'this n8n instance', message: 'No connection in this workspace yet.', ...ABOUT },
		]);
		expect(
			json(await connections({ resource: 'connection', operation: 'getStatus', service: 'chirp' })),
		).toEqual([
			{
				service: 'Chirp',
				workspace: 'this n8n instance',
				account: null,
				credential: null,
				authentication: null,
				status: 'disconnected',
				connectedSince: null,
				lastUsed: null,
				tokenExpires: null,
				autoRefresh: false,
				permissions: null,
				calls24h: 0,
				apiCalls24h: '0 / 4800',
				rateLimit: '200 per hour',
				successRate: null,
				lastError: null,
				lastErrorAt: null,
				...ABOUT,
			},
		]);
	});

	it('an OAuth2 connection shows its token expiry and auto-refresh; a 401 that n8n cannot fix is "expired"', async () => {
		nock(CHIRP).get('/v2/me').reply(200, { username: '@oauth' });
		nock(CHIRP).get('/v2/posts/p1').reply(200, { id: 'p1' });
		await chirp(O);
		expect(
			json(
				await connections({ resource: 'connection', operation: 'getStatus', service: 'chirp' }),
			)[0],
		).toMatchObject({
			authentication: 'OAuth2',
			status: 'connected',
			tokenExpires: iso(START + 3_600_000),
			autoRefresh: true,
			// The seed's "Permissions": the scopes granted to the token.
			permissions: ['read', 'post'],
		});
		// Access revoked at the provider: even n8n's refresh-and-resend gets a 401.
		nock(CHIRP)
			.get('/v2/posts/p1')
			.times(2)
			.reply(401, { error: { message: 'Access revoked' } });
		nock(CHIRP_AUTH).post('/token').reply(200, {
			access_token: 'chirp_at_NEW_9',
			refresh_token: 'chirp_rt_9',
			expires_in: 3600,
		});
		const res = await chirp(O);
		expect(res.error?.message).toBe('Chirp: 401 Unauthorized – Access revoked');
		expect(
			json(
				await connections({ resource: 'connection', operation: 'getStatus', service: 'chirp' }),
			)[0],
		).toMatchObject({ status: 'expired' });
	});
});

describe('Test', () => {
	it("sends the spec's test request once and reports status and response time; it binds nothing", async () => {
		nock(CHIRP)
			.get('/v2/me')
			.matchHeader('authorization', 'Bearer chirp_tok_AAA111')
			.reply(() => {
				clock.jump(120);
				return [200, { username: '@mybusiness' }];
			});
		const res = await connections(
			{ resource: 'connection', operation: 'test', service: 'chirp' },
			A,
		);
		expect(res.error).toBeUndefined();
		expect(json(res)).toEqual([
			{
				service: 'Chirp',
				credential: 'Chirp account',
				method: 'GET',
				endpoint: 'GET /me',
				ok: true,
				status: 200,
				responseTimeMs: 120,
				message: 'Connection successful',
				// The seed's "Data": the account the test request answered for (Chirp's /me has no id here).
				data: { id: null, username: '@mybusiness' },
			},
		]);
		expect(await observer.store().getBinding(instance, 'chirp')).toBeUndefined();

		// A failing credential is a result, not an error (n8n re-sends a 401 once after pre-authentication).
		nock(CHIRP)
			.get('/v2/me')
			.times(2)
			.reply(401, { error: { message: 'Invalid token' } });
		const bad = await connections(
			{ resource: 'connection', operation: 'test', service: 'chirp' },
			B,
		);
		expect(json(bad)).toEqual([
			{
				service: 'Chirp',
				credential: 'Chirp second',
				method: 'GET',
				endpoint: 'GET /me',
				ok: false,
				status: 401,
				responseTimeMs: 0,
				message: 'Chirp: 401 Unauthorized – Invalid token',
				data: null,
			},
		]);
		const audit = await observer.store().queryAudit({ workspace: instance });
		expect(audit.map((a) => [a.action, a.credentialName, a.detail])).toEqual([
			['test', 'Chirp second', 'failed: 401 Chirp: 401 Unauthorized – Invalid token'],
			['test', 'Chirp account', '200 in 120 ms'],
		]);
	});

	it('tests a credential other than the connected one (to check it before switching)', async () => {
		nock(CHIRP).get('/v2/me').reply(200, { username: '@mybusiness' });
		nock(CHIRP).get('/v2/posts/p1').reply(200, {});
		await chirp(A);
		nock(CHIRP)
			.get('/v2/me')
			.matchHeader('authorization', 'Bearer chirp_tok_BBB222')
			.reply(200, { username: '@b' });
		expect(
			json(
				await connections({ resource: 'connection', operation: 'test', service: 'chirp' }, B),
			)[0],
		).toMatchObject({ ok: true, status: 200 });
		expect((await observer.store().getBinding(instance, 'chirp'))?.credentialId).toBe('cred-a');
	});

	it('without a credential says which one to select', async () => {
		const res = await connections({
			resource: 'connection',
			operation: 'test',
			service: 'chirp',
			authentication: 'chirpApi',
		});
		expect(res.error).toMatchObject({
			message: 'Select the Chirp credential to test.',
			description:
				'Choose its kind under "Authentication", then pick the credential in the node\'s credential field.',
		});
	});
});

describe('Refresh', () => {
	it('refreshes an OAuth2 token now, persists it through n8n and audits it', async () => {
		await clock.advance(1_800_000);
		const token = nock(CHIRP_AUTH)
			.post('/token', (b) => b.grant_type === 'refresh_token' && b.refresh_token === 'chirp_rt_1')
			.reply(200, {
				access_token: 'chirp_at_NEW_2',
				refresh_token: 'chirp_rt_2',
				token_type: 'Bearer',
				expires_in: 7200,
			});
		const res = await connections(
			{ resource: 'connection', operation: 'refresh', service: 'chirp' },
			O,
		);
		expect(res.error).toBeUndefined();
		expect(token.isDone()).toBe(true);
		const now = START + 1_800_000;
		expect(json(res)).toEqual([
			{
				service: 'Chirp',
				credential: 'Chirp OAuth',
				refreshed: true,
				tokenExpires: iso(now + 7_200_000),
				previousTokenExpires: iso(START + 3_600_000),
			},
		]);
		expect(
			res.credentialUpdates.map(
				(u) => (u.data.oauthTokenData as { access_token: string }).access_token,
			),
		).toEqual(['chirp_at_NEW_2']);
		expect(
			(await observer.store().queryAudit({ workspace: instance })).map((a) => [
				a.action,
				a.detail,
				a.workflowId,
			]),
		).toEqual([
			[
				'refreshed',
				`manual refresh, 1800 s before the old token expired; new token valid until ${iso(now + 7_200_000)}`,
				'wf-admin',
			],
		]);
	});

	it('explains that keys and bearer tokens are not refreshed', async () => {
		const res = await connections(
			{ resource: 'connection', operation: 'refresh', service: 'chirp' },
			A,
		);
		expect(res.error?.message).toBe(
			'Refreshing the Chirp token failed: "Chirp account" is not an OAuth2 credential: only OAuth2 access tokens are refreshed. Its key or token stays valid until you change it.',
		);
	});
});

describe('Disconnect', () => {
	it('revokes at the provider, unbinds, audits, and warns about executions of the last 24 h', async () => {
		nock(CHIRP).get('/v2/me').reply(200, { username: '@oauth' });
		nock(CHIRP).get('/v2/posts/p1').times(2).reply(200, {});
		await chirp(O);
		await clock.advance(600_000);
		await chirp(O, 'p1', 'wf-2');
		const lastUse = clock.now();
		const revoke = nock(CHIRP_AUTH)
			.post('/oauth/revoke', 'token=chirp_at_OLD_1')
			.matchHeader('content-type', 'application/x-www-form-urlencoded')
			.reply(200, {});
		await clock.advance(60_000);
		// Used in the last 24 h (no n8n API key: recent executions are the evidence): confirmation required.
		const refused = await connections(
			{ resource: 'connection', operation: 'disconnect', service: 'chirp' },
			O,
		);
		expect(refused.error?.message).toBe(
			'Chirp is still in use: 2 workflow(s) that used it in the last 24 h (wf-2, wf-1). Nothing was disconnected.',
		);
		expect(revoke.isDone()).toBe(false);
		expect(await observer.store().getBinding(instance, 'chirp')).toBeDefined();
		const res = await connections(
			{
				resource: 'connection',
				operation: 'disconnect',
				service: 'chirp',
				confirmDisconnect: true,
			},
			O,
		);
		expect(res.error).toBeUndefined();
		expect(revoke.isDone()).toBe(true);
		expect(json(res)).toEqual([
			{
				service: 'Chirp',
				disconnected: true,
				account: '@oauth',
				credential: 'Chirp OAuth',
				revoked: true,
				revokeMessage: 'Revoked at Chirp (200).',
				activeWorkflows: null,
				executionsLast24h: 2,
				workflowsLast24h: ['wf-2', 'wf-1'],
				entitledBy: 'the connected credential',
				warning:
					`2 execution(s) of 2 workflow(s) used this connection in the last 24 h (last at ${iso(lastUse)}). ` +
					'If they still use "Chirp OAuth", their next run connects it again: switch them to the new credential first.',
				message: 'Disconnected Chirp (@oauth, credential "Chirp OAuth") from this n8n instance.',
			},
		]);
		expect(await observer.store().getBinding(instance, 'chirp')).toBeUndefined();
		const audit = await observer.store().queryAudit({ workspace: instance });
		expect(audit.map((a) => [a.action, a.detail])).toEqual([
			[
				'unbound',
				'disconnected with the Connections node (entitled by the connected credential); 2 execution(s) used it in the last 24 h',
			],
			['revoked', 'Revoked at Chirp (200).'],
			['bound', 'first used by workflow wf-1'],
		]);
	});

	it('without the credential it only unbinds, and says how to revoke; no warning after a quiet day', async () => {
		nock(CHIRP).get('/v2/me').reply(200, { username: '@mybusiness' });
		nock(CHIRP).get('/v2/posts/p1').reply(200, {});
		await chirp(A);
		await clock.advance(25 * 3_600_000);
		allowAdmin();
		expect(
			json(
				await connections({ resource: 'connection', operation: 'disconnect', service: 'chirp' }),
			),
		).toEqual([
			{
				service: 'Chirp',
				disconnected: true,
				account: '@mybusiness',
				credential: 'Chirp account',
				revoked: null,
				revokeMessage:
					'Not revoked at Chirp: only the connected credential "Chirp account" holds the token; select it in this node to revoke it too.',
				activeWorkflows: null,
				executionsLast24h: 0,
				workflowsLast24h: [],
				entitledBy: 'allow-list entry workflow:wf-admin',
				warning: null,
				message:
					'Disconnected Chirp (@mybusiness, credential "Chirp account") from this n8n instance.',
			},
		]);
		expect(
			json(
				await connections({ resource: 'connection', operation: 'disconnect', service: 'chirp' }),
			),
		).toEqual([
			{
				service: 'Chirp',
				disconnected: false,
				account: null,
				credential: null,
				revoked: null,
				revokeMessage: null,
				activeWorkflows: null,
				executionsLast24h: 0,
				workflowsLast24h: [],
				entitledBy: null,
				warning: null,
				message: 'No Chirp connection in this n8n instance: nothing to disconnect.',
			},
		]);
	});
});

describe('Get Error Log and Get Audit Log', () => {
	beforeEach(allowAdmin);
	it("lists retries and final errors with the product's entry fields, filtered by service, time and limit", async () => {
		nock(CHIRP).get('/v2/me').reply(200, { username: '@mybusiness' });
		nock(CHIRP)
			.get('/v2/posts/p1')
			.times(3)
			.reply(503, { error: { message: 'Over capacity' } }, { 'x-request-id': 'req-77' });
		const res = await chirp(A);
		expect(res.error?.message).toBe('Chirp: 503 Service Unavailable – Over capacity');
		const log = json(
			await connections({ resource: 'log', operation: 'getErrorLog', service: 'chirp', limit: 50 }),
		);
		expect(log.map((e) => [e.kind, e.attempt, e.status, e.nextRetryInSeconds])).toEqual([
			['final', 3, 503, null],
			['retry', 2, 503, 1],
			// The real wait (0.5 s), not rounded to "1 s" or "0 s" (issue 11.2: the log must not contradict itself).
			['retry', 1, 503, 0.5],
		]);
		expect(log[0]).toEqual({
			timestamp: log[0].timestamp,
			service: 'Chirp',
			connection: 'Chirp account',
			method: 'GET',
			endpoint: '/posts/{postId}',
			status: 503,
			message: log[0].message,
			requestId: 'req-77',
			// The seed's Action (workflow and step by name) and Record ID (the post the request acted on).
			action: 'Harness workflow / Chirp',
			recordId: 'p1',
			workflowId: 'wf-1',
			executionId: 'harness-execution',
			node: 'Chirp',
			itemIndex: 0,
			attempt: 3,
			maxAttempts: 3,
			nextRetryInSeconds: null,
			kind: 'final',
		});
		const firstAt = log[2].timestamp as string;
		expect(
			json(
				await connections({
					resource: 'log',
					operation: 'getErrorLog',
					service: '__all',
					limit: 1,
				}),
			).map((e) => e.kind),
		).toEqual(['final']);
		expect(
			json(
				await connections({
					resource: 'log',
					operation: 'getErrorLog',
					service: '__all',
					limit: 50,
					filters: { until: firstAt },
				}),
			).map((e) => e.attempt),
		).toEqual([1]);
		expect(
			json(
				await connections({
					resource: 'log',
					operation: 'getErrorLog',
					service: 'anyRest',
					limit: 50,
				}),
			),
		).toEqual([]);

		const audit = json(
			await connections({
				resource: 'log',
				operation: 'getAuditLog',
				service: 'chirp',
				limit: 50,
				filters: { since: iso(START) },
			}),
		);
		expect(audit).toEqual([
			{
				timestamp: iso(START),
				action: 'bound',
				service: 'Chirp',
				account: '@mybusiness',
				credential: 'Chirp account',
				credentialType: 'chirpApi',
				detail: 'first used by workflow wf-1',
				actor: 'workflow "Harness workflow" (wf-1), manual run',
				workflowId: 'wf-1',
				workflowName: 'Harness workflow',
				node: 'Chirp',
				executionId: 'harness-execution',
			},
		]);
		expect(
			json(
				await connections({
					resource: 'log',
					operation: 'getAuditLog',
					service: 'chirp',
					limit: 50,
					filters: { since: iso(START + 1) },
				}),
			),
		).toEqual([]);
	});

	it('rejects a filter that is not a time', async () => {
		const res = await connections({
			resource: 'log',
			operation: 'getAuditLog',
			service: '__all',
			limit: 5,
			filters: { since: 'yesterday-ish' },
		});
		expect(res.error?.message).toBe("The filter 'Since' is not a date and time ('yesterday-ish').");
	});
});

describe('a broken store', () => {
	it('a corrupt file fails the item with the path and the fix, never the process; moving it aside heals it', async () => {
		await observer.close();
		const file = join(tempDir(), 'api-connections.sqlite');
		writeFileSync(file, Buffer.alloc(4096, 'garbage '));
		({ observer } = freshObserver({
			store: () => new (require('../../lib/connections/sqlite-store').SqliteConnectionStore)(file),
		}));
		useRuntime({ clock, observers: [observer] });

		const post = nock(CHIRP).get('/v2/posts/p1').reply(200, {});
		const res = await chirp(A);
		expect(res.error).toMatchObject({
			message: `The connections store ${file} is damaged or not an SQLite database (file is not a database).`,
			description: `Move it aside (e.g. rename it to ${file}.broken); it will be recreated empty on the next run. Bindings, usage and audit history in it are lost.`,
		});
		expect(post.isDone()).toBe(false);
		const status = await connections({
			resource: 'connection',
			operation: 'getStatus',
			service: '__all',
		});
		expect(status.error?.message).toBe(
			`The connections store ${file} is damaged or not an SQLite database (file is not a database).`,
		);

		require('node:fs').renameSync(file, `${file}.broken`);
		nock(CHIRP).get('/v2/me').reply(200, { username: '@mybusiness' });
		expect((await chirp(A)).error).toBeUndefined();
	});

	it('an unwritable location: rule-bound requests fail clearly; generic connections keep working (usage is best effort)', async () => {
		await observer.close();
		const dir = tempDir();
		writeFileSync(join(dir, 'file'), 'x');
		const file = join(dir, 'file', 'api-connections.sqlite');
		({ observer } = freshObserver({
			store: () => new (require('../../lib/connections/sqlite-store').SqliteConnectionStore)(file),
		}));
		useRuntime({ clock, observers: [observer] });

		const res = await chirp(A);
		expect(res.error?.message).toMatch(/^The connections store .* cannot be opened for writing \(/);
		expect(res.error?.description).toBe(
			`Make ${dirname(file)} and the file writable for the user running n8n, or set N8N_API_CONNECTIONS_SQLITE_FILE to a writable file path.`,
		);

		nock('https://rest.example.test').get('/things').reply(200, { ok: true });
		const rest = await drive(
			clock,
			runNode({
				nodeTypes: [new AnyRest()],
				credentialTypes: credentialTypes(),
				node: { type: 'anyRest', parameters: { resource: 'thing', operation: 'get' } },
				credentials: { anyRestApi: { accessToken: 'rest_tok_123456' } },
			}),
		);
		expect(rest.error).toBeUndefined();
		await observer.usage.flush();
		expect(observer.usage.lastError).toBeInstanceOf(ConnectionStoreError);
	});
});

describe('access control (issue 13.3)', () => {
	it('Disconnect with another credential of the service is refused: nothing unbound, nothing revoked', async () => {
		nock(CHIRP).get('/v2/me').reply(200, { username: '@mybusiness' });
		nock(CHIRP).get('/v2/posts/p1').reply(200, {});
		await chirp(A);
		const res = await connections(
			{
				resource: 'connection',
				operation: 'disconnect',
				service: 'chirp',
				confirmDisconnect: true,
			},
			B,
		);
		expect(res.error?.message).toBe(
			'Not allowed: this run may not disconnect Chirp from this n8n instance.',
		);
		expect(res.error?.description).toMatch(
			/^The node's credential "Chirp second" is not the connected one: select "Chirp account" in this node\. Whoever can use that credential in n8n may manage its connection\./,
		);
		expect((await observer.store().getBinding(instance, 'chirp'))?.credentialName).toBe(
			'Chirp account',
		);
		// Without any credential and without the allow-list: refused too.
		const none = await connections({
			resource: 'connection',
			operation: 'disconnect',
			service: 'chirp',
			confirmDisconnect: true,
		});
		expect(none.error?.message).toBe(
			'Not allowed: this run may not disconnect Chirp from this n8n instance.',
		);
		expect(await observer.store().getBinding(instance, 'chirp')).toBeDefined();
	});

	it("the logs: a credential shows that credential's entries only; no credential and no allow-list is refused", async () => {
		nock(CHIRP).get('/v2/me').reply(200, { username: '@mybusiness' });
		nock(CHIRP)
			.get('/v2/posts/p1')
			.times(3)
			.reply(503, { error: { message: 'Over capacity' } });
		await chirp(A);
		const refused = await connections({
			resource: 'log',
			operation: 'getErrorLog',
			service: 'chirp',
			limit: 50,
		});
		expect(refused.error?.message).toBe(
			'Not allowed: this run may not read the error log of this n8n instance.',
		);
		const all = await connections({
			resource: 'log',
			operation: 'getAuditLog',
			service: '__all',
			limit: 50,
		});
		expect(all.error?.message).toBe(
			'Not allowed: this run may not read the audit log of this n8n instance.',
		);
		const own = json(
			await connections(
				{ resource: 'log', operation: 'getErrorLog', service: 'chirp', limit: 50 },
				A,
			),
		);
		expect(own.map((e) => [e.connection, e.kind, e.attempt])).toEqual([
			['Chirp account', 'final', 3],
			['Chirp account', 'retry', 2],
			['Chirp account', 'retry', 1],
		]);
		const other = await connections(
			{ resource: 'log', operation: 'getErrorLog', service: 'chirp', limit: 50 },
			B,
		);
		expect(other.error).toBeUndefined();
		expect(json(other)).toEqual([]);
	});
});

describe("workspace = the workflow's n8n project (issue 13.2)", () => {
	const API = 'http://localhost:5678';
	const project = (id: string, name: string) => ({
		shared: [{ role: 'workflow:owner', projectId: id, project: { id, name, type: 'personal' } }],
	});
	beforeEach(() => {
		process.env.N8N_API_CONNECTIONS_N8N_API_KEY = 'n8n_api_key_0001';
	});
	afterEach(() => {
		delete process.env.N8N_API_CONNECTIONS_N8N_API_KEY;
	});

	it('the same service once in each project is allowed, twice in one project is refused', async () => {
		const api = nock(API, { reqheaders: { 'x-n8n-api-key': 'n8n_api_key_0001' } });
		api.get('/api/v1/workflows/wf-alice').reply(200, project('P-alice', 'Alice <a@x.test>'));
		api.get('/api/v1/workflows/wf-bob').reply(200, project('P-bob', 'Bob <b@x.test>'));
		api.get('/api/v1/workflows/wf-alice-2').reply(200, project('P-alice', 'Alice <a@x.test>'));
		nock(CHIRP).get('/v2/me').reply(200, { username: '@alice' });
		nock(CHIRP).get('/v2/me').reply(200, { username: '@bob' });
		nock(CHIRP).get('/v2/posts/p1').times(2).reply(200, {});
		expect((await chirp(A, 'p1', 'wf-alice')).error).toBeUndefined();
		expect((await chirp(B, 'p1', 'wf-bob')).error).toBeUndefined();
		const second = await chirp(B, 'p1', 'wf-alice-2');
		expect(second.error?.message).toBe(
			'Only one Chirp connection allowed per workspace (connected: @alice, credential "Chirp account"). Disconnect it in the Connections node, or use another workspace.',
		);
		expect(second.error?.description).toMatch(/but project "Alice <a@x\.test>" has been connected/);
		expect(second.error?.description).toMatch(
			/or move this workflow to another n8n project \(each project is its own workspace\)\.$/,
		);
		expect((await observer.store().getBinding('project:P-alice', 'chirp'))?.accountLabel).toBe(
			'@alice',
		);
		expect((await observer.store().getBinding('project:P-bob', 'chirp'))?.accountLabel).toBe(
			'@bob',
		);
		expect(api.isDone()).toBe(true);
	});

	it("Get Status on day one lists the project's saved credentials nobody used yet (n8n's GET /credentials), not other projects'", async () => {
		const api = nock(API, { reqheaders: { 'x-n8n-api-key': 'n8n_api_key_0001' } });
		api.get('/api/v1/workflows/wf-admin').reply(200, project('P-alice', 'Alice <a@x.test>'));
		api
			.get('/api/v1/credentials')
			.query({ limit: 250 })
			.reply(200, {
				data: [
					{
						id: 'cred-a',
						name: 'Chirp account',
						type: 'chirpApi',
						createdAt: '2026-05-04T07:00:00.000Z',
						updatedAt: '2026-05-04T07:00:00.000Z',
						shared: [{ id: 'P-alice', name: 'Alice <a@x.test>', role: 'credential:owner' }],
					},
					{
						id: 'cred-b',
						name: 'Chirp second',
						type: 'chirpApi',
						createdAt: '2026-05-04T07:00:00.000Z',
						updatedAt: '2026-05-04T07:00:00.000Z',
						shared: [{ id: 'P-bob', name: 'Bob <b@x.test>', role: 'credential:owner' }],
					},
					{
						id: 'cred-x',
						name: 'Some Slack',
						type: 'slackApi',
						createdAt: '2026-05-04T07:00:00.000Z',
						updatedAt: '2026-05-04T07:00:00.000Z',
						shared: [{ id: 'P-alice', name: 'Alice <a@x.test>', role: 'credential:owner' }],
					},
				],
				nextCursor: null,
			});
		expect(
			json(await connections({ resource: 'connection', operation: 'getStatus', service: '__all' })),
		).toEqual([
			{
				service: 'Chirp',
				workspace: 'project "Alice <a@x.test>"',
				account: null,
				credential: 'Chirp account',
				authentication: 'Access Token',
				status: 'not used yet',
				connectedSince: null,
				lastUsed: null,
				tokenExpires: null,
				autoRefresh: false,
				permissions: null,
				calls24h: 0,
				apiCalls24h: '0 / 4800',
				rateLimit: '200 per hour',
				successRate: null,
				lastError: null,
				lastErrorAt: null,
				workspaceIs:
					"the workflow's n8n project (read through n8n's API with N8N_API_CONNECTIONS_N8N_API_KEY)",
			},
		]);
		expect(api.isDone()).toBe(true);
	});
});
