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
import { airtableDefinition } from './Airtable.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on Airtable deliveries whose signature checks out; everything else gets 401. */
export class AirtableTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(airtableDefinition, {
			icon: { light: 'file:airtable.svg', dark: 'file:airtable.dark.svg' },
		}),
		displayName: 'Airtable Trigger (API Connections)',
		description: 'Start a workflow on Airtable events (signature verified)',
		icon: { light: 'file:airtable.svg', dark: 'file:airtable.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, airtableDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, airtableDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, airtableDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, airtableDefinition, { engine: packageRuntime() });
	}
}
