import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { buildPollDescription, pollTrigger } from '../../lib/triggers';
import { linkedInDefinition } from './LinkedIn.service';
import { packageRuntime } from '../runtime';

/**
 * Checks LinkedIn on n8n's Poll Times and starts the workflow once for each new comment or mention on a company
 * page's posts (LinkedIn's webhooks are for approved partners only, so this trigger polls).
 */
export class LinkedInTrigger implements INodeType {
	// Icon, subtitle and polling repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildPollDescription(linkedInDefinition, {
			icon: { light: 'file:linkedIn.svg', dark: 'file:linkedIn.dark.svg' },
		}),
		displayName: 'LinkedIn Trigger (API Connections)',
		description:
			"Start a workflow on each new comment or mention on a LinkedIn page's posts (checked on a schedule)",
		icon: { light: 'file:linkedIn.svg', dark: 'file:linkedIn.dark.svg' },
		subtitle: '={{"Event: " + $parameter["event"]}}',
		polling: true,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger(this, linkedInDefinition, packageRuntime());
	}
}
