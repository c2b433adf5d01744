import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { shopifyDefinition } from './Shopify.service';
import { packageRuntime } from '../runtime';

/** Shopify, built from its spec. */
export class Shopify implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(shopifyDefinition.spec, {
			icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		}),
		displayName: 'Shopify (API Connections)',
		icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, shopifyDefinition, packageRuntime());
	}
}
