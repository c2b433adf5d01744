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
import { sendGridDefinition } from './SendGrid.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on SendGrid deliveries whose signature checks out; everything else gets 401. */
export class SendGridTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(sendGridDefinition, {
			icon: { light: 'file:sendGrid.svg', dark: 'file:sendGrid.dark.svg' },
		}),
		displayName: 'SendGrid Trigger (API Connections)',
		description: 'Start a workflow on SendGrid events (signature verified)',
		icon: { light: 'file:sendGrid.svg', dark: 'file:sendGrid.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, sendGridDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, sendGridDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, sendGridDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, sendGridDefinition, { engine: packageRuntime() });
	}
}
