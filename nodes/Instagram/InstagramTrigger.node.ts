import type {
	IHookFunctions,
	INodeProperties,
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
import { instagramDefinition } from './Instagram.service';
import { packageRuntime } from '../runtime';

/** What activation does at Meta, in place of the builder's generic notice. */
const setupNotice: INodeProperties = {
	displayName:
		"Activating this workflow points your Meta app's Instagram webhook at this node and subscribes the connected account (nothing to set up in the Meta dashboard). Meta keeps one Instagram callback per app: the workflow activated last receives the events. Deliveries are verified with the app secret of the credential.",
	name: 'registrationNotice',
	type: 'notice',
	default: '',
};

function describe(): INodeTypeDescription {
	const base = buildTriggerDescription(instagramDefinition, {
		icon: { light: 'file:instagram.svg', dark: 'file:instagram.dark.svg' },
	});
	return {
		...base,
		properties: [setupNotice, ...base.properties.filter((p) => p.name !== 'registrationNotice')],
	};
}

/** Instagram comments, mentions and messages, verified with X-Hub-Signature-256 (the app secret). */
export class InstagramTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) so the community lint can see them.
	description: INodeTypeDescription = {
		...describe(),
		// Named apart from n8n's own nodes of the same service (the canvas keeps the short default name).
		displayName: 'Instagram Trigger (API Connections)',
		// n8n's app page shows the trigger's description above the actions of both nodes: it speaks for both.
		description:
			'Instagram professional accounts: start a workflow on comments, mentions and messages (signature verified), or use the actions',
		icon: { light: 'file:instagram.svg', dark: 'file:instagram.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, instagramDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, instagramDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, instagramDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, instagramDefinition);
	}
}
