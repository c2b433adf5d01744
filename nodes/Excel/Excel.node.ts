import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { excelDefinition } from './Excel.service';
import { packageRuntime } from '../runtime';

/** Excel, built from its spec. */
export class Excel implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(excelDefinition.spec, {
			icon: { light: 'file:excel.svg', dark: 'file:excel.dark.svg' },
		}),
		displayName: 'Excel (API Connections)',
		icon: { light: 'file:excel.svg', dark: 'file:excel.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, excelDefinition, packageRuntime());
	}
}
