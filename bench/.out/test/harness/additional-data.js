"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HARNESS_BASE_URL = void 0;
exports.createAdditionalData = createAdditionalData;
// The smallest `IWorkflowExecuteAdditionalData` n8n-core runs with (conventions §5).
require("./env");
const n8n_core_1 = require("n8n-core");
/** Base URL of the pretend n8n instance; only has to be a valid URL. */
exports.HARNESS_BASE_URL = 'http://localhost:5678';
const unsupported = (what) => async () => {
    throw new Error(`${what} is not supported by the test harness`);
};
function createAdditionalData(opts) {
    return {
        credentialsHelper: opts.credentialsHelper,
        hooks: opts.hooks,
        executionId: opts.executionId,
        workflowId: opts.workflowId,
        currentNodeExecutionIndex: 0,
        variables: {},
        restApiUrl: `${exports.HARNESS_BASE_URL}/rest`,
        instanceBaseUrl: `${exports.HARNESS_BASE_URL}/`,
        formBaseUrl: `${exports.HARNESS_BASE_URL}/form`,
        formWaitingBaseUrl: `${exports.HARNESS_BASE_URL}/form-waiting`,
        formTestBaseUrl: `${exports.HARNESS_BASE_URL}/form-test`,
        webhookBaseUrl: `${exports.HARNESS_BASE_URL}/webhook`,
        webhookWaitingBaseUrl: `${exports.HARNESS_BASE_URL}/webhook-waiting`,
        webhookTestBaseUrl: `${exports.HARNESS_BASE_URL}/webhook-test`,
        mcpBaseUrl: `${exports.HARNESS_BASE_URL}/mcp`,
        mcpTestBaseUrl: `${exports.HARNESS_BASE_URL}/mcp-test`,
        externalSecretsProxy: new n8n_core_1.ExternalSecretsProxy(),
        executeWorkflow: unsupported('executeWorkflow'),
        startRunnerTask: unsupported('startRunnerTask'),
        getRunExecutionData: async () => undefined,
        getRuntimeCredential: async () => undefined,
        logAiEvent: () => { },
    };
}
