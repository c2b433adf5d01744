/**
 * The replay store (issue 10, item 6): entries end by time only (no count a flood can use to push a capture
 * out), the SQLite file is shared by processes and survives a restart, a store that cannot be used fails
 * closed (503, the sender retries), and the store follows the environment like the package's other stores.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	defaultReplayFile,
	MemoryReplayStore,
	RedisReplayStore,
	rejectionStatus,
	ReplayStoreError,
	replayStoreFromEnv,
	signPayload,
	SqliteReplayStore,
	verifyWebhookRequest,
	type ReplayStore,
} from '../../../lib/webhooks';
import { createWebhookContext } from '../../helpers/webhook-context';
import { githubScheme } from './schemes';

const folder = mkdtempSync(join(tmpdir(), 'replay-store-'));
let files = 0;
const sqliteFile = () => join(folder, `replay-${++files}.sqlite`);
const T0 = 1_700_000_000_000;

describe.each([
	['memory', () => new MemoryReplayStore() as ReplayStore],
	['sqlite', () => new SqliteReplayStore(sqliteFile()) as ReplayStore],
])('%s replay store', (_name, create) => {
	it('remembers keys until they expire, then accepts them again', async () => {
		const store = create();
		expect(await store.claim(['s\u0000a'], T0 + 1_000, T0)).toBe(true);
		expect(await store.claim(['s\u0000a'], T0 + 2_000, T0 + 999)).toBe(false);
		expect(await store.claim(['s\u0000a'], T0 + 2_000, T0 + 1_000)).toBe(true);
		// The second claim (at 999) recorded nothing: the entry claimed at 1 000 lives until 2 000.
		expect(await store.claim(['s\u0000a'], T0 + 3_000, T0 + 1_999)).toBe(false);
	});

	it('rejects when any one of several keys is live, and then records none of them', async () => {
		const store = create();
		expect(await store.claim(['s\u0000sig-1', 's\u0000id-1'], T0 + 10_000, T0)).toBe(true);
		expect(await store.claim(['s\u0000sig-2', 's\u0000id-1'], T0 + 10_000, T0 + 1)).toBe(false);
		expect(await store.claim(['s\u0000sig-2'], T0 + 10_000, T0 + 2)).toBe(true);
	});

	it('is bounded by time only: 20 000 other entries do not push a live one out', async () => {
		const store = create();
		expect(await store.claim(['victim\u0000sig'], T0 + 300_000, T0)).toBe(true);
		for (let i = 0; i < 20_000; i++) await store.claim([`flood\u0000${i}`], T0 + 300_000, T0 + 1);
		expect(await store.claim(['victim\u0000sig'], T0 + 300_000, T0 + 299_999)).toBe(false);
	}, 60_000);

	it('clear() forgets everything', async () => {
		const store = create();
		await store.claim(['s\u0000a'], T0 + 1_000, T0);
		await store.clear();
		expect(await store.claim(['s\u0000a'], T0 + 1_000, T0)).toBe(true);
	});
});

describe('SqliteReplayStore', () => {
	it('is shared by two processes on one file, and a restart keeps what is still inside its window', async () => {
		const file = sqliteFile();
		const a = new SqliteReplayStore(file);
		const b = new SqliteReplayStore(file);
		expect(await a.claim(['wf:n\u0000sig\u0000x'], T0 + 300_000, T0)).toBe(true);
		expect(await b.claim(['wf:n\u0000sig\u0000x'], T0 + 300_000, T0 + 10)).toBe(false);
		a.close();
		b.close();
		const restarted = new SqliteReplayStore(file);
		expect(await restarted.claim(['wf:n\u0000sig\u0000x'], T0 + 600_000, T0 + 299_999)).toBe(false);
		expect(await restarted.claim(['wf:n\u0000sig\u0000x'], T0 + 600_000, T0 + 300_000)).toBe(true);
		restarted.close();
	});

	it('lives beside the connections store in the n8n user folder', () => {
		expect(defaultReplayFile({ N8N_USER_FOLDER: '/srv/n8n' })).toBe(
			'/srv/n8n/.n8n/api-connections-webhooks.sqlite',
		);
		expect(defaultReplayFile({ N8N_API_CONNECTIONS_SQLITE_FILE: '/data/conn.sqlite' })).toBe(
			'/data/api-connections-webhooks.sqlite',
		);
	});

	it('a file that cannot be opened fails with the path and the fix', async () => {
		const blocker = join(folder, 'not-a-folder');
		writeFileSync(blocker, 'x');
		const store = new SqliteReplayStore(join(blocker, 'replay.sqlite'));
		const error = (await store
			.claim(['k'], T0 + 1, T0)
			.catch((e: unknown) => e)) as ReplayStoreError;
		expect(error).toBeInstanceOf(ReplayStoreError);
		expect(error.message).toMatch(
			/^The webhook replay store .*not-a-folder\/replay\.sqlite cannot be used \(.+\)\. Make sure the n8n user folder is writable, or move the file aside; it is recreated empty\.$/,
		);
	});
});

describe('a store that cannot be used fails closed', () => {
	it('the delivery is not accepted: reason replay-check-failed, answered 503, cause in the n8n log only', async () => {
		const rawBody = Buffer.from('{"ok":true}');
		const secret = 'store-down-secret';
		const broken: ReplayStore = {
			location: '/nowhere/replay.sqlite',
			claim: async () => {
				throw new ReplayStoreError(
					'The webhook replay store /nowhere/replay.sqlite cannot be used (disk I/O error).',
					'/nowhere/replay.sqlite',
				);
			},
			clear: async () => {},
		};
		const fake = createWebhookContext({
			request: { rawBody, headers: signPayload(githubScheme, { rawBody, secret }) },
		});
		const { result } = await verifyWebhookRequest(fake.context, githubScheme, {
			secret,
			replayStore: broken,
		});
		expect(result).toEqual({
			ok: false,
			reason: 'replay-check-failed',
			message:
				'This delivery could not be checked against earlier ones, so it was not accepted; send it again later. The n8n log names the cause.',
		});
		expect(rejectionStatus(result as Extract<typeof result, { ok: false }>)).toBe(503);
		expect(fake.logs).toEqual([
			{
				level: 'error',
				message: 'A webhook delivery could not be checked for replays',
				meta: {
					node: 'API Webhook Trigger',
					error: 'The webhook replay store /nowhere/replay.sqlite cannot be used (disk I/O error).',
				},
			},
		]);
	});
});

describe('replayStoreFromEnv', () => {
	it('SQLite in the n8n user folder by default; Redis in queue mode (without connecting)', () => {
		const plain = replayStoreFromEnv({ N8N_USER_FOLDER: folder });
		expect(plain).toBeInstanceOf(SqliteReplayStore);
		expect(plain.location).toBe(join(folder, '.n8n', 'api-connections-webhooks.sqlite'));
		const queue = replayStoreFromEnv({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: 'redis.internal',
			QUEUE_BULL_REDIS_PORT: '6380',
		});
		expect(queue).toBeInstanceOf(RedisReplayStore);
		expect(queue.location).toBe('redis://redis.internal:6380/0');
	});
});
