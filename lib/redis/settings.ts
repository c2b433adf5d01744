/**
 * Which Redis this package shares state through, read from the environment alone (zero configuration):
 * in n8n's queue mode, the Redis n8n itself uses (its `QUEUE_BULL_REDIS_*` settings, read the way
 * `@n8n/config` reads them: `<NAME>_FILE` variants, quoted values, `true`/`1` booleans); or, when set,
 * `N8N_API_CONNECTIONS_REDIS_URL` (a separate Redis, in queue mode or not). Otherwise null: the process
 * keeps its embedded stores, and no Redis connection is ever made.
 */
import { readFileSync } from 'node:fs';

/** A separate Redis for this package: `redis://[user[:password]@]host[:port][/db]`, `rediss://` for TLS. */
export const REDIS_URL_ENV = 'N8N_API_CONNECTIONS_REDIS_URL';
/** Key prefix (default `n8n-api-connections`), e.g. to let two n8n instances share one Redis apart. */
export const REDIS_PREFIX_ENV = 'N8N_API_CONNECTIONS_REDIS_PREFIX';
/** Longest wait for an unreachable Redis before a request fails (seconds, default 10, n8n's own threshold). */
export const REDIS_WAIT_ENV = 'N8N_API_CONNECTIONS_REDIS_WAIT_SECONDS';

export const DEFAULT_REDIS_PREFIX = 'n8n-api-connections';
export const DEFAULT_REDIS_WAIT_MS = 10_000;

export interface RedisNode {
	host: string;
	port: number;
}

export interface RedisSettings {
	/** Where the settings came from: n8n's queue-mode settings, or this package's override URL. */
	source: 'queue' | 'override';
	/** `host:port`, or the cluster's nodes joined by commas: for messages (never a password). */
	address: string;
	/** One server, or the nodes of a cluster. */
	node?: RedisNode;
	clusterNodes?: RedisNode[];
	db: number;
	username?: string;
	password?: string;
	tls?: { servername?: string; rejectUnauthorized: boolean };
	/** 0: IPv4 and IPv6 (n8n's `QUEUE_BULL_REDIS_DUALSTACK`). */
	family?: 0;
	/** TCP keep-alive, starting after this many ms of silence (n8n's `QUEUE_BULL_REDIS_KEEP_ALIVE_DELAY`). */
	keepAliveDelayMs?: number;
	/** Cluster: skip DNS lookups of node names (n8n's `QUEUE_BULL_REDIS_DNS_LOOKUP_STRATEGY=NONE`). */
	skipDnsLookup?: boolean;
	slotsRefreshTimeoutMs?: number;
	slotsRefreshIntervalMs?: number;
	/** Reconnect when a failover leaves us on a read-only replica (n8n's default). */
	reconnectOnReadonly: boolean;
	/** Prefix of every key this package writes. */
	prefix: string;
	/** Longest wait for Redis to become reachable before an operation fails. */
	waitMs: number;
}

type Env = NodeJS.ProcessEnv;

/** Reads a setting like `@n8n/config`: the variable, else the file named by `<NAME>_FILE`; quotes stripped. */
export function readSetting(env: Env, name: string): string | undefined {
	let value: string | undefined;
	if (name in env) value = env[name];
	else {
		const file = env[`${name}_FILE`];
		if (file) value = readFileSync(file, 'utf8').trim();
	}
	return value === undefined ? undefined : value.trim().replace(/^(['"])(.*)\1$/, '$2');
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
	const value = readSetting(env, name)?.toLowerCase();
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	return fallback;
}

function readNumber(env: Env, name: string, fallback: number): number {
	const value = readSetting(env, name);
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	return Number.isFinite(n) ? n : fallback;
}

/**
 * n8n runs in queue mode when `EXECUTIONS_MODE=queue`; `n8n worker` (and `n8n webhook`, which requires it)
 * force queue mode even without the variable, so the command line counts too.
 */
export function isQueueMode(
	env: Env = process.env,
	argv: readonly string[] = process.argv,
): boolean {
	if (readSetting(env, 'EXECUTIONS_MODE') === 'queue') return true;
	const command = argv[2];
	return command === 'worker' || command === 'webhook';
}

/** The Redis to use, or null when neither queue mode nor the override asks for one. Throws on a malformed URL. */
export function redisSettingsFromEnv(
	env: Env = process.env,
	argv: readonly string[] = process.argv,
): RedisSettings | null {
	const url = readSetting(env, REDIS_URL_ENV);
	const common = {
		prefix: readSetting(env, REDIS_PREFIX_ENV) || DEFAULT_REDIS_PREFIX,
		waitMs: Math.max(0, readNumber(env, REDIS_WAIT_ENV, DEFAULT_REDIS_WAIT_MS / 1000) * 1000),
	};
	if (url) return { ...fromUrl(url), ...common };
	if (!isQueueMode(env, argv)) return null;
	return { ...fromQueueSettings(env), ...common };
}

function fromUrl(raw: string): Omit<RedisSettings, 'prefix' | 'waitMs'> {
	let url: URL | undefined;
	try {
		url = new URL(raw);
	} catch {
		// reported below
	}
	if (!url)
		throw new Error(
			`${REDIS_URL_ENV} is not a URL. Fix: set it to redis://[user[:password]@]host[:port][/db] (rediss:// for TLS).`,
		);
	if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
		throw new Error(
			`${REDIS_URL_ENV} must start with redis:// or rediss:// (it starts with ${url.protocol}//).`,
		);
	}
	const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
	const port = url.port ? Number(url.port) : 6379;
	const dbPath = url.pathname.replace(/^\//, '');
	const db = dbPath ? Number(dbPath) : 0;
	if (!Number.isInteger(db) || db < 0)
		throw new Error(
			`${REDIS_URL_ENV} names database "${dbPath}"; a database is a number (e.g. /0).`,
		);
	return {
		source: 'override',
		address: `${url.hostname}:${port}`,
		node: { host, port },
		db,
		username: url.username ? decodeURIComponent(url.username) : undefined,
		password: url.password ? decodeURIComponent(url.password) : undefined,
		tls: url.protocol === 'rediss:' ? { rejectUnauthorized: true } : undefined,
		reconnectOnReadonly: true,
	};
}

/** The `QUEUE_BULL_REDIS_*` settings, with n8n 2.41's defaults (`@n8n/config`, `ScalingModeConfig`). */
function fromQueueSettings(env: Env): Omit<RedisSettings, 'prefix' | 'waitMs'> {
	const host = readSetting(env, 'QUEUE_BULL_REDIS_HOST') || 'localhost';
	const port = readNumber(env, 'QUEUE_BULL_REDIS_PORT', 6379);
	const clusterNodes = (readSetting(env, 'QUEUE_BULL_REDIS_CLUSTER_NODES') ?? '')
		.split(',')
		.filter((pair) => pair.trim().length > 0)
		.map((pair) => {
			const [h, p] = pair.trim().split(':');
			return { host: h, port: parseInt(p, 10) };
		});
	const settings: Omit<RedisSettings, 'prefix' | 'waitMs'> = {
		source: 'queue',
		address: clusterNodes.length
			? clusterNodes.map((n) => `${n.host}:${n.port}`).join(',')
			: `${host}:${port}`,
		db: readNumber(env, 'QUEUE_BULL_REDIS_DB', 0),
		username: readSetting(env, 'QUEUE_BULL_REDIS_USERNAME') || undefined,
		password: readSetting(env, 'QUEUE_BULL_REDIS_PASSWORD') || undefined,
		reconnectOnReadonly: readBool(env, 'QUEUE_BULL_REDIS_RECONNECT_ON_FAILOVER', true),
	};
	if (clusterNodes.length) {
		settings.clusterNodes = clusterNodes;
		settings.slotsRefreshTimeoutMs = readNumber(env, 'QUEUE_BULL_REDIS_SLOT_REFRESH_TIMEOUT', 1000);
		settings.slotsRefreshIntervalMs = readNumber(
			env,
			'QUEUE_BULL_REDIS_SLOT_REFRESH_INTERVAL',
			5000,
		);
		if (readSetting(env, 'QUEUE_BULL_REDIS_DNS_LOOKUP_STRATEGY') === 'NONE')
			settings.skipDnsLookup = true;
	} else {
		settings.node = { host, port };
	}
	if (readBool(env, 'QUEUE_BULL_REDIS_TLS', false)) {
		settings.tls = {
			servername: readSetting(env, 'QUEUE_BULL_REDIS_TLS_SERVERNAME') || undefined,
			rejectUnauthorized: readBool(env, 'QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE', true),
		};
	}
	if (readBool(env, 'QUEUE_BULL_REDIS_DUALSTACK', false)) settings.family = 0;
	if (readBool(env, 'QUEUE_BULL_REDIS_KEEP_ALIVE', false)) {
		settings.keepAliveDelayMs = readNumber(env, 'QUEUE_BULL_REDIS_KEEP_ALIVE_DELAY', 5000);
	}
	return settings;
}
