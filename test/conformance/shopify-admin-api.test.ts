/**
 * The Shopify node against Shopify's own material:
 * - `@shopify/admin-api-client` 2.0.0 (Shopify's Admin API client): for every recorded fixture, the client given the
 *   same shop, pinned API version, token, document and variables calls the same URL with the same body, and the
 *   headers it sets for the Admin API (X-Shopify-Access-Token, JSON content type and accept) are the node's; the
 *   pinned version is one the client supports on this release's date.
 * - Shopify's GraphQL Admin schema (introspection of API version 2025-01 published by Shopify in Shopify/dev-mcp,
 *   `data/admin_schema_2025-01.json.gz`; a trimmed copy of the types our documents reach is vendored in
 *   test/fixtures/shopify/admin-schema-2025-01.json): every operation's document and the trigger's documents parse,
 *   every field, argument, literal and variable type exists and fits, required arguments are given, selection sets
 *   are where objects are, every declared variable is used; every fixture's variables (what the node really sends)
 *   fit the input types, enums and required input fields; option lists of enum-typed variables are values of that
 *   enum; the deprecated fields read are exactly the listed ones.
 *   `SHOPIFY_ADMIN_SCHEMA=<full introspection JSON> npm run -s test:jest -- test/conformance/shopify-admin-api.test.ts`
 *   rewrites the trimmed copy from the full schema.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createAdminApiClient } from '@shopify/admin-api-client';
import { getCurrentSupportedApiVersions } from '@shopify/graphql-client';

import type { OperationSpec } from '../../lib/spec/types';
import { readPath } from '../../lib/transport/path';
import { SHOPIFY_EVENTS, topicEnum } from '../../nodes/Shopify/Shopify.events';
import {
	CREATE_SUBSCRIPTION,
	DELETE_SUBSCRIPTION,
	FIND_SUBSCRIPTIONS,
	GET_SUBSCRIPTION,
} from '../../nodes/Shopify/Shopify.hooks';
import { SHOPIFY_API_VERSION } from '../../nodes/Shopify/Shopify.oauth';
import { shopifySpec } from '../../nodes/Shopify/Shopify.service';
import {
	parseOperation,
	SchemaIndex,
	type Schema,
	type SchemaType,
	type TypeRef,
} from '../helpers/graphql-check';
import type { OperationFixture } from '../kit/operations';

const nameOf = (t: TypeRef | null | undefined): string | undefined =>
	t ? (t.name ?? nameOf(t.ofType)) : undefined;

const FIXTURES = join(__dirname, '..', 'fixtures', 'operations', 'shopify');
const TRIMMED = join(__dirname, '..', 'fixtures', 'shopify', 'admin-schema-2025-01.json');

const operations: Array<[string, OperationSpec]> = shopifySpec.resources.flatMap((r) =>
	r.operations.map((o) => [`${r.id}.${o.id}`, o] as [string, OperationSpec]),
);
const documents: Array<[string, string]> = [
	...operations.map(([key, op]) => [key, op.graphql!.document] as [string, string]),
	['trigger: create', CREATE_SUBSCRIPTION],
	['trigger: delete', DELETE_SUBSCRIPTION],
	['trigger: find', FIND_SUBSCRIPTIONS],
	['trigger: get', GET_SUBSCRIPTION],
];
const fixtures: Array<[string, OperationFixture]> = readdirSync(FIXTURES)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((f) => [f, JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as OperationFixture]);

/** Deprecated in 2025-01 and still served: `Customer.email` (its successor `defaultEmailAddress` is newer than 2025-01). */
const DEPRECATED_READ = ['Customer.email', 'Customer.phone'];

/** The schema trimmed to the types and fields our documents reach (with every input type and enum they use). */
function trim(full: Schema): {
	queryType: { name: string };
	mutationType: { name: string };
	types: SchemaType[];
} {
	const index = new SchemaIndex(full);
	const usedFields = new Map<string, Set<string>>();
	for (const [, doc] of documents)
		for (const used of index.check(doc).used) {
			const [type, field] = used.split('.');
			if (!usedFields.has(type)) usedFields.set(type, new Set());
			usedFields.get(type)!.add(field);
		}
	const keep = new Map<string, SchemaType>();
	// An interface's or union's possible types, for checking inline fragments (`... on HasMetafields`).
	const possible = (type: SchemaType) =>
		type.possibleTypes
			? { possibleTypes: type.possibleTypes.map((t) => ({ kind: t.kind, name: t.name })) }
			: {};
	const named = (t: { name?: string | null; ofType?: unknown }): string =>
		t.name ?? named(t.ofType as { name?: string | null; ofType?: unknown });
	const include = (name: string) => {
		if (keep.has(name) || usedFields.has(name)) return;
		const type = index.types.get(name)!;
		if (type.kind === 'OBJECT' || type.kind === 'INTERFACE' || type.kind === 'UNION') {
			keep.set(name, { kind: type.kind, name, fields: [], ...possible(type) });
			return;
		}
		keep.set(name, type);
		for (const f of type.inputFields ?? []) include(named(f.type));
	};
	for (const [typeName, fieldNames] of usedFields) {
		const type = index.types.get(typeName)!;
		const fields = (type.fields ?? []).filter((f) => fieldNames.has(f.name));
		keep.set(typeName, { kind: type.kind, name: typeName, fields, ...possible(type) });
		for (const f of fields) {
			for (const a of f.args ?? []) include(named(a.type));
			include(named(f.type));
		}
	}
	for (const [, doc] of documents)
		for (const v of parseOperation(doc).variables) include(v.type.replace(/[[\]!]/g, ''));
	return {
		queryType: full.queryType,
		mutationType: full.mutationType,
		types: [...keep.values()].sort((a, b) => a.name.localeCompare(b.name)),
	};
}

if (process.env.SHOPIFY_ADMIN_SCHEMA) {
	const full = (
		JSON.parse(readFileSync(process.env.SHOPIFY_ADMIN_SCHEMA, 'utf8')) as {
			data: { __schema: Schema };
		}
	).data.__schema;
	writeFileSync(
		TRIMMED,
		`${JSON.stringify(
			{
				source:
					'Shopify GraphQL Admin API 2025-01 introspection, github.com/Shopify/dev-mcp data/admin_schema_2025-01.json.gz (commit d04507d3916dc3cbb055c9f3de07dbf7ce7d4f12), trimmed by test/conformance/shopify-admin-api.test.ts to the types the node uses',
				__schema: trim(full),
			},
			null,
			'\t',
		)}\n`,
	);
}

const schema = new SchemaIndex(
	(JSON.parse(readFileSync(TRIMMED, 'utf8')) as { __schema: Schema }).__schema,
);

describe('GraphQL documents against the Admin schema', () => {
	it('the vendored schema names its source', () => {
		expect(existsSync(TRIMMED)).toBe(true);
		expect((JSON.parse(readFileSync(TRIMMED, 'utf8')) as { source: string }).source).toContain(
			'Shopify/dev-mcp',
		);
	});

	it.each(documents)('%s: every field, argument and variable is in the schema', (_key, doc) => {
		expect(schema.check(doc).problems).toEqual([]);
	});

	it('the checker itself refuses what the schema does not allow', () => {
		expect(
			schema.check(
				'query product($id: String!, $extra: Int) { product(id: $id) { id titel variants { nodes { id } } } }',
			).problems,
		).toEqual([
			'product.product(id): $id is String!, the argument takes ID!',
			"product.product.titel: Product has no field 'titel'",
			'product.$extra is declared but not used'.replace('product.$', 'product: $'),
		]);
		expect(schema.check('query x { shop { name } ...ShopFields }').problems).toEqual([
			'does not parse: named fragments are not supported',
		]);
		expect(
			schema.check(
				'query x($id: ID!) { node(id: $id) { ... on Foo { id } ... on Location { id } ... on HasMetafields { titel } } product(id: $id) { ... on Customer { id } } }',
			).problems,
		).toEqual([
			'x.node(... on Foo): Foo is not an object, interface or union type',
			"x.node(... on HasMetafields).titel: HasMetafields has no field 'titel'",
			'x.product(... on Customer): no Product is ever a Customer',
		]);
		expect(
			schema.checkVariables(
				'mutation orderClose($input: OrderCloseInput!) { orderClose(input: $input) { order { id } userErrors { field message } } }',
				{ input: { id: 'gid://shopify/Order/1', note: 'x' } },
			),
		).toEqual(["$input: OrderCloseInput has no field 'note'"]);
	});

	it('the deprecated fields read are exactly the listed ones', () => {
		const deprecated = new Set(documents.flatMap(([, doc]) => schema.check(doc).deprecated));
		expect([...deprecated].sort()).toEqual(DEPRECATED_READ.filter((f) => deprecated.has(f)).sort());
		expect([...deprecated].every((f) => DEPRECATED_READ.includes(f))).toBe(true);
	});

	it.each(fixtures)(
		'%s: the variables the node sends fit the document’s input types',
		(_file, fixture) => {
			for (const exchange of fixture.exchanges) {
				const body = exchange.request.body as { query: string; variables: Record<string, unknown> };
				expect(schema.checkVariables(body.query, body.variables)).toEqual([]);
			}
		},
	);

	it('every option list of an enum-typed variable holds exactly values of that enum', () => {
		const problems: string[] = [];
		let checked = 0;
		for (const [key, op] of operations) {
			const variables = parseOperation(op.graphql!.document).variables;
			for (const p of op.params ?? []) {
				if (p.type !== 'options') continue;
				const [first, ...rest] = (p.bodyPath ?? p.name).replace(/\[\d+\]/g, '').split('.');
				let type = variables.find((v) => v.name === first)?.type.replace(/[[\]!]/g, '');
				for (const step of rest)
					type = nameOf(
						schema.types.get(type ?? '')?.inputFields?.find((f) => f.name === step)?.type,
					);
				const named = type;
				const inputType = named ? schema.types.get(named) : undefined;
				// A String-typed variable (the inventory quantity name and reason) takes Shopify's documented texts.
				if (!inputType || inputType.kind !== 'ENUM') continue;
				checked++;
				const values = inputType.enumValues!.map((e) => e.name);
				for (const o of p.options ?? [])
					if (!values.includes(String(o.value)))
						problems.push(`${key} ${p.name}: ${String(o.value)}`);
			}
		}
		expect(problems).toEqual([]);
		expect(checked).toBeGreaterThan(5);
	});

	it('a page of every list, at the page size the spec asks for, costs under the 1,000 points one query may cost', () => {
		const costs = operations
			.filter(([, op]) => op.paginate)
			.map(([key, op]) => {
				const paging = op.paginate as { pageSize: number };
				return [
					key,
					schema.requestedCost(op.graphql!.document, { first: paging.pageSize }),
				] as const;
			});
		expect(costs.filter(([, cost]) => cost >= 1000)).toEqual([]);
		// The estimate is not trivially small: a product page with its variants is hundreds of points.
		expect(Object.fromEntries(costs)['product.getMany']).toBeGreaterThan(300);
	});

	it('the trigger’s topics are WebhookSubscriptionTopic values, and its registration variables fit', () => {
		const topics = schema.types.get('WebhookSubscriptionTopic')!.enumValues!.map((e) => e.name);
		expect(SHOPIFY_EVENTS.map(([t]) => topicEnum(t)).filter((t) => !topics.includes(t))).toEqual(
			[],
		);
		expect(
			schema.checkVariables(CREATE_SUBSCRIPTION, {
				topic: 'ORDERS_CREATE',
				webhookSubscription: {
					callbackUrl: 'https://n8n.example.com/webhook/x/webhook',
					format: 'JSON',
				},
			}),
		).toEqual([]);
	});
});

describe("Shopify's Admin API client builds the same requests", () => {
	it(`the pinned version ${SHOPIFY_API_VERSION} is one the client supports on this release's date`, () => {
		jest.useFakeTimers({
			now: new Date('2026-12-03T12:00:00Z'),
			doNotFake: ['nextTick', 'setImmediate'],
		});
		try {
			expect(getCurrentSupportedApiVersions()).toContain(SHOPIFY_API_VERSION);
		} finally {
			jest.useRealTimers();
		}
	});

	it.each(fixtures)(
		'%s: same URL, Admin API headers and body as the client',
		async (_file, fixture) => {
			const credential = (fixture.credentials as Record<string, Record<string, string>>)
				.apiConnShopifyApi;
			for (const [index, exchange] of fixture.exchanges.entries()) {
				const seen: Array<{ url: string; headers: Record<string, string>; body: unknown }> = [];
				const client = createAdminApiClient({
					storeDomain: credential.shop,
					apiVersion: credential.apiVersion,
					accessToken: credential.accessToken,
					customFetchApi: async (url: string | URL | Request, init?: RequestInit) => {
						seen.push({
							url: String(url),
							headers: init?.headers as Record<string, string>,
							body: JSON.parse(String(init?.body)) as unknown,
						});
						return new Response(JSON.stringify(exchange.response.body), {
							status: 200,
							headers: { 'content-type': 'application/json' },
						});
					},
				});
				const sent = exchange.request.body as { query: string; variables: Record<string, unknown> };
				const answer = await client.request(sent.query, { variables: sent.variables });
				expect(seen).toHaveLength(1);
				expect(seen[0].url).toBe(exchange.request.url);
				expect(seen[0].body).toEqual(sent);
				const lower = Object.fromEntries(
					Object.entries(seen[0].headers).map(([k, v]) => [k.toLowerCase(), v]),
				);
				const ours = exchange.request.headers as Record<string, string>;
				for (const header of ['x-shopify-access-token', 'content-type', 'accept'])
					expect([header, ours[header]]).toEqual([header, lower[header]]);
				// The client reads the same data the node's result path picks.
				const op = operations.find(([key]) => `${key}.json` === _file)?.[1];
				if (op && !op.paginate && index === 0) {
					const picked = readPath({ data: answer.data }, op.response!.path!);
					expect(Array.isArray(picked) ? picked : [picked]).toEqual(fixture.output);
				}
			}
		},
	);
});
