import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { airtableDefinition } from './Airtable.service';
import { packageRuntime } from '../runtime';

/** Airtable, built from its spec. */
export class Airtable implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(airtableDefinition.spec, {
			icon: { light: 'file:airtable.svg', dark: 'file:airtable.dark.svg' },
		}),
		displayName: 'Airtable (API Connections)',
		icon: { light: 'file:airtable.svg', dark: 'file:airtable.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, airtableDefinition, packageRuntime());
	}
}
