import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { gmailDefinition } from './Gmail.service';
import { packageRuntime } from '../runtime';

/** Gmail, built from its spec; it shares the one Google Workspace connection with the other Google nodes. */
export class Gmail implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(gmailDefinition.spec, {
			icon: { light: 'file:gmail.svg', dark: 'file:gmail.dark.svg' },
		}),
		displayName: 'Gmail (API Connections)',
		icon: { light: 'file:gmail.svg', dark: 'file:gmail.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, gmailDefinition, packageRuntime());
	}
}
