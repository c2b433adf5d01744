import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { mailchimpDefinition } from './Mailchimp.service';
import { packageRuntime } from '../runtime';

/** Mailchimp, built from its spec. */
export class Mailchimp implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(mailchimpDefinition.spec, {
			icon: { light: 'file:mailchimp.svg', dark: 'file:mailchimp.dark.svg' },
		}),
		displayName: 'Mailchimp (API Connections)',
		icon: { light: 'file:mailchimp.svg', dark: 'file:mailchimp.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, mailchimpDefinition, packageRuntime());
	}
}
