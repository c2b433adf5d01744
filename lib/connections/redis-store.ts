/**
 * The connections store of n8n's queue mode: bindings, usage counters, error log and audit trail in the
 * Redis every worker shares, so the one-connection-per-service rule holds across workers (a binding is
 * claimed by one Lua script: of two workers binding at once, exactly one wins) and the Connections node
 * sees every worker's usage. Same contract and answers as `SqliteConnectionStore`.
 *
 * A usage batch is written by one script (all or nothing). When Redis is unreachable the batch is kept
 * (up to `maxUnsentBatches`) and written before the next one, so a short outage loses no counts.
 *
 * Keys (one hash slot in a cluster, through the `{connections}` tag), per workspace `<ws>`:
 * `bind:<ws>` (family → binding), `conn:<ws>` (connection → last facts and totals), `hourly:<ws>` and
 * `hours:<ws>` (hour buckets and their index), `exec:<ws>:<family>:<credential>` (executions by time),
 * `errors:<ws>` and `audit:<ws>` (entries by time, newest first), and the id counters `seq:errors`, `seq:audit`.
 */
import {
	RedisScript,
	RedisUnavailableError,
	type RedisClient,
	type RedisConnection,
} from '../redis/client';
import { auditMatches } from './audit';
import {
	ConnectionStoreError,
	DAY_MS,
	HOUR_MS,
	emptyUsage,
	hourOf,
	type ConnectionStore,
} from './store';
import type {
	AuditRecord,
	Binding,
	ConnectionRef,
	ConnectionRow,
	ErrorRecord,
	LogQuery,
	UsageBatch,
	UsageSummary,
} from './types';

/** How long counters and logs are kept (as the SQLite store). */
const RETENTION = {
	hourlyMs: 8 * DAY_MS,
	executionsMs: 2 * DAY_MS,
	errorsMs: 30 * DAY_MS,
	maxErrors: 10_000,
};

const CLAIM_LUA = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur then return {0, cur} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return {1, ARGV[2]}
`;

const LABEL_LUA = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return 0 end
local b = cjson.decode(cur)
if b.credentialId ~= ARGV[2] then return 0 end
b.accountLabel = ARGV[3]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(b))
return 1
`;

const UNBIND_LUA = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return false end
if ARGV[2] ~= '' and cjson.decode(cur).credentialId ~= ARGV[2] then return false end
redis.call('HDEL', KEYS[1], ARGV[1])
return cur
`;

const AUDIT_LUA = `
local id = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], ARGV[1], string.format('%016d', id) .. '|' .. ARGV[2])
return id
`;

// One usage batch, all or nothing. Key names come in ARGV's JSON and are all declared in KEYS.
const USAGE_LUA = `
local b = cjson.decode(ARGV[1])
local function nz(v) if v == nil or v == cjson.null then return nil end return v end
for _, h in ipairs(b.hourly) do
  redis.call('HINCRBY', h.k, h.f .. '|c', h.calls)
  redis.call('HINCRBY', h.k, h.f .. '|s', h.successes)
  redis.call('HINCRBY', h.k, h.f .. '|f', h.failures)
  redis.call('ZADD', h.z, h.hour, h.f)
end
for _, l in ipairs(b.latest) do
  local cur = redis.call('HGET', l.k, l.f)
  local row = cur and cjson.decode(cur) or {successes = 0, failures = 0}
  row.serviceId = l.serviceId
  row.serviceName = l.serviceName
  row.credentialType = l.credentialType
  row.credentialName = l.credentialName
  row.exclusive = l.exclusive
  row.successes = row.successes + l.successes
  row.failures = row.failures + l.failures
  local prev = nz(row.lastUsedAt) or 0
  if l.lastUsedAt >= prev then
    row.lastStatus = l.lastStatus
    row.lastOk = l.lastOk
  end
  row.lastUsedAt = math.max(prev, l.lastUsedAt)
  if nz(l.tokenExpiresAt) then row.tokenExpiresAt = l.tokenExpiresAt end
  if nz(l.scopes) then row.scopes = l.scopes end
  redis.call('HSET', l.k, l.f, cjson.encode(row))
end
for _, e in ipairs(b.lastErrors) do
  local cur = redis.call('HGET', e.k, e.f)
  if cur then
    local row = cjson.decode(cur)
    if (nz(row.lastErrorAt) or 0) <= e.at then
      row.lastError = e.message
      row.lastErrorAt = e.at
      redis.call('HSET', e.k, e.f, cjson.encode(row))
    end
  end
end
for _, x in ipairs(b.executions) do
  local cur = redis.call('ZSCORE', x.k, x.m)
  if not cur or tonumber(cur) < x.at then redis.call('ZADD', x.k, x.at, x.m) end
end
for _, e in ipairs(b.errors) do
  local id = redis.call('INCR', b.errorSeq)
  redis.call('ZADD', e.k, e.at, string.format('%016d', id) .. '|' .. e.json)
end
if b.now then
  for _, k in ipairs(b.prune.exec) do redis.call('ZREMRANGEBYSCORE', k, '-inf', '(' .. (b.now - b.keep.exec)) end
  for _, k in ipairs(b.prune.errors) do
    redis.call('ZREMRANGEBYSCORE', k, '-inf', '(' .. (b.now - b.keep.errors))
    redis.call('ZREMRANGEBYRANK', k, 0, -(b.keep.maxErrors + 1))
  end
  for _, p in ipairs(b.prune.hourly) do
    local cutoff = '(' .. (b.now - b.keep.hourly)
    for _, f in ipairs(redis.call('ZRANGEBYSCORE', p.z, '-inf', cutoff)) do
      redis.call('HDEL', p.k, f .. '|c', f .. '|s', f .. '|f')
    end
    redis.call('ZREMRANGEBYSCORE', p.z, '-inf', cutoff)
  end
end
return 1
`;

const scripts = {
	claim: new RedisScript(CLAIM_LUA),
	label: new RedisScript(LABEL_LUA),
	unbind: new RedisScript(UNBIND_LUA),
	audit: new RedisScript(AUDIT_LUA),
	usage: new RedisScript(USAGE_LUA),
};

const enc = encodeURIComponent;

interface StoredRow {
	serviceId: string;
	serviceName: string;
	credentialType: string;
	credentialName: string;
	exclusive: boolean;
	successes: number;
	failures: number;
	lastUsedAt?: number | null;
	lastStatus?: number | null;
	lastOk?: boolean | null;
	lastError?: string | null;
	lastErrorAt?: number | null;
	tokenExpiresAt?: number | null;
	scopes?: string | null;
}

export interface RedisConnectionStoreOptions {
	/** Usage batches kept while Redis is unreachable, written once it is back (default 100; the oldest go first). */
	maxUnsentBatches?: number;
}

export class RedisConnectionStore implements ConnectionStore {
	private readonly p: string;
	private unsent: UsageBatch[] = [];
	private readonly maxUnsent: number;

	constructor(
		private readonly redis: RedisConnection,
		options: RedisConnectionStoreOptions = {},
	) {
		this.p = `${redis.prefix}:{connections}`;
		this.maxUnsent = options.maxUnsentBatches ?? 100;
	}

	get location(): string {
		return this.redis.location;
	}

	/** Usage batches waiting for Redis to come back. */
	get unsentBatches(): number {
		return this.unsent.length;
	}

	private key = {
		bind: (ws: string) => `${this.p}:bind:${enc(ws)}`,
		conn: (ws: string) => `${this.p}:conn:${enc(ws)}`,
		hourly: (ws: string) => `${this.p}:hourly:${enc(ws)}`,
		hours: (ws: string) => `${this.p}:hours:${enc(ws)}`,
		exec: (r: ConnectionRef) =>
			`${this.p}:exec:${enc(r.workspace)}:${enc(r.family)}:${enc(r.credentialId)}`,
		errors: (ws: string) => `${this.p}:errors:${enc(ws)}`,
		audit: (ws: string) => `${this.p}:audit:${enc(ws)}`,
		errorSeq: () => `${this.p}:seq:errors`,
		auditSeq: () => `${this.p}:seq:audit`,
	};

	private static field(r: { family: string; credentialId: string }): string {
		return `${enc(r.family)}|${enc(r.credentialId)}`;
	}

	/** Runs a Redis operation; failures become `ConnectionStoreError` naming Redis, the address and the fix. */
	private async use<T>(fn: (client: RedisClient) => Promise<T>, idempotent = true): Promise<T> {
		let failure: unknown;
		try {
			return await this.redis.run(fn, undefined, { idempotent });
		} catch (error) {
			failure = error;
		}
		throw failure instanceof RedisUnavailableError
			? new ConnectionStoreError(failure.reason, this.location, capitalise(failure.fix))
			: failure;
	}

	async getBinding(workspace: string, family: string): Promise<Binding | undefined> {
		const raw = await this.use(async (c) => await c.hget(this.key.bind(workspace), family));
		return raw ? (JSON.parse(raw) as Binding) : undefined;
	}

	async claimBinding(binding: Binding): Promise<{ binding: Binding; created: boolean }> {
		// Sent again after a lost connection, a claim we had in fact won comes back as "already bound to us".
		const [created, raw] = (await this.use(
			async (c) =>
				await scripts.claim.run(
					c,
					[this.key.bind(binding.workspace)],
					[binding.family, JSON.stringify(binding)],
				),
		)) as [number, string];
		return {
			binding: created === 1 ? { ...binding } : (JSON.parse(raw) as Binding),
			created: created === 1,
		};
	}

	async setAccountLabel(ref: ConnectionRef, label: string): Promise<void> {
		await this.use(
			async (c) =>
				await scripts.label.run(
					c,
					[this.key.bind(ref.workspace)],
					[ref.family, ref.credentialId, label],
				),
		);
	}

	async removeBinding(
		workspace: string,
		family: string,
		credentialId?: string,
	): Promise<Binding | undefined> {
		const raw = (await this.use(
			async (c) =>
				await scripts.unbind.run(c, [this.key.bind(workspace)], [family, credentialId ?? '']),
		)) as string | null;
		return raw ? (JSON.parse(raw) as Binding) : undefined;
	}

	async applyUsage(batch: UsageBatch): Promise<void> {
		if (!isEmpty(batch)) this.unsent.push(batch);
		await this.drain();
	}

	/** Writes the waiting batches in order; on an outage keeps them (the newest `maxUnsentBatches`) and throws. */
	private async drain(): Promise<void> {
		while (this.unsent.length > 0) {
			const next = this.unsent[0];
			let failure: unknown;
			try {
				// Not re-sent by the connection layer after a drop mid-command: it might have been applied.
				await this.use(async (c) => await this.writeUsage(c, next), false);
			} catch (error) {
				failure = error;
			}
			if (failure === undefined) {
				this.unsent.shift();
				continue;
			}
			// Kept for later only when Redis could not be reached; a batch Redis refused would be refused again.
			const keep =
				failure instanceof ConnectionStoreError && /is unreachable/.test(failure.message);
			if (!keep) this.unsent.shift();
			while (this.unsent.length > this.maxUnsent) this.unsent.shift();
			throw failure;
		}
	}

	private async writeUsage(client: RedisClient, batch: UsageBatch): Promise<void> {
		const keys = new Set<string>([this.key.errorSeq()]);
		const k = (name: string) => {
			keys.add(name);
			return name;
		};
		const times = [...batch.latest.map((l) => l.lastUsedAt), ...batch.errors.map((e) => e.at)];
		const prune = {
			exec: new Set<string>(),
			errors: new Set<string>(),
			hourly: new Map<string, { k: string; z: string }>(),
		};
		const payload = {
			errorSeq: this.key.errorSeq(),
			now: times.length ? Math.max(...times) : undefined,
			keep: {
				exec: RETENTION.executionsMs,
				errors: RETENTION.errorsMs,
				hourly: RETENTION.hourlyMs,
				maxErrors: RETENTION.maxErrors,
			},
			hourly: batch.hourly.map((h) => {
				const hk = k(this.key.hourly(h.workspace));
				const z = k(this.key.hours(h.workspace));
				prune.hourly.set(hk, { k: hk, z });
				return {
					k: hk,
					z,
					f: `${RedisConnectionStore.field(h)}|${h.hour}`,
					hour: h.hour,
					calls: h.calls,
					successes: h.successes,
					failures: h.failures,
				};
			}),
			latest: batch.latest.map((l) => ({
				k: k(this.key.conn(l.workspace)),
				f: RedisConnectionStore.field(l),
				serviceId: l.serviceId,
				serviceName: l.serviceName,
				credentialType: l.credentialType,
				credentialName: l.credentialName,
				exclusive: l.exclusive,
				successes: l.successes,
				failures: l.failures,
				lastUsedAt: l.lastUsedAt,
				lastStatus: l.lastStatus,
				lastOk: l.lastOk,
				tokenExpiresAt: l.tokenExpiresAt ?? null,
				scopes: l.scopes ?? null,
			})),
			lastErrors: batch.lastErrors.map((e) => ({
				k: k(this.key.conn(e.workspace)),
				f: RedisConnectionStore.field(e),
				at: e.at,
				message: e.message,
			})),
			executions: batch.executions.map((x) => {
				const key = k(this.key.exec(x));
				prune.exec.add(key);
				return { k: key, m: `${enc(x.workflowId)}|${enc(x.executionId)}`, at: x.at };
			}),
			errors: batch.errors.map((e) => {
				const key = k(this.key.errors(e.workspace));
				prune.errors.add(key);
				const { id: _id, ...entry } = e;
				return { k: key, at: e.at, json: JSON.stringify(entry) };
			}),
			prune: {
				exec: [...prune.exec],
				errors: [...prune.errors],
				hourly: [...prune.hourly.values()],
			},
		};
		await scripts.usage.run(client, [...keys], [JSON.stringify(payload)]);
	}

	async usage(ref: ConnectionRef, nowMs: number): Promise<UsageSummary> {
		return await this.use(async (c) => await this.usageOf(c, ref, nowMs));
	}

	private async usageOf(
		client: RedisClient,
		ref: ConnectionRef,
		nowMs: number,
		stored?: StoredRow | null,
	): Promise<UsageSummary> {
		const out = emptyUsage();
		// Hour buckets overlapping the last 24 h: the current hour plus the 23 before it.
		const base = `${RedisConnectionStore.field(ref)}|`;
		const fields: string[] = [];
		for (let i = 0; i < 24; i++) {
			const hour = hourOf(nowMs) - i * HOUR_MS;
			fields.push(`${base}${hour}|c`, `${base}${hour}|s`, `${base}${hour}|f`);
		}
		const values = await client.hmget(this.key.hourly(ref.workspace), ...fields);
		for (let i = 0; i < values.length; i += 3) {
			out.calls24h += Number(values[i] ?? 0);
			out.successes24h += Number(values[i + 1] ?? 0);
			out.failures24h += Number(values[i + 2] ?? 0);
		}
		const row = stored !== undefined ? stored : await this.row(client, ref);
		if (row) {
			out.successesTotal = row.successes;
			out.failuresTotal = row.failures;
			out.lastUsedAt = row.lastUsedAt ?? null;
			out.lastStatus = row.lastStatus ?? null;
			out.lastOk = row.lastOk ?? null;
			out.lastError = row.lastError ?? null;
			out.lastErrorAt = row.lastError ? (row.lastErrorAt ?? null) : null;
			out.tokenExpiresAt = row.tokenExpiresAt ?? null;
			out.grantedScopes = row.scopes ?? null;
		}
		return out;
	}

	private async row(client: RedisClient, ref: ConnectionRef): Promise<StoredRow | null> {
		const raw = await client.hget(this.key.conn(ref.workspace), RedisConnectionStore.field(ref));
		return raw ? (JSON.parse(raw) as StoredRow) : null;
	}

	async listConnections(workspace: string, nowMs: number): Promise<ConnectionRow[]> {
		return await this.use(async (c) => {
			const bindings = Object.values(await c.hgetall(this.key.bind(workspace)))
				.map((raw) => JSON.parse(raw) as Binding)
				.sort((a, b) => compare(a.family, b.family));
			const stored = new Map<string, StoredRow>();
			for (const [field, raw] of Object.entries(await c.hgetall(this.key.conn(workspace))))
				stored.set(field, JSON.parse(raw) as StoredRow);
			const rows: ConnectionRow[] = [];
			for (const b of bindings) {
				const seen = stored.get(RedisConnectionStore.field(b)) ?? null;
				rows.push({
					workspace,
					family: b.family,
					credentialId: b.credentialId,
					serviceId: b.serviceId,
					serviceName: b.serviceName,
					credentialType: b.credentialType,
					credentialName: b.credentialName,
					accountLabel: b.accountLabel,
					boundAt: b.boundAt,
					exclusive: seen ? seen.exclusive : true,
					usage: await this.usageOf(c, b, nowMs, seen),
				});
			}
			const open = [...stored.entries()]
				.filter(([, row]) => !row.exclusive)
				.map(([field, row]) => {
					const [family, credentialId] = field.split('|').map(decodeURIComponent);
					return { ref: { workspace, family, credentialId }, row };
				})
				.sort(
					(a, b) =>
						compare(a.ref.family, b.ref.family) ||
						compare(a.row.credentialName, b.row.credentialName),
				);
			for (const { ref, row } of open) {
				rows.push({
					...ref,
					serviceId: row.serviceId,
					serviceName: row.serviceName,
					credentialType: row.credentialType,
					credentialName: row.credentialName,
					accountLabel: null,
					boundAt: null,
					exclusive: false,
					usage: await this.usageOf(c, ref, nowMs, row),
				});
			}
			return rows;
		});
	}

	async recentExecutions(
		ref: ConnectionRef,
		sinceMs: number,
	): Promise<{ count: number; workflowIds: string[]; lastAt: number | null }> {
		const flat = await this.use(
			async (c) =>
				await c.zrevrangebyscore(this.key.exec(ref), '+inf', String(sinceMs), 'WITHSCORES'),
		);
		const workflowIds: string[] = [];
		for (let i = 0; i < flat.length; i += 2)
			workflowIds.push(decodeURIComponent(flat[i].split('|')[0]));
		return {
			count: flat.length / 2,
			workflowIds: [...new Set(workflowIds)],
			lastAt: flat.length ? Number(flat[1]) : null,
		};
	}

	async addAudit(record: AuditRecord): Promise<void> {
		const { id: _id, ...rest } = record;
		await this.use(
			async (c) =>
				await scripts.audit.run(
					c,
					[this.key.audit(record.workspace), this.key.auditSeq()],
					[String(record.at), JSON.stringify(rest)],
				),
			false,
		);
	}

	async queryAudit(query: LogQuery): Promise<AuditRecord[]> {
		return await this.query<AuditRecord>(this.key.audit(query.workspace), query, (r) =>
			auditMatches(r, query),
		);
	}

	async pruneAudit(workspace: string, beforeMs: number): Promise<number> {
		return await this.use(
			async (c) => await c.zremrangebyscore(this.key.audit(workspace), '-inf', `(${beforeMs}`),
			false,
		);
	}

	async hourlyUsage(
		ref: ConnectionRef,
		sinceMs: number,
		untilMs: number,
	): Promise<Array<{ hour: number; calls: number; successes: number; failures: number }>> {
		const base = `${RedisConnectionStore.field(ref)}|`;
		const hours: number[] = [];
		for (let hour = hourOf(sinceMs); hour <= untilMs; hour += HOUR_MS) hours.push(hour);
		if (!hours.length) return [];
		const values = await this.use(
			async (c) =>
				await c.hmget(
					this.key.hourly(ref.workspace),
					...hours.flatMap((h) => [`${base}${h}|c`, `${base}${h}|s`, `${base}${h}|f`]),
				),
		);
		return hours
			.map((hour, i) => ({
				hour,
				calls: Number(values[i * 3] ?? 0),
				successes: Number(values[i * 3 + 1] ?? 0),
				failures: Number(values[i * 3 + 2] ?? 0),
			}))
			.filter((h) => h.calls || h.successes || h.failures);
	}

	async queryErrors(query: LogQuery): Promise<ErrorRecord[]> {
		return await this.query<ErrorRecord>(this.key.errors(query.workspace), query);
	}

	/** Newest first (by time, then id), filtered by service type, at most `limit` (default 1000). */
	private async query<T extends { id?: number; family: string }>(
		key: string,
		q: LogQuery,
		keep: (record: T) => boolean = () => true,
	): Promise<T[]> {
		const limit = q.limit && q.limit > 0 ? Math.floor(q.limit) : 1000;
		const families = q.families?.length ? new Set(q.families) : undefined;
		const max = q.untilMs !== undefined ? String(q.untilMs) : '+inf';
		const min = q.sinceMs !== undefined ? String(q.sinceMs) : '-inf';
		return await this.use(async (c) => {
			const out: T[] = [];
			const filtered = families || q.actions?.length || q.actor?.trim();
			const page = filtered ? Math.max(100, limit * 2) : limit;
			for (let offset = 0; out.length < limit; offset += page) {
				const members = await c.zrevrangebyscore(key, max, min, 'LIMIT', offset, page);
				for (const member of members) {
					const bar = member.indexOf('|');
					const record = {
						id: Number(member.slice(0, bar)),
						...(JSON.parse(member.slice(bar + 1)) as Omit<T, 'id'>),
					} as T;
					if (families && !families.has(record.family)) continue;
					if (!keep(record)) continue;
					out.push(record);
					if (out.length >= limit) break;
				}
				if (members.length < page) break;
			}
			return out;
		});
	}

	/** Writes usage batches still waiting for Redis (best effort); the connection itself is shared and stays open. */
	async close(): Promise<void> {
		await this.drain().catch(() => {});
	}
}

function isEmpty(b: UsageBatch): boolean {
	return (
		!b.hourly.length &&
		!b.latest.length &&
		!b.executions.length &&
		!b.errors.length &&
		!b.lastErrors.length
	);
}

/** Byte order, as SQLite's default collation sorts the SQLite store's rows. */
function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
