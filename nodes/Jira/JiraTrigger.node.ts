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
import { jiraDefinition } from './Jira.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on Jira deliveries whose signature checks out; everything else gets 401. */
export class JiraTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(jiraDefinition, {
			icon: { light: 'file:jira.svg', dark: 'file:jira.dark.svg' },
		}),
		displayName: 'Jira Trigger (API Connections)',
		description: 'Start a workflow on Jira events (signature verified)',
		icon: { light: 'file:jira.svg', dark: 'file:jira.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, jiraDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, jiraDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, jiraDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, jiraDefinition);
	}
}
