/**
 * The operator's settings: every environment variable of this package, parsed and checked in one place.
 * The runtime reads them (`runtime.settings()`, from `process.env` unless given another source) and passes
 * them down; the modules below take the parsed values. A bad value fails with a `SettingsError` that names
 * the variable and the fix. Read on use, not once: an operator's change applies without a restart of the
 * runtime, and the parse is cached per set of values.
 *
 * Not here, on purpose: n8n's own variables that this package reads the way n8n does (queue mode and
 * `QUEUE_BULL_REDIS_*` in lib/redis/settings.ts, the encryption key in lib/triggers/secrets.ts), and
 * `N8N_API_CONNECTIONS_ORIGIN_MAP`, read by the transport itself (lib/transport/origin-map.ts), which
 * imports nothing above it.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

import { DEFAULT_WAIT_CEILING_MS } from './transport/waits';

/** The workspace name this n8n instance (or worker) belongs to (default: the instance). */
export const WORKSPACE_ENV = 'N8N_API_CONNECTIONS_WORKSPACE';
/** The connections store file, an absolute path (default `<N8N_USER_FOLDER or home>/.n8n/api-connections.sqlite`). */
export const STORE_FILE_ENV = 'N8N_API_CONNECTIONS_SQLITE_FILE';
/** Refresh an OAuth2 token this many seconds before it expires (default 300). */
export const REFRESH_MARGIN_ENV = 'N8N_API_CONNECTIONS_REFRESH_MARGIN_SECONDS';
/** An n8n API key allowed to update credentials (scope `credential:update`), to save renewed tokens. */
export const N8N_API_ACCESS_ENV = 'N8N_API_CONNECTIONS_N8N_API_KEY';
/** n8n's public API base URL (default: this instance's base URL + `/api/v1`). */
export const N8N_API_URL_ENV = 'N8N_API_CONNECTIONS_N8N_API_URL';
/** Who else may disconnect and read logs: comma-separated `workflow:<id>`, `project:<id>`, `user:<e-mail>`. */
export const MANAGERS_ENV = 'N8N_API_CONNECTIONS_MANAGERS';
/** `false` keeps the configured name or the instance as the workspace even with an n8n API key (default true). */
export const PROJECT_WORKSPACES_ENV = 'N8N_API_CONNECTIONS_PROJECT_WORKSPACES';
/** Keep audit entries this many days (default 365; 0 keeps them forever). */
export const AUDIT_RETENTION_ENV = 'N8N_API_CONNECTIONS_AUDIT_RETENTION_DAYS';
/** The longest a default wait (Max Queue Wait / Max Total Wait left empty) lasts, in seconds (default 3900). */
export const MAX_WAIT_ENV = 'N8N_API_CONNECTIONS_MAX_WAIT_SECONDS';

export const STORE_FILE_NAME = 'api-connections.sqlite';
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

export interface Settings {
	/** The configured workspace name; undefined: the whole instance. */
	workspace?: string;
	/** The SQLite store file (and beside it, the replay store). */
	storeFile: string;
	refreshMarginMs: number;
	n8nApi: {
		/** Undefined: renewed tokens cannot be saved (the Connections node warns). */
		key?: string;
		/** Without trailing slash; undefined: the instance's own base URL + `/api/v1`. */
		url?: string;
	};
	/** The operator's allow-list for Disconnect and the logs (`MANAGERS_ENV`); empty sets when unset. */
	managers: Managers;
	/** Workspaces are the workflows' n8n projects when an n8n API key is set (`PROJECT_WORKSPACES_ENV`). */
	projectWorkspaces: boolean;
	/** How long audit entries are kept, in ms; null keeps them forever. */
	auditRetentionMs: number | null;
	/** The ceiling of the waits that follow the service (`MAX_WAIT_ENV`), in ms. */
	maxWaitCeilingMs: number;
}

/** The allow-list entries by kind; user e-mails in lower case. */
export interface Managers {
	workflows: Set<string>;
	projects: Set<string>;
	users: Set<string>;
}

/** A setting with a bad value: names the variable, what is wrong, and the fix. */
export class SettingsError extends Error {
	constructor(
		readonly variable: string,
		problem: string,
		readonly fix: string,
	) {
		super(`${variable} ${problem}. Fix: ${fix}`);
		this.name = 'SettingsError';
	}
}

type Env = Record<string, string | undefined>;

const NAMES = [
	WORKSPACE_ENV,
	STORE_FILE_ENV,
	REFRESH_MARGIN_ENV,
	N8N_API_ACCESS_ENV,
	N8N_API_URL_ENV,
	MANAGERS_ENV,
	PROJECT_WORKSPACES_ENV,
	AUDIT_RETENTION_ENV,
	MAX_WAIT_ENV,
	'N8N_USER_FOLDER',
	'USERPROFILE',
	'HOME',
];

let cachedFor: string | undefined;
let cached: Settings | undefined;

/** The settings in `env`; throws `SettingsError` on a bad value. */
export function settingsFromEnv(env: Env = process.env): Settings {
	// Read on every request: a plain concatenation (NUL cannot occur in an environment value).
	let fingerprint = '';
	for (const name of NAMES) {
		const value = env[name];
		fingerprint += value === undefined ? '\u0000' : `=${value}\u0000`;
	}
	if (cached && fingerprint === cachedFor) return cached;
	const settings = parse(env);
	cachedFor = fingerprint;
	cached = settings;
	return settings;
}

function text(env: Env, name: string): string | undefined {
	return env[name]?.trim() || undefined;
}

function parse(env: Env): Settings {
	return {
		workspace: text(env, WORKSPACE_ENV),
		storeFile: storeFile(env),
		refreshMarginMs: refreshMargin(env),
		n8nApi: { key: text(env, N8N_API_ACCESS_ENV), url: n8nApiUrl(env) },
		managers: managers(env),
		projectWorkspaces: projectWorkspaces(env),
		auditRetentionMs: auditRetention(env),
		maxWaitCeilingMs: maxWaitCeiling(env),
	};
}

function storeFile(env: Env): string {
	const file = text(env, STORE_FILE_ENV);
	if (file) {
		if (!isAbsolute(file))
			throw new SettingsError(
				STORE_FILE_ENV,
				`is "${file}", a relative path`,
				'set it to an absolute file path (e.g. /home/node/.n8n/api-connections.sqlite), or unset it for the default',
			);
		return file;
	}
	// The folder where n8n keeps database.sqlite (n8n's getN8nFolder).
	const home =
		env.N8N_USER_FOLDER ?? (process.platform === 'win32' ? env.USERPROFILE : env.HOME) ?? homedir();
	return join(home, '.n8n', STORE_FILE_NAME);
}

function refreshMargin(env: Env): number {
	const raw = text(env, REFRESH_MARGIN_ENV);
	if (raw === undefined) return DEFAULT_REFRESH_MARGIN_MS;
	const seconds = Number(raw);
	if (!Number.isFinite(seconds) || seconds < 0)
		throw new SettingsError(
			REFRESH_MARGIN_ENV,
			`is "${raw}", not a number of seconds`,
			`set it to a number of seconds of at least 0 (e.g. 1800), or unset it for the default (${DEFAULT_REFRESH_MARGIN_MS / 1000})`,
		);
	return seconds * 1000;
}

function n8nApiUrl(env: Env): string | undefined {
	const raw = text(env, N8N_API_URL_ENV);
	if (raw === undefined) return undefined;
	if (!/^https?:\/\//i.test(raw) || !URL.canParse(raw))
		throw new SettingsError(
			N8N_API_URL_ENV,
			`is "${raw}", not an http(s) URL`,
			"set it to n8n's public API base URL (e.g. https://n8n.example.com/api/v1), or unset it to use this instance's",
		);
	return raw.replace(/\/+$/, '');
}

function managers(env: Env): Managers {
	const out: Managers = { workflows: new Set(), projects: new Set(), users: new Set() };
	const raw = text(env, MANAGERS_ENV);
	if (raw === undefined) return out;
	for (const part of raw.split(',')) {
		const entry = part.trim();
		if (!entry) continue;
		const m = /^(workflow|project|user):(.+)$/i.exec(entry);
		if (!m || !m[2].trim())
			throw new SettingsError(
				MANAGERS_ENV,
				`has the entry '${entry}', which is not 'workflow:<id>', 'project:<id>' or 'user:<e-mail>'`,
				"write each entry as 'workflow:<id>', 'project:<id>' or 'user:<e-mail>', separated by commas, and restart n8n",
			);
		const kind = m[1].toLowerCase();
		const value = m[2].trim();
		if (kind === 'workflow') out.workflows.add(value);
		else if (kind === 'project') out.projects.add(value);
		else out.users.add(value.toLowerCase());
	}
	return out;
}

function projectWorkspaces(env: Env): boolean {
	const raw = text(env, PROJECT_WORKSPACES_ENV);
	if (raw === undefined || /^(true|1|yes|on)$/i.test(raw)) return true;
	if (/^(false|0|no|off)$/i.test(raw)) return false;
	throw new SettingsError(
		PROJECT_WORKSPACES_ENV,
		`is "${raw}", not true or false`,
		"set it to false to keep the configured workspace (or the instance) even with an n8n API key, or unset it (default true: each workflow's n8n project is its workspace)",
	);
}

function auditRetention(env: Env): number | null {
	const raw = text(env, AUDIT_RETENTION_ENV);
	const days = raw === undefined ? DEFAULT_AUDIT_RETENTION_DAYS : Number(raw);
	if (!Number.isFinite(days) || days < 0)
		throw new SettingsError(
			AUDIT_RETENTION_ENV,
			`is "${raw}", not a number of days`,
			`set it to a number of days of at least 0 (e.g. 90; 0 keeps entries forever), or unset it for the default (${DEFAULT_AUDIT_RETENTION_DAYS})`,
		);
	return days === 0 ? null : days * 86_400_000;
}

let ceilingRaw: string | undefined;
let ceiling = DEFAULT_WAIT_CEILING_MS;

/** `maxWaitCeilingMs` alone, for every request: one variable read, not the whole set (`settingsFromEnv`). */
export function maxWaitCeilingFromEnv(env: Env = process.env): number {
	const raw = env[MAX_WAIT_ENV];
	if (raw !== ceilingRaw) {
		ceiling = maxWaitCeiling(env);
		ceilingRaw = raw;
	}
	return ceiling;
}

function maxWaitCeiling(env: Env): number {
	const raw = text(env, MAX_WAIT_ENV);
	if (raw === undefined) return DEFAULT_WAIT_CEILING_MS;
	const seconds = Number(raw);
	if (!Number.isFinite(seconds) || seconds < 1)
		throw new SettingsError(
			MAX_WAIT_ENV,
			`is "${raw}", not a number of seconds of at least 1`,
			`set it to the longest wait, in seconds, that nodes may make when their wait options are left empty (e.g. 7200), or unset it for the default (${DEFAULT_WAIT_CEILING_MS / 1000})`,
		);
	return seconds * 1000;
}
