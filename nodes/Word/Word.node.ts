import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { wordDefinition } from './Word.service';
import { packageRuntime } from '../runtime';

/** Word, built from its spec. */
export class Word implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(wordDefinition.spec, {
			icon: { light: 'file:word.svg', dark: 'file:word.dark.svg' },
		}),
		displayName: 'Word (API Connections)',
		icon: { light: 'file:word.svg', dark: 'file:word.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, wordDefinition, packageRuntime());
	}
}
