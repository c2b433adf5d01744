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
import { googleCalendarDefinition } from './GoogleCalendar.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on Google Calendar push notifications whose channel id and token check out; everything else gets 401 or 403. */
export class GoogleCalendarTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(googleCalendarDefinition, {
			icon: { light: 'file:googleCalendar.svg', dark: 'file:googleCalendar.dark.svg' },
		}),
		displayName: 'Google Calendar Trigger (API Connections)',
		description:
			'Start a workflow when events change in a Google Calendar (push notifications, channel token verified)',
		icon: { light: 'file:googleCalendar.svg', dark: 'file:googleCalendar.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, googleCalendarDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, googleCalendarDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, googleCalendarDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, googleCalendarDefinition, { engine: packageRuntime() });
	}
}
