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
import { mailchimpDefinition } from './Mailchimp.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on Mailchimp list webhook deliveries that carry the trigger's URL secret; everything else gets 401. */
export class MailchimpTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(mailchimpDefinition, {
			icon: { light: 'file:mailchimp.svg', dark: 'file:mailchimp.dark.svg' },
		}),
		displayName: 'Mailchimp Trigger (API Connections)',
		description: 'Start a workflow on Mailchimp audience events (list webhook, secret URL)',
		icon: { light: 'file:mailchimp.svg', dark: 'file:mailchimp.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, mailchimpDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, mailchimpDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, mailchimpDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, mailchimpDefinition);
	}
}
