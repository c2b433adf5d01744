/**
 * Webhook registrations that expire unless renewed (a spec's `webhook.renewal`): a trigger records its
 * registration here on activation and removes it on deactivation; the Connections Monitor renews the ones due
 * (lib/connections/renewal-subscriptions.ts). A record holds names and ids, and a secret only sealed: the
 * service, the trigger (workflow, node, production or test), the credential that registered it, the hook id,
 * the values the renewal path needs, and when it expires; a registration renewed by replacing it (a watch
 * channel) also keeps the registered URL, the trigger's secret sealed with n8n's key (the replacement carries
 * it), and the replaced registrations not stopped yet.
 *
 * Where the records live follows the replay store: Redis in queue mode, otherwise a table in the same SQLite
 * file in the n8n user folder (shared by the processes of one instance, kept across restarts).
 */
import type { DatabaseSync } from 'node:sqlite';

import type { RedisConnection } from '../redis/client';
import { redisFromEnv } from '../redis/select';
import { defaultReplayFile, openWebhooksFile } from './replay-store';

export interface SubscriptionRecord {
	/** `<workflow id>:<node id>:<production|test>`: one registration per trigger activation. */
	key: string;
	serviceId: string;
	workflowId: string;
	nodeName: string;
	credentialType: string;
	/** The n8n credential id that registered it (the monitor renews it with that credential). */
	credentialId: string;
	credentialName: string;
	hookId: string;
	/** The trigger state's `data` values the renewal path may name (e.g. a base id); no secret. */
	values: Record<string, string>;
	/** Epoch ms when the registration lapses unless renewed. */
	expiresAt: number;
	/** `replace` renewals: the URL the registration delivers to. */
	address?: string;
	/** `replace` renewals: the trigger's secret, sealed like the trigger state's (lib/triggers/secrets.ts). */
	sealedSecret?: string;
	/** `replace` renewals: replaced registrations whose stop has not succeeded yet (their deliveries still verify). */
	retiring?: Array<{ hookId: string; values: Record<string, string> }>;
}

/** The registry cannot be read or written; the message names the file and the fix. */
export class SubscriptionRegistryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SubscriptionRegistryError';
	}
}

export interface SubscriptionRegistry {
	readonly location: string;
	put(record: SubscriptionRecord): Promise<void>;
	remove(key: string): Promise<void>;
	list(): Promise<SubscriptionRecord[]>;
	clear(): Promise<void>;
}

export class MemorySubscriptionRegistry implements SubscriptionRegistry {
	readonly location = 'memory';
	private readonly records = new Map<string, SubscriptionRecord>();

	async put(record: SubscriptionRecord): Promise<void> {
		this.records.set(record.key, structuredClone(record));
	}

	async remove(key: string): Promise<void> {
		this.records.delete(key);
	}

	async list(): Promise<SubscriptionRecord[]> {
		return [...this.records.values()].map((r) => structuredClone(r));
	}

	async clear(): Promise<void> {
		this.records.clear();
	}
}

export class SqliteSubscriptionRegistry implements SubscriptionRegistry {
	private handle: DatabaseSync | undefined;

	constructor(readonly location: string = defaultReplayFile()) {}

	async put(record: SubscriptionRecord): Promise<void> {
		this.open()
			.prepare(
				'INSERT INTO subscriptions (key, record) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET record = excluded.record',
			)
			.run(record.key, JSON.stringify(record));
	}

	async remove(key: string): Promise<void> {
		this.open().prepare('DELETE FROM subscriptions WHERE key = ?').run(key);
	}

	async list(): Promise<SubscriptionRecord[]> {
		const rows = this.open()
			.prepare('SELECT record FROM subscriptions ORDER BY key')
			.all() as Array<{
			record: string;
		}>;
		return rows.map((r) => JSON.parse(r.record) as SubscriptionRecord);
	}

	async clear(): Promise<void> {
		this.open().exec('DELETE FROM subscriptions');
	}

	close(): void {
		this.handle?.close();
		this.handle = undefined;
	}

	private describe(error: unknown): SubscriptionRegistryError {
		return new SubscriptionRegistryError(
			`The webhook subscription list ${this.location} cannot be used (${(error as Error)?.message ?? String(error)}). Make sure the n8n user folder is writable.`,
		);
	}

	private open(): DatabaseSync {
		if (this.handle) return this.handle;
		try {
			this.handle = openWebhooksFile(
				this.location,
				'CREATE TABLE IF NOT EXISTS subscriptions (key TEXT PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID',
			);
			return this.handle;
		} catch (error) {
			throw this.describe(error);
		}
	}
}

/** Queue mode: one hash for every process (`<prefix>:subscriptions`, field = record key). */
export class RedisSubscriptionRegistry implements SubscriptionRegistry {
	constructor(private readonly redis: RedisConnection) {}

	get location(): string {
		return this.redis.location;
	}

	private get hash(): string {
		return `${this.redis.prefix}:subscriptions`;
	}

	async put(record: SubscriptionRecord): Promise<void> {
		await this.redis.run(async (c) => await c.hset(this.hash, record.key, JSON.stringify(record)));
	}

	async remove(key: string): Promise<void> {
		await this.redis.run(async (c) => await c.hdel(this.hash, key));
	}

	async list(): Promise<SubscriptionRecord[]> {
		const all = await this.redis.run(async (c) => await c.hgetall(this.hash));
		return Object.keys(all)
			.sort()
			.map((k) => JSON.parse(all[k]) as SubscriptionRecord);
	}

	async clear(): Promise<void> {
		await this.redis.run(async (c) => await c.del(this.hash));
	}
}

let shared: SubscriptionRegistry | undefined;

/** The process's registry, chosen from the environment on first use (Redis in queue mode, else SQLite). */
export function sharedSubscriptions(env: NodeJS.ProcessEnv = process.env): SubscriptionRegistry {
	if (!shared) {
		const redis = redisFromEnv(env);
		shared = redis
			? new RedisSubscriptionRegistry(redis)
			: new SqliteSubscriptionRegistry(defaultReplayFile(env));
	}
	return shared;
}

/** Replace the process's registry (tests); undefined: chosen from the environment again on next use. */
export function useSubscriptions(registry: SubscriptionRegistry | undefined): void {
	shared = registry;
}
