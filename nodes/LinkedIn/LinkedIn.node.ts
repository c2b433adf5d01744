import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { linkedInDefinition } from './LinkedIn.service';
import { packageRuntime } from '../runtime';

/** LinkedIn, built from its spec. */
export class LinkedIn implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(linkedInDefinition.spec, {
			icon: { light: 'file:linkedIn.svg', dark: 'file:linkedIn.dark.svg' },
		}),
		displayName: 'LinkedIn (API Connections)',
		icon: { light: 'file:linkedIn.svg', dark: 'file:linkedIn.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, linkedInDefinition, packageRuntime());
	}
}
