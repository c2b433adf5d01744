// Runs one node of ours inside a real two-node workflow through n8n-core's WorkflowExecute.
import './env';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	OnError,
} from 'n8n-workflow';

import { secretsOf } from '../../lib/transport/redact';
import { leakedSecrets } from '../helpers/secrets';
import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { CredentialUpdate } from './credentials-helper';

/** Package prefix of our node types, as n8n registers them when it loads the package. */
export const PACKAGE_NAME = 'n8n-nodes-api-connections';

const SOURCE_TYPE = 'n8n-nodes-harness.input';
const SOURCE_NAME = 'Input';

export interface RunNodeOptions {
	/** Instances of our node classes; each is registered as `n8n-nodes-api-connections.<description.name>`. */
	nodeTypes: Array<INodeType | IVersionedNodeType>;
	/** Instances of our credential classes (n8n's `oAuth2Api` is always registered). */
	credentialTypes?: ICredentialType[];
	node: {
		/** Short type name, e.g. `customApi`. */
		type: string;
		parameters: INodeParameters;
		/** Defaults to the type's default version, else its latest. */
		typeVersion?: number;
		/** Defaults to `{ <type>: { id: '<type>-id', name: '<type> account' } }` for every entry of `credentials`. */
		credentials?: INodeCredentials;
		/** Node setting "On Error: Continue" (`onError: 'continueRegularOutput'`). */
		continueOnFail?: boolean;
		/** Wins over `continueOnFail`; `'continueErrorOutput'` adds the error output as the last output index. */
		onError?: OnError;
		/** Defaults to the type's `defaults.name`, else its display name. */
		name?: string;
		/** Node settings "Retry On Fail", "Max. Tries" and "Wait Between Tries (ms)". */
		retryOnFail?: boolean;
		maxTries?: number;
		waitBetweenTries?: number;
	};
	/** Items the source node emits into the node under test; default `[{ json: {} }]`. */
	input?: INodeExecutionData[];
	/** Decrypted credential data by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Initial workflow static data (triggers keep hook ids and secrets in it). */
	staticData?: IDataObject;
	workflowId?: string;
	/** n8n gives every execution its own id; default `harness-execution`. */
	executionId?: string;
	/** The n8n user who started the (manual) run: n8n's WorkflowRunner sets `additionalData.userId`. */
	userId?: string;
}

export interface RunNodeResult {
	/** The tested node's outputs, one array per output index (empty when it produced none). */
	outputs: INodeExecutionData[][];
	/**
	 * The tested node's error as n8n-core recorded it: a plain copy of the NodeApiError / NodeOperationError
	 * (name, message, description, httpCode, context…), not the instance. Set whenever the node threw, also
	 * when it continued on fail; undefined when the node itself turned failures into items.
	 */
	error?: ExecutionError;
	/** The whole run as n8n-core returned it. */
	run: IRun;
	/** Credential data persisted during the run (token refresh, preAuthentication), in order. */
	credentialUpdates: CredentialUpdate[];
	/** Workflow static data after the run. */
	staticData: IDataObject;
}

/** Test-only source node: emits the harness input, each item paired to the single start item. */
function sourceNodeType(items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Harness Input',
			name: SOURCE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Emits the test input items',
			defaults: { name: SOURCE_NAME },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [structuredClone(items).map((item) => ({ ...item, pairedItem: { item: 0 } }))];
		},
	};
}

class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	add(fullName: string, type: INodeType | IVersionedNodeType): void {
		this.types.set(fullName, type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`Unknown node type "${nodeType}": pass its class in nodeTypes`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

// The version n8n gives a newly added node: the default version, else the latest.
function defaultVersion(type: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in type) return type.currentVersion;
	const { version, defaultVersion } = type.description;
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}

function onErrorSetting(node: RunNodeOptions['node']): OnError | undefined {
	if (node.onError) return node.onError;
	return node.continueOnFail ? 'continueRegularOutput' : undefined;
}

export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const nodeTypes = new HarnessNodeTypes();
	for (const type of opts.nodeTypes)
		nodeTypes.add(`${PACKAGE_NAME}.${type.description.name}`, type);
	nodeTypes.add(SOURCE_TYPE, sourceNodeType(opts.input ?? [{ json: {} }]));

	const fullType = `${PACKAGE_NAME}.${opts.node.type}`;
	const testedType = nodeTypes.getByName(fullType);
	const typeVersion = opts.node.typeVersion ?? defaultVersion(testedType);
	const description = nodeTypes.getByNameAndVersion(fullType, typeVersion)
		.description as INodeTypeDescription;

	const credentials =
		opts.node.credentials ??
		Object.fromEntries(
			Object.keys(opts.credentials ?? {}).map((type) => [
				type,
				{ id: `${type}-id`, name: `${type} account` },
			]),
		);
	const onError = onErrorSetting(opts.node);
	const tested: INode = {
		id: 'node-under-test',
		name: opts.node.name ?? description.defaults?.name ?? description.displayName,
		type: fullType,
		typeVersion,
		position: [200, 0],
		parameters: opts.node.parameters,
		...(Object.keys(credentials).length > 0 ? { credentials } : {}),
		...(onError ? { onError } : {}),
		...(opts.node.retryOnFail
			? {
					retryOnFail: true,
					maxTries: opts.node.maxTries,
					waitBetweenTries: opts.node.waitBetweenTries,
				}
			: {}),
	};
	const source: INode = {
		id: 'harness-input',
		name: SOURCE_NAME,
		type: SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const connections = {
		[SOURCE_NAME]: { main: [[{ node: tested.name, type: 'main' as const, index: 0 }]] },
	};
	const settings = { executionOrder: 'v1' as const };
	const workflowId = opts.workflowId ?? 'harness-workflow';

	const workflow = new Workflow({
		id: workflowId,
		name: 'Harness workflow',
		nodes: [source, tested],
		connections,
		active: false,
		nodeTypes,
		staticData: structuredClone(opts.staticData ?? {}),
		settings,
	});

	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: [source, tested],
		connections,
		settings,
	};
	const executionId = opts.executionId ?? 'harness-execution';
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const credentialsHelper = new HarnessCredentialsHelper(opts.credentialTypes, opts.credentials);
	const additionalData = createAdditionalData({
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
	});
	if (opts.userId) additionalData.userId = opts.userId;

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);

	const taskData = run.data.resultData.runData[tested.name]?.at(-1);
	const outputs = (taskData?.data?.main ?? []).map((items) => items ?? []);
	const error = taskData?.error ?? run.data.resultData.error;

	recordSecretScan(opts, { outputs, error, resultData: run.data.resultData });

	return {
		outputs,
		...(error ? { error } : {}),
		run,
		credentialUpdates: credentialsHelper.updates,
		staticData: plainStaticData(workflow.staticData),
	};
}

/** Every secret of the run's credentials that showed up in its outputs, errors or run data, per run. */
export const secretScans: Array<{ nodeType: string; leaked: string[] }> = [];

function recordSecretScan(opts: RunNodeOptions, produced: unknown): void {
	const secrets = [
		...new Set(
			Object.values(opts.credentials ?? {}).flatMap((data) => secretsOf(data as IDataObject)),
		),
	];
	const text = JSON.stringify(produced, (_key, value: unknown) =>
		value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
	);
	const leaked = leakedSecrets(text, secrets);
	secretScans.push({ nodeType: opts.node.type, leaked });
}

// Workflow static data is an observable proxy with a change flag; hand back plain data.
function plainStaticData(staticData: IDataObject): IDataObject {
	const copy = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	delete copy.__dataChanged;
	return copy;
}
