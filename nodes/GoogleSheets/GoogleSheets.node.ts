import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { googleSheetsDefinition } from './GoogleSheets.service';
import { packageRuntime } from '../runtime';

/** Google Sheets, built from its spec; it shares the one Google Workspace connection with the other Google nodes. */
export class GoogleSheets implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(googleSheetsDefinition.spec, {
			icon: { light: 'file:googleSheets.svg', dark: 'file:googleSheets.dark.svg' },
		}),
		displayName: 'Google Sheets (API Connections)',
		icon: { light: 'file:googleSheets.svg', dark: 'file:googleSheets.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, googleSheetsDefinition, packageRuntime());
	}
}
