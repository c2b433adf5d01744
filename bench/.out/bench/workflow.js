"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runWorkflow = runWorkflow;
/**
 * Runs one node inside a real two-node workflow (source → node) through n8n-core's WorkflowExecute, like
 * test/harness's `runNode`, but with node types registered under their full names, so that our nodes
 * (`n8n-nodes-api-connections.*`) and n8n's own (`n8n-nodes-base.*`) run through the very same path.
 * Credentials and additional data are the harness's.
 */
require("../test/harness/env");
const n8n_core_1 = require("n8n-core");
const n8n_workflow_1 = require("n8n-workflow");
const additional_data_1 = require("../test/harness/additional-data");
const credentials_helper_1 = require("../test/harness/credentials-helper");
const SOURCE_TYPE = 'n8n-nodes-bench.input';
const SOURCE_NAME = 'Input';
const TESTED_NAME = 'Node Under Test';
function sourceNodeType(count) {
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
        async execute() {
            return [Array.from({ length: count }, (_, id) => ({ json: { id }, pairedItem: { item: 0 } }))];
        },
    };
}
class BenchNodeTypes {
    types;
    constructor(types) {
        this.types = types;
    }
    getByName(nodeType) {
        const type = this.types.get(nodeType);
        if (!type)
            throw new Error(`Unknown node type "${nodeType}"`);
        return type;
    }
    getByNameAndVersion(nodeType, version) {
        return n8n_workflow_1.NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
    }
    getKnownTypes() {
        return {};
    }
}
async function runWorkflow(opts) {
    const mode = opts.mode ?? 'trigger';
    const nodeTypes = new BenchNodeTypes(new Map([...Object.entries(opts.types), [SOURCE_TYPE, sourceNodeType(opts.items)]]));
    const tested = { id: 'node-under-test', name: TESTED_NAME, position: [200, 0], ...opts.node };
    const source = { id: 'bench-input', name: SOURCE_NAME, type: SOURCE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
    const connections = { [SOURCE_NAME]: { main: [[{ node: TESTED_NAME, type: 'main', index: 0 }]] } };
    const settings = { executionOrder: 'v1' };
    const workflowId = 'bench-workflow';
    const workflow = new n8n_workflow_1.Workflow({ id: workflowId, name: 'Bench', nodes: [source, tested], connections, active: false, nodeTypes, staticData: {}, settings });
    const now = new Date();
    const workflowData = {
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
    const hooks = new n8n_core_1.ExecutionLifecycleHooks(mode, executionId, workflowData);
    const credentialsHelper = new credentials_helper_1.HarnessCredentialsHelper(opts.credentialTypes, opts.credentials);
    const additionalData = (0, additional_data_1.createAdditionalData)({ credentialsHelper, hooks, executionId, workflowId });
    const runExecutionData = (0, n8n_workflow_1.createRunExecutionData)({
        executionData: { nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }] },
    });
    const run = await new n8n_core_1.WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
    const taskData = run.data.resultData.runData[TESTED_NAME]?.at(-1);
    const error = taskData?.error ?? run.data.resultData.error;
    return {
        items: taskData?.data?.main?.[0] ?? [],
        ...(error ? { error } : {}),
        status: run.status,
    };
}
