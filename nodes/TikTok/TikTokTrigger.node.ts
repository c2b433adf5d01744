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
import { tikTokDefinition } from './TikTok.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on TikTok deliveries whose signature checks out; everything else gets 401. */
export class TikTokTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(tikTokDefinition, {
			icon: { light: 'file:tikTok.svg', dark: 'file:tikTok.dark.svg' },
		}),
		displayName: 'TikTok Trigger (API Connections)',
		description: 'Start a workflow on TikTok events (signature verified)',
		icon: { light: 'file:tikTok.svg', dark: 'file:tikTok.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, tikTokDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, tikTokDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, tikTokDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, tikTokDefinition);
	}
}
