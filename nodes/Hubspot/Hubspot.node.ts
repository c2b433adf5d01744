import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { hubspotDefinition } from './Hubspot.service';
import { packageRuntime } from '../runtime';

/** HubSpot, built from its spec. */
export class Hubspot implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(hubspotDefinition.spec, {
			icon: { light: 'file:hubspot.svg', dark: 'file:hubspot.dark.svg' },
		}),
		displayName: 'HubSpot (API Connections)',
		icon: { light: 'file:hubspot.svg', dark: 'file:hubspot.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, hubspotDefinition, packageRuntime());
	}
}
