/**
 * Remembers accepted deliveries (their signatures and delivery ids) for as long as a repeat of them could
 * still pass verification, so a replay inside that time is rejected. Entries end by time only: there is no
 * count limit that a flood of other deliveries could use to push a capture out early (and only correctly
 * signed deliveries are ever recorded, so the volume is the sender's real traffic).
 *
 * Where the memory lives follows the other stores of this package: Redis in queue mode (shared by every
 * webhook process and worker), otherwise an SQLite file in the n8n user folder (shared by the processes of
 * one instance, and kept across a restart). Keys are hashed before they are stored.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { defaultStorePath } from '../connections/sqlite-store';
import { RedisScript, type RedisConnection } from '../redis/client';
import { redisFromEnv } from '../redis/select';

export interface ReplayStore {
	/** Where the entries live, for messages (a path or a Redis address, never a password). */
	readonly location: string;
	/**
	 * In one atomic step: false when any of `keys` is still remembered at `now` (a repeat; nothing is
	 * recorded), else records every key until `expiresAt` (ms) and returns true.
	 */
	claim(keys: readonly string[], expiresAt: number, now: number): Promise<boolean>;
	/** Forgets everything (tests). */
	clear(): Promise<void>;
}

/** The store could not be read or written: the delivery cannot be checked, so it is not accepted. */
export class ReplayStoreError extends Error {
	constructor(
		message: string,
		readonly location: string,
	) {
		super(message);
		this.name = 'ReplayStoreError';
	}
}

const hashed = (key: string) => createHash('sha256').update(key, 'utf8').digest('base64url');

/** In memory, for one process (tests, or callers that bring their own store). */
export class MemoryReplayStore implements ReplayStore {
	readonly location = 'memory';
	private readonly entries = new Map<string, number>();
	private claims = 0;

	get size(): number {
		return this.entries.size;
	}

	async claim(keys: readonly string[], expiresAt: number, now: number): Promise<boolean> {
		// Expired entries are dropped now and then, so memory follows the traffic of the window.
		if (++this.claims % 1000 === 0)
			for (const [k, until] of this.entries) if (until <= now) this.entries.delete(k);
		if (keys.some((key) => (this.entries.get(key) ?? 0) > now)) return false;
		if (expiresAt > now) for (const key of keys) this.entries.set(key, expiresAt);
		return true;
	}

	async clear(): Promise<void> {
		this.entries.clear();
	}
}

export const REPLAY_FILE_NAME = 'api-connections-webhooks.sqlite';

/** Beside the connections store: `<n8n user folder>/.n8n/api-connections-webhooks.sqlite`. */
export function defaultReplayFile(env: NodeJS.ProcessEnv = process.env): string {
	return join(dirname(defaultStorePath(env)), REPLAY_FILE_NAME);
}

/**
 * The webhooks' SQLite file (replay memory, renewal list), opened for sharing by the processes of an instance:
 * WAL, a busy timeout, readable by its owner only; `schema` creates the caller's table if missing.
 */
export function openWebhooksFile(location: string, schema: string): DatabaseSync {
	mkdirSync(dirname(location), { recursive: true });
	const { DatabaseSync: Database } = require('node:sqlite') as typeof import('node:sqlite');
	const db = new Database(location);
	db.exec('PRAGMA busy_timeout = 5000');
	db.exec('PRAGMA journal_mode = WAL');
	db.exec('PRAGMA synchronous = NORMAL');
	db.exec(schema);
	try {
		chmodSync(location, 0o600);
	} catch {
		// not ours to fix (a file owned by another user that we can still write)
	}
	return db;
}

/** One SQLite file shared by the processes of an instance (WAL, busy timeout); kept across restarts. */
export class SqliteReplayStore implements ReplayStore {
	private handle: DatabaseSync | undefined;
	private lastPruneAt = 0;
	/** Prepared once per connection (a delivery's claim is on every webhook's path): the lookup by key count. */
	private readonly lookups = new Map<number, StatementSync>();
	private insert: StatementSync | undefined;

	constructor(readonly location: string = defaultReplayFile()) {}

	async claim(keys: readonly string[], expiresAt: number, now: number): Promise<boolean> {
		const db = this.open();
		const hashes = keys.map(hashed);
		let outcome: { fresh: boolean } | { error: unknown };
		try {
			// IMMEDIATE takes the write lock first, so two processes cannot both see "not seen yet".
			db.exec('BEGIN IMMEDIATE');
			const seen = this.lookup(db, hashes.length).get(...hashes, now);
			if (!seen && expiresAt > now) {
				this.insert ??= db.prepare(
					'INSERT INTO seen (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at',
				);
				for (const key of hashes) this.insert.run(key, expiresAt);
			}
			if (now - this.lastPruneAt > 60_000) {
				db.prepare('DELETE FROM seen WHERE expires_at <= ?').run(now);
				this.lastPruneAt = now;
			}
			db.exec('COMMIT');
			outcome = { fresh: !seen };
		} catch (error) {
			outcome = { error };
			try {
				if (db.isTransaction) db.exec('ROLLBACK');
			} catch {
				// the connection is unusable; the next claim reports it
			}
		}
		if ('error' in outcome) throw this.describe(outcome.error);
		return outcome.fresh;
	}

	async clear(): Promise<void> {
		this.open().exec('DELETE FROM seen');
	}

	close(): void {
		this.lookups.clear();
		this.insert = undefined;
		this.handle?.close();
		this.handle = undefined;
	}

	private lookup(db: DatabaseSync, keys: number): StatementSync {
		let statement = this.lookups.get(keys);
		if (!statement) {
			statement = db.prepare(
				`SELECT 1 FROM seen WHERE key IN (${Array.from({ length: keys }, () => '?').join(',')}) AND expires_at > ? LIMIT 1`,
			);
			this.lookups.set(keys, statement);
		}
		return statement;
	}

	private open(): DatabaseSync {
		if (this.handle) return this.handle;
		try {
			this.handle = openWebhooksFile(
				this.location,
				'CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID',
			);
			return this.handle;
		} catch (error) {
			throw this.describe(error);
		}
	}

	private describe(error: unknown): ReplayStoreError {
		const cause = (error as Error)?.message ?? String(error);
		return new ReplayStoreError(
			`The webhook replay store ${this.location} cannot be used (${cause}). Make sure the n8n user folder is writable, or move the file aside; it is recreated empty.`,
			this.location,
		);
	}
}

/** Checks every key and sets them all in one script, so two workers cannot both accept the same delivery. */
const CLAIM_LUA = `
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], '1', 'PX', ARGV[1])
end
return 1
`;

/** Queue mode: one memory for every webhook process and worker; Redis expires the entries itself. */
export class RedisReplayStore implements ReplayStore {
	private readonly script = new RedisScript(CLAIM_LUA);

	constructor(private readonly redis: RedisConnection) {}

	get location(): string {
		return this.redis.location;
	}

	/** `<prefix>:replay:{<scope hash>}:<key hash>`; the caller's keys start with their scope, which becomes the hash tag (one cluster slot per trigger). */
	private redisKey(key: string): string {
		const scope = key.slice(0, Math.max(0, key.indexOf('\u0000')));
		return `${this.redis.prefix}:replay:{${hashed(scope)}}:${hashed(key)}`;
	}

	async claim(keys: readonly string[], expiresAt: number, now: number): Promise<boolean> {
		const ttl = Math.ceil(expiresAt - now);
		try {
			if (ttl <= 0) {
				const live = await this.redis.run(
					async (c) => await c.exists(...keys.map((k) => this.redisKey(k))),
				);
				return live === 0;
			}
			const claimed = await this.redis.run(
				async (c) =>
					await this.script.run(
						c,
						keys.map((k) => this.redisKey(k)),
						[ttl],
					),
			);
			return Number(claimed) === 1;
		} catch (error) {
			throw this.describe(error);
		}
	}

	private describe(error: unknown): ReplayStoreError {
		return new ReplayStoreError(
			`The webhook replay store at ${this.location} cannot be used: ${(error as Error)?.message ?? String(error)}`,
			this.location,
		);
	}

	async clear(): Promise<void> {
		await this.redis.run(async (c) => {
			const keys = await c.keys(`${this.redis.prefix}:replay:*`);
			if (keys.length > 0) await c.del(...keys);
		});
	}
}

/** Redis in queue mode (or with the package's Redis URL), else the SQLite file in the n8n user folder. */
export function replayStoreFromEnv(env: NodeJS.ProcessEnv = process.env): ReplayStore {
	const redis = redisFromEnv(env);
	return redis ? new RedisReplayStore(redis) : new SqliteReplayStore(defaultReplayFile(env));
}

let shared: ReplayStore | undefined;

/** The process's store, chosen from the environment on first use. */
export function sharedReplayStore(): ReplayStore {
	shared ??= replayStoreFromEnv();
	return shared;
}
