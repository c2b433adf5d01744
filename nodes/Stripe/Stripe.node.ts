import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { stripeDefinition } from './Stripe.service';
import { packageRuntime } from '../runtime';

/** Stripe's common endpoints, built from the spec: form bodies, idempotency keys, cursor paging, rate-limit queue. */
export class Stripe implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		// Versions (v2: the address as six fields) come from the spec's `versions` and its fields' `until`.
		...buildDescription(stripeDefinition.spec, {
			icon: { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' },
		}),
		// Named apart from n8n's own nodes of the same service (the canvas keeps the short default name).
		displayName: 'Stripe (API Connections)',
		icon: { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, stripeDefinition, packageRuntime());
	}
}
