import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { buildPollDescription, pollTrigger } from '../../lib/triggers';
import { pinterestDefinition } from './Pinterest.service';
import { packageRuntime } from '../runtime';

/**
 * Pinterest has no webhooks for Pins: on n8n's Poll Times this lists the board's Pins (GET /boards/{board_id}/pins)
 * and starts the workflow once for each Pin added since the previous check.
 */
export class PinterestTrigger implements INodeType {
	// Icon, subtitle and polling repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildPollDescription(pinterestDefinition, {
			icon: { light: 'file:pinterest.svg', dark: 'file:pinterest.dark.svg' },
		}),
		displayName: 'Pinterest Trigger (API Connections)',
		// n8n's app page shows the trigger's description above the actions of both nodes: it speaks for both.
		description:
			'Pinterest Pins, boards and analytics: start a workflow on each new Pin on a board (checked on a schedule), or use the actions',
		icon: { light: 'file:pinterest.svg', dark: 'file:pinterest.dark.svg' },
		subtitle: 'New Pin on Board',
		polling: true,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger(this, pinterestDefinition, packageRuntime());
	}
}
