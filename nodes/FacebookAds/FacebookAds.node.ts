import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { facebookAdsDefinition } from './FacebookAds.service';
import { packageRuntime } from '../runtime';

/** Facebook Ads, built from its spec. */
export class FacebookAds implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(facebookAdsDefinition.spec, {
			icon: { light: 'file:facebookAds.svg', dark: 'file:facebookAds.dark.svg' },
		}),
		displayName: 'Facebook Ads (API Connections)',
		icon: { light: 'file:facebookAds.svg', dark: 'file:facebookAds.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, facebookAdsDefinition, packageRuntime());
	}
}
