import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { notionDefinition } from './Notion.service';
import { packageRuntime } from '../runtime';

/** Notion, built from its spec. */
export class Notion implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(notionDefinition.spec, {
			icon: { light: 'file:notion.svg', dark: 'file:notion.dark.svg' },
		}),
		displayName: 'Notion (API Connections)',
		icon: { light: 'file:notion.svg', dark: 'file:notion.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, notionDefinition, packageRuntime());
	}
}
