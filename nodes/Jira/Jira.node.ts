import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { jiraDefinition } from './Jira.service';
import { packageRuntime } from '../runtime';

/** Jira, built from its spec. */
export class Jira implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(jiraDefinition.spec, {
			icon: { light: 'file:jira.svg', dark: 'file:jira.dark.svg' },
		}),
		displayName: 'Jira (API Connections)',
		icon: { light: 'file:jira.svg', dark: 'file:jira.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, jiraDefinition, packageRuntime());
	}
}
