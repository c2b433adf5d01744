/**
 * Runs one node inside a real two-node workflow (source → node) through n8n-core's WorkflowExecute, like
 * test/harness's `runNode`, but with node types registered under their full names, so that our nodes
 * (`n8n-nodes-api-connections.*`) and n8n's own (`n8n-nodes-base.*`) run through the very same path.
 * Credentials and additional data are the harness's.
 */
import '../test/harness/env';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData } from '../test/harness/additional-data';
import { HarnessCredentialsHelper } from '../test/harness/credentials-helper';

const SOURCE_TYPE = 'n8n-nodes-bench.input';
const SOURCE_NAME = 'Input';
const TESTED_NAME = 'Node Under Test';

/** The node under test as it would be stored in a workflow (settings included). */
export type BenchNode = Omit<INode, 'id' | 'name' | 'position'>;

export interface WorkflowRunOptions {
	/** Node types by full type name (`<package>.<name>`). */
	types: Record<string, INodeType | IVersionedNodeType>;
	node: BenchNode;
	/** How many items the source emits: `{ id: 0 }`, `{ id: 1 }`, … */
	items: number;
	credentialTypes?: ICredentialType[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Default `trigger`: how an activated workflow runs. */
	mode?: WorkflowExecuteMode;
}

export interface WorkflowRunResult {
	/** The node's first output. */
	items: INodeExecutionData[];
	/** The node's error, when it failed as a whole (not per item). */
	error?: ExecutionError;
	status: string;
}

function sourceNodeType(count: number): INodeType {
	return {
		description: {
			displayName: 'Bench Input',
			name: SOURCE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Emits the benchmark items',
			defaults: { name: SOURCE_NAME },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [
				Array.from({ length: count }, (_, id) => ({ json: { id }, pairedItem: { item: 0 } })),
			];
		},
	};
}

class BenchNodeTypes implements INodeTypes {
	constructor(private readonly types: Map<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`Unknown node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export async function runWorkflow(opts: WorkflowRunOptions): Promise<WorkflowRunResult> {
	const mode = opts.mode ?? 'trigger';
	const nodeTypes = new BenchNodeTypes(
		new Map([...Object.entries(opts.types), [SOURCE_TYPE, sourceNodeType(opts.items)]]),
	);
	const tested: INode = {
		id: 'node-under-test',
		name: TESTED_NAME,
		position: [200, 0],
		...opts.node,
	};
	const source: INode = {
		id: 'bench-input',
		name: SOURCE_NAME,
		type: SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const connections = {
		[SOURCE_NAME]: { main: [[{ node: TESTED_NAME, type: 'main' as const, index: 0 }]] },
	};
	const settings = { executionOrder: 'v1' as const };
	const workflowId = 'bench-workflow';
	const workflow = new Workflow({
		id: workflowId,
		name: 'Bench',
		nodes: [source, tested],
		connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings,
	});

	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: 'Bench',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: [source, tested],
		connections,
		settings,
	};
	const executionId = 'bench-execution';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const credentialsHelper = new HarnessCredentialsHelper(opts.credentialTypes, opts.credentials);
	const additionalData = createAdditionalData({
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(
		additionalData,
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);

	const taskData = run.data.resultData.runData[TESTED_NAME]?.at(-1);
	const error = taskData?.error ?? run.data.resultData.error;
	return {
		items: taskData?.data?.main?.[0] ?? [],
		...(error ? { error } : {}),
		status: run.status,
	};
}
