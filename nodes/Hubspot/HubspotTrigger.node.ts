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
import { hubspotDefinition } from './Hubspot.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on HubSpot deliveries whose signature checks out; everything else gets 401. */
export class HubspotTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(hubspotDefinition, {
			icon: { light: 'file:hubspot.svg', dark: 'file:hubspot.dark.svg' },
		}),
		displayName: 'HubSpot Trigger (API Connections)',
		description: 'Start a workflow on HubSpot events (signature verified)',
		icon: { light: 'file:hubspot.svg', dark: 'file:hubspot.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, hubspotDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, hubspotDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, hubspotDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, hubspotDefinition);
	}
}
