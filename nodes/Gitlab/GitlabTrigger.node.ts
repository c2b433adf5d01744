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
import { gitlabDefinition } from './Gitlab.service';
import { packageRuntime } from '../runtime';

/**
 * Creates a project (or group) hook for the chosen events on activation, with a generated secret token; starts
 * the workflow only for deliveries whose X-Gitlab-Token equals it (anything else gets 401), once per delivery;
 * deletes the hook on deactivation.
 */
export class GitlabTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(gitlabDefinition, {
			icon: { light: 'file:gitlab.svg', dark: 'file:gitlab.dark.svg' },
		}),
		displayName: 'GitLab Trigger (API Connections)',
		// n8n's app page shows the trigger's description above the actions of both nodes: it speaks for both.
		description:
			'GitLab projects, issues, merge requests and pipelines: start a workflow on project or group events (secret token verified), or use the actions',
		icon: { light: 'file:gitlab.svg', dark: 'file:gitlab.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, gitlabDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, gitlabDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, gitlabDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, gitlabDefinition);
	}
}
