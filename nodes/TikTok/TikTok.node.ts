import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { tikTokDefinition } from './TikTok.service';
import { packageRuntime } from '../runtime';

/** TikTok, built from its spec. */
export class TikTok implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(tikTokDefinition.spec, {
			icon: { light: 'file:tikTok.svg', dark: 'file:tikTok.dark.svg' },
		}),
		displayName: 'TikTok (API Connections)',
		icon: { light: 'file:tikTok.svg', dark: 'file:tikTok.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, tikTokDefinition, packageRuntime());
	}
}
