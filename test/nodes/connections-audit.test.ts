/**
 * The audit trail's who, what, when and where: a manual run names the n8n user who started it (n8n's
 * `additionalData.userId`), a production run its workflow and trigger; Get Audit Log filters by service,
 * action, actor and time; entries older than the retention setting are dropped; a store of schema 1 is
 * migrated with its old entries kept.
 */
import { DatabaseSync } from 'node:sqlite';

import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { auditContext } from '../../lib/connections/audit';
import { settingsFromEnv } from '../../lib/settings';
import type { ConnectionsObserver } from '../../lib/connections/observer';
import { SqliteConnectionStore } from '../../lib/connections/sqlite-store';
import { useRuntime } from '../../lib/runtime';
import { runNode, type RunNodeResult } from '../harness';
import {
	CHIRP,
	Chirp,
	SteppingClock,
	TestConnections,
	credentialTypes,
	drive,
	freshObserver,
	useTestServices,
	tempDir,
} from '../unit/connections/fixtures';

const START = Date.parse('2026-05-04T08:00:00Z');
const DAY = 86_400_000;
let clock: SteppingClock;
let observer: ConnectionsObserver;
let instance: string;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	useTestServices();
	clock = new SteppingClock(START);
	// The admin workflow that reads the audit log is on the operator's allow-list (reading logs needs entitlement).
	({ observer } = freshObserver({
		env: {
			N8N_API_CONNECTIONS_AUDIT_RETENTION_DAYS: '30',
			N8N_API_CONNECTIONS_MANAGERS: 'workflow:wf-admin',
		},
	}));
	useRuntime({ clock, random: () => 0.5, observers: [observer] });
	instance = `instance:${Container.get(InstanceSettings).instanceId}`;
});
afterEach(async () => {
	nock.cleanAll();
	await observer.close();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function chirp(userId?: string): Promise<RunNodeResult> {
	return drive(
		clock,
		runNode({
			nodeTypes: [new Chirp()],
			credentialTypes: credentialTypes(),
			node: {
				type: 'chirp',
				name: 'Fetch post',
				parameters: {
					authentication: 'chirpApi',
					resource: 'post',
					operation: 'get',
					postId: 'p1',
				},
				credentials: { chirpApi: { id: 'cred-a', name: 'Chirp account' } },
			},
			credentials: { chirpApi: { accessToken: 'chirp_tok_AAA111' } },
			workflowId: 'wf-7',
			userId,
		}),
	);
}

async function auditLog(filters: IDataObject, service = '__all') {
	const res = await drive(
		clock,
		runNode({
			nodeTypes: [new TestConnections()],
			node: {
				type: 'connections',
				parameters: {
					resource: 'log',
					operation: 'getAuditLog',
					service,
					limit: 50,
					filters,
				} as never,
			},
			workflowId: 'wf-admin',
		}),
	);
	if (res.error) throw res.error;
	return res.outputs[0].map((i) => i.json);
}

describe('who, what, when and where', () => {
	it("a manual run's entry names the n8n user who started it, the workflow, the node and the execution", async () => {
		nock(CHIRP).get('/v2/me').reply(200, { username: '@mybusiness' });
		nock(CHIRP).get('/v2/posts/p1').reply(200, { id: 'p1' });
		expect((await chirp('7f3a9c2e-user-42')).error).toBeUndefined();
		expect(await auditLog({})).toEqual([
			{
				timestamp: new Date(START).toISOString(),
				action: 'bound',
				service: 'Chirp',
				account: '@mybusiness',
				credential: 'Chirp account',
				credentialType: 'chirpApi',
				detail: 'first used by workflow wf-7',
				actor: 'user 7f3a9c2e-user-42',
				workflowId: 'wf-7',
				workflowName: 'Harness workflow',
				node: 'Fetch post',
				executionId: 'harness-execution',
			},
		]);
	});

	it('a production run names its workflow and trigger; the execution context user wins when n8n sets it', () => {
		const base = {
			getWorkflow: () => ({ id: 'wf-9', name: 'Nightly sync', active: true }),
			getExecutionId: () => '812',
			getNode: () => ({ name: 'Stripe' }) as never,
		};
		expect(
			auditContext({
				...base,
				getMode: () => 'trigger',
				getExecutionContext: () => ({ triggerNode: { name: 'Schedule Trigger' } }),
			}),
		).toEqual({
			actor: 'workflow "Nightly sync" (wf-9) via Schedule Trigger',
			workflowId: 'wf-9',
			workflowName: 'Nightly sync',
			executionId: '812',
			node: 'Stripe',
		});
		expect(
			auditContext({
				...base,
				getMode: () => 'webhook',
				getExecutionContext: () => undefined,
			}).actor,
		).toBe('workflow "Nightly sync" (wf-9) (webhook)');
		// A production run never takes a user from additionalData (n8n may run it on someone's behalf).
		expect(
			auditContext({
				...base,
				getMode: () => 'trigger',
				additionalData: { userId: 'owner-1' },
			} as never).actor,
		).toBe('workflow "Nightly sync" (wf-9) (trigger)');
		expect(
			auditContext({
				...base,
				getMode: () => 'manual',
				getExecutionContext: () => ({ executedByUserId: 'u-ctx' }),
				additionalData: { userId: 'u-additional' },
			} as never).actor,
		).toBe('user u-ctx');
	});
});

describe('Get Audit Log filters', () => {
	beforeEach(async () => {
		const add = (
			i: number,
			action: 'bound' | 'test' | 'refreshed',
			family: string,
			actor: string,
		) =>
			observer.audit({
				at: START + i * 60_000,
				workspace: instance,
				family,
				credentialId: `c${i}`,
				action,
				serviceName: family === 'chirp' ? 'Chirp' : 'Any REST',
				detail: `#${i}`,
				actor,
				workflowName: i === 2 ? 'Billing' : 'Reports',
			});
		await add(0, 'bound', 'chirp', 'user alice-1');
		await add(1, 'test', 'chirp', 'user bob-2');
		await add(2, 'refreshed', 'anyRest', 'workflow "Billing" (wf-2) via Schedule Trigger');
		await add(3, 'test', 'anyRest', 'user alice-1');
	});
	const details = (rows: Array<Record<string, unknown>>) => rows.map((r) => r.detail);

	it('by action, by actor (user id or workflow name), by service and by time, together', async () => {
		expect(details(await auditLog({ actions: ['test'] }))).toEqual(['#3', '#1']);
		expect(details(await auditLog({ actor: 'alice' }))).toEqual(['#3', '#0']);
		expect(details(await auditLog({ actor: 'billing' }))).toEqual(['#2']);
		expect(details(await auditLog({ actions: ['test'] }, 'chirp'))).toEqual(['#1']);
		expect(
			details(
				await auditLog({
					actor: 'alice',
					since: new Date(START + 60_000).toISOString(),
				}),
			),
		).toEqual(['#3']);
		expect(details(await auditLog({ actions: [], actor: '  ' }))).toEqual(['#3', '#2', '#1', '#0']);
	});
});

describe('retention', () => {
	it('one setting, in days (default 365, 0 keeps everything); old entries go when the next is written', async () => {
		const retention = (days?: string) =>
			settingsFromEnv({ HOME: '/home/n', N8N_API_CONNECTIONS_AUDIT_RETENTION_DAYS: days })
				.auditRetentionMs;
		expect(retention()).toBe(365 * DAY);
		expect(retention('0')).toBeNull();
		expect(retention('30')).toBe(30 * DAY);
		// A bad value is refused by the settings (test/unit/settings.test.ts).
		const entry = (at: number, detail: string) => ({
			at,
			workspace: instance,
			family: 'chirp',
			credentialId: 'c',
			action: 'test' as const,
			serviceName: 'Chirp',
			detail,
		});
		await observer.store().addAudit(entry(START - 40 * DAY, 'old'));
		await observer.store().addAudit(entry(START - 29 * DAY, 'recent'));
		await observer.audit(entry(START, 'now'));
		const left = await observer.store().queryAudit({ workspace: instance });
		expect(left.map((r) => r.detail)).toEqual(['now', 'recent']);
	});
});

describe('store schema', () => {
	it('a store written by schema 1 is migrated: old entries kept, new ones carry the actor', async () => {
		const file = `${tempDir()}/api-connections.sqlite`;
		const fresh = new SqliteConnectionStore(file);
		await fresh.queryAudit({ workspace: 'w' });
		await fresh.close();
		const db = new DatabaseSync(file);
		// Back to schema 1: without migration 2's audit columns and migration 3's error-log and scope columns.
		db.exec(
			'ALTER TABLE audit DROP COLUMN actor; ALTER TABLE audit DROP COLUMN workflow_name; ALTER TABLE audit DROP COLUMN node; ' +
				'ALTER TABLE error_log DROP COLUMN workflow_name; ALTER TABLE error_log DROP COLUMN record_id; ALTER TABLE connections DROP COLUMN scopes; PRAGMA user_version = 1;',
		);
		db.prepare(
			"INSERT INTO audit (at, workspace, family, credential_id, action, service_name) VALUES (1, 'w', 'chirp', 'c1', 'bound', 'Chirp')",
		).run();
		db.close();
		const store = new SqliteConnectionStore(file);
		await store.addAudit({
			at: 2,
			workspace: 'w',
			family: 'chirp',
			credentialId: 'c1',
			action: 'test',
			serviceName: 'Chirp',
			actor: 'user u-1',
		});
		expect(await store.queryAudit({ workspace: 'w' })).toEqual([
			{
				id: 2,
				at: 2,
				workspace: 'w',
				family: 'chirp',
				credentialId: 'c1',
				action: 'test',
				serviceName: 'Chirp',
				actor: 'user u-1',
			},
			{
				id: 1,
				at: 1,
				workspace: 'w',
				family: 'chirp',
				credentialId: 'c1',
				action: 'bound',
				serviceName: 'Chirp',
			},
		]);
		await store.close();
		// Migrations 2 (audit actor and place) and 3 (error-log Action/Record ID, granted scopes) ran in order.
		const migrated = new DatabaseSync(file);
		expect(migrated.prepare('PRAGMA user_version').get()).toEqual({ user_version: 3 });
		const columns = (table: string) =>
			(migrated.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map(
				(c) => c.name,
			);
		expect(columns('audit')).toEqual(expect.arrayContaining(['actor', 'workflow_name', 'node']));
		expect(columns('error_log')).toEqual(expect.arrayContaining(['workflow_name', 'record_id']));
		expect(columns('connections')).toContain('scopes');
		migrated.close();
	});
});
