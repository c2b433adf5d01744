/**
 * One Redis connection per process, shared by the budget store, the response cache and the connections
 * store. It connects on first use, never gives up reconnecting (n8n itself decides when a lost queue-mode
 * Redis is fatal), and bounds every wait: an operation started while Redis is unreachable waits for it up to
 * `waitMs`, then fails with `RedisUnavailableError` naming the address and the fix.
 *
 * Commands are never queued while disconnected (`enableOfflineQueue: false`) nor re-sent after a lost
 * connection (`maxRetriesPerRequest: 0`): a command that timed out must not run later behind our back.
 */
import { createHash } from 'node:crypto';

import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { sleep } from 'n8n-workflow';

import { REDIS_URL_ENV, type RedisSettings } from './settings';

export type RedisClient = Redis | Cluster;

/** Why Redis could not be used: not reachable (or no answer), login refused, or a command refused. */
export type RedisFailure = 'unreachable' | 'login' | 'refused' | 'closed';

/** Redis cannot be used: `reason` says what happened, `fix` what to do; `message` is both. */
export class RedisUnavailableError extends Error {
	constructor(
		readonly reason: string,
		readonly address: string,
		readonly fix: string,
		readonly kind: RedisFailure = 'unreachable',
		readonly cause?: unknown,
	) {
		super(`${reason} Fix: ${fix}`);
		this.name = 'RedisUnavailableError';
	}
}

/** A Lua script run with EVALSHA, loaded again with EVAL when Redis lost its script cache (a restart). */
export class RedisScript {
	readonly sha: string;

	constructor(readonly source: string) {
		this.sha = createHash('sha1').update(source).digest('hex');
	}

	async run(client: RedisClient, keys: string[], args: Array<string | number>): Promise<unknown> {
		let failure: unknown;
		try {
			return await client.evalsha(this.sha, keys.length, ...keys, ...args);
		} catch (error) {
			failure = error;
		}
		if (!String((failure as Error)?.message).startsWith('NOSCRIPT')) throw failure;
		return await client.eval(this.source, keys.length, ...keys, ...args);
	}
}

export interface RunOptions {
	/** Running the operation twice is harmless: one lost with a dropped connection is sent again (within the wait). */
	idempotent?: boolean;
}

/** Whether an error means the connection went away: before the command was sent, or while it was in flight. */
function lostConnection(error: unknown): 'unsent' | 'in-flight' | undefined {
	const message = String((error as Error)?.message ?? '');
	if (/isn't writeable|Connection is closed/i.test(message)) return 'unsent';
	if (/max retries per request/i.test(message)) return 'in-flight';
	return undefined;
}

export interface RedisConnectionOptions {
	/** Builds the client (tests); default: ioredis from the settings. */
	create?: (settings: RedisSettings, options: RedisOptions) => RedisClient;
}

export class RedisConnection {
	private client: RedisClient | undefined;
	private lastError: Error | undefined;
	/** The first connection attempt (bounded): even work that never waits for an outage waits for this. */
	private firstConnect: Promise<void> | undefined;
	private closed = false;

	constructor(
		readonly settings: RedisSettings,
		private readonly options: RedisConnectionOptions = {},
	) {}

	get address(): string {
		return this.settings.address;
	}

	/** `redis://host:port/db` (or the cluster's nodes), without credentials: where the data lives, for messages. */
	get location(): string {
		return this.settings.clusterNodes
			? `redis-cluster://${this.settings.address}`
			: `redis://${this.settings.address}/${this.settings.db}`;
	}

	/** Key prefix of this package's keys. */
	get prefix(): string {
		return this.settings.prefix;
	}

	/**
	 * Runs `fn` once Redis is reachable (waiting up to `waitMs`); any failure becomes a
	 * `RedisUnavailableError` with the address and the fix. `waitMs: 0` fails at once when not connected
	 * (for work that is only worth doing if Redis is there right now, like a cache lookup).
	 */
	async run<T>(
		fn: (client: RedisClient) => Promise<T>,
		waitMs = this.settings.waitMs,
		options: RunOptions = {},
	): Promise<T> {
		if (this.closed)
			throw new RedisUnavailableError(
				`Redis at ${this.address} is no longer in use: this n8n process is shutting down.`,
				this.address,
				'Run the workflow again once n8n has restarted.',
				'closed',
			);
		const started = Date.now();
		for (;;) {
			const client = await this.ready(Math.max(0, waitMs - (Date.now() - started)));
			try {
				return await fn(client);
			} catch (error) {
				// The connection dropped under us: a command never sent can always go again once Redis is
				// back; one that was sent and lost only if running it twice is harmless.
				const lost = lostConnection(error);
				const again = lost === 'unsent' || (lost === 'in-flight' && options.idempotent === true);
				if (!again || Date.now() - started >= waitMs) throw this.describe(error, 0);
				this.lastError = error as Error;
				// The client may not have noticed yet that the socket is gone: give it a moment.
				await sleep(20);
			}
		}
	}

	/** Closes the connection (tests, shutdown). Later calls fail. */
	async close(): Promise<void> {
		this.closed = true;
		const client = this.client;
		this.client = undefined;
		if (!client) return;
		try {
			if (client.status === 'ready') await client.quit();
			else client.disconnect();
		} catch {
			client.disconnect();
		}
	}

	private connect(): RedisClient {
		if (this.client) return this.client;
		const s = this.settings;
		const options: RedisOptions = {
			db: s.db,
			username: s.username,
			password: s.password,
			lazyConnect: true,
			enableOfflineQueue: false,
			maxRetriesPerRequest: 0,
			autoResendUnfulfilledCommands: false,
			enableReadyCheck: true,
			connectTimeout: Math.max(1000, Math.min(s.waitMs, 10_000)),
			commandTimeout: Math.max(1000, s.waitMs),
			// Closing a connection to a dead server should not keep the process alive for long.
			disconnectTimeout: 200,
			// Keep trying, a little slower each time, at most once a second (n8n retries every second).
			retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1000),
		};
		if (s.tls)
			options.tls = { servername: s.tls.servername, rejectUnauthorized: s.tls.rejectUnauthorized };
		if (s.family === 0) options.family = 0;
		if (s.keepAliveDelayMs !== undefined) options.keepAlive = s.keepAliveDelayMs;
		if (s.reconnectOnReadonly)
			options.reconnectOnError = (error) => (error.message.includes('READONLY') ? 2 : false);
		const client = this.options.create
			? this.options.create(s, options)
			: defaultCreate(s, options);
		// Without a listener every failed reconnect would print "Unhandled error event"; we report on use instead.
		client.on('error', (error: Error) => {
			this.lastError = error;
		});
		client.on('ready', () => {
			this.lastError = undefined;
		});
		this.client = client;
		return client;
	}

	private async ready(waitMs: number): Promise<RedisClient> {
		let client = this.connect();
		if (client.status === 'end') {
			this.client = undefined;
			this.firstConnect = undefined;
			client = this.connect();
		}
		if (client.status === 'ready') return client;
		if (client.status === 'wait') client.connect().catch(() => {});
		if (waitMs <= 0) {
			this.firstConnect ??= readyWithin(
				client,
				Math.min(1000, Math.max(1, this.settings.waitMs)),
			).catch(() => {});
			await this.firstConnect;
			if ((client.status as string) === 'ready') return client;
			throw this.describe(this.lastError ?? new Error('not connected yet'), 0);
		}
		const started = Date.now();
		try {
			await readyWithin(client, waitMs);
		} catch (error) {
			// The status may have changed while we waited (TypeScript narrowed it before the await).
			if ((client.status as string) === 'ready') return client;
			throw this.describe(this.lastError ?? error, Date.now() - started);
		}
		return client;
	}

	/** The cause in words and the fix, by what went wrong. */
	describe(error: unknown, waitedMs: number): RedisUnavailableError {
		if (error instanceof RedisUnavailableError) return error;
		const e = error as { message?: string; code?: string; name?: string };
		const message = String(e?.message ?? error).replace(/\.+$/, '');
		const at = `Redis at ${this.address}`;
		const s = this.settings;
		const where =
			s.source === 'override'
				? `${REDIS_URL_ENV}`
				: s.clusterNodes
					? 'QUEUE_BULL_REDIS_CLUSTER_NODES'
					: 'QUEUE_BULL_REDIS_HOST / QUEUE_BULL_REDIS_PORT';
		const other =
			s.source === 'override'
				? `(unset it to use the Redis of n8n's queue mode)`
				: `(the settings of n8n's queue mode), or set ${REDIS_URL_ENV} to use a separate Redis`;
		if (/NOAUTH|WRONGPASS|invalid password|invalid username-password/i.test(message)) {
			const creds =
				s.source === 'override'
					? `the user and password in ${REDIS_URL_ENV}`
					: 'QUEUE_BULL_REDIS_USERNAME / QUEUE_BULL_REDIS_PASSWORD';
			return new RedisUnavailableError(
				`${at} refused the login: ${message}.`,
				this.address,
				`check ${creds}.`,
				'login',
				error,
			);
		}
		if (/^OOM /.test(message)) {
			return new RedisUnavailableError(
				`${at} is out of memory: ${message}.`,
				this.address,
				`raise Redis's maxmemory or free memory; this package's keys start with "${s.prefix}".`,
				'refused',
				error,
			);
		}
		if (
			/^(ERR|WRONGTYPE|NOSCRIPT|BUSY|MISCONF|LOADING|READONLY|CLUSTERDOWN|CROSSSLOT|MOVED|ASK)\b/.test(
				message,
			)
		) {
			return new RedisUnavailableError(
				`${at} refused a command: ${message}.`,
				this.address,
				'check the Redis server (its log says more); if it persists, report it with this message.',
				'refused',
				error,
			);
		}
		const waited = waitedMs > 0 ? ` (waited ${Math.round(waitedMs / 100) / 10} s)` : '';
		const cause =
			e?.name === 'TimeoutError' || e?.name === 'AbortError'
				? 'no connection could be made'
				: message === 'Command timed out'
					? `no answer within ${Math.round(Math.max(1000, s.waitMs) / 1000)} s`
					: /max retries per request|Connection is closed|isn't writeable/i.test(message)
						? 'the connection was lost'
						: inWords(message);
		return new RedisUnavailableError(
			`${at} is unreachable: ${cause}${waited}.`,
			this.address,
			`start Redis at ${this.address}, or correct ${where} ${other}. Requests resume by themselves once Redis answers.`,
			'unreachable',
			error,
		);
	}
}

const SOCKET_ERRORS: Array<[RegExp, string]> = [
	[/ECONNREFUSED/, 'the connection was refused'],
	[/ENOTFOUND|getaddrinfo/i, 'the host name does not resolve'],
	[/EAI_AGAIN/, 'the DNS lookup failed'],
	[/ETIMEDOUT/, 'the connection timed out'],
	[/EHOSTUNREACH|ENETUNREACH/, 'there is no route to the host'],
	[/ECONNRESET|EPIPE/, 'the connection was reset'],
];

/**
 * A socket error in words. n8n replaces the whole message of a node error that mentions an errno code
 * (ECONNREFUSED…) with a generic sentence, which would hide the address and the fix.
 */
function inWords(message: string): string {
	for (const [pattern, words] of SOCKET_ERRORS) if (pattern.test(message)) return words;
	return message.replace(/\bE[A-Z0-9_]{3,}\b:?\s*/g, '').trim() || 'unknown network error';
}

/** Resolves on the client's next 'ready'; rejects after `ms` (connection errors in between do not end the wait). */
async function readyWithin(client: RedisClient, ms: number): Promise<void> {
	const signal = AbortSignal.timeout(ms);
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			client.off('ready', onReady);
			reject(signal.reason);
		};
		const onReady = () => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		};
		client.once('ready', onReady);
		signal.addEventListener('abort', onAbort, { once: true });
	});
}

function defaultCreate(s: RedisSettings, options: RedisOptions): RedisClient {
	// Loaded only here: a process that never uses Redis never loads the client.
	const ioredis = require('ioredis') as typeof import('ioredis');
	if (s.clusterNodes) {
		const { retryStrategy, ...redisOptions } = options;
		return new ioredis.Cluster(s.clusterNodes, {
			redisOptions,
			clusterRetryStrategy: (times) => retryStrategy?.(times) ?? 1000,
			enableOfflineQueue: false,
			lazyConnect: true,
			slotsRefreshTimeout: s.slotsRefreshTimeoutMs,
			slotsRefreshInterval: s.slotsRefreshIntervalMs,
			dnsLookup: s.skipDnsLookup ? (address, lookup) => lookup(null, address) : undefined,
		});
	}
	return new ioredis.Redis({
		...options,
		host: s.node?.host ?? 'localhost',
		port: s.node?.port ?? 6379,
	});
}
