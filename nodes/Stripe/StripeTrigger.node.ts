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
import { stripeDefinition } from './Stripe.service';
import { packageRuntime } from '../runtime';

/**
 * Registers a Stripe webhook endpoint for the chosen events on activation (keeping the signing secret Stripe
 * returns), deletes it on deactivation, and starts the workflow only for deliveries whose Stripe-Signature
 * checks out (HMAC-SHA256 over `t.body`, any `v1`, at most 300 s old); everything else gets 401.
 */
export class StripeTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(stripeDefinition, {
			icon: { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' },
		}),
		// Named apart from n8n's own nodes of the same service (the canvas keeps the short default name).
		displayName: 'Stripe Trigger (API Connections)',
		// n8n's app page shows the trigger's description above the actions of both nodes: it speaks for both.
		description:
			'Stripe customers, payments, subscriptions and invoices: start a workflow on Stripe events (signature verified), or use the actions',
		icon: { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, stripeDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, stripeDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, stripeDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, stripeDefinition);
	}
}
