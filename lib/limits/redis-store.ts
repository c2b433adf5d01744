/**
 * The budget store of n8n's queue mode: every worker shares one budget per (service, connection) through
 * Redis. Each method is one Lua script, so a check-and-take is atomic across workers (no two can take the
 * last slot). The script is `MemoryBudgetStore` line by line (same modes, same server-report rules, same
 * answers; `test/queue/` runs the same cases and a random differential run against both), with two additions
 * a shared store needs:
 *
 * - **Leases.** A request in flight holds a lease that expires (`leaseMs`, renewed while the request runs),
 *   so a worker that crashes mid-request frees its concurrency slots by itself. Released, a request's place in
 *   the sliding log moves to when it reached the server at the latest (as in memory).
 * - **Turns.** With a concurrency cap, a worker whose waiters were denied queues up in Redis; a freed slot
 *   goes to the worker that has waited longest, so a busy worker that frees and retakes its own slots
 *   cannot starve the others.
 *
 * Times are the callers' (`nowMs`), as in memory: workers' clocks should agree (NTP) to well under a window.
 * Per budget, the keys are `<prefix>:b:{<key>}` and its `:log`, `:ph`, `:gr`, `:lease`, `:wait`, `:seen`
 * (one hash slot per budget in a cluster); all expire once idle long enough to have no effect.
 */
import { randomUUID } from 'node:crypto';

import { RedisScript, type RedisConnection } from '../redis/client';
import { systemClock, type Clock } from './clock';
import type { LearnedLimitStore } from './learned';
import { RedisLearnedLimitStore } from './learned-redis';
import { maxPauseOf, type RateLimitPolicy } from './policy';
import type { AcquireResult, BudgetObservation, BudgetSnapshot, BudgetStore } from './store';

export interface RedisBudgetStoreOptions {
	/** Clock of lease renewals and pauses (the limiter's; default real time). */
	clock?: Clock;
	/** A request's concurrency slot is freed this long after its worker was last heard of (default 30 s). */
	leaseMs?: number;
	/** How often a waiter re-checks a concurrency slot another worker may have freed (default 25 ms). */
	concurrencyRecheckMs?: number;
	/** Longest sleep of any waiter between checks, since other workers can realign the window (default 1 s). */
	maxSleepMs?: number;
	/** This process's id in the turn queue (default random). */
	processId?: string;
}

const BUDGET_LUA = `
local H, LOG, PH, GR, LEASE, WAIT, SEEN = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local op = ARGV[1]
local now = tonumber(ARGV[2])
local function num(v) if v == nil or v == false or v == '' then return nil end return tonumber(v) end
local function fmt(n) return string.format('%.17g', n) end

-- A request's place in the sliding log moves to when it reached the server at the latest (never earlier).
local function place(seq, arrived)
  local cur = num(redis.call('ZSCORE', LOG, seq))
  if cur == nil or arrived > cur then
    redis.call('ZADD', LOG, fmt(arrived), seq)
    local ttl = redis.call('PTTL', H)
    if ttl > 0 then redis.call('PEXPIRE', LOG, ttl) end
  end
end

if op == 'sent' then
  -- Left while still in flight.
  local seq, arrived = ARGV[3], num(ARGV[4])
  if redis.call('ZSCORE', LEASE, seq) and arrived then place(seq, arrived) end
  return 1
end

if op == 'release' then
  local seq = ARGV[3]
  local arrived = num(ARGV[4])
  if seq == '' then
    local first = redis.call('ZRANGE', LEASE, 0, 0)
    seq = first[1]
  end
  -- Answered.
  if seq and redis.call('ZREM', LEASE, seq) == 1 and arrived then place(seq, arrived) end
  return 1
end

if op == 'pause' then
  local at = tonumber(ARGV[3])
  local cur = num(redis.call('HGET', H, 'paused')) or 0
  if at > cur then redis.call('HSET', H, 'paused', fmt(at)) end
  redis.call('HSETNX', H, 'seq', 0)
  local ttl = math.max(at - now, 0) + tonumber(ARGV[4])
  local cur_ttl = redis.call('PTTL', H)
  if cur_ttl < ttl then redis.call('PEXPIRE', H, math.ceil(ttl)) end
  return 1
end

local requests = tonumber(ARGV[3])
local windowMs = tonumber(ARGV[4])
local maxConc = num(ARGV[5])
local burst = num(ARGV[6])
local leaseMs = tonumber(ARGV[7])
local pid = ARGV[8]
local staleMs = tonumber(ARGV[9])
local maxPause = tonumber(ARGV[10])
local rate = requests / windowMs
-- The points this request takes (bucket mode only; a cost-based budget), at most the bucket.
local take = 1
if op == 'acquire' and burst and num(ARGV[11]) then take = math.min(num(ARGV[11]), burst) end

local existed = redis.call('EXISTS', H) == 1
if op == 'snapshot' and not existed then return nil end

local h = {}
local raw = redis.call('HGETALL', H)
for i = 1, #raw, 2 do h[raw[i]] = raw[i + 1] end
local seq = num(h.seq) or 0
local paused = num(h.paused) or 0
local tokens = num(h.tokens)
local tokAt = num(h.tokAt) or 0
local corr = num(h.corr) or 0
local phN = num(h.phN) or 0
local wEnd = num(h.wEnd)
local wLimit = num(h.wLimit) or requests
local wOurs = num(h.wOurs) or 0
local wExt = num(h.wExt) or 0
local wAssumed = h.wAssumed == '1'

-- Bring the state forward to now: old grants age out, leases expire, the bucket refills, the window rolls.
-- A pause or window end beyond the ceiling (recorded before it existed) is brought within it, once.
paused = math.min(paused, now + maxPause)
if wEnd then wEnd = math.min(wEnd, now + maxPause) end
local since = now - windowMs
redis.call('ZREMRANGEBYSCORE', LOG, '-inf', fmt(since))
redis.call('ZREMRANGEBYSCORE', PH, '-inf', fmt(since))
redis.call('ZREMRANGEBYSCORE', LEASE, '-inf', fmt(now))
if burst then
  if tokens == nil then tokens = burst else tokens = math.min(burst, tokens + (now - tokAt) * rate) end
  tokAt = now
end
if wEnd and now >= wEnd then
  wEnd = wEnd + (math.floor((now - wEnd) / windowMs) + 1) * windowMs
  wOurs = 0
  wExt = 0
  wAssumed = true
end

local function save()
  redis.call('HSET', H, 'seq', seq, 'paused', fmt(paused), 'tokAt', fmt(tokAt), 'corr', fmt(corr), 'phN', phN)
  if tokens then redis.call('HSET', H, 'tokens', fmt(tokens)) else redis.call('HDEL', H, 'tokens') end
  if wEnd then
    redis.call('HSET', H, 'wEnd', fmt(wEnd), 'wLimit', fmt(wLimit), 'wOurs', wOurs, 'wExt', fmt(wExt), 'wAssumed', wAssumed and '1' or '0')
  else
    redis.call('HDEL', H, 'wEnd', 'wLimit', 'wOurs', 'wExt', 'wAssumed')
  end
  -- Idle keys vanish once they can no longer matter (a window, a pause, a lease, a bucket refill).
  local ttl = math.max(2 * windowMs, 2 * leaseMs, paused - now + windowMs, 2 * staleMs)
  if wEnd then ttl = math.max(ttl, wEnd - now + windowMs) end
  if burst then ttl = math.max(ttl, burst / rate + windowMs) end
  ttl = math.ceil(ttl + 60000)
  for _, k in ipairs(KEYS) do redis.call('PEXPIRE', k, ttl) end
end

-- When the next request may start by budget alone (nil: now).
local function nextSlot()
  if wEnd then
    if wOurs + wExt >= wLimit then return wEnd end
    return nil
  end
  if burst then
    if tokens >= take - 1e-9 then return nil end
    return now + math.ceil((take - tokens) / rate)
  end
  local capacity = math.max(1, requests)
  local nlog = redis.call('ZCARD', LOG)
  local nph = redis.call('ZCARD', PH)
  if nlog + nph < capacity then return nil end
  local idx = nlog + nph - capacity
  if nph == 0 then return tonumber(redis.call('ZRANGE', LOG, idx, idx, 'WITHSCORES')[2]) + windowMs end
  if nlog == 0 then return tonumber(redis.call('ZRANGE', PH, idx, idx, 'WITHSCORES')[2]) + windowMs end
  local a = redis.call('ZRANGE', LOG, 0, idx, 'WITHSCORES')
  local b = redis.call('ZRANGE', PH, 0, idx, 'WITHSCORES')
  local i, j, v = 2, 2, nil
  for _ = 0, idx do
    local x, y = tonumber(a[i]), tonumber(b[j])
    if y == nil or (x ~= nil and x <= y) then v = x; i = i + 2 else v = y; j = j + 2 end
  end
  return v + windowMs
end

if op == 'acquire' then
  if now < paused then save(); return {'paused', fmt(paused)} end
  if maxConc then
    for _, m in ipairs(redis.call('ZRANGEBYSCORE', SEEN, '-inf', fmt(now - staleMs))) do
      redis.call('ZREM', WAIT, m)
      redis.call('ZREM', SEEN, m)
    end
    local free = maxConc - redis.call('ZCARD', LEASE)
    local rank = redis.call('ZRANK', WAIT, pid)
    local ahead = rank or redis.call('ZCARD', WAIT)
    if free <= 0 or ahead >= free then
      if not rank then redis.call('ZADD', WAIT, fmt(now), pid) end
      redis.call('ZADD', SEEN, fmt(now), pid)
      save()
      return {'concurrency', ''}
    end
    if rank then
      redis.call('ZREM', WAIT, pid)
      redis.call('ZREM', SEEN, pid)
    end
  end
  local slot = nextSlot()
  if slot then save(); return {'window', fmt(slot)} end
  seq = seq + 1
  if wEnd then
    wOurs = wOurs + 1
  elseif burst then
    tokens = tokens - take
    redis.call('HSET', GR, seq, fmt(tokens) .. ' ' .. fmt(corr))
    redis.call('HDEL', GR, seq - 1000)
  end
  redis.call('ZADD', LOG, fmt(now), seq)
  redis.call('ZADD', LEASE, fmt(now + leaseMs), seq)
  save()
  return {'granted', tostring(seq)}
end

if op == 'observe' then
  local pauseUntil, remaining, limit, resetAt, oseq = num(ARGV[11]), num(ARGV[12]), num(ARGV[13]), num(ARGV[14]), num(ARGV[15])
  local refund = num(ARGV[16])
  if pauseUntil then paused = math.max(paused, pauseUntil) end
  -- The request cost less than was taken for it (or nothing, when refused): those points come back, once.
  -- A correction upwards: grants made before it was known compare with the server net of it.
  if burst and refund and refund > 0 then
    tokens = math.min(burst, tokens + refund)
    corr = corr - refund
  end
  if remaining == nil then save(); return 1 end
  -- Grants made after the observed request may not have reached the server yet: count them as still to come.
  local after = 0
  if oseq then after = math.max(0, seq - oseq) end
  if resetAt then
    if resetAt <= now then save(); return 1 end
    local tolerance = math.min(1000, windowMs / 4)
    if not wEnd then
      wEnd = resetAt
      wLimit = limit or requests
      wOurs = redis.call('ZCARD', LOG)
      wExt = 0
      wAssumed = false
    elseif wAssumed or resetAt > wEnd + tolerance then
      wEnd = resetAt
      wAssumed = false
    elseif resetAt < wEnd - tolerance then
      save()
      return 1
    else
      wEnd = math.max(wEnd, resetAt)
    end
  end
  if wEnd then
    if limit then wLimit = limit end
    wExt = math.max(wExt, wLimit - remaining - math.max(0, wOurs - after))
  elseif burst then
    local g = false
    if oseq then g = redis.call('HGET', GR, oseq) end
    if not g then
      tokens = math.min(tokens, remaining - after)
    else
      local sp = string.find(g, ' ')
      local gTokens, gCorr = tonumber(string.sub(g, 1, sp - 1)), tonumber(string.sub(g, sp + 1))
      local deficit = math.floor(gTokens + 1e-9) - remaining - (corr - gCorr)
      if deficit > 0 then
        tokens = tokens - deficit
        corr = corr + deficit
      end
    end
  else
    local wanted = requests - remaining - math.max(0, redis.call('ZCARD', LOG) - after)
    local nph = redis.call('ZCARD', PH)
    while nph < wanted do
      phN = phN + 1
      redis.call('ZADD', PH, fmt(now), 'p' .. phN)
      nph = nph + 1
    end
  end
  save()
  return 1
end

if op == 'snapshot' then
  local mode, limit, remaining, resetAt = 'sliding', requests, 0, nil
  if wEnd then
    mode = 'window'
    limit = wLimit
    remaining = wLimit - wOurs - wExt
    resetAt = wEnd
  elseif burst then
    mode = 'bucket'
    remaining = math.floor(tokens)
    local missing = burst - tokens
    if missing > 0 then resetAt = now + math.ceil(missing / rate) end
  else
    local nlog, nph = redis.call('ZCARD', LOG), redis.call('ZCARD', PH)
    remaining = requests - nlog - nph
    local last = nil
    for _, k in ipairs({LOG, PH}) do
      local top = redis.call('ZRANGE', k, -1, -1, 'WITHSCORES')
      if top[2] and (last == nil or tonumber(top[2]) > last) then last = tonumber(top[2]) end
    end
    if last then resetAt = last + windowMs end
  end
  local slot = nextSlot()
  local inFlight = redis.call('ZCARD', LEASE)
  save()
  return {mode, fmt(limit), fmt(math.max(0, remaining)), slot and fmt(slot) or '', resetAt and fmt(resetAt) or '', paused > now and fmt(paused) or '', tostring(inFlight), tostring(seq)}
end

return redis.error_reply('unknown operation ' .. tostring(op))
`;

const script = new RedisScript(BUDGET_LUA);

const opt = (n: number | undefined): string => (n === undefined ? '' : String(n));
const numOrNull = (s: string): number | null => (s === '' ? null : Number(s));

/** A `BudgetStore` shared by every process connected to the same Redis. */
export class RedisBudgetStore implements BudgetStore {
	readonly recheck: { concurrencyMs: number; maxSleepMs: number };
	readonly processId: string;
	/** Limits learned from 429s, shared by every worker like the budgets. */
	readonly learned: LearnedLimitStore;
	private readonly clock: Clock;
	private readonly leaseMs: number;
	/** Leases this process holds, per key, renewed while their requests run. */
	private readonly held = new Map<string, Set<number>>();
	private renewTimer: ReturnType<typeof setInterval> | undefined;

	constructor(
		private readonly redis: RedisConnection,
		options: RedisBudgetStoreOptions = {},
	) {
		this.clock = options.clock ?? systemClock;
		this.leaseMs = options.leaseMs ?? 30_000;
		this.processId = options.processId ?? randomUUID();
		this.learned = new RedisLearnedLimitStore(redis);
		this.recheck = {
			concurrencyMs: options.concurrencyRecheckMs ?? 25,
			maxSleepMs: options.maxSleepMs ?? 1000,
		};
	}

	/** Where the budgets live, for messages. */
	get location(): string {
		return this.redis.location;
	}

	private keys(key: string): string[] {
		const base = `${this.redis.prefix}:b:{${key}}`;
		return [
			base,
			`${base}:log`,
			`${base}:ph`,
			`${base}:gr`,
			`${base}:lease`,
			`${base}:wait`,
			`${base}:seen`,
		];
	}

	private policyArgs(op: string, policy: RateLimitPolicy, nowMs: number): string[] {
		return [
			op,
			String(nowMs),
			String(policy.requests),
			String(policy.windowMs),
			opt(policy.maxConcurrency),
			opt(policy.burst),
			String(this.leaseMs),
			this.processId,
			String(Math.max(1000, 10 * this.recheck.concurrencyMs)),
			String(maxPauseOf(policy)),
		];
	}

	/**
	 * Runs the script with `args[1]` (the caller's now) moved forward by however long we waited for Redis
	 * (connecting, an outage): a grant must be logged when it is made, not when it was asked for, or the next
	 * window would open early.
	 */
	private async eval(key: string, args: string[]): Promise<unknown> {
		const asked = this.clock.now();
		// Every operation may run twice after a dropped connection: a grant counted twice only lowers the
		// budget (never raises it), its extra lease ends by itself, and the others are idempotent.
		return await this.redis.run(
			async (client) => {
				const waited = this.clock.now() - asked;
				const now =
					waited > 0 ? [args[0], String(Number(args[1]) + waited), ...args.slice(2)] : args;
				return await script.run(client, this.keys(key), now);
			},
			undefined,
			{ idempotent: true },
		);
	}

	async tryAcquire(
		key: string,
		policy: RateLimitPolicy,
		nowMs: number,
		cost?: number,
	): Promise<AcquireResult> {
		const [verdict, value] = (await this.eval(key, [
			...this.policyArgs('acquire', policy, nowMs),
			opt(cost),
		])) as [string, string];
		if (verdict === 'granted') {
			const seq = Number(value);
			this.hold(key, seq);
			return { granted: true, seq };
		}
		return {
			granted: false,
			reason: verdict as 'paused' | 'window' | 'concurrency',
			retryAtMs: numOrNull(value),
		};
	}

	async observe(
		key: string,
		policy: RateLimitPolicy,
		obs: BudgetObservation,
		nowMs: number,
	): Promise<void> {
		await this.eval(key, [
			...this.policyArgs('observe', policy, nowMs),
			opt(obs.pauseUntilMs),
			opt(obs.remaining),
			opt(obs.limit),
			opt(obs.resetAtMs),
			opt(obs.seq),
			opt(obs.refund),
		]);
	}

	/**
	 * Frees the slot of request `seq` (without `seq`, the slot whose lease ends first, as the memory store frees
	 * "one"); `arrivedByMs` moves its place in the sliding log as in memory.
	 */
	async release(key: string, seq?: number, arrivedByMs?: number): Promise<void> {
		if (seq !== undefined) this.held.get(key)?.delete(seq);
		await this.eval(key, ['release', String(this.clock.now()), opt(seq), opt(arrivedByMs)]);
	}

	async sent(key: string, seq: number, arrivedByMs: number): Promise<void> {
		await this.eval(key, ['sent', String(this.clock.now()), String(seq), String(arrivedByMs)]);
	}

	async pauseUntil(key: string, atMs: number): Promise<void> {
		await this.eval(key, ['pause', String(this.clock.now()), String(atMs), String(60_000)]);
	}

	async snapshot(
		key: string,
		policy: RateLimitPolicy,
		nowMs: number,
	): Promise<BudgetSnapshot | null> {
		const r = (await this.eval(key, this.policyArgs('snapshot', policy, nowMs))) as string[] | null;
		if (!r) return null;
		return {
			mode: r[0] as BudgetSnapshot['mode'],
			limit: Number(r[1]),
			windowMs: policy.windowMs,
			remaining: Number(r[2]),
			nextSlotAtMs: numOrNull(r[3]),
			resetAtMs: numOrNull(r[4]),
			pausedUntilMs: numOrNull(r[5]),
			inFlight: Number(r[6]),
			granted: Number(r[7]),
		};
	}

	/** Stops renewing leases and hands back the slots still held (graceful shutdown, tests). */
	async close(): Promise<void> {
		if (this.renewTimer) clearInterval(this.renewTimer);
		this.renewTimer = undefined;
		const held = [...this.held.entries()];
		this.held.clear();
		// Only if Redis is there right now: otherwise the leases end by themselves.
		for (const [key, seqs] of held) {
			for (const seq of seqs) {
				await this.redis
					.run(
						async (client) =>
							await script.run(client, this.keys(key), [
								'release',
								String(this.clock.now()),
								String(seq),
							]),
						0,
					)
					.catch(() => {});
			}
		}
	}

	/** Renews every lease this process holds now (done by a timer every third of `leaseMs`). */
	async renewLeases(): Promise<void> {
		const until = String(this.clock.now() + this.leaseMs);
		for (const [key, seqs] of this.held) {
			if (seqs.size === 0) {
				this.held.delete(key);
				continue;
			}
			const lease = this.keys(key)[4];
			// XX: renew only leases that still exist (one released or expired meanwhile stays gone).
			const args = [...seqs].flatMap((seq) => [until, String(seq)]);
			await this.redis.run(async (client) => await client.zadd(lease, 'XX', ...args));
		}
	}

	private hold(key: string, seq: number): void {
		let seqs = this.held.get(key);
		if (!seqs) this.held.set(key, (seqs = new Set()));
		seqs.add(seq);
		if (!this.renewTimer) {
			this.renewTimer = setInterval(
				() => void this.renewLeases().catch(() => {}),
				Math.min(2_147_483_647, Math.max(100, Math.floor(this.leaseMs / 3))),
			);
			// Renewals must never keep n8n (or a test run) alive.
			this.renewTimer.unref?.();
		}
	}
}
