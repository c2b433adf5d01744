/**
 * The Notion node against Notion's own client, `@notionhq/client` 5.26.0 (npm):
 * - its endpoint table (build/src/api-endpoints: `{method, path(), queryParams, bodyParams}` per endpoint, the
 *   code generated from Notion's API description) holds every operation's method and path;
 * - every request the recorded fixtures send (hooks included: the data source lookups, typed properties,
 *   blocks, paging) goes to such an endpoint, with only its query keys and body keys, and with the
 *   `Notion-Version` the SDK sends by default (`Client.defaultNotionVersion`);
 * - the SDK's real `Client`, run with a recording `fetch`, sends for the same calls the same method, URL,
 *   `Notion-Version` and Bearer header as the node, and for OAuth the same token URL with HTTP Basic client
 *   authentication and the same revoke request as the Connections node's Disconnect;
 * - the SDK's `signWebhookPayload` and the trigger's scheme sign the same bytes the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as endpoints from '@notionhq/client/build/src/api-endpoints';
import { Client, signWebhookPayload } from '@notionhq/client';

import { signPayload, verifySignature } from '../../lib/webhooks';
import { NOTION_OAUTH, NOTION_VERSION } from '../../nodes/Notion/Notion.oauth';
import { notionSignature, notionSpec } from '../../nodes/Notion/Notion.service';
import type { OperationFixture } from '../kit/operations';

interface Endpoint {
	method: string;
	pathParams: string[];
	queryParams: string[];
	bodyParams: string[];
	formDataParams?: string[];
	path: (p: Record<string, string>) => string;
}

/** `METHOD /v1/pages/{}` → the SDK endpoint (path params as `{}`). */
const routes = new Map<string, Endpoint & { name: string }>();
for (const [name, value] of Object.entries(endpoints as Record<string, unknown>)) {
	const e = value as Endpoint;
	if (!e || typeof e.path !== 'function' || !Array.isArray(e.bodyParams)) continue;
	const path = e.path(Object.fromEntries(e.pathParams.map((p) => [p, '\u0000'])));
	routes.set(`${e.method.toUpperCase()} /v1/${path.replace(/\u0000/g, '{}')}`, { ...e, name });
}

const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

const operations = notionSpec.resources.flatMap((r) =>
	r.operations.map((o) => ({ key: `${r.id}.${o.id}`, route: `${o.method} ${shape(o.path)}` })),
);

const fixturesDir = join(__dirname, '..', 'fixtures', 'operations', 'notion');
const fixtures = readdirSync(fixturesDir)
	.filter((f) => f.endsWith('.json'))
	.map((name) => ({
		name,
		fixture: JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as OperationFixture,
	}));

type Sent = { method: string; url: string; query?: Record<string, unknown>; body?: unknown };
type FixtureHeaders = { headers?: Record<string, string> };

/** The SDK endpoint a request goes to: the literal route (`/v1/users/me`) first, else one `{}` per segment. */
function endpointOf(method: string, path: string) {
	const exact = routes.get(`${method} ${path}`);
	if (exact) return exact;
	return [...routes.entries()].find(([route]) => {
		const [m, shaped] = route.split(' ');
		const parts = shaped.split('{}').map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
		return m === method && new RegExp(`^${parts.join('[^/]+')}$`).test(path);
	})?.[1];
}

/** A fetch that records what the SDK sends and answers like Notion. */
function recordingFetch(answer: unknown = { object: 'list', results: [], has_more: false }) {
	const seen: Array<{
		method: string;
		url: string;
		headers: Record<string, string>;
		body?: unknown;
	}> = [];
	const fetch = async (
		url: string,
		init: { method: string; headers: Record<string, string>; body?: string },
	) => {
		seen.push({
			method: init.method.toUpperCase(),
			url,
			headers: Object.fromEntries(
				Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]),
			),
			...(init.body ? { body: JSON.parse(init.body) as unknown } : {}),
		});
		return new Response(JSON.stringify(answer), {
			status: 200,
			headers: { 'content-type': 'application/json' },
		});
	};
	return { seen, fetch };
}

describe('Notion: @notionhq/client 5.26.0 endpoint table', () => {
	it('reads the SDK endpoints, and pins the version the SDK sends', () => {
		expect(routes.size).toBeGreaterThan(30);
		expect(routes.get('POST /v1/data_sources/{}/query')?.bodyParams).toContain('start_cursor');
		// The 2025-09-03 data-source model: no database query endpoint any more.
		expect(routes.has('POST /v1/databases/{}/query')).toBe(false);
		expect((Client as unknown as { defaultNotionVersion: string }).defaultNotionVersion).toBe(
			NOTION_VERSION,
		);
		expect(notionSpec.headers).toEqual({ 'Notion-Version': NOTION_VERSION });
	});

	it.each(operations)('$key: $route is an SDK endpoint', ({ route }) => {
		expect(routes.has(route)).toBe(true);
	});

	it.each(fixtures)(
		'$name: each request goes to an SDK endpoint, with its query and body keys and the Notion-Version',
		({ fixture }) => {
			for (const { request } of fixture.exchanges) {
				const sent = request as Sent & FixtureHeaders;
				const url = new URL(sent.url);
				if (url.origin !== 'https://api.notion.com') {
					// A file's signed storage link (Block → Download File): neither the token nor Notion's headers.
					expect(Object.keys(sent.headers ?? {})).not.toContain('authorization');
					expect(Object.keys(sent.headers ?? {})).not.toContain('notion-version');
					continue;
				}
				const endpoint = endpointOf(sent.method, url.pathname);
				expect(endpoint).toBeDefined();
				for (const q of Object.keys(sent.query ?? {})) expect(endpoint!.queryParams).toContain(q);
				if (typeof sent.body === 'string') {
					// multipart/form-data: its field names are the endpoint's form-data params.
					const fields = [...sent.body.matchAll(/form-data; name="([^"]+)"/g)].map((m) => m[1]);
					expect(fields.length).toBeGreaterThan(0);
					for (const f of fields) expect(endpoint!.formDataParams).toContain(f);
				} else {
					for (const b of Object.keys((sent.body as object | undefined) ?? {}))
						expect(endpoint!.bodyParams).toContain(b);
				}
				expect(sent.headers?.['notion-version']).toBe(NOTION_VERSION);
				expect(sent.headers?.authorization).toMatch(/^Bearer /);
			}
		},
	);
});

describe("Notion: the SDK's own Client sends what the node sends", () => {
	const byName = (name: string) => fixtures.find((f) => f.name === name)!.fixture;

	it.each([
		[
			'page.create.json',
			async (c: Client, b: Record<string, unknown>) =>
				await c.pages.create(b as Parameters<Client['pages']['create']>[0]),
		],
		[
			'database.query.json',
			async (c: Client, b: Record<string, unknown>, id: string) =>
				await c.dataSources.query({ data_source_id: id, ...b } as Parameters<
					Client['dataSources']['query']
				>[0]),
		],
		[
			'block.append.json',
			async (c: Client, b: Record<string, unknown>, id: string) =>
				await c.blocks.children.append({ block_id: id, ...b } as Parameters<
					Client['blocks']['children']['append']
				>[0]),
		],
		[
			'comment.create.json',
			async (c: Client, b: Record<string, unknown>) =>
				await c.comments.create(b as Parameters<Client['comments']['create']>[0]),
		],
		[
			'search.search.json',
			async (c: Client, b: Record<string, unknown>) =>
				await c.search(b as Parameters<Client['search']>[0]),
		],
		[
			'database.create.json',
			async (c: Client, b: Record<string, unknown>) =>
				await c.databases.create(b as Parameters<Client['databases']['create']>[0]),
		],
	])('%s: the same method, URL, headers and body', async (name, call) => {
		const fixture = byName(name);
		const write = fixture.exchanges
			.map((e) => e.request as Sent & FixtureHeaders)
			.find((r) => r.method !== 'GET')!;
		const token = (fixture.credentials.apiConnNotionApi as { accessToken: string }).accessToken;
		const { seen, fetch } = recordingFetch();
		const client = new Client({ auth: token, fetch: fetch as never, retry: false } as never);
		const id = decodeURIComponent(new URL(write.url).pathname.split('/')[3] ?? '');
		await call(client, structuredClone(write.body) as Record<string, unknown>, id);
		expect(seen).toHaveLength(1);
		expect(seen[0].method).toBe(write.method);
		expect(seen[0].url).toBe(write.url);
		expect(seen[0].headers.authorization).toBe(write.headers?.authorization);
		expect(seen[0].headers['notion-version']).toBe(write.headers?.['notion-version']);
		expect(seen[0].body).toEqual(write.body);
	});

	it("OAuth: the token endpoint and HTTP Basic client authentication are the SDK's", async () => {
		const { seen, fetch } = recordingFetch({ access_token: 'x', token_type: 'bearer' });
		const client = new Client({ fetch: fetch as never } as never);
		await client.oauth.token({
			client_id: 'client-1',
			client_secret: 'shh',
			grant_type: 'authorization_code',
			code: 'c0de',
			redirect_uri: 'https://n8n.example.com/rest/oauth2-credential/callback',
		});
		expect(seen[0].method).toBe('POST');
		expect(seen[0].url).toBe(NOTION_OAUTH.tokenUrl);
		expect(seen[0].headers.authorization).toBe(
			`Basic ${Buffer.from('client-1:shh').toString('base64')}`,
		);
		expect(NOTION_OAUTH.clientAuthentication).toBe('header');
	});

	it("Disconnect: the revoke request is the SDK's oauth.revoke (token in JSON, client ID and secret as Basic)", async () => {
		const { seen, fetch } = recordingFetch({});
		const client = new Client({ fetch: fetch as never } as never);
		await client.oauth.revoke({ client_id: 'client-1', client_secret: 'shh', token: 'ntn_tok' });
		const [revoke] = [notionSpec.connection!.revoke!].flat();
		expect(`${revoke.method} ${notionSpec.baseUrl}${revoke.path}`).toBe(
			`${seen[0].method} ${seen[0].url}`,
		);
		expect(seen[0].body).toEqual({ [revoke.tokenParam ?? 'token']: 'ntn_tok' });
		expect(revoke.tokenIn).toBe('json');
		expect(revoke.clientAuth).toBe('basic');
	});
});

describe('Notion: webhook signatures as the SDK signs them', () => {
	it('the services.md test vector', async () => {
		const body = '{"type":"page.created"}';
		const expected = 'sha256=9a0d196d4f08a78e46a9cc7f2afa741bb2c53aa4d409c8385229ed97e3ff848f';
		expect(await signWebhookPayload({ body, verificationToken: 'secret_verif_token' })).toBe(
			expected,
		);
		expect(
			signPayload(notionSignature, { rawBody: Buffer.from(body), secret: 'secret_verif_token' }),
		).toEqual({ 'x-notion-signature': expected });
	});

	it('a delivery the SDK signs verifies; the same bytes under another token do not', async () => {
		const body = JSON.stringify({
			id: 'e1',
			type: 'comment.created',
			entity: { id: 'c1', type: 'comment' },
		});
		const signature = await signWebhookPayload({ body, verificationToken: 'secret_abc' });
		const ok = verifySignature(notionSignature, {
			rawBody: Buffer.from(body),
			headers: { 'x-notion-signature': signature },
			secret: 'secret_abc',
			now: Date.now(),
		});
		expect(ok.ok).toBe(true);
		const bad = verifySignature(notionSignature, {
			rawBody: Buffer.from(body),
			headers: { 'x-notion-signature': signature },
			secret: 'secret_other',
			now: Date.now(),
		});
		expect(bad.ok).toBe(false);
	});
});
