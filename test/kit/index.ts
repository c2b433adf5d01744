/**
 * The service test kit: one call gives a service suite its workflow runner (n8n-core's real WorkflowExecute,
 * through test/harness) and its vendor fake (nock on the service's origin, recording every request), on
 * virtual time. See docs/adding-a-service.md § 6.
 *
 * ```ts
 * const kit = serviceKit({ origin: API, nodeTypes: [new Github()], credentialTypes: [...], credentials });
 * it('gets a repository', async () => {
 *   const seen = kit.fake(['GET', 200, repo]);
 *   const { outputs } = await kit.run('github', { resource: 'repository', operation: 'get', ... });
 *   expect(seen[0]).toMatchObject({ method: 'GET', uri: '/repos/n8n-io/n8n' });
 * });
 * ```
 */
import nock from 'nock';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';

import { useRuntime, type RuntimeOptions } from '../../lib/runtime';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../harness';

/** One request as the vendor fake received it. */
export interface Seen {
	method: string;
	/** Path and query string exactly as sent (percent-encoded). */
	uri: string;
	/** The body: parsed JSON, the raw text of any other body, or undefined when there was none. */
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

/** `[method, status, body, headers?]`: one answer of the fake, matched to the next request of that method. */
export type Reply = [string, number, unknown, Record<string, string>?];

export interface ServiceKitOptions {
	/** The vendor's origin, e.g. `https://api.github.com`. */
	origin: string;
	nodeTypes: Array<INodeType | IVersionedNodeType>;
	credentialTypes?: ICredentialType[];
	/** Decrypted credential data by credential type name, used by every run unless a run passes its own. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/**
	 * Runtime options for each test (a fresh FakeClock and `random: () => 0.5` are added). Default: no
	 * connection observers, so a suite can use several credentials of one service; test the connection
	 * features on their own.
	 */
	runtime?: Omit<RuntimeOptions, 'clock'>;
	/** Headers every fake answer carries (e.g. the vendor's request-id header); an answer's own win. */
	replyHeaders?: (index: number) => Record<string, string>;
}

export interface ServiceKit {
	/** Runs `node` (its short type name) with these parameters in a real workflow, on virtual time. */
	run(
		type: string,
		parameters: INodeParameters,
		extra?: Partial<RunNodeOptions>,
	): Promise<RunNodeResult>;
	/** Answers the next requests (any path) with these replies in order; returns what they carried. */
	fake(...replies: Reply[]): Seen[];
	/** This test's virtual clock. */
	readonly clock: FakeClock;
}

/** Parses a recorded request body: JSON when it is JSON, else the text; undefined when empty. */
export function parseBody(requestBody: unknown): unknown {
	if (typeof requestBody !== 'string') return requestBody;
	if (requestBody === '') return undefined;
	try {
		return JSON.parse(requestBody) as unknown;
	} catch {
		return requestBody;
	}
}

/** Sets up nock and the runtime around every test of the calling suite, and returns its runner and fake. */
export function serviceKit(options: ServiceKitOptions): ServiceKit {
	let clock = new FakeClock();

	beforeAll(() => nock.disableNetConnect());
	beforeEach(() => {
		clock = new FakeClock();
		useRuntime({ observers: [], random: () => 0.5, ...options.runtime, clock });
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => {
		useRuntime();
		nock.enableNetConnect();
	});

	return {
		get clock() {
			return clock;
		},
		run(type, parameters, extra = {}) {
			const { node, ...rest } = extra;
			return driveClock(
				clock,
				runNode({
					nodeTypes: options.nodeTypes,
					credentialTypes: options.credentialTypes,
					credentials: options.credentials,
					...rest,
					node: { ...node, type, parameters },
				}),
			);
		},
		fake(...replies) {
			const seen: Seen[] = [];
			let scope = nock(options.origin);
			for (const [method, status, body, headers] of replies) {
				scope = scope
					.intercept(() => true, method)
					.reply(function (uri, requestBody) {
						seen.push({
							method: this.req.method,
							uri,
							body: parseBody(requestBody),
							headers: this.req.headers,
						});
						const empty = status === 204 || body === undefined;
						const json: Record<string, string> = empty
							? {}
							: { 'content-type': 'application/json; charset=utf-8' };
						return [
							status,
							(empty ? '' : body) as nock.Body,
							{ ...json, ...(options.replyHeaders?.(seen.length) ?? {}), ...(headers ?? {}) },
						];
					});
			}
			return seen;
		},
	};
}

export {
	operationFixtures,
	extraFixtures,
	type FixtureEntry,
	operationFixtureSuite,
	checkOperationFixture,
	replayFixture,
	type OperationFixture,
	type FixtureSuiteOptions,
} from './operations';
export { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';
export { agreementProblems, docPageOf } from './agreement';
