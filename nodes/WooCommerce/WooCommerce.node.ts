import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { wooCommerceDefinition } from './WooCommerce.service';
import { packageRuntime } from '../runtime';

/** WooCommerce, built from its spec. */
export class WooCommerce implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(wooCommerceDefinition.spec, {
			icon: { light: 'file:wooCommerce.svg', dark: 'file:wooCommerce.dark.svg' },
		}),
		displayName: 'WooCommerce (API Connections)',
		icon: { light: 'file:wooCommerce.svg', dark: 'file:wooCommerce.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, wooCommerceDefinition, packageRuntime());
	}
}
