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
import { xTwitterDefinition } from './XTwitter.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on X Account Activity deliveries whose signature checks out; everything else gets 401. */
export class XTwitterTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(xTwitterDefinition, {
			icon: { light: 'file:xTwitter.svg', dark: 'file:xTwitter.dark.svg' },
		}),
		displayName: 'X (Twitter) Trigger (API Connections)',
		description: 'Start a workflow on X Account Activity events (CRC answered, signature verified)',
		icon: { light: 'file:xTwitter.svg', dark: 'file:xTwitter.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, xTwitterDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, xTwitterDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, xTwitterDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, xTwitterDefinition);
	}
}
