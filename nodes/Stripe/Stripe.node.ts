import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { stripeDefinition } from './Stripe.spec';

/**
 * Version 2 replaced the JSON "Address" with six Address fields. n8n drops a saved value whose field the node
 * no longer has, so the JSON field stays in the spec and is shown to version 1 nodes only.
 */
function jsonAddressForV1Only(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((p) =>
		p.type === 'collection' && p.options?.some((o) => 'type' in o && o.name === 'address' && o.type === 'json')
			? { ...p, options: (p.options as INodeProperties[]).map((o) => (o.name === 'address' && o.type === 'json' ? { ...o, displayOptions: { show: { '@version': [1] } } } : o)) }
			: p,
	);
}

const built = buildDescription(stripeDefinition.spec, { icon: { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' } });

/** Stripe's common endpoints, built from the spec: form bodies, idempotency keys, cursor paging, rate-limit queue. */
export class Stripe implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...built,
		// v2: the customer address as six fields; v1 (saved workflows) keeps its JSON "Address (JSON)" field too.
		version: [1, 2],
		defaultVersion: 2,
		properties: jsonAddressForV1Only(built.properties),
		// Named apart from n8n's own nodes of the same service (the canvas keeps the short default name).
		displayName: 'Stripe (API Connections)',
		icon: { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, stripeDefinition);
	}
}
