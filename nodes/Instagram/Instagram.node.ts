import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { instagramDefinition } from './Instagram.service';
import { packageRuntime } from '../runtime';

/** Instagram: media publishing (two-step or at once), insights, comments and the connected account. */
export class Instagram implements INodeType {
	// Icon, subtitle and usableAsTool repeated as literals (same values) so the community lint can see them.
	description: INodeTypeDescription = {
		...buildDescription(instagramDefinition.spec, {
			icon: { light: 'file:instagram.svg', dark: 'file:instagram.dark.svg' },
		}),
		// Named apart from n8n's own nodes of the same service (the canvas keeps the short default name).
		displayName: 'Instagram (API Connections)',
		icon: { light: 'file:instagram.svg', dark: 'file:instagram.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, instagramDefinition, packageRuntime());
	}
}
