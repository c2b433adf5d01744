import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { squareDefinition } from './Square.service';
import { packageRuntime } from '../runtime';

/** Square, built from its spec. */
export class Square implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(squareDefinition.spec, {
			icon: { light: 'file:square.svg', dark: 'file:square.dark.svg' },
		}),
		displayName: 'Square (API Connections)',
		icon: { light: 'file:square.svg', dark: 'file:square.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, squareDefinition, packageRuntime());
	}
}
