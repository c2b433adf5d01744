import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { gitlabDefinition } from './Gitlab.service';
import { packageRuntime } from '../runtime';

/** GitLab REST API v4 (gitlab.com or self-managed), built from the spec: Link-header paging, RateLimit-* budget. */
export class Gitlab implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(gitlabDefinition.spec, {
			icon: { light: 'file:gitlab.svg', dark: 'file:gitlab.dark.svg' },
		}),
		displayName: 'GitLab (API Connections)',
		icon: { light: 'file:gitlab.svg', dark: 'file:gitlab.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, gitlabDefinition, packageRuntime());
	}
}
