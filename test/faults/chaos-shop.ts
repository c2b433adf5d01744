/**
 * A test-only spec-driven service for the fault suite: one write (POST /orders) whose spec declares an
 * `idempotencyHeader`, so the engine sends one key per item and may retry writes. The base URL is the
 * chaos server's, known only once it listens, hence a factory.
 */
import type {
	ICredentialType,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { bearerAuthenticate, bearerTokenProperties } from '../../lib/auth/kinds';
import type { ServiceDefinition } from '../../lib/spec/types';

export const CHAOS_SHOP_TOKEN = 'chaos_tok_123456';

export function chaosShopDefinition(baseUrl: string): ServiceDefinition {
	return {
		spec: {
			id: 'chaosShop',
			displayName: 'Chaos Shop',
			description: 'A shop API behind a chaos server, for the fault suite',
			docsUrl: 'https://chaos-shop.example.test/docs',
			baseUrl,
			auth: [{ kind: 'bearer', credentialType: 'chaosShopApi', displayName: 'Access Token' }],
			credentialTest: { path: '/me' },
			idempotencyHeader: 'Idempotency-Key',
			resources: [
				{
					id: 'order',
					name: 'Order',
					operations: [
						{
							id: 'create',
							name: 'Create',
							action: 'Create an order',
							method: 'POST',
							path: '/orders',
							body: 'json',
							params: [
								// The item id travels in the query too, so the server can attribute a request it resets unread.
								{ name: 'item', displayName: 'Item', in: 'query', type: 'string', required: true },
								{
									name: 'itemRef',
									displayName: 'Item Reference',
									in: 'body',
									type: 'string',
									required: true,
									bodyPath: 'item',
								},
								{
									name: 'amount',
									displayName: 'Amount',
									in: 'body',
									type: 'number',
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

export class ChaosShopApi implements ICredentialType {
	name = 'chaosShopApi';
	displayName = 'Chaos Shop API';
	properties = bearerTokenProperties();
	authenticate = bearerAuthenticate;
}

/** The node for a given chaos server URL (type name `chaosShop`). */
export function chaosShopNode(baseUrl: string): INodeType {
	const definition = chaosShopDefinition(baseUrl);
	return {
		description: buildDescription(definition.spec, { icon: 'file:chaos.svg' }),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await executeSpec(this, definition);
		},
	};
}
