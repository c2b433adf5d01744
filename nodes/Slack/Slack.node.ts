import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { slackDefinition } from './Slack.service';
import { packageRuntime } from '../runtime';

/** Slack, built from its spec. */
export class Slack implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(slackDefinition.spec, {
			icon: { light: 'file:slack.svg', dark: 'file:slack.dark.svg' },
		}),
		displayName: 'Slack (API Connections)',
		icon: { light: 'file:slack.svg', dark: 'file:slack.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, slackDefinition, packageRuntime());
	}
}
