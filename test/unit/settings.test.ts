/** The operator's settings: one module parses every variable of the package, and a bad value names the variable and the fix. */
import { join } from 'node:path';

import {
	AUDIT_RETENTION_ENV,
	DEFAULT_REFRESH_MARGIN_MS,
	MANAGERS_ENV,
	MAX_WAIT_ENV,
	N8N_API_ACCESS_ENV,
	N8N_API_URL_ENV,
	PROJECT_WORKSPACES_ENV,
	settingsFromEnv,
	REFRESH_MARGIN_ENV,
	SettingsError,
	STORE_FILE_ENV,
	WORKSPACE_ENV,
} from '../../lib/settings';

describe('settings', () => {
	it('defaults when nothing is set', () => {
		expect(settingsFromEnv({ N8N_USER_FOLDER: '/srv/n8n' })).toEqual({
			workspace: undefined,
			storeFile: join('/srv/n8n', '.n8n', 'api-connections.sqlite'),
			refreshMarginMs: DEFAULT_REFRESH_MARGIN_MS,
			n8nApi: { key: undefined, url: undefined },
			managers: { workflows: new Set(), projects: new Set(), users: new Set() },
			projectWorkspaces: true,
			auditRetentionMs: 365 * 86_400_000,
			maxWaitCeilingMs: 3_900_000,
		});
		expect(DEFAULT_REFRESH_MARGIN_MS).toBe(300_000);
	});

	it('reads every variable, trimmed', () => {
		expect(
			settingsFromEnv({
				[WORKSPACE_ENV]: ' Marketing ',
				[STORE_FILE_ENV]: '/data/conn.sqlite',
				[REFRESH_MARGIN_ENV]: '1800',
				[N8N_API_ACCESS_ENV]: ' key-1 ',
				[N8N_API_URL_ENV]: 'https://n8n.internal.test/api/v1/',
				[MANAGERS_ENV]: ' workflow:wf-1 , project:P-1,,user:Alice@Example.com ',
				[PROJECT_WORKSPACES_ENV]: ' False ',
				[AUDIT_RETENTION_ENV]: ' 90 ',
				[MAX_WAIT_ENV]: ' 7200 ',
			}),
		).toEqual({
			workspace: 'Marketing',
			storeFile: '/data/conn.sqlite',
			refreshMarginMs: 1_800_000,
			n8nApi: { key: 'key-1', url: 'https://n8n.internal.test/api/v1' },
			managers: {
				workflows: new Set(['wf-1']),
				projects: new Set(['P-1']),
				users: new Set(['alice@example.com']),
			},
			projectWorkspaces: false,
			auditRetentionMs: 90 * 86_400_000,
			maxWaitCeilingMs: 7_200_000,
		});
	});

	it.each(['true', 'TRUE', '1', 'yes', 'on'])('%s keeps project workspaces', (value) => {
		expect(settingsFromEnv({ [PROJECT_WORKSPACES_ENV]: value, HOME: '/h' }).projectWorkspaces).toBe(
			true,
		);
	});

	it.each(['false', 'No', '0', 'off'])('%s turns project workspaces off', (value) => {
		expect(settingsFromEnv({ [PROJECT_WORKSPACES_ENV]: value, HOME: '/h' }).projectWorkspaces).toBe(
			false,
		);
	});

	it('an empty value counts as unset', () => {
		const s = settingsFromEnv({ [WORKSPACE_ENV]: '  ', [REFRESH_MARGIN_ENV]: '', HOME: '/home/n' });
		expect(s.workspace).toBeUndefined();
		expect(s.refreshMarginMs).toBe(DEFAULT_REFRESH_MARGIN_MS);
	});

	it('an audit retention of 0 days keeps entries forever', () => {
		expect(
			settingsFromEnv({ [AUDIT_RETENTION_ENV]: '0', HOME: '/home/n' }).auditRetentionMs,
		).toBeNull();
	});

	it.each([
		[
			REFRESH_MARGIN_ENV,
			'soon',
			'N8N_API_CONNECTIONS_REFRESH_MARGIN_SECONDS is "soon", not a number of seconds. Fix: set it to a number of seconds of at least 0 (e.g. 1800), or unset it for the default (300)',
		],
		[
			REFRESH_MARGIN_ENV,
			'-5',
			'N8N_API_CONNECTIONS_REFRESH_MARGIN_SECONDS is "-5", not a number of seconds. Fix: set it to a number of seconds of at least 0 (e.g. 1800), or unset it for the default (300)',
		],
		[
			N8N_API_URL_ENV,
			'n8n.internal:5678',
			'N8N_API_CONNECTIONS_N8N_API_URL is "n8n.internal:5678", not an http(s) URL. Fix: set it to n8n\'s public API base URL (e.g. https://n8n.example.com/api/v1), or unset it to use this instance\'s',
		],
		[
			AUDIT_RETENTION_ENV,
			'a year',
			'N8N_API_CONNECTIONS_AUDIT_RETENTION_DAYS is "a year", not a number of days. Fix: set it to a number of days of at least 0 (e.g. 90; 0 keeps entries forever), or unset it for the default (365)',
		],
		[
			AUDIT_RETENTION_ENV,
			'-1',
			'N8N_API_CONNECTIONS_AUDIT_RETENTION_DAYS is "-1", not a number of days. Fix: set it to a number of days of at least 0 (e.g. 90; 0 keeps entries forever), or unset it for the default (365)',
		],
		[
			STORE_FILE_ENV,
			'data/conn.sqlite',
			'N8N_API_CONNECTIONS_SQLITE_FILE is "data/conn.sqlite", a relative path. Fix: set it to an absolute file path (e.g. /home/node/.n8n/api-connections.sqlite), or unset it for the default',
		],
		[
			MANAGERS_ENV,
			'workflow:wf-1,wf-2',
			"N8N_API_CONNECTIONS_MANAGERS has the entry 'wf-2', which is not 'workflow:<id>', 'project:<id>' or 'user:<e-mail>'. Fix: write each entry as 'workflow:<id>', 'project:<id>' or 'user:<e-mail>', separated by commas, and restart n8n",
		],
		[
			MANAGERS_ENV,
			'user: ',
			"N8N_API_CONNECTIONS_MANAGERS has the entry 'user:', which is not 'workflow:<id>', 'project:<id>' or 'user:<e-mail>'. Fix: write each entry as 'workflow:<id>', 'project:<id>' or 'user:<e-mail>', separated by commas, and restart n8n",
		],
		[
			MAX_WAIT_ENV,
			'0',
			'N8N_API_CONNECTIONS_MAX_WAIT_SECONDS is "0", not a number of seconds of at least 1. Fix: set it to the longest wait, in seconds, that nodes may make when their wait options are left empty (e.g. 7200), or unset it for the default (3900)',
		],
		[
			MAX_WAIT_ENV,
			'an hour',
			'N8N_API_CONNECTIONS_MAX_WAIT_SECONDS is "an hour", not a number of seconds of at least 1. Fix: set it to the longest wait, in seconds, that nodes may make when their wait options are left empty (e.g. 7200), or unset it for the default (3900)',
		],
		[
			PROJECT_WORKSPACES_ENV,
			'maybe',
			'N8N_API_CONNECTIONS_PROJECT_WORKSPACES is "maybe", not true or false. Fix: set it to false to keep the configured workspace (or the instance) even with an n8n API key, or unset it (default true: each workflow\'s n8n project is its workspace)',
		],
	])('%s=%s is refused, naming the variable and the fix', (variable, value, message) => {
		let caught: unknown;
		try {
			settingsFromEnv({ [variable]: value, HOME: '/home/n' });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(SettingsError);
		expect((caught as SettingsError).message).toBe(message);
		expect((caught as SettingsError).variable).toBe(variable);
	});

	it('reads again when a value changes (an operator change applies without a restart)', () => {
		const env: Record<string, string> = { [WORKSPACE_ENV]: 'A', HOME: '/home/n' };
		const first = settingsFromEnv(env);
		expect(settingsFromEnv(env)).toBe(first);
		env[WORKSPACE_ENV] = 'B';
		expect(settingsFromEnv(env).workspace).toBe('B');
	});
});
