import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { buildPollDescription, pollTrigger } from '../../lib/triggers';
import { gmailDefinition } from './Gmail.service';
import { packageRuntime } from '../runtime';

/**
 * Gmail pushes changes only through Google Cloud Pub/Sub: on n8n's Poll Times this reads the mailbox history
 * since the last check (users.history.list) and starts the workflow once for each new message matching the
 * labels and search (docs/services/gmail.md).
 */
export class GmailTrigger implements INodeType {
	// Icon, subtitle and polling repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildPollDescription(gmailDefinition, {
			icon: { light: 'file:gmail.svg', dark: 'file:gmail.dark.svg' },
		}),
		displayName: 'Gmail Trigger (API Connections)',
		description:
			'Gmail messages, drafts, labels and threads: start a workflow on each new message (checked on a schedule), or use the actions',
		icon: { light: 'file:gmail.svg', dark: 'file:gmail.dark.svg' },
		subtitle: 'New Message',
		polling: true,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger(this, gmailDefinition, packageRuntime());
	}
}
