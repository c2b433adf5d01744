/**
 * Runs a polling trigger's `poll()` the way n8n's poll job does: one `Workflow` whose static data lives
 * across polls, and n8n-core's own `PollContext` (credentials, `refreshOAuth2Token`, static data, mode).
 */
import '../harness/env';
import { PollContext } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IPollFunctions,
	IVersionedNodeType,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData } from '../harness/additional-data';
import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import { PACKAGE_NAME } from '../harness/run-node';

class OneNodeType implements INodeTypes {
	constructor(
		private readonly name: string,
		private readonly type: INodeType | IVersionedNodeType,
	) {}

	getByName(name: string): INodeType | IVersionedNodeType {
		if (name !== this.name) throw new Error(`Unknown node type ${name}`);
		return this.type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes() {
		return {};
	}
}

export interface PollHarness {
	/** One poll in production (`trigger`) or editor (`manual`) mode. */
	poll(mode?: WorkflowExecuteMode): Promise<INodeExecutionData[][] | null>;
	credentials: HarnessCredentialsHelper;
	staticData(): Record<string, unknown>;
}

export function createPollHarness(opts: {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentialTypes?: ICredentialType[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	nodeCredentials?: INodeCredentials;
	workflowId?: string;
	workflowName?: string;
}): PollHarness {
	const fullType = `${PACKAGE_NAME}.${opts.nodeType.description.name}`;
	const nodeTypes = new OneNodeType(fullType, opts.nodeType);
	const node: INode = {
		id: 'poll-node',
		name: String(opts.nodeType.description.defaults.name ?? opts.nodeType.description.displayName),
		type: fullType,
		typeVersion: 1,
		position: [0, 0],
		parameters: opts.parameters,
		...(opts.nodeCredentials ? { credentials: opts.nodeCredentials } : {}),
	};
	const workflow = new Workflow({
		id: opts.workflowId ?? 'wf-monitor',
		name: opts.workflowName ?? 'Monitor workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const credentials = new HarnessCredentialsHelper(opts.credentialTypes, opts.credentials);
	return {
		credentials,
		staticData: () => JSON.parse(JSON.stringify(workflow.getStaticData('node', node))),
		async poll(mode: WorkflowExecuteMode = 'trigger') {
			const additionalData = createAdditionalData({
				credentialsHelper: credentials,
				workflowId: workflow.id,
			});
			const ctx = new PollContext(workflow, node, additionalData, mode, 'activate');
			return await opts.nodeType.poll!.call(ctx as unknown as IPollFunctions);
		},
	};
}
