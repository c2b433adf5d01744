/**
 * The HubSpot node against HubSpot's own client, `@hubspot/api-client` 14.0.1 (npm, generated from HubSpot's API
 * descriptions):
 * - every recorded request to api.hubapi.com (test/fixtures/operations/hubspot) is a route of the SDK's generated
 *   APIs (`lib/codegen/**\/apis/*.js`: `localVarPath` and the method of its `makeRequestContext`), and each query
 *   key it sends is one that route's SDK function sets (`setQueryParam` / `appendQueryParam`); lists repeat their
 *   key, as the SDK's `appendQueryParam` does;
 * - the JSON bodies of object create/update/search/batch requests use only the keys of the SDK's request models;
 * - the routes the SDK does not ship (workflow enrolment v2, the Forms submission host) are listed with the HubSpot
 *   page that documents them, and every fixture is covered by one or the other;
 * - the OAuth endpoints are the SDK's (`TokensApi`, `OauthDiscovery.getAuthorizationUrl`), and Disconnect's revoke
 *   is `RefreshTokensApi.archive`;
 * - the SDK's `Signature.getSignature` gives what the trigger's v1, v2 and v3 schemes verify, and services.md's vector.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { checkDelivery } from '../../lib/webhooks';
import { HUBSPOT_OAUTH } from '../../nodes/Hubspot/Hubspot.oauth';
import {
	hubspotSignatureV1,
	hubspotSignatureV2,
	hubspotSignatureV3,
	hubspotSpec,
} from '../../nodes/Hubspot/Hubspot.service';
import type { OperationFixture } from '../kit/operations';

const SDK = join(__dirname, '..', '..', 'node_modules', '@hubspot', 'api-client', 'lib');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Signature } = require(join(SDK, 'src', 'utils', 'signature.js')) as {
	Signature: {
		getSignature(method: string, version: string, o: Record<string, unknown>): string;
	};
};

interface Route {
	method: string;
	template: string;
	pattern: RegExp;
	query: Set<string>;
	file: string;
}

function jsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return jsFiles(path);
		return /\/apis\/[A-Za-z]+Api\.js$/.test(path) ? [path] : [];
	});
}

/** Every route of the SDK's generated APIs, with the query keys its function sets. */
const ROUTES: Route[] = jsFiles(join(SDK, 'codegen')).flatMap((file) => {
	const text = readFileSync(file, 'utf8');
	const blocks = text.split(/const localVarPath = /).slice(1);
	return blocks.flatMap((block) => {
		const template = /^'([^']+)'/.exec(block)?.[1];
		const method = /makeRequestContext\(localVarPath, http_1\.HttpMethod\.([A-Z]+)\)/.exec(
			block,
		)?.[1];
		if (!template || !method) return [];
		const query = new Set(
			[...block.matchAll(/(?:set|append)QueryParam\("([^"]+)"/g)].map((m) => m[1]),
		);
		const pattern = new RegExp(`^${template.replace(/\/$/, '').replace(/\{[^}]+\}/g, '[^/]+')}$`);
		return [{ method, template, pattern, query, file }];
	});
});

/** Model keys (`attributeTypeMap` baseNames) of an SDK model of the contacts API. */
function modelKeys(model: string): string[] {
	const text = readFileSync(
		join(SDK, 'codegen', 'crm', 'contacts', 'models', `${model}.js`),
		'utf8',
	);
	return [...text.matchAll(/"baseName": "([^"]+)"/g)].map((m) => m[1]);
}

/** Routes HubSpot documents that the SDK 14.0.1 does not generate, with their doc source. */
const DOCUMENTED_ONLY: Record<string, { method: string; pattern: RegExp; source: string }> = {
	'account.getMe': {
		method: 'GET',
		pattern: /^https:\/\/api\.hubapi\.com\/account-info\/v3\/details$/,
		source:
			'https://developers.hubspot.com/docs/api-reference/settings/account-information/get-account-info-v3-details',
	},
	'workflow.enrollContact': {
		method: 'POST',
		pattern:
			/^https:\/\/api\.hubapi\.com\/automation\/v2\/workflows\/[^/]+\/enrollments\/contacts\/[^/]+$/,
		source: 'https://legacydocs.hubspot.com/docs/methods/workflows/add_contact',
	},
	'form.submit': {
		method: 'POST',
		pattern: /^https:\/\/api\.hsforms\.com\/submissions\/v3\/integration\/submit\/[^/]+\/[^/]+$/,
		source: 'https://legacydocs.hubspot.com/docs/methods/forms/submit_form',
	},
};

const dir = join(__dirname, '..', 'fixtures', 'operations', 'hubspot');
const fixtures = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map(
		(f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8'))] as const,
	) as Array<readonly [string, OperationFixture]>;

it('the SDK has routes to compare with', () => {
	expect(ROUTES.length).toBeGreaterThan(300);
});

describe.each(fixtures)('%s', (name, fixture) => {
	it.each(fixture.exchanges.map((e, n) => [n, e.request] as const))(
		'request %i is a route of @hubspot/api-client (or a documented route it does not ship)',
		(_n, request) => {
			const url = new URL(request.url);
			const documented = DOCUMENTED_ONLY[name];
			if (documented) {
				expect(request.method).toBe(documented.method);
				expect(`${url.origin}${url.pathname}`).toMatch(documented.pattern);
				return;
			}
			expect(url.origin).toBe('https://api.hubapi.com');
			const routes = ROUTES.filter(
				(r) => r.method === request.method && r.pattern.test(url.pathname.replace(/\/$/, '')),
			);
			expect(routes.map((r) => r.template)).not.toEqual([]);
			const known = new Set(routes.flatMap((r) => [...r.query]));
			expect(Object.keys(request.query ?? {}).filter((k) => !known.has(k))).toEqual([]);
		},
	);
});

describe('request bodies use the SDK models’ keys', () => {
	const byOperation: Record<string, string> = {
		create: 'SimplePublicObjectInputForCreate',
		update: 'SimplePublicObjectInput',
		search: 'PublicObjectSearchRequest',
		getBatch: 'BatchReadInputSimplePublicObjectId',
	};
	const objectFixtures = fixtures.filter(([name]) =>
		/^(contact|company|deal|ticket)\.(create|update|search|getBatch)$/.test(name),
	);
	it.each(objectFixtures)('%s', (name, fixture) => {
		const model = byOperation[name.split('.')[1]];
		const body = (fixture.exchanges[0].request.body ?? {}) as Record<string, unknown>;
		expect(Object.keys(body).filter((k) => !modelKeys(model).includes(k))).toEqual([]);
	});
	it('a batch/create input and a batch/update input are the SDK’s batch input models', () => {
		expect(modelKeys('SimplePublicObjectBatchInputForCreate').sort()).toEqual(
			['associations', 'objectWriteTraceId', 'properties'].sort(),
		);
		expect(modelKeys('SimplePublicObjectBatchInput')).toEqual(
			expect.arrayContaining(['id', 'properties']),
		);
		expect(modelKeys('SimplePublicObject')).toContain('objectWriteTraceId');
		for (const type of ['contacts', 'companies', 'deals', 'tickets'])
			for (const action of ['create', 'update', 'read'])
				expect(
					ROUTES.some(
						(r) => r.method === 'POST' && r.template === `/crm/v3/objects/${type}/batch/${action}`,
					),
				).toBe(true);
		const batched = hubspotSpec.resources
			.flatMap((r) => r.operations)
			.map((op) => op.listBatch?.path)
			.filter(Boolean);
		expect(batched).toHaveLength(8);
	});
});

it('the OAuth endpoints are the SDK’s', () => {
	const tokens = readFileSync(join(SDK, 'codegen', 'oauth', 'apis', 'TokensApi.js'), 'utf8');
	expect(tokens).toContain(`'${new URL(HUBSPOT_OAUTH.tokenUrl).pathname}'`);
	const discovery = readFileSync(
		join(SDK, 'src', 'discovery', 'oauth', 'OauthDiscovery.js'),
		'utf8',
	);
	expect(discovery).toContain(HUBSPOT_OAUTH.authUrl);
});

it('Disconnect’s revoke is the SDK’s RefreshTokensApi.archive route', () => {
	const [revoke] = [hubspotSpec.connection!.revoke!].flat();
	const route = ROUTES.find((r) => r.template === revoke.path && r.method === revoke.method);
	expect(route?.file).toMatch(/oauth\/apis\/RefreshTokensApi\.js$/);
});

describe('the SDK’s Signature and the trigger’s schemes agree', () => {
	const input = {
		clientSecret: 'hs_client_secret',
		requestBody: '[{"eventId":1}]',
		url: 'https://example.com/webhooks/hubspot',
	};
	const verify = (scheme: typeof hubspotSignatureV1, headers: Record<string, string>, now = 1) =>
		checkDelivery(scheme, {
			rawBody: Buffer.from(input.requestBody),
			url: input.url,
			method: 'POST',
			secret: input.clientSecret,
			headers,
			now,
		});
	it('v3: the services.md vector', () => {
		const signature = Signature.getSignature('POST', 'v3', { ...input, timestamp: 1700000000000 });
		expect(signature).toBe('quEgwqH6IpdSNhTjyxc0iJMclpZAaZST0QSP3gaWb/w=');
		expect(
			verify(
				hubspotSignatureV3,
				{ 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': '1700000000000' },
				1700000000000,
			).ok,
		).toBe(true);
	});
	it('v2 and v1', () => {
		expect(
			verify(hubspotSignatureV2, {
				'x-hubspot-signature': Signature.getSignature('POST', 'v2', input),
			}).ok,
		).toBe(true);
		expect(
			verify(hubspotSignatureV1, {
				'x-hubspot-signature': Signature.getSignature('POST', 'v1', input),
			}).ok,
		).toBe(true);
	});
});
