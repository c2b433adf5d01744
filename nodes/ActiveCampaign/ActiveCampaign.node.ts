import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { activeCampaignDefinition } from './ActiveCampaign.service';
import { packageRuntime } from '../runtime';

/** ActiveCampaign, built from its spec. */
export class ActiveCampaign implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(activeCampaignDefinition.spec, {
			icon: { light: 'file:activeCampaign.svg', dark: 'file:activeCampaign.dark.svg' },
		}),
		displayName: 'ActiveCampaign (API Connections)',
		icon: { light: 'file:activeCampaign.svg', dark: 'file:activeCampaign.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, activeCampaignDefinition, packageRuntime());
	}
}
