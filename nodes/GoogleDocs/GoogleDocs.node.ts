import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { googleDocsDefinition } from './GoogleDocs.service';
import { packageRuntime } from '../runtime';

/** Google Docs, built from its spec; it shares the one Google Workspace connection with the other Google nodes. */
export class GoogleDocs implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(googleDocsDefinition.spec, {
			icon: { light: 'file:googleDocs.svg', dark: 'file:googleDocs.dark.svg' },
		}),
		displayName: 'Google Docs (API Connections)',
		icon: { light: 'file:googleDocs.svg', dark: 'file:googleDocs.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, googleDocsDefinition, packageRuntime());
	}
}
