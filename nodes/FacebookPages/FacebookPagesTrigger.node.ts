import type {
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	buildTriggerDescription,
	triggerCheckExists,
	triggerCreate,
	triggerDelete,
	triggerWebhook,
} from '../../lib/triggers';
import { listPages, PAGE_FIELD } from './FacebookPages.hooks';
import { facebookPagesDefinition } from './FacebookPages.service';
import { packageRuntime } from '../runtime';

const { spec } = facebookPagesDefinition;

/** The app-level half of the setup (the node subscribes the Page itself). */
const setupNotice: INodeProperties = {
	displayName:
		"Once, in your Meta app: Webhooks → Page → Subscribe to this object, with this node's Production URL as Callback URL and the Verify Token below. Activating the workflow then subscribes the chosen Page to the selected fields.",
	name: 'registrationNotice',
	type: 'notice',
	default: '',
};

/** The Page as a dropdown of the Pages the user manages (as in the action node). */
function describe(): INodeTypeDescription {
	const base = buildTriggerDescription(facebookPagesDefinition, {
		icon: { light: 'file:facebookPages.svg', dark: 'file:facebookPages.dark.svg' },
	});
	const properties = base.properties.map((p): INodeProperties =>
		p.name === PAGE_FIELD
			? {
					...p,
					displayName: 'Page Name or ID',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getPages' },
					description:
						'The Page whose events start the workflow. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				}
			: p,
	);
	return { ...base, properties: [setupNotice, ...properties] };
}

/** Facebook Page feed and mention events; registers the Page's subscription, verifies X-Hub-Signature-256. */
export class FacebookPagesTrigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) so the community lint can see them.
	description: INodeTypeDescription = {
		...describe(),
		// Named apart from n8n's own nodes of the same service (the canvas keeps the short default name).
		displayName: 'Facebook Pages Trigger (API Connections)',
		// n8n's app page shows the trigger's description above the actions of both nodes: it speaks for both.
		description:
			'Facebook Pages you manage: start a workflow on feed and mention events (signature verified), or use the actions',
		icon: { light: 'file:facebookPages.svg', dark: 'file:facebookPages.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	methods = {
		loadOptions: {
			async getPages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await listPages(packageRuntime(), this, spec);
			},
		},
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, facebookPagesDefinition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, facebookPagesDefinition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, facebookPagesDefinition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, facebookPagesDefinition);
	}
}
