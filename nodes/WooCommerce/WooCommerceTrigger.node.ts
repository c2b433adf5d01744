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
import { wooCommerceDefinition } from './WooCommerce.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on WooCommerce deliveries whose signature checks out; everything else gets 401. */
export class WooCommerceTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(wooCommerceDefinition, {
			icon: { light: 'file:wooCommerce.svg', dark: 'file:wooCommerce.dark.svg' },
		}),
		displayName: 'WooCommerce Trigger (API Connections)',
		description: 'Start a workflow on WooCommerce events (signature verified)',
		icon: { light: 'file:wooCommerce.svg', dark: 'file:wooCommerce.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, wooCommerceDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, wooCommerceDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, wooCommerceDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, wooCommerceDefinition);
	}
}
