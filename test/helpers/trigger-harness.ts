/**
 * Runs a trigger node the way n8n does, in-process: its `webhookMethods` through n8n-core's real
 * `HookContext`, and deliveries through n8n-core's real `WebhookContext`, over one workflow whose
 * static data persists between calls (as n8n keeps it between activation and deliveries).
 * Credentials go through the harness's `CredentialsHelper`, so the engine's `send()` authenticates
 * exactly as in a workflow run; serve the service's HTTP with nock.
 *
 *   const t = createTriggerHarness({ nodeType: new AcmeTrigger(), parameters: { events: ['a'] }, credentials: { acmeApi: { accessToken: 'T' } } });
 *   await t.run('create');
 *   const { result, response } = await t.deliver({ headers, rawBody });
 */
import '../harness/env';
import { HookContext, WebhookContext } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHookFunctions,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';

import { createAdditionalData, HARNESS_BASE_URL } from '../harness/additional-data';
import { clearTriggerCredentials } from '../../lib/webhooks/credential-cache';
import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import { PACKAGE_NAME } from '../harness/run-node';
import {
	createWebhookContext,
	type CapturedResponse,
	type FakeWebhookRequest,
} from './webhook-context';

export type TriggerMode = 'production' | 'test';

export interface TriggerHarnessOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	/** Decrypted credential data by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	/** Initial workflow static data. */
	staticData?: IDataObject;
	workflowId?: string;
}

export interface Delivery extends FakeWebhookRequest {
	/** `default` (deliveries) or `setup` (handshakes). */
	webhookName?: string;
}

export interface TriggerHarness {
	node: INode;
	/** The credentials n8n would decrypt (`store` replaces one, as a user editing it does). */
	credentialsHelper: HarnessCredentialsHelper;
	/** A fresh n8n-core HookContext for the default webhook, as n8n builds one per lifecycle call. */
	hookContext(mode?: TriggerMode): IHookFunctions;
	run(method: 'checkExists' | 'create' | 'delete', mode?: TriggerMode): Promise<boolean>;
	/** Sends one request to the trigger's `webhook()` through n8n-core's WebhookContext. */
	deliver(
		request: Delivery,
		mode?: TriggerMode,
	): Promise<{ result: IWebhookResponseData; response: CapturedResponse }>;
	/** The URL n8n serves the webhook on (`/webhook/…` or `/webhook-test/…`). */
	webhookUrl(mode?: TriggerMode): string;
	/** This node's static data, as plain JSON. */
	nodeStaticData(): IDataObject;
	/** Replace node parameters (e.g. the user changed the events); defaults are filled in as n8n does. */
	setParameters(parameters: INodeParameters): void;
}

export const WEBHOOK_ID = '6f1c2f4e-0000-4000-8000-00000000abcd';

export function createTriggerHarness(opts: TriggerHarnessOptions): TriggerHarness {
	const fullType = `${PACKAGE_NAME}.${opts.nodeType.description.name}`;
	const nodeTypes: INodeTypes = {
		getByName: (name: string): INodeType | IVersionedNodeType => {
			if (name !== fullType) throw new Error(`Unknown node type ${name}`);
			return opts.nodeType;
		},
		getByNameAndVersion: (name: string): INodeType => {
			if (name !== fullType) throw new Error(`Unknown node type ${name}`);
			return opts.nodeType;
		},
		getKnownTypes: () => ({}),
	};
	const credentials = Object.fromEntries(
		Object.keys(opts.credentials ?? {}).map((type) => [
			type,
			{ id: `${type}-id`, name: `${type} account` },
		]),
	);
	const node: INode = {
		id: 'trigger-node',
		name: opts.nodeType.description.defaults.name ?? opts.nodeType.description.displayName,
		type: fullType,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: opts.parameters,
		...(Object.keys(credentials).length > 0 ? { credentials } : {}),
	};
	const workflowId = opts.workflowId ?? 'trigger-workflow';
	const workflow = new Workflow({
		id: workflowId,
		name: 'Trigger workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: structuredClone(opts.staticData ?? {}),
		settings: { executionOrder: 'v1' },
	});
	const credentialsHelper = new HarnessCredentialsHelper(opts.credentialTypes, opts.credentials);
	// A new harness is a new n8n: nothing read by an earlier one (same workflow, node and credential ids) is kept.
	clearTriggerCredentials();
	const additionalData = createAdditionalData({
		credentialsHelper,
		executionId: 'trigger-execution',
		workflowId,
	});

	const webhookData = (name: string, mode: TriggerMode): IWebhookData => {
		// What n8n's getNodeWebhooks builds for each webhook of the node (not exported by n8n-workflow).
		const description = opts.nodeType.description.webhooks?.find((w) => w.name === name);
		if (!description) throw new Error(`The trigger has no '${name}' webhook`);
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: node.name,
			path: `${WEBHOOK_ID}/${String(description.path)}`,
			webhookDescription: description,
			workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
			...(mode === 'test' ? { isTest: true } : {}),
		};
	};
	const current = () => workflow.getNode(node.name)!;

	const hookContext = (mode: TriggerMode = 'production'): IHookFunctions =>
		// Production activation runs in 'trigger' mode; "listen for test event" in 'manual'.
		new HookContext(
			workflow,
			current(),
			additionalData,
			mode === 'test' ? 'manual' : 'trigger',
			mode === 'test' ? 'manual' : 'activate',
			webhookData('default', mode),
		);

	return {
		node,
		credentialsHelper,
		hookContext,
		async run(method, mode = 'production') {
			const methods = opts.nodeType.webhookMethods?.default;
			if (!methods) throw new Error('The trigger has no webhookMethods.default');
			return await methods[method].call(hookContext(mode));
		},
		async deliver(request, mode = 'production') {
			const fake = createWebhookContext({ request });
			const data = {
				...additionalData,
				httpRequest: fake.context.getRequestObject(),
				httpResponse: fake.context.getResponseObject(),
			} as typeof additionalData;
			const context = new WebhookContext(
				workflow,
				current(),
				data,
				mode === 'test' ? 'manual' : 'webhook',
				webhookData(request.webhookName ?? 'default', mode),
				[],
				null,
			);
			if (!opts.nodeType.webhook) throw new Error('The trigger has no webhook()');
			const result = await opts.nodeType.webhook.call(context);
			return { result, response: fake.response };
		},
		webhookUrl(mode = 'production') {
			return `${HARNESS_BASE_URL}/${mode === 'test' ? 'webhook-test' : 'webhook'}/${WEBHOOK_ID}/webhook`;
		},
		nodeStaticData() {
			const data = workflow.getStaticData('node', current());
			return JSON.parse(JSON.stringify(data)) as IDataObject;
		},
		setParameters(parameters) {
			// With the defaults filled in, as n8n's Workflow does when it loads a node.
			const n = current();
			n.parameters =
				NodeHelpers.getNodeParameters(
					opts.nodeType.description.properties,
					parameters,
					true,
					false,
					n,
					opts.nodeType.description,
				) ?? {};
		},
	};
}
