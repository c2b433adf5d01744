import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { trelloDefinition } from './Trello.service';
import { packageRuntime } from '../runtime';

/** Trello, built from its spec. */
export class Trello implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(trelloDefinition.spec, {
			icon: { light: 'file:trello.svg', dark: 'file:trello.dark.svg' },
		}),
		displayName: 'Trello (API Connections)',
		icon: { light: 'file:trello.svg', dark: 'file:trello.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, trelloDefinition, packageRuntime());
	}
}
