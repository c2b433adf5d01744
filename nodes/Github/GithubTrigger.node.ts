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
import { githubDefinition } from './Github.service';
import { packageRuntime } from '../runtime';

/**
 * Creates a repository webhook for the chosen events on activation (JSON deliveries, signed with a
 * generated secret), answers GitHub's ping, starts the workflow only for deliveries whose
 * X-Hub-Signature-256 checks out (anything else gets 401), and deletes the hook on deactivation.
 */
export class GithubTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(githubDefinition, {
			icon: { light: 'file:github.svg', dark: 'file:github.dark.svg' },
		}),
		// Named apart from n8n's own nodes of the same service (the canvas keeps the short default name).
		displayName: 'GitHub Trigger (API Connections)',
		// n8n's app page shows the trigger's description above the actions of both nodes: it speaks for both.
		description:
			'GitHub repositories, issues, pull requests and releases: start a workflow on repository events (signature verified), or use the actions',
		icon: { light: 'file:github.svg', dark: 'file:github.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, githubDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, githubDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, githubDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, githubDefinition);
	}
}
