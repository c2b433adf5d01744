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
import { googleDriveDefinition } from './GoogleDrive.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on Google Drive push notifications whose channel id and token check out; everything else gets 401 or 403. */
export class GoogleDriveTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(googleDriveDefinition, {
			icon: { light: 'file:googleDrive.svg', dark: 'file:googleDrive.dark.svg' },
		}),
		displayName: 'Google Drive Trigger (API Connections)',
		description:
			'Start a workflow when files change in Google Drive (push notifications, channel token verified)',
		icon: { light: 'file:googleDrive.svg', dark: 'file:googleDrive.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, googleDriveDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, googleDriveDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, googleDriveDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, googleDriveDefinition, { engine: packageRuntime() });
	}
}
