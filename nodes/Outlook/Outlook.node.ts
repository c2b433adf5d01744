import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { outlookDefinition } from './Outlook.service';
import { packageRuntime } from '../runtime';

/** Outlook, built from its spec. */
export class Outlook implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(outlookDefinition.spec, {
			icon: { light: 'file:outlook.svg', dark: 'file:outlook.dark.svg' },
		}),
		displayName: 'Outlook (API Connections)',
		icon: { light: 'file:outlook.svg', dark: 'file:outlook.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, outlookDefinition, packageRuntime());
	}
}
