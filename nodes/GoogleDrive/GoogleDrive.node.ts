import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { googleDriveDefinition } from './GoogleDrive.service';
import { packageRuntime } from '../runtime';

/** Google Drive, built from its spec; it shares the one Google Workspace connection with the other Google nodes. */
export class GoogleDrive implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(googleDriveDefinition.spec, {
			icon: { light: 'file:googleDrive.svg', dark: 'file:googleDrive.dark.svg' },
		}),
		displayName: 'Google Drive (API Connections)',
		icon: { light: 'file:googleDrive.svg', dark: 'file:googleDrive.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, googleDriveDefinition, packageRuntime());
	}
}
