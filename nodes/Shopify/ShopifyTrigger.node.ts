import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	buildTriggerDescription,
	triggerCheckExists,
	triggerCreate,
	triggerDelete,
	triggerWebhook,
} from '../../lib/triggers';
import { shopifyDefinition } from './Shopify.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on Shopify deliveries whose signature checks out; everything else gets 401. */
export class ShopifyTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(shopifyDefinition, {
			icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		}),
		displayName: 'Shopify Trigger (API Connections)',
		description: 'Start a workflow on Shopify events (signature verified)',
		icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, shopifyDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, shopifyDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, shopifyDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, shopifyDefinition);
	}
}
