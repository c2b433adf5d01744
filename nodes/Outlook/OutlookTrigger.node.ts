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
import { outlookDefinition } from './Outlook.service';
import { packageRuntime } from '../runtime';

/**
 * Starts the workflow on Microsoft Graph change notifications (Outlook mail, calendar events, contacts, OneDrive):
 * a subscription made on activation, renewed before it lapses, removed on deactivation; every notification's
 * clientState checked; each change emitted once with the changed resource.
 */
export class OutlookTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(outlookDefinition, {
			icon: { light: 'file:microsoft365.svg', dark: 'file:microsoft365.dark.svg' },
			displayName: 'Microsoft 365 Trigger (API Connections)',
		}),
		displayName: 'Microsoft 365 Trigger (API Connections)',
		description:
			'Start a workflow when Outlook mail, calendar events, contacts or OneDrive files change (Microsoft Graph change notifications)',
		icon: { light: 'file:microsoft365.svg', dark: 'file:microsoft365.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
		defaults: { name: 'Microsoft 365 Trigger' },
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, outlookDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, outlookDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, outlookDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, outlookDefinition, { engine: packageRuntime() });
	}
}
