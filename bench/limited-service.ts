/**
 * A bench-only service in the form every shipped service has: a spec (data) whose rate-limit policy
 * declares the server's budget and headers, a credential built from the shared kinds, and a node built
 * by the spec-driven builder and router. Nothing here is special-cased for the benchmark.
 */
import type {
	ICredentialType,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../lib/builder/description';
import { executeSpec } from '../lib/builder/execute';
import { baseUrlProperty, bearerAuthenticate, bearerTokenProperties } from '../lib/auth/kinds';
import type { RateLimitPolicy } from '../lib/limits/policy';
import type { ServiceDefinition } from '../lib/spec/types';

export const LIMITED_NODE = 'benchLimitedApi';
export const LIMITED_CREDENTIAL = 'benchLimitedApiToken';

/** The spec, with the budget the bench server enforces: `requests` per `windowMs`, reported in `X-RateLimit-*`. */
export function limitedService(
	budget: { requests: number; windowMs: number },
	id: string = LIMITED_NODE,
): ServiceDefinition {
	const rateLimit: RateLimitPolicy = {
		requests: budget.requests,
		windowMs: budget.windowMs,
		headers: [
			{
				format: 'fields',
				limit: 'x-ratelimit-limit',
				remaining: 'x-ratelimit-remaining',
				reset: 'x-ratelimit-reset',
				resetUnit: 'epoch-seconds',
			},
		],
	};
	return {
		spec: {
			id,
			displayName: id === LIMITED_NODE ? 'Bench Limited API' : `Bench Limited API (${id})`,
			description: 'A loopback API that enforces a fixed-window rate limit',
			docsUrl: 'https://example.test/docs',
			baseUrl: '{baseUrl}',
			auth: [{ kind: 'bearer', credentialType: LIMITED_CREDENTIAL, displayName: 'Access Token' }],
			credentialTest: { path: '/me' },
			rateLimit,
			resources: [
				{
					id: 'item',
					name: 'Item',
					operations: [
						{
							id: 'get',
							name: 'Get',
							action: 'Get an item',
							method: 'GET',
							path: '/rl/{bucket}/items/{itemId}',
							params: [
								{
									name: 'bucket',
									displayName: 'Bucket',
									in: 'path',
									type: 'string',
									required: true,
								},
								{
									name: 'itemId',
									displayName: 'Item ID',
									in: 'path',
									type: 'string',
									required: true,
								},
							],
						},
					],
				},
			],
		},
	};
}

export class BenchLimitedApiToken implements ICredentialType {
	name = LIMITED_CREDENTIAL;
	displayName = 'Bench Limited API';
	properties = [baseUrlProperty(), ...bearerTokenProperties()];
	authenticate = bearerAuthenticate;
}

/**
 * The node, built from the spec of `budget`. n8n calls `execute` with the execution context as `this`, not
 * the node instance, so the definition is captured in a class made per budget. Another `id` is another
 * service: its own budget and its own workspace binding (the warm-up's, so it leaves the measured run alone).
 */
export function limitedNode(
	budget: { requests: number; windowMs: number },
	id: string = LIMITED_NODE,
): INodeType {
	const definition = limitedService(budget, id);
	return new (class BenchLimitedApi implements INodeType {
		description: INodeTypeDescription = buildDescription(definition.spec, {
			icon: 'file:bench.svg',
		});

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await executeSpec(this, definition);
		}
	})();
}
