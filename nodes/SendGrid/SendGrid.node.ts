import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { sendGridDefinition } from './SendGrid.service';
import { packageRuntime } from '../runtime';

/** SendGrid, built from its spec. */
export class SendGrid implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(sendGridDefinition.spec, {
			icon: { light: 'file:sendGrid.svg', dark: 'file:sendGrid.dark.svg' },
		}),
		displayName: 'SendGrid (API Connections)',
		icon: { light: 'file:sendGrid.svg', dark: 'file:sendGrid.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, sendGridDefinition, packageRuntime());
	}
}
