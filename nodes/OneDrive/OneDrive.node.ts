import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { oneDriveDefinition } from './OneDrive.service';
import { packageRuntime } from '../runtime';

/** OneDrive, built from its spec. */
export class OneDrive implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(oneDriveDefinition.spec, {
			icon: { light: 'file:oneDrive.svg', dark: 'file:oneDrive.dark.svg' },
		}),
		displayName: 'OneDrive (API Connections)',
		icon: { light: 'file:oneDrive.svg', dark: 'file:oneDrive.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, oneDriveDefinition, packageRuntime());
	}
}
