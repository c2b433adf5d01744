/**
 * Test services for the connections features: "Chirp" (a social network with a "who am I" request,
 * a rate limit, bearer and OAuth2 credentials and a revoke endpoint), "Chirp Ads" (same service type),
 * and "Any REST" (a generic connection exempt from the one-per-workspace rule).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
	ICredentialType,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../../lib/builder/description';
import type { Binding, UsageBatch } from '../../../lib/connections/types';
import { executeSpec } from '../../../lib/builder/execute';
import { ServiceCatalog } from '../../../lib/connections/catalog';
import {
	ConnectionsObserver,
	type ConnectionsObserverOptions,
} from '../../../lib/connections/observer';
import { SqliteConnectionStore } from '../../../lib/connections/sqlite-store';
import { systemClock } from '../../../lib/limits/clock';
import { useRuntime } from '../../../lib/runtime';
import {
	bearerAuthenticate,
	bearerTokenProperties,
	oauth2Properties,
} from '../../../lib/auth/kinds';
import type { ServiceDefinition, ServiceSpec } from '../../../lib/spec/types';
import { FakeClock } from '../../helpers/fake-clock';
import { Connections } from '../../../nodes/Connections/Connections.node';
import { credentialsFor, propertiesFor } from '../../../nodes/Connections/description';

export const CHIRP = 'https://api.chirp.test';
export const CHIRP_AUTH = 'https://auth.chirp.test';

export const chirpSpec: ServiceSpec = {
	id: 'chirp',
	displayName: 'Chirp',
	description: 'A social network used to test connections',
	docsUrl: 'https://docs.chirp.test',
	baseUrl: `${CHIRP}/v2`,
	auth: [
		{ kind: 'bearer', credentialType: 'chirpApi', displayName: 'Access Token' },
		{
			kind: 'oauth2',
			credentialType: 'chirpOAuth2Api',
			displayName: 'OAuth2',
			oauth2: {
				grantType: 'authorizationCode',
				authUrl: `${CHIRP_AUTH}/authorize`,
				tokenUrl: `${CHIRP_AUTH}/token`,
				scopes: ['read', 'post'],
			},
		},
	],
	credentialTest: { path: '/me' },
	account: { path: '/me', labelPath: 'username' },
	rateLimit: { requests: 200, windowMs: 3_600_000 },
	resources: [
		{
			id: 'post',
			name: 'Post',
			operations: [
				{
					id: 'get',
					name: 'Get',
					action: 'Get a post',
					method: 'GET',
					path: '/posts/{postId}',
					params: [
						{ name: 'postId', displayName: 'Post ID', in: 'path', type: 'string', required: true },
					],
				},
			],
		},
	],
	connection: {
		revoke: {
			method: 'POST',
			path: `${CHIRP_AUTH}/oauth/revoke`,
			tokenIn: 'form',
			authenticated: false,
		},
	},
};

/** A second node of the same service type (one connection covers both). */
export const chirpAdsSpec: ServiceSpec = {
	...chirpSpec,
	id: 'chirpAds',
	displayName: 'Chirp Ads',
	family: 'chirp',
	account: undefined,
	connection: { familyName: 'Chirp' },
	resources: [
		{
			id: 'campaign',
			name: 'Campaign',
			operations: [
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'Get campaigns',
					method: 'GET',
					path: '/campaigns',
				},
			],
		},
	],
};

/** A generic connection: every credential is its own connection, no workspace rule. */
export const anyRestSpec: ServiceSpec = {
	id: 'anyRest',
	displayName: 'Any REST',
	description: 'A generic REST connection used to test exemptions',
	docsUrl: 'https://docs.example.test',
	baseUrl: 'https://rest.example.test',
	auth: [{ kind: 'bearer', credentialType: 'anyRestApi', displayName: 'Bearer Token' }],
	credentialTest: { path: '/' },
	resources: [
		{
			id: 'thing',
			name: 'Thing',
			operations: [
				{ id: 'get', name: 'Get', action: 'Get a thing', method: 'GET', path: '/things' },
			],
		},
	],
	connection: { exclusive: false },
};

export class ChirpApi implements ICredentialType {
	name = 'chirpApi';
	displayName = 'Chirp API';
	properties = bearerTokenProperties();
	authenticate = bearerAuthenticate;
}

export class ChirpOAuth2Api implements ICredentialType {
	name = 'chirpOAuth2Api';
	displayName = 'Chirp OAuth2 API';
	extends = ['oAuth2Api'];
	properties = oauth2Properties({
		grantType: 'authorizationCode',
		authUrl: `${CHIRP_AUTH}/authorize`,
		tokenUrl: `${CHIRP_AUTH}/token`,
		scopes: ['read', 'post'],
		clientAuthentication: 'body',
	});
}

export class AnyRestApi implements ICredentialType {
	name = 'anyRestApi';
	displayName = 'Any REST API';
	properties = bearerTokenProperties();
	authenticate = bearerAuthenticate;
}

function specNode(def: ServiceDefinition): new () => INodeType {
	return class implements INodeType {
		description: INodeTypeDescription = buildDescription(def.spec, { icon: 'file:test.svg' });

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await executeSpec(this, def);
		}
	};
}

export const Chirp = specNode({ spec: chirpSpec });
export const ChirpAds = specNode({ spec: chirpAdsSpec });
export const AnyRest = specNode({ spec: anyRestSpec });

export const credentialTypes = (): ICredentialType[] => [
	new ChirpApi(),
	new ChirpOAuth2Api(),
	new AnyRestApi(),
];

/** The services of these tests: the catalog of their runtimes. */
export const testServices: ServiceSpec[] = [chirpSpec, chirpAdsSpec, anyRestSpec];

/** Make the test services (and only them, plus `extra`) the process runtime's catalog; later `useRuntime` calls keep it. */
export function useTestServices(extra: ServiceSpec[] = []): void {
	useRuntime({ observers: [], services: [...testServices, ...extra] });
}

export function tempDir(prefix = 'apiconn-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** An observer with its own store file in a fresh folder (so every test starts from an empty store). */
export function freshObserver(options: Partial<ConnectionsObserverOptions> = {}): {
	observer: ConnectionsObserver;
	file: string;
	store: SqliteConnectionStore;
} {
	const file = join(tempDir(), 'api-connections.sqlite');
	const store = new SqliteConnectionStore(file);
	const observer = new ConnectionsObserver({ store, usage: { flushOnExit: false }, ...options });
	// Until a runtime composes it, the observer knows the test services.
	observer.attach({
		clock: options.clock ?? systemClock,
		catalog: new ServiceCatalog(testServices),
	});
	return { observer, file, store };
}

/** OAuth2 credential data for Chirp. */
export function chirpOAuth(token: {
	access: string;
	refresh: string;
	expiresAt?: number;
}): Record<string, unknown> {
	return {
		clientId: 'chirp-client-1',
		clientSecret: 'chirp-client-secret-xyz',
		scope: 'read post',
		oauthTokenData: {
			access_token: token.access,
			refresh_token: token.refresh,
			token_type: 'Bearer',
			...(token.expiresAt !== undefined
				? { expires_in: 3600, n8n_expires_at: String(token.expiresAt) }
				: {}),
		},
	};
}

/** Drive virtual time while a workflow runs: fire due sleepers, let real I/O (nock) progress. */
export async function drive<T>(
	clock: { nextAt: number | null; advanceTo(at: number): Promise<void> },
	run: Promise<T>,
): Promise<T> {
	let done = false;
	void run.finally(() => (done = true)).catch(() => {});
	const started = Date.now();
	while (!done && Date.now() - started < 20_000) {
		await new Promise((r) => setTimeout(r, 1));
		if (clock.nextAt !== null) await clock.advanceTo(clock.nextAt);
	}
	return await run;
}

/** A FakeClock that can also jump forward without waking sleepers (to make a response take "120 ms"). */
export class SteppingClock extends FakeClock {
	jump(ms: number): void {
		(this as unknown as { current: number }).current += ms;
	}
}

/** The Connections node offering the test services. */
export class TestConnections extends Connections {
	constructor() {
		super();
		const specs = [chirpSpec, chirpAdsSpec, anyRestSpec];
		this.description = {
			...this.description,
			credentials: credentialsFor(specs),
			properties: propertiesFor(specs),
		};
	}
}

/** Store-test data shared by the SQLite and Redis connection-store suites. */
export const T0 = Date.parse('2026-03-01T10:15:00Z');
export const ws = 'instance:abc';

export function binding(credentialId: string, extra: Partial<Binding> = {}): Binding {
	return {
		workspace: ws,
		family: 'chirp',
		credentialId,
		credentialType: 'chirpApi',
		credentialName: `Chirp ${credentialId}`,
		serviceId: 'chirp',
		serviceName: 'Chirp',
		accountLabel: `@${credentialId}`,
		boundAt: T0,
		workflowId: 'wf-1',
		executionId: 'ex-1',
		...extra,
	};
}

export function emptyBatch(): UsageBatch {
	return { hourly: [], latest: [], executions: [], errors: [], lastErrors: [] };
}
