"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openConnection = openConnection;
/** Open the connection an item uses: its credential's base URL and a redactor for its secrets. */
const n8n_workflow_1 = require("n8n-workflow");
const redact_1 = require("../transport/redact");
const url_1 = require("../transport/url");
/**
 * @param baseUrlTemplate e.g. `https://api.example.com` or `{baseUrl}` (taken from the credential);
 * when no credential is used, `fallbackFields` fills it (e.g. the node's own Base URL field).
 */
async function openConnection(fn, itemIndex, credentialType, baseUrlTemplate, fallbackFields = {}) {
    const data = credentialType ? (await fn.getCredentials(credentialType, itemIndex)) : {};
    const redact = (0, redact_1.makeRedactor)((0, redact_1.secretsOf)(data));
    try {
        const baseUrl = (0, url_1.resolveBaseUrl)(baseUrlTemplate, { ...fallbackFields, ...data });
        return {
            baseUrl,
            redact,
            credentialType,
            credentialName: credentialType ? fn.getNode().credentials?.[credentialType]?.name : undefined,
        };
    }
    catch (error) {
        const message = error instanceof url_1.UrlBuildError ? error.message : error.message;
        throw new n8n_workflow_1.NodeOperationError(fn.getNode(), redact(message), { itemIndex });
    }
}
