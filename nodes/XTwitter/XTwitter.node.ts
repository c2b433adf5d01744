import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { xTwitterDefinition } from './XTwitter.service';
import { packageRuntime } from '../runtime';

/** X (Twitter), built from its spec. */
export class XTwitter implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(xTwitterDefinition.spec, {
			icon: { light: 'file:xTwitter.svg', dark: 'file:xTwitter.dark.svg' },
		}),
		displayName: 'X (Twitter) (API Connections)',
		icon: { light: 'file:xTwitter.svg', dark: 'file:xTwitter.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, xTwitterDefinition, packageRuntime());
	}
}
