import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '../../lib/builder/description';
import { executeSpec } from '../../lib/builder/execute';
import { listPages, PAGE_FIELD } from './FacebookPages.hooks';
import { facebookPagesDefinition, PAGE_TOKEN_RESOURCES } from './FacebookPages.service';
import { packageRuntime } from '../runtime';

const { spec } = facebookPagesDefinition;

/** One "Page" field for every Page-token operation (a dropdown of your Pages); the hook signs with that Page's token. */
const pageField: INodeProperties = {
	displayName: 'Page Name or ID',
	name: PAGE_FIELD,
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPages' },
	required: true,
	default: '',
	description:
		'The Page to act as; its Page access token is fetched at run time and never shown. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	displayOptions: { show: { resource: PAGE_TOKEN_RESOURCES } },
};

/** The spec's description, with the per-operation Page ID fields of Page-token resources replaced by `pageField`. */
function describe(): INodeTypeDescription {
	const base = buildDescription(spec, {
		icon: { light: 'file:facebookPages.svg', dark: 'file:facebookPages.dark.svg' },
	});
	const pageScoped = (p: INodeProperties) =>
		p.name === PAGE_FIELD &&
		((p.displayOptions?.show?.resource ?? []) as string[]).every((r) =>
			PAGE_TOKEN_RESOURCES.includes(r),
		);
	const properties = base.properties.filter((p) => !pageScoped(p));
	const lastOperation = properties.map((p) => p.name).lastIndexOf('operation');
	properties.splice(lastOperation + 1, 0, pageField);
	return { ...base, properties };
}

/** Facebook Pages: posts, insights and comments as the Page, and the Pages you manage. */
export class FacebookPages implements INodeType {
	// Icon, subtitle and usableAsTool repeated as literals (same values) so the community lint can see them.
	description: INodeTypeDescription = {
		...describe(),
		// Named apart from n8n's own nodes of the same service (the canvas keeps the short default name).
		displayName: 'Facebook Pages (API Connections)',
		icon: { light: 'file:facebookPages.svg', dark: 'file:facebookPages.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	methods = {
		loadOptions: {
			async getPages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await listPages(packageRuntime(), this, spec);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, facebookPagesDefinition, packageRuntime());
	}
}
