import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { googleCalendarDefinition } from './GoogleCalendar.service';
import { packageRuntime } from '../runtime';

/** Google Calendar, built from its spec; it shares the one Google Workspace connection with the other Google nodes. */
export class GoogleCalendar implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(googleCalendarDefinition.spec, {
			icon: { light: 'file:googleCalendar.svg', dark: 'file:googleCalendar.dark.svg' },
		}),
		displayName: 'Google Calendar (API Connections)',
		icon: { light: 'file:googleCalendar.svg', dark: 'file:googleCalendar.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, googleCalendarDefinition, packageRuntime());
	}
}
