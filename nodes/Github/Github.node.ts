import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { githubDefinition } from './Github.service';
import { packageRuntime } from '../runtime';

/** GitHub's common endpoints, built from the spec: Link-header paging, x-ratelimit-* budget, 403/429 throttling. */
export class Github implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(githubDefinition.spec, {
			icon: { light: 'file:github.svg', dark: 'file:github.dark.svg' },
		}),
		// Named apart from n8n's own nodes of the same service (the canvas keeps the short default name).
		displayName: 'GitHub (API Connections)',
		icon: { light: 'file:github.svg', dark: 'file:github.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, githubDefinition, packageRuntime());
	}
}
