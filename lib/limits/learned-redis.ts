/**
 * Learned limits in Redis (`<prefix>:learn:{<key>}`, JSON), next to the budgets of the Redis budget store, so
 * what one worker learned from a 429 every worker keeps to. A change is compare-and-set on the whole value
 * (one short Lua script), retried with the newer value when another worker changed it meanwhile.
 */
import { RedisScript, type RedisConnection } from '../redis/client';
import { LEARNED_TTL_MS, type LearnedLimitStore, type LearnedState } from './learned';

const CAS_LUA = `
local cur = redis.call('GET', KEYS[1])
if (cur or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

const cas = new RedisScript(CAS_LUA);

// Compare-and-set tries before a change is given up (learning is best effort; the budget is not at stake).
const MAX_TRIES = 8;

function parse(raw: string | null): LearnedState | null {
	if (!raw) return null;
	try {
		return JSON.parse(raw) as LearnedState;
	} catch {
		return null;
	}
}

export class RedisLearnedLimitStore implements LearnedLimitStore {
	constructor(private readonly redis: RedisConnection) {}

	private key(key: string): string {
		return `${this.redis.prefix}:learn:{${key}}`;
	}

	async get(key: string): Promise<LearnedState | null> {
		return parse(await this.redis.run(async (client) => await client.get(this.key(key))));
	}

	async update(
		key: string,
		_nowMs: number,
		change: (state: LearnedState | null) => LearnedState | null,
	): Promise<LearnedState | null> {
		const id = this.key(key);
		for (let i = 0; i < MAX_TRIES; i++) {
			const raw = await this.redis.run(async (client) => await client.get(id));
			const current = parse(raw);
			const next = change(current);
			if (!next) return current;
			const written = await this.redis.run(
				async (client) =>
					await cas.run(client, [id], [raw ?? '', JSON.stringify(next), String(LEARNED_TTL_MS)]),
			);
			if (Number(written) === 1) return next;
		}
		return await this.get(key);
	}
}
