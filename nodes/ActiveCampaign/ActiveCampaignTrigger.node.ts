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
import { activeCampaignDefinition } from './ActiveCampaign.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on ActiveCampaign deliveries to the registered URL with its secret; everything else gets 401. */
export class ActiveCampaignTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(activeCampaignDefinition, {
			icon: { light: 'file:activeCampaign.svg', dark: 'file:activeCampaign.dark.svg' },
		}),
		displayName: 'ActiveCampaign Trigger (API Connections)',
		description:
			'Start a workflow on ActiveCampaign events (webhooks registered through the API, a secret in the URL)',
		icon: { light: 'file:activeCampaign.svg', dark: 'file:activeCampaign.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, activeCampaignDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, activeCampaignDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, activeCampaignDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, activeCampaignDefinition);
	}
}
