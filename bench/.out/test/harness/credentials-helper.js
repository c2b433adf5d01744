"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HarnessCredentialsHelper = void 0;
// In-memory stand-in for n8n's server `CredentialsHelper` (n8n/dist/credentials-helper.js): same
// authenticate / preAuthentication / defaults / parent-type behaviour, with a map instead of the database.
require("./env");
const n8n_core_1 = require("n8n-core");
const n8n_workflow_1 = require("n8n-workflow");
const oauth2_api_1 = require("./oauth2-api");
const clone = (value) => structuredClone(value);
// n8n resolves credential expressions against a throwaway one-node workflow.
const mockNode = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const mockNodeTypes = {
    getByName: () => ({ description: { properties: [] } }),
    getByNameAndVersion: () => ({ description: { properties: [] } }),
    getKnownTypes: () => ({}),
};
/** Stored credential handed out by `getCredentials`; writes go back to the helper's store. */
class StoredCredentials extends n8n_workflow_1.ICredentials {
    helper;
    constructor(nodeCredentials, type, helper) {
        super(nodeCredentials, type);
        this.helper = helper;
    }
    async getData() {
        return this.helper.getStored(this.type);
    }
    getDataToSave() {
        return {
            id: this.id,
            name: this.name,
            type: this.type,
            data: JSON.stringify(this.helper.getStored(this.type)),
        };
    }
    async setData(data) {
        this.helper.store(this.type, data);
    }
    async updateData(toUpdate, toDelete = []) {
        const data = { ...this.helper.getStored(this.type), ...toUpdate };
        for (const key of toDelete)
            delete data[key];
        this.helper.store(this.type, data);
    }
}
class HarnessCredentialsHelper extends n8n_workflow_1.ICredentialsHelper {
    /** Every persisted change (token refreshes, preAuthentication results), in order. */
    updates = [];
    types = new Map();
    data = new Map();
    constructor(credentialTypes = [], credentials = {}) {
        super();
        const oAuth2 = (0, oauth2_api_1.n8nOAuth2Api)();
        this.types.set(oAuth2.name, oAuth2);
        for (const type of credentialTypes)
            this.types.set(type.name, type);
        for (const [type, data] of Object.entries(credentials))
            this.data.set(type, clone(data));
    }
    getCredentialType(name) {
        const type = this.types.get(name);
        if (!type)
            throw new Error(`Unknown credential type "${name}": pass its class in credentialTypes`);
        return type;
    }
    /** A copy of the stored (raw, unresolved) data of a credential type. */
    getStored(type) {
        const data = this.data.get(type);
        if (!data)
            throw new Error(`No credentials of type "${type}" were given to the harness`);
        return clone(data);
    }
    /** Replaces the stored data of a credential type without recording an update. */
    store(type, data) {
        this.data.set(type, clone(data));
    }
    record(type) {
        this.updates.push({ type, data: this.getStored(type) });
    }
    async authenticate(credentials, typeName, incomingRequestOptions, workflow, node) {
        const requestOptions = incomingRequestOptions;
        const { authenticate } = this.getCredentialType(typeName);
        if (!authenticate)
            return requestOptions;
        if (typeof authenticate === 'function') {
            return await authenticate(credentials, requestOptions);
        }
        if (!workflow || !node) {
            throw new Error('Workflow and node are required for declarative credential authentication');
        }
        requestOptions.headers ??= {};
        if (authenticate.type !== 'generic')
            return requestOptions;
        const target = requestOptions;
        for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
            // n8n iterates the entries of every property; a string (e.g. `url`) would throw there too.
            if (typeof outerValue !== 'object' || outerValue === null) {
                throw new Error(`Credential "${typeName}": generic authenticate.properties.${outerKey} must be an object, ` +
                    "n8n's CredentialsHelper assigns its entries one by one");
            }
            for (const [key, value] of Object.entries(outerValue)) {
                const keyResolved = this.resolveValue(key, credentials, workflow, node);
                const valueResolved = this.resolveValue(value, credentials, workflow, node);
                target[outerKey] ??= {};
                target[outerKey][keyResolved] = valueResolved;
            }
        }
        return requestOptions;
    }
    resolveValue(value, credentials, workflow, node) {
        if (!(0, n8n_workflow_1.isExpression)(value))
            return value;
        const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
        return resolved ? resolved.toString() : '';
    }
    async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
        const credentialType = this.getCredentialType(typeName);
        const expirable = credentialType.properties.find((property) => property.type === 'hidden' && property.typeOptions?.expirable === true);
        if (expirable?.name === undefined)
            return undefined;
        if (typeof credentialType.preAuthentication !== 'function')
            return undefined;
        // n8n's credential tester runs a noOp node with an empty `temp` parameter: always re-authenticate then.
        const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
        if (!(credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials))
            return undefined;
        const output = await credentialType.preAuthentication.call(helpers, credentials);
        if (output[expirable.name] === undefined)
            return undefined;
        const nodeCredentials = node.credentials?.[credentialType.name];
        if (!nodeCredentials)
            return undefined;
        // Never overwrite a field stored as an expression with the value it resolved to this run.
        const stored = this.getStored(credentialType.name);
        const toPersist = { ...stored };
        for (const [key, value] of Object.entries(output)) {
            if (key === expirable.name || !(0, n8n_workflow_1.isExpression)(stored[key]))
                toPersist[key] = value;
        }
        await this.updateCredentials(nodeCredentials, credentialType.name, toPersist);
        return Object.assign(credentials, output);
    }
    async runPreAuthentication(helpers, credentials, typeName) {
        const { preAuthentication } = this.getCredentialType(typeName);
        if (typeof preAuthentication !== 'function')
            return undefined;
        const output = await preAuthentication.call(helpers, credentials);
        return output ?? undefined;
    }
    /** Parent types along `extends`, recursively (n8n's `CredentialTypes.getParentTypes`). */
    getParentTypes(typeName) {
        const parents = this.types.get(typeName)?.extends ?? [];
        return [...parents, ...parents.flatMap((parent) => this.getParentTypes(parent))];
    }
    isCredentialUsableByNode(credentialType, nodeType) {
        const type = this.types.get(credentialType);
        if (!type?.restrictToSupportedNodes)
            return true;
        const shortName = nodeType.slice(nodeType.lastIndexOf('.') + 1);
        return (type.supportedNodes ?? []).some((name) => name === nodeType || name === shortName);
    }
    async getCredentials(nodeCredentials, type) {
        this.getStored(type);
        return new StoredCredentials(nodeCredentials, type, this);
    }
    async getDecrypted(additionalData, _nodeCredentials, type, mode, executeData, raw, expressionResolveValues) {
        const stored = this.getStored(type);
        if (raw === true)
            return stored;
        return await this.applyDefaultsAndResolve(additionalData, stored, type, mode, executeData, expressionResolveValues);
    }
    /** Fills property defaults (dropping undeclared fields, as n8n does) and resolves expressions. */
    async applyDefaultsAndResolve(additionalData, original, type, mode, executeData, expressionResolveValues) {
        const properties = this.getCredentialsProperties(type);
        let data = n8n_workflow_1.NodeHelpers.getNodeParameters(properties, clone(original), true, false, null, null);
        // Token data is not a declared property, so getNodeParameters dropped it.
        if (original.oauthTokenData !== undefined)
            data.oauthTokenData = clone(original.oauthTokenData);
        const additionalKeys = (0, n8n_core_1.getAdditionalKeys)(additionalData, mode, null, { isCredential: true });
        if (expressionResolveValues) {
            try {
                data = expressionResolveValues.workflow.expression.getParameterValue(data, expressionResolveValues.runExecutionData, expressionResolveValues.runIndex, expressionResolveValues.itemIndex, expressionResolveValues.node.name, expressionResolveValues.connectionInputData, mode, additionalKeys, executeData, false, data);
            }
            catch (error) {
                error.message += ' [Error resolving credentials]';
                throw error;
            }
            return data;
        }
        const workflow = new n8n_workflow_1.Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockNodeTypes });
        return await workflow.expression.withIsolate(async () => workflow.expression.getComplexParameterValue(mockNode, data, mode, additionalKeys, undefined, undefined, data));
    }
    async updateCredentials(_nodeCredentials, type, data) {
        this.store(type, data);
        this.record(type);
    }
    async updateCredentialsOauthTokenData(_nodeCredentials, type, data) {
        // n8n persists only the token data; the rest of the stored credential stays as it was.
        this.store(type, { ...this.getStored(type), oauthTokenData: clone(data.oauthTokenData) });
        this.record(type);
    }
    getCredentialsProperties(type) {
        const credentialType = this.getCredentialType(type);
        if (credentialType.extends === undefined) {
            if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
                return [
                    ...credentialType.properties,
                    {
                        displayName: 'oauthTokenData',
                        name: 'oauthTokenData',
                        type: 'json',
                        required: false,
                        default: {},
                    },
                ];
            }
            return credentialType.properties;
        }
        const combined = [];
        for (const parent of credentialType.extends) {
            n8n_workflow_1.NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
        }
        // The child's own properties take precedence over the parents'.
        n8n_workflow_1.NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
        return combined;
    }
}
exports.HarnessCredentialsHelper = HarnessCredentialsHelper;
