/**
 * Per-operation fixtures: for every operation of a service's spec, one recorded exchange file
 * (`<fixturesDir>/<serviceId>/<resource>.<operation>.json`) holding the node parameters, the exact requests the
 * node sends (method, URL, query, headers including the auth header's shape, body) and the vendor's answers,
 * and the exact output items. `operationFixtureSuite` runs each operation through a real workflow against its
 * file and fails on any difference, or when an operation has no file.
 *
 * `RECORD_FIXTURES=1` rewrites the request halves and the outputs from what the node sends now (the answers
 * stay: they are the vendor's documented examples, written by hand), and writes a stub for an operation that
 * has none, built from the spec, whose answer must then be replaced by the vendor's example.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import nock from 'nock';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';

import { useRuntime } from '../../lib/runtime';
import type { OperationSpec, ParamSpec, ServiceDefinition } from '../../lib/spec/types';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode } from '../harness';

export interface FixtureRequest {
	method: string;
	/** Origin and path as sent (percent-encoded), without the query string. */
	url: string;
	/** Decoded query parameters; a repeated key is a list. */
	query?: Record<string, string | string[]>;
	/** Every header the node sets (transport-level ones such as Host and Content-Length left out). */
	headers: Record<string, string>;
	/** JSON body (parsed) or any other body as text. */
	body?: unknown;
	/** Form body (`application/x-www-form-urlencoded`), decoded; a repeated key is a list. */
	form?: Record<string, string | string[]>;
}

export interface FixtureResponse {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** A binary answer (a .docx, a PDF) as base64, sent as those bytes (`body` is text or JSON). */
	base64?: string;
}

export interface OperationFixture {
	/** What the fixture shows and where its answers come from (the vendor's documentation). */
	description: string;
	node?: { typeVersion?: number };
	credentials: Record<string, ICredentialDataDecryptedObject>;
	parameters: INodeParameters;
	/** The items the node gets (default one empty item), e.g. one with a binary field to upload. */
	input?: INodeExecutionData[];
	exchanges: Array<{ request: FixtureRequest; response: FixtureResponse }>;
	/** The node's output items (json). */
	output: IDataObject[];
}

export interface FixtureSuiteOptions {
	services: ServiceDefinition[];
	/** Folder holding `<serviceId>/<resource>.<operation>.json`. */
	fixturesDir: string;
	/** Node classes; a service's node is the one whose `description.name` is the spec id. */
	nodeTypes: Array<INodeType | IVersionedNodeType>;
	credentialTypes: ICredentialType[];
}

/** Headers the transport adds (not the node): left out of fixtures. */
const TRANSPORT_HEADERS = new Set([
	'host',
	'content-length',
	'user-agent',
	'accept-encoding',
	'connection',
]);

const RECORD = process.env.RECORD_FIXTURES === '1';
/** Marks a stub's answer until the vendor's documented example replaces it. */
const TODO = 'TODO: replace with the vendor documentation example answer';

/** Every spec operation of these services, with the fixture file it needs. */
export interface FixtureEntry {
	service: ServiceDefinition;
	/** The spec operation; absent for a fixture of a node without spec operations (Custom API, GraphQL). */
	operation?: OperationSpec;
	key: string;
	file: string;
}

export function operationFixtures(
	services: ServiceDefinition[],
	fixturesDir: string,
): FixtureEntry[] {
	return services.flatMap((service) =>
		service.spec.resources.flatMap((resource) =>
			resource.operations.map((operation) => {
				const key = `${service.spec.id} ${resource.id}.${operation.id}`;
				const file = join(fixturesDir, service.spec.id, `${resource.id}.${operation.id}.json`);
				return { service, operation, key, file };
			}),
		),
	);
}

/**
 * Fixtures in a service's folder that belong to no spec operation: requests of nodes whose operations are not
 * in the spec (Custom API's and GraphQL's free requests, a generated Custom Request). They are replayed too.
 */
export function extraFixtures(services: ServiceDefinition[], fixturesDir: string): FixtureEntry[] {
	const known = new Set(operationFixtures(services, fixturesDir).map((e) => e.file));
	return services.flatMap((service) => {
		const dir = join(fixturesDir, service.spec.id);
		if (!existsSync(dir)) return [];
		return readdirSync(dir)
			.filter((name) => name.endsWith('.json') && !known.has(join(dir, name)))
			.sort()
			.map((name) => ({
				service,
				key: `${service.spec.id} ${name.replace(/\.json$/, '')}`,
				file: join(dir, name),
			}));
	});
}

function decodedPairs(params: URLSearchParams): Record<string, string | string[]> | undefined {
	const out: Record<string, string | string[]> = {};
	for (const [key, value] of params) {
		const had = out[key];
		out[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
	}
	return Object.keys(out).length > 0 ? out : undefined;
}

function recordRequest(
	origin: string,
	method: string,
	uri: string,
	headers: Record<string, string | string[] | undefined>,
	body: unknown,
): FixtureRequest {
	const url = new URL(uri, origin);
	const kept: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers).sort(([a], [b]) => a.localeCompare(b)))
		if (!TRANSPORT_HEADERS.has(name) && value !== undefined)
			kept[name] = Array.isArray(value) ? value.join(', ') : value;
	const request: FixtureRequest = { method, url: `${url.origin}${url.pathname}`, headers: kept };
	const query = decodedPairs(url.searchParams);
	if (query) request.query = query;
	const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(kept['content-type'] ?? '')?.[1];
	if (boundary && typeof body === 'string') {
		// The boundary is random per request: recorded as BOUNDARY; the bytes as latin1 text (nock hands binary bodies as hex).
		const text = Buffer.from(body, /^[0-9a-f]*$/.test(body) ? 'hex' : 'utf8').toString('latin1');
		kept['content-type'] = 'multipart/form-data; boundary=BOUNDARY';
		request.body = text.split(boundary).join('BOUNDARY');
		return request;
	}
	if (typeof body === 'string' && body !== '') {
		if (kept['content-type']?.startsWith('application/x-www-form-urlencoded'))
			request.form = decodedPairs(new URLSearchParams(body));
		else {
			try {
				request.body = JSON.parse(body) as unknown;
			} catch {
				request.body = body;
			}
		}
	} else if (body !== undefined && body !== '') request.body = body;
	return request;
}

/** A stub's parameter values from the spec: each required field gets a sample of its type. */
function sampleParameters(resource: string, operation: OperationSpec): INodeParameters {
	const sample = (p: ParamSpec) => {
		if (p.default !== undefined && p.default !== '') return p.default;
		if (p.options?.length) return p.options[0].value;
		if (p.type === 'number') return 1;
		if (p.type === 'boolean') return true;
		return p.placeholder ?? `sample-${p.name}`;
	};
	const required = (operation.params ?? []).filter((p) => p.required);
	return {
		resource,
		operation: operation.id,
		...Object.fromEntries(required.map((p) => [p.name, sample(p)])),
	};
}

function stubFixture(service: ServiceDefinition, resource: string, operation: OperationSpec) {
	const credentialType = service.spec.auth[0]?.credentialType;
	// Where the fake listens until the first recording; the recording writes the real URL.
	const request = { method: operation.method, url: `${service.spec.baseUrl}${operation.path}` };
	return {
		description: `${service.spec.displayName}: ${operation.action}. ${TODO}.`,
		credentials: credentialType ? { [credentialType]: {} } : {},
		parameters: sampleParameters(resource, operation),
		exchanges: [{ request, response: { status: 200, body: { todo: TODO } } }],
		output: [],
	} as unknown as OperationFixture;
}

/** Runs one fixture: the node against a fake answering its responses in order; returns what was sent and output. */
export async function replayFixture(
	fixture: OperationFixture,
	type: string,
	options: Pick<FixtureSuiteOptions, 'nodeTypes' | 'credentialTypes'>,
) {
	const clock = new FakeClock();
	useRuntime({ clock, random: () => 0.5, observers: [] });
	const sent: FixtureRequest[] = [];
	for (const { request, response } of fixture.exchanges) {
		// A stub's URL may still hold base-URL placeholders (`{server}`): then any host answers, once.
		const origin = URL.canParse(request.url) ? new URL(request.url).origin : undefined;
		nock(origin ?? /.*/)
			.intercept(() => true, request.method)
			.reply(function (uri, body) {
				const host = `https://${String(this.req.headers.host)}`;
				sent.push(recordRequest(origin ?? host, this.req.method, uri, this.req.headers, body));
				if (response.base64 !== undefined)
					return [response.status, Buffer.from(response.base64, 'base64'), response.headers ?? {}];
				const json =
					response.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' };
				const text =
					response.body === undefined
						? ''
						: typeof response.body === 'string'
							? response.body
							: JSON.stringify(response.body);
				return [response.status, text, { ...json, ...(response.headers ?? {}) }];
			});
	}
	try {
		const result = await driveClock(
			clock,
			runNode({
				nodeTypes: options.nodeTypes,
				credentialTypes: options.credentialTypes,
				credentials: fixture.credentials,
				node: { type, parameters: fixture.parameters, typeVersion: fixture.node?.typeVersion },
				...(fixture.input ? { input: fixture.input } : {}),
			}),
		);
		const pending = nock.pendingMocks();
		return {
			sent,
			output: (result.outputs[0] ?? []).map((item) => item.json),
			error: result.error,
			pending,
		};
	} finally {
		nock.cleanAll();
		useRuntime();
	}
}

function nodeTypeOf(service: ServiceDefinition, options: FixtureSuiteOptions): string {
	const type = options.nodeTypes.find((t) => t.description.name === service.spec.id);
	if (!type)
		throw new Error(
			`No node class named "${service.spec.id}" was passed to the fixture suite: add the service's node class to nodeTypes`,
		);
	return type.description.name;
}

/**
 * Checks one operation against its fixture (throws on a missing fixture, a stub's TODO answer, or any difference
 * in the requests or the output); with `record`, first writes a missing stub and re-records request halves and
 * output.
 */
export async function checkOperationFixture(
	entry: FixtureEntry,
	options: FixtureSuiteOptions,
	record = RECORD,
): Promise<void> {
	const { service, operation, file } = entry;
	const resource = file.split('/').at(-1)!.split('.')[0];
	if (!existsSync(file)) {
		if (!record || !operation)
			throw new Error(
				`${service.spec.id} ${resource}.${operation?.id ?? ''} has no fixture: create ${file} (RECORD_FIXTURES=1 npm run -s test:jest -- test/conformance/operations.test.ts writes a stub from the spec), then put the vendor's documented example answer in its response`,
			);
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(
			file,
			`${JSON.stringify(stubFixture(service, resource, operation), null, '\t')}\n`,
		);
	}
	const fixture = JSON.parse(readFileSync(file, 'utf8')) as OperationFixture;
	if (JSON.stringify(fixture).includes(TODO))
		throw new Error(
			`${file} still has the stub's TODO: put the vendor's documented example answer in its response, then record again`,
		);
	const result = await replayFixture(fixture, nodeTypeOf(service, options), options);

	if (record) {
		fixture.exchanges = fixture.exchanges.map((exchange, i) => ({
			request: result.sent[i] ?? exchange.request,
			response: exchange.response,
		}));
		fixture.output = result.output;
		writeFileSync(file, `${JSON.stringify(fixture, null, '\t')}\n`);
	}

	expect(result.error).toBeUndefined();
	expect(result.pending).toEqual([]);
	expect(result.sent).toEqual(fixture.exchanges.map((e) => e.request));
	expect(result.output).toEqual(fixture.output);
}

/** Declares one test per spec operation of every service (call inside a describe). */
export function operationFixtureSuite(options: FixtureSuiteOptions): void {
	beforeAll(() => nock.disableNetConnect());
	afterAll(() => nock.enableNetConnect());

	const all = [
		...operationFixtures(options.services, options.fixturesDir),
		...extraFixtures(options.services, options.fixturesDir),
	];
	it.each(all.map((entry) => [entry.key, entry] as const))(
		'%s: the recorded request and output',
		async (_key, entry) => {
			await checkOperationFixture(entry, options);
		},
	);
}
