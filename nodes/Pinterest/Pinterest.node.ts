import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { pinterestDefinition } from './Pinterest.service';
import { packageRuntime } from '../runtime';

/** Pinterest, built from its spec. */
export class Pinterest implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(pinterestDefinition.spec, {
			icon: { light: 'file:pinterest.svg', dark: 'file:pinterest.dark.svg' },
		}),
		displayName: 'Pinterest (API Connections)',
		icon: { light: 'file:pinterest.svg', dark: 'file:pinterest.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, pinterestDefinition, packageRuntime());
	}
}
